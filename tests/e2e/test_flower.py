"""Operations end to end: a real Flower process watching a real worker, and the worker's JSON log.

A worker started with ``PIPELINE_LOG_JSON=true`` processes three documents (two text PDFs and a
scan, so the OCR fan-out runs too) whose pages carry an SSN, an account number and a marker
phrase. Flower, run as ``celery -A workers flower`` behind basic auth, must show that worker and
every task of the chain under its stable name, in state SUCCESS, with ids in its arguments and
none of the document's content; the worker's log must be JSON lines that name the task and the
document they are about, with the same ids Flower shows.

The module's worker must be the only consumer of the shared queues (so that it, and its log, see
every task): it pauses the session ``worker`` while it runs, as ``test_ocr_recovery`` does.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from pipeline.producer import SubmissionResult, results, submit
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.flower import Flower, running_flower
from tests.support.worker import CeleryWorker, DistributedEnv, other_workers_paused

pytestmark = pytest.mark.e2e

SSN = "123-45-6789"
ACCOUNT = "4417123456789113"
SSN_SHAPED = re.compile(r"(?<![\w-])\d{3}-?\d{2}-?\d{4}(?![\w-])")
TASKS = (
    "pipeline.ingest_document",
    "pipeline.process_document",
    "pipeline.ocr_page",
    "pipeline.finish_document",
)
# What runs for a new document (PIPELINE_PROCESS_IN_INGEST, the default): ingest processes it,
# sending a scan's pages to OCR; process_document is for reprocessing and the sweeper.
CHAIN = tuple(name for name in TASKS if name != "pipeline.process_document")


@dataclass
class Batch:
    submissions: list[SubmissionResult]
    states: list[dict[str, Any]]
    marker: str  # a phrase printed on every document, so it must never leave the documents

    @property
    def document_ids(self) -> set[str]:
        return {s["document_id"] for s in self.states}

    @property
    def submission_ids(self) -> set[str]:
        return {str(s.submission_id) for s in self.submissions}

    def document_of(self, filename: str) -> str:
        (doc,) = (s["document_id"] for s in self.states if s["filename"] == filename)
        return str(doc)

    def pii(self) -> list[str]:
        return [SSN, SSN.replace("-", ""), ACCOUNT, self.marker]


@pytest.fixture(scope="module")
def json_worker(
    distributed: DistributedEnv, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CeleryWorker]:
    env = {**distributed.environ(), "PIPELINE_LOG_JSON": "true"}
    log = tmp_path_factory.mktemp("flower-e2e") / "worker.log"
    with other_workers_paused():
        worker = CeleryWorker(env, log_path=log, name=f"flower-e2e-{uuid.uuid4().hex[:6]}@%h")
        worker.start()
        try:
            yield worker
        finally:
            worker.stop()


def worker_node(flower: Flower, worker: CeleryWorker) -> str:
    """The worker's node name as Flower lists it (``%h`` expanded by Celery)."""
    prefix = worker.name.split("@")[0] + "@"
    names = [n for n in flower.get("/api/workers", refresh="true") if n.startswith(prefix)]
    assert len(names) == 1, names
    return str(names[0])


@pytest.fixture(scope="module")
def flower(
    distributed: DistributedEnv, json_worker: CeleryWorker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flower]:
    log = tmp_path_factory.mktemp("flower-e2e") / "flower.log"
    with running_flower(distributed.environ(), log) as flower:
        # Flower knows tasks only from the events it received: wait until its event receiver
        # hears the worker's heartbeats before anything is sent.
        prefix = json_worker.name.split("@")[0] + "@"
        wait_for(
            lambda: any(
                alive and name.startswith(prefix)
                for name, alive in flower.get("/api/workers", status="true").items()
            ),
            timeout=30,
        )
        yield flower
    # Stopped cleanly (``stop`` raises if it hung or left a process in its group): exit code 0,
    # and nothing answers on its port any more.
    assert flower.proc is not None
    assert flower.proc.returncode == 0, flower.log_tail()
    assert flower.request("/healthcheck", auth=False, raw=True)[0] == 0


@pytest.fixture(scope="module")
def batch(
    distributed: DistributedEnv,
    json_worker: CeleryWorker,
    flower: Flower,
    tmp_path_factory: pytest.TempPathFactory,
) -> Batch:
    settings = distributed.settings()
    folder = tmp_path_factory.mktemp("flower-docs")
    marker = f"Flower marker {uuid.uuid4().hex[:8]}"
    lines = [marker, f"Employee SSN {SSN}", f"Account number {ACCOUNT}"]
    files = [
        docs.text_pdf(folder / "w2.pdf", [["Form W-2 Wage and Tax Statement", *lines]]),
        docs.text_pdf(
            folder / "statement.pdf",
            [["Bank statement", *lines], ["Closing balance carried forward to page two"]],
        ),
        docs.scanned_pdf(folder / "scan.pdf", [["Scanned letter", *lines]]),
    ]
    subs = [submit(path, settings=settings) for path in files]

    def finished() -> list[dict[str, Any]] | None:
        states = results([s.submission_id for s in subs], settings)
        return states if all(s["final"] for s in states) else None

    states = wait_for(finished, timeout=60)
    assert [s["status"] for s in states] == ["COMPLETED"] * 3, json_worker.log_tail()
    return Batch(subs, states, marker)


