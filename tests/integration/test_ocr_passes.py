"""OCR's second looks with the real tesseract: figures printed on shaded bars and white on dark
bands, on gray scans, halftoned 1-bit scans and dithered faxes, are read with the default passes
and were not without them."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from pipeline.domain.model import FileType
from pipeline.domain.pages import Page
from pipeline.text import TextLimits, ocr, open_document
from pipeline.text.ocr import OcrPasses
from tests.support import shaded
from tests.support.services import require

pytestmark = pytest.mark.integration

LIMITS = TextLimits(max_pages=5, max_image_pixels=100_000_000, ocr_timeout_seconds=60)
NONE = OcrPasses(
    descreen=False, shaded_bands=False, unread_ink=False, numeric_reread=False, accent_reread=False
)
DPI = 200


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    require(shutil.which("tesseract") is not None, "tesseract")


def _scan(path: Path, how: str) -> tuple[Path, FileType]:
    page = shaded.render(shaded.pay_summary(), DPI)
    if how == "gray":
        page.save(path.with_suffix(".pdf"), format="PDF", resolution=DPI)
        return path.with_suffix(".pdf"), FileType.PDF
    image: Image.Image = shaded.clustered_dots(page) if how == "halftone" else shaded.dithered(page)
    image.save(path.with_suffix(".tif"), format="TIFF", compression="group4", dpi=(DPI, DPI))
    return path.with_suffix(".tif"), FileType.TIFF


def _read(path: Path, file_type: FileType, passes: OcrPasses) -> Page:
    with open_document(path, file_type, LIMITS, passes=passes) as doc:
        return doc.ocr(1)


@pytest.mark.parametrize("how", ["gray", "halftone", "dithered"])
def test_figures_on_shaded_bars_are_read_with_the_second_looks(tmp_path: Path, how: str) -> None:
    path, file_type = _scan(tmp_path / how, how)

    before = _read(path, file_type, NONE)
    assert "4,491.61" not in before.text  # the gray bar hides the gross pay from one threshold

    after = _read(path, file_type, OcrPasses())
    lines = [" ".join(line.split()) for line in after.text.splitlines()]
    assert "Gross Pay $4,491.61" in lines, after.text
    assert "Net Pay $2,458.32" in lines, after.text  # white on a dark band
    # The rest of the page reads as before.
    for line in ("Employee Jane Q Example", "Federal Income Tax 647.82"):
        assert line in lines
    # Boxes are still fractions of the page where the figure is printed: right-aligned at
    # 540 pt, baseline at 160 pt.
    (amount,) = [w for w in after.words if w.text == "$4,491.61"]
    assert amount.left + amount.width == pytest.approx(540 / 612, abs=0.01)
    assert amount.top + amount.height == pytest.approx(160 / 792, abs=0.01)
    assert 0 < amount.confidence <= 1


def test_each_pass_can_be_turned_off_on_its_own(tmp_path: Path) -> None:
    path, file_type = _scan(tmp_path / "halftone", "halftone")
    without_bands = _read(path, file_type, replace(OcrPasses(), shaded_bands=False))
    assert "4,491.61" not in without_bands.text


def test_text_the_first_reading_dropped_is_read_from_its_ink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract's layout analysis drops a tax year printed alone at a form's top right on some
    scans; the first reading here is made to drop it, and the unread-ink pass finds it."""
    sheet = shaded.Sheet()
    sheet.text(60, 80, "Form W-2 Wage and Tax Statement", size=14, bold=True)
    sheet.text(540, 70, "2021", size=14, bold=True, align="right")
    sheet.text(60, 110, "Employee Jane Q Example")
    path = tmp_path / "w2.pdf"
    shaded.render(sheet.pdf(), DPI).save(path, format="PDF", resolution=DPI)
    real = ocr.run_tesseract

    def dropping_the_year(*args: Any, **kwargs: Any) -> ocr.OcrResult:
        result = real(*args, **kwargs)
        return replace(result, pieces=[p for p in result.pieces if p.text != "2021"])

    monkeypatch.setattr(ocr, "run_tesseract", dropping_the_year)
    assert "2021" not in _read(path, FileType.PDF, replace(OcrPasses(), unread_ink=False)).text

    page = _read(path, FileType.PDF, OcrPasses())
    (year,) = [w for w in page.words if w.text == "2021"]
    assert year.confidence >= 0.75
    # where it is printed: right-aligned at 540 pt, baseline at 70 pt
    assert year.left + year.width == pytest.approx(540 / 612, abs=0.01)
    assert year.top + year.height == pytest.approx(70 / 792, abs=0.01)
    assert "Employee Jane Q Example" in page.text  # read once, not again from its ink
    assert page.text.count("Employee") == 1


def test_names_english_ocr_misreads_are_read_again_with_the_latin_model(tmp_path: Path) -> None:
    require(ocr.accents.LANGUAGE in ocr._installed_languages(), "tesseract's Latin-script model")
    sheet = shaded.Sheet()
    sheet.text(60, 80, "Employee: Wilhelmina Pena", size=9)
    sheet.text(60, 110, "Taxpayer: Ignacio Quiñones", size=9)
    sheet.text(60, 140, "Payer: Beatriz García-López", size=9)
    path = tmp_path / "names.pdf"
    shaded.render(sheet.pdf(), DPI).save(path, format="PDF", resolution=DPI)

    before = _read(path, FileType.PDF, replace(OcrPasses(), accent_reread=False)).text.split()
    # what the English model makes of an ñ at this size
    assert "Quifiones" in before, before

    after = _read(path, FileType.PDF, OcrPasses()).text.split()
    assert "Quiñones" in after and "Quifiones" not in after
    # words the English model read without doubt are not read again
    assert [w for w in after if w != "Quiñones"] == [w for w in before if w != "Quifiones"]
