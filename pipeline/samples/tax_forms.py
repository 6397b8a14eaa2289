"""Form 1040 (2021 "line 1" and 2022+ "line 1a/1z" layouts, amounts with or without cents) and
Form 1099 NEC/INT/MISC/DIV (IRS grid or a payer's tax information statement)."""

from __future__ import annotations

import random
from decimal import Decimal

from pipeline.samples.cast import PAYERS_1099, Member, money
from pipeline.samples.render import Sheet, fmt_amount, fmt_ssn
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

LAYOUTS_1040 = ("form_cents", "form_whole_dollars")
LAYOUTS_1099 = ("irs_grid", "payer_statement")
VARIANTS_1099 = ("nec", "int", "misc", "div")

_STATUSES = (
    "Single",
    "Married filing jointly",
    "Married filing separately (MFS)",
    "Head of household (HOH)",
    "Qualifying surviving spouse (QSS)",
)


def build_1040(
    rng: random.Random, member: Member, *, layout: str, year: int
) -> tuple[bytes, DocumentTruth]:
    person = member.person
    joint = member.spouse is not None
    spouse = member.spouse.person if member.spouse else None
    cents = layout == "form_cents"
    wages = member.wages(year) + (member.spouse.wages(year) if member.spouse else Decimal(0))
    taxable_interest = money(rng.randint(0, 90000) / 100)
    dividends = money(rng.randint(0, 250000) / 100) if rng.random() < 0.5 else Decimal(0)
    schedule1 = money(rng.randint(0, 600000) / 100) if rng.random() < 0.3 else Decimal(0)
    adjustments = money(rng.randint(0, 300000) / 100) if rng.random() < 0.4 else Decimal(0)
    values = {
        "wages": wages,
        "2b": taxable_interest,
        "3b": dividends,
        "8": schedule1,
        "10": adjustments,
    }
    if not cents:
        values = {k: v.quantize(Decimal(1)) for k, v in values.items()}
    total = values["wages"] + values["2b"] + values["3b"] + values["8"]
    agi = total - values["10"]
    standard = Decimal(
        {2021: 25100, 2022: 25900, 2023: 27700}[year]
        if joint
        else {2021: 12550, 2022: 12950, 2023: 13850}[year]
    )
    taxable = max(agi - standard, Decimal(0))
    commas = rng.random() < 0.7

    def amt(value: Decimal) -> str:
        if not value:
            return ""
        return fmt_amount(value, commas=commas, cents=cents)

    s = Sheet(title=f"Form 1040 {year}")
    s.text(36, 40, "Form", size=7)
    s.text(58, 44, "1040", size=20, bold=True)
    s.text(110, 36, "Department of the Treasury—Internal Revenue Service", size=7)
    s.text(110, 48, "U.S. Individual Income Tax Return", size=11, bold=True)
    s.text(330, 46, str(year), size=18, bold=True)
    s.text(400, 38, "OMB No. 1545-0074", size=7)
    s.text(
        36,
        64,
        f"For the year Jan. 1\N{EN DASH}Dec. 31, {year}, or other tax year beginning",
        size=7,
    )
    s.hline(36, 576, 70, line=1)
    s.text(36, 84, "Filing Status", size=8, bold=True)
    x = 100.0
    status = _STATUSES[1] if joint else _STATUSES[0]
    for label in _STATUSES:
        s.box(x, 76, 7, 7)
        if label == status:
            s.text(x + 1, 82.5, "X", size=7, bold=True)
        s.text(x + 10, 82.5, label, size=6.5)
        x += 10 + len(label) * 3.1 + 12
    y = 92.0
    s.cell(36, y, 250, 26, "Your first name and middle initial", person.first)
    s.cell(286, y, 160, 26, "Last name", person.last)
    s.cell(446, y, 130, 26, "Your social security number", fmt_ssn(person.ssn, "full"))
    y += 26
    s.cell(
        36,
        y,
        250,
        26,
        "If joint return, spouse's first name and middle initial",
        spouse.first if spouse else "",
    )
    s.cell(286, y, 160, 26, "Last name", spouse.last if spouse else "")
    s.cell(
        446,
        y,
        130,
        26,
        "Spouse's social security number",
        fmt_ssn(spouse.ssn, "full") if spouse else "",
    )
    y += 26
    street, unit = person.address.street, ""
    for marker in (" Apt", " Unit", " Suite", " #"):
        if marker in street:
            street, unit = street.split(marker, 1)
            unit = (marker.strip() + unit).strip()
            break
    s.cell(
        36,
        y,
        410,
        26,
        "Home address (number and street). If you have a P.O. box, see instructions.",
        street,
    )
    s.cell(446, y, 130, 26, "Apt. no.", unit)
    y += 26
    s.cell(
        36,
        y,
        300,
        26,
        "City, town, or post office. If you have a foreign address, also complete spaces below.",
        person.address.city,
    )
    s.cell(336, y, 110, 26, "State", person.address.state)
    s.cell(446, y, 130, 26, "ZIP code", person.address.zip)
    y += 40

    if year >= 2022:
        lines: list[tuple[str, str, Decimal]] = [
            ("1a", "Total amount from Form(s) W-2, box 1 (see instructions)", values["wages"]),
            ("1b", "Household employee wages not reported on Form(s) W-2", Decimal(0)),
            ("1c", "Tip income not reported on line 1a (see instructions)", Decimal(0)),
            ("1z", "Add lines 1a through 1h", values["wages"]),
        ]
        wage_line = "1z"
    else:
        lines = [("1", "Wages, salaries, tips, etc. Attach Form(s) W-2", values["wages"])]
        wage_line = "1"
    lines += [
        ("2b", "Taxable interest", values["2b"]),
        ("3b", "Ordinary dividends", values["3b"]),
        ("4b", "IRA distributions - taxable amount", Decimal(0)),
        ("5b", "Pensions and annuities - taxable amount", Decimal(0)),
        ("6b", "Social security benefits - taxable amount", Decimal(0)),
        ("7", "Capital gain or (loss). Attach Schedule D if required", Decimal(0)),
        ("8", "Additional income from Schedule 1, line 10", values["8"]),
        (
            "9",
            f"Add lines {'1z' if year >= 2022 else '1'}, 2b, 3b, 4b, 5b, 6b, 7, and 8. "
            "This is your total income",
            total,
        ),
        ("10", "Adjustments to income from Schedule 1, line 26", values["10"]),
        ("11", "Subtract line 10 from line 9. This is your adjusted gross income", agi),
        ("12", "Standard deduction or itemized deductions (from Schedule A)", standard),
        ("13", "Qualified business income deduction from Form 8995 or Form 8995-A", Decimal(0)),
        ("14", "Add lines 12 and 13", standard),
        (
            "15",
            "Subtract line 14 from line 11. If zero or less, enter -0-. This is your "
            "taxable income",
            taxable,
        ),
    ]
    s.text(36, y - 4, "Income", size=9, bold=True)
    for number, label, value in lines:
        s.text(60, y + 8, number, size=7.5, bold=True)
        s.text(80, y + 8, label, size=7.5)
        s.box(470, y, 106, 12)
        s.text(490, y + 8.5, number, size=6)
        s.text(
            572,
            y + 9,
            amt(value) if value else ("0" if number == "15" else ""),
            size=8.5,
            align="right",
        )
        y += 14
    s.text(
        36,
        770,
        "For Disclosure, Privacy Act, and Paperwork Reduction Act Notice, see "
        "separate instructions.",
        size=6.5,
    )
    s.text(576, 770, f"Form 1040 ({year})", size=7, bold=True, align="right")

    s.new_page()
    tax = money(taxable * Decimal("0.12"))
    if not cents:
        tax = tax.quantize(Decimal(1))
    withheld = sum((job.w2_boxes(year)["2"] for job in member.jobs), Decimal(0))
    if member.spouse:
        withheld += sum((job.w2_boxes(year)["2"] for job in member.spouse.jobs), Decimal(0))
    if not cents:
        withheld = withheld.quantize(Decimal(1))
    s.text(36, 40, f"Form 1040 ({year})", size=8)
    s.text(576, 40, "Page 2", size=8, align="right")
    y = 60.0
    page2 = [
        ("16", "Tax (see instructions)", tax),
        ("22", "Subtract line 21 from line 18", tax),
        ("24", "Add lines 22 and 23. This is your total tax", tax),
        ("25a", "Federal income tax withheld from Form(s) W-2", withheld),
        ("33", "Add lines 25d, 26, and 32. These are your total payments", withheld),
    ]
    diff = withheld - tax
    page2.append(
        (
            "34" if diff >= 0 else "37",
            "Amount you overpaid" if diff >= 0 else "Amount you owe",
            abs(diff),
        )
    )
    for number, label, value in page2:
        s.text(60, y + 8, number, size=7.5, bold=True)
        s.text(80, y + 8, label, size=7.5)
        s.box(470, y, 106, 12)
        s.text(572, y + 9, amt(value) or "0", size=8.5, align="right")
        y += 16
    y += 30
    s.text(36, y, "Sign Here", size=10, bold=True)
    s.text(
        110, y, "Under penalties of perjury, I declare that I have examined this return ...", size=7
    )
    s.cell(110, y + 10, 200, 26, "Your signature", "")
    s.cell(310, y + 10, 100, 26, "Date", f"04/{rng.randint(1, 15):02d}/{year + 1}")
    s.cell(410, y + 10, 166, 26, "Your occupation", member.job.title)
    if member.spouse:
        s.cell(110, y + 36, 200, 26, "Spouse's signature", "")
        s.cell(410, y + 36, 166, 26, "Spouse's occupation", member.spouse.job.title)
    s.text(576, 770, f"Form 1040 ({year})", size=7, bold=True, align="right")

    truth = DocumentTruth(doc_type="form_1040", layout=f"{layout}_{year}")
    truth.add_borrower(TruthBorrower(person.name, person.ssn_last4, person.address))
    if spouse:
        truth.add_borrower(TruthBorrower(spouse.name, spouse.ssn_last4, spouse.address))
    truth.income_records.append(
        TruthIncome(
            borrower=person.name,
            amount=values["wages"],
            period="annual",
            year=year,
            source_type="form_1040",
            employer=None,
            page=1,
        )
    )
    truth.notes.append(
        f"filing status {status}; wages on line {wage_line}"
        + ("; joint wages attributed to the primary taxpayer" if joint else "")
        + ("" if cents else "; whole-dollar amounts")
    )
    return s.finish(), truth


