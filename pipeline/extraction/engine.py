"""Fields as data over one engine: find a value by what labels it, what it looks like and
where it may sit relative to its label; score every candidate; abstain on a tie.

    GROSS_CURRENT = Field(
        "gross_current",
        labels=("gross pay", "total gross", "gross earnings"),
        value=MONEY,
        columns=("current", "this period"),
        not_columns=("ytd", "year to date"),
    )
    found = find(layouts, GROSS_CURRENT)      # a Candidate, or None

A :class:`Field` is a declaration: a label lexicon (every common wording, most specific
first), a value type (:class:`ValueType`: a parser and a name), the relations a value may have
to its label (:class:`Relation`), optional column constraints for tables and sentence patterns
for letters. Adding a layout or a wording is a line of data, not a new function.

Relations, each scored by how strongly it binds a value to its label:

* ``RIGHT``: on the label's line, right of it, with no other words between (``Gross Pay
  1,234.56``, ``Pay Date: 01/15/2024``);
* ``BELOW``: in the label's cell or column, under it (boxed forms, stacked label/value);
* ``CELL``: a table's cell where a row labelled by one lexicon crosses a column headed by the
  other (``Gross Pay`` row x ``YTD`` column, or a summary grid with ``Gross Pay`` as a column
  and ``This Period`` as a row: both orientations are tried);
* ``SENTENCE``: a regular expression over running text with a ``value`` group (``an hourly
  rate of $38.59``).

Column headers are read geometrically: the nearest words above a value that overlap it
horizontally, skipping the other numbers of its column. A value whose header contradicts the
field (``not_columns``) is never taken, whatever the relation.

:func:`find` takes the best-scoring value. When the two best *different* values score within
``Field.margin`` of each other the field abstains (returns None): a wrong figure is worse than
a missing one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pipeline.extraction.layout import (
    Box,
    Hit,
    Layout,
    Line,
    Token,
    fuzzy_find,
    normalize,
    overlaps,
    split_figure,
    union_all,
)


class Relation(StrEnum):
    RIGHT = "right"
    BELOW = "below"
    CELL = "cell"
    SENTENCE = "sentence"


@dataclass(frozen=True)
class ValueType:
    """What a value looks like: ``parse`` returns None for text that is not one."""

    name: str
    parse: Callable[[str], Any]


@dataclass(frozen=True)
class Field:
    """One field of a document kind; see the module docstring."""

    name: str
    labels: tuple[str, ...]
    value: ValueType
    relations: frozenset[Relation] = frozenset({Relation.RIGHT, Relation.BELOW, Relation.CELL})
    # CELL: the header of the value's column (or row, transposed) matches one of these
    columns: tuple[str, ...] = ()
    # a value under one of these headers is never this field's (a YTD column for a current one)
    not_columns: tuple[str, ...] = ()
    # words that, printed in the label's phrase, make it another field's label
    reject: tuple[str, ...] = ()
    # regular expressions with a ``value`` group, matched over each page's running text
    patterns: tuple[str, ...] = ()
    max_right: float = 0.6
    max_below: float = 0.06
    # score gap under which two different values are a tie (abstain)
    margin: float = 0.12
    # short, generic labels ("Gross", "Account") count only as whole words before a value
    exact_labels: tuple[str, ...] = ()
    # BELOW: words that may stand between a label and its value (a form's tick-box options)
    between_ok: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A value found for a field: where, how, and how sure."""

    field: str
    value: Any
    text: str
    box: Box
    layout: Layout
    relation: Relation
    score: float
    label: str  # the label (or header) text as printed
    header: str | None = None  # the column header the value sits under, when read
    line_text: str = ""

    @property
    def page_number(self) -> int:
        return self.layout.page_number


# --- label hits --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelHit:
    hit: Hit
    rank: int  # index of the lexicon entry that matched (0 = the preferred wording)
    text: str  # the tokens matched, as printed
    context: str  # the phrase holding the label, normalized


def label_hits(layout: Layout, labels: Sequence[str], reject: Sequence[str] = ()) -> list[LabelHit]:
    """Every place a label of the lexicon is printed, the earliest (most specific) wording
    winning where several overlap; hits whose phrase holds a ``reject`` word are dropped."""
    out: list[LabelHit] = []
    rejected = [normalize(r) for r in reject]
    for rank, label in enumerate(labels):
        for hit in layout.find(label):
            if any(
                o.hit.line == hit.line and not (hit.last < o.hit.first or hit.first > o.hit.last)
                for o in out
            ):
                continue
            line = layout.lines[hit.line]
            if _in_prose(layout, hit):
                continue
            context = normalize(" ".join(t.text for t in _phrase_of(layout, hit)))
            if any(r and r in context for r in rejected):
                continue
            text = " ".join(t.text for t in line.tokens[hit.first : hit.last + 1])
            out.append(LabelHit(hit, rank, text, context))
    return out


def _in_prose(layout: Layout, hit: Hit) -> bool:
    """Whether the words matched sit inside a sentence ("... forward directly to the employer
    named in item 1") rather than label a value: three or more words precede them in their
    phrase."""
    tokens = layout.lines[hit.line].tokens
    words = 0
    lower = False
    right_edge = tokens[hit.first].box.left
    for tok in reversed(tokens[: hit.first]):
        # a cell boundary (a wider gap) or a box number ("1", "12A.") starts a label
        if right_edge - tok.box.right > 1.6 * max(tok.char_width, 0.003):
            break
        if re.fullmatch(r"\(?\d{1,2}[a-zA-Z]?[.)]?", tok.text):
            break
        if _is_wordish(tok):
            words += 1
            lower = lower or tok.text[:1].islower()
            # (a row of capitalised column headers set close, "Pay Period End Check Date",
            # is no sentence: running text has lower-case words)
            if words >= 3 and lower:
                return True
        right_edge = tok.box.left
    return False


