"""Forms 1040 and 1040-SR in randomized layouts, tax years 2018-2023.

Families:

* ``form_1040/irs-2018``: the 2018 layout, whose income lines (line 1 wages ... line 6 total
  income) are on page 2; page 1 holds filing status, names and signatures.
* ``form_1040/irs-modern``: 2019-2023 IRS-like layouts with the year's own line numbering
  (line 1 before 2022; 1a..1h and 1z from 2022) and the income lines on page 1.
* ``form_1040/irs-sr``: Form 1040-SR (2019-2023), larger print and a standard deduction chart.
* ``form_1040/software-summary``: a tax-software print: a summary page ("Taxpayer: NAME  SSN:
  xxx-xx-1234", "Name(s) shown on return", total income, AGI, refund) and a line-detail
  table, with the wages line on page 2.

Married-filing-jointly returns name a spouse (a second borrower); the income record belongs to
the first taxpayer. Amounts are whole dollars, printed "52,387", "52387" or "52,387.00".
Truth: line 1z (line 1 before 2022), annual, ``form_1040``, the tax year, employer null.

``SCHEDULE_FAMILIES`` (built by :func:`build_with_schedules`, kept apart so that the families
above draw exactly what they always drew): returns with Schedules C and E attached, or a
schedule on its own (see ``schedules`` for the schedules' pages).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.samples.randomized import people, schedules
from pipeline.samples.randomized.blocks import Drawn, done, field_block, margins, new_sheet
from pipeline.samples.randomized.draw import Column, Sheet, TableStyle, form_cell, table
from pipeline.samples.randomized.people import Person
from pipeline.samples.randomized.spec import WHOLE_STYLES, Spec, fmt_ssn
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = (
    "form_1040/irs-2018",
    "form_1040/irs-modern",
    "form_1040/irs-sr",
    "form_1040/software-summary",
)

STANDARD_DEDUCTION = {
    2018: (12000, 24000, 18000),
    2019: (12200, 24400, 18350),
    2020: (12400, 24800, 18650),
    2021: (12550, 25100, 18800),
    2022: (12950, 25900, 19400),
    2023: (13850, 27700, 20800),
}
STATUSES = {
    "single": "Single",
    "mfj": "Married filing jointly",
    "mfs": "Married filing separately (MFS)",
    "hoh": "Head of household (HOH)",
}
DEPENDENT_RELATIONS = ("Son", "Daughter", "Stepson", "Niece", "Grandchild")


@dataclass
class Return:
    year: int
    status: str
    taxpayer: Person
    spouse: Person | None
    dependents: list[tuple[str, str, str]]  # name, ssn, relationship
    lines: dict[str, Decimal]  # by line key ("1", "1a", "1z", "2b", "9", ...)
    wages_key: str  # "1" or "1z"
    occupation: tuple[str, str]
    notes: list[str] = field(default_factory=list)

    @property
    def wages(self) -> Decimal:
        return self.lines[self.wages_key]


def _whole(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high))


def _facts(rng: random.Random, year: int, *, senior: bool) -> Return:
    status = rng.choices(("single", "mfj", "mfs", "hoh"), weights=(35, 40, 8, 17))[0]
    taxpayer = people.person(rng)
    spouse = people.spouse_of(rng, taxpayer) if status == "mfj" else None
    dependents = []
    if status in ("mfj", "hoh") and rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            kid = people.person(rng, last=taxpayer.last, address=taxpayer.address)
            dependents.append(
                (f"{kid.first} {kid.last}", people.ssn(rng), rng.choice(DEPENDENT_RELATIONS))
            )
    lines: dict[str, Decimal] = {}
    wages = (
        _whole(rng, 18000, 340000) if not senior or rng.random() < 0.6 else _whole(rng, 4000, 60000)
    )
    if year >= 2022:
        lines["1a"] = wages
        if rng.random() < 0.3:
            lines["1c"] = _whole(rng, 200, 9000)
        if rng.random() < 0.2:
            lines["1h"] = _whole(rng, 100, 4000)
        lines["1z"] = sum((lines[k] for k in ("1a", "1c", "1h") if k in lines), Decimal(0))
        wages_key = "1z"
    else:
        lines["1"] = wages
        wages_key = "1"
    if rng.random() < 0.5:
        lines["2a"] = _whole(rng, 0, 900)
    lines["2b"] = _whole(rng, 0, 4000)
    if rng.random() < 0.5:
        lines["3b"] = _whole(rng, 50, 9000)
        lines["3a"] = lines["3b"] * Decimal(rng.randint(30, 90)) // 100
    if senior or rng.random() < 0.2:
        lines["pension_total"] = _whole(rng, 5000, 90000)
        lines["pension"] = lines["pension_total"] - _whole(rng, 0, 3000)
    if senior or rng.random() < 0.1:
        lines["ss_total"] = _whole(rng, 9000, 40000)
        lines["ss"] = lines["ss_total"] * Decimal(85) // 100
    if rng.random() < 0.4:
        lines["capital"] = _whole(rng, -3000, 25000)
    if rng.random() < 0.3:
        lines["other"] = _whole(rng, 200, 30000)
    taxable_keys = (wages_key, "2b", "3b", "pension", "ss", "capital", "other")
    total = sum((lines.get(k, Decimal(0)) for k in taxable_keys), Decimal(0))
    lines["total"] = total
    lines["adjustments"] = _whole(rng, 0, 6000) if rng.random() < 0.4 else Decimal(0)
    lines["agi"] = total - lines["adjustments"]
    single, joint, head = STANDARD_DEDUCTION[year]
    lines["deduction"] = Decimal({"mfj": joint, "hoh": head}.get(status, single))
    lines["taxable"] = max(Decimal(0), lines["agi"] - lines["deduction"])
    lines["tax"] = lines["taxable"] * Decimal(rng.randint(10, 22)) // 100
    lines["withheld"] = lines["tax"] + _whole(rng, -3000, 4000)
    if lines["withheld"] < 0:
        lines["withheld"] = Decimal(0)
    lines["payments"] = lines["withheld"]
    return Return(
        year=year,
        status=status,
        taxpayer=taxpayer,
        spouse=spouse,
        dependents=dependents,
        lines=lines,
        wages_key=wages_key,
        occupation=(people.job_title(rng), people.job_title(rng)),
    )


def _income_rows(ret: Return) -> list[list[tuple[str, str, str]]]:
    """The income section as rows of (line number, caption, value key) for the return's year."""
    y = ret.year
    rows: list[list[tuple[str, str, str]]] = []
    if y >= 2022:
        rows += [
            [("1a", "Total amount from Form(s) W-2, box 1 (see instructions)", "1a")],
            [("1b", "Household employee wages not reported on Form(s) W-2", "1b")],
            [("1c", "Tip income not reported on line 1a (see instructions)", "1c")],
            [
                (
                    "1d",
                    "Medicaid waiver payments not reported on Form(s) W-2 (see instructions)",
                    "1d",
                )
            ],
            [("1e", "Taxable dependent care benefits from Form 2441, line 26", "1e")],
            [("1f", "Employer-provided adoption benefits from Form 8839, line 29", "1f")],
            [("1g", "Wages from Form 8919, line 6", "1g")],
            [("1h", "Other earned income (see instructions)", "1h")],
            [("1z", "Add lines 1a through 1h", "1z")],
        ]
    else:
        rows.append([("1", "Wages, salaries, tips, etc. Attach Form(s) W-2", "1")])
    rows.append([("2a", "Tax-exempt interest", "2a"), ("2b", "Taxable interest", "2b")])
    rows.append([("3a", "Qualified dividends", "3a"), ("3b", "Ordinary dividends", "3b")])
    if y == 2018:
        rows += [
            [
                ("4a", "IRAs, pensions, and annuities", "pension_total"),
                ("4b", "Taxable amount", "pension"),
            ],
            [("5a", "Social security benefits", "ss_total"), ("5b", "Taxable amount", "ss")],
            [
                (
                    "6",
                    "Total income. Add lines 1 through 5. Add any amount from Schedule 1, line 22",
                    "total",
                )
            ],
            [
                (
                    "7",
                    "Adjusted gross income. If you have no adjustments to income, "
                    "enter the amount from line 6",
                    "agi",
                )
            ],
            [("8", "Standard deduction or itemized deductions (from Schedule A)", "deduction")],
            [("9", "Qualified business income deduction (see instructions)", "qbi")],
            [
                (
                    "10",
                    "Taxable income. Subtract lines 8 and 9 from line 7. If zero or "
                    "less, enter -0-",
                    "taxable",
                )
            ],
        ]
    elif y == 2019:
        rows += [
            [("4a", "IRA distributions", "ira_total"), ("4b", "Taxable amount", "ira")],
            [
                ("4c", "Pensions and annuities", "pension_total"),
                ("4d", "Taxable amount", "pension"),
            ],
            [("5a", "Social security benefits", "ss_total"), ("5b", "Taxable amount", "ss")],
            [("6", "Capital gain or (loss). Attach Schedule D if required", "capital")],
            [("7a", "Other income from Schedule 1, line 9", "other")],
            [
                (
                    "7b",
                    "Add lines 1, 2b, 3b, 4b, 4d, 5b, 6, and 7a. This is your total income",
                    "total",
                )
            ],
            [("8a", "Adjustments to income from Schedule 1, line 22", "adjustments")],
            [("8b", "Subtract line 8a from line 7b. This is your adjusted gross income", "agi")],
            [("9", "Standard deduction or itemized deductions (from Schedule A)", "deduction")],
            [("11b", "Taxable income. Subtract line 11a from line 8b", "taxable")],
        ]
    else:
        schedule_line = "9" if y == 2020 else "10"
        adjustments = "Adjustments to income" + (" from Schedule 1, line 26" if y >= 2021 else ":")
        rows += [
            [("4a", "IRA distributions", "ira_total"), ("4b", "Taxable amount", "ira")],
            [
                ("5a", "Pensions and annuities", "pension_total"),
                ("5b", "Taxable amount", "pension"),
            ],
            [("6a", "Social security benefits", "ss_total"), ("6b", "Taxable amount", "ss")],
            [("7", "Capital gain or (loss). Attach Schedule D if required", "capital")],
            [
                (
                    "8",
                    f"{'Other' if y < 2022 else 'Additional'} income from Schedule "
                    f"1, line {schedule_line}",
                    "other",
                )
            ],
            [
                (
                    "9",
                    "Add lines 1, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income"
                    if y < 2022
                    else "Add lines 1z, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income",
                    "total",
                )
            ],
            [("10", adjustments, "adjustments")],
            [("11", "Subtract line 10 from line 9. This is your adjusted gross income", "agi")],
            [("12", "Standard deduction or itemized deductions (from Schedule A)", "deduction")],
            [
                (
                    "15",
                    "Subtract line 14 from line 11. If zero or less, enter -0-. This "
                    "is your taxable income",
                    "taxable",
                )
            ],
        ]
    return rows


