"""Pieces every extractor shares: evidence with masked snippets, confidence, borrower keys."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pipeline.domain.extracted import Evidence, ExtractedBorrower
from pipeline.domain.model import Address, normalize_name
from pipeline.extraction.layout import Box, Hit, Layout, Line, Token, split_figure, union_all
from pipeline.extraction.values import (
    LEADING_SPECKS,
    clean_org,
    find_dates,
    looks_like_street,
    ocr_digits,
    parse_address,
    parse_city_line,
    person_name,
    without_trailing_specks,
)
from pipeline.pii import redact

_SNIPPET_MAX = 120


def snippet(text: str) -> str:
    """A short, masked excerpt: no full SSN or account number survives ``redact``."""
    text = " ".join(text.split())
    if len(text) > _SNIPPET_MAX:
        text = text[: _SNIPPET_MAX - 1] + "…"
    return redact(text)


def base_confidence(layout: Layout) -> float:
    """Text layers are exact; OCR starts lower."""
    return 0.8 if layout.ocr else 0.95


def evidence(
    layout: Layout,
    section: str,
    text: str,
    box: Box | None,
    confidence: float = 1.0,
) -> Evidence:
    return Evidence(
        page_number=layout.page_number,
        section=section,
        snippet=snippet(text),
        bbox=_rounded(layout.page_box(box)) if box is not None and layout.has_boxes else None,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
    )


def token_confidence(layout: Layout, token: Token | None, label_score: float = 1.0) -> float:
    conf = base_confidence(layout) * label_score
    if token is not None and layout.ocr:
        conf *= 0.5 + 0.5 * max(0.0, min(1.0, token.confidence))
    return round(conf, 3)


def _rounded(box: Box) -> tuple[float, float, float, float]:
    return (round(box.left, 4), round(box.top, 4), round(box.right, 4), round(box.bottom, 4))


@dataclass
class BorrowerSet:
    """Borrowers of one result, one entry per person: the same SSN or name gets the same key."""

    borrowers: list[ExtractedBorrower] = field(default_factory=list)

    def add(
        self,
        *,
        name: str,
        evidence: Evidence,
        ssn: str | None = None,
        ssn_last4: str | None = None,
        address: Address | None = None,
        employer: str | None = None,
        confidence: float = 1.0,
    ) -> str:
        norm = normalize_name(name)
        for i, b in enumerate(self.borrowers):
            same_ssn = ssn is not None and b.ssn == ssn
            conflicting_ssn = ssn is not None and b.ssn is not None and b.ssn != ssn
            if same_ssn or (normalize_name(b.name) == norm and not conflicting_ssn):
                self.borrowers[i] = ExtractedBorrower(
                    key=b.key,
                    name=b.name,
                    evidence=b.evidence,
                    ssn=b.ssn or ssn,
                    ssn_last4=b.ssn_last4 or (None if (b.ssn or ssn) else ssn_last4),
                    address=b.address or address,
                    employer=b.employer or employer,
                    confidence=max(b.confidence, confidence),
                )
                return b.key
        key = f"b{len(self.borrowers) + 1}"
        self.borrowers.append(
            ExtractedBorrower(
                key=key,
                name=name,
                evidence=evidence,
                ssn=ssn,
                ssn_last4=None if ssn else ssn_last4,
                address=address,
                employer=employer,
                confidence=confidence,
            )
        )
        return key


# A ticked box as printed ("X", "☒", "✓") or as OCR reads a boxed X: "[X]", "IX]", "Ix!",
# "KX]", "[XJ", "OX]" (the box's left edge read as an O: only with a closing mark too, as an
# empty box reads "O)" or "Oo"). An X needs a bracket-like mark, or to stand alone, to count.
TICK = (
    r"(?:☒|✓|✔|■|(?<![A-Za-z0-9])(?:[\[({|Il1Kk]\s?[xX]|[xX]\s?[\]})|JIl1!]"
    r"|[\[({|Il1KkDOC0]\s?[xX]\s?[\]})|JIl1!]|[xX])(?![A-Za-z0-9]))"
)


LABEL_LINE_RE = re.compile(
    r"(street address|city or town|zip code|postal code|foreign postal|name,? address|"
    r"employer'?s|employee'?s|recipient'?s|payer'?s|account number|control number|"
    r"identification number|fatca|instructions|first ?name|last ?name|telephone|"
    r"social security|\bapt\. no\b|\(including)",
    re.IGNORECASE,
)


def is_label_line(text: str) -> bool:
    return bool(LABEL_LINE_RE.search(text.replace("\u2019", "'")))


@dataclass(frozen=True)
class Party:
    """A name (person or organisation) and address printed in a block under a label."""

    name: str
    name_box: Box
    address: Address | None
    text: str


_LETTERHEAD_SKIP = re.compile(
    r"statement|stub|earnings|payroll|verification|employment|form\b|copy|tax\s*year|page\b|"
    r"summary|report|fax|advice|recipient|payer|invoice",
    re.IGNORECASE,
)
# A tax form's payer may be an agency named for what a VOE's title says ("Department of
# Employment Services"): only the titles count against it.
TAX_FORM_TITLES = re.compile(
    r"statement|form\b|copy|tax\s*year|page\b|summary|report|recipient|payer|invoice",
    re.IGNORECASE,
)


def letterhead_org(
    layout: Layout, max_lines: int = 4, skip: re.Pattern[str] = _LETTERHEAD_SKIP
) -> tuple[str, Box] | None:
    """The organisation heading a page: the first phrase near the top that reads as an
    organisation's name (not a person, a street, a city, a title (``skip``), a date or OCR's
    specks)."""
    for line in layout.lines[:max_lines]:
        for phrase in line.phrases[:2]:
            text = " ".join(t.text for t in phrase)
            if (
                looks_like_street(text)
                or parse_city_line(text)
                or find_dates(text)
                or person_name(text) is not None
                or ":" in text
                or skip.search(text)
            ):
                continue
            org = clean_org(text)
            if org and re.search(r"[A-Za-z]{3}", org):
                return org, union_all(t.box for t in phrase)
    return None


def trim_specks(text: str) -> str:
    """A name line without what OCR made of dust after it ("FRANCESCA K VASQUEZ: °°. a")."""
    return " ".join(without_trailing_specks(text.split()))


def party_beside(layout: Layout, hit: Hit, *, person: bool) -> Party | None:
    """The person (or organisation) printed right of a label on its own line ("Employer
    Oakhurst Home Health", "Recipient  MCALLISTER, GRACE")."""
    right = layout.text_right_of(hit)
    if right is None or is_label_line(right[0]):
        return None
    found = person_name(trim_specks(right[0])) if person else clean_org(right[0])
    if found is None or (not person and person_name(right[0]) is not None):
        return None
    return Party(name=found, name_box=right[1], address=None, text=right[0])


def plain_label_hits(layout: Layout, word: str) -> list[Hit]:
    """Where ``word`` alone is a label ("Employer", "Employee:"), not the start of a box's
    ("Employer's name", "Employee's SSA number")."""
    return [
        hit
        for hit in layout.find(word)
        if hit.first == hit.last
        and layout.lines[hit.line].tokens[hit.first].text.rstrip(":").lower() == word
    ]


def read_party(
    layout: Layout,
    hit: Hit,
    *,
    person: bool,
    right_limit: float | None = None,
    max_lines: int = 5,
    stop: Callable[[str], bool] = lambda _s: False,
) -> Party | None:
    """Name and address under a label such as "Employee's name, address and ZIP code"."""
    block = layout.block_below(
        hit, max_lines=max_lines, is_label=is_label_line, right_limit=right_limit, stop=stop
    )
    for i, (text, box) in enumerate(block):
        # a city line is an address, never the party's name, and it ends the party's block: a
        # name whose lines OCR could not read is not one from the next box ("d Control no.")
        if parse_city_line(text):
            break
        if layout.ocr and _dust_words(layout, box):
            continue  # what OCR made of a smudge ("Bacon Osta" at 0.2): not the name
        name = person_name(trim_specks(text)) if person else clean_org(text)
        if name is None or (not person and looks_like_street(text)):
            if person and looks_like_street(text):
                break
            continue
        rest = [t for t, _b in block[i + 1 :]]
        parsed = parse_address(rest)
        address = parsed[0] if parsed else None
        return Party(name=name, name_box=box, address=address, text=" ".join([text, *rest]))
    return None


# OCR's confidence in words it made of a smudge or a stamp rather than print
_DUST_CONFIDENCE = 0.4


def _dust_words(layout: Layout, box: Box) -> bool:
    """Whether most words of a block line (those of at least two letters) were read with
    confidence below ``_DUST_CONFIDENCE`` (a title printed beside the smudge may be read well:
    "Bacon Osta  Interest")."""
    words = [
        t
        for line in layout.lines
        if line.box.bottom >= box.top and line.box.top <= box.bottom
        for t in line.tokens
        if box.left <= (t.box.left + t.box.right) / 2 <= box.right
        and box.top <= t.box.center_y <= box.bottom
        and sum(c.isalpha() for c in t.text) >= 2
    ]
    dust = sum(0 <= t.confidence < _DUST_CONFIDENCE for t in words)
    return 2 * dust > len(words)


_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_YEAR_RE = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # "January", "Jan."
# A form's revision ("Rev. January 2024", "Rev. 01-2024") or any "Month YYYY" date: never the
# tax year, though it is printed beside the form number.
_NOT_TAX_YEAR = re.compile(
    rf"\brev\b\W{{0,3}}(?:{_MONTH}\s*|\d{{1,2}}\s*[-/]\s*)?{_YEAR}|\b{_MONTH}\s*,?\s*{_YEAR}",
    re.IGNORECASE,
)
# Phrases that state the year a return or statement is for, with their weight.
_TAX_YEAR_PHRASES = (
    (re.compile(rf"\b(?:calendar|tax)\s*year\s*[:,]?\s*({_YEAR})\b", re.IGNORECASE), 3.0),
    (re.compile(rf"\bcalendar\b\W{{0,3}}({_YEAR})\b", re.IGNORECASE), 3.0),
    (re.compile(rf"\bfor\s*the\s*year\b.{{0,30}}?\b({_YEAR})\b", re.IGNORECASE), 3.0),
    # "Form 1040 (2021)", a return's page footer
    (re.compile(rf"\bform\s*[\w\-]{{1,10}}\s*\(\s*({_YEAR})\s*\)", re.IGNORECASE), 2.0),
    # "2022 Tax Information Statement", "2022 W-2 and Earnings Summary"
    (re.compile(rf"\b({_YEAR})[\s:.,;]+(?:tax\b|form\b|w-?2\b|1099)", re.IGNORECASE), 2.0),
    # ... the year OCR set against the form's name ("2021W-2 Wage and Tax Statement")
    (re.compile(rf"\b({_YEAR})(?=w-2)", re.IGNORECASE), 2.0),
)
_TITLE_WEIGHT = 2.5
_LOOSE_WEIGHT = 0.5
_GLUED_WEIGHT = 1.0


def tax_year(layout: Layout, title_hits: list[Hit]) -> int | None:
    """The year a tax form is for, weighing every place it is printed.

    One misread digit in a large bold title ("2024" for "2021") must not decide it, nor must a
    form revision date ("Rev. January 2024") beside the form number. Each reading votes: phrases
    that state the year ("For calendar year 2022", "For the year Jan. 1-Dec. 31, 2021",
    "Form 1040 (2021)"), the year next to the title, and, weakly, every year printed alone.
    """
    votes: dict[int, float] = {}

    def vote(year: int, weight: float) -> None:
        votes[year] = votes.get(year, 0.0) + weight

    for line in layout.lines:
        # (a box's rule OCR glued to a figure, "|2022", is no digit)
        text = " ".join(ocr_digits(t.text.strip("|[]{}")) for t in line.tokens)
        for pattern, weight in _TAX_YEAR_PHRASES:
            for m in pattern.finditer(text):
                vote(int(m.group(1)), weight)
        text = _NOT_TAX_YEAR.sub(" ", text)
        for tok in text.split():
            alone = _YEAR_RE.fullmatch(_bare(tok))
            if alone:
                vote(int(alone.group(1)), _LOOSE_WEIGHT)
        # a form's year printed large with a gap between its halves ("20 22")
        words = text.split()
        for glued in _year_texts(words)[len(words) :]:
            glued_year = _YEAR_RE.fullmatch(glued)
            if glued_year:
                vote(int(glued_year.group(1)), _GLUED_WEIGHT)
    found = year_near(layout, title_hits)
    if found is not None:
        vote(found[0], _TITLE_WEIGHT)
    if not votes:
        return None
    return max(votes, key=lambda y: (votes[y], y))


def year_near(layout: Layout, hits: list[Hit], *, lines_around: int = 2) -> tuple[int, Box] | None:
    """A tax year printed beside a title ("Form W-2 ... 2020"), digits possibly spaced out; a
    revision date ("Rev. January 2024") is skipped."""
    for hit in hits:
        lo, hi = (
            max(0, hit.line - lines_around),
            min(len(layout.lines), hit.line + lines_around + 1),
        )
        ranked = sorted(range(lo, hi), key=lambda i: abs(i - hit.line))
        for i in ranked:
            line = layout.lines[i]
            for phrase in line.phrases:
                words = [ocr_digits(t.text) for t in phrase]
                if _NOT_TAX_YEAR.search(" ".join(words)):
                    continue
                for text in _year_texts(words):
                    m = _YEAR_RE.fullmatch(_bare(text))
                    if m:
                        return int(m.group(1)), union_all(t.box for t in phrase)
    return None


def _bare(token: str) -> str:
    """A token without the marks around it: punctuation, and what OCR made of specks and
    rules beside a figure ("2021°", "(20", "|2022")."""
    return _MARKS_AROUND.sub("", token)


_MARKS_AROUND = re.compile(r"^[\W_]+|[\W_]+$")


def _year_texts(tokens: list[str]) -> list[str]:
    """Each token, plus runs of digit tokens glued together ("20 23", "2 0 2 0", "(20 20.")."""
    out = list(tokens)
    run: list[str] = []
    for tok in [*tokens, ""]:
        if (bare := _bare(tok)).isdigit() and len(bare) <= 3:
            run.append(bare)
            continue
        if len(run) > 1:
            out.append("".join(run))
        run = []
    return out


@dataclass(frozen=True)
class Found:
    """A value read next to a label."""

    text: str
    box: Box
    hit: Hit


def text_after(
    layout: Layout,
    *labels: str,
    not_after: Sequence[str] = (),
    accept: Callable[[Found], bool] | None = None,
) -> Found | None:
    """The text printed after a label on its line (``Pay Date: Jun 15, 2024``), else the
    line under it; a label right after one of the words ``not_after`` does not count, nor a
    text ``accept`` refuses."""
    for hit in layout.find(*labels):
        before = layout.lines[hit.line].tokens[hit.first - 1].text if hit.first else ""
        if not_after and before.lower().strip(".,:;") in not_after:
            continue
        right = layout.text_right_of(hit)
        found: Found | None = None
        if right is not None and re.search(r"[A-Za-z0-9]", right[0]):
            found = Found(right[0], right[1], hit)
        elif below := layout.block_below(hit, max_lines=1, max_gap=0.03):
            found = Found(below[0][0], below[0][1], hit)
        if found is not None and (accept is None or accept(found)):
            return found
    return None


def value_after(
    layout: Layout, parse: Callable[[str], object | None], *labels: str
) -> Found | None:
    """The nearest value ``parse`` accepts right of or below one of ``labels``."""
    for hit in layout.find(*labels):
        tok = layout.value_for(hit, parse, max_below=0.06)
        if tok is not None:
            return Found(tok.text, tok.box, hit)
    return None


def row_values(layout: Layout, hit: Hit, parse: Callable[[str], object | None]) -> list[Token]:
    """Values ``parse`` accepts on the label's line, right of it, left to right."""
    line = layout.lines[hit.line]
    out: list[Token] = []
    for tok in line.tokens[hit.last + 1 :]:
        if parse(tok.text) is not None and not (layout.ocr and split_figure(line, tok)):
            out.append(tok)
    return out


@dataclass(frozen=True)
class AddressStack:
    """A printed "name / street / city, ST ZIP" block: the lines above the street as printed
    (up to two: a person, a joint holder, a company), and the address."""

    names: list[tuple[str, Box]]
    address: Address
    box: Box


def _phrase_left(phrase: Sequence[Token]) -> float:
    """Where a phrase's text starts: past leading specks OCR read as marks or as a small word
    in doubt ("oes Thaddeus O Briain"), which a block's column does not start at."""
    for tok in phrase[:-1]:
        speck = not re.search(r"[^\W_]", tok.text) or (
            tok.confidence < 0.5 and len(tok.text) <= 3 and not re.search(r"\d", tok.text)
        )
        if not speck:
            return tok.box.left
    return phrase[-1].box.left


def address_stacks(layout: Layout) -> list[AddressStack]:
    """Every name/street/city stack on the page, top to bottom. Phrases are matched by
    column, so side-by-side blocks work."""
    out: list[AddressStack] = []
    lines = layout.lines
    for i, line in enumerate(lines):
        for phrase in line.phrases:
            text = " ".join(t.text for t in phrase)
            city = parse_city_line(text)
            if city is None:
                continue
            left = _phrase_left(phrase)
            column: list[tuple[str, Box]] = []
            top = phrase[0].box.top
            height = max(phrase[0].box.height, 0.004)
            # the lines over the city line in its column, nearest first, by where this column's
            # words stand: a line OCR made of words of two columns whose feet differ may come
            # after the street line it stands under ("TACOMA, WA ... Statement period: ...")
            nearby: list[tuple[float, Line, list[list[Token]]]] = []
            for j in range(max(0, i - 7), min(len(lines), i + 3)):
                if j != i:
                    same = _in_column(lines[j], left)
                    at = same[0][0].box.top if same else lines[j].box.top
                    nearby.append((at, lines[j], same))
            above = sorted((e for e in nearby if e[0] < top - 0.5 * height), key=lambda e: -e[0])
            for _top, above_line, same in above:
                if not same:
                    # a line of another column that sits between two lines of this block
                    if top - above_line.box.bottom < 1.5 * height:
                        continue
                    break
                column.insert(
                    0, (" ".join(t.text for t in same[0]), union_all(t.box for t in same[0]))
                )
                top = same[0][0].box.top
            street_at = None
            for k in range(len(column) - 1, -1, -1):
                if looks_like_street(column[k][0]):
                    street_at = k
                    break
            if street_at is None:
                continue
            street = _strip_label(column[street_at][0]).lstrip(LEADING_SPECKS)
            names = [(_name_text(t), b) for t, b in column[:street_at]][-2:]
            out.append(
                AddressStack(
                    names=names,
                    address=Address(street=street, city=city[0], state=city[1], zip=city[2]),
                    box=union_all([*(b for _t, b in column), union_all(t.box for t in phrase)]),
                )
            )
    return out


def _in_column(line: Line, left: float) -> list[list[Token]]:
    """The line's phrases that start where a column does (``left``)."""
    return [p for p in line.phrases if abs(_phrase_left(p) - left) < 0.03]


def street_names(layout: Layout, max_top: float = 0.4) -> list[list[tuple[str, Box]]]:
    """People printed right over a street line near the top of a page (a mailing block whose
    city line OCR could not read), joint names split: one list per block."""
    out: list[list[tuple[str, Box]]] = []
    lines = layout.lines
    for i, line in enumerate(lines):
        if line.box.top > max_top:
            break
        for phrase in line.phrases:
            text = " ".join(t.text for t in phrase)
            if not looks_like_street(text) or is_label_line(text):
                continue
            left = phrase[0].box.left
            names: list[tuple[str, Box]] = []
            for j in range(i - 1, max(-1, i - 3), -1):
                same = [p for p in lines[j].phrases if abs(p[0].box.left - left) < 0.03]
                if not same:
                    break
                found = split_joint_names(_name_text(" ".join(t.text for t in same[0])))
                if not found:
                    break
                box = union_all(t.box for t in same[0])
                names[:0] = [(n, box) for n in found]
            if names:
                out.append(names)
    return out


def address_blocks(layout: Layout) -> list[tuple[list[tuple[str, Box]], Address]]:
    """Every address stack's people (joint names split) and address."""
    out: list[tuple[list[tuple[str, Box]], Address]] = []
    for stack in address_stacks(layout):
        names = [(n, b) for t, b in stack.names for n in split_joint_names(t)]
        out.append((names, stack.address))
    return out


# (a speck OCR read as a quote may stand for the space after it: "MONTGOMERY AND'FRANCESCA")
_JOINT = re.compile(r"\s+(?:and/or|and|or|&|\+)(?:\s+|['\u2018\u2019*\u2022]\s*)", re.IGNORECASE)


def split_joint_names(text: str) -> list[str]:
    """The people a name line holds: ``JOHN A DOE AND JANE DOE`` and ``John Doe & Jane Doe``
    are two; ``JOHN AND JANE DOE`` shares the last name. Empty when it names nobody."""
    # a joint holder's own line: "AND MARISOL BALOGUN", "OR CHLOE L D'AMICO", "AND*ZOE" (a
    # speck OCR read between)
    text = re.sub(r"^\s*(?:and/or|and|or|&)(?:\s+|[*\u2022\u00b7]\s*)", "", text, flags=re.I)
    # ... and the first holder's, the conjunction ending it ("DMITRI QUINTANILLA and")
    text = re.sub(r"\s+(?:and/or|and|or|&)\s*$", "", text, flags=re.I)
    whole = person_name(text)
    parts = [p for p in _JOINT.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return [whole] if whole else []
    names: list[str] = []
    last_name = (person_name(parts[-1]) or "").split()[-1:]
    surnames = {normalize_name(p.split()[-1]) for p in parts}
    for i, part in enumerate(parts):
        words = part.split()
        # "OSWALDO T IWASAKI OR VIVIENNE. IWASAKI": a holder ending on the surname the other
        # holder ends on is in its order, the point after the given name a speck, not the comma
        # of "LAST, FIRST"
        if (
            len(words) >= 2
            and words[0].endswith(".")
            and len(words[0].rstrip(".")) > 1
            and len(surnames) < len(parts)
            and normalize_name(words[-1]) in surnames
        ):
            words[0] = words[0].rstrip(".")
            part = " ".join(words)
        # "HOLLIS F & CALLUM IBARRA", "JOHN AND JANE DOE": the first shares the last name
        shares = i < len(parts) - 1 and (len(words) == 1 or len(words[-1].rstrip(".")) == 1)
        name = person_name(f"{part} {last_name[0]}") if shares and last_name else None
        name = name or person_name(part)
        if name is None:
            return [whole] if whole else []
        names.append(name)
    return names


def _name_text(text: str) -> str:
    """A name line without its label ("Joint Owner: MARIA RAMAN"); "Laura: Kowalski" is a name
    with a speck OCR read as a colon, not a label."""
    stripped = _strip_label(text)
    if stripped != text and not person_name(stripped) and person_name(text):
        return text
    return stripped


def _strip_label(text: str) -> str:
    return re.sub(r"^[A-Za-z' ]{2,30}:\s*", "", text).strip()


_INLINE_ADDRESS = re.compile(
    r"(?P<street>\d+[A-Za-z]?\s[^,]+?(?:,\s*(?:apt|unit|suite|ste|#)[^,]*)?),\s*(?P<rest>[^,]+,?\s*[A-Za-z]{2}\.?\s+\d{5}(?:-\d{4})?)",
    re.IGNORECASE,
)


def parse_inline_address(text: str) -> Address | None:
    """``6832 Cedar Lane, Arlington, VA 22279`` on one line."""
    m = _INLINE_ADDRESS.search(text)
    if not m:
        return None
    city = parse_city_line(m.group("rest").strip())
    if city is None:
        return None
    return Address(
        street=" ".join(m.group("street").split()), city=city[0], state=city[1], zip=city[2]
    )


def name_likeness(a: str, b: str) -> float:
    """How alike two people's names are (0..1), case, accents and punctuation aside and in
    either word order ("DOE, JOHN A" and "John A Doe"): a name OCR garbled stays close to its
    owner's, another person's does not."""
    a, b = normalize_name(a), normalize_name(b)
    plain = SequenceMatcher(None, a, b).ratio()
    ordered = SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split())))
    return max(plain, ordered.ratio())
