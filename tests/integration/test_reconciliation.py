"""Reconciliation against the real things: PostgreSQL (and embedded SQLite), the GCS emulator
through google-cloud-storage, and the embedded CLI in a subprocess. Time is moved with the clock
in Dependencies, never by sleeping."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.config import Settings
from pipeline.db import migrations, tables
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.errors import StorageUnavailable
from pipeline.domain.model import Document, DocumentStatus, Submission, SubmissionStatus
from pipeline.pii import PiiProtector
from pipeline.service_layer import reconcile as reconcile_module
from pipeline.service_layer import services
from pipeline.service_layer.deps import Dependencies
from pipeline.service_layer.reconcile import (
    FindingKind,
    Outcome,
    ReconciliationReport,
    reconcile,
)
from pipeline.storage import (
    BlobInfo,
    BlobStore,
    GcsBlobStore,
    LocalBlobStore,
    document_key,
    staging_key,
)
from tests.support.docs import text_pdf
from tests.support.gcs_emulator import GcsEmulator

pytestmark = pytest.mark.integration

UowFactory = Callable[[], SqlAlchemyUnitOfWork]
ROOT = Path(__file__).resolve().parents[2]
DAY = timedelta(days=1)


class Clock:
    """Real time plus an offset a test moves forward (objects get real times from the store)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_deps(uow_factory: UowFactory, store: GcsBlobStore, clock: Clock) -> Dependencies:
    return Dependencies(
        settings=Settings(),
        uow_factory=uow_factory,
        blobs=store,
        pii=PiiProtector(b"reconciliation-test-key"),
        clock=clock,
    )


@pytest.fixture
def deps(uow_factory: UowFactory, gcs_store: GcsBlobStore, clock: Clock) -> Dependencies:
    return make_deps(uow_factory, gcs_store, clock)


def pdf_bytes(tag: str, size: int = 2000) -> bytes:
    body = f"%PDF-1.4\n% {tag}\n".encode()
    return body + b"x" * (size - len(body))


def put(store: BlobStore, key: str, content: bytes, tmp_path: Path) -> str:
    path = tmp_path / uuid.uuid4().hex
    path.write_bytes(content)
    return store.put_file(key, path)


async def stored_document(
    deps: Dependencies,
    content: bytes,
    tmp_path: Path,
    *,
    status: DocumentStatus = DocumentStatus.COMPLETED,
) -> Document:
    """A document row with its object in the store, in ``status``."""
    file_hash = hashlib.sha256(content).hexdigest()
    uri = put(deps.blobs, document_key(file_hash), content, tmp_path)
    now = deps.clock()
    document = Document.new(
        filename="w2-jane-doe.pdf",
        file_hash=file_hash,
        file_type="pdf",
        file_size_bytes=len(content),
        blob_uri=uri,
        now=now,
    )
    async with deps.uow_factory() as uow:
        await uow.documents.add_if_absent(document)
        if status is not DocumentStatus.PENDING:
            document.start_processing(token="task-1", now=now)
            assert await uow.documents.transition(document, DocumentStatus.PENDING)
        if status is DocumentStatus.COMPLETED:
            document.complete(now=now, page_count=1, doc_type="w2")
            assert await uow.documents.transition(document, DocumentStatus.PROCESSING)
        await uow.commit()
    return document


async def add_submission(
    deps: Dependencies,
    *,
    submitted_at: datetime,
    status: SubmissionStatus = SubmissionStatus.RECEIVED,
    document_id: uuid.UUID | None = None,
) -> Submission:
    submission_id = uuid.uuid4()
    submission = Submission(
        id=submission_id,
        filename="paystub John Smith.pdf",
        size_bytes=2000,
        staging_key=staging_key(submission_id, "paystub John Smith.pdf"),
        submitted_at=submitted_at,
        metadata={"loan": "L-1"},
        status=status,
        document_id=document_id,
        duplicate=False if document_id else None,
    )
    async with deps.uow_factory() as uow:
        await uow.submissions.add(submission)
        await uow.commit()
    return submission


async def document(deps: Dependencies, document_id: uuid.UUID) -> Document:
    async with deps.uow_factory() as uow:
        found: Document | None = await uow.documents.get(document_id)
    assert found is not None
    return found


