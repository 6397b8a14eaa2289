"""The real third-party samples, compared with their ``truth.json``.

``../shared/corpus/real`` goes through ``pipeline.text`` and ``extract_document`` and must match
exactly: type, name, SSN last four, amount, year, employer. ``../shared/corpus/real2`` is harder
and goes through ``pipeline eval`` (the whole embedded pipeline), gated by aggregate targets
until every file passes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.domain.model import normalize_name
from pipeline.domain.pages import Page
from pipeline.extraction import extract_document
from pipeline.text import TextLimits, open_document
from pipeline.text.detect import MAGIC_BYTES, detect_file_type
from tests.support.services import require

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "../shared/corpus/real"
REAL2 = ROOT / "../shared/corpus/real2"
LIMITS = TextLimits(max_pages=20, max_image_pixels=150_000_000, ocr_timeout_seconds=120)


def _truth() -> dict[str, dict[str, Any]]:
    path = CORPUS / "truth.json"
    if not path.exists():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(path.read_text())
    return data


TRUTH = _truth()


def _pages(path: Path) -> list[Page]:
    with path.open("rb") as fh:
        file_type = detect_file_type(fh.read(MAGIC_BYTES))
    with open_document(path, file_type, LIMITS) as doc:
        return [doc.text_layer(n) or doc.ocr(n) for n in range(1, doc.page_count + 1)]


@pytest.mark.parametrize("filename", sorted(TRUTH) or ["truth.json"])
def test_real_sample_matches_truth(filename: str) -> None:
    require(bool(TRUTH), f"the real corpus at {CORPUS}")
    expected = TRUTH[filename]
    if expected["scanned"]:
        require(shutil.which("tesseract") is not None, "tesseract")
    results = extract_document(_pages(CORPUS / filename))
    assert [r.doc_type for r in results] == [expected["doc_type"]]
    [result] = results

    names = {normalize_name(b.name): b for b in result.borrowers}
    for person in expected["borrowers"]:
        found = names.get(normalize_name(person["name"]))
        assert found is not None, f"{filename}: {person['name']} not in {list(names)}"
        last4 = found.ssn[-4:] if found.ssn else found.ssn_last4
        assert last4 == person["ssn_last4"]
        if person["address"] is not None:
            assert found.address is not None
            assert found.address.zip == person["address"]["zip"]
            assert normalize_name(found.address.city) == normalize_name(person["address"]["city"])

    incomes = [
        (i.amount, i.period, i.year, i.source_type, normalize_name(i.employer or ""))
        for i in result.incomes
    ]
    assert incomes == [
        (
            Decimal(r["amount"]),
            r["period"],
            r["year"],
            r["source_type"],
            normalize_name(r["employer"] or ""),
        )
        for r in expected["income_records"]
    ]
    for income in result.incomes:
        borrower = next(b for b in result.borrowers if b.key == income.borrower_key)
        assert normalize_name(borrower.name) == normalize_name(
            expected["income_records"][0]["borrower"]
        )
        assert income.evidence.page_number == 1
        assert income.evidence.bbox is not None
        assert 0 < income.confidence <= 1
    assert len(result.accounts) == len(expected["account_numbers"])


# --- pipeline eval ------------------------------------------------------------------------------

# The later kinds (URLA, 1099-DIV/-MISC, a multi-form packet): in the gate, and every record of
# theirs must be found, the packet's pages typed right.
REAL2_EVERY_RECORD = (
    "aws_1003_1.pdf",
    "google_1099_div_1.pdf",
    "google_1099_misc_1.pdf",
    "google_packet_1.pdf",
)
# The extraction team's targets on real2. Precision is held higher than recall: a wrong figure
# in a loan file is worse than a missing one.
OVERALL_F1 = 0.90
KIND_PRECISION = 0.97
KIND_F1 = 0.80
DOC_TYPE_F1 = 0.80


def _eval(corpus: Path, *args: str, cwd: Path) -> dict[str, Any]:
    """``pipeline eval CORPUS --json ...`` in a subprocess, as a developer runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "eval", str(corpus), "--json", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, f"pipeline eval -> {proc.returncode}\n{proc.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _figures(report: dict[str, Any]) -> str:
    """The figures a failing gate is judged by, then each imperfect document's misses."""

    def row(name: str, c: dict[str, Any], extra: str = "") -> str:
        return (
            f"  {name:<16} P {_fmt(c['precision'])}  R {_fmt(c['recall'])}  F1 {_fmt(c['f1'])}"
            f"  TP {c['tp']:>3} FP {c['fp']:>3} FN {c['fn']:>3}{extra}"
        )

    lines = ["record kinds (all documents):"]
    lines += [
        row(kind, report["metrics"]["all"][kind]) for kind in ("borrower", "income", "account")
    ]
    lines.append(row("overall", report["overall"]["all"]))
    lines.append("document kinds (record kinds pooled):")
    for doc_type, splits in report["by_doc_type"].items():
        tally = splits["all"]
        typed = f"{tally['doc_type']['correct']}/{tally['documents']}"
        lines.append(row(doc_type, tally["pooled"], f"  docs {tally['documents']}, typed {typed}"))
    lines.append("misses:")
    for doc in report["documents"]:
        if doc["mismatches"]:
            lines.append(f"  {doc['filename']} ({doc['expected_doc_type']})")
            lines += [f"    {m}" for m in doc["mismatches"]]
    return "\n".join(lines)


