"""Pay stubs (earnings statements) in randomized layouts.

Families:

* ``paystub/summary-grid``: a grid of Gross Pay / Taxes / Deductions / Net Pay columns by
  This Period / YTD rows, with the earnings detail below it.
* ``paystub/earnings-table``: an earnings table (Hours / Rate / Current / YTD) beside or above
  taxes and deductions tables; the gross is that table's total row.
* ``paystub/two-page``: page 1 carries the current period only; the year-to-date summary is on
  page 2.
* ``paystub/check-stub``: a (non-negotiable) check or deposit advice on top with the net amount,
  the stub below as ``Label  current  YTD`` lines.
* ``paystub/label-list``: a plain statement of ``Label: value`` lines per section, current and
  year-to-date as separate blocks.

Truth: current gross (period = the pay frequency) and YTD gross (``ytd``), year of the pay date,
employer. The arithmetic holds: gross = sum of earnings lines, net = gross - taxes -
deductions, YTD = sum over the periods paid so far this year (first pay of the year: YTD =
current). The masked direct-deposit account is not an account record.
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
    person_block,
)
from pipeline.samples.randomized.draw import Column, Sheet, TableStyle, table
from pipeline.samples.randomized.people import Organisation, Person
from pipeline.samples.randomized.spec import PERIODS_PER_YEAR, Spec, money, month_end
from pipeline.samples.truth import DocumentTruth, TruthBorrower, TruthIncome

FAMILIES = (
    "paystub/summary-grid",
    "paystub/earnings-table",
    "paystub/two-page",
    "paystub/check-stub",
    "paystub/label-list",
)

GROSS = ("Gross Pay", "Total Gross", "Gross Earnings", "Total Earnings", "Gross Wages")
NET = ("Net Pay", "Net Check", "Take Home Pay", "Net Amount", "NET PAY")
TAXES = ("Taxes", "Total Taxes", "Tax Withholdings", "Statutory Deductions")
DEDUCTIONS = ("Deductions", "Total Deductions", "Other Deductions", "Voluntary Deductions")
CURRENT = ("This Period", "Current", "Current Period", "This Pay")
YTD = ("YTD", "Year to Date", "Year-To-Date", "YTD Amount")
PAY_DATE = ("Pay Date", "Check Date", "Advice Date", "Payment Date", "Date Paid")
PERIOD_BEGIN = ("Period Beginning", "Period Start", "Pay Period Begin", "Start Date")
PERIOD_END = ("Period Ending", "Period End", "Pay Period End", "End Date")
PERIOD = ("Pay Period", "Period", "Earnings Period", "For Period")
FREQUENCY_LABEL = ("Pay Frequency", "Frequency", "Pay Cycle", "Pay Schedule")
FREQUENCY_TEXT = {
    "weekly": ("Weekly",),
    "biweekly": ("Bi-Weekly", "Biweekly", "Every Two Weeks", "BIWEEKLY"),
    "semimonthly": ("Semi-Monthly", "Semimonthly", "Twice Monthly", "SEMI-MONTHLY"),
    "monthly": ("Monthly", "MONTHLY"),
}
EMPLOYEE_LABEL = ("Employee", "Employee Name", "Name", "Pay To")
EMPLOYER_LABEL = ("Employer", "Company", "Company Name", "Paid By")
REGULAR = ("Regular", "Regular Pay", "Reg Earnings", "REGULAR", "Base Pay")
SALARY = ("Salary", "Regular Salary", "Base Salary", "Regular")
OVERTIME = ("Overtime", "OT 1.5x", "Overtime Pay", "OVERTIME")
BONUS = ("Bonus", "Incentive Bonus", "Spot Bonus", "BONUS")
PTO = ("PTO", "Vacation", "Holiday", "Paid Time Off")
FED = ("Federal Income Tax", "Fed Withholding", "FITW", "Federal Tax")
SOCSEC = ("Social Security", "OASDI", "Soc Sec Tax", "FICA - SS")
MEDICARE = ("Medicare", "Medicare Tax", "FICA - Med", "MED")
STATE = ("State Income Tax", "{st} Withholding", "{st} State Tax", "SIT {st}")
DEPOSIT = ("Direct Deposit", "Net Pay Distribution", "Deposited To", "Deposit Account")


@dataclass
class Line:
    name: str
    current: Decimal
    ytd: Decimal
    hours: Decimal | None = None
    rate: Decimal | None = None
    ytd_hours: Decimal | None = None


@dataclass
class Pay:
    employer: Organisation
    employee: Person
    employee_id: str
    frequency: str
    number: int  # which pay of the year this is (1 = first)
    start: date
    end: date
    pay_date: date
    earnings: list[Line]
    taxes: list[Line]
    deductions: list[Line]
    deposit_mask: str
    check_number: str
    state: str
    ssn_printed: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def gross(self) -> Decimal:
        return sum((line.current for line in self.earnings), Decimal(0))

    @property
    def gross_ytd(self) -> Decimal:
        return sum((line.ytd for line in self.earnings), Decimal(0))

    @property
    def tax_total(self) -> tuple[Decimal, Decimal]:
        return _totals(self.taxes)

    @property
    def deduction_total(self) -> tuple[Decimal, Decimal]:
        return _totals(self.deductions)

    @property
    def net(self) -> tuple[Decimal, Decimal]:
        taxes, deductions = self.tax_total, self.deduction_total
        return (
            self.gross - taxes[0] - deductions[0],
            self.gross_ytd - taxes[1] - deductions[1],
        )


def _totals(lines: list[Line]) -> tuple[Decimal, Decimal]:
    return (
        sum((line.current for line in lines), Decimal(0)),
        sum((line.ytd for line in lines), Decimal(0)),
    )


# --- the facts -------------------------------------------------------------------------------


def _schedule(rng: random.Random, frequency: str, year: int) -> tuple[int, date, date, date]:
    """(pay number in the year, period start, period end, pay date)."""
    delay = rng.choice((0, 3, 4, 5, 6))
    if frequency in ("weekly", "biweekly"):
        length = 7 if frequency == "weekly" else 14
        first_end = date(year, 1, 1) + timedelta(days=rng.randint(0, length - 1) - delay)
        while first_end + timedelta(days=delay) < date(year, 1, 1):
            first_end += timedelta(days=1)
        last = 1
        while first_end + timedelta(days=last * length + delay) <= date(year, 12, 31):
            last += 1
        number = 1 if rng.random() < 0.15 else rng.randint(2, last)
        end = first_end + timedelta(days=(number - 1) * length)
        return number, end - timedelta(days=length - 1), end, end + timedelta(days=delay)
    if frequency == "semimonthly":
        number = 1 if rng.random() < 0.15 else rng.randint(2, 23)
        month = (number + 1) // 2
        if number % 2:
            start, end = date(year, month, 1), date(year, month, 15)
        else:
            start, end = date(year, month, 16), month_end(year, month)
        return number, start, end, end + timedelta(days=min(delay, 5))
    number = 1 if rng.random() < 0.15 else rng.randint(2, 11)
    return number, date(year, number, 1), month_end(year, number), month_end(year, number)


def _facts(rng: random.Random, spec: Spec) -> Pay:
    year = rng.choice((2021, 2022, 2023, 2024, 2024))
    frequency = rng.choice(("weekly", "biweekly", "biweekly", "semimonthly", "monthly"))
    number, start, end, pay_date = _schedule(rng, frequency, year)
    periods = PERIODS_PER_YEAR[frequency]
    hourly = rng.random() < 0.55
    standard_hours = money(Decimal(2080) / periods)
    rate = money(Decimal(rng.randint(1500, 6800)) / 100)
    salary = money(Decimal(rng.randint(38, 190) * 1000 + rng.choice((0, 250, 500))) / periods)
    fed_rate = Decimal(rng.randint(6, 16)) / 100
    state = rng.choice(("OH", "ID", "OR", "NY", "GA", "WI", "CA", "MN", "KY", "TX", "WA", "FL"))
    state_rate = Decimal(0) if state in ("TX", "WA", "FL") else Decimal(rng.randint(2, 6)) / 100
    k401 = Decimal(rng.choice((0, 0, 3, 4, 5, 6, 8))) / 100
    medical = money(Decimal(rng.randint(20, 180)) * 12 / periods)
    dental = money(Decimal(rng.randint(5, 25)) * 12 / periods) if rng.random() < 0.6 else None
    pto_in_current = hourly and rng.random() < 0.3
    bonus_period = rng.randint(1, number) if rng.random() < 0.3 else None

    words = {
        "regular": spec.word("regular", REGULAR if hourly else SALARY),
        "overtime": spec.word("overtime", OVERTIME),
        "bonus": spec.word("bonus", BONUS),
        "pto": spec.word("pto", PTO),
    }
    sums: dict[str, list[Decimal]] = {}
    current: dict[str, tuple[Decimal, Decimal | None]] = {}
    for n in range(1, number + 1):
        amounts: dict[str, tuple[Decimal, Decimal | None]] = {}
        if hourly:
            hours = standard_hours - (Decimal(rng.choice((0, 0, 0, 2, 4, 8))) if n < number else 0)
            pto_hours = Decimal(8) if (n == number and pto_in_current) else Decimal(0)
            amounts["regular"] = (money((hours - pto_hours) * rate), hours - pto_hours)
            if pto_hours:
                amounts["pto"] = (money(pto_hours * rate), pto_hours)
            if rng.random() < 0.45:
                ot = Decimal(rng.choice((1, 2, 3.5, 4, 6, 7.25, 10)))
                amounts["overtime"] = (money(ot * rate * Decimal("1.5")), ot)
        else:
            amounts["regular"] = (salary, standard_hours if rng.random() < 0.5 else None)
        if bonus_period == n:
            amounts["bonus"] = (money(Decimal(rng.randint(250, 5000))), None)
        for key, (amount, hours_worked) in amounts.items():
            bucket = sums.setdefault(key, [Decimal(0), Decimal(0)])
            bucket[0] += amount
            bucket[1] += hours_worked or 0
        gross = sum((a for a, _ in amounts.values()), Decimal(0))
        withheld = {
            "401k": money(gross * k401),
            "medical": medical,
            **({"dental": dental} if dental else {}),
        }
        taxable = gross - withheld["401k"] - medical - (dental or 0)
        taxed = {
            "fed": money(taxable * fed_rate),
            "ss": money((gross - medical - (dental or 0)) * Decimal("0.062")),
            "medicare": money((gross - medical - (dental or 0)) * Decimal("0.0145")),
            **({"state": money(taxable * state_rate)} if state_rate else {}),
        }
        for key, amount in {**taxed, **withheld}.items():
            bucket = sums.setdefault(key, [Decimal(0), Decimal(0)])
            bucket[0] += amount
        if n == number:
            current = {**amounts, **{k: (v, None) for k, v in {**taxed, **withheld}.items()}}

    def line(key: str, name: str) -> Line:
        amount, hours_worked = current.get(key, (Decimal(0), None))
        ytd, ytd_hours = sums[key]
        line_rate = None
        if hours_worked and key in ("regular", "pto"):
            line_rate = rate if hourly else None
        elif hours_worked and key == "overtime":
            line_rate = money(rate * Decimal("1.5"))
        return Line(
            name,
            amount,
            ytd,
            hours=hours_worked,
            rate=line_rate,
            ytd_hours=ytd_hours if hours_worked else None,
        )

    earnings = [line(k, words[k]) for k in ("regular", "pto", "overtime", "bonus") if k in sums]
    state_label = spec.word("state", STATE).format(st=state)
    taxes = [
        line("fed", spec.word("fed", FED)),
        line("ss", spec.word("ss", SOCSEC)),
        line("medicare", spec.word("medicare", MEDICARE)),
        *([line("state", state_label)] if "state" in sums else []),
    ]
    deductions = [
        *(
            [line("401k", spec.rng.choice(("401(k)", "401K Pre-Tax", "Retirement 401k")))]
            if k401
            else []
        ),
        line("medical", spec.rng.choice(("Medical", "Health Ins", "Medical Pre-Tax"))),
        *([line("dental", spec.rng.choice(("Dental", "Dental Ins")))] if dental else []),
    ]
    pay = Pay(
        employer=people.company(rng),
        employee=people.person(rng),
        employee_id=people.digits(rng, rng.choice((5, 6, 7))),
        frequency=frequency,
        number=number,
        start=start,
        end=end,
        pay_date=pay_date,
        earnings=earnings,
        taxes=taxes,
        deductions=deductions,
        deposit_mask=rng.choice(("XXXXXX", "******", "xxxx", "...")) + people.digits(rng, 4),
        check_number=people.digits(rng, rng.choice((6, 7, 8))),
        state=state,
    )
    if number == 1:
        pay.notes.append("first pay of the year: YTD equals current")
    return pay


# --- drawing helpers -------------------------------------------------------------------------


def _amt(spec: Spec, value: Decimal) -> str:
    return spec.amount(value)


def _hours(value: Decimal | None) -> str:
    return f"{value:.2f}" if value else ""


def _period_pairs(spec: Spec, pay: Pay, *, frequency_printed: bool) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if spec.chance(0.5):
        pairs.append(
            (spec.word("period", PERIOD), f"{spec.date(pay.start)} - {spec.date(pay.end)}")
        )
    else:
        pairs.append((spec.word("begin", PERIOD_BEGIN), spec.date(pay.start)))
        pairs.append((spec.word("end", PERIOD_END), spec.date(pay.end)))
    pairs.append((spec.word("paydate", PAY_DATE), spec.date(pay.pay_date)))
    if frequency_printed:
        pairs.append(
            (
                spec.word("freq", FREQUENCY_LABEL),
                spec.rng.choice(FREQUENCY_TEXT[pay.frequency]),
            )
        )
    return pairs


def _employee_pairs(spec: Spec, pay: Pay, name: str) -> list[tuple[str, str]]:
    pairs = [(spec.word("employee", EMPLOYEE_LABEL), name)]
    pairs.append(
        (spec.rng.choice(("Employee ID", "Emp #", "File Number", "Employee No.")), pay.employee_id)
    )
    if pay.ssn_printed or spec.chance(0.5):
        pairs.append(
            (spec.word("ssn", ("SSN", "Soc Sec #", "Social Security No.")), spec.ssn(pay.employee))
        )
        pay.ssn_printed = True
    return pairs


def _table_style(spec: Spec, size: float | None = None) -> TableStyle:
    return TableStyle(
        size=size or spec.size,
        rules=spec.rng.choice(("lines", "grid", "shade", "none")),
        header_bold=spec.chance(0.8),
    )


def _earnings_table(
    sheet: Sheet,
    spec: Spec,
    pay: Pay,
    *,
    x: float,
    y: float,
    width: float,
    with_ytd: bool = True,
    gross_row: bool = True,
) -> float:
    current, ytd = spec.word("current", CURRENT), spec.word("ytd", YTD)
    columns = [
        Column(spec.rng.choice(("Earnings", "Description", "Pay Type", "Type"))),
        Column(spec.rng.choice(("Hours", "Hrs", "Units")), "right"),
        Column(spec.rng.choice(("Rate", "Pay Rate")), "right"),
        Column(current, "right"),
    ]
    if with_ytd:
        columns.append(Column(ytd, "right"))
    rows = []
    for line in pay.earnings:
        row = [
            line.name,
            _hours(line.hours),
            f"{line.rate:.2f}" if line.rate else "",
            _amt(spec, line.current) if line.current else "",
        ]
        if with_ytd:
            row.append(_amt(spec, line.ytd))
        rows.append(row)
    bold: frozenset[int] = frozenset()
    if gross_row:
        row = [spec.word("gross", GROSS), "", "", _amt(spec, pay.gross)]
        if with_ytd:
            row.append(_amt(spec, pay.gross_ytd))
        rows.append(row)
        bold = frozenset({len(rows) - 1})
    return table(sheet, x, y, width, columns, rows, _table_style(spec), bold_rows=bold)


def _withholding_table(
    sheet: Sheet,
    spec: Spec,
    lines: list[Line],
    title: str,
    total_label: str,
    *,
    x: float,
    y: float,
    width: float,
    with_ytd: bool = True,
) -> float:
    columns = [Column(title), Column(spec.word("current", CURRENT), "right")]
    if with_ytd:
        columns.append(Column(spec.word("ytd", YTD), "right"))
    rows = [
        [line.name, _amt(spec, line.current), *([_amt(spec, line.ytd)] if with_ytd else [])]
        for line in lines
    ]
    totals = _totals(lines)
    rows.append(
        [total_label, _amt(spec, totals[0]), *([_amt(spec, totals[1])] if with_ytd else [])]
    )
    return table(
        sheet, x, y, width, columns, rows, _table_style(spec), bold_rows=frozenset({len(rows) - 1})
    )


def _deposit_line(sheet: Sheet, spec: Spec, pay: Pay, *, x: float, y: float, width: float) -> float:
    """The net pay's destination: a masked account that is NOT an account record."""
    label = spec.word("deposit", DEPOSIT)
    kind = spec.rng.choice(("Checking", "Savings", "Acct", "Account"))
    text = f"{label}: {kind} {pay.deposit_mask}  {_amt(spec, pay.net[0])}"
    sheet.text(x, y, text, size=spec.size, max_width=width)
    pay.notes.append(f"masked deposit account {pay.deposit_mask} is not an account record")
    return y + spec.size * 1.6


