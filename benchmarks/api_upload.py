"""Handing documents in over HTTP against the CLI's hand-in, on the same stack in the same run.

    uv run python benchmarks/api_upload.py [--latency 50] [--uploads 200] [--clients 20]

The stack is the end-to-end tests' own (``tests.support.worker.scratch_stack``): a temporary
PostgreSQL database migrated to head, the GCS emulator and Redis db 13 (flushed before and
after: nothing else may use it meanwhile). No worker runs: what is measured is the hand-in
(stage the bytes in the bucket, record the submission, send ``pipeline.ingest_document``), which
is the same work on both sides; processing is measured by ``text_throughput.py``.

The file is the bundled 1-page W-2 sample (``pipeline samples``). On each side:

1. Latency, one upload at a time (``--latency`` in all): over HTTP, request sent -> 202
   received (httpx, one keep-alive connection, ``pipeline api`` with one uvicorn process on
   loopback); for the CLI, one ``producer.submit`` call (what ``pipeline ingest`` does per
   file, in a process already started), and ``pipeline ingest FILE`` as a command (start-up
   included, a tenth as many runs).
2. Sustained uploads/s, ``--uploads`` in all: over HTTP from ``--clients`` concurrent clients
   (threads, each with its own connection); for the CLI, ``producer.submit`` from ``--clients``
   threads of one process, and ``pipeline ingest DIR`` over a folder of ``--uploads`` files
   (one process, one file after another, start-up included).

Both are measured in ``--rounds`` rounds that alternate which side goes first.

Client and server share the machine's cores, as ``pipeline ingest`` and its own work do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REDIS_DB = "13"
CLI = (sys.executable, "-m", "pipeline.cli")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (
        f"p50 {1000 * percentile(values, 0.5):7.1f} ms   p95 {1000 * percentile(values, 0.95):7.1f}"
        f" ms   mean {1000 * statistics.fmean(values):7.1f} ms   (n={len(values)})"
    )


def timed(call: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def concurrent(calls: list[Callable[[], object]], total: int) -> tuple[float, list[float]]:
    """Uploads per second with one thread per call in ``calls`` (a client each) doing
    ``total`` uploads between them, and each upload's latency."""
    remaining = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []

    def worker(call: Callable[[], object]) -> None:
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            call()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(len(calls)) as pool:
        for future in [pool.submit(worker, call) for call in calls]:
            future.result()
    return total / (time.perf_counter() - started), latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=int, default=50, help="single uploads for p50/p95")
    parser.add_argument("--uploads", type=int, default=200, help="uploads for the rate")
    parser.add_argument("--clients", type=int, default=20, help="concurrent HTTP clients")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds per side")
    args = parser.parse_args()
    os.environ["PIPELINE_TEST_REDIS_DB"] = REDIS_DB
    from tests.support.worker import redis_url, scratch_stack, stack_unavailable

    if missing := stack_unavailable():
        raise SystemExit(missing)

    import httpx

    from pipeline.samples import generate_samples
    from tests.support.api_server import ApiServer
    from workers.app import using_settings

    with tempfile.TemporaryDirectory(prefix="api-upload-") as name:
        tmp = Path(name)
        generate_samples(tmp / "samples", seed=7)
        sample = tmp / "samples" / "w2.pdf"
        folder = tmp / "folder"
        folder.mkdir()
        for i in range(args.uploads):
            shutil.copy(sample, folder / f"w2-{i:04d}.pdf")
        load = os.getloadavg()
        print(
            f"1-page PDF of {sample.stat().st_size:,} bytes; {os.cpu_count()} cores; load "
            f"average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; broker {redis_url()}"
        )
        with scratch_stack(tmp, "api_bench") as stack:
            env = stack.environ()
            key = subprocess.run(
                [*CLI, "apikey", "create", "--name", "bench", "--scope", "submit"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            server = ApiServer(env, tmp / "api.log").start()
            headers = {"X-API-Key": key}
            content = sample.read_bytes()
            # The clients and their connections are made before anything is timed.
            clients = [
                httpx.Client(base_url=server.url, headers=headers, timeout=120)
                for _ in range(args.clients)
            ]

            def poster(http: httpx.Client) -> Callable[[], None]:
                def post() -> None:
                    answer = http.post("/v1/documents", files={"file": ("w2.pdf", content)})
                    if answer.status_code != 202:
                        raise SystemExit(f"{answer.status_code}: {answer.text}")

                return post

            posters = [poster(http) for http in clients]

            from pipeline.producer import submit

            api_latency: list[float] = []
            submit_latency: list[float] = []
            api_each: list[float] = []
            submit_each: list[float] = []
            api_rates: list[float] = []
            submit_rates: list[float] = []
            try:
                with using_settings(stack.settings()) as rt:

                    def hand_in() -> None:
                        submit(sample, settings=rt.settings)

                    for call in posters:  # warm-up: connections, imports, pools, the GCS client
                        call()
                    timed(hand_in, 5)
                    # Rounds alternate which side goes first, so a change in the machine's load
                    # (other work on its cores) falls on both.
                    per_round = max(1, args.latency // args.rounds)
                    uploads = max(args.clients, args.uploads // args.rounds)
                    for round_ in range(args.rounds):
                        sides = [
                            (posters, api_latency, api_rates, api_each),
                            ([hand_in] * args.clients, submit_latency, submit_rates, submit_each),
                        ]
                        for calls, latency, rates, each in sides[:: 1 if round_ % 2 else -1]:
                            latency += timed(calls[0], per_round)
                            rate, times = concurrent(calls, uploads)
                            rates.append(rate)
                            each += times
            finally:
                for http in clients:
                    http.close()
                server.stop()

            def ingest(*paths: Path) -> None:
                subprocess.run(
                    [*CLI, "ingest", "--json", *map(str, paths)],
                    env=env,
                    capture_output=True,
                    check=True,
                )

            command_latency = timed(lambda: ingest(sample), max(3, args.latency // 10))
            started = time.perf_counter()
            ingest(folder)
            command_rate = len(list(folder.iterdir())) / (time.perf_counter() - started)
        load = os.getloadavg()

    print("\nupload -> answer, one at a time:")
    print(f"  HTTP POST /v1/documents -> 202        {summary(api_latency)}")
    print(f"  producer.submit (pipeline ingest's)   {summary(submit_latency)}")
    print(f"  pipeline ingest FILE (a new process)  {summary(command_latency)}")
    print(f"\nsustained, {args.rounds} rounds of {uploads} uploads (rates per round):")
    for label, rates, each in [
        (f"HTTP, {args.clients} concurrent clients", api_rates, api_each),
        (f"producer.submit, {args.clients} threads", submit_rates, submit_each),
    ]:
        print(
            f"  {label:<37}{statistics.median(rates):7.1f} uploads/s (median; "
            f"{', '.join(f'{r:.1f}' for r in rates)})   each: p50 "
            f"{1000 * percentile(each, 0.5):.0f} ms, p95 {1000 * percentile(each, 0.95):.0f} ms"
        )
    print(f"  {'pipeline ingest DIR (one process)':<37}{command_rate:7.1f} uploads/s")
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
