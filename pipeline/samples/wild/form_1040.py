"""Form 1040 returns as lenders receive them: the IRS form filled in and printed by tax software.

Layouts:
- ``irs_1040_tax_program``: Form 1040 pages 1-2 for tax years 2019-2024 as a tax program prints it
  (values in the right-hand columns by line number, names and SSNs in the boxes at the top; 2022+
  wages on line 1z with lines 1a-1i above it, earlier years on line 1).
- ``irs_1040_sr``: Form 1040-SR (U.S. Tax Return for Seniors), 2019-2024, income lines split over
  two pages, age checkboxes, often pensions and social security beside part-time wages.
- ``software_summary_then_1040``: a tax program's or preparer's "return summary" page (total
  income, AGI, tax, refund, sometimes a prior-year column) ahead of the two form pages.
- ``irs_1040_2018_two_page``: the 2018 "postcard" 1040, whose page 1 holds filing status, names,
  dependents and signatures and whose page 2 holds the income lines (wages on line 1).

Varies: tax year, filing status (joint returns carry a spouse), dependents, value font and number
style (whole dollars with or without a trailing point, or cents), name case, masked or full SSNs,
printing offsets, row heights, preparer or self-prepared, refund or balance due. Traps: total
income, AGI and taxable income near the wages line; 1a differs from 1z when tips or other earned
income are present; dependents' names and SSNs; a married-filing-separately spouse named on the
form who is not a taxpayer on it; prior-year figures on the summary page.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field, replace

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.samples.wild.document import WildDocument

LAYOUTS = (
    "irs_1040_tax_program",
    "irs_1040_sr",
    "software_summary_then_1040",
    "irs_1040_2018_two_page",
)

PAGE_W, PAGE_H = 612.0, 792.0  # US Letter
FORM_W = 540.0


def _listing(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|"))


FIRST_NAMES = _listing(
    "Maria|James|Aisha|Wei|Carlos|Priya|Daniel|Fatima|Kevin|Sofia|Tyrone|Mei|Andrew|"
    "Lucia|Omar|Hannah|Jamal|Yuki|Robert|Elena|Dmitri|Grace|Luis|Nadia|Samuel|Chloe|"
    "Rahul|Brianna|Mateo|Ingrid|Kwame|Renee|Hiroshi|Patricia|Diego|Leah|Thanh|Olivia|"
    "Marcus|Zoe"
)
LAST_NAMES = _listing(
    "Peña|O'Neil|García-López|Nguyen|Van der Berg|Johnson|Okafor|Kowalski|Chen|Patel|"
    "Williams|Haddad|Schmidt|Morales|Thompson|Kim|Rossi|Washington|Fernández|Murphy|"
    "Abernathy|Singh|Castillo|Lindqvist|Brooks|Delacroix|Yamamoto|Oyelaran|"
    "McAllister|Dubois|Ramírez|Goldberg|Tran|Whitfield|Novak|Mensah|St. Clair|Petrov|"
    "Alvarez|Hughes"
)
STREETS = _listing(
    "Maple Ave|Oak St|Cedar Ln|Willow Dr|Lakeview Rd|Pinecrest Ct|Harbor Way|Elm St|"
    "Sunset Blvd|Birchwood Ter|Magnolia Pl|Ridge Rd|Meadowbrook Ln|Juniper Way|"
    "Chestnut St|Riverside Dr|Highland Ave|Prairie Trl|Cypress Cir"
)
CITIES = (
    ("Columbus", "OH", "432"),
    ("Tucson", "AZ", "857"),
    ("Raleigh", "NC", "276"),
    ("Aurora", "CO", "800"),
    ("Fresno", "CA", "937"),
    ("Tacoma", "WA", "984"),
    ("Plano", "TX", "750"),
    ("Madison", "WI", "537"),
    ("Savannah", "GA", "314"),
    ("Albany", "NY", "122"),
    ("Boise", "ID", "837"),
    ("Omaha", "NE", "681"),
    ("Richmond", "VA", "232"),
    ("Lowell", "MA", "018"),
    ("Tulsa", "OK", "741"),
    ("Reno", "NV", "895"),
    ("Knoxville", "TN", "379"),
    ("Des Moines", "IA", "503"),
)
OCCUPATIONS = _listing(
    "Registered Nurse|Software Engineer|Teacher|Electrician|Accountant|Sales Manager|"
    "Pharmacist|Truck Driver|Office Manager|Mechanic|Social Worker|Analyst|Retired|"
    "Dental Hygienist|Project Manager|Chef|Paralegal|Warehouse Lead"
)
PREPARER_FIRMS = (
    "Brightline Tax Services LLC",
    "Harbor & Pine Accounting",
    "Summit Ridge CPAs PC",
    "Main Street Tax Pros",
    "Nguyen & Castillo CPA Group",
    "Keystone Tax & Bookkeeping",
)
SOFTWARE = (
    ("TaxPath Online", "TPO"),
    ("ClearFile Tax", "CFT"),
    ("Ledgerly Tax Pro", "LTP"),
    ("FileRight Desktop", "FRD"),
    ("Beacon Tax Suite", "BTS"),
)
STANDARD_DEDUCTION = {  # year: (single / MFS, joint, head of household), whole dollars
    2018: (12000, 24000, 18000),
    2019: (12200, 24400, 18350),
    2020: (12400, 24800, 18650),
    2021: (12550, 25100, 18800),
    2022: (12950, 25900, 19400),
    2023: (13850, 27700, 20800),
    2024: (14600, 29200, 21900),
}
SENIOR_EXTRA = {  # year: (married, unmarried) additional standard deduction per box checked
    2018: (1300, 1600),
    2019: (1300, 1650),
    2020: (1300, 1650),
    2021: (1350, 1700),
    2022: (1400, 1750),
    2023: (1500, 1850),
    2024: (1550, 1950),
}
STATUS_TEXT = {
    "single": "Single",
    "mfj": "Married filing jointly",
    "mfs": "Married filing separately",
    "hoh": "Head of household",
}


# --------------------------------------------------------------------------- people and numbers


@dataclass(frozen=True)
class Person:
    first: str
    middle: str
    last: str
    ssn: str

    def given(self, dot: bool) -> str:
        if not self.middle:
            return self.first
        return f"{self.first} {self.middle}{'.' if dot else ''}"

    def natural(self) -> str:
        return " ".join(part for part in (self.first, self.middle, self.last) if part)


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    state: str
    zip: str

    def truth(self) -> dict[str, str]:
        return {"street": self.street, "city": self.city, "state": self.state, "zip": self.zip}


@dataclass(frozen=True)
class Dependent:
    person: Person
    relationship: str
    child_credit: bool


@dataclass
class Return:
    year: int
    status: str
    taxpayer: Person
    spouse: Person | None
    mfs_spouse: Person | None
    address: Address
    dependents: list[Dependent]
    senior: bool
    occupations: tuple[str, str]
    amounts: dict[str, int] = field(default_factory=dict)
    routing: str = ""
    account: str = ""


def _ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(101, 900) if n != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _person(rng: random.Random, last: str | None = None) -> Person:
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.55 else ""
    return Person(rng.choice(FIRST_NAMES), middle, last or rng.choice(LAST_NAMES), _ssn(rng))


def _address(rng: random.Random) -> Address:
    city, state, prefix = rng.choice(CITIES)
    street = f"{rng.randint(12, 9899)} {rng.choice(STREETS)}"
    return Address(street, city, state, f"{prefix}{rng.randint(1, 99):02d}")


def _dependents(rng: random.Random, last: str, senior: bool) -> list[Dependent]:
    count = rng.choice([0, 0, 1] if senior else [0, 1, 1, 2, 2, 3])
    out = []
    for _ in range(count):
        child = _person(rng, last if rng.random() < 0.85 else None)
        relation = "Grandchild" if senior else rng.choice(["Son", "Daughter", "Child"])
        out.append(Dependent(Person(child.first, "", child.last, child.ssn), relation, not senior))
    return out


def _bracket_tax(taxable: int, joint: bool) -> int:
    """Tax in cents on taxable income in cents (ordinary rates, whole-dollar result)."""
    steps = ((11000, 0.10), (44725, 0.12), (95375, 0.22), (182100, 0.24), (231250, 0.32))
    tax, low, dollars = 0.0, 0, taxable / 100
    scale = 2 if joint else 1
    for top, rate in steps:
        if dollars > low:
            tax += (min(dollars, top * scale) - low) * rate
        low = top * scale
    if dollars > low:
        tax += (dollars - low) * 0.35
    return round(tax) * 100


def _money(rng: random.Random, low: int, high: int, whole: bool) -> int:
    value = rng.randint(low * 100, high * 100)
    return value // 100 * 100 if whole else value


def _income(rng: random.Random, ret: Return, whole: bool) -> dict[str, int]:
    def maybe(p: float, low: int, high: int) -> int:
        return _money(rng, low, high, whole) if rng.random() < p else 0

    earners = 2 if ret.spouse and rng.random() < 0.7 else 1
    wage_range = (6000, 38000) if ret.senior else (26000, 168000)
    a: dict[str, int] = {"w2": sum(_money(rng, *wage_range, whole) for _ in range(earners))}
    extras = ("hh_wages", "tips", "dep_care", "other_earned")
    chosen = rng.sample(extras, rng.choice([1, 2])) if rng.random() < 0.5 else []
    for key in extras:
        a[key] = _money(rng, 150, 6500, whole) if key in chosen else 0
    a["combat"] = maybe(0.04, 2000, 9000)
    a["wages"] = a["w2"] + sum(a[key] for key in extras)
    a["tax_exempt_int"] = maybe(0.2, 20, 900)
    a["taxable_int"] = maybe(0.7, 3, 2600)
    a["ord_div"] = maybe(0.4, 40, 6500)
    a["qual_div"] = a["ord_div"] * rng.randint(50, 100) // 100 // 100 * 100
    a["ira"] = maybe(0.55 if ret.senior else 0.08, 2500, 26000)
    a["ira_taxable"] = a["ira"] if rng.random() < 0.7 else a["ira"] // 200 * 100
    a["pension"] = maybe(0.7 if ret.senior else 0.03, 6000, 36000)
    a["pension_taxable"] = a["pension"]
    a["ira_pen"] = a["ira"] + a["pension"]
    a["ira_pen_taxable"] = a["ira_taxable"] + a["pension_taxable"]
    a["ss"] = maybe(0.95, 14000, 42000) if ret.senior else 0
    a["ss_taxable"] = a["ss"] * 85 // 100 // 100 * 100
    a["cap_gain"] = maybe(0.3, -3000, 18000)
    a["sched1"] = maybe(0.22, 1500, 30000)
    keys = ("wages", "taxable_int", "ord_div", "ira_taxable", "pension_taxable", "ss_taxable")
    a["total_income"] = sum(a[key] for key in keys) + a["cap_gain"] + a["sched1"]
    return a


def _deductions(rng: random.Random, ret: Return, a: dict[str, int], whole: bool) -> None:
    single, joint, hoh = STANDARD_DEDUCTION[ret.year]
    base = {"mfj": joint, "hoh": hoh}.get(ret.status, single)
    seniors = (2 if ret.spouse else 1) if ret.senior else 0
    married = ret.status in ("mfj", "mfs")
    standard = base + seniors * SENIOR_EXTRA[ret.year][0 if married else 1]
    itemize = rng.random() < 0.22
    a["deduction"] = (standard + rng.randint(1500, 19000)) * 100 if itemize else standard * 100
    a["charity"] = (
        (600 if ret.spouse and ret.year == 2021 else 300) * 100
        if ret.year in (2020, 2021) and not itemize and rng.random() < 0.4
        else 0
    )
    a["adj_sched1"] = _money(rng, 250, 7500, whole) if rng.random() < 0.35 else 0
    a["adj_total"] = a["adj_sched1"] + (a["charity"] if ret.year == 2020 else 0)
    a["agi"] = a["total_income"] - a["adj_total"]
    a["ded_c"] = a["deduction"] + (a["charity"] if ret.year == 2021 else 0)
    a["qbi"] = a["sched1"] // 5 // 100 * 100 if a["sched1"] > 0 else 0
    a["ded_total"] = a["ded_c"] + a["qbi"]
    a["taxable"] = max(0, a["agi"] - a["ded_total"])


def _tax_and_payments(rng: random.Random, ret: Return, a: dict[str, int], whole: bool) -> None:
    a["tax"] = _bracket_tax(a["taxable"], ret.status == "mfj")
    a["sched2"] = 0
    a["tax_plus"] = a["tax"] + a["sched2"]
    kids = sum(1 for d in ret.dependents if d.child_credit)
    a["ctc"] = min(a["tax_plus"], kids * 200000)
    a["sched3"] = (
        min(a["tax_plus"] - a["ctc"], _money(rng, 50, 900, True)) if rng.random() < 0.2 else 0
    )
    a["credits"] = a["ctc"] + a["sched3"]
    a["after_credits"] = max(0, a["tax_plus"] - a["credits"])
    a["other_taxes"] = a["sched1"] * 1413 // 10000 // 100 * 100 if a["sched1"] > 0 else 0
    a["total_tax"] = a["after_credits"] + a["other_taxes"]
    a["wh_w2"] = max(
        0, a["after_credits"] * rng.randint(80, 135) // 100 + _money(rng, 0, 900, True)
    )
    a["wh_w2"] = a["wh_w2"] // 100 * 100 if whole else a["wh_w2"]
    a["wh_1099"] = _money(rng, 20, 1500, whole) if ret.senior and a["ira"] else 0
    a["wh_total"] = a["wh_w2"] + a["wh_1099"]
    a["est_pay"] = a["other_taxes"] // 400 * 400 if a["other_taxes"] and rng.random() < 0.6 else 0
    a["other_pay"] = 0
    a["total_pay"] = a["wh_total"] + a["est_pay"] + a["other_pay"]
    a["overpaid"] = max(0, a["total_pay"] - a["total_tax"])
    a["refund"] = a["overpaid"]
    a["owe"] = max(0, a["total_tax"] - a["total_pay"])


def _return(rng: random.Random, year: int, senior: bool, whole: bool) -> Return:
    weights = (0.4, 0.6, 0.0, 0.0) if senior else (0.33, 0.45, 0.08, 0.14)
    status = rng.choices(("single", "mfj", "mfs", "hoh"), weights)[0]
    taxpayer = _person(rng)
    spouse = None
    if status in ("mfj", "mfs"):
        same = rng.random() < 0.7
        spouse = _person(rng, taxpayer.last if same else None)
    dependents = _dependents(rng, taxpayer.last, senior)
    if status == "hoh" and not dependents:
        dependents = [Dependent(_person(rng, taxpayer.last), "Daughter", True)]
    ret = Return(
        year=year,
        status=status,
        taxpayer=taxpayer,
        spouse=spouse if status == "mfj" else None,
        mfs_spouse=spouse if status == "mfs" else None,
        address=_address(rng),
        dependents=dependents,
        senior=senior,
        occupations=(
            "Retired" if senior else rng.choice(OCCUPATIONS),
            "Retired" if senior else rng.choice(OCCUPATIONS),
        ),
    )
    ret.amounts = _income(rng, ret, whole)
    _deductions(rng, ret, ret.amounts, whole)
    _tax_and_payments(rng, ret, ret.amounts, whole)
    if ret.amounts["refund"] and rng.random() < 0.6:
        ret.routing = f"{rng.choice(['0', '1', '2', '3'])}{rng.randint(10000000, 99999999)}"
        ret.account = str(rng.randint(10**7, 10**12))
    return ret


# --------------------------------------------------------------------------- drawing


@dataclass(frozen=True)
class Style:
    label_size: float
    caption_size: float
    value_font: str
    value_size: float
    money: str
    negative: str
    upper: bool
    middle_dot: bool
    mask: str
    dx: float
    dy: float
    row_h: float
    label_font: str
    rev_code: str


def _style(rng: random.Random, year: int) -> Style:
    software = rng.choice(SOFTWARE)[1]
    return Style(
        label_size=rng.choice([7.5, 8.0, 8.0, 8.5]),
        caption_size=rng.choice([6.0, 6.5, 6.5]),
        value_font=rng.choice(
            ["Courier", "Courier", "Courier-Bold", "Helvetica", "Helvetica-Bold"]
        ),
        value_size=rng.choice([9.0, 9.5, 10.0]),
        money=rng.choice(["dot", "dot", "plain", "cents"]),
        negative=rng.choice(["paren", "minus"]),
        upper=rng.random() < 0.75,
        middle_dot=rng.random() < 0.25,
        mask=rng.choice(["", "", "", "XXX-XX-", "***-**-"]),
        dx=rng.uniform(-8, 8),
        dy=rng.uniform(-8, 4),
        row_h=rng.choice([14.0, 16.0, 18.0, 20.0]),
        label_font=rng.choice(["Helvetica", "Helvetica", "Times-Roman"]),
        rev_code=f"REV {rng.randint(1, 4):02d}/{rng.randint(1, 28):02d}/{(year + 1) % 100:02d} "
        f"{software}",
    )


class Pen:
    """A canvas plus the document's style, with the few primitives the forms are drawn from."""

    def __init__(self, canvas: Canvas, style: Style) -> None:
        self.c = canvas
        self.s = style
        self.x0 = 36 + style.dx
        self.x1 = self.x0 + FORM_W
        self.row_h = style.row_h

    def fit_rows(self, y: float, rows: int, reserve: float) -> None:
        """Use the style's row height unless ``rows`` rows would run into ``reserve``."""
        self.row_h = min(self.s.row_h, (y - reserve) / rows)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float | None = None,
        font: str | None = None,
        max_w: float | None = None,
        align: str = "left",
    ) -> float:
        """Draw text, shrinking it until it fits ``max_w``; returns the drawn width."""
        font = font or self.s.label_font
        size = size or self.s.label_size
        while max_w is not None and stringWidth(text, font, size) > max_w and size > 4.5:
            size -= 0.25
        width = float(stringWidth(text, font, size))
        self.c.setFont(font, size)
        start = x - width if align == "right" else x
        self.c.drawString(start, y, text)
        return width

    def bold(self, x: float, y: float, text: str, size: float, max_w: float | None = None) -> float:
        font = "Times-Bold" if self.s.label_font.startswith("Times") else "Helvetica-Bold"
        return self.text(x, y, text, size, font, max_w)

    def value(
        self,
        x: float,
        y: float,
        text: str,
        align: str = "left",
        max_w: float = 300,
        cap: float = 11,
    ) -> None:
        self.text(x, y, text, min(self.s.value_size, cap), self.s.value_font, max_w, align)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x1, y1, x2, y2)

    def rule(self, y: float, width: float = 0.5) -> None:
        self.line(self.x0, y, self.x1, y, width)

    def checkbox(self, x: float, y: float, checked: bool) -> None:
        self.c.setLineWidth(0.5)
        self.c.rect(x, y, 6.5, 6.5)
        if checked:
            self.text(x + 0.8, y + 0.6, "X", 7.5, "Helvetica-Bold")

    def leader(self, x_from: float, x_to: float, y: float) -> None:
        unit = stringWidth(" .", self.s.label_font, self.s.label_size)
        count = int((x_to - x_from) / unit)
        if count > 1:
            self.text(x_to - count * unit, y, " ." * count)


