"""Fictional people, employers, banks and addresses for the randomized generator.

Name lists are this generator's own (accented, hyphenated and apostrophe names included, since
real borrowers have them). Every identifier is fake but well formed: SSNs use areas 900-999, which
are never issued; phone numbers use the 555-01xx block reserved for fiction; EINs and account
numbers are random digits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pipeline.domain.model import Address

_FIRST = (
    "Adaeze", "Beatriz", "Callum", "Dmitri", "Eleanor", "Fatima", "Gideon", "Harriet", "Ignacio",
    "Jolene", "Kwame", "Lorenzo", "Marisol", "Nathaniel", "Odette", "Percival", "Rosalind",
    "Soren", "Tamsin", "Ulysses", "Vivienne", "Wendell", "Ximena", "Yusuf", "Zachary", "Bernadette",
    "Cornelius", "Delphine", "Everett", "Francesca", "Hollis", "Imogen", "Jasper", "Leopold",
    "Maribel", "Noelle", "Oswaldo", "Prudence", "Reginald", "Sunita", "Thaddeus", "Wilhelmina",
    # Accented and hyphenated first names: normalisation must not assume ASCII or one word.
    "José", "Zoë", "Renée", "Inés", "Björn", "Chloé", "Andrés", "Lucía", "Agnès", "Léa",
    "Jean-Luc", "Mary-Kate", "Anne-Marie", "Li-Wei",
)  # fmt: skip
_LAST = (
    "Abernethy", "Balogun", "Castellanos", "Drummond", "Eskildsen", "Fairweather", "Galloway",
    "Hargreaves", "Iwasaki", "Jablonski", "Kettering", "Lindgren", "Mwangi", "Nakashima",
    "Oyelaran", "Pemberton", "Quiñones", "Rasmussen", "Szymanski", "Thistlewood", "Underhill",
    "Vasquez", "Whitcombe", "Yarborough", "Zielinski", "Ashcroft", "Blackwood", "Chakraborty",
    "Delgado", "Ellingsen", "Fonseca", "Grünewald", "Holloway", "Ibarra", "Kowalczyk", "Lacroix",
    "Montgomery", "Nørgaard", "Okonkwo", "Pacheco", "Ramanathan", "Sandoval", "Trevelyan",
    # Accented, hyphenated and apostrophe surnames.
    "Peña", "Muñoz", "Núñez", "Doležal", "Ó Briain", "Smith-Jones", "García-López",
    "Okafor-Reyes", "Bell-Whitaker", "O'Donnell", "D'Amico", "McAllister", "St. Clair",
)  # fmt: skip
_MIDDLE = "ABCDEFGHJKLMNPRSTVW"

_STREET_NAMES = (
    "Alder", "Bramble", "Chestnut", "Dogwood", "Foxglove", "Hawthorn", "Ivywood", "Larch",
    "Magnolia", "Nettle", "Orchard", "Primrose", "Quince", "Rowan", "Sycamore", "Thornbury",
    "Wisteria", "Yarrow", "Beacon Hill", "Cold Spring", "Deer Run", "Eagle Crest", "Fieldstone",
    "Glen Echo", "Heron Bay", "Indian Creek", "Kings Mill", "Millrace", "Old Post", "Red Fox",
)  # fmt: skip
_STREET_TYPES = (
    "Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place", "Terrace", "Circle",
    "Boulevard", "Trail", "St", "Ave", "Rd", "Dr", "Ln",
)  # fmt: skip
_UNITS = ("Apt", "Apt.", "Unit", "Suite", "#", "Ste")
_CITIES = (
    ("Dayton", "OH", "454"), ("Boise", "ID", "837"), ("Eugene", "OR", "974"),
    ("Tulsa", "OK", "741"),
    ("Albany", "NY", "122"), ("Savannah", "GA", "314"), ("Madison", "WI", "537"),
    ("Spokane", "WA", "992"), ("Fresno", "CA", "937"), ("Lubbock", "TX", "794"),
    ("Burlington", "VT", "054"), ("Portland", "ME", "041"), ("Asheville", "NC", "288"),
    ("Santa Fe", "NM", "875"), ("Duluth", "MN", "558"), ("Lexington", "KY", "405"),
    ("Provo", "UT", "846"), ("Fort Collins", "CO", "805"), ("Ann Arbor", "MI", "481"),
    ("Baton Rouge", "LA", "708"), ("Greenville", "SC", "296"), ("Des Moines", "IA", "503"),
    ("Scranton", "PA", "185"), ("Pensacola", "FL", "325"), ("Reno", "NV", "895"),
    ("Tacoma", "WA", "984"), ("Coeur d'Alene", "ID", "838"), ("St. Cloud", "MN", "563"),
    ("Winston-Salem", "NC", "271"), ("Wilkes-Barre", "PA", "187"), ("Cheyenne", "WY", "820"),
    ("Bozeman", "MT", "597"), ("Flagstaff", "AZ", "860"), ("Lafayette", "IN", "479"),
)  # fmt: skip

_COMPANY_HEADS = (
    "Blue Heron", "Northgate", "Summit Ridge", "Copperleaf", "Ironwood", "Bright Harbor", "Kestrel",
    "Marigold", "Tidewater", "Granite Peak", "Lakeshore", "Prairie Wind", "Silver Pine", "Redstone",
    "Evergreen Valley", "Cobalt", "Brightwater", "Larkspur", "Fairhaven", "Westbrook", "Oakhurst",
    "Meridian", "Sable Creek", "Halcyon", "Juniper Hill", "Quarry Lane", "Sterling Mesa", "Ambrose",
)  # fmt: skip
_COMPANY_TRADES = (
    "Logistics", "Dental Group", "Health Partners", "Manufacturing", "Software", "Analytics",
    "Construction", "Foods", "Veterinary Clinic", "Engineering", "Freight", "Hospitality Group",
    "Medical Center", "Insurance Agency", "Property Management", "Robotics", "Architects",
    "Home Health", "Precision Tooling", "Staffing Solutions", "Data Systems", "Outfitters",
)  # fmt: skip
_COMPANY_SUFFIXES = ("Inc.", "LLC", "Corp.", "Co.", "Ltd.", "Incorporated", "L.L.C.", "", "")
_PUBLIC_EMPLOYERS = (
    "{city} Unified School District",
    "City of {city}",
    "{city} Regional Hospital Authority",
    "County of {city}",
)
_BANK_HEADS = (
    "Riverbend", "Granite State", "Cascade", "First Prairie", "Harborline", "Bluestem", "Old Mill",
    "Keystone Valley", "Pioneer Trust", "Sunward", "Great Plains", "Tri-County", "Lighthouse",
    "Heartland", "Ridgeline", "Cornerstone", "Bay Colony", "Frontier",
)  # fmt: skip
_BANK_KINDS = (
    "Bank", "Bank, N.A.", "Federal Credit Union", "Savings Bank", "National Bank", "Credit Union",
    "Bank & Trust",
)  # fmt: skip
_BROKER_KINDS = ("Securities LLC", "Investment Services", "Brokerage Services, Inc.", "Wealth LLC")
_TITLES = (
    "Registered Nurse", "Warehouse Associate", "Senior Software Engineer", "Dental Hygienist",
    "Project Manager", "Line Cook", "Staff Accountant", "Maintenance Technician",
    "Customer Service Representative", "Field Engineer", "Pharmacy Technician", "Teacher",
    "Operations Supervisor", "Medical Assistant", "Truck Driver", "Data Analyst", "Electrician",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    """A fictional person. ``middle`` is an initial or None; when present it is always printed,
    so the truth name (``first [middle] last``) matches every printed form."""

    first: str
    middle: str | None
    last: str
    ssn: str  # nine digits, area 900-999
    address: Address
    unit_line: str | None  # printed on its own line when present

    @property
    def truth_name(self) -> str:
        return " ".join(part for part in (self.first, self.middle, self.last) if part)

    @property
    def ssn_last4(self) -> str:
        return self.ssn[-4:]


@dataclass(frozen=True)
class Organisation:
    name: str
    address: Address
    phone: str
    ein: str


def person(
    rng: random.Random, *, last: str | None = None, address: Address | None = None
) -> Person:
    middle = rng.choice(_MIDDLE) if rng.random() < 0.55 else None
    addr, unit = (address, None) if address else street_address(rng)
    return Person(
        first=rng.choice(_FIRST),
        middle=middle,
        last=last or rng.choice(_LAST),
        ssn=ssn(rng),
        address=addr,
        unit_line=unit,
    )


def spouse_of(rng: random.Random, partner: Person) -> Person:
    """A spouse at the same address; most share the surname."""
    last = partner.last if rng.random() < 0.75 else None
    other = person(rng, last=last, address=partner.address)
    while other.first == partner.first:
        other = person(rng, last=last, address=partner.address)
    return other


def ssn(rng: random.Random) -> str:
    return f"{rng.randint(900, 999)}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def ein(rng: random.Random) -> str:
    return f"{rng.randint(10, 98)}-{rng.randint(1_000_000, 9_999_999)}"


def phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"


def digits(rng: random.Random, count: int) -> str:
    first = str(rng.randint(1, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in range(count - 1))


def street_address(rng: random.Random) -> tuple[Address, str | None]:
    """An address and, sometimes, a unit printed on its own line.

    The truth street carries the unit as well ("12 Alder Lane Apt 4B"): one string per address
    whatever the printed arrangement.
    """
    city, state, zip3 = rng.choice(_CITIES)
    street = f"{rng.randint(2, 19999)} {rng.choice(_STREET_NAMES)} {rng.choice(_STREET_TYPES)}"
    zip5 = f"{zip3}{rng.randint(1, 99):02d}"
    unit = None
    if rng.random() < 0.3:
        number = rng.choice((str(rng.randint(1, 40)), f"{rng.randint(1, 9)}{rng.choice('ABCD')}"))
        unit = f"{rng.choice(_UNITS)} {number}".replace("# ", "#")
    return Address(
        street=f"{street} {unit}" if unit else street, city=city, state=state, zip=zip5
    ), unit


def zip_line(rng: random.Random, address: Address) -> str:
    """``City, ST 12345`` or with ZIP+4."""
    zip_code = address.zip
    if rng.random() < 0.35:
        zip_code = f"{zip_code}-{rng.randint(1, 9999):04d}"
    sep = rng.choice((", ", ", ", " "))
    return f"{address.city}{sep}{address.state} {zip_code}"


def address_lines(
    rng: random.Random, address: Address, unit: str | None, *, upper: bool = False
) -> list[str]:
    """The printed lines of an address: street (with the unit inline or on its own line), city."""
    street = address.street
    lines = [street[: -len(unit) - 1], unit] if unit and rng.random() < 0.5 else [street]
    lines.append(zip_line(rng, address))
    return [line.upper() for line in lines] if upper else lines


def company(rng: random.Random) -> Organisation:
    addr, _ = street_address(rng)
    if rng.random() < 0.1:
        name = rng.choice(_PUBLIC_EMPLOYERS).format(city=addr.city)
    else:
        suffix = rng.choice(_COMPANY_SUFFIXES)
        name = f"{rng.choice(_COMPANY_HEADS)} {rng.choice(_COMPANY_TRADES)}"
        if suffix:
            name += ("," if suffix in ("Inc.", "Incorporated") and rng.random() < 0.5 else "") + (
                f" {suffix}"
            )
    return Organisation(name=name, address=addr, phone=phone(rng), ein=ein(rng))


def bank(rng: random.Random) -> Organisation:
    addr, _ = street_address(rng)
    name = f"{rng.choice(_BANK_HEADS)} {rng.choice(_BANK_KINDS)}"
    return Organisation(name=name, address=addr, phone=phone(rng), ein=ein(rng))


def brokerage(rng: random.Random) -> Organisation:
    addr, _ = street_address(rng)
    name = f"{rng.choice(_COMPANY_HEADS)} {rng.choice(_BROKER_KINDS)}"
    return Organisation(name=name, address=addr, phone=phone(rng), ein=ein(rng))


def job_title(rng: random.Random) -> str:
    return rng.choice(_TITLES)
