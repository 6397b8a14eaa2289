"""The outbox relay on real PostgreSQL (and SQLite) with a real Redis stream: at-least-once
publishing in order, SKIP LOCKED between concurrent relays, backoff and parking of events that
cannot be published, a relay killed between publishing and marking, and a replay after the
stream lost its data."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

from pipeline.config import Settings
from pipeline.db import tables
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.model import Document
from pipeline.publishing import JsonLinesPublisher, RedisStreamPublisher
from pipeline.service_layer.operations import (
    housekeeping,
    relay_outbox,
    relay_pending,
    replay_outbox,
)
from tests.support.crashing_relay import CRASH_EXIT_CODE
from tests.support.deps import T0, Clock, make_deps
from tests.support.processes import ROOT
from tests.support.services import free_port
from tests.support.worker import flush_redis, redis_url, require_redis, stream_entries


async def store_documents(database: Database, count: int) -> list[uuid.UUID]:
    """``count`` new documents, each of which writes one DocumentStored row to the outbox."""
    ids = []
    async with SqlAlchemyUnitOfWork(database) as uow:
        for i in range(count):
            content = f"{uuid.uuid4()}-{i}".encode()
            doc = Document.new(
                filename=f"doc-{i}.pdf",
                file_hash=hashlib.sha256(content).hexdigest(),
                file_type="pdf",
                file_size_bytes=len(content),
                blob_uri="file:///x",
                now=T0,
            )
            await uow.documents.add_if_absent(doc)
            ids.append(doc.id)
        await uow.commit()
    return ids


async def outbox_state(database: Database) -> list[sa.Row[Any]]:
    async with database.engine.connect() as conn:
        t = tables.outbox
        stmt = sa.select(t.c.id, t.c.processed_at, t.c.retry_count, t.c.next_attempt_at, t.c.error)
        return list(await conn.execute(stmt.order_by(t.c.id)))


@pytest.fixture
def stream() -> Iterator[str]:
    require_redis()
    name = f"test:events:{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(redis_url())
    try:
        yield name
    finally:
        client.delete(name)
        client.close()


async def test_relay_publishes_in_order_once_and_marks_rows(
    database: Database, tmp_path: Path
) -> None:
    doc_ids = await store_documents(database, 5)
    deps = make_deps(database, tmp_path, Clock(), outbox_batch_size=2)
    publisher = JsonLinesPublisher(tmp_path / "events.jsonl")

    result = await relay_pending(deps, publisher)
    again = await relay_outbox(deps, publisher)

    assert (result.published, result.failed, again.published) == (5, 0, 0)
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [line["aggregate_id"] for line in lines] == [str(i) for i in doc_ids]
    assert [line["outbox_id"] for line in lines] == sorted(line["outbox_id"] for line in lines)
    assert {line["event_type"] for line in lines} == {"DocumentStored"}
    assert all(line["payload"]["document_id"] == line["aggregate_id"] for line in lines)
    assert all(row.processed_at == T0 for row in await outbox_state(database))


async def test_redis_stream_carries_the_documented_fields(
    pg_database: Database, tmp_path: Path, stream: str
) -> None:
    (doc_id,) = await store_documents(pg_database, 1)
    publisher = RedisStreamPublisher(redis_url(), stream, maxlen=1000)
    try:
        await relay_outbox(make_deps(pg_database, tmp_path, Clock()), publisher)
    finally:
        publisher.close()
    (entry,) = stream_entries(stream)
    assert set(entry) == {
        "outbox_id",
        "event_type",
        "aggregate_type",
        "aggregate_id",
        "occurred_at",
        "payload",
    }
    assert entry["event_type"] == "DocumentStored" and entry["aggregate_id"] == str(doc_id)
    assert datetime.fromisoformat(entry["occurred_at"]) == T0
    assert json.loads(entry["payload"])["file_hash"]


async def test_concurrent_relays_skip_rows_the_other_holds(
    pg_database: Database, tmp_path: Path
) -> None:
    await store_documents(pg_database, 6)
    max_retries = Settings().outbox_max_retries
    async with SqlAlchemyUnitOfWork(pg_database) as first:
        held = await first.outbox.claim_due(now=T0, max_retries=max_retries, limit=4)
        async with SqlAlchemyUnitOfWork(pg_database) as second:
            # Without SKIP LOCKED this would block until the first transaction ends.
            other = await second.outbox.claim_due(now=T0, max_retries=max_retries, limit=10)
    assert len(held) == 4 and len(other) == 2
    assert not {m.outbox_id for m in held} & {m.outbox_id for m in other}


async def test_failed_publish_backs_off_then_parks_the_event(
    pg_database: Database, tmp_path: Path
) -> None:
    await store_documents(pg_database, 3)
    clock = Clock()
    deps = make_deps(
        pg_database,
        tmp_path,
        clock,
        outbox_max_retries=2,
        retry_backoff_base=10,
        retry_backoff_max=60,
    )
    nowhere = RedisStreamPublisher(f"redis://127.0.0.1:{free_port()}/0", "events", maxlen=10)

    first = await relay_outbox(deps, nowhere)
    rows = await outbox_state(pg_database)
    # The batch stops at the first failure: only that row is charged, the others wait.
    assert (first.published, first.failed) == (0, 1)
    assert [r.retry_count for r in rows] == [1, 0, 0]
    assert rows[0].error and "could not publish" in rows[0].error
    assert T0 + timedelta(seconds=5) <= rows[0].next_attempt_at <= T0 + timedelta(seconds=10)

    # Before the backoff has passed the failed row is not due: the next one is tried instead.
    second = await relay_outbox(deps, nowhere)
    assert [r.retry_count for r in await outbox_state(pg_database)] == [1, 1, 0]
    assert second.gave_up == ()

    clock.now = T0 + timedelta(minutes=5)
    third = await relay_outbox(deps, nowhere)
    assert third.gave_up == (rows[0].id,)
    async with SqlAlchemyUnitOfWork(pg_database) as uow:
        counts = await uow.outbox.counts(max_retries=2)
        dead = await uow.outbox.list_dead(max_retries=2)
    assert counts == {"pending": 2, "dead": 1}
    assert [d.id for d in dead] == [rows[0].id]

    # A parked row is not tried again until an operator says so; then it is published.
    working = JsonLinesPublisher(tmp_path / "events.jsonl")
    clock.now = T0 + timedelta(hours=1)
    recovered = await relay_pending(deps, working)
    assert recovered.published == 2
    async with SqlAlchemyUnitOfWork(pg_database) as uow:
        assert await uow.outbox.retry_dead(max_retries=2) == 1
        await uow.commit()
    assert (await relay_pending(deps, working)).published == 1
    assert all(r.processed_at is not None for r in await outbox_state(pg_database))


async def test_relay_killed_after_publishing_republishes_and_consumer_applies_once(
    pg_database: Database, postgres_url: str, tmp_path: Path, stream: str
) -> None:
    doc_ids = await store_documents(pg_database, 3)
    crashed = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.crashing_relay",
        postgres_url,
        redis_url(),
        stream,
        cwd=ROOT,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(crashed.communicate(), timeout=60)
    assert crashed.returncode == CRASH_EXIT_CODE, stderr.decode()
    assert len(stream_entries(stream)) == 1  # published...
    assert all(r.processed_at is None for r in await outbox_state(pg_database))  # ...not marked

    publisher = RedisStreamPublisher(redis_url(), stream, maxlen=1000)
    try:
        result = await relay_outbox(make_deps(pg_database, tmp_path, Clock()), publisher)
    finally:
        publisher.close()
    assert result.published == 3

    entries = stream_entries(stream)
    assert len(entries) == 4  # the first event went out twice: at least once, not exactly once
    applied: dict[str, int] = {}
    consume_idempotently(entries, applied)
    assert sorted(applied) == sorted(str(i) for i in doc_ids)
    assert set(applied.values()) == {1}


def consume_idempotently(entries: list[dict[str, str]], applied: dict[str, int]) -> None:
    """A consumer as the README tells them to write one: skip outbox ids already applied."""
    seen: set[str] = set()
    for entry in entries:
        if entry["outbox_id"] in seen:
            continue
        seen.add(entry["outbox_id"])
        applied[entry["aggregate_id"]] = applied.get(entry["aggregate_id"], 0) + 1


async def test_housekeeping_drops_expired_keys_and_old_published_rows(
    database: Database, tmp_path: Path
) -> None:
    await store_documents(database, 2)
    clock = Clock()
    deps = make_deps(database, tmp_path, clock, outbox_retention_hours=24)
    await relay_outbox(deps, JsonLinesPublisher(tmp_path / "events.jsonl"))
    await store_documents(database, 1)  # unpublished: kept whatever its age
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.idempotency.put("old", {"x": 1}, now=T0, expires_at=T0 + timedelta(hours=1))
        await uow.idempotency.put("new", {"x": 2}, now=T0, expires_at=T0 + timedelta(days=30))
        await uow.commit()

    clock.now = T0 + timedelta(hours=2)
    early = await housekeeping(deps)
    assert (early.idempotency_keys_deleted, early.outbox_rows_deleted) == (1, 0)
    clock.now = T0 + timedelta(days=2)
    later = await housekeeping(deps)
    assert (later.idempotency_keys_deleted, later.outbox_rows_deleted) == (0, 2)
    remaining = await outbox_state(database)
    assert len(remaining) == 1 and remaining[0].processed_at is None
    async with SqlAlchemyUnitOfWork(database) as uow:
        assert await uow.idempotency.get("new", now=clock.now) == {"x": 2}


async def test_replay_after_the_stream_lost_its_data_publishes_the_same_outbox_ids(
    pg_database: Database, tmp_path: Path, stream: str
) -> None:
    """Published events vanish with a Redis that lost its data (here FLUSHDB on the test's own
    db); the relay will not send them again (their rows are marked). A replay since a time
    does, through the same publisher, each with its outbox id."""
    deps = make_deps(pg_database, tmp_path, Clock(), outbox_batch_size=2)
    await store_documents(pg_database, 5)  # each a DocumentStored that occurred at T0
    publisher = RedisStreamPublisher(redis_url(), stream, maxlen=1000)
    try:
        assert (await relay_pending(deps, publisher)).published == 5
        before = stream_entries(stream)
        assert len(before) == 5

        flush_redis()
        assert stream_entries(stream) == []
        assert (await relay_pending(deps, publisher)).published == 0  # marked: never again

        result = await replay_outbox(deps, publisher, since=T0 - timedelta(minutes=1))
        after = stream_entries(stream)
        assert result.replayed == 5 and result.error is None
        assert after == before  # same fields, outbox ids included, in id order

        # A narrower window, and one event type: only those are sent (again: consumers dedupe).
        flush_redis()
        none = await replay_outbox(deps, publisher, since=T0 + timedelta(minutes=1))
        assert none.replayed == 0
        typed = await replay_outbox(
            deps, publisher, since=T0, until=T0 + timedelta(seconds=1), event_type="DocumentStored"
        )
        assert typed.replayed == 5
        assert [e["outbox_id"] for e in stream_entries(stream)] == [e["outbox_id"] for e in before]
        other = await replay_outbox(deps, publisher, since=T0, event_type="DocumentCompleted")
        assert other.replayed == 0
    finally:
        publisher.close()


async def test_replay_stops_at_a_failed_publish_and_says_where(
    pg_database: Database, tmp_path: Path
) -> None:
    await store_documents(pg_database, 3)
    deps = make_deps(pg_database, tmp_path, Clock())
    await relay_pending(deps, JsonLinesPublisher(tmp_path / "events.jsonl"))
    dead_end = RedisStreamPublisher(f"redis://127.0.0.1:{free_port()}/0", "x", maxlen=10)
    try:
        result = await replay_outbox(deps, dead_end, since=T0)
    finally:
        dead_end.close()
    assert result.replayed == 0 and result.last_outbox_id is None
    assert result.error is not None and "could not publish" in result.error
