"""One chaos run: a stream of hand-ins through the distributed stack while faults are injected
on a seeded schedule, then the oracle. ``benchmarks/chaos.py`` and ``tests/e2e/test_chaos.py``
call :func:`run_chaos`.

Threads of the harness while the stream runs: the producer (``pipeline.submit`` at a steady
rate, each hand-in retried under its idempotency key until it is in), the injector (one thread
per fault), an event consumer (a consumer group on the stream, deduplicating on ``outbox_id``
and, when it finds the stream gone, asking for ``pipeline outbox replay`` as the README tells
consumers to), a monitor (when each submission became final) and a supervisor (a worker or beat
that died without a fault is restarted, and that is reported)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any

import redis

from tests.support.chaos import oracle
from tests.support.chaos.corpus import HandIn, Stream, StreamMix
from tests.support.chaos.faults import Fault, Injector, observer_connection, schedule
from tests.support.chaos.stack import ChaosStack, chaos_stack
from tests.support.processes import ROOT, embedded_env

# Timings shortened so that recovery happens within minutes. None is what the run proves (the
# README gives the defaults and what bounds recovery there); each must keep Settings' rules:
# the visibility timeout and the stuck threshold exceed the hard time limit and the longest
# retry countdown.
SHORTENED = {
    # A message a dead worker held comes back after this (default 7200 s).
    "PIPELINE_BROKER_VISIBILITY_TIMEOUT": "75",
    # 900 / 960 s by default; a page's OCR takes 2-20 s here, depending on the load.
    "PIPELINE_TASK_SOFT_TIME_LIMIT": "60",
    "PIPELINE_TASK_TIME_LIMIT": "70",
    # Retries over ~40 s instead of ~2 min (2 s doubling to 600 s), six of them as by default.
    "PIPELINE_RETRY_BACKOFF_BASE": "1",
    "PIPELINE_RETRY_BACKOFF_MAX": "20",
    # The sweeper (3600 s, every 300 s by default) and reconciliation (hourly; staged uploads
    # sent again after 1 h, orphans deleted after 24 h).
    "PIPELINE_STUCK_AFTER_SECONDS": "75",
    "PIPELINE_SWEEP_INTERVAL_SECONDS": "5",
    "PIPELINE_RECONCILE_INTERVAL_SECONDS": "15",
    "PIPELINE_RECONCILE_STAGED_AFTER_SECONDS": "30",
    "PIPELINE_RECONCILE_ORPHAN_GRACE_SECONDS": "120",
}
# Recovery at its defaults: only reconciliation is made to run within the run (hourly by
# default) and the retry backoff the test environment shortens is put back. What bounds
# recovery then is the workers' heartbeats and the sweeper (README "Operations").
AT_DEFAULTS = {
    "PIPELINE_RETRY_BACKOFF_BASE": "2",
    "PIPELINE_RETRY_BACKOFF_MAX": "600",
    "PIPELINE_RECONCILE_INTERVAL_SECONDS": "15",
}
CONSUMER_GROUP = "chaos-oracle"
# A consumer that finds the stream emptied asks for events since the last one it applied,
# less this margin (a row waiting for a publish retry can be sent after later ones).
REPLAY_MARGIN = timedelta(minutes=2)


@dataclass
class ChaosConfig:
    seed: int = 7
    hand_ins: int = 60
    rate: float = 1.0  # hand-ins per second
    faults: int = 12
    # Faults start between these fractions of the stream's duration.
    fault_window: tuple[float, float] = (0.1, 0.8)
    spaced_faults: bool = False  # evenly apart instead of at random times (see schedule())
    mix: StreamMix = field(default_factory=StreamMix)
    redis_db: int = 5
    private_redis: bool | None = None  # None: a private redis-server when the binary exists
    ingest_concurrency: int = 2
    ocr_concurrency: int = 1
    settings: dict[str, str] = field(default_factory=lambda: dict(SHORTENED))
    drain_timeout: float = 600.0
    # The fault-free reference runs before the stack starts instead of beside it (a long run:
    # its CPU would slow the stack under test; a short one saves the wall time).
    reference_first: bool = False


@dataclass
class ChaosReport:
    config: ChaosConfig
    hand_ins: list[HandIn]
    faults: list[Fault]
    verdict: oracle.Verdict
    duration: float  # seconds from the first hand-in to the last one final
    drained_after_last_fault: float | None
    drained_after_last_hand_in: float | None
    recovery: dict[str, list[float]]  # kind -> seconds until what was in flight was final
    unexpected_exits: list[str]
    producer_retries: Counter[str]
    load: tuple[float, float, float]
    redis_kind: str
    commit: str

    @property
    def lost(self) -> int:
        return self.verdict.count("lost")

    @property
    def duplicated(self) -> int:
        return self.verdict.count("duplicated")

    @property
    def wrong(self) -> int:
        return self.verdict.count("wrong")

    @property
    def leaked(self) -> int:
        return self.verdict.count("leaked")

    def lines(self) -> list[str]:
        kinds = Counter(h.kind for h in self.hand_ins)
        files = len({h.path for h in self.hand_ins})
        injected = [f for f in self.faults if f.error is None]
        by_kind = Counter(f.kind for f in injected)
        out = [
            f"chaos run, seed {self.config.seed}, commit {self.commit}, Redis: {self.redis_kind}",
            f"documents: {len(self.hand_ins)} hand-ins of {files} files in "
            f"{self.duration:.0f} s ("
            + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
            + f"; {sum(h.repeat for h in self.hand_ins)} repeats)",
            f"faults injected: {len(injected)} ("
            + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items()))
            + ")",
            f"lost {self.lost}, duplicated {self.duplicated}, wrong {self.wrong}, "
            f"identifiers in logs {self.leaked}",
            "time to drain after the last fault: "
            + (
                f"{self.drained_after_last_fault:.1f} s (after the last hand-in: "
                f"{self.drained_after_last_hand_in:.1f} s)"
                if self.drained_after_last_fault is not None
                and self.drained_after_last_hand_in is not None
                else "did not drain"
            ),
            "recovery by fault kind (s from a fault's end until every hand-in in flight when "
            "it began or handed in while it lasted was final: median / max, n):",
        ]
        for kind in sorted(by_kind):
            values = self.recovery.get(kind, [])
            out.append(
                f"  {kind:<17} {median(values):6.1f} / {max(values):6.1f}  n={len(values)}"
                if values
                else f"  {kind:<17}      - (nothing was in flight)"
            )
        out += [f"  {note}" for note in self.verdict.notes]
        if self.producer_retries:
            out.append(
                "producer retries (hand-ins sent again under their idempotency key): "
                + ", ".join(f"{k} {n}" for k, n in self.producer_retries.most_common())
            )
        out += [f"unexpected exit: {line}" for line in self.unexpected_exits]
        out += [f"{f.category}: {f.what}" for f in self.verdict.findings[:40]]
        more = len(self.verdict.findings) - 40
        if more > 0:
            out.append(f"... and {more} more findings")
        out.append("load average at the end: " + " ".join(f"{x:.2f}" for x in self.load))
        return out


def fault_lines(faults: list[Fault]) -> list[str]:
    return [
        f"  {f.started or 0:6.1f}-{f.ended or 0:6.1f} s  {f.kind:<17} {f.target:<8} "
        + (f"HARNESS ERROR {f.error}" if f.error else f.note)
        for f in faults
    ]


# --- the threads ------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.t0 = time.monotonic()

    def __call__(self) -> float:
        return time.monotonic() - self.t0


class Producer(threading.Thread):
    """Hands the stream in at ``rate`` per second (catching up after a stall), each hand-in
    retried under its idempotency key until ``pipeline.submit`` returns."""

    def __init__(self, hand_ins: list[HandIn], rate: float, run_id: str, clock: Clock) -> None:
        super().__init__(daemon=True, name="chaos-producer")
        self.hand_ins = hand_ins
        self.rate = rate
        self.run_id = run_id
        self.clock = clock
        self.lock = threading.Lock()
        self.submitted: dict[int, uuid.UUID] = {}
        self.submitted_at: dict[uuid.UUID, float] = {}
        self.retries: Counter[str] = Counter()
        self.gave_up: list[str] = []
        self.done_at: float | None = None

    def run(self) -> None:
        from pipeline.producer import submit

        for i, hand_in in enumerate(self.hand_ins):
            time.sleep(max(0.0, i / self.rate - self.clock()))
            deadline = time.monotonic() + 600
            while True:
                try:
                    result = submit(hand_in.path, idempotency_key=f"{self.run_id}-{hand_in.number}")
                    break
                except Exception as exc:
                    self.retries[type(exc).__name__] += 1
                    if time.monotonic() > deadline:
                        self.gave_up.append(f"hand-in {hand_in.number}: {exc}")
                        result = None
                        break
                    time.sleep(1.0)
            if result is not None:
                with self.lock:
                    self.submitted[hand_in.number] = result.submission_id
                    self.submitted_at.setdefault(result.submission_id, self.clock())
        self.done_at = self.clock()

    def ids(self) -> list[uuid.UUID]:
        with self.lock:
            return list(self.submitted.values())


class Monitor(threading.Thread):
    """Polls when each submission first became final (its document COMPLETED or FAILED, or
    the submission failed), from a connection the PostgreSQL faults spare."""

    _QUERY = (
        "SELECT s.id, s.status, d.status::text FROM submissions s "
        "LEFT JOIN documents d ON d.id = s.document_id WHERE s.id = ANY($1::uuid[])"
    )

    def __init__(self, database_url: str, producer: Producer, clock: Clock) -> None:
        super().__init__(daemon=True, name="chaos-monitor")
        self.database_url = database_url
        self.producer = producer
        self.clock = clock
        self.final_at: dict[uuid.UUID, float] = {}
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def run(self) -> None:
        asyncio.run(self._watch())

    async def _watch(self) -> None:
        conn = await observer_connection(self.database_url)
        try:
            while not self.stop.is_set():
                await self.poll(conn)
                await asyncio.sleep(0.5)
        finally:
            await conn.close()

    async def poll(self, conn: Any) -> None:
        with self.lock:
            waiting = [s for s in self.producer.ids() if s not in self.final_at]
        if not waiting:
            return
        now = self.clock()
        for row in await conn.fetch(self._QUERY, waiting):
            final = row[1] in ("failed", "rejected") or row[2] in ("COMPLETED", "FAILED")
            if final:
                with self.lock:
                    self.final_at.setdefault(row[0], now)

    def in_flight(self) -> frozenset[uuid.UUID]:
        with self.lock:
            return frozenset(s for s in self.producer.ids() if s not in self.final_at)

    def all_final(self) -> bool:
        return self.producer.done_at is not None and not self.in_flight()


class EventConsumer(threading.Thread):
    """A consuming system: reads the stream with a consumer group, applies each ``outbox_id``
    once, and when the stream is gone recreates the group and asks for a replay since the last
    event it applied, less a margin. Redis says the stream is gone with NOGROUP (the key or
    the group does not exist) or, to a read blocked on it when it is deleted, UNBLOCKED."""

    def __init__(self, redis_url: str, stream: str, replay: Callable[[datetime], str]) -> None:
        super().__init__(daemon=True, name="chaos-consumer")
        self.redis_url = redis_url
        self.stream = stream
        self.replay = replay
        self.applied: dict[int, dict[str, str]] = {}
        self.deliveries = 0
        self.replays: list[str] = []
        self.last_occurred: datetime | None = None
        self.stop = threading.Event()
        self.errors: list[str] = []  # anything else it met (reported; it reads on)
        self._replay_due: datetime | None = None
        self._grouped = False

    def run(self) -> None:
        client = redis.Redis.from_url(self.redis_url, decode_responses=True, socket_timeout=10)
        while not self.stop.is_set():
            try:
                if not self._grouped:
                    with contextlib.suppress(redis.ResponseError):  # BUSYGROUP: it exists
                        client.xgroup_create(self.stream, CONSUMER_GROUP, id="0", mkstream=True)
                    self._grouped = True
                if self._replay_due is not None:
                    self.replays.append(self.replay(self._replay_due))
                    self._replay_due = None
                self._read(client)
            except redis.ResponseError as exc:
                if not str(exc).startswith(("NOGROUP", "UNBLOCKED")):
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    time.sleep(1.0)
                    continue
                self._grouped = False
                start = (self.last_occurred or datetime.now(UTC)) - REPLAY_MARGIN
                self._replay_due = start
            except (redis.ConnectionError, redis.TimeoutError, subprocess.SubprocessError):
                time.sleep(0.5)
            except RuntimeError as exc:  # the replay command failed (PostgreSQL down): again
                self.replays.append(f"failed: {exc}")
                time.sleep(1.0)
            except Exception as exc:  # a consumer that dies would stall the run's drain
                self.errors.append(f"{type(exc).__name__}: {exc}")
                time.sleep(1.0)
        client.close()

    def _read(self, client: redis.Redis) -> None:
        answer: list[tuple[str, list[tuple[str, dict[str, str]]]]] = client.xreadgroup(
            CONSUMER_GROUP, "oracle", {self.stream: ">"}, count=500, block=1000
        )  # type: ignore[assignment]
        for _stream, entries in answer or []:
            for entry_id, event in entries:
                self.deliveries += 1
                outbox_id = int(event["outbox_id"])
                if outbox_id not in self.applied:
                    self.applied[outbox_id] = event
                    occurred = datetime.fromisoformat(event["occurred_at"])
                    if self.last_occurred is None or occurred > self.last_occurred:
                        self.last_occurred = occurred
                client.xack(self.stream, CONSUMER_GROUP, entry_id)

    def result(self) -> oracle.ConsumedEvents:
        return oracle.ConsumedEvents(dict(self.applied), self.deliveries, list(self.replays))


class Supervisor(threading.Thread):
    """Restarts a worker or beat that exited while no fault was acting on it, and records it
    (a process dying on its own under faults is a finding)."""

    def __init__(self, stack: ChaosStack, injector: Injector, clock: Clock) -> None:
        super().__init__(daemon=True, name="chaos-supervisor")
        self.stack = stack
        self.injector = injector
        self.clock = clock
        self.exits: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(2.0):
            if self.stack.stopping.is_set():
                return  # (the run stops beat and the workers: those are no exits)
            for name, worker in self.stack.workers.items():
                lock = self.injector.locks[name]
                if not lock.acquire(blocking=False):
                    continue
                try:
                    if worker.proc is not None and worker.proc.poll() is not None:
                        self.exits.append(
                            f"{self.clock():.0f} s: worker {name} exited with "
                            f"{worker.proc.returncode}"
                        )
                        self.stack.restart(worker)
                finally:
                    lock.release()
            beat = self.stack.beat
            if beat is not None and beat.proc is not None and beat.proc.poll() is not None:
                self.exits.append(f"{self.clock():.0f} s: beat exited with {beat.proc.returncode}")
                self.stack.restart(beat)


# --- the run ------------------------------------------------------------------------------------


def run_chaos(
    config: ChaosConfig, workdir: Path, *, say: Callable[[str], None] = print
) -> ChaosReport:
    from workers.app import using_settings

    workdir.mkdir(parents=True, exist_ok=True)
    stream = Stream(workdir / "files", seed=config.seed, count=config.hand_ins, mix=config.mix)
    hand_ins = stream.prepare()
    say(f"{len(hand_ins)} hand-ins written; the fault-free reference runs meanwhile")
    reference = Reference(workdir / "reference", stream.folder)
    reference.start()
    if config.reference_first:
        reference.wait()
        say("fault-free reference done")
    duration = config.hand_ins / config.rate
    faults = schedule(
        config.seed,
        config.faults,
        duration * config.fault_window[0],
        duration * config.fault_window[1],
        spaced=config.spaced_faults,
    )
    with chaos_stack(
        workdir,
        redis_db=config.redis_db,
        settings=config.settings,
        private_redis=config.private_redis,
    ) as stack:
        stack.start_processes(
            ingest_concurrency=config.ingest_concurrency, ocr_concurrency=config.ocr_concurrency
        )
        say(
            f"stack up ({stack.redis.kind}); streaming for {duration:.0f} s with "
            f"{len(faults)} faults"
        )
        proxied = stack.proxied.settings()
        # The producer reaches the blob store through the proxy, as the workers do.
        os.environ["STORAGE_EMULATOR_HOST"] = stack.proxied.emulator_host
        with using_settings(proxied):
            clock = Clock()
            producer = Producer(hand_ins, config.rate, uuid.uuid4().hex[:8], clock)
            monitor = Monitor(stack.database_url, producer, clock)
            in_flight_at: dict[int, frozenset[uuid.UUID]] = {}

            def on_start(fault: Fault) -> None:
                in_flight_at[id(fault)] = monitor.in_flight()

            injector = Injector(stack, faults, elapsed=clock, on_start=on_start)
            consumer = EventConsumer(
                proxied.broker_url or "",
                proxied.events_stream,
                lambda since: replay_events(stack, since),
            )
            supervisor = Supervisor(stack, injector, clock)
            for thread in (monitor, consumer, producer, supervisor):
                thread.start()
            injector.start()
            producer.join()
            injector.join(timeout=600)
            last_fault_end = max((f.ended or 0.0 for f in faults), default=0.0)
            say(
                f"stream handed in at {producer.done_at:.0f} s, last fault ended at "
                f"{last_fault_end:.0f} s; draining"
            )
            drained = wait_drained(stack, monitor, consumer, config.drain_timeout)
            drained_at = max(monitor.final_at.values(), default=clock())
            supervisor.stop.set()
            supervisor.join()
            monitor.stop.set()
            consumer.stop.set()
            monitor.join()
            consumer.join(15)
        stack.stop_processes()
        say("drained" if drained else "NOT drained: checking what is left")
        say("checking")
        verdict = judge(stack, hand_ins, producer, consumer.result(), reference, stream.identifiers)
    recovery = recovery_times(faults, in_flight_at, producer, monitor)
    first = min(producer.submitted_at.values(), default=0.0)
    return ChaosReport(
        config=config,
        hand_ins=hand_ins,
        faults=faults,
        verdict=verdict,
        duration=drained_at - first,
        drained_after_last_fault=(drained_at - last_fault_end) if drained else None,
        drained_after_last_hand_in=(
            drained_at - max(producer.submitted_at.values(), default=0.0) if drained else None
        ),
        recovery=recovery,
        unexpected_exits=supervisor.exits + [f"event consumer: {e}" for e in consumer.errors],
        producer_retries=producer.retries,
        load=os.getloadavg(),
        redis_kind=stack.redis.kind,
        commit=_commit(),
    )


def recovery_times(
    faults: list[Fault],
    in_flight_at: dict[int, frozenset[uuid.UUID]],
    producer: Producer,
    monitor: Monitor,
) -> dict[str, list[float]]:
    """Per fault kind, the seconds from each fault's end until every hand-in it could touch
    (in flight when it started, or handed in while it lasted) was final."""
    out: dict[str, list[float]] = {}
    for fault in faults:
        if fault.error is not None or fault.started is None or fault.ended is None:
            continue
        touched = set(in_flight_at.get(id(fault), frozenset()))
        touched |= {
            s for s, at in producer.submitted_at.items() if fault.started <= at <= fault.ended
        }
        done = [monitor.final_at.get(s) for s in touched]
        if touched and all(t is not None for t in done):
            finished = max(t for t in done if t is not None)
            out.setdefault(fault.kind, []).append(max(0.0, finished - fault.ended))
    return out


def wait_drained(
    stack: ChaosStack, monitor: Monitor, consumer: EventConsumer, timeout: float
) -> bool:
    """Until every submission is final, every outbox row published and the consumer has them
    all; False at the timeout."""
    deadline = time.monotonic() + timeout

    async def caught_up() -> bool:
        conn = await observer_connection(stack.database_url)
        try:
            pending = await conn.fetchval("SELECT count(*) FROM outbox WHERE processed_at IS NULL")
            ids = {int(r[0]) for r in await conn.fetch("SELECT id FROM outbox")}
        finally:
            await conn.close()
        return pending == 0 and ids <= set(consumer.applied)

    while time.monotonic() < deadline and consumer.is_alive():
        if monitor.all_final() and asyncio.run(caught_up()):
            return True
        time.sleep(1.0)
    return False


def replay_events(stack: ChaosStack, since: datetime) -> str:
    """``pipeline outbox replay --since T``, as an operator would run it for a consumer."""
    moment = since.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "outbox", "replay", "--since", moment],
        cwd=ROOT,
        env=stack.direct.environ(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed")
    return f"since {moment}: {proc.stdout.strip()}"


def judge(
    stack: ChaosStack,
    hand_ins: list[HandIn],
    producer: Producer,
    consumed: oracle.ConsumedEvents,
    reference: Reference,
    identifiers: set[str],
) -> oracle.Verdict:
    """The oracle, run in this process on the stack's direct settings (no proxies)."""
    from pipeline.service_layer import views
    from pipeline.service_layer.reconcile import reconcile
    from pipeline.storage import document_key
    from workers.app import using_settings

    verdict = oracle.Verdict()
    for line in producer.gave_up:
        verdict.add("lost", f"the producer gave up: {line}")
    reference_docs, reference_counts = reference.result()

    async def rows() -> tuple[Any, ...]:
        conn = await observer_connection(stack.database_url)
        try:
            submissions = await conn.fetch("SELECT * FROM submissions")
            outbox = await conn.fetch(
                "SELECT id, event_type, aggregate_type, aggregate_id, processed_at FROM outbox"
            )
            counts = await oracle.postgres_counts(conn)
            borrowers = await conn.fetch(
                "SELECT normalized_name, ssn_hash, address, employer FROM borrowers"
            )
        finally:
            await conn.close()
        return submissions, outbox, counts, borrowers

    submissions, outbox, counts, borrowers = asyncio.run(rows())
    # Everything is final, so nothing young is in flight: a grace of one second lets the
    # final reconciliation delete what the run left (staged uploads of finished submissions).
    final = dataclasses.replace(
        stack.direct,
        extra=stack.direct.extra | {"PIPELINE_RECONCILE_ORPHAN_GRACE_SECONDS": "1"},
    )
    os.environ["STORAGE_EMULATOR_HOST"] = stack.direct.emulator_host
    with using_settings(final.settings()) as rt:
        exported = rt.run(views.export_documents(rt.deps))
        stale: list[Any] = []
        reports = [
            rt.run(reconcile(rt.deps, deep=True, enqueue_ingest=stale.append)).as_dict()
            for _ in range(2)
        ]
        keys = [info.key for prefix in ("documents/", "staging/") for info in rt.blobs.list(prefix)]
    if stale:
        verdict.add("lost", f"{len(stale)} submission(s) still waiting for ingest")
    submission_rows = {r["id"]: dict(r) for r in submissions}
    oracle.check_submissions(verdict, len(hand_ins), submissions)
    oracle.check_documents(
        verdict, hand_ins, producer.submitted, submission_rows, exported, reference_docs
    )
    oracle.check_counts(verdict, counts, reference_counts)
    oracle.check_borrowers(verdict, [dict(r) for r in borrowers], reference_counts["borrowers"])
    oracle.check_events(
        verdict, [dict(r) for r in outbox], {d["id"]: d["status"] for d in exported}, consumed
    )
    oracle.check_bucket(verdict, keys, {document_key(d["file_hash"]) for d in exported}, reports)
    oracle.check_logs(verdict, [*stack.log_files(), *reference.log_files()], identifiers)
    return verdict


