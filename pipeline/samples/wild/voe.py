"""Verifications of employment modelled on what lenders receive from employers and services.

Layouts:
- ``employer_letter``: an employer's letter on letterhead ("This letter confirms that ... has been
  employed ... at an annual salary of ...", or hourly "at $X per hour, 40 hours per week"), with
  prior-year totals, bonus or YTD sentences beside the base pay.
- ``work_number_report``: a The Work Number-style employment and income report: employee and
  employment blocks, rate of pay with pay frequency, a Base / Overtime / Commission / Bonus table
  for YTD and prior years, sometimes a second page of pay-period detail.
- ``truv_report``: a Truv-style payroll-connected report: cards for employee, employment and income
  ("Base pay $X / year"), an annual summary table and recent pay statements with net pay.
- ``fannie_mae_1005``: Fannie Mae Form 1005 Request for Verification of Employment, Part I filled by
  the lender and Part II by the employer: 12A current gross base pay with period check boxes, 12B
  past earnings by type, hours per week, last and projected pay increases.
- ``fax_cover_hr_letter``: two pages: a fax cover sheet, then an HR department's reply listing
  the employee's pay (income on page 2), both with fax header lines.

Truth: current base pay annualised (period amount x periods a year, hourly x hours a week x 52).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.samples.wild.document import WildDocument
from pipeline.samples.wild.paystub import (
    COMPANY_NAMES,
    DATE_STYLES,
    FREQUENCY_WORDS,
    HOSPITALS,
    PERIODS_PER_YEAR,
    ZERO,
    Address,
    Company,
    Person,
    cents,
    columns,
    digits,
    fitted,
    fmt_date,
    grid,
    make_address,
    make_company,
    make_person,
    make_phone,
    mask_ssn,
    money,
    new_canvas,
    put,
    rule,
    wrap,
)

LAYOUTS: tuple[str, ...] = (
    "employer_letter",
    "work_number_report",
    "truv_report",
    "fannie_mae_1005",
    "fax_cover_hr_letter",
)

TITLES = (
    "Registered Nurse", "Warehouse Supervisor", "Senior Software Engineer", "Dental Hygienist",
    "Account Manager", "Maintenance Technician", "Staff Accountant", "Customer Service Lead",
    "Project Engineer", "Pharmacy Technician", "Operations Manager", "Teacher", "Line Cook",
    "HR Generalist", "Truck Driver", "Medical Assistant", "Sales Representative", "Electrician",
)  # fmt: skip
LENDERS = (
    "Hometown Mortgage Co.", "Keystone Lending Group", "Bluebird Home Loans",
    "Summit Federal Credit Union", "Clearpath Mortgage LLC", "Harborview Bank, N.A.",
    "Pioneer Home Funding",
)  # fmt: skip
HR_NAMES = (
    "Janet Moreno", "Derrick Lawson", "Amara Osei", "Kristen Holloway", "Luis Ortega",
    "Pamela Ng", "Victor Almeida", "Heather Brandt",
)  # fmt: skip
HR_TITLES = (
    "Human Resources Manager", "HR Generalist", "Payroll Administrator",
    "Director of Human Resources", "Office Manager", "Payroll & Benefits Specialist",
)  # fmt: skip
PROVIDERS = ("The Work Number", "Employment Data Exchange", "VerifyPoint Employment Services")
UNIT_WORDS = {
    "annual": ("per year", "annually", "per annum"),
    "monthly": ("per month", "monthly"),
    "period": ("per pay period",),
    "hourly": ("per hour", "an hour", "hourly"),
}


@dataclass(frozen=True)
class Pay:
    """Current base pay as the document states it: ``basis`` annual | monthly | period | hourly."""

    basis: str
    frequency: str
    amount: Decimal
    hours: Decimal  # scheduled hours a week

    @property
    def annual(self) -> Decimal:
        if self.basis == "monthly":
            return cents(self.amount * 12)
        if self.basis == "period":
            return cents(self.amount * PERIODS_PER_YEAR[self.frequency])
        if self.basis == "hourly":
            return cents(self.amount * self.hours * 52)
        return cents(self.amount)


@dataclass(frozen=True)
class YearPay:
    label: str
    year: int
    base: Decimal
    overtime: Decimal
    commission: Decimal
    bonus: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.overtime + self.commission + self.bonus


@dataclass
class Voe:
    rng: random.Random
    person: Person
    name_style: str
    home: Address
    company: Company
    lender: Company
    title: str
    hire: date
    as_of: date
    pay: Pay
    history: list[YearPay]
    ssn4: str
    date_style: str
    font: str
    bold: str
    size: float
    margin: float
    width: float = 612.0
    height: float = 792.0
    show_ssn: bool = False
    show_address: bool = False
    hr_name: str = ""
    hr_title: str = ""
    notes: list[str] = field(default_factory=list)

    def d(self, value: date) -> str:
        return fmt_date(value, self.date_style)

    @property
    def name(self) -> str:
        return self.person.show(self.name_style)

    @property
    def lead(self) -> float:
        return self.size * 1.35


# ---------------------------------------------------------------- the employment and its pay


def _pay(rng: random.Random, hourly: bool, frequency: str) -> Pay:
    if hourly:
        rate = Decimal(rng.randrange(1500, 6500)) / 100
        hours = Decimal(rng.choice(("40", "40", "40", "36", "32", "37.5", "30", "24")))
        return Pay("hourly", frequency, rate, hours)
    salary = Decimal(rng.randrange(70, 400) * 500 + rng.choice((0, 0, 0, 120, 380)))
    basis = rng.choice(("annual", "annual", "monthly", "period"))
    if basis == "monthly":
        return Pay(basis, frequency, cents(salary / 12), Decimal(40))
    if basis == "period":
        return Pay(basis, frequency, cents(salary / PERIODS_PER_YEAR[frequency]), Decimal(40))
    return Pay(basis, frequency, salary, Decimal(40))


def _history(rng: random.Random, pay: Pay, as_of: date, hire: date) -> list[YearPay]:
    """YTD through ``as_of`` and up to two prior full years, with raises going back."""
    hourly = pay.basis == "hourly"
    annual = pay.annual
    rows = []
    for back in range(3):
        year = as_of.year - back
        if hire.year > year:
            break
        start = max(hire, date(year, 1, 1))
        end = as_of if back == 0 else date(year, 12, 31)
        share = Decimal(max((end - start).days, 7)) / Decimal(365)
        base = cents(annual * share / (Decimal("1.03") ** back))
        overtime = (
            cents(base * Decimal(rng.randrange(2, 16)) / 100)
            if hourly and rng.random() < 0.6
            else ZERO
        )
        bonus = cents(base * Decimal(rng.randrange(2, 15)) / 100) if rng.random() < 0.4 else ZERO
        commission = (
            cents(base * Decimal(rng.randrange(5, 30)) / 100) if rng.random() < 0.12 else ZERO
        )
        rows.append(
            YearPay("YTD" if back == 0 else str(year), year, base, overtime, commission, bonus)
        )
    return rows


def _new_voe(rng: random.Random, layout: str) -> Voe:
    as_of = date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
    hire = as_of - timedelta(days=rng.randint(200, 5800))
    hourly = rng.random() < 0.45
    frequency = rng.choice(("weekly", "biweekly", "biweekly", "semimonthly", "monthly"))
    if hourly and frequency in ("semimonthly", "monthly"):
        frequency = "biweekly"
    pay = _pay(rng, hourly, frequency)
    fonts = ("Times-Roman", "Times-Bold") if rng.random() < 0.4 else ("Helvetica", "Helvetica-Bold")
    return Voe(
        rng=rng,
        person=make_person(rng),
        name_style="natural",
        home=make_address(rng),
        company=make_company(rng, HOSPITALS if rng.random() < 0.2 else COMPANY_NAMES),
        lender=make_company(rng, LENDERS),
        title=rng.choice(TITLES),
        hire=hire,
        as_of=as_of,
        pay=pay,
        history=_history(rng, pay, as_of, hire),
        ssn4=digits(rng, 4),
        date_style=rng.choice(DATE_STYLES),
        font=fonts[0],
        bold=fonts[1],
        size=rng.choice((9.0, 9.5, 10.0, 10.5, 11.0)) if layout.endswith("letter") else 9.0,
        margin=rng.uniform(46, 72) if layout.endswith("letter") else rng.uniform(32, 44),
        hr_name=rng.choice(HR_NAMES),
        hr_title=rng.choice(HR_TITLES),
    )


def _m(value: Decimal, style: str = "dollar") -> str:
    return money(value, style)


def _amount(value: Decimal, rng: random.Random) -> str:
    """How a letter writes a dollar figure: $75,000.00, or $75,000 when whole."""
    if value == value.to_integral_value() and rng.random() < 0.5:
        return f"${value:,.0f}"
    return _m(value)


def _pay_sentence(v: Voe) -> str:
    """The base pay as a letter's sentence."""
    p, first, rng = v.pay, v.person.first, v.rng
    amount = _amount(p.amount, rng)
    freq = rng.choice(FREQUENCY_WORDS[p.frequency]).lower()
    if p.basis == "hourly":
        return rng.choice(
            (
                f"{first} is paid {amount} per hour and is regularly scheduled for {p.hours} "
                f"hours per week.",
                f"{first} earns an hourly rate of {amount}, {p.hours} hours per week, paid {freq}.",
                f"The current rate of pay is {amount} per hour at {p.hours} hours per week.",
            )
        )
    if p.basis == "period":
        return (
            f"{first} is paid {freq} at a base rate of {amount} per pay period "
            f"({PERIODS_PER_YEAR[p.frequency]} pay periods per year)."
        )
    unit = rng.choice(UNIT_WORDS[p.basis])
    return rng.choice(
        (
            f"{first}'s current base salary is {amount} {unit}.",
            f"{first} is compensated at a base salary of {amount} {unit}, paid {freq}.",
            f"Current base compensation is {amount} {unit}.",
        )
    )


