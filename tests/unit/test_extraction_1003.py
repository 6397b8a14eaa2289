"""The loan application (Form 1003 / URLA): generated documents through their text layer, and
hand-built pages for the layouts and traps one at a time."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.domain.model import normalize_name
from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.extraction import classify_page, extract_document
from pipeline.extraction.form1003 import extract_1003
from pipeline.extraction.layout import Layout
from pipeline.samples.randomized import form_1003
from pipeline.samples.randomized.blocks import Drawn
from pipeline.text import TextLimits
from tests.support import docs

CHAR = 0.007
ROW = 0.011
LIMITS = TextLimits(max_pages=20, max_image_pixels=50_000_000, ocr_timeout_seconds=30)


def cell(text: str, left: float, top: float, conf: float = 1.0) -> list[Word]:
    """Words of ``text`` laid out left to right from (left, top)."""
    words = []
    x = left
    for part in text.split():
        words.append(Word(part, x, top, len(part) * CHAR, ROW, confidence=conf))
        x += (len(part) + 1) * CHAR
    return words


def page(cells: list[list[Word]], n: int = 1, method: TextMethod = TextMethod.TEXT_LAYER) -> Page:
    words = [w for c in cells for w in c]
    return Page(number=n, text="\n".join(w.text for w in words), method=method, words=tuple(words))


# --- generated applications ---------------------------------------------------------------------


def _generated(seed: int, family: str) -> Drawn:
    """A clean drawing: a draw whose text collided is drawn again, as the corpus does."""
    for attempt in range(8):
        key = f"test-1003:{seed}:{family}" + (f":{attempt}" if attempt else "")
        drawn = form_1003.build(random.Random(key), family)
        if not drawn.defects:
            return drawn
    raise AssertionError(f"{family} seed {seed}: no clean drawing in 8 attempts")


def _text_pages(pdf: bytes, tmp_path: Path) -> list[Page]:
    return docs.text_layer_pages(pdf)


@pytest.mark.parametrize("family", form_1003.FAMILIES)
@pytest.mark.parametrize("seed", range(6))
def test_generated_application_gives_each_employments_monthly_base(
    family: str, seed: int, tmp_path: Path
) -> None:
    drawn = _generated(seed, family)
    results = extract_document(_text_pages(drawn.pdf, tmp_path))
    assert [r.doc_type for r in results] == ["form_1003"]
    [result] = results
    names = {b.key: b.name for b in result.borrowers}
    found = sorted(
        (
            normalize_name(names[i.borrower_key or ""]),
            i.amount,
            i.period,
            i.year,
            i.source_type,
            normalize_name(i.employer or ""),
        )
        for i in result.incomes
    )
    expected = sorted(
        (
            normalize_name(r.borrower),
            r.amount,
            r.period,
            r.year,
            r.source_type,
            normalize_name(r.employer or ""),
        )
        for r in drawn.truth.income_records
    )
    assert found == expected
    by_name = {normalize_name(b.name): b for b in result.borrowers}
    for person in drawn.truth.borrowers:
        borrower = by_name[normalize_name(person.name)]
        last4 = borrower.ssn[-4:] if borrower.ssn else borrower.ssn_last4
        assert last4 == person.ssn_last4 or person.ssn_last4 is None
        if person.address is not None:
            assert borrower.address is not None
            assert borrower.address.zip == person.address.zip


def test_generated_truth_has_no_year_without_a_signature_date() -> None:
    seen = set()
    for seed in range(40):
        drawn = _generated(seed, "form_1003/urla-2021")
        for record in drawn.truth.income_records:
            signed = "signed " in " ".join(drawn.truth.notes)
            assert (record.year is not None) == signed
            seen.add(record.year is None)
    assert seen == {True, False}


# --- the current URLA, hand-built ----------------------------------------------------------------


def urla_cells(
    *,
    base: str | None = "4,250.00",
    bonus: str = "900.00",
    total: str = "0.00/month",
    business_income: str = "4,250.00",
    heading: str = "1b. Current Employment/Self-Employment and Income",
    extra_base: str | None = None,
) -> list[list[Word]]:
    """Section 1a/1b of a current URLA, values beside their labels as a browser fills it."""
    cells = [
        cell("Uniform Residential Loan Application", 0.06, 0.05),
        cell("1a. Personal Information", 0.06, 0.10),
        cell("Name (First, Middle, Last, Suffix)", 0.06, 0.12),
        cell("Social Security Number 941 \u2013 27 \u2013 3318", 0.55, 0.12),
        cell("Priya N Castellane", 0.06, 0.135),
        cell("Date of Birth (mm/dd/yyyy) 04 / 19 / 1981", 0.55, 0.15),
        cell("Current Address", 0.06, 0.20),
        cell("Street 77 Larkspur Court", 0.06, 0.215),
        cell("Unit #", 0.80, 0.215),
        cell("City Fort Wayne", 0.06, 0.23),
        cell("State IN ZIP 46802", 0.55, 0.23),
        cell("Country", 0.78, 0.23),
        cell("How Long at Current Address? 4 Years 1 Months", 0.06, 0.245),
        cell(heading, 0.06, 0.30),
        cell("Employer or Business Name Harrow & Vine Cartography LLC", 0.06, 0.32),
        cell("Gross Monthly Income", 0.74, 0.32),
        cell("Street 1400 Quarry Road", 0.06, 0.335),
        cell("Base $", 0.74, 0.335),
        cell("City Muncie", 0.06, 0.35),
        cell("State IN ZIP 47305", 0.35, 0.35),
        cell("Overtime $ /month", 0.74, 0.35),
        cell("Bonus $", 0.74, 0.365),
        cell(f"{bonus} /month", 0.86, 0.365),
        cell("Position or Title Survey Technician", 0.06, 0.38),
        cell("Commission $ /month", 0.74, 0.38),
        cell("Start Date 03 / 15 / 2016 (mm/dd/yyyy)", 0.06, 0.395),
        cell("Military", 0.74, 0.395),
        cell("Entitlements $ 1,800.00 /month", 0.74, 0.41),
        cell("Other $ /month", 0.74, 0.425),
        cell(
            "Check if you are the Business I have an ownership share of less than 25%.", 0.07, 0.44
        ),
        cell("Monthly Income (or Loss)", 0.57, 0.44),
        cell("Owner or Self-Employed", 0.07, 0.452),
        cell(f"$ {business_income}", 0.57, 0.452),
        cell("TOTAL $", 0.74, 0.452),
        cell(total, 0.87, 0.452),
        cell("Freddie Mac Form 65 • Fannie Mae Form 1003", 0.06, 0.95),
    ]
    if base is not None:
        cells.append(cell(f"{base} /month", 0.86, 0.335))
    if extra_base is not None:
        cells.append(cell(f"Base Income {extra_base}", 0.40, 0.41))
    return cells


def test_urla_base_is_the_employments_base_not_its_total_bonus_or_business_income() -> None:
    p = page(urla_cells())
    assert classify_page(p) == "form_1003"
    [result] = extract_document([p])
    assert result.doc_type == "form_1003"
    [income] = result.incomes
    assert (income.amount, income.period, income.year, income.source_type) == (
        Decimal("4250.00"),
        "monthly",
        None,
        "form_1003",
    )
    assert income.employer == "Harrow & Vine Cartography LLC"
    [borrower] = result.borrowers
    assert borrower.name == "Priya N Castellane"
    assert borrower.ssn == "941273318"
    assert borrower.address is not None
    assert (borrower.address.street, borrower.address.city, borrower.address.zip) == (
        "77 Larkspur Court",
        "Fort Wayne",
        "46802",
    )
    assert income.borrower_key == borrower.key
    assert result.fields["employment_1_position"] == "Survey Technician"
    assert result.fields["employment_1_start_date"] == "2016-03-15"
    assert result.fields["employment_1_bonus"] == "900.00"
    assert result.fields["employment_1_total"] == "0.00"
    # the date of birth is never kept
    assert not any("1981" in value for value in result.fields.values())


def test_urla_without_a_base_figure_gives_no_income() -> None:
    """A business owner who printed only the business's monthly income and a total."""
    result = extract_1003([Layout(page(urla_cells(base=None, total="4,250.00/month")))])
    assert result.incomes == []
    assert result.fields["employment_1_total"] == "4250.00"


