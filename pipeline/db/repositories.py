"""Repositories: the only code that speaks SQL. Each works inside the session of one unit of
work and never commits; the unit of work does."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline.db import tables
from pipeline.domain.api_keys import ApiKey, parse_scopes
from pipeline.domain.corrections import Correction, CorrectionAction
from pipeline.domain.events import DomainEvent, OutboxMessage
from pipeline.domain.liveness import BrokerEpoch, HeldTask, WorkerHeartbeat
from pipeline.domain.model import (
    AccountNumber,
    Borrower,
    Document,
    DocumentPart,
    DocumentStatus,
    IncomeRecord,
    RecordKind,
    SourceReference,
    Submission,
    SubmissionStatus,
)
from pipeline.domain.pages import Page, TextMethod, Word, checkpointed_word

_MUTABLE_DOCUMENT_COLUMNS = (
    "status",
    "error_message",
    "page_count",
    "doc_type",
    "attempts",
    "requeues",
    "processing_token",
    "updated_at",
    "processed_at",
)


def _insert(session: AsyncSession, table: sa.Table) -> Any:
    """A dialect-specific INSERT that supports ON CONFLICT."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _document_from_row(row: sa.Row[Any]) -> Document:
    data = dict(row._mapping)
    data["status"] = DocumentStatus(data["status"])
    return Document(**data)


class DocumentRepository:
    """Documents are written only through explicit statements: a race-safe insert and
    compare-and-set transitions. Loaded documents are plain objects outside the session, so a
    lost race can never be overwritten by an unguarded flush."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[Document] = []

    async def add_if_absent(self, document: Document) -> tuple[Document, bool]:
        """Insert ``document`` unless one with the same file_hash exists.

        Returns the stored document and whether this call created it. Safe under concurrency:
        INSERT ... ON CONFLICT (file_hash) DO NOTHING, then read the row that won.
        """
        values = {c.name: getattr(document, c.name) for c in tables.documents.columns}
        stmt = (
            _insert(self.session, tables.documents)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["file_hash"])
            .returning(tables.documents.c.id)
        )
        inserted = (await self.session.execute(stmt)).scalar_one_or_none()
        if inserted is not None:
            self.seen.append(document)
            return document, True
        existing = await self.get_by_hash(document.file_hash)
        if existing is None:  # pragma: no cover - only if the winner was deleted meanwhile
            raise RuntimeError(f"document with hash {document.file_hash} vanished during insert")
        return existing, False

    async def get(self, document_id: uuid.UUID) -> Document | None:
        return await self._one(tables.documents.c.id == document_id)

    async def get_by_hash(self, file_hash: str) -> Document | None:
        return await self._one(tables.documents.c.file_hash == file_hash)

    async def _one(self, *where: sa.ColumnElement[bool]) -> Document | None:
        row = (await self.session.execute(sa.select(tables.documents).where(*where))).first()
        return None if row is None else _document_from_row(row)

    async def transition(self, document: Document, expected_status: DocumentStatus) -> bool:
        """Persist a status change made by one of the Document's methods, but only if the stored
        status is still ``expected_status`` (compare-and-set). Returns whether this call won.
        The winner's events are collected by the unit of work; a loser changes nothing."""
        values = {name: getattr(document, name) for name in _MUTABLE_DOCUMENT_COLUMNS}
        stmt = (
            sa.update(tables.documents)
            .where(tables.documents.c.id == document.id)
            .where(tables.documents.c.status == expected_status)
            .values(**values)
        )
        result = await self.session.execute(stmt)
        won = bool(result.rowcount == 1)  # type: ignore[attr-defined]
        if won:
            self.seen.append(document)
        return won

    async def list(
        self, limit: int = 100, offset: int = 0, status: DocumentStatus | None = None
    ) -> builtins.list[Document]:
        stmt = sa.select(tables.documents).order_by(
            tables.documents.c.created_at, tables.documents.c.id
        )
        if status is not None:
            stmt = stmt.where(tables.documents.c.status == status)
        rows = await self.session.execute(stmt.limit(limit).offset(offset))
        return [_document_from_row(row) for row in rows]

    async def list_stuck(
        self,
        older_than: datetime,
        statuses: Sequence[DocumentStatus] = (DocumentStatus.PENDING, DocumentStatus.PROCESSING),
        limit: int = 500,
        *,
        after: tuple[datetime, uuid.UUID] | None = None,
    ) -> builtins.list[Document]:
        """Documents in ``statuses`` not updated since ``older_than``, oldest first: the next
        ``limit`` after ``after`` = (updated_at, id) of the last one seen (keyset pagination)."""
        c = tables.documents.c
        stmt = (
            sa.select(tables.documents)
            .where(c.status.in_(list(statuses)))
            .where(c.updated_at < older_than)
            .order_by(c.updated_at, c.id)
            .limit(limit)
        )
        if after is not None:
            at, last_id = after
            stmt = stmt.where(
                sa.or_(c.updated_at > at, sa.and_(c.updated_at == at, c.id > last_id))
            )
        return [_document_from_row(row) for row in await self.session.execute(stmt)]

    async def count_by_status(self) -> dict[DocumentStatus, int]:
        stmt = sa.select(tables.documents.c.status, sa.func.count()).group_by(
            tables.documents.c.status
        )
        counts = {status: 0 for status in DocumentStatus}
        for status, count in await self.session.execute(stmt):
            counts[DocumentStatus(status)] = int(count)
        return counts

    async def list_by_hash_prefix(
        self, prefix: str, *, after: str | None = None, limit: int = 500
    ) -> builtins.list[Document]:
        """Documents whose file_hash starts with the hex ``prefix``, in file_hash order, the
        next ``limit`` after the hash ``after`` (keyset pagination on the unique index)."""
        c = tables.documents.c
        # A range rather than LIKE so the unique index serves it: "g" sorts after every hex
        # digit, so [prefix, prefix + "g") holds exactly the hashes that start with prefix.
        start = c.file_hash >= prefix if after is None else c.file_hash > after
        stmt = (
            sa.select(tables.documents)
            .where(start, c.file_hash < prefix + "g")
            .order_by(c.file_hash)
            .limit(limit)
        )
        return [_document_from_row(row) for row in await self.session.execute(stmt)]


