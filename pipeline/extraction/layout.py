"""Geometry of a page: words grouped into lines and phrases, labels found by (fuzzy) text, and
values paired with labels by position.

Everything works on :class:`~pipeline.domain.pages.Page` as handed over by ``pipeline.text``. A
page without word boxes (plain text) gets synthetic boxes from its text lines and columns, so the
same positional rules apply, only coarser. Reading order is never trusted: PDFs whose content
stream is scrambled (values drawn after all labels) and OCR output are both handled by position.

A scan is rarely square on the glass: at 1.5 degrees the right end of a line sits a full line
height below its left end, so a label and the value beside it would fall on different lines.
An OCR page's boxes are therefore straightened (sheared along the page's skew, measured from the
lines the text step grouped) before anything compares positions; :meth:`Layout.page_box` maps a
box back onto the page for evidence.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from pipeline.domain.model import edit_distance
from pipeline.domain.pages import Page, TextMethod, Word


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.left, self.top, self.right, self.bottom)


def union_all(boxes: Iterable[Box]) -> Box:
    it = iter(boxes)
    result = next(it)
    for box in it:
        result = result.union(box)
    return result


@dataclass(frozen=True)
class Token:
    text: str
    box: Box
    confidence: float = 1.0

    @property
    def char_width(self) -> float:
        return (self.box.right - self.box.left) / max(1, len(self.text))


@dataclass
class Line:
    """Tokens whose vertical centres line up, left to right, split into phrases at wide gaps."""

    tokens: list[Token]
    phrases: list[list[Token]]
    box: Box
    index: int = 0

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


@dataclass(frozen=True)
class Hit:
    """A label found on a line: the tokens it covers and how closely it matched (1 = exact)."""

    line: int
    first: int
    last: int  # inclusive token index
    box: Box
    score: float


_NUMERICISH = re.compile(r"^[\d$.,\-]+$")
# the first part of a figure up to a thousands comma (OCR may read its "$" as a letter), and
# the rest of it
_THOUSANDS_HEAD = re.compile(r"^\D?\d{1,3}(?:,\d{3})*,$")
_THOUSANDS_TAIL = re.compile(r"^\d{3}(?:,\d{3})*(?:\.\d\d)?$")


def _synthesize_words(text: str) -> tuple[Word, ...]:
    """Boxes for plain text: one row per text line, columns by character position."""
    rows = text.splitlines()
    if not rows:
        return ()
    width = max(80, max(len(r) for r in rows))
    row_height = 1.0 / max(40, len(rows) + 1)
    words: list[Word] = []
    for i, row in enumerate(rows):
        for m in re.finditer(r"\S+", row):
            words.append(
                Word(
                    text=m.group(0),
                    left=m.start() / width,
                    top=i * row_height,
                    width=len(m.group(0)) / width,
                    height=row_height * 0.8,
                    line=i,
                )
            )
    return tuple(words)


def _upright_dash(tok: Token) -> bool:
    """A "-" OCR read from a mark taller than it is wide: a cell's rule or a speck, never a
    minus sign, which is a flat stroke ("$13,106.00" and the rule after it are no -13,106.00).
    (A text layer's boxes are the font's, as tall for a dash as for a digit: scans only.)"""
    box = tok.box
    return tok.text in {"-", "\u2013", "\u2014"} and box.height >= box.right - box.left


def _merge_fragments(tokens: list[Token], *, ocr: bool = False) -> list[Token]:
    """Join pieces of one number that a PDF drew separately ("55151" "." "93"), or that OCR read
    apart; on a scan, not a mark read as a dash that stands upright (see ``_upright_dash``)."""
    merged: list[Token] = []
    for tok in tokens:
        if merged:
            prev = merged[-1]
            gap = tok.box.left - prev.box.right
            cw = max(prev.char_width, tok.char_width, 1e-4)
            if (
                _NUMERICISH.match(prev.text)
                and _NUMERICISH.match(tok.text)
                and not (ocr and (_upright_dash(prev) or _upright_dash(tok)))
                and gap < 0.9 * cw
                and (tok.text[0] == "." or prev.text[-1] == "." or gap < 0.3 * cw)
            ) or (
                # a thousands comma OCR read a space after ("125, 435.20"): never two figures,
                # whose own digits would follow the comma
                _THOUSANDS_HEAD.match(prev.text)
                and _THOUSANDS_TAIL.match(tok.text)
                and gap < 0.9 * cw
            ):
                merged[-1] = Token(
                    prev.text + tok.text,
                    prev.box.union(tok.box),
                    min(prev.confidence, tok.confidence),
                )
                continue
        if (
            merged
            and tok.text in {".", ","}
            and tok.box.left - merged[-1].box.right < 0.5 * max(merged[-1].char_width, 1e-4)
        ):
            prev = merged[-1]
            merged[-1] = Token(prev.text + tok.text, prev.box.union(tok.box), prev.confidence)
            continue
        merged.append(tok)
    return merged


def _rejoin_ocr_lines(rows: list[list[Token]], ocr_line: dict[int, int]) -> list[list[Token]]:
    """A word set apart from the rest of the line it was arranged in, because its box is taller
    than its neighbours' (a speck or a rule fused to a capital: "Zachary" above "N Pacheco"),
    goes back to that line's row when the two overlap at all."""
    row_of = {id(t): k for k, row in enumerate(rows) for t in row}
    members: dict[int, list[Token]] = {}
    for row in rows:
        for tok in row:
            members.setdefault(ocr_line[id(tok)], []).append(tok)
    moves: list[tuple[Token, int]] = []
    for toks in members.values():
        if len(toks) < 3:
            continue
        counts: dict[int, int] = {}
        for tok in toks:
            counts[row_of[id(tok)]] = counts.get(row_of[id(tok)], 0) + 1
        home = max(counts, key=lambda k: counts[k])
        if counts[home] * 2 <= len(toks):
            continue
        top = min(t.box.top for t in toks if row_of[id(t)] == home)
        bottom = max(t.box.bottom for t in toks if row_of[id(t)] == home)
        for tok in toks:
            if row_of[id(tok)] != home and tok.box.top < bottom and tok.box.bottom > top:
                moves.append((tok, home))
    if not moves:
        return rows
    moved = {id(tok) for tok, _ in moves}
    out = [[t for t in row if id(t) not in moved] for row in rows]
    for tok, home in moves:
        out[home].append(tok)
    return [row for row in out if row]