def test_urla_previous_employment_gives_no_income() -> None:
    heading = "1d. IF APPLICABLE, Complete Information for Previous Employment/Self-Employment"
    result = extract_1003([Layout(page(urla_cells(heading=heading)))])
    assert result.incomes == []
    assert result.fields["employment_1_current"] == "no"


def test_urla_two_different_base_figures_in_one_employment_abstain() -> None:
    result = extract_1003([Layout(page(urla_cells(extra_base="3,975.00")))])
    assert result.incomes == []
    assert "abstained" in result.fields["employment_1_check_base"]


def test_urla_signature_date_gives_the_year_an_originators_alone_does_not() -> None:
    signed = [
        cell("Borrower Signature", 0.06, 0.60),
        cell("Date (mm/dd/yyyy) 08/30/2022", 0.60, 0.60),
    ]
    originator = [
        cell("Loan Originator Signature", 0.06, 0.70),
        cell("Date (mm/dd/yyyy) 09/02/2023", 0.60, 0.70),
    ]
    result = extract_1003([Layout(page(urla_cells() + signed + originator))])
    assert [i.year for i in result.incomes] == [2022]
    result = extract_1003([Layout(page(urla_cells() + originator))])
    assert [i.year for i in result.incomes] == [None]


# --- the pre-2021 1003, hand-built ---------------------------------------------------------------


