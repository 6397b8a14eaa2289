"""Composition root: builds the per-process runtime (event loop, database, blob store) from
Settings. A Celery worker process, the CLI and the producer API each hold one Runtime."""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import sqlite3
import threading
from collections.abc import Coroutine, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.pii import PiiProtector
from pipeline.service_layer.deps import Dependencies
from pipeline.storage import LazyBlobStore, build_blob_store

if TYPE_CHECKING:
    from pipeline.dead_letters import DeadLetterStore
    from pipeline.fairness import HandInLedger
    from pipeline.publishing import EventPublisher

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "alembic" / "versions"
# ``revision: str = "0005"`` and ``down_revision: str | None = "0004"`` in a migration script.
_ASSIGNMENT = {
    name: re.compile(rf"^{name}\s*(?::[^=\n]*)?=\s*(.+)$", re.MULTILINE)
    for name in ("revision", "down_revision")
}
_QUOTED = re.compile(r"""["']([^"']+)["']""")


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
        self.deps = build_dependencies(settings, self.database)
        self.blobs = self.deps.blobs
        self._publisher: EventPublisher | None = None
        self._dead_letters: DeadLetterStore | None = None
        self._hand_ins: HandInLedger | None = None

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on this process's loop. Threads (a producer's thread pool) take turns:
        the loop and its connections are not shared concurrently."""
        with self._run_lock:
            return self.loop.run_until_complete(coro)

    @property
    def publisher(self) -> EventPublisher:
        """Where the outbox relay sends events (created on first use)."""
        if self._publisher is None:
            from pipeline.publishing import build_publisher

            self._publisher = build_publisher(self.settings)
        return self._publisher

    @property
    def dead_letters(self) -> DeadLetterStore:
        """Where task messages that broke the contract are kept (created on first use)."""
        if self._dead_letters is None:
            from pipeline.dead_letters import build_dead_letters

            self._dead_letters = build_dead_letters(self.settings)
        return self._dead_letters

    @property
    def hand_ins(self) -> HandInLedger:
        """Where hand-ins are counted per producer for fairness (created on first use)."""
        if self._hand_ins is None:
            from pipeline.fairness import build_hand_in_ledger

            self._hand_ins = build_hand_in_ledger(self.settings)
        return self._hand_ins

    def close(self) -> None:
        if self.loop.is_closed():
            return
        if self._publisher is not None:
            self._publisher.close()
        if self._dead_letters is not None:
            self._dead_letters.close()
        if self._hand_ins is not None:
            self._hand_ins.close()
        self.loop.run_until_complete(self.database.dispose())
        self.loop.close()


def build_dependencies(settings: Settings, database: Database) -> Dependencies:
    """The service layer's Dependencies on ``database``, for the process (and event loop) that
    owns it: a :class:`Runtime`, or the API server's lifespan."""
    return Dependencies(
        settings=settings,
        uow_factory=lambda: SqlAlchemyUnitOfWork(database),
        # Built when a blob is first touched: reading the database (``pipeline status``) needs
        # neither GCS credentials nor the time it takes to import and set up the client.
        blobs=LazyBlobStore(lambda: build_blob_store(settings)),
        # The key is read when something is first hashed: ``pipeline status`` in distributed
        # mode needs no PIPELINE_PII_KEY, and an embedded one creates no key file.
        pii=PiiProtector(lambda: settings.pii_secret),
    )


def preload(settings: Settings) -> None:
    """Import now what a runtime on ``settings`` imports only on first use: a worker calls this
    before it forks its pool, whose processes then share the modules instead of each importing
    them during its first document (google-cloud-storage and its dependencies: most of a
    second of CPU per process)."""
    if settings.gcs_bucket:
        import pipeline.storage.gcs  # noqa: F401


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
                ensure_schema(settings.sqlalchemy_url)
            _runtime = Runtime(settings)
        return _runtime


def close_runtime() -> None:
    global _runtime
    with _lock:
        if _runtime is not None and _runtime.pid == os.getpid():
            _runtime.close()
        _runtime = None


def ensure_schema(url: str) -> None:
    """Migrate the SQLite database at ``url`` to the newest revision unless it is there already.

    Alembic and its migration scripts take most of a second to load, so whether the database is
    current is first read with the standard library: the revision stored in ``alembic_version``
    against the newest one among the migration scripts. Anything unexpected (no file yet, no
    table, a revision this code does not know, scripts it cannot read) goes to Alembic, which
    migrates or says what is wrong. Processes starting together (a worker's pool) take turns."""
    path = _sqlite_file(url)
    if path is not None and _schema_is_current(path):
        return
    from pipeline.db import migrations

    if path is None:
        migrations.upgrade(url)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(path.with_name(path.name + ".migrate-lock")):
        if not _schema_is_current(path):
            migrations.upgrade(url)


def head_revisions(versions_dir: Path = MIGRATIONS_DIR) -> set[str] | None:
    """The revision ids no migration script builds on (normally one), read from the scripts'
    ``revision`` and ``down_revision`` lines; None when a script does not read as expected."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions_dir.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = _ASSIGNMENT["revision"].search(text)
        down = _ASSIGNMENT["down_revision"].search(text)
        if revision is None or down is None:
            return None
        ids = _QUOTED.findall(revision.group(1))
        if len(ids) != 1:
            return None
        revisions.add(ids[0])
        parents.update(_QUOTED.findall(down.group(1)))
    return (revisions - parents) or None


def _sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite+aiosqlite:///path`` URL; None for anything else (``:memory:``,
    query parameters), which is left to Alembic."""
    _, sep, path = url.partition(":///")
    if not sep or not path or "?" in path or path.startswith(":memory:"):
        return None
    return Path(path)


def _schema_is_current(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            stored = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:  # no table yet, a locked or broken file: let Alembic decide
        return False
    heads = head_revisions()
    return heads is not None and stored == heads


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
