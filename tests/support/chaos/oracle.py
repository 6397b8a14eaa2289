"""What a chaos run must have left, checked from the database, the bucket, the event stream as
a consumer saw it, and the logs; each breach is a :class:`Finding` counted as lost, duplicated
or wrong (or leaked, for an identifier in a log line).

The records are compared with a fault-free reference: the embedded pipeline (SQLite, local
blobs, in-process tasks) on the same files, exported the same way."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from pipeline.domain.model import normalize_name
from tests.support.chaos.corpus import HandIn, leaks

# Tables whose row counts must equal the reference's. Not borrowers: see normalized(). The
# rest hold rows of the run itself (outbox, reports, idempotency keys).
COUNTED_TABLES = (
    "documents",
    "income_records",
    "account_numbers",
    "source_references",
    "document_parts",
    "document_pages",
)
TERMINAL_EVENTS = {"DocumentCompleted": "COMPLETED", "DocumentFailed": "FAILED"}


@dataclass(frozen=True)
class Finding:
    category: str  # lost | duplicated | wrong | leaked
    what: str


@dataclass
class Verdict:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was checked, for the report

    def add(self, category: str, what: str) -> None:
        self.findings.append(Finding(category, what))

    def count(self, category: str) -> int:
        return sum(1 for f in self.findings if f.category == category)


@dataclass
class ConsumedEvents:
    """The event stream as the harness's consumer group saw it."""

    applied: dict[int, dict[str, str]]  # outbox_id -> the event, first delivery
    deliveries: int  # entries read, repeats included
    replays: list[str]  # what each replay it asked for said


def normalized(doc: Mapping[str, Any]) -> dict[str, Any]:
    """An exported document without what differs between two runs of the same file: ids and
    times. Records are sorted and name their borrower by the key borrowers are matched on.

    A borrower row is shared by the documents naming the person and keeps what the first of
    them said (the name's spelling, the employer, an address; an SSN once one is read), and a
    document without an SSN is matched to a row by name and address or employer as that row
    stands. So the order documents finish in, which two workers do not keep, decides how a
    borrower reads and even whether a document's person joins an existing row or gets one of
    their own. Borrowers are compared by their name folded as matching
    folds it; duplicates among them by :func:`check_borrowers`."""
    people = {b["id"]: {"name": normalize_name(b["name"])} for b in doc["borrowers"]}

    def plain(record: Mapping[str, Any]) -> str:
        kept = {k: v for k, v in record.items() if k not in ("id", "borrower_id")}
        kept["borrower"] = people.get(record.get("borrower_id") or "")
        return json.dumps(kept, sort_keys=True)

    return {
        "filename": doc["filename"],
        "file_type": doc["file_type"],
        "status": doc["status"],
        "error_message": doc["error_message"],
        "doc_type": doc["doc_type"],
        "page_count": doc["page_count"],
        "parts": [
            {
                "doc_type": p["doc_type"],
                "pages": p["pages"],
                "records": [len(p[k]) for k in ("borrowers", "income_records", "account_numbers")],
            }
            for p in doc["parts"]
        ],
        "borrowers": sorted(json.dumps(p, sort_keys=True) for p in people.values()),
        "income_records": sorted(plain(r) for r in doc["income_records"]),
        "account_numbers": sorted(plain(r) for r in doc["account_numbers"]),
    }


def sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608
            for table in (*COUNTED_TABLES, "borrowers")
        }


async def postgres_counts(conn: asyncpg.Connection) -> dict[str, int]:
    return {
        table: int(await conn.fetchval(f'SELECT count(*) FROM "{table}"'))  # noqa: S608
        for table in (*COUNTED_TABLES, "borrowers")
    }


