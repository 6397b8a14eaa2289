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

from pipeline.domain.model import Address, edit_distance

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
    # a box's rule OCR read as a bar or slash, glued to the figure with the next box's "$" or
    # a speck ("46,534.33|$", "164219.54/$", "1982.06].", "3,625.44},")
    text = re.sub(r"(?<=\d)[|/\]\[}][.,]?\$?$", "", text.strip())
    # ... or with the next box's print run on after the bar ("52,140.61|2Q20"): a whole
    # figure, grouped and with its cents, ends at the bar
    text = re.sub(r"^(\$?\d{1,3}(?:,\d{3})+\.\d\d)\|\S+$", r"\1", text)
    raw = ocr_digits(text.strip().rstrip("_|:;").strip())
    # quote marks and specks OCR glued to a figure ('"$349.63', '5173.08"')
    # (and a box's rule read as a bracket: "[4,890.37")
    raw = re.sub(r"^[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb~*\u00b0\[{]+(?=\$?\d)", "", raw)
    # ... and a fill-in line before it, with the dash OCR makes of its start ("—_7,278.85"),
    # where the figure after it is whole (grouped and with its cents: "_$722199.99" is a
    # figure whose comma OCR read as a 2, and stays unread)
    raw = re.sub(r"^[\u2014\u2013\-]*_+(?=\$?\d{1,3}(?:,\d{3})+\.\d\d$)", "", raw)
    raw = re.sub(r"(?<=\d)[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u00b0~*]+$", "", raw)
    # a speck OCR read as a point before a figure (".1,234.56")
    raw = re.sub(r"^\.(?=\$?\d{1,3},\d{3})", "", raw)
    # OCR's spaces inside a figure: "68, 832.27", "275 .62", "2,01 0.42"
    joined = re.sub(r"(?<=[\d,]) (?=[\d,.])", "", raw)
    if (
        joined != raw
        and re.fullmatch(r"\(?-?\$?\d{1,3}(?:,\d{3})+\.\d{2}\)?", joined)
        # not a box number (or a bar OCR read as 1) before a whole figure: "1 3,100.60"
        and not re.fullmatch(r"\d{1,2} \$?\d{1,3}(?:,\d{3})+\.\d{2}", raw)
    ):
        raw = joined
    elif re.fullmatch(r"\d{1,2} \$?\d{1,3}(?:,\d{3})+(?:\.\d{2})?", raw):
        # ... which is a box number or a bar, not the figure's first group: "1 240,410.62"
        # groups with a space and then commas, as no figure is printed
        return None
    raw = re.sub(r"(?<=\d),\s(?=\d{3}(?:\D|$))", ",", raw)
    raw = re.sub(r"(?<=\d)\s(?=\.\d\d\)?$)", "", raw)
    # "1,388.52." : a speck after the cents read as a full stop; "13199:78": the point as a colon
    raw = re.sub(r"(?<=[.,]\d\d)[.,]$", "", raw)
    # ... after a bracket that opened nowhere ("141119.82).": a box's rule and a speck)
    if not raw.startswith("("):
        raw = re.sub(r"(?<=[.,]\d\d)\)[.,]?$", "", raw)
    # ... or before the cents, beside the point ("10,750..00", "1,204.:55")
    raw = re.sub(r"(?<=\d)(?:\.[.:,]|[.:,]\.)(?=\d\d\)?$)", ".", raw)
    # "502,213." : whole dollars with a full stop, as tax software prints a return's lines
    raw = re.sub(r"^(\$?\s*\d{1,3}(?:,\d{3})+|\$?\s*\d{3,})\.$", r"\1", raw)
    raw = re.sub(r"(?<=\d{3})[:;](?=\d\d\)?$)", ".", raw)
    # "193:532.74": a thousands comma read as a colon, before three digits and the cents
    raw = re.sub(r"(?<=\d)[:;](?=\d{3}(?:,\d{3})*\.\d\d\)?$)", ",", raw)
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


# 3-2-4 with both separators or none: "04196-6636" is a ZIP+4, not "041-96-6636"
_SSN_RE = re.compile(r"^(\d{3})(?:[\s\-.](\d{2})[\s\-.]|(\d{2}))(\d{4})$")
# (OCR may double a mask letter: "xXxx-xx-6442")
_MASKED_SSN_RE = re.compile(r"^(?:[X*x#•]{3,4}|\d{3})[\s\-.]?[X*x#•]{2}[\s\-.]?(\d{4})$")


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
        d = "".join(g for g in m.groups() if g)
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
    re.compile(r"\b(\d{1,2})[\s\-]+([A-Za-z]{3,9})\.?,?[\s\-]+(\d{4})\b"),
]


def find_dates(text: str) -> list[date]:
    """Every date in ``text``, in order: ``01/15/2024``, ``2024-01-15``, ``Jan 15, 2024``."""
    found: list[tuple[int, date]] = []
    text = _month_day_apart(text)
    for k, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            d = _to_date(k, m.groups())
            if d is not None:
                found.append((m.start(), d))
    found.sort(key=lambda x: x[0])
    return [d for _, d in found]


