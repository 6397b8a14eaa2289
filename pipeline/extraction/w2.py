"""Form W-2: employee, employer, tax year and boxes 1-6, one income per distinct W-2.

Every "Wages, tips, other compensation" label starts one printed W-2 (a page may hold copies
B, C and 2 of the same form, or forms of different employers). Each other label on the page
belongs to the nearest such anchor, and each printed value to the label box it sits in. Copies
of the same W-2 (same SSN or name, EIN and box 1) are counted once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod, normalize_name
from pipeline.extraction.common import (
    BorrowerSet,
    Party,
    address_blocks,
    evidence,
    is_label_line,
    name_likeness,
    party_beside,
    plain_label_hits,
    read_party,
    tax_year,
    token_confidence,
)
from pipeline.extraction.engine import matches
from pipeline.extraction.layout import Box, Hit, Layout, Token, union_all
from pipeline.extraction.values import (
    Ssn,
    clean_org,
    looks_like_street,
    parse_address,
    parse_city_line,
    parse_ein,
    parse_money,
    parse_ssn,
    parse_ssn_loose,
    person_name,
)

BOX_LABELS: dict[str, tuple[str, ...]] = {
    # (an employee portal's or a payroll summary's wording: "Federal Wages (1)")
    "box1": (
        "wages, tips, other compensation",
        "wages tips other comp",
        "wages, tips, other",
        "federal taxable wages",
        "federal wages",
    ),
    "box2": (
        "federal income tax withheld",
        "federal income tax",
        "fed income tax withheld",
        "federal tax withheld",
        "federal tax",
    ),
    "box3": ("social security wages", "soc sec wages", "ss wages"),
    "box4": ("social security tax withheld", "soc sec tax withheld", "ss tax withheld", "ss tax"),
    "box5": ("medicare wages and tips", "medicare wages"),
    "box6": ("medicare tax withheld", "med tax withheld", "medicare tax"),
    # (read to check box 1 against: a state's wages are box 1's figure as a rule)
    "box16": ("state wages, tips, etc", "state wages, tips", "state wages"),
}
SSN_LABELS = (
    "employee's social security number",
    "employee's soc sec no",
    "employee's ssa number",
    "employee's ssn",
    "employee ssn",
    "social security number",
    "ssn",
)
EIN_LABELS = (
    "employer identification number",
    "employer id number",
    "employer's fed id",
    "employer ein",
    "ein",
)
EMPLOYEE_LABELS = (
    "employee's first name and initial",
    "employee's name, address",
    "employee's name",
    "employee name",
)
# (a form that gives the employee's address its own box, "f", under the name's "e")
EMPLOYEE_ADDRESS_LABELS = ("employee's address and zip code", "employee's address")
EMPLOYER_LABELS = ("employer's name, address", "employer's name", "employer name")
TITLE_LABELS = ("wage and tax statement", "form w-2", "w-2")


@dataclass
class _Copy:
    anchor: Hit
    hits: dict[str, Hit] = field(default_factory=dict)
    values: dict[str, Token] = field(default_factory=dict)
    # the form prints each box's caption under its value, not over it
    captions_below: bool = False


def _nearest_anchor(hit: Hit, anchors: Sequence[Hit]) -> int:
    def dist(a: Hit) -> float:
        # labels sit above/left of box 1 within one form; vertical distance matters most
        return math.hypot(hit.box.left - a.box.left, 2.0 * (hit.box.top - a.box.top))

    return min(range(len(anchors)), key=lambda i: dist(anchors[i]))


def _read_copies(layout: Layout) -> list[_Copy]:
    anchors = layout.find(*BOX_LABELS["box1"])
    if not anchors:
        return []
    copies = [_Copy(anchor=a, hits={"box1": a}) for a in anchors]
    groups: dict[str, tuple[str, ...]] = {
        **{k: v for k, v in BOX_LABELS.items() if k != "box1"},
        "ssn": SSN_LABELS,
        "ein": EIN_LABELS,
        "employee": EMPLOYEE_LABELS,
        "employer": EMPLOYER_LABELS,
    }
    for name, labels in groups.items():
        best: dict[int, Hit] = {}
        for hit in layout.find_preferred(*labels):
            if any(
                hit.line == c.anchor.line
                and hit.first <= c.anchor.last
                and hit.last >= c.anchor.first
                for c in copies
            ):
                continue
            i = _nearest_anchor(hit, anchors)
            current = best.get(i)
            if current is None or _closer(hit, current, anchors[i]):
                best[i] = hit
        for i, hit in best.items():
            copies[i].hits[name] = hit
    # values: each goes to the label box it sits in, across all copies at once
    for name, parse in (
        ("money", parse_money),
        ("ssn", parse_ssn),
        ("ein", parse_ein),
    ):
        keys = list(BOX_LABELS) if name == "money" else [name]
        slots = [(c, k) for c in copies for k in keys if k in c.hits]
        found = layout.rank_values([c.hits[k] for c, k in slots], parse)
        for (c, k), tok in zip(slots, found, strict=True):
            if tok is not None:
                c.values[k] = tok
    if layout.ocr:
        missing = [c for c in copies if "ssn" in c.hits and "ssn" not in c.values]
        found = layout.rank_values([c.hits["ssn"] for c in missing], parse_ssn_loose)
        for c, tok in zip(missing, found, strict=True):
            if tok is not None:
                c.values["ssn"] = tok
    for c in copies:
        above = _values_above(layout, c)
        if _fica_fits(_amounts(above)) > _fica_fits(_amounts(c.values)):
            c.values, c.captions_below = above, True
    return copies


def _amounts(values: dict[str, Token]) -> dict[str, Decimal]:
    return {
        box: amount
        for box in BOX_LABELS
        if box in values and (amount := parse_money(values[box].text)) is not None
    }


_SS_RATE, _MEDICARE_RATE, _ADDITIONAL_MEDICARE_RATE = (
    Decimal("0.062"),
    Decimal("0.0145"),
    Decimal("0.009"),
)


def _fica_fits(boxes: dict[str, Decimal]) -> int:
    """How many of the W-2's two statutory products hold: Social Security tax (box 4) is 6.2%
    of Social Security wages (box 3), Medicare tax (box 6) 1.45% of Medicare wages (box 5),
    0.9% more above $200,000 (a cent or so apart, per-pay-period rounding)."""

    def near(found: Decimal, expected: Decimal) -> bool:
        return abs(found - expected) <= max(Decimal("1.00"), expected * Decimal("0.002"))

    fits = 0
    box3, box4, box5, box6 = (boxes.get(b) for b in ("box3", "box4", "box5", "box6"))
    if box3 and box4 and near(box4, box3 * _SS_RATE):
        fits += 1
    if box5 and box6:
        extra = max(Decimal(0), box5 - 200000) * _ADDITIONAL_MEDICARE_RATE
        if near(box6, box5 * _MEDICARE_RATE) or near(box6, box5 * _MEDICARE_RATE + extra):
            fits += 1
    return fits


# A form's caption as printed in its box: a box letter or number, then words ("c Employer's
# name", "e/f Employee's name", "12a-b See instructions")
_CAPTION = re.compile(r"^(?:[a-f](?:/[a-f])?|\d{1,2}[a-d]?(?:-[a-d])?)\s+[A-Za-z]")


def _caption_like(text: str) -> bool:
    return (
        is_label_line(text)
        or matches(text, TITLE_LABELS)
        or (bool(_CAPTION.match(text)) and not looks_like_street(text))
    )


_CELL_WIDTH = 0.3


def _column_above(layout: Layout, hit: Hit, max_gap: float = 0.05) -> list[tuple[str, Box]]:
    """The lines printed above a caption in its box's column, nearest first, up to the caption
    (or title) above it: what a form that prints its captions under the values holds there."""
    left, right = layout.label_left(hit) - 0.01, layout.column_right(hit)
    out: list[tuple[str, Box]] = []
    last_top = hit.box.top
    for line in reversed(layout.lines[: hit.line]):
        # (a phrase that starts far right of the caption is another cell's, however wide the
        # caption's column reads on a line of its own)
        toks = [
            t
            for phrase in line.phrases
            if left <= phrase[0].box.left < min(right, left + _CELL_WIDTH)
            for t in phrase
            if t.box.left < right
        ]
        if not toks:
            continue
        box = union_all(t.box for t in toks)
        text = " ".join(t.text for t in toks)
        if last_top - box.bottom > max_gap or _caption_like(text):
            break
        out.append((text, box))
        last_top = box.top
    return out


def _values_above(layout: Layout, copy: _Copy) -> dict[str, Token]:
    """Each box's value read as the line right above its caption in its column."""
    out: dict[str, Token] = {}
    used: set[Box] = set()
    parsers = {"ssn": parse_ssn, "ein": parse_ein}
    for key, hit in copy.hits.items():
        if key not in BOX_LABELS and key not in parsers:
            continue
        parse = parsers.get(key, parse_money)
        nearest = _column_above(layout, hit)[:1]
        if not nearest:
            continue
        _text, line_box = nearest[0]
        left, right = layout.label_left(hit) - 0.01, layout.column_right(hit)
        found = [
            tok
            for tok, box in layout.candidates(parse)
            if left <= box.left < right
            and box.top >= line_box.top - 1e-6
            and box.bottom <= line_box.bottom + 1e-6
            and box not in used
        ]
        if found:
            out[key] = found[0]
            used.add(found[0].box)
    return out


