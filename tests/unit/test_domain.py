from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from pipeline.domain import events
from pipeline.domain.errors import IllegalTransition
from pipeline.domain.model import Address, Borrower, Document, DocumentStatus, normalize_name

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def make_document(**kwargs: object) -> Document:
    defaults: dict[str, object] = {
        "filename": "w2.pdf",
        "file_hash": hashlib.sha256(b"x").hexdigest(),
        "file_type": "pdf",
        "file_size_bytes": 1,
        "blob_uri": "file:///tmp/x",
        "now": T0,
    }
    defaults.update(kwargs)
    return Document.new(**defaults)  # type: ignore[arg-type]


def test_new_document_is_pending_and_records_stored_event() -> None:
    doc = make_document()
    assert doc.status is DocumentStatus.PENDING
    assert [type(e) for e in doc.events] == [events.DocumentStored]
    assert doc.events[0].payload()["file_hash"] == doc.file_hash


def test_file_hash_must_be_sha256_hex() -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        make_document(file_hash="abc")


def test_happy_path_transitions_record_events() -> None:
    doc = make_document()
    doc.start_processing(token="task-1", now=T0 + timedelta(seconds=1))
    assert doc.status is DocumentStatus.PROCESSING and doc.attempts == 1
    assert doc.is_claimed_by("task-1") and not doc.is_claimed_by("task-2")
    doc.complete(now=T0 + timedelta(seconds=2), page_count=3, doc_type="w2")
    assert doc.status is DocumentStatus.COMPLETED
    assert doc.processed_at == T0 + timedelta(seconds=2)
    assert [e.event_type for e in doc.events] == [
        "DocumentStored",
        "DocumentProcessingStarted",
        "DocumentCompleted",
    ]


@pytest.mark.parametrize("start", ["PENDING", "PROCESSING"])
def test_fail_from_pending_or_processing(start: str) -> None:
    doc = make_document()
    if start == "PROCESSING":
        doc.start_processing(token="t", now=T0)
    doc.fail("corrupt PDF", now=T0)
    assert doc.status is DocumentStatus.FAILED
    assert doc.error_message == "corrupt PDF"
    failed = doc.events[-1]
    assert isinstance(failed, events.DocumentFailed) and failed.previous_status == start


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], "complete"),  # PENDING -> COMPLETED
        ([], "reprocess"),  # PENDING -> PENDING
        (["start"], "start"),  # PROCESSING -> PROCESSING
        (["start"], "reprocess"),  # PROCESSING -> PENDING
        (["start", "complete"], "start"),  # COMPLETED -> PROCESSING
        (["start", "complete"], "fail"),  # COMPLETED -> FAILED
        (["start", "fail"], "complete"),  # FAILED -> COMPLETED
        ([], "release"),  # PENDING -> PENDING (only a PROCESSING claim is released)
        (["start", "complete"], "release"),  # COMPLETED -> PENDING by the sweeper
        (["start"], "requeue"),  # PROCESSING must be released, not merely re-sent
        (["start", "fail"], "lose_content"),  # FAILED -> FAILED
    ],
)
def test_illegal_transitions_raise_and_change_nothing(path: list[str], illegal: str) -> None:
    doc = make_document()
    moves = {
        "start": lambda: doc.start_processing(token="t", now=T0),
        "complete": lambda: doc.complete(now=T0, page_count=1, doc_type=None),
        "fail": lambda: doc.fail("x", now=T0),
        "reprocess": lambda: doc.reprocess(now=T0),
        "release": lambda: doc.release(now=T0),
        "requeue": lambda: doc.requeue(now=T0),
        "lose_content": lambda: doc.lose_content("gone", now=T0),
    }
    for move in path:
        moves[move]()
    before = (doc.status, len(doc.events))
    with pytest.raises(IllegalTransition):
        moves[illegal]()
    assert (doc.status, len(doc.events)) == before


@pytest.mark.parametrize("final", ["complete", "fail"])
def test_reprocess_from_final_states(final: str) -> None:
    doc = make_document()
    doc.start_processing(token="t", now=T0)
    if final == "complete":
        doc.complete(now=T0, page_count=1, doc_type="w2")
    else:
        doc.fail("x", now=T0)
    doc.reprocess(now=T0)
    assert doc.status is DocumentStatus.PENDING and doc.processing_token is None
    doc.start_processing(token="t2", now=T0)
    assert doc.attempts == 2


def test_sweeper_releases_a_stale_claim_and_counts_requeues() -> None:
    doc = make_document()
    doc.start_processing(token="dead-task", now=T0)
    doc.release(now=T0 + timedelta(hours=2))
    assert doc.status is DocumentStatus.PENDING and doc.processing_token is None
    assert doc.requeues == 1 and doc.updated_at == T0 + timedelta(hours=2)
    doc.requeue(now=T0 + timedelta(hours=4))
    assert doc.status is DocumentStatus.PENDING and doc.requeues == 2
    released, requeued = doc.events[-2:]
    assert isinstance(released, events.DocumentRequeued) and released.stale_claim
    assert isinstance(requeued, events.DocumentRequeued)
    assert requeued.previous_status == "PENDING" and requeued.requeues == 2
    doc.start_processing(token="new-task", now=T0 + timedelta(hours=5))
    doc.complete(now=T0 + timedelta(hours=5), page_count=1, doc_type=None)
    doc.reprocess(now=T0 + timedelta(hours=6))
    assert doc.requeues == 0  # an operator's reprocess starts the count afresh


@pytest.mark.parametrize("start", [[], ["start"], ["start", "complete"]])
def test_lost_content_fails_from_any_state_but_failed(start: list[str]) -> None:
    doc = make_document()
    if start:
        doc.start_processing(token="t", now=T0)
    if "complete" in start:
        doc.complete(now=T0, page_count=1, doc_type="w2")
    previous = doc.status
    doc.lose_content("stored object is missing", now=T0 + timedelta(days=1))
    assert doc.status is DocumentStatus.FAILED
    assert doc.error_message == "stored object is missing"
    failed = doc.events[-1]
    assert isinstance(failed, events.DocumentFailed) and failed.previous_status == previous


def test_event_payloads_are_json_ready() -> None:
    doc = make_document(id=uuid.UUID(int=1))
    payload = doc.events[0].payload()
    assert payload["document_id"] == str(uuid.UUID(int=1))
    assert payload["occurred_at"] == T0.isoformat()


def test_name_and_address_normalisation() -> None:
    assert normalize_name("  José  O'Neil-Smith ") == "jose o neil smith"
    a = Address("31403 David Circles Suite 863", "West Erinfort", "wy", "45881-3334")
    b = Address("31403 DAVID CIRCLES SUITE 863", "West Erinfort", "WY", "45881")
    assert a.key() == b.key()
    assert Borrower(name="APRIL HENSLEY").normalized_name == "april hensley"


def test_domain_package_is_pure() -> None:
    import pathlib

    import pipeline.domain

    root = pathlib.Path(pipeline.domain.__file__).parent
    for path in root.glob("*.py"):
        source = path.read_text()
        for forbidden in ("sqlalchemy", "celery", "google.cloud", "asyncpg"):
            assert forbidden not in source, f"{path.name} imports {forbidden}"
