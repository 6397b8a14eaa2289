"""Halftone and shading, undone so that tesseract can read what is printed on them.

Tesseract binarises a page with one global threshold, and two things printers and scanners do
defeat it:

- A 1-bit scan (a fax, a bilevel office scanner) draws letters with jagged edges and gray as
  a pattern of dots. :func:`descreen` scales such a page to 300 DPI with a smooth filter (a
  higher resolution for the page) and, when much of its ink is dither, blurs it back to gray.
- A band printed in gray or black behind text (a total on a shaded bar, column headers white on
  a dark band), printed as a halftone or not, lands on the wrong side of the threshold together
  with its text. :func:`find_bands` finds such bands and :func:`clean_band` turns one into its
  text in black on white, with a threshold of its own, to be read again.

Only pixel values change (and the scale, by a known factor), so word boxes still point at the
printed text.
"""

from __future__ import annotations

import re

from PIL import Image, ImageChops, ImageFilter

from pipeline.text.layout import Piece

# A page whose pixels are (nearly) all black or white is a 1-bit scan: below this share of mid
# grays. Renders and gray scans have 0.4-10% (anti-aliased or blurred edges).
_BILEVEL_MID_SHARE = 0.001
DESCREEN_DPI = 300
# A 1-bit page is dithered when a 3x3 median changes more than this share of its ink: 0.4-0.6 for
# error-diffused scans, 0.03-0.06 for thresholded ones, 0.13 for the ADP stub (solid text, a few
# halftone bars, which are left to the bands).
_DITHER_SHARE = 0.2
# Blur radius (in pixels at 200 DPI) that turns error-diffusion dither back into gray without
# merging letters.
_DESCREEN_RADIUS = 1.0

# Bands are looked for at about this resolution, where halftone averages out to a gray.
_BAND_DPI = 50
# Gray levels (at _BAND_DPI) below this are shading or ink; paper and light tints are above.
_BAND_LEVEL = 200
# A band is at least this wide and between these heights (inches).
_MIN_BAND_WIDTH = 0.4
_MIN_BAND_HEIGHT = 0.1
_MAX_BAND_HEIGHT = 0.6
# Bands this close side by side (pixels at _BAND_DPI) are one band split by a rule.
_JOIN = 4
# Box radius (pixels at 200 DPI) that averages the coarsest halftone screens (a 5 pixel period).
_SCREEN_RADIUS = 2
# Inside a real band little is paper-white once the halftone is averaged out; a bold title
# taken for a band has white between its strokes.
_MAX_WHITE_IN_BAND = 0.15
# Blur radius (pixels at 200 DPI) that averages a band's halftone into an even gray, and where
# between the text's level and the band's the threshold goes (measured: 1.0-2.0 and 0.35-0.5).
_BAND_RADIUS = 1.5
_BAND_THRESHOLD = 0.5
# Black runs this long (inches) in a cleaned band are its edges or rules, not text; so are
# columns black in this share of the band's rows, and its rows at the top and bottom in this
# share of its height (a line of text on a band leaves about a fifth clear above and below).
_MIN_RULE = 0.25
_RULE_SHARE = 0.85
_EDGE_ROWS = 0.12
# A band's word below this confidence is left out: tesseract's reading of leftover halftone, or
# a figure it could not make out (0.5 let the ADP stub's net pay in with a digit wrong).
_MIN_BAND_CONFIDENCE = 0.6
# A band's word replaces the first reading's words it overlaps by this share of the smaller box.
_OVERLAP = 0.3

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels


def is_bilevel(image: Image.Image) -> bool:
    histogram = image.histogram()
    return sum(histogram[40:216]) < _BILEVEL_MID_SHARE * (sum(histogram) or 1)


def is_dithered(image: Image.Image) -> bool:
    """Much of the ink is dots that a 3x3 median removes: dither, not solid strokes."""
    ink = image.point(lambda v: 255 if v < 128 else 0)
    kept = image.filter(ImageFilter.MedianFilter(3)).point(lambda v: 255 if v < 128 else 0)
    changed = ImageChops.difference(ink, kept).histogram()[255]
    return changed > _DITHER_SHARE * max(1, ink.histogram()[255])


