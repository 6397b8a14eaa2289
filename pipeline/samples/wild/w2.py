"""W-2 Wage and Tax Statements in the forms employees hand to lenders.

Layout families (what they imitate):

- ``irs_grid``: the IRS Form W-2 grid (boxes a-f on the left, 1-14 in two columns, the state and
  local strip, the "Form W-2 Wage and Tax Statement" footer), one or two copies (B, C, 2) a page,
  values typed by payroll software in Courier or Helvetica, left- or right-aligned in their boxes.
- ``payroll_substitute``: a payroll provider's four-up substitute W-2 (ADP/Paychex style): an
  "Earnings Summary" quadrant reconciling gross pay to boxes 1, 3, 5 and 16, and three copies whose
  boxes sit in a different arrangement ("Employee's name, address and ZIP code"), sometimes with the
  "Notice to Employee" back page.
- ``employer_summary``: a plain "Wage and Tax Statement" summary printed by small-business payroll
  software: employer and employee blocks, then a box-by-box table or a dotted-leader list.
- ``employee_portal``: an HR/payroll portal's W-2 view printed from a browser: header and URL
  footer, label/value pairs ("Wages, Tips, Other Compensation (Box 1)"), box 12 and state tables.

Box 1 is the income. Pre-tax 401(k) deferrals and section 125 deductions make it smaller than
boxes 3 and 5; boxes 3/5/16/18, box 12 amounts and the summary's gross pay are distractors.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pipeline.samples.wild.bank_statement import (
    Address,
    Person,
    digits,
    make_address,
    make_person,
    wrap,
)
from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = ("irs_grid", "payroll_substitute", "employer_summary", "employee_portal")

SS_WAGE_BASE = {
    2019: 13290000,
    2020: 13770000,
    2021: 14280000,
    2022: 14700000,
    2023: 16020000,
    2024: 16860000,
}
EMPLOYERS = (
    "Northwind Logistics, Inc.",
    "BrightPath Health Partners LLC",
    "Cascade Engineering Group",
    "Summit Charter Schools",
    "Redline Automotive Corp.",
    "Blue Heron Foods Co.",
    "Orchard Medical Group, P.C.",
    "Irongate Security Services",
    "Lumen Software Inc.",
    "Prairie Wind Energy LLC",
    "Golden Gate Hospitality Group",
    "Meridian Freight Lines",
    "St. Agnes Regional Hospital",
    "Copperline Construction, Inc.",
    "Tidewater County Schools",
)
STATE_EXTRAS = {
    "CA": "CASDI",
    "NY": "NYPFL",
    "NJ": "NJ FLI",
    "OR": "OR STT",
    "WA": "WA PFML",
    "MA": "MA PFML",
    "PA": "PA SUI",
    "RI": "RI TDI",
}
NO_INCOME_TAX = ("TX", "FL", "WA", "NV", "TN", "SD", "WY", "AK", "NH")
LOCALITIES = {"OH": "COLUMBUS", "PA": "PHILA", "MI": "DETROIT", "NY": "NYC", "KY": "LOUISVILLE"}
FONTS = (
    ("Helvetica", "Helvetica-Bold"),
    ("Times-Roman", "Times-Bold"),
    ("Courier", "Courier-Bold"),
)


@dataclass(frozen=True)
class W2:
    year: int
    employer: str
    ein: str
    employer_addr: Address
    employee: Person
    address: Address
    ssn: str  # as printed; "" when the document prints none
    ssn_last4: str | None
    control: str
    boxes: dict[str, int]  # "1".."6", "10", "16", "17", "18", "19": cents
    box12: list[tuple[str, int]]
    box14: list[tuple[str, int]]
    state: str
    state_id: str
    locality: str
    gross: int
    deferral: int
    cafeteria: int
    retirement: bool


@dataclass(frozen=True)
class Look:
    label_font: str
    value_font: str
    bold: str
    label_size: float
    value_size: float
    dollar: bool
    commas: bool
    right: bool  # numbers right-aligned in their boxes
    caps: bool  # names and addresses in capitals


# ----------------------------------------------------------------------------- data


def make_w2(rng: random.Random) -> W2:
    year = rng.choice(tuple(SS_WAGE_BASE))
    gross = rng.randint(2600000, 26000000) + rng.randint(0, 99)
    deferral = (
        0 if rng.random() < 0.2 else round(gross * rng.choice((0.03, 0.04, 0.05, 0.06, 0.08, 0.10)))
    )
    deferral = min(deferral, 2300000)
    cafeteria = 0 if rng.random() < 0.3 else rng.randint(60000, 720000)
    box1 = gross - deferral - cafeteria
    box5 = gross - cafeteria
    box3 = min(box5, SS_WAGE_BASE[year])
    medicare = round(box5 * 0.0145) + max(0, round((box5 - 20000000) * 0.009))
    addr = make_address(rng)
    state = addr.state if rng.random() < 0.85 else rng.choice(("CA", "NY", "PA", "NJ", "OH"))
    state_wages = box5 if state in ("PA", "NJ") else box1  # PA and NJ tax 401(k) deferrals
    box12 = [("DD", rng.randint(180000, 2200000))]
    if deferral:
        box12.insert(0, ("D", deferral))
    if rng.random() < 0.35:
        box12.append(("W", rng.choice((50000, 75000, 100000, 150000))))
    if rng.random() < 0.3:
        box12.append(("C", rng.randint(4000, 60000)))
    box12 = box12[:4]
    box14 = []
    if state in STATE_EXTRAS:
        box14.append((STATE_EXTRAS[state], round(box5 * rng.uniform(0.001, 0.011))))
    if rng.random() < 0.3:
        box14.append(("UNION DUES", rng.randint(30000, 120000)))
    boxes = {
        "1": box1,
        "2": round(box1 * rng.uniform(0.06, 0.19)),
        "3": box3,
        "4": round(box3 * 0.062),
        "5": box5,
        "6": medicare,
        "16": state_wages,
        "17": round(state_wages * rng.uniform(0.02, 0.065)),
    }
    if state in NO_INCOME_TAX:
        del boxes["16"], boxes["17"]
    locality = LOCALITIES.get(state, "") if rng.random() < 0.6 else ""
    if locality:
        boxes["18"] = box5
        boxes["19"] = round(box5 * rng.uniform(0.01, 0.025))
    if rng.random() < 0.12:
        boxes["10"] = rng.choice((250000, 500000))
    ssn = f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{digits(rng, 4)}"
    return W2(
        year=year,
        employer=rng.choice(EMPLOYERS),
        ein=f"{rng.randint(10, 98)}-{digits(rng, 7)}",
        employer_addr=business_address(rng),
        employee=make_person(rng),
        address=addr,
        ssn=ssn,
        ssn_last4=ssn[-4:],
        control=rng.choice(
            ("", digits(rng, 6), f"{rng.choice('ABCDEFG')}{digits(rng, 4)}-{digits(rng, 3)}")
        ),
        boxes=boxes,
        box12=box12,
        box14=box14,
        state=state,
        state_id=f"{digits(rng, 3)}-{digits(rng, 4)}-{digits(rng, 1)}",
        locality=locality,
        gross=gross,
        deferral=deferral,
        cafeteria=cafeteria,
        retirement=deferral > 0,
    )


def business_address(rng: random.Random) -> Address:
    home = make_address(rng)
    street = " ".join(home.street.split()[:3])
    if rng.random() < 0.4:
        street += f" {rng.choice(('Suite', 'Ste', 'Floor'))} {rng.randint(1, 9) * 100}"
    return replace(home, street=street)


def mask_ssn(w: W2, rng: random.Random, *, allow_none: bool = False) -> W2:
    last4 = w.ssn[-4:]
    options = [w.ssn, f"XXX-XX-{last4}", f"***-**-{last4}", f"xxx-xx-{last4}", f"XXXXX{last4}"]
    if allow_none and rng.random() < 0.2:
        return _replace_ssn(w, "XXX-XX-XXXX", None)
    return _replace_ssn(w, rng.choice(options), last4)


def _replace_ssn(w: W2, shown: str, last4: str | None) -> W2:
    return replace(w, ssn=shown, ssn_last4=last4)


def make_look(rng: random.Random, *, small: bool = False) -> Look:
    label_font, bold = rng.choice(FONTS[:2])
    value_font = rng.choice((label_font, "Courier", "Courier-Bold", "Helvetica"))
    value_size = rng.choice((7.5, 8.0, 8.5)) if small else rng.choice((8.5, 9.0, 9.5, 10.0))
    return Look(
        label_font=label_font,
        value_font=value_font,
        bold=bold,
        label_size=rng.choice((5.5, 6.0)) if small else rng.choice((6.0, 6.5, 7.0)),
        value_size=value_size,
        dollar=rng.random() < 0.2,
        commas=rng.random() < 0.6,
        right=rng.random() < 0.5,
        caps=rng.random() < 0.7,
    )


def amt(cents: int, look: Look) -> str:
    body = f"{cents / 100:,.2f}" if look.commas else f"{cents / 100:.2f}"
    return "$" + body if look.dollar else body


def name_text(w: W2, look: Look) -> str:
    text = w.employee.natural()
    return text.upper() if look.caps else text


def addr_lines(a: Address, look: Look) -> list[str]:
    lines = [a.street, f"{a.city}, {a.state} {a.zip}"]
    return [line.upper() for line in lines] if look.caps else lines


def employer_lines(w: W2, look: Look) -> list[str]:
    name = w.employer.upper() if look.caps else w.employer
    return [name, *addr_lines(w.employer_addr, look)]


def document(w: W2, pdf: bytes, look: Look, notes: str) -> WildDocument:
    name = w.employee.natural()
    return WildDocument(
        pdf=pdf,
        doc_type="w2",
        borrowers=[
            {
                "name": name,
                "ssn_last4": w.ssn_last4,
                "address": {
                    "street": w.address.street,
                    "city": w.address.city,
                    "state": w.address.state,
                    "zip": w.address.zip,
                },
            }
        ],
        income_records=[
            {
                "borrower": name,
                "amount": f"{w.boxes['1'] / 100:.2f}",
                "period": "annual",
                "year": w.year,
                "source_type": "w2",
                "employer": w.employer,
                "page": 1,
            }
        ],
        notes=notes,
        text_size=look.value_size,
    )


# ----------------------------------------------------------------------------- grid drawing


@dataclass(frozen=True)
class Cell:
    frac: float  # share of the row's width
    label: str
    values: tuple[str, ...] = ()
    number: bool = False  # a money figure: aligned per Look
    shade: bool = False
    foot: str = ""  # a second label printed at the cell's bottom


def cell(
    c: canvas.Canvas, look: Look, x: float, y_top: float, w: float, h: float, item: Cell
) -> None:
    if item.shade:
        c.setFillGray(0.9)
        c.rect(x, y_top - h, w, h, stroke=0, fill=1)
        c.setFillGray(0)
    c.setLineWidth(0.6)
    c.rect(x, y_top - h, w, h)
    c.setFont(look.label_font, look.label_size)
    label_lines = wrap(item.label, look.label_font, look.label_size, w - 4)[:2]
    for n, line in enumerate(label_lines):
        c.drawString(x + 2, y_top - look.label_size * (n + 1) - 0.5, line)
    if item.foot:
        c.drawString(x + 2, y_top - h + 2, item.foot)
    c.setFont(look.value_font, look.value_size)
    if item.number and item.values:
        if look.right:
            c.drawRightString(x + w - 4, y_top - h + 3.5, item.values[0])
        else:
            c.drawString(x + 6, y_top - h + 3.5, item.values[0])
        return
    if len(item.values) == 1:
        c.drawString(
            x + 6, y_top - h + 3.5, fit(item.values[0], look.value_font, look.value_size, w - 8)
        )
        return
    y = y_top - look.label_size * len(label_lines) - look.value_size - 1.5
    for value in item.values:
        c.drawString(x + 6, y, fit(value, look.value_font, look.value_size, w - 8))
        y -= look.value_size * 1.15


def fit(text: str, font: str, size: float, width: float) -> str:
    while stringWidth(text, font, size) > width and len(text) > 4:
        text = text[:-1]
    return text


def stack(
    c: canvas.Canvas,
    look: Look,
    x: float,
    y_top: float,
    w: float,
    rows: list[tuple[float, list[Cell]]],
) -> float:
    """Rows of cells, each row ``height`` tall, cells splitting ``w`` by ``frac``; returns "
    "bottom y."""
    for height, cells in rows:
        cx = x
        for item in cells:
            cw = w * item.frac
            cell(c, look, cx, y_top, cw, height, item)
            cx += cw
        y_top -= height
    return y_top


