"""Uniform Residential Loan Applications (Fannie Mae Form 1003 / Freddie Mac Form 65) in
randomized layouts.

Families:

* ``form_1003/urla-2021``: the current URLA. Section 1 per borrower (1a personal information,
  1b current employment with its "Gross Monthly Income" Base / Overtime / Bonus / Commission /
  Military Entitlements / Other / TOTAL, 1c an additional employment, 1d a previous one, 1e
  income from other sources); a co-borrower is named in "List Name(s) of Other Borrower(s)"
  and, usually, fills an "Additional Borrower" Section 1 of their own. Fields are printed the
  way a browser fills the fillable PDF (values beside their labels) or boxed, as lenders'
  systems print it (captions over values); the income figures sit in a column beside the
  employer, in a row of boxes, or in a list under it. A last page may carry the loan and
  property information, the signatures with their dates and the loan originator.
* ``form_1003/urla-classic``: the pre-2021 1003: sections I-V with Borrower and Co-Borrower
  side by side (boxed, or each field beside its caption as some systems print it), "Name &
  Address of Employer", previous employers with "Dates (from - to)" and "Monthly Income",
  and the "Gross Monthly Income" table (Base Empl. Income / Overtime / Bonuses / Commissions
  / ... / Total by Borrower, Co-Borrower and Total) beside the "Combined Monthly Housing
  Expense" table; sometimes section IX's signatures and the loan originator.

Distractors: the printed TOTAL (often not computed: 0.00), bonus, overtime, commission and
military figures, a self-employed business's "Monthly Income (or Loss)", previous employers'
monthly income, other income, rent and housing expense, the loan amount, the subject
property's and a former address, dates of birth, start dates and the loan originator.

Truth: every applicant (name; SSN last four and current address where printed); one income
per current employment whose monthly base is printed (``monthly``, ``form_1003``, employer =
that employment's employer), year of the borrower's signature date when one is printed, else
null.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from pipeline.domain.model import Address
from pipeline.samples.randomized import people
from pipeline.samples.randomized.blocks import Drawn, done, margins, new_sheet
from pipeline.samples.randomized.draw import PAGE_HEIGHT, Sheet, form_cell
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import Spec, fmt_ssn, money
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = ("form_1003/urla-2021", "form_1003/urla-classic")

SOURCE = "form_1003"
OTHER_SOURCES = (
    "Alimony", "Child Support", "Social Security", "Retirement", "Disability",
    "Interest and Dividends", "Trust", "VA Compensation", "Separate Maintenance",
    "Royalty Payments",
)  # fmt: skip


@dataclass
class Job:
    """A current employment (or business) and its monthly income as printed."""

    employer: Organisation
    title: str
    start: date
    base: Decimal | None  # None: not printed (a business owner reporting only a profit)
    overtime: Decimal
    bonus: Decimal
    commission: Decimal
    military: Decimal
    other: Decimal
    self_employed: bool
    business_income: Decimal | None  # "Monthly Income (or Loss)" of a business owner
    total_printed: Decimal | None  # what the TOTAL line shows (0.00 when not computed)
    years_in_line: int
    months_in_line: int

    @property
    def total(self) -> Decimal:
        parts = [self.base or Decimal(0), self.overtime, self.bonus, self.commission]
        return money(sum(parts, Decimal(0)) + self.military + self.other)


@dataclass
class PreviousJob:
    employer: Organisation
    title: str
    start: date
    end: date
    monthly: Decimal


@dataclass
class Applicant:
    who: Person
    dob: date
    jobs: list[Job]
    previous: list[PreviousJob]
    other_income: list[tuple[str, Decimal]]
    marital: str
    dependents: list[int]
    home_phone: str
    years_at_address: int
    former: Person | None  # someone at the former address (its address is the distractor)
    housing: str  # "own" | "rent" | "none"
    rent: Decimal


@dataclass
class Application:
    borrower: Applicant
    co: Applicant | None
    co_own_section: bool  # the co-borrower's own Section 1 is printed (URLA 2021)
    signed: date | None
    loan_amount: Decimal
    rate: str
    property_address: Address
    originator: Person
    originator_org: Organisation
    lender_loan_no: str
    agency_case_no: str
    today: date
    income_pages: dict[str, int] = field(default_factory=dict)  # truth name|employer -> page


def _monthly(rng: random.Random, low: int, high: int) -> Decimal:
    whole = Decimal(rng.randint(low, high))
    return money(whole if rng.random() < 0.45 else whole + Decimal(rng.randint(1, 99)) / 100)


def _job(rng: random.Random, started_before: date, *, primary: bool) -> Job:
    self_employed = rng.random() < 0.12
    start = started_before - timedelta(days=rng.randint(120, 7000))
    base: Decimal | None = _monthly(rng, 2200, 18000) if primary else _monthly(rng, 600, 4500)
    business_income = None
    if self_employed:
        business_income = base if base is not None and rng.random() < 0.5 else None
        business_income = business_income or _monthly(rng, 1500, 15000)
        if rng.random() < 0.45:
            base = None
    overtime = _monthly(rng, 150, 2500) if rng.random() < 0.3 else Decimal(0)
    bonus = _monthly(rng, 200, 3000) if rng.random() < 0.35 else Decimal(0)
    commission = _monthly(rng, 200, 4000) if rng.random() < 0.15 else Decimal(0)
    military = _monthly(rng, 300, 2500) if rng.random() < 0.1 else Decimal(0)
    other = _monthly(rng, 100, 1200) if rng.random() < 0.1 else Decimal(0)
    job = Job(
        employer=people.company(rng),
        title=people.job_title(rng) if not self_employed else rng.choice(("Owner", "President")),
        start=start,
        base=base,
        overtime=overtime,
        bonus=bonus,
        commission=commission,
        military=military,
        other=other,
        self_employed=self_employed,
        business_income=business_income,
        total_printed=None,
        years_in_line=rng.randint(1, 25),
        months_in_line=rng.randint(0, 11),
    )
    roll = rng.random()
    job.total_printed = Decimal(0) if roll < 0.3 else (None if roll < 0.4 else job.total)
    return job


def _applicant(rng: random.Random, who: Person, today: date, *, jobs: int) -> Applicant:
    first = _job(rng, today, primary=True)
    found = [first]
    if jobs > 1:
        found.append(_job(rng, today, primary=False))
    previous = []
    if rng.random() < 0.35:
        end = min(first.start, today) - timedelta(days=rng.randint(1, 60))
        previous.append(
            PreviousJob(
                employer=people.company(rng),
                title=people.job_title(rng),
                start=end - timedelta(days=rng.randint(300, 3000)),
                end=end,
                monthly=_monthly(rng, 2000, 12000),
            )
        )
    other_income = [
        (src, _monthly(rng, 150, 2500))
        for src in rng.sample(OTHER_SOURCES, k=rng.choice((0, 0, 0, 1, 1, 2)))
    ]
    years = rng.choice((0, 1, 1, 2, 3, 4, 6, 9, 12))
    return Applicant(
        who=who,
        dob=date(rng.randint(1955, 2000), rng.randint(1, 12), rng.randint(1, 28)),
        jobs=found,
        previous=previous,
        other_income=other_income,
        marital=rng.choice(("Married", "Married", "Unmarried", "Separated")),
        dependents=sorted(rng.randint(1, 17) for _ in range(rng.choice((0, 0, 1, 2, 3)))),
        home_phone=people.phone(rng),
        years_at_address=years,
        former=people.person(rng) if years < 2 else None,
        housing=rng.choice(("own", "own", "rent", "none")),
        rent=money(Decimal(rng.randint(700, 3200))),
    )


def _facts(rng: random.Random, family: str) -> Application:
    today = date(rng.choice((2019, 2020, 2021, 2022, 2023, 2024)), rng.randint(1, 11), 1)
    today += timedelta(days=rng.randint(0, 27))
    borrower_person = people.person(rng)
    co_person = None
    if rng.random() < 0.45:
        co_person = (
            people.spouse_of(rng, borrower_person) if rng.random() < 0.8 else people.person(rng)
        )
    several = family == "form_1003/urla-2021"
    borrower = _applicant(
        rng, borrower_person, today, jobs=2 if several and rng.random() < 0.3 else 1
    )
    co = None
    if co_person is not None:
        co = _applicant(rng, co_person, today, jobs=2 if several and rng.random() < 0.2 else 1)
    prop, _unit = people.street_address(rng)
    return Application(
        borrower=borrower,
        co=co,
        co_own_section=co is not None and rng.random() < 0.75,
        signed=today if rng.random() < 0.45 else None,
        loan_amount=money(Decimal(rng.randint(60, 900) * 1000)),
        rate=f"{rng.randint(3, 7)}.{rng.choice(('000', '125', '250', '375', '500', '875'))}",
        property_address=prop,
        originator=people.person(rng),
        originator_org=people.company(rng),
        lender_loan_no=people.digits(rng, 10),
        agency_case_no=f"{people.digits(rng, 3)}-{people.digits(rng, 7)}",
        today=today,
    )


# --- a form's rows of fields -------------------------------------------------------------------


@dataclass(frozen=True)
class _F:
    """One field of a row: its caption, the value lines printed for it, its share of the row."""

    label: str
    values: tuple[str, ...] = ()
    share: float = 1.0
    under: bool = False  # beside-mode: the value goes on the line under the caption


@dataclass
class _Form:
    """Draws rows of fields either beside-style (``Label value`` on one line, as a browser
    fills the fillable PDF) or boxed (a caption in the corner of a ruled box, the value under
    it, as lenders' systems print the form)."""

    sheet: Sheet
    spec: Spec
    x: float
    width: float
    boxed: bool
    ls: float  # caption size
    vs: float  # value size

    def row(
        self, y: float, fields: Sequence[_F], *, x: float | None = None, width: float | None = None
    ) -> float:
        """Draw one row of fields at ``y``; returns the y below it."""
        left = self.x if x is None else x
        room = self.width if width is None else width
        total = sum(f.share for f in fields)
        lines = max([len(f.values) for f in fields] + [1])
        if self.boxed:
            captions = 1
            for f in fields:
                cell = room * f.share / total
                if self.sheet.width(f.label, self.ls) > cell - 4:
                    captions = 2
            height = self.ls * 1.1 * captions + 4 + self.vs * 1.15 * lines + 2
            at = left
            for f in fields:
                cell = room * f.share / total
                form_cell(
                    self.sheet,
                    at,
                    y,
                    cell,
                    height,
                    f.label,
                    list(f.values),
                    label_size=self.ls,
                    value_size=self.vs,
                )
                at += cell
            return y + height
        step = max(self.ls, self.vs) * 1.3
        baseline = y + max(self.ls, self.vs)
        deepest = baseline
        at = left
        for f in fields:
            cell = room * f.share / total
            drawn = self.sheet.text(
                at,
                baseline,
                f.label,
                size=self.ls,
                bold=self.spec.label_bold,
                max_width=cell - 6,
            )
            if f.under:
                for n, value in enumerate(f.values):
                    line_y = baseline + (n + 1) * self.vs * 1.2
                    self.sheet.text(at + 2, line_y, value, size=self.vs, max_width=cell - 8)
                    deepest = max(deepest, line_y)
            else:
                gap = self.vs * 0.6
                for n, value in enumerate(f.values):
                    line_y = baseline + n * self.vs * 1.2
                    self.sheet.text(
                        at + drawn + gap,
                        line_y,
                        value,
                        size=self.vs,
                        max_width=max(10.0, cell - drawn - gap - 6),
                    )
                    deepest = max(deepest, line_y)
            at += cell
        return deepest + step - max(self.ls, self.vs) + 3

    def bar(self, y: float, title: str, *, right: str = "", size: float | None = None) -> float:
        """A shaded section title across the form; returns the y below it."""
        size = size or self.ls + 2
        height = size * 1.6
        self.sheet.rect(self.x, y, self.width, height, fill=0.85, stroke=False)
        self.sheet.text(
            self.x + 4,
            y + height * 0.72,
            title,
            size=size,
            bold=True,
            max_width=self.width * (0.7 if right else 0.96),
        )
        if right:
            self.sheet.checkbox(
                self.x + self.width * 0.8, y + height * 0.72, checked=False, size=size * 0.8
            )
            self.sheet.text(
                self.x + self.width * 0.8 + size, y + height * 0.72, right, size=size - 1
            )
        return y + height + 3

    def ticks(
        self, x: float, y: float, options: Sequence[tuple[str, bool]], *, size: float | None = None
    ) -> float:
        """Tick boxes with their options left to right; returns the x after the last."""
        size = size or self.ls
        for label, checked in options:
            self.sheet.checkbox(x, y, checked=checked, size=size * 0.9)
            self.sheet.text(x + size * 1.3, y, label, size=size)
            x += size * 2.9 + self.sheet.width(label, size)
        return x


def _amount(spec: Spec, value: Decimal, *, dollar_printed: bool) -> str:
    style = spec.money_style
    if dollar_printed and style == "dollar":
        style = "comma"
    return spec.amount(value, style)


def _blank_or(spec: Spec, value: Decimal, *, dollar_printed: bool) -> str:
    return _amount(spec, value, dollar_printed=dollar_printed) if value else ""


def _ssn(spec: Spec, ssn: str) -> str:
    if spec.ssn_style == "full" and spec.chance(0.4):
        return f"{ssn[:3]} \u2013 {ssn[3:5]} \u2013 {ssn[5:]}"
    return fmt_ssn(ssn, spec.ssn_style)


def _name(spec: Spec, who: Person, *, classic: bool) -> str:
    styles = (
        ("natural", "upper", "last_first", "last_first_upper") if classic else ("natural", "upper")
    )
    return spec.name(who, spec.word("name-style", styles))


def _city_zip(address: Address) -> str:
    return f"{address.city}, {address.state} {address.zip}"


def _footer_2021(sheet: Sheet, form: _Form, page_of: str, name_line: str | None) -> None:
    y = PAGE_HEIGHT - 58
    size = 6.5
    if name_line is not None:
        sheet.text(
            form.x,
            y - 12,
            f"Borrower Name: {name_line}",
            size=size + 0.5,
            max_width=form.width * 0.6,
        )
    sheet.text(form.x, y, "Uniform Residential Loan Application", size=size)
    sheet.text(form.x, y + 8, "Freddie Mac Form 65 \u2022 Fannie Mae Form 1003", size=size)
    sheet.text(form.x, y + 16, "Effective 1/2021", size=size)
    sheet.text(form.x + form.width, y + 16, page_of, size=size, align="right")


# --- URLA 2021 --------------------------------------------------------------------------------

_GMI_LABELS = {
    "base": ("Base", "Base Income", "Base Pay"),
    "overtime": ("Overtime",),
    "bonus": ("Bonus",),
    "commission": ("Commission",),
    "military": ("Military Entitlements",),
    "other": ("Other",),
    "total": ("TOTAL", "Total"),
}


def _gmi_rows(spec: Spec, job: Job | None) -> list[tuple[str, Decimal | None]]:
    """The Gross Monthly Income lines of one employment: (label, figure or None if blank)."""
    rows: list[tuple[str, Decimal | None]] = []
    for key in ("base", "overtime", "bonus", "commission", "military", "other", "total"):
        label = spec.word(f"gmi-{key}", _GMI_LABELS[key])
        if job is None:
            rows.append((label, None))
            continue
        value: Decimal | None
        if key == "base":
            value = job.base
        elif key == "total":
            value = job.total_printed
        else:
            value = getattr(job, key) or None
        rows.append((label, value))
    return rows


def _gmi_column(form: _Form, job: Job | None, x: float, y: float, width: float) -> float:
    """Gross Monthly Income as a column of ``Label $ figure /month`` lines; returns its bottom."""
    sheet, spec = form.sheet, form.spec
    size = form.vs
    step = max(form.ls, size) * 1.45
    sheet.text(
        x,
        y + form.ls,
        spec.word("gmi-title", ("Gross Monthly Income", "Gross Monthly Income (per month)")),
        size=form.ls,
        bold=spec.label_bold,
        max_width=width,
    )
    glued = spec.chance(0.3)
    line_y = y + form.ls + step
    for label, value in _gmi_rows(spec, job):
        sheet.text(x, line_y, label, size=form.ls, bold=spec.label_bold, max_width=width * 0.45)
        sheet.text(x + width * 0.47, line_y, "$", size=size)
        month = "/month"
        month_w = sheet.width(month, form.ls)
        figure = _amount(spec, value, dollar_printed=True) if value is not None else ""
        if glued and figure:
            sheet.text(
                x + width - 2,
                line_y,
                figure + month,
                size=size,
                align="right",
                max_width=width * 0.48,
            )
        else:
            sheet.text(x + width - 2, line_y, month, size=form.ls, align="right")
            if figure:
                sheet.text(
                    x + width - 2 - month_w - 3,
                    line_y,
                    figure,
                    size=size,
                    align="right",
                    max_width=width * 0.46 - month_w,
                )
        line_y += step
    return line_y


def _gmi_boxes(form: _Form, job: Job | None, y: float) -> float:
    """Gross Monthly Income as a row of boxes under a caption; returns the y below."""
    sheet, spec = form.sheet, form.spec
    sheet.text(
        form.x,
        y + form.ls,
        spec.word("gmi-title", ("Gross Monthly Income", "Gross Monthly Income ($/month)")),
        size=form.ls,
        bold=True,
    )
    fields = []
    for label, value in _gmi_rows(spec, job):
        printed = _amount(spec, value, dollar_printed=False) if value is not None else ""
        fields.append(_F(label, (printed,) if printed else (), 1.3 if "Military" in label else 1))
    boxed = _Form(sheet, spec, form.x, form.width, True, form.ls, form.vs)
    return boxed.row(y + form.ls + 3, fields)


def _self_employed(form: _Form, job: Job | None, y: float, width: float) -> float:
    sheet, spec = form.sheet, form.spec
    size = form.ls
    owner = job is not None and job.self_employed
    sheet.checkbox(form.x, y + size, checked=owner, size=size * 0.9)
    sheet.text(form.x + size * 1.4, y + size, "Check if you are the Business", size=size)
    sheet.text(form.x + size * 1.4, y + size * 2.2, "Owner or Self-Employed", size=size)
    share_x = form.x + width * 0.3
    big = owner and job is not None and spec.chance(0.6)
    sheet.checkbox(share_x, y + size, checked=owner and not big, size=size * 0.9)
    sheet.text(
        share_x + size * 1.3,
        y + size,
        "I have an ownership share of less than 25%.",
        size=size,
        max_width=width * 0.42,
    )
    sheet.checkbox(share_x, y + size * 2.2, checked=big, size=size * 0.9)
    sheet.text(
        share_x + size * 1.3,
        y + size * 2.2,
        "I have an ownership share of 25% or more.",
        size=size,
        max_width=width * 0.42,
    )
    income_x = form.x + width * 0.76
    sheet.text(income_x, y + size, "Monthly Income (or Loss)", size=size, max_width=width * 0.24)
    figure = (
        _amount(spec, job.business_income, dollar_printed=True)
        if job is not None and job.business_income is not None
        else ""
    )
    sheet.text(income_x, y + size * 2.3, "$", size=form.vs)
    if figure:
        sheet.text(
            income_x + form.vs,
            y + size * 2.3,
            figure,
            size=form.vs,
            max_width=width * 0.24 - form.vs,
        )
    return y + size * 3.2


def _employment_2021(
    form: _Form, job: Job | None, y: float, *, heading: str, arrangement: str
) -> tuple[float, int]:
    """One employment block (1b or 1c); returns the y below it and the page it is on."""
    sheet, spec = form.sheet, form.spec
    y = form.bar(y, heading, right="Does not apply" if job is None else "")
    left_width = form.width * (0.68 if arrangement == "column" else 1.0)
    org = job.employer if job is not None else None
    address = org.address if org is not None else None
    employer_label = spec.word(
        "employer-label",
        ("Employer or Business Name", "Employer or Business Name", "Employer Name"),
    )
    name = org.name if org is not None else ""
    if org is not None and spec.chance(0.25):
        name = name.upper()

    def vals(*texts: str) -> tuple[str, ...]:
        return tuple(t for t in texts if t)

    top = y
    sub = _Form(sheet, spec, form.x, left_width, form.boxed, form.ls, form.vs)
    y = sub.row(
        y,
        [
            _F(employer_label, vals(name), 0.64),
            _F("Phone", vals(org.phone if org else ""), 0.36),
        ],
    )
    y = sub.row(
        y,
        [
            _F("Street", vals(address.street if address else ""), 0.7),
            _F("Unit #", (), 0.3),
        ],
    )
    y = sub.row(
        y,
        [
            _F("City", vals(address.city if address else ""), 0.4),
            _F("State", vals(address.state if address else ""), 0.16),
            _F("ZIP", vals(address.zip if address else ""), 0.2),
            _F("Country", vals("USA" if address else ""), 0.24),
        ],
    )
    title_label = spec.word(
        "title-label", ("Position or Title", "Position or Title", "Position/Title")
    )
    y = sub.row(y, [_F(title_label, vals(job.title if job else ""), 1.0)])
    start = spec.date(job.start) if job is not None else ""
    if job is not None and spec.date_style == "mdy" and spec.chance(0.5):
        start = f"{job.start:%m} / {job.start:%d} / {job.start:%Y}"
    line_of_work = f"{job.years_in_line} Years {job.months_in_line} Months" if job else ""
    y = sub.row(
        y,
        [
            _F(
                spec.word("start-label", ("Start Date", "Start Date (mm/dd/yyyy)")),
                vals(start),
                0.5,
            ),
            _F("How long in this line of work?", vals(line_of_work), 0.5),
        ],
    )
    sheet.checkbox(form.x, y + form.ls, checked=False, size=form.ls * 0.9)
    sheet.text(
        form.x + form.ls * 1.4,
        y + form.ls,
        "I am employed by a family member, property seller, real estate agent,",
        size=form.ls,
        max_width=left_width - form.ls * 2,
    )
    sheet.text(
        form.x + form.ls * 1.4,
        y + form.ls * 2.2,
        "or other party to the transaction.",
        size=form.ls,
        max_width=left_width - form.ls * 2,
    )
    y += form.ls * 3
    y = _self_employed(form, job, y, left_width)
    if arrangement == "column":
        right_x = form.x + left_width + form.width * 0.02
        bottom = _gmi_column(form, job, right_x, top, form.x + form.width - right_x)
        y = max(y, bottom)
    elif arrangement == "boxes":
        y = _gmi_boxes(form, job, y + 2)
    else:
        bottom = _gmi_column(form, job, form.x, y + 2, min(form.width * 0.5, 230.0))
        y = bottom
    return y + 4, sheet.page


def _personal_2021(
    form: _Form, app: Application, person: Applicant, y: float, others: list[str]
) -> float:
    sheet, spec = form.sheet, form.spec
    y = form.bar(y, "1a. Personal Information")
    name = _name(spec, person.who, classic=False)
    under = not form.boxed and spec.chance(0.6)
    y = form.row(
        y,
        [
            _F("Name (First, Middle, Last, Suffix)", (name,), 0.55, under=under),
            _F("Social Security Number", (_ssn(spec, person.who.ssn),), 0.45),
        ],
    )
    dob = f"{person.dob:%m/%d/%Y}"
    y = form.row(
        y,
        [
            _F("Alternate Names \u2013 List any names by which you are known", (), 0.55),
            _F("Date of Birth (mm/dd/yyyy)", (dob,), 0.45, under=True),
        ],
    )
    # type of credit and the other borrowers
    sheet.text(form.x, y + form.ls, "Type of Credit", size=form.ls, bold=spec.label_bold)
    joint = bool(others)
    form.ticks(form.x + 4, y + form.ls * 2.4, [("I am applying for individual credit.", not joint)])
    form.ticks(form.x + 4, y + form.ls * 3.7, [("I am applying for joint credit.", joint)])
    if joint:
        sheet.text(
            form.x + form.width * 0.3,
            y + form.ls * 3.7,
            f"Total Number of Borrowers: {len(others) + 1}",
            size=form.ls,
        )
    right = form.x + form.width * 0.55
    sheet.text(
        right,
        y + form.ls,
        "List Name(s) of Other Borrower(s) Applying for this Loan",
        size=form.ls,
        bold=spec.label_bold,
        max_width=form.width * 0.44,
    )
    sheet.text(
        right,
        y + form.ls * 2.2,
        "(First, Middle, Last, Suffix) \u2013 Use a separator between names",
        size=form.ls - 0.5,
        max_width=form.width * 0.44,
    )
    if others:
        sep = spec.word("name-separator", ("; ", " / ", ", "))
        sheet.text(
            right + 2,
            y + form.ls * 2.2 + form.vs * 1.4,
            sep.join(others),
            size=form.vs,
            max_width=form.width * 0.43,
        )
    y += form.ls * 3.7 + form.vs + 4
    # marital status, dependents, contact information
    sheet.text(form.x, y + form.ls, "Marital Status", size=form.ls, bold=spec.label_bold)
    for n, status in enumerate(("Married", "Separated", "Unmarried")):
        form.ticks(form.x + 4, y + form.ls * (2.3 + 1.2 * n), [(status, status == person.marital)])
    dep_x = form.x + form.width * 0.3
    sheet.text(
        dep_x,
        y + form.ls,
        "Dependents (not listed by another Borrower)",
        size=form.ls,
        bold=spec.label_bold,
        max_width=form.width * 0.27,
    )
    sheet.text(
        dep_x, y + form.ls * 2.3, f"Number {len(person.dependents) or ''}".strip(), size=form.ls
    )
    ages = ", ".join(str(a) for a in person.dependents)
    sheet.text(
        dep_x, y + form.ls * 3.5, f"Ages {ages}".strip(), size=form.ls, max_width=form.width * 0.25
    )
    contact_x = form.x + form.width * 0.6
    sheet.text(contact_x, y + form.ls, "Contact Information", size=form.ls, bold=spec.label_bold)
    sheet.text(contact_x, y + form.ls * 2.3, f"Home Phone {person.home_phone}", size=form.ls)
    sheet.text(contact_x, y + form.ls * 3.5, "Cell Phone", size=form.ls)
    sheet.text(contact_x, y + form.ls * 4.7, "Email", size=form.ls)
    y += form.ls * 5.6
    # the current address, then a former one (a distractor) and the mailing address
    address = person.who.address
    sheet.text(
        form.x,
        y + form.ls,
        spec.word("current-address", ("Current Address", "Current Address", "Present Address")),
        size=form.ls + 0.5,
        bold=True,
    )
    y += form.ls * 1.5
    y = _address_rows(form, y, address)
    years = person.years_at_address
    housing = {
        "own": "Own",
        "rent": f"Rent (${_amount(spec, person.rent, dollar_printed=True)} /month)",
        "none": "No primary housing expense",
    }[person.housing]
    sheet.text(
        form.x,
        y + form.ls,
        f"How Long at Current Address? {years} Years "
        f"{spec.rng.randint(0, 11)} Months   Housing: {housing}",
        size=form.ls,
        max_width=form.width,
    )
    y += form.ls * 2
    sheet.text(
        form.x,
        y + form.ls,
        "If at Current Address for LESS than 2 years, list Former Address",
        size=form.ls,
        bold=spec.label_bold,
        max_width=form.width * 0.75,
    )
    y += form.ls * 1.6
    y = _address_rows(form, y, person.former.address if person.former else None)
    if spec.chance(0.5):
        sheet.text(
            form.x,
            y + form.ls,
            "Mailing Address \u2013 if different from Current Address",
            size=form.ls,
            bold=spec.label_bold,
        )
        y += form.ls * 1.6
        y = _address_rows(form, y, None)
    return y + 2


def _address_rows(form: _Form, y: float, address: Address | None) -> float:
    if address is None:
        street, unit, city, state, zip_code, country = "", "", "", "", "", ""
    else:
        street, unit = address.street, ""
        for marker in (" Apt", " Unit", " Suite", " Ste", " #"):
            at = street.find(marker)
            if at > 0 and form.spec.chance(0.7):
                street, unit = street[:at], street[at + 1 :]
                break
        city, state, zip_code, country = address.city, address.state, address.zip, "USA"

    def vals(text: str) -> tuple[str, ...]:
        return (text,) if text else ()

    y = form.row(y, [_F("Street", vals(street), 0.75), _F("Unit #", vals(unit), 0.25)])
    return form.row(
        y,
        [
            _F("City", vals(city), 0.4),
            _F("State", vals(state), 0.16),
            _F("ZIP", vals(zip_code), 0.2),
            _F("Country", vals(country), 0.24),
        ],
    )


def _previous_2021(form: _Form, job: PreviousJob | None, y: float) -> float:
    sheet, spec = form.sheet, form.spec
    y = form.bar(
        y,
        "1d. IF APPLICABLE, Complete Information for Previous "
        "Employment/Self-Employment and Income",
        right="Does not apply" if job is None else "",
    )
    left = form.width * 0.66
    sub = _Form(sheet, spec, form.x, left, form.boxed, form.ls, form.vs)
    top = y
    y = sub.row(y, [_F("Employer or Business Name", (job.employer.name,) if job else (), 1.0)])
    y = sub.row(y, [_F("Position or Title", (job.title,) if job else (), 1.0)])
    y = sub.row(
        y,
        [
            _F("Start Date", (spec.date(job.start),) if job else (), 0.5),
            _F("End Date", (spec.date(job.end),) if job else (), 0.5),
        ],
    )
    right_x = form.x + left + form.width * 0.03
    sheet.text(
        right_x,
        top + form.ls,
        "Previous Gross Monthly Income",
        size=form.ls,
        bold=spec.label_bold,
        max_width=form.x + form.width - right_x,
    )
    if job is not None:
        sheet.text(
            right_x,
            top + form.ls * 2.6 + form.vs,
            f"$ {_amount(spec, job.monthly, dollar_printed=True)} /month",
            size=form.vs,
        )
    return max(y, top + form.ls * 3 + form.vs * 2) + 4


def _other_income_2021(form: _Form, person: Applicant, y: float) -> float:
    sheet, spec = form.sheet, form.spec
    y = form.bar(
        y,
        "1e. Income from Other Sources",
        right="Does not apply" if not person.other_income else "",
    )
    sheet.paragraph(
        form.x,
        y + form.ls,
        "Include income from other sources below. Under Income "
        "Source, choose from the sources listed here: Alimony, Child Support, "
        "Interest and Dividends, Retirement, Social Security, Trust, VA Compensation, "
        "Other.",
        size=form.ls,
        width=form.width,
    )
    y += form.ls * 4
    sheet.text(form.x, y + form.ls, "Income Source \u2013 use list above", size=form.ls, bold=True)
    amount_x = form.x + form.width * 0.75
    sheet.text(amount_x, y + form.ls, "Monthly Income", size=form.ls, bold=True)
    y += form.ls * 1.3
    rows = list(person.other_income) + [("", Decimal(0))] * (3 - len(person.other_income))
    for source, value in rows[:3]:
        y += form.vs * 1.45
        sheet.hline(form.x, form.x + form.width, y + 2, line=0.3)
        if source:
            sheet.text(form.x + 2, y, source, size=form.vs)
        sheet.text(amount_x, y, "$", size=form.vs)
        if value:
            sheet.text(
                amount_x + form.vs, y, _amount(spec, value, dollar_printed=True), size=form.vs
            )
    total = money(sum((v for _s, v in person.other_income), Decimal(0)))
    y += form.vs * 1.6
    sheet.text(amount_x - 6, y, "Provide TOTAL Amount Here $", size=form.ls, align="right")
    sheet.text(amount_x + form.vs, y, _amount(spec, total, dollar_printed=True), size=form.vs)
    return y + 6


def _urla_2021(
    sheet: Sheet, spec: Spec, app: Application, x: float, width: float, truth: DocumentTruth
) -> None:
    boxed = spec.chance(0.45)
    ls = spec.rng.choice((6.5, 7.0, 7.5))
    vs = spec.rng.choice((7.5, 8.0, 8.5, 9.0))
    form = _Form(sheet, spec, x, width, boxed, ls, vs)
    arrangement = spec.word("gmi", ("column", "column", "boxes", "list"))
    applicants = [(app.borrower, False)]
    if app.co is not None and app.co_own_section:
        applicants.append((app.co, True))
    pages_each = 2
    total_pages = pages_each * len(applicants) + (1 if app.signed or spec.chance(0.4) else 0)
    page_no = 0
    for person, additional in applicants:
        if page_no:
            sheet.new_page()
        page_no += 1
        y = 34.0
        sheet.text(x, y + 6, "To be completed by the Lender:", size=6.5)
        sheet.text(
            x, y + 15, f"Lender Loan No./Universal Loan Identifier  {app.lender_loan_no}", size=6.5
        )
        sheet.text(x + width * 0.62, y + 15, f"Agency Case No.  {app.agency_case_no}", size=6.5)
        y += 36
        title = "Uniform Residential Loan Application"
        sheet.text(x, y, title, size=14, bold=True)
        if additional:
            sheet.text(
                x + sheet.width(title, 14, bold=True) + 8,
                y,
                "\u2014 Additional Borrower",
                size=11,
                bold=True,
            )
        y += 6
        y = sheet.paragraph(
            x,
            y + ls + 2,
            "Verify and complete the information on this "
            "application. If you are applying for this loan with others, each "
            "additional Borrower must provide information as directed by your "
            "Lender.",
            size=ls,
            width=width,
        )
        y = sheet.paragraph(
            x,
            y + 2,
            "Section 1: Borrower Information. This section asks "
            "about your personal information and your income from employment "
            "and other sources, such as retirement, that you want considered "
            "to qualify for this loan.",
            size=ls + 0.5,
            width=width,
        )
        others = [
            other.who.truth_name
            for other in (app.borrower, app.co)
            if other is not None and other is not person
        ]
        y = _personal_2021(form, app, person, y, others)
        first_job = person.jobs[0]
        y, base_page = _employment_2021(
            form,
            first_job,
            y + 2,
            heading="1b. Current Employment/Self-Employment and Income",
            arrangement=arrangement,
        )
        _record_page(app, person, first_job, base_page)
        _footer_2021(sheet, form, f"Page {page_no} of {total_pages}", None)
        sheet.new_page()
        page_no += 1
        y = 40.0
        second = person.jobs[1] if len(person.jobs) > 1 else None
        y, base_page = _employment_2021(
            form,
            second,
            y,
            heading="1c. IF APPLICABLE, Complete Information for Additional "
            "Employment/Self-Employment and Income",
            arrangement=arrangement,
        )
        if second is not None:
            _record_page(app, person, second, base_page)
        y = _previous_2021(form, person.previous[0] if person.previous else None, y + 6)
        y = _other_income_2021(form, person, y + 6)
        footer_name = _name(spec, person.who, classic=False) if spec.chance(0.6) else ""
        _footer_2021(sheet, form, f"Page {page_no} of {total_pages}", footer_name)
    if page_no < total_pages:
        sheet.new_page()
        page_no += 1
        _closing_2021(form, app)
        _footer_2021(sheet, form, f"Page {page_no} of {total_pages}", None)
    truth.notes.append(f"arrangement={arrangement}; boxed={boxed}")


def _closing_2021(form: _Form, app: Application) -> None:
    """Loan and property information, the signatures and the loan originator."""
    sheet, spec = form.sheet, form.spec
    y = form.bar(40.0, "Section 4: Loan and Property Information")
    y = form.row(
        y,
        [
            _F("Loan Amount $", (_amount(spec, app.loan_amount, dollar_printed=True),), 0.4),
            _F("Loan Purpose", (spec.rng.choice(("Purchase", "Refinance")),), 0.6),
        ],
    )
    sheet.text(x := form.x, y + form.ls, "Property Address", size=form.ls + 0.5, bold=True)
    y = _address_rows(form, y + form.ls * 1.5, app.property_address)
    y = form.bar(y + 8, "Section 6: Acknowledgments and Agreements")
    y = (
        sheet.paragraph(
            x,
            y + form.ls,
            "By signing below, each Borrower acknowledges and agrees "
            "that the information provided in this application is true, accurate "
            "and complete as of the date signed.",
            size=form.ls,
            width=form.width,
        )
        + 6
    )
    signed = spec.date(app.signed) if app.signed else ""
    if app.signed and spec.chance(0.5):
        signed = f"{app.signed:%m/%d/%Y}"
    rows = [("Borrower Signature", signed)]
    if app.co is not None:
        rows.append(("Additional Borrower Signature", signed))
    for label, when in rows:
        y = form.row(
            y,
            [
                _F(label, (), 0.6),
                _F("Date (mm/dd/yyyy)", (when,) if when else (), 0.4),
            ],
        )
    y = form.bar(y + 8, "Section 9: Loan Originator Information")
    org = app.originator_org
    y = form.row(
        y,
        [
            _F("Loan Originator Organization Name", (org.name,), 0.6),
            _F("NMLSR ID#", (people.digits(spec.rng, 6),), 0.4),
        ],
    )
    y = form.row(y, [_F("Address", (f"{org.address.street}, {_city_zip(org.address)}",), 1.0)])
    originated = app.signed or date(2020, 1, 1)
    form.row(
        y,
        [
            _F("Loan Originator Name", (app.originator.truth_name,), 0.5),
            _F("Signature", (), 0.25),
            _F("Date (mm/dd/yyyy)", (f"{originated:%m/%d/%Y}",) if app.signed else (), 0.25),
        ],
    )


def _record_page(app: Application, person: Applicant, job: Job, page: int) -> None:
    app.income_pages[f"{person.who.truth_name}|{job.employer.name}"] = page


# --- the pre-2021 1003 ------------------------------------------------------------------------


def _classic_header(form: _Form) -> float:
    sheet = form.sheet
    mid = form.x + form.width / 2
    sheet.text(mid, 44, "Uniform Residential Loan Application", size=13, bold=True, align="center")
    return 52.0


def _classic_footer(form: _Form, page: int, pages: int) -> None:
    sheet = form.sheet
    y = PAGE_HEIGHT - 40
    revision = form.spec.word("revision", ("7/05 (rev.6/09)", "7/05 (rev.6/09)", "1/04"))
    sheet.text(form.x, y, f"Freddie Mac Form 65  {revision}", size=6.5)
    sheet.text(form.x + form.width / 2, y, f"Page {page} of {pages}", size=6.5, align="center")
    sheet.text(form.x + form.width, y, f"Fannie Mae Form 1003  {revision}", size=6.5, align="right")


def _halves(form: _Form, y: float, left: Sequence[_F], right: Sequence[_F]) -> float:
    """One row of the Borrower and the Co-Borrower halves. Printed beside their labels, the
    fields of a row go one to a line."""
    half = form.width / 2
    per_line = len(left) if form.boxed else 1
    for start in range(0, max(len(left), len(right)), per_line):
        a = form.row(y, left[start : start + per_line], x=form.x, width=half)
        b = form.row(y, right[start : start + per_line], x=form.x + half, width=half)
        y = max(a, b)
    return y


def _sides(form: _Form, y: float) -> float:
    sheet = form.sheet
    half = form.width / 2
    sheet.text(
        form.x + half / 2, y + form.ls + 1, "Borrower", size=form.ls + 1, bold=True, align="center"
    )
    sheet.text(
        form.x + half * 1.5,
        y + form.ls + 1,
        "Co-Borrower",
        size=form.ls + 1,
        bold=True,
        align="center",
    )
    return y + form.ls * 1.6 + 2


def _classic_borrower_cells(spec: Spec, person: Applicant | None, role: str) -> list[list[_F]]:
    who = person.who if person else None
    name_label = spec.word(
        f"{role}-name", (f"{role}'s Name (include Jr. or Sr. if applicable)", f"{role}'s Name")
    )
    rows: list[list[_F]] = [[_F(name_label, (_name(spec, who, classic=True),) if who else ())]]
    rows.append(
        [
            _F("Social Security Number", (_ssn(spec, who.ssn),) if who else (), 0.34),
            _F("Home Phone (incl. area code)", (person.home_phone,) if person else (), 0.3),
            _F("DOB (mm/dd/yyyy)", (f"{person.dob:%m/%d/%Y}",) if person else (), 0.22),
            _F("Yrs. School", (str(spec.rng.randint(12, 20)),) if person else (), 0.14),
        ]
    )
    dependents = (
        f"{len(person.dependents)}  {', '.join(str(a) for a in person.dependents)}"
        if person and person.dependents
        else ""
    )
    rows.append(
        [
            _F("Married / Unmarried / Separated", (person.marital,) if person else (), 0.5),
            _F(
                "Dependents (not listed by Co-Borrower) no. / ages",
                (dependents,) if dependents else (),
                0.5,
            ),
        ]
    )
    if who is not None and person is not None:
        lines = people.address_lines(spec.rng, who.address, who.unit_line)
        if spec.chance(0.4):
            lines = [", ".join(lines)]
        own = "Own" if person.housing == "own" else "Rent"
        present: tuple[str, ...] = tuple(lines)
        tenure: tuple[str, ...] = (f"{own}  {person.years_at_address} No. Yrs.",)
    else:
        present, tenure = (), ()
    rows.append(
        [
            _F(
                spec.word(
                    "present-address",
                    (
                        "Present Address (street, city, state, ZIP)",
                        "Present Address (street, city, state, ZIP/country)",
                        "Present Address",
                    ),
                ),
                present,
                0.72,
            ),
            _F("Own / Rent / No. Yrs.", tenure, 0.28),
        ]
    )
    rows.append([_F("Mailing Address, if different from Present Address", (), 1.0)])
    former = person.former if person else None
    rows.append(
        [
            _F(
                "Former Address (street, city, state, ZIP)",
                (", ".join(people.address_lines(spec.rng, former.address, None)),)
                if former
                else (),
                0.72,
            ),
            _F(
                "Own / Rent / No. Yrs.",
                (f"Rent  {spec.rng.randint(1, 6)} No. Yrs.",) if former else (),
                0.28,
            ),
        ]
    )
    return rows


def _classic_employment_cells(spec: Spec, person: Applicant | None, today: date) -> list[list[_F]]:
    job = person.jobs[0] if person else None
    rows: list[list[_F]] = []
    employer: tuple[str, ...]
    tenure: tuple[str, ...]
    line: tuple[str, ...]
    if job is not None:
        org = job.employer
        employer = (org.name, org.address.street, _city_zip(org.address))
        tenure = (f"{max(1, today.year - job.start.year)}",)
        line = (f"{job.years_in_line}",)
        self_box = "[X] Self Employed" if job.self_employed else "[  ] Self Employed"
    else:
        employer, tenure, line, self_box = (), (), (), "[  ] Self Employed"
    rows.append(
        [
            _F("Name & Address of Employer", employer, 0.58),
            _F(self_box, (), 0.16),
            _F("Yrs. on this job", tenure, 0.26),
        ]
    )
    rows.append(
        [
            _F("Position/Title/Type of Business", (job.title,) if job else (), 0.58),
            _F("Yrs. employed in this line of work/profession", line, 0.42),
        ]
    )
    rows.append(
        [
            _F("Business Phone (incl. area code)", (job.employer.phone,) if job else (), 1.0),
        ]
    )
    return rows


def _classic_previous_cells(spec: Spec, person: Applicant | None) -> list[list[_F]]:
    prev = person.previous[0] if person and person.previous else None
    if prev is not None:
        org = prev.employer
        employer: tuple[str, ...] = (org.name, org.address.street, _city_zip(org.address))
        dates: tuple[str, ...] = (f"{prev.start:%m/%Y} - {prev.end:%m/%Y}",)
        monthly: tuple[str, ...] = (f"$ {_amount(spec, prev.monthly, dollar_printed=True)}",)
    else:
        employer, dates, monthly = (), (), ()
    return [
        [
            _F("Name & Address of Employer", employer, 0.58),
            _F("Dates (from \u2013 to)", dates, 0.42),
        ],
        [
            _F("Position/Title/Type of Business", (prev.title,) if prev else (), 0.58),
            _F("Monthly Income", monthly, 0.42),
        ],
    ]


def _classic_income_table(form: _Form, app: Application, y: float) -> float:
    """Section V: the Gross Monthly Income table beside the housing expense table."""
    sheet, spec = form.sheet, form.spec
    b, c = app.borrower, app.co
    bj = b.jobs[0]
    cj = c.jobs[0] if c is not None else None
    base_label = spec.word(
        "classic-base", ("Base Empl. Income*", "Base Empl. Income*", "Base Employment Income*")
    )

    def figure(value: Decimal | None, first: bool) -> str:
        if not value:
            return ""
        text = _amount(spec, value, dollar_printed=True)
        return f"$ {text}" if first and spec.money_style != "dollar" else text

    def other(job: Job) -> Decimal:
        return job.military + job.other

    rows_spec = [
        (base_label, bj.base, cj.base if cj else None),
        ("Overtime", bj.overtime, cj.overtime if cj else None),
        (spec.word("classic-bonus", ("Bonuses", "Bonus")), bj.bonus, cj.bonus if cj else None),
        (
            spec.word("classic-comm", ("Commissions", "Commission")),
            bj.commission,
            cj.commission if cj else None,
        ),
        ("Dividends/Interest", None, None),
        ("Net Rental Income", None, None),
        (
            spec.word("classic-other", ("Other (see notice below)", "Other")),
            other(bj),
            other(cj) if cj else None,
        ),
    ]
    totals_b = money(sum((v or Decimal(0) for _l, v, _c in rows_spec), Decimal(0)))
    totals_c = money(sum((w or Decimal(0) for _l, _v, w in rows_spec), Decimal(0)))
    housing = [
        ("Rent", b.rent if b.housing == "rent" else None, None),
        ("First Mortgage (P&I)", None, money(app.loan_amount * Decimal("0.006"))),
        ("Other Financing (P&I)", None, None),
        ("Hazard Insurance", None, money(Decimal(spec.rng.randint(60, 250)))),
        ("Real Estate Taxes", None, money(Decimal(spec.rng.randint(100, 900)))),
        ("Mortgage Insurance", None, None),
        ("Homeowner Assn. Dues", None, None),
        ("Other:", None, None),
    ]
    size = form.vs - 0.5
    step = size * 1.55
    lw = form.width * 0.6
    cols = [form.x, form.x + lw * 0.40, form.x + lw * 0.60, form.x + lw * 0.80, form.x + lw]
    hx = form.x + lw + 6
    hw = form.x + form.width - hx
    hcols = [hx, hx + hw * 0.5, hx + hw * 0.75, hx + hw]
    head_y = y + size * 2.3
    sheet.text(cols[0] + 2, head_y, "Gross Monthly Income", size=size, bold=True)
    for n, head in enumerate(("Borrower", "Co-Borrower", "Total")):
        sheet.text(cols[n + 2] - 3, head_y, head, size=size, bold=True, align="right")
    sheet.text(
        hcols[0] + 2,
        head_y - size * 1.15,
        "Combined Monthly",
        size=size - 0.5,
        bold=True,
        max_width=hw * 0.5 - 4,
    )
    sheet.text(
        hcols[0] + 2, head_y, "Housing Expense", size=size - 0.5, bold=True, max_width=hw * 0.5 - 4
    )
    sheet.text(hcols[2] - 3, head_y, "Present", size=size, bold=True, align="right")
    sheet.text(hcols[3] - 3, head_y, "Proposed", size=size, bold=True, align="right")
    sheet.hline(form.x, form.x + form.width, head_y + 3, line=0.6)
    line_y = head_y + step
    rows = [*rows_spec, ("Total", totals_b, totals_c if c is not None else None)]
    for n, (label, bv, cv) in enumerate(rows):
        sheet.text(
            cols[0] + 2,
            line_y,
            label,
            size=size,
            bold=label.startswith("Total"),
            max_width=lw * 0.40 - 4,
        )
        tv = money((bv or Decimal(0)) + (cv or Decimal(0)))
        for k, value in enumerate((bv, cv, tv if (bv or cv) else None)):
            text = figure(value, n == 0)
            if text:
                sheet.text(
                    cols[k + 2] - 3, line_y, text, size=size, align="right", max_width=lw * 0.2 - 6
                )
        if n < len(housing) + 1:
            hlabel, present, proposed = housing[n] if n < len(housing) else ("Total", None, None)
            sheet.text(hcols[0] + 2, line_y, hlabel, size=size, max_width=hw * 0.5 - 4)
            for k, value in enumerate((present, proposed)):
                text = figure(value, n == 0)
                if text:
                    sheet.text(
                        hcols[k + 2] - 3,
                        line_y,
                        text,
                        size=size,
                        align="right",
                        max_width=hw * 0.25 - 6,
                    )
        sheet.hline(form.x, form.x + form.width, line_y + 3, line=0.3)
        line_y += step
    sheet.text(
        form.x,
        line_y + 2,
        "* Self Employed Borrower(s) may be required to provide "
        "additional documentation such as tax returns and financial statements.",
        size=form.ls,
        max_width=form.width,
    )
    return line_y + form.ls + 6


def _classic_other_income(form: _Form, app: Application, y: float) -> float:
    sheet, spec = form.sheet, form.spec
    sheet.text(form.x, y + form.ls, "Describe Other Income", size=form.ls + 0.5, bold=True)
    sheet.paragraph(
        form.x + form.width * 0.22,
        y + form.ls,
        "Notice: Alimony, child support, or "
        "separate maintenance income need not be revealed if the Borrower (B) or "
        "Co-Borrower (C) does not choose to have it considered for repaying this "
        "loan.",
        size=form.ls - 0.5,
        width=form.width * 0.78,
    )
    y += form.ls * 4
    sheet.text(form.x, y, "B/C", size=form.ls, bold=True)
    sheet.text(form.x + form.width, y, "Monthly Amount", size=form.ls, bold=True, align="right")
    rows = [("B", s, v) for s, v in app.borrower.other_income]
    if app.co is not None:
        rows += [("C", s, v) for s, v in app.co.other_income]
    for who, source, value in rows[:3]:
        y += form.vs * 1.45
        sheet.text(form.x + 2, y, who, size=form.vs)
        sheet.text(form.x + 30, y, source, size=form.vs)
        sheet.text(
            form.x + form.width,
            y,
            f"$ {_amount(spec, value, dollar_printed=True)}",
            size=form.vs,
            align="right",
        )
    return y + form.vs * 2


def _urla_classic(
    sheet: Sheet, spec: Spec, app: Application, x: float, width: float, truth: DocumentTruth
) -> None:
    ls = spec.rng.choice((5.5, 6.0, 6.5))
    vs = spec.rng.choice((8.0, 8.5, 9.0))
    form = _Form(sheet, spec, x, width, spec.chance(0.65), ls, vs)
    signed_page = app.signed is not None or spec.chance(0.3)
    pages = 3 if signed_page else 2
    y = _classic_header(form)
    y = sheet.paragraph(
        x,
        y + ls,
        "This application is designed to be completed by the "
        "applicant(s) with the Lender's assistance. Applicants should complete "
        'this form as "Borrower" or "Co-Borrower," as applicable. '
        "Co-Borrower information must also be provided (and the appropriate box "
        "checked) when the income or assets of a person other than the Borrower "
        "will be used as a basis for loan qualification.",
        size=ls,
        width=width,
    )
    y = form.bar(y + 2, "I. TYPE OF MORTGAGE AND TERMS OF LOAN")
    y = form.row(
        y,
        [
            _F("Mortgage Applied for:", (spec.rng.choice(("Conventional", "FHA", "VA")),), 0.4),
            _F("Agency Case Number", (app.agency_case_no,), 0.3),
            _F("Lender Case Number", (app.lender_loan_no,), 0.3),
        ],
    )
    y = form.row(
        y,
        [
            _F("Amount", (f"$ {_amount(spec, app.loan_amount, dollar_printed=True)}",), 0.3),
            _F("Interest Rate", (f"{app.rate} %",), 0.2),
            _F("No. of Months", ("360",), 0.2),
            _F("Amortization Type:", ("Fixed Rate",), 0.3),
        ],
    )
    y = form.bar(y + 2, "II. PROPERTY INFORMATION AND PURPOSE OF LOAN")
    prop = app.property_address
    y = form.row(
        y,
        [
            _F(
                "Subject Property Address (street, city, state & ZIP)",
                (f"{prop.street}, {_city_zip(prop)}",),
                0.8,
            ),
            _F("No. of Units", ("1",), 0.2),
        ],
    )
    y = form.row(
        y,
        [
            _F("Purpose of Loan", (spec.rng.choice(("Purchase", "Refinance")),), 0.5),
            _F("Property will be:", ("Primary Residence",), 0.5),
        ],
    )
    y = form.bar(y + 2, "III. BORROWER INFORMATION")
    y = _sides(form, y)
    left = _classic_borrower_cells(spec, app.borrower, "Borrower")
    right = _classic_borrower_cells(spec, app.co, "Co-Borrower")
    for lrow, rrow in zip(left, right, strict=True):
        y = _halves(form, y, lrow, rrow)
    y = form.bar(y + 6, "IV. EMPLOYMENT INFORMATION")
    y = _sides(form, y)
    for lrow, rrow in zip(
        _classic_employment_cells(spec, app.borrower, app.today),
        _classic_employment_cells(spec, app.co, app.today),
        strict=True,
    ):
        y = _halves(form, y, lrow, rrow)
    y = sheet.paragraph(
        x,
        y + ls + 3,
        "If employed in current position for less than two "
        "years or if currently employed in more than one position, complete the "
        "following:",
        size=ls + 0.5,
        width=width,
    )
    for lrow, rrow in zip(
        _classic_previous_cells(spec, app.borrower),
        _classic_previous_cells(spec, app.co),
        strict=True,
    ):
        y = _halves(form, y, lrow, rrow)
    _classic_footer(form, 1, pages)
    sheet.new_page()
    y = _classic_header(form)
    y = form.bar(y, "V. MONTHLY INCOME AND COMBINED HOUSING EXPENSE INFORMATION")
    y = _classic_income_table(form, app, y)
    _classic_other_income(form, app, y + 4)
    base_page = sheet.page
    for person in (app.borrower, app.co):
        if person is not None:
            _record_page(app, person, person.jobs[0], base_page)
    _classic_footer(form, 2, pages)
    if signed_page:
        sheet.new_page()
        y = _classic_header(form)
        y = form.bar(y, "IX. ACKNOWLEDGEMENT AND AGREEMENT")
        y = (
            sheet.paragraph(
                x,
                y + ls,
                "Each of the undersigned specifically represents to "
                "Lender and agrees and acknowledges that the information provided in "
                "this application is true and correct as of the date set forth "
                "opposite my signature.",
                size=ls,
                width=width,
            )
            + 4
        )
        when = (spec.date(app.signed),) if app.signed else ()
        co_when = when if app.co is not None else ()
        y = _halves(
            form,
            y,
            [_F("Borrower's Signature", ("X",), 0.65), _F("Date", when, 0.35)],
            [
                _F("Co-Borrower's Signature", ("X",) if app.co else (), 0.65),
                _F("Date", co_when, 0.35),
            ],
        )
        y = form.bar(y + 8, "X. INFORMATION FOR GOVERNMENT MONITORING PURPOSES")
        y = (
            sheet.paragraph(
                x,
                y + ls,
                "The following information is requested by the Federal "
                "Government for certain types of loans related to a dwelling in "
                "order to monitor the lender's compliance with equal credit "
                "opportunity laws.",
                size=ls,
                width=width,
            )
            + 6
        )
        sheet.text(x, y + ls, "To be Completed by Loan Originator:", size=ls + 0.5, bold=True)
        y += ls * 1.8
        org = app.originator_org
        y = form.row(
            y,
            [
                _F("Loan Originator's Signature", ("X",), 0.6),
                _F("Date", (spec.date(app.signed),) if app.signed else (), 0.4),
            ],
        )
        y = form.row(
            y,
            [
                _F("Loan Originator's Name (print or type)", (app.originator.truth_name,), 0.6),
                _F("Loan Originator Identifier", (people.digits(spec.rng, 7),), 0.4),
            ],
        )
        form.row(
            y,
            [
                _F("Loan Origination Company's Name", (org.name,), 0.6),
                _F(
                    "Loan Origination Company's Address",
                    (org.address.street, _city_zip(org.address)),
                    0.4,
                ),
            ],
        )
        _classic_footer(form, 3, pages)


# --- the document -------------------------------------------------------------------------------


def build(rng: random.Random, family: str) -> Drawn:
    if family not in FAMILIES:
        raise ValueError(f"unknown Form 1003 family {family!r}")
    spec = Spec.draw(rng, sizes=(7, 9), name_styles=("natural", "upper"))
    app = _facts(rng, family)
    x, width = margins(spec)
    x, width = min(x, 42.0), max(width, 528.0)
    sheet = new_sheet(spec, "Uniform Residential Loan Application" if spec.chance(0.5) else "")
    truth = DocumentTruth(doc_type="form_1003", layout=family)
    if family == "form_1003/urla-2021":
        _urla_2021(sheet, spec, app, x, width, truth)
    else:
        _urla_classic(sheet, spec, app, x, width, truth)
    year = app.signed.year if app.signed is not None else None
    classic = family == "form_1003/urla-classic"
    applicants = [app.borrower] + ([app.co] if app.co is not None else [])
    for person in applicants:
        own_pages = classic or person is app.borrower or app.co_own_section
        truth.add_borrower(
            TruthBorrower(
                name=person.who.truth_name,
                ssn_last4=person.who.ssn_last4 if own_pages else None,
                address=person.who.address if own_pages else None,
            )
        )
    for person in applicants:
        for job in person.jobs:
            page = app.income_pages.get(f"{person.who.truth_name}|{job.employer.name}")
            if page is None or job.base is None:
                continue
            truth.income_records.append(
                TruthIncome(
                    borrower=person.who.truth_name,
                    amount=job.base,
                    period="monthly",
                    year=year,
                    source_type=SOURCE,
                    employer=job.employer.name,
                    page=page,
                )
            )
    for person in applicants:
        for job in person.jobs:
            truth.notes.append(
                f"{person.who.truth_name} at {job.employer.name}: base {job.base}, overtime "
                f"{job.overtime}, bonus {job.bonus}, commission {job.commission}, military "
                f"{job.military}, other {job.other}, TOTAL printed {job.total_printed}"
                + (
                    f", self-employed (monthly income {job.business_income})"
                    if job.self_employed
                    else ""
                )
            )
    truth.notes.append(f"signed {app.signed}" if app.signed else "no signature date: year null")
    return done(sheet, truth)