def classic_cells(*, co_base: str = "3,120.50", total_base: str = "8,520.50") -> list[list[Word]]:
    """Sections III-V of the old form: Borrower and Co-Borrower side by side, boxed captions
    with their values under them, and the Gross Monthly Income table."""
    left, right = 0.05, 0.52
    return [
        cell("Uniform Residential Loan Application", 0.30, 0.03),
        cell("III. BORROWER INFORMATION", 0.05, 0.06),
        cell("Borrower", 0.22, 0.075),
        cell("Co-Borrower", 0.70, 0.075),
        cell("Borrower's Name (include Jr. or Sr. if applicable)", left, 0.09),
        cell("Co-Borrower's Name (include Jr. or Sr. if applicable)", right, 0.09),
        cell("OKONJO, TEODORA M", left + 0.01, 0.105),
        cell("Bram Okonjo", right + 0.01, 0.105),
        cell("Social Security Number", left, 0.125),
        cell("Home Phone", left + 0.22, 0.125),
        cell("Social Security Number", right, 0.125),
        cell("Home Phone", right + 0.22, 0.125),
        cell("XXX-XX-5120", left + 0.01, 0.14),
        cell("(555) 555-0101", left + 0.23, 0.14),
        cell("XXX-XX-8843", right + 0.01, 0.14),
        cell("(555) 555-0102", right + 0.23, 0.14),
        cell("Present Address (street, city, state, ZIP)", left, 0.16),
        cell("Present Address (street, city, state, ZIP)", right, 0.16),
        cell("5 Mill Pond Way", left + 0.01, 0.175),
        cell("5 Mill Pond Way", right + 0.01, 0.175),
        cell("Keene, NH 03431", left + 0.01, 0.19),
        cell("Keene, NH 03431", right + 0.01, 0.19),
        cell("IV. EMPLOYMENT INFORMATION", 0.05, 0.22),
        cell("Name & Address of Employer", left, 0.24),
        cell("Yrs. on this job", left + 0.30, 0.24),
        cell("Name & Address of Employer", right, 0.24),
        cell("Yrs. on this job", right + 0.30, 0.24),
        cell("Lantern Row Bakery Co.", left + 0.01, 0.255),
        cell("Monadnock Transit Authority", right + 0.01, 0.255),
        cell("9", left + 0.31, 0.27),
        cell("4", right + 0.31, 0.27),
        cell("Position/Title/Type of Business", left, 0.29),
        cell("Position/Title/Type of Business", right, 0.29),
        cell("Head Baker", left + 0.01, 0.305),
        cell("Dispatcher", right + 0.01, 0.305),
        cell("V. MONTHLY INCOME AND COMBINED HOUSING EXPENSE INFORMATION", 0.05, 0.34),
        cell("Gross Monthly Income", 0.05, 0.36),
        cell("Borrower", 0.30, 0.36),
        cell("Co-Borrower", 0.42, 0.36),
        cell("Total", 0.56, 0.36),
        cell("Combined Monthly Housing Expense", 0.66, 0.36),
        cell("Base Empl. Income*", 0.05, 0.375),
        cell("$ 5,400.00", 0.30, 0.375),
        cell(f"$ {co_base}", 0.42, 0.375),
        cell(f"$ {total_base}", 0.55, 0.375),
        cell("Rent", 0.66, 0.375),
        cell("$ 1,450.00", 0.84, 0.375),
        cell("Overtime", 0.05, 0.39),
        cell("310.00", 0.31, 0.39),
        cell("310.00", 0.56, 0.39),
        cell("Bonuses", 0.05, 0.405),
        cell("Total", 0.05, 0.42),
        cell("5,710.00", 0.30, 0.42),
        cell("Fannie Mae Form 1003 7/05", 0.70, 0.95),
    ]


