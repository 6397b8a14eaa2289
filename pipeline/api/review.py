"""The review page: plain server-rendered HTML (Jinja2) with a little JavaScript, all served from
this package (``templates/review``, ``static/review``), for people with a ``review`` key.

A person logs in by pasting an API key with the ``review`` scope; it is kept in the
``pipeline_api_key`` cookie (HttpOnly, SameSite=Strict), which :mod:`pipeline.api.auth`
accepts like a header. Every state-changing POST (log in, log out, a correction) also carries a
CSRF token: a random value in a second HttpOnly, SameSite=Strict cookie that each form repeats
in a hidden field (double submit), so a page of another site can neither send the key cookie
nor know the token.

Pages: ``/review`` lists documents (status, kind, borrowers, records under the confidence
threshold); ``/review/documents/{id}`` draws each page with every record's source boxes,
coloured by confidence, lists the records (those under ``PIPELINE_REVIEW_CONFIDENCE_THRESHOLD``
first) and has a correction form per record, posting to the service layer's
:func:`pipeline.service_layer.corrections.record_correction`."""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from pipeline.api.auth import COOKIE_NAME, Principal, optional_principal, principal_from_secret
from pipeline.api.deps import get_deps, get_state
from pipeline.domain.api_keys import Scope
from pipeline.domain.corrections import CORRECTABLE, CorrectionRefused, record_kind
from pipeline.domain.errors import PermanentError
from pipeline.logging import redact_log_text
from pipeline.service_layer import review, views
from pipeline.service_layer.corrections import NoSuchRecord, record_correction
from pipeline.service_layer.deps import Dependencies
from pipeline.text.render import NoSuchPage

_HERE = FilePath(__file__).parent
CSRF_COOKIE = "pipeline_review_csrf"
CSRF_FIELD = "csrf_token"
# Page images are drawn this wide; the page scales them to its column (boxes are fractions).
PAGE_WIDTH = 1000
_ADDRESS = re.compile(
    r"^\s*(?P<street>.+?),\s*(?P<city>[^,]+?),\s*(?P<state>[A-Za-z]{2})\s+"
    r"(?P<zip>\d{5}(?:-\d{4})?)\s*$"
)

router = APIRouter(prefix="/review", include_in_schema=False)
_STATIC = _HERE / "static" / "review"
_STATIC_TYPES = {"review.css": "text/css", "review.js": "text/javascript"}
templates = Jinja2Templates(directory=_HERE / "templates" / "review")
templates.env.filters["redact"] = lambda value: redact_log_text(str(value)) if value else value

Deps = Annotated[Dependencies, Depends(get_deps)]
MaybePrincipal = Annotated[Principal | None, Depends(optional_principal)]


class _LogIn(Exception):
    """No valid review key: the person is sent to the log-in page."""


def _reviewer(principal: Principal | None) -> Principal:
    if principal is None:
        raise _LogIn
    if not principal.has(Scope.REVIEW):
        raise HTTPException(status_code=403, detail="this API key lacks the 'review' scope")
    return principal


def _csrf_token(request: Request) -> str:
    """The token of this browser (its cookie), or a new one the response will set."""
    token = request.cookies.get(CSRF_COOKIE)
    if token and re.fullmatch(r"[A-Za-z0-9_-]{43}", token):
        return token
    new: str = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
    request.state.new_csrf = new
    return new


