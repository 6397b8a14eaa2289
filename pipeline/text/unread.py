"""Ink the first reading left out, found and read on its own.

Tesseract's page layout analysis sometimes drops text outright: a tax year printed alone at a
form's top right, a name in a box of its own, a figure beside a speckled rule. Nothing of it
reaches the words, so no later step can recover it. This pass looks at the page for ink that no
word of the first reading covers, keeps what is shaped like printed text (a run at least a few
characters wide and a line of text high; not a speck, not a rule), and returns those regions to
be read again as single lines. The words found there are added where the first reading had none.
"""

from __future__ import annotations

import math
from collections import deque

from PIL import Image, ImageChops, ImageDraw

from pipeline.text.layout import Piece

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels

# Gray levels below this are ink.
_INK_LEVEL = 140
# The page is looked at in square cells of this size (inches); a cell with at least this share
# of ink is inked. 0.04" is about a third of a 10-point character's width.
_CELL = 0.04
_CELL_INK = 0.06
# Around each word of the first reading, this much (inches) counts as read: its letters' edges.
_WORD_PAD = 0.02
# A region worth reading: at least this wide, and between these heights (inches). Narrower is a
# speck or a mark; flatter is a rule; taller is a logo, a signature or a box's side.
_MIN_WIDTH = 0.14
_MIN_HEIGHT = 0.06
_MAX_HEIGHT = 0.45
# At most this many regions per page (the widest first): each costs a strip of one run.
MAX_REGIONS = 40
# A word read in such a region is kept only from this confidence up, and with two or more
# letters or digits: what is read there has no context to make it more likely.
MIN_CONFIDENCE = 0.75
# Around a region cut out for reading (inches).
_MARGIN = 0.03
# A run of ink at least this long (inches) in a straight line is a form's rule, not text: it is
# taken out before ink is grouped, so that a figure printed against a box's edge (a W-2's tax
# year under its last row) is not part of the box.
_RULE_LENGTH = 0.5
_RULE_SLANT = 0.02


def unread_regions(image: Image.Image, pieces: list[Piece], dpi: float) -> list[Box]:
    """Boxes (pixels) around text-shaped ink that none of ``pieces`` covers."""
    width, height = image.size
    cell = max(2, round(dpi * _CELL))
    mask = image.convert("L").point(lambda v: 255 if v < _INK_LEVEL else 0)
    draw = ImageDraw.Draw(mask)
    pad = dpi * _WORD_PAD
    for p in pieces:
        draw.rectangle((p.left - pad, p.top - pad, p.right + pad, p.bottom + pad), fill=0)
    mask = without_rules(mask, dpi)
    cols, rows = math.ceil(width / cell), math.ceil(height / cell)
    grid = mask.resize((cols, rows), Image.Resampling.BOX).tobytes()
    level = 255 * _CELL_INK
    inked = [v >= level for v in grid]
    seen = [False] * len(inked)
    regions: list[Box] = []
    for start, is_ink in enumerate(inked):
        if not is_ink or seen[start]:
            continue
        # one 8-connected group of inked cells; a one-cell gap joins letters of a word
        seen[start] = True
        queue = deque([start])
        left, top, right, bottom = cols, rows, -1, -1
        while queue:
            i = queue.popleft()
            y, x = divmod(i, cols)
            left, top, right, bottom = min(left, x), min(top, y), max(right, x), max(bottom, y)
            for dy in (-1, 0, 1):
                for dx in (-2, -1, 0, 1, 2):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < rows and 0 <= nx < cols:
                        j = ny * cols + nx
                        if inked[j] and not seen[j]:
                            seen[j] = True
                            queue.append(j)
        box = (
            left * cell,
            top * cell,
            min(width, (right + 1) * cell),
            min(height, (bottom + 1) * cell),
        )
        tight = mask.crop(box).getbbox()
        if tight is None:
            continue
        box = (box[0] + tight[0], box[1] + tight[1], box[0] + tight[2], box[1] + tight[3])
        w_in, h_in = (box[2] - box[0]) / dpi, (box[3] - box[1]) / dpi
        if w_in >= _MIN_WIDTH and _MIN_HEIGHT <= h_in <= _MAX_HEIGHT:
            regions.append(box)
    regions.sort(key=lambda b: b[2] - b[0], reverse=True)
    margin = round(dpi * _MARGIN)
    return [
        (
            max(0, b[0] - margin),
            max(0, b[1] - margin),
            min(width, b[2] + margin),
            min(height, b[3] + margin),
        )
        for b in regions[:MAX_REGIONS]
    ]


