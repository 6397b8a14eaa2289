"""The rest of the 1099 family in randomized layouts: 1099-DIV, -MISC, -R, -G, -B, SSA-1099 and
a brokerage's composite statement.

Families (exposed by :mod:`form_1099` as ``FAMILIES_FAMILY``, an opt-in kind of their own so the
draws of the NEC/INT families stay as they were):

* ``form_1099/irs-div|misc|r|g|b``: IRS-like boxed forms in three arrangements: the official
  one (payer and recipient on the left, the boxes in the middle with the year and form number
  beside the first ones, the title and the fine print in a narrow right column, so the title's
  words sit on the same line as the main box's value); the title block above the boxes; and a
  "substitute" form with the boxes in a wide grid under the payer and recipient. A short form
  is sometimes printed twice on the page (Copy B, then Copy 2): one form, one income.
* ``form_1099/ssa-1099``: the Social Security Benefit Statement (boxes 3, 4 and 5 side by side
  or as a list, the description of the amount in box 3 with its own figures) or a letter-like
  statement.
* ``form_1099/statement-div|misc|r|g``: a payer's tax information statement with the boxes as a
  Box / Description / Amount table, a list with leader dots, or a two-column grid.
* ``form_1099/statement-b``: a broker's 1099-B with a summary of proceeds by term (covered and
  noncovered lots) and a total row, and often the transactions themselves with subtotals.
* ``form_1099/composite`` and ``form_1099/composite-pages``: a brokerage's consolidated 1099
  (DIV, INT, B and sometimes MISC sections) on one page, or with the 1099-B on a second page.
  A section whose main box is zero is printed but gives no income.

Distractors: qualified dividends (1b), capital gain distributions (2a, at times larger than
1a), section 897 *ordinary dividends* (2e), taxable amount (2a on R) and the state distribution
equal to the gross one, the distribution code, the tax year a 1099-G refund is for, cost basis
beside proceeds, benefits paid (box 3) beside net benefits (box 5), federal tax withheld.

Truth: one income per form with a non-zero main box (DIV 1a, MISC its non-zero box of 1-3,
R 1, G 1, SSA-1099 5, B the (total) proceeds), annual, ``1099_div|1099_misc|1099_r|1099_g|
ssa_1099|1099_b|1099_int``, employer = the payer, borrower = the recipient with ssn_last4.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from pipeline.samples.randomized import people
from pipeline.samples.randomized.blocks import Drawn, done, letterhead, margins, new_sheet
from pipeline.samples.randomized.draw import (
    PAGE_HEIGHT,
    Column,
    Sheet,
    TableStyle,
    form_cell,
    table,
)
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import Spec, money
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = (
    "form_1099/irs-div",
    "form_1099/irs-misc",
    "form_1099/irs-r",
    "form_1099/irs-g",
    "form_1099/irs-b",
    "form_1099/ssa-1099",
    "form_1099/statement-div",
    "form_1099/statement-misc",
    "form_1099/statement-r",
    "form_1099/statement-g",
    "form_1099/statement-b",
    "form_1099/composite",
    "form_1099/composite-pages",
)


# --- the forms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoxDef:
    """One box: its captions on the IRS form, how a payer's statement words it, what it holds."""

    captions: tuple[str, ...]
    kind: str = "money"  # money | check | text
    statement: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormDef:
    name: str
    number: str
    titles: tuple[str, ...]
    omb: str
    source_type: str
    boxes: dict[str, BoxDef]
    rows: tuple[tuple[str, ...], ...]  # the boxes' rows on the IRS form
    statement_keys: tuple[str, ...]  # the boxes a payer's statement lists

    def caption(self, spec: Spec, key: str, *, statement: bool = False) -> str:
        box = self.boxes[key]
        options = box.statement if statement and box.statement else box.captions
        return spec.word(f"{self.name}-{key}-{'s' if statement else 'f'}", options)


def _m(*captions: str, statement: tuple[str, ...] = ()) -> BoxDef:
    return BoxDef(captions, "money", statement)


def _c(*captions: str) -> BoxDef:
    return BoxDef(captions, "check")


def _t(*captions: str) -> BoxDef:
    return BoxDef(captions, "text")


DIV = FormDef(
    "div",
    "1099-DIV",
    ("Dividends and Distributions",),
    "OMB No. 1545-0110",
    "1099_div",
    {
        "1a": _m(
            "Total ordinary dividends",
            statement=(
                "Total ordinary dividends",
                "Total Ordinary Dividends",
                "Ordinary dividends (total)",
                "Total ordinary dividends (includes 1b)",
            ),
        ),
        "1b": _m("Qualified dividends", statement=("Qualified dividends", "Qualified Dividends")),
        "2a": _m(
            "Total capital gain distr.",
            "Total capital gain distributions",
            statement=("Total capital gain distributions", "Capital gain distributions"),
        ),
        "2b": _m("Unrecap. Sec. 1250 gain"),
        "2c": _m("Section 1202 gain"),
        "2d": _m("Collectibles (28%) gain"),
        "2e": _m("Section 897 ordinary dividends"),
        "2f": _m("Section 897 capital gain"),
        "3": _m("Nondividend distributions"),
        "4": _m("Federal income tax withheld", "Federal income tax w/h"),
        "5": _m("Section 199A dividends"),
        "6": _m("Investment expenses"),
        "7": _m("Foreign tax paid"),
        "8": _t("Foreign country or U.S. possession"),
        "9": _m("Cash liquidation distributions"),
        "10": _m("Noncash liquidation distributions"),
        "11": _c("FATCA filing requirement"),
        "12": _m("Exempt-interest dividends"),
        "13": _m("Specified private activity bond interest dividends"),
        "14": _t("State"),
        "15": _t("State identification no."),
        "16": _m("State tax withheld"),
    },
    (
        ("1a",),
        ("1b",),
        ("2a", "2b"),
        ("2c", "2d"),
        ("2e", "2f"),
        ("3", "4"),
        ("5", "6"),
        ("7", "8"),
        ("9", "10"),
        ("11", "12"),
        ("13",),
        ("14", "15", "16"),
    ),
    ("1a", "1b", "2a", "2e", "3", "4", "5", "7", "12"),
)

MISC = FormDef(
    "misc",
    "1099-MISC",
    ("Miscellaneous Information", "Miscellaneous Income"),
    "OMB No. 1545-0115",
    "1099_misc",
    {
        "1": _m("Rents", statement=("Rents", "Rental income", "Gross rents")),
        "2": _m("Royalties", statement=("Royalties", "Royalty income", "Gross royalties")),
        "3": _m("Other income", statement=("Other income", "Other Income")),
        "4": _m("Federal income tax withheld"),
        "5": _m("Fishing boat proceeds"),
        "6": _m("Medical and health care payments"),
        "7": _c(
            "Payer made direct sales totaling $5,000 or more of consumer products to "
            "recipient for resale",
        ),
        "8": _m(
            "Substitute payments in lieu of dividends or interest",
            statement=("Substitute payments in lieu of dividends or interest",),
        ),
        "9": _m("Crop insurance proceeds"),
        "10": _m("Gross proceeds paid to an attorney"),
        "11": _m("Fish purchased for resale"),
        "12": _m("Section 409A deferrals"),
        "13": _m("Excess golden parachute payments"),
        "14": _m("Nonqualified deferred compensation"),
        "15": _m("State tax withheld"),
        "16": _t("State/Payer's state no."),
        "17": _m("State income"),
    },
    (
        ("1",),
        ("2",),
        ("3", "4"),
        ("5", "6"),
        ("7", "8"),
        ("9", "10"),
        ("11", "12"),
        ("13", "14"),
        ("15", "16", "17"),
    ),
    ("1", "2", "3", "4", "8", "10", "15"),
)

