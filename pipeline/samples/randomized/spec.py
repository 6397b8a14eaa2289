"""The randomized layout spec drawn per document, and the printed forms of values.

A ``Spec`` is drawn once per document from that document's ``random.Random``: typeface, body
size, bold labels, how amounts, dates and names are printed, where values sit relative to their
labels, and (through ``word``) which real-world wording each label takes. Builders ask the spec
rather than the random generator for anything the reader sees, so one document is consistent
with itself (one wording per label, one number format) while documents differ from each other.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pipeline.samples.randomized.people import Person

CENT = Decimal("0.01")

FACES: dict[str, tuple[str, str]] = {
    "helvetica": ("Helvetica", "Helvetica-Bold"),
    "times": ("Times-Roman", "Times-Bold"),
    "courier": ("Courier", "Courier-Bold"),
}
# Amounts: "1,234.56", "$1,234.56", "1234.56"; the whole-dollar forms are for documents that
# really print them (1040 lines, some VOE tables).
MONEY_STYLES = ("comma", "dollar", "plain")
WHOLE_STYLES = ("whole", "whole_plain", "comma")
DATE_STYLES = ("mdy", "mon", "iso", "dmy")
# "First M Last", "FIRST M LAST", "Last, First M", "LAST, FIRST M".
NAME_STYLES = ("natural", "upper", "last_first", "last_first_upper")
# Where a value sits relative to its label in list-like arrangements.
PLACEMENTS = ("right", "below", "inline")

PERIODS_PER_YEAR = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12}


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal, style: str) -> str:
    """``value`` printed in ``style`` (see ``MONEY_STYLES``/``WHOLE_STYLES``)."""
    negative = value < 0
    value = abs(value)
    if style == "comma":
        text = f"{value:,.2f}"
    elif style == "dollar":
        text = f"${value:,.2f}"
    elif style == "plain":
        text = f"{value:.2f}"
    elif style == "whole":
        text = f"{value:,.0f}"
    elif style == "whole_plain":
        text = f"{value:.0f}"
    else:
        raise ValueError(f"unknown money style {style!r}")
    return f"-{text}" if negative else text


def fmt_date(value: date, style: str) -> str:
    if style == "mdy":
        return f"{value:%m/%d/%Y}"
    if style == "mon":
        return f"{value:%b} {value.day}, {value.year}"
    if style == "iso":
        return value.isoformat()
    if style == "dmy":
        return f"{value.day:02d}-{value:%b}-{value.year}"
    if style == "long":
        return f"{value:%B} {value.day}, {value.year}"
    raise ValueError(f"unknown date style {style!r}")


def fmt_name(who: Person, style: str) -> str:
    given = f"{who.first} {who.middle}" if who.middle else who.first
    if style == "natural":
        return who.truth_name
    if style == "upper":
        return who.truth_name.upper()
    if style == "last_first":
        return f"{who.last}, {given}"
    if style == "last_first_upper":
        return f"{who.last}, {given}".upper()
    raise ValueError(f"unknown name style {style!r}")


def fmt_ssn(ssn: str, style: str) -> str:
    if style == "full":
        return f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"
    if style == "xmask":
        return f"XXX-XX-{ssn[-4:]}"
    if style == "starmask":
        return f"***-**-{ssn[-4:]}"
    if style == "lastfour":
        return f"xxx-xx-{ssn[-4:]}"
    raise ValueError(f"unknown ssn style {style!r}")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class Spec:
    """One document's drawn presentation. Create with ``Spec.draw``."""

    rng: random.Random
    face_name: str
    size: float
    label_bold: bool
    money_style: str
    date_style: str
    name_style: str
    placement: str
    ssn_style: str
    _words: dict[str, str] = field(default_factory=dict)

    @classmethod
    def draw(
        cls,
        rng: random.Random,
        *,
        sizes: tuple[float, float] = (7, 12),
        money_styles: tuple[str, ...] = MONEY_STYLES,
        name_styles: tuple[str, ...] = NAME_STYLES,
        placements: tuple[str, ...] = PLACEMENTS,
        faces: tuple[str, ...] = ("helvetica", "helvetica", "times", "courier"),
    ) -> Spec:
        low, high = sizes
        return cls(
            rng=rng,
            face_name=rng.choice(faces),
            size=rng.choice([low + step / 2 for step in range(int((high - low) * 2) + 1)]),
            label_bold=rng.random() < 0.5,
            money_style=rng.choice(money_styles),
            date_style=rng.choice(DATE_STYLES),
            name_style=rng.choice(name_styles),
            placement=rng.choice(placements),
            ssn_style=rng.choice(("full", "xmask", "starmask", "lastfour")),
        )

    @property
    def regular(self) -> str:
        return FACES[self.face_name][0]

    @property
    def bold(self) -> str:
        return FACES[self.face_name][1]

    @property
    def label_font(self) -> str:
        return self.bold if self.label_bold else self.regular

    def word(self, key: str, options: tuple[str, ...]) -> str:
        """The wording of ``key`` in this document: drawn from ``options`` once, then reused."""
        if key not in self._words:
            self._words[key] = self.rng.choice(options)
        return self._words[key]

    def amount(self, value: Decimal, style: str | None = None) -> str:
        return fmt_money(value, style or self.money_style)

    def dollars(self, value: Decimal) -> str:
        """An amount in running text, where a "$" is always printed."""
        text = fmt_money(value, "comma")
        return f"${text}"

    def date(self, value: date) -> str:
        return fmt_date(value, self.date_style)

    def name(self, who: Person, style: str | None = None) -> str:
        return fmt_name(who, style or self.name_style)

    def ssn(self, who: Person) -> str:
        return fmt_ssn(who.ssn, self.ssn_style)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability
