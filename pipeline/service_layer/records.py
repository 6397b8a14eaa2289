"""From extractor output to stored records: PII protection, borrower matching, source references.

Extractors hand back candidates that may hold a full SSN or account number in memory. Here they
become keyed hashes, last-four digits and masked forms before anything reaches the database."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from pipeline import extraction
from pipeline.domain.errors import ExtractionFailed, PipelineError
from pipeline.domain.extracted import Evidence, ExtractedBorrower, ExtractionResult
from pipeline.domain.model import (
    AccountNumber,
    Borrower,
    DocumentPart,
    IncomeRecord,
    RecordKind,
    SourceReference,
)
from pipeline.domain.pages import Page
from pipeline.extraction import matching
from pipeline.pii import PiiProtector, last4, mask_account, redact
from pipeline.service_layer.unit_of_work import AbstractUnitOfWork

log = logging.getLogger(__name__)
_CENT = Decimal("0.01")


def extract(pages: Sequence[Page]) -> list[ExtractionResult]:
    """Run the extractors; an unexpected crash in one is a permanent, explained failure."""
    try:
        return extraction.extract_document(pages)
    except PipelineError:
        raise
    except Exception as exc:
        log.exception("extractor crashed")
        raise ExtractionFailed(
            f"extraction failed ({type(exc).__name__}); the page text is kept: "
            "reprocess the document once the extractor is fixed"
        ) from exc


def _source(
    document_id: uuid.UUID,
    kind: RecordKind,
    record_id: uuid.UUID,
    evidence: Evidence,
    result: ExtractionResult,
    now: datetime,
    part_number: int,
) -> SourceReference:
    return SourceReference(
        document_id=document_id,
        record_type=kind,
        record_id=record_id,
        page_number=evidence.page_number,
        section=evidence.section[:128],
        snippet=redact(evidence.snippet)[:1000],
        bbox=evidence.bbox,
        extractor=result.extractor,
        extractor_version=result.extractor_version,
        confidence=max(0.0, min(1.0, evidence.confidence)),
        part_number=part_number,
        created_at=now,
    )


async def _resolve_borrower(
    uow: AbstractUnitOfWork, pii: PiiProtector, found: ExtractedBorrower, now: datetime
) -> Borrower:
    ssn_hash = pii.ssn_hash(found.ssn) if found.ssn else None
    candidate = Borrower(
        name=found.name,
        ssn_hash=ssn_hash,
        ssn_last4=last4(found.ssn) if found.ssn else found.ssn_last4,
        address=found.address,
        employer=found.employer,
        confidence=found.confidence,
        created_at=now,
        updated_at=now,
    )
    existing: list[Borrower] = []
    if ssn_hash:
        by_ssn = await uow.borrowers.find_by_ssn_hash(ssn_hash)
        if by_ssn is not None:
            existing.append(by_ssn)
    existing.extend(
        b
        for b in await uow.borrowers.find_by_normalized_name(candidate.normalized_name)
        if b not in existing
    )
    match = matching.match_borrower(candidate, existing)
    if match is None:
        if any(b.ssn_hash == ssn_hash for b in existing if ssn_hash):
            # the SSN is already another person's (a misread digit or a reused number): this
            # one keeps the last four only, and a person should look at both
            log.warning(
                "SSN ending %s is already stored under another name; kept apart for review",
                candidate.ssn_last4,
            )
            candidate.ssn_hash = None
        await uow.borrowers.add(candidate)
        return candidate
    matching.merge_borrower(match, candidate)
    match.updated_at = now
    return match


async def replace_records(
    uow: AbstractUnitOfWork,
    pii: PiiProtector,
    document_id: uuid.UUID,
    results: Sequence[ExtractionResult],
    *,
    now: datetime,
) -> dict[str, int]:
    """Replace every record and part this document produced with those in ``results`` (one
    part each); borrowers are matched against the ones already known (other documents,
    earlier runs of this one). A borrower named in several parts gets a source in each."""
    incomes: list[IncomeRecord] = []
    accounts: list[AccountNumber] = []
    sources: list[SourceReference] = []
    parts: list[DocumentPart] = []
    mentioned: dict[uuid.UUID, Borrower] = {}
    for part_number, result in enumerate(results, start=1):
        if result.pages:
            parts.append(
                DocumentPart(
                    document_id=document_id,
                    part_number=part_number,
                    doc_type=result.doc_type,
                    first_page=min(result.pages),
                    last_page=max(result.pages),
                    created_at=now,
                )
            )
        by_key: dict[str, Borrower] = {}
        in_part: set[uuid.UUID] = set()
        for found in result.borrowers:
            borrower = await _resolve_borrower(uow, pii, found, now)
            by_key[found.key] = borrower
            mentioned.setdefault(borrower.id, borrower)
            if borrower.id not in in_part:
                in_part.add(borrower.id)
                sources.append(
                    _source(
                        document_id,
                        RecordKind.BORROWER,
                        borrower.id,
                        found.evidence,
                        result,
                        now,
                        part_number,
                    )
                )
        for income in result.incomes:
            owner = by_key.get(income.borrower_key or "")
            record = IncomeRecord(
                document_id=document_id,
                borrower_id=owner.id if owner else None,
                amount=income.amount.quantize(_CENT),
                period=income.period,
                year=income.year,
                source_type=income.source_type,
                employer=income.employer,
                confidence=income.confidence,
                created_at=now,
            )
            incomes.append(record)
            sources.append(
                _source(
                    document_id,
                    RecordKind.INCOME_RECORD,
                    record.id,
                    income.evidence,
                    result,
                    now,
                    part_number,
                )
            )
        for account in result.accounts:
            owner = by_key.get(account.borrower_key or "")
            record_account = AccountNumber(
                document_id=document_id,
                borrower_id=owner.id if owner else None,
                last4=last4(account.number),
                masked=mask_account(account.number),
                account_hash=pii.account_hash(account.number),
                account_type=account.account_type,
                institution=account.institution,
                confidence=account.confidence,
                created_at=now,
            )
            accounts.append(record_account)
            sources.append(
                _source(
                    document_id,
                    RecordKind.ACCOUNT_NUMBER,
                    record_account.id,
                    account.evidence,
                    result,
                    now,
                    part_number,
                )
            )
    await uow.incomes.replace_for_document(document_id, incomes)
    await uow.accounts.replace_for_document(document_id, accounts)
    await uow.sources.replace_for_document(document_id, sources)
    await uow.parts.replace_for_document(document_id, parts)
    return {
        "borrowers": len(mentioned),
        "income_records": len(incomes),
        "account_numbers": len(accounts),
    }
