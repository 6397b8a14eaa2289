"""Per-producer fairness: the priority a hand-in's messages go at.

Every hand-in is counted under its producer: a name for who hands files in (an API key, a
service, a person running ``pipeline ingest``). Its **rank** is how many hand-ins that producer
made within the last ``PIPELINE_FAIRNESS_WINDOW_SECONDS`` before this one, and its priority is
the rank's bit length, capped at the lowest level (:func:`priority_for_rank`): a producer's
first file goes at priority 0, its 2nd at 1, 3rd-4th at 2, 5th-8th at 3, ... and everything
from its 257th on at 9. Workers serve priority 0 first (``pipeline.queues``), so a file from a
producer with few recent hand-ins passes the bulk of a producer with many: one producer's
5,000-file batch costs another's single upload the wait for at most the batch's first file or
so, not for the batch. The document's later steps (processing, OCR pages, finishing) inherit
the priority (``workers.app``), so the upload does not wait behind the batch's OCR pages either.

The count lives in the broker's Redis (one sorted set per producer, trimmed to the window and
expiring with it), so every process handing in for the same producer shares it. Counting is
best effort: when Redis does not answer, the hand-in goes at priority 0 rather than fail (its
message is about to go to the same Redis, and that failure is reported as it always was).
Embedded mode runs every task in-process, so there is no queue to be fair in.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import socket
import time
from typing import Protocol

from pipeline.config import Settings
from pipeline.queues import HIGHEST_PRIORITY, LOWEST_PRIORITY

log = logging.getLogger(__name__)

# A sorted set per producer (members: hand-in ids; scores: when), under a hash of the name so any
# string is a safe key and no producer's name (a person's, perhaps) is written to Redis.
KEY_PREFIX = "pipeline:producer:"


def priority_for_rank(rank: int) -> int:
    """The priority of a producer's hand-in that ``rank`` earlier ones precede in the window:
    0 for the first, one level lower each time the count doubles, at most the lowest level."""
    return min(LOWEST_PRIORITY, max(0, rank).bit_length())


def default_producer() -> str:
    """``user@host``: the producer of a process that names none (PIPELINE_PRODUCER). One person
    or service account on one machine is one producer, however many runs it makes."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # a container user without a passwd entry or login variables
        user = f"uid{os.getuid()}"
    return f"{user}@{socket.gethostname()}"


class HandInLedger(Protocol):
    errors: tuple[type[Exception], ...]  # what ``record`` raises when the store does not answer

    def record(self, producer: str, hand_in: str) -> int:
        """Count ``hand_in`` (an id; counting it again changes nothing) under ``producer`` and
        return its rank: how many of the producer's hand-ins in the window came before it."""
        ...

    def close(self) -> None: ...


class RedisHandInLedger:
    """One sorted set per producer: trim to the window, add, count, expire with the window, in
    one transaction (a few hundred bytes of Redis per hand-in in the window)."""

    def __init__(self, url: str, *, window_seconds: float) -> None:
        import redis  # here: embedded mode never loads the client

        self.errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)
        self.window_seconds = window_seconds
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)

    def record(self, producer: str, hand_in: str) -> int:
        key = KEY_PREFIX + hashlib.sha256(producer.encode()).hexdigest()[:32]
        now = time.time()
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now - self.window_seconds)
            pipe.zadd(key, {hand_in: now}, nx=True)
            pipe.zrank(key, hand_in)
            pipe.expire(key, int(self.window_seconds) + 1)
            rank = pipe.execute()[2]
        return int(rank or 0)

    def close(self) -> None:
        self._redis.close()


class InProcessLedger:
    """Embedded mode: tasks run in-process, every hand-in is first in line."""

    errors: tuple[type[Exception], ...] = ()

    def record(self, producer: str, hand_in: str) -> int:
        return 0

    def close(self) -> None:
        pass


def build_hand_in_ledger(settings: Settings) -> HandInLedger:
    if settings.broker_url:
        return RedisHandInLedger(
            settings.broker_url, window_seconds=settings.fairness_window_seconds
        )
    return InProcessLedger()


def hand_in_priority(ledger: HandInLedger, producer: str, hand_in: str) -> int:
    """The priority for ``hand_in`` by ``producer`` (see the module's docstring); priority 0
    when the ledger does not answer."""
    try:
        return priority_for_rank(ledger.record(producer, hand_in))
    except ledger.errors as exc:
        log.warning("could not count a hand-in for fairness (%s); it goes at priority 0", exc)
        return HIGHEST_PRIORITY