_TITLES_1099 = {
    "nec": ("1099-NEC", "Nonemployee Compensation"),
    "int": ("1099-INT", "Interest Income"),
    "misc": ("1099-MISC", "Miscellaneous Information"),
    "div": ("1099-DIV", "Dividends and Distributions"),
}


def _boxes_1099(rng: random.Random, variant: str) -> tuple[list[tuple[str, str, Decimal]], str]:
    """The boxes printed for a variant (box, label, value) and the main (income) box."""
    if variant == "nec":
        main = money(rng.randint(180000, 6500000) / 100)
        if rng.random() < 0.3:
            main = main.quantize(Decimal(1))
        withheld = money(main * Decimal("0.1")) if rng.random() < 0.3 else Decimal(0)
        return [
            ("1", "Nonemployee compensation", main),
            (
                "2",
                "Payer made direct sales totaling $5,000 or more of consumer products to "
                "recipient for resale",
                Decimal(0),
            ),
            ("4", "Federal income tax withheld", withheld),
        ], "1"
    if variant == "int":
        main = money(rng.randint(1500, 420000) / 100)
        bonds = money(rng.randint(500, 30000) / 100) if rng.random() < 0.4 else Decimal(0)
        return [
            ("1", "Interest income", main),
            ("2", "Early withdrawal penalty", Decimal(0)),
            ("3", "Interest on U.S. Savings Bonds and Treas. obligations", bonds),
            ("4", "Federal income tax withheld", Decimal(0)),
        ], "1"
    if variant == "misc":
        main = money(rng.randint(60000, 1800000) / 100)
        return [
            ("1", "Rents", Decimal(0)),
            ("2", "Royalties", Decimal(0)),
            ("3", "Other income", main),
            ("4", "Federal income tax withheld", Decimal(0)),
            ("6", "Medical and health care payments", Decimal(0)),
        ], "3"
    main = money(rng.randint(5000, 900000) / 100)
    qualified = money(main * Decimal(rng.choice(("0.62", "0.75", "0.9"))))
    gains = money(rng.randint(0, 150000) / 100) if rng.random() < 0.5 else Decimal(0)
    return [
        ("1a", "Total ordinary dividends", main),
        ("1b", "Qualified dividends", qualified),
        ("2a", "Total capital gain distr.", gains),
        ("4", "Federal income tax withheld", Decimal(0)),
    ], "1a"


