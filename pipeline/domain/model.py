"""The Document aggregate and the records extracted from it.

Pure Python: nothing here knows about SQLAlchemy, Celery or GCS. The persistence layer maps these
classes imperatively (``pipeline.db.mappers``), so the rules below are the only place where a
document's status may change.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pipeline.domain import events
from pipeline.domain.errors import IllegalTransition


class DocumentStatus(StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


_ALLOWED: dict[DocumentStatus, frozenset[DocumentStatus]] = {
    DocumentStatus.PENDING: frozenset({DocumentStatus.PROCESSING, DocumentStatus.FAILED}),
    # Back to PENDING only when the sweeper releases a claim that made no progress.
    DocumentStatus.PROCESSING: frozenset(
        {DocumentStatus.COMPLETED, DocumentStatus.FAILED, DocumentStatus.PENDING}
    ),
    # A final state is left by an explicit reprocess, or (COMPLETED -> FAILED) when
    # reconciliation finds the stored bytes lost or changed.
    DocumentStatus.COMPLETED: frozenset({DocumentStatus.PENDING, DocumentStatus.FAILED}),
    DocumentStatus.FAILED: frozenset({DocumentStatus.PENDING}),
}


_UNFINISHED = frozenset({DocumentStatus.PENDING, DocumentStatus.PROCESSING})
_FINAL = frozenset({DocumentStatus.COMPLETED, DocumentStatus.FAILED})


def can_transition(current: DocumentStatus, new: DocumentStatus) -> bool:
    return new in _ALLOWED[current]


class FileType(StrEnum):
    """Types detected from magic bytes; the filename's extension is never trusted."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    UNSUPPORTED = "unsupported"
    EMPTY = "empty"


class DocType(StrEnum):
    W2 = "w2"
    PAYSTUB = "paystub"
    BANK_STATEMENT = "bank_statement"
    FORM_1040 = "form_1040"
    FORM_1099 = "form_1099"
    VOE = "voe"
    FORM_1003 = "form_1003"
    PACKET = "packet"
    UNKNOWN = "unknown"


