"""The unit of work's contract, exercised with fakes at the repository boundary."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from pipeline.domain.events import DomainEvent
from pipeline.domain.model import Document
from pipeline.service_layer.unit_of_work import AbstractUnitOfWork

T0 = datetime(2026, 1, 1, tzinfo=UTC)


class FakeDocumentRepository:
    def __init__(self) -> None:
        self.seen: list[Document] = []
        self.rows: dict[str, Document] = {}

    async def add_if_absent(self, document: Document) -> tuple[Document, bool]:
        if document.file_hash in self.rows:
            return self.rows[document.file_hash], False
        self.rows[document.file_hash] = document
        self.seen.append(document)
        return document, True


class FakeOutbox:
    def __init__(self) -> None:
        self.pending: list[DomainEvent] = []
        self.committed: list[DomainEvent] = []

    async def add(self, event: DomainEvent) -> None:
        self.pending.append(event)


class FakeUnitOfWork(AbstractUnitOfWork):
    def __init__(self) -> None:
        self.documents = FakeDocumentRepository()
        self.outbox = FakeOutbox()
        self.commits = 0
        self.rollbacks = 0

    def _seen_documents(self) -> list[Document]:
        return list(self.documents.seen)

    async def _commit(self) -> None:
        self.commits += 1
        self.outbox.committed.extend(self.outbox.pending)
        self.outbox.pending.clear()

    async def rollback(self) -> None:
        self.rollbacks += 1
        self.outbox.pending.clear()


def new_doc(content: bytes) -> Document:
    return Document.new(
        filename="a.pdf",
        file_hash=hashlib.sha256(content).hexdigest(),
        file_type="pdf",
        file_size_bytes=len(content),
        blob_uri="file:///a",
        now=T0,
    )


async def test_commit_writes_collected_events_to_outbox() -> None:
    uow = FakeUnitOfWork()
    async with uow:
        await uow.documents.add_if_absent(new_doc(b"a"))
        written = await uow.commit()
    assert [e.event_type for e in written] == ["DocumentStored"]
    assert uow.outbox.committed == written
    assert uow.rollbacks == 0


async def test_leaving_without_commit_rolls_back_and_writes_no_events() -> None:
    uow = FakeUnitOfWork()
    async with uow:
        await uow.documents.add_if_absent(new_doc(b"a"))
    assert uow.rollbacks == 1 and uow.commits == 0
    assert uow.outbox.committed == []


async def test_events_are_written_once_even_if_committed_twice() -> None:
    uow = FakeUnitOfWork()
    async with uow:
        await uow.documents.add_if_absent(new_doc(b"a"))
        await uow.commit()
        await uow.commit()
    assert len(uow.outbox.committed) == 1


async def test_duplicate_adds_record_no_second_event() -> None:
    uow = FakeUnitOfWork()
    async with uow:
        _, created1 = await uow.documents.add_if_absent(new_doc(b"same"))
        _, created2 = await uow.documents.add_if_absent(new_doc(b"same"))
        written = await uow.commit()
    assert (created1, created2) == (True, False)
    assert len(written) == 1
