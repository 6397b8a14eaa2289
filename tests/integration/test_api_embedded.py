"""The HTTP API without services: embedded mode (SQLite, local blobs, the chain run eagerly in a
worker thread of the server), and a broker that cannot be reached."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.samples import generate_samples
from tests.support.api_server import ApiServer
from tests.support.processes import ROOT
from tests.support.services import free_port, require

pytestmark = pytest.mark.integration


def _environ(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    return {**env, "PIPELINE_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1", **extra}


def _create_key(env: dict[str, str], *scopes: str) -> str:
    made = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "apikey", "create", "--name", "t"]
        + [arg for scope in scopes for arg in ("--scope", scope)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return made.stdout.strip()


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    generate_samples(out, seed=5)
    return out


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ApiServer, str]]:
    var_dir = tmp_path_factory.mktemp("embedded") / "var"
    env = _environ(var_dir)
    key = _create_key(env, "submit", "read")
    server = ApiServer(env, var_dir.parent / "api.log").start()
    try:
        yield server, key
    finally:
        server.stop()


def test_embedded_mode_runs_the_chain_before_answering_without_blocking_the_loop(
    embedded: tuple[ApiServer, str], samples: Path
) -> None:
    require(shutil.which("tesseract") is not None, "tesseract")
    server, key = embedded
    answers: dict[str, float] = {}
    documents: list[str] = []
    with httpx.Client(base_url=server.url, headers={"X-API-Key": key}, timeout=120) as http:

        def upload_scan() -> None:
            with (samples / "w2-scan.png").open("rb") as fh:
                response = http.post("/v1/documents", files={"file": ("w2-scan.png", fh)})
            assert response.status_code == 202
            body = response.json()
            # Embedded: ingest, OCR and extraction ran before the answer.
            assert body["status"] == "COMPLETED" and body["doc_type"] == "w2"
            answers["upload"] = time.monotonic()
            documents.append(body["document_id"])

        uploading = threading.Thread(target=upload_scan)
        uploading.start()
        time.sleep(0.5)  # the scan is being read by OCR now (seconds)
        assert http.get("/v1/documents").status_code == 200
        answers["listing"] = time.monotonic()
        uploading.join()
        (scan_id,) = documents
        # The loop answered while the eager chain ran in its worker thread.
        assert answers["listing"] < answers["upload"]

        with (samples / "w2.pdf").open("rb") as fh:
            text = http.post("/v1/documents", files={"file": ("w2.pdf", fh)}).json()
        assert text["status"] == "COMPLETED" and text["document_id"]
        page = http.get(f"/v1/documents/{text['document_id']}/pages/1.png?width=200")
        assert page.status_code == 200 and page.content.startswith(b"\x89PNG")

        # Keyset pages on SQLite too: one document a page, newest first, none twice.
        every = [d["id"] for d in http.get("/v1/documents").json()["items"]]
        assert len(every) == 2
        seen, cursor = [], None
        while True:
            params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
            listing = http.get("/v1/documents", params=params).json()
            seen += [d["id"] for d in listing["items"]]
            if (cursor := listing["next_cursor"]) is None:
                break
        assert seen == every == [text["document_id"], scan_id]


def test_an_unreachable_broker_is_a_503_and_the_submission_is_kept(
    tmp_path: Path, samples: Path
) -> None:
    closed = free_port()  # nothing listens here
    env = _environ(
        tmp_path / "var",
        PIPELINE_BROKER_URL=f"redis://127.0.0.1:{closed}/0",
        PIPELINE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'var' / 'pipeline.db'}",
        PIPELINE_PII_KEY="broker-down-test-key-0123456789",
    )
    key = _create_key(env, "submit", "read")
    server = ApiServer(env, tmp_path / "api.log").start()
    try:
        with httpx.Client(base_url=server.url, headers={"X-API-Key": key}, timeout=120) as http:
            with (samples / "paystub.pdf").open("rb") as fh:
                answer = http.post("/v1/documents", files={"file": ("paystub.pdf", fh)})
            assert answer.status_code == 503, answer.text
            detail = answer.json()["detail"]
            assert "broker is unreachable" in detail and "reconciliation" in detail
            submission = detail.split("submission ", 1)[1].split(" ", 1)[0]
            kept = http.get(f"/v1/submissions/{submission}").json()
            assert kept["status"] == "QUEUED" and kept["filename"] == "paystub.pdf"
    finally:
        server.stop()
