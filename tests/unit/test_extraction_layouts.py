"""Field finding on vendor layouts the project's own generators never drew (payroll providers'
stubs, banks' tax statements, platforms' letters, Form 1005): each test is a rule the wild
generator's tuning seeds showed was missing, on a page built word by word."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.extraction import extract_document
from pipeline.extraction.bank import extract_bank_statement, statement_bank
from pipeline.extraction.classify import classify_page
from pipeline.extraction.form1099 import extract_1099
from pipeline.extraction.layout import Layout
from pipeline.extraction.paystub import extract_paystub
from pipeline.extraction.values import clean_name, person_name
from pipeline.extraction.voe import extract_voe
from pipeline.extraction.w2 import extract_w2

CHAR = 0.007
ROW = 0.011


def text_page(rows: list[list[tuple[str, float]]], *, top: float = 0.05) -> Page:
    """A text-layer page: each row is (text, left) cells, one row every 0.016 of the page."""
    words: list[Word] = []
    for n, row in enumerate(rows):
        y = top + n * 0.016
        for text, left in row:
            x = left
            for part in text.split():
                width = len(part) * CHAR
                words.append(Word(part, x, y, width, ROW, confidence=-1.0, line=n))
                x += (len(part) + 1) * CHAR
    text = "\n".join(" ".join(w.text for w in words if w.line == n) for n in range(len(rows)))
    return Page(number=1, text=text, method=TextMethod.TEXT_LAYER, words=tuple(words))


ADP_STUB = [
    [("CO. FILE DEPT. CLOCK VCHR. NO.", 0.06), ("Earnings Statement", 0.62)],
    [("LTM 93829 998610 4294 9576058", 0.06)],
    [("Harvest Moon Bakery LLC", 0.06), ("Pay Period Begin: 04/02/2023", 0.55)],
    [("5392 W Jefferson St Suite 200", 0.06), ("Pay Period End: 04/08/2023", 0.55)],
    [("Richmond, VA 23264", 0.06), ("Check Date: 04/14/2023", 0.55)],
    [("Samuel M. Nguyen", 0.55)],
    [("2820 Industrial Pkwy Apt 117", 0.55)],
    [("Raleigh, NC 27618", 0.55)],
    [("Earnings rate hours this period year to date", 0.06)],
    [("Salary Pay", 0.06), ("40.00", 0.25), ("3,519.23", 0.33), ("52,788.45", 0.43)],
    [("Gross Pay", 0.06), ("$3,519.23", 0.33), ("52,788.45", 0.43)],
    [("Employer 401K Match", 0.55), ("70.38", 0.75), ("1,055.70", 0.85)],
    [("Net Pay", 0.06), ("$2,538.87", 0.33)],
]


def test_stub_employer_is_the_business_not_a_code_nor_what_the_employer_pays() -> None:
    """A company code ("LTM") printed over the company's name, and an "Employer 401K Match"
    line: neither names the employer."""
    result = extract_paystub([Layout(text_page(ADP_STUB))])
    assert result.fields["employer"] == "Harvest Moon Bakery LLC"
    assert {i.employer for i in result.incomes} == {"Harvest Moon Bakery LLC"}


PLATFORM_LETTER = [
    [("Paywise Contractor Services", 0.06), ("Jan. 19, 2024", 0.75)],
    [("3351 Elm St", 0.06)],
    [("Reno, NV 89577", 0.06)],
    [("HANNAH R WILLIAMS", 0.06)],
    [("5353 Juniper Way #19A", 0.06)],
    [("Des Moines, IA 50321", 0.06)],
    [("Your 2023 Form 1099-NEC from Tidewater Marketing Co", 0.06)],
    [("Form 1099-NEC summary (2023)", 0.06)],
    [("Payer", 0.06), ("Tidewater Marketing Co", 0.30)],
    [("Payer's TIN", 0.06), ("62-2528420", 0.30)],
    [("Recipient", 0.06), ("HANNAH R WILLIAMS", 0.30)],
    [("Recipient's TIN", 0.06), ("XXX-XX-2534", 0.30)],
    [("Box 1 Nonemployee comp.", 0.06), ("$95,742.60", 0.70)],
]


def test_1099_payer_named_beside_a_plain_payer_label_under_a_platforms_letterhead() -> None:
    [income] = extract_1099([Layout(text_page(PLATFORM_LETTER))]).incomes
    assert (income.amount, income.employer) == (Decimal("95742.60"), "Tidewater Marketing Co")


BANK_TAX_STATEMENT = [
    [("First Prairie Bank, N.A.", 0.06), ("2023 Tax Reporting Statement", 0.60)],
    [("Recipient's TIN: xxx-xx-8684", 0.06)],
    [("CARLOS C SCHMIDT", 0.06)],
    [("241 Pinecrest Ct Apt 40A", 0.06)],
    [("Richmond, VA 23241", 0.06)],
    [("Form 1099-INT Interest Income", 0.06), ("Copy B for Recipient OMB No. 1545-0112", 0.62)],
    [("Box", 0.06), ("Description", 0.12), ("Amount", 0.80)],
    [("1", 0.06), ("Interest income (not included in box 3)", 0.12), ("$1,174.36", 0.80)],
    [("2", 0.06), ("Early withdrawal penalty", 0.12), ("$0.00", 0.80)],
]


def test_a_title_running_across_a_column_does_not_head_it() -> None:
    """ "Copy B for Recipient OMB No. 1545-0112" above "Amount" is no first line of that
    column's header: box 1's figure is under "Amount"."""
    [income] = extract_1099([Layout(text_page(BANK_TAX_STATEMENT))]).incomes
    assert income.amount == Decimal("1174.36")


FORM_1005 = [
    [("Request for Verification of Employment", 0.06)],
    [("7. Name and Address of Applicant", 0.06)],
    [("Olumide Sanchez", 0.06)],
    [("12A. Current Gross Base Pay (Enter Amount and Check Period)", 0.06)],
    [("$ 17.58", 0.06)],
    [("Annual X Hourly Monthly", 0.06)],
    [
        ("14. If Overtime or Bonus is Applicable", 0.06),
        ("15. If paid hourly - average hours per week", 0.33),
        ("16. Date of applicant's next pay increase", 0.65),
    ],
    [("Continuance Likely?", 0.06), ("32", 0.34), ("12/09/2022", 0.66)],
    [("23. Date", 0.06), ("05/14/2022", 0.06)],
]


def test_1005_hours_are_the_items_figure_not_the_next_items_number() -> None:
    """Item 15's words start as a sentence would ("If paid hourly - ..."), and the next item's
    number ("16.") stands right of them: the hours are the 32 under the label."""
    [income] = extract_voe([Layout(text_page(FORM_1005))]).incomes
    assert income.amount == Decimal("29253.12")  # 17.58 x 32 x 52


def test_a_small_employers_trade_words_name_no_person() -> None:
    assert clean_name("Tri-County Auto Parts") is None
    assert clean_name("Coastal Plumbing & Heating") is None
    assert clean_name("Emily K. Schmidt") == "Emily K. Schmidt"


CHECKING_STATEMENT = [
    [("First Meridian Bank, N.A.", 0.06), ("2024-10-01 - 2024-10-31", 0.60)],
    [("Account # XXXXXX4671", 0.60)],
    [("PRIYA S PATEL", 0.06)],
    [("4669 MISSION WAY APT 24", 0.06)],
    [("DES MOINES IA 50309", 0.06)],
    [("CHECKING SUMMARY", 0.06), ("Premier Checking", 0.50)],
    [("Beginning Balance", 0.06), ("693.00", 0.80)],
    [("Ending Balance", 0.06), ("5,868.16", 0.80)],
    [("10/05 Card Purchase 10/03 UBER *TRIP NAPERVILLE IL", 0.06), ("46.75", 0.80)],
    [("Nov 19 POS DEBIT SAFEWAY #1902 SPOKANE WA", 0.06), ("48.53-", 0.80)],
    [("XXXXXXXXXXXX8022", 0.10)],
    [("Nov 24 POS DEBIT TARGET T-1834 TUCSON AZ XXXXXXXXXXXX8022", 0.06), ("97.70-", 0.80)],
]


def test_single_account_takes_the_one_type_its_headings_name_and_a_cards_number_is_no_account() -> (
    None
):
    """The account number is printed in the header, away from "CHECKING SUMMARY": a statement
    whose headings name one type is of that type. The debit card's number, set on a line of
    its own where a purchase's description wrapped, is not a second account."""
    result = extract_bank_statement([Layout(text_page(CHECKING_STATEMENT))])
    assert [(a.number[-4:], a.account_type) for a in result.accounts] == [("4671", "checking")]