def _title(sheet: Sheet, spec: Spec, x: float, y: float, width: float) -> float:
    title = spec.rng.choice(
        (
            "EARNINGS STATEMENT",
            "Pay Statement",
            "Statement of Earnings",
            "PAYROLL ADVICE",
            "Pay Stub",
        )
    )
    size = spec.size + 3
    sheet.text(
        x + width, y + size, title, size=size, bold=True, align="right", max_width=width * 0.45
    )
    return y + size * 1.6


def _employer_and_employee(
    sheet: Sheet, spec: Spec, pay: Pay, name: str, *, x: float, y: float, width: float
) -> float:
    """Employer letterhead (or a labelled employer line), then employee and period fields."""
    if spec.chance(0.7):
        y = letterhead(
            sheet,
            spec,
            pay.employer,
            x=x,
            y=y,
            width=width * 0.55,
            style=spec.rng.choice(("left", "rule")),
        )
    else:
        y = field_block(
            sheet,
            spec,
            [(spec.word("employer", EMPLOYER_LABEL), pay.employer.name)],
            x=x,
            y=y + spec.size,
            width=width * 0.6,
            placement="inline",
        )
        y += 4
    half = width / 2 - 10
    left_end = person_block(
        sheet,
        spec,
        [name],
        pay.employee,
        x=x,
        y=y + spec.size,
        width=half,
        upper=name.isupper(),
        bold_name=spec.chance(0.5),
    )
    pairs = _employee_pairs(spec, pay, name)[1:]
    pairs += _period_pairs(spec, pay, frequency_printed=spec.chance(0.6))
    right_end = field_block(
        sheet,
        spec,
        pairs,
        x=x + width / 2 + 10,
        y=y + spec.size,
        width=half,
        placement="inline" if spec.placement == "below" else spec.placement,
    )
    return max(left_end, right_end) + 6


