"""Ingestion pipeline for mortgage and loan documents.

``pipeline.submit(path)`` hands a file to the pipeline; see the README for the task contract,
the CLI (``pipeline ...``) and the Celery commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.producer import SubmissionResult


def submit(path: Any, **kwargs: Any) -> SubmissionResult:
    from pipeline.producer import submit as _submit

    return _submit(path, **kwargs)


__all__ = ["submit"]