def _address_above(layout: Layout, name_hit: Hit | None, party: Party | None) -> Party | None:
    """The employee's address printed above its own caption ("f Employee's address and ZIP
    code"), the next caption under the name's."""
    if party is None or party.address is not None or name_hit is None:
        return party
    below = [h for h in layout.find(*EMPLOYEE_ADDRESS_LABELS) if h.line > name_hit.line]
    if not below:
        return party
    hit = min(below, key=lambda h: h.line)
    lines = [t for t, _b in reversed(_column_above(layout, hit))]
    parsed = parse_address(lines)
    if parsed is None:
        return party
    return Party(party.name, party.name_box, parsed[0], " ".join([party.text, *lines]))


_GENERATION = re.compile(r"(?:jr|sr|ii|iii|iv)\.?", re.IGNORECASE)


def _given_name_first(party: Party | None) -> Party | None:
    """A name printed surname first without its comma, the generational suffix still after
    the surname ("EZE JR. NIKHIL"): a suffix closes a name, so the words after it are the given
    name and initial, which come first ("NIKHIL EZE JR.")."""
    if party is None:
        return None
    words = party.name.split()
    if len(words) < 3 or not _GENERATION.fullmatch(words[1]) or _GENERATION.fullmatch(words[-1]):
        return party
    name = " ".join([*words[2:], *words[:2]])
    return Party(name, party.name_box, party.address, party.text)


