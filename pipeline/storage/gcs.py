"""Blobs in a Google Cloud Storage bucket (google-cloud-storage v3).

Every call to the client goes through :meth:`GcsBlobStore._translated`, which turns the client's
exceptions into the pipeline's tree:

* 408, 429, 5xx, timeouts, refused/reset connections and an exhausted client retry
  -> :class:`~pipeline.domain.errors.StorageUnavailable` (the Celery task retries with backoff);
* 404 on a download -> :class:`~pipeline.domain.errors.BlobMissing`;
* 400, 401, 403, a missing bucket and other refusals
  -> :class:`~pipeline.storage.errors.StorageMisconfigured`, naming what to check.

The client's own retry is bounded by ``retry_deadline`` so an outage surfaces within about
``retry_deadline`` (+ one request ``timeout`` if a connection hangs rather than being refused).
Correctness never relies on generation preconditions: uploads are idempotent overwrites.
"""

from __future__ import annotations

import http.client
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import urllib3
from google.api_core import exceptions as api_exceptions
from google.api_core.retry import Retry
from google.auth import exceptions as auth_exceptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import storage
from google.cloud.storage.exceptions import DataCorruption, InvalidResponse
from google.cloud.storage.retry import DEFAULT_RETRY

from pipeline.domain.errors import BlobMissing, PipelineError, StorageUnavailable
from pipeline.storage.base import BlobInfo
from pipeline.storage.errors import InvalidBlobKey, StorageMisconfigured
from pipeline.storage.keys import check_key

# Files over 8 MiB are sent as a resumable upload in requests of this size; the client holds one
# chunk in memory at a time (its default, 100 MiB, would hold most documents whole). Must be a
# multiple of 256 KiB.
UPLOAD_CHUNK_SIZE = 8 * 1024 * 1024

_TRANSIENT_STATUS = frozenset({408, 429})
_MAX_DETAIL_CHARS = 300
_TRANSIENT_TYPES: tuple[type[BaseException], ...] = (
    ConnectionError,
    TimeoutError,
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    auth_exceptions.TransportError,
)


