"""The ingest task processes the document it stored (``PIPELINE_PROCESS_IN_INGEST``, the
default), through the real tasks in-process (embedded: SQLite, local blobs, eager Celery): one
task and one download for a text PDF, the same events as the two-task path, and every way the
task can stop half-way resumed or ended FAILED by the same task id; with the setting off, the
two-task path as before."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from celery import Task, signals
from celery.exceptions import Retry

from pipeline.bootstrap import Runtime
from pipeline.config import Settings
from pipeline.db import tables
from pipeline.domain.errors import StorageUnavailable
from pipeline.domain.model import Document, DocumentStatus, Submission
from pipeline.producer import submit
from pipeline.service_layer import services, views
from pipeline.storage import BlobStore
from tests.support import docs
from workers.app import using_settings
from workers.tasks import ingest_document

LIFECYCLE = ["DocumentStored", "DocumentProcessingStarted", "DocumentCompleted"]


class CountingBlobStore:
    """The runtime's blob store, with the keys downloaded from it counted."""

    def __init__(self, inner: BlobStore) -> None:
        self.inner = inner
        self.downloads: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def download_to(self, key: str, path: Path) -> None:
        self.downloads.append(key)
        self.inner.download_to(key, path)


@dataclasses.dataclass
class Stack:
    rt: Runtime
    blobs: CountingBlobStore
    tasks: list[str]
    tmp: Path

    def events(self, document_id: uuid.UUID | None) -> list[str]:
        async def read() -> list[str]:
            async with self.rt.database.engine.connect() as conn:
                t = tables.outbox
                rows = await conn.execute(
                    sa.select(t.c.event_type)
                    .where(t.c.aggregate_id == document_id)
                    .order_by(t.c.id)
                )
                return [r.event_type for r in rows]

        return self.rt.run(read())

    def document(self, document_id: uuid.UUID | None) -> Document:
        assert document_id is not None

        async def read() -> Document | None:
            async with self.rt.deps.uow_factory() as uow:
                found: Document | None = await uow.documents.get(document_id)
                return found

        found = self.rt.run(read())
        assert found is not None
        return found

    def stage(self, name: str = "w2.pdf") -> Submission:
        path = docs.text_pdf(self.tmp / name, [["Form W-2 Wage and Tax Statement", name]])
        submission, created = self.rt.run(
            services.stage_submission(
                self.rt.deps, path, filename=name, size_bytes=path.stat().st_size
            )
        )
        assert created
        return submission


def ingest_kwargs(submission: Submission, *, as_uuid: bool = False) -> dict[str, Any]:
    """The ingest message's arguments (the service's, with ``as_uuid``)."""
    return {
        "submission_id": submission.id if as_uuid else str(submission.id),
        "staging_key": submission.staging_key,
        "filename": submission.filename,
        "size_bytes": submission.size_bytes,
        "metadata": None,
        "idempotency_key": None,
    }


def run_stack(tmp_path: Path, **settings: Any) -> Iterator[Stack]:
    config = Settings(
        var_dir=tmp_path / "var",
        database_url=None,
        broker_url=None,
        gcs_bucket=None,
        retry_backoff_base=0.01,
        **settings,
    )
    with using_settings(config) as rt:
        blobs = CountingBlobStore(rt.deps.blobs)
        rt.deps = dataclasses.replace(rt.deps, blobs=blobs)
        tasks: list[str] = []

        def ran(sender: Task | None = None, **_: Any) -> None:
            if sender is not None:
                tasks.append(sender.name)

        signals.task_prerun.connect(ran, weak=False)
        try:
            yield Stack(rt, blobs, tasks, tmp_path)
        finally:
            signals.task_prerun.disconnect(ran)


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    yield from run_stack(tmp_path)


def test_a_text_document_completes_in_its_ingest_task_with_one_download(
    stack: Stack, tmp_path: Path
) -> None:
    path = docs.text_pdf(tmp_path / "w2.pdf", [["Form W-2 Wage and Tax Statement"]])
    result = submit(path, settings=stack.rt.settings)

    assert result.status == "COMPLETED", result
    assert stack.tasks == ["pipeline.ingest_document"]
    assert len(stack.blobs.downloads) == 1 and stack.blobs.downloads[0].startswith("staging/")
    assert stack.events(result.document_id) == LIFECYCLE

    # The same bytes again: the duplicate resolves to the same document, which is not touched.
    again = submit(path, settings=stack.rt.settings)
    assert (again.document_id, again.duplicate) == (result.document_id, True)
    assert stack.events(result.document_id) == LIFECYCLE


