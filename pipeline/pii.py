"""Protection of SSNs and account numbers.

An SSN has only ~10^9 values, so a plain SHA-256 of one is reversed by brute force in minutes.
We store an HMAC-SHA256 under a secret key (``PIPELINE_PII_KEY``) plus the last four digits; the
keyed hash still lets the same person be matched across documents. Account numbers get the same
treatment plus a masked form for display. ``redact`` is applied to every snippet, log line and
error message that might contain either.

This module imports nothing but the standard library: logging (so every command) loads it, and
the extractors that also use it take a tenth of a second to import.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
from collections.abc import Callable

# Bounded by non-digits only: text reaching a log is often a repr, where "\n944-47-7441"
# puts a letter right before the number.
# Neither starts right after "<digit>.": the fraction of a decimal ("succeeded in 0.0123456789s").
_SSN_RE = re.compile(r"(?<!\d)(?<!\d\.)(\d{3})([- ]?)(\d{2})\2(\d{4})(?!\d)")
# Long digit runs (optionally grouped by spaces or dashes) look like account or card numbers.
_ACCOUNT_RE = re.compile(r"(?<!\d)(?<!\d\.)\d(?:[- ]?\d){7,18}(?!\d)")
# Document, submission and task ids: their digit runs are not PII, and masking them would make a
# log line impossible to follow.
_UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
# Shaped like an account number but not one: ISO dates and EINs (an employer's id, not PII).
_NOT_ACCOUNT_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{7}")
_ZIP4_RE = re.compile(r"\d{5}-\d{4}")


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def last4(value: str) -> str:
    d = digits(value)
    return d[-4:] if len(d) >= 4 else d


def mask_account(number: str) -> str:
    """``123456789012`` -> ``********9012``; an already masked value keeps its mask."""
    d = digits(number)
    if len(d) <= 4:
        return "*" * max(4, len(number) - len(d)) + d
    return "*" * (len(d) - 4) + d[-4:]


def mask_ssn(ssn: str) -> str:
    return f"***-**-{last4(ssn)}"


def redact(text: str) -> str:
    """Mask every SSN-shaped and account-shaped number in ``text``, keeping the last four
    (UUIDs are left whole)."""
    out: list[str] = []
    start = 0
    for uuid_match in _UUID_RE.finditer(text):
        out.append(_redact_numbers(text[start : uuid_match.start()]))
        out.append(uuid_match.group(0))
        start = uuid_match.end()
    out.append(_redact_numbers(text[start:]))
    return "".join(out)


def identifier_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an SSN- or account-shaped number (what ``redact`` masks), as
    (start, end) character offsets, in order. UUIDs, ISO dates and EINs are not identifiers,
    and neither, here, is a ZIP+4: a person reading an address must see it."""
    spans: list[tuple[int, int]] = []
    uuids = [m.span() for m in _UUID_RE.finditer(text)]
    for pattern in (_SSN_RE, _ACCOUNT_RE):
        for match in pattern.finditer(text):
            start, end = match.span()
            found = match.group(0)
            if pattern is _ACCOUNT_RE and (
                _NOT_ACCOUNT_RE.fullmatch(found) or _ZIP4_RE.fullmatch(found)
            ):
                continue
            if any(s <= start and end <= e for s, e in uuids):
                continue
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
    return sorted(spans)


def _redact_numbers(text: str) -> str:
    text = _SSN_RE.sub(lambda m: f"***-**-{m.group(4)}", text)
    return _ACCOUNT_RE.sub(_mask_account_match, text)


def _mask_account_match(match: re.Match[str]) -> str:
    value = match.group(0)
    return value if _NOT_ACCOUNT_RE.fullmatch(value) else mask_account(value)


class PiiProtector:
    """Keyed hashing of identifiers. Construct with the secret from Settings, or with a function
    that returns it: the key is then read when something is first hashed, so a process that
    hashes nothing (``pipeline status``) needs no key configured and creates no key file."""

    def __init__(self, key: bytes | Callable[[], bytes]) -> None:
        self._key: bytes | None = None
        self._read_key: Callable[[], bytes] | None = None
        if isinstance(key, bytes):
            self._key = _checked_key(key)
        else:
            self._read_key = key
        self._lock = threading.Lock()

    def _secret(self) -> bytes:
        if self._key is None:
            with self._lock:
                if self._key is None:
                    assert self._read_key is not None
                    self._key = _checked_key(self._read_key())
        return self._key

    def _hmac(self, purpose: bytes, value: str) -> str:
        return hmac.new(self._secret(), purpose + b":" + value.encode(), hashlib.sha256).hexdigest()

    def ssn_hash(self, ssn: str) -> str:
        d = digits(ssn)
        if len(d) != 9:
            raise ValueError("an SSN has 9 digits")
        return self._hmac(b"ssn", d)

    def account_hash(self, number: str) -> str | None:
        """Hash of the full number; ``None`` when only a masked form was printed."""
        d = digits(number)
        if len(d) < 6 or "*" in number or "X" in number.upper():
            return None
        return self._hmac(b"account", d)


def _checked_key(key: bytes) -> bytes:
    if len(key) < 16:
        raise ValueError("the PII key must be at least 16 bytes")
    return key
