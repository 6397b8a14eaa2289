"""The blob store interface the service layer depends on.

Methods are synchronous and may block on I/O; async callers run them with ``asyncio.to_thread``.
Errors are already translated: :class:`~pipeline.domain.errors.StorageUnavailable` (retry later),
:class:`~pipeline.domain.errors.BlobMissing` (the object is not there) or another
:class:`~pipeline.domain.errors.PermanentError` (see :mod:`pipeline.storage.errors`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """One stored object as listed: its key, size in bytes and last write (tz-aware UTC)."""

    key: str
    size: int
    updated_at: datetime


class BlobStore(Protocol):
    def uri(self, key: str) -> str:
        """The object's address for humans and records: ``gs://bucket/key`` or ``file:///...``."""
        ...

    def key_from_uri(self, uri: str) -> str:
        """The key :meth:`uri` was built from; a URI of another store raises ``InvalidBlobKey``."""
        ...

    def put_file(self, key: str, path: Path, *, content_type: str | None = None) -> str:
        """Store the file at ``path`` under ``key``, streaming it, and return :meth:`uri`.

        Readers see the old object or the new one, never a partial write. Storing the same
        content under the same key again is harmless, so a retried task may simply repeat it.
        """
        ...

    def download_to(self, key: str, path: Path) -> None:
        """Write the object to ``path`` (replaced whole, checksum-validated where the store can).

        Raises ``BlobMissing`` if there is no object under ``key``.
        """
        ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove the object; an object that is already gone is not an error."""
        ...

    def list(self, prefix: str) -> Iterator[BlobInfo]:
        """Every object whose key starts with ``prefix`` (a plain string prefix), ordered by key."""
        ...