class BorrowerRepository:
    """Borrowers are shared across documents and tracked by the session like ordinary rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, borrower: Borrower) -> None:
        self.session.add(borrower)
        await self.session.flush()

    async def get(self, borrower_id: uuid.UUID) -> Borrower | None:
        return await self.session.get(Borrower, borrower_id)

    async def find_by_ssn_hash(self, ssn_hash: str) -> Borrower | None:
        stmt = sa.select(Borrower).where(tables.borrowers.c.ssn_hash == ssn_hash)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_by_normalized_name(self, normalized_name: str) -> list[Borrower]:
        stmt = (
            sa.select(Borrower)
            .where(tables.borrowers.c.normalized_name == normalized_name)
            .order_by(tables.borrowers.c.created_at)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def list_for_document(self, document_id: uuid.UUID) -> list[Borrower]:
        """Borrowers this document mentions (those with a source reference on it)."""
        refs = (
            sa.select(tables.source_references.c.record_id)
            .where(tables.source_references.c.document_id == document_id)
            .where(tables.source_references.c.record_type == "borrower")
        )
        stmt = (
            sa.select(Borrower)
            .where(tables.borrowers.c.id.in_(refs))
            .order_by(tables.borrowers.c.name, tables.borrowers.c.id)
        )
        return list((await self.session.execute(stmt)).scalars())


T = TypeVar("T", IncomeRecord, AccountNumber, SourceReference, DocumentPart)


class _DocumentOwnedRepository(Generic[T]):
    """Records that belong to exactly one document and are replaced wholesale on reprocess."""

    model: type[T]
    table: sa.Table

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def replace_for_document(self, document_id: uuid.UUID, records: Iterable[T]) -> None:
        await self.session.execute(
            sa.delete(self.table)
            .where(self.table.c.document_id == document_id)
            .execution_options(synchronize_session=False)
        )
        items = list(records)
        if any(record.document_id != document_id for record in items):
            raise ValueError("every record must belong to the document being replaced")
        self.session.add_all(items)
        await self.session.flush()

    async def list_for_document(self, document_id: uuid.UUID) -> list[T]:
        stmt = (
            sa.select(self.model)
            .where(self.table.c.document_id == document_id)
            .order_by(self.table.c.created_at, self.table.c.id)
        )
        return list((await self.session.execute(stmt)).scalars())


class IncomeRecordRepository(_DocumentOwnedRepository[IncomeRecord]):
    model = IncomeRecord
    table = tables.income_records


class AccountNumberRepository(_DocumentOwnedRepository[AccountNumber]):
    model = AccountNumber
    table = tables.account_numbers


class SourceReferenceRepository(_DocumentOwnedRepository[SourceReference]):
    model = SourceReference
    table = tables.source_references


class DocumentPartRepository(_DocumentOwnedRepository[DocumentPart]):
    model = DocumentPart
    table = tables.document_parts


class PageRepository:
    """Checkpointed page text, one row per finished page."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def save(self, document_id: uuid.UUID, page: Page, *, now: datetime) -> None:
        await self.save_many(document_id, [page], now=now)

    async def save_many(
        self, document_id: uuid.UUID, pages: Sequence[Page], *, now: datetime
    ) -> None:
        """Checkpoint ``pages`` (replacing any earlier row of the same page) in one statement a
        thousand pages."""
        if not pages:
            return
        rows = [
            {
                "document_id": document_id,
                "page_number": page.number,
                "method": page.method.value,
                "text": page.text,
                "words": [_word_to_json(w) for w in page.words] or None,
                "confidence": page.confidence,
                "created_at": now,
            }
            for page in pages
        ]
        # 7 bind parameters a row: PostgreSQL takes at most 32,767 in one statement.
        for start in range(0, len(rows), 1000):
            stmt = _insert(self.session, tables.document_pages).values(rows[start : start + 1000])
            stmt = stmt.on_conflict_do_update(
                index_elements=["document_id", "page_number"],
                set_={
                    k: stmt.excluded[k]
                    for k in ("method", "text", "words", "confidence", "created_at")
                },
            )
            await self.session.execute(stmt)

    async def last_checkpoint_at(self, document_id: uuid.UUID) -> datetime | None:
        """When the document's latest page was finished (the sweeper's sign of progress)."""
        stmt = sa.select(sa.func.max(tables.document_pages.c.created_at)).where(
            tables.document_pages.c.document_id == document_id
        )
        value: datetime | None = (await self.session.execute(stmt)).scalar_one()
        return value

    async def list(self, document_id: uuid.UUID) -> list[Page]:
        stmt = (
            sa.select(tables.document_pages)
            .where(tables.document_pages.c.document_id == document_id)
            .order_by(tables.document_pages.c.page_number)
        )
        return [
            Page(
                number=row.page_number,
                text=row.text,
                method=TextMethod(row.method),
                words=tuple(_word_from_json(w) for w in row.words or ()),
                confidence=row.confidence,
            )
            for row in await self.session.execute(stmt)
        ]

    async def numbers_done(self, document_id: uuid.UUID) -> set[int]:
        stmt = sa.select(tables.document_pages.c.page_number).where(
            tables.document_pages.c.document_id == document_id
        )
        return set((await self.session.execute(stmt)).scalars())

    async def delete_for_document(self, document_id: uuid.UUID) -> None:
        await self.session.execute(
            sa.delete(tables.document_pages).where(
                tables.document_pages.c.document_id == document_id
            )
        )

    async def delete_text_layer_pages(self, document_id: uuid.UUID) -> None:
        await self.session.execute(
            sa.delete(tables.document_pages)
            .where(tables.document_pages.c.document_id == document_id)
            .where(tables.document_pages.c.method == TextMethod.TEXT_LAYER.value)
        )


