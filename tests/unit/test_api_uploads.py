"""The streamed multipart reader of ``POST /v1/documents`` on real Starlette requests fed in
chunks of every size (a boundary or header split anywhere), and its limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.types import Message

from pipeline.api.uploads import BODY_OVERHEAD_BYTES, UploadError, receive_upload
from pipeline.domain.api_keys import Scope, hash_secret, new_secret, parse_scopes

BOUNDARY = "----pipeline-test-boundary"


def form(*parts: tuple[str, str | None, bytes]) -> bytes:
    out = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"' + (
            f'; filename="{filename}"' if filename is not None else ""
        )
        out += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        out += content + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def request(body: bytes, chunk: int, *, declare_length: bool = True) -> Request:
    headers = [(b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode())]
    if declare_length:
        headers.append((b"content-length", str(len(body)).encode()))
    pending = [body[i : i + chunk] for i in range(0, len(body), chunk)]

    async def receive() -> Message:
        if not pending:
            return {"type": "http.request", "body": b"", "more_body": False}
        piece = pending.pop(0)
        return {"type": "http.request", "body": piece, "more_body": bool(pending)}

    scope = {"type": "http", "method": "POST", "path": "/v1/documents", "headers": headers}
    return Request(scope, receive)


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096, 1 << 20])
async def test_the_file_and_metadata_come_through_whatever_the_chunking(chunk: int) -> None:
    content = b"%PDF-1.4\n" + os.urandom(50_000) + b"\r\n--not-the-boundary\r\n"
    body = form(
        ("metadata", None, b'{"loan": "L-1"}'),
        ("file", "w2 (copy).pdf", content),
        ("ignored", None, b"x" * 100),
    )
    upload = await receive_upload(request(body, chunk), limit=1_000_000)
    try:
        assert _read(upload.path) == content
        assert upload.size == len(content) and upload.head == content[:16]
        assert upload.filename == "w2 (copy).pdf"
        assert upload.metadata == '{"loan": "L-1"}'
    finally:
        upload.discard()
    assert not _exists(upload.path)


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _exists(path: Path) -> bool:
    return path.exists()


async def test_over_the_limit_is_413_counted_or_declared() -> None:
    body = form(("file", "big.pdf", b"%PDF" + b"0" * 2000))
    with pytest.raises(UploadError) as refused:
        await receive_upload(request(body, 100, declare_length=False), limit=1000)
    assert refused.value.status == 413 and "big.pdf" in refused.value.detail
    with pytest.raises(UploadError) as declared:
        await receive_upload(_declared(1000 + BODY_OVERHEAD_BYTES + 1), limit=1000)
    assert declared.value.status == 413


def _declared(length: int) -> Request:
    """A request declaring ``length`` bytes whose body must never be read."""

    async def receive() -> Message:
        raise AssertionError("the body was read")

    headers = [
        (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
        (b"content-length", str(length).encode()),
    ]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers}, receive)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (form(("metadata", None, b"{}")), "no 'file' part"),
        (form(("file", "a", b"1"), ("file", "b", b"2")), "two 'file' parts"),
        (form(("file", "a", b"1"), ("metadata", None, b"\xff\xfe")), "not UTF-8"),
        (b"--" + BOUNDARY.encode() + b"\r\nnot a header line at all", "malformed"),
    ],
)
async def test_a_bad_form_is_400(body: bytes, words: str) -> None:
    with pytest.raises(UploadError) as refused:
        await receive_upload(request(body, 13), limit=1000)
    assert refused.value.status == 400 and words in refused.value.detail


def test_keys_are_random_hashed_and_scoped() -> None:
    first, second = new_secret(), new_secret()
    assert first != second and first.startswith("plk_") and len(first) > 40
    assert hash_secret(first) == hash_secret(first) != hash_secret(second)
    assert parse_scopes(["read", "submit", "read"]) == {Scope.READ, Scope.SUBMIT}
    with pytest.raises(ValueError, match="unknown scope 'admin'"):
        parse_scopes(["admin"])