CREDIT_UNION = [
    [("DESERT SKY FEDERAL CREDIT UNION", 0.06)],
    [("LETICIA OSEI", 0.06)],
    [("7249 MAPLE WAY", 0.06)],
    [("RICHMOND VA 23208", 0.06)],
    [("ACCOUNT SUMMARY", 0.06)],
    [("Account", 0.06), ("Acct", 0.30), ("Balance", 0.50), ("New Balance", 0.75)],
    [("Primary Share", 0.06), ("XXXXXX8725", 0.30), ("214.00", 0.50), ("2,255.39", 0.75)],
    [("Share Draft", 0.06), ("42331623", 0.30), ("1,382.00", 0.50), ("2,844.42", 0.75)],
    [("Loan", 0.06), ("Acct", 0.30), ("Balance", 0.50), ("New Balance", 0.75)],
    [("Auto Loan", 0.06), ("82582222", 0.30), ("9,949.00", 0.50), ("9,174.00", 0.75)],
    [("PRIMARY SHARE Acct XXXXXX8725", 0.06)],
    [("02/01/25 Beginning Balance", 0.06), ("214.00", 0.75)],
]


def test_credit_union_share_is_savings_and_a_row_of_figures_is_no_heading() -> None:
    result = extract_bank_statement([Layout(text_page(CREDIT_UNION))])
    kinds = {a.number[-4:]: a.account_type for a in result.accounts}
    assert (kinds["8725"], kinds["2222"]) == ("savings", "loan")


TRUV_REPORT = [
    [("Truvio", 0.06), ("Income and Employment Report", 0.30)],
    [("Report generated 06/02/2025 | Order 76690557", 0.06)],
    [
        ("Full name", 0.06),
        ("Grace Reyes", 0.20),
        ("Employer", 0.52),
        ("Brightwater Analytics", 0.66),
    ],
    [("Job title", 0.52), ("Electrician", 0.66)],
    [("Income", 0.06)],
    [("Base pay", 0.06), ("$27.37 / hour", 0.84)],
    [("Pay frequency", 0.06), ("Every week", 0.84)],
    [("Hours per week", 0.06), ("40", 0.84)],
    [("Recent pay statements", 0.06)],
    [("Pay date", 0.06), ("Base", 0.25), ("Gross pay", 0.40), ("Net pay", 0.70)],
    [("05/29/2025", 0.06), ("1,094.80", 0.25), ("1,182.38", 0.40), ("957.73", 0.70)],
]


def test_verification_report_card_with_its_rate_far_right_and_a_table_of_pay_statements() -> None:
    page = text_page(TRUV_REPORT)
    assert classify_page(page) == "voe"
    [income] = extract_voe([Layout(page)]).incomes
    assert income.amount == Decimal("56929.60")  # 27.37 x 40 x 52


def _letter(pay_sentence: str) -> list[list[tuple[str, float]]]:
    return [
        [("Prairie Wind Energy", 0.06)],
        [("10/17/2021", 0.06)],
        [("RE: Employment Verification", 0.06)],
        [("This letter confirms that Tyrone Moreau has been employed by Prairie Wind", 0.06)],
        [(pay_sentence, 0.06)],
    ]


def test_letter_pay_sentences_as_employers_word_them() -> None:
    rows = _letter(
        "Tyrone is paid $61.42 per hour and is regularly scheduled for 37.5 hours per week."
    )
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("119769.00")  # 61.42 x 37.5 x 52
    rows = _letter("Tyrone is paid bi-weekly at a base rate of $6,696.92 per pay period.")
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("174119.92")  # x 26


def test_report_employee_printed_last_name_first_after_a_particle() -> None:
    rows = [
        [("Verification of Employment and Income", 0.30)],
        [("Employee:", 0.06), ("St. Clair, Yesenia", 0.24)],
        [("Employer:", 0.06), ("Ashford & Pike LLP", 0.24)],
        [("Rate of Pay:", 0.06), ("$35,000.04 Annual", 0.24)],
    ]
    assert [b.name for b in extract_voe([Layout(text_page(rows))]).borrowers] == [
        "Yesenia St. Clair"
    ]


