"""Pay stub layouts the bazaar generator's tuning seeds showed were missed: header rows whose
values sit in the row under them, label lines over the employee's block, labelled fields beside
an address, numbered pay periods and a value printed glued to its label. Each page is built word
by word in general form."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extraction.layout import Layout
from pipeline.extraction.paystub import extract_paystub
from tests.unit.test_extraction_layouts import text_page


def _incomes(rows: list[list[tuple[str, float]]]) -> dict[str, tuple[Decimal, str | None]]:
    result = extract_paystub([Layout(text_page(rows))])
    return {i.period: (i.amount, i.employer) for i in result.incomes}


def test_header_row_cells_give_employer_and_period_under_their_labels() -> None:
    """A co-employer's statement: "Client Company  Check Date" over "the client  the date",
    "Client ID  Pay Period" over "the id  the period": each value is the cell under its label
    (the service's own name, with "Employer" inside it, names no employer)."""
    rows = [
        [("Keystone Employer Services", 0.06), ("Payroll Statement", 0.60)],
        [("100 Main St, Dover, DE 19901 | FEIN 11-2223333", 0.06)],
        [("Client Company", 0.06), ("Check Date", 0.50)],
        [("Birchwood Cabinet Works Inc.", 0.06), ("06/15/2024", 0.50)],
        [("Client ID", 0.06), ("Pay Period", 0.50)],
        [("Q12345", 0.06), ("06/01/2024 - 06/15/2024", 0.50)],
        [("Employee", 0.06), ("Statement #", 0.50)],
        [("JONAS P. WEATHERBY", 0.06), ("555123456", 0.50)],
        [("Description", 0.06), ("This Period", 0.50), ("Year to Date", 0.70)],
        [("Regular", 0.06), ("2,000.00", 0.50), ("22,000.00", 0.70)],
        [("Bonus", 0.06), ("250.00", 0.50), ("750.00", 0.70)],
        [("Total Gross Pay", 0.06), ("2,250.00", 0.50), ("22,750.00", 0.70)],
        [("Net Pay", 0.06), ("1,700.00", 0.50), ("17,100.00", 0.70)],
    ]
    result = extract_paystub([Layout(text_page(rows))])
    assert result.fields["employer"] == "Birchwood Cabinet Works Inc."
    assert result.fields["pay_frequency"] == "semimonthly"
    assert [b.name for b in result.borrowers] == ["JONAS P. WEATHERBY"]
    assert _incomes(rows) == {
        "semimonthly": (Decimal("2250.00"), "Birchwood Cabinet Works Inc."),
        "ytd": (Decimal("22750.00"), "Birchwood Cabinet Works Inc."),
    }


def test_one_header_row_over_one_row_of_values() -> None:
    """ "Employee  Period  Check Date  Emp #" over the values: the name and the period's two
    dates are the cells under their labels, and the period's length gives the frequency (a
    new hire's YTD / current fits no frequency)."""
    rows = [
        [("Maple Street Bistro LLC", 0.06), ("EMPLOYEE PAY STUB", 0.60)],
        [("Employee", 0.06), ("Period", 0.30), ("Check Date", 0.60), ("Emp #", 0.80)],
        [("Okafor, Blessing", 0.06), ("Mar 03, 2024 - Mar 09, 2024", 0.30),
         ("Mar 15, 2024", 0.60), ("4411", 0.80)],
        [("Earnings", 0.06), ("This Period", 0.50), ("Year to Date", 0.70)],
        [("Regular", 0.06), ("800.00", 0.50), ("5,200.00", 0.70)],
        [("Tips", 0.06), ("200.00", 0.50), ("1,350.00", 0.70)],
        [("Total Earnings", 0.06), ("1,000.00", 0.50), ("6,550.00", 0.70)],
    ]  # fmt: skip
    result = extract_paystub([Layout(text_page(rows))])
    assert result.fields["pay_frequency"] == "weekly"
    assert [b.name for b in result.borrowers] == ["Blessing Okafor"]
    assert _incomes(rows)["weekly"] == (Decimal("1000.00"), "Maple Street Bistro LLC")


def test_label_lines_over_the_employees_block_name_no_employer() -> None:
    """ "Pay To" over the employee's name and address (and "Pay Date:" beside it) is a label:
    the employer is the company heading the stub, and the employee the name under "Pay To"."""
    rows = [
        [("Harborview Plastics Corp.", 0.06), ("Statement of Earnings", 0.60)],
        [("Phone 555-201-3344", 0.06), ("FEIN 22-3334444", 0.40)],
        [("Pay To", 0.06), ("Pay Date:", 0.50), ("May 10, 2024", 0.70)],
        [("Delphine R. Castillo", 0.06), ("Period Beginning", 0.50), ("April 27, 2024", 0.70)],
        [("Employee ID: 4410", 0.06), ("Period Ending", 0.50), ("May 03, 2024", 0.70)],
        [("Gross Pay", 0.06), ("Taxes", 0.30), ("Net Check", 0.50)],
        [("Current", 0.02), ("1,500.00", 0.10), ("300.00", 0.30), ("1,200.00", 0.50)],
        [("YTD", 0.02), ("27,000.00", 0.10), ("5,400.00", 0.30), ("21,600.00", 0.50)],
    ]
    result = extract_paystub([Layout(text_page(rows))])
    assert result.fields["employer"] == "Harborview Plastics Corp."
    assert [b.name for b in result.borrowers] == ["Delphine R. Castillo"]
    assert {i.employer for i in result.incomes} == {"Harborview Plastics Corp."}
    home = [
        [("Harborview Plastics Corp.", 0.06), ("Statement of Earnings", 0.60)],
        [("Pay To", 0.06), ("Pay Date", 0.50), ("05/10/2024", 0.70)],
        [("CASTILLO, DELPHINE R", 0.06), ("Pay Frequency", 0.50), ("WEEKLY", 0.70)],
        [("4410 Quarry Rd", 0.06)],
        [("Dover, DE 19904", 0.06)],
        [("Gross Pay", 0.06), ("Current", 0.40), ("1,500.00", 0.50)],
    ]
    assert extract_paystub([Layout(text_page(home))]).fields["employer"] == (
        "Harborview Plastics Corp."
    )


def test_labelled_fields_beside_an_address_are_no_letterhead() -> None:
    """ "Department:  3690 ICU" and "Job:  LPN" over the employee's "Address:" lines are
    fields' values: the employer is the stub's heading."""
    rows = [
        [("Riverside Medical Center", 0.06), ("Page 1 of 1", 0.80)],
        [("Employee:", 0.06), ("DOE, JANE A", 0.20), ("Pay Date:", 0.50), ("01/10/2025", 0.65)],
        [("Department:", 0.06), ("3690 ICU", 0.20), ("Pay Cycle:", 0.50), ("WEEKLY", 0.65)],
        [("Job:", 0.06), ("LPN", 0.20), ("Base Rate:", 0.50), ("31.55/hr", 0.65)],
        [("Address:", 0.06), ("3988 Lighthouse Rd", 0.20)],
        [("Jackson, MS 39287", 0.20)],
        [("Gross Wages", 0.06), ("Current", 0.40), ("1,262.00", 0.50)],
    ]
    assert extract_paystub([Layout(text_page(rows))]).fields["employer"] == (
        "Riverside Medical Center"
    )


def test_numbered_pay_period_gives_the_frequency() -> None:
    """A statement printing "PAY PERIOD 07" ending March 26th and no frequency: seven
    periods by late March are two weeks each (YTD / current alone fits no one frequency)."""
    rows = [
        [("DEPARTMENT OF THE INTERIOR", 0.06)],
        [("EARNINGS AND LEAVE STATEMENT", 0.06)],
        [("1 NAME", 0.06), ("2 SOCIAL SECURITY NO", 0.30), ("3 PAY PERIOD", 0.55),
         ("4 PERIOD ENDING", 0.75)],
        [("LE, MARISOL T", 0.06), ("XXX-XX-2819", 0.30), ("07", 0.55), ("03/26/2022", 0.75)],
        [("5 PAY DATE", 0.06)],
        [("04/01/2022", 0.06)],
        [("14 CURRENT PAY SUMMARY", 0.06), ("CURRENT", 0.50), ("YEAR TO DATE", 0.70)],
        [("GROSS PAY", 0.06), ("2,890.14", 0.50), ("18,516.58", 0.70)],
        [("NET PAY", 0.06), ("1,813.50", 0.50), ("11,472.06", 0.70)],
    ]  # fmt: skip
    result = extract_paystub([Layout(text_page(rows))])
    assert result.fields["pay_frequency"] == "biweekly"
    assert _incomes(rows)["biweekly"][0] == Decimal("2890.14")
    # a number no frequency's count fits at that date is no evidence
    rows[3] = [("LE, MARISOL T", 0.06), ("XXX-XX-2819", 0.30), ("19", 0.55), ("03/26/2022", 0.75)]
    assert "pay_frequency" not in extract_paystub([Layout(text_page(rows))]).fields


def test_value_printed_glued_to_its_label() -> None:
    """ "Pay to the order ofYUSUF D. NG": the first word of the name ran into the label's
    last word."""
    rows = [
        [("Redwood Hollow Diner", 0.06), ("Check No. 816131", 0.60)],
        [("DATE", 0.50), ("15-Oct-2021", 0.60)],
        [("Pay to the order ofYUSUF D. NG", 0.06), ("$**821.84", 0.70)],
    ]
    [borrower] = extract_paystub([Layout(text_page(rows))]).borrowers
    assert borrower.name == "YUSUF D. NG"