def _month_day_apart(text: str) -> str:
    """A month name and its day set apart where OCR ran them together: a quote mark read
    between them ("Jyl"31, 2023"), a month's stop with the space after it lost ("Oct.17")."""
    text = re.sub(r"(?<=[A-Za-z])[\"'\u2018\u2019\u201c\u201d](?=\d)", " ", text)
    # ... or nothing at all between them ("Jun6, 2023")
    text = _GLUED_MONTH.sub(r"\1 ", text)
    return re.sub(r"(?<=\b[A-Z][a-z]{2})\.(?=\d)", ". ", text)


_GLUED_MONTH = re.compile(
    r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)(?=\d{1,2}\b)",
    re.IGNORECASE,
)


def _to_date(kind: int, g: Sequence[str]) -> date | None:
    try:
        if kind == 0:
            month, day, year = int(g[0]), int(g[1]), int(g[2])
            if year < 100:
                year += 2000
        elif kind == 1:
            year, month, day = int(g[0]), int(g[1]), int(g[2])
        elif kind == 2:
            month = _month(str(g[0]))
            day, year = int(g[1]), int(g[2])
        else:
            day, month, year = int(g[0]), _month(str(g[1])), int(g[2])
        if not 1900 <= year <= 2100:
            return None
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int:
    """A month's number from its name, or from a three-letter abbreviation OCR read one letter
    off ("Jyl", "gul" -> July) when only one month is that close; 0 when none."""
    key = word.lower()
    if key in _MONTHS:
        return _MONTHS[key]
    if len(key) != 3:
        return 0
    near = {
        n
        for name, n in _MONTHS.items()
        if len(name) == 3 and sum(a != b for a, b in zip(name, key, strict=True)) == 1
    }
    return near.pop() if len(near) == 1 else 0


def parse_date_value(text: str) -> date | None:
    """A text that is one date and nothing else (``Nov 16, 2024``, ``2024-11-16``), as a
    field's value; ``parse_date`` finds a date inside any text."""
    # (with a cell's rule OCR read as a bar against it: "|Jun 6, 2023")
    raw = text.strip(" .,:;()[]|")
    raw = _month_day_apart(raw) if re.search(r"[A-Za-z]{3}", raw) else ocr_digits(raw)
    for k, pattern in enumerate(_DATE_PATTERNS):
        m = pattern.fullmatch(raw)
        if m:
            return _to_date(k, m.groups())
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
    r"^(?P<city>[A-Za-z][A-Za-z .'\-]*?)[,;.\s]+(?P<state>[A-Za-z01|58]{2})[.,;:\s]+"
    r"(?P<zip>\d{5})(?:[\s\-]?(?P<plus4>\d{4}))?$"
)


def parse_city_line(text: str) -> tuple[str, str, str] | None:
    """``Waseca, MN 56093`` / ``West Erinfort  WY 45881-3334`` -> (city, state, zip5).

    OCR punctuation is tolerated: ``Arlington; VA 22201``, ``Fairview, OR.97016``, a ZIP read
    with a space inside (``4321 5``) or a letter for a digit (``5O093``).
    """
    # specks OCR read inside the line ("CHEYENNE, *WY 82020")
    raw = re.sub(r"[*\u2022\u00b7\u00b0\"\u201c\u201d\u2018\u00ab\u00bb]", " ", text)
    raw = " ".join(raw.replace("\u2019", "'").split())
    # ... and before it (". Tulsa, OK 74178")
    raw = re.sub(r"^[\s.,;:'|~_\-\u2014]+(?=[A-Za-z])", "", raw)
    # specks OCR read after the ZIP ("CHEYENNE WY 82016 ,")
    raw = re.sub(r"(?<=\d)[\s.,;:'\"|~_*\-\u2014]+$", "", raw)
    # "OR.97016", "NC'27198": a separator (or a speck) glued between state and ZIP, kept
    # apart from the ZIP's digits
    raw = re.sub(r"(?<=\b[A-Za-z]{2})[.,;:'](?=\S{5,10}$)", " ", raw)
    # (a ZIP OCR split with a space, or a speck read as a point: "4321 5", "9849. 4")
    raw = re.sub(
        r"(?<=\s)(\d{1,4})(?:[.,]\s?|\s)(\d{1,4})$",
        lambda m: m.group(1) + m.group(2) if len(m.group(1) + m.group(2)) == 5 else m.group(0),
        raw,
    )
    raw = re.sub(r"(?<=\s)(\S{5,10})$", lambda m: ocr_digits(m.group(1)), raw)
    m = _CITY_LINE_RE.match(raw)
    if not m:
        return None
    # "1A", "|A": OCR's I in a state code
    state = "".join(_DIGIT_UPPER.get(ch, ch) for ch in m.group("state")).upper()
    if state not in _STATES:
        return None
    city = m.group("city").strip(" ,;.")
    if not city:
        return None
    return city, state, m.group("zip")


