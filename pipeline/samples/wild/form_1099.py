"""Forms 1099-NEC and 1099-INT as borrowers hand them to lenders.

Layouts:
- ``irs_1099_nec_copy_b``: the payer's print of Copy B of Form 1099-NEC in the IRS box layout
  (PAYER'S name box, TINs, recipient block, numbered boxes 1-7), instructions below or overleaf.
- ``irs_1099_int_copy_b``: Copy B of Form 1099-INT in the IRS box layout (boxes 1-17, payer's RTN,
  FATCA checkbox), printed by a bank or brokerage.
- ``bank_1099_int_statement``: a bank's year-end "tax reporting statement": letterhead, address
  block, a Box / Description / Amount table and interest by account.
- ``platform_1099_nec_summary``: a contractor-payments platform's letter summarising the 1099-NEC
  it filed for a client company, with a payments reconciliation.
- ``corrected_1099``: an IRS-layout 1099-NEC or 1099-INT with CORRECTED checked and a note giving
  the amount the original form reported.

Varies: tax year, payer and recipient, name order and case, masked or full TINs, value fonts and
number formats, optional apartment and DBA lines, state boxes. Traps: state income (box 7) and
withholding next to box 1; box 3 Treasury interest and box 8 tax-exempt interest beside INT box 1;
per-account interest and "$10 or more"/"$600 or more" thresholds in descriptions; the platform's
name beside the payer's, gross payments and reimbursements beside box 1; the original amount on
a corrected form.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.samples.wild.document import WildDocument
from pipeline.samples.wild.form_1040 import CITIES, FIRST_NAMES, LAST_NAMES, STREETS, Address

LAYOUTS = (
    "irs_1099_nec_copy_b",
    "irs_1099_int_copy_b",
    "bank_1099_int_statement",
    "platform_1099_nec_summary",
    "corrected_1099",
)

PAGE_W, PAGE_H = 612.0, 792.0  # US Letter

NEC_PAYERS = (
    "Northwind Interiors LLC",
    "Bright Path Tutoring Inc",
    "Copperline Media Group",
    "Saguaro Landscape Design",
    "Kestrel Logistics Corp",
    "Blue Heron Dental Partners",
    "Fernwood Property Management",
    "Atlas Event Staffing LLC",
    "Quillon Software Inc",
    "Riverbend Home Health Services",
    "Tidewater Marketing Co",
    "Granite Peak Builders Inc",
)
BANKS = (
    "Harborview Savings Bank",
    "First Prairie Bank, N.A.",
    "Cascade Federal Credit Union",
    "Bluewater Community Bank",
    "Summit National Bank",
    "Red Oak Credit Union",
    "Lakeshore Trust Company",
    "Pioneer Valley Savings",
)
PLATFORMS = (
    "CrewLedger",
    "Paywise Contractor Services",
    "GigBridge Payments",
    "TaskHarbor Pay",
    "Remitly Works",
    "Contractly",
)
SUFFIXES = ("Suite 200", "Floor 3", "PO Box 4410", "Bldg C")


# --------------------------------------------------------------------------- parties


@dataclass(frozen=True)
class Party:
    """A payer or recipient as the form prints it."""

    lines: tuple[str, ...]
    address: Address
    tin: str
    phone: str


@dataclass(frozen=True)
class Recipient:
    first: str
    middle: str
    last: str
    ssn: str

    def natural(self) -> str:
        return " ".join(part for part in (self.first, self.middle, self.last) if part)


@dataclass(frozen=True)
class Style:
    caption: float
    value_font: str
    value_size: float
    label_font: str
    dollar: bool
    upper: bool
    last_first: bool
    mask: str
    dx: float
    dy: float


@dataclass
class Filing:
    kind: str  # "nec" | "int"
    year: int
    payer: Party
    recipient: Recipient
    recipient_party: Party
    boxes: dict[str, int]
    account: str
    state: str
    state_id: str


def _address(rng: random.Random, apartment: bool) -> Address:
    city, state, prefix = rng.choice(CITIES)
    street = f"{rng.randint(12, 9899)} {rng.choice(STREETS)}"
    if apartment:
        street += rng.choice([" Apt ", " Unit ", " #"]) + f"{rng.randint(1, 40)}{rng.choice('ABC')}"
    return Address(street, city, state, f"{prefix}{rng.randint(1, 99):02d}")


def _phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"


def _ein(rng: random.Random) -> str:
    return f"{rng.randint(10, 98)}-{rng.randint(1000000, 9999999)}"


def _recipient(rng: random.Random) -> Recipient:
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.5 else ""
    area = rng.choice([n for n in range(101, 900) if n != 666])
    ssn = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    return Recipient(rng.choice(FIRST_NAMES), middle, rng.choice(LAST_NAMES), ssn)


def _recipient_party(rng: random.Random, person: Recipient, style: Style, kind: str) -> Party:
    if style.last_first:
        name = f"{person.last}, {person.first} {person.middle}".strip()
    else:
        name = person.natural()
    lines = [name.upper() if style.upper else name]
    if kind == "nec" and rng.random() < 0.3:
        dba = f"{person.last} {rng.choice(['Design Studio', 'Consulting', 'Handyman Services'])}"
        lines.append(("DBA " + dba).upper() if style.upper else "DBA " + dba)
    address = _address(rng, rng.random() < 0.3)
    tin = style.mask + person.ssn[-4:] if style.mask else person.ssn
    return Party(tuple(lines), address, tin, "")


def _payer(rng: random.Random, kind: str) -> Party:
    name = rng.choice(NEC_PAYERS if kind == "nec" else BANKS)
    address = _address(rng, False)
    if rng.random() < 0.3:
        street = f"{address.street}, {rng.choice(SUFFIXES)}"
        address = Address(street, address.city, address.state, address.zip)
    return Party((name,), address, _ein(rng), _phone(rng))


def _money(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low * 100, high * 100)


def _boxes(rng: random.Random, kind: str) -> dict[str, int]:
    if kind == "nec":
        box1 = _money(rng, 600, 96000)
        boxes = {"1": box1, "4": box1 * 24 // 100 if rng.random() < 0.08 else 0}
        if rng.random() < 0.6:
            boxes["7"] = box1 if rng.random() < 0.6 else box1 * rng.randint(40, 95) // 100
            boxes["5"] = boxes["7"] * rng.randint(3, 6) // 100 if rng.random() < 0.4 else 0
        return boxes
    box1 = _money(rng, 10, 6500)
    boxes = {"1": box1}
    for key, chance, low, high in (
        ("2", 0.08, 5, 180),
        ("3", 0.2, 15, 3200),
        ("8", 0.15, 20, 1400),
        ("4", 0.05, 5, 500),
    ):
        if rng.random() < chance:
            boxes[key] = _money(rng, low, high)
    return boxes


def _filing(rng: random.Random, kind: str, style: Style) -> Filing:
    year = rng.randint(2020 if kind == "nec" else 2019, 2024)
    person = _recipient(rng)
    party = _recipient_party(rng, person, style, kind)
    payer = _payer(rng, kind)
    account = "" if kind == "nec" and rng.random() < 0.6 else str(rng.randint(10**6, 10**10))
    state = party.address.state
    return Filing(
        kind,
        year,
        payer,
        person,
        party,
        _boxes(rng, kind),
        account,
        state,
        f"{state} {rng.randint(100000, 9999999)}",
    )


def _style(rng: random.Random) -> Style:
    return Style(
        caption=rng.choice([6.0, 6.5, 7.0]),
        value_font=rng.choice(["Courier", "Courier-Bold", "Helvetica", "Helvetica-Bold"]),
        value_size=rng.choice([9.0, 9.5, 10.0, 10.5]),
        label_font=rng.choice(["Helvetica", "Helvetica", "Times-Roman"]),
        dollar=rng.random() < 0.4,
        upper=rng.random() < 0.6,
        last_first=rng.random() < 0.2,
        mask=rng.choice(["", "***-**-", "***-**-", "XXX-XX-", "xxx-xx-"]),
        dx=rng.uniform(-6, 6),
        dy=rng.uniform(-10, 6),
    )


# --------------------------------------------------------------------------- drawing helpers


class Pen:
    def __init__(self, canvas: Canvas, style: Style) -> None:
        self.c = canvas
        self.s = style

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        font: str | None = None,
        max_w: float | None = None,
        align: str = "left",
    ) -> float:
        font = font or self.s.label_font
        while max_w is not None and stringWidth(text, font, size) > max_w and size > 4.5:
            size -= 0.25
        width = float(stringWidth(text, font, size))
        self.c.setFont(font, size)
        self.c.drawString(x - width if align == "right" else x, y, text)
        return width

    def bold(self, x: float, y: float, text: str, size: float, max_w: float | None = None) -> float:
        font = "Times-Bold" if self.s.label_font.startswith("Times") else "Helvetica-Bold"
        return self.text(x, y, text, size, font, max_w)

    def value(self, x: float, y: float, text: str, max_w: float, align: str = "left") -> None:
        self.text(x, y, text, self.s.value_size, self.s.value_font, max_w, align)

    def wrap(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        width: float,
        lead: float,
        font: str | None = None,
    ) -> float:
        """Draw ``text`` word-wrapped to ``width``; returns the y below the last line."""
        font = font or self.s.label_font
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if stringWidth(trial, font, size) > width and line:
                self.text(x, y, line, size, font)
                y -= lead
                line = word
            else:
                line = trial
        if line:
            self.text(x, y, line, size, font)
            y -= lead
        return y

    def checkbox(self, x: float, y: float, checked: bool, size: float = 7.0) -> None:
        self.c.setLineWidth(0.6)
        self.c.rect(x, y, size, size)
        if checked:
            self.text(x + 1, y + 1, "X", size + 0.5, "Helvetica-Bold")


def _fmt(cents: int, style: Style, dollar: bool | None = None) -> str:
    text = f"{cents // 100:,}.{cents % 100:02d}"
    return ("$" + text) if (style.dollar if dollar is None else dollar) else text


def _amount(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


# --------------------------------------------------------------------------- IRS box layout


def _box(
    pen: Pen,
    x: float,
    y: float,
    w: float,
    h: float,
    caption: str,
    value: str = "",
    money: bool = False,
) -> None:
    """An IRS form box: caption at top left (wrapped), value at the bottom."""
    pen.c.setLineWidth(0.6)
    pen.c.rect(x, y - h, w, h)
    size = pen.s.caption
    line_y = y - size - 1
    for part in caption.split("\n"):
        pen.text(x + 2, line_y, part, size, max_w=w - 4)
        line_y -= size + 1
    if not value:
        return
    if money:
        pen.text(x + 3, y - h + 4, "$", pen.s.value_size - 1)
        pen.value(x + w - 5, y - h + 4, value, w - 16, "right")
    else:
        pen.value(x + 5, y - h + 4, value, w - 8)


PAYER_CAPTION = (
    "PAYER'S name, street address, city or town, state or province, country, ZIP\n"
    "or foreign postal code, and telephone no."
)


def _party_lines(party: Party, payer: bool) -> list[str]:
    a = party.address
    lines = [*party.lines, a.street, f"{a.city}, {a.state} {a.zip}"]
    if payer:
        lines.append(party.phone)
    return lines


def _left_column(pen: Pen, f: Filing, x: float, y: float, w: float) -> float:
    """Payer block, TINs and the recipient's name and address boxes; returns the bottom y."""
    _box(pen, x, y, w, 78, PAYER_CAPTION)
    vy = y - 26
    for line in _party_lines(f.payer, True):
        pen.value(x + 6, vy, line, w - 10)
        vy -= pen.s.value_size + 1.5
    y -= 78
    _box(pen, x, y, w / 2, 26, "PAYER'S TIN", f.payer.tin)
    _box(pen, x + w / 2, y, w / 2, 26, "RECIPIENT'S TIN", f.recipient_party.tin)
    y -= 26
    names = f.recipient_party.lines
    _box(pen, x, y, w, 20 + 11 * len(names), "RECIPIENT'S name")
    for index, name in enumerate(names):
        pen.value(x + 6, y - 17 - index * 11, name, w - 10)
    y -= 20 + 11 * len(names)
    a = f.recipient_party.address
    _box(pen, x, y, w, 24, "Street address (including apt. no.)", a.street)
    y -= 24
    _box(
        pen,
        x,
        y,
        w,
        24,
        "City or town, state or province, country, and ZIP or foreign postal code",
        f"{a.city}, {a.state} {a.zip}",
    )
    y -= 24
    if f.kind == "int":
        _box(pen, x, y, w * 0.62, 24, "Account number (see instructions)", f.account)
        _box(pen, x + w * 0.62, y, w * 0.38, 24, "FATCA filing\nrequirement")
        pen.checkbox(x + w - 14, y - 20, False, 6)
    else:
        _box(pen, x, y, w * 0.62, 24, "Account number (see instructions)", f.account)
        _box(pen, x + w * 0.62, y, w * 0.38, 24, "2nd TIN not.")
    return y - 24


