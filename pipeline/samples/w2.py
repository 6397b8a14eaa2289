"""Form W-2 layouts: the IRS grid (Copy B + Copy C of one W-2 on a page), a payroll provider's
employee summary, and two different employers' W-2s on one page."""

from __future__ import annotations

import random
from dataclasses import dataclass

from pipeline.domain.model import Address
from pipeline.samples.cast import Job, Member
from pipeline.samples.render import Sheet, fmt_amount, fmt_ssn
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

LAYOUTS = ("irs_grid", "payroll_summary")
TWO_EMPLOYER_LAYOUT = "two_employers"


def _city_line(address: Address, zip_plus4: str | None) -> str:
    zip_code = f"{address.zip}-{zip_plus4}" if zip_plus4 else address.zip
    return f"{address.city}, {address.state} {zip_code}"


@dataclass(frozen=True)
class _Style:
    """Printing choices shared by every copy on one page."""

    ssn_text: str
    commas: bool
    zip_plus4: str | None
    caps: bool
    control: str


def _grid_copy(
    sheet: Sheet, y0: float, member: Member, job: Job, year: int, *, copy_line: str, style: _Style
) -> None:
    ssn_text, commas, zip_plus4 = style.ssn_text, style.commas, style.zip_plus4
    caps, control = style.caps, style.control
    person = member.person
    boxes = job.w2_boxes(year)
    employer = job.employer

    def amt(key: str) -> str:
        return fmt_amount(boxes[key], commas=commas)

    name = person.name.upper() if caps else person.name
    x0, left_w, half = 36.0, 270.0, 135.0
    xr = x0 + left_w
    sheet.cell(x0, y0, 150, 24, "a  Employee's social security number", ssn_text)
    sheet.cell(x0 + 150, y0, 120, 24, "OMB No. 1545-0008", "")
    sheet.cell(
        xr, y0, half, 24, "1  Wages, tips, other compensation", amt("1"), value_align="right"
    )
    sheet.cell(
        xr + half, y0, half, 24, "2  Federal income tax withheld", amt("2"), value_align="right"
    )
    sheet.cell(x0, y0 + 24, left_w, 24, "b  Employer identification number (EIN)", employer.ein)
    sheet.cell(xr, y0 + 24, half, 24, "3  Social security wages", amt("3"), value_align="right")
    sheet.cell(
        xr + half,
        y0 + 24,
        half,
        24,
        "4  Social security tax withheld",
        amt("4"),
        value_align="right",
    )
    sheet.multiline_cell(
        x0,
        y0 + 48,
        left_w,
        60,
        "c  Employer's name, address, and ZIP code",
        [
            employer.name.upper() if caps else employer.name,
            employer.address.street,
            _city_line(employer.address, None),
        ],
    )
    sheet.cell(xr, y0 + 48, half, 24, "5  Medicare wages and tips", amt("5"), value_align="right")
    sheet.cell(
        xr + half, y0 + 48, half, 24, "6  Medicare tax withheld", amt("6"), value_align="right"
    )
    sheet.cell(xr, y0 + 72, half, 36, "7  Social security tips", "")
    sheet.cell(xr + half, y0 + 72, half, 36, "8  Allocated tips", "")
    sheet.cell(x0, y0 + 108, left_w, 24, "d  Control number", control)
    sheet.cell(xr, y0 + 108, half, 24, "9", "")
    sheet.cell(xr + half, y0 + 108, half, 24, "10  Dependent care benefits", "")
    sheet.cell(
        x0,
        y0 + 132,
        left_w,
        24,
        "e  Employee's first name and initial     Last name     Suff.",
        name,
    )
    sheet.cell(xr, y0 + 132, half, 24, "11  Nonqualified plans", "")
    deferral = boxes["12_D"]
    sheet.cell(
        xr + half,
        y0 + 132,
        half,
        24,
        "12a  See instructions for box 12",
        f"D   {fmt_amount(deferral, commas=commas)}" if deferral else "",
    )
    sheet.multiline_cell(
        x0,
        y0 + 156,
        left_w,
        48,
        "f  Employee's address and ZIP code",
        [
            person.address.street.upper() if caps else person.address.street,
            _city_line(person.address, zip_plus4).upper()
            if caps
            else _city_line(person.address, zip_plus4),
        ],
    )
    sheet.cell(
        xr, y0 + 156, half, 48, "13  Statutory employee / Retirement plan", "X" if deferral else ""
    )
    sheet.cell(xr + half, y0 + 156, half, 48, "14  Other", "")
    sheet.cell(x0, y0 + 204, 60, 24, "15  State", employer.address.state)
    sheet.cell(
        x0 + 60,
        y0 + 204,
        210,
        24,
        "Employer's state ID number",
        f"{employer.address.state}{employer.ein.replace('-', '')[:7]}",
    )
    sheet.cell(
        xr, y0 + 204, half, 24, "16  State wages, tips, etc.", amt("16"), value_align="right"
    )
    sheet.cell(
        xr + half, y0 + 204, half, 24, "17  State income tax", amt("17"), value_align="right"
    )
    sheet.text(x0, y0 + 242, "Form", size=7)
    sheet.text(x0 + 20, y0 + 243, "W-2", size=14, bold=True)
    sheet.text(x0 + 56, y0 + 242, "Wage and Tax Statement", size=10, bold=True)
    sheet.text(x0 + 250, y0 + 244, str(year), size=16, bold=True)
    sheet.text(
        x0 + 540,
        y0 + 242,
        "Department of the Treasury—Internal Revenue Service",
        size=6,
        align="right",
    )
    sheet.text(x0, y0 + 254, copy_line, size=7)


