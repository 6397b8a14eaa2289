"""The PDF text layer: real-text decision, word boxes, reading order, and hostile files.

No tesseract here: these run pypdf and pypdfium2 on generated files.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import RectangleObject
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from pipeline.config import Settings
from pipeline.domain.errors import (
    CorruptDocument,
    EmptyFile,
    EncryptedDocument,
    ImageTooLarge,
    TooManyPages,
    UnsupportedFileType,
)
from pipeline.domain.model import FileType
from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.text import DocumentText, TextLimits, open_document
from pipeline.text.layout import Piece, arrange, is_real_text
from tests.support import docs
from tests.support.services import require

CORPUS = Path(__file__).resolve().parents[2] / "../shared/corpus/real"
LIMITS = TextLimits(max_pages=20, max_image_pixels=50_000_000, ocr_timeout_seconds=30)
LINES = ["Borrower: Jane Q Example", "Employer: Acme Widgets LLC", "Gross pay 4,321.09 monthly"]


def read(path: Path, file_type: FileType = FileType.PDF, limits: TextLimits = LIMITS) -> Page:
    with open_document(path, file_type, limits) as doc:
        page = doc.text_layer(1)
    assert page is not None
    return page


# --- real text or not --------------------------------------------------------------------------


def test_text_pdf_gives_text_layer_pages(tmp_path: Path) -> None:
    path = docs.text_pdf(tmp_path / "a.pdf", [LINES, ["Second page with enough words to count"]])
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.page_count == 2
        first, second = doc.text_layer(1), doc.text_layer(2)
    assert first is not None and second is not None
    assert first.method is TextMethod.TEXT_LAYER and first.number == 1
    assert first.text.splitlines() == LINES
    assert second.text == "Second page with enough words to count"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "Page 1", "... --- ||| ... --- ||| ... --- ||| ... --- |||", "\ufffd" * 40],
)
def test_empty_short_or_garbage_text_is_not_real(text: str) -> None:
    assert not is_real_text(text)


def test_ordinary_text_is_real() -> None:
    assert is_real_text("Wages, tips, other compensation 23,677.70")


def test_dot_leaders_do_not_make_a_text_layer_look_like_garbage() -> None:
    # a substitute W-2 printing "Box 1 Wages .......... $254,611.13" on every line
    text = "\n".join(
        f"Box {n} {label} {'.' * 120} ${n},611.13"
        for n, label in enumerate(("Wages, tips", "Federal tax", "Soc. sec. wages"), start=1)
    )
    assert is_real_text(text)


@pytest.mark.parametrize("lines", [[], ["Page 1"], ["  ", "3"]])
def test_page_without_real_text_needs_ocr(tmp_path: Path, lines: list[str]) -> None:
    path = docs.text_pdf(tmp_path / "thin.pdf", [lines])
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.text_layer(1) is None


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = docs.scanned_pdf(tmp_path / "scan.pdf", [LINES, LINES])
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.page_count == 2
        assert doc.text_layer(1) is None and doc.text_layer(2) is None


def test_mixed_pdf_has_text_layer_only_on_text_pages(tmp_path: Path) -> None:
    path = docs.mixed_pdf(tmp_path / "mixed.pdf", [LINES], [LINES])
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.page_count == 2
        assert doc.text_layer(1) is not None
        assert doc.text_layer(2) is None


def test_a_stamp_on_a_scan_does_not_hide_the_scan(tmp_path: Path) -> None:
    scan = docs.page_images([LINES], dpi=100)[0]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    pdf.drawInlineImage(scan, 0, 0, width=letter[0], height=letter[1])
    pdf.setFont("Helvetica", 8)
    pdf.drawString(20, 20, "Received by fax 2024-03-01 10:42 from 555 0100 page 1 of 1")
    pdf.showPage()
    pdf.save()
    path = tmp_path / "stamped.pdf"
    path.write_bytes(buffer.getvalue())
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.text_layer(1) is None


# A form as scanned, and what a PDF editor typed over the blanks on it: exact words, some
# visible and some not, over 100 letters and digits in all (the Sensible VOE sample has 101).
FORM = [
    "Verification of Employment",
    "Employee name:",
    "Social Security number:",
    "Employer: Acme Widgets LLC",
    "Address:",
    "Rate of pay: 96,600.00 annual",
    "Year to date: 28,175.00",
    "Hire date: 03/16/2020",
    "Job title: Senior Software Developer",
]
OVERLAY = {
    1: "Katherine Anne Stanley Johnson-Lewis",
    2: "111-22-3333",
    4: "1212 Northridge Drive, Apartment 4B, Denver, CO 88432",
    7: "(rehired 01/04/2021)",
    8: "II, Platform Engineering",
}


def scan_with_text(
    path: Path,
    scan_lines: list[str],
    text: dict[int, str],
    *,
    labels: list[str] | None,
    invisible: bool,
) -> Path:
    """A page drawn over by a 150 DPI scan of ``scan_lines`` (placed as ``docs.text_pdf`` would
    draw them), with ``text`` (line number -> words) drawn as a text layer on those lines:
    after the line's label in ``labels``, or from the margin."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    scan = docs.page_images([scan_lines], dpi=150)[0]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    pdf.drawInlineImage(scan, 0, 0, width=letter[0], height=letter[1])
    for number, words in text.items():
        x = docs.MARGIN
        if labels is not None:
            x += stringWidth(labels[number] + " ", docs.FONT, docs.FONT_SIZE)
        line = pdf.beginText(x, docs.PAGE_HEIGHT - docs.MARGIN - number * docs.LEADING)
        line.setFont(docs.FONT, docs.FONT_SIZE)
        if invisible:
            line.setTextRenderMode(3)
        line.textOut(words)
        pdf.drawText(line)
    pdf.showPage()
    pdf.save()
    path.write_bytes(buffer.getvalue())
    return path


