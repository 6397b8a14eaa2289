"""A PostgreSQL restart in the middle of a task's work, on real PostgreSQL: the task's backend
connections are terminated (what a restart does to them, SQLSTATE 57P01) while it holds them.
The work raises the retryable DatabaseUnavailable and is retried; the document is never FAILED
for it, and the retry finishes it.

Driven twice: through the service layer (as the sweeper tests are), and through the Celery tasks
in-process (eager, as the hostile-file tests are) on the same database."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest
from celery.exceptions import Retry
from pydantic import SecretStr

from pipeline.bootstrap import Runtime
from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.errors import DatabaseUnavailable
from pipeline.domain.model import Document, DocumentStatus
from pipeline.domain.pages import Page, TextMethod
from pipeline.producer import submit
from pipeline.service_layer import records, services
from tests.support import docs
from tests.support.deps import T0, Clock, add_document, make_deps
from tests.support.deps import load_document as load
from workers.app import using_settings
from workers.tasks import process_document

TERMINATE = (
    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


async def terminate_backends(sqlalchemy_url: str) -> int:
    """Terminate every other connection to the database (waiting until each is gone), from a
    connection of our own; returns how many were terminated."""
    conn = await asyncpg.connect(sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return len(await conn.fetch(TERMINATE))
    finally:
        await conn.close()


class RestartBeforeCommit(SqlAlchemyUnitOfWork):
    """A unit of work whose connections are terminated after its statements ran, just before
    its commit: the restart lands while the task holds a connection in a transaction."""

    terminated = 0

    async def _commit(self) -> None:
        RestartBeforeCommit.terminated += await terminate_backends(self.database.url)
        await super()._commit()


async def add_claimed_document(database: Database, token: str) -> uuid.UUID:
    """A document claimed by ``token`` with its one text page checkpointed."""
    doc_id = await add_document(database, claimed_by=token, filename="restart.pdf")
    async with SqlAlchemyUnitOfWork(database) as uow:
        page = Page(number=1, text="Letter to the lender", method=TextMethod.TEXT_LAYER)
        await uow.pages.save(doc_id, page, now=T0)
        await uow.commit()
    return doc_id


async def test_restart_mid_unit_raises_retryable_and_the_retry_completes(
    pg_database: Database, tmp_path: Path
) -> None:
    doc_id = await add_claimed_document(pg_database, token="task-1")
    deps = make_deps(pg_database, tmp_path, Clock())
    restarting = dataclasses.replace(deps, uow_factory=lambda: RestartBeforeCommit(pg_database))
    RestartBeforeCommit.terminated = 0

    with pytest.raises(DatabaseUnavailable, match="database unavailable"):
        await services.finish_processing(restarting, doc_id, token="task-1")

    assert RestartBeforeCommit.terminated >= 1  # the unit's own connection among them
    doc = await load(pg_database, doc_id)  # the pool replaces the dead connections
    assert doc.status is DocumentStatus.PROCESSING and doc.is_claimed_by("task-1")
    assert doc.error_message is None

    retried = await services.finish_processing(deps, doc_id, token="task-1")

    assert retried.action == "completed"
    assert (await load(pg_database, doc_id)).status is DocumentStatus.COMPLETED


async def test_restart_between_statements_is_retryable(pg_database: Database) -> None:
    doc_id = await add_claimed_document(pg_database, token="task-1")
    with pytest.raises(DatabaseUnavailable):
        async with SqlAlchemyUnitOfWork(pg_database) as uow:
            await uow.documents.get(doc_id)
            await terminate_backends(pg_database.url)
            await uow.documents.get(doc_id)
    assert (await load(pg_database, doc_id)).status is DocumentStatus.PROCESSING


async def test_restart_before_a_read_only_unit_ends_is_retryable(pg_database: Database) -> None:
    """A unit that never commits still talks to the database when it ends: its rollback on the
    dead connection is the only error, and it is translated like any other."""
    doc_id = await add_claimed_document(pg_database, token="task-1")
    with pytest.raises(DatabaseUnavailable, match="connection closed"):
        async with SqlAlchemyUnitOfWork(pg_database) as uow:
            await uow.documents.get(doc_id)
            await terminate_backends(pg_database.url)
    assert (await load(pg_database, doc_id)).status is DocumentStatus.PROCESSING


async def test_a_restart_costs_one_retryable_error_not_one_per_pooled_connection(
    pg_database: Database,
) -> None:
    """Connections are not pinged at check-out: a dead one is found at its first statement.
    That error marks the pool's older connections dead too, so the next unit (the retry) runs
    on a fresh connection even though the pool held several that the restart killed."""
    doc_id = await add_claimed_document(pg_database, token="task-1")
    units = [SqlAlchemyUnitOfWork(pg_database) for _ in range(3)]
    for uow in units:  # three connections checked out at once, then back in the pool
        await uow.__aenter__()
        await uow.documents.get(doc_id)
    for uow in units:
        await uow.__aexit__(None, None, None)
    # Terminated while this loop does not run (a worker between tasks): no connection has seen
    # its socket close before it is used.
    terminated: list[int] = []
    thread = threading.Thread(
        target=lambda: terminated.append(asyncio.run(terminate_backends(pg_database.url)))
    )
    thread.start()
    thread.join()
    assert terminated[0] >= 3

    with pytest.raises(DatabaseUnavailable):
        await load(pg_database, doc_id)
    for _ in range(3):
        assert (await load(pg_database, doc_id)).status is DocumentStatus.PROCESSING


# --- through the Celery tasks (eager, in-process) ------------------------------------------------


@pytest.fixture
def runtime(postgres_url: str, pg_database: Database, tmp_path: Path) -> Iterator[Runtime]:
    """The tasks' runtime on the test's PostgreSQL database, local blobs, eager Celery."""
    settings = Settings(
        var_dir=tmp_path / "var",
        database_url=postgres_url,
        broker_url=None,
        gcs_bucket=None,
        pii_key=SecretStr("integration-tests-key-0123456789"),
    )
    with using_settings(settings) as rt:
        yield rt


def reprocessed_document(rt: Runtime, tmp_path: Path) -> uuid.UUID:
    """A document that completed once and is PENDING again, ready for ``process_document``."""
    path = docs.text_pdf(tmp_path / "letter.pdf", [["Letter to the lender"]])
    done = submit(path, settings=rt.settings)
    assert done.status == "COMPLETED" and done.document_id is not None
    assert rt.run(services.reprocess(rt.deps, done.document_id))
    return done.document_id


def status_of(rt: Runtime, doc_id: uuid.UUID) -> Document:
    return rt.run(load(rt.database, doc_id))


def on_first_call(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    hook: Callable[[], Awaitable[None]],
    *,
    after_original: bool = False,
) -> list[int]:
    """Wrap the coroutine function ``module.name`` so that ``hook()`` runs on its first call
    only, before the original (or after it); returns a list with one item per call."""
    original = getattr(module, name)
    calls: list[int] = []

    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        first = len(calls) == 1
        if first and not after_original:
            await hook()
        result = await original(*args, **kwargs)
        if first and after_original:
            await hook()
        return result

    monkeypatch.setattr(module, name, wrapped)
    return calls


def retried(doc_id: uuid.UUID, task_id: str) -> dict[str, Any]:
    """Run the retry Celery would send: the same task id (so the same claim), one retry more.
    (In eager mode with propagation on, ``apply`` raises the Retry instead of running it.)"""
    result: dict[str, Any] = process_document.apply(
        args=[str(doc_id)], task_id=task_id, retries=1
    ).get()
    return result


def test_task_retries_when_the_database_restarts_mid_work(
    runtime: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = reprocessed_document(runtime, tmp_path)
    terminated: list[int] = []

    async def restart() -> None:
        terminated.append(await terminate_backends(runtime.database.url))

    # Records are written, the unit is about to mark the document COMPLETED: the restart hits.
    calls = on_first_call(monkeypatch, records, "replace_records", restart, after_original=True)
    task_id = str(uuid.uuid4())

    with pytest.raises(Retry) as retry:
        process_document.apply(args=[str(doc_id)], task_id=task_id)

    assert terminated and terminated[0] >= 1
    assert isinstance(retry.value.exc, DatabaseUnavailable)
    doc = status_of(runtime, doc_id)
    assert doc.status is DocumentStatus.PROCESSING and doc.is_claimed_by(task_id)
    assert doc.error_message is None

    assert retried(doc_id, task_id)["action"] == "completed"
    assert len(calls) == 2  # the first attempt's records were rolled back, the retry wrote them
    assert status_of(runtime, doc_id).status is DocumentStatus.COMPLETED


def test_an_untranslated_connection_error_retries_instead_of_failing(
    runtime: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The crash handler must not turn a lost connection that reached it raw into FAILED."""
    doc_id = reprocessed_document(runtime, tmp_path)

    async def connection_reset() -> None:
        raise ConnectionResetError(104, "Connection reset by peer")

    on_first_call(monkeypatch, services, "process", connection_reset)
    task_id = str(uuid.uuid4())

    with pytest.raises(Retry) as retry:
        process_document.apply(args=[str(doc_id)], task_id=task_id)

    assert isinstance(retry.value.exc, DatabaseUnavailable)
    assert "ConnectionResetError" in str(retry.value.exc)
    doc = status_of(runtime, doc_id)
    assert doc.status is DocumentStatus.PROCESSING and doc.error_message is None
    assert retried(doc_id, task_id)["action"] == "completed"
    assert status_of(runtime, doc_id).status is DocumentStatus.COMPLETED


def test_a_crash_whose_failure_cannot_be_written_is_left_for_the_sweeper(
    runtime: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug while the database is away: the crash is raised (Celery records it), not hidden by
    the handler's own error, and the document stays PROCESSING for the sweeper."""
    doc_id = reprocessed_document(runtime, tmp_path)

    async def bug(*_: Any, **__: Any) -> Any:
        raise ValueError("a bug")

    async def database_away(*_: Any, **__: Any) -> Any:
        raise DatabaseUnavailable("database unavailable: ConnectionRefusedError")

    monkeypatch.setattr(services, "process", bug)  # after the step claimed the document
    monkeypatch.setattr(services, "fail_document", database_away)

    with pytest.raises(ValueError, match="a bug"):
        process_document.apply(args=[str(doc_id)])

    monkeypatch.undo()
    doc = status_of(runtime, doc_id)
    assert doc.status is DocumentStatus.PROCESSING and doc.error_message is None
