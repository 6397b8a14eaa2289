"""Forms 1099-NEC, -INT, -DIV and -MISC: payer, recipient, recipient TIN, year, main box.

The variant comes from the form number or its main box's label; the main amount is read by
position under that label (box 1 on NEC/INT, 1a on DIV, the largest of boxes 1-3 on MISC).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from pipeline.domain.extracted import ExtractedIncome, ExtractionResult
from pipeline.domain.model import DocType, IncomePeriod
from pipeline.extraction.common import (
    BorrowerSet,
    Party,
    address_blocks,
    evidence,
    letterhead_org,
    read_party,
    tax_year,
    token_confidence,
)
from pipeline.extraction.engine import (
    Candidate,
    Field,
    ValueType,
    choose,
    hit_candidates,
    label_hits,
)
from pipeline.extraction.layout import Hit, Layout, Token, normalize
from pipeline.extraction.values import (
    parse_ein,
    parse_money,
    parse_ssn,
    parse_ssn_loose,
    person_name,
)

# variant -> (form-number cues, main box labels)
VARIANTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "1099_nec": (
        ("1099-nec",),
        ("nonemployee compensation", "nonemployee comp", "non-employee compensation"),
    ),
    "1099_int": (("1099-int",), ("interest income", "interest inc", "taxable interest")),
    "1099_div": (("1099-div",), ("total ordinary dividends", "ordinary dividends")),
    "1099_misc": (("1099-misc",), ("rents", "royalties", "other income")),
}
PAYER_LABELS = ("payer's name, street address", "payer's name", "payer name")
RECIPIENT_LABELS = ("recipient's name", "recipient name")
RECIPIENT_TIN_LABELS = (
    "recipient's tin",
    "recipient's identification number",
    "recipient's taxpayer identification number",
    "recipient tin",
)
PAYER_TIN_LABELS = ("payer's tin", "payer's federal identification number", "payer tin")
TITLE_LABELS = ("for calendar year", "form 1099", "1099-nec", "1099-int", "1099-div", "1099-misc")


def variant_of(layout: Layout) -> str:
    text = normalize(layout.full_text())
    for name, (cues, _labels) in VARIANTS.items():
        if any(normalize(c) in text for c in cues):
            return name
    for name, (_cues, labels) in VARIANTS.items():
        if any(normalize(label) in text for label in labels[:1]):
            return name
    return "1099_misc"


def _box_number_before(layout: Layout, hit: Hit) -> str | None:
    """The box number printed just left of a label ("1" in "1 Interest income")."""
    if hit.first == 0:
        return None
    prev = layout.lines[hit.line].tokens[hit.first - 1]
    if hit.box.left - prev.box.right > 0.03:
        return None
    m = re.fullmatch(r"(\d{1,2}[a-z]?)", prev.text.strip().lower())
    return m.group(1) if m else None


MONEY = ValueType("money", parse_money)


def _box_field(variant: str, labels: tuple[str, ...]) -> Field:
    """A main box: its label, an amount right of it, under it, or in a statement's Amount
    column (never a figure inside a description, "sales of $5,000 or more")."""
    return Field(
        variant,
        labels=labels,
        value=MONEY,
        columns=("amount", "total"),
        not_columns=("withheld", "description"),
        reject=("qualified", "withheld", "state"),
        max_below=0.08,
        max_right=0.8,
    )


def _main_amount(layout: Layout, variant: str) -> tuple[Decimal, Candidate] | None:
    labels = VARIANTS[variant][1]
    best: tuple[Decimal, Candidate] | None = None
    for label in labels:
        spec = _box_field(variant, (label,))
        hits = label_hits(layout, spec.labels, spec.reject)
        # a title ("Interest Income") has no box number; box labels do
        numbered = [h for h in hits if _box_number_before(layout, h.hit) is not None]
        cands = [c for h in numbered or hits for c in hit_candidates(layout, h, spec)]
        found = choose(cands, spec.margin).best
        if found is None or found.value is None:
            continue
        value = Decimal(found.value)
        if best is None or (variant == "1099_misc" and value > best[0]):
            best = (value, found)
        if variant != "1099_misc":
            return best
    return best


def extract_1099(layouts: Sequence[Layout]) -> ExtractionResult:
    result = ExtractionResult(
        doc_type=DocType.FORM_1099.value, extractor="form_1099", extractor_version=""
    )
    people = BorrowerSet()
    for layout in layouts:
        variant = variant_of(layout)
        year = tax_year(layout, layout.find_preferred(*TITLE_LABELS))
        payer_hits = layout.find(*PAYER_LABELS)
        payer = read_party(layout, payer_hits[0], person=False) if payer_hits else None
        recipient_hits = layout.find(*RECIPIENT_LABELS)
        recipient = (
            read_party(layout, recipient_hits[0], person=True, max_lines=6)
            if recipient_hits
            else None
        )
        if payer is None and (head := letterhead_org(layout)) is not None:
            payer = Party(name=head[0], name_box=head[1], address=None, text=head[0])
        if recipient is None:
            for names, address in address_blocks(layout):
                person = [(person_name(n), b) for n, b in names]
                person = [(n, b) for n, b in person if n and (payer is None or n != payer.name)]
                if person:
                    name, box = person[-1]
                    assert name is not None
                    recipient = Party(name=name, name_box=box, address=address, text=name)
                    break
        tin_hits = layout.find(*RECIPIENT_TIN_LABELS)[:1]
        payer_tin_hits = layout.find(*PAYER_TIN_LABELS)[:1]
        tins = layout.rank_values(tin_hits, parse_ssn)
        if layout.ocr and tin_hits and tins[0] is None:
            tins = layout.rank_values(tin_hits, parse_ssn_loose)
        payer_tin = layout.rank_values(payer_tin_hits, parse_ein)
        ssn = parse_ssn_loose(tins[0].text) if tins and tins[0] else None
        main = _main_amount(layout, variant)

        result.fields["form"] = variant.replace("_", "-").upper()
        if year is not None:
            result.fields["tax_year"] = str(year)
        if payer:
            result.fields["payer"] = payer.name
        if payer_tin and payer_tin[0] is not None:
            result.fields["payer_tin"] = parse_ein(payer_tin[0].text) or ""
        borrower_key: str | None = None
        if recipient is not None:
            conf = token_confidence(
                layout, None, recipient_hits[0].score if recipient_hits else 0.9
            )
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
        if main is not None:
            amount, cand = main
            hits = label_hits(layout, (cand.label,))
            number = _box_number_before(layout, hits[0].hit) if hits else None
            label = cand.label
            tok = Token(cand.text, cand.box, 1.0)
            result.fields["amount"] = str(amount)
            conf = token_confidence(layout, None, min(1.0, cand.score))
            result.incomes.append(
                ExtractedIncome(
                    borrower_key=borrower_key,
                    amount=amount,
                    period=IncomePeriod.ANNUAL.value,
                    year=year,
                    source_type=variant,
                    employer=payer.name if payer else None,
                    evidence=evidence(
                        layout,
                        f"{result.fields['form']} box {number}"
                        if number
                        else result.fields["form"],
                        f"{label} {tok.text}",
                        tok.box,
                        conf,
                    ),
                    confidence=conf,
                )
            )
    result.borrowers = people.borrowers
    return result
