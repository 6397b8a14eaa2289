"""Bank and brokerage statements in the layouts applicants hand to lenders.

Layout families (what they imitate):

- ``national_checking``: a big national bank's monthly checking statement: customer-service box,
  ALL CAPS address block, a checking summary box (beginning balance, deposits and additions, checks
  paid, card and electronic withdrawals, fees, ending balance), one table per section, a daily
  ending balance grid and "Page 1 of 3" footers.
- ``combined_statement``: a combined statement of accounts: a summary-of-accounts table listing a
  checking and a savings product, then per account an activity summary and a transaction history
  with deposits, withdrawals and ending daily balance columns; transfers between the two accounts
  name each other's numbers.
- ``credit_union``: a credit union statement with share savings, share draft, money market and
  sometimes auto loan sections, each with its own account number, dividends and a running balance.
- ``online_savings``: an online bank's savings statement: summary with APY and interest paid this
  year, activity with credits, debits and balance, transfers from a linked external account.
- ``brokerage_cash``: a brokerage firm's cash management or money market account statement: account
  value summary with a year-to-date column, the core money market holding, activity with a running
  balance and bank transfers that print the linked bank account's number.

Every holder is a borrower (no SSN is printed); each account number printed for the statement's own
accounts is one account record. Linked external accounts, debit card numbers, routing numbers and
reference numbers are traps and never labelled.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = (
    "national_checking",
    "combined_statement",
    "credit_union",
    "online_savings",
    "brokerage_cash",
)

# fmt: off
FIRST_NAMES = (
    "Maria", "James", "Aisha", "Wei", "Carlos", "Priya", "Daniel", "Fatima", "Olivia", "Kwame",
    "Sofia", "Ethan", "Mei", "Jamal", "Hannah", "Diego", "Linh", "Robert", "Grace", "Mohammed",
    "Elena", "Tyrone", "Yuki", "Samuel", "Ana", "Connor", "Leticia", "Rajesh", "Brianna",
    "Marcus", "José", "Renée", "Dmitri", "Keisha", "Thomas", "Ingrid", "Andre", "Camila",
    "Patrick", "Nadia",
)
LAST_NAMES = (
    "Peña", "O'Neil", "García-López", "Nguyen", "Van der Berg", "Johnson", "Okafor", "Kowalski",
    "Patel", "Williams", "Chen", "Hernández", "Schmidt", "Abernathy", "Kim", "Rossi", "Dubois",
    "Haddad", "MacLeod", "Washington", "Yamamoto", "Ivanova", "Thompson", "Delgado", "Fitzgerald",
    "Nakamura", "Brennan", "Osei", "Lindqvist", "Moreno", "Sullivan", "Begay", "Carter", "Singh",
)
STREET_NAMES = (
    "Maple", "Oak Hollow", "Riverside", "Cedar Ridge", "Lincoln", "Magnolia", "Sunset", "Willow",
    "Harbor View", "Juniper", "Prospect", "Elm", "Bluebonnet", "Chestnut", "Kingsley", "Mission",
)
STREET_SUFFIXES = ("St", "Ave", "Dr", "Ln", "Rd", "Ct", "Blvd", "Way", "Pl", "Ter")
CITIES = (
    ("Columbus", "OH", "432"),
    ("Tucson", "AZ", "857"),
    ("Raleigh", "NC", "276"),
    ("Spokane", "WA", "992"),
    ("Aurora", "CO", "800"),
    ("Macon", "GA", "312"),
    ("Fresno", "CA", "937"),
    ("Naperville", "IL", "605"),
    ("Hartford", "CT", "061"),
    ("El Paso", "TX", "799"),
    ("Des Moines", "IA", "503"),
    ("Richmond", "VA", "232"),
    ("Tampa", "FL", "336"),
    ("Albany", "NY", "122"),
    ("Provo", "UT", "846"),
    ("Lansing", "MI", "489"),
    ("Reno", "NV", "895"),
    ("Knoxville", "TN", "379"),
)
EMPLOYERS = (
    "NORTHWIND LOGISTICS", "BRIGHTPATH HEALTH", "CASCADE ENGINEERING", "SUMMIT CHARTER SCHOOLS",
    "REDLINE AUTOMOTIVE", "BLUE HERON FOODS", "ORCHARD MEDICAL GRP", "IRONGATE SECURITY",
)
# fmt: on
MERCHANTS = (
    ("SHELL OIL 57444", 2800, 7200),
    ("KROGER #412", 3500, 18500),
    ("AMAZON MKTPL*2K4", 1200, 9800),
    ("TARGET T-1834", 1800, 14200),
    ("STARBUCKS STORE 0931", 450, 1600),
    ("WALGREENS #7723", 700, 4800),
    ("HOME DEPOT 4410", 2200, 26000),
    ("CHIPOTLE 1127", 950, 3200),
    ("COSTCO WHSE #0655", 6500, 32000),
    ("NETFLIX.COM", 1549, 2299),
    ("UBER *TRIP", 900, 4700),
    ("SAFEWAY #1902", 2600, 15600),
    ("LOWE'S #2214", 1900, 21000),
    ("CVS/PHARMACY #0877", 600, 5200),
)
BILLERS = (
    ("CITI CARD ONLINE PAYMENT", 9000, 85000),
    ("GEICO AUTO INS", 9800, 24000),
    ("DUKE ENERGY BILL PAY", 6000, 21000),
    ("VERIZON WIRELESS", 5500, 17500),
    ("SALLIE MAE STUDENT LN", 15000, 42000),
    ("COMCAST CABLE", 7000, 16000),
    ("RIVERBEND APTS RENT", 95000, 210000),
    ("AMEX EPAYMENT ACH PMT", 12000, 110000),
    ("STATE FARM RO 27", 8000, 19000),
    ("CITY WATER UTIL", 3500, 9500),
)
FONTS = (
    ("Helvetica", "Helvetica-Bold"),
    ("Times-Roman", "Times-Bold"),
    ("Courier", "Courier-Bold"),
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ----------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Person:
    first: str
    middle: str  # an initial or ""
    last: str

    def natural(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)

    def caps(self) -> str:
        return self.natural().upper()


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    state: str
    zip: str

    def lines(self) -> list[str]:
        return [self.street, f"{self.city} {self.state} {self.zip}"]

    def truth(self) -> dict[str, str]:
        return {"street": self.street, "city": self.city, "state": self.state, "zip": self.zip}


@dataclass(frozen=True)
class Bank:
    name: str
    lines: tuple[str, ...]  # mailing address lines
    phone: str
    web: str


@dataclass
class Txn:
    day: date
    desc: str
    amount: int  # cents, signed: credits positive
    kind: str  # deposit | check | card | electronic | fee | interest | transfer
    check_no: str = ""
    balance: int = 0
    link: str = ""  # the other account a transfer names


@dataclass
class Account:
    product: str
    account_type: str
    number: str
    shown: str
    begin: int
    txns: list[Txn] = field(default_factory=list)

    @property
    def last4(self) -> str:
        return self.number[-4:]

    @property
    def end(self) -> int:
        return self.begin + sum(t.amount for t in self.txns)

    @property
    def credits(self) -> int:
        return sum(t.amount for t in self.txns if t.amount > 0)

    @property
    def debits(self) -> int:
        return -sum(t.amount for t in self.txns if t.amount < 0)


@dataclass(frozen=True)
class Style:
    font: str
    bold: str
    size: float
    margin: float
    width: float
    height: float
    dollar: bool
    negative: str  # minus | parens | trailing
    date_fmt: str  # how transaction dates print


@dataclass
class Statement:
    bank: Bank
    holders: list[Person]
    address: Address
    start: date
    end: date
    accounts: list[Account]
    style: Style
    joint: str  # AND | OR | LINES


# ----------------------------------------------------------------------------- formatting


def money(cents: int, st: Style, *, dollar: bool | None = None) -> str:
    use_dollar = st.dollar if dollar is None else dollar
    body = f"{abs(cents) / 100:,.2f}"
    if use_dollar:
        body = "$" + body
    if cents >= 0:
        return body
    if st.negative == "parens":
        return f"({body})"
    if st.negative == "trailing":
        return body + "-"
    return "-" + body


def short_date(d: date, fmt: str) -> str:
    if fmt == "mm/dd":
        return d.strftime("%m/%d")
    if fmt == "m/d":
        return f"{d.month}/{d.day}"
    if fmt == "mon dd":
        return d.strftime("%b %d")
    if fmt == "mm/dd/yy":
        return d.strftime("%m/%d/%y")
    return d.strftime("%m/%d/%Y")


def long_date(d: date, fmt: str) -> str:
    if fmt == "long":
        return f"{MONTHS[d.month - 1]} {d.day:02d}, {d.year}"
    if fmt == "abbr":
        return f"{d.strftime('%b')} {d.day}, {d.year}"
    if fmt == "iso":
        return d.isoformat()
    if fmt == "dmy":
        return d.strftime("%d-%b-%Y").upper()
    return d.strftime("%m/%d/%Y")


def period_text(s: Statement, rng: random.Random) -> str:
    fmt = rng.choice(("long", "abbr", "num", "iso"))
    joiner = rng.choice((" through ", " - ", " to "))
    return long_date(s.start, fmt) + joiner + long_date(s.end, fmt)


def mask(number: str, rng: random.Random) -> str:
    last4 = number[-4:]
    return rng.choice(
        (
            number,
            number,
            "*" * (len(number) - 4) + last4,
            "X" * (len(number) - 4) + last4,
            "****" + last4,
            "XXXXXX" + last4,
            "x" + last4,
            "ending in " + last4,
        )
    )


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while stringWidth(word, font, size) > width:
            cut = len(word)
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


# ----------------------------------------------------------------------------- people and data


def make_person(rng: random.Random, last: str | None = None) -> Person:
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.55 else ""
    return Person(rng.choice(FIRST_NAMES), middle, last or rng.choice(LAST_NAMES))


def make_address(rng: random.Random) -> Address:
    street = f"{rng.randint(12, 9890)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_SUFFIXES)}"
    if rng.random() < 0.25:
        street += f" {rng.choice(('Apt', 'Unit', '#'))} {rng.randint(1, 40)}{rng.choice('ABC ')}"
        street = street.rstrip()
    city, state, prefix = rng.choice(CITIES)
    return Address(street, city, state, f"{prefix}{rng.randint(1, 99):02d}")


def make_holders(rng: random.Random, joint_share: float) -> list[Person]:
    first = make_person(rng)
    if rng.random() >= joint_share:
        return [first]
    same_last = rng.random() < 0.6
    second = make_person(rng, first.last if same_last else None)
    while second.first == first.first:
        second = make_person(rng, second.last)
    return [first, second]


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def make_style(rng: random.Random, fonts: tuple[tuple[str, str], ...]) -> Style:
    font, bold = rng.choice(fonts)
    size = rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
    if font == "Courier":
        size = min(size, 8.5)
    width, height = LETTER if rng.random() < 0.85 else A4
    return Style(
        font=font,
        bold=bold,
        size=size,
        margin=rng.choice((32.0, 36.0, 40.0, 45.0)),
        width=width,
        height=height,
        dollar=rng.random() < 0.5,
        negative=rng.choice(("minus", "minus", "parens", "trailing")),
        date_fmt=rng.choice(("mm/dd", "m/d", "mon dd", "mm/dd/yy")),
    )


def statement_period(rng: random.Random) -> tuple[date, date]:
    year = rng.choice((2023, 2024, 2024, 2025))
    month = rng.randint(1, 12)
    start = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    if rng.random() < 0.3:  # cycle not on the 1st, e.g. 15th to 14th
        start = start + timedelta(days=14)
        following = following + timedelta(days=14)
    return start, following - timedelta(days=1)


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def settle(account: Account, floor: int = 2500) -> None:
    """Sort by date, drop debits that would overdraw, fill running balances."""
    account.txns.sort(key=lambda t: (t.day, -t.amount))
    kept: list[Txn] = []
    balance = account.begin
    for txn in account.txns:
        if balance + txn.amount < floor:
            continue
        balance += txn.amount
        txn.balance = balance
        kept.append(txn)
    account.txns = kept


# ----------------------------------------------------------------------------- transactions


def card_txn(rng: random.Random, start: date, end: date, card4: str, voice: str) -> Txn:
    merchant, low, high = rng.choice(MERCHANTS)
    day = random_day(rng, start, end)
    city, state, _ = rng.choice(CITIES)
    where = f"{merchant} {city.upper()} {state}"
    auth = day - timedelta(days=rng.randint(0, 2))
    if voice == "wf":
        desc = f"Purchase authorized on {auth:%m/%d} {where} S{digits(rng, 15)} Card {card4}"
    elif voice == "chase":
        desc = f"Card Purchase {auth:%m/%d} {where} Card {card4}"
    else:
        desc = f"POS DEBIT {where} XXXXXXXXXXXX{card4}"
    return Txn(day, desc, -rng.randint(low, high), "card")


def payroll_txns(rng: random.Random, start: date, end: date, voice: str) -> list[Txn]:
    employer = rng.choice(EMPLOYERS)
    net = rng.randint(95000, 360000)
    first = start + timedelta(days=rng.randint(0, 13))
    out: list[Txn] = []
    day = first
    while day <= end:
        if voice == "wf":
            tag = rng.choice(("X", "Dir Dep"))
            desc = f"{employer.title()} Payroll {day:%y%m%d} {digits(rng, 8)} {tag}"
        else:
            desc = f"{employer} PAYROLL PPD ID: {digits(rng, 10)}"
        out.append(Txn(day, desc, net + rng.randint(-1500, 1500), "deposit"))
        day += timedelta(days=14)
    return out


def transfer_txn(
    rng: random.Random, day: date, amount: int, label: str, number: str, voice: str
) -> Txn:
    """A transfer naming another account (``amount`` > 0 means money came from that account)."""
    shown = rng.choice(("...", "XXXXXX", "x", "*", "#"))
    ref = shown + number[-4:] if shown != "#" else "#" + number
    direction = "From" if amount > 0 else "To"
    if voice == "wf":
        desc = f"Online Transfer {direction.lower()} {label} {ref} Ref #Ib0{digits(rng, 6)}"
    elif voice == "chase":
        desc = f"Online Transfer {direction} {label} {ref} Transaction#: {digits(rng, 11)}"
    else:
        desc = f"TRANSFER {direction.upper()} {label.upper()} {ref}"
    return Txn(day, desc, amount, "transfer", link=number)


def checking_txns(
    rng: random.Random,
    acct: Account,
    start: date,
    end: date,
    voice: str,
    links: list[tuple[str, str]],
    *,
    outgoing: bool = False,
) -> None:
    """Payroll, card, bill, check and transfer activity; transfers name each (label, number)
    of ``links`` (only out of this account when ``outgoing``)."""
    card4 = digits(rng, 4)
    txns = payroll_txns(rng, start, end, voice)
    for _ in range(rng.randint(4, 16)):
        txns.append(card_txn(rng, start, end, card4, voice))
    for biller, low, high in rng.sample(BILLERS, rng.randint(2, 5)):
        ident = digits(rng, 10)
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"{biller} PPD ID: {ident}",
                -rng.randint(low, high),
                "electronic",
            )
        )
    check_no = rng.randint(1001, 4800)
    for _ in range(rng.randint(0, 4)):
        check_no += rng.randint(1, 3)
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"Check # {check_no}",
                -rng.randint(2500, 120000),
                "check",
                str(check_no),
            )
        )
    if rng.random() < 0.5:
        txns.append(
            Txn(
                random_day(rng, start, end),
                "Remote Online Deposit",
                rng.randint(2000, 90000),
                "deposit",
            )
        )
    if rng.random() < 0.35:
        payer = make_person(rng).natural().upper()
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"Zelle Payment From {payer} {digits(rng, 9)}",
                rng.randint(2000, 60000),
                "deposit",
            )
        )
    if rng.random() < 0.3:
        txns.append(
            Txn(
                random_day(rng, start, end),
                "ATM Withdrawal " + digits(rng, 6),
                -rng.randint(2, 30) * 2000,
                "card",
            )
        )
    for label, number in links:
        for _ in range(rng.randint(1, 2)):
            sign = -1 if outgoing else rng.choice((-1, -1, 1))
            amount = rng.randint(2, 40) * 2500 * sign
            txns.append(
                transfer_txn(rng, random_day(rng, start, end), amount, label, number, voice)
            )
    if rng.random() < 0.25:
        txns.append(Txn(end, "Monthly Service Fee", -rng.choice((500, 1000, 1200, 1500)), "fee"))
    acct.txns = txns
    settle(acct)


def savings_txns(
    rng: random.Random,
    acct: Account,
    start: date,
    end: date,
    voice: str,
    links: list[str],
    apy: float,
) -> None:
    txns: list[Txn] = []
    for number in links:
        label = rng.choice(("Checking", "Chk", "Ext Acct", "Linked Account"))
        for _ in range(rng.randint(1, 3)):
            amount = rng.randint(4, 80) * 2500 * rng.choice((1, 1, -1))
            txns.append(
                transfer_txn(rng, random_day(rng, start, end), amount, label, number, voice)
            )
    if rng.random() < 0.4:
        txns.append(
            Txn(random_day(rng, start, end), "Deposit", rng.randint(5000, 150000), "deposit")
        )
    balance = acct.begin + sum(t.amount for t in txns)
    interest = max(1, round(max(balance, acct.begin) * apy / 100 / 12))
    txns.append(Txn(end, "Interest Payment", interest, "interest"))
    acct.txns = txns
    settle(acct)


# ----------------------------------------------------------------------------- page machinery


@dataclass(frozen=True)
class Col:
    title: str  # may hold "\n" for a two-line heading
    x: float
    width: float
    right: bool = False


class Pager:
    """A canvas with a cursor that starts a new page (continuation header, footer) when full."""

    def __init__(
        self,
        st: Style,
        total: int,
        header: Callable[[Pager], None],
        footer: Callable[[Pager], None],
    ) -> None:
        self.buffer = io.BytesIO()
        self.c = canvas.Canvas(self.buffer, pagesize=(st.width, st.height), invariant=1)
        self.st = st
        self.total = total
        self.page = 1
        self.y = st.height - st.margin
        self.bottom = st.margin + 36
        self.header = header
        self.footer = footer
        self.marks: dict[str, int] = {}

    @property
    def left(self) -> float:
        return self.st.margin

    @property
    def right(self) -> float:
        return self.st.width - self.st.margin

    @property
    def line(self) -> float:
        return self.st.size * 1.4

    def text(
        self,
        x: float,
        y: float,
        s: str,
        *,
        bold: bool = False,
        size: float | None = None,
        right: bool = False,
        center: bool = False,
    ) -> None:
        self.c.setFont(self.st.bold if bold else self.st.font, size or self.st.size)
        if right:
            self.c.drawRightString(x, y, s)
        elif center:
            self.c.drawCentredString(x, y, s)
        else:
            self.c.drawString(x, y, s)

    def width_of(self, s: str, *, bold: bool = False, size: float | None = None) -> float:
        width: float = stringWidth(s, self.st.bold if bold else self.st.font, size or self.st.size)
        return width

    def rule(
        self, y: float, weight: float = 0.5, x0: float | None = None, x1: float | None = None
    ) -> None:
        self.c.setLineWidth(weight)
        self.c.line(self.left if x0 is None else x0, y, self.right if x1 is None else x1, y)

    def mark(self, key: str) -> None:
        self.marks.setdefault(key, self.page)

    def need(self, height: float) -> bool:
        if self.y - height >= self.bottom:
            return False
        self.new_page()
        return True

    def new_page(self) -> None:
        self.footer(self)
        self.c.showPage()
        self.page += 1
        self.y = self.st.height - self.st.margin
        self.header(self)

    def heading(self, title: str, *, size: float | None = None, under: bool = True) -> None:
        big = size or self.st.size + 2
        self.need(big * 2 + self.line * 3)
        self.y -= big * 1.2
        self.text(self.left, self.y, title, bold=True, size=big)
        if under:
            self.rule(self.y - 4, 1.0)
        self.y -= big * 0.9

    def table(self, cols: list[Col], rows: list[list[str]], *, bold_last: bool = False) -> None:
        self.table_header(cols)
        for index, row in enumerate(rows):
            cells = [
                wrap(cell, self.st.font, self.st.size, col.width)[:2] if not col.right else [cell]
                for col, cell in zip(cols, row, strict=True)
            ]
            height = max(len(c) for c in cells) * self.line
            if self.need(height + 2):
                self.table_header(cols, continued=True)
            bold = bold_last and index == len(rows) - 1
            for col, lines in zip(cols, cells, strict=True):
                for n, part in enumerate(lines):
                    y = self.y - self.line * (n + 1) + 3
                    x = col.x + col.width if col.right else col.x
                    self.text(x, y, part, bold=bold, right=col.right)
            self.y -= height

    def table_header(self, cols: list[Col], *, continued: bool = False) -> None:
        depth = max(c.title.count("\n") + 1 for c in cols)
        self.need((depth + 2) * self.line)
        if continued:
            self.y -= self.line
            self.text(self.left, self.y, "(continued)", size=self.st.size - 1)
        for col in cols:
            for n, part in enumerate(col.title.split("\n")):
                y = self.y - self.line * (depth - col.title.count("\n") + n) + 3
                x = col.x + col.width if col.right else col.x
                self.text(x, y, part, bold=True, right=col.right)
        self.y -= depth * self.line + 2
        self.rule(self.y + 1)

    def finish(self) -> bytes:
        self.footer(self)
        self.c.showPage()
        self.c.save()
        return self.buffer.getvalue()


def render(
    st: Style,
    draw: Callable[[Pager], None],
    header: Callable[[Pager], None],
    footer: Callable[[Pager], None],
) -> tuple[bytes, Pager]:
    """Draw twice: the first pass counts pages so footers can print "Page n of N"."""
    total = 0
    for _ in range(2):
        pager = Pager(st, total, header, footer)
        draw(pager)
        pdf = pager.finish()
        total = pager.page
    return pdf, pager


def address_block(pg: Pager, s: Statement, x: float, y: float, *, caps: bool = True) -> float:
    """The mailing block in envelope-window position; returns the y under it."""
    names = [p.caps() if caps else p.natural() for p in s.holders]
    if len(names) == 2 and s.joint != "LINES":
        names = [f"{names[0]} {s.joint} {names[1]}"]
        if pg.width_of(names[0]) > 250:
            names = [
                f"{s.holders[0].caps() if caps else s.holders[0].natural()} {s.joint}",
                s.holders[1].caps() if caps else s.holders[1].natural(),
            ]
    lines = names + [part.upper() if caps else part for part in s.address.lines()]
    for line in lines:
        pg.text(x, y, line)
        y -= pg.line
    return y


def box(pg: Pager, x: float, y_top: float, w: float, h: float) -> None:
    pg.c.setLineWidth(0.7)
    pg.c.rect(x, y_top - h, w, h)


def disclosures(rng: random.Random, bank: str) -> list[tuple[str, str]]:
    """Boilerplate that real statements carry on their back pages (none half the time)."""
    if rng.random() < 0.5:
        return []
    paragraphs = [
        (
            "In Case of Errors or Questions About Your Electronic Transfers",
            "Telephone us or write us at the address on the front of this statement as soon as "
            "you can if "
            "you think your statement or receipt is wrong or if you need more information about "
            "a transfer "
            "listed on the statement. We must hear from you no later than 60 days after we sent "
            "you the "
            f"FIRST statement on which the problem or error appeared. {bank} will investigate "
            "your complaint "
            f"and will correct any error promptly.",
        ),
        (
            "Balancing Your Account",
            "Compare the deposits and withdrawals on this statement with your own records. Add "
            "any deposits "
            "not shown on this statement and subtract any outstanding checks and withdrawals to "
            "arrive at "
            "your available balance.",
        ),
        (
            "Deposit Insurance",
            "Deposits are insured up to the maximum amount allowed by law. Investment products "
            "are not "
            "deposits, are not insured and may lose value.",
        ),
    ]
    rng.shuffle(paragraphs)
    return paragraphs


def disclosure_page(pg: Pager, paragraphs: list[tuple[str, str]]) -> None:
    if not paragraphs:
        return
    pg.new_page()
    for title, body in paragraphs:
        pg.heading(title, size=pg.st.size + 1, under=False)
        for line in wrap(body, pg.st.font, pg.st.size, pg.right - pg.left):
            pg.need(pg.line)
            pg.y -= pg.line
            pg.text(pg.left, pg.y, line)
        pg.y -= pg.line


def simple_footer(rng: random.Random, fmt: str) -> Callable[[Pager], None]:
    code = digits(rng, 8)

    def footer(pg: Pager) -> None:
        label = fmt.format(n=pg.page, t=max(pg.total, pg.page))
        pg.text(pg.right, pg.st.margin, label, size=pg.st.size - 1, right=True)
        pg.text(pg.left, pg.st.margin, code, size=pg.st.size - 2)

    return footer


# ----------------------------------------------------------------------------- national checking

NATIONAL_BANKS = (
    Bank(
        "First Meridian Bank, N.A.",
        ("P O Box 182051", "Columbus, OH 43218-2051"),
        "1-800-935-9935",
        "www.firstmeridian.com",
    ),
    Bank(
        "Continental Trust Bank",
        ("PO Box 6995", "Portland, OR 97228-6995"),
        "1-800-869-3557",
        "continentaltrust.com",
    ),
    Bank(
        "Cornerstone National Bank",
        ("P.O. Box 15284", "Wilmington, DE 19850"),
        "1-888-842-6328",
        "www.cornerstonenb.com",
    ),
    Bank(
        "United Pacific Bank",
        ("PO Box 25341", "Tampa, FL 33622-5341"),
        "1-877-275-8726",
        "unitedpacific.com",
    ),
)
CHECKING_PRODUCTS = (
    "Total Checking",
    "Everyday Checking",
    "Essential Checking",
    "Advantage Plus Checking",
    "Premier Checking",
    "Interest Checking",
    "Secure Checking",
)


def new_account(
    rng: random.Random, product: str, account_type: str, length: int, low: int, high: int
) -> Account:
    number = digits(rng, length)
    return Account(product, account_type, number, mask(number, rng), rng.randint(low, high) * 100)


def document(s: Statement, pdf: bytes, pager: Pager, notes: str) -> WildDocument:
    first = s.holders[0].natural()
    borrowers: list[dict[str, Any]] = [
        {"name": p.natural(), "ssn_last4": None, "address": s.address.truth()} for p in s.holders
    ]
    accounts: list[dict[str, Any]] = [
        {
            "borrower": first,
            "last4": a.last4,
            "account_type": a.account_type,
            "institution": s.bank.name,
            "page": pager.marks[a.number],
        }
        for a in s.accounts
    ]
    return WildDocument(
        pdf=pdf,
        doc_type="bank_statement",
        borrowers=borrowers,
        account_numbers=accounts,
        notes=notes,
        text_size=s.style.size,
    )


def kv(pg: Pager, x: float, width: float, label: str, value: str, *, bold: bool = False) -> None:
    pg.y -= pg.line
    pg.text(x, pg.y, label, bold=bold)
    pg.text(x + width, pg.y, value, bold=bold, right=True)


def number_label(rng: random.Random) -> str:
    return rng.choice(
        ("Account Number:", "Account number:", "Account #", "Acct No.", "Primary Account:")
    )


def continuation_header(s: Statement, acct_line: str) -> Callable[[Pager], None]:
    def header(pg: Pager) -> None:
        pg.y -= pg.st.size
        pg.text(pg.left, pg.y, s.bank.name, bold=True, size=pg.st.size + 1)
        pg.text(
            pg.right, pg.y, f"{long_date(s.start, 'abbr')} - {long_date(s.end, 'abbr')}", right=True
        )
        if acct_line:
            pg.y -= pg.line
            pg.text(pg.right, pg.y, acct_line, right=True)
        pg.y -= 6
        pg.rule(pg.y)
        pg.y -= pg.line

    return header


# ----------------------------------------------------------------------------- national checking


def national_sections(acct: Account) -> list[tuple[str, list[Txn]]]:
    groups = {
        "DEPOSITS AND ADDITIONS": [t for t in acct.txns if t.amount > 0],
        "CHECKS PAID": [t for t in acct.txns if t.kind == "check"],
        "ATM & DEBIT CARD WITHDRAWALS": [t for t in acct.txns if t.kind == "card"],
        "ELECTRONIC WITHDRAWALS": [
            t for t in acct.txns if t.amount < 0 and t.kind in ("electronic", "transfer")
        ],
        "FEES": [t for t in acct.txns if t.kind == "fee"],
    }
    return list(groups.items())


def national_checking(rng: random.Random) -> WildDocument:
    st = make_style(rng, FONTS[:2])
    start, end = statement_period(rng)
    holders = make_holders(rng, 0.45)
    acct = new_account(
        rng, rng.choice(CHECKING_PRODUCTS), "checking", rng.choice((9, 10, 12, 15)), 300, 9000
    )
    links = (
        [(rng.choice(("Sav", "Savings", "Chk", "Acct")), digits(rng, 10))]
        if rng.random() < 0.6
        else []
    )
    checking_txns(rng, acct, start, end, "chase", links)
    s = Statement(
        rng.choice(NATIONAL_BANKS),
        holders,
        make_address(rng),
        start,
        end,
        [acct],
        st,
        rng.choice(("AND", "OR", "LINES")),
    )
    label = number_label(rng)
    period = period_text(s, rng)
    sections = national_sections(acct)
    title_words = {
        "DEPOSITS AND ADDITIONS": "Deposits and Additions",
        "CHECKS PAID": "Checks Paid",
        "ATM & DEBIT CARD WITHDRAWALS": "ATM & Debit Card Withdrawals",
        "ELECTRONIC WITHDRAWALS": "Electronic Withdrawals",
        "FEES": "Fees",
    }
    footer = simple_footer(rng, rng.choice(("Page {n} of {t}", "Page {n} of {t}", "{n} of {t}")))
    extra = disclosures(rng, s.bank.name)

    def draw(pg: Pager) -> None:
        top = st.height - st.margin
        pg.text(pg.left, top - 14, s.bank.name, bold=True, size=st.size + 7)
        y = top - 30
        for line in s.bank.lines:
            pg.text(pg.left, y, line, size=st.size - 1)
            y -= pg.line * 0.9
        pg.text(pg.right, top - 10, period, right=True)
        pg.text(pg.right, top - 10 - pg.line, f"{label} {acct.shown}", right=True)
        pg.mark(acct.number)
        bx, bw = pg.right - 215, 215.0
        by = top - 20 - pg.line * 2
        box(pg, bx, by, bw, pg.line * 5 + 8)
        pg.text(bx + 6, by - pg.line, "CUSTOMER SERVICE INFORMATION", bold=True, size=st.size - 0.5)
        rows = [
            ("Web site:", s.bank.web),
            ("Service Center:", s.bank.phone),
            ("Para Espanol:", "1-877-312-4273"),
            ("Hearing Impaired:", "711"),
        ]
        for n, (k, v) in enumerate(rows):
            pg.text(bx + 6, by - pg.line * (n + 2), k, size=st.size - 1)
            pg.text(bx + bw - 6, by - pg.line * (n + 2), v, size=st.size - 1, right=True)
        bottom = address_block(pg, s, pg.left + 24, top - 112)
        pg.y = min(bottom, by - pg.line * 5 - 8) - 16
        summary(pg)
        for title, txns in sections:
            if txns:
                section(pg, title, txns)
        daily_balances(pg)
        disclosure_page(pg, extra)

    def summary(pg: Pager) -> None:
        pg.heading("CHECKING SUMMARY", size=st.size + 1.5)
        pg.text(pg.right, pg.y + st.size * 0.9 + 4, acct.product, bold=True, right=True)
        x2, x3 = pg.left + 300, pg.left + 420
        pg.y -= pg.line
        pg.text(x2, pg.y, "INSTANCES", bold=True, right=True)
        pg.text(x3, pg.y, "AMOUNT", bold=True, right=True)
        lines = [("Beginning Balance", "", money(acct.begin, st))]
        for title, txns in sections:
            if txns:
                total = sum(t.amount for t in txns)
                lines.append((title_words[title], str(len(txns)), money(total, st)))
        lines.append(("Ending Balance", str(len(acct.txns)), money(acct.end, st)))
        for n, (k, count, v) in enumerate(lines):
            pg.y -= pg.line
            bold = n in (0, len(lines) - 1)
            pg.text(pg.left + 8, pg.y, k, bold=bold)
            pg.text(x2, pg.y, count, right=True)
            pg.text(x3, pg.y, v, bold=bold, right=True)
        pg.y -= pg.line

    def section(pg: Pager, title: str, txns: list[Txn]) -> None:
        pg.heading(title, size=st.size + 1)
        w = pg.right - pg.left
        if title == "CHECKS PAID":
            cols = [
                Col("CHECK NO.", pg.left, 70),
                Col("DESCRIPTION", pg.left + 80, w * 0.4),
                Col("DATE\nPAID", pg.left + w * 0.62, 50),
                Col("AMOUNT", pg.right - 90, 90, True),
            ]
            rows = [
                [t.check_no, "^", short_date(t.day, st.date_fmt), money(-t.amount, st)]
                for t in txns
            ]
        else:
            cols = [
                Col("DATE", pg.left, 50),
                Col("DESCRIPTION", pg.left + 56, w - 160),
                Col("AMOUNT", pg.right - 90, 90, True),
            ]
            rows = [
                [short_date(t.day, st.date_fmt), t.desc, money(abs(t.amount), st)] for t in txns
            ]
        total = money(abs(sum(t.amount for t in txns)), st, dollar=True)
        gap = [""] * (len(cols) - 3)
        rows.append(["", f"Total {title_words[title]}", *gap, total])
        pg.table(cols, rows, bold_last=True)
        pg.y -= pg.line * 0.5

    def daily_balances(pg: Pager) -> None:
        pg.heading("DAILY ENDING BALANCE", size=st.size + 1)
        last: dict[date, int] = {}
        for t in acct.txns:
            last[t.day] = t.balance
        items = list(last.items())
        ncol = 3
        colw = (pg.right - pg.left) / ncol
        rows = [items[i : i + ncol] for i in range(0, len(items), ncol)]
        for row in rows:
            pg.need(pg.line)
            pg.y -= pg.line
            for n, (d, bal) in enumerate(row):
                x = pg.left + n * colw
                pg.text(x, pg.y, short_date(d, st.date_fmt))
                pg.text(x + colw - 14, pg.y, money(bal, st), right=True)

    header = continuation_header(s, f"{label} {acct.shown}")
    pdf, pager = render(st, draw, header, footer)
    trap = " and a transfer to another account's number" if links else ""
    return document(
        s,
        pdf,
        pager,
        f"National bank checking statement{trap}; card last four digits and payroll IDs are not "
        "accounts.",
    )


# ----------------------------------------------------------------------------- combined statement

COMBINED_BANKS = (
    Bank(
        "Pioneer Valley Bank",
        ("P.O. Box 6995", "Portland, OR 97228-6995"),
        "1-800-742-4932",
        "pioneervalleybank.com",
    ),
    Bank(
        "Westmark Bank, N.A.",
        ("PO Box 5170", "Sioux Falls, SD 57117"),
        "1-866-225-5935",
        "westmarkbank.com",
    ),
    Bank(
        "Great Lakes National Bank",
        ("P.O. Box 1800", "Toledo, OH 43603-1800"),
        "1-877-446-2200",
        "greatlakesnb.com",
    ),
)
SAVINGS_PRODUCTS = (
    "Premier Savings",
    "Way2Save Savings",
    "Statement Savings",
    "Everyday Savings",
    "Platinum Savings",
    "Relationship Savings",
)


def combined_statement(rng: random.Random) -> WildDocument:
    st = make_style(rng, FONTS[:2])
    start, end = statement_period(rng)
    holders = make_holders(rng, 0.55)
    length = rng.choice((10, 10, 12))
    chk = new_account(rng, rng.choice(CHECKING_PRODUCTS), "checking", length, 400, 7000)
    sav = new_account(rng, rng.choice(SAVINGS_PRODUCTS), "savings", length, 800, 40000)
    shown_full = rng.random() < 0.7
    if shown_full:
        chk.shown, sav.shown = chk.number, sav.number
    voice = rng.choice(("wf", "chase"))
    checking_txns(
        rng, chk, start, end, voice, [(rng.choice(("Savings", "Sav")), sav.number)], outgoing=True
    )
    apy = rng.choice((0.01, 0.02, 0.05, 0.15, 0.25))
    savings_txns(rng, sav, start, end, voice, [], apy)
    mirror_transfers(rng, chk, sav, voice)
    bank = rng.choice(COMBINED_BANKS)
    s = Statement(
        bank,
        holders,
        make_address(rng),
        start,
        end,
        [chk, sav],
        st,
        rng.choice(("AND", "OR", "LINES")),
    )
    title = rng.choice(
        ("Combined statement of accounts", "Combined Statement", "Your Combined Statement")
    )
    routing = digits(rng, 9)
    interest_ytd = sum(t.amount for t in sav.txns if t.kind == "interest") * (
        end.month
    ) + rng.randint(0, 40)
    footer = simple_footer(rng, rng.choice(("Page {n} of {t}", "Sheet Seq = {n} of {t}")))
    end_fmt = rng.choice(("long", "abbr", "num"))

    def draw(pg: Pager) -> None:
        top = st.height - st.margin
        pg.text(pg.left, top - 14, bank.name, bold=True, size=st.size + 6)
        pg.text(pg.left, top - 14 - pg.line * 1.3, title, size=st.size + 2)
        pg.text(pg.right, top - 10, long_date(s.end, end_fmt), right=True)
        bottom = address_block(pg, s, pg.left + 20, top - 100)
        bx, bw = pg.right - 200, 200.0
        box(pg, bx, top - 40, bw, pg.line * 6 + 6)
        lines = [
            "Questions?",
            "Available by phone 24 hours a day",
            bank.phone,
            "Online: " + bank.web,
            "Write: " + bank.name,
            bank.lines[0] + ", " + bank.lines[1].split(",")[0],
        ]
        for n, line in enumerate(lines):
            pg.text(bx + 6, top - 40 - pg.line * (n + 1), line, bold=n == 0, size=st.size - 1)
        pg.y = min(bottom, top - 40 - pg.line * 6 - 6) - 14
        summary(pg)
        for acct in (chk, sav):
            account_section(pg, acct)

    def summary(pg: Pager) -> None:
        pg.heading("Summary of accounts")
        pg.y -= 2
        pg.text(pg.left, pg.y - pg.st.size, "Checking and Savings", bold=True)
        pg.y -= pg.line
        w = pg.right - pg.left
        cols = [
            Col("Account", pg.left, w * 0.32),
            Col("Account number", pg.left + w * 0.34, w * 0.22),
            Col("Ending balance\nlast statement", pg.right - w * 0.42, w * 0.2, True),
            Col("Ending balance\nthis statement", pg.right - w * 0.2, w * 0.2, True),
        ]
        rows = [[a.product, a.shown, money(a.begin, st), money(a.end, st)] for a in (chk, sav)]
        rows.append(
            [
                "Total deposit accounts",
                "",
                money(chk.begin + sav.begin, st, dollar=True),
                money(chk.end + sav.end, st, dollar=True),
            ]
        )
        pg.table(cols, rows, bold_last=True)
        pg.mark(chk.number)
        pg.mark(sav.number)
        pg.y -= pg.line

    def account_section(pg: Pager, acct: Account) -> None:
        pg.need(pg.line * 14)
        pg.heading(acct.product)
        top_y = pg.y
        w = pg.right - pg.left
        pg.text(pg.left, pg.y - pg.line, "Activity summary", bold=True)
        pg.y -= pg.line
        start_s, end_s = short_date(start, "m/d"), short_date(end, "m/d")
        kv(
            pg,
            pg.left,
            w * 0.45,
            f"Beginning balance on {start_s}",
            money(acct.begin, st, dollar=True),
        )
        kv(pg, pg.left, w * 0.45, "Deposits/Additions", money(acct.credits, st))
        kv(pg, pg.left, w * 0.45, "Withdrawals/Subtractions", "- " + money(acct.debits, st))
        kv(
            pg,
            pg.left,
            w * 0.45,
            f"Ending balance on {end_s}",
            money(acct.end, st, dollar=True),
            bold=True,
        )
        left_bottom = pg.y
        pg.y = top_y
        x = pg.left + w * 0.55
        right_lines = [f"Account number: {acct.shown}"] + [p.caps() for p in s.holders]
        right_lines += [f"{s.address.state} account terms and conditions apply"]
        if acct is chk:
            right_lines += ["For Direct Deposit use", f"Routing Number (RTN): {routing}"]
        for line in right_lines:
            pg.y -= pg.line
            pg.text(x, pg.y, line, size=st.size - 0.5)
        pg.mark(acct.number)
        pg.y = min(pg.y, left_bottom) - pg.line
        if acct is sav:
            interest = sum(t.amount for t in sav.txns if t.kind == "interest")
            pg.text(pg.left, pg.y - pg.line, "Interest summary", bold=True)
            pg.y -= pg.line
            kv(
                pg,
                pg.left,
                w * 0.45,
                "Interest paid this statement",
                money(interest, st, dollar=True),
            )
            kv(pg, pg.left, w * 0.45, "Annual percentage yield earned", f"{apy:.2f}%")
            kv(
                pg,
                pg.left,
                w * 0.45,
                "Interest paid this year",
                money(interest_ytd, st, dollar=True),
            )
            pg.y -= pg.line
        history(pg, acct)

    def history(pg: Pager, acct: Account) -> None:
        pg.text(pg.left, pg.y - pg.line, "Transaction history", bold=True, size=st.size + 1)
        pg.y -= pg.line * 1.3
        w = pg.right - pg.left
        cols = [
            Col("Date", pg.left, 34),
            Col("Check\nNumber", pg.left + 38, 40),
            Col("Description", pg.left + 82, w - 82 - 230),
            Col("Deposits/\nAdditions", pg.right - 222, 70, True),
            Col("Withdrawals/\nSubtractions", pg.right - 146, 70, True),
            Col("Ending daily\nbalance", pg.right - 70, 70, True),
        ]
        rows: list[list[str]] = []
        for n, t in enumerate(acct.txns):
            last_of_day = n == len(acct.txns) - 1 or acct.txns[n + 1].day != t.day
            rows.append(
                [
                    short_date(t.day, "m/d"),
                    t.check_no,
                    t.desc,
                    money(t.amount, st) if t.amount > 0 else "",
                    money(-t.amount, st) if t.amount < 0 else "",
                    money(t.balance, st) if last_of_day else "",
                ]
            )
        end_s = short_date(end, "m/d")
        rows.append(["", "", f"Ending balance on {end_s}", "", "", money(acct.end, st)])
        rows.append(
            [
                "",
                "",
                "Totals",
                money(acct.credits, st, dollar=True),
                money(acct.debits, st, dollar=True),
                "",
            ]
        )
        pg.table(cols, rows, bold_last=True)
        pg.y -= pg.line

    header = continuation_header(s, "")
    pdf, pager = render(st, draw, header, footer)
    return document(
        s,
        pdf,
        pager,
        "Combined checking and savings statement: two accounts whose transfers name each other; "
        "routing number and card digits are not accounts.",
    )


def mirror_transfers(rng: random.Random, chk: Account, sav: Account, voice: str) -> None:
    """Copy the checking account's transfers to savings onto the savings side."""
    for t in chk.txns:
        if t.link == sav.number:
            sav.txns.append(transfer_txn(rng, t.day, -t.amount, "Checking", chk.number, voice))
    settle(sav)


