"""Uniform Residential Loan Application (Fannie Mae Form 1003 / Freddie Mac Form 65), the
current URLA and the pre-2021 layout: applicants, their employments, and one income per
current employment's monthly base pay.

The form is read by meaning, not by the positions of one edition:

* an applicant's part of the form starts where a name label is printed ("Name (First,
  Middle, Last, Suffix)", "Borrower's Name", "Co-Borrower's Name"). Name labels printed side
  by side split the page into columns (the old form's Borrower | Co-Borrower halves); a part
  runs until the next applicant of its column (an "Additional Borrower" Section 1 on later
  pages). Labels and values belong to the applicant whose part holds them. A name printed
  again in a page footer ("Borrower Name: ...") or in another applicant's "List Name(s) of
  Other Borrower(s)" is another reading of the same name: the reading most places agree on
  wins. Someone only listed there is an applicant too.
* an employment starts at an employer label ("Employer or Business Name", "Name & Address of
  Employer") and runs to the next one of its column or the next section heading. One under a
  previous-employment heading, or with an end date, is not current and gives no income.
* the monthly base is the figure labelled "Base" / "Base Income" inside the employment
  (beside or under its label) or, on the old form, the "Base Empl. Income" row's figure under
  the applicant's column ("Borrower" / "Co-Borrower") of the Gross Monthly Income table, which
  goes to the applicant's one current employment. The table's "Total" column checks the
  applicants' figures (borrower + co-borrower = total). TOTAL, overtime, bonus, commission,
  military entitlements, "Other", a business owner's "Monthly Income (or Loss)", a previous
  employer's income, other income and housing figures are fields of their own and never the
  base. Two different base figures for one employment, a zero, a base above a printed TOTAL
  or a failed check give no income: a wrong figure is worse than a missing one.

The income's year is the year of the borrower's signature date (or a printed application
date); without one it is null. Dates of birth are never read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import Address, DocType, IncomePeriod, edit_distance, normalize_name
from pipeline.extraction.common import (
    TICK,
    BorrowerSet,
    evidence,
    parse_inline_address,
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
    matches,
    row_values,
)
from pipeline.extraction.layout import Box, Hit, Layout, Token, normalize, union_all
from pipeline.extraction.values import (
    clean_org,
    find_dates,
    looks_like_street,
    ocr_digits,
    parse_address,
    parse_city_line,
    parse_money,
    person_name,
)

# --- values -------------------------------------------------------------------------------------

# "/month" after a figure, as printed or as OCR reads it ("/fnonth", "/rnonth")
_PER_MONTH = re.compile(
    r"\s*(?:/\s*(?P<per>[A-Za-z]{2,7})|per\s+month|monthly)[\s.,;:*'\"|]*$", re.IGNORECASE
)
_OTHER_PERIOD = re.compile(r"y(?:ea)?r|wk|week|hr|hour|annum|day", re.IGNORECASE)


def _monthly_amount(text: str) -> Decimal | None:
    """A monthly figure as the form prints it: ``5,600.00``, ``$ 5600``, ``0.00/month``; a
    figure per another period ("/yr") is none."""
    m = _PER_MONTH.search(text)
    if m and m.group("per") and _OTHER_PERIOD.fullmatch(m.group("per")):
        return None
    raw = (text[: m.start()] if m else text).strip()
    return parse_money(raw) if raw else None


MONTHLY = ValueType("monthly amount", _monthly_amount)

# --- the fields ---------------------------------------------------------------------------------

BASE_LABELS = (
    "base empl. income", "base employment income", "base empl income", "base income",
    "base pay", "base salary", "base",
)  # fmt: skip
# The old form's income table is headed by the applicants' columns; an employment's own
# figure never sits under one, nor under another line's name.
_NOT_BASE = (
    "overtime", "bonus", "commission", "military", "entitlements", "total", "dividends",
    "net rental", "previous", "loss", "present", "proposed", "ytd", "year to date",
    "borrower", "co-borrower",
)  # fmt: skip
BASE = Field(
    "base",
    labels=BASE_LABELS,
    value=MONTHLY,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    not_columns=_NOT_BASE,
    exact_labels=("base",),
    max_right=0.45,
    max_below=0.05,
)


def _line_field(name: str, labels: tuple[str, ...], *, exact: tuple[str, ...] = ()) -> Field:
    # (no column contradictions: in a list of "Label $ figure /month" lines the line above a
    # figure reads as its header; a figure under a caption must stand alone on its line
    # instead, see _labelled_elsewhere)
    return Field(
        name,
        labels=labels,
        value=MONTHLY,
        relations=frozenset({Relation.RIGHT, Relation.BELOW}),
        exact_labels=exact,
        max_right=0.45,
        max_below=0.05,
    )


# The other lines of an employment's Gross Monthly Income: fields, never the base.
OTHER_LINES: tuple[Field, ...] = (
    _line_field("overtime", ("overtime",)),
    _line_field("bonus", ("bonuses", "bonus")),
    _line_field("commission", ("commissions", "commission")),
    _line_field("military", ("military entitlements", "entitlements")),
    _line_field("other", ("other",), exact=("other",)),
    _line_field("total", ("total",), exact=("total",)),
    _line_field("business_income", ("monthly income (or loss)", "monthly income or loss")),
)

# The columns of the old form's Gross Monthly Income table, as their heads are printed (and
# read by OCR: "Co-Berrower", "Tota1").
TABLE_COLUMNS: dict[str, re.Pattern[str]] = {
    "co-borrower": re.compile(r"c[o0]b[o0e]rr[o0e]wers?"),
    "borrower": re.compile(r"b[o0e]rr[o0e]wers?"),
    "total": re.compile(r"t[o0]ta[l1i]"),
}

# (the full wordings first: with one letter misread ("Borrower's Nanfe") they still match;
# the applicant's role comes from the words printed, not from the wording matched)
NAME_LABELS = (
    "co-borrower's name (include jr. or sr. if applicable)",
    "borrower's name (include jr. or sr. if applicable)",
    "name (first, middle, last, suffix)",
    "co-borrower's name", "coborrower's name", "co-borrower name", "coborrower name",
    "borrower's name", "borrower name", "applicant's name", "applicant name",
    "name of borrower", "name of co-borrower",
)  # fmt: skip
# Words around a name label that make it another label: the list of other borrowers, alternate
# names, the loan originator's name (whole words, matched without spaces: "list" alone is in
# "McAllister").
_NOT_A_NAME_LABEL = (
    "list name", "applying for", "alternate name", "other borrower", "originator", "signature",
)  # fmt: skip
OTHER_BORROWERS_LABELS = (
    "list name(s) of other borrower(s) applying for this loan",
    "name(s) of other borrower(s)",
    "other borrower(s) applying for this loan",
)
SSN_LABELS = ("social security number", "social security no", "ssn")
ADDRESS_LABELS = (
    "present address (street, city, state, zip)", "current address", "present address",
    "home address", "residence address",
)  # fmt: skip
# phrases around "Current Address" that make it another address's label, or a question
_NOT_CURRENT_ADDRESS = ("former", "mailing", "less than", "long at", "how long", "if different")
EMPLOYER_LABELS = (
    "employer or business name", "name & address of employer", "name and address of employer",
    "name of employer", "employer's name", "employer name", "business name",
)  # fmt: skip
POSITION_LABELS = (
    "position/title/type of business", "position or title", "position/title", "job title",
    "position", "title",
)  # fmt: skip
START_LABELS = ("start date", "date hired", "hire date", "employed since")
END_LABELS = ("end date", "dates (from - to)", "dates (from to)", "dates from - to", "to date")
SELF_EMPLOYED_LABELS = ("business owner or self-employed", "self-employed", "self employed")
SIGNATURE_LABELS = (
    "borrower's signature", "borrower signature", "co-borrower's signature",
    "additional borrower signature", "applicant's signature", "applicant signature",
)  # fmt: skip
APPLICATION_DATE_LABELS = ("application date", "date of application", "date application taken")
OTHER_INCOME_HEADERS = ("income source", "describe other income")

# Headings that end an employment's part of the form.
_BOUNDARIES = (
    "employment/self-employment and income", "employment information", "current employment",
    "additional employment", "previous employment", "prior employment",
    "income from other sources", "monthly income and combined housing",
    "if employed in current position for less than two years", "declarations",
    "assets and liabilities", "acknowledgments and agreements", "acknowledgement and agreement",
    "loan and property information", "describe other income",
)  # fmt: skip
# The old form's "If employed in current position for less than two years or if currently
# employed in more than one position, complete the following": earlier employers, or another
# current one.
_SECONDARY = (normalize("if employed in current position for less than two years"),)
_PREVIOUS = tuple(
    normalize(w) for w in ("previous employment", "prior employment", "former employ")
)

# Field captions of the form: a line that starts with one is a label, not a value.
_CAPTIONS = tuple(
    normalize(c)
    for c in (
        *NAME_LABELS, *SSN_LABELS, *ADDRESS_LABELS, *EMPLOYER_LABELS, *POSITION_LABELS,
        *START_LABELS, *END_LABELS, "street", "unit", "city", "state", "zip", "country",
        "phone", "business phone", "home phone", "date of birth", "dob", "alternate names",
        "how long", "yrs. on this job", "yrs. employed", "yrs. school", "own", "rent",
        "own / rent / no. yrs.", "mailing address", "former address", "monthly income",
        "gross monthly income", "dependents", "marital status", "married",
        "married / unmarried", "type of credit", "check if", "i am employed",
        "i have an ownership", "self employed", "does not apply", "citizenship",
        "contact information", "list name", "(first, middle", "if at current address",
        "email",
    )
)  # fmt: skip
# Footers repeat the applicant's name ("Borrower Name: ..."): a name label this low on a page
# is another reading of the name of the part it ends, not a new applicant.
_FOOTER_TOP = 0.85


# --- reading labelled text ----------------------------------------------------------------------


def _is_caption(text: str) -> bool:
    """Whether a line starts with one of the form's captions. A short caption ("City",
    "State") counts only on its own or before a mark, so "City of Eugene" is a value."""
    norm = normalize(text)
    for c in _CAPTIONS:
        if not c or not norm.startswith(c):
            continue
        if len(c) >= 8 or norm == c:
            return True
        first = re.match(r"\W*([A-Za-z]+)", text)
        rest = text[first.end() :].lstrip() if first else text
        if first and normalize(first.group(1)) == c and (not rest or not rest[0].isalpha()):
            return True
    return _starts_long_caption(text, fuzzy=True)


def _starts_long_caption(text: str, *, fuzzy: bool = False) -> bool:
    """Whether ``text`` starts with a caption of several words ("Position/Title/Type of
    Business"), which no value does; ``fuzzy`` forgives one letter in eight of a caption of
    twelve letters or more, as OCR reads it ("Positdon/Title/Type of Business")."""
    norm = normalize(text)
    if any(len(c) >= 8 and norm.startswith(c) for c in _CAPTIONS):
        return True
    return fuzzy and any(
        len(c) >= 12 and norm[:1] == c[:1] and edit_distance(norm[: len(c)], c) <= len(c) // 8
        for c in _CAPTIONS
    )


def _value_text(
    layout: Layout,
    hit: Hit,
    *,
    max_lines: int = 1,
    stop_words: Sequence[str] = (),
    first_phrase: bool = False,
) -> list[tuple[str, Box]]:
    """What a label holds: the rest of its phrase after it (``Position or Title Engineer``),
    cut where another label starts; else the lines under it in its cell (with
    ``first_phrase``, each line's first phrase only: a name, not the speck set apart after
    it). The label's own parenthetical ("(include Jr. or Sr. if applicable)", "(mm/dd/yyyy)")
    is not a value."""
    line = layout.lines[hit.line]
    label_last = line.tokens[hit.last]
    phrase = next((p for p in line.phrases if label_last in p), [])
    rest = phrase[phrase.index(label_last) + 1 :] if phrase else []
    if rest and rest[0].text.startswith("("):
        close = next((i for i, t in enumerate(rest) if t.text.rstrip(":.").endswith(")")), None)
        rest = rest[close + 1 :] if close is not None else []
    stops = [normalize(w) for w in stop_words]
    taken: list[Token] = []
    for i, tok in enumerate(rest):
        norm = normalize(tok.text)
        if any(s and norm.startswith(s) for s in stops):
            break
        if _starts_long_caption(" ".join(t.text for t in rest[i:])):
            break
        taken.append(tok)
    text = " ".join(t.text for t in taken).strip(" :#-\u2013")
    if taken and _VALUEISH.search(text):
        return [(text, union_all(t.box for t in taken))]
    below = layout.block_below(
        hit,
        max_lines=max_lines,
        max_gap=0.03,
        stop=_is_caption,
        left_limit=hit.box.left - 0.01,
        right_limit=_cell_right(layout, hit),
    )
    if first_phrase:
        below = [_first_phrase(layout, text, box) for text, box in below]
    return [(t, b) for t, b in below if _VALUEISH.search(t)]


def _first_phrase(layout: Layout, text: str, box: Box) -> tuple[str, Box]:
    line = next((ln for ln in layout.lines if ln.box.top <= box.center_y <= ln.box.bottom), None)
    if line is None:
        return text, box
    for phrase in line.phrases:
        inside = [
            t for t in phrase if box.left - 1e-6 <= t.box.left and t.box.right <= box.right + 1e-6
        ]
        if inside and _VALUEISH.search(" ".join(t.text for t in inside)):
            return " ".join(t.text for t in inside), union_all(t.box for t in inside)
    return text, box


# A value has a word or a number in it; a scan's speck ("7 .") does not.
_VALUEISH = re.compile(r"[A-Za-z0-9]{2}")


def _cell_right(layout: Layout, hit: Hit) -> float:
    """Where the label's cell ends: at the next phrase of its line, or at the next caption
    printed close after it in the same phrase (boxed cells set tight: "Yrs. employed in this
    line of work/profession Position/Title/Type of Business")."""
    # (the next phrase with a word in it: a scan's speck beside a caption is no cell)
    line = layout.lines[hit.line]
    right = next(
        (
            p[0].box.left - 0.005
            for p in line.phrases
            if p[0].box.left > hit.box.right + 0.02
            and re.search(r"[A-Za-z]{2}", " ".join(t.text for t in p))
        ),
        min(1.0, hit.box.right + 0.3),
    )
    tokens = line.tokens
    for i in range(hit.last + 1, len(tokens)):
        tok = tokens[i]
        if tok.box.left >= right:
            break
        if tok.text[:1].isupper() and _starts_long_caption(" ".join(t.text for t in tokens[i:])):
            return tok.box.left - 0.003
    return right


def _hits(layout: Layout, labels: Sequence[str], reject: Sequence[str] = ()) -> list[Hit]:
    """Every place one of ``labels`` is printed, top to bottom, unless its phrase holds a
    ``reject`` wording. Captions set tight after the previous box's ("Own / Rent / No. Yrs.
    Present Address") count, though they read like running text. (On a scan, a label printed
    twice on a line, the Borrower's and the Co-Borrower's, is found twice by ``Layout.find``
    even when OCR misread one of them.)"""
    found = list(layout.find(*labels))
    rejected = [normalize(r) for r in reject]
    kept = []
    for hit in found:
        tokens = layout.lines[hit.line].tokens
        context = normalize(" ".join(t.text for t in tokens[max(0, hit.first - 2) : hit.last + 4]))
        if not any(r and r in context for r in rejected):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.box.top, h.box.left))


