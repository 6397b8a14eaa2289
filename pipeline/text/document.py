"""Open a stored file once, check it against the limits, then hand out the text of one page at a
time: from the PDF text layer when it carries real text, otherwise by OCR.

A page drawn over by one scanned image is trusted to its text layer only when that layer
accounts for the page's printed content: a searchable scan (an OCR'd PDF, whose invisible text
lies over every printed word) is read from its layer, at no OCR cost; a scan with a thin text
overlay (a name and an SSN typed over it by a PDF editor, or a fax header) is OCR'd, and the
overlay's exact words are kept in place of the OCR words they cover.

Errors from pypdf, pypdfium2, Pillow and tesseract are translated here into the domain's error
tree (``pipeline.domain.errors``) with a message naming the problem and, where it applies, the
page; never a traceback or file contents.
"""

from __future__ import annotations

import abc
import io
import logging
import math
import re
import struct
import traceback
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Self

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops, ImageDraw, ImageOps, UnidentifiedImageError
from pypdf import PasswordType, PdfReader
from pypdf.errors import (
    DeprecationError,
    FileNotDecryptedError,
    LimitReachedError,
    PyPdfError,
)
from pypdf.generic import DictionaryObject, IndirectObject, PdfObject, StreamObject

from pipeline.domain.errors import (
    CorruptDocument,
    EmptyFile,
    EncryptedDocument,
    ImageTooLarge,
    PermanentError,
    TooManyPages,
    UnsupportedFileType,
)
from pipeline.domain.model import FileType
from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.logging import collected_records
from pipeline.text import ocr as tesseract
from pipeline.text.detect import MAGIC_BYTES, describe_bytes, detect_file_type
from pipeline.text.layout import Arranged, Piece, arrange, is_real_text
from pipeline.text.pdf_text import PageLayer, read_page

if TYPE_CHECKING:
    from pipeline.config import Settings

logger = logging.getLogger(__name__)

# A page drawn over by a scanned image keeps its text layer only when at least this share of the
# strokes drawn by everything but text lie inside the layer's word boxes. Strokes are counted by
# their left edges (ink pixels after paper along a row), so that printed characters, many narrow
# strokes each, outweigh table rules, shading, logos and pictures, which plain ink pixels do not
# (0.42 of the ink but 0.90 of the strokes on a statement page with an advert). Measured at
# 72 DPI: searchable scans made by tesseract from the sample forms and statements 0.75-0.93;
# the same form scanned with only its filled-in half under invisible text 0.41; the Sensible
# samples' typed-over fields and a fax header on a scan 0.00 (no ink of the scan under them).
_MIN_STROKES_IN_WORDS = 0.6
# Below this share of dark pixels the page has nothing printed besides its text layer.
_MIN_PAGE_INK = 0.002
_INK_DPI = 72
_INK_LEVEL = 160  # gray levels below this are ink
_WORD_PAD_POINTS = 1.5
# An OCR word gives way to a text-layer word when this share of the smaller box overlaps.
_OVERLAP = 0.3
_MAX_FORM_DEPTH = 8
# An embedded page image is used as it is only when it covers the page like this.
_SCAN_COVER = 0.85
_IMAGE_FORMATS = {FileType.PNG: "PNG", FileType.JPEG: "JPEG", FileType.TIFF: "TIFF"}
_EXPECTED = {
    FileType.PDF: "a PDF",
    FileType.PNG: "a PNG image",
    FileType.JPEG: "a JPEG image",
    FileType.TIFF: "a TIFF image",
}


@dataclass(frozen=True)
class TextLimits:
    """Limits applied to every file; anything over them is refused with the limit named."""

    max_pages: int
    max_image_pixels: int
    ocr_timeout_seconds: float
    ocr_language: str = "eng"

    def __post_init__(self) -> None:
        if self.max_pages < 1 or self.max_image_pixels < 1 or self.ocr_timeout_seconds <= 0:
            raise ValueError("text limits must be positive")
        if not re.fullmatch(r"[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*", self.ocr_language):
            raise ValueError(f"invalid tesseract language {self.ocr_language!r}")

    @classmethod
    def from_settings(cls, settings: Settings) -> TextLimits:
        return cls(
            max_pages=settings.max_pages,
            max_image_pixels=settings.max_image_pixels,
            ocr_timeout_seconds=settings.ocr_timeout_seconds,
            ocr_language=settings.ocr_language,
        )


