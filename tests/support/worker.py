"""A real ``celery worker`` subprocess for end-to-end tests, plus the distributed settings it
shares with the test process (PostgreSQL per-run database, Redis db, GCS emulator bucket)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import redis

from pipeline.config import Settings

if TYPE_CHECKING:
    from tests.support.gcs_emulator import GcsEmulator
from tests.support.processes import log_tail, spawn_celery, terminate
from tests.support.services import port_open, require

REDIS_HOST = os.environ.get("PIPELINE_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("PIPELINE_TEST_REDIS_PORT", "6379"))
REDIS_DB = int(os.environ.get("PIPELINE_TEST_REDIS_DB", "9"))
# Every worker this process has started, so a test that must be the only consumer of the shared
# queues can pause the others (see ``other_workers_paused``).
_STARTED: weakref.WeakSet[CeleryWorker] = weakref.WeakSet()


def redis_url() -> str:
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"


def require_redis() -> None:
    require(port_open(REDIS_HOST, REDIS_PORT), f"Redis at {REDIS_HOST}:{REDIS_PORT}")


def stack_unavailable() -> str | None:
    """What the distributed stack (see ``scratch_stack``) lacks on this machine, if anything:
    for a benchmark to say before it generates its documents."""
    from tests.support.gcs_emulator import GcsEmulator
    from tests.support.postgres import postgres_available

    if not postgres_available():
        return "PostgreSQL is not reachable (PIPELINE_TEST_POSTGRES)"
    if not port_open(REDIS_HOST, REDIS_PORT):
        return f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}"
    if not GcsEmulator.installed():
        return "the GCS emulator (gcp-storage-emulator) is not installed"
    return None


def stream_entries(name: str) -> list[dict[str, str]]:
    """Every entry of a Redis stream in the test database, oldest first (fields only)."""
    client = redis.Redis.from_url(redis_url(), decode_responses=True)
    try:
        return [fields for _id, fields in client.xrange(name)]
    finally:
        client.close()


def flush_redis() -> None:
    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).flushdb()


@dataclass
class DistributedEnv:
    """Environment variables shared by the test process and the worker subprocesses."""

    database_url: str
    bucket: str
    emulator_host: str
    var_dir: Path
    extra: dict[str, str]

    def environ(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
        env.update(
            {
                "PIPELINE_DATABASE_URL": self.database_url,
                "PIPELINE_BROKER_URL": redis_url(),
                "PIPELINE_GCS_BUCKET": self.bucket,
                "PIPELINE_PII_KEY": "e2e-" + uuid.uuid5(uuid.NAMESPACE_URL, self.bucket).hex,
                "PIPELINE_VAR_DIR": str(self.var_dir),
                "STORAGE_EMULATOR_HOST": self.emulator_host,
                # Fast retries so outage tests finish quickly; still exponential with jitter.
                "PIPELINE_RETRY_BACKOFF_BASE": "0.5",
                "PIPELINE_RETRY_BACKOFF_MAX": "4",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra)
        return env

    def settings(self) -> Settings:
        env = self.environ()
        values = {
            k.removeprefix("PIPELINE_").lower(): v
            for k, v in env.items()
            if k.startswith("PIPELINE_")
        }
        return Settings(**values)  # type: ignore[arg-type]


class CeleryWorker:
    """``celery -A workers worker`` as a subprocess (prefork, N processes)."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        queues: str = "ingest,extract,ocr",
        concurrency: int = 2,
        log_path: Path,
        name: str | None = None,
    ) -> None:
        self.env = env
        self.queues = queues
        self.concurrency = concurrency
        self.log_path = log_path
        self.name = name or f"e2e-{uuid.uuid4().hex[:6]}@%h"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> CeleryWorker:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        self.proc = spawn_celery(
            [
                "worker",
                "-Q",
                self.queues,
                "-c",
                str(self.concurrency),
                "-n",
                self.name,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            env=self.env,
            log_path=self.log_path,
        )
        _STARTED.add(self)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_tail()}")
            with self.log_path.open("rb") as fh:
                fh.seek(offset)
                if b" ready." in fh.read():
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready after {timeout}s:\n{self.log_tail()}")

    def children(self) -> list[int]:
        """Pids of the prefork pool processes."""
        assert self.proc is not None
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(p) for p in out.split()]

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 30.0) -> None:
        """Warm shutdown (SIGTERM: finish running tasks), then kill if it hangs."""
        if self.proc is not None:
            terminate(self.proc, timeout)

    def kill(self) -> None:
        """kill -9 the whole worker (main process and pool)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def log_tail(self, lines: int = 60) -> str:
        return log_tail(self.log_path, lines)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def running_worker(env: dict[str, str], log_path: Path, **kwargs: object) -> Iterator[CeleryWorker]:
    worker = CeleryWorker(env, log_path=log_path, **kwargs)  # type: ignore[arg-type]
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


@contextmanager
def other_workers_paused() -> Iterator[list[CeleryWorker]]:
    """Stop (warm shutdown) every worker this process started and is still running, e.g. the
    session-scoped e2e worker, and start them again afterwards: for a test whose own workers
    must be the only consumers of the shared Redis queues."""
    paused = [w for w in list(_STARTED) if w.running]
    for w in paused:
        w.stop()
    try:
        yield paused
    finally:
        for w in paused:
            w.start()


@contextmanager
def scratch_stack(
    tmp: Path,
    name: str,
    *,
    emulator: GcsEmulator | None = None,
    extra: dict[str, str] | None = None,
) -> Iterator[DistributedEnv]:
    """The distributed pipeline's services as the benchmarks run them: the GCS emulator (started
    here, ``emulator`` if given), a temporary PostgreSQL database migrated to head, a fresh
    bucket and a clean Redis db; yields the environment workers are started with. Stops the
    emulator and flushes Redis on the way out."""
    from pipeline.db import migrations
    from pipeline.storage.gcs import GcsBlobStore
    from tests.support.gcs_emulator import GcsEmulator
    from tests.support.postgres import temporary_database

    flush_redis()
    emulator = emulator or GcsEmulator(tmp / "gcs")
    emulator.start()
    os.environ["STORAGE_EMULATOR_HOST"] = emulator.host
    try:
        with temporary_database(name) as url:
            migrations.upgrade(url)
            bucket = f"bench-{uuid.uuid4().hex[:10]}"
            GcsBlobStore(bucket).ensure_bucket()
            yield DistributedEnv(
                database_url=url,
                bucket=bucket,
                emulator_host=emulator.host,
                var_dir=tmp / "var",
                extra=dict(extra or {}),
            )
    finally:
        emulator.stop()
        flush_redis()
