"""Form 1040: tax year, filing status, taxpayer and spouse (names, SSNs), address, wages
(line 1z, or line 1 before 2022), total income and AGI. Wages are one annual income of the
primary taxpayer.

Schedules C and E among the return's pages (see :mod:`pipeline.extraction.schedules`) each give
one more annual income: Schedule C's net profit or (loss), for its proprietor, with the business
name as employer; Schedule E's total rental real estate and royalty income or (loss). A schedule
on its own gives its income for the people it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from pipeline.domain.extracted import ExtractedBorrower, ExtractedIncome, ExtractionResult
from pipeline.domain.model import Address, DocType, IncomePeriod, normalize_name
from pipeline.extraction.common import (
    TICK,
    BorrowerSet,
    address_stacks,
    base_confidence,
    evidence,
    name_likeness,
    row_values,
    split_joint_names,
    tax_year,
    text_after,
    token_confidence,
    trim_specks,
)
from pipeline.extraction.engine import (
    Candidate,
    Field,
    Relation,
    ValueType,
    candidates,
    choose,
    label_hits,
)
from pipeline.extraction.layout import Box, Hit, Layout, Token
from pipeline.extraction.schedules import (
    SCHEDULE_E,
    AttachedSchedule,
    ScheduleReading,
    is_schedule_page,
    read_names,
    read_schedule,
    schedule_of,
    split_schedules,
)
from pipeline.extraction.values import (
    LEADING_SPECKS,
    Ssn,
    find_dates,
    looks_like_street,
    parse_city_line,
    parse_money,
    parse_ssn,
    parse_ssn_loose,
    person_name,
)

__all__ = ["RETURN_OWN_LABELS", "extract_1040", "filing_status", "is_schedule_page"]

FILING_STATUSES = (
    ("married filing jointly", "married_filing_jointly"),
    ("married filing separately", "married_filing_separately"),
    ("head of household", "head_of_household"),
    ("qualifying surviving spouse", "qualifying_surviving_spouse"),
    ("qualifying widow", "qualifying_surviving_spouse"),
    ("single", "single"),
)
WAGE_LABELS = ("add lines 1a through 1h", "wages, salaries, tips")
# Line 1a (W-2 box 1 totals) when OCR lost line 1z's amount: the same figure for a return
# whose wages all come from W-2s, the usual case for a mortgage applicant.
W2_TOTAL_LABELS = ("total amount from form(s) w-2",)
TOTAL_INCOME_LABELS = ("this is your total income", "total income")
AGI_LABELS = ("this is your adjusted gross income", "adjusted gross income")
# The two lines of total income that can be below zero: a capital loss (line 7, at most $3,000
# of it, $1,500 filing separately) and Schedule 1's additional income (line 8; before 2019,
# the business, rental and other lines 12-21 of the long form).
CAPITAL_LOSS_LIMIT = Decimal(3000)
LOSS_LABELS = (
    "additional income from schedule 1",
    "other income from schedule 1",
    "business income or (loss)",
    "rental real estate, royalties",
    "farm income or (loss)",
    "other income. list type",
)


def filing_status(layout: Layout) -> str | None:
    for line in layout.lines:
        text = line.text
        for label, value in FILING_STATUSES:
            if re.search(TICK + r"\W{0,2}\s*" + re.escape(label), text, re.IGNORECASE):
                return value
    return None


def _person(
    layout: Layout, name_labels: tuple[str, ...], ssn_labels: tuple[str, ...]
) -> tuple[str, Box, Ssn | None, Hit] | None:
    hits = layout.find(*name_labels)
    if not hits:
        return None
    hit = hits[0]
    # the SSN label heads the same row, though OCR may have put it on a line of its own
    ssn_hits = [
        h
        for h in layout.find(*ssn_labels)
        if h.line == hit.line or abs(h.box.center_y - hit.box.center_y) < hit.box.height
    ]
    limit = layout.phrase_left(ssn_hits[0]) - 0.01 if ssn_hits else None
    # the first name and the last name sit in two cells of one row: read both
    last_hits = [
        h
        for h in layout.find("last name")
        if abs(h.box.center_y - hit.box.center_y) < hit.box.height and h.box.left > hit.box.left
    ]
    first_limit = last_hits[0].box.left - 0.01 if last_hits else limit
    block = layout.block_below(hit, max_lines=1, max_gap=0.04, right_limit=first_limit)
    if not block:
        return None
    text, name_box = block[0]
    # dust OCR read in the first name's cell after the name ("DMITRI J .", "Wendell B 3")
    text = trim_specks(text)
    if last_hits:
        # (the "Last name" cell starts at its own label, whatever phrase OCR merged it into)
        last = layout.block_below(
            last_hits[0],
            max_lines=1,
            max_gap=0.04,
            right_limit=limit,
            left_limit=last_hits[0].box.left - 0.02,
        )
        if last and abs(last[0][1].center_y - name_box.center_y) < name_box.height:
            surname = trim_specks(last[0][0].lstrip(LEADING_SPECKS))
            # the first-name cell holds a first name and an initial: a word there with no
            # letter is dust, however few words stay ("ULYSSES 7")
            words = text.split()
            while len(words) > 1 and not any(c.isalpha() for c in words[-1]):
                words.pop()
            text = " ".join(words)
            text, name_box = f"{text} {surname}", name_box.union(last[0][1])
    elif len(words := text.split()) == 1 or (len(words) == 2 and len(words[1].rstrip(".")) == 1):
        # the "Last name" label unread ("Tast_nane", "initial{Last name"): the surname is the
        # row's next cell after the first name (and initial), left of the SSN's column
        text, name_box = _with_next_cell(layout, text, name_box, limit)
    name = person_name(text)
    if name is None:
        return None
    ssn: Ssn | None = None
    parsers = (parse_ssn, parse_ssn_loose) if layout.ocr else (parse_ssn,)
    for parse in parsers if ssn_hits else ():
        tok = layout.value_for(ssn_hits[0], parse, max_below=0.04)
        # the SSN is printed on the name's row: one further down is the spouse's
        if tok is not None and tok.box.top < name_box.bottom:
            ssn = parse(tok.text)
            break
    return name, name_box, ssn, hit


def _name_ssn_rows(layout: Layout) -> list[tuple[str, Box, Ssn]]:
    """Rows above the return's address that print a person's name and then an SSN."""
    rows: list[tuple[str, Box, Ssn]] = []
    # (the section headings, first on their lines: not the title's "Income Tax Return")
    ends = [h.line for h in layout.find("dependents", "income") if h.first == 0]
    for line in layout.lines[: min(ends, default=len(layout.lines))]:
        if rows and (looks_like_street(line.text) or parse_city_line(line.text)):
            break  # the address, after the names
        if len(line.phrases) < 2:
            continue
        last = "".join(t.text for t in line.phrases[-1])
        ssn = parse_ssn(last) or parse_ssn_loose(last)
        name_tokens = [t for phrase in line.phrases[:-1] for t in phrase]
        name = person_name(trim_specks(" ".join(t.text for t in name_tokens)))
        if ssn is not None and name is not None:
            box = name_tokens[0].box.union(name_tokens[-1].box)
            rows.append((name, box, ssn))
    return rows


def _with_next_cell(layout: Layout, text: str, box: Box, limit: float | None) -> tuple[str, Box]:
    """A first name's cell and the next cell of its row, when that cell is one word that
    could be a surname (no digit, a capital first)."""
    for line in layout.lines:
        if not line.tokens or abs(line.box.center_y - box.center_y) >= box.height:
            continue
        for phrase in line.phrases:
            first = phrase[0].box
            if first.left <= box.right or (limit is not None and first.left >= limit):
                continue
            words = [t.text for t in phrase]
            if (
                len(words) == 1
                and words[0][:1].isupper()
                and not any(c.isdigit() for c in words[0])
            ):
                return f"{text} {words[0]}", box.union(phrase[-1].box)
            return text, box
    return text, box


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


_NAMES_LABELS = (
    "name(s) shown on return", "names shown on return", "name shown on return",
    "taxpayer name", "taxpayer's name", "primary taxpayer", "taxpayer", "your name",
)  # fmt: skip
_SPOUSE_LABELS = ("spouse's name", "spouse name", "spouse")
SSN = ValueType("ssn", parse_ssn)
_YOUR_SSN = Field(
    "taxpayer_ssn",
    labels=("your ssn", "your social security number", "taxpayer ssn", "taxpayer's ssn",
            "primary ssn", "ssn", "social security number"),
    value=SSN,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("spouse", "dependent"),
    exact_labels=("ssn",),
)  # fmt: skip
_SPOUSE_SSN = Field(
    "spouse_ssn",
    labels=("spouse's ssn", "spouse ssn", "spouse's social security number"),
    value=SSN,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
)
Person = tuple[str, Box | None, Ssn | None, Layout]


def _listed_people(layouts: Sequence[Layout]) -> list[tuple[str, Person]]:
    """Taxpayer and spouse as a return summary prints them: a names line (joint names
    split), or "Taxpayer:" and "Spouse:" fields, with "Your SSN" / "Spouse's SSN"."""
    for lay in layouts[:2]:
        names: list[tuple[str, Box | None]] = []
        for lh in sorted(label_hits(lay, _NAMES_LABELS), key=lambda lh: lh.rank):
            right = lay.text_right_of(lh.hit)
            if right is None:
                continue
            text = re.split(r"\s{2,}|\b(?:SSN|Social)\b", right[0])[0]
            found = split_joint_names(text)
            if found:
                names = [(n, right[1]) for n in found]
                break
        if not names:
            continue
        if len(names) == 1:
            for lh in label_hits(lay, _SPOUSE_LABELS, ("ssn", "social")):
                right = lay.text_right_of(lh.hit)
                spouse = split_joint_names(right[0].split("  ")[0]) if right else []
                if spouse:
                    names.append((spouse[0], right[1] if right else None))
                    break
        ssns = [_own_ssn(lay, _YOUR_SSN), _own_ssn(lay, _SPOUSE_SSN)]
        out: list[tuple[str, Person]] = []
        for i, (name, box) in enumerate(names[:2]):
            found_ssn = ssns[i] if i < len(ssns) else None
            ssn = found_ssn.value if found_ssn is not None else None
            # a person's own line ("Taxpayer: NAME  SSN: ...") says whose number is whose;
            # the labels alone ("SSN:" twice) do not
            own = _ssn_on_name_line(lay, name)
            if own is not None:
                ssn = own
            elif ssn is not None and any(
                _ssn_on_name_line(lay, other) == ssn
                for j, (other, _b) in enumerate(names[:2])
                if j != i
            ):
                ssn = None
            out.append(("taxpayer" if i == 0 else "spouse", (name, box, ssn, lay)))
        return out
    return []


def _own_ssn(layout: Layout, spec: Field) -> Candidate | None:
    """The taxpayer's (or spouse's) SSN by its label, not a dependent's printed the same way
    ("DEPENDENT 1 SSN: XXX-XX-5495" under "SSN: XXX-XX-4827" on a transcript)."""
    cands = [
        c
        for c in candidates([layout], spec)
        if not re.search(r"\bdependent", c.line_text or "", re.IGNORECASE)
    ]
    return choose(cands, spec.margin).best


def _ssn_on_name_line(layout: Layout, name: str) -> Ssn | None:
    """The SSN printed on the line that also prints ``name`` (and no other SSN)."""
    key = normalize_name(name)
    for line in layout.lines:
        if key not in normalize_name(line.text):
            continue
        found = [s for t in line.tokens if (s := parse_ssn(t.text)) is not None]
        if len(found) == 1:
            return found[0]
    return None


def _block_address(layout: Layout, box: Box | None) -> Address | None:
    """The street and city printed under the names line."""
    if box is None:
        return None
    for stack in address_stacks(layout):
        if 0 <= stack.box.top - box.bottom < 0.08 or stack.box.top <= box.top <= stack.box.bottom:
            return stack.address
    return None


# A line's number as the form prints it beside its amount box ("1z", OCR's "lz", "|c")
_AMOUNT_LINE_NO = re.compile(r"^[1lI|i]([a-hz])$")


def _numbered_amounts(layout: Layout) -> dict[str, tuple[Token, Hit]]:
    """Lines 1a-1h and 1z by the numbers printed beside their amounts, where a line ends in
    its number and a figure ("... Add lines 1a through 1h  1z  148,190"), whatever OCR made of
    the line's words. Each as (the amount, a hit on the line number)."""
    out: dict[str, tuple[Token, Hit]] = {}
    for i, line in enumerate(layout.lines):
        toks = line.tokens
        if len(toks) < 3:
            continue
        m = _AMOUNT_LINE_NO.match(toks[-2].text.strip(".:"))
        amount = parse_money(toks[-1].text)
        if m is None or amount is None or amount <= 0:
            continue
        hit = Hit(i, len(toks) - 2, len(toks) - 2, toks[-2].box, 0.8)
        out.setdefault(m.group(1), (toks[-1], hit))
    return out


