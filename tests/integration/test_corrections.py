"""Reviewers' corrections on the real databases (PostgreSQL and SQLite), on a W-2 the real
pipeline read: stored as their own rows beside the untouched extraction, shown by both exports,
re-applied after a reprocess, and refused when they cannot be stored."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.cli import write_csv
from pipeline.db import tables
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.corrections import Correction, CorrectionRefused
from pipeline.evaluation import evaluate, load_truth
from pipeline.samples import generate_samples
from pipeline.service_layer import services, views
from pipeline.service_layer.corrections import (
    NoSuchRecord,
    record_correction,
    write_truth_corpus,
)
from pipeline.service_layer.deps import Dependencies
from tests.support.deps import Clock, make_deps

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def w2_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    generate_samples(out)
    return out / "w2.pdf"


async def read_document(deps: Dependencies, path: Path) -> uuid.UUID:
    """``path`` through the real pipeline in-process: staged, ingested, read, COMPLETED."""
    size = await asyncio.to_thread(os.path.getsize, path)
    submission, _ = await services.stage_submission(deps, path, filename=path.name, size_bytes=size)
    outcome = await services.ingest(
        deps,
        submission_id=submission.id,
        staging_key=submission.staging_key,
        filename=path.name,
        size_bytes=size,
    )
    assert outcome.document_id is not None
    await process_again(deps, outcome.document_id)
    return outcome.document_id


async def process_again(deps: Dependencies, document_id: uuid.UUID) -> None:
    done = await services.claim_and_process(deps, document_id, token=uuid.uuid4().hex)
    assert done.status == "COMPLETED", done


async def exported(deps: Dependencies, document_id: uuid.UUID) -> dict[str, Any]:
    (doc,) = await views.export_documents(deps, document_id=document_id)
    return doc


def csv_rows(doc: dict[str, Any]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv([doc], out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


async def correction_rows(database: Database) -> list[Any]:
    async with SqlAlchemyUnitOfWork(database) as uow:
        return list(await uow.session.execute(sa.select(tables.corrections)))


async def correct_income(
    deps: Dependencies, doc_id: uuid.UUID, income: dict[str, Any], **changes: Any
) -> Correction:
    """Ana's correction of ``income`` (the export's dict); ``changes`` give the action, the
    field and value, or override any other argument."""
    args: dict[str, Any] = {
        "document_id": doc_id,
        "record_type": "income_record",
        "record_id": uuid.UUID(income["id"]),
        "reviewer": "Ana",
        **changes,
    }
    return await record_correction(deps, **args)


async def test_a_corrected_value_is_its_own_row_and_both_exports_show_it(
    database: Database, tmp_path: Path, w2_pdf: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    doc_id = await read_document(deps, w2_pdf)
    before = await exported(deps, doc_id)
    (income,) = before["income_records"]
    (person,) = before["borrowers"]
    assert income["corrected"] is False and income["rejected"] is False
    read_amount = income["amount"]

    await correct_income(
        deps,
        doc_id,
        income,
        action="correct",
        field="amount",
        value="1,234.5",
        reviewer="Ana (underwriting)",
    )
    await record_correction(
        deps,
        document_id=doc_id,
        record_type="borrower",
        record_id=uuid.UUID(person["id"]),
        action="correct",
        field="name",
        value="Jane Q. Reviewed",
        reviewer="Ana (underwriting)",
    )

    after = await exported(deps, doc_id)
    (shown,) = after["income_records"]
    assert shown["amount"] == "1234.50" and shown["corrected"] is True
    assert shown["original"] == {"amount": read_amount}
    assert after["borrowers"][0]["name"] == "Jane Q. Reviewed"
    assert after["borrowers"][0]["original"] == {"name": person["name"]}
    (row,) = csv_rows(after)
    assert (row["amount"], row["borrower"]) == ("1234.50", "Jane Q. Reviewed")
    # The API's document object and `pipeline status ID` are the export's.
    detail = await views.document_detail(deps, doc_id)
    assert detail is not None and detail["income_records"][0]["amount"] == "1234.50"
    # ... and so does the borrower's view across documents.
    across = await views.borrower_detail(deps, uuid.UUID(person["id"]))
    assert across is not None
    assert [(r["amount"], r["corrected"]) for r in across["income_records"]] == [("1234.50", True)]

    # The extraction is untouched; each correction is a row of its own with who, when, old, new.
    async with SqlAlchemyUnitOfWork(database) as uow:
        (stored,) = await uow.incomes.list_for_document(doc_id)
        events = list(
            await uow.session.execute(
                sa.select(tables.outbox.c.event_type, tables.outbox.c.payload).where(
                    tables.outbox.c.event_type == "RecordCorrected"
                )
            )
        )
    assert f"{stored.amount:.2f}" == read_amount
    rows = sorted(await correction_rows(database), key=lambda r: r.field)
    assert [(r.field, r.action, r.old_value, r.new_value) for r in rows] == [
        ("amount", "correct", read_amount, "1234.50"),
        ("name", "correct", person["name"], "Jane Q. Reviewed"),
    ]
    assert {r.reviewer for r in rows} == {"Ana (underwriting)"}
    assert all(r.created_at is not None and r.document_id == doc_id for r in rows)
    assert len(events) == 2
    assert {e.payload["field"] for e in events} == {"amount", "name"}
    assert all("1234" not in str(e.payload) for e in events)  # values stay out of events


async def test_a_rejected_income_is_marked_in_json_and_left_out_of_the_csv(
    database: Database, tmp_path: Path, w2_pdf: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    doc_id = await read_document(deps, w2_pdf)
    (income,) = (await exported(deps, doc_id))["income_records"]

    correction = await correct_income(deps, doc_id, income, action="reject")

    doc = await exported(deps, doc_id)
    assert doc["income_records"][0]["rejected"] is True
    assert doc["income_records"][0]["amount"] == income["amount"]  # still shown, marked
    assert csv_rows(doc) == []
    assert correction.old_value == {
        k: income[k] for k in ("amount", "period", "year", "source_type", "employer")
    }
    with pytest.raises(CorrectionRefused, match="already marked wrong"):
        await correct_income(deps, doc_id, income, action="reject")


async def test_corrections_follow_their_values_through_a_reprocess(
    database: Database, tmp_path: Path, w2_pdf: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    doc_id = await read_document(deps, w2_pdf)
    (income,) = (await exported(deps, doc_id))["income_records"]
    await correct_income(
        deps, doc_id, income, action="correct", field="employer", value="Reviewed Employer LLC"
    )

    assert await services.reprocess(deps, doc_id)
    during = await exported(deps, doc_id)
    assert during["status"] == "PENDING" and during["income_records"] == []
    with pytest.raises(NoSuchRecord):  # no correcting records that are being replaced
        await correct_income(deps, doc_id, income, action="correct", field="year", value=2020)
    await process_again(deps, doc_id)

    (renewed,) = (await exported(deps, doc_id))["income_records"]
    assert renewed["id"] != income["id"]  # the reprocess replaced the record
    assert renewed["employer"] == "Reviewed Employer LLC" and renewed["corrected"] is True
    assert renewed["original"] == {"employer": income["employer"]}
    assert len(await correction_rows(database)) == 1  # re-applied, not copied


async def test_corrections_that_cannot_be_stored_are_refused(
    database: Database, tmp_path: Path, w2_pdf: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    doc_id = await read_document(deps, w2_pdf)
    (income,) = (await exported(deps, doc_id))["income_records"]

    async def correct(**changes: Any) -> None:
        amount = {"action": "correct", "field": "amount", "value": "10.00"}
        await correct_income(deps, doc_id, income, **(amount | changes))

    with pytest.raises(CorrectionRefused, match="two decimals"):
        await correct(value="ten")
    with pytest.raises(CorrectionRefused, match="cannot be corrected"):
        await correct(field="borrower_id")
    with pytest.raises(CorrectionRefused, match="already holds"):
        await correct(value=income["amount"])
    with pytest.raises(CorrectionRefused, match="action"):
        await correct(action="approve")
    with pytest.raises(CorrectionRefused, match="record type"):
        await correct(record_type="document")
    with pytest.raises(CorrectionRefused, match="reviewer"):
        await correct(reviewer="  ")
    with pytest.raises(CorrectionRefused, match="SSN"):
        await correct(field="employer", value="Acme 123-45-6789")
    with pytest.raises(NoSuchRecord):
        await correct(record_id=uuid.uuid4())
    with pytest.raises(NoSuchRecord):
        await correct(document_id=uuid.uuid4())
    assert await correction_rows(database) == []


async def test_the_reviewed_documents_as_an_eval_corpus(
    database: Database, tmp_path: Path, w2_pdf: Path
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    doc_id = await read_document(deps, w2_pdf)
    (income,) = (await exported(deps, doc_id))["income_records"]
    await correct_income(deps, doc_id, income, action="correct", field="year", value="2019")

    written = await write_truth_corpus(deps, tmp_path / "labels")

    assert written.documents == 1 and written.skipped == []
    truth = load_truth(tmp_path / "labels")
    assert list(truth) == ["w2.pdf"]
    copied = await asyncio.to_thread((tmp_path / "labels" / "w2.pdf").read_bytes)
    assert copied == await asyncio.to_thread(w2_pdf.read_bytes)
    (label,) = truth["w2.pdf"]["income_records"]
    assert label["year"] == 2019 and label["amount"] == income["amount"]
    # The export as reviewed is exactly the labels; as the extraction read it, one miss.
    reviewed = await exported(deps, doc_id)
    assert evaluate(truth, [reviewed | {"filename": "w2.pdf"}]).pooled().fn == 0
    as_read = reviewed | {"filename": "w2.pdf", "income_records": [income]}
    assert evaluate(truth, [as_read]).counts("income").as_dict()["fn"] == 1
