"""Repositories and the unit of work on the real databases (PostgreSQL and embedded SQLite)."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from pipeline.db import tables
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.errors import IllegalTransition
from pipeline.domain.model import (
    Borrower,
    Document,
    DocumentPart,
    DocumentStatus,
    IncomeRecord,
    RecordKind,
    SourceReference,
)
from pipeline.domain.pages import Page, TextMethod, Word, checkpointed

T0 = datetime(2026, 1, 1, tzinfo=UTC)
UowFactory = Callable[[], SqlAlchemyUnitOfWork]


def new_doc(content: bytes, *, now: datetime = T0) -> Document:
    return Document.new(
        filename=f"{content[:8].hex()}.pdf",
        file_hash=hashlib.sha256(content).hexdigest(),
        file_type="pdf",
        file_size_bytes=len(content),
        blob_uri="file:///x",
        now=now,
    )


async def outbox_rows(database: Database) -> list[sa.Row[object]]:
    async with database.engine.connect() as conn:
        return list(await conn.execute(sa.select(tables.outbox).order_by(tables.outbox.c.id)))


async def test_add_get_and_get_by_hash(uow_factory: UowFactory) -> None:
    doc = new_doc(b"one")
    async with uow_factory() as uow:
        stored, created = await uow.documents.add_if_absent(doc)
        await uow.commit()
    assert created and stored is doc
    async with uow_factory() as uow:
        by_id = await uow.documents.get(doc.id)
        by_hash = await uow.documents.get_by_hash(doc.file_hash)
        missing = await uow.documents.get(uuid.uuid4())
    assert by_id is not None and by_hash is not None and missing is None
    assert by_id.id == by_hash.id == doc.id
    assert by_id.status is DocumentStatus.PENDING
    assert by_id.created_at == T0 and by_id.file_size_bytes == 3


async def test_duplicate_hash_returns_existing_row(uow_factory: UowFactory) -> None:
    first = new_doc(b"same")
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(first)
        await uow.commit()
    second = new_doc(b"same")
    async with uow_factory() as uow:
        stored, created = await uow.documents.add_if_absent(second)
        events = await uow.commit()
    assert not created and stored.id == first.id != second.id
    assert events == []  # a duplicate records no DocumentStored


async def test_twenty_concurrent_inserts_of_one_hash_make_one_row(
    uow_factory: UowFactory, database: Database
) -> None:
    async def insert() -> tuple[uuid.UUID, bool]:
        async with uow_factory() as uow:
            stored, created = await uow.documents.add_if_absent(new_doc(b"racy"))
            await uow.commit()
            return stored.id, created

    results = await asyncio.gather(*(insert() for _ in range(20)))
    ids = {doc_id for doc_id, _ in results}
    assert len(ids) == 1
    assert sum(created for _, created in results) == 1
    async with database.engine.connect() as conn:
        count = await conn.scalar(sa.select(sa.func.count()).select_from(tables.documents))
    assert count == 1
    stored_events = [r for r in await outbox_rows(database) if r.event_type == "DocumentStored"]
    assert len(stored_events) == 1


async def test_pages_read_back_exactly_as_checkpointed_says(uow_factory: UowFactory) -> None:
    """A page just read and the same page read back from its checkpoint are equal, so the
    extractors see the same values whichever they are given (on both databases)."""
    doc = new_doc(b"pages")
    words = (
        Word("Wages", 0.123456789, -1e-9, 0.1, 1 / 3, 0.98765, 2, 1),
        Word("1,234.56", 0, 0.5, 2.5e-06, 0.012345678, 1.0, 2, 1),
    )
    pages = [
        Page(number=2, text="second", method=TextMethod.OCR, words=words, confidence=91.25),
        Page(number=1, text="first\nline", method=TextMethod.TEXT_LAYER),
    ]
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(doc)
        await uow.pages.save_many(doc.id, pages, now=T0)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.pages.list(doc.id)
    assert stored == sorted(map(checkpointed, pages), key=lambda page: page.number)
    assert stored[1].words[0].top == 0.0 and stored[1].words[0].left == 0.12346


async def test_compare_and_set_only_one_of_two_racing_transitions_wins(
    uow_factory: UowFactory, database: Database
) -> None:
    doc = new_doc(b"cas")
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(doc)
        await uow.commit()

    async def claim(token: str) -> bool:
        async with uow_factory() as uow:
            loaded = await uow.documents.get(doc.id)
            assert loaded is not None
            loaded.start_processing(token=token, now=T0)
            won = await uow.documents.transition(loaded, DocumentStatus.PENDING)
            await uow.commit()
            return won

    outcomes = await asyncio.gather(claim("a"), claim("b"))
    assert sorted(outcomes) == [False, True]
    async with uow_factory() as uow:
        stored = await uow.documents.get(doc.id)
    assert stored is not None and stored.status is DocumentStatus.PROCESSING
    winner = "a" if outcomes[0] else "b"
    assert stored.processing_token == winner and stored.attempts == 1
    started = [
        r for r in await outbox_rows(database) if r.event_type == "DocumentProcessingStarted"
    ]
    assert len(started) == 1  # the loser wrote no event


async def test_stale_transition_loses_after_status_moved_on(uow_factory: UowFactory) -> None:
    doc = new_doc(b"stale")
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(doc)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.documents.get(doc.id)
        assert loaded is not None
        loaded.fail("bad", now=T0)
        assert await uow.documents.transition(loaded, DocumentStatus.PENDING)
        await uow.commit()
    # A second actor still believing the document is PENDING must lose.
    stale = new_doc(b"stale")
    stale.id = doc.id
    stale.start_processing(token="late", now=T0)
    async with uow_factory() as uow:
        assert not await uow.documents.transition(stale, DocumentStatus.PENDING)
        await uow.commit()
        stored = await uow.documents.get(doc.id)
    assert stored is not None and stored.status is DocumentStatus.FAILED


async def test_illegal_transition_is_refused_before_touching_the_database(
    uow_factory: UowFactory,
) -> None:
    doc = new_doc(b"illegal")
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(doc)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.documents.get(doc.id)
        assert loaded is not None
        with pytest.raises(IllegalTransition):
            loaded.complete(now=T0, page_count=1, doc_type=None)


async def test_pagination_and_status_filter(uow_factory: UowFactory) -> None:
    docs = [new_doc(f"doc-{i}".encode(), now=T0 + timedelta(seconds=i)) for i in range(7)]
    async with uow_factory() as uow:
        for doc in docs:
            await uow.documents.add_if_absent(doc)
        failed = docs[2]
        failed.fail("x", now=T0)
        await uow.documents.transition(failed, DocumentStatus.PENDING)
        await uow.commit()
    async with uow_factory() as uow:
        page1 = await uow.documents.list(limit=3, offset=0)
        page2 = await uow.documents.list(limit=3, offset=3)
        page3 = await uow.documents.list(limit=3, offset=6)
        only_failed = await uow.documents.list(status=DocumentStatus.FAILED)
        counts = await uow.documents.count_by_status()
    assert [d.id for d in page1 + page2 + page3] == [d.id for d in docs]
    assert [d.id for d in only_failed] == [failed.id]
    assert counts[DocumentStatus.PENDING] == 6 and counts[DocumentStatus.FAILED] == 1


async def test_list_stuck_finds_old_pending_and_processing(uow_factory: UowFactory) -> None:
    old = new_doc(b"old", now=T0)
    fresh = new_doc(b"fresh", now=T0 + timedelta(hours=2))
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(old)
        await uow.documents.add_if_absent(fresh)
        await uow.commit()
    async with uow_factory() as uow:
        stuck = await uow.documents.list_stuck(older_than=T0 + timedelta(hours=1))
    assert [d.id for d in stuck] == [old.id]


async def test_leaving_without_commit_rolls_back_data_and_events(
    uow_factory: UowFactory, database: Database
) -> None:
    doc = new_doc(b"rollback")
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(doc)
    async with uow_factory() as uow:
        assert await uow.documents.get(doc.id) is None
    assert await outbox_rows(database) == []


async def test_error_inside_unit_rolls_back(uow_factory: UowFactory, database: Database) -> None:
    doc = new_doc(b"boom")
    with pytest.raises(ZeroDivisionError):
        async with uow_factory() as uow:
            await uow.documents.add_if_absent(doc)
            _ = 1 / 0
    async with uow_factory() as uow:
        assert await uow.documents.get(doc.id) is None
    assert await outbox_rows(database) == []


async def test_events_committed_atomically_with_the_data(
    uow_factory: UowFactory, database: Database
) -> None:
    doc = new_doc(b"atomic")
    async with uow_factory() as uow:
        await uow.documents.add_if_absent(doc)
        doc.start_processing(token="t", now=T0)
        assert await uow.documents.transition(doc, DocumentStatus.PENDING)
        await uow.commit()
    rows = await outbox_rows(database)
    assert [r.event_type for r in rows] == ["DocumentStored", "DocumentProcessingStarted"]
    assert all(r.aggregate_id == doc.id and r.processed_at is None for r in rows)
    assert rows[1].payload["attempt"] == 1


async def test_replace_for_document_replaces_exactly_that_documents_records(
    uow_factory: UowFactory,
) -> None:
    a, b = new_doc(b"a"), new_doc(b"b")
    borrower = Borrower(name="Jane Roe", ssn_hash="f" * 64, ssn_last4="1234")

    def income(doc: Document, amount: str) -> IncomeRecord:
        return IncomeRecord(
            document_id=doc.id,
            borrower_id=borrower.id,
            amount=Decimal(amount),
            period="annual",
            year=2024,
            source_type="w2",
            employer="Acme",
            created_at=T0,
        )

    async with uow_factory() as uow:
        await uow.documents.add_if_absent(a)
        await uow.documents.add_if_absent(b)
        borrower.created_at = borrower.updated_at = T0
        await uow.borrowers.add(borrower)
        await uow.incomes.replace_for_document(a.id, [income(a, "100.00")])
        await uow.incomes.replace_for_document(b.id, [income(b, "200.00")])
        await uow.commit()
    async with uow_factory() as uow:
        await uow.incomes.replace_for_document(a.id, [income(a, "150.50"), income(a, "7.25")])
        ref = SourceReference(
            document_id=a.id,
            record_type=RecordKind.BORROWER,
            record_id=borrower.id,
            page_number=1,
            section="W-2 box e",
            snippet="Jane Roe ***-**-1234",
            bbox=(0.1, 0.2, 0.3, 0.25),
            extractor="w2",
            extractor_version="1",
            part_number=2,
            created_at=T0,
        )
        await uow.sources.replace_for_document(a.id, [ref])
        parts = [
            DocumentPart(document_id=a.id, part_number=n, doc_type=kind, first_page=first,
                         last_page=last, created_at=T0)
            for n, kind, first, last in ((1, "unknown", 1, 1), (2, "w2", 2, 3))
        ]  # fmt: skip
        await uow.parts.replace_for_document(a.id, parts)
        await uow.commit()
    async with uow_factory() as uow:
        a_amounts = sorted(r.amount for r in await uow.incomes.list_for_document(a.id))
        b_amounts = [r.amount for r in await uow.incomes.list_for_document(b.id)]
        mentioned = await uow.borrowers.list_for_document(a.id)
        refs = await uow.sources.list_for_document(a.id)
        stored_parts = await uow.parts.list_for_document(a.id)
        by_ssn = await uow.borrowers.find_by_ssn_hash("f" * 64)
        by_name = await uow.borrowers.find_by_normalized_name("jane roe")
    assert a_amounts == [Decimal("7.25"), Decimal("150.50")]
    assert b_amounts == [Decimal("200.00")]
    assert [m.id for m in mentioned] == [borrower.id]
    assert refs[0].bbox == (0.1, 0.2, 0.3, 0.25) and refs[0].part_number == 2
    assert sorted((p.part_number, p.doc_type, p.first_page, p.last_page) for p in stored_parts) == [
        (1, "unknown", 1, 1),
        (2, "w2", 2, 3),
    ]
    assert by_ssn is not None and by_ssn.id == borrower.id
    assert [x.id for x in by_name] == [borrower.id]


async def test_idempotency_keys_first_result_wins_until_expiry(uow_factory: UowFactory) -> None:
    later = T0 + timedelta(days=2)
    async with uow_factory() as uow:
        first = await uow.idempotency.put(
            "k1", {"document_id": "a"}, now=T0, expires_at=T0 + timedelta(days=1)
        )
        second = await uow.idempotency.put(
            "k1", {"document_id": "b"}, now=T0, expires_at=T0 + timedelta(days=1)
        )
        await uow.commit()
    assert first == second == {"document_id": "a"}
    async with uow_factory() as uow:
        assert await uow.idempotency.get("k1", now=later) is None
        assert await uow.idempotency.delete_expired(now=later) == 1
        await uow.commit()


async def test_racing_creation_of_one_borrower_is_a_retryable_conflict(
    uow_factory: UowFactory,
) -> None:
    """Two documents of one new person processed at once: the second insert must surface as
    ConcurrentUpdate (retried, then matched by SSN hash), not as a crash."""
    from pipeline.domain.errors import ConcurrentUpdate

    def person() -> Borrower:
        return Borrower(name="Ann Lee", ssn_hash="a" * 64, created_at=T0, updated_at=T0)

    async with uow_factory() as uow:
        await uow.borrowers.add(person())
        await uow.commit()
    with pytest.raises(ConcurrentUpdate):
        async with uow_factory() as uow:
            await uow.borrowers.add(person())
            await uow.commit()
    async with uow_factory() as uow:
        assert await uow.borrowers.find_by_ssn_hash("a" * 64) is not None