# --- families --------------------------------------------------------------------------------


def _summary_grid(sheet: Sheet, spec: Spec, pay: Pay, name: str, x: float, width: float) -> None:
    y = _title(sheet, spec, x, 40, width)
    y = _employer_and_employee(sheet, spec, pay, name, x=x, y=y, width=width)
    gross, taxes = spec.word("gross", GROSS), spec.word("taxes", TAXES)
    deductions, net = spec.word("deductions", DEDUCTIONS), spec.word("net", NET)
    tax, ded = pay.tax_total, pay.deduction_total
    rows = [
        [
            spec.word("current", CURRENT),
            _amt(spec, pay.gross),
            _amt(spec, tax[0]),
            _amt(spec, ded[0]),
            _amt(spec, pay.net[0]),
        ],
        [
            spec.word("ytd", YTD),
            _amt(spec, pay.gross_ytd),
            _amt(spec, tax[1]),
            _amt(spec, ded[1]),
            _amt(spec, pay.net[1]),
        ],
    ]
    columns = [Column(""), *(Column(h, "right") for h in (gross, taxes, deductions, net))]
    style = TableStyle(size=spec.size + 0.5, rules=spec.rng.choice(("grid", "shade")))
    y = table(sheet, x, y, width, columns, rows, style) + 12
    y = _earnings_table(sheet, spec, pay, x=x, y=y, width=width, gross_row=spec.chance(0.5)) + 10
    half = width / 2 - 8
    left = _withholding_table(
        sheet,
        spec,
        pay.taxes,
        spec.rng.choice(("Taxes", "Tax", "Withholdings")),
        taxes,
        x=x,
        y=y,
        width=half,
    )
    right = _withholding_table(
        sheet,
        spec,
        pay.deductions,
        spec.rng.choice(("Deductions", "Benefits", "Pre-Tax")),
        deductions,
        x=x + half + 16,
        y=y,
        width=half,
    )
    _deposit_line(sheet, spec, pay, x=x, y=max(left, right) + 14, width=width)


