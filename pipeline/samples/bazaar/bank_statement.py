"""Bank statements in layouts the other generators do not draw: a community bank's checking
statement with a page of check images, a credit card statement, a mortgage / auto loan
statement, a thrift's money market and certificate statement, and a browser printout of an
online banking "Account Activity" page."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.samples.bazaar._banking import (
    BANK_WORDS,
    MERCHANTS,
    Pen,
    Txn,
    bank_name,
    body_size,
    checking_activity,
    fmt,
    fmt_date,
    fresh_number,
    make_holders,
    mask,
    phone,
    phone_paren,
    pick_family,
    render_twice,
    routing,
    short_date,
    spread_days,
    statement_period,
)
from pipeline.samples.bazaar.people import make_address, make_person
from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = (
    "community_checks",
    "credit_card",
    "loan_servicing",
    "money_market_cd",
    "online_activity",
)


def _doc(
    pdf: bytes,
    borrowers: list[dict[str, Any]],
    accounts: list[dict[str, Any]],
    notes: str,
    size: float,
) -> WildDocument:
    return WildDocument(
        pdf=pdf,
        doc_type="bank_statement",
        borrowers=borrowers,
        income_records=[],
        account_numbers=accounts,
        notes=notes,
        text_size=size,
    )


# ----------------------------------------------------------------------------------------
# 1. community bank checking statement with check images


def _community(rng: random.Random) -> WildDocument:
    family = pick_family(rng)
    size = body_size(rng, family, 7.5, 9.5)
    bank = bank_name(rng)
    addr = make_address(rng)
    holders = make_holders(rng, 0.4)
    start, end = statement_period(rng)
    used: set[str] = set()
    acct = fresh_number(rng, rng.choice((8, 10, 12)), used)
    product = rng.choice(
        (
            "Relationship Checking",
            "Hometown Checking",
            "Regular Checking",
            "Free Checking",
            "Interest Checking",
            "Premier Checking",
        )
    )
    with_savings = rng.random() < 0.45
    sav = fresh_number(rng, len(acct), used) if with_savings else ""
    sav_product = rng.choice(("Statement Savings", "Regular Savings", "Kids Club Savings"))
    card = fresh_number(rng, 4, used)
    external = fresh_number(rng, 4, used)
    transfer_to = ("xxx" + (sav[-4:] if with_savings else external)) if rng.random() < 0.8 else ""
    first_check = rng.randint(1001, 4800)
    txns = checking_activity(
        rng,
        start,
        end,
        int(rng.uniform(300, 5000) * 100),
        card=card,
        transfer_to=transfer_to,
        checks=rng.randint(2, 6),
        first_check=first_check,
    )
    fee = rng.random() < 0.3
    if fee:
        fee_cents = rng.choice((500, 800, 1200))
        txns.append(
            Txn(end, "MONTHLY MAINTENANCE FEE", -fee_cents, balance=txns[-1].balance - fee_cents)
        )
    sav_begin = int(rng.uniform(200, 15000) * 100)
    sav_int = int(sav_begin * rng.uniform(0.0001, 0.0009))
    transfer_in = -sum(t.cents for t in txns if "TRANSFER" in t.desc) if with_savings else 0
    mask_style = rng.choice((0, 1, 2, 4, 5, 5))
    date_style = rng.randrange(6)
    dollar = rng.random() < 0.4
    neg = rng.randrange(3)
    customer_no = str(rng.randint(100000, 9999999))
    rt = routing(rng)
    bank_phone = phone(rng, toll_free=rng.random() < 0.5)
    payees = [
        rng.choice(
            (
                "Riverton Water Dept",
                "Dr. Alan Poe DDS",
                "Lakeside HOA",
                "Sunrise Daycare",
                "Mike's Lawn Care",
                "First Methodist Church",
                "County Treasurer",
            )
        )
        for _ in range(8)
    ]
    caption = rng.choice(("Account Number", "Account No.", "Account #", "Acct Number"))
    sum_words = rng.choice(
        (
            (
                "Beginning Balance",
                "Deposits/Credits",
                "Checks Paid",
                "Other Debits",
                "Ending Balance",
            ),
            (
                "Previous Balance",
                "Deposits & Other Credits",
                "Checks",
                "Withdrawals & Other Debits",
                "Balance This Statement",
            ),
            ("Opening Balance", "Credits", "Checks Cleared", "Debits", "Closing Balance"),
        )
    )
    accounts_first: dict[str, int] = {}

    def draw(total: int) -> tuple[bytes, dict[str, int]]:
        pen = Pen(family, size)
        m = rng_margin
        w = pen.width

        def footer(p: Pen) -> None:
            p.text(m, 28, f"{bank}  Member FDIC  Equal Housing Lender", size - 1.5, gray=0.35)
            label = f"Page {p.page} of {total}" if total else f"Page {p.page}"
            p.text(w - m, 28, label, size - 1, align="right")

        pen.footer = footer

        def mark(number: str) -> None:
            accounts_first.setdefault(number, pen.page)

        y = pen.height - m
        pen.text(m, y - 6, bank.upper(), size + 6, bold=True)
        pen.text(m, y - 20, addr.street_line() + "  " + addr.city_line(), size - 0.5)
        pen.text(
            m, y - 20 - size * 1.3, f"Customer Service {bank_phone}  |  Routing {rt}", size - 0.5
        )
        pen.text(w - m, y - 6, "STATEMENT OF ACCOUNT", size + 2, bold=True, align="right")
        pen.text(
            w - m,
            y - 20,
            f"{fmt_date(start, date_style)} through {fmt_date(end, date_style)}",
            size,
            align="right",
        )
        pen.text(w - m, y - 20 - size * 1.3, f"Customer No. {customer_no}", size, align="right")
        y -= 60
        for line in [*holders.lines(), holders.address.street_line(), holders.address.city_line()]:
            pen.text(m + 20, y, line, size + 0.5)
            y -= size * 1.3
        y -= 10
        pen.band(m, y - 4, w - 2 * m, size + 8, 0.85)
        pen.text(m + 4, y, f"{product.upper()}", size + 1, bold=True)
        pen.text(
            w - m - 4,
            y,
            f"{caption}: {mask(acct, mask_style)}",
            size + 0.5,
            bold=True,
            align="right",
        )
        mark(acct)
        y -= size * 2.4
        deps = sum(t.cents for t in txns[1:] if t.cents > 0)
        chks = -sum(t.cents for t in txns if t.check)
        other = -sum(t.cents for t in txns[1:] if t.cents < 0 and not t.check)
        rows = [
            (sum_words[0], txns[0].balance),
            (f"{sum(1 for t in txns[1:] if t.cents > 0)} {sum_words[1]}", deps),
            (f"{sum(1 for t in txns if t.check)} {sum_words[2]}", -chks),
            (f"{sum(1 for t in txns[1:] if t.cents < 0 and not t.check)} {sum_words[3]}", -other),
            (sum_words[4], txns[-1].balance),
        ]
        for label, value in rows:
            pen.text(m + 10, y, label, size)
            pen.text(m + 300, y, fmt(value, dollar=dollar, neg=neg), size, align="right")
            y -= size * 1.35
        y -= 8

        def need(h: float) -> None:
            nonlocal y
            if y - h < 60:
                pen.new_page()
                y = pen.height - m
                pen.text(m, y, f"{bank}  -  {mask(acct, mask_style)}  (continued)", size, bold=True)
                y -= size * 2.5

        def section(title: str, items: list[Txn], sign: int) -> None:
            nonlocal y
            if not items:
                return
            need(size * 4)
            pen.text(m, y, title, size + 1, bold=True)
            y -= 3
            pen.line(m, y, w - m, y)
            y -= size * 1.4
            for t in items:
                need(size * 1.4)
                pen.text(m + 4, y, short_date(t.date, date_style % 3), size)
                pen.text(m + 60, y, t.desc[:70], size)
                pen.text(
                    w - m - 4, y, fmt(sign * t.cents, dollar=dollar, neg=neg), size, align="right"
                )
                y -= size * 1.35
            y -= 8

        section("DEPOSITS AND OTHER CREDITS", [t for t in txns[1:] if t.cents > 0], 1)
        checks = [t for t in txns if t.check]
        need(size * 5)
        pen.text(m, y, rng_checks_title, size + 1, bold=True)
        y -= 3
        pen.line(m, y, w - m, y)
        y -= size * 1.4
        colw = (w - 2 * m) / 3
        for i in range(3):
            x = m + i * colw
            pen.text(x + 4, y, "Number", size - 0.5, bold=True)
            pen.text(x + 60, y, "Date", size - 0.5, bold=True)
            pen.text(x + colw - 12, y, "Amount", size - 0.5, bold=True, align="right")
        y -= size * 1.35
        for row in range((len(checks) + 2) // 3):
            need(size * 1.4)
            for i in range(3):
                k = row * 3 + i
                if k >= len(checks):
                    break
                t = checks[k]
                x = m + i * colw
                pen.text(x + 4, y, t.check, size)
                pen.text(x + 60, y, short_date(t.date, date_style % 3), size)
                pen.text(x + colw - 12, y, fmt(-t.cents, dollar=dollar), size, align="right")
            y -= size * 1.35
        y -= 8
        section("OTHER DEBITS", [t for t in txns[1:] if t.cents < 0 and not t.check], -1)
        need(size * 5)
        pen.text(m, y, "DAILY BALANCE SUMMARY", size + 1, bold=True)
        y -= 3
        pen.line(m, y, w - m, y)
        y -= size * 1.4
        daily: dict[dt.date, int] = {}
        for t in txns:
            daily[t.date] = t.balance
        items = list(daily.items())
        for row in range((len(items) + 2) // 3):
            need(size * 1.4)
            for i in range(3):
                k = row * 3 + i
                if k >= len(items):
                    break
                d, bal = items[k]
                x = m + i * colw
                pen.text(x + 4, y, short_date(d, date_style % 3), size)
                pen.text(x + colw - 12, y, fmt(bal, dollar=dollar, neg=neg), size, align="right")
            y -= size * 1.35
        y -= 10
        if with_savings:
            need(size * 12)
            pen.band(m, y - 4, w - 2 * m, size + 8, 0.85)
            pen.text(m + 4, y, sav_product.upper(), size + 1, bold=True)
            pen.text(
                w - m - 4,
                y,
                f"{caption}: {mask(sav, mask_style)}",
                size + 0.5,
                bold=True,
                align="right",
            )
            mark(sav)
            y -= size * 2.4
            sav_end = sav_begin + transfer_in + sav_int
            for label, value in (
                (sum_words[0], sav_begin),
                ("Transfers In", transfer_in),
                ("Interest Paid", sav_int),
                (sum_words[4], sav_end),
            ):
                pen.text(m + 10, y, label, size)
                pen.text(m + 300, y, fmt(value, dollar=dollar), size, align="right")
                y -= size * 1.35
            pen.text(
                m + 10,
                y,
                f"Annual Percentage Yield Earned {rng_apy}%   Interest paid year-to-date "
                f"{fmt(sav_int * rng_ytd_mult, dollar=dollar)}",
                size - 0.5,
            )
            y -= size * 2
        need(size * 5)
        y = pen.wrap(
            m,
            y,
            "IN CASE OF ERRORS OR QUESTIONS ABOUT YOUR ELECTRONIC TRANSFERS: Telephone us at "
            f"{bank_phone} or write us at {addr.street_line()}, {addr.city_line()} as soon as "
            "you can if "
            "you think your statement or receipt is wrong. We must hear from you no later "
            "than 60 days "
            "after we sent the FIRST statement on which the problem or error appeared.",
            w - 2 * m,
            size - 1.5,
            gray=0.25,
        )
        # check images page(s)
        pen.new_page()
        y = pen.height - m
        pen.text(m, y, f"CHECK IMAGES  -  {mask(acct, mask_style)}", size + 2, bold=True)
        y -= size * 2.2
        box_w = (w - 2 * m - 12) / 2
        box_h = 118.0
        for k, t in enumerate(checks):
            col = k % 2
            if col == 0 and k:
                y -= box_h + 24
            if y - box_h < 50:
                pen.new_page()
                y = pen.height - m
            x = m + col * (box_w + 12)
            pen.rect(x, y - box_h, box_w, box_h)
            pen.text(x + 6, y - 12, holders.printed[0][:38], size - 1)
            pen.text(x + box_w - 6, y - 12, t.check, size, bold=True, align="right")
            pen.text(x + box_w - 6, y - 26, f"Date {fmt_date(t.date, 0)}", size - 1, align="right")
            pay_line = f"PAY TO THE ORDER OF  {payees[k % len(payees)]}"
            pen.text(x + 6, y - 44, pay_line, pen.fit(pay_line, box_w - 92, size - 1))
            pen.rect(x + box_w - 76, y - 50, 70, 14)
            pen.text(x + box_w - 10, y - 46, "$" + fmt(-t.cents), size - 0.5, align="right")
            pen.line(x + 6, y - 66, x + box_w - 6, y - 66, 0.3)
            pen.text(x + 6, y - 80, bank, size - 1.5, gray=0.3)
            pen.text(x + 6, y - 106, f"C{rt}C {acct}A {t.check}", size - 0.5)
            pen.text(
                x + box_w - 6,
                y - box_h - 9,
                f"Check {t.check}  {fmt(-t.cents, dollar=True)}  posted {short_date(t.date, 0)}",
                size - 1.5,
                align="right",
            )
        pdf = pen.finish()
        return pdf, {"__pages__": pen.page}

    rng_margin = rng.choice((36.0, 42.0, 50.0))
    rng_checks_title = rng.choice(("CHECKS PAID", "CHECKS CLEARED", "CHECKS AND SUBSTITUTE CHECKS"))
    rng_apy = f"{rng.uniform(0.02, 0.35):.2f}"
    rng_ytd_mult = max(1, start.month)
    pdf, _ = render_twice(draw)
    accounts = [
        {
            "borrower": holders.truths[0],
            "last4": acct[-4:],
            "account_type": "checking",
            "page": accounts_first[acct],
        }
    ]
    if with_savings:
        accounts.append(
            {
                "borrower": holders.truths[0],
                "last4": sav[-4:],
                "account_type": "savings",
                "page": accounts_first[sav],
            }
        )
    notes = (
        f"Community bank {product} statement{' with linked savings' if with_savings else ''}, "
        f"check images page; distractors: routing {rt}, customer no., card {card} on purchase "
        "lines, "
        f"transfer reference, MICR line."
    )
    return _doc(pdf, holders.borrowers(), accounts, notes, size)


# ----------------------------------------------------------------------------------------
# 2. credit card statement


def _credit_card(rng: random.Random) -> WildDocument:
    family = pick_family(rng, (0.6, 0.3, 0.1))
    size = body_size(rng, family, 7.5, 9.5)
    issuer = f"{rng.choice(BANK_WORDS)} {rng.choice(('Card Services', 'Bank', 'Financial'))}"
    card_name = rng.choice(
        (
            "Cash Rewards Visa Signature",
            "Platinum Mastercard",
            "Travel Miles Visa",
            "Everyday Rewards Card",
            "Secured Visa",
            "World Elite Mastercard",
        )
    )
    holders = make_holders(rng, 0.15)
    start, end = statement_period(rng)
    used: set[str] = set()
    acct = rng.choice(("4", "5")) + fresh_number(rng, 15, used)
    autopay_acct = fresh_number(rng, 4, used)
    due = end + dt.timedelta(days=rng.choice((21, 25, 28)))
    limit = rng.choice((2000, 3500, 5000, 7500, 10000, 15000, 25000)) * 100
    prev = int(limit * rng.uniform(0.05, 0.6))
    payment = min(prev, int(prev * rng.uniform(0.1, 1.0)))
    purchases: list[Txn] = []
    for d in spread_days(rng, start, end, rng.randint(5, 14)):
        purchases.append(
            Txn(
                d,
                f"{rng.choice(MERCHANTS)} {holders.address.city.upper()[:12]} "
                f"{holders.address.state}",
                int(rng.uniform(5, 260) * 100),
            )
        )
    credits = []
    if rng.random() < 0.4:
        credits.append(
            Txn(
                spread_days(rng, start, end, 1)[0],
                f"RETURN {rng.choice(MERCHANTS)}",
                -int(rng.uniform(10, 80) * 100),
            )
        )
    pay_day = spread_days(rng, start, end, 1)[0]
    pay_desc = rng.choice(
        (
            f"AUTOPAY PAYMENT FROM CHK ****{autopay_acct} - THANK YOU",
            "PAYMENT - THANK YOU",
            f"ONLINE PAYMENT FROM ACCT ENDING {autopay_acct}",
        )
    )
    pay_txn = Txn(pay_day, pay_desc, -payment)
    apr = rng.choice((19.99, 21.24, 24.99, 27.49, 29.99))
    avg = prev - payment // 2 + sum(p.cents for p in purchases) // 2
    interest = int(max(0, avg) * apr / 100 / 365 * (end - start).days) if payment < prev else 0
    fees = rng.choice((0, 0, 0, 3900)) if payment < prev else 0
    new = (
        prev
        - payment
        + sum(c.cents for c in credits)
        + sum(p.cents for p in purchases)
        + interest
        + fees
    )
    minimum = min(new, max(3500, int(new * 0.02) + interest + fees))
    dollar = rng.random() < 0.8
    date_style = rng.randrange(6)
    m = rng.choice((34.0, 40.0, 46.0))
    cust_phone = phone(rng, toll_free=True)
    ending = rng.choice(
        (
            "Account Number ending in",
            "Account ending in",
            "Card ending in",
            "Account number: XXXX XXXX XXXX",
        )
    )
    ending_text = f"{ending} {acct[-4:]}"
    coupon_full = rng.random() < 0.4
    first: dict[str, int] = {}

    def draw(total: int) -> tuple[bytes, dict[str, int]]:
        pen = Pen(family, size)
        w = pen.width

        def footer(p: Pen) -> None:
            label = f"Page {p.page} of {total}" if total else f"Page {p.page}"
            p.text(w - m, 24, label, size - 1, align="right")
            p.text(m, 24, f"{card_name}  |  {ending_text}", size - 1.5, gray=0.35)

        pen.footer = footer
        y = pen.height - m
        pen.band(0, y - 22, w, 34, 0.15)
        pen.text(m, y - 12, issuer.upper(), size + 5, bold=True, gray=1.0)
        pen.text(w - m, y - 12, card_name, size + 1, align="right", gray=1.0)
        y -= 44
        pen.text(m, y, ending_text, size + 1, bold=True)
        first.setdefault(acct, pen.page)
        pen.text(
            w - m, y, f"Statement Closing Date {fmt_date(end, date_style)}", size, align="right"
        )
        y -= size * 1.4
        pen.text(
            w - m,
            y,
            f"Billing Cycle {fmt_date(start, 0)} - {fmt_date(end, 0)}  "
            f"({(end - start).days + 1} days)",
            size,
            align="right",
        )
        y -= size * 2
        # left: account summary, right: payment information
        top = y
        col = (w - 2 * m) / 2 - 10
        pen.text(m, y, "Account Summary", size + 2, bold=True)
        y -= 4
        pen.line(m, y, m + col, y)
        y -= size * 1.5
        rows = [
            ("Previous Balance", prev),
            ("Payments", -payment),
            ("Other Credits", sum(c.cents for c in credits)),
            ("Purchases", sum(p.cents for p in purchases)),
            ("Balance Transfers", 0),
            ("Cash Advances", 0),
            ("Fees Charged", fees),
            ("Interest Charged", interest),
            ("New Balance", new),
        ]
        for label, value in rows:
            sign = "+" if value > 0 and label not in ("Previous Balance", "New Balance") else ""
            text = ("-" if value < 0 else sign) + fmt(abs(value), dollar=dollar)
            pen.text(m, y, label, size, bold=label == "New Balance")
            pen.text(m + col, y, text, size, bold=label == "New Balance", align="right")
            y -= size * 1.4
        y -= 4
        for label, value in (
            ("Credit Limit", limit),
            ("Available Credit", max(0, limit - new)),
            ("Cash Access Line", limit // 5),
            ("Available for Cash", max(0, limit // 5 - 0)),
        ):
            pen.text(m, y, label, size)
            pen.text(m + col, y, fmt(value, dollar=dollar), size, align="right")
            y -= size * 1.4
        left_bottom = y
        y = top
        x = m + col + 20
        pen.text(x + 6, y - size * 0.2, "Payment Information", size + 2, bold=True)
        yy = y - size * 2
        for label, printed in (
            ("New Balance", fmt(new, dollar=dollar)),
            ("Minimum Payment Due", fmt(minimum, dollar=dollar)),
            ("Payment Due Date", fmt_date(due, date_style)),
        ):
            pen.text(x + 6, yy, label, size + 0.5)
            pen.text(x + col - 6, yy, printed, size + 0.5, bold=True, align="right")
            yy -= size * 1.6
        yy = pen.wrap(
            x + 6,
            yy,
            "Late Payment Warning: If we do not receive your minimum payment by the date "
            "listed above, "
            "you may have to pay a late fee of up to $41.00 and your APRs may be increased up "
            "to the "
            "Penalty APR of 29.99%.",
            col - 12,
            size - 1.5,
        )
        warning = (
            "Minimum Payment Warning: If you make only the minimum payment each period, you "
            "will pay more in interest and it will take you longer to pay off your balance."
        )
        pen.rect(x, yy + size * 0.2, col, y + size * 1.5 - (yy + size * 0.2))
        y = min(left_bottom, yy) - 6
        pen.text(
            m,
            y,
            warning,
            pen.fit(warning, w - 2 * m, size - 2),
        )
        y -= size * 2
        # transactions
        pen.text(m, y, "Transactions", size + 2, bold=True)
        y -= 4
        pen.line(m, y, w - m, y, 1)
        y -= size * 1.5
        heads = ("Trans Date", "Post Date", "Description", "Amount")
        xs = (m, m + 60, m + 120, w - m)
        for i, h in enumerate(heads):
            pen.text(xs[i], y, h, size, bold=True, align="right" if i == 3 else "left")
        y -= size * 1.5

        def group(title: str, items: list[Txn]) -> None:
            nonlocal y
            if not items:
                return
            if y < 90:
                pen.new_page()
                y = pen.height - m
            pen.text(m, y, title, size, bold=True)
            y -= size * 1.4
            for t in items:
                if y < 60:
                    pen.new_page()
                    y = pen.height - m
                    pen.text(m, y, f"Transactions (continued)  {ending_text}", size, bold=True)
                    y -= size * 1.6
                post = min(end, t.date + dt.timedelta(days=1))
                pen.text(xs[0], y, short_date(t.date, 0), size)
                pen.text(xs[1], y, short_date(post, 0), size)
                pen.text(xs[2], y, t.desc[:60], size)
                pen.text(
                    xs[3],
                    y,
                    ("-" if t.cents < 0 else "") + fmt(abs(t.cents), dollar=dollar),
                    size,
                    align="right",
                )
                y -= size * 1.35
            y -= 6

        group("Payments and Other Credits", [pay_txn, *credits])
        group("Purchases and Adjustments", purchases)
        fee_rows = [Txn(end, "LATE FEE", fees)] if fees else []
        group("Fees", fee_rows)
        group("Interest Charged", [Txn(end, "INTEREST CHARGE ON PURCHASES", interest)])
        if y < 170:
            pen.new_page()
            y = pen.height - m
        pen.text(m, y, f"{end.year} Totals Year-to-Date", size, bold=True)
        y -= size * 1.4
        pen.text(m, y, f"Total fees charged in {end.year}", size)
        pen.text(m + 260, y, fmt(fees * rng_fee_mult, dollar=True), size, align="right")
        y -= size * 1.3
        pen.text(m, y, f"Total interest charged in {end.year}", size)
        pen.text(m + 260, y, fmt(interest * end.month, dollar=True), size, align="right")
        y -= size * 2
        pen.text(m, y, "Interest Charge Calculation", size, bold=True)
        y -= size * 1.4
        for i, h in enumerate(
            (
                "Type of Balance",
                "Annual Percentage Rate (APR)",
                "Balance Subject to Interest Rate",
                "Interest Charge",
            )
        ):
            pen.text(
                (m, m + 110, m + 270, w - m)[i],
                y,
                h,
                size - 1,
                bold=True,
                align="right" if i == 3 else "left",
            )
        y -= size * 1.3
        for label, rate, bal, ch in (
            ("Purchases", apr, avg, interest),
            ("Cash Advances", apr + 5, 0, 0),
        ):
            pen.text(m, y, label, size - 0.5)
            pen.text(m + 110, y, f"{rate:.2f}% (v)", size - 0.5)
            pen.text(m + 270, y, fmt(max(0, bal), dollar=True), size - 0.5)
            pen.text(w - m, y, fmt(ch, dollar=True), size - 0.5, align="right")
            y -= size * 1.3
        y -= size * 1.5
        if y < 120:
            pen.new_page()
            y = pen.height - m
        # payment coupon
        pen.line(m, y, w - m, y, 0.4)
        pen.text(
            w / 2,
            y - 8,
            "- - - - Detach and return this portion with your payment - - - -",
            size - 2,
            align="center",
            gray=0.4,
        )
        y -= size * 3
        pen.text(m, y, issuer, size, bold=True)
        coupon_no = (
            " ".join(acct[i : i + 4] for i in range(0, 16, 4))
            if coupon_full
            else f"ending {acct[-4:]}"
        )
        pen.text(w - m, y, f"Account Number {coupon_no}", size, align="right")
        y -= size * 1.4
        pen.text(
            w - m,
            y,
            f"Payment Due {fmt_date(due, 0)}   Minimum {fmt(minimum, dollar=True)}   "
            f"New Balance {fmt(new, dollar=True)}",
            size,
            align="right",
        )
        y -= size * 1.4
        for line in [*holders.lines(), holders.address.street_line(), holders.address.city_line()]:
            pen.text(m + 10, y, line, size)
            y -= size * 1.3
        pen.text(w - m, y + size * 1.3, f"Questions? Call {cust_phone}", size - 1, align="right")
        pdf = pen.finish()
        return pdf, {"__pages__": pen.page}

    rng_fee_mult = rng.randint(1, 3)
    pdf, _ = render_twice(draw)
    accounts = [
        {
            "borrower": holders.truths[0],
            "last4": acct[-4:],
            "account_type": "credit_card",
            "page": first[acct],
        }
    ]
    notes = (
        f"{card_name} credit card statement; distractors: autopay source account {autopay_acct}, "
        "credit limit, minimum payment, YTD interest/fees, customer service phone."
    )
    return _doc(pdf, holders.borrowers(), accounts, notes, size)


# ----------------------------------------------------------------------------------------
# 3. mortgage or auto loan statement


def _loan(rng: random.Random) -> WildDocument:
    family = pick_family(rng)
    size = body_size(rng, family, 8.0, 10.0)
    mortgage = rng.random() < 0.65
    servicer = (
        f"{rng.choice(BANK_WORDS)} {rng.choice(('Mortgage', 'Home Loans', 'Loan Servicing'))}"
        if mortgage
        else f"{rng.choice(BANK_WORDS)} {rng.choice(('Auto Finance', 'Auto Credit', 'Bank'))}"
    )
    holders = make_holders(rng, 0.5 if mortgage else 0.25)
    used: set[str] = set()
    loan_no = fresh_number(rng, rng.choice((10, 10, 13)), used)
    autopay = fresh_number(rng, 4, used)
    _, stmt = statement_period(rng)
    due = stmt + dt.timedelta(days=rng.choice((14, 16, 20)))
    rate = (
        rng.choice((3.25, 3.875, 4.5, 5.99, 6.625, 7.125))
        if mortgage
        else rng.choice((4.9, 6.49, 8.99))
    )
    principal_bal = (
        int(rng.uniform(90000, 480000) * 100) if mortgage else int(rng.uniform(6000, 38000) * 100)
    )
    interest = int(principal_bal * rate / 100 / 12)
    pi = int(
        principal_bal * (rate / 1200) / (1 - (1 + rate / 1200) ** -rng.choice((240, 300, 360)))
    )
    if not mortgage:
        pi = int(
            principal_bal * (rate / 1200) / (1 - (1 + rate / 1200) ** -rng.choice((36, 48, 60)))
        )
    principal = pi - interest
    escrow = int(rng.uniform(180, 900) * 100) if mortgage else 0
    regular = principal + interest + escrow
    late_fee = rng.choice((0, 0, 0, int(regular * 0.05)))
    total_due = regular + late_fee
    escrow_bal = int(rng.uniform(400, 5500) * 100)
    months_ytd = max(1, stmt.month)
    date_style = rng.randrange(6)
    dollar = rng.random() < 0.7
    m = rng.choice((36.0, 44.0, 52.0))
    nmls = rng.randint(10000, 999999)
    cust_phone = phone(rng, toll_free=True)
    label = rng.choice(("Loan Number", "Loan No.", "Account Number", "Loan #"))
    shown = mask(loan_no, rng.choice((5, 5, 0, 4)))
    prop = holders.address if rng.random() < 0.7 else make_address(rng)
    vin = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
    models = ("Toyota RAV4", "Ford F-150", "Honda Civic", "Subaru Outback", "Chevrolet Equinox")
    vehicle = f"{rng.randint(2018, 2025)} {rng.choice(models)}"
    first: dict[str, int] = {}

    def draw(total: int) -> tuple[bytes, dict[str, int]]:
        pen = Pen(family, size)
        w = pen.width

        def footer(p: Pen) -> None:
            txt = f"Page {p.page} of {total}" if total else f"Page {p.page}"
            p.text(w / 2, 22, txt, size - 1.5, align="center")
            if mortgage:
                p.text(m, 22, f"NMLS ID #{nmls}", size - 2, gray=0.4)

        pen.footer = footer
        y = pen.height - m
        pen.text(m, y - 8, servicer, size + 6, bold=True)
        pen.text(
            m, y - 22, f"Customer Service: {cust_phone}   Mon-Fri 8 a.m. - 9 p.m. ET", size - 0.5
        )
        title = "Mortgage Statement" if mortgage else rng_auto_title
        pen.text(w - m, y - 8, title, size + 4, bold=True, align="right")
        pen.text(
            w - m, y - 22, f"Statement Date: {fmt_date(stmt, date_style)}", size, align="right"
        )
        y -= 54
        for line in [
            *holders.fit(pen, w / 2 - m - 20, size + 0.5),
            holders.address.street_line(),
            holders.address.city_line(),
        ]:
            pen.text(m + 12, y, line, size + 0.5)
            y -= size * 1.3
        # right box: account info
        bx = w / 2 + 20
        by = pen.height - m - 54 + size
        bw = w - m - bx
        pen.rect(bx, by - size * 6.6, bw, size * 6.6)
        yy = by - size * 1.3
        for k, v in (
            (label, shown),
            ("Payment Due Date", fmt_date(due, date_style)),
            ("Amount Due", fmt(total_due, dollar=True)),
        ):
            pen.text(bx + 6, yy, k, size)
            pen.text(bx + bw - 6, yy, v, size, bold=True, align="right")
            yy -= size * 1.6
        first.setdefault(loan_no, pen.page)
        pen.text(
            bx + 6,
            yy,
            f"If payment is received after {fmt_date(due + dt.timedelta(days=15), 0)}, "
            f"a {fmt(int(regular * 0.05), dollar=True)} late fee will be charged.",
            pen.fit(
                "If payment is received after 00/00/0000, a $000.00 late fee will be charged.",
                bw - 12,
                size - 2,
            ),
        )
        y = min(y, by - size * 6.6) - size * 2
        colw = (w - 2 * m) / 2 - 10
        top = y
        pen.band(m, y - 3, colw, size + 6, 0.82)
        pen.text(m + 4, y, "Account Information", size + 1, bold=True)
        y -= size * 1.8
        info = [
            ("Outstanding Principal", fmt(principal_bal, dollar=dollar)),
            (
                "Interest Rate (Until " + str(stmt.year + rng_reset) + ")"
                if rng_arm
                else "Interest Rate",
                f"{rate:.3f}%",
            ),
            ("Prepayment Penalty", "No"),
        ]
        if mortgage:
            info.append(("Escrow Balance", fmt(escrow_bal, dollar=dollar)))
            info.append(("Property Address", prop.street_line()))
            info.append(("", prop.city_line()))
        else:
            info.append(("Vehicle", vehicle))
            info.append(("VIN", vin))
            info.append(
                ("Maturity Date", fmt_date(dt.date(stmt.year + rng_years, stmt.month, 15), 0))
            )
        for k, v in info:
            pen.text(m + 4, y, k, size)
            pen.text(m + colw - 4, y, v, size, align="right")
            y -= size * 1.4
        left_y = y
        y = top
        x = m + colw + 20
        pen.band(x, y - 3, colw, size + 6, 0.82)
        pen.text(x + 4, y, "Explanation of Amount Due", size + 1, bold=True)
        y -= size * 1.8
        rows = [("Principal", principal), ("Interest", interest)]
        if mortgage:
            rows.append(("Escrow (for Taxes and Insurance)", escrow))
        rows.append(("Regular Monthly Payment", regular))
        rows.append(("Total Fees and Charges", late_fee))
        rows.append(("Total Amount Due", total_due))
        for caption, cents in rows:
            bold = caption.startswith(("Regular", "Total Amount"))
            pen.text(x + 4, y, caption, size, bold=bold)
            pen.text(x + colw - 4, y, fmt(cents, dollar=dollar), size, bold=bold, align="right")
            y -= size * 1.4
        y = min(y, left_y) - size
        # past payments breakdown
        pen.band(m, y - 3, w - 2 * m, size + 6, 0.82)
        pen.text(m + 4, y, "Past Payments Breakdown", size + 1, bold=True)
        pen.text(m + 330, y, "Paid Last Month", size, bold=True, align="right")
        pen.text(w - m - 4, y, "Paid Year to Date", size, bold=True, align="right")
        y -= size * 1.8
        past = [
            ("Principal", principal - rng_drift, (principal - rng_drift) * months_ytd),
            ("Interest", interest + rng_drift, (interest + rng_drift) * months_ytd),
        ]
        if mortgage:
            past.append(("Escrow (Taxes and Insurance)", escrow, escrow * months_ytd))
        past.append(("Fees", 0, 0))
        past.append(("Partial Payment (Unapplied)", 0, 0))
        tot_l = sum(p[1] for p in past)
        tot_y = sum(p[2] for p in past)
        past.append(("Total", tot_l, tot_y))
        for k, a, b in past:
            pen.text(m + 4, y, k, size, bold=k == "Total")
            pen.text(m + 330, y, fmt(a, dollar=dollar), size, align="right")
            pen.text(w - m - 4, y, fmt(b, dollar=dollar), size, align="right")
            y -= size * 1.4
        y -= size
        # transaction activity
        pen.band(m, y - 3, w - 2 * m, size + 6, 0.82)
        pen.text(
            m + 4,
            y,
            f"Transaction Activity ({fmt_date(stmt - dt.timedelta(days=30), 0)} to "
            f"{fmt_date(stmt, 0)})",
            size + 1,
            bold=True,
        )
        y -= size * 1.8
        heads = (
            "Date",
            "Description",
            "Principal",
            "Interest",
            "Escrow" if mortgage else "Fees",
            "Total",
        )
        xs = (m + 4, m + 64, m + 300, m + 360, m + 420, w - m - 4)
        for i, h in enumerate(heads):
            pen.text(xs[i], y, h, size, bold=True, align="left" if i < 2 else "right")
        y -= size * 1.4
        paid = stmt - dt.timedelta(days=rng.randint(12, 28))
        desc = rng.choice(
            (
                "Payment - Thank You",
                f"AutoPay from Checking ****{autopay}",
                "Regular Payment Received",
            )
        )
        vals = (principal - rng_drift, interest + rng_drift, escrow if mortgage else 0)
        row = (
            fmt_date(paid, 0),
            desc,
            *(fmt(v, dollar=dollar) for v in vals),
            fmt(sum(vals), dollar=dollar),
        )
        for i, v in enumerate(row):
            pen.text(xs[i], y, v, size, align="left" if i < 2 else "right")
        y -= size * 1.4
        if mortgage and rng_tax:
            tdate = paid + dt.timedelta(days=5)
            row = (
                fmt_date(tdate, 0),
                "County Tax Disbursement",
                "",
                "",
                fmt(-rng_tax, dollar=dollar, neg=1),
                fmt(-rng_tax, dollar=dollar, neg=1),
            )
            for i, v in enumerate(row):
                pen.text(xs[i], y, v, size, align="left" if i < 2 else "right")
            y -= size * 1.4
        y -= size
        pen.text(m, y, "Important Messages", size + 1, bold=True)
        y -= size * 1.5
        y = pen.wrap(
            m,
            y,
            "Partial Payments: Any partial payments that you make are not applied to your "
            "loan, but instead "
            "are held in a separate suspense account. If you pay the balance of a partial "
            "payment, the funds "
            "will then be applied to your loan. If you are experiencing financial difficulty, "
            "HUD-approved "
            f"housing counselors are available at 800-569-4287. {servicer} is a debt collector.",
            w - 2 * m,
            size - 1,
        )
        # coupon
        y = max(y - size * 2, 150)
        if y < 150 + size * 2:
            pen.new_page()
            y = pen.height - m
        pen.line(m, y, w - m, y, 0.4)
        y -= size * 2
        pen.text(m, y, servicer, size, bold=True)
        pen.text(w - m, y, f"{label} {shown}", size, align="right")
        cy = y - size * 0.4
        for line in holders.fit(pen, w / 2 - m, size):
            cy -= size * 1.3
            pen.text(m + 10, cy, line, size)
        y -= size * 1.4
        for k, v in (
            ("Due By", fmt_date(due, 0)),
            ("Amount Due", fmt(total_due, dollar=True)),
            ("Additional Principal", "$ ________"),
            ("Additional Escrow", "$ ________"),
        ):
            if k == "Additional Escrow" and not mortgage:
                continue
            pen.text(w - m - 175, y, k, size)
            pen.text(w - m, y, v, size, align="right")
            y -= size * 1.3
        pdf = pen.finish()
        return pdf, {"__pages__": pen.page}

    rng_auto_title = rng.choice(
        ("Auto Loan Statement", "Vehicle Loan Statement", "Installment Loan Statement")
    )
    rng_arm = rng.random() < 0.2
    rng_reset = rng.randint(1, 5)
    rng_years = rng.randint(2, 5)
    rng_drift = rng.randint(50, 900)
    rng_tax = int(rng.uniform(600, 3200) * 100) if rng.random() < 0.3 else 0
    pdf, _ = render_twice(draw)
    accounts = [
        {
            "borrower": holders.truths[0],
            "last4": loan_no[-4:],
            "account_type": "loan",
            "page": first[loan_no],
        }
    ]
    kind = "mortgage" if mortgage else "auto loan"
    notes = (
        f"{kind} servicing statement; distractors: autopay checking {autopay}, principal balance, "
        "escrow balance, past payments YTD, NMLS id, VIN, phone."
    )
    return _doc(pdf, holders.borrowers(), accounts, notes, size)


# ----------------------------------------------------------------------------------------
# 4. a thrift's money market / certificate statement


@dataclass
class _Deposit:
    product: str
    number: str
    kind: str  # truth account type
    begin: int
    lines: list[Txn] = field(default_factory=list)
    rate: float = 0.0
    maturity: dt.date | None = None

    @property
    def end(self) -> int:
        return self.begin + sum(t.cents for t in self.lines)


def _money_market(rng: random.Random) -> WildDocument:
    family = pick_family(rng, (0.35, 0.5, 0.15))
    size = body_size(rng, family, 8.0, 10.0)
    tails = ("Savings Bank", "Federal Savings", "Savings & Loan", "Thrift")
    bank = f"{rng.choice(BANK_WORDS)} {rng.choice(tails)}"
    holders = make_holders(rng, 0.45)
    start, end = statement_period(rng)
    used: set[str] = set()
    n = rng.choice((9, 10, 11))
    mm_product = rng.choice(
        (
            "Platinum Money Market",
            "Money Market Plus",
            "Tiered Money Market Account",
            "Select Money Market",
            "Premier Money Market",
        )
    )
    deposits: list[_Deposit] = []
    mm = _Deposit(
        mm_product,
        fresh_number(rng, n, used),
        "money_market",
        int(rng.uniform(5000, 90000) * 100),
        rate=rng.choice((0.85, 1.5, 2.25, 3.05, 3.9)),
    )
    deposits.append(mm)
    if rng.random() < 0.7:
        label = rng.choice(
            (
                "12-Month Certificate of Deposit",
                "18 Month CD",
                "Certificate Account",
                "24-Month Jumbo Certificate",
                "9-Month CD Special",
            )
        )
        cd = _Deposit(
            label,
            fresh_number(rng, n, used),
            "other",
            int(rng.choice((5, 10, 20, 25, 50)) * 100000),
            rate=rng.choice((3.5, 4.1, 4.55, 5.0)),
            maturity=end + dt.timedelta(days=rng.randint(40, 500)),
        )
        deposits.append(cd)
    if rng.random() < 0.35:
        deposits.append(
            _Deposit(
                rng.choice(("Statement Savings", "Holiday Club Savings", "Passbook Savings")),
                fresh_number(rng, n, used),
                "savings",
                int(rng.uniform(100, 4000) * 100),
                rate=rng.choice((0.05, 0.1, 0.25)),
            )
        )
    external = fresh_number(rng, 4, used)
    rt = routing(rng)
    for d in deposits:
        days = (end - start).days + 1
        interest = int(d.begin * d.rate / 100 * days / 365)
        if d.kind == "money_market":
            for day in spread_days(rng, start, end, rng.randint(1, 4)):
                if rng.random() < 0.5:
                    d.lines.append(
                        Txn(
                            day,
                            rng.choice(
                                (
                                    "Deposit",
                                    "Transfer from Checking",
                                    "Mobile Deposit",
                                    f"ACH Credit EXT XFER ...{external}",
                                )
                            ),
                            int(rng.uniform(100, 3000) * 100),
                        )
                    )
                else:
                    d.lines.append(
                        Txn(
                            day,
                            rng.choice(
                                (
                                    "Withdrawal",
                                    f"Transfer to Checking xx{external}",
                                    "Check 101",
                                    "Teller Withdrawal",
                                )
                            ),
                            -int(rng.uniform(100, 1500) * 100),
                        )
                    )
        elif d.kind == "savings":
            for day in spread_days(rng, start, end, rng.randint(0, 2)):
                d.lines.append(Txn(day, "Automatic Transfer", rng.choice((2500, 5000, 10000))))
        d.lines.sort(key=lambda t: t.date)
        if d.kind != "other" or rng.random() < 0.6:
            d.lines.append(
                Txn(end, "Interest Paid" if d.kind != "other" else "Interest Credited", interest)
            )
        running = d.begin
        for t in d.lines:
            running += t.cents
            t.balance = running
    date_style = rng.randrange(6)
    dollar = rng.random() < 0.5
    m = rng.choice((40.0, 48.0, 56.0))
    mstyle = rng.choice((0, 1, 4, 5, 5))
    member = str(rng.randint(1000000, 99999999))
    bank_phone = phone_paren(rng)
    title = rng.choice(
        (
            "Savings Statement",
            "Combined Deposit Statement",
            "Statement of Deposit Accounts",
            "Portfolio Statement",
        )
    )
    first: dict[str, int] = {}

    def draw(total: int) -> tuple[bytes, dict[str, int]]:
        pen = Pen(family, size)
        w = pen.width

        def footer(p: Pen) -> None:
            txt = f"Page {p.page} of {total}" if total else f"Page {p.page}"
            p.text(w - m, 30, txt, size - 1, align="right")
            p.text(
                m,
                30,
                f"Deposits insured by FDIC  |  {bank}  |  Routing/Transit {rt}",
                size - 2,
                gray=0.4,
            )

        pen.footer = footer
        y = pen.height - m
        pen.text(w / 2, y - 4, bank, size + 7, bold=True, align="center")
        pen.text(w / 2, y - 18, f"{title}  |  {bank_phone}", size, align="center")
        pen.line(m, y - 26, w - m, y - 26, 1.2)
        y -= 48
        start_y = y
        for line in [
            *holders.fit(pen, w - 2 * m - 220, size + 0.5),
            holders.address.street_line(),
            holders.address.city_line(),
        ]:
            pen.text(m, y, line, size + 0.5)
            y -= size * 1.3
        yy = start_y
        for k, v in (
            ("Statement Period", f"{fmt_date(start, 0)} - {fmt_date(end, 0)}"),
            ("Member Number" if rng_member else "Customer ID", member),
            ("Statement Date", fmt_date(end, date_style)),
        ):
            pen.text(w - m - 200, yy, k, size - 0.5)
            pen.text(w - m, yy, v, size - 0.5, align="right")
            yy -= size * 1.3
        y = min(y, yy) - size * 1.5
        pen.text(m, y, "Summary of Your Accounts", size + 2, bold=True)
        y -= 4
        pen.line(m, y, w - m, y)
        y -= size * 1.5
        heads = ("Account", "Account Number", "Beginning Balance", "Ending Balance")
        xs = (m, m + 165, m + 360, w - m)
        for i, h in enumerate(heads):
            pen.text(xs[i], y, h, size, bold=True, align="left" if i < 2 else "right")
        y -= size * 1.4
        for d in deposits:
            pen.text(xs[0], y, d.product, size)
            pen.text(xs[1], y, mask(d.number, mstyle), size)
            first.setdefault(d.number, pen.page)
            pen.text(xs[2], y, fmt(d.begin, dollar=dollar), size, align="right")
            pen.text(xs[3], y, fmt(d.end, dollar=dollar), size, align="right")
            y -= size * 1.35
        pen.line(xs[2] - 80, y + size * 0.9, w - m, y + size * 0.9, 0.3)
        pen.text(xs[0], y, "Total", size, bold=True)
        pen.text(
            xs[2],
            y,
            fmt(sum(d.begin for d in deposits), dollar=dollar),
            size,
            bold=True,
            align="right",
        )
        pen.text(
            xs[3],
            y,
            fmt(sum(d.end for d in deposits), dollar=dollar),
            size,
            bold=True,
            align="right",
        )
        y -= size * 2.5
        for d in deposits:
            if y < 200:
                pen.new_page()
                y = pen.height - m
            pen.band(m, y - 4, w - 2 * m, size + 8, 0.88)
            pen.text(m + 4, y, d.product, size + 1.5, bold=True)
            pen.text(w - m - 4, y, f"Account {mask(d.number, mstyle)}", size + 0.5, align="right")
            first.setdefault(d.number, pen.page)
            y -= size * 2.2
            facts = [
                ("Interest Rate", f"{d.rate:.2f}%"),
                ("Annual Percentage Yield Earned", f"{d.rate * 1.003:.2f}%"),
            ]
            if d.maturity:
                facts.append(("Maturity Date", fmt_date(d.maturity, date_style)))
                facts.append(("Term", d.product.split(" ")[0]))
            interest = sum(t.cents for t in d.lines if t.desc.startswith("Interest"))
            facts.append(
                ("Interest Paid Year to Date", fmt(interest * max(1, end.month), dollar=dollar))
            )
            for i, (k, v) in enumerate(facts):
                x = m + 4 + (i % 2) * (w - 2 * m) / 2
                pen.text(x, y, f"{k}:", size - 0.5)
                pen.text(x + (w - 2 * m) / 2 - 20, y, v, size - 0.5, align="right")
                if i % 2 == 1 or i == len(facts) - 1:
                    y -= size * 1.35
            y -= size * 0.6
            cols = ("Date", "Description", "Deposits", "Withdrawals", "Balance")
            cx = (m + 4, m + 70, m + 330, m + 410, w - m - 4)
            for i, h in enumerate(cols):
                pen.text(cx[i], y, h, size - 0.5, bold=True, align="left" if i < 2 else "right")
            y -= 3
            pen.line(m, y, w - m, y, 0.3)
            y -= size * 1.3
            pen.text(cx[0], y, short_date(start, 0), size)
            pen.text(cx[1], y, "Beginning Balance", size)
            pen.text(cx[4], y, fmt(d.begin, dollar=dollar), size, align="right")
            y -= size * 1.3
            for t in d.lines:
                if y < 60:
                    pen.new_page()
                    y = pen.height - m
                pen.text(cx[0], y, short_date(t.date, 0), size)
                pen.text(cx[1], y, t.desc, size)
                pen.text(
                    cx[2] if t.cents > 0 else cx[3],
                    y,
                    fmt(abs(t.cents), dollar=dollar),
                    size,
                    align="right",
                )
                pen.text(cx[4], y, fmt(t.balance, dollar=dollar), size, align="right")
                y -= size * 1.3
            pen.text(cx[1], y, "Ending Balance", size, bold=True)
            pen.text(cx[4], y, fmt(d.end, dollar=dollar), size, bold=True, align="right")
            y -= size * 2.4
        if y > 110:
            pen.wrap(
                m,
                y,
                "Money market accounts may limit certain transfers and withdrawals. An early "
                "withdrawal penalty may be imposed on certificates withdrawn before maturity. Your "
                "certificate will renew automatically at maturity unless you notify us within the "
                "ten-day grace period.",
                w - 2 * m,
                size - 1.5,
                gray=0.3,
            )
        pdf = pen.finish()
        return pdf, {"__pages__": pen.page}

    rng_member = rng.random() < 0.5
    pdf, _ = render_twice(draw)
    accounts = [
        {
            "borrower": holders.truths[0],
            "last4": d.number[-4:],
            "account_type": d.kind,
            "page": first[d.number],
        }
        for d in deposits
    ]
    notes = (
        "Thrift deposit statement: "
        + ", ".join(d.product for d in deposits)
        + " (a certificate is 'other'); distractors: routing, member/customer id, "
        + "external transfer refs."
    )
    return _doc(pdf, holders.borrowers(), accounts, notes, size)


# ----------------------------------------------------------------------------------------
# 5. browser printout of an online banking "Account Activity" page


def _online(rng: random.Random) -> WildDocument:
    family = rng.choice(("Helvetica", "Helvetica", "Times"))
    size = body_size(rng, family, 7.5, 9.0)
    bank = rng.choice(BANK_WORDS) + rng.choice((" Bank", " Online", " Bank & Trust", " Federal"))
    domain = bank.lower().replace(" & ", "").replace(" ", "").replace("-", "")
    holder = make_person(rng)
    initial = rng.random() < 0.5
    holder_name = holder.natural(initial=initial)
    holder_truth = holder.truth(initial=initial)
    used: set[str] = set()
    products: list[tuple[str, str, str]] = [
        (
            rng.choice(
                (
                    "Everyday Checking",
                    "Relationship Checking",
                    "Clear Access Checking",
                    "Smart Checking",
                    "Premium Checking",
                )
            ),
            "checking",
            fresh_number(rng, 10, used),
        ),
    ]
    if rng.random() < 0.8:
        products.append(
            (
                rng.choice(
                    (
                        "Goal Saver Savings",
                        "Rainy Day Savings",
                        "High Yield Savings",
                        "Way2Grow Savings",
                    )
                ),
                "savings",
                fresh_number(rng, 10, used),
            )
        )
    if rng.random() < 0.5:
        products.append(
            (
                rng.choice(
                    (
                        "Cash Rewards Credit Card",
                        "Visa Signature Credit Card",
                        "Platinum Credit Card",
                    )
                ),
                "credit_card",
                fresh_number(rng, 16, used),
            )
        )
    if rng.random() < 0.3:
        products.append(
            (
                rng.choice(("Platinum Money Market", "Money Market Savings Plus")),
                "money_market",
                fresh_number(rng, 10, used),
            )
        )
    rng.shuffle(products[1:])
    external = fresh_number(rng, 4, used)
    card = fresh_number(rng, 4, used)
    start, end = statement_period(rng)
    savings = next((p for p in products if p[1] == "savings"), None)
    transfer_to = (
        ("..." + savings[2][-4:]) if savings and rng.random() < 0.6 else f"EXT ...{external}"
    )
    txns = checking_activity(
        rng,
        start,
        end,
        int(rng.uniform(400, 6000) * 100),
        card=card,
        transfer_to=transfer_to,
        checks=rng.randint(0, 2),
        first_check=rng.randint(100, 2400),
    )
    balances = {p[2]: int(rng.uniform(50, 30000) * 100) for p in products}
    balances[products[0][2]] = txns[-1].balance
    printed_at = end + dt.timedelta(days=rng.randint(1, 9))
    clock = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(('AM', 'PM'))}"
    newest_first = rng.random() < 0.6
    dollar = rng.random() < 0.85
    dots = rng.choice(("...", "x", "*", "\u2026".replace("\u2026", "...")))
    acct_id = rng.randint(10**8, 10**9)
    url = f"https://secure.{domain}.com/accounts/activity?acctId={acct_id}&view=posted"
    signed_as = rng.choice(("Signed in as", "Welcome,", "Logged in:"))
    first_page: dict[str, int] = {}
    help_phone = phone(rng, toll_free=True)

    def shown(number: str) -> str:
        return f"{dots}{number[-4:]}" if dots != "x" else f"XXXX{number[-4:]}"

    def draw(total: int) -> tuple[bytes, dict[str, int]]:
        pen = Pen(family, size)
        w = pen.width
        m = 28.0

        def footer(p: Pen) -> None:
            p.text(m, 16, url, 7, gray=0.2)
            p.text(w - m, 16, f"{p.page}/{total}" if total else f"{p.page}", 7, align="right")
            p.text(m, pen.height - 16, f"{fmt_date(printed_at, 5)}, {clock}", 7)
            p.text(w / 2, pen.height - 16, f"Account Activity | {bank}", 7, align="center")

        pen.footer = footer
        y = pen.height - 40
        pen.band(m, y - 20, w - 2 * m, 28, 0.2)
        pen.text(m + 8, y - 11, bank.upper(), size + 4, bold=True, gray=1.0)
        pen.text(
            w - m - 8,
            y - 11,
            f"{signed_as} {holder_name}  |  Sign Off",
            size - 0.5,
            align="right",
            gray=1.0,
        )
        y -= 34
        nav = "Accounts   Transfer & Pay   Plan & Learn   Security Center   Statements & Documents"
        pen.text(m + 8, y, nav, size - 0.5, gray=0.25)
        pen.line(m, y - 5, w - m, y - 5, 0.3)
        y -= 22
        side_w = 150.0
        # sidebar
        sy = y
        pen.rect(
            m, sy - 16 - len(products) * size * 4.2, side_w, 16 + len(products) * size * 4.2 + 12
        )
        pen.text(m + 6, sy, "Accounts overview", size + 1, bold=True)
        sy -= 16
        for name, _, number in products:
            pen.text(m + 6, sy, name, pen.fit(name, side_w - 12, bold=True), bold=True)
            pen.text(m + 6, sy - size * 1.3, shown(number), size)
            first_page.setdefault(number, pen.page)
            label = "Current balance" if "Credit" in name else "Available balance"
            pen.text(m + 6, sy - size * 2.6, label, size - 1, gray=0.35)
            pen.text(
                m + side_w - 6,
                sy - size * 2.6,
                fmt(balances[number], dollar=dollar),
                size,
                align="right",
            )
            sy -= size * 4.2
        # main panel
        x = m + side_w + 14
        right = w - m
        name, _, number = products[0]
        pen.text(x, y, f"{name} {shown(number)}", size + 4, bold=True)
        y -= size * 2
        pen.text(x, y, "Available balance", size - 0.5, gray=0.35)
        pen.text(x + 120, y, "Posted balance", size - 0.5, gray=0.35)
        pen.text(x + 240, y, "Account owner", size - 0.5, gray=0.35)
        y -= size * 1.4
        pen.text(x, y, fmt(balances[number], dollar=True), size + 2, bold=True)
        pen.text(x + 120, y, fmt(txns[-1].balance, dollar=True), size + 2)
        pen.text(x + 240, y, holder_name, pen.fit(holder_name, right - x - 240, size + 1))
        y -= size * 2.2
        pen.text(
            x,
            y,
            f"Showing posted transactions {fmt_date(start, 0)} - {fmt_date(end, 0)}",
            size - 0.5,
        )
        pen.text(right, y, "Download  |  Print", size - 0.5, align="right", gray=0.3)
        y -= size * 1.8
        cols = ("Date", "Description", "Amount", "Balance")
        cx = (x, x + 50, right - 70, right)

        def header() -> None:
            nonlocal y
            pen.band(x - 2, y - 3, right - x + 2, size + 6, 0.9)
            for i, h in enumerate(cols):
                pen.text(cx[i], y, h, size, bold=True, align="left" if i < 2 else "right")
            y -= size * 1.6

        header()
        rows = txns[1:][::-1] if newest_first else txns[1:]
        for t in rows:
            if y < 50:
                pen.new_page()
                y = pen.height - 44
                header()
            desc = t.desc if not t.check else f"CHECK # {t.check}"
            pen.text(cx[0], y, fmt_date(t.date, 0), size)
            while pen.measure(desc) > cx[2] - cx[1] - 62:
                desc = desc[:-1]
            pen.text(cx[1], y, desc, size)
            pen.text(cx[2], y, fmt(t.cents, dollar=dollar, neg=0), size, align="right")
            pen.text(cx[3], y, fmt(t.balance, dollar=dollar, neg=0), size, align="right")
            pen.line(x, y - 4, right, y - 4, 0.15)
            y -= size * 1.7
        y -= size
        if y < 70:
            pen.new_page()
            y = pen.height - 44
        pen.text(
            x,
            y,
            f"Beginning balance on {fmt_date(start, 0)}: {fmt(txns[0].balance, dollar=True)}",
            size,
        )
        y -= size * 1.5
        pen.wrap(
            x,
            y,
            "Balances shown may not reflect pending transactions. Equal Housing Lender. "
            "Member FDIC. "
            f"Questions? Call {help_phone}.",
            right - x,
            size - 1.5,
            gray=0.35,
        )
        pdf = pen.finish()
        return pdf, {"__pages__": pen.page}

    pdf, _ = render_twice(draw)
    accounts = [
        {
            "borrower": holder_truth,
            "last4": number[-4:],
            "account_type": kind,
            "page": first_page[number],
        }
        for _, kind, number in products
    ]
    borrowers = [{"name": holder_truth, "ssn_last4": None, "address": None}]
    notes = (
        "Browser printout of an online banking Account Activity page; every account in the "
        "'Accounts "
        "overview' sidebar (printed with its number and balance) counts as an account; "
        "distractors: "
        f"URL, print time, card {card} on purchase lines, external transfer refs."
    )
    return _doc(pdf, borrowers, accounts, notes, size)


def build(rng: random.Random, layout: str) -> WildDocument:
    builders: dict[str, Callable[[random.Random], WildDocument]] = {
        "community_checks": _community,
        "credit_card": _credit_card,
        "loan_servicing": _loan,
        "money_market_cd": _money_market,
        "online_activity": _online,
    }
    return builders[layout](rng)
