"""Schedules C and E (Form 1040), attached to a return or on their own: each schedule's result
as an annual income, guarded by the schedule's own arithmetic.

    return_pages, attached = split_schedules(layouts)   # pages of a return, schedules among them
    reading = read_schedule(attached[0])                  # figures, verdict, names, business

A schedule is a declaration (:class:`Schedule`): the titles that mark its pages, the numbered
lines it is read by (each a line number and its wordings, :class:`FormLine`), the line it
exports (Schedule C line 31, net profit or (loss); Schedule E line 26, total rental real estate
and royalty income or (loss)) and the sums the form prints (:class:`Check`).

A line's figure is read the way a person reads a form: find the line's wording, make sure the
number printed before it (or in the box beside its amount) is the line's own, then take the
figure in the amount column of that line's rows. A caption may run over several rows and the
amount sit on its last one (the IRS layout of lines 1, 30, 31 and 26), so the rows down to the
next numbered line count. Where OCR made two lines' wordings alike ("line 20" read one letter
from "line 4"), a row belongs to the line it matches best. A figure in parentheses or with a
minus sign is a loss; a box with printed parentheses (Schedule E line 25) holds a loss whatever
its figure's sign.

The result must be borne out by the schedule's arithmetic where it is printed: it is dropped
when a check fails (a figure is misread and the form cannot say which: a wrong figure is worse
than a missing one) and when the checks hold only by supposing a figure OCR did not read; it is
kept with a lower confidence when the page prints no check at all (a summary).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.extraction.common import split_joint_names, tax_year
from pipeline.extraction.engine import (
    Candidate,
    Field,
    Relation,
    ValueType,
    choose,
    find,
    label_hits,
)
from pipeline.extraction.layout import Box, Hit, Layout, Line, Token, normalize
from pipeline.extraction.values import (
    clean_org,
    looks_like_street,
    parse_city_line,
    parse_money,
    parse_ssn,
)


@dataclass(frozen=True)
class FormLine:
    """A numbered line of a schedule: its number as printed ("31", "23a") and its wordings,
    the most specific first."""

    number: str
    labels: tuple[str, ...]
    # a box with printed parentheses: its figure is a loss whatever sign it is printed with
    loss: bool = False
    # the sign the line's figure always has (expenses, totals of rents: 1; losses: -1), 0 any
    sign: int = 0


@dataclass(frozen=True)
class Check:
    """``total`` = sum of ``add`` - sum of ``subtract``, a line not printed counting as zero.
    The check applies when ``total`` and the ``needs`` lines are read (any one of them with
    ``any_of``) and none of the ``unless`` lines is printed."""

    total: str
    add: tuple[str, ...] = ()
    subtract: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    any_of: bool = False
    unless: tuple[str, ...] = ()

    def lines(self) -> tuple[str, ...]:
        return (self.total, *self.add, *self.subtract)

    def describe(self) -> str:
        terms = " + ".join(f"line {k}" for k in self.add)
        terms += "".join(f" - line {k}" for k in self.subtract)
        return f"line {self.total} = {terms}"


@dataclass(frozen=True)
class Schedule:
    """One schedule kind; see the module docstring."""

    source_type: str
    section: str  # how evidence names it ("Schedule C")
    titles: tuple[str, ...]  # printed on the schedule's first page
    forms: tuple[str, ...]  # the form's name in its headers and footers
    result: str  # the line exported
    lines: tuple[FormLine, ...]
    checks: tuple[Check, ...]
    name_labels: tuple[str, ...]
    business_labels: tuple[str, ...] = ()
    # lines whose being printed at all matters (a check's ``unless``), read per property
    flags: tuple[FormLine, ...] = ()

    def line(self, number: str) -> FormLine:
        return next(x for x in self.lines if x.number == number)


SCHEDULE_C = Schedule(
    source_type="schedule_c",
    section="Schedule C",
    titles=("profit or loss from business",),
    forms=("schedule c (form 1040)", "schedule c (form 1040-sr)"),
    result="31",
    lines=(
        FormLine("7", ("gross income. add lines 5 and 6", "gross income"), sign=1),
        FormLine(
            "28",
            ("total expenses before expenses for business use of home", "total expenses"),
            sign=1,
        ),
        FormLine(
            "29", ("tentative profit or (loss)", "tentative profit (loss)", "tentative profit")
        ),
        FormLine("30", ("expenses for business use of your home", "business use of home"), sign=1),
        FormLine(
            "31", ("net profit or (loss)", "net profit (loss)", "net profit or loss", "net profit")
        ),
    ),
    checks=(
        Check("31", add=("29",), subtract=("30",), needs=("29",)),
        Check("31", add=("7",), subtract=("28", "30"), needs=("7", "28")),
    ),
    name_labels=("name of proprietor", "proprietor's name", "proprietor"),
    # (the form's whole caption first: OCR may misspell its first "name" and not its second)
    business_labels=(
        "business name. if no separate business name",
        "business name",
        "name of business",
    ),
)
SCHEDULE_E = Schedule(
    source_type="schedule_e",
    section="Schedule E",
    titles=("supplemental income and loss",),
    forms=("schedule e (form 1040)", "schedule e (form 1040-sr)"),
    result="26",
    lines=(
        FormLine(
            "23a", ("total of all amounts reported on line 3", "total rents received"), sign=1
        ),
        FormLine(
            "23b", ("total of all amounts reported on line 4", "total royalties received"), sign=1
        ),
        # 23c and 23d take no part in a check: read so that their rows are not taken for
        # another 23 line's ("line 12" is two letters from "line 4")
        FormLine("23c", ("total of all amounts reported on line 12", "total mortgage interest")),
        FormLine("23d", ("total of all amounts reported on line 18", "total depreciation")),
        FormLine(
            "23e",
            ("total of all amounts reported on line 20", "total expenses, all properties"),
            sign=1,
        ),
        FormLine(
            "24",
            ("income. add positive amounts", "add positive amounts", "income (positive amounts"),
            sign=1,
        ),
        FormLine(
            "25",
            ("losses. add royalty losses", "add royalty losses", "losses (from lines 21 and 22"),
            loss=True,
            sign=-1,
        ),
        FormLine(
            "26",
            (
                "total rental real estate and royalty income or (loss)",
                "total rental real estate and royalty income",
                "rental real estate and royalty income or (loss)",
            ),
        ),
    ),
    checks=(
        Check("26", add=("24", "25"), needs=("24", "25"), any_of=True),
        # a loss limited on Form 8582 (line 22) makes line 26 differ from the plain totals
        Check("26", add=("23a", "23b"), subtract=("23e",), needs=("23a", "23e"), unless=("22",)),
    ),
    name_labels=(
        "name(s) shown on return",
        "names shown on return",
        "name shown on return",
        "shown on return",
    ),
    flags=(FormLine("22", ("deductible rental real estate loss after limitation",)),),
)
SCHEDULES = (SCHEDULE_C, SCHEDULE_E)


# --- which pages ------------------------------------------------------------------------------


# What only a return's own first page prints: such a page may list its schedules ("Schedule C
# - Profit or Loss From Business  45,210" in a tax program's summary) without being one.
_RETURN_LABELS = (
    "individual income tax return",
    "tax return for seniors",
    "filing status",
    "your first name and middle initial",
)


def schedule_of(layout: Layout) -> Schedule | None:
    """The schedule a page belongs to, by its title or its form name ("Schedule C (Form
    1040)"); None for any other page, and for the return's own first page. Form names differ
    by one letter, so they must be printed exactly; titles may be OCR'd."""
    if layout.has(*_RETURN_LABELS):
        return None
    for schedule in SCHEDULES:
        if layout.has(*schedule.titles) or layout.find(*schedule.forms, fuzzy=False):
            return schedule
    return None


