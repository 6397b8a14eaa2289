"""Crash recovery of the OCR fan-out: a worker killed with SIGKILL in the middle of a scanned
document's OCR, a new worker taking over, and no page that was finished before the kill OCR'd
again.

Pages go out two per ``pipeline.ocr_page`` task and the worker is killed when a task has
checkpointed its first page but not its second: the redelivered task then holds a finished page
(which ``services.ocr_pages`` must skip) and an unfinished one (which it must OCR).

This test starts its own workers with short Celery limits (a broker visibility timeout of
seconds rather than hours), so it must be the only consumer of the shared Redis queues: it
pauses the session ``worker`` if an earlier test started it, and checks with a ping that no
other worker listens before it submits anything.
"""

from __future__ import annotations

import ast
import base64
import json
import re
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

from pipeline.bootstrap import Runtime
from pipeline.db import tables
from pipeline.producer import results, submit
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.worker import (
    REDIS_DB,
    REDIS_HOST,
    REDIS_PORT,
    CeleryWorker,
    DistributedEnv,
    other_workers_paused,
)
from workers.app import app

pytestmark = pytest.mark.e2e

# Distinct words tesseract reads reliably, one per page, to tell the pages apart after OCR.
MARKERS = ("ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT")
PAGES = range(1, len(MARKERS) + 1)
PAGES_PER_TASK = 2
BATCHES = [tuple(PAGES[i : i + PAGES_PER_TASK]) for i in range(0, len(PAGES), PAGES_PER_TASK)]
VISIBILITY_TIMEOUT = 30
# The visibility timeout must outlast the hard time limit and the longest retry countdown
# (Settings refuses anything else); DistributedEnv already caps the retry backoff at 4 s.
RECOVERY_ENV = {
    "PIPELINE_TASK_SOFT_TIME_LIMIT": "20",
    "PIPELINE_TASK_TIME_LIMIT": "25",
    "PIPELINE_BROKER_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    "PIPELINE_OCR_TIMEOUT_SECONDS": "15",
    "PIPELINE_OCR_PAGES_PER_TASK": str(PAGES_PER_TASK),
}
# "Task pipeline.ocr_page[<id>] succeeded in 1.93s: {'document_id': '...', 'pages': [3], ...}"
_SUCCEEDED = re.compile(r"Task (pipeline\.\w+)\[[0-9a-f-]+\] succeeded in [\d.]+s: (\{.*\})")


def scanned_pages() -> list[list[str]]:
    return [
        [
            f"Recovery test page {number} marker {marker}",
            *(
                f"{marker} line {line}: the quick brown fox jumps over the lazy dog"
                for line in range(14)
            ),
        ]
        for number, marker in zip(PAGES, MARKERS, strict=True)
    ]


@dataclass(frozen=True)
class BrokerState:
    """The document's ``pipeline.ocr_page`` messages left in Redis by a killed worker."""

    unacked: list[tuple[int, ...]]  # delivered, never acknowledged: in flight at the kill
    queued: list[tuple[int, ...]]  # not delivered yet
    last_delivery: float  # epoch seconds of the latest unacknowledged delivery


def broker_state(client: redis.Redis, document_id: uuid.UUID) -> BrokerState:
    def pages_of(message: dict[str, Any]) -> tuple[int, ...] | None:
        if message["headers"].get("task") != "pipeline.ocr_page":
            return None
        body = message["body"]
        if message["properties"].get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args = json.loads(body)[0]  # [args, kwargs, embed]
        return tuple(args[1]) if args[0] == str(document_id) else None

    # kombu's Redis transport keeps unacknowledged messages as [message, exchange, routing key]
    # in the "unacked" hash, their delivery times in the "unacked_index" sorted set.
    unacked = [pages_of(json.loads(raw)[0]) for raw in client.hvals("unacked")]
    queued = [
        pages_of(json.loads(raw))
        for key in client.scan_iter(match="ocr*")
        if client.type(key) == b"list"
        for raw in client.lrange(key, 0, -1)
    ]
    scores = [score for _, score in client.zrange("unacked_index", 0, -1, withscores=True)]
    return BrokerState(
        unacked=sorted(p for p in unacked if p),
        queued=sorted(p for p in queued if p),
        last_delivery=max(scores, default=0.0),
    )


