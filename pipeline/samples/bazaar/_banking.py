"""Drawing helpers shared by the bazaar ``bank_statement`` and ``w2`` kinds (private)."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.samples.bazaar.people import Address, Person, make_address, make_partner, make_person

FAMILIES: dict[str, tuple[str, str]] = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
}


class Pen:
    """A reportlab canvas with one font family and a few drawing shortcuts."""

    def __init__(self, family: str, size: float, pagesize: tuple[float, float] = letter) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=pagesize, invariant=1)
        self.regular, self.bold = FAMILIES[family]
        self.family = family
        self.size = size
        self.width, self.height = pagesize
        self.page = 1
        self.footer: Callable[[Pen], None] | None = None

    def font(self, size: float | None = None, *, bold: bool = False) -> tuple[str, float]:
        return (self.bold if bold else self.regular, size or self.size)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float | None = None,
        *,
        bold: bool = False,
        align: str = "left",
        gray: float = 0.0,
    ) -> None:
        name, sz = self.font(size, bold=bold)
        c = self.canvas
        c.setFont(name, sz)
        c.setFillGray(gray)
        if align == "right":
            c.drawRightString(x, y, s)
        elif align == "center":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)
        c.setFillGray(0)

    def measure(self, s: str, size: float | None = None, *, bold: bool = False) -> float:
        name, sz = self.font(size, bold=bold)
        return float(stringWidth(s, name, sz))

    def fit(self, s: str, width: float, size: float | None = None, *, bold: bool = False) -> float:
        """The largest size <= ``size`` at which ``s`` fits in ``width``."""
        sz = size or self.size
        while sz > 3.5 and self.measure(s, sz, bold=bold) > width:
            sz -= 0.25
        return sz

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x1, y1, x2, y2)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        width: float = 0.5,
        fill: float | None = None,
    ) -> None:
        c = self.canvas
        c.setLineWidth(width)
        if fill is not None:
            c.setFillGray(fill)
            c.rect(x, y, w, h, stroke=1 if width else 0, fill=1)
            c.setFillGray(0)
        else:
            c.rect(x, y, w, h, stroke=1, fill=0)

    def band(self, x: float, y: float, w: float, h: float, gray: float) -> None:
        c = self.canvas
        c.setFillGray(gray)
        c.rect(x, y, w, h, stroke=0, fill=1)
        c.setFillGray(0)

    def wrap(
        self,
        x: float,
        y: float,
        s: str,
        width: float,
        size: float | None = None,
        leading: float | None = None,
        *,
        gray: float = 0.0,
    ) -> float:
        """Draw ``s`` word-wrapped to ``width``; returns the y below the last line."""
        sz = size or self.size
        lead = leading or sz * 1.25
        line = ""
        for word in s.split():
            trial = f"{line} {word}".strip()
            if line and self.measure(trial, sz) > width:
                self.text(x, y, line, sz, gray=gray)
                y -= lead
                line = word
            else:
                line = trial
        if line:
            self.text(x, y, line, sz, gray=gray)
            y -= lead
        return y

    def new_page(self) -> None:
        if self.footer:
            self.footer(self)
        self.canvas.showPage()
        self.page += 1

    def finish(self) -> bytes:
        if self.footer:
            self.footer(self)
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def pick_family(rng: random.Random, weights: Sequence[float] = (0.45, 0.35, 0.2)) -> str:
    return rng.choices(("Helvetica", "Times", "Courier"), weights=weights)[0]


def body_size(rng: random.Random, family: str, low: float = 7.5, high: float = 10.0) -> float:
    size = rng.choice([s / 4 for s in range(int(low * 4), int(high * 4) + 1)])
    # Courier is wide: keep it a little smaller so columns still fit
    return min(size, 9.0) if family == "Courier" else size


def fmt_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == 1:
        return d.strftime("%B ") + f"{d.day}, {d.year}"
    if style == 2:
        return d.strftime("%b ") + f"{d.day}, {d.year}"
    if style == 3:
        return f"{d.year}-{d.month:02d}-{d.day:02d}"
    if style == 4:
        return f"{d.day:02d} " + d.strftime("%b %Y").upper()
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def short_date(d: dt.date, style: int) -> str:
    """A transaction-line date without the year."""
    if style == 0:
        return f"{d.month:02d}/{d.day:02d}"
    if style == 1:
        return d.strftime("%b ") + f"{d.day:02d}"
    return f"{d.month}/{d.day}"


def mask(number: str, style: int) -> str:
    """A printed account number: masked in one of several ways, or in full (style 5)."""
    last4 = number[-4:]
    n = len(number)
    if style == 0:
        return "X" * (n - 4) + last4
    if style == 1:
        return "****" + last4
    if style == 2:
        return "xxxxxx" + last4
    if style == 3:
        return "..." + last4
    if style == 4:
        return "*" * (n - 4) + last4
    return number


def name_forms(person: Person, rng: random.Random) -> tuple[str, str]:
    """(printed, truth) for a person's name in one of several styles."""
    style = rng.randrange(5)
    initial = rng.random() < 0.7
    if style == 0:
        return person.natural(initial=initial), person.truth(initial=initial)
    if style == 1:
        return person.natural(initial=initial).upper(), person.truth(initial=initial)
    if style == 2:
        return person.last_first(initial=initial).upper(), person.truth(initial=initial)
    if style == 3:
        return person.last_first(initial=initial), person.truth(initial=initial)
    bare = " ".join(p for p in (person.first, person.middle_initial, person.last) if p)
    return bare.upper(), person.truth(initial=True, suffix=False)


