"""OCR of one page image with tesseract (through pytesseract), and the image preparation and
second looks (``OcrPasses``) that measurably help it.

Every tesseract process runs with ``OMP_THREAD_LIMIT=1``: the Debian build uses OpenMP, and on a
2-core worker its threads fight each other and the other worker processes (2.2 s/page with the
limit against 7-23 s without). Parallelism comes from running one page per worker process.
Second looks run tesseract again on small strips cut out of the page, all strips of a kind in
one run, within what is left of the page's timeout.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

from pipeline.domain.errors import OcrTimeout, OcrUnavailable
from pipeline.text import accents, bars, reread, shading, unread, wordread
from pipeline.text.layout import Piece

logger = logging.getLogger(__name__)

# Tesseract's models suit ~300 DPI scans. Pages below MIN_DPI are scaled up to TARGET_DPI and
# pages above MAX_DPI down to it; everything in between is read as it is (see ``prepare``).
TARGET_DPI = 300
MIN_DPI = 150
MAX_DPI = 400
# Tesseract refuses an image with a longer side ("Image too large"), exiting with an error.
MAX_SIDE = 32_767
# US Letter/A4 are about 8.3-8.5 inches wide: the resolution of an image whose metadata is
# missing or implausible is estimated from its width.
_PAGE_WIDTH_INCHES = 8.5


@dataclass(frozen=True, slots=True)
class OcrPasses:
    """What OCR does to a page besides reading it once, each on by default because it measurably
    helps (``benchmarks/ocr_quality.py``; the README has the figures). Off, a page is read once.

    - ``descreen``: a 1-bit page is scaled to 300 DPI and, if dithered, blurred back to gray
      before it is read (``shading.descreen``).
    - ``shaded_bands``: bands of gray or black behind text are cleaned to black on white and
      read again; their words replace less confident ones (``shading``).
    - ``unread_ink``: text-shaped ink that no word of the first reading covers (tesseract's
      layout analysis dropped it) is read again line by line, and confident words found there
      are added (``unread``).
    - ``numeric_reread``: numbers read with low confidence or laid out as no number is printed
      are read again on their own, and replaced when the new reading is better (``reread``).
    - ``rule_bars``: a bar read at a word's start is taken off where the page shows it is a
      cell's rule or a speck, not an I (``bars``).
    - ``accent_reread``: capitalised words showing a letter the English model does not know
      ("Quifiones", "Lépez") are read again with the Latin-script model, when it is installed
      (``accents``).
    - ``word_reread``: words of letters tesseract could barely read are read again on their own,
      and replaced where the new reading is clearly surer (``wordread``).
    """

    descreen: bool = True
    shaded_bands: bool = True
    unread_ink: bool = True
    numeric_reread: bool = True
    rule_bars: bool = True
    accent_reread: bool = True
    word_reread: bool = True

    @classmethod
    def none(cls) -> OcrPasses:
        """Every pass off: a page is read once (a benchmark's baseline, a fuzzer's quick OCR)."""
        return cls(**{f.name: False for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class OcrResult:
    pieces: list[Piece]  # in pixels of the image that was read
    width: int
    height: int
    confidence: float  # mean word confidence, 0..1 (0 when no word was found)
    slope: float  # skew of the text lines tesseract found (dy/dx, y downwards), 0 when level
    lines: list[list[Piece]] = field(default_factory=list, repr=False)  # the pieces by line


def prepare(image: Image.Image, dpi: float | None, *, max_pixels: int) -> tuple[Image.Image, float]:
    """Grayscale on white; scaled to TARGET_DPI only below MIN_DPI or above MAX_DPI. Returns
    the image and its resolution.

    Measured (word recall of known text, s/page): 600 DPI scans scaled down to 300 went from
    0.99/2.2 s to 1.00/0.85 s (0.71 -> 1.00 with speckle noise); the ~105 DPI corpus 1099 scaled
    up went from 0.57 to 0.86 with all key values found. Scaling 150-200 DPI speckled scans up
    destroyed recall (0.71-0.77 -> 0.0-0.48), so that range is left alone. Deskewing small
    rotations was dropped: +1.4 points on clean 3 degree scans, -2 to -11 on noisy ones, and
    0.3-0.5 s/page; tesseract copes with a few degrees itself.

    ``dpi`` is the resolution the image was produced at when known (e.g. from its placement on
    a PDF page); otherwise it is estimated from the width, as metadata is often wrong
    (``azure_w2_single.png`` declares 72 DPI for a 2391 px wide page).

    The result never has more than ``max_pixels`` (the limit the file was checked against) nor
    a side longer than tesseract reads (``MAX_SIDE``): a strip of 10 x 100,000 pixels, taken for
    a page at 1 DPI, would otherwise be scaled up 250 times (64 gigapixels), and a page drawn at
    a low resolution because it is huge would be scaled back up past the limit it was drawn
    under.
    """
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode != "L":
        image = image.convert("L")
    resolution = estimate_dpi(image.size)
    if dpi and math.isfinite(dpi) and dpi > 0:
        resolution = dpi
    factor = 1.0
    if resolution < MIN_DPI or resolution > MAX_DPI:
        factor = TARGET_DPI / resolution
    factor = min(factor, largest_scale(image.size, max_pixels))
    if factor != 1.0:
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(size, Image.Resampling.LANCZOS)
        resolution *= factor
    return image, resolution


def largest_scale(size: tuple[int, int], max_pixels: int) -> float:
    """The largest factor an image of ``size`` may be scaled by before OCR: within
    ``max_pixels`` and with no side longer than tesseract reads."""
    width, height = size
    return min(math.sqrt(max_pixels / max(1, width * height)), MAX_SIDE / max(1, width, height))


def estimate_dpi(size: tuple[int, int]) -> float:
    """Resolution of a page image if it shows a Letter/A4 page (portrait or landscape)."""
    return max(1, min(size)) / _PAGE_WIDTH_INCHES


def run_tesseract(
    source: Image.Image | Path,
    *,
    size: tuple[int, int],
    dpi: float,
    language: str,
    timeout: float,
    page_number: int,
) -> OcrResult:
    """OCR ``source`` (an image, or a file tesseract can read as it is) and keep word boxes and
    confidences. ``size`` is the pixel size of ``source``."""
    data = _image_to_data(
        source,
        config=f"--psm 3 --dpi {max(70, round(dpi))}",
        language=language,
        timeout=timeout,
        page_number=page_number,
    )
    found = _pieces_in_lines(data)
    pieces = [p for p, _ in found]
    lines: dict[tuple[int, int, int], list[Piece]] = {}
    for piece, key in found:
        lines.setdefault(key, []).append(piece)
    return OcrResult(
        pieces=pieces,
        width=size[0],
        height=size[1],
        confidence=mean_confidence(pieces),
        slope=_slope(list(lines.values())),
        lines=list(lines.values()),
    )


def read_page(
    source: Image.Image | Path,
    *,
    size: tuple[int, int],
    dpi: float,
    language: str,
    timeout: float,
    page_number: int,
    passes: OcrPasses,
    max_pixels: int,
) -> OcrResult:
    """The page read by tesseract (see :func:`run_tesseract`), prepared and looked at again as
    ``passes`` say. ``timeout`` bounds the whole page: a second look that finds no time left is
    skipped, and the first reading kept. No pass scales the page past ``max_pixels`` (see
    :func:`prepare`)."""
    started = time.monotonic()
    # A file tesseract can read as it is stays a file unless a pass changes it.
    image = source if isinstance(source, Image.Image) else None
    if passes.descreen:
        image = _loaded(source, image)
        if shading.is_bilevel(image):
            largest = dpi * largest_scale(image.size, max_pixels)
            image, dpi = shading.descreen(image, dpi, target=min(shading.DESCREEN_DPI, largest))
            source, size = image, image.size
    result = run_tesseract(
        source,
        size=size,
        dpi=dpi,
        language=language,
        timeout=timeout,
        page_number=page_number,
    )
    if not (
        passes.shaded_bands
        or passes.unread_ink
        or passes.numeric_reread
        or passes.rule_bars
        or passes.accent_reread
        or passes.word_reread
    ):
        return result
    image = _loaded(source, image)
    pieces = result.pieces
    reader = _StripReader(language, page_number, deadline=started + timeout)
    try:
        if passes.shaded_bands:
            pieces = _read_bands(image, pieces, dpi, reader)
            # Lines through a band read as noise at first may have skewed the slope.
            kept = set(pieces)
            result = replace(
                result, slope=_slope([[p for p in ln if p in kept] for ln in result.lines])
            )
        if passes.unread_ink:
            pieces = _read_unread_ink(image, pieces, dpi, reader)
        if passes.rule_bars:
            pieces = bars.strip_bars(image, pieces)
        if passes.numeric_reread:
            pieces = _reread_numbers(image, pieces, dpi, reader)
        if passes.word_reread:
            pieces = _reread_words(image, pieces, dpi, reader)
        if passes.accent_reread and accents.LANGUAGE in _installed_languages():
            latin = _StripReader(accents.LANGUAGE, page_number, deadline=started + timeout)
            pieces = _reread_accents(image, pieces, dpi, latin)
    except OcrTimeout:
        logger.warning("page %d: no time left for a second look, first reading kept", page_number)
    return replace(result, pieces=pieces, confidence=mean_confidence(pieces))


def _read_bands(
    image: Image.Image, pieces: list[Piece], dpi: float, reader: _StripReader
) -> list[Piece]:
    """Shaded bands, cleaned and read on their own; their words replace the first reading's
    where they are more confident (or where it found nothing)."""
    boxes, strips = [], []
    for box in shading.find_bands(image, dpi):
        cleaned = shading.clean_band(image.crop(box), dpi)
        if cleaned is not None:
            boxes.append(box)
            strips.append(cleaned)
    if not strips:
        return pieces
    found = reader.read(strips, dpi=dpi, config="--psm 6")
    band_words = [
        Piece(w.text, w.left + left, w.top + top, w.right + left, w.bottom + top, w.confidence)
        for (left, top, _, _), words in zip(boxes, found, strict=True)
        for w in words
    ]
    merged = shading.take_band_words(pieces, band_words)
    logger.debug("%d shaded bands read again", len(strips))
    return merged


def _read_unread_ink(
    image: Image.Image, pieces: list[Piece], dpi: float, reader: _StripReader
) -> list[Piece]:
    """Text-shaped ink the first reading left out (see ``unread``), each region read as one
    line in one run; its confident words are added."""
    regions = unread.unread_regions(image, pieces, dpi)
    if not regions:
        return pieces
    blanked = unread.blank_read_words(image, pieces, dpi)
    found = reader.read([blanked.crop(box) for box in regions], dpi=dpi, config="--psm 6")
    added = [
        Piece(w.text, w.left + left, w.top + top, w.right + left, w.bottom + top, w.confidence)
        for (left, top, _, _), words in zip(regions, found, strict=True)
        for w in words
        if unread.keep(w)
    ]
    logger.debug("%d unread regions read, %d words added", len(regions), len(added))
    return pieces + added


def _reread_numbers(
    image: Image.Image, pieces: list[Piece], dpi: float, reader: _StripReader
) -> list[Piece]:
    """Doubtful numbers (see ``reread``) cut out, read again in one run restricted to the
    characters of numbers, and replaced where the new reading is better."""

    def choose(old: Piece, words: list[Piece]) -> Piece | None:
        if not words:
            return None
        text = "".join(w.text for w in sorted(words, key=lambda w: w.left))
        return reread.choose(old, text, min(w.confidence for w in words))

    picked = _least_sure(pieces, reread.doubtful, reread.MAX_WORDS)
    config = f"--psm 6 -c tessedit_char_whitelist={reread.WHITELIST}"
    return _read_again(image, pieces, picked, dpi, reader, config, choose, "doubtful numbers")


def _reread_words(
    image: Image.Image, pieces: list[Piece], dpi: float, reader: _StripReader
) -> list[Piece]:
    """Words of letters tesseract could barely read (see ``wordread``), cut out and read again
    in one run; replaced where the new reading is clearly surer."""
    picked = _least_sure(pieces, wordread.in_doubt, wordread.MAX_WORDS)
    return _read_again(
        image, pieces, picked, dpi, reader, "--psm 6", wordread.choose, "doubtful words"
    )


def _reread_accents(
    image: Image.Image, pieces: list[Piece], dpi: float, reader: _StripReader
) -> list[Piece]:
    """Words in doubt of a letter English OCR does not know (see ``accents``), cut out and
    read again in one run of the Latin-script model; replaced where the new reading is the
    same word, surer."""
    picked = [i for i, p in enumerate(pieces) if accents.in_doubt(p)][: accents.MAX_WORDS]
    return _read_again(
        image, pieces, picked, dpi, reader, "--psm 6", accents.choose, "words in doubt of a letter"
    )


def _least_sure(pieces: list[Piece], doubted: Callable[[Piece], bool], limit: int) -> list[int]:
    """The indexes of the doubted pieces, the least confident first, at most ``limit``."""
    return sorted(
        (i for i, p in enumerate(pieces) if doubted(p)), key=lambda i: pieces[i].confidence
    )[:limit]


def _read_again(
    image: Image.Image,
    pieces: list[Piece],
    picked: list[int],
    dpi: float,
    reader: _StripReader,
    config: str,
    choose: Callable[[Piece, list[Piece]], Piece | None],
    what: str,
) -> list[Piece]:
    """The ``picked`` pieces cut out (with a margin), read again in one run, and each replaced
    by what ``choose`` makes of its old reading and the words of its strip, if anything."""
    if not picked:
        return pieces
    strips = [image.crop(reread.margin_box(pieces[i], image.size)) for i in picked]
    found = reader.read(strips, dpi=dpi, config=config)
    out = list(pieces)
    changed = 0
    for i, words in zip(picked, found, strict=True):
        better = choose(pieces[i], words)
        if better is not None:
            out[i] = better
            changed += 1
    logger.debug("%d of %d %s read again and replaced", changed, len(picked), what)
    return out


def _loaded(source: Image.Image | Path, image: Image.Image | None) -> Image.Image:
    if image is not None:
        return image
    if isinstance(source, Image.Image):
        return source
    with Image.open(source) as opened:
        opened.load()
        return opened.convert("L")


class _StripReader:
    """Reads strips (small images cut out of the page) in one tesseract run per batch, within
    what is left of the page's time budget."""

    def __init__(self, language: str, page_number: int, *, deadline: float) -> None:
        self._language = language
        self._page_number = page_number
        self._deadline = deadline

    def read(self, strips: list[Image.Image], *, dpi: float, config: str) -> list[list[Piece]]:
        """Each strip's words, in that strip's pixels. The strips are stacked top to bottom on
        white with a gap as tall as the tallest, so tesseract sees one line (or one band) each.
        """
        if not strips:
            return []
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise OcrTimeout(f"page {self._page_number}: no time left")
        gap = max(s.height for s in strips)
        width = max(s.width for s in strips) + 2 * gap
        height = sum(s.height for s in strips) + gap * (len(strips) + 1)
        sheet = Image.new("L", (width, height), 255)
        tops = []
        y = gap
        for strip in strips:
            sheet.paste(strip, (gap, y))
            tops.append(y)
            y += strip.height + gap
        data = _image_to_data(
            sheet,
            config=f"{config} --dpi {max(70, round(dpi))}",
            language=self._language,
            timeout=remaining,
            page_number=self._page_number,
        )
        found: list[list[Piece]] = [[] for _ in strips]
        for piece, _ in _pieces_in_lines(data):
            index = min(
                range(len(strips)),
                key=lambda i: abs(piece.middle - (tops[i] + strips[i].height / 2)),
            )
            top = tops[index]
            found[index].append(
                Piece(
                    piece.text,
                    piece.left - gap,
                    piece.top - top,
                    piece.right - gap,
                    piece.bottom - top,
                    piece.confidence,
                )
            )
        return found