def fetch(runtime: Runtime, stmt: sa.Executable) -> list[sa.Row[Any]]:
    async def run() -> list[sa.Row[Any]]:
        async with runtime.database.engine.connect() as conn:
            return list(await conn.execute(stmt))

    return runtime.run(run())


def page_versions(runtime: Runtime, document_id: uuid.UUID) -> dict[int, str]:
    """Checkpointed pages and the PostgreSQL row version (xmin) of each. The page upsert keeps
    ``created_at`` on conflict, so only the row version shows that a page was saved again."""
    pages = tables.document_pages
    rows = fetch(
        runtime,
        sa.select(pages.c.page_number, sa.literal_column("xmin::text")).where(
            pages.c.document_id == document_id
        ),
    )
    return {number: xmin for number, xmin in rows}


def document_id_of(runtime: Runtime, submission_id: uuid.UUID) -> uuid.UUID | None:
    (state,) = results([submission_id], runtime.settings)
    return uuid.UUID(state["document_id"]) if state["document_id"] else None


def split_batch(done: set[int]) -> tuple[int, ...] | None:
    """A batch with some of its pages checkpointed and some not."""
    return next((b for b in BATCHES if done & set(b) and set(b) - done), None)


def succeeded(log: str, task: str, document_id: uuid.UUID) -> list[dict[str, Any]]:
    """Return values of the task's successful runs for the document, as the worker logged them."""
    found = (ast.literal_eval(value) for name, value in _SUCCEEDED.findall(log) if name == task)
    return [r for r in found if r.get("document_id") == str(document_id)]


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie (a zombie still accepts signals)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def recovery_env(distributed: DistributedEnv) -> dict[str, str]:
    return {**distributed.environ(), **RECOVERY_ENV}


@pytest.fixture
def sole_consumer() -> Iterator[None]:
    with other_workers_paused():
        replies = app.control.ping(timeout=1.0)
        assert not replies, f"other Celery workers consume the test broker: {replies}"
        yield


