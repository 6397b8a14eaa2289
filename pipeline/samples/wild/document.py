"""What a wild-generator builder returns: one document's PDF and its labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WildDocument:
    """A text PDF and its truth in the corpus ``truth.json`` format (``shared/corpus/README.md``):
    ``doc_type``, ``borrowers``, ``income_records``, ``account_numbers`` (``scanned`` and the
    layout are added by the corpus writer). ``text_size`` is the body text's size in points
    (scans of documents under 9 pt are never rendered at 150 DPI)."""

    pdf: bytes
    doc_type: str
    borrowers: list[dict[str, Any]] = field(default_factory=list)
    income_records: list[dict[str, Any]] = field(default_factory=list)
    account_numbers: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""
    text_size: float = 10.0
