"""The producer API: hand files to the pipeline.

``submit(path)`` stages the file in the blob store, records the submission and enqueues
``pipeline.ingest_document`` with references only (staging key, filename, size, metadata).
Without a broker (embedded mode) the whole chain runs before ``submit`` returns."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.bootstrap import Runtime, get_runtime
from pipeline.config import Settings
from pipeline.fairness import default_producer, hand_in_priority
from pipeline.service_layer import services, views

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubmissionResult:
    submission_id: uuid.UUID
    filename: str
    status: str  # QUEUED until ingested, then the document's status (or FAILED)
    document_id: uuid.UUID | None = None
    duplicate: bool | None = None
    error_message: str | None = None
    repeated: bool = False  # the idempotency key had been used: no new work was done

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["submission_id"] = str(self.submission_id)
        data["document_id"] = str(self.document_id) if self.document_id else None
        return data


def _result(rt: Runtime, submission_id: uuid.UUID, repeated: bool = False) -> SubmissionResult:
    (view,) = rt.run(views.submission_results(rt.deps, [submission_id]))
    return SubmissionResult(
        submission_id=submission_id,
        filename=view.get("filename", ""),
        status=view["status"],
        document_id=uuid.UUID(view["document_id"]) if view.get("document_id") else None,
        duplicate=view.get("duplicate"),
        error_message=view.get("error_message"),
        repeated=repeated,
    )


def submit(
    path: str | os.PathLike[str],
    *,
    filename: str | None = None,
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    producer: str | None = None,
    settings: Settings | None = None,
) -> SubmissionResult:
    """Submit one file. Repeating a call with the same ``idempotency_key`` returns the first
    call's result without new work.

    ``producer`` names who hands it in, for fairness between producers (``pipeline.fairness``):
    the more files a producer handed in lately, the later its next one is served. Default:
    ``PIPELINE_PRODUCER``, else ``user@host``. A service handing in for many people or systems
    passes each one's name, so one of them cannot hold up the others."""
    from workers.tasks import enqueue_ingest  # the producer side of the task contract

    rt = get_runtime(settings)
    source = Path(path)
    if not source.is_file():
        raise FileNotFoundError(f"{source}: not a file")
    submission, created = rt.run(
        services.stage_submission(
            rt.deps,
            source,
            filename=filename or source.name,
            size_bytes=source.stat().st_size,
            metadata=metadata,
            idempotency_key=idempotency_key,
        )
    )
    if created:
        who = producer or rt.settings.producer or default_producer()
        priority = hand_in_priority(rt.hand_ins, who, str(submission.id))
        enqueue_ingest(submission, priority=priority)
    result = _result(rt, submission.id, repeated=not created)
    if created and rt.settings.eager:
        result = _finished_here(rt, result)
    return result


def _finished_here(rt: Runtime, result: SubmissionResult) -> SubmissionResult:
    """Embedded, the whole chain has run when ``enqueue_ingest`` returns, and no sweeper will
    come: a new document it left PENDING or PROCESSING was abandoned by an error path that
    should not exist. It ends FAILED, saying so, rather than stuck. (A duplicate is another
    call's document, which another process handing in at once may still be working on.)"""
    if result.duplicate or result.document_id is None:
        return result
    if result.status not in ("PENDING", "PROCESSING"):
        return result
    reason = (
        f"processing ended without a result, the document left {result.status} "
        "(embedded mode has no sweeper); reprocess it, and report it as a bug"
    )
    log.error("document %s: %s", result.document_id, reason)
    rt.run(services.fail_document(rt.deps, result.document_id, reason))
    return _result(rt, result.submission_id, repeated=result.repeated)


def submit_many(
    paths: Sequence[Path],
    *,
    jobs: int,
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    producer: str | None = None,
    settings: Settings | None = None,
    log_level: int | None = None,
) -> Iterator[SubmissionResult]:
    """Submit ``paths`` from ``jobs`` processes at once, yielding the results in the order of
    ``paths``. Embedded, a submission runs the whole chain in the process that hands
    it in, so this is how a folder is read and extracted on every core; the processes share
    the workspace's SQLite file (WAL, with a busy timeout) and blob folder. With one job, or
    one file, the files are submitted here one by one. ``idempotency_key`` is for one file."""
    if idempotency_key is not None and len(paths) != 1:
        raise ValueError("an idempotency key names the hand-in of one file")
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield submit(
                path,
                metadata=metadata,
                idempotency_key=idempotency_key,
                producer=producer,
                settings=settings,
            )
        return
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    settings = settings or get_runtime().settings
    get_runtime(settings)  # the workspace migrated once, here, before the processes open it
    # (spawned, not forked: this process may hold an event loop and pooled connections)
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(paths)),
        mp_context=get_context("spawn"),
        initializer=_init_submitter,
        initargs=(settings, log_level),
    ) as pool:
        futures = [pool.submit(_submit_here, path, metadata, producer) for path in paths]
        for future in futures:
            yield future.result()


_submitter_settings: Settings | None = None


def _init_submitter(settings: Settings, log_level: int | None) -> None:
    global _submitter_settings
    _submitter_settings = settings
    if log_level is not None:
        from pipeline.logging import configure_logging

        configure_logging(level=log_level, json_format=settings.log_json)


def _submit_here(
    path: Path, metadata: dict[str, Any] | None, producer: str | None
) -> SubmissionResult:
    return submit(path, metadata=metadata, producer=producer, settings=_submitter_settings)


def results(
    submission_ids: Iterable[uuid.UUID], settings: Settings | None = None
) -> list[dict[str, Any]]:
    """Current state of earlier submissions (for waiting on them)."""
    rt = get_runtime(settings)
    return rt.run(views.submission_results(rt.deps, list(submission_ids)))


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named directly, and every file below named folders (sorted, hidden ones skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                hidden = any(part.startswith(".") for part in rel.parts)
                # truth.json is the labels file of an evaluation corpus, not a document.
                if child.is_file() and not hidden and child.name != "truth.json":
                    yield child
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
