"""Bank statement layouts: a national bank (signed amounts), a credit union (separate
withdrawal/deposit columns) and a stacked layout (posting date, amount, description). Some are
joint accounts; the account number is printed in full on some and masked on others; long
statements run onto a second page."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pipeline.samples.cast import PERIODS_PER_YEAR, Member, money
from pipeline.samples.render import Sheet, fmt_amount, fmt_date
from pipeline.samples.truth import DocumentTruth, TruthAccount, TruthBorrower

LAYOUTS = ("national_bank", "credit_union", "stacked")
_MERCHANTS = (
    "POS PURCHASE GROCERY OUTLET", "POS PURCHASE CITY FUEL", "ONLINE PMT CITY UTILITIES",
    "ATM WITHDRAWAL", "DEBIT CARD PHARMACY PLUS", "AUTOPAY AUTO LOAN", "POS PURCHASE HOME SUPPLY",
    "INTERNET SERVICE AUTOPAY", "DEBIT CARD COFFEE HOUSE", "MOBILE PHONE AUTOPAY",
    "INSURANCE PREMIUM", "RESTAURANT PURCHASE",
)  # fmt: skip


@dataclass(frozen=True)
class Txn:
    day: date
    description: str
    amount: Decimal  # positive deposit, negative withdrawal
    balance: Decimal


def _transactions(
    rng: random.Random, member: Member, start: date, end: date, opening: Decimal, count: int
) -> list[Txn]:
    job = member.job
    net_pay = money(job.annual_salary / PERIODS_PER_YEAR[job.frequency] * Decimal("0.72"))
    days = sorted(rng.randint(start.day, end.day) for _ in range(count))
    pay_days = set(rng.sample(range(count), k=min(2, count)))
    txns: list[Txn] = []
    balance = opening
    check_no = rng.randint(1001, 1400)
    for i, day in enumerate(days):
        if i in pay_days:
            description = f"PAYROLL DIRECT DEP {job.employer.name.upper()[:22]}"
            amount = net_pay
        elif rng.random() < 0.12:
            description = f"CHECK #{check_no}"
            check_no += 1
            amount = -money(rng.randint(5000, 90000) / 100)
        elif rng.random() < 0.08:
            description = "ONLINE TRANSFER FROM SAVINGS"
            amount = money(rng.randint(10000, 80000) / 100)
        else:
            description = rng.choice(_MERCHANTS)
            amount = -money(rng.randint(450, 24000) / 100)
        balance += amount
        txns.append(Txn(date(start.year, start.month, day), description, amount, balance))
    return txns


def build(
    rng: random.Random, member: Member, *, layout: str, year: int
) -> tuple[bytes, DocumentTruth]:
    assert member.bank is not None
    bank = member.bank
    holders = [member.person] + (
        [member.spouse.person] if member.spouse and rng.random() < 0.75 else []
    )
    month = rng.randint(1, 11)
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    opening = money(rng.randint(80000, 1800000) / 100)
    count = rng.choice((12, 18, 24, 44))
    txns = _transactions(rng, member, start, end, opening, count)
    closing = txns[-1].balance if txns else opening
    number = member.account_number
    mask = rng.choice(("full", "stars", "xs"))
    if mask == "stars":
        printed_number = f"****{number[-4:]}"
    elif mask == "xs":
        printed_number = "X" * (len(number) - 4) + number[-4:]
    else:
        printed_number = number
    commas = rng.random() < 0.7
    caps = layout != "stacked" or rng.random() < 0.5
    names = [p.name.upper() if caps else p.name for p in holders]
    date_style = rng.choice(("us", "short"))
    account_label = {"checking": "Checking", "savings": "Savings"}[member.account_type]
    product = rng.choice(
        {
            "checking": ("Everyday Checking", "Premier Checking", "Share Draft"),
            "savings": ("Share Savings", "Statement Savings", "High Yield Savings"),
        }[member.account_type]
    )

    def amt(value: Decimal, *, dollar: bool = False) -> str:
        return fmt_amount(value, commas=commas, dollar=dollar)

    sheet = Sheet(title="Account statement")
    address = holders[0].address
    deposits = sum((t.amount for t in txns if t.amount > 0), Decimal(0))
    withdrawals = -sum((t.amount for t in txns if t.amount < 0), Decimal(0))
    period_text = f"{fmt_date(start, date_style)} - {fmt_date(end, date_style)}"

    # Header: institution, holders' mailing block, account summary.
    sheet.text(36, 50, bank.name, size=16, bold=True)
    sheet.text(
        36,
        64,
        f"{bank.address.street}, {bank.address.city}, {bank.address.state} "
        f"{bank.address.zip} · {bank.phone}",
        size=8,
    )
    if layout == "credit_union":
        sheet.text(576, 50, "Member Statement", size=12, bold=True, align="right")
    else:
        sheet.text(576, 50, f"{account_label} Account Statement", size=12, bold=True, align="right")
    block = [" AND ".join(names)] if layout == "national_bank" and len(names) > 1 else names
    sheet.lines(
        60,
        110,
        [
            *block,
            address.street.upper() if caps else address.street,
            f"{address.city.upper() if caps else address.city}, {address.state} {address.zip}",
        ],
        size=10,
        leading=12,
    )

    summary: list[tuple[str, str]]
    if layout == "stacked":
        summary = [("Primary Account Holder", names[0])]
        if len(names) > 1:
            summary.append(("Joint Owner", names[1]))
        summary += [
            ("Account Number", printed_number),
            ("Account Type", product),
            ("Statement Period", period_text),
        ]
        y = 180.0
        for label, value in summary:
            sheet.text(60, y, f"{label}:", bold=True)
            sheet.text(220, y, value)
            y += 14
        y += 10
        for label, value in (
            ("Beginning Balance", amt(opening, dollar=True)),
            ("Total Credits", amt(deposits, dollar=True)),
            ("Total Debits", amt(withdrawals, dollar=True)),
            ("Ending Balance", amt(closing, dollar=True)),
        ):
            sheet.text(60, y, label)
            sheet.text(330, y, value, align="right")
            y += 13
        table_y = y + 25
    else:
        acct_label = "Member Number" if layout == "credit_union" else "Account Number"
        sheet.box(340, 96, 236, 100)
        rows = [
            (acct_label, printed_number),
            ("Account Type", product),
            ("Statement Period", period_text),
            ("Beginning Balance", amt(opening, dollar=True)),
            ("Deposits and Additions", amt(deposits, dollar=True)),
            ("Withdrawals and Subtractions", amt(withdrawals, dollar=True)),
            ("Ending Balance", amt(closing, dollar=True)),
        ]
        y = 110.0
        for label, value in rows:
            sheet.text(346, y, label, size=8)
            sheet.text(570, y, value, size=8, align="right")
            y += 13
        if layout == "credit_union" and len(names) > 1:
            sheet.text(60, 170, f"Joint Owner: {names[1]}", size=8)
        table_y = 230.0

    columns = {
        "national_bank": [
            ("Date", 40, "left"),
            ("Description", 100, "left"),
            ("Amount", 470, "right"),
            ("Balance", 572, "right"),
        ],
        "credit_union": [
            ("Date", 40, "left"),
            ("Description", 100, "left"),
            ("Withdrawals", 400, "right"),
            ("Deposits", 486, "right"),
            ("Balance", 572, "right"),
        ],
        "stacked": [
            ("Posting Date", 40, "left"),
            ("Amount", 190, "right"),
            ("Description", 210, "left"),
        ],
    }[layout]

    def header(y: float) -> float:
        sheet.text(
            36,
            y - 18,
            "Transaction Detail" if layout != "credit_union" else "Account Activity",
            size=10,
            bold=True,
        )
        sheet.shade(36, y - 10, 540, 14)
        for label, x, align in columns:
            sheet.text(x, y, label, bold=True, align=align)
        return y + 16

    y = header(table_y)
    for txn in txns:
        if y > 740:
            sheet.text(576, 770, f"Page {sheet.page}", size=7, align="right")
            sheet.new_page()
            sheet.text(36, 40, f"{bank.name} — Account ending {number[-4:]} — continued", size=8)
            y = header(80)
        when = f"{txn.day:%m/%d}"
        if layout == "national_bank":
            cells = [when, txn.description, amt(txn.amount), amt(txn.balance)]
        elif layout == "credit_union":
            cells = [
                when,
                txn.description,
                amt(-txn.amount) if txn.amount < 0 else "",
                amt(txn.amount) if txn.amount > 0 else "",
                amt(txn.balance),
            ]
        else:
            cells = [fmt_date(txn.day, date_style), amt(txn.amount), txn.description]
        for (_, x, align), value in zip(columns, cells, strict=True):
            sheet.text(x, y, value, size=8, align=align)
        y += 13
    sheet.text(
        36,
        y + 14,
        f"Ending balance on {fmt_date(end, date_style)}: {amt(closing, dollar=True)}",
        size=9,
        bold=True,
    )
    if sheet.page > 1:
        sheet.text(576, 770, f"Page {sheet.page}", size=7, align="right")

    truth = DocumentTruth(doc_type="bank_statement", layout=layout)
    for person, name in zip(holders, names, strict=True):
        truth.add_borrower(TruthBorrower(name, None, person.address))
    truth.account_numbers.append(
        TruthAccount(
            borrower=names[0],
            last4=number[-4:],
            account_type=member.account_type,
            institution=bank.name,
            page=1,
        )
    )
    truth.notes.append(
        f"account number printed {mask}; {len(holders)} holder(s); "
        f"{sheet.page} page(s); payroll deposits are not income records"
    )
    return sheet.finish(), truth
