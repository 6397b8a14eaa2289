"""Errors the blob stores add to the pipeline's tree (:mod:`pipeline.domain.errors`).

    PermanentError
    ├── InvalidBlobKey         a key or URI no store may use (escapes the root, other bucket)
    └── StorageMisconfigured   the store refuses us: wrong credentials, permissions or bucket

Transient trouble is :class:`~pipeline.domain.errors.StorageUnavailable` and a missing object is
:class:`~pipeline.domain.errors.BlobMissing`; both come from the domain tree unchanged.
"""

from __future__ import annotations

from pipeline.domain.errors import PermanentError


class InvalidBlobKey(PermanentError):
    """The key (or URI) cannot name an object in this store; retrying cannot help."""


class StorageMisconfigured(PermanentError):
    """The store rejected the request for a reason only an operator can fix."""