def descreen(
    image: Image.Image, dpi: float, *, target: float = DESCREEN_DPI
) -> tuple[Image.Image, float]:
    """A 1-bit page at ``target`` DPI at least (bicubic; DESCREEN_DPI unless the page's size
    allows less), blurred back to gray where it is dithered; returns it and its resolution."""
    dithered = is_dithered(image)
    if dpi < target:
        image, dpi = scale_to(image, dpi, target)
    if dithered:
        image = image.filter(ImageFilter.GaussianBlur(_DESCREEN_RADIUS * dpi / 200))
    return image, dpi


def scale_to(image: Image.Image, dpi: float, target: float) -> tuple[Image.Image, float]:
    factor = target / dpi
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BICUBIC), target


def find_bands(image: Image.Image, dpi: float) -> list[Box]:
    """Shaded or dark rectangles behind text: wide, a line or a few tall, in ``image`` pixels."""
    factor = max(1, round(dpi / _BAND_DPI))
    small = image.reduce(factor) if factor > 1 else image
    low_dpi = dpi / factor
    # Shaded where the whole 3x3 neighbourhood is: thin rules and text strokes drop out.
    mask = small.point(lambda v: 255 if v < _BAND_LEVEL else 0).filter(ImageFilter.MinFilter(3))
    width = mask.width
    data = mask.tobytes()
    run = re.compile(rb"\xff{%d,}" % max(2, round(_MIN_BAND_WIDTH * low_dpi)))
    boxes: list[list[int]] = []  # [left, top, right, bottom] at low resolution
    for y in range(mask.height):
        for match in run.finditer(data, y * width, (y + 1) * width):
            a, b = match.start() - y * width, match.end() - y * width
            for box in boxes:
                if box[3] >= y and box[0] < b and a < box[2]:
                    box[0], box[2], box[3] = min(box[0], a), max(box[2], b), y + 1
                    break
            else:
                boxes.append([a, y, b, y + 1])
    bands = []
    for left, top, right, bottom in _merged(boxes):
        # The erosion took one low-resolution pixel off every side.
        left, top, right, bottom = left - 1, top - 1, right + 1, bottom + 1
        if not _MIN_BAND_HEIGHT <= (bottom - top) / low_dpi <= _MAX_BAND_HEIGHT:
            continue
        found = (
            max(0, left * factor),
            max(0, top * factor),
            min(image.width, right * factor),
            min(image.height, bottom * factor),
        )
        exact = _exact(image, found, dpi)
        if exact is not None:
            bands.append(exact)
    return bands


def _merged(boxes: list[list[int]]) -> list[list[int]]:
    """Boxes that overlap or nearly touch, merged until none do."""
    merged = True
    while merged:
        merged = False
        out: list[list[int]] = []
        for box in boxes:
            for other in out:
                if (
                    box[0] <= other[2] + _JOIN
                    and other[0] <= box[2] + _JOIN
                    and box[1] <= other[3]
                    and other[1] <= box[3]
                ):
                    other[0], other[1] = min(other[0], box[0]), min(other[1], box[1])
                    other[2], other[3] = max(other[2], box[2]), max(other[3], box[3])
                    merged = True
                    break
            else:
                out.append(list(box))
        boxes = out
    return boxes


def _exact(image: Image.Image, box: Box, dpi: float) -> Box | None:
    """The band's own rows and columns inside a box found at low resolution: the longest runs
    of rows and of columns that are shaded on average, so that paper and text beside the band
    are left out."""
    crop = image.crop(box)
    # Averaged over a screen's period first: a row of a halftone can be all paper.
    crop = crop.filter(ImageFilter.BoxBlur(max(1, round(_SCREEN_RADIUS * dpi / 200))))
    rows = _longest_run(crop.resize((1, crop.height), Image.Resampling.BOX).tobytes())
    cols = _longest_run(crop.resize((crop.width, 1), Image.Resampling.BOX).tobytes())
    if rows is None or cols is None:
        return None
    return (box[0] + cols[0], box[1] + rows[0], box[0] + cols[1], box[1] + rows[1])


def _longest_run(levels: bytes) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    start = None
    for i, level in enumerate([*levels, 255]):
        if level < _BAND_LEVEL:
            start = i if start is None else start
        elif start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