def mean_confidence(pieces: list[Piece]) -> float:
    return math.fsum(p.confidence for p in pieces) / len(pieces) if pieces else 0.0


def _image_to_data(
    source: Image.Image | Path,
    *,
    config: str,
    language: str,
    timeout: float,
    page_number: int,
) -> dict[str, list[Any]]:
    check_language(language)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract passes os.environ to tesseract
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        if isinstance(source, Path):
            target = str(source)
        else:
            # Uncompressed PGM: tesseract reads it directly and it costs no encoding time.
            target = str(Path(tmp) / "page.pgm")
            source.save(target, format="PPM")
        try:
            data: dict[str, list[Any]] = pytesseract.image_to_data(
                target,
                lang=language,
                config=config,
                timeout=timeout,
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrUnavailable("tesseract is not installed or not on PATH") from exc
        except pytesseract.TesseractError as exc:  # a RuntimeError: before the next clause
            raise OcrUnavailable(
                f"page {page_number}: tesseract failed (exit {exc.status}): {exc.message}"
            ) from exc
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise OcrTimeout(f"page {page_number}: OCR timed out after {timeout:g} s") from exc
            raise OcrUnavailable(f"page {page_number}: tesseract failed: {exc}") from exc
    return data


@functools.cache
def _installed_languages() -> frozenset[str]:
    # (not pytesseract.get_languages: it keeps lower-case names only, and script models are
    # capitalised: "Latin")
    try:
        listed = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError as exc:
        raise OcrUnavailable("tesseract is not installed or not on PATH") from exc
    lines = listed.stdout.splitlines()[1:]  # after "List of available languages in ..."
    return frozenset(n.strip() for n in lines if re.fullmatch(r"[A-Za-z_/]+", n.strip()))


def check_language(language: str) -> None:
    installed = _installed_languages()
    missing = [lang for lang in language.split("+") if lang not in installed]
    if missing:
        raise OcrUnavailable(
            f"tesseract language data {'+'.join(missing)!r} is not installed "
            f"(installed: {', '.join(sorted(installed)) or 'none'})"
        )


def _pieces_in_lines(
    data: dict[str, list[Any]],
) -> list[tuple[Piece, tuple[int, int, int]]]:
    """Tesseract's words (pixel boxes, confidence 0..1), each with the line tesseract put it in."""
    found = []
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        conf = float(data["conf"][i])
        if int(data["level"][i]) != 5 or not text or conf < 0:
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        piece = Piece(
            text=text,
            left=left,
            top=top,
            right=left + int(data["width"][i]),
            bottom=top + int(data["height"][i]),
            confidence=min(max(conf / 100, 0.0), 1.0),
        )
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        found.append((piece, key))
    return found


def _slope(lines: list[list[Piece]]) -> float:
    """Median slope of tesseract's text lines: lets the page layout group the words of a
    slightly rotated scan into the lines tesseract saw, without rotating the image.

    Each line's slope runs from the bottom of its first word to the bottom of its last among
    words of the line's usual height, so that a descender ("Earnings" against "Statement") does
    not pass for a tilt."""
    slopes = []
    for line in lines:
        if len(line) < 2:
            continue
        usual = statistics.median(p.height for p in line)
        words = [p for p in line if abs(p.height - usual) <= _SAME_HEIGHT * usual]
        if len(words) < 2:
            continue
        first, last = min(words, key=lambda p: p.left), max(words, key=lambda p: p.right)
        dx = (last.left + last.right - first.left - first.right) / 2
        if dx > 0:
            slopes.append((last.bottom - first.bottom) / dx)
    return statistics.median(slopes) if slopes else 0.0


# Words within this share of a line's median height have the same ascenders and descenders.
_SAME_HEIGHT = 0.12
