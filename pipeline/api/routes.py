"""The ``/v1`` routes: thin handlers over the service layer and its read models.

Scopes: ``submit`` to hand documents in and reprocess them, ``read`` for everything else.
Strings a producer chose (file names, metadata, error messages that quote a file name) pass
through the log redaction before they are sent, so an SSN- or account-shaped number typed into
one is masked here too; extracted values are stored as last four digits and masks only."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import uuid
from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from kombu.exceptions import OperationalError as BrokerUnreachable

from pipeline.api.auth import Principal, require_scope
from pipeline.api.deps import get_deps, get_state
from pipeline.api.uploads import UploadError, receive_upload
from pipeline.domain.errors import EmptyFile, FileTooLarge, PermanentError, UnsupportedFileType
from pipeline.domain.model import DocumentStatus
from pipeline.fairness import hand_in_priority
from pipeline.logging import redact_log_text
from pipeline.service_layer import review, services, views
from pipeline.service_layer.deps import Dependencies
from pipeline.text.render import NoSuchPage

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1")

Deps = Annotated[Dependencies, Depends(get_deps)]
Reader = Annotated[Principal, Depends(require_scope("read"))]
Submitter = Annotated[Principal, Depends(require_scope("submit"))]

# Keys whose values a producer wrote (or that quote what a producer wrote).
_PRODUCER_TEXT = frozenset({"filename", "error_message", "metadata"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MAX_FILENAME_CHARS = 255
_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "The document: PDF, PNG, JPEG or TIFF (read from its bytes)",
                    },
                    "metadata": {
                        "type": "string",
                        "description": "A JSON object kept with the submission",
                    },
                },
            }
        }
    },
}


def _error(status: int, detail: str) -> HTTPException:
    return HTTPException(status_code=status, detail=redact_log_text(detail))


def scrub(value: Any, *, producer_text: bool = False) -> Any:
    """``value`` with every string under a producer-text key passed through the redaction."""
    if isinstance(value, dict):
        return {
            k: scrub(v, producer_text=producer_text or k in _PRODUCER_TEXT)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub(v, producer_text=producer_text) for v in value]
    if producer_text and isinstance(value, str):
        return redact_log_text(value)
    return value


# --- hand in -------------------------------------------------------------------------------


@router.post(
    "/documents",
    status_code=202,
    tags=["documents"],
    openapi_extra={"requestBody": _UPLOAD_BODY},
    responses={
        400: {"description": "Bad form, bad metadata or an empty file"},
        413: {"description": "Over PIPELINE_MAX_FILE_SIZE_BYTES"},
        415: {"description": "Not a PDF, PNG, JPEG or TIFF (judged by the bytes)"},
    },
)
async def submit_document(
    request: Request,
    deps: Deps,
    principal: Submitter,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=1, max_length=256)
    ] = None,
) -> JSONResponse:
    """Hand in one document (multipart: ``file``, optional ``metadata`` JSON object). The body
    is streamed to disk and then to the blob store's staging area, never held in memory, and
    refused once it passes the size limit. 202 with the submission (``Location``: where it
    stands); ``document_id`` is set once the document is ingested. Repeating a request with
    the same ``Idempotency-Key`` returns the first submission (``repeated``: true) and does no
    new work. Embedded mode (no broker) runs the whole chain before answering. Each API key is
    a producer of its own for fairness: the more a key handed in lately, the later the workers
    take its next files (``pipeline.fairness``)."""
    from workers.tasks import enqueue_ingest  # the producer side of the task contract

    limit = deps.settings.max_file_size_bytes
    if idempotency_key is not None and _CONTROL.search(idempotency_key):
        raise _error(400, "Idempotency-Key must not contain control characters")
    try:
        upload = await receive_upload(request, limit=limit)
    except UploadError as exc:
        raise _error(exc.status, exc.detail) from None
    try:
        filename = _clean_filename(upload.filename)
        metadata = _parse_metadata(upload.metadata)
        try:
            services.check_upload(upload.head, upload.size, filename, limit)
        except EmptyFile as exc:
            raise _error(400, str(exc)) from None
        except UnsupportedFileType as exc:
            raise _error(415, str(exc)) from None
        except FileTooLarge as exc:
            raise _error(413, str(exc)) from None
        async with get_state(request).staging_slots:
            submission, created = await services.stage_submission(
                deps,
                upload.path,
                filename=filename,
                size_bytes=upload.size,
                metadata=metadata,
                idempotency_key=idempotency_key,
            )
    finally:
        await anyio.to_thread.run_sync(upload.discard)
    if created:
        ledger, producer = get_state(request).hand_ins, _producer(principal)

        def send() -> None:
            priority = hand_in_priority(ledger, producer, str(submission.id))
            enqueue_ingest(submission, priority=priority)

        # Broker round trips, or (embedded) the whole chain: either way not on the loop.
        try:
            await anyio.to_thread.run_sync(send)
        except BrokerUnreachable as exc:
            log.warning("submission %s recorded, not sent: %s", submission.id, exc)
            raise _error(
                503,
                f"the broker is unreachable: submission {submission.id} is recorded and staged, "
                "and reconciliation sends it again once the broker is back",
            ) from None
    (view,) = await views.submission_results(deps, [submission.id])
    view["repeated"] = not created
    return JSONResponse(
        status_code=202,
        content=scrub(view),
        headers={"Location": f"/v1/submissions/{submission.id}"},
    )


def _producer(principal: Principal) -> str:
    """Each API key is a producer of its own for fairness (``pipeline.fairness``)."""
    return f"api-key:{principal.key_id}"


def _clean_filename(raw: str) -> str:
    name = _CONTROL.sub("", raw).strip()
    return name[:_MAX_FILENAME_CHARS] or "upload"


def _parse_metadata(text: str | None) -> dict[str, Any] | None:
    if text is None or not text.strip():
        return None
    try:
        value = json.loads(text)
    except ValueError:
        raise _error(400, "metadata is not valid JSON (expected an object)") from None
    if not isinstance(value, dict):
        raise _error(400, f"metadata must be a JSON object, not {type(value).__name__}")
    if _holds_nul(value):  # PostgreSQL's JSONB holds no NUL character
        raise _error(400, "metadata must not contain NUL characters")
    return value


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


# --- read ----------------------------------------------------------------------------------


@router.get("/documents", tags=["documents"])
async def list_documents(
    deps: Deps,
    _: Reader,
    status: DocumentStatus | None = None,
    doc_type: Annotated[str | None, Query(max_length=32)] = None,
    cursor: Annotated[
        str | None, Query(max_length=200, description="next_cursor of the page before")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Documents newest first, ``limit`` at a time; ``next_cursor`` (null on the last page)
    fetches the next page."""
    before = _decode_cursor(cursor) if cursor else None
    rows = await views.list_documents(
        deps, status=status, doc_type=doc_type, before=before, limit=limit + 1
    )
    page, more = rows[:limit], len(rows) > limit
    next_cursor = _encode_cursor(page[-1]["created_at"], page[-1]["id"]) if more else None
    return {"items": scrub(page), "next_cursor": next_cursor}


