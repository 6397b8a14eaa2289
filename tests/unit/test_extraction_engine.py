"""The field engine: relations, column headers, sections, abstention; and the kinds of layout
it exists for (summary grids, combined statements, letters, return summaries)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pipeline.domain.pages import Page, TextMethod
from pipeline.extraction import extract_document
from pipeline.extraction.bank import extract_bank_statement
from pipeline.extraction.engine import Field, Relation, ValueType, column_header, find
from pipeline.extraction.form1040 import extract_1040
from pipeline.extraction.layout import Layout
from pipeline.extraction.paystub import GROSS_CURRENT, GROSS_YTD, extract_paystub
from pipeline.extraction.values import parse_money
from pipeline.extraction.voe import extract_voe

MONEY = ValueType("money", parse_money)


def layout(*lines: str) -> Layout:
    return Layout(Page(number=1, text="\n".join(lines), method=TextMethod.TEXT_LAYER))


def value(spec: Field, *lines: str) -> Decimal | None:
    found = find([layout(*lines)], spec)
    return None if found is None else Decimal(found.value)


def test_value_right_of_its_label() -> None:
    spec = Field("net", labels=("net pay",), value=MONEY)
    assert value(spec, "Employee: Jane Doe", "Net Pay:   $1,234.56") == Decimal("1234.56")


def test_table_cell_under_its_column_header_in_either_orientation() -> None:
    earnings = (
        "Description      Hours    Rate     This Period    Year to Date",
        "Regular          80.00    25.00    2,000.00       24,000.00",
        "Total Gross               ",
        "Gross Pay                          2,000.00       24,000.00",
    )
    assert value(GROSS_CURRENT, *earnings) == Decimal("2000.00")
    assert value(GROSS_YTD, *earnings) == Decimal("24000.00")
    grid = (
        "              Gross Pay     Taxes      Deductions    Net Pay",
        "This Period   2,000.00      300.00     100.00        1,600.00",
        "YTD           24,000.00     3,600.00   1,200.00      19,200.00",
    )
    assert value(GROSS_CURRENT, *grid) == Decimal("2000.00")
    assert value(GROSS_YTD, *grid) == Decimal("24000.00")


def test_a_figure_under_a_contradicting_header_is_never_taken() -> None:
    # only the YTD figure is printed: the current gross is missing, not 24,000.00
    assert value(GROSS_CURRENT, "               YTD", "Gross Pay      24,000.00") is None


def test_sections_say_which_column_a_list_of_labelled_figures_is() -> None:
    lines = (
        "CURRENT PERIOD",
        "Regular: $3,468.00",
        "Total Gross: $3,939.43",
        "YEAR TO DATE",
        "Regular: $6,589.20",
        "Total Gross: $9,928.63",
    )
    assert value(GROSS_CURRENT, *lines) == Decimal("3939.43")
    assert value(GROSS_YTD, *lines) == Decimal("9928.63")


def test_two_different_figures_with_equal_claims_are_a_tie() -> None:
    spec = Field("gross", labels=("gross pay",), value=MONEY, relations=frozenset({Relation.RIGHT}))
    assert value(spec, "Gross Pay  1,000.00", "Gross Pay  2,000.00") is None
    assert value(spec, "Gross Pay  1,000.00", "Gross Pay  1,000.00") == Decimal("1000.00")


def test_a_label_inside_a_sentence_is_not_a_label() -> None:
    spec = Field("gross", labels=("gross pay",), value=MONEY)
    assert value(spec, "Your statement shows the gross pay 1,000.00 for reference") is None


def test_a_box_number_is_not_a_value() -> None:
    spec = Field(
        "hours",
        labels=("hours per week",),
        value=ValueType("n", lambda s: s if s.strip(".").isdigit() else None),
        relations=frozenset({Relation.RIGHT}),
    )
    assert find([layout("12B. Average Hours Per Week 13. Type of Employment")], spec) is None


def test_dense_header_cells_are_read_whole() -> None:
    lay = layout(
        "Pay Type    Units  Rate   This Pay  YTD Amount",
        "Regular     72.00  41.40  2980.80   51584.40",
    )
    headers = [
        column_header(lay, tok.box)
        for tok in lay.lines[1].tokens
        if tok.text in ("2980.80", "51584.40")
    ]
    assert [h[0] for h in headers if h] == ["This Pay", "YTD Amount"]


def test_paystub_summary_grid_with_last_first_name() -> None:
    result = extract_paystub(
        [
            layout(
                "Pay Stub",
                "Paid By: Northgate Freight LLC",
                "PEÑA, ANDRÉS                  Pay Period Begin: 2021-10-18",
                "19577 INDIAN CREEK PLACE      Period End: 2021-10-31",
                "LAFAYETTE, IN 47965           Date Paid: 2021-11-05",
                "              Total Earnings    Taxes      Total Deductions    Net Amount",
                "This Period   3580.00           948.22     190.28              2441.50",
                "Year-To-Date  80057.78          21209.20   4238.10             54610.48",
            )
        ]
    )
    assert [b.name for b in result.borrowers] == ["ANDRÉS PEÑA"]
    assert [(i.amount, i.period) for i in result.incomes] == [
        (Decimal("3580.00"), "biweekly"),
        (Decimal("80057.78"), "ytd"),
    ]


def test_combined_statement_reports_each_account_with_its_type() -> None:
    result = extract_bank_statement(
        [
            layout(
                "Cornerstone Bank & Trust",
                "Consolidated Statement",
                "CALLUM W NORGAARD AND REGINALD NORGAARD",
                "15570 WISTERIA RD",
                "ASHEVILLE, NC 28801",
                "YOUR ACCOUNTS",
                "Account               Account Number    Beginning Balance    Ending Balance",
                "Essential Checking    7637-218-7444     12,560.81            8,705.35",
                "Money Market Select   330-855-3017      1,078.48             3,788.10",
                "Date    Description                         Amount",
                "Mar 06  Transfer to Savings ...9981         1,356.00",
            )
        ]
    )
    assert [b.name for b in result.borrowers] == ["CALLUM W NORGAARD", "REGINALD NORGAARD"]
    assert [(a.number[-4:], a.account_type) for a in result.accounts] == [
        ("7444", "checking"),
        ("3017", "money_market"),
    ]
    assert all(a.borrower_key == result.borrowers[0].key for a in result.accounts)


def test_statement_type_is_never_null() -> None:
    result = extract_bank_statement(
        [
            layout(
                "Tri-County Credit Union",
                "Statement of Account",
                "IGNACIO DOLEZAL",
                "19308 QUINCE ROAD",
                "PORTLAND, ME 04185",
                "Premier Select",
                "Account ending in 7078",
                "Beginning balance 3002.57",
            )
        ]
    )
    assert [(a.number[-4:], a.account_type) for a in result.accounts] == [("7078", "other")]


def test_voe_letter_hourly_rate_with_a_ytd_distractor() -> None:
    result = extract_voe(
        [
            layout(
                "Blue Heron Software, Inc.",
                "February 23, 2024",
                "RE: Employment Verification - Dmitri V Hargreaves",
                "We are writing to verify the employment of Dmitri V Hargreaves, who has worked",
                "for Blue Heron Software, Inc. since 2023-02-20.",
                "The current rate of pay is an hourly rate of $38.59 at 40 hours per week, paid",
                "semi-monthly. Year-to-date gross earnings as of 2024-02-23 total $22,646.97.",
            )
        ]
    )
    assert [b.name for b in result.borrowers] == ["Dmitri V Hargreaves"]
    [income] = result.incomes
    assert income.amount == Decimal("80267.20")  # 38.59 x 40 x 52
    assert (income.year, income.employer) == (2024, "Blue Heron Software, Inc.")


def test_voe_without_a_printed_period_gives_no_income() -> None:
    result = extract_voe(
        [
            layout(
                "Verification of Employment",
                "Employee Name: Jane Roe",
                "Employer: Acme Widgets LLC",
                "Base Salary: $5,000.00",
            )
        ]
    )
    assert result.incomes == []


def test_1040_return_summary_names_taxpayer_and_spouse() -> None:
    result = extract_1040(
        [
            layout(
                "2018 Federal Tax Return Summary",
                "Name(s) shown on return: Harriet & Wendell D Iwasaki",
                "Your SSN: xxx-xx-6579    Spouse's SSN: xxx-xx-5948",
                "1 Wages, salaries, tips, etc. Attach Form(s) W-2        99,744.00",
            )
        ]
    )
    assert [(b.name, b.ssn_last4) for b in result.borrowers] == [
        ("Harriet Iwasaki", "6579"),
        ("Wendell D Iwasaki", "5948"),
    ]
    [income] = result.incomes
    assert income.amount == Decimal("99744.00")
    assert income.borrower_key == result.borrowers[0].key


def test_a_w2_summary_and_its_form_are_one_w2() -> None:
    summary = (
        "W-2 and Earnings Summary            Tax Year 2023",
        "Employee Name: EVERETT S NORGAARD",
        "Company: Silver Pine Software, Incorporated",
        "                                  Wages, Tips, Other Comp.   Medicare Wages",
        "Total Gross Earnings              246,862.47                 246,862.47",
    )
    form = (
        "a Employee's social security number   XXX-XX-0491",
        "b Employer identification number (EIN) 58-9317905",
        "1 Wages, tips, other compensation     227,046.47",
        "5 Medicare wages and tips             246,546.47",
        "c Employer's name, address and ZIP code",
        "Silver Pine Software, Incorporated",
        "6569 Bramble Drive",
        "Provo, UT 84681",
        "e Employee's name",
        "EVERETT S NORGAARD",
        "Form W-2 Wage and Tax Statement 2023",
    )
    pages = [
        Page(number=1, text="\n".join(summary), method=TextMethod.TEXT_LAYER),
        Page(number=2, text="\n".join(form), method=TextMethod.TEXT_LAYER),
    ]
    # the summary is a W-2's page (its title says so), read with the form as one W-2
    results = extract_document(pages)
    assert [r.doc_type for r in results] == ["w2"]
    assert results[0].fields["pages"] == "1,2"
    incomes = [i for r in results for i in r.incomes]
    assert [i.amount for i in incomes] == [Decimal("227046.47")]


def test_organisation_names_lose_ocr_specks_and_get_their_suffix_back() -> None:
    from pipeline.extraction.values import clean_org

    assert clean_org("- COPPERLEAF HOSPITALITY GROUP LLC") == "COPPERLEAF HOSPITALITY GROUP LLC"
    assert clean_org("Kestrel Health Partners LLG") == "Kestrel Health Partners LLC"
    assert clean_org("HALCYON INSURANCE AGENCY INC OnE ORS") == "HALCYON INSURANCE AGENCY INC"
    assert clean_org("Bay Inn") == "Bay Inn"  # a word, not a misread suffix
    assert clean_org("NORTH 312") == "NORTH 312"
    assert clean_org("Hudson Partners PLC") == "Hudson Partners PLC"  # not a misread LLC


def test_vendor_report_hourly_rate_with_hours_per_pay_period() -> None:
    result = extract_voe(
        [
            layout(
                "Verification of Income Report",
                "Information current as of 03/14/2023",
                "Employee Name: Jane Roe",
                "Employer: Acme Widgets LLC",
                "Rate of Pay: $25.00 Hourly",
                "Pay Frequency: Bi-Weekly",
                "Average Hours Per Pay Period: 80",
            )
        ]
    )
    [income] = result.incomes
    assert income.amount == Decimal("52000.00")  # 25 x 80 x 26


def test_ocr_misreads_of_dates_and_figures() -> None:
    from pipeline.extraction.values import find_dates, parse_date_value

    assert find_dates('Date Paid: Jyl"31, 2023') == [date(2023, 7, 31)]
    # a field's value as OCR ran the month and day together, as inside running text
    assert parse_date_value("May.31, 2021") == date(2021, 5, 31)
    assert parse_date_value('Jyl"31, 2023') == date(2023, 7, 31)
    assert find_dates("Mav 3, 2024") == []  # May or Mar: too close to call
    assert parse_money("$2,01 0.42") == Decimal("2010.42")
    assert parse_money("68, 832.27") == Decimal("68832.27")


def test_bare_amount_header_is_a_current_column_but_not_with_other_words() -> None:
    """ "Amount" alone heads a one-column stub's current figures; "YTD Amount" read by OCR as
    "¥rp Amount" is another column, and its figure is not the current gross."""
    one_column = layout(
        "Description            Amount",
        "Gross Pay              2,500.00",
    )
    found = find([one_column], GROSS_CURRENT)
    assert found is not None and found.value == Decimal("2500.00")
    two_columns = layout(
        "Description     Current Period     ¥rp Amount",
        "Gross Pay             3,692.32      51,692.34",
    )
    found = find([two_columns], GROSS_CURRENT)
    assert found is not None and found.value == Decimal("3692.32")


def test_letter_with_a_speck_after_the_name_and_a_base_every_two_weeks() -> None:
    result = extract_voe(
        [
            layout(
                "Granite Peak Freight Inc.",
                "September 27, 2021",
                "To Whom It May Concern:",
                "Please accept this letter as verification that Zoé Ashcroft i is currently",
                "employed with Granite Peak Freight Inc. as a Field Engineer.",
                "The current base is $1,663.46 every two weeks. Overtime paid in 2020 was",
                "$8,523.00; overtime is not guaranteed to continue.",
            )
        ]
    )
    assert [b.name for b in result.borrowers] == ["Zoé Ashcroft"]
    [income] = result.incomes
    assert (income.amount, income.period) == (Decimal("43249.96"), "annual")


def test_a_label_printed_twice_on_a_scanned_line_is_found_twice_when_one_is_misread() -> None:
    # the old 1003's Borrower and Co-Borrower columns print each caption side by side
    line = "Name of Employer  Acme Tools Inc   Name of Empl0yer  Birch Supply Co"
    ocr = Layout(Page(number=1, text=line, method=TextMethod.OCR))
    assert len(ocr.find("name of employer")) == 2
    # a text layer is read exactly: the misspelt one is not that label
    text = Layout(Page(number=1, text=line, method=TextMethod.TEXT_LAYER))
    assert len(text.find("name of employer")) == 1
