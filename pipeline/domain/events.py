"""Domain events: facts in the past tense, recorded by the Document and written to the outbox
in the same transaction as the change that caused them."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, ClassVar


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    aggregate_type: ClassVar[str] = "document"
    document_id: uuid.UUID
    occurred_at: datetime

    @property
    def event_type(self) -> str:
        return type(self).__name__

    @property
    def aggregate_id(self) -> uuid.UUID:
        return self.document_id

    def payload(self) -> dict[str, Any]:
        """JSON-ready payload (no PII: ids, hashes, statuses and counts only)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if isinstance(value, uuid.UUID):
                value = str(value)
            elif isinstance(value, datetime):
                value = value.isoformat()
            out[key] = value
        return out


@dataclass(frozen=True, kw_only=True)
class DocumentStored(DomainEvent):
    file_hash: str
    file_type: str
    file_size_bytes: int


@dataclass(frozen=True, kw_only=True)
class DocumentProcessingStarted(DomainEvent):
    attempt: int


@dataclass(frozen=True, kw_only=True)
class DocumentCompleted(DomainEvent):
    doc_type: str | None
    page_count: int | None
    record_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class DocumentFailed(DomainEvent):
    error_message: str
    previous_status: str


@dataclass(frozen=True, kw_only=True)
class DocumentReprocessRequested(DomainEvent):
    previous_status: str


@dataclass(frozen=True, kw_only=True)
class DocumentRequeued(DomainEvent):
    """The sweeper sent the document's processing task again (after releasing a stale claim
    when it was PROCESSING)."""

    previous_status: str
    requeues: int
    stale_claim: bool


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """An event as the outbox relay publishes it (see :mod:`pipeline.publishing`)."""

    outbox_id: int
    event_type: str
    aggregate_type: str
    aggregate_id: str
    occurred_at: datetime
    payload: dict[str, Any]
    retry_count: int = 0  # the relay's bookkeeping: failed publishes so far (not published)

    def as_dict(self) -> dict[str, Any]:
        return {
            "outbox_id": self.outbox_id,
            "event_type": self.event_type,
            "aggregate_type": self.aggregate_type,
            "aggregate_id": self.aggregate_id,
            "occurred_at": self.occurred_at.isoformat(),
            "payload": self.payload,
        }
