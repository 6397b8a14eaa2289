"""Inputs the fuzzer found (``benchmarks/fuzz.py``), minimized and kept under
``tests/fuzz/crashers``: each once broke the contract for untrusted bytes, and each must now
give pages or the pipeline's PermanentError with its reason, within the harness's bounds of
time and memory (a forked child with an address-space limit and a wall-clock alarm,
``tests/fuzz/sandbox.py``), through the real chain and the real tesseract."""

from __future__ import annotations

import io
import multiprocessing
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from pipeline.domain.errors import CorruptDocument
from pipeline.text import TextLimits, document
from tests.fuzz import headers, sandbox
from tests.support.services import require

CRASHERS = Path(__file__).resolve().parents[1] / "fuzz" / "crashers"


@dataclass(frozen=True)
class Case:
    file: str
    target: str  # tests.fuzz.targets.TARGETS
    outcome: str  # "pages", or the PermanentError's class
    reason: str  # in the refusal's message
    bug: str  # what the input did before the fix


CASES = [
    Case(
        "empty-media-box.pdf",
        "pages-quick",  # the bug came before OCR's second looks, which only cost time here
        "pages",
        "",
        "OCR placed its words on a page of 0 x 0 points (PDFium draws such a page as US "
        "Letter): ZeroDivisionError",
    ),
    Case(
        "encryption-handler-not-standard.pdf",
        "pages",
        "EncryptedDocument",
        "cannot decrypt: only Standard PDF encryption handler",
        "pypdf's NotImplementedError for a security handler it lacks escaped open_document",
    ),
    Case(
        "page-counted-but-not-loadable.pdf",
        "render",
        "CorruptDocument",
        "page 2: cannot load it",
        "PdfiumError for a page PDFium counts but cannot load escaped render_page_png",
    ),
    Case(
        "page-counted-but-not-loadable-ocr.pdf",
        "pages",
        "CorruptDocument",
        "page 1: the page cannot be loaded",
        "the same page in OCR: PdfiumError from loading a page PDFium counts escaped ocr()",
    ),
    Case(
        "raw-byte-in-the-reason.pdf",
        "pages",
        "CorruptDocument",
        "damaged PDF: Non-Ascii85 digit found: ?",
        "the reason quoted the file's byte 0x81 from pypdf's message (not printable)",
    ),
    Case(
        "filter-abbreviation-removed.pdf",
        "pages",
        "CorruptDocument",
        "The filter name /Fl is deprecated",
        "pypdf's DeprecationError (no PyPdfError) for a filter abbreviation it dropped escaped",
    ),
    Case(
        "negative-xref-offset.pdf",
        "pages",
        "CorruptDocument",
        "an offset points before the start of the file",
        "a cross-reference entry of -595304672 made pypdf's seek fail with OSError EINVAL",
    ),
    Case(
        "operands-before-inline-image.pdf",
        "pages",
        "CorruptDocument",
        "a content stream breaks the reader's expectations",
        "pypdf's AssertionError for operands left before an inline image escaped",
    ),
    Case(
        "pixel-bomb.png",
        "render",
        "ImageTooLarge",
        "the limit is 150,000,000 pixels",
        "Pillow's DecompressionBombError escaped render_page_png (the API answered 500)",
    ),
    Case(
        "root-recovery-through-absent-objects.pdf",
        "pages",
        "CorruptDocument",
        "Cannot find Root object",
        "pypdf searched the whole file once per absent object: 28 s for a 247 KB file whose "
        "trailer's /Size sent its root recovery through 2,572 of them (hours at 100 MB)",
    ),
    Case(
        "tiff-page-without-size.tiff",
        "pages",
        "CorruptDocument",
        "its pages cannot be decoded (Missing dimensions)",
        "counting a TIFF's pages (n_frames) was outside the translation of Pillow's errors, "
        "and Pillow's TypeError for a page without a size not among them",
    ),
    Case(
        "tiff-page-unknown-compression.tiff",
        "render",
        "CorruptDocument",
        "a field is missing or has an unknown value: 34712",
        "Pillow's KeyError for a compression it does not know (JPEG 2000) escaped",
    ),
    Case(
        "tiff-page-palette-without-colormap.tiff",
        "pages",
        "CorruptDocument",
        "a field is missing or has an unknown value: 320",
        "Pillow's KeyError for a palette page without its colour map escaped",
    ),
    Case(
        "tiff-page-unknown-pixel-mode.tiff",
        "render",
        "CorruptDocument",
        "its pages cannot be decoded (unknown pixel mode)",
        "Pillow's SyntaxError for a second page of 12-bit RGB escaped while counting pages",
    ),
    Case(
        "strip-100000x17.png",
        "pages",
        "pages",
        "",
        "OCR took the strip for a page at 2 DPI and scaled it up 150 times: MemoryError",
    ),
]


