"""Use cases. Celery tasks and the CLI call these; each takes ids and plain values, does its
writes inside units of work, and raises only the pipeline's own errors: RetryableError for
trouble that may pass, PermanentError for bad input (already recorded as FAILED here)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from pipeline.domain.errors import (
    BlobMissing,
    EmptyFile,
    FileTooLarge,
    PermanentError,
    UnsupportedFileType,
)
from pipeline.domain.extracted import ExtractionResult
from pipeline.domain.model import (
    DocType,
    Document,
    DocumentStatus,
    FileType,
    Submission,
    SubmissionStatus,
)
from pipeline.domain.pages import Page, checkpointed
from pipeline.service_layer import records
from pipeline.service_layer.deps import Dependencies
from pipeline.storage import document_key
from pipeline.storage import staging_key as staging_key_for
from pipeline.text import DocumentText, TextLimits, open_document
from pipeline.text.detect import MAGIC_BYTES, describe_bytes, detect_file_type

log = logging.getLogger(__name__)

_CHUNK = 1024 * 1024
CONTENT_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.PNG: "image/png",
    FileType.JPEG: "image/jpeg",
    FileType.TIFF: "image/tiff",
}


# --- ingest --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestOutcome:
    submission_id: uuid.UUID
    document_id: uuid.UUID | None
    duplicate: bool
    status: str
    process: bool  # whether the caller should start (or, under its own claim, resume) processing
    error: str | None = None
    # The file's bytes on disk, in the caller's ``workdir``, when this call stored a new
    # document the caller is to process: it may process them from there (``claim_and_process``
    # with ``local_copy``) instead of downloading them again.
    local_copy: Path | None = None


def hash_file(path: Path) -> tuple[str, int, bytes]:
    """SHA-256, size and leading bytes of a file, reading it in constant memory."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if not head:
                head = chunk[:MAGIC_BYTES]
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size, head


def admission_problem(
    file_type: FileType, head: bytes, size: int, filename: str, limit: int
) -> str | None:
    """Why a file cannot be processed at all, in words a person can act on (None if it can)."""
    if file_type is FileType.EMPTY:
        return f"{filename}: empty file (0 bytes)"
    if file_type is FileType.UNSUPPORTED:
        return (
            f"{filename}: unsupported file type: the content is {describe_bytes(head)}, "
            "not a PDF, PNG, JPEG or TIFF (the file name's extension is not trusted)"
        )
    if size > limit:
        return too_large_message(filename, limit, size)
    return None


def too_large_message(filename: str, limit: int, size: int | None = None) -> str:
    """The words for a file over the size limit (``size`` when known)."""
    what = f"{size / 1e6:.1f} MB" if size is not None else "larger than that"
    return (
        f"{filename}: file is {what}, over the limit of {limit / 1e6:.1f} MB "
        "(PIPELINE_MAX_FILE_SIZE_BYTES)"
    )


def check_upload(head: bytes, size: int, filename: str, limit: int) -> FileType:
    """The type of an upload read from its leading bytes, or the error refusing it at the
    door, in the words a document failed at ingest for the same reason gets: EmptyFile,
    UnsupportedFileType or FileTooLarge."""
    file_type = detect_file_type(head)
    problem = admission_problem(file_type, head, size, filename, limit)
    if problem is None:
        return file_type
    if file_type is FileType.EMPTY:
        raise EmptyFile(problem)
    if file_type is FileType.UNSUPPORTED:
        raise UnsupportedFileType(problem)
    raise FileTooLarge(problem)


