"""Read models for operators and the export contract (CQRS-style: plain dicts, no domain
behaviour). Nothing here returns a full SSN or account number: none is stored."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from pipeline.db import tables as t
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.corrections import Correction, apply_corrections
from pipeline.domain.model import DocumentStatus, RecordKind, SubmissionStatus
from pipeline.service_layer.deps import Dependencies

FINAL = {DocumentStatus.COMPLETED.value, DocumentStatus.FAILED.value, "REJECTED"}


async def _rows(deps: Dependencies, stmt: sa.Executable) -> list[Any]:
    uow = deps.uow_factory()
    assert isinstance(uow, SqlAlchemyUnitOfWork)
    async with uow:
        return list(await uow.session.execute(stmt))


async def submission_results(
    deps: Dependencies, submission_ids: Sequence[uuid.UUID]
) -> list[dict[str, Any]]:
    """Where each submission stands: its document, whether it was a duplicate, the status."""
    s, d = t.submissions, t.documents
    stmt = (
        sa.select(
            s.c.id,
            s.c.filename,
            s.c.status.label("submission_status"),
            s.c.duplicate,
            s.c.error_message.label("submission_error"),
            d.c.id.label("document_id"),
            d.c.status.label("document_status"),
            d.c.error_message,
            d.c.doc_type,
            d.c.page_count,
        )
        .select_from(s.outerjoin(d, s.c.document_id == d.c.id))
        .where(s.c.id.in_(list(submission_ids)))
    )
    by_id = {row.id: row for row in await _rows(deps, stmt)}
    out = []
    for sid in submission_ids:
        row = by_id.get(sid)
        if row is None:
            out.append({"submission_id": str(sid), "status": "unknown", "final": False})
            continue
        if row.submission_status == SubmissionStatus.FAILED.value:
            status, error = "FAILED", row.submission_error
        elif row.submission_status == SubmissionStatus.REJECTED.value:
            # Its message broke the task contract (README "The task contract").
            status, error = "REJECTED", row.submission_error
        elif row.document_status is None:
            status, error = "QUEUED", None
        else:
            status, error = str(row.document_status), row.error_message
        out.append(
            {
                "submission_id": str(row.id),
                "filename": row.filename,
                "document_id": str(row.document_id) if row.document_id else None,
                "duplicate": row.duplicate,
                "status": status,
                "error_message": error,
                "doc_type": row.doc_type,
                "page_count": row.page_count,
                "final": status in FINAL,
            }
        )
    return out


def _age(now: datetime, then: datetime | None) -> float | None:
    return None if then is None else round((now - then).total_seconds(), 1)


async def status_summary(deps: Dependencies) -> dict[str, Any]:
    d = t.documents
    now = deps.clock()
    counts = {s.value: 0 for s in DocumentStatus}
    for status, count in await _rows(
        deps, sa.select(d.c.status, sa.func.count()).group_by(d.c.status)
    ):
        counts[str(status)] = int(count)
    oldest: dict[str, float | None] = {}
    for status in (DocumentStatus.PENDING, DocumentStatus.PROCESSING):
        rows = await _rows(deps, sa.select(sa.func.min(d.c.updated_at)).where(d.c.status == status))
        oldest[status.value] = _age(now, rows[0][0] if rows else None)
    failures = await _rows(
        deps,
        sa.select(d.c.error_message, sa.func.count())
        .where(d.c.status == DocumentStatus.FAILED)
        .group_by(d.c.error_message)
        .order_by(sa.func.count().desc())
        .limit(20),
    )
    s = t.submissions
    subs = await _rows(
        deps,
        sa.select(
            sa.func.count(),
            sa.func.count().filter(s.c.duplicate.is_(True)),
            sa.func.count().filter(s.c.status == SubmissionStatus.RECEIVED.value),
            sa.func.count().filter(s.c.status == SubmissionStatus.REJECTED.value),
        ),
    )
    total, duplicates, waiting, rejected = subs[0][0], subs[0][1], subs[0][2], subs[0][3]
    async with deps.uow_factory() as uow:
        outbox = await uow.outbox.counts(max_retries=deps.settings.outbox_max_retries)
    r = t.reconciliation_reports
    last = await _rows(
        deps,
        sa.select(
            r.c.id,
            r.c.run_at,
            r.c.status,
            r.c.records_checked,
            r.c.mismatches_found,
            r.c.auto_repaired,
            r.c.failed_repairs,
        )
        .order_by(r.c.run_at.desc())
        .limit(1),
    )
    return {
        "documents": counts,
        "oldest_age_seconds": oldest,
        "failures_by_reason": [{"reason": r[0], "count": int(r[1])} for r in failures],
        "submissions": {
            "total": total,
            "duplicates": duplicates,
            "awaiting_ingest": waiting,
            "rejected": rejected,
        },
        "outbox": outbox,
        "last_reconciliation": (
            {
                "id": str(last[0].id),
                "run_at": last[0].run_at.isoformat(),
                "status": last[0].status,
                "records_checked": last[0].records_checked,
                "mismatches_found": last[0].mismatches_found,
                "auto_repaired": last[0].auto_repaired,
                "failed_repairs": last[0].failed_repairs,
            }
            if last
            else None
        ),
    }


def _document_dict(row: sa.Row[Any]) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "filename": row.filename,
        "file_hash": row.file_hash,
        "file_type": row.file_type,
        "status": str(row.status),
        "error_message": row.error_message,
        "doc_type": row.doc_type,
        "page_count": row.page_count,
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "processed_at": row.processed_at.isoformat() if row.processed_at else None,
    }


async def document_detail(deps: Dependencies, document_id: uuid.UUID) -> dict[str, Any] | None:
    docs = await export_documents(deps, document_id=document_id)
    if not docs:
        return None
    s = t.submissions
    subs = await _rows(
        deps,
        sa.select(s.c.id, s.c.filename, s.c.submitted_at, s.c.duplicate, s.c.metadata)
        .where(s.c.document_id == document_id)
        .order_by(s.c.submitted_at),
    )
    p = t.document_pages
    pages = await _rows(
        deps,
        sa.select(p.c.page_number, p.c.method, p.c.confidence)
        .where(p.c.document_id == document_id)
        .order_by(p.c.page_number),
    )
    detail = docs[0]
    detail["submissions"] = [
        {
            "id": str(r.id),
            "filename": r.filename,
            "submitted_at": r.submitted_at.isoformat(),
            "duplicate": r.duplicate,
            "metadata": r.metadata,
        }
        for r in subs
    ]
    detail["pages"] = [
        {"page": r.page_number, "method": r.method, "confidence": r.confidence} for r in pages
    ]
    return detail


async def export_documents(
    deps: Dependencies,
    *,
    document_id: uuid.UUID | None = None,
    status: DocumentStatus | None = None,
    document_ids: Sequence[uuid.UUID] | None = None,
) -> list[dict[str, Any]]:
    """The export contract (README): one object per document with its borrowers, income
    records and account numbers, each record with its source.

    Only a COMPLETED document's records are current: a document being (re)processed or FAILED
    may still hold the rows of an earlier run, which no longer say what the file contains. Such
    a document is listed with its status and error, but with no parts, borrowers, income
    records or account numbers, so no export (JSON or the income CSV) shows them.

    A COMPLETED document's records show reviewers' corrections: :func:`_lay_corrections`."""
    d = t.documents
    stmt = sa.select(d).order_by(d.c.created_at, d.c.id)
    if document_id is not None:
        stmt = stmt.where(d.c.id == document_id)
    if document_ids is not None:
        stmt = stmt.where(d.c.id.in_(list(document_ids)))
    if status is not None:
        stmt = stmt.where(d.c.status == status)
    docs = [_document_dict(r) for r in await _rows(deps, stmt)]
    for doc in docs:
        doc["parts"] = []
        doc["borrowers"] = []
        doc["income_records"] = []
        doc["account_numbers"] = []
    ids = [uuid.UUID(doc["id"]) for doc in docs if doc["status"] == DocumentStatus.COMPLETED]
    if not ids:
        return docs
    sr = t.source_references
    refs = await _rows(
        deps, sa.select(sr).where(sr.c.document_id.in_(ids)).order_by(sr.c.page_number)
    )
    sources = _sources(refs)
    borrowers = await _borrowers(deps, ids)
    incomes = await _rows(
        deps,
        sa.select(t.income_records)
        .where(t.income_records.c.document_id.in_(ids))
        .order_by(t.income_records.c.created_at, t.income_records.c.id),
    )
    accounts = await _rows(
        deps,
        sa.select(t.account_numbers)
        .where(t.account_numbers.c.document_id.in_(ids))
        .order_by(t.account_numbers.c.created_at, t.account_numbers.c.id),
    )
    by_doc: dict[str, dict[str, Any]] = {doc["id"]: doc for doc in docs}
    parts = await _parts(deps, ids, refs)
    for doc in docs:
        doc["parts"] = parts.get(doc["id"], [])
        doc["borrowers"] = borrowers.get(doc["id"], [])
    for r in incomes:
        by_doc[str(r.document_id)]["income_records"].append(_income_dict(r, sources))
    for r in accounts:
        by_doc[str(r.document_id)]["account_numbers"].append(_account_dict(r, sources))
    await _lay_corrections(deps, ids, docs)
    return docs


async def _lay_corrections(
    deps: Dependencies, document_ids: list[uuid.UUID], docs: list[dict[str, Any]]
) -> None:
    """Reviewers' corrections over the COMPLETED documents' records: each record gets
    ``corrected`` and ``rejected``, a corrected one its extracted values under ``original``
    (rules, and how corrections outlive a reprocess: :mod:`pipeline.domain.corrections`)."""
    async with deps.uow_factory() as uow:
        found: list[Correction] = await uow.corrections.list_for_documents(document_ids)
    by_doc: dict[str, list[Correction]] = {}
    for correction in found:
        by_doc.setdefault(str(correction.document_id), []).append(correction)
    for doc in docs:
        if doc["status"] != DocumentStatus.COMPLETED:
            continue
        mine = by_doc.get(doc["id"], [])
        apply_corrections(RecordKind.BORROWER, doc["borrowers"], mine)
        apply_corrections(RecordKind.INCOME_RECORD, doc["income_records"], mine)
        apply_corrections(RecordKind.ACCOUNT_NUMBER, doc["account_numbers"], mine)


def _income_dict(r: Any, sources: dict[uuid.UUID, dict[str, Any]]) -> dict[str, Any]:
    """An income record as the export contract shows it (``r``: an income_records row)."""
    return {
        "id": str(r.id),
        "borrower_id": str(r.borrower_id) if r.borrower_id else None,
        "amount": f"{r.amount:.2f}",
        "period": r.period,
        "year": r.year,
        "source_type": r.source_type,
        "employer": r.employer,
        "confidence": round(r.confidence, 3),
        "source": sources.get(r.id),
    }


def _account_dict(r: Any, sources: dict[uuid.UUID, dict[str, Any]]) -> dict[str, Any]:
    """An account number as the export contract shows it (last four and mask only)."""
    return {
        "id": str(r.id),
        "borrower_id": str(r.borrower_id) if r.borrower_id else None,
        "last4": r.last4,
        "masked": r.masked,
        "account_type": r.account_type,
        "institution": r.institution,
        "confidence": round(r.confidence, 3),
        "source": sources.get(r.id),
    }


_PART_RECORDS = {
    "borrower": "borrowers",
    "income_record": "income_records",
    "account_number": "account_numbers",
}


async def _parts(
    deps: Dependencies, document_ids: list[uuid.UUID], refs: list[Any]
) -> dict[str, list[dict[str, Any]]]:
    """Each document's parts in page order, with the ids of the records read from each
    (``refs``: the documents' source references)."""
    dp = t.document_parts
    rows = await _rows(
        deps,
        sa.select(dp)
        .where(dp.c.document_id.in_(document_ids))
        .order_by(dp.c.document_id, dp.c.part_number),
    )
    out: dict[str, list[dict[str, Any]]] = {}
    by_key: dict[tuple[str, int], dict[str, Any]] = {}
    for r in rows:
        entry: dict[str, Any] = {
            "part": r.part_number,
            "doc_type": r.doc_type,
            "pages": [r.first_page, r.last_page],
            **{name: [] for name in _PART_RECORDS.values()},
        }
        out.setdefault(str(r.document_id), []).append(entry)
        by_key[(str(r.document_id), r.part_number)] = entry
    for ref in sorted(refs, key=lambda r: (r.page_number, str(r.record_id))):
        part = by_key.get((str(ref.document_id), ref.part_number))
        ids = part[_PART_RECORDS[ref.record_type]] if part else None
        if ids is not None and str(ref.record_id) not in ids:
            ids.append(str(ref.record_id))
    return out


def _sources(refs: list[Any]) -> dict[uuid.UUID, dict[str, Any]]:
    """Each record's source: its first reference in page order."""
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for r in refs:
        out.setdefault(
            r.record_id,
            {
                "page": r.page_number,
                "section": r.section,
                "snippet": r.snippet,
                "bbox": list(r.bbox) if r.bbox else None,
                "extractor": f"{r.extractor}/{r.extractor_version}",
            },
        )
    return out


async def _borrowers(
    deps: Dependencies, document_ids: list[uuid.UUID]
) -> dict[str, list[dict[str, Any]]]:
    sr, b = t.source_references, t.borrowers
    stmt = (
        sa.select(sr.c.document_id, b)
        .select_from(sr.join(b, sr.c.record_id == b.c.id))
        .where(sr.c.document_id.in_(document_ids))
        .where(sr.c.record_type == "borrower")
        .order_by(b.c.name, b.c.id)
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for r in await _rows(deps, stmt):
        entries = out.setdefault(str(r.document_id), [])
        if any(e["id"] == str(r.id) for e in entries):
            continue
        entries.append(
            {
                "id": str(r.id),
                "name": r.name,
                "ssn_last4": r.ssn_last4,
                "address": r.address.as_dict() if r.address else None,
                "confidence": round(r.confidence, 3),
            }
        )
    return out


# --- the HTTP API's read models ------------------------------------------------------------


async def list_documents(
    deps: Dependencies,
    *,
    status: DocumentStatus | None = None,
    doc_type: str | None = None,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Documents newest first, as in the export contract but without their records; keyset
    pagination: ``before`` is the (created_at, id) of the last document of the previous page."""
    d = t.documents
    stmt = sa.select(d).order_by(d.c.created_at.desc(), d.c.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(d.c.status == status)
    if doc_type is not None:
        stmt = stmt.where(d.c.doc_type == doc_type)
    if before is not None:
        created_at, document_id = before
        stmt = stmt.where(
            sa.tuple_(d.c.created_at, d.c.id)
            < sa.tuple_(
                sa.literal(created_at, d.c.created_at.type), sa.literal(document_id, d.c.id.type)
            )
        )
    return [_document_dict(r) for r in await _rows(deps, stmt)]


async def document_status(deps: Dependencies, document_id: uuid.UUID) -> str | None:
    """The document's status, or None when there is no such document."""
    d = t.documents
    rows = await _rows(deps, sa.select(d.c.status).where(d.c.id == document_id))
    return str(rows[0].status) if rows else None


async def borrower_detail(deps: Dependencies, borrower_id: uuid.UUID) -> dict[str, Any] | None:
    """A borrower with every income record and account number read for them across
    documents, each with its document and source. As in the export, only COMPLETED documents'
    records are current; the SSN appears as its last four digits only."""
    b, d, sr = t.borrowers, t.documents, t.source_references
    rows = await _rows(deps, sa.select(b).where(b.c.id == borrower_id))
    if not rows:
        return None
    borrower = rows[0]
    completed = d.c.status == DocumentStatus.COMPLETED
    documents = await _rows(
        deps,
        sa.select(d.c.id, d.c.filename, d.c.doc_type, d.c.created_at)
        .where(completed)
        .where(
            d.c.id.in_(
                sa.select(sr.c.document_id)
                .where(sr.c.record_type == "borrower")
                .where(sr.c.record_id == borrower_id)
            )
        )
        .order_by(d.c.created_at, d.c.id),
    )

    def theirs(records: sa.Table) -> sa.Select[Any]:
        """The borrower's rows of ``records`` (income or account) in COMPLETED documents."""
        return (
            sa.select(records)
            .select_from(records.join(d, records.c.document_id == d.c.id))
            .where(records.c.borrower_id == borrower_id)
            .where(completed)
            .order_by(records.c.created_at, records.c.id)
        )

    incomes = await _rows(deps, theirs(t.income_records))
    accounts = await _rows(deps, theirs(t.account_numbers))
    record_ids = [r.id for r in incomes] + [r.id for r in accounts]
    refs = (
        await _rows(
            deps,
            sa.select(sr).where(sr.c.record_id.in_(record_ids)).order_by(sr.c.page_number),
        )
        if record_ids
        else []
    )
    sources = _sources(refs)
    reviewed = await _reviewed_records(deps, [*incomes, *accounts])
    return {
        "id": str(borrower.id),
        "name": borrower.name,
        "ssn_last4": borrower.ssn_last4,
        "address": borrower.address.as_dict() if borrower.address else None,
        "employer": borrower.employer,
        "confidence": round(borrower.confidence, 3),
        "documents": [
            {"id": str(r.id), "filename": r.filename, "doc_type": r.doc_type} for r in documents
        ],
        "income_records": [
            {"document_id": str(r.document_id), **reviewed.get(str(r.id), _income_dict(r, sources))}
            for r in incomes
        ],
        "account_numbers": [
            {
                "document_id": str(r.document_id),
                **reviewed.get(str(r.id), _account_dict(r, sources)),
            }
            for r in accounts
        ],
    }


async def _reviewed_records(deps: Dependencies, rows: list[Any]) -> dict[str, dict[str, Any]]:
    """The export's dicts of these income and account rows, reviewers' corrections laid over
    (by record id): corrections apply per document, with all of its records in view."""
    document_ids = sorted({r.document_id for r in rows})
    if not document_ids:
        return {}
    return {
        record["id"]: record
        for doc in await export_documents(deps, document_ids=document_ids)
        for key in ("income_records", "account_numbers")
        for record in doc[key]
    }