def test_a_killed_ocr_worker_is_replaced_without_ocring_finished_pages_again(
    sole_consumer: None, recovery_env: dict[str, str], runtime: Runtime, tmp_path: Path
) -> None:
    pdf = docs.scanned_pdf(tmp_path / "scanned.pdf", scanned_pages(), dpi=300)
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
    first = CeleryWorker(recovery_env, concurrency=2, log_path=tmp_path / "first.log")
    second = CeleryWorker(recovery_env, concurrency=2, log_path=tmp_path / "second.log")
    try:
        first.start()
        sub = submit(pdf, settings=runtime.settings)
        doc_id: uuid.UUID = wait_for(lambda: document_id_of(runtime, sub.submission_id), 60, 0.1)

        # Kill -9 (pool processes, tesseract and the main process) when a task has checkpointed
        # one of its pages and is reading the next.
        wait_for(
            lambda: split_batch(set(page_versions(runtime, doc_id))), timeout=90, interval=0.05
        )
        pool = first.children()
        assert pool, first.log_tail()
        first.kill()
        killed_at = time.monotonic()
        wait_for(lambda: not [pid for pid in pool if alive(pid)], timeout=10, interval=0.05)

        before = page_versions(runtime, doc_id)
        broker = broker_state(client, doc_id)
        split = split_batch(set(before))
        assert split in broker.unacked, (before.keys(), broker)
        # No message was lost with the worker: every batch not finished is still in Redis.
        unfinished = sorted(b for b in BATCHES if set(b) - before.keys())
        assert sorted(broker.unacked + broker.queued) == unfinished, (before.keys(), broker)
        status = tables.documents.c.status
        assert fetch(runtime, sa.select(status).where(tables.documents.c.id == doc_id)) == [
            ("PROCESSING",)
        ]

        # A SIGKILLed worker cannot hand its unacknowledged messages back: Redis lets another
        # worker restore them once the visibility timeout has passed. A starting worker sweeps
        # for them at once; later sweeps come only every ~100 s (kombu's defaults).
        time.sleep(max(0.0, broker.last_delivery + VISIBILITY_TIMEOUT + 1 - time.time()))
        second.start()
        (state,) = wait_for(
            lambda: (s := results([sub.submission_id], runtime.settings)) and s[0]["final"] and s,
            timeout=60,
        )
        recovered_in = time.monotonic() - killed_at
        assert state["status"] == "COMPLETED", (state, second.log_tail())
        assert state["page_count"] == len(MARKERS)

        # Every page once, with its own text.
        pages = tables.document_pages
        rows = fetch(
            runtime,
            sa.select(pages.c.page_number, pages.c.method, pages.c.text)
            .where(pages.c.document_id == doc_id)
            .order_by(pages.c.page_number),
        )
        assert [r.page_number for r in rows] == list(PAGES)
        for row, marker in zip(rows, MARKERS, strict=True):
            assert row.method == "ocr"
            text = row.text.lower()
            assert f"marker {marker}".lower() in text, (row.page_number, row.text)
            assert not [m for m in MARKERS if m != marker and m.lower() in text], row.text

        # Pages checkpointed before the kill were not saved again, hence not OCR'd again, though
        # one of them came back in a redelivered task.
        after = page_versions(runtime, doc_id)
        assert {n: after[n] for n in before} == before

        # The new worker ran each unfinished task once, and the chord's callback ran although
        # part of its header was redelivered.
        log = second.log_text()
        runs = Counter(tuple(r["pages"]) for r in succeeded(log, "pipeline.ocr_page", doc_id))
        assert sorted(runs.elements()) == unfinished, (runs, second.log_tail())
        finishes = succeeded(log, "pipeline.finish_document", doc_id)
        assert [r["action"] for r in finishes] == ["completed"], second.log_tail()
        assert not succeeded(first.log_text(), "pipeline.finish_document", doc_id)

        # One document, processed and completed once, its records written once.
        file_hash = fetch(
            runtime,
            sa.select(tables.documents.c.file_hash).where(tables.documents.c.id == doc_id),
        )[0][0]
        assert fetch(
            runtime,
            sa.select(sa.func.count())
            .select_from(tables.documents)
            .where(tables.documents.c.file_hash == file_hash),
        ) == [(1,)]
        events = fetch(
            runtime,
            sa.select(tables.outbox.c.event_type, tables.outbox.c.payload)
            .where(tables.outbox.c.aggregate_id == doc_id)
            .order_by(tables.outbox.c.id),
        )
        kinds = [kind for kind, _ in events]
        assert kinds == ["DocumentStored", "DocumentProcessingStarted", "DocumentCompleted"]
        counts = events[-1].payload.get("record_counts", {})
        for table in (tables.income_records, tables.account_numbers):
            stored = fetch(
                runtime,
                sa.select(sa.func.count()).select_from(table).where(table.c.document_id == doc_id),
            )[0][0]
            assert stored == counts.get(table.name, 0), (table.name, stored, counts)

        print(
            f"\nkilled with pages {sorted(before)} checkpointed, tasks {broker.unacked} in flight "
            f"and {broker.queued} queued; COMPLETED {recovered_in:.1f}s after the kill "
            f"(visibility timeout {VISIBILITY_TIMEOUT}s); new worker ran tasks {sorted(runs)}"
        )
    finally:
        first.kill()
        second.stop()
