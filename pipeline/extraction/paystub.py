"""Pay stubs: employee, employer, pay period, pay date, frequency, gross (current and YTD), net.

Amounts are read from the "Gross Pay" row; which of its numbers is current and which YTD comes
from the column headers above ("Current", "This Period", "YTD", "Year To Date") by horizontal
position, or by order when no header is printed. The frequency is printed or inferred from the
length of the pay period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod
from pipeline.extraction.common import (
    BorrowerSet,
    address_blocks,
    evidence,
    parse_inline_address,
    row_values,
    text_after,
    token_confidence,
)
from pipeline.extraction.layout import Hit, Layout, Token, normalize
from pipeline.extraction.values import (
    clean_name,
    clean_org,
    find_dates,
    parse_money,
    parse_ssn,
    person_name,
)

PAYSTUB_START_LABELS = ("pay date", "check date", "pay period", "period ending", "gross pay")
GROSS_LABELS = (
    "gross pay",
    "gross earnings",
    "total gross",
    "gross wages",
    "total earnings",
    "gross",
)
NET_LABELS = ("net pay", "net amount", "take home pay")
CURRENT_HEADERS = ("current", "this period", "this pay", "amount")
YTD_HEADERS = ("year to date", "year-to-date", "ytd")
PAY_DATE_LABELS = ("pay date", "check date", "payment date", "date paid", "advice date")
PERIOD_LABELS = ("pay period", "period")
PERIOD_START_LABELS = ("period beginning", "pay period start", "period start", "period from")
PERIOD_END_LABELS = ("period ending", "pay period end", "period end", "period to")
FREQUENCY_LABELS = ("pay frequency", "pay schedule", "frequency", "pay cycle")
EMPLOYEE_LABELS = ("employee name", "employee", "name")
EMPLOYER_LABELS = ("employer name", "employer", "company name", "company")

_FREQUENCIES = (
    (re.compile(r"semi[\s\-]?monthly|twice a month", re.I), IncomePeriod.SEMIMONTHLY),
    (re.compile(r"bi[\s\-]?weekly|every (?:two|2) weeks|fortnightly", re.I), IncomePeriod.BIWEEKLY),
    (re.compile(r"weekly", re.I), IncomePeriod.WEEKLY),
    (re.compile(r"monthly", re.I), IncomePeriod.MONTHLY),
)


def frequency_from_text(text: str) -> IncomePeriod | None:
    for pattern, period in _FREQUENCIES:
        if pattern.search(text):
            return period
    return None


def frequency_from_days(start: date, end: date) -> IncomePeriod | None:
    """Inclusive period length: ~7 weekly, ~14 biweekly, ~15 semimonthly, ~30 monthly.

    A period from the 1st to the 15th or from the 16th to the month's end is semimonthly
    whatever its length (February's second half is 13 or 14 days, like a biweekly period).
    """
    days = (end - start).days + 1
    month_end = (end + timedelta(days=1)).day == 1
    if start.month == end.month and (
        (start.day == 1 and end.day == 15) or (start.day == 16 and month_end)
    ):
        return IncomePeriod.SEMIMONTHLY
    if 5 <= days <= 8:
        return IncomePeriod.WEEKLY
    if 12 <= days <= 14:
        return IncomePeriod.BIWEEKLY
    if 15 <= days <= 16:
        return IncomePeriod.SEMIMONTHLY
    if 27 <= days <= 31:
        return IncomePeriod.MONTHLY
    return None


def _columns(layout: Layout, row: Hit) -> dict[str, float]:
    """Horizontal centres of the Current / YTD headers nearest above ``row``."""
    out: dict[str, float] = {}
    for name, labels in (("current", CURRENT_HEADERS), ("ytd", YTD_HEADERS)):
        above = [
            h
            for h in layout.find(*labels)
            if h.box.top < row.box.top
            and row.box.top - h.box.top < 0.5
            and h.box.left > row.box.left
        ]
        if above:
            best = max(above, key=lambda h: h.box.top)
            out[name] = (best.box.left + best.box.right) / 2
    return out


def _current_and_ytd(layout: Layout, hit: Hit) -> tuple[Token | None, Token | None]:
    values = row_values(layout, hit, parse_money)
    if not values:
        below = layout.value_for(hit, parse_money, max_below=0.03)
        return below, None
    cols = _columns(layout, hit)
    if "current" in cols and "ytd" in cols and len(values) >= 2:

        def nearest(centre: float) -> Token:
            return min(values, key=lambda t: abs((t.box.left + t.box.right) / 2 - centre))

        cur, ytd = nearest(cols["current"]), nearest(cols["ytd"])
        if cur is not ytd:
            return cur, ytd
    if len(values) >= 2:
        # without headers the larger of the last two is the YTD figure
        a, b = values[-2], values[-1]
        va, vb = parse_money(a.text) or Decimal(0), parse_money(b.text) or Decimal(0)
        return (a, b) if va <= vb else (b, a)
    if "ytd" in cols and "current" not in cols:
        return None, values[0]
    return values[0], None


# "Acme Corp · Arlington, VA": the dot OCR reads as "-", "•" or "|" between spaces
_HEADING_SEPARATOR = re.compile(r"\s*·\s*|\s+[-\u2013\u2014•|]\s+")


_TITLE_WORDS = ("paystub", "earnings", "statement", "payroll", "paydate", "period")


def _employer(layout: Layout) -> str | None:
    found = text_after(layout, *EMPLOYER_LABELS)
    label_text = normalize(layout.lines[found.hit.line].text) if found is not None else ""
    # OCR may read "Employee Name" close enough to "Employer Name": insist on the real word
    if found is not None and ("employer" in label_text or "company" in label_text):
        name = clean_org(found.text.split("·")[0])
        if name:
            return name
    # otherwise the company heads the stub: the first phrase on the page
    for line in layout.lines[:3]:
        text = _HEADING_SEPARATOR.split(" ".join(t.text for t in line.phrases[0]))[0]
        # a title, not a name ("PAY STU B" when OCR split a word: compared without spaces)
        if ":" in text or any(w in normalize(text) for w in _TITLE_WORDS):
            continue
        # "Pinecrest Dental Group Riverton, WY" when OCR lost the separator before the city
        text = re.sub(r"\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)*[,;.]\s*[A-Z]{2}\.?$", "", text)
        name = clean_org(text)
        if name:
            return name
    return None


def extract_paystub(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.PAYSTUB.value, extractor="paystub", extractor_version=""
    )
    people = BorrowerSet()
    layout = layouts[0]
    employer = _employer(layout)
    pay_date: date | None = None
    start: date | None = None
    end: date | None = None
    for lay in layouts:
        if pay_date is None and (found := text_after(lay, *PAY_DATE_LABELS)):
            dates = find_dates(found.text)
            pay_date = dates[0] if dates else None
        if start is None and (found := text_after(lay, *PERIOD_START_LABELS)):
            dates = find_dates(found.text)
            start = dates[0] if dates else None
        if end is None and (found := text_after(lay, *PERIOD_END_LABELS)):
            dates = find_dates(found.text)
            end = dates[0] if dates else None
        if start is None or end is None:
            for hit in lay.find(*PERIOD_LABELS):
                right = lay.text_right_of(hit)
                dates = find_dates(right[0]) if right else []
                if len(dates) >= 2:
                    start, end = start or dates[0], end or dates[1]
                    break
    frequency: IncomePeriod | None = None
    freq_found = text_after(layout, *FREQUENCY_LABELS)
    if freq_found is not None:
        frequency = frequency_from_text(freq_found.text)
    if frequency is None and start is not None and end is not None:
        frequency = frequency_from_days(start, end)
    if frequency is not None:
        result.fields["pay_frequency"] = frequency.value
    if pay_date is not None:
        result.fields["pay_date"] = pay_date.isoformat()
    if start is not None:
        result.fields["pay_period_start"] = start.isoformat()
    if end is not None:
        result.fields["pay_period_end"] = end.isoformat()
    if employer:
        result.fields["employer"] = employer
    year = pay_date.year if pay_date else (end.year if end else None)

    # employee: a labelled name, else the person's name/address block that is not the employer's
    borrower_key: str | None = None
    name: str | None = None
    name_box = None
    address = None
    ssn = None
    found = text_after(layout, "employee name", "employee")
    if found is not None:
        name = clean_name(re.split(r"\s{2,}|\bSSN\b|\bID\b", found.text)[0])
        name_box = found.box
    blocks = address_blocks(layout)
    for names, addr in blocks:
        if not names:
            continue
        if name is None and (employer is None or clean_org(names[-1][0]) != employer):
            candidate = person_name(names[-1][0])
            if candidate:
                name, name_box, address = candidate, names[-1][1], addr
                break
        if name is not None and any(person_name(n) == name for n, _b in names):
            address = addr
            break
    if address is None:
        addr_found = text_after(layout, "address", "home address")
        if addr_found is not None:
            address = parse_inline_address(addr_found.text)
    if name is None and found is not None:
        # "Employee  SSN  Position" header with values on the next line
        below = layout.block_below(found.hit, max_lines=1, max_gap=0.03)
        if below:
            name, name_box = clean_name(below[0][0]), below[0][1]
    ssn_found = None
    for hit in layout.find("ssn", "social security number", "social security no"):
        tok = layout.value_for(hit, parse_ssn, max_below=0.04)
        if tok is not None:
            ssn_found = parse_ssn(tok.text)
            break
    ssn = ssn_found
    if name:
        conf = token_confidence(layout, None)
        borrower_key = people.add(
            name=name,
            evidence=evidence(layout, "Paystub: employee", name, name_box, conf),
            ssn=ssn.digits if ssn else None,
            ssn_last4=ssn.last4 if ssn else None,
            address=address,
            employer=employer,
            confidence=conf,
        )

    for lay in layouts:
        hits = lay.find(*GROSS_LABELS)
        gross = next((h for h in hits if row_values(lay, h, parse_money)), None)
        if gross is None:
            continue
        current, ytd = _current_and_ytd(lay, gross)
        label = " ".join(t.text for t in lay.lines[gross.line].tokens[gross.first : gross.last + 1])
        for tok, period, column in (
            (current, frequency.value if frequency else None, "Current"),
            (ytd, IncomePeriod.YTD.value, "YTD"),
        ):
            amount = parse_money(tok.text) if tok else None
            if tok is None or amount is None or period is None:
                if tok is not None and amount is not None:
                    result.fields[f"gross_{column.lower()}"] = str(amount)
                continue
            result.fields[f"gross_{column.lower()}"] = str(amount)
            conf = token_confidence(lay, tok, gross.score)
            result.incomes.append(
                ExtractedIncome(
                    borrower_key=borrower_key,
                    amount=amount,
                    period=period,
                    year=year,
                    source_type="paystub",
                    employer=employer,
                    evidence=evidence(
                        lay, f"Earnings: {label} {column}", f"{label} {tok.text}", tok.box, conf
                    ),
                    confidence=conf,
                )
            )
        break
    for lay in layouts:
        net_hits = lay.find(*NET_LABELS)
        if net_hits:
            cur, _ytd = _current_and_ytd(lay, net_hits[0])
            net = parse_money(cur.text) if cur else None
            if net is not None:
                result.fields["net_pay"] = str(net)
                break
    result.borrowers = people.borrowers
    return result