def cents_between(rng: random.Random, low: float, high: float) -> int:
    return int(rng.uniform(low, high) * 100)


def phone(rng: random.Random, toll_free: bool = False) -> str:
    area = rng.choice(("800", "866", "877", "888")) if toll_free else str(rng.randint(201, 989))
    return f"{area}-{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"


def phone_paren(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"


def routing(rng: random.Random) -> str:
    """A nine-digit ABA-looking routing number (valid checksum)."""
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        d[0] = rng.choice((0, 1, 2, 3))
        s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
        check = (10 - s % 10) % 10
        return "".join(map(str, d)) + str(check)


def fmt(cents: int, *, dollar: bool = False, commas: bool = True, neg: int = 0) -> str:
    """An amount as a statement prints it; ``neg`` picks "-1.00", "(1.00)" or "1.00-"."""
    body = f"{abs(cents) / 100:,.2f}" if commas else f"{abs(cents) / 100:.2f}"
    body = f"${body}" if dollar else body
    if cents >= 0:
        return body
    return ("-" + body, f"({body})", body + "-")[neg]


def fresh_number(rng: random.Random, n: int, used: set[str]) -> str:
    """An ``n``-digit number whose last four digits are not in ``used`` (then added to it)."""
    while True:
        number = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
        if number[-4:] not in used:
            used.add(number[-4:])
            return number


# bank statements: cast, activity and the two-pass page count

BANK_WORDS = (
    "Prairie Hills",
    "Cumberland Valley",
    "Tri-County",
    "Blue Heron",
    "Keystone Heritage",
    "Red Cedar",
    "Lakeshore",
    "Piedmont",
    "Granite Falls",
    "Sandhill",
    "Copper Basin",
    "Magnolia",
)
BANK_TAILS = ("State Bank", "Bank & Trust", "Community Bank", "National Bank", "Savings Bank")
EMPLOYERS = (
    "ACME LOGISTICS",
    "NORTHWIND HEALTH",
    "CITY OF RIVERTON",
    "BRIGHTPATH SCHOOLS",
    "HALCYON FOODS",
    "VERTEX MACHINING",
)
MERCHANTS = (
    "KROGER #0412",
    "SHELL OIL 5744",
    "TARGET T-1188",
    "AMAZON MKTPLACE",
    "WALGREENS #3321",
    "HOME DEPOT 6610",
    "CHIPOTLE 2291",
    "COSTCO WHSE #0455",
    "NETFLIX.COM",
    "SPOTIFY USA",
    "STARBUCKS STORE 1022",
    "LOWES #01877",
    "UBER TRIP",
    "DOLLAR GENERAL #1744",
)
BILLERS = (
    "CITY UTILITIES",
    "STATE FARM INS",
    "VERIZON WIRELESS",
    "XCEL ENERGY",
    "COMCAST CABLE",
    "PROGRESSIVE INS",
    "PLANET FITNESS",
)


@dataclass
class Txn:
    date: dt.date
    desc: str
    cents: int  # signed: credits positive
    check: str = ""
    balance: int = 0


@dataclass
class Holders:
    people: list[Person]
    printed: list[str]
    truths: list[str]
    address: Address
    joiner: str  # " AND ", " OR " or "\n"

    def lines(self) -> list[str]:
        if len(self.printed) == 1 or self.joiner == "\n":
            return list(self.printed)
        return [self.joiner.join(self.printed)]

    def fit(self, pen: Pen, width: float, size: float) -> list[str]:
        """``lines()``, breaking a joint line after its conjunction when it is wider than "
        "``width``."""
        out = self.lines()
        if len(out) == 1 and len(self.printed) > 1 and pen.measure(out[0], size) > width:
            word = self.joiner.strip()
            out = [f"{self.printed[0]} {word}", *self.printed[1:]]
        return out

    def borrowers(self, with_address: bool = True) -> list[dict[str, Any]]:
        addr = self.address.truth() if with_address else None
        return [{"name": t, "ssn_last4": None, "address": addr} for t in self.truths]


def make_holders(rng: random.Random, joint: float) -> Holders:
    first = make_person(rng)
    people = [first]
    if rng.random() < joint:
        people.append(make_partner(rng, first))
    printed, truths = [], []
    upper = rng.random() < 0.6
    for p in people:
        text, truth = holder_name(rng, p, upper)
        printed.append(text)
        truths.append(truth)
    joiner = rng.choice((" AND ", " OR ", "\n", " and "))
    return Holders(people, printed, truths, make_address(rng), joiner)


def holder_name(rng: random.Random, p: Person, upper: bool) -> tuple[str, str]:
    initial = rng.random() < 0.75
    text = p.natural(initial=initial)
    if upper:
        text = text.upper().replace(".", "")
    return text, p.truth(initial=initial)


def bank_name(rng: random.Random) -> str:
    return f"{rng.choice(BANK_WORDS)} {rng.choice(BANK_TAILS)}"


def statement_period(rng: random.Random) -> tuple[dt.date, dt.date]:
    year = rng.randint(2022, 2025)
    month = rng.randint(1, 12)
    start_day = rng.choice((1, 1, 5, 11, 16, 21))
    start = dt.date(year, month, start_day)
    nxt = dt.date(year + (month == 12), month % 12 + 1, start_day)
    return start, nxt - dt.timedelta(days=1)


def spread_days(rng: random.Random, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    span = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


def checking_activity(
    rng: random.Random,
    start: dt.date,
    end: dt.date,
    begin: int,
    *,
    card: str,
    transfer_to: str,
    checks: int,
    first_check: int,
) -> list[Txn]:
    """A month of checking activity with a running balance that never goes below zero."""
    employer = rng.choice(EMPLOYERS)
    pay = int(rng.uniform(1100, 3600) * 100)
    txns: list[Txn] = []
    pay_days = spread_days(rng, start, end, rng.choice((1, 2, 2)))
    for d in pay_days:
        txns.append(
            Txn(d, f"DIRECT DEP {employer} PAYROLL PPD ID {rng.randint(1000000, 9999999)}", pay)
        )
    if rng.random() < 0.5:
        txns.append(
            Txn(
                spread_days(rng, start, end, 1)[0],
                "MOBILE DEPOSIT",
                int(rng.uniform(40, 600) * 100),
            )
        )
    for d in spread_days(rng, start, end, rng.randint(4, 10)):
        merchant = rng.choice(MERCHANTS)
        txns.append(Txn(d, f"POS PURCHASE {merchant} CARD {card}", -int(rng.uniform(4, 180) * 100)))
    for d in spread_days(rng, start, end, rng.randint(1, 3)):
        biller = rng.choice(BILLERS)
        txns.append(Txn(d, f"ACH DEBIT {biller} WEB PMT", -int(rng.uniform(30, 260) * 100)))
    if transfer_to:
        d = spread_days(rng, start, end, 1)[0]
        txns.append(
            Txn(d, f"ONLINE TRANSFER TO SAV {transfer_to}", -rng.choice((5000, 10000, 25000)))
        )
    number = first_check
    for d in spread_days(rng, start, end, checks):
        txns.append(Txn(d, "CHECK", -int(rng.uniform(25, 900) * 100), check=str(number)))
        number += rng.choice((1, 1, 1, 2))
    txns.sort(key=lambda t: (t.date, -t.cents))
    low = 0
    running = begin
    for t in txns:
        running += t.cents
        low = min(low, running)
    if low < 0:  # the opening balance was too small: raise it
        begin += -low + int(rng.uniform(50, 900) * 100)
    running = begin
    for t in txns:
        running += t.cents
        t.balance = running
    txns.insert(0, Txn(start, "BEGINNING BALANCE", 0, balance=begin))
    return txns


def render_twice(
    draw: Callable[[int], tuple[bytes, dict[str, int]]],
) -> tuple[bytes, dict[str, int]]:
    """Draw once to count the pages, then again with "Page n of N" filled in."""
    _, pages = draw(0)
    return draw(pages["__pages__"])