def _title_column(pen: Pen, f: Filing, x: float, y: float, w: float, h: float) -> None:
    form = "1099-NEC" if f.kind == "nec" else "1099-INT"
    title = "Nonemployee\nCompensation" if f.kind == "nec" else "Interest\nIncome"
    pen.c.setLineWidth(0.6)
    pen.c.rect(x, y - h, w, h)
    pen.text(x + 4, y - 10, "OMB No. 1545-0116" if f.kind == "nec" else "OMB No. 1545-0112", 6.5)
    if f.year >= 2022:
        rev = "Rev. January 2024" if f.year >= 2024 else "Rev. January 2022"
        pen.text(x + 4, y - 22, f"Form {form}", 8)
        pen.text(x + 4, y - 31, f"({rev})", 6.5)
        pen.text(x + 4, y - 42, "For calendar year", 6.5)
        pen.value(x + 62, y - 42, str(f.year), w - 64)
    else:
        pen.bold(x + 4, y - 34, str(f.year), 20)
        pen.text(x + 4, y - 44, f"Form {form}", 7.5)
    ty = y - 62
    for part in title.split("\n"):
        pen.bold(x + 4, ty, part, 11, max_w=w - 8)
        ty -= 13
    pen.bold(x + 4, ty - 8, "Copy B", 10)
    pen.bold(x + 4, ty - 19, "For Recipient", 8)
    legend = (
        "This is important tax information and is being furnished to the IRS. If you are "
        "required to file a return, a negligence penalty or other sanction may be imposed on you "
        "if this income is taxable and the IRS determines that it has not been reported."
    )
    pen.wrap(x + 4, ty - 32, legend, 5.8, w - 8, 7)


