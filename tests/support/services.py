"""How tests treat a missing external service.

On a developer machine a test that needs PostgreSQL, Redis, the GCS emulator or tesseract is
skipped with the reason when the service is absent. In CI (``CI=true``) the same situation is a
failure: a green CI run must mean the real components were exercised.
"""

from __future__ import annotations

import os
import socket

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, what: str) -> None:
    """Skip (locally) or fail (in CI) the calling test/fixture unless ``available``."""
    if available:
        return
    message = f"{what} is not available"
    if in_ci():
        pytest.fail(f"{message} (CI=true: required services must be present)", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
