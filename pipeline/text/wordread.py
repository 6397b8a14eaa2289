"""A second reading of the words tesseract could barely read.

On a poor scan tesseract sometimes reads a whole word as something else and says so with its
confidence: "Boephtalicy" at 0.00 for "Hospitality", "*|@ranite" at 0.23 for a cell's rule and
"Granite". Read again on its own, cut out of the page with a little margin, the same word
usually comes out right and sure (the page-level layout analysis that joined the rule to it, or
the neighbours that skewed its line, are gone). Such a word is replaced when the new reading is
one word of letters about as long as the old one and tesseract is clearly surer of it; anything
else keeps the first reading. Numbers have their own second look (``reread``).
"""

from __future__ import annotations

import re

from pipeline.text.layout import Piece

# Below this confidence a word of letters is read again.
MAX_CONFIDENCE = 0.5
# The new reading must be at least this sure, and this much surer than the first.
MIN_NEW_CONFIDENCE = 0.35
MIN_GAIN = 0.3
# At most this many words per page are read again (each costs a strip of one run).
MAX_WORDS = 40

_EDGE_MARKS = ".,;:'\"|()[]{}*!‘’“”"  # noqa: RUF001 (OCR reads quotes and rules as these)
_LETTERS = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # noqa: RUF001


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def in_doubt(piece: Piece) -> bool:
    """A word of mostly letters (three or more, no digit) that tesseract is unsure of."""
    text = piece.text
    letters = _letters(text)
    return (
        piece.confidence < MAX_CONFIDENCE
        and letters >= 3
        and letters * 3 >= len(text) * 2 - 1
        and not any(ch.isdigit() for ch in text)
    )


def choose(old: Piece, words: list[Piece]) -> Piece | None:
    """``old`` with the new reading of its crop, when that is one word of letters (marks with no
    letter around it are rules and specks, not words) about as long as the old reading and
    clearly surer; else None."""
    found = [w for w in words if _letters(w.text) > 0]
    if len(found) != 1:
        return None
    new = found[0]
    core = new.text.strip(_EDGE_MARKS)
    if not _LETTERS.fullmatch(core) or len(core) < 3:
        return None
    old_letters = _letters(old.text)
    if abs(len(core) - old_letters) > max(2, old_letters // 4):
        return None
    if new.confidence < max(MIN_NEW_CONFIDENCE, old.confidence + MIN_GAIN):
        return None
    # a comma or full stop the first reading saw after the word stays ("Granite," in a list)
    tail = old.text[len(old.text.rstrip(".,;:")) :]
    text = core + tail if not core.endswith(tuple(".,;:")) else core
    return Piece(text, old.left, old.top, old.right, old.bottom, new.confidence)
