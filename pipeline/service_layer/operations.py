"""Self-healing use cases run on a schedule (Celery beat) or by an operator: the outbox relay,
the stuck-work sweeper and housekeeping. Reconciliation with the blob store is in
:mod:`pipeline.service_layer.reconcile`."""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.domain.model import Document, DocumentStatus
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


@dataclass(frozen=True)
class SweepResult:
    requeued: tuple[uuid.UUID, ...] = ()
    failed: tuple[uuid.UUID, ...] = ()
    details: tuple[str, ...] = ()


async def sweep_stuck(
    deps: Dependencies, *, dry_run: bool = False, limit: int = 500
) -> SweepResult:
    """Find PENDING and PROCESSING documents that made no progress (no status change and no
    page checkpoint) for ``stuck_after_seconds``. Each is made ready to be sent again (a
    PROCESSING one has its stale claim released, so a new task resumes from the checkpointed
    pages) up to ``max_requeues`` times; after that it ends FAILED with "stuck in <status> since
    <time>". The caller sends ``process_document`` for each id in ``requeued`` (after this
    returns: in eager mode sending runs the task at once). Should the caller die first, the
    next sweep finds the same documents again."""
    settings = deps.settings
    now = deps.clock()
    cutoff = now - timedelta(seconds=settings.stuck_after_seconds)
    async with deps.uow_factory() as uow:
        candidates: list[Document] = await uow.documents.list_stuck(older_than=cutoff, limit=limit)
    requeued: list[uuid.UUID] = []
    failed: list[uuid.UUID] = []
    details: list[str] = []
    for candidate in candidates:
        async with deps.uow_factory() as uow:
            document: Document | None = await uow.documents.get(candidate.id)
            if document is None or document.status not in (
                DocumentStatus.PENDING,
                DocumentStatus.PROCESSING,
            ):
                continue
            last_activity = document.updated_at
            checkpoint = await uow.pages.last_checkpoint_at(document.id)
            if checkpoint is not None and checkpoint > last_activity:
                last_activity = checkpoint
            if last_activity >= cutoff:
                continue  # still moving: OCR pages are being checkpointed
            status = DocumentStatus(document.status)
            since = _moment(last_activity)
            if document.requeues >= settings.max_requeues:
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
            line = f"{document.id}: {action} (in {status} since {since})"
            if dry_run:
                details.append(line)
                continue
            if not await uow.documents.transition(document, status):
                continue  # it moved meanwhile: not stuck after all
            await uow.commit()
            details.append(line)
        if action == "failed":
            failed.append(document.id)
            log.warning(
                "document %s was stuck in %s since %s and is now FAILED",
                document.id,
                status,
                since,
                extra={"document_id": str(document.id)},
            )
        else:
            requeued.append(document.id)
            log.warning(
                "document %s was stuck in %s since %s; sending it again (%d of %d)",
                document.id,
                status,
                since,
                document.requeues,
                settings.max_requeues,
                extra={"document_id": str(document.id)},
            )
    return SweepResult(requeued=tuple(requeued), failed=tuple(failed), details=tuple(details))


def _moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC")


# --- housekeeping -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HousekeepingResult:
    idempotency_keys_deleted: int
    outbox_rows_deleted: int


async def housekeeping(deps: Dependencies) -> HousekeepingResult:
    """Delete expired idempotency keys and outbox rows published longer ago than the retention."""
    now = deps.clock()
    async with deps.uow_factory() as uow:
        keys = await uow.idempotency.delete_expired(now=now)
        rows = await uow.outbox.delete_published_before(
            now - timedelta(hours=deps.settings.outbox_retention_hours)
        )
        await uow.commit()
    if keys or rows:
        log.info("housekeeping: %d expired idempotency key(s), %d old outbox row(s)", keys, rows)
    return HousekeepingResult(idempotency_keys_deleted=keys, outbox_rows_deleted=rows)