def is_schedule_page(layout: Layout) -> bool:
    """Whether the page is a page of Schedule C or E (Form 1040)."""
    return schedule_of(layout) is not None


# "Schedule E (Form 1040) 2023  Page 2" (and not "... on line 41 on page 2" in a caption)
_LATER_PAGE = re.compile(r"\bPage\s*[2-9]\b(?!\s*[a-z])")


def starts_schedule(layout: Layout, schedule: Schedule) -> bool:
    """Whether the page is a schedule's first: its title is printed, or its result line on a
    page that does not count itself a later one ("Page 2")."""
    if layout.has(*schedule.titles):
        return True
    if any(_LATER_PAGE.search(line.text) for line in layout.lines):
        return False
    return bool(label_hits(layout, schedule.line(schedule.result).labels))


@dataclass
class AttachedSchedule:
    """The pages of one schedule (a second Schedule C is another one)."""

    schedule: Schedule
    pages: list[Layout] = field(default_factory=list)


def split_schedules(layouts: Sequence[Layout]) -> tuple[list[Layout], list[AttachedSchedule]]:
    """The return's own pages, and each schedule with its pages, in page order."""
    own: list[Layout] = []
    attached: list[AttachedSchedule] = []
    for layout in layouts:
        schedule = schedule_of(layout)
        if schedule is None:
            own.append(layout)
            continue
        current = attached[-1] if attached else None
        if current is None or current.schedule is not schedule or starts_schedule(layout, schedule):
            attached.append(AttachedSchedule(schedule))
        attached[-1].pages.append(layout)
    return own, attached


