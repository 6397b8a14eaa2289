"""Bazaar pay stubs: layouts from payroll sources the other generators never imitate.

Truth: the current gross (period = the pay frequency) and the YTD gross (period ``ytd``), year =
the pay date's year, employer = the employer as printed (for a PEO statement, the worksite
employer, not the PEO), one borrower (the employee). Masked direct-deposit numbers are not
accounts. Reported tips that a stub adds into its gross are part of the gross as printed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from pipeline.samples.bazaar._payroll import (
    AGENCIES,
    FREQ_WORDS,
    Line,
    Pen,
    Stub,
    address_truth,
    amount_words,
    company,
    fmt_date,
    masked,
    pay_base_stub,
    pay_earning,
    pay_model,
    phone,
    pick_date_style,
)
from pipeline.samples.bazaar.people import (
    amount,
    digits,
    ein,
    make_address,
    money,
)
from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = (
    "panel_statement",
    "check_stub",
    "federal_les",
    "hourly_timesheet",
    "peo_statement",
)


def _doc(
    pdf: bytes,
    stub: Stub,
    pen: Pen,
    pages: tuple[int, int],
    notes: str,
    with_ssn: bool,
    with_address: bool,
) -> WildDocument:
    g_cur, g_ytd = stub.gross
    borrower = {
        "name": stub.truth_name,
        "ssn_last4": stub.ssn[-4:] if with_ssn else None,
        "address": address_truth(stub.address, stub.abbreviate) if with_address else None,
    }
    common: dict[str, Any] = {
        "borrower": stub.truth_name,
        "year": stub.pay_date.year,
        "source_type": "paystub",
        "employer": stub.employer,
    }
    incomes = [
        {**common, "amount": amount(g_cur), "period": stub.freq, "page": pages[0]},
        {**common, "amount": amount(g_ytd), "period": "ytd", "page": pages[1]},
    ]
    return WildDocument(
        pdf=pdf,
        doc_type="paystub",
        borrowers=[borrower],
        income_records=incomes,
        account_numbers=[],
        notes=notes,
        text_size=pen.size,
    )


def _fmt(rng: random.Random) -> tuple[bool, bool]:
    return rng.random() < 0.3, rng.random() < 0.85


# ---------------------------------------------------------------- layout: panel statement


def _panel_statement(rng: random.Random) -> WildDocument:
    """Paylocity/Paycom/UKG-like "Earnings Statement": header blocks, a summary strip of
    Gross / Taxes / Deductions / Net with Current and YTD rows, side-by-side panels."""
    freq = rng.choice(("biweekly", "biweekly", "weekly", "semimonthly"))
    stub = pay_base_stub(rng, freq, company(rng))
    pay_model(rng, stub, rng.choice(("salaried", "hourly")))
    pen = Pen(rng, size=rng.choice((7.5, 8.0, 8.5)))
    dollar, commas = _fmt(rng)

    def m(c: int) -> str:
        return money(c, dollar=dollar, commas=commas)

    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((28.0, 36.0, 44.0))
    R = W - L
    y = H - rng.choice((36.0, 46.0, 56.0))
    pen.text(L, y, stub.employer, size=pen.size + 4, bold=True)
    pen.text(
        R,
        y,
        rng.choice(("Earnings Statement", "EARNINGS STATEMENT", "Statement of Earnings")),
        size=pen.size + 3,
        bold=True,
        align="right",
    )
    y -= pen.size + 4
    ea = stub.employer_address
    pen.text(L, y, f"{ea.street_line()}, {ea.city_line()}")
    pen.text(R, y, f"Company Code: {rng.choice('ABCDEFGHJK')}{digits(rng, 4)}", align="right")
    y -= pen.size + 3
    pen.text(L, y, f"Phone {phone(rng)}   FEIN {ein(rng)}")
    y -= pen.size * 2
    # info blocks: employee | pay info
    top = y
    show_addr = rng.random() < 0.75
    pen.text(L, y, rng.choice(("Employee", "EMPLOYEE", "Pay To")), bold=True)
    y -= pen.size + 3
    pen.text(L, y, stub.printed)
    if show_addr:
        y -= pen.size + 2
        pen.text(L, y, stub.address.street_line(abbreviate=stub.abbreviate))
        y -= pen.size + 2
        pen.text(L, y, stub.address.city_line())
    y -= pen.size + 2
    emp_id = digits(rng, rng.choice((4, 5, 6)))
    pen.text(L, y, f"Employee ID: {emp_id}")
    with_ssn = rng.random() < 0.6
    if with_ssn:
        y -= pen.size + 2
        pen.text(L, y, f"SSN: XXX-XX-{stub.ssn[-4:]}")
    x2 = L + (R - L) * 0.45
    yy = top
    print_freq = rng.random() < 0.6
    rows = [
        (rng.choice(("Pay Date", "Check Date", "Pay Date:")), fmt_date(stub.pay_date, ds)),
        (rng.choice(("Period Beginning", "Period Start")), fmt_date(stub.start, ds)),
        (rng.choice(("Period Ending", "Period End")), fmt_date(stub.end, ds)),
        (
            rng.choice(("Department", "Dept")),
            f"{digits(rng, 3)} {rng.choice(('Operations', 'Sales', 'Admin', 'Warehouse'))}",
        ),
        ("Voucher No.", digits(rng, 7)),
    ]
    if print_freq:
        rows.insert(
            3,
            (rng.choice(("Pay Frequency", "Frequency", "Pay Group")), rng.choice(FREQ_WORDS[freq])),
        )
    if stub.earnings[0].rate is not None:
        rows.append(("Base Rate", m(stub.earnings[0].rate or 0)))
    for label, value in rows:
        pen.text(x2, yy, label, bold=True)
        pen.text(x2 + 90, yy, value)
        yy -= pen.size + 3
    y = min(y, yy) - pen.size
    # summary strip
    g, t, d, n = stub.gross, stub.tax_total, stub.ded_total, stub.net
    gross_label = rng.choice(("Gross Pay", "Gross Earnings", "Total Gross", "Gross Wages"))
    heads = [
        "",
        gross_label,
        rng.choice(("Taxes", "Total Taxes", "Withholdings")),
        rng.choice(("Deductions", "Total Deductions")),
        rng.choice(("Net Pay", "Net Check", "Take Home")),
    ]
    strip_h = (pen.size + 5) * 3
    pen.box(L, y - strip_h, R - L, strip_h, fill=0.95)
    cw = (R - L) / 5
    cy = y - pen.size - 2
    for i, h in enumerate(heads):
        pen.text(L + cw * (i + 1) - 6, cy, h, bold=True, align="right", width=cw - 10)
    for lab, idx in (("Current", 0), ("YTD", 1)):
        cy -= pen.size + 5
        pen.text(L + 6, cy, lab, bold=True)
        for i, pair in enumerate((g, t, d, n)):
            pen.text(L + cw * (i + 2) - 6, cy, m(pair[idx]), align="right")
    y -= strip_h + pen.size * 2
    # three panels side by side
    avail = R - L - 16
    panels: list[tuple[str, list[Line], bool]] = [
        (rng.choice(("Earnings", "EARNINGS")), stub.earnings, True),
        (rng.choice(("Taxes", "Withholdings", "TAXES")), stub.taxes, False),
        (rng.choice(("Deductions", "DEDUCTIONS")), stub.deductions, False),
    ]
    if rng.random() < 0.5:
        panels[1], panels[2] = panels[2], panels[1]
    lowest = y
    x = L
    for title, lines, earn in panels:
        pw = avail * (0.42 if earn else 0.29)
        pen.band(x, y - pen.size - 4, pw, pen.size + 4, title)
        ry = y - 2 * pen.size - 8
        sub = pen.size - 0.5
        if earn:
            pen.text(x + pw * 0.42, ry, "Hrs", size=sub, bold=True, align="right")
            pen.text(x + pw * 0.56, ry, "Rate", size=sub, bold=True, align="right")
        pen.text(x + pw * 0.78, ry, "Current", size=sub, bold=True, align="right")
        pen.text(x + pw - 2, ry, "YTD", size=sub, bold=True, align="right")
        for line in lines:
            ry -= sub + 4
            pen.text(x + 2, ry, line.label, size=sub, width=pw * (0.3 if earn else 0.55))
            if earn and line.hours is not None:
                pen.text(x + pw * 0.42, ry, f"{line.hours:.2f}", size=sub, align="right")
            if earn and line.rate is not None:
                pen.text(x + pw * 0.56, ry, f"{line.rate / 100:.2f}", size=sub, align="right")
            pen.text(x + pw * 0.78, ry, m(line.cur), size=sub, align="right")
            pen.text(x + pw - 2, ry, m(line.ytd), size=sub, align="right")
        lowest = min(lowest, ry)
        x += pw + 8
    y = lowest - pen.size * 2
    # employer-paid benefits and direct deposit
    if stub.employer_paid:
        pen.text(
            L,
            y,
            rng.choice(("Employer Paid Benefits", "Company Contributions (not included in pay)")),
            bold=True,
        )
        for line in stub.employer_paid:
            y -= pen.size + 3
            pen.text(L + 8, y, line.label)
            pen.text(L + 200, y, m(line.cur), align="right")
            pen.text(L + 280, y, m(line.ytd), align="right")
        y -= pen.size * 2
    pen.text(L, y, rng.choice(("Direct Deposit Distribution", "Net Pay Distribution")), bold=True)
    y -= pen.size + 3
    pen.text(
        L + 8,
        y,
        f"{rng.choice(('Checking', 'Savings', 'Acct'))} {masked(rng)}   Routing {digits(rng, 9)}",
    )
    pen.text(L + 330, y, m(n[0]), align="right")
    y -= pen.size * 2
    pen.text(L, y, "Time Off", bold=True)
    y -= pen.size + 3
    pen.text(
        L + 8,
        y,
        f"PTO  Accrued {rng.randint(8, 60)}.00   Used {rng.randint(0, 40)}.00   "
        f"Available {rng.randint(0, 120)}.{rng.choice(('00', '50', '25'))}",
    )
    pen.text(
        W / 2,
        30,
        f"{stub.employer} - this is not a negotiable instrument",
        size=6.5,
        align="center",
        gray=0.4,
    )
    pdf = pen.finish()
    return _doc(
        pdf,
        stub,
        pen,
        (1, 1),
        "Panel earnings statement; summary strip with Current and YTD rows; "
        "employer-paid benefits and direct deposit are distractors.",
        with_ssn,
        show_addr,
    )


# ---------------------------------------------------------------- layout: check with stub


def _check_block(
    rng: random.Random, pen: Pen, stub: Stub, top: float, L: float, R: float, ds: str, bank: str
) -> float:
    """A detachable check between ``top`` and the returned bottom."""
    net = stub.net[0]
    h = 210.0
    pen.box(L, top - h, R - L, h, fill=0.96, lw=0.4)
    y = top - pen.size - 8
    pen.text(L + 10, y, stub.employer, bold=True, size=pen.size + 1.5)
    pen.text(R - 10, y, f"Check No. {digits(rng, 6)}", align="right", bold=True)
    ea = stub.employer_address
    y -= pen.size + 2
    pen.text(L + 10, y, ea.street_line())
    pen.text(R - 10, y, bank, align="right", size=pen.size - 0.5)
    y -= pen.size + 2
    pen.text(L + 10, y, ea.city_line())
    pen.text(
        R - 10,
        y,
        f"{rng.randint(10, 99)}-{rng.randint(100, 999)}/{rng.randint(1000, 1299)}",
        align="right",
        size=pen.size - 0.5,
    )
    y -= pen.size * 2.5
    pen.text(R - 170, y, "DATE")
    pen.text(R - 130, y, fmt_date(stub.pay_date, ds))
    y -= pen.size * 2.2
    pen.text(
        L + 10,
        y,
        rng.choice(("PAY TO THE ORDER OF", "Pay to the order of", "PAY TO THE")),
        size=pen.size - 0.5,
    )
    pen.text(L + 110, y, stub.printed, bold=True)
    pen.hline(L + 108, R - 130, y - 3)
    pen.box(R - 120, y - 5, 110, pen.size + 8)
    pen.text(R - 14, y, f"$**{money(net)}", align="right", bold=True)
    y -= pen.size * 2.4
    pen.text(L + 10, y, f"{amount_words(net)} " + "*" * rng.randint(4, 12), width=R - L - 30)
    pen.hline(L + 8, R - 10, y - 3)
    y -= pen.size * 2.4
    pen.text(L + 40, y, stub.printed)
    pen.text(L + 40, y - pen.size - 2, stub.address.street_line(abbreviate=stub.abbreviate))
    pen.text(L + 40, y - 2 * (pen.size + 2), stub.address.city_line())
    pen.hline(R - 200, R - 20, y - 14)
    pen.text(R - 110, y - 14 - pen.size - 1, "AUTHORIZED SIGNATURE", size=6.5, align="center")
    pen.text(
        L + 10,
        top - h + 30,
        rng.choice(("VOID AFTER 90 DAYS", "NON-NEGOTIABLE - VOID", "VOID AFTER 180 DAYS")),
        size=6.5,
        gray=0.3,
    )
    micr = f"C{digits(rng, 6)}C  A{digits(rng, 9)}A  {digits(rng, 10)}C"
    pen.c.setFont("Courier", 10)
    pen.c.drawString(L + 60, top - h + 12, micr)
    return top - h


def _check_stub(rng: random.Random) -> WildDocument:
    """A small employer's check-style stub (a restaurant with tips sometimes): a detachable check
    with "Pay to the order of" and the amount in words at the top or bottom, the stub's earnings
    table whose total row is the gross."""
    restaurant = rng.random() < 0.4
    freq = rng.choice(("weekly", "biweekly", "biweekly", "semimonthly"))
    employer = company(rng, "restaurant" if restaurant else "corp")
    stub = pay_base_stub(rng, freq, employer)
    pay_model(rng, stub, "restaurant" if restaurant else rng.choice(("hourly", "salaried")))
    pen = Pen(rng, size=rng.choice((8.0, 8.5, 9.0, 9.5)))
    dollar, commas = _fmt(rng)

    def m(c: int) -> str:
        return money(c, dollar=dollar, commas=commas)

    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((30.0, 40.0, 50.0))
    R = W - L
    bank = rng.choice(
        (
            "First Prairie Bank",
            "Heritage Trust Bank",
            "Cascade Community Bank",
            "Mercantile Savings Bank",
        )
    )
    check_top = rng.random() < 0.5
    if check_top:
        y = _check_block(rng, pen, stub, H - 30, L, R, ds, bank) - 12
        pen.text(
            W / 2,
            y,
            "- - - - - - - - - - - -  DETACH HERE  - - - - - - - - - - - -",
            size=6.5,
            align="center",
        )
        y -= 22
    else:
        y = H - 40
    pen.text(L, y, stub.employer, bold=True, size=pen.size + 1)
    pen.text(
        R,
        y,
        rng.choice(
            ("EMPLOYEE PAY STUB", "Earnings Statement", "PAYROLL STUB - RETAIN FOR YOUR RECORDS")
        ),
        bold=True,
        align="right",
    )
    y -= pen.size + 6
    with_ssn = rng.random() < 0.5
    info = [(rng.choice(("Employee", "Name")), stub.printed)]
    if with_ssn:
        info.append(("SSN", f"***-**-{stub.ssn[-4:]}"))
    info.append(("Period", f"{fmt_date(stub.start, ds)} - {fmt_date(stub.end, ds)}"))
    info.append((rng.choice(("Pay Date", "Check Date")), fmt_date(stub.pay_date, ds)))
    if rng.random() < 0.5:
        info.append(("Pay Freq", rng.choice(FREQ_WORDS[freq])))
    info.append(("Emp #", digits(rng, 4)))
    cx = L
    for label, value in info:
        w = max(pen.width_of(label, bold=True), pen.width_of(value)) + 14
        if cx + w > R:
            cx = L
            y -= 2 * pen.size + 8
        pen.text(cx, y, label, bold=True, size=pen.size - 1)
        pen.text(cx, y - pen.size - 2, value)
        cx += w
    y -= 2 * pen.size + 14
    # earnings table
    cols = [L, L + 170, L + 230, L + 290, L + 380, R]
    titles = ["Earnings", "Hours", "Rate", "This Period", "Year to Date"]
    pen.box(L, y - 4, R - L, pen.size + 6, fill=0.85, stroke=False)
    for i, t in enumerate(titles):
        if i == 0:
            pen.text(cols[0] + 3, y, t, bold=True)
        else:
            pen.text(cols[i + 1] - 4 if i > 2 else cols[i + 1] - 6, y, t, bold=True, align="right")
    for line in stub.earnings:
        y -= pen.size + 5
        pen.text(cols[0] + 3, y, line.label, width=160)
        if line.hours is not None:
            pen.text(cols[2] - 6, y, f"{line.hours:.2f}", align="right")
        if line.rate is not None:
            pen.text(cols[3] - 6, y, f"{line.rate / 100:.2f}", align="right")
        pen.text(cols[4] - 4, y, m(line.cur), align="right")
        pen.text(cols[5] - 4, y, m(line.ytd), align="right")
    y -= 5
    pen.hline(L, R, y)
    y -= pen.size + 3
    g = stub.gross
    pen.text(
        cols[0] + 3,
        y,
        rng.choice(("Total Earnings", "Gross Pay", "TOTAL GROSS", "Earnings Total")),
        bold=True,
    )
    hours_total = sum(e.hours or 0 for e in stub.earnings if e.rate and e.rate > 600)
    if hours_total and rng.random() < 0.5:
        pen.text(cols[2] - 6, y, f"{hours_total:.2f}", align="right", bold=True)
    pen.text(cols[4] - 4, y, m(g[0]), align="right", bold=True)
    pen.text(cols[5] - 4, y, m(g[1]), align="right", bold=True)
    y -= pen.size * 2.4
    # withholdings table
    pen.box(L, y - 4, R - L, pen.size + 6, fill=0.85, stroke=False)
    pen.text(
        cols[0] + 3, y, rng.choice(("Taxes & Deductions", "Withholdings", "Deductions")), bold=True
    )
    pen.text(cols[4] - 4, y, "Current", bold=True, align="right")
    pen.text(cols[5] - 4, y, "YTD", bold=True, align="right")
    for line in stub.taxes + stub.deductions:
        y -= pen.size + 4
        pen.text(cols[0] + 3, y, line.label)
        pen.text(cols[4] - 4, y, m(line.cur), align="right")
        pen.text(cols[5] - 4, y, m(line.ytd), align="right")
    y -= 5
    pen.hline(L, R, y)
    y -= pen.size + 3
    n = stub.net
    pen.text(cols[0] + 3, y, rng.choice(("NET PAY", "Net Pay", "Net Check")), bold=True)
    pen.text(cols[4] - 4, y, m(n[0]), align="right", bold=True)
    pen.text(cols[5] - 4, y, m(n[1]), align="right", bold=True)
    y -= pen.size * 2.2
    if stub.cash_tips is not None:
        y = pen.wrap(
            L,
            y,
            "Reported cash tips are included in gross earnings for tax purposes and "
            "subtracted from net pay because you already received them.",
            R - L,
            size=pen.size - 1,
            italic=True,
        )
    if rng.random() < 0.6:
        pen.text(
            L,
            y,
            f"Sick leave balance: {rng.randint(0, 40)}.{rng.choice(('00', '25', '50'))} hrs    "
            f"Vacation balance: {rng.randint(0, 80)}.00 hrs",
            size=pen.size - 0.5,
        )
        y -= pen.size * 2
    if not check_top:
        y = min(y, 260.0)
        pen.text(
            W / 2,
            y,
            "- - - - - - - - - - - -  DETACH HERE  - - - - - - - - - - - -",
            size=6.5,
            align="center",
        )
        _check_block(rng, pen, stub, y - 14, L, R, ds, bank)
    pdf = pen.finish()
    notes = (
        "Check with stub; the check's net amount (in figures and words) and MICR numbers "
        "are distractors."
    )
    if restaurant:
        notes += " Tipped employee: gross as printed includes charged and reported cash tips."
    return _doc(pdf, stub, pen, (1, 1), notes, with_ssn, True)


# ---------------------------------------------------------------- layout: federal LES

_PAY_OFFICES = ("NATIONAL FINANCE CENTER", "DFAS CIVILIAN PAY", "INTERIOR BUSINESS CENTER")
_UNITS = ("ICU", "MED/SURG 4W", "EMERGENCY DEPT", "RADIOLOGY", "L&D", "ENVIRONMENTAL SVCS")


def _federal_les(rng: random.Random) -> WildDocument:
    """A federal civilian "Earnings and Leave Statement" (NFC/DFAS-like): numbered caption
    blocks, an annual-salary box, entitlements/deductions/agency-contribution columns and a
    leave table. Biweekly; the gross is "GROSS PAY" in the current-pay summary."""
    agency = rng.choice(AGENCIES)
    stub = pay_base_stub(rng, "biweekly", agency, style="caps_last_first")
    grade, step = rng.randint(5, 14), rng.randint(1, 10)
    annual = round((28000 + grade * 6200 + step * 1100 + rng.randint(0, 3000)) * 100, -2)
    hourly = round(annual / 2087)
    k = stub.index
    earn = [pay_earning(rng, "REGULAR", k, hours=80.0, rate=hourly)]
    if rng.random() < 0.5:
        earn.append(
            pay_earning(
                rng,
                "NIGHT DIFF 10%",
                k,
                hours=float(rng.choice((8, 16, 24, 40))),
                rate=round(hourly * 0.1),
                variable=True,
            )
        )
    if rng.random() < 0.4:
        earn.append(
            pay_earning(
                rng,
                "OVERTIME",
                k,
                hours=rng.choice((2.0, 4.0, 6.0, 8.0)),
                rate=round(hourly * 1.5),
                occasional=True,
            )
        )
    if rng.random() < 0.3:
        earn.append(pay_earning(rng, "HOLIDAY WORKED", k, hours=8.0, rate=hourly, occasional=True))
    if k == 1:
        for e in earn:
            e.ytd = e.cur
    stub.earnings = earn
    g_cur, g_ytd = stub.gross
    ded = [
        ("FEDERAL TAX", rng.uniform(0.08, 0.13)),
        ("OASDI", 0.062),
        ("MEDICARE", 0.0145),
        ("RETIREMENT FERS", rng.choice((0.008, 0.031, 0.044))),
        ("TSP SAVINGS", rng.choice((0.03, 0.05, 0.08, 0.10))),
    ]
    if stub.address.state not in ("TX", "FL", "NV", "WA"):
        ded.append((f"STATE TAX {stub.address.state}", rng.uniform(0.03, 0.05)))
    stub.deductions = [Line(lab, round(g_cur * r), round(g_ytd * r)) for lab, r in ded]
    for lab, c in (
        ("HEALTH BENEFITS", rng.randint(9000, 26000)),
        ("FEGLI BASIC", rng.randint(800, 2400)),
    ):
        stub.deductions.append(Line(lab, c, c * k))
    if rng.random() < 0.4:
        c = rng.randint(1000, 5000)
        stub.deductions.append(
            Line(rng.choice(("DENTAL FEDVIP", "VISION FEDVIP", "UNION DUES AFGE")), c, c * k)
        )
    contrib = [
        Line("FERS RETIREMENT", round(g_cur * 0.168), round(g_ytd * 0.168)),
        Line("TSP BASIC 1%", round(g_cur * 0.01), round(g_ytd * 0.01)),
        Line("TSP MATCHING", round(g_cur * 0.04), round(g_ytd * 0.04)),
        Line(
            "HEALTH BENEFITS",
            round(stub.deductions[-2].cur * 2.6),
            round(stub.deductions[-2].ytd * 2.6),
        ),
    ]
    pen = Pen(rng, family=rng.choice(("Courier", "Helvetica")), size=rng.choice((7.5, 8.0, 8.5)))
    ds = rng.choice(("%m/%d/%Y", "%m/%d/%y", "%d-%b-%Y"))
    dollar = False
    commas = rng.random() < 0.6

    def m(c: int) -> str:
        return money(c, dollar=dollar, commas=commas)

    W, H = pen.width, pen.height
    L, R = 30.0, W - 30.0
    y = H - 36
    pen.text(W / 2, y, agency.upper(), bold=True, size=pen.size + 3, align="center")
    y -= pen.size + 6
    pen.text(
        W / 2,
        y,
        rng.choice(("EARNINGS AND LEAVE STATEMENT", "STATEMENT OF EARNINGS AND LEAVE")),
        bold=True,
        size=pen.size + 2,
        align="center",
    )
    y -= pen.size + 4
    pen.text(
        W / 2,
        y,
        f"PAYROLL OFFICE: {rng.choice(_PAY_OFFICES)}  PO BOX {digits(rng, 5)}",
        align="center",
        size=pen.size - 0.5,
    )
    y -= pen.size + 10
    pp = k
    blocks = [
        ("1 NAME", stub.printed),
        ("2 SOCIAL SECURITY NO", f"XXX-XX-{stub.ssn[-4:]}"),
        ("3 PAY PERIOD", f"{pp:02d}"),
        ("4 PERIOD ENDING", fmt_date(stub.end, ds)),
        ("5 PAY DATE", fmt_date(stub.pay_date, ds)),
        ("6 PAY PLAN/GRADE/STEP", f"GS-{grade:02d}-{step:02d}"),
        ("7 ANNUAL SALARY", m(annual)),
        ("8 HOURLY RATE", f"{hourly / 100:.2f}"),
        ("9 DUTY STATION", f"{stub.employer_address.city.upper()} {stub.employer_address.state}"),
        (
            "10 SERVICE COMP DATE",
            fmt_date(
                date(
                    stub.pay_date.year - rng.randint(2, 20), rng.randint(1, 12), rng.randint(1, 28)
                ),
                ds,
            ),
        ),
        (
            "11 TAX STATUS FED/ST",
            f"{rng.choice(('S', 'M', 'H'))}/{rng.randint(0, 4)}  {stub.address.state}",
        ),
        ("12 ORGANIZATION", f"{rng.choice('ABCDEFG')}{digits(rng, 6)}"),
    ]
    per_row = 4
    bw = (R - L) / per_row
    bh = 2 * pen.size + 10
    for i, (cap, val) in enumerate(blocks):
        bx = L + (i % per_row) * bw
        by = y - (i // per_row + 1) * bh
        pen.box(bx, by, bw, bh, lw=0.5)
        pen.text(bx + 3, by + bh - pen.size, cap, size=6.0)
        pen.text(bx + 4, by + 5, val, bold=True, width=bw - 8)
    y -= (len(blocks) // per_row) * bh + 8
    # address block
    pen.text(L, y - pen.size, "13 MAILING ADDRESS", size=6.0)
    show_addr = rng.random() < 0.7
    ay = y - 2 * pen.size - 3
    if show_addr:
        for ln in (
            stub.printed,
            stub.address.street_line(abbreviate=stub.abbreviate).upper(),
            stub.address.city_line().upper(),
        ):
            pen.text(L + 10, ay, ln)
            ay -= pen.size + 2
    else:
        pen.text(L + 10, ay, "ON FILE - ELECTRONIC DELIVERY")
        ay -= pen.size + 2
    # current pay summary at right
    sx = L + (R - L) * 0.5
    sy = y - pen.size
    pen.text(sx, sy, "14 CURRENT PAY SUMMARY", size=6.0)
    pen.text(sx + 190, sy, "CURRENT", bold=True, align="right")
    pen.text(R - 4, sy, "YEAR TO DATE", bold=True, align="right")
    g, d = stub.gross, stub.ded_total
    for lab, pair in (
        ("GROSS PAY", g),
        ("TOTAL DEDUCTIONS", d),
        ("NET PAY", (g[0] - d[0], g[1] - d[1])),
    ):
        sy -= pen.size + 3
        pen.text(sx + 4, sy, lab)
        pen.text(sx + 190, sy, m(pair[0]), align="right")
        pen.text(R - 4, sy, m(pair[1]), align="right")
    y = min(ay, sy) - 16
    # three columns: entitlements | deductions | agency contributions
    cw = (R - L) / 3
    heads = ("15 ENTITLEMENTS", "16 DEDUCTIONS", "17 AGENCY CONTRIBUTIONS")
    cols: list[list[Line]] = [stub.earnings, stub.deductions, contrib]
    top = y
    bottom = y
    for i, (head, lines) in enumerate(zip(heads, cols, strict=True)):
        x = L + i * cw
        pen.band(x, top - pen.size - 4, cw - 2, pen.size + 4, head, gray=0.85)
        ry = top - 2 * pen.size - 8
        pen.text(x + cw * 0.70, ry, "CURRENT", size=6.5, bold=True, align="right")
        pen.text(x + cw - 6, ry, "YTD", size=6.5, bold=True, align="right")
        for line in lines:
            ry -= pen.size + 3
            label = line.label
            if line.hours is not None:
                label = f"{label} {line.hours:.1f}H"
            pen.text(x + 2, ry, label, width=cw * 0.45, size=pen.size - 0.5)
            pen.text(x + cw * 0.70, ry, m(line.cur), align="right", size=pen.size - 0.5)
            pen.text(x + cw - 6, ry, m(line.ytd), align="right", size=pen.size - 0.5)
        bottom = min(bottom, ry)
    for i in range(4):
        pen.vline(L + i * cw - (2 if i == 3 else 0), top, bottom - 6)
    pen.hline(L, R, bottom - 6)
    y = bottom - 22
    # leave table
    pen.text(L, y, "18 LEAVE STATUS", size=6.0)
    y -= pen.size + 2
    lcols = ("TYPE", "BEGIN BAL", "EARNED", "USED", "END BAL", "USE OR LOSE")
    for j, col in enumerate(lcols):
        pen.text(L + 60 + j * 80, y, col, bold=True, size=6.5, align="right" if j else "left")
    for lt in ("ANNUAL", "SICK", "COMP TIME"):
        y -= pen.size + 2
        beg = rng.randint(0, 240)
        earned = rng.choice((4, 6, 8)) if lt != "COMP TIME" else 0
        u = rng.randint(0, 16)
        vals = (
            lt,
            f"{beg}.00",
            f"{earned}.00",
            f"{u}.00",
            f"{max(0, beg + earned - u)}.00",
            f"{rng.randint(0, 40)}.00" if lt == "ANNUAL" else "",
        )
        for j, v in enumerate(vals):
            pen.text(L + 60 + j * 80, y, v, size=pen.size - 0.5, align="right" if j else "left")
    y -= pen.size * 2.5
    pen.text(L, y, "19 REMARKS", size=6.0)
    y -= pen.size + 2
    remarks = rng.sample(
        (
            "YOUR TSP CONTRIBUTIONS ARE APPROACHING THE IRS ELECTIVE DEFERRAL LIMIT.",
            "OPEN SEASON FOR HEALTH BENEFITS BEGINS THE SECOND MONDAY IN NOVEMBER.",
            "REVIEW YOUR W-4 ELECTIONS THROUGH EMPLOYEE EXPRESS OR MYPAY.",
            f"NET PAY DEPOSITED TO ACCT ENDING {digits(rng, 4)} RTN {digits(rng, 9)}.",
            "THIS STATEMENT REFLECTS A WITHIN-GRADE INCREASE EFFECTIVE THIS PAY PERIOD.",
        ),
        3,
    )
    for r in remarks:
        pen.text(L + 8, y, r, size=pen.size - 0.5, width=R - L - 16)
        y -= pen.size + 2
    pdf = pen.finish()
    return _doc(
        pdf,
        stub,
        pen,
        (1, 1),
        "Federal civilian earnings and leave statement (GS); the annual "
        "salary, hourly rate, agency contributions, leave balances and remarks are distractors.",
        True,
        show_addr,
    )


# ---------------------------------------------------------------- layout: hospital timesheet stub


def _hourly_timesheet(rng: random.Random) -> WildDocument:
    """A hospital / union employer's timesheet-based stub: a daily punch table, many hourly pay
    codes (regular, overtime, shift differentials, on-call, holiday) with hours x rate columns.
    Sometimes two pages: the year-to-date summary (with the YTD gross) on page 2."""
    freq = rng.choice(("weekly", "biweekly", "biweekly"))
    stub = pay_base_stub(rng, freq, company(rng, "hospital"))
    union = rng.random() < 0.6
    pay_model(rng, stub, "hospital", union=union)
    two_pages = rng.random() < 0.5
    pen = Pen(rng, size=rng.choice((7.5, 8.0, 8.5, 9.0)))
    dollar, commas = _fmt(rng)

    def m(c: int) -> str:
        return money(c, dollar=dollar, commas=commas)

    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((32.0, 40.0))
    R = W - L
    npages = 2 if two_pages else 1
    y = H - 40
    pen.text(L, y, stub.employer, bold=True, size=pen.size + 3)
    pen.text(R, y, f"Page 1 of {npages}", align="right", size=pen.size - 0.5)
    y -= pen.size + 4
    pen.text(
        L,
        y,
        rng.choice(
            ("Payroll Department", "Human Resources - Payroll Services", "Finance / Payroll")
        ),
    )
    pen.text(
        R,
        y,
        rng.choice(("PAY ADVICE", "Pay Advice / Time Detail", "EMPLOYEE PAY STATEMENT")),
        bold=True,
        align="right",
    )
    y -= pen.size + 2
    pen.text(L, y, f"{stub.employer_address.street_line()}  {stub.employer_address.city_line()}")
    y -= pen.size * 2.2
    with_ssn = rng.random() < 0.4
    show_addr = rng.random() < 0.6
    left = [
        ("Employee", stub.printed),
        ("Badge / ID", digits(rng, 6)),
        (
            "Department",
            f"{digits(rng, 4)} {rng.choice(_UNITS)}",
        ),
        (
            "Job",
            rng.choice(
                (
                    "RN II",
                    "Patient Care Tech",
                    "Respiratory Therapist",
                    "Surg Tech",
                    "Unit Secretary",
                    "LPN",
                )
            ),
        ),
    ]
    if with_ssn:
        left.append(("SSN", f"XXX-XX-{stub.ssn[-4:]}"))
    if union:
        left.append(
            (
                "Bargaining Unit",
                rng.choice(("SEIU 1199", "NNU Local 12", "AFSCME 3299", "Teamsters 700")),
            )
        )
    right = [
        ("Pay Date", fmt_date(stub.pay_date, ds)),
        ("Period", f"{fmt_date(stub.start, ds)} to {fmt_date(stub.end, ds)}"),
        ("Base Rate", f"{(stub.earnings[0].rate or 0) / 100:.2f}/hr"),
        ("Advice #", digits(rng, 8)),
    ]
    if rng.random() < 0.5:
        right.insert(2, ("Pay Cycle", rng.choice(FREQ_WORDS[freq])))
    yl = y
    for lab, val in left:
        pen.text(L, yl, f"{lab}:", bold=True)
        pen.text(L + 82, yl, val, width=180)
        yl -= pen.size + 3
    if show_addr:
        pen.text(L + 82, yl, stub.address.street_line(abbreviate=stub.abbreviate))
        pen.text(L + 82, yl - pen.size - 2, stub.address.city_line())
        pen.text(L, yl, "Address:", bold=True)
        yl -= 2 * (pen.size + 3)
    yr = y
    rx = L + (R - L) * 0.55
    for lab, val in right:
        pen.text(rx, yr, f"{lab}:", bold=True)
        pen.text(rx + 62, yr, val, width=R - rx - 64)
        yr -= pen.size + 3
    y = min(yl, yr) - pen.size
    # time detail
    pen.band(
        L,
        y - pen.size - 3,
        R - L,
        pen.size + 4,
        rng.choice(("TIME DETAIL", "Daily Hours Worked", "Timecard Summary")),
    )
    y -= 2 * pen.size + 7
    tcols = ("Date", "Day", "In", "Out", "Meal", "Hours", "Pay Code")
    for j, title in enumerate(tcols):
        pen.text(L + 4 + j * 70, y, title, bold=True, size=pen.size - 0.5)
    days = (stub.end - stub.start).days + 1
    shifts = sorted(
        rng.sample(range(days), k=min(days, 4 if freq == "weekly" else rng.randint(6, 9)))
    )
    for off in shifts:
        y -= pen.size + 2
        day = stub.start + timedelta(days=off)
        start_h = rng.choice((7, 7, 15, 19, 23))
        length = rng.choice((8, 12, 12))
        code = "REG" if start_h == 7 else "REG/EVE" if start_h == 15 else "REG/NIGHT"
        vals = (
            fmt_date(day, "%m/%d"),
            day.strftime("%a"),
            f"{start_h:02d}:{rng.choice(('00', '02', '58'))}",
            f"{(start_h + length) % 24:02d}:{rng.choice(('00', '06', '31'))}",
            "0.50",
            f"{length - 0.5:.2f}",
            code,
        )
        for j, v in enumerate(vals):
            pen.text(L + 4 + j * 70, y, v, size=pen.size - 0.5)
    y -= pen.size * 2.2
    # earnings
    ecols = (L + 4, L + 200, L + 270, L + 350)
    pen.band(L, y - pen.size - 3, R - L, pen.size + 4, rng.choice(("EARNINGS", "Pay Codes")))
    y -= 2 * pen.size + 7
    pen.text(ecols[0], y, "Code / Description", bold=True)
    pen.text(ecols[1], y, "Hours", bold=True, align="right")
    pen.text(ecols[2], y, "Rate", bold=True, align="right")
    pen.text(ecols[3], y, "Amount", bold=True, align="right")
    if not two_pages:
        pen.text(R - 4, y, "YTD Amount", bold=True, align="right")
    for i, line in enumerate(stub.earnings):
        y -= pen.size + 3
        pen.text(ecols[0], y, f"{100 + i * 5:03d} {line.label}", width=180)
        if line.hours is not None:
            pen.text(ecols[1], y, f"{line.hours:.2f}", align="right")
        if line.rate is not None:
            pen.text(
                ecols[2],
                y,
                f"{line.rate / 100:.4f}" if rng.random() < 0.3 else f"{line.rate / 100:.2f}",
                align="right",
            )
        pen.text(ecols[3], y, m(line.cur), align="right")
        if not two_pages:
            pen.text(R - 4, y, m(line.ytd), align="right")
    y -= 4
    pen.hline(L, R, y)
    y -= pen.size + 3
    g, t, d, n = stub.gross, stub.tax_total, stub.ded_total, stub.net
    gl = rng.choice(("Total Gross", "GROSS WAGES", "Gross Pay", "Total Earnings"))
    pen.text(ecols[0], y, gl, bold=True)
    pen.text(
        ecols[1],
        y,
        f"{sum(e.hours or 0 for e in stub.earnings if (e.rate or 0) > 1000):.2f}",
        align="right",
        bold=True,
    )
    pen.text(ecols[3], y, m(g[0]), align="right", bold=True)
    if not two_pages:
        pen.text(R - 4, y, m(g[1]), align="right", bold=True)
    y -= pen.size * 2.2
    # taxes and deductions side by side (current only when YTD is on page 2)
    half = (R - L) / 2

    def side(x: float, title: str, lines: list[Line], yy: float) -> float:
        pen.text(x, yy, title, bold=True)
        for line in lines:
            yy -= pen.size + 2
            pen.text(x + 6, yy, line.label, width=half * 0.5)
            pen.text(x + half * (0.72 if not two_pages else 0.9), yy, m(line.cur), align="right")
            if not two_pages:
                pen.text(x + half - 10, yy, m(line.ytd), align="right")
        return yy

    y1 = side(L, "Taxes", stub.taxes, y)
    y2 = side(L + half, "Deductions", stub.deductions, y)
    y = min(y1, y2) - pen.size * 2
    pen.box(L, y - 8, R - L, pen.size + 14, fill=0.93)
    pen.text(L + 8, y, f"Gross {m(g[0])}   -  Taxes {m(t[0])}   -  Deductions {m(d[0])}", bold=True)
    pen.text(R - 8, y, f"NET PAY {m(n[0])}", bold=True, align="right")
    y -= pen.size * 3
    pen.text(
        L,
        y,
        f"Deposited to {rng.choice(('checking', 'savings'))} account {masked(rng)}",
        size=pen.size - 0.5,
    )
    ytd_page = 1
    if two_pages:
        pen.new_page()
        ytd_page = 2
        y = H - 40
        pen.text(L, y, stub.employer, bold=True, size=pen.size + 2)
        pen.text(R, y, "Page 2 of 2", align="right", size=pen.size - 0.5)
        y -= pen.size + 4
        pen.text(L, y, f"{stub.printed}   Pay Date {fmt_date(stub.pay_date, ds)}")
        y -= pen.size * 2.5
        pen.band(
            L,
            y - pen.size - 3,
            R - L,
            pen.size + 4,
            rng.choice(("YEAR-TO-DATE SUMMARY", "Year To Date Totals")),
        )
        y -= 2 * pen.size + 8
        groups: list[tuple[str, list[Line], str, int]] = [
            (
                "Earnings",
                stub.earnings,
                rng.choice(("YTD Gross", "Total YTD Gross", "Gross Earnings YTD")),
                g[1],
            ),
            ("Taxes", stub.taxes, "Total Taxes YTD", t[1]),
            ("Deductions", stub.deductions, "Total Deductions YTD", d[1]),
        ]
        for title, lines, total_label, total in groups:
            pen.text(L, y, title, bold=True)
            for line in lines:
                y -= pen.size + 2
                pen.text(L + 10, y, line.label)
                pen.text(L + 320, y, m(line.ytd), align="right")
            y -= pen.size + 3
            pen.text(L + 10, y, total_label, bold=True)
            pen.text(L + 320, y, m(total), bold=True, align="right")
            y -= pen.size * 2
        pen.text(L + 10, y, "Net Pay YTD", bold=True)
        pen.text(L + 320, y, m(n[1]), bold=True, align="right")
        y -= pen.size * 2.5
        if stub.employer_paid:
            pen.text(L, y, "Employer-paid benefits (not wages)", bold=True)
            for line in stub.employer_paid:
                y -= pen.size + 2
                pen.text(L + 10, y, line.label)
                pen.text(L + 320, y, m(line.ytd), align="right")
            y -= pen.size * 2
        pen.text(
            L,
            y,
            f"Accrual balances: PTO {rng.randint(10, 200)}.{rng.choice(('00', '75', '25'))} hrs, "
            f"Extended Illness {rng.randint(10, 400)}.00 hrs",
            size=pen.size - 0.5,
        )
    pdf = pen.finish()
    return _doc(
        pdf,
        stub,
        pen,
        (1, ytd_page),
        "Hospital timesheet stub with many hourly pay codes; punch "
        f"times and hours are distractors; {'YTD on page 2' if two_pages else 'one page'}.",
        with_ssn,
        show_addr,
    )


# ---------------------------------------------------------------- layout: PEO statement


def _peo_statement(rng: random.Random) -> WildDocument:
    """A PEO (co-employment) payroll statement: the PEO's masthead, FEIN and service-center
    phone; the worksite employer (the truth's employer) in a key/value block; one ruled table of
    earnings / taxes / deductions sections with This Period and Year to Date columns."""
    peo = company(rng, "peo")
    client = company(rng)
    freq = rng.choice(("semimonthly", "semimonthly", "monthly", "biweekly"))
    stub = pay_base_stub(rng, freq, client)
    pay_model(rng, stub, rng.choice(("salaried", "salaried", "hourly")))
    pen = Pen(rng, size=rng.choice((8.0, 8.5, 9.0, 9.5, 10.0)))
    dollar, commas = _fmt(rng)

    def m(c: int) -> str:
        return money(c, dollar=dollar, commas=commas)

    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((40.0, 50.0, 60.0))
    R = W - L
    y = H - 44
    pen.box(L, y - 8, R - L, pen.size + 18, fill=0.2, stroke=False)
    pen.c.setFillGray(1)
    pen.c.setFont(pen.bold, pen.size + 4)
    pen.c.drawString(L + 10, y, peo)
    pen.c.setFont(pen.reg, pen.size)
    pen.c.drawRightString(
        R - 10, y, rng.choice(("Payroll Statement", "Pay Statement", "Employee Earnings Statement"))
    )
    pen.c.setFillGray(0)
    y -= pen.size + 18
    pa = make_address(rng)
    pen.text(
        L,
        y,
        f"{pa.street_line()}, {pa.city_line()}  |  Service Center {phone(rng)}  |  FEIN {ein(rng)}",
        size=pen.size - 1,
        width=R - L,
    )
    y -= pen.size * 2.4
    with_ssn = rng.random() < 0.5
    show_addr = rng.random() < 0.7
    kv_left = [
        (rng.choice(("Worksite Employer", "Client Company", "Employer")), client),
        ("Client ID", f"{rng.choice('KMPTW')}{digits(rng, 5)}"),
        (rng.choice(("Employee", "Employee Name")), stub.printed),
        ("Employee No.", digits(rng, 6)),
    ]
    if with_ssn:
        kv_left.append(("Tax ID", f"xxx-xx-{stub.ssn[-4:]}"))
    kv_right = [
        ("Check Date", fmt_date(stub.pay_date, ds)),
        ("Pay Period", f"{fmt_date(stub.start, ds)} - {fmt_date(stub.end, ds)}"),
        ("Statement #", digits(rng, 9)),
    ]
    if rng.random() < 0.6:
        kv_right.insert(1, ("Pay Schedule", rng.choice(FREQ_WORDS[freq])))
    mid = L + (R - L) * 0.52
    yl = yr = y
    for lab, val in kv_left:
        pen.text(L, yl, lab, size=pen.size - 1, gray=0.35)
        pen.text(L, yl - pen.size - 1, val, bold=True, width=mid - L - 10)
        yl -= 2 * pen.size + 6
    for lab, val in kv_right:
        pen.text(mid, yr, lab, size=pen.size - 1, gray=0.35)
        pen.text(mid, yr - pen.size - 1, val, bold=True, width=R - mid)
        yr -= 2 * pen.size + 6
    if show_addr:
        pen.text(mid, yr, "Home Address", size=pen.size - 1, gray=0.35)
        pen.text(
            mid, yr - pen.size - 1, stub.address.street_line(abbreviate=stub.abbreviate), bold=True
        )
        pen.text(mid, yr - 2 * pen.size - 3, stub.address.city_line(), bold=True)
        yr -= 3 * pen.size + 8
    y = min(yl, yr) - 4
    pen.text(
        L,
        y,
        f"{peo} is the co-employer of record for payroll and tax purposes for "
        f"employees of {client.rstrip('.')}.",
        size=pen.size - 1.5,
        italic=True,
        width=R - L,
    )
    y -= pen.size * 2
    c1, c2, c3, c4 = L + 4, L + (R - L) * 0.55, L + (R - L) * 0.75, R - 4
    pen.box(L, y - 5, R - L, pen.size + 8, fill=0.88, stroke=False)
    pen.text(c1, y, "Description", bold=True)
    pen.text(c2, y, "Hours/Rate", bold=True, align="right")
    pen.text(c3, y, "This Period", bold=True, align="right")
    pen.text(c4, y, "Year to Date", bold=True, align="right")
    g, t, d, n = stub.gross, stub.tax_total, stub.ded_total, stub.net
    sections: list[tuple[str, list[Line], str, tuple[int, int]]] = [
        (
            "EARNINGS",
            stub.earnings,
            rng.choice(("Total Earnings", "Gross Pay", "Total Gross Pay")),
            g,
        ),
        ("EMPLOYEE TAXES", stub.taxes, "Total Taxes", t),
        ("DEDUCTIONS", stub.deductions, "Total Deductions", d),
    ]
    for title, lines, total_label, total in sections:
        y -= pen.size + 8
        pen.text(c1, y, title, bold=True, size=pen.size - 0.5)
        for line in lines:
            y -= pen.size + 3
            pen.text(c1 + 10, y, line.label, width=c2 - c1 - 80)
            if line.hours is not None and line.rate is not None:
                pen.text(c2, y, f"{line.hours:.2f} @ {line.rate / 100:.2f}", align="right")
            pen.text(c3, y, m(line.cur), align="right")
            pen.text(c4, y, m(line.ytd), align="right")
        y -= 4
        pen.hline(c2 + 10, R, y, gray=0.5)
        y -= pen.size + 2
        pen.text(c1 + 10, y, total_label, bold=True)
        pen.text(c3, y, m(total[0]), align="right", bold=True)
        pen.text(c4, y, m(total[1]), align="right", bold=True)
    y -= pen.size + 8
    pen.box(L, y - 5, R - L, pen.size + 9, fill=0.93)
    pen.text(c1, y, rng.choice(("NET PAY", "Net Pay")), bold=True)
    pen.text(c3, y, m(n[0]), align="right", bold=True)
    pen.text(c4, y, m(n[1]), align="right", bold=True)
    y -= pen.size * 3
    if stub.employer_paid:
        pen.text(
            L,
            y,
            rng.choice(("Benefits paid by your employer", "Employer Contributions")),
            bold=True,
        )
        for line in stub.employer_paid:
            y -= pen.size + 3
            pen.text(L + 10, y, line.label)
            pen.text(c3, y, m(line.cur), align="right")
            pen.text(c4, y, m(line.ytd), align="right")
        y -= pen.size * 2.5
    pen.text(L, y, "Deposits", bold=True)
    y -= pen.size + 3
    pen.text(
        L + 10,
        y,
        f"{rng.choice(('Checking', 'Savings'))}  Acct {masked(rng)}  ABA {digits(rng, 9)}",
    )
    pen.text(c3, y, m(n[0]), align="right")
    pen.text(
        W / 2,
        36,
        f"Questions? Contact {peo} at {phone(rng)} or visit the employee portal. Page 1 of 1",
        size=6.5,
        align="center",
        gray=0.4,
    )
    if rng.random() < 0.3:
        pen.watermark("NON-NEGOTIABLE")
    pdf = pen.finish()
    return _doc(
        pdf,
        stub,
        pen,
        (1, 1),
        f"PEO statement; the employer is the worksite employer {client}; the PEO "
        "name, FEIN, phone, employer contributions and deposit numbers are distractors.",
        with_ssn,
        show_addr,
    )


_BUILDERS = {
    "panel_statement": _panel_statement,
    "check_stub": _check_stub,
    "federal_les": _federal_les,
    "hourly_timesheet": _hourly_timesheet,
    "peo_statement": _peo_statement,
}


def build(rng: random.Random, layout: str) -> WildDocument:
    return _BUILDERS[layout](rng)
