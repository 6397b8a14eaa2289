from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluation import Counts, evaluate, format_report, load_truth

TRUTH: dict[str, dict[str, Any]] = {
    "w2.pdf": {
        "doc_type": "w2",
        "scanned": False,
        "borrowers": [
            {
                "name": "Maria Gonzalez",
                "ssn_last4": "1234",
                "address": {"street": "1 Elm St", "city": "Salem", "state": "MA", "zip": "01970"},
            }
        ],
        "income_records": [
            {
                "borrower": "Maria Gonzalez",
                "amount": "84512.33",
                "period": "annual",
                "year": 2023,
                "source_type": "w2",
                "employer": "Side Hustle, Inc.",
                "page": 1,
            }
        ],
        "account_numbers": [],
    },
    "bank.png": {
        "doc_type": "bank_statement",
        "scanned": True,
        "borrowers": [
            {"name": "MARIA GONZALEZ", "ssn_last4": None, "address": None},
            {"name": "James Whitfield", "ssn_last4": None, "address": None},
        ],
        "income_records": [],
        "account_numbers": [
            {
                "borrower": "MARIA GONZALEZ",
                "last4": "9876",
                "account_type": "checking",
                "institution": "First Harbor Bank",
                "page": 1,
            }
        ],
    },
    "1040.pdf": {
        "doc_type": "form_1040",
        "scanned": False,
        "borrowers": [{"name": "Maria Gonzalez", "ssn_last4": "1234", "address": None}],
        "income_records": [
            {
                "borrower": "Maria Gonzalez",
                "amount": "90000.00",
                "period": "annual",
                "year": 2023,
                "source_type": "form_1040",
                "employer": None,
                "page": 1,
            }
        ],
        "account_numbers": [],
    },
}


