"""Per-producer fairness on the real stack (issue 13 §5): producer A hands in a batch, producer B
one file after it, and one worker process (``-c 1``) then works through the backlog. B's file
must complete after at most a few of A's, not after all of them.

A and B are two ``pipeline ingest`` processes, as two people or services would be. The test has
a database and a bucket of its own (on the session's PostgreSQL and emulator), so the batch it
leaves unfinished is dropped with them; its queued messages are deleted from Redis."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import redis

from pipeline.config import Settings
from pipeline.db import migrations
from pipeline.queues import PRIORITY_STEPS, QUEUES, QueueDepth, list_name, read_queue_depths
from pipeline.storage import GcsBlobStore, staging_key
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.gcs_emulator import GcsEmulator
from tests.support.postgres import temporary_database
from tests.support.processes import run_pipeline
from tests.support.worker import (
    CeleryWorker,
    DistributedEnv,
    other_workers_paused,
    redis_url,
    require_redis,
)
from workers.app import create_app

pytestmark = pytest.mark.e2e

BATCH = 100
# How many of A's documents may complete before B's: the one a free worker starts on before
# B's file reaches the head of the queue, and some slack. Without fairness it is all of them.
MOST_BEFORE_SINGLE = 3
SINGLE = "b-single-upload.pdf"
DOCUMENT_OF = (
    "SELECT d.status FROM submissions s JOIN documents d ON d.id = s.document_id WHERE s.id = $1"
)


def delete_queued_messages() -> None:
    client = redis.Redis.from_url(redis_url())
    try:
        client.delete(*(list_name(q, p) for q in QUEUES for p in PRIORITY_STEPS))
    finally:
        client.close()


@pytest.fixture
def stack(gcs_emulator: GcsEmulator, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of this test's producers and worker, with no other worker consuming
    the test broker."""
    require_redis()
    with other_workers_paused(), temporary_database("pipeline_fairness") as url:
        migrations.upgrade(url)
        bucket = f"fair-{uuid.uuid4().hex[:10]}"
        GcsBlobStore(bucket).ensure_bucket()
        env = DistributedEnv(
            database_url=url,
            bucket=bucket,
            emulator_host=gcs_emulator.host,
            var_dir=tmp_path / "var",
            extra={},
        ).environ()
        delete_queued_messages()
        try:
            yield env
        finally:
            delete_queued_messages()


def query(database_url: str, sql: str, *args: Any) -> list[Any]:
    """Rows of ``sql`` on this test's own database (the process's runtime serves the session's)."""

    async def fetch() -> list[Any]:
        conn = await asyncpg.connect(database_url.replace("+asyncpg", "", 1))
        try:
            return list(await conn.fetch(sql, *args))
        finally:
            await conn.close()

    return asyncio.run(fetch())


def completed_in_order(database_url: str) -> list[str]:
    """File names of the COMPLETED documents, in the order they completed."""
    rows = query(
        database_url,
        "SELECT filename FROM documents WHERE status = 'COMPLETED' ORDER BY processed_at, filename",
    )
    return [r["filename"] for r in rows]


def send_without_priority(env: dict[str, str], path: Path) -> uuid.UUID:
    """Hand ``path`` in as a producer that does not import this code may: stage it with a plain
    GCS client and push a Celery message (protocol 2) onto the ``ingest`` list itself, with no
    priority and no ``sent_at`` header. Returns the submission id."""
    submission_id = uuid.uuid4()
    key = staging_key(submission_id, path.name)
    GcsBlobStore(env["PIPELINE_GCS_BUCKET"]).put_file(key, path)
    kwargs = {
        "submission_id": str(submission_id),
        "staging_key": key,
        "filename": path.name,
        "size_bytes": path.stat().st_size,
        "metadata": None,
        "idempotency_key": None,
    }
    embed = {"callbacks": None, "errbacks": None, "chain": None, "chord": None}
    task_id = str(uuid.uuid4())
    message = {
        "body": base64.b64encode(json.dumps([[], kwargs, embed]).encode()).decode(),
        "content-encoding": "utf-8",
        "content-type": "application/json",
        "headers": {
            "lang": "js",
            "task": "pipeline.ingest_document",
            "id": task_id,
            "root_id": task_id,
            "parent_id": None,
            "group": None,
            "retries": 0,
            "eta": None,
            "expires": None,
            "timelimit": [None, None],
        },
        "properties": {
            "correlation_id": task_id,
            "reply_to": "",
            "delivery_mode": 2,
            "delivery_info": {"exchange": "", "routing_key": "ingest"},
            "body_encoding": "base64",
            "delivery_tag": str(uuid.uuid4()),
        },
    }
    client = redis.Redis.from_url(env["PIPELINE_BROKER_URL"])
    try:
        client.lpush("ingest", json.dumps(message))
    finally:
        client.close()
    return submission_id