def test_classic_table_gives_each_applicant_their_columns_base() -> None:
    p = page(classic_cells())
    assert classify_page(p) == "form_1003"
    result = extract_1003([Layout(p)])
    names = {b.key: b for b in result.borrowers}
    found = {
        (names[i.borrower_key or ""].name, i.amount, i.employer, i.period) for i in result.incomes
    }
    assert found == {
        ("TEODORA M OKONJO", Decimal("5400.00"), "Lantern Row Bakery Co.", "monthly"),
        ("Bram Okonjo", Decimal("3120.50"), "Monadnock Transit Authority", "monthly"),
    }
    last4 = {b.name: b.ssn_last4 for b in result.borrowers}
    assert last4 == {"TEODORA M OKONJO": "5120", "Bram Okonjo": "8843"}
    address = result.borrowers[0].address
    assert address is not None and (address.city, address.zip) == ("Keene", "03431")


def test_classic_borrowers_name_label_whose_first_word_ocr_lost() -> None:
    """ "Borrower's" read as "are": the rest of its label, left of the Co-Borrower's, still
    heads the Borrower's column."""
    cells = classic_cells()
    at = next(i for i, c in enumerate(cells) if c[0].text == "Borrower's" and c[1].text == "Name")
    cells[at] = cell("are Name (include Jr. or Sr. if applicable)", 0.05, 0.09)
    result = extract_1003([Layout(page(cells))])
    assert {b.name for b in result.borrowers} == {"TEODORA M OKONJO", "Bram Okonjo"}
    assert len(result.incomes) == 2


def test_classic_earlier_position_under_a_heading_ocr_garbled_is_not_current() -> None:
    """An earlier position of the Borrower's, under the heading "If employed in current
    position for less than two years" as OCR read it ("les$"), with no dates read to end it,
    is no second current job to share the table's base with (a tilted scan set the
    Co-Borrower's name label a hair above the Borrower's)."""
    cells = classic_cells()
    at = next(
        i for i, c in enumerate(cells) if c[0].text == "Co-Borrower's" and c[1].text == "Name"
    )
    cells[at] = cell("Co-Borrower's Name (include Jr. or Sr. if applicable)", 0.52, 0.0885)
    at = next(i for i, c in enumerate(cells) if c[0].text == "V.")
    cells[at:at] = [
        cell("If employed in current position for les$ than two years or if currently employed "
             "in more than one position, complete the following:", 0.05, 0.315),
        cell("Name & Address of Employer", 0.05, 0.325),
        cell("Dates (from - to)", 0.35, 0.325),
        cell("Harbor Freight Lines", 0.06, 0.333),
    ]  # fmt: skip
    result = extract_1003([Layout(page(cells, method=TextMethod.OCR))])
    names = {b.key: b.name for b in result.borrowers}
    found = {(names[i.borrower_key or ""], i.amount) for i in result.incomes}
    assert found == {
        ("TEODORA M OKONJO", Decimal("5400.00")),
        ("Bram Okonjo", Decimal("3120.50")),
    }


def test_classic_table_zero_base_gives_no_income() -> None:
    result = extract_1003([Layout(page(classic_cells(co_base="0.00", total_base="5,400.00")))])
    names = {b.key: b.name for b in result.borrowers}
    assert [names[i.borrower_key or ""] for i in result.incomes] == ["TEODORA M OKONJO"]


def test_classic_table_whose_columns_do_not_add_up_gives_no_income() -> None:
    """Borrower + Co-Borrower must make the Total: one of the three is misread."""
    result = extract_1003([Layout(page(classic_cells(total_base="8,250.50")))])
    assert result.incomes == []
    assert result.fields["check_income_table"].startswith("failed")


def test_a_verification_of_employment_is_not_an_application() -> None:
    p = page(
        [
            cell("Request for Verification of Employment", 0.05, 0.05),
            cell("Name and address of employer", 0.05, 0.10),
            cell("Lantern Row Bakery Co.", 0.06, 0.115),
            cell("12A. Current Gross Base Pay", 0.05, 0.20),
            cell("$ 5,400.00 Monthly", 0.06, 0.215),
        ]
    )
    assert classify_page(p) == "voe"


def test_urla_base_whose_label_ocr_garbled_is_the_figure_the_total_needs() -> None:
    cells = [
        c
        for c in urla_cells(base="5,550.00", total="8,250.00/month")
        if not any(w.text == "Base" for w in c)
    ]
    cells.append(cell("Baselray $", 0.74, 0.335))
    result = extract_1003([Layout(page(cells, method=TextMethod.OCR))])
    [income] = result.incomes
    assert income.amount == Decimal("5550.00")  # 5,550 + 900 bonus + 1,800 military = 8,250
    # a total the lines and the figure do not make picks nothing
    cells = [c for c in cells if not any(w.text == "8,250.00/month" for w in c)]
    cells.append(cell("8,260.00/month", 0.87, 0.452))
    assert extract_1003([Layout(page(cells, method=TextMethod.OCR))]).incomes == []
