"""The unit of work: one transaction around a use case.

``async with uow:`` opens it; ``await uow.commit()`` writes the domain events recorded by the
documents and submissions touched in the unit to the outbox and commits both together;
leaving the block without a commit rolls everything back (cosmicpython's AbstractUnitOfWork,
with the outbox in place of publish-after-commit, which is a dual write).
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Any, Self

from pipeline.domain.events import DomainEvent
from pipeline.domain.model import Document, Submission


class AbstractUnitOfWork(abc.ABC):
    documents: Any
    borrowers: Any
    incomes: Any
    accounts: Any
    sources: Any
    parts: Any
    pages: Any
    submissions: Any
    idempotency: Any
    outbox: Any
    reconciliation_reports: Any
    api_keys: Any
    corrections: Any
    heartbeats: Any
    broker_epochs: Any

    async def __aenter__(self) -> Self:
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.committed:
            await self.rollback()

    async def commit(self) -> list[DomainEvent]:
        """Write collected events to the outbox and commit; returns the events written."""
        events = self.collect_new_events()
        for event in events:
            await self.outbox.add(event)
        await self._commit()
        self.committed = True
        return events

    def collect_new_events(self) -> list[DomainEvent]:
        events: list[DomainEvent] = []
        aggregates: list[Document | Submission] = [
            *self._seen_documents(),
            *self._seen_submissions(),
        ]
        for aggregate in aggregates:
            events.extend(aggregate.events)
            aggregate.events.clear()
        return events

    @abc.abstractmethod
    def _seen_documents(self) -> list[Document]: ...

    def _seen_submissions(self) -> list[Submission]:
        """Submissions written in this unit (none unless the implementation tracks them)."""
        return []

    @abc.abstractmethod
    async def _commit(self) -> None: ...

    @abc.abstractmethod
    async def rollback(self) -> None: ...
