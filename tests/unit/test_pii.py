"""PII helpers: keyed hashes, masks, and redaction of free text."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.pii import PiiProtector, mask_account, redact


def test_ssn_hash_is_keyed_and_not_a_plain_sha256() -> None:
    a = PiiProtector(b"k" * 32).ssn_hash("123-45-6789")
    b = PiiProtector(b"j" * 32).ssn_hash("123456789")
    assert a != b
    assert a not in {hashlib.sha256(s.encode()).hexdigest() for s in ("123456789", "123-45-6789")}
    assert PiiProtector(b"k" * 32).ssn_hash("123 45 6789") == a


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        PiiProtector(b"short")


def test_a_key_given_as_a_function_is_read_once_when_first_needed() -> None:
    reads: list[int] = []

    def read_key() -> bytes:
        reads.append(1)
        return b"k" * 32

    pii = PiiProtector(read_key)
    assert reads == []  # constructing it reads nothing: a process that hashes nothing needs no key
    assert pii.ssn_hash("123-45-6789") == PiiProtector(b"k" * 32).ssn_hash("123-45-6789")
    assert pii.account_hash("4400123456789") is not None
    assert reads == [1]


def test_a_missing_or_short_key_read_on_first_use_fails_that_use() -> None:
    def missing() -> bytes:
        raise ValueError("PIPELINE_PII_KEY must be set when running with external services")

    with pytest.raises(ValueError, match="PIPELINE_PII_KEY"):
        PiiProtector(missing).ssn_hash("123-45-6789")
    with pytest.raises(ValueError, match="16 bytes"):
        PiiProtector(lambda: b"short").ssn_hash("123-45-6789")


def test_account_hash_only_for_full_numbers() -> None:
    pii = PiiProtector(b"k" * 32)
    assert pii.account_hash("4400123456789") is not None
    assert pii.account_hash("****6789") is None
    assert pii.account_hash("XXXXXX6789") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 123-45-6789.", "SSN ***-**-6789."),
        ("ssn:123456789", "ssn:***-**-6789"),
        # In a repr the SSN follows a letter ("\n" is two characters): still masked.
        (r"withheld\n944-47-7441", r"withheld\n***-**-7441"),
        ("Account 4400 1234 5678 9012", "Account ************9012"),
        ("period 2024-01-01 to 2024-01-31", "period 2024-01-01 to 2024-01-31"),
        ("Gross 126,917.91 EIN 71-1056623", "Gross 126,917.91 EIN 71-1056623"),
        # Ids and timings in log lines stay readable; a number next to them is still masked.
        (
            "Task pipeline.ocr_page[bc5427f2-6254-4577-b1c1-8f4fb1615bc1] succeeded in "
            "0.0123456789s",
            "Task pipeline.ocr_page[bc5427f2-6254-4577-b1c1-8f4fb1615bc1] succeeded in "
            "0.0123456789s",
        ),
        (
            "document 12345678-1234-1234-1234-123456789012 ssn 123456789",
            "document 12345678-1234-1234-1234-123456789012 ssn ***-**-6789",
        ),
        ("acct.123456789012", "acct.********9012"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_mask_account_keeps_last_four() -> None:
    assert mask_account("4400123456789") == "*********6789"
    assert mask_account("****6789") == "****6789"
