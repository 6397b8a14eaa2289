"""Queue depths read from a real Redis broker: real Celery messages sent at several priorities,
one taken by a consumer and not acknowledged, the oldest one's ``sent_at`` stamp.

The queues here have names of their own, so a worker another test left running on the shared
test database cannot take these messages."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import redis
from kombu import Queue  # type: ignore[attr-defined]

from pipeline.config import Settings
from pipeline.queues import (
    InProcessQueues,
    QueuesUnavailable,
    RedisQueueInspector,
    list_name,
    read_queue_depths,
)
from tests.support.services import free_port
from tests.support.worker import redis_url, require_redis
from workers.app import create_app


@pytest.fixture
def queue_names() -> Iterator[tuple[str, str]]:
    require_redis()
    names = (f"depth-a-{uuid.uuid4().hex[:8]}", f"depth-b-{uuid.uuid4().hex[:8]}")
    yield names
    client = redis.Redis.from_url(redis_url())
    try:
        client.delete(*(list_name(q, p) for q in names for p in range(10)))
    finally:
        client.close()


def test_depths_count_each_priority_the_unacknowledged_and_the_oldest_send_time(
    queue_names: tuple[str, str],
) -> None:
    first, second = queue_names
    app = create_app(Settings(broker_url=redis_url()))
    before = datetime.now(UTC)

    def send(queue: str, priority: int | None) -> None:
        options = {} if priority is None else {"priority": priority}
        app.send_task(
            "pipeline.process_document", args=[str(uuid.uuid4())], queue=Queue(queue), **options
        )

    send(first, None)  # no priority: the queue's own list, priority 0
    for priority in (9, 9, 9, 4):
        send(first, priority)
    sent = datetime.now(UTC)
    send(second, 0)
    inspector = RedisQueueInspector(redis_url(), queues=queue_names)
    try:
        depths = inspector.depths()
        assert depths[first].waiting == 5
        assert depths[first].by_priority == {0: 1, 4: 1, 9: 3}
        assert depths[first].reserved == 0
        oldest = depths[first].oldest_sent_at
        assert oldest is not None and before <= oldest <= sent
        assert depths[second].waiting == 1 and depths[second].by_priority == {0: 1}

        # A consumer takes the first message (priority 0) and has not acknowledged it yet:
        # it waits no more, it is reserved, and the oldest waiting one is now later.
        with app.connection_for_write() as conn:
            message = conn.default_channel.basic_get(first, no_ack=False)
            assert message is not None
            taken = inspector.depths()[first]
            assert (taken.waiting, taken.reserved) == (4, 1)
            assert taken.by_priority == {4: 1, 9: 3}
            assert taken.oldest_sent_at is not None and taken.oldest_sent_at >= oldest
            message.ack()
        assert inspector.depths()[first].reserved == 0
        as_dict = depths[first].as_dict(oldest + timedelta(seconds=3))
        assert as_dict["by_priority"] == {"0": 1, "4": 1, "9": 3}
        assert as_dict["oldest_age_seconds"] == pytest.approx(3.0)
    finally:
        inspector.close()


def test_a_message_without_a_sent_at_stamp_still_counts() -> None:
    require_redis()
    queue = f"depth-raw-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(redis_url())
    try:
        # What a producer outside this code may push: a kombu envelope with no sent_at header.
        client.lpush(queue, json.dumps({"body": "", "headers": {"task": "x"}, "properties": {}}))
        depth = RedisQueueInspector(redis_url(), queues=[queue]).depths()[queue]
        assert (depth.waiting, depth.oldest_sent_at) == (1, None)
    finally:
        client.delete(queue)
        client.close()


def test_embedded_mode_has_no_queue_to_wait_in() -> None:
    depths = read_queue_depths(Settings())
    assert set(depths) == {"ingest", "extract", "ocr", "maintenance"}
    assert all(d.waiting == 0 and d.reserved == 0 for d in depths.values())
    assert InProcessQueues().destination.startswith("in-process")


def test_an_unreachable_broker_is_a_retryable_error() -> None:
    settings = Settings(broker_url=f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(QueuesUnavailable, match="could not read the queues"):
        read_queue_depths(settings)