def build(
    rng: random.Random, member: Member, *, layout: str, year: int
) -> tuple[bytes, DocumentTruth]:
    person = member.person
    truth = DocumentTruth(doc_type="w2", layout=layout)
    commas = rng.random() < 0.6
    caps = rng.random() < 0.35
    ssn_style = "xmask" if rng.random() < 0.2 else "full"
    ssn_text = fmt_ssn(person.ssn, ssn_style)
    zip_plus4 = f"{rng.randint(1000, 9999)}" if rng.random() < 0.4 else None
    printed_name = person.name.upper() if caps else person.name
    sheet = Sheet(title=f"W-2 {year}")

    jobs = [member.job]
    if layout == "irs_grid":
        style = _Style(ssn_text, commas, zip_plus4, caps, f"{rng.randint(0, 999999):06d}")
        _grid_copy(
            sheet,
            30,
            member,
            member.job,
            year,
            copy_line="Copy B—To Be Filed With Employee's FEDERAL Tax Return.",
            style=style,
        )
        sheet.hline(36, 576, 300, line=0.3)
        sheet.text(306, 306, "- - - cut here - - -", size=6, align="center")
        _grid_copy(
            sheet,
            320,
            member,
            member.job,
            year,
            copy_line="Copy C—For EMPLOYEE'S RECORDS (See Notice to Employee on the back.)",
            style=style,
        )
        truth.notes.append("Copy B and Copy C of the same W-2 on one page (counted once)")
    elif layout == TWO_EMPLOYER_LAYOUT:
        assert member.side_job is not None
        jobs = [member.job, member.side_job]
        style = _Style(ssn_text, commas, zip_plus4, caps, "")
        for y0, job in ((30, member.job), (320, member.side_job)):
            _grid_copy(
                sheet,
                y0,
                member,
                job,
                year,
                copy_line="Copy B—To Be Filed With Employee's FEDERAL Tax Return.",
                style=style,
            )
        sheet.hline(36, 576, 300, line=0.3)
        truth.notes.append("two different employers' W-2s on one page (two income records)")
    else:
        _payroll_summary(
            sheet,
            rng,
            member,
            year,
            ssn_text=ssn_text,
            commas=commas,
            zip_plus4=zip_plus4,
            caps=caps,
        )

    truth.add_borrower(TruthBorrower(printed_name, person.ssn_last4, person.address))
    for job in jobs:
        truth.income_records.append(
            TruthIncome(
                borrower=printed_name,
                amount=job.w2_boxes(year)["1"],
                period="annual",
                year=year,
                source_type="w2",
                employer=job.employer.name,
                page=1,
            )
        )
    return sheet.finish(), truth