def _replay(target: str, file: str) -> sandbox.Verdict:
    return sandbox.run(target, (CRASHERS / file).read_bytes())


@pytest.fixture(scope="module")
def replayer() -> Iterator[Pool]:
    """One fresh process that forks a bounded child per input: a fork of the test process,
    which may run threads, could copy a lock another thread holds."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        yield pool


@pytest.fixture(scope="module")
def verdicts(replayer: Pool) -> dict[str, sandbox.Verdict]:
    require(shutil.which("tesseract") is not None, "tesseract")
    found = replayer.starmap(_replay, [(case.target, case.file) for case in CASES])
    return {case.file: verdict for case, verdict in zip(CASES, found, strict=True)}


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_a_fuzzer_finding_keeps_the_contract(
    verdicts: dict[str, sandbox.Verdict], case: Case
) -> None:
    verdict = verdicts[case.file]
    assert verdict.keeps_contract, (
        f"{case.file} ({case.bug}): {verdict.kind}: {verdict.detail}\n{verdict.traceback}"
    )
    if case.outcome == "pages":
        assert verdict.kind == "pages", verdict
    else:
        assert verdict.kind == "refused", verdict
        assert verdict.detail.startswith(f"{case.outcome}: "), verdict
        assert case.reason in verdict.detail, verdict


def test_every_kept_input_has_its_case_and_is_small() -> None:
    kept = {path.name: path.stat().st_size for path in CRASHERS.iterdir()}
    assert sorted(kept) == sorted(case.file for case in CASES)
    assert max(kept.values()) <= 8192, kept


class _CountingReader(io.BufferedReader):
    whole_reads = 0

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            self.whole_reads += 1
        return super().read(size)


def test_a_damaged_pdf_is_searched_once_for_its_absent_objects() -> None:
    """The time the case above took grew with the file's size times the objects it names but
    lacks; what stays constant is how often the file is read whole: once here, not 10,000
    times (the trailer's /Size)."""
    path = CRASHERS / "root-recovery-through-absent-objects.pdf"
    limits = TextLimits(max_pages=500, max_image_pixels=150_000_000, ocr_timeout_seconds=120)
    with _CountingReader(io.BytesIO(path.read_bytes())) as stream:
        reader = document._read_pypdf(path, stream)  # type: ignore[arg-type]
        with pytest.raises(CorruptDocument, match="Cannot find Root object"):
            document._page_count(reader, limits)
        assert stream.whole_reads <= 3


@settings(
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=headers.image_files())
def test_images_built_field_by_field_keep_the_contract(replayer: Pool, data: bytes) -> None:
    """PNG, TIFF and JPEG files whose header fields are drawn from what decoders trip on
    (``tests/fuzz/headers.py``), read and drawn in bounded children. The tesseract binary is
    answered for (``targets.without_tesseract``): these are about decoding, and the real binary
    would take a second a case."""
    for target in ("pages-quick", "render"):
        verdict = replayer.apply(sandbox.run, (target, data), {"fake_tesseract": True})
        assert verdict.keeps_contract, f"{target}: {verdict}"
