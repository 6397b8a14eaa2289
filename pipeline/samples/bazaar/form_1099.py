"""1099-family documents as lenders receive them outside the plain IRS forms: a brokerage's
consolidated 1099 composite statement, the Social Security Administration's SSA-1099, a pension
administrator's 1099-R tax statement, a state workforce agency's 1099-G for unemployment, and an
accounting service's substitute 1099-NEC printed two copies to a page.

Truth: one income record per 1099 printed with a non-zero main box (NEC 1, INT 1, DIV 1a, MISC its
main box, R 1, G 1, SSA-1099 box 5, a 1099-B summary's total proceeds), annual, the tax year,
employer = the payer as printed, borrower = the recipient.
"""

from __future__ import annotations

import random
from typing import Any

from pipeline.samples.bazaar._tax import (
    PAGE_H,
    PAGE_W,
    MoneyStyle,
    Pen,
    address_truth,
    business_address,
    checkbox,
    date_text,
    masked_number,
    masked_ssn,
    money_style,
    person_name,
)
from pipeline.samples.bazaar.people import (
    Address,
    Person,
    amount,
    digits,
    ein,
    make_address,
    make_person,
    ssn,
)
from pipeline.samples.wild.document import WildDocument

LAYOUTS = ("brokerage_consolidated", "ssa_1099", "pension_1099r", "state_1099g", "nec_copyb_twoup")

BROKERS = (
    "Meridian Securities LLC",
    "Harborview Investment Services, Inc.",
    "Northstar Brokerage Corporation",
    "Bluewater Capital Markets",
    "Keystone Clearing Corp.",
    "Pinecrest Wealth Partners",
)
PENSION_PAYERS = (
    "Consolidated Teachers' Retirement System",
    "Great Lakes Pension Trust",
    "Ironbridge Annuity Company",
    "Municipal Employees' Retirement Fund",
    "Cascade Life & Annuity Insurance Co.",
    "United Trades Pension Plan",
)
ADMINISTRATORS = (
    "Benefit Payment Services",
    "Retirement Plan Services",
    "Annuitant Services Center",
    "Pension Administration Office",
)
SMALL_PAYERS = (
    "Cedar Point Landscaping LLC",
    "Bright Smile Dental Group, PC",
    "Riverbend Builders Inc",
    "Golden Hour Media Co.",
    "Tallgrass Veterinary Clinic",
    "Summit Ridge Property Management",
    "Lantern Street Bakery LLC",
)
SERVICES = (
    "LedgerLine 1099 Services",
    "TrueNorth Bookkeeping",
    "ClearFile Payroll & Tax",
    "Abacus Row Accounting",
)
STATE_NAMES = {
    "NM": "New Mexico",
    "ND": "North Dakota",
    "TN": "Tennessee",
    "MN": "Minnesota",
    "OR": "Oregon",
    "IN": "Indiana",
    "MI": "Michigan",
    "CT": "Connecticut",
    "ID": "Idaho",
    "MS": "Mississippi",
    "TX": "Texas",
    "GA": "Georgia",
    "NJ": "New Jersey",
    "FL": "Florida",
    "UT": "Utah",
    "MA": "Massachusetts",
    "NV": "Nevada",
    "WA": "Washington",
    "NY": "New York",
    "CA": "California",
    "DE": "Delaware",
    "MO": "Missouri",
    "NC": "North Carolina",
}
AGENCY_PATTERNS = (
    "{s} Department of Labor",
    "{s} Employment Security Department",
    "{s} Department of Workforce Services",
    "{s} Unemployment Insurance Agency",
    "{s} Workforce Commission",
)
SECURITIES = (
    "VANGUARD TOTAL STK MKT IDX ADM",
    "APPLE INC",
    "JOHNSON & JOHNSON",
    "ISHARES CORE S&P 500 ETF",
    "SCHWAB US DIVIDEND EQUITY ETF",
    "PROCTER & GAMBLE CO",
    "MICROSOFT CORP",
    "FIDELITY GOVT MONEY MARKET",
    "COCA-COLA CO",
    "VERIZON COMMUNICATIONS",
    "US TREASURY BILL 0% 08/15",
    "PFIZER INC",
)


def _c(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high) * 100 + rng.randint(0, 99)


def _phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) {rng.randint(201, 989)}-{rng.randint(1000, 9999)}"


def _recipient(rng: random.Random) -> tuple[Person, str, Address]:
    return make_person(rng), ssn(rng), make_address(rng)


def _record(
    borrower: str, cents: int, year: int, source: str, payer: str, page: int
) -> dict[str, Any]:
    return {
        "borrower": borrower,
        "amount": amount(cents),
        "period": "annual",
        "year": year,
        "source_type": source,
        "employer": payer,
        "page": page,
    }


def _borrower(name: str, tin: str | None, address: Address | None) -> dict[str, Any]:
    return {
        "name": name,
        "ssn_last4": tin[-4:] if tin else None,
        "address": address_truth(address) if address else None,
    }


def _name_style(rng: random.Random) -> str:
    return rng.choice(("natural", "caps", "caps_last_first", "last_first"))


# --------------------------------------------------------------------------------------------
# Brokerage consolidated 1099
# --------------------------------------------------------------------------------------------


def _box_table(
    pen: Pen,
    x: float,
    y: float,
    w: float,
    title: str,
    rows: list[tuple[str, str, str]],
    size: float,
    band: float,
) -> float:
    """A titled ruled table of (box, caption, value) rows; returns the y below it."""
    pen.rect(x, y - size - 6, w, size + 6, 0.5, fill=band)
    pen.text(x + 4, y - size - 1, title, size, bold=True)
    y -= size + 6
    row_h = size + 5
    for box, caption, value in rows:
        pen.line(x, y - row_h, x + w, y - row_h, 0.3, gray=0.5)
        label = f"{box}  {caption}" if box else caption
        pen.fit(x + 4, y - row_h + 4, label, w - 90, size - 0.5)
        pen.text(x + w - 4, y - row_h + 4, value, size - 0.5, align="right")
        y -= row_h
    pen.line(x, y, x + w, y, 0.6)
    return y - 10