def _earnings_layout(sheet: Sheet, spec: Spec, pay: Pay, name: str, x: float, width: float) -> None:
    y = _title(sheet, spec, x, 40, width)
    y = _employer_and_employee(sheet, spec, pay, name, x=x, y=y, width=width)
    side_by_side = spec.chance(0.5)
    main_width = width * 0.6 if side_by_side else width
    y_left = _earnings_table(sheet, spec, pay, x=x, y=y, width=main_width - 8)
    tax_total = spec.word("taxes", TAXES)
    ded_total = spec.word("deductions", DEDUCTIONS)
    if side_by_side:
        rx, rw = x + main_width + 4, width - main_width - 4
        ry = _withholding_table(sheet, spec, pay.taxes, "Taxes", tax_total, x=rx, y=y, width=rw)
        ry = _withholding_table(
            sheet, spec, pay.deductions, "Deductions", ded_total, x=rx, y=ry + 8, width=rw
        )
        y = max(y_left, ry) + 10
    else:
        y = _withholding_table(
            sheet, spec, pay.taxes, "Taxes", tax_total, x=x, y=y_left + 10, width=width
        )
        y = _withholding_table(
            sheet, spec, pay.deductions, "Deductions", ded_total, x=x, y=y + 8, width=width
        )
        y += 10
    net = spec.word("net", NET)
    y = field_block(
        sheet,
        spec,
        [(net, _amt(spec, pay.net[0])), (f"{net} {spec.word('ytd', YTD)}", _amt(spec, pay.net[1]))],
        x=x + width / 2,
        y=y + spec.size,
        width=width / 2,
        placement="right",
    )
    _deposit_line(sheet, spec, pay, x=x, y=y + 8, width=width)


