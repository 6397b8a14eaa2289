"""Pay stubs: employee, employer, pay period, pay date, frequency, gross (current and YTD), net.

Amounts are read from the "Gross Pay" row; which of its numbers is current and which YTD comes
from the column headers above ("Current", "This Period", "YTD", "Year To Date") by horizontal
position, or by order when no header is printed. The frequency is printed or inferred from the
length of the pay period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod
from pipeline.extraction.common import (
    BorrowerSet,
    Found,
    address_blocks,
    address_stacks,
    evidence,
    parse_inline_address,
    text_after,
    token_confidence,
)
from pipeline.extraction.engine import (
    Candidate,
    Field,
    Relation,
    ValueType,
    candidates,
    choose,
    column_header,
    find,
    label_hits,
    matches,
    row_values,
)
from pipeline.extraction.layout import Box, Hit, Layout, Token, normalize
from pipeline.extraction.values import (
    ORG_WORDS,
    clean_name,
    clean_org,
    find_dates,
    leading_name,
    looks_like_street,
    parse_date_value,
    parse_money,
    parse_ssn,
    person_name,
)

PAYSTUB_START_LABELS = ("pay date", "check date", "pay period", "period ending", "gross pay")
GROSS_LABELS = (
    "total gross pay",
    "gross pay",
    "gross earnings",
    "total gross",
    "gross wages",
    "total earnings",
    "gross income",
    "gross",
)
NET_LABELS = ("net pay", "net amount", "take home pay", "net check")
CURRENT_HEADERS = ("current", "this period", "this pay", "amount", "period amount")
# what says "current" outright ("Amount" alone heads either column: "YTD Amount")
CURRENT_ONLY = ("current", "this period", "this pay", "period amount", "pay period")
YTD_HEADERS = ("year to date", "year-to-date", "ytd", "total to date", "to date")

MONEY = ValueType("money", parse_money)
# A figure labelled gross on a stub: the current one sits in a "Current"/"This Period" column
# (or row, in summary grids), the year-to-date one under "YTD"/"Year to Date".
GROSS_CURRENT = Field(
    "gross_current",
    labels=GROSS_LABELS,
    value=MONEY,
    columns=CURRENT_HEADERS,
    not_columns=YTD_HEADERS,
    reject=("ytd", "year to date", "taxable", "net"),
    exact_labels=("gross",),
)
GROSS_YTD = Field(
    "gross_ytd",
    labels=GROSS_LABELS,
    value=MONEY,
    relations=frozenset({Relation.CELL}),
    columns=YTD_HEADERS,
    not_columns=CURRENT_ONLY,
    reject=("taxable", "net"),
    exact_labels=("gross",),
)
# "Gross Pay YTD: 12,345.67" printed as its own label
GROSS_YTD_LABELLED = Field(
    "gross_ytd",
    labels=("ytd gross pay", "ytd gross", "gross pay ytd", "gross ytd", "year to date gross",
            "gross year to date", "ytd earnings", "total ytd earnings"),
    value=MONEY,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("net", "taxable"),
)  # fmt: skip
NET_CURRENT = Field(
    "net_current",
    labels=NET_LABELS,
    value=MONEY,
    columns=CURRENT_HEADERS,
    not_columns=YTD_HEADERS,
    reject=("ytd", "year to date"),
)
PAY_DATE_LABELS = ("pay date", "check date", "payment date", "date paid", "advice date", "pay day")
PERIOD_LABELS = ("pay period", "period")
DATE = ValueType("date", parse_date_value)
# ("Start Date"/"End Date" on a stub bound the pay period; a hire date printed that way is
# refused by the period's length check)
PERIOD_START_LABELS = (
    "pay period start date", "period start date", "pay period begin date", "period begin date",
    "pay period beginning", "pay period begin", "pay period start", "period beginning",
    "period begin", "period start", "period from", "period starting", "start date",
)  # fmt: skip
PERIOD_END_LABELS = (
    "pay period end date", "period end date",
    "pay period ending", "pay period end", "period ending", "period end", "period to",
    "period ended", "week ending", "period thru", "end date",
)  # fmt: skip
FREQUENCY_LABELS = ("pay frequency", "pay schedule", "frequency", "pay cycle")
EMPLOYEE_LABELS = (
    "employee name", "name of employee", "pay to the order of", "pay to", "payee",
    "employee", "associate name", "associate", "team member", "name",
)  # fmt: skip
EMPLOYER_LABELS = ("employer name", "employer", "company name", "company", "paid by")

PAY_DATE = Field(
    "pay_date",
    labels=PAY_DATE_LABELS,
    value=DATE,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
    reject=("next",),
)
PERIOD_START = Field(
    "pay_period_start",
    labels=PERIOD_START_LABELS,
    value=DATE,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
)
PERIOD_END = Field(
    "pay_period_end",
    labels=PERIOD_END_LABELS,
    value=DATE,
    relations=frozenset({Relation.RIGHT, Relation.BELOW}),
)

_FREQUENCIES = (
    (
        re.compile(r"semi[\s\-]?monthly|twice\s+(?:a\s+|per\s+)?month", re.I),
        IncomePeriod.SEMIMONTHLY,
    ),
    (re.compile(r"bi[\s\-]?weekly|every (?:two|2) weeks|fortnightly", re.I), IncomePeriod.BIWEEKLY),
    (re.compile(r"weekly", re.I), IncomePeriod.WEEKLY),
    (re.compile(r"monthly", re.I), IncomePeriod.MONTHLY),
)


def frequency_from_text(text: str) -> IncomePeriod | None:
    for pattern, period in _FREQUENCIES:
        if pattern.search(text):
            return period
    return None


def frequency_from_days(start: date, end: date) -> IncomePeriod | None:
    """Inclusive period length: ~7 weekly, ~14 biweekly, ~15 semimonthly, ~30 monthly.

    A period from the 1st to the 15th or from the 16th to the month's end is semimonthly
    whatever its length (February's second half is 13 or 14 days, like a biweekly period).
    """
    days = (end - start).days + 1
    month_end = (end + timedelta(days=1)).day == 1
    if start.month == end.month and (
        (start.day == 1 and end.day == 15) or (start.day == 16 and month_end)
    ):
        return IncomePeriod.SEMIMONTHLY
    if 5 <= days <= 8:
        return IncomePeriod.WEEKLY
    if 12 <= days <= 14:
        return IncomePeriod.BIWEEKLY
    if 15 <= days <= 16:
        return IncomePeriod.SEMIMONTHLY
    if 27 <= days <= 31:
        return IncomePeriod.MONTHLY
    return None


# "Acme Corp · Arlington, VA": the dot OCR reads as "-", "•" or "|" between spaces
_HEADING_SEPARATOR = re.compile(r"\s*·\s*|\s+[-\u2013\u2014•|]\s+")


_TITLE_WORDS = ("paystub", "earnings", "statement", "payroll", "paydate", "period")

# The labels a stub's header cells print ("Employer  Check Date", "Name  SSN  Period  Pay Date
# Emp #"): a text that starts with one is the next cell's label, not a value.
_STUB_LABELS = tuple(
    normalize(label)
    for label in (
        *PAY_DATE_LABELS, *PERIOD_LABELS, *PERIOD_START_LABELS, *PERIOD_END_LABELS,
        *FREQUENCY_LABELS, *EMPLOYEE_LABELS, *EMPLOYER_LABELS, "pay freq", "pay group",
        "ssn", "social security", "soc sec", "emp #", "emp no", "statement #", "statement no",
        "home address", "address", "client id", "tax id", "check no", "check number",
        "voucher", "advice", "dept", "department", "badge", "mailing address", "mail to",
    )
)  # fmt: skip


def _leads_with_label(text: str) -> bool:
    """Whether a text is (or starts with) another field's label: "Check Date", "Pay Date:
    March 31, 2023", "2 SOCIAL SECURITY NO" (a header cell's item number before it)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"^\s*\d{1,2}\s+(?=[A-Za-z])", "", text.lower()))
    return any("".join(words[:k]) in _STUB_LABELS for k in range(1, min(len(words), 5) + 1))


def _is_label_only(text: str) -> bool:
    """Whether a text is nothing but a label ("Pay To", "Home Address", "Employee No."):
    a field's name with no value."""
    flat = normalize(text)
    return bool(flat) and any(
        flat == label or (flat.startswith(label) and flat[len(label) :] in ("no", "number"))
        for label in _STUB_LABELS
    )


def _cell_text(layout: Layout, hit: Hit) -> tuple[str, Box] | None:
    """The value of a label: the text after it on its line, or, when what follows is the next
    cell's label (a header row: "Employer  Check Date" over "Acme Inc.  03/04/22"), the cell
    under the label in its column."""
    right = layout.text_right_of(hit)
    if (
        right is not None
        and re.search(r"[A-Za-z0-9]", right[0])
        and not _leads_with_label(right[0])
    ):
        return right
    below = layout.block_below(hit, max_lines=1, max_gap=0.03)
    if below and not _leads_with_label(below[0][0]):
        return below[0]
    return None


def _org_line(text: str) -> str | None:
    """An organisation's name printed on its own: not a person, a street, a title or a date.
    A colon OCR read into or after the name ("HALCYON HEALTH: PARTNERS LTD.", "... Incorporated:
    .5843 Primrose Ave") is a speck; after a label's words ("Paid By:") it makes a field."""
    if ":" in text:
        head, _, rest = text.partition(":")
        rest = rest.strip(" .,;")
        if _LABEL_WORDS.search(head) or ":" in rest:
            return None
        # "Soc Sec #: xxx-xx-6199": a figure or a masked number after the colon is a field's
        if re.search(r"\d", rest) and not looks_like_street(rest):
            return None
        text = head if not rest or looks_like_street(rest) else f"{head} {rest}"
    if looks_like_street(text) or find_dates(text) or person_name(text) is not None:
        return None
    if _is_label_only(text):
        return None  # "Pay To", "Home Address" over the employee's block
    if any(w in normalize(text) for w in _TITLE_WORDS):
        return None
    return clean_org(text)


# Words of a label before a colon ("Employer Name:", "Paid By:", "Pay Date:").
_LABEL_WORDS = re.compile(
    r"\b(?:name|employer|company|paid|by|from|to|date|period|pay|no|number|id|ssn|address|"
    r"phone|fax|employee|rate|type|code|status|soc|sec|security|file|job|title|position|"
    r"unit|dept|department|badge)\b",
    re.IGNORECASE,
)


# "Employer 401K Match", "Employer Paid Benefits", "Company Contributions": the word says who
# pays a line of the stub; it labels no company name
_EMPLOYER_PAYS = re.compile(
    r"^\W*(?:\d{3}\s*\(?[bk]\)?|paid|pays|match\w*|contrib\w*|tax(?:es)?|share|portion|"
    r"benefits?|health|medical|dental|vision|hsa|fica|medicare|social|cost|funded|deposit)\b",
    re.IGNORECASE,
)


def _names_the_employer(found: Found) -> bool:
    """A company label's text, not a line of the stub it heads: no amounts in it, and not
    what the employer pays."""
    text = found.text
    return not (_EMPLOYER_PAYS.match(text) or any(parse_money(t) is not None for t in text.split()))


def _org_likeness(name: str) -> int:
    """2 for a name with a business word or a legal form ("Harvest Moon Bakery LLC"), 1 for
    several words, 0 for one word (a code, or a name cut short)."""
    words = [w.lower().strip(".,&") for w in name.split()]
    if any(w in ORG_WORDS for w in words):
        return 2
    return 1 if len(words) > 1 else 0


def _employer(layout: Layout) -> str | None:
    for hit in layout.find(*EMPLOYER_LABELS):
        cell = _cell_text(layout, hit)
        if cell is None or not _names_the_employer(Found(cell[0], cell[1], hit)):
            continue
        if len(cell[0].split()) > 8:
            continue  # a sentence ("... is the co-employer of record for ..."), not a name
        label_text = normalize(layout.lines[hit.line].text)
        # OCR may read "Employee Name" close enough to "Employer Name": insist on the real word
        # ("Company Code" is a payroll code, not the company's name); a label word inside a
        # name ("Anchorpoint Employer Solutions") leaves no name after it: the next one counts
        if not any(w in label_text for w in ("employer", "company", "paidby")) or (
            "companycode" in label_text
        ):
            continue
        name = clean_org(cell[0].split("·")[0])
        if name:
            return name
    # the company's own address block: an organisation's name over a street and city (the
    # line that says it is a business before a bare code printed above it, "LTM" under "CO.")
    for stack in address_stacks(layout):
        names = [
            name
            for text, box in stack.names
            if not _labelled_value(layout, box) and (name := _org_line(text)) is not None
        ]
        if names:
            return max(names, key=_org_likeness)
    # otherwise the company heads the stub: the first phrases on the page
    for line in layout.lines[:4]:
        for phrase in line.phrases[:2]:
            text = _HEADING_SEPARATOR.split(" ".join(t.text for t in phrase))[0]
            # "Pinecrest Dental Group Riverton, WY" when OCR lost the separator before the
            # city ("Orthopedic Associates of Livonia, MI" names its town: "of" says so)
            stripped = re.sub(r"\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)*[,;.]\s*[A-Z]{2}\.?$", "", text)
            if not re.search(r"\b(?:of|at|in|for|the|and|&)$", stripped, re.IGNORECASE):
                text = stripped
            if (name := _org_line(text)) is not None:
                return name
    return None


def _labelled_value(layout: Layout, box: Box) -> bool:
    """Whether a text is a field's value: the words just left of it on its line end with a
    label's colon ("Job:  LPN", "Department:  3690 ICU"), so it names no letterhead."""
    for line in layout.lines:
        if line.box.top < box.bottom and line.box.bottom > box.top:
            before = [t for t in line.tokens if t.box.right <= box.left + 1e-6]
            if before and before[-1].text.endswith(":"):
                return True
    return False


def extract_paystub(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.PAYSTUB.value, extractor="paystub", extractor_version=""
    )
    people = BorrowerSet()
    layout = layouts[0]
    employer = _employer(layout)
    pay_date: date | None = None
    start: date | None = None
    end: date | None = None
    for spec in (PAY_DATE, PERIOD_START, PERIOD_END):
        found_date = find(layouts, spec)
        value = found_date.value if found_date is not None else None
        if spec is PAY_DATE:
            pay_date = value
        elif spec is PERIOD_START:
            start = value
        else:
            end = value
    if start is not None and end is not None and not 0 <= (end - start).days <= 35:
        start = end = None  # not one pay period: one of the two is another date
    for lay in layouts:
        if start is None or end is None:
            for hit in lay.find(*PERIOD_LABELS):
                right = _cell_text(lay, hit)
                dates = find_dates(right[0]) if right else []
                if len(dates) >= 2:
                    start, end = start or dates[0], end or dates[1]
                    break
    frequency: IncomePeriod | None = None
    freq_found = text_after(layout, *FREQUENCY_LABELS)
    if freq_found is not None:
        frequency = frequency_from_text(freq_found.text)
    by_days = frequency_from_days(start, end) if start is not None and end is not None else None
    if frequency is None:
        frequency = by_days
    elif by_days is not None and by_days is not frequency:
        # the printed frequency and the period's length disagree: one of them is misread,
        # and only the YTD arithmetic can say which
        result.fields["check_frequency"] = f"failed: printed {frequency}, period {by_days}"
        printed, frequency = frequency, None
        if pay_date is not None:
            implied = _frequency_from_ytd(layouts, pay_date)
            frequency = implied if implied in (printed, by_days) else None
    if frequency is None and (end or pay_date) is not None:
        numbered = _frequency_from_period_number(layouts, end or pay_date)
        implied = _frequency_from_ytd(layouts, pay_date) if pay_date is not None else None
        if numbered is not None and implied in (None, numbered):
            frequency = numbered
            result.fields["pay_frequency_basis"] = "pay period number at the period's end"
    if frequency is None and pay_date is not None:
        frequency = _frequency_from_ytd(layouts, pay_date)
        if frequency is not None:
            result.fields["pay_frequency_basis"] = "ytd / current at the pay date"
    if frequency is not None:
        result.fields["pay_frequency"] = frequency.value
    if pay_date is not None:
        result.fields["pay_date"] = pay_date.isoformat()
    if start is not None:
        result.fields["pay_period_start"] = start.isoformat()
    if end is not None:
        result.fields["pay_period_end"] = end.isoformat()
    if employer:
        result.fields["employer"] = employer
    year = pay_date.year if pay_date else (end.year if end else None)
    if year is None:
        year = _year_of_unread_dates(layouts)

    # employee: a labelled name, else the person's name/address block that is not the employer's
    borrower_key: str | None = None
    name: str | None = None
    name_box = None
    address = None
    ssn = None
    for lh in sorted(label_hits(layout, EMPLOYEE_LABELS), key=lambda lh: lh.rank):
        right = _cell_text(layout, lh.hit)
        if right is None:
            continue
        text = _glued_tail(layout, lh.hit, EMPLOYEE_LABELS[lh.rank]) + right[0]
        candidate = clean_name(re.split(r"\s{2,}|\bSSN\b|\bID\b|\$|[*#]", text)[0])
        if candidate:
            name, name_box = candidate, right[1]
            break
    blocks = address_blocks(layout)
    for names, addr in blocks:
        if not names:
            continue
        if name is None and (employer is None or clean_org(names[-1][0]) != employer):
            candidate = person_name(names[-1][0])
            if candidate:
                name, name_box, address = candidate, names[-1][1], addr
                break
        if name is not None and any(person_name(n) == name for n, _b in names):
            address = addr
            break
    if address is None:
        addr_found = text_after(layout, "address", "home address")
        if addr_found is not None:
            address = parse_inline_address(addr_found.text)
    if name is None:
        # "Employee  SSN  Position" header with values on the next line, or a deposit
        # advice's "Deposited to the account of" over the name and the masked account
        for hit in layout.find("employee name", "employee", *_DEPOSITED_TO_LABELS):
            below = layout.block_below(hit, max_lines=1, max_gap=0.03)
            if below and (candidate := _leading_name(below[0][0])):
                name, name_box = candidate, below[0][1]
                break
    ssn_found = None
    for hit in layout.find("ssn", "social security number", "social security no"):
        tok = layout.value_for(hit, parse_ssn, max_below=0.04)
        if tok is not None:
            ssn_found = parse_ssn(tok.text)
            break
    ssn = ssn_found
    if name:
        conf = token_confidence(layout, None)
        borrower_key = people.add(
            name=name,
            evidence=evidence(layout, "Paystub: employee", name, name_box, conf),
            ssn=ssn.digits if ssn else None,
            ssn_last4=ssn.last4 if ssn else None,
            address=address,
            employer=employer,
            confidence=conf,
        )

    _add_gross(result, layouts, frequency, pay_date, year, borrower_key, employer)
    result.borrowers = people.borrowers
    return result


def _glued_tail(layout: Layout, hit: Hit, label: str) -> str:
    """The start of a value printed with no space after its label ("Pay to the order
    ofYUSUF D. NG"): the letters of the label's last word past the label's end."""
    last_word = label.split()[-1]
    token = layout.lines[hit.line].tokens[hit.last].text
    if token.lower().startswith(last_word) and len(token) > len(last_word):
        tail = token[len(last_word) :]
        if tail[0].isupper() and tail.isalpha():
            return tail + " "
    return ""


_DEPOSITED_TO_LABELS = ("deposited to the account of", "deposited to the account")


def _leading_name(text: str) -> str | None:
    """The person's name a table row starts with ("OLSEN, THANH T  ***-**-0025  Single"),
    up to the first figure, mask or wide gap."""
    return leading_name(re.split(r"\s{2,}|[*#$]|\S*\d", text)[0].split())


def _year_of_unread_dates(layouts: Sequence[Layout]) -> int | None:
    """The year the pay date and period are in, when OCR left their dates unreadable ("O8 31
    2023") but not their years: the one year those fields print."""
    years: set[int] = set()
    for lay in layouts:
        for labels in (PAY_DATE_LABELS, PERIOD_START_LABELS, PERIOD_END_LABELS, PERIOD_LABELS):
            found = text_after(lay, *labels)
            if found is not None:
                years.update(int(y) for y in re.findall(r"(?<!\d)(20[0-4]\d)(?!\d)", found.text))
    return years.pop() if len(years) == 1 else None


def _frequency_from_period_number(
    layouts: Sequence[Layout], when: date | None
) -> IncomePeriod | None:
    """The frequency a numbered pay period implies ("PAY PERIOD 07" ending March 26th): the
    one frequency whose count of periods in the year to that date is the number printed (a
    weekly or bi-weekly year's first period may end in its first days or run over from the
    year before: the count or one more)."""
    if when is None:
        return None
    number = None
    for lay in layouts:
        for hit in lay.find("pay period", "pay period no", "pay period number"):
            cell = _cell_text(lay, hit)
            if cell is not None and re.fullmatch(r"\d{1,2}", cell[0].strip()):
                number = int(cell[0])
                break
        if number is not None:
            break
    if number is None or not 1 <= number <= 53:
        return None
    day = when.timetuple().tm_yday
    fits = [
        frequency
        for frequency, counts in (
            (IncomePeriod.WEEKLY, ((day + 6) // 7, (day + 6) // 7 + 1)),
            (IncomePeriod.BIWEEKLY, ((day + 13) // 14, (day + 13) // 14 + 1)),
            (IncomePeriod.SEMIMONTHLY, (2 * (when.month - 1) + (1 if when.day <= 15 else 2),)),
            (IncomePeriod.MONTHLY, (when.month,)),
        )
        if number in counts
    ]
    return fits[0] if len(fits) == 1 else None


def _periods_elapsed(frequency: IncomePeriod, pay_date: date) -> float:
    """How many pay dates of ``frequency`` fall in the year up to ``pay_date``."""
    day = pay_date.timetuple().tm_yday
    if frequency is IncomePeriod.WEEKLY:
        return day / 7
    if frequency is IncomePeriod.BIWEEKLY:
        return day / 14
    if frequency is IncomePeriod.SEMIMONTHLY:
        return 2 * (pay_date.month - 1) + (1 if pay_date.day <= 15 else 2)
    return float(pay_date.month)


def _row_pair(layouts: Sequence[Layout]) -> tuple[Candidate, Candidate] | None:
    """A gross row with two figures and no column headers: the smaller is the current pay,
    the larger the year to date (a stub with YTD first puts its header over it)."""
    for lay in layouts:
        for lh in label_hits(lay, GROSS_LABELS, GROSS_CURRENT.reject):
            values = [t for t, blocked in row_values(lay, lh.hit, parse_money) if not blocked]
            if len(values) != 2 or any(column_header(lay, t.box) for t in values):
                continue
            a, b = sorted(values, key=lambda t: parse_money(t.text) or Decimal(0))
            line = lay.lines[lh.hit.line].text
            return (
                Candidate("gross_current", parse_money(a.text), a.text, a.box, lay, Relation.RIGHT,
                          0.8, lh.text, None, line),
                Candidate("gross_ytd", parse_money(b.text), b.text, b.box, lay, Relation.RIGHT,
                          0.8, lh.text, None, line),
            )  # fmt: skip
    return None


def _add_gross(
    result: ExtractionResult,
    layouts: Sequence[Layout],
    frequency: IncomePeriod | None,
    pay_date: date | None,
    year: int | None,
    borrower_key: str | None,
    employer: str | None,
) -> None:
    """Current and YTD gross, guarded by the stub's own arithmetic: YTD is never below the
    current pay, and YTD / current cannot exceed what the pay dates so far allow."""
    cur_choice = choose(candidates(layouts, GROSS_CURRENT), GROSS_CURRENT.margin)
    ytd_cands = candidates(layouts, GROSS_YTD) + candidates(layouts, GROSS_YTD_LABELLED)
    ytd_choice = choose(ytd_cands, GROSS_YTD.margin)
    current, ytd = cur_choice.best, ytd_choice.best
    if (
        ytd is None
        and not ytd_choice.tie
        and current is not None
        and current.relation is Relation.RIGHT
    ):
        pair = _row_pair(layouts)
        if pair is not None and pair[0].value == current.value:
            ytd = pair[1]
    if current is None and ytd is None and not cur_choice.tie and not ytd_choice.tie:
        pair = _row_pair(layouts)
        if pair is not None:
            current, ytd = pair
    checks: list[str] = []
    # the earnings table's printed total (a figure equal to the sum of the ones above it)
    # stands in for a gross whose label could not be read, and confirms one that was
    totals = _column_totals(layouts)
    summed: set[str] = set()  # the grosses the earnings lines add up to
    for column, found in (("current", current), ("ytd", ytd)):
        total = totals.get(column)
        if total is None:
            continue
        if found is None and not (cur_choice.tie if column == "current" else ytd_choice.tie):
            if column == "current":
                current = total
            else:
                ytd = total
            checks.append(f"{column} gross is the earnings column's printed total")
        elif found is not None and Decimal(found.value) == Decimal(total.value):
            checks.append(f"{column} gross equals the sum of the earnings lines")
            summed.add(column)
    if current is not None and ytd is not None:
        cur_v, ytd_v = Decimal(current.value), Decimal(ytd.value)
        if ytd_v < cur_v or cur_v <= 0:
            # impossible: one of them is not what its label says
            result.fields["check_gross"] = f"failed: ytd {ytd_v} < current {cur_v}"
            return
        if frequency is not None and pay_date is not None:
            allowed = 3 * _periods_elapsed(frequency, pay_date) + 3
            if ytd_v / cur_v > allowed:
                result.fields["check_gross"] = (
                    f"failed: ytd/current {ytd_v / cur_v:.1f} > {allowed:.0f} periods"
                )
                ytd = None
            else:
                checks.append("ytd/current consistent with the pay date")
    net = choose(candidates(layouts, NET_CURRENT), NET_CURRENT.margin).best
    if net is not None:
        result.fields["net_pay"] = str(net.value)
        # (a gross the earnings lines add up to stands: then the net is the misread figure)
        if (
            current is not None
            and Decimal(net.value) > Decimal(current.value)
            and "current" not in summed
        ):
            result.fields["check_gross"] = f"failed: net {net.value} > gross {current.value}"
            current = None
    if checks:
        result.fields["check_gross"] = "; ".join(checks)
    for cand, period, column in (
        (current, frequency.value if frequency else None, "Current"),
        (ytd, IncomePeriod.YTD.value, "YTD"),
    ):
        if cand is None:
            continue
        amount = Decimal(cand.value)
        result.fields[f"gross_{column.lower()}"] = str(amount)
        if period is None:
            continue
        conf = token_confidence(cand.layout, None, min(1.0, cand.score))
        result.incomes.append(
            ExtractedIncome(
                borrower_key=borrower_key,
                amount=amount,
                period=period,
                year=year,
                source_type="paystub",
                employer=employer,
                evidence=evidence(
                    cand.layout,
                    f"Earnings: {cand.label} {column}",
                    f"{cand.label} {cand.text}",
                    cand.box,
                    conf,
                ),
                confidence=conf,
            )
        )


def _column_totals(layouts: Sequence[Layout]) -> dict[str, Candidate]:
    """Per earnings column ("current", "ytd"): a printed figure that equals the sum of at
    least two figures above it in the same column, under the same header."""
    out: dict[str, Candidate] = {}
    for lay in layouts:
        columns: dict[tuple[str, Box], list[tuple[Decimal, Token]]] = {}
        for tok, _box in lay.candidates(parse_money):
            value = parse_money(tok.text)
            # (a line of 0.00, "Referral Bonus  0.00  685.50", is one of the lines summed)
            if value is None or value < 0 or tok.confidence < 0:
                continue
            header = column_header(lay, tok.box)
            if header is None:
                continue
            if matches(header[0], YTD_HEADERS, fuzzy=True):
                column = "ytd"
            elif matches(header[0], CURRENT_HEADERS, fuzzy=True):
                column = "current"
            else:
                continue
            # one column: the same heading line, header words overlapping
            key = next(
                (
                    k
                    for k in columns
                    if k[0] == column
                    and abs(k[1].top - header[1].top) < 0.005
                    and min(k[1].right, header[1].right) > max(k[1].left, header[1].left)
                ),
                (column, header[1]),
            )
            columns.setdefault(key, []).append((value, tok))
        for (column, _hbox), cells in columns.items():
            cells.sort(key=lambda c: c[1].box.top)
            running = Decimal(0)
            for k, (value, tok) in enumerate(cells):
                if _deduction_row(lay, tok):
                    # a taxes or deductions table's column adds up too: not earnings
                    break
                # (of a single earnings line, the total is a bare row under it: "86:40
                # 3,579.47 3,579.47" under "Hourly 86:40 41.30 3,579.47 3,579.47")
                if (
                    value == running
                    and value > 0
                    and (k >= 2 or (k == 1 and _bare_total_row(lay, tok)))
                ):
                    if column not in out:
                        out[column] = Candidate(
                            f"gross_{column}", value, tok.text, tok.box, lay, Relation.CELL,
                            0.8, "Total earnings", None, lay.lines[0].text,
                        )  # fmt: skip
                    break
                running += value
    return out


_DEDUCTION_WORDS = re.compile(
    r"\b(?:tax(?:es)?|withh(?:o|e)ld\w*|fica|medicare|social\s+security|oasdi|fed|federal"
    r"|state|local|sdi|401\s*\(?k\)?|403\s*\(?b\)?|retirement|insurance|health|dental|vision"
    r"|deductions?|garnish\w*|pre-?tax|post-?tax|net)\b",
    re.IGNORECASE,
)


def _row_label(lay: Layout, tok: Token) -> str | None:
    """The words nearest left of a figure on its line ("Fed Withholding" in "Fed Withholding
    $180.96  $4,780.10"); None when the figure is on no line."""
    line = next(
        (ln for ln in lay.lines if tok.box.top < ln.box.bottom and tok.box.bottom > ln.box.top),
        None,
    )
    if line is None:
        return None
    words = [t for t in line.tokens if t.box.right <= tok.box.left + 1e-6]
    label: list[str] = []
    for t in sorted(words, key=lambda t: -t.box.left):
        if sum(ch.isalpha() for ch in t.text) >= 2:
            label.insert(0, t.text)
        elif label:
            break
    return " ".join(label)


def _deduction_row(lay: Layout, tok: Token) -> bool:
    """Whether the row a figure sits on is labelled as a tax or a deduction."""
    return bool(_DEDUCTION_WORDS.search(_row_label(lay, tok) or ""))


def _bare_total_row(lay: Layout, tok: Token) -> bool:
    """Whether a figure's row has no label but "Total" (a table's totals row)."""
    label = _row_label(lay, tok)
    return label is not None and re.sub(r"[^a-z]", "", label.lower()) in ("", "total", "totals")


def _frequency_from_ytd(layouts: Sequence[Layout], pay_date: date) -> IncomePeriod | None:
    """The pay frequency a stub implies when it prints none and no period: YTD / current
    gross is the number of pays so far, which at the pay date fits one frequency only (the
    first pay of the year, YTD = current, on January 31st is monthly)."""
    current = choose(candidates(layouts, GROSS_CURRENT), GROSS_CURRENT.margin).best
    ytd = choose(candidates(layouts, GROSS_YTD), GROSS_YTD.margin).best
    if current is None or ytd is None or not current.value or current.value <= 0:
        return None
    ratio = float(Decimal(ytd.value) / Decimal(current.value))
    fits = [
        f
        for f in (
            IncomePeriod.WEEKLY,
            IncomePeriod.BIWEEKLY,
            IncomePeriod.SEMIMONTHLY,
            IncomePeriod.MONTHLY,
        )
        if any(abs(ratio - n) <= 0.35 for n in _pays_so_far(f, pay_date))
    ]
    return fits[0] if len(fits) == 1 else None


def _pays_so_far(frequency: IncomePeriod, pay_date: date) -> tuple[float, ...]:
    """How many pay dates of ``frequency`` the year can have had up to ``pay_date`` (weekly
    and bi-weekly pays fall on any weekday of the first week: one count or the one below)."""
    day = pay_date.timetuple().tm_yday
    if frequency in (IncomePeriod.WEEKLY, IncomePeriod.BIWEEKLY):
        step = 7 if frequency is IncomePeriod.WEEKLY else 14
        most = (day + step - 1) // step
        return (float(most), float(most - 1))
    return (_periods_elapsed(frequency, pay_date),)