def _phrase_of(layout: Layout, hit: Hit) -> list[Token]:
    """The words around a label that qualify it ("YTD Gross", "Gross Pay YTD"): its phrase,
    at most two words before and three after, and never across a box number (the start of
    the next cell: "... state or province ZIP 1a Total ordinary dividends")."""
    line = layout.lines[hit.line]
    first = line.tokens[hit.first]
    phrase = next((p for p in line.phrases if first in p), [])
    if not phrase:
        return line.tokens[hit.first : hit.last + 1]
    start = phrase.index(first)
    end = start + (hit.last - hit.first)
    lo, hi = max(0, start - 2), min(len(phrase), end + 4)
    for i in range(start - 1, lo - 1, -1):
        if _BOX_NUMBER.fullmatch(phrase[i].text):
            lo = i + 1
            break
    for i in range(end + 1, hi):
        if _BOX_NUMBER.fullmatch(phrase[i].text):
            hi = i
            break
    return phrase[lo:hi]


_BOX_NUMBER = re.compile(r"\(?\d{1,2}[a-zA-Z]?[.)]?")
_LEADERS = re.compile(r"[.\u2026\u00b7_]{4,}")


# --- geometry helpers ---------------------------------------------------------------------------

# (with the quote marks and specks OCR glues to a figure: "$156.96°", "5173.08"")
_VALUEISH = re.compile(r"^[\s$€£()\-+*#xX.,:;/%\d\"'\u2018\u2019\u201c\u201d\u00b0~]+$")
# words that sit inside a row of values without starting a new cell
_UNIT_WORDS = frozenset({"usd", "hrs", "hr", "h", "hours", "x", "@", "$", "per", "cr", "dr"})


def _is_value_token(text: str) -> bool:
    return bool(_VALUEISH.match(text)) and any(ch.isdigit() for ch in text)


def _is_wordish(tok: Token) -> bool:
    t = tok.text.strip(" .:;,")
    return (
        sum(ch.isalpha() for ch in t) >= 2
        and not _is_value_token(t)
        and t.lower() not in _UNIT_WORDS
    )


def _h_overlap(a: Box, b: Box, slack: float = 0.0) -> float:
    return min(a.right + slack, b.right + slack) - max(a.left - slack, b.left - slack)


def _cells(tokens: Sequence[Token]) -> list[list[Token]]:
    """A header line cut into cells: words closer than about one character stay together
    ("Year To Date"); a wider gap starts the next column's header."""
    cells: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.box.left):
        if cells:
            prev = cells[-1][-1]
            cw = max(prev.char_width, tok.char_width, 0.002)
            gap = tok.box.left - prev.box.right
            # a lower-case word continues its header ("year  to  date" set wide)
            if gap <= 1.3 * cw or (gap <= 2.6 * cw and tok.text[:1].islower()):
                cells[-1].append(tok)
                continue
        cells.append([tok])
    return cells


def _header_cell(line_tokens: Sequence[Token], box: Box) -> list[Token] | None:
    """The words of a header line above ``box``: those over it, widened to a known column
    heading when the figure sits under part of one ("Year to Date" over a narrow figure);
    without any over it, the nearest header word within slack (right- or left-aligned
    figures). Text of a neighbouring column that merely comes close is not a header."""
    toks = sorted(line_tokens, key=lambda t: t.box.left)
    over = [i for i, t in enumerate(toks) if _h_overlap(t.box, box) > 0]
    if over:
        # the header cells (words set close together) the figure sits under; where it sits
        # under two, the one it overlaps most
        cells = [c for c in _cells(toks) if any(toks.index(t) in over for t in c)]
        best_cell = max(cells, key=lambda c: _h_overlap(union_all(t.box for t in c), box))
        return _widen(toks, toks.index(best_cell[0]), toks.index(best_cell[-1]))
    slack = 0.15 * max(box.right - box.left, 0.01)
    best: tuple[float, list[Token]] | None = None
    for cell in _cells(toks):
        cbox = union_all(t.box for t in cell)
        if _h_overlap(cbox, box, slack) <= 0 or not matches(
            " ".join(t.text for t in cell), COLUMN_WORDS, fuzzy=True
        ):
            continue
        key = -abs((cbox.left + cbox.right) / 2 - (box.left + box.right) / 2)
        if best is None or key > best[0]:
            best = (key, cell)
    return best[1] if best else None


def _widen(toks: Sequence[Token], first: int, last: int) -> list[Token]:
    """``toks[first:last+1]``, widened by up to two neighbouring words on either side when
    that makes it a known column heading ("Period" -> "This Period", "Year" -> "Year to
    Date") and the words are set close together."""
    best = list(toks[first : last + 1])
    if matches(" ".join(t.text for t in best), COLUMN_WORDS):
        return best
    for left in range(first, max(-1, first - 3), -1):
        for right in range(last, min(len(toks), last + 3)):
            span = list(toks[left : right + 1])
            gaps = [
                (b.box.left - a.box.right) / max(a.char_width, b.char_width, 0.002)
                for a, b in itertools.pairwise(span)
            ]
            if all(g <= 1.6 for g in gaps) and _is_heading_phrase(" ".join(t.text for t in span)):
                return span
            # a short word OCR lost between two ("Year  Date" for "Year to Date"): the gap
            # holds it, and the heading reads whole with it
            wide = [i for i, g in enumerate(gaps) if g > 1.6]
            lost = _lost_word(span, wide[0]) if len(wide) == 1 and gaps[wide[0]] <= 5 else None
            if lost is not None:
                return [*span[: wide[0] + 1], lost, *span[wide[0] + 1 :]]
    return best


