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
the truth are listed but not scored; files named in ``exclude`` are neither scored nor listed.

Besides each record kind, the report pools the three kinds (TP, FP and FN summed) overall, per
expected document kind and per layout. A truth entry's layout is its ``"layout"`` key, or the
``layout=...`` item of its ``notes`` (the first sample generator's form); a layout without a
``kind/`` prefix gets the document kind's (``"stacked"`` on a bank statement reads
``"bank_statement/stacked"``), since generators reuse short names across kinds.
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
# The order document kinds are reported in; kinds not listed follow alphabetically.
DOC_TYPE_ORDER = (
    "w2",
    "paystub",
    "bank_statement",
    "form_1040",
    "form_1099",
    "voe",
    "form_1003",
    "packet",
)

# Suffixes ignored when comparing employer/payer names ("Side Hustle, Inc." == "Side Hustle").
_LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "l l c",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "plc",
        "na",
        "n a",
    }
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class DocumentResult:
    filename: str
    scanned: bool
    expected_doc_type: str
    found_doc_type: str | None
    status: str  # export status, or "MISSING"
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    mismatches: list[str] = field(default_factory=list)
    layout: str | None = None
    generator: str | None = None
    # Packets (truth with "pages"): pages whose kind was right, and documents split right (a
    # part of the export with the truth part's kind and exactly its first and last page).
    pages: Counts | None = None
    parts: Counts | None = None

    @property
    def split(self) -> str:
        return "scanned" if self.scanned else "text"

    @property
    def doc_type_correct(self) -> bool:
        return self.status == "COMPLETED" and self.found_doc_type == self.expected_doc_type

    @property
    def perfect(self) -> bool:
        return self.doc_type_correct and not self.mismatches


@dataclass
class Tally:
    """A group of documents (a split, a document kind, a layout): counts per record kind, the
    kinds pooled, how many documents and how many of them were typed right."""

    documents: int = 0
    scanned: int = 0
    typed_correctly: int = 0
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})

    def add(self, doc: DocumentResult) -> None:
        self.documents += 1
        self.scanned += doc.scanned
        self.typed_correctly += doc.doc_type_correct
        for kind in KINDS:
            self.kinds[kind].add(doc.counts[kind])

    @property
    def pooled(self) -> Counts:
        """TP, FP and FN summed over the record kinds."""
        total = Counts()
        for counts in self.kinds.values():
            total.add(counts)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "text_documents": self.documents - self.scanned,
            "scanned_documents": self.scanned,
            "doc_type": {
                "correct": self.typed_correctly,
                "total": self.documents,
                "accuracy": self.typed_correctly / self.documents if self.documents else None,
            },
            **{kind: self.kinds[kind].as_dict() for kind in KINDS},
            "pooled": self.pooled.as_dict(),
        }


