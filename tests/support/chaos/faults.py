"""The faults of a chaos run: a seeded schedule, and how each kind is done to the stack.

Faults on different parts of the stack overlap freely; two on the same part (a worker, Redis,
PostgreSQL, the blob store) take turns, the later one starting when the earlier has ended.

What each kind does (and, where the shared machine forbids the real thing, what stands in):

``worker_kill9``      kill -9 of a worker's whole process group (main and pool); restarted
                      after the fault's duration, as a supervisor would.
``pool_kill9``        kill -9 of a worker's pool processes (the main process forks new ones).
``kill9_mid_ocr``     kill -9 of the OCR pool process (and its tesseract) while tesseract is
                      reading a page.
``kill9_mid_commit``  kill -9 of the ingest worker's pool processes as soon as PostgreSQL shows
                      one of them with a write transaction open (records or outbox rows
                      written, COMMIT not yet run).
``worker_sigterm``    SIGTERM (warm shutdown: running tasks finish), restarted after the
                      fault's duration.
``redis_restart``     a private redis-server killed with -9 and started again empty after the
                      duration (every queued and unacknowledged message, the chord counters and
                      the event stream lost); on the shared Redis, FLUSHDB of the run's
                      database and CLIENT KILL of its clients.
``redis_cut``         CLIENT KILL of every client connection.
``pg_restart``        every backend of the run's database terminated (what a restart sends:
                      SQLSTATE 57P01), then connections refused for the duration (the proxy
                      closes its listening socket): the shared server itself cannot restart.
``pg_terminate``      every backend terminated (57P01), new connections accepted at once.
``blob_503``          every blob store request answered 503 for the duration.
``blob_hang``         blob store requests read and not answered for the duration, then reset.
``blob_slow``         every blob store answer held back 0.5-2 s for the duration.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import asyncpg  # type: ignore[import-untyped]

from tests.support.chaos.stack import OBSERVER, ChaosStack, reap_group
from tests.support.processes import terminate
from tests.support.worker import CeleryWorker

# kind -> (what it acts on, duration range in seconds)
KINDS: dict[str, tuple[str, tuple[float, float]]] = {
    "worker_kill9": ("worker", (1.0, 4.0)),
    "pool_kill9": ("worker", (0.0, 0.0)),
    "kill9_mid_ocr": ("ocr", (0.0, 0.0)),
    "kill9_mid_commit": ("ingest", (0.0, 0.0)),
    "worker_sigterm": ("worker", (1.0, 4.0)),
    "redis_restart": ("redis", (1.0, 4.0)),
    "redis_cut": ("redis", (0.0, 0.0)),
    "pg_restart": ("postgres", (2.0, 8.0)),
    "pg_terminate": ("postgres", (0.0, 0.0)),
    "blob_503": ("blobs", (3.0, 12.0)),
    "blob_hang": ("blobs", (3.0, 10.0)),
    "blob_slow": ("blobs", (5.0, 15.0)),
}
# How long a targeted kill waits for its moment (tesseract running, a write transaction open)
# before it kills anyway and says so.
TARGET_WAIT = 30.0

_TERMINATE = (
    "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
    "WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2"
)
# A write transaction of a worker between its statements and COMMIT: records, sources and the
# outbox rows are only ever written by a unit of work about to commit.
_OPEN_WRITE = (
    "SELECT left(query, 60) FROM pg_stat_activity "
    "WHERE datname = $1 AND application_name <> $2 "
    "AND state IN ('active', 'idle in transaction') AND ("
    "query ILIKE 'INSERT INTO outbox%' OR query ILIKE 'INSERT INTO income_records%' "
    "OR query ILIKE 'INSERT INTO account_numbers%' OR query ILIKE 'INSERT INTO source_references%'"
    ") LIMIT 1"
)


@dataclass
class Fault:
    kind: str
    target: str  # ingest | ocr | redis | postgres | blobs
    at: float  # scheduled, seconds after the run started
    duration: float
    started: float | None = None  # seconds after the run started
    ended: float | None = None
    note: str = ""
    error: str | None = None  # the harness failed to inject it (not a pipeline finding)


def schedule(
    seed: int, count: int, start: float, end: float, *, spaced: bool = False
) -> list[Fault]:
    """``count`` faults in [start, end], each kind as often as the others (give or take one,
    so a short run still sees them all), in random order: at seeded random times (they
    overlap), or ``spaced`` evenly (to time each kind's recovery on its own)."""
    rng = random.Random(f"chaos-faults:{seed}")
    names = sorted(KINDS)
    rng.shuffle(names)
    kinds = [names[i % len(names)] for i in range(count)]
    rng.shuffle(kinds)
    if spaced:
        times = [start + (end - start) * i / max(1, count - 1) for i in range(count)]
    else:
        times = sorted(rng.uniform(start, end) for _ in range(count))
    faults = []
    for at, kind in zip(times, kinds, strict=True):
        target, (low, high) = KINDS[kind]
        if target == "worker":
            target = rng.choice(("ingest", "ocr"))
        faults.append(Fault(kind, target, at, round(rng.uniform(low, high), 1)))
    return faults


class Injector:
    """Runs the schedule against ``stack``: one thread per fault, one lock per target."""

    def __init__(
        self,
        stack: ChaosStack,
        faults: list[Fault],
        *,
        elapsed: Callable[[], float],
        on_start: Callable[[Fault], None],
    ) -> None:
        self.stack = stack
        self.faults = faults
        self.elapsed = elapsed
        self.on_start = on_start
        self.locks = {t: threading.Lock() for t in ("ingest", "ocr", "redis", "postgres", "blobs")}
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        for fault in self.faults:
            thread = threading.Thread(target=self._run, args=(fault,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def join(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self.threads)

    def _run(self, fault: Fault) -> None:
        time.sleep(max(0.0, fault.at - self.elapsed()))
        with self.locks[fault.target]:
            fault.started = self.elapsed()
            self.on_start(fault)
            try:
                fault.note = getattr(self, "_" + fault.kind)(fault)
            except Exception as exc:
                fault.error = f"{type(exc).__name__}: {exc}"
            fault.ended = self.elapsed()

    # --- workers ----------------------------------------------------------------------------

    def _worker(self, fault: Fault) -> CeleryWorker:
        return self.stack.workers[fault.target]

    def _worker_kill9(self, fault: Fault) -> str:
        worker = self._worker(fault)
        pid = worker.proc.pid if worker.proc else None
        worker.kill()
        reap_group(worker)
        time.sleep(fault.duration)
        self.stack.restart(worker)
        return f"worker {pid} and its pool killed, restarted after {fault.duration:g} s"

    def _pool_kill9(self, fault: Fault) -> str:
        killed = _kill_tree(self._worker(fault).children())
        return f"{killed} pool process(es) killed"

    def _kill9_mid_ocr(self, fault: Fault) -> str:
        worker = self.stack.workers["ocr"]
        deadline = time.monotonic() + TARGET_WAIT
        while time.monotonic() < deadline:
            for child in worker.children():
                if any(name == "tesseract" for _pid, name in _children(child)):
                    _kill_tree([child])
                    return f"pool process {child} killed while tesseract read a page"
            time.sleep(0.05)
        return f"no OCR ran within {TARGET_WAIT:g} s: {_kill_tree(worker.children())} killed anyway"

    def _kill9_mid_commit(self, fault: Fault) -> str:
        worker = self.stack.workers["ingest"]
        query = asyncio.run(self._wait_for_open_write())
        killed = _kill_tree(worker.children())
        if query is None:
            return f"no write transaction seen within {TARGET_WAIT:g} s: {killed} killed anyway"
        return f"{killed} pool process(es) killed with a write transaction open ({query}...)"

    async def _wait_for_open_write(self) -> str | None:
        conn = await observer_connection(self.stack.database_url)
        try:
            deadline = time.monotonic() + TARGET_WAIT
            while time.monotonic() < deadline:
                query = await conn.fetchval(_OPEN_WRITE, self.stack.database_name, OBSERVER)
                if query:
                    return str(query)
                await asyncio.sleep(0.005)
            return None
        finally:
            await conn.close()

    def _worker_sigterm(self, fault: Fault) -> str:
        worker = self._worker(fault)
        assert worker.proc is not None
        started = time.monotonic()
        warm = terminate(worker.proc, 120)
        took = time.monotonic() - started
        reap_group(worker)
        time.sleep(fault.duration)
        self.stack.restart(worker)
        how = f"warm shutdown in {took:.1f} s" if warm else "no warm shutdown in 120 s: killed"
        return f"{how}, restarted after {fault.duration:g} s"

    # --- Redis ------------------------------------------------------------------------------

    def _redis_restart(self, fault: Fault) -> str:
        return self.stack.redis.lose_everything(fault.duration)

    def _redis_cut(self, fault: Fault) -> str:
        return self.stack.redis.cut_clients()

    # --- PostgreSQL -------------------------------------------------------------------------

    def _pg_restart(self, fault: Fault) -> str:
        terminated = asyncio.run(self._terminate_backends())
        self.stack.pg_proxy.set_mode("refuse")
        try:
            time.sleep(fault.duration)
        finally:
            self.stack.pg_proxy.set_mode("pass")
        return f"{terminated} backend(s) terminated, connections refused for {fault.duration:g} s"

    def _pg_terminate(self, fault: Fault) -> str:
        return f"{asyncio.run(self._terminate_backends())} backend(s) terminated"

    async def _terminate_backends(self) -> int:
        conn = await observer_connection(self.stack.database_url)
        try:
            return int(await conn.fetchval(_TERMINATE, self.stack.database_name, OBSERVER))
        finally:
            await conn.close()

    # --- blob store -------------------------------------------------------------------------

    def _blob_window(self, fault: Fault, mode: str, delay: float = 0.0) -> str:
        self.stack.blob_proxy.set_mode(mode, delay)
        try:
            time.sleep(fault.duration)
        finally:
            reply = self.stack.blob_proxy.set_mode("pass")
        return f"{mode} for {fault.duration:g} s ({reply['counts'].get(mode, 0)} so far)"

    def _blob_503(self, fault: Fault) -> str:
        return self._blob_window(fault, "http503")

    def _blob_hang(self, fault: Fault) -> str:
        return self._blob_window(fault, "hang")

    def _blob_slow(self, fault: Fault) -> str:
        delay = round(random.Random(fault.at).uniform(0.5, 2.0), 1)
        return self._blob_window(fault, "slow", delay) + f", {delay:g} s each"


async def observer_connection(sqlalchemy_url: str) -> asyncpg.Connection:
    """A connection of the harness's own, which the PostgreSQL faults spare."""
    return await asyncpg.connect(
        sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://"),
        server_settings={"application_name": OBSERVER},
    )


def _children(pid: int) -> list[tuple[int, str]]:
    out = subprocess.run(
        ["ps", "-o", "pid=,comm=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    ).stdout
    found = []
    for line in out.splitlines():
        child, _, name = line.strip().partition(" ")
        found.append((int(child), name.strip()))
    return found


def _kill_tree(pids: list[int]) -> int:
    """kill -9 each process and its children (a pool process's tesseract); how many of
    ``pids`` were killed."""
    killed = 0
    for pid in pids:
        for child, _name in _children(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:
            pass
    return killed
