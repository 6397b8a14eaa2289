"""Receiving a multipart upload in constant memory.

Starlette's ``request.form()`` reads the whole body before a handler runs, so a size limit
could only be checked afterwards. Here the request stream is fed to python-multipart's parser
chunk by chunk: the ``file`` part goes to a temporary file (written from a worker thread, a
buffer of at most ``_FLUSH_BYTES`` at a time) and the upload is refused as soon as it passes the
limit; the ``metadata`` part is kept in memory up to a small cap. A body whose declared length
is over the limit is refused before a byte of it is read."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import anyio
from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from pipeline.service_layer.services import too_large_message
from pipeline.text.detect import MAGIC_BYTES

# Room a multipart body needs beyond the file: boundaries, part headers and the metadata field.
BODY_OVERHEAD_BYTES = 256 * 1024
MAX_METADATA_BYTES = 64 * 1024
_MAX_HEADER_BYTES = 16 * 1024
_MAX_PARTS = 8
_FLUSH_BYTES = 1024 * 1024


class UploadError(Exception):
    """An upload refused while it was received: ``status`` (400 or 413) and a message."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class ReceivedUpload:
    """The ``file`` part on disk (the caller deletes it with :meth:`discard`), its name as the
    client gave it, its size and leading bytes, and the ``metadata`` field's text."""

    path: Path
    filename: str
    size: int
    head: bytes
    metadata: str | None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)


class _Receiver:
    def __init__(self, limit: int, out: IO[bytes]) -> None:
        self.limit = limit
        self.out = out
        self.part = _Part()
        self.parts = 0
        self.header_name = b""
        self.header_value = b""
        self.header_bytes = 0
        self.disposition = b""
        self.file_seen = False
        self.file_name = ""
        self.file_size = 0
        self.head = b""
        self.pending = bytearray()  # file bytes not yet written
        self.metadata: str | None = None
        self.too_large = False

    # python-multipart callbacks (synchronous; they only move bytes between buffers)

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > _MAX_PARTS:
            raise UploadError(400, f"too many parts in the form (at most {_MAX_PARTS})")
        self.part = _Part()
        self.disposition = b""
        self.header_bytes = 0

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self.header_value += data[start:end]

    def _count_header(self, size: int) -> None:
        self.header_bytes += size
        if self.header_bytes > _MAX_HEADER_BYTES:
            raise UploadError(400, "a form part's headers are too long")

    def on_header_end(self) -> None:
        if self.header_name.lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = b""
        self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        self.part.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            self.part.filename = options[b"filename"].decode("utf-8", "replace")
        if self.part.name == "file":
            if self.file_seen:
                raise UploadError(400, "one file per request: the form has two 'file' parts")
            self.file_seen = True
            self.file_name = self.part.filename or ""

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.part.name == "file":
            if self.too_large:
                return
            self.file_size += len(chunk)
            if self.file_size > self.limit:
                self.too_large = True
                self.pending.clear()
                return
            if len(self.head) < MAGIC_BYTES:
                self.head += chunk[: MAGIC_BYTES - len(self.head)]
            self.pending += chunk
        elif self.part.name == "metadata":
            if len(self.part.data) + len(chunk) > MAX_METADATA_BYTES:
                raise UploadError(400, f"metadata is over {MAX_METADATA_BYTES // 1024} KiB")
            self.part.data += chunk
        # Other fields are ignored (and not kept).

    def on_part_end(self) -> None:
        if self.part.name == "metadata":
            try:
                self.metadata = self.part.data.decode("utf-8")
            except UnicodeDecodeError:
                raise UploadError(400, "metadata is not UTF-8 text") from None


async def receive_upload(request: Request, *, limit: int) -> ReceivedUpload:
    """Read ``request``'s multipart body: its ``file`` part to a temporary file, refused with
    413 once over ``limit`` bytes (before reading anything when the declared length already
    is), and its ``metadata`` field. Other problems with the form are 400."""
    content_type, params = parse_options_header(request.headers.get("content-type"))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise UploadError(
            400, "expected a multipart/form-data body with the document in a 'file' part"
        )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + BODY_OVERHEAD_BYTES:
        raise UploadError(413, too_large_message("the upload", limit, int(declared)))

    fd, name = tempfile.mkstemp(prefix="upload-")
    path = Path(name)
    out = os.fdopen(fd, "wb")
    receiver = _Receiver(limit, out)
    parser = MultipartParser(
        params[b"boundary"],
        {
            "on_part_begin": receiver.on_part_begin,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
        },
    )
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            if receiver.too_large:
                if declared is None:
                    # No declared length: the rest could be endless; answer now.
                    raise UploadError(
                        413, too_large_message(receiver.file_name or "the upload", limit)
                    )
                continue  # within BODY_OVERHEAD_BYTES of the end: read it so the client hears us
            if len(receiver.pending) >= _FLUSH_BYTES:
                await _flush(receiver)
        parser.finalize()
        if receiver.too_large:
            raise UploadError(413, too_large_message(receiver.file_name or "the upload", limit))
        await _flush(receiver)
        await anyio.to_thread.run_sync(out.close)
    except FormParserError as exc:
        _discard(out, path)
        raise UploadError(400, f"malformed multipart body ({type(exc).__name__})") from exc
    except ClientDisconnect:
        _discard(out, path)
        raise UploadError(400, "the upload was cut off: the client disconnected") from None
    except BaseException:
        _discard(out, path)
        raise
    if not receiver.file_seen:
        _discard(out, path)
        raise UploadError(400, "the form has no 'file' part (the document to hand in)")
    return ReceivedUpload(
        path=path,
        filename=receiver.file_name,
        size=receiver.file_size,
        head=receiver.head,
        metadata=receiver.metadata,
    )


def _discard(out: IO[bytes], path: Path) -> None:
    out.close()
    path.unlink(missing_ok=True)


async def _flush(receiver: _Receiver) -> None:
    if not receiver.pending:
        return
    data = bytes(receiver.pending)
    receiver.pending.clear()
    await anyio.to_thread.run_sync(receiver.out.write, data)
