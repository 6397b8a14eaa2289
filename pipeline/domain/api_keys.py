"""API keys: who may call the HTTP API, and for what.

A key is 256 random bits shown once when it is created; only its SHA-256 is kept (there is
nothing to guess, so a plain digest needs no salt or stretching), with its first characters
(``prefix``) so an operator can tell keys apart in a listing."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

KEY_PREFIX = "plk_"
_SHOWN_CHARS = 12


class Scope(StrEnum):
    SUBMIT = "submit"  # hand in documents, reprocess them
    READ = "read"  # documents, submissions, borrowers, page images
    REVIEW = "review"  # the review page and corrections


@dataclass(frozen=True)
class ApiKey:
    id: uuid.UUID
    name: str
    prefix: str
    key_hash: str
    scopes: frozenset[Scope]
    created_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def new_secret() -> str:
    """A fresh key: ``plk_`` and 43 URL-safe characters (32 random bytes)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def shown_prefix(secret: str) -> str:
    return secret[:_SHOWN_CHARS]


def parse_scopes(values: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[Scope]:
    """Scopes from their names; an unknown name raises ValueError naming the valid ones."""
    scopes = set()
    for value in values:
        try:
            scopes.add(Scope(value))
        except ValueError:
            valid = ", ".join(s.value for s in Scope)
            raise ValueError(f"unknown scope {value!r} (valid: {valid})") from None
    return frozenset(scopes)