async def submission(deps: Dependencies, submission_id: uuid.UUID) -> Submission:
    async with deps.uow_factory() as uow:
        found: Submission | None = await uow.submissions.get(submission_id)
    assert found is not None
    return found


async def report_row(deps: Dependencies, report: ReconciliationReport) -> dict[str, Any]:
    async with deps.uow_factory() as uow:
        row: dict[str, Any] | None = await uow.reconciliation_reports.get(report.id)
    assert row is not None
    return row


def kinds(report: ReconciliationReport) -> list[tuple[str, str]]:
    return sorted((f.kind.value, f.outcome.value) for f in report.findings)


async def failed_events(database: Database, document_id: uuid.UUID) -> list[dict[str, Any]]:
    async with database.engine.connect() as conn:
        rows = await conn.execute(
            sa.select(tables.outbox.c.payload)
            .where(tables.outbox.c.aggregate_id == document_id)
            .where(tables.outbox.c.event_type == "DocumentFailed")
        )
        return [dict(row.payload) for row in rows]


# --- documents and their objects -----------------------------------------------------------


async def test_missing_objects_fail_their_documents_and_the_report_row_counts_them(
    deps: Dependencies, database: Database, tmp_path: Path
) -> None:
    intact = await stored_document(deps, pdf_bytes("intact"), tmp_path)
    completed = await stored_document(deps, pdf_bytes("completed"), tmp_path)
    pending = await stored_document(
        deps, pdf_bytes("pending"), tmp_path, status=DocumentStatus.PENDING
    )
    for lost in (completed, pending):
        deps.blobs.delete(deps.blobs.key_from_uri(lost.blob_uri))

    report = await reconcile(deps)

    assert report.status == "completed"
    assert kinds(report) == [("missing_object", "failed")] * 2
    for lost in (completed, pending):
        now_failed = await document(deps, lost.id)
        assert now_failed.status is DocumentStatus.FAILED
        assert now_failed.error_message is not None
        assert now_failed.error_message.startswith(
            f"stored object {lost.blob_uri} is missing (found by reconciliation at "
        )
        assert "jane" not in now_failed.error_message.lower()
    assert (await document(deps, intact.id)).status is DocumentStatus.COMPLETED
    (event,) = await failed_events(database, completed.id)
    assert event["previous_status"] == "COMPLETED"

    row = await report_row(deps, report)
    assert row["status"] == "completed"
    assert row["run_at"] == report.run_at and row["completed_at"] is not None
    assert (row["records_checked"], row["mismatches_found"]) == (4, 2)  # 3 rows + 1 object
    assert (row["auto_repaired"], row["failed_repairs"]) == (0, 2)
    details = row["details"]
    assert details["checked"] == {
        "documents": 3,
        "objects": 1,
        "submissions": 0,
        "staged_objects": 0,
    }
    assert details["by_kind"] == {"missing_object": 2}
    assert details["findings_omitted"] == 0 and details["error"] is None
    assert {f["document_id"] for f in details["findings"]} == {str(completed.id), str(pending.id)}
    assert {f["action"] for f in details["findings"]} == {"marked the document FAILED"}

    # The loss is reported once: the next run finds the documents FAILED and leaves them be.
    again = await reconcile(deps)
    assert again.mismatches_found == 0 and again.failed_repairs == 0


async def test_same_size_corruption_is_caught_by_a_deep_run_only(
    deps: Dependencies, tmp_path: Path
) -> None:
    original = pdf_bytes("original")
    doc = await stored_document(deps, original, tmp_path)
    corrupted = pdf_bytes("tampered")
    assert len(corrupted) == len(original) and corrupted != original
    put(deps.blobs, deps.blobs.key_from_uri(doc.blob_uri), corrupted, tmp_path)

    shallow = await reconcile(deps)
    assert shallow.mismatches_found == 0
    assert (await document(deps, doc.id)).status is DocumentStatus.COMPLETED

    deep = await reconcile(deps, deep=True)

    assert kinds(deep) == [("changed_object", "failed")]
    failed = await document(deps, doc.id)
    assert failed.status is DocumentStatus.FAILED
    assert failed.error_message is not None
    assert failed.error_message.startswith(f"stored bytes of {doc.blob_uri} no longer match")
    assert (await report_row(deps, deep))["details"]["deep"] is True


