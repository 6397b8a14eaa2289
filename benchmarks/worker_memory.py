"""Worker memory on a long document, on the distributed stack: RSS of every worker process
(the Celery main process and its pool) while a 500-page text PDF and a long scanned PDF go
from submit to COMPLETED, and 30 s after.

    uv run python benchmarks/worker_memory.py [--text-pages 500] [--scan-pages 100]
        [--layout split|single] [--after 30] [--tracemalloc DIR]

The stack is the end-to-end tests' own (``tests.support``): the GCS emulator, Redis db 10
(flushed before and after, so nothing else may use it meanwhile), a temporary PostgreSQL
database migrated with ``pipeline.db.migrations``, and real ``celery -A workers worker``
processes. ``--layout split`` (the default, as in compose) runs one worker ``-c 2`` on
``ingest,extract,maintenance`` and one ``-c 2`` on ``ocr``; ``single`` runs one worker ``-c 2``
on all four queues.

The documents: the packet generator's loan files (``pipeline.samples.packets``) joined into one
text PDF of ``--text-pages`` pages, and the same kind of pages each scanned on its own
(``benchmarks/packet_memory.py``) into a PDF of ``--scan-pages`` (0 skips it).

Every 0.5 s the VmRSS of each worker's main process and of its pool children is read from
/proc (tesseract, a grandchild, is reported apart and not summed). Per document it prints the
idle baseline before, each process's peak, the peak of the sum, and the RSS 30 s after
COMPLETED. ``--tracemalloc DIR`` starts tracemalloc in the workers (a ``sitecustomize`` on the
workers' PYTHONPATH, this benchmark only) and writes, after every task, the task's peak of
traced memory and the largest allocations still live, by line, to DIR.

Target: each worker process below 300 MB while the 500-page document is processed, and back
at its baseline afterwards.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdf

if TYPE_CHECKING:
    from tests.support.worker import CeleryWorker

REDIS_DB = "10"
TARGET_MB = 300.0
TARGET_MIB = TARGET_MB * 1e6 / 2**20  # 286.1
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# Loaded in every worker process (and its pool, by fork) through PYTHONPATH, only when the
# benchmark is asked for it: the pipeline's own code is not touched.
_SITECUSTOMIZE = """
import os

if os.environ.get("WORKER_MEMORY_TRACEMALLOC"):
    import itertools
    import tracemalloc

    from celery import signals

    _out = os.environ["WORKER_MEMORY_TRACEMALLOC"]
    _seq = itertools.count()
    tracemalloc.start(int(os.environ.get("WORKER_MEMORY_TRACEMALLOC_FRAMES", "1")))

    @signals.task_prerun.connect
    def _reset(**_):
        tracemalloc.reset_peak()

    @signals.task_postrun.connect
    def _dump(task=None, **_):
        current, peak = tracemalloc.get_traced_memory()
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        name = getattr(task, "name", "task")
        path = os.path.join(_out, f"{os.getpid()}-{next(_seq):05d}-{name}.txt")
        with open(path, "w") as fh:
            fh.write(f"{name} pid {os.getpid()} traced now {current / 2**20:.1f} MiB, "
                     f"peak during the task {peak / 2**20:.1f} MiB\\n")
            for stat in snapshot.statistics("lineno")[:25]:
                fh.write(f"{stat.size / 2**20:8.2f} MiB {stat.count:9d} {stat.traceback}\\n")
"""


# --- the documents --------------------------------------------------------------------------


def text_packet(pages: int, seed: int) -> bytes:
    """The packet generator's text loan files, joined and cut to exactly ``pages`` pages."""
    from pipeline.samples.packets import build_packet

    writer = pypdf.PdfWriter()
    index = 0
    while len(writer.pages) < pages:
        pdf, _ = build_packet(seed, index)
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
            if len(writer.pages) >= pages:
                break
            writer.add_page(page)
        index += 1
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned(pages: int, seed: int) -> bytes:
    from benchmarks.packet_memory import scanned_packet

    return scanned_packet(pages, seed)


def write(path: Path, data: bytes) -> tuple[Path, int]:
    path.write_bytes(data)
    return path, len(pypdf.PdfReader(path).pages)


# --- sampling RSS ---------------------------------------------------------------------------