def _hit_text(layout: Layout, hit: Hit) -> str:
    return " ".join(t.text for t in layout.lines[hit.line].tokens[hit.first : hit.last + 1])


# --- applicants ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """A name as printed at one place."""

    name: str
    box: Box
    layout: Layout


@dataclass
class _Part:
    """One applicant's part of the form: from its name label on, in its column."""

    hit: Hit
    layout: Layout
    page: int  # index into the pages
    role: str  # "borrower" | "co-borrower"
    left: float = 0.0
    right: float = 1.0
    readings: list[_Reading] = field(default_factory=list)
    key: str | None = None
    employments: list[_Employment] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        """The reading most places agree on (the part's own label's on a tie)."""
        if not self.readings:
            return None
        votes: dict[str, int] = {}
        for r in self.readings:
            votes[normalize_name(r.name)] = votes.get(normalize_name(r.name), 0) + 1
        best = max(votes.values())
        return next(r.name for r in self.readings if votes[normalize_name(r.name)] == best)

    @property
    def reading(self) -> _Reading | None:
        name = self.name
        return next((r for r in self.readings if r.name == name), None)


def _parts(layouts: Sequence[Layout]) -> list[_Part]:
    """Every applicant's part, in reading order, each with its column and name readings."""
    found: list[_Part] = []
    footers: list[_Part] = []
    for index, layout in enumerate(layouts):
        here = []
        for hit in _hits(layout, NAME_LABELS, _NOT_A_NAME_LABEL):
            # (anything printed before "Borrower" makes it the co-borrower's: "Co-", or
            # what OCR made of it, "Gg-")
            co = _CO_WORD.match(normalize(_hit_text(layout, hit))) is not None
            here.append(_Part(hit, layout, index, "co-borrower" if co else "borrower"))
        # one of the Borrower's and Co-Borrower's name labels printed side by side that OCR
        # misread too far to match ("Co-Borrower's Nanfe"): the other's word beside it
        for part in list(here):
            if any(p.role != part.role and p.hit.line == part.hit.line for p in here):
                continue
            partner = _partner_word(layout, part)
            if partner is not None:
                role = "borrower" if part.role == "co-borrower" else "co-borrower"
                here.append(_Part(partner, layout, index, role))
        for part in here:
            reading = _name_of(layout, part.hit)
            if reading is not None:
                part.readings.append(reading)
            (footers if part.hit.box.top > _FOOTER_TOP else found).append(part)
    # name labels printed side by side (Borrower | Co-Borrower) split the page into columns
    for part in found:
        beside = sorted(
            (
                p
                for p in found
                if p.page == part.page and abs(p.hit.box.top - part.hit.box.top) < 0.01
            ),
            key=lambda p: p.hit.box.left,
        )
        at = beside.index(part)
        if at > 0:
            part.left = part.hit.box.left - 0.015
        if at + 1 < len(beside):
            part.right = beside[at + 1].hit.box.left - 0.015
    found.sort(key=lambda p: (p.page, p.hit.box.top, p.hit.box.left))
    for footer in footers:
        owner = _owner(found, footer.page, footer.hit.box)
        if owner is not None:
            owner.readings.extend(footer.readings)
    return found


