"""Form 1040 as lenders receive it outside tax-program printouts: an IRS tax return transcript, a
hand-filled-look official form, a CPA firm's client copy behind its cover letter, an e-file bundle
with Form 8879 first, and the 2019/2020 official layout where wages sit on line 1.

Truth: one income record, line 1z total wages (line 1 before 2022; a transcript's "WAGES,
SALARIES, TIPS, ETC"), annual, ``form_1040``, the tax year, borrower the first taxpayer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from pipeline.samples.bazaar._tax import (
    PAGE_H,
    PAGE_W,
    MoneyStyle,
    Pen,
    address_truth,
    business_address,
    checkbox,
    date_text,
    masked_number,
    masked_ssn,
)
from pipeline.samples.bazaar.people import (
    Address,
    Person,
    amount,
    digits,
    ein,
    make_address,
    make_partner,
    make_person,
    ssn,
)
from pipeline.samples.wild.document import WildDocument

LAYOUTS = (
    "irs_transcript",
    "typed_official_form",
    "cpa_client_copy",
    "efile_8879_bundle",
    "form_2019_2020",
)

STANDARD_DEDUCTION = {
    2019: (12200, 24400),
    2020: (12400, 24800),
    2021: (12550, 25100),
    2022: (12950, 25900),
    2023: (13850, 27700),
    2024: (14600, 29200),
}
RELATIONSHIPS = ("Son", "Daughter", "Stepson", "Stepdaughter", "Niece", "Grandchild")
BANK_FIRMS = (
    "CPAs",
    "Certified Public Accountants",
    "Tax & Advisory",
    "Accountancy Corp.",
    "& Associates, CPAs",
)
FIRM_WORDS = (
    "Harrow",
    "Lindgren",
    "Bellweather",
    "Stonecutter",
    "Marchetti",
    "Kessler",
    "Oakmont",
    "Prairie",
)


@dataclass
class TaxReturn:
    year: int
    taxpayer: Person
    spouse: Person | None
    tp_ssn: str
    sp_ssn: str
    address: Address
    dependents: list[tuple[Person, str, str]]
    v: dict[str, int] = field(default_factory=dict)
    routing: str = ""
    account: str = ""
    checking: bool = True
    preparer: Person | None = None
    ptin: str = ""
    firm: str = ""
    firm_ein: str = ""
    firm_address: Address | None = None
    phone: str = ""

    @property
    def joint(self) -> bool:
        return self.spouse is not None


def _cents(rng: random.Random, low: int, high: int, whole: bool) -> int:
    dollars = rng.randint(low, high)
    return dollars * 100 if whole else dollars * 100 + rng.randint(0, 99)


def _phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) {rng.randint(201, 989)}-{rng.randint(1000, 9999)}"


def make_return(
    rng: random.Random, year: int, *, whole: bool, joint: bool | None = None
) -> TaxReturn:
    taxpayer = make_person(rng)
    if joint is None:
        joint = rng.random() < 0.55
    spouse = make_partner(rng, taxpayer) if joint else None
    dependents = [
        (make_person(rng, taxpayer.last), ssn(rng), rng.choice(RELATIONSHIPS))
        for _ in range(rng.choice((0, 0, 1, 2, 3)))
    ]
    ret = TaxReturn(year, taxpayer, spouse, ssn(rng), ssn(rng), make_address(rng), dependents)
    v = ret.v

    def c(low: int, high: int) -> int:
        return _cents(rng, low, high, whole)

    def maybe(p: float, low: int, high: int) -> int:
        return c(low, high) if rng.random() < p else 0

    v["w1a"] = c(31000, 165000) + (c(18000, 90000) if joint and rng.random() < 0.6 else 0)
    extra = year >= 2022 and rng.random() < 0.5
    for key, p, low, high in (
        ("w1b", 0.15, 800, 6000),
        ("w1c", 0.35, 300, 9000),
        ("w1d", 0.1, 2000, 12000),
        ("w1e", 0.3, 200, 2500),
        ("w1f", 0.1, 500, 4000),
        ("w1g", 0.15, 900, 7000),
        ("w1h", 0.3, 150, 3000),
    ):
        v[key] = maybe(p, low, high) if extra else 0
    v["w1i"] = maybe(0.15, 1000, 9000) if extra else 0
    v["wages"] = sum(v[k] for k in ("w1a", "w1b", "w1c", "w1d", "w1e", "w1f", "w1g", "w1h"))
    v["int_exempt"] = maybe(0.2, 20, 900)
    v["int_taxable"] = maybe(0.7, 5, 2400)
    v["div_ord"] = maybe(0.45, 40, 5200)
    v["div_qual"] = (
        v["div_ord"] * rng.randint(40, 95) // 100 // (100 if whole else 1) * (100 if whole else 1)
    )
    v["ira"] = maybe(0.15, 2000, 20000)
    v["ira_tax"] = v["ira"] if rng.random() < 0.6 else v["ira"] // 2 // 100 * 100
    v["pens"] = maybe(0.1, 4000, 30000)
    v["pens_tax"] = v["pens"]
    v["ss"] = maybe(0.06, 9000, 28000)
    v["ss_tax"] = v["ss"] * 85 // 100 // 100 * 100
    v["capgain"] = maybe(0.35, 100, 14000)
    v["other"] = maybe(0.35, 400, 26000)
    v["total_income"] = sum(
        v[k]
        for k in (
            "wages",
            "int_taxable",
            "div_ord",
            "ira_tax",
            "pens_tax",
            "ss_tax",
            "capgain",
            "other",
        )
    )
    v["adjust"] = maybe(0.4, 250, 6500)
    v["agi"] = v["total_income"] - v["adjust"]
    v["deduction"] = STANDARD_DEDUCTION[year][1 if joint else 0] * 100
    if rng.random() < 0.2:
        v["deduction"] = max(v["deduction"], c(22000, 41000))
    v["charity"] = 0
    v["qbi"] = v["other"] // 5 // 100 * 100 if v["other"] and rng.random() < 0.5 else 0
    v["ded_total"] = v["deduction"] + v["qbi"]
    v["taxable"] = max(0, v["agi"] - v["ded_total"])
    v["tax"] = v["taxable"] * rng.randint(10, 17) // 100 // 100 * 100
    v["sch2"] = maybe(0.1, 50, 900)
    v["tax_total_a"] = v["tax"] + v["sch2"]
    v["child_credit"] = min(v["tax_total_a"], 200000 * len(dependents))
    v["sch3"] = maybe(0.1, 50, 700)
    v["credits"] = v["child_credit"] + v["sch3"]
    v["after_credits"] = max(0, v["tax_total_a"] - v["credits"])
    v["other_taxes"] = v["other"] * 14 // 100 // 100 * 100 if v["other"] else 0
    v["total_tax"] = v["after_credits"] + v["other_taxes"]
    v["wh_w2"] = v["wages"] * rng.randint(6, 16) // 100 // 100 * 100
    v["wh_1099"] = maybe(0.2, 50, 1500)
    v["wh_other"] = 0
    v["wh_total"] = v["wh_w2"] + v["wh_1099"] + v["wh_other"]
    v["est"] = maybe(0.2, 500, 6000)
    v["eic"] = 0
    v["actc"] = 0
    v["other_pay"] = 0
    v["payments"] = v["wh_total"] + v["est"]
    diff = v["payments"] - v["total_tax"]
    v["overpaid"] = max(0, diff)
    v["applied"] = v["overpaid"] // 4 // 100 * 100 if v["overpaid"] and rng.random() < 0.15 else 0
    v["refund"] = v["overpaid"] - v["applied"]
    v["owe"] = max(0, -diff)
    ret.routing = rng.choice(("0", "1", "2", "3")) + digits(rng, 8)
    ret.account = digits(rng, rng.randint(8, 12))
    ret.checking = rng.random() < 0.75
    ret.preparer = make_person(rng)
    ret.ptin = f"P{rng.randint(0, 99999999):08d}"
    ret.firm = f"{rng.choice(FIRM_WORDS)} {rng.choice(BANK_FIRMS)}"
    if rng.random() < 0.4:
        ret.firm = f"{rng.choice(FIRM_WORDS)} & {rng.choice(FIRM_WORDS)} {rng.choice(BANK_FIRMS)}"
    ret.firm_ein = ein(rng)
    ret.firm_address = business_address(rng)
    ret.phone = _phone(rng)
    return ret


def _people_truth(
    ret: TaxReturn, *, initial: bool, ssns: bool, address: bool, spouse: bool = True
) -> list[dict[str, Any]]:
    people: list[tuple[Person, str]] = [(ret.taxpayer, ret.tp_ssn)]
    if ret.spouse is not None and spouse:
        people.append((ret.spouse, ret.sp_ssn))
    return [
        {
            "name": person.truth(initial=initial),
            "ssn_last4": number[-4:] if ssns else None,
            "address": address_truth(ret.address) if address else None,
        }
        for person, number in people
    ]


def _income(ret: TaxReturn, page: int, initial: bool) -> dict[str, Any]:
    return {
        "borrower": ret.taxpayer.truth(initial=initial),
        "amount": amount(ret.v["wages"]),
        "period": "annual",
        "year": ret.year,
        "source_type": "form_1040",
        "employer": None,
        "page": page,
    }


# --------------------------------------------------------------------------------------------
# IRS tax return transcript
# --------------------------------------------------------------------------------------------


def _transcript(rng: random.Random) -> WildDocument:
    year = rng.randint(2019, 2024)
    ret = make_return(rng, year, whole=False)
    v = ret.v
    size = rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
    pen = Pen("Courier", size)
    lead = size * rng.choice((1.2, 1.3, 1.4))
    left = rng.choice((40, 50, 60, 72))
    top = PAGE_H - rng.choice((40, 50, 60))
    bottom = rng.choice((50, 60, 70))
    col = left + pen.width("X" * rng.choice((44, 48, 52)))
    dollar = rng.random() < 0.85
    dots = rng.random() < 0.7

    def fmt(cents: int) -> str:
        text = f"{abs(cents) / 100:,.2f}"
        text = f"${text}" if dollar else text
        return f"-{text}" if cents < 0 else text

    lines: list[tuple[str, str]] = []  # (kind, text) kind: "kv:<value>", "head", "text", "blank"
    request = (year + 1, rng.randint(1, 12), rng.randint(1, 28))
    if request[1] < 5:
        request = (year + 1, rng.randint(5, 12), request[2])
    dstyle = rng.choice((1, 3))
    tp_print = ret.taxpayer.natural(initial=True).replace(".", "").upper()
    initial = True
    sp_print = ret.spouse.natural(initial=True).replace(".", "").upper() if ret.spouse else ""
    same = ret.spouse is not None and ret.spouse.last == ret.taxpayer.last
    if (
        ret.spouse is not None
        and same
        and not (ret.taxpayer.suffix or ret.spouse.suffix)
        and rng.random() < 0.5
    ):
        first_part = " ".join(
            p for p in (ret.taxpayer.first, ret.taxpayer.middle_initial) if p
        ).upper()
        second = " ".join(
            p for p in (ret.spouse.first, ret.spouse.middle_initial, ret.spouse.last) if p
        ).upper()
        names = f"{first_part} & {second}"
    elif ret.spouse is not None:
        names = f"{tp_print} & {sp_print}"
    else:
        names = tp_print
    full_address = rng.random() < 0.55
    if full_address:
        addr = (
            f"{ret.address.street_line().upper()} {ret.address.city.upper()}, "
            f"{ret.address.state} {ret.address.zip}"
        )
    else:
        addr = f"{ret.address.number} {ret.address.street[0].upper()}"
    kv: list[tuple[str, str]] = []
    kv.append(("SSN:", masked_ssn(ret.tp_ssn[-4:], 0)))
    if ret.spouse is not None:
        kv.append(("SPOUSE SSN:", masked_ssn(ret.sp_ssn[-4:], 0)))
    kv.append(("NAME(S) SHOWN ON RETURN:", names))
    kv.append(("ADDRESS:", addr))
    status = "Married Filing Joint" if ret.joint else rng.choice(("Single", "Head of Household"))
    for lab, val in (
        ("FILING STATUS:", status),
        ("FORM NUMBER:", "1040"),
        ("CYCLE POSTED:", f"{year + 1}{rng.randint(5, 20):02d}05"),
        ("RECEIVED DATE:", date_text(3, year + 1, 4, rng.randint(1, 15))),
        ("REMITTANCE:", fmt(v["owe"] if rng.random() < 0.5 else 0)),
        (
            "EXEMPTION NUMBER:",
            str(len(ret.dependents) + (2 if ret.joint else 1) if year < 2018 else 0),
        ),
    ):
        kv.append((lab, val))
    for i, (dep, dep_ssn, _rel) in enumerate(ret.dependents, 1):
        kv.append((f"DEPENDENT {i} NAME CTRL:", dep.last[:4].upper()))
        kv.append((f"DEPENDENT {i} SSN:", masked_ssn(dep_ssn[-4:], 0)))
    kv.append(("PTIN:", masked_number(ret.ptin, 4, 0)))
    kv.append(("PREPARER EIN:", "XX-XXX" + ret.firm_ein[-4:]))

    for lab, val in kv:
        lines.append(("pair", f"{lab}\t{val}"))
    lines.append(("blank", ""))

    def money_line(label: str, cents: int, per_computer: bool = False) -> None:
        lines.append(("kv", f"{label}\t{fmt(cents)}"))
        if per_computer:
            lines.append(("kv", f"{label.rstrip(':')} PER COMPUTER:\t{fmt(cents)}"))

    lines.append(("head", "Income"))
    money_line("WAGES, SALARIES, TIPS, ETC:", v["wages"])
    if year >= 2022 and rng.random() < 0.5:
        for lab in (
            "HOUSEHOLD EMPLOYEE WAGES NOT REPORTED ON W-2:",
            "TIP INCOME NOT REPORTED ON LINE 1A:",
            "MEDICAID WAIVER PAYMENTS NOT REPORTED ON W-2:",
            "TAXABLE DEPENDENT CARE BENEFITS FROM FORM 2441:",
            "EMPLOYER PROVIDED ADOPTION BENEFITS FROM FORM 8839:",
            "WAGES FROM FORM 8919:",
            "OTHER EARNED INCOME:",
        ):
            money_line(lab, 0)
        money_line("NONTAXABLE COMBAT PAY ELECTION:", 0)
        money_line("TOTAL WAGES:", v["wages"])
    business = v["other"]
    money_line("TAXABLE INTEREST INCOME: SCH B:", v["int_taxable"])
    money_line("TAX-EXEMPT INTEREST:", v["int_exempt"])
    money_line("ORDINARY DIVIDEND INCOME: SCH B:", v["div_ord"])
    money_line("QUALIFIED DIVIDENDS:", v["div_qual"])
    money_line("REFUNDS OF STATE/LOCAL TAXES:", 0)
    money_line("ALIMONY RECEIVED:", 0)
    money_line("BUSINESS INCOME OR LOSS (Schedule C):", business, per_computer=rng.random() < 0.6)
    money_line("CAPITAL GAIN OR LOSS: (Schedule D):", v["capgain"])
    money_line("OTHER GAINS OR LOSSES (Form 4797):", 0)
    money_line("TOTAL IRA DISTRIBUTIONS:", v["ira"])
    money_line("TAXABLE IRA DISTRIBUTIONS:", v["ira_tax"])
    money_line("TOTAL PENSIONS AND ANNUITIES:", v["pens"])
    money_line("TAXABLE PENSION/ANNUITY AMOUNT:", v["pens_tax"])
    money_line("RENT/ROYALTY/PARTNERSHIP/ESTATE (Schedule E):", 0)
    money_line("FARM INCOME OR LOSS (Schedule F):", 0)
    money_line("UNEMPLOYMENT COMPENSATION:", 0)
    money_line("TOTAL SOCIAL SECURITY BENEFITS:", v["ss"])
    money_line("TAXABLE SOCIAL SECURITY BENEFITS:", v["ss_tax"])
    money_line("OTHER INCOME:", 0)
    money_line("TOTAL INCOME:", v["total_income"], per_computer=True)
    lines.append(("blank", ""))
    lines.append(("head", "Adjustments to Income"))
    money_line("EDUCATOR EXPENSES:", 0)
    money_line("HEALTH SAVINGS ACCT DEDUCTION:", v["adjust"] // 2)
    money_line("SELF EMPLOYMENT TAX DEDUCTION:", v["adjust"] - v["adjust"] // 2)
    money_line("KEOGH/SEP CONTRIBUTION DEDUCTION:", 0)
    money_line("STUDENT LOAN INTEREST DEDUCTION:", 0)
    money_line("TOTAL ADJUSTMENTS:", v["adjust"])
    money_line("ADJUSTED GROSS INCOME:", v["agi"], per_computer=True)
    lines.append(("blank", ""))
    lines.append(("head", "Tax and Credits"))
    money_line("STD/ITEMIZED DEDUCTION:", v["deduction"])
    money_line("QUALIFIED BUSINESS INCOME DEDUCTION:", v["qbi"])
    money_line("TAXABLE INCOME:", v["taxable"], per_computer=True)
    money_line("TENTATIVE TAX:", v["tax"], per_computer=True)
    money_line("CHILD & OTHER DEPENDENT CREDIT:", v["child_credit"])
    money_line("TOTAL CREDITS:", v["credits"])
    lines.append(("blank", ""))
    lines.append(("head", "Other Taxes"))
    money_line("SE TAX:", v["other_taxes"], per_computer=True)
    money_line("TOTAL TAX LIABILITY TP FIGURES:", v["total_tax"], per_computer=True)
    lines.append(("blank", ""))
    lines.append(("head", "Payments"))
    money_line("FEDERAL INCOME TAX WITHHELD:", v["wh_total"])
    money_line("ESTIMATED TAX PAYMENTS:", v["est"])
    money_line("EARNED INCOME CREDIT:", 0)
    money_line("ADDITIONAL CHILD TAX CREDIT:", 0)
    money_line("TOTAL PAYMENTS:", v["payments"], per_computer=True)
    lines.append(("blank", ""))
    lines.append(("head", "Refund or Amount Owed"))
    money_line("AMOUNT YOU OWE:", v["owe"])
    money_line("APPLIED TO NEXT YEAR'S ESTIMATED TAX:", v["applied"])
    money_line("REFUND AMOUNT:", v["refund"])
    lines.append(("blank", ""))
    lines.append(("head", "Third Party Designee"))
    lines.append(("pair", "THIRD PARTY DESIGNEE NAME:\t"))
    lines.append(("blank", ""))
    if business:
        lines.append(("head", "Schedule C--Profit or Loss from Business"))
        lines.append(("pair", f"SSN:\t{masked_ssn(ret.tp_ssn[-4:], 0)}"))
        lines.append(("pair", f"EMPLOYER ID NUMBER:\tXX-XXX{digits(rng, 4)}"))
        lines.append(("pair", "BUSINESS NAME:\t"))
        gross = business + _cents(rng, 2000, 30000, False)
        money_line("GROSS RECEIPTS OR SALES:", gross)
        money_line("TOTAL EXPENSES:", gross - business)
        money_line("SCHEDULE C NET PROFIT OR LOSS PER COMPUTER:", business)
        lines.append(("blank", ""))
    lines.append(("text", "This Product Contains Sensitive Taxpayer Data"))

    # paginate
    pages: list[list[tuple[str, str]]] = [[]]
    header_rows = 12
    per_page = int((top - bottom) / lead)
    room = per_page - header_rows
    wages_page = 1
    for kind, text in lines:
        if room <= 0:
            pages.append([])
            room = per_page - 3
        pages[-1].append((kind, text))
        room -= 1
        if text.startswith("WAGES, SALARIES, TIPS, ETC:"):
            wages_page = len(pages)
    tracking = digits(rng, 12)
    counters = rng.random() < 0.6
    for index, rows in enumerate(pages):
        if index:
            pen.new_page()
        y = top
        pen.text(PAGE_W / 2, y, "This Product Contains Sensitive Taxpayer Data", align="center")
        if counters:
            pen.text(PAGE_W - left, y, f"Page {index + 1} of {len(pages)}", size - 1, align="right")
        y -= lead * 1.6
        if index == 0:
            pen.text(PAGE_W / 2, y, "Tax Return Transcript", size + 2, bold=True, align="center")
            y -= lead * 1.6
            pen.text(left, y, f"Request Date: {date_text(dstyle, *request)}")
            y -= lead
            pen.text(left, y, f"Response Date: {date_text(dstyle, *request)}")
            y -= lead
            pen.text(left, y, f"Tracking Number: {tracking}")
            y -= lead * 1.4
            pen.text(
                left,
                y,
                "Form 1040 Tax Return Transcript" if rng.random() < 0.6 else "Form Number: 1040",
            )
            y -= lead
            pen.text(left, y, f"SSN Provided: {masked_ssn(ret.tp_ssn[-4:], 0)}")
            y -= lead
            pen.text(left, y, f"Tax Period Requested: {date_text(3, year, 12, 31)}")
            y -= lead * 1.4
            y = pen.wrap(
                left,
                y,
                PAGE_W - 2 * left,
                "The following items reflect the amount as shown on the return (PR), and "
                "the amount as "
                "adjusted (PER), if applicable. They do not show subsequent activity on "
                "the account.",
                size - 0.5,
                lead,
            )
            y -= lead * 0.4
        else:
            y -= lead * 0.4
        for kind, text in rows:
            if kind == "head":
                pen.text(PAGE_W / 2, y, text, bold=True, align="center")
            elif kind == "text":
                pen.text(PAGE_W / 2, y, text, size - 0.5, align="center")
            elif kind in ("kv", "pair"):
                label, _, value = text.partition("\t")
                pen.text(left, y, label)
                if kind == "kv":
                    end = pen.width(label) + left
                    if dots:
                        pen.text(end, y, "." * max(1, int((col - end) / pen.width("."))))
                        pen.text(col + pen.width("."), y, value)
                    else:
                        pen.text(PAGE_W - left, y, value, align="right")
                else:
                    pen.text(left + pen.width(label) + pen.width(" "), y, value)
            y -= lead
    return WildDocument(
        pen.pdf(),
        "form_1040",
        _people_truth(ret, initial=initial, ssns=True, address=full_address),
        [_income(ret, wages_page, initial)],
        [],
        notes=(
            f"IRS Tax Return Transcript for tax year {year}, Courier, {len(pages)} "
            "page(s); wages from "
            "'WAGES, SALARIES, TIPS, ETC'; distractors: TOTAL INCOME, AGI, taxable "
            "income, PER COMPUTER "
            "lines, refund, masked PTIN/EIN, dependents' SSNs"
            + ("; joint names share one surname ('GWEN R & JAMAL OKONKWO')" if "&" in names else "")
            + ("" if full_address else "; address masked (truncated), so null")
        ),
        text_size=size,
    )


# --------------------------------------------------------------------------------------------
# The official form, drawn as a blank IRS form with values typed in
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormStyle:
    caption: str  # family of the printed form
    value: str  # family of the typed entries
    cap_size: float
    val_size: float
    money: MoneyStyle
    whole: bool  # whole dollars printed without cents
    trailing_dot: bool
    mask_ssn: bool
    row: float
    margin: float


def _form_style(rng: random.Random, *, typed: bool) -> FormStyle:
    cap = rng.choice(("Helvetica", "Helvetica", "Times"))
    value = (
        rng.choice(("Courier", "Courier", "Slanted", "Helvetica"))
        if typed
        else rng.choice(("Helvetica", "Times", "Courier"))
    )
    whole = rng.random() < 0.45
    return FormStyle(
        cap,
        value,
        rng.choice((7.5, 8.0, 8.5)),
        rng.choice((9.0, 9.5, 10.0, 10.5)),
        MoneyStyle(False, rng.random() < 0.85),
        whole,
        whole and rng.random() < 0.4,
        rng.random() < 0.3,
        rng.choice((13.0, 13.5, 14.0)),
        rng.choice((30.0, 36.0, 42.0)),
    )


Row = tuple[str, str, int | None, str]  # (line number, caption, value, column: right | mid)


# One row a line: "number|column|value key|caption" ("-" as the key: a blank or zero amount).
WAGE_ROWS_2022 = """
1a|right|w1a|Total amount from Form(s) W-2, box 1 (see instructions)
1b|right|w1b|Household employee wages not reported on Form(s) W-2
1c|right|w1c|Tip income not reported on line 1a (see instructions)
1d|right|w1d|Medicaid waiver payments not reported on Form(s) W-2
1e|right|w1e|Taxable dependent care benefits from Form 2441, line 26
1f|right|w1f|Employer-provided adoption benefits from Form 8839, line 29
1g|right|w1g|Wages from Form 8919, line 6
1h|right|w1h|Other earned income (see instructions)
1i|mid|w1i|Nontaxable combat pay election
1z|right|wages|Add lines 1a through 1h
"""
WAGE_ROW_OLD = "1|right|wages|Wages, salaries, tips, etc. Attach Form(s) W-2"
INCOME_ROWS_2019 = """
2a|mid|int_exempt|Tax-exempt interest
2b|right|int_taxable|Taxable interest. Attach Sch. B if required
3a|mid|div_qual|Qualified dividends
3b|right|div_ord|Ordinary dividends. Attach Sch. B if required
4a|mid|ira|IRA distributions
4b|right|ira_tax|Taxable amount
4c|mid|pens|Pensions and annuities
4d|right|pens_tax|Taxable amount
5a|mid|ss|Social security benefits
5b|right|ss_tax|Taxable amount
6|right|capgain|Capital gain or (loss). Attach Schedule D if required
7a|right|other|Other income from Schedule 1, line 9
7b|right|total_income|Add lines 1, 2b, 3b, 4b, 4d, 5b, 6, and 7a. This is your total income
8a|right|adjust|Adjustments to income from Schedule 1, line 22
8b|right|agi|Subtract line 8a from line 7b. This is your adjusted gross income
9|mid|deduction|Standard deduction or itemized deductions (from Schedule A)
10|mid|qbi|Qualified business income deduction. Attach Form 8995 or 8995-A
11a|right|ded_total|Add lines 9 and 10
11b|right|taxable|Taxable income. Subtract line 11a from line 8b
"""
INCOME_ROWS = """
2a|mid|int_exempt|Tax-exempt interest
2b|right|int_taxable|Taxable interest
3a|mid|div_qual|Qualified dividends
3b|right|div_ord|Ordinary dividends
4a|mid|ira|IRA distributions
4b|right|ira_tax|Taxable amount
5a|mid|pens|Pensions and annuities
5b|right|pens_tax|Taxable amount
6a|mid|ss|Social security benefits
6b|right|ss_tax|Taxable amount
7|right|capgain|Capital gain or (loss). Attach Schedule D if required
8|right|other|Other income from Schedule 1, line {sch1}
9|right|total_income|Add lines {first}, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income
{adjust}
11|right|agi|Subtract line 10 from line 9. This is your adjusted gross income
12|right|deduction|Standard deduction or itemized deductions (from Schedule A)
13|right|qbi|Qualified business income deduction from Form 8995 or Form 8995-A
14|right|ded_total|Add lines 12 and 13
15|right|taxable|Subtract line 14 from line 11. If zero or less, enter -0-. Taxable income
"""
ADJUST_2020 = """10a|mid|adjust|From Schedule 1, line 22
10b|mid|-|Charitable contributions if you take the standard deduction
10c|right|adjust|Add lines 10a and 10b. These are your total adjustments to income"""
ADJUST = "10|right|adjust|Adjustments to income from Schedule 1, line 26"
TAX_ROWS_2019 = """
12a|mid|tax|Tax (see inst.)
12b|right|tax_total_a|Add Schedule 2, line 3, and line 12a and enter the total
13a|mid|child_credit|Child tax credit or credit for other dependents
13b|right|credits|Add Schedule 3, line 7, and line 13a and enter the total
14|right|after_credits|Subtract line 13b from line 12b. If zero or less, enter -0-
15|right|other_taxes|Other taxes, including self-employment tax, from Schedule 2, line 10
16|right|total_tax|Add lines 14 and 15. This is your total tax
17|right|wh_total|Federal income tax withheld from Forms W-2 and 1099
18a|mid|eic|Earned income credit (EIC)
18b|mid|actc|Additional child tax credit. Attach Schedule 8812
18e|right|est|Add lines 18a through 18d. These are your total other payments
19|right|payments|Add lines 17 and 18e. These are your total payments
20|right|overpaid|If line 19 is more than line 16, this is the amount you overpaid
21a|right|refund|Amount of line 20 you want refunded to you
22|mid|applied|Amount of line 20 you want applied to your 2020 estimated tax
23|right|owe|Amount you owe. Subtract line 19 from line 16
"""
TAX_ROWS = """
16|right|tax|Tax (see instructions)
17|right|sch2|Amount from Schedule 2, line 3
18|right|tax_total_a|Add lines 16 and 17
19|right|child_credit|Child tax credit or credit for other dependents from Schedule 8812
20|right|sch3|Amount from Schedule 3, line 8
21|right|credits|Add lines 19 and 20
22|right|after_credits|Subtract line 21 from line 18. If zero or less, enter -0-
23|right|other_taxes|Other taxes, including self-employment tax, from Schedule 2, line 21
24|right|total_tax|Add lines 22 and 23. This is your total tax
25a|mid|wh_w2|Federal income tax withheld from Form(s) W-2
25b|mid|wh_1099|Federal income tax withheld from Form(s) 1099
25c|mid|wh_other|Other forms (see instructions)
25d|right|wh_total|Add lines 25a through 25c
26|right|est|{year} estimated tax payments and amount applied from {prior} return
27|mid|eic|Earned income credit (EIC)
28|mid|actc|Additional child tax credit from Schedule 8812
32|right|-|Add lines 27 through 31. These are your total other payments and refundable credits
33|right|payments|Add lines 25d, 26, and 32. These are your total payments
34|right|overpaid|If line 33 is more than line 24, subtract 24 from 33. Amount you overpaid
35a|right|refund|Amount of line 34 you want refunded to you
36|mid|applied|Amount of line 34 you want applied to your {next} estimated tax
37|right|owe|Subtract line 33 from line 24. This is the amount you owe
"""


def _rows(ret: TaxReturn, table: str) -> list[Row]:
    rows: list[Row] = []
    for line in filter(None, table.strip().splitlines()):
        num, col, key, caption = line.split("|")
        rows.append((num, caption, ret.v[key] if key != "-" else 0, col))
    return rows


def _income_rows(ret: TaxReturn) -> list[Row]:
    y = ret.year
    wages = WAGE_ROWS_2022 if y >= 2022 else WAGE_ROW_OLD
    if y == 2019:
        return _rows(ret, wages + INCOME_ROWS_2019)
    table = INCOME_ROWS.format(
        sch1="9" if y == 2020 else "10",
        first="1z" if y >= 2022 else "1",
        adjust=ADJUST_2020 if y == 2020 else ADJUST,
    )
    return _rows(ret, wages + table)


def _tax_rows(ret: TaxReturn) -> list[Row]:
    if ret.year == 2019:
        return _rows(ret, TAX_ROWS_2019)
    return _rows(ret, TAX_ROWS.format(year=ret.year, prior=ret.year - 1, next=ret.year + 1))


def _val(style: FormStyle, cents: int | None) -> str:
    if cents is None:
        return ""
    if style.whole:
        text = f"{cents // 100:,}" if style.money.commas else str(cents // 100)
        return text + ("." if style.trailing_dot else "")
    return style.money(cents)


def _draw_rows(
    pen: Pen, style: FormStyle, rows: list[Row], y: float, *, blank_zero: bool
) -> tuple[float, bool]:
    """Draw numbered rows with a mid and right amount column; returns (y, whether 1z/1 printed)."""
    m = style.margin
    right_x = PAGE_W - m
    right_w = 86.0
    mid_x = right_x - right_w - 22 - 78
    num_w = 22.0
    printed = False
    for num, caption, value, col in rows:
        pen.text(m + 2, y + 3, num, style.cap_size, bold=True, family=style.caption)
        cap_end = (mid_x - 4) if col == "mid" else (right_x - right_w - 24)
        pen.fit(
            m + num_w, y + 3, caption, cap_end - m - num_w - 8, style.cap_size, family=style.caption
        )
        used = pen.width(caption, style.cap_size, family=style.caption) + m + num_w
        if used + 10 < cap_end:
            pen.leader(used + 4, cap_end - 4, y + 3, style.cap_size)
        if col == "mid":
            pen.rect(mid_x, y, 78, style.row, 0.4)
            pen.text(mid_x + 2, y + 3, num, style.cap_size - 1, bold=True, family=style.caption)
        pen.rect(right_x - right_w - 22, y, 22, style.row, 0.4, fill=0.92)
        pen.text(
            right_x - right_w - 11,
            y + 3,
            num if col == "right" else "",
            style.cap_size,
            bold=True,
            align="center",
            family=style.caption,
        )
        pen.rect(right_x - right_w, y, right_w, style.row, 0.4)
        text = (
            ""
            if value is None or (blank_zero and value == 0 and num not in ("1z", "1"))
            else _val(style, value)
        )
        if text:
            x = (mid_x + 74) if col == "mid" else (right_x - 4)
            pen.text(x, y + 3.2, text, style.val_size, family=style.value, align="right")
            if num in ("1z", "1"):
                printed = True
        y -= style.row
    return y, printed


def _form_header(pen: Pen, style: FormStyle, ret: TaxReturn, title: str) -> float:
    m = style.margin
    top = PAGE_H - 34
    pen.line(m, top - 30, PAGE_W - m, top - 30, 1.2)
    pen.text(m, top - 10, "Form", 8, family=style.caption)
    pen.text(m + 22, top - 20, "1040", 22, bold=True, family=style.caption)
    pen.text(
        m + 90,
        top - 8,
        "Department of the Treasury\u2014Internal Revenue Service",
        7,
        family=style.caption,
    )
    pen.text(m + 90, top - 22, title, 11, bold=True, family=style.caption)
    pen.text(PAGE_W - m - 210, top - 20, str(ret.year), 20, bold=True, family=style.caption)
    pen.text(PAGE_W - m, top - 8, "OMB No. 1545-0074", 6.5, family=style.caption, align="right")
    pen.text(
        PAGE_W - m,
        top - 26,
        "IRS Use Only\u2014Do not write or staple in this space.",
        5.5,
        family=style.caption,
        align="right",
    )
    return top - 42


def _draw_form(pen: Pen, style: FormStyle, ret: TaxReturn, rng: random.Random) -> int:
    """Two pages of the official Form 1040; returns the page holding line 1z / line 1."""
    m = style.margin
    cs = style.cap_size
    vs = style.val_size
    title = "U.S. Individual Income Tax Return"
    y = _form_header(pen, style, ret, title)
    # filing status
    pen.text(m, y, "Filing Status", cs + 0.5, bold=True, family=style.caption)
    x = m + 70
    statuses = (
        "Single",
        "Married filing jointly",
        "Married filing separately (MFS)",
        "Head of household (HOH)",
        "Qualifying surviving spouse (QSS)",
    )
    chosen = 1 if ret.joint else rng.choice((0, 3))
    for i, label in enumerate(statuses):
        if x + 9 + pen.width(label, cs - 0.5, family=style.caption) > PAGE_W - m:
            x = m + 70
            y -= cs + 4
        checkbox(pen, x, y - 1, i == chosen, 6.5)
        pen.text(x + 9, y, label, cs - 0.5, family=style.caption)
        x += pen.width(label, cs - 0.5, family=style.caption) + 18
    y -= cs + 8
    w = PAGE_W - 2 * m
    ssn_w = 120.0
    rows_h = 24.0

    def field(x0: float, y0: float, width: float, caption: str, value: str) -> None:
        pen.rect(x0, y0 - rows_h, width, rows_h, 0.5)
        pen.text(x0 + 2, y0 - cs - 1, caption, cs - 1, family=style.caption)
        if value:
            pen.fit(x0 + 6, y0 - rows_h + 4, value, width - 10, vs, family=style.value)

    tp, sp = ret.taxpayer, ret.spouse
    fm = " ".join(p for p in (tp.first, tp.middle_initial) if p)
    last_tp = f"{tp.last} {tp.suffix}".strip()
    caps = rng.random() < 0.5

    def cap_(text: str) -> str:
        return text.upper() if caps else text

    first_w = w * 0.42
    field(m, y, first_w, "Your first name and middle initial", cap_(fm))
    field(m + first_w, y, w - first_w - ssn_w, "Last name", cap_(last_tp))
    ssn_text = masked_ssn(ret.tp_ssn[-4:], 1) if style.mask_ssn else ret.tp_ssn
    field(PAGE_W - m - ssn_w, y, ssn_w, "Your social security number", ssn_text)
    y -= rows_h
    if sp is not None:
        sfm = " ".join(p for p in (sp.first, sp.middle_initial) if p)
        field(m, y, first_w, "If joint return, spouse's first name and middle initial", cap_(sfm))
        field(
            m + first_w, y, w - first_w - ssn_w, "Last name", cap_(f"{sp.last} {sp.suffix}".strip())
        )
        field(
            PAGE_W - m - ssn_w,
            y,
            ssn_w,
            "Spouse's social security number",
            masked_ssn(ret.sp_ssn[-4:], 1) if style.mask_ssn else ret.sp_ssn,
        )
    else:
        field(m, y, first_w, "If joint return, spouse's first name and middle initial", "")
        field(m + first_w, y, w - first_w - ssn_w, "Last name", "")
        field(PAGE_W - m - ssn_w, y, ssn_w, "Spouse's social security number", "")
    y -= rows_h
    a = ret.address
    street = a.street_line().replace(f" {a.unit}", "") if a.unit else a.street_line()
    field(
        m,
        y,
        w - ssn_w - 60,
        "Home address (number and street). If you have a P.O. box, see instructions.",
        cap_(street),
    )
    field(PAGE_W - m - ssn_w - 60, y, 60, "Apt. no.", a.unit)
    pen.rect(PAGE_W - m - ssn_w, y - rows_h * 2, ssn_w, rows_h * 2, 0.5)
    pen.wrap(
        PAGE_W - m - ssn_w + 3,
        y - cs - 1,
        ssn_w - 6,
        "Presidential Election Campaign. Check here if you, or your spouse if filing "
        "jointly, want $3 to go to this fund.",
        cs - 1.5,
    )
    y -= rows_h
    field(
        m,
        y,
        w - ssn_w - 150,
        "City, town, or post office. If you have a foreign address, also complete spaces below.",
        cap_(a.city),
    )
    field(PAGE_W - m - ssn_w - 150, y, 60, "State", a.state)
    field(PAGE_W - m - ssn_w - 90, y, 90, "ZIP code", a.zip)
    y -= rows_h + 12
    if ret.year >= 2020:
        q = "Digital Assets" if ret.year >= 2022 else "Virtual Currency"
        pen.text(m, y, q, cs, bold=True, family=style.caption)
        pen.fit(
            m + 92,
            y,
            f"At any time during {ret.year}, did you receive, sell, exchange, or "
            "otherwise dispose of any financial interest in any virtual currency?"
            if ret.year < 2022
            else (
                f"At any time during {ret.year}, did you receive, sell, exchange, or "
                "otherwise dispose of a digital asset?"
            ),
            PAGE_W - 2 * m - 160,
            cs - 1.5,
            family=style.caption,
        )
        checkbox(pen, PAGE_W - m - 60, y - 1, False, 6.5)
        pen.text(PAGE_W - m - 51, y, "Yes", cs - 1, family=style.caption)
        checkbox(pen, PAGE_W - m - 28, y - 1, True, 6.5)
        pen.text(PAGE_W - m - 19, y, "No", cs - 1, family=style.caption)
        y -= cs + 8
    pen.text(m, y, "Standard Deduction", cs, bold=True, family=style.caption)
    pen.text(m + 95, y, "Someone can claim:", cs - 1, family=style.caption)
    checkbox(pen, m + 180, y - 1, False, 6.5)
    pen.text(m + 190, y, "You as a dependent", cs - 1, family=style.caption)
    checkbox(pen, m + 290, y - 1, False, 6.5)
    pen.text(m + 300, y, "Your spouse as a dependent", cs - 1, family=style.caption)
    y -= cs + 8
    # dependents
    pen.text(m, y, "Dependents", cs, bold=True, family=style.caption)
    cols = (m + 70, m + 250, m + 360, m + 440)
    for x0, lab in zip(
        cols,
        (
            "(1) First name     Last name",
            "(2) Social security number",
            "(3) Relationship to you",
            "(4) Child tax credit",
        ),
        strict=True,
    ):
        pen.text(x0, y, lab, cs - 1.5, bold=True, family=style.caption)
    y -= cs + 3
    deps: list[tuple[Person, str, str] | None] = [*ret.dependents]
    deps += [None] * max(0, 4 - len(deps))
    for dep in deps[:4]:
        pen.line(cols[0], y - 3, PAGE_W - m, y - 3, 0.3)
        if dep is not None:
            person, dep_ssn, rel = dep
            pen.text(
                cols[0] + 2, y, cap_(f"{person.first} {person.last}"), vs - 1, family=style.value
            )
            pen.text(
                cols[1] + 2,
                y,
                dep_ssn if not style.mask_ssn else masked_ssn(dep_ssn[-4:], 1),
                vs - 1,
                family=style.value,
            )
            pen.text(cols[2] + 2, y, rel, vs - 1, family=style.value)
            checkbox(pen, cols[3] + 10, y - 1, True, 6.5)
        y -= cs + 4
    y -= 6
    pen.line(m, y + 10, PAGE_W - m, y + 10, 1.0)
    pen.text(m, y, "Income", cs + 1, bold=True, family=style.caption)
    y -= cs + 6
    income = _income_rows(ret)
    blank_zero = rng.random() < 0.7
    y, _ = _draw_rows(pen, style, income, y, blank_zero=blank_zero)
    pen.text(
        m,
        24,
        "For Disclosure, Privacy Act, and Paperwork Reduction Act Notice, see separate "
        "instructions.",
        6.5,
        family=style.caption,
    )
    pen.text(
        PAGE_W - m, 24, f"Form 1040 ({ret.year})", 7, bold=True, family=style.caption, align="right"
    )
    page_of_wages = pen.page
    pen.new_page()
    # page 2
    y = PAGE_H - 40
    pen.text(m, y, f"Form 1040 ({ret.year})", cs, family=style.caption)
    pen.text(PAGE_W - m, y, "Page 2", cs, bold=True, family=style.caption, align="right")
    y -= 8
    pen.line(m, y, PAGE_W - m, y, 1.0)
    y -= cs + 4
    pen.text(m, y, "Tax and Credits", cs, bold=True, family=style.caption)
    y -= style.row + 2
    y, _ = _draw_rows(pen, style, _tax_rows(ret), y, blank_zero=blank_zero)
    # direct deposit
    y -= 4
    pen.text(m + 22, y, "b  Routing number", cs, family=style.caption)
    pen.text(m + 120, y, ret.routing, vs, family=style.value)
    pen.text(m + 240, y, "c  Type:", cs, family=style.caption)
    checkbox(pen, m + 280, y - 1, ret.checking, 6.5)
    pen.text(m + 290, y, "Checking", cs - 0.5, family=style.caption)
    checkbox(pen, m + 335, y - 1, not ret.checking, 6.5)
    pen.text(m + 345, y, "Savings", cs - 0.5, family=style.caption)
    y -= cs + 6
    pen.text(m + 22, y, "d  Account number", cs, family=style.caption)
    pen.text(m + 120, y, ret.account, vs, family=style.value)
    y -= cs + 12
    pen.line(m, y + 8, PAGE_W - m, y + 8, 0.8)
    pen.text(m, y, "Third Party Designee", cs, bold=True, family=style.caption)
    pen.text(
        m + 110,
        y,
        "Do you want to allow another person to discuss this return with the IRS?",
        cs - 1,
        family=style.caption,
    )
    checkbox(pen, PAGE_W - m - 28, y - 1, True, 6.5)
    pen.text(PAGE_W - m - 19, y, "No", cs - 1, family=style.caption)
    y -= cs + 12
    pen.line(m, y + 8, PAGE_W - m, y + 8, 0.8)
    pen.text(m, y, "Sign Here", cs + 1, bold=True, family=style.caption)
    y = pen.wrap(
        m + 70,
        y,
        PAGE_W - 2 * m - 70,
        "Under penalties of perjury, I declare that I have examined this return and "
        "accompanying schedules and statements, and to the best of my knowledge and "
        "belief, they are true, correct, and complete.",
        cs - 1.5,
    )
    occ = rng.choice(
        (
            "Nurse",
            "Engineer",
            "Teacher",
            "Electrician",
            "Analyst",
            "Manager",
            "Technician",
            "Pharmacist",
        )
    )
    pen.text(m + 70, y - 4, "Your signature", cs - 1.5, family=style.caption)
    pen.text(m + 260, y - 4, "Date", cs - 1.5, family=style.caption)
    pen.text(m + 330, y - 4, "Your occupation", cs - 1.5, family=style.caption)
    pen.text(m + 330, y - 16, occ, vs - 1, family=style.value)
    y -= 22
    if ret.joint:
        pen.text(
            m + 70,
            y - 4,
            "Spouse's signature. If a joint return, both must sign.",
            cs - 1.5,
            family=style.caption,
        )
        pen.text(m + 330, y - 4, "Spouse's occupation", cs - 1.5, family=style.caption)
        pen.text(
            m + 330,
            y - 16,
            rng.choice(("Homemaker", "Accountant", "Retired", "Sales", "Designer", "Clerk")),
            vs - 1,
            family=style.value,
        )
        y -= 22
    pen.text(m + 70, y - 4, "Phone no.", cs - 1.5, family=style.caption)
    pen.text(m + 120, y - 4, _phone(rng), vs - 1, family=style.value)
    pen.text(m + 260, y - 4, "Email address", cs - 1.5, family=style.caption)
    y -= 26
    pen.line(m, y + 10, PAGE_W - m, y + 10, 0.8)
    pen.text(m, y, "Paid", cs + 1, bold=True, family=style.caption)
    pen.text(m, y - cs - 2, "Preparer", cs + 1, bold=True, family=style.caption)
    pen.text(m, y - 2 * cs - 4, "Use Only", cs + 1, bold=True, family=style.caption)
    prep = ret.preparer or ret.taxpayer
    pen.text(m + 70, y, "Preparer's name", cs - 1.5, family=style.caption)
    pen.text(m + 70, y - 11, prep.natural(), vs - 1, family=style.value)
    pen.text(m + 230, y, "Preparer's signature", cs - 1.5, family=style.caption)
    pen.text(m + 360, y, "Date", cs - 1.5, family=style.caption)
    pen.text(m + 420, y, "PTIN", cs - 1.5, family=style.caption)
    pen.text(m + 420, y - 11, ret.ptin, vs - 1, family=style.value)
    y -= 26
    fa = ret.firm_address or ret.address
    pen.text(m + 70, y, "Firm's name", cs - 1.5, family=style.caption)
    pen.fit(m + 130, y, ret.firm, 245, vs - 1, family=style.value)
    pen.text(m + 380, y, "Phone no.", cs - 1.5, family=style.caption)
    pen.text(m + 420, y, ret.phone, vs - 1, family=style.value)
    y -= 13
    pen.text(m + 70, y, "Firm's address", cs - 1.5, family=style.caption)
    pen.fit(m + 130, y, f"{fa.street_line()}, {fa.city_line()}", 245, vs - 1, family=style.value)
    pen.text(m + 380, y, "Firm's EIN", cs - 1.5, family=style.caption)
    pen.text(m + 420, y, ret.firm_ein, vs - 1, family=style.value)
    pen.text(
        m,
        24,
        "Go to www.irs.gov/Form1040 for instructions and the latest information.",
        6.5,
        family=style.caption,
    )
    pen.text(
        PAGE_W - m, 24, f"Form 1040 ({ret.year})", 7, bold=True, family=style.caption, align="right"
    )
    return page_of_wages


def _form_doc(
    pen: Pen,
    style: FormStyle,
    ret: TaxReturn,
    rng: random.Random,
    notes: str,
    *,
    watermark: str = "",
) -> WildDocument:
    if watermark:
        pen.watermark(watermark)
    wages_page = _draw_form(pen, style, ret, rng)
    return WildDocument(
        pen.pdf(),
        "form_1040",
        _people_truth(ret, initial=True, ssns=True, address=True),
        [_income(ret, wages_page, True)],
        [],
        notes=notes,
        text_size=style.cap_size,
    )


def _typed_official(rng: random.Random) -> WildDocument:
    year = rng.choice((2021, 2022, 2022, 2023, 2023))
    style = _form_style(rng, typed=True)
    ret = make_return(rng, year, whole=style.whole)
    pen = Pen(style.caption, style.cap_size)
    notes = (
        f"Official IRS Form 1040 ({year}) with values typed into the boxes ({style.value}); "
        + ("lines 1a-1h with 1z total; " if year >= 2022 else "wages on line 1; ")
        + "distractors: 1i combat pay, interest/dividends, total income, AGI, taxable income, "
        "dependents' SSNs, refund with routing/account numbers, paid preparer block"
    )
    return _form_doc(pen, style, ret, rng, notes)


def _form_2019_2020(rng: random.Random) -> WildDocument:
    year = rng.choice((2019, 2020))
    style = _form_style(rng, typed=rng.random() < 0.5)
    ret = make_return(rng, year, whole=style.whole)
    pen = Pen(style.caption, style.cap_size)
    notes = (
        f"Tax-year {year} official Form 1040: wages on line 1, page 2 carries the totals "
        "(total tax, "
        "payments, refund, routing/account numbers); distractors: AGI, total income, taxable income"
    )
    return _form_doc(pen, style, ret, rng, notes, watermark="COPY" if rng.random() < 0.3 else "")


# --------------------------------------------------------------------------------------------
# CPA client copy: cover letter, then the return
# --------------------------------------------------------------------------------------------


def _cpa_client_copy(rng: random.Random) -> WildDocument:
    year = rng.randint(2019, 2024)
    style = _form_style(rng, typed=False)
    ret = make_return(rng, year, whole=style.whole)
    v = ret.v
    family = rng.choice(("Times", "Helvetica"))
    size = rng.choice((9.5, 10.0, 10.5, 11.0))
    pen = Pen(family, size)
    m = rng.choice((60.0, 72.0, 84.0))
    y = PAGE_H - 56
    fa = ret.firm_address or ret.address
    prep = ret.preparer or ret.taxpayer
    pen.text(PAGE_W / 2, y, ret.firm.upper(), size + 5, bold=True, align="center")
    y -= size + 6
    pen.text(
        PAGE_W / 2, y, f"{fa.street_line()}  \u2022  {fa.city_line()}", size - 1, align="center"
    )
    y -= size + 2
    pen.text(PAGE_W / 2, y, f"Tel {ret.phone}  \u2022  Fax {_phone(rng)}", size - 1, align="center")
    y -= 10
    pen.line(m, y, PAGE_W - m, y, 1.0)
    y -= size * 3
    dstyle = rng.randint(0, 4)
    pen.text(
        m,
        y,
        date_text(
            dstyle if dstyle in (2, 3) else 2, year + 1, rng.randint(2, 4), rng.randint(1, 28)
        ),
    )
    y -= size * 2.5
    tp, sp = ret.taxpayer, ret.spouse
    salutation_names = tp.first if sp is None else f"{tp.first} and {sp.first}"
    addressee = tp.natural() if sp is None else f"{tp.natural()} and {sp.natural()}"
    if sp is not None and sp.last == tp.last and rng.random() < 0.5:
        addressee = f"{tp.natural()} & {sp.natural()}"
    for line in (addressee, ret.address.street_line(), ret.address.city_line()):
        pen.text(m, y, line)
        y -= size * 1.3
    y -= size
    pen.text(m, y, f"Re:  {year} Individual Income Tax Returns \u2014 Client Copy", bold=True)
    y -= size * 2
    pen.text(m, y, f"Dear {salutation_names}:")
    y -= size * 1.8
    width = PAGE_W - 2 * m
    refund_sentence = (
        f"Your federal return reflects an overpayment of ${v['overpaid'] / 100:,.2f}, of which "
        f"${v['refund'] / 100:,.2f} will be deposited directly into the account ending in "
        f"{ret.account[-4:]}."
        if v["overpaid"]
        else f"Your federal return shows a balance due of ${v['owe'] / 100:,.2f}. Please mail your "
        f"payment with the enclosed voucher no later than April 15, {year + 1}."
    )
    paragraphs = [
        f"Enclosed is your {year} Form 1040, U.S. Individual Income Tax Return, prepared from the "
        "information you furnished to us. This copy is for your records; the return has "
        "been or will be "
        "filed electronically once we receive your signed Form 8879.",
        f"Your adjusted gross income for {year} was ${v['agi'] / 100:,.2f} and your total tax is "
        f"${v['total_tax'] / 100:,.2f}. {refund_sentence}",
        "We have not audited or otherwise verified the data you submitted. Please review "
        "the return "
        "carefully before signing. Keep this copy, together with the supporting "
        "documents, for at least "
        "three years from the filing date.",
        "Thank you for the opportunity to serve you. If you have any questions, please "
        "call our office.",
    ]
    for para in paragraphs:
        y = pen.wrap(m, y, width, para, size, size * 1.35)
        y -= size * 0.8
    y -= size
    pen.text(m, y, rng.choice(("Sincerely,", "Very truly yours,", "Best regards,")))
    y -= size * 3.2
    pen.text(m, y, f"{prep.natural()}, {rng.choice(('CPA', 'EA', 'CPA, MST'))}")
    y -= size * 1.3
    pen.text(m, y, f"PTIN {ret.ptin}", size - 1)
    y -= size * 2
    pen.text(m, y, "Enclosures:", size - 1, bold=True)
    y -= size * 1.2
    for line in rng.sample(
        (
            "Form 1040",
            "Form 8879",
            "Schedule 1",
            "Schedule B",
            "Form 1040-V",
            "State return",
            "Invoice",
        ),
        4,
    ):
        pen.text(m + 14, y, f"\u2022 {line}", size - 1)
        y -= size * 1.2
    pen.text(
        PAGE_W / 2,
        36,
        f"{ret.firm} is a member of the AICPA.  Client copy \u2014 not for filing.",
        7,
        align="center",
        gray=0.4,
    )
    pen.new_page()
    mark = rng.choice(("CLIENT COPY", "COPY", "DO NOT FILE", ""))
    notes = (
        "CPA firm client copy: cover letter page (preparer name, PTIN, firm address, "
        "AGI, total tax, "
        f"refund/balance, account last four) then the {year} Form 1040 on pages 2-3; "
        "wages on page 2; "
        "the direct-deposit account is not an account record"
    )
    return _form_doc(pen, style, ret, rng, notes, watermark=mark)


# --------------------------------------------------------------------------------------------
# E-file bundle: Form 8879 (and sometimes a state authorisation) first
# --------------------------------------------------------------------------------------------


STATES = {
    "NM": "New Mexico",
    "TN": "Tennessee",
    "MN": "Minnesota",
    "OR": "Oregon",
    "IN": "Indiana",
    "MI": "Michigan",
    "CT": "Connecticut",
    "ID": "Idaho",
    "MS": "Mississippi",
    "GA": "Georgia",
    "NJ": "New Jersey",
    "MA": "Massachusetts",
    "UT": "Utah",
    "NY": "New York",
    "CA": "California",
    "DE": "Delaware",
    "MO": "Missouri",
    "NC": "North Carolina",
    "ND": "North Dakota",
}


def _draw_8879(pen: Pen, ret: TaxReturn, rng: random.Random, family: str, size: float) -> None:
    m = 40.0
    v = ret.v
    y = PAGE_H - 44
    pen.text(m, y - 14, "Form 8879", 15, bold=True, family=family)
    pen.text(
        PAGE_W / 2,
        y - 4,
        "IRS e-file Signature Authorization",
        12,
        bold=True,
        family=family,
        align="center",
    )
    pen.text(
        PAGE_W / 2,
        y - 18,
        "ERO must obtain and retain completed Form 8879.",
        size - 1,
        family=family,
        align="center",
    )
    pen.text(PAGE_W - m, y - 4, "OMB No. 1545-0074", 7, family=family, align="right")
    pen.text(PAGE_W - m, y - 22, str(ret.year), 16, bold=True, family=family, align="right")
    y -= 34
    pen.line(m, y, PAGE_W - m, y, 1.0)
    y -= 14
    pen.text(m, y, "Submission Identification Number (SID)", size - 1, family=family)
    pen.text(m + 200, y, digits(rng, 20) if rng.random() < 0.5 else "", size, family="Courier")
    y -= 10
    pen.line(m, y, PAGE_W - m, y, 0.5)
    masked = rng.random() < 0.5
    rows = [
        (
            "Taxpayer's name",
            ret.taxpayer.natural(),
            "Social security number",
            masked_ssn(ret.tp_ssn[-4:], 0) if masked else ret.tp_ssn,
        )
    ]
    if ret.spouse is not None:
        rows.append(
            (
                "Spouse's name",
                ret.spouse.natural(),
                "Spouse's social security number",
                masked_ssn(ret.sp_ssn[-4:], 0) if masked else ret.sp_ssn,
            )
        )
    for lab, name, slab, num in rows:
        y -= 12
        pen.text(m, y, lab, size - 1.5, family=family)
        pen.text(PAGE_W - m - 150, y, slab, size - 1.5, family=family)
        y -= 12
        pen.text(m + 6, y, name, size, family="Courier")
        pen.text(PAGE_W - m - 150, y, num, size, family="Courier")
        y -= 5
        pen.line(m, y, PAGE_W - m, y, 0.5)
    y -= 16
    pen.rect(m, y - 3, 50, size + 5, 0.5, fill=0)
    pen.text(m + 4, y, "Part I", size, bold=True, family=family, gray=1.0)
    pen.text(
        m + 60,
        y,
        "Tax Return Information \u2014 Tax Year Ending December 31, "
        + str(ret.year)
        + " (Whole dollars only)",
        size,
        bold=True,
        family=family,
    )
    y -= 18
    whole = [
        (
            "1",
            "Adjusted gross income (Form 1040, line 11)"
            if ret.year >= 2020
            else "Adjusted gross income (Form 1040, line 8b)",
            v["agi"],
        ),
        (
            "2",
            "Total tax (Form 1040, line 24)"
            if ret.year >= 2020
            else "Total tax (Form 1040, line 16)",
            v["total_tax"],
        ),
        ("3", "Federal income tax withheld from Form(s) W-2 and Form(s) 1099", v["wh_total"]),
        ("4", "Amount you want refunded to you", v["refund"]),
        ("5", "Amount you owe", v["owe"]),
    ]
    for num, lab, cents in whole:
        pen.text(m, y, num, size, bold=True, family=family)
        pen.text(m + 16, y, lab, size - 0.5, family=family)
        pen.leader(
            m + 20 + pen.width(lab, size - 0.5, family=family), PAGE_W - m - 130, y, size - 0.5
        )
        pen.text(PAGE_W - m - 120, y, num, size, bold=True, family=family)
        pen.rect(PAGE_W - m - 110, y - 4, 110, size + 7, 0.4)
        if cents:
            pen.text(
                PAGE_W - m - 4, y, f"{round(cents / 100):,}", size, family="Courier", align="right"
            )
        y -= size + 9
    y -= 6
    pen.rect(m, y - 3, 50, size + 5, 0.5, fill=0)
    pen.text(
        m + 60,
        y,
        "Taxpayer Declaration and Signature Authorization",
        size,
        bold=True,
        family=family,
    )
    pen.text(m + 4, y, "Part II", size, bold=True, family=family, gray=1.0)
    y -= 16
    y = pen.wrap(
        m,
        y,
        PAGE_W - 2 * m,
        "Under penalties of perjury, I declare that I have examined a copy of the income "
        "tax return (original or amended) I am now authorizing, including accompanying "
        f"schedules and statements, for the tax year ending December 31, {ret.year}, and "
        "to the best of my knowledge and belief, it is true, correct, and complete. I "
        "further declare that the amounts in Part I above are the amounts from the "
        "income tax return I am now authorizing. I consent to allow my intermediate "
        "service provider, transmitter, or electronic return originator (ERO) to send my "
        "return to the IRS and to receive from the IRS an acknowledgement of receipt or "
        "reason for rejection of the transmission.",
        size - 1.5,
    )
    y -= 8
    firm = ret.firm.upper()
    pen.text(m, y, "Taxpayer's PIN: check one box only", size - 0.5, bold=True, family=family)
    y -= 13
    checkbox(pen, m, y - 1, True, 7)
    pen.text(m + 12, y, f"I authorize {firm} to enter or generate my PIN", size - 1, family=family)
    pen.text(PAGE_W - m - 60, y, f"{rng.randint(10000, 99999)}", size, family="Courier")
    y -= 20
    pen.text(m, y, "Your signature", size - 1.5, family=family)
    pen.text(m + 300, y, "Date", size - 1.5, family=family)
    y -= 18
    if ret.spouse is not None:
        pen.text(m, y, "Spouse's PIN: check one box only", size - 0.5, bold=True, family=family)
        y -= 13
        checkbox(pen, m, y - 1, True, 7)
        pen.text(
            m + 12, y, f"I authorize {firm} to enter or generate my PIN", size - 1, family=family
        )
        pen.text(PAGE_W - m - 60, y, f"{rng.randint(10000, 99999)}", size, family="Courier")
        y -= 20
        pen.text(m, y, "Spouse's signature", size - 1.5, family=family)
        pen.text(m + 300, y, "Date", size - 1.5, family=family)
        y -= 18
    pen.rect(m, y - 3, 50, size + 5, 0.5, fill=0)
    pen.text(m + 60, y, "Certification and Authentication", size, bold=True, family=family)
    pen.text(m + 4, y, "Part III", size, bold=True, family=family, gray=1.0)
    y -= 16
    pen.text(
        m,
        y,
        "ERO's EFIN/PIN. Enter your six-digit EFIN followed by your five-digit self-selected PIN.",
        size - 1,
        family=family,
    )
    pen.text(PAGE_W - m, y, digits(rng, 11), size, family="Courier", align="right")
    y -= 14
    y = pen.wrap(
        m,
        y,
        PAGE_W - 2 * m,
        "I certify that the above numeric entry is my PIN, which is my signature for the "
        "tax year indicated return for the taxpayer(s) indicated above.",
        size - 1.5,
    )
    y -= 10
    prep = ret.preparer or ret.taxpayer
    pen.text(m, y, "ERO's signature", size - 1.5, family=family)
    pen.text(m + 100, y, f"{prep.natural()}  {ret.firm}", size - 0.5, family="Courier")
    y -= 24
    pen.text(
        PAGE_W / 2,
        y,
        "ERO Must Retain This Form \u2014 See Instructions",
        size,
        bold=True,
        family=family,
        align="center",
    )
    pen.text(
        PAGE_W / 2,
        y - 12,
        "Don't Submit This Form to the IRS Unless Requested To Do So",
        size,
        bold=True,
        family=family,
        align="center",
    )
    pen.text(
        m,
        28,
        "For Paperwork Reduction Act Notice, see your tax return instructions.",
        6.5,
        family=family,
    )
    pen.text(PAGE_W - m, 28, f"Form 8879 ({ret.year})", 7, bold=True, family=family, align="right")


def _draw_state_auth(
    pen: Pen, ret: TaxReturn, rng: random.Random, family: str, size: float
) -> None:
    m = 50.0
    st = ret.address.state
    name = STATES.get(st, st)
    y = PAGE_H - 60
    pen.text(
        PAGE_W / 2,
        y,
        f"{name} e-file Signature Authorization",
        13,
        bold=True,
        family=family,
        align="center",
    )
    y -= 16
    pen.text(
        PAGE_W / 2,
        y,
        f"Form {st}-8879  \u2022  Tax Year {ret.year}",
        size,
        family=family,
        align="center",
    )
    y -= 30
    state_agi = ret.v["agi"] - (ret.v["ss_tax"] if rng.random() < 0.5 else 0)
    state_tax = state_agi * rng.randint(3, 6) // 100 // 100 * 100
    state_wh = state_tax + rng.randint(-400, 600) * 100
    items = [
        ("Federal adjusted gross income", ret.v["agi"]),
        (f"{name} taxable income", max(0, state_agi - rng.randint(2000, 9000) * 100)),
        (f"{name} income tax", state_tax),
        (f"{name} income tax withheld", max(0, state_wh)),
        ("Refund" if state_wh >= state_tax else "Balance due", abs(state_wh - state_tax)),
    ]
    for i, (lab, cents) in enumerate(items, 1):
        pen.text(m, y, f"{i}.", size, family=family)
        pen.text(m + 18, y, lab, size, family=family)
        pen.leader(m + 22 + pen.width(lab, size, family=family), PAGE_W - m - 110, y, size)
        pen.text(PAGE_W - m, y, f"{round(cents / 100):,}", size, family="Courier", align="right")
        y -= size * 1.8
    y -= 10
    pen.text(m, y, "Taxpayer", size, bold=True, family=family)
    pen.text(m + 120, y, ret.taxpayer.natural(), size, family="Courier")
    y -= size * 1.5
    if ret.spouse is not None:
        pen.text(m, y, "Spouse", size, bold=True, family=family)
        pen.text(m + 120, y, ret.spouse.natural(), size, family="Courier")
        y -= size * 1.5
    y -= 10
    pen.wrap(
        m,
        y,
        PAGE_W - 2 * m,
        "I authorize the electronic return originator to transmit my state return to the "
        "Department of Revenue and, if applicable, to initiate an electronic funds "
        "withdrawal. Do not mail this form; keep it with your records.",
        size - 1,
    )


def _efile_bundle(rng: random.Random) -> WildDocument:
    year = rng.choice((2020, 2021, 2022, 2023, 2024))
    style = _form_style(rng, typed=False)
    ret = make_return(rng, year, whole=style.whole)
    family = rng.choice(("Helvetica", "Times"))
    size = rng.choice((8.5, 9.0, 9.5, 10.0))
    pen = Pen(family, size)
    _draw_8879(pen, ret, rng, family, size)
    pen.new_page()
    state = rng.random() < 0.45
    if state:
        _draw_state_auth(pen, ret, rng, family, size)
        pen.new_page()
    notes = (
        "E-file bundle: Form 8879 first (AGI, total tax, withholding, refund in whole "
        "dollars; ERO's "
        "EFIN/PIN; taxpayer PINs)"
        + (", a state e-file authorization page" if state else "")
        + f", then the {year} Form 1040; wages are only on the 1040 page"
    )
    return _form_doc(pen, style, ret, rng, notes)


def build(rng: random.Random, layout: str) -> WildDocument:
    if layout == "irs_transcript":
        return _transcript(rng)
    if layout == "typed_official_form":
        return _typed_official(rng)
    if layout == "cpa_client_copy":
        return _cpa_client_copy(rng)
    if layout == "efile_8879_bundle":
        return _efile_bundle(rng)
    if layout == "form_2019_2020":
        return _form_2019_2020(rng)
    raise ValueError(f"unknown form_1040 layout {layout!r}")
