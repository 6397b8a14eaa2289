"""Pages with shading behind text, as pay stubs and statements print them, and the two ways a
1-bit scanner draws gray: a clustered-dot halftone screen and error-diffusion dither.

Shared by the OCR tests and ``benchmarks/ocr_quality.py``; deterministic (no randomness unless a
seeded ``random.Random`` is passed).
"""

from __future__ import annotations

import io
import random

import pypdfium2 as pdfium
from PIL import Image, ImageChops
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

PAGE_HEIGHT = letter[1]


class Sheet:
    """A one-page PDF drawn top-down (y is the baseline, in points from the top)."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._pdf = canvas.Canvas(self._buffer, pagesize=letter, invariant=True)

    def text(
        self,
        x: float,
        y: float,
        value: str,
        *,
        size: float = 9,
        bold: bool = False,
        align: str = "left",
        gray: float = 0.0,
    ) -> None:
        self._pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self._pdf.setFillGray(gray)
        if align == "right":
            self._pdf.drawRightString(x, PAGE_HEIGHT - y, value)
        else:
            self._pdf.drawString(x, PAGE_HEIGHT - y, value)
        self._pdf.setFillGray(0)

    def bar(
        self, y: float, gray: float, *, size: float = 10, x: float = 40, width: float = 532
    ) -> None:
        """A shaded bar behind a line of ``size`` point text whose baseline is at ``y``."""
        self._pdf.setFillGray(gray)
        self._pdf.rect(x, PAGE_HEIGHT - y - 0.35 * size - 2, width, 1.3 * size + 4, 0, 1)
        self._pdf.setFillGray(0)

    def pdf(self) -> bytes:
        self._pdf.showPage()
        self._pdf.save()
        return self._buffer.getvalue()


def render(pdf: bytes, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image: Image.Image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        return image
    finally:
        document.close()


def clustered_dots(image: Image.Image, period: int = 5) -> Image.Image:
    """1-bit halftone with a clustered-dot screen: in each ``period`` x ``period`` cell a dot
    grows from the centre with the darkness of the gray it covers."""
    centre = (period - 1) / 2
    order = sorted(
        ((x, y) for y in range(period) for x in range(period)),
        key=lambda p: ((p[0] - centre) ** 2 + (p[1] - centre) ** 2, p),
    )
    cell = Image.new("L", (period, period))
    for rank, point in enumerate(order):
        cell.putpixel(point, round((rank + 0.5) * 256 / len(order)))
    screen = Image.new("L", image.size)
    for y in range(0, image.height, period):
        for x in range(0, image.width, period):
            screen.paste(cell, (x, y))
    # Ink where the darkness exceeds the screen's threshold at that pixel.
    darkness = ImageChops.invert(image)
    ink = ImageChops.subtract(darkness, screen).point(lambda v: 255 if v > 0 else 0)
    return ImageChops.invert(ink).convert("1", dither=Image.Dither.NONE)


def dithered(image: Image.Image) -> Image.Image:
    """1-bit with Floyd-Steinberg error diffusion, as fax machines and 1-bit scanners do."""
    return image.convert("1")


def pay_summary(
    gross: str = "$4,491.61", net: str = "$2,458.32", *, bar_gray: float = 0.55
) -> bytes:
    """A short pay stub: plain lines, the gross pay on a gray bar, the net pay white on a dark
    band."""
    sheet = Sheet()
    sheet.text(60, 80, "Earnings Statement", size=16, bold=True)
    sheet.text(60, 110, "Employee Jane Q Example")
    sheet.text(60, 124, "Regular hours 80.00 at 25.5000")
    sheet.bar(160, bar_gray)
    sheet.text(66, 160, "Gross Pay", size=10, bold=True)
    sheet.text(540, 160, gross, size=10, bold=True, align="right")
    sheet.text(60, 196, "Federal Income Tax 647.82")
    sheet.bar(232, 0.15)
    sheet.text(66, 232, "Net Pay", size=10, bold=True, gray=1)
    sheet.text(540, 232, net, size=10, bold=True, align="right", gray=1)
    return sheet.pdf()


def _money(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):,.2f}"


def statement_with_bars(rng: random.Random) -> bytes:
    """A pay-stub-like page: column headers white on dark bands, totals on mid-gray bars."""
    sheet = Sheet()
    company = rng.choice(("NORTHWIND TRADERS INC.", "BLUE RIVER HEALTH LLC", "ACME TOOLING CO."))
    sheet.text(40, 60, "Earnings Statement", size=16, bold=True)
    sheet.text(40, 80, company, size=10)
    sheet.text(380, 60, f"Period Ending: {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2024")
    sheet.text(380, 74, f"Pay Date: {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2024")
    sheet.text(380, 88, f"Employee ID: {rng.randint(100000, 999999)}")
    y = 130.0
    for section, labels in (
        ("Earnings", ("Regular", "Overtime", "Holiday", "Shift Diff", "Bonus", "Retro")),
        ("Deductions", ("Federal Tax", "Social Security", "Medicare", "State Tax", "Dental")),
    ):
        sheet.bar(y + 6, rng.choice((0.1, 0.2, 0.3)), size=9)
        for x, header in (
            (300, "Rate"),
            (380, "Hours"),
            (470, "This Period"),
            (566, "Year to Date"),
        ):
            sheet.text(x, y + 6, header, bold=True, align="right", gray=1)
        sheet.text(46, y + 6, section, bold=True, gray=1)
        y += 22
        for label in labels:
            sheet.text(46, y, label)
            if section == "Earnings":
                sheet.text(300, y, f"{rng.uniform(15, 120):.4f}", align="right")
                sheet.text(380, y, f"{rng.uniform(1, 90):.2f}", align="right")
            sheet.text(470, y, _money(rng, 10, 4000), align="right")
            sheet.text(566, y, _money(rng, 100, 90000), align="right")
            y += 14
        y += 4
        sheet.bar(y + 4, rng.choice((0.45, 0.55, 0.65, 0.75)))
        sheet.text(
            46, y + 4, "Gross Pay" if section == "Earnings" else "Net Pay", size=10, bold=True
        )
        sheet.text(470, y + 4, "$" + _money(rng, 900, 9000), size=10, bold=True, align="right")
        sheet.text(566, y + 4, _money(rng, 9000, 150000), size=10, bold=True, align="right")
        y += 40
    sheet.bar(y + 6, rng.choice((0.45, 0.6, 0.75)), size=9)
    sheet.text(46, y + 6, "Net Check", bold=True)
    sheet.text(200, y + 6, "$" + _money(rng, 0, 50), bold=True, align="right")
    sheet.text(330, y + 6, f"Checking {rng.randint(1, 9)}")
    sheet.text(470, y + 6, _money(rng, 500, 5000), align="right")
    y += 40
    sheet.text(46, y, "Your federal taxable wages this period are $" + _money(rng, 500, 9000))
    hours, leave = rng.uniform(10, 90), rng.uniform(1, 40)
    sheet.text(46, y + 14, f"Hours worked {hours:.2f} and accrued leave {leave:.2f}")
    return sheet.pdf()
