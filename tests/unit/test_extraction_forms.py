"""W-2, 1099 and 1040 extractors on hand-built pages: positions, copies, OCR noise."""

from __future__ import annotations

from decimal import Decimal

from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.extraction import classify_page, extract_document
from pipeline.extraction.form1040 import extract_1040
from pipeline.extraction.form1099 import extract_1099
from pipeline.extraction.layout import Layout
from pipeline.extraction.w2 import extract_w2

CHAR = 0.008  # width of one character, as a fraction of the page
ROW = 0.012


def cell(text: str, left: float, top: float, conf: float = 1.0) -> list[Word]:
    """Words of ``text`` laid out left to right from (left, top)."""
    words = []
    x = left
    for part in text.split():
        words.append(Word(part, x, top, len(part) * CHAR, ROW, confidence=conf))
        x += (len(part) + 1) * CHAR
    return words


def page(cells: list[list[Word]], method: TextMethod = TextMethod.TEXT_LAYER, n: int = 1) -> Page:
    words = [w for c in cells for w in c]
    # the text in drawing order, as a scrambled PDF would give it
    return Page(number=n, text="\n".join(w.text for w in words), method=method, words=tuple(words))


def w2_cells(top: float, *, box1: str, box3: str, ssn: str, conf: float = 1.0) -> list[list[Word]]:
    t = top
    return [
        cell("a Employee's social security number", 0.20, t, conf),
        cell(ssn, 0.22, t + 0.015, conf),
        cell("b Employer identification number (EIN)", 0.05, t + 0.03, conf),
        cell("1 Wages, tips, other compensation", 0.55, t + 0.03, conf),
        cell("2 Federal income tax withheld", 0.76, t + 0.03, conf),
        cell("12-3456789", 0.07, t + 0.045, conf),
        cell("c Employer's name, address, and ZIP code", 0.05, t + 0.06, conf),
        cell("3 Social security wages", 0.55, t + 0.06, conf),
        cell("4 Social security tax withheld", 0.76, t + 0.06, conf),
        cell("Acme Widgets LLC", 0.07, t + 0.075, conf),
        cell("500 Industrial Way", 0.07, t + 0.09, conf),
        cell("Dayton, OH 45402", 0.07, t + 0.105, conf),
        cell("e Employee's first name and initial Last name", 0.05, t + 0.13, conf),
        cell("Jane Q Public", 0.07, t + 0.145, conf),
        cell("42 Elm Street Apt 3", 0.07, t + 0.16, conf),
        cell("Springfield, IL 62704-1234", 0.07, t + 0.175, conf),
        cell("Form W-2 Wage and Tax Statement 2023", 0.05, t + 0.2, conf),
        # values drawn after all labels, box 3 before box 1
        cell(box3, 0.60, t + 0.075, conf),
        cell("4,321.00", 0.80, t + 0.045, conf),
        cell(box1, 0.60, t + 0.045, conf),
    ]


def test_w2_pairs_values_with_labels_by_position() -> None:
    p = page(w2_cells(0.05, box1="48,500.00", box3="52,000.00", ssn="123-45-6789"))
    assert classify_page(p) == "w2"
    result = extract_w2([Layout(p)])
    assert [i.amount for i in result.incomes] == [Decimal("48500.00")]
    income = result.incomes[0]
    assert (income.period, income.year, income.source_type) == ("annual", 2023, "w2")
    assert income.employer == "Acme Widgets LLC"
    assert income.evidence.section == "W-2 box 1"
    assert income.evidence.bbox is not None
    [borrower] = result.borrowers
    assert borrower.name == "Jane Q Public"
    assert borrower.ssn == "123456789"
    assert borrower.address is not None
    assert (borrower.address.street, borrower.address.zip) == ("42 Elm Street Apt 3", "62704")
    assert income.borrower_key == borrower.key
    assert result.fields["ein"] == "12-3456789"
    assert result.fields["box3"] == "52000.00"
    assert result.fields["box2"] == "4321.00"


def test_w2_copies_of_the_same_form_count_once_and_different_forms_twice() -> None:
    copies = page(
        w2_cells(0.02, box1="48,500.00", box3="52,000.00", ssn="123-45-6789")
        + w2_cells(0.52, box1="48,500.00", box3="52,000.00", ssn="123-45-6789")
    )
    assert len(extract_w2([Layout(copies)]).incomes) == 1
    two = page(
        w2_cells(0.02, box1="48,500.00", box3="52,000.00", ssn="123-45-6789")
        + w2_cells(0.52, box1="7,250.10", box3="7,250.10", ssn="123-45-6789")
    )
    result = extract_w2([Layout(two)])
    assert sorted(i.amount for i in result.incomes) == [Decimal("7250.10"), Decimal("48500.00")]
    assert len(result.borrowers) == 1  # one person, two employers' forms


def test_w2_from_noisy_ocr() -> None:
    cells = w2_cells(0.05, box1="48,5OO.00", box3="52,000.00", ssn="l23-45-6789", conf=0.7)
    # OCR misspells labels and drops the "$"/separators
    cells[3] = cell("1 Wages, tips, othar comp.", 0.55, 0.08, 0.6)
    p = page(cells, TextMethod.OCR)
    result = extract_w2([Layout(p)])
    assert [i.amount for i in result.incomes] == [Decimal("48500.00")]
    assert result.incomes[0].confidence < 0.8
    assert result.borrowers[0].ssn == "123456789"