class DocumentText(abc.ABC):
    """The pages of one open file. Use as a context manager or call :meth:`close`.

    Pages are numbered from 1. Nothing is cached between calls: each call reads, renders or
    decodes one page and lets it go, so memory stays flat however many pages a file has.
    """

    page_count: int

    def text_layer(self, number: int) -> Page | None:
        """The page from the PDF text layer, or None when the page needs OCR (always None for
        images)."""
        self._check_number(number)
        return None

    @abc.abstractmethod
    def ocr(self, number: int) -> Page:
        """The page read by tesseract; ``confidence`` is the mean word confidence (0..1)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the file. Safe to call twice."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _check_number(self, number: int) -> None:
        if not 1 <= number <= self.page_count:
            raise ValueError(f"page {number} does not exist (pages 1-{self.page_count})")


def open_document(
    path: Path,
    file_type: FileType,
    limits: TextLimits,
    *,
    passes: tesseract.OcrPasses = tesseract.OcrPasses(),  # noqa: B008 (frozen, shared safely)
) -> DocumentText:
    """Open ``path`` as ``file_type`` and check it up front. ``passes`` are the second looks
    OCR takes at a page (all that measurably help, unless a benchmark turns them off).

    Raises EmptyFile, UnsupportedFileType, EncryptedDocument, CorruptDocument, TooManyPages or
    ImageTooLarge when the file cannot be read within ``limits``.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(MAGIC_BYTES)
    except OSError as exc:
        raise CorruptDocument(f"cannot read the file: {exc.strerror or exc}") from exc
    actual = detect_file_type(head)
    if file_type is FileType.EMPTY or actual is FileType.EMPTY:
        raise EmptyFile("the file is empty (0 bytes)")
    if file_type not in _EXPECTED:
        raise UnsupportedFileType(
            f"unsupported file type: the content is {describe_bytes(head)}, "
            "expected a PDF, PNG, JPEG or TIFF"
        )
    if actual is not file_type:
        found = _EXPECTED.get(actual) or describe_bytes(head)
        raise UnsupportedFileType(
            f"the file was registered as {_EXPECTED[file_type]} but its content is {found}"
        )
    if file_type is FileType.PDF:
        return PdfText(path, limits, passes)
    return ImageText(path, file_type, limits, passes)


# --- PDF -----------------------------------------------------------------------------------------