def _merge_interleaved(rows: list[list[Token]]) -> list[list[Token]]:
    """Join rows that share a baseline but were split by differing glyph heights."""

    def extent(row: list[Token]) -> tuple[float, float]:
        tops = sorted(t.box.top for t in row)
        bottoms = sorted(t.box.bottom for t in row)
        return tops[len(tops) // 2], bottoms[len(bottoms) // 2]

    rows = sorted(rows, key=lambda r: extent(r)[0])
    out: list[list[Token]] = []
    for row in rows:
        if out:
            prev = out[-1]
            (pt, pb), (t, b) = extent(prev), extent(row)
            overlap = min(pb, b) - max(pt, t)
            apart = all(
                x.box.right <= y.box.left or y.box.right <= x.box.left for x in prev for y in row
            )
            if overlap >= 0.4 * min(pb - pt, b - t) and apart:
                prev.extend(row)
                continue
        out.append(row)
    return out


def _attach_punctuation(rows: list[list[Token]]) -> list[list[Token]]:
    """A lone "." or "," drawn a little lower than its digits joins the row of those digits."""
    keep: list[list[Token]] = []
    strays: list[Token] = []
    for row in rows:
        if all(re.fullmatch(r"[.,]", t.text) for t in row):
            strays.extend(row)
        else:
            keep.append(row)
    for tok in strays:
        best: tuple[float, list[Token]] | None = None
        for row in keep:
            for other in row:
                h = max(other.box.height, 1e-4)
                dy = abs(other.box.center_y - tok.box.center_y)
                dx = abs(tok.box.left - other.box.right)
                if dy <= 0.9 * h and dx <= 0.5 * h and (best is None or dx + dy < best[0]):
                    best = (dx + dy, row)
        if best is not None:
            best[1].append(tok)
        else:
            keep.append([tok])
    return keep


def _split_phrases(tokens: list[Token], min_gap: float = 0.04) -> list[list[Token]]:
    phrases: list[list[Token]] = []
    for tok in tokens:
        if phrases:
            prev = phrases[-1][-1]
            gap = tok.box.left - prev.box.right
            cw = max(prev.char_width, tok.char_width, 0.004)
            if gap <= max((2.5 if min_gap else 1.5) * cw, min_gap):
                phrases[-1].append(tok)
                continue
        phrases.append([tok])
    return phrases


# Form words one letter apart that name different parties: a fuzzy match must not read one
# as the other ("Employer's name, address" is not "Employee's name, address").
_CONFUSABLE = (("employee", "employer"), ("payee", "payer"))


# OCR's reading of dust, a rule or a box edge: a word of one or two marks or letters that
# tesseract itself is unsure of ("G", "EI", "Pn", "|" beside a name; "OO" for an empty box).
# A digit, a tick ("X", "[X]") or a dollar sign is never dropped.
_SPECK_CONFIDENCE = 0.3
_SPECK_HEIGHT = 0.35
# A scanned word this many times taller than the page's median word, and than the words
# arranged on its line, is fused with a mark (more for a word with letters below the line).
_TALL = 2.0


def _speck(word: Word) -> bool:
    text = word.text.strip()
    return (
        word.confidence < _SPECK_CONFIDENCE
        and len(text) <= 2
        and not re.search(r"[\dxX$☒✓✔■]", text)
    )


def _initial(words: Sequence[Word], i: int) -> bool:
    """A capital between two capitalised words of its line is a middle initial, however
    unsure OCR is of it ("Eleanor K~ Ramanathan")."""
    if not re.fullmatch(r"\W*[A-Z]\W*", words[i].text.strip()) or not 0 < i < len(words) - 1:
        return False
    before, after = words[i - 1], words[i + 1]
    named = re.compile(r"[A-Z][A-Za-z'\-]{2,},?")
    return before.line == words[i].line == after.line and all(
        named.fullmatch(w.text.strip()) is not None and w.confidence >= _SPECK_CONFIDENCE
        for w in (before, after)
    )


def _state(words: Sequence[Word], i: int) -> bool:
    """Two capitals between a city and a ZIP on their line are the state, however unsure
    OCR is of them ("MADISON, WI 53758")."""
    if not re.fullmatch(r"[A-Z]{2}", words[i].text.strip()) or not 0 < i < len(words) - 1:
        return False
    before, after = words[i - 1], words[i + 1]
    return (
        before.line == words[i].line == after.line
        and re.fullmatch(r"[A-Za-z][A-Za-z.'\-]+,", before.text.strip()) is not None
        and re.fullmatch(r"\d{5}(?:-\d{4})?", after.text.strip()) is not None
    )


def _confused(needle: str, found: str) -> bool:
    """The found text's word, where the needle has one of a confusable pair, is nearer the
    other of the pair ("emplovees" read for "employer's")."""
    for a, b in _CONFUSABLE:
        for x, y in ((a, b), (b, a)):
            i = needle.find(x)
            if i < 0 or y in needle:
                continue
            seg = found[i : i + len(x)]
            if edit_distance(seg, y) < edit_distance(seg, x):
                return True
    return False


def _word_break_after(text: str, n: int) -> bool:
    """Whether the first ``n`` normalized characters of ``text`` end where a hyphen or a stop
    breaks it ("YTD" in "YTD-Amount", not "EIN" in "EINSTEIN")."""
    for i in range(1, len(text)):
        if len(normalize(text[:i])) == n:
            return text[i] in "-/.:" and text[i + 1 : i + 2].isalnum()
    return False


def _marks_before(text: str, n: int) -> bool:
    """Whether the first ``n`` normalized characters of ``text`` are a word of its own, marks
    between it and the rest ("To.(Name": "to", then ".(")."""
    for i in range(1, len(text)):
        if len(normalize(text[:i])) == n:
            gap = re.match(r"[.:;,()\[\]/]+", text[i:])
            return gap is not None and text[i + gap.end() : i + gap.end() + 1].isalnum()
    return False


def normalize(text: str) -> str:
    """Lower-case letters and digits only, for label comparison ("&" reads "and")."""
    text = text.lower().replace("\u2019", "'").replace("&", "and")
    if "\u00a7" in text:  # an s OCR read as a section sign inside a word ("Gros\u00a7 Pay")
        text = re.sub(r"(?<=[a-z])\u00a7|\u00a7(?=[a-z])", "s", text)
    return re.sub(r"[^a-z0-9]", "", text)


def fuzzy_find(hay: str, needle: str, max_errors: int) -> list[tuple[int, int, int]]:
    """Approximate substring search (Sellers): (start, end, errors) of best local matches."""
    m = len(needle)
    if m == 0 or not hay:
        return []
    # prev[i] = edit distance of needle[:i] vs a substring of hay ending at column j
    prev = list(range(m + 1))
    starts_prev = [0] * (m + 1)
    ends: list[tuple[int, int, int]] = []
    for j in range(1, len(hay) + 1):
        cur = [0] * (m + 1)
        starts = [j] * (m + 1)
        ch = hay[j - 1]
        for i in range(1, m + 1):
            sub = prev[i - 1] + (needle[i - 1] != ch)
            dele = prev[i] + 1
            ins = cur[i - 1] + 1
            cost = sub
            start = starts_prev[i - 1]
            if dele < cost:
                cost, start = dele, starts_prev[i]
            if ins < cost:
                cost, start = ins, starts[i - 1]
            cur[i] = cost
            starts[i] = start
        if cur[m] <= max_errors:
            ends.append((starts[m], j, cur[m]))
        prev, starts_prev = cur, starts
    # keep the best match of each overlapping run
    best: list[tuple[int, int, int]] = []
    for s, e, err in ends:
        if best and s < best[-1][1]:
            if err < best[-1][2]:
                best[-1] = (s, e, err)
            continue
        best.append((s, e, err))
    return best


_TAIL = re.compile(r"\$?\d{4,}")
_HEAD = re.compile(r"\$?\d{1,3}")


def split_figure(line: Line, tok: Token) -> bool:
    """Whether ``tok`` is part of a figure OCR split in two: a run of four or more digits
    without a separator set right after a group of one to three ("137 7925" for 137,925), or
    that group. Neither part is the figure."""

    def split(head: Token, tail: Token) -> bool:
        return (
            _HEAD.fullmatch(head.text) is not None
            and _TAIL.fullmatch(tail.text) is not None
            and 0 <= tail.box.left - head.box.right < 2 * tail.char_width
        )

    # (by position: a value look-up may hand over its own copy of the line's token)
    before = [t for t in line.tokens if t.box.right <= tok.box.left + 1e-6]
    after = [t for t in line.tokens if t.box.left >= tok.box.right - 1e-6]
    return bool(before and split(max(before, key=lambda t: t.box.right), tok)) or bool(
        after and split(tok, min(after, key=lambda t: t.box.left))
    )


class Layout:
    """A page's words as lines and phrases, with label and value look-ups by position."""

    def __init__(self, page: Page) -> None:
        self.page_number = page.number
        self.ocr = page.method == TextMethod.OCR
        # without word boxes the positions are estimates from text columns: never reported
        self.has_boxes = bool(page.words)
        words = page.words or _synthesize_words(page.text)
        # dy/dx of the printed lines, in page fractions; text layers are drawn straight
        self.skew = page_skew(words) if self.ocr else 0.0
        if self.skew:
            words = tuple(_straighten(w, self.skew) for w in words)
        # synthetic boxes: two spaces (one empty character column) separate cells
        self.lines = self._build_lines(
            words, min_gap=0.04 if page.words else 0.0, drop_specks=self.ocr
        )
        self._compact: list[tuple[str, list[int], list[int]]] = [
            self._compact_line(line) for line in self.lines
        ]
        # extractors look up the same labels and value types many times per page
        self._hits: dict[tuple[str, bool], list[Hit]] = {}
        self._values: dict[Callable[[str], object | None], list[tuple[Token, Box]]] = {}

    # --- construction ---------------------------------------------------------------------

    @staticmethod
    def _build_lines(words: Sequence[Word], min_gap: float, drop_specks: bool) -> list[Line]:
        tokens: list[Token] = []
        # the line each OCR word was arranged in (``text.layout.arrange``: along the page's
        # skew, by the words' middles)
        ocr_line: dict[int, int] = {}
        for i, w in enumerate(words):
            if not w.text.strip() or (
                drop_specks and _speck(w) and not _initial(words, i) and not _state(words, i)
            ):
                continue
            tok = Token(
                w.text.strip(), Box(w.left, w.top, w.left + w.width, w.top + w.height), w.confidence
            )
            tokens.append(tok)
            ocr_line[id(tok)] = w.line
        tokens.sort(key=lambda t: (t.box.center_y, t.box.left))
        # On a scan a word fused with a speck or a rule above or below it has a box much
        # taller than the line's: its middle is no guide to its row. Such words are placed
        # last, in the row they overlap most.
        # (A large type is no such word: it is as tall as the words it was arranged with.)
        tall: list[Token] = []
        if drop_specks and tokens:
            median = statistics.median(t.box.height for t in tokens)
            # a mark, letter or digit a third the height of the page's words is dust OCR read
            # as one ("7" glued before "209,962.28"); a dash is thin and stays
            tokens = [
                t
                for t in tokens
                if t.box.height >= _SPECK_HEIGHT * median
                or re.fullmatch(r"[-\u2013\u2014]+", t.text)
            ]
            mates: dict[int, list[float]] = {}
            for t in tokens:
                mates.setdefault(ocr_line[id(t)], []).append(t.box.height)

            def fused(t: Token) -> bool:
                if sum(ch.isalpha() for ch in t.text) < 2:
                    return False  # (a figure or a mark is placed as it is read)
                others = list(mates[ocr_line[id(t)]])
                others.remove(t.box.height)
                usual = statistics.median(others) if others else median
                # (letters below the line and capitals above make a word up to twice as tall
                # as one of small letters: "Employer" beside "name")
                limit = _TALL * (1.3 if re.search(r"[gjpqy()\[\]{}|$]", t.text) else 1.0)
                return t.box.height > limit * median and t.box.height > limit * usual

            tall = [t for t in tokens if fused(t)]
            tokens = [t for t in tokens if not fused(t)]
        rows: list[list[Token]] = []
        extents: list[tuple[float, float]] = []
        for tok in tokens:
            h = max(tok.box.height, 1e-4)
            placed = False
            # the last few rows only: tokens arrive sorted by vertical centre
            for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
                top, bottom = extents[k]
                overlap = min(bottom, tok.box.bottom) - max(top, tok.box.top)
                if overlap >= 0.5 * min(h, bottom - top):
                    rows[k].append(tok)
                    tops = sorted(t.box.top for t in rows[k])
                    bottoms = sorted(t.box.bottom for t in rows[k])
                    extents[k] = (tops[len(tops) // 2], bottoms[len(bottoms) // 2])
                    placed = True
                    break
            if not placed:
                rows.append([tok])
                extents.append((tok.box.top, tok.box.bottom))
        for tok in tall:
            # of the rows it covers (more than half of a row's height inside its box), the one
            # whose foot is nearest its own: a word sits on its baseline, the mark is above
            inside = [
                k
                for k, (top, bottom) in enumerate(extents)
                if min(bottom, tok.box.bottom) - max(top, tok.box.top) > 0.5 * (bottom - top)
            ]
            best = min(inside, key=lambda k: abs(extents[k][1] - tok.box.bottom), default=None)
            if best is None:
                rows.append([tok])
                extents.append((tok.box.top, tok.box.bottom))
            else:
                rows[best].append(tok)
        if drop_specks:
            rows = _rejoin_ocr_lines(rows, ocr_line)
        rows = _attach_punctuation(_merge_interleaved(rows))
        if drop_specks:
            # a row of nothing but marks ("." "_" "—") is dust or a rule on a scan: it would
            # only come between a label and its value
            rows = [r for r in rows if any(re.search(r"[^\W_]", t.text) for t in r)]
        lines: list[Line] = []
        for row in sorted(rows, key=lambda r: min(t.box.top for t in r)):
            row.sort(key=lambda t: t.box.left)
            merged = _merge_fragments(row, ocr=drop_specks)
            lines.append(
                Line(
                    tokens=merged,
                    phrases=_split_phrases(merged, min_gap),
                    box=union_all(t.box for t in merged),
                )
            )
        for i, line in enumerate(lines):
            line.index = i
        return lines

    @staticmethod
    def _compact_line(line: Line) -> tuple[str, list[int], list[int]]:
        """Normalized text without spaces, the token of each character, and token start offsets."""
        chars: list[str] = []
        owner: list[int] = []
        starts: list[int] = []
        for i, tok in enumerate(line.tokens):
            starts.append(len(chars))
            for ch in normalize(tok.text):
                chars.append(ch)
                owner.append(i)
        return "".join(chars), owner, starts

    # --- labels ---------------------------------------------------------------------------

    def find(self, *labels: str, fuzzy: bool | None = None) -> list[Hit]:
        """Every place one of ``labels`` is printed, best match per location, top to bottom.

        Matching ignores case, spaces and punctuation (OCR splits and joins words). On OCR pages,
        or when ``fuzzy`` is set, labels of nine letters or more may have one wrong character in
        eight.
        """
        use_fuzzy = self.ocr if fuzzy is None else fuzzy
        hits: list[Hit] = []
        for label in labels:
            hits.extend(self._find_one(label, use_fuzzy))
        hits.sort(key=lambda h: (-h.score, h.line, h.first))
        kept: list[Hit] = []
        for h in hits:
            if any(k.line == h.line and not (h.last < k.first or h.first > k.last) for k in kept):
                continue
            kept.append(h)
        kept.sort(key=lambda h: (h.box.top, h.box.left))
        return kept

    def _find_one(self, label: str, use_fuzzy: bool) -> list[Hit]:
        cached = self._hits.get((label, use_fuzzy))
        if cached is not None:
            return cached
        hits: list[Hit] = []
        needle = normalize(label)
        if needle:
            for li, (hay, owner, starts) in enumerate(self._compact):
                for s, e, err in self._search(hay, needle, use_fuzzy):
                    if err and _confused(needle, hay[s:e]):
                        continue
                    first, last = owner[s], owner[e - 1]
                    # a match must begin at a word boundary (no "ein" inside "weinberg"), which
                    # may be marks OCR set between two words ("To.(Name and address")
                    offset = s - starts[first]
                    if offset > (1 if use_fuzzy else 0) and not _marks_before(
                        self.lines[li].tokens[first].text, offset
                    ):
                        continue
                    end_text = self.lines[li].tokens[last].text
                    if (
                        len(needle) < 6
                        and e != starts[last] + len(normalize(end_text))
                        and not _word_break_after(end_text, e - starts[last])
                    ):
                        continue
                    toks = self.lines[li].tokens[first : last + 1]
                    hits.append(
                        Hit(
                            line=li,
                            first=first,
                            last=last,
                            box=union_all(t.box for t in toks),
                            score=1.0 - err / max(1, len(needle)),
                        )
                    )
        self._hits[(label, use_fuzzy)] = hits
        return hits

    @staticmethod
    def _search(hay: str, needle: str, fuzzy: bool) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        start = hay.find(needle)
        while start >= 0:
            found.append((start, start + len(needle), 0))
            start = hay.find(needle, start + 1)
        # OCR reads "rn" as "m" and "m" as "rn" ("Gross Eamings", "Payrnent"): one slip
        if fuzzy and len(needle) >= 6:
            for a, b in (("rn", "m"), ("m", "rn")):
                if a not in needle:
                    continue
                variant = needle.replace(a, b)
                start = hay.find(variant)
                while start >= 0:
                    found.append((start, start + len(variant), 1))
                    start = hay.find(variant, start + 1)
        # short labels must be exact: "employer" is one letter from "employee"
        if not fuzzy or len(needle) < 9:
            return found
        # the rest of the line may hold the label again, misread (a form's Borrower and
        # Co-Borrower columns print each caption twice): exact matches are masked, not searched
        rest = hay
        for s, e, _ in found:
            rest = rest[:s] + "|" * (e - s) + rest[e:]
        max_errors = len(needle) // 8
        # each wrong letter breaks at most three of the label's trigrams: a line holding fewer
        # than that leaves cannot hold the label (and the exact search is cheap, this is not)
        grams = {needle[i : i + 3] for i in range(len(needle) - 2)}
        if sum(g in rest for g in grams) < len(grams) - 3 * max_errors:
            return found
        return found + [
            m for m in fuzzy_find(rest, needle, max_errors) if "|" not in rest[m[0] : m[1]]
        ]

    def find_preferred(self, *labels: str) -> list[Hit]:
        """Hits of the first of ``labels`` printed on the page (labels in order of preference),
        so "Employer identification number" wins over a bare "(EIN)" beside it."""
        for label in labels:
            hits = self.find(label)
            if hits:
                return hits
        return []

    def has(self, *labels: str) -> bool:
        return bool(self.find(*labels))

    # --- values ---------------------------------------------------------------------------

    def candidates(self, parse: Callable[[str], object | None]) -> list[tuple[Token, Box]]:
        """Tokens (and token pairs/triples, for values OCR split in two) that ``parse`` accepts."""
        cached = self._values.get(parse)
        if cached is None:
            cached = self._values[parse] = self._candidates(parse)
        return cached

    def _candidates(self, parse: Callable[[str], object | None]) -> list[tuple[Token, Box]]:
        out: list[tuple[Token, Box]] = []
        for line in self.lines:
            for phrase in line.phrases:
                n = len(phrase)
                used: set[int] = set()
                for size in (4, 3, 2, 1):
                    for i in range(n - size + 1):
                        if any(k in used for k in range(i, i + size)):
                            continue
                        toks = phrase[i : i + size]
                        text = " ".join(t.text for t in toks)
                        if parse(text) is None:
                            continue
                        box = union_all(t.box for t in toks)
                        conf = min(t.confidence for t in toks)
                        # a number inside running text ("sales totaling $5,000 or more") is
                        # rarely a box's value: mark it with a lower confidence
                        if _in_running_text(phrase, i, i + size):
                            conf = -conf
                        out.append((Token(text, box, conf), box))
                        used.update(range(i, i + size))
        return out

    def value_for(
        self,
        hit: Hit,
        parse: Callable[[str], object | None],
        *,
        max_below: float = 0.12,
        max_right: float = 0.6,
    ) -> Token | None:
        """The nearest value ``parse`` accepts to the right of the label or below it."""
        best = self.rank_values([hit], parse, max_below=max_below, max_right=max_right)
        return best[0] if best else None

    def rank_values(
        self,
        hits: Sequence[Hit],
        parse: Callable[[str], object | None],
        *,
        max_below: float = 0.12,
        max_right: float = 0.6,
        exclude: Iterable[Box] = (),
    ) -> list[Token | None]:
        """For several labels at once, each value goes to the label it is nearest to.

        That is what pairs box 1 with 23,677.70 and box 3 with 24,410.00 on a W-2 whatever the
        order the values were drawn in: each value belongs to the label box it sits in.
        """
        excluded = list(exclude)
        cands = []
        in_text: list[bool] = []
        for tok, box in self.candidates(parse):
            if any(overlaps(box, ex) for ex in excluded):
                continue
            in_text.append(tok.confidence < 0)
            cands.append((Token(tok.text, tok.box, abs(tok.confidence)), box))
        pairs: list[tuple[float, int, int]] = []
        for hi, hit in enumerate(hits):
            column = (hit.box.left - 0.01, self.column_right(hit))
            # a form's cell starts at its box number ("2 Federal income tax withheld"): a
            # figure below that ends left of it is the cell before's, however near
            start = self.phrase_left(hit)
            numbered = start < hit.box.left - 0.002
            for ci, (_tok, box) in enumerate(cands):
                if overlaps(box, hit.box):
                    continue
                if numbered and box.right < start - 0.005 and box.top >= hit.box.bottom - 0.002:
                    continue
                d = _distance(hit.box, box, max_below, max_right)
                if d is not None and box.right <= hit.box.left and _label_left_of(hits, hi, box):
                    # "Federal Wages (1)  87684.17 Federal Tax (2)": a figure right of one
                    # label is that label's, not the next one's it stands before
                    d = None
                if d is None and self._led_to(hit, box):
                    d = 0.05  # "Box 1 Federal wages ........ 193118.45", however far
                elif d is None and self._alone_with(hit, box):
                    d = 0.1  # a table's row, "1  Federal wages  53411.63" in an Amount column
                in_cell = self._in_cell(hit, column, box, max_below)
                if in_cell is not None and (d is None or in_cell < d):
                    # (a label whose cell OCR ran on across the next headings, "Wages, Tips,
                    # Other Comp. Social Security Wages Medicare Wages", finds every figure of
                    # the row equally near: the one under the label itself is its own)
                    d = in_cell + _CELL_TIE * max(0.0, box.left - hit.box.right)
                # under another of the labels (that label's value, or beyond it), or
                # labelled on its own line ("State ID: 61871299"): not this label's
                if (
                    d is not None
                    and box.top >= hit.box.bottom - 0.25 * hit.box.height
                    and (_label_between(hits, hi, box) or self._after_colon_label(box))
                ):
                    d = None
                if d is not None:
                    pairs.append((d + (0.06 if in_text[ci] else 0.0), hi, ci))
        pairs.sort()
        result: list[Token | None] = [None] * len(hits)
        used: set[int] = set()
        for _d, hi, ci in pairs:
            if result[hi] is not None or ci in used:
                continue
            result[hi] = cands[ci][0]
            used.add(ci)
        return result

    def _between(self, hit: Hit, value: Box) -> list[Token] | None:
        """The words between a label and ``value`` on its line; None when not on its line."""
        line = self.lines[hit.line]
        if not line.box.top - 1e-6 <= value.center_y <= line.box.bottom + 1e-6:
            return None
        return [
            t
            for t in line.tokens
            if t.box.left >= hit.box.right - 1e-6 and t.box.right <= value.left
        ]

    def _led_to(self, hit: Hit, value: Box) -> bool:
        """Leader dots, and nothing else, run from the label to ``value`` on its line."""
        between = self._between(hit, value)
        return bool(between) and all(_LEADER_DOTS.fullmatch(t.text) for t in between or ())

    def _alone_with(self, hit: Hit, value: Box) -> bool:
        """Nothing is printed between the label and ``value`` on its line, nor after it."""
        line = self.lines[hit.line]
        return self._between(hit, value) == [] and not any(
            t.box.left >= value.right for t in line.tokens
        )

    def _after_colon_label(self, value: Box) -> bool:
        """The value follows a "Label:" on its own line."""
        for line in self.lines:
            if line.box.bottom <= value.top or line.box.top >= value.bottom:
                continue
            before = [t for t in line.tokens if t.box.right <= value.left + 1e-6]
            if not before:
                continue
            prev = max(before, key=lambda t: t.box.right)
            if (
                prev.text.endswith(":")
                and re.search(r"[A-Za-z]{2}", prev.text)
                and value.left - prev.box.right < 3 * max(prev.char_width, 0.003)
            ):
                return True
        return False

    def _in_cell(
        self, hit: Hit, column: tuple[float, float], value: Box, max_below: float
    ) -> float | None:
        """Distance of a value printed in the label's cell: below the label, its centre between
        the label's left edge and the next label on the label's line, and no other text in
        that column between them. An amount at the right edge of a form box belongs to the
        box's label even when the next box's label starts just right of it."""
        centre = (value.left + value.right) / 2
        dy = value.top - hit.box.bottom
        if not (column[0] <= centre < column[1]) or not -0.5 * hit.box.height <= dy <= max_below:
            return None
        for line in self.lines[hit.line + 1 :]:
            if line.box.top >= value.top - 0.5 * value.height:
                break
            if any(
                t.box.right > column[0] and t.box.left < column[1] and not overlaps(t.box, value)
                for t in line.tokens
            ):
                return None
        return max(dy, 0.0) + 0.01

    def block_below(
        self,
        hit: Hit,
        *,
        max_lines: int = 5,
        max_gap: float = 0.09,
        is_label: Callable[[str], bool] = lambda _s: False,
        stop: Callable[[str], bool] = lambda _s: False,
        right_limit: float | None = None,
        left_limit: float | None = None,
    ) -> list[tuple[str, Box]]:
        """Text lines under a label in the label's column (e.g. a name and address block).

        Label lines inside the block are skipped; ``stop`` ends the block. The column starts
        where the label's cell does, or at ``left_limit``.
        """
        out: list[tuple[str, Box]] = []
        last_bottom = hit.box.bottom
        limit = right_limit if right_limit is not None else self.column_right(hit)
        col_left = self.label_left(hit) if left_limit is None else left_limit
        for line in self.lines[hit.line + 1 :]:
            if line.box.top - last_bottom > max_gap:
                break
            toks: list[Token] = []
            for p in line.phrases:
                if p[0].box.left < col_left - 0.06:
                    # a phrase that runs on from the cell to the left ("2,777.20 EVERGREEN
                    # VALLEY ..."): only its words inside this column belong here
                    p = [t for t in p if t.box.left >= col_left - 0.01]
                    if not p:
                        continue
                # (a phrase starting a hair left of the next cell's label, as OCR's boxes or a
                # scan's tilt set it, is that cell's: "Employer ... Employee" over "NORTHGATE
                # PROPERTY MANAGEMENT ... Jolene Grünewald")
                if p[0].box.left >= limit - 0.01:
                    continue
                if not toks and p[0].box.left > max(col_left + 0.25, hit.box.right + 0.15):
                    continue  # a line that starts far right of the label: another cell's
                if not any(re.search(r"[^\W_]", t.text) for t in p):
                    continue  # a speck or a rule between the cells of a row
                # a far-away phrase is the next cell, not more of this value
                if (
                    toks
                    and p[0].box.left - toks[-1].box.right > 0.2
                    and not any(
                        abs(q[0].box.left - p[0].box.left) < 0.05
                        for q in self.lines[hit.line].phrases
                    )
                ):
                    break
                toks.extend(t for t in p if t.box.left < limit)
            if not toks:
                continue
            text = " ".join(t.text for t in toks)
            box = union_all(t.box for t in toks)
            if stop(text):
                break
            last_bottom = box.bottom
            if is_label(text):
                continue
            out.append((text, box))
            if len(out) >= max_lines:
                break
        return out

    def column_right(self, hit: Hit) -> float:
        """Where the next cell starts on the label's line (the label's column ends there)."""
        for phrase in self.lines[hit.line].phrases:
            if phrase[0].box.left > hit.box.right + 0.02:
                return phrase[0].box.left - 0.005
        return min(1.0, hit.box.right + 0.3)

    def label_left(self, hit: Hit) -> float:
        """Where a label's cell starts: at its box letter or number when one is printed
        right before it ("c Employer's name" inside "4 Social security tax withheld c
        Employer's name"), else where its phrase starts ("If joint return, spouse's ...")."""
        tokens = self.lines[hit.line].tokens
        if hit.first > 0 and re.fullmatch(r"[a-fA-F]|\d{1,2}[a-z]?\.?", tokens[hit.first - 1].text):
            return tokens[hit.first - 1].box.left
        return self.phrase_left(hit)

    def phrase_left(self, hit: Hit) -> float:
        """Left edge of the phrase holding a label, box number included ("1 Wages, ...")."""
        first = self.lines[hit.line].tokens[hit.first]
        for phrase in self.lines[hit.line].phrases:
            if first in phrase:
                return min(phrase[0].box.left, hit.box.left)
        return hit.box.left

    def text_right_of(self, hit: Hit) -> tuple[str, Box] | None:
        """The rest of the label's phrase (``Pay Date: 01/15/2024``), or the next phrase."""
        line = self.lines[hit.line]
        toks = [t for t in line.tokens[hit.last + 1 :]]
        if not toks:
            return None
        # the phrase that starts right after the label
        for phrase in line.phrases:
            inside = [t for t in phrase if t in toks]
            if inside:
                text = " ".join(t.text for t in inside).lstrip(":#- ").strip()
                if text:
                    return text, union_all(t.box for t in inside)
        return None

    def full_text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def page_box(self, box: Box) -> Box:
        """``box`` (straightened coordinates) as it lies on the page image."""
        if not self.skew:
            return box
        shifts = (self.skew * box.left, self.skew * box.right)
        return Box(box.left, box.top + min(shifts), box.right, box.bottom + max(shifts))


# A skew below this (about 0.1 degree) is left alone: straightening would only add rounding.
_MIN_SKEW = 0.002
# How far one printed line can drop across a page rotated by 2 degrees (page fractions).
_MAX_LINE_DROP = 0.03


# Words whose box bottom is the baseline: letters and digits without descenders (g, j, p, q,
# y) and no brackets or bars, which reach below it.
_ON_BASELINE = re.compile(r"[A-Za-fhik-oru-xz0-9.,]{2,}")


def page_skew(words: Sequence[Word]) -> float:
    """The slope (dy/dx, page fractions) of a page's text lines: the median over lines of the
    least-squares slope of their words' baselines.

    Lines come from ``Word.line`` (the text step groups OCR words along tesseract's own line
    slope). Only words that sit on the baseline count, and only lines long enough to measure.
    """
    by_line: dict[int, list[Word]] = {}
    for w in words:
        if _ON_BASELINE.fullmatch(w.text):
            by_line.setdefault(w.line, []).append(w)
    slopes: list[float] = []
    for line in by_line.values():
        xs = [w.left + w.width / 2 for w in line]
        ys = [w.top + w.height for w in line]
        # too short to measure, or not one printed line (words without line numbers)
        if len(line) < 2 or max(xs) - min(xs) < 0.15 or max(ys) - min(ys) > _MAX_LINE_DROP:
            continue
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
        misfit = max(abs(my + slope * (x - mx) - y) for x, y in zip(xs, ys, strict=True))
        if misfit <= 0.5 * statistics.median(w.height for w in line):
            slopes.append(slope)
    if not slopes:
        return 0.0
    skew = statistics.median(slopes)
    return skew if abs(skew) >= _MIN_SKEW else 0.0


def _straighten(word: Word, skew: float) -> Word:
    shift = skew * (word.left + word.width / 2)
    return replace(word, top=word.top - shift)


def _in_running_text(phrase: list[Token], start: int, end: int) -> bool:
    """Whether a word sits right before or after ``phrase[start:end]`` at word spacing."""
    cw = max(t.char_width for t in phrase[start:end])
    before = phrase[start - 1] if start > 0 else None
    after = phrase[end] if end < len(phrase) else None
    near_before = (
        before is not None
        and re.search(r"[A-Za-z]{2}", before.text) is not None
        and phrase[start].box.left - before.box.right < 1.5 * cw
    )
    near_after = (
        after is not None
        and re.search(r"[A-Za-z]{2}", after.text) is not None
        and after.box.left - phrase[end - 1].box.right < 1.5 * cw
    )
    return near_before or near_after


def overlaps(a: Box, b: Box) -> bool:
    """The two boxes share more than a sliver: OCR's boxes of a label and of the value on the
    line under it may touch or cross by a fraction of a line."""
    dy = min(a.bottom, b.bottom) - max(a.top, b.top)
    dx = min(a.right, b.right) - max(a.left, b.left)
    return dx > 0 and dy > 0.25 * min(a.height, b.height)


def _label_between(hits: Sequence[Hit], hi: int, value: Box) -> bool:
    """Another of the labels stands between label ``hi`` and a value below it, over the value."""
    label = hits[hi].box
    if value.top < label.bottom:
        return False
    return any(
        i != hi
        and h.box.top >= label.bottom - 0.25 * label.height
        and (
            (
                h.box.bottom <= value.top + 0.25 * value.height
                and h.box.left < max(value.right, label.right)
                and h.box.right > min(value.left, label.left)
            )
            # ... or heads the value's own row, left of it ("Box 2 Fed. income tax ... 39,095.77"
            # under "Box 1 Wages ... 244,348.55"): the row's figure is its label's
            or (
                h.box.right <= value.left
                and min(h.box.bottom, value.bottom) - max(h.box.top, value.top)
                > 0.5 * min(h.box.height, value.height)
            )
        )
        for i, h in enumerate(hits)
    )


# Per page width a value in a label's cell stands right of the label's end: enough to break a
# tie between figures of one row, far less than the distances that tell cells apart.
_CELL_TIE = 0.01


def _label_left_of(hits: Sequence[Hit], hi: int, value: Box) -> bool:
    """Another of the labels stands left of ``value`` on its line."""
    return any(
        i != hi
        and h.box.right <= value.left + 1e-6
        and min(h.box.bottom, value.bottom) - max(h.box.top, value.top) > 0.4 * value.height
        for i, h in enumerate(hits)
    )


_LEADER_DOTS = re.compile(r"[.\u2026\u00b7_]{3,}")


def _distance(label: Box, value: Box, max_below: float, max_right: float) -> float | None:
    """How far ``value`` is from ``label`` when read right of it or below it; None if neither."""
    h = max(label.height, 0.004)
    # same line, to the right
    overlap = min(label.bottom, value.bottom) - max(label.top, value.top)
    if overlap >= 0.4 * min(h, max(value.height, 1e-4)) and value.left >= label.right - h:
        dx = max(0.0, value.left - label.right)
        if dx <= max_right:
            return dx * 0.5
    # same line, to the left ("81,666.51  Box 1  Wages ..."): a summary table's amount column
    if overlap >= 0.4 * min(h, max(value.height, 1e-4)) and value.right <= label.left:
        dx = label.left - value.right
        if dx <= 0.3:
            return dx * 0.5 + 0.08
    # below, in the label's column
    dy = value.top - label.bottom
    if value.top > label.top + 0.5 * h and -h <= dy <= max_below:
        dx = max(0.0, label.left - value.right, value.left - label.right)
        if value.right < label.left - 0.03 or dx > 0.25:
            return None
        return max(dy, 0.0) + 2.0 * dx + 0.01
    return None