def _nec_boxes(pen: Pen, f: Filing, x: float, y: float, w: float) -> float:
    b = f.boxes
    _box(pen, x, y, w, 34, "1 Nonemployee compensation", _fmt(b["1"], pen.s, False), True)
    y -= 34
    _box(
        pen,
        x,
        y,
        w,
        34,
        "2 Payer made direct sales totaling $5,000 or\nmore of consumer "
        "products to recipient for resale",
    )
    pen.checkbox(x + w - 14, y - 30, False, 6)
    y -= 34
    third = "3 Excess golden parachute payments" if f.year >= 2023 else "3"
    _box(pen, x, y, w, 28, third)
    y -= 28
    withheld = _fmt(b["4"], pen.s, False) if b.get("4") else ""
    _box(pen, x, y, w, 28, "4 Federal income tax withheld", withheld, True)
    return y - 28


def _state_row(pen: Pen, f: Filing, x: float, y: float, widths: list[float], nums: str) -> float:
    """The state boxes along the bottom of the form (5-7 on NEC, 15-17 on INT)."""
    n1, n2, n3 = nums.split()
    b = f.boxes
    income_key, tax_key = ("7", "5") if f.kind == "nec" else ("", "17")
    has_state = bool(b.get(income_key or "17") or b.get(tax_key))
    cells = [
        (
            f"{n1} State tax withheld",
            _fmt(b[tax_key], pen.s, False) if b.get(tax_key) else "",
            True,
        ),
        (f"{n2} State/Payer's state no.", f.state_id if has_state else "", False),
        (
            f"{n3} State income",
            _fmt(b[income_key], pen.s, False) if b.get(income_key) else "",
            True,
        ),
    ]
    if f.kind == "int":
        cells = [
            ("15 State", f.state if has_state else "", False),
            ("16 State identification no.", f.state_id if has_state else "", False),
            ("17 State tax withheld", _fmt(b["17"], pen.s, False) if b.get("17") else "", True),
        ]
    for (caption, value, money), w in zip(cells, widths, strict=True):
        _box(pen, x, y, w, 26, caption, value, money)
        x += w
    return y - 26