def _fmt(cents: int, style: Style) -> str:
    dollars, rest = divmod(abs(cents), 100)
    text = f"{dollars:,}" + {"dot": ".", "plain": "", "cents": f".{rest:02d}"}[style.money]
    if cents < 0:
        return f"({text})" if style.negative == "paren" else f"-{text}"
    return text


def _ssn_text(ssn: str, style: Style) -> str:
    return style.mask + ssn[-4:] if style.mask else ssn


def _case(text: str, style: Style) -> str:
    return text.upper() if style.upper else text


# --------------------------------------------------------------------------- form line tables


@dataclass(frozen=True)
class Cell:
    tag: str
    box: str
    label: str
    key: str | None
    col: str = "right"


Row = tuple[Cell, ...]
Section = tuple[str, list[Row]]


def _one(tag: str, label: str, key: str | None, box: str = "", col: str = "right") -> Row:
    return (Cell(tag, box or tag, label, key, col),)


def _pair(num: str, a_label: str, a_key: str, b_label: str, b_key: str, letters: str = "ab") -> Row:
    return (
        Cell(num + letters[0], num + letters[0], a_label, a_key, "pair"),
        Cell(letters[1], num + letters[1], b_label, b_key, "right"),
    )


def _wage_rows(year: int) -> list[Row]:
    if year < 2022:
        return [_one("1", "Wages, salaries, tips, etc. Attach Form(s) W-2", "wages")]
    return [
        _one("1a", "Total amount from Form(s) W-2, box 1 (see instructions)", "w2"),
        _one("b", "Household employee wages not reported on Form(s) W-2", "hh_wages", "1b"),
        _one("c", "Tip income not reported on line 1a (see instructions)", "tips", "1c"),
        _one(
            "d",
            "Medicaid waiver payments not reported on Form(s) W-2 (see instructions)",
            None,
            "1d",
        ),
        _one("e", "Taxable dependent care benefits from Form 2441, line 26", "dep_care", "1e"),
        _one("f", "Employer-provided adoption benefits from Form 8839, line 29", None, "1f"),
        _one("g", "Wages from Form 8919, line 6", None, "1g"),
        _one("h", "Other earned income (see instructions)", "other_earned", "1h"),
        _one("i", "Nontaxable combat pay election (see instructions)", "combat", "1i", "inner"),
        _one("z", "Add lines 1a through 1h", "wages", "1z"),
    ]


