"""One Settings object, read from ``PIPELINE_*`` environment variables once at start-up and
passed down. With nothing set, everything runs embedded: SQLite under ``./var``, blobs under
``./var/blobs`` and Celery tasks executed in-process (eager)."""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PLACEHOLDER_MARKERS = ("changeme", "change-me", "change_me", "replace", "placeholder", "example")
_PLACEHOLDER_SECRETS = {
    "",
    "changeme",
    "change-me",
    "change_me",
    "secret",
    "placeholder",
    "password",
    "test",
    "dev",
    "xxx",
    "todo",
    "example",
    "default",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PIPELINE_", extra="ignore", frozen=True)

    var_dir: Path = Path("var")
    database_url: str | None = None
    broker_url: str | None = None
    gcs_bucket: str | None = None
    gcs_project: str = "loan-pipeline"
    blob_dir: Path | None = None
    pii_key: SecretStr | None = None

    # Input limits: anything over them ends FAILED with the limit in the message.
    max_file_size_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_image_pixels: int = 150_000_000
    ocr_timeout_seconds: float = 120.0
    ocr_language: str = "eng"
    ocr_pages_per_task: int = 1
    # The ingest task processes the document it stored (its pages without text still go to the
    # ``ocr`` queue): one task and one download fewer per document. False: it sends
    # ``pipeline.process_document`` to the ``extract`` queue instead, for deployments that run
    # ingest and extraction on different machines.
    process_in_ingest: bool = True

    # Celery: time limits, retries, and the broker's visibility timeout that must outlast them.
    task_soft_time_limit: int = 900
    task_time_limit: int = 960
    broker_visibility_timeout: int = 7200
    max_retries: int = 6
    retry_backoff_base: float = 2.0
    retry_backoff_max: float = 600.0
    worker_max_memory_per_child_kb: int = 1_000_000
    idempotency_ttl_hours: int = 7 * 24

    # Reconciliation of the database with the blob store (`pipeline reconcile`, beat task).
    # Ingest stores an object before inserting its row and producers stage an upload before
    # registering it, so an object without a row is normal while it is young: orphans are only
    # deleted once older than the grace period.
    reconcile_orphan_grace_seconds: int = Field(default=24 * 3600, gt=0)
    # A submission still 'received' this long after hand-in lost its ingest message: sent again.
    reconcile_staged_after_seconds: int = Field(default=3600, gt=0)
    # ... until this long after hand-in: then it is failed and its staged upload deleted.
    staging_expiry_seconds: int = Field(default=7 * 24 * 3600, gt=0)

    # Operations (beat schedules in workers/app.py): the outbox relay publishes domain events to
    # a Redis stream (a JSON-lines file when embedded); the sweeper re-sends work that made no
    # progress for ``stuck_after_seconds``, at most ``max_requeues`` times, then fails it.
    events_stream: str = "pipeline:events"
    events_stream_maxlen: int = 1_000_000
    outbox_relay_interval_seconds: float = 5.0
    outbox_batch_size: int = 200
    outbox_max_retries: int = 10
    outbox_retention_hours: int = 7 * 24
    # Task messages that broke the task contract and could not be recorded under a submission:
    # a Redis list (a JSON-lines file when embedded) keeping the newest ``dead_letters_max``.
    dead_letters_key: str = "pipeline:deadletters"
    dead_letters_max: int = Field(default=10_000, gt=0)
    stuck_after_seconds: int = 3600
    # Worker liveness (README "Recovery after a worker death or a broker loss"): every worker's
    # main process writes a heartbeat listing the task messages it holds every
    # ``worker_heartbeat_interval_seconds``; the sweeper, run every ``sweep_interval_seconds``,
    # hands the messages of a worker silent for ``worker_stale_after_seconds`` to the others at
    # once, and sends again what a broker that lost its data (``broker_epoch_key`` gone) lost.
    # Recovery takes at most stale-after + sweep interval + the time to redo the work.
    sweep_interval_seconds: float = Field(default=5.0, gt=0)
    worker_heartbeat_interval_seconds: float = Field(default=2.0, gt=0)
    worker_stale_after_seconds: float = Field(default=10.0, gt=0)
    broker_epoch_key: str = "pipeline:broker-epoch"
    max_requeues: int = 3
    housekeeping_interval_seconds: float = 3600.0
    reconcile_interval_seconds: float = 3600.0

    # Fairness between producers (pipeline/fairness.py): a hand-in's priority falls as its
    # producer's hand-ins within the window pile up. ``producer`` names this process's producer
    # (default user@host); the API counts each API key as a producer of its own.
    producer: str | None = Field(default=None, min_length=1, max_length=256)
    fairness_window_seconds: int = Field(default=3600, gt=0)
    # Back-pressure: `pipeline status` says so while more OCR messages wait than this. Ingest
    # keeps accepting; the bound is where the wait for OCR becomes worth an operator's look.
    ocr_queue_bound: int = Field(default=10_000, gt=0)

    # The review page lists a document's records under this confidence first (and colours them).
    review_confidence_threshold: float = Field(default=0.8, ge=0.0, le=1.0)

    log_json: bool = False
    log_level: str = "INFO"

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(
            ("postgresql+asyncpg://", "sqlite+aiosqlite://")
        ):
            raise ValueError("must start with postgresql+asyncpg:// (or sqlite+aiosqlite://)")
        return value

    @field_validator("broker_url")
    @classmethod
    def _check_broker_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://")):
            raise ValueError("must be a redis:// URL")
        return value

    @model_validator(mode="after")
    def _check_consistency(self) -> Settings:
        if self.task_soft_time_limit >= self.task_time_limit:
            raise ValueError("task_soft_time_limit must be below task_time_limit")
        # A message not acknowledged within the visibility timeout is handed to another worker
        # while the first may still be running it: it must outlast any task and any retry wait.
        longest = max(self.task_time_limit, self.retry_backoff_max)
        if self.broker_visibility_timeout <= longest:
            raise ValueError(
                f"broker_visibility_timeout ({self.broker_visibility_timeout}s) must exceed the "
                f"longest task time limit or retry countdown ({longest:g}s)"
            )
        # The sweeper must not take work from a task that may still be running or waiting on
        # a retry: a live task is killed by the hard time limit long before this.
        if self.stuck_after_seconds <= longest:
            raise ValueError(
                f"stuck_after_seconds ({self.stuck_after_seconds}s) must exceed the longest task "
                f"time limit or retry countdown ({longest:g}s)"
            )
        # A live worker must be able to miss a few beats (a slow write, a busy host) before it
        # is taken for dead and its messages are handed to another worker.
        if self.worker_stale_after_seconds < 3 * self.worker_heartbeat_interval_seconds:
            raise ValueError(
                f"worker_stale_after_seconds ({self.worker_stale_after_seconds:g}s) must be at "
                "least three heartbeat intervals "
                f"({3 * self.worker_heartbeat_interval_seconds:g}s)"
            )
        if not self.embedded and self.pii_key is not None:
            key = self.pii_key.get_secret_value()
            lowered = key.strip().lower()
            placeholder = lowered in _PLACEHOLDER_SECRETS or any(
                marker in lowered for marker in _PLACEHOLDER_MARKERS
            )
            if placeholder or len(key) < 16:
                raise ValueError(
                    "PIPELINE_PII_KEY looks like a placeholder: use at least 16 random characters "
                    "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
                )
        return self

    @property
    def embedded(self) -> bool:
        """True when no external service is configured."""
        return self.database_url is None and self.broker_url is None and self.gcs_bucket is None

    @property
    def eager(self) -> bool:
        """Without a broker, Celery tasks run in-process."""
        return self.broker_url is None

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.var_dir / 'pipeline.db').resolve()}"

    @property
    def local_blob_dir(self) -> Path:
        return self.blob_dir or self.var_dir / "blobs"

    @property
    def events_file(self) -> Path:
        """Where the outbox relay appends events in embedded mode (no Redis)."""
        return self.var_dir / "events.jsonl"

    @property
    def dead_letters_file(self) -> Path:
        """Where rejected task messages are kept in embedded mode (no Redis)."""
        return self.var_dir / "deadletters.jsonl"

    @cached_property
    def pii_secret(self) -> bytes:
        """The key for PII hashing. Outside embedded mode it must be configured; embedded mode
        creates a random per-install key file (``var/pii.key``, mode 0600) on first use."""
        if self.pii_key is not None:
            return self.pii_key.get_secret_value().encode()
        if not self.embedded:
            raise ValueError("PIPELINE_PII_KEY must be set when running with external services")
        path = self.var_dir / "pii.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(32))
        return path.read_text().strip().encode()

    def public_summary(self) -> dict[str, Any]:
        """Settings safe to print (no secrets, no credentials in URLs)."""
        return {
            "mode": "embedded" if self.embedded else "distributed",
            "database": _strip_credentials(self.sqlalchemy_url),
            "broker": _strip_credentials(self.broker_url)
            if self.broker_url
            else "eager (in-process)",
            "blobs": f"gs://{self.gcs_bucket}" if self.gcs_bucket else str(self.local_blob_dir),
        }


def _strip_credentials(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
