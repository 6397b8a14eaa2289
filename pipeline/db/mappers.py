"""Imperative (classical) mapping of the pure domain classes onto the tables.

The domain never imports SQLAlchemy; this module teaches SQLAlchemy about the domain instead.
``start_mappers()`` is idempotent and called wherever a database is opened.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import registry

from pipeline.db import tables
from pipeline.domain.model import (
    AccountNumber,
    Borrower,
    Document,
    DocumentPart,
    IncomeRecord,
    SourceReference,
)

mapper_registry = registry(metadata=tables.metadata)
_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    mapper_registry.map_imperatively(Document, tables.documents)
    mapper_registry.map_imperatively(Borrower, tables.borrowers)
    mapper_registry.map_imperatively(IncomeRecord, tables.income_records)
    mapper_registry.map_imperatively(AccountNumber, tables.account_numbers)
    mapper_registry.map_imperatively(SourceReference, tables.source_references)
    mapper_registry.map_imperatively(DocumentPart, tables.document_parts)
    _started = True


@event.listens_for(Document, "load")
def _init_events(document: Document, _context: Any) -> None:
    # Loaded instances skip __init__; give them their (empty) event list.
    document.events = []
