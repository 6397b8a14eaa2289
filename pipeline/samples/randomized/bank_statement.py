"""Bank, card and loan statements in randomized layouts.

Families:

* ``bank_statement/single-product``: one account whose type is named only by its product name
  ("Everyday Checking", "Way2Save Savings", "Money Market Select"); sometimes a product name
  that never says the type ("Advantage Relationship Banking", truth type ``other``).
* ``bank_statement/section-headings``: one or two accounts whose type is given only by the
  section heading over their activity ("CHECKING ACCOUNT", "Savings Account Activity").
* ``bank_statement/combined-two-accounts`` and ``bank_statement/combined-three-accounts``: a
  combined statement with a summary of accounts, then each account's section; transfers between
  them name the other statement account.
* ``bank_statement/card-or-loan``: a credit card or loan statement (type ``credit_card``/``loan``).

Every family draws: holders (one, or joint printed "A AND B"/"A OR B" on one line or on two),
holder names in capitals under the letterhead or in a window block, the account number form
("Account ending in 1234", "XXXXXXXX1234", "****1234", "Account Number: 1234567890"),
transfer lines naming another account ("Online Transfer to Savings xxxxxx5678", not a
record unless that account is on the statement), and balances that add up. Truth: one account
record per statement account, borrower = first holder; no income records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from pipeline.samples.randomized import people
from pipeline.samples.randomized.blocks import (
    Drawn,
    done,
    field_block,
    letterhead,
    margins,
    new_sheet,
)
from pipeline.samples.randomized.draw import Column, Sheet, TableStyle, table
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import Spec, money, month_end
from pipeline.samples.truth import DocumentTruth, TruthAccount, TruthBorrower

FAMILIES = (
    "bank_statement/single-product",
    "bank_statement/section-headings",
    "bank_statement/combined-two-accounts",
    "bank_statement/combined-three-accounts",
    "bank_statement/card-or-loan",
)

PRODUCTS = {
    "checking": (
        "Everyday Checking",
        "Essential Checking",
        "Premier Checking",
        "Smart Checking",
        "Interest Checking",
        "Advantage Plus Checking",
        "Free Student Checking",
    ),
    "savings": (
        "Way2Save Savings",
        "Premier Savings",
        "High Yield Savings",
        "Statement Savings",
        "Platinum Savings",
        "Holiday Club Savings",
    ),
    "money_market": (
        "Money Market Select",
        "Premier Money Market",
        "Money Market Savings",
        "Money Market Account",
    ),
    # Product names that never say what the account is: truth type "other".
    "other": (
        "Advantage Relationship Banking",
        "Total Access Account",
        "Everyday Essentials",
        "Premier Relationship",
        "Clear Access Banking",
    ),
}
HEADINGS = {
    "checking": ("CHECKING ACCOUNT", "Checking Account Activity", "Checking Summary", "CHECKING"),
    "savings": ("SAVINGS ACCOUNT", "Savings Account Activity", "Savings Summary", "SAVINGS"),
    "money_market": ("MONEY MARKET ACCOUNT", "Money Market Activity", "Money Market Summary"),
}
SHORT = {"checking": "Checking", "savings": "Savings", "money_market": "Money Market"}
CARD_PRODUCTS = (
    "Platinum Rewards Visa",
    "Cash Back Mastercard",
    "Travel Rewards Visa Signature",
    "Secured Credit Card",
    "Everyday Rewards Card",
)
LOAN_PRODUCTS = ("Auto Loan", "Personal Loan", "Home Equity Loan", "Installment Loan")
NUMBER_LABELS = ("Account Number", "Account #", "Acct No.", "Account No.")
TITLES = ("Account Statement", "Statement of Account", "Your Monthly Statement", "STATEMENT")
COMBINED_TITLES = (
    "Combined Statement of Accounts",
    "Consolidated Statement",
    "Combined Account Statement",
)
MERCHANTS = (
    "KROGER #0412",
    "SHELL OIL 5744",
    "AMAZON MKTPLACE",
    "TARGET T-1183",
    "NETFLIX.COM",
    "CITY WATER UTIL",
    "HOME DEPOT 2210",
    "STARBUCKS #3318",
    "COSTCO WHSE #0099",
    "VERIZON WIRELESS",
    "SPOTIFY USA",
    "WALGREENS #7781",
    "CHEWY.COM",
    "PANERA BREAD",
)


@dataclass
class Txn:
    day: date
    description: str
    amount: Decimal  # positive = deposit/credit, negative = withdrawal/debit


@dataclass
class Account:
    account_type: str
    product: str | None
    number: str
    begin: Decimal
    txns: list[Txn] = field(default_factory=list)

    @property
    def last4(self) -> str:
        return self.number[-4:]

    @property
    def deposits(self) -> Decimal:
        return sum((t.amount for t in self.txns if t.amount > 0), Decimal(0))

    @property
    def withdrawals(self) -> Decimal:
        return -sum((t.amount for t in self.txns if t.amount < 0), Decimal(0))

    @property
    def end(self) -> Decimal:
        return self.begin + self.deposits - self.withdrawals


@dataclass
class Statement:
    bank: Organisation
    holders: list[Person]
    start: date
    end: date
    accounts: list[Account]
    external: str  # an account number only ever seen on a transfer line
    notes: list[str] = field(default_factory=list)


def _period(rng: random.Random) -> tuple[date, date]:
    year = rng.choice((2022, 2023, 2024, 2024))
    month = rng.randint(1, 12)
    if rng.random() < 0.6:
        return date(year, month, 1), month_end(year, month)
    day = rng.randint(2, 27)
    start = date(year, month, day)
    nxt = date(year + (month == 12), month % 12 + 1, day) - timedelta(days=1)
    return start, nxt


def _number(rng: random.Random, used: set[str]) -> str:
    while True:
        number = people.digits(rng, rng.choice((10, 10, 11, 12, 13)))
        if number[-4:] not in used:
            used.add(number[-4:])
            return number


def _days(rng: random.Random, start: date, end: date, count: int) -> list[date]:
    span = (end - start).days
    return sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(count))


def _fill_deposit_account(
    rng: random.Random,
    account: Account,
    start: date,
    end: date,
    employer: str | None,
) -> None:
    """Activity for a deposit account; ``employer`` pays into it every two weeks."""
    busy = account.account_type in ("checking", "other")
    if employer:
        pay = money(Decimal(rng.randint(90000, 420000)) / 100)
        day = start + timedelta(days=rng.randint(0, 13))
        while day <= end:
            account.txns.append(Txn(day, f"PAYROLL {employer.upper()[:22]} DIR DEP", pay))
            day += timedelta(days=14)
    count = rng.randint(8, 20) if busy else rng.randint(0, 3)
    for day in _days(rng, start, end, count):
        roll = rng.random()
        if busy and roll < 0.12:
            txn = Txn(day, f"CHECK {rng.randint(1001, 1399)}", -money(rng.randint(40, 1500)))
        elif busy and roll < 0.22:
            amount = -money(rng.choice((40, 60, 100, 200)))
            txn = Txn(day, f"ATM WITHDRAWAL {rng.randint(1000, 9999)}", amount)
        elif busy and roll < 0.3:
            txn = Txn(day, "MOBILE DEPOSIT", money(Decimal(rng.randint(2000, 60000)) / 100))
        elif busy:
            amount = -money(Decimal(rng.randint(300, 25000)) / 100)
            txn = Txn(day, f"POS PURCHASE {rng.choice(MERCHANTS)}", amount)
        else:
            txn = Txn(day, "Deposit", money(rng.randint(50, 1500)))
        account.txns.append(txn)
    if not busy or rng.random() < 0.3:
        interest = money(Decimal(rng.randint(1, 4000)) / 100)
        account.txns.append(Txn(end, rng.choice(("Interest Payment", "INTEREST EARNED")), interest))


def _transfer(
    rng: random.Random, spec: Spec, source: Account, target_name: str, target_number: str, day: date
) -> tuple[Txn, Txn]:
    """A transfer's two legs; the description names the other account masked to its last four."""
    amount = money(rng.randint(50, 2500))
    mask = spec.word("transfer-mask", ("xxxxxx", "XXXXXX", "******", "...", "x"))
    wording = spec.word(
        "transfer", ("Online Transfer to", "Transfer to", "ONLINE XFER TO", "Funds Transfer to")
    )
    back = wording.replace("to", "from").replace("TO", "FROM")
    out_leg = Txn(day, f"{wording} {target_name} {mask}{target_number[-4:]}", -amount)
    in_leg = Txn(
        day, f"{back} {SHORT.get(source.account_type, 'Account')} {mask}{source.last4}", amount
    )
    return out_leg, in_leg