def box12_cells(w: W2, look: Look, labels: tuple[str, ...]) -> list[Cell]:
    out: list[Cell] = []
    for n, label in enumerate(labels):
        value = f"{w.box12[n][0]:<3} {amt(w.box12[n][1], look)}" if n < len(w.box12) else ""
        out.append(Cell(1.0, label, (value,) if value else ()))
    return out


def checkboxes(w: W2) -> str:
    return f"[ ]   [{'X' if w.retirement else ' '}]   [ ]"


def state_rows(w: W2, look: Look, height: float) -> list[tuple[float, list[Cell]]]:
    b = w.boxes
    taxed = "16" in b
    return [
        (
            height,
            [
                Cell(0.07, "15 State", (w.state,) if taxed else ()),
                Cell(0.19, "Employer's state ID number", (w.state_id,) if taxed else ()),
                Cell(0.15, "16 State wages, tips, etc.", box_value(w, look, "16"), True),
                Cell(0.13, "17 State income tax", box_value(w, look, "17"), True),
                Cell(0.15, "18 Local wages, tips, etc.", box_value(w, look, "18"), True),
                Cell(0.13, "19 Local income tax", box_value(w, look, "19"), True),
                Cell(0.18, "20 Locality name", (w.locality,) if w.locality else ()),
            ],
        )
    ]


