"""Text-PDF throughput: the pipeline against its own raw steps, on the same files.

    uv run python benchmarks/text_throughput.py [--n 200] [--latency 20]
    uv run python benchmarks/text_throughput.py --n 40 --profile /tmp/worker.spy

One invocation generates N distinct text PDFs of 1-5 pages (the randomized sample generator, all
nine kinds, no scans) and runs, side by side on those files:

(a) raw steps, one process per core (2 processes, each over half of the files), run before and
    again after (b) (the ratios use the mean of the two): read the bytes,
    SHA-256, the text layer with word positions (``pipeline.text``), ``extract_document``, and one
    INSERT transaction per document (the document row and its pages) with asyncpg into a scratch
    table;
(b) the distributed pipeline: Redis (db 12), a per-run PostgreSQL database, the GCS emulator and
    one ``celery worker -c 2``, started as the end-to-end tests start them; files handed in with
    the producer API; time from the first ``submitted_at`` to the last ``processed_at`` in the
    database;
(c) embedded mode: ``pipeline ingest DIR --wait`` in a scratch workspace, timed from the
    database's timestamps too (start-up excluded), with ingest's own default of processes
    (``--embedded-jobs N`` for ``--jobs N``: 1 is the one process it was before ``--jobs``).

Then, on the idle distributed stack, ``--latency`` single 1-page documents handed in one at a
time: submitted -> COMPLETED p50/p95 from the database's timestamps.

Per-document CPU: (a) the two processes' own CPU; (b) the worker's processes (main and pool),
the producer (this process while it submits) and the emulator, but not PostgreSQL or Redis;
(c) the ``pipeline ingest`` process and the processes it starts, less a ``pipeline status`` run
(its start-up).

``--profile FILE`` runs only (b), with py-spy sampling the worker and its pool (CPU samples,
``--subprocesses``), writes the collapsed stacks to FILE and prints where the samples fall.

``--two-task`` runs (b) and (c) with ``PIPELINE_PROCESS_IN_INGEST=false``: the ingest task sends
``pipeline.process_document`` for each new document instead of processing it itself.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import multiprocessing
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg  # type: ignore[import-untyped]
import pypdf

from tests.support.gcs_emulator import GcsEmulator

if TYPE_CHECKING:
    from tests.support.worker import CeleryWorker, DistributedEnv

# Redis db 12 for this benchmark (the tests use 9); tests.support.worker reads it when imported.
REDIS_DB = "12"

FINAL = ("COMPLETED", "FAILED")
TICK = os.sysconf("SC_CLK_TCK")


# --- the files ------------------------------------------------------------------------------


def generate(out: Path, n: int, seed: int, *, kinds: tuple[str, ...] | None = None) -> list[Path]:
    """``n`` distinct text PDFs from the randomized generator (1-5 pages each), in ``out``."""
    from pipeline.samples.randomized.corpus import (
        EXTRA_KINDS,
        KINDS,
        generate_randomized_corpus,
    )

    chosen = kinds or KINDS + EXTRA_KINDS
    raw = out.with_name(out.name + "-all")
    generate_randomized_corpus(
        raw,
        seed=seed,
        count_per_kind=math.ceil(n / len(chosen)) + 2,
        scanned_share=0.0,
        kinds=chosen,
    )
    out.mkdir(parents=True)
    paths = []
    for path in sorted(raw.glob("*.pdf")):
        if kinds is not None and page_count(path) != 1:
            continue
        paths.append(Path(shutil.copy(path, out / path.name)))
        if len(paths) == n:
            break
    shutil.rmtree(raw)
    if len(paths) < n:
        raise SystemExit(f"the generator gave {len(paths)} usable files, not {n}")
    return paths


def page_count(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


# --- (a) raw steps --------------------------------------------------------------------------

RAW_TABLES = """
CREATE TABLE IF NOT EXISTS bench_raw_documents (
    id uuid PRIMARY KEY, sha256 text NOT NULL, size_bytes bigint NOT NULL,
    page_count int NOT NULL, doc_types text NOT NULL, created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS bench_raw_pages (
    document_id uuid NOT NULL REFERENCES bench_raw_documents (id), page_number int NOT NULL,
    method text NOT NULL, text text NOT NULL, words jsonb, PRIMARY KEY (document_id, page_number)
);
"""


def _raw_process(paths: list[str], dsn: str, barrier: Any, results: Any) -> None:
    """One core's share of (a): everything imported and connected before the barrier."""
    from pipeline.domain.model import FileType
    from pipeline.extraction import extract_document
    from pipeline.text import TextLimits, open_document

    limits = TextLimits(max_pages=500, max_image_pixels=150_000_000, ocr_timeout_seconds=120)

    def read(path: Path) -> tuple[bytes, str, list[Any], list[Any], int]:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        pages, ocr_pages = [], 0
        with open_document(path, FileType.PDF, limits) as doc:
            for number in range(1, doc.page_count + 1):
                page = doc.text_layer(number)
                if page is None:  # what the pipeline would OCR
                    ocr_pages += 1
                    page = doc.ocr(number)
                pages.append(page)
        return data, digest, pages, extract_document(pages), ocr_pages

    async def run() -> dict[str, float]:
        conn = await asyncpg.connect(dsn)
        barrier.wait()
        wall, cpu = time.perf_counter(), time.process_time()
        ocr_pages = 0
        for name in paths:
            data, digest, pages, found, ocr = read(Path(name))
            ocr_pages += ocr
            doc_id = uuid.uuid4()
            async with conn.transaction():
                await conn.execute(
                    "INSERT INTO bench_raw_documents (id, sha256, size_bytes, page_count, "
                    "doc_types) VALUES ($1, $2, $3, $4, $5)",
                    doc_id,
                    digest,
                    len(data),
                    len(pages),
                    ",".join(r.doc_type for r in found),
                )
                await conn.executemany(
                    "INSERT INTO bench_raw_pages (document_id, page_number, method, text, words)"
                    " VALUES ($1, $2, $3, $4, $5)",
                    [
                        (
                            doc_id,
                            p.number,
                            p.method.value,
                            p.text,
                            json.dumps(
                                [
                                    [w.text, w.left, w.top, w.width, w.height, w.line]
                                    for w in p.words
                                ]
                            ),
                        )
                        for p in pages
                    ],
                )
        out = {
            "wall": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu,
            "docs": len(paths),
            "ocr_pages": ocr_pages,
        }
        await conn.close()
        return out

    results.put(asyncio.run(run()))


def run_raw(paths: list[Path], dsn: str, processes: int = 2) -> dict[str, float]:
    async def tables() -> None:
        conn = await asyncpg.connect(dsn)
        await conn.execute(RAW_TABLES)
        await conn.close()

    asyncio.run(tables())
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    shares = [[str(p) for p in paths[i::processes]] for i in range(processes)]
    procs = [ctx.Process(target=_raw_process, args=(s, dsn, barrier, results)) for s in shares]
    for proc in procs:
        proc.start()
    barrier.wait()
    start = time.perf_counter()
    parts = [results.get(timeout=3600) for _ in procs]
    wall = time.perf_counter() - start
    for proc in procs:
        proc.join()
    return {
        "wall": wall,
        "cpu": sum(p["cpu"] for p in parts),
        "ocr_pages": sum(p["ocr_pages"] for p in parts),
    }


# --- (b) the distributed pipeline -------------------------------------------------------------


def session_cpu(sid: int) -> float:
    """CPU seconds of every live process in session ``sid`` plus the children they reaped."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # fields[0] is the state: stat's 3rd field
            total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total / TICK


def pid_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:13]) / TICK


@dataclass
class Stack:
    database_url: str
    dsn: str
    emulator: GcsEmulator
    env: DistributedEnv
    worker: CeleryWorker
    settings: Any
    log_path: Path
    profiler: subprocess.Popen[bytes] | None = field(default=None)


@contextmanager
def distributed_stack(tmp: Path, extra: dict[str, str]) -> Iterator[Stack]:
    from pipeline.bootstrap import close_runtime, get_runtime
    from tests.support.worker import CeleryWorker, scratch_stack
    from workers.app import configure

    emulator = GcsEmulator(tmp / "gcs")
    with scratch_stack(tmp, "pipeline_bench", emulator=emulator, extra=extra) as env:
        url = env.database_url
        settings = env.settings()
        close_runtime()
        configure(settings)
        get_runtime(settings)
        log_path = tmp / "worker.log"
        worker = CeleryWorker(
            env.environ(), queues="ingest,extract,ocr", concurrency=2, log_path=log_path
        )
        worker.start()
        try:
            yield Stack(url, url.replace("+asyncpg", ""), emulator, env, worker, settings, log_path)
        finally:
            worker.stop()
            close_runtime()


class Db:
    """One asyncpg connection on a loop of its own, for polling and reading timestamps."""

    def __init__(self, dsn: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.conn: asyncpg.Connection = self.loop.run_until_complete(asyncpg.connect(dsn))

    def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return list(self.loop.run_until_complete(self.conn.fetch(sql, *args)))

    def close(self) -> None:
        self.loop.run_until_complete(self.conn.close())
        self.loop.close()


def wait_final(db: Db, submission_ids: list[uuid.UUID], timeout: float, every: float) -> int:
    """Poll until every submission's document is COMPLETED or FAILED; returns the number of
    polls (each a transaction of its own in PostgreSQL's statistics)."""
    deadline = time.monotonic() + timeout
    polls = 0
    while time.monotonic() < deadline:
        polls += 1
        (row,) = db.fetch(
            "SELECT count(*) FROM submissions s JOIN documents d ON d.id = s.document_id "
            "WHERE s.id = ANY($1::uuid[]) AND d.status::text = ANY($2::text[])",
            submission_ids,
            list(FINAL),
        )
        if row[0] == len(submission_ids):
            return polls
        time.sleep(every)
    raise SystemExit(f"not all documents finished within {timeout:g}s")


def run_distributed(stack: Stack, paths: list[Path]) -> dict[str, float]:
    from pipeline.producer import submit

    sid = stack.worker.proc.pid if stack.worker.proc else 0
    db = Db(stack.dsn)
    (xacts_before,) = db.fetch(_XACTS)
    worker_cpu, emulator_cpu = session_cpu(sid), pid_cpu(_emulator_pid(stack.emulator))
    producer_cpu = time.process_time()
    start = time.perf_counter()
    ids = [submit(path, settings=stack.settings).submission_id for path in paths]
    submitted = time.perf_counter() - start
    producer_cpu = time.process_time() - producer_cpu
    polls = wait_final(db, ids, timeout=3600, every=0.25)
    observed = time.perf_counter() - start
    worker_cpu = session_cpu(sid) - worker_cpu
    emulator_cpu = pid_cpu(_emulator_pid(stack.emulator)) - emulator_cpu
    (row,) = db.fetch(
        "SELECT min(s.submitted_at), max(d.processed_at), "
        "count(*) FILTER (WHERE d.status::text = 'FAILED') "
        "FROM submissions s JOIN documents d ON d.id = s.document_id WHERE s.id = ANY($1::uuid[])",
        ids,
    )
    time.sleep(1.5)  # PostgreSQL flushes a backend's statistics about once a second
    (xacts_after,) = db.fetch(_XACTS)
    db.close()
    return {
        "wall": (row[1] - row[0]).total_seconds(),
        "observed": observed,
        "submit": submitted,
        "failed": row[2],
        "worker_cpu": worker_cpu,
        "producer_cpu": producer_cpu,
        "emulator_cpu": emulator_cpu,
        "cpu": worker_cpu + producer_cpu + emulator_cpu,
        # less this process's polls and its read of the timestamps
        "transactions": xacts_after[0] - xacts_before[0] - polls - 1,
    }


_XACTS = (
    "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
)


def _emulator_pid(emulator: GcsEmulator) -> int:
    process = emulator._process  # the benchmark's own child: its CPU is part of (b)
    assert process is not None
    return process.pid


def task_times(log_path: Path) -> dict[str, list[float]]:
    """Run times per task name from the worker's ``Task ... succeeded in Xs`` lines."""
    pattern = re.compile(r"Task (pipeline\.\w+)\[[^\]]+\] succeeded in ([0-9.]+)s")
    times: dict[str, list[float]] = {}
    for match in pattern.finditer(log_path.read_text(errors="replace")):
        times.setdefault(match.group(1), []).append(float(match.group(2)))
    return times


def run_latency(stack: Stack, paths: list[Path]) -> list[float]:
    from pipeline.producer import submit

    db = Db(stack.dsn)
    seconds = []
    for path in paths:
        submission_id = submit(path, settings=stack.settings).submission_id
        wait_final(db, [submission_id], timeout=120, every=0.02)
        (row,) = db.fetch(
            "SELECT d.processed_at - s.submitted_at FROM submissions s "
            "JOIN documents d ON d.id = s.document_id WHERE s.id = $1",
            submission_id,
        )
        seconds.append(row[0].total_seconds())
        time.sleep(0.2)  # idle between documents: nothing of the last one is still running
    db.close()
    return seconds


# --- (c) embedded mode ----------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_embedded(
    tmp: Path, files_dir: Path, n: int, extra: dict[str, str], jobs: int = 0
) -> dict[str, float]:
    workspace = tmp / "embedded"
    workspace.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PIPELINE_") and k != "STORAGE_EMULATOR_HOST"
    }
    env.update(extra)
    cli = [sys.executable, "-m", "pipeline.cli"]

    def run(*args: str) -> float:
        before = _children_cpu()
        subprocess.run([*cli, *args], cwd=workspace, env=env, check=False, capture_output=True)
        return _children_cpu() - before

    run("status")  # creates and migrates the workspace's database
    startup_cpu = run("status")
    ingest_cpu = run("ingest", str(files_dir), "--wait", "--json", "--jobs", str(jobs))
    with sqlite3.connect(workspace / "var" / "pipeline.db") as conn:
        first, last, done, failed = conn.execute(
            "SELECT min(s.submitted_at), max(d.processed_at), count(*), "
            "sum(d.status = 'FAILED') FROM submissions s JOIN documents d ON d.id = s.document_id"
        ).fetchone()
    if done != n:
        raise SystemExit(f"embedded mode finished {done} documents, not {n}")
    return {
        "wall": (_sqlite_time(last) - _sqlite_time(first)).total_seconds(),
        "cpu": ingest_cpu - startup_cpu,
        "failed": failed,
    }