def _facts(rng: random.Random, spec: Spec, family: str) -> Statement:
    holders = [people.person(rng)]
    if rng.random() < 0.4:
        holders.append(people.spouse_of(rng, holders[0]))
    start, end = _period(rng)
    used: set[str] = set()
    employer = people.company(rng).name
    if family == "bank_statement/single-product":
        kind = rng.choices(
            ("checking", "savings", "money_market", "other"), weights=(45, 25, 12, 18)
        )[0]
        kinds = [kind]
    elif family == "bank_statement/section-headings":
        kinds = rng.choice((["checking"], ["savings"], ["money_market"], ["checking", "savings"]))
    elif family == "bank_statement/combined-two-accounts":
        kinds = rng.choice(
            (
                ["checking", "savings"],
                ["checking", "money_market"],
                ["checking", "checking"],
                ["savings", "money_market"],
            )
        )
    elif family == "bank_statement/combined-three-accounts":
        kinds = rng.choice(
            (
                ["checking", "savings", "money_market"],
                ["checking", "savings", "savings"],
                ["checking", "checking", "savings"],
            )
        )
    else:
        kinds = [rng.choices(("credit_card", "loan"), weights=(70, 30))[0]]
    accounts: list[Account] = []
    for kind in kinds:
        product: str | None = None
        if family == "bank_statement/section-headings":
            product = None  # the heading alone says what the account is
        elif kind in PRODUCTS:
            product = rng.choice(
                [p for p in PRODUCTS[kind] if p not in {a.product for a in accounts}]
            )
        elif kind == "credit_card":
            product = rng.choice(CARD_PRODUCTS)
        elif kind == "loan":
            product = rng.choice(LOAN_PRODUCTS)
        number = _number(rng, used)
        if kind == "credit_card":
            number = rng.choice("45") + people.digits(rng, 15)
            while number[-4:] in used:
                number = number[:-4] + people.digits(rng, 4)
            used.add(number[-4:])
        begin = money(Decimal(rng.randint(20000, 2500000)) / 100)
        accounts.append(Account(kind, product, number, begin))
    external = _number(rng, used)
    statement = Statement(people.bank(rng), holders, start, end, accounts, external)
    deposit_accounts = [a for a in accounts if a.account_type not in ("credit_card", "loan")]
    for n, account in enumerate(deposit_accounts):
        # Pay goes into the first account only (usually checking), when that one is busy.
        payroll = n == 0 and account.account_type in ("checking", "other") and rng.random() < 0.85
        _fill_deposit_account(rng, account, start, end, employer if payroll else None)
    if deposit_accounts and rng.random() < 0.85:
        source = deposit_accounts[0]
        day = _days(rng, start, end, 1)[0]
        if len(deposit_accounts) > 1:
            target = rng.choice(deposit_accounts[1:])
            out_leg, in_leg = _transfer(
                rng, spec, source, SHORT[target.account_type], target.number, day
            )
            source.txns.append(out_leg)
            target.txns.append(in_leg)
            statement.notes.append(
                f"transfer line names statement account ...{target.last4} (same record)"
            )
        else:
            name = rng.choice(("Savings", "Checking", "Brokerage", "Money Market"))
            out_leg, _ = _transfer(rng, spec, source, name, external, day)
            source.txns.append(out_leg)
            statement.notes.append(
                f"transfer line names ...{external[-4:]}, not an account of this statement"
            )
    for account in deposit_accounts:
        account.txns.sort(key=lambda t: t.day)
        # Keep the running balance above zero: real statements rarely overdraw in a sample.
        low = min(_running(account), default=account.begin)
        if low < 100:
            account.begin += money(100 - low + rng.randint(0, 500))
    return statement