def _int_boxes(pen: Pen, f: Filing, x: float, y: float, w: float) -> float:
    b = f.boxes
    half = w / 2

    def money(key: str) -> str:
        return _fmt(b[key], pen.s, False) if b.get(key) else ""

    _box(pen, x, y, w, 30, "Payer's RTN (optional)")
    y -= 30
    for caption, key in (
        ("1 Interest income", "1"),
        ("2 Early withdrawal penalty", "2"),
        ("3 Interest on U.S. Savings Bonds and Treasury obligations", "3"),
    ):
        _box(pen, x, y, w, 26, caption, money(key), True)
        y -= 26
    pairs = (
        (("4 Federal income tax withheld", "4"), ("5 Investment expenses", "5")),
        (("6 Foreign tax paid", "6"), ("7 Foreign country or U.S. territory", "")),
        (("8 Tax-exempt interest", "8"), ("9 Specified private activity\nbond interest", "9")),
        (("10 Market discount", "10"), ("11 Bond premium", "11")),
        (
            ("12 Bond premium on Treasury\nobligations", "12"),
            ("13 Bond premium on tax-exempt\nbond", "13"),
        ),
    )
    for (cap_a, key_a), (cap_b, key_b) in pairs:
        _box(pen, x, y, half, 26, cap_a, money(key_a), True)
        _box(pen, x + half, y, half, 26, cap_b, money(key_b), bool(key_b))
        y -= 26
    return y


