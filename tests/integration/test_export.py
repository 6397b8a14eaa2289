"""The export on the real databases: only a COMPLETED document's records are current. A document
reprocessed after it completed keeps the rows of that run until the new run replaces them; if the
new run fails, or while it is under way, neither the JSON export nor the income CSV shows them."""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.cli import write_csv
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.model import (
    Borrower,
    Document,
    DocumentStatus,
    IncomeRecord,
    RecordKind,
    SourceReference,
)
from pipeline.service_layer import services, views
from pipeline.service_layer.deps import Dependencies
from tests.support.deps import T0, Clock, make_deps


async def completed_document(database: Database, amount: str) -> uuid.UUID:
    """A COMPLETED W-2 with one borrower and one income record of ``amount``."""
    content = uuid.uuid4().bytes
    doc = Document.new(
        filename=f"w2-{amount}.pdf",
        file_hash=hashlib.sha256(content).hexdigest(),
        file_type="pdf",
        file_size_bytes=len(content),
        blob_uri="file:///x",
        now=T0,
    )
    person = Borrower(
        name="Jane Roe",
        ssn_hash=uuid.uuid4().hex * 2,
        ssn_last4="6789",
        created_at=T0,
        updated_at=T0,
    )
    income = IncomeRecord(
        document_id=doc.id,
        borrower_id=person.id,
        amount=Decimal(amount),
        period="annual",
        year=2025,
        source_type="w2",
        employer="Acme",
        created_at=T0,
    )
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.documents.add_if_absent(doc)
        await uow.commit()
    async with SqlAlchemyUnitOfWork(database) as uow:
        loaded = await uow.documents.get(doc.id)
        loaded.start_processing(token="task", now=T0)
        assert await uow.documents.transition(loaded, DocumentStatus.PENDING)
        await uow.borrowers.add(person)
        await uow.incomes.replace_for_document(doc.id, [income])
        await uow.sources.replace_for_document(
            doc.id,
            [
                SourceReference(
                    document_id=doc.id,
                    record_type=kind,
                    record_id=record_id,
                    page_number=1,
                    section="W-2",
                    snippet="Jane Roe",
                    created_at=T0,
                )
                for kind, record_id in (
                    (RecordKind.BORROWER, person.id),
                    (RecordKind.INCOME_RECORD, income.id),
                )
            ],
        )
        loaded.complete(now=T0, page_count=1, doc_type="w2")
        assert await uow.documents.transition(loaded, DocumentStatus.PROCESSING)
        await uow.commit()
    return doc.id


async def reprocess_and_fail(deps: Dependencies, doc_id: uuid.UUID) -> None:
    assert await services.reprocess(deps, doc_id)
    assert (await services.claim_document(deps, doc_id, token="rerun")).outcome.action == "started"
    failed = await services.fail_document(deps, doc_id, "page 1: OCR timed out", token="rerun")
    assert failed.action == "failed"


def csv_rows(docs: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(docs, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


async def test_a_failed_document_keeps_its_old_rows_out_of_both_exports(
    database: Database, tmp_path: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    current = await completed_document(database, "84512.33")
    failed = await completed_document(database, "99999.99")
    in_flight = await completed_document(database, "55555.55")
    await reprocess_and_fail(deps, failed)
    assert await services.reprocess(deps, in_flight)  # PENDING again, old rows still stored
    async with SqlAlchemyUnitOfWork(database) as uow:  # the stale rows are really there
        assert len(await uow.incomes.list_for_document(failed)) == 1

    docs = {doc["id"]: doc for doc in await views.export_documents(deps)}
    rows = csv_rows(list(docs.values()))

    assert [(r["document_id"], r["amount"], r["borrower"]) for r in rows] == [
        (str(current), "84512.33", "Jane Roe")
    ]
    assert docs[str(current)]["status"] == "COMPLETED"
    assert [i["amount"] for i in docs[str(current)]["income_records"]] == ["84512.33"]
    assert [b["name"] for b in docs[str(current)]["borrowers"]] == ["Jane Roe"]
    for stale, status in ((failed, "FAILED"), (in_flight, "PENDING")):
        doc = docs[str(stale)]  # still listed, with where it stands
        assert doc["status"] == status
        assert doc["borrowers"] == doc["income_records"] == doc["account_numbers"] == []
        assert doc["parts"] == []
    assert docs[str(failed)]["error_message"] == "page 1: OCR timed out"


async def test_filtering_by_status_or_document_follows_the_same_rule(
    database: Database, tmp_path: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    failed = await completed_document(database, "99999.99")
    await reprocess_and_fail(deps, failed)

    by_status = await views.export_documents(deps, status=DocumentStatus.FAILED)
    by_id = await views.export_documents(deps, document_id=failed)
    detail = await views.document_detail(deps, failed)

    assert [d["id"] for d in by_status] == [d["id"] for d in by_id] == [str(failed)]
    assert by_status[0]["income_records"] == by_id[0]["income_records"] == []
    assert csv_rows(by_status) == csv_rows(by_id) == []
    assert detail is not None and detail["status"] == "FAILED" and detail["income_records"] == []