# ----------------------------------------------------------------------------- credit union

CREDIT_UNIONS = (
    Bank(
        "Heritage Federal Credit Union",
        ("PO Box 4410", "Macon, GA 31208"),
        "(478) 555-0142",
        "heritagefcu.org",
    ),
    Bank(
        "Lakeshore Community Credit Union",
        ("2200 Shoreline Dr", "Lansing, MI 48906"),
        "800-555-0199",
        "lakeshorecu.org",
    ),
    Bank(
        "Desert Sky Federal Credit Union",
        ("P.O. Box 37120", "Tucson, AZ 85740"),
        "(520) 555-0176",
        "desertskyfcu.com",
    ),
    Bank(
        "Tri-County Teachers Credit Union",
        ("818 Schoolhouse Rd", "Knoxville, TN 37919"),
        "1-865-555-0110",
        "tctcu.org",
    ),
)


def credit_union(rng: random.Random) -> WildDocument:
    st = make_style(rng, FONTS)
    start, end = statement_period(rng)
    holders = make_holders(rng, 0.35)
    length = rng.choice((7, 8, 10))
    sav = new_account(
        rng,
        rng.choice(("Share Savings", "Primary Share", "Regular Share Savings")),
        "savings",
        length,
        25,
        6000,
    )
    accounts = [sav]
    draft = new_account(
        rng,
        rng.choice(("Share Draft", "Share Draft Checking", "Free Share Draft")),
        "checking",
        length,
        200,
        5000,
    )
    accounts.append(draft)
    if rng.random() < 0.6:
        accounts.append(
            new_account(
                rng,
                rng.choice(("Money Market Share", "Money Market Savings")),
                "money_market",
                length,
                2000,
                60000,
            )
        )
    loan = None
    rate = rng.choice((4.49, 5.24, 6.99, 7.75))
    if rng.random() < 0.45:
        loan = new_account(
            rng,
            rng.choice(("Auto Loan", "New Vehicle Loan", "Used Auto Loan")),
            "loan",
            length,
            -32000,
            -4000,
        )
        accounts.append(loan)
    links = [(rng.choice(("Share", "Savings")), sav.number)] + (
        [("Loan", loan.number)] if loan else []
    )
    checking_txns(rng, draft, start, end, "cu", links, outgoing=True)
    apys: dict[str, float] = {}
    for acct in accounts:
        if acct.account_type in ("savings", "money_market"):
            apys[acct.number] = (
                rng.choice((0.05, 0.10, 0.25)) if acct is sav else rng.choice((0.65, 1.25, 2.02))
            )
            savings_txns(rng, acct, start, end, "cu", [], apys[acct.number])
    mirror_transfers(rng, draft, sav, "cu")
    if loan:
        loan.txns = [
            Txn(t.day, "Payment - Transfer From Share Draft", -t.amount, "transfer")
            for t in draft.txns
            if t.link == loan.number
        ]
        settle(loan, floor=-(10**9))
    bank = rng.choice(CREDIT_UNIONS)
    s = Statement(
        bank, holders, make_address(rng), start, end, accounts, st, rng.choice(("AND", "LINES"))
    )
    ytd_div = {
        a.number: sum(t.amount for t in a.txns if t.kind == "interest") * end.month
        for a in accounts
    }
    footer = simple_footer(rng, "Page {n} of {t}")
    date_fmt = rng.choice(("mm/dd", "mm/dd/yy", "mon dd"))
    acct_label = rng.choice(("Account #", "Account Number", "Acct", "ID"))
    dividend_word = rng.choice(("Earned", "Deposit", "Credit"))

    def draw(pg: Pager) -> None:
        top = st.height - st.margin
        mid = (pg.left + pg.right) / 2
        pg.text(mid, top - 14, bank.name.upper(), bold=True, size=st.size + 5, center=True)
        pg.text(
            mid,
            top - 14 - pg.line,
            " - ".join(bank.lines) + " - " + bank.phone,
            size=st.size - 1,
            center=True,
        )
        pg.text(
            mid,
            top - 14 - pg.line * 2,
            "Federally insured by NCUA",
            size=st.size - 1.5,
            center=True,
        )
        y = top - 30 - pg.line * 3
        pg.text(pg.right, y, "STATEMENT OF ACCOUNT", bold=True, right=True)
        pg.text(
            pg.right,
            y - pg.line,
            f"Statement Period: {short_date(start, 'full')} - {short_date(end, 'full')}",
            right=True,
        )
        bottom = address_block(pg, s, pg.left + 20, y - pg.line * 3)
        pg.y = bottom - pg.line
        summary(pg)
        for acct in accounts:
            if acct is loan:
                loan_section(pg, acct)
            else:
                share_section(pg, acct)
        pg.need(pg.line * 3)
        pg.y -= pg.line * 1.5
        for line in wrap(
            "Dividends are paid on shares; your savings federally insured to at least $250,000 "
            "and backed "
            "by the full faith and credit of the United States Government.",
            st.font,
            st.size - 1,
            pg.right - pg.left,
        ):
            pg.need(pg.line)
            pg.y -= pg.line
            pg.text(pg.left, pg.y, line, size=st.size - 1)

    def summary(pg: Pager) -> None:
        pg.heading("ACCOUNT SUMMARY")
        w = pg.right - pg.left
        cols = [
            Col("Account", pg.left, w * 0.24),
            Col(acct_label, pg.left + w * 0.25, w * 0.16),
            Col("Previous\nBalance", pg.left + w * 0.40, w * 0.13, True),
            Col("Deposits &\nDividends", pg.left + w * 0.54, w * 0.14, True),
            Col("Withdrawals", pg.left + w * 0.69, w * 0.14, True),
            Col("New\nBalance", pg.right - w * 0.15, w * 0.15, True),
        ]
        shares = [a for a in accounts if a is not loan]
        rows = [
            [
                a.product,
                a.shown,
                money(a.begin, st),
                money(a.credits, st),
                money(a.debits, st),
                money(a.end, st),
            ]
            for a in shares
        ]
        pg.table(cols, rows)
        if loan:
            pg.y -= pg.line * 0.5
            cols[3] = Col("Payments", cols[3].x, cols[3].width, True)
            cols[4] = Col("Interest\nRate", cols[4].x, cols[4].width, True)
            cols[0] = Col("Loan", cols[0].x, cols[0].width)
            rows = [
                [
                    loan.product,
                    loan.shown,
                    money(-loan.begin, st),
                    money(loan.credits, st),
                    f"{rate:.2f}%",
                    money(-loan.end, st),
                ]
            ]
            pg.table(cols, rows)
        for a in accounts:
            pg.mark(a.number)
        pg.y -= pg.line

    def share_section(pg: Pager, acct: Account) -> None:
        pg.need(pg.line * 8)
        pg.heading(f"{acct.product.upper()}    {acct_label} {acct.shown}", size=st.size + 1)
        w = pg.right - pg.left
        cols = [
            Col("Date", pg.left, 50),
            Col("Transaction Description", pg.left + 56, w - 56 - 180),
            Col("Amount", pg.right - 170, 80, True),
            Col("Balance", pg.right - 80, 80, True),
        ]
        rows = [[short_date(start, date_fmt), "Beginning Balance", "", money(acct.begin, st)]]
        for t in acct.txns:
            desc = t.desc
            if t.kind == "interest":
                desc = f"Dividend {dividend_word} {apys[acct.number]:.2f}% APYE"
            rows.append(
                [short_date(t.day, date_fmt), desc, money(t.amount, st), money(t.balance, st)]
            )
        rows.append([short_date(end, date_fmt), "Ending Balance", "", money(acct.end, st)])
        pg.table(cols, rows, bold_last=True)
        if acct.account_type != "checking":
            pg.y -= pg.line
            pg.text(
                pg.left,
                pg.y,
                f"Dividends Paid Year-to-Date: {money(ytd_div[acct.number], st, dollar=True)}",
                size=st.size - 0.5,
            )
        pg.y -= pg.line

    def loan_section(pg: Pager, acct: Account) -> None:
        pg.need(pg.line * 10)
        pg.heading(f"{acct.product.upper()}    {acct_label} {acct.shown}", size=st.size + 1)
        w = pg.right - pg.left
        kv(pg, pg.left, w * 0.4, "Previous Balance", money(-acct.begin, st))
        kv(pg, pg.left, w * 0.4, "Payments", money(acct.credits, st))
        kv(pg, pg.left, w * 0.4, "New Balance", money(-acct.end, st), bold=True)
        pg.y += pg.line * 3
        kv(pg, pg.left + w * 0.55, w * 0.45, "Annual Percentage Rate", f"{rate:.2f}%")
        kv(
            pg,
            pg.left + w * 0.55,
            w * 0.45,
            "Next Payment Due",
            short_date(end + timedelta(days=15), "full"),
        )
        kv(pg, pg.left + w * 0.55, w * 0.45, "Payment Amount", money(acct.credits, st))
        pg.y -= pg.line

    header = continuation_header(s, "")
    pdf, pager = render(st, draw, header, footer)
    return document(
        s,
        pdf,
        pager,
        "Credit union statement with share savings, share draft and other share or loan "
        "sections, each with its own number; dividends year-to-date are distractors.",
    )


