"""Drawing and cast helpers shared by the bazaar ``paystub`` and ``voe`` kinds (private)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.samples.bazaar.people import Address, Person, digits, make_address, make_person, ssn

FAMILIES: dict[str, tuple[str, str, str]] = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}

FREQUENCIES: dict[str, int] = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12}
FREQ_WORDS: dict[str, tuple[str, ...]] = {
    "weekly": ("Weekly", "WEEKLY", "Every Week"),
    "biweekly": ("Biweekly", "Bi-Weekly", "BI-WEEKLY", "Every Two Weeks"),
    "semimonthly": ("Semimonthly", "Semi-Monthly", "SEMI-MONTHLY", "Twice Monthly"),
    "monthly": ("Monthly", "MONTHLY"),
}


class Pen:
    """A reportlab canvas with one font family, a body size and small layout helpers."""

    def __init__(
        self, rng: random.Random, family: str | None = None, size: float | None = None
    ) -> None:
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=letter, invariant=1)
        self.family = family or rng.choice(sorted(FAMILIES))
        self.reg, self.bold, self.ital = FAMILIES[self.family]
        self.size = size if size is not None else rng.choice((7.5, 8.0, 8.5, 9.0, 9.5, 10.0))
        self.width, self.height = letter
        self.page = 1

    def face(self, bold: bool = False, italic: bool = False) -> str:
        return self.bold if bold else self.ital if italic else self.reg

    def text(
        self,
        x: float,
        y: float,
        s: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        width: float | None = None,
        gray: float = 0.0,
    ) -> float:
        """Draw ``s`` (shrunk to ``width`` when given); returns the width drawn."""
        font = self.face(bold, italic)
        sz = size if size is not None else self.size
        w = stringWidth(s, font, sz)
        if width is not None and w > width and w > 0:
            sz = max(5.0, sz * width / w)
            w = stringWidth(s, font, sz)
        self.c.setFont(font, sz)
        self.c.setFillGray(gray)
        if align == "right":
            self.c.drawRightString(x, y, s)
        elif align == "center":
            self.c.drawCentredString(x, y, s)
        else:
            self.c.drawString(x, y, s)
        self.c.setFillGray(0)
        return float(w)

    def width_of(self, s: str, size: float | None = None, bold: bool = False) -> float:
        return float(stringWidth(s, self.face(bold), size if size is not None else self.size))

    def wrap(
        self,
        x: float,
        y: float,
        s: str,
        width: float,
        *,
        size: float | None = None,
        leading: float | None = None,
        bold: bool = False,
        italic: bool = False,
        gray: float = 0.0,
    ) -> float:
        """Draw ``s`` wrapped to ``width``; returns the baseline below the last line."""
        sz = size if size is not None else self.size
        lead = leading if leading is not None else sz * 1.3
        font = self.face(bold, italic)
        line = ""
        for word in s.split():
            trial = f"{line} {word}".strip()
            if line and stringWidth(trial, font, sz) > width:
                self.text(x, y, line, size=sz, bold=bold, italic=italic, gray=gray)
                y -= lead
                line = word
            else:
                line = trial
        if line:
            self.text(x, y, line, size=sz, bold=bold, italic=italic, gray=gray)
            y -= lead
        return y

    def hline(self, x1: float, x2: float, y: float, w: float = 0.5, gray: float = 0.0) -> None:
        self.c.setLineWidth(w)
        self.c.setStrokeGray(gray)
        self.c.line(x1, y, x2, y)
        self.c.setStrokeGray(0)

    def vline(self, x: float, y1: float, y2: float, w: float = 0.5) -> None:
        self.c.setLineWidth(w)
        self.c.line(x, y1, x, y2)

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: float | None = None,
        stroke: bool = True,
        lw: float = 0.6,
    ) -> None:
        """A rectangle with its lower-left corner at (x, y)."""
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        self.c.setFillGray(0)

    def band(
        self, x: float, y: float, w: float, h: float, title: str, *, gray: float = 0.82
    ) -> None:
        """A shaded title band with ``title`` in bold."""
        self.box(x, y, w, h, fill=gray, stroke=False)
        self.text(x + 4, y + h / 2 - self.size * 0.35, title, bold=True, width=w - 8)

    def watermark(self, s: str) -> None:
        self.c.saveState()
        self.c.setFillGray(0.9)
        self.c.setFont(self.bold, 46)
        self.c.translate(self.width / 2, self.height / 2)
        self.c.rotate(35)
        self.c.drawCentredString(0, 0, s)
        self.c.restoreState()

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1

    def finish(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


# ---------------------------------------------------------------- cast and formats


def name_forms(rng: random.Random, person: Person, style: str | None = None) -> tuple[str, str]:
    """(printed name, truth name) in a random (or the given) style:
    natural / last_first / caps / caps_last_first."""
    style = style or rng.choice(("natural", "natural", "last_first", "caps", "caps_last_first"))
    initial = rng.random() < 0.7
    printed = (
        person.last_first(initial=initial)
        if "last_first" in style
        else person.natural(initial=initial)
    )
    if style.startswith("caps"):
        printed = printed.upper()
    return printed, person.truth(initial=initial)


def full_name(person: Person) -> tuple[str, str]:
    """The fullest natural form (full middle name) and its truth."""
    return person.natural(initial=False), person.truth(initial=False)


def street(address: Address, abbreviate: bool) -> str:
    return address.street_line(abbreviate=abbreviate)


def address_truth(address: Address, abbreviate: bool) -> dict[str, str]:
    truth = address.truth()
    truth["street"] = address.street_line(abbreviate=abbreviate)
    return truth


def phone(rng: random.Random, style: int | None = None) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
    style = rng.randint(0, 2) if style is None else style
    return (f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}")[style]


DATE_STYLES = ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%b %d, %Y", "%d-%b-%Y", "%B %d, %Y")


def fmt_date(d: date, style: str) -> str:
    return d.strftime(style)


def pick_date_style(rng: random.Random) -> str:
    return rng.choice(DATE_STYLES)


COMPANY_WORDS = (
    "Bluestem",
    "Cardinal Ridge",
    "Tri-County",
    "Northgate",
    "Silverline",
    "Hollis & Pratt",
    "Meridian Arc",
    "Copperfield",
    "Kestrel",
    "Lakeshore",
    "Granite Peak",
    "Orchard Lane",
    "Pioneer Valley",
    "Redwood Hollow",
    "Summit Trace",
    "Alder Creek",
    "Westbrook",
    "Ironbridge",
)
COMPANY_TRADES = (
    "Logistics",
    "Fabrication",
    "Dental Group",
    "Engineering",
    "Foods",
    "Home Health",
    "Millwork",
    "Software",
    "Electrical Contractors",
    "Freight Systems",
    "Insurance Agency",
    "Veterinary Partners",
    "Plastics",
    "Title & Escrow",
    "Architects",
)
LEGAL = ("Inc.", "LLC", "Corp.", "Co.", "L.P.", "PLLC", "Incorporated", "Ltd.")


def company(rng: random.Random, kind: str = "corp") -> str:
    word = rng.choice(COMPANY_WORDS)
    if kind == "hospital":
        return rng.choice(
            (
                f"{word} Regional Medical Center",
                f"{word} Memorial Hospital",
                f"{word} Health System",
                f"St. {rng.choice(('Agnes', 'Luke', 'Brigid', 'Vincent'))} Hospital of {word}",
            )
        )
    if kind == "restaurant":
        return rng.choice(
            (
                f"{word} Grill {rng.choice(LEGAL[:2])}",
                f"The {word} Tavern",
                f"{word} Bistro {rng.choice(LEGAL[:2])}",
                f"{word} Diner & Bakery",
            )
        )
    if kind == "staffing":
        return rng.choice(
            (
                f"{word} Staffing Solutions {rng.choice(LEGAL[:3])}",
                f"{word} Workforce Partners",
                f"{word} Talent Group {rng.choice(LEGAL[:3])}",
                f"{word} Temporary Services",
            )
        )
    if kind == "peo":
        return rng.choice(
            (
                "Keystone HR Partners",
                "Ballast PEO Services",
                "Anchorpoint Employer Solutions",
                "Tandem Workforce PEO",
                "Commonwell HR",
            )
        )
    name = f"{word} {rng.choice(COMPANY_TRADES)}"
    return f"{name} {rng.choice(LEGAL)}" if rng.random() < 0.75 else name


AGENCIES = (
    "Department of Veterans Affairs",
    "Department of Agriculture",
    "Social Security Administration",
    "Department of the Interior",
    "Department of Transportation",
    "Internal Revenue Service",
    "Department of Commerce",
    "General Services Administration",
)

_ONES = (
    "",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
)
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")


def _under_thousand(n: int) -> str:
    parts: list[str] = []
    if n >= 100:
        parts.append(f"{_ONES[n // 100]} Hundred")
        n %= 100
    if n >= 20:
        parts.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_ONES[n])
    return " ".join(parts)


def amount_words(cents: int) -> str:
    """ "One Thousand Two Hundred Four and 56/100 Dollars"."""
    dollars, rest = divmod(cents, 100)
    parts: list[str] = []
    if dollars >= 1000:
        parts.append(f"{_under_thousand(dollars // 1000)} Thousand")
    if dollars % 1000 or not parts:
        parts.append(_under_thousand(dollars % 1000) or "Zero")
    return f"{' '.join(parts)} and {rest:02d}/100 Dollars"


def masked(rng: random.Random, n: int = 4) -> str:
    return rng.choice(("XXXXXX", "******", "xxxx", "****")) + digits(rng, n)


def weeks_back(d: date, weeks: int) -> date:
    return d - timedelta(weeks=weeks)


# ---------------------------------------------------------------- the pay-stub model


@dataclass
class Line:
    label: str
    cur: int
    ytd: int
    hours: float | None = None
    rate: int | None = None  # cents per hour (or per unit), for earnings


@dataclass
class Stub:
    employee: Person
    printed: str
    truth_name: str
    address: Address
    abbreviate: bool
    ssn: str
    employer: str
    employer_address: Address
    freq: str
    index: int  # which pay of the year (1-based)
    pay_date: date
    start: date
    end: date
    earnings: list[Line] = field(default_factory=list)
    taxes: list[Line] = field(default_factory=list)
    deductions: list[Line] = field(default_factory=list)
    employer_paid: list[Line] = field(default_factory=list)
    cash_tips: Line | None = None

    @property
    def gross(self) -> tuple[int, int]:
        return sum(e.cur for e in self.earnings), sum(e.ytd for e in self.earnings)

    @property
    def tax_total(self) -> tuple[int, int]:
        return sum(t.cur for t in self.taxes), sum(t.ytd for t in self.taxes)

    @property
    def ded_total(self) -> tuple[int, int]:
        return sum(d.cur for d in self.deductions), sum(d.ytd for d in self.deductions)

    @property
    def net(self) -> tuple[int, int]:
        g, t, d = self.gross, self.tax_total, self.ded_total
        return g[0] - t[0] - d[0], g[1] - t[1] - d[1]


# ---------------------------------------------------------------- the pay model


def pay_schedule(rng: random.Random, freq: str, year: int) -> tuple[int, date, date, date]:
    n = FREQUENCIES[freq]
    k = 1 if rng.random() < 0.12 else rng.randint(2, n)
    if freq in ("weekly", "biweekly"):
        step = 7 if freq == "weekly" else 14
        first = date(year, 1, 1)
        while first.weekday() != 4:  # Friday
            first += timedelta(days=1)
        if freq == "biweekly" and rng.random() < 0.5:
            first += timedelta(days=7)
        pay = first + timedelta(days=step * (k - 1))
        end = pay - timedelta(days=rng.choice((5, 6, 7)))
        start = end - timedelta(days=step - 1)
        return k, start, end, pay
    if freq == "semimonthly":
        month = (k + 1) // 2
        if k % 2:
            start, end = date(year, month, 1), date(year, month, 15)
        else:
            nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            start, end = date(year, month, 16), nxt - timedelta(days=1)
        return k, start, end, end
    nxt = date(year + 1, 1, 1) if k == 12 else date(year, k + 1, 1)
    return k, date(year, k, 1), nxt - timedelta(days=1), nxt - timedelta(days=1)


def pay_earning(
    rng: random.Random,
    label: str,
    k: int,
    *,
    hours: float | None = None,
    rate: int | None = None,
    cur: int | None = None,
    variable: bool = False,
    occasional: bool = False,
) -> Line:
    if cur is None:
        assert hours is not None and rate is not None
        cur = round(hours * rate)
    prior = 0
    for _ in range(k - 1):
        if occasional and rng.random() < 0.7:
            continue
        prior += round(cur * rng.uniform(0.55, 1.35)) if variable or occasional else cur
    return Line(label, cur, cur + prior, hours, rate)


def pay_per_period_hours(freq: str) -> float:
    return {"weekly": 40.0, "biweekly": 80.0, "semimonthly": 86.67, "monthly": 173.33}[freq]


def pay_finish_model(rng: random.Random, stub: Stub, *, state: str, union: bool = False) -> None:
    """Deductions, taxes and employer-paid benefits for ``stub.earnings``."""
    k = stub.index
    g_cur, g_ytd = stub.gross
    deds: list[Line] = []
    pct = rng.choice((0, 0, 3, 4, 5, 6, 8, 10))
    pretax_cur = pretax_ytd = 0
    if pct:
        label = rng.choice(("401(k)", "401K Pre-Tax", "403(b)", "Retirement 401k", "RETIRE PRETAX"))
        c, y = round(g_cur * pct / 100), round(g_ytd * pct / 100)
        deds.append(Line(label, c, y))
        pretax_cur, pretax_ytd = c, y
    scale = {"weekly": 0.5, "biweekly": 1.0, "semimonthly": 1.08, "monthly": 2.17}[stub.freq]
    for label, lo, hi in (
        (rng.choice(("Medical", "Medical Pre-Tax", "MED PLAN", "Health Ins")), 4000, 16000),
        (rng.choice(("Dental", "DENTAL", "Dental PT")), 500, 2500),
        (rng.choice(("Vision", "VISION")), 200, 900),
    ):
        if rng.random() < 0.7:
            c = round(rng.randint(lo, hi) * scale)
            deds.append(Line(label, c, c * k))
            pretax_cur += c
            pretax_ytd += c * k
    if union:
        c = round(rng.randint(1800, 4200) * scale)
        deds.append(Line(rng.choice(("Union Dues", "UNION DUES", "Local 1199 Dues")), c, c * k))
    if rng.random() < 0.4:
        c = round(rng.randint(300, 1500) * scale)
        deds.append(
            Line(rng.choice(("Supp Life", "Vol Life Ins", "AD&D", "Roth 401(k)")), c, c * k)
        )
    taxable_cur, taxable_ytd = g_cur - pretax_cur, g_ytd - pretax_ytd
    fed = rng.uniform(0.07, 0.14)
    st = 0.0 if state in ("TX", "FL", "NV", "WA") else rng.uniform(0.025, 0.055)
    taxes = [
        Line(
            rng.choice(("Federal Income Tax", "Fed Withholding", "FITW", "Federal W/H")),
            round(taxable_cur * fed),
            round(taxable_ytd * fed),
        ),
        Line(
            rng.choice(("Social Security", "OASDI", "Soc Sec", "FICA-OASDI")),
            round(g_cur * 0.062),
            round(g_ytd * 0.062),
        ),
        Line(
            rng.choice(("Medicare", "MEDICARE", "FICA-Med", "Medicare Tax")),
            round(g_cur * 0.0145),
            round(g_ytd * 0.0145),
        ),
    ]
    if st:
        taxes.append(
            Line(
                rng.choice((f"{state} State Income Tax", f"{state} Withholding", f"SIT {state}")),
                round(taxable_cur * st),
                round(taxable_ytd * st),
            )
        )
    if rng.random() < 0.3:
        r = rng.uniform(0.001, 0.012)
        taxes.append(
            Line(
                rng.choice(("Local Tax", "City Tax", f"{state} SDI", "Occupational Tax")),
                round(g_cur * r),
                round(g_ytd * r),
            )
        )
    stub.taxes, stub.deductions = taxes, deds
    if pct and rng.random() < 0.7:
        match = min(pct, 4)
        stub.employer_paid.append(
            Line(
                rng.choice(("401(k) Match", "ER Match", "Employer 401K")),
                round(g_cur * match / 100),
                round(g_ytd * match / 100),
            )
        )
    if rng.random() < 0.5:
        c = round(rng.randint(20000, 60000) * scale)
        stub.employer_paid.append(
            Line(rng.choice(("Employer Medical", "ER Health", "Co. Paid Medical")), c, c * k)
        )


def pay_base_stub(rng: random.Random, freq: str, employer: str, style: str | None = None) -> Stub:
    person = make_person(rng)
    printed, truth = name_forms(rng, person, style)
    year = rng.randint(2021, 2025)
    k, start, end, pay = pay_schedule(rng, freq, year)
    return Stub(
        employee=person,
        printed=printed,
        truth_name=truth,
        address=make_address(rng),
        abbreviate=rng.random() < 0.7,
        ssn=ssn(rng),
        employer=employer,
        employer_address=make_address(rng),
        freq=freq,
        index=k,
        pay_date=pay,
        start=start,
        end=end,
    )


def pay_salaried(rng: random.Random, stub: Stub) -> None:
    annual = rng.randint(420, 1500) * 10000  # $42,000 - $150,000
    per = round(annual / FREQUENCIES[stub.freq])
    hours = pay_per_period_hours(stub.freq) if rng.random() < 0.5 else None
    label = rng.choice(("Salary", "Regular Salary", "Regular", "Base Pay", "REG SAL"))
    lines = [pay_earning(rng, label, stub.index, cur=per)]
    lines[0].hours = hours
    if rng.random() < 0.35:
        lines.append(
            pay_earning(
                rng,
                rng.choice(("Bonus", "Spot Award", "Incentive")),
                stub.index,
                cur=rng.randint(25000, 300000),
                occasional=True,
            )
        )
    if rng.random() < 0.3 and stub.index > 1:
        lines.append(
            Line(
                rng.choice(("Retro Pay", "Referral Bonus", "Sign-On Bonus")),
                0,
                rng.randint(50000, 250000),
            )
        )
    stub.earnings = lines


def pay_hourly(rng: random.Random, stub: Stub, *, hospital: bool) -> None:
    rate = rng.randint(1700, 6200)
    base = pay_per_period_hours(stub.freq)
    k = stub.index
    reg_hours = round(base - rng.choice((0, 0, 0, 4, 8, 12)), 2)
    lines = [
        pay_earning(
            rng,
            rng.choice(("Regular", "Regular Hours", "REG", "Straight Time")),
            k,
            hours=reg_hours,
            rate=rate,
            variable=True,
        )
    ]
    if rng.random() < 0.75:
        h = rng.choice((1.5, 2.0, 3.25, 4.0, 6.5, 8.0, 11.75))
        lines.append(
            pay_earning(
                rng,
                rng.choice(("Overtime", "OT 1.5x", "Overtime 1.5")),
                k,
                hours=h,
                rate=round(rate * 1.5),
                variable=True,
            )
        )
    if hospital:
        for label, dif in (
            (rng.choice(("Shift Diff - Evening", "Eve Shift Diff", "Diff 2nd Shift")), 150),
            (rng.choice(("Shift Diff - Night", "Night Diff", "Diff 3rd Shift")), 325),
            (rng.choice(("Weekend Diff", "Wknd Premium")), 200),
        ):
            if rng.random() < 0.6:
                h = float(rng.choice((8, 12, 16, 24, 36)))
                lines.append(
                    pay_earning(
                        rng,
                        label,
                        k,
                        hours=min(h, reg_hours),
                        rate=dif + rng.choice((0, 25, 50, 75)),
                        variable=True,
                    )
                )
        if rng.random() < 0.5:
            lines.append(
                pay_earning(
                    rng,
                    rng.choice(("On-Call", "Standby Pay")),
                    k,
                    hours=float(rng.choice((12, 24, 36))),
                    rate=rng.choice((300, 350, 400, 500)),
                    variable=True,
                )
            )
        if rng.random() < 0.4:
            lines.append(
                pay_earning(
                    rng,
                    rng.choice(("Call Back", "Callback 1.5x")),
                    k,
                    hours=rng.choice((2.0, 3.0, 4.0)),
                    rate=round(rate * 1.5),
                    occasional=True,
                )
            )
    if rng.random() < 0.45:
        lines.append(
            pay_earning(
                rng,
                rng.choice(("Holiday", "Holiday Worked", "HOL")),
                k,
                hours=8.0,
                rate=rate,
                occasional=True,
            )
        )
    if rng.random() < 0.5:
        h = rng.choice((4.0, 8.0, 12.0))
        lines.append(
            pay_earning(
                rng,
                rng.choice(("PTO", "Paid Time Off", "Vacation", "Sick")),
                k,
                hours=h,
                rate=rate,
                occasional=True,
            )
        )
        lines[0].hours = round((lines[0].hours or 0) - h, 2)
        lines[0].cur = round((lines[0].hours or 0) * rate)
        lines[0].ytd = max(lines[0].ytd - round(h * rate), lines[0].cur)
    if k == 1:
        for line in lines:
            line.ytd = line.cur
    stub.earnings = lines


def pay_restaurant(rng: random.Random, stub: Stub) -> None:
    k = stub.index
    tipped = rng.choice((213, 250, 300, 450, 563))
    hours = round(rng.uniform(0.6, 1.0) * pay_per_period_hours(stub.freq), 2)
    lines = [
        pay_earning(
            rng,
            rng.choice(("Server Wages", "Tipped Wage", "Regular (Tipped)")),
            k,
            hours=hours,
            rate=tipped,
            variable=True,
        ),
        pay_earning(
            rng,
            rng.choice(("Charged Tips", "Credit Card Tips", "Tips - Card")),
            k,
            cur=round(hours * rng.uniform(900, 1900)),
            variable=True,
        ),
    ]
    cash = pay_earning(
        rng,
        rng.choice(("Cash Tips Reported", "Tips Reported - Cash", "Declared Cash Tips")),
        k,
        cur=round(hours * rng.uniform(150, 500)),
        variable=True,
    )
    lines.append(cash)
    if rng.random() < 0.4:
        lines.append(
            pay_earning(rng, "Tip Credit Makeup", k, cur=rng.randint(0, 4000), occasional=True)
        )
    if k == 1:
        for line in lines:
            line.ytd = line.cur
    stub.earnings = lines
    stub.cash_tips = Line(
        rng.choice(("Cash Tips Received", "Less Cash Tips", "Tips Paid in Cash")),
        cash.cur,
        cash.ytd,
    )


def pay_model(rng: random.Random, stub: Stub, kind: str, *, union: bool = False) -> None:
    if kind == "salaried":
        pay_salaried(rng, stub)
    elif kind == "restaurant":
        pay_restaurant(rng, stub)
    else:
        pay_hourly(rng, stub, hospital=kind == "hospital")
    pay_finish_model(rng, stub, state=stub.address.state, union=union)
    if stub.cash_tips is not None:
        stub.deductions.append(stub.cash_tips)
    if stub.index == 1:
        for group in (stub.taxes, stub.deductions, stub.employer_paid):
            for line in group:
                line.ytd = line.cur