def test_stub_employee_under_a_header_row_or_a_deposit_advice() -> None:
    """No label beside the employee's name: "Employee  SSN  Status" heads a row that starts
    with "OLSEN, THANH T"; an ADP advice prints the name under "Deposited to the account of"."""
    voucher = [
        [("Northgate Hardware Inc.", 0.06), ("Employee Copy", 0.80)],
        [("Employee", 0.06), ("SSN", 0.30), ("Status (Fed/State)", 0.45)],
        [("OLSEN, THANH T", 0.06), ("***-**-0025", 0.30), ("Single/Single", 0.45)],
        [("Pay Period: 11-SEP-2021 - 24-SEP-2021", 0.06), ("Pay Date: 01-OCT-2021", 0.55)],
        [("Earnings and Hours", 0.06), ("Current", 0.55), ("YTD Amount", 0.75)],
        [("Gross Pay", 0.06), ("5,923.08", 0.55), ("118,461.60", 0.75)],
    ]
    [borrower] = extract_paystub([Layout(text_page(voucher))]).borrowers
    assert borrower.name == "THANH T OLSEN"
    advice = [
        *ADP_STUB[:5],
        *ADP_STUB[8:],
        [("Deposited to the account of", 0.06), ("account number", 0.40), ("amount", 0.75)],
        [("SAMUEL M NGUYEN", 0.06), ("****7700", 0.40), ("$2,538.87", 0.75)],
    ]
    [borrower] = extract_paystub([Layout(text_page(advice))]).borrowers
    assert borrower.name == "SAMUEL M NGUYEN"


def test_a_row_of_capitalised_column_headers_set_close_is_no_sentence() -> None:
    """Workday's header row "Name  Employee ID  Pay Period Begin Pay Period End Check Date"
    (single spaces between the headers): "Check Date" is a label, its date under it."""
    rows = [
        [("Mercy Valley Health System", 0.06), ("Payslip", 0.80)],
        [
            ("Name", 0.06),
            ("Employee ID", 0.30),
            ("Pay Period Begin Pay Period End Check Date", 0.42),
        ],
        [
            ("WASHINGTON, GRACE C", 0.06),
            ("8916168", 0.30),
            ("03/27/2021", 0.42),
            ("04/09/2021", 0.54),
            ("04/16/2021", 0.693),
        ],
        [("Hours Worked", 0.06), ("Gross Pay", 0.30), ("Net Pay", 0.60)],
        [("Current", 0.06), ("80.00", 0.20), ("4,826.92", 0.30), ("3,773.38", 0.60)],
        [("YTD", 0.06), ("640.00", 0.20), ("38,615.36", 0.30), ("30,187.04", 0.60)],
    ]
    result = extract_paystub([Layout(text_page(rows))])
    assert result.fields["pay_date"] == "2021-04-16"
    assert {(i.period, i.year) for i in result.incomes} == {("biweekly", 2021), ("ytd", 2021)}


W2_PORTAL = [
    [("4/15/2020, 10:23 PM", 0.06), ("Workforce Hub - Tax Documents", 0.55)],
    [("W-2 2019", 0.06)],
    [("Employee", 0.06), ("Employer", 0.50)],
    [("MOHAMMED CHEN", 0.06), ("ST. AGNES REGIONAL HOSPITAL", 0.50)],
    [("9873 PROSPECT CT", 0.06), ("7898 CEDAR RIDGE STE 300", 0.50)],
    [("SPOKANE, WA 99261", 0.06), ("PROVO, UT 84664", 0.50)],
    [("SSN 626-97-2927", 0.06), ("EIN 23-8039352", 0.50)],
    [("Federal Wages (1)", 0.06), ("Federal Tax (2)", 0.50)],
    [("224,294.67", 0.06), ("23,083.81", 0.50)],
    [("SS Wages (3)", 0.06), ("SS Tax (4)", 0.50)],
    [("132,900.00", 0.06), ("8,239.80", 0.50)],
    [("Medicare Wages (5)", 0.06), ("Medicare Tax (6)", 0.50)],
    [("243,798.55", 0.06), ("3,929.27", 0.50)],
]


def test_w2_printed_from_an_employee_portal() -> None:
    page = text_page(W2_PORTAL)
    assert classify_page(page) == "w2"
    [income] = extract_w2([Layout(page)]).incomes
    assert (income.amount, income.year) == (Decimal("224294.67"), 2019)


def test_w2_summary_box_figures_after_leader_dots() -> None:
    dots = "." * 60
    rows = [
        [("Employee W-2 Summary Tax Year 2020", 0.06)],
        [("Employee", 0.06), ("Employer", 0.50)],
        [("MEI P KIM", 0.06), ("CASCADE ENGINEERING GROUP", 0.50)],
        [("8059 LINCOLN BLVD", 0.06), ("4473 MAPLE ST", 0.50)],
        [("COLUMBUS, OH 43297", 0.06), ("COLUMBUS, OH 43277", 0.50)],
        [("SSN: xxx-xx-2558", 0.06), ("EIN: 57-9727516", 0.50)],
        [(f"Box 1 Federal wages {dots}", 0.06), ("174,669.53", 0.88)],
        [(f"Box 3 Social Security taxable wages {dots}", 0.06), ("137,700.00", 0.88)],
        [(f"Box 5 Medicare taxable wages {dots}", 0.06), ("185,942.21", 0.88)],
        [("Total gross pay", 0.06), ("187,878.05", 0.40)],
        [("Net pay", 0.06), ("127,181.39", 0.40)],
    ]
    page = text_page(rows)
    assert classify_page(page) == "w2"
    [income] = extract_w2([Layout(page)]).incomes
    assert income.amount == Decimal("174669.53")


def test_a_copys_instructions_and_a_returns_summary_are_part_of_their_documents() -> None:
    """The back of a 1099's copy cites "Form 1040" throughout: it is the 1099's page, not a
    return. A tax program's summary printed before the return is the return's first page."""
    form = text_page(PLATFORM_LETTER)
    back = text_page(
        [
            [("Instructions for Recipient", 0.06)],
            [("Box 1. Shows nonemployee compensation. If the amount in this box is SE", 0.06)],
            [("income, report it on Schedule C or F (Form 1040) if a sole proprietor.", 0.06)],
            [("Refer to the Form 1040 instructions for where to report.", 0.06)],
        ]
    )
    [part] = extract_document([form, replace(back, number=2)])
    assert (part.doc_type, part.pages) == ("form_1099", (1, 2))
    summary = text_page(
        [
            [("ClearFile Tax", 0.06)],
            [("Federal Return Summary", 0.06)],
            [("Prepared for: Patricia K Brooks", 0.06)],
            [("Filing status: Single", 0.06)],
            [("Total income", 0.06), ("152,118.00", 0.60)],
            [("Adjusted gross income", 0.06), ("152,118.00", 0.60)],
            [("Taxable income", 0.06), ("138,268.00", 0.60)],
        ]
    )
    first = text_page(
        [
            [("Form 1040 U.S. Individual Income Tax Return 2023", 0.06)],
            [("Filing Status Single", 0.06)],
            [("Your first name and middle initial", 0.06), ("Last name", 0.40)],
            [("Patricia K", 0.06), ("Brooks", 0.40)],
            [("1a Total amount from Form(s) W-2, box 1", 0.06), ("150,626.75", 0.80)],
            [("1z Add lines 1a through 1h", 0.06), ("150,626.75", 0.80)],
        ]
    )
    [part] = extract_document([summary, replace(first, number=2)])
    assert (part.doc_type, part.pages) == ("form_1040", (1, 2))
    [income] = part.incomes
    assert (income.amount, income.year) == (Decimal("150626.75"), 2023)
    assert [b.name for b in part.borrowers] == ["Patricia K Brooks"]