class PdfText(DocumentText):
    """A PDF: text layer through pypdf, page images through pypdfium2 (embedded scan or render)."""

    def __init__(self, path: Path, limits: TextLimits, passes: tesseract.OcrPasses) -> None:
        self._limits = limits
        self._passes = passes
        with _pypdf_noise(None):
            self._reader = _open_pypdf(path)
        try:
            self._open(path, limits)
        except BaseException:
            _close_pypdf(self._reader)
            raise

    def _open(self, path: Path, limits: TextLimits) -> None:
        with _pypdf_noise(None):
            self.page_count = _page_count(self._reader, limits)
            for number in range(1, self.page_count + 1):
                self._preflight(number)
        self._path = path
        self._pdfium: pdfium.PdfDocument | None = None
        rendered_pages = len(self._renderer())
        self._close_renderer()
        if rendered_pages != self.page_count:
            raise CorruptDocument(
                f"damaged PDF: its page tree is inconsistent ({self.page_count} or "
                f"{rendered_pages} pages depending on how it is read)"
            )

    def _renderer(self) -> pdfium.PdfDocument:
        """PDFium's copy of the document, opened for one page's work at a time: it keeps every
        object it has parsed (a scan's image bytes among them) until it is closed, which over a
        200-page scan would hold them all (``_close_renderer`` after each page)."""
        if self._pdfium is None:
            try:
                self._pdfium = pdfium.PdfDocument(
                    self._path, password="" if self._reader.is_encrypted else None
                )
            except pdfium.PdfiumError as exc:
                raise CorruptDocument(f"damaged PDF: the renderer cannot open it ({exc})") from exc
            # Filled-in form fields are widget annotations; drawing them needs the form
            # environment.
            self._pdfium.init_forms()
        return self._pdfium

    def _load_page(self, number: int) -> pdfium.PdfPage:
        """PDFium's page ``number``: a page it counts may still fail to load (a page tree entry
        that is no page), which only this page's reading can find."""
        try:
            return self._renderer()[number - 1]
        except pdfium.PdfiumError as exc:
            self._close_renderer()
            raise CorruptDocument(f"page {number}: the page cannot be loaded ({exc})") from exc

    def _close_renderer(self) -> None:
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None

    def _preflight(self, number: int) -> None:
        """Decode the page's content streams under pypdf's decompression limits, and check the
        declared size of its images, before anything else touches them."""
        with _pdf_errors(number):
            page = self._reader.pages[number - 1]
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            resources = page.get_inherited("/Resources", DictionaryObject())
            self._check_images(number, resources, depth=0, seen=set())
            _forget_objects(self._reader)

    def _check_images(self, number: int, resources: Any, depth: int, seen: set[int]) -> None:
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject) or depth > 8:
            return
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not isinstance(xobjects, DictionaryObject):
            return
        for name in xobjects:
            xobject = xobjects[name].get_object()
            if not isinstance(xobject, StreamObject) or id(xobject) in seen:
                continue
            seen.add(id(xobject))
            if xobject.get("/Subtype") == "/Image":
                width, height = xobject.get("/Width", 0), xobject.get("/Height", 0)
                if isinstance(width, int) and isinstance(height, int):
                    _check_pixels(width, height, self._limits, number)
            elif xobject.get("/Subtype") == "/Form":
                self._check_images(number, xobject.get("/Resources"), depth + 1, seen)

    def text_layer(self, number: int) -> Page | None:
        self._check_number(number)
        layer, arranged = self._arranged_layer(number)
        if not is_real_text(arranged.text):
            return None
        if layer.covered_by_image:
            page_ink, in_words = self._strokes_in_words(number, arranged.words)
            if page_ink >= _MIN_PAGE_INK and in_words < _MIN_STROKES_IN_WORDS:
                logger.debug(
                    "page %d: the text layer over the scan holds %.0f%% of its strokes: OCR",
                    number,
                    100 * in_words,
                )
                return None
        return Page(
            number=number, text=arranged.text, method=TextMethod.TEXT_LAYER, words=arranged.words
        )

    def _arranged_layer(self, number: int) -> tuple[PageLayer, Arranged]:
        with _pypdf_noise(number), _pdf_errors(number):
            layer = read_page(self._reader.pages[number - 1])
            _forget_objects(self._reader)
        return layer, _arrange_layer(layer)

    def _strokes_in_words(self, number: int, words: tuple[Word, ...]) -> tuple[float, float]:
        """The share of the page that is ink other than its text, and the share of that ink's
        strokes inside ``words``, on a low-resolution rendering of the page without its text objects
        (tens of milliseconds, against seconds for OCR). Visible text is left out so that an
        overlay or a stamp does not vouch for itself."""
        page = self._load_page(number)
        try:
            texts = [
                obj
                for obj in page.get_objects(max_depth=_MAX_FORM_DEPTH)
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
            ]
            # Only this loaded copy of the page changes: the next load parses it afresh.
            for obj in reversed(texts):
                page.remove_obj(obj)
                obj.close()
            bitmap = page.render(scale=_INK_DPI / 72, grayscale=True, may_draw_forms=False)
            image = bitmap.to_pil().convert("L")
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(f"page {number}: the page cannot be rendered ({exc})") from exc
        finally:
            page.close()
            self._close_renderer()
        ink = image.point(lambda v: 255 if v < _INK_LEVEL else 0)
        strokes = ImageChops.subtract(ink, ImageChops.offset(ink, 1, 0))
        total = strokes.histogram()[255]
        if total == 0:
            return 0.0, 1.0
        mask = Image.new("L", ink.size, 0)
        draw = ImageDraw.Draw(mask)
        pad = _WORD_PAD_POINTS * _INK_DPI / 72
        for w in words:
            draw.rectangle(
                (
                    w.left * ink.width - pad,
                    w.top * ink.height - pad,
                    (w.left + w.width) * ink.width + pad,
                    (w.top + w.height) * ink.height + pad,
                ),
                fill=255,
            )
        inside = ImageChops.multiply(strokes, mask).histogram()[255]
        return ink.histogram()[255] / (ink.width * ink.height), inside / total

    def ocr(self, number: int) -> Page:
        self._check_number(number)
        page = self._load_page(number)
        try:
            width, height = _displayed_size(page)
            kept = self._overlay_pieces(number, width, height)
            image, area, dpi = self._page_image(number, page, width, height, bool(kept))
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(f"page {number}: the page cannot be rendered ({exc})") from exc
        finally:
            page.close()
            self._close_renderer()
        prepared, dpi = tesseract.prepare(image, dpi, max_pixels=self._limits.max_image_pixels)
        del image
        result = tesseract.read_page(
            prepared,
            size=prepared.size,
            dpi=dpi,
            language=self._limits.ocr_language,
            timeout=self._limits.ocr_timeout_seconds,
            page_number=number,
            passes=self._passes,
            max_pixels=self._limits.max_image_pixels,
        )
        # Pixels of the image -> displayed page points -> fractions of the page.
        left, top, right, bottom = area
        sx, sy = (right - left) / result.width, (bottom - top) / result.height
        pieces = [
            Piece(
                p.text,
                left + p.left * sx,
                top + p.top * sy,
                left + p.right * sx,
                top + p.bottom * sy,
                p.confidence,
            )
            for p in result.pieces
        ]
        if kept:
            pieces = kept + [p for p in pieces if not any(_overlaps(p, k) for k in kept)]
            logger.info("page %d: %d words kept from its text layer", number, len(kept))
        arranged = arrange(pieces, width, height, join_pieces=False, slope=result.slope * sy / sx)
        confidence = result.confidence
        if kept:
            confidence = sum(p.confidence for p in pieces) / len(pieces)
        return Page(
            number=number,
            text=arranged.text,
            method=TextMethod.OCR,
            words=arranged.words,
            confidence=confidence,
        )

    def _overlay_pieces(self, number: int, width: float, height: float) -> list[Piece]:
        """The words of a text layer too thin to stand for the page (an overlay, a stamp), in
        displayed points, to be kept over the OCR words they cover; none when the layer's text
        is garbage (a font without a usable character map)."""
        _, arranged = self._arranged_layer(number)
        if not is_real_text(arranged.text, min_alnum=1):
            return []
        return [
            Piece(
                w.text,
                w.left * width,
                w.top * height,
                (w.left + w.width) * width,
                (w.top + w.height) * height,
            )
            for w in arranged.words
        ]

    def _page_image(
        self, number: int, page: pdfium.PdfPage, width: float, height: float, overlay: bool
    ) -> tuple[Image.Image, tuple[float, float, float, float], float | None]:
        """The image to OCR, the part of the displayed page it shows (points, top-left origin)
        and its resolution. With an ``overlay`` (text-layer words kept over the OCR words), the
        scan under it is read as it was scanned, without the overlay's text drawn into it."""
        scan = _single_scan(page, width, height, ignore_text=overlay)
        if scan is not None:
            image_object, area = scan
            px_width, px_height = image_object.get_px_size()
            _check_pixels(px_width, px_height, self._limits, number)
            try:
                bitmap = image_object.get_bitmap(render=False)
                image = bitmap.to_pil()
            except pdfium.PdfiumError:
                logger.info("page %d: embedded image cannot be decoded, rendering", number)
            else:
                rotation = page.get_rotation() % 360
                if rotation:
                    # /Rotate turns the page clockwise for display; PIL rotates anticlockwise.
                    image = image.rotate(-rotation, expand=True)
                dpi = image.width / ((area[2] - area[0]) / 72)
                return image, area, dpi
        scale = tesseract.TARGET_DPI / 72
        # A huge page at 300 DPI could exceed the pixel limit: lower the resolution instead.
        fit = (self._limits.max_image_pixels / max(width * height, 1.0)) ** 0.5
        scale = min(scale, fit)
        image = page.render(scale=scale, grayscale=True, may_draw_forms=True).to_pil()
        return image, (0.0, 0.0, width, height), scale * 72

    def close(self) -> None:
        if getattr(self, "_pdfium", None) is not None:
            self._close_renderer()
        reader = getattr(self, "_reader", None)
        if reader is not None:
            _close_pypdf(reader)