def _line_amount(layout: Layout, labels: tuple[str, ...]) -> tuple[Token, Hit] | None:
    for hit in layout.find(*labels):
        values = row_values(layout, hit, parse_money)
        if values:
            return values[-1], hit
    return None


_RETURN_SUMMARY = re.compile(
    r"\breturn\s+summary\b|\bsummary\s+of\s+(?:your\s+)?(?:\d{4}\s+)?(?:federal\s+)?"
    r"(?:income\s+)?tax\s+return",
    re.IGNORECASE,
)


# What only a return's own first page prints: its name rows (2018 and before: "and initial")
# and the campaign box (a preparer's letter or an e-file authorization may name its title)
RETURN_OWN_LABELS = (
    "your first name and middle initial",
    "your first name and initial",
    "presidential election campaign",
)
# What the return's own first page prints (its title, its name row).
_RETURN_FIRST_PAGE = (
    "u.s. individual income tax return",
    "u.s. tax return for seniors",
    "your first name and middle initial",
)


def summarises_return(layout: Layout) -> bool:
    """A tax program's or a preparer's summary page of a return ("Federal Return Summary",
    "Tax Return Summary - 2020"), printed before the return's own pages."""
    return _RETURN_SUMMARY.search(" ".join(line.text for line in layout.lines[:6])) is not None


