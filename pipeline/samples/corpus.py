"""Write a labelled corpus: documents plus ``truth.json``.

Each document gets its own ``random.Random`` seeded from (seed, type, index), so its content does
not depend on how many other documents are generated or in which order.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf

from pipeline.samples import bank_statement, paystub, scan, tax_forms, voe, w2
from pipeline.samples.cast import Cast, Member, build_cast
from pipeline.samples.truth import DocumentTruth

TRUTH_FILE = "truth.json"
DOC_TYPES = ("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe")

Builder = Callable[[random.Random, Member], tuple[bytes, DocumentTruth]]


@dataclass(frozen=True)
class _Plan:
    doc_type: str
    index: int
    member: Member
    build: Builder


def _w2_plan(member: Member, index: int) -> Builder:
    year = (2023, 2022)[index % 2]
    # Whoever has a second job gets both employers' W-2s on one page.
    layout = w2.TWO_EMPLOYER_LAYOUT if member.side_job else w2.LAYOUTS[index % len(w2.LAYOUTS)]
    return lambda rng, m: w2.build(rng, m, layout=layout, year=year)


def _member(cast: Cast, index: int, count: int, *, offset: int, namesake_last: bool) -> Member:
    if namesake_last and count >= 2 and index == count - 1:
        return cast.namesake
    return cast.members[(index + offset) % len(cast.members)]


def _plans(cast: Cast, doc_type: str, start: int, count: int, total: int) -> list[_Plan]:
    plans = []
    for index in range(start, start + count):
        build: Builder
        if doc_type == "w2":
            member = _member(cast, index, total, offset=0, namesake_last=True)
            build = _w2_plan(member, index)
        elif doc_type == "paystub":
            member = _member(cast, index, total, offset=0, namesake_last=False)
            layout = paystub.LAYOUTS[index % len(paystub.LAYOUTS)]
            build = _bind(paystub.build, layout, 2024)
        elif doc_type == "bank_statement":
            member = _member(cast, index, total, offset=0, namesake_last=False)
            layout = bank_statement.LAYOUTS[index % len(bank_statement.LAYOUTS)]
            build = _bind(bank_statement.build, layout, 2024)
        elif doc_type == "form_1040":
            member = _member(cast, index, total, offset=1, namesake_last=False)
            layout = tax_forms.LAYOUTS_1040[index % len(tax_forms.LAYOUTS_1040)]
            build = _bind(tax_forms.build_1040, layout, (2023, 2022, 2021)[index % 3])
        elif doc_type == "form_1099":
            member = _member(cast, index, total, offset=2, namesake_last=True)
            variant = tax_forms.VARIANTS_1099[index % len(tax_forms.VARIANTS_1099)]
            layout = tax_forms.LAYOUTS_1099[(index // 2) % len(tax_forms.LAYOUTS_1099)]
            year = (2023, 2022)[(index // 4) % 2]
            build = _bind_1099(layout, year, variant)
        elif doc_type == "voe":
            member = _member(cast, index, total, offset=0, namesake_last=False)
            build = _bind(voe.build, voe.LAYOUTS[index % len(voe.LAYOUTS)], 2024)
        else:
            raise ValueError(f"unknown document type {doc_type!r}")
        plans.append(_Plan(doc_type, index, member, build))
    return plans


def _bind(fn: Callable[..., tuple[bytes, DocumentTruth]], layout: str, year: int) -> Builder:
    return lambda rng, member: fn(rng, member, layout=layout, year=year)


def _bind_1099(layout: str, year: int, variant: str) -> Builder:
    return lambda rng, member: tax_forms.build_1099(
        rng, member, layout=layout, year=year, variant=variant
    )


def _render(plan: _Plan, seed: int) -> tuple[bytes, DocumentTruth]:
    return plan.build(random.Random(f"{seed}:{plan.doc_type}:{plan.index}"), plan.member)


def build_classic_document(seed: int, doc_type: str, index: int) -> tuple[bytes, DocumentTruth]:
    """One document of the classic generator as a text PDF, determined by (seed, type, index)
    (what packets are assembled from)."""
    cast = build_cast(random.Random(f"{seed}:cast"), 6)
    (plan,) = _plans(cast, doc_type, index, 1, index + 1)
    return _render(plan, seed)


def _page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _scan_format(preferred: str, pages: int) -> str:
    if pages > 1 and preferred not in scan.MULTI_PAGE_FORMATS:
        return "tiff" if preferred == "png" else "pdf"
    return preferred


def _clear_previous(out_dir: Path) -> None:
    """Remove the documents of an earlier run into the same folder (as listed by its truth)."""
    truth_path = out_dir / TRUTH_FILE
    if not truth_path.exists():
        return
    try:
        previous = json.loads(truth_path.read_text())
    except (OSError, ValueError):
        return
    for name in previous if isinstance(previous, dict) else ():
        candidate = out_dir / Path(str(name)).name
        if candidate.is_file():
            candidate.unlink()


def _write_truth(out_dir: Path, truth: dict[str, dict[str, Any]]) -> Path:
    path = out_dir / TRUTH_FILE
    path.write_text(json.dumps(dict(sorted(truth.items())), indent=2, ensure_ascii=False) + "\n")
    return path


def generate_corpus(
    out_dir: Path, *, seed: int = 7, per_type: int = 4, scanned: bool = True
) -> Path:
    """Write ``per_type`` text PDFs of each document type (plus, with ``scanned``, about half as
    many scanned ones per type: image-only PDF, PNG, JPEG or multi-page TIFF) and
    ``truth.json`` into ``out_dir``. Returns the truth file's path.

    File names (``doc-001.pdf`` ...) say nothing about the content; the type is in the truth.
    """
    if per_type < 1:
        raise ValueError("per_type must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir)
    cast = build_cast(random.Random(f"{seed}:cast"), per_type + 2)
    scanned_per_type = max(1, per_type // 2) if scanned else 0
    jobs: list[tuple[_Plan, bool]] = []
    for doc_type in DOC_TYPES:
        total = per_type + scanned_per_type
        jobs += [(p, False) for p in _plans(cast, doc_type, 0, per_type, total)]
        jobs += [(p, True) for p in _plans(cast, doc_type, per_type, scanned_per_type, total)]
    random.Random(f"{seed}:order").shuffle(jobs)

    truth: dict[str, dict[str, Any]] = {}
    scan_index = 0
    for number, (plan, is_scan) in enumerate(jobs, start=1):
        pdf, doc_truth = _render(plan, seed)
        if is_scan:
            file_format = _scan_format(
                scan.SCAN_FORMATS[scan_index % len(scan.SCAN_FORMATS)], _page_count(pdf)
            )
            scan_index += 1
            rng = random.Random(f"{seed}:scan:{plan.doc_type}:{plan.index}")
            data = scan.scan(pdf, rng, file_format)
            name = f"doc-{number:03d}{scan.EXTENSIONS[file_format]}"
        else:
            file_format, data = "pdf", pdf
            name = f"doc-{number:03d}.pdf"
        (out_dir / name).write_bytes(data)
        truth[name] = doc_truth.as_dict(scanned=is_scan, file_format=file_format)
    return _write_truth(out_dir, truth)


def generate_samples(out_dir: Path, *, seed: int = 7) -> list[Path]:
    """A small demo set: one text PDF of each type, a scanned W-2 (PNG) and a scanned pay stub
    (image-only PDF), named by type, with their ``truth.json``. Returns the documents' paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir)
    cast = build_cast(random.Random(f"{seed}:cast"), 4)
    truth: dict[str, dict[str, Any]] = {}
    paths: list[Path] = []

    def write(name: str, data: bytes, doc_truth: DocumentTruth, *, fmt: str, scanned: bool) -> None:
        (out_dir / name).write_bytes(data)
        truth[name] = doc_truth.as_dict(scanned=scanned, file_format=fmt)
        paths.append(out_dir / name)

    for doc_type in DOC_TYPES:
        (plan,) = _plans(cast, doc_type, 0, 1, 1)
        pdf, doc_truth = _render(plan, seed)
        write(f"{doc_type}.pdf", pdf, doc_truth, fmt="pdf", scanned=False)
    for doc_type, fmt in (("w2", "png"), ("paystub", "pdf")):
        (plan,) = _plans(cast, doc_type, 1, 1, 2)
        pdf, doc_truth = _render(plan, seed)
        data = scan.scan(pdf, random.Random(f"{seed}:scan:{doc_type}"), fmt)
        write(f"{doc_type}-scan{scan.EXTENSIONS[fmt]}", data, doc_truth, fmt=fmt, scanned=True)
    _write_truth(out_dir, truth)
    return paths
