"""A loan packet through the embedded pipeline (SQLite from the real migrations, local blobs,
eager Celery): the export and `pipeline status ID` list its parts, each with its kind, pages and
the ids of the records read from it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.samples.packets import build_packet
from tests.support.processes import run_pipeline

pytestmark = pytest.mark.integration


def _packet_with_repeats() -> tuple[bytes, dict[str, Any]]:
    """The first text packet of seed 1 holding two documents of one kind in a row."""
    for index in range(40):
        pdf, truth = build_packet(1, index)
        kinds = [p["doc_type"] for p in truth["parts"]]
        repeats = any(a == b for a, b in itertools.pairwise(kinds))
        if repeats and "unknown" in truth["pages"].values():
            return pdf, truth
    raise AssertionError("no packet of seed 1 repeats a kind")


def test_packet_export_lists_each_document_with_its_pages_and_records(tmp_path: Path) -> None:
    pdf, truth = _packet_with_repeats()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "loan-file.pdf").write_bytes(pdf)
    (result,) = json.loads(run_pipeline(tmp_path, "ingest", "in/", "--wait", "--json"))
    assert result["status"] == "COMPLETED" and result["doc_type"] == "packet"

    (doc,) = json.loads(run_pipeline(tmp_path, "export", "--format", "json"))
    known = [(p["doc_type"], p["pages"]) for p in doc["parts"] if p["doc_type"] != "unknown"]
    assert known == [(p["doc_type"], p["pages"]) for p in truth["parts"]]
    pages = [n for p in doc["parts"] for n in range(p["pages"][0], p["pages"][1] + 1)]
    assert pages == list(range(1, len(truth["pages"]) + 1))  # every page in one part, in order
    assert [p["part"] for p in doc["parts"]] == list(range(1, len(doc["parts"]) + 1))

    # every record sits in exactly the part its source page belongs to
    part_of_page = {
        n: p["part"] for p in doc["parts"] for n in range(p["pages"][0], p["pages"][1] + 1)
    }
    for name in ("income_records", "account_numbers"):
        listed = {i for p in doc["parts"] for i in p[name]}
        assert listed == {r["id"] for r in doc[name]}
        for record in doc[name]:
            part = doc["parts"][part_of_page[record["source"]["page"]] - 1]
            assert record["id"] in part[name]
    assert {i for p in doc["parts"] for i in p["borrowers"]} == {b["id"] for b in doc["borrowers"]}
    for part in doc["parts"]:
        if part["doc_type"] == "unknown":
            assert not (part["borrowers"] or part["income_records"] or part["account_numbers"])

    detail = json.loads(run_pipeline(tmp_path, "status", doc["id"]))
    assert detail["parts"] == doc["parts"]
