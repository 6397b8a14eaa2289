"""Drawing helpers shared by the bazaar tax kinds (``form_1040`` and ``form_1099``).

Only mechanics live here (a canvas wrapper, money and date styles, masking); every layout, label
and wording stays in its kind's module.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pipeline.samples.bazaar.people import Address, Person, make_address, money

FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
    "Slanted": ("Helvetica-Oblique", "Helvetica-BoldOblique", "Helvetica-Oblique"),
}
PAGE_W: float = float(letter[0])
PAGE_H: float = float(letter[1])
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class MoneyStyle:
    dollar: bool
    commas: bool

    def __call__(self, cents: int) -> str:
        return money(cents, dollar=self.dollar, commas=self.commas)


def money_style(rng: random.Random) -> MoneyStyle:
    return MoneyStyle(rng.random() < 0.5, rng.random() < 0.8)


def date_text(rng_style: int, year: int, month: int, day: int) -> str:
    """One of several date formats, chosen by ``rng_style`` (0-4)."""
    style = rng_style % 5
    if style == 0:
        return f"{month:02d}/{day:02d}/{year}"
    if style == 1:
        return f"{month:02d}-{day:02d}-{year}"
    if style == 2:
        return f"{MONTHS[month - 1]} {day}, {year}"
    if style == 3:
        return f"{MONTHS[month - 1][:3]}. {day}, {year}"
    return f"{year}-{month:02d}-{day:02d}"


def masked_ssn(last4: str, style: int) -> str:
    return ("XXX-XX-", "***-**-", "xxx-xx-", "*****")[style % 4] + last4


def masked_number(full: str, keep: int, style: int) -> str:
    mark = "X*"[style % 2]
    return mark * (len(full) - keep) + full[-keep:]


def person_name(person: Person, style: str, *, initial: bool = True) -> tuple[str, str]:
    """The printed form of a name and its truth: ``style`` is "natural", "last_first" or "caps"
    (natural order in capitals) or "caps_last_first"."""
    truth = person.truth(initial=initial)
    if style == "last_first":
        printed = person.last_first(initial=initial)
    elif style == "caps":
        printed = person.natural(initial=initial).upper()
    elif style == "caps_last_first":
        printed = person.last_first(initial=initial).upper()
    else:
        printed = person.natural(initial=initial)
    return printed, truth


def business_address(rng: random.Random) -> Address:
    """An office address: a suite or floor instead of an apartment, or none."""
    address = make_address(rng)
    unit = rng.choice(("", "", f"Suite {rng.randint(100, 1900)}", f"Floor {rng.randint(2, 30)}"))
    return replace(address, unit=unit)


def address_lines(address: Address, *, caps: bool = False, abbreviate: bool = True) -> list[str]:
    lines = [address.street_line(abbreviate=abbreviate), address.city_line()]
    return [line.upper() for line in lines] if caps else lines


def address_truth(address: Address, *, abbreviate: bool = True) -> dict[str, str]:
    truth = address.truth()
    truth["street"] = address.street_line(abbreviate=abbreviate)
    return truth


class Pen:
    """A letter-size reportlab canvas with a body font family and size."""

    def __init__(self, family: str, size: float) -> None:
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=letter, invariant=1)
        self.family = family
        self.regular, self.bold, self.italic = FONTS[family]
        self.size = size
        self.page = 1

    def font(self, bold: bool = False, italic: bool = False, family: str | None = None) -> str:
        regular, strong, slanted = (
            FONTS[family] if family else (self.regular, self.bold, self.italic)
        )
        return strong if bold else slanted if italic else regular

    def width(
        self, text: str, size: float | None = None, bold: bool = False, family: str | None = None
    ) -> float:
        return float(stringWidth(text, self.font(bold, family=family), size or self.size))

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        family: str | None = None,
        align: str = "left",
        gray: float = 0.0,
    ) -> None:
        c = self.canvas
        c.setFont(self.font(bold, italic, family), size or self.size)
        c.setFillGray(gray)
        if align == "right":
            c.drawRightString(x, y, text)
        elif align == "center":
            c.drawCentredString(x, y, text)
        else:
            c.drawString(x, y, text)
        c.setFillGray(0)

    def fit(
        self, x: float, y: float, text: str, width: float, size: float | None = None, **kw: object
    ) -> None:
        """Draw ``text`` shrunk so it fits ``width``."""
        size = size or self.size
        bold = bool(kw.get("bold", False))
        family = kw.get("family")
        fam = family if isinstance(family, str) else None
        while size > 4 and self.width(text, size, bold, fam) > width:
            size -= 0.25
        self.text(x, y, text, size, bold=bold, family=fam, align=str(kw.get("align", "left")))

    def line(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5, gray: float = 0.0
    ) -> None:
        c = self.canvas
        c.setLineWidth(width)
        c.setStrokeGray(gray)
        c.line(x1, y1, x2, y2)
        c.setStrokeGray(0)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        width: float = 0.5,
        fill: float | None = None,
        stroke: bool = True,
    ) -> None:
        c = self.canvas
        c.setLineWidth(width)
        if fill is not None:
            c.setFillGray(fill)
        c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        c.setFillGray(0)

    def leader(self, x1: float, x2: float, y: float, size: float | None = None) -> None:
        """A row of dots from ``x1`` to ``x2``."""
        size = size or self.size
        dot = self.width(" .", size)
        count = int((x2 - x1) / dot)
        if count > 1:
            self.text(x1, y, " ." * count, size, gray=0.35)

    def wrap(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        size: float | None = None,
        leading: float | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        gray: float = 0.0,
    ) -> float:
        """Draw ``text`` word-wrapped into ``width``; return the y below the last line."""
        size = size or self.size
        leading = leading or size * 1.22
        words = text.split()
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if stringWidth(trial, self.font(bold, italic), size) > width and line:
                self.text(x, y, line, size, bold=bold, italic=italic, gray=gray)
                y -= leading
                line = word
            else:
                line = trial
        if line:
            self.text(x, y, line, size, bold=bold, italic=italic, gray=gray)
            y -= leading
        return y

    def watermark(self, text: str, size: float = 60, gray: float = 0.88) -> None:
        c = self.canvas
        c.saveState()
        c.setFillGray(gray)
        c.setFont("Helvetica-Bold", size)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(35)
        c.drawCentredString(0, 0, text)
        c.restoreState()

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1

    def pdf(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def checkbox(pen: Pen, x: float, y: float, checked: bool, size: float = 7) -> None:
    pen.rect(x, y, size, size, 0.6)
    if checked:
        pen.text(x + size / 2, y + 1, "X", size, bold=True, family="Helvetica", align="center")
