"""Celery command-line processes for end-to-end tests (worker, beat, Flower): started in their
own process group with output to a log file, stopped warm with SIGTERM and killed if they hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def spawn_celery(
    args: list[str], *, env: dict[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    """``python -m celery -A workers <args>`` from the repository root, output appended to
    ``log_path``, in a new session so the whole group can be signalled."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers", *args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def terminate(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """SIGTERM and wait; SIGKILL the process group if it does not exit in time. Returns whether
    it exited on SIGTERM."""
    if proc.poll() is not None:
        return True
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        return False


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def embedded_env() -> dict[str, str]:
    """This process's environment without PIPELINE_ settings: the CLI on its embedded defaults
    (SQLite, a local blob folder, eager Celery) in whatever folder it runs in."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}


def run_pipeline(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """``pipeline <args>`` in ``cwd`` (embedded defaults unless ``env`` is given); its standard
    output, after asserting that it succeeded."""
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=cwd,
        env=embedded_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout
