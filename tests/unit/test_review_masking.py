"""The review page's page images black out the SSNs and account numbers a page prints, but for
their last four digits: which words, and which part of each."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pipeline.domain.pages import Word
from pipeline.pii import identifier_spans
from pipeline.service_layer.review import _black_out, identifier_boxes


def line(*texts: str, top: float = 0.2, left: float = 0.1, char: float = 0.01) -> list[Word]:
    """Words on one line, each ``char`` wide per character, one character apart."""
    words = []
    for text in texts:
        words.append(Word(text, left, top, char * len(text), 0.012))
        left += char * (len(text) + 1)
    return words


def test_an_ssn_is_covered_but_its_last_four_digits() -> None:
    ((left, top, right, bottom),) = identifier_boxes(line("SSN:", "944-47-7441"))
    ssn = line("SSN:", "944-47-7441")[1]
    assert left == pytest.approx(ssn.left)
    assert ssn.left + 0.06 < right < ssn.left + 0.07  # "944-47-" covered, "7441" not
    assert (top, bottom) == (ssn.top, ssn.top + ssn.height)


def test_an_account_number_printed_in_groups_is_covered_across_its_words() -> None:
    words = line("Account", "1234", "5678", "9012")
    boxes = identifier_boxes(words)
    assert [round(b[0], 4) for b in boxes] == [round(words[1].left, 4), round(words[2].left, 4)]
    assert all(b[2] <= words[3].left for b in boxes)  # the last four stay readable


def test_what_is_no_identifier_is_left_alone() -> None:
    assert identifier_boxes(line("Springfield,", "IL", "62724-9980")) == []  # ZIP+4
    for printed in ("12-3456789", "126,917.91", "2024-01-02", "1545"):  # EIN, money, date
        assert identifier_boxes(line("Label", printed)) == []
    # Figures in two columns of one row are not one long number.
    left = line("52733", left=0.1)
    right = line("353180", left=0.6)
    assert identifier_boxes(left + right) == []
    assert identifier_spans("Zip 62724-9980") == []


def test_the_boxes_are_drawn_black_on_the_image() -> None:
    white = Image.new("RGB", (200, 100), "white")
    out = io.BytesIO()
    white.save(out, format="PNG")
    masked = Image.open(io.BytesIO(_black_out(out.getvalue(), [(0.25, 0.4, 0.5, 0.6)])))
    assert masked.getpixel((75, 50)) == (0, 0, 0)
    assert masked.getpixel((10, 10)) == (255, 255, 255)