def _distractor_sentences(v: Voe) -> list[str]:
    out = []
    ytd, prior = v.history[0], v.history[1:]
    if v.rng.random() < 0.6:
        out.append(f"Year-to-date gross earnings through {v.d(v.as_of)} total {_m(ytd.total)}.")
    if prior and v.rng.random() < 0.7:
        last = prior[0]
        extra = f", including a bonus of {_m(last.bonus)}" if last.bonus else ""
        out.append(f"Total compensation for {last.year} was {_m(last.total)}{extra}.")
    if v.rng.random() < 0.35:
        out.append(
            f"{v.person.first} is also eligible for an annual discretionary bonus of up to "
            f"{v.rng.choice((5, 10, 15))}% of base pay, which is not guaranteed."
        )
    return out


# ---------------------------------------------------------------- letter helpers


def _letterhead(v: Voe, c: Canvas) -> float:
    m, right = v.margin, v.width - v.margin
    centred = v.rng.random() < 0.5
    x, align = (v.width / 2, "c") if centred else (m, "l")
    y = v.height - m + 10
    put(c, x, y, v.company.name, v.bold, v.rng.choice((15.0, 17.0, 19.0)), align)
    line = f"{v.company.address.one_line()}  |  {v.company.phone}"
    y -= 16
    put(c, x, y, line, v.font, fitted(line, v.font, 9, right - m), align)
    rule(c, m, right, y - 8, v.rng.choice((0.5, 1.0, 2.0)))
    return y - 40


def _paragraphs(v: Voe, c: Canvas, y: float, paragraphs: Sequence[str]) -> float:
    width = v.width - 2 * v.margin
    for paragraph in paragraphs:
        for line in wrap(paragraph, v.font, v.size, width):
            put(c, v.margin, y, line, v.font, v.size)
            y -= v.lead
        y -= v.lead * 0.6
    return y