async def test_a_changed_size_is_caught_without_a_deep_run(
    deps: Dependencies, tmp_path: Path
) -> None:
    doc = await stored_document(deps, pdf_bytes("long", size=3000), tmp_path)
    put(deps.blobs, deps.blobs.key_from_uri(doc.blob_uri), b"%PDF-1.4 short", tmp_path)

    report = await reconcile(deps)

    assert kinds(report) == [("changed_object", "failed")]
    failed = await document(deps, doc.id)
    assert failed.status is DocumentStatus.FAILED
    assert "is 14 bytes, not the 3000 recorded" in (failed.error_message or "")


async def test_a_lost_object_is_restored_from_a_surviving_staged_upload(
    deps: Dependencies, tmp_path: Path
) -> None:
    """Ingest really runs; its staged upload "survives" (as when deleting it failed)."""
    store = deps.blobs
    assert isinstance(store, GcsBlobStore)
    content = pdf_bytes("restorable")
    sid = uuid.uuid4()
    key = staging_key(sid, "w2.pdf")
    put(store, key, content, tmp_path)
    outcome = await services.ingest(
        deps, submission_id=sid, staging_key=key, filename="w2.pdf", size_bytes=len(content)
    )
    assert outcome.document_id is not None and not store.exists(key)
    put(store, key, content, tmp_path)
    restorable = await document(deps, outcome.document_id)
    store.delete(store.key_from_uri(restorable.blob_uri))
    # Another document whose surviving staged upload holds other bytes cannot be restored.
    other = await stored_document(deps, pdf_bytes("other"), tmp_path)
    wrong = await add_submission(
        deps,
        submitted_at=deps.clock(),
        status=SubmissionStatus.RESOLVED,
        document_id=other.id,
    )
    put(store, wrong.staging_key, pdf_bytes("not the same"), tmp_path)
    store.delete(store.key_from_uri(other.blob_uri))

    report = await reconcile(deps)

    by_document = {f.document_id: f for f in report.findings}
    restored = by_document[restorable.id]
    assert (restored.kind, restored.outcome) == (FindingKind.MISSING_OBJECT, Outcome.REPAIRED)
    assert restored.submission_id == sid
    assert restored.action == f"restored from the staged upload of submission {sid}"
    copy = tmp_path / "restored"
    store.download_to(store.key_from_uri(restorable.blob_uri), copy)
    assert copy.read_bytes() == content
    assert (await document(deps, restorable.id)).status is DocumentStatus.PENDING
    assert by_document[other.id].outcome is Outcome.FAILED
    assert (await document(deps, other.id)).status is DocumentStatus.FAILED
    assert (report.auto_repaired, report.failed_repairs) == (1, 1)


# --- orphans -------------------------------------------------------------------------------


async def test_orphans_are_kept_while_young_and_deleted_after_the_grace_period(
    deps: Dependencies, clock: Clock, tmp_path: Path
) -> None:
    store = deps.blobs
    assert isinstance(store, GcsBlobStore)
    orphan = document_key(hashlib.sha256(b"no row").hexdigest())
    put(store, orphan, b"no row", tmp_path)
    stray = "documents/notes.txt"
    put(store, stray, b"someone put this here", tmp_path)
    kept = await stored_document(deps, pdf_bytes("kept"), tmp_path)

    young = await reconcile(deps)

    assert kinds(young) == [("orphan_object", "reported"), ("unexpected_key", "reported")]
    assert young.findings[0].key == orphan or young.findings[1].key == orphan
    assert store.exists(orphan) and store.exists(stray)

    clock.offset = DAY + timedelta(hours=1)
    old = await reconcile(deps)

    assert kinds(old) == [("orphan_object", "repaired"), ("unexpected_key", "reported")]
    assert not store.exists(orphan)
    assert store.exists(stray)  # outside the layout: a person decides
    assert store.exists(store.key_from_uri(kept.blob_uri))
    assert (await document(deps, kept.id)).status is DocumentStatus.COMPLETED
    assert (old.auto_repaired, old.failed_repairs) == (1, 0)


async def test_old_staging_leftovers_are_deleted_and_young_ones_kept(
    deps: Dependencies, clock: Clock, tmp_path: Path
) -> None:
    store = deps.blobs
    assert isinstance(store, GcsBlobStore)
    no_row = staging_key(uuid.uuid4(), "bank statement Jane Doe.pdf")
    put(store, no_row, b"abandoned", tmp_path)
    doc = await stored_document(deps, pdf_bytes("ingested"), tmp_path)
    resolved = await add_submission(
        deps, submitted_at=deps.clock(), status=SubmissionStatus.RESOLVED, document_id=doc.id
    )
    put(store, resolved.staging_key, pdf_bytes("ingested"), tmp_path)
    waiting = await add_submission(deps, submitted_at=deps.clock())
    put(store, waiting.staging_key, b"%PDF-1.4 waiting", tmp_path)

    young = await reconcile(deps)

    assert young.mismatches_found == 0
    assert young.checked["staged_objects"] == 3
    assert all(store.exists(k) for k in (no_row, resolved.staging_key, waiting.staging_key))

    clock.offset = DAY + timedelta(hours=1)
    sent: list[Submission] = []
    old = await reconcile(deps, enqueue_ingest=sent.append)

    assert kinds(old) == [
        ("leftover_staged", "repaired"),
        ("orphan_staged", "repaired"),
        ("stale_submission", "repaired"),
    ]
    assert not store.exists(no_row) and not store.exists(resolved.staging_key)
    assert store.exists(waiting.staging_key)  # its ingest is sent again instead
    assert [s.id for s in sent] == [waiting.id]
    for finding in old.findings:
        assert finding.key is not None and finding.key.endswith("/…")  # no file names
        assert "Jane" not in json.dumps(finding.as_dict())


# --- staged uploads never ingested ---------------------------------------------------------


async def test_stale_submissions_are_sent_again_or_expired(
    deps: Dependencies, tmp_path: Path
) -> None:
    store = deps.blobs
    assert isinstance(store, GcsBlobStore)
    now = deps.clock()
    content = pdf_bytes("stale")
    stale = await add_submission(deps, submitted_at=now - timedelta(hours=2))
    put(store, stale.staging_key, content, tmp_path)
    expired = await add_submission(deps, submitted_at=now - timedelta(days=8))
    put(store, expired.staging_key, pdf_bytes("expired"), tmp_path)
    lost = await add_submission(deps, submitted_at=now - timedelta(hours=3))
    fresh = await add_submission(deps, submitted_at=now - timedelta(minutes=10))
    put(store, fresh.staging_key, pdf_bytes("fresh"), tmp_path)
    sent: list[Submission] = []

    report = await reconcile(deps, enqueue_ingest=sent.append)

    assert [s.id for s in sent] == [stale.id]
    assert kinds(report) == [
        ("expired_submission", "repaired"),
        ("missing_staged", "failed"),
        ("stale_submission", "repaired"),
    ]
    assert (report.mismatches_found, report.auto_repaired, report.failed_repairs) == (3, 2, 1)
    assert report.checked["submissions"] == 3
    was_expired = await submission(deps, expired.id)
    assert was_expired.status is SubmissionStatus.FAILED
    assert (was_expired.error_message or "").startswith("never ingested: expired 8.0 d after")
    assert not store.exists(expired.staging_key)
    was_lost = await submission(deps, lost.id)
    assert was_lost.status is SubmissionStatus.FAILED
    assert "staged upload is missing" in (was_lost.error_message or "")
    assert (await submission(deps, fresh.id)).status is SubmissionStatus.RECEIVED
    assert store.exists(fresh.staging_key)

    # What the callback is handed is enough to ingest the upload (as the Celery task would).
    (again,) = sent
    outcome = await services.ingest(
        deps,
        submission_id=again.id,
        staging_key=again.staging_key,
        filename=again.filename,
        size_bytes=again.size_bytes,
        metadata=again.metadata,
    )
    assert outcome.status == "PENDING" and outcome.process
    resolved = await submission(deps, stale.id)
    assert resolved.status is SubmissionStatus.RESOLVED and resolved.metadata == {"loan": "L-1"}


