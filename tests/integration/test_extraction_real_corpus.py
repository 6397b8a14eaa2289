"""The real third-party samples through ``pipeline.text`` and ``extract_document``, compared
with ``../shared/corpus/real/truth.json``: type, name, SSN last four, amount, year, employer."""

from __future__ import annotations

import json
import shutil
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

CORPUS = Path(__file__).resolve().parents[2] / "../shared/corpus/real"
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
