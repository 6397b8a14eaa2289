"""The HTTP API as a real server: ``pipeline api`` (uvicorn) in a subprocess on a free port,
with the environment the test gives it (see ``tests.support.worker.DistributedEnv.environ``)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.processes import ROOT, log_tail, terminate
from tests.support.services import free_port

HOST = "127.0.0.1"
PIPELINE = (sys.executable, "-m", "pipeline.cli")


class ApiServer:
    """``python -m pipeline.cli api`` on ``127.0.0.1:port``, output in ``log_path``."""

    def __init__(self, env: dict[str, str], log_path: Path, *, port: int | None = None) -> None:
        self.env = env
        self.log_path = log_path
        self.port = port if port is not None else free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 60.0) -> ApiServer:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                # -v: the access log too, as an operator would run it (and for tests to read).
                [*PIPELINE, "-v", "api", "--host", HOST, "--port", str(self.port)],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"API server exited at start-up:\n{self.log_tail()}")
            if self._answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"API server did not answer within {timeout:g}s:\n{self.log_tail()}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/openapi.json", timeout=1) as response:  # noqa: S310
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def rss_bytes(self) -> int:
        """The server process's resident set size now (Linux)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS in /proc/<pid>/status")

    def stop(self, timeout: float = 20.0) -> None:
        if self.proc is not None:
            terminate(self.proc, timeout)

    def log_tail(self, lines: int = 60) -> str:
        return log_tail(self.log_path, lines)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def running_api(env: dict[str, str], log_path: Path) -> Iterator[ApiServer]:
    server = ApiServer(env, log_path).start()
    try:
        yield server
    finally:
        server.stop()
