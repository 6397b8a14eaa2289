"""The 1099 family (DIV, MISC, R, G, B, SSA-1099, composite statements): generated documents
through their text PDF, pages and ``extract_document``; hand-built pages for the traps real
forms carry (a figure drawn after the wrong label, a title beside a box's value, a subtotal
before the total, a total OCR misread).

Only tuning-band seeds appear here (see ``pipeline.samples.randomized``).
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.domain.extracted import ExtractionResult
from pipeline.domain.model import normalize_name
from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.evaluation import normalize_employer
from pipeline.extraction import classify_page, extract_document
from pipeline.extraction.form1099 import extract_1099, forms_on
from pipeline.extraction.layout import Layout
from pipeline.samples.randomized import form_1099
from pipeline.samples.randomized.blocks import Drawn
from pipeline.text import TextLimits
from tests.support import docs

LIMITS = TextLimits(max_pages=20, max_image_pixels=50_000_000, ocr_timeout_seconds=30)
CHAR = 0.007  # width of one character, as a fraction of the page
ROW = 0.011

Income = tuple[str, Decimal, int | None, str, str]


def drawn(family: str, key: str) -> Drawn:
    for attempt in range(8):
        doc = form_1099.build(random.Random(f"test-1099:{key}:{attempt}"), family)
        if not doc.defects:
            return doc
    raise AssertionError(f"{family} {key}: no clean drawing")


def read(tmp_path: Path, doc: Drawn) -> list[ExtractionResult]:
    return extract_document(docs.text_layer_pages(doc.pdf))


def incomes(results: list[ExtractionResult]) -> list[Income]:
    """(source type, amount, year, borrower, employer) of every income found."""
    out = []
    for result in results:
        names = {b.key: b.name for b in result.borrowers}
        for i in result.incomes:
            out.append(
                (
                    i.source_type,
                    i.amount,
                    i.year,
                    normalize_name(names.get(i.borrower_key or "", "")),
                    normalize_employer(i.employer),
                )
            )
    return sorted(out)


def test_the_family_is_its_own_kind_and_leaves_nec_and_int_alone() -> None:
    assert set(form_1099.FAMILIES_FAMILY).isdisjoint(form_1099.FAMILIES)
    kinds = {f.split("/")[1].split("-")[-1] for f in form_1099.FAMILIES_FAMILY}
    assert {"div", "misc", "r", "g", "b", "1099", "composite", "pages"} <= kinds


@pytest.mark.parametrize("family", form_1099.FAMILIES_FAMILY)
def test_generated_documents_read_exactly(tmp_path: Path, family: str) -> None:
    for n in range(3):
        doc = drawn(family, f"{family}:{n}")
        results = read(tmp_path, doc)
        assert {r.doc_type for r in results} == {"form_1099"}, (family, n)
        expected = sorted(
            (
                t.source_type,
                t.amount,
                t.year,
                normalize_name(t.borrower),
                normalize_employer(t.employer),
            )
            for t in doc.truth.income_records
        )
        assert incomes(results) == expected, (family, n, doc.truth.notes)
        [who] = doc.truth.borrowers
        found = {normalize_name(b.name): b for r in results for b in r.borrowers}
        assert set(found) == {normalize_name(who.name)}, (family, n)
        person = found[normalize_name(who.name)]
        last4 = person.ssn[-4:] if person.ssn else person.ssn_last4
        assert last4 in (None, who.ssn_last4)


def test_composites_give_one_income_per_form_with_a_figure() -> None:
    seen: set[str] = set()
    for n in range(12):
        doc = drawn("form_1099/composite", f"composite-kinds:{n}")
        kinds = [t.source_type for t in doc.truth.income_records]
        assert len(kinds) == len(set(kinds)) and "1099_div" in kinds
        seen.update(kinds)
    assert {"1099_div", "1099_int", "1099_b"} <= seen


# --- hand-built pages ---------------------------------------------------------------------------


def cell(text: str, left: float, top: float, *, height: float = ROW) -> list[Word]:
    """Words of ``text`` laid out left to right from (left, top)."""
    words = []
    x = left
    for part in text.split():
        words.append(Word(part, x, top, len(part) * CHAR, height))
        x += (len(part) + 1) * CHAR
    return words


def page(*cells: list[Word]) -> Page:
    words = [w for c in cells for w in c]
    # the text in drawing order, as a PDF whose values were drawn after its labels gives it
    return Page(
        number=1, text="\n".join(w.text for w in words), method=TextMethod.TEXT_LAYER,
        words=tuple(words),
    )  # fmt: skip


PARTIES = (
    cell("PAYER'S name, street address, city or town, ZIP code", 0.05, 0.05),
    cell("Orchard Lane Holdings LLC", 0.06, 0.075),
    cell("4410 Mill Pond Road", 0.06, 0.09),
    cell("Harrisburg, PA 17104", 0.06, 0.105),
    cell("PAYER'S TIN", 0.05, 0.14),
    cell("RECIPIENT'S TIN", 0.25, 0.14),
    cell("31-7720154", 0.05, 0.155),
    cell("XXX-XX-6604", 0.25, 0.155),
    cell("RECIPIENT'S name", 0.05, 0.18),
    cell("Tobias Wren", 0.06, 0.195),
    cell("Street address (including apt. no.)", 0.05, 0.215),
    cell("77 Larkin Street", 0.06, 0.23),
    cell("City or town, state or province, and ZIP code", 0.05, 0.25),
    cell("Reading, PA 19601", 0.06, 0.265),
)


def test_misc_figure_drawn_after_box_2_label_but_inside_box_1_is_rents() -> None:
    p = page(
        *PARTIES,
        cell("1 Rents", 0.48, 0.05),
        cell("OMB No. 1545-0115", 0.66, 0.05),
        cell("Form 1099-MISC", 0.66, 0.12),
        cell("For calendar year 2022", 0.66, 0.09),
        cell("2 Royalties", 0.48, 0.10),
        cell("3 Other income", 0.48, 0.15),
        cell("4 Federal income tax withheld", 0.66, 0.15),
        # drawn last, after the "2 Royalties" label, but between the two labels on the page
        cell("4,150", 0.55, 0.07),
    )
    assert classify_page(p) == "form_1099"
    result = extract_1099([Layout(p)])
    [income] = result.incomes
    assert (income.amount, income.source_type, income.year) == (
        Decimal("4150.00"),
        "1099_misc",
        2022,
    )
    assert income.evidence.section == "1099-MISC box 1"
    assert income.employer == "Orchard Lane Holdings LLC"
    [who] = result.borrowers
    assert (who.name, who.ssn_last4) == ("Tobias Wren", "6604")


def test_div_figures_drawn_in_reverse_order_go_to_their_own_boxes() -> None:
    p = page(
        *PARTIES,
        cell("1a Total ordinary dividends", 0.48, 0.05),
        cell("1b Qualified dividends", 0.48, 0.10),
        cell("2a Total capital gain distr.", 0.48, 0.15),
        cell("Form 1099-DIV", 0.70, 0.12),
        cell("For calendar year 2023", 0.70, 0.09),
        # values after all labels, the larger distractors first
        cell("9,900.00", 0.56, 0.17),
        cell("2,511.09", 0.56, 0.12),
        cell("3,020.45", 0.56, 0.07),
    )
    [income] = extract_1099([Layout(p)]).incomes
    assert (income.amount, income.source_type) == (Decimal("3020.45"), "1099_div")


def test_a_title_in_larger_type_beside_the_value_does_not_hide_it() -> None:
    """The form's title ("Dividends and Distributions") runs down a column beside the boxes,
    in larger type: its line reaches higher than the figure under box 1a."""
    p = page(
        *PARTIES,
        cell("1a Total ordinary dividends", 0.48, 0.05),
        cell("OMB No. 1545-0110", 0.62, 0.05),
        cell("$", 0.48, 0.072),
        cell("688.12", 0.58, 0.072),
        cell("2020", 0.66, 0.072),
        cell("Dividends and", 0.80, 0.066, height=0.018),
        cell("Distributions", 0.80, 0.086, height=0.018),
        cell("1b Qualified dividends", 0.48, 0.095),
        cell("310.00", 0.58, 0.115),
        cell("Form 1099-DIV", 0.62, 0.115),
    )
    [income] = extract_1099([Layout(p)]).incomes
    assert (income.amount, income.year) == (Decimal("688.12"), 2020)


def test_statement_line_with_leader_dots_keeps_its_own_figure() -> None:
    lines = [
        "Summit Row Investments",
        "2022 Form 1099-DIV Dividends and Distributions",
        "ELENA MARCHETTI        Recipient's TIN: XXX-XX-3318",
        "18 PARK VIEW DRIVE",
        "AUSTIN, TX 78701",
    ]
    p = Page(number=1, text="\n".join(lines), method=TextMethod.TEXT_LAYER)
    words = [
        *cell("Summit Row Investments", 0.05, 0.04),
        *cell("2022 Form 1099-DIV Dividends and Distributions", 0.05, 0.07),
        *cell("ELENA MARCHETTI", 0.05, 0.10),
        *cell("Recipient's TIN: XXX-XX-3318", 0.55, 0.10),
        *cell("18 PARK VIEW DRIVE", 0.05, 0.115),
        *cell("AUSTIN, TX 78701", 0.05, 0.13),
        *cell("Total ordinary dividends (Box 1a) " + "." * 50 + " 5,402.10", 0.05, 0.17),
        *cell("Qualified dividends (Box 1b) " + "." * 56 + " 4,377.00", 0.05, 0.19),
    ]
    p = Page(number=1, text=p.text, method=TextMethod.TEXT_LAYER, words=tuple(words))
    [income] = extract_1099([Layout(p)]).incomes
    assert (income.amount, income.employer) == (Decimal("5402.10"), "Summit Row Investments")


def composite(total_row: str) -> Page:
    return page(
        cell("Harbor Point Securities LLC", 0.05, 0.03),
        cell("2023 Consolidated Form 1099", 0.05, 0.06),
        cell("NADIA FERRO", 0.05, 0.09),
        cell("Recipient's TIN: ***-**-4410", 0.55, 0.09),
        cell("902 GARNET WAY", 0.05, 0.105),
        cell("TOLEDO, OH 43604", 0.05, 0.12),
        cell("Form 1099-DIV Dividends and Distributions", 0.05, 0.16),
        cell("1a Total ordinary dividends", 0.05, 0.18),
        cell("1,210.33", 0.40, 0.18),
        cell("1b Qualified dividends", 0.52, 0.18),
        cell("1,001.00", 0.85, 0.18),
        cell("Form 1099-INT Interest Income", 0.05, 0.22),
        cell("1 Interest income", 0.05, 0.24),
        cell("86.40", 0.42, 0.24),
        cell("8 Tax-exempt interest", 0.52, 0.24),
        cell("412.00", 0.85, 0.24),
        cell("Form 1099-MISC Miscellaneous Information", 0.05, 0.28),
        cell("2 Royalties", 0.05, 0.30),
        cell("0.00", 0.43, 0.30),
        cell("3 Other income", 0.52, 0.30),
        cell("0.00", 0.87, 0.30),
        cell("Form 1099-B Proceeds From Broker and Barter Exchange Transactions", 0.05, 0.34),
        cell("Term", 0.05, 0.36),
        cell("Proceeds", 0.40, 0.36),
        cell("Cost basis", 0.60, 0.36),
        cell("Short-term covered", 0.05, 0.38),
        cell("7,500.00", 0.40, 0.38),
        cell("7,100.00", 0.60, 0.38),
        cell("Long-term covered", 0.05, 0.40),
        cell("2,250.50", 0.40, 0.40),
        cell("1,900.00", 0.60, 0.40),
        cell("Total", 0.05, 0.42),
        cell(total_row, 0.40, 0.42),
        cell("9,000.00", 0.60, 0.42),
    )


def test_composite_statement_gives_each_form_in_its_own_section() -> None:
    p = composite("9,750.50")
    assert classify_page(p) == "form_1099"
    result = extract_1099([Layout(p)])
    found = sorted((i.source_type, i.amount) for i in result.incomes)
    # no MISC: its section is printed with nothing in it
    assert found == [
        ("1099_b", Decimal("9750.50")),
        ("1099_div", Decimal("1210.33")),
        ("1099_int", Decimal("86.40")),
    ]
    assert {i.employer for i in result.incomes} == {"Harbor Point Securities LLC"}
    assert {i.year for i in result.incomes} == {2023}
    assert [b.name for b in result.borrowers] == ["NADIA FERRO"]


def test_a_total_that_does_not_add_up_is_not_taken() -> None:
    """A total OCR misread (the point lost: 975050) is not the sum of the rows above it."""
    result = extract_1099([Layout(composite("975050"))])
    assert "1099_b" not in {i.source_type for i in result.incomes}
    assert {i.source_type for i in result.incomes} == {"1099_div", "1099_int"}


def test_proceeds_total_is_the_grand_total_not_a_subtotal() -> None:
    p = page(
        cell("Kettle Creek Brokerage LLC", 0.05, 0.03),
        cell("Form 1099-B 2022", 0.05, 0.06),
        cell("MARCUS ODELL", 0.05, 0.09),
        cell("Your TIN: XXX-XX-7008", 0.55, 0.09),
        cell("51 SPRUCE HOLLOW", 0.05, 0.105),
        cell("OGDEN, UT 84401", 0.05, 0.12),
        cell("Description", 0.05, 0.16),
        cell("Date sold", 0.30, 0.16),
        cell("Proceeds", 0.50, 0.16),
        cell("Cost basis", 0.70, 0.16),
        cell("NORTHWIND INC", 0.05, 0.18),
        cell("03/02/22", 0.30, 0.18),
        cell("1,200.00", 0.50, 0.18),
        cell("900.00", 0.70, 0.18),
        cell("Total short-term", 0.05, 0.20),
        cell("1,200.00", 0.50, 0.20),
        cell("900.00", 0.70, 0.20),
        cell("LITWARE INC", 0.05, 0.24),
        cell("11/15/22", 0.30, 0.24),
        cell("3,400.25", 0.50, 0.24),
        cell("2,000.00", 0.70, 0.24),
        cell("Total long-term", 0.05, 0.26),
        cell("3,400.25", 0.50, 0.26),
        cell("2,000.00", 0.70, 0.26),
        cell("Grand total", 0.05, 0.30),
        cell("4,600.25", 0.50, 0.30),
        cell("2,900.00", 0.70, 0.30),
    )
    [income] = extract_1099([Layout(p)]).incomes
    assert (income.source_type, income.amount) == ("1099_b", Decimal("4600.25"))


def test_ssa_1099_takes_net_benefits_not_benefits_paid() -> None:
    p = page(
        cell("FORM SSA-1099 - SOCIAL SECURITY BENEFIT STATEMENT", 0.05, 0.04),
        cell("2023", 0.05, 0.07, height=0.02),
        cell("Box 1. Name", 0.05, 0.11),
        cell("Box 2. Beneficiary's Social Security Number", 0.55, 0.11),
        cell("HAROLD J BIRCH", 0.05, 0.125),
        cell("XXX-XX-5150", 0.55, 0.125),
        cell("Box 3. Benefits Paid in 2023", 0.05, 0.16),
        cell("21,480.00", 0.85, 0.16),
        cell("Box 4. Benefits Repaid to SSA in 2023", 0.05, 0.18),
        cell("1,200.00", 0.86, 0.18),
        cell("Box 5. Net Benefits for 2023 (Box 3 minus Box 4)", 0.05, 0.20),
        cell("20,280.00", 0.85, 0.20),
        cell("Box 7. Address", 0.55, 0.25),
        cell("HAROLD J BIRCH", 0.55, 0.265),
        cell("3 WILLOW BEND", 0.55, 0.28),
        cell("CASPER, WY 82601", 0.55, 0.295),
    )
    assert classify_page(p) == "form_1099"
    result = extract_1099([Layout(p)])
    [income] = result.incomes
    assert (income.source_type, income.amount, income.year) == (
        "ssa_1099",
        Decimal("20280.00"),
        2023,
    )
    assert income.employer == "Social Security Administration"
    [who] = result.borrowers
    assert who.name == "HAROLD J BIRCH" and who.ssn_last4 == "5150"
    assert who.address is not None and who.address.city == "CASPER"


def test_1099_g_year_is_the_forms_not_the_refunds() -> None:
    p = page(
        *PARTIES,
        cell("1 Unemployment compensation", 0.48, 0.05),
        cell("OMB No. 1545-0120", 0.72, 0.05),
        cell("11,044.00", 0.56, 0.07),
        cell("For calendar year 2023", 0.72, 0.07),
        cell("2 State or local income tax refunds", 0.48, 0.10),
        cell("212.00", 0.56, 0.12),
        cell("Form 1099-G", 0.72, 0.12),
        cell("3 Box 2 amount is for tax year", 0.48, 0.15),
        cell("2022", 0.56, 0.17),
    )
    [income] = extract_1099([Layout(p)]).incomes
    assert (income.source_type, income.amount, income.year) == (
        "1099_g",
        Decimal("11044.00"),
        2023,
    )


def test_1099_r_gross_distribution_not_the_taxable_amount() -> None:
    p = page(
        *PARTIES,
        cell("1 Gross distribution", 0.48, 0.05),
        cell("OMB No. 1545-0119", 0.72, 0.05),
        cell("For calendar year 2021", 0.72, 0.07),
        cell("2a Taxable amount", 0.48, 0.10),
        cell("Form 1099-R", 0.72, 0.12),
        cell("16 State distribution", 0.48, 0.15),
        # the figures drawn after their labels, the taxable amount first
        cell("18,000.00", 0.56, 0.12),
        cell("24,500.00", 0.56, 0.17),
        cell("24,500.00", 0.56, 0.07),
    )
    [income] = extract_1099([Layout(p)]).incomes
    assert (income.source_type, income.amount) == ("1099_r", Decimal("24500.00"))
    assert income.evidence.section == "1099-R box 1"


def ocr_page(*cells: list[Word]) -> Page:
    words = tuple(
        Word(w.text, w.left, w.top, w.width, w.height, confidence=0.9) for c in cells for w in c
    )
    return Page(number=1, text="\n".join(w.text for w in words), method=TextMethod.OCR, words=words)


def test_scan_glitches_around_composite_sections() -> None:
    """OCR glued a quote to a form number ("Form'1099-INT"), a box's rule to a figure
    ("1,210.33|$"), and lost the point of another figure ("8640"): the first two are read,
    the third is not taken (the page's other figures print cents)."""
    p = ocr_page(
        cell("Harbor Point Securities LLC", 0.05, 0.03),
        cell("2023 Consolidated Form 1099", 0.05, 0.06),
        cell("NADIA FERRO", 0.05, 0.09),
        cell("Recipient's TIN: ***-**-4410", 0.55, 0.09),
        cell("902 GARNET WAY", 0.05, 0.105),
        cell("TOLEDO, OH 43604", 0.05, 0.12),
        cell("Form 1099-DIV Dividends and Distributions", 0.05, 0.16),
        cell("1a Total ordinary dividends", 0.05, 0.18),
        cell("1,210.33|$", 0.40, 0.18),
        cell("1b Qualified dividends", 0.52, 0.18),
        cell("1,001.00", 0.85, 0.18),
        cell("Form'1099-INT Interest Income", 0.05, 0.22),
        cell("1 Interest income", 0.05, 0.24),
        cell("8640", 0.42, 0.24),
        cell("8 Tax-exempt interest", 0.52, 0.24),
        cell("412.00", 0.85, 0.24),
    )
    assert [form.name for form, _bands in forms_on(Layout(p))] == ["1099-DIV", "1099-INT"]
    result = extract_1099([Layout(p)])
    assert [(i.source_type, i.amount) for i in result.incomes] == [("1099_div", Decimal("1210.33"))]
