"""Whether a borrower read from a document is one already stored. Pure: the service layer
loads the candidates and applies the answer.

Rules, in order:
1. both have SSN hashes: equal -> the same person, provided the names share a word (a
   printing variant, "JANE Q. PUBLIC" for "Jane Public"); equal SSNs under two unrelated names
   are a misread digit or a reused number, and merging them would hand one person's income to
   another, so they stay apart; different SSNs -> never the same person, even with the same
   name (two John Smiths stay two rows);
2. otherwise the normalized names must be equal and either the address keys or the normalized
   employers must be equal too. A name alone is not enough.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.domain.model import Borrower, normalize_name


def normalize_employer(name: str | None) -> str:
    """Employer names compare without case, punctuation or legal suffixes ("Acme, Inc.")."""
    words = normalize_name(name or "").split()
    suffixes = {"inc", "llc", "corp", "corporation", "co", "company", "ltd", "plc", "lp", "llp"}
    while words and words[-1] in suffixes:
        words.pop()
    return " ".join(words)


def names_compatible(a: str, b: str) -> bool:
    """Whether two normalized names can be one person's: they share a word of two letters or
    more (initials and word order aside), or one of them is unknown."""
    if not a or not b:
        return True
    return bool({w for w in a.split() if len(w) > 1} & {w for w in b.split() if len(w) > 1})


def _name(b: Borrower) -> str:
    return b.normalized_name or normalize_name(b.name)


def match_borrower(candidate: Borrower, existing: Sequence[Borrower]) -> Borrower | None:
    """The stored borrower ``candidate`` is, or None when it is a new person."""
    if candidate.ssn_hash:
        for b in existing:
            if b.ssn_hash == candidate.ssn_hash and names_compatible(_name(b), _name(candidate)):
                return b
    name = _name(candidate)
    if not name:
        return None
    for b in existing:
        if candidate.ssn_hash and b.ssn_hash:
            continue  # decided by rule 1
        if candidate.ssn_last4 and b.ssn_last4 and candidate.ssn_last4 != b.ssn_last4:
            continue
        if _name(b) != name:
            continue
        same_address = (
            candidate.address is not None
            and b.address is not None
            and candidate.address.key() == b.address.key()
        )
        employer = normalize_employer(candidate.employer)
        same_employer = bool(employer) and employer == normalize_employer(b.employer)
        if same_address or same_employer:
            return b
    return None


def merge_borrower(existing: Borrower, candidate: Borrower) -> None:
    """Fill what ``existing`` lacks from ``candidate``; known values are never overwritten."""
    if existing.address is None and candidate.address is not None:
        existing.address = candidate.address
    if existing.ssn_hash is None and candidate.ssn_hash is not None:
        existing.ssn_hash = candidate.ssn_hash
    if existing.ssn_last4 is None and candidate.ssn_last4 is not None:
        existing.ssn_last4 = candidate.ssn_last4
    if existing.employer is None and candidate.employer is not None:
        existing.employer = candidate.employer