def _signature(v: Voe, c: Canvas, y: float) -> float:
    m = v.margin
    put(c, m, y, v.rng.choice(("Sincerely,", "Regards,", "Respectfully,")), v.font, v.size)
    y -= 3.2 * v.lead
    rule(c, m, m + 170, y + v.lead * 0.8, 0.4)
    email = f"{v.hr_name.split()[0][0].lower()}{v.hr_name.split()[1].lower()}@example.com"
    for i, line in enumerate((v.hr_name, v.hr_title, v.company.name, v.company.phone, email)):
        put(c, m, y - i * v.lead, line, v.bold if i == 0 else v.font, v.size)
    return y - 5 * v.lead


# ---------------------------------------------------------------- employer letter


def _employer_letter(v: Voe, c: Canvas) -> int:
    y = _letterhead(v, c)
    put(c, v.margin, y, v.d(v.as_of), v.font, v.size)
    y -= 2 * v.lead
    if v.rng.random() < 0.5:
        lines = [v.lender.name, "Attn: Mortgage Processing", *v.lender.address.lines()]
        for line in lines:
            put(c, v.margin, y, line, v.font, v.size)
            y -= v.lead
        y -= v.lead
    subject = v.rng.choice(
        (
            "RE: Employment Verification",
            "Re: Verification of Employment",
            "SUBJECT: Employment and Income Verification",
        )
    )
    if v.show_ssn:
        subject += f" - SSN ending in {v.ssn4}"
    put(c, v.margin, y, subject, v.bold, v.size)
    y -= 2 * v.lead
    put(
        c,
        v.margin,
        y,
        v.rng.choice(("To Whom It May Concern:", "Dear Sir or Madam:", "To whom it may concern,")),
        v.font,
        v.size,
    )
    y -= 1.6 * v.lead
    status = (
        v.rng.choice(("full-time", "full-time", "part-time")) if v.pay.hours >= 32 else "part-time"
    )
    opening = v.rng.choice(
        (
            f"This letter confirms that {v.name} has been employed by {v.company.name} since "
            f"{v.d(v.hire)} and currently holds the {status} position of {v.title}.",
            f"Please accept this letter as verification that {v.name} is employed {status} with "
            f"{v.company.name} as a {v.title}. {v.person.first}'s date of hire is {v.d(v.hire)}.",
            f"{v.company.name} is pleased to confirm the employment of {v.name}, who has worked "
            f"with us as a {v.title} since {v.d(v.hire)}.",
        )
    )
    body = [opening, _pay_sentence(v)]
    distractors = _distractor_sentences(v)
    if distractors:
        body.append(" ".join(distractors))
    body.append(
        f"{v.person.first}'s employment is in good standing and we expect it to continue. Should "
        "you require any further information, please do not hesitate to contact me."
    )
    y = _paragraphs(v, c, y, body)
    _signature(v, c, y - v.lead)
    return 1


# ---------------------------------------------------------------- The Work Number-style report


def _tenure(v: Voe) -> str:
    months = (v.as_of.year - v.hire.year) * 12 + v.as_of.month - v.hire.month
    return f"{months // 12} Years {months % 12} Months"


def _rate_lines(v: Voe) -> list[tuple[str, str]]:
    p = v.pay
    freq = v.rng.choice(FREQUENCY_WORDS[p.frequency])
    if p.basis == "hourly":
        return [
            ("Rate of Pay", f"{_m(p.amount)} Hourly"),
            ("Pay Frequency", freq),
            ("Average Hours per Week", f"{p.hours:.2f}"),
        ]
    unit = {"annual": "Annual", "monthly": "Monthly", "period": freq}[p.basis]
    return [("Rate of Pay", f"{_m(p.amount)} {unit}"), ("Pay Frequency", freq)]


def _label_block(
    v: Voe, c: Canvas, x: float, y: float, rows: Sequence[tuple[str, str]], label_w: float
) -> float:
    for label, value in rows:
        put(c, x, y, f"{label}:", v.bold, v.size - 0.5)
        put(c, x + label_w, y, value, v.font, v.size)
        y -= v.lead
    return y


def _section(v: Voe, c: Canvas, y: float, title: str) -> float:
    c.setFillGray(0.85)
    c.rect(v.margin, y - 4, v.width - 2 * v.margin, v.size + 6, stroke=0, fill=1)
    c.setFillGray(0)
    put(c, v.margin + 4, y, title, v.bold, v.size + 0.5)
    return y - 1.8 * v.lead


def _history_table(v: Voe, c: Canvas, y: float, with_commission: bool) -> float:
    width = v.width - 2 * v.margin
    head = ["Year", "Base Pay", "Overtime", "Commission", "Bonus", "Other", "Total"]
    keep = [i for i in range(7) if with_commission or head[i] != "Commission"]
    cols = columns(v.margin, [width / len(keep)] * len(keep), "l" + "r" * (len(keep) - 1))
    rows = [[head[i] for i in keep]]
    for yp in v.history:
        label = f"{yp.year} (YTD)" if yp.label == "YTD" else str(yp.year)
        cells = [
            label,
            _m(yp.base, "comma"),
            _m(yp.overtime, "comma"),
            _m(yp.commission, "comma"),
            _m(yp.bonus, "comma"),
            "0.00",
            _m(yp.total, "comma"),
        ]
        rows.append([cells[i] for i in keep])
    return grid(c, y, cols, rows, (v.font, v.bold), v.size - 0.5)


def _pay_periods(v: Voe, count: int) -> list[tuple[date, Decimal, Decimal]]:
    """(pay date, base, gross) for the last ``count`` pay periods before ``as_of``."""
    step = {"weekly": 7, "biweekly": 14, "semimonthly": 15, "monthly": 30}[v.pay.frequency]
    base = cents(v.pay.annual / PERIODS_PER_YEAR[v.pay.frequency])
    out = []
    day = v.as_of - timedelta(days=v.rng.randint(1, 6))
    for _ in range(count):
        extra = (
            cents(base * Decimal(v.rng.randrange(0, 18)) / 100) if v.pay.basis == "hourly" else ZERO
        )
        out.append((day, base, base + extra))
        day -= timedelta(days=step)
    return out