def extract_1040(layouts: Sequence[Layout]) -> ExtractionResult:
    """A return's pages, with the Schedules C and E among them (or a schedule on its own):
    the 1040's fields and wage income, and one income per schedule."""
    result = ExtractionResult(
        doc_type=DocType.FORM_1040.value, extractor="form_1040", extractor_version=""
    )
    people = BorrowerSet()
    pages, attached = split_schedules(layouts)
    # a tax program's summary printed before the return: the return's own pages say who and
    # which year
    # (and a preparer's cover letter or an e-file authorization: no name rows of the return's
    # own before a page that has them)
    while len(pages) > 1 and (
        (summarises_return(pages[0]) and any(p.has(*_RETURN_FIRST_PAGE) for p in pages[1:]))
        or (
            not pages[0].has(*RETURN_OWN_LABELS)
            and any(p.has(*RETURN_OWN_LABELS) for p in pages[1:])
        )
    ):
        pages = pages[1:]
    year, primary = _read_return(result, people, pages) if pages else (None, None)
    _check_wages(result, pages)
    _add_schedules(result, people, attached, year, primary)
    result.borrowers = people.borrowers
    return result


def _read_return(
    result: ExtractionResult, people: BorrowerSet, layouts: Sequence[Layout]
) -> tuple[int | None, str | None]:
    """The 1040's own pages: fields, taxpayer and spouse, the wage income; returns the tax
    year and the primary taxpayer's key."""
    layout = layouts[0]
    title = layout.find("individual income tax return", "form 1040")
    year = tax_year(layout, title)
    # an IRS transcript is dated when it was requested; the return's year is its tax period
    period = text_after(layout, "tax period requested", "tax period")
    if period is not None and (dates := find_dates(period.text)):
        year = dates[0].year
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
            ssn=ssn.digits if ssn else None,
            ssn_last4=ssn.last4 if ssn else None,
            address=address,
            confidence=conf,
        )
        # (the return's income is the taxpayer's: a spouse read where the taxpayer's name
        # was not is never its owner)
        if role == "taxpayer":
            primary = key
    if primary is None and layout.ocr:
        # labels OCR could not read ("Your flac. mame and middic initial"): the header's rows
        # that hold a name and then an SSN, taxpayer first, spouse second
        rows = _name_ssn_rows(layout)[:2]
        for role, (name, box, ssn) in zip(("taxpayer", "spouse"), rows, strict=False):
            key = people.add(
                name=name,
                evidence=evidence(layout, f"Form 1040: {role}", name, box, conf),
                ssn=ssn.digits,
                ssn_last4=ssn.last4,
                address=address,
                confidence=conf,
            )
            if role == "taxpayer":
                primary = key
    if not people.borrowers:
        # tax software and substitute layouts: "Name(s) shown on return: A & B Doe",
        # "Taxpayer: NAME  SSN: ...", "Spouse: NAME"
        for role, listed in _listed_people(layouts):
            name, name_box, ssn, lay = listed
            key = people.add(
                name=name,
                evidence=evidence(lay, f"Form 1040: {role}", name, name_box, conf),
                ssn=ssn.digits if ssn else None,
                ssn_last4=ssn.last4 if ssn else None,
                address=address or _block_address(lay, name_box),
                confidence=conf,
            )
            if role == "taxpayer":
                primary = key
    for lay in layouts:
        for field_name, labels in (
            ("wages", WAGE_LABELS),
            ("total_income", TOTAL_INCOME_LABELS),
            ("agi", AGI_LABELS),
        ):
            if field_name in result.fields:
                continue
            found = _line_amount(lay, labels)
            line_no = "1z" if found and "1h" in lay.lines[found[1].line].text else "1"
            numbered = _numbered_amounts(lay) if field_name == "wages" else {}
            if found is None and "z" in numbered:
                # the line's words garbled, its number beside the amount read
                found, line_no = numbered["z"], "1z"
            if found is None and field_name == "wages":
                found, line_no = _line_amount(lay, W2_TOTAL_LABELS), "1a"
                # (line 1a is the wages only when no other line of them holds an amount)
                if any(k in numbered for k in "bcdefgh"):
                    found = None
            if found is None:
                continue
            tok, hit = found
            amount = parse_money(tok.text)
            if amount is None:
                continue
            # wages are never below zero: on a scan a bare dash before them is a rule's end
            # or a speck ("-137004"), the figure itself is read
            doubted_sign = field_name == "wages" and amount < 0 and lay.ocr
            if doubted_sign and re.fullmatch(r"-\s?\$?[\d,.]+", tok.text.strip()):
                amount = -amount
            elif field_name == "wages" and amount < 0:
                continue
            result.fields[field_name] = str(amount)
            if field_name == "wages":
                wconf = token_confidence(lay, tok, hit.score) * (0.8 if doubted_sign else 1.0)
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
    return year, primary