# --- reading a line ---------------------------------------------------------------------------

_LINE_NUMBER = re.compile(r"\(?(\d{1,2}[a-h]?|[a-h])[.):]?")
# OCR's letters for digits in a line number ("3l", "2O"); a-h stay: they are sub-lines
_NUMBER_FOLD = str.maketrans({"l": "1", "I": "1", "|": "1", "i": "1", "O": "0", "o": "0"})


def _line_number(text: str) -> str | None:
    """The line number a token prints ("31", "23a", "b" before a sub-line's caption), allowing
    for the rules, specks and letters OCR reads around it ("|30", "d___", "\u00a2")."""
    text = (
        text.strip().strip("|[]!_.,:;'\"\u2018\u2019\u201c\u201d=-~\u2014*").replace("\u00a2", "c")
    )
    if not text or len(text) > 3:
        return None
    if any(ch.isdigit() for ch in text):
        text = text.translate(_NUMBER_FOLD)
    m = _LINE_NUMBER.fullmatch(text)
    return m.group(1) if m else None


def _same_number(printed: str, number: str) -> bool:
    """ "23b" is printed as "b" before its caption."""
    return printed == number or (len(printed) == 1 and printed.isalpha() and number[-1] == printed)


def _near_number(printed: str, number: str) -> bool:
    """A line number OCR read a digit of wrong ("34" for "31"); "23d" is not "23b"."""
    if len(printed) != len(number) or len(number) < 2 or printed[0] != number[0]:
        return False
    wrong = [(a, b) for a, b in zip(printed, number, strict=True) if a != b]
    return len(wrong) == 1 and wrong[0][0].isdigit() and wrong[0][1].isdigit()


def _wordish(tok: Token) -> bool:
    return sum(ch.isalpha() for ch in tok.text) >= 2


_MID_CAPTION = "mid-caption"


def _lead(layout: Layout, hit: Hit) -> str | None:
    """The line number printed before a label, None when there is none, or ``_MID_CAPTION``
    when the words sit inside another caption ("... Do not include any losses")."""
    tokens = layout.lines[hit.line].tokens
    if hit.first == 0:
        return None
    prev = tokens[hit.first - 1]
    number = _line_number(prev.text)
    if number is not None:
        return number
    cw = max(prev.char_width, tokens[hit.first].char_width, 0.003)
    if hit.box.left - prev.box.right < 2.5 * cw and _wordish(prev):
        return _MID_CAPTION
    return None


def _entry_rows(layout: Layout, hit: Hit, max_rows: int = 4) -> list[Line]:
    """The rows of a numbered line: the label's row and the rows under it that continue its
    caption, down to the next numbered line (or anything starting left of the entry)."""
    first = layout.lines[hit.line]
    rows = [first]
    left = layout.phrase_left(hit)
    height = max(first.box.height, 0.004)
    for line in layout.lines[hit.line + 1 :]:
        if len(rows) >= max_rows or line.box.top - rows[-1].box.bottom > 1.2 * height:
            break
        start = line.tokens[0]
        if start.box.left < left - 0.015:
            break
        # (a sub-line's letter, "b Total of ...", is left to the other lines' wordings: a
        # bullet OCR read as "\u00a2" or "e" starts a caption's next row)
        number = _line_number(start.text)
        if number and number[0].isdigit() and any(_wordish(t) for t in line.tokens[1:3]):
            break
        rows.append(line)
    return rows


