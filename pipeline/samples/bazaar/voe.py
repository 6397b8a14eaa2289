"""Bazaar verifications of employment: layouts from sources the other generators never imitate.

Truth: one income record, the current base pay annualised (hourly x scheduled hours/week x 52,
weekly x 52, biweekly x 26, semimonthly x 24, monthly x 12, annual as is), period ``annual``,
source ``voe``, year = the report / letter / e-mail date's year, employer = the employer of the
employee (for a staffing agency, the agency, not the client site), borrower = the employee.
Year-to-date and prior-year earnings, overtime, bonus, commission, stipends, older pay rates,
the verifier and the lender are distractors.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.pdfbase.pdfmetrics import stringWidth

from pipeline.samples.bazaar._payroll import (
    Pen,
    address_truth,
    company,
    fmt_date,
    name_forms,
    phone,
    pick_date_style,
)
from pipeline.samples.bazaar.people import (
    Address,
    Person,
    amount,
    digits,
    ein,
    make_address,
    make_person,
    money,
    ssn,
)
from pipeline.samples.wild.document import WildDocument

LAYOUTS: tuple[str, ...] = (
    "employment_data_report",
    "lender_request_form",
    "gov_salary_memo",
    "email_printout",
    "staffing_assignment",
)

MULTIPLIERS = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12, "annual": 1}
BASIS_WORDS = {
    "hourly": ("Hourly", "Per Hour", "HOURLY"),
    "weekly": ("Weekly", "Per Week"),
    "biweekly": ("Bi-Weekly", "Biweekly", "Every Two Weeks"),
    "semimonthly": ("Semi-Monthly", "Semimonthly", "Twice a Month"),
    "monthly": ("Monthly", "Per Month"),
    "annual": ("Annual", "Annually", "Per Year", "Yearly Salary"),
}
LENDERS = (
    "Harborlight Mortgage",
    "Prairie Home Lending",
    "Bluewater Federal Credit Union",
    "Summit Crest Home Loans",
    "Evergreen Residential Funding",
    "Cornerstone Mortgage Group",
)
TITLES = (
    "Warehouse Lead",
    "Senior Accountant",
    "Registered Nurse",
    "Project Engineer",
    "Customer Service Rep II",
    "Maintenance Technician",
    "Account Executive",
    "Dental Hygienist",
    "Software Developer",
    "Operations Manager",
)


@dataclass
class Job:
    person: Person
    printed: str
    truth_name: str
    address: Address
    abbreviate: bool
    ssn: str
    employer: str
    employer_address: Address
    basis: str
    rate: int  # cents per basis unit
    hours: int  # scheduled hours per week (hourly)
    report: date
    hire: date
    title: str

    @property
    def annual(self) -> int:
        if self.basis == "hourly":
            return self.rate * self.hours * 52
        return self.rate * MULTIPLIERS[self.basis]


def _job(
    rng: random.Random, employer: str, bases: tuple[str, ...], style: str | None = None
) -> Job:
    person = make_person(rng)
    printed, truth = name_forms(rng, person, style)
    basis = rng.choice(bases)
    annual_target = rng.randint(32000, 165000)
    hours = rng.choice((40, 40, 40, 36, 32, 24, 30, 45))
    if basis == "hourly":
        rate = int(round(annual_target * 100 / (hours * 52), -rng.choice((0, 1, 2))))
    elif basis == "annual":
        rate = round(annual_target, -2) * 100
    else:
        rate = round(annual_target * 100 / MULTIPLIERS[basis])
    year = rng.randint(2021, 2025)
    report = date(year, 1, 1) + timedelta(days=rng.randint(20, 340))
    hire = report - timedelta(days=rng.randint(200, 6000))
    return Job(
        person=person,
        printed=printed,
        truth_name=truth,
        address=make_address(rng),
        abbreviate=rng.random() < 0.7,
        ssn=ssn(rng),
        employer=employer,
        employer_address=make_address(rng),
        basis=basis,
        rate=rate,
        hours=hours,
        report=report,
        hire=hire,
        title=rng.choice(TITLES),
    )


def _history(rng: random.Random, job: Job) -> list[tuple[str, int, int, int, int]]:
    """(year label, base, overtime, bonus, commission) for the current YTD and two prior years."""
    frac = (job.report - date(job.report.year, 1, 1)).days / 365
    rows = []
    base = round(job.annual * frac)
    ot = round(base * rng.choice((0, 0, 0.03, 0.08)))
    rows.append((f"{job.report.year} YTD", base, ot, rng.choice((0, 0, 150000)), 0))
    annual = job.annual
    for back in (1, 2):
        annual = round(annual / rng.uniform(1.02, 1.06))
        year = job.report.year - back
        if date(year, 12, 31) < job.hire:
            break
        part = 1.0 if date(year, 1, 1) >= job.hire else (date(year, 12, 31) - job.hire).days / 365
        b = round(annual * part)
        rows.append(
            (
                str(year),
                b,
                round(b * rng.choice((0, 0.02, 0.05, 0.11))),
                rng.choice((0, 100000, 250000, 400000)),
                rng.choice((0, 0, 0, 320000)),
            )
        )
    return rows


def _rate_text(job: Job, dollar: bool = True) -> str:
    if job.basis == "hourly":
        return f"{money(job.rate, dollar=dollar)}"
    return money(job.rate, dollar=dollar)


def _doc(
    pdf: bytes, job: Job, pen: Pen, page: int, notes: str, with_ssn: bool, with_address: bool
) -> WildDocument:
    borrower = {
        "name": job.truth_name,
        "ssn_last4": job.ssn[-4:] if with_ssn else None,
        "address": address_truth(job.address, job.abbreviate) if with_address else None,
    }
    income = {
        "borrower": job.truth_name,
        "amount": amount(job.annual),
        "period": "annual",
        "year": job.report.year,
        "source_type": "voe",
        "employer": job.employer,
        "page": page,
    }
    return WildDocument(
        pdf=pdf,
        doc_type="voe",
        borrowers=[borrower],
        income_records=[income],
        account_numbers=[],
        notes=notes,
        text_size=pen.size,
    )


def _tenure(job: Job) -> str:
    months = (job.report.year - job.hire.year) * 12 + job.report.month - job.hire.month
    return f"{months // 12} Years {months % 12} Months"


# ---------------------------------------------------------------- layout: employment data report


def _employment_data_report(rng: random.Random) -> WildDocument:
    """A verification-bureau "Employment Data Report" (not The Work Number's layout): a title
    band, Requestor / Employee / Employer key-value blocks, a Rate of Pay History table (the
    latest row is current) and Total Compensation by year, disclaimers; 1-2 pages."""
    job = _job(rng, company(rng), ("hourly", "biweekly", "semimonthly", "annual", "weekly"))
    pen = Pen(rng, size=rng.choice((7.5, 8.0, 8.5, 9.0)))
    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((36.0, 44.0, 54.0))
    R = W - L
    lender = rng.choice(LENDERS)
    bureau = rng.choice(
        ("VeriPath Employment Data", "CertiWork Verification Services", "Employus Data Exchange")
    )
    y = H - 40
    pen.band(
        L,
        y - 6,
        R - L,
        pen.size + 14,
        rng.choice(("EMPLOYMENT DATA REPORT", "Employment & Income Data Report")),
        gray=0.75,
    )
    pen.text(R - 6, y, bureau, align="right", size=pen.size - 0.5)
    y -= pen.size + 18
    kv = [
        ("Report ID", f"{rng.choice('EVX')}{digits(rng, 10)}"),
        ("Date Completed", fmt_date(job.report, ds)),
        (
            "Permissible Purpose",
            rng.choice(("Mortgage Credit", "Credit Application - Residential Mortgage")),
        ),
        ("Requested By", lender),
        ("Loan / Reference #", digits(rng, 10)),
        ("Requestor Phone", phone(rng)),
    ]
    for i, (k, v) in enumerate(kv):
        x = L + (i % 2) * (R - L) / 2
        pen.text(x, y, f"{k}:", bold=True)
        pen.text(x + 95, y, v, width=(R - L) / 2 - 100)
        if i % 2:
            y -= pen.size + 4
    y -= pen.size
    with_ssn = rng.random() < 0.8
    left = [("Employee Name", job.printed)]
    if with_ssn:
        left.append(("SSN", f"XXX-XX-{job.ssn[-4:]}"))
    left += [
        ("Employment Status", rng.choice(("Active", "ACTIVE", "Active - Full Time"))),
        ("Job Title", job.title),
        ("Original Hire Date", fmt_date(job.hire, ds)),
        ("Total Time w/ Employer", _tenure(job)),
    ]
    ea = job.employer_address
    right = [
        ("Employer", job.employer),
        ("Address", ea.street_line()),
        ("", ea.city_line()),
        ("Employer FEIN", ein(rng)),
        ("Division", rng.choice(("Corporate", "Field Operations", "Retail", "Central"))),
    ]
    mid = L + (R - L) / 2
    pen.band(L, y - 2, (R - L) / 2 - 6, pen.size + 6, "EMPLOYEE INFORMATION")
    pen.band(mid, y - 2, (R - L) / 2, pen.size + 6, "EMPLOYER INFORMATION")
    yl = yr = y - pen.size - 8
    for k, v in left:
        pen.text(L + 2, yl, k, gray=0.3)
        pen.text(L + 110, yl, v, bold=True, width=mid - L - 118)
        yl -= pen.size + 4
    for k, v in right:
        pen.text(mid + 2, yr, k, gray=0.3)
        pen.text(mid + 90, yr, v, bold=True, width=R - mid - 92)
        yr -= pen.size + 4
    y = min(yl, yr) - pen.size
    two_pages = rng.random() < 0.4
    rate_first = rng.random() < 0.6

    def rate_table(y: float) -> float:
        pen.band(
            L, y - 2, R - L, pen.size + 6, rng.choice(("RATE OF PAY HISTORY", "Pay Rate Detail"))
        )
        y -= pen.size + 10
        cols = (L + 4, L + 120, L + 240, L + 350, R - 4)
        heads = ("Effective Date", "Rate of Pay", "Rate Type", "Pay Frequency", "Avg Hours/Week")
        for i, h in enumerate(heads):
            pen.text(cols[i], y, h, bold=True, align="right" if i == 4 else "left")
        freq = (
            rng.choice(("Bi-Weekly", "Weekly", "Semi-Monthly"))
            if job.basis in ("hourly", "annual")
            else rng.choice(BASIS_WORDS[job.basis])
        )
        rate, eff = job.rate, job.report - timedelta(days=rng.randint(30, 300))
        for n in range(rng.randint(2, 4)):
            y -= pen.size + 4
            hours = str(job.hours) if job.basis == "hourly" else "--"
            rt = (
                BASIS_WORDS[job.basis][0] if job.basis in ("hourly", "annual") else "Per Pay Period"
            )
            vals = (
                fmt_date(eff, ds),
                money(rate, dollar=rng.random() < 0.5),
                rt,
                freq,
                hours if n == 0 or job.basis == "hourly" else "--",
            )
            for i, v in enumerate(vals):
                pen.text(cols[i], y, v, align="right" if i == 4 else "left", bold=n == 0)
            rate = int(round(rate / rng.uniform(1.02, 1.07), -2 if job.basis == "annual" else 0))
            eff = date(eff.year - 1, eff.month, min(eff.day, 28))
            if eff < job.hire:
                break
        return y - pen.size * 2

    def comp_table(y: float) -> float:
        pen.band(
            L,
            y - 2,
            R - L,
            pen.size + 6,
            rng.choice(("TOTAL COMPENSATION", "Gross Earnings by Year")),
        )
        y -= pen.size + 10
        cols = (L + 4, L + 140, L + 215, L + 290, L + 365, R - 4)
        heads = ("Year", "Base", "Overtime", "Bonus", "Commission", "Total")
        for i, h in enumerate(heads):
            pen.text(cols[i], y, h, bold=True, align="left" if i == 0 else "right")
        for label, base, ot, bonus, comm in _history(rng, job):
            y -= pen.size + 4
            if "YTD" in label:
                thru = job.report - timedelta(days=rng.randint(3, 14))
                label = f"{job.report.year} (thru {fmt_date(thru, '%m/%d')})"
            vals = (
                label,
                money(base),
                money(ot),
                money(bonus),
                money(comm),
                money(base + ot + bonus + comm),
            )
            for i, v in enumerate(vals):
                pen.text(cols[i], y, v, align="left" if i == 0 else "right")
        return y - pen.size * 2

    rate_page = 1
    if rate_first:
        y = rate_table(y)
        if two_pages:
            pen.text(W / 2, 30, "Page 1 of 2", align="center", size=6.5)
            pen.new_page()
            y = H - 50
        y = comp_table(y)
    else:
        y = comp_table(y)
        if two_pages:
            pen.text(W / 2, 30, "Page 1 of 2", align="center", size=6.5)
            pen.new_page()
            y = H - 50
            rate_page = 2
        y = rate_table(y)
    fine = (
        "This report contains information furnished by the employer or its payroll provider and "
        "is provided solely for the permissible purpose stated above under the Fair Credit "
        "Reporting Act. The information is not guaranteed and should be confirmed where "
        "required by investor guidelines. Do not disclose to third parties."
    )
    y = pen.wrap(L, y, fine, R - L, size=6.5, gray=0.3)
    pen.text(W / 2, 30, f"{bureau}  |  Page {pen.page} of {pen.page}", align="center", size=6.5)
    pdf = pen.finish()
    return _doc(
        pdf,
        job,
        pen,
        rate_page,
        "Employment data report; the latest rate-history row is "
        "current base pay; older rates, total compensation by year, lender and loan number "
        "are distractors.",
        with_ssn,
        False,
    )


# ---------------------------------------------------------------- layout: lender's own request form


def _checkbox(pen: Pen, x: float, y: float, label: str, checked: bool) -> float:
    pen.box(x, y - 1, 7, 7, lw=0.5)
    if checked:
        pen.c.setFont("Helvetica-Bold", 7)
        pen.c.drawString(x + 1, y, "X")
    return x + 10 + pen.text(x + 10, y, label, size=pen.size - 0.5) + 10


def _lender_request_form(rng: random.Random) -> WildDocument:
    """A lender's own written VOE request returned by the employer: Part I (lender, loan officer,
    loan number, applicant, authorisation) printed; Part II answered in typewriter-style fields
    (base pay with basis check boxes, hours, YTD and past-year earnings, the verifier)."""
    job = _job(rng, company(rng), ("hourly", "monthly", "annual", "weekly", "biweekly"))
    pen = Pen(rng, family=rng.choice(("Helvetica", "Times")), size=rng.choice((8.0, 8.5, 9.0, 9.5)))
    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((40.0, 48.0))
    R = W - L
    lender = rng.choice(LENDERS)
    la = make_address(rng)
    officer = make_person(rng)
    verifier = make_person(rng)

    def typed(x: float, y: float, s: str, width: float | None = None) -> None:
        pen.c.setFillColorRGB(0.05, 0.1, 0.45)
        sz = pen.size + 0.5
        pen.c.setFont("Courier-Bold", sz)
        if width is not None:
            w = stringWidth(s, "Courier-Bold", sz)
            if w > width:
                pen.c.setFont("Courier-Bold", max(5.0, sz * width / w))
        pen.c.drawString(x, y, s)
        pen.c.setFillColorRGB(0, 0, 0)

    y = H - 42
    pen.text(L, y, lender, bold=True, size=pen.size + 4)
    pen.text(R, y, f"NMLS # {digits(rng, 6)}", align="right")
    y -= pen.size + 4
    pen.text(L, y, f"{la.street_line()}, {la.city_line()}   Tel {phone(rng)}")
    y -= pen.size * 2.4
    pen.text(
        W / 2,
        y,
        rng.choice(
            ("REQUEST FOR VERIFICATION OF EMPLOYMENT", "WRITTEN VERIFICATION OF EMPLOYMENT")
        ),
        bold=True,
        size=pen.size + 2,
        align="center",
    )
    y -= pen.size * 2
    pen.band(L, y - 3, R - L, pen.size + 6, "PART I - REQUEST (to be completed by lender)")
    y -= pen.size + 12
    sent = job.report - timedelta(days=rng.randint(2, 12))
    if sent.year != job.report.year:
        sent = date(job.report.year, 1, 1)
    ea = job.employer_address
    part1 = [
        (
            "1. To (Employer name and address)",
            f"{job.employer}, {ea.street_line()}, {ea.city_line()}",
        ),
        ("2. From (Lender)", f"{lender} - {officer.natural()}, Loan Officer"),
        ("3. Loan Number", digits(rng, 10)),
        ("4. Date Sent", fmt_date(sent, ds)),
    ]
    with_ssn = rng.random() < 0.7
    show_addr = rng.random() < 0.6
    part1.append(("5. Applicant Name", job.printed))
    if show_addr:
        part1.append(
            (
                "6. Applicant Address",
                f"{job.address.street_line(abbreviate=job.abbreviate)}, {job.address.city_line()}",
            )
        )
    if with_ssn:
        part1.append(("7. Applicant SSN", f"XXX-XX-{job.ssn[-4:]}"))
    for cap, val in part1:
        pen.text(L, y, cap, size=pen.size - 0.5)
        pen.text(L + 170, y, val, width=R - L - 172)
        pen.hline(L + 168, R, y - 2, w=0.3, gray=0.5)
        y -= pen.size + 6
    y = pen.wrap(
        L,
        y - 2,
        "I have applied for a mortgage loan and stated that I am or was employed by you. "
        "My signature below authorizes verification of this information.",
        R - L,
        size=pen.size - 1,
        italic=True,
    )
    pen.hline(L, L + 200, y - 6)
    pen.text(L, y - 6 - pen.size, "Applicant signature", size=6.5)
    y -= pen.size * 3.5
    pen.band(
        L,
        y - 3,
        R - L,
        pen.size + 6,
        "PART II - VERIFICATION OF PRESENT EMPLOYMENT (to be completed by employer)",
    )
    y -= pen.size + 14
    prob = rng.choice(("Good", "Excellent", "Continued employment expected", "N/A - at will"))
    rows = [
        ("8. Date of Employment", fmt_date(job.hire, ds)),
        ("9. Present Position", job.title),
        ("10. Probability of Continued Employment", prob),
    ]
    for cap, val in rows:
        pen.text(L, y, cap, size=pen.size - 0.5)
        typed(L + 200, y, val)
        y -= pen.size + 7
    pen.text(L, y, "11. Current Base Pay", size=pen.size - 0.5)
    typed(L + 200, y, money(job.rate, dollar=True))
    rate_page = pen.page
    y -= pen.size + 7
    x = L + 14
    for basis, label in (
        ("annual", "Annual"),
        ("monthly", "Monthly"),
        ("biweekly", "Bi-Weekly"),
        ("weekly", "Weekly"),
        ("hourly", "Hourly"),
        ("other", "Other"),
    ):
        x = _checkbox(pen, x, y, label, basis == job.basis)
    y -= pen.size + 7
    pen.text(L, y, "12. Average Hours per Week", size=pen.size - 0.5)
    typed(
        L + 200,
        y,
        str(job.hours) if job.basis == "hourly" else rng.choice(("40", "FT", "Full-time")),
    )
    y -= pen.size + 10
    pen.text(L, y, "13. Gross Earnings", size=pen.size - 0.5, bold=True)
    y -= pen.size + 5
    hist = _history(rng, job)
    cols = [L + 150 + i * 120 for i in range(len(hist))]
    heads = [
        f"Year to date thru {fmt_date(job.report - timedelta(days=5), '%m/%d/%y')}"
        if "YTD" in h[0]
        else f"Past year {h[0]}"
        for h in hist
    ]
    for c, h in zip(cols, heads, strict=True):
        pen.text(c + 100, y, h, size=pen.size - 1, align="right")
    for i, name in enumerate(("Base Pay", "Overtime", "Commissions", "Bonus", "Total")):
        y -= pen.size + 5
        pen.text(L + 10, y, name, size=pen.size - 0.5)
        for c, (_, base, ot, bonus, comm) in zip(cols, hist, strict=True):
            fig = (base, ot, comm, bonus, base + ot + bonus + comm)[i]
            if fig or i in (0, 4):
                typed(c + 100 - pen.width_of(money(fig)) * 1.2, y, money(fig))
        pen.hline(L + 150, R, y - 2, w=0.3, gray=0.6)
    y -= pen.size * 2
    pen.text(L, y, "14. Remarks", size=pen.size - 0.5)
    typed(
        L + 200,
        y,
        rng.choice(
            (
                "Overtime not guaranteed.",
                "Bonus discretionary.",
                "None",
                "Eligible for annual merit review.",
            )
        ),
        width=R - L - 200,
    )
    y -= pen.size * 3
    vtitle = rng.choice(
        ("HR Generalist", "Payroll Manager", "Benefits Coordinator", "Office Manager")
    )
    for cap, val in (
        ("15. Signature of Employer", f"/s/ {verifier.natural()}"),
        ("16. Title", vtitle),
        ("17. Date", fmt_date(job.report, ds)),
        ("18. Print Name / Phone", f"{verifier.natural()}  {phone(rng)}"),
    ):
        pen.text(L, y, cap, size=pen.size - 0.5)
        typed(L + 200, y, val)
        pen.hline(L + 198, R, y - 2, w=0.3, gray=0.5)
        y -= pen.size + 7
    pen.text(
        W / 2,
        30,
        f"{lender} VOE-{rng.randint(1, 9)} (rev. {rng.randint(1, 12):02d}/{rng.randint(15, 20)})",
        size=6.5,
        align="center",
        gray=0.4,
    )
    pdf = pen.finish()
    return _doc(
        pdf,
        job,
        pen,
        rate_page,
        "Lender's written VOE form; base pay with a basis check box; "
        "the loan officer, verifier, loan number, YTD/past-year earnings are distractors.",
        with_ssn,
        show_addr,
    )


# ---------------------------------------------------------------- layout: government HR memo


def _gov_salary_memo(rng: random.Random) -> WildDocument:
    """A school district or county HR "Verification of Employment and Salary" memo: a letterhead,
    TO/FROM/DATE/RE block, a running paragraph, a salary-schedule placement table (class/step,
    annual contract salary or the hourly/biweekly rate), stipends and a salary history."""
    school = rng.random() < 0.55
    office = make_address(rng)
    city = office.city
    employer = (
        rng.choice(
            (
                f"{city} Unified School District",
                f"{city} Public Schools",
                f"{city} Independent School District",
            )
        )
        if school
        else rng.choice((f"County of {city}", f"City of {city}", f"{city} County Government"))
    )
    job = _job(rng, employer, ("annual",) if school else ("hourly", "biweekly", "annual"))
    job.employer_address = office
    if school:
        job.title = rng.choice(
            (
                "Teacher - Grade 4",
                "Science Teacher",
                "School Counselor",
                "Speech-Language Pathologist",
                "Assistant Principal",
            )
        )
    else:
        job.title = rng.choice(
            (
                "Planner II",
                "Equipment Operator",
                "Deputy Clerk",
                "Civil Engineer I",
                "Accounting Technician",
            )
        )
    pen = Pen(
        rng,
        family=rng.choice(("Times", "Helvetica")),
        size=rng.choice((9.0, 9.5, 10.0, 10.5, 11.0)),
    )
    ds = rng.choice(("%B %d, %Y", "%m/%d/%Y", "%b %d, %Y"))
    W, H = pen.width, pen.height
    L = rng.choice((60.0, 72.0))
    R = W - L
    y = H - 54
    pen.text(W / 2, y, employer.upper(), bold=True, size=pen.size + 4, align="center")
    y -= pen.size + 6
    pen.text(
        W / 2,
        y,
        rng.choice(
            (
                "Office of Human Resources",
                "Human Resources Department",
                "Department of Personnel Services",
            )
        ),
        align="center",
        italic=True,
    )
    ea = job.employer_address
    y -= pen.size + 3
    pen.text(
        W / 2,
        y,
        f"{ea.street_line()}  |  {ea.city_line()}  |  {phone(rng)}",
        align="center",
        size=pen.size - 1.5,
    )
    y -= 8
    pen.hline(L, R, y, w=1.2)
    y -= pen.size * 2.6
    pen.text(L, y, "MEMORANDUM", bold=True, size=pen.size + 2)
    y -= pen.size * 2
    hr = make_person(rng)
    lender = rng.choice(LENDERS)
    with_ssn = rng.random() < 0.5
    re_line = f"Verification of Employment and Salary - {job.printed}"
    if with_ssn:
        re_line += f" (SSN ending {job.ssn[-4:]})"
    for k, v in (
        ("TO:", rng.choice((lender, "To Whom It May Concern", f"{lender}, Processing Dept."))),
        (
            "FROM:",
            f"{hr.natural()}, {rng.choice(('HR Specialist', 'Personnel Analyst', 'HR Director'))}",
        ),
        ("DATE:", fmt_date(job.report, ds)),
        ("RE:", re_line),
    ):
        pen.text(L, y, k, bold=True)
        pen.text(L + 55, y, v, width=R - L - 55)
        y -= pen.size + 6
    pen.hline(L, R, y + 2, w=0.4)
    y -= pen.size * 1.5
    sched = (
        rng.choice(("Certificated Salary Schedule", "Teachers' Salary Schedule"))
        if school
        else rng.choice(("General Employees Pay Plan", "Classified Salary Schedule"))
    )
    cls = (
        rng.choice(("Class III", "Column BA+30", "Lane MA", "Column MA+15"))
        if school
        else f"Grade {rng.randint(8, 24)}"
    )
    step = rng.randint(1, 15)
    para = (
        f"This memorandum confirms that {job.printed} has been employed by the {employer} since "
        f"{fmt_date(job.hire, ds)} and currently holds the position of {job.title} on a "
        f"{rng.choice(('full-time', 'regular full-time', '1.0 FTE'))} basis. "
        f"Placement on the {sched} "
        f"is {cls}, Step {step}. Compensation details for the current "
        f"{'school' if school else 'fiscal'} year are shown below."
    )
    y = pen.wrap(L, y, para, R - L, leading=pen.size * 1.45)
    y -= pen.size
    rows: list[tuple[str, str]] = [
        ("Salary schedule", sched),
        ("Class / Step", f"{cls} / Step {step}"),
    ]
    if job.basis == "annual":
        days = rng.choice((183, 185, 186, 190, 260))
        rows.append(
            ("Annual contract salary" if school else "Annual salary", money(job.rate, dollar=True))
        )
        rows.append(("Contract days", str(days)))
        if school:
            rows.append(
                (
                    "Pay schedule",
                    rng.choice(
                        ("12 monthly installments", "Paid over 12 months", "10 monthly payments")
                    ),
                )
            )
    elif job.basis == "hourly":
        rows.append(("Hourly rate", money(job.rate, dollar=True)))
        rows.append(("Scheduled hours per week", str(job.hours)))
    else:
        rows.append(("Biweekly rate", money(job.rate, dollar=True)))
        rows.append(("Pay periods per year", "26"))
    stipend = rng.choice((0, 150000, 275000, 420000))
    if stipend:
        rows.append(
            (
                rng.choice(
                    (
                        "Coaching stipend (not included above)",
                        "Longevity pay (annual)",
                        "Extra-duty stipend",
                    )
                ),
                money(stipend, dollar=True),
            )
        )
    tx = L + 20
    for k, v in rows:
        pen.text(tx, y, k)
        pen.text(tx + 230, y, v, bold=True, width=R - tx - 232)
        pen.hline(tx, R - 20, y - 3, w=0.2, gray=0.6)
        y -= pen.size + 6
    y -= pen.size
    pen.text(L, y, "Salary history (gross wages reported on Form W-2)", bold=True)
    y -= pen.size + 5
    for label, base, ot, bonus, comm in _history(rng, job)[1:]:
        pen.text(tx, y, f"Calendar year {label}")
        pen.text(tx + 300, y, money(base + ot + bonus + comm + stipend, dollar=True), align="right")
        y -= pen.size + 4
    y -= pen.size
    y = pen.wrap(
        L,
        y,
        rng.choice(
            (
                "Employment is expected to continue; this office does not guarantee future "
                "employment. "
                "Information is released with the employee's written authorization on file.",
                "Salary schedules are adopted annually by the Board. This verification "
                "reflects current placement only "
                "and is provided at the employee's request.",
            )
        ),
        R - L,
        leading=pen.size * 1.4,
    )
    y -= pen.size * 2
    pen.text(L, y, rng.choice(("Sincerely,", "Respectfully,")))
    y -= pen.size * 3
    pen.text(L, y, hr.natural(), bold=True)
    y -= pen.size + 3
    pen.text(
        L, y, f"Direct line {phone(rng)}   Verification ID {digits(rng, 7)}", size=pen.size - 1
    )
    pdf = pen.finish()
    return _doc(
        pdf,
        job,
        pen,
        1,
        "Government / school-district HR memo with salary schedule placement; "
        "stipends, contract days, W-2 history and the HR signer are distractors.",
        with_ssn,
        False,
    )


# ---------------------------------------------------------------- layout: e-mail printout


def _email_printout(rng: random.Random) -> WildDocument:
    """A printed e-mail thread: the mail client's header line, From/Sent/To/Cc/Subject block, the HR
    reply in running sentences (rate, hours, YTD, last year's total), a signature block with a
    confidentiality notice, then the lender's quoted request; 1-2 pages."""
    employer = company(rng)
    bases = ("hourly", "hourly", "annual", "biweekly", "semimonthly", "monthly")
    job = _job(rng, employer, bases, style=rng.choice(("natural", "natural", "caps")))
    pen = Pen(
        rng, family=rng.choice(("Helvetica", "Times")), size=rng.choice((9.0, 9.5, 10.0, 10.5))
    )
    W, H = pen.width, pen.height
    L = rng.choice((40.0, 50.0, 60.0))
    R = W - L
    hr = make_person(rng)
    proc = make_person(rng)
    lender = rng.choice(LENDERS)
    dom = "".join(ch for ch in employer.split()[0].lower() if ch.isalpha()) or "corp"
    ldom = "".join(ch for ch in lender.split()[0].lower() if ch.isalpha())
    hr_mail = (
        f"{hr.first.lower()}.{hr.last.lower().replace(' ', '').replace(chr(39), '')}@{dom}.com"
    )
    plast = "".join(ch for ch in proc.last.lower() if ch.isalpha())
    proc_mail = f"{proc.first[0].lower()}{plast}@{ldom}.com"
    sent = job.report
    hour = rng.randint(8, 17)
    clock = f"{(hour - 1) % 12 + 1}:{rng.randint(0, 59):02d} {'AM' if hour < 12 else 'PM'}"
    when = f"{sent.strftime('%A, %B')} {sent.day}, {sent.year} {clock}"
    y = H - 30
    pen.text(L, y, rng.choice(("Mail", "Outlook", "Webmail")), size=7.0, gray=0.4)
    pen.text(R, y, f"{hr.natural()} <{hr_mail}>"[:90], size=7.0, gray=0.4, align="right")
    y -= 24
    subject = rng.choice(
        (
            f"RE: VOE request - {job.printed}",
            f"RE: Employment verification for {job.printed}",
            f"Re: Loan #{digits(rng, 8)} - verification of employment",
        )
    )
    pen.text(L, y, subject, bold=True, size=pen.size + 3, width=R - L)
    y -= pen.size * 2.2
    for k, v in (
        ("From:", f"{hr.natural()} <{hr_mail}>"),
        ("Sent:", when),
        ("To:", f"{proc.natural()} <{proc_mail}>"),
        ("Cc:", rng.choice(("payroll@" + dom + ".com", ""))),
        ("Subject:", subject),
    ):
        if not v:
            continue
        pen.text(L, y, k, bold=True)
        pen.text(L + 60, y, v, width=R - L - 60)
        y -= pen.size + 4
    pen.hline(L, R, y + 2, w=0.5, gray=0.5)
    y -= pen.size * 1.6
    lead = pen.size * 1.4
    y = pen.wrap(L, y, f"Hi {proc.first},", R - L, leading=lead) - pen.size * 0.5
    status = rng.choice(
        ("full-time", "regular full-time", "part-time" if job.hours < 32 else "full-time")
    )
    intro = (
        f"Thank you for your patience. I can confirm that {job.printed} is currently employed with "
        f"{employer} as a {job.title} ({status}) and has been with us since "
        f"{fmt_date(job.hire, '%B %d, %Y')}."
    )
    y = pen.wrap(L, y, intro, R - L, leading=lead) - pen.size * 0.5
    if job.basis == "hourly":
        rate = (
            f"Current base pay is {money(job.rate, dollar=True)} per hour and the employee is "
            f"scheduled for {job.hours} hours per week. Overtime is paid at time and a half "
            "but is not guaranteed."
        )
    elif job.basis == "annual":
        paid = rng.choice(("biweekly", "semi-monthly"))
        rate = f"Current base salary is {money(job.rate, dollar=True)} per year, paid {paid}."
    else:
        word = {"biweekly": "bi-weekly", "semimonthly": "semi-monthly", "monthly": "monthly"}[
            job.basis
        ]
        rate = f"Base pay is {money(job.rate, dollar=True)} {word} (salaried, exempt)."
    y = pen.wrap(L, y, rate, R - L, leading=lead) - pen.size * 0.5
    rate_page = pen.page
    hist = _history(rng, job)
    _, base, ot, bonus, comm = hist[0]
    ytd = base + ot + bonus + comm
    more = (
        f"Year-to-date gross earnings through our last pay date are {money(ytd, dollar=True)}"
        + (f", including {money(ot, dollar=True)} of overtime" if ot else "")
        + "."
    )
    if len(hist) > 1:
        _, b1, o1, bo1, c1 = hist[1]
        more += f" Total {hist[1][0]} earnings were {money(b1 + o1 + bo1 + c1, dollar=True)}"
        more += (
            f" (base {money(b1, dollar=True)}, bonus {money(bo1, dollar=True)})." if bo1 else "."
        )
    y = pen.wrap(L, y, more, R - L, leading=lead) - pen.size * 0.5
    y = (
        pen.wrap(
            L,
            y,
            rng.choice(
                (
                    "Their employment is in good standing and there is no planned end date.",
                    "Let me know if you need the signed form as well.",
                    "We do not provide projections of future bonuses.",
                )
            ),
            R - L,
            leading=lead,
        )
        - pen.size
    )
    y = pen.wrap(
        L, y, rng.choice(("Best regards,", "Thanks,", "Kind regards,")), R - L, leading=lead
    )
    for line in (
        hr.natural(),
        rng.choice(
            ("HR Business Partner", "Payroll & HR Administrator", "People Operations Specialist")
        ),
        employer,
        f"Direct: {phone(rng)} | Fax: {phone(rng)}",
    ):
        pen.text(L, y, line, size=pen.size - 0.5)
        y -= pen.size + 2
    y -= pen.size
    y = (
        pen.wrap(
            L,
            y,
            "CONFIDENTIALITY NOTICE: This e-mail and any attachments are for the sole use of the "
            "intended recipient(s) and may contain confidential information. Any "
            "unauthorized review, "
            "use or distribution is prohibited.",
            R - L,
            size=7.0,
            gray=0.35,
        )
        - pen.size
    )
    with_ssn = rng.random() < 0.6
    quoted = [
        "-----Original Message-----",
        f"From: {proc.natural()} <{proc_mail}>",
        f"Sent: {fmt_date(job.report - timedelta(days=rng.randint(1, 6)), '%m/%d/%Y')}",
        f"To: {hr_mail}",
        f"Subject: VOE request - {job.printed}",
        "",
        f"Hello, {lender} is processing a mortgage application (loan #{digits(rng, 10)}) for "
        f"{job.printed}"
        + (f", SSN XXX-XX-{job.ssn[-4:]}" if with_ssn else "")
        + ". Please confirm "
        "dates of employment, position, current base pay and pay frequency, and YTD and prior-year "
        "earnings broken out by base, overtime and bonus. A signed borrower authorization "
        "is attached.",
        "",
        f"{proc.natural()} | Loan Processor | {lender} | {phone(rng)}",
    ]
    for q in quoted:
        if y < 70:
            pen.text(R, 24, f"{pen.page}/2", size=7, align="right", gray=0.4)
            pen.new_page()
            y = H - 50
        if not q:
            y -= pen.size * 0.6
            continue
        y = pen.wrap(L + 12, y, q, R - L - 12, size=pen.size - 0.5, gray=0.25)
    pen.text(R, 24, f"{pen.page}/{pen.page}", size=7, align="right", gray=0.4)
    pdf = pen.finish()
    return _doc(
        pdf,
        job,
        pen,
        rate_page,
        "Printed e-mail reply from HR in running text; YTD and prior "
        "year earnings, overtime, bonus, HR signer, the lender's quoted request and loan number "
        "are distractors.",
        with_ssn,
        False,
    )


# ---------------------------------------------------------------- layout: staffing agency


def _staffing_assignment(rng: random.Random) -> WildDocument:
    """A staffing agency's assignment verification: the agency is the employer of record, the
    client site a distractor; the hourly pay rate with scheduled hours per week, overtime rate,
    per diem, YTD hours and earnings, prior-year W-2 wages, in a ruled two-column form."""
    agency = company(rng, "staffing")
    job = _job(rng, agency, ("hourly",), style=rng.choice(("natural", "caps", "last_first")))
    job.hours = rng.choice((32, 36, 40, 40, 40, 48))
    job.rate = rng.randint(1500, 6500)
    job.title = rng.choice(
        (
            "Travel RN - Telemetry",
            "Forklift Operator",
            "Accounts Payable Clerk",
            "CNC Machinist",
            "Medical Assistant",
            "Light Industrial Associate",
            "Help Desk Analyst",
        )
    )
    client = company(rng)
    pen = Pen(rng, size=rng.choice((8.5, 9.0, 9.5, 10.0)))
    ds = pick_date_style(rng)
    W, H = pen.width, pen.height
    L = rng.choice((44.0, 54.0))
    R = W - L
    y = H - 48
    pen.text(L, y, agency, bold=True, size=pen.size + 5)
    y -= pen.size + 4
    aa = job.employer_address
    pen.text(
        L,
        y,
        f"{aa.street_line()} | {aa.city_line()} | Verifications {phone(rng)}",
        size=pen.size - 1,
    )
    y -= pen.size * 2.6
    pen.text(
        W / 2,
        y,
        rng.choice(
            (
                "ASSIGNMENT & EMPLOYMENT VERIFICATION",
                "Verification of Employment - Contract Assignment",
            )
        ),
        bold=True,
        size=pen.size + 2,
        align="center",
    )
    y -= pen.size * 2
    pen.text(R, y, f"Date issued: {fmt_date(job.report, ds)}", align="right")
    y -= pen.size * 2
    with_ssn = rng.random() < 0.65
    start = job.report - timedelta(days=rng.randint(20, 300))
    if start < job.hire:
        start = job.hire
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "EMPLOYEE",
            [("Name", job.printed)]
            + ([("SSN (last 4)", f"***-**-{job.ssn[-4:]}")] if with_ssn else [])
            + [
                ("Employee ID", digits(rng, 7)),
                ("Original hire date", fmt_date(job.hire, ds)),
                (
                    "Employment status",
                    rng.choice(("Active - on assignment", "Active", "W-2 Temporary Employee")),
                ),
            ],
        ),
        (
            "CURRENT ASSIGNMENT",
            [
                ("Client / worksite", client),
                ("Position", job.title),
                ("Assignment start", fmt_date(start, ds)),
                (
                    "Expected end",
                    rng.choice(
                        (
                            "Open-ended",
                            "Ongoing",
                            fmt_date(job.report + timedelta(days=rng.randint(30, 200)), ds),
                        )
                    ),
                ),
                ("Shift", rng.choice(("Days 7a-3:30p", "Nights 7p-7a", "2nd shift", "M-F 8-5"))),
            ],
        ),
        (
            "COMPENSATION",
            [
                ("Pay rate (hourly)", money(job.rate, dollar=True)),
                ("Scheduled hours per week", str(job.hours)),
                ("Overtime rate", money(round(job.rate * 1.5), dollar=True)),
                ("Pay frequency", rng.choice(("Weekly", "Weekly (Friday)", "Bi-weekly"))),
            ],
        ),
    ]
    if rng.random() < 0.5:
        sections[2][1].append(
            (
                "Per diem / stipend (non-taxable)",
                f"{money(rng.randint(40000, 140000), dollar=True)} per week",
            )
        )
    hist = _history(rng, job)
    ytd = hist[0][1] + hist[0][2]
    earn_rows = [
        ("YTD gross earnings", money(ytd, dollar=True)),
        ("YTD hours paid", f"{round(ytd / job.rate, 2):,.2f}"),
    ]
    if len(hist) > 1:
        earn_rows.append((f"{hist[1][0]} W-2 wages", money(hist[1][1] + hist[1][2], dollar=True)))
    sections.append(("EARNINGS", earn_rows))
    if rng.random() < 0.5:
        sections[2], sections[3] = sections[3], sections[2]
    rate_page = 1
    for title, rows in sections:
        pen.band(L, y - 3, R - L, pen.size + 6, title)
        y -= pen.size + 10
        for k, v in rows:
            pen.text(L + 6, y, k)
            pen.text(L + 210, y, v, bold=True, width=R - L - 214)
            pen.hline(L, R, y - 4, w=0.25, gray=0.6)
            y -= pen.size + 7
        y -= pen.size
    y = pen.wrap(
        L,
        y,
        f"{agency} is the employer of record and issues the employee's Form W-2. The client "
        f"named above directs the work but does not employ the worker. Assignments may end at the "
        f"client's discretion; hours are not guaranteed.",
        R - L,
        size=pen.size - 1.5,
        italic=True,
    )
    y -= pen.size * 1.5
    ver = make_person(rng)
    pen.text(
        L,
        y,
        f"Verified by: {ver.natural()}, {rng.choice(('Branch Manager', 'Recruiter'))}",
    )
    pen.text(R, y, f"Ref {rng.choice('ABCD')}{digits(rng, 6)}", align="right")
    if rng.random() < 0.3:
        pen.watermark("VERIFIED COPY")
    pdf = pen.finish()
    return _doc(
        pdf,
        job,
        pen,
        rate_page,
        "Staffing agency assignment verification; the agency is the "
        "employer; the client site, overtime rate, per diem, YTD and prior-year wages and the "
        "verifier are distractors.",
        with_ssn,
        False,
    )


_BUILDERS = {
    "employment_data_report": _employment_data_report,
    "lender_request_form": _lender_request_form,
    "gov_salary_memo": _gov_salary_memo,
    "email_printout": _email_printout,
    "staffing_assignment": _staffing_assignment,
}


def build(rng: random.Random, layout: str) -> WildDocument:
    return _BUILDERS[layout](rng)
