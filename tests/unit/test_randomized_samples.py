"""The randomized sample generator: determinism, coverage of its layout families, the arithmetic
behind its labels, and that the labelled figures are really printed.

Only tuning-band seeds (1-999) appear here: the held-out band (9000-9999) is never generated
by tests.
"""

from __future__ import annotations

import io
import json
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from pipeline.cli import samples as samples_command
from pipeline.samples.randomized import (
    EXTRA_KINDS,
    FAMILIES,
    GENERATOR,
    HELD_OUT_SEEDS,
    KINDS,
    TUNING_SEEDS,
    bank_statement,
    build_document,
    family_for,
    generate_randomized_corpus,
    is_scanned,
    paystub,
    scan,
)
from pipeline.samples.randomized.blocks import Drawn
from pipeline.samples.randomized.spec import PERIODS_PER_YEAR, Spec

SEEDS = (1, 2)
STANDARD_KEYS = {"doc_type", "scanned", "borrowers", "income_records", "account_numbers", "notes"}
FACTORS = {"annual": 1, **PERIODS_PER_YEAR}


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, Drawn]]:
    """Every family of every kind, twice over (two tuning seeds)."""
    out = []
    for seed in SEEDS:
        for kind in KINDS:
            for index in range(len(FAMILIES[kind])):
                drawn, _ = build_document(seed, kind, index)
                out.append((kind, drawn))
    return out


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join((page.extract_text() or "").replace("\n", " ") for page in reader.pages)


def printed_forms(amount: Decimal) -> set[str]:
    forms = {f"{amount:,.2f}", f"{amount:.2f}"}
    if amount == amount.to_integral_value():
        forms |= {f"{amount:,.0f}", f"{amount:.0f}"}
    return forms


def voe_printed_rate(notes: list[str]) -> tuple[Decimal, Decimal]:
    """(printed base pay, multiplier to annual) from a VOE truth's notes."""
    note = next(n for n in notes if n.startswith("base pay printed as"))
    match = re.fullmatch(r"base pay printed as '([\d,.]+)' \((.*)\)", note)
    assert match, note
    rate = Decimal(match.group(1).replace(",", ""))
    hourly = re.fullmatch(r"[\d,.]+ hourly x ([\d.]+) hours/week x 52", match.group(2))
    if hourly:
        return rate, Decimal(hourly.group(1)) * 52
    periodic = re.fullmatch(r"[\d,.]+ \w+ x (\d+)", match.group(2))
    assert periodic, note
    return rate, Decimal(periodic.group(1))


def test_seed_bands_are_the_documented_ones() -> None:
    assert range(1, 1000) == TUNING_SEEDS
    assert range(9000, 10000) == HELD_OUT_SEEDS
    assert set(SEEDS) <= set(TUNING_SEEDS)


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_kind_and_index_give_the_same_bytes(kind: str) -> None:
    first, _ = build_document(5, kind, 3)
    again, _ = build_document(5, kind, 3)
    other, _ = build_document(6, kind, 3)
    assert first.pdf == again.pdf
    assert first.truth == again.truth
    assert other.pdf != first.pdf


@pytest.mark.parametrize("file_format", scan.FORMATS)
def test_scans_are_deterministic(file_format: str) -> None:
    drawn, _ = build_document(1, "w2", 0)
    scans = [
        scan.scan(drawn.pdf, random.Random("scan-test"), file_format, text_size=9) for _ in range(2)
    ]
    assert scans[0] == scans[1]
    magic = {"pdf": b"%PDF", "png": b"\x89PNG", "jpeg": b"\xff\xd8", "tiff": b"II*\x00"}
    assert scans[0].startswith(magic[file_format])


def test_every_family_of_every_kind_is_drawn(documents: list[tuple[str, Drawn]]) -> None:
    seen: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for kind, drawn in documents:
        seen[kind].add(drawn.truth.layout)
    assert seen == {kind: set(FAMILIES[kind]) for kind in KINDS}
    for kind in KINDS:
        assert 3 <= len(FAMILIES[kind]) <= 6
        assert all(family.startswith(f"{kind}/") for family in FAMILIES[kind])


