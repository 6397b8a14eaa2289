"""Schedules C (Profit or Loss From Business) and E (Supplemental Income and Loss) as filed
with a Form 1040: their figures, and their pages in an IRS-like layout or a tax-software print.

Schedule C: Part I lines 1-7 (gross receipts ... gross income), the expenses of Part II in two
columns (8-27a), 28 total expenses, 29 tentative profit or (loss), 30 business use of home
(with the simplified method's square footage printed in its caption), 31 net profit or (loss);
an optional page 2 (cost of goods sold, line 42, and other expenses, line 48). Schedule E
Part I: one to three properties (rents, royalties and expenses per property, lines 3-22), the
totals 23a-23e, 24 income, 25 losses and 26 total rental real estate and royalty income or
(loss); an optional page 2 with a partnership's income and line 41.

The figures add up as the forms say. Losses print as "(1,234)" or "-1,234", drawn per document;
a box with printed parentheses (Schedule E lines 22 and 25) holds the bare figure. IRS-like
pages put a multi-row line's amount on its first or on its last row, drawn per document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.domain.model import Address
from pipeline.samples.randomized import people
from pipeline.samples.randomized.draw import Column, Sheet, TableStyle, form_cell, table
from pipeline.samples.randomized.people import Person
from pipeline.samples.randomized.spec import Spec

ZERO = Decimal(0)

# (principal business, code, words a business name is made of; None: usually no name)
ACTIVITIES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("Landscaping services", "561730", ("Landscaping", "Lawn & Garden", "Grounds Care")),
    ("Graphic design", "541430", ("Design Studio", "Creative", "Graphics")),
    ("Residential remodeling", "236118", ("Remodeling", "Home Improvement", "Builders")),
    ("Real estate agent", "531210", ("Realty", "Real Estate Services", "Properties")),
    ("Management consulting", "541611", ("Consulting", "Advisory Group", "Strategy Partners")),
    ("Photography", "541920", ("Photography", "Photo Studio", "Imaging")),
    ("House cleaning", "561720", ("Cleaning Co.", "Maid Service", "Cleaning Services")),
    ("Bookkeeping services", "541219", ("Bookkeeping", "Accounting Services", "Tax & Books")),
    ("Food truck", "722330", ("Kitchen", "Street Eats", "Food Co.")),
    ("Rideshare driver", "485310", None),
    ("Personal training", "812990", ("Fitness", "Training", "Wellness")),
    ("Software development", "541511", ("Software", "Labs", "Digital")),
    ("Dog grooming", "812910", ("Grooming", "Pet Spa", "Paws")),
)
BUSINESS_HEADS = (
    "Blue Heron",
    "Copperleaf",
    "Ironwood",
    "Kestrel",
    "Marigold",
    "Tidewater",
    "Granite Peak",
    "Lakeshore",
    "Silver Pine",
    "Redstone",
    "Cobalt",
    "Larkspur",
    "Fairhaven",
    "Juniper Hill",
    "Sterling Mesa",
    "Bright Harbor",
    "Oakhurst",
    "Quarry Lane",
)
# Part II: the left column (8-17) and the right column (18-27a), as (line, caption).
C_EXPENSES_LEFT = (
    ("8", "Advertising"),
    ("9", "Car and truck expenses"),
    ("10", "Commissions and fees"),
    ("11", "Contract labor"),
    ("12", "Depletion"),
    ("13", "Depreciation and section 179 expense"),
    ("14", "Employee benefit programs"),
    ("15", "Insurance (other than health)"),
    ("16a", "Mortgage interest (paid to banks)"),
    ("16b", "Other interest"),
    ("17", "Legal and professional services"),
)
C_EXPENSES_RIGHT = (
    ("18", "Office expense"),
    ("19", "Pension and profit-sharing plans"),
    ("20a", "Rent/lease: vehicles, equipment"),
    ("20b", "Rent/lease: other business property"),
    ("21", "Repairs and maintenance"),
    ("22", "Supplies (not included in Part III)"),
    ("23", "Taxes and licenses"),
    ("24a", "Travel"),
    ("24b", "Deductible meals"),
    ("25", "Utilities"),
    ("26", "Wages (less employment credits)"),
    ("27a", "Other expenses (from line 48)"),
)
C_LINES = {
    "1": "Gross receipts or sales. See instructions for line 1 and check the box if this income "
    "was reported to you on Form W-2 and the \u201cStatutory employee\u201d box was checked",
    "2": "Returns and allowances",
    "3": "Subtract line 2 from line 1",
    "4": "Cost of goods sold (from line 42)",
    "5": "Gross profit. Subtract line 4 from line 3",
    "6": "Other income, including federal and state gasoline or fuel tax credit or refund",
    "7": "Gross income. Add lines 5 and 6",
    "28": "Total expenses before expenses for business use of home. Add lines 8 through 27a",
    "29": "Tentative profit or (loss). Subtract line 28 from line 7",
    "31": "Net profit or (loss). Subtract line 30 from line 29.",
}
PROPERTY_TYPES = {
    1: "Single Family Residence",
    2: "Multi-Family Residence",
    3: "Vacation/Short-Term Rental",
    4: "Commercial",
    5: "Land",
    6: "Royalties",
    7: "Self-Rental",
    8: "Other",
}
E_EXPENSES = (
    ("5", "Advertising"),
    ("6", "Auto and travel (see instructions)"),
    ("7", "Cleaning and maintenance"),
    ("8", "Commissions"),
    ("9", "Insurance"),
    ("10", "Legal and other professional fees"),
    ("11", "Management fees"),
    ("12", "Mortgage interest paid to banks, etc."),
    ("13", "Other interest"),
    ("14", "Repairs"),
    ("15", "Supplies"),
    ("16", "Taxes"),
    ("17", "Utilities"),
    ("18", "Depreciation expense or depletion"),
    ("19", "Other (list)"),
)
# Schedule E's totals: (line, the form's wording, a tax program's shorter one)
E_TOTALS = (
    (
        "23a",
        "Total of all amounts reported on line 3 for all rental properties",
        "Total rents received, all properties",
    ),
    (
        "23b",
        "Total of all amounts reported on line 4 for all royalty properties",
        "Total royalties received, all properties",
    ),
    (
        "23c",
        "Total of all amounts reported on line 12 for all properties",
        "Total mortgage interest, all properties",
    ),
    (
        "23d",
        "Total of all amounts reported on line 18 for all properties",
        "Total depreciation, all properties",
    ),
    (
        "23e",
        "Total of all amounts reported on line 20 for all properties",
        "Total expenses, all properties",
    ),
    (
        "24",
        "Income. Add positive amounts shown on line 21. Do not include any losses",
        "Income (positive amounts from line 21)",
    ),
    (
        "25",
        "Losses. Add royalty losses from line 21 and rental real estate losses from "
        "line 22. Enter total losses here",
        "Losses (from lines 21 and 22)",
    ),
    (
        "26",
        "Total rental real estate and royalty income or (loss). Combine lines 24 and 25",
        "Total rental real estate and royalty income or (loss)",
    ),
)
VENDORS = ("TaxPrep Pro", "EasyFile Tax Software", "LedgerLine Tax", "Filewise Desktop")


def _whole(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high))


def _split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` (whole dollars) cut into ``parts`` positive amounts."""
    weights = [rng.uniform(0.2, 1.0) for _ in range(parts)]
    scale = sum(weights)
    amounts = [max(Decimal(1), (total * Decimal(w / scale)).quantize(Decimal(1))) for w in weights]
    amounts[-1] += total - sum(amounts, ZERO)
    if amounts[-1] <= 0:
        amounts[0] += amounts[-1] - 1
        amounts[-1] = Decimal(1)
    return amounts


