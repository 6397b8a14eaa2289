"""Reviewed documents become an evaluation set, end to end on the embedded stack (the real CLI on
SQLite and local blobs, eager Celery): documents are read, a reviewer corrects some values,
`pipeline corrections truth` writes the files and their corrected records as truth.json, and
`pipeline eval` scores a fresh run of the current code against those labels."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from pipeline.db.engine import Database
from pipeline.samples import generate_samples
from pipeline.service_layer.corrections import record_correction
from tests.support.deps import Clock, make_deps
from tests.support.processes import run_pipeline

pytestmark = pytest.mark.integration


async def test_corrections_are_labels_pipeline_eval_scores_against(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    generate_samples(samples)
    (tmp_path / "in").mkdir()
    for name in ("w2.pdf", "bank_statement.pdf", "paystub.pdf"):
        shutil.copy(samples / name, tmp_path / "in" / name)
    run_pipeline(tmp_path, "ingest", "in/", "--wait", "--json")
    docs = {d["filename"]: d for d in json.loads(run_pipeline(tmp_path, "export"))}
    w2, bank = docs["w2.pdf"], docs["bank_statement.pdf"]
    (income,) = w2["income_records"]
    account = bank["account_numbers"][0]
    other_type = "loan" if account["account_type"] != "loan" else "savings"

    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'var' / 'pipeline.db'}")
    try:
        deps = make_deps(database, tmp_path / "reviewer", Clock())
        await record_correction(
            deps,
            document_id=uuid.UUID(w2["id"]),
            record_type="income_record",
            record_id=uuid.UUID(income["id"]),
            action="correct",
            field="amount",
            value="12345.67",
            reviewer="Ana",
        )
        await record_correction(
            deps,
            document_id=uuid.UUID(bank["id"]),
            record_type="account_number",
            record_id=uuid.UUID(account["id"]),
            action="correct",
            field="account_type",
            value=other_type,
            reviewer="Ana",
        )
    finally:
        await database.dispose()

    said = run_pipeline(tmp_path, "corrections", "truth", "labels")
    assert "2 reviewed document(s)" in said
    labels = tmp_path / "labels"
    truth: dict[str, Any] = json.loads((labels / "truth.json").read_text())
    assert sorted(truth) == ["bank_statement.pdf", "w2.pdf"]  # the unreviewed stub is not in it
    for name in truth:
        assert (labels / name).read_bytes() == (tmp_path / "in" / name).read_bytes()
    assert truth["w2.pdf"]["doc_type"] == "w2" and truth["w2.pdf"]["scanned"] is False
    (label,) = truth["w2.pdf"]["income_records"]
    assert label["amount"] == "12345.67" and label["borrower"] == w2["borrowers"][0]["name"]
    assert truth["bank_statement.pdf"]["account_numbers"][0]["account_type"] == other_type

    report = json.loads(run_pipeline(tmp_path, "eval", "labels", "--json"))
    scored = {d["filename"]: d for d in report["documents"]}
    # The code still reads what it read: each corrected record is now a miss, the rest right.
    assert scored["w2.pdf"]["counts"]["income"] == {"tp": 0, "fp": 1, "fn": 1}
    assert scored["w2.pdf"]["counts"]["borrower"]["fn"] == 0
    assert any("amount 12345.67" in m for m in scored["w2.pdf"]["mismatches"])
    accounts = scored["bank_statement.pdf"]["counts"]["account"]
    assert (accounts["fp"], accounts["fn"]) == (1, 1)
    assert accounts["tp"] == len(bank["account_numbers"]) - 1
    assert report["overall"]["all"]["fn"] == 2