def box_value(w: W2, look: Look, key: str) -> tuple[str, ...]:
    return (amt(w.boxes[key], look),) if key in w.boxes else ()


COPY_HEAD = {
    "B": "Copy B To Be Filed With Employee's FEDERAL Tax Return",
    "C": "Copy C For EMPLOYEE'S RECORDS",
    "2": "Copy 2 To Be Filed With Employee's State, City, or Local Income Tax Return",
}
COPY_TEXT = {
    "B": "Copy B—To Be Filed With Employee's FEDERAL Tax Return.",
    "C": "Copy C—For EMPLOYEE'S RECORDS (See Notice to Employee on the back of Copy B.)",
    "2": "Copy 2—To Be Filed With Employee's State, City, or Local Income Tax Return.",
}


# ----------------------------------------------------------------------------- IRS grid


def irs_copy(
    c: canvas.Canvas, w: W2, look: Look, x: float, y_top: float, width: float, row: float, copy: str
) -> float:
    top = [
        (
            row * 0.95,
            [
                Cell(0.3, "a Employee's social security number", (w.ssn,)),
                Cell(0.2, "OMB No. 1545-0008", ()),
                Cell(
                    0.5,
                    "Safe, accurate, FAST! Use IRS e-file. Visit the IRS website at "
                    "www.irs.gov/efile"
                    if copy == "B"
                    else "This information is being furnished to the Internal Revenue Service.",
                    (),
                ),
            ],
        )
    ]
    y = stack(c, look, x, y_top, width, top)
    half = width / 2
    name_values = ("", *addr_lines(w.address, look))
    left = [
        (row, [Cell(1.0, "b Employer identification number (EIN)", (w.ein,))]),
        (
            row * 3,
            [Cell(1.0, "c Employer's name, address, and ZIP code", tuple(employer_lines(w, look)))],
        ),
        (row, [Cell(1.0, "d Control number", (w.control,))]),
        (
            row * 4,
            [
                Cell(
                    1.0,
                    "e Employee's first name and initial",
                    name_values,
                    foot="f Employee's address and ZIP code",
                )
            ],
        ),
    ]
    stack(c, look, x, y, half, left)
    name_y = y - row * 5 - look.label_size - look.value_size - 1.5
    c.setFont(look.label_font, look.label_size)
    c.drawString(x + half * 0.5, y - row * 5 - look.label_size - 0.5, "Last name")
    c.drawString(x + half * 0.88, y - row * 5 - look.label_size - 0.5, "Suff.")
    first = " ".join(p for p in (w.employee.first, w.employee.middle) if p)
    c.setFont(look.value_font, look.value_size)
    c.drawString(x + 6, name_y, first.upper() if look.caps else first)
    c.drawString(x + half * 0.5, name_y, w.employee.last.upper() if look.caps else w.employee.last)
    quarter = width / 4

    def n(key: str) -> tuple[str, ...]:
        return box_value(w, look, key)

    col1 = [
        (row, [Cell(1.0, "1 Wages, tips, other compensation", n("1"), True)]),
        (row, [Cell(1.0, "3 Social security wages", n("3"), True)]),
        (row, [Cell(1.0, "5 Medicare wages and tips", n("5"), True)]),
        (row, [Cell(1.0, "7 Social security tips", (), True)]),
        (row, [Cell(1.0, "9", (), True, shade=True)]),
        (row, [Cell(1.0, "11 Nonqualified plans", (), True)]),
        (
            row,
            [
                Cell(
                    1.0,
                    "13 Stat. emp.  Ret. plan  3rd-party sick",
                    (checkboxes(w),),
                )
            ],
        ),
        (row * 2, [Cell(1.0, "14 Other", tuple(f"{k} {amt(v, look)}" for k, v in w.box14))]),
    ]
    col2 = [
        (row, [Cell(1.0, "2 Federal income tax withheld", n("2"), True)]),
        (row, [Cell(1.0, "4 Social security tax withheld", n("4"), True)]),
        (row, [Cell(1.0, "6 Medicare tax withheld", n("6"), True)]),
        (row, [Cell(1.0, "8 Allocated tips", (), True)]),
        (row, [Cell(1.0, "10 Dependent care benefits", n("10"), True)]),
    ]
    col2 += [
        (row, [item])
        for item in box12_cells(w, look, ("12a See instructions for box 12", "12b", "12c", "12d"))
    ]
    stack(c, look, x + half, y, quarter, col1)
    y = stack(c, look, x + half + quarter, y, quarter, col2)
    y = stack(c, look, x, y, width, state_rows(w, look, row * 1.5))
    c.setFont(look.bold, 10)
    c.drawString(x, y - 14, "Form W-2  Wage and Tax Statement")
    c.setFont(look.bold, 18)
    c.drawCentredString(x + width * 0.62, y - 18, str(w.year))
    c.setFont(look.label_font, 6.5)
    c.drawRightString(x + width, y - 10, "Department of the Treasury—Internal Revenue Service")
    c.drawString(x, y - 24, COPY_TEXT[copy])
    return y - 30