def test_a_single_upload_completes_after_a_few_of_another_producers_batch(
    stack: dict[str, str], tmp_path: Path
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(BATCH):
        docs.text_pdf(batch / f"a-{i:03d}.pdf", [[f"Batch letter {i}", uuid.uuid4().hex]])
    single = docs.text_pdf(tmp_path / SINGLE, [["A single upload", uuid.uuid4().hex]])

    run = uuid.uuid4().hex[:8]  # producers of this run's own: counts outlive a run (the window)
    producer_a = {**stack, "PIPELINE_PRODUCER": f"producer-a-{run}"}
    producer_b = {**stack, "PIPELINE_PRODUCER": f"producer-b-{run}"}
    queued = json.loads(run_pipeline(tmp_path, "ingest", str(batch), "--json", env=producer_a))
    assert len(queued) == BATCH and {r["status"] for r in queued} == {"QUEUED"}
    (one,) = json.loads(run_pipeline(tmp_path, "ingest", str(single), "--json", env=producer_b))
    assert one["status"] == "QUEUED"

    def single_done() -> list[str] | None:
        order = completed_in_order(stack["PIPELINE_DATABASE_URL"])
        if SINGLE in order:
            return order
        # Fail as soon as the bound is passed rather than wait for the whole batch.
        assert len(order) <= MOST_BEFORE_SINGLE, (
            f"{len(order)} of A's documents completed and B's single upload not yet"
        )
        return None

    worker = CeleryWorker(stack, concurrency=1, log_path=tmp_path / "worker.log").start()
    try:
        order = wait_for(single_done, timeout=60, interval=0.1)
    finally:
        worker.stop()
    before = order.index(SINGLE)
    print(f"B's single upload completed after {before} of A's {BATCH} documents")
    assert before <= MOST_BEFORE_SINGLE, order


def test_status_shows_queue_depths_and_back_pressure_while_ingest_keeps_accepting(
    stack: dict[str, str], tmp_path: Path
) -> None:
    # A producer of this run's own: the count of hand-ins outlives a run (for the window).
    scanner = f"scanner-{uuid.uuid4().hex[:8]}"
    env = {**stack, "PIPELINE_OCR_QUEUE_BOUND": "1", "PIPELINE_PRODUCER": scanner}
    url = stack["PIPELINE_DATABASE_URL"]
    settings = Settings(broker_url=stack["PIPELINE_BROKER_URL"])
    scans = tmp_path / "scans"
    scans.mkdir()
    for i in range(2):
        docs.scanned_pdf(scans / f"scan-{i}.pdf", [[f"Scan {i}", uuid.uuid4().hex[:6]]])
    # The scanner's 1st and 2nd hand-ins: priorities 0 and 1.
    run_pipeline(tmp_path, "ingest", str(scans), "--json", env=env)

    def waiting(queue: str, count: int) -> dict[str, QueueDepth] | None:
        depths = read_queue_depths(settings)
        return depths if depths[queue].waiting == count else None

    # No worker on the ocr queue: the scans' pages pile up there, at their documents' priorities.
    worker = CeleryWorker(
        env, queues="ingest,extract", concurrency=1, log_path=tmp_path / "worker.log"
    ).start()
    try:
        depths = wait_for(lambda: waiting("ocr", 2), timeout=30, interval=0.2)
        assert depths["ocr"].by_priority == {0: 1, 1: 1}

        # Ingest keeps accepting: a hand-in is queued, ingested and processed as ever; so is
        # one from a producer in another language whose message names no priority.
        letter = docs.text_pdf(tmp_path / "letter.pdf", [["A letter", uuid.uuid4().hex]])
        (accepted,) = json.loads(run_pipeline(tmp_path, "ingest", str(letter), "--json", env=env))
        # Queued (or ingested already by the time the command read it back).
        assert accepted["status"] in {"QUEUED", "PENDING", "PROCESSING", "COMPLETED"}, accepted
        foreign = send_without_priority(
            stack, docs.text_pdf(tmp_path / "foreign.pdf", [["Sent from Node", uuid.uuid4().hex]])
        )
        for sub in (uuid.UUID(accepted["submission_id"]), foreign):
            wait_for(
                lambda s=sub: [r["status"] for r in query(url, DOCUMENT_OF, s)] == ["COMPLETED"]
            )
        # (the task that completed a document acknowledges its message just after the commit)
        wait_for(
            lambda: all(
                read_queue_depths(settings)[q].reserved == 0 for q in ("ingest", "extract")
            ),
            timeout=30,
            interval=0.2,
        )

        summary = json.loads(run_pipeline(tmp_path, "status", "--json", env=env))
        assert set(summary["queues"]) == {"ingest", "extract", "ocr", "maintenance"}
        ocr = summary["queues"]["ocr"]
        assert (ocr["waiting"], ocr["reserved"], ocr["by_priority"]) == (2, 0, {"0": 1, "1": 1})
        assert ocr["oldest_age_seconds"] >= 0
        assert summary["queues"]["ingest"]["waiting"] == 0
        assert (summary["back_pressure"]["waiting"], summary["back_pressure"]["bound"]) == (2, 1)
        assert summary["documents"]["COMPLETED"] == 2 and summary["documents"]["PROCESSING"] == 2
        text = run_pipeline(tmp_path, "status", env=env)
        assert "back-pressure: 2 ocr messages wait, over PIPELINE_OCR_QUEUE_BOUND (1)" in text
        assert "ingest keeps accepting" in text
        for queue in ("ingest", "extract", "maintenance"):
            assert re.search(rf"^    {queue} +0 +0 +-$", text, re.MULTILINE), text
        assert re.search(r"^    ocr +2 +0 +\d+s  0:1 1:1$", text, re.MULTILINE), text

        # Each scan's last step (finish_document, sent by its OCR page's task) keeps the scan's
        # priority too: the worker now takes OCR pages and no longer extract's messages.
        control = create_app(settings).control
        assert control.cancel_consumer("extract", reply=True, timeout=10, limit=1)
        assert control.add_consumer("ocr", reply=True, timeout=10, limit=1)
        depths = wait_for(lambda: waiting("extract", 2), timeout=45, interval=0.2)
        assert depths["extract"].by_priority == {0: 1, 1: 1}
        assert depths["ocr"].waiting == 0
    finally:
        worker.stop()