def _work_number(v: Voe, c: Canvas) -> int:
    m, right = v.margin, v.width - v.margin
    provider = v.rng.choice(PROVIDERS)
    y = v.height - m
    put(c, m, y, provider, v.bold, 16)
    put(
        c,
        right,
        y,
        "Verification of Employment and Income"
        if v.rng.random() < 0.6
        else "Employment & Income Report",
        v.bold,
        11,
        "r",
    )
    y -= 22
    header = [
        ("Date", v.d(v.as_of)),
        ("Tracking #", digits(v.rng, 12)),
        ("Verifier", v.lender.name),
        ("Permissible Purpose", "Application for credit - mortgage"),
    ]
    y = _label_block(v, c, m, y, header, 110) - 6
    y = _section(v, c, y, "Employee Information")
    ident = [("Employee", v.name)]
    if v.show_ssn:
        ident.append(("SSN", mask_ssn(v.rng, v.ssn4)))
    ident += [("Employer", v.company.name), ("Employer Address", v.company.address.one_line())]
    y = _label_block(v, c, m, y, ident, 110) - 6
    y = _section(v, c, y, "Employment Information")
    employment = [
        ("Employment Status", v.rng.choice(("Active", "Active - Full Time"))),
        ("Most Recent Start Date", v.d(v.hire)),
        ("Original Hire Date", v.d(v.hire)),
        ("Total Time with Employer", _tenure(v)),
        ("Job Title", v.title),
        ("Information Current As Of", v.d(v.as_of)),
    ]
    y = _label_block(v, c, m, y, employment, 150) - 6
    y = _section(v, c, y, "Income Information")
    y = _label_block(v, c, m, y, _rate_lines(v), 150) - 6
    y = _history_table(v, c, y, any(yp.commission for yp in v.history)) - 14
    second = v.rng.random() < 0.5
    notice = (
        "This report is provided in accordance with the Fair Credit Reporting Act. The verifier "
        "certifies a permissible purpose. Figures are gross amounts as reported by the employer."
    )
    for line in wrap(notice, v.font, 7.5, right - m):
        put(c, m, y, line, v.font, 7.5)
        y -= 9.5
    pages = 2 if second else 1
    put(c, right, m - 14, f"Page 1 of {pages}", v.font, 8, "r")
    if second:
        c.showPage()
        _work_number_detail(v, c, provider)
        put(c, right, m - 14, "Page 2 of 2", v.font, 8, "r")
        v.notes.append("pay-period detail on page 2")
    return pages


def _work_number_detail(v: Voe, c: Canvas, provider: str) -> None:
    m, width = v.margin, v.width - 2 * v.margin
    y = v.height - m
    put(c, m, y, f"{provider} - {v.name}", v.bold, 11)
    y = _section(v, c, y - 24, "Pay Period Detail")
    cols = columns(m, [width * 0.2, width * 0.2, width * 0.2, width * 0.2, width * 0.2], "llrrr")
    rows = [["Pay Date", "Pay Frequency", "Base", "Other", "Gross Pay"]]
    freq = FREQUENCY_WORDS[v.pay.frequency][0]
    for day, base, gross in _pay_periods(v, v.rng.randint(6, 14)):
        rows.append(
            [v.d(day), freq, _m(base, "comma"), _m(gross - base, "comma"), _m(gross, "comma")]
        )
    grid(c, y, cols, rows, (v.font, v.bold), v.size - 0.5)


# ---------------------------------------------------------------- Truv-style report


def _truv_base(v: Voe) -> str:
    p = v.pay
    unit = {"annual": "year", "monthly": "month", "period": "pay period", "hourly": "hour"}[p.basis]
    return f"{_m(p.amount)} / {unit}"


def _card(
    v: Voe, c: Canvas, x: float, y: float, w: float, title: str, rows: Sequence[tuple[str, str]]
) -> float:
    height = (len(rows) + 1) * v.lead * 1.15 + 12
    c.setStrokeGray(0.7)
    c.roundRect(x, y - height, w, height, 6, stroke=1, fill=0)
    c.setStrokeGray(0)
    put(c, x + 8, y - v.lead, title, v.bold, v.size + 1)
    yy = y - 2.3 * v.lead
    for label, value in rows:
        put(c, x + 8, yy, label, v.font, v.size - 1)
        put(c, x + w - 8, yy, value, v.bold, fitted(value, v.bold, v.size, w * 0.62), "r")
        yy -= v.lead * 1.15
    return y - height


def _truv(v: Voe, c: Canvas) -> int:
    m, right, width = v.margin, v.width - v.margin, v.width - 2 * v.margin
    y = v.height - m
    put(c, m, y, v.rng.choice(("truvio", "Truvio", "PayLink Verify")), v.bold, 18)
    put(c, right, y, "Income and Employment Report", v.bold, 11, "r")
    put(
        c,
        right,
        y - 14,
        f"Report generated {v.d(v.as_of)}  |  Order {digits(v.rng, 8)}",
        v.font,
        8,
        "r",
    )
    y -= 34
    half = (width - 12) / 2
    employee = [("Full name", v.name)]
    if v.show_ssn:
        employee.append(("SSN", f"***-**-{v.ssn4}"))
    if v.show_address:
        employee += [
            ("Address", v.home.street),
            ("", f"{v.home.city}, {v.home.state} {v.home.zip}"),
        ]
    employee.append(
        ("Data source", v.rng.choice(("Payroll provider", "Employer HRIS", "ADP", "Paychex")))
    )
    employment = [
        ("Employer", v.company.name),
        ("Job title", v.title),
        ("Status", "Active"),
        ("Start date", v.d(v.hire)),
        ("Employment type", "Full-time" if v.pay.hours >= 32 else "Part-time"),
    ]
    low = min(
        _card(v, c, m, y, half, "Employee", employee),
        _card(v, c, m + half + 12, y, half, "Employment", employment),
    )
    income = [
        ("Base pay", _truv_base(v)),
        ("Pay frequency", v.rng.choice(FREQUENCY_WORDS[v.pay.frequency])),
    ]
    if v.pay.basis == "hourly":
        income.append(("Hours per week", f"{v.pay.hours}"))
    income.append((f"{v.as_of.year} gross YTD", _m(v.history[0].total)))
    y = _card(v, c, m, low - 12, width, "Income", income) - 18
    put(c, m, y, "Annual income summary", v.bold, v.size + 1)
    y = _history_table(v, c, y - 6, True) - 18
    put(c, m, y, "Recent pay statements", v.bold, v.size + 1)
    cols = columns(m, [width * 0.22, width * 0.2, width * 0.2, width * 0.18, width * 0.2], "lrrrr")
    rows = [["Pay date", "Base", "Gross pay", "Deductions", "Net pay"]]
    for day, base, gross in _pay_periods(v, v.rng.randint(3, 6)):
        withheld = cents(gross * Decimal(v.rng.randrange(18, 32)) / 100)
        rows.append(
            [
                v.d(day),
                _m(base, "comma"),
                _m(gross, "comma"),
                _m(withheld, "comma"),
                _m(gross - withheld, "comma"),
            ]
        )
    grid(c, y - 6, cols, rows, (v.font, v.bold), v.size - 0.5, border=False, fill=0.93)
    return 1