def irs_grid(rng: random.Random) -> WildDocument:
    w = mask_ssn(make_w2(rng), rng)
    look = make_look(rng)
    per_page = rng.choice((1, 2, 2))
    copies = (
        rng.choice((["B", "C"], ["B", "C", "2"], ["B", "2", "C", "2"]))
        if per_page == 2
        else rng.choice((["B"], ["B", "C"]))
    )
    page_w, page_h = LETTER
    margin = rng.uniform(28, 40)
    width = page_w - 2 * margin
    row = rng.uniform(21, 24) if per_page == 2 else rng.uniform(23, 27)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=LETTER, invariant=1)
    for index, copy in enumerate(copies):
        slot = index % per_page
        y_top = page_h - margin - slot * (page_h - 2 * margin) / per_page
        if slot == 1:
            c.setDash(3, 3)
            c.line(margin, y_top + 12, page_w - margin, y_top + 12)
            c.setDash()
        irs_copy(c, w, look, margin, y_top, width, row, copy)
        if slot == per_page - 1 or index == len(copies) - 1:
            c.showPage()
    c.save()
    notes = (
        "IRS-layout W-2 with several copies; box 1 is below boxes 3 and 5 (pre-tax deferrals); "
        "box 12 and state boxes are distractors."
    )
    return document(w, buffer.getvalue(), look, notes)


# ----------------------------------------------------------------------------- payroll substitute

BOX12_MEANING = {
    "D": "Elective deferrals to a 401(k)",
    "DD": "Cost of employer-sponsored health coverage",
    "W": "Employer contributions to your HSA",
    "C": "Taxable cost of group-term life insurance",
}


