"""Test documents made on the fly: deterministic, small and fast.

Text is drawn with reportlab's built-in Helvetica (no system fonts needed) and rasterised with
pypdfium2, so a fresh machine produces the same files. Every generator writes ``path`` and
returns it.
"""

from __future__ import annotations

import io
import random
import struct
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from pipeline.domain.model import FileType
from pipeline.domain.pages import Page, TextMethod
from pipeline.text import TextLimits, open_document

PAGE_WIDTH, PAGE_HEIGHT = letter  # 612 x 792 points
MARGIN = 72.0
FONT = "Helvetica"
FONT_SIZE = 14.0
LEADING = 24.0


def text_pdf(path: Path, pages: Sequence[Sequence[str]], *, font_size: float = FONT_SIZE) -> Path:
    """A PDF with a real text layer: one list of lines per page, drawn top-down from the margin."""
    path.write_bytes(_text_pdf_bytes(pages, font_size=font_size))
    return path


def _text_pdf_bytes(pages: Sequence[Sequence[str]], *, font_size: float = FONT_SIZE) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True, pageCompression=1)
    for lines in pages:
        pdf.setFont(FONT, font_size)
        y = PAGE_HEIGHT - MARGIN
        for line in lines:
            pdf.drawString(MARGIN, y, line)
            y -= LEADING
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def page_images(
    pages: Sequence[Sequence[str]],
    *,
    dpi: int = 200,
    rotate_degrees: float = 0.0,
    noise: float = 0.0,
    seed: int = 7,
) -> list[Image.Image]:
    """Grayscale scans of the text pages: rendered, optionally rotated and speckled."""
    pdf = pdfium.PdfDocument(_text_pdf_bytes(pages))
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            images.append(_degrade(image, rotate_degrees, noise, seed + index))
        return images
    finally:
        pdf.close()


def _degrade(image: Image.Image, rotate_degrees: float, noise: float, seed: int) -> Image.Image:
    if rotate_degrees:
        image = image.rotate(
            rotate_degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
        )
    if noise > 0:
        rng = random.Random(seed)
        size = image.width * image.height
        where = Image.frombytes("L", image.size, rng.randbytes(size))
        mask = where.point(lambda v: 255 if v < noise * 256 else 0)
        speckle = Image.frombytes("L", image.size, rng.randbytes(size)).point(
            lambda v: 0 if v < 128 else 255
        )
        image = Image.composite(speckle, image, mask)
    return image


def scanned_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    dpi: int = 200,
    rotate_degrees: float = 0.0,
    noise: float = 0.0,
) -> Path:
    """An image-only PDF: each page is one scanned image covering the page, no text layer."""
    images = page_images(pages, dpi=dpi, rotate_degrees=rotate_degrees, noise=noise)
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def mixed_pdf(
    path: Path,
    text_pages: Sequence[Sequence[str]],
    scanned_pages: Sequence[Sequence[str]],
    *,
    dpi: int = 200,
) -> Path:
    """Text pages first, then scanned (image-only) pages."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_text_pdf_bytes(text_pages))))
    scans = io.BytesIO()
    images = page_images(scanned_pages, dpi=dpi)
    images[0].save(scans, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    writer.append(PdfReader(scans))
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def png(path: Path, lines: Sequence[str], *, dpi: int = 300) -> Path:
    page_images([lines], dpi=dpi)[0].save(path, format="PNG", dpi=(dpi, dpi))
    return path


def jpeg(path: Path, lines: Sequence[str], *, dpi: int = 300, quality: int = 85) -> Path:
    page_images([lines], dpi=dpi)[0].save(path, format="JPEG", dpi=(dpi, dpi), quality=quality)
    return path


def tiff(path: Path, pages: Sequence[Sequence[str]], *, dpi: int = 200) -> Path:
    """A multi-page TIFF (one frame per page, deflate-compressed)."""
    images = page_images(pages, dpi=dpi)
    images[0].save(
        path,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        dpi=(dpi, dpi),
        compression="tiff_adobe_deflate",
    )
    return path


# --- hostile files -------------------------------------------------------------------------------


def encrypted_pdf(path: Path, password: str = "secret") -> Path:  # noqa: S107 - test data
    """A PDF that needs ``password`` to open (AES-128)."""
    return _encrypted(path, user_password=password)


def encrypted_pdf_empty_password(path: Path) -> Path:
    """An encrypted PDF whose user password is empty: readers open it without asking."""
    return _encrypted(path, user_password="")


def _encrypted(path: Path, *, user_password: str) -> Path:
    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(_text_pdf_bytes([["Encrypted statement for the lender"]])))
    )
    writer.encrypt(user_password=user_password, owner_password="owner-pw", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def truncated_pdf(path: Path) -> Path:
    """The first 40% of a valid PDF, as left by an interrupted upload."""
    data = _text_pdf_bytes([["This upload was interrupted"] * 10] * 3)
    path.write_bytes(data[: len(data) * 2 // 5])
    return path


def zero_byte(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def text_named_pdf(path: Path) -> Path:
    """Plain text saved under a .pdf name."""
    path.write_text("Dear lender,\nplease find my pay stubs attached.\n")
    return path


def many_pages_pdf(path: Path, n: int) -> Path:
    return text_pdf(path, [[f"Page {i + 1}"] for i in range(n)])


def pixel_bomb_png(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A few hundred bytes declaring ``width`` x ``height`` pixels (10 gigapixels by default)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)  # a few rows only: never decoded
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )
    return path


def pdf_decompression_bomb(path: Path, expanded_mib: int = 96) -> Path:
    """A one-page PDF of ~1 KB whose content stream inflates to ``expanded_mib`` MiB (above
    pypdf's 75 MB limit) through two layers of Flate compression."""
    inner = zlib.compressobj(9)
    block = b" " * (1 << 20)
    once = b"".join(inner.compress(block) for _ in range(expanded_mib)) + inner.flush()
    twice = zlib.compress(once, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(twice)
        + twice
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


_FILLER_WORDS = [
    "borrower",
    "employer",
    "income",
    "statement",
    "account",
    "balance",
    "deposit",
    "mortgage",
    "lender",
    "salary",
    "annual",
    "monthly",
    "gross",
    "net",
    "federal",
    "state",
    "withholding",
    "social",
    "security",
    "medicare",
    "wages",
    "tips",
    "interest",
    "payment",
    "principal",
    "escrow",
]


def filler_lines(rng: random.Random, count: int) -> list[str]:
    """``count`` lines of lending words and an amount, as dense as a form page (benchmarks)."""
    return [
        " ".join(
            [*rng.sample(_FILLER_WORDS, 5), f"{rng.randint(100, 99999):,}.{rng.randint(10, 99)}"]
        )
        for _ in range(count)
    ]


def text_layer_pages(pdf: bytes, *, blank_pages: bool = False) -> list[Page]:
    """Every page's text layer, read as a worker reads it (``open_document(...).text_layer``).
    Generated documents have one on every page; with ``blank_pages`` a page without one (a
    blank separator in a packet) is an empty OCR page instead of a failure."""
    limits = TextLimits(max_pages=200, max_image_pixels=150_000_000, ocr_timeout_seconds=60)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.pdf"
        path.write_bytes(pdf)
        with open_document(path, FileType.PDF, limits) as doc:
            pages = [doc.text_layer(n) for n in range(1, doc.page_count + 1)]
    if not blank_pages:
        assert all(p is not None for p in pages), "a page without a text layer"
    return [
        p if p is not None else Page(number=n, text="", method=TextMethod.OCR)
        for n, p in enumerate(pages, start=1)
    ]