def _investment_rows(year: int) -> list[Row]:
    rows = [
        _pair("2", "Tax-exempt interest", "tax_exempt_int", "Taxable interest", "taxable_int"),
        _pair("3", "Qualified dividends", "qual_div", "Ordinary dividends", "ord_div"),
    ]
    if year == 2019:
        return [
            *rows,
            _pair("4", "IRA distributions", "ira", "Taxable amount", "ira_taxable"),
            _pair(
                "4", "Pensions and annuities", "pension", "Taxable amount", "pension_taxable", "cd"
            ),
            _pair("5", "Social security benefits", "ss", "Taxable amount", "ss_taxable"),
        ]
    return [
        *rows,
        _pair("4", "IRA distributions", "ira", "Taxable amount", "ira_taxable"),
        _pair("5", "Pensions and annuities", "pension", "Taxable amount", "pension_taxable"),
        _pair("6", "Social security benefits", "ss", "Taxable amount", "ss_taxable"),
    ]


def _total_rows_2019() -> list[Row]:
    return [
        _one(
            "6",
            "Capital gain or (loss). Attach Schedule D if required. If not required, check here",
            "cap_gain",
        ),
        _one("7a", "Other income from Schedule 1, line 9", "sched1"),
        _one(
            "b",
            "Add lines 1, 2b, 3b, 4b, 4d, 5b, 6, and 7a. This is your total income",
            "total_income",
            "7b",
        ),
        _one("8a", "Adjustments to income from Schedule 1, line 22", "adj_total"),
        _one("b", "Subtract line 8a from line 7b. This is your adjusted gross income", "agi", "8b"),
        _one("9", "Standard deduction or itemized deductions (from Schedule A)", "deduction"),
        _one("10", "Qualified business income deduction. Attach Form 8995 or Form 8995-A", "qbi"),
        _one("11a", "Add lines 9 and 10", "ded_total"),
        _one(
            "b",
            "Taxable income. Subtract line 11a from line 8b. If zero or less, enter -0-",
            "taxable",
            "11b",
        ),
    ]


def _total_rows(year: int) -> list[Row]:
    if year == 2019:
        return _total_rows_2019()
    first = "1z" if year >= 2022 else "1"
    sched1_line = "10" if year >= 2021 else "9"
    other = "Additional income" if year >= 2023 else "Other income"
    rows = [
        _one(
            "7",
            "Capital gain or (loss). Attach Schedule D if required. If not required, check here",
            "cap_gain",
        ),
        _one("8", f"{other} from Schedule 1, line {sched1_line}", "sched1"),
        _one(
            "9",
            f"Add lines {first}, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income",
            "total_income",
        ),
    ]
    if year == 2020:
        rows += [
            _one("10", "Adjustments to income:", None, "", "none"),
            _one("a", "From Schedule 1, line 22", "adj_sched1", "10a", "inner"),
            _one(
                "b",
                "Charitable contributions if you take the standard deduction",
                "charity",
                "10b",
                "inner",
            ),
            _one(
                "c",
                "Add lines 10a and 10b. These are your total adjustments to income",
                "adj_total",
                "10c",
            ),
            _one("11", "Subtract line 10c from line 9. This is your adjusted gross income", "agi"),
        ]
    else:
        rows += [
            _one("10", "Adjustments to income from Schedule 1, line 26", "adj_total"),
            _one("11", "Subtract line 10 from line 9. This is your adjusted gross income", "agi"),
        ]
    if year == 2021:
        rows += [
            _one(
                "12a",
                "Standard deduction or itemized deductions (from Schedule A)",
                "deduction",
                col="inner",
            ),
            _one(
                "b",
                "Charitable contributions if you take the standard deduction",
                "charity",
                "12b",
                "inner",
            ),
            _one("c", "Add lines 12a and 12b", "ded_c", "12c"),
        ]
    else:
        rows.append(
            _one("12", "Standard deduction or itemized deductions (from Schedule A)", "deduction")
        )
    ded = "12c" if year == 2021 else "12"
    return [
        *rows,
        _one("13", "Qualified business income deduction from Form 8995 or Form 8995-A", "qbi"),
        _one("14", f"Add lines {ded} and 13", "ded_total"),
        _one(
            "15",
            "Subtract line 14 from line 11. If zero or less, enter -0-. This is your taxable "
            "income",
            "taxable",
        ),
    ]


