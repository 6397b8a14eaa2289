"""Verification of employment, as Fannie Mae form 1005 or as a letter: employee, employer,
position, hire date and annual base pay (salary, or hourly rate x hours per week x 52)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod
from pipeline.extraction.common import (
    TICK,
    BorrowerSet,
    evidence,
    text_after,
    token_confidence,
    value_after,
)
from pipeline.extraction.layout import Box, Layout
from pipeline.extraction.values import (
    clean_name,
    clean_org,
    find_dates,
    parse_money,
    parse_ssn,
)

_PER_YEAR = {
    "annual": 1,
    "annually": 1,
    "year": 1,
    "yearly": 1,
    "monthly": 12,
    "month": 12,
    "semi-monthly": 24,
    "semimonthly": 24,
    "biweekly": 26,
    "bi-weekly": 26,
    "weekly": 52,
    "week": 52,
}
_MONEY = r"\$\s?([\d,]+(?:\.\d{2})?)"


def _marked_period(text: str) -> str | None:
    m = re.search(
        TICK + r"\W{0,2}\s*(Annual|Monthly|Weekly|Hourly|Bi-?weekly)", text, re.IGNORECASE
    )
    return m.group(1).lower() if m else None


def extract_voe(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(doc_type=DocType.VOE.value, extractor="voe", extractor_version="")
    people = BorrowerSet()
    layout = layouts[0]
    text = "\n".join(lay.full_text() for lay in layouts)
    flat = " ".join(text.split())
    conf = token_confidence(layout, None)

    name: str | None = None
    name_box: Box | None = None
    employer: str | None = None
    ssn = None
    # form 1005 layout
    for hit in layout.find("name and address of applicant", "applicant's name", "employee name"):
        block = layout.block_below(hit, max_lines=1, max_gap=0.04)
        if block:
            words = block[0][0].split()
            # the applicant's name may share the line with the SSN or a badge number
            name = next(
                (n for k in (4, 3, 2) if (n := clean_name(" ".join(words[:k]))) is not None),
                None,
            )
            name_box = block[0][1]
            if name:
                break
    ssn_found = value_after(
        layout, parse_ssn, "applicant's social security number", "social security number", "ssn"
    )
    if ssn_found:
        ssn = parse_ssn(ssn_found.text)
    for hit in layout.find("name and address of employer", "employer name", "employer"):
        block = layout.block_below(hit, max_lines=1, max_gap=0.04)
        if block:
            employer = clean_org(block[0][0])
            if employer:
                break
    position: str | None = None
    for hit in layout.find("present position"):
        block = layout.block_below(hit, max_lines=1, max_gap=0.04)
        if block:
            position = block[0][0]
            break
    hire = []
    for hit in layout.find("date of employment", "hire date", "date hired", "start date"):
        right = layout.text_right_of(hit)
        below = layout.block_below(hit, max_lines=1, max_gap=0.04)
        hire = find_dates(right[0] if right else "") or find_dates(below[0][0] if below else "")
        if hire:
            break

    # letter layout
    m = re.search(
        r"Verification\W+of\W+Employment\W+for\s+([A-Z][A-Za-z'.\- ]+?)(?:\s{2,}|\n|$| This)",
        text,
    )
    if name is None and m:
        name = clean_name(m.group(1))
    m = re.search(r"employed by (.+?) since (.+?)(?:,| and)", flat)
    if m:
        employer = clean_org(m.group(1)) or employer
        hire = hire or find_dates(m.group(2))
    m = re.search(r"position of ([^.,]+)", flat)
    if position is None and m:
        position = m.group(1).strip()
    if position is None and (found := text_after(layout, "position:", "job title:")):
        position = found.text
    if employer is None and layout.lines:
        employer = clean_org(" ".join(t.text for t in layout.lines[0].phrases[0]))

    annual: Decimal | None = None
    basis = ""
    hourly = re.search(r"hourly rate of " + _MONEY, flat, re.I)
    hours = re.search(r"(\d{1,2}(?:\.\d+)?) hours per week", flat, re.I)
    salary = re.search(
        r"(annual|monthly|weekly|bi-?weekly) (?:base )?(?:salary|pay) (?:is|of) " + _MONEY,
        flat,
        re.I,
    )
    if hourly and hours:
        rate = Decimal(hourly.group(1).replace(",", ""))
        annual = rate * Decimal(hours.group(1)) * 52
        basis = f"hourly rate ${rate} x {hours.group(1)} hours x 52"
    elif salary:
        annual = Decimal(salary.group(2).replace(",", "")) * _PER_YEAR[salary.group(1).lower()]
        basis = salary.group(0)
    base_box: Box | None = None
    if annual is None:
        base = value_after(
            layout,
            parse_money,
            "current gross base pay",
            "base pay",
            "annual salary",
            "base salary",
        )
        amount = parse_money(base.text) if base else None
        if base is not None and amount is not None:
            period = _marked_period(flat) or "annual"
            base_box = base.box
            if period == "hourly":
                h = value_after(
                    layout,
                    lambda s: re.fullmatch(r"\d{1,2}(?:\.\d+)?", s.strip()),
                    "average hours per week",
                    "hours per week",
                )
                per_week = Decimal(h.text.strip()) if h else Decimal(40)
                annual = amount * per_week * 52
            else:
                annual = amount * _PER_YEAR.get(period, 1)
            basis = f"{base.text} {period}"
    if position:
        result.fields["position"] = position
    if hire:
        result.fields["hire_date"] = hire[0].isoformat()
    if employer:
        result.fields["employer"] = employer
    borrower_key: str | None = None
    if name:
        borrower_key = people.add(
            name=name,
            evidence=evidence(layout, "VOE: employee", name, name_box, conf),
            ssn=ssn.digits if ssn else None,
            ssn_last4=ssn.last4 if ssn else None,
            employer=employer,
            confidence=conf,
        )
    if annual is not None:
        annual = annual.quantize(Decimal("0.01"))
        result.fields["annual_base"] = str(annual)
        dates = find_dates(flat)
        year = max(dates).year if dates else None
        result.incomes.append(
            ExtractedIncome(
                borrower_key=borrower_key,
                amount=annual,
                period=IncomePeriod.ANNUAL.value,
                year=year,
                source_type="voe",
                employer=employer,
                evidence=evidence(layout, "VOE: base pay", basis, base_box, conf),
                confidence=conf,
            )
        )
    result.borrowers = people.borrowers
    return result
