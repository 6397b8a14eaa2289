"""One fuzzing job in this process: atheris (libFuzzer) over one target with one mutator.

    python -m tests.fuzz.run JOB WORK_DIR [libFuzzer flags] CORPUS_DIR [SEED_DIR ...]

Normally started by ``benchmarks/fuzz.py``, which sets the resource limits, restarts this
process when libFuzzer stops it (a hang past ``-timeout``, RSS past ``-rss_limit_mb``, a deadly
signal in C code) and counts executions.

A Python exception that breaks the contract does not stop the job: it is written to
WORK_DIR/findings once per distinct signature (exception type and the innermost frames in our code
and in the library), with the smallest input seen for it, and fuzzing goes on. Coverage comes
from atheris' bytecode instrumentation of pypdf, pypdfium2's and Pillow's Python code and
``pipeline.text``; PDFium and Pillow's C decoders are not instrumented (no coverage feedback from
them, though they run, and a crash in them is caught).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import random
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["pypdf", "pypdfium2", "PIL", "pipeline.text"]):
    import pypdf  # noqa: F401
    import pypdfium2  # noqa: F401
    from PIL import Image

    # Pillow imports its format plugins on first use: here, so that they are instrumented too.
    Image.init()
    from pipeline.text import document  # noqa: F401

from tests.fuzz import mutators, targets
from tests.fuzz.sandbox import signature

# job -> (target, mutator); None keeps libFuzzer's own byte mutations.
JOBS = {
    "pdf": ("pages-quick", mutators.mutate_pdf),
    "image": ("pages-quick", mutators.mutate_image),
    "ocr": ("pages", mutators.mutate_any),
    "render": ("render", mutators.mutate_any),
    "detect": ("detect", None),
}


class Findings:
    """Distinct contract breaks, each kept with the smallest input seen."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.smallest: dict[str, int] = {}
        for meta in directory.glob("*.json"):
            record = json.loads(meta.read_text())
            self.smallest[record["signature"]] = record["size"]

    def record(self, data: bytes, exc: BaseException) -> None:
        key = signature(exc)
        if key in self.smallest and self.smallest[key] <= len(data):
            return
        new = key not in self.smallest
        self.smallest[key] = len(data)
        name = hashlib.sha256(key.encode()).hexdigest()[:12]
        (self.directory / f"{name}.bin").write_bytes(data)
        record = {
            "signature": key,
            "size": len(data),
            "error": f"{type(exc).__name__}: {str(exc)[:500]}",
            "traceback": "".join(traceback.format_exception(exc))[-6000:],
        }
        (self.directory / f"{name}.json").write_text(json.dumps(record, indent=1))
        if new:
            print(f"NEW FINDING {name}: {key}: {record['error'][:200]}", file=sys.stderr)


def main() -> None:
    job, work = sys.argv[1], Path(sys.argv[2])
    target_name, mutate = JOBS[job]
    target = targets.TARGETS[target_name]
    findings = Findings(work / "findings")
    # Executions so far, written every few seconds: libFuzzer's own count dies with it when a
    # hang or a crash in C code ends the process.
    counter = work / "execs" / str(os.getpid())
    counter.parent.mkdir(parents=True, exist_ok=True)
    executions = 0
    written = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix=f"fuzz-{job}-"))
    # The pipeline's own log lines and library warnings about broken files are expected here.
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))

    def test_one_input(data: bytes) -> None:
        nonlocal executions, written
        executions += 1
        if time.monotonic() - written > 5:
            counter.write_text(str(executions))
            written = time.monotonic()
        try:
            target(data, scratch)
        except Exception as exc:  # every exception that escapes breaks the contract
            findings.record(data, exc)

    atexit.register(lambda: counter.write_text(str(executions)))

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        assert mutate is not None
        rng.seed(seed)
        try:
            return mutate(data, max_size, rng)
        except Exception:  # a mutation that cannot apply to these bytes: libFuzzer's own
            return atheris.Mutate(data, max_size)

    argv = [sys.argv[0], *sys.argv[3:]]
    with targets.without_tesseract():
        if mutate is None:
            atheris.Setup(argv, test_one_input)
        else:
            atheris.Setup(argv, test_one_input, custom_mutator=custom_mutator)
        atheris.Fuzz()


if __name__ == "__main__":
    main()