def _party_above(layout: Layout, hit: Hit | None, *, person: bool) -> Party | None:
    """A name and address printed above its caption (nearest line last)."""
    if hit is None:
        return None
    block = list(reversed(_column_above(layout, hit)))
    for i, (text, box) in enumerate(block):
        if parse_city_line(text):
            break
        name = person_name(text) if person else clean_org(text)
        if name is None or looks_like_street(text):
            continue
        rest = [t for t, _b in block[i + 1 :]]
        parsed = parse_address(rest)
        return Party(name=name, name_box=box, address=parsed[0] if parsed else None, text=text)
    return None


def _closer(hit: Hit, current: Hit, anchor: Hit) -> bool:
    def d(h: Hit) -> tuple[float, float]:
        return (-h.score, math.hypot(h.box.left - anchor.box.left, h.box.top - anchor.box.top))

    return d(hit) < d(current)


@dataclass
class _Reading:
    """One printed W-2 as read: who, for whom, and its boxes."""

    layout: Layout
    copy: _Copy
    year: int | None
    employee: Party | None
    employer: Party | None
    ssn: Ssn | None
    ein: str | None
    boxes: dict[str, Decimal]
    # the page the employee was read on, when another copy of the W-2 lent it
    employee_layout: Layout | None = None

    @property
    def wages(self) -> Decimal | None:
        return self.boxes.get("box1")

    @property
    def wages_or_gross(self) -> Decimal | None:
        """Box 1, or a summary's gross pay where its W-2 wages row could not be read."""
        gross = self.copy.values.get("gross_box1")
        return self.wages if gross is None else parse_money(gross.text)

    @property
    def is_form(self) -> bool:
        """Read off the form itself: box 1's label carries its box number."""
        anchor = self.copy.anchor
        return anchor.first > 0 and bool(
            re.fullmatch(r"1", self.layout.lines[anchor.line].tokens[anchor.first - 1].text)
        )

    def richness(self) -> int:
        """How much of the W-2 this reading holds; the form itself counts over a summary."""
        known = (self.employee, self.employer, self.ssn, self.ein, self.year)
        return sum(x is not None for x in known) + len(self.boxes) + (3 if self.is_form else 0)

    def same_w2(self, other: _Reading) -> bool:
        """Copies B, C and 2 of one W-2, or a summary and the form it summarises: the same
        year and nothing that says otherwise (another SSN, EIN, employee or employer); box 1
        must agree unless one is a summary read beside its form (a summary's gross pay is not
        box 1: the form wins)."""
        mine, theirs = self.wages_or_gross, other.wages_or_gross
        if mine is None or theirs is None:
            return False
        # (a copy whose year OCR could not read, "2O2Z", says no other year: with the same
        # box 1 it is a copy of the same W-2)
        if self.year != other.year and not (
            (self.year is None or other.year is None) and mine == theirs
        ):
            return False
        if mine != theirs:
            if self.is_form == other.is_form:
                # two forms: two W-2s (two jobs, or a second W-2 of one employer), unless
                # they are copies of one W-2 with box 1 misread in one
                return self.misread_copy_of(other)
            other_employer = bool(
                self.employer
                and other.employer
                and normalize_name(self.employer.name) != normalize_name(other.employer.name)
                and not (self.ein and other.ein and self.ein == other.ein)
            )
            if other_employer:
                return False
        if self.ssn and other.ssn and self.ssn.last4 != other.ssn.last4:
            return False
        if self.ein and other.ein and self.ein != other.ein:
            return False
        # (copies whose names OCR read apart stay two readings: merging them on box 1 and names
        # alike kept the worse-read name as often as the better one, measured; but one SSN and
        # one EIN with one box 1 are one W-2 whatever OCR made of the name: which printing of
        # the name is right is the names' vote, made later over every copy)
        if self.ssn and other.ssn and self.ein and other.ein and mine == theirs:
            return True
        if not (self.employee and other.employee):
            return True
        mine_name, their_name = (
            normalize_name(self.employee.name),
            normalize_name(other.employee.name),
        )
        if mine_name == their_name:
            return True
        # ... nor one EIN and box 1 with the same letters of the name, spaced apart or run
        # together ("CAMILAB GARCIA-LOPEZ" and "CAMILA B GARCIA-LOPEZ")
        return bool(
            self.ein
            and self.ein == other.ein
            and mine == theirs
            and mine_name.replace(" ", "") == their_name.replace(" ", "")
        )

    def misread_copy_of(self, other: _Reading) -> bool:
        """Two forms of one SSN, EIN and year whose boxes agree but for box 1: one printed W-2
        whose box 1 OCR misread in one copy (a second W-2 of the same employer and year, a
        rare thing, prints other boxes too)."""
        if not (self.ssn and other.ssn and self.ssn.last4 == other.ssn.last4):
            return False
        if not (self.ein and self.ein == other.ein):
            return False
        shared = (set(self.boxes) & set(other.boxes)) - {"box1"}
        return bool(shared) and all(self.boxes[b] == other.boxes[b] for b in shared)


def _read(layouts: Sequence[Layout]) -> list[_Reading]:
    out: list[_Reading] = []
    for layout in layouts:
        title_hits = layout.find(*TITLE_LABELS)
        year = tax_year(layout, title_hits)
        for copy in _read_copies(layout):
            right_limit = layout.phrase_left(copy.anchor) - 0.01
            if copy.captions_below:
                employee = _party_above(layout, copy.hits.get("employee"), person=True)
                employee = _address_above(layout, copy.hits.get("employee"), employee)
                employer = _party_above(layout, copy.hits.get("employer"), person=False)
            else:
                employee = _party(layout, copy, "employee", person=True, right_limit=right_limit)
                employer = _party(layout, copy, "employer", person=False, right_limit=right_limit)
                if employer is None:
                    employer = _fallback_employer(layout)
                if employee is None:
                    employee = _fallback_employee(layout, employer)
            ssn_tok = copy.values.get("ssn")
            ssn = parse_ssn(ssn_tok.text) if ssn_tok else None
            if ssn is None and ssn_tok is not None:
                ssn = parse_ssn_loose(ssn_tok.text)
            ein = parse_ein(copy.values["ein"].text) if "ein" in copy.values else None
            _summary_rows(layout, copy)
            boxes = _amounts(copy.values)
            employee = _given_name_first(employee)
            if employee is None and "box1" not in boxes and "gross_box1" not in copy.values:
                continue
            out.append(_Reading(layout, copy, year, employee, employer, ssn, ein, boxes))
    return out


