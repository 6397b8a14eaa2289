"""Corrections laid over export records (pure): values checked, history kept apart from the
extraction, and the reprocess rule (a correction follows its value to a new record)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pipeline.domain.corrections import (
    WHOLE_RECORD,
    Correction,
    CorrectionAction,
    CorrectionRefused,
    apply_corrections,
    checked_value,
)
from pipeline.domain.model import RecordKind

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DOC = uuid.uuid4()
INCOME = RecordKind.INCOME_RECORD


def income(amount: str, employer: str = "Acme", **extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "amount": amount,
        "period": "annual",
        "year": 2025,
        "source_type": "w2",
        "employer": employer,
        **extra,
    }


def correction(
    record: dict[str, Any], field: str, old: Any, new: Any, *, minutes: int = 0
) -> Correction:
    reject = field == WHOLE_RECORD
    return Correction(
        id=uuid.uuid4(),
        document_id=DOC,
        record_type=INCOME,
        record_id=uuid.UUID(record["id"]),
        field=field,
        action=CorrectionAction.REJECT if reject else CorrectionAction.CORRECT,
        old_value=old,
        new_value=None if reject else new,
        reviewer="ana",
        created_at=T0 + timedelta(minutes=minutes),
    )


def test_a_corrected_field_shows_the_new_value_and_keeps_the_original() -> None:
    first, second = income("84512.33"), income("1200.00")
    fixes = [correction(first, "amount", "84512.33", "84521.33")]

    apply_corrections(INCOME, [first, second], fixes)

    assert first["amount"] == "84521.33"
    assert first["corrected"] is True and first["rejected"] is False
    assert first["original"] == {"amount": "84512.33"}
    assert second["corrected"] is False and "original" not in second


def test_later_corrections_win_and_the_original_is_the_extracted_value() -> None:
    record = income("84512.33")
    fixes = [
        correction(record, "amount", "84512.33", "84521.33"),
        correction(record, "amount", "84521.33", "84512.83", minutes=1),
    ]
    apply_corrections(INCOME, [record], fixes)
    assert record["amount"] == "84512.83"
    assert record["original"] == {"amount": "84512.33"}


def test_a_value_corrected_back_to_what_was_read_is_no_correction() -> None:
    record = income("84512.33")
    fixes = [
        correction(record, "amount", "84512.33", "1.00"),
        correction(record, "amount", "1.00", "84512.33", minutes=1),
    ]
    apply_corrections(INCOME, [record], fixes)
    assert record["corrected"] is False and "original" not in record


def test_a_rejected_record_is_marked() -> None:
    record = income("84512.33")
    apply_corrections(INCOME, [record], [correction(record, WHOLE_RECORD, {}, None)])
    assert record["rejected"] is True and record["corrected"] is False


def test_after_a_reprocess_a_correction_follows_its_value_to_the_new_record() -> None:
    old = income("84512.33", employer="Acme")
    fixes = [
        correction(old, "employer", "Acme", "Acme Tooling Inc."),
        correction(old, "amount", "84512.33", "84521.33", minutes=1),
    ]
    # The reprocess made new rows (new ids): one still reading the corrected values, one not.
    other, heir = income("5000.00", employer="Acme"), income("84512.33", employer="Acme")

    apply_corrections(INCOME, [other, heir], fixes)

    assert heir["employer"] == "Acme Tooling Inc." and heir["amount"] == "84521.33"
    assert heir["original"] == {"employer": "Acme", "amount": "84512.33"}
    assert other["corrected"] is False and other["amount"] == "5000.00"


def test_a_correction_does_not_carry_over_when_the_new_extraction_reads_otherwise() -> None:
    old = income("84512.33")
    fixes = [correction(old, "amount", "84512.33", "84521.33")]
    reread = income("84521.33")  # the extractor now reads it right
    apply_corrections(INCOME, [reread], fixes)
    assert reread["amount"] == "84521.33" and reread["corrected"] is False


def test_an_old_records_corrections_go_to_one_new_record_only() -> None:
    old = income("100.00")
    fixes = [correction(old, "amount", "100.00", "200.00")]
    a, b = income("100.00"), income("100.00")
    apply_corrections(INCOME, [a, b], fixes)
    assert (a["amount"], b["amount"]) == ("200.00", "100.00")


def test_a_record_with_corrections_of_its_own_takes_no_others() -> None:
    kept, gone = income("100.00"), income("100.00")
    fixes = [
        correction(kept, "employer", "Acme", "Acme Inc."),
        correction(gone, "amount", "100.00", "300.00"),
    ]
    apply_corrections(INCOME, [kept], fixes)
    assert kept["amount"] == "100.00" and kept["employer"] == "Acme Inc."


def test_a_rejection_carries_over_only_to_a_record_read_the_same_way() -> None:
    old = income("100.00")
    identity = {k: old[k] for k in ("amount", "period", "year", "source_type", "employer")}
    fixes = [correction(old, WHOLE_RECORD, identity, None)]
    same, changed = income("100.00"), income("100.00", period="monthly")
    apply_corrections(INCOME, [changed, same], fixes)
    assert same["rejected"] is True and changed["rejected"] is False


@pytest.mark.parametrize(
    ("kind", "field", "value", "expected"),
    [
        (INCOME, "amount", "84,512.3", "84512.30"),
        (INCOME, "amount", "$-1200", "-1200.00"),
        (INCOME, "amount", 1200, "1200.00"),
        (INCOME, "year", "2024", 2024),
        (INCOME, "year", "", None),
        (INCOME, "period", "biweekly", "biweekly"),
        (INCOME, "employer", "  Acme   Tooling ", "Acme Tooling"),
        (INCOME, "employer", "", None),
        (RecordKind.ACCOUNT_NUMBER, "account_type", "savings", "savings"),
        (RecordKind.BORROWER, "name", "Ana  Pérez", "Ana Pérez"),
        (
            RecordKind.BORROWER,
            "address",
            {"street": "1 Main St", "city": "Reno", "state": "nv", "zip": "89501"},
            {"street": "1 Main St", "city": "Reno", "state": "NV", "zip": "89501"},
        ),
    ],
)
def test_values_are_checked_and_put_in_the_exports_form(
    kind: RecordKind, field: str, value: Any, expected: Any
) -> None:
    assert checked_value(kind, field, value) == expected


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        (INCOME, "amount", "12.345", "two decimals"),
        (INCOME, "amount", "lots", "two decimals"),
        (INCOME, "amount", True, "number"),
        (INCOME, "amount", "1000000000000", "too large"),
        (INCOME, "year", "1850", "between"),
        (INCOME, "period", "yearly", "one of"),
        (INCOME, "source_type", "lottery", "one of"),
        (INCOME, "confidence", "1", "cannot be corrected"),
        (RecordKind.ACCOUNT_NUMBER, "last4", "1234", "cannot be corrected"),
        (RecordKind.BORROWER, "name", "", "empty"),
        (RecordKind.BORROWER, "name", 7, "text"),
        (RecordKind.BORROWER, "name", "Ana 123-45-6789", "SSN"),
        (INCOME, "employer", "Acct 4111111111111111", "SSN or account"),
        (RecordKind.BORROWER, "address", {"street": "1 Main"}, "address"),
        (
            RecordKind.BORROWER,
            "address",
            {"street": "1 Main", "city": "Reno", "state": "NV", "zip": "8950"},
            "zip",
        ),
    ],
)
def test_bad_values_are_refused_saying_why(
    kind: RecordKind, field: str, value: Any, message: str
) -> None:
    with pytest.raises(CorrectionRefused, match=message) as refused:
        checked_value(kind, field, value)
    assert "6789" not in str(refused.value) and "4111" not in str(refused.value)
