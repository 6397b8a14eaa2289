"""A letter-size canvas that knows where its text went, and the few arrangements builders share.

Coordinates are in points from the top-left corner; ``y`` is a text baseline. Every string drawn
is recorded with its bounding box, so ``Sheet.defects`` can report text that runs off the page
or overlaps other text: the generator redraws a document whose layout collided (see
``corpus.build_document``) instead of shipping it.

The canvas is created with ``invariant=1`` (fixed creation date and document id), so the same
drawing gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = letter
# Text closer than this to the paper's edge counts as running off the page.
EDGE = 20.0
MIN_SIZE = 5.5
_ASCENT = 0.78
_DESCENT = 0.22


@dataclass(frozen=True)
class Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float

    def overlaps(self, other: Box, slack: float = 0.4) -> bool:
        return (
            self.page == other.page
            and self.x0 < other.x1 - slack
            and other.x0 < self.x1 - slack
            and self.top < other.bottom - slack
            and other.top < self.bottom - slack
        )


@dataclass
class Sheet:
    """A multi-page PDF being drawn. ``regular``/``bold`` are the document's typeface."""

    regular: str
    bold: str
    title: str = ""
    page: int = 1
    boxes: list[Box] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._buffer = io.BytesIO()
        self._canvas = canvas.Canvas(self._buffer, pagesize=letter, invariant=1, pageCompression=1)
        if self.title:
            self._canvas.setTitle(self.title)

    # --- text -----------------------------------------------------------------------------

    def width(
        self, value: str, size: float, *, bold: bool = False, font: str | None = None
    ) -> float:
        name = font or (self.bold if bold else self.regular)
        return float(stringWidth(value, name, size))

    def fit(
        self,
        value: str,
        size: float,
        max_width: float,
        *,
        bold: bool = False,
        font: str | None = None,
    ) -> float:
        """The largest size <= ``size`` (in half points) at which ``value`` fits ``max_width``."""
        while size > MIN_SIZE and self.width(value, size, bold=bold, font=font) > max_width:
            size -= 0.5
        return size

    def text(
        self,
        x: float,
        y: float,
        value: str,
        *,
        size: float,
        bold: bool = False,
        font: str | None = None,
        align: str = "left",
        max_width: float | None = None,
        gray: float = 0.0,
    ) -> float:
        """Draw ``value`` with its baseline at ``y``; returns the drawn width.

        With ``max_width`` the text shrinks to fit; if it cannot, that is recorded as a defect.
        """
        if not value:
            return 0.0
        name = font or (self.bold if bold else self.regular)
        if max_width is not None:
            size = self.fit(value, size, max_width, font=name)
        drawn = float(stringWidth(value, name, size))
        if max_width is not None and drawn > max_width + 0.5:
            self.problems.append(f"page {self.page}: {value!r} wider than {max_width:.0f}pt")
        if align == "right":
            x0 = x - drawn
        elif align == "center":
            x0 = x - drawn / 2
        else:
            x0 = x
        self._canvas.setFont(name, size)
        if gray:
            self._canvas.setFillGray(gray)
        self._canvas.drawString(x0, PAGE_HEIGHT - y, value)
        if gray:
            self._canvas.setFillGray(0)
        self.boxes.append(
            Box(self.page, x0, y - _ASCENT * size, x0 + drawn, y + _DESCENT * size, value, size)
        )
        return drawn

    def wrap(
        self, value: str, size: float, width: float, *, bold: bool = False, font: str | None = None
    ) -> list[str]:
        """``value`` broken into lines no wider than ``width``."""
        lines: list[str] = []
        current = ""
        for word in value.split():
            candidate = f"{current} {word}" if current else word
            if current and self.width(candidate, size, bold=bold, font=font) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines

    def paragraph(
        self,
        x: float,
        y: float,
        value: str,
        *,
        size: float,
        width: float,
        leading: float | None = None,
        bold: bool = False,
        font: str | None = None,
    ) -> float:
        """Running text wrapped to ``width``; returns the baseline after the last line."""
        step = leading or size * 1.3
        for line in self.wrap(value, size, width, bold=bold, font=font):
            self.text(x, y, line, size=size, bold=bold, font=font)
            y += step
        return y

    # --- rules and boxes --------------------------------------------------------------------

    def rect(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        *,
        line: float = 0.6,
        fill: float | None = None,
        stroke: bool = True,
    ) -> None:
        """A rectangle whose top-left corner is (x, y); ``fill`` is a gray level."""
        self._canvas.setLineWidth(line)
        if fill is not None:
            self._canvas.setFillGray(fill)
        self._canvas.rect(
            x,
            PAGE_HEIGHT - y - height,
            width,
            height,
            stroke=int(stroke),
            fill=int(fill is not None),
        )
        if fill is not None:
            self._canvas.setFillGray(0)

    def hline(
        self, x1: float, x2: float, y: float, *, line: float = 0.6, dash: bool = False
    ) -> None:
        self._canvas.setLineWidth(line)
        if dash:
            self._canvas.setDash(2, 2)
        self._canvas.line(x1, PAGE_HEIGHT - y, x2, PAGE_HEIGHT - y)
        if dash:
            self._canvas.setDash()

    def checkbox(self, x: float, y: float, *, checked: bool, size: float = 7) -> None:
        """A tick box whose bottom edge sits on baseline ``y``."""
        self.rect(x, y - size, size, size, line=0.6)
        if checked:
            self.text(x + size / 2, y - 1, "X", size=size, align="center", font="Helvetica-Bold")

    # --- pages ------------------------------------------------------------------------------

    def new_page(self) -> None:
        self._canvas.showPage()
        self.page += 1

    def finish(self) -> bytes:
        self._canvas.showPage()
        self._canvas.save()
        return self._buffer.getvalue()

    def text_size(self) -> float:
        """The median size of the text drawn (what a scan's resolution must keep legible)."""
        sizes = sorted(box.size for box in self.boxes)
        return sizes[len(sizes) // 2] if sizes else 10.0

    def defects(self) -> list[str]:
        """Text off the page, text that did not fit, and text overlapping other text."""
        found = list(self.problems)
        for box in self.boxes:
            if (
                box.x0 < EDGE
                or box.x1 > PAGE_WIDTH - EDGE
                or box.top < EDGE
                or box.bottom > PAGE_HEIGHT - EDGE
            ):
                found.append(f"page {box.page}: {box.text!r} off the page")
        ordered = sorted(self.boxes, key=lambda b: (b.page, b.x0))
        for i, box in enumerate(ordered):
            for other in ordered[i + 1 :]:
                if other.page != box.page or other.x0 >= box.x1:
                    break
                if box.overlaps(other):
                    found.append(f"page {box.page}: {box.text!r} overlaps {other.text!r}")
        return found


# --- shared arrangements ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str  # "\n" splits a header over two lines
    align: str = "left"


@dataclass
class TableStyle:
    size: float
    rules: str = "lines"  # lines | grid | shade | none
    header_bold: bool = True
    pad: float = 4.0
    leading: float = 1.35  # row height as a multiple of the size


def table(
    sheet: Sheet,
    x: float,
    y: float,
    width: float,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    style: TableStyle,
    *,
    bold_rows: frozenset[int] = frozenset(),
    bottom: float | None = None,
    continue_page: Callable[[], float] | None = None,
) -> float:
    """A table with a header row; column widths follow the content and fill ``width``.

    When the table would pass ``bottom``, ``continue_page`` is called (it starts a page and
    returns the y to continue at) and the header is repeated. Returns the y below the table.
    """
    size = style.size
    while True:
        natural = _natural_widths(sheet, columns, rows, size, style)
        if sum(natural) <= width or size <= MIN_SIZE:
            break
        size -= 0.5
    if sum(natural) > width:
        sheet.problems.append(f"page {sheet.page}: table wider than {width:.0f}pt")
    # Half the spare room goes to the widest (description) column, as tables usually have it.
    spare = max(0.0, width - sum(natural))
    widest = max(range(len(columns)), key=lambda n: natural[n])
    share = spare / 2 if len(columns) > 1 else spare
    rest = (spare - share) / max(1, len(columns) - 1)
    widths = [w + (share if n == widest else rest) for n, w in enumerate(natural)]
    row_height = size * style.leading + 2
    header_lines = max(len(c.header.split("\n")) for c in columns)
    header_height = header_lines * size * 1.15 + 5

    def draw_header(top: float) -> float:
        if style.rules == "shade":
            sheet.rect(x, top, width, header_height, fill=0.88, stroke=False)
        left = x
        for column, col_width in zip(columns, widths, strict=True):
            if style.rules == "grid":
                sheet.rect(left, top, col_width, header_height)
            parts = column.header.split("\n")
            base = top + header_height - 4 - (len(parts) - 1) * size * 1.15
            for n, part in enumerate(parts):
                _cell_text(
                    sheet,
                    left,
                    col_width,
                    base + n * size * 1.15,
                    part,
                    column.align,
                    size,
                    style.pad,
                    bold=style.header_bold,
                )
            left += col_width
        if style.rules in ("lines", "shade"):
            sheet.hline(x, x + width, top + header_height, line=0.8)
        return top + header_height

    y = draw_header(y)
    for index, row in enumerate(rows):
        if bottom is not None and continue_page is not None and y + row_height > bottom:
            y = draw_header(continue_page())
        baseline = y + row_height - 4
        left = x
        for column, col_width, value in zip(columns, widths, row, strict=True):
            if style.rules == "grid":
                sheet.rect(left, y, col_width, row_height)
            _cell_text(
                sheet,
                left,
                col_width,
                baseline,
                value,
                column.align,
                size,
                style.pad,
                bold=index in bold_rows,
            )
            left += col_width
        if style.rules == "lines" and index in bold_rows:
            sheet.hline(x, x + width, y, line=0.5)
        y += row_height
    return y + 2


def _natural_widths(
    sheet: Sheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    size: float,
    style: TableStyle,
) -> list[float]:
    widths = []
    for n, column in enumerate(columns):
        texts = [*column.header.split("\n")]
        content = max(
            [sheet.width(t, size, bold=style.header_bold) for t in texts]
            + [sheet.width(row[n], size, bold=True) for row in rows]
        )
        widths.append(content + 2 * style.pad + 2)
    return widths


def _cell_text(
    sheet: Sheet,
    left: float,
    width: float,
    baseline: float,
    value: str,
    align: str,
    size: float,
    pad: float,
    *,
    bold: bool,
) -> None:
    if align == "right":
        sheet.text(left + width - pad, baseline, value, size=size, bold=bold, align="right")
    elif align == "center":
        sheet.text(left + width / 2, baseline, value, size=size, bold=bold, align="center")
    else:
        sheet.text(left + pad, baseline, value, size=size, bold=bold)


def field_pair(
    sheet: Sheet,
    x: float,
    y: float,
    label: str,
    value: str,
    *,
    placement: str,
    size: float,
    width: float,
    label_bold: bool,
    label_width: float | None = None,
    leaders: bool = False,
) -> float:
    """A label and its value; returns the next baseline.

    ``right``: value on the same line, right-aligned at ``x + width`` (or left-aligned at
    ``x + label_width``); ``below``: a smaller label with the value under it; ``inline``:
    ``Label: value``. ``leaders`` fills the gap of a right-aligned value with dots.
    """
    leading = size * 1.35
    if placement == "below":
        small = max(MIN_SIZE, size - 1.5)
        sheet.text(x, y, label, size=small, bold=label_bold, max_width=width)
        sheet.text(x, y + small * 1.15 + 1, value, size=size, max_width=width)
        return y + small * 1.15 + 1 + leading
    if placement == "inline":
        text = label if label.endswith(":") else f"{label}:"
        drawn = sheet.text(x, y, text, size=size, bold=label_bold, max_width=width * 0.7)
        sheet.text(x + drawn + size * 0.45, y, value, size=size, max_width=width - drawn - size)
        return y + leading
    label_room = (label_width or width * 0.62) - 4
    drawn = sheet.text(x, y, label, size=size, bold=label_bold, max_width=label_room)
    if label_width is not None:
        sheet.text(x + label_width, y, value, size=size, max_width=width - label_width)
        return y + leading
    value_width = sheet.width(value, size)
    sheet.text(x + width, y, value, size=size, align="right", max_width=width - drawn - 6)
    if leaders:
        dot = sheet.width(".", size)
        gap = width - drawn - value_width - 2 * size
        if gap > 4 * dot:
            sheet.text(x + drawn + size * 0.5, y, "." * int(gap / dot), size=size, gray=0.35)
    return y + leading


def form_cell(
    sheet: Sheet,
    x: float,
    y: float,
    width: float,
    height: float,
    label: str,
    value: str | Sequence[str] = "",
    *,
    label_size: float = 6,
    value_size: float = 9,
    value_align: str = "left",
    value_font: str | None = None,
    shade: float | None = None,
) -> None:
    """A boxed form field: the caption in the top-left corner, the value(s) near the bottom."""
    if shade is not None:
        sheet.rect(x, y, width, height, fill=shade, stroke=False)
    sheet.rect(x, y, width, height)
    # A caption that nearly fits stays on one line in a slightly smaller size, as printed
    # forms do; longer ones wrap to two lines.
    captions = [label]
    if sheet.width(label, label_size) > width - 4:
        smaller = sheet.fit(label, label_size, width - 4)
        if smaller >= label_size - 1 and sheet.width(label, smaller) <= width - 4:
            label_size = smaller
        else:
            captions = sheet.wrap(label, label_size, width - 4)[:2]
    for n, caption in enumerate(captions):
        sheet.text(
            x + 2,
            y + label_size + 1 + n * label_size * 1.1,
            caption,
            size=label_size,
            max_width=width - 4,
        )
    values = [value] if isinstance(value, str) else list(value)
    values = [v for v in values if v]
    if not values:
        return
    caption_bottom = y + label_size * 1.1 * len(captions) + 2
    room = y + height - 2 - caption_bottom
    while value_size > MIN_SIZE and value_size * (1.15 * (len(values) - 1) + 1) > room:
        value_size -= 0.5
    leading = value_size * 1.15
    baseline = y + height - 3 - value_size * _DESCENT - (len(values) - 1) * leading
    if baseline - value_size * _ASCENT < caption_bottom:
        baseline = caption_bottom + value_size * _ASCENT
    if baseline + (len(values) - 1) * leading + value_size * _DESCENT > y + height + 0.5:
        sheet.problems.append(f"page {sheet.page}: values of {label!r} overflow their box")
    for n, line in enumerate(values):
        at = baseline + n * leading
        if value_align == "right":
            sheet.text(
                x + width - 4,
                at,
                line,
                size=value_size,
                align="right",
                max_width=width - 8,
                font=value_font,
            )
        else:
            sheet.text(x + 4, at, line, size=value_size, max_width=width - 8, font=value_font)
