"""Recovery at default settings, with real processes: ``celery beat`` and a maintenance worker run
the sweeper every ``sweep_interval_seconds`` (5 s), every worker beats every 2 s, and a worker
silent for 10 s is taken for dead. Nothing on the recovery path is shortened: the broker's
visibility timeout stays at two hours and ``stuck_after_seconds`` at one, so a recovery within
30 s is the heartbeat's and the broker epoch's doing.

- A worker killed with SIGKILL (main process and pool) while it OCRs a page: its message, left
  unacknowledged in Redis, goes back to the queue and the other worker completes the document.
- The broker's database flushed (what a Redis restart without persistence does) with PENDING
  documents and queued submissions: all of them sent again and completed.
- A backlog of queued documents and submissions older than ``stuck_after_seconds`` (shortened
  here, the one setting that is: with the old rules it would have been sent again): left alone,
  then processed once each.

Each test starts its own workers, so it pauses the session ``worker`` if an earlier test
started it and checks that no other worker consumes the test broker.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

from pipeline.bootstrap import Runtime
from pipeline.db import tables
from pipeline.producer import results, submit
from pipeline.queues import PRIORITY_STEPS, list_name
from pipeline.samples import generate_samples
from pipeline.service_layer import services
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.beat import CeleryBeat
from tests.support.worker import (
    REDIS_DB,
    REDIS_HOST,
    REDIS_PORT,
    CeleryWorker,
    DistributedEnv,
    other_workers_paused,
)
from workers.app import app
from workers.tasks import enqueue_processing

pytestmark = pytest.mark.e2e

RECOVERY_BUDGET = 30.0  # seconds, kill or flush to COMPLETED


def fetch(runtime: Runtime, stmt: sa.Executable) -> list[sa.Row[Any]]:
    async def run() -> list[sa.Row[Any]]:
        async with runtime.database.engine.connect() as conn:
            return list(await conn.execute(stmt))

    return runtime.run(run())


def final_states(runtime: Runtime, submission_ids: list[uuid.UUID]) -> list[dict[str, Any]] | None:
    states = results(submission_ids, runtime.settings)
    return states if all(s["final"] for s in states) else None


def events_of(runtime: Runtime, document_id: str) -> list[str]:
    t = tables.outbox
    rows = fetch(
        runtime,
        sa.select(t.c.event_type)
        .where(t.c.aggregate_id == uuid.UUID(document_id))
        .order_by(t.c.id),
    )
    return [row.event_type for row in rows]


def assert_each_document_once(runtime: Runtime, states: list[dict[str, Any]]) -> None:
    """One document per file, its records written once (the counts its DocumentCompleted event
    announced), one DocumentCompleted event."""
    d = tables.documents
    ids = [uuid.UUID(s["document_id"]) for s in states]
    hashes = fetch(runtime, sa.select(d.c.file_hash).where(d.c.id.in_(ids)))
    for (file_hash,) in hashes:
        count = sa.select(sa.func.count()).select_from(d).where(d.c.file_hash == file_hash)
        assert fetch(runtime, count) == [(1,)]
    for document_id in ids:
        o = tables.outbox
        completed = fetch(
            runtime,
            sa.select(o.c.payload)
            .where(o.c.aggregate_id == document_id)
            .where(o.c.event_type == "DocumentCompleted"),
        )
        assert len(completed) == 1, (document_id, completed)
        counts = completed[0].payload.get("record_counts", {})
        for table in (tables.income_records, tables.account_numbers):
            stored = fetch(
                runtime,
                sa.select(sa.func.count())
                .select_from(table)
                .where(table.c.document_id == document_id),
            )[0][0]
            assert stored == counts.get(table.name, 0), (table.name, stored, counts)


def wait_until_liveness_is_observable(runtime: Runtime, timeout: float = 60.0) -> None:
    """Until some worker has beaten without a gap for longer than the staleness bound: the
    sweeper takes nobody for dead before that (see ``pipeline.domain.liveness.Liveness``)."""
    stale = timedelta(seconds=runtime.settings.worker_stale_after_seconds + 1)

    def observable() -> bool:
        now = datetime.now(UTC)
        hb = tables.worker_heartbeats
        rows = fetch(
            runtime,
            sa.select(hb.c.worker_id)
            .where(hb.c.last_seen_at >= now - stale)
            .where(hb.c.alive_since <= now - stale),
        )
        return bool(rows)

    wait_for(observable, timeout=timeout, interval=0.5)


@pytest.fixture(scope="module")
def sole_consumer() -> Iterator[None]:
    with other_workers_paused():
        replies = app.control.ping(timeout=1.0)
        assert not replies, f"other Celery workers consume the test broker: {replies}"
        yield


@pytest.fixture
def broker_client() -> Iterator[redis.Redis]:
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
    try:
        yield client
    finally:
        client.close()


class Stack:
    """Beat and a maintenance worker (the sweeper's), plus the pipeline's workers a test starts
    (:meth:`workers`, stopped or killed by :meth:`stop_workers`)."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.maintenance: CeleryWorker | None = None
        self.beat: CeleryBeat | None = None
        self.started: list[CeleryWorker] = []

    def start_operations(self) -> Stack:
        self.maintenance = self._worker("maintenance", "maintenance")
        self.beat = CeleryBeat(self.env, workdir=self.log_dir / f"beat-{uuid.uuid4().hex[:6]}")
        with ThreadPoolExecutor() as pool:  # start-ups are mostly imports: overlap them
            list(pool.map(lambda start: start(), [self.maintenance.start, self.beat.start]))
        return self

    def workers(self, *names: str, queues: str = "ingest,extract,ocr") -> list[CeleryWorker]:
        started = [self._worker(name, queues) for name in names]
        with ThreadPoolExecutor() as pool:
            list(pool.map(lambda w: w.start(), started))
        self.started += started
        return started

    def _worker(self, name: str, queues: str) -> CeleryWorker:
        return CeleryWorker(
            self.env,
            queues=queues,
            concurrency=1,
            log_path=self.log_dir / f"{name}-{uuid.uuid4().hex[:6]}.log",
            name=f"{name}-{uuid.uuid4().hex[:6]}@%h",
        )

    def stop_workers(self) -> None:
        for w in self.started:
            w.stop()
        self.started = []

    def close(self) -> None:
        self.stop_workers()
        if self.beat is not None:
            self.beat.stop()
        if self.maintenance is not None:
            self.maintenance.stop()


@pytest.fixture(scope="module")
def operations(
    sole_consumer: None, distributed: DistributedEnv, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """Beat and the maintenance worker at default settings, for the tests of this module that
    prove recovery at default settings."""
    s = Stack(distributed.environ(), tmp_path_factory.mktemp("recovery"))
    try:
        yield s.start_operations()
    finally:
        s.close()


@pytest.fixture
def stack(operations: Stack) -> Iterator[Stack]:
    try:
        yield operations
    finally:
        operations.stop_workers()


def ingested(runtime: Runtime, path: Path) -> uuid.UUID:
    """Hand ``path`` in and ingest it here, as the ingest task does (the real use case), then
    send its processing message: a PENDING document waiting in the ``extract`` queue. Returns
    the submission id."""
    rt = runtime
    submission, _ = rt.run(
        services.stage_submission(rt.deps, path, filename=path.name, size_bytes=path.stat().st_size)
    )
    outcome = rt.run(
        services.ingest(
            rt.deps,
            submission_id=submission.id,
            staging_key=submission.staging_key,
            filename=submission.filename,
            size_bytes=submission.size_bytes,
        )
    )
    assert outcome.process and outcome.document_id is not None, outcome
    enqueue_processing(outcome.document_id)
    return submission.id


def waiting(client: redis.Redis, queue: str) -> int:
    """Messages waiting in ``queue``, every priority."""
    return sum(int(client.llen(list_name(queue, p))) for p in PRIORITY_STEPS)


def received(worker: CeleryWorker, task: str) -> list[str]:
    """Ids of the ``task`` messages the worker received, in order, from its log."""
    return re.findall(rf"Task {re.escape(task)}\[([0-9a-f-]+)\] received", worker.log_text())


def test_a_backlog_waits_its_turn_and_is_not_sent_again(
    sole_consumer: None,
    distributed: DistributedEnv,
    runtime: Runtime,
    broker_client: redis.Redis,
    tmp_path: Path,
) -> None:
    # Its own sweeper, with the one shortened setting (and the time limits it must outlast):
    # with the old rules, PENDING work this old was sent again, then FAILED. (First in the
    # module: the default-settings sweeper of the other tests is not started yet.)
    stuck_after = 13
    env = distributed.environ() | {
        "PIPELINE_TASK_SOFT_TIME_LIMIT": "10",
        "PIPELINE_TASK_TIME_LIMIT": "12",
        "PIPELINE_BROKER_VISIBILITY_TIMEOUT": "60",
        "PIPELINE_STUCK_AFTER_SECONDS": str(stuck_after),
        "PIPELINE_MAX_REQUEUES": "1",
    }
    stack = Stack(env, tmp_path)
    try:
        stack.start_operations()
        maintenance = stack.maintenance
        assert maintenance is not None
        paths = []
        for i in range(15):
            path = tmp_path / f"backlog-{i}.pdf"
            docs.text_pdf(path, [[f"Backlog document {i}", str(uuid.uuid4())]])
            paths.append(path)
        backlog = [ingested(runtime, p) for p in paths[:12]]
        backlog_docs = [uuid.UUID(s["document_id"]) for s in results(backlog, runtime.settings)]
        waiting_ingest = [submit(p, settings=runtime.settings).submission_id for p in paths[12:]]
        depths = {q: waiting(broker_client, q) for q in ("ingest", "extract")}
        assert depths == {"ingest": 3, "extract": 12}
        sweeps_before = maintenance.log_text().count("pipeline.sweep_stuck[")

        # Past stuck_after_seconds, through several sweeps: nothing sent again, nothing failed.
        time.sleep(stuck_after + 8)
        sweeps = maintenance.log_text().count("pipeline.sweep_stuck[") - sweeps_before
        assert sweeps >= 2 * 3, maintenance.log_tail()  # received + succeeded, 3 sweeps at least
        sub = tables.submissions
        resent = fetch(
            runtime,
            sa.select(sa.func.count())
            .select_from(sub)
            .where(sub.c.id.in_(waiting_ingest))
            .where(sub.c.resent_at.is_not(None)),
        )
        assert resent == [(0,)]
        assert {q: waiting(broker_client, q) for q in depths} == depths
        o = tables.outbox
        requeued = fetch(
            runtime,
            sa.select(sa.func.count())
            .select_from(o)
            .where(o.c.aggregate_id.in_(backlog_docs))
            .where(o.c.event_type.in_(["DocumentRequeued", "DocumentFailed"])),
        )
        assert requeued == [(0,)]

        # Workers arrive: each document processed once.
        stack.workers("drain")
        subs = backlog + waiting_ingest
        states = wait_for(lambda: final_states(runtime, subs), timeout=120)
        assert {s["status"] for s in states} == {"COMPLETED"}
        for state in states:
            assert events_of(runtime, state["document_id"]) == [
                "DocumentStored",
                "DocumentProcessingStarted",
                "DocumentCompleted",
            ]
    finally:
        stack.close()


def test_a_worker_killed_mid_task_is_replaced_within_30_seconds(
    stack: Stack, runtime: Runtime, tmp_path: Path
) -> None:
    assert stack.maintenance is not None
    maintenance = stack.maintenance
    first, second = stack.workers("first", "second")
    wait_until_liveness_is_observable(runtime)
    lines = [f"Recovery after a worker death, line {i}: the quick brown fox" for i in range(6)]
    scan = docs.scanned_pdf(tmp_path / "scan.pdf", [lines], dpi=200)
    sub = submit(scan, settings=runtime.settings)

    # Kill -9 (the main process and its pool) whichever worker took the OCR task, as it starts.
    def ocr_taken() -> tuple[CeleryWorker, str] | None:
        for w in (first, second):
            if taken := received(w, "pipeline.ocr_page"):
                return w, taken[0]
        return None

    holder, task_id = wait_for(ocr_taken, timeout=60, interval=0.05)
    holder.kill()
    killed_at = time.monotonic()
    survivor = second if holder is first else first
    assert f"pipeline.ocr_page[{task_id}] succeeded" not in holder.log_text()

    wait_for(lambda: task_id in received(survivor, "pipeline.ocr_page"), timeout=60, interval=0.1)
    handed_back_in = time.monotonic() - killed_at
    (state,) = wait_for(lambda: final_states(runtime, [sub.submission_id]), timeout=60)
    recovered_in = time.monotonic() - killed_at
    assert state["status"] == "COMPLETED", (state, survivor.log_tail())
    assert recovered_in < RECOVERY_BUDGET, recovered_in

    # The survivor ran the very message the dead worker held (same task id: it resumed the
    # claim), handed back by the sweeper, not by the visibility timeout (two hours).
    assert task_id in received(survivor, "pipeline.ocr_page"), survivor.log_tail()
    assert re.search(
        rf"pipeline\.ocr_page\[{task_id}\] was held by a worker that stopped",
        (maintenance.log_text()),
    ), maintenance.log_tail()
    assert runtime.settings.broker_visibility_timeout == 7200
    # Processed once: one claim, no release, one page, one completion.
    assert events_of(runtime, state["document_id"]) == [
        "DocumentStored",
        "DocumentProcessingStarted",
        "DocumentCompleted",
    ]
    pages = tables.document_pages
    assert fetch(
        runtime,
        sa.select(pages.c.page_number).where(
            pages.c.document_id == uuid.UUID(state["document_id"])
        ),
    ) == [(1,)]
    assert_each_document_once(runtime, [state])
    print(
        f"\nworker killed mid-OCR: its message taken by the other worker {handed_back_in:.1f} s "
        f"after the kill, the document COMPLETED {recovered_in:.1f} s after it"
    )


def test_work_lost_with_the_brokers_data_is_sent_again_within_30_seconds(
    stack: Stack, runtime: Runtime, broker_client: redis.Redis, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    generate_samples(corpus, seed=uuid.uuid4().int % 1_000_000)
    files = sorted(corpus.glob("*.pdf"))
    files = [f for f in files if "scan" not in f.name][:5]
    assert len(files) == 5

    # Three ingested (PENDING, their processing messages queued with no worker on them), two
    # still queued for ingest.
    pending = [ingested(runtime, f) for f in files[:3]]
    queued = [submit(f, settings=runtime.settings).submission_id for f in files[3:]]
    assert waiting(broker_client, "extract") == 3 and waiting(broker_client, "ingest") == 2
    wait_until_liveness_is_observable(runtime)

    broker_client.flushdb()  # what a Redis restart without persistence leaves
    flushed_at = time.monotonic()
    stack.workers("after-the-flush")
    subs = pending + queued
    states = wait_for(lambda: final_states(runtime, subs), timeout=60)
    recovered_in = time.monotonic() - flushed_at

    assert [s["status"] for s in states] == ["COMPLETED"] * 5, states
    assert recovered_in < RECOVERY_BUDGET, recovered_in
    assert_each_document_once(runtime, states)
    for state in states[:3]:  # sent again once by the sweeper, processed once
        assert events_of(runtime, state["document_id"]) == [
            "DocumentStored",
            "DocumentRequeued",
            "DocumentProcessingStarted",
            "DocumentCompleted",
        ]
    for state in states[3:]:  # ingested once (their ingest sent again), processed once
        assert state["duplicate"] is False
        assert events_of(runtime, state["document_id"]) == [
            "DocumentStored",
            "DocumentProcessingStarted",
            "DocumentCompleted",
        ]
    print(f"\nbroker flushed: 5 documents COMPLETED {recovered_in:.1f} s after the flush")