async def test_without_a_callback_stale_submissions_are_only_reported(
    deps: Dependencies, tmp_path: Path
) -> None:
    stale = await add_submission(deps, submitted_at=deps.clock() - timedelta(hours=2))
    put(deps.blobs, stale.staging_key, b"%PDF-1.4 stale", tmp_path)

    report = await reconcile(deps)

    (finding,) = report.findings
    assert (finding.kind, finding.outcome) == (FindingKind.STALE_SUBMISSION, Outcome.REPORTED)
    assert (await submission(deps, stale.id)).status is SubmissionStatus.RECEIVED


# --- dry run, report size, concurrency, failure ---------------------------------------------


async def test_a_dry_run_changes_nothing_and_says_what_it_would_do(
    deps: Dependencies, clock: Clock, tmp_path: Path
) -> None:
    store = deps.blobs
    assert isinstance(store, GcsBlobStore)
    lost = await stored_document(deps, pdf_bytes("lost"), tmp_path)
    store.delete(store.key_from_uri(lost.blob_uri))
    orphan = document_key(hashlib.sha256(b"orphan").hexdigest())
    put(store, orphan, b"orphan", tmp_path)
    no_row = staging_key(uuid.uuid4(), "x.pdf")
    put(store, no_row, b"abandoned", tmp_path)
    now = deps.clock()
    stale = await add_submission(deps, submitted_at=now - timedelta(hours=2))
    put(store, stale.staging_key, b"%PDF-1.4 stale", tmp_path)
    expired = await add_submission(deps, submitted_at=now - timedelta(days=8))
    put(store, expired.staging_key, b"%PDF-1.4 expired", tmp_path)
    clock.offset = DAY + timedelta(hours=1)
    sent: list[Submission] = []

    report = await reconcile(deps, dry_run=True, enqueue_ingest=sent.append)

    assert report.status == "dry_run"
    assert kinds(report) == [
        ("expired_submission", "planned"),
        ("missing_object", "planned"),
        ("orphan_object", "planned"),
        ("orphan_staged", "planned"),
        ("stale_submission", "planned"),
    ]
    assert all(f.action.startswith("would ") for f in report.findings)
    assert (report.mismatches_found, report.auto_repaired, report.failed_repairs) == (5, 0, 0)
    assert sent == []
    assert (await document(deps, lost.id)).status is DocumentStatus.COMPLETED
    assert all(store.exists(k) for k in (orphan, no_row, stale.staging_key, expired.staging_key))
    for sub in (stale, expired):
        assert (await submission(deps, sub.id)).status is SubmissionStatus.RECEIVED
    row = await report_row(deps, report)
    assert row["status"] == "dry_run" and row["details"]["dry_run"] is True
    assert row["mismatches_found"] == 5 and row["auto_repaired"] == 0


async def test_findings_beyond_the_cap_are_counted_but_not_listed(
    deps: Dependencies, tmp_path: Path
) -> None:
    for n in range(3):
        content = f"orphan {n}".encode()
        put(deps.blobs, document_key(hashlib.sha256(content).hexdigest()), content, tmp_path)

    report = await reconcile(deps, max_findings=2)

    assert report.mismatches_found == 3 and len(report.findings) == 2
    details = (await report_row(deps, report))["details"]
    assert len(details["findings"]) == 2
    assert details["findings_omitted"] == 1
    assert details["by_kind"] == {"orphan_object": 3}


async def test_two_runs_at_once_fail_a_document_once_and_delete_an_orphan_once(
    deps: Dependencies, database: Database, clock: Clock, tmp_path: Path
) -> None:
    store = deps.blobs
    assert isinstance(store, GcsBlobStore)
    lost = await stored_document(deps, pdf_bytes("raced"), tmp_path)
    store.delete(store.key_from_uri(lost.blob_uri))
    orphan = document_key(hashlib.sha256(b"raced orphan").hexdigest())
    put(store, orphan, b"raced orphan", tmp_path)
    clock.offset = DAY + timedelta(hours=1)

    first, second = await asyncio.gather(reconcile(deps), reconcile(deps))

    assert (await document(deps, lost.id)).status is DocumentStatus.FAILED
    assert len(await failed_events(database, lost.id)) == 1
    marked = [
        f
        for report in (first, second)
        for f in report.findings
        if f.document_id == lost.id and f.action == "marked the document FAILED"
    ]
    assert len(marked) == 1
    assert not store.exists(orphan)
    assert first.failed_repairs + second.failed_repairs == 1


