"""Which kind of document a page belongs to, from weighted cue phrases.

Titles ("Wage and Tax Statement", "Verification of Employment") weigh most; field labels add
up. Cues are matched on normalized text (no case, spaces or punctuation), so OCR that splits or
joins words still counts; a page scoring below :data:`MIN_SCORE` is ``unknown``.
"""

from __future__ import annotations

import re

from pipeline.domain.model import DocType
from pipeline.domain.pages import Page
from pipeline.extraction.layout import normalize

MIN_SCORE = 4.0
# Page fractions of the header and footer zones, and what a strong cue printed there adds.
_HEADER_ZONE = 0.1
_FOOTER_ZONE = 0.93
_MARGIN_BONUS = 0.5

# (cue, weight). Strong cues are titles or labels only that form prints.
CUES: dict[DocType, tuple[tuple[str, float], ...]] = {
    DocType.W2: (
        ("wage and tax statement", 6),
        ("w-2 and earnings summary", 6),
        # (a payroll provider's page summarising the W-2: "Employee W-2 Summary")
        ("w-2 summary", 4),
        ("form w-2", 4),
        ("w-2 reportable wages", 3),
        ("w-2 wages", 2),
        ("wages, tips, other compensation", 4),
        ("wages tips other comp", 3),
        ("social security wages", 2),
        ("medicare wages and tips", 2),
        ("employer identification number", 1),
        ("employee's social security number", 1),
        ("allocated tips", 1),
        ("dependent care benefits", 1),
        ("nonqualified plans", 1),
        # a payroll summary's or an employee portal's wording of the boxes
        ("social security taxable wages", 2),
        ("medicare taxable wages", 2),
        ("state taxable wages", 1),
        ("employer state id", 2),
        ("employer's state id", 2),
        ("locality name", 2),
        ("elective deferrals", 1),
        ("federal wages", 1),
    ),
    DocType.FORM_1099: (
        ("1099-int", 5),
        ("1099-nec", 5),
        ("1099-misc", 5),
        ("1099-div", 5),
        # a 1040 and its schedules quote "1099-R" and "1099-B" (attach, report on): weaker
        ("1099-r", 3),
        ("1099-b", 3),
        ("1099-g", 4),
        ("ssa-1099", 5),
        ("social security benefit statement", 5),
        ("distributions from pensions", 4),
        ("certain government payments", 4),
        ("proceeds from broker", 4),
        ("gross distribution", 2),
        ("unemployment compensation", 2),
        ("net benefits", 2),
        ("form 1099", 4),
        ("interest income", 2),
        ("nonemployee compensation", 3),
        ("miscellaneous information", 3),
        ("miscellaneous income", 3),
        ("dividends and distributions", 3),
        ("total ordinary dividends", 3),
        ("payer's tin", 2),
        ("recipient's tin", 2),
        ("payer's name", 1),
        ("recipient's name", 1),
        ("early withdrawal penalty", 1),
    ),
    DocType.FORM_1040: (
        ("u.s. individual income tax return", 8),
        ("u.s. tax return for seniors", 8),
        # the return as the IRS transcribes it (a lender's 4506-C order), and the e-file
        # authorizations (federal Form 8879, a state's) printed with the return
        ("tax return transcript", 8),
        ("e-file signature authorization", 6),
        ("name(s) shown on return", 2),
        ("tax period requested", 2),
        ("form 1040", 4),
        ("1040-sr", 4),
        ("filing status", 2),
        ("adjusted gross income", 2),
        ("married filing jointly", 2),
        ("qualifying surviving spouse", 1),
        ("head of household", 1),
        ("taxable income", 1),
        ("total income", 1),
        ("standard deduction", 1),
        ("your first name and middle initial", 2),
        ("spouse's social security number", 1),
        # Schedules C and E: pages of the return they are attached to
        ("schedule c (form 1040)", 8),
        ("profit or loss from business", 6),
        ("net profit or (loss)", 2),
        ("name of proprietor", 2),
        ("schedule e (form 1040)", 8),
        ("supplemental income and loss", 6),
        ("rental real estate and royalties", 2),
        ("rents received", 1),
    ),
    DocType.PAYSTUB: (
        ("earnings statement", 5),
        ("statement of earnings", 5),
        ("payroll advice", 4),
        ("pay to the order of", 2),
        ("take home pay", 2),
        ("payment date", 2),
        ("total earnings", 2),
        ("this period", 1),
        ("non-negotiable", 1),
        ("deposit advice", 3),
        ("total gross", 2),
        ("gross wages", 2),
        ("net check", 2),
        ("this pay", 1),
        ("advice date", 2),
        ("pay type", 1),
        ("pay stub", 5),
        ("paystub", 5),
        ("payroll statement", 4),
        ("pay statement", 4),
        ("advice of deposit", 3),
        ("pay period", 2),
        ("pay date", 2),
        ("check date", 2),
        ("period ending", 1),
        ("period beginning", 1),
        ("gross pay", 2),
        ("net pay", 2),
        ("gross earnings", 2),
        ("year to date", 1),
        ("ytd", 1),
        ("deductions", 1),
        ("earnings", 1),
        ("regular", 0.5),
        ("federal income tax", 0.5),
    ),
    DocType.BANK_STATEMENT: (
        ("bank statement", 5),
        ("credit card statement", 6),
        ("loan statement", 5),
        ("mortgage statement", 5),
        ("minimum payment due", 3),
        ("payment due date", 2),
        ("credit limit", 2),
        ("available credit", 2),
        ("card number", 1),
        ("principal balance", 2),
        ("account statement", 4),
        ("statement of accounts", 4),
        ("checking summary", 3),
        ("consolidated balance summary", 4),
        ("activity summary", 2),
        ("summary of accounts", 3),
        ("combined customer statement", 4),
        ("your combined statement", 4),
        ("transaction details", 2),
        ("daily ending balance", 2),
        ("statement of account", 4),
        ("combined statement", 3),
        ("statement period", 3),
        ("beginning balance", 3),
        ("ending balance", 3),
        ("opening balance", 2),
        ("closing balance", 2),
        ("previous balance", 2),
        ("new balance", 1),
        ("account summary", 2),
        ("deposits and other credits", 2),
        ("withdrawals and other debits", 2),
        ("deposits", 1),
        ("withdrawals", 1),
        ("daily balance", 2),
        ("transaction history", 2),
        ("account number", 1),
        ("checking", 1),
        ("savings", 1),
        ("member fdic", 2),
        # a brokerage's statement of its cash or money market account
        ("investment report", 4),
        ("brokerage statement", 5),
        ("beginning account value", 3),
        ("ending account value", 3),
        ("account value", 1),
    ),
    DocType.VOE: (
        ("verification of employment", 8),
        ("verify the employment", 6),
        ("verification of income", 5),
        ("annual income summary", 3),
        ("year-to-date income details", 3),
        ("report tracking number", 2),
        ("employment plus income", 4),
        # a verification service's report title, either way round
        ("income and employment report", 8),
        ("income & employment report", 8),
        ("employment and income report", 8),
        ("employment & income report", 8),
        ("employment verification report", 8),
        ("employment verification", 6),
        ("verify employment", 5),
        ("employment and income", 4),
        ("employment & income", 4),
        ("employment data", 3),
        ("the work number", 4),
        ("verification that", 2),
        ("currently employed", 3),
        ("has been employed", 3),
        ("employed with", 2),
        ("employed by", 2),
        ("date of hire", 2),
        ("most recent start date", 2),
        ("rate of pay", 2),
        ("base salary", 2),
        ("holds the position", 2),
        ("to whom it may concern", 2),
        ("request for verification", 4),
        # a lender's request as an e-mail's subject names it ("RE: VOE request - NAME")
        ("voe request", 4),
        ("employment verification", 6),
        ("form 1005", 3),
        ("date of employment", 2),
        ("present position", 2),
        ("probability of continued employment", 2),
        ("base pay", 1),
        ("hire date", 1),
        ("date hired", 1),
        ("position", 0.5),
        ("job title", 1),
        ("hourly rate", 1),
        ("annual salary", 1),
        ("employment status", 1),
    ),
    DocType.FORM_1003: (
        ("uniform residential loan application", 8),
        ("residential loan application", 5),
        ("freddie mac form 65", 6),
        ("fannie mae form 1003", 6),
        ("form 1003", 3),
        ("borrower information", 3),
        ("current employment/self-employment and income", 5),
        ("employment/self-employment and income", 3),
        ("income from other sources", 2),
        ("gross monthly income", 3),
        ("base empl. income", 3),
        ("monthly income and combined housing expense", 5),
        ("employment information", 1),
        ("position/title/type of business", 3),
        ("yrs. on this job", 3),
        ("co-borrower", 2),
        ("military entitlements", 2),
        ("ownership share", 2),
        ("type of mortgage and terms of loan", 4),
        ("property information and purpose of loan", 3),
        ("loan originator", 1),
    ),
}

