"""Verifications of employment in layouts the tuning seeds showed were missed: a staffing
agency's assignment sheet, a public employer's salary memo, a lender's written request form and
a verification service's data report. Each test builds a page word by word in the general form
of the wording or geometry the rule reads."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pipeline.domain.pages import Word
from pipeline.extraction.layout import Layout
from pipeline.extraction.voe import extract_voe
from tests.unit.test_extraction_layouts import text_page

L, V = 0.06, 0.40  # a label's column and its value's


def _sheet(*rows: tuple[str, str]) -> list[list[tuple[str, float]]]:
    head = [
        [("Lakemont Workforce Partners LLC", L)],
        [("EMPLOYMENT VERIFICATION", L)],
        [("Date issued:", L), ("March 3, 2024", V)],
        [("Name", L), ("Teodora Lindqvist", V)],
    ]
    return head + [[(label, L), (value, V)] for label, value in rows]


def test_period_printed_as_the_labels_own_note() -> None:
    """ "Pay rate (hourly)  $31.50": the period is the label's note; a pay frequency printed
    further down says how often the employee is paid, not what the rate is per."""
    rows = _sheet(
        ("Pay rate (hourly)", "$31.50"),
        ("Scheduled hours per week", "36"),
        ("Pay frequency", "Weekly"),
    )
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("58968.00")  # 31.50 x 36 x 52
    assert income.year == 2024


def test_period_named_before_salary_in_the_label() -> None:
    rows = _sheet(("Annual contract salary", "$71,250.00"), ("Contract days", "186"))
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("71250.00")


def test_a_rate_named_by_its_period() -> None:
    rows = _sheet(("Grade / Step", "14 / 3"), ("Semi-monthly rate", "$3,410.00"))
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("81840.00")  # x 24


def test_stipends_allowances_and_differentials_are_not_base_pay() -> None:
    """Pay on top of the base rate, however its label names a period and a rate, is no rival
    to it."""
    rows = _sheet(
        ("Monthly salary", "$5,600.00"),
        ("Housing allowance monthly rate", "$800.00"),
        ("Per diem weekly rate", "$650.00"),
        ("Shift differential hourly rate", "$2.50"),
    )
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("67200.00")  # 5,600 x 12


def test_a_year_row_through_a_date_is_part_of_a_year() -> None:
    """ "2024 (thru 04/12)" in a report's yearly table is year-to-date: the current rate is not
    weighed against it as if it were a whole year's base pay."""
    rows = [
        [("EMPLOYMENT DATA REPORT", L)],
        [("Date Completed:", L), ("2024-04-20", V)],
        [("Employee Name", L), ("Marguerite Osei", V)],
        [("Employer", L), ("Redfern Cold Storage Inc.", V)],
        [("Original Hire Date", L), ("2023-02-06", V)],
        [("Year", L), ("Base", 0.25), ("Overtime", 0.40), ("Bonus", 0.55), ("Total", 0.70)],
        [("2024 (thru 04/12)", L), ("21,400.00", 0.25), ("0.00", 0.40), ("0.00", 0.55),
         ("21,400.00", 0.70)],
        [("2023", L), ("58,100.00", 0.25), ("0.00", 0.40), ("500.00", 0.55),
         ("58,600.00", 0.70)],
        [("Effective Date", L), ("Rate of Pay", 0.25), ("Rate Type", 0.40),
         ("Avg Hours/Week", 0.55)],
        [("2023-11-01", L), ("33.10", 0.25), ("Hourly", 0.40), ("40", 0.55)],
    ]  # fmt: skip
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("68848.00")  # 33.10 x 40 x 52
    assert income.employer == "Redfern Cold Storage Inc."


