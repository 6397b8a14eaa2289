"""Blob keys: the content-addressed and staging layouts, and the rules every key obeys.

A key is a relative, ``/``-separated name such as ``documents/ab/ab12...``. The same key is valid
in every store, so a file stored locally in development has the same key in GCS in production.
"""

from __future__ import annotations

import re
import unicodedata
import uuid

from pipeline.storage.errors import InvalidBlobKey

# GCS caps object names at 1024 bytes of UTF-8; most filesystems cap one name at 255 bytes.
_MAX_KEY_BYTES = 1024
_MAX_FILENAME_BYTES = 200
_MAX_SUFFIX_CHARS = 16
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
# Anything but letters, digits, underscore, dot and hyphen (Unicode-aware: "Überweisung" stays).
_UNSAFE_FILENAME_RUN = re.compile(r"[^\w.\-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


DOCUMENTS_PREFIX = "documents/"
STAGING_PREFIX = "staging/"
# documents/{h[:2]}/{hash}, filed under the hash's own first two hex digits.
_DOCUMENT_KEY = re.compile(r"documents/([0-9a-f]{2})/(\1[0-9a-f]{62})")


def document_key(file_hash: str) -> str:
    """Where a document's bytes live, addressed by their SHA-256 (``documents/ab/ab12...``)."""
    if not _SHA256_HEX.fullmatch(file_hash):
        raise ValueError("file_hash must be 64 lowercase hex characters (SHA-256)")
    return f"{DOCUMENTS_PREFIX}{file_hash[:2]}/{file_hash}"


def is_document_key(key: str) -> bool:
    """Whether ``key`` is exactly what :func:`document_key` makes for some hash."""
    return _DOCUMENT_KEY.fullmatch(key) is not None


def staging_key(submission_id: uuid.UUID, filename: str) -> str:
    """Where an upload waits before it is hashed: ``staging/{submission_id}/{safe filename}``.

    ``filename`` comes from a producer and is never trusted: directories are dropped and
    anything outside letters, digits, ``.``, ``-`` and ``_`` becomes ``_``.
    """
    return f"{STAGING_PREFIX}{submission_id}/{sanitise_filename(filename)}"


def submission_of_staging_key(key: str) -> uuid.UUID | None:
    """The submission id in ``staging/{submission}/{name}``, or None for another layout."""
    parts = key.split("/")
    if len(parts) != 3 or f"{parts[0]}/" != STAGING_PREFIX or not parts[2]:
        return None
    try:
        return uuid.UUID(parts[1])
    except ValueError:
        return None


def sanitise_filename(filename: str) -> str:
    """A readable, single-segment version of ``filename`` that is safe as a key part."""
    name = unicodedata.normalize("NFC", filename)
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE_FILENAME_RUN.sub("_", name)
    # No hidden files, no "." or "..", nothing that reads like a command-line option.
    name = name.lstrip("._-")
    name = _truncate(name)
    return name or "upload"


def _truncate(name: str) -> str:
    if len(name.encode()) <= _MAX_FILENAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > _MAX_SUFFIX_CHARS:
        stem, suffix = name, ""
    tail = f".{suffix}" if suffix else ""
    budget = _MAX_FILENAME_BYTES - len(tail.encode())
    # Cut on a character boundary, never inside a multi-byte character.
    stem = stem.encode()[:budget].decode(errors="ignore")
    return stem + tail


def check_key(key: str) -> str:
    """Return ``key`` if every store can use it, else raise :class:`InvalidBlobKey`."""
    if not key:
        raise InvalidBlobKey("blob key is empty")
    if len(key.encode()) > _MAX_KEY_BYTES:
        raise InvalidBlobKey(f"blob key is longer than {_MAX_KEY_BYTES} bytes: {key[:80]!r}...")
    if _CONTROL.search(key):
        raise InvalidBlobKey(f"blob key contains control characters: {key!r}")
    if "\\" in key:
        raise InvalidBlobKey(f"blob key contains a backslash: {key!r}")
    if key.startswith("/"):
        raise InvalidBlobKey(f"blob key must be relative, not start with '/': {key!r}")
    if any(part in {"", ".", ".."} for part in key.split("/")):
        raise InvalidBlobKey(f"blob key has an empty, '.' or '..' segment: {key!r}")
    return key
