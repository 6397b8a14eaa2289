"""Bank statements: institution, holder(s), address, account number and type, period, balances.

Statements carry accounts only; deposits (payroll included) are not income records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.domain.extracted import ExtractedAccount, ExtractionResult
from pipeline.domain.model import Address, DocType
from pipeline.extraction.common import (
    BorrowerSet,
    Found,
    address_blocks,
    evidence,
    text_after,
    token_confidence,
    value_after,
)
from pipeline.extraction.layout import Box, Layout
from pipeline.extraction.values import (
    clean_name,
    clean_org,
    find_dates,
    parse_money,
    person_name,
)

STATEMENT_START_LABELS = ("statement period", "beginning balance", "opening balance")
ACCOUNT_LABELS = (
    "account number",
    "account no",
    "acct number",
    "acct no",
    "member number",
    "account #",
    "account",
)
TYPE_LABELS = ("account type", "product", "account name")
PERIOD_LABELS = ("statement period", "statement dates", "period", "for the period")
BEGIN_LABELS = ("beginning balance", "opening balance", "previous balance", "starting balance")
END_LABELS = ("ending balance", "closing balance", "new balance")
HOLDER_LABELS = ("primary account holder", "account holder", "account owner", "primary owner")
JOINT_LABELS = ("joint owner", "joint account holder", "co-owner", "secondary owner")
_INSTITUTION_RE = re.compile(
    r"\b(bank|credit union|savings|federal|trust|financial|bancorp|n\.a\.)", re.IGNORECASE
)
_ACCOUNT_RE = re.compile(r"^(?=.*\d{4})[\dXx*•#\-\s]{4,24}$")


# What OCR makes of the asterisks of a masked number ("™**9736", "“**8361", "°**9736"):
# any other mark beside the asterisks is one more of them.
_OCR_MASK = re.compile(r"[^\dXx*•#\-\s]")


def parse_account_number(text: str) -> str | None:
    """Full or masked account number as printed: ``XXXXXXXX7908``, ``****2457``, ``1234-567-89``."""
    raw = text.strip().strip(":#")
    if "*" in raw:
        raw = _OCR_MASK.sub("*", raw)
    if not _ACCOUNT_RE.match(raw) or len(re.sub(r"\D", "", raw)) < 4:
        return None
    if re.search(r"\d{1,2}/\d{1,2}", raw):
        return None
    return raw


# Credit unions' names for the same products: a share draft account is a checking account.
_TYPE_SYNONYMS = (("share draft", "checking"), ("draft", "checking"))


def account_type_of(text: str) -> str | None:
    t = " ".join(text.lower().split())
    for kind in ("checking", "savings", "money market", "certificate", "brokerage"):
        if kind in t:
            return kind.replace(" ", "_")
    for synonym, kind in _TYPE_SYNONYMS:
        if synonym in t:
            return kind
    return None


def _institution(layout: Layout) -> str | None:
    for line in layout.lines[:4]:
        for phrase in line.phrases:
            text = " ".join(t.text for t in phrase).split("·")[0].split("—")[0]
            if _INSTITUTION_RE.search(text) and not re.search(r"statement", text, re.I):
                return clean_org(text)
    first = layout.lines[0].phrases[0] if layout.lines else None
    return clean_org(" ".join(t.text for t in first)) if first else None


def extract_bank_statement(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.BANK_STATEMENT.value, extractor="bank_statement", extractor_version=""
    )
    people = BorrowerSet()
    layout = layouts[0]
    institution = _institution(layout)
    if institution:
        result.fields["institution"] = institution

    labelled: list[tuple[str, Box | None]] = []
    for labels in (HOLDER_LABELS, JOINT_LABELS):
        found = text_after(layout, *labels)
        name = clean_name(found.text) if found else None
        if found and name and all(name != h for h, _b in labelled):
            labelled.append((name, found.box))
    holders: list[tuple[str, Box | None]] = []
    address: Address | None = None
    for names, addr in address_blocks(layout):
        clean = [(person_name(n), b) for n, b in names]
        persons = [(n, b) for n, b in clean if n and not _INSTITUTION_RE.search(n)]
        if not persons:
            continue
        if labelled and not any(n == h for n, _b in persons for h, _hb in labelled):
            continue
        holders = [(n, b) for n, b in persons]
        address = addr
        break
    # the primary holder's label decides who comes first; a joint owner label adds a name
    primary_labelled = bool(labelled) and text_after(layout, *HOLDER_LABELS) is not None
    if primary_labelled and (not holders or labelled[0][0] != holders[0][0]):
        if any(n == labelled[0][0] for n, _b in holders) and len(labelled) == 1:
            holders.sort(key=lambda h: h[0] != labelled[0][0])
        elif not any(n == labelled[0][0] for n, _b in holders):
            holders.insert(0, labelled[0])
    for n, b in labelled:
        if all(n != h for h, _b in holders):
            holders.append((n, b))
    keys: list[str] = []
    conf = token_confidence(layout, None)
    for name, box in holders:
        keys.append(
            people.add(
                name=name,
                evidence=evidence(layout, "Statement: account holder", name, box, conf),
                address=address,
                confidence=conf,
            )
        )

    account: Found | None = None
    for lay in layouts:
        account = value_after(lay, parse_account_number, *ACCOUNT_LABELS)
        if account is not None:
            break
    type_found = text_after(layout, *TYPE_LABELS)
    title = " ".join(line.text for line in layout.lines[:3])
    account_type = account_type_of(type_found.text if type_found else "") or account_type_of(title)
    if account_type:
        result.fields["account_type"] = account_type
    for lay in layouts:
        period = text_after(lay, *PERIOD_LABELS)
        dates = find_dates(period.text) if period else []
        if len(dates) >= 2:
            result.fields["statement_period"] = f"{dates[0].isoformat()}/{dates[1].isoformat()}"
            break
    for field_name, balance_labels in (
        ("beginning_balance", BEGIN_LABELS),
        ("ending_balance", END_LABELS),
    ):
        for lay in layouts:
            found = value_after(lay, parse_money, *balance_labels)
            amount = parse_money(found.text) if found else None
            if amount is not None:
                result.fields[field_name] = str(amount)
                break
    if account is not None:
        number = parse_account_number(account.text) or account.text
        label = " ".join(
            t.text
            for t in layouts[0]
            .lines[account.hit.line]
            .tokens[account.hit.first : account.hit.last + 1]
        )
        aconf = token_confidence(layout, None, account.hit.score)
        result.accounts.append(
            ExtractedAccount(
                borrower_key=keys[0] if keys else None,
                joint_borrower_keys=tuple(k for k in keys[1:] if k != keys[0]),
                number=number,
                account_type=account_type,
                institution=institution,
                evidence=evidence(
                    layout, f"Statement: {label}", f"{label} {number}", account.box, aconf
                ),
                confidence=aconf,
            )
        )
    result.borrowers = people.borrowers
    return result