# a street line may start with a speck OCR read as a mark ("- 2487 WILLOW COURT")
_STREET_RE = re.compile(
    r"^[\s\-\u2013\u2014_.,:;'\"|~]*(?:\d+[A-Za-z]?|P\.?\s?O\.?\s+Box)\b", re.IGNORECASE
)


# Marks OCR makes of dust at the start of a line ("+ 308 Chestnut Ave", "- 2487 WILLOW CT").
LEADING_SPECKS = " -\u2013\u2014_.,:;'\"|~+*\u2022\u00bb\u00ab\u201c\u201d\u2018\u2019"


def looks_like_street(text: str) -> bool:
    text = text.lstrip(LEADING_SPECKS)
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
                street = " ".join(lines[j:i]).lstrip(LEADING_SPECKS)
                return Address(street=_clean(street), city=city[0], state=city[1], zip=city[2]), j
        return None
    return None


def _clean(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).strip(" ,;")


_NAME_NOISE = re.compile(r"[^\w'.\- ,]|[\d_]")
# Labels a name is printed under or after; one letter from one is that label misread.
_ROLE_WORDS = ("employee", "employer", "borrower", "applicant", "taxpayer", "recipient")
_LABEL_WORDS = frozenset({"name", *_ROLE_WORDS})
_NOT_NAME_WORDS = frozenset(
    {
        "employee", "employer", "name", "address", "number", "social", "security", "wages",
        "ssn", "ein", "fein", "tin", "omb",
        "statement", "form", "total", "payer", "recipient", "account", "code", "zip", "street",
        "city", "state", "tax", "income", "copy", "department", "treasury", "page", "period",
        "date", "pay", "bank", "balance", "summary", "the", "of", "and", "for", "with",
        "employment", "verification", "verify", "present", "previous", "report", "request",
        "notice", "confidentiality", "confidential", "information", "letter", "status",
        "salary", "payroll", "human", "resources", "manager", "director", "office", "services",
        "applicant", "borrower", "lender", "signature", "title", "position", "subject",
        "concern", "sincerely", "regards", "dear", "sir", "madam", "whom", "earnings",
        "deductions", "gross", "net", "amount", "current", "year", "hours", "rate", "regular",
        "overtime", "bonus", "checking", "savings", "deposit", "deposits", "withdrawals",
        "transaction", "history", "details", "detail", "facsimile", "cover", "sheet", "fax",
        "phone", "email", "joint", "owner", "holder", "primary", "member", "filing", "return",
        "schedule", "attach", "spouse", "dependents", "individual", "united", "states",
        "internal", "revenue", "service", "instructions", "part", "section", "item", "box",
        "line", "see", "only", "type", "print", "please", "authorized", "official", "company",
        "employed", "since", "full-time", "active", "taxable", "federal", "medicare",
        "withheld", "direct", "advice", "check", "uniform", "residential", "loan",
        "application", "middle", "suffix", "first", "last", "initial", "borrower's",
        "mortgage", "declarations", "acknowledgments", "soc", "sec", "fed", "med", "ytd",
    }
)  # fmt: skip


# Words of organisations' names: a line holding one is an employer or a payer, not a person.
ORG_WORDS = frozenset(
    {
        "inc", "llc", "corp", "corporation", "company", "co", "ltd", "lp", "llp", "pllc", "plc",
        "incorporated", "partners", "partnership", "group", "holdings", "associates", "agency",
        "bancorp", "service", "services", "systems", "solutions", "technologies", "technology",
        "logistics",
        "manufacturing", "insurance", "university", "college", "hospital", "schools", "school",
        "district", "unified", "credit", "union", "trust", "funds", "fund", "mutual", "center",
        "centre",
        "medical", "clinic", "health", "healthcare", "dental", "veterinary", "pharmacy",
        "software", "analytics", "engineering", "construction", "foods", "food", "freight",
        "hospitality", "outfitters", "robotics", "staffing", "consulting", "industries",
        "enterprises", "international", "global", "network", "networks", "labs", "laboratories",
        "media", "motors", "automotive", "restaurant", "restaurants", "cafe", "bistro", "store",
        "stores", "market", "markets", "retail", "supply", "supplies", "builders", "realty",
        "properties", "property", "management", "capital", "financial", "investments",
        "investment", "securities", "brokerage", "bank", "county", "city", "state", "department",
        "government", "authority", "transit", "airlines", "energy", "electric", "utilities",
        "telecom", "communications", "architects", "design", "studio", "studios", "academy",
        "institute", "foundation", "church", "ministries", "home", "homes", "care", "transport",
        "trucking", "farms", "farm", "ranch", "bakery", "brewing", "tooling", "precision",
        "firm", "office", "offices", "works", "shop", "llc.", "inc.",
        # payers of 1099-G, -R and SSA-1099s: agencies, plans and insurers
        "commission", "division", "administration", "workforce", "unemployment", "labor",
        "retirement", "pension", "annuity", "plans", "treasury", "revenue", "wealth",
        "advisors", "advisers",
        # trades a small employer is named after
        "auto", "parts", "plumbing", "heating", "cooling", "roofing", "landscaping",
        "contractors", "electrical", "hardware", "lumber", "printing", "publishing", "express",
        "shipping", "diner", "fitness", "wellness", "therapy", "rehabilitation", "nursing",
        "mortgage", "lending", "payments",
        # ... and what a manufacturer, a distributor or a local business makes or is
        "plastics", "metals", "steel", "fabrication", "machining", "machine", "tools", "foundry",
        "mills", "textiles", "chemicals", "packaging", "paper", "glass", "electronics",
        "devices", "instruments", "components", "equipment", "products", "distributors",
        "distribution", "wholesale", "imports", "marine", "aviation", "aerospace",
        "pharmaceuticals", "biotech", "rentals", "cleaners", "salon", "grill", "kitchen",
        "catering", "tavern", "hotel", "motel", "resort", "theater", "theatre",
    }
)  # fmt: skip
# Digits OCR reads in place of letters, by the case of the letters around them.
_DIGIT_UPPER = {"0": "O", "1": "I", "5": "S", "8": "B", "|": "I", "\u00a7": "S"}
_DIGIT_LOWER = {"0": "o", "1": "l", "5": "s", "|": "l", "\u00a7": "s"}
# Short words that really start with a lower-case "l" and a consonant.
_L_WORDS = frozenset({"ltd", "lb", "lbs"})