def test_with_processing_in_ingest_off_process_document_does_it(tmp_path: Path) -> None:
    for stack in run_stack(tmp_path, process_in_ingest=False):
        path = docs.text_pdf(tmp_path / "w2.pdf", [["Form W-2 Wage and Tax Statement"]])
        result = submit(path, settings=stack.rt.settings)

        assert result.status == "COMPLETED", result
        assert stack.tasks == ["pipeline.ingest_document", "pipeline.process_document"]
        assert [key.split("/")[0] for key in stack.blobs.downloads] == ["staging", "documents"]
        assert stack.events(result.document_id) == LIFECYCLE


def test_a_redelivered_ingest_resumes_the_claim_it_took(stack: Stack) -> None:
    """The worker died after claiming the document it stored: the message comes back under the
    same task id, which resumes (from the stored file: the staged upload is gone); a message
    under another id leaves the claim alone."""
    submission = stack.stage()
    token = str(uuid.uuid4())
    rt = stack.rt
    stored = rt.run(
        services.ingest(
            rt.deps, **ingest_kwargs(submission, as_uuid=True), claim_token=token, workdir=stack.tmp
        )
    )
    assert stored.process and stored.document_id is not None and stored.local_copy is not None
    claim = rt.run(services.claim_document(rt.deps, stored.document_id, token=token))
    assert claim.outcome.action == "started"  # ... and the worker dies here

    other = ingest_document.apply(kwargs=ingest_kwargs(submission), task_id=str(uuid.uuid4()))
    assert other.get()["status"] == "PROCESSING" and "action" not in other.get()
    assert stack.document(stored.document_id).processing_token == token

    stack.blobs.downloads.clear()
    again = ingest_document.apply(kwargs=ingest_kwargs(submission), task_id=token)

    assert again.get()["action"] == "completed"
    assert stack.document(stored.document_id).status is DocumentStatus.COMPLETED
    assert [key.split("/")[0] for key in stack.blobs.downloads] == ["documents"]
    assert stack.events(stored.document_id) == LIFECYCLE


def test_an_ingest_that_died_before_its_claim_is_processed_when_redelivered(
    stack: Stack,
) -> None:
    submission = stack.stage()
    token = str(uuid.uuid4())
    rt = stack.rt
    stored = rt.run(
        services.ingest(rt.deps, **ingest_kwargs(submission, as_uuid=True), claim_token=token)
    )
    assert stack.document(stored.document_id).status is DocumentStatus.PENDING

    again = ingest_document.apply(kwargs=ingest_kwargs(submission), task_id=token)

    assert again.get()["action"] == "completed"
    assert stack.events(stored.document_id) == LIFECYCLE


def test_trouble_while_processing_in_ingest_retries_and_resumes_its_claim(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = services._open_and_read_text_layer
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise StorageUnavailable("GCS unavailable while reading (test)")
        return read(*args, **kwargs)

    monkeypatch.setattr(services, "_open_and_read_text_layer", flaky)
    submission = stack.stage()
    task_id = str(uuid.uuid4())

    # (In eager mode with propagation on, ``apply`` raises the Retry instead of running it.)
    with pytest.raises(Retry):
        ingest_document.apply(kwargs=ingest_kwargs(submission), task_id=task_id)
    (state,) = stack.rt.run(views.submission_results(stack.rt.deps, [submission.id]))
    document_id = uuid.UUID(state["document_id"])
    assert stack.document(document_id).is_claimed_by(task_id)

    # The retry Celery would send: the same task id, one retry more.
    result = ingest_document.apply(
        kwargs=ingest_kwargs(submission), task_id=task_id, retries=1
    ).get()

    assert result["action"] == "completed"
    # It resumed the claim the first run took: processing started once.
    assert stack.events(document_id) == LIFECYCLE


def test_a_crash_while_processing_in_ingest_fails_the_document(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_: Any, **__: Any) -> Any:
        raise ValueError("a bug")

    monkeypatch.setattr(services, "_open_and_read_text_layer", crash)
    submission = stack.stage()

    with pytest.raises(ValueError, match="a bug"):
        ingest_document.apply(kwargs=ingest_kwargs(submission))

    (state,) = stack.rt.run(views.submission_results(stack.rt.deps, [submission.id]))
    assert state["status"] == "FAILED"
    assert "internal error (ValueError) in pipeline.ingest_document" in state["error_message"]


def test_retries_run_out_while_processing_in_ingest_the_document_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*_: Any, **__: Any) -> Any:
        raise StorageUnavailable("GCS unavailable while reading (test)")

    monkeypatch.setattr(services, "_open_and_read_text_layer", unavailable)
    for stack in run_stack(tmp_path, max_retries=1):
        submission = stack.stage()
        result = ingest_document.apply(kwargs=ingest_kwargs(submission), retries=1).get()

        assert result["action"] == "failed"
        document = stack.document(uuid.UUID(result["document_id"]))
        assert document.status is DocumentStatus.FAILED
        assert document.error_message is not None
        assert document.error_message.startswith("gave up after 1 retries: GCS unavailable")
