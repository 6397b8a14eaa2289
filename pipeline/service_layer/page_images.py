"""Page images for people: a document's page drawn at a given width, cached.

Drawing happens in a process pool of its own: PDFium may not be called from two threads of a
process at once, and the API (and, in embedded mode, the eager chain) works in threads. A drawn
page is kept under ``cache_dir/{file_hash}/{page}-{width}.png``: a document's bytes never change
(content-addressed), so neither does the picture, and the cache needs no invalidation."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import tempfile
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.model import Document, FileType
from pipeline.service_layer.deps import Dependencies
from pipeline.text.render import render_page_png


@dataclass(frozen=True)
class PageImage:
    png: bytes
    etag: str  # the same for the same document, page and width, forever


class PageRenderer:
    """Draws pages in ``processes`` worker processes (started on first use) and caches them
    under ``cache_dir``."""

    def __init__(self, cache_dir: Path, *, processes: int = 1) -> None:
        self.cache_dir = cache_dir
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: forking a process that runs threads (a server, the eager chain) can copy
            # a lock held by another thread.
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool

    async def render(
        self, path: Path, file_type: FileType, number: int, width: int, max_pixels: int
    ) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor(), _render, path, file_type, number, width, max_pixels
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _render(path: Path, file_type: FileType, number: int, width: int, max_pixels: int) -> bytes:
    return render_page_png(path, file_type, number, width, max_pixels=max_pixels)


async def page_image(
    deps: Dependencies,
    renderer: PageRenderer,
    document_id: uuid.UUID,
    number: int,
    width: int,
) -> PageImage | None:
    """Page ``number`` of the document, ``width`` pixels wide; None when there is no such
    document. Raises NoSuchPage for a page it does not have, and the domain's errors for a
    file that cannot be drawn."""
    async with deps.uow_factory() as uow:
        document: Document | None = await uow.documents.get(document_id)
    if document is None:
        return None
    etag = f'"{document.file_hash[:32]}-{number}-{width}"'
    cached = renderer.cache_dir / document.file_hash / f"{number}-{width}.png"
    try:
        return PageImage(await asyncio.to_thread(cached.read_bytes), etag)
    except FileNotFoundError:
        pass
    with tempfile.TemporaryDirectory(prefix="page-") as tmp:
        local = Path(tmp) / "document"
        key = deps.blobs.key_from_uri(document.blob_uri)
        await asyncio.to_thread(deps.blobs.download_to, key, local)
        png = await renderer.render(
            local, FileType(document.file_type), number, width, deps.settings.max_image_pixels
        )
    await asyncio.to_thread(_write_atomically, cached, png)
    return PageImage(png, etag)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
