"""The README's first command and the operator CLI, embedded (SQLite, local blobs, eager
Celery) as a newcomer runs them: real subprocesses, real tesseract, nothing faked."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support.docs import scanned_pdf, text_pdf
from tests.support.services import require

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Workspace:
    cwd: Path
    ingest_log: str
    ingest_results: list[dict[str, object]]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", *args],
            cwd=self.cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"pipeline {' '.join(args)} -> {proc.returncode}\n{proc.stderr}")
        return proc

    def export(self) -> list[dict[str, object]]:
        docs: list[dict[str, object]] = json.loads(self.run("export", "--format", "json").stdout)
        return docs


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    require(shutil.which("tesseract") is not None, "tesseract")
    ws = Workspace(tmp_path_factory.mktemp("embedded"), "", [])
    ws.run("samples", "samples/")
    proc = ws.run("-vv", "ingest", "samples/", "--wait", "--json")
    ws.ingest_log = proc.stderr
    ws.ingest_results = json.loads(proc.stdout)
    yield ws


def test_first_command_ingests_every_sample_to_completed(workspace: Workspace) -> None:
    results = workspace.ingest_results
    assert len(results) == 8
    assert {r["status"] for r in results} == {"COMPLETED"}, results
    assert not any(r["duplicate"] for r in results)
    by_name = {r["filename"]: r for r in results}
    assert by_name["w2.pdf"]["doc_type"] == "w2"
    assert by_name["w2-scan.png"]["page_count"] == 1
    assert (workspace.cwd / "var" / "pipeline.db").exists()
    assert list((workspace.cwd / "var" / "blobs" / "documents").rglob("*"))


def test_export_carries_records_with_sources_and_csv_rows(workspace: Workspace) -> None:
    docs = workspace.export()
    incomes = [i for d in docs for i in d["income_records"]]  # type: ignore[attr-defined]
    assert incomes, "the samples carry income"
    for income in incomes:
        assert re.fullmatch(r"\d+\.\d{2}", income["amount"])
        assert income["source"]["page"] >= 1 and income["source"]["section"]
    rows = list(csv.DictReader(io.StringIO(workspace.run("export", "--format", "csv").stdout)))
    assert len(rows) == len(incomes)
    assert {r["amount"] for r in rows} == {i["amount"] for i in incomes}


def test_status_counts_and_document_detail(workspace: Workspace) -> None:
    summary = json.loads(workspace.run("status", "--json").stdout)
    assert summary["documents"]["COMPLETED"] == 8
    assert summary["settings"]["mode"] == "embedded"
    doc_id = str(workspace.ingest_results[0]["document_id"])
    detail = json.loads(workspace.run("status", doc_id).stdout)
    assert detail["id"] == doc_id and detail["submissions"] and detail["pages"]


def test_ingesting_again_reports_duplicates_and_does_no_new_work(workspace: Workspace) -> None:
    proc = workspace.run("ingest", "samples/", "--wait", "--json")
    again = json.loads(proc.stdout)
    assert all(r["duplicate"] for r in again)
    first_ids = {r["filename"]: r["document_id"] for r in workspace.ingest_results}
    assert {r["filename"]: r["document_id"] for r in again} == first_ids


def test_idempotency_key_returns_the_first_result(workspace: Workspace) -> None:
    args = ("ingest", "samples/w2.pdf", "--json", "--idempotency-key", "loan-42/w2")
    first = json.loads(workspace.run(*args).stdout)[0]
    second = json.loads(workspace.run(*args).stdout)[0]
    assert second["submission_id"] == first["submission_id"]


def test_reprocess_replaces_records_without_duplicating(workspace: Workspace) -> None:
    before = {d["id"]: d for d in workspace.export()}
    doc_id = next(i for i, d in before.items() if d["income_records"])
    workspace.run("reprocess", doc_id)
    after = {d["id"]: d for d in workspace.export()}
    assert after[doc_id]["status"] == "COMPLETED"
    strip = lambda recs: sorted((r["amount"], r["period"]) for r in recs)  # noqa: E731
    assert strip(after[doc_id]["income_records"]) == strip(before[doc_id]["income_records"])
    assert [b["id"] for b in after[doc_id]["borrowers"]] == [
        b["id"] for b in before[doc_id]["borrowers"]
    ]
    assert workspace.run("reprocess", "--failed").stdout.strip() == "reprocessing 0 document(s)"


def _printed_identifiers(samples: Path) -> set[str]:
    """Every full SSN and full account number printed in the sample PDFs."""
    found: set[str] = set()
    for pdf in samples.glob("*.pdf"):
        text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
        found |= {re.sub(r"\D", "", m) for m in re.findall(r"\b\d{3}-\d{2}-\d{4}\b", text)}
        found |= set(re.findall(r"(?<![\d.,])\d{8,17}(?![\d.,])", text))
    return found


def test_no_full_ssn_or_account_number_in_logs_exports_or_database(workspace: Workspace) -> None:
    # The demo samples print few full identifiers: a labelled text corpus adds more SSNs
    # (W-2s, 1040s, 1099s) and a statement printing a full account number is added by hand.
    workspace.run("samples", "corpus/", "--corpus", "--per-type", "2", "--no-scanned")
    text_pdf(
        workspace.cwd / "corpus" / "statement-full-number.pdf",
        [
            [
                "First Harbor Bank          Account Statement",
                "Primary Account Holder: JANE Q SAMPLE",
                "SSN: 912-34-5678",
                "Account Number: 4400123456789      Account Type: Checking",
                "Statement Period: 01/01/2024 - 01/31/2024",
                "Beginning Balance $1,000.00      Ending Balance $2,000.00",
            ]
        ],
    )
    proc = workspace.run("-vv", "ingest", "corpus/", "--wait", "--json")
    logs = workspace.ingest_log + proc.stderr
    secrets = _printed_identifiers(workspace.cwd / "samples") | _printed_identifiers(
        workspace.cwd / "corpus"
    )
    ssns = {s for s in secrets if len(s) == 9}
    assert len(ssns) >= 5 and len(secrets - ssns) >= 1, "too few identifiers to test with"
    exports = (
        workspace.run("export", "--format", "json").stdout
        + workspace.run("export", "--format", "csv").stdout
    )
    with sqlite3.connect(workspace.cwd / "var" / "pipeline.db") as conn:
        # document_pages holds the page text itself (it is the document); everything else
        # (records, snippets, errors, events, submissions) must be free of identifiers.
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if r[0] != "document_pages"
        ]
        dump = "\n".join(
            repr(row)
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}"')  # noqa: S608
        )
    relayed = workspace.run("outbox", "relay").stdout
    events = (workspace.cwd / "var" / "events.jsonl").read_text()
    assert "published" in relayed and "DocumentCompleted" in events
    haystacks = {"logs": logs, "exports": exports, "database": dump, "events": events}
    assert "completed" in logs  # the logs were captured at all
    for where, text in haystacks.items():
        digits_only = re.sub(r"[-\s]", "", text)
        leaked = [s for s in secrets if s in digits_only]
        assert not leaked, f"full identifiers ending {[s[-4:] for s in leaked]} found in {where}"


def test_operator_commands_for_events_and_stuck_work(workspace: Workspace) -> None:
    workspace.run("outbox", "relay")
    summary = json.loads(workspace.run("status", "--json").stdout)
    assert summary["outbox"] == {"pending": 0, "dead": 0}
    lines = (workspace.cwd / "var" / "events.jsonl").read_text().splitlines()
    ids = [json.loads(line)["outbox_id"] for line in lines]
    assert ids and len(ids) == len(set(ids))  # each event once, whatever ran before
    assert "sent again: 0" in workspace.run("sweep").stdout
    assert workspace.run("outbox", "dead").stdout == ""


def test_eval_on_the_real_third_party_samples(workspace: Workspace) -> None:
    """`pipeline eval` on ../shared/corpus/real: layouts nobody on this project made."""
    real = ROOT.parent / "shared" / "corpus" / "real"
    require((real / "truth.json").is_file(), f"the shared corpus at {real}")
    report = json.loads(workspace.run("eval", str(real), "--json").stdout)
    metrics = report["metrics"]["all"]
    assert metrics["doc_type"]["accuracy"] == 1.0, report["documents"]
    for kind in ("borrower", "income"):
        assert metrics[kind]["f1"] == 1.0, (kind, report["documents"])
    assert metrics["income"]["tp"] == 7


def test_a_folder_is_handed_in_from_several_processes(tmp_path: Path) -> None:
    """``ingest -j 2`` embedded: two processes read and extract the folder's files at once,
    sharing the workspace's SQLite file and blob folder. The same bytes under two names (one
    in each process, most likely) are one document; a corrupt file fails alone; every file
    ends final, each once."""
    require(shutil.which("tesseract") is not None, "tesseract")
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(8):
        text_pdf(
            docs / f"stub-{n}.pdf",
            [
                [
                    f"Employee Name: Person Number{n}",
                    f"Gross Pay {1000 + n}.00",
                    "Pay Date 01/15/2024",
                ]
            ],
        )
    shutil.copy(docs / "stub-3.pdf", docs / "stub-3-again.pdf")
    # two scans first in the folder's order, seconds of OCR each: one in each process
    for n in (1, 2):
        lines = [
            f"Verification of Employment {n}",
            "Employee: Ana Lopez",
            "Rate: $4,100.00 monthly",
        ]
        scanned_pdf(docs / f"a-scan-{n}.pdf", [lines, lines, lines])
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog")
    ws = Workspace(tmp_path, "", [])
    proc = ws.run("ingest", "docs/", "--wait", "--json", "-j", "2", check=False)
    assert proc.returncode == 1, proc.stderr  # the corrupt file failed
    results = json.loads(proc.stdout)
    assert [r["filename"] for r in results] == sorted(p.name for p in docs.iterdir())
    by_name = {r["filename"]: r for r in results}
    assert by_name["broken.pdf"]["status"] == "FAILED"
    assert by_name["stub-3.pdf"]["document_id"] == by_name["stub-3-again.pdf"]["document_id"]
    assert [by_name["stub-3.pdf"]["duplicate"], by_name["stub-3-again.pdf"]["duplicate"]].count(
        True
    ) == 1
    others = [r for n, r in by_name.items() if n != "broken.pdf"]
    assert {r["status"] for r in others} == {"COMPLETED"}
    with sqlite3.connect(tmp_path / "var" / "pipeline.db") as conn:
        states = dict(conn.execute("SELECT status, count(*) FROM documents GROUP BY status"))
    assert states == {"COMPLETED": 10, "FAILED": 1}
    # the two scans were read at the same time, not one after the other
    with sqlite3.connect(tmp_path / "var" / "pipeline.db") as conn:
        spans = conn.execute(
            "SELECT created_at, processed_at FROM documents WHERE filename LIKE 'a-scan-%'"
        ).fetchall()
    (start_1, end_1), (start_2, end_2) = spans
    assert start_2 < end_1 and start_1 < end_2, spans