def _open_pypdf(path: Path) -> PdfReader:
    """A reader over the open file: pypdf given a path reads the whole file into memory, given
    a file it reads objects as they are asked for (a 200-page scan is hundreds of MB). The file
    is closed with the reader (``_close_pypdf``)."""
    # pypdf's default Configuration keeps its decompression and parsing limits on (75 MB per
    # stream, bounded recovery, page-tree and xref limits); they are deliberately not relaxed.
    fh = _PdfFile(io.FileIO(path, "rb"))
    try:
        return _read_pypdf(path, fh)
    except BaseException:
        fh.close()
        raise


class _PdfFile(io.BufferedReader):
    """The file pypdf reads. An offset written in the file that points before its start (a
    cross-reference entry of -10) made the operating system refuse pypdf's seek with OSError
    EINVAL, which is no I/O failure: here it is the damage it is, a ValueError pypdf's callers
    translate with the rest."""

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        start = {io.SEEK_SET: 0, io.SEEK_CUR: self.tell()}.get(whence, 0)
        if whence != io.SEEK_END and start + offset < 0:
            raise ValueError(f"an offset points before the start of the file ({offset})")
        return super().seek(offset, whence)


def _close_pypdf(reader: PdfReader) -> None:
    reader.close()
    reader.stream.close()


