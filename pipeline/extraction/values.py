"""Parsing printed values (amounts, SSNs, EINs, dates, names, addresses), tolerant of OCR.

Each ``parse_*`` returns ``None`` for text that is not such a value, so they double as the
predicates :meth:`Layout.rank_values` uses to find candidates near a label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from pipeline.domain.model import Address

# Letters OCR reads in place of digits, applied only inside tokens that are mostly digits.
_OCR_DIGITS = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
    }
)


def ocr_digits(text: str) -> str:
    """``"1O,4l5.OO"`` -> ``"10,415.00"`` when the token is mostly digits; otherwise unchanged."""
    core = re.sub(r"[\s$,.\-]", "", text)
    if not core:
        return text
    n_digits = sum(ch.isdigit() for ch in core)
    if n_digits >= 2 and n_digits >= 0.6 * len(core):
        return text.translate(_OCR_DIGITS)
    return text


_MONEY_RE = re.compile(
    r"^\(?-?\$?\s*-?\s*(?:\d{1,3}(?:[,.\s]\d{3})+|\d+)(?:[.,\s]\s?\d{2}|\.\d)?\)?-?$"
)


def parse_money(text: str) -> Decimal | None:
    """An amount as printed: ``$1,234.56``, ``1234.56``, ``5000``, OCR ``1.234,56``/``125 486 00``.

    Bare one- or two-digit integers are refused: on forms those are box numbers, not amounts.
    """
    raw = ocr_digits(text.strip().rstrip("_|:;").strip())
    if not raw or not _MONEY_RE.match(raw):
        return None
    negative = raw.startswith("(") or "-" in raw
    core = re.sub(r"[()$\-\s]", " ", raw).strip()
    has_dollar = "$" in raw
    # cents: last separator followed by exactly two digits at the end
    one = re.match(r"^(\d{1,3}(?:,\d{3})+|\d+)\.(\d)$", core)
    if one:
        core = f"{core}0"
    m = re.match(r"^(.*?)[.,\s]\s?(\d{2})$", core)
    if m and (m.group(1) and re.sub(r"\D", "", m.group(1))):
        whole, cents = re.sub(r"\D", "", m.group(1)), m.group(2)
        grouped = bool(re.search(r"\d[,.\s]\d{3}", m.group(1)))
        if not grouped and not re.fullmatch(r"\d+", m.group(1).strip()):
            return None
    else:
        whole, cents = re.sub(r"\D", "", core), "00"
        if not whole:
            return None
        if len(whole) < 3 and not has_dollar:
            return None
        # a bare year ("2020 Interest Income") is a title, not an amount
        if not has_dollar and re.fullmatch(r"(?:19[89]\d|20[0-4]\d)\)?", core):
            return None
        if re.search(r"[,.\s]", core) and not re.fullmatch(r"\d{1,3}(?:[,.\s]\d{3})+", core):
            return None
    try:
        value = Decimal(f"{int(whole)}.{cents}")
    except (InvalidOperation, ValueError):
        return None
    return -value if negative else value


_SSN_RE = re.compile(r"^(\d{3})[\s\-.]?(\d{2})[\s\-.]?(\d{4})$")
_MASKED_SSN_RE = re.compile(r"^(?:[X*x#•]{3}|\d{3})[\s\-.]?[X*x#•]{2}[\s\-.]?(\d{4})$")


@dataclass(frozen=True)
class Ssn:
    digits: str | None  # all nine when printed in full
    last4: str


def parse_ssn(text: str) -> Ssn | None:
    raw = text.strip().strip(":;,.")
    m = _MASKED_SSN_RE.match(raw)
    if m:
        return Ssn(None, m.group(1))
    m = _SSN_RE.match(ocr_digits(raw))
    if m:
        d = "".join(m.groups())
        # 000, 666 and 9xx area numbers are never issued; 9xx are ITINs (still a TIN)
        if d[:3] in {"000", "666"} or d[3:5] == "00" or d[5:] == "0000":
            return None
        return Ssn(d, d[5:])
    return None


def parse_ssn_loose(text: str) -> Ssn | None:
    """OCR variant: a dashed ``NN-NN-NNNN`` that lost a digit still gives the last four."""
    exact = parse_ssn(text)
    if exact:
        return exact
    m = re.match(r"^\d{2,3}-\d{1,2}-(\d{4})$", ocr_digits(text.strip()))
    return Ssn(None, m.group(1)) if m else None


_EIN_RE = re.compile(r"^(\d{2})[\s\-.]?(\d{7})$")


def parse_ein(text: str) -> str | None:
    """``12-3456789`` (the dash is what tells an EIN from other numbers)."""
    raw = ocr_digits(text.strip().strip(":;,."))
    m = re.match(r"^(\d{2})-(\d{7})$", raw) or (
        _EIN_RE.match(raw) if "-" in raw or " " in raw else None
    )
    return f"{m.group(1)}-{m.group(2)}" if m else None


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}

_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4}|\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s*(\d{4})\b"),
    re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"),
]


def find_dates(text: str) -> list[date]:
    """Every date in ``text``, in order: ``01/15/2024``, ``2024-01-15``, ``Jan 15, 2024``."""
    found: list[tuple[int, date]] = []
    for k, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            d = _to_date(k, m.groups())
            if d is not None:
                found.append((m.start(), d))
    found.sort(key=lambda x: x[0])
    return [d for _, d in found]


def _to_date(kind: int, g: Sequence[str]) -> date | None:
    try:
        if kind == 0:
            month, day, year = int(g[0]), int(g[1]), int(g[2])
            if year < 100:
                year += 2000
        elif kind == 1:
            year, month, day = int(g[0]), int(g[1]), int(g[2])
        elif kind == 2:
            month = _MONTHS.get(str(g[0]).lower(), 0)
            day, year = int(g[1]), int(g[2])
        else:
            day, month, year = int(g[0]), _MONTHS.get(str(g[1]).lower(), 0), int(g[2])
        if not 1900 <= year <= 2100:
            return None
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    dates = find_dates(ocr_digits(text) if re.search(r"\d", text) else text)
    return dates[0] if dates else None


def parse_year(text: str) -> int | None:
    m = re.search(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)", text)
    return int(m.group(1)) if m else None


# --- names and addresses --------------------------------------------------------------------

_STATES = frozenset(
    {
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    }
)
_CITY_LINE_RE = re.compile(
    r"^(?P<city>[A-Za-z][A-Za-z .'\-]*?)[,\s]+(?P<state>[A-Za-z]{2})\.?[,\s]+"
    r"(?P<zip>\d{5})(?:[\s\-]?(?P<plus4>\d{4}))?$"
)


def parse_city_line(text: str) -> tuple[str, str, str] | None:
    """``Waseca, MN 56093`` / ``West Erinfort  WY 45881-3334`` -> (city, state, zip5)."""
    raw = " ".join(text.replace("\u2019", "'").split())
    raw = re.sub(r"(?<=\s)(\S{5,10})$", lambda m: ocr_digits(m.group(1)), raw)
    m = _CITY_LINE_RE.match(raw)
    if not m:
        return None
    state = m.group("state").upper()
    if state not in _STATES:
        return None
    city = m.group("city").strip(" ,")
    if not city:
        return None
    return city, state, m.group("zip")


_STREET_RE = re.compile(r"^\s*(?:\d+[A-Za-z]?|P\.?\s?O\.?\s+Box)\b", re.IGNORECASE)


def looks_like_street(text: str) -> bool:
    return bool(_STREET_RE.match(text)) and bool(re.search(r"[A-Za-z]{2}", text))


def parse_address(lines: list[str]) -> tuple[Address, int] | None:
    """The first street + city/state/ZIP pair in ``lines``; also the street line's index."""
    for i, text in enumerate(lines):
        city = parse_city_line(text)
        if city is None:
            continue
        # the street may span two lines ("123 Main St" / "Apt 4"); take the nearest street line
        for j in range(i - 1, max(-1, i - 3), -1):
            if looks_like_street(lines[j]):
                street = " ".join(lines[j:i])
                return Address(street=_clean(street), city=city[0], state=city[1], zip=city[2]), j
        return None
    return None


