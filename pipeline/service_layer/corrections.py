"""Use cases of reviewers' corrections: record one (a corrected value or a rejected record),
list a document's, and turn the reviewed documents into a labelled evaluation corpus.

A correction is its own row beside the extraction (:mod:`pipeline.domain.corrections` has the
rules: which fields, what values, how corrections outlive a reprocess); the export shows the
corrected values (:func:`pipeline.service_layer.views.export_documents`)."""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.domain.corrections import (
    WHOLE_RECORD,
    Correction,
    CorrectionAction,
    CorrectionRefused,
    checked_value,
    identity,
    record_kind,
)
from pipeline.domain.events import RecordCorrected
from pipeline.domain.model import Document, DocumentStatus, RecordKind
from pipeline.domain.pages import TextMethod
from pipeline.evaluation import TRUTH_FILE
from pipeline.service_layer import views
from pipeline.service_layer.deps import Dependencies

# The export's list of each record kind.
EXPORT_LISTS = {
    RecordKind.BORROWER: "borrowers",
    RecordKind.INCOME_RECORD: "income_records",
    RecordKind.ACCOUNT_NUMBER: "account_numbers",
}
_MAX_REVIEWER = 128


class NoSuchRecord(LookupError):
    """The document is not COMPLETED, or has no current record with that id."""


async def record_correction(
    deps: Dependencies,
    *,
    document_id: uuid.UUID,
    record_type: str,
    record_id: uuid.UUID,
    action: str,
    reviewer: str,
    field: str | None = None,
    value: Any = None,
) -> Correction:
    """Store a reviewer's correction of one of a COMPLETED document's current records: with
    ``action`` 'correct', ``field`` takes ``value`` (checked and put in the export's form);
    with 'reject', the record is marked wrong. The old value kept is the one the export showed
    (for a rejection, the record's identifying fields as extracted). A ``RecordCorrected`` event
    goes to the outbox in the same commit.

    Raises CorrectionRefused for a value, field or action that cannot be stored, NoSuchRecord
    when the document is not COMPLETED or has no such current record."""
    kind = record_kind(record_type)
    try:
        verb = CorrectionAction(action)
    except ValueError:
        raise CorrectionRefused("action must be 'correct' or 'reject'") from None
    who = " ".join(str(reviewer).split())
    if not who or len(who) > _MAX_REVIEWER:
        raise CorrectionRefused(f"the reviewer must be named in 1-{_MAX_REVIEWER} characters")
    record = await _current_record(deps, document_id, kind, record_id)
    if verb is CorrectionAction.CORRECT:
        if field is None:
            raise CorrectionRefused("a correction names the field it corrects")
        new_value = checked_value(kind, field, value)
        old_value = record.get(field)
        if new_value == old_value:
            raise CorrectionRefused(f"{field} already holds that value")
    else:
        if record.get("rejected"):
            raise CorrectionRefused(f"this {kind.value} is already marked wrong")
        field, new_value = WHOLE_RECORD, None
        as_extracted = {**record, **record.get("original", {})}
        old_value = identity(kind, as_extracted)
    correction = Correction(
        id=uuid.uuid4(),
        document_id=document_id,
        record_type=kind,
        record_id=record_id,
        field=field,
        action=verb,
        old_value=old_value,
        new_value=new_value,
        reviewer=who,
        created_at=deps.clock(),
    )
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None or document.status is not DocumentStatus.COMPLETED:
            # Reprocessed since the record was read: its records are being replaced.
            raise NoSuchRecord(f"document {document_id} is not COMPLETED")
        await uow.corrections.add(correction)
        await uow.outbox.add(
            RecordCorrected(
                occurred_at=correction.created_at,
                document_id=document_id,
                correction_id=correction.id,
                record_type=kind.value,
                record_id=record_id,
                field=field,
                action=verb.value,
            )
        )
        await uow.commit()
    return correction