def ocr_letters(word: str) -> str:
    """Undo OCR's letter/digit confusions in a word of a name: ``lronbridge`` -> ``Ironbridge``,
    ``0MAR`` -> ``OMAR``, ``Wi11iams`` -> ``Williams``, ``WlLLIAMS`` -> ``WILLIAMS``,
    ``Kestre]`` -> ``Kestrel``.

    Only words that are mostly letters change; numbers ("1784", "Studio 54") are left alone.
    """
    # a bracket after lower-case letters is the l OCR gave a foot ("Kestre]", "Mi]ler")
    word = re.sub(r"(?<=[a-z]{2})\](?=[a-z]*[^\w]*$)", "l", word)
    letters = sum(ch.isalpha() for ch in word)
    odd = sum(ch in _DIGIT_UPPER for ch in word)
    if letters < 2 or (odd and odd * 2 > letters):
        return word
    alpha = [ch for ch in word if ch.isalpha()]
    upper = sum(ch.isupper() for ch in alpha) > len(alpha) / 2
    chars = list(word)
    for i, ch in enumerate(chars):
        if ch not in _DIGIT_UPPER:
            continue
        prev = next((c for c in reversed(chars[:i]) if c.isalpha()), "")
        nxt = next((c for c in chars[i + 1 :] if c.isalpha()), "")
        lower_around = (prev or nxt).islower() and not upper
        if i > 0 and lower_around and ch in _DIGIT_LOWER:
            chars[i] = _DIGIT_LOWER[ch]
        elif i == 0 or not lower_around:
            chars[i] = _DIGIT_UPPER[ch]
    fixed = "".join(chars)
    if upper:
        # "WlLLIAMS": a lower-case l among capitals is a capital I
        fixed = fixed.replace("l", "I")
    elif (
        len(fixed) >= 3
        and fixed[0] == "l"
        and fixed[1] in "bcdfghjkmnpqrstvwxz"
        and fixed.lower().strip(".,") not in _L_WORDS
    ):
        # "lronbridge", "lvy": no English word starts like that; a capital I does
        fixed = "I" + fixed[1:]
    return fixed