def without_rules(mask: Image.Image, dpi: float) -> Image.Image:
    """``mask`` (ink 255) less its horizontal and vertical rules: runs of ink ``_RULE_LENGTH``
    long, allowing the slant of a scan (a run may wander ``_RULE_SLANT`` across its axis).
    Found on a copy at about 100 dpi, where a hair rule still shows."""
    factor = max(1, round(dpi / 100))
    small = mask.reduce(factor) if factor > 1 else mask
    small = small.point(lambda v: 255 if v else 0)
    length = max(2, round(dpi / factor * _RULE_LENGTH))
    slant = max(1, round(dpi / factor * _RULE_SLANT))
    rules = Image.new("L", small.size, 0)
    for axis, across in (((1, 0), (0, 1)), ((0, 1), (1, 0))):
        thick = _grown(small, slant, across, both_ways=True)
        rules = ImageChops.lighter(rules, _grown(_opened(thick, length, axis), slant, across))
    if factor > 1:
        whole = (rules.width * factor, rules.height * factor)
        rules = rules.resize(whole, Image.Resampling.NEAREST).crop((0, 0, *mask.size))
    return ImageChops.subtract(mask, rules)


def _opened(mask: Image.Image, length: int, axis: tuple[int, int]) -> Image.Image:
    """Runs of ink at least ``length`` long along ``axis``, as a mask: a pixel stays in the
    erosion when the ``length`` pixels from it on are all ink (shifts by doubling steps), and
    the dilation grows what stayed back over the same stretch."""
    eroded, span = mask, 1
    while span < length:
        step = min(span, length - span)
        eroded = ImageChops.darker(eroded, _shifted(eroded, -step, axis))
        span += step
    return _grown(eroded, length - 1, axis)


def _grown(
    mask: Image.Image, by: int, axis: tuple[int, int], both_ways: bool = False
) -> Image.Image:
    """``mask`` dilated ``by`` pixels along ``axis`` (forward, or both ways)."""
    for sign in (1, -1) if both_ways else (1,):
        span = 0
        while span < by:
            step = min(span or 1, by - span)
            mask = ImageChops.lighter(mask, _shifted(mask, sign * step, axis))
            span += step
    return mask


def _shifted(mask: Image.Image, by: int, axis: tuple[int, int]) -> Image.Image:
    """``mask`` moved ``by`` pixels along ``axis``; what comes in at the edge is blank."""
    moved = Image.new("L", mask.size, 0)
    moved.paste(mask, (by * axis[0], by * axis[1]))
    return moved


def blank_read_words(image: Image.Image, pieces: list[Piece], dpi: float) -> Image.Image:
    """A copy of the page with the first reading's words painted white, so that a region cut
    next to a word does not read that word a second time."""
    copy = image.convert("L").copy()
    draw = ImageDraw.Draw(copy)
    pad = dpi * _WORD_PAD
    for p in pieces:
        draw.rectangle((p.left - pad, p.top - pad, p.right + pad, p.bottom + pad), fill=255)
    return copy


def keep(word: Piece) -> bool:
    """A word read in an unread region worth adding to the page."""
    return word.confidence >= MIN_CONFIDENCE and sum(ch.isalnum() for ch in word.text) >= 2