def test_hours_header_ending_a_line_is_not_followed_by_its_value() -> None:
    """A table whose last header is "Avg Hours/Week": the figure starting the next line is the
    next row's first cell (here the rate), not the hours."""
    rows = [
        [("Employee Name", L), ("Marguerite Osei", V)],
        [("Employer", L), ("Redfern Cold Storage Inc.", V)],
        [("Rate of Pay", L), ("Rate Type", 0.25), ("Avg Hours/Week", 0.45)],
        [("33.10", L), ("Hourly", 0.25), ("40", 0.45)],
    ]
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("68848.00")  # 33.10 x 40 x 52


def test_employer_after_a_label_note_and_not_the_signer() -> None:
    """A request form's "To (Employer name and address)  Name, street, city": the name is the
    next cell; "Signature of Employer  /s/ Name" names who signed."""
    rows = [
        [("REQUEST FOR VERIFICATION OF EMPLOYMENT", L)],
        [("1. To (Employer name and address)", L),
         ("Thornbury Analytics Ltd., 12 Mill Rd, Dover, DE 19901", 0.40)],
        [("5. Applicant Name", L), ("Ingrid Vasquez", 0.40)],
        [("11. Current Base Pay", L), ("$4,150.00 Monthly", 0.40)],
        [("15. Signature of Employer", L), ("/s/ Rupert Haldane", 0.40)],
    ]  # fmt: skip
    result = extract_voe([Layout(text_page(rows))])
    assert result.fields["employer"] == "Thornbury Analytics Ltd."
    [income] = result.incomes
    assert income.employer == "Thornbury Analytics Ltd."
    assert income.amount == Decimal("49800.00")


def test_the_signer_of_the_employers_section_is_not_the_employer() -> None:
    """ "Signature of Employer  /s/ Name": the employer is read elsewhere (the letterhead)."""
    rows = [
        [("Thornbury Analytics Ltd.", L)],
        [("VERIFICATION OF EMPLOYMENT", L)],
        [("Applicant Name", L), ("Ingrid Vasquez", V)],
        [("Current Base Pay", L), ("$4,150.00 Monthly", V)],
        [("Signature of Employer", L), ("/s/ Rupert Haldane", V)],
    ]
    result = extract_voe([Layout(text_page(rows))])
    assert result.fields["employer"] == "Thornbury Analytics Ltd."


def test_employee_printed_surname_first_in_the_subject_line() -> None:
    rows = [
        [("MEMORANDUM", L)],
        [("DATE:", L), ("05/14/2024", 0.20)],
        [("RE:", L), ("Verification of Employment - OYELARAN, BEATRIX M", 0.20)],
        [("Annual salary", L), ("$64,000.00", V)],
    ]
    assert [b.name for b in extract_voe([Layout(text_page(rows))]).borrowers] == [
        "BEATRIX M OYELARAN"
    ]


def test_a_stamp_across_the_page_does_not_part_a_label_from_its_value() -> None:
    """A "VERIFIED" stamp many lines tall whose middle falls on a form's row."""
    rows = _sheet(("Pay rate (hourly)", "$27.00"), ("Scheduled hours per week", "40"))
    page = text_page(rows)
    row = next(w for w in page.words if w.text == "(hourly)")
    stamp = Word("VERIFIED", 0.20, row.top + row.height / 2 - 0.1, 0.3, 0.2, -1.0, 99)
    page = replace(page, words=(*page.words, stamp))
    [income] = extract_voe([Layout(page)]).incomes
    assert income.amount == Decimal("56160.00")  # 27 x 40 x 52


def test_employee_printed_surname_first_in_the_letters_sentence() -> None:
    rows = [
        [("Harwick County Schools", L)],
        [("This memorandum confirms that OYELARAN, BEATRIX M has been employed by", L)],
        [("Harwick County Schools since 08/15/2016.", L)],
    ]
    assert [b.name for b in extract_voe([Layout(text_page(rows))]).borrowers] == [
        "BEATRIX M OYELARAN"
    ]
    # (a company's name with its legal suffix is no surname and given name)
    rows[1] = [("We confirm that Brightwater, Inc. is the employer of record for this", L)]
    names = [b.name for b in extract_voe([Layout(text_page(rows))]).borrowers]
    assert not any("Brightwater" in n for n in names)