def _tax_sections(year: int) -> list[Section]:
    if year == 2019:
        return [
            (
                "Tax and Credits",
                [
                    _one("12a", "Tax (see inst.)", "tax", col="inner"),
                    _one(
                        "b",
                        "Add Schedule 2, line 3, and line 12a and enter the total",
                        "tax_plus",
                        "12b",
                    ),
                    _one(
                        "13a", "Child tax credit or credit for other dependents", "ctc", col="inner"
                    ),
                    _one(
                        "b",
                        "Add Schedule 3, line 7, and line 13a and enter the total",
                        "credits",
                        "13b",
                    ),
                    _one(
                        "14",
                        "Subtract line 13b from line 12b. If zero or less, enter -0-",
                        "after_credits",
                    ),
                    _one(
                        "15",
                        "Other taxes, including self-employment tax, from Schedule 2, line 10",
                        "other_taxes",
                    ),
                    _one("16", "Add lines 14 and 15. This is your total tax", "total_tax"),
                ],
            ),
            (
                "Payments",
                [
                    _one("17", "Federal income tax withheld from Forms W-2 and 1099", "wh_total"),
                    _one("18", "Other payments and refundable credits:", None, col="none"),
                    _one("a", "Earned income credit (EIC)", None, "18a", "inner"),
                    _one(
                        "e",
                        "Add lines 18a through 18d. These are your total other payments",
                        "other_pay",
                        "18e",
                    ),
                    _one("19", "Add lines 17 and 18e. These are your total payments", "total_pay"),
                ],
            ),
            (
                "Refund",
                [
                    _one(
                        "20",
                        "If line 19 is more than line 16, subtract line 16 from line 19. This is "
                        "the amount you overpaid",
                        "overpaid",
                    ),
                    _one("21a", "Amount of line 20 you want refunded to you", "refund"),
                    _one(
                        "22",
                        "Amount of line 20 you want applied to your 2020 estimated tax",
                        None,
                        col="inner",
                    ),
                ],
            ),
            (
                "Amount You Owe",
                [
                    _one("23", "Amount you owe. Subtract line 19 from line 16", "owe"),
                    _one("24", "Estimated tax penalty (see instructions)", None, col="inner"),
                ],
            ),
        ]
    sched2_3 = "line 21" if year >= 2021 else "line 10"
    line30 = {2020: "Recovery rebate credit", 2021: "Recovery rebate credit"}.get(year, "Reserved")
    return [
        (
            "Tax and Credits",
            [
                _one("16", "Tax (see instructions). Check if any from Form(s): 8814 / 4972", "tax"),
                _one("17", "Amount from Schedule 2, line 3", "sched2"),
                _one("18", "Add lines 16 and 17", "tax_plus"),
                _one(
                    "19",
                    "Child tax credit or credit for other dependents from Schedule 8812",
                    "ctc",
                ),
                _one("20", "Amount from Schedule 3, line 8", "sched3"),
                _one("21", "Add lines 19 and 20", "credits"),
                _one(
                    "22",
                    "Subtract line 21 from line 18. If zero or less, enter -0-",
                    "after_credits",
                ),
                _one(
                    "23",
                    f"Other taxes, including self-employment tax, from Schedule 2, {sched2_3}",
                    "other_taxes",
                ),
                _one("24", "Add lines 22 and 23. This is your total tax", "total_tax"),
            ],
        ),
        (
            "Payments",
            [
                _one("25", "Federal income tax withheld from:", None, col="none"),
                _one("a", "Form(s) W-2", "wh_w2", "25a", "inner"),
                _one("b", "Form(s) 1099", "wh_1099", "25b", "inner"),
                _one("c", "Other forms (see instructions)", None, "25c", "inner"),
                _one("d", "Add lines 25a through 25c", "wh_total", "25d"),
                _one(
                    "26",
                    f"{year} estimated tax payments and amount applied from {year - 1} return",
                    "est_pay",
                ),
                _one("27", "Earned income credit (EIC)", None, col="inner"),
                _one("28", "Additional child tax credit from Schedule 8812", None, col="inner"),
                _one("29", "American opportunity credit from Form 8863, line 8", None, col="inner"),
                _one("30", line30, None, col="inner"),
                _one("31", "Amount from Schedule 3, line 15", None, col="inner"),
                _one(
                    "32",
                    "Add lines 27, 28, 29, and 31. These are your total other payments and "
                    "refundable credits",
                    "other_pay",
                ),
                _one("33", "Add lines 25d, 26, and 32. These are your total payments", "total_pay"),
            ],
        ),
        (
            "Refund",
            [
                _one(
                    "34",
                    "If line 33 is more than line 24, subtract line 24 from line 33. This is the "
                    "amount you overpaid",
                    "overpaid",
                ),
                _one(
                    "35a",
                    "Amount of line 34 you want refunded to you. If Form 8888 is attached, check "
                    "here",
                    "refund",
                ),
                _one(
                    "36",
                    f"Amount of line 34 you want applied to your {year + 1} estimated tax",
                    None,
                    col="inner",
                ),
            ],
        ),
        (
            "Amount You Owe",
            [
                _one("37", "Subtract line 33 from line 24. This is the amount you owe", "owe"),
                _one("38", "Estimated tax penalty (see instructions)", None, col="inner"),
            ],
        ),
    ]


# --------------------------------------------------------------------------- form pieces


def _columns(pen: Pen) -> dict[str, tuple[float, float]]:
    """Box column per cell kind: (x of the small line-number box, right edge of the value box)."""
    x0 = pen.x0
    return {
        "pair": (x0 + 218, x0 + 318),
        "inner": (x0 + 330, x0 + 432),
        "right": (x0 + 438, pen.x1),
    }


def _draw_cell(pen: Pen, y: float, cell: Cell, x_label: float, amounts: dict[str, int]) -> None:
    cols = _columns(pen)
    h = pen.row_h
    base = y - h + 3
    x_text = x_label
    if cell.tag:
        pen.bold(x_label, base, cell.tag, pen.s.label_size)
        x_text = x_label + (14 if len(cell.tag) < 3 else 18)
    if cell.col == "none":
        pen.text(x_text, base, cell.label, max_w=cols["right"][0] - x_text - 6)
        return
    box_x, right = cols[cell.col]
    width = pen.text(x_text, base, cell.label, max_w=box_x - x_text - 8)
    pen.leader(x_text + width + 2, box_x - 3, base)
    pen.c.setLineWidth(0.5)
    pen.c.rect(box_x, y - h, right - box_x, h)
    pen.line(box_x + 15, y - h, box_x + 15, y)
    pen.bold(box_x + 1.5, base, cell.box, pen.s.label_size - 1, max_w=13)
    value = amounts.get(cell.key or "", 0)
    if value:
        pen.value(right - 4, base + 0.5, _fmt(value, pen.s), "right", max_w=right - box_x - 20)


def _section_name(pen: Pen, y: float, name: str) -> None:
    words = name.split()
    lines = [name] if stringWidth(name, "Helvetica-Bold", 9.5) < 54 else words
    if len(lines) > 2:
        lines = [" ".join(words[:-1]), words[-1]]
    for index, line in enumerate(lines):
        pen.bold(pen.x0 + 1, y - 10 - index * 10, line, 9.5, max_w=54)


def _draw_with_deposit(pen: Pen, y: float, sections: list[Section], ret: Return) -> float:
    """Draw the sections with the direct-deposit lines right under the refund line."""
    at = next(i for i, (name, _) in enumerate(sections) if name == "Refund")
    name, rows = sections[at]
    cut = next(i for i, row in enumerate(rows) if row[0].key == "refund") + 1
    y = _draw_sections(pen, y, [*sections[:at], (name, rows[:cut])], ret.amounts)
    y = _direct_deposit(pen, y, ret)
    return _draw_sections(pen, y, [("", rows[cut:]), *sections[at + 1 :]], ret.amounts)


def _draw_sections(pen: Pen, y: float, sections: list[Section], amounts: dict[str, int]) -> float:
    cols = _columns(pen)
    for name, rows in sections:
        if name:
            pen.rule(y, 0.8)
            _section_name(pen, y, name)
        for row in rows:
            _draw_cell(pen, y, row[0], pen.x0 + 58, amounts)
            if len(row) > 1:
                _draw_cell(pen, y, row[1], cols["pair"][1] + 6, amounts)
            y -= pen.row_h
    pen.rule(y, 0.8)
    return y