def _word_to_json(word: Word) -> list[Any]:
    # The rounding is the domain's (``checkpointed``): a page read now and its checkpoint read
    # back later are the same to the extractors.
    kept = checkpointed_word(word)
    return [
        kept.text,
        kept.left,
        kept.top,
        kept.width,
        kept.height,
        kept.confidence,
        kept.line,
        kept.block,
    ]


def _word_from_json(data: Sequence[Any]) -> Word:
    text, left, top, width, height, confidence, line, block = data
    return Word(text, left, top, width, height, confidence, line, block)


class SubmissionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Submissions written in this unit: the unit of work collects their events.
        self.seen: list[Submission] = []

    async def add(self, submission: Submission) -> None:
        values = {c.name: getattr(submission, c.name) for c in tables.submissions.columns}
        values["status"] = submission.status.value
        await self.session.execute(sa.insert(tables.submissions).values(**values))
        self.seen.append(submission)

    async def reject(self, submission: Submission) -> bool:
        """Store ``submission``'s rejection if the row is still 'received' (compare-and-set:
        an ingest that got there first keeps its outcome); returns whether this call won."""
        result = await self.session.execute(
            sa.update(tables.submissions)
            .where(tables.submissions.c.id == submission.id)
            .where(tables.submissions.c.status == SubmissionStatus.RECEIVED.value)
            .values(
                status=SubmissionStatus.REJECTED.value,
                error_message=submission.error_message,
                resolved_at=submission.resolved_at,
            )
        )
        won = bool(result.rowcount == 1)  # type: ignore[attr-defined]
        if won:
            self.seen.append(submission)
        return won

    async def get(self, submission_id: uuid.UUID) -> Submission | None:
        row = (
            await self.session.execute(
                sa.select(tables.submissions).where(tables.submissions.c.id == submission_id)
            )
        ).first()
        return None if row is None else _submission_from_row(row)

    async def resolve(
        self, submission_id: uuid.UUID, *, document_id: uuid.UUID, duplicate: bool, now: datetime
    ) -> bool:
        """Record the submission's document, if it is still 'received' (returns whether this
        call won: a concurrent ingest of the same submission may have resolved it first)."""
        result = await self.session.execute(
            sa.update(tables.submissions)
            .where(tables.submissions.c.id == submission_id)
            .where(tables.submissions.c.status == SubmissionStatus.RECEIVED.value)
            .values(
                status=SubmissionStatus.RESOLVED.value,
                document_id=document_id,
                duplicate=duplicate,
                error_message=None,
                resolved_at=now,
            )
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def fail(self, submission_id: uuid.UUID, *, reason: str, now: datetime) -> bool:
        """Fail the submission if it is still 'received'; returns whether this call moved it
        (an ingest or another caller that got there first wins)."""
        result = await self.session.execute(
            sa.update(tables.submissions)
            .where(tables.submissions.c.id == submission_id)
            .where(tables.submissions.c.status == SubmissionStatus.RECEIVED.value)
            .values(status=SubmissionStatus.FAILED.value, error_message=reason, resolved_at=now)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def list_for_document(self, document_id: uuid.UUID) -> list[Submission]:
        stmt = (
            sa.select(tables.submissions)
            .where(tables.submissions.c.document_id == document_id)
            .order_by(tables.submissions.c.submitted_at)
        )
        return [_submission_from_row(row) for row in await self.session.execute(stmt)]

    async def list_unresolved(self, older_than: datetime, limit: int = 500) -> list[Submission]:
        stmt = (
            sa.select(tables.submissions)
            .where(tables.submissions.c.status == SubmissionStatus.RECEIVED.value)
            .where(tables.submissions.c.submitted_at < older_than)
            .order_by(tables.submissions.c.submitted_at)
            .limit(limit)
        )
        return [_submission_from_row(row) for row in await self.session.execute(stmt)]

    async def list_awaiting_ingest(
        self, sent_before: datetime, *, limit: int = 500
    ) -> list[Submission]:
        """Submissions still 'received' whose ingest message was sent (handed in, or last sent
        again) before ``sent_before``, oldest first."""
        c = tables.submissions.c
        stmt = (
            sa.select(tables.submissions)
            .where(c.status == SubmissionStatus.RECEIVED.value)
            .where(c.submitted_at < sent_before)
            .where(sa.or_(c.resent_at.is_(None), c.resent_at < sent_before))
            .order_by(c.submitted_at, c.id)
            .limit(limit)
        )
        return [_submission_from_row(row) for row in await self.session.execute(stmt)]

    async def mark_resent(self, submission_ids: Sequence[uuid.UUID], *, now: datetime) -> None:
        if submission_ids:
            await self.session.execute(
                sa.update(tables.submissions)
                .where(tables.submissions.c.id.in_(list(submission_ids)))
                .where(tables.submissions.c.status == SubmissionStatus.RECEIVED.value)
                .values(resent_at=now)
            )

    async def get_many(self, submission_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Submission]:
        ids = list(set(submission_ids))
        if not ids:
            return {}
        stmt = sa.select(tables.submissions).where(tables.submissions.c.id.in_(ids))
        found = [_submission_from_row(row) for row in await self.session.execute(stmt)]
        return {submission.id: submission for submission in found}

    async def list_received(
        self,
        submitted_before: datetime,
        *,
        after: tuple[datetime, uuid.UUID] | None = None,
        limit: int = 500,
    ) -> list[Submission]:
        """Submissions still 'received' (never ingested) handed in before ``submitted_before``,
        oldest first: the next ``limit`` after ``after`` = (submitted_at, id) of the last one
        seen (keyset pagination, stable while earlier ones change status)."""
        c = tables.submissions.c
        stmt = (
            sa.select(tables.submissions)
            .where(c.status == SubmissionStatus.RECEIVED.value)
            .where(c.submitted_at < submitted_before)
            .order_by(c.submitted_at, c.id)
            .limit(limit)
        )
        if after is not None:
            at, last_id = after
            stmt = stmt.where(
                sa.or_(c.submitted_at > at, sa.and_(c.submitted_at == at, c.id > last_id))
            )
        return [_submission_from_row(row) for row in await self.session.execute(stmt)]


def _submission_from_row(row: sa.Row[Any]) -> Submission:
    data = dict(row._mapping)
    data["status"] = SubmissionStatus(data["status"])
    return Submission(**data)


class IdempotencyKeyRepository:
    """Results of producer requests, keyed by the producer's idempotency key, until they expire."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, key: str, *, now: datetime) -> dict[str, Any] | None:
        stmt = (
            sa.select(tables.idempotency_keys.c.result)
            .where(tables.idempotency_keys.c.key == key)
            .where(tables.idempotency_keys.c.expires_at > now)
        )
        result = (await self.session.execute(stmt)).scalar_one_or_none()
        return None if result is None else dict(result)

    async def put(
        self, key: str, result: dict[str, Any], *, now: datetime, expires_at: datetime
    ) -> dict[str, Any]:
        """Store ``result`` under ``key`` unless a live result is there; return the one that
        stands (so two racing producers with the same key agree)."""
        await self.session.execute(
            sa.delete(tables.idempotency_keys)
            .where(tables.idempotency_keys.c.key == key)
            .where(tables.idempotency_keys.c.expires_at <= now)
        )
        stmt = (
            _insert(self.session, tables.idempotency_keys)
            .values(key=key, result=result, created_at=now, expires_at=expires_at)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        await self.session.execute(stmt)
        stored = await self.get(key, now=now)
        return stored if stored is not None else result

    async def delete_expired(self, *, now: datetime) -> int:
        result = await self.session.execute(
            sa.delete(tables.idempotency_keys).where(tables.idempotency_keys.c.expires_at <= now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


class ReconciliationReportRepository:
    """One row per reconciliation run (:mod:`pipeline.service_layer.reconcile`), as plain
    values: the report type belongs to the service layer."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        id: uuid.UUID,
        run_at: datetime,
        completed_at: datetime | None,
        status: str,
        records_checked: int,
        mismatches_found: int,
        auto_repaired: int,
        failed_repairs: int,
        details: dict[str, Any],
    ) -> None:
        await self.session.execute(
            sa.insert(tables.reconciliation_reports).values(
                id=id,
                run_at=run_at,
                completed_at=completed_at,
                status=status,
                records_checked=records_checked,
                mismatches_found=mismatches_found,
                auto_repaired=auto_repaired,
                failed_repairs=failed_repairs,
                details=details,
            )
        )

    async def get(self, report_id: uuid.UUID) -> dict[str, Any] | None:
        row = (
            await self.session.execute(
                sa.select(tables.reconciliation_reports).where(
                    tables.reconciliation_reports.c.id == report_id
                )
            )
        ).first()
        return None if row is None else dict(row._mapping)


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, event: DomainEvent) -> None:
        await self.session.execute(
            sa.insert(tables.outbox).values(
                event_type=event.event_type,
                aggregate_type=event.aggregate_type,
                aggregate_id=event.aggregate_id,
                payload=event.payload(),
                created_at=event.occurred_at,
            )
        )

    async def claim_due(
        self, *, now: datetime, max_retries: int, limit: int = 100
    ) -> builtins.list[OutboxMessage]:
        """Lock up to ``limit`` unpublished rows that are due (oldest first) for this transaction.

        ``FOR UPDATE SKIP LOCKED``: rows another relay holds are skipped, not waited for, so
        concurrent relays never publish the same row at once. Rows past ``max_retries`` stay
        (reported by :meth:`counts`) but are not claimed again until an operator retries them."""
        t = tables.outbox
        stmt = (
            sa.select(t)
            .where(t.c.processed_at.is_(None))
            .where(t.c.retry_count < max_retries)
            .where(sa.or_(t.c.next_attempt_at.is_(None), t.c.next_attempt_at <= now))
            .order_by(t.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_outbox_message(row) for row in await self.session.execute(stmt)]

    async def list_published(
        self,
        *,
        since: datetime,
        until: datetime | None = None,
        event_type: str | None = None,
        after_id: int = 0,
        limit: int = 200,
    ) -> builtins.list[OutboxMessage]:
        """Rows already published (still retained) that occurred in [since, until), in id
        order, the next ``limit`` after ``after_id`` (keyset pagination): what a replay sends
        again. Rows not yet published are the relay's, not a replay's."""
        t = tables.outbox
        stmt = (
            sa.select(t)
            .where(t.c.processed_at.is_not(None))
            .where(t.c.created_at >= since)
            .where(t.c.id > after_id)
            .order_by(t.c.id)
            .limit(limit)
        )
        if until is not None:
            stmt = stmt.where(t.c.created_at < until)
        if event_type is not None:
            stmt = stmt.where(t.c.event_type == event_type)
        return [_outbox_message(row) for row in await self.session.execute(stmt)]

    async def mark_published(self, outbox_ids: Sequence[int], *, now: datetime) -> None:
        if outbox_ids:
            await self.session.execute(
                sa.update(tables.outbox)
                .where(tables.outbox.c.id.in_(list(outbox_ids)))
                .values(processed_at=now, error=None, next_attempt_at=None)
            )

    async def mark_failed(self, outbox_id: int, *, error: str, next_attempt_at: datetime) -> int:
        """Count one failed publish; returns the row's new retry_count."""
        t = tables.outbox
        result = await self.session.execute(
            sa.update(t)
            .where(t.c.id == outbox_id)
            .values(retry_count=t.c.retry_count + 1, error=error, next_attempt_at=next_attempt_at)
            .returning(t.c.retry_count)
        )
        return int(result.scalar_one())

    async def counts(self, *, max_retries: int) -> dict[str, int]:
        """Unpublished rows: still being tried (``pending``), past max retries (``dead``)."""
        t = tables.outbox
        dead = sa.case((t.c.retry_count >= max_retries, 1), else_=0)
        row = (
            await self.session.execute(
                sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(dead), 0)).where(
                    t.c.processed_at.is_(None)
                )
            )
        ).one()
        return {"pending": int(row[0]) - int(row[1]), "dead": int(row[1])}

    async def list_dead(self, *, max_retries: int, limit: int = 100) -> builtins.list[sa.Row[Any]]:
        t = tables.outbox
        stmt = (
            sa.select(t.c.id, t.c.event_type, t.c.aggregate_id, t.c.retry_count, t.c.error)
            .where(t.c.processed_at.is_(None))
            .where(t.c.retry_count >= max_retries)
            .order_by(t.c.id)
            .limit(limit)
        )
        return list(await self.session.execute(stmt))

    async def retry_dead(self, *, max_retries: int) -> int:
        """Give rows past max retries a fresh set of attempts (after the destination is fixed)."""
        t = tables.outbox
        result = await self.session.execute(
            sa.update(t)
            .where(t.c.processed_at.is_(None))
            .where(t.c.retry_count >= max_retries)
            .values(retry_count=0, next_attempt_at=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def delete_published_before(self, cutoff: datetime) -> int:
        t = tables.outbox
        result = await self.session.execute(
            sa.delete(t).where(t.c.processed_at.is_not(None)).where(t.c.processed_at < cutoff)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def _outbox_message(row: sa.Row[Any]) -> OutboxMessage:
    """An outbox row as the relay (and a replay) publishes it."""
    return OutboxMessage(
        outbox_id=row.id,
        event_type=row.event_type,
        aggregate_type=row.aggregate_type,
        aggregate_id=str(row.aggregate_id),
        occurred_at=row.created_at,
        payload=row.payload,
        retry_count=row.retry_count,
    )


class ApiKeyRepository:
    """Keys of the HTTP API (only their SHA-256 is stored)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, key: ApiKey) -> None:
        await self.session.execute(
            sa.insert(tables.api_keys).values(
                id=key.id,
                name=key.name,
                prefix=key.prefix,
                key_hash=key.key_hash,
                scopes=sorted(s.value for s in key.scopes),
                created_at=key.created_at,
                revoked_at=key.revoked_at,
                last_used_at=key.last_used_at,
            )
        )

    async def get_by_hash(self, key_hash: str) -> ApiKey | None:
        row = (
            await self.session.execute(
                sa.select(tables.api_keys).where(tables.api_keys.c.key_hash == key_hash)
            )
        ).first()
        return None if row is None else _api_key_from_row(row)

    async def list(self) -> builtins.list[ApiKey]:
        rows = await self.session.execute(
            sa.select(tables.api_keys).order_by(tables.api_keys.c.created_at, tables.api_keys.c.id)
        )
        return [_api_key_from_row(row) for row in rows]

    async def revoke(self, key_id: uuid.UUID, *, now: datetime) -> bool:
        """Revoke a key still active; False if there is none (unknown or revoked already)."""
        result = await self.session.execute(
            sa.update(tables.api_keys)
            .where(tables.api_keys.c.id == key_id)
            .where(tables.api_keys.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def touch(self, key_id: uuid.UUID, *, now: datetime) -> None:
        await self.session.execute(
            sa.update(tables.api_keys)
            .where(tables.api_keys.c.id == key_id)
            .values(last_used_at=now)
        )


def _api_key_from_row(row: sa.Row[Any]) -> ApiKey:
    data = dict(row._mapping)
    data["scopes"] = parse_scopes(data["scopes"])
    return ApiKey(**data)


class CorrectionRepository:
    """Reviewers' corrections, kept beside the extraction (rows are only ever added)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, correction: Correction) -> None:
        await self.session.execute(
            sa.insert(tables.corrections).values(
                id=correction.id,
                document_id=correction.document_id,
                record_type=correction.record_type.value,
                record_id=correction.record_id,
                field=correction.field,
                action=correction.action.value,
                old_value=correction.old_value,
                new_value=correction.new_value,
                reviewer=correction.reviewer,
                created_at=correction.created_at,
            )
        )

    async def list_for_documents(
        self, document_ids: Iterable[uuid.UUID]
    ) -> builtins.list[Correction]:
        """The documents' corrections, oldest first."""
        ids = builtins.list(set(document_ids))
        if not ids:
            return []
        c = tables.corrections.c
        stmt = (
            sa.select(tables.corrections).where(c.document_id.in_(ids)).order_by(c.created_at, c.id)
        )
        return [_correction_from_row(row) for row in await self.session.execute(stmt)]

    async def reviewed_document_ids(self) -> builtins.list[uuid.UUID]:
        """Documents with at least one correction, oldest correction first."""
        c = tables.corrections.c
        stmt = (
            sa.select(c.document_id)
            .group_by(c.document_id)
            .order_by(sa.func.min(c.created_at), c.document_id)
        )
        return [row.document_id for row in await self.session.execute(stmt)]


def _correction_from_row(row: sa.Row[Any]) -> Correction:
    data = dict(row._mapping)
    data["record_type"] = RecordKind(data["record_type"])
    data["action"] = CorrectionAction(data["action"])
    return Correction(**data)


class WorkerHeartbeatRepository:
    """Worker processes' heartbeats (:mod:`pipeline.domain.liveness`), one row per process."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def beat(self, heartbeat: WorkerHeartbeat) -> None:
        """Write ``heartbeat`` over the worker's previous one (or as its first)."""
        values = {
            "worker_id": heartbeat.worker_id,
            "hostname": heartbeat.hostname,
            "pid": heartbeat.pid,
            "started_at": heartbeat.started_at,
            "alive_since": heartbeat.alive_since,
            "last_seen_at": heartbeat.last_seen_at,
            "tasks": [
                [t.task_id, t.task_name, str(t.subject) if t.subject else None]
                for t in heartbeat.tasks
            ],
        }
        stmt = _insert(self.session, tables.worker_heartbeats).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["worker_id"],
            set_={k: stmt.excluded[k] for k in ("alive_since", "last_seen_at", "tasks")},
        )
        await self.session.execute(stmt)

    async def remove(self, worker_id: str) -> None:
        await self.session.execute(
            sa.delete(tables.worker_heartbeats).where(
                tables.worker_heartbeats.c.worker_id == worker_id
            )
        )

    async def list(self) -> builtins.list[WorkerHeartbeat]:
        rows = await self.session.execute(
            sa.select(tables.worker_heartbeats).order_by(tables.worker_heartbeats.c.worker_id)
        )
        return [_heartbeat_from_row(row) for row in rows]

    async def delete_last_seen_before(self, cutoff: datetime) -> int:
        result = await self.session.execute(
            sa.delete(tables.worker_heartbeats).where(
                tables.worker_heartbeats.c.last_seen_at < cutoff
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def _heartbeat_from_row(row: sa.Row[Any]) -> WorkerHeartbeat:
    return WorkerHeartbeat(
        worker_id=row.worker_id,
        hostname=row.hostname,
        pid=row.pid,
        started_at=row.started_at,
        alive_since=row.alive_since,
        last_seen_at=row.last_seen_at,
        tasks=tuple(
            HeldTask(task_id, task_name, uuid.UUID(subject) if subject else None)
            for task_id, task_name, subject in row.tasks
        ),
    )


class BrokerEpochRepository:
    """The broker epochs the sweeper has seen (:class:`BrokerEpoch`)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self) -> BrokerEpoch | None:
        t = tables.broker_epochs
        row = (
            await self.session.execute(
                sa.select(t).order_by(t.c.first_seen_at.desc(), t.c.epoch).limit(1)
            )
        ).first()
        return None if row is None else BrokerEpoch(**dict(row._mapping))

    async def add_if_absent(self, epoch: BrokerEpoch) -> bool:
        """Record ``epoch`` unless it is known already (two sweepers noticing the same new
        epoch); returns whether this call recorded it."""
        stmt = (
            _insert(self.session, tables.broker_epochs)
            .values(
                epoch=epoch.epoch,
                first_seen_at=epoch.first_seen_at,
                recovered_at=epoch.recovered_at,
            )
            .on_conflict_do_nothing(index_elements=["epoch"])
        )
        result = await self.session.execute(stmt)
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def mark_recovered(self, epoch: str, *, now: datetime) -> None:
        await self.session.execute(
            sa.update(tables.broker_epochs)
            .where(tables.broker_epochs.c.epoch == epoch)
            .values(recovered_at=now)
        )