# What pypdf raises on a malformed file besides its own errors: it reads objects as Python
# values and indexes, converts and recurses into them without checking their types or ranges.
_PYPDF_FAILURES = (
    PyPdfError,
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    RecursionError,
    NotImplementedError,
    # pypdf asserts what it expects of a content stream (no operands left before an inline
    # image), and refuses filter abbreviations pypdf 7 dropped outside inline images ("/Fl").
    AssertionError,
    DeprecationError,
)


def _forget_objects(reader: PdfReader) -> None:
    """Drop the objects pypdf parsed for one page (its content streams, decoded, and its
    images' compressed bytes): kept, they add up to the whole file over a long scan. What is
    needed again is read again from the file."""
    reader.resolved_objects.clear()


# An object header as pypdf's search for an object missing from the cross-reference table
# finds it: white space, object number, generation, "obj".
_OBJECT_HEADER = re.compile(rb"\s(\d+)\s+(\d+)\s+obj")


class _IndexedPdfReader(PdfReader):
    """pypdf, reading a damaged file (strict=False), looks for an object the cross-reference
    table lacks by searching the whole file for its header, for each such object: a file that
    refers to thousands of absent objects costs thousands of passes over up to 200 MB (found by
    the fuzzer: a trailer whose /Root is not a catalog sends pypdf's root recovery through
    objects 1 to /Size, 2,572 searches of a 247 KB file, 28 s; the same over a 100 MB file is
    hours). Here the file is searched once, for every header, at the first such object, and
    an object found nowhere is answered at once, as pypdf answers it after its search (None).
    ``get_object`` is pypdf's public method; ``xref``, ``xref_objStm`` and ``resolved_objects``
    are its tables (the lock file pins the version this was written against)."""

    _headers: dict[tuple[bytes, bytes], int] | None = None

    def get_object(self, indirect_reference: int | IndirectObject) -> PdfObject | None:
        if isinstance(indirect_reference, int):
            indirect_reference = IndirectObject(indirect_reference, 0, self)
        number, generation = indirect_reference.idnum, indirect_reference.generation
        listed = number in self.xref.get(generation, {}) or (
            generation == 0 and number in self.xref_objStm
        )
        if not listed and (generation, number) not in self.resolved_objects:
            if self._headers is None:
                self._headers = _object_headers(self.stream)
            start = self._headers.get((str(number).encode(), str(generation).encode()))
            if start is None:
                return None
            self.xref.setdefault(generation, {})[number] = start
        return super().get_object(indirect_reference)


def _object_headers(stream: Any) -> dict[tuple[bytes, bytes], int]:
    """Where each object's first header starts (at its number), by number and generation as
    written."""
    position = stream.tell()
    stream.seek(0)
    data = stream.read()
    stream.seek(position)
    headers: dict[tuple[bytes, bytes], int] = {}
    for match in _OBJECT_HEADER.finditer(data):
        headers.setdefault((match.group(1), match.group(2)), match.start(1))
    return headers


