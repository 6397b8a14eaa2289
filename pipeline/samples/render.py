"""Drawing helpers over a reportlab canvas, and the number/date formats documents print.

Only reportlab's built-in Type 1 fonts are used, so generation needs no system fonts, and the
canvas is created with ``invariant=1`` so the same seed gives byte-identical PDFs.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = letter


def fmt_amount(
    value: Decimal, *, commas: bool = True, dollar: bool = False, cents: bool = True
) -> str:
    """``Decimal("84512.3")`` -> ``84,512.30`` (or ``84512.30``, ``$84,512.30``, ``84,512``)."""
    if cents:
        text = f"{value:,.2f}" if commas else f"{value:.2f}"
    else:
        text = f"{value:,.0f}" if commas else f"{value:.0f}"
    if dollar:
        text = f"-${text[1:]}" if text.startswith("-") else f"${text}"
    return text


def fmt_date(value: date, style: str) -> str:
    if style == "iso":
        return value.isoformat()
    if style == "long":
        return f"{value:%B} {value.day}, {value.year}"
    if style == "short":
        return f"{value:%b} {value.day}, {value.year}"
    return f"{value:%m/%d/%Y}"


def fmt_ssn(ssn: str, style: str) -> str:
    """``full`` 900-12-3456, ``xmask`` XXX-XX-3456, ``starmask`` ***-**-3456."""
    if style == "xmask":
        return f"XXX-XX-{ssn[-4:]}"
    if style == "starmask":
        return f"***-**-{ssn[-4:]}"
    return f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"


class Sheet:
    """A multi-page letter-size PDF drawn with top-left coordinates in points."""

    def __init__(self, *, title: str = "") -> None:
        self._buffer = io.BytesIO()
        self._canvas = canvas.Canvas(self._buffer, pagesize=letter, invariant=1, pageCompression=1)
        if title:
            self._canvas.setTitle(title)
        self.page = 1

    def text(
        self,
        x: float,
        y: float,
        value: str,
        *,
        size: float = 9,
        bold: bool = False,
        align: str = "left",
        font: str | None = None,
    ) -> None:
        name = font or ("Helvetica-Bold" if bold else "Helvetica")
        self._canvas.setFont(name, size)
        baseline = PAGE_HEIGHT - y
        if align == "right":
            self._canvas.drawRightString(x, baseline, value)
        elif align == "center":
            self._canvas.drawCentredString(x, baseline, value)
        else:
            self._canvas.drawString(x, baseline, value)

    def lines(
        self,
        x: float,
        y: float,
        values: list[str],
        *,
        size: float = 9,
        leading: float = 11,
        bold: bool = False,
    ) -> float:
        """Draw one line per value; returns the y below the last line."""
        for value in values:
            self.text(x, y, value, size=size, bold=bold)
            y += leading
        return y

    def box(self, x: float, y: float, width: float, height: float, *, line: float = 0.6) -> None:
        self._canvas.setLineWidth(line)
        self._canvas.rect(x, PAGE_HEIGHT - y - height, width, height, stroke=1, fill=0)

    def shade(self, x: float, y: float, width: float, height: float, gray: float = 0.9) -> None:
        self._canvas.setFillGray(gray)
        self._canvas.rect(x, PAGE_HEIGHT - y - height, width, height, stroke=0, fill=1)
        self._canvas.setFillGray(0)

    def hline(self, x1: float, x2: float, y: float, *, line: float = 0.6) -> None:
        self._canvas.setLineWidth(line)
        self._canvas.line(x1, PAGE_HEIGHT - y, x2, PAGE_HEIGHT - y)

    def vline(self, x: float, y1: float, y2: float, *, line: float = 0.6) -> None:
        self._canvas.setLineWidth(line)
        self._canvas.line(x, PAGE_HEIGHT - y1, x, PAGE_HEIGHT - y2)

    def cell(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        label: str,
        value: str = "",
        *,
        label_size: float = 6,
        value_size: float = 9,
        value_align: str = "left",
    ) -> None:
        """A form box: a small label in its top-left corner and the value below it."""
        self.box(x, y, width, height)
        self.text(x + 2, y + label_size + 1.5, label, size=label_size)
        if value:
            if value_align == "right":
                self.text(x + width - 4, y + height - 4, value, size=value_size, align="right")
            else:
                self.text(x + 4, y + height - 4, value, size=value_size)

    def multiline_cell(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        label: str,
        values: list[str],
        *,
        label_size: float = 6,
        value_size: float = 9,
    ) -> None:
        self.box(x, y, width, height)
        self.text(x + 2, y + label_size + 1.5, label, size=label_size)
        self.lines(x + 4, y + label_size + 12, values, size=value_size, leading=value_size + 2)

    def new_page(self) -> None:
        self._canvas.showPage()
        self.page += 1

    def finish(self) -> bytes:
        self._canvas.showPage()
        self._canvas.save()
        return self._buffer.getvalue()
