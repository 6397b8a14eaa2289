"""Page text, the hand-off between text extraction (pypdf / OCR) and field extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TextMethod(StrEnum):
    TEXT_LAYER = "text_layer"
    OCR = "ocr"


@dataclass(frozen=True)
class Word:
    """One word with its box as fractions of the page (0..1, origin top-left), so boxes from
    a PDF text layer and from OCR pixels are comparable and resolution-independent."""

    text: str
    left: float
    top: float
    width: float
    height: float
    confidence: float = 1.0
    line: int = 0
    block: int = 0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.left, self.top, self.left + self.width, self.top + self.height)


@dataclass(frozen=True)
class Page:
    """Text of one page (1-based ``number``) and how it was obtained."""

    number: int
    text: str
    method: TextMethod
    words: tuple[Word, ...] = field(default=())
    confidence: float | None = None


# What a checkpoint keeps of a word: its box to 5 decimals (under a 100th of a point on a letter
# page) and its confidence to 3. Negative zero is kept as zero, as PostgreSQL's JSONB does.
BOX_DIGITS = 5
CONFIDENCE_DIGITS = 3


def _kept(value: float, digits: int) -> float:
    if isinstance(value, int):  # JSON keeps an integer an integer
        return value
    # float(): numpy's float64 reads back as a float; -0.0 + 0.0 is 0.0
    return float(round(value, digits)) + 0.0


def checkpointed_word(word: Word) -> Word:
    """``word`` as its page's checkpoint stores it and reads it back."""
    return Word(
        word.text,
        _kept(word.left, BOX_DIGITS),
        _kept(word.top, BOX_DIGITS),
        _kept(word.width, BOX_DIGITS),
        _kept(word.height, BOX_DIGITS),
        _kept(word.confidence, CONFIDENCE_DIGITS),
        word.line,
        word.block,
    )


def checkpointed(page: Page) -> Page:
    """``page`` exactly as it reads back from its checkpoint in ``document_pages``, so the
    extractors see the same values whether they run on a page just read or on a stored one."""
    return Page(
        number=page.number,
        text=page.text,
        method=TextMethod(page.method),
        words=tuple(checkpointed_word(w) for w in page.words),
        confidence=None if page.confidence is None else float(page.confidence),
    )
