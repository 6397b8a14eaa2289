"""End-to-end fixtures: real Redis broker, per-run PostgreSQL database, GCS emulator bucket,
and a real ``celery worker`` subprocess with two pool processes."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.bootstrap import Runtime, close_runtime, get_runtime
from pipeline.config import Settings
from pipeline.storage import GcsBlobStore
from tests.support.gcs_emulator import GcsEmulator
from tests.support.worker import (
    CeleryWorker,
    DistributedEnv,
    flush_redis,
    require_redis,
)
from workers import app as celery_app
from workers.app import configure


@pytest.fixture(scope="session")
def distributed(
    postgres_url: str, gcs_emulator: GcsEmulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DistributedEnv]:
    require_redis()
    flush_redis()
    bucket = f"e2e-{uuid.uuid4().hex[:10]}"
    GcsBlobStore(bucket).ensure_bucket()
    env = DistributedEnv(
        database_url=postgres_url,
        bucket=bucket,
        emulator_host=gcs_emulator.host,
        var_dir=tmp_path_factory.mktemp("e2e-var"),
        extra={},
    )
    before: Settings = celery_app.conf.pipeline_settings
    settings = env.settings()
    close_runtime()
    configure(settings)
    get_runtime(settings)
    try:
        yield env
    finally:
        close_runtime()
        configure(before)
        flush_redis()


@pytest.fixture(scope="session")
def worker(
    distributed: DistributedEnv, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CeleryWorker]:
    log = tmp_path_factory.mktemp("e2e-logs") / "worker.log"
    w = CeleryWorker(distributed.environ(), concurrency=2, log_path=log)
    w.start()
    try:
        yield w
    finally:
        w.stop()


@pytest.fixture
def runtime(distributed: DistributedEnv) -> Runtime:
    rt = get_runtime(distributed.settings())
    if rt.settings.broker_url is None:  # another fixture swapped the process runtime
        close_runtime()
        configure(distributed.settings())
        rt = get_runtime(distributed.settings())
    return rt


def wait_for(predicate: Callable[[], Any], timeout: float = 120.0, interval: float = 0.3) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last value: {value!r})")
        time.sleep(interval)


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[[str, list[list[str]]], Path]:
    from tests.support.docs import text_pdf

    def make(name: str, pages: list[list[str]]) -> Path:
        path = tmp_path / name
        text_pdf(path, pages)
        return path

    return make