# "Co-Borrower's" (normalized), or what OCR made of its first letters ("Gg-Borrower's")
_CO_WORD = re.compile(r"[a-z0-9]{1,3}b[oe0]rr[oe0]wers?")


def _partner_word(layout: Layout, part: _Part) -> Hit | None:
    """The other applicant's word ("Borrower's" left of a Co-Borrower's name label,
    "Co-Borrower's" right of a Borrower's) on a name label's line."""
    tokens = layout.lines[part.hit.line].tokens
    if part.role == "co-borrower":
        span, pattern = range(part.hit.first), TABLE_COLUMNS["borrower"]
    else:
        span, pattern = range(part.hit.last + 1, len(tokens)), _CO_WORD
    for i in span:
        if pattern.fullmatch(normalize(tokens[i].text)):
            last = min(i + 1, len(tokens) - 1)
            if part.role == "co-borrower":
                last = min(last, part.hit.first - 1)
            return Hit(part.hit.line, i, last, union_all(t.box for t in tokens[i : last + 1]), 0.9)
    if part.role == "co-borrower":
        # the Borrower's word itself unread ("are Name (include Jr. or Sr. if applicable)"):
        # the rest of its label, left of the Co-Borrower's, names the Borrower's column
        for hit in layout.find(_NAME_REST):
            if hit.line == part.hit.line and hit.box.right < part.hit.box.left:
                return Hit(hit.line, hit.first, hit.last, hit.box, 0.8)
    return None


