"""What the fuzzer runs: the pipeline's own entry points for untrusted bytes, and the contract
every input must keep.

The contract (issue 13): under the pipeline's own limits (``Settings``' defaults) an input either
gives pages that can be checkpointed, or raises the pipeline's ``PermanentError`` with a message
a person can act on. Any other exception (a ``RetryableError`` too: retrying bad bytes cannot
help), a page that cannot be stored, a hang or memory past the bound is a bug.

Targets, each ``target(data, scratch)`` with ``scratch`` a directory it may write in:

* ``detect``: what ingest and the upload endpoint do with a file's first bytes
  (``check_upload``: type from magic bytes, refused at the door with a reason);
* ``pages`` (and ``pages-quick``, without OCR's second looks): what the processing task does
  (``services._open_and_read_text_layer`` then ``_ocr_page``): the type detected as ingest
  does, ``open_document`` (pypdf, PDFium, Pillow and their preflight checks), every page's text
  layer, and OCR of the pages without one (at most ``OCR_PAGES``): rendering or the embedded
  scan, ``tesseract.prepare`` and OCR's second looks;
* ``render``: what the API's page images do (``render_page_png``) for pages 1-3 at the API's
  default, largest and smallest widths.

OCR inside the fuzzer does not run the tesseract binary (a second per page would leave a few
hundred executions an hour): :func:`without_tesseract` answers for it after decoding what it
would have read. Everything before the binary runs as in production. Replaying a finding
(``replay``) and the regression tests run the real binary.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.domain.errors import PermanentError
from pipeline.domain.model import FileType
from pipeline.domain.pages import Page, checkpointed
from pipeline.service_layer.services import check_upload
from pipeline.text import TextLimits, open_document
from pipeline.text.detect import MAGIC_BYTES
from pipeline.text.ocr import OcrPasses
from pipeline.text.render import NoSuchPage, render_page_png

_DEFAULTS = Settings.model_fields
# The pipeline's own limits, as a fresh install has them.
LIMITS = TextLimits(
    max_pages=_DEFAULTS["max_pages"].default,
    max_image_pixels=_DEFAULTS["max_image_pixels"].default,
    ocr_timeout_seconds=_DEFAULTS["ocr_timeout_seconds"].default,
)
MAX_FILE_SIZE = int(_DEFAULTS["max_file_size_bytes"].default)
# Pages OCR'd per input: a file of 500 pages without text is legitimate and is OCR'd page by
# page in tasks of their own; the fuzzer only needs to see that OCR of a page works at all.
OCR_PAGES = 2
# The API's page-image widths: default, largest and smallest (``pipeline/api/routes.py``).
RENDER_WIDTHS = (1000, 2400, 50)
# A refusal's message is read by people in the status, the API and the event stream.
MAX_MESSAGE = 400
QUICK = OcrPasses.none()


class ContractBroken(AssertionError):
    """An input the pipeline neither read nor refused properly."""


@dataclass(frozen=True)
class Outcome:
    kind: str  # "pages" or "refused"
    detail: str  # page count, or "ErrorClass: message"


def detect(data: bytes, scratch: Path) -> Outcome:
    head = data[:MAGIC_BYTES]
    try:
        check_upload(head, len(data), "upload.bin", MAX_FILE_SIZE)
    except PermanentError as exc:
        return _refused(exc)
    return Outcome("pages", "admitted")


def pages(data: bytes, scratch: Path, passes: OcrPasses = OcrPasses()) -> Outcome:  # noqa: B008
    path = scratch / "document"
    path.write_bytes(data)
    try:
        file_type = check_upload(data[:MAGIC_BYTES], len(data), "upload.bin", MAX_FILE_SIZE)
        read = _read_pages(path, file_type, passes)
    except PermanentError as exc:
        return _refused(exc)
    for page in read:
        _check_page(page)
    return Outcome("pages", f"{len(read)} page(s)")


def pages_quick(data: bytes, scratch: Path) -> Outcome:
    """``pages`` without OCR's second looks: the decoders and the rendering at 4-5 times the
    pace (the second looks work on the page image the pipeline drew, not on the file's bytes)."""
    return pages(data, scratch, QUICK)


def _read_pages(path: Path, file_type: FileType, passes: OcrPasses) -> list[Page]:
    read = []
    with open_document(path, file_type, LIMITS, passes=passes) as document:
        ocr_left = OCR_PAGES
        for number in range(1, document.page_count + 1):
            page = document.text_layer(number)
            if page is None and ocr_left > 0:
                ocr_left -= 1
                page = document.ocr(number)
            if page is not None:
                if page.number != number:
                    raise ContractBroken(f"page {number} came back numbered {page.number}")
                read.append(page)
    return read


def render(data: bytes, scratch: Path) -> Outcome:
    path = scratch / "document"
    path.write_bytes(data)
    drawn = 0
    try:
        file_type = check_upload(data[:MAGIC_BYTES], len(data), "upload.bin", MAX_FILE_SIZE)
        for number, width in enumerate(RENDER_WIDTHS, start=1):
            try:
                png = render_page_png(
                    path, file_type, number, width, max_pixels=LIMITS.max_image_pixels
                )
            except NoSuchPage as exc:
                if number == 1:
                    return _refused(exc)
                break
            if not png.startswith(b"\x89PNG\r\n\x1a\n"):
                raise ContractBroken(f"page {number}: the image drawn is not a PNG")
            drawn += 1
    except PermanentError as exc:
        return _refused(exc)
    return Outcome("pages", f"{drawn} page(s) drawn")


TARGETS: dict[str, Callable[[bytes, Path], Outcome]] = {
    "detect": detect,
    "pages": pages,
    "pages-quick": pages_quick,
    "render": render,
}


def _refused(exc: PermanentError) -> Outcome:
    message = str(exc)
    if not message.strip():
        raise ContractBroken(f"{type(exc).__name__} without a reason") from exc
    if len(message) > MAX_MESSAGE:
        raise ContractBroken(f"a {len(message)}-character reason: {message[:120]!r}...") from exc
    if "Traceback" in message or not message.isprintable():
        raise ContractBroken(f"a reason no person can read: {message[:120]!r}") from exc
    return Outcome("refused", f"{type(exc).__name__}: {message}")


def _check_page(page: Page) -> None:
    """The page as its checkpoint would store it: PostgreSQL's text and JSONB columns take
    neither NUL, nor lone surrogates, nor NaN or infinities."""
    stored = checkpointed(page)
    for text in [stored.text, *(w.text for w in stored.words)]:
        if "\x00" in text:
            raise ContractBroken(f"page {page.number}: NUL in the text")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ContractBroken(f"page {page.number}: text is not UTF-8 ({exc})") from exc
    numbers = [n for w in stored.words for n in (w.left, w.top, w.width, w.height, w.confidence)]
    if page.confidence is not None:
        numbers.append(page.confidence)
    if not all(math.isfinite(n) for n in numbers):
        raise ContractBroken(f"page {page.number}: a word box or confidence is not finite")


@contextmanager
def without_tesseract() -> Iterator[None]:
    """Answer for the tesseract binary (one word over the whole image) after decoding what it
    would have read, so that everything up to the binary runs at the fuzzer's pace. An image
    with a side over 32,767 pixels is refused as the binary refuses it."""
    import pytesseract
    from PIL import Image

    def image_to_data(target: str, **_: Any) -> dict[str, list[Any]]:
        with Image.open(target) as image:
            image.load()
            width, height = image.size
        if max(width, height) > 32_767:  # what the binary answers (exit status 1)
            raise pytesseract.TesseractError(1, f"Image too large: ({width}, {height})")
        return {
            "level": [5],
            "page_num": [1],
            "block_num": [1],
            "par_num": [1],
            "line_num": [1],
            "word_num": [1],
            "left": [0],
            "top": [0],
            "width": [width],
            "height": [height],
            "conf": [90.0],
            "text": ["fuzz"],
        }

    real = pytesseract.image_to_data
    pytesseract.image_to_data = image_to_data
    try:
        yield
    finally:
        pytesseract.image_to_data = real
