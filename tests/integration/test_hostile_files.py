"""Hostile and broken input through the whole chain (embedded: in-process tasks, SQLite,
local blobs, real tesseract): each file ends FAILED with its specific reason, nothing is left
PENDING or PROCESSING, and the next good file still completes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.bootstrap import Runtime
from pipeline.config import Settings
from pipeline.producer import submit
from tests.support import docs
from tests.support.services import require
from workers.app import using_settings


def embedded_settings(tmp_path: Path, **limits: float) -> Settings:
    return Settings(
        var_dir=tmp_path / "var", database_url=None, broker_url=None, gcs_bucket=None, **limits
    )  # type: ignore[arg-type]


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[Runtime]:
    settings = embedded_settings(
        tmp_path, max_pages=5, max_image_pixels=20_000_000, ocr_timeout_seconds=30
    )
    with using_settings(settings) as runtime:
        yield runtime


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "encrypted.pdf": (docs.encrypted_pdf, "encrypted PDF, password required"),
    "truncated.pdf": (docs.truncated_pdf, "truncated"),
    "empty.pdf": (docs.zero_byte, "empty file (0 bytes)"),
    "letter.pdf": (docs.text_named_pdf, "unsupported file type"),
    "many.pdf": (lambda p: docs.many_pages_pdf(p, 9), "9 pages, the limit is 5"),
    "bomb.png": (docs.pixel_bomb_png, "pixel"),
    "zip-bomb.pdf": (docs.pdf_decompression_bomb, "decompression bomb"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_ends_failed_with_its_reason(
    embedded: Runtime, tmp_path: Path, name: str
) -> None:
    make, reason = CASES[name]
    result = submit(make(tmp_path / name), settings=embedded.settings)
    assert result.status == "FAILED", result
    assert result.error_message is not None and reason in result.error_message
    assert "Traceback" not in result.error_message
    good = submit(
        docs.text_pdf(tmp_path / "good.pdf", [["after a hostile file", name]]),
        settings=embedded.settings,
    )
    assert good.status == "COMPLETED", good


def test_encrypted_with_empty_password_is_read(embedded: Runtime, tmp_path: Path) -> None:
    result = submit(
        docs.encrypted_pdf_empty_password(tmp_path / "open.pdf"), settings=embedded.settings
    )
    assert result.status == "COMPLETED", result


def test_ocr_timeout_fails_the_document_naming_the_page(tmp_path: Path) -> None:
    require(shutil.which("tesseract") is not None, "tesseract")
    settings = embedded_settings(tmp_path, ocr_timeout_seconds=0.01)
    with using_settings(settings):
        path = docs.scanned_pdf(
            tmp_path / "scan.pdf", [["first page text line"], ["second page text line"]], dpi=300
        )
        result = submit(path, settings=settings)
    assert result.status == "FAILED"
    assert result.error_message is not None
    assert "page 1" in result.error_message and "timed out" in result.error_message


def test_mixed_pdf_uses_text_layer_and_ocr_per_page(embedded: Runtime, tmp_path: Path) -> None:
    require(shutil.which("tesseract") is not None, "tesseract")
    from pipeline.service_layer import views

    path = docs.mixed_pdf(
        tmp_path / "mixed.pdf",
        [["Employer letter page typed text"]],
        [["Scanned page says HELLO LENDER"]],
    )
    result = submit(path, settings=embedded.settings)
    assert result.status == "COMPLETED", result
    assert result.document_id is not None
    detail = embedded.run(views.document_detail(embedded.deps, result.document_id))
    assert detail is not None
    assert sorted(p["method"] for p in detail["pages"]) == ["ocr", "text_layer"]


def test_a_crash_in_a_step_fails_the_document_instead_of_leaving_it_processing(
    embedded: Runtime, tmp_path: Path
) -> None:
    """A bug (here: a row whose file_type no code knows) must not strand the document."""
    import sqlalchemy as sa

    from pipeline.db import tables
    from pipeline.service_layer import services
    from workers.tasks import process_document

    good = submit(docs.text_pdf(tmp_path / "fine.pdf", [["fine"]]), settings=embedded.settings)
    assert good.status == "COMPLETED" and good.document_id is not None

    async def corrupt() -> None:
        async with embedded.database.engine.begin() as conn:
            await conn.execute(
                sa.update(tables.documents)
                .where(tables.documents.c.id == good.document_id)
                .values(file_type="bogus")
            )

    embedded.run(corrupt())
    assert embedded.run(services.reprocess(embedded.deps, good.document_id))
    with pytest.raises(ValueError, match="bogus"):
        process_document.apply(args=[str(good.document_id)])
    (state,) = embedded.run(_states(embedded, good.submission_id))
    assert state["status"] == "FAILED"
    assert "internal error (ValueError)" in state["error_message"]


async def _states(rt: Runtime, submission_id: object) -> list[dict[str, object]]:
    from pipeline.service_layer import views

    return await views.submission_results(rt.deps, [submission_id])  # type: ignore[list-item]


def test_a_document_the_chain_abandons_ends_failed_not_stuck(
    embedded: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Embedded mode has no sweeper: should an error path ever end the in-process chain with
    its document claimed and unfinished (one was seen once, under load, and not reproduced),
    the hand-in fails it with a reason instead of leaving it PROCESSING. The fault is injected
    by a processing step that claims the document and returns."""
    from pipeline.service_layer import services

    async def abandons(deps: object, claim: services.Claim, **_: object) -> services.ProcessOutcome:
        assert claim.document is not None
        return services.ProcessOutcome(claim.document.id, "skipped")

    monkeypatch.setattr(services, "process", abandons)
    result = submit(docs.text_pdf(tmp_path / "a.pdf", [["abandoned"]]), settings=embedded.settings)
    assert result.status == "FAILED", result
    assert result.error_message is not None
    assert "without a result, the document left PROCESSING" in result.error_message
    monkeypatch.undo()
    good = submit(docs.text_pdf(tmp_path / "b.pdf", [["after it"]]), settings=embedded.settings)
    assert good.status == "COMPLETED", good
