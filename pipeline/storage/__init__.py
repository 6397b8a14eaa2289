"""Where document bytes live: the :class:`BlobStore` protocol, its GCS and local adapters, and
the key layout (``documents/{hash[:2]}/{hash}`` for content, ``staging/{submission}/{name}`` for
uploads not yet hashed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.config import Settings
from pipeline.storage.base import BlobInfo, BlobStore
from pipeline.storage.errors import InvalidBlobKey, StorageMisconfigured
from pipeline.storage.keys import (
    DOCUMENTS_PREFIX,
    STAGING_PREFIX,
    document_key,
    is_document_key,
    sanitise_filename,
    staging_key,
    submission_of_staging_key,
)
from pipeline.storage.lazy import LazyBlobStore
from pipeline.storage.local import LocalBlobStore

if TYPE_CHECKING:
    from pipeline.storage.gcs import GcsBlobStore


def __getattr__(name: str) -> Any:
    # google-cloud-storage (and requests, google-auth) take a good part of a second to import:
    # only a process that talks to GCS pays for it.
    if name == "GcsBlobStore":
        from pipeline.storage.gcs import GcsBlobStore

        return GcsBlobStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_blob_store(settings: Settings) -> BlobStore:
    """GCS when ``PIPELINE_GCS_BUCKET`` is set, else files under the local blob directory."""
    if settings.gcs_bucket:
        from pipeline.storage.gcs import GcsBlobStore

        return GcsBlobStore(settings.gcs_bucket, project=settings.gcs_project)
    return LocalBlobStore(settings.local_blob_dir)


__all__ = [
    "DOCUMENTS_PREFIX",
    "STAGING_PREFIX",
    "BlobInfo",
    "BlobStore",
    "GcsBlobStore",
    "InvalidBlobKey",
    "LazyBlobStore",
    "LocalBlobStore",
    "StorageMisconfigured",
    "build_blob_store",
    "document_key",
    "is_document_key",
    "sanitise_filename",
    "staging_key",
    "submission_of_staging_key",
]