# "1a Total amount from Form(s) W-2 ... 1a 95,000" : a line number, words, the amount
_LINE_1 = re.compile(r"^\s*1([a-h])\b", re.IGNORECASE)
# and as OCR reads the one: "ta", "la", "|a"
_LINE_1_OCR = re.compile(r"^\W{0,2}[tlI|i]([a-h])\s+[A-Z]")


def _check_wages(result: ExtractionResult, layouts: Sequence[Layout]) -> None:
    """The return's own arithmetic: line 1z is the sum of lines 1a-1h. (Wages may exceed the
    total income: a business or capital loss brings it below them.)"""
    if not result.incomes or "wages" not in result.fields:
        return
    wages = Decimal(result.fields["wages"])
    problems: list[str] = []
    parts: dict[str, Decimal] = {}
    for lay in layouts:
        for line in lay.lines:
            m = _LINE_1.match(line.text) or (lay.ocr and _LINE_1_OCR.match(line.text))
            if not m or m.group(1).lower() in parts:
                continue
            # the line's amount is printed after its words ("Form 8839; line 29" is wording)
            worded = [i for i, t in enumerate(line.tokens) if sum(c.isalpha() for c in t.text) >= 2]
            after = line.tokens[max(worded, default=0) + 1 :]
            values = [v for t in after if (v := parse_money(t.text)) is not None]
            if values:
                parts[m.group(1).lower()] = values[-1]
    # (without line 1a, the W-2 wages, the lines read cannot add up to 1z: nothing is checked)
    if len(parts) >= 2 and "a" in parts and sum(parts.values()) != wages:
        problems.append(f"line 1z {wages} != lines 1a-1h {sum(parts.values())}")
    elif "a" not in parts:
        result.fields["check_wages"] = "not checked: line 1a not read"
    if (above := _above_total_income(result, layouts, wages)) is not None:
        problems.append(above)
    if problems:
        # one of the figures is misread and the return cannot say which: no wage income
        # (the figures and the failed check stay in the fields for review)
        result.fields["check_wages"] = "failed: " + "; ".join(problems)
        result.incomes = [i for i in result.incomes if i.source_type != "form_1040"]


