"""The broker's queues as the pipeline lays them out, and what is waiting in them.

Celery's Redis transport (kombu) keeps each queue as one Redis list per priority level: the
list named after the queue holds priority 0, ``<queue>\\x06\\x16<n>`` priority n (1-9). A
worker pops with one ``BRPOP`` over every list of every queue it consumes, lowest priority
number first, so priority 0 is served first (the reverse of RabbitMQ's order), and a message
sent without a priority lands in the queue's own list: priority 0. Producers push on the left
and workers pop on the right, so the right end of each list is its oldest message.

A message a worker has taken but not yet acknowledged (``acks_late``: while its task runs, or
waits for a retry's countdown) is in none of these lists: kombu keeps it in the ``unacked``
hash until the task ends, and puts it back in its list if the worker dies.

:func:`read_queue_depths` reads all of that in one round trip, for ``pipeline status`` and the
stuck-work sweeper: how many messages wait in each queue (per priority), how many workers hold,
and when the oldest waiting one was sent (the ``sent_at`` header every message sent through
this code carries; see ``workers.app``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pipeline.config import Settings
from pipeline.domain.errors import RetryableError

QUEUES = ("ingest", "extract", "ocr", "maintenance")

# One Redis list per level: every level a producer may ask for is its own list, so the order is
# exact (kombu's default, [0, 3, 6, 9], would put priorities 1 and 2 in the same list as 0).
PRIORITY_STEPS: tuple[int, ...] = tuple(range(10))
HIGHEST_PRIORITY = PRIORITY_STEPS[0]
LOWEST_PRIORITY = PRIORITY_STEPS[-1]
# kombu's separator between a queue's name and its priority. Kept at kombu's default on purpose:
# the transport also joins its exchange bindings with it, and a Redis that outlives a change
# would hold bindings that no longer parse.
PRIORITY_SEP = "\x06\x16"
# kombu's hash of messages taken by a worker and not yet acknowledged (its default name).
UNACKED_KEY = "unacked"
# The header (ISO 8601, UTC) stamped on every task message this code sends.
SENT_AT_HEADER = "sent_at"


def list_name(queue: str, priority: int) -> str:
    """The Redis list holding ``queue``'s messages of ``priority`` (as kombu names it)."""
    return f"{queue}{PRIORITY_SEP}{priority}" if priority else queue


class QueuesUnavailable(RetryableError):
    """The broker did not answer the read of its queues."""


@dataclass(frozen=True)
class QueueDepth:
    """What one queue holds right now."""

    queue: str
    waiting: int  # messages in the queue's lists, all priorities
    reserved: int  # taken by workers and not yet acknowledged (running, or waiting to retry)
    by_priority: dict[int, int] = field(default_factory=dict)  # priority -> waiting (non-zero)
    # When the oldest waiting message was sent; None when none waits, or the oldest carries no
    # ``sent_at`` header (a producer outside this code need not send one).
    oldest_sent_at: datetime | None = None

    def oldest_age_seconds(self, now: datetime) -> float | None:
        if self.oldest_sent_at is None:
            return None
        return max(0.0, (now - self.oldest_sent_at).total_seconds())

    def as_dict(self, now: datetime) -> dict[str, Any]:
        return {
            "waiting": self.waiting,
            "reserved": self.reserved,
            "by_priority": {str(p): n for p, n in sorted(self.by_priority.items())},
            "oldest_sent_at": self.oldest_sent_at.isoformat() if self.oldest_sent_at else None,
            "oldest_age_seconds": self.oldest_age_seconds(now),
        }


class QueueInspector(Protocol):
    destination: str

    def depths(self) -> dict[str, QueueDepth]:
        """Every queue's depth, by queue name, or raise :class:`QueuesUnavailable`."""
        ...

    def close(self) -> None: ...