def test_summary_grid_whose_headers_are_set_close_and_period_dates_labelled_with_date() -> None:
    """Workday's grid "Hours Worked  Gross Pay Pre Tax Deductions ..." has single spaces
    between some headers: the figure under "Pre Tax Deductions" is no gross pay. ADP's
    "Period Start Date:" labels the period."""
    rows = [
        [("Sutter Creek Memorial Hospital", 0.06), ("Pay Slip", 0.80)],
        [("Thompson, Thanh C.", 0.06)],
        [("4233 Old Post Rd", 0.06)],
        [("Worcester, MA 01653", 0.06)],
        [("Period Start Date:", 0.55), ("01/01/2025", 0.72)],
        [("Period End Date:", 0.55), ("01/15/2025", 0.72)],
        [("Pay Date:", 0.55), ("01/15/2025", 0.72)],
        [("Hours Worked", 0.06), ("Gross Pay Pre Tax Deductions", 0.25), ("Net Pay", 0.70)],
        [
            ("Current", 0.06),
            ("86.67", 0.15),
            ("5,301.29", 0.25),
            ("279.94", 0.40),
            ("3,981.33", 0.70),
        ],
        [("YTD", 0.06), ("86.67", 0.15), ("5,301.29", 0.25), ("279.94", 0.40), ("3,981.33", 0.70)],
    ]
    result = extract_paystub([Layout(text_page(rows))])
    assert result.fields["pay_period_start"] == "2025-01-01"
    amounts = {(i.period, i.amount) for i in result.incomes}
    assert amounts == {("semimonthly", Decimal("5301.29")), ("ytd", Decimal("5301.29"))}


def test_brokerage_cash_statement_its_lettered_number_and_a_phone_number_is_no_account() -> None:
    rows = [
        [("Beacon Street Brokerage", 0.06), ("INVESTMENT REPORT", 0.60)],
        [("August 01, 2025 - August 31, 2025", 0.06)],
        [("MEI MACLEOD", 0.06), ("Cash Management Account", 0.55)],
        [("4873 KINGSLEY AVE", 0.06), ("Account #: Z17-203121", 0.55)],
        [("RALEIGH NC 27636", 0.06), ("Questions? 877-662-7447", 0.55)],
        [("Account Summary", 0.06), ("This Period", 0.50), ("Year-to-Date", 0.75)],
        [("Beginning Account Value", 0.06), ("$6,035.00", 0.50), ("$11,767.41", 0.75)],
        [("Ending Account Value", 0.06), ("$19,450.41", 0.50), ("$19,450.41", 0.75)],
    ]
    page = text_page(rows)
    assert classify_page(page) == "bank_statement"
    result = extract_bank_statement([Layout(page)])
    assert [a.number for a in result.accounts] == ["Z17-203121"]


def test_1099_recipient_beside_a_plain_label_not_the_platforms_letterhead() -> None:
    rows = [
        [("GigBridge Payments", 0.06), ("January 18, 2025", 0.75)],
        [("7639 Magnolia Pl", 0.06)],
        [("Boise, ID 83715", 0.06)],
        [("MCALLISTER, GRACE", 0.06)],
        [("3887 Juniper Way Unit 19C", 0.06)],
        [("Madison, WI 53707", 0.06)],
        [("Form 1099-NEC summary (2024)", 0.06)],
        [("Payer", 0.06), ("Copperline Media Group", 0.30)],
        [("Recipient", 0.06), ("MCALLISTER, GRACE", 0.30)],
        [("Recipient's TIN", 0.06), ("***-**-4266", 0.30)],
        [("Box 1 Nonemployee comp.", 0.06), ("$11,157.35", 0.70)],
    ]
    result = extract_1099([Layout(text_page(rows))])
    [borrower] = result.borrowers
    assert (borrower.name, borrower.ssn_last4) == ("GRACE MCALLISTER", "4266")
    assert borrower.address is not None and borrower.address.zip == "53707"


def test_credit_union_id_column_and_a_continued_page_of_a_combined_statement() -> None:
    summary = [
        [("Lakeshore Community Credit Union", 0.06)],
        [("STATEMENT OF ACCOUNT", 0.06), ("Statement Period: 12/01/2024 - 12/31/2024", 0.50)],
        [("MEI MORENO", 0.06)],
        [("6623 SUNSET RD", 0.06)],
        [("PHOENIX AZ 85047", 0.06)],
        [("ACCOUNT SUMMARY", 0.06)],
        [("Account", 0.06), ("ID", 0.30), ("Balance", 0.50), ("New Balance", 0.75)],
        [("Share Savings", 0.06), ("7300268", 0.30), ("$773.00", 0.50), ("$2,694.81", 0.75)],
        [
            ("Money Market Share", 0.06),
            ("5692976", 0.30),
            ("$21,738.00", 0.50),
            ("$21,774.59", 0.75),
        ],
    ]
    continued = [
        [("Lakeshore Community Credit Union", 0.06)],
        [("(continued)", 0.06)],
        [("MONEY MARKET SHARE ID 5692976", 0.06)],
        [("Beginning Balance", 0.06), ("$21,738.00", 0.80)],
        [
            ("Date Description", 0.06),
            ("Deposits/Additions", 0.40),
            ("Withdrawals/Subtractions", 0.55),
            ("Ending daily balance", 0.80),
        ],
        [
            ("12/16/24", 0.06),
            ("TRANSFER TO SHARE #7300268", 0.20),
            ("($125.00)", 0.60),
            ("$1,195.00", 0.80),
        ],
    ]
    [part] = extract_document([text_page(summary), replace(text_page(continued), number=2)])
    assert part.pages == (1, 2)
    kinds = {a.number[-4:]: a.account_type for a in part.accounts}
    assert kinds == {"0268": "savings", "2976": "money_market"}