# ---------------------------------------------------------------- Fannie Mae Form 1005


@dataclass
class FormPen:
    """Draws Form 1005 boxes: small printed captions and typed entries."""

    c: Canvas
    entry_font: str

    def box(
        self, x: float, y: float, w: float, h: float, caption: str, lines: Sequence[str] = ()
    ) -> None:
        self.c.setLineWidth(0.5)
        self.c.rect(x, y - h, w, h, stroke=1, fill=0)
        captions = wrap(caption, "Helvetica", 6.5, w - 4)
        for i, text in enumerate(captions):
            put(self.c, x + 2, y - 7 - 7 * i, text, "Helvetica", 6.5)
        y -= 7 * (len(captions) - 1)
        for i, line in enumerate(lines):
            put(
                self.c,
                x + 6,
                y - 18 - i * 10,
                line,
                self.entry_font,
                fitted(line, self.entry_font, 9, w - 10),
            )

    def check(self, x: float, y: float, label: str, on: bool) -> float:
        self.c.rect(x, y - 1, 7, 7, stroke=1, fill=0)
        if on:
            put(self.c, x + 1, y, "X", "Helvetica-Bold", 7.5)
        put(self.c, x + 10, y, label, "Helvetica", 7)
        return x + 20 + float(stringWidth(label, "Helvetica", 7))


def _1005_part1(v: Voe, pen: FormPen, y: float) -> float:
    m, w = v.margin, v.width - 2 * v.margin
    c = pen.c
    y = _band(c, m, y, w, "Part I - Request")
    half = w / 2
    pen.box(
        m,
        y,
        half,
        50,
        "1. To (Name and address of employer)",
        [v.company.name, *v.company.address.lines()],
    )
    pen.box(
        m + half,
        y,
        half,
        50,
        "2. From (Name and address of lender)",
        [v.lender.name, *v.lender.address.lines()],
    )
    y -= 50
    requested = v.as_of - timedelta(days=v.rng.randint(2, 12))
    officer = v.rng.choice(("Loan Processor", "Loan Officer", "Underwriter"))
    pen.box(m, y, half * 0.9, 26, "3. Signature of Lender", [""])
    pen.box(m + half * 0.9, y, half * 0.5, 26, "4. Title", [officer])
    pen.box(m + half * 1.4, y, half * 0.3, 26, "5. Date", [fmt_date(requested, "us")])
    pen.box(m + half * 1.7, y, half * 0.3, 26, "6. Lender's No. (Optional)", [digits(v.rng, 10)])
    y -= 26
    consent = (
        "I have applied for a mortgage loan and stated that I am now or was formerly employed by "
        "you. "
        "My signature below authorizes verification of this information."
    )
    for i, line in enumerate(wrap(consent, "Helvetica", 7, w - 8)):
        put(c, m + 4, y - 9 - i * 8.5, line, "Helvetica", 7)
    y -= 24
    applicant = [f"{v.name}   Employee No. {digits(v.rng, 6)}", *v.home.lines()]
    pen.box(
        m,
        y,
        half * 1.2,
        50,
        "7. Name and Address of Applicant (include employee or badge number)",
        applicant,
    )
    pen.box(m + half * 1.2, y, half * 0.8, 50, "8. Signature of Applicant", [""])
    return y - 56


def _1005_rate(v: Voe, pen: FormPen, x: float, y: float, w: float) -> None:
    """Item 12A: current gross base pay and its period check boxes."""
    p = v.pay
    pen.box(x, y, w, 62, "12A. Current Gross Base Pay (Enter Amount and Check Period)")
    box = {"annual": "Annual", "monthly": "Monthly", "hourly": "Hourly"}.get(p.basis)
    if p.basis == "period":
        box = {"weekly": "Weekly", "monthly": "Monthly"}.get(p.frequency, "Other")
    put(pen.c, x + 6, y - 20, f"$ {_m(p.amount, 'comma')}", pen.entry_font, 10)
    xx = x + 6
    for label in ("Annual", "Hourly", "Monthly"):
        xx = pen.check(xx, y - 36, label, box == label)
    xx = x + 6
    for label in ("Weekly", "Other (Specify)"):
        xx = pen.check(
            xx, y - 50, label, box == label or (label.startswith("Other") and box == "Other")
        )
    if box == "Other":
        put(pen.c, xx + 2, y - 50, FREQUENCY_WORDS[p.frequency][1], pen.entry_font, 9)