# ----------------------------------------------------------------------------- online savings

ONLINE_BANKS = (
    Bank(
        "Brightline Bank",
        ("P.O. Box 951", "Horsham, PA 19044"),
        "1-877-247-2559",
        "brightlinebank.com",
    ),
    Bank(
        "Nimbus Direct Bank",
        ("PO Box 45", "Salt Lake City, UT 84130"),
        "1-855-730-7283",
        "nimbusdirect.com",
    ),
    Bank(
        "Keystone Online Savings Bank",
        ("P.O. Box 8490", "Wilmington, DE 19899"),
        "1-888-501-2265",
        "keystoneonline.com",
    ),
)
ONLINE_PRODUCTS = (
    "Online Savings Account",
    "High Yield Savings",
    "Online Savings",
    "Premier High-Yield Savings",
)
EXTERNAL_BANKS = (
    "CHASE",
    "WELLS FARGO",
    "BANK OF AMERICA",
    "US BANK",
    "PNC",
    "CITIZENS",
    "NAVY FED",
)


def online_savings(rng: random.Random) -> WildDocument:
    st = make_style(rng, (FONTS[0], FONTS[0], FONTS[1]))
    start, end = statement_period(rng)
    holders = make_holders(rng, 0.35)
    acct = new_account(
        rng, rng.choice(ONLINE_PRODUCTS), "savings", rng.choice((10, 10, 11)), 500, 80000
    )
    if rng.random() < 0.5:
        acct.shown = rng.choice(("••••", "****", "xxxx", "ending in ")) + acct.last4
    external = digits(rng, rng.choice((9, 10, 12)))
    apy = rng.choice((3.30, 3.80, 4.20, 4.35, 4.40, 4.50))
    savings_txns(rng, acct, start, end, "online", [external], apy)
    ext_bank = rng.choice(EXTERNAL_BANKS)
    for t in acct.txns:
        if t.link:
            word = "from" if t.amount > 0 else "to"
            t.desc = rng.choice(
                (
                    f"Transfer {word} {ext_bank} CHECKING ****{external[-4:]}",
                    f"ACH {'Deposit' if t.amount > 0 else 'Withdrawal'} {ext_bank} "
                    f"x{external[-4:]}",
                    f"Requested transfer {word} external account {external[-4:]}",
                )
            )
        if t.kind == "interest":
            t.desc = rng.choice(("Interest Paid", "Interest", "Interest Payment"))
    bank = rng.choice(ONLINE_BANKS)
    s = Statement(
        bank, holders, make_address(rng), start, end, [acct], st, rng.choice(("AND", "LINES"))
    )
    interest = sum(t.amount for t in acct.txns if t.kind == "interest")
    ytd = interest * (end.month - 1) + interest + rng.randint(0, 900)
    days = (end - start).days + 1
    avg = (acct.begin + acct.end) // 2
    footer = simple_footer(rng, rng.choice(("Page {n} of {t}", "{n}/{t}")))
    caps = rng.random() < 0.6
    date_fmt = rng.choice(("mm/dd/yyyy", "mon dd", "mm/dd"))
    heading_word = rng.choice(("Account Number", "Account", "Acct #"))
    extra = disclosures(rng, bank.name)

    def draw(pg: Pager) -> None:
        top = st.height - st.margin
        pg.text(pg.left, top - 16, bank.name, bold=True, size=st.size + 9)
        pg.text(pg.left, top - 16 - pg.line, "Member FDIC", size=st.size - 1.5)
        pg.text(pg.right, top - 10, f"Statement Date {long_date(end, 'num')}", right=True)
        pg.text(
            pg.right,
            top - 10 - pg.line,
            f"Statement Period {long_date(start, 'abbr')} - {long_date(end, 'abbr')}",
            right=True,
        )
        pg.text(
            pg.right,
            top - 10 - pg.line * 2,
            f"Customer Care {bank.phone}",
            right=True,
            size=st.size - 1,
        )
        pg.text(pg.right, top - 10 - pg.line * 3, bank.web, right=True, size=st.size - 1)
        bottom = address_block(pg, s, pg.left + 10, top - 100, caps=caps)
        pg.y = bottom - pg.line * 1.5
        band(pg, f"{acct.product}   {heading_word} {acct.shown}")
        pg.mark(acct.number)
        w = pg.right - pg.left
        top_y = pg.y
        kv(pg, pg.left, w * 0.42, "Beginning Balance", money(acct.begin, st, dollar=True))
        kv(pg, pg.left, w * 0.42, "Total Credits", money(acct.credits, st, dollar=True))
        kv(pg, pg.left, w * 0.42, "Total Debits", money(-acct.debits, st, dollar=True))
        kv(pg, pg.left, w * 0.42, "Ending Balance", money(acct.end, st, dollar=True), bold=True)
        low = pg.y
        pg.y = top_y
        x = pg.left + w * 0.54
        kv(pg, x, w * 0.46, "Annual Percentage Yield Earned", f"{apy:.2f}%")
        kv(pg, x, w * 0.46, "Interest Earned This Period", money(interest, st, dollar=True))
        kv(pg, x, w * 0.46, "Interest Paid Year-to-Date", money(ytd, st, dollar=True))
        kv(pg, x, w * 0.46, "Average Daily Balance", money(avg, st, dollar=True))
        kv(pg, x, w * 0.46, "Days in Statement Period", str(days))
        pg.y = min(low, pg.y) - pg.line * 1.5
        band(pg, "Activity")
        cols = [
            Col("Date", pg.left, 62),
            Col("Description", pg.left + 66, w - 66 - 240),
            Col("Credits", pg.right - 236, 76, True),
            Col("Debits", pg.right - 156, 76, True),
            Col("Balance", pg.right - 76, 76, True),
        ]
        rows = [[short_date(start, date_fmt), "Beginning Balance", "", "", money(acct.begin, st)]]
        for t in acct.txns:
            rows.append(
                [
                    short_date(t.day, date_fmt),
                    t.desc,
                    money(t.amount, st) if t.amount > 0 else "",
                    money(t.amount, st) if t.amount < 0 else "",
                    money(t.balance, st),
                ]
            )
        rows.append([short_date(end, date_fmt), "Ending Balance", "", "", money(acct.end, st)])
        pg.table(cols, rows, bold_last=True)
        disclosure_page(pg, extra)

    def band(pg: Pager, title: str) -> None:
        pg.need(pg.line * 6)
        pg.c.setFillGray(0.88)
        pg.c.rect(
            pg.left, pg.y - pg.line * 1.5, pg.right - pg.left, pg.line * 1.5, stroke=0, fill=1
        )
        pg.c.setFillGray(0)
        pg.text(pg.left + 6, pg.y - pg.line * 1.1, title, bold=True, size=st.size + 1)
        pg.y -= pg.line * 1.8

    header = continuation_header(s, f"{heading_word} {acct.shown}")
    pdf, pager = render(st, draw, header, footer)
    return document(
        s,
        pdf,
        pager,
        "Online bank savings statement; transfers name a linked external checking account that "
        "is not this account; interest YTD and average balance are distractors.",
    )


