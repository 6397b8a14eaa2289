"""``workers.app.using_settings`` points this process's Celery app at other settings and back:
messages sent afterwards go to the broker now configured, not to the one the process used
first (Celery builds its connection pools once and keeps them; the chaos test, on a Redis of
its own, once left every later end-to-end test sending to its stopped Redis)."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Settings
from workers.app import app, using_settings


def _settings(tmp_path: Path, broker: str) -> Settings:
    return Settings(var_dir=tmp_path, database_url=None, broker_url=broker, gcs_bucket=None)


def _pool_uri() -> str:
    return str(app.pool.connection.as_uri())


def _producer_uri() -> str:
    with app.producer_or_acquire() as producer:
        return str(producer.connection.as_uri())


def _backend_port() -> int:
    return int(app.backend.connparams["port"])


def test_the_pools_and_backend_follow_the_broker_there_and_back(tmp_path: Path) -> None:
    with using_settings(_settings(tmp_path, "redis://127.0.0.1:16001/3")):
        assert ":16001/3" in _pool_uri()
        assert ":16001/3" in _producer_uri()
        assert _backend_port() == 16001
        with using_settings(_settings(tmp_path, "redis://127.0.0.1:16002/4")):
            assert ":16002/4" in _pool_uri()
            assert ":16002/4" in _producer_uri()
            assert _backend_port() == 16002
        assert ":16001/3" in _pool_uri()
        assert ":16001/3" in _producer_uri()
        assert _backend_port() == 16001