def _sqlite_time(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


# --- the profile ----------------------------------------------------------------------------

# Where a sample is, by the innermost frame that names one of these (first match wins).
CATEGORIES = (
    ("database (asyncpg, SQLAlchemy)", ("asyncpg", "sqlalchemy", "/db/")),
    ("blob store (GCS client, HTTP)", ("google/", "requests/", "urllib3/", "http/client")),
    ("text layer (pipeline.text, pypdf)", ("pipeline/text/", "pypdf/")),
    ("extraction", ("pipeline/extraction/",)),
    ("broker and task machinery (Celery, kombu, Redis)", ("celery/", "kombu/", "redis/")),
    ("logging", ("logging/", "pipeline/logging.py")),
    ("pipeline (services, records)", ("pipeline/",)),
)


def summarize_profile(raw: Path, top: int = 25) -> None:
    stacks: Counter[str] = Counter()
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, samples = line.rpartition(" ")
        if stack and samples.isdigit():
            stacks[stack] += int(samples)
    total = sum(stacks.values())
    if not total:
        print("py-spy recorded no samples")
        return
    by_category: Counter[str] = Counter()
    by_leaf: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    for stack, count in stacks.items():
        frames = stack.split(";")
        by_leaf[frames[-1]] += count
        for name in {_short(f) for f in frames if "pipeline/" in f}:
            by_function[name] += count
        for frame in reversed(frames):
            hit = next((c for c, marks in CATEGORIES if any(m in frame for m in marks)), None)
            if hit:
                by_category[hit] += count
                break
        else:
            by_category["other (interpreter, stdlib)"] += count
    print(f"\nprofile: {total} CPU samples of the worker and its pool (py-spy, --subprocesses)")
    print("  by the innermost frame's package:")
    for name, count in by_category.most_common():
        print(f"    {100 * count / total:5.1f}%  {name}")
    print("  pipeline functions on the stack (inclusive):")
    for name, count in by_function.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {name}")
    print("  innermost frames (self):")
    for name, count in by_leaf.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {_short(name)}")


def _short(frame: str) -> str:
    match = re.match(r"(.*) \((?:.*/(?:site-packages|lib/python3\.\d+|main)/)?(.*)\)$", frame)
    return f"{match.group(1)} ({match.group(2)})" if match else frame


@contextmanager
def profiling(stack: Stack, out: Path) -> Iterator[None]:
    assert stack.worker.proc is not None
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    proc = subprocess.Popen(
        [
            spy,
            "record",
            "--pid",
            str(stack.worker.proc.pid),
            "--subprocesses",
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    try:
        yield
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        if proc.returncode not in (0, -signal.SIGINT) and not out.exists():
            raise SystemExit(f"py-spy failed: {err.decode(errors='replace')[-2000:]}")


# --- main -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="documents (default 200)")
    parser.add_argument("--latency", type=int, default=20, help="single documents for p50/p95")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument(
        "--embedded-jobs",
        type=int,
        default=0,
        help="(c)'s pipeline ingest --jobs (default 0: its own default, one process per 16 files "
        "up to the cores)",
    )
    parser.add_argument("--profile", type=Path, help="py-spy the worker during (b) only")
    parser.add_argument(
        "--two-task",
        action="store_true",
        help="(b) and (c) with PIPELINE_PROCESS_IN_INGEST=false (process_document per document)",
    )
    args = parser.parse_args()
    extra = {"PIPELINE_PROCESS_IN_INGEST": "false"} if args.two_task else {}
    os.environ["PIPELINE_TEST_REDIS_DB"] = REDIS_DB
    from tests.support.worker import redis_url, stack_unavailable

    if missing := stack_unavailable():
        raise SystemExit(missing)

    with tempfile.TemporaryDirectory(prefix="text-throughput-") as name:
        tmp = Path(name)
        files_dir = tmp / "docs"
        paths = generate(files_dir, args.n, args.seed)
        if len({hashlib.sha256(p.read_bytes()).digest() for p in paths}) != len(paths):
            raise SystemExit("the generated files are not all distinct")
        pages = sum(page_count(p) for p in paths)
        load = os.getloadavg()
        print(
            f"{args.n} text PDFs, {pages} pages ({Counter(page_count(p) for p in paths)}), "
            f"{os.cpu_count()} cores, load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        print(f"broker {redis_url()}" + (", two-task path (process_document)" if extra else ""))
        with distributed_stack(tmp, extra) as stack:
            if args.profile is not None:
                with profiling(stack, args.profile):
                    dist = run_distributed(stack, paths)
                print(f"(b) under py-spy: {args.n / dist['wall']:.2f} docs/s")
                _print_tasks(task_times(stack.log_path), args.n, dist)
                summarize_profile(args.profile)
                return
            # (a) on both sides of (b): load from others comes and goes within a minute on a
            # shared machine, and the ratio is taken against the mean of the two.
            raws = [run_raw(paths, stack.dsn)]
            dist = run_distributed(stack, paths)
            raws.append(run_raw(paths, stack.dsn))
            tasks = task_times(stack.log_path)
            singles = generate(
                tmp / "singles",
                args.latency,
                args.seed + 1000,
                kinds=("w2", "paystub", "form_1099", "voe"),
            )
            latency = run_latency(stack, singles) if args.latency else []
            single_tasks = {
                name: times[len(tasks.get(name, [])) :]
                for name, times in task_times(stack.log_path).items()
            }
        embedded = run_embedded(tmp, files_dir, args.n, extra, args.embedded_jobs)
        load = os.getloadavg()

    n = args.n
    raw = {key: sum(r[key] for r in raws) / len(raws) for key in ("wall", "cpu", "ocr_pages")}
    rows = [
        ("(a) raw steps, 2 processes", raw["wall"], raw["cpu"], None),
        ("(b) distributed, worker -c 2", dist["wall"], dist["cpu"], raw["wall"]),
        ("(c) embedded, pipeline ingest", embedded["wall"], embedded["cpu"], raw["wall"]),
    ]
    print(f"\n{'':<32}{'seconds':>9}{'docs/s':>9}{'CPU ms/doc':>12}{'vs (a)':>9}")
    for label, wall, cpu, base in rows:
        ratio = f"{(n / wall) / (n / base):.2f}x" if base else ""
        print(f"{label:<32}{wall:>9.2f}{n / wall:>9.2f}{1000 * cpu / n:>12.0f}{ratio:>9}")
    print(
        "(a) is the mean of its runs before and after (b): "
        + ", ".join(f"{n / r['wall']:.2f}" for r in raws)
        + " docs/s"
    )
    print(
        f"(a) pages needing OCR: {raw['ocr_pages']:.0f}; (b) failed: {dist['failed']}, "
        f"(c) failed: {embedded['failed']}"
    )
    print(
        f"(b) CPU ms/doc: worker {1000 * dist['worker_cpu'] / n:.0f}, producer "
        f"{1000 * dist['producer_cpu'] / n:.0f}, GCS emulator {1000 * dist['emulator_cpu'] / n:.0f}"
        f" (PostgreSQL and Redis not counted); submitting took {dist['submit']:.2f} s"
    )
    _print_tasks(tasks, n, dist)
    if latency:
        print(
            f"submitted -> COMPLETED, {len(latency)} single 1-page documents one at a time: "
            f"p50 {percentile(latency, 0.5):.3f} s, p95 {percentile(latency, 0.95):.3f} s, "
            f"max {max(latency):.3f} s"
        )
        in_tasks = sum(sum(v) for v in single_tasks.values()) / len(latency)
        parts = ", ".join(
            f"{name.removeprefix('pipeline.')} {1000 * sum(v) / len(v):.0f} ms"
            for name, v in sorted(single_tasks.items())
            if v
        )
        print(
            f"  mean {1000 * sum(latency) / len(latency):.0f} ms: in tasks {1000 * in_tasks:.0f} ms"
            f" ({parts}); the rest, enqueue and broker hops (processed_at is stamped before the"
            " last task returns, so this can read below zero): "
            f"{1000 * (sum(latency) / len(latency) - in_tasks):.0f} ms"
        )
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def _print_tasks(times: dict[str, list[float]], n: int, dist: dict[str, float]) -> None:
    parts = ", ".join(
        f"{name.removeprefix('pipeline.')} x{len(v)} mean {1000 * sum(v) / len(v):.0f} ms"
        for name, v in sorted(times.items())
    )
    print(f"(b) worker tasks: {parts}")
    print(
        f"(b) database transactions per document: {dist['transactions'] / n:.1f} "
        "(producer and worker; raw: 1)"
    )


if __name__ == "__main__":
    main()