async def stage_submission(
    deps: Dependencies,
    source: Path,
    *,
    filename: str,
    size_bytes: int,
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> tuple[Submission, bool]:
    """A producer's hand-in up to the ingest message: copy ``source`` to
    ``staging/{submission}/{name}`` and record the submission. Returns it and True; the caller
    then sends ``pipeline.ingest_document`` for it. A repeat of an ``idempotency_key`` already
    used returns the standing submission and False, and nothing is left staged."""
    if idempotency_key:
        earlier = await submission_for_idempotency_key(deps, idempotency_key)
        if earlier is not None:
            return earlier, False
    submission_id = uuid.uuid4()
    key = staging_key_for(submission_id, filename)
    await asyncio.to_thread(deps.blobs.put_file, key, source)
    submission = Submission(
        id=submission_id,
        filename=filename,
        size_bytes=size_bytes,
        staging_key=key,
        submitted_at=deps.clock(),
        metadata=metadata,
        idempotency_key=idempotency_key,
    )
    standing, created = await register_submission(deps, submission)
    if not created:  # lost a race on the idempotency key
        await asyncio.to_thread(deps.blobs.delete, key)
    return standing, created


async def record_submission(deps: Dependencies, submission: Submission) -> Submission:
    """Record a hand-in (idempotent on its id); returns the stored submission."""
    async with deps.uow_factory() as uow:
        existing: Submission | None = await uow.submissions.get(submission.id)
        if existing is not None:
            return existing
        await uow.submissions.add(submission)
        await uow.commit()
    return submission


async def ingest(
    deps: Dependencies,
    *,
    submission_id: uuid.UUID,
    staging_key: str,
    filename: str,
    size_bytes: int,
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    claim_token: str | None = None,
    workdir: Path | None = None,
) -> IngestOutcome:
    """Hash a staged upload, store it content-addressed, and record (or find) its document.

    Race-safe: any number of workers ingesting the same bytes end with one document row and
    one stored object; each learns the document's id and whether it was the original.

    A caller that processes the documents it stores itself (the ingest task) passes the
    ``claim_token`` it claims them under and a ``workdir`` it owns: the upload is read into
    ``workdir`` and left there as the outcome's ``local_copy`` for a new document, and a
    repeated call (a redelivered or retried message) whose document this token holds the claim
    on is told to ``process`` it again, so that the work resumes instead of waiting for the
    sweeper."""
    submission = await record_submission(
        deps,
        Submission(
            id=submission_id,
            filename=filename,
            size_bytes=size_bytes,
            staging_key=staging_key,
            submitted_at=deps.clock(),
            metadata=metadata,
            idempotency_key=idempotency_key,
        ),
    )
    if submission.status is not SubmissionStatus.RECEIVED:
        return await _outcome_of_finished_submission(deps, submission, claim_token)

    with _scratch(workdir, prefix="ingest-") as tmp:
        local = tmp / "upload"
        try:
            file_hash, size, head = await asyncio.to_thread(
                _download_and_hash, deps, staging_key, local
            )
        except BlobMissing:
            reason = f"{filename}: the staged upload ({staging_key}) is missing from the blob store"
            if not await fail_submission(deps, submission_id, reason):
                # A concurrent ingest of this submission finished and removed the upload.
                finished = await record_submission(deps, submission)
                return await _outcome_of_finished_submission(deps, finished, claim_token)
            return IngestOutcome(submission_id, None, False, "FAILED", False, reason)
        file_type = detect_file_type(head)
        problem = admission_problem(
            file_type, head, size, filename, deps.settings.max_file_size_bytes
        )
        uri = await asyncio.to_thread(_store_once, deps, file_hash, local, file_type)

    now = deps.clock()
    async with deps.uow_factory() as uow:
        candidate = Document.new(
            filename=filename,
            file_hash=file_hash,
            file_type=file_type.value,
            file_size_bytes=size,
            blob_uri=uri,
            now=now,
        )
        document, created = await uow.documents.add_if_absent(candidate)
        if created and problem:
            document.fail(problem, now=now)
            await uow.documents.transition(document, DocumentStatus.PENDING)
        resolved = await uow.submissions.resolve(
            submission_id, document_id=document.id, duplicate=not created, now=now
        )
        if resolved:
            await uow.commit()
    if not resolved:
        # The same submission was ingested meanwhile (a re-sent task): its answer stands, and
        # this unit rolled back (so it cannot call that document a duplicate of itself).
        finished = await record_submission(deps, submission)
        return await _outcome_of_finished_submission(deps, finished, claim_token)
    await asyncio.to_thread(_delete_quietly, deps, staging_key)
    log.info(
        "ingested submission %s -> document %s (%s)",
        submission_id,
        document.id,
        "new" if created else "duplicate",
        extra={"document_id": str(document.id)},
    )
    process = created and document.status is DocumentStatus.PENDING
    return IngestOutcome(
        submission_id=submission_id,
        document_id=document.id,
        duplicate=not created,
        status=str(document.status),
        process=process,
        error=document.error_message,
        local_copy=local if process and workdir is not None else None,
    )


def _download_and_hash(deps: Dependencies, key: str, local: Path) -> tuple[str, int, bytes]:
    # One trip to a worker thread for both (each trip costs a hand-over of the GIL).
    deps.blobs.download_to(key, local)
    return hash_file(local)


def _store_once(deps: Dependencies, file_hash: str, local: Path, file_type: FileType) -> str:
    """Store the file content-addressed unless an object of the same bytes is there already;
    returns its URI. Same bytes, same key: a concurrent upload of the same object is harmless."""
    key = document_key(file_hash)
    if deps.blobs.exists(key):
        return deps.blobs.uri(key)
    return deps.blobs.put_file(key, local, content_type=CONTENT_TYPES.get(file_type))


@contextmanager
def _scratch(workdir: Path | None, *, prefix: str) -> Iterator[Path]:
    """``workdir`` (the caller's, kept after the block), or a temporary directory removed
    after it."""
    if workdir is not None:
        yield workdir
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


async def _outcome_of_finished_submission(
    deps: Dependencies, submission: Submission, claim_token: str | None = None
) -> IngestOutcome:
    """A redelivered ingest task: report what happened, and ask for processing again if the
    original run may have died between its commit and enqueueing the next step (or, for a
    caller processing under ``claim_token``, while it held the claim)."""
    if submission.status is SubmissionStatus.REJECTED:
        # A well-formed message under an id whose earlier message was rejected: the id is used
        # up (it is the message's idempotency); the producer hands the file in under a new one.
        return IngestOutcome(
            submission.id, None, False, "REJECTED", False, submission.error_message
        )
    if submission.status is SubmissionStatus.FAILED or submission.document_id is None:
        return IngestOutcome(submission.id, None, False, "FAILED", False, submission.error_message)
    async with deps.uow_factory() as uow:
        document = await uow.documents.get(submission.document_id)
    if document is None:
        return IngestOutcome(submission.id, None, False, "FAILED", False, "document was deleted")
    return IngestOutcome(
        submission_id=submission.id,
        document_id=document.id,
        duplicate=bool(submission.duplicate),
        status=str(document.status),
        process=not submission.duplicate
        and (
            document.status is DocumentStatus.PENDING
            or (claim_token is not None and document.is_claimed_by(claim_token))
        ),
        error=document.error_message,
    )


def _delete_quietly(deps: Dependencies, key: str) -> None:
    try:
        deps.blobs.delete(key)
    except Exception as exc:  # the reconciler expires leftovers; ingest already succeeded
        log.warning("could not delete staged upload %s: %s", key, type(exc).__name__)


async def fail_submission(deps: Dependencies, submission_id: uuid.UUID, reason: str) -> bool:
    """Fail a submission still waiting for ingest; False if it was resolved or failed first."""
    async with deps.uow_factory() as uow:
        failed: bool = await uow.submissions.fail(submission_id, reason=reason, now=deps.clock())
        await uow.commit()
    return failed


# --- processing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessOutcome:
    document_id: uuid.UUID
    action: str  # started | resumed | ocr | completed | failed | skipped | missing
    status: str | None = None
    detail: str | None = None
    ocr_pages: tuple[int, ...] = ()


@dataclass(frozen=True)
class Claim:
    """A task's hold on a document: the outcome of claiming it and, when it holds the claim
    (``started`` or ``resumed``), the document and the pages checkpointed so far."""

    outcome: ProcessOutcome
    document: Document | None = None
    pages: tuple[Page, ...] = ()

    @property
    def held(self) -> bool:
        return self.document is not None and self.outcome.action in {"started", "resumed"}


async def claim_document(deps: Dependencies, document_id: uuid.UUID, *, token: str) -> Claim:
    """Claim a PENDING document for the task ``token`` (compare-and-set), and read the pages
    already checkpointed, in one unit of work. The same token may resume its own claim after a
    retry or redelivery; anyone else backs off harmlessly."""
    now = deps.clock()
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None:
            return Claim(ProcessOutcome(document_id, "missing"))
        if document.is_claimed_by(token):
            pages = await uow.pages.list(document_id)
            return Claim(
                ProcessOutcome(document_id, "resumed", str(document.status)),
                document,
                tuple(pages),
            )
        if document.status is not DocumentStatus.PENDING:
            return Claim(
                ProcessOutcome(
                    document_id, "skipped", str(document.status), "not PENDING (nothing to do)"
                )
            )
        document.start_processing(token=token, now=now)
        if not await uow.documents.transition(document, DocumentStatus.PENDING):
            return Claim(ProcessOutcome(document_id, "skipped", None, "claimed by another task"))
        pages = await uow.pages.list(document_id)
        await uow.commit()
    return Claim(
        ProcessOutcome(document_id, "started", str(DocumentStatus.PROCESSING)),
        document,
        tuple(pages),
    )


class _LocalCopy:
    """The document's bytes in a temporary file for the duration of a block."""

    def __init__(self, deps: Dependencies, document: Document) -> None:
        self.deps = deps
        self.document = document
        self._dir = tempfile.mkdtemp(prefix="doc-")
        self.path = Path(self._dir) / "document"

    async def __aenter__(self) -> Path:
        key = self.deps.blobs.key_from_uri(self.document.blob_uri)
        try:
            await asyncio.to_thread(self.deps.blobs.download_to, key, self.path)
        except BlobMissing as exc:
            raise BlobMissing(
                f"{self.document.filename}: stored file is missing from the blob store ({key})"
            ) from exc
        return self.path

    async def __aexit__(self, *exc: object) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


def _open_and_read_text_layer(
    path: Path, file_type: FileType, limits: TextLimits, done: set[int]
) -> tuple[DocumentText, list[Page], list[int]]:
    """Open the file and read the text layer of every page not in ``done``: the open document
    (the caller closes it), the pages with real text, and the numbers of those without."""
    opened = open_document(path, file_type, limits)
    try:
        found: list[Page] = []
        need_ocr: list[int] = []
        for number in range(1, opened.page_count + 1):
            if number in done:
                continue
            page = opened.text_layer(number)
            if page is None:
                need_ocr.append(number)
            else:
                found.append(page)
    except BaseException:
        opened.close()
        raise
    return opened, found, need_ocr


def _ocr_page(opened: DocumentText, number: int) -> Page:
    """OCR one page; a page that cannot be read is a PermanentError naming the page."""
    try:
        return opened.ocr(number)
    except PermanentError as exc:
        message = str(exc)
        if f"page {number}" not in message:
            message = f"page {number}: {message}"
        raise type(exc)(message) from exc


async def _ocr_and_checkpoint(
    deps: Dependencies, document_id: uuid.UUID, opened: DocumentText, numbers: Sequence[int]
) -> list[Page]:
    """OCR ``numbers`` one by one, checkpointing each page as soon as it is read."""
    pages: list[Page] = []
    for number in numbers:
        page = await asyncio.to_thread(_ocr_page, opened, number)
        await _save_pages(deps, document_id, [page])
        pages.append(page)
        log.info(
            "document %s: page %d read by OCR",
            document_id,
            number,
            extra={"document_id": str(document_id), "page": number},
        )
    return pages


async def claim_and_process(
    deps: Dependencies,
    document_id: uuid.UUID,
    *,
    token: str,
    ocr_in_process: bool = True,
    local_copy: Path | None = None,
) -> ProcessOutcome:
    """The processing step of ``pipeline.process_document`` (and of ``pipeline.ingest_document``
    for the document it stored): claim the document for ``token`` (:func:`claim_document`),
    then :func:`process` it."""
    claim = await claim_document(deps, document_id, token=token)
    if not claim.held:
        return claim.outcome
    return await process(
        deps, claim, token=token, ocr_in_process=ocr_in_process, local_copy=local_copy
    )


async def process(
    deps: Dependencies,
    claim: Claim,
    *,
    token: str,
    ocr_in_process: bool = True,
    local_copy: Path | None = None,
) -> ProcessOutcome:
    """Process a document ``token`` holds the claim on, downloading and opening its file once
    (not at all when the caller has its bytes on disk already: ``local_copy``, which must be
    the file the document's hash names).

    The text layer of every page not yet checkpointed is read. When every page has text, the
    document is finished at once: extracted, and its new pages, its records and COMPLETED
    written in one unit of work. Pages without text are OCRed here when ``ocr_in_process``
    (embedded mode), each checkpointed as soon as it is read; otherwise the text pages are
    checkpointed and the outcome ``ocr`` names the pages for the caller to fan out to
    :func:`ocr_pages`, after which :func:`finish_processing` completes the document. Bad input
    ends the document FAILED."""
    document = claim.document
    if document is None or not claim.held:
        return claim.outcome
    document_id = document.id
    done = {page.number for page in claim.pages}
    limits = TextLimits.from_settings(deps.settings)
    try:
        source = nullcontext(local_copy) if local_copy else _LocalCopy(deps, document)
        async with source as path:
            opened, found, need_ocr = await asyncio.to_thread(
                _open_and_read_text_layer, path, FileType(document.file_type), limits, done
            )
            with opened:
                if need_ocr:
                    # Checkpoint the text pages first: OCR may take long or be cut short.
                    await _save_pages(deps, document_id, found)
                    if not ocr_in_process:
                        return ProcessOutcome(
                            document_id,
                            "ocr",
                            str(DocumentStatus.PROCESSING),
                            f"{opened.page_count} pages",
                            tuple(need_ocr),
                        )
                    found += await _ocr_and_checkpoint(deps, document_id, opened, need_ocr)
                    unsaved: list[Page] = []
                else:
                    unsaved = found
    except PermanentError as exc:
        return await fail_document(deps, document_id, str(exc), token=token)
    pages = sorted([*claim.pages, *map(checkpointed, found)], key=lambda page: page.number)
    return await _complete(deps, document_id, token=token, pages=pages, unsaved=unsaved)


async def ocr_pages(
    deps: Dependencies, document_id: uuid.UUID, numbers: Sequence[int], *, token: str
) -> ProcessOutcome:
    """OCR the given pages, checkpointing each one as soon as it is done, so a retry, a
    redelivery after a crash or a reprocess never OCRs a finished page again. A page that cannot
    be read fails the document with the page number in the message."""
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None or not document.is_claimed_by(token):
            return ProcessOutcome(document_id, "skipped", None, "claim lost")
        done: set[int] = await uow.pages.numbers_done(document_id)
    todo = [n for n in numbers if n not in done]
    if len(todo) < len(numbers):
        log.info(
            "document %s: pages %s already checkpointed, not read again",
            document_id,
            sorted(set(numbers) - set(todo)),
            extra={"document_id": str(document_id)},
        )
    if not todo:
        return ProcessOutcome(document_id, "resumed", str(document.status))
    limits = TextLimits.from_settings(deps.settings)
    try:
        async with _LocalCopy(deps, document) as path:
            opened = await asyncio.to_thread(
                open_document, path, FileType(document.file_type), limits
            )
            with opened:
                await _ocr_and_checkpoint(deps, document_id, opened, todo)
    except PermanentError as exc:
        return await fail_document(deps, document_id, str(exc), token=token)
    return ProcessOutcome(document_id, "resumed", str(document.status), None, tuple(todo))


async def _save_pages(deps: Dependencies, document_id: uuid.UUID, pages: Sequence[Page]) -> None:
    if not pages:
        return
    async with deps.uow_factory() as uow:
        await uow.pages.save_many(document_id, pages, now=deps.clock())
        await uow.commit()


async def finish_processing(
    deps: Dependencies, document_id: uuid.UUID, *, token: str
) -> ProcessOutcome:
    """Run the extractors on the checkpointed pages and, in one unit of work, replace the
    document's records and mark it COMPLETED (with its outbox event)."""
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None or not document.is_claimed_by(token):
            return ProcessOutcome(document_id, "skipped", None, "claim lost")
        pages: list[Page] = await uow.pages.list(document_id)
    return await _complete(deps, document_id, token=token, pages=pages, unsaved=())


async def _complete(
    deps: Dependencies,
    document_id: uuid.UUID,
    *,
    token: str,
    pages: Sequence[Page],
    unsaved: Sequence[Page],
) -> ProcessOutcome:
    """Extract ``pages`` (as checkpointed) and, in one unit of work, checkpoint ``unsaved``
    (those of them not stored yet), replace the document's records and mark it COMPLETED."""
    try:
        results = await asyncio.to_thread(records.extract, pages)
    except PermanentError as exc:
        await _save_pages(deps, document_id, unsaved)  # the failure says the text is kept
        return await fail_document(deps, document_id, str(exc), token=token)
    doc_type = _overall_doc_type(results)
    now = deps.clock()
    async with deps.uow_factory() as uow:
        current: Document | None = await uow.documents.get(document_id)
        if current is None or not current.is_claimed_by(token):
            return ProcessOutcome(document_id, "skipped", None, "claim lost")
        await uow.pages.save_many(document_id, unsaved, now=now)
        counts = await records.replace_records(uow, deps.pii, current.id, results, now=now)
        current.complete(now=now, page_count=len(pages), doc_type=doc_type, record_counts=counts)
        if not await uow.documents.transition(current, DocumentStatus.PROCESSING):
            return ProcessOutcome(document_id, "skipped", None, "claim lost")
        await uow.commit()
    log.info(
        "document %s completed: %s, %d pages, %s",
        document_id,
        doc_type,
        len(pages),
        counts,
        extra={"document_id": str(document_id)},
    )
    return ProcessOutcome(document_id, "completed", str(DocumentStatus.COMPLETED), doc_type)


def _overall_doc_type(results: Sequence[ExtractionResult]) -> str:
    """The file's type: its one document's, or ``packet`` when it holds several. Pages of no
    known kind (a fax cover, a blank page) are parts too but do not make a file a packet."""
    known = [r.doc_type for r in results if r.doc_type != DocType.UNKNOWN]
    if not known:
        return DocType.UNKNOWN.value
    if len(known) == 1:
        return known[0]
    return DocType.PACKET.value


async def fail_document(
    deps: Dependencies, document_id: uuid.UUID, reason: str, *, token: str | None = None
) -> ProcessOutcome:
    """End a document FAILED with ``reason``. With a token, only while that task holds the
    claim; without, from whatever non-final state it is in (retries exhausted, sweeper)."""
    now = deps.clock()
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None:
            return ProcessOutcome(document_id, "missing")
        if token is not None and not document.is_claimed_by(token):
            return ProcessOutcome(document_id, "skipped", str(document.status), "claim lost")
        if document.status not in (DocumentStatus.PENDING, DocumentStatus.PROCESSING):
            return ProcessOutcome(document_id, "skipped", str(document.status), "already final")
        expected = DocumentStatus(document.status)
        document.fail(reason, now=now)
        if not await uow.documents.transition(document, expected):
            return ProcessOutcome(document_id, "skipped", None, "status changed meanwhile")
        await uow.commit()
    log.warning(
        "document %s failed: %s", document_id, reason, extra={"document_id": str(document_id)}
    )
    return ProcessOutcome(document_id, "failed", str(DocumentStatus.FAILED), reason)


async def reprocess(deps: Dependencies, document_id: uuid.UUID, *, force_ocr: bool = False) -> bool:
    """COMPLETED|FAILED -> PENDING so the chain runs again and replaces the records. Finished
    OCR pages are kept (and skipped) unless ``force_ocr``."""
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
        if document is None or document.status not in (
            DocumentStatus.COMPLETED,
            DocumentStatus.FAILED,
        ):
            return False
        expected = DocumentStatus(document.status)
        document.reprocess(now=deps.clock())
        if not await uow.documents.transition(document, expected):
            return False
        if force_ocr:
            await uow.pages.delete_for_document(document_id)
        else:
            # Text-layer pages are cheap to read again and follow improvements of the reader.
            await uow.pages.delete_text_layer_pages(document_id)
        await uow.commit()
    return True


async def failed_document_ids(deps: Dependencies, limit: int = 10_000) -> list[uuid.UUID]:
    async with deps.uow_factory() as uow:
        documents = await uow.documents.list(limit=limit, status=DocumentStatus.FAILED)
    return [d.id for d in documents]


async def register_submission(
    deps: Dependencies, submission: Submission
) -> tuple[Submission, bool]:
    """Record a producer's hand-in. With an idempotency key, the first submission under that
    key stands (until the key expires): returns it and False for any repeat."""
    now = deps.clock()
    async with deps.uow_factory() as uow:
        if submission.idempotency_key:
            expires = now + timedelta(hours=deps.settings.idempotency_ttl_hours)
            standing = await uow.idempotency.put(
                submission.idempotency_key,
                {"submission_id": str(submission.id)},
                now=now,
                expires_at=expires,
            )
            if standing["submission_id"] != str(submission.id):
                existing: Submission | None = await uow.submissions.get(
                    uuid.UUID(standing["submission_id"])
                )
                if existing is not None:
                    return existing, False
        await uow.submissions.add(submission)
        await uow.commit()
    return submission, True


async def submission_for_idempotency_key(deps: Dependencies, key: str) -> Submission | None:
    async with deps.uow_factory() as uow:
        standing = await uow.idempotency.get(key, now=deps.clock())
        if standing is None:
            return None
        found: Submission | None = await uow.submissions.get(uuid.UUID(standing["submission_id"]))
        return found
