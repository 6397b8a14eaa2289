"""Service-layer dependencies for integration tests: a real database and local blob store,
with a clock the test moves (no sleeping to make work "old")."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.model import Document, DocumentStatus
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


async def add_document(
    database: Database, *, claimed_by: str | None = None, filename: str = "doc.pdf"
) -> uuid.UUID:
    """A PENDING document of random bytes stored at T0, claimed by ``claimed_by`` (PROCESSING)
    when given."""
    content = uuid.uuid4().bytes
    doc = Document.new(
        filename=filename,
        file_hash=hashlib.sha256(content).hexdigest(),
        file_type="pdf",
        file_size_bytes=len(content),
        blob_uri="file:///x",
        now=T0,
    )
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.documents.add_if_absent(doc)
        await uow.commit()
    if claimed_by is not None:
        async with SqlAlchemyUnitOfWork(database) as uow:
            loaded = await uow.documents.get(doc.id)
            assert loaded is not None
            loaded.start_processing(token=claimed_by, now=T0)
            assert await uow.documents.transition(loaded, DocumentStatus.PENDING)
            await uow.commit()
    return doc.id


async def load_document(database: Database, doc_id: uuid.UUID) -> Document:
    async with SqlAlchemyUnitOfWork(database) as uow:
        doc: Document | None = await uow.documents.get(doc_id)
    assert doc is not None
    return doc