def _brokerage(rng: random.Random) -> WildDocument:
    year = rng.randint(2019, 2024)
    family = rng.choice(("Helvetica", "Times", "Helvetica"))
    size = rng.choice((7.5, 8.0, 8.5, 9.0))
    pen = Pen(family, size)
    fmt = money_style(rng)
    person, tin, addr = _recipient(rng)
    style = _name_style(rng)
    printed, truth = person_name(person, style)
    broker = rng.choice(BROKERS)
    broker_print = broker.upper() if rng.random() < 0.4 else broker
    baddr = business_address(rng)
    acct = digits(rng, rng.choice((8, 9, 10)))
    band = rng.choice((0.85, 0.9, 0.93))
    m = rng.choice((30.0, 36.0, 42.0))
    records: list[dict[str, Any]] = []

    # figures
    div_1a = _c(rng, 80, 9000) if rng.random() < 0.9 else 0
    div_1b = div_1a * rng.randint(50, 95) // 100
    div_2a = _c(rng, 10, 2500) if rng.random() < 0.5 else 0
    div_7 = _c(rng, 1, 90) if div_1a and rng.random() < 0.5 else 0
    int_1 = _c(rng, 5, 3000) if rng.random() < 0.75 or not div_1a else 0
    int_3 = _c(rng, 10, 800) if rng.random() < 0.3 else 0
    misc_box = rng.choice(("2", "3", "8")) if rng.random() < 0.35 else ""
    misc_amount = _c(rng, 15, 1800) if misc_box else 0
    withheld = _c(rng, 1, 200) if rng.random() < 0.2 else 0

    def header(page: int, pages: int) -> float:
        y = PAGE_H - 34
        pen.text(m, y, broker_print, size + 5, bold=True)
        pen.text(
            PAGE_W - m, y, f"{year} TAX REPORTING STATEMENT", size + 2, bold=True, align="right"
        )
        y -= size + 5
        pen.text(m, y, f"{baddr.street_line()}, {baddr.city_line()}", size - 0.5)
        pen.text(
            PAGE_W - m,
            y,
            f"Account Number: {masked_number(acct, 4, rng.randint(0, 1))}",
            size,
            align="right",
        )
        y -= size + 3
        pen.text(m, y, f"Customer Service: {_phone(rng)}", size - 0.5)
        pen.text(PAGE_W - m, y, f"Page {page} of {pages}", size - 0.5, align="right")
        y -= 6
        pen.line(m, y, PAGE_W - m, y, 1.2)
        return y - size - 8

    pages = 3 if rng.random() < 0.6 else 2
    y = header(1, pages)
    # payer / recipient blocks
    half = (PAGE_W - 2 * m) / 2
    top = y
    pen.text(m, y, "PAYER'S Name and Address", size - 0.5, bold=True)
    y -= size + 3
    for line in (broker_print, baddr.street_line(), baddr.city_line()):
        pen.text(m, y, line)
        y -= size + 2
    payer_tin = "XX-XXX" + ein(rng)[-4:] if rng.random() < 0.6 else ein(rng)
    pen.text(m, y, f"PAYER'S Federal ID Number: {payer_tin}")
    y2 = top
    pen.text(m + half, y2, "RECIPIENT'S Name and Address", size - 0.5, bold=True)
    y2 -= size + 3
    full_address = rng.random() < 0.85
    lines = [printed]
    if full_address:
        lines += [
            addr.street_line().upper() if style.startswith("caps") else addr.street_line(),
            addr.city_line(),
        ]
    else:
        lines += [f"{addr.city}, {addr.state}"]
    for line in lines:
        pen.text(m + half, y2, line)
        y2 -= size + 2
    pen.text(m + half, y2, f"RECIPIENT'S TIN: {masked_ssn(tin[-4:], rng.randint(0, 3))}")
    y = min(y, y2) - size - 12
    pen.wrap(
        m,
        y,
        PAGE_W - 2 * m,
        "This is important tax information and is being furnished to the Internal "
        "Revenue Service. If you are "
        "required to file a return, a negligence penalty or other sanction may be "
        "imposed on you if this income "
        "is taxable and the IRS determines that it has not been reported.",
        size - 1.5,
    )
    y -= 3 * size + 4
    col_w = (PAGE_W - 2 * m - 14) / 2
    div_rows = [
        ("1a", "Total Ordinary Dividends", fmt(div_1a)),
        ("1b", "Qualified Dividends", fmt(div_1b)),
        ("2a", "Total Capital Gain Distributions", fmt(div_2a)),
        ("2b", "Unrecap. Sec. 1250 Gain", fmt(0)),
        ("2c", "Section 1202 Gain", fmt(0)),
        ("2d", "Collectibles (28%) Gain", fmt(0)),
        ("3", "Nondividend Distributions", fmt(0)),
        ("4", "Federal Income Tax Withheld", fmt(withheld)),
        ("5", "Section 199A Dividends", fmt(div_1a // 20 if rng.random() < 0.3 else 0)),
        ("6", "Investment Expenses", fmt(0)),
        ("7", "Foreign Tax Paid", fmt(div_7)),
        ("8", "Foreign Country or U.S. Possession", "Various" if div_7 else ""),
        ("9", "Cash Liquidation Distributions", fmt(0)),
        ("12", "Exempt-Interest Dividends", fmt(0)),
    ]
    int_rows = [
        ("1", "Interest Income", fmt(int_1)),
        ("2", "Early Withdrawal Penalty", fmt(0)),
        ("3", "Interest on U.S. Savings Bonds & Treas. Obligations", fmt(int_3)),
        ("4", "Federal Income Tax Withheld", fmt(0)),
        ("5", "Investment Expenses", fmt(0)),
        ("6", "Foreign Tax Paid", fmt(0)),
        ("8", "Tax-Exempt Interest", fmt(0)),
        ("9", "Specified Private Activity Bond Interest", fmt(0)),
        ("10", "Market Discount", fmt(0)),
        ("11", "Bond Premium", fmt(0)),
        ("13", "Bond Premium on Tax-Exempt Bond", fmt(0)),
    ]
    div_title = f"{year} 1099-DIV* Dividends and Distributions  (OMB No. 1545-0110)"
    int_title = f"{year} 1099-INT* Interest Income  (OMB No. 1545-0112)"
    if rng.random() < 0.5:
        yl = _box_table(
            pen,
            m,
            y,
            col_w,
            div_title if size < 8.5 else "1099-DIV  Dividends and Distributions",
            div_rows,
            size,
            band,
        )
        yr = _box_table(
            pen,
            m + col_w + 14,
            y,
            col_w,
            int_title if size < 8.5 else "1099-INT  Interest Income",
            int_rows,
            size,
            band,
        )
        y = min(yl, yr)
        int_page = div_page = 1
    else:
        y = _box_table(pen, m, y, PAGE_W - 2 * m, div_title, div_rows, size, band)
        div_page = 1
        int_page = 1
        y = _box_table(pen, m, y, PAGE_W - 2 * m, int_title, int_rows, size, band)
    pen.text(
        m,
        30,
        "* This is important tax information and is being furnished to the IRS. Copy B "
        "for recipient.",
        size - 2,
        gray=0.3,
    )
    if pen.page == 1:
        pen.new_page()
        y = header(2, pages)
    misc_page = pen.page
    if misc_box or rng.random() < 0.5:
        misc_rows = [
            ("2", "Royalties", fmt(misc_amount if misc_box == "2" else 0)),
            ("3", "Other Income", fmt(misc_amount if misc_box == "3" else 0)),
            ("4", "Federal Income Tax Withheld", fmt(0)),
            (
                "8",
                "Substitute Payments in Lieu of Dividends or Interest",
                fmt(misc_amount if misc_box == "8" else 0),
            ),
        ]
        y = _box_table(
            pen,
            m,
            y,
            PAGE_W - 2 * m,
            f"{year} 1099-MISC* Miscellaneous Information  (OMB No. 1545-0115)",
            misc_rows,
            size,
            band,
        )
    # 1099-B summary: its total proceeds are the 1099-B's income (as the other generators label it)
    b_page = pen.page
    pen.rect(m, y - size - 6, PAGE_W - 2 * m, size + 6, 0.5, fill=band)
    pen.text(
        m + 4,
        y - size - 1,
        f"{year} 1099-B* Summary of Proceeds, Gains & Losses, Adjustments and Withholding",
        size,
        bold=True,
    )
    y -= size + 6 + size + 6
    cols = (
        "Term / Form 8949 box",
        "Proceeds",
        "Cost Basis",
        "Market Discount",
        "Wash Sale Loss Disallowed",
        "Realized Gain or (Loss)",
    )
    xs = [m + 4] + [
        m + 150 + i * (PAGE_W - 2 * m - 150) / 5 + (PAGE_W - 2 * m - 150) / 5 - 6 for i in range(5)
    ]
    for i, colname in enumerate(cols):
        pen.fit(
            xs[i],
            y,
            colname,
            90 if i else 140,
            size - 1,
            bold=True,
            align="left" if i == 0 else "right",
        )
    y -= size + 5
    tot = [0, 0, 0, 0, 0]
    for term in (
        "Short-term (Box A) basis reported",
        "Short-term (Box B) basis not reported",
        "Long-term (Box D) basis reported",
        "Long-term (Box E) basis not reported",
    ):
        if rng.random() < 0.35:
            continue
        proceeds = _c(rng, 500, 60000)
        cost = proceeds + rng.randint(-proceeds // 3, proceeds // 4)
        wash = _c(rng, 5, 300) if rng.random() < 0.2 else 0
        gain = proceeds - cost + wash
        vals = [proceeds, cost, 0, wash, gain]
        tot = [a + b for a, b in zip(tot, vals, strict=True)]
        pen.text(xs[0], y, term, size - 0.5)
        for i, val in enumerate(vals):
            pen.text(xs[i + 1], y, fmt(val), size - 0.5, align="right")
        y -= size + 4
    pen.line(m, y + size, PAGE_W - m, y + size, 0.5)
    pen.text(xs[0], y, "Total", size - 0.5, bold=True)
    for i, val in enumerate(tot):
        pen.text(xs[i + 1], y, fmt(val), size - 0.5, align="right", bold=True)
    y -= size * 3
    pen.wrap(
        m,
        y,
        PAGE_W - 2 * m,
        "Proceeds are reported to the IRS gross of commissions. Basis for covered "
        "securities is reported to the IRS; basis for noncovered securities is provided "
        "for your information only and is not reported to the IRS.",
        size - 1.5,
    )
    if pages == 3:
        pen.new_page()
        y = header(3, 3)
        pen.text(m, y, "Detail for Dividends and Distributions", size + 1, bold=True)
        y -= size + 8
        for i, colname in enumerate(
            ("Security description", "CUSIP", "Date paid", "Ordinary dividends", "Qualified")
        ):
            pen.text(
                (m, m + 230, m + 310, PAGE_W - m - 90, PAGE_W - m)[i],
                y,
                colname,
                size - 0.5,
                bold=True,
                align="left" if i < 3 else "right",
            )
        y -= size + 4
        remaining = div_1a
        picks = rng.sample(SECURITIES, rng.randint(3, 6))
        for j, sec in enumerate(picks):
            share = remaining if j == len(picks) - 1 else remaining * rng.randint(10, 40) // 100
            remaining -= share
            pen.text(m, y, sec, size - 0.5)
            pen.text(m + 230, y, digits(rng, 9)[:8] + rng.choice("0123456789"), size - 0.5)
            pen.text(
                m + 310, y, date_text(0, year, rng.randint(1, 12), rng.randint(1, 28)), size - 0.5
            )
            pen.text(PAGE_W - m - 90, y, fmt(share), size - 0.5, align="right")
            pen.text(
                PAGE_W - m, y, fmt(share * div_1b // max(1, div_1a)), size - 0.5, align="right"
            )
            y -= size + 4
        pen.line(m, y + size, PAGE_W - m, y + size, 0.5)
        pen.text(m, y, "Total Dividends & Distributions", size - 0.5, bold=True)
        pen.text(PAGE_W - m - 90, y, fmt(div_1a), size - 0.5, bold=True, align="right")
    if div_1a:
        records.append(_record(truth, div_1a, year, "1099_div", broker_print, div_page))
    if int_1:
        records.append(_record(truth, int_1, year, "1099_int", broker_print, int_page))
    if misc_amount:
        records.append(_record(truth, misc_amount, year, "1099_misc", broker_print, misc_page))
    if tot[0]:
        records.append(_record(truth, tot[0], year, "1099_b", broker_print, b_page))
    return WildDocument(
        pen.pdf(),
        "form_1099",
        [_borrower(truth, tin, addr if full_address else None)],
        records,
        [],
        notes=(
            f"Brokerage consolidated Form 1099 ({year}) from {broker}: DIV/INT box tables"
            + (f", 1099-MISC box {misc_box}" if misc_box else "")
            + "; 1099-B: the summary's total proceeds; distractors: 1b qualified, 2a cap gain "
            "distributions, INT box 3, 1099-B cost/gain, per-security dividend detail and its "
            "total, masked account and payer TIN"
        ),
        text_size=size,
    )


# --------------------------------------------------------------------------------------------
# SSA-1099
# --------------------------------------------------------------------------------------------


def _ssa(rng: random.Random) -> WildDocument:
    year = rng.randint(2019, 2024)
    size = rng.choice((8.0, 8.5, 9.0, 9.5))
    family = rng.choice(("Helvetica", "Courier", "Times"))
    pen = Pen(family, size)
    fmt = MoneyStyle(rng.random() < 0.7, True)
    person, tin, addr = _recipient(rng)
    printed = person.natural(initial=True).replace(".", "").upper()
    truth = person.truth(initial=True)
    monthly = rng.randint(900, 3400) * 100 + rng.choice((0, 0, rng.randint(1, 9) * 10))
    months = 12 if rng.random() < 0.8 else rng.randint(4, 11)
    part_b = {2019: 13550, 2020: 14460, 2021: 14850, 2022: 17010, 2023: 16490, 2024: 17470}[year]
    medicare = rng.random() < 0.7
    part_d = rng.randint(1500, 7500) if rng.random() < 0.3 else 0
    paid_net = (monthly - (part_b if medicare else 0) - part_d) * months
    box3 = monthly * months
    box4 = rng.randint(200, 3000) * 100 if rng.random() < 0.2 else 0
    box5 = box3 - box4
    box6 = monthly * months // 10 // 100 * 100 if rng.random() < 0.25 else 0
    m = rng.choice((36.0, 44.0, 54.0))
    w = PAGE_W - 2 * m
    y = PAGE_H - 44
    pen.rect(m, y - 38, w, 46, 1.0)
    pen.text(
        m + 8, y - 8, "FORM SSA-1099 \u2013 SOCIAL SECURITY BENEFIT STATEMENT", size + 2, bold=True
    )
    pen.text(PAGE_W - m - 8, y - 10, str(year), size + 10, bold=True, align="right")
    pen.text(
        m + 8,
        y - 24,
        "\u2022 PART OF YOUR SOCIAL SECURITY BENEFITS SHOWN IN BOX 5 MAY BE TAXABLE INCOME.",
        size - 1,
    )
    pen.text(m + 8, y - 34, "\u2022 SEE THE REVERSE FOR MORE INFORMATION.", size - 1)
    y -= 50
    half = w * 0.62
    box_h = 30.0
    pen.rect(m, y - box_h, half, box_h, 0.6)
    pen.text(m + 4, y - size - 1, "Box 1. Name", size - 1, bold=True)
    pen.text(m + 10, y - box_h + 6, printed, size + 0.5)
    pen.rect(m + half, y - box_h, w - half, box_h, 0.6)
    pen.text(
        m + half + 4,
        y - size - 1,
        "Box 2. Beneficiary's Social Security Number",
        size - 1,
        bold=True,
    )
    tin_text = masked_ssn(tin[-4:], 0) if rng.random() < 0.6 else tin
    pen.text(m + half + 10, y - box_h + 6, tin_text, size + 0.5)
    y -= box_h
    third = w / 3
    for i, (lab, val) in enumerate(
        (
            (f"Box 3. Benefits Paid in {year}", box3),
            (f"Box 4. Benefits Repaid to SSA in {year}", box4),
            (f"Box 5. Net Benefits for {year} (Box 3 minus Box 4)", box5),
        )
    ):
        x = m + i * third
        pen.rect(x, y - box_h - 4, third, box_h + 4, 0.6)
        pen.fit(x + 4, y - size - 1, lab, third - 8, size - 1, bold=True)
        pen.text(
            x + third - 8,
            y - box_h + 2,
            fmt(val) if val or i != 1 else "NONE",
            size + 1,
            align="right",
        )
    y -= box_h + 4
    box_h2 = 150.0
    pen.rect(m, y - box_h2, w / 2, box_h2, 0.6)
    pen.rect(m + w / 2, y - box_h2, w / 2, box_h2, 0.6)
    pen.text(m + 4, y - size - 2, "DESCRIPTION OF AMOUNT IN BOX 3", size - 0.5, bold=True)
    pen.text(m + w / 2 + 4, y - size - 2, "DESCRIPTION OF AMOUNT IN BOX 4", size - 0.5, bold=True)
    yy = y - 2 * size - 8
    desc3: list[tuple[str, int]] = [("Paid by check or direct deposit", paid_net)]
    if medicare:
        desc3.append(("Medicare Part B premiums deducted from your benefits", part_b * months))
    if part_d:
        desc3.append(
            ("Medicare prescription drug premiums deducted from your benefits", part_d * months)
        )
    desc3.append(("Total Additions", box3))
    desc3.append((f"Benefits for {year}", box3))
    for lab, val in desc3:
        yy = pen.wrap(m + 6, yy, w / 2 - 80, lab, size - 1)
        pen.text(m + w / 2 - 6, yy + size * 1.22, fmt(val), size - 1, align="right")
        yy -= 2
    yy = y - 2 * size - 8
    if box4:
        for lab, val in ((f"Benefits for {year - 1} repaid in {year}", box4), ("Total", box4)):
            yy = pen.wrap(m + w / 2 + 6, yy, w / 2 - 80, lab, size - 1)
            pen.text(PAGE_W - m - 6, yy + size * 1.22, fmt(val), size - 1, align="right")
            yy -= 2
    else:
        pen.text(m + w / 2 + 6, yy, "NONE", size - 1)
    y -= box_h2
    pen.rect(m, y - box_h, w / 2, box_h, 0.6)
    pen.text(
        m + 4, y - size - 1, "Box 6. Voluntary Federal Income Tax Withheld", size - 1, bold=True
    )
    pen.text(m + w / 2 - 8, y - box_h + 6, fmt(box6) if box6 else "NONE", size, align="right")
    claim = (
        masked_ssn(tin[-4:], 0) + rng.choice(("A", "B", "D", "C1", "B6"))
        if rng.random() < 0.7
        else tin + "A"
    )
    addr_h = 60.0
    pen.rect(m + w / 2, y - addr_h, w / 2, addr_h, 0.6)
    pen.text(m + w / 2 + 4, y - size - 1, "Box 7. Address", size - 1, bold=True)
    ay = y - 2 * size - 5
    for line in (printed, addr.street_line().upper(), addr.city_line().upper()):
        pen.text(m + w / 2 + 10, ay, line, size)
        ay -= size + 3
    y -= box_h
    pen.rect(m, y - (addr_h - box_h), w / 2, addr_h - box_h, 0.6)
    pen.text(
        m + 4,
        y - size - 1,
        "Box 8. Claim Number (Use this number if you need to contact SSA.)",
        size - 1.5,
        bold=True,
    )
    pen.text(m + 10, y - addr_h + box_h + 6, claim, size)
    y -= addr_h - box_h + 14
    pen.text(m, y, f"Form SSA-1099-SM (1-{year + 1})", size - 1, bold=True)
    pen.text(
        PAGE_W - m, y, "DO NOT RETURN THIS FORM TO SSA OR IRS", size - 1, bold=True, align="right"
    )
    y -= size * 3
    if rng.random() < 0.6:
        y = pen.wrap(
            m,
            y,
            w,
            f"Your {year} benefits: the amount in Box 5 is the total of your net benefits "
            f"for {year}. If you "
            "received benefits for more than one person, this form shows only your own. "
            "Medicare premiums "
            "shown above were deducted before your payments were made and are included in Box 3.",
            size - 1,
        )
    pen.text(PAGE_W / 2, 40, "Social Security Administration", size - 1, align="center", gray=0.3)
    back = rng.random() < 0.5
    if back:
        pen.new_page()
        y = PAGE_H - 60
        pen.text(m, y, "Information About Your Form SSA-1099", size + 2, bold=True)
        y -= size * 2
        for para in (
            "Use the worksheet in IRS Publication 915 to find out if any of your "
            "benefits are taxable. Generally, "
            "up to 85% of your benefits may be taxable if your income plus half of your "
            "benefits exceeds a base amount.",
            f"If you had Medicare premiums deducted from your benefits in {year}, you may "
            "be able to deduct them as "
            "medical expenses on Schedule A.",
            "If you think the information on this form is wrong, contact us. Have your "
            "claim number ready. You can "
            "also get a replacement form online with a my Social Security account.",
            "Box 6 shows the total voluntary federal income tax withheld from your "
            f"benefits in {year}. Include "
            "this amount on your income tax return as tax withheld.",
        ):
            y = pen.wrap(m, y, w, para, size - 0.5)
            y -= size
    return WildDocument(
        pen.pdf(),
        "form_1099",
        [_borrower(truth, tin, addr)],
        [_record(truth, box5, year, "ssa_1099", "Social Security Administration", 1)],
        [],
        notes=(
            f"SSA-1099 benefit statement ({year}): box 5 net benefits; distractors: box 3 "
            "benefits paid, "
            "box 4 repaid, Medicare Part B/D premiums, paid by direct deposit, box 6 "
            "withholding, claim number" + ("; reverse-side information page" if back else "")
        ),
        text_size=size,
    )


# --------------------------------------------------------------------------------------------
# 1099-R from a pension / annuity administrator
# --------------------------------------------------------------------------------------------


def _grid_box(
    pen: Pen, x: float, y: float, w: float, h: float, caption: str, value: str, size: float
) -> float:
    """A caption-in-corner box; returns the baseline for content below the caption."""
    pen.rect(x, y - h, w, h, 0.5)
    yy = y - size
    for part in caption.split("\n"):
        pen.fit(x + 3, yy, part, w - 6, size - 1.5)
        yy -= size - 0.5
    if value:
        pen.fit(x + w - 5, y - h + 4, value, w - 10, size + 0.5, align="right")
    return yy - size * 0.6


def _pension(rng: random.Random) -> WildDocument:
    year = rng.randint(2019, 2024)
    family = rng.choice(("Helvetica", "Times", "Courier"))
    size = rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
    pen = Pen(family, size)
    fmt = money_style(rng)
    person, tin, addr = _recipient(rng)
    style = _name_style(rng)
    printed, truth = person_name(person, style, initial=rng.random() < 0.7)
    payer = rng.choice(PENSION_PAYERS)
    admin = rng.choice(ADMINISTRATORS)
    paddr = business_address(rng)
    monthly = rng.randint(600, 5200) * 100 + rng.choice((0, 0, rng.randint(1, 99)))
    months = 12
    gross = monthly * months
    contrib = rng.randint(50, 400) * 100 if rng.random() < 0.5 else 0
    taxable = gross - contrib
    fed_month = monthly * rng.randint(5, 15) // 100
    state_month = monthly * rng.randint(0, 5) // 100
    health = rng.choice((0, 0, rng.randint(80, 650) * 100))
    m = rng.choice((36.0, 44.0, 54.0))
    w = PAGE_W - 2 * m
    y = PAGE_H - 48
    pen.text(m, y, payer, size + 5, bold=True)
    y -= size + 6
    pen.text(m, y, admin, size + 1, italic=True)
    y -= size + 3
    pen.text(
        m,
        y,
        f"P.O. Box {rng.randint(100, 99999)}  \u2022  {paddr.city_line()}  \u2022  {_phone(rng)}",
        size - 0.5,
    )
    pen.text(
        PAGE_W - m, PAGE_H - 48, f"{year} Annual Tax Statement", size + 2, bold=True, align="right"
    )
    member = digits(rng, 9)
    pen.text(
        PAGE_W - m,
        PAGE_H - 48 - size - 6,
        f"Member ID: {masked_number(member, 4, 1)}",
        size,
        align="right",
    )
    y -= 10
    pen.line(m, y, PAGE_W - m, y, 1.0)
    y -= size * 2.5
    full_address = rng.random() < 0.9
    for line in [printed] + ([addr.street_line(), addr.city_line()] if full_address else []):
        pen.text(m + 20, y, line.upper() if style.startswith("caps") else line, size + 0.5)
        y -= size + 3
    y -= size
    y = pen.wrap(
        m,
        y,
        w,
        f"Enclosed is your {year} Form 1099-R, Distributions From Pensions, Annuities, "
        "Retirement or "
        "Profit-Sharing Plans, IRAs, Insurance Contracts, etc. The amounts below reflect "
        "the pension and annuity "
        f"payments issued to you during calendar year {year}. A copy of this information "
        "is furnished to the "
        "Internal Revenue Service.",
        size,
    )
    y -= size
    # payment history (distractor)
    history = rng.random() < 0.7
    if history:
        pen.text(m, y, "Payment History", size + 1, bold=True)
        y -= size + 6
        headers = ("Pay date", "Gross", "Federal tax", "State tax", "Deductions", "Net payment")
        xs = [m] + [m + 80 + i * (w - 80) / 5 + (w - 80) / 5 - 4 for i in range(5)]
        for i, head in enumerate(headers):
            pen.text(xs[i], y, head, size - 0.5, bold=True, align="left" if i == 0 else "right")
        y -= 3
        pen.line(m, y, PAGE_W - m, y, 0.5)
        y -= size + 2
        rows = (
            rng.sample(range(1, 13), rng.choice((3, 4, 12)))
            if rng.random() < 0.3
            else list(range(1, 13))
        )
        rows.sort()
        for month in rows:
            vals = (
                monthly,
                fed_month,
                state_month,
                health // 12,
                monthly - fed_month - state_month - health // 12,
            )
            pen.text(xs[0], y, date_text(0, year, month, 1), size - 0.5)
            for i, val in enumerate(vals):
                pen.text(xs[i + 1], y, fmt(val), size - 0.5, align="right")
            y -= size + 2.5
        if len(rows) == 12:
            pen.line(m, y + size, PAGE_W - m, y + size, 0.4)
            totals = (
                gross,
                fed_month * 12,
                state_month * 12,
                health // 12 * 12,
                (monthly - fed_month - state_month - health // 12) * 12,
            )
            pen.text(xs[0], y, "Year total", size - 0.5, bold=True)
            for i, val in enumerate(totals):
                pen.text(xs[i + 1], y, fmt(val), size - 0.5, bold=True, align="right")
            y -= size + 2.5
        else:
            pen.text(
                xs[0],
                y,
                "(partial history shown; see box 1 for the year's total)",
                size - 1.5,
                italic=True,
            )
            y -= size + 2
        y -= size
    if y < 330:
        pen.new_page()
        y = PAGE_H - 50
    form_page = pen.page
    # the 1099-R grid
    pen.text(m, y, "Form 1099-R", size + 3, bold=True)
    pen.text(m + 100, y, "Copy B \u2014 Report this income on your federal tax return.", size - 0.5)
    pen.text(PAGE_W - m, y, f"Calendar year {year}", size, bold=True, align="right")
    y -= 8
    left_w = w * 0.45
    rw = (w - left_w) / 3
    h = 34.0
    payer_tin = "**-***" + ein(rng)[-4:] if rng.random() < 0.6 else ein(rng)
    py = _grid_box(
        pen,
        m,
        y,
        left_w,
        h * 2,
        "PAYER'S name, street address, city or town, state or province,\ncountry, ZIP or "
        "foreign postal code, and telephone no.",
        "",
        size,
    )
    for line in (payer, f"P.O. Box {rng.randint(100, 99999)}", paddr.city_line()):
        pen.fit(m + 6, py, line, left_w - 12, size)
        py -= size + 1.5
    code = rng.choice(("7", "7", "7", "2", "4", "3"))
    code_desc = {
        "7": "Normal distribution",
        "2": "Early distribution, exception applies",
        "4": "Death",
        "3": "Disability",
    }
    right = [
        ("1 Gross distribution", fmt(gross)),
        ("2a Taxable amount", fmt(taxable)),
        ("2b Taxable amount\nnot determined", ""),
        ("3 Capital gain (included\nin box 2a)", fmt(0)),
        ("4 Federal income tax\nwithheld", fmt(fed_month * 12)),
        ("5 Employee contributions/\nDesignated Roth contrib.", fmt(contrib)),
    ]
    for i, (cap, text) in enumerate(right):
        _grid_box(pen, m + left_w + (i % 3) * rw, y - (i // 3) * h, rw, h, cap, text, size)
    y -= 2 * h
    _grid_box(pen, m, y, left_w / 2, h, "PAYER'S TIN", payer_tin, size)
    _grid_box(
        pen,
        m + left_w / 2,
        y,
        left_w / 2,
        h,
        "RECIPIENT'S TIN",
        masked_ssn(tin[-4:], rng.randint(0, 3)),
        size,
    )
    more = [
        ("6 Net unrealized\nappreciation", ""),
        ("7 Distribution\ncode(s)   IRA/SEP/SIMPLE", code),
        ("8 Other", ""),
    ]
    for i, (cap, text) in enumerate(more):
        _grid_box(pen, m + left_w + i * rw, y, rw, h, cap, text, size)
    y -= h
    ry = _grid_box(
        pen, m, y, left_w, h * 2, "RECIPIENT'S name, street address (including apt. no.)", "", size
    )
    rlines = [printed] + (
        [addr.street_line(), addr.city_line()] if full_address else [f"{addr.city}, {addr.state}"]
    )
    for line in rlines:
        pen.fit(m + 6, ry, line, left_w - 12, size)
        ry -= size + 1.5
    more2 = [
        ("9a Your percentage of\ntotal distribution", "%"),
        ("9b Total employee\ncontributions", fmt(contrib * rng.randint(3, 10)) if contrib else ""),
        ("10 Amount allocable to\nIRR within 5 years", ""),
        ("14 State tax withheld", fmt(state_month * 12)),
        ("15 State/Payer's state no.", f"{addr.state}/{digits(rng, 7)}"),
        ("16 State distribution", fmt(gross)),
    ]
    for i, (cap, text) in enumerate(more2):
        _grid_box(pen, m + left_w + (i % 3) * rw, y - (i // 3) * h, rw, h, cap, text, size)
    y -= 2 * h
    _grid_box(
        pen, m, y, left_w, h, "Account number (see instructions)", masked_number(member, 4, 0), size
    )
    _grid_box(pen, m + left_w, y, rw, h, "13 Date of payment", "", size)
    _grid_box(pen, m + left_w + rw, y, rw, h, "17 Local tax withheld", "", size)
    _grid_box(pen, m + left_w + 2 * rw, y, rw, h, "19 Local distribution", "", size)
    y -= h + size + 4
    pen.text(m, y, f"Distribution code {code}: {code_desc[code]}.", size - 0.5)
    y -= size + 4
    pen.wrap(
        m,
        y,
        w,
        "This information is being furnished to the IRS. If you are required to file a "
        "return, a negligence penalty or other sanction may be imposed on you if this "
        "income is taxable and the IRS determines that it has not been reported.",
        size - 1.5,
    )
    return WildDocument(
        pen.pdf(),
        "form_1099",
        [_borrower(truth, tin, addr if full_address else None)],
        [_record(truth, gross, year, "1099_r", payer, form_page)],
        [],
        notes=(
            f"Pension administrator's {year} 1099-R tax statement ({payer}): box 1 gross "
            "distribution; "
            "distractors: 2a taxable amount, box 4/14 withholding, box 5 contributions, "
            "distribution code, "
            + ("monthly payment history with gross/net columns and totals, " if history else "")
            + "member ID and masked account"
        ),
        text_size=size,
    )


# --------------------------------------------------------------------------------------------
# State 1099-G (unemployment)
# --------------------------------------------------------------------------------------------


def _state_g(rng: random.Random) -> WildDocument:
    year = rng.randint(2019, 2024)
    family = rng.choice(("Helvetica", "Times", "Courier"))
    size = rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
    pen = Pen(family, size)
    fmt = money_style(rng)
    person, tin, addr = _recipient(rng)
    style = _name_style(rng)
    printed, truth = person_name(person, style)
    state = addr.state if addr.state in STATE_NAMES else "OR"
    agency = rng.choice(AGENCY_PATTERNS).format(s=STATE_NAMES[state])
    agency_print = agency.upper() if rng.random() < 0.3 else agency
    weekly = rng.randint(180, 820) * 100 + rng.choice((0, 0, 50))
    weeks = rng.randint(4, 26)
    box1 = weekly * weeks
    fed = weekly * weeks // 10 if rng.random() < 0.5 else 0
    st_wh = weekly * weeks * rng.randint(0, 5) // 100
    box2 = _c(rng, 40, 1400) if rng.random() < 0.3 else 0
    claimant = digits(rng, 8)
    m = rng.choice((40.0, 50.0, 60.0))
    w = PAGE_W - 2 * m
    y = PAGE_H - 50
    pen.text(PAGE_W / 2, y, agency_print, size + 4, bold=True, align="center")
    y -= size + 5
    pen.text(
        PAGE_W / 2,
        y,
        f"Unemployment Insurance Division  \u2022  {_phone(rng)}",
        size - 0.5,
        align="center",
    )
    y -= 8
    pen.line(m, y, PAGE_W - m, y, 1.2)
    y -= size * 2.2
    pen.text(m, y, f"{year} Form 1099-G \u2014 Certain Government Payments", size + 2, bold=True)
    pen.text(
        PAGE_W - m,
        y,
        f"Claimant ID: {masked_number(claimant, 4, rng.randint(0, 1))}",
        size,
        align="right",
    )
    y -= size * 2
    full_address = True
    for line in (printed, addr.street_line(), addr.city_line()):
        pen.text(m + 10, y, line.upper() if style.startswith("caps") else line)
        y -= size + 3
    y -= size
    y = pen.wrap(
        m,
        y,
        w,
        f"This statement reports the unemployment compensation paid to you in {year}. "
        "Unemployment benefits are "
        "taxable income and must be reported on your federal income tax return. This "
        "information is being "
        "furnished to the Internal Revenue Service.",
        size,
    )
    y -= size
    # the box grid
    form_page = pen.page
    col_l = w * 0.46
    rw = (w - col_l) / 2
    h = 32.0
    py = _grid_box(
        pen,
        m,
        y,
        col_l,
        h * 2,
        "PAYER'S name, street address, city or town, state or province,\ncountry, ZIP or "
        "foreign postal code, and telephone no.",
        "",
        size,
    )
    for line in (
        agency_print,
        f"PO Box {rng.randint(100, 99999)}",
        f"{addr.city}, {state} {addr.zip[:3]}{rng.randint(1, 99):02d}",
    ):
        pen.fit(m + 6, py, line, col_l - 12, size)
        py -= size + 1.5
    grid = [
        ("1 Unemployment compensation", fmt(box1)),
        ("2 State or local income tax\nrefunds, credits, or offsets", fmt(box2)),
        ("3 Box 2 amount is for tax year", str(year - 1) if box2 else ""),
        ("4 Federal income tax withheld", fmt(fed)),
    ]
    for i, (cap, text) in enumerate(grid):
        _grid_box(pen, m + col_l + (i % 2) * rw, y - (i // 2) * h, rw, h, cap, text, size)
    y -= 2 * h
    _grid_box(pen, m, y, col_l / 2, h, "PAYER'S TIN", "**-***" + digits(rng, 4), size)
    _grid_box(
        pen,
        m + col_l / 2,
        y,
        col_l / 2,
        h,
        "RECIPIENT'S TIN",
        masked_ssn(tin[-4:], rng.randint(0, 3)),
        size,
    )
    for i, (cap, text) in enumerate((("5 RTAA payments", fmt(0)), ("6 Taxable grants", fmt(0)))):
        _grid_box(pen, m + col_l + i * rw, y, rw, h, cap, text, size)
    y -= h
    ry = _grid_box(
        pen,
        m,
        y,
        col_l,
        h * 2,
        "RECIPIENT'S name, street address (including apt. no.), city, state, ZIP",
        "",
        size,
    )
    for line in (printed, f"{addr.street_line()}, {addr.city_line()}"):
        pen.fit(m + 6, ry, line, col_l - 12, size)
        ry -= size + 1.5
    for i, (cap, text) in enumerate(
        (
            ("7 Agriculture payments", fmt(0)),
            ("8 If checked, box 2 is\ntrade or business income", ""),
            ("9 Market gain", ""),
            ("10a State  10b State ID no.", f"{state}  {digits(rng, 6)}"),
        )
    ):
        _grid_box(pen, m + col_l + (i % 2) * rw, y - (i // 2) * h, rw, h, cap, text, size)
    y -= 2 * h
    _grid_box(
        pen,
        m,
        y,
        col_l,
        h,
        "Account number (see instructions)",
        masked_number(claimant, 4, 0),
        size,
    )
    _grid_box(pen, m + col_l, y, rw * 2, h, "11 State income tax withheld", fmt(st_wh), size)
    y -= h + size * 2
    # weekly payments (distractor)
    if rng.random() < 0.65 and y > 200:
        pen.text(m, y, "Benefit Payment Summary", size + 1, bold=True)
        y -= size + 5
        pen.text(m, y, f"Weekly benefit amount: {fmt(weekly)}", size)
        pen.text(m + w / 2, y, f"Weeks paid in {year}: {weeks}", size)
        y -= size + 4
        quarters: dict[int, int] = {}
        left = weeks
        for q in range(1, 5):
            take = left if q == 4 else min(left, rng.randint(0, 13))
            left -= take
            quarters[q] = take
        for q, n in quarters.items():
            pen.text(m + 10, y, f"Quarter {q}: {n} week(s)", size - 0.5)
            pen.text(m + w / 2, y, fmt(n * weekly), size - 0.5, align="right")
            y -= size + 3
        y -= size
    if y > 120:
        pen.wrap(
            m,
            y,
            w,
            "If you did not receive unemployment benefits, or believe this information "
            "is incorrect, contact "
            "the agency immediately: you may be a victim of identity theft. Repayments "
            "of an overpayment made "
            f"in {year} are subtracted from box 1.",
            size - 1,
        )
    return WildDocument(
        pen.pdf(),
        "form_1099",
        [_borrower(truth, tin, addr if full_address else None)],
        [_record(truth, box1, year, "1099_g", agency_print, form_page)],
        [],
        notes=(
            f"State unemployment 1099-G ({year}) from {agency}: box 1; distractors: box 2 "
            "state refunds "
            f"({'non-zero' if box2 else 'zero'}), box 4/11 withholding, weekly benefit "
            "amount and quarterly "
            "summary, masked claimant ID"
        ),
        text_size=size,
    )


# --------------------------------------------------------------------------------------------
# Accounting-service substitute 1099-NEC, two copies to a page
# --------------------------------------------------------------------------------------------


def _nec(rng: random.Random) -> WildDocument:
    year = rng.randint(2020, 2024)
    family = rng.choice(("Helvetica", "Courier", "Times"))
    size = rng.choice((8.0, 8.5, 9.0))
    pen = Pen(family, size)
    fmt = money_style(rng)
    person, tin, addr = _recipient(rng)
    style = _name_style(rng)
    printed, truth = person_name(person, style, initial=rng.random() < 0.8)
    payer = rng.choice(SMALL_PAYERS)
    service = rng.choice(SERVICES)
    paddr = business_address(rng)
    phone = _phone(rng)
    box1 = _c(rng, 650, 68000)
    fed = box1 * 24 // 100 if rng.random() < 0.1 else 0
    st_wh = box1 * rng.randint(0, 4) // 100
    payer_tin = "XX-XXX" + ein(rng)[-4:]
    recip_tin = masked_ssn(tin[-4:], rng.randint(0, 3))
    acct = digits(rng, 6) if rng.random() < 0.5 else ""
    state_no = f"{paddr.state} {digits(rng, 6)}"
    m = rng.choice((30.0, 36.0, 44.0))
    w = PAGE_W - 2 * m
    grid = rng.random() < 0.5
    copies = (
        ("Copy B", "For Recipient"),
        ("Copy 2", "To be filed with recipient's state income tax return, when required"),
    )
    if rng.random() < 0.3:
        copies = (("Copy B", "For Recipient"), ("Copy B", "For Recipient"))
    half_h = (PAGE_H - 60) / 2
    for n, (copy, purpose) in enumerate(copies):
        top = PAGE_H - 30 - n * half_h
        y = top
        pen.text(m, y - size, f"{copy}", size + 3, bold=True)
        pen.text(m + 60, y - size, purpose, size - 0.5)
        pen.text(PAGE_W - m, y - size, f"Form 1099-NEC  {year}", size + 3, bold=True, align="right")
        pen.text(
            PAGE_W - m,
            y - 2 * size - 4,
            "Nonemployee Compensation  (Substitute form)",
            size - 1,
            align="right",
        )
        y -= 2 * size + 12
        left_w = w * 0.5
        if grid:
            h = 30.0
            py = _grid_box(
                pen,
                m,
                y,
                left_w,
                h * 2,
                "PAYER'S name, street address, city or town, state or province, "
                "country,\nZIP or foreign postal code, and telephone no.",
                "",
                size,
            )
            for line in (payer, paddr.street_line(), f"{paddr.city_line()}   {phone}"):
                pen.fit(m + 6, py, line, left_w - 12, size)
                py -= size + 1.5
            rw = w - left_w
            _grid_box(pen, m + left_w, y, rw, h, "1 Nonemployee compensation", fmt(box1), size)
            _grid_box(
                pen,
                m + left_w,
                y - h,
                rw,
                h,
                "2 Payer made direct sales totaling $5,000 or more of consumer\nproducts "
                "to recipient for resale",
                "",
                size,
            )
            checkbox(pen, PAGE_W - m - 16, y - 2 * h + 4, False, 7)
            y -= 2 * h
            _grid_box(pen, m, y, left_w / 2, h, "PAYER'S TIN", payer_tin, size)
            _grid_box(pen, m + left_w / 2, y, left_w / 2, h, "RECIPIENT'S TIN", recip_tin, size)
            _grid_box(
                pen,
                m + left_w,
                y,
                rw,
                h,
                "3 Excess golden parachute payments" if year >= 2022 else "3",
                fmt(0) if year >= 2022 else "",
                size,
            )
            y -= h
            ry = _grid_box(
                pen,
                m,
                y,
                left_w,
                h * 2,
                "RECIPIENT'S name, street address (including apt. no.), city or town, state, ZIP",
                "",
                size,
            )
            for line in (printed, addr.street_line(), addr.city_line()):
                pen.fit(m + 6, ry, line, left_w - 12, size)
                ry -= size + 1.5
            _grid_box(pen, m + left_w, y, rw, h, "4 Federal income tax withheld", fmt(fed), size)
            third = rw / 3
            _grid_box(pen, m + left_w, y - h, third, h, "5 State tax withheld", fmt(st_wh), size)
            _grid_box(
                pen,
                m + left_w + third,
                y - h,
                third,
                h,
                "6 State/Payer's state no.",
                state_no,
                size,
            )
            _grid_box(
                pen, m + left_w + 2 * third, y - h, third, h, "7 State income", fmt(box1), size
            )
            y -= 2 * h
            _grid_box(pen, m, y, left_w, h, "Account number (see instructions)", acct, size)
            y -= h
        else:
            # key/value block substitute
            yl = y
            for lab, lines in (
                (
                    "PAYER",
                    [
                        payer,
                        paddr.street_line(),
                        paddr.city_line(),
                        f"Tel. {phone}",
                        f"Federal ID: {payer_tin}",
                    ],
                ),
                (
                    "RECIPIENT",
                    [printed, addr.street_line(), addr.city_line(), f"Recipient's TIN: {recip_tin}"]
                    + ([f"Account no.: {acct}"] if acct else []),
                ),
            ):
                pen.text(m, yl, lab, size, bold=True)
                yl -= size + 3
                for line in lines:
                    pen.text(m + 10, yl, line, size)
                    yl -= size + 2
                yl -= size
            yr = y
            x0 = m + left_w + 10
            rows = [
                ("Box 1", "Nonemployee compensation", fmt(box1)),
                ("Box 2", "Direct sales of $5,000 or more", "No"),
                ("Box 4", "Federal income tax withheld", fmt(fed)),
                ("Box 5", "State tax withheld", fmt(st_wh)),
                ("Box 6", "State / Payer's state no.", state_no),
                ("Box 7", "State income", fmt(box1)),
            ]
            if year >= 2022:
                rows.insert(2, ("Box 3", "Excess golden parachute payments", fmt(0)))
            pen.rect(x0, yr - size - 4, PAGE_W - m - x0, size + 6, 0.5, fill=0.9)
            pen.text(x0 + 4, yr - size, "Box", size, bold=True)
            pen.text(x0 + 44, yr - size, "Description", size, bold=True)
            pen.text(PAGE_W - m - 4, yr - size, "Amount", size, bold=True, align="right")
            yr -= size + 4
            for box, desc, val in rows:
                yr -= size + 5
                pen.text(x0 + 4, yr + 3, box, size)
                pen.fit(x0 + 44, yr + 3, desc, PAGE_W - m - x0 - 130, size)
                pen.text(PAGE_W - m - 4, yr + 3, val, size, align="right")
                pen.line(x0, yr, PAGE_W - m, yr, 0.3, gray=0.5)
            y = min(yl, yr)
        y -= size + 6
        y = pen.wrap(
            m,
            y,
            w,
            "This is important tax information and is being furnished to the IRS. If you "
            "are required to file a "
            "return, a negligence penalty or other sanction may be imposed on you if "
            "this income is taxable and "
            "the IRS determines that it has not been reported.",
            size - 1.5,
        )
        pen.text(
            m,
            y - 2,
            f"Prepared by {service} on behalf of the payer",
            size - 2,
            italic=True,
            gray=0.35,
        )
        if n == 0:
            cut = PAGE_H - 30 - half_h + 6
            pen.line(m, cut, PAGE_W - m, cut, 0.4, gray=0.4)
            pen.text(
                PAGE_W / 2,
                cut + 2,
                "- - - - - - - - fold and tear along this line - - - - - - - -",
                size - 2,
                align="center",
                gray=0.4,
            )
    instructions = rng.random() < 0.4
    if instructions:
        pen.new_page()
        y = PAGE_H - 60
        pen.text(m, y, "Instructions for Recipient", size + 2, bold=True)
        y -= size * 2
        for para in (
            "Recipient's taxpayer identification number (TIN). For your protection, this "
            "form may show only the "
            "last four digits of your TIN. However, the issuer has reported your "
            "complete TIN to the IRS.",
            "Box 1. Shows nonemployee compensation. If you are in a trade or business, "
            "report this amount on "
            "Schedule C or F (Form 1040) and compute self-employment tax on Schedule SE.",
            "Box 4. Shows backup withholding. A payer must backup withhold on certain "
            "payments if you did not "
            "give your TIN to the payer.",
            "Boxes 5-7. Show state income tax withheld from the payments.",
        ):
            y = pen.wrap(m, y, w, para, size)
            y -= size
    return WildDocument(
        pen.pdf(),
        "form_1099",
        [_borrower(truth, tin, addr)],
        [_record(truth, box1, year, "1099_nec", payer, 1)],
        [],
        notes=(
            f"Accounting service's substitute 1099-NEC ({year}) for {payer}, two copies "
            "of the same recipient "
            "on one page "
            f"({'IRS-like grid' if grid else 'key/value block and box table'}); box 1 = "
            "box 7 state "
            "income; distractors: withholding boxes, masked TINs, preparer service"
            + ("; instructions page" if instructions else "")
        ),
        text_size=size,
    )


def build(rng: random.Random, layout: str) -> WildDocument:
    if layout == "brokerage_consolidated":
        return _brokerage(rng)
    if layout == "ssa_1099":
        return _ssa(rng)
    if layout == "pension_1099r":
        return _pension(rng)
    if layout == "state_1099g":
        return _state_g(rng)
    if layout == "nec_copyb_twoup":
        return _nec(rng)
    raise ValueError(f"unknown form_1099 layout {layout!r}")