def parse_amount(text: str) -> Decimal | None:
    """An amount with its sign: "(1,234)" and "-1,234" are losses, and so is "1,234)" whose
    opening parenthesis OCR lost."""
    raw = text.strip()
    # a box's line number with the box's rules OCR read beside it ("| 34", "| 30 |", "31]"),
    # not "1.34"
    if re.fullmatch(r"[\[\]|!]*\s*\d{1,3}[a-h]?\s*[\[\]|!]*", raw) and re.search(r"[\[\]|!]", raw):
        return None
    # the box's rules read as brackets or bars around the figure ("18555]", "|4,521")
    raw = raw.strip("[]|!").strip()
    # a speck and a box number ("6 24"), not 6.24
    if re.fullmatch(r"\(?-?\d{1,3}\s\d{2}\)?", raw):
        return None
    # a dash standing apart from the figure is a speck or a rule, not a minus sign
    raw = re.sub(r"^[-\u2013\u2014~]\s+(?=\$?\d)", "", raw)
    value = parse_money(raw)
    if value is None and re.fullmatch(r"[\"'\u201c\u2018]?(?:19|20)\d\d", raw):
        # a figure that looks like a year (royalties of 2,021 printed "2021"): read only in
        # a numbered line's amount column, where a year is never printed
        value = Decimal(raw.lstrip("\"'\u201c\u2018"))
    if value is None:
        return None
    if value > 0 and raw.endswith(")") and not raw.startswith("("):
        return -value
    return value


_AMOUNT = ValueType("amount", parse_amount)


def _on_row(box: Box, row: Line) -> bool:
    overlap = min(box.bottom, row.box.bottom) - max(box.top, row.box.top)
    return overlap >= 0.5 * max(min(box.height, row.box.height), 1e-4)


def _box_label(row: Line, box: Box) -> str | None:
    """The line number printed in the box just left of an amount ("31 | (4,521)"); a number
    ending a sentence ("... from line 29.  (4,521)") is not one."""
    before = sorted((t for t in row.tokens if t.box.right <= box.left + 1e-6),
                    key=lambda t: t.box.right)  # fmt: skip
    if not before:
        return None
    tok = before[-1]
    number = _line_number(tok.text)
    # (a box's label is a whole line number: a lone letter there is a speck)
    if number is None or not number[0].isdigit():
        return None
    if len(before) > 1:
        prev = before[-2]
        cw = max(prev.char_width, tok.char_width, 0.003)
        if tok.box.left - prev.box.right < 2.0 * cw and _wordish(prev):
            return None
    return number


def _row_amount(layout: Layout, row: Line, after: float, number: str) -> tuple[Token, bool] | None:
    """The rightmost figure of a row right of ``after`` that is not in running words or in
    another line's box, and whether the line's own number labels its box."""
    best: tuple[Token, bool] | None = None
    for tok, box in layout.candidates(parse_amount):
        # a number inside running words ("Form 8829") is not the line's amount
        if tok.confidence < 0 or box.left <= after or not _on_row(box, row):
            continue
        label = _box_label(row, box)
        if label is not None and not _same_number(label, number):
            if len(label) > 1 and not _near_number(label, number):
                continue  # the box of another line printed on the same row
            label = None  # a misread digit, or a speck beside the amount
        if best is None or box.right > best[0].box.right:
            best = (tok, label is not None)
    return best


