"""Paystub, bank statement and VOE extractors, on plain text and on positioned words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipeline.domain.pages import Page, TextMethod
from pipeline.extraction import classify_page
from pipeline.extraction.bank import extract_bank_statement, parse_account_number
from pipeline.extraction.layout import Layout
from pipeline.extraction.paystub import extract_paystub, frequency_from_days
from pipeline.extraction.voe import extract_voe


def text_page(*lines: str, method: TextMethod = TextMethod.TEXT_LAYER, n: int = 1) -> Page:
    return Page(number=n, text="\n".join(lines), method=method)


EARNINGS = (
    "Atlas Freight Systems               EARNINGS STATEMENT",
    "4356 Lakeview Drive",
    "Clinton, IA 52733                   Period Beginning:  Jun 1, 2024",
    "                                    Period Ending:  Jun 14, 2024",
    "                                    Pay Date:  Jun 21, 2024",
    "Hannah Kowalski",
    "8881 Sunset Terrace                 Employee ID: 42087",
    "Georgetown, TX 78630",
    "Earnings          Rate   Hours    This Period    Year To Date",
    "Regular Salary                    6052.10        66573.10",
    "Gross Pay                         6052.10        66573.10",
    "Net Pay                           3953.36        43487.07",
)


def test_paystub_current_and_ytd_with_inferred_frequency() -> None:
    p = text_page(*EARNINGS)
    assert classify_page(p) == "paystub"
    result = extract_paystub([Layout(p)])
    assert [(i.amount, i.period) for i in result.incomes] == [
        (Decimal("6052.10"), "biweekly"),
        (Decimal("66573.10"), "ytd"),
    ]
    assert {i.year for i in result.incomes} == {2024}
    assert {i.employer for i in result.incomes} == {"Atlas Freight Systems"}
    assert result.fields["pay_date"] == "2024-06-21"
    assert result.fields["net_pay"] == "3953.36"
    [b] = result.borrowers
    assert b.name == "Hannah Kowalski"
    assert b.address is not None and b.address.zip == "78630"
    assert result.incomes[1].evidence.section.startswith("Earnings: Gross Pay")


def test_paystub_ytd_column_first_and_printed_frequency() -> None:
    p = text_page(
        "PAY STUB  Pay Date: Jun 30, 2024",
        "Meridian Insurance Agency · Fairview, OR  Pay Period: Jun 16, 2024 to Jun 30, 2024",
        "Pay Frequency: Semi-Monthly",
        "Employee Name:  PRIYA RAMAN",
        "SSN:  XXX-XX-4653",
        "Description      YTD        Current",
        "Gross Pay        45,124.98  7,520.83",
    )
    result = extract_paystub([Layout(p)])
    assert [(i.amount, i.period) for i in result.incomes] == [
        (Decimal("7520.83"), "semimonthly"),
        (Decimal("45124.98"), "ytd"),
    ]
    assert result.borrowers[0].ssn_last4 == "4653"
    assert result.borrowers[0].ssn is None


@pytest.mark.parametrize(
    ("ytd", "expected"),
    [
        # six monthly pays by June 30th: the YTD arithmetic sides with the period's length
        ("45,124.98", [(Decimal("7520.83"), "monthly"), (Decimal("45124.98"), "ytd")]),
        # three pays fit no frequency at June 30th: no current pay rather than a guess
        ("22,562.49", [(Decimal("22562.49"), "ytd")]),
    ],
)
def test_paystub_frequency_that_contradicts_the_period(
    ytd: str, expected: list[tuple[Decimal, str]]
) -> None:
    p = text_page(
        "PAY STUB  Pay Date: Jun 30, 2024",
        "Pay Period: Jun 1, 2024 to Jun 30, 2024",
        "Pay Frequency: Weekly",
        "Employee Name:  PRIYA RAMAN",
        "Description      Current    YTD",
        f"Gross Pay        7,520.83   {ytd}",
    )
    result = extract_paystub([Layout(p)])
    assert [(i.amount, i.period) for i in result.incomes] == expected
    assert result.fields["check_frequency"].startswith("failed")


def test_paystub_frequency_implied_by_ytd_at_the_first_pay_of_the_year() -> None:
    p = text_page(
        "PAY STUB  Pay Date: Jan 31, 2024",
        "Employee Name:  PRIYA RAMAN",
        "Description      This Pay   YTD",
        "Gross Pay        3,854.17   3,854.17",
    )
    result = extract_paystub([Layout(p)])
    assert [(i.amount, i.period) for i in result.incomes] == [
        (Decimal("3854.17"), "monthly"),
        (Decimal("3854.17"), "ytd"),
    ]


@pytest.mark.parametrize(
    ("days", "expected"),
    [(7, "weekly"), (14, "biweekly"), (15, "semimonthly"), (16, "semimonthly"), (31, "monthly")],
)
def test_frequency_from_period_length(days: int, expected: str) -> None:
    start = date(2024, 1, 1)
    end = date.fromordinal(start.toordinal() + days - 1)
    period = frequency_from_days(start, end)
    assert period is not None and period.value == expected


STATEMENT = (
    "Cedar Valley Credit Union  Member Statement",
    "2886 Cedar Lane, Riverton, WY 82526",
    "PRIYA RAMAN             Member Number  XXXXXXXXXX7103",
    "JAMES RAMAN             Account Type  Everyday Checking",
    "3100 ELM STREET         Statement Period  Nov 1, 2024 - Nov 30, 2024",
    "FAIRVIEW, OR 97018      Beginning Balance  $14,563.51",
    "Joint Owner: JAMES RAMAN",
    "Ending Balance  $26,218.27",
    "Date  Description  Withdrawals  Deposits  Balance",
    "11/16  PAYROLL DIRECT DEP MERIDIAN  5,415.00  18,557.93",
)


def test_joint_bank_statement_has_two_holders_and_no_income() -> None:
    p = text_page(*STATEMENT)
    assert classify_page(p) == "bank_statement"
    result = extract_bank_statement([Layout(p)])
    assert [b.name for b in result.borrowers] == ["PRIYA RAMAN", "JAMES RAMAN"]
    assert result.incomes == []
    [account] = result.accounts
    assert account.number == "XXXXXXXXXX7103"
    assert account.account_type == "checking"
    assert account.institution == "Cedar Valley Credit Union"
    assert account.borrower_key == result.borrowers[0].key
    assert account.joint_borrower_keys == (result.borrowers[1].key,)
    assert result.fields["statement_period"] == "2024-11-01/2024-11-30"
    assert result.fields["beginning_balance"] == "14563.51"
    assert result.fields["ending_balance"] == "26218.27"


def test_full_account_number_stays_only_in_the_account() -> None:
    p = text_page(
        "First Harbor Bank  Savings Account Statement",
        "HANNAH KOWALSKI  Account Number  123456789012",
        "8881 SUNSET TERRACE",
        "GEORGETOWN, TX 78630  Statement Period  03/01/2024 - 03/31/2024",
        "Beginning Balance  $9326.17",
        "Ending Balance  $16896.29",
    )
    result = extract_bank_statement([Layout(p)])
    [account] = result.accounts
    assert account.number == "123456789012"
    assert "123456789012" not in account.evidence.snippet
    assert account.evidence.snippet.endswith("9012")
    assert "123456789012" not in repr(result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("****2457", "****2457"),
        ("XXXXXXXX7908", "XXXXXXXX7908"),
        ("08/01/2024", None),
        ("12", None),
    ],
)
def test_parse_account_number(text: str, expected: str | None) -> None:
    assert parse_account_number(text) == expected


def test_voe_letter_hourly() -> None:
    p = text_page(
        "Golden Prairie Foods Inc.",
        "March 15, 2024",
        "RE: Verification of Employment for Daniel Mbeki",
        "This letter confirms that Daniel Mbeki has been employed by Golden Prairie Foods Inc.",
        "since 02/09/2015, and currently holds the position of Machine Operator.",
        "They are paid an hourly rate of $21.00 and are regularly scheduled",
        "for 36 hours per week.",
    )
    assert classify_page(p) == "voe"
    result = extract_voe([Layout(p)])
    [income] = result.incomes
    assert income.amount == Decimal("39312.00")  # 21 x 36 x 52
    assert (income.year, income.source_type) == (2024, "voe")
    assert income.employer == "Golden Prairie Foods Inc."
    assert result.fields["position"] == "Machine Operator"
    assert result.fields["hire_date"] == "2015-02-09"
    assert result.borrowers[0].name == "Daniel Mbeki"


def test_voe_form_1005_salary() -> None:
    p = text_page(
        "Request for Verification of Employment",
        "1. To (Name and address of employer)  2. From (Name and address of lender)",
        "Meridian Insurance Agency              Evergreen Mortgage Partners",
        "7. Name and Address of Applicant  Applicant's Social Security Number",
        "Priya Raman                       XXX-XX-4653",
        "9. Applicant's Date of Employment  10. Present Position  11. Probability of Continued",
        "09/17/2015  Customer Service Lead  Good",
        "12A. Current Gross Base Pay (Enter Amount and Check Period)",
        "$7,520.83  X Monthly  Annual  Weekly  Hourly",
        "HR Manager  10/09/2024",
    )
    result = extract_voe([Layout(p)])
    [income] = result.incomes
    assert income.amount == Decimal("90249.96")
    assert income.employer == "Meridian Insurance Agency"
    assert result.borrowers[0].ssn_last4 == "4653"
    assert result.fields["hire_date"] == "2015-09-17"