def _running(account: Account) -> list[Decimal]:
    balance, out = account.begin, []
    for txn in account.txns:
        balance += txn.amount
        out.append(balance)
    return out


# --- printing ----------------------------------------------------------------------------------


def _number_text(spec: Spec, account: Account, style: str) -> str:
    number = account.number
    if style == "ending":
        wording = spec.word("ending", ("Account ending in", "Ending in", "Acct ending"))
        return f"{wording} {number[-4:]}"
    if style == "xmask":
        return "X" * (len(number) - 4) + number[-4:]
    if style == "star":
        return "****" + number[-4:]
    if style == "dashed":
        return f"{number[:-7]}-{number[-7:-4]}-{number[-4:]}" if len(number) > 7 else number
    return number


def _holder_lines(spec: Spec, holders: list[Person], upper: bool) -> list[str]:
    names = [spec.name(h, "upper" if upper else "natural") for h in holders]
    if len(names) == 1:
        return names
    joiner = (
        spec.word("joiner", (" AND ", " OR ", " AND ", " & "))
        if upper
        else spec.word("joiner", (" and ", " or ", " AND ", " & "))
    )
    if spec.word("joint-lines", ("one", "two", "two-and")) == "one":
        return [joiner.join(names).strip()]
    if spec.word("joint-lines", ("one", "two", "two-and")) == "two-and":
        return [names[0], f"{joiner.strip()} {names[1]}"]
    return names


