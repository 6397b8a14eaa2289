"""Extraction from OCR'd scans: skewed lines, OCR's character confusions and stray marks.

The noisy strings here are as tesseract read them from scanned corpus pages ("Ix! Single",
"lronbridge", "Fairview, OR.97016", "$13199:78", "™**9736", "(Rev. January 2024)").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pipeline.domain.extracted import (
    Evidence,
    ExtractedBorrower,
    ExtractedIncome,
    ExtractionResult,
)
from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.extraction import extract_document, names
from pipeline.extraction.bank import (
    account_type_of,
    extract_bank_statement,
    parse_account_number,
    parse_labelled_account_number,
)
from pipeline.extraction.classify import classify_page
from pipeline.extraction.common import (
    address_blocks,
    party_beside,
    read_party,
    split_joint_names,
    tax_year,
)
from pipeline.extraction.engine import row_values
from pipeline.extraction.form1040 import extract_1040, filing_status
from pipeline.extraction.form1099 import extract_1099
from pipeline.extraction.layout import Box, Layout, page_skew
from pipeline.extraction.paystub import extract_paystub, frequency_from_days
from pipeline.extraction.values import (
    clean_name,
    clean_org,
    looks_like_street,
    ocr_letters,
    parse_city_line,
    parse_date_value,
    parse_money,
    person_name,
)
from pipeline.extraction.voe import extract_voe, period_of, yearly_base
from pipeline.extraction.w2 import extract_w2

CHAR = 0.008
ROW = 0.012


def ocr_page(
    rows: list[list[tuple[str, float]]],
    *,
    top: float = 0.05,
    skew: float = 0.0,
) -> Page:
    """An OCR page: each row is (text, left) cells, one row every 0.016 of the page; every
    word drops by ``skew`` per unit of width, as on a scan rotated on the glass."""
    words: list[Word] = []
    for n, row in enumerate(rows):
        y = top + n * 0.016
        for text, left in row:
            x = left
            for part in text.split():
                width = len(part) * CHAR
                drop = skew * (x + width / 2)
                words.append(Word(part, x, y + drop, width, ROW, confidence=0.9, line=n))
                x += (len(part) + 1) * CHAR
    text = "\n".join(" ".join(w.text for w in words if w.line == n) for n in range(len(rows)))
    return Page(number=1, text=text, method=TextMethod.OCR, words=tuple(words))


FORM_1040 = [
    [("Form 1040 U.S. Individual Income Tax Return", 0.05), ("2024", 0.62)],
    [("For the year Jan. 1-Dec. 31, 2021, or other tax year beginning", 0.05)],
    [("Filing Status Ix! Single CO Married filing jointly", 0.05)],
    [
        ("Your first name and middle initial", 0.05),
        ("Last name", 0.40),
        ("Your social security number", 0.72),
    ],
    [("Thomas", 0.06), ("Lindqvist", 0.41), ("98-53-1344", 0.73)],
    [
        ("If joint return, spouse's first name and middle initial", 0.05),
        ("Last name", 0.55),
        ("Spouse's social security number", 0.72),
    ],
    [("Anna", 0.06), ("Lindqvist", 0.56), ("926-53-7736", 0.73)],
    [("Home address (number and street).", 0.05)],
    [("4837 Lakeview Drive", 0.06)],
    [("City, town, or post office.", 0.05), ("State", 0.55), ("ZIP code", 0.70)],
    [("Madison", 0.06), ("WI", 0.56), ("53755", 0.71)],
    [("1a Total amount from Form(s) W-2, box 1 (see instructions)", 0.05), ("79,955.69", 0.82)],
    [("1z Add lines 1a through 1h", 0.05), ("|", 0.82)],
    [("Form 1040 (2021)", 0.05)],
]


def test_skewed_1040_rows_are_straightened() -> None:
    """At this skew the right end of a row sits most of a line below its left end: the SSN
    label and the taxpayer's name would fall on different lines."""
    page = ocr_page(FORM_1040, skew=0.012)
    layout = Layout(page)
    assert layout.skew == pytest.approx(0.012, abs=0.002)
    assert any(
        "Your first name" in line.text and "social security" in line.text for line in layout.lines
    )
    result = extract_1040([layout])
    taxpayer, spouse = result.borrowers
    # "98-53-1344" lost a digit: the last four still count, never the spouse's SSN below
    assert (taxpayer.name, taxpayer.ssn, taxpayer.ssn_last4) == ("Thomas Lindqvist", None, "1344")
    assert (spouse.name, spouse.ssn) == ("Anna Lindqvist", "926537736")
    # line 1z's amount was lost to OCR: line 1a (W-2 wages) stands in
    [income] = result.incomes
    assert (income.amount, income.year) == (Decimal("79955.69"), 2021)
    assert income.evidence.section == "Form 1040 line 1a"
    assert result.fields["filing_status"] == "single"
    # evidence boxes are reported where the words are on the page, not straightened
    assert income.evidence.bbox is not None
    value = next(w for w in page.words if w.text == "79,955.69")
    assert income.evidence.bbox[1] == pytest.approx(value.top, abs=1e-3)


def test_page_skew_ignores_marks_below_the_baseline_and_level_pages() -> None:
    assert page_skew(ocr_page(FORM_1040).words) == 0.0
    words = ocr_page(FORM_1040, skew=-0.008).words
    assert page_skew(words) == pytest.approx(-0.008, abs=0.0015)
    layout = Layout(ocr_page(FORM_1040, skew=-0.008))
    box = Box(0.5, 0.2, 0.7, 0.21)
    assert layout.page_box(box) == Box(0.5, 0.2 - 0.008 * 0.7, 0.7, 0.21 - 0.008 * 0.5)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Filing Status Ix! Single CO Married filing jointly", "single"),
        ("Filing Status DO single KX] Married filing jointly LD Married", "married_filing_jointly"),
        ("Filing Status [XJ Single. |= (1) Married filing jointly", "single"),
        ("Filing Status oO Single x] Married filing jointly DO Married", "married_filing_jointly"),
        ("Filing Status l Single O71 Married filing jointly", None),
    ],
)
def test_filing_status_from_ocr_check_marks(text: str, status: str | None) -> None:
    assert filing_status(Layout(ocr_page([[(text, 0.05)]]))) == status


# The top of a W-2 as tesseract read it from a 200 DPI scan: (text, left, top, width, height,
# line). Amounts sit at the right edge of their boxes, under the next box's label.
W2_TOP = [
    ("a", 0.0635, 0.0427, 0.0047, 0.0045, 0),
    ("Employee's", 0.0741, 0.0414, 0.0494, 0.0073, 0),
    ("social", 0.1271, 0.0414, 0.0241, 0.0059, 0),
    ("security", 0.1553, 0.0414, 0.0329, 0.0073, 0),
    ("number", 0.1918, 0.0418, 0.0324, 0.0055, 0),
    ("OMB", 0.3082, 0.0414, 0.0212, 0.0059, 0),
    ("No.", 0.3329, 0.0418, 0.0135, 0.0055, 0),
    ("1545-0008", 0.3518, 0.0418, 0.0459, 0.0055, 0),
    ("1", 0.5053, 0.0418, 0.0024, 0.0055, 0),
    ("Wages,", 0.5147, 0.0418, 0.0318, 0.0073, 0),
    ("tips,", 0.5500, 0.0418, 0.0171, 0.0073, 0),
    ("other", 0.5712, 0.0418, 0.0218, 0.0055, 0),
    ("compensation", 0.5971, 0.0418, 0.0600, 0.0073, 0),
    ("2", 0.7247, 0.0418, 0.0047, 0.0059, 0),
    ("Federal", 0.7359, 0.0418, 0.0318, 0.0059, 0),
    ("income", 0.7718, 0.0418, 0.0306, 0.0059, 0),
    ("tax", 0.8053, 0.0427, 0.0129, 0.0050, 0),
    ("withheld", 0.8212, 0.0418, 0.0353, 0.0059, 0),
    ("967-49-8871", 0.0665, 0.0550, 0.0800, 0.0082, 1),
    ("64441.75", 0.6541, 0.0555, 0.0600, 0.0082, 1),
    ("8635.19", 0.8829, 0.0555, 0.0518, 0.0082, 1),
    ("b", 0.0635, 0.0718, 0.0047, 0.0059, 2),
    ("Employer", 0.0741, 0.0718, 0.0400, 0.0073, 2),
    ("identification", 0.1182, 0.0718, 0.0529, 0.0059, 2),
    ("number", 0.1753, 0.0718, 0.0318, 0.0059, 2),
    ("(EIN)", 0.2112, 0.0718, 0.0218, 0.0073, 2),
    ("3", 0.5047, 0.0723, 0.0047, 0.0055, 2),
    ("Social", 0.5153, 0.0723, 0.0253, 0.0055, 2),
    ("security", 0.5447, 0.0727, 0.0329, 0.0068, 2),
    ("wages", 0.5806, 0.0732, 0.0282, 0.0064, 2),
    ("4", 0.7247, 0.0727, 0.0053, 0.0050, 2),
    ("Social", 0.7359, 0.0723, 0.0253, 0.0059, 2),
    ("security", 0.7653, 0.0723, 0.0329, 0.0073, 2),
    ("tax", 0.8006, 0.0732, 0.0129, 0.0050, 2),
    ("withheld", 0.8165, 0.0723, 0.0365, 0.0059, 2),
    ("57-7673872", 0.0665, 0.0855, 0.0776, 0.0082, 3),
    ("71601.94", 0.6541, 0.0859, 0.0600, 0.0082, 3),
    ("4439.32", 0.8824, 0.0859, 0.0524, 0.0082, 3),
]


def test_value_at_the_right_edge_of_its_form_box() -> None:
    """Box 3's amount is nearer box 4's label than its own label's words; it belongs to the
    box it is printed in."""
    words = tuple(Word(t, x, y, w, h, confidence=0.9, line=n) for t, x, y, w, h, n in W2_TOP)
    page = Page(number=1, text="", method=TextMethod.OCR, words=words)
    result = extract_w2([Layout(page)])
    assert result.fields["box1"] == "64441.75"
    assert result.fields["box2"] == "8635.19"
    assert result.fields["box3"] == "71601.94"
    assert result.fields["box4"] == "4439.32"


def test_tax_year_skips_the_form_revision_date() -> None:
    rows = [
        [("no.", 0.05), ("1 Nonemployee compensation", 0.45), ("Form 1099-NEC", 0.75)],
        [("Trailhead Events Inc.", 0.06), ("(Rev. January 2024)", 0.75)],
        [("3623 Commerce Parkway", 0.06), ("calendar 2022", 0.75)],
        [("Columbus, OH 43215", 0.06), ("For", 0.75), ("year", 0.85)],
    ]
    layout = Layout(ocr_page(rows))
    assert tax_year(layout, layout.find("form 1099", "1099-nec")) == 2022


def test_tax_year_outvotes_a_misread_title_digit() -> None:
    layout = Layout(ocr_page(FORM_1040))
    assert tax_year(layout, layout.find("individual income tax return")) == 2021


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        ("2021\u00b0", 2021),  # a speck after it read as a degree sign
        ("(20 20.", 2020),  # a large year OCR split, with marks round it
    ],
)
def test_tax_year_read_through_the_marks_around_it(year: str, expected: int) -> None:
    rows = [
        [("Substitute Form W-2", 0.05), (year, 0.40)],
        [("Employer", 0.05), ("Employee", 0.40)],
        [("OAKHURST FREIGHT CORP.", 0.05)],
    ]
    layout = Layout(ocr_page(rows))
    assert tax_year(layout, layout.find("form w-2")) == expected


@pytest.mark.parametrize(
    ("word", "fixed"),
    [
        ("lronbridge", "Ironbridge"),
        ("|RONBRIDGE", "IRONBRIDGE"),
        ("WlLLIAMS", "WILLIAMS"),
        ("0MAR", "OMAR"),
        ("Wi11iams", "Williams"),
        ("Ltd", "Ltd"),
        ("ltd", "ltd"),
        ("1784", "1784"),
        ("Ian", "Ian"),
        ("RAMÍREZ", "RAMÍREZ"),
    ],
)
def test_ocr_letters(word: str, fixed: str) -> None:
    assert ocr_letters(word) == fixed


def test_names_and_organisations_from_ocr() -> None:
    assert clean_org("lronbridge Manufacturing Inc.") == "Ironbridge Manufacturing Inc."
    assert clean_name("Bluestem Health Partners") is None
    assert clean_name("Mei-Harrington") is None
    assert person_name("Mei-Harrington") == "Mei Harrington"
    assert person_name("MEI.HARRINGTON") == "MEI HARRINGTON"
    assert person_name("Mary Smith-Jones") == "Mary Smith-Jones"
    # an initial read twice, an O read as Q, a capital split off its word
    assert clean_name("DMITRI Cc VOLKOV") == "DMITRI C VOLKOV"
    assert clean_name("Ulysses R Qkafor-Reyes") == "Ulysses R Okafor-Reyes"
    assert clean_name("FATIMA SMITH-JQNES") == "FATIMA SMITH-JONES"
    assert clean_name("THOMAS LINDQVIST") == "THOMAS LINDQVIST"
    assert clean_name("PRUDENCE G 0 BRIAIN") == "PRUDENCE G O BRIAIN"
    assert clean_name("RENEE 6 BRIAIN") == "RENEE O BRIAIN"  # Ó read as a six
    assert clean_name(".|-ADAEZE TREVELYAN") == "ADAEZE TREVELYAN"  # a rule and a speck before it
    assert clean_name("Maria A de la Cruz") == "Maria A de la Cruz"
    # a label left before the name, its colon read as a quote
    assert clean_name("Name\u2019 Beatriz Lacroix") == "Beatriz Lacroix"
    assert clean_name("Name\u2019 Lacroix") is None
    # a surname's comma read as a point, and a speck after a given name before its initial
    assert clean_name("OKONKWO. AGNES") == "AGNES OKONKWO"
    assert clean_name("Reginald. M Galloway") == "Reginald M Galloway"
    assert clean_name("EIN: Seteene") is None  # an ID's label and its digits misread
    assert person_name("OMB No.") is None  # a form's control number beside "Recipient"
    assert clean_org("J uniper Hill Dental Group") == "Juniper Hill Dental Group"
    assert clean_org("A and B Plumbing") == "A and B Plumbing"
    # a 1099's box labels read where the payer's name should be
    assert clean_org("For calendar") is None
    assert clean_org("code, and felephone") is None
    assert clean_org("OMB") is None
    assert clean_org("a a") is None
    # specks, a city line that lost its ZIP, a form's own labels: never an employer
    for junk in ("oh os", "Pensacola FL", "Duluth, MN'", "d Control", "Part I - Request",
                 "and address of lender)"):  # fmt: skip
        assert clean_org(junk) is None, junk
    # a W-2's box 15 (a state's code and the employer's state ID), an EIN label with its
    # digits misread, an EIN and the next box's words: ID lines, not names
    for junk in (
        "WI 711-96-148]",
        'AZ  618-96-407  211424.12  "6342.72  oO',
        "EIN: Seteene",
        "61-9844468  See,  211424.12  a  29599.38",
        'Employee"',
    ):
        assert clean_org(junk) is None, junk
    for org in ("Bank of NY", "Acme CO", "Smith PA", "IBM", "Part Time Staffing", "GA Power"):
        assert clean_org(org) == org
    # a label OCR could not make out, read where the payer's name was looked for
    assert clean_org("Barn 8 one sacha, wadeate SAY Se ceemggetars") is None
    assert clean_org("Bank of the West") == "Bank of the West"
    assert clean_org("aie") is None  # no capital: a speck's reading
    assert clean_org("UNION.") is None  # what is left of a credit union's name
    assert clean_org("Consolidated Form 1099 - Interest Income") is None
    # the next box's number OCR glued a quote to, after the name
    assert clean_org("SUMMIT RIDGE LOGISTICS \u201cTe") == "SUMMIT RIDGE LOGISTICS"
    assert clean_org("Acme Holdings (US)") == "Acme Holdings (US)"
    # a joint holder's line with a speck after its "AND"
    assert split_joint_names("AND*ZOE H BLACKWOOD") == ["ZOE H BLACKWOOD"]
    assert split_joint_names("ANDREA H BLACKWOOD") == ["ANDREA H BLACKWOOD"]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Fairview, OR.97016", ("Fairview", "OR", "97016")),
        ("Columbus, OH 4321 5", ("Columbus", "OH", "43215")),
        ("Arlington; VA 22201", ("Arlington", "VA", "22201")),
        ("Clinton, 1A 52707-3559", ("Clinton", "IA", "52707")),
        ("Clinton, |A 52777", ("Clinton", "IA", "52777")),
        ("Springfield, IL 62789 x", None),
    ],
)
def test_city_line_from_ocr(text: str, parsed: tuple[str, str, str] | None) -> None:
    assert parse_city_line(text) == parsed


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,388.52.", Decimal("1388.52")),
        ("$13199:78", Decimal("13199.78")),
        ("8,690:77", Decimal("8690.77")),
        ("10,750..00", Decimal("10750.00")),  # a speck beside the point
        ("[4,890.37", Decimal("4890.37")),  # a box's rule read as a bracket
        ("1,204.:55", Decimal("1204.55")),
        ("12:30", None),
        ("2024.", None),
        ("193:532.74", Decimal("193532.74")),
        ("2,01 0.42", Decimal("2010.42")),
        ("| 3,100.60", None),
        ("| 240,410.62", None),
        ("1 240,410", None),
        ('"$349.63', Decimal("349.63")),
        ("5173.08\u201d", Decimal("5173.08")),
    ],
)
def test_money_from_ocr(text: str, amount: Decimal | None) -> None:
    assert parse_money(text) == amount