_NAME_REST = "name (include jr. or sr. if applicable)"


def _owner(parts: Sequence[_Part], page: int, box: Box) -> _Part | None:
    """The applicant whose part of the form holds ``box``: the last one started before it in
    its column."""
    centre = (box.left + box.right) / 2
    owner = None
    for part in parts:
        if (part.page, part.hit.box.top - 0.012) > (page, box.top):
            break
        if part.left <= centre < part.right:
            owner = part
    return owner


def _name_of(layout: Layout, hit: Hit) -> _Reading | None:
    # (two lines: a speck on a scan may come between the label and the name, or OCR may set
    # "PENA," a hair above "SUNITA")
    texts = _joined(
        _value_text(
            layout, hit, max_lines=2, stop_words=("social", "ssn", "date"), first_phrase=True
        )
    )
    for text, box in texts:
        text = _LEADING_SPECK.sub("", text)
        # "HOLLOWAY. TAMSIN": a surname's comma OCR read as a full stop
        text = re.sub(r"^([^\W\d_][\w'\-]{2,})\.(?=\s)", r"\1,", text)
        name = person_name(trim_specks(text))
        if name:
            return _Reading(name, box, layout)
    return None


def _joined(texts: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """Two lines of a value that OCR set a hair apart ("PENA," over "SUNITA", "Oct 5," over
    "2021") read as one, left to right, before each line on its own."""
    if len(texts) >= 2 and abs(texts[0][1].center_y - texts[1][1].center_y) < 0.6 * max(
        texts[0][1].height, 0.004
    ):
        first, second = sorted(texts[:2], key=lambda t: t[1].left)
        return [(f"{first[0]} {second[0]}", first[1].union(second[1])), *texts]
    return texts


# a mark or a letter or two OCR made of dust before a name ("k IMOGEN O'DONNELL")
_LEADING_SPECK = re.compile(r"^(?:[^\w\s]+|[a-z]{1,2})\s+(?=\S+\s+\S)")


def _same_person(a: str, b: str) -> bool:
    """Two readings of one name: the same first name and surname, or middle initial, or no
    more than two letters apart (OCR)."""
    wa, wb = normalize_name(a).split(), normalize_name(b).split()
    if not wa or not wb or wa[0] != wb[0]:
        return edit_distance(normalize_name(a), normalize_name(b)) <= 2
    if wa[-1] == wb[-1]:
        return True
    if len(wa) >= 3 and len(wb) >= 3 and wa[1] == wb[1]:
        return True
    return edit_distance(normalize_name(a), normalize_name(b)) <= 2


def _other_borrowers(layout: Layout) -> list[_Reading]:
    """Names listed under "List Name(s) of Other Borrower(s) Applying for this Loan"."""
    out: list[_Reading] = []
    for hit in layout.find(*OTHER_BORROWERS_LABELS):
        left, right = layout.phrase_left(hit) - 0.02, layout.column_right(hit)
        for line in layout.lines[hit.line + 1 :]:
            if line.box.top - hit.box.bottom > 0.05:
                break
            toks = [t for t in line.tokens if left <= t.box.left < right]
            if not toks:
                continue
            text = " ".join(t.text for t in toks)
            if "(" in text or _is_caption(text):
                continue
            pieces = [p for p in re.split(r"\s*[;/|]\s*|\s*,\s*(?=\S+\s+\S)", text) if p]
            names = [person_name(p) for p in pieces]
            if names and all(names):
                box = union_all(t.box for t in toks)
                out.extend(_Reading(n, box, layout) for n in names if n)
                break
    return out


# --- employments --------------------------------------------------------------------------------


@dataclass
class _Employment:
    hit: Hit
    layout: Layout
    page: int
    owner: _Part
    top: float
    bottom: float
    left: float
    right: float
    employer: str | None = None
    previous: bool = False

    def holds(self, page: int, box: Box) -> bool:
        centre = (box.left + box.right) / 2
        return (
            page == self.page
            and self.top <= box.top < self.bottom
            and self.left <= centre < self.right
        )


def _employments(layouts: Sequence[Layout], parts: Sequence[_Part]) -> list[_Employment]:
    found: list[_Employment] = []
    for index, layout in enumerate(layouts):
        hits = _hits(layout, EMPLOYER_LABELS)
        heads = [
            line.box.top
            for line in layout.lines
            if matches(line.text, _BOUNDARIES, fuzzy=layout.ocr)
        ]
        for hit in hits:
            owner = _owner(parts, index, hit.box)
            if owner is None:
                continue
            below = [
                h.box.top - _ABOVE
                for h in hits
                if h.box.top > hit.box.bottom and owner.left <= h.box.left < owner.right
            ] + [t for t in heads if t > hit.box.bottom]
            top, bottom = hit.box.top - _ABOVE, min(below, default=1.01)
            emp = _Employment(hit, layout, index, owner, top, bottom, owner.left, owner.right)
            heading = _heading_above(layout, hit.box.top)
            # (as OCR read it: "for les$ than two years")
            if matches(heading, _PREVIOUS, fuzzy=layout.ocr):
                emp.previous = True
            elif matches(heading, _SECONDARY, fuzzy=layout.ocr):
                # the old form's other positions are the last two years' history unless
                # their dates run to the present
                emp.previous = not _runs_to_present(emp)
            else:
                emp.previous = _ended(emp)
            emp.employer = _employer_of(layout, hit)
            found.append(emp)
            owner.employments.append(emp)
    return found


# An employment's part starts a little above its employer label: a figure printed level with
# the label sits a hair higher on a scan.
_ABOVE = 0.012


def _heading_above(layout: Layout, top: float) -> str:
    """The nearest section heading above ``top`` on the page (normalized), or ""."""
    for line in reversed(layout.lines):
        if line.box.top < top - 0.002 and matches(line.text, _BOUNDARIES, fuzzy=layout.ocr):
            return normalize(line.text)
    return ""


# a date as employment dates print it: "06/2018", "06/15/2018", "2018-06-15", "Jun 15, 2018"
_DATE_LIKE = re.compile(
    r"(?<![\d/])(?:(?:0?[1-9]|1[0-2])\s*/\s*(?:\d{1,2}\s*/\s*)?(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}-[A-Za-z]{3}-(?:19|20)\d\d)(?![\d/])"
)


def _runs_to_present(emp: _Employment) -> bool:
    """Whether the employment's dates end with "Present" (or "Current")."""
    for hit in _hits(emp.layout, END_LABELS):
        if emp.holds(emp.page, hit.box) and any(
            re.search(r"present|current|now", text, re.IGNORECASE)
            for text, _box in _value_text(emp.layout, hit)
        ):
            return True
    return False


def _ended(emp: _Employment) -> bool:
    """Whether the employment's "End Date" or "Dates (from - to)" says it has ended."""
    layout = emp.layout
    for hit in _hits(layout, END_LABELS):
        if not emp.holds(emp.page, hit.box):
            continue
        for text, _box in _value_text(layout, hit):
            if _is_caption(text) or re.search(r"present|current|now", text, re.IGNORECASE):
                continue
            text = " ".join(ocr_digits(w.replace("Q", "0")) for w in text.split())
            spans = [m.span() for m in _DATE_LIKE.finditer(text)]
            if "from" not in normalize(_hit_text(layout, hit)):
                if spans:
                    return True
                continue
            # "Dates (from - to)": ended when a date follows the start (even an unreadable one)
            if len(spans) >= 2 or (
                spans and spans[-1][1] >= len(text.rstrip(" |.")) and spans[-1][0] > 3
            ):
                return True
    return False


def _employer_of(layout: Layout, hit: Hit) -> str | None:
    # (two lines: OCR may set a word of the name on a line of its own: "CO." above the rest)
    for text, _box in _value_text(layout, hit, max_lines=2, stop_words=("phone",)):
        if _is_caption(text) or looks_like_street(text) or parse_city_line(text):
            continue
        # (a quote mark OCR read between two words of the name: 'Logistics"Ltd.')
        # and specks after it ("Brightwater Dental Group Co. :")
        text = re.sub(r"(?<=\w)[\"\u201c\u201d\u2018\u2019](?=[A-Z])", " ", text)
        org = clean_org(re.sub(r"(?<=\S)[\s:;|_*'\"\u2018\u2019]+$", "", text))
        if org:
            return _suffix_misread(org)
    return None


# Legal suffixes as OCR misreads them ("Ine.", "Cq.", "Lid."), by their letters.
_SUFFIX_MISREADS = {"ine": "Inc.", "lnc": "Inc.", "cq": "Co.", "c0": "Co.", "lid": "Ltd."}


def _suffix_misread(org: str) -> str:
    words = org.split()
    last = re.sub(r"[^A-Za-z0-9]", "", words[-1]).lower() if len(words) > 1 else ""
    if last in _SUFFIX_MISREADS and words[-1].endswith("."):
        fixed = _SUFFIX_MISREADS[last]
        return " ".join([*words[:-1], fixed.upper() if words[-1].isupper() else fixed])
    return org


def _text_in(labels: Sequence[str], emp: _Employment, stop_words: Sequence[str] = ()) -> str | None:
    layout = emp.layout
    for hit in _hits(layout, labels):
        if not emp.holds(emp.page, hit.box):
            continue
        for text, _box in _value_text(layout, hit, stop_words=stop_words):
            if not _is_caption(text):
                return text
    return None


def _self_employed(emp: _Employment) -> bool | None:
    """Whether the employment's "Self Employed" box is ticked (None when not printed)."""
    layout = emp.layout
    seen = False
    for hit in layout.find(*SELF_EMPLOYED_LABELS):
        if not emp.holds(emp.page, hit.box):
            continue
        seen = True
        # the box sits before the label, on its line or the line above a two-line label
        lines = [layout.lines[hit.line]] + ([layout.lines[hit.line - 1]] if hit.line else [])
        near = [
            t
            for ln in lines
            for t in ln.tokens
            if hit.box.left - 0.2 <= t.box.right <= hit.box.left + 0.005
        ]
        if any(re.fullmatch(TICK, t.text.strip()) for t in near):
            return True
    return False if seen else None


# --- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    """A figure read for a field, with where it was printed and how sure the reading is."""

    value: Decimal
    text: str
    label: str
    box: Box
    layout: Layout
    score: float

    @classmethod
    def of(cls, cand: Candidate) -> _Figure:
        return cls(Decimal(cand.value), cand.text, cand.label, cand.box, cand.layout, cand.score)


def _labelled_elsewhere(cand: Candidate) -> bool:
    """A figure found under a label that has a label of its own on its line ("Bonus $ 900")."""
    if cand.relation is not Relation.BELOW:
        return False
    line = next(
        (ln for ln in cand.layout.lines if ln.box.top <= cand.box.center_y <= ln.box.bottom),
        None,
    )
    return line is not None and any(
        re.search(r"[A-Za-z]{3}", t.text) and 0 < cand.box.left - t.box.right < 0.3
        for t in line.tokens
    )


# A second, different base figure scoring at least this share of the best one is a rival:
# one employment has one base, so two printed means the wrong block or a misread.
_RIVAL_SHARE = 0.5


def _only_figure(cands: Sequence[Candidate], margin: float, *, strict: bool) -> _Figure | None:
    best = choose(cands, margin).best
    if best is None or best.value is None:
        return None
    if strict and any(
        c.value is not None and c.value != best.value and c.score >= _RIVAL_SHARE * best.score
        for c in cands
    ):
        return None
    return _Figure.of(best)


_SPECK = re.compile(r"[^A-Za-z]*(?:[A-Za-z][^A-Za-z]*){0,3}")


def _base_by_total(
    layouts: Sequence[Layout], emp: _Employment, lines: dict[str, _Figure], total: _Figure
) -> _Figure | None:
    """Where OCR garbled the base's label ("Baselray"), the block's one other figure that,
    added to the lines read (overtime, bonus, ...), makes the printed TOTAL: the form's own
    sum picks it. None unless exactly one figure does."""
    layout = layouts[emp.page]
    others = sum((f.value for name, f in lines.items() if name != "total"), Decimal(0))
    taken = {f.box for f in lines.values()}
    fits = [
        (tok, box)
        for tok, box in layout.candidates(parse_money)
        if emp.holds(emp.page, box)
        and box not in taken
        and tok.box not in taken
        and _CLEAN_FIGURE.fullmatch(tok.text.strip().lstrip("$").strip())
        and (value := parse_money(tok.text)) is not None
        and value > 0
        and value + others == total.value
    ]
    if len(fits) != 1:
        return None
    tok, box = fits[0]
    value = parse_money(tok.text)
    assert value is not None
    return _Figure(value, tok.text, "Base (by the total)", box, layout, 0.5)


def _row_base(emp: _Employment) -> _Figure | None:
    """The base label's own line when specks OCR made of dust stand between the label and
    its figure ("Base Income . Hee 6,073.44 /month"): the figure its "/month" closes."""
    layout = emp.layout
    for hit in _hits(layout, BASE_LABELS):
        if not emp.holds(emp.page, hit.box):
            continue
        tokens = layout.lines[hit.line].tokens
        between: list[Token] = []
        for i in range(hit.last + 1, len(tokens)):
            tok = tokens[i]
            value = _monthly_amount(tok.text)
            if value is None:
                between.append(tok)
                continue
            closed = _PER_MONTH.search(tok.text) or (
                i + 1 < len(tokens) and re.fullmatch(r"/\s*[A-Za-z]{2,7}\W*", tokens[i + 1].text)
            )
            if not closed or not all(_SPECK.fullmatch(t.text) for t in between):
                break
            if tok.box.left - hit.box.right > BASE.max_right:
                break
            score = 0.6 * hit.score * (0.6 + 0.4 * max(0.0, min(1.0, tok.confidence)))
            return _Figure(value, tok.text, _hit_text(layout, hit), tok.box, layout, score)
    return None


def _column_of(text: str) -> str | None:
    norm = normalize(text)
    return next((c for c, pattern in TABLE_COLUMNS.items() if pattern.fullmatch(norm)), None)


def _table_heads(layout: Layout, hit: Hit) -> list[tuple[str, Box]]:
    """The column heads over a row label: the words naming the table's columns (Borrower,
    Co-Borrower, Total) on the lines just above it (a scan may set one head a hair higher
    than the others), when at least two are printed; the nearest of each."""
    heads: dict[str, Box] = {}
    for line in reversed(layout.lines[: hit.line]):
        if hit.box.top - line.box.bottom > 0.06:
            break
        for tok in line.tokens:
            column = _column_of(tok.text)
            if column is not None and column not in heads:
                heads[column] = tok.box
    return list(heads.items()) if len(heads) >= 2 else []


def _table_bases(layouts: Sequence[Layout]) -> dict[str, _Figure]:
    """The base row of the old form's income table, by column ("borrower", "co-borrower",
    "total"): each figure under the head it overlaps most (or the nearest right-aligned one).
    A column with two different figures has none."""
    found: dict[str, list[_Figure]] = {}
    for layout in layouts:
        for lh in label_hits(layout, BASE_LABELS):
            heads = _table_heads(layout, lh.hit)
            if not heads:
                continue
            for tok, _blocked in row_values(layout, lh.hit, _monthly_amount, max_right=0.95):
                value = _monthly_amount(tok.text)
                column = _head_over(heads, tok.box)
                if value is None or column is None:
                    continue
                score = lh.hit.score * (0.6 + 0.4 * max(0.0, min(1.0, abs(tok.confidence))))
                found.setdefault(column, []).append(
                    _Figure(value, tok.text, lh.text, tok.box, layout, score)
                )
    return {c: figs[0] for c, figs in found.items() if len({f.value for f in figs}) == 1}


def _head_over(heads: Sequence[tuple[str, Box]], box: Box) -> str | None:
    """The column a figure sits in: the one head it lies under, else the head whose right
    edge it lines up with (right-aligned columns). A figure under two heads (a box OCR
    stretched over its neighbour's column) is nobody's."""
    under = [c for c, head in heads if min(head.right, box.right) > max(head.left, box.left)]
    if len(under) == 1:
        return under[0]
    if under:
        return None
    column, head = min(heads, key=lambda h: abs(h[1].right - box.right))
    return column if abs(head.right - box.right) < 0.04 else None


def _checked_table(table: dict[str, _Figure], has_co: bool) -> tuple[dict[str, _Figure], str]:
    """The applicants' base figures that agree with the Total column: borrower + co-borrower
    = total. Without a co-borrower, the total is the borrower's base (read when the borrower's
    own figure is unreadable)."""
    b, c, t = (table.get(k) for k in ("borrower", "co-borrower", "total"))
    out = {k: v for k, v in table.items() if k != "total"}
    if t is None:
        return out, ""
    if b is not None and c is not None:
        if b.value + c.value != t.value:
            return {}, f"failed: {b.value} + {c.value} != total {t.value}"
        return out, "ok"
    if not has_co and c is None:
        if b is None:
            return {"borrower": t}, "borrower's figure read from the total"
        if b.value != t.value:
            return {}, f"failed: borrower {b.value} != total {t.value}"
        return out, "ok"
    return out, ""


# --- identity -----------------------------------------------------------------------------------

# "123-45-6789", "123 \u2013 45 \u2013 6789", or masked "XXX-XX-6789" whole: a mask that lost a
# mark or a separator on a scan ("*****4970", "**.**.4945") has often lost a digit's shape too
_SSN_TEXT = re.compile(
    r"(?<![\dA-Za-z*#])(?:(\d{3})\s*[-\u2013\u2014.]?\s*(\d{2})\s*[-\u2013\u2014.]?\s*"
    r"|[X*x#\u2022]{3}\s*[-\u2013\u2014._]\s*[X*x#\u2022]{2}\s*[-\u2013\u2014._]\s*)(\d{4})(?!\d)"
)


def _ssn_of(layout: Layout, hit: Hit) -> tuple[str | None, str] | None:
    """(nine digits, or None when masked; last four) printed for an SSN label."""
    for text, _box in _value_text(layout, hit):
        m = _SSN_TEXT.search(ocr_digits(text) if re.search(r"\d{3}", text) else text)
        if m is None:
            continue
        if m.group(1):
            digits = m.group(1) + m.group(2) + m.group(3)
            if digits[:3] in {"000", "666"} or digits[3:5] == "00" or digits[5:] == "0000":
                continue
            return digits, digits[5:]
        return None, m.group(3)
    return None


_SUB_LABEL = re.compile(r"\W*(?:street|city|state|zip|country)\b", re.IGNORECASE)


def _lines_under(layout: Layout, hit: Hit, value: Box) -> list[tuple[str, Box]]:
    """The lines set under a value printed beside its label, starting where it starts."""
    line = layout.lines[hit.line]
    inside = [i for i, t in enumerate(line.tokens) if value.left <= t.box.left < value.right]
    if not inside:
        return []
    anchor = Hit(hit.line, inside[0], inside[-1], value, 1.0)
    return layout.block_below(
        anchor,
        max_lines=2,
        max_gap=0.03,
        stop=_is_caption,
        left_limit=value.left - 0.01,
        right_limit=_cell_right(layout, hit),
    )


def _address_of(layout: Layout, hit: Hit, part: _Part) -> Address | None:
    """The address under or beside an address label: printed lines ("12 Elm St" / "Dayton, OH
    45402", or on one line), or the form's Street / City / State / ZIP boxes that follow."""
    texts = _value_text(layout, hit, max_lines=3)
    lines = [t for t, _b in texts]
    if len(texts) == 1 and texts[0][1].top < hit.box.bottom:
        # printed beside the label: the lines under the value continue it
        lines += [t for t, _b in _lines_under(layout, hit, texts[0][1])]
    parsed = parse_address(lines)
    if parsed is not None:
        return parsed[0]
    for text in lines:
        inline = parse_inline_address(text)
        if inline is not None:
            return inline
    parts: dict[str, str] = {}
    # (not "unit": a street may carry its unit, "12 Elm St Unit 3"; the "Unit #" box is a
    # cell of its own)
    stops = ("city", "state", "zip", "country")
    for key, labels in (
        ("street", ("street",)),
        ("unit", ("unit #",)),
        ("city", ("city",)),
        ("state", ("state",)),
        ("zip", ("zip code", "zip")),
    ):
        for sub in sorted(layout.find(*labels), key=lambda h: (h.line, h.box.left)):
            if (
                hit.box.top - 0.002 <= sub.box.top <= hit.box.bottom + 0.07
                and part.left <= sub.box.left < part.right
            ):
                values = _value_text(layout, sub, stop_words=[s for s in stops if s != key])
                # (an empty box's "value" is the next row's caption: "Country USA")
                if values and not _SUB_LABEL.match(values[0][0]):
                    parts[key] = values[0][0]
                break
    street = parts.get("street", "")
    zip_match = re.match(r"(\d{5})(?:-\d{4})?$", ocr_digits(parts.get("zip", "")).strip())
    if not looks_like_street(street) or zip_match is None:
        return None
    checked = parse_city_line(
        f"{parts.get('city', '').strip(' ,')}, {parts.get('state', '').strip(' ,.')} "
        f"{zip_match.group(1)}"
    )
    if checked is None:
        return None
    unit = parts.get("unit", "")
    if unit and re.fullmatch(r"[#\w\-. ]{1,12}", unit) and unit.lower() not in street.lower():
        street = f"{street} {unit}"
    return Address(
        street=" ".join(street.split()), city=checked[0], state=checked[1], zip=checked[2]
    )


# --- the year -----------------------------------------------------------------------------------


def _date_near(layout: Layout, hit: Hit) -> int | None:
    """The year of a date printed with a signature label: on its line, in the "Date" box
    beside it, or under it."""
    right = layout.lines[hit.line].tokens[hit.last + 1 :]
    if right:
        dates = find_dates(" ".join(t.text for t in right))
        if dates:
            return dates[0].year
    for date_hit in layout.find("date"):
        if abs(date_hit.box.top - hit.box.top) < 0.012 and date_hit.box.left > hit.box.right:
            for text, _box in _joined(_value_text(layout, date_hit, max_lines=2)):
                dates = find_dates(text)
                if dates:
                    return dates[0].year
    for text, _box in layout.block_below(hit, max_lines=1, max_gap=0.03):
        dates = find_dates(text)
        if dates:
            return dates[0].year
    return None


# the years a signature on an application can bear ("2079" is a misread "2019")
_FIRST_YEAR, _LAST_YEAR = 1990, 2040


def _year(layouts: Sequence[Layout]) -> int | None:
    """The year of the borrower's signature (or a printed application date), if printed."""
    for layout in layouts:
        for lh in label_hits(layout, (*SIGNATURE_LABELS, *APPLICATION_DATE_LABELS)):
            context = layout.lines[lh.hit.line].text.lower()
            if "originator" in context or "interviewer" in context:
                continue
            year = _date_near(layout, lh.hit)
            if year is not None and _FIRST_YEAR <= year <= _LAST_YEAR:
                return year
    return None


# --- other income -------------------------------------------------------------------------------


def _other_income(layouts: Sequence[Layout]) -> list[str]:
    """Income from other sources as "source amount" (fields only, never records)."""
    out: list[str] = []
    for layout in layouts:
        for hit in layout.find(*OTHER_INCOME_HEADERS):
            for line in layout.lines[hit.line + 1 : hit.line + 8]:
                if line.box.top - hit.box.bottom > 0.15 or matches(line.text, ("total",)):
                    break
                amounts = [t for t in line.tokens if _monthly_amount(t.text)]
                if not amounts:
                    continue
                words = [
                    t.text
                    for t in line.tokens
                    if t.box.right <= amounts[-1].box.left and re.search(r"[A-Za-z]{3}", t.text)
                ]
                if words:
                    out.append(f"{' '.join(words)} {_monthly_amount(amounts[-1].text)}")
    return out


# --- the application ----------------------------------------------------------------------------


_CLEAN_FIGURE = re.compile(
    r"\$?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d)?\s?(?:/\s?month|/mo)?", re.IGNORECASE
)


def _plausible(amount: Decimal) -> bool:
    return Decimal(50) <= amount <= Decimal(250000)


def extract_1003(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.FORM_1003.value, extractor="form_1003", extractor_version=""
    )
    parts = _parts(layouts)
    listed = [r for layout in layouts for r in _other_borrowers(layout)]
    # a listed name is another reading of an applicant with a part of their own, or someone
    # only listed; or, when one applicant's own name could not be read and one listed name
    # belongs to nobody, that applicant's
    alone: list[_Reading] = []
    for reading in listed:
        same = [p for p in parts if any(_same_person(reading.name, r.name) for r in p.readings)]
        if len(same) == 1:
            same[0].readings.append(reading)
        else:
            alone.append(reading)
    unread = [p for p in parts if not p.readings and _has_own_fields(p, parts, layouts)]
    if len(unread) == 1 and len({normalize_name(r.name) for r in alone}) == 1:
        unread[0].readings.extend(alone)
        alone = []
    named = [p for p in parts if p.readings]
    people = BorrowerSet()
    for part in named:
        _add_applicant(people, part, parts, layouts)
    for reading in alone:
        conf = token_confidence(reading.layout, None)
        people.add(
            name=reading.name,
            evidence=evidence(
                reading.layout, "1003: other borrowers", reading.name, reading.box, conf
            ),
            confidence=conf,
        )

    employments = _employments(layouts, parts)
    current = [e for e in employments if e.employer and not e.previous]
    numbers = {id(e): n for n, e in enumerate((e for e in employments if e.employer), 1)}
    bases: dict[int, _Figure] = {}
    base_cands = candidates(layouts, BASE)
    line_cands = {spec.name: candidates(layouts, spec) for spec in OTHER_LINES}
    for emp in employments:
        if emp.employer is None:
            continue
        prefix = f"employment_{numbers[id(emp)]}"
        result.fields[f"{prefix}_employer"] = emp.employer
        result.fields[f"{prefix}_current"] = "no" if emp.previous else "yes"
        if emp.previous:
            continue
        _employment_fields(result, prefix, emp)
        lines: dict[str, _Figure] = {}
        for spec in OTHER_LINES:
            inside = [
                c
                for c in line_cands[spec.name]
                if emp.holds(_page(layouts, c), c.box) and not _labelled_elsewhere(c)
            ]
            figure = _only_figure(inside, spec.margin, strict=False)
            if figure is not None:
                lines[spec.name] = figure
                result.fields[f"{prefix}_{spec.name}"] = str(figure.value)
        local = [c for c in base_cands if emp.holds(_page(layouts, c), c.box)]
        base = _only_figure(local, BASE.margin, strict=True) if local else _row_base(emp)
        total = lines.get("total")
        if total is not None and not (
            _CLEAN_FIGURE.fullmatch(total.text.strip()) and _plausible(total.value)
        ):
            total = None  # (a total OCR garbled checks nothing)
        if base is None and not local and total is not None:
            base = _base_by_total(layouts, emp, lines, total)
        if base is None and local:
            result.fields[f"{prefix}_check_base"] = "abstained: different base figures"
        elif base is not None and total is not None and 0 < total.value < base.value:
            result.fields[f"{prefix}_check_base"] = f"failed: base {base.value} > total"
        elif base is not None:
            bases[id(emp)] = base

    # the old form's table: each applicant column's base goes to that applicant's one current
    # employment
    table, check = _checked_table(
        _table_bases(layouts), any(p.role == "co-borrower" for p in named)
    )
    if check:
        result.fields["check_income_table"] = check
    for role, figure in table.items():
        owners = [p for p in named if p.role == role]
        jobs = [e for e in current if owners and e.owner is owners[0]]
        if len(owners) != 1 or len(jobs) != 1:
            continue
        mine = bases.get(id(jobs[0]))
        if mine is not None and mine.value != figure.value:
            del bases[id(jobs[0])]
        elif mine is None:
            bases[id(jobs[0])] = figure

    year = _year(layouts)
    for emp in current:
        figure = bases.get(id(emp))
        if figure is None:
            continue
        amount = figure.value.quantize(Decimal("0.01"))
        prefix = f"employment_{numbers[id(emp)]}"
        result.fields[f"{prefix}_base"] = str(amount)
        if not _plausible(amount):
            result.fields[f"{prefix}_check_base"] = f"failed: {amount} is not a monthly base"
            continue
        conf = token_confidence(figure.layout, None, min(1.0, figure.score))
        result.incomes.append(
            ExtractedIncome(
                borrower_key=emp.owner.key,
                amount=amount,
                period=IncomePeriod.MONTHLY.value,
                year=year,
                source_type="form_1003",
                employer=emp.employer,
                evidence=evidence(
                    figure.layout,
                    "1003: base income",
                    f"{figure.label} {figure.text}",
                    figure.box,
                    conf,
                ),
                confidence=conf,
            )
        )
    others = _other_income(layouts)
    if others:
        result.fields["other_income"] = "; ".join(others)
    if year is not None:
        result.fields["signed_year"] = str(year)
    employer_of: dict[str, str | None] = {}
    for emp in current:
        if emp.owner.key is not None:
            employer_of.setdefault(emp.owner.key, emp.employer)
    result.borrowers = [
        replace(b, employer=b.employer or employer_of.get(b.key)) for b in people.borrowers
    ]
    return result


def _has_own_fields(part: _Part, parts: Sequence[_Part], layouts: Sequence[Layout]) -> bool:
    """Whether an applicant's part holds an employer printed for them (a part of the form
    someone filled in, not an empty Co-Borrower column)."""
    for index, layout in enumerate(layouts):
        for hit in _hits(layout, EMPLOYER_LABELS):
            if _owner(parts, index, hit.box) is part and _employer_of(layout, hit):
                return True
    return False


def _add_applicant(
    people: BorrowerSet, part: _Part, parts: Sequence[_Part], layouts: Sequence[Layout]
) -> None:
    """The applicant's name, SSN and current address, read within their part of the form."""
    reading = part.reading
    if reading is None:
        return
    ssn: tuple[str | None, str] | None = None
    address: Address | None = None
    for index, layout in enumerate(layouts):
        for hit in _hits(layout, SSN_LABELS):
            if ssn is None and _owner(parts, index, hit.box) is part:
                ssn = _ssn_of(layout, hit)
        for hit in _hits(layout, ADDRESS_LABELS, _NOT_CURRENT_ADDRESS):
            if address is None and _owner(parts, index, hit.box) is part:
                address = _address_of(layout, hit, part)
    conf = token_confidence(reading.layout, None)
    part.key = people.add(
        name=reading.name,
        evidence=evidence(reading.layout, "1003: borrower", reading.name, reading.box, conf),
        ssn=ssn[0] if ssn else None,
        ssn_last4=ssn[1] if ssn else None,
        address=address,
        confidence=conf,
    )


def _employment_fields(result: ExtractionResult, prefix: str, emp: _Employment) -> None:
    position = _text_in(POSITION_LABELS, emp, stop_words=("phone", "yrs"))
    if position:
        result.fields[f"{prefix}_position"] = position
    start = _text_in(START_LABELS, emp, stop_words=("how",))
    dates = find_dates(re.sub(r"\s*/\s*", "/", start)) if start else []
    if dates:
        result.fields[f"{prefix}_start_date"] = dates[0].isoformat()
    self_employed = _self_employed(emp)
    if self_employed is not None:
        result.fields[f"{prefix}_self_employed"] = "yes" if self_employed else "no"


def _page(layouts: Sequence[Layout], cand: Candidate) -> int:
    return next(i for i, layout in enumerate(layouts) if layout is cand.layout)