def _check_csrf(request: Request, submitted: str) -> None:
    cookie = request.cookies.get(CSRF_COOKIE) or ""
    if not cookie or not secrets.compare_digest(cookie.encode(), submitted.encode()):
        raise HTTPException(
            status_code=403, detail="the form's CSRF token does not match: reload the page"
        )


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _page(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    token = _csrf_token(request)
    response = templates.TemplateResponse(
        request, template, {"csrf_token": token, **context}, status_code=status_code
    )
    if getattr(request.state, "new_csrf", None):
        response.set_cookie(
            CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
            path="/review",
        )
    # The pages show borrowers' names and figures: never cached, never framed.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    return response


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/static/{name}")
async def static_file(name: str) -> FileResponse:
    """The page's own stylesheet and script (nothing is loaded from elsewhere)."""
    if name not in _STATIC_TYPES:
        raise HTTPException(status_code=404, detail="no such file")
    return FileResponse(
        _STATIC / name,
        media_type=_STATIC_TYPES[name],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


# --- log in ----------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
async def log_in(
    request: Request,
    deps: Deps,
    api_key: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    _check_csrf(request, csrf_token)
    principal = await principal_from_secret(deps, api_key)
    if principal is None or not principal.has(Scope.REVIEW):
        error = (
            "That key is unknown or revoked."
            if principal is None
            else "That key has no 'review' scope (create one with "
            "`pipeline apikey create --name NAME --scope review`)."
        )
        return _page(request, "login.html", {"error": error}, status_code=401)
    response = _redirect("/review")
    response.set_cookie(
        COOKIE_NAME,
        api_key.strip(),
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
        max_age=12 * 3600,
    )
    return response


@router.post("/logout")
async def log_out(
    request: Request, csrf_token: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    _check_csrf(request, csrf_token)
    response = _redirect("/review/login")
    response.delete_cookie(COOKIE_NAME, path="/", samesite="strict", httponly=True)
    return response


# --- pages -----------------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
async def document_list(
    request: Request,
    deps: Deps,
    principal: MaybePrincipal,
    before: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    try:
        reviewer = _reviewer(principal)
    except _LogIn:
        return _redirect("/review/login")
    cursor = _parse_before(before)
    threshold = deps.settings.review_confidence_threshold
    docs = await review.review_list(deps, threshold=threshold, before=cursor, limit=50)
    more = None
    if len(docs) == 50:
        last = docs[-1]
        more = f"{last['created_at']}_{last['id']}"
    return _page(
        request,
        "list.html",
        {"reviewer": reviewer, "documents": docs, "threshold": threshold, "more": more},
    )


def _parse_before(text: str | None) -> tuple[datetime, uuid.UUID] | None:
    if not text:
        return None
    moment, _, document_id = text.rpartition("_")
    try:
        return datetime.fromisoformat(moment), uuid.UUID(document_id)
    except ValueError:
        raise HTTPException(status_code=400, detail="bad 'before' cursor") from None


@router.get("/documents/{document_id}", response_class=HTMLResponse)
async def document_page(
    request: Request,
    document_id: uuid.UUID,
    deps: Deps,
    principal: MaybePrincipal,
    saved: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    try:
        reviewer = _reviewer(principal)
    except _LogIn:
        return _redirect("/review/login")
    return await _document_response(request, deps, reviewer, document_id, saved=saved)


async def _document_response(
    request: Request,
    deps: Deps,
    reviewer: Principal,
    document_id: uuid.UUID,
    *,
    saved: str | None = None,
    error: str | None = None,
    error_record: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    threshold = deps.settings.review_confidence_threshold
    doc = await review.review_document(deps, document_id, threshold=threshold)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id}")
    for entry in doc["records"]:
        _present(entry, threshold)
    for c in doc["corrections"]:
        c["old_text"], c["new_text"] = _text(c["old_value"]), _text(c["new_value"])
    pages = list(range(1, (doc["page_count"] or 0) + 1))
    open_key = next(
        (r["key"] for r in doc["records"] if error_record and r["record"]["id"] == error_record),
        "",
    )
    return _page(
        request,
        "document.html",
        {
            "reviewer": reviewer,
            "doc": doc,
            "pages": pages,
            "page_width": PAGE_WIDTH,
            "threshold": threshold,
            "correctable": {kind.value: list(fields) for kind, fields in CORRECTABLE.items()},
            "saved": saved,
            "error": error,
            "error_record": error_record,
            "open_key": open_key,
        },
        status_code=status_code,
    )


@router.get("/documents/{document_id}/export.json")
async def document_export(
    document_id: uuid.UUID, deps: Deps, principal: MaybePrincipal
) -> Response:
    """The document's export object (as ``pipeline export`` and ``GET /v1/documents/{id}``
    give it), for a reviewer to check what a correction changed."""
    try:
        _reviewer(principal)
    except _LogIn:
        return _redirect("/review/login")
    docs = await views.export_documents(deps, document_id=document_id)
    if not docs:
        raise HTTPException(status_code=404, detail=f"no document {document_id}")
    doc = docs[0]
    for key in ("filename", "error_message"):
        if doc.get(key):
            doc[key] = redact_log_text(doc[key])
    return JSONResponse(doc, headers={"Cache-Control": "no-store"})


@router.get("/documents/{document_id}/pages/{page}.png")
async def page_image(
    request: Request,
    document_id: uuid.UUID,
    deps: Deps,
    principal: MaybePrincipal,
    page: Annotated[int, Path(ge=1, le=100_000)],
    width: Annotated[int, Query(ge=50, le=2400)] = PAGE_WIDTH,
) -> Response:
    """The page drawn as ``GET /v1/documents/{id}/pages/{n}.png`` draws it (same renderer and
    cache), for a key with the ``review`` scope, its SSNs and account numbers blacked out but
    for their last four digits (the records show those)."""
    try:
        _reviewer(principal)
    except _LogIn:
        raise HTTPException(status_code=401, detail="log in on /review/login") from None
    renderer = get_state(request).renderer
    try:
        image = await review.review_page_image(deps, renderer, document_id, page, width)
    except NoSuchPage as exc:
        raise HTTPException(status_code=404, detail=redact_log_text(str(exc))) from None
    except PermanentError as exc:
        detail = redact_log_text(f"cannot draw the page: {exc}")
        raise HTTPException(status_code=422, detail=detail) from None
    if image is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id}")
    headers = {"ETag": image.etag, "Cache-Control": "private, max-age=86400"}
    if request.headers.get("if-none-match") == image.etag:
        return Response(status_code=304, headers=headers)
    return Response(content=image.png, media_type="image/png", headers=headers)


# --- corrections -----------------------------------------------------------------------------


@router.post("/documents/{document_id}/corrections", response_class=HTMLResponse)
async def correct(
    request: Request,
    document_id: uuid.UUID,
    deps: Deps,
    principal: MaybePrincipal,
    record_type: Annotated[str, Form(max_length=32)],
    record_id: Annotated[uuid.UUID, Form()],
    action: Annotated[str, Form(max_length=16)],
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    field: Annotated[str | None, Form(max_length=32)] = None,
    value: Annotated[str, Form(max_length=600)] = "",
) -> Response:
    """One correction (``action`` 'correct' with ``field`` and ``value``) or rejection
    ('reject') of a record, by the logged-in key's name; back to the document on success."""
    try:
        reviewer = _reviewer(principal)
    except _LogIn:
        return _redirect("/review/login")
    _check_csrf(request, csrf_token)
    try:
        parsed: Any = value
        if action == "correct" and field == "address":
            parsed = _address(value)
        await record_correction(
            deps,
            document_id=document_id,
            record_type=record_type,
            record_id=record_id,
            action=action,
            field=field if action == "correct" else None,
            value=parsed,
            reviewer=reviewer.name,
        )
    except (CorrectionRefused, NoSuchRecord) as exc:
        kind_ok = record_type in {k.value for k in CORRECTABLE}
        return await _document_response(
            request,
            deps,
            reviewer,
            document_id,
            error=redact_log_text(str(exc)),
            error_record=str(record_id) if kind_ok else None,
            status_code=409 if isinstance(exc, NoSuchRecord) else 400,
        )
    kind = record_kind(record_type).value
    return _redirect(
        f"/review/documents/{document_id}?saved={quote(str(record_id))}#{kind}-{record_id}"
    )


_KIND_LABELS = {"borrower": "Borrower", "income_record": "Income", "account_number": "Account"}
_HINTS = {
    "borrower": 'name; or address as "street, city, ST 12345"',
    "income_record": "amount as 84512.33; period annual, ytd, monthly, ...; year; employer",
    "account_number": "account type: checking, savings, money_market, credit_card, loan, other",
}
# A record this far under the threshold is drawn as "low", nearer it as "medium".
_MEDIUM_BAND = 0.15


def _text(value: Any) -> str:
    """A field's value as a person types it."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return (
            f"{value.get('street')}, {value.get('city')}, {value.get('state')} {value.get('zip')}"
        )
    return str(value)


def _present(entry: dict[str, Any], threshold: float) -> None:
    """What the template shows of a record: its anchor, colour band, one-line label."""
    record, kind = entry["record"], entry["kind"]
    confidence = record["confidence"]
    entry["key"] = f"{kind}-{record['id']}"
    entry["band"] = (
        "high"
        if confidence >= threshold
        else "medium"
        if confidence >= threshold - _MEDIUM_BAND
        else "low"
    )
    entry["kind_label"] = _KIND_LABELS[kind]
    if kind == "borrower":
        parts = [record["name"]]
        if record.get("ssn_last4"):
            parts.append(f"SSN ending {record['ssn_last4']}")
        if record.get("address"):
            parts.append(_text(record["address"]))
    elif kind == "income_record":
        parts = [
            f"${Decimal(record['amount']):,.2f}",
            record["period"],
            str(record["year"] or "no year"),
            record["source_type"],
            record.get("employer") or "no employer",
        ]
    else:
        parts = [
            record["masked"],
            record.get("account_type") or "",
            record.get("institution") or "",
        ]
    entry["label"] = " · ".join(str(p) for p in parts if p)
    entry["title"] = f"{entry['kind_label']}: {entry['label']} (confidence {confidence:.2f})"
    entry["form_values"] = {name: _text(v) for name, v in entry["fields"].items()}
    entry["original_text"] = {k: _text(v) for k, v in (record.get("original") or {}).items()}
    entry["hint"] = _HINTS[kind]


def _address(text: str) -> dict[str, str] | None:
    """A typed address, "street, city, ST 12345", as the export's address object."""
    if not text.strip():
        return None
    match = _ADDRESS.match(text)
    if match is None:
        raise CorrectionRefused('address must read "street, city, ST 12345"')
    return match.groupdict()
