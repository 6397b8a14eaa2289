"""The chaos run's stack: PostgreSQL (a per-run database behind a fault proxy), Redis (a private
``redis-server`` the run may crash, or else one database of the shared server), the GCS
emulator behind a fault proxy, two ``celery worker`` processes and ``celery beat``.

Workers, beat and the producer reach PostgreSQL and the blob store through the proxies; the
oracle, the observers and the operator's commands it runs go around them."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import redis
from sqlalchemy.engine import make_url

from tests.support.beat import CeleryBeat
from tests.support.fault_proxy import FaultProxy
from tests.support.gcs_emulator import GcsEmulator
from tests.support.processes import terminate
from tests.support.services import free_port
from tests.support.worker import REDIS_HOST, REDIS_PORT, CeleryWorker, DistributedEnv

OBSERVER = "chaos-observer"  # application_name of the harness's own PostgreSQL connections


class PrivateRedis:
    """A ``redis-server`` of the run's own, without persistence: a crash loses everything in
    it, as a Redis restarted without its data does."""

    kind = "private redis-server"

    def __init__(self, workdir: Path, db: int) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.db = db
        self.proc: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/{self.db}"

    def start(self, timeout: float = 20.0) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        with (self.workdir / "redis.log").open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.workdir),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                client.ping()
                client.close()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on {self.port}")

    def lose_everything(self, down_seconds: float) -> str:
        """kill -9 the server and start it again empty after ``down_seconds``."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(10)
        time.sleep(down_seconds)
        self.start()
        return f"redis-server killed, down {down_seconds:.1f} s, back empty"

    def cut_clients(self) -> str:
        client = redis.Redis(port=self.port)
        try:
            killed = sum(int(client.client_kill_filter(_type=t)) for t in ("normal", "pubsub"))
        finally:
            client.close()
        return f"{killed} client connection(s) killed"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class SharedRedisDb:
    """One database of the machine's shared Redis, which the run must not restart: losing
    messages is ``FLUSHDB`` of that database (queues, unacknowledged messages, chord state and
    the event stream), and cutting connections is ``CLIENT KILL`` of the clients on it."""

    kind = "database of the shared Redis"

    def __init__(self, db: int) -> None:
        self.db = db

    def url(self) -> str:
        return f"redis://{REDIS_HOST}:{REDIS_PORT}/{self.db}"

    def start(self) -> None:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=self.db).flushdb()

    def lose_everything(self, down_seconds: float) -> str:
        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=self.db)
        try:
            client.flushdb()
            cut = self._kill_clients(client)
        finally:
            client.close()
        return f"FLUSHDB of db {self.db}, {cut} client connection(s) killed"

    def cut_clients(self) -> str:
        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=self.db)
        try:
            return f"{self._kill_clients(client)} client connection(s) killed"
        finally:
            client.close()

    def _kill_clients(self, client: redis.Redis) -> int:
        me = client.client_id()
        killed = 0
        for entry in client.client_list():
            if int(entry.get("db", -1)) == self.db and int(entry["id"]) != me:
                killed += int(client.client_kill_filter(_id=entry["id"]))
        return killed

    def stop(self) -> None:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=self.db).flushdb()


RedisControl = PrivateRedis | SharedRedisDb