def _1005_earnings(v: Voe, pen: FormPen, x: float, y: float, w: float) -> float:
    """Item 12B: gross earnings by type for YTD and the past two years."""
    c = pen.c
    put(c, x + 2, y - 7, "12B. Gross Earnings", "Helvetica-Bold", 6.5)
    blank = [YearPay("", v.as_of.year - i, ZERO, ZERO, ZERO, ZERO) for i in range(3)]
    history = v.history + blank[len(v.history) :]
    cols = columns(x, [w * 0.22, w * 0.26, w * 0.26, w * 0.26], "lrrr")
    thru = fmt_date(v.as_of, "us_short")
    head = [
        "Type",
        f"Year To Date Thru {thru}",
        f"Past Year {history[1].year}",
        f"Past Year {history[2].year}",
    ]
    rows = [head]
    for label, attr in (
        ("Base Pay", "base"),
        ("Overtime", "overtime"),
        ("Commissions", "commission"),
        ("Bonus", "bonus"),
    ):
        rows.append(
            [label]
            + [
                _m(getattr(h, attr), "comma") if h.label and getattr(h, attr) else ""
                for h in history
            ]
        )
    rows.append(["Total"] + [_m(h.total, "comma") if h.label else "" for h in history])
    return grid(
        c,
        y - 10,
        cols,
        rows,
        ("Courier" if pen.entry_font.startswith("Courier") else "Helvetica", "Helvetica-Bold"),
        7.5,
        fill=0.93,
    )


def _1005_part2(v: Voe, pen: FormPen, y: float) -> float:
    m, w = v.margin, v.width - 2 * v.margin
    c = pen.c
    y = _band(c, m, y, w, "Part II - Verification of Present Employment")
    third = w / 3
    pen.box(m, y, third, 28, "9. Applicant's Date of Employment", [fmt_date(v.hire, "us")])
    pen.box(m + third, y, third, 28, "10. Present Position", [v.title])
    pen.box(
        m + 2 * third,
        y,
        third,
        28,
        "11. Probability of Continued Employment",
        [v.rng.choice(("Good", "Excellent", "Likely"))],
    )
    y -= 28
    _1005_rate(v, pen, m, y, w * 0.38)
    low = _1005_earnings(v, pen, m + w * 0.38 + 4, y, w * 0.62 - 4)
    y = _1005_military(v, pen, min(y - 62, low) - 4)
    raise_pct = Decimal(v.rng.randrange(2, 6)) / 100
    last_raise = cents(v.pay.amount * raise_pct / (1 + raise_pct))
    next_raise = v.as_of.replace(day=1) + timedelta(days=v.rng.randint(60, 300))
    hours = f"{v.pay.hours}" if v.pay.basis == "hourly" else ""
    quarter = w / 4
    ot = any(h.overtime for h in v.history)
    bonus = any(h.bonus for h in v.history)
    pen.box(
        m,
        y,
        quarter,
        28,
        "14. If Overtime or Bonus is Applicable, Is Its Continuance Likely?",
        [f"OT: {'Yes' if ot else 'N/A'}   Bonus: {'Yes' if bonus else 'N/A'}"],
    )
    pen.box(m + quarter, y, quarter, 28, "15. If paid hourly - average hours per week", [hours])
    pen.box(
        m + 2 * quarter,
        y,
        quarter,
        28,
        "16. Date of applicant's next pay increase",
        [fmt_date(next_raise, "us")],
    )
    pen.box(
        m + 3 * quarter,
        y,
        quarter,
        28,
        "17. Projected amount of next pay increase",
        [f"{raise_pct * 100:.0f}%"],
    )
    y -= 28
    last_date = v.as_of - timedelta(days=v.rng.randint(60, 330))
    pen.box(
        m, y, quarter, 28, "18. Date of applicant's last pay increase", [fmt_date(last_date, "us")]
    )
    pen.box(
        m + quarter,
        y,
        quarter,
        28,
        "19. Amount of last pay increase",
        [f"$ {_m(last_raise, 'comma')}"],
    )
    remark = v.rng.choice(
        (
            "Employee is in good standing.",
            "Bonus is discretionary.",
            "Full-time, benefits eligible.",
        )
    )
    pen.box(
        m + 2 * quarter,
        y,
        2 * quarter,
        28,
        "20. Remarks (If employee was off work for any length of time, please indicate time "
        "period and reason)",
        [remark],
    )
    y -= 28
    pen.box(m, y, quarter * 1.3, 28, "21. Signature of Employer", [""])
    pen.box(
        m + quarter * 1.3, y, quarter * 1.0, 28, "22. Title (Please print or type)", [v.hr_title]
    )
    pen.box(m + quarter * 2.3, y, quarter * 0.6, 28, "23. Date", [fmt_date(v.as_of, "us")])
    pen.box(
        m + quarter * 2.9,
        y,
        quarter * 1.1,
        28,
        "24. Print or type name signed in Item 21",
        [v.hr_name],
    )
    y -= 28
    pen.box(m, y, w, 22, "25. Phone No.", [v.company.phone])
    v.notes.append(f"last raise {_m(last_raise)} and YTD/past-year earnings near the base pay")
    return y - 26


def _1005_part3(v: Voe, pen: FormPen, y: float) -> None:
    m, w = v.margin, v.width - 2 * v.margin
    c = pen.c
    y = _band(c, m, y, w, "Part III - Verification of Previous Employment")
    quarter = w / 4
    captions = (
        "26. Date Hired",
        "27. Date Terminated",
        "28. Salary/Wage at Termination Per (Year) (Month) (Week)",
        "29. Reason for Leaving",
    )
    for i, caption in enumerate(captions):
        pen.box(m + i * quarter, y, quarter, 26, caption)
    y -= 26
    pen.box(m, y, w, 22, "30. Position Held")
    y = _band(c, m, y - 22, w, "Part IV - Authorized Signature")
    statute = (
        "Federal statutes provide severe penalties for any fraud, intentional misrepresentation, "
        "or "
        "criminal connivance or conspiracy purposed to influence the issuance of any guaranty or "
        "insurance by the VA Secretary, the U.S.D.A., FmHA/FHA Commissioner, or the HUD/CPD "
        "Assistant Secretary."
    )
    for line in wrap(statute, "Helvetica", 6.5, w - 8):
        put(c, m + 4, y - 8, line, "Helvetica", 6.5)
        y -= 7.8
    y -= 4
    pen.box(m, y, w * 0.45, 26, "31. Signature of Employer")
    pen.box(m + w * 0.45, y, w * 0.35, 26, "32. Title (Please print or type)")
    pen.box(m + w * 0.8, y, w * 0.2, 26, "33. Date")


