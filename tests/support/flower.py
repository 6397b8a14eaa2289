"""A real ``celery -A workers flower`` subprocess for end-to-end tests, and a client for its API.

Flower 2.x refuses API calls without authentication unless ``FLOWER_UNAUTHENTICATED_API=true``;
these tests run it as an operator should, behind basic auth (``FLOWER_BASIC_AUTH=user:password``,
an environment variable so the password stays out of ``ps``), bound to the loopback address.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.support.processes import log_tail, spawn_celery, terminate
from tests.support.services import free_port


class FlowerError(RuntimeError):
    pass


class Flower:
    """``celery -A workers flower --address=127.0.0.1 --port=<free port>`` as a subprocess."""

    def __init__(self, env: dict[str, str], *, log_path: Path, port: int | None = None) -> None:
        self.user = "e2e"
        self.password = secrets.token_urlsafe(16)
        self.env = {**env, "FLOWER_BASIC_AUTH": f"{self.user}:{self.password}"}
        self.log_path = log_path
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> Flower:
        self.proc = spawn_celery(
            ["flower", "--address=127.0.0.1", f"--port={self.port}"],
            env=self.env,
            log_path=self.log_path,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise FlowerError(f"flower exited early:\n{self.log_tail()}")
            if self.request("/healthcheck", auth=False, raw=True)[0] == 200:
                return self
            time.sleep(0.2)
        self.stop()
        raise FlowerError(f"flower not answering after {timeout}s:\n{self.log_tail()}")

    def request(
        self,
        path: str,
        params: dict[str, str] | None = None,
        *,
        auth: bool = True,
        raw: bool = False,
    ) -> tuple[int, Any]:
        """GET ``path``: (status, decoded JSON body, or the text with ``raw``); status 0 when
        nothing answers."""
        url = self.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
        req = urllib.request.Request(url)  # noqa: S310 - http://127.0.0.1 only
        if auth:
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - loopback only
                status, body = resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode(errors="replace")
        except OSError:
            return 0, None
        if raw or status != 200:
            return status, body
        return status, json.loads(body)

    def get(self, path: str, **params: str) -> Any:
        """GET an API path with credentials; anything but 200 is an error."""
        status, body = self.request(path, params or None)
        if status != 200:
            raise FlowerError(f"GET {path} {params}: HTTP {status}: {body!r}")
        return body

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM (Flower exits cleanly on it), SIGKILL to the whole process group if it hangs;
        afterwards nothing of the group may be left. Returns Flower's exit code."""
        if self.proc is None:
            return None
        if not terminate(self.proc, timeout):
            raise FlowerError(f"flower ignored SIGTERM for {timeout}s:\n{self.log_tail()}")
        try:
            os.killpg(self.proc.pid, 0)
        except ProcessLookupError:
            return self.proc.returncode
        os.killpg(self.proc.pid, signal.SIGKILL)
        raise FlowerError("flower left processes behind in its process group")

    def log_tail(self, lines: int = 60) -> str:
        return log_tail(self.log_path, lines)


@contextmanager
def running_flower(env: dict[str, str], log_path: Path) -> Iterator[Flower]:
    flower = Flower(env, log_path=log_path).start()
    try:
        yield flower
    finally:
        flower.stop()
