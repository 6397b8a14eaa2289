"""Reconciliation's pure parts: key layouts, redaction of file names, and the report's
accounting (counts cover every finding, the details list is capped, everything is JSON)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from pipeline.service_layer.reconcile import (
    Finding,
    FindingKind,
    Outcome,
    ReconciliationReport,
    redact_key,
)
from pipeline.storage import (
    document_key,
    is_document_key,
    staging_key,
    submission_of_staging_key,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SID = uuid.UUID("0b7c5a2e-3f1d-4c2b-9a8e-5d6f7a8b9c0d")


def test_staging_keys_name_their_submission() -> None:
    assert submission_of_staging_key(staging_key(SID, "W-2 Jane Doe.pdf")) == SID
    for key in (
        f"staging/{SID}",
        f"staging/{SID}/",
        f"staging/{SID}/nested/name.pdf",
        "staging/not-a-uuid/name.pdf",
        f"documents/{SID}/name.pdf",
    ):
        assert submission_of_staging_key(key) is None, key


def test_keys_are_reported_without_a_file_name() -> None:
    assert redact_key(staging_key(SID, "W-2 Jane Doe.pdf")) == f"staging/{SID}/…"
    assert redact_key("staging/Jane_Doe.pdf") == "staging/…"
    assert redact_key("documents/ab/Jane_Doe.pdf") == "documents/ab/…"
    assert redact_key("Jane_Doe.pdf") == "…"
    key = document_key("ab" * 32)
    assert redact_key(key) == key  # a hash names no one


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        (document_key("ab" + "0" * 62), True),
        ("documents/cd/ab" + "0" * 62, False),  # filed under another shard
        ("documents/AB/AB" + "0" * 62, False),
        ("documents/ab/ab" + "0" * 61, False),
        ("documents/ab/ab" + "0" * 62 + ".pdf", False),
        ("documents/notes.txt", False),
    ],
)
def test_only_content_addressed_keys_count_as_document_objects(key: str, valid: bool) -> None:
    assert is_document_key(key) is valid


CHECKED = {"documents": 7, "objects": 6, "submissions": 0, "staged_objects": 0}


def report_of(
    findings: list[Finding],
    status: str = "completed",
    *,
    max_findings: int = 500,
    error: str | None = None,
) -> ReconciliationReport:
    return ReconciliationReport.of(
        id=uuid.uuid4(),
        run_at=T0,
        completed_at=T0,
        status=status,
        dry_run=status == "dry_run",
        deep=False,
        checked=CHECKED,
        findings=findings,
        max_findings=max_findings,
        error=error,
    )


def test_counts_cover_every_finding_while_details_are_capped() -> None:
    doc = uuid.uuid4()
    findings = [
        Finding(
            FindingKind.MISSING_OBJECT,
            "marked the document FAILED",
            Outcome.FAILED,
            document_id=doc,
        ),
        Finding(FindingKind.ORPHAN_OBJECT, "deleted", Outcome.REPAIRED, key="documents/ab/x"),
        Finding(FindingKind.ORPHAN_OBJECT, "kept", Outcome.REPORTED, key="documents/cd/y"),
        Finding(FindingKind.STALE_SUBMISSION, "sent again", Outcome.REPAIRED, submission_id=SID),
    ]

    report = report_of(findings, max_findings=2)

    assert (report.records_checked, report.mismatches_found) == (13, 4)
    assert (report.auto_repaired, report.failed_repairs) == (2, 1)
    assert report.by_kind == {"missing_object": 1, "orphan_object": 2, "stale_submission": 1}
    assert len(report.findings) == 2 and report.findings_omitted == 2
    data = json.loads(json.dumps(report.as_dict()))
    assert data["status"] == "completed" and data["records_checked"] == 13
    assert data["details"]["findings"][0] == {
        "kind": "missing_object",
        "action": "marked the document FAILED",
        "outcome": "failed",
        "key": None,
        "document_id": str(doc),
        "submission_id": None,
        "detail": None,
    }
    assert data["details"]["findings_omitted"] == 2
    assert data["details"]["checked"] == CHECKED


def test_planned_findings_count_as_mismatches_not_as_repairs() -> None:
    planned = Finding(FindingKind.ORPHAN_OBJECT, "would delete", Outcome.PLANNED, key="k")

    report = report_of([planned], status="dry_run")

    assert (report.mismatches_found, report.auto_repaired, report.failed_repairs) == (1, 0, 0)
    assert report.details()["dry_run"] is True


def test_a_broken_off_run_carries_its_error() -> None:
    report = report_of([], status="failed", error="StorageUnavailable: down")
    assert report.details()["error"] == "StorageUnavailable: down"
    assert report.mismatches_found == 0
