"""Forms 1099 (NEC, INT, DIV, MISC, R, G, B) and SSA-1099: payer, recipient, recipient TIN,
year, and the main box of every form printed.

Each form is data (:data:`FORMS`): the form numbers and titles that announce it, its main
box's label wordings (a :class:`~pipeline.extraction.engine.Field` each: NEC 1, INT 1, DIV 1a,
MISC 1-3, R 1, G 1, SSA-1099 5, B 1d) and, for 1099-B, the total row of a proceeds column. The
engine reads a main box by position under or beside its label, never by reading order (a
figure printed after the "2 Royalties" label in the text but inside box 1 is box 1's).

A page may hold several forms (a brokerage's composite statement: 1099-DIV, -INT and -B
sections one under another): each form number printed starts that form's band of the page, and
a form's main box is looked for inside its band only. A form whose main box is zero or not
found gives no income: a wrong figure is worse than a missing one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod, normalize_name
from pipeline.extraction.common import (
    TAX_FORM_TITLES,
    BorrowerSet,
    Party,
    address_blocks,
    evidence,
    is_label_line,
    letterhead_org,
    party_beside,
    plain_label_hits,
    read_party,
    street_names,
    tax_year,
    token_confidence,
    trim_specks,
)
from pipeline.extraction.engine import (
    Candidate,
    Field,
    LabelHit,
    Relation,
    ValueType,
    choose,
    hit_candidates,
    label_hits,
)
from pipeline.extraction.layout import Box, Hit, Layout, normalize
from pipeline.extraction.values import (
    parse_ein,
    parse_money,
    parse_ssn,
    parse_ssn_loose,
    person_name,
)

MONEY = ValueType("money", parse_money)
# Words that make a box label another box's: "1b Qualified dividends", "2e Section 897
# ordinary dividends", "16 State distribution", "Federal income tax withheld".
_NOT_MAIN = ("qualified", "withheld", "state", "local", "section 897")


def _box(name: str, labels: tuple[str, ...], reject: tuple[str, ...] = ()) -> Field:
    """A main box: its label, an amount right of it, under it, or in a statement's Amount
    column (never a figure inside a description, "sales of $5,000 or more")."""
    return Field(
        name,
        labels=labels,
        value=MONEY,
        columns=("amount", "total"),
        not_columns=("withheld", "description"),
        reject=_NOT_MAIN + reject,
        max_below=0.08,
        max_right=0.8,
    )


@dataclass(frozen=True)
class MainBox:
    box: str  # the box number, for the evidence ("1099-MISC box 1")
    field: Field
    # a generic label ("Proceeds") also heads table columns: under it only as a numbered box
    below_needs_number: bool = False
    # a caption's first words, which count right after the box's own number only (a narrow
    # box wraps "1 Unemployment" / "compensation" over two lines)
    numbered: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """One kind of 1099: how it announces itself and where its income is."""

    source_type: str
    name: str  # as printed, "1099-DIV"
    numbers: tuple[str, ...]  # form numbers as printed; each starts the form's band of a page
    titles: tuple[str, ...]  # its titles, read when no form number is
    boxes: tuple[MainBox, ...]  # the main box(es); several (MISC): the largest non-zero one
    # a table's total row read under a column of the main box ("Total" x "Proceeds")
    totals: tuple[Field, ...] = ()
    payer: str | None = None  # who issues every form of this kind


_PROCEEDS_TOTAL = Field(
    "1099_b_total",
    labels=("grand total", "total all", "totals", "total"),
    value=MONEY,
    relations=frozenset({Relation.CELL}),
    columns=("proceeds", "sales price"),
    not_columns=("cost", "basis", "gain", "loss", "wash", "discount", "withheld", "adjust"),
    exact_labels=("totals", "total"),
)

FORMS: tuple[Form, ...] = (
    Form(
        "ssa_1099",
        "SSA-1099",
        ("ssa-1099",),
        ("social security benefit statement",),
        (MainBox("5", _box("ssa_1099", ("net benefits",), ("repaid",))),),
        payer="Social Security Administration",
    ),
    Form(
        "1099_nec",
        "1099-NEC",
        ("1099-nec",),
        ("nonemployee compensation",),
        (
            MainBox(
                "1",
                _box(
                    "1099_nec",
                    ("nonemployee compensation", "nonemployee comp", "non-employee compensation"),
                ),
                numbered=("nonemployee",),
            ),
        ),
    ),
    Form(
        "1099_int",
        "1099-INT",
        ("1099-int",),
        ("interest income",),
        (
            MainBox(
                "1",
                _box(
                    "1099_int",
                    ("interest income", "interest inc", "taxable interest"),
                    ("tax-exempt", "savings bond", "treasury"),
                ),
                numbered=("interest",),
            ),
        ),
    ),
    Form(
        "1099_div",
        "1099-DIV",
        ("1099-div",),
        ("dividends and distributions",),
        (
            MainBox(
                "1a",
                _box(
                    "1099_div",
                    ("total ordinary dividends", "ordinary dividends"),
                    ("nonqualified", "897", "exempt"),
                ),
                numbered=("total ordinary",),
            ),
        ),
    ),
    Form(
        "1099_misc",
        "1099-MISC",
        ("1099-misc",),
        ("miscellaneous information", "miscellaneous income"),
        (
            MainBox("1", _box("1099_misc", ("rents", "rental income", "gross rents"))),
            MainBox("2", _box("1099_misc", ("royalties", "royalty income", "gross royalties"))),
            MainBox("3", _box("1099_misc", ("other income",))),
            # the other boxes of income a MISC reports (not 4, withholding; not 7, a check box)
            MainBox("5", _box("1099_misc", ("fishing boat proceeds",))),
            MainBox("6", _box("1099_misc", ("medical and health care payments",))),
            MainBox(
                "8",
                _box("1099_misc", ("substitute payments in lieu of dividends or interest",)),
            ),
            MainBox("9", _box("1099_misc", ("crop insurance proceeds",))),
            MainBox("10", _box("1099_misc", ("gross proceeds paid to an attorney",))),
        ),
    ),
    Form(
        "1099_r",
        "1099-R",
        ("1099-r",),
        ("distributions from pensions",),
        (MainBox("1", _box("1099_r", ("gross distribution",)), numbered=("gross",)),),
    ),
    Form(
        "1099_g",
        "1099-G",
        ("1099-g",),
        ("certain government payments",),
        (
            MainBox(
                "1",
                _box(
                    "1099_g",
                    ("unemployment compensation", "unemployment benefits"),
                    ("repaid", "repayment"),
                ),
                numbered=("unemployment",),
            ),
        ),
    ),
    Form(
        "1099_b",
        "1099-B",
        ("1099-b", "1099-8"),  # (OCR reads the B as an 8)
        ("proceeds from broker",),
        (
            MainBox(
                "1d",
                _box(
                    "1099_b",
                    ("total proceeds", "gross proceeds", "proceeds", "sales price"),
                    ("attorney", "fishing", "crop", "reported", "liquidation", "net proceeds"),
                ),
                below_needs_number=True,
            ),
        ),
        totals=(_PROCEEDS_TOTAL,),
    ),
)

PAYER_LABELS = ("payer's name, street address", "payer's name", "payer name")
RECIPIENT_LABELS = (
    "recipient's name",
    "recipient name",
    "beneficiary's name",
    "box 1. name",
)
RECIPIENT_TIN_LABELS = (
    "recipient's tin",
    "recipient's identification number",
    "recipient's taxpayer identification number",
    "recipient tin",
    "beneficiary's social security number",
    "taxpayer id",
    "your tin",
)
PAYER_TIN_LABELS = ("payer's tin", "payer's federal identification number", "payer tin")
# Where a form prints its year, most telling first: the year block beside the OMB number, the
# title (not "Box 2 amount is for tax year" on a 1099-G, whose year is a prior one).
YEAR_LABELS: tuple[tuple[str, ...], ...] = (
    ("for calendar year",),
    ("omb no",),
    ("form 1099", *(n for f in FORMS for n in f.numbers)),
)


def _box_number_before(layout: Layout, hit: Hit) -> str | None:
    """The box number printed just left of a label ("1" in "1 Interest income"), or glued to
    its first word by OCR ('I"Interest income', "1Interest income")."""
    first = layout.lines[hit.line].tokens[hit.first].text
    glued = re.match(r"([\[(|]?[0-9Il|!]{1,2}[a-g]?)\W{0,2}(?=[A-Z][a-z])", first)
    if glued:
        number = re.sub(r"[Il|!]", "1", glued.group(1).lstrip("[(|"))
        if re.fullmatch(r"\d{1,2}[a-g]?", number):
            return number
    if hit.first == 0:
        return None
    prev = layout.lines[hit.line].tokens[hit.first - 1]
    if hit.box.left - prev.box.right > 0.03:
        return None
    # ("1.", "1:", "(1)": a statement's box column prints its numbers so)
    text = prev.text.strip().lower().rstrip(":.)").lstrip("(")
    if layout.ocr:
        # OCR's "la", "[ia", "|d" for 1a, 1d: a rule or a bar before it, a one read as l or i
        text = re.sub(r"^[\[(|]*[li|!](?=[a-g]$)", "1", text.lstrip("[(|"))
    m = re.fullmatch(r"(\d{1,2}[a-z]?)", text)
    return m.group(1) if m else None


# --- which forms, where ------------------------------------------------------------------------

# A part of a page a form takes: (top from, top to, left from, left to), page fractions.
Band = tuple[float, float, float, float]
_WHOLE_PAGE: Band = (-1.0, 2.0, -1.0, 2.0)
# Form numbers this close in height are printed side by side (a composite's DIV beside its INT)
_SAME_ROW = 0.01


def forms_on(layout: Layout) -> list[tuple[Form, list[Band]]]:
    """The forms a page holds and the band(s) of the page each takes.

    One form number printed (however often): the whole page is that form's. Several: each
    form's band runs from its number to the next other form's (the first from the top of
    the page); forms whose numbers share a row split it across the page, each from its number
    to the next one's. No number: the form whose title, or else whose main box label, is
    printed.
    """
    # (with "form" before it, a number glued to it by OCR, "Form'1099-INT", is found too)
    marks = sorted(
        (hit.box.top, hit.box.left, i)
        for i, form in enumerate(FORMS)
        for hit in layout.find(*form.numbers, *(f"form {n}" for n in form.numbers), fuzzy=False)
    )
    if not marks:
        text = normalize(layout.full_text())
        for form in FORMS:
            if any(normalize(w) in text for w in form.titles):
                return [(form, [_WHOLE_PAGE])]
        # a main box's label: after its own number ("1d Proceeds"), else its first wording
        for numbered in (True, False):
            for form in FORMS:
                for main in form.boxes:
                    labels = main.field.labels if numbered else main.field.labels[:1]
                    for h in label_hits(layout, labels, main.field.reject):
                        if not numbered or _box_number_before(layout, h.hit) == main.box:
                            return [(form, [_WHOLE_PAGE])]
        return []
    if len({i for _top, _left, i in marks}) == 1:
        return [(FORMS[marks[0][2]], [_WHOLE_PAGE])]
    # rows of marks: each the forms printed side by side there, left to right
    rows: list[tuple[float, list[tuple[float, int]]]] = []
    for top, left, i in marks:
        if rows and top - rows[-1][0] < _SAME_ROW:
            if all(i != j for _l, j in rows[-1][1]):
                rows[-1][1].append((left, i))
            continue
        if rows and [j for _l, j in rows[-1][1]] == [i]:
            continue  # the same single form again: its band runs on
        rows.append((top, [(left, i)]))
    bands: dict[int, list[Band]] = {}
    for n, (top, row) in enumerate(rows):
        start = -1.0 if n == 0 else top - 0.002
        end = rows[n + 1][0] - 0.002 if n + 1 < len(rows) else 2.0
        row.sort()
        for k, (left, i) in enumerate(row):
            lo = -1.0 if k == 0 else left - 0.01
            hi = row[k + 1][0] - 0.01 if k + 1 < len(row) else 2.0
            bands.setdefault(i, []).append((start, end, lo, hi))
    return [(FORMS[i], b) for i, b in sorted(bands.items(), key=lambda kv: kv[1][0][:3:2])]


def _inside(box: Box, bands: Sequence[Band]) -> bool:
    return any(
        top_lo <= box.top < top_hi and left_lo <= box.left < left_hi
        for top_lo, top_hi, left_lo, left_hi in bands
    )


# --- main boxes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    amount: Decimal
    candidate: Candidate
    box: str


def main_amount(layout: Layout, form: Form, bands: Sequence[Band]) -> Found | None:
    """The form's main box in its band: a box's label (a numbered box label before a title
    of the same words) and its value, or a proceeds column's total; None when not printed,
    zero, or two different figures score alike."""
    found: list[Found] = []
    for n, main in enumerate(form.boxes):
        spec = main.field
        hits = [
            h for h in label_hits(layout, spec.labels, spec.reject) if _inside(h.hit.box, bands)
        ]
        # a title ("Interest Income") has no box number; box labels do
        numbered = [h for h in hits if _box_number_before(layout, h.hit) is not None]
        if not numbered and main.numbered:
            numbered = [
                h
                for h in label_hits(layout, main.numbered, spec.reject)
                if _inside(h.hit.box, bands) and _box_number_before(layout, h.hit) == main.box
            ]
        cands = [
            c
            for h in numbered or hits
            for c in hit_candidates(layout, h, spec)
            if _inside(c.box, bands)
            and not (c.relation is Relation.BELOW and main.below_needs_number and h not in numbered)
        ]
        if n == 0:
            for total in form.totals:
                for h in label_hits(layout, total.labels, total.reject):
                    if _inside(h.hit.box, bands) and _exact_total(layout, h, total):
                        cands.extend(
                            c for c in hit_candidates(layout, h, total) if _adds_up(layout, c)
                        )
        best = choose(cands, spec.margin).best
        if best is None or not best.value or _lost_cents(layout, best):
            continue
        found.append(Found(Decimal(best.value), best, main.box))
    # (on a scan, a few dollars is more likely a "0.00" misread than a 1099's income: payers
    # report from $10)
    floor = _SCAN_FLOOR if layout.ocr else Decimal(0)
    positive = [f for f in found if f.amount > floor]
    if not positive:
        return None
    # MISC: the box with the income (the others empty or zero)
    return max(positive, key=lambda f: f.amount)


_SCAN_FLOOR = Decimal("9.99")
_CENTS = re.compile(r"[.,]\s?\d{2}\D*$")


def _lost_cents(layout: Layout, cand: Candidate) -> bool:
    """On a scan, a figure without cents where another figure on the page prints them: OCR lost
    its point ("9133195" for 9,133.95), so it is not taken."""
    # (what a bar ends is the figure: "52,140.61|2Q20" prints its cents)
    if not layout.ocr or _CENTS.search(cand.text.split("|")[0]):
        return False
    with_cents = sum(
        1
        for tok, box in layout.candidates(parse_money)
        if box != cand.box and _CENTS.search(tok.text) and tok.confidence > 0
    )
    return with_cents >= 1


def _exact_total(layout: Layout, lh: LabelHit, spec: Field) -> bool:
    """A total row's own label ("Total", "Grand total"), not a subtotal's ("Total short-term")
    whose wording goes on, even where OCR set the rest of it on a line of its own."""
    if normalize(lh.text) not in {normalize(label) for label in spec.labels}:
        return False  # "totals" matched across "Total short-term"
    box = lh.hit.box
    after = [
        t
        for line in layout.lines
        if min(line.box.bottom, box.bottom) - max(line.box.top, box.top) > 0.3 * box.height
        for t in line.tokens
        if t.box.left >= box.right - 1e-6
    ]
    if not after:
        return True
    nxt = min(after, key=lambda t: t.box.left)
    near = nxt.box.left - box.right < 3 * max(nxt.char_width, 0.004)
    return not (near and re.search(r"[A-Za-z]{2}", nxt.text) is not None)


def _adds_up(layout: Layout, cand: Candidate) -> bool:
    """A total row's figure is the sum of the figures above it in its column (up to the
    column's header; subtotal rows left out): a total OCR misread does not add up and is not
    taken."""
    box = cand.box
    above: list[Decimal] = []
    for line in reversed(layout.lines):
        if line.box.bottom > box.top + 0.3 * box.height:
            continue
        over = [t for t in line.tokens if _h_overlap(t.box, box) > 0]
        if not over:
            continue
        values = [parse_money(t.text) for t in over]
        numbers = [v for v in values if v is not None]
        if not numbers:
            break  # the column's header
        if not re.match(r"\W*(?:sub)?totals?\b", line.text, re.IGNORECASE):
            above.append(numbers[-1])
    if not above:
        return True
    return sum(above, Decimal(0)) == Decimal(cand.value)


def _h_overlap(a: Box, b: Box) -> float:
    return min(a.right, b.right) - max(a.left, b.left)


# --- parties ------------------------------------------------------------------------------------

_BOX_NO = re.compile(r"\d{1,2}[a-g]?")


def _block_right(layout: Layout, hit: Hit) -> float | None:
    """Where the cell beside a party's block starts: the other party's label on the same
    line, or the numbered boxes ("1 Rents", "2b Unrecap. ...") beside the block, so the
    payer's name does not run on into what is printed beside it (a text layer joins them
    when the gap is small). None when neither is there."""
    # the block ends at the next label of its column ("PAYER'S TIN", "Street address")
    end = hit.box.top + 0.25
    for line in layout.lines[hit.line + 1 :]:
        if line.box.top > end:
            break
        if abs(line.box.left - hit.box.left) < 0.02 and is_label_line(line.text):
            end = line.box.top
            break
    lefts = [
        h.box.left
        for h in layout.find(*PAYER_LABELS, *RECIPIENT_LABELS)
        if h.line == hit.line and h.box.left > hit.box.right + 0.02
    ]
    for line in layout.lines:
        if not hit.box.top - 0.02 <= line.box.top < end:
            continue
        for tok, nxt in zip(line.tokens, line.tokens[1:], strict=False):
            if (
                tok.box.left > hit.box.left + 0.15
                and _BOX_NO.fullmatch(tok.text)
                and nxt.text[:1].isupper()
                and nxt.box.left - tok.box.right < 3 * max(nxt.char_width, 0.003)
            ):
                lefts.append(tok.box.left)
    return min(lefts) - 0.005 if lefts else None


def _beside_plain_label(layout: Layout, word: str, *, person: bool) -> Party | None:
    """A summary's "Payer  Tidewater Marketing Co" or "Recipient  MCALLISTER, GRACE": the word
    alone as a label, the party right of it. A letter sent by the platform that filed the form
    names both this way, under its own letterhead."""
    found = (party_beside(layout, hit, person=person) for hit in plain_label_hits(layout, word))
    return next((party for party in found if party is not None), None)


def _recipient(layout: Layout, payer: Party | None) -> tuple[Party | None, Hit | None]:
    hits = layout.find(*RECIPIENT_LABELS)
    recipient = (
        read_party(
            layout, hits[0], person=True, max_lines=6, right_limit=_block_right(layout, hits[0])
        )
        if hits
        else None
    )
    blocks = address_blocks(layout)
    if recipient is None and (plain := _beside_plain_label(layout, "recipient", person=True)):
        # (its address: the mailing block that prints the same name)
        norm = normalize_name(plain.name)
        address = next(
            (
                addr
                for names, addr in blocks
                if any(normalize_name(person_name(n) or "") == norm for n, _b in names)
            ),
            None,
        )
        return Party(plain.name, plain.name_box, address, plain.text), None
    if recipient is None:
        # a mailing block; or, where OCR lost its city line, the name over a street line
        stacks = [*blocks, *((names, None) for names in street_names(layout))]
        for names, address in stacks:
            person = [(person_name(trim_specks(n)), b) for n, b in names]
            person = [(n, b) for n, b in person if n and (payer is None or n != payer.name)]
            if person:
                name, box = person[-1]
                assert name is not None
                return Party(name=name, name_box=box, address=address, text=name), None
    elif recipient.address is None:
        # the address printed in a box of its own ("Box 7. Address" on an SSA-1099)
        norm = normalize_name(recipient.name)
        for names, address in blocks:
            if any(normalize_name(person_name(n) or "") == norm for n, _b in names):
                recipient = Party(recipient.name, recipient.name_box, address, recipient.text)
                break
    return recipient, hits[0] if hits else None


def extract_1099(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.FORM_1099.value, extractor="form_1099", extractor_version=""
    )
    people = BorrowerSet()
    seen: set[tuple[str, Decimal]] = set()
    names: list[str] = []
    for layout in layouts:
        forms = forms_on(layout)
        year = tax_year(layout, [h for labels in YEAR_LABELS for h in layout.find(*labels)])
        payer_hits = layout.find(*PAYER_LABELS)
        payer = (
            read_party(
                layout, payer_hits[0], person=False, right_limit=_block_right(layout, payer_hits[0])
            )
            if payer_hits
            else None
        )
        if payer is None:
            payer = _beside_plain_label(layout, "payer", person=False)
        if payer is None and (head := letterhead_org(layout, skip=TAX_FORM_TITLES)) is not None:
            payer = Party(name=head[0], name_box=head[1], address=None, text=head[0])
        recipient, recipient_hit = _recipient(layout, payer)
        tin_hits = layout.find(*RECIPIENT_TIN_LABELS)[:1]
        payer_tin_hits = layout.find(*PAYER_TIN_LABELS)[:1]
        tins = layout.rank_values(tin_hits, parse_ssn)
        if layout.ocr and tin_hits and tins[0] is None:
            tins = layout.rank_values(tin_hits, parse_ssn_loose)
        payer_tin = layout.rank_values(payer_tin_hits, parse_ein)
        ssn = parse_ssn_loose(tins[0].text) if tins and tins[0] else None

        if forms and "form" not in result.fields:
            result.fields["form"] = forms[0][0].name
        if year is not None:
            result.fields.setdefault("tax_year", str(year))
        if payer:
            result.fields.setdefault("payer", payer.name)
        if payer_tin and payer_tin[0] is not None:
            result.fields.setdefault("payer_tin", parse_ein(payer_tin[0].text) or "")
        borrower_key: str | None = None
        if recipient is not None:
            conf = token_confidence(layout, None, recipient_hit.score if recipient_hit else 0.9)
            borrower_key = people.add(
                name=recipient.name,
                evidence=evidence(
                    layout, "1099 recipient", recipient.text, recipient.name_box, conf
                ),
                ssn=ssn.digits if ssn else None,
                ssn_last4=ssn.last4 if ssn else None,
                address=recipient.address,
                confidence=conf,
            )
        for form, bands in forms:
            # a page that names a form read before only by its title, not its number, is a
            # composite statement's detail of it ("Detail for Dividends and Distributions")
            if any(i.source_type == form.source_type for i in result.incomes) and not (
                layout.find(*form.numbers, *(f"form {n}" for n in form.numbers), fuzzy=False)
            ):
                continue
            main = main_amount(layout, form, bands)
            # the same form's figure on a later page (a composite's summary, then its detail)
            if main is None or (form.source_type, main.amount) in seen:
                continue
            seen.add((form.source_type, main.amount))
            names.append(form.name)
            cand = main.candidate
            employer = form.payer or (payer.name if payer else None)
            conf = token_confidence(layout, None, min(1.0, cand.score))
            result.fields[f"{form.source_type}_amount"] = str(main.amount)
            result.incomes.append(
                ExtractedIncome(
                    borrower_key=borrower_key,
                    amount=main.amount,
                    period=IncomePeriod.ANNUAL.value,
                    year=year,
                    source_type=form.source_type,
                    employer=employer,
                    evidence=evidence(
                        layout,
                        f"{form.name} box {main.box}",
                        f"{cand.label} {cand.text}",
                        cand.box,
                        conf,
                    ),
                    confidence=conf,
                )
            )
    # a composite statement names its recipient once, on its first page: the forms of its
    # other pages are theirs too
    if len(people.borrowers) == 1:
        only = people.borrowers[0].key
        result.incomes = [
            dataclasses.replace(i, borrower_key=only) if i.borrower_key is None else i
            for i in result.incomes
        ]
    if names:
        result.fields["form"] = ", ".join(names)
        if len(result.incomes) == 1:
            result.fields["amount"] = str(result.incomes[0].amount)
    result.borrowers = people.borrowers
    return result
