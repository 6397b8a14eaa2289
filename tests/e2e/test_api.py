"""The HTTP API as producers use it: ``pipeline api`` (uvicorn) in its own process, called over
HTTP with httpx, on PostgreSQL, Redis, the GCS emulator and a real Celery worker."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from PIL import Image
from pypdf import PdfReader

from pipeline.bootstrap import Runtime, get_runtime
from pipeline.samples import generate_samples
from pipeline.service_layer import api_keys
from pipeline.storage import GcsBlobStore
from tests.e2e.conftest import wait_for
from tests.support import docs
from tests.support.api_server import ApiServer
from tests.support.deps import add_document
from tests.support.processes import ROOT
from tests.support.worker import REDIS_DB, REDIS_HOST, REDIS_PORT, CeleryWorker, DistributedEnv

pytestmark = pytest.mark.e2e

SSN_OR_ACCOUNT = re.compile(r"(?<!\d)(?:\d{3}-\d{2}-\d{4}|\d{8,17})(?!\d)")


@pytest.fixture(scope="module")
def api(
    distributed: DistributedEnv, worker: CeleryWorker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    server = ApiServer(distributed.environ(), tmp_path_factory.mktemp("api") / "api.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _key(distributed: DistributedEnv, *scopes: str) -> str:
    rt = get_runtime(distributed.settings())
    _, secret = rt.run(api_keys.create_api_key(rt.deps, name="-".join(scopes), scopes=scopes))
    return secret


@pytest.fixture(scope="module")
def client(api: ApiServer, distributed: DistributedEnv) -> Iterator[httpx.Client]:
    """A producer's client: a key with the submit and read scopes."""
    key = _key(distributed, "submit", "read")
    with httpx.Client(
        base_url=api.url, headers={"Authorization": f"Bearer {key}"}, timeout=120
    ) as http:
        yield http


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    generate_samples(out, seed=11)
    return out


def _submit(client: httpx.Client, path: Path, **data: str) -> httpx.Response:
    with path.open("rb") as fh:
        return client.post("/v1/documents", files={"file": (path.name, fh)}, data=data)