def _above_total_income(
    result: ExtractionResult, layouts: Sequence[Layout], wages: Decimal
) -> str | None:
    """Total income is the wages plus the other income lines; only a capital loss (at most
    $3,000) and a loss among the other income can bring it below the wages. Wages further
    above it, with no loss read on the return, are misread (on a scan, two figures run
    together: "253,733.00" read "252377393.00")."""
    total = result.fields.get("total_income")
    if total is None:
        return None
    limit = Decimal(total) + CAPITAL_LOSS_LIMIT
    if wages <= limit:
        return None
    for lay in layouts:
        for hit in lay.find(*LOSS_LABELS):
            if any(
                (v := parse_money(t.text)) is not None and v < 0
                for t in row_values(lay, hit, parse_money)
            ):
                return None  # a loss explains it
    return f"wages {wages} above total income {total} with no loss on the return"


# --- Schedules C and E ------------------------------------------------------------------------


def _add_schedules(
    result: ExtractionResult,
    people: BorrowerSet,
    attached: Sequence[AttachedSchedule],
    year: int | None,
    primary: str | None,
) -> None:
    """One income per schedule whose result is read and not contradicted by its arithmetic,
    for the person the schedule names (one of the return's, or, for a schedule on its own,
    the people it names). A failed check keeps the figures in the fields, without income."""
    on_return = list(people.borrowers)
    seen: dict[str, int] = {}
    for item in attached:
        reading = read_schedule(item)
        schedule = reading.schedule
        seen[schedule.source_type] = n = seen.get(schedule.source_type, 0) + 1
        prefix = schedule.source_type + (f"_{n}" if n > 1 else "")
        found = reading.result
        if found is not None:
            result.fields[f"{prefix}_line_{schedule.result}"] = str(found.value)
        if reading.checks:
            verdict = f"{reading.verdict}: " if reading.verdict in ("failed", "unsure") else ""
            result.fields[f"check_{prefix}"] = verdict + "; ".join(reading.checks)
        amount = reading.amount
        if found is None or amount is None:
            continue
        layout = found.layout
        conf = base_confidence(layout) * min(1.0, found.score)
        if reading.verdict != "confirmed":
            conf *= 0.85  # no printed arithmetic to confirm it
        conf = round(conf, 3)
        key = _schedule_owner(people, on_return, reading, primary, conf)
        if key is None:
            result.fields[f"{prefix}_owner"] = (
                "not one of the return's taxpayers" if on_return else "no name read"
            )
            continue
        result.incomes.append(
            ExtractedIncome(
                borrower_key=key,
                amount=amount,
                period=IncomePeriod.ANNUAL.value,
                # attached to a return, the schedule is for the return's year
                year=year if year is not None else reading.year,
                source_type=schedule.source_type,
                employer=reading.business,
                evidence=evidence(
                    layout,
                    f"{schedule.section} line {schedule.result}",
                    found.line_text,
                    found.box,
                    conf,
                ),
                confidence=conf,
            )
        )


