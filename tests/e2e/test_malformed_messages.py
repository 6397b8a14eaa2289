"""Malformed messages from a producer in another language, through a real ``celery worker``:
each is rejected where the producer or an operator will see it (a rejected submission with a
SubmissionRejected event, or a dead letter in Redis), the worker keeps running, and a good
message sent afterwards completes. Every malformed shape is covered by the unit tests of the
validation entry point (tests/unit/test_task_contracts.py); here a few go the whole way."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.bootstrap import Runtime
from pipeline.db import tables
from pipeline.producer import results, submit
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.worker import CeleryWorker
from workers.app import app

pytestmark = pytest.mark.e2e


def outbox_events(runtime: Runtime, aggregate_id: uuid.UUID) -> list[str]:
    async def run() -> list[str]:
        async with runtime.database.engine.connect() as conn:
            t = tables.outbox
            rows = await conn.execute(
                sa.select(t.c.event_type).where(t.c.aggregate_id == aggregate_id)
            )
            return [r[0] for r in rows]

    return runtime.run(run())


def test_malformed_messages_are_rejected_and_the_worker_goes_on(
    worker: CeleryWorker, runtime: Runtime, tmp_path: Path
) -> None:
    sub = uuid.uuid4()
    dead_before = runtime.dead_letters.count()
    sent: list[Any] = [
        # a valid submission id: recorded on that submission
        app.send_task(
            "pipeline.ingest_document",
            queue="ingest",
            kwargs={"submission_id": str(sub), "filename": "w2.pdf", "size_bytes": 10},
            ignore_result=False,
        ),
        # no usable id: dead letters
        app.send_task(
            "pipeline.ingest_document",
            queue="ingest",
            kwargs={"submission_id": "123-45-6789", "staging_key": "staging/x/y", "extra": 1},
            ignore_result=False,
        ),
        app.send_task("pipeline.ingest_document", queue="ingest", kwargs={}, ignore_result=False),
        app.send_task("pipeline.process_document", queue="extract", args=[42], ignore_result=False),
    ]
    answers = [r.get(timeout=60) for r in sent]
    assert all(a["rejected"] for a in answers), answers
    assert [a["recorded_on"] for a in answers] == [
        "submission",
        "dead_letters",
        "dead_letters",
        "dead_letters",
    ]

    (state,) = results([sub], runtime.settings)
    assert state["status"] == "REJECTED" and state["final"]
    assert state["error_message"] == "staging_key: missing"
    assert outbox_events(runtime, sub) == ["SubmissionRejected"]
    assert runtime.dead_letters.count() == dead_before + 3
    newest = runtime.dead_letters.newest(3)
    assert {e["task"] for e in newest} == {
        "pipeline.ingest_document",
        "pipeline.process_document",
    }
    assert all("6789" not in str(e) for e in newest)

    # The worker is still there, and a good message completes.
    assert worker.running
    path = tmp_path / "after.pdf"
    docs.text_pdf(path, [["a good file after the malformed messages", str(uuid.uuid4())]])
    good = submit(path, settings=runtime.settings)
    (done,) = wait_for(
        lambda: (s := results([good.submission_id], runtime.settings)) and s[0]["final"] and s,
        timeout=120,
    )
    assert done["status"] == "COMPLETED", done
