"""A bar OCR read at the start of a word: a box's rule, told from a capital I.

A form's cells are ruled, and a value printed close to a cell's left rule comes back as one
word with a bar in front ("|Whitcombe", "|O'DONNELL", "|Nunez"). From the text alone it could
be an I ("|BARRA" for IBARRA), so later steps would have to give the word up. The page tells
them apart: a rule's ink runs on above or below the line of text, while an I stands the height
of the letters and stops there. Bars shown to be a rule are taken off the word.
"""

from __future__ import annotations

import re

from PIL import Image

from pipeline.text.layout import Piece

# A word that starts with bars (and marks read with them) before a letter or digit.
_LEADING_BAR = re.compile(r"^\|+[,.'\u2018\u2019:;]*(?=[^\W_])")
# Gray levels below this are ink.
_INK_LEVEL = 140
# The bar is looked for in the word's first this share of its height, from its left edge.
_BAR_ZONE = 0.5
# Ink beyond the word's box for at least this share of its height, above or below: a rule.
_RULE_REACH = 0.4
# A rule runs through the whole line: ink over at least this share of the word's height.
_RULE_SPAN = 0.8


def strip_bars(image: Image.Image, pieces: list[Piece]) -> list[Piece]:
    """``pieces`` with leading bars that the image shows are a rule removed."""
    gray: Image.Image | None = None
    out = []
    for p in pieces:
        m = _LEADING_BAR.match(p.text)
        if m is None:
            out.append(p)
            continue
        gray = gray or image.convert("L")
        left = _start_after_bar(gray, p)
        out.append(
            p
            if left is None
            else Piece(p.text[m.end() :], left, p.top, p.right, p.bottom, p.confidence)
        )
    return out


def _start_after_bar(gray: Image.Image, p: Piece) -> float | None:
    """Where the word starts after its bar, if the bar is a rule; None when the bar could be
    a letter (or the image shows no rule)."""
    top, bottom = round(p.top), round(p.bottom)
    height = bottom - top
    if height < 4:
        return None
    # (OCR's box may start on the rule or a little after it)
    zone = round(max(2.0, height * _BAR_ZONE))
    reach = height * _RULE_REACH
    rule = next(
        (
            x
            for x in range(max(0, round(p.left) - 2 * zone), min(gray.width, round(p.left) + zone))
            if _ink_rows(gray, x, top, bottom) >= height * _RULE_SPAN
            and max(
                _run(gray, x, top - 1, -1, round(reach) + 1),
                _run(gray, x, bottom, 1, round(reach) + 1),
            )
            >= reach
        ),
        None,
    )
    if rule is None:
        return None
    # past the rule's own ink and the gap after it, the word's first letter
    x, right = rule, round(p.right)
    while x < right and _ink_rows(gray, x, top, bottom) >= height * _RULE_SPAN:
        x += 1
    while x < right and not _ink_rows(gray, x, top, bottom):
        x += 1
    return float(x) if x < right else None


def _ink_rows(gray: Image.Image, x: int, top: int, bottom: int) -> int:
    """How many pixels of column ``x`` between ``top`` and ``bottom`` are ink."""
    if not 0 <= x < gray.width:
        return 0
    return sum(1 for y in range(max(0, top), min(gray.height, bottom)) if _is_ink(gray, x, y))


def _is_ink(gray: Image.Image, x: int, y: int) -> bool:
    value = gray.getpixel((x, y))
    return isinstance(value, int | float) and value < _INK_LEVEL


def _run(gray: Image.Image, x: int, y: int, step: int, limit: int) -> int:
    """Unbroken ink in column ``x`` (or the columns beside it: a rule may slant) from ``y``
    on in direction ``step``, up to ``limit`` pixels; a one-pixel gap does not break it."""
    run, gap = 0, 0
    while run < limit and 0 <= y < gray.height:
        inked = any(0 <= c < gray.width and _is_ink(gray, c, y) for c in (x - 1, x, x + 1))
        if inked:
            gap = 0
        else:
            gap += 1
            if gap > 1:
                break
        run += 1
        y += step
    return max(0, run - gap)