# ----------------------------------------------------------------------------- brokerage cash

BROKERAGES = (
    Bank(
        "Harborview Investments",
        ("PO Box 770001", "Cincinnati, OH 45277-0003"),
        "800-544-6666",
        "harborview.com",
    ),
    Bank(
        "Summit Ridge Securities LLC",
        ("P.O. Box 982600", "El Paso, TX 79998"),
        "877-662-7447",
        "summitridge.com",
    ),
    Bank(
        "Beacon Street Brokerage",
        ("PO Box 2900", "Valley Forge, PA 19482"),
        "888-403-9000",
        "beaconstreet.com",
    ),
)
BROKERAGE_PRODUCTS = (
    ("Cash Management Account", "other"),
    ("Brokerage Cash Account", "other"),
    ("Money Market Account", "money_market"),
    ("Premium Money Market Account", "money_market"),
)
FUNDS = ("GOVERNMENT MONEY MARKET FUND", "TREASURY MONEY MARKET", "CASH RESERVES FUND")


def brokerage_txns(
    rng: random.Random, acct: Account, start: date, end: date, bank4: str, ticker: str
) -> None:
    txns: list[Txn] = []
    ext = rng.choice(EXTERNAL_BANKS)
    for _ in range(rng.randint(1, 4)):
        amount = rng.randint(4, 120) * 5000 * rng.choice((1, 1, -1))
        word = "Received" if amount > 0 else "Paid"
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"Electronic Funds Transfer {word} {ext} ****{bank4}",
                amount,
                "transfer",
            )
        )
    for _ in range(rng.randint(0, 4)):
        biller, low, high = rng.choice(BILLERS)
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"Bill Payment {biller.title()}",
                -rng.randint(low, high),
                "electronic",
            )
        )
    for _ in range(rng.randint(0, 5)):
        merchant, low, high = rng.choice(MERCHANTS)
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"Debit Card Purchase {merchant}",
                -rng.randint(low, high),
                "card",
            )
        )
    if rng.random() < 0.4:
        txns.append(
            Txn(
                random_day(rng, start, end),
                f"Check Paid # {rng.randint(100, 999)}",
                -rng.randint(5000, 150000),
                "check",
            )
        )
    if rng.random() < 0.3:
        txns.append(
            Txn(
                random_day(rng, start, end),
                "Wire Transfer Received",
                rng.randint(100000, 900000),
                "deposit",
            )
        )
    dividend = max(1, round(acct.begin * rng.uniform(3.6, 5.1) / 100 / 12))
    txns.append(Txn(end, f"Dividend Received {ticker}", dividend, "interest"))
    acct.txns = txns
    settle(acct)


