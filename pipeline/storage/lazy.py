"""A blob store made on first use.

Building :class:`~pipeline.storage.gcs.GcsBlobStore` looks up credentials (and may ask the
metadata server), so a process that only reads the database (``pipeline status``, ``pipeline
export``) must not build it: the runtime hands out this stand-in, which builds the real store the
first time a blob is touched and raises that store's own error (e.g. ``StorageMisconfigured``
naming the missing credentials) there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.storage.base import BlobInfo, BlobStore


class LazyBlobStore:
    """A :class:`~pipeline.storage.base.BlobStore` that calls ``build`` once, on first use."""

    def __init__(self, build: Callable[[], BlobStore]) -> None:
        self._build = build
        self._store: BlobStore | None = None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> BlobStore:
        """The real store (built now if it was not yet; a failed build is tried again)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = self._build()
        return self._store

    def uri(self, key: str) -> str:
        return self.store.uri(key)

    def key_from_uri(self, uri: str) -> str:
        return self.store.key_from_uri(uri)

    def put_file(self, key: str, path: Path, *, content_type: str | None = None) -> str:
        return self.store.put_file(key, path, content_type=content_type)

    def download_to(self, key: str, path: Path) -> None:
        self.store.download_to(key, path)

    def exists(self, key: str) -> bool:
        return self.store.exists(key)

    def delete(self, key: str) -> None:
        self.store.delete(key)

    def list(self, prefix: str) -> Iterator[BlobInfo]:
        return self.store.list(prefix)