def test_searchable_scan_is_read_from_its_invisible_text_layer(tmp_path: Path) -> None:
    # An OCR'd PDF: the scan and, under every printed word, the same words as invisible text.
    path = scan_with_text(
        tmp_path / "searchable.pdf",
        FORM,
        dict(enumerate(FORM)),
        labels=None,
        invisible=True,
    )
    page = read(path)
    assert page.method is TextMethod.TEXT_LAYER
    assert page.text.replace("  ", " ").splitlines() == FORM


@pytest.mark.parametrize("invisible", [False, True])
def test_scan_with_a_thin_text_overlay_needs_ocr(tmp_path: Path, invisible: bool) -> None:
    # Every figure is in the scan; the layer holds only the typed-over fields.
    path = scan_with_text(tmp_path / "overlay.pdf", FORM, OVERLAY, labels=FORM, invisible=invisible)
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.text_layer(1) is None


def test_scan_under_a_text_page_with_no_ink_of_its_own_keeps_the_text_layer(
    tmp_path: Path,
) -> None:
    # A blank (white) full-page image behind an ordinary text page prints nothing itself.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    pdf.drawInlineImage(Image.new("L", (85, 110), 255), 0, 0, width=letter[0], height=letter[1])
    pdf.setFont("Helvetica", 12)
    for n, line in enumerate(LINES):
        pdf.drawString(72, 700 - 20 * n, line)
    pdf.showPage()
    pdf.save()
    path = tmp_path / "background.pdf"
    path.write_bytes(buffer.getvalue())
    assert read(path).text.splitlines() == LINES


# --- word boxes --------------------------------------------------------------------------------


def _ink_inside(image: Image.Image, word: Word) -> float:
    """Share of dark pixels inside the word's box on a rendering of the page."""
    gray = image.convert("L")
    box = (
        round(word.left * gray.width),
        round(word.top * gray.height),
        round((word.left + word.width) * gray.width),
        round((word.top + word.height) * gray.height),
    )
    crop = gray.crop(box)
    dark = sum(1 for v in crop.tobytes() if v < 128)
    return dark / max(crop.width * crop.height, 1)


def _render(path: Path) -> Image.Image:
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[0]
        return page.render(scale=2).to_pil()
    finally:
        pdf.close()


def _assert_boxes_hold_ink(path: Path, page: Page) -> None:
    """Every word box covers printed ink on a rendering of the page, far more than the page
    does on average (a box off its word lands on paper or on some other small part of it)."""
    rendered = _render(path)
    page_ink = _ink_inside(rendered, Word("page", 0.0, 0.0, 1.0, 1.0))
    assert page.words
    inks = []
    for word in page.words:
        assert 0 <= word.left <= 1 and 0 <= word.top <= 1
        assert word.width > 0 and word.height > 0
        ink = _ink_inside(rendered, word)
        if any(c.isalnum() for c in word.text):
            assert ink > 0.05, word
        inks.append(ink)
    assert sum(inks) / len(inks) > 3 * page_ink