def our_tasks(flower: Flower, batch: Batch) -> dict[str, dict[str, Any]]:
    """Flower's tasks that belong to the batch (the session may have sent others), by id."""
    ids = batch.document_ids | batch.submission_ids
    return {
        task_id: task
        for task_id, task in flower.get("/api/tasks").items()
        if any(i in f"{task.get('args')}{task.get('kwargs')}" for i in ids)
    }


def test_flower_shows_the_worker_and_every_task_of_the_chain(
    flower: Flower, json_worker: CeleryWorker, batch: Batch
) -> None:
    node = worker_node(flower, json_worker)
    info = flower.get("/api/workers", workername=node)[node]
    assert set(TASKS) <= set(info["registered"])
    assert {q["name"] for q in info["active_queues"]} == {"ingest", "extract", "ocr"}

    scan = batch.document_of("scan.pdf")
    expected = {
        **{("pipeline.ingest_document", s): "SUCCESS" for s in batch.submission_ids},
        ("pipeline.ocr_page", scan): "SUCCESS",
        ("pipeline.finish_document", scan): "SUCCESS",
    }

    def states() -> dict[tuple[str, str], str]:
        seen = {}
        for task in our_tasks(flower, batch).values():
            text = f"{task.get('args')}{task.get('kwargs')}"
            for subject in batch.document_ids | batch.submission_ids:
                if subject in text:
                    seen[(task["name"], subject)] = task["state"]
        return seen

    # Events reach Flower asynchronously: the documents may be final before it has them all.
    try:
        wait_for(lambda: states() == expected, timeout=20, interval=0.5)
    except AssertionError:
        assert states() == expected  # shows what Flower has instead

    tasks = our_tasks(flower, batch)
    assert {t["name"] for t in tasks.values()} == set(CHAIN)
    for task_id, task in tasks.items():
        assert task["worker"] == node, task
        detail = flower.get(f"/api/task/info/{task_id}")
        assert detail["name"] == task["name"]
        assert detail["state"] == "SUCCESS"
        # References only: ids and blob keys, never the document's content or its PII.
        shown = json.dumps(detail)
        for secret in batch.pii():
            assert secret not in shown, (secret, detail)
        for field in ("args", "kwargs", "result"):
            assert not SSN_SHAPED.search(detail[field] or ""), detail
        if task["name"] == "pipeline.ingest_document":
            # The submission is named by id; its file name and staging key are withheld.
            assert any(i in detail["kwargs"] for i in batch.submission_ids), detail
            assert "staging/" not in detail["kwargs"] and ".pdf" not in detail["kwargs"], detail
        else:
            assert any(d in detail["args"] for d in batch.document_ids), detail
    assert set(flower.get("/api/task/types")["task-types"]) >= set(CHAIN)


def test_flower_api_requires_credentials(flower: Flower) -> None:
    status, _ = flower.request("/api/workers", auth=False)
    assert status == 401
    status, _ = flower.request("/api/tasks", auth=False)
    assert status == 401


def json_lines(worker: CeleryWorker) -> list[dict[str, Any]]:
    """The worker log's JSON lines (Celery's start-up banner is printed, not logged)."""
    return [json.loads(line) for line in worker.log_text().splitlines() if line.startswith("{")]


def test_worker_json_log_lines_carry_task_and_document_ids(
    flower: Flower, json_worker: CeleryWorker, batch: Batch
) -> None:
    log = json_lines(json_worker)
    assert log, json_worker.log_tail()
    flower_ids = {
        (t["name"], d): task_id
        for task_id, t in our_tasks(flower, batch).items()
        for d in batch.document_ids
        if d in f"{t['args']}"
    }

    # Celery's own "Task ... succeeded" line, logged in a pool process, carries the context
    # bound for the task; the ids are the ones Flower shows.
    succeeded = [
        line
        for line in log
        if line["logger"] == "celery.app.trace" and "succeeded" in line["message"]
    ]
    for (name, document_id), task_id in flower_ids.items():
        assert any(
            line.get("task_id") == task_id
            and line.get("task_name") == name
            and line.get("document_id") == document_id
            for line in succeeded
        ), (name, document_id, task_id)
    # The chord callback takes the document second, after the OCR results.
    scan = batch.document_of("scan.pdf")
    assert ("pipeline.finish_document", scan) in flower_ids
    # Ingest is about a submission.
    ingest = [line for line in succeeded if line.get("task_name") == "pipeline.ingest_document"]
    assert {line.get("submission_id") for line in ingest} >= batch.submission_ids
    # Every line logged while a task runs names it: the pipeline's own lines (services pass
    # extra={"document_id": ...} at most) and Celery's; document tasks name their document.
    in_tasks = [
        line
        for line in log
        if line["logger"].startswith("pipeline.") or line["logger"] == "celery.app.trace"
    ]
    assert len(in_tasks) > len(succeeded), json_worker.log_tail()
    for line in in_tasks:
        assert line.get("task_id") and line.get("task_name") in CHAIN, line
        subject = "submission_id" if line["task_name"] == TASKS[0] else "document_id"
        assert line.get(subject), line
    # Lines logged by the main process about a task (receipt) name it too.
    received = [line for line in log if line["message"].endswith("received")]
    assert received and all(line.get("task_id") and line.get("task_name") for line in received)
    # Nothing of the documents reaches the log, and Celery's unredacted formatting data is gone.
    text = json_worker.log_text()
    assert not [x for x in text.splitlines() if "Task pipeline." in x and not x.startswith("{")]
    for secret in batch.pii():
        assert secret not in text, secret
    assert not any("data" in line for line in log)