def build_1099(
    rng: random.Random, member: Member, *, layout: str, year: int, variant: str
) -> tuple[bytes, DocumentTruth]:
    person = member.person
    form, title = _TITLES_1099[variant]
    payer = rng.choice(PAYERS_1099[variant])
    payer_tin = f"{rng.randint(10, 98):02d}-{rng.randint(1000000, 9999999)}"
    payer_city = rng.choice(
        (
            ("Columbus", "OH", "43215"),
            ("Charlotte", "NC", "28202"),
            ("Omaha", "NE", "68102"),
            ("Tempe", "AZ", "85281"),
        )
    )
    payer_lines = [
        payer,
        f"{rng.randint(100, 9999)} Commerce Parkway",
        f"{payer_city[0]}, {payer_city[1]} {payer_city[2]}",
        f"({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}",
    ]
    boxes, main_box = _boxes_1099(rng, variant)
    main = next(v for b, _, v in boxes if b == main_box)
    tin_style = rng.choice(("full", "xmask", "starmask"))
    caps = rng.random() < 0.4
    name = person.name.upper() if caps else person.name
    commas = rng.random() < 0.6
    reference = f"{rng.randint(10000, 99999)}-{rng.randint(100, 999)}"

    # Like Google's sample 1099-NEC ("5000"), a whole-dollar main amount may lack cents.
    whole = variant == "nec" and main == main.to_integral_value() and rng.random() < 0.7

    def amt(value: Decimal) -> str:
        return fmt_amount(value, commas=commas, cents=not (whole and value == main))

    s = Sheet(title=f"Form {form} {year}")
    address_lines = [
        person.address.street.upper() if caps else person.address.street,
        f"{person.address.city}, {person.address.state} {person.address.zip}",
    ]
    if layout == "irs_grid":
        s.text(36, 40, "CORRECTED (if checked)", size=7)
        s.multiline_cell(
            36,
            50,
            270,
            72,
            "PAYER'S name, street address, city or town, state, ZIP code, and telephone no.",
            payer_lines,
            label_size=5.5,
        )
        s.cell(36, 122, 135, 26, "PAYER'S TIN", payer_tin)
        s.cell(171, 122, 135, 26, "RECIPIENT'S TIN", fmt_ssn(person.ssn, tin_style))
        s.cell(36, 148, 270, 26, "RECIPIENT'S name", name)
        s.cell(36, 174, 270, 26, "Street address (including apt. no.)", address_lines[0])
        s.cell(
            36,
            200,
            270,
            26,
            "City or town, state or province, country, and ZIP or foreign postal code",
            address_lines[1],
            label_size=5.5,
        )
        s.cell(
            36,
            226,
            270,
            26,
            "Account number (see instructions)",
            reference if variant in ("int", "div") else "",
        )
        y = 50.0
        for box, label, value in boxes:
            s.cell(
                306,
                y,
                150,
                34,
                f"{box} {label}"[:48],
                f"$ {amt(value)}" if value else "$",
                value_align="right",
            )
            y += 34
        s.text(462, 60, f"Form {form}", size=10, bold=True)
        s.text(462, 74, "(Rev. January 2024)" if variant != "div" else "", size=6)
        s.text(462, 92, f"For calendar year {year}", size=7)
        s.text(462, 110, title, size=9, bold=True)
        s.text(462, 130, "Copy B", size=9, bold=True)
        s.text(462, 141, "For Recipient", size=7)
        s.text(
            36,
            266,
            f"Form {form}    (keep for your records)    www.irs.gov/Form{form}    "
            "Department of the Treasury - Internal Revenue Service",
            size=6.5,
        )
    else:
        s.text(36, 50, payer, size=15, bold=True)
        s.text(36, 64, " · ".join(payer_lines[1:]), size=8)
        s.text(576, 50, f"{year} Tax Information Statement", size=12, bold=True, align="right")
        s.hline(36, 576, 74, line=1)
        s.lines(60, 100, [name, *address_lines], size=10, leading=12)
        s.text(360, 100, f"Recipient's TIN: {fmt_ssn(person.ssn, tin_style)}", size=8)
        s.text(360, 112, f"Payer's Federal ID: {payer_tin}", size=8)
        s.text(360, 124, f"Account: {reference}", size=8)
        s.shade(36, 168, 540, 16)
        s.text(40, 180, f"Form {form}    {title}", size=10, bold=True)
        s.text(572, 180, "Copy B for Recipient", size=8, align="right")
        y = 200.0
        for box, label, value in boxes:
            s.text(40, y, f"Box {box}", size=9)
            s.text(90, y, label[:60] + " " + "." * max(3, 70 - len(label[:60])), size=9)
            s.text(
                572,
                y,
                fmt_amount(value, commas=commas, dollar=True) if value else "0.00",
                size=9,
                align="right",
            )
            y += 15
        s.text(
            36,
            y + 20,
            "This is important tax information and is being furnished to the "
            "Internal Revenue Service.",
            size=7,
        )

    truth = DocumentTruth(doc_type="form_1099", layout=f"{variant}_{layout}")
    truth.add_borrower(TruthBorrower(name, person.ssn_last4, person.address))
    truth.income_records.append(
        TruthIncome(
            borrower=name,
            amount=main,
            period="annual",
            year=year,
            source_type=f"1099_{variant}",
            employer=payer,
            page=1,
        )
    )
    truth.notes.append(
        f"main amount {form} box {main_box}; recipient TIN printed {tin_style}"
        + (
            "; payer account reference is not a borrower account"
            if variant in ("int", "div")
            else ""
        )
    )
    return s.finish(), truth