def test_word_boxes_are_fractions_of_the_page_from_the_top_left(tmp_path: Path) -> None:
    page = read(docs.text_pdf(tmp_path / "a.pdf", [LINES]))
    first = page.words[0]
    assert first.text == "Borrower:"
    # reportlab draws the baseline at 72 pt from the left and 72 pt below the top of 792 pt.
    assert first.left == pytest.approx(72 / 612, abs=0.002)
    assert first.top + first.height == pytest.approx((72 + 0.2 * 14) / 792, abs=0.003)
    assert first.height == pytest.approx(14 / 792, abs=0.002)
    assert [w.text for w in page.words[:4]] == ["Borrower:", "Jane", "Q", "Example"]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_word_boxes_follow_page_rotation_and_box_offset(tmp_path: Path, rotation: int) -> None:
    writer = PdfWriter(clone_from=docs.text_pdf(tmp_path / "a.pdf", [LINES]))
    page = writer.pages[0]
    # The media box does not start at the origin, and the page is displayed rotated.
    page.mediabox = RectangleObject([30, -40, 560, 780])
    page.cropbox = RectangleObject([30, -40, 560, 780])
    if rotation:
        page.rotate(rotation)
    path = tmp_path / f"rotated-{rotation}.pdf"
    writer.write(path)
    result = read(path)
    _assert_boxes_hold_ink(path, result)
    # Reading order is that of the displayed page only when it is upright.
    if rotation == 0:
        assert result.text.splitlines() == LINES