@dataclass
class EvalReport:
    documents: list[DocumentResult]
    unexpected_documents: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def tally(
        self, split: str = "all", *, doc_type: str | None = None, layout: str | None = None
    ) -> Tally:
        """The documents of ``split``, narrowed to one expected document kind or layout."""
        if split not in SPLITS:
            raise ValueError(f"split must be one of {SPLITS}")
        total = Tally()
        for doc in self.documents:
            if split != "all" and doc.split != split:
                continue
            if doc_type is not None and doc.expected_doc_type != doc_type:
                continue
            if layout is not None and doc.layout != layout:
                continue
            total.add(doc)
        return total

    def counts(self, kind: str, split: str = "all") -> Counts:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        return self.tally(split).kinds[kind]

    def pooled(self, split: str = "all") -> Counts:
        """All record kinds together: the one overall figure."""
        return self.tally(split).pooled

    def doc_type_accuracy(self, split: str = "all") -> tuple[int, int]:
        """(correctly typed documents, documents) for the split."""
        tally = self.tally(split)
        return tally.typed_correctly, tally.documents

    def packet_counts(self, split: str = "all") -> tuple[Counts, Counts, int]:
        """Pages typed right and documents split right, pooled over the packets of ``split``,
        and how many packets that is."""
        pages, parts, packets = Counts(), Counts(), 0
        for doc in self.documents:
            if doc.pages is None or (split != "all" and doc.split != split):
                continue
            packets += 1
            pages.add(doc.pages)
            if doc.parts is not None:
                parts.add(doc.parts)
        return pages, parts, packets

    def _packets(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for split in SPLITS:
            pages, parts, packets = self.packet_counts(split)
            if packets:
                out[split] = {
                    "packets": packets,
                    "pages": pages.as_dict(),
                    "parts": parts.as_dict(),
                }
        return out

    def doc_types(self) -> list[str]:
        """The expected document kinds present, in reporting order."""
        present = {d.expected_doc_type for d in self.documents}
        known = [t for t in DOC_TYPE_ORDER if t in present]
        return known + sorted(present - set(known))

    def layouts(self) -> list[str]:
        """The layouts named by the truth (empty when it names none)."""
        return sorted({d.layout for d in self.documents if d.layout})

    def _grouped(self, **narrow: str) -> dict[str, Any]:
        return {
            split: tally.as_dict()
            for split in SPLITS
            if (tally := self.tally(split, **narrow)).documents
        }

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready summary: metrics per kind and split, the kinds pooled, the same per
        document kind and per layout, then per-document details."""
        metrics: dict[str, Any] = {}
        for split in SPLITS:
            per_kind: dict[str, Any] = {kind: self.counts(kind, split).as_dict() for kind in KINDS}
            correct, total = self.doc_type_accuracy(split)
            per_kind["doc_type"] = {
                "correct": correct,
                "total": total,
                "accuracy": correct / total if total else None,
            }
            metrics[split] = per_kind
        return {
            "metrics": metrics,
            "overall": {split: self.pooled(split).as_dict() for split in SPLITS},
            "by_doc_type": {t: self._grouped(doc_type=t) for t in self.doc_types()},
            "by_layout": {layout: self._grouped(layout=layout) for layout in self.layouts()},
            "packets": self._packets(),
            "documents": [
                {
                    "filename": d.filename,
                    "scanned": d.scanned,
                    "status": d.status,
                    "expected_doc_type": d.expected_doc_type,
                    "found_doc_type": d.found_doc_type,
                    "layout": d.layout,
                    "generator": d.generator,
                    "counts": {
                        kind: {"tp": c.tp, "fp": c.fp, "fn": c.fn} for kind, c in d.counts.items()
                    },
                    "mismatches": list(d.mismatches),
                }
                for d in self.documents
            ],
            "unexpected_documents": list(self.unexpected_documents),
            "excluded": list(self.excluded),
        }


def load_truth(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """The labels of a corpus: ``corpus_dir/truth.json`` (or the given truth file itself)."""
    path = corpus_dir if corpus_dir.is_file() else corpus_dir / TRUTH_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: expected an object keyed by file name")
    return data


def without(truth: dict[str, dict[str, Any]], exclude: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``truth`` less the files named in ``exclude``; a name the truth lacks is an error (a typo
    would otherwise silently score the file it meant to leave out)."""
    names = set(exclude)
    unknown = sorted(names - set(truth))
    if unknown:
        raise ValueError(f"not in the truth, cannot exclude: {', '.join(unknown)}")
    return {name: entry for name, entry in truth.items() if name not in names}


def truth_layout(entry: dict[str, Any]) -> str | None:
    """The layout a truth entry names (``"layout"``, else ``layout=`` in its notes), prefixed
    with its document kind unless it already carries one."""
    layout = entry.get("layout")
    if not layout:
        for item in str(entry.get("notes") or "").split(";"):
            key, sep, value = item.strip().partition("=")
            if sep and key.strip() == "layout" and value.strip():
                layout = value.strip()
                break
    if not layout:
        return None
    layout = str(layout).strip()
    return layout if "/" in layout else f"{entry.get('doc_type')}/{layout}"


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


# A missed truth record and a leftover exported one that differ in at most this many fields
# are reported together as one "wrong" record (still a false negative and a false positive).
_WRONG_MAX_DIFFS = {"borrower": 1, "income": 2, "account": 1}
_SHOWN_CHARS = 48


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


def _borrower_diff(truth: dict[str, Any], found: dict[str, Any]) -> list[str]:
    diffs = []
    if _norm(truth.get("name")) != _norm(found.get("name")):
        diffs.append(f"name {_short(truth.get('name'))} != {_short(found.get('name'))}")
    t_ssn, f_ssn = truth.get("ssn_last4"), found.get("ssn_last4")
    if t_ssn and f_ssn and str(t_ssn) != str(f_ssn):
        diffs.append(f"ssn_last4 {t_ssn} != {f_ssn}")
    return diffs


def _income_diff(truth: dict[str, Any], found: dict[str, Any]) -> list[str]:
    diffs = []
    if truth.get("borrower") and _norm(truth["borrower"]) != _norm(found.get("borrower")):
        diffs.append(f"borrower {_short(truth['borrower'])} != {_short(found.get('borrower'))}")
    t_amount, f_amount = _amount(truth.get("amount")), _amount(found.get("amount"))
    if t_amount is None or t_amount != f_amount:
        diffs.append(f"amount {truth.get('amount')} != {found.get('amount')}")
    for key in ("period", "source_type"):
        if truth.get(key) != found.get(key):
            diffs.append(f"{key} {_short(truth.get(key))} != {_short(found.get(key))}")
    if _year(truth.get("year")) != _year(found.get("year")):
        diffs.append(f"year {truth.get('year')} != {found.get('year')}")
    if truth.get("employer") and normalize_employer(truth["employer"]) != normalize_employer(
        found.get("employer")
    ):
        diffs.append(f"employer {_short(truth['employer'])} != {_short(found.get('employer'))}")
    return diffs


def _account_diff(truth: dict[str, Any], found: dict[str, Any]) -> list[str]:
    diffs = []
    if str(truth.get("last4")) != str(found.get("last4")):
        diffs.append(f"last4 {truth.get('last4')} != {found.get('last4')}")
    if truth.get("account_type") and truth["account_type"] != found.get("account_type"):
        diffs.append(
            f"account_type {_short(truth['account_type'])} != {_short(found.get('account_type'))}"
        )
    if truth.get("borrower") and _norm(truth["borrower"]) != _norm(found.get("borrower")):
        diffs.append(f"borrower {_short(truth['borrower'])} != {_short(found.get('borrower'))}")
    return diffs


_DIFFS: dict[str, Callable[[dict[str, Any], dict[str, Any]], list[str]]] = {
    "borrower": _borrower_diff,
    "income": _income_diff,
    "account": _account_diff,
}


def _describe(kind: str, record: dict[str, Any]) -> str:
    if kind == "borrower":
        return f"{_short(record.get('name'))} ssn_last4={record.get('ssn_last4')}"
    if kind == "income":
        return (
            f"{_short(record.get('borrower'))} {record.get('amount')} {record.get('period')} "
            f"{record.get('year')} {record.get('source_type')} "
            f"employer={_short(record.get('employer'))}"
        )
    return (
        f"{_short(record.get('borrower'))} last4={record.get('last4')} "
        f"type={record.get('account_type')}"
    )


def _identify(kind: str, record: dict[str, Any]) -> str:
    """Just enough of a truth record to tell it from the document's others."""
    if kind == "borrower":
        return _short(record.get("name"))
    if kind == "income":
        return f"{_short(record.get('borrower'))} {record.get('amount')} {record.get('period')}"
    return f"last4={record.get('last4')} type={record.get('account_type')}"


def _match(
    kind: str, truth: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[Counts, list[str]]:
    """One-to-one matching; exact SSN agreement is preferred over a name-only borrower match.
    Returns the counts and one note per miss: ``missing``, ``unexpected`` or ``wrong`` (a near
    miss: the truth record, then the fields the export got wrong)."""
    diff = _DIFFS[kind]
    unmatched = list(range(len(found)))
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
    counts.fn += len(pending)
    counts.fp += len(unmatched)

    near = sorted(
        (len(d), t, i, d)
        for t, record in enumerate(pending)
        for i in unmatched
        if len(d := diff(record, found[i])) <= _WRONG_MAX_DIFFS[kind]
    )
    wrong: dict[int, tuple[int, list[str]]] = {}
    for _, t, i, diffs in near:
        if t not in wrong and all(i != j for j, _ in wrong.values()):
            wrong[t] = (i, diffs)
    notes = []
    for t, record in enumerate(pending):
        if t in wrong:
            notes.append(f"wrong {kind} ({_identify(kind, record)}): {'; '.join(wrong[t][1])}")
        else:
            notes.append(f"missing {kind}: {_describe(kind, record)}")
    paired = {i for i, _ in wrong.values()}
    notes += [
        f"unexpected {kind}: {_describe(kind, found[i])}" for i in unmatched if i not in paired
    ]
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


def _exported_pages(doc: dict[str, Any] | None) -> dict[int, str]:
    kinds: dict[int, str] = {}
    for part in (doc or {}).get("parts") or []:
        first, last = part["pages"]
        for number in range(first, last + 1):
            kinds[number] = part["doc_type"]
    return kinds


def _score_packet(
    result: DocumentResult, expected: dict[str, Any], doc: dict[str, Any] | None
) -> None:
    """Page kinds (every page, "unknown" ones too) and split boundaries (documents of a known
    kind, where the truth lists its ``parts``) of one packet."""
    found_pages = _exported_pages(doc)
    pages = Counts()
    for number, kind in sorted(expected["pages"].items(), key=lambda item: int(item[0])):
        got = found_pages.get(int(number))
        if got == kind:
            pages.tp += 1
        else:
            pages.fn += 1
            result.mismatches.append(f"page {number}: {kind} read as {got or 'nothing'}")
    result.pages = pages
    if not isinstance(expected.get("parts"), list):
        return
    found_parts = {(p["doc_type"], tuple(p["pages"])) for p in (doc or {}).get("parts") or []}
    parts = Counts()
    for part in expected["parts"]:
        key = (part["doc_type"], tuple(part["pages"]))
        if key in found_parts:
            parts.tp += 1
        else:
            parts.fn += 1
            first, last = part["pages"]
            result.mismatches.append(f"{part['doc_type']} on pages {first}-{last} not split out")
    truth_keys = {(p["doc_type"], tuple(p["pages"])) for p in expected["parts"]}
    parts.fp = sum(1 for key in found_parts if key[0] != "unknown" and key not in truth_keys)
    result.parts = parts


def evaluate(
    truth: dict[str, dict[str, Any]],
    exported: list[dict[str, Any]],
    *,
    exclude: Iterable[str] = (),
) -> EvalReport:
    """Compare the export with the truth; see the module docstring for the matching rules."""
    excluded = sorted(set(exclude))
    truth = without(truth, excluded)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for exported_doc in exported:
        name = Path(str(exported_doc.get("filename", ""))).name
        if name not in excluded:
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
            layout=truth_layout(expected),
            generator=expected.get("generator"),
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
        if isinstance(expected.get("pages"), dict):
            _score_packet(result, expected, doc if status == "COMPLETED" else None)
        results.append(result)
    unexpected = sorted(name for name in by_name if name not in truth)
    return EvalReport(documents=results, unexpected_documents=unexpected, excluded=excluded)


# --- report -------------------------------------------------------------------------------------


def _ratio(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _prf(c: Counts) -> str:
    return f"{_ratio(c.precision)} {_ratio(c.recall)} {_ratio(c.f1)} {c.tp:>4} {c.fp:>4} {c.fn:>4}"


def _kinds_table(report: EvalReport) -> list[str]:
    cell = 32
    header = f"{'':<10}" + "".join(f" | {split:^{cell}}" for split in SPLITS)
    sub = f"{'':<10}" + "".join(
        f" | {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}" for _ in SPLITS
    )
    rule = "-" * len(sub)
    lines = [header, sub, rule]
    for kind in KINDS:
        lines.append(
            f"{kind:<10}" + "".join(f" | {_prf(report.counts(kind, split))}" for split in SPLITS)
        )
    lines.append(f"{'overall':<10}" + "".join(f" | {_prf(report.pooled(s))}" for s in SPLITS))
    row = f"{'doc_type':<10}"
    for split in SPLITS:
        correct, total = report.doc_type_accuracy(split)
        accuracy = f"{correct / total:5.3f}" if total else "    -"
        row += f" | {'acc ' + accuracy:<17}{f'{correct}/{total}':>15}"
    return [*lines, row, rule]


def _doc_type_table(report: EvalReport) -> list[str]:
    kind_cells = "".join(f" | {kind:^11}" for kind in KINDS)
    header = f"{'By document kind':<36}{kind_cells} | {'pooled':^35}"
    sub = (
        f"{'kind':<16} {'split':<7} {'docs':>4} {'type':>6}"
        + f" | {'P':>5} {'F1':>5}" * len(KINDS)
        + f" | {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}"
    )
    rule = "-" * len(sub)
    lines = [header, sub, rule]
    for doc_type in report.doc_types():
        splits = [s for s in SPLITS[:2] if report.tally(s, doc_type=doc_type).documents]
        if len(splits) > 1:
            splits.append("all")
        for n, split in enumerate(splits):
            tally = report.tally(split, doc_type=doc_type)
            typed = f"{tally.typed_correctly}/{tally.documents}"
            row = f"{doc_type if n == 0 else '':<16} {split:<7} {tally.documents:>4} {typed:>6}"
            for kind in KINDS:
                c = tally.kinds[kind]
                row += f" | {_ratio(c.precision)} {_ratio(c.f1)}"
            lines.append(f"{row} | {_prf(tally.pooled)}")
    return [*lines, rule]


def _layout_table(report: EvalReport) -> list[str]:
    layouts = report.layouts()
    if not layouts:
        return []
    width = max(20, *(len(layout) for layout in layouts))
    sub = (
        f"{'layout':<{width}} {'docs':>4} {'text':>4} {'scan':>4} {'type':>6}"
        f" | {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}"
    )
    rule = "-" * len(sub)
    lines = ["By layout (record kinds pooled)", sub, rule]
    for layout in layouts:
        t = report.tally(layout=layout)
        typed = f"{t.typed_correctly}/{t.documents}"
        lines.append(
            f"{layout:<{width}} {t.documents:>4} {t.documents - t.scanned:>4} {t.scanned:>4} "
            f"{typed:>6} | {_prf(t.pooled)}"
        )
    unlabelled = sum(d.layout is None for d in report.documents)
    if unlabelled:
        lines.append(f"({unlabelled} document(s) name no layout)")
    return [*lines, rule]


def _packet_table(report: EvalReport) -> list[str]:
    if not report.packet_counts()[2]:
        return []
    lines = [
        "Packets: pages typed right (every page, 'unknown' ones too); documents split right "
        "(a part with the document's kind, first and last page; extra = parts no document has)",
    ]
    for split in SPLITS:
        pages, parts, n = report.packet_counts(split)
        if not n:
            continue
        split_right = (
            f"{_ratio(parts.recall)} ({parts.tp}/{parts.tp + parts.fn}, {parts.fp} extra)"
            if parts.tp + parts.fn
            else "-"
        )
        lines.append(
            f"  {split:<8} {n:>4} packet(s)  pages {_ratio(pages.recall)} "
            f"({pages.tp}/{pages.tp + pages.fn})  documents {split_right}"
        )
    return lines


def _misses(report: EvalReport) -> list[str]:
    imperfect = [d for d in report.documents if not d.perfect]
    if not imperfect:
        return []
    lines = ['Misses by document kind ("wrong": exported with the fields shown differing, FP + FN)']
    for doc_type in report.doc_types():
        docs = [d for d in imperfect if d.expected_doc_type == doc_type]
        if not docs:
            continue
        total = sum(d.expected_doc_type == doc_type for d in report.documents)
        lines.append(f"{doc_type} ({len(docs)} of {total} document(s))")
        for doc in docs:
            status = "" if doc.status == "COMPLETED" else f", {doc.status}"
            lines.append(f"  {doc.filename} ({doc.split}{status})")
            lines += [f"    {m}" for m in doc.mismatches]
    return lines


def format_report(report: EvalReport, *, details: bool = True) -> str:
    """Fixed-width tables (record kinds x text/scanned/all, the overall line, per document
    kind, per layout) then, with ``details``, each imperfect document's misses by kind."""
    lines = _kinds_table(report)
    lines += ["overall = the three record kinds pooled (TP, FP, FN summed)", ""]
    lines += _doc_type_table(report)
    layout_table = _layout_table(report)
    if layout_table:
        lines += ["", *layout_table]
    packet_table = _packet_table(report)
    if packet_table:
        lines += ["", *packet_table]
    n_text = sum(not d.scanned for d in report.documents)
    n_missing = sum(d.status == "MISSING" for d in report.documents)
    n_failed = sum(d.status not in ("MISSING", "COMPLETED") for d in report.documents)
    lines.append(
        f"{len(report.documents)} documents ({n_text} text, {len(report.documents) - n_text} "
        f"scanned); {n_missing} missing from the export; {n_failed} not completed; "
        f"{len(report.unexpected_documents)} exported but not in the truth"
    )
    if report.excluded:
        lines.append(
            f"{len(report.excluded)} file(s) of the truth excluded: {', '.join(report.excluded)}"
        )
    if details:
        misses = _misses(report)
        if misses:
            lines += ["", *misses]
        if report.unexpected_documents:
            lines += [
                "",
                "Exported but not in the truth: " + ", ".join(report.unexpected_documents),
            ]
    return "\n".join(lines)