_FIGURE_KINDS = (
    DocType.W2,
    DocType.PAYSTUB,
    DocType.BANK_STATEMENT,
    DocType.FORM_1040,
    DocType.FORM_1099,
)
# 1,234 / 1,234.56 / 234.56 / $1234 anywhere, or a plain whole number ending a line as a form's
# figure column does ("Wages  267947"); not a year, a ZIP after its state, a phone number
_AMOUNT = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d{2})?(?![\d,])|(?<![\d.,])\d+\.\d{2}(?![\d])"
    r"|\$\s?\d"
    r"|(?<![\d.,/#()-])(?<!\b[A-Z]{2} )(?!(?:19|20)\d\d\b)\d{3,7}[ \t]*$",
    re.MULTILINE,
)

_NORMALIZED: dict[DocType, tuple[tuple[str, float], ...]] = {
    t: tuple((normalize(cue), w) for cue, w in cues) for t, cues in CUES.items()
}


def _margins(page: Page) -> str:
    return normalize(
        " ".join(w.text for w in page.words if w.top < _HEADER_ZONE or w.top > _FOOTER_ZONE)
    )


def titled(page: Page, doc_type: DocType) -> bool:
    """Whether the page's header or footer prints one of the kind's titles or form names
    ("Form 1040 (2023)" over a return's second page), whatever its body holds."""
    margins = _margins(page)
    return bool(margins) and any(w >= 3 and cue in margins for cue, w in _NORMALIZED[doc_type])