def test_word_boxes_account_for_ctm_and_text_matrix(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    pdf.saveState()
    pdf.translate(100, 300)
    pdf.scale(1.5, 1.5)
    text = pdf.beginText(10, 20)
    text.setFont("Helvetica", 12)
    text.setCharSpace(1)
    text.textLine("Scaled and moved text line")
    text.setTextOrigin(10, 50)
    text.textOut("Two ")
    text.setFont("Helvetica-Bold", 12)
    text.textOut("fonts ")
    text.setFont("Courier", 12)
    text.textOut("one line")
    pdf.drawText(text)
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    path = tmp_path / "ctm.pdf"
    path.write_bytes(buffer.getvalue())
    result = read(path)
    assert result.text.splitlines() == ["Two fonts one line", "Scaled and moved text line"]
    _assert_boxes_hold_ink(path, result)


# --- reading order -----------------------------------------------------------------------------


def test_reading_order_follows_position_not_stream_order(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    pdf.setFont("Helvetica", 10)
    # Written bottom-up and right-to-left, as some form generators do.
    pdf.drawString(400, 600, "23,677.70")
    pdf.drawString(72, 600, "Wages, tips, other compensation")
    pdf.drawString(400, 700, "Hodges")
    pdf.drawString(72, 700, "Employee name Anastasia")
    pdf.showPage()
    pdf.save()
    path = tmp_path / "scrambled.pdf"
    path.write_bytes(buffer.getvalue())
    page = read(path)
    assert page.text.splitlines() == [
        "Employee name Anastasia  Hodges",
        "Wages, tips, other compensation  23,677.70",
    ]
    assert [w.line for w in page.words] == [0, 0, 0, 0, 1, 1, 1, 1, 1]
    assert page.words[2].block != page.words[3].block  # a wide gap: another cell


def test_arrange_groups_lines_and_joins_split_words() -> None:
    pieces = [
        Piece("World", 60, 100, 110, 112),
        Piece("Second", 10, 130, 70, 142),
        Piece("Hel", 10, 101, 40, 113),
        Piece("lo", 40.5, 101, 55, 113),  # the same word, drawn by two operators
        Piece("line", 75, 131, 100, 143),
    ]
    arranged = arrange(pieces, 200, 200)
    assert arranged.text == "Hello World\nSecond line"
    assert [(w.text, w.line) for w in arranged.words] == [
        ("Hello", 0),
        ("World", 0),
        ("Second", 1),
        ("line", 1),
    ]
    assert arranged.words[0].left == pytest.approx(0.05)


def test_a_stamp_touching_a_figure_is_not_part_of_it() -> None:
    """A stamp set across a form ("VERIFIED", four times the text's height) whose last letter
    touches a figure: two words, not "VERIFIED$41.07"."""
    pieces = [
        Piece("Pay", 10, 100, 30, 112),
        Piece("rate", 35, 100, 60, 112),
        Piece("VERIFIED", 80, 70, 140, 130),
        Piece("$41.07", 140.5, 100, 175, 112),
    ]
    arranged = arrange(pieces, 200, 200)
    assert "$41.07" in [w.text for w in arranged.words]


def test_google_w2_stream_order_is_rearranged_by_position() -> None:
    require(CORPUS.is_dir(), f"the real corpus at {CORPUS}")
    path = CORPUS / "google_2020_form_w2.pdf"
    page = read(path)
    lines = page.text.splitlines()
    wages_label = next(i for i, line in enumerate(lines) if "1 Wages, tips" in line)
    # The values of boxes b, 1 and 2 are on the line below their labels, left to right.
    assert lines[wages_label + 1].split() == ["63-0065650", "23,677.70", "2,841.32"]
    name = next(w for w in page.words if w.text == "Anastasia")
    surname = next(w for w in page.words if w.text == "Hodges")
    assert name.line == surname.line and name.left < surname.left


@pytest.mark.parametrize(
    "name",
    [
        "W2_XL_input_clean_1000.pdf",
        "W2_XL_input_clean_1001.pdf",
        "google_2020_form_w2.pdf",
        "google_2020_form_1099_int.pdf",
        "google_2020_form_1099_nec.pdf",
    ],
)
def test_real_corpus_pdfs_read_from_the_text_layer_with_boxes(name: str) -> None:
    require(CORPUS.is_dir(), f"the real corpus at {CORPUS}")
    truth = json.loads((CORPUS / "truth.json").read_text())[name]
    path = CORPUS / name
    page = read(path)
    flat = " ".join(page.text.split())
    borrower = truth["borrowers"][0]
    for part in borrower["name"].split():
        assert part in flat
    assert borrower["address"]["zip"] in flat
    amount = truth["income_records"][0]["amount"]
    assert amount.removesuffix(".00") in flat.replace(",", "")
    _assert_boxes_hold_ink(path, page)


# --- hostile files -----------------------------------------------------------------------------


def _open_error(path: Path, file_type: FileType, limits: TextLimits = LIMITS) -> str:
    with pytest.raises(Exception) as caught:
        open_document(path, file_type, limits).close()
    message = str(caught.value)
    assert "Traceback" not in message and len(message) < 300
    return message


def test_encrypted_pdf_needs_a_password(tmp_path: Path) -> None:
    path = docs.encrypted_pdf(tmp_path / "enc.pdf")
    with pytest.raises(EncryptedDocument, match="encrypted PDF, password required"):
        open_document(path, FileType.PDF, LIMITS)


def test_encrypted_pdf_with_empty_password_opens(tmp_path: Path) -> None:
    path = docs.encrypted_pdf_empty_password(tmp_path / "enc.pdf")
    page = read(path)
    assert "Encrypted statement for the lender" in page.text


def test_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    path = docs.truncated_pdf(tmp_path / "cut.pdf")
    with pytest.raises(CorruptDocument, match="truncated"):
        open_document(path, FileType.PDF, LIMITS)


def test_zero_byte_file_is_empty(tmp_path: Path) -> None:
    path = docs.zero_byte(tmp_path / "empty.pdf")
    with pytest.raises(EmptyFile):
        open_document(path, FileType.EMPTY, LIMITS)
    with pytest.raises(EmptyFile):
        open_document(path, FileType.PDF, LIMITS)


def test_text_named_pdf_is_unsupported(tmp_path: Path) -> None:
    path = docs.text_named_pdf(tmp_path / "letter.pdf")
    with pytest.raises(UnsupportedFileType, match="plain text"):
        open_document(path, FileType.UNSUPPORTED, LIMITS)
    # Registered as a PDF by mistake, the content still decides.
    with pytest.raises(UnsupportedFileType, match="registered as a PDF but its content is"):
        open_document(path, FileType.PDF, LIMITS)


def test_too_many_pages_states_count_and_limit(tmp_path: Path) -> None:
    path = docs.many_pages_pdf(tmp_path / "many.pdf", 25)
    with pytest.raises(TooManyPages, match="25 pages, the limit is 20"):
        open_document(path, FileType.PDF, LIMITS)


def test_pixel_bomb_png_is_refused_before_decoding(tmp_path: Path) -> None:
    path = docs.pixel_bomb_png(tmp_path / "bomb.png")
    assert path.stat().st_size < 2000
    with pytest.raises(ImageTooLarge, match="10,000,000,000 pixels"):
        open_document(path, FileType.PNG, LIMITS)


def test_image_over_the_configured_pixel_limit_is_refused(tmp_path: Path) -> None:
    path = docs.png(tmp_path / "a.png", LINES, dpi=100)
    small = TextLimits(max_pages=5, max_image_pixels=100_000, ocr_timeout_seconds=5)
    with pytest.raises(ImageTooLarge, match="850 x 1100 = 935,000 pixels, the limit is 100,000"):
        open_document(path, FileType.PNG, small)


def test_pillow_bomb_warning_becomes_our_error_not_a_warning(tmp_path: Path) -> None:
    # 100 M pixels: over Pillow's warning threshold (89 M), under its hard limit.
    path = docs.pixel_bomb_png(tmp_path / "big.png", width=10_000, height=10_000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ImageTooLarge, match="10000 x 10000"):
            open_document(path, FileType.PNG, LIMITS)
    assert not caught, [str(w.message) for w in caught]


def test_truncated_image_is_corrupt(tmp_path: Path) -> None:
    path = docs.png(tmp_path / "a.png", LINES, dpi=100)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument, match="damaged image"):
        open_document(path, FileType.PNG, LIMITS)


def test_pdf_decompression_bomb_is_corrupt(tmp_path: Path) -> None:
    path = docs.pdf_decompression_bomb(tmp_path / "bomb.pdf")
    assert path.stat().st_size < 5000
    with pytest.raises(CorruptDocument, match="decompression bomb"):
        open_document(path, FileType.PDF, LIMITS)


def test_hostile_messages_are_short_and_plain(tmp_path: Path) -> None:
    for path, file_type in [
        (docs.truncated_pdf(tmp_path / "a.pdf"), FileType.PDF),
        (docs.pdf_decompression_bomb(tmp_path / "b.pdf"), FileType.PDF),
        (docs.pixel_bomb_png(tmp_path / "c.png"), FileType.PNG),
    ]:
        _open_error(path, file_type)


# --- the API -----------------------------------------------------------------------------------


def test_limits_from_settings() -> None:
    settings = Settings(max_pages=7, max_image_pixels=1000, ocr_timeout_seconds=3.5)
    assert TextLimits.from_settings(settings) == TextLimits(7, 1000, 3.5, "eng")


def test_images_never_have_a_text_layer(tmp_path: Path) -> None:
    path = docs.tiff(tmp_path / "a.tif", [LINES, LINES, LINES], dpi=100)
    with open_document(path, FileType.TIFF, LIMITS) as doc:
        assert isinstance(doc, DocumentText)
        assert doc.page_count == 3
        assert [doc.text_layer(n) for n in (1, 2, 3)] == [None, None, None]
        with pytest.raises(ValueError, match="page 4 does not exist"):
            doc.text_layer(4)


# --- font decoding -----------------------------------------------------------------------------


def _raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A one-page PDF from object bodies numbered from 1: 1 catalog, 2 pages, 3 the page."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page_objects(font: bytes, content: bytes, *more: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        _stream(content),
        *more,
    ]


