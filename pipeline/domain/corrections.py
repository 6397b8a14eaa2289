"""A reviewer's corrections of extracted records (pure: no I/O).

A person may correct one field of a record or mark the whole record wrong (reject it). The
correction is a fact of its own (who, when, the value shown and the value meant) kept beside the
extraction, never written over it: the export lays a document's corrections over its records
(:func:`apply_corrections`) each time it is read.

Which fields may be corrected, and what a value must look like, is :data:`CORRECTABLE`; values
are kept in the export's own JSON form (an amount is the string ``"84512.33"``), so a correction
reads back exactly as the export shows it.

**Reprocessing** replaces a document's income records and account numbers with new rows (new
ids); borrowers are matched again and usually keep theirs. A correction whose record is gone
applies to the document's new record of the same type whose corrected field still holds the
value the correction replaced (a rejection: whose identifying fields, :data:`IDENTITY`, all still
hold what was rejected). An old record's corrections go together to at most one new record, the
first in the export's order, and a record that has corrections of its own takes no others. Where
the new extraction reads the field differently (say, now right) the correction does not apply:
the new reading stands, uncorrected, and the correction stays in the table as history.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pipeline.domain.model import IncomePeriod, RecordKind
from pipeline.pii import redact

# The whole record, for a rejection (``corrections.field`` of an 'reject' row).
WHOLE_RECORD = "record"

ACCOUNT_TYPES = ("checking", "savings", "money_market", "credit_card", "loan", "other")
SOURCE_TYPES = (
    "w2",
    "paystub",
    "form_1040",
    "schedule_c",
    "schedule_e",
    "1099_nec",
    "1099_int",
    "1099_div",
    "1099_misc",
    "1099_r",
    "1099_g",
    "ssa_1099",
    "1099_b",
    "voe",
    "form_1003",
)
_MAX_TEXT = 256
_MAX_AMOUNT = Decimal("999999999999.99")  # income_records.amount is NUMERIC(14, 2)


class CorrectionAction(StrEnum):
    CORRECT = "correct"  # new_value replaces the field's value
    REJECT = "reject"  # the record is wrong as a whole


class CorrectionRefused(ValueError):
    """The correction cannot be stored as asked; the message says why (never echoing an SSN or
    account number)."""


@dataclass(frozen=True, kw_only=True)
class Correction:
    """One reviewer's correction of one field (or a rejection of one record)."""

    id: uuid.UUID
    document_id: uuid.UUID
    record_type: RecordKind
    record_id: uuid.UUID
    field: str
    action: CorrectionAction
    old_value: Any
    new_value: Any
    reviewer: str
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON: who corrected which field of which record, when, from what to what."""
        return {
            "id": str(self.id),
            "record_type": self.record_type.value,
            "record_id": str(self.record_id),
            "field": self.field,
            "action": self.action.value,
            "old_value": self.old_value,
            "new_value": self.new_value,
            "reviewer": self.reviewer,
            "created_at": self.created_at.isoformat(),
        }


# --- values ------------------------------------------------------------------------------------


def _text(value: Any, *, what: str) -> str:
    if not isinstance(value, str):
        raise CorrectionRefused(f"{what} must be text")
    text = " ".join(value.split())
    if not text:
        raise CorrectionRefused(f"{what} must not be empty")
    if len(text) > _MAX_TEXT:
        raise CorrectionRefused(f"{what} is longer than {_MAX_TEXT} characters")
    if redact(text) != text:
        # Only an SSN's or account's last four are ever stored; a reviewer pasting the whole
        # number into a name field must not put it in the database.
        raise CorrectionRefused(f"{what} must not hold an SSN or account number")
    return text


def _name(value: Any) -> str:
    return _text(value, what="name")


def _optional_text(what: str) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return _text(value, what=what)

    return parse


def _amount(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise CorrectionRefused("amount must be a number such as 84512.33")
    text = str(value).strip().replace(",", "").removeprefix("$")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        raise CorrectionRefused("amount must be a number with at most two decimals")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise CorrectionRefused("amount must be a number") from None
    if abs(amount) > _MAX_AMOUNT:
        raise CorrectionRefused("amount is too large")
    return f"{amount:.2f}"


def _year(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CorrectionRefused("year must be a year such as 2025")
    try:
        year = int(str(value).strip())
    except ValueError:
        raise CorrectionRefused("year must be a year such as 2025") from None
    if not 1900 <= year <= 2100:
        raise CorrectionRefused("year must be between 1900 and 2100")
    return year


def _choice(what: str, allowed: Iterable[str]) -> Callable[[Any], str]:
    options = tuple(allowed)

    def parse(value: Any) -> str:
        if not isinstance(value, str) or value.strip() not in options:
            raise CorrectionRefused(f"{what} must be one of {', '.join(options)}")
        return value.strip()

    return parse


def _address(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise CorrectionRefused("address must have street, city, state and zip")
    keys = ("street", "city", "state", "zip")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise CorrectionRefused(f"address has no field {unknown[0]!r}")
    out = {key: _text(value.get(key), what=f"address {key}") for key in keys}
    if not re.fullmatch(r"[A-Za-z]{2}", out["state"]):
        raise CorrectionRefused("address state must be a two-letter code")
    if not re.fullmatch(r"\d{5}(-\d{4})?", out["zip"]):
        raise CorrectionRefused("address zip must be 5 digits (or ZIP+4)")
    out["state"] = out["state"].upper()
    return out


CORRECTABLE: dict[RecordKind, dict[str, Callable[[Any], Any]]] = {
    RecordKind.BORROWER: {"name": _name, "address": _address},
    RecordKind.INCOME_RECORD: {
        "amount": _amount,
        "period": _choice("period", (p.value for p in IncomePeriod)),
        "year": _year,
        "source_type": _choice("source_type", SOURCE_TYPES),
        "employer": _optional_text("employer"),
    },
    RecordKind.ACCOUNT_NUMBER: {
        "account_type": _choice("account_type", ACCOUNT_TYPES),
        "institution": _optional_text("institution"),
    },
}

# What a rejection remembers of the record, and what a new record must still hold for the
# rejection to carry over to it after a reprocess.
IDENTITY: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.BORROWER: ("name", "ssn_last4"),
    RecordKind.INCOME_RECORD: ("amount", "period", "year", "source_type", "employer"),
    RecordKind.ACCOUNT_NUMBER: ("last4", "account_type", "institution"),
}


def record_kind(value: str) -> RecordKind:
    try:
        return RecordKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in RecordKind)
        raise CorrectionRefused(f"record type must be one of {kinds}") from None


def checked_value(kind: RecordKind, field: str, value: Any) -> Any:
    """``value`` as the export shows it, or CorrectionRefused saying what is wrong with it."""
    fields = CORRECTABLE[kind]
    if field not in fields:
        raise CorrectionRefused(
            f"a {kind.value}'s {field!r} cannot be corrected (correctable: {', '.join(fields)})"
        )
    return fields[field](value)


def identity(kind: RecordKind, record: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a rejection remembers of ``record`` (an export dict)."""
    return {name: record.get(name) for name in IDENTITY[kind]}


