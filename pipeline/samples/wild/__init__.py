"""A third document generator, written apart from the extraction code and from the other two
generators, with layouts modelled on the vendor documents lenders receive (payroll providers'
earnings statements, banks' statements, tax software's returns, verification services' reports).

It exists to measure how extraction generalises: its first figures were taken before any
extraction change looked at it. Seeds 1-999 tune, 9000-9999 are held out, as for the
randomized generator.

Each kind module exposes ``LAYOUTS`` (its layout families) and ``build(rng, layout)`` returning
a ``WildDocument``.
"""

from __future__ import annotations

import importlib
import json
import random
from pathlib import Path
from typing import Any, Protocol

import pipeline.samples.randomized.scan as scan
from pipeline.samples.randomized.corpus import clear_previous, is_scanned
from pipeline.samples.wild.document import WildDocument

GENERATOR = "wild"
TRUTH_FILE = "truth.json"
KINDS = ("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe")
# The generators built this way (each kind a module of ``LAYOUTS`` and ``build``), by name.
_PACKAGES = {GENERATOR: __name__, "bazaar": "pipeline.samples.bazaar"}


class _KindModule(Protocol):
    LAYOUTS: tuple[str, ...]

    def build(self, rng: random.Random, layout: str) -> WildDocument: ...


def _module(kind: str, package: str = __name__) -> _KindModule:
    module: Any = importlib.import_module(f"{package}.{kind}")
    return module  # type: ignore[no-any-return]


def layout_for(seed: int, kind: str, index: int, *, generator: str = GENERATOR) -> str:
    """Every run of len(LAYOUTS) indices shows each layout once, in a per-run shuffled order."""
    layouts = list(_module(kind, _PACKAGES[generator]).LAYOUTS)
    cycle, position = divmod(index, len(layouts))
    random.Random(f"{generator}:{seed}:{kind}:layouts:{cycle}").shuffle(layouts)
    return layouts[position]


def build_document(
    seed: int, kind: str, index: int, *, generator: str = GENERATOR
) -> tuple[WildDocument, str]:
    layout = layout_for(seed, kind, index, generator=generator)
    module = _module(kind, _PACKAGES[generator])
    return module.build(random.Random(f"{generator}:{seed}:{kind}:{index}"), layout), layout


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def generate_wild_corpus(
    out_dir: Path,
    *,
    seed: int,
    count_per_kind: int,
    scanned_share: float = 0.33,
    kinds: tuple[str, ...] = KINDS,
    generator: str = GENERATOR,
) -> Path:
    """Write ``count_per_kind`` documents of each kind (``scanned_share`` of them as scans) and
    their ``truth.json`` into ``out_dir``; returns the truth file's path. ``generator`` names
    which of the generators built this way draws them ("wild" or "bazaar")."""
    if count_per_kind < 1:
        raise ValueError("count_per_kind must be at least 1")
    if not 0 <= scanned_share <= 1:
        raise ValueError("scanned_share must be between 0 and 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous(out_dir)
    jobs = [(kind, index) for kind in kinds for index in range(count_per_kind)]
    random.Random(f"{generator}:{seed}:order").shuffle(jobs)
    truth: dict[str, dict[str, Any]] = {}
    for number, (kind, index) in enumerate(jobs, start=1):
        document, layout = build_document(seed, kind, index, generator=generator)
        scanned = is_scanned(seed, f"{generator}-{kind}", index, scanned_share)
        if scanned:
            rng = random.Random(f"{generator}:{seed}:{kind}:{index}:scan")
            file_format = scan.choose_format(rng, _pages(document.pdf))
            data = scan.scan(document.pdf, rng, file_format, text_size=document.text_size)
        else:
            file_format, data = "pdf", document.pdf
        name = f"doc-{number:04d}{scan.EXTENSIONS[file_format]}"
        (out_dir / name).write_bytes(data)
        truth[name] = {
            "doc_type": document.doc_type,
            "scanned": scanned,
            "borrowers": document.borrowers,
            "income_records": document.income_records,
            "account_numbers": document.account_numbers,
            "notes": "; ".join(
                part
                for part in (f"layout={layout}", f"format={file_format}", document.notes)
                if part
            ),
            "layout": f"{document.doc_type}/{layout}",
            "generator": generator,
        }
    path = out_dir / TRUTH_FILE
    path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