def _schedule_owner(
    people: BorrowerSet,
    on_return: Sequence[ExtractedBorrower],
    reading: ScheduleReading,
    primary: str | None,
    conf: float,
) -> str | None:
    """Whose the schedule is. With the return's people: the one it names (by name, else SSN);
    the only one, unless the schedule clearly names someone else; on a joint return, the
    taxpayer for a Schedule E whose names line was not read (it starts with the taxpayer) and
    nobody for such a Schedule C. On its own: the people its names line holds, the first the
    owner."""
    last4 = reading.ssn[1] if reading.ssn else None
    if on_return:
        key = _match_person(on_return, reading.names[:1], last4)
        if key is not None:
            return key
        if reading.names:
            # a name OCR garbled still resembles the only taxpayer; another person's does not
            alike = name_likeness(reading.names[0], on_return[0].name)
            return on_return[0].key if len(on_return) == 1 and alike >= 0.6 else None
        if len(on_return) == 1:
            return on_return[0].key
        return primary if reading.schedule is SCHEDULE_E else None
    keys = []
    for i, name in enumerate(reading.names[:2]):
        digits = reading.ssn[0] if reading.ssn and i == 0 else None
        keys.append(
            people.add(
                name=name,
                evidence=evidence(
                    reading.name_page,
                    f"{reading.schedule.section}: name",
                    name,
                    reading.name_box,
                    conf,
                ),
                ssn=digits,
                ssn_last4=last4 if i == 0 and digits is None else None,
                confidence=conf,
            )
        )
    return keys[0] if keys else None


