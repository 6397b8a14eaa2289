"""Pay stub layouts: a classic earnings statement, a modern stub with YTD before current, and a
stacked summary. Only some print the pay frequency; the others leave it to be inferred from the
pay period's length (~7 weekly, ~14 biweekly, ~15 semimonthly, ~30 monthly days)."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pipeline.samples.cast import PERIODS_PER_YEAR, Job, Member, money
from pipeline.samples.render import Sheet, fmt_amount, fmt_date, fmt_ssn
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

LAYOUTS = ("earnings_statement", "modern_stub", "stacked_summary")
_FREQUENCY_LABEL = {
    "weekly": "Weekly",
    "biweekly": "Bi-Weekly",
    "semimonthly": "Semi-Monthly",
    "monthly": "Monthly",
}


@dataclass(frozen=True)
class PayPeriod:
    start: date
    end: date
    pay_date: date
    number: int  # 1-based index of this pay date within its calendar year


def pay_period(frequency: str, year: int, month: int, pick: int) -> PayPeriod:
    """A pay period whose pay date falls in ``month`` of ``year`` (``pick`` chooses which)."""
    if frequency == "monthly":
        last = calendar.monthrange(year, month)[1]
        end = date(year, month, last)
        return PayPeriod(date(year, month, 1), end, end, month)
    if frequency == "semimonthly":
        last = calendar.monthrange(year, month)[1]
        if pick % 2 == 0:
            return PayPeriod(
                date(year, month, 1), date(year, month, 15), date(year, month, 15), 2 * month - 1
            )
        end = date(year, month, last)
        return PayPeriod(date(year, month, 16), end, end, 2 * month)
    step = 7 if frequency == "weekly" else 14
    # Periods end on Saturdays and are paid the following Friday.
    first_end = date(year - 1, 12, 30)
    while first_end.weekday() != 5:
        first_end += timedelta(days=1)
    periods = []
    end = first_end
    while (end + timedelta(days=6)).year <= year:
        pay = end + timedelta(days=6)
        if pay.year == year:
            periods.append((end, pay))
        end += timedelta(days=step)
    in_month = [(i, e, p) for i, (e, p) in enumerate(periods, start=1) if p.month == month]
    number, end, pay = in_month[pick % len(in_month)]
    return PayPeriod(end - timedelta(days=step - 1), end, pay, number)


@dataclass(frozen=True)
class Line:
    label: str
    current: Decimal
    ytd: Decimal
    rate: Decimal | None = None
    hours: Decimal | None = None


def _earnings(job: Job, period: PayPeriod, rng: random.Random) -> list[Line]:
    n = period.number
    if job.hourly_rate is not None and job.hours_per_week is not None:
        weeks = 1 if job.frequency == "weekly" else 2
        hours = job.hours_per_week * weeks
        regular = money(job.hourly_rate * hours)
        lines = [Line("Regular", regular, regular * n, job.hourly_rate, hours)]
        if rng.random() < 0.5:
            ot_hours = Decimal(rng.choice(("2", "3.5", "4", "6")))
            ot_rate = money(job.hourly_rate * Decimal("1.5"))
            overtime = money(ot_rate * ot_hours)
            earlier = money(ot_rate * Decimal(rng.randint(0, 3 * (n - 1) + 1)))
            lines.append(Line("Overtime", overtime, overtime + earlier, ot_rate, ot_hours))
        return lines
    per_period = money(job.annual_salary / PERIODS_PER_YEAR[job.frequency])
    return [Line("Salary" if rng.random() < 0.5 else "Regular Salary", per_period, per_period * n)]


def _deductions(job: Job, gross: Line, rng: random.Random) -> list[Line]:
    def line(label: str, rate: str) -> Line:
        return Line(label, money(gross.current * Decimal(rate)), money(gross.ytd * Decimal(rate)))

    lines = [
        line("Federal Income Tax", "0.118"),
        line("Social Security", "0.062"),
        line("Medicare", "0.0145"),
        line("State Income Tax", "0.041"),
    ]
    if job.retirement_rate:
        lines.append(line("401(k)", str(job.retirement_rate)))
    health = money(rng.choice((42.5, 68.25, 95.0, 121.4)))
    lines.append(
        Line(
            "Medical Insurance",
            health,
            health * (gross.ytd / gross.current) if gross.current else health,
        )
    )
    return [Line(d.label, d.current, money(d.ytd)) for d in lines]


def build(
    rng: random.Random, member: Member, *, layout: str, year: int
) -> tuple[bytes, DocumentTruth]:
    person, job = member.person, member.job
    period = pay_period(job.frequency, year, rng.randint(2, 6), rng.randint(0, 3))
    earnings = _earnings(job, period, rng)
    gross = Line(
        "Gross Pay",
        sum((e.current for e in earnings), Decimal(0)),
        sum((e.ytd for e in earnings), Decimal(0)),
    )
    deductions = _deductions(job, gross, rng)
    net = Line(
        "Net Pay",
        gross.current - sum((d.current for d in deductions), Decimal(0)),
        gross.ytd - sum((d.ytd for d in deductions), Decimal(0)),
    )
    commas = rng.random() < 0.6
    caps = layout == "modern_stub" or rng.random() < 0.2
    name = person.name.upper() if caps else person.name
    date_style = rng.choice(("us", "iso", "short"))
    show_ssn = layout != "earnings_statement" or rng.random() < 0.5
    sheet = Sheet(title="Pay statement")
    ctx = _Ctx(sheet, commas, date_style, employee_id=f"{rng.randint(1000, 99999):05d}")

    if layout == "earnings_statement":
        print_frequency = rng.random() < 0.3
        _earnings_statement(
            ctx,
            member,
            name,
            period,
            earnings,
            gross,
            deductions,
            net,
            show_ssn=show_ssn,
            print_frequency=print_frequency,
        )
    elif layout == "modern_stub":
        print_frequency = True
        _modern_stub(ctx, member, name, period, earnings, gross, deductions, net)
    else:
        print_frequency = rng.random() < 0.5
        _stacked_summary(
            ctx, member, name, period, gross, deductions, net, print_frequency=print_frequency
        )

    truth = DocumentTruth(doc_type="paystub", layout=layout)
    truth.add_borrower(TruthBorrower(name, person.ssn_last4 if show_ssn else None, person.address))
    for amount, period_name in ((gross.current, job.frequency), (gross.ytd, "ytd")):
        truth.income_records.append(
            TruthIncome(
                borrower=name,
                amount=amount,
                period=period_name,
                year=period.pay_date.year,
                source_type="paystub",
                employer=job.employer.name,
                page=1,
            )
        )
    days = (period.end - period.start).days + 1
    truth.notes.append(
        f"pay frequency {'printed' if print_frequency else 'not printed; period is'}"
        + ("" if print_frequency else f" {days} days")
    )
    return sheet.finish(), truth


@dataclass(frozen=True)
class _Ctx:
    sheet: Sheet
    commas: bool
    date_style: str
    employee_id: str

    def amount(self, value: Decimal) -> str:
        return fmt_amount(value, commas=self.commas)

    def date(self, value: date) -> str:
        return fmt_date(value, self.date_style)


def _earnings_statement(
    ctx: _Ctx,
    member: Member,
    name: str,
    period: PayPeriod,
    earnings: list[Line],
    gross: Line,
    deductions: list[Line],
    net: Line,
    *,
    show_ssn: bool,
    print_frequency: bool,
) -> None:
    s, person, employer = ctx.sheet, member.person, member.job.employer
    s.text(36, 48, employer.name, size=12, bold=True)
    s.lines(
        36,
        62,
        [
            employer.address.street,
            f"{employer.address.city}, {employer.address.state} {employer.address.zip}",
        ],
        size=8,
        leading=10,
    )
    s.text(576, 48, "EARNINGS STATEMENT", size=14, bold=True, align="right")
    s.box(380, 60, 196, 62)
    rows = [
        ("Period Beginning:", ctx.date(period.start)),
        ("Period Ending:", ctx.date(period.end)),
        ("Pay Date:", ctx.date(period.pay_date)),
    ]
    if print_frequency:
        rows.append(("Pay Frequency:", _FREQUENCY_LABEL[member.job.frequency]))
    y = 73.0
    for label, value in rows:
        s.text(386, y, label, size=8)
        s.text(570, y, value, size=8, align="right")
        y += 13
    s.lines(
        60,
        140,
        [
            name,
            person.address.street,
            f"{person.address.city}, {person.address.state} {person.address.zip}",
        ],
        size=10,
        leading=12,
    )
    if show_ssn:
        s.text(380, 140, f"Social Security Number: {fmt_ssn(person.ssn, 'xmask')}", size=8)
    s.text(380, 152, f"Employee ID: {ctx.employee_id}", size=8)

    y = 200.0
    s.shade(36, y - 10, 540, 14)
    for x, label, align in (
        (40, "Earnings", "left"),
        (250, "Rate", "right"),
        (320, "Hours", "right"),
        (440, "This Period", "right"),
        (572, "Year To Date", "right"),
    ):
        s.text(x, y, label, bold=True, align=align)
    y += 16
    for line in earnings:
        s.text(40, y, line.label)
        if line.rate is not None:
            s.text(250, y, f"{line.rate:.2f}", align="right")
        if line.hours is not None:
            s.text(320, y, f"{line.hours:.2f}", align="right")
        s.text(440, y, ctx.amount(line.current), align="right")
        s.text(572, y, ctx.amount(line.ytd), align="right")
        y += 14
    s.hline(36, 576, y - 8)
    s.text(40, y + 2, "Gross Pay", bold=True)
    s.text(440, y + 2, ctx.amount(gross.current), bold=True, align="right")
    s.text(572, y + 2, ctx.amount(gross.ytd), bold=True, align="right")
    y += 34
    s.shade(36, y - 10, 540, 14)
    s.text(40, y, "Deductions", bold=True)
    s.text(440, y, "This Period", bold=True, align="right")
    s.text(572, y, "Year To Date", bold=True, align="right")
    y += 16
    for line in deductions:
        s.text(40, y, line.label)
        s.text(440, y, ctx.amount(line.current), align="right")
        s.text(572, y, ctx.amount(line.ytd), align="right")
        y += 14
    s.hline(36, 576, y - 8)
    s.text(40, y + 6, "Net Pay", bold=True, size=11)
    s.text(440, y + 6, ctx.amount(net.current), bold=True, size=11, align="right")
    s.text(572, y + 6, ctx.amount(net.ytd), bold=True, size=11, align="right")
    s.text(36, y + 40, "Direct deposit advice — this is not a check. NON-NEGOTIABLE", size=7)


def _modern_stub(
    ctx: _Ctx,
    member: Member,
    name: str,
    period: PayPeriod,
    earnings: list[Line],
    gross: Line,
    deductions: list[Line],
    net: Line,
) -> None:
    s, person, employer = ctx.sheet, member.person, member.job.employer
    s.text(36, 50, "PAY STUB", size=18, bold=True)
    s.text(36, 66, f"{employer.name} · {employer.address.city}, {employer.address.state}", size=9)
    s.text(576, 50, f"Pay Date: {ctx.date(period.pay_date)}", size=10, bold=True, align="right")
    s.text(
        576,
        64,
        f"Pay Period: {ctx.date(period.start)} to {ctx.date(period.end)}",
        size=9,
        align="right",
    )
    s.text(
        576, 78, f"Pay Frequency: {_FREQUENCY_LABEL[member.job.frequency]}", size=9, align="right"
    )
    s.hline(36, 576, 90, line=1.2)
    s.text(36, 110, "Employee", size=8, bold=True)
    s.lines(
        36,
        124,
        [
            name,
            person.address.street.upper(),
            f"{person.address.city.upper()}, {person.address.state} {person.address.zip}",
        ],
        size=9,
    )
    s.text(320, 110, "SSN", size=8, bold=True)
    s.text(320, 124, fmt_ssn(person.ssn, "xmask"))
    s.text(430, 110, "Position", size=8, bold=True)
    s.text(430, 124, member.job.title)

    y = 180.0
    # Year-to-date before current: an extractor must read the column headers.
    s.shade(36, y - 10, 540, 14)
    s.text(40, y, "Description", bold=True)
    s.text(450, y, "YTD", bold=True, align="right")
    s.text(572, y, "Current", bold=True, align="right")
    y += 16
    for line in earnings:
        hours = f" ({line.hours:.2f} hrs @ {line.rate:.2f})" if line.hours is not None else ""
        s.text(40, y, line.label + hours)
        s.text(450, y, ctx.amount(line.ytd), align="right")
        s.text(572, y, ctx.amount(line.current), align="right")
        y += 14
    s.text(40, y, "Total Earnings", bold=True)
    s.text(450, y, ctx.amount(gross.ytd), bold=True, align="right")
    s.text(572, y, ctx.amount(gross.current), bold=True, align="right")
    y += 30
    s.text(40, y, "Taxes and Deductions", bold=True)
    y += 15
    for line in deductions:
        s.text(40, y, line.label)
        s.text(450, y, ctx.amount(line.ytd), align="right")
        s.text(572, y, ctx.amount(line.current), align="right")
        y += 14
    y += 12
    s.box(330, y - 12, 246, 22, line=1)
    s.text(340, y + 3, "Net Pay", bold=True, size=11)
    s.text(
        570,
        y + 3,
        fmt_amount(net.current, commas=ctx.commas, dollar=True),
        bold=True,
        size=11,
        align="right",
    )


def _stacked_summary(
    ctx: _Ctx,
    member: Member,
    name: str,
    period: PayPeriod,
    gross: Line,
    deductions: list[Line],
    net: Line,
    *,
    print_frequency: bool,
) -> None:
    s, person, employer = ctx.sheet, member.person, member.job.employer
    s.text(306, 48, employer.name.upper(), size=13, bold=True, align="center")
    s.text(306, 62, "Statement of Earnings and Deductions", size=10, align="center")
    rows = [
        ("Employee Name", name),
        (
            "Address",
            f"{person.address.street}, {person.address.city}, "
            f"{person.address.state} {person.address.zip}",
        ),
        ("SSN", fmt_ssn(person.ssn, "starmask")),
        ("Pay Period Start", ctx.date(period.start)),
        ("Pay Period End", ctx.date(period.end)),
        ("Check Date", ctx.date(period.pay_date)),
    ]
    if print_frequency:
        rows.append(("Pay Schedule", _FREQUENCY_LABEL[member.job.frequency].replace("-", "")))
    y = 100.0
    for label, value in rows:
        s.text(60, y, f"{label}:", bold=True)
        s.text(180, y, value)
        y += 15
    taxes = sum(
        (
            d.current
            for d in deductions
            if "Tax" in d.label or d.label in ("Social Security", "Medicare")
        ),
        Decimal(0),
    )
    taxes_ytd = sum(
        (
            d.ytd
            for d in deductions
            if "Tax" in d.label or d.label in ("Social Security", "Medicare")
        ),
        Decimal(0),
    )
    other = sum((d.current for d in deductions), Decimal(0)) - taxes
    other_ytd = sum((d.ytd for d in deductions), Decimal(0)) - taxes_ytd
    y += 20
    s.box(60, y - 14, 492, 20 + 16 * 4)
    s.text(70, y, "Summary", bold=True)
    s.text(400, y, "Current", bold=True, align="right")
    s.text(540, y, "Year-To-Date", bold=True, align="right")
    y += 18
    for label, current, ytd in (
        ("Gross Earnings", gross.current, gross.ytd),
        ("Taxes", taxes, taxes_ytd),
        ("Other Deductions", other, other_ytd),
        ("Net Pay", net.current, net.ytd),
    ):
        s.text(70, y, label, bold=label in ("Gross Earnings", "Net Pay"))
        s.text(400, y, ctx.amount(current), align="right")
        s.text(540, y, ctx.amount(ytd), align="right")
        y += 16
    y += 30
    s.text(60, y, "Deduction detail (current period)", bold=True, size=8)
    y += 13
    for line in deductions:
        s.text(70, y, line.label, size=8)
        s.text(300, y, ctx.amount(line.current), size=8, align="right")
        y += 11
