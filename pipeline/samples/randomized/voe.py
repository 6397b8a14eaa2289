"""Verifications of employment in randomized layouts.

Families:

* ``voe/letter-salary``: an employer's letter naming the employee only in running text ("RE:
  Verification of Employment - Name", "This letter confirms that Name has been employed by ...")
  with the base salary stated per year, month, two weeks, half month or week.
* ``voe/letter-hourly``: the same kind of letter for hourly pay ("an hourly rate of $38.59 at
  40 hours per week").
* ``voe/fax-cover-letter``: a fax cover sheet, then the letter (salary or hourly) on page 2.
* ``voe/vendor-report``: a verification-service report (The Work Number style): employee and
  employer sections, "Rate of Pay", "Pay Frequency", and an income table by year with base,
  overtime, commission, bonus and total.
* ``voe/form-1005``: a boxed request-for-verification form (Fannie Mae Form 1005-like) with
  12A current gross base pay and its Annual/Monthly/Weekly/Hourly/Other tick boxes and a
  12B gross earnings table.

Year-to-date, bonus and overtime figures are printed as distractors. Truth: current base pay
annualised (biweekly x 26, semimonthly x 24, monthly x 12, weekly x 52, hourly x hours per
week x 52), period ``annual``, source ``voe``, year of the letter or report date, employer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from pipeline.samples.randomized import people
from pipeline.samples.randomized.blocks import (
    Drawn,
    done,
    field_block,
    letterhead,
    margins,
    new_sheet,
)
from pipeline.samples.randomized.draw import Column, Sheet, TableStyle, form_cell, table
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import PERIODS_PER_YEAR, Spec, money
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = (
    "voe/letter-salary",
    "voe/letter-hourly",
    "voe/fax-cover-letter",
    "voe/vendor-report",
    "voe/form-1005",
)

FACTORS = {"annual": 1, **PERIODS_PER_YEAR}
BASIS_WORDS = {
    "annual": ("per year", "annually", "per annum"),
    "monthly": ("per month", "monthly"),
    "semimonthly": ("semi-monthly", "twice monthly", "per semi-monthly pay period"),
    "biweekly": ("bi-weekly", "every two weeks", "per bi-weekly pay period"),
    "weekly": ("per week", "weekly"),
}
FREQUENCY_NAMES = {
    "annual": "Annual",
    "monthly": "Monthly",
    "semimonthly": "Semi-Monthly",
    "biweekly": "Bi-Weekly",
    "weekly": "Weekly",
    "hourly": "Hourly",
}


@dataclass
class Employment:
    employer: Organisation
    employee: Person
    title: str
    hired: date
    dated: date  # the letter's or report's date
    basis: str  # "hourly" or a key of FACTORS
    rate: Decimal  # per hour, or per basis period
    hours: Decimal  # per week (hourly only)
    pay_frequency: str  # how the employee is paid (weekly/biweekly/...)
    ytd: Decimal
    history: list[tuple[int, Decimal, Decimal, Decimal]]  # year, base, overtime, bonus
    signer: Person
    signer_title: str
    notes: list[str] = field(default_factory=list)

    @property
    def annual(self) -> Decimal:
        if self.basis == "hourly":
            return money(self.rate * self.hours * 52)
        return money(self.rate * FACTORS[self.basis])

    def printed_rate(self) -> str:
        return f"{self.rate:,.2f}"


def _facts(rng: random.Random, *, hourly: bool) -> Employment:
    dated = date(rng.choice((2021, 2022, 2023, 2024, 2024)), rng.randint(1, 12), rng.randint(1, 28))
    hired = dated - timedelta(days=rng.randint(200, 6000))
    pay_frequency = rng.choice(("weekly", "biweekly", "biweekly", "semimonthly", "monthly"))
    if hourly:
        basis = "hourly"
        rate = money(Decimal(rng.randint(1450, 7200)) / 100)
        hours = Decimal(rng.choice((40, 40, 40, 36, 32, 30, 37.5, 24, 20)))
        annual = rate * hours * 52
    else:
        basis = rng.choice(("annual", "annual", "monthly", "semimonthly", "biweekly", "weekly"))
        annual = Decimal(rng.randint(36, 220) * 1000 + rng.choice((0, 0, 500, 250)))
        rate = money(annual / FACTORS[basis])
        hours = Decimal(40)
    months = dated.month - 1 + Decimal(dated.day) / 31
    ytd = money(annual * months / 12 * Decimal(rng.randint(95, 108)) / 100)
    history = []
    for back in (1, 2):
        base = money(annual * Decimal(rng.randint(88, 99)) / 100)
        overtime = (
            money(Decimal(rng.randint(0, 9000))) if hourly or rng.random() < 0.3 else Decimal(0)
        )
        bonus = money(Decimal(rng.randint(500, 15000))) if rng.random() < 0.5 else Decimal(0)
        history.append((dated.year - back, base, overtime, bonus))
    return Employment(
        employer=people.company(rng),
        employee=people.person(rng),
        title=people.job_title(rng),
        hired=hired,
        dated=dated,
        basis=basis,
        rate=rate,
        hours=hours,
        pay_frequency=pay_frequency,
        ytd=ytd,
        history=history,
        signer=people.person(rng),
        signer_title=rng.choice(
            (
                "HR Manager",
                "Payroll Specialist",
                "Director of Human Resources",
                "Office Manager",
                "HR Generalist",
            )
        ),
    )


def _pay_sentence(spec: Spec, job: Employment, name: str) -> str:
    pronoun = spec.word("pronoun", (name.split()[0], "The employee", "This employee"))
    if job.basis == "hourly":
        hours = f"{job.hours:g}"
        return spec.rng.choice(
            (
                f"{pronoun} is paid an hourly rate of ${job.printed_rate()} at {hours} "
                "hours per week.",
                f"{pronoun} currently earns ${job.printed_rate()} per hour and is scheduled "
                f"for {hours} hours per week.",
                f"The current rate of pay is ${job.printed_rate()} per hour, {hours} "
                f"hours per week, paid {BASIS_WORDS[job.pay_frequency][0]}.",
            )
        )
    words = spec.rng.choice(BASIS_WORDS[job.basis])
    return spec.rng.choice(
        (
            f"{pronoun}'s current base salary is ${job.printed_rate()} {words}.",
            f"The current base pay is ${job.printed_rate()} {words}.",
            f"{pronoun} is compensated at a base salary of ${job.printed_rate()} {words}.",
        )
    )


def _letter(
    sheet: Sheet, spec: Spec, job: Employment, x: float, width: float, *, page_label: bool
) -> None:
    size = max(spec.size, 9.5)
    y = letterhead(sheet, spec, job.employer, x=x, y=44, width=width)
    y += size
    sheet.text(
        x,
        y,
        spec.date(job.dated)
        if spec.date_style != "iso"
        else f"{job.dated:%B} {job.dated.day}, {job.dated.year}",
        size=size,
    )
    y += size * 2.4
    name = job.employee.truth_name
    re_name = spec.name(job.employee, spec.rng.choice(("natural", "upper")))
    if spec.chance(0.6):
        sheet.text(
            x,
            y,
            spec.rng.choice(
                (
                    "RE: Verification of Employment - ",
                    "Re: Employment Verification for ",
                    "SUBJECT: Verification of Employment and Income - ",
                )
            )
            + re_name,
            size=size,
            bold=True,
            max_width=width,
        )
        y += size * 2.2
    sheet.text(
        x,
        y,
        spec.rng.choice(
            ("To Whom It May Concern:", "Dear Sir or Madam:", "To whom it may concern,")
        ),
        size=size,
    )
    y += size * 2
    company = job.employer.name
    opening = spec.rng.choice(
        (
            f"This letter confirms that {name} has been employed by {company} since "
            f"{job.hired:%B} {job.hired.day}, {job.hired.year}. {name.split()[0]} currently "
            f"holds the position of {job.title} on a full-time basis.",
            f"Please accept this letter as verification that {name} is currently employed "
            f"with {company} as a {job.title}. The date of hire is {spec.date(job.hired)}.",
            f"We are writing to verify the employment of {name}, who has worked for "
            f"{company} since {spec.date(job.hired)} and is presently employed as a "
            f"{job.title}.",
        )
    )
    y = sheet.paragraph(x, y, opening, size=size, width=width) + size * 0.8
    pay = _pay_sentence(spec, job, name)
    extra = []
    if spec.chance(0.7):
        extra.append(
            f"Year-to-date gross earnings as of {spec.date(job.dated)} total ${job.ytd:,.2f}."
        )
    last_year = job.history[0]
    if last_year[3] and spec.chance(0.7):
        extra.append(
            f"In {last_year[0]} {name.split()[0]} also received a bonus of ${last_year[3]:,.2f}, "
            "which is discretionary and not guaranteed."
        )
    if last_year[2] and spec.chance(0.6):
        extra.append(
            f"Overtime paid in {last_year[0]} was ${last_year[2]:,.2f}; overtime is "
            "not guaranteed to continue."
        )
    y = sheet.paragraph(x, y, " ".join([pay, *extra]), size=size, width=width) + size * 0.8
    closing = spec.rng.choice(
        (
            f"Should you need any further information, please contact me at {job.employer.phone}.",
            "This information is provided at the request of the employee and is confidential.",
        )
    )
    y = sheet.paragraph(x, y, closing, size=size, width=width) + size * 1.6
    sheet.text(x, y, spec.rng.choice(("Sincerely,", "Regards,", "Respectfully,")), size=size)
    y += size * 3.5
    sheet.text(x, y, job.signer.truth_name, size=size)
    sheet.text(x, y + size * 1.3, job.signer_title, size=size)
    sheet.text(x, y + size * 2.6, company, size=size, max_width=width)
    if page_label:
        sheet.text(x + width, 792 - 30, "Page 2 of 2", size=7, align="right")


def _fax_cover(sheet: Sheet, spec: Spec, job: Employment, x: float, width: float) -> None:
    size = max(spec.size, 9)
    y = 60.0
    sheet.text(
        x,
        y + 24,
        spec.rng.choice(("FAX", "Fax Transmittal", "FACSIMILE COVER SHEET")),
        size=26,
        bold=True,
    )
    y += 60
    lender = people.company(spec.rng).name.replace("Inc.", "Mortgage").replace("LLC", "Home Loans")
    pairs = [
        ("Date", spec.date(job.dated)),
        ("To", f"Underwriting - {lender}"),
        ("Fax", f"({spec.rng.randint(201, 989)}) 555-01{spec.rng.randint(0, 99):02d}"),
        ("From", f"{job.signer.truth_name}, {job.employer.name}"),
        ("Phone", job.employer.phone),
        ("Pages", "2 (including cover)"),
        ("Re", "Employment verification"),
    ]
    y = (
        field_block(
            sheet,
            spec,
            pairs,
            x=x,
            y=y,
            width=width,
            placement=spec.rng.choice(("right", "inline")),
            size=size + 1,
        )
        + 20
    )
    sheet.hline(x, x + width, y)
    y += 24
    note = (
        "CONFIDENTIALITY NOTICE: This facsimile contains confidential information intended only "
        "for the recipient named above. If you have received it in error, please notify the "
        "sender and destroy all copies."
    )
    sheet.paragraph(x, y, note, size=max(7.0, size - 1.5), width=width)
    sheet.text(x + width, 792 - 30, "Page 1 of 2", size=7, align="right")


def _vendor_report(sheet: Sheet, spec: Spec, job: Employment, x: float, width: float) -> None:
    size = spec.size
    service = spec.rng.choice(
        (
            "VerifyPoint Employment Data",
            "TrueWork Verification Services",
            "EmployCheck Solutions",
            "IncomeLink Reports",
        )
    )
    sheet.rect(x, 40, width, 34, fill=0.88, stroke=False)
    sheet.text(x + 8, 62, service, size=14, bold=True, max_width=width * 0.55)
    sheet.text(
        x + width - 8,
        54,
        spec.rng.choice(("Verification of Employment and Income", "Employment & Income Report")),
        size=size,
        align="right",
        max_width=width * 0.42,
    )
    sheet.text(
        x + width - 8,
        54 + size * 1.3,
        f"Information current as of {spec.date(job.dated)}",
        size=size - 0.5,
        align="right",
        max_width=width * 0.42,
    )
    y = 96.0
    name = spec.name(job.employee, spec.rng.choice(("natural", "upper", "last_first_upper")))
    half = width / 2 - 10
    sheet.text(x, y, "EMPLOYEE", size=size + 1, bold=True)
    sheet.text(x + half + 20, y, "EMPLOYER", size=size + 1, bold=True)
    y += size * 1.6
    left = [("Name", name), ("SSN", spec.ssn(job.employee)), ("Job Title", job.title)]
    right = [
        ("Employer", job.employer.name),
        ("Address", people.address_lines(spec.rng, job.employer.address, None)[0]),
        ("Phone", job.employer.phone),
    ]
    end_l = field_block(sheet, spec, left, x=x, y=y, width=half, placement="right")
    end_r = field_block(sheet, spec, right, x=x + half + 20, y=y, width=half, placement="right")
    y = max(end_l, end_r) + 12
    sheet.text(x, y, "EMPLOYMENT", size=size + 1, bold=True)
    y += size * 1.6
    if job.basis == "hourly":
        rate = f"${job.printed_rate()} Hourly"
        avg = f"{job.hours:g}"
    else:
        rate = f"${job.printed_rate()} {FREQUENCY_NAMES[job.basis]}"
        avg = "40"
    pairs = [
        ("Employment Status", spec.rng.choice(("Active", "Active - Full Time"))),
        ("Most Recent Start Date", spec.date(job.hired)),
        ("Rate of Pay", rate),
        ("Pay Frequency", FREQUENCY_NAMES[job.pay_frequency]),
        ("Average Hours per Week", avg),
    ]
    y = (
        field_block(
            sheet,
            spec,
            pairs,
            x=x,
            y=y,
            width=width * 0.7,
            placement=spec.rng.choice(("right", "inline")),
        )
        + 12
    )
    sheet.text(x, y, "INCOME", size=size + 1, bold=True)
    y += size * 0.8
    a = spec.amount
    rows = [[f"{job.dated.year} YTD", a(job.ytd), "", "", "", a(job.ytd)]]
    for year, base, overtime, bonus in job.history:
        rows.append(
            [str(year), a(base), a(overtime), a(Decimal(0)), a(bonus), a(base + overtime + bonus)]
        )
    columns = [
        Column("Year"),
        Column("Base", "right"),
        Column("Overtime", "right"),
        Column("Commission", "right"),
        Column("Bonus", "right"),
        Column("Total", "right"),
    ]
    y = (
        table(
            sheet,
            x,
            y,
            width,
            columns,
            rows,
            TableStyle(size=size, rules=spec.rng.choice(("grid", "lines", "shade"))),
        )
        + 16
    )
    sheet.paragraph(
        x,
        y,
        "The information in this report was provided by the employer's payroll records "
        "and is furnished for the permissible purpose stated by the requester.",
        size=max(6.5, size - 1.5),
        width=width,
    )


def _form_1005(sheet: Sheet, spec: Spec, job: Employment, x: float, width: float) -> None:
    ls, vs = 6.0, spec.rng.choice((8.5, 9.0, 9.5, 10.0))
    sheet.text(x, 48, "Request for Verification of Employment", size=13, bold=True)
    sheet.text(x + width, 48, "Form 1005-style", size=7, align="right", gray=0.4)
    y = 58.0
    sheet.text(x, y + 8, "Part I - Request", size=8.5, bold=True)
    y += 12
    lender = people.company(spec.rng)
    half = width / 2
    form_cell(
        sheet,
        x,
        y,
        half,
        48,
        "1. To (Name and address of employer)",
        [job.employer.name, *people.address_lines(spec.rng, job.employer.address, None)],
        label_size=ls,
        value_size=vs - 1,
    )
    form_cell(
        sheet,
        x + half,
        y,
        half,
        48,
        "2. From (Name and address of lender)",
        [lender.name, *people.address_lines(spec.rng, lender.address, None)],
        label_size=ls,
        value_size=vs - 1,
    )
    y += 48
    name = spec.name(job.employee, spec.rng.choice(("natural", "upper")))
    applicant = [name, *people.address_lines(spec.rng, job.employee.address, None)]
    form_cell(
        sheet,
        x,
        y,
        half,
        46,
        "7. Name and Address of Applicant",
        applicant,
        label_size=ls,
        value_size=vs - 1,
    )
    form_cell(
        sheet,
        x + half,
        y,
        half / 2,
        46,
        "5. Date",
        spec.date(
            max(date(job.dated.year, 1, 1), job.dated - timedelta(days=spec.rng.randint(1, 10)))
        ),
        label_size=ls,
        value_size=vs,
    )
    form_cell(
        sheet,
        x + half * 1.5,
        y,
        half / 2,
        46,
        "6. Lender's No.",
        people.digits(spec.rng, 8),
        label_size=ls,
        value_size=vs,
    )
    y += 54
    sheet.text(x, y, "Part II - Verification of Present Employment", size=8.5, bold=True)
    y += 4
    form_cell(
        sheet,
        x,
        y,
        width / 3,
        30,
        "9. Applicant's Date of Employment",
        spec.date(job.hired),
        label_size=ls,
        value_size=vs,
    )
    form_cell(
        sheet,
        x + width / 3,
        y,
        width / 3,
        30,
        "10. Present Position",
        job.title,
        label_size=ls,
        value_size=vs,
    )
    form_cell(
        sheet,
        x + 2 * width / 3,
        y,
        width / 3,
        30,
        "11. Probability of Continued Employment",
        "Good",
        label_size=ls,
        value_size=vs,
    )
    y += 30
    # 12A: the base pay and the period it is quoted for.
    box_h = 64.0
    form_cell(
        sheet,
        x,
        y,
        width * 0.42,
        box_h,
        "12A. Current Gross Base Pay (Enter Amount and Check Period)",
        "",
        label_size=ls,
        value_size=vs,
    )
    sheet.text(x + 8, y + 26, f"$ {job.printed_rate()}", size=vs + 1, bold=True)
    ticks = ("Annual", "Monthly", "Weekly", "Hourly", "Other (Specify)")
    chosen = {"annual": "Annual", "monthly": "Monthly", "weekly": "Weekly", "hourly": "Hourly"}.get(
        job.basis, "Other (Specify)"
    )
    for n, tick in enumerate(ticks):
        col, row = divmod(n, 3)
        tx = x + 8 + col * width * 0.2
        ty = y + 40 + row * 11
        sheet.checkbox(tx, ty, checked=tick == chosen, size=6.5)
        sheet.text(tx + 9, ty - 0.5, tick, size=6.5)
    box_right = x + width * 0.42 - 4
    if chosen == "Other (Specify)":
        left = x + 8 + width * 0.2 + 9
        sheet.text(left, y + 62, FREQUENCY_NAMES[job.basis], size=7.5, max_width=box_right - left)
    if job.basis == "hourly":
        left = x + 8 + sheet.width(f"$ {job.printed_rate()}", vs + 1, bold=True) + 14
        sheet.text(
            left, y + 26, f"Avg. hours/week: {job.hours:g}", size=7.5, max_width=box_right - left
        )
    # 12B: gross earnings by year; figures that are not the base pay.
    bx = x + width * 0.42
    a = spec.amount
    rows = [
        ["Base Pay", a(job.ytd), a(job.history[0][1]), a(job.history[1][1])],
        ["Overtime", a(money(job.history[0][2] / 3)), a(job.history[0][2]), a(job.history[1][2])],
        ["Commissions", "", "", ""],
        ["Bonus", "", a(job.history[0][3]), a(job.history[1][3])],
    ]
    sheet.rect(bx, y, width - bx + x, box_h + 40)
    sheet.text(bx + 3, y + 7, "12B. Gross Earnings", size=ls)
    columns = [
        Column("Type"),
        Column(f"Year To Date\nThru {job.dated:%m/%d/%Y}", "right"),
        Column(f"Past Year\n{job.history[0][0]}", "right"),
        Column(f"Past Year\n{job.history[1][0]}", "right"),
    ]
    table(
        sheet,
        bx + 2,
        y + 10,
        width - bx + x - 4,
        columns,
        rows,
        TableStyle(size=7.5, rules="lines", pad=3),
    )
    y += box_h
    form_cell(sheet, x, y, width * 0.42, 40, "13. For Military Personnel Only", "", label_size=ls)
    y += 40
    form_cell(
        sheet,
        x,
        y,
        width / 2,
        30,
        "14. If Overtime or Bonus is Applicable, is its Continuance Likely?",
        "Overtime: Yes    Bonus: No",
        label_size=ls,
        value_size=vs - 1,
    )
    form_cell(
        sheet,
        x + width / 2,
        y,
        width / 2,
        30,
        "15. If paid hourly - average hours per week",
        f"{job.hours:g}" if job.basis == "hourly" else "",
        label_size=ls,
        value_size=vs,
    )
    y += 30
    form_cell(
        sheet, x, y, width / 2, 30, "16. Date of applicant's next pay increase", "", label_size=ls
    )
    form_cell(
        sheet,
        x + width / 2,
        y,
        width / 2,
        30,
        "17. Projected amount of next pay increase",
        "",
        label_size=ls,
    )
    y += 38
    sheet.text(x, y, "Part III - Authorized Signature", size=8.5, bold=True)
    y += 4
    form_cell(sheet, x, y, width * 0.5, 30, "26. Signature of Employer", "", label_size=ls)
    form_cell(
        sheet,
        x + width * 0.5,
        y,
        width * 0.3,
        30,
        "27. Title",
        job.signer_title,
        label_size=ls,
        value_size=vs - 1,
    )
    form_cell(
        sheet,
        x + width * 0.8,
        y,
        width * 0.2,
        30,
        "28. Date",
        spec.date(job.dated),
        label_size=ls,
        value_size=vs - 1,
    )
    y += 30
    form_cell(
        sheet,
        x,
        y,
        width * 0.5,
        30,
        "29. Print or type name signed in Item 26",
        job.signer.truth_name,
        label_size=ls,
        value_size=vs - 1,
    )
    form_cell(
        sheet,
        x + width * 0.5,
        y,
        width * 0.5,
        30,
        "30. Phone No.",
        job.employer.phone,
        label_size=ls,
        value_size=vs - 1,
    )


def build(rng: random.Random, family: str) -> Drawn:
    spec = Spec.draw(rng, sizes=(8, 12), name_styles=("natural", "upper"))
    if family == "voe/letter-hourly":
        hourly = True
    elif family in (
        "voe/letter-salary",
        "voe/form-1005",
        "voe/vendor-report",
        "voe/fax-cover-letter",
    ):
        hourly = family != "voe/letter-salary" and rng.random() < 0.4
    else:
        raise ValueError(f"unknown VOE family {family!r}")
    job = _facts(rng, hourly=hourly)
    x, width = margins(spec)
    sheet = new_sheet(spec, "Verification of Employment" if spec.chance(0.5) else "")
    page = 1
    if family in ("voe/letter-salary", "voe/letter-hourly"):
        _letter(sheet, spec, job, x, width, page_label=False)
    elif family == "voe/fax-cover-letter":
        _fax_cover(sheet, spec, job, x, width)
        sheet.new_page()
        page = 2
        _letter(sheet, spec, job, x, width, page_label=True)
    elif family == "voe/vendor-report":
        _vendor_report(sheet, spec, job, x, width)
    else:
        _form_1005(sheet, spec, job, x, width)
    truth = DocumentTruth(doc_type="voe", layout=family)
    who = job.employee
    # Only the vendor report prints the SSN, and only Form 1005 the applicant's address.
    truth.add_borrower(
        TruthBorrower(
            name=who.truth_name,
            ssn_last4=who.ssn_last4 if family == "voe/vendor-report" else None,
            address=who.address if family == "voe/form-1005" else None,
        )
    )
    truth.income_records.append(
        TruthIncome(
            borrower=who.truth_name,
            amount=job.annual,
            period="annual",
            year=job.dated.year,
            source_type="voe",
            employer=job.employer.name,
            page=page,
        )
    )
    if job.basis == "hourly":
        how = f"{job.printed_rate()} hourly x {job.hours:g} hours/week x 52"
    else:
        how = f"{job.printed_rate()} {job.basis} x {FACTORS[job.basis]}"
    truth.notes.append(f"base pay printed as '{job.printed_rate()}' ({how})")
    truth.notes.append(f"distractors: YTD {job.ytd}, prior-year totals, bonus/overtime")
    return done(sheet, truth)
