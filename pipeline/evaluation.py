"""Measure an export of the pipeline against a labelled corpus's ``truth.json``.

Pure functions: ``load_truth`` reads the truth file, ``evaluate`` compares it with the export
(the JSON array written by the export command, one object per document) and ``format_report``
renders the result as a fixed-width table followed by per-document mismatches.

Documents are matched by file name. Within a document, records are matched one to one:

* borrower: normalized name (case-, accent- and punctuation-insensitive) and ``ssn_last4`` when
  both sides have one;
* income: borrower name, amount to the cent, period, year, source type, and the employer
  (normalized, legal suffixes ignored) when the truth names one;
* account: last four digits, account type, borrower name.

A document missing from the export, or exported with any status other than ``COMPLETED``, counts
every truth record as a false negative and its type as wrong. Exported documents that are not in
the truth are listed but not scored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pipeline.domain.model import normalize_name

KINDS = ("borrower", "income", "account")
SPLITS = ("text", "scanned", "all")
TRUTH_FILE = "truth.json"

# Suffixes ignored when comparing employer/payer names ("Side Hustle, Inc." == "Side Hustle").
_LEGAL_SUFFIXES = frozenset(
    {"inc", "llc", "l l c", "corp", "corporation", "co", "company", "ltd", "plc", "na", "n a"}
)


@dataclass
class Counts:
    """True/false positives and negatives of one record kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        """``None`` when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """``None`` when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass
class DocumentResult:
    filename: str
    scanned: bool
    expected_doc_type: str
    found_doc_type: str | None
    status: str  # export status, or "MISSING"
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    mismatches: list[str] = field(default_factory=list)

    @property
    def doc_type_correct(self) -> bool:
        return self.status == "COMPLETED" and self.found_doc_type == self.expected_doc_type

    @property
    def perfect(self) -> bool:
        return self.doc_type_correct and not self.mismatches


