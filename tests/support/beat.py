"""A real ``celery -A workers beat`` subprocess for end-to-end tests."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.support.processes import log_tail, spawn_celery, terminate


class CeleryBeat:
    def __init__(self, env: dict[str, str], *, workdir: Path) -> None:
        self.env = env
        self.workdir = workdir
        self.log_path = workdir / "beat.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> CeleryBeat:
        self.proc = spawn_celery(
            [
                "beat",
                "--schedule",
                str(self.workdir / "celerybeat-schedule"),
                "--pidfile",
                str(self.workdir / "beat.pid"),
                "--loglevel=INFO",
            ],
            env=self.env,
            log_path=self.log_path,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"beat exited early:\n{log_tail(self.log_path)}")
            if b"beat: Starting..." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise RuntimeError(f"beat not started after {timeout}s:\n{log_tail(self.log_path)}")

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc is not None:
            terminate(self.proc, timeout)
