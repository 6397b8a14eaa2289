"""Read models of the review page: the documents to review, and one document's records with
every source box on its pages, lowest confidence first. Plain dicts built on the export (so the
page shows what the export shows, corrections included); no full SSN or account number."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from pipeline.db import tables as t
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.corrections import CORRECTABLE
from pipeline.domain.model import RecordKind
from pipeline.service_layer import views
from pipeline.service_layer.corrections import EXPORT_LISTS, list_corrections
from pipeline.service_layer.deps import Dependencies


def _records(doc: dict[str, Any]) -> list[tuple[RecordKind, dict[str, Any]]]:
    return [(kind, r) for kind, key in EXPORT_LISTS.items() for r in doc.get(key) or []]


async def review_list(
    deps: Dependencies,
    *,
    threshold: float,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Documents newest first (keyset on created_at and id, as ``views.list_documents``), each
    with its borrowers' names, how many records it has, how many are under ``threshold`` and how
    many a reviewer corrected or rejected."""
    listed = await views.list_documents(deps, before=before, limit=limit)
    ids = [uuid.UUID(d["id"]) for d in listed]
    exported = (
        {d["id"]: d for d in await views.export_documents(deps, document_ids=ids)} if ids else {}
    )
    for doc in listed:
        full = exported.get(doc["id"], {})
        records = [r for _, r in _records(full)]
        doc["borrower_names"] = [b["name"] for b in full.get("borrowers", []) if not b["rejected"]]
        doc["records"] = len(records)
        doc["low_confidence"] = sum(r["confidence"] < threshold for r in records)
        doc["reviewed"] = sum(bool(r["corrected"] or r["rejected"]) for r in records)
    return listed


async def review_document(
    deps: Dependencies, document_id: uuid.UUID, *, threshold: float
) -> dict[str, Any] | None:
    """The document as ``views.document_detail`` shows it, plus ``records``: each record with
    its kind, every source reference (page, box, section, snippet), whether it is under
    ``threshold``, and its correctable fields' current values; those under the threshold
    first (lowest confidence first), then the rest in export order. ``corrections``: the
    document's correction history, oldest first."""
    detail = await views.document_detail(deps, document_id)
    if detail is None:
        return None
    sources = await _all_sources(deps, document_id)
    records = []
    for order, (kind, record) in enumerate(_records(detail)):
        low = record["confidence"] < threshold
        records.append(
            {
                "kind": kind.value,
                "record": record,
                "sources": sources.get(record["id"], []),
                "low": low,
                "fields": {name: record.get(name) for name in CORRECTABLE[kind]},
                "_key": (0, record["confidence"], order) if low else (1, 0.0, order),
            }
        )
    records.sort(key=lambda r: r.pop("_key"))
    detail["records"] = records
    detail["corrections"] = [
        {
            "record_type": c.record_type.value,
            "record_id": str(c.record_id),
            "field": c.field,
            "action": c.action.value,
            "old_value": c.old_value,
            "new_value": c.new_value,
            "reviewer": c.reviewer,
            "created_at": c.created_at.isoformat(),
        }
        for c in await list_corrections(deps, document_id)
    ]
    detail["threshold"] = threshold
    return detail


async def _all_sources(deps: Dependencies, document_id: uuid.UUID) -> dict[str, list[Any]]:
    """Every source reference of the document's records (the export keeps only the first)."""
    sr = t.source_references
    uow = deps.uow_factory()
    assert isinstance(uow, SqlAlchemyUnitOfWork)
    async with uow:
        rows = await uow.session.execute(
            sa.select(sr)
            .where(sr.c.document_id == document_id)
            .order_by(sr.c.page_number, sr.c.created_at, sr.c.id)
        )
        out: dict[str, list[Any]] = {}
        for r in rows:
            out.setdefault(str(r.record_id), []).append(
                {
                    "page": r.page_number,
                    "section": r.section,
                    "snippet": r.snippet,
                    "bbox": list(r.bbox) if r.bbox else None,
                    "confidence": round(r.confidence, 3),
                }
            )
    return out
