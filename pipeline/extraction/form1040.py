"""Form 1040: tax year, filing status, taxpayer and spouse (names, SSNs), address, wages
(line 1z, or line 1 before 2022), total income and AGI. Wages are one annual income of the
primary taxpayer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import Address, DocType, IncomePeriod
from pipeline.extraction.common import (
    BorrowerSet,
    evidence,
    most_common_year,
    row_values,
    token_confidence,
    year_near,
)
from pipeline.extraction.layout import Box, Hit, Layout, Token
from pipeline.extraction.values import (
    clean_name,
    looks_like_street,
    parse_city_line,
    parse_money,
    parse_ssn,
)

FILING_STATUSES = (
    ("married filing jointly", "married_filing_jointly"),
    ("married filing separately", "married_filing_separately"),
    ("head of household", "head_of_household"),
    ("qualifying surviving spouse", "qualifying_surviving_spouse"),
    ("qualifying widow", "qualifying_surviving_spouse"),
    ("single", "single"),
)
_CHECK = r"(?:\bX\b|☒|✓|✔|\[x\]|■)"
WAGE_LABELS = ("add lines 1a through 1h", "wages, salaries, tips")
TOTAL_INCOME_LABELS = ("this is your total income", "total income")
AGI_LABELS = ("this is your adjusted gross income", "adjusted gross income")


def filing_status(layout: Layout) -> str | None:
    for line in layout.lines:
        text = line.text
        for label, value in FILING_STATUSES:
            if re.search(_CHECK + r"\s*" + re.escape(label), text, re.IGNORECASE):
                return value
    return None


def _person(
    layout: Layout, name_labels: tuple[str, ...], ssn_labels: tuple[str, ...]
) -> tuple[str, Box, str | None, Hit] | None:
    hits = layout.find(*name_labels)
    if not hits:
        return None
    hit = hits[0]
    ssn_hits = [h for h in layout.find(*ssn_labels) if h.line == hit.line]
    limit = layout.phrase_left(ssn_hits[0]) - 0.01 if ssn_hits else None
    block = layout.block_below(hit, max_lines=1, max_gap=0.04, right_limit=limit)
    if not block:
        return None
    name = clean_name(block[0][0])
    if name is None:
        return None
    ssn: str | None = None
    if ssn_hits:
        tok = layout.value_for(ssn_hits[0], parse_ssn, max_below=0.04)
        parsed = parse_ssn(tok.text) if tok else None
        ssn = parsed.digits if parsed else None
    return name, block[0][1], ssn, hit


def _address(layout: Layout) -> Address | None:
    street_hits = layout.find("home address (number and street)", "home address")
    city_hits = layout.find("city, town, or post office", "city, town or post office")
    if not street_hits or not city_hits:
        return None
    street = layout.block_below(street_hits[0], max_lines=1, max_gap=0.04, right_limit=1.0)
    city = layout.block_below(city_hits[0], max_lines=1, max_gap=0.04, right_limit=1.0)
    if not street or not city or not looks_like_street(street[0][0]):
        return None
    parsed = parse_city_line(city[0][0])
    if parsed is None:
        return None
    return Address(
        street=" ".join(street[0][0].split()), city=parsed[0], state=parsed[1], zip=parsed[2]
    )


def _line_amount(layout: Layout, labels: tuple[str, ...]) -> tuple[Token, Hit] | None:
    for hit in layout.find(*labels):
        values = row_values(layout, hit, parse_money)
        if values:
            return values[-1], hit
    return None


def extract_1040(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.FORM_1040.value, extractor="form_1040", extractor_version=""
    )
    people = BorrowerSet()
    layout = layouts[0]
    title = layout.find("individual income tax return", "form 1040")
    found_year = year_near(layout, title, lines_around=1)
    year = found_year[0] if found_year else most_common_year(layout)
    if year is not None:
        result.fields["tax_year"] = str(year)
    status = filing_status(layout)
    if status:
        result.fields["filing_status"] = status
    address = _address(layout)
    conf = token_confidence(layout, None)
    primary: str | None = None
    for role, names, ssns in (
        (
            "taxpayer",
            ("your first name and middle initial", "your first name"),
            ("your social security number",),
        ),
        (
            "spouse",
            ("spouse's first name and middle initial", "spouse's first name"),
            ("spouse's social security number",),
        ),
    ):
        person = _person(layout, names, ssns)
        if person is None:
            continue
        name, box, ssn, _hit = person
        key = people.add(
            name=name,
            evidence=evidence(layout, f"Form 1040: {role}", name, box, conf),
            ssn=ssn,
            address=address,
            confidence=conf,
        )
        primary = primary or key
    for lay in layouts:
        for field_name, labels in (
            ("wages", WAGE_LABELS),
            ("total_income", TOTAL_INCOME_LABELS),
            ("agi", AGI_LABELS),
        ):
            if field_name in result.fields:
                continue
            found = _line_amount(lay, labels)
            if found is None:
                continue
            tok, hit = found
            amount = parse_money(tok.text)
            if amount is None:
                continue
            result.fields[field_name] = str(amount)
            if field_name == "wages":
                wconf = token_confidence(lay, tok, hit.score)
                line_no = "1z" if "1h" in lay.lines[hit.line].text else "1"
                result.incomes.append(
                    ExtractedIncome(
                        borrower_key=primary,
                        amount=amount,
                        period=IncomePeriod.ANNUAL.value,
                        year=year,
                        source_type="form_1040",
                        evidence=evidence(
                            lay,
                            f"Form 1040 line {line_no}",
                            lay.lines[hit.line].text,
                            tok.box,
                            wconf,
                        ),
                        confidence=wconf,
                    )
                )
    result.borrowers = people.borrowers
    return result