def substitute_copy(
    c: canvas.Canvas, w: W2, look: Look, x: float, y_top: float, width: float, copy: str
) -> None:
    r = look.label_size + look.value_size + 4.5
    c.setFont(look.bold, look.label_size + 1)
    c.drawString(x, y_top - 8, COPY_HEAD[copy])
    who = tuple(addr_lines(w.address, look))
    rows: list[tuple[float, list[Cell]]] = [
        (
            r,
            [
                Cell(0.5, "b Employer's FED ID number", (w.ein,)),
                Cell(0.5, "a Employee's SSA number", (w.ssn,)),
            ],
        ),
        (
            r,
            [
                Cell(0.5, "1 Wages, tips, other comp.", box_value(w, look, "1"), True),
                Cell(0.5, "2 Federal income tax withheld", box_value(w, look, "2"), True),
            ],
        ),
        (
            r,
            [
                Cell(0.5, "3 Social security wages", box_value(w, look, "3"), True),
                Cell(0.5, "4 Social security tax withheld", box_value(w, look, "4"), True),
            ],
        ),
        (
            r,
            [
                Cell(0.5, "5 Medicare wages and tips", box_value(w, look, "5"), True),
                Cell(0.5, "6 Medicare tax withheld", box_value(w, look, "6"), True),
            ],
        ),
        (
            r * 2.6,
            [Cell(1.0, "c Employer's name, address, and ZIP code", tuple(employer_lines(w, look)))],
        ),
        (
            r,
            [
                Cell(0.5, "d Control number", (w.control,)),
                Cell(0.5, "Dept.   Corp.   Employer use only", ()),
            ],
        ),
        (
            r * 2.6,
            [Cell(1.0, "e/f Employee's name, address and ZIP code", (name_text(w, look), *who))],
        ),
        (
            r,
            [
                Cell(0.5, "7 Social security tips", (), True),
                Cell(0.5, "8 Allocated tips", (), True),
            ],
        ),
        (
            r,
            [
                Cell(0.5, "9", (), True, shade=True),
                Cell(0.5, "10 Dependent care benefits", box_value(w, look, "10"), True),
            ],
        ),
    ]
    twelve = box12_cells(w, look, ("12a See instructions for box 12", "12b", "12c", "12d"))
    other = tuple(f"{k} {amt(v, look)}" for k, v in w.box14)
    left = [
        Cell(1.0, "11 Nonqualified plans", (), True),
        Cell(1.0, "14 Other", other[:1]),
        Cell(1.0, "", other[1:2]),
        Cell(1.0, "13 Stat emp.  Ret. plan  3rd party sick pay", (checkboxes(w),)),
    ]
    rows += [
        (r, [Cell(0.5, a.label, a.values, a.number), Cell(0.5, b.label, b.values)])
        for a, b in zip(left, twelve, strict=True)
    ]
    rows += [
        (
            r,
            [
                Cell(0.12, "15 State", (w.state,) if "16" in w.boxes else ()),
                Cell(0.28, "Employer's state ID no.", (w.state_id,) if "16" in w.boxes else ()),
                Cell(0.3, "16 State wages, tips, etc.", box_value(w, look, "16"), True),
                Cell(0.3, "17 State income tax", box_value(w, look, "17"), True),
            ],
        ),
        (
            r,
            [
                Cell(0.35, "18 Local wages, tips, etc.", box_value(w, look, "18"), True),
                Cell(0.3, "19 Local income tax", box_value(w, look, "19"), True),
                Cell(0.35, "20 Locality name", (w.locality,) if w.locality else ()),
            ],
        ),
    ]
    y = stack(c, look, x, y_top - 12, width, rows)
    c.setFont(look.bold, look.label_size + 2.5)
    c.drawString(x, y - 10, f"W-2 Wage and Tax Statement {w.year}")
    c.setFont(look.label_font, look.label_size)
    c.drawRightString(x + width, y - 9, "OMB No. 1545-0008")
    c.drawRightString(x + width, y - 9 - look.label_size * 1.2, "Dept. of the Treasury - IRS")


def earnings_summary(
    c: canvas.Canvas, w: W2, look: Look, x: float, y_top: float, width: float, provider: str
) -> None:
    size = look.label_size + 1
    c.setFont(look.bold, size + 2.5)
    c.drawString(x, y_top - 10, f"{w.year} W-2 and EARNINGS SUMMARY")
    y = y_top - 22
    intro = (
        "This Earnings Summary is included with your W-2 to help describe portions in more "
        "detail. "
        f"The following reflects your final {w.year} pay stub plus any adjustments submitted by "
        "your employer."
    )
    c.setFont(look.label_font, size)
    for line in wrap(intro, look.label_font, size, width):
        c.drawString(x, y, line)
        y -= size * 1.25
    y -= 4
    s, d, caf = w.boxes, w.deferral, w.cafeteria
    excess = s["5"] - s["3"]
    state16 = "16" in s
    heads = ("Box 1\nFed. Wages", "Box 3\nSS Wages", "Box 5\nMed. Wages", "Box 16\nState Wages")
    table = [
        ("Gross Pay", [w.gross, w.gross, w.gross, w.gross]),
        ("Less 401(k)", [-d, 0, 0, 0 if s.get("16") == s["5"] else -d]),
        ("Less Sec. 125 Plans", [-caf, -caf, -caf, -caf]),
    ]
    if excess:
        table.append(("Less Excess over SS limit", [0, -excess, 0, 0]))
    table.append(("Reported W-2 Wages", [s["1"], s["3"], s["5"], s.get("16", 0)]))
    label_w = width * 0.3
    col_w = (width - label_w) / (4 if state16 else 3)
    columns = 4 if state16 else 3
    for n in range(columns):
        for k, part in enumerate(heads[n].split("\n")):
            c.setFont(look.bold, size - 0.5)
            c.drawRightString(x + label_w + col_w * (n + 1) - 2, y - k * size, part)
    y -= size * 2 + 3
    c.line(x, y + size * 0.8, x + width, y + size * 0.8)
    for label, values in table:
        bold = label.startswith("Reported")
        c.setFont(look.bold if bold else look.label_font, size)
        c.drawString(x, y - 2, label)
        for n in range(columns):
            text = amt(values[n], look) if values[n] >= 0 else f"-{amt(-values[n], look)}"
            c.drawRightString(x + label_w + col_w * (n + 1) - 2, y - 2, text if values[n] else "")
        y -= size * 1.5
    y -= 6
    c.setFont(look.bold, size)
    c.drawString(x, y, "Employee's name, address and ZIP")
    c.drawString(x + width * 0.55, y, "Employer's name, address and ZIP")
    c.setFont(look.value_font, look.value_size)
    yy = y - look.value_size * 1.3
    for left, right in zip(
        (name_text(w, look), *addr_lines(w.address, look)), employer_lines(w, look), strict=True
    ):
        c.drawString(x, yy, fit(left, look.value_font, look.value_size, width * 0.53))
        c.drawString(
            x + width * 0.55, yy, fit(right, look.value_font, look.value_size, width * 0.45)
        )
        yy -= look.value_size * 1.3
    yy -= 6
    c.setFont(look.bold, size)
    c.drawString(x, yy, "Other Information")
    c.setFont(look.label_font, size)
    for code, value in w.box12:
        yy -= size * 1.3
        c.drawString(x, yy, f"Box 12 {code}: {BOX12_MEANING[code]}")
        c.drawRightString(x + width, yy, amt(value, look))
    yy -= size * 1.6
    c.drawString(x, yy, f"Prepared by {provider}")


