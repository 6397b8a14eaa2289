"""Scale-out figures for the README's sizing: text documents per second with a worker of 1
process against one of 2, the size of real Celery messages in Redis, and the GCS requests one
document makes.

    uv run python benchmarks/worker_scaling.py [--n 40] [--rounds 2] [--scan-pages 3]

The stack is the end-to-end tests' own: a temporary PostgreSQL database migrated to head, the
GCS emulator, Redis db 10 (flushed before and after: nothing else may use it meanwhile) and
real ``celery -A workers worker -Q ingest,extract,ocr,maintenance -c N`` processes.

1. Messages: with no worker running, one text PDF is submitted with the producer API and
   ``process_document`` and an OCR chord (one ``ocr_page`` with its ``finish_document``
   callback) are sent as ``workers.tasks`` sends them; each message is read back from its
   queue's list (bytes, and Redis's ``MEMORY USAGE`` of the list).
2. Throughput: N distinct text PDFs of 1-5 pages (``benchmarks/text_throughput.py``'s
   generator, new files every run) submitted at once to a worker of 1, then 2, processes,
   alternating for ``--rounds``; docs/s from the first ``submitted_at`` to the last
   ``processed_at``, and the worker's CPU (main and pool) per document.
3. GCS requests: on an emulator that logs every request, single documents one at a time (three
   text PDFs, then a scanned PDF of ``--scan-pages``), each request counted by method and kind.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.gcs_emulator import GcsEmulator

REDIS_DB = "10"


class LoggingEmulator(GcsEmulator):
    """The emulator logging one line per HTTP request, read back as requests by kind."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir, quiet=False)

    def requests(self, offset: int) -> tuple[Counter[str], int]:
        """Requests logged after byte ``offset``, by kind; and the new offset."""
        with self._log_path.open("rb") as fh:
            fh.seek(offset)
            text = fh.read().decode(errors="replace")
            end = fh.tell()
        kinds: Counter[str] = Counter()
        for method, path in re.findall(r'"(GET|POST|PUT|DELETE|PATCH) (\S+) HTTP', text):
            kinds[request_kind(method, path)] += 1
        return kinds, end

    def offset(self) -> int:
        return self._log_path.stat().st_size


def request_kind(method: str, path: str) -> str:
    if path.startswith("/upload/"):
        return f"{method} upload" + (" (resumable)" if "resumable" in path else "")
    if "alt=media" in path or path.startswith("/download/"):
        return f"{method} download"
    if method == "GET":
        return "GET metadata"
    return method


@dataclass
class Stack:
    env: Any
    settings: Any
    dsn: str
    tmp: Path
    emulator: GcsEmulator


@contextmanager
def stack(tmp: Path, emulator: GcsEmulator) -> Iterator[Stack]:
    from tests.support.worker import scratch_stack
    from workers.app import using_settings

    with (
        scratch_stack(tmp, "worker_scaling", emulator=emulator) as env,
        using_settings(env.settings()) as runtime,
    ):
        yield Stack(env, runtime.settings, env.database_url.replace("+asyncpg", ""), tmp, emulator)


@contextmanager
def worker(st: Stack, processes: int, label: str) -> Iterator[Any]:
    from tests.support.worker import CeleryWorker

    w = CeleryWorker(
        st.env.environ(),
        queues="ingest,extract,ocr,maintenance",
        concurrency=processes,
        log_path=st.tmp / f"worker-{label}.log",
    )
    w.start()
    try:
        yield w
    finally:
        w.stop()


# --- 1. messages ------------------------------------------------------------------------------


def message_sizes(st: Stack, text_pdf: Path) -> None:
    import redis
    from celery import chord

    from pipeline.producer import submit
    from tests.support.worker import redis_url
    from workers.tasks import finish_document, ocr_page, process_document

    client = redis.Redis.from_url(redis_url())
    doc_id, token = str(uuid.uuid4()), str(uuid.uuid4())
    submit(text_pdf, settings=st.settings, metadata={"loan": "L-1"})
    process_document.delay(doc_id)
    result = chord([ocr_page.s(doc_id, [1], token)])(finish_document.s(doc_id, token))
    # Dropped here, not at interpreter exit, where its __del__ would reach for Redis.
    del result
    gc.collect()
    print("\n1. one message of each kind, as it sits in its queue's Redis list")
    for queue in ("ingest", "extract", "ocr"):
        for raw in client.lrange(queue, 0, -1):
            print(
                f"  {queue:<8}{len(raw):>6} bytes; MEMORY USAGE of the list "
                f"{client.memory_usage(queue)} bytes"
            )
    # Another stack (a worker) must not take these: the document ids are made up.
    client.delete("ingest", "extract", "ocr")
    client.close()


def redis_keys(label: str) -> None:
    """What the finished work left in Redis db 10, by key prefix (chord results expire after
    ``result_expires``, 24 h)."""
    import redis

    from tests.support.worker import redis_url

    client = redis.Redis.from_url(redis_url())
    count: Counter[str] = Counter()
    size: Counter[str] = Counter()
    for key in client.scan_iter(count=1000):
        prefix = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}.*", "*", key.decode(errors="replace"))
        count[prefix] += 1
        size[prefix] += client.memory_usage(key) or 0
    client.close()
    parts = ", ".join(f"{k} x{count[k]} {size[k]} B" for k in sorted(count))
    print(f"  Redis db {REDIS_DB} after {label}: {parts or 'empty'}")


