"""The pipeline's error tree.

Every error the product raises on purpose is a :class:`PipelineError`. Adapters (pypdf, pytesseract,
google-cloud-storage, the database driver) translate their own exceptions into one of these at the
boundary, so the service layer and the Celery tasks only ever decide on two questions: *retry* or
*fail the document*.

    PipelineError
    ├── DomainError                  a domain rule was broken by the caller (a bug, not input)
    │   └── IllegalTransition        e.g. COMPLETED -> PROCESSING
    ├── RetryableError               transient trouble; the same work may succeed later
    │   ├── StorageUnavailable       blob store timeouts, 429, 5xx, connection errors
    │   ├── DatabaseUnavailable      connection refused/reset, serialization failures
    │   ├── ConcurrentUpdate         another worker created the same row first (e.g. a borrower)
    │   └── OcrUnavailable           tesseract missing or crashed for reasons outside the page
    └── PermanentError               the input is bad; retrying cannot help -> document FAILED
        ├── UnsupportedFileType      magic bytes are not PDF, PNG, JPEG or TIFF
        ├── EmptyFile                zero bytes
        ├── FileTooLarge             over the configured byte limit
        ├── CorruptDocument          truncated or unreadable PDF/image
        ├── EncryptedDocument        PDF needs a password
        ├── TooManyPages             over the configured page limit
        ├── ImageTooLarge            over the configured pixel limit (decompression bombs)
        ├── OcrTimeout               tesseract exceeded its per-page timeout
        ├── BlobMissing              the stored object vanished or no longer matches its hash
        └── ExtractionFailed         an extractor could not make sense of the text

``str(error)`` is always a message a person can act on: what was wrong with which file, never a
traceback. Messages never contain a full SSN or account number.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""


class DomainError(PipelineError):
    """A domain rule was broken by the caller."""


class IllegalTransition(DomainError):
    def __init__(self, document_id: object, current: str, requested: str) -> None:
        super().__init__(f"document {document_id}: cannot move from {current} to {requested}")
        self.document_id = document_id
        self.current = current
        self.requested = requested


class RetryableError(PipelineError):
    """Transient trouble: the same work may succeed later."""


class StorageUnavailable(RetryableError):
    pass


class DatabaseUnavailable(RetryableError):
    pass


class ConcurrentUpdate(RetryableError):
    pass


class OcrUnavailable(RetryableError):
    pass


class PermanentError(PipelineError):
    """The input is bad; the document ends FAILED with ``str(self)`` as its error message."""


class UnsupportedFileType(PermanentError):
    pass


class EmptyFile(PermanentError):
    pass


class FileTooLarge(PermanentError):
    pass


class CorruptDocument(PermanentError):
    pass


class EncryptedDocument(PermanentError):
    pass


class TooManyPages(PermanentError):
    pass


class ImageTooLarge(PermanentError):
    pass


class OcrTimeout(PermanentError):
    pass


class BlobMissing(PermanentError):
    pass


class ExtractionFailed(PermanentError):
    pass
