"""Self-healing use cases run on a schedule (Celery beat) or by an operator: the outbox relay,
the sweeper (recovery after a worker death, a lost message or a broker that lost its data) and
housekeeping. Reconciliation with the blob store is in
:mod:`pipeline.service_layer.reconcile`."""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from pipeline.domain.liveness import BrokerEpoch, Liveness
from pipeline.domain.model import Document, DocumentStatus, Submission
from pipeline.publishing import EventPublisher, PublishFailed
from pipeline.service_layer.deps import Dependencies

log = logging.getLogger(__name__)

# --- outbox relay -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelayResult:
    published: int = 0
    failed: int = 0  # publishes that failed this run and will be tried again after a backoff
    gave_up: tuple[int, ...] = ()  # outbox ids that reached max retries in this run


def jittered_backoff(failures: int, *, base: float, cap: float) -> float:
    """Seconds before the next attempt: ~base*2^failures, half fixed and half random, capped
    (used for task retries and for outbox publishes)."""
    ceiling = min(cap, base * (2**failures))
    return float(ceiling / 2 + random.uniform(0, ceiling / 2))


async def relay_outbox(
    deps: Dependencies, publisher: EventPublisher, *, batch_size: int | None = None
) -> RelayResult:
    """Publish due outbox rows in id order, at least once, and mark them processed.

    The rows are locked (``FOR UPDATE SKIP LOCKED``) for the whole transaction, so another relay
    running at the same time claims other rows or none. Publishing happens before the commit:
    a relay that dies in between leaves the rows unmarked and they are published again; the
    outbox id in every message lets consumers drop the repeat. On the first failed publish the
    batch stops (the destination is probably down) and only that row is charged a retry."""
    settings = deps.settings
    now = deps.clock()
    published: list[int] = []
    failed = 0
    gave_up: list[int] = []
    async with deps.uow_factory() as uow:
        messages = await uow.outbox.claim_due(
            now=now,
            max_retries=settings.outbox_max_retries,
            limit=batch_size or settings.outbox_batch_size,
        )
        for message in messages:
            try:
                await asyncio.to_thread(publisher.publish, message)
            except PublishFailed as exc:
                failed += 1
                retries = await uow.outbox.mark_failed(
                    message.outbox_id,
                    error=str(exc),
                    next_attempt_at=now
                    + timedelta(
                        seconds=jittered_backoff(
                            message.retry_count,
                            base=settings.retry_backoff_base,
                            cap=settings.retry_backoff_max,
                        )
                    ),
                )
                if retries >= settings.outbox_max_retries:
                    gave_up.append(message.outbox_id)
                break
            published.append(message.outbox_id)
        await uow.outbox.mark_published(published, now=deps.clock())
        await uow.commit()
    if published:
        log.info("published %d event(s) to %s", len(published), publisher.destination)
    if failed:
        log.warning("outbox relay: publishing to %s failed; will retry", publisher.destination)
    for outbox_id in gave_up:
        log.error(
            "outbox event %d reached %d failed publishes and is parked; "
            "`pipeline outbox dead` lists such events, `pipeline outbox dead --retry` sends them "
            "again",
            outbox_id,
            settings.outbox_max_retries,
        )
    return RelayResult(published=len(published), failed=failed, gave_up=tuple(gave_up))


async def relay_pending(
    deps: Dependencies, publisher: EventPublisher, *, max_batches: int = 50
) -> RelayResult:
    """Relay batch after batch until one comes back short or fails (at most ``max_batches``,
    so one scheduled run never hogs its worker; the next run goes on)."""
    published = failed = 0
    gave_up: list[int] = []
    for _ in range(max_batches):
        result = await relay_outbox(deps, publisher)
        published += result.published
        failed += result.failed
        gave_up += result.gave_up
        if result.failed or result.published < deps.settings.outbox_batch_size:
            break
    return RelayResult(published=published, failed=failed, gave_up=tuple(gave_up))


