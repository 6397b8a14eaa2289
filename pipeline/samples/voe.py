"""Verification of employment: a letter from HR (salaried or hourly wording) or a form in the
style of Fannie Mae Form 1005. Truth is the annual base pay: the salary, or the hourly rate x
hours per week x 52."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from pipeline.samples.cast import Member, money
from pipeline.samples.render import Sheet, fmt_amount, fmt_date, fmt_ssn
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

LAYOUTS = ("letter", "form_1005")
_SIGNERS = ("Patricia Moreno", "Derek Hollis", "Anjali Mehta", "Colin Fitzgerald")
_LENDERS = ("Blue Ridge Mortgage Co.", "Keystone Home Lending", "Evergreen Mortgage Partners")


def annual_base(member: Member) -> Decimal:
    job = member.job
    if job.hourly_rate is not None and job.hours_per_week is not None:
        return money(job.hourly_rate * job.hours_per_week * 52)
    return job.annual_salary


def build(
    rng: random.Random, member: Member, *, layout: str, year: int
) -> tuple[bytes, DocumentTruth]:
    person, job = member.person, member.job
    employer = job.employer
    letter_date = date(year, rng.randint(1, 11), rng.randint(1, 28))
    hourly = job.hourly_rate is not None and job.hours_per_week is not None
    commas = rng.random() < 0.8
    signer = rng.choice(_SIGNERS)
    s = Sheet(title="Verification of Employment")
    show_ssn = layout == "form_1005" and rng.random() < 0.6
    name = person.name

    if layout == "letter":
        s.text(306, 50, employer.name, size=15, bold=True, align="center")
        s.text(
            306,
            64,
            f"{employer.address.street} · {employer.address.city}, "
            f"{employer.address.state} {employer.address.zip} · {employer.phone}",
            size=8,
            align="center",
        )
        s.hline(72, 540, 72, line=1)
        s.text(72, 110, fmt_date(letter_date, "long"))
        s.lines(72, 140, ["To Whom It May Concern:"])
        s.text(72, 170, f"RE: Verification of Employment for {name}", bold=True)
        he = rng.choice(("They", "The employee"))
        hire = fmt_date(job.hire_date, rng.choice(("long", "us")))
        body = [
            f"This letter confirms that {name} has been employed by {employer.name}",
            f"since {hire}, and currently holds the position of {job.title}.",
            "Employment status: full-time, active."
            if not hourly or (job.hours_per_week and job.hours_per_week >= 35)
            else "Employment status: part-time, active.",
        ]
        if hourly:
            assert job.hourly_rate is not None and job.hours_per_week is not None
            body += [
                f"{he} {'are' if he == 'They' else 'is'} paid an hourly rate of "
                f"{fmt_amount(job.hourly_rate, dollar=True)} and {'are' if he == 'They' else 'is'}"
                f" regularly scheduled",
                f"for {job.hours_per_week.normalize():f} hours per week.",
            ]
        else:
            wording = rng.choice(
                (
                    "{who} current annual base salary is {amount}.",
                    "{who} base salary is {amount} per year.",
                )
            )
            body.append(
                wording.format(
                    who="Their" if he == "They" else "The employee's",
                    amount=fmt_amount(job.annual_salary, commas=commas, dollar=True),
                )
            )
        body += [
            "",
            "Bonus and overtime are not guaranteed. Please contact our Human Resources",
            f"department at {employer.phone} with any questions.",
        ]
        y = s.lines(72, 200, body, size=10, leading=15)
        s.lines(
            72,
            y + 30,
            [
                "Sincerely,",
                "",
                "",
                signer,
                rng.choice(
                    (
                        "Human Resources Manager",
                        "Payroll Administrator",
                        "Director of People Operations",
                    )
                ),
                employer.name,
            ],
            size=10,
            leading=13,
        )
    else:
        s.text(
            306, 44, "Request for Verification of Employment", size=14, bold=True, align="center"
        )
        s.text(306, 58, "Part I — Request", size=9, bold=True, align="center")
        lender = rng.choice(_LENDERS)
        s.multiline_cell(
            36,
            70,
            270,
            56,
            "1. To (Name and address of employer)",
            [
                employer.name,
                employer.address.street,
                f"{employer.address.city}, {employer.address.state} {employer.address.zip}",
            ],
        )
        s.multiline_cell(
            306,
            70,
            270,
            56,
            "2. From (Name and address of lender)",
            [lender, "Loan Processing Department"],
        )
        s.cell(
            36,
            126,
            270,
            28,
            "7. Name and Address of Applicant (include employee or badge number)",
            name,
        )
        s.cell(
            306,
            126,
            270,
            28,
            "Applicant's Social Security Number",
            fmt_ssn(person.ssn, "xmask") if show_ssn else "",
        )
        s.text(
            306,
            172,
            "Part II — Verification of Present Employment",
            size=9,
            bold=True,
            align="center",
        )
        s.cell(36, 182, 180, 28, "9. Applicant's Date of Employment", fmt_date(job.hire_date, "us"))
        s.cell(216, 182, 180, 28, "10. Present Position", job.title)
        s.cell(396, 182, 180, 28, "11. Probability of Continued Employment", "Good")
        amount = job.hourly_rate if hourly else job.annual_salary
        assert amount is not None
        s.box(36, 210, 540, 60)
        s.text(40, 219, "12A. Current Gross Base Pay (Enter Amount and Check Period)", size=6.5)
        s.text(44, 238, fmt_amount(amount, commas=commas, dollar=True), size=10)
        x = 180.0
        for period in ("Annual", "Monthly", "Weekly", "Hourly", "Other (Specify)"):
            checked = (period == "Hourly") if hourly else (period == "Annual")
            s.box(x, 231, 8, 8)
            if checked:
                s.text(x + 1.5, 238, "X", size=8, bold=True)
            s.text(x + 11, 238, period, size=8)
            x += 70
        hours = f"{job.hours_per_week.normalize():f}" if hourly and job.hours_per_week else ""
        s.cell(36, 270, 270, 28, "12B. Average Hours Per Week", hours or "40")
        s.cell(306, 270, 270, 28, "13. Type of Employment", "Full-time")
        s.text(306, 316, "Part III — Authorized Signature", size=9, bold=True, align="center")
        s.cell(36, 326, 270, 30, "26. Signature of Employer", "")
        s.cell(306, 326, 170, 30, "27. Title (Please print or type)", "HR Manager")
        s.cell(476, 326, 100, 30, "28. Date", fmt_date(letter_date, "us"))
        s.cell(36, 356, 270, 30, "29. Print or type name signed in Item 26", signer)
        s.cell(306, 356, 270, 30, "30. Phone No.", employer.phone)

    truth = DocumentTruth(doc_type="voe", layout=f"{layout}_{'hourly' if hourly else 'salary'}")
    truth.add_borrower(TruthBorrower(name, person.ssn_last4 if show_ssn else None, None))
    truth.income_records.append(
        TruthIncome(
            borrower=name,
            amount=annual_base(member),
            period="annual",
            year=letter_date.year,
            source_type="voe",
            employer=employer.name,
            page=1,
        )
    )
    if hourly:
        truth.notes.append("hourly: amount = rate x hours per week x 52 (not printed)")
    return s.finish(), truth
