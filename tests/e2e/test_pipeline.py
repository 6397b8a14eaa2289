"""The whole chain with real services: producer -> Redis -> celery worker (2 processes) ->
GCS emulator + PostgreSQL, ending COMPLETED or FAILED."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.bootstrap import Runtime
from pipeline.db import tables
from pipeline.producer import SubmissionResult, results, submit
from pipeline.service_layer import views
from pipeline.storage import document_key, staging_key
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.gcs_emulator import GcsEmulator
from tests.support.worker import CeleryWorker
from workers.app import app

pytestmark = pytest.mark.e2e
MakePdf = Callable[[str, list[list[str]]], Path]


def finished(runtime: Runtime, subs: list[SubmissionResult]) -> list[dict[str, Any]] | None:
    states = results([s.submission_id for s in subs], runtime.settings)
    return states if all(s["final"] for s in states) else None


def scalar(runtime: Runtime, stmt: sa.Executable) -> Any:
    async def run() -> Any:
        async with runtime.database.engine.connect() as conn:
            return (await conn.execute(stmt)).scalar()

    return runtime.run(run())


def test_twenty_pdfs_complete_with_their_page_counts(
    worker: CeleryWorker, runtime: Runtime, make_pdf: MakePdf
) -> None:
    subs = []
    for i in range(20):
        pages = [
            [f"Document {i} page {p} of {i % 3 + 1}", f"unique {uuid.uuid4()}"]
            for p in range(i % 3 + 1)
        ]
        subs.append(submit(make_pdf(f"doc-{i}.pdf", pages), settings=runtime.settings))
    states = wait_for(lambda: finished(runtime, subs), timeout=180)
    assert [s["status"] for s in states] == ["COMPLETED"] * 20, worker.log_tail()
    assert [s["page_count"] for s in states] == [i % 3 + 1 for i in range(20)]
    assert not any(s["duplicate"] for s in states)
    # Page text is checkpointed in the database, not carried by the broker.
    doc_id = uuid.UUID(states[5]["document_id"])
    pages = scalar(
        runtime,
        sa.select(sa.func.count())
        .select_from(tables.document_pages)
        .where(tables.document_pages.c.document_id == doc_id),
    )
    assert pages == 3


def test_fifty_concurrent_submissions_of_the_same_bytes_make_one_document(
    worker: CeleryWorker, runtime: Runtime, make_pdf: MakePdf
) -> None:
    path = make_pdf("same.pdf", [["The very same bytes", str(uuid.uuid4())]])
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    with ThreadPoolExecutor(max_workers=10) as pool:
        subs = list(
            pool.map(
                lambda i: submit(path, filename=f"copy-{i}.pdf", settings=runtime.settings),
                range(50),
            )
        )
    states = wait_for(lambda: finished(runtime, subs), timeout=180)
    assert {s["document_id"] for s in states} == {states[0]["document_id"]}
    assert sum(not s["duplicate"] for s in states) == 1
    assert sum(bool(s["duplicate"]) for s in states) == 49
    assert {s["status"] for s in states} == {"COMPLETED"}
    rows = scalar(
        runtime,
        sa.select(sa.func.count())
        .select_from(tables.documents)
        .where(tables.documents.c.file_hash == file_hash),
    )
    assert rows == 1
    objects = [b.key for b in runtime.blobs.list("documents/")]
    assert objects.count(document_key(file_hash)) == 1
    # Every submission is recorded with what it resolved to; staging is cleaned up.
    subs_rows = scalar(
        runtime,
        sa.select(sa.func.count())
        .select_from(tables.submissions)
        .where(tables.submissions.c.document_id == uuid.UUID(states[0]["document_id"])),
    )
    assert subs_rows == 50
    assert not [
        k for k in (s.submission_id for s in subs) if list(runtime.blobs.list(f"staging/{k}/"))
    ]


def test_bad_files_fail_with_specific_reasons_and_the_worker_keeps_going(
    worker: CeleryWorker, runtime: Runtime, tmp_path: Path, make_pdf: MakePdf
) -> None:
    bad = {
        "corrupt.pdf": docs.truncated_pdf(tmp_path / "corrupt.pdf"),
        "encrypted.pdf": docs.encrypted_pdf(tmp_path / "encrypted.pdf"),
        "empty.pdf": docs.zero_byte(tmp_path / "empty.pdf"),
        "notes.pdf": docs.text_named_pdf(tmp_path / "notes.pdf"),
    }
    subs = {name: submit(path, settings=runtime.settings) for name, path in bad.items()}
    good = submit(
        make_pdf("after.pdf", [["a good file after the bad ones", str(uuid.uuid4())]]),
        settings=runtime.settings,
    )
    states = wait_for(lambda: finished(runtime, [*subs.values(), good]), timeout=120)
    by_name = {s["filename"]: s for s in states}
    assert by_name["after.pdf"]["status"] == "COMPLETED"
    for name in bad:
        assert by_name[name]["status"] == "FAILED", by_name[name]
    assert "encrypted PDF, password required" in by_name["encrypted.pdf"]["error_message"]
    assert "empty file" in by_name["empty.pdf"]["error_message"]
    assert "unsupported file type" in by_name["notes.pdf"]["error_message"]
    assert "plain text" in by_name["notes.pdf"]["error_message"]
    corrupt = by_name["corrupt.pdf"]["error_message"].lower()
    assert "corrupt" in corrupt or "truncated" in corrupt or "damaged" in corrupt
    for s in states:
        assert "Traceback" not in (s["error_message"] or "")
    # Nothing is left in limbo.
    limbo = scalar(
        runtime,
        sa.select(sa.func.count())
        .select_from(tables.documents)
        .where(tables.documents.c.status.in_(["PENDING", "PROCESSING"])),
    )
    assert limbo == 0


def test_a_redelivered_task_for_a_completed_document_changes_nothing(
    worker: CeleryWorker, runtime: Runtime, make_pdf: MakePdf
) -> None:
    sub = submit(
        make_pdf("once.pdf", [["processed once", str(uuid.uuid4())]]), settings=runtime.settings
    )
    (state,) = wait_for(lambda: finished(runtime, [sub]))
    doc_id = uuid.UUID(state["document_id"])
    before = runtime.run(views.document_detail(runtime.deps, doc_id))
    events_before = scalar(
        runtime,
        sa.select(sa.func.count())
        .select_from(tables.outbox)
        .where(tables.outbox.c.aggregate_id == doc_id),
    )

    result = app.send_task("pipeline.process_document", args=[str(doc_id)], ignore_result=False)
    assert result.get(timeout=60)["action"] == "skipped"

    after = runtime.run(views.document_detail(runtime.deps, doc_id))
    events_after = scalar(
        runtime,
        sa.select(sa.func.count())
        .select_from(tables.outbox)
        .where(tables.outbox.c.aggregate_id == doc_id),
    )
    assert after == before
    assert events_after == events_before


def test_gcs_outage_during_ingest_is_retried_until_the_emulator_is_back(
    worker: CeleryWorker, runtime: Runtime, gcs_emulator: GcsEmulator, make_pdf: MakePdf
) -> None:
    path = make_pdf("outage.pdf", [["survives a storage outage", str(uuid.uuid4())]])
    submission_id = uuid.uuid4()
    key = staging_key(submission_id, path.name)
    runtime.blobs.put_file(key, path)
    offset = len(worker.log_text())
    gcs_emulator.stop()
    try:
        app.send_task(
            "pipeline.ingest_document",
            kwargs={
                "submission_id": str(submission_id),
                "staging_key": key,
                "filename": path.name,
                "size_bytes": path.stat().st_size,
            },
        )
        # The worker hits the outage and schedules a retry (with backoff) instead of failing.
        wait_for(lambda: "retry: Retry in" in worker.log_text()[offset:], timeout=90)
    finally:
        gcs_emulator.start()
    (state,) = wait_for(
        lambda: (s := results([submission_id], runtime.settings)) and s[0]["final"] and s,
        timeout=120,
    )
    assert state["status"] == "COMPLETED", worker.log_tail()
