"""The stuck-work sweeper on real PostgreSQL and SQLite: stale claims are released and sent
again a bounded number of times, work that is moving is left alone, and a document that never
finishes ends FAILED saying since when it was stuck."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from pipeline.db import tables
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.model import DocumentStatus
from pipeline.domain.pages import Page, TextMethod
from pipeline.service_layer import services
from pipeline.service_layer.operations import sweep_stuck
from tests.support import deps
from tests.support.deps import T0, Clock, make_deps
from tests.support.deps import load_document as load

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