def _line_candidates(layout: Layout, line: FormLine, others: Sequence[str]) -> list[Candidate]:
    """A candidate per place the line's wording is printed with its own number (or none):
    the figure on the label's row; failing that, the rightmost figure of the rows that
    continue its caption (the amount column), stopping at another line's wording."""
    out: list[Candidate] = []
    for lh in label_hits(layout, line.labels):
        lead = _lead(layout, lh.hit)
        if (
            lead == _MID_CAPTION
            or _better_matched(layout, lh.hit, others)
            or not _ends_cleanly(layout, lh.hit, line.labels[lh.rank])
        ):
            continue
        if lead is not None and not _same_number(lead, line.number):
            # another line's caption holding these words, unless OCR misread a digit of it
            if not _near_number(lead, line.number):
                continue
            lead = None
        rows = _entry_rows(layout, lh.hit)
        found = _row_amount(layout, rows[0], lh.hit.box.right, line.number)
        offset = 0
        if found is None:
            for n, row in enumerate(rows[1:], start=1):
                if _labelled(layout, row, others):
                    break
                amount = _row_amount(layout, row, lh.hit.box.right, line.number)
                if amount is not None and (
                    found is None or amount[0].box.right > found[0].box.right + 0.005
                ):
                    found, offset = amount, n
        if found is None:
            continue
        tok, boxed = found
        value = parse_amount(tok.text)
        if value is None:
            continue
        if line.loss:
            value = -abs(value)
        quality = lh.hit.score * (1.0 - 0.02 * min(lh.rank, 10))
        sure = 1.0 if (lead is not None or boxed) else 0.8
        conf = 0.6 + 0.4 * max(0.0, min(1.0, tok.confidence))
        out.append(
            Candidate(
                line.number,
                value,
                tok.text,
                tok.box,
                layout,
                Relation.RIGHT if offset == 0 else Relation.BELOW,
                quality * sure * 0.96**offset * conf,
                lh.text,
                None,
                layout.lines[lh.hit.line].text,
            )
        )
    return out


def _ends_cleanly(layout: Layout, hit: Hit, label: str) -> bool:
    """A wording ending in a number matches that number, not the start of a longer one
    ("line 4" is not "line 48")."""
    digits = re.search(r"\d+$", label)
    if digits is None:
        return True
    last = layout.lines[hit.line].tokens[hit.last].text
    found = re.search(r"\d+", last)
    return found is not None and found.group(0) == digits.group(0)


def _better_matched(layout: Layout, hit: Hit, others: Sequence[str]) -> bool:
    """Whether another line's wording matches these words better: OCR's "line 20" is one
    letter from "line 4", but it is line 23e's caption, not 23b's."""
    return bool(others) and any(
        h.line == hit.line
        and not (h.last < hit.first or h.first > hit.last)
        and h.score > hit.score
        for h in layout.find(*others)
    )


def _labelled(layout: Layout, row: Line, labels: Sequence[str]) -> bool:
    """Whether one of ``labels`` is printed on ``row``."""
    return bool(labels) and any(h.line == row.index for h in layout.find(*labels))


def read_line(
    pages: Sequence[Layout], line: FormLine, others: Sequence[str] = (), margin: float = 0.12
) -> Candidate | None:
    """The figure of one numbered line on these pages, or None (not printed, or a tie);
    ``others`` are the wordings of the form's other lines."""
    cands = [c for page in pages for c in _line_candidates(page, line, others)]
    return choose(cands, margin).best


def _printed(pages: Sequence[Layout], line: FormLine) -> bool:
    """Whether any figure is printed on the line (on any property's column)."""
    for page in pages:
        for lh in label_hits(page, line.labels):
            lead = _lead(page, lh.hit)
            if lead == _MID_CAPTION or (lead is not None and not _same_number(lead, line.number)):
                continue
            for row in _entry_rows(page, lh.hit):
                if any(
                    tok.confidence >= 0 and box.left > lh.hit.box.right and _on_row(box, row)
                    for tok, box in page.candidates(parse_amount)
                ):
                    return True
    return False


# --- who and what -----------------------------------------------------------------------------


def _whole_label(layout: Layout, hit: Hit, label: str) -> bool:
    """The hit covers whole words ("Proprietor:", not the start of "Proprietorship"), allowing
    for the letters OCR may have got wrong."""
    tokens = layout.lines[hit.line].tokens[hit.first : hit.last + 1]
    printed, wanted = normalize(" ".join(t.text for t in tokens)), normalize(label)
    return abs(len(printed) - len(wanted)) <= len(wanted) // 8


_NOT_A_NAME = re.compile(
    r"social security|\bssn\b|do not enter|identifying|instructions|\bpage\b", re.IGNORECASE
)


