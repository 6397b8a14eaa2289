"""What an extractor hands back: candidates not yet matched to stored borrowers.

These live only in memory inside one processing task. They may carry a full SSN or account
number (``repr`` hides it); the service layer turns them into keyed hashes, last-four digits and
masked forms before anything is stored, logged or exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.domain.model import Address


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Where a value was read: page, section (e.g. "W-2 box 1"), masked snippet, optional box."""

    page_number: int
    section: str
    snippet: str
    bbox: tuple[float, float, float, float] | None = None
    confidence: float = 1.0


@dataclass(frozen=True, kw_only=True)
class ExtractedBorrower:
    key: str  # local reference used by incomes/accounts of the same result
    name: str
    evidence: Evidence
    ssn: str | None = field(default=None, repr=False)  # 9 digits, never stored in clear
    ssn_last4: str | None = None  # when only the last four are printed
    address: Address | None = None
    employer: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True, kw_only=True)
class ExtractedIncome:
    borrower_key: str | None
    amount: Decimal
    period: str
    year: int | None
    source_type: str
    evidence: Evidence
    employer: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True, kw_only=True)
class ExtractedAccount:
    borrower_key: str | None  # the primary holder
    number: str = field(repr=False)  # as printed: full digits or already masked ("****1234")
    evidence: Evidence
    account_type: str | None = None
    institution: str | None = None
    confidence: float = 1.0
    # the other holders of a joint account, in the order printed
    joint_borrower_keys: tuple[str, ...] = ()


@dataclass(kw_only=True)
class ExtractionResult:
    doc_type: str
    extractor: str
    extractor_version: str
    borrowers: list[ExtractedBorrower] = field(default_factory=list)
    incomes: list[ExtractedIncome] = field(default_factory=list)
    accounts: list[ExtractedAccount] = field(default_factory=list)
    # Free-form facts kept for the export (tax year, EIN, pay dates, balances ...), no PII.
    fields: dict[str, str] = field(default_factory=dict)
    # The file's pages this document was read from, in order (one part of a packet).
    pages: tuple[int, ...] = ()