NOTICE = (
    "Notice to Employee. Do you have to file? Refer to the Form 1040 instructions to determine "
    "if you are "
    "required to file a tax return. Even if you do not have to file a tax return, you may be "
    "eligible for a "
    "refund if box 2 shows an amount or if you are eligible for any credit. Earned income credit "
    "(EIC). You "
    "may be able to take the EIC for the year if your adjusted gross income (AGI) is less than a "
    "certain amount. "
    "Clergy and religious workers. If you are not subject to social security and Medicare taxes, "
    "see Pub. 517. "
    "Corrections. If your name, SSN, or address is incorrect, correct Copies B, C, and 2 and ask "
    "your employer "
    "to correct your employment record. Be sure to ask the employer to file Form W-2c with the "
    "Social Security "
    "Administration to correct any name, SSN, or money amount error reported to the SSA on Form "
    "W-2."
)


def payroll_substitute(rng: random.Random) -> WildDocument:
    w = mask_ssn(make_w2(rng), rng)
    look = make_look(rng, small=True)
    provider = rng.choice(
        ("ADP, Inc.", "Paychex, Inc.", "Paycor", "Ceridian Dayforce", "isolved Payroll")
    )
    page_w, page_h = LETTER
    margin = rng.uniform(16, 24)
    gap = 18.0
    qw = (page_w - 2 * margin - gap) / 2
    qh = (page_h - 2 * margin - gap) / 2
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=LETTER, invariant=1)
    slots = [
        (margin, page_h - margin),
        (margin + qw + gap, page_h - margin),
        (margin, page_h - margin - qh - gap),
        (margin + qw + gap, page_h - margin - qh - gap),
    ]
    copies = ["summary", "B", "C", "2"] if rng.random() < 0.7 else ["B", "C", "2", "2"]
    for (x, y), copy in zip(slots, copies, strict=True):
        if copy == "summary":
            earnings_summary(c, w, look, x, y, qw, provider)
        else:
            substitute_copy(c, w, look, x, y, qw, copy)
    c.setDash(2, 3)
    c.line(page_w / 2, margin, page_w / 2, page_h - margin)
    c.line(margin, page_h / 2, page_w - margin, page_h / 2)
    c.setDash()
    c.showPage()
    if rng.random() < 0.5:
        c.setFont(look.label_font, 9)
        y = page_h - 50
        for line in wrap(NOTICE, look.label_font, 9, page_w - 100):
            c.drawString(50, y, line)
            y -= 12
        c.showPage()
    c.save()
    notes = (
        "Payroll provider four-up substitute W-2 with an earnings summary; gross pay and boxes "
        "3/5/16 "
        "differ from box 1 because of 401(k) and section 125 deductions."
    )
    return document(w, buffer.getvalue(), look, notes)


# ----------------------------------------------------------------------------- employer summary

BOX_LABELS: dict[str, tuple[str, ...]] = {
    "1": (
        "Wages, tips, other compensation",
        "Wages, tips, other comp.",
        "Federal wages",
        "Taxable wages (federal)",
    ),
    "2": ("Federal income tax withheld", "Federal withholding", "Fed income tax"),
    "3": ("Social security wages", "SS wages", "Social Security taxable wages"),
    "4": ("Social security tax withheld", "SS tax withheld", "Social Security tax"),
    "5": ("Medicare wages and tips", "Medicare wages", "Medicare taxable wages"),
    "6": ("Medicare tax withheld", "Medicare tax", "Medicare withholding"),
    "10": ("Dependent care benefits",),
    "16": ("State wages, tips, etc.", "State wages", "State taxable wages"),
    "17": ("State income tax", "State withholding", "State tax withheld"),
    "18": ("Local wages, tips, etc.", "Local wages"),
    "19": ("Local income tax", "Local tax withheld"),
}


def summary_lines(w: W2, look: Look, rng: random.Random) -> list[tuple[str, str, str]]:
    """(box, description, amount) in box order."""
    wording = rng.randrange(3)  # one software product labels every box the same way
    words = {k: v[min(wording, len(v) - 1)] for k, v in BOX_LABELS.items()}
    lines: list[tuple[str, str, str]] = [
        (k, words[k], amt(w.boxes[k], look))
        for k in ("1", "2", "3", "4", "5", "6", "10")
        if k in w.boxes
    ]
    for n, (code, value) in enumerate(w.box12):
        lines.append((f"12{'abcd'[n]}", f"Code {code} - {BOX12_MEANING[code]}", amt(value, look)))
    if w.retirement:
        lines.append(("13", "Retirement plan", "X"))
    for label, value in w.box14:
        lines.append(("14", label, amt(value, look)))
    if "16" in w.boxes:
        lines.append(("15", "State / Employer state ID", f"{w.state} {w.state_id}"))
    lines += [
        (k, words[k], amt(w.boxes[k], look)) for k in ("16", "17", "18", "19") if k in w.boxes
    ]
    if w.locality:
        lines.append(("20", "Locality name", w.locality))
    return lines