@pytest.mark.parametrize(
    ("text", "number"),
    [("™**9736", "***9736"), ("“**8361", "***8361"), ("(503) 555-0111", None)],
)
def test_masked_account_number_from_ocr(text: str, number: str | None) -> None:
    assert parse_account_number(text) == number


def test_last_four_behind_a_mask_read_as_one_mark() -> None:
    """After "Account #", "#4799" is a masked last four; on a purchase line ("COSTCO WHSE
    #0099") it is a store's number."""
    assert parse_labelled_account_number("#4799") == "***4799"
    assert parse_account_number("#0099") is None


def test_share_draft_is_a_checking_account() -> None:
    assert account_type_of("Share Draft") == "checking"
    assert account_type_of("Premier Checking") == "checking"
    assert account_type_of("Share Savings") == "savings"


def test_second_half_of_february_is_semimonthly() -> None:
    period = frequency_from_days(date(2024, 2, 16), date(2024, 2, 29))
    assert period is not None and period.value == "semimonthly"
    period = frequency_from_days(date(2024, 2, 4), date(2024, 2, 17))
    assert period is not None and period.value == "biweekly"


def test_w2_summary_employee_beside_the_employer_block() -> None:
    """The employee's city line lost its space ("OR.97016"); the employer's block beside it
    must not be taken for the employee."""
    rows = [
        [("lronbridge Manufacturing Inc.", 0.05), ("2022 W-2 and Earnings Summary", 0.60)],
        [("EMPLOYEE", 0.05), ("EMPLOYER", 0.50)],
        [("Mei-Harrington", 0.05), ("lronbridge Manufacturing Inc.", 0.50)],
        [(".", 0.20)],
        [("9426 Lakeview Drive", 0.05), ("1060 Cedar Lane Apt 4B", 0.50)],
        [("Fairview, OR.97016", 0.05), ("Arlington, VA 22236", 0.50)],
        [("Employee SSN: 920-75-1928", 0.05), ("Employer EIN: 85-9971574", 0.50)],
        [("99,943.88 Box 1 Wages, tips, other comp.", 0.05)],
        [("Keep this copy for your records. Tax year 2022.", 0.05)],
    ]
    result = extract_w2([Layout(ocr_page(rows))])
    [borrower] = result.borrowers
    assert borrower.name == "Mei Harrington"
    assert borrower.address is not None and borrower.address.zip == "97016"
    [income] = result.incomes
    assert income.employer == "Ironbridge Manufacturing Inc."
    assert income.borrower_key == borrower.key


W2_GRID = [
    [("a Employee's social security number", 0.05), ("1 Wages, tips, other compensation", 0.50)],
    [("927-47-5322", 0.06), ("114,305.82", 0.64)],
    [("b Employer identification number", 0.05), ("3 Social security wages", 0.50)],
    [("23-3830313", 0.06), ("121,601.94", 0.64)],
    [("c Employer's name, address, and ZIP code", 0.05), ("5 Medicare wages & tips", 0.50)],
    [("Bluestem Health Partners", 0.06), ("{box5}", 0.64)],
    [("5882 Birch Way", 0.06)],
    [("Salem, MA 01935", 0.06)],
    [("e Employee's first name and initial Last name", 0.05)],
    [("Hannah Kowalski", 0.06)],
    [("Form W-2 Wage and Tax Statement 2023", 0.05)],
]


def _w2_rows(box5: str) -> list[list[tuple[str, float]]]:
    return [[(text.format(box5=box5), left) for text, left in row] for row in W2_GRID]


def test_w2_copy_whose_boxes_add_up_is_the_one_read() -> None:
    """Copy B's box 5 misread ("421,601.94") casts doubt on its box 1; copy C of the same W-2,
    read right, is the one exported (once)."""
    rows = [*_w2_rows("421,601.94"), [("Cut here", 0.40)], *_w2_rows("121,601.94")]
    result = extract_w2([Layout(ocr_page(rows))])
    [income] = result.incomes
    assert income.amount == Decimal("114305.82")
    assert "check_boxes" not in result.fields
    assert result.fields["box5"] == "121601.94"


def _w2_copy(name: str) -> list[list[tuple[str, float]]]:
    return _w2_copy_of(name, "114,305.82", "927-47-5322")


def test_w2_copies_of_one_ssn_ein_and_box_1_are_one_w2_whatever_ocr_made_of_the_name() -> None:
    rows = [*_w2_copy("Hannah Kowalski"), [("Cut here", 0.40)], *_w2_copy("Hannah Kowelski")]
    [income] = extract_w2([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("114305.82")


def test_w2_box_1_far_below_box_5_is_not_exported() -> None:
    result = extract_w2([Layout(ocr_page(_w2_rows("421,601.94")))])
    assert result.incomes == []
    assert result.fields["check_boxes"].startswith("failed: box 1 114305.82 < half of box 5")


def test_w2_value_under_another_label_is_not_this_labels() -> None:
    """A summary's stack of labelled lines: each box's figure is on its own line, far right;
    the numbers under the stack (a state ID, a control number) are no box's."""
    rows = [
        [("Form W-2 Wage and Tax Statement 2023", 0.05)],
        [("Employee: YUSUF ESKILDSEN", 0.05)],
        [("Box 1 Wages, tips, other compensation", 0.05), ("72,553.20", 0.85)],
        [("Box 3 Social security wages", 0.05), ("72,553.20", 0.85)],
        [("Box 5 Medicare wages and tips", 0.05), ("72,553.20", 0.85)],
        [("Box 6 Medicare tax withheld", 0.05), ("1,052.02", 0.85)],
        [("State: FL Employer's state ID: 61871299", 0.05)],
        [("Control number: 70631", 0.05)],
    ]
    result = extract_w2([Layout(ocr_page(rows))])
    assert (result.fields["box5"], result.fields["box6"]) == ("72553.20", "1052.02")
    [income] = result.incomes
    assert income.amount == Decimal("72553.20")


def test_short_label_ends_at_a_hyphen_not_inside_a_word() -> None:
    layout = Layout(ocr_page([[("YTD-Amount $51,448.68", 0.05)], [("EINSTEIN EIN", 0.05)]]))
    assert [h.line for h in layout.find("ytd")] == [0]
    assert [(h.line, h.first) for h in layout.find("ein")] == [(1, 1)]


def test_fuzzy_label_never_reads_employer_for_employee() -> None:
    """OCR labels match one letter off ("Emplovee's"), but not where that letter makes the
    other party's label."""
    layout = Layout(
        ocr_page(
            [
                [("c Employer's name, address, and ZIP code", 0.05)],
                [("e Emplovee's name, address, and ZIP code", 0.05)],
            ]
        )
    )
    assert [h.line for h in layout.find("employee's name, address")] == [1]
    assert [h.line for h in layout.find("employer's name, address")] == [0]


def test_1099_recipient_under_a_label_with_the_next_box_beside_it() -> None:
    """Box 2's wrapped text starts the lines under "RECIPIENT'S name" (far right of it): it is
    another cell, not the start of the recipient's block."""
    rows = [
        [("PAYER'S name, street address, city or town", 0.08), ("Nonemployee", 0.71)],
        [("AMBROSE HOME HEALTH INCORPORATED", 0.08), ("Form 1099-NEC 2023", 0.54)],
        [("PAYER'S TIN", 0.08), ("RECIPIENT'S TIN", 0.31), ("1 Nonemployee comp.", 0.54)],
        [("17977122", 0.09), ("523-73-2985", 0.31), ("122,500.00", 0.54)],
        [("RECIPIENT'S name", 0.08), ("of", 0.76)],
        [("2 Payer made direct sales totaling $5,000 or more", 0.54)],
        [("recipient for resale", 0.54)],
        [("FRANCESCA DRUMMOND", 0.09)],
        [("Street address (including apt. no.)", 0.09), ("4 Federal income tax withheld", 0.54)],
        [("18088 DOGWOOD TERRACE", 0.09)],
        [("LAFAYETTE IN 47933", 0.09)],
    ]
    layout = Layout(ocr_page(rows))
    [label] = layout.find("recipient's name")
    block = [text for text, _box in layout.block_below(label)]
    assert block[0] == "FRANCESCA DRUMMOND"
    result = extract_1099([layout])
    [borrower] = result.borrowers
    assert (borrower.name, borrower.ssn) == ("FRANCESCA DRUMMOND", "523732985")
    [income] = result.incomes
    assert income.borrower_key == borrower.key


def test_1099_box_figure_is_the_one_under_its_label_not_the_next_cells() -> None:
    """OCR ran box 1's label on into box 2's ("... (not included  2 Early withdrawal
    penalty"), so the line shows no cell break; on a scan tilted a hair the next cell's figure
    sits higher than box 1's. Box 1 is the figure under its own words."""
    rows = [
        [("PAYER'S name, street address, city or town", 0.05), ("Interest Income", 0.82)],
        [("Prairie Wind Securities LLC", 0.05), ("Form 1099-INT 2020", 0.54)],
        [
            ("PAYER'S TIN", 0.05),
            ("RECIPIENT'S TIN", 0.29),
            ("1 Interest income (not included 2 Early withdrawal penalty", 0.54),
        ],
        [("in box 3)", 0.54)],
        [("49-2476482", 0.05), ("$14,199.43", 0.54), ("$19.04", 0.742)],
        [("RECIPIENT'S name", 0.05)],
        [("Francesca R Kettering", 0.05)],
    ]
    page = ocr_page(rows)
    tilted = tuple(replace(w, top=w.top - 0.0004) if w.text == "$19.04" else w for w in page.words)
    result = extract_1099([Layout(replace(page, words=tilted))])
    [income] = result.incomes
    assert income.amount == Decimal("14199.43")


def test_a_block_under_a_label_stops_at_the_next_cells_value_set_a_hair_left_of_its_label() -> None:
    rows = [
        [("Employer", 0.05), ("Employee", 0.511)],
        [("NORTHGATE PROPERTY MANAGEMENT", 0.054), ("Jolene Grunewald", 0.5059)],
        [("9740 Kings Mill Way", 0.055), ("4883 Yarrow Lane", 0.512)],
    ]
    layout = Layout(ocr_page(rows))
    [label] = layout.find("employer")
    assert [text for text, _box in layout.block_below(label, max_lines=1)] == [
        "NORTHGATE PROPERTY MANAGEMENT"
    ]


def test_w2_employee_under_a_plain_employee_heading() -> None:
    rows = [
        [("2019 W-2", 0.09), ("Wage and Tax Statement", 0.60)],
        [("Employer's name, address, and ZIP code", 0.095), ("Employee", 0.513)],
        [("Evergreen Valley Data Systems Co.", 0.095), ("OSWALDO G QUINONES", 0.513)],
        [("4998 Yarrow Road", 0.096), ("13888 FOXGLOVE LANE", 0.476)],
        [("Spokane, WA 99278", 0.096), ("CHEYENNE WY 82084", 0.514)],
        [("Employer ID number (EIN)", 0.096), ("Employee's SSA number", 0.515)],
        [("69-4649008", 0.098), ("983-35-9415", 0.51)],
        [("1 Wages, tips, other compensation", 0.096), ("2 Federal income tax withheld", 0.51)],
        [("$223,066.55", 0.098), ("$41,210.10", 0.51)],
    ]
    result = extract_w2([Layout(ocr_page(rows))])
    [borrower] = result.borrowers
    assert borrower.name == "OSWALDO G QUINONES"
    [income] = result.incomes
    assert income.borrower_key == borrower.key


def test_address_stack_whose_city_line_ocr_joined_to_a_taller_line_of_the_next_column() -> None:
    """Tesseract set the city line on one line with the statement period beside it, whose
    words stand higher: that line sorts before the street line it stands under. The ZIP's
    last digit came apart after a speck read as a point."""

    def word(text: str, left: float, top: float, width: float, height: float, line: int) -> Word:
        return Word(text, left, top, width, height, 0.93, line=line)

    # as tesseract read them (its line numbers); the page's other words left out
    words = (
        word("XIMENA", 0.06294, 0.14545, 0.06471, 0.01045, 5),
        word("D", 0.13412, 0.14636, 0.01059, 0.00955, 5),
        word("WHITCOMBE", 0.15059, 0.14136, 0.10529, 0.01545, 5),
        word("Consolidated", 0.69353, 0.14182, 0.13765, 0.02773, 5),
        word("Statement", 0.83824, 0.14773, 0.10647, 0.02455, 5),
        word("7978.", 0.06294, 0.16227, 0.03706, 0.01, 6),
        word("ALDER", 0.10588, 0.16227, 0.05588, 0.01045, 6),
        word("COURT", 0.16824, 0.16273, 0.06, 0.01045, 6),
        word("Statement", 0.52412, 0.175, 0.10176, 0.01182, 7),
        word("panied:", 0.63176, 0.15, 0.05, 0.042, 7),  # (taller than as read)
        word("Jun", 0.68824, 0.17773, 0.04529, 0.01136, 7),
        word("1,", 0.71882, 0.17591, 0.01765, 0.01727, 7),
        word("2024", 0.74, 0.17818, 0.03765, 0.01, 7),
        word("TACOMA,", 0.06235, 0.17864, 0.07706, 0.01227, 9),
        word("WA", 0.14588, 0.17955, 0.02706, 0.01, 9),
        word("9849.", 0.17824, 0.18, 0.03706, 0.01, 9),
        word("4", 0.21647, 0.18045, 0.00824, 0.00955, 9),
    )
    layout = Layout(Page(1, "", TextMethod.OCR, words))
    [(names, address)] = address_blocks(layout)
    assert [name for name, _box in names] == ["XIMENA D WHITCOMBE"]
    assert (address.street, address.city, address.zip) == ("7978. ALDER COURT", "TACOMA", "98494")


def test_neither_part_of_a_figure_ocr_split_in_two_is_a_row_value() -> None:
    """137,925 read as "137" and "7925" a space apart: neither is line 1; a figure that stands
    apart from a group before it is."""
    from pipeline.extraction import common, engine

    rows = [[("1 Wages, salaries, tips, etc. Attach Form(s) W-2", 0.05), ("1", 0.76),
             ("137", 0.844), ("7925", 0.880)]]  # fmt: skip
    layout = Layout(ocr_page(rows))
    [hit] = layout.find("wages, salaries, tips")
    assert common.row_values(layout, hit, parse_money) == []
    assert engine.row_values(layout, hit, parse_money) == []
    rows[0][-1] = ("137,925", 0.880)
    layout = Layout(ocr_page(rows))
    [hit] = layout.find("wages, salaries, tips")
    assert [t.text for t in common.row_values(layout, hit, parse_money)] == ["137", "137,925"]


def test_a_state_code_ocr_doubted_between_city_and_zip_is_no_speck() -> None:
    words = (
        Word("MADISON,", 0.06059, 0.20045, 0.07824, 0.01182, 0.96, line=8),
        Word("WI", 0.14529, 0.20136, 0.01824, 0.00955, 0.18, line=8),
        Word("53758", 0.17, 0.20227, 0.04471, 0.00909, 0.18, line=8),
        Word("Pn", 0.30, 0.20136, 0.01824, 0.00955, 0.18, line=8),
    )
    [line] = Layout(Page(1, "", TextMethod.OCR, words)).lines
    assert line.text == "MADISON, WI 53758"  # the state kept, the speck after the ZIP not


def test_a_smudge_ocr_read_as_words_above_the_payer_is_not_the_payer() -> None:
    rows = [
        [("PAYER'S name, street address, city or town", 0.08)],
        [("Bacon Osta", 0.08), ("Interest Income", 0.45)],
        [("CASCADE BANK, N.A.", 0.08), ("Form 1099-INT 2021", 0.54)],
        [("11352 Fieldstone Road", 0.08)],
        [("Burlington, VT 05447", 0.08)],
        [("PAYER'S TIN", 0.08), ("RECIPIENT'S TIN", 0.31), ("1 Interest income", 0.54)],
        [("60-4224677", 0.09), ("***-**-6535", 0.31), ("9,957.64", 0.54)],
    ]
    page = ocr_page(rows)
    smudged = tuple(
        replace(w, confidence=0.2) if w.text in ("Bacon", "Osta") else w for w in page.words
    )
    result = extract_1099([Layout(replace(page, words=smudged))])
    assert result.fields["payer"] == "CASCADE BANK, N.A."
    # read with the print's confidence, the same words are the payer's name
    assert extract_1099([Layout(page)]).fields["payer"] != "CASCADE BANK, N.A."


def test_paystub_taxes_column_total_is_not_gross() -> None:
    """A summary grid whose YTD gross OCR split ("$51 448.68"), and a taxes table whose YTD
    column adds up to its printed total: that total is not the YTD gross."""
    rows = [
        [("EARNINGS STATEMENT", 0.60)],
        [("Paid By: Summit Ridge Outfitters Corp.", 0.09)],
        [("Iwasaki, Bjorn", 0.09), ("Date Paid: 04-Jul-2024", 0.52)],
        [("Pay Period: 28-Jun-2024 - 04-Jul-2024", 0.52)],
        [("Gross Pay", 0.30), ("Taxes", 0.45), ("Net Pay", 0.86)],
        [("Current Period", 0.10), ("$1,947.20", 0.30), ("$382.62", 0.44), ("$1,426.98", 0.85)],
        [("YTD-Amount", 0.10), ("$51 448.68", 0.30), ("$10,107.08", 0.44), ("$37,693.90", 0.84)],
        [("Taxes", 0.10), ("Current Period", 0.33), ("YTD Amount", 0.44)],
        [("Fed Withholding", 0.10), ("$180.96", 0.33), ("$4,780.10", 0.44)],
        [("FICA-SS", 0.10), ("$119.44", 0.33), ("$3,155.06", 0.44)],
        [("Medicare", 0.10), ("$27.93", 0.33), ("$737.85", 0.44)],
        [("GA State Tax", 0.10), ("$54.29", 0.33), ("$1,434.07", 0.44)],
        [("Taxes", 0.10), ("$382.62", 0.33), ("$10,107.08", 0.44)],
    ]
    result = extract_paystub([Layout(ocr_page(rows))])
    assert result.fields["gross_ytd"] == "51448.68"
    assert "ytd gross is the earnings column's printed total" not in result.fields.get(
        "check_gross", ""
    )
    rows[6] = [("YTD-Amount", 0.10), ("$10,107.08", 0.44), ("$37,693.90", 0.84)]
    result = extract_paystub([Layout(ocr_page(rows))])
    assert "gross_ytd" not in result.fields


def test_address_stack_with_a_speck_before_the_street_and_a_line_between() -> None:
    rows = [
        [("Zielinski, Oswaldo N", 0.08), ("Employee ID 762936", 0.51)],
        [("+ 308 Chestnut Ave", 0.06), ("Soc Sec # XXX-XX-5809", 0.51)],
        [("A", 0.08), ("Pay Period: 01-Sep-2024 - 30-Sep-2024", 0.51)],
        [("Pensacola, FL 32567", 0.08), ("Advice Date 30-Sep-2024", 0.51)],
    ]
    [(names, address)] = address_blocks(Layout(ocr_page(rows)))
    assert [n for n, _b in names] == ["Oswaldo N Zielinski"]
    assert (address.street, address.city, address.zip) == ("308 Chestnut Ave", "Pensacola", "32567")


def test_address_block_with_specks_and_a_colon_in_the_name() -> None:
    rows = [
        [("Laura: Kowalski", 0.05)],
        [("- 2106 Willow Court", 0.045)],
        [("Dayton, OH 45477-5156", 0.05)],
    ]
    [(names, address)] = address_blocks(Layout(ocr_page(rows)))
    assert [clean_name(n) for n, _b in names] == ["Laura Kowalski"]
    assert address.street == "2106 Willow Court"


def test_paystub_heading_from_ocr() -> None:
    rows = [
        [("PAY STU B", 0.05), ("Pay Date: 03/31/2024", 0.60)],
        [("lronbridge Manufacturing Inc. - Arlington; VA", 0.05)],
        [("Pay Period: 03/16/2024 to 03/31/2024", 0.60)],
        [("Employee", 0.05), ("SSN", 0.40)],
        [("MEI HARRINGTON", 0.05), ("XXX-XX-1928", 0.40)],
        [("Description", 0.05), ("YTD", 0.50), ("Current", 0.70)],
        [("Gross Pay", 0.05), ("28,812.60", 0.50), ("4,802.10.", 0.70)],
    ]
    result = extract_paystub([Layout(ocr_page(rows))])
    assert result.fields["employer"] == "Ironbridge Manufacturing Inc."
    assert [(i.amount, i.period) for i in result.incomes] == [
        (Decimal("4802.10"), "semimonthly"),
        (Decimal("28812.60"), "ytd"),
    ]


def test_voe_from_ocr_marks() -> None:
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("7. Name and Address of Applicant", 0.05)],
            [("Omar Quintero", 0.06)],
            [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
            [("$25.14", 0.06), ("CO Annual", 0.25), ("[X].Hourly", 0.45)],
            [("12B. Average Hours Per Week", 0.05)],
            [("32", 0.06)],
        ]
    )
    [income] = extract_voe([Layout(form)]).incomes
    assert income.amount == Decimal("41832.96")  # 25.14 x 32 x 52
    letter = ocr_page(
        [
            [("RE: Verification. of Employment for Daniel Quintero", 0.05)],
            [("This letter confirms that Daniel Quintero has been employed by", 0.05)],
            [("Redwood Analytics LLC since 04/16/2016, and currently holds the", 0.05)],
            [("position of Account Executive.", 0.05)],
        ]
    )
    assert [b.name for b in extract_voe([Layout(letter)]).borrowers] == ["Daniel Quintero"]