@dataclass(frozen=True)
class ReplayResult:
    replayed: int = 0
    last_outbox_id: int | None = None  # the last event sent again
    error: str | None = None  # why the replay stopped early (the destination refused an event)


async def replay_outbox(
    deps: Dependencies,
    publisher: EventPublisher,
    *,
    since: datetime,
    until: datetime | None = None,
    event_type: str | None = None,
    batch_size: int | None = None,
) -> ReplayResult:
    """Publish again the retained outbox rows already published whose event occurred in
    [since, until) (optionally of one type), in id order, through the relay's own publisher:
    each message is the one the relay sent, ``outbox_id`` included, so consumers that
    deduplicate on it apply each event once. For a stream that lost its data (a Redis restart
    without AOF, a FLUSHDB). Nothing is marked: the rows stay as the relay left them, and a
    replay can be repeated. Stops at the first failed publish; the result says where."""
    after = 0
    replayed = 0
    last: int | None = None
    limit = batch_size or deps.settings.outbox_batch_size
    while True:
        async with deps.uow_factory() as uow:
            messages = await uow.outbox.list_published(
                since=since, until=until, event_type=event_type, after_id=after, limit=limit
            )
        for message in messages:
            try:
                await asyncio.to_thread(publisher.publish, message)
            except PublishFailed as exc:
                return ReplayResult(replayed=replayed, last_outbox_id=last, error=str(exc))
            replayed += 1
            last = message.outbox_id
        if len(messages) < limit:
            break
        after = messages[-1].outbox_id
    if replayed:
        log.info("replayed %d event(s) to %s", replayed, publisher.destination)
    return ReplayResult(replayed=replayed, last_outbox_id=last)


# --- stuck-work sweeper ---------------------------------------------------------------------------

# The task messages the sweeper reasons about (the task contract in the README).
INGEST = "pipeline.ingest_document"
PROCESS = "pipeline.process_document"
# What a PROCESSING document waits on: its processing task again (a retry), its OCR pages, or
# the callback that finishes it.
PROCESSING_STEPS = (PROCESS, "pipeline.ocr_page", "pipeline.finish_document")


@dataclass(frozen=True)
class InFlightMessage:
    """A task message a worker took from the broker and has not acknowledged yet."""

    tag: str  # the broker's delivery tag
    task_id: str
    task_name: str
    queue: str
    subject: uuid.UUID | None  # the document or submission the task works on
    delivered_at: datetime


@dataclass(frozen=True)
class BrokerSnapshot:
    """The broker at one moment: its epoch, how many messages wait in each queue, and the
    messages workers took and hold."""

    epoch: str
    waiting: Mapping[str, int]  # queue -> messages waiting in it (every priority)
    routes: Mapping[str, str]  # task name -> the queue it is sent to
    in_flight: tuple[InFlightMessage, ...] = ()

    def waiting_for(self, *task_names: str) -> int:
        queues = {self.routes[name] for name in task_names}
        return sum(self.waiting.get(queue, 0) for queue in queues)

    @property
    def in_flight_subjects(self) -> frozenset[uuid.UUID]:
        return frozenset(m.subject for m in self.in_flight if m.subject is not None)

    @property
    def in_flight_task_ids(self) -> frozenset[str]:
        return frozenset(m.task_id for m in self.in_flight)


@dataclass(frozen=True)
class Holders:
    """Work that tasks hold: the documents and submissions their messages name, and the tasks'
    ids. An ingest task that processes the document it stored names only the submission; the
    document is its by the claim, whose token is the task's id."""

    subjects: frozenset[uuid.UUID] = frozenset()
    task_ids: frozenset[str] = frozenset()

    def hold(self, document: Document) -> bool:
        token = document.processing_token
        return document.id in self.subjects or (token is not None and token in self.task_ids)


class BrokerProbe(Protocol):
    """What the sweeper reads from the broker and does to it (``workers.liveness``)."""

    def snapshot(self) -> BrokerSnapshot:
        """The broker now, read in one step. A broker without an epoch (new, or it lost its
        data) is given a new one."""
        ...

    def restore(self, message: InFlightMessage) -> bool:
        """Put an unacknowledged message back at the head of its queue, as the broker does once
        its visibility timeout passes; False if it was acknowledged or restored meanwhile."""
        ...


