"""What OCR does to a page besides running tesseract: halftone and shading found and undone
(``pipeline.text.shading``), doubtful numbers judged (``pipeline.text.reread``), and the page's
time budget. Images are generated; tesseract is not run here."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PIL import Image

from pipeline.domain.errors import OcrTimeout
from pipeline.text import accents, bars, ocr, reread, shading, unread, wordread
from pipeline.text.layout import Piece
from tests.support import shaded

DPI = 200


@pytest.fixture(scope="module")
def gray_page() -> Image.Image:
    return shaded.render(shaded.pay_summary(), DPI)


def _bars_in_points(bands: list[tuple[int, int, int, int]]) -> list[tuple[float, ...]]:
    return [tuple(round(v * 72 / DPI) for v in band) for band in bands]


def test_the_gray_bar_and_the_dark_band_are_found_in_gray_halftone_and_dither(
    gray_page: Image.Image,
) -> None:
    # pay_summary: a gray bar behind the 10 pt line at 160 pt, a dark one behind 232 pt, each
    # from 40 to 572 pt across and from 11.5 pt above the baseline to 5.5 pt below.
    expected = [(40, 149, 572, 166), (40, 221, 572, 238)]
    for image in (
        gray_page,
        shaded.clustered_dots(gray_page).convert("L"),
        shaded.dithered(gray_page).convert("L"),
    ):
        found = _bars_in_points(shading.find_bands(image, DPI))
        assert len(found) == 2, found
        for bar, want in zip(found, expected, strict=True):
            assert all(abs(a - b) <= 2 for a, b in zip(bar, want, strict=True)), (bar, want)


def test_titles_rules_and_plain_text_are_not_bands() -> None:
    sheet = shaded.Sheet()
    sheet.text(60, 80, "EARNINGS STATEMENT", size=20, bold=True)
    for n in range(8):
        sheet.text(60, 120 + 14 * n, f"Line {n} of ordinary text 1,234.56 and more words")
    sheet.bar(300, 0.0, size=0.5)  # a rule, a point thick
    image = shaded.render(sheet.pdf(), DPI)
    assert shading.find_bands(image, DPI) == []


def test_a_cleaned_band_is_its_text_in_black_on_paper_white(gray_page: Image.Image) -> None:
    dots = shaded.clustered_dots(gray_page).convert("L")
    gross, net = shading.find_bands(dots, DPI)
    for box in (gross, net):  # dark text on gray, white text on dark
        cleaned = shading.clean_band(dots.crop(box), DPI)
        assert cleaned is not None
        histogram = cleaned.histogram()
        assert sum(histogram[1:255]) == 0  # black and white only
        ink = histogram[0] / (cleaned.width * cleaned.height)
        assert 0.02 < ink < 0.25, ink  # letters, not a band
        # The text sits left ("Gross Pay") and right (the amount); the middle is paper.
        middle = cleaned.crop((cleaned.width // 3, 0, 2 * cleaned.width // 3, cleaned.height))
        assert middle.histogram()[0] == 0


def test_a_bold_title_taken_for_a_band_is_given_back() -> None:
    sheet = shaded.Sheet()
    sheet.text(60, 80, "Statement", size=28, bold=True)
    image = shaded.render(sheet.pdf(), DPI)
    assert shading.clean_band(image.crop((150, 130, 800, 230)), DPI) is None


def test_one_bit_pages_are_told_apart_and_only_dither_is_blurred(gray_page: Image.Image) -> None:
    thresholded = gray_page.point(lambda v: 255 if v > 160 else 0)
    dither = shaded.dithered(gray_page).convert("L")
    assert not shading.is_bilevel(gray_page)
    assert shading.is_bilevel(thresholded) and not shading.is_dithered(thresholded)
    assert shading.is_bilevel(dither) and shading.is_dithered(dither)

    scaled, dpi = shading.descreen(thresholded, DPI)
    assert dpi == 300 and scaled.size == (gray_page.width * 3 // 2, gray_page.height * 3 // 2)
    blurred, _ = shading.descreen(dither, DPI)
    # Dither blurred back to gray: most of its pixels are neither black nor white any more.
    assert sum(blurred.histogram()[40:216]) > 0.02 * blurred.width * blurred.height


def test_band_words_replace_less_confident_words_and_fill_empty_bands() -> None:
    first = [
        Piece("Gross", 10, 100, 60, 120, 0.9),
        Piece("S4a9", 300, 98, 340, 121, 0.2),  # the amount, misread
        Piece("Net", 10, 200, 40, 220, 0.95),
    ]
    band = [
        Piece("Gross", 10, 101, 60, 121, 0.8),  # less confident than the first reading's
        Piece("$4,491.61", 290, 99, 360, 121, 0.85),
        Piece("Pay", 70, 101, 100, 121, 0.9),  # nothing was read there
        Piece("~", 200, 101, 210, 121, 0.3),  # leftover halftone
    ]
    merged = shading.take_band_words(first, band)
    assert sorted(p.text for p in merged) == ["$4,491.61", "Gross", "Net", "Pay"]
    assert next(p for p in merged if p.text == "Gross").confidence == 0.9


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("4,491.61", True),
        ("$4,491.61", True),
        ("179,100.00", True),
        ("0.00", True),
        (".57", True),
        ("-647.82", True),
        ("08/07/2020", True),
        ("123-45-6789", True),
        ("xxx-xx-7441", True),
        ("5600", True),
        ("179.100.00", False),
        ("1,85", False),
        ("50,5900", False),
        ("4.4143.4", False),
        ("§4,321.00", False),
    ],
)
def test_numbers_are_plausible_only_as_printed(text: str, plausible: bool) -> None:
    assert reread.is_plausible(text) is plausible


def test_doubtful_numbers_are_low_confidence_or_implausible_numbers_only() -> None:
    assert reread.doubtful(Piece("7444", 0, 0, 40, 10, 0.55))
    assert reread.doubtful(Piece("179.100.00", 0, 0, 90, 10, 0.95))
    assert reread.doubtful(Piece("~G47", 0, 0, 40, 10, 0.57))
    assert not reread.doubtful(Piece("7441", 0, 0, 40, 10, 0.95))
    assert not reread.doubtful(Piece("Employer", 0, 0, 90, 10, 0.2))
    assert not reread.doubtful(Piece("1a", 0, 0, 20, 10, 0.2))


def test_a_reread_is_taken_only_when_better_and_the_same_shape() -> None:
    slip = Piece("7444", 0, 0, 40, 10, 0.55)
    assert reread.choose(slip, "7441", 0.9) == Piece("7441", 0, 0, 40, 10, 0.9)
    assert reread.choose(slip, "7441", 0.5) is None  # less confident
    assert reread.choose(slip, "744", 0.99) is None  # a digit lost
    separators = Piece("179.100.00", 0, 0, 90, 10, 0.9)
    fixed = reread.choose(separators, "179,100.00", 0.6)  # implausible before: confidence aside
    assert fixed is not None and fixed.text == "179,100.00"
    dollar = Piece("$1,85", 0, 0, 40, 10, 0.85)
    fixed = reread.choose(dollar, "1.85", 0.8)
    assert fixed is not None and fixed.text == "$1.85"  # the sign read the first time is kept


def test_second_looks_give_way_to_the_page_deadline(
    monkeypatch: pytest.MonkeyPatch, gray_page: Image.Image
) -> None:
    first = ocr.OcrResult(
        pieces=[Piece("7444", 100, 100, 200, 130, 0.3)],
        width=gray_page.width,
        height=gray_page.height,
        confidence=0.3,
        slope=0.0,
    )

    def slow_first_pass(*args: Any, **kwargs: Any) -> ocr.OcrResult:
        time.sleep(0.05)  # the whole budget
        return first

    def no_call(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("tesseract run after the deadline")

    monkeypatch.setattr(ocr, "run_tesseract", slow_first_pass)
    monkeypatch.setattr(ocr, "_image_to_data", no_call)
    result = ocr.read_page(
        gray_page,
        size=gray_page.size,
        dpi=DPI,
        language="eng",
        timeout=0.05,
        page_number=1,
        passes=ocr.OcrPasses(),
        max_pixels=150_000_000,
    )
    assert result.pieces == first.pieces


def test_a_strip_reader_out_of_time_raises_a_timeout() -> None:
    reader = ocr._StripReader("eng", 3, deadline=time.monotonic() - 1)
    with pytest.raises(OcrTimeout, match="page 3"):
        reader.read([Image.new("L", (50, 20), 255)], dpi=300, config="--psm 6")


def test_passes_never_change_the_callers_image(gray_page: Image.Image) -> None:
    before = gray_page.copy()
    shading.descreen(gray_page, DPI)
    for box in shading.find_bands(gray_page, DPI):
        shading.clean_band(gray_page.crop(box), DPI)
    assert gray_page.tobytes() == before.tobytes()


def _form_with_a_year() -> Image.Image:
    sheet = shaded.Sheet()
    sheet.text(60, 80, "Form W-2 Wage and Tax Statement", size=14, bold=True)
    sheet.text(540, 70, "2021", size=14, bold=True, align="right")
    sheet.text(60, 110, "Employee Jane Q Example")
    page = shaded.render(sheet.pdf(), DPI)
    # a rule across the page and a speck of dust: ink, but not text
    for x in range(40, 560 * DPI // 72):
        page.putpixel((x, 140 * DPI // 72), 0)
    for dx in range(4):
        for dy in range(4):
            page.putpixel((300 * DPI // 72 + dx, 40 * DPI // 72 + dy), 0)
    return page


def _pt(box: tuple[int, ...]) -> tuple[float, ...]:
    return tuple(v * 72 / DPI for v in box)


def test_ink_no_word_covers_is_found_only_where_it_is_shaped_like_text() -> None:
    page = _form_with_a_year()
    # the first reading as tesseract's layout analysis gave it on a scan: all but the year
    title = Piece(
        "Form W-2 Wage and Tax Statement",
        60 * DPI / 72,
        68 * DPI / 72,
        300 * DPI / 72,
        84 * DPI / 72,
    )
    employee = Piece(
        "Employee Jane Q Example", 60 * DPI / 72, 102 * DPI / 72, 170 * DPI / 72, 113 * DPI / 72
    )
    regions = unread.unread_regions(page, [title, employee], DPI)
    assert len(regions) == 1  # not the rule, not the speck, not the words read
    left, top, right, bottom = _pt(regions[0])
    assert 500 < left < 510 and 535 < right < 545 and 55 < top < 60 and 70 < bottom < 75

    everything = [
        *([title, employee]),
        Piece("2021", 500 * DPI / 72, 58 * DPI / 72, 540 * DPI / 72, 71 * DPI / 72),
    ]
    assert unread.unread_regions(page, everything, DPI) == []


def test_words_read_in_unread_ink_are_kept_only_when_confident_and_alphanumeric() -> None:
    assert unread.keep(Piece("2021", 0, 0, 10, 10, 0.9))
    assert not unread.keep(Piece("2021", 0, 0, 10, 10, 0.6))
    assert not unread.keep(Piece("°°", 0, 0, 10, 10, 0.95))
    assert not unread.keep(Piece("a.", 0, 0, 10, 10, 0.95))


def test_words_in_doubt_of_a_letter_and_their_latin_reading() -> None:
    for text in (
        "Quifiones",
        "Garcia-Lépez",
        "PEFIA,",
        "Bjérn",
        "Griinewald",
        "Grtinewald",
        "NRGAARD",
    ):
        assert accents.in_doubt(Piece(text, 0, 0, 10, 10, 0.9)), text
    # plain words, small words, words whose "fi" is English and names opening on a cluster
    # names open with are left alone
    for text in (
        "Pena",
        "Specified",
        "filing",
        "Profit",
        "é",
        "fiancé",
        "Schmidt",
        "STRAND",
        "Christensen",
        "Wright",
        "Blvd",
    ):
        assert not accents.in_doubt(Piece(text, 0, 0, 10, 10, 0.9)), text
    old = Piece("Quifiones,", 0, 0, 10, 10, 0.85)
    assert accents.choose(old, [Piece("Quiñones", 1, 1, 9, 9, 0.9)]) == Piece(
        "Quiñones,", 0, 0, 10, 10, 0.9
    )
    # another word, two words, or a less confident reading: the first reading stays
    assert accents.choose(old, [Piece("Quarters", 1, 1, 9, 9, 0.95)]) is None
    assert (
        accents.choose(old, [Piece("Qui", 1, 1, 4, 9, 0.9), Piece("ñones", 5, 1, 9, 9, 0.9)])
        is None
    )
    assert accents.choose(old, [Piece("Quiñones", 1, 1, 9, 9, 0.6)]) is None
    # the English model is often sure of a letter it does not have: 0.8 is sure enough
    sure = Piece("Griinewald", 0, 0, 10, 10, 0.92)
    assert accents.choose(sure, [Piece("Grünewald", 1, 1, 9, 9, 0.88)]) is not None


def _year_under_a_slanted_rule() -> Image.Image:
    """A W-2's last row: a rule drawn a little aslant (a scan off the glass's square) and the
    tax year printed big and bold a few points under it."""
    sheet = shaded.Sheet()
    sheet.text(300, 96, "2021", size=18, bold=True)
    page = shaded.render(sheet.pdf(), DPI)
    for x in range(40 * DPI // 72, 560 * DPI // 72):
        y = 80 * DPI // 72 + x // 120  # about half a degree
        for dy in range(2):
            page.putpixel((x, y + dy), 0)
    return page


def test_a_figure_set_close_under_a_rule_is_unread_ink_of_its_own() -> None:
    page = _year_under_a_slanted_rule()
    regions = unread.unread_regions(page, [], DPI)
    # the year alone, not the rule with it (joined, the two were too wide and flat for text)
    assert len(regions) == 1, regions
    left, top, right, bottom = _pt(regions[0])
    assert 295 < left < 302 and 335 < right < 345 and 80 < top < 86 and 95 < bottom < 102


def test_rules_are_taken_out_of_an_ink_mask_and_letters_stay() -> None:
    mask = Image.new("L", (600, 400), 0)
    for x in range(20, 580):  # a horizontal rule, two pixels thick, slanting
        mask.putpixel((x, 50 + x // 100), 255)
        mask.putpixel((x, 51 + x // 100), 255)
    for y in range(10, 390):  # a vertical one
        mask.putpixel((400, y), 255)
    for x in range(100, 140):  # a letter-sized blot
        for y in range(100, 130):
            mask.putpixel((x, y), 255)
    cleaned = unread.without_rules(mask, 300)
    assert cleaned.getbbox() == (100, 100, 140, 130)


def _bar_before_a_word(bar_top: int, bar_bottom: int) -> Image.Image:
    page = Image.new("L", (400, 200), 255)
    for y in range(bar_top, bar_bottom):
        for x in (100, 101):
            page.putpixel((x, y), 0)
    for x in range(110, 200):  # the word's letters, 30 px high
        for y in range(85, 115):
            if x % 6 < 3:
                page.putpixel((x, y), 0)
    return page


def test_a_bar_before_a_word_is_taken_off_only_where_it_is_a_cells_rule() -> None:
    word = Piece("|Whitcombe", 100, 85, 200, 115, 0.4)
    # the cell's rule runs on above and below the line: not a letter
    [stripped] = bars.strip_bars(_bar_before_a_word(20, 180), [word])
    assert stripped.text == "Whitcombe" and stripped.left == 110
    # a bar the letters' height could be an I: the word is left as read
    assert bars.strip_bars(_bar_before_a_word(85, 115), [word]) == [word]
    other = Piece("Whitcombe", 110, 85, 200, 115, 0.9)
    assert bars.strip_bars(_bar_before_a_word(20, 180), [other]) == [other]


def test_words_tesseract_could_barely_read_and_their_second_reading() -> None:
    def piece(text: str, confidence: float) -> Piece:
        return Piece(text, 10, 20, 110, 40, confidence)

    assert wordread.in_doubt(piece("Boephtalicy", 0.0))
    assert wordread.in_doubt(piece("*|@ranite", 0.23))
    # sure words, numbers and specks are not read again
    for text, confidence in (("Hospitality", 0.96), ("12,345.67", 0.1), ("ab", 0.1), ("|.", 0.0)):
        assert not wordread.in_doubt(piece(text, confidence)), text

    # one word of letters about as long, clearly surer: taken, in the old box, marks dropped
    better = wordread.choose(piece("Boephtalicy", 0.0), [piece("\u201cHospitality", 0.38)])
    assert better == Piece("Hospitality", 10, 20, 110, 40, 0.38)
    # a rule read beside it is no word; a comma the first reading saw stays
    better = wordread.choose(piece("*|@ranite,", 0.23), [piece("'|", 0.54), piece("Granite", 0.96)])
    assert better is not None and better.text == "Granite,"
    # not surer enough, another length, two words, or no word of letters: the first reading stays
    assert wordread.choose(piece("Drive", 0.46), [piece("Deve", 0.44)]) is None
    assert wordread.choose(piece("Silver", 0.39), [piece("Silver", 0.6)]) is None
    assert wordread.choose(piece("Uniorf", 0.2), [piece("Unionfederal", 0.9)]) is None
    assert wordread.choose(piece("Pine", 0.2), [piece("Pine", 0.9), piece("Hill", 0.9)]) is None
    assert wordread.choose(piece("Oakhurst", 0.1), [piece("0akhurst", 0.9)]) is None
