"""Logging setup: plain or JSON lines, each carrying the ids of the work it is about, and a filter
that masks anything SSN- or account-shaped as a last line of defence.

Ids reach a record without the call site passing ``extra=``: code that runs on behalf of a task
binds them once (``bind_log_context``; the Celery signals in ``workers.observability`` do it for
every task) and ``ContextFilter`` copies them onto each record. In JSON mode they are fields; in
plain mode they are appended to the line, e.g. ``... [task=pipeline.process_document[<id>]
document_id=<id>]``.

The libraries that read documents (pypdf, Pillow, pypdfium2, fontTools, tesseract's wrapper) log
every oddity of a file they work around, dozens per page on some real PDFs, and Python warnings
are for developers: none of it is shown unless the level is INFO or lower (``pipeline -v``, a
worker). Code that expects such noise collects it with ``collected_records`` and logs one
summary line instead.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from pipeline.pii import redact

# Fields of the log context, in the order they are shown. Values are ids we generate (UUIDs and
# task names), never document content, so they are written as they are: redacting them would
# mangle a UUID whose digits happen to look like an account number.
CONTEXT_FIELDS = ("task_id", "task_name", "document_id", "submission_id")

# What a log line carries that is shaped like an SSN or account number but is neither, kept whole
# by ``redact_log_text``: timestamps ("2026-01-30 05:37:28" would otherwise read as the account
# number 2026013005), hex digests (a SHA-256 object key has nine-digit runs between its letters)
# and UUIDs. 32 hex digits at least (MD5 and longer): a shorter run of hex letters and digits,
# such as an IBAN, may be an account number.
_NOT_PII_RE = re.compile(
    r"(?<!\d)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # a date, then maybe a time:
    r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
    r"(?!\d)"
    r"|(?<![0-9A-Za-z])[0-9A-Fa-f]{32,}(?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])"
)

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Celery passes its log line's formatting context as ``extra={"data": {...}}``: the task's id and
# name, but also repr()s of its arguments, result and traceback, which only the (redacted) message
# may show.
_CELERY_DATA = "data"

_context: ContextVar[Mapping[str, str]] = ContextVar(
    "pipeline_log_context", default=MappingProxyType({})
)

# Loggers of third-party libraries whose records are about the files they read, not about the
# pipeline; "py.warnings" carries Python warnings (``logging.captureWarnings``).
LIBRARY_LOGGERS = ("pypdf", "PIL", "pypdfium2", "fontTools", "pytesseract", "py.warnings")
_SILENT = logging.CRITICAL + 10
# Set on a record taken by ``collected_records``; the handler of ``configure_logging`` skips it.
_COLLECTED = "_pipeline_collected"
_collectors: ContextVar[dict[str, list[logging.LogRecord]] | None] = ContextVar(
    "pipeline_log_collectors", default=None
)
_collecting_handlers: dict[str, logging.Handler] = {}
_collecting_lock = threading.Lock()


def bind_log_context(**fields: str) -> Token[Mapping[str, str]]:
    """Add ``fields`` to the log context of the running code (a task, and what it calls) until
    ``reset_log_context`` is called with the returned token. Nested bindings stack."""
    unknown = set(fields) - set(CONTEXT_FIELDS)
    if unknown:
        raise ValueError(f"not log context fields: {sorted(unknown)}")
    return _context.set(MappingProxyType({**_context.get(), **fields}))


def reset_log_context(token: Token[Mapping[str, str]]) -> None:
    """Put back the log context as it was before the ``bind_log_context`` that gave ``token``."""
    _context.reset(token)


def log_context() -> Mapping[str, str]:
    return _context.get()


class ContextFilter(logging.Filter):
    """Copy the bound log context onto each record; a field passed with ``extra=`` wins."""

    def filter(self, record: logging.LogRecord) -> bool:
        fields = record.__dict__
        for key, value in _context.get().items():
            fields.setdefault(key, value)
        # Celery's own lines outside a task (e.g. "Task ... received" in the worker's main
        # process) still name the task in their formatting context.
        data = fields.get(_CELERY_DATA)
        if isinstance(data, dict):
            for key, source in (("task_id", "id"), ("task_name", "name")):
                if isinstance(data.get(source), str):
                    fields.setdefault(key, data[source])
        return True


class _Collector(logging.Handler):
    """On a library's logger: hands its records (and its children's) to the innermost
    ``collected_records`` of the running context for that logger, if any."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.logger_name = name

    def emit(self, record: logging.LogRecord) -> None:
        buckets = _collectors.get()
        if buckets is not None and self.logger_name in buckets:
            buckets[self.logger_name].append(record)
            setattr(record, _COLLECTED, True)