class RedisQueueInspector:
    """Reads the queues' lists and kombu's ``unacked`` hash in one pipelined round trip
    (``LLEN`` and ``LINDEX -1`` per list, ``HVALS``: bounded by the workers' prefetch)."""

    def __init__(self, url: str, queues: Sequence[str] = QUEUES) -> None:
        import redis  # here: embedded mode has no broker and never loads the client

        self._errors = redis.RedisError
        self.queues = tuple(queues)
        self.destination = "redis"
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)

    def depths(self) -> dict[str, QueueDepth]:
        lists = [(q, p) for q in self.queues for p in PRIORITY_STEPS]
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                for queue, priority in lists:
                    pipe.llen(list_name(queue, priority))
                    pipe.lindex(list_name(queue, priority), -1)
                pipe.hvals(UNACKED_KEY)
                replies = pipe.execute()
        except self._errors as exc:
            raise QueuesUnavailable(f"could not read the queues from Redis: {exc}") from exc
        reserved = _reserved_by_queue(replies[-1])
        waiting: dict[str, dict[int, int]] = {q: {} for q in self.queues}
        oldest: dict[str, datetime | None] = dict.fromkeys(self.queues)
        for (queue, priority), length, tail in zip(
            lists, replies[0:-1:2], replies[1:-1:2], strict=True
        ):
            if not length:
                continue
            waiting[queue][priority] = int(length)
            sent, current = _sent_at(tail), oldest[queue]
            if sent is not None and (current is None or sent < current):
                oldest[queue] = sent
        return {
            q: QueueDepth(
                queue=q,
                waiting=sum(waiting[q].values()),
                reserved=reserved.get(q, 0),
                by_priority=waiting[q],
                oldest_sent_at=oldest[q],
            )
            for q in self.queues
        }

    def close(self) -> None:
        self._redis.close()


class InProcessQueues:
    """Embedded mode: tasks run in the caller's process, so nothing ever waits in a queue."""

    destination = "in-process (no broker)"

    def __init__(self, queues: Sequence[str] = QUEUES) -> None:
        self.queues = tuple(queues)

    def depths(self) -> dict[str, QueueDepth]:
        return {q: QueueDepth(queue=q, waiting=0, reserved=0) for q in self.queues}

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class BackPressure:
    """More OCR messages wait than ``PIPELINE_OCR_QUEUE_BOUND``. Nothing is refused: ingest
    keeps accepting and the OCR backlog is worked off in priority order; documents that need
    OCR wait longer meanwhile (text documents do not: the OCR queue has workers of its own)."""

    queue: str
    waiting: int
    bound: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "queue": self.queue,
            "waiting": self.waiting,
            "bound": self.bound,
            "message": self.describe(),
        }

    def describe(self) -> str:
        return (
            f"{self.waiting:,} {self.queue} messages wait, over PIPELINE_OCR_QUEUE_BOUND "
            f"({self.bound:,}): ingest keeps accepting; documents that need OCR wait longer "
            "(add OCR workers to drain it sooner)"
        )


def back_pressure(depths: dict[str, QueueDepth], *, ocr_bound: int) -> BackPressure | None:
    """The back-pressure the queues are under, if any (see :class:`BackPressure`)."""
    ocr = depths.get("ocr")
    if ocr is None or ocr.waiting <= ocr_bound:
        return None
    return BackPressure(queue="ocr", waiting=ocr.waiting, bound=ocr_bound)


def build_queue_inspector(settings: Settings) -> QueueInspector:
    if settings.broker_url:
        return RedisQueueInspector(settings.broker_url)
    return InProcessQueues()


def read_queue_depths(settings: Settings) -> dict[str, QueueDepth]:
    """Every queue's depth now (one connection, one round trip), or :class:`QueuesUnavailable`.
    For a caller that reads often (a loop), keep a :func:`build_queue_inspector` instead."""
    inspector = build_queue_inspector(settings)
    try:
        return inspector.depths()
    finally:
        inspector.close()


def _reserved_by_queue(values: list[bytes]) -> dict[str, int]:
    # Each value is kombu's JSON [message, exchange, routing key]; the pipeline's queues are
    # direct exchanges named after the queue, so the routing key is the queue's name.
    counts: dict[str, int] = {}
    for raw in values:
        try:
            routing_key = json.loads(raw)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if isinstance(routing_key, str):
            counts[routing_key] = counts.get(routing_key, 0) + 1
    return counts


def _sent_at(raw: bytes | None) -> datetime | None:
    if raw is None:
        return None
    try:
        stamp = json.loads(raw)["headers"][SENT_AT_HEADER]
        moment = datetime.fromisoformat(stamp)
    except (ValueError, KeyError, TypeError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
