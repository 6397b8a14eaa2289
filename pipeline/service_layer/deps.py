"""What the use cases need, handed in by the caller (a Celery worker process, the CLI, a test)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipeline.config import Settings
from pipeline.pii import PiiProtector
from pipeline.service_layer.unit_of_work import AbstractUnitOfWork
from pipeline.storage import BlobStore


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Dependencies:
    settings: Settings
    uow_factory: Callable[[], AbstractUnitOfWork]
    blobs: BlobStore
    pii: PiiProtector
    clock: Callable[[], datetime] = field(default=utcnow)