def read_names(layout: Layout, labels: Sequence[str]) -> tuple[list[str], Box] | None:
    """The people a names line holds ("Name of proprietor", "Name(s) shown on return"), joint
    names split, with the line's box: right of the label, or under it in its cell."""
    for lh in sorted(label_hits(layout, labels), key=lambda lh: lh.rank):
        if not _whole_label(layout, lh.hit, labels[lh.rank]):
            continue
        texts = []
        right = layout.text_right_of(lh.hit)
        if right is not None:
            texts.append(right)
        texts += layout.block_below(lh.hit, max_lines=1, max_gap=0.04)
        for text, box in texts:
            text = re.split(r"\s{2,}|\b(?:SSN|Social)\b", text.lstrip(".:;- "))[0]
            # (a name ends where a number starts: the SSN printed on its row)
            text = re.split(r"\s+(?=(?:\S*\d){3})", text)[0]
            if not text or _NOT_A_NAME.search(text) or looks_like_street(text):
                continue
            names = split_joint_names(text)
            if names:
                return names, box
    return None


_SSN = Field(
    "ssn",
    labels=(
        "social security number (ssn)",
        "your social security number",
        "social security number",
        "identifying number",
        "ssn",
    ),
    value=ValueType("ssn", parse_ssn),
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("spouse",),
    exact_labels=("ssn",),
)
# Words of a schedule's own captions: a business name's cell left blank shows the next one.
_SCHEDULE_LABEL = re.compile(
    r"business address|employer id|\(ein\)|principal business|accounting method|city, town|"
    r"social security|leave blank|if no separate|enter code|instructions",
    re.IGNORECASE,
)


def read_business(layout: Layout, labels: Sequence[str]) -> tuple[str, Box] | None:
    """The business name (Schedule C line C) when printed: right of its label, or in its cell
    under it; a blank cell gives None, not the next cell's caption or an address."""
    for lh in sorted(label_hits(layout, labels), key=lambda lh: lh.rank):
        if not _whole_label(layout, lh.hit, labels[lh.rank]):
            continue
        texts = []
        right = layout.text_right_of(lh.hit)
        if right is not None:
            texts.append(right)
        texts += layout.block_below(
            lh.hit,
            max_lines=1,
            max_gap=0.04,
            stop=lambda text: bool(_SCHEDULE_LABEL.search(text)),
        )
        for text, box in texts:
            text = text.lstrip(".:;- ")
            if (
                not text
                or _SCHEDULE_LABEL.search(text)
                or looks_like_street(text)
                or parse_city_line(text)
            ):
                continue
            # a name beside another cell's label ("ACME LLC   EIN: 12-3456789")
            text = re.split(r"\s{2,}|\b(?:EIN|Employer ID)\b", text)[0]
            name = clean_org(text)
            if name:
                return name, box
        return None
    return None


# --- a whole schedule -------------------------------------------------------------------------


@dataclass
class ScheduleReading:
    """What one schedule says: its figures, whether its result holds, who and what it is for."""

    schedule: Schedule
    figures: dict[str, Candidate]
    result: Candidate | None
    verdict: str  # "confirmed", "failed", "unsure", "unchecked" or "missing"
    checks: list[str]  # each applicable check, as "line 31 = line 29 - line 30: holds"
    names: list[str]
    name_box: Box | None
    name_page: Layout
    ssn: tuple[str | None, str] | None  # (nine digits or None, last four)
    business: str | None
    year: int | None

    @property
    def amount(self) -> Decimal | None:
        """The result when nothing printed contradicts it (see :func:`_verdict`)."""
        if self.result is None or self.verdict in ("failed", "unsure"):
            return None
        value: Decimal = self.result.value
        return value


def read_schedule(attached: AttachedSchedule) -> ScheduleReading:
    schedule, pages = attached.schedule, attached.pages
    figures: dict[str, Candidate] = {}
    for line in schedule.lines:
        others = [w for x in (*schedule.lines, *schedule.flags) if x is not line for w in x.labels]
        found = read_line(pages, line, others)
        if found is not None:
            figures[line.number] = found
    flags = {line.number for line in schedule.flags if _printed(pages, line)}
    result = figures.get(schedule.result)
    verdict, checks = _verdict(schedule, figures, flags)
    first = pages[0]
    names = read_names(first, schedule.name_labels)
    ssn = find([first], _SSN)
    business = read_business(first, schedule.business_labels) if schedule.business_labels else None
    return ScheduleReading(
        schedule=schedule,
        figures=figures,
        result=result,
        verdict=verdict if result is not None else "missing",
        checks=checks,
        names=names[0] if names else [],
        name_box=names[1] if names else None,
        name_page=first,
        ssn=(ssn.value.digits, ssn.value.last4) if ssn is not None else None,
        business=business[0] if business else None,
        year=_schedule_year(first, schedule),
    )