def brokerage_cash(rng: random.Random) -> WildDocument:
    st = make_style(rng, FONTS[:2])
    start, end = statement_period(rng)
    holders = make_holders(rng, 0.4)
    product, kind = rng.choice(BROKERAGE_PRODUCTS)
    raw = digits(rng, 8)
    prefix = rng.choice(("", "Z", "X"))
    acct = Account(product, kind, prefix + raw, "", rng.randint(2000, 150000) * 100)
    acct.shown = rng.choice(
        (
            f"{prefix}{raw[:2]}-{raw[2:]}" if prefix else f"{raw[:4]}-{raw[4:]}",
            f"****-{raw[-4:]}",
            f"XXXX-{raw[-4:]}",
            raw,
        )
    )
    bank4 = digits(rng, 4)
    firm = rng.choice(BROKERAGES)
    ticker = firm.name[0] + rng.choice("GTC") + "MXX"
    fund = f"{firm.name.split()[0].upper()} {rng.choice(FUNDS)} ({ticker})"
    brokerage_txns(rng, acct, start, end, bank4, ticker)
    s = Statement(
        firm, holders, make_address(rng), start, end, [acct], st, rng.choice(("AND", "LINES"))
    )
    registration = (
        rng.choice(("INDIVIDUAL", "INDIVIDUAL - TOD"))
        if len(holders) == 1
        else rng.choice(("JOINT WROS", "JTWROS", "JOINT TENANTS"))
    )
    owner_line = " & ".join(p.caps() for p in holders) + f" - {registration}"
    dividends = sum(t.amount for t in acct.txns if t.kind == "interest")
    ytd_div = dividends * end.month + rng.randint(0, 5000)
    ytd_add = acct.credits - dividends + rng.randint(0, 40) * 10000 * (end.month - 1)
    ytd_sub = acct.debits + rng.randint(0, 40) * 9000 * (end.month - 1)
    seven_day = rng.uniform(3.5, 5.1)
    footer = simple_footer(rng, "Page {n} of {t}")
    title = rng.choice(("INVESTMENT REPORT", "ACCOUNT STATEMENT", "Statement of Account"))
    acct_word = rng.choice(("Account Number", "Account #", "Acct"))
    extra = disclosures(rng, firm.name)

    def draw(pg: Pager) -> None:
        top = st.height - st.margin
        pg.text(pg.left, top - 16, firm.name, bold=True, size=st.size + 7)
        pg.text(pg.right, top - 10, title, bold=True, size=st.size + 2, right=True)
        pg.text(
            pg.right,
            top - 10 - pg.line * 1.3,
            f"{long_date(start, 'long')} - {long_date(end, 'long')}",
            right=True,
        )
        bottom = address_block(pg, s, pg.left + 16, top - 96)
        x = pg.left + (pg.right - pg.left) * 0.55
        box(pg, x, top - 86, pg.right - x, pg.line * 4 + 8)
        pg.text(x + 6, top - 86 - pg.line, f"{product}", bold=True)
        pg.text(x + 6, top - 86 - pg.line * 2, f"{acct_word}: {acct.shown}")
        pg.text(x + 6, top - 86 - pg.line * 3, f"Questions? {firm.phone}", size=st.size - 1)
        pg.text(x + 6, top - 86 - pg.line * 4, firm.web, size=st.size - 1)
        pg.mark(acct.number)
        pg.y = min(bottom, top - 86 - pg.line * 4 - 8) - pg.line
        for line in wrap(owner_line, st.bold, st.size, pg.right - pg.left):
            pg.y -= pg.line
            pg.text(pg.left, pg.y, line, bold=True)
        pg.y -= pg.line * 0.5
        summary(pg)
        holdings(pg)
        activity(pg)
        disclosure_page(pg, extra)

    def summary(pg: Pager) -> None:
        pg.heading("Account Summary")
        w = pg.right - pg.left
        cols = [
            Col("", pg.left, w * 0.5),
            Col("This Period", pg.left + w * 0.55, w * 0.2, True),
            Col("Year-to-Date", pg.right - w * 0.22, w * 0.22, True),
        ]
        ytd_begin = acct.end - ytd_add - ytd_div + ytd_sub
        rows = [
            [
                "Beginning Account Value",
                money(acct.begin, st, dollar=True),
                money(ytd_begin, st, dollar=True),
            ],
            ["Additions", money(acct.credits - dividends, st), money(ytd_add, st)],
            ["Subtractions", money(-acct.debits, st), money(-ytd_sub, st)],
            ["Dividends & Interest", money(dividends, st), money(ytd_div, st)],
            ["Change in Investment Value", money(0, st), money(0, st)],
            [
                "Ending Account Value",
                money(acct.end, st, dollar=True),
                money(acct.end, st, dollar=True),
            ],
        ]
        pg.table(cols, rows, bold_last=True)
        pg.y -= pg.line

    def holdings(pg: Pager) -> None:
        pg.heading("Holdings - Core Account")
        w = pg.right - pg.left
        cols = [
            Col("Description", pg.left, w * 0.45),
            Col("Quantity", pg.left + w * 0.46, w * 0.14, True),
            Col("Price", pg.left + w * 0.61, w * 0.1, True),
            Col("Ending Value", pg.left + w * 0.72, w * 0.16, True),
            Col("7-Day\nYield", pg.right - w * 0.1, w * 0.1, True),
        ]
        qty = f"{acct.end / 100:,.3f}"
        pg.table(cols, [[fund, qty, "$1.0000", money(acct.end, st), f"{seven_day:.2f}%"]])
        pg.y -= pg.line

    def activity(pg: Pager) -> None:
        pg.heading("Activity")
        w = pg.right - pg.left
        cols = [
            Col("Settlement\nDate", pg.left, 56),
            Col("Description", pg.left + 60, w - 60 - 170),
            Col("Amount", pg.right - 166, 80, True),
            Col("Balance", pg.right - 80, 80, True),
        ]
        rows = [
            [short_date(t.day, st.date_fmt), t.desc, money(t.amount, st), money(t.balance, st)]
            for t in acct.txns
        ]
        rows.append(["", "Ending Core Balance", "", money(acct.end, st, dollar=True)])
        pg.table(cols, rows, bold_last=True)

    header = continuation_header(s, f"{acct_word}: {acct.shown}")
    pdf, pager = render(st, draw, header, footer)
    return document(
        s,
        pdf,
        pager,
        "Brokerage cash/money market account statement; the linked bank account in transfers and "
        "the fund's figures are not accounts; year-to-date column is a distractor.",
    )


BUILDERS: dict[str, Callable[[random.Random], WildDocument]] = {
    "national_checking": national_checking,
    "combined_statement": combined_statement,
    "credit_union": credit_union,
    "online_savings": online_savings,
    "brokerage_cash": brokerage_cash,
}


def build(rng: random.Random, layout: str) -> WildDocument:
    return BUILDERS[layout](rng)
