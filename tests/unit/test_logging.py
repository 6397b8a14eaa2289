"""Log lines: the task/document context bound by the Celery signals reaches every line, in JSON
and plain form, without the call site passing it, and redaction still runs."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from celery import Celery, signals

from pipeline.config import Settings
from pipeline.logging import (
    LIBRARY_LOGGERS,
    JsonFormatter,
    bind_log_context,
    collected_records,
    configure_logging,
    log_context,
    reset_log_context,
)
from tests.support import docs
from workers import observability, tasks
from workers.app import app

log = logging.getLogger("tests.unit.logging")
DOC = str(uuid.uuid4())
# Long digit runs that redact() would mask as an account number if it were applied to ids.
DIGITS_DOC = "12345678-1234-4234-8234-123456789012"
TASK = str(uuid.uuid4())


@pytest.fixture
def root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    libraries = {name: logging.getLogger(name).level for name in LIBRARY_LOGGERS}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, library_level in libraries.items():
        logging.getLogger(name).setLevel(library_level)
    logging.captureWarnings(False)


def configured(*, json_format: bool) -> io.StringIO:
    """``configure_logging`` with its handler writing to a buffer."""
    configure_logging(json_format=json_format)
    buffer = io.StringIO()
    logging.getLogger().handlers[0].setStream(buffer)  # type: ignore[attr-defined]
    return buffer


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def json_log(root_logging: None) -> Callable[[], list[dict[str, Any]]]:
    buffer = configured(json_format=True)
    return lambda: json_lines(buffer.getvalue())


@pytest.fixture
def plain_log(root_logging: None) -> Callable[[], list[str]]:
    buffer = configured(json_format=False)
    return lambda: buffer.getvalue().splitlines()


def test_json_lines_carry_the_bound_context_until_it_is_reset(
    json_log: Callable[[], list[dict[str, Any]]],
) -> None:
    log.info("outside")
    token = bind_log_context(task_id=TASK, task_name="pipeline.process_document", document_id=DOC)
    log.info("inside %s", "a task")
    reset_log_context(token)
    log.info("outside again")

    before, inside, after = json_log()
    assert inside["message"] == "inside a task"
    assert inside["task_id"] == TASK
    assert inside["task_name"] == "pipeline.process_document"
    assert inside["document_id"] == DOC
    for line in (before, after):
        assert not {"task_id", "task_name", "document_id"} & set(line)


def test_bindings_nest_and_an_explicit_extra_wins(
    json_log: Callable[[], list[dict[str, Any]]],
) -> None:
    outer = bind_log_context(task_id=TASK, task_name="pipeline.ingest_document", submission_id=DOC)
    inner = bind_log_context(task_id="inner", task_name="pipeline.process_document")
    log.info("nested")
    log.info("explicit", extra={"document_id": DIGITS_DOC})
    reset_log_context(inner)
    log.info("outer")
    reset_log_context(outer)

    nested, explicit, outer_line = json_log()
    assert nested["task_id"] == "inner"
    assert nested["submission_id"] == DOC  # kept from the outer binding
    assert explicit["document_id"] == DIGITS_DOC  # an id, not redacted
    assert outer_line["task_id"] == TASK
    assert outer_line["task_name"] == "pipeline.ingest_document"
    assert log_context() == {}


def test_only_id_fields_can_be_bound() -> None:
    with pytest.raises(ValueError, match="page_text"):
        bind_log_context(page_text="John Doe 123-45-6789")


def test_plain_lines_append_the_context_compactly(plain_log: Callable[[], list[str]]) -> None:
    token = bind_log_context(task_id=TASK, task_name="pipeline.ocr_page", document_id=DOC)
    log.info("page read")
    reset_log_context(token)
    log.info("no task")

    inside, outside = plain_log()
    assert inside.endswith(f"page read [task=pipeline.ocr_page[{TASK}] document_id={DOC}]")
    assert " INFO tests.unit.logging: " in inside
    assert outside.endswith("tests.unit.logging: no task")


def test_redaction_still_runs_in_both_formats(root_logging: None) -> None:
    out = ""
    token = bind_log_context(task_id=TASK, document_id=DIGITS_DOC)
    try:
        for json_format in (True, False):
            buffer = configured(json_format=json_format)
            try:
                raise ValueError("bad SSN 123-45-6789")
            except ValueError:
                log.exception("SSN %s, account %s", "123-45-6789", "4417123456789113")
            log.info("snippet", extra={"snippet": "SSN 123-45-6789"})
            out += buffer.getvalue()
    finally:
        reset_log_context(token)

    assert "123-45-6789" not in out
    assert "4417123456789113" not in out
    assert "***-**-6789" in out
    assert out.count(DIGITS_DOC) == 4  # ids are shown as they are, on every line


def test_celery_lines_outside_a_task_name_it_and_keep_their_data_out(
    json_log: Callable[[], list[dict[str, Any]]],
) -> None:
    # As celery.worker.strategy logs a received task in the worker's main process.
    context = {"id": TASK, "name": "pipeline.process_document", "args": "('123-45-6789',)"}
    logging.getLogger("celery.worker.strategy").info(
        "Task %(name)s[%(id)s] received", context, extra={"data": context}
    )
    (line,) = json_log()
    assert line["task_id"] == TASK
    assert line["task_name"] == "pipeline.process_document"
    assert "data" not in line
    assert "123-45-6789" not in json.dumps(line)


@pytest.mark.parametrize(
    ("task", "args", "kwargs", "subject"),
    [
        (tasks.process_document, [DOC], {}, {"document_id": DOC}),
        (tasks.process_document, [], {"document_id": DOC}, {"document_id": DOC}),
        (tasks.ocr_page, [DOC, [1, 2], "token"], {}, {"document_id": DOC}),
        # The chord callback gets the OCR results first, then its own arguments.
        (tasks.finish_document, [[{"pages": [1]}], DOC, "token"], {}, {"document_id": DOC}),
        (
            tasks.ingest_document,
            [],
            {"submission_id": DOC, "staging_key": "staging/x/a.pdf", "filename": "a.pdf"},
            {"submission_id": DOC},
        ),
        # Not an id, or arguments that do not fit the task: nothing is taken from them.
        (tasks.process_document, ["John Doe 123-45-6789"], {}, {}),
        (tasks.process_document, [DOC, "extra", "args"], {}, {}),
        (tasks.process_document, None, None, {}),
    ],
)
def test_task_subject_names_the_document_or_submission(
    task: Any, args: Any, kwargs: Any, subject: dict[str, str]
) -> None:
    assert observability.task_subject(task, args, kwargs) == subject


def test_a_running_task_binds_its_context_and_resets_it_after(
    json_log: Callable[[], list[dict[str, Any]]],
) -> None:
    scratch = Celery("logging-test", set_as_current=False)
    scratch.conf.task_always_eager = True
    inner_doc = str(uuid.uuid4())

    @scratch.task(name="test.inner")
    def inner(document_id: str) -> None:
        log.info("inner")

    @scratch.task(name="test.outer", bind=True)
    def outer(self: Any, document_id: str) -> None:
        log.info("outer before")
        inner.apply(args=[inner_doc])
        log.info("outer after")

    result = outer.apply(args=[DOC], task_id=TASK)
    result.get()
    log.info("no task")

    lines = {line["message"]: line for line in json_log() if line["logger"] == log.name}
    for message in ("outer before", "outer after"):
        assert lines[message]["task_id"] == TASK
        assert lines[message]["task_name"] == "test.outer"
        assert lines[message]["document_id"] == DOC
    assert lines["inner"]["task_name"] == "test.inner"
    assert lines["inner"]["document_id"] == inner_doc
    assert lines["inner"]["task_id"] != TASK
    assert "task_id" not in lines["no task"]
    assert log_context() == {}
    assert not observability._bindings


def test_celery_logging_setup_uses_ours(root_logging: None) -> None:
    # What ``celery -A workers worker|beat`` does at start-up; PIPELINE_LOG_JSON picks the format.
    before = app.conf.pipeline_settings
    app.conf.pipeline_settings = Settings(log_json=True)
    try:
        signals.setup_logging.send(sender=None, loglevel=logging.DEBUG, logfile=None)
    finally:
        app.conf.pipeline_settings = before

    root = logging.getLogger()
    (handler,) = root.handlers
    assert isinstance(handler.formatter, JsonFormatter)
    assert root.level == logging.DEBUG
    assert {type(f).__name__ for f in handler.filters} == {
        "SkipCollectedFilter",
        "ContextFilter",
        "RedactingFilter",
    }


# --- third-party noise ---------------------------------------------------------------------------


def _buffered(level: int) -> io.StringIO:
    configure_logging(level=level)
    buffer = io.StringIO()
    logging.getLogger().handlers[0].setStream(buffer)  # type: ignore[attr-defined]
    return buffer


def _library_noise() -> None:
    logging.getLogger("pypdf._cmap").warning("fontTools is required to fully parse the encoding")
    logging.getLogger("PIL.PngImagePlugin").debug("STREAM b'IHDR' 16 13")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("a library's deprecation", DeprecationWarning, stacklevel=1)


def test_library_logs_and_warnings_are_hidden_without_verbose(root_logging: None) -> None:
    buffer = _buffered(logging.WARNING)  # the CLI without -v
    _library_noise()
    log.warning("our own warning")
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 1 and "WARNING tests.unit.logging: our own warning" in lines[0]


def test_library_warnings_are_shown_when_verbose_but_not_their_debug(root_logging: None) -> None:
    buffer = _buffered(logging.DEBUG)  # pipeline -vv
    _library_noise()
    text = buffer.getvalue()
    assert "WARNING pypdf._cmap: fontTools is required" in text
    assert "a library's deprecation" in text
    assert "STREAM" not in text


def test_collected_records_are_left_to_the_caller(root_logging: None) -> None:
    buffer = _buffered(logging.INFO)  # a worker
    with collected_records("pypdf") as records:
        for _ in range(3):
            logging.getLogger("pypdf._cmap").warning("fontTools is required")
        log.warning("ours, meanwhile")
    logging.getLogger("pypdf._reader").warning("incorrect startxref pointer")
    assert [r.getMessage() for r in records] == ["fontTools is required"] * 3
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 2
    assert "ours, meanwhile" in lines[0] and "incorrect startxref pointer" in lines[1]


def _pipeline(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_keeps_pypdf_warnings_out_of_its_output_unless_asked(tmp_path: Path) -> None:
    # A text PDF whose startxref points nowhere: pypdf repairs it and warns as it goes.
    data = docs.text_pdf(tmp_path / "w.pdf", [["Borrower: Jane Q Example"] * 3]).read_bytes()
    end = data.rindex(b"startxref")
    path = tmp_path / "broken.pdf"
    path.write_bytes(data[:end] + b"startxref\n123\n%%EOF\n")

    quiet = _pipeline(tmp_path / "quiet", "ingest", str(path), "--wait")
    assert quiet.returncode == 0 and "COMPLETED" in quiet.stdout, quiet.stderr
    assert "pypdf" not in quiet.stderr and "WARNING" not in quiet.stderr, quiet.stderr

    debug = _pipeline(tmp_path / "debug", "-vv", "ingest", str(path), "--wait")
    assert debug.returncode == 0 and "COMPLETED" in debug.stdout, debug.stderr
    summaries = [line for line in debug.stderr.splitlines() if "pypdf worked around" in line]
    assert summaries and "incorrect startxref pointer" in summaries[0]
    assert "WARNING pypdf" not in debug.stderr