@dataclass
class EvalReport:
    documents: list[DocumentResult]
    unexpected_documents: list[str] = field(default_factory=list)

    def _selected(self, split: str) -> Iterable[DocumentResult]:
        if split not in SPLITS:
            raise ValueError(f"split must be one of {SPLITS}")
        for doc in self.documents:
            if split == "all" or doc.scanned == (split == "scanned"):
                yield doc

    def counts(self, kind: str, split: str = "all") -> Counts:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        total = Counts()
        for doc in self._selected(split):
            total.add(doc.counts[kind])
        return total

    def doc_type_accuracy(self, split: str = "all") -> tuple[int, int]:
        """(correctly typed documents, documents) for the split."""
        docs = list(self._selected(split))
        return sum(d.doc_type_correct for d in docs), len(docs)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready summary (metrics per kind and split, then per-document details)."""
        metrics: dict[str, Any] = {}
        for split in SPLITS:
            per_kind: dict[str, Any] = {}
            for kind in KINDS:
                c = self.counts(kind, split)
                per_kind[kind] = {
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                    "precision": c.precision,
                    "recall": c.recall,
                    "f1": c.f1,
                }
            correct, total = self.doc_type_accuracy(split)
            per_kind["doc_type"] = {
                "correct": correct,
                "total": total,
                "accuracy": correct / total if total else None,
            }
            metrics[split] = per_kind
        return {
            "metrics": metrics,
            "documents": [
                {
                    "filename": d.filename,
                    "scanned": d.scanned,
                    "status": d.status,
                    "expected_doc_type": d.expected_doc_type,
                    "found_doc_type": d.found_doc_type,
                    "mismatches": list(d.mismatches),
                }
                for d in self.documents
            ],
            "unexpected_documents": list(self.unexpected_documents),
        }


def load_truth(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """The labels of a corpus: ``corpus_dir/truth.json`` (or the given truth file itself)."""
    path = corpus_dir if corpus_dir.is_file() else corpus_dir / TRUTH_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: expected an object keyed by file name")
    return data


# --- comparison ---------------------------------------------------------------------------------


def _norm(value: Any) -> str:
    return normalize_name(str(value)) if value is not None else ""


def normalize_employer(name: Any) -> str:
    words = _norm(name)
    for suffix in sorted(_LEGAL_SUFFIXES, key=len, reverse=True):
        if words.endswith(" " + suffix):
            words = words[: -len(suffix) - 1]
            break
    return words


def _amount(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _year(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _borrower_diff(truth: dict[str, Any], found: dict[str, Any]) -> list[str]:
    diffs = []
    if _norm(truth.get("name")) != _norm(found.get("name")):
        diffs.append(f"name {truth.get('name')!r} != {found.get('name')!r}")
    t_ssn, f_ssn = truth.get("ssn_last4"), found.get("ssn_last4")
    if t_ssn and f_ssn and str(t_ssn) != str(f_ssn):
        diffs.append(f"ssn_last4 {t_ssn} != {f_ssn}")
    return diffs


def _income_diff(truth: dict[str, Any], found: dict[str, Any]) -> list[str]:
    diffs = []
    if truth.get("borrower") and _norm(truth["borrower"]) != _norm(found.get("borrower")):
        diffs.append(f"borrower {truth['borrower']!r} != {found.get('borrower')!r}")
    t_amount, f_amount = _amount(truth.get("amount")), _amount(found.get("amount"))
    if t_amount is None or t_amount != f_amount:
        diffs.append(f"amount {truth.get('amount')} != {found.get('amount')}")
    for key in ("period", "source_type"):
        if truth.get(key) != found.get(key):
            diffs.append(f"{key} {truth.get(key)!r} != {found.get(key)!r}")
    if _year(truth.get("year")) != _year(found.get("year")):
        diffs.append(f"year {truth.get('year')} != {found.get('year')}")
    if truth.get("employer") and normalize_employer(truth["employer"]) != normalize_employer(
        found.get("employer")
    ):
        diffs.append(f"employer {truth['employer']!r} != {found.get('employer')!r}")
    return diffs


def _account_diff(truth: dict[str, Any], found: dict[str, Any]) -> list[str]:
    diffs = []
    if str(truth.get("last4")) != str(found.get("last4")):
        diffs.append(f"last4 {truth.get('last4')} != {found.get('last4')}")
    if truth.get("account_type") and truth["account_type"] != found.get("account_type"):
        diffs.append(f"account_type {truth['account_type']!r} != {found.get('account_type')!r}")
    if truth.get("borrower") and _norm(truth["borrower"]) != _norm(found.get("borrower")):
        diffs.append(f"borrower {truth['borrower']!r} != {found.get('borrower')!r}")
    return diffs


_DIFFS: dict[str, Callable[[dict[str, Any], dict[str, Any]], list[str]]] = {
    "borrower": _borrower_diff,
    "income": _income_diff,
    "account": _account_diff,
}


def _describe(kind: str, record: dict[str, Any]) -> str:
    if kind == "borrower":
        return f"{record.get('name')!r} ssn_last4={record.get('ssn_last4')}"
    if kind == "income":
        return (
            f"{record.get('borrower')!r} {record.get('amount')} {record.get('period')} "
            f"{record.get('year')} {record.get('source_type')} "
            f"employer={record.get('employer')!r}"
        )
    return (
        f"{record.get('borrower')!r} last4={record.get('last4')} type={record.get('account_type')}"
    )


def _match(
    kind: str, truth: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[Counts, list[str]]:
    """One-to-one matching; exact SSN agreement is preferred over a name-only borrower match."""
    diff = _DIFFS[kind]
    unmatched = list(range(len(found)))
    missed: list[dict[str, Any]] = []
    counts = Counts()

    def strict(t: dict[str, Any], f: dict[str, Any]) -> bool:
        return kind != "borrower" or not t.get("ssn_last4") or bool(f.get("ssn_last4"))

    pending = list(truth)
    for require_strict in (True, False):
        still: list[dict[str, Any]] = []
        for record in pending:
            hit = next(
                (
                    i
                    for i in unmatched
                    if not diff(record, found[i])
                    and (not require_strict or strict(record, found[i]))
                ),
                None,
            )
            if hit is None:
                still.append(record)
            else:
                unmatched.remove(hit)
                counts.tp += 1
        pending = still
    missed = pending
    notes = []
    for record in missed:
        counts.fn += 1
        closest = min((diff(record, found[i]) for i in unmatched), key=len, default=None)
        hint = f" (closest export: {'; '.join(closest)})" if closest else ""
        notes.append(f"missing {kind}: {_describe(kind, record)}{hint}")
    for i in unmatched:
        counts.fp += 1
        notes.append(f"unexpected {kind}: {_describe(kind, found[i])}")
    return counts, notes


def _exported_records(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The export's records in the truth's shape (borrower ids resolved to names)."""
    borrowers = [b for b in doc.get("borrowers") or [] if isinstance(b, dict)]
    names = {str(b.get("id")): b.get("name") for b in borrowers}
    incomes = []
    for r in doc.get("income_records") or []:
        incomes.append({**r, "borrower": names.get(str(r.get("borrower_id")))})
    accounts = []
    for a in doc.get("account_numbers") or []:
        accounts.append({**a, "borrower": names.get(str(a.get("borrower_id")))})
    return {"borrower": borrowers, "income": incomes, "account": accounts}


