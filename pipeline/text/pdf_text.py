"""Words and their boxes from a PDF page's text layer, with pypdf's content-stream visitors.

pypdf reports every operator together with the current transformation matrix (CTM) and text
matrix, but it does not advance the text matrix while glyphs are shown. This module keeps the
text state itself (font, size, character/word spacing, horizontal scaling, rise and the pen
advance along the line), decodes each shown string with the font's encoding and character map
and measures it with the font's widths. Glyph boxes go through text matrix x CTM (x the matrix of
any form XObject), then the crop box offset and the page rotation, so they come out in displayed
page points with the origin at the top left.

Where pypdf's decoding is wrong in ways real files show, this module corrects it:

* a resource name followed by a NUL byte (``/Font18\\x00 1 Tf``, written by PDF editors such as
  Readdle's): NUL is white space in PDF syntax, but pypdf keeps it in the name, so the font was
  not found and the edited fields (names, SSNs, phone numbers) vanished from the text layer;
* a glyph name no Unicode table knows (a Type 3 icon named ``/wflagb``) came out as the name
  itself; it is read by the Adobe Glyph List rules or else as no text;
* a code that a font's ToUnicode map leaves out, in a font whose codes are not characters
  (subset fonts numbered in order of use): pypdf, like PDFium, printed the code as a character,
  so Word-for-Mac's unmapped Calibri "ti" ligature read "Descrip7on". It is read as the
  ligature whose components' widths add up to the glyph's width, or as U+FFFD when no single
  ligature fits, never as a digit that is not on the page.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field, replace
from typing import Any

# pypdf has no public API for a font's widths and character map: Font (private) is the object
# its own text extraction uses (pypdf >= 6), adobe_glyphs (private) its glyph-name table. The
# lock file pins the version this was written against.
from pypdf import PageObject
from pypdf._codecs.adobe_glyphs import adobe_glyphs
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject
from pypdf.generic._font import Font

from pipeline.text.layout import Piece

logger = logging.getLogger(__name__)

_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_LETTER = (612.0, 792.0)
# Glyph boxes span from the descender to the ascender line of a typical Latin font, in em.
_ASCENT = 0.8
_DESCENT = -0.2
# An image drawn over at least this share of the page makes the page a scan.
_PAGE_COVER = 0.85

# Latin ligatures fonts draw as one glyph. A glyph the ToUnicode map omits is read as one of
# these only when its width matches the sum of the components' widths this closely, and no other
# candidate does.
_LIGATURES = ("ff", "fi", "fl", "ffi", "ffl", "ft", "fj", "tt", "ti", "tf", "tti", "fft")
_LIGATURE_TOLERANCE = 0.03
_UNKNOWN = "\ufffd"

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageLayer:
    """What the text layer of one page holds, in displayed page points (origin top left)."""

    pieces: list[Piece]
    width: float
    height: float
    # Images drawn on the page as (share of the page covered, pixel count, placement matrix).
    images: list[tuple[float, int, Matrix]]

    @property
    def covered_by_image(self) -> bool:
        return any(share >= _PAGE_COVER for share, _, _ in self.images)


@dataclass(slots=True)
class _FontText:
    """A font and what its codes read as where pypdf's own decoding has no answer."""

    font: Font
    # Codes the ToUnicode map leaves out carry no meaning of their own (see ``_custom_codes``).
    custom_codes: bool
    # Codes the /Differences array names: those keep their glyph name's meaning.
    named: frozenset[int]
    unmapped: dict[str, str] = field(default_factory=dict)

    def text_of_unmapped(self, code: str) -> str:
        if code not in self.unmapped:
            self.unmapped[code] = _guess_ligature(self.font, code)
        return self.unmapped[code]


@dataclass(slots=True)
class _TextState:
    font: _FontText | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    rise: float = 0.0
    leading: float = 0.0
    advance: float = 0.0


@dataclass(slots=True)
class _Frame:
    """The content being read: the page or a form XObject drawn by ``Do``."""

    resources: DictionaryObject
    base: Matrix  # maps the frame's user space to page user space
    state: _TextState = field(default_factory=_TextState)
    saved: list[_TextState] = field(default_factory=list)


def read_page(page: PageObject) -> PageLayer:
    """Read the text pieces and drawn images of ``page``."""
    return _Reader(page).read()