@dataclass(frozen=True)
class SweepResult:
    requeued: tuple[uuid.UUID, ...] = ()  # documents whose processing task the caller sends
    failed: tuple[uuid.UUID, ...] = ()
    resend: tuple[Submission, ...] = ()  # submissions whose ingest task the caller sends again
    restored: tuple[str, ...] = ()  # ids of the tasks handed back to their queues here
    details: tuple[str, ...] = ()


async def sweep_stuck(
    deps: Dependencies,
    *,
    broker: BrokerProbe | None = None,
    dry_run: bool = False,
    limit: int = 500,
) -> SweepResult:
    """Get work moving again whose message was lost or whose worker died, without sending
    again anything that is merely waiting in a queue or held by a live worker.

    With a ``broker`` (distributed mode), each run, once the workers' heartbeats can be
    trusted (:class:`Liveness`):

    1. **Dead workers.** A message a worker took and never acknowledged, held by no worker whose
       heartbeat is fresh, is put back at the head of its queue (the same message: the task
       resumes its claim and a chord stays whole), instead of after the broker's visibility
       timeout.
    2. **A broker that lost its data** (its epoch changed): submissions and PENDING documents
       sent before the loss are sent again, and PROCESSING documents claimed before it whose
       work no live worker holds are released and sent again.
    3. **Lost messages.** While a queue is empty, work that should have a message in it and has
       none anywhere (not waiting, not taken by a worker, not held by a live one) for the
       staleness bound is sent again. Work in a queue that is not empty may be waiting its
       turn behind a backlog: it is left alone.
    4. **Hung work.** A PROCESSING document a live worker holds without progress (no status
       change, no page checkpoint) for ``stuck_after_seconds`` is released and sent again.

    Without a broker (embedded mode) nothing can wait in a queue: any PENDING or PROCESSING
    document without progress for ``stuck_after_seconds`` is sent again (step 4 for both).

    A document sent again more than ``max_requeues`` times by steps 3 and 4 ends FAILED with
    "stuck in <status> since <time>"; work sent again after a broker loss is not counted
    against it. The caller sends ``process_document`` for each id in ``requeued`` and
    ``ingest_document`` for each submission in ``resend`` (after this returns: in eager mode
    sending runs the task at once); should it die first, the next run finds them again. A dry
    run changes and sends nothing and says what it would do in ``details``."""
    sweep = _Sweep(deps, dry_run=dry_run, limit=limit)
    if broker is None:
        await sweep.release_stalled(pending_too=True)
        return sweep.result()
    now = deps.clock()
    async with deps.uow_factory() as uow:
        heartbeats = await uow.heartbeats.list()
    snapshot = await asyncio.to_thread(broker.snapshot)
    stale_after = timedelta(seconds=deps.settings.worker_stale_after_seconds)
    liveness = Liveness.of(heartbeats, now=now, stale_after=stale_after)
    if liveness.observable:
        snapshot = await sweep.restore_orphans(broker, snapshot, liveness)
        await sweep.recover_lost_broker_data(snapshot, liveness)
        await sweep.resend_lost_messages(snapshot, liveness)
    else:
        log.info(
            "sweeper: no worker has beaten for %ss without a gap yet; dead workers and lost "
            "messages are looked for once one has",
            deps.settings.worker_stale_after_seconds,
        )
    await sweep.release_stalled(
        pending_too=False, held=Holders(liveness.held_subjects, liveness.held_task_ids)
    )
    return sweep.result()