def _final(client: httpx.Client, location: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        view: dict[str, Any] = client.get(location).raise_for_status().json()
        return view if view["final"] else None

    result: dict[str, Any] = wait_for(done, timeout=180)
    return result


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def _numbers_in(pdf: Path) -> set[str]:
    """SSN- and account-shaped numbers printed in a text PDF."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return set(SSN_OR_ACCOUNT.findall(text))


def test_documents_handed_in_over_http_complete_and_read_back(
    client: httpx.Client, api: ApiServer, samples: Path, worker: CeleryWorker
) -> None:
    names = ["w2.pdf", "bank_statement.pdf", "w2-scan.png"]
    accepted = {}
    for name in names:
        response = _submit(client, samples / name, metadata=json.dumps({"loan": "L-14"}))
        assert response.status_code == 202, response.text
        body = response.json()
        assert response.headers["location"] == f"/v1/submissions/{body['submission_id']}"
        assert body["repeated"] is False and body["filename"] == name
        accepted[name] = response.headers["location"]
    finals = {name: _final(client, location) for name, location in accepted.items()}
    assert {n: f["status"] for n, f in finals.items()} == dict.fromkeys(names, "COMPLETED"), (
        worker.log_tail()
    )

    w2 = client.get(f"/v1/documents/{finals['w2.pdf']['document_id']}").json()
    assert w2["status"] == "COMPLETED" and w2["doc_type"] == "w2" and w2["error_message"] is None
    assert w2["parts"] and w2["parts"][0]["doc_type"] == "w2"
    assert w2["submissions"][0]["metadata"] == {"loan": "L-14"}
    (income,) = w2["income_records"]
    assert income["source_type"] == "w2" and income["source"]["page"] == 1
    assert len(income["source"]["bbox"]) == 4

    # The borrower across documents: the W-2's income, with its document and source.
    borrower = client.get(f"/v1/borrowers/{income['borrower_id']}").json()
    assert borrower["name"] == w2["borrowers"][0]["name"]
    assert re.fullmatch(r"\d{4}", borrower["ssn_last4"])
    mine = [r for r in borrower["income_records"] if r["id"] == income["id"]]
    assert mine and mine[0]["document_id"] == w2["id"] and mine[0]["source"] == income["source"]
    assert w2["id"] in [d["id"] for d in borrower["documents"]]

    statement = client.get(f"/v1/documents/{finals['bank_statement.pdf']['document_id']}").json()
    assert statement["account_numbers"], statement
    # No full SSN or account number printed on the documents comes back in any answer.
    printed = _numbers_in(samples / "w2.pdf") | _numbers_in(samples / "bank_statement.pdf")
    assert any("-" in n for n in printed) and any("-" not in n for n in printed)
    answers = json.dumps([w2, borrower, statement, client.get("/v1/documents").json()])
    assert not [n for n in printed if n in answers]
    # Nor in the server's log (its access log included), even for a path holding an SSN.
    ssn = next(n for n in printed if "-" in n)
    assert client.get(f"/v1/documents/{ssn}").status_code == 422
    assert "/v1/documents/***-**-" in api.log_text()
    assert not [n for n in printed if n in api.log_text()]

    # Page images: a PDF rendered, the scan's image scaled, each cached under an ETag.
    page = client.get(f"/v1/documents/{w2['id']}/pages/1.png", params={"width": 400})
    assert page.status_code == 200 and page.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(page.content)) as image:
        assert image.width == 400 and image.height > 400  # a letter page, portrait
    again = client.get(
        f"/v1/documents/{w2['id']}/pages/1.png",
        params={"width": 400},
        headers={"If-None-Match": page.headers["etag"]},
    )
    assert again.status_code == 304
    scan_id = finals["w2-scan.png"]["document_id"]
    scan = client.get(f"/v1/documents/{scan_id}/pages/1.png", params={"width": 300})
    with Image.open(io.BytesIO(scan.content)) as image:
        assert image.width == 300
    missing = client.get(f"/v1/documents/{w2['id']}/pages/2.png")
    assert missing.status_code == 404 and "1 page" in missing.json()["detail"]


def test_idempotency_key_returns_the_first_submission(client: httpx.Client, samples: Path) -> None:
    key = f"idem-{uuid.uuid4()}"
    with (samples / "paystub.pdf").open("rb") as fh:
        first = client.post(
            "/v1/documents", files={"file": ("p.pdf", fh)}, headers={"Idempotency-Key": key}
        )
    assert first.status_code == 202 and first.json()["repeated"] is False
    with (samples / "voe.pdf").open("rb") as fh:  # other bytes: the key still wins
        second = client.post(
            "/v1/documents", files={"file": ("v.pdf", fh)}, headers={"Idempotency-Key": key}
        )
    assert second.status_code == 202
    assert second.json()["submission_id"] == first.json()["submission_id"]
    assert second.json()["repeated"] is True
    assert _final(client, first.headers["location"])["status"] == "COMPLETED"


def test_keys_scopes_and_the_three_ways_to_send_a_key(
    api: ApiServer, distributed: DistributedEnv, samples: Path
) -> None:
    url = f"{api.url}/v1/documents"
    none = httpx.get(url)
    assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
    assert "pipeline apikey create" in none.json()["detail"]
    assert httpx.get(url, headers={"Authorization": "Bearer plk_not-a-key"}).status_code == 401
    assert httpx.get(url, headers={"X-API-Key": "plk_not-a-key"}).status_code == 401

    # A key made by the command, printed once on stdout.
    env = distributed.environ()
    made = _cli(env, "apikey", "create", "--name", "reader", "--scope", "read")
    reader = made.stdout.strip()
    assert reader.startswith("plk_") and reader not in made.stderr
    assert httpx.get(url, headers={"Authorization": f"Bearer {reader}"}).status_code == 200
    assert httpx.get(url, headers={"X-API-Key": reader}).status_code == 200
    assert httpx.get(url, cookies={"pipeline_api_key": reader}).status_code == 200
    with (samples / "w2.pdf").open("rb") as fh:
        refused = httpx.post(url, headers={"X-API-Key": reader}, files={"file": ("w2.pdf", fh)})
    assert refused.status_code == 403 and "'submit'" in refused.json()["detail"]

    submitter = _key(distributed, "submit")
    assert httpx.get(url, headers={"X-API-Key": submitter}).status_code == 403
    reviewer = _key(distributed, "review")
    assert httpx.get(url, headers={"X-API-Key": reviewer}).status_code == 403

    listed = _cli(env, "apikey", "list", "--json")
    rows = json.loads(listed.stdout)
    assert reader not in listed.stdout  # only the prefix is shown (and only a hash is kept)
    (row,) = [r for r in rows if r["name"] == "reader"]
    assert reader.startswith(row["prefix"]) and row["last_used_at"] is not None
    _cli(env, "apikey", "revoke", row["id"])
    assert httpx.get(url, headers={"X-API-Key": reader}).status_code == 401


def test_uploads_refused_with_the_cli_s_words(
    client: httpx.Client, api: ApiServer, tmp_path: Path
) -> None:
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf at all\n")
    unsupported = _submit(client, text)
    assert unsupported.status_code == 415
    assert "unsupported file type: the content is plain text" in unsupported.json()["detail"]
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert _submit(client, empty).json()["detail"] == "empty.pdf: empty file (0 bytes)"
    pdf = docs.text_pdf(tmp_path / "one.pdf", [["A one-page letter"]])
    for metadata, words in [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"a": "\\u0000"}', "NUL"),
    ]:
        bad = _submit(client, pdf, metadata=metadata)
        assert bad.status_code == 400 and words in bad.json()["detail"], bad.text
    no_file = client.post("/v1/documents", data={"metadata": "{}"}, files={"other": b"x"})
    assert no_file.status_code == 400 and "'file' part" in no_file.json()["detail"]
    not_a_form = client.post("/v1/documents", content=b"%PDF-1.4")
    assert not_a_form.status_code == 400 and "multipart/form-data" in not_a_form.json()["detail"]
    # No submission was recorded for any of them.
    assert "notes.pdf" not in client.get("/v1/documents", params={"limit": 200}).text


def test_size_limit_is_enforced_while_streaming(
    distributed: DistributedEnv, worker: CeleryWorker, tmp_path: Path
) -> None:
    limit = 1_000_000
    env = {**distributed.environ(), "PIPELINE_MAX_FILE_SIZE_BYTES": str(limit)}
    server = ApiServer(env, tmp_path / "api-small.log").start()
    key = _key(distributed, "submit", "read")
    try:
        with httpx.Client(base_url=server.url, headers={"X-API-Key": key}, timeout=60) as http:
            just_over = b"%PDF-1.4\n" + b"0" * limit  # the declared length is within the slack
            answer = http.post("/v1/documents", files={"file": ("a.pdf", just_over)})
            assert answer.status_code == 413, answer.text
            assert "a.pdf: file is larger than that, over the limit of 1.0 MB" in answer.text

            far_over = b"%PDF-1.4\n" + b"0" * (3 * limit)  # refused before the body is read
            answer = http.post("/v1/documents", files={"file": ("b.pdf", far_over)})
            assert answer.status_code == 413 and "over the limit of 1.0 MB" in answer.text

            def chunks() -> Iterator[bytes]:  # no declared length: counted as it arrives
                boundary = b"--xyz"
                yield boundary + b'\r\nContent-Disposition: form-data; name="file"; '
                yield b'filename="c.pdf"\r\n\r\n%PDF-1.4\n'
                for _ in range(40):
                    yield b"0" * 65536
                yield b"\r\n" + boundary + b"--\r\n"

            answer = http.post(
                "/v1/documents",
                content=chunks(),
                headers={"Content-Type": "multipart/form-data; boundary=xyz"},
            )
            assert answer.status_code == 413 and "c.pdf" in answer.text

            under = b"%PDF-1.4\n" + b"0" * (limit - 100)
            accepted = http.post("/v1/documents", files={"file": ("d.pdf", under)})
            assert accepted.status_code == 202, accepted.text
    finally:
        server.stop()


def test_documents_are_listed_in_pages_by_cursor(client: httpx.Client, runtime: Runtime) -> None:
    # Seven documents stored in the same instant: the cursor must break ties by id.
    added = {str(runtime.run(add_document(runtime.database))) for _ in range(7)}
    every = client.get("/v1/documents", params={"limit": 200}).json()
    assert every["next_cursor"] is None
    order = [d["id"] for d in every["items"]]
    assert added <= set(order)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/documents", params=params).json()
        assert len(page["items"]) <= 3
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == order  # every document once, newest first
    pending = client.get("/v1/documents", params={"status": "PENDING", "limit": 200}).json()
    assert added <= {d["id"] for d in pending["items"]}
    assert all(d["status"] == "PENDING" for d in pending["items"])
    w2s = client.get("/v1/documents", params={"doc_type": "w2"}).json()["items"]
    assert w2s and all(d["doc_type"] == "w2" for d in w2s)
    assert client.get("/v1/documents", params={"cursor": "bm9wZQ"}).status_code == 400


def test_reprocess_runs_the_chain_again(
    client: httpx.Client, runtime: Runtime, samples: Path
) -> None:
    accepted = _submit(client, samples / "paystub.pdf")
    done = _final(client, accepted.headers["location"])
    document_id = done["document_id"]
    first = client.get(f"/v1/documents/{document_id}").json()
    answer = client.post(f"/v1/documents/{document_id}/reprocess")
    assert answer.status_code == 202, answer.text
    assert answer.headers["location"] == f"/v1/documents/{document_id}"

    def completed_again() -> dict[str, Any] | None:
        doc: dict[str, Any] = client.get(f"/v1/documents/{document_id}").json()
        again = doc["status"] == "COMPLETED" and doc["processed_at"] != first["processed_at"]
        return doc if again else None

    second = wait_for(completed_again, timeout=120)
    assert sorted(r["amount"] for r in second["income_records"]) == sorted(
        r["amount"] for r in first["income_records"]
    )
    assert client.post(f"/v1/documents/{uuid.uuid4()}/reprocess").status_code == 404
    pending = runtime.run(add_document(runtime.database))  # never sent: stays PENDING
    conflict = client.post(f"/v1/documents/{pending}/reprocess")
    assert conflict.status_code == 409 and "PENDING" in conflict.json()["detail"]


def test_schema_driven_fuzzing_finds_no_server_error(
    api: ApiServer, distributed: DistributedEnv, tmp_path: Path
) -> None:
    key = _key(distributed, "submit", "read", "review")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{api.url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "12",
            "--seed",
            "14",
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--header",
            f"Authorization: Bearer {key}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:] + api.log_tail()
    # Every operation was exercised, and every generated case passed the check.
    operations = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", run.stdout)
    assert operations and len(set(operations.groups())) == 1, run.stdout[-3000:]
    assert int(operations[1]) >= 7  # the seven /v1 operations at least
    counts = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert counts and counts[1] == counts[2] and int(counts[1]) > 50, run.stdout[-3000:]


def test_a_200_mb_upload_is_streamed_in_constant_memory(
    distributed: DistributedEnv, tmp_path: Path, samples: Path
) -> None:
    # A server whose broker is a Redis database no worker reads: the upload is staged in the
    # bucket and its ingest message queued, and nothing downloads it again meanwhile.
    idle_db = REDIS_DB + 1
    idle = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=idle_db)
    idle.flushdb()
    env = {
        **distributed.environ(),
        "PIPELINE_BROKER_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{idle_db}",
    }
    server = ApiServer(env, tmp_path / "api-big.log").start()
    key = _key(distributed, "submit", "read")
    big = tmp_path / "big.pdf"
    size = 200_000_000  # 200 MB, under the default limit of 200 MiB
    block = os.urandom(1 << 20)
    with big.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        while (left := size - out.tell()) > 0:
            out.write(block[:left])
    try:
        with httpx.Client(base_url=server.url, headers={"X-API-Key": key}, timeout=300) as http:
            assert _submit(http, samples / "w2.pdf").status_code == 202  # warm: imports, pools
            baseline = server.rss_bytes()
            peak = baseline
            stop = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not stop.is_set():
                    peak = max(peak, server.rss_bytes())
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            try:
                answer = _submit(http, big)
            finally:
                stop.set()
                sampler.join()
        assert answer.status_code == 202, answer.text
        growth = peak - baseline
        # Measured 17 MiB (the GCS client's 8 MiB upload chunk, the 1 MiB write buffer).
        assert growth < 50 * 1024 * 1024, f"RSS grew {growth / 2**20:.1f} MiB"
        staged = GcsBlobStore(distributed.bucket)
        key_of = f"staging/{answer.json()['submission_id']}/big.pdf"
        (info,) = [i for i in staged.list(key_of) if i.key == key_of]
        assert info.size == size  # the whole body went through
        staged.delete(key_of)
    finally:
        server.stop()
        idle.flushdb()
        idle.close()