def _pick(candidates: list[dict[str, Any]]) -> dict[str, Any]:
    """With several exports of one file name, score the completed one (the latest processed)."""
    completed = [c for c in candidates if c.get("status") == "COMPLETED"]
    return (completed or candidates)[-1]


def evaluate(truth: dict[str, dict[str, Any]], exported: list[dict[str, Any]]) -> EvalReport:
    """Compare the export with the truth; see the module docstring for the matching rules."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for exported_doc in exported:
        name = Path(str(exported_doc.get("filename", ""))).name
        by_name.setdefault(name, []).append(exported_doc)

    results = []
    for filename in sorted(truth):
        expected = truth[filename]
        truth_records = {
            "borrower": list(expected.get("borrowers") or []),
            "income": list(expected.get("income_records") or []),
            "account": list(expected.get("account_numbers") or []),
        }
        candidates = by_name.get(filename)
        doc: dict[str, Any] | None = _pick(candidates) if candidates else None
        status = "MISSING" if doc is None else str(doc.get("status") or "UNKNOWN")
        result = DocumentResult(
            filename=filename,
            scanned=bool(expected.get("scanned")),
            expected_doc_type=str(expected.get("doc_type")),
            found_doc_type=None if doc is None else doc.get("doc_type"),
            status=status,
        )
        if doc is None or status != "COMPLETED":
            reason = (
                "missing from the export"
                if doc is None
                else (f"status {status}: {doc.get('error_message') or 'no error message'}")
            )
            result.mismatches.append(f"document {reason}")
            for kind in KINDS:
                result.counts[kind].fn = len(truth_records[kind])
        else:
            if not result.doc_type_correct:
                result.mismatches.append(
                    f"doc_type {result.expected_doc_type!r} != {result.found_doc_type!r}"
                )
            found = _exported_records(doc)
            for kind in KINDS:
                counts, notes = _match(kind, truth_records[kind], found[kind])
                result.counts[kind] = counts
                result.mismatches.extend(notes)
        results.append(result)
    unexpected = sorted(name for name in by_name if name not in truth)
    return EvalReport(documents=results, unexpected_documents=unexpected)


# --- report -------------------------------------------------------------------------------------


def _ratio(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def format_report(report: EvalReport, *, details: bool = True) -> str:
    """A fixed-width table (kinds x text/scanned/all) then, with ``details``, each imperfect
    document's mismatches."""
    cell = 32
    header = f"{'':<10}" + "".join(f" | {split:^{cell}}" for split in SPLITS)
    sub = f"{'':<10}" + "".join(
        f" | {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}" for _ in SPLITS
    )
    rule = "-" * len(sub)
    lines = [header, sub, rule]
    for kind in KINDS:
        row = f"{kind:<10}"
        for split in SPLITS:
            c = report.counts(kind, split)
            row += (
                f" | {_ratio(c.precision)} {_ratio(c.recall)} {_ratio(c.f1)} "
                f"{c.tp:>4} {c.fp:>4} {c.fn:>4}"
            )
        lines.append(row)
    row = f"{'doc_type':<10}"
    for split in SPLITS:
        correct, total = report.doc_type_accuracy(split)
        accuracy = f"{correct / total:5.3f}" if total else "    -"
        row += f" | {'acc ' + accuracy:<17}{f'{correct}/{total}':>15}"
    lines += [row, rule]
    n_text = sum(not d.scanned for d in report.documents)
    n_missing = sum(d.status == "MISSING" for d in report.documents)
    n_failed = sum(d.status not in ("MISSING", "COMPLETED") for d in report.documents)
    lines.append(
        f"{len(report.documents)} documents ({n_text} text, {len(report.documents) - n_text} "
        f"scanned); {n_missing} missing from the export; {n_failed} not completed; "
        f"{len(report.unexpected_documents)} exported but not in the truth"
    )
    if details:
        imperfect = [d for d in report.documents if not d.perfect]
        if imperfect:
            lines += ["", "Mismatches:"]
        for doc in imperfect:
            kind = "scanned" if doc.scanned else "text"
            lines.append(f"{doc.filename} ({doc.expected_doc_type}, {kind}, {doc.status})")
            lines += [f"  - {m}" for m in doc.mismatches]
        if report.unexpected_documents:
            lines += [
                "",
                "Exported but not in the truth: " + ", ".join(report.unexpected_documents),
            ]
    return "\n".join(lines)