def _header(pen: Pen, y: float, year: int, sr: bool) -> float:
    s = pen.s
    pen.text(pen.x0, y - 26, "Form", 7)
    pen.bold(pen.x0 + 18, y - 28, "1040-SR" if sr else "1040", 18 if sr else 22)
    left = pen.x0 + (104 if sr else 80)
    pen.line(left - 4, y, left - 4, y - 34)
    agency = "Department of the Treasury—Internal Revenue Service"
    pen.text(left, y - 9, agency + ("" if year >= 2020 else " (99)"), 6.5, max_w=236)
    title = "U.S. Tax Return for Seniors" if sr else "U.S. Individual Income Tax Return"
    pen.bold(left, y - 27, title, 12, max_w=220)
    pen.bold(pen.x0 + 334, y - 28, str(year), 20)
    pen.line(pen.x0 + 388, y, pen.x0 + 388, y - 34)
    pen.text(pen.x0 + 392, y - 9, "OMB No. 1545-0074", 6.5)
    pen.text(
        pen.x0 + 392,
        y - 20,
        "IRS Use Only—Do not write or staple in this space.",
        6,
        max_w=FORM_W - 394,
    )
    pen.rule(y - 34, 1.2)
    period = (
        f"For the year Jan. 1\u2013Dec. 31, {year}, or other tax year beginning "
        f"            , {year}, ending            , 20"
    )
    pen.text(pen.x0, y - 43, period, s.caption_size + 0.5, max_w=390)
    pen.text(pen.x1, y - 43, "See separate instructions.", s.caption_size + 0.5, align="right")
    return y - 47


def _filing_status(pen: Pen, y: float, ret: Return) -> float:
    pen.rule(y)
    pen.bold(pen.x0 + 1, y - 10, "Filing Status", 8.5)
    pen.text(pen.x0 + 1, y - 19, "Check only one box.", 6)
    widow = "Qualifying surviving spouse (QSS)" if ret.year >= 2022 else "Qualifying widow(er) (QW)"
    options = [
        ("single", "Single"),
        ("mfj", "Married filing jointly"),
        ("mfs", "Married filing separately (MFS)"),
        ("hoh", "Head of household (HOH)"),
        ("qss", widow),
    ]
    x, line_y = pen.x0 + 70, y - 10
    for key, label in options:
        width = stringWidth(label, pen.s.label_font, pen.s.label_size) + 22
        if x + width > pen.x1:
            x, line_y = pen.x0 + 70, line_y - 11
        pen.checkbox(x, line_y - 1, ret.status == key)
        pen.text(x + 10, line_y, label)
        x += width
    note = (
        "If you checked the MFS box, enter the name of your spouse. If you checked the HOH or "
        f"{'QSS' if ret.year >= 2022 else 'QW'} box, enter the child's name if the qualifying "
        "person is a child but not your dependent:"
    )
    pen.text(pen.x0 + 70, line_y - 11, note, 6, max_w=FORM_W - 72)
    if ret.mfs_spouse:
        name = f"{ret.mfs_spouse.given(pen.s.middle_dot)} {ret.mfs_spouse.last}"
        pen.value(pen.x0 + 70, line_y - 22, _case(name, pen.s))
    return line_y - 25


def _cell(pen: Pen, x: float, y: float, w: float, caption: str, value: str) -> None:
    """A captioned form box: caption small at the top left, the value printed below it."""
    pen.line(x, y, x, y - 22)
    pen.text(x + 2, y - 7, caption, pen.s.caption_size, max_w=w - 4)
    if value:
        pen.value(x + 6, y - 18.5, value, max_w=w - 8)


def _name_block(pen: Pen, y: float, ret: Return, short_caption: bool = False) -> float:
    s, x0 = pen.s, pen.x0
    initial = "initial" if short_caption else "middle initial"
    tp, sp = ret.taxpayer, ret.spouse
    spouse_ssn = sp.ssn if sp else ret.mfs_spouse.ssn if ret.mfs_spouse else ""
    rows = [
        [
            (250, f"Your first name and {initial}", _case(tp.given(s.middle_dot), s)),
            (160, "Last name", _case(tp.last, s)),
            (130, "Your social security number", _ssn_text(tp.ssn, s)),
        ],
        [
            (
                250,
                f"If joint return, spouse's first name and {initial}",
                _case(sp.given(s.middle_dot), s) if sp else "",
            ),
            (160, "Last name", _case(sp.last, s) if sp else ""),
            (
                130,
                "Spouse's social security number",
                _ssn_text(spouse_ssn, s) if spouse_ssn else "",
            ),
        ],
        [
            (
                350,
                "Home address (number and street). If you have a P.O. box, see instructions.",
                _case(ret.address.street, s),
            ),
            (60, "Apt. no.", ""),
            (130, "Presidential Election Campaign", ""),
        ],
        [
            (
                250,
                "City, town, or post office. If you have a foreign address, also complete spaces "
                "below.",
                _case(ret.address.city, s),
            ),
            (70, "State", ret.address.state),
            (90, "ZIP code", ret.address.zip),
            (
                130,
                "Check here if you, or your spouse if filing jointly, want $3 to go to this fund.",
                "",
            ),
        ],
    ]
    for row in rows:
        pen.rule(y)
        x = x0
        for w, caption, value in row:
            _cell(pen, x, y, w, caption, value)
            x += w
        y -= 22
    pen.rule(y)
    return y


def _digital_assets(pen: Pen, y: float, year: int) -> float:
    if year == 2019:
        return y
    if year >= 2022:
        lines = [
            f"At any time during {year}, did you: (a) receive (as a reward, award, or payment for "
            "property or services); or (b) sell,",
            "exchange, or otherwise dispose of a digital asset (or a financial interest in a "
            "digital asset)? (See instructions.)",
        ]
        head = "Digital Assets"
    else:
        lines = [
            f"At any time during {year}, did you receive, sell, exchange, or otherwise dispose of "
            "any financial interest in any",
            "virtual currency?",
        ]
        head = "Virtual Currency"
    pen.bold(pen.x0 + 1, y - 9, head, 7.5, max_w=64)
    for index, line in enumerate(lines):
        pen.text(pen.x0 + 70, y - 9 - index * 8, line, 6.3, max_w=FORM_W - 140)
    pen.checkbox(pen.x1 - 62, y - 18, False)
    pen.text(pen.x1 - 53, y - 17, "Yes", 7)
    pen.checkbox(pen.x1 - 32, y - 18, True)
    pen.text(pen.x1 - 23, y - 17, "No", 7)
    pen.rule(y - 21)
    return y - 21


def _standard_deduction(pen: Pen, y: float, ret: Return) -> float:
    pen.bold(pen.x0 + 1, y - 9, "Standard", 7.5)
    pen.bold(pen.x0 + 1, y - 17, "Deduction", 7.5)
    pen.text(pen.x0 + 70, y - 9, "Someone can claim:", 7)
    pen.checkbox(pen.x0 + 140, y - 10, False)
    pen.text(pen.x0 + 150, y - 9, "You as a dependent", 7)
    pen.checkbox(pen.x0 + 230, y - 10, False)
    pen.text(pen.x0 + 240, y - 9, "Your spouse as a dependent", 7)
    pen.checkbox(pen.x0 + 70, y - 20, False)
    pen.text(
        pen.x0 + 80,
        y - 19,
        "Spouse itemizes on a separate return or you were a dual-status alien",
        7,
        max_w=FORM_W - 84,
    )
    born = f"January 2, {ret.year - 64}"
    pen.bold(pen.x0 + 1, y - 31, "Age/Blindness", 7.5)
    x = pen.x0 + 70
    parts: list[tuple[str, bool]] = [
        ("You:", False),
        (f"Were born before {born}", ret.senior),
        ("Are blind", False),
        ("Spouse:", False),
        (f"Was born before {born}", ret.senior and bool(ret.spouse)),
        ("Is blind", False),
    ]
    for label, checked in parts:
        if label.endswith(":"):
            x += pen.bold(x, y - 31, label, 7) + 4
            continue
        pen.checkbox(x, y - 32, checked)
        x += pen.text(x + 9, y - 31, label, 6.8) + 16
    pen.rule(y - 36)
    return y - 36