def test_font_name_ending_in_a_nul_byte_still_names_the_font(tmp_path: Path) -> None:
    # PDF editors (Readdle's, in the Sensible samples) write "/Font18\0 1 Tf"; NUL is white space
    # in PDF syntax. The fields such editors add (names, SSNs) must not vanish from the text.
    content = (
        b"BT /F1\x00 12 Tf 72 700 Td (Employee Katie Lewis SSN 111-22-3333) Tj ET\n"
        b"BT /F1 12 Tf 72 680 Td (Employer First Division Denver) Tj ET"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    page = read(_raw_pdf(tmp_path / "nul.pdf", _page_objects(font, content)))
    assert page.text.splitlines() == [
        "Employee Katie Lewis SSN 111-22-3333",
        "Employer First Division Denver",
    ]


def test_glyph_names_read_by_the_adobe_glyph_list_and_icons_read_as_nothing(
    tmp_path: Path,
) -> None:
    # X is an icon glyph with no Unicode meaning, Y a ligature named by its parts, Z a variant.
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [88 /wflagb /f_i /uni0041.alt] >> >>"
    )
    content = b"BT /F1 12 Tf 72 700 Td (Check X the Yeld Zmount of the statement) Tj ET"
    page = read(_raw_pdf(tmp_path / "names.pdf", _page_objects(font, content)))
    assert page.text.split() == ["Check", "the", "field", "Amount", "of", "the", "statement"]


