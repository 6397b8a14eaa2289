"""The people, employers and banks that appear across a generated corpus.

One cast per corpus, drawn from a seeded ``random.Random`` so that the same person shows up on a
W-2, a pay stub, a bank statement and a tax return (cross-document borrower matching), and so
that one name is shared by two different people with different SSNs (matching must not merge
them on the name alone). Every identifier is fake but well formed: SSNs use areas 900-999, which
are never issued; EINs, account numbers and phone numbers are random digits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pipeline.domain.model import Address

CENT = Decimal("0.01")

# Social Security wage base per tax year (box 3 is capped at it).
SS_WAGE_BASE = {2021: Decimal("142800"), 2022: Decimal("147000"), 2023: Decimal("160200")}
FREQUENCIES = ("weekly", "biweekly", "semimonthly", "monthly")
PERIODS_PER_YEAR = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12}

_FIRST = (
    "Maria", "James", "Aisha", "Robert", "Mei", "Daniel", "Priya", "Thomas", "Sofia", "Kevin",
    "Grace", "Marcus", "Elena", "Samuel", "Hannah", "Omar", "Laura", "Victor", "Nora", "Caleb",
)  # fmt: skip
_LAST = (
    "Gonzalez", "Whitfield", "Okafor", "Lindqvist", "Tanaka", "Brennan", "Raman", "Castillo",
    "Novak", "Delacroix", "Abernathy", "Kowalski", "Harrington", "Mbeki", "Sorensen", "Quintero",
)  # fmt: skip
# A name with accents, printed as such: normalisation must not depend on ASCII input.
_ACCENTED = ("José", "Ramírez")
_STREETS = (
    "Maple Avenue", "Oak Street", "Cedar Lane", "Pine Ridge Road", "Willow Court", "Lakeview Drive",
    "Hillcrest Boulevard", "Birch Way", "Sunset Terrace", "Meadowbrook Lane", "Elm Street",
    "Harbor View Drive", "Quarry Road", "Juniper Place",
)  # fmt: skip
_UNITS = ("Apt 4B", "Unit 12", "Apt. 302", "Suite 5", "#7")
_CITIES = (
    ("Springfield", "IL", "627"), ("Riverton", "WY", "825"), ("Fairview", "OR", "970"),
    ("Greenville", "SC", "296"), ("Madison", "WI", "537"), ("Franklin", "TN", "370"),
    ("Clinton", "IA", "527"), ("Georgetown", "TX", "786"), ("Salem", "MA", "019"),
    ("Arlington", "VA", "222"), ("Dayton", "OH", "454"), ("Aurora", "CO", "800"),
)  # fmt: skip
_EMPLOYERS = (
    "Northwind Logistics LLC", "Bluestem Health Partners", "Crescent Valley Schools",
    "Ironbridge Manufacturing Inc.", "Harborlight Software Corp", "Pinecrest Dental Group",
    "Summit Ridge Engineering", "Golden Prairie Foods Inc.", "Redwood Analytics LLC",
    "Lakeshore Property Management", "Atlas Freight Systems", "Meridian Insurance Agency",
)  # fmt: skip
_SIDE_EMPLOYERS = ("Corner Bistro LLC", "Weekend Warehouse Co", "Brightside Tutoring Inc.")
_TITLES = (
    "Senior Analyst", "Registered Nurse", "Warehouse Supervisor", "Software Engineer",
    "Office Manager", "Teacher", "Account Executive", "Maintenance Technician", "Dental Hygienist",
    "Project Coordinator", "Machine Operator", "Customer Service Lead",
)  # fmt: skip
_HOURLY_TITLES = ("Machine Operator", "Customer Service Lead", "Maintenance Technician")
_BANKS = (
    ("First Harbor Bank", "bank"), ("Cedar Valley Credit Union", "credit_union"),
    ("Summit National Bank", "bank"), ("Prairie Trust Bank, N.A.", "bank"),
    ("Keystone Community Credit Union", "credit_union"),
)  # fmt: skip
PAYERS_1099 = {
    "nec": ("Brightline Consulting Group", "Oakmont Media LLC", "Trailhead Events Inc."),
    "int": ("First Harbor Bank", "Summit National Bank", "Cedar Valley Credit Union"),
    "misc": ("Lakeshore Property Management", "Granite Royalty Partners", "Acorn Prize Fund"),
    "div": ("Evergreen Brokerage Services", "Pioneer Mutual Funds", "Northstar Investments"),
}


def money(value: Decimal | float | int | str) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    ssn: str  # 9 digits
    address: Address

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def ssn_last4(self) -> str:
        return self.ssn[-4:]


@dataclass(frozen=True)
class Employer:
    name: str
    ein: str  # "NN-NNNNNNN"
    address: Address
    phone: str


@dataclass(frozen=True)
class Job:
    employer: Employer
    title: str
    hire_date: date
    annual_salary: Decimal  # current (2024) base pay
    frequency: str
    hourly_rate: Decimal | None = None
    hours_per_week: Decimal | None = None
    retirement_rate: Decimal = Decimal("0")  # pre-tax 401(k) share of gross

    def salary_in(self, year: int) -> Decimal:
        """Gross pay in a past tax year: the current salary less a 3% raise per year."""
        return money(self.annual_salary / (Decimal("1.03") ** (2024 - year)))

    def w2_boxes(self, year: int) -> dict[str, Decimal]:
        gross = self.salary_in(year)
        deferral = money(gross * self.retirement_rate)
        wages = gross - deferral
        ss_wages = min(gross, SS_WAGE_BASE.get(year, SS_WAGE_BASE[2023]))
        return {
            "1": wages,
            "2": money(wages * Decimal("0.134")),
            "3": ss_wages,
            "4": money(ss_wages * Decimal("0.062")),
            "5": gross,
            "6": money(gross * Decimal("0.0145")),
            "12_D": deferral,
            "16": wages,
            "17": money(wages * Decimal("0.0412")),
        }


@dataclass(frozen=True)
class Institution:
    name: str
    kind: str  # "bank" | "credit_union"
    address: Address
    phone: str


@dataclass
class Member:
    """A person with their jobs and household; the unit documents are generated for."""

    person: Person
    job: Job
    side_job: Job | None = None
    spouse: Member | None = None
    bank: Institution | None = None
    account_number: str = ""
    account_type: str = "checking"
    jobs: list[Job] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.jobs = [self.job] + ([self.side_job] if self.side_job else [])

    def wages(self, year: int) -> Decimal:
        return sum((job.w2_boxes(year)["1"] for job in self.jobs), Decimal("0"))


@dataclass
class Cast:
    members: list[Member]
    namesake: Member  # same name as members[0], different person
    banks: list[Institution]


def _ssn(rng: random.Random, used: set[str]) -> str:
    while True:
        ssn = f"{rng.randint(900, 999)}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if ssn not in used:
            used.add(ssn)
            return ssn


def _address(rng: random.Random, *, unit_chance: float = 0.25) -> Address:
    city, state, zip3 = rng.choice(_CITIES)
    street = f"{rng.randint(12, 9870)} {rng.choice(_STREETS)}"
    if rng.random() < unit_chance:
        street += f" {rng.choice(_UNITS)}"
    return Address(street=street, city=city, state=state, zip=f"{zip3}{rng.randint(1, 99):02d}")


def _phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}"


def _employer(rng: random.Random, name: str) -> Employer:
    ein = f"{rng.randint(10, 98):02d}-{rng.randint(1000000, 9999999)}"
    return Employer(name=name, ein=ein, address=_address(rng, unit_chance=0.5), phone=_phone(rng))


def _job(rng: random.Random, employer: Employer, *, side: bool = False) -> Job:
    hire = date(rng.randint(2009, 2021), rng.randint(1, 12), rng.randint(1, 28))
    if side:
        rate = money(rng.randint(1500, 2400) / 100)
        hours = Decimal(rng.choice(("12", "15", "16", "20")))
        salary = money(rate * hours * 52)
        return Job(employer, "Part-time Associate", hire, salary, "biweekly", rate, hours)
    if rng.random() < 0.3:
        rate = money(rng.randint(1850, 4275) / 100)
        hours = Decimal(rng.choice(("40", "40", "37.5", "36", "32")))
        salary = money(rate * hours * 52)
        return Job(
            employer,
            rng.choice(_HOURLY_TITLES),
            hire,
            salary,
            rng.choice(("weekly", "biweekly")),
            rate,
            hours,
            Decimal(rng.choice(("0", "0.03", "0.05"))),
        )
    salary = Decimal(rng.randrange(42_000, 168_000, 250)) + Decimal(rng.choice(("0", "0", "0.50")))
    return Job(
        employer,
        rng.choice(_TITLES),
        hire,
        money(salary),
        rng.choice(FREQUENCIES),
        retirement_rate=Decimal(rng.choice(("0.04", "0.05", "0.06", "0.08", "0.1"))),
    )


def _account_number(rng: random.Random) -> str:
    length = rng.randint(8, 14)
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))


def build_cast(rng: random.Random, size: int) -> Cast:
    """``size`` households' primary members (at least 4), spouses for some, and one namesake."""
    size = max(size, 4)
    used_ssns: set[str] = set()
    firsts = rng.sample(_FIRST, len(_FIRST))
    lasts = rng.sample(_LAST, len(_LAST))
    employers = [_employer(rng, n) for n in rng.sample(_EMPLOYERS, len(_EMPLOYERS))]
    side_employers = [_employer(rng, n) for n in _SIDE_EMPLOYERS]
    banks = [
        Institution(name, kind, _address(rng, unit_chance=0), _phone(rng)) for name, kind in _BANKS
    ]

    def new_person(first: str, last: str, address: Address | None = None) -> Person:
        return Person(first, last, _ssn(rng, used_ssns), address or _address(rng))

    members: list[Member] = []
    for i in range(size):
        first, last = _ACCENTED if i == 3 else (firsts[i % len(firsts)], lasts[i % len(lasts)])
        person = new_person(first, last)
        member = Member(
            person=person,
            job=_job(rng, employers[i % len(employers)]),
            side_job=_job(rng, side_employers[i % 3], side=True) if i % 4 == 2 else None,
            bank=banks[i % len(banks)],
            account_number=_account_number(rng),
            account_type="savings" if i % 5 == 4 else "checking",
        )
        if i % 3 == 1:
            spouse_person = new_person(firsts[-1 - i], last, person.address)
            member.spouse = Member(
                person=spouse_person, job=_job(rng, employers[(i + 5) % len(employers)])
            )
        members.append(member)
    first0 = members[0].person
    namesake = Member(
        person=new_person(first0.first, first0.last),
        job=_job(rng, employers[(size + 3) % len(employers)]),
        bank=banks[(size + 1) % len(banks)],
        account_number=_account_number(rng),
    )
    return Cast(members=members, namesake=namesake, banks=banks)
