"""OCR scaling across worker processes: one scanned document, submit to COMPLETED, with a worker
of 1 process against a worker of 2.

    uv run python benchmarks/ocr_scaling.py [--pages 20] [--rounds 1] [--dpi 200]

The setup is the e2e tests' own: a temporary PostgreSQL database migrated to head, the GCS
emulator, Redis db 9 (flushed, so nothing else may use it meanwhile) and a real
``celery -A workers worker -Q ingest,extract,ocr -c N``. Every run submits the same page images
in a PDF with distinct bytes (its title names the run), so deduplication cannot short-circuit
it. Each worker is started before its timed run and stopped after it. Runs alternate between
1 and 2 processes so that machine noise hits both alike.

Target: 2 processes take at most 0.6 x the time of 1 (pages are OCR'd one per task, tesseract
runs with OMP_THREAD_LIMIT=1, so each process should keep one core busy).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from pipeline.config import Settings
from pipeline.db import migrations
from pipeline.producer import results, submit
from pipeline.storage import GcsBlobStore
from tests.support import docs
from tests.support.gcs_emulator import GcsEmulator
from tests.support.postgres import temporary_database
from tests.support.worker import CeleryWorker, DistributedEnv, flush_redis, require_redis
from workers.app import using_settings

TARGET_RATIO = 0.6


@dataclass(frozen=True)
class Run:
    processes: int
    seconds: float
    pages: int


def page_texts(count: int) -> list[list[str]]:
    rng = random.Random(20)
    return [
        [f"Page {number} of {count}", *docs.filler_lines(rng, 24)] for number in range(1, count + 1)
    ]


def write_pdf(path: Path, images: list[Image.Image], dpi: int, title: str) -> Path:
    """The same page images as ``docs.scanned_pdf`` writes them, under a title of our choice."""
    images[0].save(
        path, format="PDF", save_all=True, append_images=images[1:], resolution=dpi, title=title
    )
    return path


def timed_run(
    env: DistributedEnv,
    settings: Settings,
    processes: int,
    pdf: Path,
    log_path: Path,
    timeout: float,
) -> Run:
    worker = CeleryWorker(env.environ(), concurrency=processes, log_path=log_path)
    worker.start()
    try:
        start = time.perf_counter()
        sub = submit(pdf, settings=settings)
        deadline = time.monotonic() + timeout
        while True:
            (state,) = results([sub.submission_id], settings)
            if state["final"]:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"-c {processes}: not finished after {timeout:g}s")
            time.sleep(0.1)
        seconds = time.perf_counter() - start
    finally:
        worker.stop()
    if state["status"] != "COMPLETED" or state.get("duplicate"):
        raise SystemExit(f"-c {processes}: {state}\n{worker.log_tail()}")
    return Run(processes, seconds, int(state["page_count"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--log-dir", type=Path, help="keep the worker logs here")
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("tesseract is not installed")
    require_redis()

    with (
        tempfile.TemporaryDirectory(prefix="ocr-scaling-") as tmp,
        temporary_database(prefix="ocr_scaling") as database_url,
    ):
        root = Path(tmp)
        migrations.upgrade(database_url)
        emulator = GcsEmulator(root / "gcs")
        emulator.start()
        os.environ["STORAGE_EMULATOR_HOST"] = emulator.host
        flush_redis()
        try:
            bucket = f"bench-{uuid.uuid4().hex[:10]}"
            GcsBlobStore(bucket).ensure_bucket()
            env = DistributedEnv(
                database_url=database_url,
                bucket=bucket,
                emulator_host=emulator.host,
                var_dir=root / "var",
                extra={},
            )
            images = docs.page_images(page_texts(args.pages), dpi=args.dpi)
            runs: list[Run] = []
            with using_settings(env.settings()) as runtime:
                for round_ in range(args.rounds):
                    for processes in (1, 2):
                        name = f"round {round_ + 1}, -c {processes}"
                        pdf = root / f"r{round_}-c{processes}.pdf"
                        write_pdf(pdf, images, args.dpi, name)
                        log = (args.log_dir or root) / f"worker-r{round_}-c{processes}.log"
                        run = timed_run(env, runtime.settings, processes, pdf, log, args.timeout)
                        print(f"  {name}: {run.seconds:.1f}s", flush=True)
                        runs.append(run)
        finally:
            flush_redis()
            emulator.stop()

    print(
        f"\n{args.pages}-page scanned PDF ({args.dpi} DPI), submit -> COMPLETED, "
        f"{os.cpu_count()} CPUs, {args.rounds} round(s)"
    )
    print(f"{'processes':>9}{'median s':>10}{'runs (s)':>22}{'pages/s':>9}")
    medians = {}
    for processes in (1, 2):
        mine = [r.seconds for r in runs if r.processes == processes]
        medians[processes] = statistics.median(mine)
        listed = ", ".join(f"{s:.1f}" for s in mine)
        rate = args.pages / medians[processes]
        print(f"{processes:>9}{medians[processes]:>10.1f}{listed:>22}{rate:>9.2f}")
    ratio = medians[2] / medians[1]
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"ratio 2/1 processes: {ratio:.2f} ({verdict} the {TARGET_RATIO} target)")


if __name__ == "__main__":
    main()