def _two_page(sheet: Sheet, spec: Spec, pay: Pay, name: str, x: float, width: float) -> int:
    y = _title(sheet, spec, x, 40, width)
    y = _employer_and_employee(sheet, spec, pay, name, x=x, y=y, width=width)
    y = _earnings_table(sheet, spec, pay, x=x, y=y, width=width, with_ytd=False) + 10
    y = _withholding_table(
        sheet,
        spec,
        pay.taxes,
        "Taxes",
        spec.word("taxes", TAXES),
        x=x,
        y=y,
        width=width * 0.6,
        with_ytd=False,
    )
    y = _withholding_table(
        sheet,
        spec,
        pay.deductions,
        "Deductions",
        spec.word("deductions", DEDUCTIONS),
        x=x,
        y=y + 8,
        width=width * 0.6,
        with_ytd=False,
    )
    y = field_block(
        sheet,
        spec,
        [(spec.word("net", NET), _amt(spec, pay.net[0]))],
        x=x,
        y=y + 14,
        width=width * 0.6,
        placement="right",
    )
    _deposit_line(sheet, spec, pay, x=x, y=y + 6, width=width)
    sheet.text(x + width, 792 - 30, "Page 1 of 2", size=max(6.5, spec.size - 2), align="right")
    sheet.new_page()
    y = 50 + spec.size
    heading = spec.rng.choice(
        ("Year-to-Date Summary", "YTD Totals", "Year To Date Earnings and Deductions")
    )
    sheet.text(x, y, heading, size=spec.size + 2, bold=True)
    y += spec.size * 1.4
    sheet.text(x, y, f"{name}  -  {pay.employer.name}", size=spec.size, max_width=width)
    y += spec.size * 1.8
    ytd = spec.word("ytd", YTD)
    rows = [[line.name, _hours(line.ytd_hours), _amt(spec, line.ytd)] for line in pay.earnings]
    rows.append([spec.word("gross", GROSS), "", _amt(spec, pay.gross_ytd)])
    columns = [Column("Earnings"), Column("Hours", "right"), Column(ytd, "right")]
    y = (
        table(
            sheet,
            x,
            y,
            width * 0.7,
            columns,
            rows,
            _table_style(spec),
            bold_rows=frozenset({len(rows) - 1}),
        )
        + 10
    )
    rows = [[line.name, _amt(spec, line.ytd)] for line in pay.taxes + pay.deductions]
    rows.append([spec.word("net", NET), _amt(spec, pay.net[1])])
    table(
        sheet,
        x,
        y,
        width * 0.7,
        [Column("Taxes and Deductions"), Column(ytd, "right")],
        rows,
        _table_style(spec),
        bold_rows=frozenset({len(rows) - 1}),
    )
    sheet.text(x + width, 792 - 30, "Page 2 of 2", size=max(6.5, spec.size - 2), align="right")
    return 2