def test_report_rate_per_year_and_a_history_of_part_years() -> None:
    """ "$85,500.00 / year" is yearly whatever the pay frequency; a history whose rows are
    the year to date ("2021 (YTD)") and the year of hire is no whole year to weigh the rate
    against."""
    rows = [
        [("Truvio", 0.06), ("Income and Employment Report", 0.30)],
        [("Report generated 05/16/2021", 0.06)],
        [
            ("Full name", 0.06),
            ("Fatima N. Lindqvist", 0.20),
            ("Employer", 0.52),
            ("Riverside", 0.66),
        ],
        [("Start date", 0.06), ("08/14/2020", 0.20)],
        [("Base pay", 0.06), ("$15.79 / hour", 0.84)],
        [("Pay frequency", 0.06), ("Biweekly", 0.84)],
        [("Hours per week", 0.06), ("24", 0.84)],
        [("Year", 0.06), ("Base Pay", 0.20), ("Overtime", 0.35), ("Bonus", 0.50)],
        [("2021 (YTD)", 0.06), ("7,288.49", 0.20), ("0.00", 0.35), ("874.62", 0.50)],
        [("2020", 0.06), ("7,285.87", 0.20), ("582.87", 0.35), ("510.01", 0.50)],
    ]
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("19705.92")  # 15.79 x 24 x 52
    rows[4] = [("Base pay", 0.06), ("$85,500.00 / year", 0.84)]
    rows[6] = []
    [income] = extract_voe([Layout(text_page(rows))]).incomes
    assert income.amount == Decimal("85500.00")


def test_a_card_number_only_ever_wrapped_under_its_purchases_is_no_account() -> None:
    rows = [
        *[row for row in CHECKING_STATEMENT if "8022" not in row[0][0]],
        [("10/10/23 POS DEBIT STARBUCKS STORE 0931 TAMPA FL", 0.06), ("-5.61", 0.80)],
        [("XXXXXXXXXXXX8584", 0.10)],
        [("10/13/23 POS DEBIT SHELL OIL 57444 NAPERVILLE IL", 0.06), ("-38.80", 0.80)],
        [("XXXXXXXXXXXX8584", 0.10)],
    ]
    result = extract_bank_statement([Layout(text_page(rows))])
    assert [a.number[-4:] for a in result.accounts] == ["4671"]


def test_w2_portal_boxes_in_pairs_on_a_line() -> None:
    """ "Federal Wages (1)  87684.17 Federal Tax (2)  12580.06": the first figure is right of
    box 1's label, not box 2's figure printed before its label."""
    rows = [
        *W2_PORTAL[:7],
        [
            ("Federal Wages (1)", 0.06),
            ("87684.17", 0.41),
            ("Federal Tax (2)", 0.50),
            ("12580.06", 0.85),
        ],
        [("SS Wages (3)", 0.06), ("90458.39", 0.41), ("SS Tax (4)", 0.50), ("5608.42", 0.85)],
        [
            ("Medicare Wages (5)", 0.06),
            ("90458.39", 0.41),
            ("Medicare Tax (6)", 0.50),
            ("1311.65", 0.85),
        ],
    ]
    result = extract_w2([Layout(text_page(rows))])
    assert (result.fields["box1"], result.fields["box2"]) == ("87684.17", "12580.06")


RETURN_FIRST_PAGE = [
    [("Form 1040 U.S. Individual Income Tax Return 2023", 0.06)],
    [("Filing Status X Single", 0.06)],
    [("Your first name and middle initial", 0.06), ("Last name", 0.40)],
    [("LEOPOLD B", 0.06), ("ESPOSITO", 0.40), ("993-75-7102", 0.70)],
    [("1z Add lines 1a through 1h", 0.06), ("1z", 0.80), ("74,509.", 0.84)],
]


def _pages(*rows: list[list[tuple[str, float]]]) -> list[Page]:
    return [replace(text_page(r), number=n) for n, r in enumerate(rows, start=1)]


def test_a_preparers_letter_or_an_e_file_authorization_before_a_return_is_part_of_it() -> None:
    """Pages about a return that are none of its own (a CPA's cover letter naming the title in
    a sentence, Form 8879 and a state's e-file authorization) and name its taxpayer come
    before it in one document; a letter about someone else's return does not."""
    letter = [
        [("MARCHETTI ACCOUNTANCY CORP.", 0.06)],
        [("Re: 2023 Individual Income Tax Returns", 0.06)],
        [("Dear Leopold:", 0.06)],
        [("Enclosed is your 2023 Form 1040, U.S. Individual Income Tax Return, prepared", 0.06)],
        [("from the information you furnished to us. Leopold B. Esposito", 0.06)],
    ]
    [result] = extract_document(_pages(letter, RETURN_FIRST_PAGE))
    assert (result.doc_type, result.pages) == ("form_1040", (1, 2))
    assert [i.amount for i in result.incomes] == [Decimal("74509")]
    assert [b.name for b in result.borrowers] == ["LEOPOLD B ESPOSITO"]
    authorization = [
        [("IRS e-file Signature Authorization", 0.06), ("Form 8879", 0.60)],
        [("Taxpayer's name", 0.06), ("Social security number", 0.50)],
        [("Leopold B Esposito", 0.06), ("XXX-XX-7102", 0.50)],
        [("1 Adjusted gross income (Form 1040, line 11)", 0.06), ("91,853", 0.80)],
    ]
    state = [
        [("Indiana e-file Signature Authorization", 0.06), ("Tax Year 2023", 0.60)],
        [("1. Federal adjusted gross income", 0.06), ("91,853", 0.80)],
        [("Taxpayer", 0.06), ("Leopold B Esposito", 0.20)],
    ]
    [result] = extract_document(_pages(authorization, state, RETURN_FIRST_PAGE))
    assert (result.doc_type, result.pages) == ("form_1040", (1, 2, 3))
    other = [
        row if "Esposito" not in row[0][0] else [("from the information you", 0.06)]
        for row in letter
    ]
    assert len(extract_document(_pages(other, RETURN_FIRST_PAGE))) == 2


def test_irs_tax_return_transcript() -> None:
    """The return as the IRS transcribes it: its year is the tax period (not the request's),
    its taxpayer's SSN is the one labelled alone (not a dependent's)."""
    page = text_page(
        [
            [("Tax Return Transcript", 0.06)],
            [("Request Date: 05-27-2025", 0.06)],
            [("Tax Period Requested: Dec. 31, 2024", 0.06)],
            [("SSN: XXX-XX-4827", 0.06)],
            [("NAME(S) SHOWN ON RETURN: GWENDOLYN GONSALVES", 0.06)],
            [("FILING STATUS: Head of Household", 0.06)],
            [("DEPENDENT 1 SSN: XXX-XX-5495", 0.06)],
            [("Income", 0.06)],
            [("WAGES, SALARIES, TIPS, ETC:................. $78,216.03", 0.06)],
            [("TAXABLE INTEREST INCOME: SCH B:............. $521.52", 0.06)],
        ]
    )
    assert classify_page(page) == "form_1040"
    [result] = extract_document([page])
    [income] = result.incomes
    assert (income.amount, income.year) == (Decimal("78216.03"), 2024)
    [borrower] = result.borrowers
    assert (borrower.name, borrower.ssn_last4) == ("GWENDOLYN GONSALVES", "4827")


