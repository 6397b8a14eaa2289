"""``pipeline eval``: push a labelled corpus through the pipeline and score the export.

By default the corpus runs embedded in a throw-away directory. With a kept workspace
(``--workspace DIR``) a second run finds every unchanged file already stored (same bytes: the
pipeline resolves the submission to the existing document) and reprocesses that document, which
keeps its OCR'd pages, so an extractor change is re-scored in seconds instead of re-reading scans.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from pipeline.bootstrap import Runtime, get_runtime
from pipeline.config import Settings
from pipeline.evaluation import evaluate, format_report, load_truth, without
from pipeline.service_layer.deps import Dependencies

# Written into a workspace the eval created: its records may be wiped, so the eval refuses to
# reuse a directory without it (say, the ./var of a real embedded installation).
WORKSPACE_MARKER = ".pipeline-eval-workspace"


class EvalSetupError(Exception):
    """The eval was asked for something it cannot do (message says what); nothing was run."""


@dataclass
class RunStats:
    """What the run did, besides the scores."""

    seconds: float = 0.0
    submitted: int = 0
    reprocessed: int = 0
    ocr_pages_read: int = 0
    ocr_pages_reused: int = 0
    workspace: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 1),
            "submitted": self.submitted,
            "reprocessed": self.reprocessed,
            "ocr_pages_read": self.ocr_pages_read,
            "ocr_pages_reused": self.ocr_pages_reused,
            "workspace": self.workspace,
        }

    def describe(self) -> str:
        where = (
            f"; workspace {self.workspace}: {self.reprocessed} reprocessed from earlier runs"
            if self.workspace
            else ""
        )
        return (
            f"{self.submitted} documents in {self.seconds:.1f}s{where}; OCR pages read "
            f"{self.ocr_pages_read}, reused from checkpoints {self.ocr_pages_reused}"
        )


def run_evaluation(
    corpus_dir: Path,
    *,
    settings: Settings,
    in_place: bool = False,
    workspace: Path | None = None,
    exclude: Iterable[str] = (),
    timeout: float = 3600.0,
) -> tuple[dict[str, Any], str]:
    """Ingest every labelled file of ``corpus_dir`` (less ``exclude``) and compare the export
    with truth.json.

    By default this runs embedded in a scratch directory (fresh SQLite, local blobs, eager
    tasks), so the figures reflect the code as it is, not records from an earlier run. With
    ``workspace`` the same embedded setup lives in that directory and is kept: files stored by
    an earlier run are reprocessed (their OCR'd pages reused) after the records of the earlier
    run are forgotten, so the result equals a fresh run's. ``in_place`` uses the configured
    database and workers as they are."""
    try:
        truth = load_truth(corpus_dir)
        excluded = sorted(set(exclude))
        names = sorted(without(truth, excluded))
    except (OSError, ValueError) as exc:
        raise EvalSetupError(str(exc)) from exc
    if in_place and workspace is not None:
        raise EvalSetupError("--in-place and --workspace exclude each other")
    if in_place:
        exported, stats = _run(corpus_dir, names, settings, timeout, reuse=False)
        return _scored(truth, excluded, exported, stats)
    from workers.app import using_settings

    with contextlib.ExitStack() as stack:
        if workspace is None:
            var_dir = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="pipeline-eval-"))
            )
        else:
            var_dir = _claim_workspace(workspace)
        embedded = Settings(var_dir=var_dir, database_url=None, broker_url=None, gcs_bucket=None)
        with using_settings(embedded):
            exported, stats = _run(
                corpus_dir, names, embedded, timeout, reuse=workspace is not None
            )
    if workspace is not None:
        stats.workspace = str(workspace)
    return _scored(truth, excluded, exported, stats)


def _scored(
    truth: dict[str, dict[str, Any]],
    excluded: list[str],
    exported: list[dict[str, Any]],
    stats: RunStats,
) -> tuple[dict[str, Any], str]:
    report = evaluate(truth, exported, exclude=excluded)
    summary = report.as_dict()
    summary["seconds"] = round(stats.seconds, 1)
    summary["documents_per_second"] = (
        round(stats.submitted / stats.seconds, 2) if stats.seconds else None
    )
    summary["run"] = stats.as_dict()
    return summary, f"{format_report(report)}\n{stats.describe()}"


def _claim_workspace(path: Path) -> Path:
    marker = path / WORKSPACE_MARKER
    foreign = path.exists() and (not path.is_dir() or any(path.iterdir()))
    if foreign and not marker.is_file():
        raise EvalSetupError(
            f"{path} is not an eval workspace (no {WORKSPACE_MARKER}): give a new or empty "
            "directory, since the eval replaces the extracted records it finds there"
        )
    path.mkdir(parents=True, exist_ok=True)
    marker.write_text("pipeline eval workspace: SQLite, blobs and page checkpoints\n")
    return path.resolve()


def _run(
    corpus_dir: Path, names: list[str], settings: Settings, timeout: float, *, reuse: bool
) -> tuple[list[dict[str, Any]], RunStats]:
    from pipeline.producer import results, submit
    from pipeline.service_layer import views

    rt = get_runtime(settings)
    stats = RunStats()
    started, started_at = time.monotonic(), rt.deps.clock()
    if reuse:
        # Borrowers are matched against the ones already known and never overwritten, so a
        # borrower read wrongly by an earlier extractor would survive into this run's figures.
        rt.run(_forget_extracted_records(rt.deps))
    submitted: dict[str, uuid.UUID] = {}
    this_run: set[uuid.UUID] = set()
    for name in names:
        path = corpus_dir / name
        if not path.is_file():
            continue
        result = submit(path, settings=settings)
        submitted[name] = result.submission_id
        document_id = result.document_id
        if document_id is None:
            continue
        # Embedded, submit has finished the document when it returns, so rerunning an earlier
        # run's document here keeps the fresh run's order (which borrower is seen first).
        if reuse and result.duplicate and document_id not in this_run:
            _rerun(rt, document_id)
            stats.reprocessed += 1
        this_run.add(document_id)
    deadline = time.monotonic() + timeout
    while True:
        states = results(list(submitted.values()), settings)
        if all(s["final"] for s in states) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    stats.seconds = time.monotonic() - started
    stats.submitted = len(submitted)
    by_submission = {s["submission_id"]: s for s in states}
    document_ids = {uuid.UUID(s["document_id"]) for s in states if s.get("document_id")}
    stats.ocr_pages_read, stats.ocr_pages_reused = rt.run(
        _ocr_pages(rt.deps, sorted(document_ids), since=started_at)
    )
    exported: list[dict[str, Any]] = []
    for name, submission_id in submitted.items():
        state = by_submission[str(submission_id)]
        if not state.get("document_id"):
            continue
        for doc in rt.run(
            views.export_documents(rt.deps, document_id=uuid.UUID(state["document_id"]))
        ):
            # A duplicate resolves to a document first submitted under another name.
            exported.append({**doc, "filename": name})
    return exported, stats


def _rerun(rt: Runtime, document_id: uuid.UUID) -> None:
    """Process a stored document again, keeping its checkpointed OCR pages."""
    from pipeline.service_layer import services
    from workers.tasks import enqueue_processing

    if not rt.run(services.reprocess(rt.deps, document_id)):
        # Left PENDING or PROCESSING by an interrupted run: nothing else works on this
        # workspace, so the claim is stale and the document can be taken back at once.
        rt.run(_release_abandoned(rt.deps, document_id))
    enqueue_processing(document_id)


# Workspace upkeep the use cases have no reason to offer: it reads and writes the eval's own
# database directly.


async def _forget_extracted_records(deps: Dependencies) -> None:
    from pipeline.db import tables
    from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork

    uow = deps.uow_factory()
    assert isinstance(uow, SqlAlchemyUnitOfWork)
    async with uow:
        for table in (
            tables.document_parts,
            tables.source_references,
            tables.income_records,
            tables.account_numbers,
            tables.borrowers,
        ):
            await uow.session.execute(sa.delete(table))
        await uow.commit()


async def _release_abandoned(deps: Dependencies, document_id: uuid.UUID) -> None:
    from pipeline.domain.model import Document, DocumentStatus

    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None or document.status is not DocumentStatus.PROCESSING:
            return
        document.release(now=deps.clock())
        if await uow.documents.transition(document, DocumentStatus.PROCESSING):
            await uow.commit()


async def _ocr_pages(
    deps: Dependencies, document_ids: list[uuid.UUID], *, since: datetime
) -> tuple[int, int]:
    """(OCR'd pages checkpointed since ``since``, older ones) of the documents."""
    from pipeline.db import tables
    from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
    from pipeline.domain.pages import TextMethod

    pages = tables.document_pages
    stmt = (
        sa.select((pages.c.created_at >= since).label("fresh"), sa.func.count())
        .where(pages.c.document_id.in_(document_ids))
        .where(pages.c.method == TextMethod.OCR.value)
        .group_by("fresh")
    )
    uow = deps.uow_factory()
    assert isinstance(uow, SqlAlchemyUnitOfWork)
    async with uow:
        counts = {bool(fresh): n for fresh, n in await uow.session.execute(stmt)}
    return counts.get(True, 0), counts.get(False, 0)