def _encode_cursor(created_at: str, document_id: str) -> str:
    raw = json.dumps([created_at, document_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created_at, document_id = json.loads(raw)
        moment = datetime.fromisoformat(created_at)
        if moment.tzinfo is None:
            raise ValueError("naive time")
        return moment, uuid.UUID(document_id)
    except (ValueError, TypeError, binascii.Error):
        raise _error(400, "invalid cursor: pass next_cursor from the previous page") from None


@router.get("/documents/{document_id}", tags=["documents"], responses={404: {}})
async def get_document(document_id: uuid.UUID, deps: Deps, _: Reader) -> dict[str, Any]:
    """The document as the export contract has it: status and error, its parts, borrowers,
    income records and account numbers (each with page, section, snippet and box), pages and
    the submissions that handed it in."""
    detail = await views.document_detail(deps, document_id)
    if detail is None:
        raise _error(404, f"no document {document_id}")
    return dict(scrub(detail))


@router.get("/submissions/{submission_id}", tags=["submissions"], responses={404: {}})
async def get_submission(submission_id: uuid.UUID, deps: Deps, _: Reader) -> dict[str, Any]:
    """Where a submission stands: QUEUED until ingested, then its document's status (or
    FAILED/REJECTED with the reason); ``final`` once nothing more will happen to it."""
    (view,) = await views.submission_results(deps, [submission_id])
    if view["status"] == "unknown":
        raise _error(404, f"no submission {submission_id}")
    return dict(scrub(view))


@router.get("/borrowers/{borrower_id}", tags=["borrowers"], responses={404: {}})
async def get_borrower(borrower_id: uuid.UUID, deps: Deps, _: Reader) -> dict[str, Any]:
    """A borrower (SSN as its last four digits) with every income record and account number
    read for them across documents, each with its document and source."""
    detail = await views.borrower_detail(deps, borrower_id)
    if detail is None:
        raise _error(404, f"no borrower {borrower_id}")
    return dict(scrub(detail))


@router.get(
    "/documents/{document_id}/pages/{page}.png",
    tags=["documents"],
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}, "description": "The page as a PNG"},
        304: {"description": "Not modified (If-None-Match)"},
        404: {},
        422: {"description": "The file cannot be drawn"},
    },
)
async def get_page_image(
    request: Request,
    document_id: uuid.UUID,
    deps: Deps,
    _: Reader,
    page: Annotated[int, Path(ge=1, le=100_000)],
    width: Annotated[int, Query(ge=50, le=2400)] = 1000,
) -> Response:
    """Page ``page`` (from 1) drawn ``width`` pixels wide: a PDF page rendered, an image file's
    frame scaled, with every SSN or account number it prints blacked out but its last four
    digits (as the review page shows it: no answer carries a full identifier). Cached; the
    ETag never changes for a document, page and width."""
    state = get_state(request)
    try:
        image = await review.review_page_image(deps, state.renderer, document_id, page, width)
    except NoSuchPage as exc:
        raise _error(404, str(exc)) from None
    except PermanentError as exc:
        raise _error(422, f"cannot draw the page: {exc}") from None
    if image is None:
        raise _error(404, f"no document {document_id}")
    headers = {"ETag": image.etag, "Cache-Control": "private, max-age=86400"}
    if request.headers.get("if-none-match") == image.etag:
        return Response(status_code=304, headers=headers)
    return Response(content=image.png, media_type="image/png", headers=headers)