class _Reader:
    def __init__(self, page: PageObject) -> None:
        self.page = page
        box = page.cropbox
        left, right = sorted((float(box.left), float(box.right)))
        bottom, top = sorted((float(box.bottom), float(box.top)))
        if not (0 < right - left < math.inf and 0 < top - bottom < math.inf):
            # An empty or unreadable box: PDFium draws such a page as US Letter from the origin
            # (what OCR and the page images show), so its words are placed on that page too.
            left, bottom, right, top = 0.0, 0.0, _LETTER[0], _LETTER[1]
        self.x0, self.y0 = left, bottom
        self.w, self.h = right - left, top - bottom
        self.rotation = page.rotation % 360
        resources = page.get_inherited("/Resources", DictionaryObject())
        resources = resources.get_object() if resources is not None else DictionaryObject()
        if not isinstance(resources, DictionaryObject):
            resources = DictionaryObject()
        self.frames = [_Frame(resources=resources, base=_IDENTITY)]
        self.pieces: list[Piece] = []
        self.images: list[tuple[float, int, Matrix]] = []
        self.fonts: dict[int, _FontText] = {}

    @property
    def displayed_size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.rotation in (90, 270) else (self.w, self.h)

    def read(self) -> PageLayer:
        self.page.extract_text(
            visitor_operand_before=self._before, visitor_operand_after=self._after
        )
        width, height = self.displayed_size
        return PageLayer(pieces=self.pieces, width=width, height=height, images=self.images)

    # --- visitors ------------------------------------------------------------------------------

    def _before(self, operator: bytes, operands: Any, cm: list[float], tm: list[float]) -> None:
        # ``operands`` is a list, except for inline images: {"settings": ..., "data": ...}.
        frame = self.frames[-1]
        state = frame.state
        if operator == b"q":
            frame.saved.append(replace(state))
        elif operator == b"Q":
            if frame.saved:
                frame.state = frame.saved.pop()
        elif operator == b"Do" and operands:
            self._enter_xobject(operands[0], cm)
        elif operator == b"INLINE IMAGE" and isinstance(operands, dict):
            settings = operands.get("settings")
            if isinstance(settings, DictionaryObject):
                width = settings.get("/W", settings.get("/Width", 0))
                height = settings.get("/H", settings.get("/Height", 0))
                pixels = int(_number(width, 0)) * int(_number(height, 0))
                self._record_image(pixels, _mult(_matrix(cm), frame.base))
        elif operator == b"Tf" and len(operands) >= 2:
            state.font = self._font(operands[0])
            state.size = _number(operands[1], state.size)
        elif operator == b"Tc" and operands:
            state.char_spacing = _number(operands[0], 0.0)
        elif operator == b"Tw" and operands:
            state.word_spacing = _number(operands[0], 0.0)
        elif operator == b"Tz" and operands:
            state.scale = _number(operands[0], 100.0) / 100
        elif operator == b"Ts" and operands:
            state.rise = _number(operands[0], 0.0)
        elif operator == b"TL" and operands:
            state.leading = _number(operands[0], 0.0)
        elif operator == b"TD" and len(operands) >= 2:
            state.leading = -_number(operands[1], 0.0)
        elif operator == b'"' and len(operands) >= 3:
            state.word_spacing = _number(operands[0], 0.0)
            state.char_spacing = _number(operands[1], 0.0)

    def _after(
        self, operator: bytes, operands: list[Any], cm: list[float], tm: list[float]
    ) -> None:
        state = self.frames[-1].state
        if operator in (b"BT", b"Td", b"TD", b"Tm", b"T*"):
            state.advance = 0.0
        elif operator == b"Tj" and operands:
            self._show(operands[0], cm, tm)
        elif operator in (b"'", b'"') and operands:
            # Both move to the next line first; pypdf has already applied that to ``tm``.
            state.advance = 0.0
            self._show(operands[-1], cm, tm)
        elif operator == b"TJ" and operands and isinstance(operands[0], ArrayObject):
            for item in operands[0]:
                if isinstance(item, (bytes, str)) and not isinstance(item, NameObject):
                    self._show(item, cm, tm)
                elif isinstance(item, (int, float)):
                    state.advance -= float(item) / 1000 * state.size * state.scale
        elif operator == b"Do":
            self._leave_xobject()

    # --- form XObjects and images -------------------------------------------------------------

    def _enter_xobject(self, name: Any, cm: list[float]) -> None:
        frame = self.frames[-1]
        xobjects = frame.resources.get("/XObject")
        xobject = None
        if isinstance(xobjects, (DictionaryObject, IndirectObject)):
            xobjects = xobjects.get_object()
            if isinstance(xobjects, DictionaryObject):
                xobject = xobjects.get(_resource_name(name))
        xobject = xobject.get_object() if xobject is not None else None
        ctm = _mult(_matrix(cm), frame.base)
        if isinstance(xobject, StreamObject) and xobject.get("/Subtype") == "/Image":
            pixels = int(_number(xobject.get("/Width"), 0)) * int(
                _number(xobject.get("/Height"), 0)
            )
            self._record_image(pixels, ctm)
        resources = frame.resources
        base = frame.base
        if isinstance(xobject, StreamObject) and xobject.get("/Subtype") == "/Form":
            own = xobject.get("/Resources")
            own = own.get_object() if own is not None else None
            if isinstance(own, DictionaryObject):
                resources = own
            form_matrix = xobject.get("/Matrix")
            matrix = _IDENTITY
            if isinstance(form_matrix, ArrayObject) and len(form_matrix) == 6:
                matrix = _matrix([_number(v, 0.0) for v in form_matrix])
            # pypdf reads the form with a fresh CTM, so everything inside it is mapped through
            # the form matrix and the CTM at the ``Do``.
            base = _mult(matrix, ctm)
        # A frame is pushed for every Do (also images and unreadable forms) so that the
        # matching visitor_operand_after can always pop.
        self.frames.append(_Frame(resources=resources, base=base))

    def _leave_xobject(self) -> None:
        if len(self.frames) > 1:
            self.frames.pop()

    def _record_image(self, pixels: int, ctm: Matrix) -> None:
        corners = [_apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs = [min(max(x - self.x0, 0.0), self.w) for x, _ in corners]
        ys = [min(max(y - self.y0, 0.0), self.h) for _, y in corners]
        share = (max(xs) - min(xs)) * (max(ys) - min(ys)) / max(self.w * self.h, 1e-9)
        self.images.append((share, pixels, ctm))

    # --- text ----------------------------------------------------------------------------------

    def _font(self, name: Any) -> _FontText | None:
        name = _resource_name(name)
        fonts = self.frames[-1].resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else None
        if not isinstance(fonts, DictionaryObject) or name not in fonts:
            return None
        reference = fonts.raw_get(name)
        obj = fonts[name].get_object()
        if not isinstance(obj, DictionaryObject):
            return None
        key = reference.idnum if isinstance(reference, IndirectObject) else id(obj)
        if key not in self.fonts:
            try:
                font = Font.from_font_resource(obj)
            except Exception as exc:  # a broken font loses its glyphs, not the page
                logger.debug("unreadable font %s: %s", name, exc)
                return None
            custom = "/ToUnicode" in obj and _custom_codes(font)
            self.fonts[key] = _FontText(font, custom, _named_codes(obj))
        return self.fonts[key]

    def _show(self, string: Any, cm: list[float], tm: list[float]) -> None:
        frame = self.frames[-1]
        state = frame.state
        font = state.font
        if font is None or state.size == 0:
            return
        raw: bytes = string.original_bytes if hasattr(string, "original_bytes") else bytes(string)
        matrix = _mult(_mult(_matrix(tm), _matrix(cm)), frame.base)
        chars: list[str] = []
        boxes: list[tuple[float, float, float, float]] = []

        def flush() -> None:
            if chars:
                left = min(b[0] for b in boxes)
                top = min(b[1] for b in boxes)
                right = max(b[2] for b in boxes)
                bottom = max(b[3] for b in boxes)
                self.pieces.append(Piece("".join(chars), left, top, right, bottom))
                chars.clear()
                boxes.clear()

        for text, width, single_byte_space in _decode(font, raw):
            start = state.advance
            advance = width / 1000 * state.size + state.char_spacing
            if single_byte_space:
                advance += state.word_spacing
            state.advance += advance * state.scale
            text = "".join(c for c in text if c.isprintable())
            if not text or text.isspace():
                flush()
                continue
            end = start + width / 1000 * state.size * state.scale
            boxes.append(self._glyph_box(matrix, start, end, state))
            chars.append(text)
        flush()

    def _glyph_box(
        self, matrix: Matrix, start: float, end: float, state: _TextState
    ) -> tuple[float, float, float, float]:
        low = state.rise + _DESCENT * state.size
        high = state.rise + _ASCENT * state.size
        points = [self._display(*_apply(matrix, x, y)) for x in (start, end) for y in (low, high)]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))

    def _display(self, x: float, y: float) -> tuple[float, float]:
        """Page user space -> displayed page points, origin top left (crop box, /Rotate)."""
        u, v = x - self.x0, y - self.y0
        if self.rotation == 90:
            return v, u
        if self.rotation == 180:
            return self.w - u, v
        if self.rotation == 270:
            return self.h - v, self.w - u
        return u, self.h - v


