from __future__ import annotations

import hashlib
import io
import json
import re
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PIL import Image

from pipeline.domain.model import DocType, FileType, IncomePeriod, normalize_name
from pipeline.evaluation import evaluate, load_truth
from pipeline.samples import DOC_TYPES, generate_corpus, generate_samples
from pipeline.samples.__main__ import main as cli_main
from pipeline.samples.paystub import pay_period
from pipeline.text.detect import detect_file_type
from tests.unit.test_evaluation import perfect_export

PER_TYPE = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, seed=7, per_type=PER_TYPE, scanned=True)
    return out


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict[str, dict[str, Any]]:
    return load_truth(corpus)


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def printed_forms(amount: str) -> set[str]:
    value = Decimal(amount)
    forms = {f"{value:,.2f}", f"{value:.2f}"}
    if value == value.to_integral_value():
        forms |= {f"{value:,.0f}", f"{value:.0f}"}
    return forms


def text_docs(truth: dict[str, dict[str, Any]]) -> list[str]:
    return [name for name, t in truth.items() if not t["scanned"]]


def test_truth_lists_exactly_the_files_written(corpus: Path, truth: dict[str, Any]) -> None:
    files = {p.name for p in corpus.iterdir()} - {"truth.json"}
    assert files == set(truth)
    scanned_per_type = PER_TYPE // 2
    assert len(truth) == len(DOC_TYPES) * (PER_TYPE + scanned_per_type)


def test_every_type_is_produced_as_text_and_scan(truth: dict[str, Any]) -> None:
    counts: dict[tuple[str, bool], int] = defaultdict(int)
    for t in truth.values():
        counts[(t["doc_type"], t["scanned"])] += 1
    for doc_type in DOC_TYPES:
        assert doc_type in set(DocType)
        assert counts[(doc_type, False)] == PER_TYPE
        assert counts[(doc_type, True)] == PER_TYPE // 2


def test_truth_records_are_well_formed(truth: dict[str, Any]) -> None:
    periods = {p.value for p in IncomePeriod}
    for name, t in truth.items():
        assert set(t) == {
            "doc_type",
            "scanned",
            "borrowers",
            "income_records",
            "account_numbers",
            "notes",
        }, name
        borrower_names = {b["name"] for b in t["borrowers"]}
        assert borrower_names, name
        for b in t["borrowers"]:
            assert b["ssn_last4"] is None or re.fullmatch(r"\d{4}", b["ssn_last4"])
            if b["address"] is not None:
                assert set(b["address"]) == {"street", "city", "state", "zip"}
                assert re.fullmatch(r"\d{5}", b["address"]["zip"])
        for r in t["income_records"]:
            assert r["borrower"] in borrower_names
            assert re.fullmatch(r"\d+\.\d\d", r["amount"]) and Decimal(r["amount"]) > 0
            assert r["period"] in periods and r["page"] >= 1
            assert isinstance(r["year"], int)
        for a in t["account_numbers"]:
            assert a["borrower"] in borrower_names
            assert re.fullmatch(r"\d{4}", a["last4"])
            assert a["account_type"] in ("checking", "savings") and a["institution"]


def test_records_per_type_follow_the_lending_semantics(truth: dict[str, Any]) -> None:
    sources: set[str] = set()
    for t in truth.values():
        incomes, accounts = t["income_records"], t["account_numbers"]
        sources |= {r["source_type"] for r in incomes}
        if t["doc_type"] == "paystub":
            assert sorted(r["period"] for r in incomes)[-1] == "ytd" and len(incomes) == 2
            current, ytd = sorted(incomes, key=lambda r: r["period"] == "ytd")
            assert current["period"] in ("weekly", "biweekly", "semimonthly", "monthly")
            assert Decimal(ytd["amount"]) >= Decimal(current["amount"])
        elif t["doc_type"] == "bank_statement":
            assert not incomes and len(accounts) == 1
            assert accounts[0]["borrower"] == t["borrowers"][0]["name"]
        else:
            assert incomes and not accounts
            assert all(r["period"] == "annual" for r in incomes)
        if t["doc_type"] == "form_1040":
            assert all(r["employer"] is None for r in incomes)
        if "Copy B and Copy C" in t["notes"]:
            assert len(incomes) == 1
    assert {
        "w2",
        "paystub",
        "form_1040",
        "voe",
        "1099_nec",
        "1099_int",
        "1099_misc",
        "1099_div",
    } <= sources