class StoreWithDeleteHook:
    """The real store, running ``before_delete(key)`` on the test's event loop just before each
    delete: the moment another process acts in a race."""

    def __init__(
        self,
        store: GcsBlobStore,
        loop: asyncio.AbstractEventLoop,
        before_delete: Callable[[str], Coroutine[Any, Any, None]],
    ) -> None:
        self.store = store
        self.loop = loop
        self.before_delete = before_delete

    def uri(self, key: str) -> str:
        return self.store.uri(key)

    def key_from_uri(self, uri: str) -> str:
        return self.store.key_from_uri(uri)

    def put_file(self, key: str, path: Path, *, content_type: str | None = None) -> str:
        return self.store.put_file(key, path, content_type=content_type)

    def download_to(self, key: str, path: Path) -> None:
        self.store.download_to(key, path)

    def exists(self, key: str) -> bool:
        return self.store.exists(key)

    def delete(self, key: str) -> None:
        asyncio.run_coroutine_threadsafe(self.before_delete(key), self.loop).result(timeout=30)
        self.store.delete(key)

    def list(self, prefix: str) -> Iterator[BlobInfo]:
        return self.store.list(prefix)


async def test_an_orphan_reused_by_an_ingest_while_being_deleted_is_restored(
    uow_factory: UowFactory, gcs_store: GcsBlobStore, clock: Clock, tmp_path: Path
) -> None:
    """Ingest found the old orphan (so did not store it again) and inserted its row just before
    reconciliation deleted it: the surviving staged upload puts the bytes back."""
    content = pdf_bytes("reused")
    key = document_key(hashlib.sha256(content).hexdigest())
    put(gcs_store, key, content, tmp_path)
    clock.offset = DAY + timedelta(hours=1)
    plain = make_deps(uow_factory, gcs_store, clock)
    reused: list[Document] = []

    async def ingest_meanwhile(deleting: str) -> None:
        if deleting != key or reused:
            return
        doc = await stored_document(plain, content, tmp_path, status=DocumentStatus.PENDING)
        sub = await add_submission(
            plain, submitted_at=clock(), status=SubmissionStatus.RESOLVED, document_id=doc.id
        )
        put(gcs_store, sub.staging_key, content, tmp_path)
        reused.append(doc)

    racing = StoreWithDeleteHook(gcs_store, asyncio.get_running_loop(), ingest_meanwhile)
    deps = Dependencies(
        settings=plain.settings,
        uow_factory=uow_factory,
        blobs=racing,
        pii=plain.pii,
        clock=clock,
    )

    report = await reconcile(deps)

    (doc,) = reused
    assert kinds(report) == [
        ("leftover_staged", "repaired"),  # the staged copy, once used (the clock is a day on)
        ("missing_object", "repaired"),
        ("orphan_object", "repaired"),
    ]
    assert gcs_store.exists(key)
    assert (await document(deps, doc.id)).status is DocumentStatus.PENDING


async def test_a_run_that_breaks_off_writes_a_failed_report(
    pg_database: Database,
    gcs_store: GcsBlobStore,
    gcs_emulator: GcsEmulator,
    clock: Clock,
) -> None:
    deps = make_deps(lambda: SqlAlchemyUnitOfWork(pg_database), gcs_store, clock)
    gcs_emulator.stop()
    try:
        with pytest.raises(StorageUnavailable):
            await reconcile(deps)
    finally:
        gcs_emulator.start()
    async with pg_database.engine.connect() as conn:
        (row,) = await conn.execute(sa.select(tables.reconciliation_reports))
    assert row.status == "failed"
    assert row.details["error"].startswith("StorageUnavailable: GCS unavailable while listing")


# --- the operator command ------------------------------------------------------------------