def test_letter_pay_period_read_through_specks_around_its_words() -> None:
    rows = [
        [("SUBJECT: Verification of Employment and Income - WILHELMINA R O BRIAIN", 0.05)],
        [("This letter confirms that Wilhelmina R O Briain has been employed by", 0.05)],
        [("Northgate Foods L.L.C. since December 19, 2007.", 0.05)],
        [("The current base pay is $117,000.00 \u2018per -annum.", 0.05)],
    ]
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert (income.amount, income.period) == (Decimal("117000.00"), "annual")
    # a space OCR set after the point, a speck read as a colon after "per"
    rows[3] = [("This employee currently earns $46. 17 per: \u2018hour and is scheduled for", 0.05)]
    rows.append([("36 hours per week.", 0.05)])
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert (income.amount, income.period) == (Decimal("86430.24"), "annual")  # 46.17 x 36 x 52


def test_voe_employer_with_a_comma_and_a_speck_before_its_legal_form_stays_whole() -> None:
    rows = [
        [("Employment & Income Report", 0.05)],
        [
            ("Name ELLINGSEN, JEAN-LUC S$", 0.05),
            ("Employer Summit Ridge, Hospitality Group _L.L.c.", 0.50),
        ],
        [("Rate of Pay: $36.89 Hourly", 0.05)],
        [("Average Hours per Week: 24", 0.05)],
    ]
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert income.employer is not None
    assert income.employer.startswith("Summit Ridge, Hospitality Group")


def test_1005_rate_whose_tick_the_scan_lost_takes_the_period_its_history_bears_out() -> None:
    """Two period boxes read near the figure, neither ticked; the form's question "If paid
    hourly" names a period but is no answer. The years' base pay says the rate is monthly."""
    rows = [
        [("Request for Verification of Employment", 0.05)],
        [("7. Name and Address of Applicant", 0.05)],
        [("YUSUF OKONKWO", 0.06)],
        [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
        [("Year To Date", 0.62), ("Past Year", 0.76), ("Past Year", 0.88)],
        [("$ 10,666.67", 0.06), ("2020", 0.76)],
        [("Type", 0.43), ("Thru 09/06/2021", 0.62)],
        [
            ("Annual", 0.06),
            ("Odourly", 0.25),
            ("Base Pay", 0.43),
            ("91,767.74", 0.62),
            ("122,880.00", 0.76),
        ],
        [("Dd Monthly", 0.06), ("Other (Specify)", 0.25), ("Overtime", 0.43), ("0.00", 0.62)],
        [("15. If paid hourly - average hours per week", 0.05)],
    ]
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert (income.amount, income.period) == (Decimal("128000.04"), "annual")


def test_names_lose_what_ocr_made_of_dust_and_rules_around_them() -> None:
    assert person_name("JOSE Cc » » | FONSECA os") == "JOSE C FONSECA"
    assert person_name("Ignacio S Szymanski P") == "Ignacio S Szymanski"
    # an initial after a name that has none, and four-word names, stay
    assert person_name("Mary Ann L Smith") == "Mary Ann L Smith"
    # words tesseract itself doubts, of a mark or two, are not words of the page
    words = [
        Word("Chloé", 0.10, 0.10, 0.04, ROW, 0.93, line=0),
        Word("K", 0.15, 0.10, 0.01, ROW, 0.93, line=0),
        Word("Fonseca", 0.17, 0.10, 0.06, ROW, 0.96, line=0),
        Word("G", 0.24, 0.10, 0.01, ROW, 0.0, line=0),
        Word("EI", 0.26, 0.10, 0.02, ROW, 0.23, line=0),
        Word("X", 0.30, 0.10, 0.01, ROW, 0.1, line=0),  # a tick, kept
        Word("7", 0.32, 0.10, 0.01, ROW, 0.1, line=0),  # a digit, kept
    ]
    page = Page(1, "", TextMethod.OCR, tuple(words))
    assert Layout(page).lines[0].text == "Chloé K Fonseca X 7"
    # a middle initial OCR doubts, between two words of a name, is no speck
    initial = [
        Word("Eleanor", 0.10, 0.10, 0.05, ROW, 0.92, line=0),
        Word("K~", 0.16, 0.10, 0.01, ROW, 0.17, line=0),
        Word("Ramanathan", 0.18, 0.10, 0.08, ROW, 0.96, line=0),
    ]
    page = Page(1, "", TextMethod.OCR, tuple(initial))
    assert person_name(Layout(page).lines[0].text) == "Eleanor K Ramanathan"
    text_layer = Page(1, "", TextMethod.TEXT_LAYER, tuple(words))
    assert "EI" in Layout(text_layer).lines[0].text


def test_a_tall_word_stays_on_the_line_it_was_read_in() -> None:
    """ "Zachary" fused with a speck above it: its box's middle is nearer the line above, but
    OCR arranged it with "N Pacheco"."""
    words = [
        Word("Treas.", 0.50, 0.2217, 0.03, 0.0064, 0.96, line=4),
        Word("obligations", 0.54, 0.2220, 0.05, 0.0073, 0.96, line=4),
        Word("Zachary", 0.116, 0.2250, 0.058, 0.0210, 0.96, line=5),
        Word("N", 0.179, 0.2317, 0.010, 0.0096, 0.93, line=5),
        Word("Pacheco", 0.196, 0.2315, 0.062, 0.0100, 0.96, line=5),
        Word("2,901.19", 0.557, 0.2305, 0.063, 0.0109, 0.96, line=5),
    ]
    lines = Layout(Page(1, "", TextMethod.OCR, tuple(words))).lines
    assert [line.text for line in lines] == ["Treas. obligations", "Zachary N Pacheco 2,901.19"]


def test_a_scanned_name_takes_the_spelling_its_printings_agree_on() -> None:
    rows = [
        [("Employee's name", 0.05), ("Adaeze V Nergaard", 0.30)],
        [("Copy C", 0.05), ("Adaeze V Norgaard", 0.30)],
        [("Copy 2", 0.05), ("Adaeze V Norgaard", 0.30)],
        [("Payee", 0.05), ("Zachary N Pacheco", 0.30)],
    ]
    layouts = [Layout(ocr_page(rows))]
    result = ExtractionResult(doc_type="w2", extractor="test", extractor_version="1")
    for key, name in (("b1", "Adaeze V Nergaard"), ("b2", "N Pacheco"), ("b3", "Ann Other")):
        evidence = Evidence(page_number=1, section="test", snippet=name)
        result.borrowers.append(ExtractedBorrower(key=key, name=name, evidence=evidence))
    names.agree(result, layouts)
    assert [b.name for b in result.borrowers] == [
        "Adaeze V Norgaard",  # two printings against one
        "Zachary N Pacheco",  # the given name its cell lost
        "Ann Other",  # printed nowhere else: as read
    ]
    # a text layer's names are as printed
    text_page = replace(ocr_page(rows), method=TextMethod.TEXT_LAYER)
    result.borrowers[0] = replace(result.borrowers[0], name="Adaeze V Nergaard")
    names.agree(result, [Layout(text_page)])
    assert result.borrowers[0].name == "Adaeze V Nergaard"


def test_a_doubted_name_word_takes_the_spelling_ocr_read_surely_elsewhere() -> None:
    """Joint holders: the second holder's surname OCR doubted ("Mufoz" at 0.48) is printed
    surely in the first holder's name; a word nothing else prints surely stays as read."""
    rows = [
        [("Account holders", 0.05)],
        [("Anne-Marie P Muñoz", 0.06)],
        [("Reginald J Mufoz", 0.06)],
        [("Harriet Whitcombb", 0.06)],
    ]
    page = ocr_page(rows)
    doubted = tuple(
        replace(w, confidence=0.48) if w.text in ("Mufoz", "Whitcombb") else w for w in page.words
    )
    result = ExtractionResult(doc_type="bank_statement", extractor="test", extractor_version="1")
    for key, name in (("b1", "Reginald J Mufoz"), ("b2", "Harriet Whitcombb")):
        evidence = Evidence(page_number=1, section="test", snippet=name)
        result.borrowers.append(ExtractedBorrower(key=key, name=name, evidence=evidence))
    names.agree(result, [Layout(replace(page, words=doubted))])
    assert [b.name for b in result.borrowers] == ["Reginald J Muñoz", "Harriet Whitcombb"]
    # read surely, the word is as printed: two people of the family may spell it apart
    result.borrowers[0] = replace(result.borrowers[0], name="Reginald J Mufoz")
    names.agree(result, [Layout(page)])
    assert result.borrowers[0].name == "Reginald J Mufoz"


def test_1099_box_whose_point_ocr_lost_is_not_taken_beside_one_figure_with_cents() -> None:
    """Box 1 read "257 852055" for 25,852.55; the state income box prints the cents."""
    rows = [
        [("PAYER'S name, street address, city or town", 0.08), ("Nonemployee Compensation", 0.71)],
        [("Sterling Mesa Insurance Agency", 0.08), ("Form 1099-NEC 2022", 0.54)],
        [("PAYER'S TIN", 0.08), ("RECIPIENT'S TIN", 0.31), ("1 Nonemployee compensation", 0.54)],
        [("59-3234920", 0.09), ("XXX-XX-4720", 0.31), ("257 852055", 0.54)],
        [("RECIPIENT'S name", 0.08)],
        [("Hollis Kettering", 0.09)],
        [("7 State income", 0.54)],
        [("25,852.55", 0.56)],
    ]
    assert extract_1099([Layout(ocr_page(rows))]).incomes == []
    rows[3][2] = ("25,852.55", 0.54)
    [income] = extract_1099([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("25852.55")


def test_a_scanned_employer_takes_the_spelling_its_printings_agree_on() -> None:
    assert ocr_letters("Kestre]") == "Kestrel"
    rows = [
        [("Meridian Sottware LLG", 0.05)],
        [("Employer: Meridian Software LLC", 0.05)],
        [("Paid by Meridian Software, LLC", 0.05)],
    ]
    result = ExtractionResult(doc_type="paystub", extractor="test", extractor_version="1")
    evidence = Evidence(page_number=1, section="test", snippet="")
    result.incomes.append(
        ExtractedIncome(
            borrower_key=None,
            amount=Decimal("1.00"),
            period="monthly",
            year=None,
            source_type="paystub",
            evidence=evidence,
            employer="Meridian Sottware LLG",
        )
    )
    names.agree(result, [Layout(ocr_page(rows))])
    # the words that printings spell alike outvoted; a legal form is not voted on, but OCR's
    # one-letter slip of one is caught
    assert result.incomes[0].employer == "Meridian Software LLC"


def test_common_business_words_of_a_scanned_employer_are_spelled_right() -> None:
    for read, meant in (
        ("Kestrel Manifacturihg LL!", "Kestrel Manufacturing LLC"),
        ("Tidewater Property Mariagement", "Tidewater Property Management"),
        ("Meridian Engineering Ine.", "Meridian Engineering Inc."),
        ("LAKESHORE MEDICAL CENTERLLC", "LAKESHORE MEDICAL CENTER LLC"),
        ("REDSTONE HE. ALTH P, ARTNERS LTD.", "REDSTONE HEALTH PARTNERS LTD."),  # split words
        # names of their own, and words near no one business word, stay as read
        ("Larkspur Health", "Larkspur Health"),
        ("Acme Holdings (US)", "Acme Holdings (US)"),
        ("Blue Heron Co", "Blue Heron Co"),
    ):
        assert names.spelled(read) == meant
    assert person_name("LorenzoP D'Amico") == "Lorenzo P D'Amico"
    assert person_name("LaToya Smith") == "LaToya Smith"


def _statement(summary: str, section: str) -> list[list[tuple[str, float]]]:
    return [
        [("Granite State Federal Credit Union", 0.05)],
        [("KWAME PEMBERTON", 0.05), ("Combined Account Statement", 0.50)],
        [("CHLOE § PEMBERTON", 0.05)],
        [("13031 SYCAMORE DR", 0.05)],
        [("BOISE ID 83799", 0.05)],
        [("Statement period: 01-Mar-2023 through 31-Mar-2023", 0.05)],
        [("Account Summary", 0.05)],
        [("Account", 0.05), ("Account #", 0.30), ("Ending Balance", 0.60)],
        [("Smart Checking", 0.05), (summary, 0.30), ("14344.83", 0.60)],
        [("Holiday Club Savings", 0.05), ("241-235-0596", 0.30), ("13470.23", 0.60)],
        [("Smart Checking", 0.05)],
        [("Account # " + section, 0.05)],
        [("New Balance", 0.05), ("14344.83", 0.60)],
    ]


def test_one_account_read_two_ways_on_a_scan_is_not_exported_with_either_last_four() -> None:
    result = extract_bank_statement(
        [Layout(ocr_page(_statement("478712-015-5914", "478712-015-5911")))]
    )
    assert sorted(a.number[-4:] for a in result.accounts) == ["0596"]
    assert sorted(b.name for b in result.borrowers) == ["CHLOE S PEMBERTON", "KWAME PEMBERTON"]
    agreed = _statement("478712-015-5911", "478712-015-5911")
    result = extract_bank_statement([Layout(ocr_page(agreed))])
    assert sorted(a.number[-4:] for a in result.accounts) == ["0596", "5911"]


def test_1099_int_box_1_read_through_ocr_noise_around_it() -> None:
    # a box number glued to its label, a speck where the next box starts, a bracket after
    # the figure
    assert parse_money("1982.06].") == Decimal("1982.06")
    grid = [
        [("PAYER'S name, street address, city or town", 0.08), ("Interest Income", 0.80)],
        [("Harborline Bank & Trust", 0.08), ("Form 1099-INT 2021", 0.54)],
        [("PAYER'S TIN", 0.08), ("RECIPIENT'S TIN", 0.32), ('I"Interest income', 0.557),
         ("=", 0.695), ("2 Early withdrawal penalty", 0.75)],
        [("71-4036230", 0.085), ("XXX-XX-4601", 0.32), ("1982.06].", 0.692)],
        [("RECIPIENT'S name", 0.08)],
        [("Kwame Chakraborty", 0.08)],
    ]  # fmt: skip
    [income] = extract_1099([Layout(ocr_page(grid))]).incomes
    assert income.amount == Decimal("1982.06")
    # a statement's Box / Description / Amount table whose header OCR gave a speck
    table = [
        [("Bay Colony Bank & Trust", 0.05)],
        [("Consolidated Form 1099 Tax year 2023", 0.05)],
        [("HOLLOWAY, ADAEZE K", 0.05), ("Taxpayer ID: ***-**-7416", 0.50)],
        [("Form 1099-INT - Copy B for Recipient", 0.05)],
        [("Box", 0.05), ("Description", 0.15), ("1 ~ Amount", 0.73)],
        [("1:", 0.05), ("Interest income (not included in box 3)", 0.15), ("15,066.29", 0.80)],
        [("4", 0.05), ("Federal income tax withheld", 0.15), ("3,615.91", 0.80)],
    ]
    [income] = extract_1099([Layout(ocr_page(table))]).incomes
    assert income.amount == Decimal("15066.29")


def test_voe_subject_line_name_whose_dash_ocr_lost_keeps_its_hyphenated_given_name() -> None:
    rows = [
        [("SUBJECT: Verification of Employment and Income Anne-Marie Yarborough", 0.08)],
        [("Dear Sir or Madam,", 0.08)],
        [("Please accept this letter as verification that Anne-Marie Yarborough is", 0.08)],
        [("currently employed with Westbrook Health Partners.", 0.08)],
    ]
    result = extract_voe([Layout(ocr_page(rows))])
    assert [b.name for b in result.borrowers] == ["Anne-Marie Yarborough"]


def test_voe_pay_is_not_read_from_a_box_number_or_a_figure_that_lost_a_digit() -> None:
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("7. Name and Address of Applicant", 0.05)],
            [("PRUDENCE W KETTERING", 0.06)],
            # "12B." read "128." beside the base-pay label: a box number, not $128.00
            [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05),
             ("128. Gross Earnings", 0.60)],
            [("$ 57.0 I", 0.06), ("D1 Annual", 0.25), ("[X] Hourly", 0.45)],
            [("Avg. hours/week: 30", 0.06)],
        ]
    )  # fmt: skip
    assert extract_voe([Layout(form)]).incomes == []
    letter = ocr_page(
        [
            [("Please accept this letter as verification that Prudence Ramanathan is", 0.05)],
            [("currently employed with Redstone Foods, Inc. as a Line Cook.", 0.05)],
            [("The current rate of pay is $55.2 I per hour, 30 hours per week.", 0.05)],
        ]
    )
    assert extract_voe([Layout(letter)]).incomes == []
    # a figure printed with one decimal is read as printed
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("Name of Employee: Stanley Johnson", 0.05)],
            [("Current Base Pay: $96600.0 Annual", 0.05)],
        ]
    )
    [income] = extract_voe([Layout(form)]).incomes
    assert income.amount == Decimal("96600.00")