def employer_summary(rng: random.Random) -> WildDocument:
    w = mask_ssn(make_w2(rng), rng)
    look = make_look(rng)
    font, bold, size = look.label_font, look.bold, look.value_size
    page_w, page_h = LETTER
    margin = rng.uniform(45, 65)
    right = page_w - margin
    lead = size * 1.45
    c = canvas.Canvas(buffer := io.BytesIO(), pagesize=LETTER, invariant=1)
    title = rng.choice(
        (
            f"{w.year} Wage and Tax Statement",
            f"W-2 Wage and Tax Statement - {w.year}",
            f"Employee W-2 Summary  Tax Year {w.year}",
            "Wage and Tax Statement",
        )
    )
    y = page_h - margin
    c.setFont(bold, size + 4)
    c.drawString(margin, y, title)
    if str(w.year) not in title:
        c.setFont(font, size)
        c.drawRightString(right, y, f"Tax Year: {w.year}")
    y -= lead * 1.8
    blocks = [
        ("Employer", [*employer_lines(w, look), f"EIN: {w.ein}"]),
        ("Employee", [name_text(w, look), *addr_lines(w.address, look), f"SSN: {w.ssn}"]),
    ]
    if rng.random() < 0.5:
        blocks.reverse()
    for n, (head, lines) in enumerate(blocks):
        bx = margin + n * (right - margin) / 2
        c.setFont(bold, size)
        c.drawString(bx, y, head)
        c.setFont(font, size)
        for k, line in enumerate(lines):
            c.drawString(bx, y - lead * (k + 1), fit(line, font, size, (right - margin) / 2 - 10))
    y -= lead * 6
    c.line(margin, y, right, y)
    y -= lead
    rows = summary_lines(w, look, rng)
    dotted = rng.random() < 0.5
    if not dotted:
        c.setFont(bold, size)
        c.drawString(margin, y, "Box")
        c.drawString(margin + 50, y, "Description")
        c.drawRightString(right, y, "Amount")
        y -= 4
        c.line(margin, y, right, y)
        y -= lead
    for box, label, value in rows:
        c.setFont(font, size)
        if dotted:
            text = f"Box {box}  {label} "
            c.drawString(margin, y, text)
            start = margin + stringWidth(text, font, size)
            end = right - stringWidth(value, font, size) - 6
            dots = "." * max(0, int((end - start) / stringWidth(".", font, size)))
            c.drawString(start, y, dots)
        else:
            c.drawString(margin, y, box)
            c.drawString(margin + 50, y, label)
        c.drawRightString(right, y, value)
        y -= lead
    y -= lead
    c.setFont(bold, size)
    c.drawString(
        margin,
        y,
        rng.choice(("Payroll totals for the year (for reference)", "Year-to-date payroll summary")),
    )
    c.setFont(font, size)
    net = (
        w.gross
        - w.deferral
        - w.cafeteria
        - sum(w.boxes.get(k, 0) for k in ("2", "4", "6", "17", "19"))
    )
    for total, cents in (
        ("Total gross pay", w.gross),
        ("Pre-tax 401(k) deferrals", w.deferral),
        ("Section 125 deductions", w.cafeteria),
        ("Net pay", net),
    ):
        y -= lead
        c.drawString(margin + 12, y, total)
        c.drawRightString(right, y, amt(cents, look))
    c.setFont(font, size - 1.5)
    stamp = f"Printed {rng.randint(1, 2):02d}/{rng.randint(2, 28):02d}/{w.year + 1}"
    c.drawString(margin, margin - 20, stamp)
    c.drawRightString(right, margin - 20, "Page 1 of 1")
    c.showPage()
    c.save()
    notes = (
        "Employer software W-2 summary listing every box; payroll totals (gross, net) and "
        "boxes 3/5/16 are distractors for box 1."
    )
    return document(w, buffer.getvalue(), look, notes)


# ----------------------------------------------------------------------------- employee portal

PORTALS = ("Workforce Hub", "PayView Employee Self Service", "MyHR Portal", "PeopleLink")
PORTAL_LABELS: dict[str, tuple[str, ...]] = {
    "1": (
        "Wages, Tips, Other Compensation (Box 1)",
        "Box 1 - Wages, tips, other compensation",
        "Federal Wages (1)",
    ),
    "2": (
        "Federal Income Tax Withheld (Box 2)",
        "Box 2 - Federal income tax withheld",
        "Federal Tax (2)",
    ),
    "3": ("Social Security Wages (Box 3)", "Box 3 - Social security wages", "SS Wages (3)"),
    "4": (
        "Social Security Tax Withheld (Box 4)",
        "Box 4 - Social security tax withheld",
        "SS Tax (4)",
    ),
    "5": (
        "Medicare Wages and Tips (Box 5)",
        "Box 5 - Medicare wages and tips",
        "Medicare Wages (5)",
    ),
    "6": ("Medicare Tax Withheld (Box 6)", "Box 6 - Medicare tax withheld", "Medicare Tax (6)"),
}