class _Pager:
    """Page breaks for long activity: footer, new page, short continuation header."""

    def __init__(
        self, sheet: Sheet, spec: Spec, statement: Statement, x: float, width: float
    ) -> None:
        self.sheet, self.spec, self.statement = sheet, spec, statement
        self.x, self.width = x, width
        self.bottom = 792 - 52

    def footer(self) -> None:
        size = max(6.5, self.spec.size - 2)
        sheet = self.sheet
        sheet.text(
            self.x,
            792 - 32,
            self.statement.bank.name,
            size=size,
            gray=0.35,
            max_width=self.width * 0.6,
        )
        sheet.text(self.x + self.width, 792 - 32, f"Page {sheet.page}", size=size, align="right")

    def next_page(self) -> float:
        self.footer()
        self.sheet.new_page()
        size = self.spec.size
        period = f"{self.spec.date(self.statement.start)} - {self.spec.date(self.statement.end)}"
        self.sheet.text(
            self.x,
            44,
            self.statement.bank.name,
            size=size + 1,
            bold=True,
            max_width=self.width * 0.5,
        )
        self.sheet.text(
            self.x + self.width, 44, period, size=size, align="right", max_width=self.width * 0.45
        )
        self.sheet.hline(self.x, self.x + self.width, 50)
        return 66.0

    def need(self, y: float, height: float) -> float:
        return self.next_page() if y + height > self.bottom else y


def _activity(
    sheet: Sheet, spec: Spec, account: Account, statement: Statement, pager: _Pager, y: float
) -> float:
    x, width = pager.x, pager.width
    date_style = spec.word("txn-date", ("short", "slash", "full"))
    single_column = spec.word("amount-cols", ("split", "split", "single")) == "single"
    with_balance = spec.word("balance-col", ("yes", "no")) == "yes"

    def when(day: date) -> str:
        if date_style == "short":
            return f"{day:%m/%d}"
        if date_style == "slash":
            return f"{day:%b} {day.day:02d}"
        return spec.date(day)

    columns = [
        Column("Date"),
        Column(spec.word("desc", ("Description", "Transaction Description", "Details"))),
    ]
    if single_column:
        columns.append(Column("Amount", "right"))
    else:
        columns += [
            Column(
                spec.word("dep-col", ("Deposits/Credits", "Deposits", "Additions", "Credits")),
                "right",
            ),
            Column(
                spec.word(
                    "wd-col", ("Withdrawals/Debits", "Withdrawals", "Subtractions", "Debits")
                ),
                "right",
            ),
        ]
    if with_balance:
        columns.append(
            Column(
                spec.word("bal-col", ("Balance", "Daily Balance", "Ending Daily Balance")), "right"
            )
        )
    rows = []
    for txn, balance in zip(account.txns, _running(account), strict=True):
        row = [when(txn.day), txn.description]
        if single_column:
            row.append(spec.amount(txn.amount))
        else:
            row += [
                spec.amount(txn.amount) if txn.amount > 0 else "",
                spec.amount(-txn.amount) if txn.amount < 0 else "",
            ]
        if with_balance:
            row.append(spec.amount(balance))
        rows.append(row)
    style = TableStyle(size=spec.size, rules=spec.word("rules", ("lines", "shade", "none")))
    y = pager.need(y, spec.size * 6)
    return table(
        sheet, x, y, width, columns, rows, style, bottom=pager.bottom, continue_page=pager.next_page
    )


