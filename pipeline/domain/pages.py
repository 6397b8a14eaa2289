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
