"""A page as a PNG of a given width, for people to look at (the review page, the API's page
images): a PDF page drawn by pypdfium2 (filled-in form fields included), an image file's frame
scaled by Pillow.

PDFium is not thread-safe (no two threads may call it at once, whatever the documents), so a
process that reads documents in threads calls :func:`render_page_png` in a process of its own
(see ``pipeline.service_layer.page_images``). Errors are the domain's: NoSuchPage, and
CorruptDocument, EncryptedDocument or ImageTooLarge for a file that cannot be drawn."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.domain.errors import (
    CorruptDocument,
    EncryptedDocument,
    ImageTooLarge,
    PermanentError,
)
from pipeline.domain.model import FileType

if TYPE_CHECKING:
    from PIL.Image import Image


class NoSuchPage(PermanentError):
    """The document has no page of that number."""


def render_page_png(
    path: Path, file_type: FileType, number: int, width: int, *, max_pixels: int
) -> bytes:
    """Page ``number`` (from 1) of the file at ``path`` as PNG bytes, ``width`` pixels wide
    (the height keeps the page's proportions), refusing more than ``max_pixels``."""
    if file_type is FileType.PDF:
        return _render_pdf(path, number, width, max_pixels)
    if file_type in (FileType.PNG, FileType.JPEG, FileType.TIFF):
        return _render_image(path, number, width, max_pixels)
    raise CorruptDocument(f"a {file_type} file has no pages to draw")


def _render_pdf(path: Path, number: int, width: int, max_pixels: int) -> bytes:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocument("encrypted PDF, password required") from exc
        raise CorruptDocument(f"damaged PDF: the renderer cannot open it ({exc})") from exc
    try:
        count = len(pdf)
        if not 1 <= number <= count:
            raise NoSuchPage(f"page {number}: the document has {count} page(s)")
        pdf.init_forms()
        try:
            page = pdf[number - 1]
        except pdfium.PdfiumError as exc:  # a page tree entry that is not a page
            raise CorruptDocument(f"page {number}: cannot load it ({exc})") from exc
        try:
            page_width, page_height = page.get_size()
            if not page_width > 0 or not page_height > 0:
                raise CorruptDocument(f"page {number}: the page has no size")
            scale = width / page_width
            height = round(page_height * scale)
            _check_pixels(width, height, max_pixels, number)
            try:
                bitmap = page.render(scale=scale, may_draw_forms=True)
            except pdfium.PdfiumError as exc:
                raise CorruptDocument(f"page {number}: cannot draw it ({exc})") from exc
            image = bitmap.to_pil()
            try:
                return _png(image)
            finally:
                image.close()
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()


def _render_image(path: Path, number: int, width: int, max_pixels: int) -> bytes:
    from PIL import Image

    # The reading side's translation of Pillow's errors, so that a file fails to draw with the
    # reason it failed to be read.
    from pipeline.text.document import image_errors, open_image

    with open_image(path, max_pixels) as image:
        with image_errors(None):
            count = int(getattr(image, "n_frames", 1))
        if not 1 <= number <= count:
            raise NoSuchPage(f"page {number}: the document has {count} page(s)")
        with image_errors(number):
            image.seek(number - 1)
            source_width, source_height = image.size
            _check_pixels(source_width, source_height, max_pixels, number)
            height = max(1, round(source_height * width / source_width))
            _check_pixels(width, height, max_pixels, number)
            frame = image.convert("L" if image.mode in ("1", "L", "I;16") else "RGB")
        with frame:
            resized = frame.resize((width, height), Image.Resampling.LANCZOS)
            with resized:
                return _png(resized)


def _check_pixels(width: int, height: int, max_pixels: int, number: int) -> None:
    if width * height > max_pixels:
        raise ImageTooLarge(
            f"page {number}: a {width} x {height} image is over the limit of {max_pixels:,} pixels"
        )


def _png(image: Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # fast; the cache keeps the result
    return out.getvalue()