def test_text_layer_holds_names_amounts_and_accounts(corpus: Path, truth: dict[str, Any]) -> None:
    for name in text_docs(truth):
        t = truth[name]
        text = pdf_text(corpus / name)
        flat = normalize_name(text)
        for b in t["borrowers"]:
            assert all(token in flat.split() for token in normalize_name(b["name"]).split()), (
                name,
                b["name"],
            )
        for r in t["income_records"]:
            if "hourly" in t["notes"] and t["doc_type"] == "voe":
                continue  # annual = rate x hours x 52 is not printed; checked below
            assert printed_forms(r["amount"]) & set(re.findall(r"[\d,]+(?:\.\d\d)?", text)), (
                name,
                r["amount"],
            )
        for a in t["account_numbers"]:
            assert re.search(rf"\d{a['last4']}\b|[*X]{a['last4']}\b", text), name
        if "Copy B and Copy C" in t["notes"]:
            amount = t["income_records"][0]["amount"]
            assert sum(text.count(f) for f in printed_forms(amount)) >= 2


# Labels printed next to (same baseline) or above (form box) each truth amount.
INCOME_LABELS = {
    "w2": ("Wages, tips, other comp",),
    "paystub": ("Gross Pay", "Total Earnings", "Gross Earnings"),
    "form_1040": ("Add lines 1a through 1h", "Wages, salaries, tips"),
    "1099_nec": ("Nonemployee compensation",),
    "1099_int": ("Interest income",),
    "1099_misc": ("Other income",),
    "1099_div": ("Total ordinary dividends",),
    "voe": ("salary", "Current Gross Base Pay"),
}


def fragments(path: Path) -> list[tuple[int, str, float, float]]:
    """(page, text, x, y) of every text run in the PDF, in PDF coordinates."""
    found: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(pypdf.PdfReader(path).pages, start=1):

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, n: int = number) -> None:
            if text.strip():
                found.append((n, text.strip(), float(tm[4]), float(tm[5])))

        page.extract_text(visitor_text=visit)
    return found


def amount_is_labelled(
    frags: list[tuple[int, str, float, float]], page: int, labels: tuple[str, ...], amount: str
) -> bool:
    forms = printed_forms(amount)
    values = [
        f for f in frags if f[0] == page and forms & set(re.findall(r"[\d,]+(?:\.\d\d)?", f[1]))
    ]
    heads = [f for f in frags if f[0] == page and any(lb in f[1] for lb in labels)]
    for _, _, lx, ly in heads:
        for _, _, vx, vy in values:
            same_line = abs(ly - vy) <= 1.5
            in_box_below = 0 < ly - vy <= 24 and lx - 5 <= vx <= lx + 140
            if same_line or in_box_below:
                return True
    return False


def test_each_income_amount_sits_at_its_label(corpus: Path, truth: dict[str, Any]) -> None:
    """Not just printed somewhere: W-2 box 1 (not box 5), the 1040 wage line, the 1099 main box,
    the pay stub's gross row, on the page the truth names."""
    for name in text_docs(truth):
        t = truth[name]
        frags = fragments(corpus / name)
        for r in t["income_records"]:
            if "hourly" in t["notes"] and t["doc_type"] == "voe":
                continue
            labels = INCOME_LABELS[r["source_type"]]
            assert amount_is_labelled(frags, r["page"], labels, r["amount"]), (name, r)


def test_hourly_voe_prints_rate_and_hours_that_give_the_truth(
    corpus: Path, truth: dict[str, Any]
) -> None:
    hourly = [
        n
        for n in text_docs(truth)
        if truth[n]["doc_type"] == "voe" and "hourly" in truth[n]["notes"]
    ]
    assert hourly, "the corpus should contain an hourly VOE"
    for name in hourly:
        text = pdf_text(corpus / name).replace("\n", " ")
        rate = Decimal(re.search(r"\$(\d+\.\d\d)", text).group(1))  # type: ignore[union-attr]
        hours = re.search(
            r"(\d+(?:\.\d+)?) hours per week|Average Hours Per Week\s*(\d+(?:\.\d+)?)", text
        )
        assert hours is not None
        weekly = Decimal(hours.group(1) or hours.group(2))
        assert rate * weekly * 52 == Decimal(truth[name]["income_records"][0]["amount"])


def test_identifiers_are_fake(corpus: Path, truth: dict[str, Any]) -> None:
    for name in text_docs(truth):
        for ssn in re.findall(
            r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])", pdf_text(corpus / name)
        ):
            assert int(ssn[0]) >= 900, (name, ssn)


