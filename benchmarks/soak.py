"""Soak (issue 13): N documents through the distributed stack at a steady backlog, sampling
every 10 s what a leak would grow: the workers' RSS and open files, PostgreSQL connections,
Redis memory; and the throughput from the first thousand documents to the last.

    uv run python benchmarks/soak.py [--n 10000] [--scans 0.015] [--hostile 0.01]
        [--repeats 0.01] [--backlog 60] [--every 10] [--seed 21] [--out DIR]

The stack is the end-to-end tests' own (``tests.support.worker.scratch_stack``): the GCS
emulator (its index of objects kept in memory only: written whole on every write, as the
emulator does by default, it makes each upload slower in proportion to the objects stored,
which halved the throughput within 2,000 documents; ``--emulator-index`` to see it), a
temporary PostgreSQL database migrated to head, Redis db 6 (flushed before and
after: nothing else may use it meanwhile), and, as docker-compose.yml runs them, one
``celery worker -Q ingest,extract,maintenance -c 2``, one ``-Q ocr -c 2`` and ``celery beat``
(the sweeper and reconciliation run throughout, at their defaults).

The stream is the chaos run's (``tests.support.chaos.corpus``) without its faults: generated
loan documents of the six kinds as text PDFs, a share of them scanned (PNG, JPEG, TIFF, PDF),
hostile files (encrypted, truncated, corrupt, empty, mislabelled) and repeats of earlier files.
All files are written before the stack starts. A producer thread submits them one by one with
``pipeline.producer.submit``, keeping at most ``--backlog`` submissions unfinished.

Written to ``--out`` (default ``benchmarks/results``): ``soak-<seed>.csv`` (one row per
sample) and ``soak-<seed>.png`` (the series against documents finished). Printed: the
throughput of each thousand, each series after warm-up (first 10%) against its last tenth and
its slope per thousand documents, and the end state: every hand-in final with the status its
file calls for. Exit status 1 when a hand-in is not final or ends otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.worker_memory import children, rss_mb, tracing_environ

if TYPE_CHECKING:
    from tests.support.chaos.corpus import HandIn
    from tests.support.worker import CeleryWorker

REDIS_DB = "6"

# ``--tracemalloc DIR``: loaded in every worker process (and its pool, by fork) through
# PYTHONPATH, this benchmark only. Each pool process dumps a snapshot of its traced memory after
# its 50th task and then every ``SOAK_TRACEMALLOC_EVERY`` tasks, each main process every minute,
# to compare the first with the last (``tracemalloc.Snapshot.load``, ``Snapshot.compare_to``).
_SITECUSTOMIZE = """
import os
import sys

if os.environ.get("SOAK_TRACEMALLOC") and "worker" in sys.argv:
    import tracemalloc

    from celery import signals

    _out = os.environ["SOAK_TRACEMALLOC"]
    _every = int(os.environ.get("SOAK_TRACEMALLOC_EVERY", "1000"))
    _done = [0]
    tracemalloc.start(int(os.environ.get("SOAK_TRACEMALLOC_FRAMES", "4")))

    @signals.task_postrun.connect
    def _dump(**_):
        _done[0] += 1
        n = _done[0]
        if n == 50 or n % _every == 0:
            snapshot = tracemalloc.take_snapshot()
            snapshot.dump(os.path.join(_out, f"{os.getpid()}-{n:06d}.snap"))

    # A worker's main process runs no task: it dumps on a clock, from when it is ready.
    @signals.worker_ready.connect
    def _main_clock(**_):
        import threading
        import time

        def run():
            start = time.monotonic()
            while True:
                time.sleep(60)
                elapsed = int(time.monotonic() - start)
                snapshot = tracemalloc.take_snapshot()
                snapshot.dump(os.path.join(_out, f"main-{os.getpid()}-{elapsed:06d}s.snap"))

        threading.Thread(target=run, daemon=True).start()