def _irs_form(pen: Pen, f: Filing, y: float, corrected: bool) -> float:
    """Copy B in the IRS layout, top at ``y``; returns the y under the form's footer line."""
    s = pen.s
    x0 = 36 + s.dx
    pen.checkbox(x0 + 200, y - 8, corrected, 8)
    width = pen.bold(x0 + 212, y - 7, "CORRECTED", 9)
    pen.text(x0 + 216 + width, y - 7, "(if checked)", 7)
    y -= 14
    left_w, mid_w, right_w = 250.0, 160.0, 130.0
    if f.kind == "int":
        left_w, mid_w, right_w = 232.0, 196.0, 112.0
    left_bottom = _left_column(pen, f, x0, y, left_w)
    if f.kind == "nec":
        mid_bottom = _nec_boxes(pen, f, x0 + left_w, y, mid_w)
    else:
        mid_bottom = _int_boxes(pen, f, x0 + left_w, y, mid_w)
    bottom = min(left_bottom, mid_bottom)
    pen.c.rect(x0, bottom, left_w, left_bottom - bottom)
    pen.c.rect(x0 + left_w, bottom, mid_w, mid_bottom - bottom)
    _title_column(pen, f, x0 + left_w + mid_w, y, right_w, y - bottom)
    if f.kind == "nec":
        bottom = _state_row(pen, f, x0, bottom, [left_w, mid_w, right_w], "5 6 7")
    else:
        _box(pen, x0, bottom, left_w, 26, "14 Tax-exempt and tax credit bond CUSIP no.")
        bottom = _state_row(pen, f, x0 + left_w, bottom, [50.0, mid_w - 50, right_w], "15 16 17")
    form = "1099-NEC" if f.kind == "nec" else "1099-INT"
    rev = "(Rev. 1-2024)" if f.year >= 2024 else "(Rev. 1-2022)" if f.year >= 2022 else ""
    footer = f"Form {form} {rev}".replace("  ", " ")
    pen.text(x0, bottom - 10, footer, 7.5)
    pen.text(x0 + 120, bottom - 10, "(keep for your records)", 7)
    pen.text(x0 + 210, bottom - 10, f"www.irs.gov/Form{form.replace('-', '')}", 7)
    pen.text(
        x0 + 540,
        bottom - 10,
        "Department of the Treasury - Internal Revenue Service",
        6.5,
        align="right",
        max_w=200,
    )
    return bottom - 14


NEC_INSTRUCTIONS = (
    "Recipient's taxpayer identification number (TIN). For your protection, this form may show "
    "only the last four digits of your TIN. However, the issuer has reported your complete TIN to "
    "the IRS.",
    "Box 1. Shows nonemployee compensation. If the amount in this box is SE income, report it on "
    "Schedule C or F (Form 1040) if a sole proprietor, or on Form 1065 and Schedule K-1 (Form "
    "1065) if a partnership, and the recipient/partner completes Schedule SE (Form 1040).",
    "Box 2. If checked, consumer products totaling $5,000 or more were sold to you for resale, on "
    "a buy-sell, a deposit-commission, or other basis.",
    "Box 4. Shows backup withholding. A payer must backup withhold on certain payments if you did "
    "not give your TIN to the payer. See Form W-9. Include this amount on your income tax return "
    "as tax withheld.",
    "Boxes 5-7. State income tax withheld reporting boxes.",
)
INT_INSTRUCTIONS = (
    "Recipient's taxpayer identification number (TIN). For your protection, this form may show "
    "only the last four digits of your TIN. However, the issuer has reported your complete TIN to "
    "the IRS.",
    "Box 1. Shows taxable interest paid to you during the calendar year by the payer. This does "
    "not include interest shown in box 3. Interest of $10 or more ($600 or more if paid in the "
    "course of a trade or business) is reported.",
    "Box 2. Shows interest or principal forfeited because of early withdrawal of time savings. You "
    "may deduct this amount to figure your adjusted gross income on your income tax return.",
    "Box 3. Shows interest on U.S. Savings Bonds, Treasury bills, Treasury bonds, and Treasury "
    "notes. This may or may not all be taxable.",
    "Box 8. Shows tax-exempt interest paid to you during the calendar year by the payer. Report "
    "the amount on Form 1040 or 1040-SR, line 2a.",
)


def _instructions(pen: Pen, f: Filing, y: float) -> None:
    x0 = 36 + pen.s.dx
    pen.bold(x0, y, "Instructions for Recipient", 9)
    y -= 13
    for paragraph in NEC_INSTRUCTIONS if f.kind == "nec" else INT_INSTRUCTIONS:
        y = pen.wrap(x0, y, paragraph, 8, 530, 10) - 3


# --------------------------------------------------------------------------- bank statement


