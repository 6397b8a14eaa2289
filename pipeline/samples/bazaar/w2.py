"""W-2s in layouts the other generators do not draw: a landscape two-up copy set with box
captions in the box corners, a government / military text-only W-2 in Courier, a household
employer's W-2 from a nanny payroll service, a payroll provider's archive reprint with several
state rows, and a "Copy 2" state/local filing copy with values above their captions (some files
hold two different employers' W-2s)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import landscape, letter

from pipeline.samples.bazaar._banking import Pen, body_size, fmt_date, pick_family
from pipeline.samples.bazaar.people import (
    Address,
    Person,
    amount,
    ein,
    make_address,
    make_person,
    money,
    ssn,
)
from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = (
    "landscape_twoup",
    "gov_text",
    "household",
    "payroll_reprint",
    "copy2_local",
)

SS_BASE = {
    2019: 13290000,
    2020: 13770000,
    2021: 14280000,
    2022: 14700000,
    2023: 16020000,
    2024: 16860000,
    2025: 17610000,
}
COMPANIES = (
    "Harborline Freight Co.",
    "Sagebrush Dental Group PLLC",
    "Northstar Precision Tooling Inc",
    "Bluewater Hospitality LLC",
    "Meadowlark Senior Living",
    "Ironbridge Software Corp",
    "Cascade Regional Medical Center",
    "Tallgrass Agricultural Supply",
    "Quarry Point Construction LLC",
    "Silverline Credit Union",
    "Brightwater Charter Academy",
    "Redfern & Hale LLP",
    "Summit Ridge Veterinary Clinic",
    "Old Town Bakery & Cafe Inc",
)
LOCALITIES = (
    "PHILA",
    "COLUMBUS",
    "NYC",
    "DETROIT",
    "KC MO",
    "ST LOUIS",
    "AKRON",
    "TOLEDO",
    "SD 3601",
    "LOUISVILLE",
    "WILMINGTON",
    "BIRMINGHAM",
)


@dataclass
class StateRow:
    state: str
    state_id: str
    wages: int
    tax: int


@dataclass
class LocalRow:
    wages: int
    tax: int
    name: str


@dataclass
class W2:
    year: int
    employee: Person
    printed_name: str
    truth_name: str
    ssn: str
    address: Address
    employer: str
    employer_address: Address
    ein: str
    control: str
    box1: int
    box2: int
    box3: int
    box4: int
    box5: int
    box6: int
    box7: int = 0
    box10: int = 0
    box12: list[tuple[str, int]] = field(default_factory=list)
    box13: tuple[bool, bool, bool] = (False, False, False)
    box14: list[tuple[str, int]] = field(default_factory=list)
    states: list[StateRow] = field(default_factory=list)
    locals: list[LocalRow] = field(default_factory=list)

    def boxes(self) -> dict[str, str]:
        return {
            "1": money(self.box1),
            "2": money(self.box2),
            "3": money(self.box3),
            "4": money(self.box4),
            "5": money(self.box5),
            "6": money(self.box6),
            "7": money(self.box7) if self.box7 else "",
            "8": "",
            "9": "",
            "10": money(self.box10) if self.box10 else "",
            "11": "",
        }


def _employee(rng: random.Random) -> tuple[Person, str, str, str, Address]:
    person = make_person(rng)
    initial = rng.random() < 0.75
    style = rng.randrange(4)
    if style == 0:
        printed = person.natural(initial=initial)
    elif style == 1:
        printed = person.natural(initial=initial).upper().replace(".", "")
    elif style == 2:
        printed = person.last_first(initial=initial).upper()
    else:
        last = f"{person.last} {person.suffix}" if person.suffix else person.last
        mid = person.middle_initial if initial else person.middle
        printed = " ".join(p for p in (last, person.first, mid) if p).upper()
    return person, printed, person.truth(initial=initial), ssn(rng), make_address(rng)


def _make_w2(
    rng: random.Random,
    year: int,
    who: tuple[Person, str, str, str, Address],
    *,
    employer: str | None = None,
    gross_range: tuple[float, float] = (28000, 165000),
    deferral: bool = True,
    states: int = 1,
    local: float = 0.0,
    codes: tuple[str, ...] = ("D", "DD", "W", "C"),
) -> W2:
    person, printed, truth, ssn_text, address = who
    gross = int(rng.uniform(*gross_range) * 100)
    k401 = int(gross * rng.uniform(0.03, 0.12)) if rng.random() < (0.92 if deferral else 0.0) else 0
    sec125 = int(rng.uniform(600, 4800) * 100) if rng.random() < 0.75 else 0
    if not k401 and not sec125:
        sec125 = int(rng.uniform(900, 3000) * 100)
    box1 = gross - k401 - sec125
    box5 = gross - sec125
    box3 = min(box5, SS_BASE.get(year, 16020000))
    box2 = int(box1 * rng.uniform(0.07, 0.2))
    box12: list[tuple[str, int]] = []
    if k401:
        box12.append((codes[0], k401))
    for code in codes[1:]:
        if rng.random() < 0.5:
            value = {
                "DD": rng.uniform(4000, 19000),
                "W": rng.uniform(500, 4150),
                "C": rng.uniform(20, 300),
                "Q": rng.uniform(2000, 12000),
                "AA": rng.uniform(1000, 6000),
                "S": rng.uniform(800, 5000),
                "E": rng.uniform(900, 5000),
                "G": rng.uniform(800, 4000),
            }.get(code, 100.0)
            box12.append((code, int(value * 100)))
    box12 = box12[:4]
    st_codes = rng.sample(
        ("OH", "PA", "MI", "NY", "MO", "KY", "IN", "GA", "NC", "VA", "CA", "OR", "MN", "WI"), states
    )
    st_rows: list[StateRow] = []
    remaining = box1
    for k, st in enumerate(st_codes):
        wages = box1 if k == 0 else int(box1 * rng.uniform(0.05, 0.4))
        if states > 1 and k == 0 and rng.random() < 0.5:
            wages = box1 - int(box1 * rng.uniform(0.05, 0.3))
            remaining = box1 - wages
        elif k > 0 and remaining != box1:
            wages = remaining
        st_rows.append(
            StateRow(
                st,
                f"{rng.randint(10, 99)}-{rng.randint(100000, 9999999)}",
                wages,
                int(wages * rng.uniform(0.02, 0.06)),
            )
        )
    lc_rows: list[LocalRow] = []
    if rng.random() < local:
        for _ in range(rng.choice((1, 1, 2))):
            lw = box5 if rng.random() < 0.5 else box1
            lc_rows.append(LocalRow(lw, int(lw * rng.uniform(0.01, 0.025)), rng.choice(LOCALITIES)))
    box14 = []
    if rng.random() < 0.6:
        label = rng.choice(
            ("SDI", "UNION DUES", "125 CAF", "NJ FLI", "VPDI", "ROTH 457", "RR COMP")
        )
        box14.append((label, int(rng.uniform(50, 1500) * 100)))
    return W2(
        year=year,
        employee=person,
        printed_name=printed,
        truth_name=truth,
        ssn=ssn_text,
        address=address,
        employer=employer or rng.choice(COMPANIES),
        employer_address=make_address(rng),
        ein=ein(rng),
        control=f"{rng.randint(0, 99999):05d}"
        + rng.choice(("", f" {rng.choice('ABCDEFG')}{rng.randint(1, 99)}")),
        box1=box1,
        box2=box2,
        box3=box3,
        box4=round(box3 * 0.062),
        box5=box5,
        box6=round(box5 * 0.0145),
        box12=box12,
        box13=(False, bool(k401) and rng.random() < 0.8, False),
        box14=box14,
        states=st_rows,
        locals=lc_rows,
    )


def _ssn_shown(rng: random.Random, full: str) -> str:
    style = rng.randrange(5)
    last4 = full[-4:]
    return (f"XXX-XX-{last4}", f"***-**-{last4}", full, f"xxx-xx-{last4}", f"*****{last4}")[style]


def _doc(
    w2s: list[tuple[W2, int]], ssn_shown: bool, address: bool, notes: str, size: float, pdf: bytes
) -> WildDocument:
    first = w2s[0][0]
    borrower = {
        "name": max((w.truth_name for w, _ in w2s), key=len),
        "ssn_last4": first.ssn[-4:] if ssn_shown else None,
        "address": first.address.truth() if address else None,
    }
    records = [
        {
            "borrower": borrower["name"],
            "amount": amount(w.box1),
            "period": "annual",
            "year": w.year,
            "source_type": "w2",
            "employer": w.employer,
            "page": page,
        }
        for w, page in w2s
    ]
    return WildDocument(
        pdf=pdf,
        doc_type="w2",
        borrowers=[borrower],
        income_records=records,
        account_numbers=[],
        notes=notes,
        text_size=size,
    )


def _year(rng: random.Random) -> int:
    return rng.randint(2019, 2025)


# ----------------------------------------------------------------------------------------
# corner-caption grid (used by the landscape two-up layout)

CAPTIONS = {
    "a": "a Employee's social security number",
    "b": "b Employer identification number (EIN)",
    "c": "c Employer's name, address, and ZIP code",
    "d": "d Control number",
    "e": "e Employee's first name and initial  Last name  Suff.",
    "f": "f Employee's address and ZIP code",
    "1": "1 Wages, tips, other compensation",
    "2": "2 Federal income tax withheld",
    "3": "3 Social security wages",
    "4": "4 Social security tax withheld",
    "5": "5 Medicare wages and tips",
    "6": "6 Medicare tax withheld",
    "7": "7 Social security tips",
    "8": "8 Allocated tips",
    "9": "9",
    "10": "10 Dependent care benefits",
    "11": "11 Nonqualified plans",
    "12": "12 See instructions for box 12",
    "13": "13 Statutory / Retirement plan / Sick pay",
    "14": "14 Other",
    "15": "15 State  Employer's state ID number",
    "16": "16 State wages, tips, etc.",
    "17": "17 State income tax",
    "18": "18 Local wages, tips, etc.",
    "19": "19 Local income tax",
    "20": "20 Locality name",
}


def _corner_copy(
    pen: Pen,
    x: float,
    y: float,
    w: float,
    h: float,
    w2: W2,
    ssn_text: str,
    copy: str,
    cap: float,
    val: float,
    dollar: bool,
) -> None:
    """One W-2 copy in a ``w`` x ``h`` box whose top-left corner is (x, y); captions tiny in box
    corners, values typed below them."""
    left = w * 0.52
    rowh = h / 11.0

    def cell(
        cx: float, cy: float, cw: float, ch: float, key: str, lines: list[str], right: bool
    ) -> None:
        pen.rect(cx, cy - ch, cw, ch, width=0.4)
        pen.text(cx + 2, cy - cap - 1, CAPTIONS[key], pen.fit(CAPTIONS[key], cw - 4, cap))
        ty = cy - cap - val - 3
        for line in lines:
            if right:
                pen.text(cx + cw - 5, ty, line, val, align="right")
            else:
                pen.text(cx + 5, ty, line, pen.fit(line, cw - 8, val))
            ty -= val * 1.15

    def m(c: int) -> str:
        return ("$" if dollar else "") + money(c) if c else ""

    cy = y
    cell(x, cy, left * 0.5, rowh, "a", [ssn_text], False)
    cell(x + left * 0.5, cy, left * 0.5, rowh, "b", [w2.ein], False)
    cy -= rowh
    ea = w2.employer_address
    cell(x, cy, left, rowh * 2.4, "c", [w2.employer, ea.street_line(), ea.city_line()], False)
    cy -= rowh * 2.4
    cell(x, cy, left, rowh * 0.9, "d", [w2.control], False)
    cy -= rowh * 0.9
    cell(x, cy, left, rowh * 1.1, "e", [w2.printed_name], False)
    cy -= rowh * 1.1
    cell(x, cy, left, rowh * 1.8, "f", [w2.address.street_line(), w2.address.city_line()], False)
    cy -= rowh * 1.8
    # right column: boxes 1-14 in pairs
    rx = x + left
    rw = (w - left) / 2
    ry = y
    pairs = (("1", "2"), ("3", "4"), ("5", "6"), ("7", "8"), ("9", "10"), ("11", "12"))
    values = {
        "1": w2.box1,
        "2": w2.box2,
        "3": w2.box3,
        "4": w2.box4,
        "5": w2.box5,
        "6": w2.box6,
        "7": w2.box7,
        "10": w2.box10,
    }
    for a, b in pairs:
        if b == "12":
            cell(rx, ry, rw, rowh * 2.2, a, [], True)
            codes = [f"{c}  {money(v)}" for c, v in w2.box12] or [""]
            cell(rx + rw, ry, rw, rowh * 2.2, b, codes, False)
            ry -= rowh * 2.2
        else:
            cell(rx, ry, rw, rowh, a, [m(values.get(a, 0))], True)
            cell(rx + rw, ry, rw, rowh, b, [m(values.get(b, 0))], True)
            ry -= rowh
    cell(rx, ry, rw, rowh * 1.4, "13", ["", "X" if w2.box13[1] else ""], False)
    cell(rx + rw, ry, rw, rowh * 1.4, "14", [f"{k} {money(v)}" for k, v in w2.box14], False)
    ry -= rowh * 1.4
    # state / local strip
    sy = min(cy, ry)
    widths = (0.26, 0.14, 0.12, 0.16, 0.14, 0.18)
    keys = ("15", "16", "17", "18", "19", "20")
    sx = x
    st_lines = {k: [] for k in keys}  # type: dict[str, list[str]]
    for row in w2.states:
        st_lines["15"].append(f"{row.state}  {row.state_id}")
        st_lines["16"].append(money(row.wages))
        st_lines["17"].append(money(row.tax))
    for lrow in w2.locals:
        st_lines["18"].append(money(lrow.wages))
        st_lines["19"].append(money(lrow.tax))
        st_lines["20"].append(lrow.name)
    sh = y - h - sy if y - h < sy else rowh * 1.6
    sh = max(sh, rowh * 1.6)
    for k, frac in zip(keys, widths, strict=True):
        cell(sx, sy, w * frac, sh, k, st_lines[k], k in ("16", "17", "18", "19"))
        sx += w * frac
    fy = sy - sh - val * 1.2
    pen.text(x, fy, "Form W-2 Wage and Tax Statement", val + 1, bold=True)
    pen.text(x + w * 0.55, fy, str(w2.year), val + 4, bold=True)
    pen.text(x + w, fy, "Department of the Treasury - Internal Revenue Service", cap, align="right")
    pen.text(x, fy - val * 1.4, copy, pen.fit(copy, w, cap + 0.5), bold=True)


def _landscape(rng: random.Random) -> WildDocument:
    family = pick_family(rng, (0.5, 0.2, 0.3))
    size = body_size(rng, family, 7.5, 9.0)
    cap = rng.choice((4.5, 5.0, 5.5))
    year = _year(rng)
    w2 = _make_w2(rng, year, _employee(rng), states=rng.choice((1, 1, 2)), local=0.25)
    ssn_text = _ssn_shown(rng, w2.ssn)
    dollar = rng.random() < 0.3
    copies = [
        "Copy B-To Be Filed With Employee's FEDERAL Tax Return.",
        "Copy C-For EMPLOYEE'S RECORDS (See Notice to Employee on the back of Copy B.)",
        "Copy 2-To Be Filed With Employee's State, City, or Local Income Tax Return.",
        "Copy 2-To Be Filed With Employee's State, City, or Local Income Tax Return.",
    ]
    order = rng.choice(((0, 1, 2, 3), (0, 2, 1, 3), (0, 1, 2, 2)))
    two_pages = rng.random() < 0.5
    pen = Pen(family, size, landscape(letter))
    margin = rng.choice((24.0, 30.0, 36.0))
    gap = rng.choice((14.0, 20.0))
    cw = (pen.width - 2 * margin - gap) / 2
    ch = pen.height - 2 * margin - 70
    for page in range(2 if two_pages else 1):
        top = pen.height - margin - 14
        pen.text(
            margin,
            pen.height - margin,
            f"{w2.employer}  -  {year} W-2 Employee Copies",
            size - 1,
            gray=0.4,
        )
        pen.text(
            pen.width - margin,
            pen.height - margin,
            f"Page {page + 1}",
            size - 1,
            align="right",
            gray=0.4,
        )
        for k in range(2):
            copy = copies[order[page * 2 + k]]
            _corner_copy(
                pen, margin + k * (cw + gap), top, cw, ch, w2, ssn_text, copy, cap, size, dollar
            )
        pen.line(pen.width / 2, margin, pen.width / 2, pen.height - margin - 10, 0.2)
        pen.text(pen.width / 2, margin - 12, "- - - cut here - - -", 6, align="center", gray=0.5)
        if page == 0 and two_pages:
            pen.new_page()
    pdf = pen.finish()
    notes = (
        f"Landscape two-up W-2 ({'2 pages, ' if two_pages else ''}Copy B/C/2 of the same W-2 "
        "= one record); "
        "captions in box corners, values below; distractors: boxes 3/5/16/18, box 12 codes, "
        "control no., EIN."
    )
    return _doc([(w2, 1)], True, True, notes, size, pdf)


# ----------------------------------------------------------------------------------------
# government / military text-only W-2 in Courier

GOV_EMPLOYERS = (
    ("DEFENSE FINANCE AND ACCOUNTING SERVICE", "DFAS-CLEVELAND", ("D", "Q", "AA", "DD")),
    ("DFAS-INDIANAPOLIS", "DFAS-IN", ("D", "Q", "AA")),
    (
        "STATE OF {state} OFFICE OF THE STATE CONTROLLER",
        "CENTRAL PAYROLL BUREAU",
        ("E", "DD", "W", "AA"),
    ),
    ("CITY OF {city}", "FINANCE DEPT - PAYROLL DIVISION", ("G", "DD", "W")),
    ("{county} COUNTY BOARD OF EDUCATION", "PAYROLL SERVICES", ("E", "DD", "W")),
)


def _gov_text(rng: random.Random) -> WildDocument:
    size = rng.choice((8.0, 8.5, 9.0))
    year = _year(rng)
    who = _employee(rng)
    template, office, codes = rng.choice(GOV_EMPLOYERS)
    emp_addr = make_address(rng)
    employer = template.format(
        state=rng.choice(("OHIO", "GEORGIA", "OREGON", "MISSOURI", "MICHIGAN")),
        city=emp_addr.city.upper(),
        county=rng.choice(("JEFFERSON", "MONROE", "WAYNE")),
    )
    military = employer.startswith(("DEFENSE", "DFAS"))
    w2 = _make_w2(
        rng,
        year,
        who,
        employer=employer,
        gross_range=(24000, 98000),
        codes=codes,
        local=0.0 if military else 0.3,
    )
    w2.employer_address = emp_addr
    w2.printed_name = w2.printed_name.upper().replace(".", "")
    if employer.startswith("CITY OF"):
        for lc in w2.locals:
            lc.name = emp_addr.city.upper()
    if military:
        w2.box14 = [
            ("BAH", int(rng.uniform(9000, 28000) * 100)),
            ("BAS", int(rng.uniform(3200, 5600) * 100)),
        ]
    ssn_text = _ssn_shown(rng, w2.ssn)
    leader = rng.choice((".", " ", "_"))
    width_label = 34
    pen = Pen("Courier", size)
    m = rng.choice((40.0, 50.0, 60.0))
    copies = rng.choice(
        (
            ["COPY B - TO BE FILED WITH EMPLOYEE'S FEDERAL TAX RETURN"],
            [
                "COPY B - TO BE FILED WITH EMPLOYEE'S FEDERAL TAX RETURN",
                "COPY 2 - TO BE FILED WITH EMPLOYEE'S STATE, CITY, OR LOCAL INCOME TAX RETURN",
            ],
            ["COPY C - FOR EMPLOYEE'S RECORDS"],
        )
    )
    lead = size * 1.3
    rng_day = rng.randint(8, 30)

    def row(y: float, key: str, label: str, value: str) -> float:
        dots = (
            (leader * max(2, width_label - len(label)))
            if leader != " "
            else " " * max(2, width_label - len(label))
        )
        pen.text(m, y, f"{key:<4}{label.upper()} {dots} {value}", size)
        return y - lead

    for idx, copy in enumerate(copies):
        if idx:
            pen.new_page()
        y = pen.height - m
        pen.text(m, y, f"{year} W-2 WAGE AND TAX STATEMENT", size + 1, bold=True)
        pen.text(pen.width - m, y, "OMB NO. 1545-0029", size, align="right")
        y -= lead
        pen.text(m, y, copy, size)
        y -= lead
        pen.text(m, y, f"{office}   PRINTED {fmt_date(dt.date(year + 1, 1, rng_day), 0)}", size)
        y -= lead * 1.5
        pen.text(m, y, "-" * 78, size)
        y -= lead
        y = row(y, "A", "Employee's SSN", ssn_text)
        y = row(y, "B", "Employer ID Number", w2.ein)
        y = row(y, "C", "Employer name/address", w2.employer)
        for line in (emp_addr.street_line().upper(), emp_addr.city_line().upper()):
            pen.text(m + pen.measure("X" * (width_label + 6)), y, line, size)
            y -= lead
        y = row(y, "D", "Control number", w2.control)
        y = row(y, "E", "Employee name", w2.printed_name)
        y = row(y, "F", "Employee address", w2.address.street_line().upper())
        pen.text(m + pen.measure("X" * (width_label + 6)), y, w2.address.city_line().upper(), size)
        y -= lead * 1.5
        labels = [
            ("1", "Wages, tips, other comp", money(w2.box1)),
            ("2", "Federal income tax withheld", money(w2.box2)),
            ("3", "Social security wages", money(w2.box3)),
            ("4", "Social security tax withheld", money(w2.box4)),
            ("5", "Medicare wages and tips", money(w2.box5)),
            ("6", "Medicare tax withheld", money(w2.box6)),
            ("7", "Social security tips", "0.00"),
            ("8", "Allocated tips", "0.00"),
            ("10", "Dependent care benefits", money(w2.box10)),
            ("11", "Nonqualified plans", "0.00"),
        ]
        for key, label, value in labels:
            y = row(y, key, label, value)
        for k, (code, cents) in enumerate(w2.box12):
            y = row(y, "12" + "abcd"[k], f"Code {code}", money(cents))
        y = row(y, "13", "Retirement plan", "X" if w2.box13[1] else "")
        for label, cents in w2.box14:
            y = row(y, "14", f"Other - {label}", money(cents))
        for st in w2.states:
            y = row(y, "15", "State / employer state ID", f"{st.state} {st.state_id}")
            y = row(y, "16", "State wages, tips, etc.", money(st.wages))
            y = row(y, "17", "State income tax", money(st.tax))
        for lc in w2.locals:
            y = row(y, "18", "Local wages, tips, etc.", money(lc.wages))
            y = row(y, "19", "Local income tax", money(lc.tax))
            y = row(y, "20", "Locality name", lc.name)
        pen.text(m, y, "-" * 78, size)
        y -= lead * 1.5
        if military:
            y = pen.wrap(
                m,
                y,
                "BAH AND BAS SHOWN IN BOX 14 ARE NONTAXABLE ALLOWANCES AND ARE NOT INCLUDED "
                "IN BOX 1. COMBAT ZONE PAY IS REPORTED IN BOX 12 CODE Q.",
                pen.width - 2 * m,
                size,
            )
        y = pen.wrap(
            m,
            y,
            "THIS INFORMATION IS BEING FURNISHED TO THE INTERNAL REVENUE SERVICE. IF YOU ARE "
            "REQUIRED TO FILE A TAX RETURN, A NEGLIGENCE PENALTY OR OTHER SANCTION MAY BE "
            "IMPOSED ON "
            "YOU IF THIS INCOME IS TAXABLE AND YOU FAIL TO REPORT IT.",
            pen.width - 2 * m,
            size - 0.5,
        )
    pdf = pen.finish()
    notes = (
        "Government/military text-only W-2 in Courier, box numbers before labels with dot leaders; "
        f"{len(copies)} copy page(s) of one W-2; distractors: boxes 3/5/16, box 12/14 "
        "(BAH/BAS), EIN."
    )
    return _doc([(w2, 1)], True, True, notes, size, pdf)


# ----------------------------------------------------------------------------------------
# household employer W-2 from a nanny payroll service, values above their captions


def _household(rng: random.Random) -> WildDocument:
    family = pick_family(rng, (0.5, 0.4, 0.1))
    size = body_size(rng, family, 8.0, 10.0)
    year = _year(rng)
    who = _employee(rng)
    parent = make_person(rng)
    partner = make_person(rng, parent.last)
    emp_style = rng.randrange(3)
    employer = (
        f"{parent.first} and {partner.first} {parent.last}",
        f"{parent.first} {parent.last}",
        f"{parent.last.upper()} HOUSEHOLD",
    )[emp_style]
    w2 = _make_w2(
        rng, year, who, employer=employer, gross_range=(18000, 62000), codes=("S", "DD"), local=0.15
    )
    if rng.random() < 0.4:
        w2.box10 = int(rng.uniform(500, 5000) * 100)
    service = rng.choice(
        (
            "CareLedger Household Payroll",
            "NestPay Nanny Tax Services",
            "HearthBooks Payroll",
            "Sitterly Household Employment",
        )
    )
    phone_no = f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"
    ssn_text = _ssn_shown(rng, w2.ssn)
    cover = rng.random() < 0.65
    m = rng.choice((40.0, 50.0, 60.0))
    pen = Pen(family, size)
    w = pen.width
    if cover:
        y = pen.height - m
        pen.text(m, y, service, size + 6, bold=True)
        pen.text(w - m, y, phone_no, size, align="right")
        y -= size * 4
        for line in (w2.printed_name, w2.address.street_line(), w2.address.city_line()):
            pen.text(m, y, line, size + 1)
            y -= size * 1.35
        y -= size * 2
        pen.text(m, y, fmt_date(dt.date(year + 1, 1, rng.randint(10, 28)), rng.randrange(3)), size)
        y -= size * 2.5
        greeting = rng.choice(("Dear", "Hello"))
        pen.text(m, y, f"{greeting} {w2.employee.first},", size + 0.5)
        y -= size * 2
        text = (
            f"Enclosed is your {year} Form W-2, Wage and Tax Statement, issued by your "
            "household employer, "
            f"{employer}. {service} prepares payroll and tax filings on behalf of household "
            "employers; we "
            "are not your employer. Please use the enclosed copies when you file your "
            "federal, state and "
            "local income tax returns. If any information is incorrect, contact your employer "
            "or call us at "
            f"{phone_no} before April 15."
        )
        y = pen.wrap(m, y, text, w - 2 * m, size + 0.5)
        y -= size
        y = pen.wrap(
            m,
            y,
            "Household employees may be eligible for the Earned Income Credit. See IRS Publication "
            "596 for details. Copies of this form are also available in your online account.",
            w - 2 * m,
            size,
        )
        y -= size * 2
        pen.text(m, y, "Sincerely,", size)
        pen.text(m, y - size * 1.5, f"The {service} Team", size)
        pen.new_page()
    page = pen.page
    # the form: values typed above a rule, the caption below it
    y = pen.height - m
    pen.band(m, y - 8, w - 2 * m, size + 12, 0.88)
    pen.text(m + 6, y - 2, f"Form W-2  Wage and Tax Statement  {year}", size + 3, bold=True)
    pen.text(
        w - m - 6,
        y - 2,
        rng.choice(("Copy B - Federal", "Copy C - Employee's Records", "Copy B, C and 2 combined")),
        size,
        align="right",
    )
    y -= size * 3.5
    half = (w - 2 * m) / 2

    def field_(x: float, yy: float, value_lines: list[str], caption: str, width: float) -> float:
        for line in value_lines:
            pen.text(x + 4, yy, line, pen.fit(line, width - 8))
            yy -= size * 1.25
        pen.line(x + 2, yy + size * 0.6, x + width - 6, yy + size * 0.6, 0.4)
        pen.text(x + 4, yy - size * 0.3, caption, size - 2.5, gray=0.3)
        return yy - size * 1.6

    ea = w2.employer_address
    yl = field_(
        m,
        y,
        [employer, ea.street_line(), ea.city_line()],
        "c  Employer's name, address, and ZIP code",
        half,
    )
    yl = field_(m, yl, [w2.ein], "b  Employer identification number (EIN)", half)
    yl = field_(m, yl, [ssn_text], "a  Employee's social security number", half)
    yl = field_(m, yl, [w2.printed_name], "e  Employee's name", half)
    yl = field_(
        m,
        yl,
        [w2.address.street_line(), w2.address.city_line()],
        "f  Employee's address and ZIP code",
        half,
    )
    yl = field_(m, yl, [w2.control], "d  Control number", half)
    values = [
        ("1", "Wages, tips, other compensation", w2.box1),
        ("2", "Federal income tax withheld", w2.box2),
        ("3", "Social security wages", w2.box3),
        ("4", "Social security tax withheld", w2.box4),
        ("5", "Medicare wages and tips", w2.box5),
        ("6", "Medicare tax withheld", w2.box6),
        ("10", "Dependent care benefits", w2.box10),
    ]
    rng_order = list(range(len(values)))
    yr = y
    q = half / 2
    for k in range(0, len(rng_order), 2):
        for j in range(2):
            if k + j >= len(values):
                break
            key, cap, val = values[k + j]
            yy = field_(m + half + j * q, yr, [money(val) if val else "-"], f"{key}  {cap}", q)
        yr = yy
    codes = [f"{c}   {money(v)}" for c, v in w2.box12] or ["-"]
    yr = field_(m + half, yr, codes, "12  Codes (see instructions)", half)
    yr = field_(m + half, yr, [f"{k} {money(v)}" for k, v in w2.box14] or ["-"], "14  Other", half)
    y = min(yl, yr) - size
    cols = (
        ("15 State / ID", 0.28),
        ("16 State wages", 0.18),
        ("17 State tax", 0.14),
        ("18 Local wages", 0.16),
        ("19 Local tax", 0.12),
        ("20 Locality", 0.12),
    )
    x = m
    rows = max(len(w2.states), len(w2.locals), 1)
    for idx, (cap, frac) in enumerate(cols):
        lines: list[str] = []
        for r in range(rows):
            if idx < 3 and r < len(w2.states):
                st = w2.states[r]
                lines.append((f"{st.state} {st.state_id}", money(st.wages), money(st.tax))[idx])
            elif idx >= 3 and r < len(w2.locals):
                lc = w2.locals[r]
                lines.append((money(lc.wages), money(lc.tax), lc.name)[idx - 3])
            else:
                lines.append("")
        field_(x, y, lines, cap, (w - 2 * m) * frac)
        x += (w - 2 * m) * frac
    y -= size * (rows * 1.25 + 3)
    y = pen.wrap(
        m,
        y,
        f"Prepared by {service} as agent for the household employer. Household employer "
        "wages are reported on Schedule H (Form 1040) by the employer. "
        f"Employer contact: {parent.natural()}, {phone_no}.",
        w - 2 * m,
        size - 1.5,
        gray=0.3,
    )
    pdf = pen.finish()
    notes = (
        "Household employer W-2 via a nanny payroll "
        f"service{' after a cover letter' if cover else ''}; "
        "values above captions; employer is a family (box c); distractors: parent's name, "
        "boxes 3/5, "
        "box 10/12, service phone."
    )
    return _doc([(w2, page)], True, True, notes, size, pdf)


# ----------------------------------------------------------------------------------------
# payroll provider's archive reprint: header band, key/value table, several state rows


def _kv_w2(
    pen: Pen,
    w2: W2,
    y: float,
    m: float,
    size: float,
    ssn_text: str,
    provider: str,
    stamp: str,
    style: int,
) -> float:
    w = pen.width
    pen.band(0, y - 10, w, size + 20, 0.25)
    pen.text(m, y - 2, f"{provider}  |  Document Archive", size + 2, bold=True, gray=1.0)
    pen.text(
        w - m,
        y - 2,
        "FORM W-2 REPRINT" if style else "W-2 REPRINT - NOT AN ORIGINAL",
        size + 1,
        bold=True,
        align="right",
        gray=1.0,
    )
    y -= size * 3.2
    pen.text(m, y, stamp, size - 1, gray=0.35)
    pen.text(w - m, y, f"Tax Year {w2.year}", size + 2, bold=True, align="right")
    y -= size * 2.4
    half = (w - 2 * m) / 2 - 8
    ea = w2.employer_address
    blocks = (
        ("EMPLOYER", [w2.employer, ea.street_line(), ea.city_line(), f"FEIN {w2.ein}"]),
        (
            "EMPLOYEE",
            [w2.printed_name, w2.address.street_line(), w2.address.city_line(), f"SSN {ssn_text}"],
        ),
    )
    for k, (title, lines) in enumerate(blocks):
        x = m + k * (half + 16)
        pen.text(x, y, title, size - 0.5, bold=True, gray=0.35)
        yy = y - size * 1.4
        for line in lines:
            pen.text(x, yy, line, pen.fit(line, half))
            yy -= size * 1.3
    y -= size * 7.2
    pen.text(m, y, f"Control number: {w2.control}", size - 0.5)
    y -= size * 2
    rows = [
        ("Box 1", "Wages, tips, other compensation", money(w2.box1)),
        ("Box 2", "Federal income tax withheld", money(w2.box2)),
        ("Box 3", "Social security wages", money(w2.box3)),
        ("Box 4", "Social security tax withheld", money(w2.box4)),
        ("Box 5", "Medicare wages and tips", money(w2.box5)),
        ("Box 6", "Medicare tax withheld", money(w2.box6)),
        ("Box 7", "Social security tips", money(w2.box7)),
        ("Box 10", "Dependent care benefits", money(w2.box10)),
    ]
    for k, (code, cents) in enumerate(w2.box12):
        rows.append((f"Box 12{'abcd'[k]}", f"Code {code}", money(cents)))
    for label, cents in w2.box14:
        rows.append(("Box 14", label, money(cents)))
    rows.append(("Box 13", "Retirement plan", "Yes" if w2.box13[1] else "No"))
    pen.text(m, y, "Federal", size + 1, bold=True)
    pen.line(m, y - 4, w - m, y - 4, 0.6)
    y -= size * 1.6
    for k, (box, label, value) in enumerate(rows):
        if k % 2 == 0:
            pen.band(m, y - 3, w - 2 * m, size + 4, 0.94)
        pen.text(m + 4, y, box, size, bold=True)
        pen.text(m + 60, y, label, size)
        pen.text(w - m - 4, y, value, size, align="right")
        y -= size * 1.4
    y -= size
    pen.text(m, y, "State and Local", size + 1, bold=True)
    pen.line(m, y - 4, w - m, y - 4, 0.6)
    y -= size * 1.6
    heads = (
        "15 State",
        "Employer State ID",
        "16 State Wages",
        "17 State Tax",
        "18 Local Wages",
        "19 Local Tax",
        "20 Locality",
    )
    xs = (m, m + 52, m + 150, m + 220, m + 295, m + 360, w - m)
    for i, h in enumerate(heads):
        pen.text(
            xs[i] if i not in (2, 3, 4, 5) else xs[i] + 70,
            y,
            h,
            size - 1,
            bold=True,
            align="right" if i in (2, 3, 4, 5, 6) else "left",
        )
    y -= size * 1.4
    for r in range(max(len(w2.states), len(w2.locals))):
        st = w2.states[r] if r < len(w2.states) else None
        lc = w2.locals[r] if r < len(w2.locals) else None
        cells = (
            st.state if st else "",
            st.state_id if st else "",
            money(st.wages) if st else "",
            money(st.tax) if st else "",
            money(lc.wages) if lc else "",
            money(lc.tax) if lc else "",
            lc.name if lc else "",
        )
        for i, c in enumerate(cells):
            pen.text(
                xs[i] if i not in (2, 3, 4, 5) else xs[i] + 70,
                y,
                c,
                size,
                align="right" if i in (2, 3, 4, 5, 6) else "left",
            )
        y -= size * 1.4
    return y


def _reprint(rng: random.Random) -> WildDocument:
    family = pick_family(rng, (0.6, 0.25, 0.15))
    size = body_size(rng, family, 7.5, 9.5)
    year = _year(rng)
    who = _employee(rng)
    provider = rng.choice(
        (
            "Ledgerline Payroll",
            "PayCircuit",
            "Trellis HR Payroll",
            "Meridian Payroll Group",
            "Keel Payroll Services",
        )
    )
    w2s = [_make_w2(rng, year, who, states=rng.choice((2, 2, 3)), local=0.5)]
    second = rng.random() < 0.4
    if second:
        other = _make_w2(rng, year, who, states=1, local=0.3, gross_range=(6000, 40000))
        while other.employer == w2s[0].employer:
            other.employer = rng.choice(COMPANIES)
        w2s.append(other)
    ssn_text = _ssn_shown(rng, who[3])
    m = rng.choice((36.0, 44.0, 54.0))
    user = rng.choice(("jsmith", "hr.admin", "payroll02", "kmorales", "self-service"))
    pen = Pen(family, size)
    pages: list[tuple[W2, int]] = []
    for k, w2 in enumerate(w2s):
        if k:
            pen.new_page()
        printed = dt.date(year + 1, rng.randint(2, 12), rng.randint(1, 28))
        stamp = (
            f"Reprinted {fmt_date(printed, 0)} "
            f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d} by {user}"
            f"   |   Originally issued {fmt_date(dt.date(year + 1, 1, rng.randint(15, 31)), 0)}"
        )
        y = _kv_w2(pen, w2, pen.height - m, m, size, ssn_text, provider, stamp, rng.randrange(2))
        pages.append((w2, pen.page))
        y -= size * 2
        pen.wrap(
            m,
            y,
            "This reprint reproduces the information on file with " + provider + " for the W-2 "
            "originally furnished to the employee. It is provided for the employee's records "
            "and may be "
            "used to file a return. Amounts in boxes 3 and 5 may exceed box 1 because pre-tax "
            "retirement and cafeteria plan deductions reduce federal taxable wages only.",
            pen.width - 2 * m,
            size - 1,
            gray=0.3,
        )
        pen.text(
            pen.width / 2,
            24,
            f"{provider} archive id {rng.randint(10**7, 10**8)}  -  page {pen.page}",
            size - 2,
            align="center",
            gray=0.4,
        )
    pdf = pen.finish()
    notes = (
        f"Payroll provider archive W-2 reprint, key/value table, {len(w2s[0].states)} state rows"
        + ("; a second employer's W-2 on page 2 (two records)" if second else "")
        + "; distractors: boxes 3/5/16/18, reprint stamp, archive id, box 12 codes."
    )
    return _doc(pages, True, True, notes, size, pdf)


# ----------------------------------------------------------------------------------------
# Copy 2 for state/local filing, values above captions in a ruled table, local taxes


def _copy2(rng: random.Random) -> WildDocument:
    family = pick_family(rng, (0.4, 0.4, 0.2))
    size = body_size(rng, family, 7.5, 9.5)
    year = _year(rng)
    who = _employee(rng)
    w2s = [_make_w2(rng, year, who, states=1, local=1.0)]
    second = rng.random() < 0.35
    if second:
        other = _make_w2(rng, year, who, states=1, local=0.8, gross_range=(5000, 38000))
        while other.employer == w2s[0].employer:
            other.employer = rng.choice(COMPANIES)
        w2s.append(other)
    ssn_text = _ssn_shown(rng, who[3])
    m = rng.choice((30.0, 40.0))
    stacked = rng.random() < 0.5  # two copies of the same W-2 on each page
    pen = Pen(family, size)
    w = pen.width
    pages: list[tuple[W2, int]] = []
    for k, w2 in enumerate(w2s):
        if k:
            pen.new_page()
        pages.append((w2, pen.page))
        labels = ["Copy 2 - To Be Filed With Employee's State, City, or Local Income Tax Return"]
        if stacked:
            labels.append(
                rng.choice(
                    (
                        "Copy 2 - To Be Filed With Employee's State, City, or Local Income "
                        "Tax Return",
                        "Copy C - For EMPLOYEE'S RECORDS",
                    )
                )
            )
        block_h = (pen.height - 2 * m) / len(labels)
        for j, copy in enumerate(labels):
            top = pen.height - m - j * block_h
            _values_above(pen, w2, m, top, w - 2 * m, block_h - 14, size, ssn_text, copy)
            if j:
                pen.text(
                    w / 2,
                    top + 6,
                    "- - - - - fold and tear here - - - - -",
                    6,
                    align="center",
                    gray=0.5,
                )
    pdf = pen.finish()
    notes = (
        "Copy 2 (state/city/local filing) W-2, values above captions, local tax rows"
        + (", two copies per page" if stacked else "")
        + ("; a second employer's W-2 on page 2 (two records)" if second else "")
        + "; distractors: boxes 3/5/16/18, local wages, box 12 codes, EIN, state ID."
    )
    return _doc(pages, True, True, notes, size, pdf)


def _values_above(
    pen: Pen,
    w2: W2,
    x: float,
    top: float,
    width: float,
    height: float,
    size: float,
    ssn_text: str,
    copy: str,
) -> None:
    cap = max(5.0, size - 3)
    rows = 8
    rh = min(height / (rows + 1.6), size * 4.2)
    y = top
    pen.text(x, y - size, f"{w2.year}", size + 6, bold=True)
    pen.text(x + 60, y - size + 1, "W-2  Wage and Tax Statement", size + 1, bold=True)
    pen.text(x + width, y - size + 1, copy, pen.fit(copy, width - 260, cap + 1), align="right")
    y -= size * 2
    half = width * 0.5
    q = half / 2

    def box(bx: float, by: float, bw: float, bh: float, lines: list[str], caption: str) -> None:
        pen.rect(bx, by - bh, bw, bh, width=0.5)
        ty = by - size - 2
        for line in lines:
            pen.text(bx + 4, ty, line, pen.fit(line, bw - 8))
            ty -= size * 1.15
        pen.text(bx + 3, by - bh + 2.5, caption, pen.fit(caption, bw - 6, cap), gray=0.25)

    ea = w2.employer_address
    box(
        x,
        y,
        half,
        rh * 2,
        [w2.employer, ea.street_line(), ea.city_line()],
        "c Employer's name, address, and ZIP code",
    )
    box(x + half, y, q, rh, [money(w2.box1)], "1 Wages, tips, other comp.")
    box(x + half + q, y, q, rh, [money(w2.box2)], "2 Federal income tax withheld")
    box(x + half, y - rh, q, rh, [money(w2.box3)], "3 Social security wages")
    box(x + half + q, y - rh, q, rh, [money(w2.box4)], "4 Social security tax withheld")
    y -= rh * 2
    box(x, y, q, rh, [w2.ein], "b Employer ID number (EIN)")
    box(x + q, y, q, rh, [ssn_text], "a Employee's SSA number")
    box(x + half, y, q, rh, [money(w2.box5)], "5 Medicare wages and tips")
    box(x + half + q, y, q, rh, [money(w2.box6)], "6 Medicare tax withheld")
    y -= rh
    box(
        x,
        y,
        half,
        rh * 2,
        [w2.printed_name, w2.address.street_line(), w2.address.city_line()],
        "e/f Employee's name, address, and ZIP code",
    )
    codes = [f"{c} {money(v)}" for c, v in w2.box12[:2]] or [""]
    more = [f"{c} {money(v)}" for c, v in w2.box12[2:]] or [""]
    box(x + half, y, q, rh, codes, "12a-b See instructions")
    box(x + half + q, y, q, rh, more, "12c-d")
    box(
        x + half, y - rh, q, rh, [money(w2.box10) if w2.box10 else ""], "10 Dependent care benefits"
    )
    box(x + half + q, y - rh, q, rh, [f"{k} {money(v)}" for k, v in w2.box14] or [""], "14 Other")
    y -= rh * 2
    box(x, y, half, rh * 0.8, [w2.control], "d Control number")
    box(x + half, y, half, rh * 0.8, ["X" if w2.box13[1] else ""], "13 Retirement plan")
    y -= rh * 0.8
    widths = (0.2, 0.16, 0.14, 0.18, 0.14, 0.18)
    caps = (
        "15 State  Employer's state ID",
        "16 State wages, tips",
        "17 State income tax",
        "18 Local wages, tips",
        "19 Local income tax",
        "20 Locality name",
    )
    cols: list[list[str]] = [[], [], [], [], [], []]
    for st in w2.states:
        cols[0].append(f"{st.state} {st.state_id}")
        cols[1].append(money(st.wages))
        cols[2].append(money(st.tax))
    for lc in w2.locals:
        cols[3].append(money(lc.wages))
        cols[4].append(money(lc.tax))
        cols[5].append(lc.name)
    bx = x
    for k, frac in enumerate(widths):
        box(bx, y, width * frac, rh * 1.2, cols[k] or [""], caps[k])
        bx += width * frac


def build(rng: random.Random, layout: str) -> WildDocument:
    builders: dict[str, Callable[[random.Random], WildDocument]] = {
        "landscape_twoup": _landscape,
        "gov_text": _gov_text,
        "household": _household,
        "payroll_reprint": _reprint,
        "copy2_local": _copy2,
    }
    return builders[layout](rng)