def test_consolidated_1099_forms_side_by_side_and_a_detail_page() -> None:
    """A broker's composite: DIV and INT tables side by side, MISC and the 1099-B summary on
    the next page under a running header's page counter, then a detail page titled with the
    DIV's name (not its number): one income per form, all the recipient's."""
    first = [
        [("MERIDIAN SECURITIES LLC 2024 TAX REPORTING STATEMENT", 0.06), ("Page 1 of 3", 0.85)],
        [("PAYER'S Name and Address", 0.06), ("RECIPIENT'S Name and Address", 0.50)],
        [("MERIDIAN SECURITIES LLC", 0.06), ("NOOR LINDQVIST", 0.50)],
        [("26894 Winding Creek Ter", 0.06), ("27964 OLD MILL CT", 0.50)],
        [("Yonkers, NY 10702", 0.06), ("Jackson, MS 39299", 0.50)],
        [("RECIPIENT'S TIN: xxx-xx-4927", 0.50)],
        [
            ("2024 1099-DIV* Dividends and Distributions", 0.06),
            ("2024 1099-INT* Interest Income", 0.50),
        ],
        [
            ("1a Total Ordinary Dividends", 0.06),
            ("6,092.01", 0.38),
            ("1 Interest Income", 0.50),
            ("2,260.03", 0.85),
        ],
        [
            ("1b Qualified Dividends", 0.06),
            ("4,995.44", 0.38),
            ("2 Early Withdrawal Penalty", 0.50),
            ("0.00", 0.87),
        ],
    ]
    second = [
        [("MERIDIAN SECURITIES LLC 2024 TAX REPORTING STATEMENT", 0.06)],
        [("Account Number: XXXXXX4144", 0.06), ("Page 2 of 3", 0.85)],
        [("2024 1099-MISC* Miscellaneous Information", 0.06)],
        [("2 Royalties", 0.06), ("$1,609.01", 0.85)],
        [("3 Other Income", 0.06), ("$0.00", 0.87)],
        [("2024 1099-B* Summary of Proceeds, Gains & Losses", 0.06)],
        [("Term", 0.06), ("Proceeds", 0.45), ("Cost Basis", 0.65)],
        [("Short-term (Box A) basis reported", 0.06), ("27,092.66", 0.45), ("33,739.56", 0.65)],
        [("Long-term (Box D) basis reported", 0.06), ("41,449.86", 0.45), ("36,902.01", 0.65)],
        [("Total", 0.06), ("68,542.52", 0.45), ("70,641.57", 0.65)],
    ]
    third = [
        [("MERIDIAN SECURITIES LLC 2024 TAX REPORTING STATEMENT", 0.06), ("Page 3 of 3", 0.85)],
        [("Detail for Dividends and Distributions", 0.06)],
        [("Security description", 0.06), ("Ordinary dividends", 0.60)],
        [("PROCTER & GAMBLE CO", 0.06), ("974.72", 0.64)],
        [("FIDELITY GOVT MONEY MARKET", 0.06), ("5,117.29", 0.64)],
        [("Total Dividends & Distributions", 0.06), ("6,092.01", 0.64)],
    ]
    result = extract_1099([Layout(p) for p in _pages(first, second, third)])
    [borrower] = result.borrowers
    assert sorted((i.source_type, i.amount) for i in result.incomes) == [
        ("1099_b", Decimal("68542.52")),
        ("1099_div", Decimal("6092.01")),
        ("1099_int", Decimal("2260.03")),
        ("1099_misc", Decimal("1609.01")),
    ]
    assert {i.borrower_key for i in result.incomes} == {borrower.key}


def test_loan_numbers_cards_beside_transactions_and_other_accounts_on_transaction_lines() -> None:
    """ "Loan #" labels a loan's number, "Savings & Loan" labels nothing; an online banking
    page's account list beside its transactions: each account's type is its own column's
    product name, a card account there is no purchase's card; "from acct ending 5347" on a
    transaction is another's account."""
    mortgage = text_page(
        [
            [("Prairie Hills Savings & Loan", 0.06), ("Mortgage Statement", 0.60)],
            [("(877) 277-9768", 0.06)],
            [("Wilhelmina E. Ng", 0.06), ("Loan # 7484813033", 0.55)],
            [("29499 Saddleback Hwy", 0.06), ("Payment Due Date 2025-02-24", 0.55)],
            [("Idaho Falls, ID 83450", 0.06), ("Amount Due $3,000.23", 0.55)],
        ]
    )
    result = extract_bank_statement([Layout(mortgage)])
    assert [(a.number[-4:], a.account_type) for a in result.accounts] == [("3033", "loan")]
    online = text_page(
        [
            [("SANDHILL ONLINE", 0.06), ("Logged in: Hiroshi Mbeki", 0.50)],
            [("Accounts overview", 0.06)],
            [("Everyday Checking", 0.06), ("Available balance", 0.30), ("Account owner", 0.55)],
            [("...4503", 0.06), ("$5,535.61", 0.30), ("Hiroshi Mbeki", 0.55)],
            [
                ("Way2Grow Savings", 0.06),
                ("Showing posted transactions 10/16/2024 - 11/15/2024", 0.30),
            ],
            [("...8298", 0.06), ("Date Description", 0.30), ("Amount", 0.75)],
            [
                ("Cash Rewards Credit Card", 0.06),
                ("11/10/2024 CHECK # 1142", 0.30),
                ("-$886.87", 0.75),
            ],
            [
                ("...5296", 0.06),
                ("11/07/2024 POS PURCHASE UBER TRIP CARD 9732", 0.30),
                ("-$21.43", 0.75),
            ],
            [("10/09/2024 ONLINE PAYMENT FROM ACCT ENDING 5347", 0.30), ("-$2,048.86", 0.75)],
        ]
    )
    result = extract_bank_statement([Layout(online)])
    assert sorted((a.number[-4:], a.account_type) for a in result.accounts) == [
        ("4503", "checking"),
        ("5296", "credit_card"),
        ("8298", "savings"),
    ]