def check_documents(
    verdict: Verdict,
    hand_ins: list[HandIn],
    submitted: Mapping[int, uuid.UUID],
    submission_rows: Mapping[uuid.UUID, Mapping[str, Any]],
    exported: list[dict[str, Any]],
    reference: list[dict[str, Any]],
) -> None:
    """Every hand-in a submission, final, with the right status, on one document per file whose
    records are the reference's."""
    by_id = {doc["id"]: doc for doc in exported}
    reference_by_hash = {doc["file_hash"]: doc for doc in reference}
    documents_of_file: dict[Path, set[str]] = defaultdict(set)
    originals: Counter[str] = Counter()  # per document, its hand-ins not marked duplicate
    for hand_in in hand_ins:
        label = f"hand-in {hand_in.number} ({hand_in.path.name})"
        submission_id = submitted.get(hand_in.number)
        if submission_id is None:
            verdict.add("lost", f"{label}: the producer never got it in")
            continue
        row = submission_rows.get(submission_id)
        if row is None:
            verdict.add("lost", f"{label}: submission {submission_id} is not in the database")
            continue
        if row["status"] != "resolved":
            verdict.add("wrong", f"{label}: submission {row['status']}: {row['error_message']}")
            continue
        document = by_id.get(str(row["document_id"]))
        if document is None:
            verdict.add("lost", f"{label}: its document {row['document_id']} is gone")
            continue
        documents_of_file[hand_in.path].add(document["id"])
        originals[document["id"]] += 0 if row["duplicate"] else 1
        status = document["status"]
        if status not in ("COMPLETED", "FAILED"):
            verdict.add("lost", f"{label}: document still {status}")
        elif status != hand_in.expect:
            verdict.add(
                "wrong", f"{label}: {status} ({document['error_message']}), not {hand_in.expect}"
            )
        elif hand_in.reason and hand_in.reason not in (document["error_message"] or ""):
            verdict.add(
                "wrong",
                f"{label}: FAILED with {document['error_message']!r}, not {hand_in.reason!r}",
            )
    for path, ids in documents_of_file.items():
        if len(ids) > 1:
            verdict.add("duplicated", f"{path.name}: {len(ids)} documents for one file")
    for document_id, count in originals.items():
        if count != 1:
            verdict.add(
                "duplicated" if count > 1 else "wrong",
                f"document {document_id}: {count} of its hand-ins not marked duplicate (one is)",
            )
    compared = 0
    for doc in exported:
        expected = reference_by_hash.get(doc["file_hash"])
        if expected is None:
            verdict.add("wrong", f"document {doc['id']} ({doc['filename']}): not in the reference")
            continue
        mine, theirs = normalized(doc), normalized(expected)
        compared += 1
        for key in mine:
            if mine[key] != theirs[key]:
                verdict.add(
                    "wrong",
                    f"{doc['filename']}: {key} differs from the fault-free run: "
                    f"{_short(mine[key])} != {_short(theirs[key])}",
                )
    missing = set(reference_by_hash) - {doc["file_hash"] for doc in exported}
    for file_hash in sorted(missing):
        verdict.add("lost", f"{reference_by_hash[file_hash]['filename']}: no document for it")
    verdict.notes.append(f"{compared} documents compared field by field with the fault-free run")


def check_counts(verdict: Verdict, mine: Mapping[str, int], reference: Mapping[str, int]) -> None:
    for table in COUNTED_TABLES:
        if mine[table] > reference[table]:
            verdict.add(
                "duplicated",
                f"{table}: {mine[table]} rows, the fault-free run has {reference[table]}",
            )
        elif mine[table] < reference[table]:
            verdict.add(
                "lost", f"{table}: {mine[table]} rows, the fault-free run has {reference[table]}"
            )
    verdict.notes.append(
        "rows equal to the fault-free run's: " + ", ".join(f"{t} {mine[t]}" for t in COUNTED_TABLES)
    )


def check_borrowers(verdict: Verdict, rows: Iterable[Mapping[str, Any]], reference: int) -> None:
    """No two borrower rows alike in everything matching looks at: a unit of work applied
    twice, or two racing, would leave such twins; the order documents finished in does not."""
    seen: Counter[tuple[Any, ...]] = Counter()
    for r in rows:
        employer = " ".join(str(r["employer"] or "").lower().split())
        seen[(r["normalized_name"], r["ssn_hash"], str(r["address"]).lower(), employer)] += 1
    for key, count in seen.items():
        if count > 1:
            verdict.add("duplicated", f"{count} borrower rows alike: {key[0]!r}")
    verdict.notes.append(
        f"{sum(seen.values())} borrower rows, none alike (the fault-free run, in its order: "
        f"{reference})"
    )


