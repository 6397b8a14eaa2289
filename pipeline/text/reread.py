"""A second reading of the numbers tesseract doubts: each is cut out of the page with a little
margin, read again as a single line restricted to the characters numbers are printed with, and
replaced only when the new reading is the same shape (the same digits count, separators in the
same places) and either more confident or the only one that reads as a number.

Doubtful means a word of digits (possibly with letters tesseract confuses with digits: "G47" for
"647") that is below ``MIN_CONFIDENCE`` or is not laid out as any number is printed ("1,85",
"179.100.00", "§4,321.00"). The rest of the page is left alone: text is never re-read, and a
number read confidently and plausibly is kept as it is.
"""

from __future__ import annotations

import re

from pipeline.text.layout import Piece

# Below this word confidence tesseract's reading of a number is doubted.
MIN_CONFIDENCE = 0.80
# A page with more doubtful numbers than this is re-read for the least confident ones only
# (each costs a strip of the one re-reading run).
MAX_WORDS = 80
WHITELIST = "0123456789$,.-/%()*"

# Characters tesseract reads in place of digits on poor scans; for comparing shapes only.
_DIGIT_LIKE = set("0123456789OoDQIl|!iSs$§BGgZzq")
_SEPARATORS = set(",.")
_DASHES = set("-~–—_")  # noqa: RUF001 (tesseract reads minus signs as these)
_EDGES = "$()*\"'“”:;"

_PLAUSIBLE = [
    re.compile(p)
    for p in (
        r"-?\d{1,3}(,\d{3})+(\.\d{1,4})?",  # 1,234.56  12,345
        r"-?\d+(\.\d{1,4})?",  # 1234.56  0.00  5600
        r"-?\.\d{1,4}",  # .57
        r"\d{1,2}/\d{1,2}/\d{2,4}",  # 08/07/2020
        r"\d+(-\d+)+",  # 123-45-6789  98-7654321  555-0100
        r"[xX*#]+(-[xX*#]+)*-\d+",  # xxx-xx-1234
        r"-?\d+(\.\d+)?%",  # 4.5%
    )
]


def core(text: str) -> str:
    """``text`` without the currency sign, brackets and quotes around it."""
    return text.strip(_EDGES)


def is_numeric(text: str) -> bool:
    """Digits (two or more), separators and digit look-alikes only: a number, perhaps misread."""
    body = core(text)
    digits = sum(c.isdigit() for c in body)
    return digits >= 2 and all(c in _DIGIT_LIKE or c in _SEPARATORS or c in _DASHES for c in body)


def is_plausible(text: str) -> bool:
    """Laid out as a number is printed on US documents: an amount, a date or an identifier."""
    body = core(text).rstrip(".")
    return any(p.fullmatch(body) for p in _PLAUSIBLE)


def shape(text: str) -> str:
    """Digits (and look-alikes) as ``9``, either separator as ``.``, any dash as ``-``."""
    out = []
    for c in core(text):
        if c.isdigit() or c in _DIGIT_LIKE:
            out.append("9")
        elif c in _SEPARATORS:
            out.append(".")
        elif c in _DASHES:
            out.append("-")
        else:
            out.append(c)
    return "".join(out)


def margin_box(piece: Piece, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The word's box with a margin (a quarter of its height above and below, a third beside),
    within an image of ``size``: tesseract needs some paper around a line to find it."""
    pad_y, pad_x = 0.25 * piece.height, 0.3 * piece.height
    return (
        max(0, round(piece.left - pad_x)),
        max(0, round(piece.top - pad_y)),
        min(size[0], round(piece.right + pad_x)),
        min(size[1], round(piece.bottom + pad_y)),
    )


def doubtful(piece: Piece) -> bool:
    return is_numeric(piece.text) and (
        piece.confidence < MIN_CONFIDENCE or not is_plausible(piece.text)
    )


def choose(old: Piece, text: str, confidence: float) -> Piece | None:
    """``old`` with the new reading, or None when the new reading is not better."""
    if not text or text == old.text or not is_plausible(text):
        return None
    if shape(text) != shape(old.text):
        return None
    if confidence <= old.confidence and is_plausible(old.text):
        return None
    # Keep what tesseract read around the number ("$", brackets) when the re-read dropped it.
    prefix = old.text[: len(old.text) - len(old.text.lstrip(_EDGES))]
    suffix = old.text[len(old.text.rstrip(_EDGES)) :]
    text = prefix + core(text) + suffix
    return Piece(text, old.left, old.top, old.right, old.bottom, max(confidence, old.confidence))