def test_1040_wages_behind_a_dash_on_a_scan_are_the_figure() -> None:
    rows = [
        [("Form 1040 U.S. Individual Income Tax Return 2018", 0.05)],
        [("Your first name and middle initial", 0.05), ("Last name", 0.40)],
        [("BERNADETTE R", 0.05), ("NAKASHIMA", 0.40)],
        [("1 Wages, salaries, tips, etc. Attach Form(s) W-2", 0.05), ("1", 0.75),
         ("-137004", 0.80)],
    ]  # fmt: skip
    [income] = extract_1040([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("137004")
    rows[3][2] = ("(137004)", 0.80)  # a loss in brackets is no rule's end: not wages
    assert extract_1040([Layout(ocr_page(rows))]).incomes == []


def test_a_figure_the_skew_set_off_its_labels_row_is_still_on_its_line() -> None:
    words = [
        Word("Pay", 0.05, 0.10, 0.03, 0.01, 0.95, line=0),
        Word("Statement", 0.09, 0.10, 0.08, 0.01, 0.95, line=0),
        Word("Type", 0.085, 0.2256, 0.03, 0.013, 0.95, line=1),
        Word("Current", 0.843, 0.2192, 0.05, 0.0124, 0.95, line=1),
        Word("Period", 0.894, 0.2148, 0.05, 0.0134, 0.95, line=1),
        Word("Total", 0.084, 0.2593, 0.03, 0.0079, 0.95, line=2),
        Word("Gross", 0.119, 0.2587, 0.04, 0.0091, 0.95, line=2),
        Word("$1,057.69", 0.876, 0.2520, 0.06, 0.0097, 0.95, line=2),
    ]
    layout = Layout(Page(1, "", TextMethod.OCR, tuple(words)))
    [hit] = layout.find("total gross")
    assert [t.text for t, _ in row_values(layout, hit, parse_money, max_right=0.95)] == [
        "$1,057.69"
    ]


def test_a_word_fused_with_a_mark_joins_the_row_it_stands_on() -> None:
    """'CHAKRABORTY' read with a mark above it: its box reaches the label row over the name,
    and its middle sits between the two rows; it belongs with 'YUSUF' on its baseline. A
    digit a third of the words' height is dust, not a digit glued to the figure beside it."""
    words = [
        Word("Employee", 0.517, 0.1018, 0.057, 0.0090, 0.96, line=4),
        Word("name", 0.580, 0.1020, 0.030, 0.0088, 0.96, line=4),
        Word("CHAKRABORTY", 0.574, 0.1036, 0.118, 0.0264, 0.95, line=5),
        Word("YUSUF", 0.519, 0.1205, 0.050, 0.0090, 0.96, line=7),
        Word("7", 0.414, 0.2909, 0.002, 0.0018, 0.31, line=23),
        Word("Medicare", 0.080, 0.2960, 0.040, 0.0090, 0.96, line=24),
        Word("209,962.28", 0.429, 0.2973, 0.065, 0.0090, 0.90, line=24),
    ]
    lines = [line.text for line in Layout(Page(1, "", TextMethod.OCR, tuple(words))).lines]
    assert lines == ["Employee name", "YUSUF CHAKRABORTY", "Medicare 209,962.28"]
    # a large type is not such a word: a title stays one line
    title = [
        Word("JUNIPER", 0.08, 0.048, 0.10, 0.022, 0.96, line=3),
        Word("HILL", 0.19, 0.054, 0.05, 0.015, 0.96, line=3),
        Word("FOODS", 0.25, 0.054, 0.08, 0.016, 0.96, line=3),
        *[Word(f"w{i}", 0.1 * i, 0.2 + 0.02 * i, 0.05, 0.008, 0.96, line=10 + i) for i in range(5)],
    ]
    lines = [line.text for line in Layout(Page(1, "", TextMethod.OCR, tuple(title))).lines]
    assert lines[0] == "JUNIPER HILL FOODS"
    assert person_name(".|HOLLIS C TREVELYAN") is None  # a rule or an I: not guessed


def test_a_figure_with_a_speck_glued_on_is_still_a_figure_under_its_section() -> None:
    """'PTO: $156.96°' is a figure's line, not the heading of the block below it: the gross
    pay after it is the year to date's, under 'YEAR-TO-DATE'."""
    assert parse_money("$156.96\u00b0") == Decimal("156.96")
    rows = [
        [("Quarry Lane Veterinary Clinic", 0.09)],
        [("Earnings Statement", 0.09)],
        [("Employee Name: VIVIENNE D BLACKWOOD", 0.09)],
        [("Pay Date: 2024-09-25", 0.09)],
        [("Pay Cycle: Bi-Weekly", 0.09)],
        [("CURRENT", 0.08)],
        [("Reg Earnings: $1,412.64", 0.09)],
        [("PTO: $156.96", 0.09)],
        [("Gross Wages: $1,569.60", 0.09)],
        [("NET PAY: $1,147.32", 0.09)],
        [("YEAR-TO-DATE", 0.08)],
        [("Reg Earnings: $30,097.08", 0.09)],
        [("PTO: $156.96\u00b0 *", 0.09)],
        [("Gross Wages: $35,224.38", 0.09)],
        [("NET PAY: $25,910.84", 0.09)],
    ]
    incomes = extract_paystub([Layout(ocr_page(rows))]).incomes
    assert sorted((i.period, i.amount) for i in incomes) == [
        ("biweekly", Decimal("1569.60")),
        ("ytd", Decimal("35224.38")),
    ]


def test_1040_line_1z_checked_against_lines_whose_one_ocr_read_as_a_letter() -> None:
    rows = [
        [("Form 1040 U.S. Individual Income Tax Return 2023", 0.05)],
        [("Your first name and middle initial", 0.05), ("Last name", 0.40)],
        [("CORNELIUS F", 0.05), ("MONTGOMERY", 0.40)],
        [
            ("ta Total amount from Form(s) W-2, box 1 (see instructions)", 0.05),
            ("200,084.00", 0.80),
        ],
        [("1b Household employee wages not reported on Form(s) W-2", 0.05), ("0.00", 0.80)],
        [("1g Wages from Form 8919, line 6", 0.05), ("0.00", 0.80)],
        [("th Other earned income (see instructions)", 0.05), ("3,630.00", 0.80)],
        [("1z Add lines 1a through 1h", 0.05), ("203,714.00", 0.80)],
    ]
    result = extract_1040([Layout(ocr_page(rows))])
    [income] = result.incomes
    assert income.amount == Decimal("203714.00")
    # 1h misread: the lines no longer add up, and the return cannot say which is wrong
    rows[6] = [("th Other earned income (see instructions)", 0.05), ("3,680.00", 0.80)]
    assert extract_1040([Layout(ocr_page(rows))]).incomes == []
    # without line 1a nothing can be checked: 1z stands
    del rows[3]
    [income] = extract_1040([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("203714.00")


def test_voe_period_in_line_with_the_years_the_form_reports() -> None:
    """A VOE's income history says which period a rate is for when the scan lost the tick
    mark, and rejects one read with the wrong period."""
    report = [
        [("Verification of Employment and Income", 0.05)],
        [("Name", 0.05), ("Jolene Whitcombe", 0.15), ("Employer Oakhurst Engineering", 0.50)],
        [("Rate of Pay: $6,750.00", 0.05)],
        [("Pay Frequency: Monthly", 0.05)],
        [("Year", 0.05), ("Base", 0.15), ("Overtime", 0.30), ("Bonus", 0.45), ("Total", 0.60)],
        [("2024 YTD", 0.05), ("20576.61", 0.15), ("20576.61", 0.60)],
        [("2023", 0.05), ("150660.00", 0.15), ("0.00", 0.30), ("10100.00", 0.45)],
        [("2022", 0.05), ("153900.00", 0.15), ("0.00", 0.30), ("13569.00", 0.45)],
    ]
    layout = Layout(ocr_page(report))
    assert yearly_base(layout) == [Decimal("150660.00"), Decimal("153900.00")]
    # monthly (81,000 a year) is half of every year's base: no figure rather than a wrong one
    result = extract_voe([layout])
    assert result.incomes == []
    assert "out of line" in result.fields["check_base_pay"]
    # "Semi- Montniy": the OCR'd period after the figure, read for what it is
    report[2] = [("Rate of Pay: $6,750.00 Semi- Montniy:", 0.05)]
    [income] = extract_voe([Layout(ocr_page(report))]).incomes
    assert income.amount == Decimal("162000.00")
    # Form 1005: no box reads as ticked; only semi-monthly fits the base pay row
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("Name of Employee: Imogen Trevelyan", 0.05)],
            [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
            [("$ 9,166.67", 0.06), ("Year To Date", 0.55), ("Past Year", 0.70),
             ("Past Year", 0.85)],
            [("CD Annual", 0.06), ("D Hourly", 0.20), ("Base Pay", 0.40), ("$204,363.44", 0.55),
             ("$200,200.00", 0.70), ("$217,800.00", 0.85)],
            [("1 Monthly", 0.06), ("Other (Specify)", 0.20)],
            [("L] Weekly", 0.06), ("Semi-Monthly", 0.20)],
        ]
    )  # fmt: skip
    [income] = extract_voe([Layout(form)]).incomes
    assert income.amount == Decimal("220000.08")


def test_voe_ocr_tick_hours_and_employee_forms() -> None:
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("1. To (Name and address of employer)", 0.05)],
            [("Ambrose Analytics", 0.06)],
            [("7. Name and Address of Applicant", 0.05)],
            [("Ulysses M Ramanathan", 0.06)],
            [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
            [("$55.65", 0.06), ("C1 Annual", 0.25), ("DX] Hourly", 0.45)],  # "[X]" read "DX]"
            [("12B. Average Hours Per Week", 0.05)],
            [("40°", 0.06)],  # a speck after the figure
        ]
    )
    [income] = extract_voe([Layout(form)]).incomes
    assert income.amount == Decimal("115752.00")  # 55.65 x 40 x 52
    # OCR glued the box number's stop to the label: "To.(Name and address of employer)"
    assert Layout(ocr_page([[("4, To.(Name and address of employer)", 0.05)]])).find(
        "name and address of employer"
    )
    letter = ocr_page(
        [
            [("COPPERLEAF ROBOTICS CO.", 0.05)],
            [("RE: Verification of Employment - HOLLIS v VASQUEZ", 0.05)],
            [("To Whom It May Concern:", 0.05)],
            [("Please accept this letter as verification that", 0.05)],
            [("-Hollis v Vasquez .is currently employed", 0.05)],
        ]
    )  # fmt: skip
    assert [b.name for b in extract_voe([Layout(letter)]).borrowers] == ["HOLLIS V VASQUEZ"]


def test_tax_year_set_against_the_form_name_and_a_misread_form_title() -> None:
    rows = [[("2021W-200 Wage and Tax Statement", 0.05)], [("Copy B", 0.05)]]
    layout = Layout(ocr_page(rows))
    assert tax_year(layout, layout.find("wage and tax statement")) == 2021
    assert clean_org("Fort 1005-style") is None
    assert clean_name("Hollis v Vasquez") == "Hollis V Vasquez"
    assert clean_name("Maria de Souza") == "Maria de Souza"
    assert clean_name('RENEE O"DONNELL') == "RENEE O'DONNELL"
    assert clean_name("MARY-KATE It DELGADO") == "MARY-KATE H DELGADO"


def test_paystub_label_list_under_section_headings_a_scan_set_close_to_the_figures() -> None:
    """Headings "CURRENT PERIOD" and "YEAR-TO-DATE" head two lists of labelled figures; on a
    scan the first heading's end reaches over the figures' column, and must not head the
    second list; the row under a label that has its own figure is never that label's."""
    rows = [
        [("Employee Pay Statement", 0.10)],
        [("Employee Name", 0.10), ("RASMUSSEN, EVERETT A", 0.25)],
        [("Payment Date", 0.10), ("2024-03-29", 0.25)],
        [("Pay Frequency", 0.10), ("Biweekly", 0.25)],
        [("CURRENT PERIOD", 0.12)],  # ends at 0.232, over the figures' start
        [("Regular", 0.124), ("7,278.85", 0.23)],
        [("Gross Pay", 0.124), ("\u2014_7,278.85", 0.214)],  # a fill-in line before it
        [("Taxes", 0.124), ("1,351.98", 0.23)],
        [("YEAR-TO-DATE", 0.12)],
        [("Regular", 0.124), ("50,951.95", 0.23)],
        [("Gross Pay", 0.124), ("54,275.95", 0.23)],
        [("Taxes", 0.124), ("10,085.13", 0.23)],
    ]
    incomes = extract_paystub([Layout(ocr_page(rows))]).incomes
    assert sorted((i.period, i.amount) for i in incomes) == [
        ("biweekly", Decimal("7278.85")),
        ("ytd", Decimal("54275.95")),
    ]