def test_an_e_mailed_voe_request_is_a_voe() -> None:
    page = text_page(
        [
            [("RE: VOE request - YOLANDA MCKENNA", 0.06)],
            [("From: Octavia Lefebvre", 0.06)],
            [("I can confirm that YOLANDA MCKENNA is currently employed here.", 0.06)],
            [("Current base pay is $30.30 per hour for 24 hours per week.", 0.06)],
            [("Year-to-date gross earnings through our last pay date are $14,607.75.", 0.06)],
            [("Total 2022 earnings were $41,755.40, year to date YTD above.", 0.06)],
        ]
    )
    assert classify_page(page) == "voe"


def test_a_manufacturers_name_over_its_address_on_a_check_stub_is_the_employer() -> None:
    page = text_page(
        [
            [("Tri-County Plastics", 0.06), ("PAYROLL STUB - RETAIN FOR YOUR RECORDS", 0.50)],
            [("Name", 0.06), ("Period", 0.25), ("Check Date", 0.50), ("Pay Freq", 0.65)],
            [("CY EZE SR.", 0.06), ("03/21/2022 - 04/03/2022", 0.25), ("04/08/2022", 0.50)],
            [("Earnings", 0.06), ("This Period", 0.50), ("Year to Date", 0.70)],
            [("Total Earnings", 0.06), ("7,206.28", 0.50), ("39,110.09", 0.70)],
            [("Tri-County Plastics", 0.06), ("Check No. 560025", 0.50)],
            [("29063 Bramble Hwy", 0.06)],
            [("Idaho Falls, ID 83476", 0.06)],
        ]
    )
    result = extract_paystub([Layout(page)])
    assert {i.employer for i in result.incomes} == {"Tri-County Plastics"}


def test_a_member_number_is_the_account_only_where_no_account_prints_its_own() -> None:
    rows = [
        [("Piedmont Savings Bank", 0.06)],
        [("IMOGEN KUZNETSOV and", 0.06), ("Statement Period 02/16/2024 - 03/15/2024", 0.50)],
        [("ULRICH J KUZNETSOV", 0.06), ("Member Number 32541278", 0.50)],
        [("6333 Foxglove Trl Unit 334", 0.06)],
        [("Provo, UT 84688", 0.06)],
        [("Account", 0.06), ("Account Number", 0.30), ("Ending Balance", 0.60)],
        [("Money Market Plus", 0.06), ("XXXXXXX6722", 0.30), ("61,329.25", 0.60)],
    ]
    result = extract_bank_statement([Layout(text_page(rows))])
    assert [(a.number[-4:], a.account_type) for a in result.accounts] == [("6722", "money_market")]
    # the holders: the first one's line ends with the conjunction
    assert [b.name for b in result.borrowers] == ["IMOGEN KUZNETSOV", "ULRICH J KUZNETSOV"]
    only = [r for r in rows if "Money Market" not in r[0][0]]
    result = extract_bank_statement([Layout(text_page(only))])
    assert [a.number[-4:] for a in result.accounts] == ["1278"]


def test_fresh_seed_wordings_a_frequency_column_a_particle_surname_a_card_ending_in() -> None:
    """A report's "Pay Frequency" heading followed by the next column's ("Avg Hours/Week") is
    read down its column, not as "per week"; a surname with particles is read whole beside
    its label; "Card ending in 4120" is a card's account."""
    report = text_page(
        [
            [("EMPLOYMENT DATA REPORT", 0.06), ("Date Completed: 2023-09-14", 0.55)],
            [("Employee Name", 0.06), ("Gideon R. Dunleavy", 0.25)],
            [("Employer", 0.55), ("Tri-County Veterinary Partners Ltd.", 0.65)],
            [
                ("Effective Date", 0.06),
                ("Rate of Pay", 0.20),
                ("Rate Type", 0.33),
                ("Pay Frequency", 0.50),
                ("Avg Hours/Week", 0.68),
            ],
            [
                ("2023-06-14", 0.06),
                ("$4,688.42", 0.20),
                ("Per Pay Period", 0.33),
                ("Bi-Weekly", 0.50),
                ("--", 0.68),
            ],
        ]
    )
    [income] = extract_voe([Layout(report)]).incomes
    assert income.amount == Decimal("4688.42") * 26
    form = text_page(
        [
            [("REQUEST FOR VERIFICATION OF EMPLOYMENT", 0.06)],
            [("5. Applicant Name", 0.06), ("FAROUK F. DE LA CRUZ", 0.35)],
            [("Present base pay $107,745.00 Annual", 0.06)],
        ]
    )
    assert [b.name for b in extract_voe([Layout(form)]).borrowers] == ["FAROUK F. DE LA CRUZ"]
    card = text_page(
        [
            [("RED CEDAR FINANCIAL", 0.06), ("Everyday Rewards", 0.60)],
            [("Card ending in 4120", 0.06), ("Statement Closing Date Jan 31, 2022", 0.55)],
            [("THUY LE", 0.06)],
            [("8820 Juniper St", 0.06)],
            [("Macon, GA 31201", 0.06)],
            [("Previous Balance $1,016.17", 0.06), ("New Balance $2,271.16", 0.55)],
        ]
    )
    result = extract_bank_statement([Layout(card)])
    assert [(a.number[-4:], a.account_type) for a in result.accounts] == [("4120", "credit_card")]


def test_a_misc_whose_income_is_substitute_payments_in_lieu_of_dividends() -> None:
    page = text_page(
        [
            [("HARBORVIEW INVESTMENT SERVICES, INC.", 0.06), ("Page 2 of 3", 0.85)],
            [("RECIPIENT'S Name and Address", 0.06)],
            [("JOSEPHINE DE LA CRUZ", 0.06)],
            [("2020 1099-MISC* Miscellaneous Information", 0.06)],
            [("2 Royalties", 0.06), ("0.00", 0.85)],
            [("3 Other Income", 0.06), ("0.00", 0.85)],
            [("4 Federal Income Tax Withheld", 0.06), ("0.00", 0.85)],
            [("8 Substitute Payments in Lieu of Dividends or Interest", 0.06), ("799.28", 0.85)],
        ]
    )
    [income] = extract_1099([Layout(page)]).incomes
    assert (income.source_type, income.amount) == ("1099_misc", Decimal("799.28"))