def _lost_word(span: Sequence[Token], gap: int) -> Token | None:
    """The short word a heading needs in the gap after ``span[gap]`` to read as a known column
    heading, placed in the gap; None when no heading reads so."""
    before = normalize(" ".join(t.text for t in span[: gap + 1]))
    after = normalize(" ".join(t.text for t in span[gap + 1 :]))
    if not (before and after):
        return None
    pattern = re.compile(rf"{re.escape(before)}([a-z]{{1,3}}){re.escape(after)}")
    for heading in COLUMN_WORDS:
        m = pattern.fullmatch(normalize(heading))
        if m:
            a, b = span[gap].box, span[gap + 1].box
            conf = min(span[gap].confidence, span[gap + 1].confidence)
            return Token(m.group(1), Box(a.right, a.top, b.left, a.bottom), confidence=conf)
    return None


def _is_heading_phrase(text: str) -> bool:
    norm = normalize(text)
    return any(normalize(w) == norm for w in COLUMN_WORDS)


def section_heading(layout: Layout, box: Box, *, max_up: float = 0.3) -> str | None:
    """The heading of the block a value sits in ("YEAR TO DATE" over a list of labelled
    figures): the nearest short line above, starting left of the value, with no figures."""
    for line in reversed(layout.lines):
        if line.box.bottom > box.top + 1e-6:
            continue
        if box.top - line.box.bottom > max_up:
            break
        if line.box.left > box.left + 1e-6:
            continue
        words = [t for t in line.tokens if _is_wordish(t)]
        if any(_is_value_token(t.text) for t in line.tokens) or not words:
            continue
        text = line.text.strip()
        if len(words) <= 5 and (text.isupper() or text.endswith(":")):
            return text
    return None


# How far (page fraction, some seven lines) a column's header may sit above its first figure.
_MAX_HEADER_GAP = 0.1


def column_header(layout: Layout, box: Box, *, max_up: float = 0.45) -> tuple[str, Box] | None:
    """The words heading the column ``box`` sits in: the nearest line above holding words over
    it; other numbers of the same column are skipped. A header printed on two lines ("Ending
    balance" / "this statement") is read whole."""
    lines = [ln for ln in layout.lines if ln.box.bottom <= box.top + 0.3 * box.height]
    lines.sort(key=lambda ln: -ln.box.top)
    row = next((ln for ln in layout.lines if ln.box.top <= box.center_y <= ln.box.bottom), None)
    row_left = min((t.box.left for t in row.tokens), default=box.left) if row else box.left
    found: list[tuple[str, Box]] = []
    last_top = box.top
    column_top = box.top  # the top of the column's figures met so far
    for ln in lines:
        if box.top - ln.box.bottom > max_up:
            break
        if found and last_top - ln.box.bottom > 1.0 * max(ln.box.height, 0.004):
            break
        cell = _header_cell(ln.tokens, box)
        # a short heading alone on its line, set where the rows' labels start ("CURRENT
        # PERIOD" over a list of labelled figures), heads the block, not the figures' column,
        # however close a scan sets its end to them
        if cell is not None and not found and _heads_block(ln, row_left):
            cell = None
        if cell is None:
            if found:
                break
            continue
        if not any(_is_wordish(t) for t in cell):
            if found:
                break
            column_top = ln.box.top
            continue  # another cell of this column
        # a column's header sits over its figures: words far above the first of them (a
        # letterhead over a list of labelled figures) head no column
        if not found and column_top - ln.box.bottom > _MAX_HEADER_GAP:
            return None
        # a paragraph running across the page is not a column header
        if not found and len(cell) > 8:
            return None
        # nor is a labelled field ("Account number: 2628-5592"): the column starts under it
        if _is_field(cell):
            break
        cell_box = union_all(t.box for t in cell)
        # a header's second line sits over its first; a table's title above the header row
        # ("Summary of Proceeds, Gains & Losses") runs off to one side of it or across it
        if found:
            below = found[-1][1]
            narrower = min(below.right - below.left, cell_box.right - cell_box.left)
            if _h_overlap(below, cell_box) < 0.5 * narrower or len(cell) > 8:
                break
            # ... or runs across it, far wider than the header ("Copy B for Recipient OMB
            # No. 1545-0112" over "Amount")
            if cell_box.right - cell_box.left > 3 * (below.right - below.left) and len(cell) > 3:
                break
            # ... or ends over it with a number no heading prints (that line's "OMB No.
            # 1545-0112" cut off at the column's edge)
            if any(len(re.sub(r"\D", "", t.text)) >= 5 for t in cell):
                break
        found.append((" ".join(t.text for t in cell), cell_box))
        last_top = ln.box.top
        if len(found) == 2:
            break
    if not found:
        return None
    found.reverse()
    return " ".join(t for t, _b in found), union_all(b for _t, b in found)


