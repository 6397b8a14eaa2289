"""Bank statements: institution, holder(s), every account printed (number and type), period,
balances.

Statements carry accounts only; deposits (payroll included) are not income records.

An account is any number printed as one: next to an account label ("Account Number",
"Account ending in", "Member Number"), in a summary table's "Account number" column, or masked
("XXXXXXXX1234", "****1234", "...1234"). Numbers on transaction lines (transfers, payments,
checks) are other people's or other accounts' and never count. Each account's type comes from
what is printed with it: the product name on its row ("Way2Save Savings"), the section heading
above it ("Everyday Checking"), an "Account Type" field, the statement's title; ``other`` when
the statement never says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipeline.domain.extracted import ExtractedAccount, ExtractionResult
from pipeline.domain.model import Address, DocType
from pipeline.extraction.common import (
    BorrowerSet,
    address_blocks,
    evidence,
    split_joint_names,
    street_names,
    text_after,
    token_confidence,
)
from pipeline.extraction.engine import (
    Field,
    Relation,
    ValueType,
    candidates,
    column_header,
    find,
    page_text_with_spans,
)
from pipeline.extraction.layout import Box, Layout, Line, Token, normalize, union_all
from pipeline.extraction.values import clean_org, find_dates, parse_money

STATEMENT_START_LABELS = ("statement period", "beginning balance", "opening balance")
ACCOUNT_LABELS = (
    "account number",
    "account no",
    "acct number",
    "acct no",
    "acct #",
    "member number",
    "account #",
    "account ending in",
    "acct ending in",
    "account ending",
    "acct ending",
    "ending in",
    "primary account",
    "bank account id",
    "card number",
    "card ending in",
    "loan number",
    "loan account number",
    "loan no",
    "loan #",
    "account",
)
TYPE_LABELS = ("account type", "product", "account name", "type of account")
PERIOD_LABELS = ("statement period", "statement dates", "period", "for the period")
BEGIN_LABELS = (
    "beginning balance", "opening balance", "previous balance", "starting balance",
    "balance last statement", "balance brought forward", "previous statement balance",
)  # fmt: skip
END_LABELS = (
    "ending balance", "closing balance", "new balance", "balance this statement",
    "present balance",
)  # fmt: skip
HOLDER_LABELS = ("primary account holder", "account holder", "account owner", "primary owner")
JOINT_LABELS = ("joint owner", "joint account holder", "co-owner", "secondary owner")
_INSTITUTION_RE = re.compile(
    r"\b(bank|credit union|savings|federal|trust|financial|bancorp|n\.a\.)", re.IGNORECASE
)
_ACCOUNT_RE = re.compile(r"^(?=.*\d{4})[\dXx*•#\-\s]{4,24}$")

# What OCR makes of the asterisks of a masked number ("™**9736", "“**8361", "°**9736"):
# any other mark beside the asterisks is one more of them.
_OCR_MASK = re.compile(r"[^\w\s*•#\-]")


# Letters OCR reads for a digit they look like (not G or b: a 6 as often as anything else)
_DIGIT_LOOKALIKES = str.maketrans("BODQoIlSZ", "800001152")


def parse_account_number(text: str) -> str | None:
    """Full or masked account number as printed: ``XXXXXXXX7908``, ``****2457``, ``...2457``,
    ``1234-567-89``."""
    raw = text.strip().strip(":#")
    # specks OCR read after the last digit ("45907-021-8846°\"")
    raw = re.sub(r"(?<=\d)[\u00b0\"'`\u2018\u2019\u201c\u201d.,;:]+$", "", raw)
    # a speck OCR read as a quote after a group of the mask ("XXXX XXXX' XXXX 8937")
    raw = re.sub(r"(?<=[Xx*\u2022])['\u2018\u2019\"`]", "", raw)
    raw = re.sub(r"^(?:\.{2,}|…)(?=\d{4}$)", "***", raw)
    if "*" in raw:
        raw = _OCR_MASK.sub("*", raw)
    # one digit of the last four behind a mask OCR read as the letter it looks like ("****B024")
    last = re.fullmatch(r"(.*[Xx*\u2022#]{2}[\s\-]*)(\S{4})", raw)
    if last and sum(c.isdigit() for c in last.group(2)) == 3:
        fixed = last.group(2).translate(_DIGIT_LOOKALIKES)
        if fixed.isdigit():
            raw = last.group(1) + fixed
    if not _ACCOUNT_RE.match(raw) or len(re.sub(r"\D", "", raw)) < 4:
        return None
    # a date ("08/01/2024", "2024-08-01", "08-01-2024") is not an account, nor is a range
    if re.search(r"\d{1,2}/\d{1,2}|\b\d{4}-\d{1,2}-\d{1,2}\b", raw) or re.fullmatch(
        r"\d{1,2}-\d{1,2}-\d{2,4}", raw.strip()
    ):
        return None
    # unmasked, four digits are a year, a check or a box number
    if not re.search(r"[Xx*•#]", raw) and len(re.sub(r"\D", "", raw)) < 5:
        return None
    # a phone number with its area code in brackets is not an account ("(503) 555-0111")
    if re.fullmatch(r"\(\d{3}\)\s?\d{3}[\s\-.]\d{4}", raw):
        return None
    return raw


def _masked(text: str) -> bool:
    return bool(re.search(r"[Xx*•#]{2,}[\s\-]*\d{4}$|^\*+\d{4}$", text))


def parse_labelled_account_number(text: str) -> str | None:
    """An account number printed after its label: there, "#4799" or "+9992" is a last four
    behind a mask OCR read as one mark (elsewhere it is a store's or a check's number)."""
    # (a "+" or "*" OCR made of the mask's asterisks: "+9992")
    if re.fullmatch(r"[#+*\u2022]\d{4}", text.strip()):
        return "***" + text.strip()[1:]
    # a brokerage's account number opens with letters ("Z17-203121")
    if re.fullmatch(r"[A-Z]{1,3}\d{0,3}-?\d{5,12}", text.strip().strip(":#")):
        return text.strip().strip(":#")
    return parse_account_number(text)


ACCOUNT = ValueType("account_number", parse_labelled_account_number)
ACCOUNT_NUMBER = Field(
    "account_number",
    labels=ACCOUNT_LABELS,
    value=ACCOUNT,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("routing", "transfer", "from account", "to account", "linked", "payment"),
    exact_labels=("account",),
    max_right=0.5,
)

# product words -> account type, most specific first
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    # (OCR may set a speck between the words: "Premier Money. Market")
    (r"money\W{0,3}market|\bmma\b|money\W{0,3}mkt", "money_market"),
    (r"credit\s*card|\bvisa\b|mastercard|card\s*account|\bamex\b", "credit_card"),
    # (a scan may run the kind of loan into the word: "AUTOLOAN")
    (r"\b(?:auto|car|home|student|personal)?loan\b|mortgage|line\s*of\s*credit|\bheloc\b", "loan"),
    # (a credit union's "Primary Share" is its savings; a share draft is its checking)
    (r"savings|\bsav\b|share\s*account|way2save|\bshares?\b(?!\s*(?:draft|cert))", "savings"),
    (r"checking|chequing|share\s*draft|\bdraft\b|\bdda\b|demand\s*deposit", "checking"),
    (r"certificate|\bcd\b|time\s*deposit|brokerage|investment|ira\b", "other"),
)
ACCOUNT_TYPES = ("checking", "savings", "money_market", "credit_card", "loan", "other")


def account_type_of(text: str) -> str | None:
    """The account type a product name or heading states, or None when it states none."""
    t = " ".join(text.lower().split())
    for pattern, kind in _TYPE_WORDS:
        if re.search(pattern, t):
            return kind
    return None


def _header_org(layout: Layout, words: re.Pattern[str], *, transactions: bool) -> str | None:
    """The first phrase of a page's first lines that names an institution by ``words``
    (not a statement's title; with ``transactions`` false, not on a transaction's line)."""
    for line in layout.lines[:4]:
        if not transactions and _transaction_line(line.text):
            continue
        for phrase in line.phrases:
            text = " ".join(t.text for t in phrase).split("·")[0].split("—")[0]
            text = text.strip("*_ ")
            if words.search(text) and not re.search(r"statement", text, re.I):
                return clean_org(text)
    return None


def statement_bank(layout: Layout) -> str | None:
    """The institution a page's first lines name by a bank's word ("Piedmont Community Bank",
    "Sandhill Financial"), if any: not a product ("Way2Save Savings"), nor a transaction
    ("06/10 | Online Transfer - Savings")."""
    return _header_org(layout, _BANK_WORD, transactions=False)


_BANK_WORD = re.compile(
    r"\b(bank|credit union|federal|trust|financial|bancorp|n\.a\.|savings\s+(?:&|and)\s+loan)",
    re.IGNORECASE,
)


def _institution(layout: Layout) -> str | None:
    named = _header_org(layout, _INSTITUTION_RE, transactions=True)
    if named is not None:
        return named
    first = layout.lines[0].phrases[0] if layout.lines else None
    return clean_org(" ".join(t.text for t in first).strip("*_ ")) if first else None


# A transaction line: a date first, or words that name a movement of money to or from
# another account. Numbers on such a line are never the statement's own account.
_TRANSACTION_WORDS = re.compile(
    r"\b(transfer|xfer|trnsfr|tfr|payment|pmt|withdrawal|deposit\s+(?:to|from)|"
    r"zelle|ach|wire|check\s*#|linked|overdraft\s+protection|routing|aba)\b",
    re.IGNORECASE,
)
_LEADING_DATE = re.compile(r"^\W*\d{1,2}[/\-.]\d{1,2}(?:[/\-.]\d{2,4})?\b")


def _transaction_line(text: str) -> bool:
    return bool(_LEADING_DATE.match(text) or _TRANSACTION_WORDS.search(text))


@dataclass
class _Mention:
    number: str
    box: Box
    layout: Layout
    account_type: str | None
    label: str
    score: float


def _label_type(label: str) -> str | None:
    """The type a number's own label states: a card number is a credit card's (a debit
    card's number is not an account), a loan number a loan's."""
    t = label.lower()
    if "card" in t and "debit" not in t:
        return "credit_card"
    if "loan" in t:
        return "loan"
    return None


def _row_type(layout: Layout, box: Box) -> str | None:
    """The type a product name printed on the number's row says ("Way2Save Savings  7
    1111111111")."""
    for line in layout.lines:
        if min(line.box.bottom, box.bottom) - max(line.box.top, box.top) < 0.4 * box.height:
            continue
        left = " ".join(t.text for t in line.tokens if t.box.right <= box.left + 1e-6)
        right = " ".join(t.text for t in line.tokens if t.box.left >= box.right - 1e-6)
        found = account_type_of(left) or account_type_of(right)
        if found:
            return found
    return None


_AMOUNT = re.compile(r"\d\.\d\d\b")


def _heading_type(
    layout: Layout, box: Box, max_up: float = 0.35, institution: str | None = None
) -> str | None:
    """The type of the nearest heading above the number that names one ("Everyday Checking",
    "Savings Account Summary"); transaction lines, long sentences and the bank's own name
    ("Cascade Savings Bank", which a scan may print over two lines) are not headings."""
    own_name = normalize(institution or "")
    for line in reversed(layout.lines):
        # (on a page of two columns, the words of the number's own column, which may sit
        # higher than the rest of their line)
        own = _column_tokens(line, box)
        bottom = max((t.box.bottom for t in own), default=line.box.bottom)
        if bottom > box.top + 0.3 * box.height:
            continue
        if box.top - line.box.bottom > max_up:
            break
        text = " ".join(t.text for t in own) or line.text
        if _transaction_line(text) or len(text.split()) > 9:
            continue
        # a table's row of figures ("Auto Loan 82582222 9,949.00 775.00") heads nothing below
        if _AMOUNT.search(text):
            continue
        if any(_names_the_bank(" ".join(t.text for t in p), own_name) for p in line.phrases):
            continue
        found = account_type_of(text)
        if found:
            return found
    return None


def _column_tokens(line: Line, box: Box) -> list[Token]:
    """The words of a line in the column ``box`` stands in, where the line runs across
    columns ("Way2Grow Savings  Showing posted transactions 10/16/2024 - 11/15/2024" over an
    account list's "...8298"): its phrases over the box; none when no phrase is."""
    return [
        t
        for p in line.phrases
        if min(p[-1].box.right, box.right) - max(p[0].box.left, box.left) > 0
        for t in p
    ]


def _column_text(line: Line, box: Box) -> str:
    return " ".join(t.text for t in _column_tokens(line, box))


_PHONE = re.compile(r"(?:1-)?\d{3}-\d{3}-\d{4}")
_PHONE_CUE = re.compile(
    r"\b(?:questions|call|phone|tel|telephone|fax|toll[\s\-]?free|customer\s+service)\b",
    re.IGNORECASE,
)


def _mentions(layout: Layout) -> list[_Mention]:
    out: list[_Mention] = []
    institution = _institution(layout)

    def add(tok: Token, label: str, score: float) -> None:
        parse = parse_labelled_account_number if label else parse_account_number
        number = parse(tok.text)
        if number is None or any(_same_place(m.box, tok.box) for m in out):
            return
        line = next(
            (ln for ln in layout.lines if tok in ln.tokens or _same_place(ln.box, tok.box)),
            None,
        )
        if line is not None and _transaction_line(line.text) and not label:
            return
        # a number grouped as a phone number's on a line that offers one ("Questions?
        # 877-662-7447"), whatever label stands above it
        if line is not None and _PHONE.fullmatch(number) and _PHONE_CUE.search(line.text):
            return
        kind = (
            _label_type(label)
            or _row_type(layout, tok.box)
            or _heading_type(layout, tok.box, institution=institution)
        )
        out.append(_Mention(number, tok.box, layout, kind, label, score))

    # labelled: "Account Number: 1234567890", "Account ending in 1234"
    for c in candidates([layout], ACCOUNT_NUMBER):
        if _transaction_line(c.line_text) and not c.line_text.lower().lstrip("*-• ").startswith(
            ("account", "acct", "member")
        ):
            continue
        # "Loan #" labels a loan's number; "Loan" alone ends a name ("Savings & Loan")
        if c.label.strip().lower() == "loan" and not re.search(r"\bloan\s*#", c.line_text, re.I):
            continue
        add(Token(c.text, c.box, 1.0), c.label, c.score)
    # a summary table's "Account number" column: every row is an account
    for tok, _box in layout.candidates(parse_account_number):
        if _on_transaction_line(layout, tok):
            continue
        header = column_header(layout, tok.box)
        if header is not None and label_hits_text(header[0]):
            add(Token(tok.text, tok.box, 1.0), header[0], 0.9)
        # ... or a credit union's "ID" column, beside the product its row names ("Share
        # Savings  7300268  $773.00")
        elif (
            header is not None
            and _ID_HEADER.fullmatch(header[0].strip())
            and _row_names_product(layout, tok.box)
        ):
            add(Token(tok.text, tok.box, 1.0), header[0], 0.85)
    # masked numbers printed anywhere else, off transaction lines
    for tok, _box in layout.candidates(parse_account_number):
        if _masked(parse_account_number(tok.text) or ""):
            add(Token(tok.text, tok.box, 1.0), "", 0.7)
    # "ending in 1234" in running text
    text, spans = page_text_with_spans(layout)
    # (what ends in them says which account: "Card ending in 4120" is a card's)
    for m in re.finditer(
        r"\b(?:(card|loan)\s+(?:number\s+)?)?ending(?:\s+in)?\s*[:#]?\s*(\d{4})\b",
        text,
        re.IGNORECASE,
    ):
        toks = [t for s, e, t in spans if s < m.end(2) and e > m.start(2)]
        # (not a transaction's other account: "09/25 ONLINE PAYMENT FROM ACCT ENDING 5347")
        line_start = text.rfind("\n", 0, m.start()) + 1
        row = text[line_start : m.start()]
        if _LEADING_DATE.match(row) or re.search(r"\b(?:from|to)\s+(?:acct|account)\b", row, re.I):
            continue
        if toks:
            box = union_all(t.box for t in toks)
            label = f"{m.group(1)} ending in" if m.group(1) else "ending in"
            add(Token("****" + m.group(2), box, 1.0), label, 0.9)
    return out


_ID_HEADER = re.compile(r"(?:share\s+|acct\.?\s+)?(?:id|no\.?|number|#)", re.IGNORECASE)


def _row_names_product(layout: Layout, box: Box) -> bool:
    """The row's words left of the number name an account's type ("Share Savings")."""
    for line in layout.lines:
        if min(line.box.bottom, box.bottom) - max(line.box.top, box.top) < 0.4 * box.height:
            continue
        left = " ".join(t.text for t in line.tokens if t.box.right <= box.left + 1e-6)
        if left and account_type_of(left) is not None:
            return True
    return False


def _on_transaction_line(layout: Layout, tok: Token) -> bool:
    line = next((ln for ln in layout.lines if tok.box.top >= ln.box.top - 1e-6
                 and tok.box.bottom <= ln.box.bottom + 1e-6 and any(
                     _same_place(t.box, tok.box) for t in ln.tokens)), None)  # fmt: skip
    return line is not None and _transaction_line(line.text)


def label_hits_text(text: str) -> bool:
    """Whether a column header names account numbers ("Account number", "Acct #")."""
    t = " ".join(text.lower().split())
    return bool(re.fullmatch(r"(?:account|acct)\.?\s*(?:number|no\.?|#)\W*", t))


def _same_place(a: Box, b: Box) -> bool:
    return not (a.right <= b.left or b.right <= a.left or a.bottom <= b.top or b.bottom <= a.top)


_CARD_PURCHASE = re.compile(r"\b(?:pos|card|purchase|atm)\b", re.IGNORECASE)
# ... and over a number wrapped under its line: a purchase's words, not a card account's
# product name over its number ("Cash Rewards Credit Card" / "XXXX7545")
_WRAPPED_PURCHASE = re.compile(r"\b(?:pos|purchase|atm|debit)\b|\bcard\s*#?\s*\d", re.IGNORECASE)


def _card_numbers(layouts: Sequence[Layout]) -> set[str]:
    """The last fours of numbers printed on purchase lines: after the purchase's words on a
    line with its amount, or alone on the line under them (a wrapped description). A number
    set apart on such a line, with no purchase words before it (an account list's "...9286"
    beside the transactions), is not one."""
    out: set[str] = set()
    for lay in layouts:
        for i, line in enumerate(lay.lines):
            wrapped = (
                len(line.tokens) == 1
                and i > 0
                and _WRAPPED_PURCHASE.search(_column_text(lay.lines[i - 1], line.box)) is not None
                and _AMOUNT.search(lay.lines[i - 1].text) is not None
            )
            priced = _AMOUNT.search(line.text) is not None
            for k, tok in enumerate(line.tokens):
                number = re.sub(r"\D", "", parse_account_number(tok.text) or "")
                if not number:
                    continue
                before = " ".join(t.text for t in line.tokens[:k])
                if wrapped or (priced and _CARD_PURCHASE.search(before)):
                    out.add(number[-4:])
    return out


def _accounts(layouts: Sequence[Layout]) -> list[_Mention]:
    """One entry per account: mentions of the same last four and type are the same account
    (a summary row and its section), a mention of unknown type joins a typed one."""
    # a masked number of a card's purchases ("POS DEBIT ... XXXXXXXXXXXX5924"), set apart
    # where the description wrapped, is the card's, not an account: not without a label
    on_transactions = _card_numbers(layouts)
    mentions = [
        m
        for lay in layouts
        for m in _mentions(lay)
        if m.label or re.sub(r"\D", "", m.number)[-4:] not in on_transactions
    ]
    accounts: list[_Mention] = []
    # the first place an account is printed stands for it (the statement's header or summary)
    for m in sorted(mentions, key=lambda m: (m.layout.page_number, m.box.top, -m.score)):
        last4 = re.sub(r"\D", "", m.number)[-4:]
        same = [a for a in accounts if re.sub(r"\D", "", a.number)[-4:] == last4]
        if any(
            a.account_type == m.account_type or m.account_type is None or a.account_type is None
            for a in same
        ):
            for a in same:
                if a.account_type is None and m.account_type is not None:
                    a.account_type = m.account_type
            continue
        # the same number read once as savings and once as money market: a money market
        # savings account whose name a scan split over two lines ("Money Market" / "Savings")
        twin = next(
            (
                a
                for a in same
                if re.sub(r"\D", "", a.number) == re.sub(r"\D", "", m.number)
                and {a.account_type, m.account_type} == {"savings", "money_market"}
            ),
            None,
        )
        if twin is not None:
            twin.account_type = "money_market"
            continue
        # the same number printed the same way again (its mask too) is the same account,
        # whatever type the words around the second printing suggest: the first says
        printed = re.sub(r"\s", "", m.number).upper()
        if any(re.sub(r"\s", "", a.number).upper() == printed and len(printed) >= 8 for a in same):
            continue
        accounts.append(m)
    accounts.sort(key=lambda m: (m.layout.page_number, m.box.top))
    # a credit union's member number is the account where it is the only number printed; a
    # statement that lists its accounts' own numbers prints it as the member's ID
    members = [a for a in accounts if "member" in a.label.lower()]
    if members and len(members) < len(accounts):
        accounts = [a for a in accounts if a not in members]
    return _one_reading_each(accounts)


def _one_reading_each(accounts: list[_Mention]) -> list[_Mention]:
    """On a scan, two numbers alike but for one digit ("478712-015-5914" in the summary,
    "...-5911" in the account's section) are one account read twice: the clearly more
    confident reading stands for it; where neither is, the account is not exported, since
    either last four could be the misread one."""
    out = list(accounts)
    for a in accounts:
        for b in accounts:
            if a is b or a not in out or b not in out or not (a.layout.ocr or b.layout.ocr):
                continue
            da, db = re.sub(r"\D", "", a.number), re.sub(r"\D", "", b.number)
            if (
                len(da) != len(db)
                or len(da) < 6
                or sum(x != y for x, y in zip(da, db, strict=True)) != 1
            ):
                continue
            if a.account_type and b.account_type and a.account_type != b.account_type:
                continue
            ca, cb = _reading_confidence(a), _reading_confidence(b)
            if abs(ca - cb) < 0.1:
                out.remove(a)
                out.remove(b)
            else:
                out.remove(b if ca > cb else a)
    return out


def _reading_confidence(mention: _Mention) -> float:
    """OCR's confidence in the words a number was read from (1.0 on a text layer)."""
    found = [
        t.confidence
        for line in mention.layout.lines
        if _same_place(line.box, mention.box)
        for t in line.tokens
        if _same_place(t.box, mention.box)
    ]
    return min(found, default=1.0)


def _document_type(layouts: Sequence[Layout]) -> str | None:
    """An "Account Type: Checking" field, else the statement's title."""
    for lay in layouts:
        found = text_after(lay, *TYPE_LABELS)
        if found is not None and (kind := account_type_of(found.text)):
            return kind
    if not layouts:
        return None
    own_name = normalize(_institution(layouts[0]) or "")
    title = " ".join(
        text
        for line in layouts[0].lines[:3]
        for phrase in line.phrases
        if not _names_the_bank(text := " ".join(t.text for t in phrase), own_name)
    )
    return account_type_of(title) or _headings_type(layouts, own_name)


def _headings_type(layouts: Sequence[Layout], own_name: str) -> str | None:
    """The one account type the statement's short headings name ("CHECKING SUMMARY",
    "Premier Checking"), when they name one and no other; the bank's name, transaction lines
    and sentences do not count."""
    kinds: set[str] = set()
    for lay in layouts:
        for line in lay.lines:
            if _transaction_line(line.text):
                continue
            for phrase in line.phrases:
                text = " ".join(t.text for t in phrase)
                if len(phrase) > 4 or re.search(r"\d", text) or _names_the_bank(text, own_name):
                    continue
                if kind := account_type_of(text):
                    kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else None


def _names_the_bank(text: str, own_name: str) -> bool:
    """Whether ``text`` is the bank's own name or its start ("Cascade Savings" of Cascade
    Savings Bank), whose words say nothing of an account's type (a heading "SAVINGS" under
    Lighthouse Savings Bank's letterhead does)."""
    norm = normalize(text)
    return bool(own_name) and len(norm) >= 6 and own_name.startswith(norm)


def _holders(layout: Layout) -> tuple[list[tuple[str, Box | None]], Address | None]:
    labelled: list[tuple[str, Box | None]] = []
    for labels in (HOLDER_LABELS, JOINT_LABELS):
        found = text_after(layout, *labels)
        if found is None:
            continue
        for name in split_joint_names(found.text.strip("*_ ")):
            if all(name != h for h, _b in labelled):
                labelled.append((name, found.box))
    holders: list[tuple[str, Box | None]] = []
    address: Address | None = None
    blocks: list[tuple[list[tuple[str, Box]], Address | None]] = list(address_blocks(layout))
    if not any(names for names, _addr in blocks):
        # the city line unreadable (a scan): names right over a street line still say who
        blocks = [(names, None) for names in street_names(layout)]
    for names, addr in blocks:
        persons = [(n, b) for n, b in names if not _INSTITUTION_RE.search(n)]
        if not persons:
            continue
        if labelled and not any(n == h for n, _b in persons for h, _hb in labelled):
            continue
        holders = list(persons)
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
    return holders, address


def extract_bank_statement(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.BANK_STATEMENT.value, extractor="bank_statement", extractor_version=""
    )
    people = BorrowerSet()
    layout = layouts[0]
    institution = _institution(layout)
    if institution:
        result.fields["institution"] = institution

    holders: list[tuple[str, Box | None]] = []
    address: Address | None = None
    for lay in layouts[:2]:
        holders, address = _holders(lay)
        if holders:
            break
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

    for lay in layouts:
        period = text_after(lay, *PERIOD_LABELS)
        dates = find_dates(period.text) if period else []
        if len(dates) >= 2:
            result.fields["statement_period"] = f"{dates[0].isoformat()}/{dates[1].isoformat()}"
            break
    _check_balances(result, layouts)
    accounts = _accounts(layouts)
    document_type = _document_type(layouts)
    for i, acct in enumerate(accounts):
        # an "Account Type" field or the title speaks for a statement of one account
        kind = acct.account_type or (document_type if len(accounts) == 1 else None) or "other"
        if i == 0:
            result.fields["account_type"] = kind
        aconf = token_confidence(acct.layout, None, min(1.0, acct.score))
        label = acct.label or "account"
        result.accounts.append(
            ExtractedAccount(
                borrower_key=keys[0] if keys else None,
                joint_borrower_keys=tuple(k for k in keys[1:] if k != keys[0]),
                number=acct.number,
                account_type=kind,
                institution=institution,
                evidence=evidence(
                    acct.layout,
                    f"Statement: {label}",
                    f"{label} {acct.number}",
                    acct.box,
                    aconf,
                ),
                confidence=aconf,
            )
        )
    result.borrowers = people.borrowers
    return result


CREDIT_LABELS = (
    "total deposits", "deposits and other additions", "deposits and other credits",
    "deposits/additions", "deposits/credits", "deposits", "additions", "credits",
)  # fmt: skip
DEBIT_LABELS = (
    "total withdrawals", "withdrawals and other subtractions", "withdrawals and other debits",
    "withdrawals/subtractions", "withdrawals/debits", "withdrawals", "subtractions", "debits",
)  # fmt: skip


def _balance_field(name: str, labels: tuple[str, ...]) -> Field:
    return Field(
        name,
        labels=labels,
        value=MONEY,
        relations=frozenset({Relation.RIGHT, Relation.BELOW}),
        # "Ending balance last statement" heads another column than this statement's;
        # "number of deposits" is a count
        reject=("daily", "number of")
        + (("last statement", "previous statement") if name == "ending_balance" else ()),
        max_right=0.5,
    )


MONEY = ValueType("money", parse_money)
BALANCES = (
    _balance_field("beginning_balance", BEGIN_LABELS),
    _balance_field("total_credits", CREDIT_LABELS),
    _balance_field("total_debits", DEBIT_LABELS),
    _balance_field("ending_balance", END_LABELS),
)


def _check_balances(result: ExtractionResult, layouts: Sequence[Layout]) -> None:
    """The statement's summary, guarded by its own arithmetic: beginning balance + credits -
    debits = ending balance. Figures that do not add up are not kept as read (the failed
    check is)."""
    figures: dict[str, Decimal] = {}
    for spec in BALANCES:
        found = find(layouts, spec)
        if found is not None and found.value is not None:
            figures[spec.name] = abs(Decimal(found.value))
    if len(figures) < 4:
        for name, amount in figures.items():
            if name in ("beginning_balance", "ending_balance"):
                result.fields[name] = str(amount)
        return
    begin, end = figures["beginning_balance"], figures["ending_balance"]
    credits, debits = figures["total_credits"], figures["total_debits"]
    if begin + credits - debits == end:
        result.fields.update({name: str(amount) for name, amount in figures.items()})
        result.fields["check_balances"] = "ok"
    else:
        result.fields["check_balances"] = (
            f"failed: {begin} + {credits} - {debits} = {begin + credits - debits} != {end}"
        )


__all__ = [
    "ACCOUNT_TYPES",
    "STATEMENT_START_LABELS",
    "account_type_of",
    "extract_bank_statement",
    "parse_account_number",
]
