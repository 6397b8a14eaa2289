"""Thin Celery tasks: JSON arguments in (ids and blob keys, never file bytes or page text),
one service call, retryable errors mapped to a bounded retry with backoff and jitter.

Public contract (documented in the README; producers may ``send_task`` by name):

``pipeline.ingest_document`` (queue ``ingest``)
    kwargs: submission_id (UUID str), staging_key (str), filename (str), size_bytes (int),
    metadata (object | null), idempotency_key (str | null). Processes the new document itself
    unless ``PIPELINE_PROCESS_IN_INGEST=false``.
``pipeline.process_document`` (queue ``extract``)
    args: [document_id]
``pipeline.ocr_page`` (queue ``ocr``)
    args: [document_id, [page numbers], claim token]
``pipeline.finish_document`` (queue ``extract``)
    args: [ocr results (ignored), document_id, claim token]

Scheduled by ``celery -A workers beat`` (queue ``maintenance``, no arguments):
``pipeline.relay_outbox``, ``pipeline.sweep_stuck``, ``pipeline.reconcile``,
``pipeline.housekeeping``.

Every task checks its message against its model in :mod:`workers.contracts` before anything
else runs (:class:`ContractTask`); a message that does not fit is rejected, not run.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any

from celery import Task, chord, signals
from celery.exceptions import SoftTimeLimitExceeded

from pipeline.bootstrap import close_runtime, get_runtime, preload
from pipeline.db.unit_of_work import translate_database_error
from pipeline.domain.errors import RetryableError
from pipeline.domain.model import Submission
from pipeline.service_layer import operations, services
from pipeline.service_layer import reconcile as reconciliation
from pipeline.service_layer.operations import jittered_backoff
from pipeline.service_layer.rejections import reject_message
from workers import contracts, liveness
from workers.app import app

log = logging.getLogger(__name__)


def backoff(retries: int) -> float:
    settings = get_runtime().settings
    return jittered_backoff(
        retries, base=settings.retry_backoff_base, cap=settings.retry_backoff_max
    )


def _retry_or(
    task: Task, exc: RetryableError, on_exhausted: Callable[[RetryableError], dict[str, Any]]
) -> dict[str, Any]:
    """Retry with backoff; when retries run out, let ``on_exhausted`` end the work cleanly."""
    if task.request.retries >= get_runtime().settings.max_retries:
        return on_exhausted(exc)
    raise task.retry(exc=exc, countdown=backoff(task.request.retries))


class ContractTask(Task):  # type: ignore[misc]
    """Checks the message against the task's contract before the task body runs. A message
    that breaks it is recorded as rejected (on its submission, or as a dead letter) and
    acknowledged; the worker goes on. Recording it is retried like any transient trouble."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            contracts.check(self.name, args, kwargs, task_id=self.request.id)
        except contracts.MalformedMessage as bad:
            return self._reject(bad)
        return super().__call__(*args, **kwargs)

    def _reject(self, bad: contracts.MalformedMessage) -> dict[str, Any]:
        rt = get_runtime()
        try:
            rejection = rt.run(reject_message(rt.deps, rt.dead_letters, bad.rejected))
        except RetryableError as exc:

            def give_up(exc: RetryableError) -> dict[str, Any]:
                log.error("could not record a rejected %s message: %s", self.name, exc)
                return {"rejected": True, "reason": bad.rejected.reason, "recorded_on": None}

            return _retry_or(self, exc, give_up)
        return {"rejected": True, "reason": rejection.reason, "recorded_on": rejection.recorded_on}


