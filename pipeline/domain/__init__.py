"""Pure domain model: documents, their status rules, records, events and errors."""

from pipeline.domain.errors import (
    IllegalTransition,
    PermanentError,
    PipelineError,
    RetryableError,
)
from pipeline.domain.model import (
    AccountNumber,
    Address,
    Borrower,
    DocType,
    Document,
    DocumentStatus,
    FileType,
    IncomeRecord,
    RecordKind,
    SourceReference,
)

__all__ = [
    "AccountNumber",
    "Address",
    "Borrower",
    "DocType",
    "Document",
    "DocumentStatus",
    "FileType",
    "IllegalTransition",
    "IncomeRecord",
    "PermanentError",
    "PipelineError",
    "RecordKind",
    "RetryableError",
    "SourceReference",
]
