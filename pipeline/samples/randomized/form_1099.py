"""Forms 1099-NEC and 1099-INT in randomized layouts.

Families:

* ``form_1099/irs-nec`` and ``form_1099/irs-int``: IRS-like boxed forms (payer and recipient
  boxes on one side, numbered boxes on the other in one or two columns, the title block).
* ``form_1099/statement-nec`` and ``form_1099/statement-int``: payer or broker/bank "tax
  information statements" with a Box / Description / Amount table, whose descriptions carry
  figures of their own ("direct sales totaling $5,000 or more") and distractor rows (federal
  income tax withheld, savings bond interest, tax-exempt interest).

Truth: the main box (NEC box 1, INT box 1), annual, ``1099_nec``/``1099_int``, employer = the
payer's name, borrower = the recipient with ssn_last4. The payer's "account number" for the
recipient is a reference, not a bank account.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from pipeline.samples.randomized import form_1099_family, people
from pipeline.samples.randomized.blocks import Drawn, done, letterhead, margins, new_sheet
from pipeline.samples.randomized.draw import Column, Sheet, TableStyle, form_cell, table
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import Spec, money
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = (
    "form_1099/irs-nec",
    "form_1099/irs-int",
    "form_1099/statement-nec",
    "form_1099/statement-int",
)
# DIV, MISC, R, G, B, SSA-1099 and composite statements (see ``form_1099_family``).
FAMILIES_FAMILY = form_1099_family.FAMILIES
build_family = form_1099_family.build

NEC_BOXES: dict[str, tuple[str, ...]] = {
    "1": ("Nonemployee compensation", "Nonemployee comp."),
    "2": (
        "Payer made direct sales totaling $5,000 or more of consumer products to recipient "
        "for resale",
        "Direct sales of $5,000 or more of consumer products for resale",
    ),
    "4": ("Federal income tax withheld", "Federal income tax w/h"),
    "5": ("State tax withheld",),
    "6": ("State/Payer's state no.",),
    "7": ("State income",),
}
INT_BOXES: dict[str, tuple[str, ...]] = {
    "1": ("Interest income", "Interest income (not included in box 3)"),
    "2": ("Early withdrawal penalty",),
    "3": (
        "Interest on U.S. Savings Bonds and Treasury obligations",
        "Interest on U.S. Savings Bonds and Treas. obligations",
    ),
    "4": ("Federal income tax withheld",),
    "5": ("Investment expenses",),
    "6": ("Foreign tax paid",),
    "8": ("Tax-exempt interest",),
    "9": ("Specified private activity bond interest",),
    "10": ("Market discount",),
    "11": ("Bond premium",),
    "13": ("Bond premium on tax-exempt bond",),
    "15": ("State",),
    "17": ("State tax withheld",),
}


@dataclass
class Info:
    variant: str  # "nec" | "int"
    year: int
    payer: Organisation
    recipient: Person
    account: str
    boxes: dict[str, Decimal]
    direct_sales: bool
    state_no: str


def _facts(rng: random.Random, variant: str) -> Info:
    if variant == "nec":
        year = rng.choice((2020, 2021, 2022, 2023))
        payer = people.company(rng)
        main = money(Decimal(rng.randint(60000, 15000000)) / 100)
        if rng.random() < 0.3:
            main = money(Decimal(rng.randint(6, 1500) * 100))
        boxes = {"1": main}
        if rng.random() < 0.3:
            boxes["4"] = money(main * Decimal("0.24"))
        if rng.random() < 0.5:
            boxes["5"] = money(main * Decimal(rng.randint(2, 6)) / 100)
            boxes["7"] = main
    else:
        year = rng.choice((2019, 2020, 2021, 2022, 2023))
        payer = people.bank(rng) if rng.random() < 0.6 else people.brokerage(rng)
        main = money(Decimal(rng.randint(500, 2500000)) / 100)
        boxes = {"1": main}
        if rng.random() < 0.5:
            boxes["3"] = money(Decimal(rng.randint(1000, 400000)) / 100)
        if rng.random() < 0.4:
            boxes["8"] = money(Decimal(rng.randint(1000, 300000)) / 100)
        if rng.random() < 0.3:
            boxes["4"] = money(main * Decimal("0.24"))
        if rng.random() < 0.2:
            boxes["2"] = money(Decimal(rng.randint(500, 20000)) / 100)
        if rng.random() < 0.2:
            boxes["6"] = money(Decimal(rng.randint(100, 9000)) / 100)
    recipient = people.person(rng)
    return Info(
        variant=variant,
        year=year,
        payer=payer,
        recipient=recipient,
        account=rng.choice(
            ("", people.digits(rng, 8), f"{people.digits(rng, 4)}-{people.digits(rng, 4)}")
        ),
        boxes=boxes,
        direct_sales=variant == "nec" and rng.random() < 0.15,
        state_no=f"{recipient.address.state} {people.digits(rng, 7)}",
    )


def _captions(spec: Spec, info: Info) -> dict[str, str]:
    source = NEC_BOXES if info.variant == "nec" else INT_BOXES
    return {
        key: spec.word(f"1099-{info.variant}-{key}", options) for key, options in source.items()
    }


def _boxed(sheet: Sheet, spec: Spec, info: Info, x: float, width: float) -> None:
    rng = spec.rng
    captions = _captions(spec, info)
    left_w = width * rng.choice((0.5, 0.52, 0.55))
    right_x, right_w = x + left_w, width - left_w
    ls = rng.choice((5.5, 6.0, 6.5))
    vs = rng.choice((8.5, 9.0, 9.5, 10.0))
    row = rng.choice((26.0, 28.0, 30.0))
    y = rng.choice((50.0, 64.0, 80.0))
    recipient_name = spec.name(info.recipient, rng.choice(("natural", "upper")))
    upper = recipient_name.isupper()
    payer_lines = [
        info.payer.name.upper() if rng.random() < 0.4 else info.payer.name,
        *people.address_lines(rng, info.payer.address, None),
        info.payer.phone,
    ]
    street, *rest = people.address_lines(
        rng, info.recipient.address, info.recipient.unit_line, upper=upper
    )
    # Left column.
    form_cell(
        sheet,
        x,
        y,
        left_w,
        row * 3.2,
        "PAYER'S name, street address, city or town, state or province, country, ZIP "
        "or foreign postal code, and telephone no.",
        payer_lines,
        label_size=ls,
        value_size=vs - 0.5,
    )
    ty = y + row * 3.2
    tin = spec.ssn(info.recipient)
    form_cell(
        sheet, x, ty, left_w / 2, row, "PAYER'S TIN", info.payer.ein, label_size=ls, value_size=vs
    )
    form_cell(
        sheet,
        x + left_w / 2,
        ty,
        left_w / 2,
        row,
        "RECIPIENT'S TIN",
        tin,
        label_size=ls,
        value_size=vs,
    )
    ty += row
    form_cell(
        sheet,
        x,
        ty,
        left_w,
        row * 1.2,
        "RECIPIENT'S name",
        recipient_name,
        label_size=ls,
        value_size=vs,
    )
    ty += row * 1.2
    form_cell(
        sheet,
        x,
        ty,
        left_w,
        row * 1.2,
        "Street address (including apt. no.)",
        street if len(rest) == 1 else [street, rest[0]],
        label_size=ls,
        value_size=vs,
    )
    ty += row * 1.2
    form_cell(
        sheet,
        x,
        ty,
        left_w,
        row,
        "City or town, state or province, country, and ZIP or foreign postal code",
        rest[-1],
        label_size=ls,
        value_size=vs,
    )
    ty += row
    form_cell(
        sheet,
        x,
        ty,
        left_w,
        row,
        "Account number (see instructions)",
        info.account,
        label_size=ls,
        value_size=vs,
    )
    left_bottom = ty + row
    # Title block, top right.
    form_name = "1099-NEC" if info.variant == "nec" else "1099-INT"
    title = "Nonemployee Compensation" if info.variant == "nec" else "Interest Income"
    title_w = right_w * 0.5
    sheet.rect(right_x, y, right_w, row * 3.2)
    sheet.text(
        right_x + 4,
        y + 10,
        "OMB No. 1545-0116" if info.variant == "nec" else "OMB No. 1545-0112",
        size=6.5,
        font="Helvetica",
    )
    year_style = rng.choice(("calendar", "big", "split"))
    if year_style == "calendar":
        sheet.text(
            right_x + 4, y + 22, f"For calendar year {info.year}", size=7.5, font="Helvetica"
        )
    elif year_style == "big":
        sheet.text(right_x + 4, y + 30, str(info.year), size=18, font="Helvetica-Bold")
    else:
        drawn = sheet.text(right_x + 4, y + 30, "20", size=16, font="Helvetica")
        sheet.text(
            right_x + 4 + drawn + 3, y + 30, str(info.year)[2:], size=16, font="Courier-Bold"
        )
    sheet.text(right_x + 4, y + row * 3.2 - 14, f"Form {form_name}", size=9, font="Helvetica-Bold")
    sheet.text(
        right_x + 4,
        y + row * 3.2 - 5,
        "(Rev. January 2022)" if info.year >= 2022 else f"(Rev. {info.year})",
        size=6,
        font="Helvetica",
    )
    sheet.text(
        right_x + right_w - 4,
        y + 16,
        title,
        size=9,
        font="Helvetica-Bold",
        align="right",
        max_width=title_w,
    )
    sheet.text(
        right_x + right_w - 4,
        y + row * 3.2 - 8,
        "Copy B  For Recipient",
        size=7,
        font="Helvetica-Bold",
        align="right",
        max_width=title_w,
    )
    # Numbered boxes below the title, one or two per row.
    keys = (
        ["1", "2", "4", "5", "6", "7"]
        if info.variant == "nec"
        else ["1", "2", "3", "4", "5", "6", "8", "9", "10", "11", "13", "15", "17"]
    )
    by = y + row * 3.2
    per_row = 1 if info.variant == "nec" and rng.random() < 0.5 else 2
    if info.variant == "int":
        per_row = 2
        row_int = (left_bottom - by) / ((len(keys) + 1) // 2)
    cell_w = right_w / per_row
    cell_h = row * 1.15 if info.variant == "nec" else max(28.0, row_int)
    for n, key in enumerate(keys):
        r, c = divmod(n, per_row)
        cx, cy = right_x + c * cell_w, by + r * cell_h
        caption = f"{key} {captions[key]}"
        if key == "2" and info.variant == "nec":
            form_cell(sheet, cx, cy, cell_w, cell_h, caption, label_size=ls, value_size=vs)
            sheet.checkbox(cx + cell_w - 12, cy + cell_h - 3, checked=info.direct_sales, size=7)
            continue
        if key == "6" and info.variant == "nec":
            value = info.state_no if "5" in info.boxes else ""
        elif key == "15":
            value = info.recipient.address.state if "17" in info.boxes else ""
        else:
            value = spec.amount(info.boxes[key]) if key in info.boxes else ""
        form_cell(
            sheet,
            cx,
            cy,
            cell_w,
            cell_h,
            caption,
            value,
            label_size=ls,
            value_size=vs,
            value_align=rng.choice(("left", "right")) if n == 0 else "left",
        )
    bottom = max(left_bottom, by + ((len(keys) + per_row - 1) // per_row) * cell_h)
    sheet.text(x, bottom + 12, f"Form {form_name}", size=8, font="Helvetica-Bold")
    sheet.text(
        x + width,
        bottom + 12,
        "Department of the Treasury - Internal Revenue Service",
        size=6.5,
        font="Helvetica",
        align="right",
    )
    if rng.random() < 0.5:
        sheet.text(
            x,
            bottom + 24,
            "This is important tax information and is being furnished to the IRS.",
            size=6.5,
            font="Helvetica",
        )


def _statement(sheet: Sheet, spec: Spec, info: Info, x: float, width: float) -> None:
    rng = spec.rng
    captions = _captions(spec, info)
    size = spec.size
    y = letterhead(
        sheet,
        spec,
        info.payer,
        x=x,
        y=40,
        width=width,
        style=rng.choice(("left", "bar", "rule", "right")),
    )
    form_name = "1099-NEC" if info.variant == "nec" else "1099-INT"
    if info.variant == "nec":
        title = rng.choice(
            (
                "Form 1099-NEC Payee Statement",
                "Nonemployee Compensation Statement",
                f"{info.year} Form 1099-NEC",
            )
        )
    else:
        title = rng.choice(
            (
                f"{info.year} Tax Information Statement",
                "Consolidated Form 1099 - Interest Income",
                f"Year-End Tax Statement {info.year}",
            )
        )
    sheet.text(x, y + size + 4, title, size=size + 4, bold=True, max_width=width)
    y += size * 2.8
    sheet.text(
        x,
        y,
        f"Tax year {info.year}" if rng.random() < 0.5 else f"For calendar year {info.year}",
        size=size,
    )
    y += size * 2
    name = spec.name(info.recipient, rng.choice(("natural", "upper", "last_first_upper")))
    lines = [
        name,
        *people.address_lines(
            rng, info.recipient.address, info.recipient.unit_line, upper=name.isupper()
        ),
    ]
    half = width / 2 - 10
    for n, line in enumerate(lines):
        sheet.text(x, y + n * size * 1.3, line, size=size, max_width=half)
    ids = [
        (rng.choice(("Recipient's TIN", "Taxpayer ID", "Your TIN")), spec.ssn(info.recipient)),
        (rng.choice(("Payer's TIN", "Payer's federal ID number")), info.payer.ein),
    ]
    if info.account:
        ids.append((rng.choice(("Account number", "Account No.", "Reference")), info.account))
    for n, (label, value) in enumerate(ids):
        sheet.text(
            x + half + 20, y + n * size * 1.3, f"{label}: {value}", size=size, max_width=half
        )
    y += max(len(lines), len(ids)) * size * 1.3 + 14
    heading = f"Form {form_name}" + rng.choice(
        (
            "",
            " - Copy B for Recipient",
            " (OMB No. 1545-0116)" if info.variant == "nec" else " (OMB No. 1545-0112)",
        )
    )
    sheet.text(x, y, heading, size=size + 1, bold=True)
    y += 4
    rows: list[list[str]] = []
    keys = list(NEC_BOXES if info.variant == "nec" else INT_BOXES)
    bold_rows = set()
    for key in keys:
        if key in ("6", "15"):
            continue
        caption = captions[key]
        if key == "2" and info.variant == "nec":
            rows.append([key, caption, "X" if info.direct_sales else "No"])
            continue
        amount = info.boxes.get(key, Decimal(0))
        if key == "1":
            bold_rows.add(len(rows))
        if amount or rng.random() < 0.6:
            rows.append([key, caption, spec.amount(amount)])
    style = TableStyle(size=size, rules=rng.choice(("lines", "grid", "shade")))
    columns = [
        Column(rng.choice(("Box", "Box No."))),
        Column("Description"),
        Column("Amount", "right"),
    ]
    y = table(sheet, x, y, width, columns, rows, style, bold_rows=frozenset(bold_rows)) + 16
    note = rng.choice(
        (
            "This is important tax information and is being furnished to the Internal "
            "Revenue Service. If you are required to file a return, a negligence penalty "
            "or other sanction may be imposed on you if this income is taxable and "
            "the IRS determines that it has not been reported.",
            "Keep this statement for your records. Amounts shown are reported to the "
            "IRS. Box numbers refer to the official form.",
        )
    )
    sheet.paragraph(x, y, note, size=max(6.5, size - 1.5), width=width)


def build(rng: random.Random, family: str) -> Drawn:
    if family in FAMILIES_FAMILY:
        return build_family(rng, family)
    spec = Spec.draw(rng, sizes=(7.5, 11), money_styles=("comma", "comma", "plain", "dollar"))
    variant = "nec" if family.endswith("nec") else "int"
    info = _facts(rng, variant)
    x, width = margins(spec)
    sheet = new_sheet(spec, f"Form 1099-{variant.upper()} {info.year}" if spec.chance(0.5) else "")
    if family in ("form_1099/irs-nec", "form_1099/irs-int"):
        _boxed(sheet, spec, info, x, width)
    elif family in ("form_1099/statement-nec", "form_1099/statement-int"):
        _statement(sheet, spec, info, x, width)
    else:
        raise ValueError(f"unknown 1099 family {family!r}")
    truth = DocumentTruth(doc_type="form_1099", layout=family)
    who = info.recipient
    truth.add_borrower(
        TruthBorrower(name=who.truth_name, ssn_last4=who.ssn_last4, address=who.address)
    )
    truth.income_records.append(
        TruthIncome(
            borrower=who.truth_name,
            amount=info.boxes["1"],
            period="annual",
            year=info.year,
            source_type=f"1099_{variant}",
            employer=info.payer.name,
            page=1,
        )
    )
    others = ", ".join(f"box {k} {v}" for k, v in info.boxes.items() if k != "1")
    truth.notes.append(
        f"1099-{variant.upper()} box 1 {info.boxes['1']}" + (f"; also {others}" if others else "")
    )
    if info.account:
        truth.notes.append(f"payer's account reference {info.account} is not a bank account")
    return done(sheet, truth)