def _read_pypdf(path: Path, fh: BinaryIO) -> PdfReader:
    try:
        reader = _IndexedPdfReader(fh, strict=False)
    except LimitReachedError as exc:
        raise CorruptDocument(
            f"damaged or hostile PDF: a structure exceeds pypdf's safety limits ({exc})"
        ) from exc
    except NotImplementedError as exc:
        raise _unsupported(exc, "") from exc
    except _PYPDF_FAILURES as exc:
        if not _has_eof_marker(path):
            raise CorruptDocument(
                "the PDF is truncated (no end-of-file marker): upload the complete file"
            ) from exc
        raise CorruptDocument(f"damaged PDF: {_describe(exc)}") from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except (PyPdfError, ValueError, NotImplementedError) as exc:
            raise EncryptedDocument(f"encrypted PDF, cannot decrypt: {exc}") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise EncryptedDocument("encrypted PDF, password required")
    return reader


@contextmanager
def _pypdf_noise(number: int | None) -> Iterator[None]:
    """What pypdf logs about the file while reading it (page ``number``, or the document) as one
    DEBUG line: it works around the same font or xref oddity once per glyph or object, up to
    hundreds of times a page, and none of it changes what we do."""
    with collected_records("pypdf") as records:
        yield
    if records and logger.isEnabledFor(logging.DEBUG):
        kinds = Counter(str(r.msg) for r in records)
        examples = {str(r.msg): r for r in reversed(records)}
        logger.debug(
            "%s: pypdf worked around %d problems: %s",
            f"page {number}" if number is not None else "opening the PDF",
            len(records),
            "; ".join(
                f"{n} x {_shorten(examples[kind].getMessage())}" for kind, n in kinds.most_common(3)
            ),
        )


def _page_count(reader: PdfReader, limits: TextLimits) -> int:
    try:
        count = len(reader.pages)
    except _PYPDF_FAILURES as exc:
        raise CorruptDocument(
            f"damaged PDF: the page tree cannot be read ({_describe(exc)})"
        ) from exc
    if count == 0:
        raise CorruptDocument("damaged PDF: it has no pages")
    if count > limits.max_pages:
        raise TooManyPages(f"the PDF has {count} pages, the limit is {limits.max_pages}")
    return count


def _has_eof_marker(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - 2048))
        return b"%%EOF" in fh.read()


@contextmanager
def _pdf_errors(number: int) -> Iterator[None]:
    """Translate pypdf exceptions raised while reading page ``number``."""
    try:
        yield
    except LimitReachedError as exc:
        raise CorruptDocument(
            f"page {number}: a compressed stream expands beyond the safety limit "
            f"(possible decompression bomb): {exc}"
        ) from exc
    except FileNotDecryptedError as exc:
        raise EncryptedDocument("encrypted PDF, password required") from exc
    except NotImplementedError as exc:
        raise _unsupported(exc, f"page {number}: ") from exc
    except _PYPDF_FAILURES as exc:
        raise CorruptDocument(f"page {number}: damaged PDF: {_describe(exc)}") from exc