def test_paystub_table_heading_that_lost_a_word_and_a_label_with_a_section_sign() -> None:
    """OCR lost "to" of a "Year to Date" column heading (the gap still holds it) and read the
    s of "Gross" as a section sign: the columns and the label are still what they are."""
    rows = [
        [("EARNINGS STATEMENT", 0.10)],
        [("ELLINGSEN, ZOE E", 0.10), ("Employee No.: 98982", 0.50)],
        [("Period: 2023-12-14 2023-12-27", 0.50)],
        [("Pay Date: 2024-01-01", 0.50)],
        [("Type", 0.10), ("Units", 0.26), ("Rate", 0.33), ("ThisPay", 0.39), ("Year", 0.475),
         ("Date", 0.529)],
        [("REGULAR", 0.10), ("80.00", 0.26), ("44.85", 0.32), ("$3,588.00", 0.383),
         ("$3,588.00", 0.493)],
        [("OVERTIME", 0.10), ("6.00", 0.27), ("67.28", 0.32), ("$403.65", 0.395),
         ("$403.65", 0.504)],
        [("Total Earnings", 0.10), ("$3,991.65", 0.383), ("$3,991.65", 0.493)],
    ]  # fmt: skip
    incomes = extract_paystub([Layout(ocr_page(rows))]).incomes
    assert sorted((i.period, i.amount) for i in incomes) == [
        ("biweekly", Decimal("3991.65")),
        ("ytd", Decimal("3991.65")),
    ]
    assert Layout(ocr_page([[("Gros\u00a7 Pay: $66,897.94", 0.10)]])).find("gross pay")


def test_one_account_read_as_savings_and_as_money_market_is_one_money_market_account() -> None:
    rows = [
        [("Harborline Federal Credit Union", 0.05)],
        [("Combined Account Statement", 0.05)],
        [("BJORN P BELL-WHITAKER", 0.05)],
        [("10136 DEER RUN DRIVE", 0.05)],
        [("RENO NV 89519", 0.05)],
        [("Summary of accounts", 0.05)],
        [("Account", 0.05), ("Account No.", 0.30), ("Beginning Balance", 0.50),
         ("Ending Balance", 0.70)],
        [("Way2Save Savings", 0.05), ("XXXXXX6428", 0.30), ("$8,682.28", 0.50),
         ("$8,623.47", 0.70)],
        [("Money. Market", 0.05)],  # the product's name, split over two lines by the scan
        [("Savings", 0.05), ("XXXXXXXX3843", 0.30), ("$8,842.51", 0.50), ("$9,533.22", 0.70)],
        [("Money Market Savings", 0.05)],
        [("Account No.: XXXXXXXX3843", 0.05)],
        [("Opening balance as of 2022-09-01: $8,842.51", 0.05)],
    ]  # fmt: skip
    accounts = extract_bank_statement([Layout(ocr_page(rows))]).accounts
    assert sorted((a.number[-4:], a.account_type) for a in accounts) == [
        ("3843", "money_market"),
        ("6428", "savings"),
    ]


def test_specks_before_a_name_a_city_or_a_street_and_a_year_without_its_date() -> None:
    assert clean_name("oes Thaddeus O Briain") == "Thaddeus O Briain"
    assert clean_name("van der Berg, Jan") == "Jan van der Berg"  # a particle is no speck
    # nor is a word of running text, and a city and state name no one ("Associates of Livonia,
    # MI" beside an "Associate" label)
    assert clean_name("of Livonia, MI") is None
    assert clean_name("Scott, Michael") == "Michael Scott"
    assert parse_city_line(". Tulsa, OK 74178") == ("Tulsa", "OK", "74178")
    assert looks_like_street("\u201c1981 Larch Dr Apt 2D")
    assert person_name("ALBANY UNIFIED") is None
    # a W-2's employee block whose name line starts with a speck: still the column of its
    # street and city
    rows = [
        [("Form W-2 Wage and Tax Statement 2019", 0.10)],
        [("Employer", 0.10), ("Employee", 0.52)],
        [("Sable Creek Medical Center LLC", 0.10), ("oes Thaddeus O Briain", 0.488)],
        [("19971 Deer Run Place", 0.10), ("10840 Eagle Crest Terrace", 0.52)],
        [("Spokane WA 99273-0591", 0.10), (". Fresno CA 93770", 0.504)],
        [("Box 1 Wages, tips, other comp.", 0.10), ("123,903.33", 0.60)],
    ]
    page = ocr_page(rows)
    words = tuple(replace(w, confidence=0.17) if w.text in ("oes", ".") else w for w in page.words)
    result = extract_w2([Layout(replace(page, words=words))])
    assert [b.name for b in result.borrowers] == ["Thaddeus O Briain"]
    # a pay stub whose dates OCR could not read still says which year it pays for
    stub = [
        [("Greenville Regional Hospital Authority", 0.10)],
        [("Earnings Statement", 0.10)],
        [("Pay To", 0.10), ("Kowalczyk, Tamsin T", 0.30)],
        [("Period End", 0.10), ("OR: 25: 2023", 0.30)],
        [("Date Paid", 0.10), ("O8 31 2023", 0.30)],
        [("Pay Schedule", 0.10), ("Bi-Weekly", 0.30)],
        [("CURRENT", 0.10)],
        [("Total Gross", 0.10), ("2,293.23", 0.30)],
    ]
    [income] = extract_paystub([Layout(ocr_page(stub))]).incomes
    assert (income.amount, income.year) == (Decimal("2293.23"), 2023)


def test_voe_letter_and_form_with_ocr_glued_stops() -> None:
    letter = ocr_page(
        [
            [("Oakhurst Veterinary Clinic LLC", 0.05)],
            [("Oct.17, 2024", 0.05)],  # the stop after the month, its space lost
            [("We are writing to verify the employment.of Fatima W Quinones, who has", 0.05)],
            [("worked for Oakhurst Veterinary Clinic LLC since Nov 2, 2011.", 0.05)],
            [("Fatima's current base salary is $215,250.00 annually.", 0.05)],
        ]
    )
    result = extract_voe([Layout(letter)])
    assert [b.name for b in result.borrowers] == ["Fatima W Quinones"]
    assert [(i.amount, i.year) for i in result.incomes] == [(Decimal("215250.00"), 2024)]
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("7. Name and Address of Applicant", 0.05)],
            [("HOLLIS CASTELLANOS", 0.06)],
            [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
            [("$ 44.33", 0.06), ("Avg. hours/week: . 24,", 0.20)],  # specks around the hours
            [("D1 Annual", 0.06), ("1X] Hourly", 0.25)],
        ]
    )
    [income] = extract_voe([Layout(form)]).incomes
    assert income.amount == Decimal("55323.84")  # 44.33 x 24 x 52


def test_paystub_gross_the_earnings_lines_add_up_to_stands_against_a_misread_net() -> None:
    rows = [
        [("Statement of Earnings", 0.10)],
        [("Vivienne Blackwood", 0.10), ("Emp #: 1641753", 0.50)],
        [("Pay Date: 2021-02-19", 0.50)],
        [("Pay Frequency: Semi-Monthly", 0.50)],
        [("Earnings", 0.10), ("Hours", 0.30), ("Current", 0.45), ("Year-To-Date", 0.62)],
        [("Regular", 0.10), ("86.67", 0.30), ("3,000.00", 0.45), ("9,000.00", 0.62)],
        [("Bonus", 0.10), ("552.08", 0.46), ("3,017.24", 0.62)],
        [("Gross Pay", 0.10), ("3,552.08", 0.45), ("12,017.24", 0.62)],
        [("Net Pay", 0.10), ("12,657.70", 0.45)],  # 2,657.70 with a speck read as a 1
    ]
    incomes = extract_paystub([Layout(ocr_page(rows))]).incomes
    assert sorted((i.period, i.amount) for i in incomes) == [
        ("semimonthly", Decimal("3552.08")),
        ("ytd", Decimal("12017.24")),
    ]