"""
WARM_UP = 0.10  # share of the run taken as warm-up

COLUMNS = (
    "elapsed_s",
    "submitted",
    "finished",
    "completed",
    "failed",
    "worker_rss_mib",
    "ocr_rss_mib",
    "worker_main_rss_mib",
    "ocr_main_rss_mib",
    "worker_fds",
    "ocr_fds",
    "pg_connections",
    "redis_used_mib",
    "events_stream_mib",
    "queued_messages",
    "load_1m",
)


# --- reading the processes and the services ----------------------------------------------


def _fds(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def _pid(worker: CeleryWorker) -> int:
    assert worker.proc is not None
    return worker.proc.pid


def worker_rss_and_fds(worker: CeleryWorker) -> tuple[float, int]:
    """The worker's main process and its pool (not tesseract, a short-lived grandchild)."""
    assert worker.proc is not None
    pids = [worker.proc.pid, *children(worker.proc.pid)]
    return sum(rss_mb(p) or 0.0 for p in pids), sum(_fds(p) for p in pids)


class Database:
    """asyncpg on a loop of its own, for the producer's and the sampler's counts."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.loop = asyncio.new_event_loop()
        self._lock = threading.Lock()
        self._conn: Any = None

    def fetchrow(self, sql: str) -> Any:
        import asyncpg  # type: ignore[import-untyped]

        async def go() -> Any:
            if self._conn is None:
                self._conn = await asyncpg.connect(self.dsn)
            return await self._conn.fetchrow(sql)

        with self._lock:
            return self.loop.run_until_complete(go())

    def fetch(self, sql: str) -> list[Any]:
        with self._lock:
            assert self._conn is not None
            return list(self.loop.run_until_complete(self._conn.fetch(sql)))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self.loop.run_until_complete(self._conn.close())
            self.loop.close()


_FINISHED = """
SELECT count(*) FILTER (WHERE s.status IN ('failed', 'rejected')
                         OR d.status IN ('COMPLETED', 'FAILED')) AS finished,
       count(*) AS submitted
FROM submissions s LEFT JOIN documents d ON d.id = s.document_id
"""
_DOCUMENTS = """
SELECT count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
       count(*) FILTER (WHERE status = 'FAILED') AS failed