R = FormDef(
    "r",
    "1099-R",
    (
        "Distributions From Pensions, Annuities, Retirement or Profit-Sharing Plans, IRAs, "
        "Insurance Contracts, etc.",
    ),
    "OMB No. 1545-0119",
    "1099_r",
    {
        "1": _m(
            "Gross distribution",
            statement=(
                "Gross distribution",
                "Gross Distribution",
                "Total gross distribution",
                "Gross distribution amount",
            ),
        ),
        "2a": _m("Taxable amount", statement=("Taxable amount", "Taxable Amount")),
        "2b": _c("Taxable amount not determined"),
        "3": _m("Capital gain (included in box 2a)"),
        "4": _m("Federal income tax withheld", statement=("Federal income tax withheld",)),
        "5": _m(
            "Employee contributions/Designated Roth contributions or insurance premiums",
            "Employee contributions or insurance premiums",
            statement=("Employee contributions", "Employee contributions/Roth contributions"),
        ),
        "6": _m("Net unrealized appreciation in employer's securities"),
        "7": _t("Distribution code(s)"),
        "8": _m("Other"),
        "9a": _t("Your percentage of total distribution"),
        "9b": _m("Total employee contributions"),
        "10": _m("Amount allocable to IRR within 5 years"),
        "11": _t("1st year of desig. Roth contrib."),
        "12": _c("FATCA filing requirement"),
        "13": _t("Date of payment"),
        "14": _m("State tax withheld", statement=("State tax withheld",)),
        "15": _t("State/Payer's state no."),
        "16": _m("State distribution", statement=("State distribution",)),
        "17": _m("Local tax withheld"),
        "18": _t("Name of locality"),
        "19": _m("Local distribution"),
    },
    (
        ("1",),
        ("2a",),
        ("2b",),
        ("3", "4"),
        ("5", "6"),
        ("7", "8"),
        ("9a", "9b"),
        ("10", "11"),
        ("12", "13"),
        ("14", "15", "16"),
        ("17", "18", "19"),
    ),
    ("1", "2a", "4", "5", "14", "16"),
)

G = FormDef(
    "g",
    "1099-G",
    ("Certain Government Payments",),
    "OMB No. 1545-0120",
    "1099_g",
    {
        "1": _m(
            "Unemployment compensation",
            statement=(
                "Unemployment compensation",
                "Unemployment compensation paid",
                "Total unemployment compensation",
                "Unemployment benefits paid",
            ),
        ),
        "2": _m(
            "State or local income tax refunds, credits, or offsets",
            statement=("State or local income tax refunds, credits, or offsets",),
        ),
        "3": _t("Box 2 amount is for tax year"),
        "4": _m("Federal income tax withheld", statement=("Federal income tax withheld",)),
        "5": _m("RTAA payments"),
        "6": _m("Taxable grants"),
        "7": _m("Agriculture payments"),
        "8": _c("If checked, box 2 is trade or business income"),
        "9": _m("Market gain"),
        "10a": _t("State"),
        "10b": _t("State identification no."),
        "11": _m("State income tax withheld", statement=("State income tax withheld",)),
    },
    (("1",), ("2",), ("3", "4"), ("5", "6"), ("7", "8"), ("9",), ("10a", "10b", "11")),
    ("1", "2", "4", "11"),
)

B = FormDef(
    "b",
    "1099-B",
    ("Proceeds From Broker and Barter Exchange Transactions",),
    "OMB No. 1545-0715",
    "1099_b",
    {
        "1a": _t("Description of property (Example: 100 sh. XYZ Co.)"),
        "1b": _t("Date acquired"),
        "1c": _t("Date sold or disposed"),
        "1d": _m("Proceeds"),
        "1e": _m("Cost or other basis"),
        "1f": _m("Accrued market discount"),
        "1g": _m("Wash sale loss disallowed"),
        "2": _t("Short-term gain or loss / Long-term gain or loss / Ordinary"),
        "3": _c("Check if proceeds from: Collectibles / QOF"),
        "4": _m("Federal income tax withheld"),
        "5": _c("Check if noncovered security"),
        "6": _t("Reported to IRS: Gross proceeds / Net proceeds"),
        "7": _c("Check if loss is not allowed based on amount in 1d"),
        "8": _m("Profit or (loss) realized on closed contracts"),
        "9": _m("Unrealized profit or (loss) on open contracts - prior year"),
        "10": _m("Unrealized profit or (loss) on open contracts - current year"),
        "11": _m("Aggregate profit or (loss) on contracts"),
        "12": _c("Check if basis reported to IRS"),
        "13": _m("Bartering"),
        "14": _t("State name"),
        "15": _t("State identification no."),
        "16": _m("State tax withheld"),
    },
    (
        ("1a",),
        ("1b", "1c"),
        ("1d", "1e"),
        ("1f", "1g"),
        ("2", "3"),
        ("4", "5"),
        ("6", "7"),
        ("8", "9"),
        ("10", "11"),
        ("12", "13"),
        ("14", "15", "16"),
    ),
    ("1d", "1e", "1g", "4"),
)

INT = FormDef(
    "int",
    "1099-INT",
    ("Interest Income",),
    "OMB No. 1545-0112",
    "1099_int",
    {
        "1": _m(
            "Interest income",
            statement=("Interest income", "Interest Income", "Taxable interest income"),
        ),
        "2": _m("Early withdrawal penalty"),
        "3": _m(
            "Interest on U.S. Savings Bonds and Treasury obligations",
            "Interest on U.S. Savings Bonds and Treas. obligations",
        ),
        "4": _m("Federal income tax withheld"),
        "5": _m("Investment expenses"),
        "6": _m("Foreign tax paid"),
        "8": _m("Tax-exempt interest"),
        "10": _m("Market discount"),
        "11": _m("Bond premium"),
    },
    (("1",), ("2", "3"), ("4", "5"), ("6", "8"), ("10", "11")),
    ("1", "2", "3", "4", "8", "11"),
)

SSA = FormDef(
    "ssa",
    "SSA-1099",
    ("Social Security Benefit Statement",),
    "",
    "ssa_1099",
    {"5": _m("Net Benefits")},
    (),
    ("5",),
)

FORMS = {f.name: f for f in (DIV, MISC, R, G, B, INT, SSA)}
MAIN_KEYS = {"div": "1a", "misc": "1", "r": "1", "g": "1", "b": "1d", "int": "1", "ssa": "5"}

_STATES = {
    "OH": "Ohio", "ID": "Idaho", "OR": "Oregon", "OK": "Oklahoma", "NY": "New York",
    "GA": "Georgia", "WI": "Wisconsin", "WA": "Washington", "CA": "California", "TX": "Texas",
    "VT": "Vermont", "ME": "Maine", "NC": "North Carolina", "NM": "New Mexico",
    "MN": "Minnesota", "KY": "Kentucky", "UT": "Utah", "CO": "Colorado", "MI": "Michigan",
    "LA": "Louisiana", "SC": "South Carolina", "IA": "Iowa", "PA": "Pennsylvania",
    "FL": "Florida", "NV": "Nevada", "MT": "Montana", "AZ": "Arizona", "IN": "Indiana",
    "WY": "Wyoming",
}  # fmt: skip
_AGENCIES = (
    "{state} Department of Labor",
    "{state} Employment Security Department",
    "{state} Workforce Commission",
    "{state} Department of Employment Services",
    "{state} Unemployment Insurance Division",
)
_RETIREMENT_KINDS = (
    "Retirement Services, Inc.",
    "Pension Trust",
    "Life Insurance Company",
    "Annuity Company",
    "Retirement Plan Services LLC",
)
_FUND_KINDS = ("Funds", "Mutual Funds", "Investment Trust", "Fund Services")
_FUND_HEADS = (
    "Harbor Point", "Bluewater", "Pinecrest", "Stonebridge", "Northfield", "Clearwater",
    "Silver Oak", "Beacon Street", "Granite Ridge", "Alder Creek", "Lantern Hill", "Seven Pines",
)  # fmt: skip
_TICKERS = (
    "ACME CORP", "NORTHWIND INC", "CONTOSO LTD", "FABRIKAM CO", "LITWARE INC", "TAILSPIN TOYS",
    "WINGTIP HLDGS", "ADVENTURE WORKS", "PROSEWARE INC", "TREY RESEARCH",
)  # fmt: skip
SSA_NAME = "Social Security Administration"


# --- facts ----------------------------------------------------------------------------------


@dataclass
class Filing:
    """One form's values: amounts by box, text boxes, ticked boxes."""

    form: FormDef
    main_key: str
    amounts: dict[str, Decimal] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    checks: set[str] = field(default_factory=set)
    page: int = 1

    @property
    def main(self) -> Decimal:
        return self.amounts.get(self.main_key, Decimal(0))