@dataclass
class ScheduleC:
    proprietor: Person
    activity: str
    code: str
    business: str | None
    ein: str | None
    address: Address | None
    lines: dict[str, Decimal]
    square_feet: tuple[int, int] | None = None  # simplified method: home, business part
    cogs: dict[str, Decimal] = field(default_factory=dict)  # page 2, lines 35-42
    other_expenses: list[tuple[str, Decimal]] = field(default_factory=list)  # page 2, line 48

    @property
    def net(self) -> Decimal:
        return self.lines["31"]


@dataclass
class Rental:
    address: Address
    kind: int
    fair_days: int
    personal_days: int
    lines: dict[str, Decimal]  # 3, 4, 5-19, 20, 21, 22


@dataclass
class ScheduleE:
    names: list[Person]
    properties: list[Rental]
    lines: dict[str, Decimal]  # 23a-26, 41 when page 2 is printed
    partnership: tuple[str, Decimal] | None = None  # page 2: name, ordinary income

    @property
    def net(self) -> Decimal:
        return self.lines["26"]


def schedule_c(rng: random.Random, proprietor: Person) -> ScheduleC:
    activity, code, trades = rng.choice(ACTIVITIES)
    business = None
    if trades and rng.random() < 0.72:
        head = rng.choice((*BUSINESS_HEADS, proprietor.last, proprietor.last))
        business = f"{head} {rng.choice(trades)}"
        if rng.random() < 0.35:
            business += rng.choice((" LLC", " LLC", " Co."))
    lines: dict[str, Decimal] = {"1": _whole(rng, 14_000, 420_000)}
    gross = lines["1"]
    if rng.random() < 0.2:
        lines["2"] = _whole(rng, 100, int(gross) // 30 + 100)
    lines["3"] = gross - lines.get("2", ZERO)
    cogs: dict[str, Decimal] = {}
    if rng.random() < 0.3:
        cogs["35"] = _whole(rng, 0, 20_000)
        cogs["36"] = lines["3"] * rng.randint(10, 40) // 100
        if rng.random() < 0.5:
            cogs["37"] = _whole(rng, 500, 15_000)
        cogs["38"] = _whole(rng, 200, 9_000)
        cogs["40"] = sum(cogs.values(), ZERO)
        cogs["41"] = _whole(rng, 0, int(cogs["35"]) + 5_000)
        cogs["42"] = cogs["40"] - cogs["41"]
        lines["4"] = cogs["42"]
    lines["5"] = lines["3"] - lines.get("4", ZERO)
    if rng.random() < 0.15:
        lines["6"] = _whole(rng, 50, 3_000)
    lines["7"] = lines["5"] + lines.get("6", ZERO)
    loss = rng.random() < 0.25
    share = rng.uniform(1.04, 1.6) if loss else rng.uniform(0.2, 0.85)
    expenses_total = max(Decimal(500), (lines["7"] * Decimal(share)).quantize(Decimal(1)))
    keys = rng.sample([k for k, _c in (*C_EXPENSES_LEFT, *C_EXPENSES_RIGHT)], rng.randint(3, 9))
    for key, amount in zip(keys, _split(rng, expenses_total, len(keys)), strict=True):
        lines[key] = amount
    other: list[tuple[str, Decimal]] = []
    if "27a" in lines:
        items = rng.sample(
            (
                "Bank fees",
                "Software subscriptions",
                "Continuing education",
                "Telephone",
                "Postage",
                "Uniforms",
                "Trade publications",
                "Small tools",
            ),
            min(3, rng.randint(1, 3)),
        )
        if lines["27a"] >= len(items):
            other = list(zip(items, _split(rng, lines["27a"], len(items)), strict=True))
    lines["28"] = sum((lines[k] for k in keys), ZERO)
    lines["29"] = lines["7"] - lines["28"]
    square_feet = None
    if lines["29"] > 1000 and rng.random() < 0.3:
        lines["30"] = min(lines["29"] - 1, _whole(rng, 300, 6_000))
        if rng.random() < 0.5:
            square_feet = (rng.randint(900, 3400), rng.randint(80, 300))
            lines["30"] = Decimal(5 * square_feet[1])
    lines["31"] = lines["29"] - lines.get("30", ZERO)
    address = people.street_address(rng)[0] if rng.random() < 0.5 else None
    return ScheduleC(
        proprietor=proprietor,
        activity=activity,
        code=code,
        business=business,
        ein=people.ein(rng) if business and rng.random() < 0.4 else None,
        address=address,
        lines=lines,
        square_feet=square_feet,
        cogs=cogs,
        other_expenses=other,
    )


def schedule_e(rng: random.Random, names: list[Person]) -> ScheduleE:
    count = rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
    royalty_at = rng.randrange(count) if rng.random() < 0.12 else None
    losing = rng.random() < 0.3
    properties = []
    for n in range(count):
        lines: dict[str, Decimal] = {}
        if n == royalty_at:
            kind = 6
            lines["4"] = _whole(rng, 800, 30_000)
            income = lines["4"]
        else:
            kind = rng.choices((1, 2, 3, 4, 7), weights=(50, 20, 12, 12, 6))[0]
            lines["3"] = _whole(rng, 6_000, 90_000)
            income = lines["3"]
        loss = losing and (n == 0 or rng.random() < 0.4)
        share = rng.uniform(1.05, 1.5) if loss else rng.uniform(0.25, 0.9)
        total = max(Decimal(300), (income * Decimal(share)).quantize(Decimal(1)))
        if kind == 6:
            keys = rng.sample(["10", "16", "18", "19"], rng.randint(1, 2))
        else:
            keys = sorted(
                {
                    "9",
                    "16",
                    *rng.sample(
                        ["5", "6", "7", "8", "10", "11", "12", "13", "14", "15", "17", "18", "19"],
                        rng.randint(1, 5),
                    ),
                },
                key=int,
            )
        for key, amount in zip(keys, _split(rng, total, len(keys)), strict=True):
            lines[key] = amount
        lines["20"] = sum((lines[k] for k in keys), ZERO)
        lines["21"] = income - lines["20"]
        if lines["21"] < 0 and kind != 6:
            # the loss allowed after the passive-activity limits (Form 8582)
            allowed = Decimal(1) if rng.random() < 0.6 else Decimal(rng.randint(20, 90)) / 100
            lines["22"] = (lines["21"] * allowed).quantize(Decimal(1))
            if lines["22"] == 0:
                lines["22"] = Decimal(-1)
        fair = rng.choice((365, 365, 365, 330, 300, 240, 180)) if kind != 6 else 0
        properties.append(
            Rental(
                address=people.street_address(rng)[0],
                kind=kind,
                fair_days=fair,
                personal_days=0 if kind != 3 else rng.randint(0, 14),
                lines=lines,
            )
        )
    totals: dict[str, Decimal] = {}
    for key, source in (("23a", "3"), ("23b", "4"), ("23c", "12"), ("23d", "18"), ("23e", "20")):
        amounts = [p.lines[source] for p in properties if source in p.lines]
        if amounts:
            totals[key] = sum(amounts, ZERO)
    profit = sum((p.lines["21"] for p in properties if p.lines["21"] > 0), ZERO)
    losses = sum((-p.lines.get("22", p.lines["21"]) for p in properties if p.lines["21"] < 0), ZERO)
    if profit:
        totals["24"] = profit
    if losses:
        totals["25"] = losses
    totals["26"] = profit - losses
    partnership = None
    if rng.random() < 0.2:
        entity = rng.choice(("Partners LP", "Holdings LLC", "Ventures"))
        partnership = (f"{rng.choice(BUSINESS_HEADS)} {entity}", _whole(rng, 1_000, 40_000))
        totals["41"] = totals["26"] + partnership[1]
    return ScheduleE(names=names, properties=properties, lines=totals, partnership=partnership)


def schedule_names(names: list[Person], upper: bool) -> str:
    """The names line of a return: "John A & Mary Doe", "John Doe & Mary Lee" or one name."""
    if len(names) == 1:
        text = names[0].truth_name
    else:
        first, second = names
        if first.last == second.last:
            given = [f"{p.first} {p.middle}" if p.middle else p.first for p in names]
            text = f"{given[0]} & {given[1]} {first.last}"
        else:
            text = f"{first.truth_name} & {second.truth_name}"
    return text.upper() if upper else text


# --- drawing: IRS-like pages ------------------------------------------------------------------


class _Form:
    """An IRS-like schedule page being drawn: sizes, columns, how losses print."""

    def __init__(self, sheet: Sheet, spec: Spec, x: float, width: float, year: int) -> None:
        rng = spec.rng
        self.sheet, self.spec, self.x, self.width, self.year = sheet, spec, x, width, year
        self.caption = rng.choice((6.5, 7.0, 7.0, 7.5))
        self.value_size = rng.choice((8.0, 8.5, 9.0))
        self.value_font = rng.choice(("Helvetica", "Courier", "Courier-Bold"))
        self.row = rng.choice((11.5, 12.0, 12.5))
        self.amount_w = 80.0
        self.box_w = 20.0
        self.right_x = x + width - self.amount_w
        self.mid_x = x + width * 0.5 - self.amount_w
        self.loss_style = rng.choice(("paren", "minus"))
        self.amount_row = rng.choice(("first", "last"))
        self.upper = spec.chance(0.6)

    def money(self, value: Decimal | None, *, bare: bool = False) -> str:
        if value is None:
            return ""
        if value < 0 and (bare or self.loss_style == "paren"):
            text = self.spec.amount(-value)
            return text if bare else f"({text})"
        return self.spec.amount(value)

    def header(self, y: float, *, letter: str, title: str, subtitle: list[str], seq: str) -> float:
        sheet, x, width = self.sheet, self.x, self.width
        sheet.text(x, y + 12, f"SCHEDULE {letter}", size=11, font="Helvetica-Bold")
        sheet.text(x, y + 22, "(Form 1040)", size=7.5, font="Helvetica")
        sheet.text(x, y + 31, "Department of the Treasury", size=5.5, font="Helvetica")
        sheet.text(x, y + 37, "Internal Revenue Service", size=5.5, font="Helvetica")
        mid = x + width / 2
        sheet.text(mid, y + 12, title, size=12, font="Helvetica-Bold", align="center")
        for n, line in enumerate(subtitle):
            sheet.text(
                mid,
                y + 21 + 7 * n,
                line,
                size=6,
                font="Helvetica",
                align="center",
                max_width=width * 0.62,
            )
        sheet.text(x + width, y + 7, "OMB No. 1545-0074", size=6, font="Helvetica", align="right")
        sheet.text(x + width, y + 24, str(self.year), size=15, font="Helvetica-Bold", align="right")
        sheet.text(
            x + width,
            y + 34,
            f"Attachment Sequence No. {seq}",
            size=5.5,
            font="Helvetica",
            align="right",
        )
        bottom = y + 21 + 7 * len(subtitle)
        sheet.hline(x, x + width, bottom, line=1.2)
        return bottom + 2

    def cells(self, y: float, cells: list[tuple[float, str, str]], h: float = 21.0) -> float:
        """A row of boxed fields: (width share, caption, value)."""
        left = self.x
        for share, caption, value in cells:
            form_cell(
                self.sheet,
                left,
                y,
                self.width * share,
                h,
                caption,
                value,
                label_size=6,
                value_size=self.value_size,
                value_font=self.value_font,
            )
            left += self.width * share
        return y + h

    def part(self, y: float, number: str, title: str) -> float:
        sheet = self.sheet
        sheet.rect(self.x, y, 34, 11, fill=0.0)
        sheet.text(
            self.x + 17,
            y + 8.5,
            f"Part {number}",
            size=7,
            font="Helvetica-Bold",
            align="center",
            gray=1.0,
        )
        sheet.text(
            self.x + 40, y + 8.5, title, size=7.5, font="Helvetica-Bold", max_width=self.width - 44
        )
        return y + 14

    def text_line(self, y: float, text: str, *, size: float | None = None) -> float:
        self.sheet.text(
            self.x + 4,
            y + self.row - 4,
            text,
            size=size or self.caption,
            font="Helvetica",
            max_width=self.width - 8,
        )
        return y + self.row

    def entry(
        self,
        y: float,
        number: str,
        captions: list[str],
        value: str,
        *,
        left: float | None = None,
        amount_x: float | None = None,
        lead: str | None = None,
        parens: bool = False,
    ) -> float:
        """A numbered line: its number, caption rows, leader dots, box label and amount box.
        ``y`` is the top of the first row; returns the top of the next line."""
        sheet, row = self.sheet, self.row
        left = self.x if left is None else left
        amount_x = self.right_x if amount_x is None else amount_x
        caption_end = amount_x - self.box_w - 4
        at = 0 if self.amount_row == "first" else len(captions) - 1
        sheet.text(
            left + 2, y + row - 3.5, lead or number, size=self.caption, font="Helvetica-Bold"
        )
        start = left + 20
        for n, caption in enumerate(captions):
            base = y + row * (n + 1) - 3.5
            drawn = sheet.text(
                start,
                base,
                caption,
                size=self.caption,
                font="Helvetica",
                max_width=caption_end - start - 2,
            )
            if n == at and caption_end - (start + drawn + 4) > 14:
                dot = sheet.width(" .", self.caption, font="Helvetica")
                count = int((caption_end - start - drawn - 6) / dot)
                sheet.text(
                    start + drawn + 3,
                    base,
                    " ." * count,
                    size=self.caption,
                    font="Helvetica",
                    gray=0.4,
                )
        top = y + row * at
        self.box(top, amount_x, number, value, parens=parens)
        return y + row * len(captions)

    def box(self, top: float, amount_x: float, label: str, value: str, *, parens: bool) -> None:
        sheet, row = self.sheet, self.row
        sheet.rect(amount_x - self.box_w, top + 1, self.box_w, row - 1, line=0.4)
        sheet.text(
            amount_x - self.box_w / 2,
            top + row - 3.5,
            label,
            size=self.caption - 0.5,
            font="Helvetica-Bold",
            align="center",
        )
        sheet.rect(amount_x, top + 1, self.amount_w, row - 1, line=0.4)
        if parens:
            sheet.text(amount_x + 2, top + row - 3, "(", size=self.value_size, font="Helvetica")
            sheet.text(
                amount_x + self.amount_w - 2,
                top + row - 3,
                ")",
                size=self.value_size,
                font="Helvetica",
                align="right",
            )
        if value:
            sheet.text(
                amount_x + self.amount_w - (8 if parens else 4),
                top + row - 3,
                value,
                size=self.value_size,
                font=self.value_font,
                align="right",
                max_width=self.amount_w - 16,
            )

    def footer(self, text: str, form: str) -> None:
        sheet = self.sheet
        sheet.text(self.x, 792 - 30, text, size=6, font="Helvetica")
        sheet.text(
            self.x + self.width, 792 - 30, form, size=6.5, font="Helvetica-Bold", align="right"
        )


def _check(sheet: Sheet, x: float, y: float, label: str, checked: bool, size: float) -> float:
    sheet.checkbox(x, y, checked=checked, size=6)
    return x + 9 + sheet.text(x + 9, y, label, size=size, font="Helvetica") + 10


def irs_schedule_c(
    sheet: Sheet, spec: Spec, sched: ScheduleC, year: int, x: float, width: float
) -> int:
    """An IRS-like Schedule C (one or two pages); returns the page line 31 is on."""
    form = _Form(sheet, spec, x, width, year)
    up = form.upper
    lines = sched.lines
    y = form.header(
        40,
        letter="C",
        title="Profit or Loss From Business",
        subtitle=[
            "(Sole Proprietorship)",
            "Go to www.irs.gov/ScheduleC for instructions and the latest information.",
            "Attach to Form 1040, 1040-SR, 1040-NR, or 1041; partnerships must generally file "
            "Form 1065.",
        ],
        seq="09",
    )
    proprietor = sched.proprietor.truth_name
    y = form.cells(
        y + 2,
        [
            (0.72, "Name of proprietor", proprietor.upper() if up else proprietor),
            (0.28, "Social security number (SSN)", spec.ssn(sched.proprietor)),
        ],
    )
    y = form.cells(
        y,
        [
            (
                0.72,
                "A   Principal business or profession, including product or service (see "
                "instructions)",
                sched.activity.upper() if up else sched.activity,
            ),
            (0.28, "B   Enter code from instructions", sched.code),
        ],
    )
    business = sched.business or ""
    y = form.cells(
        y,
        [
            (
                0.72,
                "C   Business name. If no separate business name, leave blank.",
                business.upper() if up else business,
            ),
            (0.28, "D   Employer ID number (EIN) (see instr.)", sched.ein or ""),
        ],
    )
    street = city = ""
    if sched.address is not None:
        street = sched.address.street
        city = f"{sched.address.city}, {sched.address.state} {sched.address.zip}"
    y = form.cells(
        y,
        [
            (
                0.5,
                "E   Business address (including suite or room no.)",
                street.upper() if up else street,
            ),
            (0.5, "City, town or post office, state, and ZIP code", city.upper() if up else city),
        ],
    )
    size = form.caption
    base = y + form.row - 3
    sheet.text(x + 4, base, "F   Accounting method:", size=size, font="Helvetica")
    cx = x + 100
    for label, ticked in (
        ("(1) Cash", True),
        ("(2) Accrual", False),
        ("(3) Other (specify)", False),
    ):
        cx = _check(sheet, cx, base, label, ticked, size)
    y += form.row
    for letter, question in (
        (
            "G",
            f"Did you \u201cmaterially participate\u201d in the operation of this business "
            f"during {year}? If \u201cNo,\u201d see instructions for limit on losses",
        ),
        (
            "I",
            f"Did you make any payments in {year} that would require you to file Form(s) "
            "1099? See instructions",
        ),
    ):
        base = y + form.row - 3
        sheet.text(
            x + 4, base, f"{letter}   {question}", size=size, font="Helvetica", max_width=width - 80
        )
        cx = _check(sheet, x + width - 70, base, "Yes", True, size)
        _check(sheet, cx, base, "No", False, size)
        y += form.row
    y = form.part(y + 3, "I", "Income")
    y = form.entry(y, "1", _wrap(sheet, C_LINES["1"], form, 2), form.money(lines["1"]))
    for key in ("2", "3", "4", "5", "6", "7"):
        y = form.entry(y, key, [C_LINES[key]], form.money(lines.get(key)))
    y = form.part(
        y + 3, "II", "Expenses. Enter expenses for business use of your home only on line 30."
    )
    mid_left = form.mid_x + form.amount_w + 6
    for n in range(max(len(C_EXPENSES_LEFT), len(C_EXPENSES_RIGHT))):
        if n < len(C_EXPENSES_LEFT):
            key, caption = C_EXPENSES_LEFT[n]
            form.entry(y, key, [caption], form.money(lines.get(key)), amount_x=form.mid_x)
        key, caption = C_EXPENSES_RIGHT[n]
        y = form.entry(y, key, [caption], form.money(lines.get(key)), left=mid_left)
    for key in ("28", "29"):
        y = form.entry(y, key, [C_LINES[key]], form.money(lines.get(key)))
    home = [
        "Expenses for business use of your home. Do not report these expenses elsewhere. "
        "Attach Form 8829 unless using the simplified method (see instructions)."
    ]
    feet = sched.square_feet
    home.append(
        "Simplified method filers only: Enter the total square footage of (a) your home: "
        + (f"{feet[0]:,}" if feet else "________")
        + " and (b) the part of your home used for business: "
        + (f"{feet[1]:,}" if feet else "______")
    )
    home.append(
        "Use the Simplified Method Worksheet in the instructions to figure the amount to "
        "enter on line 30"
    )
    y = form.entry(y, "30", home, form.money(lines.get("30")))
    net = [
        C_LINES["31"],
        "\u2022 If a profit, enter on both Schedule 1 (Form 1040), line 3, and on Schedule SE, "
        "line 2. (See instructions.)",
        "\u2022 If a loss, you must go to line 32.",
    ]
    y = form.entry(y, "31", net, form.money(lines["31"]))
    base = y + form.row - 3
    sheet.text(x + 2, base, "32", size=size, font="Helvetica-Bold")
    sheet.text(
        x + 20,
        base,
        "If you have a loss, check the box that describes your investment "
        "in this activity. See instructions.",
        size=size,
        font="Helvetica",
        max_width=width * 0.62,
    )
    cx = x + width * 0.66
    cx = _check(sheet, cx, base, "32a All investment is at risk.", lines["31"] < 0, size)
    y += form.row
    _check(
        sheet,
        x + width * 0.66,
        y + form.row - 3,
        "32b Some investment is not at risk.",
        False,
        size,
    )
    form.footer(
        "For Paperwork Reduction Act Notice, see the separate instructions.    Cat. No. 11334P",
        f"Schedule C (Form 1040) {year}",
    )
    page = sheet.page
    if sched.cogs or sched.other_expenses or spec.chance(0.3):
        sheet.new_page()
        _irs_schedule_c_page2(sheet, form, sched, year)
    return page


def _irs_schedule_c_page2(sheet: Sheet, form: _Form, sched: ScheduleC, year: int) -> None:
    x, width = form.x, form.width
    sheet.text(x, 44, f"Schedule C (Form 1040) {year}", size=7, font="Helvetica")
    sheet.text(x + width, 44, "Page 2", size=7, font="Helvetica", align="right")
    y = form.part(54, "III", "Cost of Goods Sold (see instructions)")
    cogs = sched.cogs
    rows = (
        (
            "35",
            "Inventory at beginning of year. If different from last year\u2019s closing "
            "inventory, attach explanation",
        ),
        ("36", "Purchases less cost of items withdrawn for personal use"),
        ("37", "Cost of labor. Do not include any amounts paid to yourself"),
        ("38", "Materials and supplies"),
        ("39", "Other costs"),
        ("40", "Add lines 35 through 39"),
        ("41", "Inventory at end of year"),
        (
            "42",
            "Cost of goods sold. Subtract line 41 from line 40. Enter the result here and "
            "on line 4",
        ),
    )
    for key, caption in rows:
        y = form.entry(y, key, [caption], form.money(cogs.get(key)))
    y = form.part(
        y + 6,
        "IV",
        "Information on Your Vehicle. Complete this part only if you "
        "are claiming car or truck expenses on line 9.",
    )
    y = form.text_line(
        y, "43   When did you place your vehicle in service for business purposes? (month/day/year)"
    )
    y = form.text_line(
        y,
        "44   Of the total number of miles you drove your vehicle during "
        f"{year}, enter the number of miles you used your vehicle for:",
    )
    y = form.part(
        y + 6,
        "V",
        "Other Expenses. List below business expenses not included on lines 8-26 or line 30.",
    )
    for name, amount in sched.other_expenses:
        base = y + form.row - 3
        sheet.text(x + 20, base, name, size=form.caption, font="Helvetica")
        form.box(y, form.right_x, "", form.money(amount), parens=False)
        y += form.row
    form.entry(
        y + 4,
        "48",
        ["Total other expenses. Enter here and on line 27a"],
        form.money(sched.lines.get("27a") if sched.other_expenses else None),
    )
    form.footer("", f"Schedule C (Form 1040) {year}")


def _wrap(sheet: Sheet, text: str, form: _Form, rows: int) -> list[str]:
    room = form.right_x - form.box_w - 4 - (form.x + 20) - 2
    lines = sheet.wrap(text, form.caption, room, font="Helvetica")
    if len(lines) > rows:
        lines = [*lines[: rows - 1], " ".join(lines[rows - 1 :])]
    return lines


def irs_schedule_e(
    sheet: Sheet, spec: Spec, sched: ScheduleE, year: int, x: float, width: float
) -> int:
    """An IRS-like Schedule E (page 1, page 2 when a partnership is reported); returns the page
    line 26 is on."""
    form = _Form(sheet, spec, x, width, year)
    y = form.header(
        40,
        letter="E",
        title="Supplemental Income and Loss",
        subtitle=[
            "(From rental real estate, royalties, partnerships, S corporations, estates, "
            "trusts, REMICs, etc.)",
            "Attach to Form 1040, 1040-SR, 1040-NR, or 1041.",
            "Go to www.irs.gov/ScheduleE for instructions and the latest information.",
        ],
        seq="13",
    )
    y = form.cells(
        y + 2,
        [
            (0.72, "Name(s) shown on return", schedule_names(sched.names, form.upper)),
            (0.28, "Your social security number", spec.ssn(sched.names[0])),
        ],
    )
    y = form.part(y + 3, "I", "Income or Loss From Rental Real Estate and Royalties")
    size = form.caption
    for letter, question in (
        (
            "A",
            f"Did you make any payments in {year} that would require you to file Form(s) "
            "1099? See instructions",
        ),
        ("B", "If \u201cYes,\u201d did you or will you file required Form(s) 1099?"),
    ):
        base = y + form.row - 3
        sheet.text(
            x + 4, base, f"{letter}   {question}", size=size, font="Helvetica", max_width=width - 80
        )
        cx = _check(sheet, x + width - 70, base, "Yes", False, size)
        _check(sheet, cx, base, "No", letter == "A", size)
        y += form.row
    props = sched.properties
    address_rows = []
    for n in range(3):
        prop = props[n] if n < len(props) else None
        text = ""
        if prop is not None:
            a = prop.address
            text = f"{a.street}, {a.city}, {a.state} {a.zip}"
        address_rows.append(["ABC"[n], text.upper() if form.upper else text])
    y = table(
        sheet,
        x,
        y + 2,
        width,
        [Column("1a"), Column("Physical address of each property (street, city, state, ZIP code)")],
        address_rows,
        TableStyle(size=size, rules="grid", header_bold=False, pad=3, leading=1.25),
    )
    type_rows = []
    for n in range(3):
        prop = props[n] if n < len(props) else None
        if prop is None:
            type_rows.append(["ABC"[n], "", "", "", ""])
        else:
            days = str(prop.fair_days) if prop.fair_days else ""
            personal = str(prop.personal_days) if prop.kind == 3 else ""
            type_rows.append(["ABC"[n], str(prop.kind), days, personal, ""])
    y = table(
        sheet,
        x,
        y + 2,
        width * 0.62,
        [
            Column(""),
            Column("1b Type of Property\n(from list below)", "center"),
            Column("2 Fair Rental\nDays", "center"),
            Column("Personal\nUse Days", "center"),
            Column("QJV", "center"),
        ],
        type_rows,
        TableStyle(size=size, rules="grid", header_bold=False, pad=3, leading=1.25),
    )
    types = "   ".join(f"{k} {v}" for k, v in PROPERTY_TYPES.items())
    sheet.text(x, y + 7, f"Type of Property: {types}", size=5.5, font="Helvetica", max_width=width)
    y += 12
    columns = _property_columns(form)
    sheet.text(x + 4, y + form.row - 3, "Income:", size=size, font="Helvetica-Bold")
    sheet.text(
        columns[0] - form.box_w - 50,
        y + form.row - 3,
        "Properties:",
        size=size,
        font="Helvetica-Bold",
    )
    for n, left in enumerate(columns):
        sheet.text(
            left + form.amount_w / 2,
            y + form.row - 3,
            "ABC"[n],
            size=size + 0.5,
            font="Helvetica-Bold",
            align="center",
        )
    y += form.row
    rows: list[tuple[str, str]] = [("3", "Rents received"), ("4", "Royalties received")]
    y = _property_rows(form, y, rows, props, columns)
    sheet.text(x + 4, y + form.row - 3, "Expenses:", size=size, font="Helvetica-Bold")
    y += form.row
    y = _property_rows(form, y, list(E_EXPENSES), props, columns)
    y = _property_rows(
        form,
        y,
        [
            ("20", "Total expenses. Add lines 5 through 19"),
            (
                "21",
                "Subtract line 20 from line 3 (rents) and/or 4 (royalties). If result is a "
                "(loss), see instructions to find out if you must file Form 6198",
            ),
            (
                "22",
                "Deductible rental real estate loss after limitation, if any, on Form 8582 "
                "(see instructions)",
            ),
        ],
        props,
        columns,
    )
    totals = sched.lines
    inner = form.right_x - form.amount_w - 30
    for key, wording, _short in E_TOTALS[:5]:
        y = form.entry(
            y,
            key,
            [wording],
            form.money(totals.get(key)),
            amount_x=inner,
            lead=key if key == "23a" else key[-1],
        )
    y = form.entry(y, "24", [E_TOTALS[5][1]], form.money(totals.get("24")))
    y = form.entry(y, "25", [E_TOTALS[6][1]], form.money(totals.get("25"), bare=True), parens=True)
    total = [
        E_TOTALS[7][1] + ". Enter the result here.",
        "If Parts II, III, IV, and line 40 on page 2 do not apply to you, also enter this "
        "amount on Schedule 1 (Form 1040),",
        "line 5. Otherwise, include this amount in the total on line 41 on page 2",
    ]
    form.entry(y, "26", total, form.money(totals["26"]))
    form.footer(
        "For Paperwork Reduction Act Notice, see the separate instructions.    Cat. No. 11344L",
        f"Schedule E (Form 1040) {year}",
    )
    page = sheet.page
    if sched.partnership is not None:
        sheet.new_page()
        _irs_schedule_e_page2(sheet, form, sched, year)
    return page


def _property_columns(form: _Form) -> list[float]:
    right = form.x + form.width
    return [right - (3 - n) * (form.amount_w + 4) + 4 for n in range(3)]


def _property_rows(
    form: _Form,
    y: float,
    rows: list[tuple[str, str]],
    props: list[Rental],
    columns: list[float],
) -> float:
    sheet, row = form.sheet, form.row
    for key, caption in rows:
        base = y + row - 3.5
        sheet.text(form.x + 2, base, key, size=form.caption, font="Helvetica-Bold")
        end = columns[0] - form.box_w - 6
        caption = (
            caption
            if sheet.width(caption, form.caption) < end - form.x - 22
            else (caption.split(". ")[0].split(" (")[0])
        )
        sheet.text(
            form.x + 20,
            base,
            caption,
            size=form.caption,
            font="Helvetica",
            max_width=end - form.x - 22,
        )
        sheet.rect(columns[0] - form.box_w - 4, y + 1, form.box_w, row - 1, line=0.4)
        sheet.text(
            columns[0] - form.box_w / 2 - 4,
            base,
            key,
            size=form.caption - 0.5,
            font="Helvetica-Bold",
            align="center",
        )
        for n, left in enumerate(columns):
            sheet.rect(left, y + 1, form.amount_w, row - 1, line=0.4)
            if key == "22":
                sheet.text(left + 2, base + 0.5, "(", size=form.value_size, font="Helvetica")
                sheet.text(
                    left + form.amount_w - 2,
                    base + 0.5,
                    ")",
                    size=form.value_size,
                    font="Helvetica",
                    align="right",
                )
            value = props[n].lines.get(key) if n < len(props) else None
            if value is not None:
                text = form.money(value, bare=key == "22")
                sheet.text(
                    left + form.amount_w - 8,
                    base + 0.5,
                    text,
                    size=form.value_size,
                    font=form.value_font,
                    align="right",
                    max_width=form.amount_w - 16,
                )
        y += row
    return y


def _irs_schedule_e_page2(sheet: Sheet, form: _Form, sched: ScheduleE, year: int) -> None:
    x, width = form.x, form.width
    assert sched.partnership is not None
    sheet.text(x, 44, f"Schedule E (Form 1040) {year}", size=7, font="Helvetica")
    sheet.text(x + width, 44, "Page 2", size=7, font="Helvetica", align="right")
    y = form.cells(
        52,
        [
            (
                0.72,
                "Name(s) shown on return. Do not enter name and social security number if "
                "shown on page 1.",
                "",
            ),
            (0.28, "Your social security number", ""),
        ],
    )
    y = form.part(y + 4, "II", "Income or Loss From Partnerships and S Corporations")
    name, amount = sched.partnership
    y = table(
        sheet,
        x,
        y,
        width,
        [
            Column("28   (a) Name"),
            Column("(b) Enter P for partnership; S for S corporation"),
            Column("(i) Nonpassive income from Schedule K-1", "right"),
        ],
        [["A  " + (name.upper() if form.upper else name), "P", form.money(amount)]],
        TableStyle(size=form.caption, rules="grid", header_bold=False, pad=3, leading=1.3),
    )
    y = form.entry(
        y + 4,
        "32",
        ["Total partnership and S corporation income or (loss). Add lines 30 and 31"],
        form.money(amount),
    )
    y = form.part(y + 6, "V", "Summary")
    y = form.entry(
        y,
        "40",
        ["Net farm rental income or (loss) from Form 4835. Also, complete line 42 below"],
        "",
    )
    form.entry(
        y,
        "41",
        [
            "Total income or (loss). Combine lines 26, 32, 37, 39, and 40 here and "
            "on Schedule 1 (Form 1040), line 5"
        ],
        form.money(sched.lines["41"]),
    )
    form.footer("", f"Schedule E (Form 1040) {year}")


# --- drawing: tax-software prints -------------------------------------------------------------


def _software_money(spec: Spec, value: Decimal, style: str) -> str:
    if value < 0 and style == "paren":
        return f"({spec.amount(-value)})"
    return spec.amount(value)


def _software_header(
    sheet: Sheet, spec: Spec, x: float, width: float, title: str, subtitle: str
) -> float:
    size = spec.size
    sheet.text(x, 48, title, size=size + 4, bold=True, max_width=width * 0.68)
    sheet.text(
        x + width, 48, spec.word("vendor", VENDORS), size=size - 0.5, align="right", gray=0.35
    )
    sheet.text(x, 48 + size * 1.7, subtitle, size=size + 0.5, max_width=width)
    return 48 + size * 3.4


def software_schedule_c(
    sheet: Sheet, spec: Spec, sched: ScheduleC, year: int, x: float, width: float
) -> int:
    """A tax program's Schedule C: the header facts as labelled lines, then the figures as a
    Line / Description / Amount table (or, in a summary, as labelled figures)."""
    size = spec.size
    style = spec.word("loss_style", ("paren", "minus"))
    upper = spec.chance(0.5)
    y = _software_header(
        sheet,
        spec,
        x,
        width,
        f"SCHEDULE C (Form 1040) {year}",
        spec.word(
            "c_title",
            ("Profit or Loss From Business (Sole Proprietorship)", "Profit or Loss From Business"),
        ),
    )
    name = sched.proprietor.truth_name
    label = spec.word("proprietor", ("Name of proprietor", "Proprietor"))
    sheet.text(
        x, y, f"{label}: {name.upper() if upper else name}", size=size, max_width=width * 0.6
    )
    sheet.text(x + width * 0.64, y, f"SSN: {spec.ssn(sched.proprietor)}", size=size)
    y += size * 1.45
    sheet.text(
        x,
        y,
        f"Principal business or profession: {sched.activity}",
        size=size,
        max_width=width * 0.6,
    )
    sheet.text(x + width * 0.64, y, f"Business code: {sched.code}", size=size)
    y += size * 1.45
    if sched.business:
        business = sched.business.upper() if upper else sched.business
        label = spec.word("business", ("Business name", "Name of business"))
        sheet.text(x, y, f"{label}: {business}", size=size, max_width=width * 0.6)
        if sched.ein:
            sheet.text(x + width * 0.64, y, f"EIN: {sched.ein}", size=size)
        y += size * 1.45
    if sched.address is not None:
        a = sched.address
        sheet.text(
            x,
            y,
            f"Business address: {a.street}, {a.city}, {a.state} {a.zip}",
            size=size,
            max_width=width,
        )
        y += size * 1.45
    sheet.text(x, y, "Accounting method: Cash", size=size)
    y += size * 2
    lines = sched.lines
    if spec.chance(0.25):
        pairs = [
            ("Gross receipts or sales", spec.amount(lines["1"])),
            ("Gross income", spec.amount(lines["7"])),
            ("Total expenses", spec.amount(lines["28"])),
        ]
        if "30" in lines:
            pairs.append(("Tentative profit or (loss)", _software_money(spec, lines["29"], style)))
            pairs.append(("Business use of home", spec.amount(lines["30"])))
        pairs.append(("Net profit or (loss)", _software_money(spec, lines["31"], style)))
        for label_text, value in pairs:
            sheet.text(x, y, label_text, size=size, bold=label_text.startswith("Net"))
            sheet.text(x + width * 0.62, y, value, size=size, align="right")
            y += size * 1.5
        return sheet.page
    captions = {
        **{k: v.split(". See")[0].split(", including")[0] for k, v in C_LINES.items()},
        **dict(C_EXPENSES_LEFT),
        **dict(C_EXPENSES_RIGHT),
        "30": "Expenses for business use of your home",
    }
    order = ["1", "2", "3", "4", "5", "6", "7"]
    order += [k for k, _c in (*C_EXPENSES_LEFT, *C_EXPENSES_RIGHT) if k in lines]
    order += ["28", "29", "30", "31"]
    rows: list[list[str]] = []
    bold = set()
    for key in order:
        if key not in lines and key not in ("1", "7", "28", "29", "31"):
            continue
        if key == "31":
            bold.add(len(rows))
        rows.append([key, captions[key], _software_money(spec, lines.get(key, ZERO), style)])
    table(
        sheet,
        x,
        y,
        width,
        [Column("Line"), Column("Description"), Column("Amount", "right")],
        rows,
        TableStyle(size=max(7.0, size - 0.5), rules=spec.rng.choice(("lines", "shade", "none"))),
        bold_rows=frozenset(bold),
    )
    return sheet.page


def software_schedule_e(
    sheet: Sheet, spec: Spec, sched: ScheduleE, year: int, x: float, width: float
) -> int:
    """A tax program's Schedule E: names, the properties, a per-property table and the totals."""
    size = spec.size
    style = spec.word("loss_style", ("paren", "minus"))
    upper = spec.chance(0.5)
    y = _software_header(
        sheet,
        spec,
        x,
        width,
        f"SCHEDULE E (Form 1040) {year}",
        spec.word(
            "e_title",
            (
                "Supplemental Income and Loss",
                "Supplemental Income and Loss - Rental Real Estate and Royalties",
            ),
        ),
    )
    sheet.text(
        x,
        y,
        f"Name(s) shown on return: {schedule_names(sched.names, upper)}",
        size=size,
        max_width=width * 0.64,
    )
    sheet.text(x + width * 0.67, y, f"SSN: {spec.ssn(sched.names[0])}", size=size)
    y += size * 1.8
    for n, prop in enumerate(sched.properties):
        a = prop.address
        text = f"Property {'ABC'[n]}: {a.street}, {a.city}, {a.state} {a.zip}"
        sheet.text(x, y, text, size=size - 0.5, max_width=width * 0.7)
        kind = f"Type {prop.kind} - {PROPERTY_TYPES[prop.kind]}"
        sheet.text(x + width, y, kind, size=size - 0.5, align="right", max_width=width * 0.28)
        y += (size - 0.5) * 1.4
    y += size * 0.6
    props = sched.properties
    keys = ["3", "4"] + [k for k, _c in E_EXPENSES] + ["20", "21", "22"]
    captions = {
        "3": "Rents received",
        "4": "Royalties received",
        **dict(E_EXPENSES),
        "20": "Total expenses",
        "21": "Income or (loss) (line 3 and/or 4 less line 20)",
        "22": "Deductible rental real estate loss after limitation",
    }
    rows: list[list[str]] = []
    for key in keys:
        if not any(key in p.lines for p in props):
            continue
        cells = [
            _software_money(spec, p.lines[key], style) if key in p.lines else "" for p in props
        ]
        rows.append([key, captions[key], *cells])
    columns = [Column("Line"), Column("Description")]
    columns += [Column(f"Property {'ABC'[n]}", "right") for n in range(len(props))]
    small = max(7.0, size - 1)
    y = table(
        sheet,
        x,
        y,
        width,
        columns,
        rows,
        TableStyle(size=small, rules=spec.rng.choice(("lines", "shade", "none"))),
    )
    y += size
    wording = spec.word("e_wording", ("form", "short"))
    totals = sched.lines
    summary: list[list[str]] = []
    bold = set()
    for key, form_text, short in E_TOTALS:
        if key not in totals and key not in ("26",):
            continue
        text = short if wording == "short" else form_text
        if key == "26":
            bold.add(len(summary))
        value = totals[key]
        printed = _software_money(spec, -value if key == "25" else value, style)
        summary.append([key, text, printed])
    if sched.partnership is not None:
        summary.append(
            [
                "32",
                "Total partnership and S corporation income or (loss)",
                _software_money(spec, sched.partnership[1], style),
            ]
        )
        summary.append(["41", "Total income or (loss)", _software_money(spec, totals["41"], style)])
    table(
        sheet,
        x,
        y,
        width,
        [Column("Line"), Column("Summary"), Column("Amount", "right")],
        summary,
        TableStyle(size=small, rules=spec.rng.choice(("lines", "shade", "none"))),
        bold_rows=frozenset(bold),
    )
    return sheet.page