@dataclass
class ChaosStack:
    workdir: Path
    redis: RedisControl
    emulator: GcsEmulator
    blob_proxy: FaultProxy
    pg_proxy: FaultProxy
    database_url: str  # direct, for the oracle and the observers
    proxied: DistributedEnv  # what workers, beat and the producer use
    direct: DistributedEnv  # the same around the proxies (operators' commands, the oracle)
    workers: dict[str, CeleryWorker] = field(default_factory=dict)
    beat: CeleryBeat | None = None
    # Set when the run stops its processes: no fault or supervisor may start one again after.
    stopping: threading.Event = field(default_factory=threading.Event)
    # held by a restart from its check to its process started, and by setting ``stopping``
    _restarting: threading.Lock = field(default_factory=threading.Lock)

    @property
    def database_name(self) -> str:
        return str(make_url(self.database_url).database)

    def start_processes(self, *, ingest_concurrency: int, ocr_concurrency: int) -> None:
        env = self.proxied.environ()
        self.workers = {
            "ingest": CeleryWorker(
                env,
                queues="ingest,extract,maintenance",
                concurrency=ingest_concurrency,
                log_path=self.workdir / "logs" / "worker-ingest.log",
                name=f"chaos-ingest-{uuid.uuid4().hex[:4]}@%h",
            ),
            "ocr": CeleryWorker(
                env,
                queues="ocr",
                concurrency=ocr_concurrency,
                log_path=self.workdir / "logs" / "worker-ocr.log",
                name=f"chaos-ocr-{uuid.uuid4().hex[:4]}@%h",
            ),
        }
        for worker in self.workers.values():
            worker.start(timeout=120)
        self.beat = CeleryBeat(env, workdir=self.workdir / "logs" / "beat").start()

    def restart(self, process: CeleryWorker | CeleryBeat) -> None:
        """Start a worker or beat a fault stopped (as a supervisor would), unless the run is
        ending."""
        with self._restarting:
            if not self.stopping.is_set():
                process.start(timeout=180)

    def log_files(self) -> list[Path]:
        return sorted((self.workdir / "logs").rglob("*.log"))

    def stop_processes(self) -> None:
        with self._restarting:  # a restart under way has started its process: it is stopped below
            self.stopping.set()
        if self.beat is not None:
            self.beat.stop()
        for worker in self.workers.values():
            if worker.proc is not None:
                terminate(worker.proc, 60)
            reap_group(worker)


def reap_group(worker: CeleryWorker) -> None:
    """Pool processes (and their tesseract) a killed main process left behind."""
    if worker.proc is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.proc.pid, signal.SIGKILL)


@contextmanager
def chaos_stack(
    workdir: Path, *, redis_db: int, settings: dict[str, str], private_redis: bool | None = None
) -> Iterator[ChaosStack]:
    """The services, migrated and empty, and the environments to reach them; stops them all
    on the way out (the caller starts and stops the worker processes)."""
    from pipeline.db import migrations
    from pipeline.storage.gcs import GcsBlobStore
    from tests.support.postgres import temporary_database

    use_private = PrivateRedis.available() if private_redis is None else private_redis
    broker: RedisControl = (
        PrivateRedis(workdir / "redis", redis_db) if use_private else SharedRedisDb(redis_db)
    )
    # The run points the process at its own emulator: whoever called it (a test session with
    # an emulator of its own) gets its environment back as it was on the way out.
    environ = mock.patch.dict(os.environ)
    environ.start()
    broker.start()
    emulator = GcsEmulator(workdir / "gcs")
    emulator.start()
    blob_proxy = FaultProxy("127.0.0.1", emulator.port, workdir / "logs" / "proxy-gcs.log")
    pg_proxy: FaultProxy | None = None
    try:
        blob_proxy.start()
        with temporary_database("pipeline_chaos") as url:
            migrations.upgrade(url)
            parsed = make_url(url)
            pg_proxy = FaultProxy(
                parsed.host or "127.0.0.1",
                parsed.port or 5432,
                workdir / "logs" / "proxy-postgres.log",
            ).start()
            proxied_url = parsed.set(host="127.0.0.1", port=pg_proxy.port).render_as_string(
                hide_password=False
            )
            bucket = f"chaos-{uuid.uuid4().hex[:10]}"
            os.environ["STORAGE_EMULATOR_HOST"] = emulator.host
            GcsBlobStore(bucket).ensure_bucket()
            extra = {"PIPELINE_BROKER_URL": broker.url(), **settings}
            var_dir = workdir / "var"
            direct = DistributedEnv(url, bucket, emulator.host, var_dir, dict(extra))
            proxied = DistributedEnv(
                proxied_url, bucket, f"http://127.0.0.1:{blob_proxy.port}", var_dir, dict(extra)
            )
            stack = ChaosStack(
                workdir, broker, emulator, blob_proxy, pg_proxy, url, proxied, direct
            )
            try:
                yield stack
            finally:
                stack.stop_processes()
    finally:
        if pg_proxy is not None:
            pg_proxy.stop()
        blob_proxy.stop()
        emulator.stop()
        broker.stop()
        environ.stop()
