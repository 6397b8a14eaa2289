"""Celery entry points: ``celery -A workers worker|beat|flower|inspect ...``."""

from workers import observability, tasks  # noqa: F401  (connect the log signals, register tasks)
from workers.app import app

__all__ = ["app"]