def _summary(spec: Spec, account: Account, statement: Statement) -> list[tuple[str, str]]:
    start, end = spec.date(statement.start), spec.date(statement.end)
    return [
        (
            spec.word(
                "begin",
                (
                    "Beginning balance on {d}",
                    "Beginning Balance",
                    "Opening balance as of {d}",
                    "Previous Balance",
                ),
            ).format(d=start),
            spec.amount(account.begin),
        ),
        (
            spec.word(
                "dep",
                ("Deposits and other additions", "Deposits/Credits", "Total Deposits", "Additions"),
            ),
            spec.amount(account.deposits),
        ),
        (
            spec.word(
                "wd",
                (
                    "Withdrawals and other subtractions",
                    "Withdrawals/Debits",
                    "Total Withdrawals",
                    "Subtractions",
                ),
            ),
            spec.amount(account.withdrawals),
        ),
        (
            spec.word(
                "end",
                (
                    "Ending balance on {d}",
                    "Ending Balance",
                    "Closing balance as of {d}",
                    "New Balance",
                ),
            ).format(d=end),
            spec.amount(account.end),
        ),
    ]


def _header(
    sheet: Sheet, spec: Spec, statement: Statement, x: float, width: float, title: str
) -> float:
    """Letterhead, title and period, and the holders' block. Returns the y below."""
    caps_under_letterhead = spec.chance(0.5)
    y = letterhead(
        sheet,
        spec,
        statement.bank,
        x=x,
        y=40,
        width=width,
        style=spec.rng.choice(("left", "bar", "right", "rule")),
    )
    size = spec.size
    period_label = spec.word(
        "period", ("Statement Period", "Statement period", "For the period", "Period Covered")
    )
    joiner = spec.rng.choice(("-", "to", "through"))
    period = f"{spec.date(statement.start)} {joiner} {spec.date(statement.end)}"
    holder_lines = _holder_lines(
        spec, statement.holders, upper=caps_under_letterhead or spec.chance(0.4)
    )
    address = people.address_lines(
        spec.rng,
        statement.holders[0].address,
        statement.holders[0].unit_line,
        upper=holder_lines[0].isupper(),
    )
    block = holder_lines + address
    if caps_under_letterhead:
        top = y
        for line in block:
            sheet.text(x, y + size, line, size=size, max_width=width * 0.5)
            y += size * 1.25
        right_y = top + size
        sheet.text(
            x + width,
            right_y,
            title,
            size=size + 3,
            bold=True,
            align="right",
            max_width=width * 0.45,
        )
        right_y += size * 2
        for label, value in ((period_label, period),):
            sheet.text(
                x + width,
                right_y,
                f"{label}: {value}",
                size=size,
                align="right",
                max_width=width * 0.45,
            )
            right_y += size * 1.4
        return max(y, right_y) + 14
    sheet.text(x, y + size + 2, title, size=size + 3, bold=True, max_width=width * 0.55)
    y += size * 2.4
    y = (
        field_block(
            sheet, spec, [(period_label, period)], x=x, y=y, width=width * 0.6, placement="inline"
        )
        + 6
    )
    window_y = y + 10
    for line in block:
        sheet.text(x + 24, window_y, line, size=size, max_width=width * 0.55)
        window_y += size * 1.25
    return window_y + 16


def _account_box(
    sheet: Sheet,
    spec: Spec,
    account: Account,
    statement: Statement,
    x: float,
    y: float,
    width: float,
    *,
    heading: str | None,
    number_style: str,
) -> float:
    size = spec.size
    if heading:
        sheet.text(x, y + size + 2, heading, size=size + 2, bold=True, max_width=width)
        y += size * 2.2
    number_label = spec.word("number-label", NUMBER_LABELS)
    number = _number_text(spec, account, number_style)
    pairs = [] if number_style == "ending" else [(number_label, number)]
    if number_style == "ending":
        sheet.text(x, y + size, number, size=size, max_width=width)
        y += size * 1.6
    pairs += _summary(spec, account, statement)
    return (
        field_block(
            sheet,
            spec,
            pairs,
            x=x,
            y=y + size,
            width=min(width, 360),
            placement=spec.rng.choice(("right", "right", "inline")),
        )
        + 8
    )