def cli(env: dict[str, str], *args: str, cwd: Path = ROOT, ok: tuple[int, ...] = (0,)) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode not in ok:
        raise RuntimeError(f"pipeline {' '.join(args)}: exit {proc.returncode}: {proc.stderr}")
    return proc.stdout


class Reference:
    """The fault-free run: ``pipeline ingest FOLDER --wait`` on the embedded defaults (SQLite,
    local blobs, in-process tasks) in a scratch folder, then its export."""

    def __init__(self, cwd: Path, files: Path) -> None:
        self.cwd = cwd
        self.files = files
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.cwd.mkdir(parents=True, exist_ok=True)
        with (self.cwd / "ingest.log").open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "pipeline.cli", "ingest", str(self.files), "--wait"],
                cwd=self.cwd,
                env=embedded_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def result(self) -> tuple[list[dict[str, Any]], dict[str, int]]:
        from pipeline.config import Settings
        from pipeline.service_layer import views
        from workers.app import using_settings

        self.wait()
        var = self.cwd / "var"
        embedded = Settings(var_dir=var, database_url=None, broker_url=None, gcs_bucket=None)
        with using_settings(embedded) as rt:
            docs = rt.run(views.export_documents(rt.deps))
        return docs, oracle.sqlite_counts(var / "pipeline.db")

    def wait(self) -> None:
        assert self.proc is not None
        if self.proc.wait(7200) not in (0, 1):  # 1: some files FAILED, as the hostile ones do
            raise RuntimeError(f"the reference run failed: {self.log_files()[0].read_text()}")

    def log_files(self) -> list[Path]:
        return [self.cwd / "ingest.log"]


def _commit() -> str:
    out = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() or "unknown"
