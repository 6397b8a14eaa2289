"""Reconciliation: find where PostgreSQL and the blob store disagree, repair what can be repaired
without a person, and write one ``reconciliation_reports`` row per run.

A run has three passes:

1. **Documents and their objects.** The objects under ``documents/`` are listed once, as one
   stream ordered by key, and consumed a shard (the hash's first two hex digits) at a time next to
   that shard's document rows, read in batches; memory holds one shard's listing and one batch of
   rows however large the table. A row whose object is missing, or whose object's size differs
   from ``file_size_bytes`` (with ``deep``: whose bytes no longer hash to ``file_hash``), is
   repaired from a surviving staged upload of one of its submissions when one hashes to
   ``file_hash``; otherwise the document is marked FAILED with the reason
   (:meth:`Document.lose_content`). A document already FAILED is not marked again: its row already
   says it cannot be used. An object with no row is an orphan: reported, and deleted once older
   than ``reconcile_orphan_grace_seconds`` (ingest stores the object before inserting its row, so
   young orphans are normal).
2. **Staged uploads never ingested.** A submission still 'received' after
   ``reconcile_staged_after_seconds`` lost its ingest message: it is sent again through the
   caller's ``enqueue_ingest`` (ingest is idempotent per submission id). After
   ``staging_expiry_seconds``, or when its staged upload is gone, the submission is failed with
   the reason and the staged upload deleted.
3. **Staging leftovers.** A staged object older than the grace period whose submission is unknown
   (the producer died before registering it, or a producer that only sends the task saw its
   message wait longer than the grace period) or already ingested or failed (ingest could not
   delete it) is deleted.

Keys outside the ``documents/{h[:2]}/{hash}`` and ``staging/{submission}/{name}`` layouts are
reported and never deleted. Every action re-reads the row or object it acts on and changes the
database only by compare-and-set, so a run is safe next to ingest, processing and another run; a
lost race is reported ("left alone: ... meanwhile") and looked at again by the next run.

The report counts: ``records_checked`` = document rows + objects listed under ``documents/`` and
``staging/`` + stale submissions examined; ``mismatches_found`` = findings; ``auto_repaired`` =
findings fixed (restored, deleted, sent again, expired); ``failed_repairs`` = findings a person
must look at: bytes or an upload lost for good (the document or submission is now FAILED), or a
repair that raised (the next run tries again). A dry run (status ``dry_run``) changes nothing,
sends nothing, repairs nothing (its findings say what *would* be done, outcome ``planned``) and
still writes its report row. A run that breaks off (a listing fails, the database goes away) writes
status ``failed`` with the error and re-raises it. Messages and details name ids, hashes and keys,
never file content; keys other than content-addressed ones (a staging key carries a producer's
file name) appear without their last segment, e.g. ``staging/<submission id>/…``.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import tempfile
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from pipeline.domain.errors import BlobMissing, PipelineError
from pipeline.domain.model import Document, DocumentStatus, FileType, Submission, SubmissionStatus
from pipeline.service_layer.deps import Dependencies
from pipeline.service_layer.services import CONTENT_TYPES, hash_file
from pipeline.storage import (
    DOCUMENTS_PREFIX,
    STAGING_PREFIX,
    BlobInfo,
    BlobStore,
    InvalidBlobKey,
    document_key,
    is_document_key,
    submission_of_staging_key,
)

log = logging.getLogger(__name__)

# Findings kept in the report's details; the counts always cover every finding.
MAX_FINDINGS = 500
_BATCH = 500
_LIST_CHUNK = 1000
_SHARDS = tuple(f"{i:02x}" for i in range(256))


class FindingKind(StrEnum):
    MISSING_OBJECT = "missing_object"  # a document row whose object is not in the store
    CHANGED_OBJECT = "changed_object"  # its object's size or SHA-256 no longer matches the row
    FOREIGN_URI = "foreign_uri"  # its blob_uri belongs to another store
    ORPHAN_OBJECT = "orphan_object"  # an object under documents/ with no row
    UNEXPECTED_KEY = "unexpected_key"  # an object outside the key layout
    STALE_SUBMISSION = "stale_submission"  # 'received' too long: its ingest message was lost
    EXPIRED_SUBMISSION = "expired_submission"  # 'received' past the staging expiry
    MISSING_STAGED = "missing_staged"  # 'received', but its staged upload is gone
    ORPHAN_STAGED = "orphan_staged"  # a staged object with no submission row
    LEFTOVER_STAGED = "leftover_staged"  # a staged object of a submission ingested or failed


class Outcome(StrEnum):
    REPAIRED = "repaired"
    FAILED = "failed"  # lost for good (now recorded as FAILED), or the repair raised
    REPORTED = "reported"  # nothing done: young orphan, unexpected key, lost race
    PLANNED = "planned"  # dry run: ``action`` says what would have been done


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    action: str
    outcome: Outcome
    key: str | None = None
    document_id: uuid.UUID | None = None
    submission_id: uuid.UUID | None = None
    detail: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "action": self.action,
            "outcome": self.outcome.value,
            "key": self.key,
            "document_id": str(self.document_id) if self.document_id else None,
            "submission_id": str(self.submission_id) if self.submission_id else None,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ReconciliationReport:
    """One run, as written to ``reconciliation_reports`` (``details`` is :meth:`details`)."""

    id: uuid.UUID
    run_at: datetime
    completed_at: datetime
    status: str  # completed | dry_run | failed
    dry_run: bool
    deep: bool
    checked: dict[str, int]
    mismatches_found: int
    auto_repaired: int
    failed_repairs: int
    by_kind: dict[str, int]
    findings: tuple[Finding, ...]  # the first MAX_FINDINGS
    findings_omitted: int
    error: str | None = None

    @classmethod
    def of(
        cls,
        *,
        id: uuid.UUID,
        run_at: datetime,
        completed_at: datetime,
        status: str,
        dry_run: bool,
        deep: bool,
        checked: Mapping[str, int],
        findings: Sequence[Finding],
        max_findings: int = MAX_FINDINGS,
        error: str | None = None,
    ) -> ReconciliationReport:
        """The report of a run that found ``findings``: the counts cover all of them, the
        details list the first ``max_findings``."""
        outcomes = Counter(f.outcome for f in findings)
        return cls(
            id=id,
            run_at=run_at,
            completed_at=completed_at,
            status=status,
            dry_run=dry_run,
            deep=deep,
            checked=dict(checked),
            mismatches_found=len(findings),
            auto_repaired=outcomes[Outcome.REPAIRED],
            failed_repairs=outcomes[Outcome.FAILED],
            by_kind=dict(sorted(Counter(f.kind.value for f in findings).items())),
            findings=tuple(findings[:max_findings]),
            findings_omitted=max(0, len(findings) - max_findings),
            error=error,
        )

    @property
    def records_checked(self) -> int:
        return sum(self.checked.values())

    def details(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "deep": self.deep,
            "checked": dict(self.checked),
            "by_kind": dict(self.by_kind),
            "findings": [f.as_dict() for f in self.findings],
            "findings_omitted": self.findings_omitted,
            "error": self.error,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "run_at": self.run_at.isoformat(),
            "completed_at": self.completed_at.isoformat(),
            "status": self.status,
            "records_checked": self.records_checked,
            "mismatches_found": self.mismatches_found,
            "auto_repaired": self.auto_repaired,
            "failed_repairs": self.failed_repairs,
            "details": self.details(),
        }


async def reconcile(
    deps: Dependencies,
    *,
    dry_run: bool = False,
    deep: bool = False,
    enqueue_ingest: Callable[[Submission], None] | None = None,
    max_findings: int = MAX_FINDINGS,
) -> ReconciliationReport:
    """Compare the database with the blob store, repair what can be repaired, and write (and
    return) the run's report; see the module docstring for what is checked and done.

    ``enqueue_ingest(submission)`` sends a stale submission's ingest task again; it is called
    from the event loop running this coroutine, so it must send the message, not run the ingest
    in-process (with Celery in eager mode, collect the submissions and send them afterwards).
    Without it stale submissions are only reported. ``deep`` downloads and re-hashes every
    object of a document that is not FAILED (slow: it reads the whole bucket)."""
    run = _Run(deps, dry_run=dry_run, deep=deep, enqueue_ingest=enqueue_ingest)
    try:
        await run.check_documents()
        await run.check_submissions()
        await run.check_staging()
    except Exception as exc:
        report = run.report("failed", max_findings, error=_describe(exc))
        try:
            await _save(deps, report)
        except Exception as save_error:
            log.warning("could not write the failed reconciliation report: %s", save_error)
        log.error("reconciliation %s broke off: %s", report.id, report.error)
        raise
    report = run.report("dry_run" if dry_run else "completed", max_findings)
    await _save(deps, report)
    log.info(
        "reconciliation %s (%s): %d checked, %d mismatches, %d repaired, %d failed repairs",
        report.id,
        report.status,
        report.records_checked,
        report.mismatches_found,
        report.auto_repaired,
        report.failed_repairs,
    )
    return report


async def _save(deps: Dependencies, report: ReconciliationReport) -> None:
    async with deps.uow_factory() as uow:
        await uow.reconciliation_reports.add(
            id=report.id,
            run_at=report.run_at,
            completed_at=report.completed_at,
            status=report.status,
            records_checked=report.records_checked,
            mismatches_found=report.mismatches_found,
            auto_repaired=report.auto_repaired,
            failed_repairs=report.failed_repairs,
            details=report.details(),
        )
        await uow.commit()


class _Run:
    """One reconciliation run: its options, its clock reading and what it found."""

    def __init__(
        self,
        deps: Dependencies,
        *,
        dry_run: bool,
        deep: bool,
        enqueue_ingest: Callable[[Submission], None] | None,
    ) -> None:
        settings = deps.settings
        self.deps = deps
        self.blobs: BlobStore = deps.blobs
        self.dry_run = dry_run
        self.deep = deep
        self.enqueue_ingest = enqueue_ingest
        self.id = uuid.uuid4()
        self.now = deps.clock()
        self.stamp = self.now.strftime("%Y-%m-%d %H:%M:%S UTC")
        self.grace = timedelta(seconds=settings.reconcile_orphan_grace_seconds)
        self.staged_after = timedelta(seconds=settings.reconcile_staged_after_seconds)
        self.expiry = timedelta(seconds=settings.staging_expiry_seconds)
        self.findings: list[Finding] = []
        self.checked: Counter[str] = Counter(
            {"documents": 0, "objects": 0, "submissions": 0, "staged_objects": 0}
        )

    def report(
        self, status: str, max_findings: int, *, error: str | None = None
    ) -> ReconciliationReport:
        return ReconciliationReport.of(
            id=self.id,
            run_at=self.now,
            completed_at=self.deps.clock(),
            status=status,
            dry_run=self.dry_run,
            deep=self.deep,
            checked=self.checked,
            findings=self.findings,
            max_findings=max_findings,
            error=error,
        )

    def record(
        self,
        kind: FindingKind,
        action: str,
        outcome: Outcome,
        *,
        key: str | None = None,
        document_id: uuid.UUID | None = None,
        submission_id: uuid.UUID | None = None,
        detail: str | None = None,
    ) -> None:
        shown = None if key is None else redact_key(key)
        finding = Finding(kind, action, outcome, shown, document_id, submission_id, detail)
        self.findings.append(finding)
        level = logging.WARNING if outcome is Outcome.FAILED else logging.INFO
        log.log(
            level,
            "reconciliation %s: %s %s: %s (%s)",
            self.id,
            kind.value,
            shown or document_id or submission_id,
            action,
            outcome.value,
            extra={"document_id": str(document_id)} if document_id else None,
        )

    # --- documents and their objects --------------------------------------------------------

    async def check_documents(self) -> None:
        listing = _Listing(self.blobs, DOCUMENTS_PREFIX)
        for shard in _SHARDS:
            shard_prefix = f"{DOCUMENTS_PREFIX}{shard}/"
            listed: dict[str, BlobInfo] = {}
            while (info := await listing.peek()) is not None and (
                info.key < shard_prefix or info.key.startswith(shard_prefix)
            ):
                listing.pop()
                self.checked["objects"] += 1
                if info.key.startswith(shard_prefix) and is_document_key(info.key):
                    listed[info.key] = info
                else:
                    self.unexpected_key(info.key)
            after: str | None = None
            while True:
                async with self.deps.uow_factory() as uow:
                    batch: list[Document] = await uow.documents.list_by_hash_prefix(
                        shard, after=after, limit=_BATCH
                    )
                for document in batch:
                    await self.check_document(document, listed)
                if len(batch) < _BATCH:
                    break
                after = batch[-1].file_hash
            for info in listed.values():
                await self.orphan_object(info)
        while (info := await listing.peek()) is not None:
            listing.pop()
            self.checked["objects"] += 1
            self.unexpected_key(info.key)

    def unexpected_key(self, key: str) -> None:
        self.record(
            FindingKind.UNEXPECTED_KEY,
            "left alone: outside the key layout (never deleted automatically)",
            Outcome.REPORTED,
            key=key,
        )

    async def check_document(self, document: Document, listed: dict[str, BlobInfo]) -> None:
        self.checked["documents"] += 1
        expected = document_key(document.file_hash)
        info = listed.pop(expected, None)
        try:
            key = self.blobs.key_from_uri(document.blob_uri)
        except InvalidBlobKey:
            self.record(
                FindingKind.FOREIGN_URI,
                "left alone: its blob_uri is not in this blob store",
                Outcome.REPORTED,
                document_id=document.id,
                detail=document.blob_uri,
            )
            return
        if key != expected:
            info = None  # stored outside the layout: problem() looks at it on its own
        problem = await self.problem(document, key, info)
        if problem is not None:
            await self.repair_document(document, key, *problem)

    async def problem(
        self, document: Document, key: str, info: BlobInfo | None
    ) -> tuple[FindingKind, str] | None:
        uri = document.blob_uri
        if info is None or info.size != document.file_size_bytes:
            # The listing is a snapshot: look again before acting on it.
            info = await self.stat(key)
        if info is None:
            return FindingKind.MISSING_OBJECT, f"stored object {uri} is missing"
        if info.size != document.file_size_bytes:
            return FindingKind.CHANGED_OBJECT, (
                f"stored object {uri} is {info.size} bytes, not the "
                f"{document.file_size_bytes} recorded: its bytes no longer match file_hash"
            )
        if self.deep and document.status is not DocumentStatus.FAILED:
            try:
                digest = await asyncio.to_thread(self.hash_object, key)
            except BlobMissing:
                return FindingKind.MISSING_OBJECT, f"stored object {uri} is missing"
            if digest != document.file_hash:
                return FindingKind.CHANGED_OBJECT, (
                    f"stored bytes of {uri} no longer match file_hash (their SHA-256 is now "
                    f"{digest[:16]}...)"
                )
        return None

    async def repair_document(
        self, document: Document, key: str, kind: FindingKind, reason: str
    ) -> None:
        try:
            source = await self.restore_from_staging(document, key)
        except PipelineError as exc:
            self.record(
                kind,
                "restoring from a staged upload failed; the next run tries again",
                Outcome.FAILED,
                key=key,
                document_id=document.id,
                detail=f"{reason}; {_describe(exc)}",
            )
            return
        if source is not None:
            self.record(
                kind,
                f"{'would restore' if self.dry_run else 'restored'} from the staged upload of "
                f"submission {source}",
                Outcome.PLANNED if self.dry_run else Outcome.REPAIRED,
                key=key,
                document_id=document.id,
                submission_id=source,
                detail=reason,
            )
            return
        if document.status is DocumentStatus.FAILED:
            return  # already tells a person it cannot be used; a reprocess would name the loss
        if self.dry_run:
            self.record(
                kind,
                "would mark the document FAILED",
                Outcome.PLANNED,
                key=key,
                document_id=document.id,
                detail=reason,
            )
            return
        won = await self.lose_content(
            document.id, f"{reason} (found by reconciliation at {self.stamp})"
        )
        self.record(
            kind,
            "marked the document FAILED"
            if won
            else "left alone: its status changed meanwhile (looked at again next run)",
            Outcome.FAILED if won else Outcome.REPORTED,
            key=key,
            document_id=document.id,
            detail=reason,
        )

    async def restore_from_staging(self, document: Document, key: str) -> uuid.UUID | None:
        """The submission whose surviving staged upload hashes to the document's file_hash,
        after writing it back under ``key`` (unless a dry run); None if there is none."""
        async with self.deps.uow_factory() as uow:
            submissions: list[Submission] = await uow.submissions.list_for_document(document.id)
        for submission in submissions:
            if await asyncio.to_thread(self.restore_one, submission.staging_key, document, key):
                return submission.id
        return None

    def restore_one(self, staging_key: str, document: Document, key: str) -> bool:
        with tempfile.TemporaryDirectory(prefix="reconcile-") as tmp:
            path = Path(tmp) / "staged"
            try:
                self.blobs.download_to(staging_key, path)
            except (BlobMissing, InvalidBlobKey):
                return False
            if hash_file(path)[0] != document.file_hash:
                return False
            if not self.dry_run:
                content_type = CONTENT_TYPES.get(FileType(document.file_type))
                self.blobs.put_file(key, path, content_type=content_type)
            return True

    def hash_object(self, key: str) -> str:
        with tempfile.TemporaryDirectory(prefix="reconcile-") as tmp:
            path = Path(tmp) / "object"
            self.blobs.download_to(key, path)
            return hash_file(path)[0]

    async def lose_content(self, document_id: uuid.UUID, reason: str) -> bool:
        async with self.deps.uow_factory() as uow:
            document: Document | None = await uow.documents.get(document_id)
            if document is None or document.status is DocumentStatus.FAILED:
                return False
            expected = DocumentStatus(document.status)
            document.lose_content(reason, now=self.deps.clock())
            if not await uow.documents.transition(document, expected):
                return False
            await uow.commit()
        return True

    async def stat(self, key: str) -> BlobInfo | None:
        def look() -> BlobInfo | None:
            return next((info for info in self.blobs.list(key) if info.key == key), None)

        return await asyncio.to_thread(look)

    async def orphan_object(self, info: BlobInfo) -> None:
        file_hash = info.key.rsplit("/", 1)[1]
        age = self.now - info.updated_at
        if age < self.grace:
            self.record(
                FindingKind.ORPHAN_OBJECT,
                "kept: younger than the grace period (ingest stores the object before its row)",
                Outcome.REPORTED,
                key=info.key,
                detail=f"stored {_hours(age)} ago",
            )
            return
        if self.dry_run:
            self.record(
                FindingKind.ORPHAN_OBJECT,
                "would delete",
                Outcome.PLANNED,
                key=info.key,
                detail=f"stored {_hours(age)} ago",
            )
            return
        # Look again: an ingest of the same bytes may have reused the object for a new row.
        if await self.document_with_hash(file_hash) is not None:
            return
        fresh = await self.stat(info.key)
        if fresh is None or self.now - fresh.updated_at < self.grace:
            return  # deleted or written again meanwhile
        if not await self.delete(FindingKind.ORPHAN_OBJECT, info.key):
            return
        self.record(
            FindingKind.ORPHAN_OBJECT,
            "deleted",
            Outcome.REPAIRED,
            key=info.key,
            detail=f"stored {_hours(age)} ago",
        )
        document = await self.document_with_hash(file_hash)
        if document is not None:
            # An ingest found the object just before it was deleted and then inserted its row:
            # its staged upload may still be there to restore from, else the document fails.
            await self.repair_document(
                document,
                info.key,
                FindingKind.MISSING_OBJECT,
                f"stored object {document.blob_uri} was deleted as an orphan while this "
                "document was being stored with the same bytes",
            )

    async def document_with_hash(self, file_hash: str) -> Document | None:
        async with self.deps.uow_factory() as uow:
            found: Document | None = await uow.documents.get_by_hash(file_hash)
        return found

    async def delete(
        self,
        kind: FindingKind,
        key: str,
        *,
        submission_id: uuid.UUID | None = None,
    ) -> bool:
        try:
            await asyncio.to_thread(self.blobs.delete, key)
        except PipelineError as exc:
            self.record(
                kind,
                "deleting failed; the next run tries again",
                Outcome.FAILED,
                key=key,
                submission_id=submission_id,
                detail=_describe(exc),
            )
            return False
        return True

    # --- staged uploads never ingested -------------------------------------------------------

    async def check_submissions(self) -> None:
        cutoff = self.now - self.staged_after
        after: tuple[datetime, uuid.UUID] | None = None
        while True:
            async with self.deps.uow_factory() as uow:
                page: list[Submission] = await uow.submissions.list_received(
                    cutoff, after=after, limit=_BATCH
                )
            for submission in page:
                await self.stale_submission(submission)
            if len(page) < _BATCH:
                break
            after = (page[-1].submitted_at, page[-1].id)

    async def stale_submission(self, submission: Submission) -> None:
        self.checked["submissions"] += 1
        key = submission.staging_key
        age = self.now - submission.submitted_at
        try:
            staged = await asyncio.to_thread(self.blobs.exists, key)
        except InvalidBlobKey:
            staged = False
        if staged and age < self.expiry:
            await self.send_again(submission, age)
            return
        if staged:
            kind, outcome = FindingKind.EXPIRED_SUBMISSION, Outcome.REPAIRED
            reason = (
                f"never ingested: expired {_hours(age)} after hand-in "
                f"(PIPELINE_STAGING_EXPIRY_SECONDS); its staged upload was deleted by "
                f"reconciliation at {self.stamp}"
            )
        else:
            kind, outcome = FindingKind.MISSING_STAGED, Outcome.FAILED
            reason = (
                f"never ingested: the staged upload is missing from the blob store (found by "
                f"reconciliation at {self.stamp}); hand the file in again"
            )
        todo = "fail the submission" + (" and delete its staged upload" if staged else "")
        if self.dry_run:
            self.record(
                kind, f"would {todo}", Outcome.PLANNED, key=key, submission_id=submission.id
            )
            return
        async with self.deps.uow_factory() as uow:
            won = await uow.submissions.fail(submission.id, reason=reason, now=self.deps.clock())
            if won:
                await uow.commit()
        if not won:
            self.record(
                kind,
                "left alone: ingested or failed meanwhile",
                Outcome.REPORTED,
                key=key,
                submission_id=submission.id,
            )
            return
        if staged and not await self.delete(kind, key, submission_id=submission.id):
            return
        done = "failed the submission" + (" and deleted its staged upload" if staged else "")
        self.record(kind, done, outcome, key=key, submission_id=submission.id)

    async def send_again(self, submission: Submission, age: timedelta) -> None:
        kind = FindingKind.STALE_SUBMISSION
        detail = f"received {_hours(age)} ago"
        if self.enqueue_ingest is None:
            action, outcome = "not sent again: no enqueue callback given", Outcome.REPORTED
        elif self.dry_run:
            action, outcome = "would send its ingest task again", Outcome.PLANNED
        else:
            try:
                self.enqueue_ingest(submission)
            except Exception as exc:  # a broker error: the next run tries again
                action, outcome = "sending its ingest task again failed", Outcome.FAILED
                detail = f"{detail}; {_describe(exc)}"
            else:
                action, outcome = "sent its ingest task again", Outcome.REPAIRED
        self.record(
            kind,
            action,
            outcome,
            key=submission.staging_key,
            submission_id=submission.id,
            detail=detail,
        )

    # --- staging leftovers ------------------------------------------------------------------

    async def check_staging(self) -> None:
        listing = _Listing(self.blobs, STAGING_PREFIX)
        while chunk := await listing.take(_BATCH):
            ids = {sid for info in chunk if (sid := submission_of_staging_key(info.key))}
            async with self.deps.uow_factory() as uow:
                submissions: dict[uuid.UUID, Submission] = await uow.submissions.get_many(ids)
            for info in chunk:
                self.checked["staged_objects"] += 1
                await self.staged_object(info, submissions)

    async def staged_object(self, info: BlobInfo, submissions: dict[uuid.UUID, Submission]) -> None:
        submission_id = submission_of_staging_key(info.key)
        if submission_id is None:
            self.unexpected_key(info.key)
            return
        submission = submissions.get(submission_id)
        if submission is not None and submission.status is SubmissionStatus.RECEIVED:
            return  # waiting for its ingest: the pass above looks after it
        age = self.now - info.updated_at
        if age < self.grace:
            return  # being registered or ingested right now
        kind = FindingKind.ORPHAN_STAGED if submission is None else FindingKind.LEFTOVER_STAGED
        detail = f"staged {_hours(age)} ago" + (
            f"; submission {submission.status.value}" if submission else "; no submission row"
        )
        if self.dry_run:
            self.record(
                kind,
                "would delete",
                Outcome.PLANNED,
                key=info.key,
                submission_id=submission_id,
                detail=detail,
            )
            return
        if submission is None:
            async with self.deps.uow_factory() as uow:
                if await uow.submissions.get(submission_id) is not None:
                    return  # registered meanwhile: the next run looks at it
        if await self.delete(kind, info.key, submission_id=submission_id):
            self.record(
                kind,
                "deleted",
                Outcome.REPAIRED,
                key=info.key,
                submission_id=submission_id,
                detail=detail,
            )


class _Listing:
    """A blob listing read ahead in chunks in a worker thread (the store's iterator blocks on
    I/O while it fetches the next page)."""

    def __init__(self, blobs: BlobStore, prefix: str) -> None:
        self._iterator: Iterator[BlobInfo] = iter(blobs.list(prefix))
        self._buffer: deque[BlobInfo] = deque()
        self._exhausted = False

    async def peek(self) -> BlobInfo | None:
        if not self._buffer and not self._exhausted:
            chunk = await asyncio.to_thread(_take, self._iterator, _LIST_CHUNK)
            self._buffer.extend(chunk)
            self._exhausted = len(chunk) < _LIST_CHUNK
        return self._buffer[0] if self._buffer else None

    def pop(self) -> BlobInfo:
        return self._buffer.popleft()

    async def take(self, count: int) -> list[BlobInfo]:
        taken: list[BlobInfo] = []
        while len(taken) < count and await self.peek() is not None:
            taken.append(self.pop())
        return taken


def _take(iterator: Iterator[BlobInfo], count: int) -> list[BlobInfo]:
    return list(itertools.islice(iterator, count))


def redact_key(key: str) -> str:
    """A key as reports and logs show it: content-addressed keys whole, any other without its
    last segment, which may be a file name naming a person (``staging/<submission>/…``)."""
    if is_document_key(key):
        return key
    folder, sep, _name = key.rpartition("/")
    return f"{folder}{sep}…"


def _hours(age: timedelta) -> str:
    hours = age.total_seconds() / 3600
    return f"{hours / 24:.1f} d" if hours >= 48 else f"{hours:.1f} h"


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
