"""Verification of employment: Fannie Mae Form 1005, employer letters, vendor reports (The
Work Number, CCC Verify): employee, employer, position, hire date and annual base pay.

Base pay is the *current* rate of base pay, annualised by its period: x 1 annual, x 12
monthly, x 24 semi-monthly, x 26 bi-weekly, x 52 weekly, hourly x hours per week x 52. It is
read from a labelled field (``Current Gross Base Pay``, ``Rate of Pay``, ``Salary``) or a
sentence (``an hourly rate of $38.59 at 40 hours per week``). Year-to-date, past-year, bonus,
overtime and raise figures are distractors: labels and table columns naming them are refused.
The period must be printed (after the figure, in a frequency field, as a ticked box, in the
label or the sentence); without it, or without the hours of an hourly rate, no income is
reported rather than a guess.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod
from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.extraction.common import (
    TICK,
    BorrowerSet,
    evidence,
    letterhead_org,
    text_after,
    token_confidence,
    value_after,
)
from pipeline.extraction.engine import (
    Candidate,
    Field,
    Relation,
    ValueType,
    candidates,
    choose,
    find,
    item_number_at,
    label_hits,
    page_text_with_spans,
)
from pipeline.extraction.layout import Box, Hit, Layout, normalize, union_all
from pipeline.extraction.values import (
    clean_name,
    clean_org,
    find_dates,
    leading_name,
    looks_like_street,
    parse_money,
    parse_ssn,
    person_name,
)

PER_YEAR: dict[str, Decimal] = {
    "annual": Decimal(1),
    "monthly": Decimal(12),
    "semimonthly": Decimal(24),
    "biweekly": Decimal(26),
    "weekly": Decimal(52),
}
# How a period is printed, most specific first.
_PERIOD_WORDS: tuple[tuple[str, str], ...] = (
    # (OCR may misread the word after "semi-": "Semi- Montniy")
    (r"semi[\s\-]?monthly|\bsemi[\s\-]*m[a-z]{4,6}\b|twice[\s\-]+(?:a[\s\-]+|per[\s\-]+)?month",
     "semimonthly"),
    (r"bi[\s\-]?weekly|every\s+(?:two|2|other)\s+weeks?|fortnight", "biweekly"),
    (r"hourly|\bper\s+hour\b|/\s*hr\b|/\s*hour\b|\ban\s+hour\b|\bhour\b", "hourly"),
    (r"weekly|\bper\s+week\b|/\s*(?:wk|week)\b|\ba\s+week\b", "weekly"),
    (r"monthly|\bper\s+month\b|/\s*mo\b|\ba\s+month\b|\bmonth\b", "monthly"),
    (r"annual(?:ly)?|yearly|\bper\s+(?:year|yeat|annum)\b|/\s*(?:yr|year|annum)\b|\ba\s+year\b",
     "annual"),
)  # fmt: skip


def period_of(text: str) -> str | None:
    """The pay period a phrase names ("$96600.0 Annual", "per hour", "Monthly"), if any."""
    # (a speck read as a dash before a word: "per -annum"; an accent OCR set on a letter:
    # "Sémimonthly")
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    t = " ".join(re.sub(r"(?<=\s)-(?=[a-z])", "", text.lower()).split())
    for pattern, period in _PERIOD_WORDS:
        if re.search(pattern, t):
            return period
    return None


MONEY = ValueType("money", parse_money)


def _hours(text: str) -> Decimal | None:
    # (a mark OCR set before or after the figure, ". 24,", "40°", "40'", is no part of it)
    m = re.fullmatch(
        r"[\s.:]*(\d{1,2}(?:\.\d{1,2})?)\s*(?:hours|hrs|h)?\.?[\s\u00b0'\u2019\"*,;]*",
        text,
        re.IGNORECASE,
    )
    if not m:
        return None
    value = Decimal(m.group(1))
    return value if 1 <= value <= 80 else None


HOURS = ValueType("hours", _hours)


def _hours_in_period(text: str) -> Decimal | None:
    """Hours worked in one pay period: up to 400 (a monthly period of overtime)."""
    m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d{1,2})?)\s*(?:hours|hrs|h)?\.?\s*", text, re.IGNORECASE)
    if not m:
        return None
    value = Decimal(m.group(1))
    return value if 1 <= value <= 400 else None


_DISTRACTORS = (
    "overtime", "bonus", "commission", "ytd", "year to date", "year-to-date", "past year",
    "prior year", "projected", "next pay increase", "last pay increase", "amount of",
    "termination", "previous", "total", "gross earnings", "incentive", "tips",
    # a report's table of recent pay statements: what one pay came to, not the rate
    "gross pay", "net pay", "pay date", "pay statement",
    # pay on top of the base rate: a stipend, a per diem, an allowance, longevity pay
    "stipend", "per diem", "allowance", "longevity", "differential",
)  # fmt: skip
BASE_PAY = Field(
    "base_pay",
    labels=(
        "current gross base pay", "current base pay", "current gross pay rate",
        "base pay rate", "rate of pay", "pay rate", "current rate", "base salary",
        "annual salary", "annual base salary", "current salary", "salary", "base rate",
        "hourly rate", "hourly wage", "wage rate", "base wage", "base pay",
        # a rate named by its period ("Biweekly rate  $6,009.46")
        "semi-monthly rate", "biweekly rate", "weekly rate", "monthly rate", "annual rate",
        "pay",
    ),
    value=MONEY,
    columns=("rate", "current", "base"),
    not_columns=("ytd", "year to date", "year-to-date", "past year", "thru", "prior", "overtime",
                 "bonus", "commission"),
    reject=_DISTRACTORS,
    exact_labels=("pay", "salary"),
    # a 1005 prints the period boxes between the label and the figure
    between_ok=("annual", "monthly", "weekly", "hourly", "other", "specify", "bi-weekly"),
    max_below=0.06,
    max_right=0.45,
)  # fmt: skip
FREQUENCY_LABELS = (
    "pay frequency", "rate frequency", "pay period", "pay basis", "frequency", "pay cycle",
    "paid", "per",
)  # fmt: skip
HOURS_PER_WEEK = Field(
    "hours_per_week",
    labels=(
        # (Form 1005's item 15, whose words before the label read as a sentence)
        "if paid hourly - average hours per week", "if paid hourly average hours per week",
        "average hours per week", "avg hours per week", "hours per week", "avg hrs per week",
        "hrs per week", "hours worked per week", "scheduled hours",
        "average weekly hours", "hours/week", "weekly hours", "avg hours", "hours",
    ),
    value=HOURS,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("overtime",),
    exact_labels=("hours",),
)  # fmt: skip

# A person's name in running text: two to four capitalised words (initials allowed), on one
# line. Accented capitals count ("José", "Zoë").
_CAP = r"[A-Z\u00c0-\u00d6\u00d8-\u00de]"
# (an initial OCR glued to the surname with its point, "D.Ramanathan", is one word here)
_NAME_WORD = rf"(?:(?:{_CAP}\.(?={_CAP}[a-z]))?{_CAP}[\w'\-]*\.?|{_CAP}\.)"
# (a middle initial whose capital looks like its small letter may be read small: "Hollis v Vasquez")
_NAME = rf"(?-i:{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|[cosvwxz](?=[ \t]+{_CAP}))){{1,3}})"
_TITLE = r"(?:(?:mr|ms|mrs|dr)\.?[ \t]+)?"
# a name printed surname first, "CHAUDHRY, KAI A" (``clean_name`` puts it in order)
# ("Acme, Inc." is refused by ``clean_name``)
# (with a suffix before the comma: "Szabo III, Valentina Gwendolyn")
_LAST_FIRST = (
    rf"(?-i:{_CAP}[\w'\-]+(?:[ \t]+(?:Jr|Sr|JR|SR|II|III|IV)\.?)?,"
    rf"[ \t]*{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
)
# Phrases after which a letter names the employee, and phrases that follow the name.
_EMPLOYEE_SENTENCES = (
    # (one line: "RE: Verification of Employment - Name")
    # (a dash inside a word is a hyphen, "Anne-Marie", where OCR lost the one before the name)
    rf"(?m)\b(?:re|subject|regarding|reference)[ \t]*[:.][^\n]*?"
    rf"(?:(?<![^\W\d_])[-\u2013\u2014:][ \t]*|\bfor[ \t]+)"
    rf"{_TITLE}(?P<value>{_LAST_FIRST}|{_NAME})[^\w\n]*$",
    # (OCR may read the space before "of" as a stop: "the employment.of Name")
    # (or a speck as a colon: "the employment: of Name")
    rf"\b(?:employment|verification|employment\s+status)(?:[:;,]?\s+|\.)(?:of|for)\s+{_TITLE}"
    rf"(?P<value>{_NAME})\b",
    # (OCR reads a space as a quote: "verification'that")
    # (an n OCR read as "ri": "corifirms")
    rf"\b(?:co(?:n|ri)firms?|certify|verify|verifies|certifies|verification|states?)"
    rf"(?:\s+|\s*['\u2018\u2019`]\s*)that"
    # (a speck OCR read between the name and its verb: "Zoé Ashcroft i is")
    rf"\s+[-\u2018'\"]?{_TITLE}(?P<value>{_LAST_FIRST}|{_NAME})(?:\s+[a-z]\s+|\s*[^\w\s]\s*|\s+)"
    rf"(?:has\s+been|is|was|has\s+worked|began|joined|works)\b",
    rf"(?:^|[.:]\s+){_TITLE}(?P<value>{_NAME})\s+(?:has\s+been|is\s+currently|is|was)\s+"
    rf"(?:employed|an\s+employee|a\s+full|a\s+part)",
    # ("Employee:  St. Clair, Yesenia": a name printed LAST, FIRST is read whole)
    rf"\bemployee(?:'s)?\s*(?:name)?\s*[:\-][ \t]*"
    rf"(?P<value>{_NAME}(?:,[ \t]*[A-Z][\w'\-]+(?:[ \t]+[A-Z]\.?(?![\w]))?)?)",
)
_ORG_END = (
    r"(?i:,?\s+(?:incorporated|inc|llc|l\.l\.c|ltd|corporation|corp|company|co|lp|llp|plc)"
    r"\b\.?)?"
)
_ORG_SUFFIX = re.compile(
    # (a speck OCR set before it: "Hospitality Group _L.L.c.")
    r",?\s+[_|'\"\u2018\u2019]?(?:inc|incorporated|llc|l\.l\.c|ltd|co|corp|corporation|company|lp|llp|plc)\b\.?$",
    re.IGNORECASE,
)
_EMPLOYER_SENTENCE = re.compile(
    # (OCR glues words with a quote mark: "employed'by")
    r"\b(?:employed\W*(?:by|with|at)|worked\W*(?:for|at|with)|works\W*(?:for|at)|"
    r"employee\s+of|employment\s+with|joined)\W+(?P<org>[A-Z0-9][^,;.\n]{2,60}?"
    + _ORG_END
    # (OCR may read the space before "as" as a hyphen: "Partners-as a Data Analyst")
    # ("asa": OCR lost the space in "as a")
    + r")(?=(?:\s+|-)(?:since|from|as|asa|on|in|for|beginning|starting|and|effective)\b"
    + r"|[,;.]|\s*$)",
    re.MULTILINE,
)
# In a letter, a base-pay figure is the one a pay word introduces ("base salary of", "rate of
# pay is", "compensated at", "earns"); a clause naming year-to-date, bonus, overtime or a
# raise before the figure is about something else. (OCR reads an r as an f: "hourly fate".)
_PAY_CUE = re.compile(
    r"\b(?:salary|base\s+pay|pay\s+rate|rate\s+of\s+pay|hourly\s+[rf]ate|wage|compensat\w*|"
    r"earns?|paid\s+(?:at|a)|current\s+pay|base\s+rate|base\s+(?:is|of)|annual\s+pay|"
    r"income\s+is|(?:is|are|gets|currently)\s+paid)\b",
    re.IGNORECASE,
)
_NOT_BASE = re.compile(
    r"\b(?:year[\s\-]*to[\s\-]*date|ytd|bonus\w*|overtime|commission\w*|total\w*|prior|"
    r"last\s+year|previous|raise|increase|incentive|tips|gross\s+earnings|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "$158,500.00", and as OCR reads it: "$158, 500.00", "$ 46,870.19"
_AMOUNT = re.compile(
    r"\$\s?(?P<value>\d{1,3}(?:,\s?\d{3})+(?:\.\d{1,2})?|\d{1,3},\d{1,2} \d{1,2}\.\d\d"
    # (a space OCR set after the point: "$46. 17 per hour")
    r"|\d+\. \d\d(?!\d)|\d+(?:\.\d{1,2})?)"
)
# A period attached to the figure ("$69.45 per hour", "$8,802.08 semi-monthly", "/hr").
_FREQ_WORD = (
    r"(?:semi[\s\-]?monthly|bi[\s\-]?weekly|twice[\s\-]+(?:a[\s\-]+|per[\s\-]+)?month(?:ly)?|"
    r"every\s+(?:two|2|other)\s+weeks?|hourly|weekly|monthly|annually|yearly|annual)"
)
_ATTACHED_PERIOD = re.compile(
    # ("per yeat": OCR read the r of year as a t; "'per -annum": specks read as marks)
    r"^[\s\u2018\u2019'\"`]*(?:(?:per|a|an|each|every|/)[\s:;\u2018\u2019'`]*-?\s*"
    r"(?:hour|hr|week|wk|month|mo|year|yeat|yr|annum|"
    r"two\s+weeks)\b"
    rf"|(?:per\s+|each\s+|every\s+)?{_FREQ_WORD}(?:\s+(?:pay\s*)?(?:period|paycheck|check))?\b)",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?P<per>annual|yearly|monthly|weekly|bi[\s\-]?weekly|semi[\s\-]?monthly|hourly)\s+"
    r"(?:base\s+)?(?:salary|pay|wage|rate|compensation|income)\b[^$]{0,20}$",
    re.IGNORECASE,
)


_BETWEEN_WORDS = re.compile(r"(?<=[A-Za-z])[,\-'.:;]+(?=\s*[a-z])")
_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "st", "no", "mr", "ms", "mrs", "dr", "jr"})


def _clause_start(text: str, end: int) -> int:
    """Where the sentence holding ``text[end]`` starts: after the last full stop or semicolon
    that is not an abbreviation's ("Inc.", "St.") or an initial's ("José F. Ruiz")."""
    for m in reversed(list(re.finditer(r"[.;]\s", text[:end]))):
        word = re.search(r"(\w+)$", text[: m.start()])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        return m.end()
    return 0


def _prose(line: str) -> bool:
    """A line of running text (four or more lower-case words), not a form's or a table's."""
    return len(re.findall(r"\b[a-z]{2,}\b", line)) >= 4


def _letter_pay(layout: Layout) -> list[_Pay]:
    """Base pay figures stated in sentences, each with the period attached to it."""
    text, spans = page_text_with_spans(layout)
    found: list[_Pay] = []
    for m in _AMOUNT.finditer(text):
        # a letter's sentence: the figure's line reads as prose, and its clause reaches back
        # no further than the line before (a form's boxes are not one long sentence)
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if not _prose(line):
            continue
        start = max(_clause_start(text, m.start()), text.rfind("\n", 0, max(line_start - 1, 0)) + 1)
        # (marks OCR set between the words: "paid an hourly, rate-of $36.08")
        before = _BETWEEN_WORDS.sub(" ", text[start : m.start()])
        if not _PAY_CUE.search(before) or _NOT_BASE.search(before):
            continue
        amount = parse_money(m.group("value"))
        if amount is None:
            continue
        after = text[m.end() : m.end() + 30].replace("\n", " ")
        toks = [t for s, e, t in spans if s < m.end("value") and e > m.start()]
        # (the figure's own words: "$1,076." and "2" where OCR lost the 9 between them)
        split = len(toks) > 1 and re.fullmatch(r"\d", toks[-1].text) is not None
        if split or _cut_short(layout, m.group(0), after):
            continue
        attached = _ATTACHED_PERIOD.match(after)
        period = period_of(attached.group(0)) if attached else None
        if period is None and (pm := _PERIOD_BEFORE.search(before)):
            period = period_of(pm.group("per"))
        if period is None and re.search(r"hourly\s+(?:[rf]ate|wage)", before, re.IGNORECASE):
            period = "hourly"
        # "paid bi-weekly at a base rate of $6,696.92 per pay period": the pay period is the
        # one the clause names
        if period is None and re.match(r"\s*(?:per|each|a)\s+pay\s*period\b", after, re.I):
            named = re.findall(_FREQ_WORD, before, re.IGNORECASE)
            period = period_of(named[-1]) if named else None
        if period is None:
            continue
        toks = [t for s, e, t in spans if s < m.end("value") and e > m.start()]
        box = union_all(t.box for t in toks) if toks else layout.lines[0].box
        basis = " ".join(text[start : m.end() + (attached.end() if attached else 0)].split())
        found.append(_Pay(amount, period, box, layout, basis[-120:], 0.95))
    return found


_HOURS_SENTENCE = re.compile(
    # (a speck read as a dash before the word: "24 -hours per week")
    r"(?P<value>\d{1,2}(?:\.\d{1,2})?)\s*-?(?:hours|hrs)\W*(?:per|a|each|/)\W*week",
    re.IGNORECASE,
)
# ... and the label before its figure: "Avg. hours/week: 40", as OCR glues it "hours/weeks40)"
# (on its line: a table's last header, "Rate of Pay  Avg Hours/Week", is not followed by its
# value but by the next row's first cell)
_HOURS_LABELLED = re.compile(
    r"\b(?:hours|hrs)\s*(?:/|per)\s*(?:week|wk)s?[^\w\n]{0,3}(?P<value>\d{1,2}(?:\.\d{1,2})?)(?![\d]|[.,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Pay:
    amount: Decimal
    period: str
    box: Box
    layout: Layout
    basis: str
    score: float


# a tick glued to its option by OCR: "[X].Hourly", "vyAnnual"
_OPTION_PREFIX = re.compile(
    r"^.{0,4}?(?=(?:annual|monthly|weekly|hourly|bi-?weekly|semi-?monthly)\b)", re.IGNORECASE
)
_OPTION = re.compile(r"(?:annual|monthly|weekly|hourly|bi-?weekly|semi-?monthly)\W*", re.IGNORECASE)


def _period_near(layout: Layout, cand: Candidate) -> str | None:
    """The period printed with a labelled figure: right after it ("$96600.0 Annual"), in the
    label ("Annual Salary", "Hourly Rate"), as a ticked box near it, or in a frequency field."""
    box = cand.box
    # "X Annual  Monthly  Weekly  Hourly" beside or around the figure: options, one ticked
    options = {
        p
        for line in layout.lines
        if box.top - 0.05 <= line.box.center_y <= box.bottom + 0.05
        for t in line.tokens
        if t.box.left >= box.left - 0.05 and t.box.left <= box.right + 0.6
        and _OPTION.fullmatch(_OPTION_PREFIX.sub("", t.text))
        and (p := period_of(t.text))
    }  # fmt: skip
    # (three or more: a "Pay Frequency: Semi-Monthly" field under "$2,769.23 Weekly" is not
    # a list of boxes)
    ticked = _ticked_period(layout, box) if len(options) > 1 else None
    if ticked or len(options) > 2:
        return ticked or _only_plausible(layout, cand.value, options)
    for line in layout.lines:
        if min(line.box.bottom, box.bottom) - max(line.box.top, box.top) < 0.4 * box.height:
            continue
        after = [t for t in line.tokens if t.box.left >= box.right - 1e-6]
        near = [t for t in after if t.box.left <= box.right + 0.2][:3]
        found = period_of(" ".join(t.text for t in near))
        if found:
            return found
    # two period boxes near the figure, neither read as ticked, and the years' base pay to
    # weigh the figure against: the one the history bears out
    if (
        len(options) == 2
        and yearly_base(layout)
        and (fits := _only_plausible(layout, cand.value, options)) is not None
    ):
        return fits
    return (
        period_of(cand.label)
        or (period_of(_label_cell(layout, box)) if cand.relation is Relation.RIGHT else None)
        or _ticked_period(layout, box)
        or _frequency_field(layout)
    )


# A table's header cell: what a column heading says, not a value ("Avg Hours/Week")
_HEADER_CELL = re.compile(r"\b(?:hours|hrs|rate|date|type|amount|effective)\b", re.IGNORECASE)


def _frequency_field(layout: Layout) -> str | None:
    """The period a "Pay Frequency" field gives: the text after it, or, where that is the next
    column's heading ("Pay Frequency  Avg Hours/Week" over "Bi-Weekly  --"), the cell under it.
    (Not a form's question, "15. If paid hourly - average hours per week", which names a
    period whether or not the employee is paid so.)"""
    found = text_after(layout, *FREQUENCY_LABELS, not_after=("if",))
    if found is None:
        return None
    if _HEADER_CELL.search(found.text):
        below = layout.block_below(found.hit, max_lines=1, max_gap=0.03)
        return period_of(below[0][0]) if below else None
    return period_of(found.text)


def _label_cell(layout: Layout, box: Box) -> str:
    """The words of the cell left of a figure on its line, its label with the label's own
    note ("Pay rate (hourly)", "Annual contract salary"): the phrase ending nearest before it."""
    for line in layout.lines:
        if not line.box.top - 1e-6 <= box.center_y <= line.box.bottom + 1e-6:
            continue
        before = [p for p in line.phrases if p and p[-1].box.right <= box.left + 1e-6]
        if before:
            return " ".join(t.text for t in before[-1])
    return ""


def _only_plausible(layout: Layout, amount: Decimal | None, options: set[str]) -> str | None:
    """When no box reads as ticked (a scan lost the mark), the one printed period under which
    the figure makes a plausible yearly pay (10,000 to 1,000,000, and in line with the base pay
    of the years the form reports, where it reports them), if there is just one."""
    if amount is None:
        return None
    yearly = yearly_base(layout)
    per_year = dict(PER_YEAR)
    # (an hourly rate by the hours a week the form prints, when it prints them)
    if "hourly" in options and (hours := _hours_per_week([layout])) is not None:
        per_year["hourly"] = hours * 52
    fits = [
        p
        for p in options
        if p in per_year
        and Decimal(10000) <= amount * per_year[p] <= Decimal(1000000)
        and (not yearly or in_line_with(amount * per_year[p], yearly))
    ]
    return fits[0] if len(fits) == 1 else None


# A current yearly base this far below or above every year's base the form reports is not in
# line with them: a raise or a cut of a third happens, a factor of two is a misread period.
_YEARLY_RATIO = (Decimal("0.7"), Decimal("1.5"))
_YEAR_CELL = re.compile(r"(?:19|20)\d\d")
_BASE_ROW = re.compile(r"base(?:\s+(?:pay|salary|wages|earnings))?", re.IGNORECASE)


def in_line_with(annual: Decimal, yearly: Sequence[Decimal]) -> bool:
    """``annual`` is within a plausible raise or cut of one of the ``yearly`` base figures."""
    low, high = _YEARLY_RATIO
    return any(low <= annual / y <= high for y in yearly if y > 0)


def yearly_base(layout: Layout, hired: int | None = None) -> list[Decimal]:
    """The base pay of whole years a VOE reports beside the current rate (its income history):
    the figures of a "Base Pay" row ("Base Pay  $204,363.44  $200,200.00  $217,800.00"), or of
    a "Base" column in the rows of a year ("2023  150660.00  0.00 ..."); year-to-date rows, and
    the row of the year ``hired`` (a part of a year), are left out. Empty when the form reports
    none."""
    found: list[Decimal] = []
    for line in layout.lines:
        toks = line.tokens
        for i, tok in enumerate(toks):
            label = _BASE_ROW.fullmatch(" ".join(t.text for t in toks[i : i + 2]).strip(" :"))
            width = 2 if label else 1
            if not label and not _BASE_ROW.fullmatch(tok.text.strip(" :")):
                continue
            row = [parse_money(t.text) for t in toks[i + width : i + width + 4]]
            figures = [
                a for a in row[: next((n for n, a in enumerate(row) if a is None), len(row))]
            ]
            if len(figures) >= 2:
                found += [a for a in figures if a is not None and a >= 1000]
    header = next(
        (
            t
            for line in layout.lines
            # (a letter's sentence naming base pay and overtime is no table's header)
            if not _prose(line.text)
            and sum(
                w.text.lower().strip(":.") in ("overtime", "bonus", "commission")
                for w in line.tokens
            )
            for t in line.tokens
            if t.text.lower().strip(":.") == "base"
        ),
        None,
    )
    if header is not None:
        for line in layout.lines:
            toks = line.tokens
            if line.box.top <= header.box.bottom or not toks or _prose(line.text):
                continue
            # (a year's row "2023 (thru 05/06)" or "2023 YTD" is a part of a year)
            if not _YEAR_CELL.fullmatch(toks[0].text.strip(" .:")) or any(
                t.text.lower().strip(".:()") in ("ytd", "year-to-date", "thru", "through")
                for t in toks[1:3]
            ):
                continue
            if hired is not None and toks[0].text.strip(" .:") == str(hired):
                continue
            cells = [
                a
                for t in toks[1:]
                if abs(t.box.left + t.box.right - header.box.left - header.box.right) < 0.16
                and (a := parse_money(t.text)) is not None
                and a >= 1000
            ]
            found += cells[:1]
    return found


# An OCR'd tick: "X", "[X]", "vy", "v", "✓", "¥"; an empty box reads as "[]", "CO", "™", "O".
_TICK_MARK = re.compile(TICK + r"|(?<![A-Za-z])(?:v|vy|V|Vv|¥|✓|/)(?![A-Za-z])")
_OPTIONS = ("annual", "monthly", "weekly", "hourly", "bi-weekly", "biweekly", "semi-monthly")


def _ticked_period(layout: Layout, box: Box) -> str | None:
    """The period whose box is ticked among the options printed near the figure; a ticked
    "Other (Specify)" gives the period written in beside or under it."""
    ticked: set[str] = set()
    lines = [
        ln
        for ln in layout.lines
        if not (ln.box.bottom < box.top - 0.05 or ln.box.top > box.bottom + 0.05)
    ]
    for n, line in enumerate(lines):
        toks = line.tokens
        for i, tok in enumerate(toks):
            word = tok.text.lower().strip(" .,:;[](){}|")
            m = re.search(r"(annual|monthly|weekly|hourly|bi-?weekly|semi-?monthly|other)$", word)
            if not m:
                continue
            glued = tok.text[: len(tok.text) - len(m.group(1))]
            prev = toks[i - 1].text if i > 0 else ""
            mark = glued.strip() or (
                prev if i > 0 and tok.box.left - toks[i - 1].box.right < 0.03 else ""
            )
            if not (mark and _TICK_MARK.fullmatch(mark.strip(" ."))):
                continue
            if m.group(1) != "other":
                ticked.add(period_of(m.group(1)) or m.group(1))
                continue
            rest = " ".join(t.text for t in toks[i + 1 : i + 5])
            specified = period_of(re.sub(r"^\(?specify\)?:?", "", rest, flags=re.I)[:30])
            if specified is None and n + 1 < len(lines):
                under = [t for t in lines[n + 1].tokens if abs(t.box.left - tok.box.left) < 0.04]
                specified = period_of(under[0].text) if under else None
            if specified:
                ticked.add(specified)
    return ticked.pop() if len(ticked) == 1 else None


def _annualise(amount: Decimal, period: str, hours: Decimal | None) -> tuple[Decimal, str] | None:
    if period == "hourly":
        if hours is None:
            return None
        return amount * hours * 52, f"hourly rate ${amount} x {hours} hours x 52"
    per_year = PER_YEAR.get(period)
    if per_year is None:
        return None
    return amount * per_year, f"${amount} {period}"


def _plausible(amount: Decimal, period: str) -> bool:
    """A rate far outside what anyone is paid per that period is a misread figure."""
    bounds = {
        "hourly": (Decimal(5), Decimal(1000)),
        "weekly": (Decimal(100), Decimal(40000)),
        "biweekly": (Decimal(200), Decimal(80000)),
        "semimonthly": (Decimal(200), Decimal(90000)),
        "monthly": (Decimal(400), Decimal(200000)),
        "annual": (Decimal(5000), Decimal(3000000)),
    }
    low, high = bounds[period]
    return low <= amount <= high


HOURS_PER_PAY_PERIOD = Field(
    "hours_per_pay_period",
    labels=(
        "average hours per pay period", "avg hours per pay period", "hours per pay period",
        "hrs per pay period", "hours worked per pay period", "hrs worked pay period",
        "avg hrs worked pay period",
    ),
    value=ValueType("hours", lambda s: _hours_in_period(s)),
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("overtime",),
)  # fmt: skip
PAY_FREQUENCY = Field(
    "pay_frequency",
    labels=("pay frequency", "pay cycle", "pay schedule", "frequency of pay"),
    value=ValueType("period", lambda s: _frequency_value(s)),
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
)


def _frequency_value(text: str) -> str | None:
    """A value that is a pay frequency and nothing else ("Bi-Weekly", "Twice Monthly")."""
    if not re.fullmatch(rf"\W*{_FREQ_WORD}\W*", text.strip(), re.IGNORECASE):
        return None
    period = period_of(text)
    return period if period in PER_YEAR else None


def _annualise_per_pay_period(
    layouts: Sequence[Layout], rate: Decimal
) -> tuple[Decimal, str] | None:
    """An hourly rate with its hours given per pay period (as The Work Number-style reports
    print them): rate x hours per period x periods a year, when the pay frequency is printed."""
    hours = find(layouts, HOURS_PER_PAY_PERIOD)
    frequency = find(layouts, PAY_FREQUENCY)
    if hours is None or frequency is None:
        return None
    per_year = PER_YEAR[frequency.value]
    amount = rate * Decimal(hours.value) * per_year
    return amount, f"hourly rate ${rate} x {hours.value} hours per {frequency.value} period"


def _hours_per_week(layouts: Sequence[Layout]) -> Decimal | None:
    for lay in layouts:
        text, _spans = page_text_with_spans(lay)
        for pattern in (_HOURS_SENTENCE, _HOURS_LABELLED):
            for m in pattern.finditer(text):
                # (not the next item's number of a numbered form: "... hours per week  16.
                # Date of applicant's next pay increase")
                if not item_number_at(text, m.start("value"), m.end("value")):
                    return _hours(m.group("value"))
    found = choose(candidates(layouts, HOURS_PER_WEEK), HOURS_PER_WEEK.margin).best
    return found.value if found is not None else None


def _cut_short(layout: Layout, text: str, after: str) -> bool:
    """A scanned figure OCR lost a digit of: one digit after its point with the other read
    apart, as itself or as a letter ("$5,229.1 7", "$55.2 I per hour" for $55.21), or a gap
    where it was ("$1,076. 2" for $1,076.92). (A figure printed with one decimal, "$96600.0
    Annual", is as printed.)"""
    if not layout.ocr:
        return False
    text = text.strip()
    if re.search(r"\.\s\d\W*$", text):
        return True
    return bool(re.search(r"\.\d\W*$", text) and re.match(r"\s?[\dIl|!]\b", after))


def _text_after(layout: Layout, box: Box) -> str:
    """The words right of ``box`` on its line."""
    line = next((ln for ln in layout.lines if ln.box.top <= box.center_y <= ln.box.bottom), None)
    if line is None:
        return ""
    return " " + " ".join(t.text for t in line.tokens if t.box.left >= box.right - 1e-6)


def _pay(layouts: Sequence[Layout]) -> _Pay | None:
    """The current base pay with its period, from sentences or labelled fields; None on a tie
    between different figures."""
    found: list[_Pay] = [p for lay in layouts for p in _letter_pay(lay)]
    for cand in candidates(layouts, BASE_PAY):
        period = _period_near(cand.layout, cand)
        if period is None or cand.value is None:
            continue
        if _cut_short(cand.layout, cand.text, _text_after(cand.layout, cand.box)):
            continue
        found.append(
            _Pay(
                Decimal(cand.value), period, cand.box, cand.layout,
                f"{cand.label} {cand.text} {period}", cand.score,
            )
        )  # fmt: skip
    found = [p for p in found if _plausible(p.amount, p.period)]
    if not found:
        return None
    found.sort(key=lambda p: -p.score)
    best = found[0]
    rivals = [
        p
        for p in found[1:]
        if (p.amount, p.period) != (best.amount, best.period) and p.score > best.score - 0.1
    ]
    return None if rivals else best


def _first_last(layout: Layout) -> tuple[str, Box] | None:
    """A name printed in two fields, "First Name: Katie  Last Name: Lewis"."""
    first = text_after(layout, "employee first name", "first name")
    last = text_after(layout, "employee last name", "last name")
    if first is None or last is None:
        return None
    first_word = first.text.split()[0] if first.text.split() else ""
    last_word = last.text.split()[0] if last.text.split() else ""
    name = clean_name(f"{first_word} {last_word}")
    return (name, first.box.union(last.box)) if name else None


_EMPLOYEE_LABELS = (
    "name and address of applicant", "applicant's name", "applicant name", "employee name",
    "employee full name", "full name",
    "name of employee", "employee's name", "borrower name", "employee", "applicant",
)  # fmt: skip
_EMPLOYER_LABELS = (
    "name and address of employer", "employer name", "name of employer", "employer's name",
    "employer", "company name", "company", "organization",
)  # fmt: skip


def _employee(layouts: Sequence[Layout]) -> tuple[str, Box | None, Layout] | None:
    for lay in layouts:
        text, spans = page_text_with_spans(lay)
        for pattern in _EMPLOYEE_SENTENCES:
            for m in re.finditer(pattern, text, re.IGNORECASE):
                name = clean_name(m.group("value"))
                if name:
                    toks = [t for s, e, t in spans if s < m.end("value") and e > m.start("value")]
                    return name, union_all(t.box for t in toks) if toks else None, lay
    for lay in layouts:
        for lh in sorted(label_hits(lay, _EMPLOYEE_LABELS), key=lambda lh: lh.rank):
            hit = lh.hit
            right = lay.text_right_of(hit)
            below = lay.block_below(hit, max_lines=1, max_gap=0.04)
            for text, box in ([right] if right else []) + below:
                # (the name may share the line with the SSN or a badge number)
                name = leading_name(text.split())
                if name:
                    return name, box, lay
        split = _first_last(lay)
        if split is not None:
            return split[0], split[1], lay
        found = text_after(lay, "name")
        if found is not None and (name := person_name(found.text)):
            return name, found.box, lay
    return None


def _right_of_label(layout: Layout, hit: Hit) -> tuple[str, Box] | None:
    """The value right of a label: the rest of its phrase, or, where that rest only closes the
    label's own note ("To (Employer name and address)  Acme Ltd., ..."), the next phrase."""
    found = layout.text_right_of(hit)
    if found is None or not re.fullmatch(r"[A-Za-z&/ ]*\)\s*:?", found[0]):
        return found
    line = layout.lines[hit.line]
    later = [p for p in line.phrases if p and p[0].box.left > found[1].right - 1e-6]
    if not later:
        return None
    return " ".join(t.text for t in later[0]), union_all(t.box for t in later[0])


def _employer(layouts: Sequence[Layout], employee: str | None) -> str | None:
    for lay in layouts:
        hits = [
            lh
            for lh in sorted(label_hits(lay, _EMPLOYER_LABELS), key=lambda lh: lh.rank)
            if not (
                "employee" in normalize(lay.lines[lh.hit.line].text[:40])
                and "employer" not in normalize(lay.lines[lh.hit.line].text)
            )
        ]
        # (a signature's line, "Signature of Employer  /s/ Name", names the signer)
        hits = [lh for lh in hits if "signature" not in normalize(lay.lines[lh.hit.line].text)]
        # a value printed beside its label first, then one under it
        texts = [r for lh in hits if (r := _right_of_label(lay, lh.hit))] + [
            b for lh in hits for b in lay.block_below(lh.hit, max_lines=1, max_gap=0.04)
        ]
        for text, _box in texts:
            text = re.sub(r"^(?:employer|company)(?:'s)?(?:\s+name)?\s*:?\s+", "", text, flags=re.I)
            if looks_like_street(text):
                continue
            # "Acme, Inc." keeps its suffix; "Acme, 12 Main St" loses the address
            org = clean_org(text if _ORG_SUFFIX.search(text) else text.split(",")[0])
            if org and clean_name(org) != employee:
                return org
    flat = " ".join(" ".join(line.text for line in lay.lines) for lay in layouts)
    m = _EMPLOYER_SENTENCE.search(flat)
    # "Larkspur Property Management L.L.C. since": the sentence stopped at the first point of
    # an abbreviation spelt with points
    dotted = m and re.match(r"(?:\.[A-Z]{1,3})+\.?", flat[m.end("org") :])
    if m and dotted and re.search(r"\b[A-Z]$", m.group("org")):
        org = clean_org(m.group("org") + dotted.group(0))
        if org:
            return org
    if m and (org := clean_org(m.group("org"))):
        # "Golden Prairie Foods Inc." : the sentence stopped before the abbreviation's point
        if flat[m.end("org") : m.end("org") + 1] == "." and re.search(
            r"\b(?:inc|co|corp|ltd|llc|l\.l\.c|bros|assn)$", org, re.IGNORECASE
        ):
            org += "."
        return org
    for lay in layouts:
        found = text_after(lay, "name")
        if found is not None and person_name(found.text) is None:
            org = clean_org(found.text)
            if org:
                return org
    # the letterhead (the letter's own page: a fax cover sheet comes first)
    for lay in layouts:
        head = letterhead_org(lay)
        if head is not None:
            return head[0]
    return None


_REPORT_DATE_LABELS = (
    "information current as of", "current as of", "accurate as of", "as of", "report date",
    "order completed date", "verified on", "date verified",
    "date of report", "date requested", "report requested", "request date", "date completed",
)  # fmt: skip


_NOT_REPORT_DATES = re.compile(
    r"\bhire|date\s+of\s+employment|employed\s+since|\bsince\b|\bstart|\bbegan|terminat|"
    r"separat|increase|birth|\braise",
    re.IGNORECASE,
)


# a day or a month as OCR may read it ("i2", "O8"), or a month's name; not a mask ("XXX-XX-1928")
_DAY_OR_MONTH = r"(?:[\dOoIil]{1,2}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})"
_DATE_SHAPED = re.compile(rf"{_DAY_OR_MONTH}[/\-.]{_DAY_OR_MONTH}[/\-.]((?:19|20)\d\d)")


def _year(layouts: Sequence[Layout], hire: Sequence[date]) -> int | None:
    """The year the verification speaks for: a report's "as of" date, the year-to-date
    column's "Thru 2006", else the letter's date (the first date printed at the top), else
    the latest date printed that is not a hire, raise or birth date."""
    for lay in layouts:
        found = text_after(lay, *_REPORT_DATE_LABELS)
        dates = find_dates(found.text) if found else []
        if dates:
            return dates[0].year
    for lay in layouts:
        m = re.search(r"\bthru[\W_]{0,4}((?:19|20)\d\d)\b", lay.full_text(), re.IGNORECASE)
        if m:
            return int(m.group(1))
    top: list[date] = []
    every: list[date] = []
    for lay in layouts:
        for i, line in enumerate(lay.lines):
            above = lay.lines[i - 1].text if i else ""
            if _NOT_REPORT_DATES.search(line.text) or _NOT_REPORT_DATES.search(above):
                continue
            dates = [d for d in find_dates(line.text) if d not in hire]
            every += dates
            if line.box.top < 0.25:
                # (a letter's date whose day or month OCR misread, "42/20/2022",
                # "i2-apr-2024": its year is read all the same)
                top += dates or [
                    date(int(m.group(1)), 1, 1)
                    for t in line.tokens
                    if (m := _DATE_SHAPED.fullmatch(t.text.strip(".,;:")))
                ]
    if top:
        return top[0].year
    return max(every).year if every else None


# A word this many times taller than the page's usual word is a stamp or a watermark set across
# the page ("COPY", "VERIFIED"), not a word of the line its middle falls on.
_STAMP_HEIGHT = 4


def _without_stamps(layout: Layout) -> Layout:
    """The page with stamp words left out, so that one set over a form's row does not stand
    between a label and its value ("Pay rate (hourly)  VERIFIED  $55.58")."""
    tokens = [(t, line.index) for line in layout.lines for t in line.tokens]
    if len(tokens) < 10:
        return layout
    median = statistics.median(t.box.height for t, _ in tokens)
    keep = [
        (t, n)
        for t, n in tokens
        if not (t.box.height > _STAMP_HEIGHT * median and re.fullmatch(r"[A-Za-z]{3,}", t.text))
    ]
    if len(keep) == len(tokens):
        return layout
    words = tuple(
        Word(
            t.text, t.box.left, t.box.top, t.box.right - t.box.left, t.box.height,
            t.confidence, n,
        )
        for t, n in keep
    )  # fmt: skip
    lines: dict[int, list[str]] = {}
    for t, n in keep:
        lines.setdefault(n, []).append(t.text)
    page = Page(
        number=layout.page_number,
        text="\n".join(" ".join(ws) for _, ws in sorted(lines.items())),
        method=TextMethod.OCR if layout.ocr else TextMethod.TEXT_LAYER,
        words=words,
    )
    return Layout(page)


def extract_voe(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(doc_type=DocType.VOE.value, extractor="voe", extractor_version="")
    layouts = [_without_stamps(lay) for lay in layouts]
    people = BorrowerSet()
    layout = layouts[0]
    conf = token_confidence(layout, None)

    employee = _employee(layouts)
    name = employee[0] if employee else None
    employer = _employer(layouts, name)
    ssn_found = value_after(
        layout, parse_ssn, "applicant's social security number", "social security number", "ssn"
    )
    ssn = parse_ssn(ssn_found.text) if ssn_found else None

    flat = " ".join(lay.full_text().replace("\n", " ") for lay in layouts)
    m = re.search(r"position of ([^.,]+)", flat)
    position: str | None = m.group(1).strip() if m else None
    for hit in layout.find("present position", "job title", "position title", "position"):
        if position is not None:
            break
        right = layout.text_right_of(hit)
        below = layout.block_below(hit, max_lines=1, max_gap=0.04)
        text = right[0] if right else (below[0][0] if below else None)
        if text and not re.search(r"\d{2}", text):
            position = text.strip(" :")
    hire: list[date] = []
    for hit in layout.find(
        "date of employment", "hire date", "date hired", "start date", "most recent hire date"
    ):
        right = layout.text_right_of(hit)
        below = layout.block_below(hit, max_lines=1, max_gap=0.04)
        hire = find_dates(right[0] if right else "") or find_dates(below[0][0] if below else "")
        if hire:
            break
    m = re.search(r"employed (?:by|with|at) .+? since (.+?)(?:,| and|\.)", flat)
    if not hire and m:
        hire = find_dates(m.group(1))
    if position:
        result.fields["position"] = position
    if hire:
        result.fields["hire_date"] = hire[0].isoformat()
    if employer:
        result.fields["employer"] = employer

    borrower_key: str | None = None
    if name and employee is not None:
        borrower_key = people.add(
            name=name,
            evidence=evidence(employee[2], "VOE: employee", name, employee[1], conf),
            ssn=ssn.digits if ssn else None,
            ssn_last4=ssn.last4 if ssn else None,
            employer=employer,
            confidence=conf,
        )
    pay = _pay(layouts)
    if pay is not None:
        hours = _hours_per_week(layouts) if pay.period == "hourly" else None
        annual = _annualise(pay.amount, pay.period, hours)
        if annual is None and pay.period == "hourly":
            annual = _annualise_per_pay_period(layouts, pay.amount)
        # a yearly base pay outside what anyone earns is a misread figure or period
        if annual is not None and not Decimal(5000) <= annual[0] <= Decimal(1500000):
            result.fields["check_base_pay"] = f"failed: {annual[1]} is {annual[0]} a year"
            annual = None
        # ... or one out of line with every year's base pay the form reports
        hired = int(result.fields["hire_date"][:4]) if "hire_date" in result.fields else None
        yearly = [y for lay in layouts for y in yearly_base(lay, hired)]
        if annual is not None and yearly and not in_line_with(annual[0], yearly):
            result.fields["check_base_pay"] = (
                f"failed: {annual[1]} is {annual[0]} a year, out of line with the base pay of "
                f"the years reported ({', '.join(str(y) for y in yearly)})"
            )
            annual = None
        if annual is not None:
            amount, basis = annual[0].quantize(Decimal("0.01")), annual[1]
            result.fields["annual_base"] = str(amount)
            result.fields["pay_basis"] = basis
            pconf = token_confidence(pay.layout, None, min(1.0, pay.score))
            result.incomes.append(
                ExtractedIncome(
                    borrower_key=borrower_key,
                    amount=amount,
                    period=IncomePeriod.ANNUAL.value,
                    year=_year(layouts, hire),
                    source_type="voe",
                    employer=employer,
                    evidence=evidence(pay.layout, "VOE: base pay", pay.basis, pay.box, pconf),
                    confidence=pconf,
                )
            )
    result.borrowers = people.borrowers
    return result