class _Sweep:
    """One run of :func:`sweep_stuck`: what it decided so far."""

    def __init__(self, deps: Dependencies, *, dry_run: bool, limit: int) -> None:
        self.deps = deps
        self.settings = deps.settings
        self.dry_run = dry_run
        self.limit = limit
        self.requeued: list[uuid.UUID] = []
        self.failed: list[uuid.UUID] = []
        self.resend: list[Submission] = []
        self.restored: list[str] = []
        self.details: list[str] = []

    def result(self) -> SweepResult:
        return SweepResult(
            requeued=tuple(self.requeued),
            failed=tuple(self.failed),
            resend=tuple(self.resend),
            restored=tuple(self.restored),
            details=tuple(self.details),
        )

    # 1. dead workers

    async def restore_orphans(
        self, broker: BrokerProbe, snapshot: BrokerSnapshot, liveness: Liveness
    ) -> BrokerSnapshot:
        """Hand the messages of workers that stopped beating back to their queues; returns the
        snapshot as it stands after (restored messages wait in their queues again)."""
        orphans = [
            m
            for m in snapshot.in_flight
            if m.task_name in snapshot.routes and liveness.holder_is_gone(m.task_id, m.delivered_at)
        ]
        if not orphans:
            return snapshot
        waiting = dict(snapshot.waiting)
        kept = list(snapshot.in_flight)
        for message in orphans:
            line = (
                f"{message.task_name}[{message.task_id}]"
                + (f" ({message.subject})" if message.subject else "")
                + f": restored to {message.queue} (taken {_moment(message.delivered_at)} by a "
                "worker that stopped beating)"
            )
            if self.dry_run:
                self.details.append(line)
                continue
            if not await asyncio.to_thread(broker.restore, message):
                continue  # acknowledged or restored meanwhile
            self.details.append(line)
            self.restored.append(message.task_id)
            kept.remove(message)
            waiting[message.queue] = waiting.get(message.queue, 0) + 1
            log.warning(
                "%s[%s] was held by a worker that stopped beating; put back in queue %s",
                message.task_name,
                message.task_id,
                message.queue,
                extra={"document_id": str(message.subject)} if message.subject else None,
            )
        return replace(snapshot, waiting=waiting, in_flight=tuple(kept))

    # 2. a broker that lost its data

    async def recover_lost_broker_data(self, snapshot: BrokerSnapshot, liveness: Liveness) -> None:
        now = self.deps.clock()
        async with self.deps.uow_factory() as uow:
            known: BrokerEpoch | None = await uow.broker_epochs.latest()
            if known is None or known.epoch != snapshot.epoch:
                first_sight = known is None
                seen = BrokerEpoch(
                    epoch=snapshot.epoch,
                    first_seen_at=now,
                    # The first epoch ever seen has nothing known to be lost before it.
                    recovered_at=now if first_sight else None,
                )
                if self.dry_run:
                    if not first_sight:
                        self.details.append(
                            f"the broker lost its data (epoch {snapshot.epoch} replaces "
                            f"{known.epoch if known else None}): work sent before it would be "
                            "sent again"
                        )
                    return
                await uow.broker_epochs.add_if_absent(seen)
                await uow.commit()
                if not first_sight:
                    log.error(
                        "the broker lost its data (new epoch %s): sending again the work "
                        "sent before %s",
                        snapshot.epoch,
                        _moment(now),
                    )
                known = await self._reread_epoch(snapshot.epoch)
        if known is None or known.recovered:
            return
        # Everything the broker held before the epoch was first seen is gone. Work held by a live
        # worker is sent again too unless it is claimed: a repeated ingest or processing
        # message is a no-op, while releasing a claim a worker still works under would make
        # the work be done twice.
        cutoff = known.first_seen_at
        busy = self._busy(snapshot, liveness)
        why = f"sent before the broker lost its data ({_moment(known.first_seen_at)})"
        submissions = await self._resend_submissions(sent_before=cutoff, busy=frozenset(), why=why)
        pending = await self._documents(DocumentStatus.PENDING, older_than=cutoff)
        for document in pending:
            await self._send_again(document, cutoff=cutoff, why=why, counted=False)
        processing = await self._documents(DocumentStatus.PROCESSING, older_than=cutoff)
        deferred = 0
        for document in processing:
            if busy.hold(document):
                deferred += 1  # a live worker still works on it: looked at again next run
                continue
            await self._send_again(document, cutoff=cutoff, why=why, counted=False)
        finished = (
            len(submissions) < self.limit
            and len(pending) < self.limit
            and len(processing) < self.limit
            and not deferred
        )
        if finished and not self.dry_run:
            async with self.deps.uow_factory() as uow:
                await uow.broker_epochs.mark_recovered(known.epoch, now=self.deps.clock())
                await uow.commit()
            log.warning("recovery from the broker's data loss (epoch %s) is done", known.epoch)

    async def _reread_epoch(self, epoch: str) -> BrokerEpoch | None:
        async with self.deps.uow_factory() as uow:
            latest: BrokerEpoch | None = await uow.broker_epochs.latest()
        return latest if latest is not None and latest.epoch == epoch else None

    # 3. lost messages

    async def resend_lost_messages(self, snapshot: BrokerSnapshot, liveness: Liveness) -> None:
        """Work that has no message anywhere while its queue is empty lost it (a message deleted
        from the broker, a producer that died before sending it, a chord whose callback can no
        longer fire)."""
        now = self.deps.clock()
        settled = now - liveness.stale_after
        busy = self._busy(snapshot, liveness)
        why = "no message for it anywhere while its queue is empty"
        if snapshot.waiting_for(INGEST) == 0:
            await self._resend_submissions(sent_before=settled, busy=busy.subjects, why=why)
        if snapshot.waiting_for(PROCESS) == 0:
            for document in await self._documents(DocumentStatus.PENDING, older_than=settled):
                if not busy.hold(document):
                    await self._send_again(document, cutoff=settled, why=why, counted=True)
        if snapshot.waiting_for(*PROCESSING_STEPS) == 0:
            for document in await self._documents(DocumentStatus.PROCESSING, older_than=settled):
                if not busy.hold(document):
                    await self._send_again(document, cutoff=settled, why=why, counted=True)

    def _busy(self, snapshot: BrokerSnapshot, liveness: Liveness) -> Holders:
        """What tasks hold: live workers and the broker's unacknowledged messages, and the
        messages this run put back in their queues (their tasks run again, resuming claims)."""
        return Holders(
            liveness.held_subjects | snapshot.in_flight_subjects,
            liveness.held_task_ids | snapshot.in_flight_task_ids | frozenset(self.restored),
        )

    # 4. hung work (and, without a broker, all work without progress)

    async def release_stalled(self, *, pending_too: bool, held: Holders | None = None) -> None:
        """PROCESSING documents without progress for ``stuck_after_seconds`` (and PENDING ones
        with ``pending_too``): with ``held``, only those a live worker holds, since work in a
        queue is waiting its turn and a dead worker's is handed on by step 1."""
        cutoff = self.deps.clock() - timedelta(seconds=self.settings.stuck_after_seconds)
        statuses = [DocumentStatus.PROCESSING] + ([DocumentStatus.PENDING] if pending_too else [])
        for status in statuses:
            for document in await self._documents(status, older_than=cutoff):
                if held is None or held.hold(document):
                    await self._send_again(document, cutoff=cutoff, why=None, counted=True)

    # helpers

    async def _documents(self, status: DocumentStatus, *, older_than: datetime) -> list[Document]:
        async with self.deps.uow_factory() as uow:
            found: list[Document] = await uow.documents.list_stuck(
                older_than=older_than, statuses=[status], limit=self.limit
            )
        return found

    async def _resend_submissions(
        self, *, sent_before: datetime, busy: frozenset[uuid.UUID], why: str
    ) -> list[Submission]:
        """Submissions still waiting for ingest whose message was sent before ``sent_before``
        (and is not with a worker: ``busy``): recorded as sent again and handed to the caller."""
        async with self.deps.uow_factory() as uow:
            found: list[Submission] = await uow.submissions.list_awaiting_ingest(
                sent_before, limit=self.limit
            )
            chosen = [s for s in found if s.id not in busy]
            if chosen and not self.dry_run:
                await uow.submissions.mark_resent([s.id for s in chosen], now=self.deps.clock())
                await uow.commit()
        for submission in chosen:
            self.details.append(f"submission {submission.id}: ingest sent again ({why})")
            if not self.dry_run:
                self.resend.append(submission)
        if chosen and not self.dry_run:
            log.warning("sending the ingest of %d submission(s) again: %s", len(chosen), why)
        return found

    async def _send_again(
        self, candidate: Document, *, cutoff: datetime, why: str | None, counted: bool
    ) -> None:
        """Make ``candidate`` ready to be sent again if it has made no progress since
        ``cutoff`` (a PROCESSING one has its claim released, so a new task resumes from the
        checkpointed pages), or, when ``counted`` and it was sent again ``max_requeues`` times
        already, fail it."""
        now = self.deps.clock()
        async with self.deps.uow_factory() as uow:
            document: Document | None = await uow.documents.get(candidate.id)
            if document is None or document.status is not candidate.status:
                return  # it moved meanwhile
            last_activity = document.updated_at
            checkpoint = await uow.pages.last_checkpoint_at(document.id)
            if checkpoint is not None and checkpoint > last_activity:
                last_activity = checkpoint
            if last_activity >= cutoff:
                return  # still moving: OCR pages are being checkpointed
            status = DocumentStatus(document.status)
            since = _moment(last_activity)
            if counted and document.requeues >= self.settings.max_requeues:
                action = "failed"
                document.fail(
                    f"stuck in {status} since {since} (sent again {document.requeues} time(s) "
                    "without finishing); reprocess it once the workers are healthy",
                    now=now,
                )
            elif status is DocumentStatus.PROCESSING:
                action = "requeued"
                document.release(now=now)
            else:
                action = "requeued"
                document.requeue(now=now)
            line = f"{document.id}: {action} (in {status} since {since}" + (
                f"; {why})" if why else ")"
            )
            if self.dry_run:
                self.details.append(line)
                return
            if not await uow.documents.transition(document, status):
                return  # it moved meanwhile: not stuck after all
            await uow.commit()
        self.details.append(line)
        extra = {"document_id": str(document.id)}
        if action == "failed":
            self.failed.append(document.id)
            log.warning(
                "document %s was stuck in %s since %s and is now FAILED",
                document.id,
                status,
                since,
                extra=extra,
            )
            return
        self.requeued.append(document.id)
        log.warning(
            "document %s in %s since %s: sending it again (%s; %d time(s))",
            document.id,
            status,
            since,
            why or f"no progress for {self.settings.stuck_after_seconds}s",
            document.requeues,
            extra=extra,
        )


