"""The worker heartbeat writer on real PostgreSQL: it beats what the worker holds, keeps beating
through changes, removes its row when it stops cleanly, and outlives a database it cannot
reach."""

from __future__ import annotations

import asyncio
import time
import uuid

from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.liveness import HeldTask, WorkerHeartbeat
from tests.support.services import free_port
from workers.liveness import HeartbeatWriter


async def rows(database: Database, prefix: str = "") -> list[WorkerHeartbeat]:
    """The heartbeat rows of workers whose id starts with ``prefix``. The session's database is
    shared with the end-to-end tests' session-scoped worker (``tests/e2e/conftest.py``), which
    keeps running, and beating, through the later tests: its row may appear in this test's
    window (a CI run found it there), so the test counts only its own writer's."""
    async with SqlAlchemyUnitOfWork(database) as uow:
        found: list[WorkerHeartbeat] = await uow.heartbeats.list()
    return [row for row in found if row.worker_id.startswith(prefix)]


async def test_a_worker_beats_what_it_holds_and_removes_its_row_when_it_stops(
    pg_database: Database, postgres_url: str
) -> None:
    settings = Settings(
        database_url=postgres_url,
        worker_heartbeat_interval_seconds=0.1,
        worker_stale_after_seconds=1.0,
    )
    held = [HeldTask(str(uuid.uuid4()), "pipeline.process_document", uuid.uuid4())]
    writer = HeartbeatWriter(settings, hostname="w1@test", held=lambda: list(held)).start()
    try:
        (row,) = await rows(pg_database, "w1@test:")
        assert row.worker_id == writer.worker_id and row.worker_id.startswith("w1@test:")
        assert row.tasks == tuple(held) and row.alive_since == row.started_at

        held.append(HeldTask(str(uuid.uuid4()), "pipeline.ingest_document", uuid.uuid4()))
        await asyncio.sleep(0.5)
        (later,) = await rows(pg_database, "w1@test:")
        assert later.tasks == tuple(held)
        assert later.last_seen_at > row.last_seen_at and later.alive_since == row.alive_since
    finally:
        writer.stop()
    assert await rows(pg_database, "w1@test:") == []


def test_a_database_it_cannot_reach_does_not_stop_the_writer() -> None:
    settings = Settings(
        database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/none",
        worker_heartbeat_interval_seconds=0.1,
        worker_stale_after_seconds=1.0,
    )
    writer = HeartbeatWriter(settings, hostname="w2@test", held=list).start()
    try:
        time.sleep(0.5)  # several failed beats
        assert writer.beats == 0 and writer.running
    finally:
        started = time.monotonic()
        writer.stop()
    assert not writer.running and time.monotonic() - started < 5