# "Schedule C (Form 1040) 2022", "SCHEDULE E(Form1040)2022." as a header or footer prints it
_FORM_YEAR = re.compile(r"\(\s*form\s*1040(?:-sr)?\s*\)\W{0,2}((?:19|20)\d\d)\b", re.IGNORECASE)


def _schedule_year(layout: Layout, schedule: Schedule) -> int | None:
    for line in layout.lines:
        m = _FORM_YEAR.search(line.text)
        if m and 2000 <= int(m.group(1)) <= 2049:
            return int(m.group(1))
    return tax_year(layout, layout.find(*schedule.titles))


def _verdict(
    schedule: Schedule, figures: dict[str, Candidate], flags: set[str]
) -> tuple[str, list[str]]:
    """Whether the printed arithmetic bears the result out.

    A line not read is either left blank or missed by OCR: a check with one such line says
    what it must hold (a blank is zero), and that figure then counts in the other checks; a
    figure of the wrong sign (a negative expense) is a contradiction. ``failed``: a check
    fails, or needs an impossible figure; ``confirmed``: a check holds on the figures read,
    blanks counting as zero; ``unsure``: the checks hold only if a line OCR missed holds some
    figure (nothing confirms the result); ``unchecked``: no check is printed."""
    values = {k: c.value for k, c in figures.items()}
    applicable = []
    for check in schedule.checks:
        if schedule.result not in check.lines() or check.total not in values:
            continue
        if any(u in flags or u in values for u in check.unless):
            continue
        read = [n for n in check.needs if n in values]
        if read and (check.any_of or len(read) == len(check.needs)):
            applicable.append(check)
    if not applicable:
        return "unchecked", []
    inferred: dict[str, Decimal] = {}
    notes: list[str] = []
    impossible = False
    pending = list(applicable)
    while pending:
        for check in pending:
            unknown = [(k, sign) for k, sign in _terms(check) if k not in values | inferred]
            if len(unknown) == 1:
                key, sign = unknown[0]
                figure = sign * (values[check.total] - _sum(check, {**values, **inferred}))
                inferred[key] = figure
                expected_sign = schedule.line(key).sign
                if figure and expected_sign and (figure > 0) != (expected_sign > 0):
                    impossible = True
                    notes.append(f"{check.describe()}: line {key} would be {figure}")
                pending.remove(check)
                break
        else:
            break
    verdicts = set()
    for check in applicable:
        known = {**values, **inferred}
        if any(k not in known for k, _s in _terms(check)):
            verdicts.add("unsure")
            continue
        expected = _sum(check, known)
        guessed = [k for k, _s in _terms(check) if inferred.get(k)]
        if values[check.total] != expected:
            verdicts.add("failed")
            notes.append(f"{check.describe()}: {values[check.total]} != {expected}")
        elif guessed:
            verdicts.add("unsure")
            notes.append(
                f"{check.describe()}: holds only if "
                + ", ".join(f"line {k} (not read) is {inferred[k]}" for k in guessed)
            )
        else:
            verdicts.add("confirmed")
            notes.append(f"{check.describe()}: holds")
    if impossible or "failed" in verdicts:
        return "failed", notes
    return ("confirmed" if "confirmed" in verdicts else "unsure"), notes


def _terms(check: Check) -> list[tuple[str, int]]:
    return [(k, 1) for k in check.add] + [(k, -1) for k in check.subtract]


def _sum(check: Check, known: dict[str, Decimal]) -> Decimal:
    """The check's right-hand side over the lines known (the others counting as zero)."""
    return sum((sign * known[k] for k, sign in _terms(check) if k in known), Decimal(0))