def _unsupported(exc: NotImplementedError, where: str) -> PermanentError:
    """What pypdf does not implement: a security handler other than the standard one (a
    certificate's, a vendor's) or an algorithm it lacks, or a stream filter it does not know."""
    frames = traceback.extract_tb(exc.__traceback__)
    if frames and frames[-1].filename.endswith("_encryption.py"):
        return EncryptedDocument(f"encrypted PDF, cannot decrypt: {_describe(exc)}")
    return CorruptDocument(f"{where}unsupported PDF feature: {_describe(exc)}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):  # str() is the bare key: "320", "'/Type'"
        return _shorten(f"a field is missing or has an unknown value: {exc}")
    if isinstance(exc, AssertionError) and not str(exc).strip():
        return "a content stream breaks the reader's expectations"
    return _shorten(str(exc).strip() or type(exc).__name__)


def _shorten(text: str) -> str:
    # pypdf and Pillow quote the bytes they choke on ("Non-Ascii85 digit found: \x81"): a
    # message is for people, and carries no raw bytes of the file.
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 200 else text[:197] + "..."


def _arrange_layer(layer: PageLayer) -> Arranged:
    inside = [
        p
        for p in layer.pieces
        if 0 <= (p.left + p.right) / 2 <= layer.width and 0 <= p.middle <= layer.height
    ]
    return arrange(inside, layer.width, layer.height)


def _overlaps(a: Piece, b: Piece) -> bool:
    dx = min(a.right, b.right) - max(a.left, b.left)
    dy = min(a.bottom, b.bottom) - max(a.top, b.top)
    if dx <= 0 or dy <= 0:
        return False
    smaller = min((a.right - a.left) * a.height, (b.right - b.left) * b.height)
    return dx * dy >= _OVERLAP * max(smaller, 1e-9)


def _displayed_size(page: pdfium.PdfPage) -> tuple[float, float]:
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    if not (0 < width < math.inf and 0 < height < math.inf):
        # An empty or unreadable box: PDFium draws the page at a size of its own (US Letter),
        # and that is the bitmap OCR reads.
        drawn_width, drawn_height = page.get_size()
        return float(drawn_width), float(drawn_height)
    if page.get_rotation() % 180 == 90:
        return height, width
    return width, height


def _single_scan(
    page: pdfium.PdfPage, width: float, height: float, *, ignore_text: bool = False
) -> tuple[Any, tuple[float, float, float, float]] | None:
    """The page's only object (besides text, with ``ignore_text``) when it is an upright image
    covering the page (a scan), with the part of the displayed page it covers; None when the
    page must be rendered instead."""
    objects = [
        obj
        for obj in page.get_objects(max_depth=2)
        if not (ignore_text and obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT)
    ]
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    a, b, c, d, _, _ = image.get_matrix().get()
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None  # rotated, sheared or mirrored placement: rendering handles it
    x0, y0, x1, y1 = image.get_bounds()
    cleft, cbottom, cright, ctop = page.get_cropbox()
    if not (cright - cleft > 0 and ctop - cbottom > 0):
        return None  # no crop box to place the scan in: rendering draws the page
    ix = max(0.0, min(x1, cright) - max(x0, cleft))
    iy = max(0.0, min(y1, ctop) - max(y0, cbottom))
    if ix * iy < _SCAN_COVER * (cright - cleft) * (ctop - cbottom):
        return None
    if x0 < cleft - 1 or y0 < cbottom - 1 or x1 > cright + 1 or y1 > ctop + 1:
        return None  # partly outside the crop box: rendering crops it exactly
    corners = [_display_point(page, x, y) for x, y in ((x0, y0), (x1, y1))]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return image, (min(xs), min(ys), max(xs), max(ys))


def _display_point(page: pdfium.PdfPage, x: float, y: float) -> tuple[float, float]:
    left, bottom, right, top = page.get_cropbox()
    u, v, w, h = x - left, y - bottom, right - left, top - bottom
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return v, u
    if rotation == 180:
        return w - u, v
    if rotation == 270:
        return h - v, w - u
    return u, h - v


# --- images --------------------------------------------------------------------------------------


class ImageText(DocumentText):
    """A PNG, JPEG or (multi-page) TIFF; every frame is a page and is decoded only when read."""

    def __init__(
        self, path: Path, file_type: FileType, limits: TextLimits, passes: tesseract.OcrPasses
    ) -> None:
        self._path = path
        self._limits = limits
        self._passes = passes
        self._image = open_image(path, limits.max_image_pixels)
        try:
            if self._image.format != _IMAGE_FORMATS[file_type]:
                raise CorruptDocument(
                    f"damaged image: expected {_IMAGE_FORMATS[file_type]}, "
                    f"read {self._image.format}"
                )
            with image_errors(None):
                count = int(getattr(self._image, "n_frames", 1))
            if count > limits.max_pages:
                raise TooManyPages(f"the image has {count} pages, the limit is {limits.max_pages}")
            self.page_count = count
            for number in range(1, count + 1):
                self._seek(number)
                _check_pixels(*self._image.size, limits, number if count > 1 else None)
            if count == 1:
                # One decode now finds a truncated file before any work is queued for it.
                self._seek(1)
                with image_errors(1):
                    self._image.load()
                self._image.close()
                self._image = open_image(path, limits.max_image_pixels)
        except BaseException:
            self._image.close()
            raise

    def _seek(self, number: int) -> None:
        with image_errors(number):
            self._image.seek(number - 1)

    def ocr(self, number: int) -> Page:
        self._check_number(number)
        self._seek(number)
        with image_errors(number):
            frame = self._image
            orientation = frame.getexif().get(0x0112, 1) if frame.format == "JPEG" else 1
            dpi_info = frame.info.get("dpi")
        # Resolution metadata is often wrong (72 DPI on a 300 DPI scan): trust it only when it
        # is consistent with a letter-size page.
        declared = float(dpi_info[0]) if dpi_info else None
        estimated = tesseract.estimate_dpi(frame.size)
        dpi = declared if declared and 0.7 <= declared / estimated <= 1.4 else None
        resolution = dpi or estimated
        source: Image.Image | Path
        if (
            self.page_count == 1
            and frame.mode in ("L", "RGB", "1")
            and orientation == 1
            and tesseract.MIN_DPI <= resolution <= tesseract.MAX_DPI
            and max(frame.size) <= tesseract.MAX_SIDE
        ):
            # Nothing to prepare: tesseract reads the file itself, as the CLI would, which
            # saves decoding it here and writing it out again.
            source, size = self._path, frame.size
        else:
            with image_errors(number):
                image = ImageOps.exif_transpose(frame) if orientation != 1 else frame.copy()
                image.load()
            source, resolution = tesseract.prepare(
                image, dpi, max_pixels=self._limits.max_image_pixels
            )
            size = source.size
            del image
        result = tesseract.read_page(
            source,
            size=size,
            dpi=resolution,
            language=self._limits.ocr_language,
            timeout=self._limits.ocr_timeout_seconds,
            page_number=number,
            passes=self._passes,
            max_pixels=self._limits.max_image_pixels,
        )
        arranged = arrange(
            result.pieces, result.width, result.height, join_pieces=False, slope=result.slope
        )
        return Page(
            number=number,
            text=arranged.text,
            method=TextMethod.OCR,
            words=arranged.words,
            confidence=result.confidence,
        )

    def close(self) -> None:
        image = getattr(self, "_image", None)
        if image is not None:
            image.close()


def open_image(path: Path, max_pixels: int) -> Image.Image:
    """Open lazily (header only) and refuse decompression bombs before any pixel is decoded
    (for reading and for drawing pages: ``pipeline.text.render``).

    Pillow's own bomb check warns above ``Image.MAX_IMAGE_PIXELS`` and raises above twice that;
    the warning is suppressed here because our limit, checked right after, decides instead.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except Image.DecompressionBombError as exc:
        match = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(match.group(1)):,} pixels" if match else "too many pixels"
        raise ImageTooLarge(f"image declares {size}, the limit is {max_pixels:,} pixels") from exc
    except UnidentifiedImageError as exc:
        raise CorruptDocument("damaged image: the file cannot be identified as an image") from exc
    except _PILLOW_FAILURES as exc:
        raise CorruptDocument(f"damaged image: {_describe(exc)}") from exc


def _check_pixels(width: int, height: int, limits: TextLimits, number: int | None) -> None:
    if width * height > limits.max_image_pixels:
        where = f"page {number}: " if number is not None else ""
        raise ImageTooLarge(
            f"{where}image is {width} x {height} = {width * height:,} pixels, "
            f"the limit is {limits.max_image_pixels:,}"
        )


@contextmanager
def image_errors(number: int | None) -> Iterator[None]:
    """Translate Pillow exceptions raised while decoding page ``number``, or while counting the
    pages (None), also when drawing it (``pipeline.text.render``)."""
    try:
        yield
    except Image.DecompressionBombError as exc:
        where = f"page {number}" if number is not None else "image"
        raise ImageTooLarge(f"{where}: {_describe(exc)}") from exc
    except EOFError as exc:
        if number is None:
            raise CorruptDocument("damaged image: a page it lists is missing") from exc
        raise CorruptDocument(f"damaged image: page {number} is missing") from exc
    except _PILLOW_FAILURES as exc:
        what = f"page {number}" if number is not None else "its pages"
        raise CorruptDocument(
            f"damaged image: {what} cannot be decoded ({_describe(exc)})"
        ) from exc


# What Pillow's decoders raise on a malformed file: OSError and SyntaxError by intent, and
# what their plugins let through from reading header fields as Python values (a TIFF lacking
# its size reads "TypeError: Missing dimensions").
_PILLOW_FAILURES = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    LookupError,
    ArithmeticError,
    struct.error,
)