def test_w2_summary_box_1_is_its_w2_wages_row_not_gross_pay() -> None:
    rows = [
        [("Employee W-2 Summary Tax Year 2021", 0.05)],
        [("Employee Name: INES G OKONKWO", 0.05)],
        [("Employer: Redstone Health Partners Ltd.", 0.05)],
        [("Box 1", 0.45), ("Box 3", 0.62), ("Medicare", 0.80)],
        [("Wages, Tips, Other Comp.", 0.40), ("Soc Sec Wages", 0.60), ("(Box 5)", 0.80)],
        [("Gross Pay", 0.05), ("174,315.98", 0.45), ("174,315.98", 0.62), ("174,315.98", 0.80)],
        [("Less 401(k) Deferral", 0.05), ("-8,715.80", 0.45)],
        [("Less Section 125 (Pre-Tax Health)", 0.05), ("-1,003.00", 0.45), ("-1,003.00", 0.62),
         ("-1,003.00", 0.80)],
        [("W-2 Wages", 0.05), ("164,597.18", 0.45), ("142,800.00", 0.62), ("173,312.98", 0.80)],
    ]  # fmt: skip
    [income] = extract_w2([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("164597.18")
    # the W-2 wages row unread: no box 1 rather than the gross
    del rows[-1]
    assert extract_w2([Layout(ocr_page(rows))]).incomes == []


def test_a_card_statement_of_a_savings_bank_is_a_card_account() -> None:
    rows = [
        [("Cascade Savings Bank", 0.05), ("9282 Quince Dr", 0.60)],
        [("Spokane WA 99242-4041", 0.60)],
        [("LUCIA M D'AMICO", 0.05), ("Monthly Statement", 0.60)],
        [("5864 DOGWOOD TRAIL", 0.05)],
        [("LUBBOCK, TX 79457-6754", 0.05)],
        [("Everyday Rewards Card", 0.05)],
        [("Card Number", 0.05), ("Previous Balance", 0.40), ("Payments", 0.60)],
        [("XXXX XXXX' XXXX 8937", 0.05), ("$5,566.82", 0.40), ("-$2,306.00", 0.60)],
    ]
    [account] = extract_bank_statement([Layout(ocr_page(rows))]).accounts
    assert (account.number[-4:], account.account_type) == ("8937", "credit_card")
    # a number no label types: the bank's name over it says nothing of the account's type
    rows[6] = [("Previous Balance", 0.40), ("Payments", 0.60)]
    rows[7] = [("XXXX XXXX XXXX 8937", 0.05), ("$5,566.82", 0.40), ("-$2,306.00", 0.60)]
    [account] = extract_bank_statement([Layout(ocr_page(rows))]).accounts
    assert account.account_type != "savings"


def test_half_a_name_and_a_misread_role_label_are_no_name() -> None:
    assert clean_name("ADAEZE N") is None  # the surname lost
    assert clean_name("Etployee Pereival Pacheco") is None  # "Employee" misread
    assert clean_name("Ann Emlyn Jones") == "Ann Emlyn Jones"
    assert clean_name("Jo Li") == "Jo Li"


def test_employer_names_with_specks_a_colon_or_a_paid_by_label() -> None:
    assert clean_org("Oakhurst Securities oye LLC") == "Oakhurst Securities LLC"
    assert clean_org("I\u2018'COUNTY OF TULSA") == "COUNTY OF TULSA"
    assert clean_org("Banco do Brasil") == "Banco do Brasil"
    for first_lines, employer in (
        ([("HALCYON HEALTH: PARTNERS LTD.", 0.05)], "HALCYON HEALTH PARTNERS LTD"),
        ([("Prairie Wind Medical Center Incorporated: .5843 Primrose Ave", 0.05)],
         "Prairie Wind Medical Center Incorporated"),
        ([("Statement of Earnings", 0.05)], None),
    ):  # fmt: skip
        rows = [
            first_lines,
            [("Tacoma WA 98448", 0.05)],
            [("Wage Statement", 0.05)],
            [("Name", 0.05), ("GARCIA-LOPEZ, LEOPOLD", 0.25)],
            [("Pay Date", 0.05), ("Mar 20, 2022", 0.25)],
        ]
        assert extract_paystub([Layout(ocr_page(rows))]).fields.get("employer") == employer
    rows = [
        [("Statement of Earnings", 0.05)],
        [("Paid By: Fairhaven Construction", 0.05)],
        [("Beatriz Hargreaves", 0.05), ("Employee ID: 982019", 0.50)],
    ]
    assert extract_paystub([Layout(ocr_page(rows))]).fields["employer"] == "Fairhaven Construction"


def test_money_market_read_with_a_speck_and_a_figure_whose_comma_read_as_a_digit() -> None:
    assert account_type_of("Premier Money. Market") == "money_market"
    # a fill-in line before a whole figure goes; before one OCR garbled, the figure stays
    # unread ("_$722199.99": 72,199.99 with its comma read as a 2)
    assert parse_money("\u2014_7,278.85") == Decimal("7278.85")
    assert parse_money("_$722199.99") is None


def test_names_printed_last_first_as_ocr_reads_their_marks() -> None:
    assert person_name("Hargreaves; Chloé") == "Chloé Hargreaves"  # the comma read as ";"
    assert person_name("Prudence T, Pacheco") == "Prudence T Pacheco"  # a speck, no surname
    assert person_name("HODGES, ANASTASIA") == "ANASTASIA HODGES"
    assert clean_name("Francesca Bell-wWhitaker") == "Francesca Bell-Whitaker"
    assert clean_name("Ronan McDonald") == "Ronan McDonald"


def test_a_label_abbreviation_or_a_state_code_is_no_employer() -> None:
    assert clean_org("Emp #  \u201c541645") is None
    assert clean_org("WA. 36790000") is None
    assert clean_org("Cascade Bank WA") == "Cascade Bank WA"


def test_a_party_block_ends_at_its_city_line() -> None:
    """The employer's name and street unreadable: the next box's label under the city line is
    no employer."""
    page = ocr_page(
        [
            [("c Employer's name, address, and ZIP code", 0.05)],
            [("pepe ares", 0.06)],
            [("Madison WI 53701", 0.06)],
            [("\u2018d Control no.", 0.05)],
        ]
    )
    layout = Layout(page)
    [hit] = layout.find("employer's name")
    assert read_party(layout, hit, person=False) is None


def test_an_employer_abbreviation_with_points_in_a_letter() -> None:
    letter = ocr_page(
        [
            [("RE: Verification of Employment", 0.05)],
            [("We are writing to verify the employment of Zachary A Hargreaves, who has", 0.05)],
            [("worked for Larkspur Property Management L.LCC. since 03/02/2019.", 0.05)],
        ]
    )
    result = extract_voe([Layout(letter)])
    assert result.fields["employer"] == "Larkspur Property Management L.L.C."


def test_a_business_glued_to_its_legal_form_and_joint_holders_glued_by_a_speck() -> None:
    assert clean_name("BRIGHT HARBOR ARCHITECTS.LTD") is None
    assert clean_name("J.R. Smith") == "J.R. Smith"
    assert split_joint_names("ZACHARY MONTGOMERY AND'FRANCESCA MONTGOMERY") == [
        "ZACHARY MONTGOMERY",
        "FRANCESCA MONTGOMERY",
    ]
    assert person_name("OKONKWO. AGNES") == "AGNES OKONKWO"  # the comma read as a point
    assert person_name("Agnes Okonkwo.") == "Agnes Okonkwo"
    assert clean_org("Base Pay") is None
    assert clean_org("Base Camp Outfitters") == "Base Camp Outfitters"


def test_a_figure_whose_thousands_comma_ocr_read_a_space_after_is_one_figure() -> None:
    words = [
        Word("1", 0.50, 0.2, 0.01, 0.008, 0.9, line=0),
        Word("Nonemployee", 0.52, 0.2, 0.08, 0.008, 0.9, line=0),
        Word("compensation", 0.61, 0.2, 0.09, 0.008, 0.9, line=0),
        Word("e125,", 0.5447, 0.2168, 0.0371, 0.0082, 0.31, line=1),
        Word("435.20", 0.5871, 0.2155, 0.0465, 0.0077, 0.36, line=1),
    ]
    layout = Layout(Page(1, "", TextMethod.OCR, tuple(words)))
    assert [t.text for t in layout.lines[1].tokens] == ["e125,435.20"]
    # (no figure is read out of it: "$" read as "e" is not a digit, and 435.20 is not the
    # amount)
    assert parse_money("e125,435.20") is None


def test_an_employer_split_by_ocr_is_joined_before_its_printings_vote() -> None:
    page = ocr_page(
        [
            [("b Employer's name, address, and ZIP code", 0.05)],
            [("TIDEWATER H EALTH PARTNE RS, INC.", 0.06)],
            [("1 Main Street", 0.06)],
            [("Boise ID 83702", 0.06)],
            [("TIDEWATER HEALTH PARTNERS, INC.", 0.06)],
        ]
    )
    income = ExtractedIncome(
        borrower_key=None,
        amount=Decimal("1.00"),
        period="annual",
        year=2021,
        source_type="w2",
        evidence=Evidence(page_number=1, section="test", snippet=""),
        employer="TIDEWATER H EALTH PARTNE RS, INC.",
    )
    result = ExtractionResult(doc_type="w2", extractor="test", extractor_version="1")
    result.incomes.append(income)
    names.agree(result, [Layout(page)])
    assert result.incomes[0].employer == "TIDEWATER HEALTH PARTNERS, INC."


def test_a_wage_summary_names_its_employee_and_employer_beside_plain_labels() -> None:
    page = ocr_page(
        [
            [("W-2 and Earnings Summary", 0.09), ("Tax Year 2019", 0.78)],
            [("Employee Wilhelmina O'Donnell", 0.09)],
            [("Employer Oakhurst Home Health", 0.09)],
            [("EIN: 58-9122246", 0.09)],
            [("Box 1", 0.45), ("Box 3", 0.65)],
            [("Wages, Tips, Other Comp.", 0.40), ("Soc Sec Wages", 0.65)],
            [("Gross Pay", 0.09), ("74,700.91", 0.45), ("74,700.91", 0.65)],
            [("W-2 Wages", 0.09), ("74,700.91", 0.45), ("74,700.91", 0.65)],
        ]
    )
    result = extract_w2([Layout(page)])
    assert [b.name for b in result.borrowers] == ["Wilhelmina O'Donnell"]
    assert [(i.amount, i.employer) for i in result.incomes] == [
        (Decimal("74700.91"), "Oakhurst Home Health")
    ]


def test_dust_in_a_1040_name_cell_does_not_lose_the_taxpayer() -> None:
    rows = [list(row) for row in FORM_1040]
    rows[4] = [("Thomas J 3", 0.06), ("Lindqvist", 0.41), ("98-53-1344", 0.73)]
    result = extract_1040([Layout(ocr_page(rows))])
    assert "Thomas J Lindqvist" in [b.name for b in result.borrowers]


def test_a_digit_in_a_1040_first_name_cell_is_dust_even_down_to_one_word() -> None:
    rows = [list(row) for row in FORM_1040]
    rows[4] = [("ULYSSES 7", 0.06), ("IBARRA", 0.41), ("XXX-XX-5458", 0.73)]
    result = extract_1040([Layout(ocr_page(rows))])
    assert ("ULYSSES IBARRA", "5458") in [(b.name, b.ssn_last4) for b in result.borrowers]


def test_a_1040_surname_whose_label_ocr_garbled_is_the_rows_next_cell() -> None:
    rows = [list(row) for row in FORM_1040]
    rows[5] = [
        ("If joint return, spouse's first name and middle initial", 0.05),
        ("Tast_nane", 0.55),
        ("Spouse's social security number", 0.72),
    ]
    rows[6] = [("DMITRI", 0.06), ("MUNOZ", 0.56), ("XXX-XX-4755", 0.73)]
    result = extract_1040([Layout(ocr_page(rows))])
    assert ("DMITRI MUNOZ", "4755") in [(b.name, b.ssn_last4) for b in result.borrowers]
    # a first name and initial, the "Last name" label glued to the one before it by a speck
    rows[5] = [
        ("If joint return, spouse's first name and middle initial{Last name", 0.05),
        ("Spouse's social security number", 0.72),
    ]
    rows[6] = [("DMITRI W", 0.06), ("NORGAARD", 0.56), ("XXX-XX-6212", 0.73)]
    result = extract_1040([Layout(ocr_page(rows))])
    assert ("DMITRI W NORGAARD", "6212") in [(b.name, b.ssn_last4) for b in result.borrowers]
    rows[6] = [("DMITRI", 0.06), ("4755", 0.56)]  # no surname cell: half a name, not read
    result = extract_1040([Layout(ocr_page(rows))])
    assert [b.name for b in result.borrowers] == ["Thomas Lindqvist"]


def test_1040_names_under_labels_ocr_garbled_are_the_rows_with_an_ssn() -> None:
    rows = [list(row) for row in FORM_1040]
    rows[3] = [("Your flac. mame and middic initial", 0.05), ("Your soca. uecurity number", 0.72)]
    rows[4] = [("LEA", 0.06), ("OKAFOR-REYES", 0.41), ("xxx-xx- 9096", 0.73)]
    rows[5] = [("22 joint return, spouse's firat name and middle initia:", 0.05)]
    rows[6] = [("4837 Lakeview Drive", 0.06)]
    result = extract_1040([Layout(ocr_page(rows))])
    assert [(b.name, b.ssn_last4) for b in result.borrowers] == [("LEA OKAFOR-REYES", "9096")]
    [income] = result.incomes
    assert income.borrower_key is not None


def test_1040_wages_far_above_total_income_with_no_loss_are_misread() -> None:
    rows = [list(row) for row in FORM_1040]
    rows[11] = [("1a Total amount from Form(s) W-2, box 1", 0.05), ("252377393.00", 0.82)]
    rows.insert(
        13, [("9 Add lines 1z, 2b, 3b. This is your total income", 0.05), ("264,834.00", 0.82)]
    )
    result = extract_1040([Layout(ocr_page(rows))])
    assert result.incomes == []
    assert result.fields["check_wages"].startswith("failed: wages 252377393.00 above")
    # a loss on the return can bring total income below the wages
    rows[11] = [("1a Total amount from Form(s) W-2, box 1", 0.05), ("290,000.00", 0.82)]
    rows.insert(13, [("8 Additional income from Schedule 1, line 10", 0.05), ("(30,000.00)", 0.82)])
    [income] = extract_1040([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("290000.00")
    # and wages within a capital loss ($3,000) of it stand
    del rows[13]
    rows[11] = [("1a Total amount from Form(s) W-2, box 1", 0.05), ("267,000.00", 0.82)]
    [income] = extract_1040([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("267000.00")


def test_voe_employee_named_with_an_initial_glued_to_the_surname_after_a_misread_verb() -> None:
    rows = [
        [("FRESNO UNIFIED SCHOOL DISTRICT", 0.05)],
        [("06-Dec-2023", 0.05)],
        [("This letter corifirms that Léa D.Ramanathan has been employed by Fresno Unified", 0.05)],
        [("School District since March 13, 2013.", 0.05)],
        [("The current base pay is $4,403.85 bi-weekly.", 0.05)],
    ]
    result = extract_voe([Layout(ocr_page(rows))])
    assert [b.name for b in result.borrowers] == ["Léa D. Ramanathan"]


def test_account_numbers_with_specks_ocr_read_around_them() -> None:
    assert parse_account_number('45907-021-8846\u00b0"') == "45907-021-8846"
    assert parse_labelled_account_number("+9992") == "***9992"  # the mask read as one "+"
    assert parse_account_number("+9992") is None  # (not after a label: a store number)


def test_figures_equally_near_in_a_cell_that_ran_on_go_to_the_label_they_stand_under() -> None:
    """OCR ran a summary's box 1 heading on across the next headings, so its cell holds every
    figure of the row below, about equally near (the figure beside it a hair nearer: a scan's
    skew). The one under the heading itself is box 1's, the next the next heading's."""
    words = [
        Word(text, left, 0.2, len(text) * CHAR, ROW, 0.9, line=0)
        for text, left in (
            ("Wages,", 0.392), ("Tips,", 0.45), ("Other", 0.491), ("Comp.", 0.537),
            ("Social", 0.606), ("Security", 0.656), ("Wages", 0.721),
        )
    ] + [
        Word("229,427.55", 0.508, 0.2186, 0.076, ROW, 0.9, line=1),
        Word("132,900.00", 0.695, 0.2184, 0.076, ROW, 0.9, line=1),
    ]  # fmt: skip
    layout = Layout(Page(1, "", TextMethod.OCR, tuple(words)))
    [box1] = layout.find("wages, tips, other comp")
    [box3] = layout.find("social security wages")
    found = layout.rank_values([box1, box3], parse_money)
    assert [t.text if t else None for t in found] == ["229,427.55", "132,900.00"]


def test_voe_ocr_reads_of_a_boxed_tick_an_r_and_lost_spaces() -> None:
    """A boxed X whose left edge reads as an O ("OX]"; an empty box reads "O)" or "C1"), an
    r read as an f ("hourly fate"), a space read as a quote ("verification'that") or lost
    ("asa")."""
    form = ocr_page(
        [
            [("Request for Verification of Employment", 0.05)],
            [("7. Name and Address of Applicant", 0.05)],
            [("Jolene G Delgado", 0.06)],
            [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
            [("$ 61.93", 0.06), ("Avg hours/week: 36", 0.20)],
            [("C1 Annual", 0.06), ("OX] Hourly", 0.25)],
            [("O) Monthly", 0.06), ("Oo Other", 0.25)],
        ]
    )
    [income] = extract_voe([Layout(form)]).incomes
    assert income.amount == Decimal("115932.96")  # 61.93 x 36 x 52
    letter = ocr_page(
        [
            [("Prairie Wind Home Health", 0.05)],
            [("Please accept this letter as verification'that Thaddeus K Trevelyan is", 0.05)],
            [("currently employed with Prairie Wind Home Health asa Operations", 0.05)],
            [("Supervisor. Thaddeus is paid an hourly fate of $59.05 at 37.5 hours per", 0.05)],
            [("week. In 2020 he also received a bonus of $9,703.00.", 0.05)],
        ]
    )
    result = extract_voe([Layout(letter)])
    assert [b.name for b in result.borrowers] == ["Thaddeus K Trevelyan"]
    [income] = result.incomes
    assert (income.amount, income.employer) == (Decimal("115147.50"), "Prairie Wind Home Health")


def test_w2_box_1_one_digit_from_the_boxes_that_print_its_figure_is_not_exported() -> None:
    """Box 1 one digit above box 5, or one digit from the state wages, is a digit OCR
    misread in one of them; which digit was printed is not known, so box 1 is not exported.
    Below box 5 by one digit (pre-tax deferrals of a round figure) it stands."""

    def rows(box3_and_5: str) -> list[list[tuple[str, float]]]:
        return [
            [(t.replace("121,601.94", "{box5}").format(box5=box3_and_5), x) for t, x in row]
            for row in W2_GRID
        ]

    above = extract_w2([Layout(ocr_page(rows("114,305.32")))])  # box 1 114,305.82
    assert above.incomes == []
    assert above.fields["check_boxes"] == (
        "failed: box 1 114305.82 is box 5 114305.32 but for one digit"
    )
    below = extract_w2([Layout(ocr_page(rows("114,805.82")))])
    assert [i.amount for i in below.incomes] == [Decimal("114305.82")]
    state = [
        *rows("121,601.94"),
        [("15 State Employer's state ID number 16 State wages, tips, etc.", 0.05)],
        [("MA 674-94-232", 0.06), ("114,305.32", 0.64)],
    ]
    assert extract_w2([Layout(ocr_page(state))]).incomes == []
    state[-1] = [("MA 674-94-232", 0.06), ("114,305.82", 0.64)]
    assert [i.amount for i in extract_w2([Layout(ocr_page(state))]).incomes] == [
        Decimal("114305.82")
    ]


def test_w2_summary_page_before_its_form_lends_the_employee_and_employer() -> None:
    """A payroll provider's "Employee W-2 Summary" (names on the labels' lines) is a W-2 page,
    not a pay stub's, and the form after it, whose name cells OCR garbled, takes its employee
    and employer."""
    summary = ocr_page(
        [
            [("Employee W-2 Summary", 0.05), ("Tax Year 2019", 0.60)],
            [("Employee Name", 0.05), ("Inés R García-López", 0.30)],
            [("Social Security Number XXX-XX-9503", 0.05)],
            [("Employer", 0.05), ("Sterling Mesa Construction Incorporated", 0.30)],
            [("Box1", 0.45), ("Box3", 0.62), ("Medicare", 0.80)],
            [("Wages, Tips, Other Comp.", 0.45), ("Soc Sec Wages", 0.62), ("(Box 5)", 0.80)],
            [("Total Gross Earnings", 0.05), ("$204,779.90", 0.45), ("$204,779.90", 0.62)],
            [("Reported W-2 Wages", 0.05), ("$204,779.90", 0.45), ("$132,900.00", 0.62)],
            [("Federal income tax withheld (Box 2)", 0.05), ("$24,573.59", 0.45)],
        ]
    )
    form = replace(
        ocr_page(
            [
                [("a Employee SSN XXX-XX-9503", 0.05), ("1 Wages, tips, other comp.", 0.50)],
                [("91-7064140", 0.06), ("$204,779.90", 0.64)],
                [("c Employer's name, address, and ZIP code", 0.05), ("5 Medicare wages", 0.50)],
                [("Ss terling Mesa Const: truction Incorporai te d", 0.06)],
                [("18965 Hawthorn Ln", 0.06), ("$204,779.90", 0.64)],
                [("Ann Arbor, MI 48165-3977", 0.06)],
                [("e Employee's first name an@ initial Last name", 0.05)],
                [("Inés R Garcia-L6pez", 0.06), ("DD* $5,754.70", 0.50)],
                [("17917 Yarrow Court Apt. 9", 0.06)],
                [("Coeur d'Alene, ID 83863", 0.06)],
                [("Form W-2 Wage and Tax Statement 2019", 0.05)],
            ]
        ),
        number=2,
    )
    assert classify_page(summary) == "w2"
    [result] = extract_document([summary, form])
    assert result.doc_type == "w2"
    [borrower] = result.borrowers
    assert borrower.name == "Inés R García-López"
    assert borrower.evidence.page_number == 1
    [income] = result.incomes
    assert income.amount == Decimal("204779.90")
    assert income.employer == "Sterling Mesa Construction Incorporated"
    assert income.borrower_key == borrower.key


def test_employer_legal_form_garbled_in_a_sentence_takes_the_letterheads() -> None:
    letter = ocr_page(
        [
            [("Blue Heron Data Systems L.L.C.", 0.05)],
            [("17926 Nettle Terrace", 0.05)],
            [("RE: Verification of Employment", 0.05)],
            [("This is to confirm that Thaddeus K Trevelyan is employed with", 0.05)],
            [("Blue Heron Data Systems Ls L.G since Feb 11, 2019.", 0.05)],
            [("His current base salary is $96,000.00 annually.", 0.05)],
        ]
    )
    [income] = extract_document([letter])[0].incomes
    assert income.employer == "Blue Heron Data Systems L.L.C."


def test_ocr_slips_in_a_stub_and_a_letter() -> None:
    """ "rn" read as "m" in a label ("Gross Eamings"), a field ("Soc Sec #: xxx-xx-6199") at the
    top of a stub with no company name is no employer, "per yeat" is per year, and a speck read
    as a dash before a middle initial ("HOLLIS -F NUNEZ") is not part of the name."""
    stub = ocr_page(
        [
            [("Earnings Statement", 0.05)],
            [("Employee Name: MARISOL K ZIELINSKI", 0.05)],
            [("Soc Sec #: xxx-xx-6199", 0.05)],
            [("Start Date: Aug 4, 2022", 0.05)],
            [("Period Ending: Aug 10, 2022", 0.05)],
            [("Date Paid: Aug 15, 2022", 0.05)],
            [("CURRENT PERIOD", 0.05)],
            [("Regular: 962.80", 0.05)],
            [("Gross Earnings: 962.80", 0.05)],
            [("Take Home Pay: 748.39", 0.05)],
            [("YTD", 0.05)],
            [("Regular: 29,991.22", 0.05)],
            [("Gross Eamings: 34,892.30", 0.05)],
            [("Take Home Pay: 27,203.81", 0.05)],
        ]
    )
    incomes = extract_paystub([Layout(stub)]).incomes
    assert sorted((i.period, i.amount, i.employer) for i in incomes) == [
        ("weekly", Decimal("962.80"), None),
        ("ytd", Decimal("34892.30"), None),
    ]
    letter = ocr_page(
        [
            [("SUMMIT RIDGE MEDICAL CENTER LTD.", 0.05)],
            [("Re: Employment Verification for EVERETT GARCIA-LOPEZ", 0.05)],
            [("We are writing to verify the employment of Everett Garcia-Lopez, who has", 0.05)],
            [("worked for Summit Ridge Medical Center Ltd. since 2012-02-07.", 0.05)],
            [("The current base pay is $167,000.00 per yeat. Year-to-date gross earnings", 0.05)],
        ]
    )
    [income] = extract_voe([Layout(letter)]).incomes
    assert (income.amount, income.period) == (Decimal("167000.00"), "annual")
    assert person_name("HOLLIS -F  NUNEZ") == "HOLLIS F NUNEZ"


def test_more_ocr_slips_in_letters_and_statements() -> None:
    """A speck read as a colon after "employment" or as a dash before "hours"; a digit of
    the last four behind a mask read as the letter it looks like ("*#**B024")."""
    letter = ocr_page(
        [
            [("Sterling Mesa Medical Center LLC", 0.05)],
            [("We are writing to verify the employment: of Léa O'Donnell, who has worked", 0.05)],
            [
                (
                    "for Sterling Mesa Medical Center LLC since Jan 25, 2020 and is employed as a",
                    0.05,
                )
            ],
            [("nurse. The current rate of pay is $50.08 per hour, 24 -hours per week.", 0.05)],
        ]
    )
    result = extract_voe([Layout(letter)])
    assert [b.name for b in result.borrowers] == ["Léa O'Donnell"]
    assert [i.amount for i in result.incomes] == [Decimal("62499.84")]  # 50.08 x 24 x 52
    assert parse_account_number("*#**B024") == "*#**8024"
    assert parse_account_number("xxxxO123") == "xxxx0123"
    assert parse_account_number("****6G19") is None  # a G is a 6 as often as anything else
    assert parse_account_number("****AB24") is None  # two letters: not a misread digit


def test_a_figure_on_another_labels_row_is_that_labels() -> None:
    """A substitute W-2's labelled rows with dot leaders: the figure under box 1's label but on
    box 2's row ("Fed. income tax withheld") is box 2's; box 1's is the one on its own row."""
    rows = [
        [("Substitute Form W-2 2021", 0.05)],
        [("Employer", 0.05), ("Employee", 0.50)],
        [("KESTREL ARCHITECTS, INC.", 0.05), ("Thaddeus K Lindgren", 0.50)],
        [("Box 1 Wages, tips, other compensation ..........", 0.10), ("244,348.55", 0.80)],
        [("Box 2 Fed. income tax withheld ..........", 0.10), ("39,095.77", 0.80)],
        [("Box 3 Social security wages ..........", 0.10), ("142,800.00", 0.80)],
        [("Box 5 Medicare wages and tips ..........", 0.10), ("244,348.55", 0.80)],
    ]
    result = extract_w2([Layout(replace(ocr_page(rows), method=TextMethod.TEXT_LAYER))])
    assert (result.fields["box1"], result.fields["box2"]) == ("244348.55", "39095.77")
    assert [i.amount for i in result.incomes] == [Decimal("244348.55")]


def test_voe_letter_naming_base_pay_and_overtime_in_one_sentence_has_no_income_history() -> None:
    """A letter's line that names base pay and overtime is prose, not the header of a table
    of years, and "2022 was $4,223.00; overtime ..." is no year's base pay: the rate stands."""
    rows = [
        [("Re: Employment for Noelle Quinones", 0.05)],
        [("We are writing to verify the employment of Noelle Quinones, who has worked for", 0.05)],
        [("Oakhurst Insurance Agency since 22-Nov-2012 and is employed as a Truck Driver.", 0.05)],
        [("The current base pay is $12,937.50 monthly. Overtime paid in", 0.05)],
        [("2022 was $4,223.00; overtime is not guaranteed to continue.", 0.05)],
    ]
    layout = Layout(ocr_page(rows))
    assert yearly_base(layout) == []
    [income] = extract_voe([layout]).incomes
    assert (income.amount, income.period) == (Decimal("155250.00"), "annual")


def test_voe_hours_after_their_label_and_a_rate_whose_words_ocr_specked() -> None:
    # "Avg. hours/week: 40" as OCR glued it; the rate is hourly by its ticked box
    form = [
        [("Request for Verification of Employment", 0.05)],
        [("7. Name and Address of Applicant", 0.05)],
        [("Ulysses M Hargreaves", 0.06)],
        [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
        [("$ 54.92", 0.06), ("Avg: hours/weeks40)", 0.16)],
        [("D Annual", 0.06), ("IX] Hourly", 0.20)],
    ]
    [income] = extract_voe([Layout(ocr_page(form))]).incomes
    assert income.amount == Decimal("114233.60")  # 54.92 x 40 x 52
    # a comma and a dash OCR set between the words of "an hourly rate of"
    letter = [
        [("SUBJECT: Verification of Employment and Income - CORNELIUS M VASQUEZ", 0.05)],
        [("Please accept this letter as verification that Cornelius M Vasquez is employed", 0.05)],
        [("with Quarry Lane Construction L.L.C. as a Teacher since 11/24/2009.", 0.05)],
        [("Cornelius is paid an hourly, rate-of $36.08 at 40 hours per week.", 0.05)],
    ]
    [income] = extract_voe([Layout(ocr_page(letter))]).incomes
    assert income.amount == Decimal("75046.40")  # 36.08 x 40 x 52


def test_w2_figure_right_aligned_in_its_cell_is_not_the_next_numbered_cells() -> None:
    """Stacked boxes on a tilted scan, figures set at their cells' right ends: box 1's figure
    ends just left of box 2's number, nearer box 2's label than box 1's, and a speck ("aC")
    cut box 2's cell short of its own figure. A box number marks where its cell starts.
    (The words as tesseract read them; the rest of the page, and "compensation" which OCR
    garbled, left out.)"""
    words = [
        Word("NOELLE", 0.50784, 0.12087, 0.05176, 0.00788, 0.93, line=13),
        Word("ELLINGSEN", 0.5698, 0.11936, 0.07882, 0.00818, 0.91, line=13),
        Word("10451", 0.5098, 0.13541, 0.04157, 0.01272, 0.93, line=19),
        Word("BRAMBLE", 0.56157, 0.13481, 0.06078, 0.00788, 0.92, line=19),
        Word("EUGENE,", 0.50941, 0.15026, 0.05804, 0.00788, 0.96, line=23),
        Word("OR", 0.57961, 0.14965, 0.01686, 0.00727, 0.96, line=23),
        Word("97413", 0.60706, 0.14814, 0.04157, 0.00818, 0.96, line=23),
        Word("1", 0.07725, 0.22599, 0.00471, 0.00576, 0.95, line=32),
        Word("Wages,", 0.0898, 0.22599, 0.03882, 0.00666, 0.96, line=32),
        Word("tips,", 0.13843, 0.22448, 0.03137, 0.00727, 0.96, line=32),
        Word("other", 0.17961, 0.22357, 0.03333, 0.00636, 0.96, line=32),
        Word("2", 0.49882, 0.21781, 0.00471, 0.00606, 0.96, line=32),
        Word("\u2018Federal", 0.50902, 0.21387, 0.04941, 0.00969, 0.82, line=32),
        Word("income", 0.56745, 0.2163, 0.03922, 0.00606, 0.96, line=32),
        Word("tax", 0.61529, 0.2163, 0.01961, 0.00545, 0.92, line=32),
        Word("aC", 0.82706, 0.21357, 0.01255, 0.00485, 0.56, line=32),
        Word(".", 0.41176, 0.22327, 0.00314, 0.00242, 0.68, line=33),
        Word("104783", 0.40627, 0.23357, 0.05294, 0.00909, 0.56, line=36),
        Word(".76", 0.46392, 0.23326, 0.02353, 0.00818, 0.56, line=36),
        Word("15717.56", 0.83686, 0.22508, 0.07176, 0.00909, 0.9, line=36),
        Word("tax", 0.19333, 0.42593, 0.01961, 0.00515, 0.96, line=64),
        Word(".", 0.79882, 0.41503, 0.00314, 0.00242, 0.6, line=64),
        Word(".", 0.49059, 0.42472, 0.00314, 0.00242, 0.66, line=65),
        Word(".", 0.67922, 0.42957, 0.00314, 0.00242, 0.47, line=67),
        Word(".", 0.17294, 0.44411, 0.00314, 0.00242, 0.84, line=68),
    ]
    page = Page(1, "W-2", TextMethod.OCR, tuple(words))
    fields = extract_w2([Layout(page)]).fields
    assert (fields["box1"], fields["box2"]) == ("104783.76", "15717.56")
    # a box's rule and a speck after the cents
    assert parse_money("141119.82).") == Decimal("141119.82")


def test_initial_glued_to_a_name_word_is_split_where_another_printing_sets_it_apart() -> None:
    """A check's payee line glued the middle initial to the surname, and OCR doubted it; the
    stub's own line prints the three words apart."""
    layout = Layout(
        ocr_page(
            [
                [("Pay to the order of ANDRES NCASTELLANOS", 0.05), ("$**2,801.72", 0.80)],
                [("Pay To", 0.05), ("ANDRES N CASTELLANOS", 0.15)],
            ]
        )
    )
    result = ExtractionResult(doc_type="paystub", extractor="paystub", extractor_version="")
    evidence = Evidence(page_number=1, section="payee", snippet="ANDRES NCASTELLANOS")
    result.borrowers.append(
        ExtractedBorrower(key="b1", name="ANDRES NCASTELLANOS", evidence=evidence)
    )
    names.agree(result, [layout])
    assert result.borrowers[0].name == "ANDRES N CASTELLANOS"


def test_joint_holder_whose_given_name_a_speck_point_follows_is_in_its_order() -> None:
    # "VIVIENNE. IWASAKI" reads like "LAST. FIRST" alone; the other holder's surname says not
    assert split_joint_names("OSWALDO T IWASAKI OR VIVIENNE. IWASAKI") == [
        "OSWALDO T IWASAKI",
        "VIVIENNE IWASAKI",
    ]
    assert split_joint_names("OKONKWO. AGNES AND JOHN SMITH") == ["AGNES OKONKWO", "JOHN SMITH"]


@pytest.mark.parametrize("dated", ["42/20/2022", "i2-apr-2022"])
def test_voe_letter_dated_with_a_misread_day_or_month_keeps_its_year(dated: str) -> None:
    rows = [
        [("Scranton Unified School District", 0.05)],
        [("420 Thornbury Court #4C", 0.05)],
        [(dated, 0.05)],
        [("To whom it may concern,", 0.05)],
        [("We are writing to verify the employment of Wilhelmina S Norgaard, who has", 0.05)],
        [("worked for Scranton Unified School District and is presently employed.", 0.05)],
        [("The current base pay is $4,000.00 per month. Overtime paid in", 0.05)],
        [("2021 was $6,490.00; overtime is not guaranteed to continue.", 0.05)],
    ]
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert (income.amount, income.year) == (Decimal("48000.00"), 2022)
    # a masked SSN is no date, though it is shaped like one
    rows[2] = [("Social Security Number XXX-XX-1928", 0.05)]
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert income.year is None


def test_1005_hourly_rate_whose_tick_was_lost_is_weighed_at_the_hours_the_form_prints() -> None:
    """No period box reads as ticked; at the 24 hours a week the form prints, only hourly puts
    $70.69 in line with the years' base pay (at a 40-hour week it would not be)."""
    rows = [
        [("Request for Verification of Employment", 0.05)],
        [("7. Name and Address of Applicant", 0.05)],
        [("Odette Grunewald", 0.06)],
        [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.05)],
        [("Year To Date", 0.55), ("Past Year", 0.70), ("Past Year", 0.85)],
        [("$70.69", 0.06), ("Avg. hours/week: 24", 0.16), ("Thru 14/21/2022", 0.55),
         ("2021", 0.70), ("2020", 0.85)],
        [("O Annual", 0.06), ("Hourly", 0.20), ("Base Pay", 0.40), ("$80,067.78", 0.55),
         ("$82,927.85", 0.70), ("$77,634.59", 0.85)],
        [("O Monthly", 0.06), ("Other Specify", 0.20), ("Overtime", 0.40), ("$1,752.33", 0.55)],
    ]  # fmt: skip
    [income] = extract_voe([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("88221.12")  # 70.69 x 24 x 52


def test_last_first_name_whose_comma_ocr_set_apart_is_the_employee_not_the_employer() -> None:
    rows = [
        [("Employment & Income Report", 0.05)],
        [("Information current as of Sep 10, 2021", 0.05)],
        [("EMPLOYEE:", 0.05), ("EMPLOYER", 0.50)],
        [("Name", 0.05), ("YARBOROUGH , FRANCESCA J", 0.15), ("Employer", 0.50),
         ("Redstone Property Management Ltd.", 0.60)],
        [("SSN", 0.05), ("XXX-XX-4796", 0.15), ("Address", 0.50),
         ("19878 Cold Spring Avenue", 0.60)],
        [("Rate of Pay: $97,250.00 Annual", 0.05)],
    ]  # fmt: skip
    result = extract_voe([Layout(ocr_page(rows))])
    [borrower] = result.borrowers
    assert borrower.name == "FRANCESCA J YARBOROUGH"
    [income] = result.incomes
    assert (income.employer, income.borrower_key) == (
        "Redstone Property Management Ltd.",
        borrower.key,
    )


def test_speck_read_as_a_quote_before_a_middle_initial() -> None:
    assert clean_name("CORNELIUS 'H MONTGOMERY") == "CORNELIUS H MONTGOMERY"
    assert clean_name("MARY O'NEIL") == "MARY O'NEIL"


def test_letter_ocr_read_twice_inside_a_name_word() -> None:
    assert clean_name("Reginald E DolezZal") == "Reginald E Dolezal"
    assert clean_name("Ronald McDonald") == "Ronald McDonald"


def test_last_first_whose_given_name_a_speck_colon_follows() -> None:
    assert clean_name("RASMUSSEN, LEA: S") == "LEA S RASMUSSEN"
    assert clean_name("Name: John Smith") is None  # a label's colon is no speck


def test_a_cells_rule_read_as_a_dash_after_a_figure_is_no_minus_sign() -> None:
    """OCR read the rule after a URLA's base figure as "-", overlapping the figure's last digit:
    it stands upright (taller than wide), so it is no trailing minus; a flat one is."""

    def words(dash_height: float) -> Page:
        ws = (
            Word("Base", 0.07, 0.775, 0.03, 0.007, 0.95, line=1),
            Word("Overtime", 0.19, 0.775, 0.05, 0.007, 0.95, line=1),
            Word("$13,106.00", 0.07255, 0.79037, 0.08745, 0.00818, 0.92, line=2),
            Word(
                "-", 0.15333, 0.78915 + 0.004 - dash_height / 2, 0.00824, dash_height, 0.92, line=2
            ),
            Word("$2,131.00", 0.18588, 0.79188, 0.07294, 0.01, 0.62, line=2),
        )
        return Page(1, "Base Overtime", TextMethod.OCR, ws)

    [line] = [ln for ln in Layout(words(0.01212)).lines if "13,106" in ln.text]
    assert [t.text for t in line.tokens] == ["$13,106.00", "-", "$2,131.00"]
    [line] = [ln for ln in Layout(words(0.0015)).lines if "13,106" in ln.text]
    assert [t.text for t in line.tokens] == ["$13,106.00-", "$2,131.00"]


def _stub_grid(current_gross: str, *, skew: float) -> Page:
    return ocr_page(
        [
            [("Riverside Methodist Hospital", 0.05), ("Earnings Statement", 0.60)],
            [("OKAFOR, KEVIN", 0.05)],
            [("Pay Period 12/18/2023 - 12/31/2023", 0.05), ("Check Date 01/05/2024", 0.60)],
            [
                ("Hours Worked", 0.20),
                ("Gross Pay", 0.36),
                ("|", 0.44),
                ("Pre Tax Deductions", 0.455),
                ("Employee Taxes", 0.62),
                ("Net Pay", 0.88),
            ],
            [
                ("Current", 0.05),
                ("80.00", 0.24),
                (current_gross, 0.37),
                ("52.38", 0.53),
                ("809.30", 0.65),
                ("2,757.88", 0.88),
            ],
            [
                ("YTD", 0.05),
                ("80.00", 0.24),
                ("3,625.44", 0.37),
                ("52.38", 0.53),
                ("809.30", 0.65),
                ("2,757.88", 0.88),
            ],
        ],
        skew=skew,
    )


@pytest.mark.parametrize("current", ["3,625.44},", "3,625.44"])
def test_summary_grid_on_a_tilted_scan_with_a_rule_between_its_header_cells(current: str) -> None:
    """A summary grid's header cells set close, a cell's rule read as a bar between two of
    them, on a scan tilted so the header line stands taller than each of its words: a figure
    under "Deductions" is not the gross, however the current row's gross was read."""
    page = _stub_grid(current, skew=0.02)
    # the rule left of the header row, read as a bar standing taller than its words
    [gross] = [w for w in page.words if w.text == "Gross"]
    rule = Word("|", 0.34, gross.top - 0.006, 0.004, ROW + 0.012, confidence=0.9, line=gross.line)
    page = replace(page, words=(*page.words, rule))
    result = extract_paystub([Layout(page)])
    amounts = {(i.period, i.amount) for i in result.incomes}
    assert amounts == {("biweekly", Decimal("3625.44")), ("ytd", Decimal("3625.44"))}


def test_a_single_earnings_line_and_the_bare_total_row_under_it_give_the_gross() -> None:
    """An accounting program's voucher: one earnings line, then the table's totals row with no
    label (hours, current, YTD); a taxes table whose column adds up too is not earnings."""
    page = ocr_page(
        [
            [("Brightwater Analytics Corp.", 0.05), ("Employee Copy", 0.60)],
            [("ROSSI, GRACE B", 0.05)],
            [("Pay Period: 12/16/2023 - 12/31/2023", 0.05), ("Pay Date: 01/05/2024", 0.55)],
            [("Earnings and Hours", 0.05), ("Qty", 0.35), ("Current", 0.55), ("YTD Amount", 0.72)],
            [("Hourly", 0.05), ("86:40", 0.35), ("3,579.47", 0.55), ("3,579.47", 0.72)],
            [("86:40", 0.35), ("3,579.47", 0.55), ("3,579.47", 0.72)],
            [("Taxes", 0.05), ("Current", 0.55), ("YTD Amount", 0.72)],
            [("Medicare Employee", 0.05), ("50.74", 0.55), ("50.74", 0.72)],
            [("50.74", 0.55), ("50.74", 0.72)],
            [("Net Pay", 0.05), ("2,511.28", 0.55), ("2,511.28", 0.72)],
        ]
    )
    result = extract_paystub([Layout(page)])
    amounts = {(i.period, i.amount) for i in result.incomes}
    assert amounts == {("semimonthly", Decimal("3579.47")), ("ytd", Decimal("3579.47"))}
    # a labelled row equal to the one above is another line, not a total
    page = ocr_page(
        [
            [("Brightwater Analytics Corp.", 0.05)],
            [("Pay Period: 12/16/2023 - 12/31/2023", 0.05), ("Pay Date: 01/05/2024", 0.55)],
            [("Earnings", 0.05), ("Current", 0.55), ("YTD Amount", 0.72)],
            [("Hourly", 0.05), ("1,200.00", 0.55), ("1,200.00", 0.72)],
            [("Holiday", 0.05), ("1,200.00", 0.55), ("1,200.00", 0.72)],
        ]
    )
    assert extract_paystub([Layout(page)]).incomes == []


def _w2_copy_of(name: str, box1: str, ssn: str) -> list[list[tuple[str, float]]]:
    return [
        [("Form W-2 Wage and Tax Statement 2023", 0.05)],
        [("a Employee's social security number", 0.05), ("1 Wages, tips, other comp.", 0.50)],
        [(ssn, 0.06), (box1, 0.64)],
        [("b Employer identification number", 0.05), ("3 Social security wages", 0.50)],
        [("23-3830313", 0.06), ("121,601.94", 0.64)],
        [("e Employee's first name and initial Last name", 0.05), ("5 Medicare wages", 0.50)],
        [(name, 0.06), ("121,601.94", 0.64)],
        [("c Employer's name, address, and ZIP code", 0.05)],
        [("Bluestem Health Partners", 0.06)],
        [("5882 Birch Way", 0.06)],
        [("Salem, MA 01935", 0.06)],
    ]


def test_w2_copies_whose_name_ocr_ran_together_without_an_ssn_are_one_w2() -> None:
    """Copies of one EIN and box 1, no SSN read, the name's middle initial glued in one
    ("HANNAHB KOWALSKI"): one W-2, under the name the printings agree on."""
    cut = [("Cut here", 0.40)]
    rows = [
        *_w2_copy_of("HANNAHB KOWALSKI", "114,305.82", "See back"),
        cut,
        *_w2_copy_of("HANNAH B KOWALSKI", "114,305.82", "See back"),
        cut,
        *_w2_copy_of("HANNAH B KOWALSKI", "114,305.82", "See back"),
    ]
    layouts = [Layout(ocr_page(rows))]
    result = extract_w2(layouts)
    names.agree(result, layouts)
    [income] = result.incomes
    [borrower] = result.borrowers
    assert income.amount == Decimal("114305.82")
    assert borrower.name == "HANNAH B KOWALSKI"
    # other names are other people's W-2s
    rows = [
        *_w2_copy_of("HANNAH B KOWALSKI", "114,305.82", "See back"),
        cut,
        *_w2_copy_of("HANNAH KOWALCZYK", "114,305.82", "See back"),
    ]
    assert len(extract_w2([Layout(ocr_page(rows))]).incomes) == 2


def test_w2_copy_with_box_1_misread_takes_the_figure_more_copies_print() -> None:
    """Copies of one SSN and EIN whose other boxes agree: box 1 read differently on one is
    a misread, the figure two copies print stands; with one copy against one, neither does."""
    cut = [("Cut here", 0.40)]
    ssn = "927-47-5322"
    rows = [
        *_w2_copy_of("Hannah Kowalski", "100,305.82", ssn),
        cut,
        *_w2_copy_of("Hannah Kowalski", "114,305.82", ssn),
        cut,
        *_w2_copy_of("Hannah Kowalski", "114,305.82", ssn),
    ]
    [income] = extract_w2([Layout(ocr_page(rows))]).incomes
    assert income.amount == Decimal("114305.82")
    rows = [
        *_w2_copy_of("Hannah Kowalski", "100,305.82", ssn),
        cut,
        *_w2_copy_of("Hannah Kowalski", "114,305.82", ssn),
    ]
    assert extract_w2([Layout(ocr_page(rows))]).incomes == []


RETURN_2023 = [
    [("Form 1040 U.S. Individual Income Tax Return 2023", 0.05)],
    [("Your first name and middle initial", 0.05), ("Last name", 0.40)],
    [("JAMES B", 0.05), ("PATEL", 0.40)],
    [("1a Total amount from Form(s) W-2, box 1 (see instructions)", 0.05), ("1a 45,777", 0.80)],
    [("b Household employee wages not reported on Form(s) W-2", 0.05), ("1b", 0.80)],
    [("c Tip income not reported on line 1a", 0.05), ("1c 2,413", 0.80)],
    [("Z sAdcdilines Jat through (ny yes oe) ayece", 0.05), ("1z 148,190", 0.80)],
]


def test_1040_line_1z_by_its_number_beside_the_amount_when_ocr_garbled_its_words() -> None:
    result = extract_1040([Layout(ocr_page(RETURN_2023))])
    [income] = result.incomes
    assert income.amount == Decimal("148190")
    # without line 1z, line 1a is not the wages when another line of them holds an amount
    result = extract_1040([Layout(ocr_page(RETURN_2023[:-1]))])
    assert result.incomes == []


def test_1099_statement_amount_column_under_a_title_line_ending_in_the_omb_number() -> None:
    page = ocr_page(
        [
            [("Lakeshore Trust Company", 0.05), ("2022 Form 1099-INT Tax Statement", 0.50)],
            [("Recipient's TIN: XXX-XX-3259", 0.05)],
            [("WHITFIELD, AISHA G", 0.05)],
            [("4473 Birchwood Ter", 0.05)],
            [("Madison, WI 53740", 0.05)],
            [
                ("Form 1099-INT: Interest Income", 0.05),
                ("Copy B for Recipient", 0.50),
                ("OMB No. 1545-0112", 0.80),
            ],
            [("Box Description", 0.05), ("Amount", 0.85)],
            [("1 Interest income (not included in box 3)", 0.05), ("5,183.14", 0.85)],
            [("2 Early withdrawal penalty", 0.05), ("0.00", 0.87)],
        ]
    )
    [income] = extract_1099([Layout(page)]).incomes
    assert income.amount == Decimal("5183.14")


def test_ocr_slips_in_figures_dates_periods_and_names() -> None:
    # a cell's rule glued to a figure, with a speck or the next box's print after it
    assert parse_money("3,625.44},") == Decimal("3625.44")
    assert parse_money("52,140.61|2Q20") == Decimal("52140.61")
    assert parse_money("1234.56|2020") is None  # no grouping and cents: not surely a figure
    # a month name run into its day, a rule before it
    assert parse_date_value("Jun6, 2023") == date(2023, 6, 6)
    assert parse_date_value("|Jun9,2023.") == date(2023, 6, 9)
    assert parse_date_value("Mayfair12 2023") is None
    # an accent OCR set on a letter of a pay period ("Other (Specify) Sémimonthly")
    assert period_of("Sémimonthly") == "semimonthly"
    # a speck read as a full stop before a middle initial
    assert clean_name("ABERNATHY, NADIA .P") == "NADIA P ABERNATHY"
    # a loan's kind run into the word
    assert account_type_of("AUTOLOAN ID XXXXXX9466") == "loan"


def test_one_account_number_printed_twice_is_one_account_whatever_the_second_suggests() -> None:
    """A credit union's summary row names the loan; its section heading, the loan's kind run
    into the word, sits under the money market's section: still one account, the loan."""
    page = ocr_page(
        [
            [
                ("HERITAGE FEDERAL CREDIT UNION", 0.05),
                ("Statement Period 02/01/2024 - 02/29/2024", 0.5),
            ],
            [("NADIA G SCHMIDT", 0.05)],
            [("5177 HARBOR VIEW BLVD", 0.05)],
            [("TUCSON AZ 85766", 0.05)],
            [("Account", 0.05), ("ID", 0.30), ("Balance", 0.60)],
            [("Money Market Savings", 0.05), ("XXXXXX3790", 0.30), ("40,284.12", 0.60)],
            [("Auto Loan", 0.05), ("XXXXXX9466", 0.30), ("4,948.00", 0.60)],
            [("MONEY MARKET SAVINGS ID XXXXXX3790", 0.05)],
            [("02/01 Dividend 12.50 40,284.12", 0.05)],
            [("AUTOLOAN ID XXXXXX9466", 0.05)],
            [("02/02 Payment 400.00 4,948.00", 0.05)],
        ]
    )
    result = extract_bank_statement([Layout(page)])
    assert sorted((a.number[-4:], a.account_type) for a in result.accounts) == [
        ("3790", "money_market"),
        ("9466", "loan"),
    ]


def test_a_middle_initial_with_a_speck_after_it_votes_with_its_other_printings() -> None:
    rows = [
        [("JAMAL LE JOHNSON OR JAMES JOHNSON", 0.05)],
        [("Beginning balance $4,984.00", 0.05), ("JAMAL L JOHNSON", 0.60)],
        [("Ending balance $5,100.00", 0.05), ("JAMAL L JOHNSON", 0.60)],
    ]
    result = ExtractionResult(doc_type="bank_statement", extractor="test", extractor_version="1")
    evidence = Evidence(page_number=1, section="test", snippet="JAMAL LE JOHNSON")
    result.borrowers.append(ExtractedBorrower(key="b1", name="JAMAL LE JOHNSON", evidence=evidence))
    names.agree(result, [Layout(ocr_page(rows))])
    assert result.borrowers[0].name == "JAMAL L JOHNSON"


def test_a_copys_instructions_whose_title_ocr_wrapped_stay_with_the_form() -> None:
    form = ocr_page(
        [
            [("PAYER'S name, street address", 0.05), ("1 Nonemployee compensation", 0.50)],
            [("Granite Peak Builders Inc", 0.05), ("$ 11,736.34", 0.52)],
            [("Form 1099-NEC", 0.50), ("2021", 0.70)],
            [("RECIPIENT'S name", 0.05)],
            [("ROBERT MCALLISTER", 0.05)],
        ]
    )
    back = ocr_page(
        [
            [("Instructions for", 0.05)],
            [(". Recipient", 0.08)],
            [("Box 1. Shows nonemployee compensation. Report it on Schedule C (Form 1040)", 0.05)],
            [
                (
                    "Form 1065 and Schedule K-1 (Form 1065) if a partnership, Schedule SE",
                    0.05,
                )
            ],
        ]
    )
    back = replace(back, number=2)
    [result] = extract_document([form, back])
    assert result.doc_type == "form_1099"
    assert result.pages == (1, 2)


def test_w2_text_listing_with_the_employer_beside_its_label() -> None:
    """A pay centre's text-only W-2: each box a line, the employer's name on its label's own
    line and its address under it; the name is spelled as printed ('SERVICE' is a word)."""
    rows = [
        [("2020 W-2 WAGE AND TAX STATEMENT", 0.05), ("OMB NO. 1545-0029", 0.60)],
        [("A EMPLOYEE'S SSN", 0.05), ("XXX-XX-9481", 0.45)],
        [("B EMPLOYER ID NUMBER", 0.05), ("90-3124403", 0.45)],
        [("C EMPLOYER NAME/ADDRESS", 0.05), ("DEFENSE FINANCE AND ACCOUNTING SERVICE", 0.45)],
        [("24935 ASHBURY TER", 0.45)],
        [("UTICA, NY 13507", 0.45)],
        [("E EMPLOYEE NAME", 0.05), ("ZIELINSKI II JOSEPHINE", 0.45)],
        [("F EMPLOYEE ADDRESS", 0.05), ("15308 IRONWOOD RD", 0.45)],
        [("PROVO, UT 84678", 0.45)],
        [("WAGES, TIPS, OTHER COMP", 0.05), ("20,417.66", 0.45)],
        [("FEDERAL INCOME TAX WITHHELD", 0.05), ("3,418.38", 0.45)],
        [("SOCIAL SECURITY WAGES", 0.05), ("22,541.03", 0.45)],
    ]
    [income] = extract_w2([Layout(ocr_page(rows))]).incomes
    assert (income.amount, income.employer) == (
        Decimal("20417.66"),
        "DEFENSE FINANCE AND ACCOUNTING SERVICE",
    )


def test_a_name_labels_caption_run_together_beside_it_is_no_name() -> None:
    assert clean_name("Lastname Suff.") is not None  # name-like on its own ...
    page = ocr_page(
        [
            [("e Employee's first name and initial", 0.05), ("Lastname Suff.", 0.40)],
            [("JOSEPHINE ZIELINSKI", 0.06)],
        ]
    )
    # ... but beside a name label it is the label's next caption
    layout = Layout(page)
    [hit] = layout.find("employee's first name and initial")
    assert party_beside(layout, hit, person=True) is None


def test_scanned_1099_box_of_a_few_dollars_is_a_misread_zero() -> None:
    page = ocr_page(
        [
            [("NORTHSTAR BROKERAGE CORPORATION", 0.05)],
            [("RECIPIENT'S Name and Address", 0.05)],
            [("MARISOL WHITFIELD", 0.05)],
            [("2022 1099-MISC* Miscellaneous Information", 0.05)],
            [("2 Royalties", 0.05), ("0.00", 0.85)],
            [("8 Substitute Payments in Lieu of Dividends or Interest", 0.05), ("6.00", 0.85)],
        ]
    )
    assert extract_1099([Layout(page)]).incomes == []
    # a text layer's figure is as printed
    assert len(extract_1099([Layout(replace(page, method=TextMethod.TEXT_LAYER))]).incomes) == 1


def test_w2_copy_whose_year_ocr_garbled_is_a_copy_of_the_one_that_reads() -> None:
    ssn = "927-47-5322"
    second = _w2_copy_of("Hannah Kowalski", "114,305.82", ssn)
    second[0] = [("Form W-2 Wage and Tax Statement", 0.05)]
    pages = [ocr_page(_w2_copy_of("Hannah Kowalski", "114,305.82", ssn)), ocr_page(second)]
    [income] = extract_w2([Layout(replace(p, number=n)) for n, p in enumerate(pages, 1)]).incomes
    assert (income.amount, income.year) == (Decimal("114305.82"), 2023)


def test_staffing_agencys_employment_verification_is_a_voe() -> None:
    page = ocr_page(
        [
            [("Summit Trace Talent Group Inc.", 0.05)],
            [("ASSIGNMENT & EMPLOYMENT VERIFICATION", 0.05)],
            [("Employment status W-2 Temporary Employee", 0.05)],
            [("Client / worksite Hollis & Pratt Software Incorporated", 0.05)],
            [("\u201cYTD gross earnings \u201c$44,929.37", 0.05)],
            [("2021 W-2 wages. $67,591.39", 0.05)],
            [("Pay rate (hourly) $26.60", 0.05)],
            [("Overtime rate $39.90", 0.05)],
            [("Pay frequency Weekly (Friday)", 0.05)],
            [("is the employ er of record and issues the employee's Form W-2.", 0.05)],
        ]
    )
    assert classify_page(page) == "voe"


def test_initial_a_speck_glued_to_the_given_name_in_a_last_first_printing() -> None:
    assert clean_name("KIM, PATRICK'K") == "PATRICK K KIM"
    rows = [
        [("KIM, PATRICK\u2019K", 0.05)],
        [("1173 Prospect Ave", 0.05)],
        [("Name", 0.05), ("Pay Date", 0.40)],
        [("KIM, PATRICKK", 0.05), ("06/09/2023", 0.40)],
    ]
    result = ExtractionResult(doc_type="paystub", extractor="test", extractor_version="1")
    evidence = Evidence(page_number=1, section="test", snippet="PATRICKK KIM")
    result.borrowers.append(ExtractedBorrower(key="b1", name="PATRICKK KIM", evidence=evidence))
    names.agree(result, [Layout(ocr_page(rows))])
    assert result.borrowers[0].name == "PATRICK K KIM"


def test_w2_summarys_box_table_with_its_amount_column_far_right() -> None:
    """A wage summary's table, "Box  Description  Amount": each row's figure is its label's
    however far right the Amount column is, when nothing stands between them."""
    rows = [
        [("Employee W-2 Summary Tax Year 2020", 0.05)],
        [("Employee", 0.05), ("Employer", 0.50)],
        [("THOMAS S JOHNSON", 0.05), ("GOLDEN GATE HOSPITALITY GROUP", 0.50)],
        [("1959 MAGNOLIA DR", 0.05), ("491 LINCOLN PL", 0.50)],
        [("RENO, NV 89593", 0.05), ("FRESNO, CA 93707", 0.50)],
        [("SSN: XXXXX6203", 0.05), ("EIN: 57-1003768", 0.50)],
        [("Box", 0.05), ("Description", 0.12), ("Amount", 0.85)],
        [("1", 0.05), ("Federal wages", 0.12), ("53411.63", 0.86)],
        [("2", 0.05), ("Fed income tax", 0.12), ("6677.50", 0.87)],
    ]
    page = replace(ocr_page(rows), method=TextMethod.TEXT_LAYER)
    [income] = extract_w2([Layout(page)]).incomes
    assert income.amount == Decimal("53411.63")
