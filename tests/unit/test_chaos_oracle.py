"""The chaos run's oracle (tests/support/chaos/oracle.py) finds what it is there to find: each
check is given a run that broke its rule once, and a run that did not."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

from tests.support.chaos import oracle
from tests.support.chaos.corpus import HandIn, leaks

BORROWER = str(uuid.uuid4())


def exported(doc_id: str, **changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": doc_id,
        "filename": "00001-w2.pdf",
        "file_hash": "ab" * 32,
        "file_type": "pdf",
        "status": "COMPLETED",
        "error_message": None,
        "doc_type": "w2",
        "page_count": 1,
        "parts": [],
        "borrowers": [
            {"id": BORROWER, "name": "José Ramírez", "ssn_last4": "4772", "address": None}
        ],
        "income_records": [
            {
                "id": str(uuid.uuid4()),
                "borrower_id": BORROWER,
                "amount": "84512.33",
                "period": "annual",
                "year": 2024,
                "source": {"page": 1, "snippet": "Wages ***"},
            }
        ],
        "account_numbers": [],
    }
    doc.update(changes)
    return doc


def judged(mine: dict[str, Any], reference: dict[str, Any]) -> oracle.Verdict:
    verdict = oracle.Verdict()
    hand_in = HandIn(1, Path("00001-w2.pdf"), "text", False, "COMPLETED", None)
    submission = uuid.uuid4()
    row = {
        "status": "resolved",
        "document_id": mine["id"],
        "duplicate": False,
        "error_message": None,
    }
    oracle.check_documents(
        verdict, [hand_in], {1: submission}, {submission: row}, [mine], [reference]
    )
    return verdict


def test_a_record_changed_by_the_run_is_wrong_and_ids_or_spelling_are_not() -> None:
    reference = exported(str(uuid.uuid4()))
    same = exported(str(uuid.uuid4()))
    # Another borrower row id, and the name as another document spelled it first.
    same["borrowers"][0]["name"] = "Jose Ramirez"
    assert judged(same, reference).findings == []
    changed = copy.deepcopy(same)
    changed["income_records"][0]["amount"] = "84512.00"
    assert [f.category for f in judged(changed, reference).findings] == ["wrong"]
    doubled = copy.deepcopy(same)
    doubled["income_records"] *= 2
    assert [f.category for f in judged(doubled, reference).findings] == ["wrong"]


def test_a_document_left_processing_is_lost() -> None:
    reference = exported(str(uuid.uuid4()))
    stuck = exported(str(uuid.uuid4()), status="PROCESSING", income_records=[], borrowers=[])
    categories = {f.category for f in judged(stuck, reference).findings}
    assert "lost" in categories


def test_extra_rows_are_duplicates_and_missing_ones_lost() -> None:
    reference = dict.fromkeys(oracle.COUNTED_TABLES, 3)
    verdict = oracle.Verdict()
    oracle.check_counts(verdict, reference | {"income_records": 4, "document_parts": 2}, reference)
    assert sorted(f.category for f in verdict.findings) == ["duplicated", "lost"]


def test_borrower_twins_are_duplicates_and_a_person_split_by_order_is_not() -> None:
    with_ssn = {
        "normalized_name": "thomas gonzalez",
        "ssn_hash": "h1",
        "address": "a",
        "employer": "Harborlight Software Corp",
    }
    # A VOE finished before any document gave the row its employer: a row of its own.
    split = {**with_ssn, "ssn_hash": None, "address": None}
    verdict = oracle.Verdict()
    oracle.check_borrowers(verdict, [with_ssn, split], reference=1)
    assert verdict.findings == []
    oracle.check_borrowers(
        verdict, [with_ssn, split, {**split, "employer": "HARBORLIGHT  SOFTWARE CORP"}], reference=1
    )
    assert [f.category for f in verdict.findings] == ["duplicated"]


def test_events_unconsumed_unpublished_or_finishing_twice() -> None:
    doc = str(uuid.uuid4())
    outbox = [
        {
            "id": 1,
            "event_type": "DocumentStored",
            "aggregate_type": "document",
            "aggregate_id": doc,
            "processed_at": "t",
        },
        {
            "id": 2,
            "event_type": "DocumentCompleted",
            "aggregate_type": "document",
            "aggregate_id": doc,
            "processed_at": "t",
        },
    ]
    consumed = oracle.ConsumedEvents({1: {}, 2: {}}, deliveries=3, replays=[])
    verdict = oracle.Verdict()
    oracle.check_events(verdict, outbox, {doc: "COMPLETED"}, consumed)
    assert verdict.findings == []

    twice = [*outbox, {**outbox[1], "id": 3, "processed_at": None}]
    verdict = oracle.Verdict()
    oracle.check_events(verdict, twice, {doc: "COMPLETED"}, consumed)
    assert sorted(f.category for f in verdict.findings) == ["duplicated", "lost", "lost"]


def test_full_identifiers_are_found_with_any_separators_and_only_whole() -> None:
    secrets = {"912345678", "4400123456789"}
    assert leaks("ssn 912-34-5678 seen", secrets) == ["...5678"]
    assert leaks("ssn 912 34 5678, account 4400123456789", secrets) == ["...5678", "...6789"]
    assert leaks("id 9123456789 and ***-**-5678 and 440012345678", secrets) == []