@dataclass
class Lot:
    """A 1099-B category (term and covered or not) and its transactions."""

    name: str
    box: str
    sales: list[tuple[str, str, date, date, Decimal, Decimal]]  # desc, qty, acquired, sold, p, c

    @property
    def short(self) -> str:
        term = "Short-term" if self.box in "AB" else "Long-term"
        return f"{term} {'covered' if self.box in 'AD' else 'noncovered'}"

    @property
    def proceeds(self) -> Decimal:
        return sum((s[4] for s in self.sales), Decimal(0))

    @property
    def basis(self) -> Decimal:
        return sum((s[5] for s in self.sales), Decimal(0))


@dataclass
class Facts:
    year: int
    payer: Organisation
    recipient: Person
    account: str
    filings: list[Filing]
    lots: list[Lot] = field(default_factory=list)


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return money(Decimal(rng.randint(low * 100, high * 100)) / 100)


def _share(value: Decimal, low: int, high: int, rng: random.Random) -> Decimal:
    return money(value * Decimal(rng.randint(low, high)) / 100)


def _filing(rng: random.Random, name: str, year: int, recipient: Person) -> Filing:
    form = FORMS[name]
    f = Filing(form, MAIN_KEYS[name])
    a = f.amounts
    state = recipient.address.state
    if name == "div":
        main = _cents(rng, 40, 60000)
        a["1a"] = main
        if rng.random() < 0.8:
            a["1b"] = _share(main, 40, 95, rng)
        if rng.random() < 0.45:
            a["2a"] = _cents(rng, 20, 90000)
        if rng.random() < 0.12:
            a["2e"] = _share(main, 5, 30, rng)
        if rng.random() < 0.15:
            a["3"] = _cents(rng, 10, 3000)
        if rng.random() < 0.15:
            a["4"] = _share(main, 24, 24, rng)
        if rng.random() < 0.3:
            a["5"] = _share(main, 5, 40, rng)
        if rng.random() < 0.3:
            a["7"] = _share(main, 1, 6, rng)
            f.texts["8"] = rng.choice(("Various", "RIC", "VARIOUS"))
        if rng.random() < 0.15:
            a["12"] = _cents(rng, 50, 40000)
        if rng.random() < 0.2:
            a["16"] = _share(main, 2, 6, rng)
            f.texts["14"] = state
            f.texts["15"] = people.digits(rng, 8)
    elif name == "misc":
        key = rng.choices(("1", "2", "3"), weights=(4, 2.5, 3.5))[0]
        f.main_key = key
        main = _cents(rng, 600, 90000)
        a[key] = main
        if rng.random() < 0.2:
            a["4"] = _share(main, 10, 24, rng)
        if rng.random() < 0.06:
            a["8"] = _cents(rng, 20, 2000)
        if rng.random() < 0.05:
            a["10"] = _cents(rng, 1000, 50000)
        if rng.random() < 0.4:
            a["15"] = _share(main, 2, 6, rng)
            f.texts["16"] = f"{state} {people.digits(rng, 7)}"
            a["17"] = main
        if rng.random() < 0.1:
            f.checks.add("7")
    elif name == "r":
        main = _cents(rng, 800, 150000)
        a["1"] = main
        a["2a"] = main if rng.random() < 0.6 else _share(main, 40, 95, rng)
        if rng.random() < 0.15:
            f.checks.add("2b")
        if rng.random() < 0.6:
            a["4"] = _share(main, 10, 20, rng)
        if rng.random() < 0.2 and a["2a"] < main:
            a["5"] = main - a["2a"]
        if rng.random() < 0.08:
            a["9b"] = _cents(rng, 500, 20000)
        f.texts["7"] = rng.choice(("7", "7", "1", "2", "4", "G", "7D"))
        if rng.random() < 0.1:
            f.texts["11"] = str(rng.randint(2005, year - 2))
        if rng.random() < 0.3:
            f.texts["13"] = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{year}"
        if rng.random() < 0.45:
            a["14"] = _share(main, 2, 6, rng)
            f.texts["15"] = f"{state} {people.digits(rng, 7)}"
            a["16"] = main
    elif name == "g":
        main = _cents(rng, 500, 32000)
        a["1"] = main
        if rng.random() < 0.5:
            a["4"] = _share(main, 10, 10, rng)
        if rng.random() < 0.25:
            a["2"] = _cents(rng, 40, 2500)
            f.texts["3"] = str(year - 1)
        if rng.random() < 0.3:
            a["11"] = _share(main, 2, 5, rng)
            f.texts["10a"] = state
            f.texts["10b"] = people.digits(rng, 9)
    elif name == "b":
        main = _cents(rng, 500, 250000)
        a["1d"] = main
        a["1e"] = _share(main, 60, 130, rng)
        if rng.random() < 0.1:
            a["1g"] = _cents(rng, 10, 900)
        if rng.random() < 0.05:
            a["4"] = _share(main, 24, 24, rng)
        sold = date(year, rng.randint(1, 12), rng.randint(1, 28))
        bought = sold - timedelta(days=rng.randint(20, 2400))
        shares = rng.randint(2, 900)
        f.texts["1a"] = f"{shares} sh. {rng.choice(_TICKERS)}"
        f.texts["1b"] = f"{bought:%m/%d/%Y}"
        f.texts["1c"] = f"{sold:%m/%d/%Y}"
        f.texts["2"] = "Long-term" if (sold - bought).days > 365 else "Short-term"
        f.checks.add("12")
    elif name == "int":
        main = _cents(rng, 5, 25000)
        a["1"] = main
        if rng.random() < 0.3:
            a["3"] = _cents(rng, 10, 4000)
        if rng.random() < 0.3:
            a["8"] = _cents(rng, 10, 3000)
        if rng.random() < 0.1:
            a["11"] = _cents(rng, 5, 300)
    return f


def _payer(rng: random.Random, name: str, recipient: Person) -> Organisation:
    if name in ("div", "b"):
        if rng.random() < 0.6:
            return people.brokerage(rng)
        org = people.company(rng)
        head = rng.choice(_FUND_HEADS)
        return Organisation(f"{head} {rng.choice(_FUND_KINDS)}", org.address, org.phone, org.ein)
    if name == "r":
        org = people.company(rng)
        head = rng.choice(_FUND_HEADS)
        kind = rng.choice(_RETIREMENT_KINDS)
        return Organisation(f"{head} {kind}", org.address, org.phone, org.ein)
    if name == "g":
        org = people.company(rng)
        state = _STATES.get(recipient.address.state, "State")
        return Organisation(
            rng.choice(_AGENCIES).format(state=state), org.address, org.phone, org.ein
        )
    return people.company(rng)


def _facts(rng: random.Random, names: list[str]) -> Facts:
    year = rng.choice((2020, 2021, 2022, 2023))
    recipient = people.person(rng)
    payer = _payer(rng, names[0], recipient)
    filings = [_filing(rng, n, year, recipient) for n in names]
    account = rng.choice(
        ("", people.digits(rng, 8), f"{people.digits(rng, 4)}-{people.digits(rng, 4)}")
    )
    return Facts(year, payer, recipient, account, filings)


