"""Reading order: pieces of text with boxes in, words grouped into lines and page text out.

Both the PDF text layer and OCR hand their pieces to :func:`arrange`, so the two paths number
lines the same way and downstream extraction can pair labels and values by position whatever
order a producer wrote its content stream in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from pipeline.domain.pages import Word

# Two pieces closer than this (in line heights) are parts of one word, e.g. a word drawn by two
# text operators with a kerning gap; an ordinary space is about 0.25 em.
_JOIN_GAP = 0.12
# Pieces whose heights differ by more than this factor are never one word.
_ONE_SIZE = 2.5
# A gap wider than this (in line heights) starts a new block within a line: on forms, the next
# cell. Such gaps are written as two spaces in the page text.
_BLOCK_GAP = 1.5
# Real text needs this many letters or digits (and mostly letters or digits): fewer is a stamp,
# a page number or a font without a usable character map.
MIN_ALNUM = 20
MIN_ALNUM_RATIO = 0.5
_LEADERS = re.compile(r"([._\-\u00b7\u2026])\1{3,}")
# Unicode's Latin ligature characters (U+FB00-FB06), which text layers carry for ligature glyphs
# ("ﬁctional"), are written as their letters so words match however they were typeset.
_LIGATURE_LETTERS = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)


@dataclass(frozen=True, slots=True)
class Piece:
    """Text without spaces and its box, in page units with the origin at the top left."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    confidence: float = 1.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Arranged:
    words: tuple[Word, ...]
    text: str


def arrange(
    pieces: list[Piece],
    width: float,
    height: float,
    *,
    join_pieces: bool = True,
    slope: float = 0.0,
) -> Arranged:
    """Group ``pieces`` into lines (top to bottom) of words (left to right).

    ``width``/``height`` is the page size in the pieces' units; word boxes come out as fractions
    of it. With ``join_pieces`` touching pieces on a line become one word (the text layer);
    OCR words are already words. ``slope`` (dy/dx) is the skew of a scanned page's lines.
    """
    out_words: list[Word] = []
    out_lines: list[str] = []
    block = -1
    for line_number, line in enumerate(_lines(pieces, slope)):
        line.sort(key=lambda p: p.left)
        words = _join(line) if join_pieces else line
        parts: list[str] = []
        previous: Piece | None = None
        line_height = median(p.height for p in words)
        for word in words:
            if previous is None or word.left - previous.right > _BLOCK_GAP * line_height:
                block += 1
                if previous is not None:
                    parts.append("  ")
            elif previous is not None:
                parts.append(" ")
            text = word.text.translate(_LIGATURE_LETTERS)
            parts.append(text)
            out_words.append(
                Word(
                    text=text,
                    left=_clamp(word.left / width),
                    top=_clamp(word.top / height),
                    width=_clamp((word.right - word.left) / width),
                    height=_clamp((word.bottom - word.top) / height),
                    confidence=word.confidence,
                    line=line_number,
                    block=block,
                )
            )
            previous = word
        out_lines.append("".join(parts))
    return Arranged(words=tuple(out_words), text="\n".join(out_lines))


def is_real_text(text: str, *, min_alnum: int = MIN_ALNUM) -> bool:
    """True when ``text`` is worth keeping instead of OCR: enough letters/digits, and mostly
    letters/digits rather than symbols, replacement characters or control codes."""
    # Dot leaders ("Box 1 Wages ........ 254,611.13") are layout, not noise.
    visible = [c for c in _LEADERS.sub("", text) if not c.isspace()]
    alnum = sum(1 for c in visible if c.isalnum())
    if alnum < min_alnum:
        return False
    return alnum / len(visible) >= MIN_ALNUM_RATIO


def _lines(pieces: list[Piece], slope: float) -> list[list[Piece]]:
    """Pieces whose vertical middles lie within half a line height of a line's middle join it.

    Middles are taken along the page's skew, and sorting by them first makes the result
    independent of the input order.
    """

    def middle(p: Piece) -> float:
        return p.middle - slope * (p.left + p.right) / 2

    lines: list[list[Piece]] = []
    middles: list[float] = []
    heights: list[float] = []
    for piece in sorted(pieces, key=lambda p: (middle(p), p.left)):
        if lines:
            tolerance = 0.5 * max(min(piece.height, heights[-1]), 1e-9)
            if abs(middle(piece) - middles[-1]) <= tolerance:
                lines[-1].append(piece)
                n = len(lines[-1])
                middles[-1] += (middle(piece) - middles[-1]) / n
                heights[-1] = median(p.height for p in lines[-1])
                continue
        lines.append([piece])
        middles.append(middle(piece))
        heights.append(piece.height)
    return lines


def _join(line: list[Piece]) -> list[Piece]:
    words: list[Piece] = []
    for piece in line:
        if words:
            last = words[-1]
            if _same_spot(piece, last):
                # Drawn twice at (nearly) the same place: a "fake bold" or a shadow, one word.
                continue
            gap = piece.left - last.right
            # (a word is set in one size: a stamp's letters are not part of the figure they
            # touch, "VERIFIED" over "$41.07")
            one_size = max(last.height, piece.height) <= _ONE_SIZE * min(last.height, piece.height)
            if one_size and -0.5 * last.height < gap <= _JOIN_GAP * max(last.height, piece.height):
                words[-1] = Piece(
                    text=last.text + piece.text,
                    left=last.left,
                    top=min(last.top, piece.top),
                    right=max(last.right, piece.right),
                    bottom=max(last.bottom, piece.bottom),
                    confidence=min(last.confidence, piece.confidence),
                )
                continue
        words.append(piece)
    return words


def _same_spot(a: Piece, b: Piece) -> bool:
    slack = 0.3 * max(a.height, b.height)
    return (
        a.text == b.text
        and abs(a.left - b.left) <= slack
        and abs(a.top - b.top) <= slack
        and abs(a.right - b.right) <= slack
    )


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)