def _band(c: Canvas, x: float, y: float, w: float, title: str) -> float:
    """A dark band naming a part of the form; returns the y below it."""
    c.setFillGray(0.15)
    c.rect(x, y - 11, w, 11, stroke=0, fill=1)
    c.setFillGray(1)
    put(c, x + 4, y - 8, title, "Helvetica-Bold", 8)
    c.setFillGray(0)
    return y - 11


def _1005_military(v: Voe, pen: FormPen, y: float) -> float:
    """Item 13, left blank for civilian employees."""
    w = v.width - 2 * v.margin
    pen.box(v.margin, y, w, 34, "13. For Military Personnel Only")
    labels = ("Pay Grade", "Base Pay", "Rations", "Flight or Hazard", "Clothing", "Quarters",
              "Pro Pay", "Overseas or Combat", "Variable Housing Allowance")  # fmt: skip
    x, line_y = v.margin + 6, y - 17
    for label in labels:
        text = f"{label} ________"
        width = stringWidth(text, "Helvetica", 6.5)
        if x + width > v.width - v.margin - 4:
            x, line_y = v.margin + 6, line_y - 10
        put(pen.c, x, line_y, text, "Helvetica", 6.5)
        x += width + 10
    return y - 34


def _fannie_1005(v: Voe, c: Canvas) -> int:
    m, right = v.margin, v.width - v.margin
    pen = FormPen(c, v.rng.choice(("Courier", "Helvetica", "Courier-Bold")))
    y = v.height - m + 6
    put(c, m, y - 8, "Fannie Mae", "Helvetica-Bold", 12)
    put(
        c,
        v.width / 2 + 40,
        y - 8,
        "Request for Verification of Employment",
        "Helvetica-Bold",
        13,
        "c",
    )
    privacy = (
        "Privacy Act Notice: This information is to be used by the agency collecting it or its "
        "assignees in "
        "determining whether you qualify as a prospective mortgagor under its program. It will "
        "not be disclosed "
        "outside the agency except as required and permitted by law. You do not have to provide "
        "this information, "
        "but if you do not your application for approval as a prospective mortgagor or borrower "
        "may be delayed or rejected."
    )
    y -= 22
    for line in wrap(privacy, "Helvetica", 6.5, right - m):
        put(c, m, y, line, "Helvetica", 6.5)
        y -= 7.8
    instructions = (
        "Instructions: Lender - Complete items 1 through 7. Have applicant complete item 8. "
        "Forward directly to "
        "employer named in item 1. Employer - Please complete either Part II or Part III as "
        "applicable. "
        "Complete Part IV and return directly to lender named in item 2."
    )
    for line in wrap(instructions, "Helvetica-Bold", 6.5, right - m):
        put(c, m, y, line, "Helvetica-Bold", 6.5)
        y -= 7.8
    y = _1005_part1(v, pen, y - 4)
    y = _1005_part2(v, pen, y)
    _1005_part3(v, pen, y)
    put(c, m, m - 12, "Fannie Mae Form 1005     July 96", "Helvetica", 7)
    return 1


# ---------------------------------------------------------------- fax cover + HR reply


def _fax_header(v: Voe, c: Canvas, page: int, pages: int, sent: str, number: str) -> None:
    sender = v.company.name.upper()[:24]
    line = f"{sent}  FROM: {sender}  {number}  TO: {v.lender.phone}  P.{page}/{pages}"
    put(
        c,
        v.margin,
        v.height - 20,
        line,
        "Courier",
        fitted(line, "Courier", 8, v.width - 2 * v.margin),
    )


def _fax_cover(v: Voe, c: Canvas, fax_number: str) -> None:
    m, right = v.margin, v.width - v.margin
    y = v.height - m - 10
    put(c, m, y, v.rng.choice(("FAX", "Fax Transmittal", "FACSIMILE COVER SHEET")), v.bold, 26)
    put(c, m, y - 24, v.company.name, v.bold, 12)
    put(c, m, y - 38, f"{v.company.address.one_line()}  |  {v.company.phone}", v.font, 8.5)
    y -= 74
    rows = [
        ("To:", f"{v.lender.name} - Mortgage Processing"),
        ("Fax:", v.lender.phone),
        ("From:", f"{v.hr_name}, {v.hr_title}"),
        ("Fax:", fax_number),
        ("Phone:", v.company.phone),
        ("Date:", v.d(v.as_of)),
        ("Pages:", "2 (including cover)"),
        ("Re:", f"Verification of Employment - {v.name}"),
    ]
    for label, value in rows:
        put(c, m, y, label, v.bold, 11)
        put(c, m + 70, y, value, v.font, 11)
        rule(c, m + 66, right, y - 4, 0.3)
        y -= 24
    y -= 10
    x = m
    for label in ("Urgent", "For Review", "Please Comment", "Please Reply"):
        c.rect(x, y - 1, 9, 9, stroke=1, fill=0)
        if label == "For Review":
            put(c, x + 1.5, y, "X", v.bold, 9)
        put(c, x + 14, y, label, v.font, 10)
        x += 110
    y -= 36
    message = (
        "Please see the attached verification of employment you requested for the employee named "
        "above. Contact our office with any questions."
    )
    y = _paragraphs(v, c, y, ["Comments:", message])
    notice = (
        "CONFIDENTIALITY NOTICE: This facsimile contains confidential information intended only "
        "for the "
        "recipient named above. If you have received it in error, please notify the sender "
        "immediately "
        "and destroy all copies."
    )
    y = m + 40
    for line in wrap(notice, v.font, 8, right - m):
        put(c, m, y, line, v.font, 8)
        y -= 10