def check_submissions(verdict: Verdict, hand_ins: int, rows: Iterable[Mapping[str, Any]]) -> None:
    total = sum(1 for _ in rows)
    if total > hand_ins:
        verdict.add("duplicated", f"{total} submissions recorded for {hand_ins} hand-ins")


def check_events(
    verdict: Verdict,
    outbox: list[Mapping[str, Any]],
    documents: Mapping[str, str],
    consumed: ConsumedEvents,
) -> None:
    """Every outbox row published and received; each document stored once and finished once,
    as its status says."""
    unpublished = [r["id"] for r in outbox if r["processed_at"] is None]
    if unpublished:
        verdict.add(
            "lost", f"{len(unpublished)} outbox event(s) never published: {unpublished[:5]}"
        )
    ids = {int(r["id"]) for r in outbox}
    unseen = sorted(ids - set(consumed.applied))
    if unseen:
        verdict.add("lost", f"{len(unseen)} event(s) never reached the consumer: {unseen[:5]}")
    strangers = sorted(set(consumed.applied) - ids)
    if strangers:
        verdict.add(
            "wrong", f"{len(strangers)} consumed event(s) are no outbox row: {strangers[:5]}"
        )
    per_document: dict[str, Counter[str]] = defaultdict(Counter)
    for r in outbox:
        if r["aggregate_type"] == "document":
            per_document[str(r["aggregate_id"])][r["event_type"]] += 1
    for document_id, status in documents.items():
        kinds = per_document.get(document_id, Counter())
        if kinds["DocumentStored"] != 1:
            verdict.add(
                "duplicated" if kinds["DocumentStored"] > 1 else "lost",
                f"document {document_id}: {kinds['DocumentStored']} DocumentStored events",
            )
        terminal = {k: n for k, n in kinds.items() if k in TERMINAL_EVENTS}
        if sum(terminal.values()) != 1 or TERMINAL_EVENTS.get(next(iter(terminal), "")) != status:
            verdict.add(
                "duplicated" if sum(terminal.values()) > 1 else "wrong",
                f"document {document_id} ({status}): final events {dict(terminal)}",
            )
    verdict.notes.append(
        f"{len(ids)} outbox events, all published and consumed once by outbox_id "
        f"({consumed.deliveries - len(consumed.applied)} repeat deliveries dropped, "
        f"{len(consumed.replays)} replay(s) asked for)"
        if not (unpublished or unseen)
        else f"{len(ids)} outbox events"
    )


def check_bucket(
    verdict: Verdict,
    keys: Iterable[str],
    expected_documents: set[str],
    reports: list[dict[str, Any]],
) -> None:
    """After reconciliation: exactly the documents' objects, and nothing staged."""
    listed = set(keys)
    stored = {k for k in listed if k.startswith("documents/")}
    for key in sorted(expected_documents - stored):
        verdict.add("lost", f"object {key} is missing")
    for key in sorted(stored - expected_documents):
        verdict.add("wrong", f"orphaned object {key}")
    for key in sorted(listed - stored):
        verdict.add("wrong", f"object {key} left behind")
    first, second = reports
    for finding in first["details"]["findings"]:
        if finding["kind"] in ("missing_object", "changed_object", "missing_staged"):
            verdict.add("lost", f"reconciliation: {finding['kind']} {finding['key']}")
    if second["mismatches_found"]:
        verdict.add("wrong", f"a second reconciliation still found {second['details']['by_kind']}")
    verdict.notes.append(
        f"bucket after reconciliation: {len(stored)} document objects, none missing or orphaned"
        f"; the final reconciliation repaired {first['details']['by_kind'] or 'nothing'}"
    )


def check_logs(verdict: Verdict, files: Iterable[Path], identifiers: set[str]) -> None:
    lines = 0
    for path in files:
        text = path.read_text(errors="replace")
        lines += text.count("\n")
        for ident in leaks(text, identifiers):
            verdict.add("leaked", f"{path.name}: a full identifier ending {ident}")
    verdict.notes.append(
        f"{lines} log lines scanned for {len(identifiers)} SSNs and account numbers"
    )


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, sort_keys=True) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "..."