@pytest.mark.parametrize("kind", EXTRA_KINDS)
def test_later_kinds_draw_every_family_cleanly_and_leave_earlier_corpora_alone(kind: str) -> None:
    layouts = {build_document(1, kind, i)[0].truth.layout for i in range(len(FAMILIES[kind]))}
    assert layouts == set(FAMILIES[kind])
    assert kind not in KINDS  # only written when asked for (``kinds=``)


def test_family_cycle_and_scan_choice_depend_only_on_seed_kind_index() -> None:
    families = FAMILIES["paystub"]
    run = [family_for(11, "paystub", i) for i in range(len(families))]
    assert sorted(run) == sorted(families)
    assert family_for(11, "paystub", 2) == run[2]
    flags = [is_scanned(11, "voe", i, 0.33) for i in range(30)]
    assert 9 <= sum(flags) <= 11
    assert not any(is_scanned(11, "voe", i, 0.0) for i in range(30))


def test_layouts_draw_without_collisions(documents: list[tuple[str, Drawn]]) -> None:
    """No text overlaps other text or leaves the page (a redraw was needed for none of these)."""
    for seed in SEEDS:
        for kind in KINDS:
            for index in range(len(FAMILIES[kind])):
                drawn, attempt = build_document(seed, kind, index)
                assert attempt == 0, (seed, kind, index, drawn.truth.layout)
    assert all(not drawn.defects for _, drawn in documents)


def test_text_layer_carries_the_labelled_figures(documents: list[tuple[str, Drawn]]) -> None:
    for kind, drawn in documents:
        text = pdf_text(drawn.pdf)
        truth = drawn.truth
        for record in truth.income_records:
            if kind == "voe":
                rate, _ = voe_printed_rate(truth.notes)
                assert any(form in text for form in printed_forms(rate)), truth.layout
            else:
                assert any(form in text for form in printed_forms(record.amount)), (
                    truth.layout,
                    record.amount,
                )
        for account in truth.account_numbers:
            assert account.last4 in text, (truth.layout, account.last4)
        for borrower in truth.borrowers:
            surname = borrower.name.split()[-1]
            assert surname.lower() in text.lower(), (truth.layout, borrower.name)


def test_voe_base_pay_is_annualised_from_the_printed_rate(
    documents: list[tuple[str, Drawn]],
) -> None:
    for kind, drawn in documents:
        if kind != "voe":
            continue
        (record,) = drawn.truth.income_records
        rate, factor = voe_printed_rate(drawn.truth.notes)
        assert record.amount == (rate * factor).quantize(Decimal("0.01"))
        assert (record.period, record.source_type) == ("annual", "voe")


def test_pay_stub_arithmetic() -> None:
    first_pay_seen = False
    for n in range(60):
        rng = random.Random(f"stub-arithmetic:{n}")
        pay = paystub._facts(rng, Spec.draw(rng))
        assert pay.gross == sum(line.current for line in pay.earnings)
        taxes, deductions = pay.tax_total, pay.deduction_total
        assert pay.net == (
            pay.gross - taxes[0] - deductions[0],
            pay.gross_ytd - taxes[1] - deductions[1],
        )
        assert pay.gross_ytd >= pay.gross
        for line in pay.earnings + pay.taxes + pay.deductions:
            assert line.ytd >= line.current
        if pay.number == 1:
            first_pay_seen = True
            assert pay.gross_ytd == pay.gross
        assert pay.pay_date.year == pay.end.year or pay.pay_date >= pay.end
        days = (pay.end - pay.start).days + 1
        if pay.frequency == "weekly":
            assert days == 7
        elif pay.frequency == "biweekly":
            assert days == 14
        elif pay.frequency == "semimonthly":
            assert pay.start.day in (1, 16)
        else:
            assert pay.start.day == 1 and (pay.end.month == pay.start.month)
    assert first_pay_seen


def test_pay_stub_truth(documents: list[tuple[str, Drawn]]) -> None:
    for kind, drawn in documents:
        if kind != "paystub":
            continue
        current, ytd = drawn.truth.income_records
        assert current.period in PERIODS_PER_YEAR
        assert ytd.period == "ytd"
        assert ytd.amount >= current.amount
        assert drawn.truth.account_numbers == []
        if drawn.truth.layout == "paystub/two-page":
            assert ytd.page == 2


