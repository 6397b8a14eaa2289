"""Schedules C and E: generated returns through their text PDF, pages and ``extract_document``;
hand-built pages for the arithmetic guard, losses and who a schedule belongs to.

Only tuning-band seeds appear here (see ``pipeline.samples.randomized``).
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.domain.extracted import ExtractionResult
from pipeline.domain.model import normalize_name
from pipeline.domain.pages import Page, TextMethod
from pipeline.evaluation import normalize_employer
from pipeline.extraction import classify_page, extract_document
from pipeline.extraction.form1040 import extract_1040, is_schedule_page
from pipeline.extraction.layout import Layout
from pipeline.extraction.schedules import parse_amount
from pipeline.samples.randomized import form_1040
from pipeline.samples.randomized.blocks import Drawn
from pipeline.samples.truth import TruthIncome
from pipeline.text import TextLimits
from tests.support import docs

LIMITS = TextLimits(max_pages=20, max_image_pixels=50_000_000, ocr_timeout_seconds=30)
SCHEDULE_TYPES = ("schedule_c", "schedule_e")


def drawn(family: str, key: str) -> Drawn:
    for attempt in range(8):
        doc = form_1040.build_with_schedules(random.Random(f"test:{key}:{attempt}"), family)
        if not doc.defects:
            return doc
    raise AssertionError(f"{family} {key}: no clean drawing")


def read(tmp_path: Path, doc: Drawn) -> list[ExtractionResult]:
    return extract_document(docs.text_layer_pages(doc.pdf))


def incomes(results: list[ExtractionResult]) -> list[tuple[str, Decimal, int | None, str, str]]:
    """(source type, amount, year, borrower, employer) of every income found."""
    out = []
    for result in results:
        names = {b.key: b.name for b in result.borrowers}
        for i in result.incomes:
            out.append(
                (
                    i.source_type,
                    i.amount,
                    i.year,
                    normalize_name(names.get(i.borrower_key or "", "")),
                    normalize_employer(i.employer),
                )
            )
    return out


def expected(truth: TruthIncome) -> tuple[str, Decimal, int | None, str, str]:
    return (
        truth.source_type,
        truth.amount,
        truth.year,
        normalize_name(truth.borrower),
        normalize_employer(truth.employer),
    )


def schedule_truth(doc: Drawn) -> list[TruthIncome]:
    return [t for t in doc.truth.income_records if t.source_type in SCHEDULE_TYPES]


# --- generated returns -------------------------------------------------------------------------


@pytest.mark.parametrize("family", form_1040.SCHEDULE_FAMILIES)
@pytest.mark.parametrize("key", ["a", "b", "c", "d"])
def test_generated_schedules_give_their_incomes(tmp_path: Path, family: str, key: str) -> None:
    doc = drawn(family, key)
    found = incomes(read(tmp_path, doc))
    for truth in schedule_truth(doc):
        assert expected(truth) in found, (doc.truth.notes, found)
    assert len([f for f in found if f[0] in SCHEDULE_TYPES]) == len(schedule_truth(doc))


def test_schedule_pages_join_the_return_they_follow(tmp_path: Path) -> None:
    doc = drawn("form_1040_schedules/irs", "join")
    results = read(tmp_path, doc)
    assert [r.doc_type for r in results] == ["form_1040"]
    [result] = results
    assert result.pages == tuple(range(1, doc.pages + 1))
    kinds = sorted(i.source_type for i in result.incomes)
    assert kinds == sorted(t.source_type for t in doc.truth.income_records)
    # one borrower per person: the schedules' owners are the return's taxpayers
    assert len(result.borrowers) == len(doc.truth.borrowers)


def _first(family: str, wanted: str, test: object) -> Drawn:
    """The first tuning draw of ``family`` whose schedule incomes satisfy ``test``."""
    for n in range(200):
        doc = drawn(family, f"{wanted}-{n}")
        if any(test(t) for t in schedule_truth(doc)):  # type: ignore[operator]
            return doc
    raise AssertionError(f"no {wanted} drawn")


@pytest.mark.parametrize("family", form_1040.SCHEDULE_FAMILIES)
def test_losses_keep_their_sign(tmp_path: Path, family: str) -> None:
    doc = _first(family, "loss", lambda t: t.amount < 0)
    found = incomes(read(tmp_path, doc))
    losses = [expected(t) for t in schedule_truth(doc) if t.amount < 0]
    assert losses and all(loss in found for loss in losses), (doc.truth.notes, found)


def test_a_blank_business_name_gives_no_employer(tmp_path: Path) -> None:
    doc = _first(
        "form_1040_schedules/irs",
        "blank",
        lambda t: t.source_type == "schedule_c" and t.employer is None,
    )
    results = read(tmp_path, doc)
    blank = [t for t in schedule_truth(doc) if t.source_type == "schedule_c" and not t.employer]
    found = [i for r in results for i in r.incomes if i.source_type == "schedule_c"]
    for truth in blank:
        match = [i for i in found if i.amount == truth.amount]
        assert match and match[0].employer is None


def test_a_schedule_on_its_own_names_its_people(tmp_path: Path) -> None:
    doc = _first(
        "form_1040_schedules/schedule-only", "alone-c", lambda t: t.source_type == "schedule_c"
    )
    results = read(tmp_path, doc)
    assert [r.doc_type for r in results] == ["form_1040"]
    [truth] = schedule_truth(doc)
    assert incomes(results) == [expected(truth)]
    [borrower] = results[0].borrowers
    last4 = borrower.ssn[-4:] if borrower.ssn else borrower.ssn_last4
    assert last4 == doc.truth.borrowers[0].ssn_last4


def test_generator_keeps_the_existing_families_apart() -> None:
    assert not set(form_1040.SCHEDULE_FAMILIES) & set(form_1040.FAMILIES)
    with pytest.raises(ValueError):
        form_1040.build_with_schedules(random.Random(1), "form_1040/irs-modern")
    for family in form_1040.SCHEDULE_FAMILIES:
        doc = drawn(family, "truth")
        assert doc.truth.doc_type == "form_1040"
        assert schedule_truth(doc)
        if family.endswith("schedule-only"):
            assert len(doc.truth.income_records) == 1
        else:
            assert doc.truth.income_records[0].source_type == "form_1040"


# --- hand-built pages --------------------------------------------------------------------------


def text_page(lines: list[str], n: int = 1) -> Page:
    return Page(number=n, text="\n".join(lines), method=TextMethod.TEXT_LAYER)


def schedule_c(line_31: str, *, line_29: str = "75,000", business: str = "") -> Page:
    return text_page(
        [
            "SCHEDULE C  (Form 1040)   Profit or Loss From Business   2023",
            "Name of proprietor                       Social security number (SSN)",
            "JANE Q SAMPLE                            123-45-6789",
            "C  Business name. If no separate business name, leave blank.",
            f"   {business}" if business else "",
            "E  Business address (including suite or room no.)",
            "1  Gross receipts or sales . . . . . . . . . . . . . . . .  1      130,000",
            "7  Gross income. Add lines 5 and 6 . . . . . . . . . . . . .  7      120,000",
            "28  Total expenses before expenses for business use of home  28   45,000",
            f"29  Tentative profit or (loss). Subtract line 28 from line 7  29   {line_29}",
            "30  Expenses for business use of your home . . . . . . . . . . . .  30",
            f"31  Net profit or (loss). Subtract line 30 from line 29.  . . .  31   {line_31}",
            "Schedule C (Form 1040) 2023",
        ]
    )


def test_schedule_c_net_profit_checked_by_its_arithmetic() -> None:
    page = schedule_c("75,000", business="Sample Consulting LLC")
    assert classify_page(page) == "form_1040"
    assert is_schedule_page(Layout(page))
    result = extract_1040([Layout(page)])
    [income] = result.incomes
    assert (income.amount, income.source_type, income.year, income.period) == (
        Decimal("75000"),
        "schedule_c",
        2023,
        "annual",
    )
    assert income.employer == "Sample Consulting LLC"
    assert [b.name.upper() for b in result.borrowers] == ["JANE Q SAMPLE"]
    assert result.borrowers[0].ssn == "123456789"
    assert "holds" in result.fields["check_schedule_c"]
    assert income.evidence.section == "Schedule C line 31"


def test_a_misread_net_profit_is_dropped() -> None:
    # line 31 read 78,000 where lines 29 and 30 (and 7 and 28) say 75,000
    result = extract_1040([Layout(schedule_c("78,000"))])
    assert result.incomes == []
    assert result.fields["schedule_c_line_31"] == "78000.00"
    assert result.fields["check_schedule_c"].startswith("failed")


def test_every_check_must_hold() -> None:
    # line 29 misread (85,000): line 31 agrees with lines 7 and 28 but not with line 29
    result = extract_1040([Layout(schedule_c("75,000", line_29="85,000"))])
    assert result.incomes == []
    # both figures lost their parentheses alike: lines 7 and 28 say it is a loss
    lines = [
        "SCHEDULE C (Form 1040)   Profit or Loss From Business   2022",
        "Name of proprietor: JOHN DOE     SSN: XXX-XX-4321",
        "7  Gross income  7   50,000",
        "28  Total expenses  28   62,500",
        "29  Tentative profit or (loss)  29   {}",
        "31  Net profit or (loss)  31   {}",
    ]
    lost = text_page([line.format("12,500") for line in lines])
    assert extract_1040([Layout(lost)]).incomes == []
    kept = text_page([line.format("(12,500)") for line in lines])
    result = extract_1040([Layout(kept)])
    [income] = result.incomes
    assert income.amount == Decimal("-12500")
    assert result.borrowers[0].ssn_last4 == "4321"


def test_a_figure_without_arithmetic_is_kept_less_sure() -> None:
    page = text_page(
        [
            "SCHEDULE C (Form 1040) 2022   Profit or Loss From Business",
            "Name of proprietor: JOHN DOE     SSN: XXX-XX-4321",
            "Net profit or (loss)     -8,250",
        ]
    )
    result = extract_1040([Layout(page)])
    [income] = result.incomes
    assert income.amount == Decimal("-8250")
    assert income.confidence < 0.9
    assert "check_schedule_c" not in result.fields


def test_amounts_keep_their_sign() -> None:
    assert parse_amount("(1,234)") == Decimal("-1234")
    assert parse_amount("-1,234") == Decimal("-1234")
    assert parse_amount("1,234)") == Decimal("-1234")  # OCR lost the opening parenthesis
    assert parse_amount("1,234") == Decimal("1234")
    assert parse_amount("| 34") is None  # a box number beside a rule, not 1.34


RETURN_PAGE = [
    "Form 1040 Department of the Treasury  U.S. Individual Income Tax Return  2022",
    "Filing Status  Single  X Married filing jointly  Head of household",
    "Your first name and middle initial  Last name            Your social security number",
    "John A             Doe                                   111-22-3333",
    "If joint return, spouse's first name and middle initial  Spouse's social security number",
    "Mary               Doe                                   444-55-6666",
    "1z  Add lines 1a through 1h                               1z  90,000",
    "9  Add lines 1z, 2b. This is your total income            9  120,000",
]


def schedule_e(line_26: str, *, line_25: str = "4,000", names: str = "JOHN A & MARY DOE") -> Page:
    return text_page(
        [
            "SCHEDULE E (Form 1040)   Supplemental Income and Loss   2022",
            "Name(s) shown on return                    Your social security number",
            f"{names}                          111-22-3333",
            "3   Rents received   3   24,000   18,000",
            "20  Total expenses. Add lines 5 through 19   20   14,000   22,000",
            "21  Subtract line 20 from line 3   21   10,000   (4,000)",
            "23a  Total of all amounts reported on line 3 for all rental properties  23a  42,000",
            "  e  Total of all amounts reported on line 20 for all properties  23e  36,000",
            "24  Income. Add positive amounts shown on line 21. Do not include any losses  24  "
            "10,000",
            "25  Losses. Add royalty losses from line 21 and rental real estate losses  25 "
            f"( {line_25} )",
            f"26  Total rental real estate and royalty income or (loss)  26  {line_26}",
        ],
        n=2,
    )


def test_schedule_e_after_a_return_is_the_taxpayers() -> None:
    results = extract_document([text_page(RETURN_PAGE), schedule_e("6,000")])
    assert [r.doc_type for r in results] == ["form_1040"]
    [result] = results
    names = {b.key: normalize_name(b.name) for b in result.borrowers}
    found = {i.source_type: (i.amount, names[i.borrower_key or ""]) for i in result.incomes}
    assert found == {
        "form_1040": (Decimal("90000"), "john a doe"),
        "schedule_e": (Decimal("6000"), "john a doe"),
    }
    assert len(result.borrowers) == 2
    assert "line 26 = line 24 + line 25: holds" in result.fields["check_schedule_e"]


def test_schedule_e_line_25_is_a_loss_and_guards_line_26() -> None:
    # 10,000 of income and 4,000 of losses: 26,000 or 14,000 cannot be line 26
    for wrong in ("26,000", "14,000"):
        result = extract_1040([Layout(text_page(RETURN_PAGE)), Layout(schedule_e(wrong))])
        assert [i.source_type for i in result.incomes] == ["form_1040"]
        assert result.fields["check_schedule_e"].startswith("failed")


def test_schedule_c_of_the_spouse_is_the_spouses() -> None:
    page = schedule_c("75,000").text.replace("JANE Q SAMPLE", "MARY DOE")
    result = extract_1040([Layout(text_page(RETURN_PAGE)), Layout(text_page(page.split("\n"), 2))])
    names = {b.key: normalize_name(b.name) for b in result.borrowers}
    owners = {i.source_type: names[i.borrower_key or ""] for i in result.incomes}
    assert owners == {"form_1040": "john a doe", "schedule_c": "mary doe"}


def test_schedule_c_naming_neither_spouse_gives_no_income() -> None:
    page = schedule_c("75,000").text.replace("JANE Q SAMPLE", "PETER PARKER")
    result = extract_1040([Layout(text_page(RETURN_PAGE)), Layout(text_page(page.split("\n"), 2))])
    assert [i.source_type for i in result.incomes] == ["form_1040"]
    assert "schedule_c_owner" in result.fields


def test_return_pages_mentioning_schedules_are_not_schedules() -> None:
    page = text_page(
        [
            *RETURN_PAGE,
            "8  Other income from Schedule 1, line 10  8   30,000",
            "Attach Sch. B if required. Business income or (loss). Attach Schedule C",
        ]
    )
    assert not is_schedule_page(Layout(page))
    result = extract_1040([Layout(page)])
    assert [i.source_type for i in result.incomes] == ["form_1040"]


def test_another_lines_caption_is_not_the_result() -> None:
    # line 31 left blank; a worksheet's line 2 quotes its wording: not line 31's figure
    page = text_page(
        [
            "SCHEDULE C (Form 1040) 2022   Profit or Loss From Business",
            "Name of proprietor: JOHN DOE     SSN: XXX-XX-4321",
            "31  Net profit or (loss). Subtract line 30 from line 29.  . . . . .  31",
            "Self-employment tax worksheet",
            "2  Net profit or (loss) from Schedule C, line 31  . . . . . . . .  2   18,500",
        ]
    )
    result = extract_1040([Layout(page)])
    assert result.incomes == []
    assert "schedule_c_line_31" not in result.fields


def test_a_schedule_naming_someone_else_is_not_the_taxpayers() -> None:
    single = [
        line.replace("X Married filing jointly", "Married filing jointly") for line in RETURN_PAGE
    ]
    single = [line for line in single if "spouse" not in line.lower() and "Mary" not in line]
    for name, owner in (
        ("JOHN DOE", "john a doe"),
        ("J0HN A D0E", "john a doe"),
        ("PETER PARKER", None),
    ):
        page = schedule_c("75,000").text.replace("JANE Q SAMPLE", name)
        result = extract_1040([Layout(text_page(single)), Layout(text_page(page.split("\n"), 2))])
        names = {b.key: normalize_name(b.name) for b in result.borrowers}
        found = [
            names[i.borrower_key or ""] for i in result.incomes if i.source_type == "schedule_c"
        ]
        assert found == ([owner] if owner else []), name


def test_a_return_summary_listing_its_schedules_is_the_returns_page() -> None:
    summary = text_page(
        [
            "2022 Federal Tax Return Summary",
            "Taxpayer: JOHN A DOE    SSN: 111-22-3333",
            "Filing status: Single",
            "Schedule C (Form 1040) - Profit or Loss From Business   45,210",
            "Schedule E (Form 1040) - Supplemental Income and Loss   12,000",
            "Total income: 147,210",
        ]
    )
    assert not is_schedule_page(Layout(summary))
    result = extract_1040([Layout(summary)])
    assert [normalize_name(b.name) for b in result.borrowers] == ["john a doe"]
    assert result.incomes == []