FROM documents
"""
# The pipeline's own sessions, less the sampler's.
_CONNECTIONS = """
SELECT count(*) - 1 AS n FROM pg_stat_activity WHERE datname = current_database()
"""


# --- the run -----------------------------------------------------------------------------


@dataclass
class Soak:
    db: Database
    workers: dict[str, CeleryWorker]
    redis: Any
    queues: Any  # pipeline.queues.QueueInspector
    stream: str  # the events stream's key
    every: float
    out: Path
    started: float = field(default_factory=time.monotonic)
    rows: list[dict[str, float]] = field(default_factory=list)
    submitted: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def finished(self) -> int:
        row = self.db.fetchrow(_FINISHED)
        return int(row["finished"])

    def sample(self) -> dict[str, float]:
        worker_rss, worker_fds = worker_rss_and_fds(self.workers["worker"])
        ocr_rss, ocr_fds = worker_rss_and_fds(self.workers["ocr"])
        counts = self.db.fetchrow(_FINISHED)
        documents = self.db.fetchrow(_DOCUMENTS)
        connections = self.db.fetchrow(_CONNECTIONS)
        depths = self.queues.depths()
        return {
            "elapsed_s": round(time.monotonic() - self.started, 1),
            "submitted": self.submitted,
            "finished": int(counts["finished"]),
            "completed": int(documents["completed"]),
            "failed": int(documents["failed"]),
            "worker_rss_mib": round(worker_rss, 1),
            "ocr_rss_mib": round(ocr_rss, 1),
            "worker_main_rss_mib": round(rss_mb(_pid(self.workers["worker"])) or 0.0, 1),
            "ocr_main_rss_mib": round(rss_mb(_pid(self.workers["ocr"])) or 0.0, 1),
            "worker_fds": worker_fds,
            "ocr_fds": ocr_fds,
            "pg_connections": int(connections["n"]),
            "redis_used_mib": round(self.redis.info("memory")["used_memory"] / 2**20, 2),
            # (bounded by PIPELINE_EVENTS_STREAM_MAXLEN, not by time: shown apart)
            "events_stream_mib": round((self.redis.memory_usage(self.stream) or 0) / 2**20, 2),
            "queued_messages": sum(d.waiting for d in depths.values()),
            "load_1m": round(os.getloadavg()[0], 2),
        }

    def sampling(self, say: Callable[[str], None]) -> None:
        with self.out.open("w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            last_said = 0.0
            while True:
                row = self.sample()
                self.rows.append(row)
                writer.writerow(row)
                fh.flush()
                if row["elapsed_s"] - last_said >= 60:
                    last_said = row["elapsed_s"]
                    say(
                        f"{row['elapsed_s']:7.0f} s  finished {row['finished']:>6}/"
                        f"{row['submitted']:<6} worker {row['worker_rss_mib']:.0f} MiB "
                        f"ocr {row['ocr_rss_mib']:.0f} MiB  fds {row['worker_fds']}+"
                        f"{row['ocr_fds']}  pg {row['pg_connections']}  redis "
                        f"{row['redis_used_mib']:.1f} MiB  load {row['load_1m']}"
                    )
                if self.stop.wait(self.every):
                    self.rows.append(final := self.sample())
                    writer.writerow(final)
                    return

    def produce(self, hand_ins: list[HandIn], backlog: int, settings: Any) -> list[uuid.UUID]:
        from pipeline.producer import submit

        ids: list[uuid.UUID] = []
        finished = 0
        for hand_in in hand_ins:
            while self.submitted - finished >= backlog:
                time.sleep(0.2)
                finished = self.finished()
            result = submit(hand_in.path, producer="soak", settings=settings)
            ids.append(result.submission_id)
            self.submitted += 1
        return ids

    def drain(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.finished() >= self.submitted:
                return True
            time.sleep(1.0)
        return False


def say(text: str) -> None:
    print(text, flush=True)


def end_state(db: Database, hand_ins: list[HandIn], ids: list[uuid.UUID]) -> list[str]:
    """Each hand-in's end against what its file calls for."""
    rows = {
        str(r["id"]): (r["sub"], r["doc"], r["error"] or "")
        for r in db.fetch(
            "SELECT s.id, s.status AS sub, d.status AS doc, "
            "coalesce(d.error_message, s.error_message) AS error "
            "FROM submissions s LEFT JOIN documents d ON d.id = s.document_id"
        )
    }
    wrong: list[str] = []
    for hand_in, sid in zip(hand_ins, ids, strict=True):
        sub, doc, error = rows.get(str(sid), (None, None, ""))
        status = doc or ("FAILED" if sub in ("failed", "rejected") else sub)
        if status != hand_in.expect or (hand_in.reason is not None and hand_in.reason not in error):
            wrong.append(f"{hand_in.path.name}: {status} {error[:80]!r}, wanted {hand_in.expect}")
    return wrong


def throughput_by_thousand(db: Database) -> list[tuple[int, float]]:
    """Documents per second for each thousand documents, in the order they finished."""
    times = [
        r["t"].timestamp()
        for r in db.fetch(
            "SELECT coalesce(processed_at, updated_at) AS t FROM documents "
            "WHERE status IN ('COMPLETED', 'FAILED') ORDER BY 1"
        )
    ]
    first = db.fetchrow("SELECT min(submitted_at) AS t FROM submissions")["t"].timestamp()
    out: list[tuple[int, float]] = []
    start = first
    for end in range(1000, len(times) + 1, 1000):
        out.append((end, 1000 / max(times[end - 1] - start, 1e-9)))
        start = times[end - 1]
    return out