def perfect_export(truth: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """What a flawless pipeline would export for ``truth``."""
    docs = []
    for n, (filename, t) in enumerate(truth.items()):
        ids = {b["name"]: f"b{n}-{i}" for i, b in enumerate(t["borrowers"])}
        docs.append(
            {
                "id": f"d{n}",
                "filename": filename,
                "file_hash": "0" * 64,
                "status": "COMPLETED",
                "error_message": None,
                "doc_type": t["doc_type"],
                "page_count": 1,
                "borrowers": [
                    {
                        "id": ids[b["name"]],
                        "name": b["name"],
                        "ssn_last4": b["ssn_last4"],
                        "address": b["address"],
                        "confidence": 0.9,
                    }
                    for b in t["borrowers"]
                ],
                "income_records": [
                    {
                        "id": f"i{n}-{i}",
                        "borrower_id": ids[r["borrower"]],
                        "amount": r["amount"],
                        "period": r["period"],
                        "year": r["year"],
                        "source_type": r["source_type"],
                        "employer": r["employer"],
                        "confidence": 0.9,
                        "source": {"page": r["page"], "section": "", "snippet": "", "bbox": None},
                    }
                    for i, r in enumerate(t["income_records"])
                ],
                "account_numbers": [
                    {
                        "id": f"a{n}-{i}",
                        "borrower_id": ids[a["borrower"]],
                        "last4": a["last4"],
                        "masked": "****" + a["last4"],
                        "account_type": a["account_type"],
                        "institution": a.get("institution"),
                        "confidence": 0.9,
                        "source": {"page": a["page"], "section": "", "snippet": "", "bbox": None},
                    }
                    for i, a in enumerate(t["account_numbers"])
                ],
            }
        )
    return docs


def by_name(export: list[dict[str, Any]], filename: str) -> dict[str, Any]:
    return next(d for d in export if d["filename"] == filename)


def test_perfect_export_scores_one_everywhere() -> None:
    report = evaluate(TRUTH, perfect_export(TRUTH))
    for kind, expected_tp in (("borrower", 4), ("income", 2), ("account", 1)):
        c = report.counts(kind)
        assert (c.tp, c.fp, c.fn) == (expected_tp, 0, 0)
        assert c.precision == c.recall == c.f1 == 1.0
    assert report.doc_type_accuracy() == (3, 3)
    assert all(d.perfect for d in report.documents)


def test_splits_separate_text_and_scanned() -> None:
    report = evaluate(TRUTH, perfect_export(TRUTH))
    assert report.counts("borrower", "text").tp == 2
    assert report.counts("borrower", "scanned").tp == 2
    assert report.counts("account", "text") == Counts()
    assert report.counts("account", "text").f1 is None
    assert report.doc_type_accuracy("scanned") == (1, 1)
    with pytest.raises(ValueError):
        report.counts("borrower", "handwritten")


def test_missing_document_is_all_false_negatives() -> None:
    export = [d for d in perfect_export(TRUTH) if d["filename"] != "bank.png"]
    report = evaluate(TRUTH, export)
    assert report.counts("borrower") == Counts(tp=2, fp=0, fn=2)
    assert report.counts("account") == Counts(tp=0, fp=0, fn=1)
    assert report.counts("account").recall == 0.0
    assert report.counts("borrower").precision == 1.0
    assert report.doc_type_accuracy() == (2, 3)
    bank = next(d for d in report.documents if d.filename == "bank.png")
    assert bank.status == "MISSING"
    assert "missing from the export" in bank.mismatches[0]


def test_failed_document_counts_like_a_missing_one_even_with_records() -> None:
    export = perfect_export(TRUTH)
    w2 = by_name(export, "w2.pdf")
    w2["status"], w2["error_message"] = "FAILED", "PermanentError: encrypted PDF"
    report = evaluate(TRUTH, export)
    assert report.counts("income") == Counts(tp=1, fp=0, fn=1)
    assert report.counts("borrower", "text") == Counts(tp=1, fp=0, fn=1)
    doc = next(d for d in report.documents if d.filename == "w2.pdf")
    assert not doc.doc_type_correct
    assert "FAILED" in doc.mismatches[0] and "encrypted" in doc.mismatches[0]


def test_extra_record_is_a_false_positive() -> None:
    export = perfect_export(TRUTH)
    w2 = by_name(export, "w2.pdf")
    extra = copy.deepcopy(w2["income_records"][0])
    extra["amount"], extra["id"] = "86000.00", "extra"
    w2["income_records"].append(extra)
    report = evaluate(TRUTH, export)
    c = report.counts("income")
    assert (c.tp, c.fp, c.fn) == (2, 1, 0)
    assert c.precision == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(0.8)
    doc = next(d for d in report.documents if d.filename == "w2.pdf")
    assert any(m.startswith("unexpected income") and "86000.00" in m for m in doc.mismatches)


def test_amount_one_cent_off_is_a_miss_and_an_extra() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "w2.pdf")["income_records"][0]["amount"] = "84512.34"
    report = evaluate(TRUTH, export)
    assert report.counts("income") == Counts(tp=1, fp=1, fn=1)
    doc = next(d for d in report.documents if d.filename == "w2.pdf")
    assert any("amount 84512.33 != 84512.34" in m for m in doc.mismatches)


def test_amount_formats_compare_by_value() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "1040.pdf")["income_records"][0]["amount"] = "90000"
    assert evaluate(TRUTH, export).counts("income").fn == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("period", "ytd"), ("year", 2022), ("source_type", "paystub"), ("employer", "Acme LLC")],
)
def test_each_income_field_must_agree(field: str, value: Any) -> None:
    export = perfect_export(TRUTH)
    by_name(export, "w2.pdf")["income_records"][0][field] = value
    assert evaluate(TRUTH, export).counts("income", "text") == Counts(tp=1, fp=1, fn=1)


def test_names_and_employers_compare_normalized() -> None:
    export = perfect_export(TRUTH)
    w2 = by_name(export, "w2.pdf")
    w2["borrowers"][0]["name"] = "  MARIA  gonzález. "
    w2["income_records"][0]["employer"] = "SIDE HUSTLE INC"
    report = evaluate(TRUTH, export)
    assert report.counts("borrower", "text").fn == 0
    assert report.counts("income", "text") == Counts(tp=2, fp=0, fn=0)


