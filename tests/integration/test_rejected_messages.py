"""Messages that broke the task contract, recorded by the service layer on real PostgreSQL (and
SQLite) and a real Redis list: a rejected submission with its reason and a SubmissionRejected
event in the same commit, or a bounded dead letter holding no argument values."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

from pipeline.db import tables
from pipeline.db.engine import Database
from pipeline.dead_letters import DeadLetter, JsonLinesDeadLetters, RedisDeadLetterList
from pipeline.publishing import JsonLinesPublisher
from pipeline.service_layer import views
from pipeline.service_layer.operations import relay_outbox
from pipeline.service_layer.rejections import reject_message
from pipeline.service_layer.services import ingest
from tests.support.deps import Clock, make_deps
from tests.support.worker import redis_url, require_redis
from workers import contracts

INGEST = "pipeline.ingest_document"


def malformed(**kwargs: Any) -> contracts.RejectedMessage:
    with pytest.raises(contracts.MalformedMessage) as caught:
        contracts.check(INGEST, (), kwargs, task_id="task-1")
    return caught.value.rejected


async def outbox_rows(database: Database) -> list[Any]:
    async with database.engine.connect() as conn:
        t = tables.outbox
        return list(await conn.execute(sa.select(t).order_by(t.c.id)))


@pytest.fixture
def dead_letters(tmp_path: Path) -> JsonLinesDeadLetters:
    return JsonLinesDeadLetters(tmp_path / "deadletters.jsonl", maxlen=100)


async def test_a_malformed_ingest_under_a_valid_id_rejects_that_submission_with_an_event(
    database: Database, tmp_path: Path, dead_letters: JsonLinesDeadLetters
) -> None:
    sub = uuid.uuid4()
    deps = make_deps(database, tmp_path, Clock())
    message = malformed(submission_id=str(sub), filename="w2.pdf", size_bytes=10)

    first = await reject_message(deps, dead_letters, message)
    again = await reject_message(deps, dead_letters, message)  # a redelivery

    assert first.recorded_on == again.recorded_on == "submission"
    (state,) = await views.submission_results(deps, [sub])
    assert state["status"] == "REJECTED" and state["final"]
    assert state["error_message"] == "staging_key: missing"
    (event,) = await outbox_rows(database)  # once, though delivered twice
    assert (event.event_type, event.aggregate_type, event.aggregate_id) == (
        "SubmissionRejected",
        "submission",
        sub,
    )
    assert event.payload["reason"] == "staging_key: missing"
    assert event.payload["task_name"] == INGEST
    assert dead_letters.count() == 0
    summary = await views.status_summary(deps)
    assert summary["submissions"]["rejected"] == 1

    # The event reaches consumers like any other.
    await relay_outbox(deps, JsonLinesPublisher(tmp_path / "events.jsonl"))
    (line,) = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert line["event_type"] == "SubmissionRejected" and line["aggregate_id"] == str(sub)

    # A well-formed message under the used-up id changes nothing.
    outcome = await ingest(
        deps,
        submission_id=sub,
        staging_key=f"staging/{sub}/w2.pdf",
        filename="w2.pdf",
        size_bytes=10,
    )
    assert outcome.status == "REJECTED" and not outcome.process


async def test_a_malformed_message_for_a_finished_submission_is_a_dead_letter(
    database: Database, tmp_path: Path, dead_letters: JsonLinesDeadLetters
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    sub = uuid.uuid4()
    await ingest(
        deps,
        submission_id=sub,
        staging_key=f"staging/{sub}/gone.pdf",
        filename="gone.pdf",
        size_bytes=1,
    )  # the staged upload is missing: the submission fails
    result = await reject_message(deps, dead_letters, malformed(submission_id=str(sub)))
    assert result.recorded_on == "dead_letters"
    (letter,) = dead_letters.newest(10)
    assert f"submission {sub} is already failed" in letter["reason"]
    (state,) = await views.submission_results(deps, [sub])
    assert state["status"] == "FAILED"  # its outcome stands
    assert not [r for r in await outbox_rows(database) if r.event_type == "SubmissionRejected"]


async def test_a_message_without_a_usable_id_is_a_dead_letter_without_values(
    database: Database, tmp_path: Path, dead_letters: JsonLinesDeadLetters
) -> None:
    deps = make_deps(database, tmp_path, Clock())
    ssn = "123-45-6789"
    message = malformed(submission_id=ssn, staging_key=ssn, size_bytes=ssn, note=ssn)
    result = await reject_message(deps, dead_letters, message)
    assert result.recorded_on == "dead_letters"
    (letter,) = dead_letters.newest(10)
    assert letter["task"] == INGEST and letter["task_id"] == "task-1"
    assert letter["received_at"] == "2026-03-01T12:00:00+00:00"
    assert letter["kwargs"] == {
        "submission_id": "string",
        "staging_key": "string",
        "size_bytes": "string",
        "note": "string",
    }
    assert "submission_id: not a UUID" in letter["reason"]
    assert "note: not an argument of this task" in letter["reason"]
    assert ssn not in json.dumps(letter) and "6789" not in json.dumps(letter)
    assert await outbox_rows(database) == []


@pytest.fixture
def redis_list() -> Iterator[str]:
    require_redis()
    key = f"test:deadletters:{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(redis_url())
    try:
        yield key
    finally:
        client.delete(key)
        client.close()


def test_the_redis_dead_letter_list_is_bounded_newest_first(redis_list: str) -> None:
    store = RedisDeadLetterList(redis_url(), redis_list, maxlen=3)
    try:
        for i in range(5):
            store.add(DeadLetter(task="pipeline.x", task_id=str(i), received_at="t", reason="r"))
        assert store.count() == 3
        assert [e["task_id"] for e in store.newest(10)] == ["4", "3", "2"]
        assert [e["task_id"] for e in store.newest(1)] == ["4"]
    finally:
        store.close()


def test_the_embedded_dead_letter_file_is_bounded_too(tmp_path: Path) -> None:
    store = JsonLinesDeadLetters(tmp_path / "d.jsonl", maxlen=2)
    for i in range(7):
        store.add(DeadLetter(task="pipeline.x", task_id=str(i), received_at="t", reason="r"))
    assert store.count() == 2
    assert [e["task_id"] for e in store.newest(5)] == ["6", "5"]
    assert len((tmp_path / "d.jsonl").read_text().splitlines()) <= 4
