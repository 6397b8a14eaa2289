"""The per-producer count of hand-ins on a real Redis: ranks within the window, repeats counted
once, producers apart, old hand-ins forgotten, and a Redis that does not answer."""

from __future__ import annotations

import time
import uuid

import pytest

from pipeline.fairness import RedisHandInLedger, hand_in_priority
from tests.support.services import free_port
from tests.support.worker import redis_url, require_redis


@pytest.fixture
def producer() -> str:
    require_redis()
    return f"test-producer-{uuid.uuid4().hex[:8]}"


def test_ranks_count_a_producers_earlier_hand_ins_in_the_window(producer: str) -> None:
    ledger = RedisHandInLedger(redis_url(), window_seconds=60)
    try:
        ranks = [ledger.record(producer, f"sub-{i}") for i in range(5)]
        assert ranks == [0, 1, 2, 3, 4]
        assert ledger.record(producer, "sub-2") == 2  # a repeat keeps its place
        assert ledger.record(producer + "-other", "sub-0") == 0  # another producer: its own count
        assert [hand_in_priority(ledger, producer, f"sub-{i}") for i in range(5, 9)] == [3, 3, 3, 4]
    finally:
        ledger.close()


def test_hand_ins_older_than_the_window_no_longer_count(producer: str) -> None:
    ledger = RedisHandInLedger(redis_url(), window_seconds=1)
    try:
        assert [ledger.record(producer, f"old-{i}") for i in range(3)] == [0, 1, 2]
        time.sleep(1.2)
        assert ledger.record(producer, "new") == 0
    finally:
        ledger.close()


def test_a_redis_that_does_not_answer_puts_the_hand_in_at_priority_0(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ledger = RedisHandInLedger(f"redis://127.0.0.1:{free_port()}/0", window_seconds=60)
    try:
        assert hand_in_priority(ledger, "anyone", "sub") == 0
    finally:
        ledger.close()
    assert "could not count a hand-in for fairness" in caplog.text