def _dependents_table(pen: Pen, y: float, ret: Return, rows: int = 4) -> float:
    x0, cs = pen.x0, pen.s.caption_size
    pen.bold(x0 + 1, y - 9, "Dependents", 8.5)
    pen.text(x0 + 1, y - 17, "(see instructions)", 6)
    heads = [
        (x0 + 70, "(1) First name     Last name"),
        (x0 + 250, "(2) Social security number"),
        (x0 + 350, "(3) Relationship to you"),
        (x0 + 440, "(4) Child tax credit / Other dep."),
    ]
    for x, head in heads:
        pen.text(x + 2, y - 9, head, cs, max_w=96 if x > x0 + 200 else 170)
        pen.line(x, y, x, y - 12 - 11 * rows)
    y -= 12
    for index in range(rows):
        pen.line(x0 + 70, y, pen.x1, y)
        if index < len(ret.dependents):
            dep = ret.dependents[index]
            s = pen.s
            pen.value(
                x0 + 74, y - 9, _case(f"{dep.person.first} {dep.person.last}", s), max_w=172, cap=9
            )
            pen.value(x0 + 254, y - 9, dep.person.ssn, max_w=92, cap=9)
            pen.value(x0 + 354, y - 9, _case(dep.relationship, s), max_w=82, cap=9)
            pen.checkbox(x0 + 455, y - 9, dep.child_credit)
            pen.checkbox(x0 + 505, y - 9, not dep.child_credit)
        y -= 11
    pen.rule(y)
    return y


def _direct_deposit(pen: Pen, y: float, ret: Return) -> float:
    """Lines b-d under the refund line: routing number, account type, account number."""
    x, h = pen.x0 + 58, pen.row_h
    base = y - h + 3
    pen.bold(x, base, "b", pen.s.label_size)
    pen.text(x + 14, base, "Routing number")
    pen.c.rect(x + 90, y - h + 1, 120, h - 2)
    if ret.routing:
        pen.value(x + 94, base, ret.routing)
    pen.bold(x + 230, base, "c", pen.s.label_size)
    pen.text(x + 240, base, "Type:")
    pen.checkbox(x + 266, base - 1, bool(ret.routing))
    pen.text(x + 275, base, "Checking")
    pen.checkbox(x + 316, base - 1, False)
    pen.text(x + 325, base, "Savings")
    base -= h
    pen.bold(x, base, "d", pen.s.label_size)
    pen.text(x + 14, base, "Account number")
    pen.c.rect(x + 90, y - 2 * h + 1, 200, h - 2)
    if ret.account:
        pen.value(x + 94, base, ret.account)
    return y - 2 * h


def _sign_block(pen: Pen, y: float, ret: Return, rng: random.Random, preparer: list[str]) -> float:
    x0, s = pen.x0, pen.s
    pen.rule(y, 0.8)
    pen.bold(x0 + 1, y - 10, "Sign", 10)
    pen.bold(x0 + 1, y - 21, "Here", 10)
    perjury = (
        "Under penalties of perjury, I declare that I have examined this return and "
        "accompanying schedules and statements, and to the best of my knowledge and belief, "
        "they are true, correct, and complete."
    )
    pen.text(x0 + 58, y - 8, perjury, 5.8, max_w=FORM_W - 60)
    y -= 11
    date = f"{rng.randint(2, 4):02d}/{rng.randint(1, 28):02d}/{ret.year + 1}"
    rows = [("Your signature", "Date", "Your occupation", ret.occupations[0])]
    if ret.spouse:
        rows.append(
            (
                "Spouse's signature. If a joint return, both must sign.",
                "Date",
                "Spouse's occupation",
                ret.occupations[1],
            )
        )
    for sig, date_cap, occ_cap, occ in rows:
        pen.line(x0 + 56, y, pen.x1, y)
        for x, w, cap, value in (
            (x0 + 56, 200, sig, ""),
            (x0 + 256, 70, date_cap, date),
            (x0 + 326, 120, occ_cap, _case(occ, s)),
            (x0 + 446, 94, "Identity Protection PIN", ""),
        ):
            _cell(pen, x, y, w, cap, value)
        y -= 22
    pen.rule(y, 0.8)
    pen.bold(x0 + 1, y - 10, "Paid", 9)
    pen.bold(x0 + 1, y - 20, "Preparer", 9)
    pen.bold(x0 + 1, y - 30, "Use Only", 9)
    name, firm, ptin, ein, phone, firm_address = preparer
    for cells in (
        [
            (200, "Preparer's name", name),
            (130, "Preparer's signature", ""),
            (70, "Date", date if ptin else ""),
            (80, "PTIN", ptin),
        ],
        [(320, "Firm's name", firm), (164, "Phone no.", phone)],
        [(320, "Firm's address", firm_address), (164, "Firm's EIN", ein)],
    ):
        x = x0 + 56
        pen.line(x, y, pen.x1, y)
        for w, cap, value in cells:
            _cell(pen, x, y, w, cap, _case(value, s))
            x += w
        y -= 22
    pen.rule(y, 0.8)
    return y


def _preparer(rng: random.Random) -> list[str]:
    if rng.random() < 0.45:
        return ["Self-Prepared", "", "", "", "", ""]
    person = _person(rng)
    ein = f"{rng.randint(10, 98)}-{rng.randint(1000000, 9999999)}"
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    return [
        f"{person.first} {person.last}",
        rng.choice(PREPARER_FIRMS),
        f"P{rng.randint(10**7, 10**8 - 1):08d}",
        ein,
        phone,
        ", ".join(_address(rng).truth().values()),
    ]


def _footer(pen: Pen, year: int, form: str, first: bool) -> None:
    y = 30 + pen.s.dy
    if first:
        pen.text(
            pen.x0,
            y,
            "For Disclosure, Privacy Act, and Paperwork Reduction Act Notice, see "
            "separate instructions.",
            6.5,
            max_w=300,
        )
        pen.text(pen.x0 + 330, y, "Cat. No. 11320B" if form == "1040" else "Cat. No. 71930F", 6.5)
    else:
        pen.text(
            pen.x0,
            y,
            f"Go to www.irs.gov/Form{form} for instructions and the latest information.",
            6.5,
        )
    pen.text(pen.x1, y, f"Form {form} ({year})", 7.5, align="right")
    pen.text(pen.x0, 16, pen.s.rev_code, 5.5, "Courier")


def _page_head(pen: Pen, year: int, form: str, page: int) -> float:
    y = PAGE_H - 30 + pen.s.dy
    pen.text(pen.x0, y - 8, f"Form {form} ({year})", 7.5)
    pen.text(pen.x1, y - 8, f"Page {page}", 7.5, align="right")
    return y - 12


# --------------------------------------------------------------------------- pages


def _income_sections(year: int) -> list[Row]:
    return [*_wage_rows(year), *_investment_rows(year), *_total_rows(year)]


def _page_one(pen: Pen, ret: Return, sr: bool, rows: list[Row]) -> None:
    y = PAGE_H - 30 + pen.s.dy
    y = _header(pen, y, ret.year, sr)
    y = _filing_status(pen, y, ret)
    y = _name_block(pen, y, ret)
    y = _digital_assets(pen, y, ret.year)
    y = _standard_deduction(pen, y, ret)
    y = _dependents_table(pen, y, ret, 3 if sr else 4)
    pen.fit_rows(y, len(rows), 200 if sr else 48)
    y = _draw_sections(pen, y, [("Income", rows)], ret.amounts)
    if sr:
        _deduction_chart(pen, y - 10, ret.year)
    _footer(pen, ret.year, "1040-SR" if sr else "1040", True)


def _deduction_chart(pen: Pen, y: float, year: int) -> None:
    """The 1040-SR's Standard Deduction Chart: more figures a careless reader could take."""
    single, joint, hoh = STANDARD_DEDUCTION[year]
    married, unmarried = SENIOR_EXTRA[year]
    widow = "Qualifying surviving spouse" if year >= 2022 else "Qualifying widow(er)"
    groups = [
        ("Single", single, unmarried, 2),
        ("Married filing jointly", joint, married, 4),
        (widow, joint, married, 2),
        ("Married filing separately", single, married, 4),
        ("Head of household", hoh, unmarried, 2),
    ]
    x0, size, step = pen.x0 + 58, 7.0, 10.0
    pen.bold(x0, y - 8, "Standard Deduction Chart*", 8)
    note = (
        "*Add the number of boxes checked in the Age/Blindness section of Standard Deduction "
        "on page 1."
    )
    pen.text(x0 + 120, y - 8, note, 6, max_w=FORM_W - 180)
    y -= 12
    pen.c.rect(x0, y - step * (len(groups) + 1) - 3, FORM_W - 58, step * (len(groups) + 1) + 3)
    pen.bold(x0 + 3, y - 8, "IF your filing status is...", size)
    pen.bold(
        x0 + 150,
        y - 8,
        "AND the number of boxes checked is... THEN your standard deduction is...",
        size,
        max_w=FORM_W - 212,
    )
    for label, base, extra, boxes in groups:
        y -= step
        pen.text(x0 + 3, y - 8, label, size)
        for count in range(1, boxes + 1):
            x = x0 + 150 + (count - 1) * 80
            pen.text(x, y - 8, f"{count}", size)
            pen.text(x + 62, y - 8, f"${base + count * extra:,}", size, align="right")


