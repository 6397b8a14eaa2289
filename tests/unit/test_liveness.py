"""Worker liveness rules (pure): runs of beats, when a silent worker counts as dead, and which
document or submission a task message is about."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from pipeline.domain.liveness import HeldTask, Liveness, WorkerHeartbeat
from workers.liveness import subject_of

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STALE = timedelta(seconds=10)
S = timedelta(seconds=1)


def beating(worker: str, since: datetime, last: datetime, *tasks: HeldTask) -> WorkerHeartbeat:
    return WorkerHeartbeat(
        worker_id=worker,
        hostname="h",
        pid=1,
        started_at=since,
        alive_since=since,
        last_seen_at=last,
        tasks=tasks,
    )


def test_a_gap_longer_than_the_staleness_bound_starts_a_new_run() -> None:
    first = WorkerHeartbeat.first(worker_id="w", hostname="h", pid=1, now=T0)
    steady = first.beat(now=T0 + 2 * S, tasks=[], stale_after=STALE)
    steady = steady.beat(
        now=T0 + 4 * S, tasks=[HeldTask("t", "pipeline.ocr_page")], stale_after=STALE
    )
    assert steady.alive_since == T0 and steady.last_seen_at == T0 + 4 * S
    assert steady.tasks == (HeldTask("t", "pipeline.ocr_page"),)

    # The database was away for 30 s: the worker's next beat starts a new run.
    after_gap = steady.beat(now=T0 + 34 * S, tasks=[], stale_after=STALE)
    assert after_gap.alive_since == T0 + 34 * S and after_gap.started_at == T0


def test_a_silent_workers_message_is_orphaned_only_when_liveness_was_observable() -> None:
    now = T0 + 60 * S
    held = HeldTask("live-task", "pipeline.ocr_page", uuid.uuid4())
    live = beating("live", T0, now - 2 * S, held)
    dead = beating("dead", T0, now - 15 * S, HeldTask("dead-task", "x"))
    liveness = Liveness.of([live, dead], now=now, stale_after=STALE)

    assert liveness.observable and [hb.worker_id for hb in liveness.fresh] == ["live"]
    assert liveness.held_subjects == {held.subject}
    # The dead worker's message, taken long ago: nobody holds it.
    assert liveness.holder_is_gone("dead-task", now - 30 * S)
    # A live worker lists what it holds.
    assert not liveness.holder_is_gone("live-task", now - 30 * S)
    # Taken within the bound: its holder may not have beaten since.
    assert not liveness.holder_is_gone("new-task", now - 5 * S)


def test_after_an_outage_nobody_is_dead_until_a_worker_has_beaten_for_the_whole_window() -> None:
    now = T0 + 60 * S
    # Every worker could not write for a while; one has beaten again, 3 s ago.
    back = beating("back", now - 3 * S, now - 1 * S)
    not_yet = beating("not-yet", T0, now - 40 * S, HeldTask("its-task", "x"))
    liveness = Liveness.of([back, not_yet], now=now, stale_after=STALE)
    assert not liveness.observable
    assert not liveness.holder_is_gone("its-task", now - 50 * S)

    later = Liveness.of(
        [back.beat(now=now + 8 * S, tasks=[], stale_after=STALE), not_yet],
        now=now + 8 * S,
        stale_after=STALE,
    )
    assert later.observable and later.holder_is_gone("its-task", now - 50 * S)


def test_the_subject_of_each_task_message() -> None:
    doc, sub = uuid.uuid4(), uuid.uuid4()
    assert subject_of("pipeline.process_document", [str(doc)], {}) == doc
    assert subject_of("pipeline.ocr_page", [str(doc), [1, 2], "token"], {}) == doc
    assert subject_of("pipeline.finish_document", [[None], str(doc), "token"], {}) == doc
    assert subject_of("pipeline.finish_document", [[None]], {"document_id": str(doc)}) == doc
    assert subject_of("pipeline.ingest_document", [], {"submission_id": str(sub)}) == sub
    assert subject_of("pipeline.sweep_stuck", [], {}) is None
    assert subject_of("pipeline.process_document", ["not-a-uuid"], {}) is None
    assert subject_of("pipeline.process_document", [], {}) is None