def _deposit_statement(
    sheet: Sheet, spec: Spec, statement: Statement, family: str, x: float, width: float
) -> dict[str, int]:
    """Single, section-heading and combined statements. Returns the page each account's number
    first appears on."""
    combined = family.startswith("bank_statement/combined")
    title = spec.rng.choice(COMBINED_TITLES if combined else TITLES)
    y = _header(sheet, spec, statement, x, width, title)
    pager = _Pager(sheet, spec, statement, x, width)
    first_page: dict[str, int] = {}
    number_style = spec.rng.choice(("ending", "xmask", "star", "full", "full", "dashed"))
    if combined:
        y += spec.size
        sheet.text(
            x,
            y,
            spec.rng.choice(("Summary of accounts", "Account Summary", "YOUR ACCOUNTS")),
            size=spec.size + 1.5,
            bold=True,
        )
        y += spec.size
        rows = [
            [
                acct.product or SHORT[acct.account_type],
                _number_text(spec, acct, number_style if number_style != "ending" else "xmask"),
                spec.amount(acct.begin),
                spec.amount(acct.end),
            ]
            for acct in statement.accounts
        ]
        columns = [
            Column("Account"),
            Column(spec.word("number-label", NUMBER_LABELS)),
            Column("Beginning Balance", "right"),
            Column("Ending Balance", "right"),
        ]
        y = (
            table(
                sheet,
                x,
                y,
                width,
                columns,
                rows,
                TableStyle(size=spec.size, rules=spec.rng.choice(("grid", "lines", "shade"))),
            )
            + 16
        )
        for acct in statement.accounts:
            first_page[acct.number] = sheet.page
        if spec.chance(0.5):
            y = pager.next_page()
    for acct in statement.accounts:
        heading: str | None
        if family == "bank_statement/section-headings":
            heading = spec.rng.choice(HEADINGS[acct.account_type])
        else:
            heading = acct.product
        y = pager.need(y, spec.size * 12)
        y = _account_box(
            sheet, spec, acct, statement, x, y, width, heading=heading, number_style=number_style
        )
        first_page.setdefault(acct.number, sheet.page)
        y = _activity(sheet, spec, acct, statement, pager, y) + 18
    pager.footer()
    return first_page