@contextmanager
def collected_records(logger_name: str) -> Iterator[list[logging.LogRecord]]:
    """Collect what ``logger_name`` and its children log in this context (this thread, this
    task) instead of showing it, for the caller to summarize. Records below the logger's level
    are never made, so nothing is collected where they would not have been shown anyway."""
    with _collecting_lock:
        if logger_name not in _collecting_handlers:
            handler = _Collector(logger_name)
            _collecting_handlers[logger_name] = handler
            logging.getLogger(logger_name).addHandler(handler)
    records: list[logging.LogRecord] = []
    token = _collectors.set({**(_collectors.get() or {}), logger_name: records})
    try:
        yield records
    finally:
        _collectors.reset(token)


class SkipCollectedFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, _COLLECTED, False)


def redact_log_text(text: str) -> str:
    """``redact`` for log lines: SSN- and account-shaped numbers are masked, but timestamps,
    hex digests and UUIDs are kept whole."""
    out: list[str] = []
    start = 0
    for match in _NOT_PII_RE.finditer(text):
        out.append(redact(text[start : match.start()]))
        out.append(match.group(0))
        start = match.end()
    out.append(redact(text[start:]))
    return "".join(out)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_log_text(record.getMessage())
        record.args = None
        return True


def _context_of(record: logging.LogRecord) -> dict[str, Any]:
    return {k: record.__dict__[k] for k in CONTEXT_FIELDS if record.__dict__.get(k) is not None}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_context_of(record),
        }
        for key, value in vars(record).items():
            if key in _STANDARD or key in data or key == _CELERY_DATA or key.startswith("_"):
                continue
            data[key] = redact_log_text(value) if isinstance(value, str) else value
        if record.exc_info:
            data["exc"] = redact_log_text(self.formatException(record.exc_info))
        return json.dumps(data, default=str)


class PlainFormatter(logging.Formatter):
    """``<time> <LEVEL> <logger>: <message> [task=<name>[<id>] document_id=<id>]``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        context = _context_of(record)
        parts = []
        name, task_id = context.pop("task_name", None), context.pop("task_id", None)
        if name or task_id:
            parts.append(f"task={name or '?'}[{task_id or '?'}]")
        parts.extend(f"{key}={value}" for key, value in context.items())
        return f"{line} [{' '.join(parts)}]" if parts else line

    def formatException(self, ei: Any) -> str:
        return redact_log_text(super().formatException(ei))


def configure_logging(*, level: int = logging.INFO, json_format: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(SkipCollectedFilter())
    handler.addFilter(ContextFilter())
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if json_format else PlainFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Database drivers log statement parameters at DEBUG, and those include page text (which
    # is the document itself). Never let them below WARNING, whatever -v says.
    for noisy in ("aiosqlite", "asyncpg", "sqlalchemy.engine", "sqlalchemy.pool"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Their DEBUG lines (Pillow's PNG chunks, ...) help nobody debugging the pipeline either.
    library_level = logging.WARNING if level <= logging.INFO else _SILENT
    for library in LIBRARY_LOGGERS:
        logging.getLogger(library).setLevel(library_level)
    logging.captureWarnings(True)
