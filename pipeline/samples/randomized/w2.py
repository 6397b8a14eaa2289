"""Forms W-2 in randomized layouts.

Families:

* ``w2/irs-grid``: an IRS-like boxed form (identity boxes a-f in one column, numbered boxes in
  pairs in the other, state/local row below); the identity column may be on either side.
* ``w2/stacked-boxes``: employer and employee blocks on top, then the numbered boxes in a grid of
  two to four columns, in box order (payroll-provider style).
* ``w2/earnings-summary``: a "W-2 and Earnings Summary": gross pay less pre-tax deductions for
  boxes 1, 3 and 5 in a table, with the form itself below or on page 2.
* ``w2/copy-b-c``: Copy B and Copy C of the same W-2 on one page (one record, not two).
* ``w2/substitute-listing``: a substitute statement listing "Box 1  Wages, tips, other
  compensation .... 52,114.08" lines.

The figures: box 1 = gross - 401(k) deferral - section 125; box 3 = min(gross - section 125,
the year's Social Security wage base); box 5 = gross - section 125. So box 1 < box 3/5 whenever
there is a deferral, and box 3 < box 5 above the wage base. Truth: box 1, annual, ``w2``,
employer, borrower with ssn_last4.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from pipeline.samples.randomized import people
from pipeline.samples.randomized.blocks import Drawn, done, field_block, margins, new_sheet
from pipeline.samples.randomized.draw import (
    Column,
    Sheet,
    TableStyle,
    field_pair,
    form_cell,
    table,
)
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import Spec, money
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = (
    "w2/irs-grid",
    "w2/stacked-boxes",
    "w2/earnings-summary",
    "w2/copy-b-c",
    "w2/substitute-listing",
)

SS_WAGE_BASE = {
    2019: Decimal(132900),
    2020: Decimal(137700),
    2021: Decimal(142800),
    2022: Decimal(147000),
    2023: Decimal(160200),
}
CAPTIONS: dict[str, tuple[str, ...]] = {
    "a": ("a Employee's social security number", "a Employee's SSA number", "a Employee SSN"),
    "b": (
        "b Employer identification number (EIN)",
        "b Employer ID number (EIN)",
        "b Employer's FED ID number",
    ),
    "c": ("c Employer's name, address, and ZIP code", "c Employer name, address and ZIP code"),
    "d": ("d Control number", "d Control no."),
    "e": (
        "e Employee's first name and initial    Last name    Suff.",
        "e Employee's name",
        "e/f Employee's name, address, and ZIP code",
    ),
    "f": ("f Employee's address and ZIP code", "f Employee address"),
    "1": (
        "1 Wages, tips, other compensation",
        "1 Wages, tips, other comp.",
        "1 Wages, tips, other compensation",
    ),
    "2": (
        "2 Federal income tax withheld",
        "2 Federal income tax w/h",
        "2 Fed. income tax withheld",
    ),
    "3": ("3 Social security wages", "3 Social security wages", "3 Soc. sec. wages"),
    "4": ("4 Social security tax withheld", "4 Soc. sec. tax withheld"),
    "5": ("5 Medicare wages and tips", "5 Medicare wages & tips"),
    "6": ("6 Medicare tax withheld",),
    "7": ("7 Social security tips",),
    "8": ("8 Allocated tips",),
    "9": ("9", "9 Verification code"),
    "10": ("10 Dependent care benefits",),
    "11": ("11 Nonqualified plans",),
    "12a": ("12a See instructions for box 12", "12a Code"),
    "12b": ("12b",),
    "12c": ("12c",),
    "12d": ("12d",),
    "13": ("13 Statutory employee  Retirement plan  Third-party sick pay",),
    "14": ("14 Other",),
    "15": ("15 State  Employer's state ID number", "15 State / Employer's state ID no."),
    "16": ("16 State wages, tips, etc.",),
    "17": ("17 State income tax",),
    "18": ("18 Local wages, tips, etc.",),
    "19": ("19 Local income tax",),
    "20": ("20 Locality name",),
}
COPY_LABELS = {
    "B": (
        "Copy B—To Be Filed With Employee's FEDERAL Tax Return",
        "Copy B, To Be Filed With Employee's FEDERAL Tax Return",
    ),
    "C": (
        "Copy C—For EMPLOYEE'S RECORDS",
        "Copy C, For EMPLOYEE'S RECORDS (See Notice to Employee)",
    ),
    "2": ("Copy 2—To Be Filed With Employee's State, City, or Local Income Tax Return",),
}


@dataclass
class W2:
    year: int
    employer: Organisation
    employee: Person
    control: str
    boxes: dict[str, Decimal]
    box12: list[tuple[str, Decimal]]
    retirement: bool
    state: str
    state_id: str
    box14: str | None
    gross: Decimal
    deferral: Decimal
    section125: Decimal


def _facts(rng: random.Random) -> W2:
    year = rng.choice(tuple(SS_WAGE_BASE))
    base = SS_WAGE_BASE[year]
    gross = money(Decimal(rng.randint(2400000, 26000000)) / 100)
    if rng.random() < 0.15:
        gross = money(base + Decimal(rng.randint(1000, 60000)))
    deferral = Decimal(0)
    if rng.random() < 0.55:
        deferral = money(min(gross * Decimal(rng.randint(3, 12)) / 100, Decimal(19500)))
    section125 = money(Decimal(rng.randint(300, 4200))) if rng.random() < 0.4 else Decimal(0)
    box1 = gross - deferral - section125
    box3 = min(gross - section125, base)
    box5 = gross - section125
    boxes = {
        "1": box1,
        "2": money(box1 * Decimal(rng.randint(7, 21)) / 100),
        "3": box3,
        "4": money(box3 * Decimal("0.062")),
        "5": box5,
        "6": money(box5 * Decimal("0.0145")),
        "16": box1,
        "17": money(box1 * Decimal(rng.randint(2, 6)) / 100),
    }
    box12 = []
    if deferral:
        box12.append(("D", deferral))
    if rng.random() < 0.6:
        box12.append(("DD", money(Decimal(rng.randint(150000, 1800000)) / 100)))
    if rng.random() < 0.2:
        box12.append(("W", money(Decimal(rng.randint(500, 3850)))))
    employee = people.person(rng)
    return W2(
        year=year,
        employer=people.company(rng),
        employee=employee,
        control=people.digits(rng, rng.choice((5, 6, 8))) if rng.random() < 0.7 else "",
        boxes=boxes,
        box12=box12,
        retirement=bool(deferral),
        state=employee.address.state,
        state_id=rng.choice(
            (
                people.digits(rng, 8),
                f"{people.digits(rng, 3)}-{people.digits(rng, 2)}-{people.digits(rng, 3)}",
            )
        ),
        box14=rng.choice((None, None, "SDI", "NJFLI", "UNION DUES")),
        gross=gross,
        deferral=deferral,
        section125=section125,
    )


class _Form:
    """The per-document wording and printing choices shared by every copy on the page."""

    def __init__(self, spec: Spec, w2: W2) -> None:
        self.spec, self.w2 = spec, w2
        self.captions = {key: spec.word(f"w2-{key}", options) for key, options in CAPTIONS.items()}
        self.value_align = spec.rng.choice(("left", "right", "right"))
        self.name_style = spec.rng.choice(("natural", "upper", "upper"))
        self.upper_address = self.name_style == "upper" and spec.chance(0.7)
        self.label_size = spec.rng.choice((5.5, 6.0, 6.5))
        self.info_share = spec.rng.choice((0.46, 0.48, 0.5, 0.52))
        self.value_size = spec.rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
        self.address_lines = people.address_lines(
            spec.rng, w2.employee.address, w2.employee.unit_line, upper=self.upper_address
        )
        self.employer_lines = [
            w2.employer.name.upper() if spec.chance(0.5) else w2.employer.name,
            *people.address_lines(spec.rng, w2.employer.address, None),
        ]

    def amount(self, key: str) -> str:
        value = self.w2.boxes.get(key)
        return self.spec.amount(value) if value is not None else ""

    @property
    def name(self) -> str:
        return self.spec.name(self.w2.employee, self.name_style)

    @property
    def ssn(self) -> str:
        return self.spec.ssn(self.w2.employee)


def _grid(
    sheet: Sheet,
    form: _Form,
    x: float,
    y: float,
    width: float,
    row: float,
    *,
    copy: str,
    flip: bool,
) -> float:
    """An IRS-like boxed W-2; returns the y below it."""
    spec, w2 = form.spec, form.w2
    ls, vs = form.label_size, min(form.value_size, row * 0.42)
    info_w = width * form.info_share
    box_w = (width - info_w) / 2
    info_x = x + width - info_w if flip else x
    box_x = x if flip else x + info_w

    def cell(
        cx: float, cy: float, cw: float, ch: float, key: str, value: str | list[str] = ""
    ) -> None:
        amount = isinstance(value, str) and key.isdigit()
        form_cell(
            sheet,
            cx,
            cy,
            cw,
            ch,
            form.captions[key],
            value,
            label_size=ls,
            value_size=vs,
            value_align=form.value_align if amount else "left",
        )

    # Top strip: SSN box and the OMB number.
    cell(x, y, width * 0.35, row, "a", form.ssn)
    sheet.text(x + width * 0.37, y + row * 0.6, "OMB No. 1545-0008", size=ls + 0.5)
    y += row
    top = y
    # Identity column: b, c (tall), d, e (name), f (address).
    cell(info_x, y, info_w, row, "b", w2.employer.ein)
    cell(info_x, y + row, info_w, row * 2.5, "c", form.employer_lines)
    cell(info_x, y + row * 3.5, info_w, row, "d", w2.control)
    name_lines = [form.name]
    if form.captions["e"].startswith("e/f"):
        cell(info_x, y + row * 4.5, info_w, row * 4.5, "e", name_lines + form.address_lines)
    else:
        cell(info_x, y + row * 4.5, info_w, row * 1.5, "e", name_lines)
        cell(info_x, y + row * 6, info_w, row * 3, "f", form.address_lines)
    # Numbered boxes in pairs.
    pairs = [
        ("1", "2"),
        ("3", "4"),
        ("5", "6"),
        ("7", "8"),
        ("9", "10"),
        ("11", "12a"),
        ("13", "12b"),
        ("14", "12c"),
        ("", "12d"),
    ]
    codes = dict(zip(("12a", "12b", "12c", "12d"), w2.box12, strict=False))
    for n, (left_key, right_key) in enumerate(pairs):
        cy = y + n * row
        for m, key in enumerate((left_key, right_key)):
            cx = box_x + m * box_w
            if not key:
                sheet.rect(cx, cy, box_w, row)
                continue
            if key in codes:
                code, amount = codes[key]
                cell(cx, cy, box_w, row, key, f"{code}   {spec.amount(amount)}")
            elif key == "13":
                _box13(sheet, form, cx, cy, box_w, row)
            elif key == "14":
                cell(
                    cx,
                    cy,
                    box_w,
                    row,
                    key,
                    f"{w2.box14} {spec.amount(money(w2.boxes['1'] * Decimal('0.009')))}"
                    if w2.box14
                    else "",
                )
            else:
                cell(cx, cy, box_w, row, key, form.amount(key))
    y = top + 9 * row
    # State and local row.
    widths = [0.22, 0.18, 0.16, 0.16, 0.14, 0.14]
    cx = x
    values = [f"{w2.state}  {w2.state_id}", form.amount("16"), form.amount("17"), "", "", ""]
    for key, share, value in zip(("15", "16", "17", "18", "19", "20"), widths, values, strict=True):
        cell(cx, y, width * share, row, key, value)
        cx += width * share
    y += row
    brand = sheet.text(x, y + 12, "Form W-2", size=11, font="Helvetica-Bold")
    sheet.text(x + brand + 6, y + 12, "Wage and Tax Statement", size=8.5, font="Helvetica")
    sheet.text(
        x + width * 0.55,
        y + 14,
        str(w2.year),
        size=spec.rng.choice((14, 16, 18)),
        bold=True,
        align="center",
    )
    sheet.text(
        x + width,
        y + 10,
        "Department of the Treasury—Internal Revenue Service",
        size=6,
        align="right",
    )
    sheet.text(x, y + 23, spec.rng.choice(COPY_LABELS[copy]), size=6.5, max_width=width)
    return y + 30


def _box13(sheet: Sheet, form: _Form, x: float, y: float, width: float, height: float) -> None:
    """Box 13: three tick boxes, each under its own small caption."""
    sheet.rect(x, y, width, height)
    sheet.text(x + 2, y + form.label_size + 1, "13", size=form.label_size)
    third = (width - 12) / 3
    tick = min(6.0, height * 0.3)
    captions = (("Statutory", "employee"), ("Retirement", "plan"), ("Third-party", "sick pay"))
    for k, (lines, checked) in enumerate(
        zip(captions, (False, form.w2.retirement, False), strict=True)
    ):
        left = x + 12 + k * third
        for n, line in enumerate(lines):
            sheet.text(left, y + 6 + n * 5.5, line, size=5, max_width=third - 2)
        sheet.checkbox(left + 2, y + height - 2.5, checked=checked, size=tick)


def _irs_grid(sheet: Sheet, spec: Spec, w2: W2, x: float, width: float) -> None:
    form = _Form(spec, w2)
    y = spec.rng.choice((50.0, 70.0, 90.0))
    _grid(
        sheet,
        form,
        x,
        y,
        width,
        spec.rng.choice((25.0, 27.0, 29.0, 31.0)),
        copy=spec.rng.choice(("B", "B", "2")),
        flip=spec.chance(0.25),
    )


def _copy_b_c(sheet: Sheet, spec: Spec, w2: W2, x: float, width: float) -> None:
    form = _Form(spec, w2)
    row = spec.rng.choice((22.0, 23.0, 24.0))
    y = _grid(sheet, form, x, 36, width, row, copy="B", flip=False)
    sheet.hline(x - 10, x + width + 10, y + 6, dash=True)
    _grid(sheet, form, x, y + 20, width, row, copy=spec.rng.choice(("C", "2")), flip=False)


def _stacked(sheet: Sheet, spec: Spec, w2: W2, x: float, width: float) -> None:
    form = _Form(spec, w2)
    size = spec.size
    y = 48.0
    sheet.text(x, y + 14, f"{w2.year} W-2", size=16, bold=True)
    sheet.text(x + width, y + 6, "Wage and Tax Statement", size=size + 1, bold=True, align="right")
    sheet.text(
        x + width,
        y + 6 + size * 1.4,
        spec.rng.choice(COPY_LABELS["B"]),
        size=max(6.0, size - 2),
        align="right",
        max_width=width * 0.6,
    )
    y += 40
    half = width / 2 - 10
    left_pairs = [
        (form.captions["c"][2:], w2.employer.name),
        *(("", line) for line in form.employer_lines[1:]),
        (form.captions["b"][2:], w2.employer.ein),
    ]
    right_pairs = [
        (spec.rng.choice(("Employee", "Employee's name")), form.name),
        *(("", line) for line in form.address_lines),
        (form.captions["a"][2:], form.ssn),
    ]
    end_left = y
    for label, value in left_pairs:
        if label:
            sheet.text(
                x, end_left, label, size=max(6.0, size - 1.5), bold=spec.label_bold, max_width=half
            )
            end_left += size * 1.15
        sheet.text(x, end_left, value, size=size, max_width=half)
        end_left += size * 1.3
    end_right = y
    for label, value in right_pairs:
        if label:
            sheet.text(
                x + half + 20,
                end_right,
                label,
                size=max(6.0, size - 1.5),
                bold=spec.label_bold,
                max_width=half,
            )
            end_right += size * 1.15
        sheet.text(x + half + 20, end_right, value, size=size, max_width=half)
        end_right += size * 1.3
    y = max(end_left, end_right) + 10
    columns = spec.rng.choice((2, 3, 4))
    keys = ["1", "2", "3", "4", "5", "6", "7", "8", "10", "11"]
    keys += [f"12{c}" for c, _ in zip("abcd", w2.box12, strict=False)] + ["13", "16", "17"]
    box_w = width / columns
    row = max(26.0, form.value_size * 2.8)
    codes = dict(zip(("12a", "12b", "12c", "12d"), w2.box12, strict=False))
    for n, key in enumerate(keys):
        r, c = divmod(n, columns)
        cx, cy = x + c * box_w, y + r * row
        caption = form.captions[key]
        if key.startswith("12"):
            code, amount = codes[key]
            form_cell(
                sheet,
                cx,
                cy,
                box_w,
                row,
                f"{key} Code {code}",
                spec.amount(amount),
                label_size=form.label_size + 0.5,
                value_size=form.value_size,
                value_align=form.value_align,
            )
        elif key == "13":
            form_cell(
                sheet,
                cx,
                cy,
                box_w,
                row,
                "13 Retirement plan",
                "X" if w2.retirement else "",
                label_size=form.label_size + 0.5,
                value_size=form.value_size,
            )
        else:
            caption = caption if key not in ("16", "17") else f"{caption} ({w2.state})"
            form_cell(
                sheet,
                cx,
                cy,
                box_w,
                row,
                caption,
                form.amount(key),
                label_size=form.label_size + 0.5,
                value_size=form.value_size,
                value_align=form.value_align,
            )
    y += (len(keys) + columns - 1) // columns * row + 14
    if form.w2.control:
        sheet.text(x, y + 6, f"{form.captions['d'][2:]}: {w2.control}", size=max(6.5, size - 1))


def _summary(sheet: Sheet, spec: Spec, w2: W2, x: float, width: float) -> int:
    form = _Form(spec, w2)
    size = spec.size
    y = 50.0
    title = spec.rng.choice(
        ("W-2 and Earnings Summary", "Wage Summary for Form W-2", "Employee W-2 Summary")
    )
    sheet.text(x, y + size + 4, title, size=size + 5, bold=True, max_width=width * 0.6)
    sheet.text(x + width, y + size + 4, f"Tax Year {w2.year}", size=size + 2, align="right")
    y += size * 3.2
    pairs = [
        (spec.rng.choice(("Employee", "Employee Name")), form.name),
        (spec.rng.choice(("Social Security Number", "SSN")), form.ssn),
        (spec.rng.choice(("Employer", "Company")), w2.employer.name),
        ("EIN", w2.employer.ein),
    ]
    y = field_block(sheet, spec, pairs, x=x, y=y, width=width * 0.75) + 10
    intro = spec.rng.choice(
        (
            "This summary shows how your gross pay was adjusted to arrive at the wages "
            "reported on your Form W-2.",
            "Your W-2 reportable wages are your gross pay less pre-tax deductions, as shown below.",
        )
    )
    y = sheet.paragraph(x, y, intro, size=size, width=width) + 6
    box1 = spec.word(
        "sum-1",
        ("Box 1\nFederal Taxable Wages", "Box 1\nWages, Tips, Other Comp.", "Federal\n(Box 1)"),
    )
    box3 = spec.word(
        "sum-3",
        ("Box 3\nSocial Security Wages", "Box 3\nSoc Sec Wages", "Social Security\n(Box 3)"),
    )
    box5 = spec.word(
        "sum-5", ("Box 5\nMedicare Wages", "Box 5\nMedicare Wages & Tips", "Medicare\n(Box 5)")
    )
    a = spec.amount
    gross = w2.gross
    rows = [[spec.rng.choice(("Gross Pay", "Total Gross Earnings")), a(gross), a(gross), a(gross)]]
    if w2.deferral:
        rows.append(["Less 401(k) Deferral", f"-{a(w2.deferral)}", "", ""])
    if w2.section125:
        rows.append(
            [
                "Less Section 125 (Pre-Tax Health)",
                f"-{a(w2.section125)}",
                f"-{a(w2.section125)}",
                f"-{a(w2.section125)}",
            ]
        )
    cap = gross - w2.section125 - w2.boxes["3"]
    if cap > 0:
        rows.append(["Less Wages Over Social Security Limit", "", f"-{a(cap)}", ""])
    rows.append(
        [
            spec.rng.choice(("Reported W-2 Wages", "W-2 Wages", "Taxable Wages")),
            a(w2.boxes["1"]),
            a(w2.boxes["3"]),
            a(w2.boxes["5"]),
        ]
    )
    columns = [Column(""), Column(box1, "right"), Column(box3, "right"), Column(box5, "right")]
    y = (
        table(
            sheet,
            x,
            y,
            width,
            columns,
            rows,
            TableStyle(size=size, rules=spec.rng.choice(("grid", "lines", "shade"))),
            bold_rows=frozenset({len(rows) - 1}),
        )
        + 12
    )
    withheld = [
        ("Federal income tax withheld (Box 2)", a(w2.boxes["2"])),
        ("Social security tax withheld (Box 4)", a(w2.boxes["4"])),
        ("Medicare tax withheld (Box 6)", a(w2.boxes["6"])),
    ]
    for label, value in withheld:
        y = field_pair(
            sheet,
            x,
            y + 2,
            label,
            value,
            placement="right",
            size=size,
            width=width * 0.6,
            label_bold=False,
            leaders=True,
        )
    y += 16
    on_next_page = y > 792 - 360 or spec.chance(0.4)
    if on_next_page:
        sheet.new_page()
        y = 50.0
    _grid(sheet, form, x, y, width, 23.0 if not on_next_page else 27.0, copy="B", flip=False)
    return sheet.page


def _listing(sheet: Sheet, spec: Spec, w2: W2, x: float, width: float) -> None:
    form = _Form(spec, w2)
    size = spec.size
    y = 54.0
    title = spec.rng.choice(
        (
            "Substitute Form W-2",
            "Statement of Wages and Withholding (Substitute W-2)",
            "Form W-2 Wage and Tax Statement",
        )
    )
    sheet.text(x, y + size + 4, title, size=size + 4, bold=True, max_width=width * 0.7)
    sheet.text(x + width, y + size + 4, str(w2.year), size=size + 4, bold=True, align="right")
    y += size * 3
    half = width / 2 - 10
    sheet.text(x, y, "Employer", size=size, bold=True)
    sheet.text(x + half + 20, y, "Employee", size=size, bold=True)
    y += size * 1.3
    left = [*form.employer_lines, f"EIN {w2.employer.ein}"]
    right = [form.name, *form.address_lines, f"SSN {form.ssn}"]
    for n in range(max(len(left), len(right))):
        if n < len(left):
            sheet.text(x, y, left[n], size=size, max_width=half)
        if n < len(right):
            sheet.text(x + half + 20, y, right[n], size=size, max_width=half)
        y += size * 1.3
    y += 12
    sheet.hline(x, x + width, y - size)
    keys = ["1", "2", "3", "4", "5", "6", "10", "11", "16", "17"]
    prefix = spec.word("listing-prefix", ("Box ", "", "Box "))
    codes = w2.box12
    leaders = spec.chance(0.7)
    for key in keys:
        value = form.amount(key)
        if not value:
            continue
        label = f"{prefix}{form.captions[key]}"
        y = field_pair(
            sheet,
            x,
            y + 2,
            label,
            value,
            placement="right",
            size=size,
            width=width * 0.8,
            label_bold=spec.label_bold,
            leaders=leaders,
        )
        if key == "11":
            for n, (code, amount) in enumerate(codes):
                y = field_pair(
                    sheet,
                    x,
                    y + 2,
                    f"{prefix}12{'abcd'[n]} Code {code}",
                    spec.amount(amount),
                    placement="right",
                    size=size,
                    width=width * 0.8,
                    label_bold=spec.label_bold,
                )
    y += 10
    sheet.text(x, y, f"State: {w2.state}   Employer's state ID: {w2.state_id}", size=size)
    if w2.control:
        sheet.text(x, y + size * 1.5, f"Control number: {w2.control}", size=size)


def build(rng: random.Random, family: str) -> Drawn:
    spec = Spec.draw(rng, sizes=(7.5, 10.5), money_styles=("comma", "comma", "plain", "dollar"))
    w2 = _facts(rng)
    x, width = margins(spec)
    if family in ("w2/irs-grid", "w2/copy-b-c"):
        x, width = 36.0 + rng.choice((0, 6, 12)), 540.0 - 2 * rng.choice((0, 6, 12))
    sheet = new_sheet(spec, f"Form W-2 {w2.year}" if spec.chance(0.5) else "")
    if family == "w2/irs-grid":
        _irs_grid(sheet, spec, w2, x, width)
    elif family == "w2/stacked-boxes":
        _stacked(sheet, spec, w2, x, width)
    elif family == "w2/earnings-summary":
        _summary(sheet, spec, w2, x, width)
    elif family == "w2/copy-b-c":
        _copy_b_c(sheet, spec, w2, x, width)
    elif family == "w2/substitute-listing":
        _listing(sheet, spec, w2, x, width)
    else:
        raise ValueError(f"unknown W-2 family {family!r}")
    truth = DocumentTruth(doc_type="w2", layout=family)
    employee = w2.employee
    truth.add_borrower(
        TruthBorrower(
            name=employee.truth_name, ssn_last4=employee.ssn_last4, address=employee.address
        )
    )
    truth.income_records.append(
        TruthIncome(
            borrower=employee.truth_name,
            amount=w2.boxes["1"],
            period="annual",
            year=w2.year,
            source_type="w2",
            employer=w2.employer.name,
            page=1,
        )
    )
    truth.notes.append(
        f"box 1 {w2.boxes['1']}, box 3 {w2.boxes['3']}, box 5 {w2.boxes['5']}"
        + (f"; 401(k) deferral {w2.deferral}" if w2.deferral else "")
        + ("; box 3 capped at the wage base" if w2.boxes["3"] < w2.boxes["5"] else "")
    )
    if family == "w2/copy-b-c":
        truth.notes.append("two copies of the same W-2 on one page: one record")
    return done(sheet, truth)