def _decode(font_text: _FontText, raw: bytes) -> list[tuple[str, float, bool]]:
    """Split a shown string into (unicode text, width in glyph units, is byte 32) per code."""
    font = font_text.font
    out: list[tuple[str, float, bool]] = []
    if isinstance(font.encoding, str):  # composite font: multi-byte codes
        try:
            codes = raw.decode(font.encoding, "surrogatepass")
        except (UnicodeDecodeError, LookupError):
            codes = raw.decode("charmap")
        for code in codes:
            text = font.character_map.get(code)
            if text is None:
                text = font_text.text_of_unmapped(code) if font_text.custom_codes else code
            out.append((_glyph_text(str(text)), _width(font, code), False))
        return out
    for byte in raw:
        code = font.encoding.get(byte, chr(byte))
        text = font.character_map.get(code)
        if text is None:
            if font_text.custom_codes and byte not in font_text.named:
                text = font_text.text_of_unmapped(chr(byte))
            else:
                text = code
        out.append((_glyph_text(str(text)), _width(font, chr(byte)), byte == 32))
    return out


def _resource_name(name: Any) -> Any:
    """``name`` up to a NUL byte: NUL is white space in PDF syntax and ends a name."""
    if isinstance(name, str) and "\x00" in name:
        return NameObject(name.split("\x00", 1)[0])
    return name


