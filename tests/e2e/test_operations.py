"""Self-healing with real processes: ``celery beat`` schedules the outbox relay, the sweeper and
reconciliation,
a ``celery worker`` on the maintenance queue runs them, and the session's worker processes
whatever the sweeper sends again. Events land in a real Redis stream."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

from pipeline.bootstrap import Runtime
from pipeline.db import tables
from pipeline.domain.model import Submission
from pipeline.producer import results, submit
from pipeline.service_layer import services
from pipeline.storage import document_key, staging_key
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.beat import CeleryBeat
from tests.support.worker import CeleryWorker, DistributedEnv, redis_url, stream_entries

pytestmark = pytest.mark.e2e


@pytest.fixture
def operations(distributed: DistributedEnv, worker: CeleryWorker, tmp_path: Path) -> Iterator[str]:
    """Beat plus a maintenance worker on fast schedules; yields the event stream's name."""
    stream = f"e2e:events:{uuid.uuid4().hex[:8]}"
    env = distributed.environ() | {
        "PIPELINE_EVENTS_STREAM": stream,
        "PIPELINE_OUTBOX_RELAY_INTERVAL_SECONDS": "1",
        "PIPELINE_SWEEP_INTERVAL_SECONDS": "2",
        "PIPELINE_RECONCILE_INTERVAL_SECONDS": "3",
    }
    maintenance = CeleryWorker(
        env, queues="maintenance", concurrency=1, log_path=tmp_path / "maintenance.log"
    ).start()
    beat = CeleryBeat(env, workdir=tmp_path / "beat").start()
    try:
        yield stream
    finally:
        beat.stop()
        maintenance.stop()
        redis.Redis.from_url(redis_url()).delete(stream)


def test_events_of_processed_documents_reach_the_stream(
    operations: str, runtime: Runtime, tmp_path: Path
) -> None:
    subs = []
    for i in range(3):
        path = tmp_path / f"doc-{i}.pdf"
        docs.text_pdf(path, [[f"Operations document {i}", str(uuid.uuid4())]])
        subs.append(submit(path, settings=runtime.settings))

    def completed_ids() -> set[str] | None:
        states = results([s.submission_id for s in subs], runtime.settings)
        done = all(s["status"] == "COMPLETED" for s in states)
        return {str(s["document_id"]) for s in states} if done else None

    doc_ids = wait_for(completed_ids, timeout=120)

    def lifecycle() -> dict[str, list[str]] | None:
        seen: dict[str, list[str]] = {}
        for event in stream_entries(operations):
            seen.setdefault(event["aggregate_id"], []).append(event["event_type"])
        mine = {d: seen.get(d, []) for d in doc_ids}
        return mine if all("DocumentCompleted" in kinds for kinds in mine.values()) else None

    by_document = wait_for(lifecycle, timeout=60)
    for kinds in by_document.values():
        assert kinds == ["DocumentStored", "DocumentProcessingStarted", "DocumentCompleted"]
    for event in stream_entries(operations):
        assert int(event["outbox_id"]) > 0 and json.loads(event["payload"])


def test_sweeper_revives_a_lost_message_and_a_dead_claim(
    operations: str, runtime: Runtime, tmp_path: Path
) -> None:
    """Two documents in limbo, made the way production makes them: one PENDING whose processing
    message never reached the broker, one PROCESSING whose claiming task is gone (a worker
    killed between its last OCR page and the chord callback). Both were last touched two hours
    ago; the sweeper, run by beat, must get both to COMPLETED through the real workers."""
    rt = runtime
    doc_ids = []
    for i, claim in enumerate([None, "task-that-died"]):
        path = tmp_path / f"limbo-{i}.pdf"
        docs.text_pdf(path, [[f"Limbo document {i}", str(uuid.uuid4())]])
        submission_id = uuid.uuid4()
        key = staging_key(submission_id, path.name)
        rt.blobs.put_file(key, path)
        submission = Submission(
            id=submission_id,
            filename=path.name,
            size_bytes=path.stat().st_size,
            staging_key=key,
            submitted_at=rt.deps.clock(),
        )
        rt.run(services.register_submission(rt.deps, submission))
        # Ingested without sending the processing task: the message is "lost".
        outcome = rt.run(
            services.ingest(
                rt.deps,
                submission_id=submission_id,
                staging_key=key,
                filename=path.name,
                size_bytes=submission.size_bytes,
            )
        )
        assert outcome.document_id is not None
        if claim is not None:
            claimed = rt.run(services.claim_document(rt.deps, outcome.document_id, token=claim))
            assert claimed.outcome.action == "started"
        doc_ids.append(outcome.document_id)

    async def backdate() -> None:
        async with rt.database.engine.begin() as conn:
            await conn.execute(
                sa.update(tables.documents)
                .where(tables.documents.c.id.in_(doc_ids))
                .values(updated_at=rt.deps.clock() - timedelta(hours=2))
            )

    rt.run(backdate())

    async def states() -> list[tuple[str, int]] | None:
        async with rt.database.engine.connect() as conn:
            rows = list(
                await conn.execute(
                    sa.select(tables.documents.c.status, tables.documents.c.requeues)
                    .where(tables.documents.c.id.in_(doc_ids))
                    .order_by(tables.documents.c.created_at)
                )
            )
        done = all(str(r.status) == "COMPLETED" for r in rows)
        return [(str(r.status), r.requeues) for r in rows] if done else None

    final = wait_for(lambda: rt.run(states()), timeout=90)
    assert final == [("COMPLETED", 1), ("COMPLETED", 1)]
    kinds = [
        e["event_type"]
        for e in stream_entries(operations)
        if e["aggregate_id"] in {str(d) for d in doc_ids}
    ]
    assert kinds.count("DocumentRequeued") == 2


def test_reconciliation_fails_a_document_whose_object_vanished(
    operations: str, runtime: Runtime, tmp_path: Path
) -> None:
    rt = runtime
    path = tmp_path / "vanishing.pdf"
    docs.text_pdf(path, [["A document whose stored object will be deleted", str(uuid.uuid4())]])
    sub = submit(path, settings=rt.settings)

    def document() -> dict[str, Any] | None:
        (state,) = results([sub.submission_id], rt.settings)
        return state if state["status"] == "COMPLETED" else None

    doc_id = uuid.UUID(wait_for(document, timeout=60)["document_id"])
    started = rt.deps.clock()
    rt.blobs.delete(document_key(hashlib.sha256(path.read_bytes()).hexdigest()))

    async def reason_and_report() -> tuple[str, int] | None:
        async with rt.database.engine.connect() as conn:
            error = (
                await conn.execute(
                    sa.select(tables.documents.c.error_message)
                    .where(tables.documents.c.id == doc_id)
                    .where(tables.documents.c.status == "FAILED")
                )
            ).scalar()
            failed_repairs = (
                await conn.execute(
                    sa.select(sa.func.max(tables.reconciliation_reports.c.failed_repairs)).where(
                        tables.reconciliation_reports.c.run_at >= started
                    )
                )
            ).scalar()
        # The report row is written when the run ends, after the document is failed.
        return (error, failed_repairs) if error and failed_repairs is not None else None

    error, failed_repairs = wait_for(lambda: rt.run(reason_and_report()), timeout=60)
    assert "is missing" in error and failed_repairs >= 1

    def events() -> list[str] | None:
        mine = [e for e in stream_entries(operations) if e["aggregate_id"] == str(doc_id)]
        kinds = [e["event_type"] for e in mine]
        return kinds if "DocumentFailed" in kinds else None

    assert wait_for(events, timeout=30)[-2:] == ["DocumentCompleted", "DocumentFailed"]
