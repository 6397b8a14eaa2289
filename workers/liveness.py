"""Worker liveness for the sweeper (README "Recovery after a worker death or a broker loss").

**Heartbeats.** A worker's main process is what holds task messages: it takes them from Redis
and acknowledges them when their task ends (``acks_late``), whether they run in a pool process,
wait in its prefetch, or wait out a retry's countdown. A pool process killed alone is noticed
by the main process, which puts its message back at once (``task_reject_on_worker_lost``); a
main process that dies takes its pool with it (Celery kills pool processes when their parent
dies) and leaves its messages in Redis's ``unacked`` hash until the broker's visibility timeout,
two hours by default. So each main process runs a :class:`HeartbeatWriter` thread that writes
every ``worker_heartbeat_interval_seconds`` which messages it holds (Celery's own record of
them, ``celery.worker.state.requests``); the sweeper hands the unacknowledged messages that no
fresh heartbeat lists back to their queues (:func:`pipeline.service_layer.operations.sweep_stuck`).
A worker that stops cleanly (warm shutdown) removes its row once its tasks have finished.

**The broker probe.** :class:`RedisBrokerProbe` is how the sweeper reads the broker: the epoch
key, every queue's depth and the unacknowledged messages in one MULTI/EXEC, and how it puts a
message back (kombu's own ``restore_by_tag``, what the visibility timeout does).
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from celery import Celery, signals

from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.liveness import HeldTask, WorkerHeartbeat
from pipeline.queues import PRIORITY_STEPS, QUEUES, list_name
from pipeline.service_layer.operations import BrokerSnapshot, InFlightMessage
from workers import contracts
from workers.app import TASK_ROUTES, app

log = logging.getLogger(__name__)

# The argument naming the document or submission a task works on.
_SUBJECTS = {
    "pipeline.ingest_document": "submission_id",
    "pipeline.process_document": "document_id",
    "pipeline.ocr_page": "document_id",
    "pipeline.finish_document": "document_id",
}


def subject_of(task_name: str, args: Any, kwargs: Any) -> uuid.UUID | None:
    """The document or submission a task message is about (None for the maintenance tasks or
    a message that does not say), its positional arguments bound as the task contract orders
    them."""
    field = _SUBJECTS.get(task_name)
    if field is None:
        return None
    names = list(contracts.CONTRACTS[task_name].model_fields)
    bound: dict[str, Any] = {}
    if isinstance(args, list | tuple):
        bound.update(zip(names, args, strict=False))
    if isinstance(kwargs, dict):
        bound.update(kwargs)
    try:
        return uuid.UUID(str(bound[field]))
    except (KeyError, ValueError):
        return None


def held_tasks() -> list[HeldTask]:
    """The task messages this worker process holds: reserved, running, or waiting for an ETA
    (a retry's countdown)."""
    from celery.worker import state

    # One C-level copy under the GIL: the consumer thread changes the dict meanwhile.
    requests = list(state.requests.values())
    return [HeldTask(r.id, r.name, subject_of(r.name, r.args, r.kwargs)) for r in requests]


class HeartbeatWriter:
    """A daemon thread writing this process's :class:`WorkerHeartbeat` every ``interval``, on
    its own event loop and database engine (the process's runtime, if any, belongs to another
    loop). A write that fails is logged and tried again at the next beat; a write that hangs
    is given up after half the staleness bound."""

    def __init__(
        self,
        settings: Settings,
        *,
        hostname: str,
        held: Callable[[], list[HeldTask]] = held_tasks,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self.hostname = hostname
        self.pid = os.getpid()
        self.worker_id = f"{hostname}:{self.pid}:{secrets.token_hex(4)}"
        self.held = held
        self.clock = clock
        self.interval = settings.worker_heartbeat_interval_seconds
        self.stale_after = timedelta(seconds=settings.worker_stale_after_seconds)
        self.last: WorkerHeartbeat | None = None  # the last beat written
        self.beats = 0
        self._stop = threading.Event()
        self._first = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pipeline-heartbeat", daemon=True)

    def start(self, wait: float = 5.0) -> HeartbeatWriter:
        """Start beating; waits up to ``wait`` seconds for the first beat to be written."""
        self._thread.start()
        self._first.wait(wait)
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop beating and remove this worker's row (a clean stop holds nothing)."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        database: Database | None = None
        failing = False
        try:
            while not self._stop.is_set():
                if database is None:
                    database = Database(self.settings.sqlalchemy_url)
                try:
                    loop.run_until_complete(
                        asyncio.wait_for(self._beat(database), self.stale_after.total_seconds() / 2)
                    )
                    if failing:
                        log.warning("worker heartbeat written again (%s)", self.worker_id)
                    failing = False
                except Exception as exc:  # the database is away: beat again next time
                    if not failing:
                        log.warning(
                            "could not write the worker heartbeat (%s): %s",
                            self.worker_id,
                            type(exc).__name__,
                        )
                    failing = True
                    loop.run_until_complete(database.dispose())
                    database = None
                self._first.set()
                self._stop.wait(self.interval)
            if database is not None:
                loop.run_until_complete(
                    asyncio.wait_for(self._remove(database), self.stale_after.total_seconds())
                )
        except Exception as exc:
            log.warning("could not remove the worker heartbeat %s: %s", self.worker_id, exc)
        finally:
            if database is not None:
                loop.run_until_complete(database.dispose())
            loop.close()

    async def _beat(self, database: Database) -> None:
        now = self.clock()
        tasks = self.held()
        heartbeat = (
            WorkerHeartbeat.first(
                worker_id=self.worker_id, hostname=self.hostname, pid=self.pid, now=now
            )
            if self.last is None
            else self.last
        ).beat(now=now, tasks=tasks, stale_after=self.stale_after)
        async with SqlAlchemyUnitOfWork(database) as uow:
            await uow.heartbeats.beat(heartbeat)
            await uow.commit()
        self.last = heartbeat
        self.beats += 1

    async def _remove(self, database: Database) -> None:
        async with SqlAlchemyUnitOfWork(database) as uow:
            await uow.heartbeats.remove(self.worker_id)
            await uow.commit()


_writer: HeartbeatWriter | None = None


@signals.worker_ready.connect
def _start_heartbeat(sender: Any = None, **_: Any) -> None:
    # In the worker's main process, once it consumes (any pool: prefork, threads, solo).
    global _writer
    settings: Settings = app.conf.pipeline_settings
    hostname = getattr(sender, "hostname", None) or os.uname().nodename
    _writer = HeartbeatWriter(settings, hostname=hostname).start()
    log.info("worker heartbeat %s every %ss", _writer.worker_id, _writer.interval)


@signals.worker_shutdown.connect
def _stop_heartbeat(**_: Any) -> None:
    # After a warm shutdown has let the running tasks finish: nothing is held any more.
    global _writer
    if _writer is not None:
        _writer.stop()
        _writer = None


# --- the broker, as the sweeper reads it ---------------------------------------------------------


class RedisBrokerProbe:
    """:class:`pipeline.service_layer.operations.BrokerProbe` on Celery's Redis transport.

    kombu keeps each queue as one Redis list per priority, and a message a worker took and has
    not acknowledged in the ``unacked`` hash (the message, keyed by delivery tag) and the
    ``unacked_index`` sorted set (its delivery time)."""

    def __init__(self, app: Celery, settings: Settings) -> None:
        self.app = app
        self.epoch_key = settings.broker_epoch_key
        self.routes: Mapping[str, str] = {name: r["queue"] for name, r in TASK_ROUTES.items()}
        self._connection = app.connection_for_write()
        self._channel: Any = self._connection.default_channel
        self._client: Any = self._channel.client

    def close(self) -> None:
        self._connection.release()

    def snapshot(self) -> BrokerSnapshot:
        lists = [(queue, priority) for queue in QUEUES for priority in PRIORITY_STEPS]
        unacked, index = self._channel.unacked_key, self._channel.unacked_index_key
        with self._client.pipeline(transaction=True) as pipe:
            pipe.get(self.epoch_key)
            for queue, priority in lists:
                pipe.llen(list_name(queue, priority))
            pipe.hgetall(unacked)
            pipe.zrange(index, 0, -1, withscores=True)
            replies = pipe.execute()
        epoch, lengths, held, delivered = replies[0], replies[1:-2], replies[-2], replies[-1]
        if epoch is None:
            epoch = self._new_epoch()
        waiting: dict[str, int] = dict.fromkeys(QUEUES, 0)
        for (queue, _), length in zip(lists, lengths, strict=True):
            waiting[queue] += int(length)
        times = {_text(tag): score for tag, score in delivered}
        in_flight = [
            message
            for tag, raw in held.items()
            if (message := _in_flight(_text(tag), raw, times.get(_text(tag)))) is not None
        ]
        return BrokerSnapshot(
            epoch=_text(epoch), waiting=waiting, routes=self.routes, in_flight=tuple(in_flight)
        )

    def restore(self, message: InFlightMessage) -> bool:
        present = bool(self._client.hexists(self._channel.unacked_key, message.tag))
        # kombu's own restore (a WATCH transaction: a message acknowledged or restored meanwhile
        # is left alone), to the head of its queue as the visibility timeout would.
        self._channel.qos.restore_by_tag(message.tag, client=self._client, leftmost=False)
        return present

    def _new_epoch(self) -> bytes:
        """The broker has no epoch: it is new, or it lost its data. (Celery sends each message
        to its queue by name through the default exchange, so the queue bindings a lost
        database took with it are not needed to send again.)"""
        self._client.set(self.epoch_key, uuid.uuid4().hex, nx=True)
        epoch: bytes = self._client.get(self.epoch_key)
        return epoch


@contextmanager
def broker_probe(app: Celery, settings: Settings) -> Iterator[RedisBrokerProbe | None]:
    """A probe of the broker for one sweep; None without a broker (embedded mode)."""
    if settings.broker_url is None:
        yield None
        return
    probe = RedisBrokerProbe(app, settings)
    try:
        yield probe
    finally:
        probe.close()


def _in_flight(tag: str, raw: bytes, delivered: float | None) -> InFlightMessage | None:
    try:
        message, _exchange, routing_key = json.loads(raw)
        headers = message.get("headers") or {}
        task_id, task_name = headers.get("id"), headers.get("task")
        body = message.get("body")
        if (message.get("properties") or {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args, kwargs = json.loads(body)[:2]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # not a task message of Celery's protocol 2: not the sweeper's business
    if not isinstance(task_id, str) or not isinstance(task_name, str) or delivered is None:
        return None
    return InFlightMessage(
        tag=tag,
        task_id=task_id,
        task_name=task_name,
        queue=str(routing_key),
        subject=subject_of(task_name, args, kwargs),
        delivered_at=datetime.fromtimestamp(delivered, UTC),
    )


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