def _subset_font_pdf(path: Path, words: list[str], unmapped_width: float) -> Path:
    """Helvetica used as a subset font numbered in order of use, as macOS writes Calibri: codes
    from 0x21 for each new character, and code 0x37 ("7") drawing a "ti" ligature that the
    ToUnicode map leaves out. "ﬁ" is one glyph mapped to U+FB01."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    codes: dict[str, int] = {}
    next_code = 0x21

    def code_of(char: str) -> int:
        nonlocal next_code
        if char not in codes:
            if next_code == 0x37:
                next_code += 1
            codes[char] = next_code
            next_code += 1
        return codes[char]

    shown = []
    for word in words:
        raw = bytearray()
        rest = word
        while rest:
            if rest.startswith("ti"):
                raw.append(0x37)
                rest = rest[2:]
            elif rest.startswith("fi"):
                raw.append(code_of("\ufb01"))
                rest = rest[2:]
            else:
                raw.append(code_of(rest[0]))
                rest = rest[1:]
        shown.append(raw.hex().encode())
    last = max(*codes.values(), 0x37)
    widths = []
    for code in range(0x21, last + 1):
        char = next((c for c, v in codes.items() if v == code), None)
        if code == 0x37:
            widths.append(unmapped_width)
        elif char == "\ufb01":
            widths.append(stringWidth("fi", "Helvetica", 1000))
        else:
            widths.append(stringWidth(char or " ", "Helvetica", 1000))
    cmap = b"".join(b"<%02x> <%04x>\n" % (v, ord(c)) for c, v in codes.items())
    to_unicode = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00> <ff> endcodespacerange\n"
        b"%d beginbfchar\n" % len(codes) + cmap + b"endbfchar\nendcmap end end"
    )
    font = (
        b"<< /Type /Font /Subtype /TrueType /BaseFont /AAAAAC+Helvetica /FirstChar 33 "
        b"/LastChar %d /Widths [%s] /ToUnicode 6 0 R >>"
        % (last, b" ".join(b"%g" % w for w in widths))
    )
    content = (
        b"BT /F1 12 Tf 72 700 Td " + b" ".join(b"<%s> Tj 0 -16 Td" % s for s in shown) + b" ET"
    )
    return _raw_pdf(path, _page_objects(font, content, _stream(to_unicode)))


WORDS = ["Description", "Station", "Testing", "fictional", "transactions", "Total"]


def test_ligature_left_out_of_tounicode_is_read_by_its_width(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ti = stringWidth("ti", "Helvetica", 1000) * 0.99  # ligatures are drawn a little tighter
    page = read(_subset_font_pdf(tmp_path / "liga.pdf", WORDS, ti))
    # Read as it was typeset: no "Descrip7on", and the U+FB01 "ﬁ" written as letters.
    assert page.text.splitlines() == WORDS


def test_unmapped_glyph_matching_no_ligature_is_unknown_not_a_digit(tmp_path: Path) -> None:
    page = read(_subset_font_pdf(tmp_path / "liga.pdf", WORDS, 1234.0))
    assert page.text.splitlines()[:3] == ["Descrip\ufffdon", "Sta\ufffdon", "Tes\ufffdng"]
    assert "7" not in page.text


def test_a_long_pdf_is_read_page_by_page_without_keeping_what_earlier_pages_parsed(
    tmp_path: Path,
) -> None:
    """pypdf reads objects from the open file and forgets each page's once read; PDFium is
    opened for one page's work at a time: neither holds a long scan's images page after page."""
    path = docs.scanned_pdf(tmp_path / "scan.pdf", [LINES, LINES, LINES])
    size = path.stat().st_size
    with open_document(path, FileType.PDF, LIMITS) as doc:
        reader = doc._reader  # type: ignore[attr-defined]
        assert not isinstance(reader.stream, io.BytesIO)  # not the whole file in memory
        for n in (1, 2, 3):
            doc.text_layer(n)
            assert reader.resolved_objects == {}
            assert doc._pdfium is None  # type: ignore[attr-defined]
        assert size > 0
