"""The task contract as typed models: what each public task accepts from the broker.

Producers in other languages send these tasks by name (README "The task contract"). Every
message is checked against its task's model before the task body runs (see
``workers.tasks.ContractTask``); one that does not fit raises :class:`MalformedMessage`, whose
reason names the arguments at fault and the rule each broke, never a value (a producer's
arguments may carry a file name, metadata, or an SSN typed into the wrong field).

Types are JSON's and are not coerced: ``"12345"`` is not a size, ``true`` is not a number. Ids
are UUID strings. Unknown arguments are refused rather than ignored, so a producer's typo
(``stagingKey``) is reported instead of silently dropped. Positional arguments bind to the
fields in the order given here, as in a Python call.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from pipeline.service_layer.rejections import RejectedMessage

# Lax for ids only: a UUID arrives as a JSON string.
Id = Annotated[uuid.UUID, Field(strict=False)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=256)]
# staging/<uuid>/<name>: the layout reconciliation knows, and never a key outside staging/
# (ingest deletes the staged object once it is stored).
StagingKey = Annotated[
    str, StringConstraints(min_length=1, max_length=1024, pattern=r"^staging/[^/]+/[^/]+$")
]


class TaskContract(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class IngestDocument(TaskContract):
    """``pipeline.ingest_document`` (queue ``ingest``), sent by producers."""

    submission_id: Id
    staging_key: StagingKey
    filename: Annotated[str, StringConstraints(min_length=1, max_length=512)]
    size_bytes: Annotated[int, Field(ge=0)]
    metadata: dict[str, Any] | None = None
    idempotency_key: Annotated[str, StringConstraints(min_length=1, max_length=256)] | None = None


class ProcessDocument(TaskContract):
    """``pipeline.process_document`` (queue ``extract``): args ``[document_id]``."""

    document_id: Id


class OcrPage(TaskContract):
    """``pipeline.ocr_page`` (queue ``ocr``): args ``[document_id, [page numbers], token]``."""

    document_id: Id
    pages: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=1)]
    token: Token


class FinishDocument(TaskContract):
    """``pipeline.finish_document`` (queue ``extract``), a chord callback: args ``[ocr results
    (ignored), document_id, token]``."""

    ocr_results: Any
    document_id: Id
    token: Token


class NoArguments(TaskContract):
    """The beat-scheduled maintenance tasks take no arguments."""


CONTRACTS: dict[str, type[TaskContract]] = {
    "pipeline.ingest_document": IngestDocument,
    "pipeline.process_document": ProcessDocument,
    "pipeline.ocr_page": OcrPage,
    "pipeline.finish_document": FinishDocument,
    "pipeline.relay_outbox": NoArguments,
    "pipeline.sweep_stuck": NoArguments,
    "pipeline.reconcile": NoArguments,
    "pipeline.housekeeping": NoArguments,
}

# Argument names are the producer's: shown, but bounded and printable.
_MAX_NAME = 64


class MalformedMessage(Exception):
    """A message that breaks its task's contract; ``rejected`` describes it without values."""

    def __init__(self, rejected: RejectedMessage) -> None:
        super().__init__(rejected.reason)
        self.rejected = rejected


def check(task_name: str, args: Any, kwargs: Any, *, task_id: str | None = None) -> TaskContract:
    """The message's arguments as the task's model, or :class:`MalformedMessage`."""
    contract = CONTRACTS[task_name]
    args = list(args) if isinstance(args, list | tuple) else args
    kwargs = dict(kwargs) if isinstance(kwargs, dict) else kwargs
    problems: list[str] = []
    data: dict[str, Any] = {}
    if not isinstance(args, list) or not isinstance(kwargs, dict):
        problems.append("arguments are not a list and an object")
    else:
        data, problems = _bind(contract, args, kwargs)
    failed: set[str] = set()
    try:
        model = contract.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False):
            field = str(error["loc"][0]) if error["loc"] else ""
            failed.add(field)
            problems.append(f"{_shown(field) or 'arguments'}: {_rule(error)}")
    else:
        if not problems:
            return model
    raise MalformedMessage(
        _rejected(task_name, task_id, args, kwargs, data, failed, "; ".join(problems))
    )


def _bind(
    contract: type[TaskContract], args: list[Any], kwargs: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    names = list(contract.model_fields)
    problems: list[str] = []
    if len(args) > len(names):
        problems.append(f"takes {len(names)} positional argument(s), got {len(args)}")
    data = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name in data:
            problems.append(f"{_shown(name)}: given both by position and by name")
        data[name] = value
    return data, problems


def _rule(error: ErrorDetails) -> str:
    """What a field broke, from pydantic's error type and the constraint (never the input)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    rules = {
        "missing": "missing",
        "extra_forbidden": "not an argument of this task",
        "uuid_parsing": "not a UUID",
        "uuid_type": "not a UUID string",
        "uuid_version": "not a UUID",
        "string_type": "should be a string",
        "int_type": "should be an integer",
        "dict_type": "should be an object or null",
        "list_type": "should be a list",
        "string_too_short": "empty",
        "string_pattern_mismatch": "should be staging/<uuid>/<name>",
        "too_short": "empty list",
    }
    if kind in rules:
        return rules[kind]
    if kind == "string_too_long":
        return f"longer than {ctx.get('max_length')} characters"
    if kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        return f"should be {'>=' if kind == 'greater_than_equal' else '>'} {bound}"
    return kind.replace("_", " ")


def _shown(name: object) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in str(name))
    return text if len(text) <= _MAX_NAME else text[: _MAX_NAME - 1] + "…"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _rejected(
    task_name: str,
    task_id: str | None,
    args: Any,
    kwargs: Any,
    data: dict[str, Any],
    failed: set[str],
    reason: str,
) -> RejectedMessage:
    def valid(name: str) -> Any:
        return data.get(name) if name in data and name not in failed else None

    submission_id = None
    if task_name == "pipeline.ingest_document" and isinstance(valid("submission_id"), str):
        submission_id = uuid.UUID(valid("submission_id"))
    arg_types = [json_type(a) for a in args] if isinstance(args, list) else [json_type(args)]
    kwarg_types = (
        {_shown(k): json_type(v) for k, v in kwargs.items()} if isinstance(kwargs, dict) else {}
    )
    size = valid("size_bytes")
    return RejectedMessage(
        task_name=task_name,
        task_id=task_id,
        reason=reason,
        arg_types=arg_types,
        kwarg_types=kwarg_types,
        submission_id=submission_id,
        # The arguments that passed, so the rejected submission row says what was handed in.
        filename=valid("filename") or "",
        staging_key=valid("staging_key") or "",
        size_bytes=size if isinstance(size, int) else 0,
    )