INT_DESCRIPTIONS = (
    ("1", "Interest income (not included in box 3)"),
    ("2", "Early withdrawal penalty"),
    ("3", "Interest on U.S. Savings Bonds and Treasury obligations"),
    ("4", "Federal income tax withheld (backup withholding at 24%)"),
    ("5", "Investment expenses"),
    ("6", "Foreign tax paid"),
    ("8", "Tax-exempt interest"),
    ("9", "Specified private activity bond interest"),
    ("10", "Market discount"),
    ("11", "Bond premium"),
    ("17", "State tax withheld"),
)


def _letterhead(pen: Pen, name: str, party: Party, x0: float, y: float) -> float:
    pen.bold(x0, y, name, 15, max_w=300)
    a = party.address
    for index, line in enumerate([a.street, f"{a.city}, {a.state} {a.zip}", party.phone]):
        pen.text(x0, y - 14 - index * 10, line, 8)
    return y - 44


def _address_block(pen: Pen, party: Party, x: float, y: float, size: float) -> float:
    for line in _party_lines(party, False):
        pen.text(x, y, line, size, "Helvetica")
        y -= size + 3
    return y


def _bank_statement(pen: Pen, f: Filing, rng: random.Random) -> None:
    s, x0 = pen.s, 48 + pen.s.dx
    right = PAGE_W - x0
    body = rng.choice([8.5, 9.0, 9.5, 10.0])
    y = _letterhead(pen, f.payer.lines[0], f.payer, x0, PAGE_H - 50 + s.dy)
    title = rng.choice(
        [
            f"{f.year} Tax Reporting Statement",
            f"{f.year} Form 1099-INT Tax Statement",
            f"Year-End Tax Information {f.year}",
        ]
    )
    pen.bold(right - 250, PAGE_H - 50 + s.dy, title, 12, max_w=250)
    last4 = f.account[-4:]
    info = [
        ("Account number", rng.choice([f"****{last4}", f"XXXXXX{last4}", f"ending in {last4}"])),
        ("Statement date", f"01/{rng.randint(15, 31)}/{f.year + 1}"),
        ("Payer's TIN", f.payer.tin),
        ("Recipient's TIN", f.recipient_party.tin),
    ]
    iy = PAGE_H - 70 + s.dy
    for label, value in info:
        pen.text(right - 250, iy, f"{label}:", body - 1, "Helvetica-Bold")
        pen.text(right, iy, value, body - 1, "Helvetica", align="right")
        iy -= body + 2
    y = _address_block(pen, f.recipient_party, x0 + 20, min(y, iy) - 30, body + 0.5) - 20
    pen.bold(x0, y, "Form 1099-INT  Interest Income", body + 2)
    pen.text(right, y, "Copy B for Recipient   OMB No. 1545-0112", body - 1.5, align="right")
    y = _box_table(pen, f, x0, y - 8, right, body, rng)
    y = _by_account(pen, f, x0, y - 18, right, body, rng)
    notes = (
        "Interest of $10 or more ($600 or more if paid in the course of your trade or business) "
        "is reported to the IRS. This is important tax information and is being furnished to the "
        "IRS. If you are required to file a return, a negligence penalty or other sanction may be "
        "imposed on you if this income is taxable and the IRS determines that it has not been "
        "reported. Amounts under $10 are shown for your information only."
    )
    pen.wrap(x0, y - 16, notes, body - 1.5, right - x0, body + 1)


def _box_table(
    pen: Pen, f: Filing, x0: float, y: float, right: float, body: float, rng: random.Random
) -> float:
    show_all = rng.random() < 0.5
    pen.c.setFillGray(0.85)
    pen.c.rect(x0, y - body - 4, right - x0, body + 6, stroke=0, fill=1)
    pen.c.setFillGray(0)
    y -= body
    pen.text(x0 + 4, y, "Box", body, "Helvetica-Bold")
    pen.text(x0 + 40, y, "Description", body, "Helvetica-Bold")
    pen.text(right - 4, y, "Amount", body, "Helvetica-Bold", align="right")
    y -= 4
    for box, description in INT_DESCRIPTIONS:
        value = f.boxes.get(box, 0)
        if not value and not show_all and box != "1":
            continue
        y -= body + 5
        pen.text(x0 + 4, y, box, body, "Helvetica")
        pen.text(x0 + 40, y, description, body, "Helvetica", max_w=right - x0 - 150)
        pen.text(right - 4, y, _fmt(value, pen.s), body, "Helvetica", align="right")
        pen.c.setLineWidth(0.3)
        pen.c.line(x0, y - 4, right, y - 4)
    return y - 4


