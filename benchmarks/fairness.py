"""Fairness between producers (issue 13 §5): where one producer's single upload lands in the
completion order when another producer's batch is queued ahead of it.

    uv run python benchmarks/fairness.py [--n 200] [--scans 0] [--b-scan] [--layout single|chaos]

Producer A hands in ``--n`` small text PDFs (the first ``--scans`` of them one-page scans
instead) with ``pipeline ingest DIR``, then producer B one text PDF (a one-page scan with
``--b-scan``) with ``pipeline ingest FILE``, each as its own process (``PIPELINE_PRODUCER=A``
and ``B``); only then do the workers start: ``--layout single`` is one ``celery worker -Q
ingest,extract,ocr -c 1``, ``--layout chaos`` the chaos run's pair (``-Q
ingest,extract,maintenance -c 2`` and ``-Q ocr -c 1``).
Printed when every document has completed: how many of A's completed before B's, the time from
the (first) worker's being ready to B's COMPLETED and to the last of A's, and the workers' CPU
per document (start-up included; less sensitive to the machine's load than the times).

The stack is the end-to-end tests' own (``tests.support.worker.scratch_stack``): a temporary
PostgreSQL database, the GCS emulator and Redis db 8 (flushed before and after: nothing else
may use it meanwhile). The script only drives the ``pipeline`` command and ``celery worker``,
so it measures older code too when run from a checkout of it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REDIS_DB = "8"
SINGLE = "b-single.pdf"


def completed(database_url: str) -> list[tuple[str, float]]:
    """(file name, processed_at as epoch seconds) of the COMPLETED documents, in order."""
    import asyncpg

    async def fetch() -> list[tuple[str, float]]:
        conn = await asyncpg.connect(database_url.replace("+asyncpg", "", 1))
        try:
            rows = await conn.fetch(
                "SELECT filename, extract(epoch FROM processed_at) AS at FROM documents "
                "WHERE status = 'COMPLETED' ORDER BY processed_at, filename"
            )
        finally:
            await conn.close()
        return [(r["filename"], float(r["at"])) for r in rows]

    return asyncio.run(fetch())


def session_cpu(sid: int) -> float:
    """CPU seconds of the live processes of session ``sid`` (a worker: main and pool) and of the
    children they reaped."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid:
                total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


def ingest(root: Path, env: dict[str, str], producer: str, path: Path) -> float:
    """``pipeline ingest PATH --json`` as ``producer``; seconds it took."""
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(path), "--json"],
        cwd=root,
        env={**env, "PIPELINE_PRODUCER": producer},
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="files in producer A's batch")
    parser.add_argument("--scans", type=int, default=0, help="of which one-page scans")
    parser.add_argument("--b-scan", action="store_true", help="B's file is a one-page scan")
    parser.add_argument("--layout", choices=("single", "chaos"), default="single")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (worker logs)")
    args = parser.parse_args()
    os.environ["PIPELINE_TEST_REDIS_DB"] = REDIS_DB
    from tests.support import docs
    from tests.support.processes import ROOT
    from tests.support.worker import CeleryWorker, scratch_stack, stack_unavailable

    if missing := stack_unavailable():
        raise SystemExit(missing)
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with tempfile.TemporaryDirectory(prefix="fairness-") as scratch:
        tmp = Path(args.keep or scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        batch = tmp / "batch"
        batch.mkdir()
        for i in range(args.n):
            lines = [f"Batch letter {i}", uuid.uuid4().hex]
            if i < args.scans:
                docs.scanned_pdf(batch / f"a-{i:04d}.pdf", [lines])
            else:
                docs.text_pdf(batch / f"a-{i:04d}.pdf", [lines])
        make = docs.scanned_pdf if args.b_scan else docs.text_pdf
        single = make(tmp / SINGLE, [["A single upload", uuid.uuid4().hex]])
        with scratch_stack(tmp, "pipeline_fairness") as stack:
            env = stack.environ()
            a_seconds = ingest(ROOT, env, "A", batch)
            b_seconds = ingest(ROOT, env, "B", single)
            print(
                f"A handed in {args.n} files ({args.scans} scans) in {a_seconds:.1f} s; "
                f"B one in {b_seconds:.1f} s"
            )
            layout = (
                [("ingest,extract,ocr", 1)]
                if args.layout == "single"
                else [("ingest,extract,maintenance", 2), ("ocr", 1)]
            )
            workers = [
                CeleryWorker(env, queues=q, concurrency=c, log_path=tmp / f"worker-{i}.log")
                for i, (q, c) in enumerate(layout)
            ]
            workers[0].start()
            started = time.time()  # the first worker takes messages from here on
            for w in workers[1:]:
                w.start()
            try:
                deadline = time.monotonic() + args.timeout
                while len(order := completed(stack.database_url)) < args.n + 1:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"only {len(order)} documents completed in time")
                    time.sleep(0.5)
                cpu = sum(session_cpu(w.proc.pid) for w in workers if w.proc is not None)
            finally:
                for w in workers:
                    w.stop()
        names = [name for name, _ in order]
        position = names.index(SINGLE)
        scans_before = sum(int(name[2:6]) < args.scans for name in names[:position])
        b_done = order[position][1] - started
        a_done = max(at for name, at in order if name != SINGLE) - started
        layout_text = " + ".join(f"-Q {q} -c {c}" for q, c in layout)
        print(
            json.dumps(
                {
                    "layout": layout_text,
                    "batch": args.n,
                    "scans": args.scans,
                    "b_scan": args.b_scan,
                    "a_documents_before_b": position,
                    "a_scans_before_b": scans_before,
                    "b_completed_after_s": round(b_done, 1),
                    "a_batch_completed_after_s": round(a_done, 1),
                    "worker_cpu_ms_per_document": round(1000 * cpu / (args.n + 1)),
                }
            )
        )
        print(
            f"B's single upload completed after {position} of A's {args.n} documents, "
            f"{b_done:.1f} s after the workers started; A's batch after {a_done:.1f} s"
        )
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