def _match_person(
    borrowers: Sequence[ExtractedBorrower], names: Sequence[str], last4: str | None
) -> str | None:
    """The borrower a schedule's name is (closest by spelling, clearly ahead of the other
    spouse), else the one its SSN's last four digits are."""
    if names:
        scored = sorted(((name_likeness(names[0], b.name), b.key) for b in borrowers), reverse=True)
        best = scored[0]
        if best[0] >= 0.85 and (len(scored) == 1 or best[0] - scored[1][0] >= 0.1):
            return best[1]
    if last4:
        keys = [
            b.key
            for b in borrowers
            if (b.ssn is not None and b.ssn[-4:] == last4) or b.ssn_last4 == last4
        ]
        if len(keys) == 1:
            return keys[0]
    return None


def schedule_continues(layouts: Sequence[Layout], page: Layout) -> bool:
    """Whether a Schedule C or E page belongs to the return (or schedule) on ``layouts``: it
    does unless the names it prints are clearly nobody's there (a loan file holding a spouse's
    or a partner's separate schedule after the borrower's return). Not a schedule: False."""
    schedule = schedule_of(page)
    if schedule is None:
        return False
    named = read_names(page, schedule.name_labels)
    if named is None or not named[0]:
        return True
    people = [b.name for b in extract_1040(layouts).borrowers]
    if not people:
        return True
    return any(
        name_likeness(name, person) >= _SAME_PERSON for name in named[0][:2] for person in people
    )


# a name OCR garbled still resembles its owner; another person's does not
_SAME_PERSON = 0.6