def _lots(rng: random.Random, year: int, total_hint: Decimal) -> list[Lot]:
    """1099-B categories with their sales; the proceeds add up to the summary's total."""
    kinds = [
        ("Short-term transactions for covered tax lots", "A"),
        ("Short-term transactions for noncovered tax lots", "B"),
        ("Long-term transactions for covered tax lots", "D"),
        ("Long-term transactions for noncovered tax lots", "E"),
    ]
    chosen = [k for k in kinds if rng.random() < (0.7 if k[1] in "AD" else 0.2)] or [kinds[0]]
    lots = []
    for name, box in chosen:
        sales = []
        for _ in range(rng.randint(1, 4)):
            proceeds = _cents(rng, 200, max(400, int(total_hint) // 3 + 300))
            basis = _share(proceeds, 55, 135, rng)
            sold = date(year, rng.randint(1, 12), rng.randint(1, 28))
            days = rng.randint(20, 360) if box in "AB" else rng.randint(370, 3000)
            qty = f"{rng.randint(1, 600)}.000" if rng.random() < 0.5 else str(rng.randint(1, 600))
            sales.append(
                (rng.choice(_TICKERS), qty, sold - timedelta(days=days), sold, proceeds, basis)
            )
        lots.append(Lot(name, box, sales))
    return lots


# --- shared pieces --------------------------------------------------------------------------


def _recipient_block(
    sheet: Sheet, spec: Spec, facts: Facts, x: float, y: float, width: float
) -> float:
    """The recipient's name and address (window-envelope style) and the ids beside them."""
    rng = spec.rng
    name = spec.name(facts.recipient, rng.choice(("natural", "upper", "last_first_upper")))
    lines = [
        name,
        *people.address_lines(
            rng, facts.recipient.address, facts.recipient.unit_line, upper=name.isupper()
        ),
    ]
    size = spec.size
    half = width / 2 - 10
    for n, line in enumerate(lines):
        sheet.text(x, y + n * size * 1.3, line, size=size, max_width=half)
    ids = [
        (rng.choice(("Recipient's TIN", "Taxpayer ID", "Your TIN")), spec.ssn(facts.recipient)),
        (rng.choice(("Payer's TIN", "Payer's federal ID number")), facts.payer.ein),
    ]
    if facts.account:
        ids.append((rng.choice(("Account number", "Account No.", "Reference")), facts.account))
    for n, (label, value) in enumerate(ids):
        sheet.text(
            x + half + 20, y + n * size * 1.3, f"{label}: {value}", size=size, max_width=half
        )
    return y + max(len(lines), len(ids)) * size * 1.3 + 10


def _amount_cell(
    sheet: Sheet,
    spec: Spec,
    cx: float,
    cy: float,
    w: float,
    h: float,
    caption: str,
    value: str,
    *,
    ls: float,
    vs: float,
    dollar: bool,
    align: str,
) -> None:
    """A form's amount box: the caption, then "$" at the box's left edge (when printed) and
    the amount left- or right-aligned."""
    form_cell(sheet, cx, cy, w, h, caption, label_size=ls)
    # clear of the next box's caption (a text layer's boxes are taller than the ink)
    baseline = cy + h - 5 - vs * 0.22
    if dollar:
        sheet.text(cx + 3, baseline, "$", size=vs)
    if not value:
        return
    if align == "right":
        sheet.text(cx + w - 4, baseline, value, size=vs, align="right", max_width=w - 16)
    else:
        sheet.text(cx + (14 if dollar else 4), baseline, value, size=vs, max_width=w - 18)


_FINE_PRINT = (
    "This is important tax information and is being furnished to the IRS. If you are "
    "required to file a return, a negligence penalty or other sanction may be imposed on you "
    "if this income is taxable and the IRS determines that it has not been reported."
)
_FINE_PRINT_R = (
    "Report this income on your federal tax return. If this form shows federal income tax "
    "withheld in box 4, attach this copy to your return. This information is being furnished "
    "to the IRS."
)


# --- IRS-like boxed forms ---------------------------------------------------------------------


def _irs(
    sheet: Sheet,
    spec: Spec,
    facts: Facts,
    filing: Filing,
    x: float,
    width: float,
    *,
    top: float | None = None,
    copy: str = "B",
) -> float:
    """One copy of the form (at ``top``, or where the layout draws it); returns its bottom."""
    rng = spec.rng
    form = filing.form
    arrangement = rng.choice(("official", "stacked", "wide"))
    ls = rng.choice((6.0, 6.5, 7.0))
    vs = rng.choice((8.5, 9.0, 9.5, 10.0))
    row = rng.choice((26.0, 28.0, 30.0))
    y = rng.choice((40.0, 54.0, 70.0)) if top is None else top
    dollar = spec.chance(0.5)
    align = rng.choice(("left", "right"))
    title = spec.word(f"{form.name}-title", form.titles)
    year_style = rng.choice(("calendar", "big", "split"))
    if spec.chance(0.5):
        sheet.text(x + width * 0.4, y - 6, "CORRECTED (if checked)", size=6.5)

    def cell(key: str, cx: float, cy: float, w: float, h: float) -> None:
        box = form.boxes[key]
        caption = f"{key} {form.caption(spec, key)}"
        if box.kind == "money":
            value = spec.amount(filing.amounts[key]) if key in filing.amounts else ""
            _amount_cell(
                sheet, spec, cx, cy, w, h, caption, value, ls=ls, vs=vs, dollar=dollar, align=align
            )
        elif box.kind == "check":
            form_cell(sheet, cx, cy, w, h, caption, label_size=ls)
            sheet.checkbox(cx + w - 11, cy + h - 3, checked=key in filing.checks, size=7)
        else:
            form_cell(
                sheet,
                cx,
                cy,
                w,
                h,
                caption,
                filing.texts.get(key, ""),
                label_size=ls,
                value_size=vs,
            )

    def row_height(keys: tuple[str, ...], w: float) -> float:
        wraps = any(sheet.width(f"{k} {form.caption(spec, k)}", ls) > w - 4 for k in keys)
        return row + (ls * 1.1 if wraps else 0.0)

    def year_block(bx: float, by: float, w: float, h: float) -> None:
        sheet.rect(bx, by, w, h)
        sheet.text(bx + 4, by + 9, form.omb, size=6, max_width=w - 8)
        if year_style == "calendar":
            sheet.text(bx + 4, by + 21, "For calendar year", size=6.5, max_width=w - 8)
            sheet.text(bx + 4, by + 33, str(facts.year), size=11, bold=True)
        elif year_style == "big":
            sheet.text(bx + 4, by + 30, str(facts.year), size=16, font="Helvetica-Bold")
        else:
            drawn = sheet.text(bx + 4, by + 30, "20", size=15, font="Helvetica")
            sheet.text(
                bx + 4 + drawn + 2, by + 30, str(facts.year)[2:], size=15, font="Courier-Bold"
            )
        if h > 48:
            sheet.text(
                bx + 4, by + h - 6, f"Form {form.number}", size=8.5, bold=True, max_width=w - 8
            )

    recipient_name = spec.name(facts.recipient, rng.choice(("natural", "upper")))
    upper = recipient_name.isupper()
    payer_lines = [
        facts.payer.name.upper() if rng.random() < 0.4 else facts.payer.name,
        *people.address_lines(rng, facts.payer.address, None),
        facts.payer.phone,
    ]
    street, *rest = people.address_lines(
        rng, facts.recipient.address, facts.recipient.unit_line, upper=upper
    )
    street_value = street if len(rest) == 1 else [street, rest[0]]
    tin = spec.ssn(facts.recipient)

    def left_column(lx: float, ly: float, lw: float) -> float:
        form_cell(
            sheet,
            lx,
            ly,
            lw,
            row * 3.3,
            "PAYER'S name, street address, city or town, state or province, country, ZIP "
            "or foreign postal code, and telephone no.",
            payer_lines,
            label_size=ls,
            value_size=vs - 1.0,
        )
        ly += row * 3.3
        form_cell(
            sheet, lx, ly, lw / 2, row, "PAYER'S TIN", facts.payer.ein, label_size=ls, value_size=vs
        )
        form_cell(
            sheet,
            lx + lw / 2,
            ly,
            lw / 2,
            row,
            "RECIPIENT'S TIN",
            tin,
            label_size=ls,
            value_size=vs,
        )
        ly += row
        stacked: list[tuple[float, str, str | list[str]]] = [
            (1.15, "RECIPIENT'S name", recipient_name),
            (1.15, "Street address (including apt. no.)", street_value),
            (1.0, "City or town, state or province, country, and ZIP or foreign postal code",
             rest[-1]),
            (1.0, "Account number (see instructions)", facts.account),
        ]  # fmt: skip
        for rows_high, caption, value in stacked:
            form_cell(
                sheet, lx, ly, lw, row * rows_high, caption, value, label_size=ls, value_size=vs
            )
            ly += row * rows_high
        if form.name == "b":
            form_cell(
                sheet,
                lx,
                ly,
                lw / 2,
                row,
                "CUSIP number",
                people.digits(rng, 9),
                label_size=ls,
                value_size=vs,
            )
            form_cell(
                sheet,
                lx + lw / 2,
                ly,
                lw / 2,
                row,
                "Applicable checkbox on Form 8949",
                "",
                label_size=ls,
            )
            ly += row
        return ly

    def grid(
        gx: float, gy: float, gw: float, rows: list[tuple[str, ...]], first_w: float | None
    ) -> float:
        """Boxes row by row; single-box rows are ``first_w`` wide when given."""
        for keys in rows:
            w = (first_w if first_w and len(keys) == 1 else gw) / len(keys)
            h = row_height(keys, w)
            for n, key in enumerate(keys):
                cell(key, gx + n * w, gy, w, h)
            gy += h
        return gy

    rows = list(form.rows)
    if arrangement == "official":
        left_w = width * rng.choice((0.4, 0.42, 0.44))
        right_w = width * rng.choice((0.19, 0.21))
        mid_w = width - left_w - right_w
        mx, rx = x + left_w, x + width - right_w
        bottom_left = left_column(x, y, left_w)
        singles = 0
        while singles < len(rows) and len(rows[singles]) == 1:
            singles += 1
        singles = min(singles, 2)
        gy = grid(mx, y, mid_w, rows[:singles], mid_w / 2)
        year_block(mx + mid_w / 2, y, mid_w / 2, gy - y)
        gy = grid(mx, gy, mid_w, rows[singles:], None)
        # the title, the copy and the fine print run down the right column beside the boxes
        ty = y + 10
        for line in sheet.wrap(title, 8.5, right_w - 8, bold=True)[:6]:
            sheet.text(rx + right_w - 4, ty, line, size=8.5, bold=True, align="right")
            ty += 10
        ty += 10
        sheet.text(rx + right_w - 4, ty, f"Copy {copy}", size=9, bold=True, align="right")
        ty += 10
        sheet.text(rx + right_w - 4, ty, "For Recipient", size=7, bold=True, align="right")
        ty += 14
        note = _FINE_PRINT_R if form.name == "r" else _FINE_PRINT
        for line in sheet.wrap(note, 6.5, right_w - 8):
            if ty > gy - 4:
                break
            sheet.text(rx + right_w - 4, ty, line, size=6.5, align="right")
            ty += 8.5
        bottom = max(bottom_left, gy)
    elif arrangement == "stacked":
        left_w = width * rng.choice((0.48, 0.5, 0.52))
        rx, rw = x + left_w, width - left_w
        bottom_left = left_column(x, y, left_w)
        head = row * 3.3
        sheet.rect(rx, y, rw, head)
        sheet.text(rx + 4, y + 10, form.omb, size=6.5)
        if year_style == "calendar":
            sheet.text(rx + 4, y + 22, f"For calendar year {facts.year}", size=7.5)
        else:
            sheet.text(rx + 4, y + 32, str(facts.year), size=16, font="Helvetica-Bold")
        sheet.text(rx + 4, y + head - 8, f"Form {form.number}", size=9, bold=True)
        ty = y + 14
        for line in sheet.wrap(title, 8.5, rw * 0.5, bold=True)[:4]:
            sheet.text(rx + rw - 4, ty, line, size=8.5, bold=True, align="right")
            ty += 10
        sheet.text(
            rx + rw - 4,
            y + head - 6,
            f"Copy {copy}  For Recipient",
            size=7,
            bold=True,
            align="right",
        )
        gy = grid(rx, y + head, rw, rows, None)
        bottom = max(bottom_left, gy)
    else:  # wide: title across the top, payer and recipient side by side, boxes in a grid
        sheet.text(x, y + 12, f"Form {form.number}", size=12, bold=True)
        title_lines = sheet.wrap(title, 8.5, width * 0.62, bold=True)[:2]
        for n, line in enumerate(title_lines):
            sheet.text(x + width, y + 9 + n * 10, line, size=8.5, bold=True, align="right")
        y += 10 * (len(title_lines) - 1)
        sheet.text(
            x + width,
            y + 21,
            f"{form.omb}   "
            + (f"Tax year {facts.year}" if year_style != "big" else str(facts.year)),
            size=7,
            align="right",
        )
        y += 28
        half = width / 2
        form_cell(
            sheet,
            x,
            y,
            half,
            row * 3.3,
            "PAYER'S name, street address, city or town, state or province, country, ZIP "
            "or foreign postal code, and telephone no.",
            payer_lines,
            label_size=ls,
            value_size=vs - 1.0,
        )
        form_cell(
            sheet,
            x + half,
            y,
            half,
            row * 3.3,
            "RECIPIENT'S name, street address (including apt. no.), city or town, state, "
            "and ZIP code",
            [
                recipient_name,
                *([street_value] if isinstance(street_value, str) else street_value),
                rest[-1],
            ],
            label_size=ls,
            value_size=vs - 1.0,
        )
        y += row * 3.3
        third = width / 3
        form_cell(
            sheet, x, y, third, row, "PAYER'S TIN", facts.payer.ein, label_size=ls, value_size=vs
        )
        form_cell(
            sheet, x + third, y, third, row, "RECIPIENT'S TIN", tin, label_size=ls, value_size=vs
        )
        form_cell(
            sheet,
            x + 2 * third,
            y,
            third,
            row,
            "Account number (see instructions)",
            facts.account,
            label_size=ls,
            value_size=vs,
        )
        y += row
        keys = [k for r in rows for k in r]
        per_row = rng.choice((3, 4))
        flat = [tuple(keys[i : i + per_row]) for i in range(0, len(keys), per_row)]
        flat = [r + ("",) * (per_row - len(r)) for r in flat]
        for keys_row in flat:
            w = width / per_row
            real = tuple(k for k in keys_row if k)
            h = row_height(real, w)
            for n, key in enumerate(keys_row):
                if key:
                    cell(key, x + n * w, y, w, h)
            y += h
        bottom = y
    sheet.text(x, bottom + 12, f"Form {form.number}", size=8, bold=True)
    sheet.text(
        x + width,
        bottom + 12,
        "Department of the Treasury - Internal Revenue Service",
        size=6.5,
        align="right",
    )
    if spec.chance(0.4):
        sheet.text(x, bottom + 24, "(keep for your records)", size=6.5)
    return bottom + 30


# --- SSA-1099 -------------------------------------------------------------------------------


@dataclass
class Benefits:
    paid: Decimal  # box 3
    repaid: Decimal  # box 4
    withheld: Decimal  # box 6
    medicare: Decimal
    deposit: Decimal
    claim: str

    @property
    def net(self) -> Decimal:
        return self.paid - self.repaid


def _benefits(rng: random.Random, who: Person) -> Benefits:
    paid = money(Decimal(rng.randint(600, 3900)) * 12 + Decimal(rng.randint(0, 99)) / 100)
    repaid = _cents(rng, 100, 4000) if rng.random() < 0.3 else Decimal(0)
    medicare = money(Decimal(rng.choice(("144.60", "148.50", "164.90", "170.10"))) * 12)
    withheld = _share(paid, 7, 12, rng) if rng.random() < 0.3 else Decimal(0)
    ssn = f"{who.ssn[:3]}-{who.ssn[3:5]}-{who.ssn[5:]}"
    suffix = rng.choice(("A", "A", "A", "B", "D"))
    if suffix == "B":  # a spouse's benefit: the claim number is the other earner's
        other = people.ssn(rng)
        ssn = f"{other[:3]}-{other[3:5]}-{other[5:]}"
    return Benefits(paid, repaid, withheld, medicare, paid - medicare - withheld, ssn + suffix)


def _ssa(sheet: Sheet, spec: Spec, facts: Facts, ben: Benefits, x: float, width: float) -> None:
    rng = spec.rng
    year = facts.year
    who = facts.recipient
    name = spec.name(who, rng.choice(("upper", "natural")))
    size = spec.size
    none = rng.choice(("NONE", "0.00", "$0.00"))

    def amt(value: Decimal) -> str:
        return spec.amount(value) if value else none

    style = rng.choice(("official", "official", "letter"))
    y = rng.choice((44.0, 56.0))
    if style == "letter":
        y = letterhead(
            sheet,
            spec,
            Organisation(SSA_NAME, facts.payer.address, facts.payer.phone, ""),
            x=x,
            y=y,
            width=width,
        )
        y += 6
        lines = [name, *people.address_lines(rng, who.address, who.unit_line, upper=name.isupper())]
        for n, line in enumerate(lines):
            sheet.text(x, y + n * size * 1.3, line, size=size, max_width=width / 2)
        y += len(lines) * size * 1.3 + 14
        sheet.text(
            x,
            y,
            f"Your {year} Social Security Benefit Statement (Form SSA-1099)",
            size=size + 3,
            bold=True,
            max_width=width,
        )
        y += size * 2.4
        pairs = [
            ("Beneficiary's Social Security Number", spec.ssn(who)),
            (f"Benefits paid in {year} (Box 3)", amt(ben.paid)),
            (f"Benefits repaid to SSA in {year} (Box 4)", amt(ben.repaid)),
            (f"Net benefits for {year} (Box 5)", amt(ben.net)),
            ("Voluntary federal income tax withheld (Box 6)", amt(ben.withheld)),
            ("Claim number", ben.claim),
        ]
        label_w = max(sheet.width(p[0], size) for p in pairs) + 20
        for label, value in pairs:
            sheet.text(x, y, label, size=size, bold=spec.label_bold)
            sheet.text(x + label_w + 90, y, value, size=size, align="right")
            y += size * 1.6
        y += 10
        sheet.paragraph(
            x,
            y,
            "Part of your Social Security benefits shown in box 5 may be taxable income. "
            "Keep this statement for your records; do not return it to SSA or the IRS.",
            size=max(6.5, size - 1),
            width=width,
        )
        return
    sheet.text(x, y, "FORM SSA-1099 - SOCIAL SECURITY BENEFIT STATEMENT", size=10, bold=True)
    if spec.chance(0.5):
        sheet.text(x + width, y, SSA_NAME.upper(), size=7, align="right")
    y += 8
    sheet.text(x, y + 22, str(year), size=20, font="Helvetica-Bold")
    sheet.paragraph(
        x + 70,
        y + 10,
        "PART OF YOUR SOCIAL SECURITY BENEFITS SHOWN IN BOX 5 MAY BE TAXABLE INCOME. "
        "SEE THE REVERSE FOR MORE INFORMATION.",
        size=6.5,
        width=width - 80,
    )
    y += 32
    ls, vs, row = 6.5, rng.choice((8.5, 9.0, 9.5)), rng.choice((26.0, 28.0))
    half = width * rng.choice((0.55, 0.6))
    form_cell(sheet, x, y, half, row, "Box 1. Name", name, label_size=ls, value_size=vs)
    form_cell(
        sheet,
        x + half,
        y,
        width - half,
        row,
        "Box 2. Beneficiary's Social Security Number",
        spec.ssn(who),
        label_size=ls,
        value_size=vs,
    )
    y += row
    boxes = [
        (f"Box 3. Benefits Paid in {year}", amt(ben.paid)),
        (f"Box 4. Benefits Repaid to SSA in {year}", amt(ben.repaid)),
        (f"Box 5. Net Benefits for {year} (Box 3 minus Box 4)", amt(ben.net)),
    ]
    if spec.chance(0.6):
        third = width / 3
        for n, (label, value) in enumerate(boxes):
            form_cell(
                sheet,
                x + n * third,
                y,
                third,
                row * 1.2,
                label,
                value,
                label_size=ls,
                value_size=vs,
                value_align=rng.choice(("left", "right")),
            )
        y += row * 1.2
    else:
        for label, value in boxes:
            sheet.rect(x, y, width, row * 0.75)
            sheet.text(x + 3, y + row * 0.5, label, size=ls + 1)
            sheet.text(x + width - 6, y + row * 0.5, value, size=vs, align="right")
            y += row * 0.75
    y += 12
    col = width * 0.55
    sheet.text(x, y, "DESCRIPTION OF AMOUNT IN BOX 3", size=7, bold=True)
    sheet.text(x + col + 10, y, "DESCRIPTION OF AMOUNT IN BOX 4", size=7, bold=True)
    y += 12
    rows3 = [
        ("Paid by check or direct deposit", ben.deposit),
        ("Medicare Part B premiums deducted from your benefits", ben.medicare),
    ]
    if ben.withheld:
        rows3.append(("Voluntary federal income tax withheld", ben.withheld))
    rows3.append((f"Benefits for {year}", ben.paid))
    ry = y
    for text, figure in rows3:
        sheet.text(x, ry, text, size=7, max_width=col - 70)
        sheet.text(x + col - 4, ry, spec.amount(figure), size=7.5, align="right")
        ry += 11
    rows4 = [(f"Benefits repaid to SSA in {year}", ben.repaid)] if ben.repaid else []
    ly = y
    for text, figure in rows4:
        sheet.text(x + col + 10, ly, text, size=7, max_width=width - col - 80)
        sheet.text(x + width - 4, ly, spec.amount(figure), size=7.5, align="right")
        ly += 11
    if not rows4:
        sheet.text(x + col + 10, ly, "NONE", size=7)
        ly += 11
    y = max(ry, ly) + 8
    form_cell(
        sheet,
        x + col,
        y,
        width - col,
        row,
        "Box 6. Voluntary Federal Income Tax Withheld",
        amt(ben.withheld),
        label_size=ls,
        value_size=vs,
    )
    y += row
    street, *rest = people.address_lines(rng, who.address, who.unit_line, upper=name.isupper())
    form_cell(
        sheet,
        x + col,
        y,
        width - col,
        row * 2.2,
        "Box 7. Address",
        [name, street, *rest],
        label_size=ls,
        value_size=vs - 1,
    )
    y += row * 2.2
    form_cell(
        sheet,
        x + col,
        y,
        width - col,
        row,
        "Box 8. Claim Number (Use this number if you need to contact SSA.)",
        ben.claim,
        label_size=ls,
        value_size=vs,
    )
    y += row + 12
    sheet.text(x, y, "Form SSA-1099-SM (1-" + str(year + 1) + ")", size=7)
    sheet.text(
        x + width, y, "DO NOT RETURN THIS FORM TO SSA OR IRS", size=7, bold=True, align="right"
    )


# --- payers' statements ---------------------------------------------------------------------


def _box_rows(spec: Spec, filing: Filing, *, zero_share: float = 0.5) -> list[tuple[str, str, str]]:
    """(box, wording, amount) for a statement: the main box always, zero boxes now and then."""
    rng = spec.rng
    out = []
    form = filing.form
    for key in form.statement_keys:
        amount = filing.amounts.get(key, Decimal(0))
        main = key == filing.main_key or (form.name == "misc" and key in ("1", "2", "3"))
        if amount or main or rng.random() < zero_share:
            out.append((key, form.caption(spec, key, statement=True), spec.amount(amount)))
    return out


def _box_list(
    sheet: Sheet, spec: Spec, filing: Filing, x: float, y: float, width: float, style: str
) -> float:
    """A form's boxes as a table, a list with leaders or a two-column grid; returns y below."""
    rng = spec.rng
    size = spec.size
    rows = _box_rows(spec, filing)
    if style == "table":
        bold = {n for n, r in enumerate(rows) if r[0] == filing.main_key}
        columns = [
            Column(rng.choice(("Box", "Box No."))),
            Column("Description"),
            Column(rng.choice(("Amount", "Amount ($)", "Total")), "right"),
        ]
        return (
            table(
                sheet,
                x,
                y,
                width,
                columns,
                [list(r) for r in rows],
                TableStyle(size=size, rules=rng.choice(("lines", "grid", "shade"))),
                bold_rows=frozenset(bold),
            )
            + 8
        )
    if style == "list":
        ref = rng.choice(("suffix", "prefix", "none"))
        leaders = spec.chance(0.5)
        right = x + width * rng.choice((0.7, 0.85, 1.0))
        for key, text, amount in rows:
            label = {
                "suffix": f"{text} (Box {key})",
                "prefix": f"Box {key}  {text}",
                "none": text,
            }[ref]
            drawn = sheet.text(
                x, y, label, size=size, bold=spec.label_bold, max_width=right - x - 90
            )
            sheet.text(right, y, amount, size=size, align="right")
            if leaders:
                dot = sheet.width(".", size)
                gap = right - x - drawn - sheet.width(amount, size) - 2 * size
                if gap > 4 * dot:
                    sheet.text(
                        x + drawn + size * 0.5, y, "." * int(gap / dot), size=size, gray=0.35
                    )
            y += size * 1.6
        return y + 6
    # two columns of "box caption .... amount" pairs
    half = width / 2
    for n, (key, text, amount) in enumerate(rows):
        cx = x + (n % 2) * half
        cy = y + (n // 2) * size * 2.0
        sheet.text(cx, cy, f"{key} {text}", size=size, max_width=half - 80)
        sheet.text(cx + half - 14, cy, amount, size=size, align="right")
    return y + ((len(rows) + 1) // 2) * size * 2.0 + 6


def _statement(
    sheet: Sheet, spec: Spec, facts: Facts, filing: Filing, x: float, width: float
) -> None:
    rng = spec.rng
    size = spec.size
    form = filing.form
    y = letterhead(
        sheet,
        spec,
        facts.payer,
        x=x,
        y=40,
        width=width,
        style=rng.choice(("left", "bar", "rule", "right")),
    )
    title = rng.choice(
        (
            f"{facts.year} Form {form.number} {form.titles[0]}",
            f"Form {form.number} - {form.titles[0]}",
            f"{facts.year} Tax Information Statement",
            f"Year-End Tax Statement {facts.year}",
        )
    )
    sheet.text(x, y + size + 4, title, size=size + 4, bold=True, max_width=width)
    y += size * 2.8
    sheet.text(
        x,
        y,
        f"Tax year {facts.year}" if rng.random() < 0.5 else f"For calendar year {facts.year}",
        size=size,
    )
    y += size * 2
    y = _recipient_block(sheet, spec, facts, x, y, width) + 4
    heading = f"Form {form.number}" + rng.choice(
        ("", " - Copy B for Recipient", f" ({form.omb})", f" {form.titles[0]}")
    )
    sheet.text(x, y, heading, size=size + 1, bold=True, max_width=width)
    y += 4 + size * (0.8 if rng.random() < 0.5 else 1.6)
    y = _box_list(sheet, spec, filing, x, y, width, rng.choice(("table", "list", "grid")))
    if form.name == "r" and spec.chance(0.4):
        y = _distributions(sheet, spec, facts, filing, x, y + 8, width)
    sheet.paragraph(
        x,
        y + 10,
        rng.choice(
            (
                _FINE_PRINT,
                "Keep this statement for your records. Amounts shown are reported to the "
                "IRS. Box numbers refer to the official form.",
            )
        ),
        size=max(6.5, size - 1.5),
        width=width,
    )


def _distributions(
    sheet: Sheet, spec: Spec, facts: Facts, filing: Filing, x: float, y: float, width: float
) -> float:
    """A 1099-R statement's payments in the year: the gross column adds up to box 1."""
    rng = spec.rng
    n = rng.randint(2, 5)
    gross = filing.main
    parts = [money(gross / n)] * (n - 1)
    parts.append(gross - sum(parts, Decimal(0)))
    taxable_share = filing.amounts.get("2a", gross) / gross if gross else Decimal(1)
    withheld = filing.amounts.get("4", Decimal(0))
    rows = []
    for i, part in enumerate(parts):
        when = date(facts.year, 1 + i * (12 // n), rng.randint(1, 28))
        rows.append(
            [
                spec.date(when),
                spec.amount(part),
                spec.amount(money(part * taxable_share)),
                spec.amount(money(withheld / n)) if withheld else spec.amount(Decimal(0)),
            ]
        )
    sheet.text(
        x,
        y,
        rng.choice(("Distribution detail", "Payments made this year")),
        size=spec.size,
        bold=True,
    )
    y += 4
    columns = [
        Column("Date"),
        Column(rng.choice(("Gross amount", "Payment amount")), "right"),
        Column("Taxable", "right"),
        Column("Withheld", "right"),
    ]
    return (
        table(sheet, x, y, width * 0.8, columns, rows, TableStyle(size=spec.size, rules="lines"))
        + 6
    )


# --- 1099-B statements ----------------------------------------------------------------------


def _b_summary(
    sheet: Sheet, spec: Spec, lots: list[Lot], x: float, y: float, width: float
) -> float:
    rng = spec.rng
    size = max(6.5, spec.size - 0.5)
    sheet.text(
        x,
        y,
        rng.choice(("Summary of Proceeds, Gains & Losses", "1099-B Summary", "Summary of Sales")),
        size=size + 1,
        bold=True,
    )
    y += 4
    proceeds_word = spec.word(
        "b-proceeds", ("Proceeds", "Gross proceeds", "Total proceeds", "Sales price")
    )
    columns = [
        Column(rng.choice(("Term", "Category", "Description"))),
        Column(proceeds_word, "right"),
        Column(rng.choice(("Cost basis", "Cost or other basis")), "right"),
        Column(rng.choice(("Wash sale loss\ndisallowed", "Wash sale adj.")), "right"),
        Column(
            rng.choice(("Gain/(loss)", "Realized gain\nor (loss)", "Net gain or loss")), "right"
        ),
    ]
    rows = []
    total_p = total_c = Decimal(0)
    for lot in lots:
        p, c = lot.proceeds, lot.basis
        total_p += p
        total_c += c
        rows.append(
            [
                f"{lot.short} (Box {lot.box})",
                spec.amount(p),
                spec.amount(c),
                spec.amount(Decimal(0)),
                spec.amount(p - c),
            ]
        )
    rows.append(
        [
            rng.choice(("Total", "Totals", "Grand total")),
            spec.amount(total_p),
            spec.amount(total_c),
            spec.amount(Decimal(0)),
            spec.amount(total_p - total_c),
        ]
    )
    style = TableStyle(size=size, rules=rng.choice(("lines", "grid", "shade")))
    return table(sheet, x, y, width, columns, rows, style, bold_rows=frozenset({len(rows) - 1})) + 8


def _b_detail(sheet: Sheet, spec: Spec, lots: list[Lot], x: float, y: float, width: float) -> float:
    rng = spec.rng
    size = max(6.5, spec.size - 1)
    columns = [
        Column("Description (1a)"),
        Column("Quantity", "right"),
        Column("Date\nacquired"),
        Column("Date sold"),
        Column(rng.choice(("Proceeds (1d)", "Proceeds")), "right"),
        Column(rng.choice(("Cost basis (1e)", "Cost basis")), "right"),
        Column("Gain/(loss)", "right"),
    ]
    for lot in lots[:2]:
        sheet.text(
            x, y, f"{lot.name} - Form 8949 Box {lot.box}", size=size, bold=True, max_width=width
        )
        y += 4
        rows = [
            [
                d,
                q,
                f"{a:%m/%d/%y}",
                f"{s:%m/%d/%y}",
                spec.amount(p),
                spec.amount(c),
                spec.amount(p - c),
            ]
            for d, q, a, s, p, c in lot.sales
        ]
        term = "short-term" if lot.box in "AB" else "long-term"
        rows.append(
            [
                f"Total {term}",
                "",
                "",
                "",
                spec.amount(lot.proceeds),
                spec.amount(lot.basis),
                spec.amount(lot.proceeds - lot.basis),
            ]
        )
        y = (
            table(
                sheet,
                x,
                y,
                width,
                columns,
                rows,
                TableStyle(size=size, rules="lines"),
                bold_rows=frozenset({len(rows) - 1}),
            )
            + 10
        )
    return y


# --- composite statements -------------------------------------------------------------------


def _section(
    sheet: Sheet,
    spec: Spec,
    facts: Facts,
    filing: Filing,
    x: float,
    y: float,
    width: float,
    columns: int,
) -> float:
    form = filing.form
    size = spec.size
    bar = spec.word("bar", ("shade", "rule", "plain"))
    if bar == "shade":
        sheet.rect(x, y - size - 3, width, size + 7, fill=0.88, stroke=False)
    sheet.text(
        x + 3,
        y,
        f"{facts.year} Form {form.number}" if spec.chance(0.3) else f"Form {form.number}",
        size=size + 1,
        bold=True,
    )
    sheet.text(x + width * 0.3, y, form.titles[0], size=size, bold=True, max_width=width * 0.45)
    sheet.text(
        x + width - 3,
        y,
        form.omb if spec.chance(0.6) else "Copy B for Recipient",
        size=max(6.5, size - 1.5),
        align="right",
    )
    if bar == "rule":
        sheet.hline(x, x + width, y + 4, line=0.8)
    y += size * 2.0
    if form.name == "b":
        return _b_summary(sheet, spec, facts.lots, x, y, width)
    rows = _box_rows(spec, filing, zero_share=0.8)
    wording = spec.word("box-ref", ("prefix", "suffix"))
    if columns == 2:
        half = width / 2
        for n, (key, text, amount) in enumerate(rows):
            cx = x + (n % 2) * half
            cy = y + (n // 2) * size * 1.7
            label = f"{key} {text}" if wording == "prefix" else f"{text} (box {key})"
            sheet.text(cx + 3, cy, label, size=size, max_width=half - 90)
            sheet.text(cx + half - 12, cy, amount, size=size, align="right")
        return y + ((len(rows) + 1) // 2) * size * 1.7 + 8
    for key, text, amount in rows:
        label = f"{key} {text}" if wording == "prefix" else f"{text} (box {key})"
        sheet.text(x + 3, y, label, size=size, max_width=width * 0.7)
        sheet.text(x + width * 0.85, y, amount, size=size, align="right")
        y += size * 1.6
    return y + 8


def _composite(sheet: Sheet, spec: Spec, facts: Facts, x: float, width: float, pages: bool) -> None:
    rng = spec.rng
    size = spec.size
    title = rng.choice(
        (
            f"{facts.year} Consolidated Form 1099",
            f"{facts.year} Tax Reporting Statement",
            f"Composite Statement of {facts.year} Forms 1099",
            f"{facts.year} FORM 1099 COMPOSITE & YEAR-END SUMMARY",
        )
    )

    def header(page_no: int) -> float:
        y = letterhead(
            sheet,
            spec,
            facts.payer,
            x=x,
            y=40,
            width=width,
            style=rng.choice(("left", "bar", "rule", "right")) if page_no == 1 else "left",
        )
        sheet.text(x, y + size + 4, title, size=size + 3, bold=True, max_width=width * 0.7)
        if pages:
            sheet.text(
                x + width, y + size + 4, f"Page {page_no} of 2", size=size - 1, align="right"
            )
        y += size * 2.8
        # every page repeats the recipient (its pages may be read one by one)
        return _recipient_block(sheet, spec, facts, x, y, width) + 6

    y = header(1)
    columns = rng.choice((1, 2))
    order = [f for f in facts.filings if f.form.name != "b"] + [
        f for f in facts.filings if f.form.name == "b"
    ]
    for filing in order:
        if pages and filing.form.name == "b":
            sheet.new_page()
            y = header(2)
            filing.page = 2
        y = _section(sheet, spec, facts, filing, x, y + spec.size + 6, width, columns)
        if filing.form.name == "b" and (pages or spec.chance(0.3)):
            y = _b_detail(sheet, spec, facts.lots, x, y + 4, width)
    if y < PAGE_HEIGHT - 80:
        sheet.paragraph(x, y + 8, _FINE_PRINT, size=max(6.5, size - 2), width=width)


# --- building ----------------------------------------------------------------------------------


def build(rng: random.Random, family: str) -> Drawn:
    """One document of a family of :data:`FAMILIES`, and its truth."""
    if family not in FAMILIES:
        raise ValueError(f"unknown 1099 family {family!r}")
    spec = Spec.draw(rng, sizes=(7.5, 10.5), money_styles=("comma", "comma", "plain", "dollar"))
    kind = family.split("/")[1]
    x, width = margins(spec)
    if kind in ("composite", "composite-pages"):
        names = ["div"] + [
            n for n, p in (("int", 0.8), ("misc", 0.25), ("b", 0.6)) if rng.random() < p
        ]
        if len(names) == 1:
            names.append(rng.choice(("int", "b")))
        if kind == "composite-pages" and "b" not in names:
            names.append("b")
        facts = _facts(rng, names)
        facts.payer = people.brokerage(rng)
        for filing in facts.filings:
            if filing.form.name == "int" and rng.random() < 0.15:
                filing.amounts = {}  # a section printed with nothing in it
        if "b" in names:
            facts.lots = _lots(rng, facts.year, Decimal(rng.randint(2000, 90000)))
            b = next(f for f in facts.filings if f.form.name == "b")
            b.amounts = {"1d": sum((lot.proceeds for lot in facts.lots), Decimal(0))}
        sheet = new_sheet(spec, f"{facts.year} Consolidated Form 1099" if spec.chance(0.5) else "")
        _composite(sheet, spec, facts, x, width, kind == "composite-pages")
    elif kind == "ssa-1099":
        facts = _facts(rng, ["ssa"])
        facts.payer = Organisation(SSA_NAME, facts.payer.address, facts.payer.phone, "")
        ben = _benefits(rng, facts.recipient)
        facts.filings = [Filing(SSA, "5", {"5": ben.net})]
        sheet = new_sheet(spec, f"SSA-1099 {facts.year}" if spec.chance(0.5) else "")
        _ssa(sheet, spec, facts, ben, x, width)
    else:
        style, name = kind.split("-")
        facts = _facts(rng, [name])
        filing = facts.filings[0]
        sheet = new_sheet(
            spec, f"Form {filing.form.number} {facts.year}" if spec.chance(0.5) else ""
        )
        if style == "irs":
            # the recipient's copies printed one above the other (Copy B, then Copy 2 for
            # the state return): one form, one income
            state = rng.getstate()
            bottom = _irs(sheet, spec, facts, filing, x, width)
            if 2 * bottom + 10 < PAGE_HEIGHT and spec.chance(0.35):
                after = rng.getstate()
                rng.setstate(state)
                _irs(sheet, spec, facts, filing, x, width, top=bottom + 24, copy="2")
                rng.setstate(after)
        elif name == "b":
            facts.lots = _lots(rng, facts.year, filing.main)
            filing.amounts = {"1d": sum((lot.proceeds for lot in facts.lots), Decimal(0))}
            _broker_statement(sheet, spec, facts, filing, x, width)
        else:
            _statement(sheet, spec, facts, filing, x, width)
    truth = DocumentTruth(doc_type="form_1099", layout=family)
    who = facts.recipient
    truth.add_borrower(
        TruthBorrower(name=who.truth_name, ssn_last4=who.ssn_last4, address=who.address)
    )
    for filing in facts.filings:
        if not filing.main:
            truth.notes.append(f"{filing.form.number} printed with a zero main box: no income")
            continue
        truth.income_records.append(
            TruthIncome(
                borrower=who.truth_name,
                amount=filing.main,
                period="annual",
                year=facts.year,
                source_type=filing.form.source_type,
                employer=facts.payer.name,
                page=filing.page,
            )
        )
        others = ", ".join(
            f"box {k} {v}" for k, v in filing.amounts.items() if k != filing.main_key and v
        )
        truth.notes.append(
            f"{filing.form.number} box {filing.main_key} {filing.main}"
            + (f"; also {others}" if others else "")
        )
    return done(sheet, truth)


def _broker_statement(
    sheet: Sheet, spec: Spec, facts: Facts, filing: Filing, x: float, width: float
) -> None:
    rng = spec.rng
    size = spec.size
    y = letterhead(
        sheet,
        spec,
        facts.payer,
        x=x,
        y=40,
        width=width,
        style=rng.choice(("left", "bar", "rule", "right")),
    )
    sheet.text(
        x,
        y + size + 4,
        rng.choice(
            (
                f"{facts.year} Form 1099-B Proceeds From Broker and Barter Exchange Transactions",
                f"Form 1099-B {facts.year}",
                f"{facts.year} Tax Information Statement - Form 1099-B",
            )
        ),
        size=size + 2,
        bold=True,
        max_width=width,
    )
    y += size * 3
    y = _recipient_block(sheet, spec, facts, x, y, width) + 8
    y = _b_summary(sheet, spec, facts.lots, x, y + size, width)
    if spec.chance(0.6):
        y = _b_detail(sheet, spec, facts.lots, x, y + 6, width)
    if y < PAGE_HEIGHT - 90:
        sheet.paragraph(
            x,
            y + 8,
            "Report on Form 8949 and Schedule D. The cost basis of covered lots is reported to "
            "the IRS; noncovered lots are not.",
            size=max(6.5, size - 1.5),
            width=width,
        )