def test_cli_sends_stale_uploads_again_in_embedded_mode(tmp_path: Path) -> None:
    """Embedded (SQLite, local blobs, eager Celery): the re-sent ingest runs in-process after the
    reconciliation, not inside its event loop."""
    var = tmp_path / "var"
    url = f"sqlite+aiosqlite:///{(var / 'pipeline.db').resolve()}"
    var.mkdir()
    migrations.upgrade(url)
    store = LocalBlobStore(var / "blobs")
    sid = uuid.uuid4()
    key = staging_key(sid, "w2.pdf")
    source = text_pdf(tmp_path / "w2.pdf", [["Form W-2 Wage and Tax Statement 2024"]])
    store.put_file(key, source)

    async def register() -> None:
        database = Database(url)
        try:
            async with SqlAlchemyUnitOfWork(database) as uow:
                await uow.submissions.add(
                    Submission(
                        id=sid,
                        filename="w2.pdf",
                        size_bytes=source.stat().st_size,
                        staging_key=key,
                        submitted_at=datetime.now(UTC) - timedelta(hours=2),
                    )
                )
                await uow.commit()
        finally:
            await database.dispose()

    asyncio.run(register())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}

    def pipeline(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pipeline.cli", *args],
            cwd=tmp_path,
            env={**env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    dry = pipeline("reconcile", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 mismatches, 0 repaired" in dry.stdout and "would send" in dry.stdout

    proc = pipeline("reconcile", "--json")

    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["status"] == "completed" and report["auto_repaired"] == 1
    (finding,) = report["details"]["findings"]
    assert finding["kind"] == "stale_submission" and finding["submission_id"] == str(sid)

    async def ingested() -> Submission | None:
        database = Database(url)
        try:
            async with SqlAlchemyUnitOfWork(database) as uow:
                found: Submission | None = await uow.submissions.get(sid)
                return found
        finally:
            await database.dispose()

    after = asyncio.run(ingested())
    assert after is not None and after.status is SubmissionStatus.RESOLVED
    assert after.document_id is not None
    assert not store.exists(key)


async def test_small_batches_and_listing_chunks_still_cover_every_row_and_object(
    deps: Dependencies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keyset pages within one hash shard and across shards, a listing read a few objects at a
    time, submissions paged by (submitted_at, id) with equal timestamps."""
    monkeypatch.setattr(reconcile_module, "_BATCH", 2)
    monkeypatch.setattr(reconcile_module, "_LIST_CHUNK", 3)
    by_shard: dict[str, list[bytes]] = {}
    n = 0
    while not any(len(v) == 3 for v in by_shard.values()):
        content = pdf_bytes(f"doc {n}")
        by_shard.setdefault(hashlib.sha256(content).hexdigest()[:2], []).append(content)
        n += 1
    crowded = next(v for v in by_shard.values() if len(v) == 3)
    elsewhere = [v[0] for v in by_shard.values() if len(v) < 3][:3]
    docs = [await stored_document(deps, c, tmp_path) for c in crowded + elsewhere]
    lost = [docs[1], docs[4]]  # the middle of the crowded shard, and another shard
    for doc in lost:
        deps.blobs.delete(deps.blobs.key_from_uri(doc.blob_uri))
    put(deps.blobs, document_key(hashlib.sha256(b"orphan").hexdigest()), b"orphan", tmp_path)
    same_time = deps.clock() - timedelta(hours=2)
    stale = [await add_submission(deps, submitted_at=same_time) for _ in range(5)]
    for sub in stale:
        put(deps.blobs, sub.staging_key, b"%PDF-1.4 staged", tmp_path)
    sent: list[Submission] = []

    report = await reconcile(deps, enqueue_ingest=sent.append)

    assert report.checked == {
        "documents": 6,
        "objects": 5,  # 4 intact + 1 orphan
        "submissions": 5,
        "staged_objects": 5,
    }
    assert {f.document_id for f in report.findings if f.kind is FindingKind.MISSING_OBJECT} == {
        d.id for d in lost
    }
    assert sorted(s.id for s in sent) == sorted(s.id for s in stale)
    assert kinds(report).count(("orphan_object", "reported")) == 1
