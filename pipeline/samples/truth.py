"""Ground truth for one generated document, in the corpus ``truth.json`` format.

The format is the one of ``shared/corpus/real/truth.json`` (see ``shared/corpus/README.md``),
plus ``institution`` on accounts and a free-form ``notes`` string describing the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pipeline.domain.model import Address


@dataclass(frozen=True)
class TruthBorrower:
    name: str
    ssn_last4: str | None
    address: Address | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ssn_last4": self.ssn_last4,
            "address": self.address.as_dict() if self.address else None,
        }


@dataclass(frozen=True)
class TruthIncome:
    borrower: str
    amount: Decimal
    period: str
    year: int | None  # None where the document prints no year (a loan application)
    source_type: str
    employer: str | None
    page: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "borrower": self.borrower,
            "amount": f"{self.amount:.2f}",
            "period": self.period,
            "year": self.year,
            "source_type": self.source_type,
            "employer": self.employer,
            "page": self.page,
        }


@dataclass(frozen=True)
class TruthAccount:
    borrower: str
    last4: str
    account_type: str
    institution: str
    page: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "borrower": self.borrower,
            "last4": self.last4,
            "account_type": self.account_type,
            "institution": self.institution,
            "page": self.page,
        }


@dataclass
class DocumentTruth:
    doc_type: str
    layout: str
    borrowers: list[TruthBorrower] = field(default_factory=list)
    income_records: list[TruthIncome] = field(default_factory=list)
    account_numbers: list[TruthAccount] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_borrower(self, borrower: TruthBorrower) -> None:
        if borrower not in self.borrowers:
            self.borrowers.append(borrower)

    def as_dict(self, *, scanned: bool, file_format: str) -> dict[str, Any]:
        notes = [f"layout={self.layout}", f"format={file_format}", *self.notes]
        return {
            "doc_type": self.doc_type,
            "scanned": scanned,
            "borrowers": [b.as_dict() for b in self.borrowers],
            "income_records": [r.as_dict() for r in self.income_records],
            "account_numbers": [a.as_dict() for a in self.account_numbers],
            "notes": "; ".join(notes),
        }
