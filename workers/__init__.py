"""Celery entry points: ``celery -A workers worker|beat|flower|inspect ...``."""

from workers import tasks  # noqa: F401  (registers the tasks)
from workers.app import app

__all__ = ["app"]
