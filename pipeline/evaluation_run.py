"""``pipeline eval``: push a labelled corpus through the pipeline and score the export."""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from pipeline.bootstrap import get_runtime
from pipeline.config import Settings
from pipeline.evaluation import evaluate, format_report, load_truth


def run_evaluation(
    corpus_dir: Path, *, settings: Settings, in_place: bool = False, timeout: float = 3600.0
) -> tuple[dict[str, Any], str]:
    """Ingest every labelled file of ``corpus_dir`` and compare the export with truth.json.

    By default this runs embedded in a scratch directory (fresh SQLite, local blobs, eager
    tasks), so the figures reflect the code as it is, not records from an earlier run."""
    truth = load_truth(corpus_dir)
    if in_place:
        return _run(corpus_dir, truth, settings, timeout)
    from workers.app import using_settings

    with tempfile.TemporaryDirectory(prefix="pipeline-eval-") as scratch:
        scratch_settings = Settings(
            var_dir=Path(scratch), database_url=None, broker_url=None, gcs_bucket=None
        )
        with using_settings(scratch_settings):
            return _run(corpus_dir, truth, scratch_settings, timeout)


def _run(
    corpus_dir: Path, truth: dict[str, dict[str, Any]], settings: Settings, timeout: float
) -> tuple[dict[str, Any], str]:
    from pipeline.producer import results, submit
    from pipeline.service_layer import views

    rt = get_runtime(settings)
    submitted: dict[str, uuid.UUID] = {}
    started = time.monotonic()
    for name in sorted(truth):
        path = corpus_dir / name
        if path.is_file():
            submitted[name] = submit(path, settings=settings).submission_id
    deadline = time.monotonic() + timeout
    while True:
        states = results(list(submitted.values()), settings)
        if all(s["final"] for s in states) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    by_submission = {s["submission_id"]: s for s in states}
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
    report = evaluate(truth, exported)
    text = format_report(report)
    summary = report.as_dict()
    summary["seconds"] = round(elapsed, 1)
    summary["documents_per_second"] = round(len(submitted) / elapsed, 2) if elapsed else None
    return summary, f"{text}\n{len(submitted)} documents in {elapsed:.1f}s"
