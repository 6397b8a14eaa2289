"""The log filter masks SSNs and account numbers but leaves what only looks like them whole:
timestamps, hex digests (object keys) and UUIDs. The strings are those an operator's chaos run
found mangled, next to real SSNs and accounts that must still be masked."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator

import pytest

from pipeline.logging import RedactingFilter, redact_log_text
from pipeline.pii import redact

# sha256(b"8"): a nine-digit run between letters, which redact() alone reads as an SSN.
SHA256 = "2c624232cdd221771294dfbb310aca000a0df6ac8b66b696d90ef06fdefb64a3"
SHA1 = "1b6453892473a467d07372d45eb05abc2031647a"  # sha1(b"4"): an eight-digit run
OBJECT_KEY = f"documents/{SHA256[:2]}/{SHA256}"

KEPT_WHOLE = [
    "document 5b1f0c6e-2d7a-4f43-9a51-0e6c3b2a9d11: stuck in PROCESSING since 2026-01-30 05:37:28",
    "stuck in PENDING since 2026-03-01 16:00:00 UTC (requeued 3 times)",
    "at 2026-01-30T05:37:28Z, 2026-01-30T05:37:28.123456+00:00 and 2026-01-30 05:37:28,123",
    f"stored {OBJECT_KEY} ({SHA256})",
    f"SHA-1 {SHA1}, MD5 {hashlib.md5(b'x').hexdigest()}",  # noqa: S324 (a fixture, not security)
    "task 12345678-1234-4234-8234-123456789012 for document 87654321-4321-4321-8321-210987654321",
]


@pytest.mark.parametrize("line", KEPT_WHOLE)
def test_timestamps_digests_and_uuids_stay_whole(line: str) -> None:
    assert redact_log_text(line) == line


def test_the_reported_lines_were_mangled_by_redact_alone() -> None:
    """The bug this guards against: the SSN and account shapes match inside these."""
    assert redact("since 2026-01-30 05:37:28 UTC") == "since ******3005:37:28 UTC"
    assert "***-**-" in redact(OBJECT_KEY)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SSN 123-45-6789", "SSN ***-**-6789"),
        ("SSN 123 45 6789", "SSN ***-**-6789"),
        ("SSN 123456789.", "SSN ***-**-6789."),
        ("repr '\\n944-47-7441'", "repr '\\n***-**-7441'"),
        ("account 4417123456789113", "account ************9113"),
        ("account 4417-1234-5678-9113", "account ************9113"),
        ("acct 000123456789 on 2026-01-30", "acct ********6789 on 2026-01-30"),
    ],
)
def test_ssns_and_accounts_are_still_masked(line: str, expected: str) -> None:
    assert redact_log_text(line) == expected


def test_pii_next_to_what_is_kept_is_masked() -> None:
    line = (
        f"2026-01-30 05:37:28 UTC {OBJECT_KEY}: SSN 123-45-6789, account 4417123456789113, "
        "document 5b1f0c6e-2d7a-4f43-9a51-0e6c3b2a9d11"
    )
    out = redact_log_text(line)
    assert out == (
        f"2026-01-30 05:37:28 UTC {OBJECT_KEY}: SSN ***-**-6789, account ************9113, "
        "document 5b1f0c6e-2d7a-4f43-9a51-0e6c3b2a9d11"
    )


def test_only_real_dates_and_long_digests_are_exempt() -> None:
    # Not a date (month 13), so the digits are an account number as before.
    assert redact_log_text("ref 2026-13-45 05:37") == "ref ******4505:37"
    # Short hex runs (an IBAN is all hex digits and letters) are not digests.
    assert redact_log_text("ab123456789cd") == "ab***-**-6789cd"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    logger = logging.getLogger("tests.unit.log_redaction")
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield buffer
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


def test_the_filter_keeps_the_reported_lines_and_masks_pii(captured: io.StringIO) -> None:
    logger = logging.getLogger("tests.unit.log_redaction")
    logger.warning("document failed: %s", "stuck in PROCESSING since 2026-01-30 05:37:28 UTC")
    logger.warning("deleted %s of SSN %s", OBJECT_KEY, "123-45-6789")
    assert captured.getvalue().splitlines() == [
        "document failed: stuck in PROCESSING since 2026-01-30 05:37:28 UTC",
        f"deleted {OBJECT_KEY} of SSN ***-**-6789",
    ]