def _heads_block(line: Line, row_left: float) -> bool:
    words = [t for t in line.tokens if _is_wordish(t)]
    return (
        bool(words)
        and len(words) <= 5
        and not any(_is_value_token(t.text) for t in line.tokens)
        and words[0].box.left <= row_left + 0.01
        and all(
            b.box.left - a.box.right < 3 * max(a.char_width, 0.004)
            for a, b in itertools.pairwise(words)
        )
    )


def _is_field(cell: Sequence[Token]) -> bool:
    """Words ending in a colon and then a figure: a label and its value, not a heading."""
    return any(
        t.text.endswith(":") and any(_is_value_token(u.text) for u in cell[i + 1 :])
        for i, t in enumerate(cell)
    )


def _same_row(a: Box, b: Box) -> bool:
    h = max(min(a.height, b.height), 1e-4)
    return min(a.bottom, b.bottom) - max(a.top, b.top) >= 0.4 * h


def row_values(
    layout: Layout, hit: Hit, parse: Callable[[str], Any], *, max_right: float = 0.9
) -> list[tuple[Token, bool]]:
    """Values ``parse`` accepts on the label's line, right of it, left to right, each with
    whether words (another cell's label) stand between it and the label."""
    out: list[tuple[Token, bool]] = []
    line = layout.lines[hit.line]
    label_box = hit.box
    # another cell's label between the label and a value: capitalised words (leader dots
    # that OCR read as "cececeeete" are not)
    # (a parenthetical note after the label is the label's: "Net Benefits for 2023 (Box 3
    # minus Box 4)")
    words_between = [
        t.box.left
        for t, in_note in _outside_notes(line.tokens[hit.last + 1 :])
        if not in_note
        and _is_wordish(t)
        and t.box.left > label_box.right
        and t.text.lstrip("(\"'")[:1].isupper()
        and not (layout.ocr and _ocr_leaders(t.text))
    ]
    for tok, _box in layout.candidates(parse):
        b = tok.box
        if b.left < label_box.right - 0.002 or b.left - label_box.right > max_right:
            continue
        # (a figure the page's skew set a little higher or lower than its label still shares
        # the line it was grouped into, if the two overlap at all)
        on_line = tok in line.tokens and min(b.bottom, label_box.bottom) > max(b.top, label_box.top)
        if not (on_line or _same_row(b, label_box)):
            continue
        if overlaps(b, label_box):
            continue
        if _is_box_number(line, tok) or (layout.ocr and split_figure(line, tok)):
            continue
        blocked = any(x < b.left - 1e-6 for x in words_between)
        out.append((tok, blocked))
    out.sort(key=lambda x: x[0].box.left)
    return out


def _ocr_leaders(text: str) -> bool:
    """Leader dots OCR read as letters ("Denereceeeererrietrers", "scentses\\aaceasos"): a
    long run of a few letters over and over, unlike a word."""
    letters = [ch for ch in text.lower() if ch.isalpha()]
    return len(letters) >= 8 and len(set(letters)) <= 0.5 * len(letters)


def _words_beside(layout: Layout, tok: Token, column: tuple[float, float]) -> bool:
    """Whether words set at word spacing beside a figure lie in its column (running text:
    "sales of $5,000 or more"); the next cell's words a text layer merely runs on into
    ("32,605.81 Form 1099-MISC" across a box's rule) do not count."""
    box = tok.box
    cw = max(tok.char_width, 0.003)
    for line in layout.lines:
        if not _same_row(line.box, box):
            continue
        for t in line.tokens:
            if not re.search(r"[A-Za-z]{2}", t.text) or overlaps(t.box, box):
                continue
            near = -1e-6 <= t.box.left - box.right < 1.6 * cw or (
                -1e-6 <= box.left - t.box.right < 1.6 * cw
            )
            if near and column[0] <= (t.box.left + t.box.right) / 2 < column[1]:
                return True
    return False


def _outside_notes(tokens: Sequence[Token]) -> list[tuple[Token, bool]]:
    """Each token with whether it sits inside a parenthetical note ("(Box 3 minus Box 4)");
    with a bracket left open nothing counts as a note."""
    out: list[tuple[Token, bool]] = []
    depth = 0
    for tok in tokens:
        opens, closes = tok.text.count("("), tok.text.count(")")
        out.append((tok, depth > 0 or opens > 0))
        depth = max(0, depth + opens - closes)
    if depth:
        return [(t, False) for t in tokens]
    return out


def _continues_label(line: Line, hit: Hit, lane: tuple[float, float] | None = None) -> bool:
    """A label printed over two lines: the second right under the first, starting where the
    label's words start, with no figure on it. With a ``lane``, only the line's words in it
    count (the cell beside may wrap its own caption on the same line)."""
    tokens = line.tokens
    if lane is not None:
        tokens = [t for t in tokens if t.box.right > lane[0] and t.box.left < lane[1]]
        if not tokens:
            return False
    return (
        line.box.top - hit.box.bottom < 0.8 * max(hit.box.height, 0.004)
        and abs(tokens[0].box.left - hit.box.left) < 0.03 + 3 * max(tokens[0].char_width, 0.003)
        and not any(_is_value_token(t.text) and len(t.text) > 3 for t in tokens)
    )