def scores(page: Page) -> dict[DocType, float]:
    """Cue score of every type for ``page`` (each cue counted once)."""
    text = normalize(" ".join(page.text.split()) if page.text else "")
    if not text and page.words:
        text = normalize(" ".join(w.text for w in page.words))
    # a title or a form number in the page's header or footer says more than the same words
    # in its body ("Form 1040-SR (2019) Page 2" vs "withheld from Forms W-2 and 1099")
    margins = _margins(page)
    out: dict[DocType, float] = {}
    for doc_type, cues in _NORMALIZED.items():
        out[doc_type] = sum(w for cue, w in cues if cue in text) + sum(
            _MARGIN_BONUS * w for cue, w in cues if w >= 3 and cue in margins
        )
    # OCR: a lone "W2" title is printed as "W-2" but read as "W2", "W.2", "W 2"
    if re.search(r"(?i)\bform\s*w[\s\-.]?2\b", page.text):
        out[DocType.W2] += 2
    # "W-2 2019", "2023 W-2": the form named with its tax year, as a portal titles it
    if re.search(r"(?i)\bw-?2\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+(?:form\s+)?w-?2\b", page.text):
        out[DocType.W2] += 3
    # Forms and statements print amounts; a page with none only talks about them (a letter
    # explaining "the large deposit on my bank statement", an authorization to verify
    # "earnings records"): their cues count half.
    if not _AMOUNT.search(page.text or ""):
        for doc_type in _FIGURE_KINDS:
            out[doc_type] /= 2
    return out


# The loan application's titles decide: its pages print the words of every income document
# (employer, base, overtime, bonus, monthly income), so a page naming it is a 1003 whatever
# else it scores.
_APPLICATION_TITLES = tuple(
    normalize(t)
    for t in (
        "uniform residential loan application",
        "residential loan application",
        "freddie mac form 65",
        "fannie mae form 1003",
    )
)


def classify_scores(page: Page) -> tuple[DocType, dict[DocType, float]]:
    s = scores(page)
    text = normalize(page.text or " ".join(w.text for w in page.words))
    if any(title in text for title in _APPLICATION_TITLES):
        return DocType.FORM_1003, s
    best = max(s, key=lambda t: s[t])
    if s[best] < MIN_SCORE:
        return DocType.UNKNOWN, s
    # a 1040 quotes "W-2" and "1099" in its instructions; a W-2 never mentions a 1040 title
    return best, s


def classify_page(page: Page) -> str:
    """One of the :class:`DocType` values (never ``packet``) for a single page."""
    return classify_scores(page)[0].value