def _by_account(
    pen: Pen, f: Filing, x0: float, y: float, right: float, body: float, rng: random.Random
) -> float:
    """Box 1 split over the recipient's accounts: amounts that are not the total."""
    count = rng.choice([1, 2, 2, 3])
    total, parts = f.boxes["1"], []
    for _ in range(count - 1):
        part = rng.randint(1, max(1, total - 1)) if total > 1 else 0
        parts.append(part)
        total -= part
    parts.append(total)
    kinds = ["Savings", "Money Market", "Certificate of Deposit", "Interest Checking"]
    pen.bold(x0, y, "Interest paid by account", body + 1)
    y -= body + 6
    for index, part in enumerate(parts):
        last4 = f.account[-4:] if index == 0 else f"{rng.randint(0, 9999):04d}"
        label = f"{rng.choice(kinds)} ****{last4}"
        pen.text(x0 + 4, y, label, body, "Helvetica")
        pen.text(right - 4, y, _fmt(part, pen.s), body, "Helvetica", align="right")
        y -= body + 4
    pen.text(x0 + 4, y, "Total interest reported in box 1", body, "Helvetica-Bold")
    pen.text(right - 4, y, _fmt(f.boxes["1"], pen.s), body, "Helvetica-Bold", align="right")
    return y


# --------------------------------------------------------------------------- platform letter


def _platform_letter(pen: Pen, f: Filing, rng: random.Random) -> None:
    s, x0 = pen.s, 60 + pen.s.dx
    right = PAGE_W - x0
    body = rng.choice([9.0, 9.5, 10.0, 10.5])
    platform = rng.choice(PLATFORMS)
    home = Party((platform,), _address(rng, False), "", _phone(rng))
    y = _letterhead(pen, platform, home, x0, PAGE_H - 54 + s.dy)
    date = f"{rng.choice(['January', 'Jan.'])} {rng.randint(10, 31)}, {f.year + 1}"
    pen.text(right, PAGE_H - 54 + s.dy, date, body, "Helvetica", align="right")
    y = _address_block(pen, f.recipient_party, x0, y - 20, body) - 16
    payer = f.payer.lines[0]
    pen.bold(x0, y, f"Your {f.year} Form 1099-NEC from {payer}", body + 2, max_w=right - x0)
    y -= body + 14
    greeting = f"Dear {f.recipient.first},"
    pen.text(x0, y, greeting, body, "Helvetica")
    paragraph = (
        f"{payer} used {platform} to pay you for services in {f.year}. Because the nonemployee "
        f"compensation it paid you was $600 or more, {payer} is required to report it to the IRS "
        f"on Form 1099-NEC. {platform} prepared and filed the form on behalf of {payer}. The "
        "amounts reported are summarised below; your official Copy B is in your account."
    )
    y = _wrap_body(pen, x0, y - body - 8, paragraph, body, right - x0)
    rows = [
        ("Payer", payer),
        ("Payer's TIN", f.payer.tin),
        ("Recipient", f.recipient_party.lines[0]),
        ("Recipient's TIN", f.recipient_party.tin),
        (
            rng.choice(
                [
                    "Box 1 - Nonemployee compensation",
                    "Nonemployee compensation (box 1)",
                    "Box 1 Nonemployee comp.",
                ]
            ),
            _fmt(f.boxes["1"], s, True),
        ),
        ("Box 4 - Federal income tax withheld", _fmt(f.boxes.get("4", 0), s, True)),
        ("Box 5 - State tax withheld", _fmt(f.boxes.get("5", 0), s, True)),
        ("Box 7 - State income", _fmt(f.boxes.get("7", 0), s, True)),
    ]
    y = _label_rows(pen, x0, y - 10, right, rows, body, f"Form 1099-NEC summary ({f.year})")
    y = _reconciliation(pen, f, x0, y - 16, right, body, rng)
    closing = (
        "Reimbursed expenses and payments you received by card or through a payment app are not "
        "included in box 1; card payments may be reported to you separately on Form 1099-K. "
        f"Questions about the amounts should go to {payer}."
    )
    y = _wrap_body(pen, x0, y - 18, closing, body, right - x0)
    pen.text(x0, y - 10, "Sincerely,", body, "Helvetica")
    pen.text(x0, y - 10 - body - 6, f"The {platform} Tax Team", body, "Helvetica")


def _wrap_body(pen: Pen, x: float, y: float, text: str, size: float, width: float) -> float:
    return pen.wrap(x, y, text, size, width, size + 3, "Helvetica")


def _label_rows(
    pen: Pen,
    x0: float,
    y: float,
    right: float,
    rows: list[tuple[str, str]],
    body: float,
    title: str,
) -> float:
    pen.c.setFillGray(0.9)
    pen.c.rect(x0, y - 4, right - x0, body + 6, stroke=0, fill=1)
    pen.c.setFillGray(0)
    pen.text(x0 + 4, y, title, body, "Helvetica-Bold")
    for label, value in rows:
        y -= body + 6
        pen.text(x0 + 4, y, label, body, "Helvetica")
        pen.text(right - 4, y, value, body, "Helvetica", align="right")
        pen.c.setLineWidth(0.3)
        pen.c.line(x0, y - 4, right, y - 4)
    return y