# --- 2. throughput --------------------------------------------------------------------------


def session_cpu(sid: int) -> float:
    from benchmarks.text_throughput import session_cpu as cpu

    return cpu(sid)


def run_batch(st: Stack, processes: int, paths: list[Path], label: str) -> dict[str, float]:
    from benchmarks.text_throughput import Db, wait_final
    from pipeline.producer import submit

    with worker(st, processes, label) as w:
        sid = w.proc.pid
        db = Db(st.dsn)
        cpu = session_cpu(sid)
        load = os.getloadavg()[0]
        ids = [submit(p, settings=st.settings).submission_id for p in paths]
        wait_final(db, ids, timeout=1800, every=0.25)
        cpu = session_cpu(sid) - cpu
        (row,) = db.fetch(
            "SELECT min(s.submitted_at), max(d.processed_at), "
            "count(*) FILTER (WHERE d.status::text <> 'COMPLETED') "
            "FROM submissions s JOIN documents d ON d.id = s.document_id "
            "WHERE s.id = ANY($1::uuid[])",
            ids,
        )
        db.close()
    wall = (row[1] - row[0]).total_seconds()
    return {"wall": wall, "cpu": cpu, "not_completed": row[2], "load": load}


# --- 3. GCS requests ------------------------------------------------------------------------


def requests_per_document(st: Stack, emulator: LoggingEmulator, docs: list[Path]) -> None:
    from benchmarks.text_throughput import Db, wait_final
    from pipeline.producer import submit

    print("\n3. GCS requests per document (emulator log; producer and worker)")
    with worker(st, 2, "requests"):
        db = Db(st.dsn)
        for path in docs:
            time.sleep(1.0)
            offset = emulator.offset()
            sub = submit(path, settings=st.settings)
            wait_final(db, [sub.submission_id], timeout=600, every=0.1)
            time.sleep(1.0)  # the staged upload's delete follows the commit
            kinds, _ = emulator.requests(offset)
            pages = db.fetch(
                "SELECT d.page_count, count(p.*) FILTER (WHERE p.method::text = 'ocr') "
                "FROM submissions s JOIN documents d ON d.id = s.document_id "
                "LEFT JOIN document_pages p ON p.document_id = d.id WHERE s.id = $1 "
                "GROUP BY d.page_count",
                sub.submission_id,
            )
            parts = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
            print(
                f"  {path.name}: {pages[0][0]} pages ({pages[0][1]} OCR): "
                f"{sum(kinds.values())} requests: {parts}"
            )
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="text documents per timed run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--scan-pages", type=int, default=3)
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    os.environ["PIPELINE_TEST_REDIS_DB"] = REDIS_DB
    from tests.support.worker import stack_unavailable

    if missing := stack_unavailable():
        raise SystemExit(missing)
    from benchmarks.packet_memory import scanned_packet
    from benchmarks.text_throughput import generate, page_count

    with tempfile.TemporaryDirectory(prefix="worker-scaling-") as name:
        tmp = Path(name)
        runs = [(r, c) for r in range(args.rounds) for c in (1, 2)]
        batches = {
            run: generate(tmp / f"docs-{run[0]}-{run[1]}", args.n, args.seed + 100 * i)
            for i, run in enumerate(runs)
        }
        load = os.getloadavg()
        print(
            f"{os.cpu_count()} cores, Redis db {REDIS_DB}, load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        with stack(tmp, GcsEmulator(tmp / "gcs")) as st:
            message_sizes(st, batches[runs[0]][0])
            print(f"\n2. {args.n} text PDFs per run, submit all -> all COMPLETED")
            results: dict[int, list[dict[str, float]]] = {1: [], 2: []}
            for round_, processes in runs:
                paths = batches[(round_, processes)]
                res = run_batch(st, processes, paths, f"r{round_}-c{processes}")
                pages = sum(page_count(p) for p in paths)
                results[processes].append(res)
                print(
                    f"  round {round_ + 1}, -c {processes}: {res['wall']:.2f} s, "
                    f"{args.n / res['wall']:.2f} docs/s ({pages} pages), worker CPU "
                    f"{1000 * res['cpu'] / args.n:.0f} ms/doc, not completed "
                    f"{res['not_completed']:.0f}, load average at start {res['load']:.2f}"
                )
            for processes, rows in results.items():
                rate = statistics.median(args.n / r["wall"] for r in rows)
                cpu = statistics.median(1000 * r["cpu"] / args.n for r in rows)
                print(f"  -c {processes}: median {rate:.2f} docs/s, {cpu:.0f} ms worker CPU/doc")
            redis_keys("the text runs")

        emulator = LoggingEmulator(tmp / "gcs-logged")
        with stack(tmp, emulator) as st:
            docs = generate(tmp / "singles", 3, args.seed + 999)
            scan = tmp / f"scan-{args.scan_pages}.pdf"
            scan.write_bytes(scanned_packet(args.scan_pages, args.seed))
            requests_per_document(st, emulator, [*docs, scan])
            redis_keys(f"3 text PDFs and a {args.scan_pages}-page scan")
        load = os.getloadavg()
        print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