def _amount_words(value: Decimal) -> str:
    ones = (
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen",
        "Nineteen",
    )  # fmt: skip
    tens = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")

    def under_thousand(n: int) -> str:
        parts = []
        if n >= 100:
            parts.append(f"{ones[n // 100]} Hundred")
            n %= 100
        if n >= 20:
            parts.append(tens[n // 10] + (f"-{ones[n % 10]}" if n % 10 else ""))
        elif n or not parts:
            parts.append(ones[n])
        return " ".join(parts)

    dollars = int(value)
    cents = int((value - dollars) * 100)
    words = (
        f"{under_thousand(dollars // 1000)} Thousand {under_thousand(dollars % 1000)}"
        if dollars >= 1000
        else under_thousand(dollars)
    )
    return f"{words} and {cents:02d}/100 Dollars"


def _check_stub(sheet: Sheet, spec: Spec, pay: Pay, name: str, x: float, width: float) -> None:
    y = letterhead(sheet, spec, pay.employer, x=x, y=40, width=width * 0.6, style="left")
    size = spec.size
    sheet.text(x + width, 52, f"No. {pay.check_number}", size=size, align="right")
    sheet.text(x + width, 52 + size * 1.5, spec.date(pay.pay_date), size=size, align="right")
    y = max(y, 80) + 6
    sheet.text(x, y, "Pay to the order of", size=size - 1)
    sheet.text(
        x + sheet.width("Pay to the order of", size - 1) + 8,
        y,
        name,
        size=size,
        bold=True,
        max_width=width * 0.55,
    )
    sheet.text(
        x + width,
        y,
        spec.dollars(pay.net[0]).replace("$", "$**"),
        size=size + 1,
        bold=True,
        align="right",
    )
    y += size * 1.8
    sheet.text(x, y, _amount_words(pay.net[0]), size=size - 0.5, max_width=width)
    y += size * 1.8
    sheet.text(
        x + width / 2, y, "NON-NEGOTIABLE", size=size + 2, bold=True, align="center", gray=0.45
    )
    y += size * 2
    sheet.hline(x, x + width, y, dash=True)
    y += 16
    pairs = _employee_pairs(spec, pay, name) + _period_pairs(
        spec, pay, frequency_printed=spec.chance(0.5)
    )
    y = field_block(
        sheet, spec, pairs, x=x, y=y + size, width=width * 0.55, placement=spec.placement
    )
    y += 8
    current, ytd = spec.word("current", CURRENT), spec.word("ytd", YTD)
    rows = [
        [line.name, _hours(line.hours), _amt(spec, line.current), _amt(spec, line.ytd)]
        for line in pay.earnings
    ]
    gross_at = len(rows)
    rows.append([spec.word("gross", GROSS), "", _amt(spec, pay.gross), _amt(spec, pay.gross_ytd)])
    rows += [
        [line.name, "", _amt(spec, line.current), _amt(spec, line.ytd)]
        for line in pay.taxes + pay.deductions
    ]
    net = pay.net
    rows.append([spec.word("net", NET), "", _amt(spec, net[0]), _amt(spec, net[1])])
    columns = [
        Column("Description"),
        Column("Hours", "right"),
        Column(current, "right"),
        Column(ytd, "right"),
    ]
    y = table(
        sheet,
        x,
        y,
        width,
        columns,
        rows,
        _table_style(spec, size - 0.5),
        bold_rows=frozenset({gross_at, len(rows) - 1}),
    )
    _deposit_line(sheet, spec, pay, x=x, y=y + 12, width=width)


def _label_list(sheet: Sheet, spec: Spec, pay: Pay, name: str, x: float, width: float) -> None:
    y = letterhead(
        sheet,
        spec,
        pay.employer,
        x=x,
        y=40,
        width=width,
        style=spec.rng.choice(("center", "left", "bar")),
    )
    size = spec.size
    sheet.text(
        x,
        y + size,
        spec.rng.choice(("Employee Pay Statement", "Earnings Statement", "Wage Statement")),
        size=size + 2,
        bold=True,
    )
    y += size * 2.6
    placement = spec.rng.choice(("inline", "right"))
    pairs = _employee_pairs(spec, pay, name) + _period_pairs(
        spec, pay, frequency_printed=spec.chance(0.5)
    )
    y = field_block(sheet, spec, pairs, x=x, y=y, width=width * 0.7, placement=placement) + 8
    current = spec.word("current", CURRENT)
    ytd = spec.word("ytd", YTD)
    tax, ded = pay.tax_total, pay.deduction_total
    for heading, value_of in ((current, 0), (ytd, 1)):
        sheet.text(x, y, heading.upper(), size=size + 0.5, bold=True)
        sheet.hline(x, x + width * 0.7, y + 3)
        y += size * 1.6
        pairs = []
        for line in pay.earnings:
            amount = line.current if value_of == 0 else line.ytd
            if amount:
                pairs.append((line.name, _amt(spec, amount)))
        pairs += [
            (spec.word("gross", GROSS), _amt(spec, pay.gross if value_of == 0 else pay.gross_ytd)),
            (spec.word("taxes", TAXES), _amt(spec, tax[value_of])),
            (spec.word("deductions", DEDUCTIONS), _amt(spec, ded[value_of])),
            (spec.word("net", NET), _amt(spec, pay.net[value_of])),
        ]
        y = (
            field_block(sheet, spec, pairs, x=x + 10, y=y, width=width * 0.6, placement=placement)
            + 8
        )
    _deposit_line(sheet, spec, pay, x=x, y=y + 4, width=width)


def build(rng: random.Random, family: str) -> Drawn:
    spec = Spec.draw(
        rng,
        sizes=(7, 10),
        name_styles=("last_first_upper", "last_first_upper", "last_first", "upper", "natural"),
    )
    pay = _facts(rng, spec)
    name = spec.name(pay.employee)
    x, width = margins(spec)
    sheet = new_sheet(spec, spec.rng.choice(("Earnings Statement", "Pay Statement", "")))
    ytd_page = 1
    if family == "paystub/summary-grid":
        _summary_grid(sheet, spec, pay, name, x, width)
    elif family == "paystub/earnings-table":
        _earnings_layout(sheet, spec, pay, name, x, width)
    elif family == "paystub/two-page":
        ytd_page = _two_page(sheet, spec, pay, name, x, width)
    elif family == "paystub/check-stub":
        _check_stub(sheet, spec, pay, name, x, width)
    elif family == "paystub/label-list":
        _label_list(sheet, spec, pay, name, x, width)
    else:
        raise ValueError(f"unknown paystub family {family!r}")
    truth = DocumentTruth(doc_type="paystub", layout=family)
    employee = pay.employee
    truth.add_borrower(
        TruthBorrower(
            name=employee.truth_name,
            ssn_last4=employee.ssn_last4 if pay.ssn_printed else None,
            address=employee.address,
        )
    )
    for amount, period, page in (
        (pay.gross, pay.frequency, 1),
        (pay.gross_ytd, "ytd", ytd_page),
    ):
        truth.income_records.append(
            TruthIncome(
                borrower=employee.truth_name,
                amount=amount,
                period=period,
                year=pay.pay_date.year,
                source_type="paystub",
                employer=pay.employer.name,
                page=page,
            )
        )
    truth.notes += [
        f"pay {pay.number} of the year, {pay.frequency}",
        f"printed name {name!r}",
        *pay.notes,
    ]
    return done(sheet, truth)
