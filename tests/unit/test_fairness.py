"""The fairness rule and back-pressure as pure functions (the Redis side is tested in
tests/integration/test_fairness_ledger.py, the whole of it in tests/e2e/test_fairness.py)."""

from __future__ import annotations

from pipeline.fairness import InProcessLedger, default_producer, hand_in_priority, priority_for_rank
from pipeline.queues import QueueDepth, back_pressure, list_name


def test_a_producers_priority_drops_one_level_each_time_its_recent_hand_ins_double() -> None:
    assert [priority_for_rank(r) for r in range(9)] == [0, 1, 2, 2, 3, 3, 3, 3, 4]
    assert priority_for_rank(255) == 8
    assert priority_for_rank(256) == priority_for_rank(5_000) == 9
    assert priority_for_rank(-1) == 0


def test_embedded_mode_puts_every_hand_in_first() -> None:
    ledger = InProcessLedger()
    assert [hand_in_priority(ledger, "p", str(i)) for i in range(5)] == [0] * 5


def test_the_default_producer_is_the_user_on_this_host() -> None:
    user, _, host = default_producer().partition("@")
    assert user and host


def test_kombu_names_a_queues_priority_lists() -> None:
    assert list_name("ocr", 0) == "ocr"
    assert list_name("ocr", 7) == "ocr\x06\x167"


def test_back_pressure_only_when_the_ocr_queue_is_deeper_than_its_bound() -> None:
    def depths(ocr: int, ingest: int = 0) -> dict[str, QueueDepth]:
        return {
            "ingest": QueueDepth("ingest", waiting=ingest, reserved=0),
            "ocr": QueueDepth("ocr", waiting=ocr, reserved=2),
        }

    assert back_pressure(depths(10), ocr_bound=10) is None
    assert back_pressure(depths(0, ingest=500), ocr_bound=10) is None
    pressure = back_pressure(depths(11), ocr_bound=10)
    assert pressure is not None
    assert pressure.as_dict() == {
        "queue": "ocr",
        "waiting": 11,
        "bound": 10,
        "message": "11 ocr messages wait, over PIPELINE_OCR_QUEUE_BOUND (10): ingest keeps "
        "accepting; documents that need OCR wait longer (add OCR workers to drain it sooner)",
    }