# Lower-case words that belong inside names ("Ludwig van Beethoven", "Maria de la Cruz").
_NAME_PARTICLES = frozenset(
    {"de", "del", "della", "da", "di", "do", "dos", "das", "van", "von", "der", "den", "la",
     "le", "du", "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "st"}
)  # fmt: skip


def _join_split_capital(text: str) -> str:
    """A word's capital OCR split off ("J uniper Hill", "Mary M ccoy"): a lone capital followed
    by a lower-case word is one word, unless the lower-case word is a particle or a connector
    ("Maria A de la Cruz", "A and B Plumbing")."""
    return re.sub(
        r"\b([A-Z]) ([a-z]{2,})\b",
        lambda m: (
            m.group(0)
            if m.group(2) in _NAME_PARTICLES or m.group(2) in _CONNECTORS
            else m.group(1) + m.group(2)
        ),
        text,
    )


# Titles and abbreviations that end with a point before a name's next word
_TITLES = frozenset({"mrs", "miss", "rev", "hon", "sgt", "capt", "prof", "messrs"})
_CONNECTORS = frozenset({"and", "of", "the", "for", "in", "on", "at", "by", "to", "or", "an"})


def _letter_twice(m: re.Match[str]) -> str:
    if m.group(3) == m.group(2).upper():
        return m.group(1) + m.group(2)
    return m.group(0)


def clean_name(text: str) -> str | None:
    """A person's name as printed, or None when the text is not name-like."""
    raw = _clean(text)
    raw = re.sub(r"\s*\b(?:ssn|ssn:).*$", "", raw, flags=re.IGNORECASE)
    # a rule and a speck before a name ("|-ADAEZE"): no name starts "I-"
    raw = re.sub(r"(?:^|(?<=\s))[^\w\s]*\|-(?=[A-Z])", "", raw)
    # a bar before a capital starts the word: a box's rule ("|HOLLIS") or an I ("|BARRA");
    # nothing on the page tells which, so the name is not read
    if re.search(r"(?:^|\s)\W*\|[A-Z]", raw):
        return None
    raw = " ".join(ocr_letters(w) for w in raw.split())
    # the comma of "LAST, FIRST" read as a semicolon ("Hargreaves; Chloé"); no name has one
    raw = re.sub(r"(?<=[^\W\d_]);(?=\s)", ",", raw)
    # a speck read as a quote before a middle initial ("CORNELIUS 'H MONTGOMERY")
    raw = re.sub(r"(?<=[^\W\d_]{2} )['\u2018\u2019`](?=[A-Z]\.? [^\W\d_])", "", raw)
    # ... or glued between a given name and its initial ("KIM, PATRICK'K")
    raw = re.sub(r"(?<=[^\W\d_]{3})['\u2018\u2019`](?=[A-Z](?:\s|$))", " ", raw)
    # ... or as a full stop before an initial ("ABERNATHY, NADIA .P")
    raw = re.sub(r"(?<=[^\W\d_]{2} )\.(?=[A-Z]\.?(?:\s|$))", "", raw)
    # ... or set apart from the surname ("YARBOROUGH , FRANCESCA J")
    raw = re.sub(r"(?<=[^\W\d_]{2}) ,(?=\s+[^\W\d_])", ",", raw)
    # an apostrophe OCR read as a double quote ('O"DONNELL')
    raw = re.sub(r"(?<=[^\W\d_])[\"\u201c\u201d](?=[^\W\d_])", "'", raw)
    # a capital H OCR read as "It" in a name printed in capitals ("MARY-KATE It DELGADO")
    raw = re.sub(r"(?<=[A-Z]{2} )It(?= [A-Z]{2})", "H", raw)
    # a lone O (or Ó) OCR read as a zero between the words of a name ("PRUDENCE G 0 BRIAIN"),
    # or Ó as a six, its accent the six's stem ("RENEE 6 BRIAIN")
    raw = re.sub(r"(?<=[A-Za-z] )[06](?= [A-Za-z])", "O", raw)
    # ... and a middle initial S read as a section sign ("CHLOE § PEMBERTON")
    raw = re.sub(r"(?<=[A-Za-z] )\u00a7(?= [A-Za-z])", "S", raw)
    # ... and a speck read as a dash before it ("HOLLIS -F NUNEZ")
    raw = re.sub(r"(?<=[^\W\d_] )[-\u2013\u2014](?=[A-Z]\s)", "", raw)
    # an initial OCR read twice over ("DMITRI Cc", "Andrés Vv")
    raw = re.sub(
        r"\b([A-Z])([a-z])\b",
        lambda m: m.group(1) if m.group(2) == m.group(1).lower() else m.group(0),
        raw,
    )
    # a capital OCR read twice, small then capital, at a word's start ("Bell-wWhitaker")
    raw = re.sub(
        r"(?:(?<=-)|\b)([a-z])(?=([A-Z]))",
        lambda m: "" if m.group(2) == m.group(1).upper() else m.group(0),
        raw,
    )
    # ... or inside a word printed in small letters ("DolezZal" for Dolezal)
    raw = re.sub(r"(?<=[A-Z][a-z])([a-z]*?)([a-z])([A-Z])(?=[a-z])", _letter_twice, raw)
    # an O OCR gave a tail ("Qkafor", "JQNES"): no name has a Q before a consonant other
    # than the v of "Lindqvist"
    raw = re.sub(r"Q(?=[b-df-hj-np-tx-zB-DF-HJ-NP-TX-Z'\u2019])", "O", raw)
    raw = _join_split_capital(raw)
    # a middle initial whose capital looks like its small letter, read small ("HOLLIS v VASQUEZ")
    raw = re.sub(
        r"(\b[A-Z][^\W\d_]+ )([cosvwxz])(?= [A-Z])", lambda m: m.group(1) + m.group(2).upper(), raw
    )
    # an initial OCR glued to the surname by its point ("Léa D.Ramanathan")
    raw = re.sub(r"(?<=\s)([A-Z])\.(?=[A-Z][a-z])", r"\1. ", raw)
    # an initial OCR set against the given name ("LorenzoP D'Amico")
    raw = re.sub(r"\b([A-Z][a-z]{2,})([A-Z])\b", r"\1 \2", raw)
    if not raw or re.search(r"\d", raw):
        return None
    raw = _NAME_NOISE.sub("", raw).strip(" ,.-")
    words = raw.split()
    # dust OCR read after a name ("FONSECA os", "Szymanski ."): one or two lower-case letters
    words = without_trailing_specks(words)
    # ... or before it ("oes Thaddeus O Briain"): a small word that is no particle of a name,
    # before at least two capitalised words
    while (
        len(words) > 2
        and re.fullmatch(r"[a-z]{1,3}", words[0])
        and words[0] not in _NAME_PARTICLES | _ORG_SMALL_WORDS
        and all(w[0].isupper() for w in words[1:3])
    ):
        words.pop(0)
    # ... or a capital after a full name that already has its initial ("Ignacio S Szymanski P")
    if (
        len(words) >= 4
        and re.fullmatch(r"[A-Z]", words[-1])
        and any(re.fullmatch(r"[A-Z]\.?", w) for w in words[1:-2])
    ):
        words.pop()
    # a label left before the name, its colon read as a quote ("Name' Beatriz Lacroix")
    if (
        len(words) > 2
        and re.fullmatch(r"[A-Za-z]+[:;'\u2019\"]", words[0])
        and words[0][:-1].lower() in _LABEL_WORDS
    ):
        words.pop(0)
    if not 2 <= len(words) <= 6:
        return None
    # a given name and an initial ("ADAEZE N"): the surname was lost, this is half a name
    if len(words) == 2 and len(words[1].rstrip(".")) == 1 and not words[0].endswith(","):
        return None
    if any(w.lower().strip(".,:;'\u2019\"") in _NOT_NAME_WORDS | ORG_WORDS for w in words):
        return None
    # ... nor a business word OCR glued to the next with a point ("ARCHITECTS.LTD")
    if any(
        part in ORG_WORDS or part in _SUFFIXES
        for w in words
        if "." in w.strip(".")
        for part in w.lower().strip(".,").split(".")
        if len(part) >= 2
    ):
        return None
    # a role label OCR misread ("Etployee Pereival Pacheco"): the line is a label's, not a name
    if any(edit_distance(w.lower().strip(".,:"), role) == 1 for w in words for role in _ROLE_WORDS):
        return None
    if not all(re.match(r"^[^\W\d_][\w'.\-]*,?$", w) for w in words):
        return None
    # names are capitalised: "complete item" or "in item" is running text, not a person
    if not all(w[0].isupper() or w.lower().strip(".,") in _NAME_PARTICLES for w in words):
        return None
    # a city and its state ("Livonia, MI") names no one
    if _city_state(" ".join(words)):
        return None
    # "HODGES, ANASTASIA" -> "ANASTASIA HODGES"; "Ó BRIAIN, ZOË" -> "ZOË Ó BRIAIN"
    # the surname's comma read as a full stop ("OKONKWO. AGNES"): no given name ends on one
    if (
        len(words) >= 2
        and words[0].endswith(".")
        and len(words[0].rstrip(".")) >= 3
        and words[0].rstrip(".").isalpha()
        and words[0].lower().rstrip(".") not in _TITLES
    ):
        # ... but a speck after a given name before its initial ("Reginald. M Galloway") is
        # no comma: the name is in its order
        initial = len(words[1].rstrip(".")) == 1
        words[0] = words[0].rstrip(".") + ("" if initial else ",")
    # (not a speck read as a comma after an initial, "Prudence T, Pacheco": no surname ends on
    # an initial)
    comma = next(
        (i for i, w in enumerate(words[:-1]) if w.endswith(",") and len(w.rstrip(",.")) > 1),
        None,
    )
    if comma is not None and comma < 3:
        words = [*words[comma + 1 :], *words[: comma + 1]]
        words = [w.rstrip(",") for w in words]
    # "LINDGREN ANNE-MARIE M": a middle initial last means the surname came first (the comma
    # of "LAST, FIRST M" lost or never printed)
    elif len(words) == 3 and len(words[2].rstrip(".")) == 1 and len(words[1]) > 1:
        words = [words[1], words[2], words[0]]
    return " ".join(w.rstrip(",") for w in words)


_SPECK_WORD = re.compile(r"[^A-Za-z]*(?:[a-z]{1,2}[^A-Za-z]*)?")


def without_trailing_specks(words: list[str]) -> list[str]:
    """``words`` of a name line without what OCR made of dust after them: marks, digits, one or
    two lower-case letters ("FRANCESCA K VASQUEZ: °°. a"); two words always stay."""
    words = list(words)
    while len(words) > 2 and _SPECK_WORD.fullmatch(words[-1]):
        words.pop()
    return words


def leading_name(words: Sequence[str]) -> str | None:
    """The person's name a run of words starts with (a name sharing its line with an SSN or
    a badge number): the first four, three or two words that read as one (five where a
    surname's particles lengthen it: "FAROUK F. DE LA CRUZ")."""
    longest = 5 if any(w.lower().strip(".") in _NAME_PARTICLES for w in words[1:4]) else 4
    return next(
        (
            n
            for k in range(longest, 1, -1)
            if k <= len(words) and (n := clean_name(" ".join(words[:k])))
        ),
        None,
    )


def person_name(text: str) -> str | None:
    """:func:`clean_name` for text printed where a name belongs (under a name label, above a
    street): there a single word like ``Mei-Harrington`` or ``MEI.HARRINGTON`` is a name whose
    space OCR read as a mark."""
    # (a name ending in a legal form is a business's: "Summit Trace Millwork L.P."; "Co",
    # "Na" and "Pa" are surnames too unless printed with their points)
    words = text.split()
    if len(words) >= 2 and (
        re.sub(r"[^A-Za-z]", "", words[-1]).lower() in _PERSONLESS_FORMS
        or re.fullmatch(r"(?:Co|CO|P\.C|N\.A)\.", words[-1])
    ):
        return None
    name = clean_name(text)
    if name is None and len(words) == 1:
        name = clean_name(re.sub(r"(?<=[^\W\d_]{2})[-.](?=[^\W\d_]{2})", " ", text))
    return name


_ORG_NOISE = re.compile(r"\s{2,}")


def clean_org(text: str) -> str | None:
    """An employer/payer/bank name: keep as printed, minus stray punctuation at the ends."""
    if text.strip().endswith(":"):
        return None  # a label ("EIN:"), not a name
    if re.match(r"\W*(?:f?ein|tin|ssn|id|employer id)\s*(?:no\.?|number|#)?\s*:", text, re.I):
        return None  # an ID's label and what OCR made of its digits ("EIN: Seteene")
    raw = _ORG_NOISE.sub(" ", _clean(text)).strip(" :;|_")
    # a long number after the name is the next cell (an RTN, an account), not part of it
    raw = re.sub(r"(?:\s+[\d\-]{5,})+$", "", raw)
    # so is an amount printed in the box beside it ("Mueller Technology  2,600", or before:
    # "3616.54 Copperleaf Insurance Agency Corp.")
    raw = re.sub(r"^\$?(?:\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d+\.\d\d)\s+(?=[A-Za-z])", "", raw)
    raw = re.sub(r"(?:\s+\$?(?:\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d+\.\d\d))+$", "", raw)
    raw = _join_split_capital(" ".join(ocr_letters(w) for w in raw.split()))
    # and after it ("Sable Creek Analytics al", "SUMMIT RIDGE LOGISTICS “Te")
    words = raw.split()
    while len(words) > 2 and re.fullmatch(
        r"[^A-Za-z]*(?:[a-z]{1,2}[^A-Za-z]*)?|[^\w&()]+[A-Za-z]{1,2}[^A-Za-z]*", words[-1]
    ):
        words.pop()
    raw = " ".join(words)
    # an ID before it is the cell beside ("61-9844468 See", an EIN and the next box's words)
    raw = re.sub(r"^(?:[\d\-]{7,}\s+)+", "", raw)
    # specks OCR reads before a name ("- COPPERLEAF ...", "» ACME", a rule and a speck:
    # "I'COUNTY OF TULSA")
    raw = re.sub(r"^[\s\-\u2013\u2014_.,:;'\"|~»«*•]+", "", raw)
    raw = re.sub(r"^[Il|][\u2018\u2019'\"]+(?=[A-Z])", "", raw)
    # ... and inside it: a small lower-case word no name has between two capitalised ones
    # ("Oakhurst Securities oye LLC")
    words = raw.split()
    raw = " ".join(
        w
        for i, w in enumerate(words)
        if not (
            0 < i < len(words) - 1
            and re.fullmatch(r"[a-z]{1,3}", w)
            and w not in _ORG_SMALL_WORDS | _NAME_PARTICLES
            and words[i - 1][:1].isupper()
            and words[i + 1][:1].isupper()
        )
    )
    raw = _legal_suffix(raw)
    # a legal form alone ("LLC" OCR set on a line of its own) names nobody
    if re.sub(r"[^A-Za-z]", "", raw).lower() in _SUFFIXES:
        return None
    # ("a a", "oh os", "Oo": specks, not a name): a word of three letters, or an acronym;
    # a state's code before an ID ("WI 711-96-148]", a W-2's box 15) is no acronym
    if not any(
        len(re.sub(r"[^A-Za-z]", "", w)) >= 3
        or (re.fullmatch(r"[A-Z&]{2,}\.?", w) and w.rstrip(".") not in _STATES)
        for w in raw.split()
    ):
        return None
    # a city and state whose ZIP OCR lost ("Pensacola FL", "Duluth, MN'"): an address line
    if _city_state(raw):
        return None
    # a label or column header read where the name should be
    # (with the quote OCR made of a speck after it: 'Employee"')
    if all(_form_word(w.lower().strip(".:#,()\"'\u2018\u2019\u201c\u201d")) for w in raw.split()):
        return None
    # names are capitalised but for their small words: "one sacha, wadeate" is OCR's reading
    # of a label it could not make out, or running text
    lower = [w for w in raw.split() if w[0].islower() and w.strip(".,") not in _ORG_SMALL_WORDS]
    if len(lower) >= 2 or not any(ch.isupper() for ch in raw):
        return None
    # a form's title ("Consolidated Form 1099 - Interest Income") names no payer
    # (its "Form" maybe misread: "Fort 1005-style")
    if re.search(r"\bf\w{2,3}\s*(?:w-?2|109\d|1040|100[35])\b", raw, re.IGNORECASE):
        return None
    # a trade word alone ("UNION.", "Software") is what is left of a name OCR lost, and a
    # state's code alone ("WA.", box 15 of a W-2) is no one's name
    if len(raw.split()) == 1 and (
        raw.lower().strip(".,") in ORG_WORDS or raw.strip(".,").upper() in _STATES
    ):
        return None
    return raw


_ORG_SMALL_WORDS = frozenset(
    {
        "of",
        "and",
        "the",
        "for",
        "at",
        "on",
        "in",
        "by",
        "de",
        "la",
        "del",
        "du",
        "van",
        "von",
        "da",
        "y",
        "und",
        "et",
    }
)


_HEADER_WORDS = frozenset({"ssn", "id", "no", "position", "title", "description", "amount"})

# State codes that are also words or suffixes after a name ("Acme CO", "Smith PA", "Lee MD")
_WORDLIKE_STATES = frozenset({"CO", "PA", "MD", "DE", "IN", "ME", "OR", "OK", "HI", "ID", "LA"})


def _city_state(text: str) -> bool:
    m = re.fullmatch(r"([A-Za-z][A-Za-z .'\-]*?)(,)?\s+([A-Za-z]{2})\W*", text.strip())
    if not m or m.group(3).upper() not in _STATES:
        return False
    words = [w.lower().strip(".'") for w in m.group(1).split()]
    # "Bank of NY", "Acme Group TX": an organisation's name ending in a state
    if len(words) > 3 or any(w in _CONNECTORS or w in ORG_WORDS for w in words):
        return False
    return bool(m.group(2)) or m.group(3).upper() not in _WORDLIKE_STATES


# Words printed in tax forms' box labels ("city or town, state or province, country, ZIP or
# foreign postal code, and telephone no.", "For calendar year", "OMB No."): a payer's box
# read where the payer's name should be.
_FORM_LABEL_WORDS = frozenset(
    {"calendar", "omb", "telephone", "foreign", "postal", "province", "country", "town", "or",
     "no", "tin", "ein", "identification", "federal", "rtn", "optional", "corrected", "void",
     "interest", "nonemployee", "compensation", "dividends", "miscellaneous", "rents",
     "royalties", "copy", "recipient's", "payer's", "employer's", "employee's", "control",
     "ii", "iii", "iv", "lender", "lender's", "emp", "empl", "base"}
)  # fmt: skip
_FORM_WORDS = _NOT_NAME_WORDS | _HEADER_WORDS | _FORM_LABEL_WORDS
_LONG_FORM_WORDS = tuple(w for w in _FORM_LABEL_WORDS if len(w) >= 6)


def _form_word(word: str) -> bool:
    """A form's own word, or a form label's word OCR read a letter off ("felephone")."""
    # a box letter or a dash ("d Control", "Part I - Request") stands beside form words
    if word in _FORM_WORDS or len(word) <= 1:
        return True
    return len(word) >= 6 and any(_one_letter_apart(word, w) for w in _LONG_FORM_WORDS)


# Legal suffixes as written, by their letters: an OCR'd one a letter off ("LLG", "L.L.Cc.")
# is put right, and what OCR made of specks after it ("INC OnE ORS") is dropped.
_SUFFIXES = {
    "llc": ("LLC", "L.L.C."), "inc": ("Inc.", "Inc", "INC"), "corp": ("Corp.", "Corp", "CORP"),
    "ltd": ("Ltd.", "Ltd", "LTD"), "llp": ("LLP",), "co": ("Co.", "Co", "CO"),
    "incorporated": ("Incorporated", "INCORPORATED"),
    # other suffixes as they are: a PLC is not a misread LLC
    "plc": ("PLC",), "pllc": ("PLLC",), "lp": ("LP",), "pc": ("PC",), "pa": ("PA",),
    "na": ("N.A.",), "lllp": ("LLLP",),
}  # fmt: skip


# Legal forms no person's name ends with
_PERSONLESS_FORMS = frozenset(
    {"llc", "inc", "corp", "ltd", "llp", "incorporated", "plc", "pllc", "lp", "lllp"}
)


def _legal_suffix(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return name
    for i in range(len(words) - 1, 0, -1):
        letters = re.sub(r"[^A-Za-z]", "", words[i]).lower()
        exact = letters in _SUFFIXES
        near = (
            not exact
            and len(letters) >= 3
            # ("LLC" only: "Inn" or "Lid" are words, not a misread "Inc" or "Ltd")
            and ("llc" if _one_letter_apart(letters, "llc") else None)
        )
        if not (exact or near):
            continue
        tail = words[i + 1 :]
        # only short, lower-case or mixed specks may follow a suffix ("OnE ORS")
        if any(len(w) > 3 and w[:1].isupper() and w[1:].islower() for w in tail):
            return name
        key = letters if exact else near
        assert isinstance(key, str)
        if exact:
            fixed = words[i]
        else:
            dotted = "." in words[i]
            fixed = _SUFFIXES[key][1 if dotted and len(_SUFFIXES[key]) > 1 else 0]
            if words[i].isupper() and not dotted:
                fixed = fixed.upper()
        return " ".join([*words[:i], fixed])
    return name


def _one_letter_apart(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter wrong, one extra or one missing."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
