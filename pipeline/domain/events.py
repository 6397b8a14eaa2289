"""Domain events: facts in the past tense, recorded by an aggregate (a Document, a Submission)
and written to the outbox in the same transaction as the change that caused them."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, ClassVar


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """An event of any aggregate; subclasses name the aggregate and its id."""

    aggregate_type: ClassVar[str] = "document"
    occurred_at: datetime

    @property
    def event_type(self) -> str:
        return type(self).__name__

    @property
    def aggregate_id(self) -> uuid.UUID:
        raise NotImplementedError

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
class DocumentEvent(DomainEvent):
    aggregate_type: ClassVar[str] = "document"
    document_id: uuid.UUID

    @property
    def aggregate_id(self) -> uuid.UUID:
        return self.document_id


@dataclass(frozen=True, kw_only=True)
class DocumentStored(DocumentEvent):
    file_hash: str
    file_type: str
    file_size_bytes: int


@dataclass(frozen=True, kw_only=True)
class DocumentProcessingStarted(DocumentEvent):
    attempt: int


@dataclass(frozen=True, kw_only=True)
class DocumentCompleted(DocumentEvent):
    doc_type: str | None
    page_count: int | None
    record_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class DocumentFailed(DocumentEvent):
    error_message: str
    previous_status: str


@dataclass(frozen=True, kw_only=True)
class DocumentReprocessRequested(DocumentEvent):
    previous_status: str


@dataclass(frozen=True, kw_only=True)
class DocumentRequeued(DocumentEvent):
    """The sweeper sent the document's processing task again (after releasing a stale claim
    when it was PROCESSING)."""

    previous_status: str
    requeues: int
    stale_claim: bool


@dataclass(frozen=True, kw_only=True)
class RecordCorrected(DocumentEvent):
    """A reviewer corrected a field of one of the document's records, or rejected the record
    (``action`` 'correct' or 'reject'). The values are not in the event: a name or an address
    is personal data; consumers read them from the export."""

    correction_id: uuid.UUID
    record_type: str
    record_id: uuid.UUID
    field: str
    action: str


@dataclass(frozen=True, kw_only=True)
class SubmissionRejected(DomainEvent):
    """A producer's message under this submission id broke the task contract and was not run
    (the reason names the arguments at fault, never their values)."""

    aggregate_type: ClassVar[str] = "submission"
    submission_id: uuid.UUID
    task_name: str
    reason: str

    @property
    def aggregate_id(self) -> uuid.UUID:
        return self.submission_id


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