# --- laying corrections over the export --------------------------------------------------------


def apply_corrections(
    kind: RecordKind, records: list[dict[str, Any]], corrections: Iterable[Correction]
) -> None:
    """Lay ``corrections`` (one document's, of ``kind``, oldest first) over ``records`` (the
    document's export dicts of that kind, in export order), in place.

    Every record gets ``corrected`` and ``rejected``; a corrected one also ``original`` (each
    corrected field's extracted value). A correction of a record that is gone applies to a new
    record by the module's reprocess rule."""
    for record in records:
        record["corrected"] = False
        record["rejected"] = False
    by_record: dict[uuid.UUID, list[Correction]] = {}
    for correction in corrections:
        if correction.record_type is kind:
            by_record.setdefault(correction.record_id, []).append(correction)
    if not by_record:
        return
    by_id = {str(record["id"]): record for record in records}
    taken = {str(record_id) for record_id in by_record if str(record_id) in by_id}
    targets = [(by_id[str(rid)], group) for rid, group in by_record.items() if str(rid) in taken]
    for record_id, group in by_record.items():
        if str(record_id) in by_id:
            continue
        heir = next(
            (
                record
                for record in records
                if str(record["id"]) not in taken and _still_holds(kind, record, group)
            ),
            None,
        )
        if heir is not None:
            taken.add(str(heir["id"]))
            targets.append((heir, group))
    for record, group in targets:
        _lay(record, group)


def _still_holds(kind: RecordKind, record: Mapping[str, Any], group: list[Correction]) -> bool:
    """Whether ``record`` holds every value ``group`` (an old record's corrections) replaced."""
    first_seen: dict[str, Any] = {}
    for correction in group:
        first_seen.setdefault(correction.field, correction.old_value)
    for field, old in first_seen.items():
        if field == WHOLE_RECORD:
            if identity(kind, record) != old:
                return False
        elif record.get(field) != old:
            return False
    return True


def _lay(record: dict[str, Any], group: list[Correction]) -> None:
    original: dict[str, Any] = {}
    for correction in group:
        if correction.action is CorrectionAction.REJECT:
            record["rejected"] = True
            continue
        original.setdefault(correction.field, record.get(correction.field))
        record[correction.field] = correction.new_value
    # A field corrected back to what was read is not a correction any more.
    original = {k: v for k, v in original.items() if record.get(k) != v}
    if original:
        record["corrected"] = True
        record["original"] = original