def _page_two(pen: Pen, ret: Return, sr: bool, rows: list[Row], rng: random.Random) -> None:
    form = "1040-SR" if sr else "1040"
    y = _page_head(pen, ret.year, form, 2)
    sections = _tax_sections(ret.year)
    if rows:
        sections = [("Income", rows), *sections]
    signers = 2 if ret.spouse else 1
    pen.fit_rows(y, sum(len(rows) for _, rows in sections) + 2, 48 + 100 + 22 * signers)
    y = _draw_with_deposit(pen, y, sections, ret)
    y -= 2
    pen.bold(pen.x0 + 1, y - 9, "Third Party Designee", 7.5)
    pen.text(
        pen.x0 + 92,
        y - 9,
        "Do you want to allow another person to discuss this return with the IRS? See instructions",
        6.5,
        max_w=340,
    )
    pen.checkbox(pen.x1 - 62, y - 10, False)
    pen.text(pen.x1 - 53, y - 9, "Yes", 7)
    pen.checkbox(pen.x1 - 32, y - 10, True)
    pen.text(pen.x1 - 23, y - 9, "No", 7)
    _sign_block(pen, y - 14, ret, rng, _preparer(rng))
    _footer(pen, ret.year, form, False)


def _split_for_sr(year: int) -> tuple[list[Row], list[Row]]:
    rows = _income_sections(year)
    cut = max(i for i, row in enumerate(rows) if len(row) == 2) + 1
    return rows[:cut], rows[cut:]


def _draw_return(canvas: Canvas, pen: Pen, ret: Return, sr: bool, rng: random.Random) -> None:
    if sr:
        first, rest = _split_for_sr(ret.year)
    else:
        first, rest = _income_sections(ret.year), []
    _page_one(pen, ret, sr, first)
    canvas.showPage()
    _page_two(pen, ret, sr, rest, rng)
    canvas.showPage()


# --------------------------------------------------------------------------- 2018 return


def _rows_2018() -> list[Section]:
    return [
        (
            "Income",
            [
                _one("1", "Wages, salaries, tips, etc. Attach Form(s) W-2", "wages"),
                _pair(
                    "2", "Tax-exempt interest", "tax_exempt_int", "Taxable interest", "taxable_int"
                ),
                _pair("3", "Qualified dividends", "qual_div", "Ordinary dividends", "ord_div"),
                _pair(
                    "4",
                    "IRAs, pensions, and annuities",
                    "ira_pen",
                    "Taxable amount",
                    "ira_pen_taxable",
                ),
                _pair("5", "Social security benefits", "ss", "Taxable amount", "ss_taxable"),
                _one(
                    "6",
                    "Total income. Add lines 1 through 5. Add any amount from Schedule 1, line 22",
                    "total_income",
                ),
                _one(
                    "7",
                    "Adjusted gross income. Subtract Schedule 1, line 36, from line 6",
                    "agi",
                ),
                _one(
                    "8", "Standard deduction or itemized deductions (see instructions)", "deduction"
                ),
                _one("9", "Qualified business income deduction (see instructions)", "qbi"),
                _one(
                    "10",
                    "Taxable income. Subtract lines 8 and 9 from line 7. If zero or less, enter "
                    "-0-",
                    "taxable",
                ),
            ],
        ),
        (
            "Tax and Credits",
            [
                _one(
                    "11",
                    "a Tax (see inst.)  b Add any amount from Schedule 2 and check here",
                    "tax_plus",
                ),
                _one(
                    "12",
                    "a Child tax credit/credit for other dependents  b Add any amount from "
                    "Schedule 3",
                    "credits",
                ),
                _one(
                    "13",
                    "Subtract line 12 from line 11. If zero or less, enter -0-",
                    "after_credits",
                ),
                _one("14", "Other taxes. Attach Schedule 4", "other_taxes"),
                _one("15", "Total tax. Add lines 13 and 14", "total_tax"),
            ],
        ),
        (
            "Payments",
            [
                _one("16", "Federal income tax withheld from Forms W-2 and 1099", "wh_total"),
                _one(
                    "17",
                    "Refundable credits: a EIC (see inst.)  b Sch. 8812  c Form 8863. Add any "
                    "amount from Schedule 5",
                    "other_pay",
                ),
                _one("18", "Add lines 16 and 17. These are your total payments", "total_pay"),
            ],
        ),
        (
            "Refund",
            [
                _one(
                    "19",
                    "If line 18 is more than line 15, subtract line 15 from line 18. This is the "
                    "amount you overpaid",
                    "overpaid",
                ),
                _one(
                    "20a",
                    "Amount of line 19 you want refunded to you. If Form 8888 is attached, check "
                    "here",
                    "refund",
                ),
                _one(
                    "21",
                    "Amount of line 19 you want applied to your 2019 estimated tax",
                    None,
                    col="inner",
                ),
            ],
        ),
        (
            "Amount You Owe",
            [
                _one(
                    "22",
                    "Amount you owe. Subtract line 18 from line 15. For details on how to pay, see "
                    "instructions",
                    "owe",
                ),
                _one("23", "Estimated tax penalty (see instructions)", None, col="inner"),
            ],
        ),
    ]


def _page_one_2018(pen: Pen, ret: Return, rng: random.Random) -> None:
    y = PAGE_H - 30 + pen.s.dy
    y = _header(pen, y, 2018, False)
    pen.bold(pen.x0 + 1, y - 10, "Filing status:", 8)
    x = pen.x0 + 64
    for key, label in (
        ("single", "Single"),
        ("mfj", "Married filing jointly"),
        ("mfs", "Married filing separately"),
        ("hoh", "Head of household"),
        ("qss", "Qualifying widow(er)"),
    ):
        pen.checkbox(x, y - 11, ret.status == key)
        x += pen.text(x + 9, y - 10, label, 7.2) + 16
    y = _name_block(pen, y - 15, ret, short_caption=True)
    pen.text(pen.x0 + 2, y - 9, "Full-year health care coverage or exempt (see inst.)", 7)
    pen.checkbox(pen.x0 + 200, y - 10, True)
    y = _standard_deduction(pen, y - 12, ret)
    y = _dependents_table(pen, y, ret)
    _sign_block(pen, y - 6, ret, rng, _preparer(rng))
    _footer(pen, 2018, "1040", True)


def _draw_2018(canvas: Canvas, pen: Pen, ret: Return, rng: random.Random) -> None:
    _page_one_2018(pen, ret, rng)
    canvas.showPage()
    y = _page_head(pen, 2018, "1040", 2)
    sections = _rows_2018()
    pen.fit_rows(y, sum(len(rows) for _, rows in sections) + 2, 48)
    _draw_with_deposit(pen, y, sections, ret)
    _footer(pen, 2018, "1040", False)
    canvas.showPage()


# --------------------------------------------------------------------------- summary page


SUMMARY_ROWS = (
    (("Total income", "Gross income", "Total income"), "total_income"),
    (("Adjustments to income", "Adjustments", "Total adjustments"), "adj_total"),
    (("Adjusted gross income", "Adjusted gross income (AGI)", "AGI"), "agi"),
    (("Standard/itemized deduction", "Deductions", "Total deductions"), "ded_total"),
    (("Taxable income", "Taxable income", "Taxable income"), "taxable"),
    (("Total tax", "Tax liability", "Total federal tax"), "total_tax"),
    (("Federal income tax withheld", "Withholding", "Tax withheld"), "wh_total"),
    (("Total payments", "Payments and credits", "Total payments and credits"), "total_pay"),
)