def _is_box_number(line: Line, tok: Token) -> bool:
    """A form's box number ("13." in "13. Type of Employment"): a number of one or two digits
    set right before a capitalised label word; "128." is OCR's "12B."."""
    text = tok.text.strip()
    if not re.fullmatch(r"\(?\d{1,2}[a-zA-Z]?[.)]?|\(?\d{2}8[.)]", text):
        return False
    after = [t for t in line.tokens if t.box.left >= tok.box.right - 1e-6]
    if not after:
        return False
    nxt = min(after, key=lambda t: t.box.left)
    gap = nxt.box.left - tok.box.right
    return gap < 2.5 * max(nxt.char_width, 0.003) and nxt.text[:1].isupper() and _is_wordish(nxt)


# OCR's usual confusions, folded away before a fuzzy comparison ("thla_perlod")
_OCR_FOLD = str.maketrans({"l": "i", "1": "i", "|": "i", "0": "o", "5": "s"})


def matches(text: str, lexicon: Sequence[str], *, fuzzy: bool = False) -> bool:
    """Whether ``text`` holds one of the lexicon's wordings (ignoring case, spaces and
    punctuation); ``fuzzy`` also forgives OCR's l/i, 0/o confusions and one wrong letter in
    eight of a wording of six letters or more."""
    norm = normalize(text)
    if any(normalize(w) and normalize(w) in norm for w in lexicon):
        return True
    if not fuzzy:
        return False
    folded = norm.translate(_OCR_FOLD)
    for w in lexicon:
        needle = normalize(w).translate(_OCR_FOLD)
        if len(needle) < 6:
            continue
        if needle in folded or fuzzy_find(folded, needle, len(needle) // 8):
            return True
    return False


# --- candidates -----------------------------------------------------------------------------

# How strongly each relation binds a value to its label, before distance.
_PRIOR = {
    Relation.CELL: 1.0,
    Relation.RIGHT: 0.95,
    Relation.BELOW: 0.85,
    Relation.SENTENCE: 0.9,
}


def _decay(distance: float, scale: float = 0.25) -> float:
    return math.exp(-max(0.0, distance) / scale)


def candidates(layouts: Iterable[Layout], spec: Field) -> list[Candidate]:
    """Every value ``spec`` could take on these pages, scored (not yet deduplicated)."""
    out: list[Candidate] = []
    for layout in layouts:
        out.extend(_layout_candidates(layout, spec))
    return out


def _layout_candidates(layout: Layout, spec: Field) -> list[Candidate]:
    out: list[Candidate] = []
    exact = {normalize(x) for x in spec.exact_labels}
    hits = label_hits(layout, spec.labels, spec.reject) if spec.labels else []
    for lh in hits:
        if normalize(spec.labels[lh.rank]) in exact and not _exact_ok(layout, lh, exact):
            continue
        out.extend(hit_candidates(layout, lh, spec))
    out.extend(_transposed_candidates(layout, spec))
    if Relation.SENTENCE in spec.relations and spec.patterns:
        out.extend(_sentence_candidates(layout, spec))
    return out


# A number inside running text ("Payer made direct sales of $5,000 or more") is rarely a
# field's value: its score is cut by this factor.
_IN_TEXT = 0.5


def item_number_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a numbered form's item number ("16. Date of applicant's
    next pay increase"): digits with a point before a capitalised word, where the text
    numbers the item before it the same way ("15. If paid hourly ...")."""
    number = text[start:end]
    if not number.isdigit() or not re.match(r"\.\s+[A-Z]", text[end:]):
        return False
    return re.search(rf"(?<![\d.,$]){int(number) - 1}\.\s+[A-Z]", text) is not None


def _item_number(layout: Layout, tok: Token) -> bool:
    """:func:`item_number_at` for a token of the page ("16." before "Date")."""
    if not re.fullmatch(r"\d{1,2}\.", tok.text):
        return False
    line = next((ln for ln in layout.lines if tok in ln.tokens), None)
    if line is None:
        return False
    i = line.tokens.index(tok)
    if i + 1 >= len(line.tokens):
        return False
    # the token and the word after it, set at the end of the page's text
    text = f"{layout.full_text()}\n{tok.text} {line.tokens[i + 1].text}"
    start = text.rindex("\n") + 1
    return item_number_at(text, start, start + len(tok.text) - 1)


def hit_candidates(layout: Layout, lh: LabelHit, spec: Field) -> list[Candidate]:
    """The values ``spec`` may take next to one label hit (RIGHT, CELL, BELOW)."""
    out: list[Candidate] = []
    parse = spec.value.parse
    hit = lh.hit
    quality = hit.score * (1.0 - 0.02 * min(lh.rank, 10))
    line_text = layout.lines[hit.line].text

    line_tokens = layout.lines[hit.line].tokens
    # leader dots and the label's own parenthetical note ("(Box 1a) ........") join a label
    # to its value rather than stand between them
    after = line_tokens[hit.last + 1 :]
    joiners = {id(t) for t, in_note in _outside_notes(after) if in_note}
    # words running on from the label up to leader dots are the label's ("Unemployment
    # benefits paid ........ 31,382.15")
    leader = next(
        (
            i
            for i, t in enumerate(after)
            if _LEADERS.fullmatch(t.text) or (layout.ocr and _ocr_leaders(t.text))
        ),
        None,
    )
    if leader is not None:
        joiners.update(id(t) for t in after[: leader + 1])
        joiners.update(
            id(t)
            for t in after[leader:]
            if _LEADERS.fullmatch(t.text) or (layout.ocr and _ocr_leaders(t.text))
        )

    def adjacent(tok: Token) -> bool:
        """Nothing printed between the label's last word and the value."""
        return not any(
            hit.box.right - 1e-6 <= t.box.left < tok.box.left - 1e-6
            and t.text.strip(":#$._\u2026\u00b7")
            and id(t) not in joiners
            for t in line_tokens[hit.last + 1 :]
        )

    def add(tok: Token, relation: Relation, score: float, header: str | None) -> None:
        # a number beside running words is a description's; beside its own label it is not
        in_text = tok.confidence < 0 and not (relation is Relation.RIGHT and adjacent(tok))
        penalty = _IN_TEXT if in_text else 1.0
        out.append(
            Candidate(
                spec.name,
                parse(tok.text),
                tok.text,
                tok.box,
                layout,
                relation,
                score * _conf(tok) * penalty,
                lh.text,
                header,
                line_text,
            )
        )

    row_figure = False  # a figure of the label's own row, whichever column it is in
    if Relation.RIGHT in spec.relations or Relation.CELL in spec.relations:
        took_right = False
        for tok, blocked in row_values(layout, hit, parse, max_right=0.95):
            if _item_number(layout, tok):
                continue  # the next item's number, not this item's value
            row_figure = row_figure or (not blocked and adjacent(tok))
            header = column_header(layout, tok.box)
            head = header[0] if header else None
            kind = _header_kind(head, spec)
            if kind in ("none", "other_column") and spec.columns:
                # "YEAR TO DATE" heading a list of labelled figures says which column it is
                section = _header_kind(section_heading(layout, tok.box), spec)
                if section in ("matches", "contradicts"):
                    kind, head = section, section_heading(layout, tok.box)
            # words between the label and the value: it belongs to a table beside this one
            if kind == "contradicts" or blocked:
                continue
            if kind == "matches":
                if Relation.CELL in spec.relations:
                    add(tok, Relation.CELL, _PRIOR[Relation.CELL] * quality, head)
                continue
            if kind == "other_column" or took_right or Relation.RIGHT not in spec.relations:
                continue
            dx = tok.box.left - hit.box.right
            # (farther off only with nothing printed between: a card's "Base pay ... $27.37")
            if dx > spec.max_right and not adjacent(tok):
                continue
            took_right = True
            add(tok, Relation.RIGHT, _PRIOR[Relation.RIGHT] * quality * _decay(dx, 1.0), head)
    # a label with its value right beside it has no other value under it; nor has one whose
    # row holds its figures in columns (the next row's figure is the next label's)
    beside = row_figure or any(
        c.relation is Relation.RIGHT and adjacent(Token(c.text, c.box)) for c in out
    )
    if Relation.BELOW in spec.relations and not beside:
        for tok, dist in _below(layout, hit, parse, spec.max_below, spec.between_ok):
            if _item_number(layout, tok):
                continue
            header = column_header(layout, tok.box)
            # words printed above the label head another cell (a form's box over this one),
            # not the value: under its label, the label is its heading
            if header is not None and header[1].bottom <= hit.box.top + 1e-6:
                header = None
            head = header[0] if header else None
            if _header_kind(head, spec) == "contradicts" or _row_contradicts(layout, tok, spec):
                continue
            add(tok, Relation.BELOW, _PRIOR[Relation.BELOW] * quality * _decay(dist, 0.08), head)
    return out


def _transposed_candidates(layout: Layout, spec: Field) -> list[Candidate]:
    """A summary grid: a row labelled by a column word ("This Period"), the value under a
    header of the label lexicon ("Gross Pay")."""
    out: list[Candidate] = []
    if Relation.CELL not in spec.relations or not spec.columns:
        return out
    parse = spec.value.parse
    for lh in label_hits(layout, spec.columns, ()):
        if spec.not_columns and matches(lh.context, spec.not_columns):
            continue
        for tok, _blocked in row_values(layout, lh.hit, parse, max_right=0.95):
            header = column_header(layout, tok.box)
            if header is None or not matches(header[0], spec.labels):
                continue
            if not _label_over(layout, header[1], tok, spec.labels):
                continue
            if spec.reject and matches(header[0], spec.reject):
                continue
            if spec.not_columns and matches(header[0], spec.not_columns):
                continue
            out.append(
                Candidate(
                    spec.name,
                    parse(tok.text),
                    tok.text,
                    tok.box,
                    layout,
                    Relation.CELL,
                    _PRIOR[Relation.CELL] * lh.hit.score * _conf(tok),
                    header[0],
                    lh.text,
                    layout.lines[lh.hit.line].text,
                )
            )
    return out


def _label_over(layout: Layout, header: Box, tok: Token, labels: Sequence[str]) -> bool:
    """Whether the header word nearest over ``tok`` is one of a label's: a header cell that
    joins several column headers set close ("Gross Pay Pre Tax Deductions Employee Taxes")
    names the value's column only by the words standing over it."""
    # (the header's words by their own boxes: the line holding them can be taller than the
    # header cell, as on a skewed scan where the line's other words sit higher or lower)
    words = [
        t
        for ln in layout.lines
        for t in ln.tokens
        if header.top - 1e-6 <= (t.box.top + t.box.bottom) / 2 <= header.bottom + 1e-6
        and t.box.right > header.left - 1e-6
        and t.box.left < header.right + 1e-6
    ]
    hits = [
        h.box
        for h in layout.find(*labels)
        if h.box.left >= header.left - 1e-6
        and h.box.right <= header.right + 1e-6
        and header.top - 1e-6 <= h.box.top <= header.bottom
    ]
    if not words or not hits:
        return True
    centre = (tok.box.left + tok.box.right) / 2
    nearest = min(words, key=lambda t: abs((t.box.left + t.box.right) / 2 - centre))
    mid = (nearest.box.left + nearest.box.right) / 2
    return any(h.left <= mid <= h.right for h in hits)


def _exact_ok(layout: Layout, lh: LabelHit, exact: set[str]) -> bool:
    """A short, generic label ("Account", "Gross") counts only as a whole word followed by
    its value, not as the start of a longer label ("Accounts", "Account Type", "Gross Wages")
    that the lexicon does not list."""
    if normalize(lh.text) not in exact:
        return False
    line = layout.lines[lh.hit.line]
    following = line.tokens[lh.hit.last + 1 : lh.hit.last + 2]
    if not following:
        return True
    nxt = following[0]
    near = nxt.box.left - line.tokens[lh.hit.last].box.right < 3 * max(nxt.char_width, 0.004)
    return not (near and _is_wordish(nxt))


# Words that head the columns of financial tables: a header made of them is a real column
# header, so a value under one that is not the field's column belongs to another column.
COLUMN_WORDS = (
    "hours", "hrs", "rate", "units", "qty", "current", "this period", "this pay", "ytd",
    "year to date", "year-to-date", "amount", "balance", "deposits", "withdrawals", "credits",
    "debits", "additions", "subtractions", "total", "description", "gross", "net", "taxes",
    "deductions", "earnings", "page", "account number", "last statement", "this statement",
    "beginning", "ending",
)  # fmt: skip


_PAGE_COUNTER = re.compile(r"page\s*\d+\s*(?:of|/)\s*\d+", re.IGNORECASE)


def _header_kind(head: str | None, spec: Field) -> str:
    """How a value's column header relates to the field: ``matches`` its columns,
    ``contradicts`` it (``not_columns``), names ``other_column`` of a table, or ``none``."""
    # (a running header's page counter set over the figures' edge heads no column)
    if not head or _PAGE_COUNTER.fullmatch(head.strip()):
        return "none"
    if spec.not_columns and matches(head, spec.not_columns, fuzzy=True):
        return "contradicts"
    if spec.columns and _names_column(head, spec.columns):
        return "matches"
    if spec.columns and matches(head, COLUMN_WORDS, fuzzy=True):
        return "other_column"
    return "none"


# Column words that name a column only on their own: "Amount" heads a one-column stub's
# figures, "YTD Amount" (OCR'd "¥rp Amount") or "Rate Amount" another column.
_BARE_ONLY = frozenset({"amount", "total"})


def _names_column(head: str, columns: Sequence[str]) -> bool:
    if matches(head, [c for c in columns if c not in _BARE_ONLY], fuzzy=True):
        return True
    # (marks and numbers beside the word are OCR's specks or a box number: "1 ~ Amount")
    worded = normalize(" ".join(w for w in head.split() if re.search(r"[^\W\d_]", w)))
    return any(worded == c for c in columns if c in _BARE_ONLY)


def _row_contradicts(layout: Layout, tok: Token, spec: Field) -> bool:
    """Whether the words heading the value's row ("YTD", "This Period") name a column the
    field must not take."""
    if not spec.not_columns:
        return False
    for line in layout.lines:
        if not _same_row(line.box, tok.box) and not _same_row(tok.box, line.box):
            continue
        left = [t for t in line.tokens if t.box.right <= tok.box.left and _is_wordish(t)]
        if left and matches(" ".join(t.text for t in left[-3:]), spec.not_columns):
            return True
    return False


def _conf(tok: Token) -> float:
    return 0.6 + 0.4 * max(0.0, min(1.0, abs(tok.confidence)))


def _below(
    layout: Layout,
    hit: Hit,
    parse: Callable[[str], Any],
    max_below: float,
    between_ok: Sequence[str] = (),
) -> list[tuple[Token, float]]:
    """Values in the label's cell under it (nearest first), with their distance."""
    # the label's own column: from its box number ("1 Nonemployee compensation") to where the
    # next cell of its line starts; a phrase that ran on from the cell before does not count
    # the label's cell ends where the next cell of its line starts: a new phrase, or a box
    # number ("12B. Gross Earnings") set close after the label's own words
    line = layout.lines[hit.line]
    # (a speck OCR made of a box's rule is no cell, nor where the next one starts)
    worded = [[t for t in p if re.search(r"[^\W_]", t.text)] for p in line.phrases]
    next_cell = [
        p[0].box.left - 0.005 for p in worded if p and p[0].box.left > hit.box.right + 0.02
    ]
    next_cell += [
        t.box.left - 0.005
        for t in line.tokens[hit.last + 1 :]
        if re.fullmatch(r"\d{1,2}[A-Za-z]?\.", t.text) and t.box.left > hit.box.right
    ]
    # a cell's rule read as a bar ("Gross Pay | Pre Tax Deductions") closes the label's cell
    next_cell += [
        t.box.left
        for t in line.tokens[hit.last + 1 :]
        if t.text == "|" and t.box.left > hit.box.right
    ]
    next_cell.sort()
    column = (
        max(layout.phrase_left(hit), hit.box.left - 0.03) - 0.01,
        next_cell[0] if next_cell else 1.0,
    )
    out: list[tuple[Token, float]] = []
    for tok, box in layout.candidates(parse):
        if box.top <= hit.box.top + 0.5 * hit.box.height or overlaps(box, hit.box):
            continue
        dy = box.top - hit.box.bottom
        if dy > max_below:
            continue
        centre = (box.left + box.right) / 2
        in_column = column[0] <= centre < column[1] or (
            box.left < hit.box.right and box.right > hit.box.left
        )
        if not in_column:
            continue
        # nothing else of the column between the label and the value (a label's own
        # wrapped second line, right under it and no wider, does not count), in the lane
        # from the label down to the value: words of the cell beside it, which the label's
        # line gave no gap to tell apart ("1 Rents OMB No. ..." over "For calendar year"),
        # are not in the way
        lane = (
            max(column[0], min(hit.box.left, box.left) - 0.01),
            min(column[1], max(hit.box.right, box.right) + 0.01),
        )
        between = [
            ln
            for ln in layout.lines[hit.line + 1 :]
            if ln.box.top < box.top - 0.5 * box.height
            and not _continues_label(ln, hit)
            and not _continues_label(ln, hit, lane)
            and any(
                t.box.right > lane[0]
                and t.box.left < lane[1]
                # above the value: words set beside it (a form's title in larger type, whose
                # line reaches higher than the figure's) are not between it and its label
                and t.box.bottom <= box.top + 0.3 * box.height
                and _is_wordish(t)
                and sum(ch.isalpha() for ch in t.text) >= 3  # not a tick box's mark
                and not matches(t.text, between_ok)
                for t in ln.tokens
            )
        ]
        if between or (tok.confidence < 0 and _words_beside(layout, tok, column)):
            continue  # another cell's words, or a figure inside running text
        out.append((tok, max(dy, 0.0)))
    if not out:
        return out
    out.sort(key=lambda x: x[1])
    # of the figures in the nearest row, the one under the label: a cell whose end the label's
    # line did not show ("1 Interest income (not included  2 Early withdrawal penalty") holds
    # the figure under its words, not the next cell's a hair higher on a tilted scan
    first = out[0][0].box
    row = [c for c in out if c[0].box.top < first.bottom - 0.5 * first.height]
    return [min(row, key=lambda c: (_h_gap(c[0].box, hit.box), c[1]))]


def _h_gap(a: Box, b: Box) -> float:
    """How far apart two boxes are across the page (0 when they overlap)."""
    return max(0.0, max(a.left, b.left) - min(a.right, b.right))


# --- sentences ----------------------------------------------------------------------------------


def _sentence_candidates(layout: Layout, spec: Field) -> list[Candidate]:
    text, spans = page_text_with_spans(layout)
    out: list[Candidate] = []
    for pattern in spec.patterns:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            raw = m.group("value")
            value = spec.value.parse(raw)
            if value is None:
                continue
            toks = [
                tok
                for start, end, tok in spans
                if start < m.end("value") and end > m.start("value")
            ]
            if not toks:
                continue
            box = union_all(t.box for t in toks)
            out.append(
                Candidate(
                    spec.name,
                    value,
                    raw,
                    box,
                    layout,
                    Relation.SENTENCE,
                    _PRIOR[Relation.SENTENCE] * min(t.confidence for t in toks) ** 0.25,
                    m.group(0),
                    None,
                    m.group(0),
                )
            )
    return out


def page_text_with_spans(layout: Layout) -> tuple[str, list[tuple[int, int, Token]]]:
    """The page as running text (words joined by spaces, lines by newlines) and each token's
    character span in it, so a match maps back to boxes."""
    parts: list[str] = []
    spans: list[tuple[int, int, Token]] = []
    pos = 0
    for line in layout.lines:
        for i, tok in enumerate(line.tokens):
            if parts:
                parts.append(" " if i else "\n")
                pos += 1
            spans.append((pos, pos + len(tok.text), tok))
            parts.append(tok.text)
            pos += len(tok.text)
    return "".join(parts), spans


# --- choosing -----------------------------------------------------------------------------------


@dataclass
class Choice:
    """The outcome of :func:`choose`: the winner, or why there is none."""

    best: Candidate | None
    ranked: list[Candidate] = field(default_factory=list)
    tie: bool = False


def choose(
    cands: Sequence[Candidate], margin: float, key: Callable[[Any], Any] = lambda v: v
) -> Choice:
    """The best candidate by value: each distinct value scores its best candidate (plus a
    little for every other place agreeing with it). Two different values within ``margin`` are
    a tie and nothing is chosen."""
    if not cands:
        return Choice(None)
    groups: dict[Any, list[Candidate]] = {}
    for c in cands:
        if c.value is None:
            continue
        groups.setdefault(key(c.value), []).append(c)
    if not groups:
        return Choice(None)
    scored = []
    for members in groups.values():
        members.sort(key=lambda c: -c.score)
        support = sum(c.score for c in members[1:])
        scored.append((members[0].score + 0.05 * min(support, 2.0), members[0]))
    scored.sort(key=lambda x: -x[0])
    ranked = [c for _s, c in scored]
    if len(scored) > 1 and scored[0][0] - scored[1][0] < margin * scored[0][0]:
        return Choice(None, ranked, tie=True)
    return Choice(scored[0][1], ranked)


def find(layouts: Iterable[Layout], spec: Field) -> Candidate | None:
    """The value of ``spec`` on these pages, or None (not printed, or a tie)."""
    return choose(candidates(layouts, spec), spec.margin).best
