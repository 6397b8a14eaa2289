"""The Celery app: configuration for no lost work, queues and routes.

Run it with ``celery -A workers worker -Q ingest,extract`` and ``celery -A workers worker -Q ocr``
(see the README). Without PIPELINE_BROKER_URL every task runs in-process (eager)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from celery import Celery, signals
from kombu import Queue  # type: ignore[attr-defined]

from pipeline.bootstrap import Runtime, close_runtime, get_runtime
from pipeline.config import Settings
from pipeline.queues import PRIORITY_SEP, PRIORITY_STEPS, QUEUES, SENT_AT_HEADER

TASK_ROUTES = {
    "pipeline.ingest_document": {"queue": "ingest"},
    "pipeline.process_document": {"queue": "extract"},
    "pipeline.finish_document": {"queue": "extract"},
    "pipeline.ocr_page": {"queue": "ocr"},
    "pipeline.relay_outbox": {"queue": "maintenance"},
    "pipeline.sweep_stuck": {"queue": "maintenance"},
    "pipeline.reconcile": {"queue": "maintenance"},
    "pipeline.housekeeping": {"queue": "maintenance"},
}


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """What ``celery -A workers beat`` sends. Each message expires after one interval, so a
    maintenance backlog (no worker on the queue for a while) does not pile up repeats."""
    every = {
        "pipeline.relay_outbox": settings.outbox_relay_interval_seconds,
        "pipeline.sweep_stuck": settings.sweep_interval_seconds,
        "pipeline.reconcile": settings.reconcile_interval_seconds,
        "pipeline.housekeeping": settings.housekeeping_interval_seconds,
    }
    return {
        name.removeprefix("pipeline."): {
            "task": name,
            "schedule": seconds,
            "options": {"expires": seconds},
        }
        for name, seconds in every.items()
    }


def celery_config(settings: Settings) -> dict[str, Any]:
    broker = settings.broker_url or "memory://localhost/"
    return {
        "broker_url": broker,
        # Chords (OCR fan-out) need a result backend; Redis serves as both.
        "result_backend": settings.broker_url or "cache+memory://",
        "task_always_eager": settings.eager,
        "task_eager_propagates": True,
        # JSON only: nothing pickled crosses the broker, and messages carry ids, not payloads.
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        # A task is acknowledged after it ran, and redelivered if its worker died mid-task.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": settings.task_soft_time_limit,
        "task_time_limit": settings.task_time_limit,
        "broker_transport_options": {
            "visibility_timeout": settings.broker_visibility_timeout,
            # Priorities (pipeline.queues): one Redis list per level 0-9, 0 served first; a
            # message sent without one is priority 0. Each BRPOP lists every queue's level 0
            # before any queue's level 1, and rotates the queue it served to the back
            # (kombu's round robin), so queues share a worker within a level.
            "priority_steps": list(PRIORITY_STEPS),
            "sep": PRIORITY_SEP,
            "queue_order_strategy": "round_robin",
        },
        "result_backend_transport_options": {
            "visibility_timeout": settings.broker_visibility_timeout
        },
        "broker_connection_retry_on_startup": True,
        "task_ignore_result": True,
        "result_expires": 24 * 3600,
        "task_queues": [Queue(name) for name in QUEUES],
        "task_default_queue": "ingest",
        "task_routes": TASK_ROUTES,
        "task_create_missing_queues": False,
        # A document's next steps (process, OCR pages, finish) and retries go at the priority
        # its ingest message came with, so a single upload is not stuck behind a batch's
        # OCR pages either (see pipeline.fairness).
        "task_inherit_parent_priority": True,
        # Task events for Flower, with the arguments (ids only, no PII) visible.
        "worker_send_task_events": True,
        "task_send_sent_event": True,
        "task_track_started": True,
        "worker_max_memory_per_child": settings.worker_max_memory_per_child_kb,
        "worker_hijack_root_logger": False,
        "beat_schedule": beat_schedule(settings),
        "timezone": "UTC",
        "enable_utc": True,
    }


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or Settings()
    app = Celery("pipeline")
    app.conf.update(celery_config(settings))
    app.conf.pipeline_settings = settings
    return app


app = create_app()


def configure(settings: Settings) -> None:
    """Point the app at other settings (tests; ``pipeline eval`` in a scratch directory)."""
    before = (app.conf.broker_url, app.conf.result_backend)
    app.conf.update(celery_config(settings))
    app.conf.pipeline_settings = settings
    if (app.conf.broker_url, app.conf.result_backend) != before:
        # Celery builds its connection and producer pools and its result backend from the
        # configuration once, on first use, and keeps them: without this, messages sent after
        # a change still go to the broker the process used first.
        app._pool = None
        app.amqp._producer_pool = None
        app._backend_cache = None
        app._local.__dict__.pop("backend", None)


@signals.before_task_publish.connect
def _stamp_sent_at(headers: dict[str, Any] | None = None, **_: Any) -> None:
    # When the message entered its queue: how long the oldest waiting message has waited is
    # then readable from the broker (pipeline.queues.read_queue_depths). A retry is a new
    # message and is stamped anew.
    if headers is not None:
        headers[SENT_AT_HEADER] = datetime.now(UTC).isoformat()


@contextmanager
def using_settings(settings: Settings) -> Iterator[Runtime]:
    """Run this process's app and runtime on ``settings`` for the duration of the block, then
    put back the previous configuration (the runtime is rebuilt lazily on next use)."""
    before: Settings = app.conf.pipeline_settings
    close_runtime()
    configure(settings)
    try:
        yield get_runtime(settings)
    finally:
        close_runtime()
        configure(before)