def _prior_year(rng: random.Random, a: dict[str, int]) -> dict[str, int]:
    factor = rng.uniform(0.82, 1.06)
    prior = {key: int(value * factor) // 100 * 100 for key, value in a.items()}
    prior["agi"] = prior["total_income"] - prior["adj_total"]
    prior["taxable"] = max(0, prior["agi"] - prior["ded_total"])
    return prior


def _summary_page(pen: Pen, ret: Return, rng: random.Random) -> None:
    c, s = pen.c, pen.s
    name, code = rng.choice(SOFTWARE)
    firm = rng.choice(PREPARER_FIRMS) if rng.random() < 0.5 else name
    x0, y = 54 + s.dx, PAGE_H - 54
    body = rng.choice([9.0, 9.5, 10.0])
    pen.bold(x0, y, firm, 13)
    title = rng.choice(
        [
            "Federal Return Summary",
            f"{ret.year} Federal Tax Return Summary",
            f"Tax Return Summary - {ret.year}",
            f"{ret.year} Return Summary",
        ]
    )
    pen.bold(x0, y - 22, title, 12)
    c.setLineWidth(1)
    c.line(x0, y - 28, PAGE_W - x0, y - 28)
    tp, sp = ret.taxpayer, ret.spouse
    names = tp.natural() + (f" and {sp.natural()}" if sp else "")
    if sp and sp.last == tp.last and rng.random() < 0.5:
        names = f"{tp.given(s.middle_dot)} & {sp.given(s.middle_dot)} {tp.last}"
    prepared = f"{rng.choice(['Feb', 'Mar', 'Apr'])} {rng.randint(1, 28)}, {ret.year + 1}"
    info = [
        (rng.choice(["Prepared for", "Taxpayer(s)", "Client"]), _case(names, s)),
        ("SSN", f"XXX-XX-{tp.ssn[-4:]}" + (f" / XXX-XX-{sp.ssn[-4:]}" if sp else "")),
        ("Filing status", STATUS_TEXT[ret.status]),
        ("Tax year", str(ret.year)),
        ("Date prepared", prepared),
        ("Form", "1040-SR" if ret.senior else "1040"),
    ]
    yy = y - 46
    for label, value in info:
        pen.text(x0, yy, f"{label}:", body, "Helvetica-Bold")
        pen.text(x0 + 110, yy, value, body, "Helvetica", max_w=PAGE_W - x0 * 2 - 110)
        yy -= body + 4
    yy -= 10
    prior = _prior_year(rng, ret.amounts) if rng.random() < 0.55 else None
    yy = _summary_table(pen, x0, yy, ret, prior, body, rng)
    _summary_state(pen, x0, yy - 20, ret, body)
    pen.text(x0, 40, f"Prepared with {name} - this summary is not a tax form.", 7, "Helvetica")
    pen.text(PAGE_W - x0, 40, f"{code}-{rng.randint(1000, 9999)}", 7, "Helvetica", align="right")


def _summary_table(
    pen: Pen,
    x0: float,
    y: float,
    ret: Return,
    prior: dict[str, int] | None,
    body: float,
    rng: random.Random,
) -> float:
    variant = rng.randrange(3)
    right = PAGE_W - x0
    cols = [(right - 110, str(ret.year - 1)), (right, str(ret.year))] if prior else [(right, "")]
    pen.c.setFillGray(0.88)
    pen.c.rect(x0, y - 4, right - x0, body + 6, stroke=0, fill=1)
    pen.c.setFillGray(0)
    pen.text(x0 + 4, y, "Federal", body, "Helvetica-Bold")
    for x, head in cols:
        pen.text(x - 4, y, head or "Amount", body, "Helvetica-Bold", align="right")
    y -= body + 8
    style = replace(pen.s, money="cents" if pen.s.money == "cents" else "plain")
    rows = [(labels[variant], key) for labels, key in SUMMARY_ROWS]
    a = ret.amounts
    rows.append(("Refund" if a["refund"] else "Amount you owe", "refund" if a["refund"] else "owe"))
    for label, key in rows:
        pen.text(x0 + 4, y, label, body, "Helvetica")
        values = [prior[key]] if prior else []
        for (x, _), value in zip(cols, [*values, a[key]], strict=True):
            pen.text(x - 4, y, "$" + _fmt(value, style), body, "Helvetica", align="right")
        pen.c.setLineWidth(0.3)
        pen.c.line(x0, y - 4, right, y - 4)
        y -= body + 7
    rate = a["total_tax"] * 1000 // max(a["agi"], 1)
    pen.text(x0 + 4, y - 6, f"Effective tax rate: {rate / 10:.1f}%", body, "Helvetica")
    bracket = next(
        r
        for top, r in (
            (22000, 10),
            (89450, 12),
            (190750, 22),
            (364200, 24),
            (462500, 32),
            (10**9, 35),
        )
        if a["taxable"] / 100 <= top
    )
    pen.text(x0 + 200, y - 6, f"Marginal tax rate: {bracket}%", body, "Helvetica")
    return y - 6 - body


def _summary_state(pen: Pen, x0: float, y: float, ret: Return, body: float) -> float:
    """A state block and the filing instructions, with more figures that are not wages."""
    a, right = ret.amounts, PAGE_W - x0
    state_tax = a["taxable"] * 4 // 100 // 100 * 100
    withheld = state_tax + (a["wh_w2"] - a["after_credits"]) // 4 // 100 * 100
    pen.bold(x0, y, f"State return ({ret.address.state})", body + 1)
    y -= body + 6
    for label, value in (
        ("State adjusted gross income", a["agi"]),
        ("State tax", state_tax),
        ("State withholding", max(withheld, 0)),
    ):
        pen.text(x0 + 4, y, label, body, "Helvetica")
        pen.text(
            right - 4,
            y,
            "$" + _fmt(value, replace(pen.s, money="plain")),
            body,
            "Helvetica",
            align="right",
        )
        y -= body + 5
    y -= 8
    pen.bold(x0, y, "Filing instructions", body + 1)
    due = f"April {15 if ret.year != 2021 else 18}, {ret.year + 1}"
    if a["refund"]:
        text = (
            f"Your federal refund of ${_fmt(a['refund'], replace(pen.s, money='plain'))} will "
            "be issued by the IRS after your return is accepted."
        )
    else:
        text = (
            f"Pay the balance due of ${_fmt(a['owe'], replace(pen.s, money='plain'))} by "
            f"{due} to avoid penalties and interest."
        )
    lines = [
        text,
        f"Your return is due {due}. Keep a copy of your return for your records.",
        "Do not attach this summary to your return.",
    ]
    for line in lines:
        y -= body + 4
        pen.text(x0 + 4, y, line, body - 0.5, "Helvetica", max_w=right - x0 - 8)
    return y


# --------------------------------------------------------------------------- build


def _truth(ret: Return, page: int, pdf: bytes, notes: str, style: Style) -> WildDocument:
    people = [ret.taxpayer] + ([ret.spouse] if ret.spouse else [])
    dot = style.middle_dot
    borrowers = [
        {
            "name": f"{p.given(dot)} {p.last}",
            "ssn_last4": p.ssn[-4:],
            "address": ret.address.truth(),
        }
        for p in people
    ]
    wages = ret.amounts["wages"]
    income = {
        "borrower": borrowers[0]["name"],
        "amount": f"{wages // 100}.{wages % 100:02d}",
        "period": "annual",
        "year": ret.year,
        "source_type": "form_1040",
        "employer": None,
        "page": page,
    }
    return WildDocument(
        pdf=pdf,
        doc_type="form_1040",
        borrowers=borrowers,
        income_records=[income],
        notes=notes,
        text_size=style.label_size,
    )


def _notes(layout: str, ret: Return) -> str:
    line = "1z (1a is W-2 only)" if ret.year >= 2022 else "1"
    parts = {
        "irs_1040_tax_program": f"{ret.year} Form 1040 from tax software; wages on line {line}",
        "irs_1040_sr": f"{ret.year} Form 1040-SR; wages on line {line}, pensions/SS nearby",
        "software_summary_then_1040": "return summary page (total income, AGI, maybe prior year) "
        f"before the {ret.year} Form 1040; wages on line {line} of the form",
        "irs_1040_2018_two_page": "2018 Form 1040; names on page 1, wages on line 1 of page 2",
    }[layout]
    extra = []
    if ret.status == "mfj":
        extra.append("joint return")
    if ret.mfs_spouse:
        extra.append("MFS spouse named but not a taxpayer")
    if ret.dependents:
        extra.append("dependents are not borrowers")
    totals = {2018: "6/7", 2019: "7b/8b"}.get(ret.year, "9/11")
    return "; ".join([parts, *extra]) + f"; lines {totals} are total income and AGI."


def build(rng: random.Random, layout: str) -> WildDocument:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown form_1040 layout: {layout}")
    senior = layout == "irs_1040_sr"
    year = 2018 if layout == "irs_1040_2018_two_page" else rng.randint(2019, 2024)
    style = _style(rng, year)
    ret = _return(rng, year, senior, style.money != "cents")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1)
    canvas.setTitle(f"Form 1040 ({year})")
    pen = Pen(canvas, style)
    page = 1
    if layout == "software_summary_then_1040":
        _summary_page(pen, ret, rng)
        canvas.showPage()
        page = 2
    if layout == "irs_1040_2018_two_page":
        _draw_2018(canvas, pen, ret, rng)
        page = 2
    else:
        _draw_return(canvas, pen, ret, senior, rng)
    canvas.save()
    return _truth(ret, page, buffer.getvalue(), _notes(layout, ret), style)