class Document:
    """A file handed in by a producer, identified by the SHA-256 of its bytes.

    State changes go through the methods below; each checks the move is legal and records the
    domain event that the unit of work writes to the outbox in the same commit.
    """

    def __init__(
        self,
        *,
        id: uuid.UUID,
        filename: str,
        file_hash: str,
        file_type: str,
        file_size_bytes: int,
        blob_uri: str,
        created_at: datetime,
        status: DocumentStatus = DocumentStatus.PENDING,
        error_message: str | None = None,
        page_count: int | None = None,
        doc_type: str | None = None,
        attempts: int = 0,
        requeues: int = 0,
        processing_token: str | None = None,
        updated_at: datetime | None = None,
        processed_at: datetime | None = None,
    ) -> None:
        if not re.fullmatch(r"[0-9a-f]{64}", file_hash):
            raise ValueError("file_hash must be 64 lowercase hex characters (SHA-256)")
        self.id = id
        self.filename = filename
        self.file_hash = file_hash
        self.file_type = file_type
        self.file_size_bytes = file_size_bytes
        self.blob_uri = blob_uri
        self.status = status
        self.error_message = error_message
        self.page_count = page_count
        self.doc_type = doc_type
        self.attempts = attempts
        self.requeues = requeues
        self.processing_token = processing_token
        self.created_at = created_at
        self.updated_at = updated_at or created_at
        self.processed_at = processed_at
        self.events: list[events.DomainEvent] = []

    @classmethod
    def new(
        cls,
        *,
        filename: str,
        file_hash: str,
        file_type: str,
        file_size_bytes: int,
        blob_uri: str,
        now: datetime,
        id: uuid.UUID | None = None,
    ) -> Document:
        doc = cls(
            id=id or uuid.uuid4(),
            filename=filename,
            file_hash=file_hash,
            file_type=file_type,
            file_size_bytes=file_size_bytes,
            blob_uri=blob_uri,
            created_at=now,
        )
        doc.events.append(
            events.DocumentStored(
                document_id=doc.id,
                occurred_at=now,
                file_hash=file_hash,
                file_type=file_type,
                file_size_bytes=file_size_bytes,
            )
        )
        return doc

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.status} {self.filename!r}>"

    def _move(
        self,
        new: DocumentStatus,
        now: datetime,
        *,
        only_from: frozenset[DocumentStatus] | None = None,
    ) -> DocumentStatus:
        previous = DocumentStatus(self.status)
        allowed = can_transition(previous, new) and (only_from is None or previous in only_from)
        if not allowed:
            raise IllegalTransition(self.id, previous, new)
        self.status = new
        self.updated_at = now
        return previous

    def start_processing(self, *, token: str, now: datetime) -> None:
        """PENDING -> PROCESSING, claimed by ``token`` (the Celery task id) so that the same task
        can resume after a retry or redelivery while any other task backs off."""
        self._move(DocumentStatus.PROCESSING, now)
        self.attempts += 1
        self.processing_token = token
        self.error_message = None
        self.events.append(
            events.DocumentProcessingStarted(
                document_id=self.id, occurred_at=now, attempt=self.attempts
            )
        )

    def is_claimed_by(self, token: str) -> bool:
        return self.status is DocumentStatus.PROCESSING and self.processing_token == token

    def complete(
        self,
        *,
        now: datetime,
        page_count: int,
        doc_type: str | None,
        record_counts: dict[str, int] | None = None,
    ) -> None:
        self._move(DocumentStatus.COMPLETED, now)
        self.page_count = page_count
        self.doc_type = doc_type
        self.processed_at = now
        self.error_message = None
        self.events.append(
            events.DocumentCompleted(
                document_id=self.id,
                occurred_at=now,
                doc_type=doc_type,
                page_count=page_count,
                record_counts=dict(record_counts or {}),
            )
        )

    def fail(self, reason: str, *, now: datetime, page_count: int | None = None) -> None:
        """PENDING|PROCESSING -> FAILED with a reason a person can act on."""
        previous = self._move(DocumentStatus.FAILED, now, only_from=_UNFINISHED)
        self._record_failure(previous, reason, now=now, page_count=page_count)

    def lose_content(self, reason: str, *, now: datetime) -> None:
        """Any state but FAILED -> FAILED: reconciliation found the stored bytes missing or
        changed, so the document (and any records read from it) can no longer be trusted."""
        previous = self._move(DocumentStatus.FAILED, now)
        self._record_failure(previous, reason, now=now, page_count=None)

    def release(self, *, now: datetime) -> None:
        """PROCESSING -> PENDING: the sweeper takes back a claim that made no progress (its
        worker died, or a chord callback was lost) so that a new task can resume the work."""
        self._move(DocumentStatus.PENDING, now, only_from=frozenset({DocumentStatus.PROCESSING}))
        stale_token = self.processing_token
        self.processing_token = None
        self.requeues += 1
        self.events.append(
            events.DocumentRequeued(
                document_id=self.id,
                occurred_at=now,
                previous_status=DocumentStatus.PROCESSING.value,
                requeues=self.requeues,
                stale_claim=stale_token is not None,
            )
        )

    def requeue(self, *, now: datetime) -> None:
        """PENDING stays PENDING: its processing message is sent again (it was lost, or no
        worker took it within the sweeper's threshold). Counted, so the sweeper can give up."""
        if self.status is not DocumentStatus.PENDING:
            raise IllegalTransition(self.id, DocumentStatus(self.status), DocumentStatus.PENDING)
        self.requeues += 1
        self.updated_at = now
        self.events.append(
            events.DocumentRequeued(
                document_id=self.id,
                occurred_at=now,
                previous_status=DocumentStatus.PENDING.value,
                requeues=self.requeues,
                stale_claim=False,
            )
        )

    def _record_failure(
        self, previous: DocumentStatus, reason: str, *, now: datetime, page_count: int | None
    ) -> None:
        self.error_message = reason
        self.processed_at = now
        if page_count is not None:
            self.page_count = page_count
        self.events.append(
            events.DocumentFailed(
                document_id=self.id,
                occurred_at=now,
                error_message=reason,
                previous_status=previous.value,
            )
        )

    def reprocess(self, *, now: datetime) -> None:
        """COMPLETED|FAILED -> PENDING, explicitly requested by an operator."""
        previous = self._move(DocumentStatus.PENDING, now, only_from=_FINAL)
        self.processing_token = None
        self.requeues = 0
        self.events.append(
            events.DocumentReprocessRequested(
                document_id=self.id, occurred_at=now, previous_status=previous.value
            )
        )


# --- Records extracted from documents ---------------------------------------------------------


