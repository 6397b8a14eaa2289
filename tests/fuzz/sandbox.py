"""Run one input through a target in a forked child with the harness's bounds, and say how it
ended: pages, refused (the pipeline's PermanentError), or a bug (another exception, a broken
page, a hang past the wall-clock bound, memory past the address-space bound, a signal).

The parent has imported everything once, so a fork costs milliseconds: the replay, the
minimizer and the regression tests all use it.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz import targets

# The bounds: the pipeline's own limits (max_image_pixels = 150 MP) need up to ~1 GB for a
# page at that limit (an RGB decode and its grayscale copy); twice that in address space, plus
# what the interpreter and the libraries map, is the memory bound. The time bound is per input.
MEMORY_BYTES = 3 << 30
WALL_SECONDS = 30.0


@dataclass(frozen=True)
class Verdict:
    kind: str  # "pages", "refused", "exception", "timeout", "memory", "signal"
    detail: str  # outcome detail, "Type: message", or what stopped it
    signature: str = ""  # for exceptions: where they come from
    seconds: float = 0.0
    traceback: str = ""

    @property
    def keeps_contract(self) -> bool:
        return self.kind in ("pages", "refused")


def run(
    target: str,
    data: bytes,
    *,
    wall_seconds: float = WALL_SECONDS,
    memory_bytes: int = MEMORY_BYTES,
    fake_tesseract: bool = False,
) -> Verdict:
    """``targets.TARGETS[target]`` on ``data`` in a child process within the bounds."""
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read)
        _child(target, data, write, wall_seconds, memory_bytes, fake_tesseract)
    os.close(write)
    chunks = []
    deadline = started + wall_seconds + 10
    status = None
    while status is None:
        done, status_value = os.waitpid(pid, os.WNOHANG)
        if done:
            status = status_value
        elif time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        else:
            time.sleep(0.005)
    with os.fdopen(read, "rb") as pipe:
        chunks.append(pipe.read())
    seconds = time.monotonic() - started
    raw = b"".join(chunks)
    if raw:
        record = json.loads(raw)
        return Verdict(
            record["kind"],
            record["detail"],
            record.get("signature", ""),
            seconds,
            record.get("traceback", ""),
        )
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number in (signal.SIGALRM, signal.SIGXCPU) or seconds >= wall_seconds:
            return Verdict("timeout", f"still running after {seconds:.0f} s", "", seconds)
        return Verdict("signal", signal.Signals(number).name, "", seconds)
    return Verdict("signal", f"exit status {os.waitstatus_to_exitcode(status)}", "", seconds)


def _child(
    target: str, data: bytes, out: int, wall_seconds: float, memory_bytes: int, fake: bool
) -> None:
    code = 0
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        cpu = int(wall_seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        # Libraries warn about every oddity of a broken file; the verdict is what counts.
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        # The default action of SIGALRM ends the process, also inside C code that holds the GIL.
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, wall_seconds)
        with tempfile.TemporaryDirectory(prefix="fuzz-replay-") as scratch:
            if fake:
                with targets.without_tesseract():
                    outcome = targets.TARGETS[target](data, Path(scratch))
            else:
                outcome = targets.TARGETS[target](data, Path(scratch))
        record = {"kind": outcome.kind, "detail": outcome.detail}
    except MemoryError:
        record = {"kind": "memory", "detail": "MemoryError", "signature": "MemoryError"}
    except BaseException as exc:
        record = {
            "kind": "exception",
            "detail": f"{type(exc).__name__}: {str(exc)[:300]}",
            "signature": signature(exc),
            "traceback": "".join(traceback.format_exception(exc))[-4000:],
        }
    try:
        os.write(out, json.dumps(record).encode())
    except BaseException:
        code = 3
    os._exit(code)


def signature(exc: BaseException) -> str:
    """Where an exception comes from: its type and the innermost frame in ``pipeline`` (or the
    harness) and in anything else (the library that raised it). Line numbers are left out so
    that an unrelated edit does not make a known finding look new."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/pipeline/" in f.filename or "/tests/fuzz/" in f.filename]
    theirs = [f for f in frames if f not in ours]

    def where(frame: traceback.FrameSummary | None) -> str:
        if frame is None:
            return "-"
        return "/".join(Path(frame.filename).parts[-2:]) + ":" + frame.name

    return (
        f"{type(exc).__name__} at {where(theirs[-1] if theirs else None)} "
        f"via {where(ours[-1] if ours else None)}"
    )