def _glyph_text(text: str) -> str:
    """The text of a glyph that pypdf could only name (``/name`` from a /Differences array),
    by the Adobe Glyph List's rules: ``uniXXXX``, ``uXXXX[XX]``, ``a_b`` ligatures and ``.suffix``
    variants. A name with no Unicode meaning (an icon) is no text."""
    if len(text) < 2 or not text.startswith("/"):
        return text
    base = text[1:].split(".", 1)[0]
    parts = []
    for component in base.split("_"):
        known = adobe_glyphs.get("/" + component)
        if known is None:
            known = _uni_name(component)
        if known is None:
            return ""
        parts.append(known)
    return "".join(parts)


def _uni_name(component: str) -> str | None:
    digits = ""
    if component.startswith("uni") and len(component) >= 7 and (len(component) - 3) % 4 == 0:
        digits = component[3:]
        width = 4
    elif component.startswith("u") and 5 <= len(component) <= 7:
        digits = component[1:]
        width = len(digits)
    else:
        return None
    try:
        values = [int(digits[i : i + width], 16) for i in range(0, len(digits), width)]
    except ValueError:
        return None
    if any(not 0 <= v <= 0x10FFFF or 0xD800 <= v <= 0xDFFF for v in values):
        return None
    return "".join(chr(v) for v in values)


def _custom_codes(font: Font) -> bool:
    """True when the font's codes are not characters: most codes its ToUnicode map lists stand
    for a different character (a subset numbered in order of use, or glyph ids). A code the map
    leaves out then says nothing about its glyph."""
    mapped = [(code, text) for code, text in font.character_map.items() if isinstance(code, str)]
    if not mapped:
        return False
    differing = sum(1 for code, text in mapped if code != text)
    return differing * 2 > len(mapped)


def _named_codes(font_dict: DictionaryObject) -> frozenset[int]:
    encoding = font_dict.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if not isinstance(encoding, DictionaryObject):
        return frozenset()
    differences = encoding.get("/Differences")
    differences = differences.get_object() if differences is not None else None
    if not isinstance(differences, ArrayObject):
        return frozenset()
    named: set[int] = set()
    code = 0
    for item in differences:
        if isinstance(item, int):
            code = item
        elif isinstance(item, str):
            named.add(code)
            code += 1
    return frozenset(named)


def _guess_ligature(font: Font, code: str) -> str:
    """The ligature an unmapped glyph draws, judged by its width against its components'
    widths in the same font; U+FFFD when none, or more than one, fits."""
    width = _width(font, code)
    if width <= 0:
        return _UNKNOWN
    letters: dict[str, float] = {}
    for mapped, text in font.character_map.items():
        if isinstance(mapped, str) and isinstance(text, str) and len(text) == 1:
            letters.setdefault(text, _width(font, mapped))
    fits = set()
    for ligature in _LIGATURES:
        if all(c in letters for c in ligature):
            expected = sum(letters[c] for c in ligature)
            if expected > 0 and abs(width - expected) <= _LIGATURE_TOLERANCE * expected:
                fits.add(ligature)
    return fits.pop() if len(fits) == 1 else _UNKNOWN


def _width(font: Font, code: str) -> float:
    if code == font.space_char:
        return float(font.space_width)
    return float(font.get_text_width(code))


def _number(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _matrix(values: list[float] | tuple[float, ...]) -> Matrix:
    if len(values) != 6:
        return _IDENTITY
    a, b, c, d, e, f = (float(v) for v in values)
    return (a, b, c, d, e, f)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention: [x y 1] x m x n)."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
