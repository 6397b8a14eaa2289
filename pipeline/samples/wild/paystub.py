"""Pay stubs modelled on the earnings statements lenders receive from payroll providers.

Layouts:
- ``adp_earnings_statement``: ADP's "Earnings Statement": company codes, period block, an earnings
  table (rate / hours / this period / year to date), statutory and other deductions as negatives,
  "Gross Pay" and "Net Pay" rows, "Important Notes" quoting federal taxable wages, and the
  non-negotiable deposit advice at the foot.
- ``paychex_check_stub``: a Paychex-style pay check ("Pay to the order of", amount in words, MICR
  line) above or below a detachable stub with earnings, withholdings and deductions.
- ``gusto_online_summary``: a Gusto / QuickBooks Online stub whose summary grid gives Gross Pay,
  Taxes, Deductions and Net Pay by Current and YTD, then detail tables incl. employer taxes.
- ``workday_two_column``: a hospital's Workday payslip: bordered header grid, Current/YTD summary,
  earnings with dates, then two columns of taxes, deductions, employer-paid benefits and taxable
  wages, and payment information.
- ``accounting_software_voucher``: a small-business stub from desktop accounting software with hours
  x rate, unlabelled total rows and negative deductions, sometimes printed twice (voucher copies).

Every layout draws its pay frequency, first-pay-of-the-year runs, overtime, bonus and holiday lines,
name format and date / number formats from the rng. The people, companies, formats and drawing
helpers here are shared with ``voe.py``.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = (
    "adp_earnings_statement",
    "paychex_check_stub",
    "gusto_online_summary",
    "workday_two_column",
    "accounting_software_voucher",
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# ---------------------------------------------------------------- people, places, companies

FIRST_NAMES = (
    "Maria", "James", "Aisha", "Wei", "Carlos", "Priya", "Olumide", "Sarah", "Dmitri", "Fatima",
    "José", "Emily", "Hiroshi", "Grace", "Mohammed", "Ana", "Liam", "Chloé", "Tyrone", "Mei",
    "Rafael", "Ingrid", "Kwame", "Rebecca", "Andrés", "Nadia", "Patrick", "Yesenia", "Thanh",
    "Brigitte", "Samuel", "Lakshmi", "DeShawn", "Zoë", "Kevin", "Ramona", "Alejandra", "Tomasz",
)  # fmt: skip
LAST_NAMES = (
    "Peña", "O'Neil", "García-López", "Nguyen", "Van der Berg", "Okafor", "Kowalski", "Johnson",
    "Patel", "Kim", "Haddad", "Schmidt", "Rossi", "Yamamoto", "Dubois", "Andersen", "Fitzgerald",
    "Castillo", "Nowak", "Ibrahim", "Chen", "Washington", "Olsen", "Moreau", "Brown", "Sánchez",
    "Müller", "Adeyemi", "MacDonald", "St. Clair", "Delgado", "Thompson", "Reyes", "Lindqvist",
    "Whitfield-Jones", "D'Amico", "Morales", "Obi", "Abernathy", "Tran",
)  # fmt: skip
MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTVW"
STREETS = (
    "Maple Ave", "Oak Street", "Cedar Ln", "Ridgeview Dr", "N 5th St", "Willow Ct",
    "Lakeshore Blvd", "Elm St", "Sunset Rd", "Mill Creek Pkwy", "Juniper Way", "Harbor View Dr",
    "Birch Hollow Rd", "W Jefferson St", "Magnolia Blvd", "Prospect Ave", "Quail Run",
    "Kingsley Cir", "Old Post Rd", "Camino del Sol", "E Main St", "Industrial Pkwy",
)  # fmt: skip
UNITS = ("Apt 4B", "Unit 12", "#305", "Apt 2", "Apt 117", "Unit C")
SUITES = ("Suite 200", "Ste 110", "Floor 3", "Bldg B")
CITIES = (
    ("Columbus", "OH", "432"), ("Sacramento", "CA", "958"), ("Albany", "NY", "122"),
    ("Austin", "TX", "787"), ("Tampa", "FL", "336"), ("Denver", "CO", "802"),
    ("Raleigh", "NC", "276"), ("Madison", "WI", "537"), ("Spokane", "WA", "992"),
    ("Newark", "NJ", "071"), ("Harrisburg", "PA", "171"), ("Atlanta", "GA", "303"),
    ("Phoenix", "AZ", "850"), ("Portland", "OR", "972"), ("Minneapolis", "MN", "554"),
    ("Boise", "ID", "837"), ("Richmond", "VA", "232"), ("Lansing", "MI", "489"),
    ("Baltimore", "MD", "212"), ("Las Vegas", "NV", "891"), ("Nashville", "TN", "372"),
    ("St. Louis", "MO", "631"), ("Worcester", "MA", "016"), ("Chicago", "IL", "606"),
    ("El Paso", "TX", "799"), ("Dayton", "OH", "454"),
)  # fmt: skip
COMPANY_NAMES = (
    "Blue Heron Logistics LLC", "Cascade Dental Partners, P.C.", "Northgate Hardware Inc.",
    "Summit Ridge Engineering", "Pinecrest Property Management", "Brightwater Analytics Corp.",
    "Redwood Valley Foods", "Ironclad Fabrication Co.", "Meridian Home Health Services",
    "Lumen Software Group", "Coastal Plumbing & Heating", "Harvest Moon Bakery LLC",
    "Granite State Insurance Agency", "Silver Lake Veterinary Clinic", "Tri-County Auto Parts",
    "Oakmont Charter School", "Vista Verde Landscaping", "Keystone Freight Lines",
    "Ashford & Pike LLP", "Copperleaf Hospitality Group", "Nightingale Staffing Solutions",
    "Prairie Wind Energy", "Bayside Family Pharmacy", "Evergreen Credit Union",
)  # fmt: skip
HOSPITALS = (
    "St. Agnes Regional Medical Center", "Mercy Valley Health System",
    "Lakeview Community Hospital", "Providence Ridge Medical Center",
    "University Hospitals of Carver County", "Good Shepherd Health",
    "Riverside Methodist Hospital", "Sutter Creek Memorial Hospital",
)  # fmt: skip
BANKS = (
    "First Prairie Bank", "Lakeshore National Bank", "Columbia Savings Bank", "Union Trust Co.",
    "Pioneer Federal Bank", "Great Plains Bank, N.A.",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    """A fake person; ``middle`` is an initial that the document prints, or None."""

    first: str
    middle: str | None
    last: str

    def label(self) -> str:
        middle = f" {self.middle}." if self.middle else ""
        return f"{self.first}{middle} {self.last}"

    def show(self, style: str) -> str:
        """``natural`` Maria T. Peña, ``upper`` MARIA T PEÑA, ``last_first`` Peña, Maria T.,
        ``upper_last_first`` PEÑA, MARIA T."""
        middle = f" {self.middle}" if self.middle else ""
        if style == "natural":
            return self.label()
        if style == "upper":
            return f"{self.first}{middle} {self.last}".upper()
        if style == "last_first":
            return f"{self.last}, {self.first}{middle + '.' if middle else ''}"
        return f"{self.last}, {self.first}{middle}".upper()


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    state: str
    zip: str

    def lines(self) -> list[str]:
        return [self.street, f"{self.city}, {self.state} {self.zip}"]

    def one_line(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip}"

    def label(self) -> dict[str, str]:
        return {"street": self.street, "city": self.city, "state": self.state, "zip": self.zip}


@dataclass(frozen=True)
class Company:
    name: str
    address: Address
    phone: str


def make_person(rng: random.Random, middle_share: float = 0.5) -> Person:
    middle = rng.choice(MIDDLE_INITIALS) if rng.random() < middle_share else None
    return Person(rng.choice(FIRST_NAMES), middle, rng.choice(LAST_NAMES))


def make_address(rng: random.Random, *, business: bool = False) -> Address:
    city, state, prefix = rng.choice(CITIES)
    street = f"{rng.randint(10, 9899)} {rng.choice(STREETS)}"
    extras = SUITES if business else UNITS
    if rng.random() < 0.25:
        street = f"{street} {rng.choice(extras)}"
    return Address(street, city, state, f"{prefix}{rng.randint(1, 99):02d}")


def make_phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"


def make_company(rng: random.Random, names: Sequence[str] = COMPANY_NAMES) -> Company:
    return Company(rng.choice(names), make_address(rng, business=True), make_phone(rng))


# ---------------------------------------------------------------- formats


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal, style: str = "comma", negative: str = "minus") -> str:
    """``dollar`` $1,234.56, ``comma`` 1,234.56, ``plain`` 1234.56; negatives as ``minus``
    -1.00, ``parens`` (1.00) or ``trailing`` 1.00-."""
    q = cents(value)
    digits = f"{abs(q):.2f}" if style == "plain" else f"{abs(q):,.2f}"
    if style == "dollar":
        digits = f"${digits}"
    if q >= 0:
        return digits
    return {"minus": f"-{digits}", "parens": f"({digits})", "trailing": f"{digits}-"}[negative]


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
DATE_STYLES = ("us", "us", "us_short", "mon", "long", "iso", "dmy")


def fmt_date(d: date, style: str) -> str:
    """``us`` 01/15/2024, ``us_short`` 01/15/24, ``mon`` Jan 15, 2024, ``long`` January 15,
    2024, ``iso`` 2024-01-15, ``dmy`` 15-JAN-2024."""
    month = MONTHS[d.month - 1]
    return {
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "us_short": f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
        "mon": f"{month[:3]} {d.day}, {d.year}",
        "long": f"{month} {d.day}, {d.year}",
        "iso": d.isoformat(),
        "dmy": f"{d.day:02d}-{month[:3].upper()}-{d.year}",
    }[style]


def mask_ssn(rng: random.Random, last4: str) -> str:
    return rng.choice((f"XXX-XX-{last4}", f"***-**-{last4}", f"xxx-xx-{last4}", f"*****{last4}"))


def mask_account(rng: random.Random, last4: str) -> str:
    return rng.choice((f"****{last4}", f"xxxxxx{last4}", f"x{last4}", f"XXXXXXXX{last4}"))


def digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


_ONES = (
    "", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
    "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
)  # fmt: skip
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")


def _words_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} Hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        parts.append(_ONES[rest])
    return " ".join(parts)


def amount_words(value: Decimal) -> str:
    """1234.56 -> 'One Thousand Two Hundred Thirty-Four and 56/100'."""
    whole = int(value)
    fraction = int((cents(value) - whole) * 100)
    thousands, rest = divmod(whole, 1000)
    parts = [f"{_words_below_1000(thousands)} Thousand"] if thousands else []
    if rest or not parts:
        parts.append(_words_below_1000(rest) or "Zero")
    return f"{' '.join(parts)} and {fraction:02d}/100"


# ---------------------------------------------------------------- drawing helpers


def put(c: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "l") -> None:
    """Draw ``text`` with its baseline at y: left-aligned at x, right-aligned ("r") or centred
    ("c") on x."""
    c.setFont(font, size)
    if align == "r":
        c.drawRightString(x, y, text)
    elif align == "c":
        c.drawCentredString(x, y, text)
    else:
        c.drawString(x, y, text)


def fitted(text: str, font: str, size: float, width: float) -> float:
    """The largest size <= ``size`` (down to 5.5 pt) at which ``text`` fits ``width``."""
    while size > 5.5 and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def rule(c: Canvas, x1: float, x2: float, y: float, width: float = 0.5) -> None:
    c.setLineWidth(width)
    c.line(x1, y, x2, y)


def dashed_rule(c: Canvas, x1: float, x2: float, y: float) -> None:
    c.saveState()
    c.setDash(4, 3)
    rule(c, x1, x2, y, 0.6)
    c.restoreState()


@dataclass(frozen=True)
class Col:
    """A table column: its left edge, width and alignment ("l", "r" or "c")."""

    x: float
    width: float
    align: str = "l"

    def anchor(self) -> float:
        pad = 3.0
        if self.align == "r":
            return self.x + self.width - pad
        if self.align == "c":
            return self.x + self.width / 2
        return self.x + pad


def columns(x: float, widths: Sequence[float], aligns: str) -> list[Col]:
    cols: list[Col] = []
    for width, align in zip(widths, aligns, strict=True):
        cols.append(Col(x, width, align))
        x += width
    return cols


def draw_row(
    c: Canvas, y: float, cols: Sequence[Col], cells: Sequence[str], font: str, size: float
) -> None:
    """One row of cells, each shrunk to fit its column."""
    for col, cell in zip(cols, cells, strict=True):
        if cell:
            put(c, col.anchor(), y, cell, font, fitted(cell, font, size, col.width - 5), col.align)


def grid(
    c: Canvas,
    y: float,
    cols: Sequence[Col],
    rows: Sequence[Sequence[str]],
    fonts: tuple[str, str],
    size: float,
    *,
    header: bool = True,
    border: bool = True,
    fill: float = 0.88,
) -> float:
    """A table whose first row (if ``header``) is bold on a grey band; returns the y below it."""
    height = size * 1.65
    x0, x1 = cols[0].x, cols[-1].x + cols[-1].width
    for index, row in enumerate(rows):
        top = y
        if index == 0 and header:
            c.setFillGray(fill)
            c.rect(x0, top - height, x1 - x0, height, stroke=0, fill=1)
            c.setFillGray(0)
        font = fonts[1] if index == 0 and header else fonts[0]
        draw_row(c, top - height + size * 0.5, cols, row, font, size)
        if border:
            c.setLineWidth(0.4)
            c.rect(x0, top - height, x1 - x0, height, stroke=1, fill=0)
            for col in cols[1:]:
                c.line(col.x, top, col.x, top - height)
        y -= height
    return y


def new_canvas(rng: random.Random, a4_share: float = 0.1) -> tuple[io.BytesIO, Canvas]:
    buffer = io.BytesIO()
    size = A4 if rng.random() < a4_share else letter
    return buffer, Canvas(buffer, pagesize=size, invariant=1)


# ---------------------------------------------------------------- pay model

PERIODS_PER_YEAR = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12}
STANDARD_HOURS = {
    "weekly": Decimal("40.00"),
    "biweekly": Decimal("80.00"),
    "semimonthly": Decimal("86.67"),
    "monthly": Decimal("173.33"),
}
FREQUENCY_WORDS = {
    "weekly": ("Weekly", "WEEKLY", "Every week"),
    "biweekly": ("Biweekly", "Bi-Weekly", "BI-WEEKLY", "Every other week"),
    "semimonthly": ("Semi-Monthly", "Semimonthly", "SEMI-MONTHLY", "Twice a month"),
    "monthly": ("Monthly", "MONTHLY", "Once a month"),
}
STATE_TAX_RATES = {
    "OH": "0.0275", "CA": "0.045", "NY": "0.055", "CO": "0.044", "NC": "0.0475", "WI": "0.053",
    "NJ": "0.035", "PA": "0.0307", "GA": "0.0549", "AZ": "0.025", "OR": "0.0875", "MN": "0.068",
    "ID": "0.058", "VA": "0.0575", "MI": "0.0425", "MD": "0.0475", "MO": "0.048", "MA": "0.05",
    "IL": "0.0495",
}  # fmt: skip
SDI_RATES = {"CA": "0.011", "NJ": "0.0047", "NY": "0.0051"}
LOCAL_RATES = {"OH": "0.025", "PA": "0.01", "MI": "0.01"}


WORKED = ("reg", "hol", "ot", "salary")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    pay: date


def _weekday_on_or_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _weekly_schedule(rng: random.Random, step: int, year: int) -> list[Period]:
    lag = rng.choice((3, 5, 6, 7))
    pay = date(year, 1, 1)
    while pay.weekday() != 4:
        pay += timedelta(days=1)
    pay += timedelta(days=7 * rng.randrange(step // 7))
    periods = []
    while pay.year == year:
        end = pay - timedelta(days=lag)
        periods.append(Period(end - timedelta(days=step - 1), end, pay))
        pay += timedelta(days=step)
    return periods


def _calendar_schedule(rng: random.Random, year: int, semimonthly: bool) -> list[Period]:
    lag = rng.choice((0, 0, 5, 7))
    periods = []
    for y, m in [(year - 1, 12)] + [(year, month) for month in range(1, 13)]:
        end = _month_end(y, m)
        spans = [(date(y, m, 1), date(y, m, 15)), (date(y, m, 16), end)]
        for start, stop in spans if semimonthly else [(date(y, m, 1), end)]:
            pay = _weekday_on_or_before(stop + timedelta(days=lag))
            if pay.year == year:
                periods.append(Period(start, stop, pay))
    return periods


def pay_schedule(rng: random.Random, frequency: str, year: int) -> list[Period]:
    """Every period whose pay date falls in ``year``."""
    if frequency == "weekly":
        return _weekly_schedule(rng, 7, year)
    if frequency == "biweekly":
        return _weekly_schedule(rng, 14, year)
    return _calendar_schedule(rng, year, frequency == "semimonthly")


@dataclass
class Item:
    """One earnings, tax or deduction line: its amount in every period of the year so far."""

    key: str
    kind: str  # earning | tax | pre | post | employer | employer_tax
    amounts: list[Decimal]
    hours: list[Decimal] | None = None
    rate: Decimal | None = None
    label: str = ""

    @property
    def current(self) -> Decimal:
        return self.amounts[-1]

    @property
    def ytd(self) -> Decimal:
        return sum(self.amounts, ZERO)

    @property
    def current_hours(self) -> Decimal | None:
        return self.hours[-1] if self.hours else None

    @property
    def ytd_hours(self) -> Decimal | None:
        return sum(self.hours, ZERO) if self.hours else None


@dataclass
class Payroll:
    frequency: str
    periods: list[Period]
    items: list[Item]
    hourly: bool
    rate: Decimal  # the hourly rate, or the annual salary
    state: str

    @property
    def period(self) -> Period:
        return self.periods[-1]

    def of(self, *kinds: str) -> list[Item]:
        return [item for item in self.items if item.kind in kinds]

    def current(self, *kinds: str) -> Decimal:
        return sum((item.current for item in self.of(*kinds)), ZERO)

    def ytd(self, *kinds: str) -> Decimal:
        return sum((item.ytd for item in self.of(*kinds)), ZERO)

    @property
    def gross(self) -> Decimal:
        return self.current("earning")

    @property
    def gross_ytd(self) -> Decimal:
        return self.ytd("earning")

    @property
    def net(self) -> Decimal:
        return self.gross - self.current("tax", "pre", "post")

    @property
    def net_ytd(self) -> Decimal:
        return self.gross_ytd - self.ytd("tax", "pre", "post")

    def hours(self, ytd: bool = False) -> Decimal:
        items = [item for item in self.of("earning") if item.hours and item.key in WORKED]
        if ytd:
            return sum((item.ytd_hours or ZERO for item in items), ZERO)
        return sum((item.current_hours or ZERO for item in items), ZERO)

    def taxable(self, ytd: bool = False) -> Decimal:
        """Federal taxable wages: gross less pre-tax deductions."""
        if ytd:
            return self.gross_ytd - self.ytd("pre")
        return self.gross - self.current("pre")


def _hourly_earnings(
    rng: random.Random, frequency: str, count: int, hospital: bool
) -> tuple[list[Item], Decimal]:
    rate = Decimal(rng.randrange(1450, 6800)) / 100
    standard = STANDARD_HOURS[frequency]
    regular: list[Decimal] = []
    holiday: list[Decimal] = []
    overtime: list[Decimal] = []
    for _ in range(count):
        off = Decimal(rng.choice((0, 0, 0, 0, 4, 8)))
        hol = Decimal(8) if rng.random() < 0.12 else ZERO
        regular.append(standard - off - hol)
        holiday.append(hol)
        overtime.append(Decimal(rng.randrange(1, 25)) / 2 if rng.random() < 0.45 else ZERO)
    ot_rate = rate * Decimal("1.5")
    items = [
        Item("reg", "earning", [cents(h * rate) for h in regular], regular, rate),
        Item("hol", "earning", [cents(h * rate) for h in holiday], holiday, rate),
        Item("ot", "earning", [cents(h * ot_rate) for h in overtime], overtime, ot_rate),
    ]
    if hospital:
        diff = Decimal(rng.randrange(150, 450)) / 100
        shift = [Decimal(rng.randrange(0, int(h) + 1, 4)) for h in regular]
        items.append(Item("shift", "earning", [cents(h * diff) for h in shift], shift, diff))
        on_call_rate = Decimal(rng.randrange(300, 600)) / 100
        on_call = [Decimal(rng.choice((0, 0, 12, 24))) for _ in range(count)]
        items.append(
            Item(
                "oncall",
                "earning",
                [cents(h * on_call_rate) for h in on_call],
                on_call,
                on_call_rate,
            )
        )
    return items, rate


def _salary_earnings(frequency: str, count: int, rng: random.Random) -> tuple[list[Item], Decimal]:
    annual = Decimal(rng.randrange(76, 380) * 500)
    per_period = cents(annual / PERIODS_PER_YEAR[frequency])
    hours = [STANDARD_HOURS[frequency]] * count
    return [Item("salary", "earning", [per_period] * count, hours, per_period)], annual


def _bonus(rng: random.Random, count: int) -> Item:
    amounts = [ZERO] * count
    if rng.random() < 0.4:
        index = count - 1 if rng.random() < 0.5 else rng.randrange(count)
        amounts[index] = Decimal(rng.randrange(150, 6000)) + Decimal(rng.choice((0, 0, 50, 75)))
    return Item("bonus", "earning", amounts)


def _fixed(rng: random.Random, share: float, low: int, high: int, per_year: int) -> Decimal:
    """A per-period premium (annual cost between low and high), or zero."""
    return cents(Decimal(rng.randint(low, high)) / per_year) if rng.random() < share else ZERO


def _deductions(
    rng: random.Random, frequency: str, state: str, gross: list[Decimal], hospital: bool
) -> list[Item]:
    per_year = PERIODS_PER_YEAR[frequency]
    pct_401k = Decimal(rng.choice((3, 4, 5, 6, 8, 10))) / 100 if rng.random() < 0.7 else ZERO
    premiums = {
        "medical": _fixed(rng, 0.75, 1200, 4800, per_year),
        "dental": _fixed(rng, 0.6, 120, 600, per_year),
        "vision": _fixed(rng, 0.4, 48, 180, per_year),
        "fsa": _fixed(rng, 0.15, 500, 2500, per_year),
    }
    section125 = sum(premiums.values(), ZERO)
    k401 = [cents(g * pct_401k) for g in gross]
    taxable = [g - section125 - k for g, k in zip(gross, k401, strict=True)]
    fica = [g - section125 for g in gross]
    fed_rate = Decimal(rng.randrange(6, 17)) / 100
    items = [Item("401k", "pre", k401)]
    items += [Item(key, "pre", [value] * len(gross)) for key, value in premiums.items()]
    items += [
        Item("fed", "tax", [cents(max(t, ZERO) * fed_rate) for t in taxable]),
        Item("ss", "tax", [cents(f * Decimal("0.062")) for f in fica]),
        Item("med", "tax", [cents(f * Decimal("0.0145")) for f in fica]),
    ]
    for key, table in (("state", STATE_TAX_RATES), ("sdi", SDI_RATES), ("local", LOCAL_RATES)):
        if state in table:
            rate = Decimal(table[state])
            items.append(Item(key, "tax", [cents(max(t, ZERO) * rate) for t in taxable]))
    roth = Decimal(rng.choice((2, 3, 5))) / 100 if rng.random() < 0.15 else ZERO
    items += [
        Item("roth", "post", [cents(g * roth) for g in gross]),
        Item("life", "post", [_fixed(rng, 0.3, 60, 400, per_year)] * len(gross)),
        Item(
            "union",
            "post",
            [_fixed(rng, 0.4 if hospital else 0.08, 300, 900, per_year)] * len(gross),
        ),
        Item("charity", "post", [_fixed(rng, 0.1, 52, 260, per_year)] * len(gross)),
        Item(
            "er_401k",
            "employer",
            [cents(min(k, g * Decimal("0.04")) / 2) for k, g in zip(k401, gross, strict=True)],
        ),
        Item(
            "er_health",
            "employer",
            [_fixed(rng, 0.8, 4000, 12000, per_year) if premiums["medical"] else ZERO] * len(gross),
        ),
        Item("er_ss", "employer_tax", [cents(f * Decimal("0.062")) for f in fica]),
        Item("er_med", "employer_tax", [cents(f * Decimal("0.0145")) for f in fica]),
        Item("futa", "employer_tax", _capped(gross, Decimal("0.006"), Decimal(7000))),
        Item(
            "suta",
            "employer_tax",
            _capped(
                gross,
                Decimal(rng.randrange(10, 40)) / 1000,
                Decimal(rng.choice((9000, 12000, 15000))),
            ),
        ),
    ]
    return items


def _capped(gross: list[Decimal], rate: Decimal, cap: Decimal) -> list[Decimal]:
    """An employer tax on the first ``cap`` of wages each year."""
    paid = ZERO
    out = []
    for g in gross:
        base = max(min(g, cap - paid), ZERO)
        paid += g
        out.append(cents(base * rate))
    return out


def simulate_payroll(
    rng: random.Random, frequency: str, year: int, state: str, *, hospital: bool = False
) -> Payroll:
    """A year of pay through a current period: the first of the year about 1 time in 6."""
    schedule = pay_schedule(rng, frequency, year)
    current = 0 if rng.random() < 0.17 else rng.randrange(1, len(schedule))
    periods = schedule[: current + 1]
    count = len(periods)
    hourly = rng.random() < (0.8 if hospital else 0.55)
    if hourly:
        earnings, rate = _hourly_earnings(rng, frequency, count, hospital)
    else:
        earnings, rate = _salary_earnings(frequency, count, rng)
    earnings.append(_bonus(rng, count))
    gross = [sum((item.amounts[i] for item in earnings), ZERO) for i in range(count)]
    items = earnings + _deductions(rng, frequency, state, gross, hospital)
    kept = [item for item in items if any(item.amounts)]
    return Payroll(frequency, periods, kept, hourly, rate, state)


BASE_LABELS: dict[str, tuple[str, ...]] = {
    "reg": ("Regular", "Regular Pay", "Regular Hours", "REG"),
    "salary": ("Salary", "Regular", "Regular Salary", "Salary Pay"),
    "ot": ("Overtime", "Overtime Pay", "OT 1.5x", "Overtime Hours"),
    "hol": ("Holiday", "Holiday Pay", "HOL"),
    "bonus": ("Bonus", "Bonus Pay", "Spot Bonus", "Incentive Bonus"),
    "shift": ("Shift Differential", "Shift Diff - Evening", "Night Differential"),
    "oncall": ("On Call", "On-Call Pay", "Standby"),
    "fed": ("Federal Income Tax", "Fed Income Tax", "Federal Withholding", "FITW"),
    "ss": ("Social Security Tax", "Social Security", "OASDI", "Soc Sec"),
    "med": ("Medicare Tax", "Medicare", "Medicare EE"),
    "state": ("{st} State Income Tax", "{st} Income Tax", "State Tax - {st}", "{st} Withholding"),
    "sdi": ("{st} SDI", "{st} Disability", "{st} SDI Tax"),
    "local": ("{city} City Tax", "{city} Local Tax", "Local EIT"),
    "401k": ("401(k)", "401K", "401k Pre-Tax", "Retirement 401K"),
    "medical": ("Medical", "Medical Pre-Tax", "Health Insurance", "Med Ins"),
    "dental": ("Dental", "Dental Pre-Tax", "Dental Ins"),
    "vision": ("Vision", "Vision Ins"),
    "fsa": ("Health FSA", "FSA Medical", "Flex Spending"),
    "roth": ("Roth 401(k)", "Roth 401K"),
    "life": ("Supp Life", "Life Ins", "Voluntary Life"),
    "union": ("Union Dues", "SEIU Dues", "Dues"),
    "charity": ("United Way", "Charitable Contrib"),
    "er_401k": ("401(k) Match", "Employer 401K Match", "ER 401k Match"),
    "er_health": ("Employer Medical", "ER Health Contribution", "Medical - Employer"),
    "er_ss": ("Social Security", "Employer Social Security"),
    "er_med": ("Medicare", "Employer Medicare"),
    "futa": ("FUTA", "Federal Unemployment"),
    "suta": ("{st} SUI", "{st} Unemployment", "SUTA"),
}
WORKDAY_LABELS = {
    "reg": "Regular Pay", "salary": "Regular Salary", "ot": "Overtime 1.5",
    "hol": "Holiday Worked", "bonus": "Retention Bonus", "shift": "Shift Diff - Evening",
    "oncall": "On Call Pay", "fed": "Federal Withholding", "ss": "OASDI", "med": "Medicare",
    "state": "State Tax - {st}", "local": "Local Tax - {city}", "401k": "403(b) Pre-Tax",
    "roth": "403(b) Roth", "er_401k": "403(b) Employer Match",
}  # fmt: skip
VOUCHER_LABELS = {
    "reg": "Hourly", "salary": "Salary", "ot": "Overtime (x1.5) hourly", "hol": "Holiday Hourly",
    "fed": "Federal Withholding", "ss": "Social Security Employee", "med": "Medicare Employee",
    "state": "{st} - Withholding", "sdi": "{st} - Disability Employee",
}  # fmt: skip


def label_items(
    rng: random.Random, payroll: Payroll, city: str, overrides: dict[str, str] | None = None
) -> None:
    for item in payroll.items:
        template = (overrides or {}).get(item.key) or rng.choice(BASE_LABELS[item.key])
        item.label = template.format(st=payroll.state, city=city)


# ---------------------------------------------------------------- one stub's shared state


@dataclass
class Stub:
    rng: random.Random
    person: Person
    name_style: str
    home: Address
    company: Company
    payroll: Payroll
    ssn4: str
    show_ssn: bool
    show_address: bool
    date_style: str
    font: str
    bold: str
    size: float
    margin: float
    width: float = 612.0
    height: float = 792.0
    employee_id: str = ""
    check_number: str = ""
    ssn_text: str = ""
    freq_text: str = ""
    deposits: list[tuple[str, str, Decimal]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def d(self, value: date) -> str:
        return fmt_date(value, self.date_style)

    @property
    def name(self) -> str:
        return self.person.show(self.name_style)

    @property
    def lead(self) -> float:
        return self.size * 1.3


FONTS = (
    ("Helvetica", "Helvetica-Bold"),
    ("Times-Roman", "Times-Bold"),
    ("Courier", "Courier-Bold"),
)


def _deposits(rng: random.Random, net: Decimal) -> list[tuple[str, str, Decimal]]:
    """(account type, masked number, amount) splitting net pay over one or two accounts."""
    checking = mask_account(rng, digits(rng, 4))
    if rng.random() < 0.6 or net < 200:
        return [("Checking", checking, net)]
    savings = Decimal(rng.choice((25, 50, 100, 150)))
    return [
        ("Checking", checking, net - savings),
        ("Savings", mask_account(rng, digits(rng, 4)), savings),
    ]


def _new_stub(rng: random.Random, layout: str, name_styles: Sequence[str]) -> Stub:
    hospital = layout == "workday_two_column"
    company = make_company(rng, HOSPITALS if hospital else COMPANY_NAMES)
    home = make_address(rng)
    frequency = rng.choice(("weekly", "biweekly", "biweekly", "semimonthly", "monthly"))
    payroll = simulate_payroll(
        rng, frequency, rng.randint(2021, 2025), home.state, hospital=hospital
    )
    fonts = FONTS[0] if rng.random() < 0.7 else FONTS[1]
    if layout == "accounting_software_voucher" and rng.random() < 0.5:
        fonts = FONTS[2]
    ssn4 = digits(rng, 4)
    return Stub(
        rng=rng,
        person=make_person(rng),
        name_style=rng.choice(name_styles),
        home=home,
        company=company,
        payroll=payroll,
        ssn4=ssn4,
        show_ssn=layout != "workday_two_column" and rng.random() < 0.6,
        show_address=rng.random() < 0.75,
        date_style=rng.choice(DATE_STYLES),
        font=fonts[0],
        bold=fonts[1],
        size=rng.choice((8.0, 8.5, 9.0)),
        margin=rng.uniform(30, 44),
        employee_id=digits(rng, rng.choice((5, 6, 7))),
        check_number=str(rng.randint(1000, 999999)),
        ssn_text=mask_ssn(rng, ssn4),
        freq_text=rng.choice(FREQUENCY_WORDS[frequency]),
        deposits=_deposits(rng, payroll.net),
    )


def _m(value: Decimal, style: str = "comma") -> str:
    return money(value, style)


def _hours(value: Decimal | None) -> str:
    return f"{value:.2f}" if value else ""


def _rate(value: Decimal | None, places: int = 2) -> str:
    return f"{value:,.{places}f}" if value is not None else ""


# ---------------------------------------------------------------- ADP earnings statement


def _adp_header(s: Stub, c: Canvas) -> float:
    m, top, fs = s.margin, s.height - s.margin, s.size
    codes = ("CO.", "FILE", "DEPT.", "CLOCK", "VCHR. NO.")
    values = (
        "".join(s.rng.choice("ABCDEFGHKLMNPRTWXZ") for _ in range(3)),
        s.employee_id[:6],
        digits(s.rng, 6),
        digits(s.rng, 4),
        digits(s.rng, 7),
    )
    x = m
    for code, value in zip(codes, values, strict=True):
        put(c, x, top, code, s.font, 7)
        put(c, x, top - 9, value, s.font, 7.5)
        x += 52
    y = top - 26
    put(c, m, y, s.company.name, s.bold, fs + 1)
    for line in s.company.address.lines():
        y -= s.lead
        put(c, m, y, line, s.font, fs)
    right = s.width - m
    put(c, right, top - 6, "Earnings Statement", s.bold, s.rng.choice((14.0, 15.0, 16.0)), "r")
    labels = s.rng.choice(
        (
            ("Period Beginning:", "Period Ending:", "Pay Date:"),
            ("Period Start Date:", "Period End Date:", "Pay Date:"),
            ("Pay Period Begin:", "Pay Period End:", "Check Date:"),
        )
    )
    p = s.payroll.period
    rows = list(zip(labels, (s.d(p.start), s.d(p.end), s.d(p.pay)), strict=True))
    if s.rng.random() < 0.35:
        rows.append(("Pay Frequency:", s.freq_text))
    ry = top - 28
    for label, value in rows:
        put(c, right - 180, ry, label, s.font, fs)
        put(c, right, ry, value, s.font, fs, "r")
        ry -= s.lead
    return min(y, ry) - 1.5 * s.lead


def _adp_identity(s: Stub, c: Canvas, y: float) -> float:
    m, fs, lead = s.margin, s.size, s.lead
    status = s.rng.choice(("Single", "Married", "Married Filing Jointly", "Head of Household"))
    left = [f"Taxable Marital Status: {status}", "Exemptions/Allowances:"]
    left += [
        f"    Federal:  {s.rng.randint(0, 4)}",
        f"    {s.payroll.state}:  {s.rng.randint(0, 3)}",
    ]
    if s.show_ssn:
        left.append(f"Social Security Number: {s.ssn_text}")
    for i, line in enumerate(left):
        put(c, m, y - i * lead, line, s.font, fs)
    x = s.width / 2 + 20
    put(c, x, y, s.name, s.bold, fs + 1)
    right = s.home.lines() if s.show_address else []
    for i, line in enumerate(right, start=1):
        put(
            c,
            x,
            y - i * (lead + 1),
            line.upper() if s.name_style.startswith("upper") else line,
            s.font,
            fs + 0.5,
        )
    return y - max(len(left), len(right) + 1) * lead - lead


def _adp_table(s: Stub, c: Canvas, y: float) -> float:
    m, fs, lead = s.margin, s.size, s.lead
    cols = columns(m, (120, 48, 42, 60, 64), "lrrrr")
    draw_row(c, y, cols, ("Earnings", "rate", "hours", "this period", "year to date"), s.bold, fs)
    rule(c, m, cols[-1].x + cols[-1].width, y - 3)
    y -= lead + 2
    for item in s.payroll.of("earning"):
        rate = _rate(item.rate, 4) if s.payroll.hourly else ""
        current = _m(item.current) if item.current else ""
        row = (
            item.label,
            rate if item.current else "",
            _hours(item.current_hours) if item.current else "",
            current,
            _m(item.ytd),
        )
        draw_row(c, y, cols, row, s.font, fs)
        y -= lead
    gross = ("Gross Pay", "", "", _m(s.payroll.gross, "dollar"), _m(s.payroll.gross_ytd))
    draw_row(c, y - 2, cols, gross, s.bold, fs)
    y -= 2 * lead + 2
    for title, kinds in (("Statutory", ("tax",)), ("Other", ("pre", "post"))):
        put(c, m, y, "Deductions" if title == "Statutory" else "", s.bold, fs)
        put(c, m + 70, y, title, s.bold, fs)
        y -= lead
        for item in s.payroll.of(*kinds):
            mark = "*" if item.kind == "pre" and item.key != "401k" else ""
            row = (
                item.label + mark,
                "",
                "",
                _m(-item.current) if item.current else "",
                _m(item.ytd),
            )
            draw_row(c, y, cols, row, s.font, fs)
            y -= lead
    y -= 2
    draw_row(c, y, cols, ("Net Pay", "", "", _m(s.payroll.net, "dollar"), ""), s.bold, fs)
    y -= lead
    for kind, _, amount in s.deposits:
        draw_row(
            c,
            y,
            cols,
            (f"{kind} {s.rng.choice(('1', ''))}".strip(), "", "", _m(-amount), ""),
            s.font,
            fs,
        )
        y -= lead
    draw_row(c, y, cols, ("Net Check", "", "", "$0.00", ""), s.font, fs)
    y -= lead
    if any(item.kind == "pre" and item.key != "401k" for item in s.payroll.items):
        put(c, m, y - 2, "* Excluded from federal taxable wages", s.font, fs - 0.5)
        y -= lead
    return y


def _adp_side(s: Stub, c: Canvas, y: float) -> None:
    x0, x1, fs, lead = s.margin + 346, s.width - s.margin, s.size - 0.5, s.size * 1.3
    cols = [Col(x0, x1 - x0 - 100), Col(x1 - 100, 46, "r"), Col(x1 - 54, 54, "r")]
    put(c, x0 + 3, y, "Other Benefits and", s.bold, fs + 0.5)
    y -= lead
    draw_row(c, y, cols, ("Information", "this period", "total to date"), s.bold, fs)
    rule(c, x0, x1, y - 3)
    y -= lead + 2
    rows = [("Totl Hrs Worked", _hours(s.payroll.hours()), _hours(s.payroll.hours(ytd=True)))]
    rows += [(item.label, _m(item.current), _m(item.ytd)) for item in s.payroll.of("employer")]
    rows.append(("Vacation Avail", "", f"{s.rng.randint(4, 160)}.00"))
    for row in rows:
        draw_row(c, y, cols, row, s.font, fs)
        y -= lead
    y -= lead
    put(c, x0 + 3, y, "Important Notes", s.bold, fs + 0.5)
    basis = "HOURLY" if s.payroll.hourly else "SALARIED"
    note = (
        f"BASIS OF PAY: {basis}. YOUR FEDERAL TAXABLE WAGES THIS PERIOD ARE "
        f"{_m(s.payroll.taxable(), 'dollar')}"
    )
    for line in wrap(note, s.font, fs, x1 - x0 - 6):
        y -= lead
        put(c, x0 + 3, y, line, s.font, fs)


def _adp_advice(s: Stub, c: Canvas) -> None:
    m, fs, lead, right = s.margin, s.size, s.lead, s.width - s.margin
    top = m + 150
    dashed_rule(c, m, right, top + 14)
    put(c, m, top, s.company.name, s.bold, fs + 0.5)
    for i, line in enumerate(s.company.address.lines(), start=1):
        put(c, m, top - i * lead, line, s.font, fs)
    put(c, right - 170, top, "Advice number:", s.font, fs)
    put(c, right, top, f"{s.rng.randint(10**9, 10**10 - 1):011d}", s.font, fs, "r")
    put(c, right - 170, top - lead, "Pay date:", s.font, fs)
    put(c, right, top - lead, s.d(s.payroll.period.pay), s.font, fs, "r")
    y = top - 4 * lead
    put(c, m, y, "Deposited to the account of", s.font, fs)
    cols = [Col(right - 260, 90), Col(right - 170, 80), Col(right - 90, 90, "r")]
    draw_row(c, y, cols, ("account number", "transit ABA", "amount"), s.font, fs)
    y -= lead
    put(c, m, y, s.name, s.bold, fs)
    for _, masked, amount in s.deposits:
        draw_row(c, y, cols, (masked, "xxxx xxxx", _m(amount, "dollar")), s.font, fs)
        y -= lead
    put(c, s.width / 2, m + 10, "N O N - N E G O T I A B L E", s.bold, 11, "c")


def _adp(s: Stub, c: Canvas) -> None:
    y = _adp_header(s, c)
    y = _adp_identity(s, c, y)
    _adp_side(s, c, y)
    end = _adp_table(s, c, y)
    if end > s.margin + 185:
        _adp_advice(s, c)
    else:
        s.notes.append("no deposit advice")


# ---------------------------------------------------------------- Paychex-style check and stub


def _check(s: Stub, c: Canvas, top: float) -> None:
    """A live pay check for net pay, 250 pt tall, below ``top``."""
    m, fs, right = s.margin, s.size, s.width - s.margin
    put(c, m, top - 14, s.company.name, s.bold, fs + 2)
    for i, line in enumerate(s.company.address.lines(), start=1):
        put(c, m, top - 14 - i * (fs + 2), line, s.font, fs)
    bank = s.rng.choice(BANKS)
    put(c, s.width / 2 + 30, top - 14, bank, s.bold, fs, "c")
    put(
        c,
        s.width / 2 + 30,
        top - 14 - fs - 2,
        f"{s.rng.randint(10, 99)}-{s.rng.randint(100, 9999)}/{s.rng.randint(100, 999)}",
        s.font,
        fs - 1,
        "c",
    )
    put(c, right, top - 14, f"No. {s.check_number}", s.bold, fs + 1, "r")
    put(c, right - 150, top - 58, "Date", s.font, fs)
    put(c, right, top - 58, s.d(s.payroll.period.pay), s.font, fs + 1, "r")
    c.setLineWidth(0.8)
    c.rect(right - 120, top - 92, 120, 20, stroke=1, fill=0)
    stars = "*" * max(3, 10 - len(_m(s.payroll.net)))
    put(c, right - 5, top - 86, f"${stars}{_m(s.payroll.net)}", "Courier-Bold", 10, "r")
    put(c, m, top - 86, "PAY", s.bold, fs)
    words = f"*** {amount_words(s.payroll.net)} Dollars ***"
    put(c, m + 30, top - 86, words, s.font, fitted(words, s.font, fs + 0.5, right - m - 160))
    put(
        c,
        m,
        top - 118,
        s.rng.choice(("TO THE ORDER OF", "Pay to the order of:", "PAY TO THE ORDER OF")),
        s.font,
        7,
    )
    put(c, m + 100, top - 118, s.name, s.bold, fs + 1)
    for i, line in enumerate(s.home.lines() if s.show_address else [], start=1):
        put(c, m + 100, top - 118 - i * (fs + 3), line, s.font, fs)
    put(c, right - 200, top - 150, "VOID AFTER 90 DAYS", s.font, fs - 1)
    rule(c, right - 200, right, top - 185)
    put(c, right - 100, top - 196, "AUTHORIZED SIGNATURE", s.font, fs - 1.5, "c")
    micr = f"C{s.check_number.zfill(6)}C  A{digits(s.rng, 9)}A  {digits(s.rng, 10)}C"
    put(c, s.width / 2, top - 232, micr, "Courier", 11, "c")


def _paychex_info(s: Stub, c: Canvas, y: float) -> float:
    m, fs = s.margin, s.size
    unit = (s.width - 2 * m) / 6
    p = s.payroll.period
    ssn = s.ssn_text if s.show_ssn else ""
    row1 = [
        ("Employee", s.name),
        ("Employee ID", s.employee_id),
        ("SSN" if ssn else "Dept", ssn or digits(s.rng, 3)),
        ("Check Date", s.d(p.pay)),
        ("Check No.", s.check_number),
    ]
    freq = s.freq_text if s.rng.random() < 0.5 else ""
    row2 = [
        ("", ""),
        (s.rng.choice(("Period Start", "Period Beginning")), s.d(p.start)),
        (s.rng.choice(("Period End", "Period Ending")), s.d(p.end)),
        ("Pay Frequency" if freq else "Location", freq or s.company.address.city),
        ("Rate", _rate(s.payroll.rate)),
    ]
    for row in (row1, row2):
        x = m
        for i, (label, value) in enumerate(row):
            width = unit * (2 if i == 0 else 1)
            put(c, x + 2, y, label, s.font, fs - 1.5)
            font = s.bold if i == 0 else s.font
            put(c, x + 2, y - fs - 1, value, font, fitted(value, font, fs, width - 6))
            x += width
        y -= 2 * fs + 8
    if s.show_address:
        put(c, m + 2, y + 2 * fs + 8, s.home.lines()[0], s.font, fs - 0.5)
        put(c, m + 2, y + fs + 6, s.home.lines()[1], s.font, fs - 0.5)
    return y - 4


def _paychex_tables(s: Stub, c: Canvas, y: float) -> float:
    m, fs = s.margin, s.size
    fonts = (s.font, s.bold)
    half = (s.width - 2 * m - 14) / 2
    left = columns(m, (half - 178, 42, 38, 48, 50), "lrrrr")
    rows = [["Earnings", "Rate", "Hours", "Current", "YTD"]]
    for item in s.payroll.of("earning"):
        rate = _rate(item.rate) if s.payroll.hourly and item.current else ""
        rows.append(
            [
                item.label,
                rate,
                _hours(item.current_hours) if item.current else "",
                _m(item.current) if item.current else "",
                _m(item.ytd),
            ]
        )
    rows.append(
        [
            "Gross Earnings",
            "",
            _hours(s.payroll.hours()),
            _m(s.payroll.gross),
            _m(s.payroll.gross_ytd),
        ]
    )
    end_left = grid(c, y, left, rows, fonts, fs - 0.5, border=False)
    right = columns(m + half + 14, (half - 110, 55, 55), "lrr")
    yr = y
    for title, kinds in (("Withholdings", ("tax",)), ("Deductions", ("pre", "post"))):
        items = s.payroll.of(*kinds)
        if items:
            table = [[title, "Current", "YTD"]] + [
                [i.label, _m(i.current), _m(i.ytd)] for i in items
            ]
            yr = grid(c, yr, right, table, fonts, fs - 0.5, border=False) - 6
    return min(end_left, yr) - 8


def _paychex_summary(s: Stub, c: Canvas, y: float) -> float:
    m, p = s.margin, s.payroll
    cols = columns(m, [(s.width - 2 * m) / 5] * 5, "lrrrr")
    rows = [
        ["", "Gross Pay", "Taxes", "Deductions", "Net Pay"],
        ["Current", _m(p.gross), _m(p.current("tax")), _m(p.current("pre", "post")), _m(p.net)],
        ["YTD", _m(p.gross_ytd), _m(p.ytd("tax")), _m(p.ytd("pre", "post")), _m(p.net_ytd)],
    ]
    y = grid(c, y, cols, rows, (s.font, s.bold), s.size)
    for kind, masked, amount in s.deposits if s.rng.random() < 0.5 else []:
        y -= s.lead
        put(
            c, m, y, f"Direct Deposit {kind} {masked}  {_m(amount, 'dollar')}", s.font, s.size - 0.5
        )
    return y


def _paychex(s: Stub, c: Canvas) -> None:
    m, right = s.margin, s.width - s.margin
    check_top = s.rng.random() < 0.5
    title = s.rng.choice(("Earnings Statement", "Payroll Statement", "EMPLOYEE PAY STUB"))
    if check_top:
        _check(s, c, s.height - m)
        perforation = s.height - m - 262
        y = perforation - 24
    else:
        perforation = m + 262
        _check(s, c, perforation - 12)
        y = s.height - m - 10
    dashed_rule(c, m, right, perforation)
    put(
        c,
        s.width / 2,
        perforation + 3,
        "DETACH AND RETAIN THIS STATEMENT FOR YOUR RECORDS",
        s.font,
        6.5,
        "c",
    )
    put(c, m, y, s.company.name, s.bold, s.size + 2)
    put(c, right, y, title, s.bold, s.size + 2, "r")
    y = _paychex_info(s, c, y - 2.2 * s.lead)
    y = _paychex_tables(s, c, y)
    _paychex_summary(s, c, y)


# ---------------------------------------------------------------- Gusto / QuickBooks Online


class Flow:
    """A top-down cursor that starts a new page when a block would cross the bottom margin."""

    def __init__(self, s: Stub, c: Canvas, running_head: str) -> None:
        self.s, self.c, self.head = s, c, running_head
        self.y = s.height - s.margin
        self.page = 1

    def need(self, height: float) -> None:
        if self.y - height < self.s.margin + 20:
            self.c.showPage()
            self.page += 1
            self.y = self.s.height - self.s.margin
            put(self.c, self.s.margin, self.y, f"{self.head} (continued)", self.s.font, self.s.size)
            put(
                self.c,
                self.s.width - self.s.margin,
                self.y,
                f"Page {self.page}",
                self.s.font,
                self.s.size,
                "r",
            )
            self.y -= 2 * self.s.lead


def _gusto_header(s: Stub, c: Canvas, y: float) -> float:
    m, fs, right = s.margin, s.size, s.width - s.margin
    put(c, m, y, s.company.name, s.bold, 14)
    put(c, right, y, s.rng.choice(("Employee Pay Stub", "Pay Stub", "Paystub")), s.bold, 12, "r")
    for i, line in enumerate(s.company.address.lines(), start=1):
        put(c, m, y - 4 - i * s.lead, line, s.font, fs)
    y -= 4 * s.lead + 10
    put(c, m, y, "Employee", s.bold, fs)
    lines = [s.name] + (s.home.lines() if s.show_address else [])
    if s.show_ssn:
        lines.append(s.ssn_text)
    for i, line in enumerate(lines, start=1):
        put(c, m, y - i * s.lead, line, s.font, fs)
    p = s.payroll.period
    sep = s.rng.choice((" - ", " to ", " \u2013 "))
    info = [
        ("Pay period", f"{s.d(p.start)}{sep}{s.d(p.end)}"),
        (s.rng.choice(("Pay Day", "Pay Date", "Check Date")), s.d(p.pay)),
    ]
    if s.rng.random() < 0.5:
        info.append(("Pay Schedule", s.freq_text))
    info.append(("Employee ID", s.employee_id))
    x = s.width / 2 + 10
    put(c, x, y, "Details", s.bold, fs)
    for i, (label, value) in enumerate(info, start=1):
        put(c, x, y - i * s.lead, label, s.font, fs)
        put(c, x + 80, y - i * s.lead, value, s.font, fs)
    return y - (max(len(lines), len(info)) + 2) * s.lead


def _gusto_summary(s: Stub, c: Canvas, y: float) -> float:
    m, p, fonts = s.margin, s.payroll, (s.font, s.bold)
    width = s.width - 2 * m
    money_style = s.rng.choice(("dollar", "comma"))
    pairs = [
        ("Gross Pay", p.gross, p.gross_ytd),
        ("Pre-Tax Deductions", p.current("pre"), p.ytd("pre")),
        ("Taxes", p.current("tax"), p.ytd("tax")),
        ("Post-Tax Deductions", p.current("post"), p.ytd("post")),
        ("Net Pay", p.net, p.net_ytd),
    ]
    if s.rng.random() < 0.5:
        s.notes.append("summary grid by rows")
        cols = columns(m, (width * 0.4, width * 0.3, width * 0.3), "lrr")
        rows = [["Summary", "Current", "Year-To-Date"]]
        rows += [
            [label, money(cur, money_style), money(ytd, money_style)] for label, cur, ytd in pairs
        ]
    else:
        s.notes.append("summary grid by columns")
        cols = columns(m, [width * 0.12] + [width * 0.176] * 5, "lrrrrr")
        rows = [[""] + [label for label, _, _ in pairs]]
        rows.append(["Current"] + [money(cur, money_style) for _, cur, _ in pairs])
        rows.append(["YTD"] + [money(ytd, money_style) for _, _, ytd in pairs])
    return grid(c, y, cols, rows, fonts, s.size, fill=0.82) - 14


def _gusto_sections(s: Stub) -> list[tuple[str, list[str], str, list[list[str]]]]:
    p = s.payroll
    earnings = [
        [
            i.label,
            _rate(i.rate) if p.hourly and i.current else "",
            _hours(i.current_hours) if i.current else "",
            _m(i.current),
            _m(i.ytd),
        ]
        for i in p.of("earning")
    ]
    earnings.append(["Total", "", _hours(p.hours()), _m(p.gross), _m(p.gross_ytd)])
    sections = [
        (
            "Employee Gross Earnings",
            ["Description", "Rate", "Hours", "Current", "Year-To-Date"],
            "lrrrr",
            earnings,
        )
    ]
    for title, kinds in (
        ("Employee Taxes Withheld", ("tax",)),
        ("Employee Deductions", ("pre", "post")),
        ("Employer Tax", ("employer_tax",)),
        ("Employer Contributions", ("employer",)),
    ):
        rows = [
            [
                i.label,
                "Pre-Tax" if i.kind == "pre" else ("Post-Tax" if i.kind == "post" else ""),
                _m(i.current),
                _m(i.ytd),
            ]
            for i in p.of(*kinds)
        ]
        if rows:
            sections.append(
                (
                    title,
                    [
                        "Description",
                        "Type" if "Deductions" in title else "",
                        "Current",
                        "Year-To-Date",
                    ],
                    "llrr",
                    rows,
                )
            )
    return sections


def _gusto(s: Stub, c: Canvas) -> None:
    flow = Flow(s, c, f"{s.name} - {s.d(s.payroll.period.pay)}")
    flow.y = _gusto_header(s, c, flow.y)
    flow.y = _gusto_summary(s, c, flow.y)
    width = s.width - 2 * s.margin
    for title, head, aligns, rows in _gusto_sections(s):
        flow.need((len(rows) + 2) * s.size * 1.65 + 20)
        put(c, s.margin, flow.y, title, s.bold, s.size + 1.5)
        shares = (0.4, 0.15, 0.15, 0.15, 0.15) if len(head) == 5 else (0.4, 0.2, 0.2, 0.2)
        cols = columns(s.margin, [width * share for share in shares], aligns)
        flow.y = (
            grid(
                c,
                flow.y - 6,
                cols,
                [head, *rows],
                (s.font, s.bold),
                s.size,
                border=False,
                fill=0.92,
            )
            - 14
        )
    deposits = s.deposits
    flow.need((len(deposits) + 2) * s.lead + 20)
    put(c, s.margin, flow.y, "Net Pay Distribution", s.bold, s.size + 1.5)
    for kind, masked, amount in deposits:
        flow.y -= s.lead + 2
        put(c, s.margin, flow.y, f"Direct Deposit - {kind} {masked}", s.font, s.size)
        put(c, s.width - s.margin, flow.y, _m(amount, "dollar"), s.font, s.size, "r")
    s.notes.append(f"{flow.page} page(s)")


# ---------------------------------------------------------------- Workday hospital payslip


def _workday_top(s: Stub, c: Canvas, y: float) -> float:
    m, fs, width, p = s.margin, s.size, s.width - 2 * s.margin, s.payroll
    put(c, m, y, s.company.name, s.bold, fs + 3)
    put(
        c,
        s.width - m,
        y,
        s.rng.choice(("Pay Slip", "Payslip", "Earnings Statement")),
        s.bold,
        fs + 3,
        "r",
    )
    y -= fs + 4
    put(c, m, y, s.company.address.one_line(), s.font, fs - 0.5)
    if s.show_address:
        y -= 2 * s.lead
        for line in [s.name, *s.home.lines()]:
            put(c, m + 24, y, line, s.font, fs)
            y -= s.lead
    y -= 10
    fonts = (s.font, s.bold)
    cols = columns(m, [width * 0.28] + [width * 0.12] * 6, "lllllll")
    head = [
        "Name",
        "Employee ID",
        "Pay Period Begin",
        "Pay Period End",
        "Check Date",
        "Check Number",
        "Pay Group",
    ]
    values = [
        s.name,
        s.employee_id,
        s.d(p.period.start),
        s.d(p.period.end),
        s.d(p.period.pay),
        s.check_number,
        s.freq_text
        if s.rng.random() < 0.5
        else s.rng.choice(("RN-HOURLY", "Nursing", "Clinical", "Admin")),
    ]
    y = grid(c, y, cols, [head, values], fonts, fs - 0.5) - 8
    cols = columns(m, [width * 0.16] + [width * 0.14] * 6, "lrrrrrr")
    head = [
        "",
        "Hours Worked",
        "Gross Pay",
        "Pre Tax Deductions",
        "Employee Taxes",
        "Post Tax Deductions",
        "Net Pay",
    ]
    rows = [head] + [
        [
            label,
            _hours(p.hours(ytd)),
            _m(p.gross_ytd if ytd else p.gross),
            _m(p.ytd("pre") if ytd else p.current("pre")),
            _m(p.ytd("tax") if ytd else p.current("tax")),
            _m(p.ytd("post") if ytd else p.current("post")),
            _m(p.net_ytd if ytd else p.net),
        ]
        for label, ytd in (("Current", False), ("YTD", True))
    ]
    return grid(c, y, cols, rows, fonts, fs - 0.5) - 12


def _workday_earnings(s: Stub, c: Canvas, y: float) -> float:
    m, fs, width, p = s.margin, s.size, s.width - 2 * s.margin, s.payroll
    put(c, m, y, "Earnings", s.bold, fs + 0.5)
    cols = columns(
        m,
        [width * 0.26, width * 0.26, width * 0.1, width * 0.12, width * 0.13, width * 0.13],
        "llrrrr",
    )
    dates = f"{s.d(p.period.start)} - {s.d(p.period.end)}"
    rows = [["Description", "Dates", "Hours", "Rate", "Amount", "YTD"]]
    for item in p.of("earning"):
        if item.current:
            rows.append(
                [
                    item.label,
                    dates,
                    _hours(item.current_hours),
                    _rate(item.rate, 4) if item.rate and p.hourly else "",
                    _m(item.current),
                    _m(item.ytd),
                ]
            )
        else:
            rows.append([item.label, "", "", "", "", _m(item.ytd)])
    rows.append(["Earnings", "", _hours(p.hours()), "", _m(p.gross), _m(p.gross_ytd)])
    return grid(c, y - 4, cols, rows, (s.font, s.bold), fs - 0.5) - 12


Block = tuple[str, list[str], list[list[str]]]


def _workday_pair(s: Stub, c: Canvas, y: float, blocks: tuple[Block, Block]) -> float:
    """Two small tables side by side; returns the y below the taller."""
    m, fs = s.margin, s.size
    half = (s.width - 2 * m - 12) / 2
    lows = []
    for index, (title, head, rows) in enumerate(blocks):
        x = m + index * (half + 12)
        put(c, x, y, title, s.bold, fs + 0.5)
        cols = columns(x, (half * 0.5, half * 0.25, half * 0.25), "lrr")
        lows.append(grid(c, y - 4, cols, [head, *rows], (s.font, s.bold), fs - 0.5))
    return min(lows) - 12


def _workday(s: Stub, c: Canvas) -> None:
    p = s.payroll
    flow = Flow(s, c, f"{s.name} Payslip {s.d(p.period.pay)}")
    flow.y = _workday_top(s, c, flow.y)
    flow.y = _workday_earnings(s, c, flow.y)

    def rows(*kinds: str) -> list[list[str]]:
        return [[i.label, _m(i.current), _m(i.ytd)] for i in p.of(*kinds)] or [
            ["None", "0.00", "0.00"]
        ]

    fica = p.gross - p.current("pre") + p.current("401k")
    fica_ytd = p.gross_ytd - p.ytd("pre") + p.ytd("401k")
    taxable = [
        ["OASDI - Taxable Wages", _m(fica), _m(fica_ytd)],
        ["Medicare - Taxable Wages", _m(fica), _m(fica_ytd)],
        ["Federal Withholding - Taxable Wages", _m(p.taxable()), _m(p.taxable(ytd=True))],
    ]
    status = s.rng.choice(("Single", "Married", "Head of Household"))
    withholding = [
        ["Marital Status", status, status],
        ["Allowances", str(s.rng.randint(0, 3)), str(s.rng.randint(0, 3))],
        ["Additional Withholding", "0.00", "0.00"],
    ]
    head = ["Description", "Amount", "YTD"]
    pairs: list[tuple[Block, Block]] = [
        (("Employee Taxes", head, rows("tax")), ("Pre Tax Deductions", head, rows("pre"))),
        (
            ("Post Tax Deductions", head, rows("post")),
            ("Employer Paid Benefits", head, rows("employer")),
        ),
        (("Taxable Wages", head, taxable), ("Withholding", ["", "Federal", "State"], withholding)),
    ]
    for pair in pairs:
        flow.need((max(len(pair[0][2]), len(pair[1][2])) + 2) * s.size * 1.65 + 20)
        flow.y = _workday_pair(s, c, flow.y, pair)
    flow.need(5 * s.size * 1.65 + 20)
    put(c, s.margin, flow.y, "Payment Information", s.bold, s.size + 0.5)
    width = s.width - 2 * s.margin
    cols = columns(s.margin, [width * 0.3, width * 0.25, width * 0.25, width * 0.2], "lllr")
    bank = s.rng.choice(BANKS)
    table = [["Bank", "Account Name", "Account Number", "USD Amount"]]
    table += [[bank, f"{bank} {kind}", masked, _m(amount)] for kind, masked, amount in s.deposits]
    flow.y = grid(c, flow.y - 4, cols, table, (s.font, s.bold), s.size - 0.5)
    s.notes.append(f"{flow.page} page(s)")


# ---------------------------------------------------------------- accounting software voucher


def _clock(hours: Decimal | None) -> str:
    if not hours:
        return ""
    minutes = int((hours * 60).to_integral_value(ROUND_HALF_UP))
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class VoucherChoices:
    """What both copies of a voucher print alike."""

    clock: bool
    status: str
    allowances: str
    frequency: str
    labelled: bool
    balances: str


def _voucher_choices(s: Stub) -> VoucherChoices:
    allowances = f"Fed-{s.rng.randint(0, 3)}/0/{s.payroll.state}-{s.rng.randint(0, 3)}"
    sick, vacation = s.rng.randint(0, 80), s.rng.randint(0, 120)
    balances = f"Sick Available: {sick}:00     Vacation Available: {vacation}:00"
    return VoucherChoices(
        clock=s.rng.random() < 0.6,
        status=s.rng.choice(("Single", "Married")),
        allowances=allowances,
        frequency=f"   Pay Frequency: {s.freq_text}" if s.rng.random() < 0.4 else "",
        labelled=s.rng.random() < 0.5,
        balances=balances,
    )


def _voucher_copy(s: Stub, c: Canvas, y: float, copy: str, v: VoucherChoices) -> float:
    m, fs, p, right = s.margin, s.size, s.payroll, s.width - s.margin
    put(c, m, y, s.company.name, s.bold, fs + 1)
    put(c, right, y, copy, s.font, fs - 0.5, "r")
    y -= 1.6 * s.lead
    cols = columns(m, (170, 90, 110, right - m - 370), "llll")
    head = ["Employee", "SSN" if s.show_ssn else "Emp #", "Status (Fed/State)", "Allowances/Extra"]
    draw_row(c, y, cols, head, s.bold, fs)
    y -= s.lead
    ssn = s.ssn_text if s.show_ssn else s.employee_id
    draw_row(c, y, cols, [s.name, ssn, f"{v.status}/{v.status}", v.allowances], s.font, fs)
    for line in s.home.lines() if s.show_address else []:
        y -= s.lead
        put(c, m + 3, y, line, s.font, fs)
    y -= 1.6 * s.lead
    per = p.period
    line = (
        f"Pay Period: {s.d(per.start)} - {s.d(per.end)}   Pay Date: {s.d(per.pay)}   "
        f"Check No: {s.check_number}{v.frequency}"
    )
    put(c, m, y, line, s.font, fitted(line, s.font, fs, right - m))
    y -= 1.6 * s.lead
    cols = columns(m, (200, 70, 70, 90, right - m - 430), "lrrrr")
    draw_row(c, y, cols, ["Earnings and Hours", "Qty", "Rate", "Current", "YTD Amount"], s.bold, fs)
    rule(c, m, right, y - 3)
    for item in p.of("earning"):
        y -= s.lead
        qty = _clock(item.current_hours) if v.clock else _hours(item.current_hours)
        rate = _rate(item.rate) if p.hourly and item.rate and item.current else ""
        draw_row(
            c,
            y,
            cols,
            [item.label, qty if item.current else "", rate, _m(item.current), _m(item.ytd)],
            s.font,
            fs,
        )
    y -= s.lead
    total_hours = _clock(p.hours()) if v.clock else _hours(p.hours())
    draw_row(
        c,
        y,
        cols,
        ["Gross Pay" if v.labelled else "", total_hours, "", _m(p.gross), _m(p.gross_ytd)],
        s.bold,
        fs,
    )
    for title, kinds in (("Taxes", ("tax",)), ("Adjustments to Net Pay", ("pre", "post"))):
        y -= 1.4 * s.lead
        draw_row(c, y, cols, [title, "", "", "Current", "YTD Amount"], s.bold, fs)
        for item in p.of(*kinds):
            y -= s.lead
            draw_row(c, y, cols, [item.label, "", "", _m(-item.current), _m(-item.ytd)], s.font, fs)
    y -= 1.4 * s.lead
    draw_row(c, y, cols, ["Net Pay", "", "", _m(p.net), _m(p.net_ytd)], s.bold, fs)
    y -= 1.4 * s.lead
    put(c, m, y, v.balances, s.font, fs - 0.5)
    return y


def _voucher(s: Stub, c: Canvas) -> None:
    choices = _voucher_choices(s)
    if not choices.labelled:
        s.notes.append("gross total row unlabelled")
    lines = 16 + len(s.payroll.of("earning", "tax", "pre", "post")) + (2 if s.show_address else 0)
    twice = lines * s.lead * 2 + 60 < s.height - 2 * s.margin and s.rng.random() < 0.6
    y = s.height - s.margin
    if twice:
        s.notes.append("voucher printed twice")
        end = _voucher_copy(s, c, y, "Employee Copy", choices)
        dashed_rule(c, s.margin, s.width - s.margin, end - 14)
        _voucher_copy(s, c, end - 34, "Employer Copy", choices)
    else:
        _voucher_copy(s, c, y, "Pay Stub Detail", choices)


# ---------------------------------------------------------------- build

NAME_STYLES = {
    "adp_earnings_statement": ("upper", "natural"),
    "paychex_check_stub": ("upper", "natural", "upper_last_first"),
    "gusto_online_summary": ("natural", "natural", "last_first"),
    "workday_two_column": ("natural", "last_first", "upper_last_first"),
    "accounting_software_voucher": ("upper_last_first", "last_first", "natural", "upper"),
}
LABEL_OVERRIDES = {
    "workday_two_column": WORKDAY_LABELS,
    "accounting_software_voucher": VOUCHER_LABELS,
}
DRAWERS = {
    "adp_earnings_statement": _adp,
    "paychex_check_stub": _paychex,
    "gusto_online_summary": _gusto,
    "workday_two_column": _workday,
    "accounting_software_voucher": _voucher,
}
TRAPS = {
    "adp_earnings_statement": "net pay, taxable wages in the notes and employer match near gross",
    "paychex_check_stub": "the check's amount (net pay, also in words) stands out most",
    "gusto_online_summary": "summary grid gives net pay and taxes by current/YTD; employer taxes",
    "workday_two_column": "summary gives gross beside net; taxable-wages table repeats near-gross",
    "accounting_software_voucher": "deductions negative in both columns; net pay has a YTD too",
}


def build(rng: random.Random, layout: str) -> WildDocument:
    if layout not in DRAWERS:
        raise ValueError(f"unknown paystub layout {layout!r}")
    s = _new_stub(rng, layout, NAME_STYLES[layout])
    city = s.home.city
    label_items(rng, s.payroll, city, LABEL_OVERRIDES.get(layout))
    buffer, c = new_canvas(rng, 0.08)
    s.width, s.height = c._pagesize
    c.setTitle(f"Pay statement {s.d(s.payroll.period.pay)}")
    DRAWERS[layout](s, c)
    c.showPage()
    c.save()
    p = s.payroll
    name = s.person.label()
    year = p.period.pay.year
    base = {
        "borrower": name,
        "year": year,
        "source_type": "paystub",
        "employer": s.company.name,
        "page": 1,
    }
    if len(p.periods) == 1:
        s.notes.append("first pay of the year: YTD equals current")
    if any(i.key == "bonus" and i.current for i in p.items):
        s.notes.append("bonus in the current period")
    return WildDocument(
        pdf=buffer.getvalue(),
        doc_type="paystub",
        borrowers=[
            {
                "name": name,
                "ssn_last4": s.ssn4 if s.show_ssn else None,
                "address": s.home.label() if s.show_address else None,
            }
        ],
        income_records=[
            {**base, "amount": str(cents(p.gross)), "period": p.frequency},
            {**base, "amount": str(cents(p.gross_ytd)), "period": "ytd"},
        ],
        notes=f"{p.frequency} pay stub; {TRAPS[layout]}; " + "; ".join(s.notes),
        text_size=s.size,
    )
