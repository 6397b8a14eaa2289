"""OCR with the real tesseract: scanned PDFs, images, mixed PDFs, timeouts and the real corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.domain.errors import (
    CorruptDocument,
    EmptyFile,
    EncryptedDocument,
    ImageTooLarge,
    OcrTimeout,
    OcrUnavailable,
    TooManyPages,
    UnsupportedFileType,
)
from pipeline.domain.model import FileType
from pipeline.domain.pages import Page, TextMethod
from pipeline.text import TextLimits, open_document
from pipeline.text.detect import detect_file_type
from tests.support import docs
from tests.support.services import require

pytestmark = pytest.mark.integration

CORPUS = Path(__file__).resolve().parents[2] / "../shared/corpus/real"
LIMITS = TextLimits(max_pages=20, max_image_pixels=150_000_000, ocr_timeout_seconds=60)
LINES = [
    "Borrower Jane Q Example",
    "Employer Acme Widgets LLC",
    "Gross pay 4,321.09 monthly",
]


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    require(shutil.which("tesseract") is not None, "tesseract")


def _assert_lines(page: Page, lines: list[str]) -> None:
    assert page.method is TextMethod.OCR
    assert page.confidence is not None and 0.6 < page.confidence <= 1.0
    found = page.text.splitlines()
    for line in lines:
        assert line in found, (line, page.text)
    for word in page.words:
        assert 0 <= word.left <= 1 and 0 <= word.top <= 1 and 0 <= word.confidence <= 1


def test_scanned_three_page_pdf(tmp_path: Path) -> None:
    pages = [[f"Statement page {n} of 3", *LINES] for n in (1, 2, 3)]
    path = docs.scanned_pdf(tmp_path / "scan.pdf", pages, dpi=200)
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.page_count == 3
        for number in (1, 2, 3):
            assert doc.text_layer(number) is None
            page = doc.ocr(number)
            assert page.number == number
            _assert_lines(page, pages[number - 1])
    # Boxes are fractions of the page: the text starts 1 inch from the top-left corner.
    first = page.words[0]
    assert first.left == pytest.approx(72 / 612, abs=0.01)
    assert first.top == pytest.approx((72 - 14 * 0.75) / 792, abs=0.015)


def test_noisy_rotated_scan_still_reads_in_lines(tmp_path: Path) -> None:
    lines = [*LINES, "Account ending 1234 at First Example Bank"]
    path = docs.scanned_pdf(tmp_path / "skew.pdf", [lines], rotate_degrees=2.0, noise=0.01)
    with open_document(path, FileType.PDF, LIMITS) as doc:
        page = doc.ocr(1)
    assert "4,321.09" in page.text
    assert [line for line in page.text.splitlines() if "Employer" in line] == [
        "Employer Acme Widgets LLC"
    ]


@pytest.mark.parametrize(
    ("maker", "file_type"),
    [(docs.png, FileType.PNG), (docs.jpeg, FileType.JPEG)],
)
def test_single_images(tmp_path: Path, maker: object, file_type: FileType) -> None:
    path = maker(tmp_path / "page", LINES)  # type: ignore[operator]
    with open_document(path, file_type, LIMITS) as doc:
        assert doc.page_count == 1
        assert doc.text_layer(1) is None
        _assert_lines(doc.ocr(1), LINES)


def test_multi_page_tiff_reads_every_frame(tmp_path: Path) -> None:
    pages = [["First frame of the upload"], ["Second frame of the upload"]]
    path = docs.tiff(tmp_path / "pages.tif", pages, dpi=200)
    with open_document(path, FileType.TIFF, LIMITS) as doc:
        assert doc.page_count == 2
        assert doc.ocr(2).text == "Second frame of the upload"
        assert doc.ocr(1).text == "First frame of the upload"


def test_mixed_pdf_records_the_method_per_page(tmp_path: Path) -> None:
    text_lines = ["Typed cover letter from the borrower", "Please find the pay stub attached"]
    path = docs.mixed_pdf(tmp_path / "mixed.pdf", [text_lines], [LINES])
    with open_document(path, FileType.PDF, LIMITS) as doc:
        pages = [doc.text_layer(n) or doc.ocr(n) for n in range(1, doc.page_count + 1)]
    assert [p.method for p in pages] == [TextMethod.TEXT_LAYER, TextMethod.OCR]
    assert pages[0].text.splitlines() == text_lines
    _assert_lines(pages[1], LINES)


def test_vector_page_without_text_layer_is_rendered(tmp_path: Path) -> None:
    # Text converted to outlines (a common "print to PDF" result) has no text layer; only
    # rendering finds it. Drawn here as a page of two images (tiles), not one scan.
    images = docs.page_images([LINES], dpi=200)[0]
    top = images.crop((0, 0, images.width, images.height // 2))
    bottom = images.crop((0, images.height // 2, images.width, images.height))
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(tmp_path / "tiles.pdf"), pagesize=letter, invariant=True)
    pdf.drawInlineImage(top, 0, letter[1] / 2, width=letter[0], height=letter[1] / 2)
    pdf.drawInlineImage(bottom, 0, 0, width=letter[0], height=letter[1] / 2)
    pdf.showPage()
    pdf.save()
    with open_document(tmp_path / "tiles.pdf", FileType.PDF, LIMITS) as doc:
        assert doc.text_layer(1) is None
        _assert_lines(doc.ocr(1), LINES)


def test_tiny_timeout_is_an_ocr_timeout(tmp_path: Path) -> None:
    path = docs.png(tmp_path / "page.png", LINES * 8)
    limits = TextLimits(max_pages=5, max_image_pixels=150_000_000, ocr_timeout_seconds=0.01)
    with (
        open_document(path, FileType.PNG, limits) as doc,
        pytest.raises(OcrTimeout, match=r"page 1: OCR timed out after 0.01 s"),
    ):
        doc.ocr(1)


def test_missing_language_data_is_ocr_unavailable(tmp_path: Path) -> None:
    path = docs.png(tmp_path / "page.png", LINES)
    limits = TextLimits(
        max_pages=5, max_image_pixels=1_000_000_000, ocr_timeout_seconds=30, ocr_language="zzz"
    )
    with (
        open_document(path, FileType.PNG, limits) as doc,
        pytest.raises(OcrUnavailable, match="'zzz' is not installed"),
    ):
        doc.ocr(1)


@pytest.mark.parametrize(
    ("maker", "error"),
    [
        (docs.encrypted_pdf, EncryptedDocument),
        (docs.truncated_pdf, CorruptDocument),
        (docs.zero_byte, EmptyFile),
        (docs.text_named_pdf, UnsupportedFileType),
        (lambda p: docs.many_pages_pdf(p, 21), TooManyPages),
        (docs.pixel_bomb_png, ImageTooLarge),
        (docs.pdf_decompression_bomb, CorruptDocument),
    ],
)
def test_hostile_files_end_in_their_error(
    tmp_path: Path, maker: object, error: type[Exception]
) -> None:
    path = maker(tmp_path / "hostile.pdf")  # type: ignore[operator]
    with path.open("rb") as fh:
        file_type = detect_file_type(fh.read(16))
    with pytest.raises(error), open_document(path, file_type, LIMITS) as doc:
        for number in range(1, doc.page_count + 1):
            doc.text_layer(number) or doc.ocr(number)


def _truth() -> dict[str, dict[str, object]]:
    require(CORPUS.is_dir(), f"the real corpus at {CORPUS}")
    return json.loads((CORPUS / "truth.json").read_text())  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["azure_w2_single.png", "azure_1099_int.png"])
def test_real_scans_ocr_to_their_key_values(name: str) -> None:
    truth = _truth()[name]
    borrower = truth["borrowers"][0]  # type: ignore[index]
    income = truth["income_records"][0]  # type: ignore[index]
    with open_document(CORPUS / name, FileType.PNG, LIMITS) as doc:
        page = doc.ocr(1)
    text = " ".join(page.text.split())
    assert borrower["name"] in text
    assert borrower["address"]["zip"] in text
    assert borrower["ssn_last4"] in text
    assert income["amount"] in text.replace(",", "")
    assert income["employer"] in text
    name_words = [w for w in page.words if w.text in borrower["name"].split()]
    assert len({w.line for w in name_words}) == 1  # one line, as printed


@pytest.mark.parametrize("invisible", [False, True])
def test_scan_with_a_text_overlay_keeps_the_overlay_words_and_ocrs_the_rest(
    tmp_path: Path, invisible: bool
) -> None:
    from tests.unit.test_text_layer import FORM, OVERLAY, scan_with_text

    # Visible: typed over blanks of the scan, as PDF editors do. Invisible: over the same words
    # printed in the scan, which OCR reads too and must not repeat.
    filled = {n: f"{FORM[n]} {words}" for n, words in OVERLAY.items()}
    scan_lines = [filled.get(n, line) for n, line in enumerate(FORM)] if invisible else FORM
    path = scan_with_text(
        tmp_path / "overlay.pdf", scan_lines, OVERLAY, labels=FORM, invisible=invisible
    )
    with open_document(path, FileType.PDF, LIMITS) as doc:
        assert doc.text_layer(1) is None
        page = doc.ocr(1)
    assert page.method is TextMethod.OCR
    lines = [" ".join(line.split()) for line in page.text.splitlines()]
    for number, words in OVERLAY.items():
        assert filled[number] in lines, (filled[number], page.text)
        line = lines.index(filled[number])
        for word in words.split():
            same = [w for w in page.words if w.line == line and w.text == word]
            assert len(same) == 1 and same[0].confidence == 1.0, (word, same)
    # What only the scan holds, by OCR.
    assert "Rate of pay: 96,600.00 annual" in lines
    assert "Year to date: 28,175.00" in lines
