"""The PII helpers moved to :mod:`pipeline.pii`, which does not import the extractors (logging
loads it in every process); this name stays for code that imports it from here."""

from pipeline.pii import (
    PiiProtector,
    digits,
    last4,
    mask_account,
    mask_ssn,
    redact,
)

__all__ = ["PiiProtector", "digits", "last4", "mask_account", "mask_ssn", "redact"]