def test_check_stub_whose_earnings_include_a_line_of_zero_and_a_business_by_its_legal_form() -> (
    None
):
    """ "Referral Bonus 0.00" is one of the lines the current total sums; a name ending in
    "L.P." is a business's, the stub's employer, never a person's."""
    page = text_page(
        [
            [("Summit Trace Millwork L.P.", 0.06), ("PAYROLL STUB", 0.60)],
            [("Name", 0.06), ("Period", 0.30), ("Pay Date", 0.55), ("Pay Freq", 0.70)],
            [("CY ZIELINSKI", 0.06), ("07/16/23 - 07/31/23", 0.30), ("07/31/23", 0.55)],
            [("Earnings", 0.06), ("This Period", 0.50), ("Year to Date", 0.70)],
            [("REG SAL", 0.06), ("2,333.33", 0.50), ("32,666.62", 0.70)],
            [("Referral Bonus", 0.06), ("0.00", 0.52), ("685.50", 0.72)],
            [("Earnings Total", 0.06), ("2,333.33", 0.50), ("33,352.12", 0.70)],
        ]
    )
    # (as a PDF's text layer gives its words: sure of each)
    page = replace(page, words=tuple(replace(w, confidence=1.0) for w in page.words))
    result = extract_paystub([Layout(page)])
    assert sorted((i.period, i.amount, i.employer) for i in result.incomes) == [
        ("semimonthly", Decimal("2333.33"), "Summit Trace Millwork L.P."),
        ("ytd", Decimal("33352.12"), "Summit Trace Millwork L.P."),
    ]
    assert person_name("Summit Trace Millwork L.P.") is None
    assert person_name("Min Na") == "Min Na"  # a surname, not a bank's N.A.


def test_in_a_loan_file_an_e_file_authorization_after_a_return_opens_the_next() -> None:
    authorization = [
        [("IRS e-file Signature Authorization", 0.06), ("Form 8879", 0.60)],
        [("Taxpayer's name", 0.06), ("Social security number", 0.50)],
        [("Leopold B Esposito", 0.06), ("XXX-XX-7102", 0.50)],
        [("1 Adjusted gross income (Form 1040, line 11)", 0.06), ("91,853", 0.80)],
    ]
    found = [(r.doc_type, r.pages) for r in extract_document(_pages(
        RETURN_FIRST_PAGE, authorization, RETURN_FIRST_PAGE
    ))]  # fmt: skip
    assert found == [("form_1040", (1,)), ("form_1040", (2, 3))]


def test_in_a_loan_file_a_fax_covers_page_count_read_through_a_speck_keeps_its_letter() -> None:
    cover = [
        [("Fax Transmittal", 0.06)],
        [("From: Pamela Ng, Office Manager", 0.06)],
        [("Pages: - 2 (including cover)", 0.06)],
        [("Re: Verification of Employment - Alejandra Ibrahim", 0.06)],
        [("Please see the attached verification of employment you requested.", 0.06)],
    ]
    letter = [
        [("Riverside Methodist Hospital", 0.06)],
        [("Verification of Employment", 0.06)],
        [("To whom it may concern: this is to confirm that Alejandra Ibrahim", 0.06)],
        [("has been employed with us since 2019. Her annual salary is $84,000.", 0.06)],
    ]
    assert [r.pages for r in extract_document(_pages(cover, letter))] == [(1, 2)]


def test_in_a_loan_file_a_cards_statement_then_a_banks_are_two() -> None:
    card = [
        [("SANDHILL FINANCIAL", 0.06), ("Everyday Rewards Card", 0.55)],
        [("Account Number ending in 8726", 0.06), ("Statement Closing Date 06/10/2023", 0.55)],
        [("Previous Balance $4,488.75", 0.06), ("New Balance $2,317.16", 0.55)],
        [("Payment Due Date 07/01/2023", 0.06)],
    ]
    bank = [
        [("PIEDMONT COMMUNITY BANK", 0.06), ("STATEMENT OF ACCOUNT", 0.55)],
        [("NIKHIL D ORTIZ-MENDOZA", 0.06), ("Jul 1, 2023 through Jul 31, 2023", 0.55)],
        [("HOMETOWN CHECKING", 0.06), ("Account No.: ****5602", 0.55)],
        [("Beginning Balance 1,880.31", 0.06), ("Ending Balance 2,004.17", 0.55)],
    ]
    assert [r.pages for r in extract_document(_pages(card, bank))] == [(1,), (2,)]
    # a product's or a transaction's line in a page's header names no other bank
    product = [
        [("Wells Fargo Way2Save Savings", 0.06), ("Page 2 of 3", 0.80)],
        [("06/10 | Online Transfer - Savings", 0.06), ("-100.00", 0.80)],
    ]
    assert statement_bank(Layout(text_page(product))) is None


def test_a_letter_printing_only_the_taxpayers_suffix_does_not_name_the_return() -> None:
    letter = [
        [("MARCHETTI ACCOUNTANCY CORP.", 0.06)],
        [("Enclosed is your 2023 Form 1040, U.S. Individual Income Tax Return, prepared", 0.06)],
        [("for Harold Osei II from the information he furnished to us.", 0.06)],
    ]
    return_page = [
        [("Form 1040 U.S. Individual Income Tax Return 2023", 0.06)],
        [("Filing Status X Single", 0.06)],
        [("Your first name and middle initial", 0.06), ("Last name", 0.40)],
        [("WINSTON", 0.06), ("FITZGERALD II", 0.40), ("993-75-2086", 0.70)],
        [("1z Add lines 1a through 1h", 0.06), ("1z", 0.80), ("74,509.", 0.84)],
    ]
    assert len(extract_document(_pages(letter, return_page))) == 2


def test_fresh_seed_wordings_a_card_account_over_its_number_a_suffix_before_the_comma() -> None:
    """A card account's product name over its number beside purchases is no purchase; "Szabo
    III, Valentina Gwendolyn" in a memo's subject line is read surname last."""
    online = text_page(
        [
            [("COPPER BASIN ONLINE", 0.06), ("Logged in: Eli D. Nakamura", 0.50)],
            [("Accounts overview", 0.06)],
            [("Relationship Checking", 0.06), ("Account owner", 0.55)],
            [("XXXX8425", 0.06), ("Eli D. Nakamura", 0.55)],
            [
                ("Cash Rewards Credit Card", 0.06),
                ("02/04/2023 POS PURCHASE SPOTIFY USA CARD 8284", 0.30),
                ("-$32.13", 0.80),
            ],
            [("XXXX7545", 0.06)],
        ]
    )
    accounts = extract_bank_statement([Layout(online)]).accounts
    assert sorted((a.number[-4:], a.account_type) for a in accounts) == [
        ("7545", "credit_card"),
        ("8425", "checking"),
    ]
    memo = text_page(
        [
            [("TACOMA PUBLIC SCHOOLS", 0.06)],
            [("MEMORANDUM", 0.06)],
            [("RE: Verification of Employment and Salary - Szabo III, Valentina Gwendolyn", 0.06)],
            [("The annual contract salary is $143,900.00.", 0.06)],
        ]
    )
    names = [b.name for b in extract_voe([Layout(memo)]).borrowers]
    assert names == ["Valentina Gwendolyn Szabo III"]
