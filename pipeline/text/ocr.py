"""OCR of one page image with tesseract (through pytesseract), and the image preparation that
measurably helps it.

Every tesseract process runs with ``OMP_THREAD_LIMIT=1``: the Debian build uses OpenMP, and on a
2-core worker its threads fight each other and the other worker processes (2.2 s/page with the
limit against 7-23 s without). Parallelism comes from running one page per worker process.
"""

from __future__ import annotations

import functools
import math
import os
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

from pipeline.domain.errors import OcrTimeout, OcrUnavailable
from pipeline.text.layout import Piece

# Tesseract's models suit ~300 DPI scans. Pages below MIN_DPI are scaled up to TARGET_DPI and
# pages above MAX_DPI down to it; everything in between is read as it is (see ``prepare``).
TARGET_DPI = 300
MIN_DPI = 150
MAX_DPI = 400
# US Letter/A4 are about 8.3-8.5 inches wide: the resolution of an image whose metadata is
# missing or implausible is estimated from its width.
_PAGE_WIDTH_INCHES = 8.5


@dataclass(frozen=True, slots=True)
class OcrResult:
    pieces: list[Piece]  # in pixels of the image that was read
    width: int
    height: int
    confidence: float  # mean word confidence, 0..1 (0 when no word was found)
    slope: float  # skew of the text lines tesseract found (dy/dx, y downwards), 0 when level


def prepare(image: Image.Image, dpi: float | None) -> tuple[Image.Image, float]:
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
    """
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode != "L":
        image = image.convert("L")
    resolution = dpi if dpi else estimate_dpi(image.size)
    if resolution < MIN_DPI or resolution > MAX_DPI:
        factor = TARGET_DPI / resolution
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(size, Image.Resampling.LANCZOS)
        resolution = TARGET_DPI
    return image, resolution


def estimate_dpi(size: tuple[int, int]) -> float:
    """Resolution of a page image if it shows a Letter/A4 page (portrait or landscape)."""
    return min(size) / _PAGE_WIDTH_INCHES


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
    check_language(language)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract passes os.environ to tesseract
    config = f"--psm 3 --dpi {max(70, round(dpi))}"
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
    return _parse(data, size)


@functools.cache
def _installed_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailable("tesseract is not installed or not on PATH") from exc


def check_language(language: str) -> None:
    installed = _installed_languages()
    missing = [lang for lang in language.split("+") if lang not in installed]
    if missing:
        raise OcrUnavailable(
            f"tesseract language data {'+'.join(missing)!r} is not installed "
            f"(installed: {', '.join(sorted(installed)) or 'none'})"
        )


def _parse(data: dict[str, list[Any]], size: tuple[int, int]) -> OcrResult:
    pieces: list[Piece] = []
    lines: dict[tuple[int, int, int], list[Piece]] = {}
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
        pieces.append(piece)
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(piece)
    confidence = math.fsum(p.confidence for p in pieces) / len(pieces) if pieces else 0.0
    return OcrResult(
        pieces=pieces,
        width=size[0],
        height=size[1],
        confidence=confidence,
        slope=_slope(list(lines.values())),
    )


def _slope(lines: list[list[Piece]]) -> float:
    """Median slope of tesseract's text lines: lets the page layout group the words of a
    slightly rotated scan into the lines tesseract saw, without rotating the image."""
    slopes = []
    for words in lines:
        first, last = min(words, key=lambda p: p.left), max(words, key=lambda p: p.right)
        dx = (last.left + last.right - first.left - first.right) / 2
        if len(words) >= 2 and dx > 0:
            slopes.append((last.bottom - first.bottom) / dx)
    return statistics.median(slopes) if slopes else 0.0
