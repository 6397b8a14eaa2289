from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluation import (
    Counts,
    evaluate,
    format_report,
    load_truth,
    truth_layout,
    without,
)
from tests.support.services import require

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
    rows = {line.split()[0]: line for line in lines[3:8]}
    assert set(rows) == {"borrower", "income", "account", "overall", "doc_type"}
    assert " 0.500 0.500 0.500    1    1    1" in rows["income"]
    # 7 truth records: 6 found, plus the wrong amount (one FP, one FN).
    assert rows["overall"].endswith(f" | {6 / 7:5.3f} {6 / 7:5.3f} {6 / 7:5.3f}    6    1    1")
    assert "3/3" in rows["doc_type"]
    assert len({len(line) for line in lines[:7]}) == 1  # fixed width
    assert "  w2.pdf (text)" in text
    assert "wrong income ('Maria Gonzalez' 84512.33 annual): amount 84512.33 != 1.00" in text
    assert "w2.pdf" not in format_report(evaluate(TRUTH, export), details=False)


def with_layouts(truth: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """TRUTH as the generators label it: a ``layout`` key, or ``layout=`` in the notes."""
    truth = copy.deepcopy(truth)
    truth["w2.pdf"]["layout"] = "w2/irs-grid"
    truth["w2.pdf"]["generator"] = "randomized"
    truth["bank.png"]["notes"] = "layout=credit_union; format=png; joint account"
    return truth


def test_layout_comes_from_the_key_or_the_notes() -> None:
    truth = with_layouts(TRUTH)
    assert truth_layout(truth["w2.pdf"]) == "w2/irs-grid"
    assert truth_layout(truth["bank.png"]) == "bank_statement/credit_union"
    assert truth_layout(truth["1040.pdf"]) is None
    assert truth_layout({"doc_type": "voe", "notes": "a letter; no layout here"}) is None
    report = evaluate(truth, perfect_export(truth))
    assert report.layouts() == ["bank_statement/credit_union", "w2/irs-grid"]
    w2 = next(d for d in report.documents if d.filename == "w2.pdf")
    assert (w2.layout, w2.generator) == ("w2/irs-grid", "randomized")


def test_tally_per_document_kind_and_layout_pools_the_record_kinds() -> None:
    truth = with_layouts(TRUTH)
    export = perfect_export(truth)
    by_name(export, "bank.png")["account_numbers"][0]["last4"] = "0000"
    report = evaluate(truth, export)

    bank = report.tally(doc_type="bank_statement")
    assert (bank.documents, bank.scanned, bank.typed_correctly) == (1, 1, 1)
    assert bank.kinds["borrower"] == Counts(tp=2)
    assert bank.pooled == Counts(tp=2, fp=1, fn=1)
    assert report.tally("text", doc_type="bank_statement").documents == 0
    assert report.tally(layout="bank_statement/credit_union").pooled == bank.pooled
    assert report.pooled() == Counts(tp=6, fp=1, fn=1)
    assert report.pooled("text") == Counts(tp=4)
    assert report.doc_types() == ["w2", "bank_statement", "form_1040"]


def test_as_dict_carries_overall_per_kind_per_layout_and_document_counts() -> None:
    truth = with_layouts(TRUTH)
    export = perfect_export(truth)
    export = [d for d in export if d["filename"] != "1040.pdf"]
    data = evaluate(truth, export, exclude=["w2.pdf"]).as_dict()

    assert data["overall"]["all"] == {
        "tp": 3,
        "fp": 0,
        "fn": 2,
        "precision": 1.0,
        "recall": 0.6,
        "f1": 0.75,
    }
    assert set(data["by_doc_type"]) == {"bank_statement", "form_1040"}
    assert set(data["by_doc_type"]["bank_statement"]) == {"scanned", "all"}  # no text documents
    form_1040 = data["by_doc_type"]["form_1040"]["all"]
    assert form_1040["documents"] == 1
    assert form_1040["doc_type"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert form_1040["income"]["recall"] == 0.0
    assert form_1040["account"]["f1"] is None
    assert form_1040["pooled"]["fn"] == 2
    assert data["by_layout"]["bank_statement/credit_union"]["scanned"]["pooled"]["tp"] == 3
    assert data["excluded"] == ["w2.pdf"]
    docs = {d["filename"]: d for d in data["documents"]}
    assert docs["bank.png"]["layout"] == "bank_statement/credit_union"
    assert docs["1040.pdf"]["counts"]["income"] == {"tp": 0, "fp": 0, "fn": 1}
    json.dumps(data)  # plain JSON


def test_excluded_files_are_neither_scored_nor_listed() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "w2.pdf")["income_records"][0]["amount"] = "1.00"
    report = evaluate(TRUTH, export, exclude=["w2.pdf", "w2.pdf"])
    assert [d.filename for d in report.documents] == ["1040.pdf", "bank.png"]
    assert report.excluded == ["w2.pdf"]
    assert report.unexpected_documents == []
    assert report.counts("income") == Counts(tp=1)
    text = format_report(report)
    assert "1 file(s) of the truth excluded: w2.pdf" in text
    assert "wrong income" not in text
    assert without(TRUTH, ["bank.png"]).keys() == {"w2.pdf", "1040.pdf"}
    with pytest.raises(ValueError, match=r"w2\.pfd"):
        evaluate(TRUTH, export, exclude=["w2.pfd"])


def test_near_miss_is_one_wrong_record_and_a_far_one_is_missing_plus_unexpected() -> None:
    export = perfect_export(TRUTH)
    w2 = by_name(export, "w2.pdf")["income_records"][0]
    w2["amount"], w2["year"] = "84512.34", 2022
    bank = by_name(export, "bank.png")["account_numbers"][0]
    bank["last4"], bank["account_type"] = "0000", "savings"
    report = evaluate(TRUTH, export)
    assert report.counts("income") == Counts(tp=1, fp=1, fn=1)
    assert report.counts("account") == Counts(tp=0, fp=1, fn=1)
    misses = {d.filename: d.mismatches for d in report.documents}
    assert misses["w2.pdf"] == [
        "wrong income ('Maria Gonzalez' 84512.33 annual): amount 84512.33 != 84512.34; "
        "year 2023 != 2022"
    ]
    assert misses["bank.png"] == [
        "missing account: 'MARIA GONZALEZ' last4=9876 type=checking",
        "unexpected account: 'MARIA GONZALEZ' last4=0000 type=savings",
    ]


def test_wrong_pairs_each_exported_record_once_closest_first() -> None:
    truth = copy.deepcopy({"w2.pdf": TRUTH["w2.pdf"]})
    first = truth["w2.pdf"]["income_records"][0]
    truth["w2.pdf"]["income_records"].append({**first, "amount": "500.00"})
    export = perfect_export(truth)
    incomes = export[0]["income_records"]
    del incomes[0]
    incomes[0]["year"] = 2022  # one field off the second truth record, two off the first
    misses = evaluate(truth, export).documents[0].mismatches
    assert misses == [
        "missing income: 'Maria Gonzalez' 84512.33 annual 2023 w2 employer='Side Hustle, Inc.'",
        "wrong income ('Maria Gonzalez' 500.00 annual): year 2023 != 2022",
    ]


def test_long_values_are_shortened_in_misses() -> None:
    export = perfect_export(TRUTH)
    by_name(export, "w2.pdf")["income_records"][0]["employer"] = "Please complete " * 20
    [w2] = [d for d in evaluate(TRUTH, export).documents if d.filename == "w2.pdf"]
    [miss] = w2.mismatches
    assert miss.startswith("wrong income")
    assert len(miss) < 160 and miss.endswith("...")


def test_misses_are_grouped_by_document_kind_and_layouts_tabled() -> None:
    truth = with_layouts(TRUTH)
    export = perfect_export(truth)
    by_name(export, "1040.pdf")["status"] = "FAILED"
    by_name(export, "bank.png")["borrowers"][1]["name"] = "Someone Else"
    text = format_report(evaluate(truth, export))
    misses = text[text.index("Misses by document kind") :].splitlines()
    assert misses[1:] == [
        "bank_statement (1 of 1 document(s))",
        "  bank.png (scanned)",
        "    wrong borrower ('James Whitfield'): name 'James Whitfield' != 'Someone Else'",
        "form_1040 (1 of 1 document(s))",
        "  1040.pdf (text, FAILED)",
        "    document status FAILED: no error message",
    ]
    kinds = text[text.index("By document kind") : text.index("By layout")].splitlines()
    w2_row = next(line for line in kinds if line.startswith("w2 "))
    assert w2_row.split("|")[0].split() == ["w2", "text", "1", "1/1"]
    assert w2_row.split("|")[-1].split() == ["1.000", "1.000", "1.000", "2", "0", "0"]
    layout_rows = text[text.index("By layout") :].splitlines()
    credit_union = next(line for line in layout_rows if line.startswith("bank_statement/"))
    assert credit_union.split() == [
        "bank_statement/credit_union", "1", "0", "1", "1/1", "|",
        "0.667", "0.667", "0.667", "2", "1", "1",
    ]  # fmt: skip
    assert "(1 document(s) name no layout)" in text
    assert "By layout" not in format_report(evaluate(TRUTH, perfect_export(TRUTH)))


def test_load_truth_reads_the_corpus_folder(tmp_path: Path) -> None:
    (tmp_path / "truth.json").write_text(json.dumps(TRUTH))
    assert load_truth(tmp_path) == TRUTH
    assert load_truth(tmp_path / "truth.json") == TRUTH
    (tmp_path / "truth.json").write_text("[]")
    with pytest.raises(ValueError):
        load_truth(tmp_path)


def test_real_corpus_truth_scores_perfectly_against_itself() -> None:
    real = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
    require((real / "truth.json").exists(), f"the shared corpus at {real}")
    truth = load_truth(real)
    report = evaluate(truth, perfect_export(truth))
    assert report.counts("income").f1 == 1.0
    assert report.doc_type_accuracy() == (len(truth), len(truth))


def test_second_real_corpus_truth_scores_perfectly_against_itself() -> None:
    real2 = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real2"
    require((real2 / "truth.json").exists(), f"the shared corpus at {real2}")
    truth = load_truth(real2)
    report = evaluate(truth, perfect_export(truth))
    assert report.pooled() == Counts(tp=report.pooled().tp)
    assert set(report.doc_types()) >= {"paystub", "bank_statement", "voe", "packet"}
