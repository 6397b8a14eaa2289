"""Pages a loan file holds that are none of the extracted kinds: fax covers, invoices,
disclosures, letters of explanation, authorizations, blank separator pages.

A packet needs them between its documents, because the hard part of splitting a loan file is
not the pay stub but the page after it. Several carry words an extractor keys on (a fax cover's
"RE: <name>", an invoice's "Total", a letter's "employer" and "income"), as real ones do. Each
page is one PDF page drawn from the ``random.Random`` passed in; the same stream gives the same
bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from pipeline.samples.randomized import people
from pipeline.samples.randomized.draw import PAGE_WIDTH, Sheet
from pipeline.samples.randomized.people import Person
from pipeline.samples.randomized.spec import FACES, fmt_money, money

KINDS = (
    "fax_cover",
    "invoice",
    "disclosure",
    "explanation_letter",
    "authorization",
    "separator",
)
_LEFT = 54.0
_WIDTH = PAGE_WIDTH - 2 * _LEFT


def _sheet(rng: random.Random, title: str) -> Sheet:
    regular, bold = FACES[rng.choice(tuple(FACES))]
    return Sheet(regular=regular, bold=bold, title=title)


def _day(rng: random.Random) -> date:
    return date(2024, 1, 8) + timedelta(days=rng.randint(0, 330))


def _fax_cover(rng: random.Random, borrower: Person) -> bytes:
    sheet = _sheet(rng, "Fax")
    lender = people.bank(rng)
    sheet.text(_LEFT, 80, rng.choice(("FAX", "Fax Cover Sheet", "FACSIMILE TRANSMITTAL")),
               size=24, bold=True)  # fmt: skip
    rows = [
        ("To:", rng.choice(("Underwriting", "Loan Processing", "Closing Department"))),
        ("From:", people.company(rng).name),
        ("Date:", _day(rng).strftime("%m/%d/%Y")),
        ("Fax:", people.phone(rng)),
        ("Pages:", f"{rng.randint(3, 14)} (including cover)"),
        ("Re:", f"Loan #{people.digits(rng, 9)} - {borrower.first} {borrower.last}"),
    ]
    y = 140.0
    for label, value in rows:
        sheet.text(_LEFT, y, label, size=12, bold=True)
        sheet.text(_LEFT + 70, y, value, size=12)
        y += 24
    y += 20
    sheet.paragraph(
        _LEFT,
        y,
        f"Please find attached the documents requested by {lender.name} for the above loan. "
        "Call us if any page is missing or illegible.",
        size=11,
        width=_WIDTH,
    )
    sheet.paragraph(
        _LEFT,
        660,
        "CONFIDENTIALITY NOTICE: This facsimile contains confidential information intended only "
        "for the recipient named above. If you received it in error, notify the sender and "
        "destroy all copies.",
        size=8,
        width=_WIDTH,
    )
    return sheet.finish()


def _invoice(rng: random.Random, borrower: Person) -> bytes:
    sheet = _sheet(rng, "Invoice")
    vendor = people.company(rng)
    sheet.text(_LEFT, 70, vendor.name, size=15, bold=True)
    sheet.text(_LEFT, 88, vendor.address.street, size=10)
    sheet.text(
        _LEFT, 101, f"{vendor.address.city}, {vendor.address.state} {vendor.address.zip}", size=10
    )
    sheet.text(PAGE_WIDTH - _LEFT, 70, "INVOICE", size=20, bold=True, align="right")
    sheet.text(PAGE_WIDTH - _LEFT, 92, f"Invoice # {people.digits(rng, 6)}", size=10, align="right")
    sheet.text(PAGE_WIDTH - _LEFT, 105, _day(rng).strftime("%B %d, %Y"), size=10, align="right")
    sheet.text(_LEFT, 140, "Bill to:", size=10, bold=True)
    sheet.text(_LEFT, 154, f"{borrower.first} {borrower.last}", size=10)
    sheet.text(_LEFT, 167, borrower.address.street, size=10)
    items = rng.sample(
        [
            "Appraisal report (1004)",
            "Final inspection (1004D)",
            "Rush fee",
            "Flood certification",
            "Credit report (tri-merge)",
            "Survey",
            "Title search",
            "Pest inspection",
        ],
        rng.randint(2, 4),
    )
    y = 210.0
    sheet.text(_LEFT, y, "Description", size=10, bold=True)
    sheet.text(PAGE_WIDTH - _LEFT, y, "Amount", size=10, bold=True, align="right")
    sheet.hline(_LEFT, PAGE_WIDTH - _LEFT, y + 5)
    total = Decimal(0)
    for item in items:
        y += 20
        amount = money(rng.randint(35, 750))
        total += amount
        sheet.text(_LEFT, y, item, size=10)
        sheet.text(PAGE_WIDTH - _LEFT, y, fmt_money(amount, "dollar"), size=10, align="right")
    y += 30
    sheet.text(PAGE_WIDTH - _LEFT - 120, y, "Total due", size=11, bold=True, align="right")
    sheet.text(PAGE_WIDTH - _LEFT, y, fmt_money(total, "dollar"), size=11, bold=True,
               align="right")  # fmt: skip
    sheet.text(_LEFT, y + 40, "Payment due upon receipt. Thank you for your business.", size=9)
    return sheet.finish()


_DISCLOSURES = (
    (
        "Equal Credit Opportunity Act Notice",
        "The Federal Equal Credit Opportunity Act prohibits creditors from discriminating against "
        "credit applicants on the basis of race, color, religion, national origin, sex, marital "
        "status, age (provided the applicant has the capacity to enter into a binding contract); "
        "because all or part of the applicant's income derives from any public assistance "
        "program; or because the applicant has in good faith exercised any right under the "
        "Consumer Credit Protection Act.",
    ),
    (
        "Right to Receive a Copy of Appraisal",
        "We may order an appraisal to determine the property's value and charge you for this "
        "appraisal. We will promptly give you a copy of any appraisal, even if your loan does "
        "not close. You can pay for an additional appraisal for your own use at your own cost.",
    ),
    (
        "Privacy Notice",
        "Financial companies choose how they share your personal information. Federal law gives "
        "consumers the right to limit some but not all sharing. Federal law also requires us to "
        "tell you how we collect, share, and protect your personal information. Please read "
        "this notice carefully to understand what we do.",
    ),
    (
        "Servicing Disclosure Statement",
        "You are applying for a mortgage loan covered by the Real Estate Settlement Procedures "
        "Act. RESPA gives you certain rights under federal law. This statement tells you about "
        "those rights and whether the servicing of this loan may be transferred to a different "
        "loan servicer.",
    ),
)


def _disclosure(rng: random.Random, borrower: Person) -> bytes:
    sheet = _sheet(rng, "Disclosure")
    title, body = rng.choice(_DISCLOSURES)
    lender = people.bank(rng)
    sheet.text(PAGE_WIDTH / 2, 70, lender.name, size=12, bold=True, align="center")
    sheet.text(PAGE_WIDTH / 2, 100, title, size=15, bold=True, align="center")
    y = sheet.paragraph(_LEFT, 140, body, size=10.5, width=_WIDTH)
    for _ in range(rng.randint(1, 3)):
        y = sheet.paragraph(_LEFT, y + 14, body, size=10.5, width=_WIDTH)
    y = max(y + 50, 560)
    sheet.hline(_LEFT, _LEFT + 220, y)
    sheet.text(_LEFT, y + 14, f"{borrower.first} {borrower.last}", size=10)
    sheet.text(_LEFT + 300, y + 14, "Date", size=10)
    return sheet.finish()


def _explanation_letter(rng: random.Random, borrower: Person) -> bytes:
    sheet = _sheet(rng, "Letter")
    lender = people.bank(rng)
    sheet.text(_LEFT, 80, _day(rng).strftime("%B %d, %Y"), size=11)
    sheet.text(_LEFT, 110, lender.name, size=11)
    sheet.text(_LEFT, 124, "Attn: Underwriting", size=11)
    sheet.text(_LEFT, 160, rng.choice(("Letter of Explanation", "RE: Letter of explanation")),
               size=12, bold=True)  # fmt: skip
    reason = rng.choice(
        (
            "the credit inquiry from an auto dealer in March; I did not open a new account.",
            "the large deposit on my bank statement, which was a gift from my parents toward the "
            "down payment.",
            "the two month gap in my employment last year, when I moved to take my current job.",
            "the late payment on my credit card, which was caused by a change of billing address.",
        )
    )
    y = sheet.paragraph(_LEFT, 196, "To whom it may concern,", size=11, width=_WIDTH)
    y = sheet.paragraph(_LEFT, y + 10, f"I am writing to explain {reason}", size=11, width=_WIDTH)
    y = sheet.paragraph(
        _LEFT,
        y + 10,
        "Please let me know if you need anything else to complete my application.",
        size=11,
        width=_WIDTH,
    )
    sheet.text(_LEFT, y + 30, "Sincerely,", size=11)
    sheet.text(_LEFT, y + 80, f"{borrower.first} {borrower.last}", size=11)
    return sheet.finish()


def _authorization(rng: random.Random, borrower: Person) -> bytes:
    sheet = _sheet(rng, "Authorization")
    sheet.text(PAGE_WIDTH / 2, 80, rng.choice((
        "Borrower's Certification & Authorization",
        "Authorization to Release Information",
    )), size=14, bold=True, align="center")  # fmt: skip
    y = sheet.paragraph(
        _LEFT,
        120,
        "I hereby authorize the lender to verify my past and present employment, earnings "
        "records, bank accounts, stock holdings, and any other asset balances that are needed "
        "to process my mortgage loan application. I further authorize the lender to order a "
        "consumer credit report and verify other credit information.",
        size=10.5,
        width=_WIDTH,
    )
    y = sheet.paragraph(
        _LEFT,
        y + 12,
        "A photocopy or facsimile of this authorization may be deemed to be the equivalent of "
        "the original and may also be used as a duplicate original.",
        size=10.5,
        width=_WIDTH,
    )
    y += 60
    sheet.hline(_LEFT, _LEFT + 220, y)
    sheet.text(_LEFT, y + 14, "Borrower signature", size=9)
    sheet.hline(_LEFT + 300, _LEFT + 420, y)
    sheet.text(_LEFT + 300, y + 14, "Date", size=9)
    sheet.text(_LEFT, y + 40, f"Print name: {borrower.first} {borrower.last}", size=10)
    return sheet.finish()


def _separator(rng: random.Random, borrower: Person) -> bytes:
    sheet = _sheet(rng, "Blank")
    if rng.random() < 0.5:
        sheet.text(PAGE_WIDTH / 2, 400, "This page intentionally left blank", size=11,
                   align="center")  # fmt: skip
    else:
        sheet.text(_LEFT, 60, f"Loan {people.digits(rng, 10)}", size=9, gray=0.4)
    return sheet.finish()


_BUILDERS: dict[str, Callable[[random.Random, Person], bytes]] = {
    "fax_cover": _fax_cover,
    "invoice": _invoice,
    "disclosure": _disclosure,
    "explanation_letter": _explanation_letter,
    "authorization": _authorization,
    "separator": _separator,
}
assert set(_BUILDERS) == set(KINDS)


def build(rng: random.Random, kind: str, borrower: Person) -> bytes:
    """One page of ``kind`` (see ``KINDS``) about ``borrower``'s loan, as a PDF."""
    return _BUILDERS[kind](rng, borrower)