def test_cast_recurs_across_documents_and_shares_a_name(truth: dict[str, Any]) -> None:
    types_by_name: dict[str, set[str]] = defaultdict(set)
    ssns_by_name: dict[str, set[str]] = defaultdict(set)
    for t in truth.values():
        for b in t["borrowers"]:
            key = normalize_name(b["name"])
            types_by_name[key].add(t["doc_type"])
            if b["ssn_last4"]:
                ssns_by_name[key].add(b["ssn_last4"])
    assert any({"w2", "paystub", "bank_statement"} <= types for types in types_by_name.values())
    assert any(len(ssns) >= 2 for ssns in ssns_by_name.values()), "namesakes with two SSNs"
    assert any(
        len(t["borrowers"]) == 2 for t in truth.values() if t["doc_type"] == "bank_statement"
    ), "a joint account"


def test_scanned_files_are_images_without_text(corpus: Path, truth: dict[str, Any]) -> None:
    formats = set()
    for name, t in truth.items():
        if not t["scanned"]:
            assert detect_file_type((corpus / name).read_bytes()[:16]) is FileType.PDF
            continue
        data = (corpus / name).read_bytes()
        kind = detect_file_type(data[:16])
        formats.add(kind)
        assert len(data) < 1_500_000, name
        if kind is FileType.PDF:
            reader = pypdf.PdfReader(io.BytesIO(data))
            for page in reader.pages:
                assert not (page.extract_text() or "").strip()
                assert page.images
        else:
            assert kind in (FileType.PNG, FileType.JPEG, FileType.TIFF), name
            with Image.open(io.BytesIO(data)) as image:
                assert image.mode in ("L", "1")
                assert min(image.size) >= 1500  # ~200 DPI or more for a letter page
                if "2 page(s)" in t["notes"] or t["doc_type"] == "form_1040":
                    assert kind is FileType.TIFF and getattr(image, "n_frames", 1) >= 2
    assert formats == {FileType.PDF, FileType.PNG, FileType.JPEG, FileType.TIFF}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", seed=3, per_type=1)
    generate_corpus(tmp_path / "b", seed=3, per_type=1)
    generate_corpus(tmp_path / "c", seed=4, per_type=1)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert _digests(tmp_path / "a")["truth.json"] != _digests(tmp_path / "c")["truth.json"]


def test_regenerating_into_a_folder_replaces_the_previous_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path, per_type=3, scanned=False)
    generate_corpus(tmp_path, per_type=1, scanned=False)
    assert {p.name for p in tmp_path.iterdir()} == {*load_truth(tmp_path), "truth.json"}
    assert len(load_truth(tmp_path)) == len(DOC_TYPES)


def test_a_perfect_pipeline_scores_one_on_the_generated_truth(truth: dict[str, Any]) -> None:
    report = evaluate(truth, perfect_export(truth))
    for kind in ("borrower", "income", "account"):
        assert report.counts(kind, "scanned").f1 == 1.0
        assert report.counts(kind, "text").f1 == 1.0


@pytest.mark.parametrize(("frequency", "days"), [("weekly", 7), ("biweekly", 14), ("monthly", 31)])
def test_pay_periods_have_the_frequency_length(frequency: str, days: int) -> None:
    period = pay_period(frequency, 2024, 3, 1)
    assert (period.end - period.start).days + 1 == days
    assert period.pay_date.year == 2024 and period.pay_date.month == 3
    assert period.pay_date >= period.end


def test_semimonthly_periods_split_the_month() -> None:
    first, second = pay_period("semimonthly", 2024, 2, 0), pay_period("semimonthly", 2024, 2, 1)
    assert (first.start.day, first.end.day, second.start.day, second.end.day) == (1, 15, 16, 29)
    assert (first.number, second.number) == (3, 4)


def test_demo_samples_are_small_fast_and_labelled(tmp_path: Path) -> None:
    # (CPU time of this process: on a loaded machine the wall clock measured the others)
    started = time.process_time()
    paths = generate_samples(tmp_path)
    assert time.process_time() - started < 5
    assert len(paths) == 8 and all(p.exists() for p in paths)
    truth = json.loads((tmp_path / "truth.json").read_text())
    assert set(truth) == {p.name for p in paths}
    assert {t["doc_type"] for t in truth.values()} == set(DOC_TYPES)
    scanned = {n for n, t in truth.items() if t["scanned"]}
    assert scanned == {"w2-scan.png", "paystub-scan.pdf"}
    assert detect_file_type((tmp_path / "w2-scan.png").read_bytes()[:16]) is FileType.PNG


def test_command_line_writes_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main([str(tmp_path), "--seed", "11", "--per-type", "1", "--no-scanned"]) == 0
    assert len(load_truth(tmp_path)) == len(DOC_TYPES)
    assert "wrote 6 documents" in capsys.readouterr().out
