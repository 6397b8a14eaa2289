"""The sweeper on real PostgreSQL (and SQLite) and a real Redis broker.

Without a broker (embedded mode) the old rules hold: work without progress for
``stuck_after_seconds`` is sent again a bounded number of times, then FAILED saying since when.
With one: the messages of a worker that stopped beating go back to their queue at once (real
messages, taken by a consumer process that dies holding them), a broker that lost its data has
what it lost sent again, work whose message vanished while its queue is empty is sent again,
and work waiting in a queue, however long, is left alone."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

from pipeline.config import Settings
from pipeline.db import tables
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.liveness import HeldTask, WorkerHeartbeat
from pipeline.domain.model import DocumentStatus, Submission, SubmissionStatus
from pipeline.domain.pages import Page, TextMethod
from pipeline.service_layer import services
from pipeline.service_layer.operations import sweep_stuck
from tests.support import deps
from tests.support.deps import T0, Clock, make_deps
from tests.support.deps import load_document as load
from tests.support.worker import REDIS_DB, REDIS_HOST, REDIS_PORT, require_redis
from workers.app import create_app
from workers.liveness import RedisBrokerProbe

HOUR = timedelta(hours=1)


async def add_document(database: Database, *, claimed_by: str | None = None) -> uuid.UUID:
    return await deps.add_document(database, claimed_by=claimed_by, filename="stuck.pdf")


async def events_of(database: Database, doc_id: uuid.UUID) -> list[str]:
    async with database.engine.connect() as conn:
        t = tables.outbox
        rows = await conn.execute(
            sa.select(t.c.event_type).where(t.c.aggregate_id == doc_id).order_by(t.c.id)
        )
        return [r.event_type for r in rows]


async def test_stale_claim_is_released_and_sent_again(database: Database, tmp_path: Path) -> None:
    doc_id = await add_document(database, claimed_by="task-that-died")
    clock = Clock(T0 + 2 * HOUR)
    deps = make_deps(database, tmp_path, clock, stuck_after_seconds=3600)
    result = await sweep_stuck(deps)

    assert result.requeued == (doc_id,)
    doc = await load(database, doc_id)
    assert doc.status is DocumentStatus.PENDING and doc.processing_token is None
    assert doc.requeues == 1 and doc.updated_at == clock.now
    assert (await events_of(database, doc_id))[-1] == "DocumentRequeued"
    # The dead task's claim is gone: its late writes are refused, a new task takes over.
    late = await services.fail_document(deps, doc_id, "late", token="task-that-died")
    assert late.action == "skipped"
    claim = await services.claim_document(deps, doc_id, token="new-task")
    assert claim.outcome.action == "started"


async def test_moving_work_and_fresh_work_are_left_alone(
    database: Database, tmp_path: Path
) -> None:
    ocr_in_progress = await add_document(database, claimed_by="ocr-task")
    fresh = await add_document(database)
    clock = Clock(T0 + 2 * HOUR)
    deps = make_deps(database, tmp_path, clock, stuck_after_seconds=3600)
    # Pages keep being checkpointed: the document is slow, not stuck.
    async with SqlAlchemyUnitOfWork(database) as uow:
        page = Page(number=1, text="x", method=TextMethod.OCR, words=(), confidence=90.0)
        await uow.pages.save(ocr_in_progress, page, now=T0 + 90 * timedelta(minutes=1))
        await uow.commit()
    async with SqlAlchemyUnitOfWork(database) as uow:
        doc = await uow.documents.get(fresh)
        assert doc is not None
        doc.requeue(now=T0 + 90 * timedelta(minutes=1))  # touched recently
        assert await uow.documents.transition(doc, DocumentStatus.PENDING)
        await uow.commit()
    result = await sweep_stuck(deps)

    assert result.requeued == () and result.failed == ()
    assert (await load(database, ocr_in_progress)).status is DocumentStatus.PROCESSING


async def test_lost_pending_message_is_sent_again_then_the_document_fails(
    database: Database, tmp_path: Path
) -> None:
    doc_id = await add_document(database)
    clock = Clock(T0)
    deps = make_deps(database, tmp_path, clock, stuck_after_seconds=3600, max_requeues=2)
    for round_ in range(1, 3):
        clock.now = T0 + (2 * round_) * HOUR
        result = await sweep_stuck(deps)
        assert result.requeued == (doc_id,)
        doc = await load(database, doc_id)
        assert (doc.status, doc.requeues) == (DocumentStatus.PENDING, round_)
    # Swept within the threshold of the last requeue: nothing happens.
    clock.now += timedelta(minutes=30)
    assert (await sweep_stuck(deps)).requeued == ()

    clock.now += 2 * HOUR
    result = await sweep_stuck(deps)

    assert result.failed == (doc_id,) and result.requeued == ()
    doc = await load(database, doc_id)
    assert doc.status is DocumentStatus.FAILED
    assert doc.error_message is not None
    assert doc.error_message.startswith("stuck in PENDING since 2026-03-01 16:00:00 UTC")
    assert "sent again 2 time(s)" in doc.error_message


async def test_processing_document_fails_with_since_when(
    database: Database, tmp_path: Path
) -> None:
    doc_id = await add_document(database, claimed_by="t")
    deps = make_deps(
        database, tmp_path, Clock(T0 + 3 * HOUR), stuck_after_seconds=3600, max_requeues=0
    )
    result = await sweep_stuck(deps)
    assert result.failed == (doc_id,)
    doc = await load(database, doc_id)
    assert doc.error_message is not None
    assert doc.error_message.startswith("stuck in PROCESSING since 2026-03-01 12:00:00 UTC")
    assert (await events_of(database, doc_id))[-1] == "DocumentFailed"


async def test_dry_run_reports_and_changes_nothing(database: Database, tmp_path: Path) -> None:
    doc_id = await add_document(database, claimed_by="t")
    deps = make_deps(database, tmp_path, Clock(T0 + 2 * HOUR), stuck_after_seconds=3600)
    result = await sweep_stuck(deps, dry_run=True)

    assert result.requeued == ()
    assert len(result.details) == 1 and str(doc_id) in result.details[0]
    doc = await load(database, doc_id)
    assert (doc.status, doc.requeues) == (DocumentStatus.PROCESSING, 0)


# --- with a broker ------------------------------------------------------------------------------

SECOND = timedelta(seconds=1)
# The broker's database for these tests: one no worker reads (the e2e worker reads REDIS_DB).
BROKER_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB + 1}"


class Broker:
    """A Redis broker database of its own, the Celery app sending to it, and the probe."""

    def __init__(self) -> None:
        self.client = redis.Redis.from_url(BROKER_URL)
        self.client.flushdb()
        self.app = create_app(Settings(broker_url=BROKER_URL))
        self.probe = RedisBrokerProbe(self.app, self.app.conf.pipeline_settings)

    def send(self, task: str, *args: object, **kwargs: object) -> str:
        return str(self.app.send_task(task, args=list(args), kwargs=kwargs).id)

    def take_and_die(self, queue: str) -> str:
        """A consumer process takes the next message of ``queue`` and dies holding it (nothing
        acknowledged, nothing put back); returns the message's task id."""
        code = (
            "import os\n"
            "from kombu import Connection\n"
            f"conn = Connection({BROKER_URL!r})\n"
            f"message = conn.default_channel.basic_get({queue!r}, no_ack=False)\n"
            "print(message.headers['id'], flush=True)\n"
            "os._exit(0)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        )
        return done.stdout.strip()

    def queued_task_ids(self, queue: str) -> list[str]:
        """Task ids waiting in ``queue`` (priority 0), the next one to be taken first."""
        import json

        return [json.loads(raw)["headers"]["id"] for raw in self.client.lrange(queue, 0, -1)][::-1]

    def unacked_task_ids(self) -> set[str]:
        import json

        return {json.loads(raw)[0]["headers"]["id"] for raw in self.client.hvals("unacked")}

    def close(self) -> None:
        self.probe.close()
        self.client.flushdb()
        self.client.close()


@pytest.fixture
def broker() -> Iterator[Broker]:
    require_redis()
    b = Broker()
    try:
        yield b
    finally:
        b.close()


async def beat(
    database: Database,
    worker: str,
    *,
    since: datetime,
    last: datetime,
    tasks: tuple[HeldTask, ...] = (),
) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.heartbeats.beat(
            WorkerHeartbeat(
                worker_id=worker,
                hostname="test",
                pid=1,
                started_at=since,
                alive_since=since,
                last_seen_at=last,
                tasks=tasks,
            )
        )
        await uow.commit()


async def add_submission(database: Database, *, at: datetime) -> Submission:
    submission = Submission(
        id=uuid.uuid4(),
        filename="queued.pdf",
        size_bytes=10,
        staging_key="staging/x/queued.pdf",
        submitted_at=at,
    )
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.submissions.add(submission)
        await uow.commit()
    return submission


async def submission_row(database: Database, submission_id: uuid.UUID) -> Submission:
    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.submissions.get(submission_id)
    assert found is not None
    return found


async def test_a_dead_workers_messages_go_back_to_their_queue_and_a_live_ones_do_not(
    pg_database: Database, broker: Broker, tmp_path: Path
) -> None:
    database = pg_database
    orphan_doc, held_doc = uuid.uuid4(), uuid.uuid4()
    broker.send("pipeline.process_document", str(orphan_doc))
    broker.send("pipeline.ocr_page", str(held_doc), [3], "its-token")
    orphan = broker.take_and_die("extract")
    held = broker.take_and_die("ocr")
    assert broker.unacked_task_ids() == {orphan, held}
    now = datetime.now(UTC) + 20 * SECOND  # both were taken more than the bound ago
    deps = make_deps(database, tmp_path, Clock(now))
    live_task = HeldTask(held, "pipeline.ocr_page", held_doc)

    # The one worker that lists its messages started beating 3 s ago: a silent worker may be
    # one that could not write yet, so nothing is handed on.
    await beat(database, "holder", since=now - 3 * SECOND, last=now - SECOND, tasks=(live_task,))
    first = await sweep_stuck(deps, broker=broker.probe)
    assert first.restored == () and broker.unacked_task_ids() == {orphan, held}

    # It has beaten without a gap for longer than the bound: the other holder is gone.
    await beat(database, "holder", since=now - 60 * SECOND, last=now - SECOND, tasks=(live_task,))
    result = await sweep_stuck(deps, broker=broker.probe)

    assert result.restored == (orphan,)
    assert broker.unacked_task_ids() == {held}
    assert broker.queued_task_ids("extract") == [orphan]  # at the head of its queue
    assert len(result.details) == 1 and "stopped beating" in result.details[0]
    # Restored once: a second sweep finds nothing to hand back.
    assert (await sweep_stuck(deps, broker=broker.probe)).restored == ()
    assert broker.queued_task_ids("extract") == [orphan]


async def test_work_sent_before_the_broker_lost_its_data_is_sent_again(
    pg_database: Database, broker: Broker, tmp_path: Path
) -> None:
    database = pg_database
    pending = await deps.add_document(database, filename="pending.pdf")
    released = await deps.add_document(database, claimed_by="task-lost-with-redis")
    busy = await deps.add_document(database, claimed_by="task-still-running")
    queued = await add_submission(database, at=T0)
    clock = Clock(T0 + SECOND)
    deps_ = make_deps(database, tmp_path, clock)
    observer = {"since": T0 - 60 * SECOND}
    running = (HeldTask("task-still-running", "pipeline.ocr_page", busy),)
    await beat(database, "observer", last=clock.now, **observer)
    await beat(database, "worker", since=T0 - 60 * SECOND, last=clock.now, tasks=running)

    # The first sweep records the broker's epoch; everything is recent: nothing to do.
    first = await sweep_stuck(deps_, broker=broker.probe)
    assert (first.requeued, first.resend, first.failed) == ((), (), ())

    broker.client.flushdb()  # a Redis restart without persistence
    clock.now = T0 + 4 * SECOND
    await beat(database, "observer", last=clock.now, **observer)
    await beat(database, "worker", since=T0 - 60 * SECOND, last=clock.now, tasks=running)
    result = await sweep_stuck(deps_, broker=broker.probe)

    assert [s.id for s in result.resend] == [queued.id]
    assert (await submission_row(database, queued.id)).resent_at == clock.now
    assert set(result.requeued) == {pending, released}
    assert (await load(database, pending)).status is DocumentStatus.PENDING
    doc = await load(database, released)
    assert (doc.status, doc.processing_token, doc.requeues) == (DocumentStatus.PENDING, None, 1)
    # Its worker still works on it: its claim stands.
    assert (await load(database, busy)).status is DocumentStatus.PROCESSING
    assert broker.client.get("pipeline:broker-epoch") is not None

    # The worker finished its task: the claim that lost its messages is released, and what was
    # sent again is not sent a second time.
    clock.now = T0 + 9 * SECOND
    await beat(database, "observer", last=clock.now, **observer)
    await beat(database, "worker", since=T0 - 60 * SECOND, last=clock.now)
    again = await sweep_stuck(deps_, broker=broker.probe)
    assert (again.requeued, again.resend) == ((busy,), ())
    async with SqlAlchemyUnitOfWork(database) as uow:
        latest = await uow.broker_epochs.latest()
    assert latest is not None and latest.recovered_at == clock.now
    assert (await sweep_stuck(deps_, broker=broker.probe)).requeued == ()


async def test_work_waiting_in_a_queue_is_neither_sent_again_nor_failed(
    pg_database: Database, broker: Broker, tmp_path: Path
) -> None:
    """Three hours in a backlog (past ``stuck_after_seconds``, past ``max_requeues`` sweeps):
    still waiting its turn. Only a claim a live worker holds without progress is released."""
    database = pg_database
    waiting = [await deps.add_document(database) for _ in range(3)]
    for doc_id in waiting:
        broker.send("pipeline.process_document", str(doc_id))
    scanning = await deps.add_document(database, claimed_by="chord-token")
    broker.send("pipeline.ocr_page", str(scanning), [1], "chord-token")
    hung = await deps.add_document(database, claimed_by="hung-task")
    queued = await add_submission(database, at=T0)
    broker.send("pipeline.ingest_document", submission_id=str(queued.id))
    depths_before = {q: broker.client.llen(q) for q in ("ingest", "extract", "ocr")}
    assert depths_before == {"ingest": 1, "extract": 3, "ocr": 1}
    clock = Clock(T0)
    deps_ = make_deps(database, tmp_path, clock, stuck_after_seconds=3600, max_requeues=2)
    holding = (HeldTask("hung-task", "pipeline.process_document", hung),)

    for minutes in range(30, 181, 30):
        clock.now = T0 + timedelta(minutes=minutes)
        await beat(database, "w", since=T0, last=clock.now, tasks=holding)
        result = await sweep_stuck(deps_, broker=broker.probe)
        assert result.failed == () and result.resend == ()
        assert result.requeued == ((hung,) if minutes == 90 else ()), minutes
        if result.requeued:
            holding = ()  # released; its hung task was killed by its time limit meanwhile

    for doc_id in [*waiting, scanning]:
        doc = await load(database, doc_id)
        assert doc.requeues == 0 and doc.status is not DocumentStatus.FAILED
    assert (await submission_row(database, queued.id)).resent_at is None
    assert {q: broker.client.llen(q) for q in depths_before} == depths_before
    assert (await load(database, hung)).status is DocumentStatus.PENDING


async def test_work_whose_message_vanished_while_its_queue_is_empty_is_sent_again(
    pg_database: Database, broker: Broker, tmp_path: Path
) -> None:
    database = pg_database
    lost = await deps.add_document(database)
    dead_claim = await deps.add_document(database, claimed_by="task-acked-then-killed")
    never_sent = await add_submission(database, at=T0)
    # A document whose message a worker holds (taken, not acknowledged): not lost.
    taken = await deps.add_document(database)
    broker.send("pipeline.process_document", str(taken))
    broker.take_and_die("extract")
    clock = Clock(T0 + 20 * SECOND)
    deps_ = make_deps(database, tmp_path, clock)
    await beat(database, "observer", since=T0 - 60 * SECOND, last=clock.now)

    result = await sweep_stuck(deps_, broker=broker.probe)

    assert set(result.requeued) == {lost, dead_claim}
    assert [s.id for s in result.resend] == [never_sent.id]
    assert (await load(database, taken)).requeues == 0
    assert (await load(database, dead_claim)).status is DocumentStatus.PENDING
    assert any("no message for it anywhere" in line for line in result.details)
    # Sent again: the next sweep, with the messages in their queues, leaves them alone.
    broker.send("pipeline.ingest_document", submission_id=str(never_sent.id))
    for doc_id in result.requeued:
        broker.send("pipeline.process_document", str(doc_id))
    clock.now += 30 * SECOND
    await beat(database, "observer", since=T0 - 60 * SECOND, last=clock.now)
    again = await sweep_stuck(deps_, broker=broker.probe)
    assert (again.requeued, again.resend) == ((), ())
    assert (await submission_row(database, never_sent.id)).status is SubmissionStatus.RECEIVED


async def test_a_document_its_ingest_task_processes_keeps_its_claim_while_that_task_lives(
    pg_database: Database, broker: Broker, tmp_path: Path
) -> None:
    """The ingest task processes the document it stored under a claim whose token is its own
    id, while its message names only the submission: the claim is that task's as long as a
    live worker holds the task or its message is unacknowledged (or just put back)."""
    database = pg_database
    live_sub, orphan_sub = uuid.uuid4(), uuid.uuid4()
    held = await deps.add_document(database, claimed_by="ingest-task-running")
    orphan_task = broker.send("pipeline.ingest_document", submission_id=str(orphan_sub))
    orphaned = await deps.add_document(database, claimed_by=orphan_task)
    broker.take_and_die("ingest")  # its worker died holding it
    gone = await deps.add_document(database, claimed_by="ingest-task-finished")
    now = datetime.now(UTC) + 20 * SECOND
    async with database.engine.begin() as conn:  # claimed a minute ago, past the staleness bound
        await conn.execute(sa.update(tables.documents).values(updated_at=now - 60 * SECOND))
    deps_ = make_deps(database, tmp_path, Clock(now))
    running = (HeldTask("ingest-task-running", "pipeline.ingest_document", live_sub),)
    await beat(database, "worker", since=now - 60 * SECOND, last=now - SECOND, tasks=running)

    result = await sweep_stuck(deps_, broker=broker.probe)

    assert result.restored == (orphan_task,)  # runs again and resumes its claim
    assert result.requeued == (gone,)
    for doc_id, token in ((held, "ingest-task-running"), (orphaned, orphan_task)):
        doc = await load(database, doc_id)
        assert (doc.status, doc.processing_token, doc.requeues) == (
            DocumentStatus.PROCESSING,
            token,
            0,
        )
    assert (await load(database, gone)).status is DocumentStatus.PENDING

    # Hung past ``stuck_after_seconds`` in a live worker's task: released like any hung claim.
    later = make_deps(database, tmp_path, Clock(now + 2 * HOUR), stuck_after_seconds=3600)
    await beat(database, "worker", since=now - 60 * SECOND, last=now + 2 * HOUR, tasks=running)
    assert held in (await sweep_stuck(later, broker=broker.probe)).requeued
