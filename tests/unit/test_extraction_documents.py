"""Classification, packet splitting, borrower matching and PII in results."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from pipeline.domain.model import Address, Borrower
from pipeline.domain.pages import Page, TextMethod
from pipeline.extraction import EXTRACTOR_VERSION, classify_page, extract_document
from pipeline.extraction.matching import match_borrower, merge_borrower
from tests.unit.test_extraction_statements import EARNINGS, STATEMENT


def text_page(
    lines: tuple[str, ...] | list[str], n: int, method: TextMethod = TextMethod.TEXT_LAYER
) -> Page:
    return Page(number=n, text="\n".join(lines), method=method)


W2_SUMMARY = (
    "Harborlight Software Corp  2022 W-2 and Earnings Summary",
    "Employee Reference Copy - Form W-2 Wage and Tax Statement",
    "EMPLOYEE                   EMPLOYER",
    "HANNAH KOWALSKI            Harborlight Software Corp",
    "9545 Sunset Terrace        3144 Harbor View Drive",
    "Fairview, OR 97099         Madison, WI 53724",
    "Employee SSN: 925-26-5081  Employer EIN: 56-5740903",
    "Box 1  Wages, tips, other comp.  116,957.30",
    "Box 3  Social security wages  121,830.52",
)
CONTINUATION = (
    "Cedar Valley Credit Union - Account ending 7103 - continued",
    "Date  Description  Withdrawals  Deposits  Balance",
    "11/28  POS PURCHASE HOME SUPPLY  77.47  25,345.49",
    "Ending balance on Nov 30, 2024: $26,218.27",
)


def test_classify_each_type_and_unknown() -> None:
    assert classify_page(text_page(W2_SUMMARY, 1)) == "w2"
    assert classify_page(text_page(EARNINGS, 1)) == "paystub"
    assert classify_page(text_page(STATEMENT, 1)) == "bank_statement"
    assert (
        classify_page(text_page(["Dear friend,", "thanks for the lovely dinner."], 1)) == "unknown"
    )
    assert classify_page(Page(number=1, text="", method=TextMethod.OCR)) == "unknown"


def test_packet_is_split_into_documents_and_continuations_stay() -> None:
    pages = [
        text_page(W2_SUMMARY, 1),
        text_page(STATEMENT, 2),
        text_page(CONTINUATION, 3),
        text_page(["Dear friend,", "thanks for the lovely dinner."], 4),
        text_page(EARNINGS, 5),
        text_page(EARNINGS, 6),  # a second stub starts a new document
    ]
    results = extract_document(pages)
    assert [(r.doc_type, r.fields["pages"]) for r in results] == [
        ("w2", "1"),
        ("bank_statement", "2,3"),
        ("unknown", "4"),
        ("paystub", "5"),
        ("paystub", "6"),
    ]
    assert all(r.extractor_version == EXTRACTOR_VERSION for r in results)
    unknown = results[2]
    assert (unknown.borrowers, unknown.incomes, unknown.accounts) == ([], [], [])
    assert results[0].incomes[0].amount == Decimal("116957.30")
    assert results[1].accounts[0].evidence.page_number == 2


def _strings(obj: Any, skip: set[str]) -> list[str]:
    if is_dataclass(obj) and not isinstance(obj, type):
        out: list[str] = []
        for f in fields(obj):
            if f.name not in skip:
                out.extend(_strings(getattr(obj, f.name), skip))
        return out
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in [str(k), *_strings(v, skip)]]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _strings(v, skip)]
    return [str(obj)]


def test_no_full_ssn_or_account_number_outside_their_fields() -> None:
    pages = [text_page(W2_SUMMARY, 1)]
    statement = list(STATEMENT)
    statement[2] = "PRIYA RAMAN             Member Number  4417 1234 5678 7103"
    pages.append(text_page(statement, 2))
    results = extract_document(pages)
    assert results[0].borrowers[0].ssn == "925265081"
    assert re.sub(r"\D", "", results[1].accounts[0].number) == "4417123456787103"
    for result in results:
        text = " ".join(_strings(result, skip={"ssn", "number"}))
        assert "925265081" not in re.sub(r"[\s-]", "", text)
        assert "44171234" not in re.sub(r"\s", "", text)
        assert "925-26-5081" not in repr(result)


def person(name: str, **kw: Any) -> Borrower:
    return Borrower(name=name, **kw)


ADDR = Address(street="42 Elm St.", city="Springfield", state="IL", zip="62704")


def test_match_by_ssn_hash_even_with_another_name() -> None:
    stored = person("Jane Public", ssn_hash="h1")
    assert match_borrower(person("JANE Q. PUBLIC", ssn_hash="h1"), [stored]) is stored


def test_same_ssn_under_an_unrelated_name_is_not_merged() -> None:
    stored = person("Gemanna Gomez", ssn_hash="h1", address=ADDR)
    assert match_borrower(person("Stanley Johnson", ssn_hash="h1"), [stored]) is None
    assert match_borrower(person("GOMEZ, GEMANNA", ssn_hash="h1"), [stored]) is stored


def test_same_name_different_ssn_never_matches() -> None:
    stored = person("John Smith", ssn_hash="h1", address=ADDR)
    assert match_borrower(person("John Smith", ssn_hash="h2", address=ADDR), [stored]) is None


def test_name_needs_address_or_employer() -> None:
    stored = person("José Ramírez", address=ADDR, employer="Acme, Inc.")
    same_address = Address(street="42 ELM ST", city="springfield", state="il", zip="62704-1111")
    assert match_borrower(person("Jose Ramirez", address=same_address), [stored]) is stored
    assert match_borrower(person("Jose Ramirez", employer="ACME INC"), [stored]) is stored
    assert match_borrower(person("Jose Ramirez"), [stored]) is None
    assert match_borrower(person("Jose Ramirez", employer="Other Co"), [stored]) is None


def test_merge_fills_gaps_without_overwriting() -> None:
    stored = person("Jane Public", employer="Acme")
    merge_borrower(
        stored,
        person("Jane Public", ssn_hash="h1", ssn_last4="6789", address=ADDR, employer="Other"),
    )
    assert (stored.ssn_hash, stored.ssn_last4, stored.address, stored.employer) == (
        "h1",
        "6789",
        ADDR,
        "Acme",
    )