async def _current_record(
    deps: Dependencies, document_id: uuid.UUID, kind: RecordKind, record_id: uuid.UUID
) -> dict[str, Any]:
    """The record as the export shows it now (corrections laid over)."""
    docs = await views.export_documents(deps, document_id=document_id)
    if not docs or docs[0]["status"] != DocumentStatus.COMPLETED:
        raise NoSuchRecord(f"document {document_id} is not COMPLETED (or does not exist)")
    for record in docs[0][EXPORT_LISTS[kind]]:
        if record["id"] == str(record_id):
            return dict(record)
    raise NoSuchRecord(f"document {document_id} has no current {kind.value} {record_id}")


async def list_corrections(deps: Dependencies, document_id: uuid.UUID) -> list[Correction]:
    """Every correction made on the document, oldest first (those of replaced records too)."""
    async with deps.uow_factory() as uow:
        found: list[Correction] = await uow.corrections.list_for_documents([document_id])
    return found


# --- reviewed documents as an evaluation corpus ------------------------------------------------


@dataclass(frozen=True)
class TruthCorpus:
    """What :func:`write_truth_corpus` wrote."""

    directory: Path
    documents: int
    skipped: list[str]  # reviewed documents left out, with the reason


async def write_truth_corpus(deps: Dependencies, out_dir: Path) -> TruthCorpus:
    """Write every reviewed document (one with a correction) that is COMPLETED into
    ``out_dir``: its stored file, and its records as corrected, rejected ones left out, as an
    entry of ``truth.json`` in the format ``pipeline eval`` reads. ``pipeline eval out_dir``
    then scores the current code against what the reviewers said.

    The labels are the export's records after review: a record nobody corrected counts as
    right, since the reviewer saw it; a record the extraction missed cannot be added on the
    review page, so it is missing from the truth too."""
    async with deps.uow_factory() as uow:
        reviewed: list[uuid.UUID] = await uow.corrections.reviewed_document_ids()
    await asyncio.to_thread(out_dir.mkdir, parents=True, exist_ok=True)
    truth: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    for document_id in reviewed:
        doc = await views.document_detail(deps, document_id)
        if doc is None:
            continue
        if doc["status"] != DocumentStatus.COMPLETED:
            skipped.append(f"{document_id}: {doc['status']} (only COMPLETED documents are labels)")
            continue
        name = _file_name(doc, truth)
        async with deps.uow_factory() as uow:
            stored: Document | None = await uow.documents.get(document_id)
        assert stored is not None
        key = deps.blobs.key_from_uri(stored.blob_uri)
        await asyncio.to_thread(deps.blobs.download_to, key, out_dir / name)
        scanned = any(page["method"] == TextMethod.OCR for page in doc["pages"])
        truth[name] = truth_entry(doc, scanned=scanned)
    text = json.dumps(truth, indent=2, sort_keys=True) + "\n"
    await asyncio.to_thread((out_dir / TRUTH_FILE).write_text, text, encoding="utf-8")
    return TruthCorpus(directory=out_dir, documents=len(truth), skipped=skipped)


def _file_name(doc: dict[str, Any], taken: dict[str, Any]) -> str:
    """The document's file name, made unique (two uploads may share a name), no directories."""
    name = Path(str(doc["filename"])).name or "document"
    if name in taken or name == TRUTH_FILE:
        name = f"{doc['id'][:8]}-{name}"
    return name


def truth_entry(doc: dict[str, Any], *, scanned: bool) -> dict[str, Any]:
    """A reviewed export document as a ``truth.json`` entry (:mod:`pipeline.evaluation`)."""
    borrowers = [b for b in doc["borrowers"] if not b.get("rejected")]
    names = {b["id"]: b["name"] for b in borrowers}
    return {
        "doc_type": doc["doc_type"],
        "scanned": scanned,
        "source": "review",
        "document_id": doc["id"],
        "borrowers": [{"name": b["name"], "ssn_last4": b["ssn_last4"]} for b in borrowers],
        "income_records": [
            {
                "borrower": names.get(r["borrower_id"]),
                "amount": r["amount"],
                "period": r["period"],
                "year": r["year"],
                "source_type": r["source_type"],
                "employer": r["employer"],
            }
            for r in doc["income_records"]
            if not r.get("rejected")
        ],
        "account_numbers": [
            {
                "borrower": names.get(a["borrower_id"]),
                "last4": a["last4"],
                "account_type": a["account_type"],
            }
            for a in doc["account_numbers"]
            if not a.get("rejected")
        ],
    }