def _reconciliation(
    pen: Pen, f: Filing, x0: float, y: float, right: float, body: float, rng: random.Random
) -> float:
    box1 = f.boxes["1"]
    reimbursed = _money(rng, 40, 2400) if rng.random() < 0.7 else 0
    card = _money(rng, 100, 5000) if rng.random() < 0.4 else 0
    gross = box1 + reimbursed + card
    quarters = [box1 * rng.randint(15, 32) // 100 for _ in range(3)]
    quarters.append(box1 - sum(quarters))
    rows = [
        (f"Q{n} {f.year} compensation", _fmt(v, pen.s, True))
        for n, v in enumerate(quarters, start=1)
    ]
    rows += [
        ("Total payments processed", _fmt(gross, pen.s, True)),
        ("Less expense reimbursements", "(" + _fmt(reimbursed, pen.s, True) + ")"),
        ("Less card payments (Form 1099-K)", "(" + _fmt(card, pen.s, True) + ")"),
        ("Reported in box 1", _fmt(box1, pen.s, True)),
    ]
    rows = [row for row in rows if row[1] != "($0.00)"]
    return _label_rows(pen, x0, y, right, rows, body, "Payment reconciliation")


# --------------------------------------------------------------------------- build


def _truth(f: Filing, pdf: bytes, notes: str, size: float) -> WildDocument:
    person = f.recipient
    name = person.natural()
    borrower = {
        "name": name,
        "ssn_last4": person.ssn[-4:],
        "address": f.recipient_party.address.truth(),
    }
    income = {
        "borrower": name,
        "amount": _amount(f.boxes["1"]),
        "period": "annual",
        "year": f.year,
        "source_type": "1099_nec" if f.kind == "nec" else "1099_int",
        "employer": f.payer.lines[0],
        "page": 1,
    }
    return WildDocument(
        pdf=pdf,
        doc_type="form_1099",
        borrowers=[borrower],
        income_records=[income],
        notes=notes,
        text_size=size,
    )


def _corrected_note(pen: Pen, f: Filing, y: float, rng: random.Random) -> float:
    original = f.boxes["1"] + rng.choice([-1, 1]) * _money(rng, 25, max(26, f.boxes["1"] // 400))
    original = max(original, 100)
    form = "1099-NEC" if f.kind == "nec" else "1099-INT"
    date = f"01/{rng.randint(20, 31)}/{f.year + 1}"
    note = (
        f"CORRECTED FORM - This form replaces the Form {form} dated {date}, which reported "
        f"${_fmt(original, pen.s, False)} in box 1. Use the amounts on this corrected form."
    )
    x0 = 36 + pen.s.dx
    pen.c.setLineWidth(0.8)
    pen.c.rect(x0, y - 30, 540, 26)
    return pen.wrap(x0 + 6, y - 13, note, 8, 528, 10) - 10


def build(rng: random.Random, layout: str) -> WildDocument:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown form_1099 layout: {layout}")
    style = _style(rng)
    kind = {"irs_1099_nec_copy_b": "nec", "platform_1099_nec_summary": "nec"}.get(
        layout, "int" if layout != "corrected_1099" else rng.choice(["nec", "int"])
    )
    f = _filing(rng, kind, style)
    if layout == "bank_1099_int_statement" and not f.account:
        f.account = str(rng.randint(10**6, 10**10))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1)
    canvas.setTitle(f"Form 1099 ({f.year})")
    pen = Pen(canvas, style)
    size = style.value_size
    if layout == "bank_1099_int_statement":
        _bank_statement(pen, f, rng)
        note = "bank year-end 1099-INT statement; box table with thresholds, interest by account"
    elif layout == "platform_1099_nec_summary":
        _platform_letter(pen, f, rng)
        note = "platform letter; payer is the client company, gross/reimbursements are not box 1"
    else:
        bottom = _irs_form(pen, f, PAGE_H - 40 + style.dy, layout == "corrected_1099")
        if layout == "corrected_1099":
            bottom = _corrected_note(pen, f, bottom - 6, rng)
        if rng.random() < 0.5:
            canvas.showPage()
            bottom = PAGE_H - 50
        _instructions(pen, f, bottom - 20)
        size = 8.0
        note = f"IRS-layout 1099-{kind.upper()} copy B; state and other boxes beside box 1"
        if layout == "corrected_1099":
            note += "; CORRECTED, the note's original amount is not the income"
    canvas.showPage()
    canvas.save()
    return _truth(f, buffer.getvalue(), note, size)