def clean_band(crop: Image.Image, dpi: float) -> Image.Image | None:
    """The band's text in black on white, or None when the crop is not a shaded band after all
    (mostly white once blurred: a bold title, a dense table)."""
    blurred = crop.filter(ImageFilter.GaussianBlur(_BAND_RADIUS * dpi / 200))
    # Levels are measured away from the band's edges, where paper and rules are.
    margin = crop.height // 5
    histogram = blurred.crop((0, margin, crop.width, crop.height - margin)).histogram()
    if sum(histogram[230:]) > _MAX_WHITE_IN_BAND * (sum(histogram) or 1):
        return None
    background = _percentile(histogram, 0.5)
    darkest, lightest = _percentile(histogram, 0.02), _percentile(histogram, 0.98)
    # The text is the minority on whichever side of the band's level reaches further.
    if background - darkest >= lightest - background:
        threshold = darkest + (background - darkest) * _BAND_THRESHOLD
        cleaned = blurred.point(lambda v: 0 if v < threshold else 255)
    else:  # light text on a dark band: inverted, so the text is dark on white
        threshold = lightest - (lightest - background) * _BAND_THRESHOLD
        cleaned = blurred.point(lambda v: 0 if v > threshold else 255)
    return _without_edges(cleaned, round(_MIN_RULE * dpi))


def _without_edges(image: Image.Image, length: int) -> Image.Image:
    """The band's outline (where the threshold cuts through the blur of paper and band), rules
    and leader lines turned white, as tesseract takes them for text: the top and bottom rows,
    horizontal black runs of ``length`` pixels, and columns black almost all the way down."""
    width, height = image.size
    edge_rows = max(1, round(_EDGE_ROWS * height))
    data = bytearray(image.tobytes())
    white = b"\xff" * width
    for y in (*range(edge_rows), *range(height - edge_rows, height)):
        data[y * width : (y + 1) * width] = white
    run = re.compile(rb"\x00{%d,}" % max(1, length))
    for y in range(height):
        for match in run.finditer(data, y * width, (y + 1) * width):
            data[match.start() : match.end()] = white[: match.end() - match.start()]
    inner = range(edge_rows, height - edge_rows)
    for x in range(width):
        black = sum(1 for y in inner if data[y * width + x] == 0)
        if black >= _RULE_SHARE * len(inner) > 0:
            for y in inner:
                data[y * width + x] = 255
    return Image.frombytes("L", image.size, bytes(data))


def _percentile(histogram: list[int], share: float) -> int:
    target = share * sum(histogram)
    seen = 0
    for level, n in enumerate(histogram):
        seen += n
        if seen >= target:
            return level
    return 255


def take_band_words(first: list[Piece], band: list[Piece]) -> list[Piece]:
    """``first`` (a page's first reading) with the words read again in its bands: each group of
    band words and the first-reading words they overlap (joined transitively) keeps whichever
    side is more confident on average; band words over nothing are added. Band words below
    _MIN_BAND_CONFIDENCE are dropped first."""
    groups: list[tuple[list[Piece], set[int]]] = []
    for piece in band:
        if piece.confidence < _MIN_BAND_CONFIDENCE:
            continue
        hits = {i for i, old in enumerate(first) if _overlaps(piece, old)}
        joined_new, joined_old = [piece], hits
        kept = []
        for new, old in groups:
            if old & joined_old:
                joined_new, joined_old = new + joined_new, old | joined_old
            else:
                kept.append((new, old))
        groups = [*kept, (joined_new, joined_old)]
    removed: set[int] = set()
    added: list[Piece] = []
    for new, old in groups:
        old_confidence = sum(first[i].confidence for i in old) / len(old) if old else 0.0
        if sum(p.confidence for p in new) / len(new) > old_confidence:
            removed |= old
            added += new
    return [p for i, p in enumerate(first) if i not in removed] + added


def _overlaps(a: Piece, b: Piece) -> bool:
    dx = min(a.right, b.right) - max(a.left, b.left)
    dy = min(a.bottom, b.bottom) - max(a.top, b.top)
    if dx <= 0 or dy <= 0:
        return False
    smaller = min((a.right - a.left) * a.height, (b.right - b.left) * b.height)
    return dx * dy >= _OVERLAP * max(smaller, 1e-9)