# --- operate -------------------------------------------------------------------------------


@router.post(
    "/documents/{document_id}/reprocess",
    status_code=202,
    tags=["documents"],
    responses={404: {}, 409: {"description": "The document is still PENDING or PROCESSING"}},
)
async def reprocess_document(
    request: Request,
    document_id: uuid.UUID,
    deps: Deps,
    principal: Submitter,
    force_ocr: bool = False,
) -> JSONResponse:
    """Run the chain again on a COMPLETED or FAILED document (its records are replaced), as
    ``pipeline reprocess`` does; ``force_ocr`` reads OCR pages again. It counts as a hand-in
    of the key for fairness, as a submission does."""
    from workers.tasks import enqueue_processing

    if not await services.reprocess(deps, document_id, force_ocr=force_ocr):
        current = await views.document_status(deps, document_id)
        if current is None:
            raise _error(404, f"no document {document_id}")
        raise _error(
            409,
            f"document {document_id} is {current}: only COMPLETED or FAILED ones are reprocessed",
        )
    ledger, producer = get_state(request).hand_ins, _producer(principal)

    def send() -> None:
        priority = hand_in_priority(ledger, producer, f"reprocess:{uuid.uuid4()}")
        enqueue_processing(document_id, priority=priority)

    try:
        await anyio.to_thread.run_sync(send)
    except BrokerUnreachable as exc:
        log.warning("document %s set to PENDING, not sent: %s", document_id, exc)
        raise _error(
            503,
            f"the broker is unreachable: document {document_id} is PENDING again, and the "
            "stuck-work sweeper sends it once the broker is back",
        ) from None
    return JSONResponse(
        status_code=202,
        content={
            "document_id": str(document_id),
            "status": await views.document_status(deps, document_id),
        },
        headers={"Location": f"/v1/documents/{document_id}"},
    )