def test_truth_without_employer_accepts_any_employer() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "1040.pdf")["income_records"][0]["employer"] = "Someone"
    assert evaluate(TRUTH, export).counts("income").fp == 0


def test_ssn_last4_must_agree_when_both_sides_have_it() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "w2.pdf")["borrowers"][0]["ssn_last4"] = "9999"
    by_name(export, "1040.pdf")["borrowers"][0]["ssn_last4"] = None
    report = evaluate(TRUTH, export)
    assert report.counts("borrower", "text") == Counts(tp=1, fp=1, fn=1)


def test_account_needs_type_and_borrower() -> None:
    export = perfect_export(TRUTH)
    account = by_name(export, "bank.png")["account_numbers"][0]
    account["account_type"] = "savings"
    report = evaluate(TRUTH, export)
    assert report.counts("account") == Counts(tp=0, fp=1, fn=1)
    account["account_type"] = "checking"
    account["borrower_id"] = by_name(export, "bank.png")["borrowers"][1]["id"]
    assert evaluate(TRUTH, export).counts("account") == Counts(tp=0, fp=1, fn=1)


def test_same_name_different_ssn_is_not_merged() -> None:
    truth = {
        "a.pdf": {
            "doc_type": "w2",
            "scanned": False,
            "borrowers": [
                {"name": "Hannah Kowalski", "ssn_last4": "1111", "address": None},
                {"name": "Hannah Kowalski", "ssn_last4": "2222", "address": None},
            ],
            "income_records": [],
            "account_numbers": [],
        }
    }
    export = perfect_export(truth)
    export[0]["borrowers"] = [
        {"id": "x", "name": "Hannah Kowalski", "ssn_last4": None},
        {"id": "y", "name": "Hannah Kowalski", "ssn_last4": "2222"},
    ]
    # The SSN-carrying export must pair with the 2222 truth, leaving the name-only one for 1111.
    assert evaluate(truth, export).counts("borrower") == Counts(tp=2, fp=0, fn=0)


def test_wrong_doc_type_and_unexpected_documents() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "1040.pdf")["doc_type"] = "w2"
    export.append({**by_name(export, "w2.pdf"), "filename": "not-labelled.pdf"})
    report = evaluate(TRUTH, export)
    assert report.doc_type_accuracy("text") == (1, 2)
    assert report.unexpected_documents == ["not-labelled.pdf"]
    assert report.counts("income").tp == 2


def test_format_report_is_a_table_with_details() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "w2.pdf")["income_records"][0]["amount"] = "1.00"
    text = format_report(evaluate(TRUTH, export))
    lines = text.splitlines()
    assert "text" in lines[0] and "scanned" in lines[0] and "all" in lines[0]
    rows = {line.split()[0]: line for line in lines[3:7]}
    assert set(rows) == {"borrower", "income", "account", "doc_type"}
    assert " 0.500 0.500 0.500    1    1    1" in rows["income"]
    assert "3/3" in rows["doc_type"]
    assert len({len(line) for line in lines[:6]}) == 1  # fixed width
    assert "w2.pdf (w2, text, COMPLETED)" in text
    assert "amount 84512.33 != 1.00" in text
    assert "w2.pdf" not in format_report(evaluate(TRUTH, export), details=False)


def test_load_truth_reads_the_corpus_folder(tmp_path: Path) -> None:
    (tmp_path / "truth.json").write_text(json.dumps(TRUTH))
    assert load_truth(tmp_path) == TRUTH
    assert load_truth(tmp_path / "truth.json") == TRUTH
    (tmp_path / "truth.json").write_text("[]")
    with pytest.raises(ValueError):
        load_truth(tmp_path)


def test_real_corpus_truth_scores_perfectly_against_itself() -> None:
    real = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
    if not (real / "truth.json").exists():
        pytest.skip("shared corpus not available")
    truth = load_truth(real)
    report = evaluate(truth, perfect_export(truth))
    assert report.counts("income").f1 == 1.0
    assert report.doc_type_accuracy() == (len(truth), len(truth))