def _payment_rows(ret: Return) -> list[tuple[str, str, str]]:
    if ret.year == 2018:
        return [
            ("11", "Tax", "tax"),
            ("16", "Federal income tax withheld from Forms W-2 and 1099", "withheld"),
            ("18", "Add lines 16 and 17. These are your total payments", "payments"),
        ]
    if ret.year == 2019:
        return [
            ("12b", "Tax", "tax"),
            ("17", "Federal income tax withheld from Forms W-2 and 1099", "withheld"),
            ("19", "Add lines 17 and 18e. These are your total payments", "payments"),
        ]
    return [
        ("16", "Tax (see instructions)", "tax"),
        ("25a", "Federal income tax withheld from Form(s) W-2", "withheld"),
        ("33", "Add lines 25d, 26, and 32. These are your total payments", "payments"),
    ]


class _IrsForm:
    """Drawing state for the IRS-like families: sizes, amount format and column positions."""

    def __init__(
        self, sheet: Sheet, spec: Spec, ret: Return, x: float, width: float, *, senior: bool
    ) -> None:
        self.sheet, self.spec, self.ret = sheet, spec, ret
        self.x, self.width = x, width
        self.caption = 8.5 if senior else spec.rng.choice((7.0, 7.5, 8.0))
        self.value_size = spec.rng.choice((8.5, 9.0, 10.0)) + (1 if senior else 0)
        self.value_font = spec.rng.choice(("Helvetica", "Courier", "Courier-Bold"))
        self.row = 15.0 if senior else spec.rng.choice((12.5, 13.0, 14.0))
        self.amount_w = 86.0
        self.box_w = 18.0
        self.right_amount_x = x + width - self.amount_w
        self.mid_amount_x = x + width * 0.6 - self.amount_w

    def amount(self, key: str) -> str:
        value = self.ret.lines.get(key)
        if value is None:
            return ""
        return self.spec.amount(value)

    def line(self, y: float, entries: list[tuple[str, str, str]]) -> float:
        sheet, x = self.sheet, self.x
        if len(entries) == 1:
            number, caption, key = entries[0]
            self._entry(
                y,
                x,
                self.right_amount_x - self.box_w - 6,
                number,
                caption,
                key,
                self.right_amount_x,
            )
        else:
            (n1, c1, k1), (n2, c2, k2) = entries
            self._entry(y, x, self.mid_amount_x - self.box_w - 6, n1, c1, k1, self.mid_amount_x)
            left = self.mid_amount_x + self.amount_w + 6
            self._entry(
                y,
                left,
                self.right_amount_x - self.box_w - 6,
                n2[-1],
                c2,
                k2,
                self.right_amount_x,
                box_label=n2,
            )
        sheet.hline(x + 24, x + self.width, y + 3, line=0.3)
        return y + self.row

    def _entry(
        self,
        y: float,
        left: float,
        caption_end: float,
        number: str,
        caption: str,
        key: str,
        amount_x: float,
        *,
        box_label: str | None = None,
    ) -> None:
        sheet = self.sheet
        sheet.text(left + 2, y, number, size=self.caption, font="Helvetica-Bold")
        start = left + 22
        drawn = sheet.text(
            start,
            y,
            caption,
            size=self.caption,
            font="Helvetica",
            max_width=caption_end - start - 4,
        )
        dots_from = start + drawn + 4
        if caption_end - dots_from > 12:
            dot = sheet.width(" .", self.caption, font="Helvetica")
            sheet.text(
                dots_from,
                y,
                " ." * int((caption_end - dots_from) / dot),
                size=self.caption,
                font="Helvetica",
                gray=0.4,
            )
        sheet.rect(amount_x - self.box_w, y - self.row + 3, self.box_w, self.row, line=0.4)
        sheet.text(
            amount_x - self.box_w / 2,
            y,
            box_label or number,
            size=self.caption - 0.5,
            font="Helvetica-Bold",
            align="center",
        )
        sheet.rect(amount_x, y - self.row + 3, self.amount_w, self.row, line=0.4)
        value = self.amount(key)
        if value:
            sheet.text(
                amount_x + self.amount_w - 4,
                y - 0.5,
                value,
                size=self.value_size,
                font=self.value_font,
                align="right",
                max_width=self.amount_w - 6,
            )

    def header(self, y: float, *, form: str, title: str) -> float:
        sheet, x, width = self.sheet, self.x, self.width
        sheet.text(x, y + 18, form, size=16 if form == "1040" else 14, font="Helvetica-Bold")
        sheet.text(x + 2, y + 28, "Form", size=6, font="Helvetica")
        sheet.text(
            x + 70,
            y + 10,
            "Department of the Treasury—Internal Revenue Service",
            size=6.5,
            font="Helvetica",
        )
        sheet.text(x + 70, y + 22, title, size=10, font="Helvetica-Bold")
        sheet.text(x + width * 0.68, y + 22, str(self.ret.year), size=16, font="Helvetica-Bold")
        sheet.text(
            x + width, y + 10, "OMB No. 1545-0074", size=6.5, font="Helvetica", align="right"
        )
        sheet.text(
            x + width,
            y + 20,
            "IRS Use Only—Do not write or",
            size=5.5,
            font="Helvetica",
            align="right",
        )
        sheet.text(
            x + width, y + 27, "staple in this space.", size=5.5, font="Helvetica", align="right"
        )
        sheet.hline(x, x + width, y + 32, line=1.4)
        return y + 36

    def filing_status(self, y: float) -> float:
        sheet, x = self.sheet, self.x
        sheet.text(x, y + 9, "Filing Status", size=8, font="Helvetica-Bold")
        cx = x + 70
        for key, label in STATUSES.items():
            sheet.checkbox(cx, y + 10, checked=key == self.ret.status, size=7)
            drawn = sheet.text(cx + 10, y + 9, label, size=7, font="Helvetica")
            cx += drawn + 22
        return y + 16

    def names(self, y: float) -> float:
        sheet, spec, ret, x, width = self.sheet, self.spec, self.ret, self.x, self.width
        upper = spec.name_style in ("upper", "last_first_upper")
        first_w, last_w = width * 0.38, width * 0.37
        ssn_w = width - first_w - last_w
        vs = self.value_size

        def given(p: Person) -> str:
            text = f"{p.first} {p.middle}" if p.middle else p.first
            return text.upper() if upper else text

        def last(p: Person) -> str:
            return p.last.upper() if upper else p.last

        h = 22.0
        form_cell(
            sheet,
            x,
            y,
            first_w,
            h,
            "Your first name and middle initial",
            given(ret.taxpayer),
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + first_w,
            y,
            last_w,
            h,
            "Last name",
            last(ret.taxpayer),
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + first_w + last_w,
            y,
            ssn_w,
            h,
            "Your social security number",
            spec.ssn(ret.taxpayer),
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        y += h
        sp = ret.spouse
        form_cell(
            sheet,
            x,
            y,
            first_w,
            h,
            "If joint return, spouse's first name and middle initial",
            given(sp) if sp else "",
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + first_w,
            y,
            last_w,
            h,
            "Last name",
            last(sp) if sp else "",
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + first_w + last_w,
            y,
            ssn_w,
            h,
            "Spouse's social security number",
            spec.ssn(sp) if sp else "",
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        y += h
        address = ret.taxpayer.address
        unit = ret.taxpayer.unit_line
        street = address.street[: -len(unit) - 1] if unit else address.street
        form_cell(
            sheet,
            x,
            y,
            width * 0.75,
            h,
            "Home address (number and street). If you have a P.O. box, see instructions.",
            street.upper() if upper else street,
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + width * 0.75,
            y,
            width * 0.25,
            h,
            "Apt. no.",
            unit or "",
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        y += h
        city = address.city.upper() if upper else address.city
        form_cell(
            sheet,
            x,
            y,
            width * 0.55,
            h,
            "City, town, or post office. If you have a foreign address, also complete "
            "spaces below.",
            city,
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + width * 0.55,
            y,
            width * 0.15,
            h,
            "State",
            address.state,
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        form_cell(
            sheet,
            x + width * 0.7,
            y,
            width * 0.3,
            h,
            "ZIP code",
            address.zip,
            label_size=6,
            value_size=vs,
            value_font=self.value_font,
        )
        return y + h + 6

    def dependents(self, y: float) -> float:
        sheet, x, width = self.sheet, self.x, self.width
        sheet.text(x, y + 8, "Dependents", size=8, font="Helvetica-Bold")
        rows = [
            [name, fmt_ssn(ssn, self.spec.ssn_style), rel, "X"]
            for name, ssn, rel in self.ret.dependents
        ]
        rows += [["", "", "", ""]] * max(0, 2 - len(rows))
        columns = [
            Column("(1) First name     Last name"),
            Column("(2) Social security number"),
            Column("(3) Relationship to you"),
            Column("(4) Child tax credit", "center"),
        ]
        style = TableStyle(size=7, rules="grid", header_bold=False, pad=3, leading=1.2)
        return table(sheet, x + 70, y, width - 70, columns, rows, style) + 6

    def sign(self, y: float) -> float:
        sheet, x, width = self.sheet, self.x, self.width
        sheet.text(x, y + 9, "Sign Here", size=9, font="Helvetica-Bold")
        form_cell(sheet, x + 70, y, (width - 70) * 0.45, 22, "Your signature", "", label_size=6)
        form_cell(
            sheet, x + 70 + (width - 70) * 0.45, y, (width - 70) * 0.2, 22, "Date", "", label_size=6
        )
        form_cell(
            sheet,
            x + 70 + (width - 70) * 0.65,
            y,
            (width - 70) * 0.35,
            22,
            "Your occupation",
            self.ret.occupation[0],
            label_size=6,
            value_size=8,
        )
        y += 22
        if self.ret.spouse:
            form_cell(
                sheet,
                x + 70,
                y,
                (width - 70) * 0.45,
                22,
                "Spouse's signature. If a joint return, both must sign.",
                "",
                label_size=6,
            )
            form_cell(
                sheet,
                x + 70 + (width - 70) * 0.45,
                y,
                (width - 70) * 0.2,
                22,
                "Date",
                "",
                label_size=6,
            )
            form_cell(
                sheet,
                x + 70 + (width - 70) * 0.65,
                y,
                (width - 70) * 0.35,
                22,
                "Spouse's occupation",
                self.ret.occupation[1],
                label_size=6,
                value_size=8,
            )
            y += 22
        return y + 8


def _irs(sheet: Sheet, spec: Spec, ret: Return, x: float, width: float, *, senior: bool) -> int:
    """IRS-like pages; returns the page the wages line is on."""
    form = _IrsForm(sheet, spec, ret, x, width, senior=senior)
    title = "U.S. Tax Return for Seniors" if senior else "U.S. Individual Income Tax Return"
    y = form.header(40, form="1040-SR" if senior else "1040", title=title)
    y = form.filing_status(y + 2)
    y = form.names(y + 4)
    if ret.year == 2018:
        y = form.dependents(y + 4)
        y = form.sign(y + 10)
        sheet.text(
            x,
            792 - 32,
            "For Disclosure, Privacy Act, and Paperwork Reduction Act Notice, see "
            "separate instructions.",
            size=6,
            font="Helvetica",
        )
        sheet.text(
            x + width, 792 - 32, "Form 1040 (2018)", size=7, font="Helvetica-Bold", align="right"
        )
        sheet.new_page()
        y = 44.0
        sheet.text(x, y, "Form 1040 (2018)", size=7, font="Helvetica")
        sheet.text(x + width, y, "Page 2", size=7, font="Helvetica", align="right")
        y += 20
        wages_page = 2
    else:
        if ret.dependents or spec.chance(0.5):
            y = form.dependents(y + 2)
        wages_page = 1
        sheet.text(x, y + 12, "Income", size=9, font="Helvetica-Bold")
        y += 22
    for row in _income_rows(ret):
        y = form.line(y, row)
    if senior:
        y += 10
        sheet.rect(x, y, width * 0.5, 64, line=0.6)
        sheet.text(x + 4, y + 10, "Standard Deduction Chart*", size=8, font="Helvetica-Bold")
        single, joint, head = STANDARD_DEDUCTION[ret.year]
        chart = [
            ("Single or Married filing separately", single),
            ("Married filing jointly", joint),
            ("Head of household", head),
        ]
        for n, (label, amount) in enumerate(chart):
            sheet.text(x + 6, y + 24 + n * 12, label, size=7, font="Helvetica")
            sheet.text(
                x + width * 0.5 - 6,
                y + 24 + n * 12,
                f"${amount:,}",
                size=7,
                font="Helvetica",
                align="right",
            )
        y += 72
    if ret.year != 2018:
        sheet.text(
            x + width,
            792 - 32,
            f"Form {'1040-SR' if senior else '1040'} ({ret.year})",
            size=7,
            font="Helvetica-Bold",
            align="right",
        )
        sheet.new_page()
        y = 44.0
        sheet.text(
            x, y, f"Form {'1040-SR' if senior else '1040'} ({ret.year})", size=7, font="Helvetica"
        )
        sheet.text(x + width, y, "Page 2", size=7, font="Helvetica", align="right")
        y += 20
    else:
        y += 10
    sheet.text(x, y + 6, "Tax and Credits / Payments", size=9, font="Helvetica-Bold")
    y += 20
    for entry in _payment_rows(ret):
        y = form.line(y, [entry])
    if ret.year != 2018:
        y = form.sign(y + 16)
    return wages_page


def _given(who: Person) -> str:
    return f"{who.first} {who.middle}" if who.middle else who.first


def _software(sheet: Sheet, spec: Spec, ret: Return, x: float, width: float) -> int:
    size = spec.size
    vendor = spec.rng.choice(
        ("TaxPrep Pro", "EasyFile Tax Software", "LedgerLine Tax", "Filewise Desktop")
    )
    sheet.text(
        x,
        48,
        f"{ret.year} Federal Tax Return Summary",
        size=size + 5,
        bold=True,
        max_width=width * 0.7,
    )
    sheet.text(x + width, 48, vendor, size=size - 0.5, align="right", gray=0.35)
    y = 48 + size * 2.4
    tp, sp = ret.taxpayer, ret.spouse
    upper = spec.chance(0.6)
    style = "upper" if upper else "natural"
    arrangement = spec.rng.choice(("labelled", "shown-on-return", "both"))
    if arrangement in ("labelled", "both"):
        sheet.text(x, y, f"Taxpayer: {spec.name(tp, style)}", size=size, max_width=width * 0.6)
        sheet.text(x + width * 0.62, y, f"SSN: {spec.ssn(tp)}", size=size)
        y += size * 1.4
        if sp:
            sheet.text(x, y, f"Spouse: {spec.name(sp, style)}", size=size, max_width=width * 0.6)
            sheet.text(x + width * 0.62, y, f"SSN: {spec.ssn(sp)}", size=size)
            y += size * 1.4
    if arrangement in ("shown-on-return", "both"):
        if sp and sp.last == tp.last:
            joined = f"{_given(tp)} & {_given(sp)} {tp.last}"
        elif sp:
            joined = f"{tp.truth_name} & {sp.truth_name}"
        else:
            joined = tp.truth_name
        sheet.text(
            x,
            y,
            f"Name(s) shown on return: {joined.upper() if upper else joined}",
            size=size,
            max_width=width,
        )
        y += size * 1.4
        if arrangement == "shown-on-return":
            ssns = f"Your SSN: {spec.ssn(tp)}" + (f"    Spouse's SSN: {spec.ssn(sp)}" if sp else "")
            sheet.text(x, y, ssns, size=size)
            y += size * 1.4
    for line in people.address_lines(spec.rng, tp.address, tp.unit_line, upper=upper):
        sheet.text(x, y, line, size=size)
        y += size * 1.3
    y += size
    a = spec.amount
    lines = ret.lines
    refund = lines["payments"] - lines["tax"]
    pairs = [
        ("Filing status", STATUSES[ret.status].split(" (")[0]),
        ("Total income", a(lines["total"])),
        ("Adjusted gross income", a(lines["agi"])),
        ("Standard deduction", a(lines["deduction"])),
        ("Taxable income", a(lines["taxable"])),
        ("Total tax", a(lines["tax"])),
        ("Total payments", a(lines["payments"])),
        ("Refund" if refund >= 0 else "Amount you owe", a(abs(refund))),
    ]
    y = (
        field_block(
            sheet,
            spec,
            pairs,
            x=x,
            y=y,
            width=width * 0.6,
            placement=spec.rng.choice(("right", "inline")),
        )
        + 10
    )
    sheet.paragraph(
        x,
        y,
        "This summary is provided for your records. It is not a substitute for the "
        "return itself; see the line detail that follows.",
        size=max(7.0, size - 1),
        width=width,
    )
    sheet.text(x + width, 792 - 30, "Page 1", size=7, align="right")
    sheet.new_page()
    y = 50.0
    sheet.text(x, y, f"Form 1040 ({ret.year}) - Line Detail", size=size + 3, bold=True)
    y += size * 1.6
    names_line = spec.name(tp, style) + (f" & {spec.name(sp, style)}" if sp else "")
    sheet.text(x, y, f"{names_line}    {spec.ssn(tp)}", size=size, max_width=width)
    y += size
    rows: list[list[str]] = []
    bold_at = set()
    for row in _income_rows(ret):
        for number, caption, key in row:
            if key not in lines and key not in ("1b", "1d", "1e", "1f", "1g"):
                continue
            if key == ret.wages_key:
                bold_at.add(len(rows))
            rows.append([number, caption, a(lines.get(key, Decimal(0)))])
    for number, caption, key in _payment_rows(ret):
        rows.append([number, caption, a(lines[key])])
    columns = [Column("Line"), Column("Description"), Column("Amount", "right")]
    table(
        sheet,
        x,
        y,
        width,
        columns,
        rows,
        TableStyle(size=max(7.0, size - 0.5), rules=spec.rng.choice(("lines", "shade", "none"))),
        bold_rows=frozenset(bold_at),
    )
    sheet.text(x + width, 792 - 30, "Page 2", size=7, align="right")
    return 2


def _return_truth(truth: DocumentTruth, ret: Return, year: int, page: int) -> None:
    """The return's people and its line 1z income (on ``page``)."""
    for who in filter(None, (ret.taxpayer, ret.spouse)):
        truth.add_borrower(
            TruthBorrower(name=who.truth_name, ssn_last4=who.ssn_last4, address=who.address)
        )
    truth.income_records.append(
        TruthIncome(
            borrower=ret.taxpayer.truth_name,
            amount=ret.wages,
            period="annual",
            year=year,
            source_type="form_1040",
            employer=None,
            page=page,
        )
    )


def build(rng: random.Random, family: str) -> Drawn:
    spec = Spec.draw(
        rng, sizes=(8, 10.5), money_styles=WHOLE_STYLES, name_styles=("natural", "upper", "upper")
    )
    if family == "form_1040/irs-2018":
        year = 2018
    elif family in ("form_1040/irs-modern", "form_1040/irs-sr"):
        year = rng.choice((2019, 2020, 2021, 2022, 2023))
    elif family == "form_1040/software-summary":
        year = rng.choice((2018, 2019, 2020, 2021, 2022, 2023))
    else:
        raise ValueError(f"unknown 1040 family {family!r}")
    senior = family == "form_1040/irs-sr"
    ret = _facts(rng, year, senior=senior)
    x, width = margins(spec)
    if family != "form_1040/software-summary":
        x, width = 36.0 + rng.choice((0, 4, 8)), 540.0 - 2 * rng.choice((0, 4, 8))
    sheet = new_sheet(spec, f"{year} Form 1040" if spec.chance(0.5) else "")
    if family == "form_1040/software-summary":
        page = _software(sheet, spec, ret, x, width)
    else:
        page = _irs(sheet, spec, ret, x, width, senior=senior)
    truth = DocumentTruth(doc_type="form_1040", layout=family)
    _return_truth(truth, ret, year, page)
    extra = ""
    if ret.wages_key == "1z" and ret.lines["1z"] != ret.lines["1a"]:
        extra = f"; line 1a {ret.lines['1a']} differs from 1z"
    truth.notes.append(
        f"{year} {'1040-SR' if senior else 'Form 1040'}, {STATUSES[ret.status]}; line "
        f"{ret.wages_key} "
        f"{ret.wages} on page {page}; total income {ret.lines['total']}{extra}"
    )
    if ret.dependents:
        truth.notes.append("dependents are not borrowers")
    return done(sheet, truth)


# --- returns with Schedules C and E ----------------------------------------------------------

# Kept apart from FAMILIES: the families above, and the random draws behind them, are what the
# measured corpora were generated from.
SCHEDULE_FAMILIES = (
    "form_1040_schedules/irs",
    "form_1040_schedules/software",
    "form_1040_schedules/schedule-only",
)


def build_with_schedules(rng: random.Random, family: str) -> Drawn:
    """A return followed by its Schedule C and/or E pages, or a schedule on its own.

    * ``form_1040_schedules/irs``: an IRS-like 1040 (or 1040-SR) and IRS-like schedules;
    * ``form_1040_schedules/software``: a tax-software summary and line detail, and the
      program's schedule prints (Line / Description / Amount tables, or a short summary);
    * ``form_1040_schedules/schedule-only``: one Schedule C or E, either style, no 1040.

    A return holds a Schedule C (the proprietor the taxpayer or, on a joint return, the
    spouse; now and then one for each), a Schedule E (one to three properties), or both. Their
    results reach the 1040 through Schedule 1 (line 8, other income).

    Truth: the 1040's line 1z (line 1) income as :func:`build` records it, plus one income per
    schedule: Schedule C line 31 (``schedule_c``, employer = the business name when printed,
    else null, borrower = the proprietor) and Schedule E line 26 (``schedule_e``, employer
    null, borrower = the first name shown on the return); annual, the tax year; a loss is
    negative.
    """
    if family not in SCHEDULE_FAMILIES:
        raise ValueError(f"unknown 1040 schedules family {family!r}")
    spec = Spec.draw(
        rng, sizes=(8, 10.5), money_styles=WHOLE_STYLES, name_styles=("natural", "upper", "upper")
    )
    year = rng.choice((2018, 2019, 2020, 2021, 2022, 2023))
    alone = family == "form_1040_schedules/schedule-only"
    irs = family == "form_1040_schedules/irs" or (alone and rng.random() < 0.5)
    senior = irs and not alone and year >= 2019 and rng.random() < 0.15
    ret = _facts(rng, year, senior=senior)
    kinds = (rng.choice(("c", "e")),) if alone else rng.choices(("c", "e", "ce"), (40, 30, 30))[0]
    attached: list[schedules.ScheduleC | schedules.ScheduleE] = []
    for kind in kinds:
        if kind == "c":
            owner = ret.spouse if ret.spouse and rng.random() < 0.3 else ret.taxpayer
            attached.append(schedules.schedule_c(rng, owner))
            if ret.spouse and not alone and rng.random() < 0.15:
                other = ret.spouse if owner is ret.taxpayer else ret.taxpayer
                attached.append(schedules.schedule_c(rng, other))
        else:
            names = [ret.taxpayer, *([ret.spouse] if ret.spouse else [])]
            attached.append(schedules.schedule_e(rng, names))
    _add_schedule_income(ret, attached)
    if irs:
        x, width = 36.0 + rng.choice((0, 4, 8)), 540.0 - 2 * rng.choice((0, 4, 8))
    else:
        x, width = margins(spec)
    sheet = new_sheet(spec, f"{year} Form 1040" if spec.chance(0.5) else "")
    truth = DocumentTruth(doc_type="form_1040", layout=family)
    notes = []
    if not alone:
        if irs:
            page = _irs(sheet, spec, ret, x, width, senior=senior)
        else:
            page = _software(sheet, spec, ret, x, width)
        _return_truth(truth, ret, year, page)
        notes.append(
            f"{year} {'1040-SR' if senior else 'Form 1040'}, {STATUSES[ret.status]}; line "
            f"{ret.wages_key} {ret.wages} on page {page}; other income (Schedule 1) "
            f"{ret.lines.get('other', Decimal(0))}"
        )
    for n, sched in enumerate(attached):
        if n or not alone:
            sheet.new_page()
        if isinstance(sched, schedules.ScheduleC):
            draw_c = schedules.irs_schedule_c if irs else schedules.software_schedule_c
            page = draw_c(sheet, spec, sched, year, x, width)
            owner = sched.proprietor
            if alone:
                truth.add_borrower(
                    TruthBorrower(name=owner.truth_name, ssn_last4=owner.ssn_last4, address=None)
                )
            truth.income_records.append(
                TruthIncome(
                    borrower=owner.truth_name,
                    amount=sched.net,
                    period="annual",
                    year=year,
                    source_type="schedule_c",
                    employer=sched.business,
                    page=page,
                )
            )
            notes.append(
                f"Schedule C of {owner.truth_name}: line 31 {sched.net} on page {page} (line 1 "
                f"{sched.lines['1']}, line 29 {sched.lines['29']}); business name "
                f"{sched.business or 'blank'}"
            )
        else:
            draw_e = schedules.irs_schedule_e if irs else schedules.software_schedule_e
            page = draw_e(sheet, spec, sched, year, x, width)
            if alone:
                for i, who in enumerate(sched.names):
                    truth.add_borrower(
                        TruthBorrower(
                            name=who.truth_name,
                            ssn_last4=who.ssn_last4 if i == 0 else None,
                            address=None,
                        )
                    )
            truth.income_records.append(
                TruthIncome(
                    borrower=sched.names[0].truth_name,
                    amount=sched.net,
                    period="annual",
                    year=year,
                    source_type="schedule_e",
                    employer=None,
                    page=page,
                )
            )
            notes.append(
                f"Schedule E: line 26 {sched.net} on page {page}, {len(sched.properties)} "
                f"propert{'y' if len(sched.properties) == 1 else 'ies'} (line 23a "
                f"{sched.lines.get('23a')}); line 41 {sched.lines.get('41', 'not printed')}"
            )
    truth.notes.extend(notes)
    return done(sheet, truth)


def _add_schedule_income(
    ret: Return, attached: list[schedules.ScheduleC | schedules.ScheduleE]
) -> None:
    """Carry the schedules' results through Schedule 1 into the return's totals."""
    extra = Decimal(0)
    for sched in attached:
        if isinstance(sched, schedules.ScheduleE):
            extra += sched.lines.get("41", sched.net)
        else:
            extra += sched.net
    lines = ret.lines
    lines["other"] = lines.get("other", Decimal(0)) + extra
    lines["total"] += extra
    lines["agi"] += extra
    lines["taxable"] = max(Decimal(0), lines["agi"] - lines["deduction"])
    lines["tax"] = lines["taxable"] * 15 // 100
