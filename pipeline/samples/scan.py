"""Turn a text PDF into something that looks scanned: rasterised with pypdfium2, slightly
rotated, speckled and softened, then saved as an image-only PDF, PNG, JPEG or multi-page TIFF.

Noise comes from ``random.Random.randbytes`` (seeded), never from Pillow's unseeded
``effect_noise``, so a seed always gives the same bytes.
"""

from __future__ import annotations

import io
import random
import time

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter

SCAN_FORMATS = ("pdf", "png", "jpeg", "tiff")
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tif"}
MULTI_PAGE_FORMATS = ("pdf", "tiff")
# A fixed scan time: Pillow would stamp the current time into the PDF and break determinism.
_SCAN_TIME = time.gmtime(1_718_000_000)

# Speckle strength per noise byte: dust in ~0.2% of 2x2 cells, some dark, most faint. Denser
# per-pixel noise looks no more real to OCR and multiplies PNG/JPEG sizes.
_SPECKLE = [110 if v < 1 else (35 if v < 3 else 0) for v in range(256)]


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Render every page of ``pdf`` to a grayscale image at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                images.append(bitmap.to_pil().convert("L"))
            finally:
                page.close()
        return images
    finally:
        document.close()


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """Mild scanner artefacts: rotation within +/-1.5 degrees, speckles, softness."""
    angle = rng.uniform(-1.5, 1.5)
    out = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    half = (out.size[0] // 2, out.size[1] // 2)
    noise = Image.frombytes("L", half, rng.randbytes(half[0] * half[1])).point(_SPECKLE)
    out = ImageChops.subtract(out, noise.resize(out.size, Image.Resampling.NEAREST))
    return out.filter(ImageFilter.GaussianBlur(radius=0.6))


def scan(pdf: bytes, rng: random.Random, file_format: str) -> bytes:
    """``pdf`` rasterised and degraded, encoded as ``file_format`` (see ``SCAN_FORMATS``).

    Single-image formats (PNG, JPEG) hold one page: callers must pick PDF or TIFF for longer
    documents.
    """
    if file_format not in SCAN_FORMATS:
        raise ValueError(f"unknown scan format {file_format!r}")
    dpi = 200 if file_format == "png" else rng.choice((200, 240, 300))
    pages = [degrade(page, rng) for page in rasterise(pdf, dpi)]
    if len(pages) > 1 and file_format not in MULTI_PAGE_FORMATS:
        raise ValueError(f"{file_format} holds one page; this document has {len(pages)}")
    out = io.BytesIO()
    if file_format == "png":
        pages[0].save(out, format="PNG", dpi=(dpi, dpi), compress_level=6)
    elif file_format == "jpeg":
        pages[0].save(out, format="JPEG", dpi=(dpi, dpi), quality=60)
    elif file_format == "tiff":
        # Fax-style bilevel pages: the usual form of multi-page TIFFs from office scanners.
        bilevel = [page.point(lambda v: 255 if v > 160 else 0).convert("1") for page in pages]
        bilevel[0].save(
            out,
            format="TIFF",
            save_all=True,
            append_images=bilevel[1:],
            compression="group4",
            dpi=(dpi, dpi),
        )
    else:
        pages[0].save(
            out,
            format="PDF",
            save_all=True,
            append_images=pages[1:],
            resolution=float(dpi),
            quality=55,
            producer="Office Scanner",
            creationDate=_SCAN_TIME,
            modDate=_SCAN_TIME,
        )
    return out.getvalue()
