"""W-2 layouts read by meaning: captions printed under their values, a name printed surname
first with its suffix, a cover letter enclosing the form."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pipeline.extraction import extract_document
from pipeline.extraction.layout import Layout
from pipeline.extraction.w2 import extract_w2
from tests.unit.test_extraction_layouts import text_page

# Each box's figure sits over its caption ("1 Wages, tips ..." under 41,200.00): read downwards
# the figure under "1 Wages" is box 3's and the one under "3 Social security wages" box 5's.
# Social Security tax is 6.2% of box 3 (44,000.00 -> 2,728.00), Medicare tax 1.45% of box 5
# (44,000.00 -> 638.00).
CAPTIONS_UNDER = [
    [("2023 W-2 Wage and Tax Statement", 0.06), ("Copy 2 - State, City or Local", 0.62)],
    [("Brightwater Dental Studio", 0.06), ("41,200.00", 0.50), ("5,120.40", 0.72)],
    [("412 Orchard Ave", 0.06)],
    [("Dayton, OH 45402", 0.06)],
    [("1 Wages, tips, other comp.", 0.50), ("2 Federal income tax withheld", 0.72)],
    [("44,000.00", 0.50), ("2,728.00", 0.72)],
    [
        ("c Employer's name, address, and ZIP code", 0.06),
        ("3 Social security wages", 0.50),
        ("4 Social security tax withheld", 0.72),
    ],
    [("31-4455667", 0.06), ("xxx-xx-4821", 0.29), ("44,000.00", 0.50), ("638.00", 0.72)],
    [
        ("b Employer ID number (EIN)", 0.06),
        ("a Employee's SSA number", 0.29),
        ("5 Medicare wages and tips", 0.50),
        ("6 Medicare tax withheld", 0.72),
    ],
    [("LORENA M QUISPE", 0.06), ("D 2,800.00", 0.50)],
    [("77 Lakeview Ter", 0.06)],
    [("Kettering, OH 45429", 0.06)],
    [("e/f Employee's name, address, and ZIP code", 0.06), ("12a See instructions", 0.50)],
    [("OH 4471-22", 0.06), ("41,200.00", 0.25), ("1,402.10", 0.40)],
    [("15 State ID", 0.06), ("16 State wages, tips", 0.25), ("17 State income tax", 0.40)],
]


def test_w2_values_printed_above_their_captions() -> None:
    """A form that prints each caption under its figure is read upwards: the W-2's own Social
    Security and Medicare products say which way its figures pair with their captions."""
    result = extract_w2([Layout(text_page(CAPTIONS_UNDER))])
    [income] = result.incomes
    assert (income.amount, income.year) == (Decimal("41200.00"), 2023)
    assert income.employer == "Brightwater Dental Studio"
    [borrower] = result.borrowers
    assert borrower.name == "LORENA M QUISPE"
    assert borrower.ssn_last4 == "4821"
    assert borrower.address is not None and borrower.address.city == "Kettering"
    assert result.fields["box5"] == "44000.00"


def test_w2_captions_over_values_are_read_downwards() -> None:
    """The ordinary form, whose figures sit under their captions and whose products hold read
    that way, is not turned over."""
    rows = [
        [("Form W-2 Wage and Tax Statement 2023", 0.06)],
        [("c Employer's name, address, and ZIP code", 0.06), ("1 Wages, tips, other comp.", 0.50)],
        [("Brightwater Dental Studio", 0.06), ("41,200.00", 0.50)],
        [("412 Orchard Ave", 0.06), ("3 Social security wages", 0.50)],
        [("Dayton, OH 45402", 0.06), ("44,000.00", 0.50)],
        [("4 Social security tax withheld", 0.50)],
        [("2,728.00", 0.50)],
        [("e Employee's name", 0.06), ("5 Medicare wages and tips", 0.50)],
        [("LORENA M QUISPE", 0.06), ("44,000.00", 0.50)],
        [("77 Lakeview Ter", 0.06), ("6 Medicare tax withheld", 0.50)],
        [("Kettering, OH 45429", 0.06), ("638.00", 0.50)],
    ]
    [income] = extract_w2([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("41200.00")


def test_w2_employee_address_in_its_own_box_above_its_caption() -> None:
    """ "e Employee's name" under the name and "f Employee's address" under the address: the
    address is the employee's, read above its own caption."""
    rows = [
        *CAPTIONS_UNDER[:9],
        [("QUISPE, LORENA M", 0.06)],
        [("e Employee's name", 0.06), ("12 Codes", 0.50)],
        [("77 Lakeview Ter", 0.06), ("DD 2,800.00", 0.50)],
        [("Kettering, OH 45429", 0.06)],
        # (alone on its line, the caption's column runs on under "12 Codes": a figure far
        # right of it is that box's, not part of the street)
        [("f Employee's address and ZIP code", 0.06)],
    ]
    result = extract_w2([Layout(text_page(rows))])
    [borrower] = result.borrowers
    assert borrower.name == "LORENA M QUISPE"
    assert borrower.address is not None and borrower.address.street == "77 Lakeview Ter"


def test_w2_name_printed_surname_first_with_its_suffix() -> None:
    """ "OKAFOR JR. DANIEL T": a generational suffix closes a name, so the words after it are
    the given name and initial, which come first."""
    rows = [
        [("Form W-2 Wage and Tax Statement 2023", 0.06)],
        [("e Employee's name", 0.06), ("1 Wages, tips, other compensation", 0.50)],
        [("OKAFOR JR. DANIEL T", 0.06), ("52,310.00", 0.50)],
        [("903 Birch Rd", 0.06)],
        [("Mesa, AZ 85201", 0.06)],
    ]
    [borrower] = extract_w2([Layout(text_page(rows))]).borrowers
    assert borrower.name == "DANIEL T OKAFOR JR."


def test_w2_after_a_payroll_services_cover_letter_is_one_document() -> None:
    """A cover letter enclosing the W-2 holds no W-2 of its own: the form after it is the
    same document's."""
    letter = text_page(
        [
            [("Hearthside Household Payroll", 0.06)],
            [("QUISPE, LORENA M", 0.06)],
            [("77 Lakeview Ter", 0.06)],
            [("Kettering, OH 45429", 0.06)],
            [("Dear Lorena,", 0.06)],
            [("Enclosed is your 2023 Form W-2, Wage and Tax Statement, issued by your", 0.06)],
            [("household employer. Please use the enclosed copies when you file your", 0.06)],
            [("federal, state and local income tax returns.", 0.06)],
        ]
    )
    form = replace(text_page(CAPTIONS_UNDER), number=2)
    results = extract_document([letter, form])
    assert [r.doc_type for r in results] == ["w2"]
    [income] = results[0].incomes
    assert income.amount == Decimal("41200.00")