def _clean(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).strip(" ,;")


_NAME_NOISE = re.compile(r"[^\w'.\- ,]|[\d_]")
_NOT_NAME_WORDS = frozenset(
    {
        "employee",
        "employer",
        "name",
        "address",
        "number",
        "social",
        "security",
        "wages",
        "statement",
        "form",
        "total",
        "payer",
        "recipient",
        "account",
        "code",
        "zip",
        "street",
        "city",
        "state",
        "tax",
        "income",
        "copy",
        "department",
        "treasury",
        "page",
        "period",
        "date",
        "pay",
        "bank",
        "balance",
        "summary",
        "the",
        "of",
        "and",
        "for",
        "with",
    }
)


def clean_name(text: str) -> str | None:
    """A person's name as printed, or None when the text is not name-like."""
    raw = _clean(text)
    raw = re.sub(r"\s*\b(?:ssn|ssn:).*$", "", raw, flags=re.IGNORECASE)
    if not raw or re.search(r"\d", raw):
        return None
    raw = _NAME_NOISE.sub("", raw).strip(" ,.-")
    words = raw.split()
    if not 2 <= len(words) <= 6:
        return None
    if any(w.lower().strip(".,") in _NOT_NAME_WORDS for w in words):
        return None
    if not all(re.match(r"^[^\W\d_][\w'.\-]*,?$", w) for w in words):
        return None
    # "HODGES, ANASTASIA" -> "ANASTASIA HODGES"
    if words[0].endswith(",") and len(words) >= 2:
        words = [*words[1:], words[0].rstrip(",")]
    return " ".join(w.rstrip(",") for w in words)


_ORG_NOISE = re.compile(r"\s{2,}")


def clean_org(text: str) -> str | None:
    """An employer/payer/bank name: keep as printed, minus stray punctuation at the ends."""
    raw = _ORG_NOISE.sub(" ", _clean(text)).strip(" :;|_")
    # a long number after the name is the next cell (an RTN, an account), not part of it
    raw = re.sub(r"(?:\s+[\d\-]{5,})+$", "", raw)
    if len(re.sub(r"[^A-Za-z]", "", raw)) < 2:
        return None
    # a label or column header read where the name should be
    if all(w.lower().strip(".:#,") in _NOT_NAME_WORDS | _HEADER_WORDS for w in raw.split()):
        return None
    return raw


_HEADER_WORDS = frozenset({"ssn", "id", "no", "position", "title", "description", "amount"})
