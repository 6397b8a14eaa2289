"""A real ``celery -A workers beat`` subprocess for end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.worker import ROOT


class CeleryBeat:
    def __init__(self, env: dict[str, str], *, workdir: Path) -> None:
        self.env = env
        self.workdir = workdir
        self.log_path = workdir / "beat.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> CeleryBeat:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "workers",
                "beat",
                "--schedule",
                str(self.workdir / "celerybeat-schedule"),
                "--pidfile",
                str(self.workdir / "beat.pid"),
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"beat exited early:\n{self.log_tail()}")
            if b"beat: Starting..." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise RuntimeError(f"beat not started after {timeout}s:\n{self.log_tail()}")

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