def continues_w2(previous: Sequence[Layout], page: Layout) -> bool:
    """Whether ``page`` belongs to the W-2 read from ``previous`` (another copy of it, its
    summary, its instructions) rather than starting another W-2 (a second job's, the next
    year's, another person's). Figures do not decide: a scan misreads a digit of one copy
    and not the other; only who, for whom and which year do."""
    before = _read(previous)
    if not before:
        # pages that hold no W-2 of their own (a payroll service's cover letter enclosing the
        # form): the page brings the group's first W-2
        return True
    return all(any(_same_parties(r, b) for b in before) for r in _read([page]))


def _similar(a: str, b: str) -> bool:
    return name_likeness(a, b) >= _SAME_NAME_RATIO


_SAME_NAME_RATIO = 0.8


def _same_parties(a: _Reading, b: _Reading) -> bool:
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.ssn and b.ssn and a.ssn.last4 != b.ssn.last4:
        return False
    if a.ein and b.ein:
        if a.ein != b.ein:
            return False
    elif a.employer and b.employer and not _similar(a.employer.name, b.employer.name):
        return False
    return not (a.employee and b.employee and not _similar(a.employee.name, b.employee.name))


def _one_digit_apart(a: Decimal, b: Decimal) -> bool:
    """The two figures print the same number of digits and differ in exactly one of them."""
    x, y = f"{a:.2f}", f"{b:.2f}"
    return len(x) == len(y) and sum(c != d for c, d in zip(x, y, strict=True)) == 1


def _check_boxes(boxes: dict[str, Decimal]) -> tuple[str, bool] | None:
    """What the W-2's own arithmetic says, and whether it is box 1 it casts doubt on: wages
    are rarely above Medicare wages (box 5 adds back pre-tax deferrals), never half of them,
    and never below the federal tax withheld from them; Social Security wages are never above
    box 5 (when they are, box 5 itself is the suspect)."""
    box1, box3, box5 = boxes.get("box1"), boxes.get("box3"), boxes.get("box5")
    if box1 is None:
        return None
    if box3 is not None and box5 is not None and box3 > box5 * Decimal("1.01"):
        return f"box 3 {box3} > box 5 {box5}", False
    if box5 is not None and box1 > box5 * Decimal("1.10"):
        return f"box 1 {box1} > box 5 {box5}", True
    # Box 1 one digit away from a box that prints the same wages as a rule is a digit OCR
    # misread in one of them (which digit was printed is not known), unless another box
    # prints box 1's figure: above box 5 (box 1 rarely is), or beside state wages.
    box16 = boxes.get("box16")
    if box1 not in (box3, box5, box16):
        if box5 is not None and box1 > box5 and _one_digit_apart(box1, box5):
            return f"box 1 {box1} is box 5 {box5} but for one digit", True
        if box16 is not None and _one_digit_apart(box1, box16):
            return f"box 1 {box1} is box 16 {box16} but for one digit", True
    if box5 is not None and box1 < box5 * Decimal("0.5"):
        # pre-tax deferrals lower box 1 below box 5, never by half: another box's figure
        return f"box 1 {box1} < half of box 5 {box5}", True
    box2 = boxes.get("box2")
    if box2 is not None and box2 > box1:
        # tax withheld above every wage box is itself the misread (a state ID read as box 2)
        wage_boxes = [b for b in (box3, box5) if b is not None]
        return f"box 2 {box2} > box 1 {box1}", not (wage_boxes and box2 > max(wage_boxes))
    return None


def extract_w2(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(doc_type=DocType.W2.value, extractor="w2", extractor_version="")
    people = BorrowerSet()
    readings = _read(layouts)
    kept: list[_Reading] = []
    # how many readings print each box 1 (the figure most copies agree on is the printed one)
    votes = Counter(r.wages_or_gross for r in readings)
    doubted: set[int] = set()  # kept readings whose copies disagree on box 1, neither surer
    # copies B, C and 2 of one W-2 count once: the copy whose boxes add up, then the fullest
    for reading in sorted(
        readings, key=lambda r: (_check_boxes(r.boxes) is not None, -r.richness())
    ):
        twin = next((k for k in kept if reading.same_w2(k)), None)
        if twin is None:
            kept.append(reading)
            continue
        if twin.is_form and reading.is_form and twin.wages != reading.wages:
            # a copy with box 1 misread: the figure more copies print wins; a tie exports none
            if votes[reading.wages] > votes[twin.wages] and "box1" in reading.copy.values:
                # (box 1's evidence is then the copy that printed it)
                twin.boxes["box1"] = reading.boxes["box1"]
                twin.layout, twin.copy = reading.layout, reading.copy
            elif votes[reading.wages] == votes[twin.wages]:
                doubted.add(id(twin))
        # a copy read less well may still have the employee the kept one lost (a summary
        # whose name line OCR garbled beside a form that names the employee, or the form
        # whose name cell it garbled after a summary page that names them)
        if twin.employee is None and reading.employee is not None:
            twin.employee = reading.employee
            twin.employee_layout = reading.layout
            twin.ssn = twin.ssn or reading.ssn
        twin.employer = twin.employer or reading.employer
        twin.year = twin.year if twin.year is not None else reading.year
    kept.sort(key=lambda r: readings.index(r))
    for n, reading in enumerate(kept, start=1):
        layout, copy, year = reading.layout, reading.copy, reading.year
        employee, employer, ssn, ein = reading.employee, reading.employer, reading.ssn, reading.ein
        prefix = "" if n == 1 else f"w2_{n}."
        if year is not None:
            result.fields.setdefault(f"{prefix}tax_year", str(year))
        if ein:
            result.fields[f"{prefix}ein"] = ein
        if employer:
            result.fields[f"{prefix}employer"] = employer.name
        for box, amount in reading.boxes.items():
            result.fields[f"{prefix}{box}"] = str(amount)
        check = _check_boxes(reading.boxes)
        if check:
            result.fields[f"{prefix}check_boxes"] = f"failed: {check[0]}"
        doubt_box1 = bool(check and check[1]) or id(reading) in doubted
        borrower_key: str | None = None
        if employee is not None:
            label_hit = copy.hits.get("employee")
            name_layout = reading.employee_layout or layout
            conf = token_confidence(name_layout, None, label_hit.score if label_hit else 0.9)
            borrower_key = people.add(
                name=employee.name,
                evidence=evidence(
                    name_layout, "W-2 box e/f: employee", employee.text, employee.name_box, conf
                ),
                ssn=ssn.digits if ssn else None,
                ssn_last4=ssn.last4 if ssn else None,
                address=employee.address,
                employer=employer.name if employer else None,
                confidence=conf,
            )
        wages_tok = copy.values.get("box1")
        # box 1 the form's own arithmetic contradicts is not exported (the figure and the
        # failed check stay in the fields for a person to review)
        if reading.wages is not None and wages_tok is not None and not doubt_box1:
            conf = token_confidence(layout, wages_tok, copy.anchor.score)
            if check:
                conf = min(conf, 0.6)  # another box is misread: box 1 is less certain too
            result.incomes.append(
                ExtractedIncome(
                    borrower_key=borrower_key,
                    amount=reading.wages,
                    period=IncomePeriod.ANNUAL.value,
                    year=year,
                    source_type="w2",
                    employer=employer.name if employer else None,
                    evidence=evidence(
                        layout,
                        "W-2 box 1",
                        f"Wages, tips, other compensation {wages_tok.text}",
                        _box(copy.anchor.box, wages_tok.box),
                        conf,
                    ),
                    confidence=conf,
                )
            )
    result.borrowers = people.borrowers
    return result


# A wage summary's table: box columns crossed with rows from gross pay down to the W-2 wages.
_GROSS_ROWS = ("gross pay", "gross earnings", "total gross", "gross wages")
_W2_ROWS = ("w-2 wages", "w2 wages", "taxable wages", "reportable wages")
_SUMMARY_BOXES = ("box1", "box3", "box5")


def _summary_rows(layout: Layout, copy: _Copy) -> None:
    """A box's figure in a wage summary's table is on its W-2 wages row, not the gross pay row
    the column's header stands nearest to (gross less pre-tax deductions is box 1): a gross
    row's figure is moved down to that row's, or dropped when that row cannot be read."""
    for box in _SUMMARY_BOXES:
        tok = copy.values.get(box)
        if tok is None:
            continue
        line = next((ln for ln in layout.lines if tok in ln.tokens), None)
        if line is None:
            continue
        label = " ".join(t.text for t in line.tokens if t.box.right <= tok.box.left)
        if not matches(label, _GROSS_ROWS):
            continue
        below = [
            t
            for ln in layout.lines
            if ln.box.top > tok.box.bottom
            and matches(" ".join(t.text for t in ln.tokens[:3]), _W2_ROWS)
            for t in ln.tokens
            if parse_money(t.text) is not None
            and min(t.box.right, tok.box.right) - max(t.box.left, tok.box.left) > 0
        ]
        if below:
            copy.values[box] = below[0]
        else:
            # (kept apart: it still says which form the summary summarises)
            copy.values[f"gross_{box}"] = copy.values.pop(box)


def _party(
    layout: Layout, copy: _Copy, name: str, *, person: bool, right_limit: float
) -> Party | None:
    hit = copy.hits.get(name)
    if hit is None:
        return None
    limit = right_limit if right_limit > hit.box.left + 0.05 else None
    # an employer printed on the label's own line ("C EMPLOYER NAME/ADDRESS  DEFENSE FINANCE
    # AND ..."), within the copy; else under the label (the form's own way), else a summary's
    # "Employee Name  Inés R García-López" on its line
    beside = party_beside(layout, hit, person=person)
    if not person and beside is not None and (limit is None or beside.name_box.left < limit):
        return beside
    return read_party(layout, hit, person=person, right_limit=limit) or beside


def _box(label: Box, value: Box) -> Box:
    return value


def _fallback_employee(layout: Layout, employer: Party | None) -> Party | None:
    """Summary layouts print the employee as a plain name/street/city stack; the employer's
    stack may stand beside it."""
    employer_name = normalize_name(employer.name) if employer else ""
    for names, address in address_blocks(layout):
        for text, box in names:
            name = person_name(text)
            if name and normalize_name(name) != employer_name:
                return Party(name=name, name_box=box, address=address, text=text)
    # "Employee  Wilhelmina O'Donnell" on a summary's line, or the name under a plain
    # "Employee" heading its block
    for hit in plain_label_hits(layout, "employee"):
        party = party_beside(layout, hit, person=True) or read_party(layout, hit, person=True)
        if party is not None and normalize_name(party.name) != employer_name:
            return party
    return None


def _fallback_employer(layout: Layout) -> Party | None:
    for hit in layout.find("employer"):
        block = layout.block_below(hit, max_lines=1, max_gap=0.04)
        if block and (name := clean_org(block[0][0])) and not looks_like_street(block[0][0]):
            return Party(name=name, name_box=block[0][1], address=None, text=block[0][0])
    # "Employer  Oakhurst Home Health" on a summary's line
    for hit in plain_label_hits(layout, "employer"):
        if (party := party_beside(layout, hit, person=False)) is not None:
            return party
    return None