@app.task(name="pipeline.ingest_document", bind=True, max_retries=None, base=ContractTask)
def ingest_document(
    self: Task,
    submission_id: str,
    staging_key: str,
    filename: str,
    size_bytes: int,
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    """Store a staged upload and record its document; then process a new document here, under
    this task's id as its claim (``PIPELINE_PROCESS_IN_INGEST``, the default: no second task
    and no second download), or send ``pipeline.process_document`` for it."""
    rt = get_runtime()
    sub_id = uuid.UUID(submission_id)
    # A retry or a redelivery keeps the task id, so it resumes the claim the first run took.
    token = str(self.request.id) if rt.settings.process_in_ingest else None
    # (the file stays on disk for processing here; without it, ingest keeps its own scratch)
    scratch = tempfile.TemporaryDirectory(prefix="ingest-") if token else nullcontext(None)
    with scratch as workdir:
        try:
            outcome = rt.run(
                services.ingest(
                    rt.deps,
                    submission_id=sub_id,
                    staging_key=staging_key,
                    filename=filename,
                    size_bytes=size_bytes,
                    metadata=metadata,
                    idempotency_key=idempotency_key,
                    claim_token=token,
                    workdir=Path(workdir) if workdir else None,
                )
            )
        except RetryableError as exc:

            def give_up(exc: RetryableError) -> dict[str, Any]:
                reason = f"{filename}: gave up after {self.request.retries} retries: {exc}"
                rt.run(services.fail_submission(rt.deps, sub_id, reason))
                return {"submission_id": submission_id, "status": "FAILED", "error": reason}

            return _retry_or(self, exc, give_up)
        result = {
            "submission_id": submission_id,
            "document_id": str(outcome.document_id) if outcome.document_id else None,
            "duplicate": outcome.duplicate,
            "status": outcome.status,
        }
        if not outcome.process or outcome.document_id is None:
            return result
        if token is None:
            process_document.delay(str(outcome.document_id))
            return result
        processed = _process(self, str(outcome.document_id), token, outcome.local_copy)
        return {**result, "action": processed["action"]}


@app.task(name="pipeline.process_document", bind=True, max_retries=None, base=ContractTask)
def process_document(self: Task, document_id: str) -> dict[str, Any]:
    """Claim the document, read its text layer, fan pages that need OCR out to the ``ocr``
    queue (continuing in ``finish_document`` when all are done), or finish at once."""
    return _process(self, document_id, str(self.request.id))


def _process(
    task: Task, document_id: str, token: str, local_copy: Path | None = None
) -> dict[str, Any]:
    """The processing step of ``process_document`` and ``ingest_document``: claim the document
    under ``token`` (or resume that claim) and process it, from ``local_copy`` when the file is
    on disk already; pages without text go to the ``ocr`` queue as a chord finished by
    ``finish_document``."""
    rt = get_runtime()
    doc_id = uuid.UUID(document_id)

    def step() -> dict[str, Any]:
        # Embedded (eager) mode OCRs in this process; a worker sends OCR to the ``ocr`` queue.
        eager = bool(app.conf.task_always_eager)
        outcome = rt.run(
            services.claim_and_process(
                rt.deps, doc_id, token=token, ocr_in_process=eager, local_copy=local_copy
            )
        )
        if outcome.action == "ocr":
            size = max(1, rt.settings.ocr_pages_per_task)
            pages = outcome.ocr_pages
            batches = [list(pages[i : i + size]) for i in range(0, len(pages), size)]
            chord(ocr_page.s(document_id, batch, token) for batch in batches)(
                finish_document.s(document_id, token)
            )
            return {"document_id": document_id, "action": "ocr", "pages": list(pages)}
        return {"document_id": document_id, "action": outcome.action}

    return _document_step(task, document_id, step)


@app.task(name="pipeline.ocr_page", bind=True, max_retries=None, base=ContractTask)
def ocr_page(self: Task, document_id: str, pages: list[int], token: str) -> dict[str, Any]:
    rt = get_runtime()

    def step() -> dict[str, Any]:
        doc_id = uuid.UUID(document_id)
        outcome = rt.run(services.ocr_pages(rt.deps, doc_id, pages, token=token))
        return {
            "document_id": document_id,
            "pages": pages,
            "ocr_pages": list(outcome.ocr_pages),  # those actually read (others were done)
            "action": outcome.action,
        }

    return _document_step(self, document_id, step)


@app.task(name="pipeline.finish_document", bind=True, max_retries=None, base=ContractTask)
def finish_document(self: Task, _ocr_results: Any, document_id: str, token: str) -> dict[str, Any]:
    rt = get_runtime()

    def step() -> dict[str, Any]:
        doc_id = uuid.UUID(document_id)
        outcome = rt.run(services.finish_processing(rt.deps, doc_id, token=token))
        return {"document_id": document_id, "action": outcome.action}

    return _document_step(self, document_id, step)


def _document_step(
    task: Task, document_id: str, step: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Run one processing step so that no error path leaves the document in limbo: transient
    trouble retries (then fails), a soft time limit or a crash (a bug) fails the document with a
    reason, and the crash is re-raised so Celery and Flower record it.

    A crash handler never turns transient trouble into FAILED: a connection error that reached
    here untranslated retries like any other, and when the failure itself cannot be written
    (the database went away meanwhile) the document stays PROCESSING for the sweeper."""
    try:
        return step()
    except RetryableError as exc:
        return _retry_or(task, exc, partial(_give_up, document_id, task))
    except SoftTimeLimitExceeded:
        limit = get_runtime().settings.task_soft_time_limit
        return _fail(document_id, f"processing exceeded the time limit of {limit} s")
    except Exception as exc:
        transient = translate_database_error(exc)
        if isinstance(transient, RetryableError):
            return _retry_or(task, transient, partial(_give_up, document_id, task))
        log.exception("unexpected error in %s for document %s", task.name, document_id)
        try:
            _fail(
                document_id,
                f"internal error ({type(exc).__name__}) in {task.name}; "
                "the document can be reprocessed once the cause is fixed",
            )
        except RetryableError as unwritten:
            log.error(
                "could not fail document %s (%s); it stays PROCESSING for the sweeper",
                document_id,
                unwritten,
            )
        raise


def _give_up(document_id: str, task: Task, exc: RetryableError) -> dict[str, Any]:
    return _fail(document_id, f"gave up after {task.request.retries} retries: {exc}")


def _fail(document_id: str, reason: str) -> dict[str, Any]:
    rt = get_runtime()
    outcome = rt.run(services.fail_document(rt.deps, uuid.UUID(document_id), reason))
    return {"document_id": document_id, "action": outcome.action}


# --- scheduled maintenance (beat) -----------------------------------------------------------------


@app.task(name="pipeline.relay_outbox", max_retries=None, base=ContractTask)
def relay_outbox() -> dict[str, Any]:
    """Publish due outbox rows to the event stream."""
    rt = get_runtime()
    result = rt.run(operations.relay_pending(rt.deps, rt.publisher))
    return {"published": result.published, "failed": result.failed, "gave_up": list(result.gave_up)}


@app.task(name="pipeline.sweep_stuck", max_retries=None, base=ContractTask)
def sweep_stuck() -> dict[str, Any]:
    """Hand a dead worker's messages to the others, send again what a lost message or a broker
    that lost its data left without one, release hung claims (``operations.sweep_stuck``)."""
    rt = get_runtime()
    with liveness.broker_probe(app, rt.settings) as probe:
        result = rt.run(operations.sweep_stuck(rt.deps, broker=probe))
    for document_id in result.requeued:
        enqueue_processing(document_id)
    for submission in result.resend:
        enqueue_ingest(submission)
    return {
        "restored": list(result.restored),
        "requeued": [str(i) for i in result.requeued],
        "resent_submissions": [str(s.id) for s in result.resend],
        "failed": [str(i) for i in result.failed],
    }


@app.task(name="pipeline.reconcile", max_retries=None, base=ContractTask)
def reconcile() -> dict[str, Any]:
    rt = get_runtime()
    stale: list[Submission] = []
    report = rt.run(reconciliation.reconcile(rt.deps, enqueue_ingest=stale.append))
    for submission in stale:
        enqueue_ingest(submission)
    return {
        "report_id": str(report.id),
        "mismatches_found": report.mismatches_found,
        "auto_repaired": report.auto_repaired,
        "failed_repairs": report.failed_repairs,
    }


@app.task(name="pipeline.housekeeping", max_retries=None, base=ContractTask)
def housekeeping() -> dict[str, Any]:
    rt = get_runtime()
    result = rt.run(operations.housekeeping(rt.deps))
    return {
        "idempotency_keys_deleted": result.idempotency_keys_deleted,
        "outbox_rows_deleted": result.outbox_rows_deleted,
        "heartbeats_deleted": result.heartbeats_deleted,
    }


def enqueue_processing(document_id: uuid.UUID, *, priority: int | None = None) -> None:
    options = {} if priority is None else {"priority": priority}
    process_document.apply_async((str(document_id),), **options)


def enqueue_ingest(submission: Submission, *, priority: int | None = None) -> None:
    """Send ``pipeline.ingest_document`` for a staged submission (the task contract above), at
    ``priority`` (``pipeline.fairness``; None: the sending task's, or 0 outside a task)."""
    options = {} if priority is None else {"priority": priority}
    ingest_document.apply_async(
        kwargs={
            "submission_id": str(submission.id),
            "staging_key": submission.staging_key,
            "filename": submission.filename,
            "size_bytes": submission.size_bytes,
            "metadata": submission.metadata,
            "idempotency_key": submission.idempotency_key,
        },
        # What task events (and so Flower) display: a producer's file name, staging key or
        # metadata may name a person, so only the ids and the size are shown.
        kwargsrepr=repr({"submission_id": str(submission.id), "size_bytes": submission.size_bytes}),
        **options,
    )


@signals.worker_init.connect
def _init_worker(**_: Any) -> None:
    # In the worker's main process, before the pool forks.
    preload(app.conf.pipeline_settings)


@signals.worker_process_init.connect
def _init_worker_process(**_: Any) -> None:
    # One event loop and one engine per worker process, created after the fork.
    get_runtime(app.conf.pipeline_settings)


@signals.worker_process_shutdown.connect
def _shutdown_worker_process(**_: Any) -> None:
    close_runtime()