def _card_or_loan(
    sheet: Sheet, spec: Spec, statement: Statement, x: float, width: float
) -> dict[str, int]:
    account = statement.accounts[0]
    rng = spec.rng
    card = account.account_type == "credit_card"
    title = (
        rng.choice(("Credit Card Statement", "Card Account Statement", "Monthly Statement"))
        if card
        else rng.choice(("Loan Statement", "Loan Account Statement", "Installment Loan Statement"))
    )
    y = _header(sheet, spec, statement, x, width, title)
    size = spec.size
    sheet.text(x, y, account.product or "", size=size + 2, bold=True)
    y += size * 1.8
    # Cards are never printed in full; loans often are.
    number_style = (
        rng.choice(("ending", "star", "xmask", "spaced"))
        if card
        else rng.choice(("ending", "full", "xmask"))
    )
    if number_style == "spaced":
        number = " ".join(("XXXX", "XXXX", "XXXX", account.last4))
    else:
        number = _number_text(spec, account, number_style)
    label = ("Card Number" if card else "Loan Number") if number_style != "ending" else ""
    pairs = [(label, number)] if label else []
    if not label:
        sheet.text(x, y, number, size=size)
        y += size * 1.6
    if card:
        previous = money(Decimal(rng.randint(20000, 600000)) / 100)
        payment = money(min(previous, Decimal(rng.randint(25, 3000))))
        purchases = [
            money(Decimal(rng.randint(500, 40000)) / 100) for _ in range(rng.randint(4, 12))
        ]
        interest = money(Decimal(rng.randint(0, 9000)) / 100)
        new_balance = previous - payment + sum(purchases, Decimal(0)) + interest
        limit = money(
            max(new_balance + 500, Decimal(rng.choice((2000, 5000, 7500, 10000, 15000, 25000))))
        )
        minimum = money(max(Decimal(25), new_balance * Decimal("0.02")))
        pairs += [
            ("Previous Balance", spec.amount(previous)),
            ("Payments", f"-{spec.amount(payment)}"),
            ("Purchases", spec.amount(sum(purchases, Decimal(0)))),
            ("Interest Charged", spec.amount(interest)),
            ("New Balance", spec.amount(new_balance)),
            ("Credit Limit", spec.amount(limit)),
            ("Available Credit", spec.amount(limit - new_balance)),
            ("Minimum Payment Due", spec.amount(minimum)),
            ("Payment Due Date", spec.date(statement.end + timedelta(days=25))),
        ]
        days = _days(rng, statement.start, statement.end, len(purchases) + 1)
        rows = [[f"{days[0]:%m/%d}", "PAYMENT - THANK YOU", f"-{spec.amount(payment)}"]]
        rows += [
            [f"{d:%m/%d}", rng.choice(MERCHANTS), spec.amount(a)]
            for d, a in zip(days[1:], purchases, strict=True)
        ]
        if interest:
            rows.append(
                [f"{statement.end:%m/%d}", "INTEREST CHARGE ON PURCHASES", spec.amount(interest)]
            )
    else:
        principal = money(Decimal(rng.randint(300000, 4500000)) / 100)
        rate = Decimal(rng.randint(299, 1299)) / 100
        interest = money(principal * rate / 100 / 12)
        payment = money(interest + Decimal(rng.randint(100, 900)))
        pairs += [
            ("Principal Balance", spec.amount(principal)),
            ("Interest Rate", f"{rate:.2f}%"),
            ("Regular Monthly Payment", spec.amount(payment)),
            ("Payment Due Date", spec.date(statement.end + timedelta(days=15))),
            (
                "Maturity Date",
                spec.date(date(statement.end.year + rng.randint(2, 6), statement.end.month, 1)),
            ),
        ]
        paid = _days(rng, statement.start, statement.end, 1)[0]
        rows = [
            [f"{paid:%m/%d}", "PAYMENT RECEIVED", spec.amount(payment)],
            [f"{paid:%m/%d}", "  Applied to interest", spec.amount(interest)],
            [f"{paid:%m/%d}", "  Applied to principal", spec.amount(payment - interest)],
        ]
    y = (
        field_block(
            sheet,
            spec,
            pairs,
            x=x,
            y=y + size,
            width=min(width, 380),
            placement=spec.rng.choice(("right", "inline", "below")),
        )
        + 12
    )
    pager = _Pager(sheet, spec, statement, x, width)
    sheet.text(x, y, "Transactions" if card else "Payment Activity", size=size + 1.5, bold=True)
    columns = [Column("Date"), Column("Description"), Column("Amount", "right")]
    table(
        sheet,
        x,
        y + 4,
        width,
        columns,
        rows,
        TableStyle(size=size, rules=rng.choice(("lines", "shade", "none"))),
        bottom=pager.bottom,
        continue_page=pager.next_page,
    )
    pager.footer()
    statement.notes.append(f"{account.account_type} statement")
    return {account.number: 1}


def build(rng: random.Random, family: str) -> Drawn:
    spec = Spec.draw(rng, sizes=(7, 10.5), name_styles=("natural", "upper"))
    statement = _facts(rng, spec, family)
    x, width = margins(spec)
    sheet = new_sheet(spec, statement.bank.name if spec.chance(0.5) else "")
    if family == "bank_statement/card-or-loan":
        pages = _card_or_loan(sheet, spec, statement, x, width)
    elif family in FAMILIES:
        pages = _deposit_statement(sheet, spec, statement, family, x, width)
    else:
        raise ValueError(f"unknown bank statement family {family!r}")
    truth = DocumentTruth(doc_type="bank_statement", layout=family)
    first = statement.holders[0]
    for holder in statement.holders:
        truth.add_borrower(
            TruthBorrower(name=holder.truth_name, ssn_last4=None, address=holder.address)
        )
    for account in statement.accounts:
        truth.account_numbers.append(
            TruthAccount(
                borrower=first.truth_name,
                last4=account.last4,
                account_type=account.account_type,
                institution=statement.bank.name,
                page=pages[account.number],
            )
        )
    kinds = ", ".join(f"{a.product or a.account_type} ...{a.last4}" for a in statement.accounts)
    truth.notes += [
        f"{len(statement.holders)} holder(s); accounts: {kinds}",
        *statement.notes,
    ]
    return done(sheet, truth)