def test_bank_statements_add_up_and_label_accounts(documents: list[tuple[str, Drawn]]) -> None:
    for n in range(40):
        rng = random.Random(f"statement-arithmetic:{n}")
        family = bank_statement.FAMILIES[n % len(bank_statement.FAMILIES)]
        statement = bank_statement._facts(rng, Spec.draw(rng), family)
        last4 = [account.last4 for account in statement.accounts]
        assert len(set(last4)) == len(last4)
        assert statement.external[-4:] not in last4
        for account in statement.accounts:
            assert account.end == account.begin + account.deposits - account.withdrawals
            assert all(balance > 0 for balance in bank_statement._running(account))
    for kind, drawn in documents:
        if kind != "bank_statement":
            continue
        truth = drawn.truth
        assert truth.income_records == []
        assert truth.account_numbers
        first_holder = truth.borrowers[0].name
        for record in truth.account_numbers:
            assert record.borrower == first_holder
            assert record.account_type in {
                "checking", "savings", "money_market", "credit_card", "loan", "other"
            }  # fmt: skip
        if truth.layout.startswith("bank_statement/combined"):
            expected = 2 if truth.layout.endswith("two-accounts") else 3
            assert len(truth.account_numbers) == expected


def test_tax_form_truth(documents: list[tuple[str, Drawn]]) -> None:
    for kind, drawn in documents:
        truth = drawn.truth
        if kind == "form_1040":
            (record,) = truth.income_records
            assert record.borrower == truth.borrowers[0].name
            assert record.employer is None and record.period == "annual"
            assert record.amount == record.amount.to_integral_value()
            assert all(b.ssn_last4 for b in truth.borrowers)
            if truth.layout == "form_1040/irs-2018":
                assert (record.year, record.page) == (2018, 2)
        elif kind == "form_1099":
            (record,) = truth.income_records
            variant = "nec" if truth.layout.endswith("nec") else "int"
            assert record.source_type == f"1099_{variant}"
            assert record.employer
        elif kind == "w2":
            (record,) = truth.income_records
            assert record.source_type == "w2" and truth.borrowers[0].ssn_last4
            match = re.search(r"box 1 ([\d.]+), box 3 ([\d.]+), box 5 ([\d.]+)", truth.notes[0])
            assert match
            box1, box3, box5 = (Decimal(v) for v in match.groups())
            assert record.amount == box1
            assert box1 <= box5 and box3 <= box5


def test_corpus_files_truth_and_scans(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    truth_path = generate_randomized_corpus(out, seed=3, count_per_kind=2, scanned_share=0.5)
    truth: dict[str, dict[str, Any]] = json.loads(truth_path.read_text(encoding="utf-8"))
    assert len(truth) == 2 * len(KINDS)
    assert {p.name for p in out.iterdir()} == set(truth) | {"truth.json"}
    for name, label in truth.items():
        assert re.fullmatch(r"doc-\d{4}\.(pdf|png|jpg|tif)", name)
        assert set(label) == STANDARD_KEYS | {"layout", "generator"}
        assert label["generator"] == GENERATOR
        assert label["layout"].startswith(f"{label['doc_type']}/")
        data = (out / name).read_bytes()
        if label["scanned"] and name.endswith(".pdf"):
            assert not pdf_text(data).strip(), "a scan has no text layer"
        elif not label["scanned"]:
            assert name.endswith(".pdf") and pdf_text(data).strip()
    assert sum(label["scanned"] for label in truth.values()) == len(KINDS)
    # The same call writes the same bytes.
    again = tmp_path / "again"
    generate_randomized_corpus(again, seed=3, count_per_kind=2, scanned_share=0.5)
    for name in truth:
        assert (again / name).read_bytes() == (out / name).read_bytes()


def test_cli_writes_a_randomized_corpus(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        samples_command,
        [str(tmp_path), "--corpus", "--generator", "randomized", "--seed", "4", "--per-type", "1",
         "--no-scanned"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert sorted(label["doc_type"] for label in truth.values()) == sorted(KINDS)
    assert not any(label["scanned"] for label in truth.values())
    refused = runner.invoke(samples_command, [str(tmp_path / "x"), "--generator", "randomized"])
    assert refused.exit_code != 0 and "--corpus" in refused.output