class GcsBlobStore:
    """A :class:`~pipeline.storage.base.BlobStore` on one GCS bucket.

    With ``STORAGE_EMULATOR_HOST`` set (e.g. ``http://127.0.0.1:9023``) the client talks to that
    emulator with anonymous credentials; otherwise it uses Application Default Credentials.
    ``timeout`` bounds each HTTP request, ``retry_deadline`` the client's retrying of one call.
    """

    def __init__(
        self,
        bucket: str,
        *,
        project: str | None = None,
        client: storage.Client | None = None,
        timeout: float = 60.0,
        retry_deadline: float = 30.0,
    ) -> None:
        if not bucket or "/" in bucket:
            raise StorageMisconfigured(
                f"invalid GCS bucket name {bucket!r}: check PIPELINE_GCS_BUCKET"
            )
        self._bucket_name = bucket
        self._project = project
        self._timeout = timeout
        self._retry_deadline = retry_deadline
        # Sleeps start short so a blip costs little; the deadline ends the whole call.
        self._retry: Retry = DEFAULT_RETRY.with_timeout(retry_deadline).with_delay(
            initial=0.25, maximum=max(1.0, retry_deadline / 4), multiplier=2.0
        )
        self._client = client if client is not None else self._make_client(project)
        self._bucket = self._client.bucket(bucket)

    @property
    def bucket(self) -> str:
        return self._bucket_name

    def uri(self, key: str) -> str:
        return f"gs://{self._bucket_name}/{check_key(key)}"

    def key_from_uri(self, uri: str) -> str:
        prefix = f"gs://{self._bucket_name}/"
        if not uri.startswith(prefix):
            raise InvalidBlobKey(f"{uri!r} is not an object in gs://{self._bucket_name}")
        return check_key(uri[len(prefix) :])

    def ensure_bucket(self) -> None:
        """Create the bucket if it does not exist (development and the emulator; production
        buckets are provisioned with their retention and access policies)."""
        with self._translated("creating bucket", None):
            if self._client.lookup_bucket(
                self._bucket_name, timeout=self._timeout, retry=self._retry
            ):
                return
            # Conflict: created concurrently by another process (a name taken by another
            # project shows up as 403 on the first real call).
            with suppress(api_exceptions.Conflict):
                self._client.create_bucket(
                    self._bucket_name,
                    project=self._project,
                    timeout=self._timeout,
                    retry=self._retry,
                )

    def put_file(self, key: str, path: Path, *, content_type: str | None = None) -> str:
        blob = self._bucket.blob(check_key(key), chunk_size=UPLOAD_CHUNK_SIZE)
        with self._translated("uploading", key):
            # Retrying without a precondition is safe: a repeat writes the same bytes under the
            # same key. "auto" validates crc32c (md5 without the C extension) against what GCS
            # stored, and the client deletes the object if they differ.
            blob.upload_from_filename(
                str(path),
                content_type=content_type,
                timeout=self._timeout,
                retry=self._retry,
                checksum="auto",
            )
        return self.uri(key)

    def download_to(self, key: str, path: Path) -> None:
        blob = self._bucket.blob(check_key(key))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Into a temporary sibling first, so a failed or corrupt download never leaves a
        # partial file at ``path``.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, self._translated("downloading", key):
                try:
                    blob.download_to_file(
                        out, timeout=self._timeout, retry=self._retry, checksum="auto"
                    )
                except api_exceptions.NotFound as exc:
                    raise BlobMissing(
                        f"{self.uri(key)} does not exist: it was deleted or never uploaded"
                    ) from exc
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def exists(self, key: str) -> bool:
        blob = self._bucket.blob(check_key(key))
        with self._translated("checking", key):
            return bool(blob.exists(timeout=self._timeout, retry=self._retry))

    def delete(self, key: str) -> None:
        blob = self._bucket.blob(check_key(key))
        with self._translated("deleting", key), suppress(api_exceptions.NotFound):
            blob.delete(timeout=self._timeout, retry=self._retry)

    def list(self, prefix: str) -> Iterator[BlobInfo]:
        with self._translated("listing", f"{prefix}*"):
            blobs = self._client.list_blobs(
                self._bucket_name,
                prefix=prefix or None,
                timeout=self._timeout,
                retry=self._retry,
            )
            for blob in blobs:
                yield BlobInfo(key=blob.name, size=int(blob.size), updated_at=_utc(blob.updated))

    def _make_client(self, project: str | None) -> storage.Client:
        with self._translated("connecting to", None):
            if os.environ.get("STORAGE_EMULATOR_HOST"):
                return storage.Client(project=project, credentials=AnonymousCredentials())  # type: ignore[no-untyped-call]
            return storage.Client(project=project)

    @contextmanager
    def _translated(self, action: str, key: str | None) -> Iterator[None]:
        """Raise the client's exceptions as the pipeline's, with a message naming ``key``."""
        try:
            yield
        except PipelineError:
            raise
        except Exception as exc:
            where = f"gs://{self._bucket_name}/{key}" if key else f"gs://{self._bucket_name}"
            error = self._translate(exc, f"{action} {where}")
            if error is None:
                raise
            raise error from exc

    def _translate(self, exc: Exception, doing: str) -> PipelineError | None:
        if isinstance(exc, api_exceptions.RetryError):
            cause = exc.cause if exc.cause is not None else exc
            return StorageUnavailable(
                f"GCS unavailable while {doing}: still failing after retrying for "
                f"{self._retry_deadline:g}s: {_detail(cause)}"
            )
        if isinstance(exc, DataCorruption):
            return StorageUnavailable(
                f"GCS transfer corrupted while {doing} (checksum mismatch): {_detail(exc)}"
            )
        status = _status_code(exc)
        if status is not None:
            return self._translate_status(status, exc, doing)
        if isinstance(exc, auth_exceptions.RefreshError) and not getattr(exc, "retryable", False):
            return StorageMisconfigured(
                f"GCS credentials were refused while {doing}: check the service account "
                f"(GOOGLE_APPLICATION_CREDENTIALS or workload identity): {_detail(exc)}"
            )
        if isinstance(exc, auth_exceptions.DefaultCredentialsError):
            return StorageMisconfigured(
                f"no GCS credentials found while {doing}: set GOOGLE_APPLICATION_CREDENTIALS, "
                f"run on a service account, or set STORAGE_EMULATOR_HOST for the emulator"
            )
        if isinstance(exc, (*_TRANSIENT_TYPES, auth_exceptions.RefreshError)):
            return StorageUnavailable(f"GCS unavailable while {doing}: {_detail(exc)}")
        if isinstance(exc, requests.RequestException):
            return StorageMisconfigured(
                f"cannot reach GCS while {doing}: check STORAGE_EMULATOR_HOST or the endpoint: "
                f"{_detail(exc)}"
            )
        return None

    def _translate_status(self, status: int, exc: Exception, doing: str) -> PipelineError:
        if status in _TRANSIENT_STATUS or status >= 500:
            return StorageUnavailable(f"GCS unavailable while {doing}: {_detail(exc)}")
        if status in (401, 403):
            return StorageMisconfigured(
                f"GCS refused access while {doing} ({status}): check the service account "
                f"credentials and that they may read and write bucket {self._bucket_name!r} "
                f"(PIPELINE_GCS_BUCKET): {_detail(exc)}"
            )
        if status == 404:
            return StorageMisconfigured(
                f"GCS bucket {self._bucket_name!r} not found while {doing}: check "
                f"PIPELINE_GCS_BUCKET and PIPELINE_GCS_PROJECT"
            )
        if status == 400:
            return StorageMisconfigured(
                f"GCS rejected the request while {doing} (400): check the bucket name "
                f"{self._bucket_name!r} (PIPELINE_GCS_BUCKET) and the object key: {_detail(exc)}"
            )
        return StorageMisconfigured(f"GCS refused the request while {doing}: {_detail(exc)}")


def _status_code(exc: Exception) -> int | None:
    if isinstance(exc, api_exceptions.GoogleAPICallError) and exc.code is not None:
        return int(exc.code)
    if isinstance(exc, InvalidResponse):
        response: Any = exc.response
        return int(response.status_code)
    return None


def _detail(exc: BaseException) -> str:
    # requests buries the useful part ("Connection refused") inside urllib3's MaxRetryError.
    if isinstance(exc, requests.ConnectionError) and exc.args:
        reason = getattr(exc.args[0], "reason", None)
        if isinstance(reason, BaseException):
            exc = reason
    text = f"{type(exc).__name__}: {exc}"
    if len(text) > _MAX_DETAIL_CHARS:
        text = text[: _MAX_DETAIL_CHARS - 3] + "..."
    return text


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
