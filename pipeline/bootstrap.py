"""Composition root: builds the per-process runtime (event loop, database, blob store) from
Settings. A Celery worker process, the CLI and the producer API each hold one Runtime."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from pipeline.config import Settings
from pipeline.db import migrations
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.extraction.pii import PiiProtector
from pipeline.publishing import EventPublisher, build_publisher
from pipeline.service_layer.deps import Dependencies
from pipeline.storage import build_blob_store

T = TypeVar("T")


class Runtime:
    """One event loop and one database engine for this process.

    SQLAlchemy's asyncio engine must not be shared across event loops, and Celery's prefork
    children must not inherit the parent's connections, so everything here is created in the
    process (and loop) that uses it and disposed of when that process shuts down."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        self._run_lock = threading.RLock()
        self.database = Database(settings.sqlalchemy_url)
        self.blobs = build_blob_store(settings)
        self._publisher: EventPublisher | None = None
        self.deps = Dependencies(
            settings=settings,
            uow_factory=lambda: SqlAlchemyUnitOfWork(self.database),
            blobs=self.blobs,
            pii=PiiProtector(settings.pii_secret),
        )

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on this process's loop. Threads (a producer's thread pool) take turns:
        the loop and its connections are not shared concurrently."""
        with self._run_lock:
            return self.loop.run_until_complete(coro)

    @property
    def publisher(self) -> EventPublisher:
        """Where the outbox relay sends events (created on first use)."""
        if self._publisher is None:
            self._publisher = build_publisher(self.settings)
        return self._publisher

    def close(self) -> None:
        if self.loop.is_closed():
            return
        if self._publisher is not None:
            self._publisher.close()
        self.loop.run_until_complete(self.database.dispose())
        self.loop.close()


_lock = threading.Lock()
_runtime: Runtime | None = None


def get_runtime(settings: Settings | None = None) -> Runtime:
    """The runtime of the current process, created on first use (and anew after a fork)."""
    global _runtime
    with _lock:
        if _runtime is None or _runtime.pid != os.getpid():
            settings = settings or Settings()
            if settings.sqlalchemy_url.startswith("sqlite"):
                # The embedded database is created (and kept current) by the same migrations.
                migrations.upgrade(settings.sqlalchemy_url)
            _runtime = Runtime(settings)
        return _runtime


def close_runtime() -> None:
    global _runtime
    with _lock:
        if _runtime is not None and _runtime.pid == os.getpid():
            _runtime.close()
        _runtime = None
