"""Make a rendered PDF look like it went through an office scanner or a phone camera.

Pages are rasterised with pypdfium2 at 150-300 DPI, then degraded in a drawn order of steps:
ink/paper contrast (gray paper, ink not quite black), a small rotation (up to 1.5 degrees) with a
slight shift, dust specks, blur, sometimes a faint scanner streak, and a JPEG round trip. The
result is saved as an image-only PDF, PNG or JPEG (one page) or TIFF (multi-page allowed).

Everything random comes from the ``random.Random`` passed in (noise from ``randbytes``), and
Pillow's PDF timestamps are fixed, so the same inputs give the same bytes. 150 DPI is only used
for documents whose body text is 9 pt or larger, so scans stay legible to a person and to
tesseract.
"""

from __future__ import annotations

import io
import random
import time

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter

FORMATS = ("pdf", "png", "jpeg", "tiff")
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tif"}
MULTI_PAGE = ("pdf", "tiff")
_FIXED_TIME = time.gmtime(1_704_067_200)  # 2024-01-01: Pillow would stamp "now" into the PDF


def choose_format(rng: random.Random, pages: int) -> str:
    """An output format for a scan of ``pages`` pages (multi-page documents get PDF or TIFF)."""
    if pages > 1:
        return "pdf" if rng.random() < 0.7 else "tiff"
    return rng.choices(FORMATS, weights=(45, 20, 25, 10))[0]


def choose_dpi(rng: random.Random, text_size: float) -> int:
    choices = [200, 200, 240, 300] + ([150] if text_size >= 9 else [])
    return rng.choice(choices)


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                pages.append(bitmap.to_pil().convert("L"))
            finally:
                page.close()
        return pages
    finally:
        document.close()


def degrade(page: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    ink = rng.randint(15, 60)
    paper = rng.randint(222, 250)
    span = paper - ink
    out = page.point(lambda v: ink + v * span // 255)
    angle = rng.uniform(-1.5, 1.5)
    shift = (rng.randint(-dpi // 20, dpi // 20), rng.randint(-dpi // 20, dpi // 20))
    out = out.rotate(
        angle,
        resample=Image.Resampling.BICUBIC,
        translate=shift,
        fillcolor=paper - rng.randint(0, 30),
    )
    # Dust: one noise byte per cell of 0.5-0.8 mm, a speck where the byte is 0 (1 cell in 256),
    # then softened by the blur like everything else on the glass.
    cell = max(3, round(rng.choice((4, 5, 6)) * dpi / 200))
    cells = (max(1, out.size[0] // cell), max(1, out.size[1] // cell))
    strength = rng.randint(50, 110)
    noise = Image.frombytes("L", cells, rng.randbytes(cells[0] * cells[1]))
    noise = noise.point(lambda v: strength if v == 0 else 0)
    out = ImageChops.subtract(out, noise.resize(out.size, Image.Resampling.NEAREST))
    out = out.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.8) * dpi / 200))
    if rng.random() < 0.25:
        draw = ImageDraw.Draw(out)
        x = rng.randint(0, out.size[0] - 1)
        draw.line([(x, 0), (x + rng.randint(-4, 4), out.size[1])], fill=paper - 45, width=1)
    if rng.random() < 0.6:
        buffer = io.BytesIO()
        out.save(buffer, format="JPEG", quality=rng.randint(35, 75))
        out = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return out


def scan(pdf: bytes, rng: random.Random, file_format: str, *, text_size: float) -> bytes:
    """``pdf`` as a degraded image file in ``file_format`` (one of ``FORMATS``)."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown scan format {file_format!r}")
    dpi = choose_dpi(rng, text_size)
    pages = [degrade(page, rng, dpi) for page in rasterise(pdf, dpi)]
    if len(pages) > 1 and file_format not in MULTI_PAGE:
        raise ValueError(f"{file_format} holds one page; the document has {len(pages)}")
    out = io.BytesIO()
    if file_format == "png":
        pages[0].save(out, format="PNG", dpi=(dpi, dpi))
    elif file_format == "jpeg":
        pages[0].save(out, format="JPEG", dpi=(dpi, dpi), quality=rng.randint(45, 80))
    elif file_format == "tiff":
        if rng.random() < 0.5:
            cutoff = rng.randint(120, 150)
            bilevel = [p.point(lambda v: 255 if v > cutoff else 0).convert("1") for p in pages]
            bilevel[0].save(
                out, format="TIFF", save_all=True, append_images=bilevel[1:],
                compression="group4", dpi=(dpi, dpi),
            )  # fmt: skip
        else:
            pages[0].save(
                out, format="TIFF", save_all=True, append_images=pages[1:],
                compression="tiff_lzw", dpi=(dpi, dpi),
            )  # fmt: skip
    else:
        pages[0].save(
            out,
            format="PDF",
            save_all=True,
            append_images=pages[1:],
            resolution=float(dpi),
            quality=rng.randint(50, 80),
            producer="Scan Station",
            creationDate=_FIXED_TIME,
            modDate=_FIXED_TIME,
        )
    return out.getvalue()
