"""Service-layer dependencies for integration tests: a real database and local blob store,
with a clock the test moves (no sleeping to make work "old")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.pii import PiiProtector
from pipeline.service_layer.deps import Dependencies
from pipeline.storage import LocalBlobStore

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_deps(database: Database, tmp_path: Path, clock: Clock, **settings: Any) -> Dependencies:
    return Dependencies(
        settings=Settings(var_dir=tmp_path / "var", **settings),
        uow_factory=lambda: SqlAlchemyUnitOfWork(database),
        blobs=LocalBlobStore(tmp_path / "blobs"),
        pii=PiiProtector(b"integration-tests-key-0123456789"),
        clock=clock,
    )
