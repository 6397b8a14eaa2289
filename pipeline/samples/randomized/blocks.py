"""Pieces several document kinds print: letterheads, address blocks, lists of labelled fields.

Each takes the document's ``Spec`` so the arrangement (and wording) is drawn per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.samples.randomized import people
from pipeline.samples.randomized.draw import PAGE_WIDTH, Sheet, field_pair
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import Spec
from pipeline.samples.truth import DocumentTruth

LETTERHEADS = ("left", "center", "right", "bar", "rule")


@dataclass(frozen=True)
class Drawn:
    """A finished document: its PDF, its labels, and what went wrong drawing it (if anything)."""

    pdf: bytes
    truth: DocumentTruth
    defects: list[str]
    pages: int
    text_size: float


def done(sheet: Sheet, truth: DocumentTruth) -> Drawn:
    pages, size = sheet.page, sheet.text_size()
    return Drawn(
        pdf=sheet.finish(), truth=truth, defects=sheet.defects(), pages=pages, text_size=size
    )


def new_sheet(spec: Spec, title: str) -> Sheet:
    return Sheet(regular=spec.regular, bold=spec.bold, title=title)


def letterhead(
    sheet: Sheet,
    spec: Spec,
    org: Organisation,
    *,
    x: float,
    y: float,
    width: float,
    style: str | None = None,
    upper: bool | None = None,
    extra: Sequence[str] = (),
) -> float:
    """The organisation's name and address as a letterhead; returns the y below it."""
    style = style or spec.rng.choice(LETTERHEADS)
    name = org.name.upper() if (spec.chance(0.4) if upper is None else upper) else org.name
    lines = [
        *people.address_lines(spec.rng, org.address, None),
        *([org.phone] if spec.chance(0.6) else []),
        *extra,
    ]
    big = spec.size + spec.rng.choice((3, 4, 6))
    small = max(6.5, spec.size - 1)
    if style == "bar":
        height = big * 1.6 + 6
        sheet.rect(x, y, width, height, fill=spec.rng.choice((0.85, 0.9, 0.8)), stroke=False)
        sheet.text(
            x + 8, y + height / 2 + big * 0.35, name, size=big, bold=True, max_width=width * 0.6
        )
        line_y = y + 4 + small
        for line in lines[:3]:
            sheet.text(
                x + width - 8, line_y, line, size=small, align="right", max_width=width * 0.36
            )
            line_y += small * 1.2
        return y + max(height, line_y - y) + 10
    if style == "center":
        mid = x + width / 2
        sheet.text(mid, y + big, name, size=big, bold=True, align="center", max_width=width)
        line_y = y + big + small * 1.5
        joined = "  |  ".join(lines) if spec.chance(0.5) else None
        if joined and sheet.width(joined, small) < width:
            sheet.text(mid, line_y, joined, size=small, align="center")
            line_y += small * 1.3
        else:
            for line in lines:
                sheet.text(mid, line_y, line, size=small, align="center", max_width=width)
                line_y += small * 1.25
        return line_y + 8
    if style == "right":
        sheet.text(x, y + big, name, size=big, bold=True, max_width=width * 0.55)
        line_y = y + small + 2
        for line in lines:
            sheet.text(x + width, line_y, line, size=small, align="right", max_width=width * 0.4)
            line_y += small * 1.25
        return max(y + big * 1.6, line_y) + 8
    sheet.text(x, y + big, name, size=big, bold=True, max_width=width)
    line_y = y + big + small * 1.5
    for line in lines:
        sheet.text(x, line_y, line, size=small, max_width=width)
        line_y += small * 1.25
    if style == "rule":
        sheet.hline(x, x + width, line_y - small * 0.6, line=1.2)
        line_y += 6
    return line_y + 6


def person_block(
    sheet: Sheet,
    spec: Spec,
    names: Sequence[str],
    who: Person,
    *,
    x: float,
    y: float,
    width: float,
    size: float | None = None,
    upper: bool = False,
    bold_name: bool = False,
) -> float:
    """Name line(s) then the address, as on a window envelope; returns the y below."""
    size = size or spec.size
    step = size * 1.25
    for name in names:
        sheet.text(
            x, y, name.upper() if upper else name, size=size, bold=bold_name, max_width=width
        )
        y += step
    for line in people.address_lines(spec.rng, who.address, who.unit_line, upper=upper):
        sheet.text(x, y, line, size=size, max_width=width)
        y += step
    return y


def field_block(
    sheet: Sheet,
    spec: Spec,
    pairs: Sequence[tuple[str, str]],
    *,
    x: float,
    y: float,
    width: float,
    placement: str | None = None,
    size: float | None = None,
) -> float:
    """Labelled fields in the document's placement: a list of ``label  value`` lines (values in
    an aligned column), ``Label: value`` lines, or a row of cells with the value under each
    label. Returns the y below the block."""
    placement = placement or spec.placement
    size = size or spec.size
    if placement == "below":
        widest = max(
            max(sheet.width(value, size), sheet.width(label, size - 1.5, bold=spec.label_bold))
            for label, value in pairs
        )
        per_row = max(1, min(len(pairs), int(width // max(80.0, size * 11, widest + 12))))
        col = width / per_row
        row_y = y
        for start in range(0, len(pairs), per_row):
            for n, (label, value) in enumerate(pairs[start : start + per_row]):
                field_pair(
                    sheet,
                    x + n * col,
                    row_y,
                    label,
                    value,
                    placement="below",
                    size=size,
                    width=col - 8,
                    label_bold=spec.label_bold,
                )
            row_y += size * 2.9 + 2
        return row_y
    if placement == "inline":
        for label, value in pairs:
            y = field_pair(
                sheet,
                x,
                y,
                label,
                value,
                placement="inline",
                size=size,
                width=width,
                label_bold=spec.label_bold,
            )
        return y
    label_width = min(
        width * 0.6, max(sheet.width(label, size, bold=spec.label_bold) for label, _ in pairs) + 10
    )
    for label, value in pairs:
        y = field_pair(
            sheet,
            x,
            y,
            label,
            value,
            placement="right",
            size=size,
            width=width,
            label_bold=spec.label_bold,
            label_width=label_width,
        )
    return y


def margins(spec: Spec) -> tuple[float, float]:
    """Left margin and usable width for this document."""
    left = spec.rng.choice((36.0, 42.0, 48.0, 54.0, 60.0))
    return left, PAGE_WIDTH - 2 * left
