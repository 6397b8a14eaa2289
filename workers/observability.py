"""Logs and task context for Celery processes.

``celery -A workers worker|beat`` log through ``pipeline.logging.configure_logging`` (plain or
JSON lines as ``PIPELINE_LOG_JSON`` says, PII redacted) instead of Celery's own setup, and every
line logged while a task runs, Celery's "Task ... succeeded" included, carries the task's id and
name and the document (or submission) it is about. Imported by ``workers/__init__.py``, so the
signals are connected wherever the app is.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from collections import defaultdict
from collections.abc import Mapping
from contextlib import suppress
from contextvars import Token
from typing import Any

from celery import Task, signals

from pipeline.config import Settings
from pipeline.logging import bind_log_context, configure_logging, reset_log_context
from workers.app import app

# Task parameters that name what a task is about, bound into the log context under the same name:
# process_document and ocr_page take the document first, finish_document second (after the
# chord's results), ingest_document takes ``submission_id``.
SUBJECT_PARAMETERS = ("document_id", "submission_id")

# Tokens of the bindings made by task_prerun, per task id, undone by task_postrun. A list, because
# an eager task that retries runs again inside itself under the same id.
_bindings: defaultdict[str, list[Token[Mapping[str, str]]]] = defaultdict(list)


def task_subject(task: Task, args: Any, kwargs: Any) -> dict[str, str]:
    """The ids a task's arguments name, by parameter name (``SUBJECT_PARAMETERS``): only
    well-formed UUIDs, so nothing but an id a producer sent ever reaches a log line."""
    try:
        bound = inspect.signature(task.run).bind_partial(*(args or ()), **(kwargs or {}))
    except (TypeError, ValueError):  # arguments that do not fit: the task itself will say so
        return {}
    subject = {}
    for name in SUBJECT_PARAMETERS:
        value = bound.arguments.get(name)
        if isinstance(value, str | uuid.UUID):
            with suppress(ValueError):
                subject[name] = str(uuid.UUID(str(value)))
    return subject


@signals.task_prerun.connect
def _bind_task_context(
    task_id: str | None = None,
    task: Task | None = None,
    args: Any = None,
    kwargs: Any = None,
    **_: Any,
) -> None:
    if task_id is None or task is None:
        return
    fields = {"task_id": task_id, "task_name": task.name, **task_subject(task, args, kwargs)}
    _bindings[task_id].append(bind_log_context(**fields))


@signals.task_postrun.connect
def _reset_task_context(task_id: str | None = None, **_: Any) -> None:
    if task_id is None or not _bindings.get(task_id):
        return
    tokens = _bindings[task_id]
    token = tokens.pop()
    if not tokens:
        del _bindings[task_id]
    # A token made in another context (a task handed between threads) cannot be reset there.
    with suppress(ValueError):
        reset_log_context(token)


@signals.setup_logging.connect
def _configure_celery_logging(loglevel: int | None = None, **_: Any) -> None:
    # Connecting to setup_logging replaces Celery's own handlers (which neither redact nor write
    # JSON) with ours, for the worker's main process and, inherited by fork, its pool processes.
    settings: Settings = app.conf.pipeline_settings
    configure_logging(level=loglevel or logging.INFO, json_format=settings.log_json)