def _gate_failures(report: dict[str, Any]) -> list[str]:
    failures = []
    overall = report["overall"]["all"]["f1"]
    if overall is None or overall < OVERALL_F1:
        failures.append(f"overall F1 {_fmt(overall)} < {OVERALL_F1}")
    for kind in ("borrower", "income", "account"):
        counts = report["metrics"]["all"][kind]
        if counts["precision"] is not None and counts["precision"] < KIND_PRECISION:
            failures.append(f"{kind} precision {_fmt(counts['precision'])} < {KIND_PRECISION}")
        if counts["f1"] is not None and counts["f1"] < KIND_F1:
            failures.append(f"{kind} F1 {_fmt(counts['f1'])} < {KIND_F1}")
    for doc_type, splits in report["by_doc_type"].items():
        f1 = splits["all"]["pooled"]["f1"]
        if f1 is not None and f1 < DOC_TYPE_F1:
            failures.append(f"{doc_type} F1 {_fmt(f1)} < {DOC_TYPE_F1}")
    return failures


def test_real2_meets_the_aggregate_targets(tmp_path: Path) -> None:
    """Overall F1 >= 0.90; per record kind precision >= 0.97 and F1 >= 0.80; per document kind
    F1 >= 0.80, on all of real2; the URLA, the 1099-DIV and -MISC and the packet exactly."""
    require((REAL2 / "truth.json").is_file(), f"the second real corpus at {REAL2}")
    require(shutil.which("tesseract") is not None, "tesseract")
    report = _eval(REAL2, cwd=tmp_path)
    assert not report["excluded"]
    failures = _gate_failures(report)
    by_name = {doc["filename"]: doc for doc in report["documents"]}
    for name in REAL2_EVERY_RECORD:
        doc = by_name[name]
        if doc["mismatches"] or doc["found_doc_type"] != doc["expected_doc_type"]:
            failures.append(f"{name} not exact")
    packet = report["packets"]["all"]
    if packet["pages"]["fn"]:
        failures.append(f"{packet['pages']['fn']} packet page(s) typed wrong")
    assert not failures, "real2 below target: " + "; ".join(failures) + "\n" + _figures(report)


def test_eval_workspace_rescores_without_ocr_and_equals_a_fresh_run(tmp_path: Path) -> None:
    """A second ``eval --workspace`` run reprocesses every stored file, reads no page by OCR
    again and scores exactly what the first (fresh) run scored."""
    require(bool(TRUTH), f"the real corpus at {CORPUS}")
    require(shutil.which("tesseract") is not None, "tesseract")
    workspace = tmp_path / "workspace"
    first = _eval(CORPUS, "--workspace", str(workspace), cwd=tmp_path)
    second = _eval(CORPUS, "--workspace", str(workspace), cwd=tmp_path)

    assert first["run"]["reprocessed"] == 0
    assert first["run"]["ocr_pages_read"] >= sum(t["scanned"] for t in TRUTH.values())
    assert second["run"]["reprocessed"] == len(TRUTH)
    assert second["run"]["ocr_pages_read"] == 0
    assert second["run"]["ocr_pages_reused"] == first["run"]["ocr_pages_read"]
    for key in ("metrics", "overall", "by_doc_type", "documents"):
        assert second[key] == first[key], key