def _moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC")


# --- housekeeping -------------------------------------------------------------------------------


# A dead worker's heartbeat is of no use to the sweeper once it is stale; it is kept this long
# for an operator looking into what happened.
HEARTBEAT_RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class HousekeepingResult:
    idempotency_keys_deleted: int
    outbox_rows_deleted: int
    heartbeats_deleted: int = 0


async def housekeeping(deps: Dependencies) -> HousekeepingResult:
    """Delete expired idempotency keys, outbox rows published longer ago than the retention,
    and the heartbeats of workers gone for a day."""
    now = deps.clock()
    async with deps.uow_factory() as uow:
        keys = await uow.idempotency.delete_expired(now=now)
        rows = await uow.outbox.delete_published_before(
            now - timedelta(hours=deps.settings.outbox_retention_hours)
        )
        beats = await uow.heartbeats.delete_last_seen_before(now - HEARTBEAT_RETENTION)
        await uow.commit()
    if keys or rows or beats:
        log.info(
            "housekeeping: %d expired idempotency key(s), %d old outbox row(s), %d heartbeat(s) "
            "of workers gone",
            keys,
            rows,
            beats,
        )
    return HousekeepingResult(
        idempotency_keys_deleted=keys, outbox_rows_deleted=rows, heartbeats_deleted=beats
    )