def rss_mb(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    return int(fields[1]) * PAGE_SIZE / 2**20


def pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (the pool's forked copy of the main process)
    divided among the processes sharing them, so the sum does not count them twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: list[int] = []
        for task in tasks:
            found += [int(c) for c in (task / "children").read_text().split()]
        return found
    except OSError:
        return []


@dataclass
class Sample:
    at: float
    rss: dict[str, float]  # label -> MiB, the workers' main and pool processes
    other: dict[str, float]  # grandchildren (tesseract), not summed
    pss: float  # the workers' main and pool processes, summed

    @property
    def total(self) -> float:
        return sum(self.rss.values())


@dataclass
class Sampler:
    workers: dict[str, CeleryWorker]
    every: float = 0.5
    samples: list[Sample] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> Sample:
        rss: dict[str, float] = {}
        other: dict[str, float] = {}
        pss = 0.0
        for name, worker in self.workers.items():
            assert worker.proc is not None
            main = worker.proc.pid
            if (mb := rss_mb(main)) is not None:
                rss[f"{name} main {main}"] = mb
                pss += pss_mb(main)
            for child in children(main):
                if (mb := rss_mb(child)) is not None:
                    rss[f"{name} pool {child}"] = mb
                    pss += pss_mb(child)
                for grandchild in children(child):
                    if (mb := rss_mb(grandchild)) is not None:
                        other[f"{name} pool {child} > {grandchild}"] = mb
        return Sample(time.monotonic(), rss, other, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(self.sample())
            self._stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def between(self, start: float, end: float) -> list[Sample]:
        return [s for s in list(self.samples) if start <= s.at <= end]


# --- the stack ------------------------------------------------------------------------------


def tracing_environ(tmp: Path, sitecustomize: str, variable: str, out: Path) -> dict[str, str]:
    """The environment that loads ``sitecustomize`` in every Python process started with it
    (the workers, their pools) and names ``out``, made, in ``variable``."""
    site = tmp / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(sitecustomize)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "PYTHONPATH": os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")])]),
        variable: str(out.resolve()),
    }


@contextmanager
def stack(tmp: Path, layout: str, trace_dir: Path | None) -> Iterator[tuple[Any, dict[str, Any]]]:
    from tests.support.worker import CeleryWorker, scratch_stack
    from workers.app import using_settings

    extra: dict[str, str] = {}
    if trace_dir is not None:
        extra = tracing_environ(tmp, _SITECUSTOMIZE, "WORKER_MEMORY_TRACEMALLOC", trace_dir)
    with scratch_stack(tmp, "worker_memory", extra=extra) as env, ExitStack() as running:
        queues = (
            {"worker": "ingest,extract,maintenance", "ocr": "ocr"}
            if layout == "split"
            else {"worker": "ingest,extract,ocr,maintenance"}
        )
        workers = {}
        for name, q in queues.items():
            worker = CeleryWorker(
                env.environ(),
                queues=q,
                concurrency=2,
                log_path=tmp / f"{name}.log",
                name=f"{name}-{uuid.uuid4().hex[:6]}@%h",
            )
            worker.start()
            running.callback(worker.stop)
            workers[name] = worker
        with using_settings(env.settings()) as runtime:
            yield runtime.settings, workers


def wait_completed(settings: Any, submission_id: uuid.UUID, timeout: float) -> dict[str, Any]:
    from pipeline.producer import results

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        (state,) = results([submission_id], settings)
        if state["final"]:
            return dict(state)
        time.sleep(0.25)
    raise SystemExit(f"not finished after {timeout:g}s")


# --- one document -----------------------------------------------------------------------------


def mean_by_label(samples: list[Sample]) -> dict[str, float]:
    labels = {label for s in samples for label in s.rss}
    return {
        label: sum(s.rss[label] for s in samples if label in s.rss)
        / sum(1 for s in samples if label in s.rss)
        for label in labels
    }


def measure(
    sampler: Sampler, settings: Any, path: Path, pages: int, after: float, timeout: float
) -> None:
    from pipeline.producer import submit

    quiet = time.monotonic()
    time.sleep(3.0)  # idle samples for the baseline
    baseline = mean_by_label(sampler.between(quiet, time.monotonic()))
    load_before = os.getloadavg()
    start = time.monotonic()
    sub = submit(path, settings=settings)
    state = wait_completed(settings, sub.submission_id, timeout)
    done = time.monotonic()
    load_during = os.getloadavg()
    time.sleep(after)
    settled = mean_by_label(sampler.between(time.monotonic() - 1.6, time.monotonic()))
    busy = sampler.between(start, done)
    if state["status"] != "COMPLETED" or state.get("page_count") != pages:
        print(f"  NOT COMPLETED: {state}")
    peaks: dict[str, float] = {}
    for s in busy:
        for label, mb in s.rss.items():
            peaks[label] = max(peaks.get(label, 0.0), mb)
    others = [mb for s in busy for mb in s.other.values()]
    idle = sampler.between(quiet, start)
    last = sampler.between(time.monotonic() - 1.6, time.monotonic())
    print(
        f"\n{path.name}: {pages} pages, {path.stat().st_size / 2**20:.1f} MiB, "
        f"submit -> {state['status']} in {done - start:.1f} s ({len(busy)} samples); "
        f"doc_type {state.get('doc_type')}; load average {load_before[0]:.2f} before, "
        f"{load_during[0]:.2f} at the end"
    )
    print(f"  {'process':<28}{'baseline':>10}{'peak':>10}{f'+{after:g} s':>10}  MiB")
    for label in sorted(set(baseline) | set(peaks) | set(settled)):
        cells = [baseline.get(label), peaks.get(label), settled.get(label)]
        text = "".join(f"{c:>10.1f}" if c is not None else f"{'-':>10}" for c in cells)
        flag = "  OVER TARGET" if (peaks.get(label) or 0) > TARGET_MIB else ""
        print(f"  {label:<28}{text}{flag}")
    print(
        f"  {'sum':<28}{sum(baseline.values()):>10.1f}"
        f"{max((s.total for s in busy), default=0.0):>10.1f}{sum(settled.values()):>10.1f}"
        f"  (peak of the sum; sum of the peaks {sum(peaks.values()):.1f})"
    )
    print(
        f"  {'sum of PSS':<28}{idle[-1].pss if idle else 0.0:>10.1f}"
        f"{max((s.pss for s in busy), default=0.0):>10.1f}{last[-1].pss if last else 0.0:>10.1f}"
        "  (shared pages counted once)"
    )
    if others:
        print(f"  tesseract (pool's children, not summed): peak {max(others):.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-pages", type=int, default=500)
    parser.add_argument("--scan-pages", type=int, default=100)
    parser.add_argument("--layout", choices=("split", "single"), default="split")
    parser.add_argument("--after", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--tracemalloc", type=Path, metavar="DIR")
    parser.add_argument(
        "--text-runs", type=int, default=2, help="long text PDFs, each with new bytes"
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="skip the 5-page text and 2-page scan that load the pool's lazy imports first",
    )
    args = parser.parse_args()
    os.environ["PIPELINE_TEST_REDIS_DB"] = REDIS_DB
    from tests.support.worker import stack_unavailable

    if missing := stack_unavailable():
        raise SystemExit(missing)

    with tempfile.TemporaryDirectory(prefix="worker-memory-") as name:
        tmp = Path(name)
        documents: list[tuple[Path, int]] = []
        if args.warmup:
            documents.append(write(tmp / "warmup-text-5.pdf", text_packet(5, args.seed + 50)))
            documents.append(write(tmp / "warmup-scan-2.pdf", scanned(2, args.seed + 50)))
        for run in range(args.text_runs if args.text_pages else 0):
            pdf = text_packet(args.text_pages, args.seed + run)
            documents.append(write(tmp / f"text-{args.text_pages}-{run + 1}.pdf", pdf))
        if args.scan_pages:
            pdf = scanned(args.scan_pages, args.seed)
            documents.append(write(tmp / f"scan-{args.scan_pages}.pdf", pdf))
        load = os.getloadavg()
        print(
            f"layout {args.layout}, Redis db {REDIS_DB}, {os.cpu_count()} cores, load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; target: every process < {TARGET_MB:g} MB "
            f"({TARGET_MIB:.0f} MiB)"
        )
        with (
            stack(tmp, args.layout, args.tracemalloc) as (settings, workers),
            Sampler(workers) as sampler,
        ):
            for path, pages in documents:
                after = 5.0 if path.name.startswith("warmup") else args.after
                measure(sampler, settings, path, pages, after, args.timeout)


if __name__ == "__main__":
    main()
