"""The wild and bazaar generators (vendor-style layouts written apart from the extraction, by
different authors): determinism, every layout drawn, and that the labelled figures and people
are really printed on the page the truth names.

Only tuning-band seeds (1-999) appear here.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from pipeline.cli import samples as samples_command
from pipeline.domain.model import normalize_name
from pipeline.samples.wild import KINDS, build_document, layout_for
from pipeline.samples.wild.document import WildDocument

SEED = 5


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _figures(text: str) -> set[Decimal]:
    """Every money-shaped figure printed on a page ("$1,234.56", "1234.56", "84,512.")."""
    out = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d{1,2})?", text):
        try:
            out.add(Decimal(m.group(0).replace(",", "").rstrip(".")))
        except ArithmeticError:
            continue
    return out


GENERATORS = ("wild", "bazaar")


def _documents(kind: str, generator: str) -> list[tuple[str, WildDocument]]:
    # one cycle of the kind's layouts: every layout once
    count = len({layout_for(SEED, kind, i, generator=generator) for i in range(40)})
    return [build_document(SEED, kind, i, generator=generator)[::-1] for i in range(count)]


@pytest.mark.parametrize("generator", GENERATORS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_layout_is_drawn_deterministically(kind: str, generator: str) -> None:
    documents = _documents(kind, generator)
    layouts = [layout for layout, _ in documents]
    assert len(layouts) == len(set(layouts)) >= 4
    again = build_document(SEED, kind, 0, generator=generator)[0]
    assert again.pdf == documents[0][1].pdf


@pytest.mark.parametrize("generator", GENERATORS)
@pytest.mark.parametrize("kind", KINDS)
def test_labels_are_printed_on_their_pages(kind: str, generator: str) -> None:
    for layout, doc in _documents(kind, generator):
        pages = _pages(doc.pdf)
        assert doc.doc_type == kind, layout
        text = normalize_name(" ".join(pages))
        for borrower in doc.borrowers:
            for word in normalize_name(borrower["name"]).split():
                assert word in text, (layout, borrower["name"])
            if borrower["ssn_last4"]:
                assert borrower["ssn_last4"] in text, layout
        for income in doc.income_records:
            page = pages[income["page"] - 1]
            amount = Decimal(income["amount"])
            if income["source_type"] == "voe":
                # a VOE's base pay is annualised from the printed rate
                multiples = {amount / n for n in (1, 12, 24, 26, 52)}
                assert multiples & _figures(" ".join(pages)) or any(
                    (amount / 52 / h) in _figures(" ".join(pages)) for h in range(10, 61)
                ), (layout, income)
            else:
                assert amount in _figures(page), (layout, income)
        for account in doc.account_numbers:
            assert account["last4"] in pages[account["page"] - 1], (layout, account)


@pytest.mark.parametrize("generator", GENERATORS)
def test_cli_writes_a_corpus(tmp_path: Path, generator: str) -> None:
    result = CliRunner().invoke(
        samples_command,
        [str(tmp_path), "--corpus", "--generator", generator, "--seed", "3", "--per-type", "1"],
    )
    assert result.exit_code == 0, result.output
    truth = json.loads((tmp_path / "truth.json").read_text())
    assert sorted(entry["doc_type"] for entry in truth.values()) == sorted(KINDS)
    assert all(entry["generator"] == generator for entry in truth.values())
    assert {path.name for path in tmp_path.iterdir()} == {*truth, "truth.json"}