def _hr_reply(v: Voe, c: Canvas) -> None:
    y = _letterhead(v, c) + 10
    put(
        c,
        v.width / 2,
        y,
        v.rng.choice(("EMPLOYMENT VERIFICATION", "Verification of Employment")),
        v.bold,
        13,
        "c",
    )
    y -= 2 * v.lead
    put(c, v.margin, y, f"Date: {v.d(v.as_of)}", v.font, v.size)
    y -= 2 * v.lead
    p = v.pay
    pay_type = "Hourly" if p.basis == "hourly" else "Salary"
    unit = {
        "annual": "per year",
        "monthly": "per month",
        "period": "per pay period",
        "hourly": "per hour",
    }[p.basis]
    rows = [("Employee Name", v.name), ("Employee ID", digits(v.rng, 6))]
    if v.show_ssn:
        rows.append(("SSN", mask_ssn(v.rng, v.ssn4)))
    rows += [
        ("Position", v.title),
        ("Date of Hire", v.d(v.hire)),
        ("Employment Status", "Active"),
        ("Pay Type", pay_type),
        ("Current Base Rate", f"{_m(p.amount)} {unit}"),
        ("Pay Frequency", v.rng.choice(FREQUENCY_WORDS[p.frequency])),
        ("Scheduled Hours per Week", f"{p.hours}"),
    ]
    for yp in v.history:
        label = (
            f"YTD Gross Earnings (through {v.d(v.as_of)})"
            if yp.label == "YTD"
            else f"{yp.year} Gross Earnings"
        )
        rows.append((label, _m(yp.total)))
    if any(yp.overtime or yp.bonus for yp in v.history):
        rows.append(("Overtime / Bonus", "Included in gross earnings above; not guaranteed"))
    label_w = 190
    for label, value in rows:
        put(
            c,
            v.margin,
            y,
            f"{label}:",
            v.bold,
            fitted(f"{label}:", v.bold, v.size - 0.5, label_w - 8),
        )
        put(
            c,
            v.margin + label_w,
            y,
            value,
            v.font,
            fitted(value, v.font, v.size, v.width - 2 * v.margin - label_w),
        )
        y -= v.lead * 1.2
    y -= v.lead
    y = _paragraphs(
        v,
        c,
        y,
        [
            "The information above is provided at the request of the employee and is accurate "
            "according to our payroll records as of the date of this letter."
        ],
    )
    _signature(v, c, y - v.lead)


def _fax_letter(v: Voe, c: Canvas) -> int:
    sent = f"{fmt_date(v.as_of, 'dmy')} {v.rng.randint(8, 17):02d}:{v.rng.randint(0, 59):02d}"
    fax_number = make_phone(v.rng)
    _fax_header(v, c, 1, 2, sent, fax_number)
    _fax_cover(v, c, fax_number)
    c.showPage()
    _fax_header(v, c, 2, 2, sent, fax_number)
    _hr_reply(v, c)
    return 2


# ---------------------------------------------------------------- build

DRAWERS = {
    "employer_letter": _employer_letter,
    "work_number_report": _work_number,
    "truv_report": _truv,
    "fannie_mae_1005": _fannie_1005,
    "fax_cover_hr_letter": _fax_letter,
}
NAME_STYLES = {
    "employer_letter": ("natural",),
    "work_number_report": ("upper_last_first", "last_first"),
    "truv_report": ("natural", "upper"),
    "fannie_mae_1005": ("natural", "upper", "upper_last_first"),
    "fax_cover_hr_letter": ("natural", "upper"),
}
SSN_SHARE = {
    "employer_letter": 0.2,
    "work_number_report": 0.9,
    "truv_report": 0.6,
    "fannie_mae_1005": 0.0,
    "fax_cover_hr_letter": 0.4,
}
ADDRESS_SHARE = {
    "employer_letter": 0.0,
    "work_number_report": 0.0,
    "truv_report": 0.5,
    "fannie_mae_1005": 1.0,
    "fax_cover_hr_letter": 0.0,
}
INCOME_PAGE = {"fax_cover_hr_letter": 2}
TRAPS = {
    "employer_letter": "YTD, prior-year total and bonus sentences sit beside the base pay",
    "work_number_report": "YTD and prior-year base/overtime/bonus totals beside one rate of pay",
    "truv_report": "gross YTD, annual summary and recent net pay beside the base pay",
    "fannie_mae_1005": "12A must be annualised from its check box; 12B totals and raises distract",
    "fax_cover_hr_letter": "page 1 is a fax cover; pay on page 2 beside YTD and prior-year gross",
}


def build(rng: random.Random, layout: str) -> WildDocument:
    if layout not in DRAWERS:
        raise ValueError(f"unknown voe layout {layout!r}")
    v = _new_voe(rng, layout)
    v.name_style = rng.choice(NAME_STYLES[layout])
    v.show_ssn = rng.random() < SSN_SHARE[layout]
    v.show_address = rng.random() < ADDRESS_SHARE[layout]
    buffer, c = new_canvas(rng, 0.05)
    v.width, v.height = c._pagesize
    c.setTitle("Verification of Employment")
    pages = DRAWERS[layout](v, c)
    v.notes.append(f"{pages} page(s)")
    c.showPage()
    c.save()
    name = v.person.label()
    basis = v.pay.basis if v.pay.basis != "period" else f"per {v.pay.frequency} period"
    return WildDocument(
        pdf=buffer.getvalue(),
        doc_type="voe",
        borrowers=[
            {
                "name": name,
                "ssn_last4": v.ssn4 if v.show_ssn else None,
                "address": v.home.label() if v.show_address else None,
            }
        ],
        income_records=[
            {
                "borrower": name,
                "amount": str(v.pay.annual),
                "period": "annual",
                "year": v.as_of.year,
                "source_type": "voe",
                "employer": v.company.name,
                "page": INCOME_PAGE.get(layout, 1),
            }
        ],
        notes=f"VOE, base pay stated {basis}; {TRAPS[layout]}; " + "; ".join(v.notes),
        text_size=v.size,
    )
