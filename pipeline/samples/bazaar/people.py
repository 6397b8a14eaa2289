"""People, addresses, organisations and number formats shared by the bazaar kinds.

Only the cast lives here; every layout (what is printed where, in which words) belongs to its
kind's module.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST_NAMES = (
    "Adaeze",
    "Bartholomew",
    "Camila",
    "Dmitri",
    "Esperanza",
    "Farouk",
    "Gwendolyn",
    "Hiroshi",
    "Imogen",
    "Jamal",
    "Katarzyna",
    "Leopold",
    "Marisol",
    "Nikhil",
    "Oluwaseun",
    "Priyanka",
    "Quentin",
    "Rosalind",
    "Santiago",
    "Thuy",
    "Ulrich",
    "Valentina",
    "Winston",
    "Xiomara",
    "Yusuf",
    "Zofia",
    "Bernadette",
    "Cornelius",
    "Dolores",
    "Ezekiel",
    "Francesca",
    "Gideon",
    "Harriet",
    "Ignacio",
    "Josephine",
    "Kwame",
    "Lucille",
    "Mateo",
    "Noor",
    "Octavia",
    "Percival",
    "Rashida",
    "Soren",
    "Tabitha",
    "Vikram",
    "Wilhelmina",
    "Yolanda",
    "Zachariah",
    "Anh",
    "Bo",
    "Cy",
    "Dee",
    "Eli",
    "Jo",
    "Kai",
    "Lu",
    "Ty",
)
LAST_NAMES = (
    "Abernathy",
    "Bjornstad",
    "Castellanos",
    "Delacroix",
    "Eze",
    "Fitzgerald",
    "Gonsalves",
    "Hakimi",
    "Ishikawa",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "MacAllister",
    "Nakamura",
    "Okonkwo",
    "Papadopoulos",
    "Quintanilla",
    "Rasmussen",
    "Szabo",
    "Thibodeaux",
    "Underwood",
    "Vanderbilt",
    "Whitfield",
    "Xu",
    "Yamamoto",
    "Zielinski",
    "O'Connell",
    "McKenna",
    "De la Cruz",
    "Van Houten",
    "St. Pierre",
    "Al-Rashid",
    "Ng",
    "Le",
    "Ortiz-Mendoza",
    "Baptiste",
    "Chaudhry",
    "Dunleavy",
    "Esposito",
    "Fairweather",
    "Grünewald",
    "Holloway",
    "Iverson",
    "Jaramillo",
    "Kuznetsov",
    "Lefebvre",
    "Mbeki",
    "Nwosu",
    "Ostrowski",
    "Pemberton",
)
SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")

STREET_NAMES = (
    "Juniper",
    "Old Mill",
    "Harbor View",
    "Saddleback",
    "Winding Creek",
    "Chestnut Hill",
    "Lighthouse",
    "Quarry",
    "Bramble",
    "Sycamore Ridge",
    "Foxglove",
    "Ironwood",
    "Bellflower",
    "Martin Luther King Jr",
    "Prospect",
    "Ridgecrest",
    "Ashbury",
    "Tamarack",
)
STREET_TYPES = (
    "Street",
    "Avenue",
    "Road",
    "Lane",
    "Drive",
    "Court",
    "Parkway",
    "Circle",
    "Trail",
    "Place",
    "Terrace",
    "Highway",
    "Boulevard",
    "Loop",
    "Pike",
)
STREET_ABBREVIATIONS = {
    "Street": "St",
    "Avenue": "Ave",
    "Road": "Rd",
    "Lane": "Ln",
    "Drive": "Dr",
    "Court": "Ct",
    "Parkway": "Pkwy",
    "Circle": "Cir",
    "Trail": "Trl",
    "Place": "Pl",
    "Terrace": "Ter",
    "Highway": "Hwy",
    "Boulevard": "Blvd",
    "Loop": "Loop",
    "Pike": "Pike",
}
CITIES = (
    ("Albuquerque", "NM", "871"),
    ("Bismarck", "ND", "585"),
    ("Chattanooga", "TN", "374"),
    ("Duluth", "MN", "558"),
    ("Eugene", "OR", "974"),
    ("Fort Wayne", "IN", "468"),
    ("Grand Rapids", "MI", "495"),
    ("Hartford", "CT", "061"),
    ("Idaho Falls", "ID", "834"),
    ("Jackson", "MS", "392"),
    ("Kalamazoo", "MI", "490"),
    ("Lubbock", "TX", "794"),
    ("Macon", "GA", "312"),
    ("Newark", "NJ", "071"),
    ("Ocala", "FL", "344"),
    ("Provo", "UT", "846"),
    ("Quincy", "MA", "021"),
    ("Reno", "NV", "895"),
    ("Savannah", "GA", "314"),
    ("Tacoma", "WA", "984"),
    ("Utica", "NY", "135"),
    ("Vallejo", "CA", "945"),
    ("Wilmington", "DE", "198"),
    ("Yonkers", "NY", "107"),
    ("St. Louis", "MO", "631"),
    ("Winston-Salem", "NC", "271"),
    ("Coeur d'Alene", "ID", "838"),
)


@dataclass(frozen=True)
class Person:
    first: str
    middle: str = ""  # a full middle name, an initial, or nothing
    last: str = ""
    suffix: str = ""

    @property
    def middle_initial(self) -> str:
        return self.middle[:1]

    def natural(self, *, initial: bool = True, suffix: bool = True) -> str:
        """ "Gwendolyn R. Okonkwo Jr." (``initial``: the middle name shortened to its initial)."""
        middle = ""
        if self.middle:
            middle = f"{self.middle_initial}." if initial or len(self.middle) == 1 else self.middle
        parts = [self.first, middle, self.last, self.suffix if suffix else ""]
        return " ".join(p for p in parts if p)

    def last_first(self, *, initial: bool = True, suffix: bool = True) -> str:
        """ "Okonkwo Jr., Gwendolyn R"."""
        middle = self.middle_initial if initial else self.middle
        last = f"{self.last} {self.suffix}" if suffix and self.suffix else self.last
        return f"{last}, {' '.join(p for p in (self.first, middle) if p)}"

    def truth(self, *, initial: bool = True, suffix: bool = True) -> str:
        """The name as the truth records it: natural order, as printed, without dots."""
        return self.natural(initial=initial, suffix=suffix).replace(".", "").replace("  ", " ")


@dataclass(frozen=True)
class Address:
    number: str
    street: str  # "Juniper"
    street_type: str  # "Street"
    unit: str  # "" or "Apt 4B"
    city: str
    state: str
    zip: str

    def street_line(self, *, abbreviate: bool = True) -> str:
        kind = STREET_ABBREVIATIONS[self.street_type] if abbreviate else self.street_type
        line = f"{self.number} {self.street} {kind}"
        return f"{line} {self.unit}" if self.unit else line

    def city_line(self) -> str:
        return f"{self.city}, {self.state} {self.zip}"

    def truth(self) -> dict[str, str]:
        return {
            "street": self.street_line(),
            "city": self.city,
            "state": self.state,
            "zip": self.zip[:5],
        }


def make_person(rng: random.Random, last: str | None = None) -> Person:
    roll = rng.random()
    if roll < 0.35:
        middle = rng.choice("ABCDEFGHJKLMNPRSTVW")
    elif roll < 0.50:
        middle = rng.choice(FIRST_NAMES)
    else:
        middle = ""
    suffix = rng.choice(SUFFIXES) if rng.random() < 0.06 else ""
    return Person(rng.choice(FIRST_NAMES), middle, last or rng.choice(LAST_NAMES), suffix)


def make_partner(rng: random.Random, first: Person) -> Person:
    """A co-borrower or spouse: the same surname more often than not, never the same given name."""
    second = make_person(rng, first.last if rng.random() < 0.6 else None)
    while second.first == first.first:
        second = make_person(rng, second.last)
    return second


def make_address(rng: random.Random) -> Address:
    unit = ""
    if rng.random() < 0.25:
        kind = rng.choice(("Apt", "Unit", "Ste", "#"))
        unit = f"{kind} {rng.randint(1, 420)}{rng.choice(('', 'A', 'B'))}"
    city, state, prefix = rng.choice(CITIES)
    zip_code = f"{prefix}{rng.randint(1, 99):02d}"
    if rng.random() < 0.3:
        zip_code += f"-{rng.randint(1, 9999):04d}"
    return Address(
        str(rng.randint(3, 29999)),
        rng.choice(STREET_NAMES),
        rng.choice(STREET_TYPES),
        unit,
        city,
        state,
        zip_code,
    )


def digits(rng: random.Random, n: int) -> str:
    """``n`` random digits, the first never 0."""
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def ssn(rng: random.Random) -> str:
    """A fake SSN ("9xx" area numbers are never issued)."""
    return f"9{rng.randint(0, 99):02d}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


def ein(rng: random.Random) -> str:
    return f"{rng.randint(10, 99)}-{digits(rng, 7)}"


def money(cents: int, *, dollar: bool = False, commas: bool = True) -> str:
    """ "1,234.56" ("$1,234.56" with ``dollar``; "(1,234.56)" below zero)."""
    text = f"{abs(cents) / 100:,.2f}" if commas else f"{abs(cents) / 100:.2f}"
    text = f"${text}" if dollar else text
    return f"({text})" if cents < 0 else text


def amount(cents: int) -> str:
    """The truth's form of an amount: "84512.30"."""
    return f"{cents / 100:.2f}"
