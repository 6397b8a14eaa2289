"""The task contract's validation entry point (``workers.contracts.check``): every malformed
shape a producer in another language may send is refused with a reason naming the arguments,
and nothing a producer sent as a value reaches the reason or the dead-letter description."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from typing import Any

import pytest

from workers import contracts
from workers.app import app
from workers.tasks import ContractTask

INGEST = "pipeline.ingest_document"
SUBMISSION = str(uuid.uuid4())
SSN = "123-45-6789"


def good_ingest(**changes: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "submission_id": SUBMISSION,
        "staging_key": f"staging/{SUBMISSION}/w2.pdf",
        "filename": "w2.pdf",
        "size_bytes": 12345,
        "metadata": {"loan": "L-1"},
        "idempotency_key": None,
    }
    kwargs.update(changes)
    return {k: v for k, v in kwargs.items() if v is not ...}


def refused(task: str, args: Any = (), kwargs: Any = None) -> contracts.RejectedMessage:
    with pytest.raises(contracts.MalformedMessage) as caught:
        contracts.check(task, args, {} if kwargs is None else kwargs, task_id="t-1")
    return caught.value.rejected


def test_the_documented_messages_pass() -> None:
    model = contracts.check(INGEST, (), good_ingest())
    assert isinstance(model, contracts.IngestDocument)
    assert model.submission_id == uuid.UUID(SUBMISSION)
    # Optional arguments may be left out; positional arguments bind in the documented order.
    contracts.check(INGEST, (), good_ingest(metadata=..., idempotency_key=...))
    contracts.check(INGEST, list(good_ingest().values())[:4], {})
    doc = str(uuid.uuid4())
    contracts.check("pipeline.process_document", [doc], {})
    contracts.check("pipeline.ocr_page", [doc, [1, 2], "claim-token"], {})
    contracts.check("pipeline.finish_document", [[{"pages": [1]}], doc, "claim-token"], {})
    contracts.check("pipeline.relay_outbox", (), {})


def test_every_registered_pipeline_task_has_a_contract_and_checks_it() -> None:
    names = {name for name in app.tasks if name.startswith("pipeline.")}
    assert names == set(contracts.CONTRACTS)
    for name in names:
        assert isinstance(app.tasks[name], ContractTask), name


@pytest.mark.parametrize(
    ("kwargs", "reason", "recordable"),
    [
        (good_ingest(submission_id="not-a-uuid"), "submission_id: not a UUID", False),
        (good_ingest(submission_id=12345), "submission_id: not a UUID string", False),
        (good_ingest(staging_key=...), "staging_key: missing", True),
        (good_ingest(size_bytes=...), "size_bytes: missing", True),
        (good_ingest(size_bytes="12345"), "size_bytes: should be an integer", True),
        (good_ingest(size_bytes=True), "size_bytes: should be an integer", True),
        (good_ingest(size_bytes=-1), "size_bytes: should be >= 0", True),
        (good_ingest(filename=["w2.pdf"]), "filename: should be a string", True),
        (good_ingest(metadata="loan=L-1"), "metadata: should be an object or null", True),
        (good_ingest(staging_key="documents/ab/abc"), "should be staging/<uuid>/<name>", True),
        (good_ingest(stagingKey="x"), "stagingKey: not an argument of this task", True),
        ({}, "submission_id: missing; staging_key: missing", False),
    ],
    ids=[
        "non-uuid-id",
        "id-not-a-string",
        "missing-staging-key",
        "missing-size",
        "size-as-string",
        "size-as-boolean",
        "negative-size",
        "filename-as-list",
        "metadata-as-string",
        "key-outside-staging",
        "extra-unknown-arg",
        "empty-kwargs",
    ],
)
def test_malformed_ingest_messages_are_refused_with_a_reason(
    kwargs: dict[str, Any], reason: str, recordable: bool
) -> None:
    rejected = refused(INGEST, (), kwargs)
    assert reason in rejected.reason
    assert rejected.task_name == INGEST and rejected.task_id == "t-1"
    # Recorded under the submission only when its id is a UUID.
    assert (rejected.submission_id == uuid.UUID(SUBMISSION)) is recordable
    assert rejected.kwarg_types == {k: contracts.json_type(v) for k, v in kwargs.items()}


def test_argument_shapes_that_are_no_call_at_all() -> None:
    too_many = refused(INGEST, [*good_ingest().values(), "one more"], {})
    assert "takes 6 positional argument(s), got 7" in too_many.reason
    twice = refused(INGEST, [SUBMISSION], good_ingest())
    assert "submission_id: given both by position and by name" in twice.reason
    assert "arguments are not a list" in refused(INGEST, "abc", {}).reason


@pytest.mark.parametrize(
    ("task", "args", "reason"),
    [
        ("pipeline.process_document", [], "document_id: missing"),
        ("pipeline.process_document", ["42"], "document_id: not a UUID"),
        ("pipeline.process_document", [str(uuid.uuid4()), "x"], "takes 1 positional"),
        ("pipeline.ocr_page", [str(uuid.uuid4()), [], "t"], "pages: empty list"),
        ("pipeline.ocr_page", [str(uuid.uuid4()), ["1"], "t"], "pages: should be an integer"),
        ("pipeline.ocr_page", [str(uuid.uuid4()), [0], "t"], "pages: should be >= 1"),
        ("pipeline.finish_document", [None, str(uuid.uuid4())], "token: missing"),
        ("pipeline.relay_outbox", [1], "takes 0 positional"),
    ],
)
def test_malformed_messages_of_the_other_tasks_are_refused(
    task: str, args: list[Any], reason: str
) -> None:
    rejected = refused(task, args)
    assert reason in rejected.reason
    assert rejected.submission_id is None  # nothing to record them under: dead letters


def test_no_value_a_producer_sent_reaches_the_rejection() -> None:
    """An SSN sent where a UUID, a size or an unknown argument belongs is described by its
    argument's name and JSON type only."""
    kwargs = good_ingest(submission_id=SSN, size_bytes=SSN, ssn=SSN, filename=SSN + ".pdf")
    rejected = refused(INGEST, [], kwargs)
    described = asdict(rejected) | {"filename": None}  # a valid file name is the row's
    text = json.dumps(described, default=str)
    assert SSN not in text and "6789" not in text
    assert rejected.kwarg_types["ssn"] == "string"