# Letters that Unicode does not decompose into a base letter and a mark ("Nørgaard", "Łukasz",
# "Straße"): folded as a person or an OCR engine without them would write the name.
_FOLDED_LETTERS = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "\u0131": "i", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short strings (words, names): how many letters OCR
    or a typist changed, added or dropped."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a person's name, for matching."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLDED_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    state: str
    zip: str

    def key(self) -> str:
        """Normalized form used for matching: case, punctuation and ZIP+4 do not matter."""
        return "|".join(
            [
                normalize_name(self.street),
                normalize_name(self.city),
                self.state.upper(),
                self.zip[:5],
            ]
        )

    def as_dict(self) -> dict[str, str]:
        return {"street": self.street, "city": self.city, "state": self.state, "zip": self.zip}


class RecordKind(StrEnum):
    BORROWER = "borrower"
    INCOME_RECORD = "income_record"
    ACCOUNT_NUMBER = "account_number"


class IncomePeriod(StrEnum):
    ANNUAL = "annual"
    YTD = "ytd"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"


@dataclass(eq=False, kw_only=True)
class Borrower:
    """A person, shared across documents. The SSN is kept only as a keyed hash plus last four."""

    name: str
    ssn_hash: str | None = None
    ssn_last4: str | None = None
    address: Address | None = None
    employer: str | None = None
    confidence: float = 1.0
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    normalized_name: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.normalized_name:
            self.normalized_name = normalize_name(self.name)


@dataclass(eq=False, kw_only=True)
class IncomeRecord:
    document_id: uuid.UUID
    borrower_id: uuid.UUID | None
    amount: Decimal
    period: str
    year: int | None
    source_type: str
    employer: str | None = None
    confidence: float = 1.0
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime | None = None


@dataclass(eq=False, kw_only=True)
class AccountNumber:
    """An account as printed on a document; the full number is never kept in clear."""

    document_id: uuid.UUID
    borrower_id: uuid.UUID | None
    last4: str
    masked: str
    account_hash: str | None = None
    account_type: str | None = None
    institution: str | None = None
    confidence: float = 1.0
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime | None = None


@dataclass(eq=False, kw_only=True)
class DocumentPart:
    """One document found inside a file: a loan packet's pay stub on pages 4-5, say.

    A file holding a single document has one part; its records name their part through their
    source references (``SourceReference.part_number``)."""

    document_id: uuid.UUID
    part_number: int  # 1, 2, ... in page order
    doc_type: str
    first_page: int
    last_page: int
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.first_page <= self.last_page:
            raise ValueError(f"bad page range {self.first_page}-{self.last_page}")


@dataclass(eq=False, kw_only=True)
class SourceReference:
    """Where a record came from: document, page, section, a masked snippet and a box."""

    document_id: uuid.UUID
    record_type: RecordKind
    record_id: uuid.UUID
    page_number: int
    section: str
    snippet: str
    bbox: tuple[float, float, float, float] | None = None
    extractor: str = ""
    extractor_version: str = ""
    confidence: float = 1.0
    part_number: int | None = None  # the DocumentPart the record was read from
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime | None = None


class SubmissionStatus(StrEnum):
    RECEIVED = "received"
    RESOLVED = "resolved"
    FAILED = "failed"
    # Its ingest message broke the task contract (README "The task contract"): nothing was run.
    REJECTED = "rejected"


@dataclass(kw_only=True)
class Submission:
    """One hand-in by a producer. Several submissions may resolve to the same document
    (duplicates); each is kept so an operator can see what arrived and what it matched."""

    id: uuid.UUID
    filename: str
    size_bytes: int
    staging_key: str
    submitted_at: datetime
    metadata: dict[str, object] | None = None
    idempotency_key: str | None = None
    status: SubmissionStatus = SubmissionStatus.RECEIVED
    document_id: uuid.UUID | None = None
    duplicate: bool | None = None
    error_message: str | None = None
    resolved_at: datetime | None = None
    # When the sweeper last sent its ingest message again (the first was lost with the broker's
    # data, or never reached the broker).
    resent_at: datetime | None = None
    events: list[events.DomainEvent] = field(default_factory=list, repr=False, compare=False)

    def reject(self, reason: str, *, task_name: str, now: datetime) -> None:
        """Its message broke the task contract: only a submission still waiting for ingest (or
        a new one) can be rejected; one that was ingested or failed keeps its outcome."""
        if self.status is not SubmissionStatus.RECEIVED:
            raise ValueError(f"submission {self.id} is {self.status}, not received")
        self.status = SubmissionStatus.REJECTED
        self.error_message = reason
        self.resolved_at = now
        self.events.append(
            events.SubmissionRejected(
                submission_id=self.id, occurred_at=now, task_name=task_name, reason=reason
            )
        )