def trend(rows: list[dict[str, float]], column: str) -> tuple[float, float, float]:
    """After warm-up: the median of the first tenth, of the last tenth, and the least-squares
    slope per 1000 documents finished."""
    total = rows[-1]["finished"] or 1
    settled = [r for r in rows if r["finished"] >= WARM_UP * total]
    if len(settled) < 4:
        settled = rows
    tenth = max(1, len(settled) // 10)
    early = statistics.median(r[column] for r in settled[:tenth])
    late = statistics.median(r[column] for r in settled[-tenth:])
    xs = [r["finished"] / 1000 for r in settled]
    ys = [r[column] for r in settled]
    slope = statistics.linear_regression(xs, ys).slope if len(set(xs)) > 1 else 0.0
    return early, late, slope


def plot(rows: list[dict[str, float]], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [r["finished"] for r in rows]
    panels = [
        (
            "RSS (MiB)",
            [
                ("worker_rss_mib", "ingest/extract worker"),
                ("ocr_rss_mib", "ocr worker"),
                ("worker_main_rss_mib", "ingest/extract main process"),
                ("ocr_main_rss_mib", "ocr main process"),
            ],
        ),
        ("open files", [("worker_fds", "ingest/extract worker"), ("ocr_fds", "ocr worker")]),
        ("PostgreSQL connections", [("pg_connections", "pipeline's sessions")]),
        (
            "Redis memory (MiB)",
            [("redis_used_mib", "used_memory"), ("events_stream_mib", "of it, the events stream")],
        ),
    ]
    fig, axes = plt.subplots(len(panels) + 1, 1, figsize=(9, 12), sharex=True)
    for ax, (label, series) in zip(axes, panels, strict=False):
        for column, name in series:
            ax.plot(x, [r[column] for r in rows], label=name, linewidth=1)
        ax.set_ylabel(label)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right", fontsize=8)
    # Throughput between samples, smoothed over a minute.
    rate_x: list[float] = []
    rate_y: list[float] = []
    for before, after in zip(rows, rows[6:], strict=False):
        span = after["elapsed_s"] - before["elapsed_s"]
        if span > 0:
            rate_x.append(after["finished"])
            rate_y.append((after["finished"] - before["finished"]) / span)
    axes[-1].plot(rate_x, rate_y, linewidth=1, color="black")
    axes[-1].set_ylabel("hand-ins/s (1 min)")
    axes[-1].set_ylim(bottom=0)
    axes[-1].grid(alpha=0.3)
    axes[-1].set_xlabel("hand-ins finished")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="hand-ins")
    parser.add_argument("--scans", type=float, default=0.015, help="share of scans")
    parser.add_argument("--hostile", type=float, default=0.01, help="share of hostile files")
    parser.add_argument("--repeats", type=float, default=0.01, help="share of repeated files")
    parser.add_argument("--backlog", type=int, default=60, help="unfinished hand-ins at most")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--drain-timeout", type=float, default=1800.0)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    parser.add_argument(
        "--tracemalloc",
        type=Path,
        metavar="DIR",
        help="trace the workers' allocations; snapshots of each pool process to DIR",
    )
    parser.add_argument(
        "--emulator-index",
        action="store_true",
        help="let the GCS emulator rewrite its index of every object on each write, as it "
        "does by default (each write then slows with the objects stored: the emulator's "
        "cost, not GCS's)",
    )
    args = parser.parse_args()
    os.environ["PIPELINE_TEST_REDIS_DB"] = REDIS_DB
    from pipeline.queues import build_queue_inspector
    from tests.support.beat import CeleryBeat
    from tests.support.chaos.corpus import Stream, StreamMix
    from tests.support.gcs_emulator import GcsEmulator
    from tests.support.worker import CeleryWorker, redis_url, scratch_stack, stack_unavailable
    from workers.app import using_settings

    if missing := stack_unavailable():
        raise SystemExit(missing)
    import redis

    args.out.mkdir(parents=True, exist_ok=True)
    csv_path = args.out / f"soak-{args.seed}.csv"
    png_path = args.out / f"soak-{args.seed}.png"
    with tempfile.TemporaryDirectory(prefix="soak-") as name:
        tmp = Path(name)
        t0 = time.monotonic()
        stream = Stream(
            tmp / "files",
            seed=args.seed,
            count=args.n,
            mix=StreamMix(scans=args.scans, hostile=args.hostile, repeats=args.repeats),
        )
        hand_ins = stream.prepare()
        kinds: dict[str, int] = {}
        for h in hand_ins:
            key = "repeat" if h.repeat else h.kind
            kinds[key] = kinds.get(key, 0) + 1
        load = os.getloadavg()
        say(
            f"{len(hand_ins)} hand-ins written in {time.monotonic() - t0:.0f} s: "
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
            + f"; {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        emulator = GcsEmulator(tmp / "gcs", persist_index=args.emulator_index)
        extra: dict[str, str] = {}
        if args.tracemalloc is not None:
            extra = tracing_environ(tmp, _SITECUSTOMIZE, "SOAK_TRACEMALLOC", args.tracemalloc)
        with scratch_stack(tmp, "pipeline_soak", emulator=emulator, extra=extra) as env:
            environ = env.environ()
            workers = {
                name: CeleryWorker(
                    environ,
                    queues=queues,
                    concurrency=2,
                    log_path=tmp / f"{name}.log",
                    name=f"soak-{name}-{uuid.uuid4().hex[:6]}@%h",
                )
                for name, queues in (("worker", "ingest,extract,maintenance"), ("ocr", "ocr"))
            }
            beat = CeleryBeat(environ, workdir=tmp)
            db = Database(env.database_url)
            broker = redis.Redis.from_url(redis_url())
            try:
                for worker in workers.values():
                    worker.start()
                beat.start()
                with using_settings(env.settings()) as runtime:
                    soak = Soak(
                        db,
                        workers,
                        broker,
                        build_queue_inspector(runtime.settings),
                        runtime.settings.events_stream,
                        args.every,
                        csv_path,
                    )
                    sampler = threading.Thread(target=soak.sampling, args=(say,), daemon=True)
                    sampler.start()
                    ids = soak.produce(hand_ins, args.backlog, runtime.settings)
                    drained = soak.drain(args.drain_timeout)
                    soak.stop.set()
                    sampler.join()
                    elapsed = time.monotonic() - soak.started
                    wrong = end_state(db, hand_ins, ids)
                    by_thousand = throughput_by_thousand(db)
            finally:
                beat.stop()
                for worker in workers.values():
                    worker.stop()
                db.close()
        rows = soak.rows
        say(
            f"\n{len(ids)} hand-ins in {elapsed / 60:.1f} min ({len(ids) / elapsed:.2f}/s), "
            f"drained: {drained}; {rows[-1]['completed']} documents COMPLETED, "
            f"{rows[-1]['failed']} FAILED; hand-ins not as their file calls for: {len(wrong)}"
        )
        for line in wrong[:20]:
            say(f"  {line}")
        say("documents/s by thousand finished: " + ", ".join(f"{r:.1f}" for _, r in by_thousand))
        say(f"after warm-up ({WARM_UP:.0%}): first tenth -> last tenth (slope per 1000 finished)")
        for column in COLUMNS[5:15]:
            early, late, slope = trend(rows, column)
            say(f"  {column:<20}{early:>9.1f} -> {late:>9.1f}  ({slope:+.2f})")
        loads = [r["load_1m"] for r in rows]
        say(f"  load average (1 min) median {statistics.median(loads):.1f}, max {max(loads):.1f}")
        plot(
            rows,
            png_path,
            f"soak: {len(ids)} hand-ins ({kinds.get('scan', 0)} scans, "
            f"{sum(v for k, v in kinds.items() if k not in ('text', 'scan', 'repeat'))} hostile), "
            f"{elapsed / 60:.0f} min, {os.cpu_count()} cores",
        )
        say(f"wrote {csv_path} and {png_path}")
        if wrong or not drained:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