def test_w2_without_word_boxes_uses_text_lines() -> None:
    text = "\n".join(
        [
            "Form W-2 Wage and Tax Statement 2022",
            "Employee SSN: 987-65-4329      Employer EIN: 11-2233445",
            "Box 1  Wages, tips, other comp.   61,234.56",
            "Box 3  Social security wages      65,000.00",
            "EMPLOYEE                          EMPLOYER",
            "Maria Lopez                       Northwind Traders",
            "9 Oak Ave                         1 Harbor Rd",
            "Austin, TX 78701                  Tacoma, WA 98402",
        ]
    )
    p = Page(number=1, text=text, method=TextMethod.TEXT_LAYER)
    result = extract_document([p])[0]
    assert result.doc_type == "w2"
    assert [i.amount for i in result.incomes] == [Decimal("61234.56")]
    assert result.incomes[0].year == 2022
    assert result.incomes[0].evidence.bbox is None  # no word boxes, no invented box
    assert result.borrowers[0].name == "Maria Lopez"
    assert result.borrowers[0].ssn == "987654329"


def nec_page(amount: str, tin: str = "***-**-1412") -> Page:
    return page(
        [
            cell("PAYER'S name, street address, city or town, ZIP code", 0.05, 0.05),
            cell("1 Nonemployee compensation", 0.50, 0.05),
            cell("Form 1099-NEC", 0.78, 0.05),
            cell("Trailhead Events Inc.", 0.06, 0.07),
            cell("2514 Commerce Parkway", 0.06, 0.085),
            cell(amount, 0.66, 0.085),
            cell("Omaha, NE 68102", 0.06, 0.10),
            cell("2 Payer made direct sales totaling $5,000 or more", 0.50, 0.10),
            cell("For calendar year 2023", 0.78, 0.10),
            cell("PAYER'S TIN", 0.05, 0.14),
            cell("RECIPIENT'S TIN", 0.28, 0.14),
            cell("58-4970495", 0.05, 0.155),
            cell(tin, 0.28, 0.155),
            cell("RECIPIENT'S name", 0.05, 0.18),
            cell("Daniel Mbeki", 0.05, 0.195),
            cell("Street address (including apt. no.)", 0.05, 0.21),
            cell("6832 Cedar Lane", 0.05, 0.225),
            cell("City or town, state or province, and ZIP code", 0.05, 0.24),
            cell("Arlington, VA 22279", 0.05, 0.255),
        ]
    )


def test_1099_nec_main_box_not_a_number_in_running_text() -> None:
    p = nec_page("$ 26,269.14")
    assert classify_page(p) == "form_1099"
    result = extract_1099([Layout(p)])
    [income] = result.incomes
    assert income.amount == Decimal("26269.14")
    assert (income.source_type, income.year, income.employer) == (
        "1099_nec",
        2023,
        "Trailhead Events Inc.",
    )
    [b] = result.borrowers
    assert (b.name, b.ssn, b.ssn_last4) == ("Daniel Mbeki", None, "1412")
    assert b.address is not None and b.address.city == "Arlington"
    assert result.fields["payer_tin"] == "58-4970495"


def test_1099_variants() -> None:
    lines = [
        "Northstar Investments  2023 Tax Information Statement",
        "Form 1099-DIV Dividends and Distributions",
        "HANNAH KOWALSKI  Recipient's TIN: ***-**-5081",
        "8881 SUNSET TERRACE",
        "GEORGETOWN, TX 78630",
        "1a Total ordinary dividends   $1,401.07",
        "1b Qualified dividends        $900.00",
    ]
    p = Page(number=1, text="\n".join(lines), method=TextMethod.TEXT_LAYER)
    result = extract_1099([Layout(p)])
    [income] = result.incomes
    assert (income.amount, income.source_type) == (Decimal("1401.07"), "1099_div")
    assert income.employer == "Northstar Investments"
    assert result.borrowers[0].ssn_last4 == "5081"


def test_1040_joint_return() -> None:
    lines = [
        "Form 1040 Department of the Treasury  U.S. Individual Income Tax Return  2023",
        "Filing Status  Single  X Married filing jointly  Head of household",
        "Your first name and middle initial  Last name            Your social security number",
        "Caleb              Delacroix                             901-30-9609",
        "If joint return, spouse's first name and middle initial  Spouse's social security number",
        "Elena              Delacroix                             946-72-6717",
        "Home address (number and street). If you have a P.O. box, see instructions.",
        "3180 Cedar Lane  #7",
        "City, town, or post office. If you have a foreign address.  State  ZIP code",
        "Springfield  IL  62724",
        "1z  Add lines 1a through 1h                               1z  123,080",
        "9  Add lines 1z, 2b. This is your total income            9  123,483",
        "11  Subtract line 10 from line 9. This is your adjusted gross income  11  122,652",
    ]
    p = Page(number=1, text="\n".join(lines), method=TextMethod.TEXT_LAYER)
    assert classify_page(p) == "form_1040"
    result = extract_1040([Layout(p)])
    assert result.fields["filing_status"] == "married_filing_jointly"
    assert result.fields["tax_year"] == "2023"
    assert result.fields["agi"] == "122652.00"
    assert result.fields["total_income"] == "123483.00"
    assert [b.name for b in result.borrowers] == ["Caleb Delacroix", "Elena Delacroix"]
    assert [b.ssn for b in result.borrowers] == ["901309609", "946726717"]
    [income] = result.incomes
    assert (income.amount, income.source_type, income.year) == (
        Decimal("123080"),
        "form_1040",
        2023,
    )
    assert income.borrower_key == result.borrowers[0].key
    address = result.borrowers[0].address
    assert address is not None and address.street == "3180 Cedar Lane #7"
