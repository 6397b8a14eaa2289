"""Blobs as files under one directory: the store for embedded mode and development.

A key maps to the path ``root/<key>``. Writes go to a temporary file in the target's directory,
are fsynced and then renamed over the target, so a reader (or a crash) sees the old file or the
new one, never half of one. Files are created mode 0600: they hold borrowers' documents.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from pipeline.domain.errors import BlobMissing, PipelineError, StorageUnavailable
from pipeline.storage.base import BlobInfo
from pipeline.storage.errors import InvalidBlobKey, StorageMisconfigured
from pipeline.storage.keys import check_key

# Names of in-flight writes; never a key segment, never listed.
TEMP_PREFIX = ".blobstore-tmp-"
_COPY_BUFFER_BYTES = 1024 * 1024


class LocalBlobStore:
    """A :class:`~pipeline.storage.base.BlobStore` on the local filesystem under ``root``."""

    def __init__(self, root: Path) -> None:
        # Absolute and symlink-free, so URIs are stable and containment checks are exact.
        self._root = Path(root).resolve()

    @property
    def root(self) -> Path:
        return self._root

    def uri(self, key: str) -> str:
        return self._path(key).as_uri()

    def key_from_uri(self, uri: str) -> str:
        # urllib.request loads http.client and email: not at import, which every command does.
        from urllib.request import url2pathname

        parts = urlsplit(uri)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise InvalidBlobKey(f"{uri!r} is not a local file:// URI")
        path = Path(url2pathname(parts.path))
        if not path.is_relative_to(self._root):
            raise InvalidBlobKey(f"{uri!r} is outside the blob directory {self._root}")
        key = path.relative_to(self._root).as_posix()
        self._path(key)
        return key

    def put_file(self, key: str, path: Path, *, content_type: str | None = None) -> str:
        # content_type is a GCS object property; a file has nowhere to keep it.
        target = self._path(key)
        with path.open("rb") as source, self._translated("writing", key):
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(source, target)
        return target.as_uri()

    def download_to(self, key: str, path: Path) -> None:
        source_path = self._path(key)
        with self._translated("reading", key):
            try:
                source = source_path.open("rb")
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
                raise BlobMissing(
                    f"{source_path.as_uri()} does not exist: it was deleted or never stored"
                ) from exc
        with source:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(source, path)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        target = self._path(key)
        missing = (FileNotFoundError, NotADirectoryError, IsADirectoryError)
        with self._translated("deleting", key), suppress(*missing):
            target.unlink()

    def list(self, prefix: str) -> Iterator[BlobInfo]:
        # A prefix need not end at a "/" ("documents/a" matches "documents/ab/..."): walk the
        # deepest directory it names completely, then filter.
        directory = prefix.rpartition("/")[0]
        base = self._path(directory) if directory else self._root
        with self._translated("listing", f"{prefix}*"):
            found: list[tuple[str, Path]] = []
            for dirpath, _dirnames, filenames in os.walk(base):
                for name in filenames:
                    if name.startswith(TEMP_PREFIX):
                        continue
                    path = Path(dirpath, name)
                    key = path.relative_to(self._root).as_posix()
                    if key.startswith(prefix):
                        found.append((key, path))
            found.sort()
        for key, path in found:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            yield BlobInfo(
                key=key, size=stat.st_size, updated_at=datetime.fromtimestamp(stat.st_mtime, UTC)
            )

    def _path(self, key: str) -> Path:
        check_key(key)
        parts = key.split("/")
        if any(part.startswith(TEMP_PREFIX) for part in parts):
            raise InvalidBlobKey(f"blob key {key!r} uses the reserved prefix {TEMP_PREFIX!r}")
        path = self._root.joinpath(*parts)
        # resolve() follows symlinks: a link inside the root must not lead out of it either.
        if not path.resolve().is_relative_to(self._root):
            raise InvalidBlobKey(f"blob key {key!r} escapes the blob directory {self._root}")
        return path

    @contextmanager
    def _translated(self, action: str, key: str) -> Iterator[None]:
        try:
            yield
        except PipelineError:
            raise
        except PermissionError as exc:
            raise StorageMisconfigured(
                f"permission denied {action} {key} in the blob directory {self._root}: check "
                f"its ownership and PIPELINE_BLOB_DIR ({exc.strerror})"
            ) from exc
        except OSError as exc:
            # Full disk, I/O errors, a stale network mount: may well clear up, so retry later.
            raise StorageUnavailable(
                f"local blob store unavailable while {action} {key} in {self._root}: {exc}"
            ) from exc


def _write_atomically(source: BinaryIO, target: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(source, out, _COPY_BUFFER_BYTES)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