def _payroll_summary(
    sheet: Sheet,
    rng: random.Random,
    member: Member,
    year: int,
    *,
    ssn_text: str,
    commas: bool,
    zip_plus4: str | None,
    caps: bool,
) -> None:
    person, job = member.person, member.job
    employer = job.employer
    boxes = job.w2_boxes(year)
    sheet.text(36, 50, employer.name, size=13, bold=True)
    sheet.text(576, 50, f"{year} W-2 and Earnings Summary", size=12, bold=True, align="right")
    sheet.text(
        576, 64, "Employee Reference Copy — Form W-2 Wage and Tax Statement", size=8, align="right"
    )
    sheet.hline(36, 576, 74, line=1)
    name = person.name.upper() if caps else person.name
    sheet.text(36, 96, "EMPLOYEE", size=8, bold=True)
    sheet.lines(
        36,
        110,
        [
            name,
            person.address.street,
            _city_line(person.address, zip_plus4),
        ],
    )
    sheet.text(36, 150, "Employee SSN:", size=9, bold=True)
    sheet.text(110, 150, ssn_text)
    sheet.text(320, 96, "EMPLOYER", size=8, bold=True)
    sheet.lines(
        320, 110, [employer.name, employer.address.street, _city_line(employer.address, None)]
    )
    sheet.text(320, 150, "Employer EIN:", size=9, bold=True)
    sheet.text(394, 150, employer.ein)

    rows = [
        ("1", "Wages, tips, other comp.", boxes["1"]),
        ("2", "Federal income tax withheld", boxes["2"]),
        ("3", "Social security wages", boxes["3"]),
        ("4", "Social security tax withheld", boxes["4"]),
        ("5", "Medicare wages and tips", boxes["5"]),
        ("6", "Medicare tax withheld", boxes["6"]),
    ]
    if boxes["12_D"]:
        rows.append(("12a", "Code D - 401(k) elective deferrals", boxes["12_D"]))
    rows += [
        ("16", f"State wages, tips, etc. ({employer.address.state})", boxes["16"]),
        ("17", "State income tax", boxes["17"]),
    ]
    amount_first = rng.random() < 0.5
    y = 185
    sheet.shade(36, y - 11, 540, 15)
    if amount_first:
        sheet.text(40, y, "Amount", bold=True)
        sheet.text(150, y, "Box", bold=True)
        sheet.text(190, y, "Description", bold=True)
    else:
        sheet.text(40, y, "Box", bold=True)
        sheet.text(80, y, "Description", bold=True)
        sheet.text(572, y, "Amount", bold=True, align="right")
    y += 18
    for box, label, value in rows:
        text = fmt_amount(value, commas=commas, dollar=not commas)
        if amount_first:
            sheet.text(130, y, text, align="right")
            sheet.text(150, y, f"Box {box}")
            sheet.text(190, y, label)
        else:
            sheet.text(40, y, f"Box {box}")
            sheet.text(80, y, label)
            sheet.text(572, y, text, align="right")
        sheet.hline(36, 576, y + 4, line=0.2)
        y += 17
    y += 20
    sheet.lines(
        36,
        y,
        [
            "This summary reports the amounts shown on your Form W-2. Box 1 excludes pre-tax",
            "deductions such as 401(k) elective deferrals; boxes 3 and 5 include them.",
            f"Keep this copy for your records. Tax year {year}.",
        ],
        size=8,
        leading=10,
    )
