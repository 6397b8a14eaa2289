"""Field extraction: classify pages, split a file into documents, one extractor per type.

    results = extract_document(pages)       # one ExtractionResult per document in the file

Pages are classified one by one (:func:`classify_page`); consecutive pages of one type form a
document, except where something says a new one starts: a page counter back at "Page 1", a
form printed one per page (1099, VOE) unless the page counts on from the one before, a first
page's labels seen again (a second paystub, another statement), another W-2. A page of no kind
of its own that follows a statement, paystub, 1040 or URLA is taken as its continuation when it
counts on from it or reads like its pages (figures, short labelled lines), never when it is
running prose.
Each group is one part of the file (``ExtractionResult.pages``).

Results may hold full SSNs and account numbers (``ExtractedBorrower.ssn``,
``ExtractedAccount.number``); every snippet is masked. See ``pipeline.domain.extracted``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.domain.extracted import ExtractionResult
from pipeline.domain.model import DocType, normalize_name
from pipeline.domain.pages import Page
from pipeline.extraction import names
from pipeline.extraction.bank import (
    STATEMENT_START_LABELS,
    extract_bank_statement,
    statement_bank,
)
from pipeline.extraction.classify import CUES, classify_page, classify_scores, titled
from pipeline.extraction.common import name_likeness
from pipeline.extraction.form1003 import extract_1003
from pipeline.extraction.form1040 import (
    RETURN_OWN_LABELS,
    extract_1040,
    is_schedule_page,
    schedule_continues,
    summarises_return,
)
from pipeline.extraction.form1099 import extract_1099
from pipeline.extraction.layout import Layout
from pipeline.extraction.paystub import PAYSTUB_START_LABELS, extract_paystub
from pipeline.extraction.values import find_dates
from pipeline.extraction.voe import extract_voe
from pipeline.extraction.w2 import continues_w2, extract_w2

EXTRACTOR_VERSION = "1.0.0"

__all__ = ["EXTRACTOR_VERSION", "classify_page", "extract_document"]

_EXTRACTORS: dict[DocType, Callable[[Sequence[Layout]], ExtractionResult]] = {
    DocType.W2: extract_w2,
    DocType.PAYSTUB: extract_paystub,
    DocType.BANK_STATEMENT: extract_bank_statement,
    DocType.FORM_1040: extract_1040,
    DocType.FORM_1099: extract_1099,
    DocType.VOE: extract_voe,
    DocType.FORM_1003: extract_1003,
}
# One printed form per page: consecutive pages are separate documents.
# (A W-2 file's pages stay together: a summary and its form, copies on separate pages, are
# one W-2, which the extractor counts once.)
_SINGLE_PAGE = frozenset({DocType.FORM_1099, DocType.VOE})
# Labels that only a document's first page prints: seeing them again starts a new document.
_START_LABELS: dict[DocType, tuple[str, ...]] = {
    DocType.PAYSTUB: PAYSTUB_START_LABELS,
    DocType.BANK_STATEMENT: STATEMENT_START_LABELS,
    # a return's title, or what only its first page asks (a scan may lose the title)
    DocType.FORM_1040: (
        "u.s. individual income tax return",
        "u.s. tax return for seniors",
        "filing status",
        "presidential election campaign",
        "your first name and middle initial",
    ),
}
_CONTINUABLE = frozenset(
    {DocType.PAYSTUB, DocType.BANK_STATEMENT, DocType.FORM_1040, DocType.FORM_1003}
)


@dataclass
class _Group:
    doc_type: DocType
    layouts: list[Layout] = field(default_factory=list)


def _group(pages: Sequence[Page]) -> list[_Group]:
    groups: list[_Group] = []
    for page in pages:
        doc_type, scores = classify_scores(page)
        layout = Layout(page)
        current = groups[-1] if groups else None
        if (
            current is not None
            and current.doc_type is DocType.FORM_1040
            and schedule_continues(current.layouts, layout)
        ):
            # a schedule follows its return whatever its own cues or page counter say (tax
            # programs number a schedule's pages on their own)
            current.layouts.append(layout)
            continue
        if (
            current is not None
            and current.doc_type in (DocType.W2, DocType.FORM_1099)
            and _INSTRUCTIONS.search("\n".join((page.text or "").splitlines()[:3]))
        ):
            # the back of a W-2's or a 1099's copy: its instructions, whatever forms they cite
            # ("Refer to the Form 1040 instructions")
            current.layouts.append(layout)
            continue
        if current is not None and current.doc_type is not DocType.UNKNOWN:
            own = scores[current.doc_type] > 0
            counts_on = _continues(page, current) and (own or doc_type is DocType.UNKNOWN)
            # a scan that lost a page's figures (and so most of its cues) keeps its header
            figures = (
                current.doc_type in _CONTINUABLE
                and own
                and doc_type is DocType.UNKNOWN
                and (_reads_like_its_documents(page) or titled(page, current.doc_type))
            )
            if doc_type is not current.doc_type and (counts_on or figures):
                doc_type = current.doc_type
        if (
            current is not None
            and current.doc_type is doc_type
            and doc_type is not DocType.UNKNOWN
            and (_continues(page, current) or _same_document(current, page, layout))
        ):
            current.layouts.append(layout)
            continue
        groups.append(_Group(doc_type, [layout]))
    return groups


# (the title may wrap, with a speck OCR read between its lines: "Instructions for / . Recipient")
_INSTRUCTIONS = re.compile(
    r"\binstructions\s+for[\s.,:;'*-]{1,8}(?:recipient|employee|payee)|\bnotice\s+to\s+employee\b",
    re.IGNORECASE,
)


# A page's header saying it carries on the page before ("(continued)", "- continued").
_CONTINUED = re.compile(r"(?:\(|\s[-\u2013\u2014]\s*|^)continued\b", re.IGNORECASE | re.MULTILINE)


def _same_document(group: _Group, page: Page, layout: Layout) -> bool:
    """A page of the group's kind that does not count on from it: part of the same document
    unless something says a new one starts (its counter restarts at "Page 1", a kind printed
    one per page, a first page's labels seen again, another W-2)."""
    counter = page_counter(page)
    if counter is not None and counter[0] == 1:
        return False
    if _CONTINUED.search("\n".join((page.text or "").splitlines()[: _HEADER_LINES // 2])):
        return True  # "Great Lakes National Bank ... (continued)"
    if group.doc_type in _SINGLE_PAGE:
        return False
    if group.doc_type is DocType.W2:
        return continues_w2(group.layouts, layout)
    if group.doc_type is DocType.BANK_STATEMENT and _another_bank(group, layout):
        return False  # a card's statement, then a bank's
    if group.doc_type is DocType.BANK_STATEMENT and _same_period(group, page):
        # a combined statement's next account section opens with its own "Beginning balance"
        # under the statement's running header (bank and period): the same statement
        return True
    if group.doc_type is DocType.PAYSTUB and _other_pay_dates(group, page):
        # a stub's next page repeats its period and pay date, or prints none; another stub's
        # first page prints its own ("Period: 12/29/2020 01/11/2021" after a January 2022 stub)
        return False
    if (
        group.doc_type is DocType.FORM_1040
        and _goes_before_a_return(layout)
        and any(lay.has(*RETURN_OWN_LABELS) for lay in group.layouts)
    ):
        # an e-file authorization or a preparer's letter after a return's own pages opens the
        # next return's file
        return False
    if group.doc_type is DocType.FORM_1040 and (
        _starts_document(group.doc_type, layout) or is_schedule_page(layout)
    ):
        # a return's first page comes first: after anything, it is another return; a schedule
        # that did not continue the group (see _group) names someone else. Only pages about
        # the return that are none of its own go before it: a tax program's summary of it,
        # or a preparer's cover letter or e-file authorization naming its taxpayer
        if not _starts_document(group.doc_type, layout):
            return False
        if all(summarises_return(lay) for lay in group.layouts):
            return True
        return not any(
            lay.has(*RETURN_OWN_LABELS) for lay in group.layouts
        ) and _names_its_taxpayer(group, layout)
    return not (_starts_document(group.doc_type, layout) and _starts_document_any(group))


def _another_bank(group: _Group, layout: Layout) -> bool:
    """Whether the page's header names another institution than the group's first page."""
    ours, theirs = statement_bank(group.layouts[0]), statement_bank(layout)
    return bool(ours and theirs) and name_likeness(ours or "", theirs or "") < 0.6


# What a page printed before a return says of itself: an e-file authorization's title, a
# preparer's letter's salutation
_BEFORE_A_RETURN = re.compile(
    r"e-?file\s+signature\s+authorization|^\W*dear\s+\w+", re.IGNORECASE | re.MULTILINE
)


def _goes_before_a_return(layout: Layout) -> bool:
    return not layout.has(*RETURN_OWN_LABELS) and bool(
        _BEFORE_A_RETURN.search("\n".join(line.text for line in layout.lines[:20]))
    )


def _names_its_taxpayer(group: _Group, layout: Layout) -> bool:
    """Whether the group's pages print the surname of the return that ``layout`` starts."""
    text = " " + " ".join(normalize_name(line.text) for lay in group.layouts for line in lay.lines)
    surnames: set[str] = set()
    for borrower in extract_1040([layout]).borrowers:
        # (the surname, not a suffix after it: "WINSTON FITZGERALD II")
        words = [w for w in normalize_name(borrower.name).split() if w not in _SUFFIXES]
        if len(words) >= 2 and len(words[-1]) >= 2:
            surnames.add(words[-1])
    return any(f" {surname} " in text + " " for surname in surnames)


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


_FIGURE = re.compile(r"(?<![\d.,])\(?-?\$?\d{1,3}(?:,\d{3})*\.\d{2}\)?(?![\d.,])")
_MIN_CONTINUATION_FIGURES = 3
_SENTENCE_WORDS = 8


def _reads_like_its_documents(page: Page) -> bool:
    """A statement's next page lists transactions or its account details ("Account Type:
    Checking"), a stub's its YTD table, a return's its lines: figures, or short labelled lines.
    A page of running prose after them (an authorization, a disclosure, a letter) is not theirs:
    most of its words sit in long lines without an amount."""
    text = page.text or ""
    if len(_FIGURE.findall(text)) >= _MIN_CONTINUATION_FIGURES:
        return True
    lines = [line.split() for line in text.splitlines()]
    words = sum(len(line) for line in lines)
    prose = sum(
        len(line)
        for line in lines
        if len(line) >= _SENTENCE_WORDS and not _FIGURE.search(" ".join(line))
    )
    return words > 0 and prose < 0.5 * words


# (on the counter's own line: "Page" with its number lost does not take the next line's "1
# Wages"; OCR may read "of" as "0f" and set it against the page's number, "Page 20f2")
_PAGE_COUNTER = re.compile(
    r"\bpage[ \t]*(\d{1,3}?)(?:[ \t]*(?:of|0f|/)[ \t]*(\d{1,3}))?\b", re.IGNORECASE
)


def page_counter(page: Page) -> tuple[int, int | None] | None:
    """The "Page 2" or "Page 2 of 4" printed on a page, if any."""
    m = _PAGE_COUNTER.search(page.text or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _continues(page: Page, group: _Group) -> bool:
    """A page counting on from the document before it ("Page 2") belongs to it, whatever the
    words of its body suggest (a 1040's second page mentions Forms W-2 and 1099); so does a
    page whose counter cannot be read that a fax cover sheet counted in ("Pages: 2 (including
    cover)")."""
    counter = page_counter(page)
    if counter is not None:
        return counter[0] == len(group.layouts) + 1
    declared = _FAX_PAGES.search(group.layouts[0].full_text()) if group.layouts else None
    return declared is not None and len(group.layouts) < int(declared.group(1))


# A fax cover sheet's count of the pages sent with it.
# (specks OCR read between them: "Pages: - 2", "Pages:  2" / "-  (including cover)")
_FAX_PAGES = re.compile(
    r"\bpages?\W{0,6}(\d{1,2})\W{0,6}?\(?\s*(?:including|incl\.?|with)\s+(?:this\s+)?cover",
    re.IGNORECASE,
)


def _other_pay_dates(group: _Group, page: Page) -> bool:
    """``page``'s header prints dates, and none of them is printed on the group's first page."""
    head = find_dates("\n".join((page.text or "").splitlines()[:_HEADER_LINES]))
    if not head or not group.layouts:
        return False
    first = set(find_dates(group.layouts[0].full_text()))
    return not any(d in first for d in head)


_HEADER_LINES = 8


def _same_period(group: _Group, page: Page) -> bool:
    """Whether ``page`` prints the statement period the group's first page prints (both of its
    dates, in its header's first lines)."""
    first = group.layouts[0].full_text() if group.layouts else ""
    head = "\n".join((page.text or "").splitlines()[:4])
    dates = find_dates(head)
    if len(dates) == 1 and len(_DATE_LIKE.findall(head)) >= 2:
        # a scan's period whose second date OCR garbled ("03/01/2022 - 03/3172022"): its
        # readable date must open the group's period
        ours = find_dates(first)
        return len(ours) >= 2 and dates[0] == ours[0] and ours[0] < ours[1]
    return (
        len(dates) >= 2 and dates[0] < dates[1] and all(d in find_dates(first) for d in dates[:2])
    )


# a numeric date as printed or as OCR garbled it ("03/31/2022", "03/3172022")
_DATE_LIKE = re.compile(r"(?<![\d/\-.])\d{1,2}[/\-.]\d[\d/\-.]{4,8}(?!\d)")


def _starts_document(doc_type: DocType, layout: Layout) -> bool:
    labels = _START_LABELS.get(doc_type, ())
    return bool(labels) and layout.has(*labels)


def _starts_document_any(group: _Group) -> bool:
    return any(_starts_document(group.doc_type, layout) for layout in group.layouts)


def extract_document(pages: Sequence[Page]) -> list[ExtractionResult]:
    """One result per document found in ``pages`` (in page order); unknown pages give an
    ``unknown`` result without records."""
    results: list[ExtractionResult] = []
    for group in _group(pages):
        extractor = _EXTRACTORS.get(group.doc_type)
        if extractor is None:
            result = ExtractionResult(
                doc_type=DocType.UNKNOWN.value, extractor="none", extractor_version=""
            )
        else:
            result = extractor(group.layouts)
            names.agree(result, group.layouts)
        result.extractor_version = EXTRACTOR_VERSION
        result.pages = tuple(layout.page_number for layout in group.layouts)
        result.fields.setdefault("pages", ",".join(str(number) for number in result.pages))
        results.append(result)
    return results


assert set(CUES) == set(_EXTRACTORS)
