"""Which worker processes are alive, what each holds, and which broker the queued work is in.

A worker's main process takes task messages from the broker and holds them unacknowledged
(``acks_late``) while they run in its pool, wait in its prefetch, or wait out a retry's
countdown. Every few seconds it writes a :class:`WorkerHeartbeat` listing what it holds. A
message whose holder has stopped beating can be handed to another worker at once, instead of
after the broker's visibility timeout; a message some fresh heartbeat lists is live work and is
left alone.

A broker that loses its data (a Redis restart without persistence, a ``FLUSHDB``) loses every
queued message with it. The :class:`BrokerEpoch` names the broker's current data: when the
epoch changes, whatever was sent before the change is gone and has to be sent again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class HeldTask:
    """A task message a worker holds: its id, its task, and the document or submission it
    works on (None for the maintenance tasks)."""

    task_id: str
    task_name: str
    subject: uuid.UUID | None = None


@dataclass(frozen=True)
class WorkerHeartbeat:
    """One worker process's latest beat.

    ``alive_since`` starts the current run of beats written with no gap longer than the
    staleness bound; a worker that could not write for longer (the database was away, or the
    process stalled) starts a new run. ``last_seen_at`` is when ``tasks`` was read."""

    worker_id: str
    hostname: str
    pid: int
    started_at: datetime
    alive_since: datetime
    last_seen_at: datetime
    tasks: tuple[HeldTask, ...] = ()

    @classmethod
    def first(cls, *, worker_id: str, hostname: str, pid: int, now: datetime) -> WorkerHeartbeat:
        return cls(
            worker_id=worker_id,
            hostname=hostname,
            pid=pid,
            started_at=now,
            alive_since=now,
            last_seen_at=now,
        )

    def beat(
        self, *, now: datetime, tasks: Iterable[HeldTask], stale_after: timedelta
    ) -> WorkerHeartbeat:
        """The next beat after this one (the last one written): a gap longer than
        ``stale_after`` since it starts a new run."""
        alive_since = self.alive_since if now - self.last_seen_at <= stale_after else now
        return replace(self, alive_since=alive_since, last_seen_at=now, tasks=tuple(tasks))

    def is_fresh(self, now: datetime, stale_after: timedelta) -> bool:
        return self.last_seen_at >= now - stale_after


@dataclass(frozen=True)
class Liveness:
    """The workers' heartbeats as the sweeper reads them at ``now``.

    A worker silent for ``stale_after`` is taken for dead only when the silence is its own:
    some other fresh worker must have beaten without a gap over the whole window
    (``observable``). After a database outage every worker starts a new run of beats, so
    nobody is declared dead until the live ones have had the time to beat again."""

    now: datetime
    stale_after: timedelta
    fresh: tuple[WorkerHeartbeat, ...]
    observable: bool

    @classmethod
    def of(
        cls, heartbeats: Iterable[WorkerHeartbeat], *, now: datetime, stale_after: timedelta
    ) -> Liveness:
        fresh = tuple(hb for hb in heartbeats if hb.is_fresh(now, stale_after))
        observable = any(hb.alive_since <= now - stale_after for hb in fresh)
        return cls(now=now, stale_after=stale_after, fresh=fresh, observable=observable)

    @property
    def held_task_ids(self) -> frozenset[str]:
        return frozenset(task.task_id for hb in self.fresh for task in hb.tasks)

    @property
    def held_subjects(self) -> frozenset[uuid.UUID]:
        return frozenset(
            task.subject for hb in self.fresh for task in hb.tasks if task.subject is not None
        )

    def holder_is_gone(self, task_id: str, delivered_at: datetime) -> bool:
        """Whether a message taken from the broker at ``delivered_at`` and still
        unacknowledged is held by no live worker. A live holder lists it in every beat after
        it took it, so a message older than the staleness bound that no fresh beat lists
        belongs to a worker that stopped beating."""
        if not self.observable:
            return False
        return delivered_at < self.now - self.stale_after and task_id not in self.held_task_ids


@dataclass(frozen=True)
class BrokerEpoch:
    """One lifetime of the broker's data, first seen by the sweeper at ``first_seen_at``.

    A new epoch means the previous one's messages are gone: what was sent before
    ``first_seen_at`` is sent again, and ``recovered_at`` says when nothing was left to send."""

    epoch: str
    first_seen_at: datetime
    recovered_at: datetime | None = None

    @property
    def recovered(self) -> bool:
        return self.recovered_at is not None
