"""Fuzz everything that takes untrusted bytes: file-type detection, the PDF text layer, OCR's
page images, page rendering and image decoding (issue 13, part 2).

    uv run python benchmarks/fuzz.py run [--minutes 65] [--jobs pdf,image,ocr,render,detect]
    uv run python benchmarks/fuzz.py replay [FILE ...]        # default: every finding
    uv run python benchmarks/fuzz.py minimize FILE --target pages-quick [--out tests/fuzz/...]

``run`` builds the seeds (``tests/fuzz/seeds.py``: the real corpora read in place, ``pipeline
samples`` output, the suite's hostile files, and one-page or re-encoded files derived from the
real ones) under ``var/fuzz`` and gives each job a share of the time, one job at a time under
``nice -n 10``. A job is atheris (libFuzzer) in a child process (``tests/fuzz/run.py``) with
an address-space and a CPU limit (``setrlimit``), libFuzzer's wall-clock ``-timeout`` per input
and ``-rss_limit_mb``; when a hang, memory past the bound or a signal in C code ends the child,
libFuzzer has written the input (``var/fuzz/JOB/artifacts``), and the child is started again on
the corpus it built until the job's time is spent. Python exceptions do not end it: each distinct
one is kept with its smallest input in ``var/fuzz/JOB/findings``. At the end: executions,
coverage, corpus and findings per job (also ``var/fuzz/summary.json``).

``replay`` runs inputs again, each in a forked child within the same bounds and with the real
tesseract, and says which still break the contract. ``minimize`` shrinks an input while it
still breaks the contract the same way (same exception signature, or the same kind: timeout,
memory, signal), or, once the bug is fixed, while its outcome still contains ``--keep`` text:
objects, then lines, then bytes.

Jobs (target, mutator, seeds; ``tests/fuzz/run.py``, ``tests/fuzz/mutators.py``):

- ``pdf``: the processing task's reading (detection, ``open_document``, every page's text
  layer, OCR of up to two pages without one, minus OCR's second looks), PDF-aware mutations;
- ``image``: the same chain on PNG/JPEG/TIFF, format-aware mutations;
- ``ocr``: the same with all of OCR's second looks, both mutators;
- ``render``: the API's page images (``render_page_png``), both mutators;
- ``detect``: ``check_upload`` on the first bytes, libFuzzer's byte mutations.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzz import sandbox, seeds  # noqa: E402

WORK = REPO / "var" / "fuzz"
# Share of the time per job.
WEIGHTS = {"pdf": 0.38, "image": 0.24, "render": 0.18, "ocr": 0.14, "detect": 0.06}
JOB_TARGET = {
    "pdf": "pages-quick",
    "image": "pages-quick",
    "ocr": "pages",
    "render": "render",
    "detect": "detect",
}
# libFuzzer's own bounds per input (its -timeout is wall-clock, checked by an alarm); the
# process's address space is capped below what the machine has, above what the libraries map.
# Instrumented code on a loaded machine runs 3-15 times slower than the pipeline's: an input
# past this timeout is a candidate, and ``replay`` (uninstrumented, within the sandbox's 30 s)
# decides whether it hangs.
TIMEOUT_SECONDS = 120
RSS_LIMIT_MB = 2048
ADDRESS_SPACE = sandbox.MEMORY_BYTES + (1 << 30)
MAX_LEN = {"pdf": 400_000, "image": 300_000, "ocr": 300_000, "render": 300_000, "detect": 4096}


@dataclass
class JobReport:
    job: str
    seconds: float = 0.0
    executions: int = 0
    starts: int = 0
    coverage: int = 0
    features: int = 0
    corpus: int = 0
    findings: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)


def run_job(job: str, seconds: float, seed_dirs: list[Path]) -> JobReport:
    work = WORK / job
    corpus = work / "corpus"
    artifacts = work / "artifacts"
    for folder in (corpus, artifacts, work / "logs"):
        folder.mkdir(parents=True, exist_ok=True)
    report = JobReport(job)
    started = time.monotonic()
    while (left := seconds - (time.monotonic() - started)) > 20:
        report.starts += 1
        log = work / "logs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{report.starts}.log"
        command = [
            "nice",
            "-n",
            "10",
            sys.executable,
            "-m",
            "tests.fuzz.run",
            job,
            str(work),
            f"-max_total_time={int(left)}",
            f"-timeout={TIMEOUT_SECONDS}",
            f"-rss_limit_mb={RSS_LIMIT_MB}",
            f"-max_len={MAX_LEN[job]}",
            f"-artifact_prefix={artifacts}/",
            "-print_final_stats=1",
            "-report_slow_units=30",
            # Slow inputs (a real 17-page statement) are picked less often than quick ones.
            "-entropic_scale_per_exec_time=1",
            str(corpus),
            *(str(d) for d in seed_dirs),
        ]
        before = set(artifacts.iterdir())
        with log.open("w") as out:
            child = subprocess.Popen(
                command,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=_limits(left),
                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            )
            code = child.wait()
        text = log.read_text(errors="replace")
        report.executions += _executions(text, work / "execs" / str(child.pid))
        coverage = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)/", text)
        if coverage:
            report.coverage, report.features, report.corpus = map(int, coverage[-1])
        new = sorted(set(artifacts.iterdir()) - before)
        report.artifacts += [p.name for p in new]
        reason = re.findall(r"ERROR: libFuzzer: ([^\n]+)", text)
        print(
            f"  {job} run {report.starts}: exit {code}, "
            f"{reason[-1] if reason else 'time spent'}, {report.executions} executions so far",
            flush=True,
        )
        if code != 0 and not new and not reason:
            print(f"  {job}: the fuzzer failed to start, see {log}", flush=True)
            break
    report.seconds = time.monotonic() - started
    findings = work / "findings"
    report.findings = sorted(
        json.loads(p.read_text())["signature"] for p in findings.glob("*.json")
    )
    return report


def _limits(seconds: float):  # type: ignore[no-untyped-def]
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        cpu = int(seconds) + 120
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 10))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _executions(log: str, counter: Path) -> int:
    final = re.findall(r"stat::number_of_executed_units: (\d+)", log)
    if final:
        return int(final[-1])
    # Ended by a hang or a signal: the last count the process wrote, or libFuzzer's last line.
    if counter.exists():
        return int(counter.read_text() or 0)
    lines = re.findall(r"^#(\d+)\s", log, flags=re.M)
    return int(lines[-1]) if lines else 0


def command_run(args: argparse.Namespace) -> None:
    jobs = args.jobs.split(",")
    seed_dirs = seeds.build(WORK / "seeds")
    total = args.minutes * 60
    weight = sum(WEIGHTS[j] for j in jobs)
    reports = []
    for job in jobs:
        seconds = total * WEIGHTS[job] / weight
        print(f"{job}: {seconds / 60:.1f} min, load average {os.getloadavg()[0]:.2f}", flush=True)
        reports.append(run_job(job, seconds, seed_dirs[job]))
    summary = {
        "load_average_at_end": os.getloadavg(),
        "jobs": [asdict(r) for r in reports],
    }
    previous = WORK / "summary.json"
    history = json.loads(previous.read_text()) if previous.exists() else []
    history.append({"at": time.strftime("%Y-%m-%d %H:%M:%S"), **summary})
    previous.write_text(json.dumps(history, indent=1))
    print(f"\n{'job':8} {'minutes':>7} {'executions':>10} {'exec/s':>7} {'cov':>6} {'corpus':>6}")
    for r in reports:
        rate = r.executions / max(r.seconds, 1)
        print(
            f"{r.job:8} {r.seconds / 60:7.1f} {r.executions:10} {rate:7.1f} "
            f"{r.coverage:6} {r.corpus:6}"
        )
        for finding in r.findings:
            print(f"    finding: {finding}")
        for artifact in r.artifacts:
            print(f"    artifact: {artifact}")


def command_replay(args: argparse.Namespace) -> None:
    files = [Path(f) for f in args.files] or sorted(WORK.glob("*/findings/*.bin")) + sorted(
        p for p in WORK.glob("*/artifacts/*") if p.is_file()
    )
    broken = 0
    for path in files:
        job = path.parent.parent.name
        target = args.target or JOB_TARGET.get(job, "pages")
        if target == "pages-quick" and not args.fake_tesseract:
            target = "pages"  # with the real binary, the production chain
        verdict = sandbox.run(target, path.read_bytes(), fake_tesseract=args.fake_tesseract)
        broken += not verdict.keeps_contract
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        print(
            f"{'ok    ' if verdict.keeps_contract else 'BROKEN'} {shown} [{target}] "
            f"{verdict.kind} {verdict.seconds:.1f}s: {verdict.detail[:160]}"
        )
        if args.verbose and verdict.traceback:
            print(verdict.traceback)
    print(f"{broken} of {len(files)} inputs break the contract")


def command_minimize(args: argparse.Namespace) -> None:
    data = Path(args.file).read_bytes()
    first = sandbox.run(args.target, data, fake_tesseract=args.fake_tesseract)
    if first.keeps_contract and not args.keep:
        sys.exit(f"{args.file} keeps the contract ({first.kind}): nothing to minimize")

    def same(candidate: bytes) -> bool:
        verdict = sandbox.run(
            args.target, candidate, fake_tesseract=args.fake_tesseract, wall_seconds=args.wall
        )
        if args.keep:
            return args.keep in f"{verdict.kind}: {verdict.detail}"
        if first.kind == "exception":
            return verdict.signature == first.signature
        return verdict.kind == first.kind

    print(f"{len(data)} bytes, {first.kind}: {first.signature or first.detail}")
    for unit in ("object", "line", "byte"):
        data = _shrink(data, same, unit)
        print(f"  by {unit}: {len(data)} bytes", flush=True)
    out = Path(args.out or f"{args.file}.min")
    out.write_bytes(data)
    print(f"wrote {out} ({len(data)} bytes)")


def _units(data: bytes, unit: str) -> list[bytes]:
    if unit == "object":
        parts = re.split(rb"(?=\n\d+ \d+ obj\b)|(?<=endobj)", data)
    elif unit == "line":
        parts = re.split(rb"(?<=\n)", data)
    else:
        parts = [data[i : i + 1] for i in range(len(data))]
    return [p for p in parts if p]


def _shrink(data: bytes, same, unit: str) -> bytes:  # type: ignore[no-untyped-def]
    """Delta debugging: drop chunks of ``unit``s, halving the chunk size, while ``same``."""
    parts = _units(data, unit)
    if unit == "byte" and len(parts) > 20_000:
        return data
    chunk = max(1, len(parts) // 2)
    while chunk >= 1:
        i = 0
        changed = False
        while i < len(parts):
            candidate = parts[:i] + parts[i + chunk :]
            if candidate and same(b"".join(candidate)):
                parts = candidate
                changed = True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return b"".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--minutes", type=float, default=65)
    run.add_argument("--jobs", default=",".join(WEIGHTS))
    replay = sub.add_parser("replay")
    replay.add_argument("files", nargs="*")
    replay.add_argument("--target")
    replay.add_argument("--fake-tesseract", action="store_true")
    replay.add_argument("-v", "--verbose", action="store_true")
    minimize = sub.add_parser("minimize")
    minimize.add_argument("file")
    minimize.add_argument("--target", default="pages")
    minimize.add_argument("--out")
    minimize.add_argument("--wall", type=float, default=sandbox.WALL_SECONDS)
    minimize.add_argument("--fake-tesseract", action="store_true")
    # After a fix: keep the input on the same path by what it now gives, e.g.
    # "refused: EncryptedDocument: encrypted PDF, cannot decrypt: only Standard".
    minimize.add_argument("--keep")
    args = parser.parse_args()
    {"run": command_run, "replay": command_replay, "minimize": command_minimize}[args.command](args)


if __name__ == "__main__":
    main()