def employee_portal(rng: random.Random) -> WildDocument:
    w = mask_ssn(make_w2(rng), rng, allow_none=True)
    look = make_look(rng)
    font, bold, size = "Helvetica", "Helvetica-Bold", look.value_size
    portal = rng.choice(PORTALS)
    page_w, page_h = LETTER
    margin = rng.uniform(30, 48)
    right = page_w - margin
    lead = size * 1.5
    c = canvas.Canvas(buffer := io.BytesIO(), pagesize=LETTER, invariant=1)
    clock = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(('AM', 'PM'))}"
    stamp = f"{rng.randint(1, 4)}/{rng.randint(1, 28)}/{w.year + 1}, {clock}"
    c.setFont(font, 7.5)
    c.drawString(margin, page_h - 22, stamp)
    c.drawCentredString(page_w / 2, page_h - 22, f"{portal} - Tax Documents")
    slug = portal.lower().replace(" ", "")
    c.drawString(
        margin, 18, f"https://{slug}.example.com/ess/tax/w2/view?year={w.year}&doc={digits(rng, 9)}"
    )
    c.drawRightString(right, 18, "1/1")
    y = page_h - 50
    c.setFillGray(0.2)
    c.rect(margin, y - 8, right - margin, 26, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 13)
    c.drawString(margin + 10, y, portal)
    c.setFont(font, 9)
    c.drawRightString(right - 10, y, name_text(w, look) if rng.random() < 0.5 else "Sign out")
    c.setFillGray(0)
    y -= 40
    c.setFont(bold, size + 5)
    c.drawString(
        margin,
        y,
        rng.choice(
            (
                f"W-2 {w.year}",
                f"Form W-2 - {w.year} (Original)",
                f"{w.year} W-2 Wage and Tax Statement",
            )
        ),
    )
    y -= lead * 1.2
    c.setFont(font, size)
    issued = f"Issued {rng.randint(1, 1):02d}/{rng.randint(15, 31):02d}/{w.year + 1}"
    c.drawString(margin, y, f"{issued}    Delivery: Electronic consent on file")
    y -= lead * 1.6
    half = (right - margin) / 2
    employee = [name_text(w, look), *addr_lines(w.address, look)]
    if w.ssn_last4:
        employee.append(f"SSN {w.ssn}")
    else:
        employee.append("SSN XXX-XX-XXXX")
    for n, (head, lines) in enumerate(
        (("Employee", employee), ("Employer", [*employer_lines(w, look), f"EIN {w.ein}"]))
    ):
        x = margin + n * half
        c.setFont(bold, size + 1)
        c.drawString(x, y, head)
        c.setFont(font, size)
        for k, line in enumerate(lines):
            c.drawString(x, y - lead * (k + 1), fit(line, font, size, half - 10))
    y -= lead * 6
    y = portal_section(c, "Federal", y, margin, right, lead, bold, size)
    below = rng.random() < 0.5
    wording = rng.randrange(3)
    pairs = [
        (PORTAL_LABELS[k][wording], amt(w.boxes[k], look)) for k in ("1", "2", "3", "4", "5", "6")
    ]
    for index, (label, value) in enumerate(pairs):
        x = margin + (index % 2) * half
        row_y = y - (index // 2) * lead * (2.2 if below else 1.2)
        c.setFont(font, size - (1 if below else 0))
        c.drawString(x, row_y, label)
        c.setFont(bold, size)
        if below:
            c.drawString(x, row_y - lead * 0.95, value)
        else:
            c.drawRightString(x + half - 14, row_y, value)
    y -= 3 * lead * (2.2 if below else 1.2) + lead * 0.5
    y = portal_section(c, "Box 12", y, margin, right, lead, bold, size)
    for code, cents in w.box12:
        c.setFont(font, size)
        c.drawString(margin, y, code)
        c.drawString(margin + 40, y, BOX12_MEANING[code])
        c.drawRightString(right, y, amt(cents, look))
        y -= lead
    portal_states(c, w, look, y, margin, right, lead)
    c.showPage()
    c.save()
    notes = (
        "Employee-portal W-2 printout with labelled box values; boxes 3/5, box 12 and state "
        "wages are distractors for box 1."
    )
    return document(w, buffer.getvalue(), look, notes)


def portal_states(
    c: canvas.Canvas, w: W2, look: Look, y: float, margin: float, right: float, lead: float
) -> None:
    font, bold, size = "Helvetica", "Helvetica-Bold", look.value_size
    if "16" not in w.boxes and not w.locality:
        return
    y -= lead * 0.5
    y = portal_section(c, "State and Local", y, margin, right, lead, bold, size)
    heads = (
        "State",
        "State ID",
        "State Wages (16)",
        "State Tax (17)",
        "Local Wages (18)",
        "Local Tax (19)",
        "Locality",
    )
    col = (right - margin) / len(heads)
    c.setFont(bold, size - 1)
    for n, head in enumerate(heads):
        c.drawString(margin + n * col, y, head)
    y -= lead
    c.setFont(font, size - 0.5)
    cells = [
        w.state if "16" in w.boxes else "",
        w.state_id if "16" in w.boxes else "",
        *(box_value(w, look, k)[0] if k in w.boxes else "" for k in ("16", "17", "18", "19")),
        w.locality,
    ]
    for n, text in enumerate(cells):
        c.drawString(margin + n * col, y, fit(text, font, size - 0.5, col - 4))


def portal_section(
    c: canvas.Canvas,
    title: str,
    y: float,
    left: float,
    right: float,
    lead: float,
    bold: str,
    size: float,
) -> float:
    c.setFont(bold, size + 2)
    c.drawString(left, y, title)
    c.setLineWidth(0.5)
    c.line(left, y - 4, right, y - 4)
    return y - lead * 1.5


BUILDERS: dict[str, Callable[[random.Random], WildDocument]] = {
    "irs_grid": irs_grid,
    "payroll_substitute": payroll_substitute,
    "employer_summary": employer_summary,
    "employee_portal": employee_portal,
}


def build(rng: random.Random, layout: str) -> WildDocument:
    return BUILDERS[layout](rng)
