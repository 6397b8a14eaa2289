"""Loan packets: several documents of both generators in one PDF, with pages of no extracted
kind between them, labelled page by page.

A lender's loan file is one PDF: the documents a borrower sent, in whatever order, with fax
covers, disclosures and blank pages among them. A packet here is 3-7 documents drawn from the
classic generator (``pipeline.samples``) and the randomized one (``pipeline.samples.randomized``;
it alone draws the URLA, the rest of the 1099 family and returns with Schedules C and E), or
with ``vendors`` from the wild and bazaar generators (vendors' layouts: cover letters, e-file
authorizations, transcripts, composite 1099s), in random order, the same kind sometimes
twice in a row (two pay stubs, two statements: the case splitting by kind alone gets wrong),
and 0-3 filler pages (``pipeline.samples.filler``)
before, between or after them. About a third of the packets are scanned whole (an image-only
PDF or a multi-page TIFF).

Truth is the ``truth.json`` format of ``shared/corpus/README.md`` for ``doc_type`` "packet":
records carry their page in the packet, ``pages`` maps every page to its kind ("unknown" for
filler) and ``parts`` lists each document with its first and last page, which is what
``pipeline eval`` scores splitting against.

A packet is fully determined by (seed, index): seeds 1-999 tune, 9000-9999 are held out, as for
the randomized generator.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf

import pipeline.samples.randomized.corpus as randomized
import pipeline.samples.randomized.people as people
import pipeline.samples.randomized.scan as scan
from pipeline.domain.model import normalize_name
from pipeline.samples import filler
from pipeline.samples.corpus import DOC_TYPES, build_classic_document
from pipeline.samples.truth import DocumentTruth

TRUTH_FILE = "truth.json"
GENERATOR = "packets"
# the classic kinds (either generator) and the later ones (randomized only)
KINDS = (*DOC_TYPES, *randomized.EXTRA_KINDS)
# vendor packets: the six kinds of the wild and bazaar generators
VENDOR_GENERATORS = ("wild", "bazaar")
VENDOR_KINDS = ("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe")
MIN_DOCUMENTS, MAX_DOCUMENTS = 3, 7
# Document indices far from the ones a corpus of the same seed uses, so a packet never repeats
# a document of that corpus.
_INDEX_BASE = 500


@dataclass(frozen=True)
class Piece:
    """One document or filler page of a packet, before the pages are numbered."""

    pdf: bytes
    doc_type: str  # "unknown" for filler
    record: dict[str, Any] | None  # the document's truth entry; None for filler
    source: str  # "classic", "randomized", "wild/<layout>", "bazaar/<layout>" or "filler/<kind>"


def _record(truth: DocumentTruth) -> dict[str, Any]:
    return truth.as_dict(scanned=False, file_format="pdf")


def _document(seed: int, packet: int, slot: int, kind: str, rng: random.Random) -> Piece:
    index = _INDEX_BASE + packet * 10 + slot
    if kind in DOC_TYPES and rng.random() < 0.5:
        pdf, truth = build_classic_document(seed, kind, index)
        return Piece(pdf, truth.doc_type, _record(truth), "classic")
    drawn, _ = randomized.build_document(seed, kind, index)
    truth = drawn.truth
    return Piece(drawn.pdf, truth.doc_type, _record(truth), f"randomized/{truth.layout}")


def _vendor_document(seed: int, packet: int, slot: int, kind: str, rng: random.Random) -> Piece:
    """A document of the vendor-layout generators (wild or bazaar)."""
    from pipeline.samples.wild import build_document

    generator = rng.choice(VENDOR_GENERATORS)
    document, layout = build_document(
        seed, kind, _INDEX_BASE + packet * 10 + slot, generator=generator
    )
    record = {
        "doc_type": document.doc_type,
        "borrowers": document.borrowers,
        "income_records": document.income_records,
        "account_numbers": document.account_numbers,
    }
    return Piece(document.pdf, document.doc_type, record, f"{generator}/{layout}")


def _pieces(seed: int, packet: int, *, vendors: bool = False) -> list[Piece]:
    rng = random.Random(f"{'vendor-' if vendors else ''}packet:{seed}:{packet}")
    kinds: list[str] = []
    # the application usually opens a loan file
    if not vendors and rng.random() < 0.3:
        kinds.append("form_1003")
    for _ in range(rng.randint(MIN_DOCUMENTS, MAX_DOCUMENTS)):
        if kinds and rng.random() < 0.3:
            kinds.append(kinds[-1])  # a second pay stub, statement or W-2 right after the first
        else:
            kinds.append(rng.choice(VENDOR_KINDS if vendors else KINDS))
    build = _vendor_document if vendors else _document
    pieces = [build(seed, packet, slot, kind, rng) for slot, kind in enumerate(kinds)]
    somebody = people.person(rng)
    for _ in range(rng.randint(0, 3)):
        kind = rng.choice(filler.KINDS)
        page = filler.build(rng, kind, somebody)
        pieces.insert(rng.randint(0, len(pieces)), Piece(page, "unknown", None, f"filler/{kind}"))
    return pieces


def build_packet(seed: int, packet: int, *, vendors: bool = False) -> tuple[bytes, dict[str, Any]]:
    """Packet ``packet`` of ``seed`` as one text PDF, and its truth entry (``vendors``: of the
    wild and bazaar generators' documents)."""
    writer = pypdf.PdfWriter()
    truth: dict[str, Any] = {
        "doc_type": "packet",
        "borrowers": [],
        "income_records": [],
        "account_numbers": [],
        "pages": {},
        "parts": [],
        "generator": GENERATOR,
        "layout": "packet",
    }
    seen: set[tuple[str, str | None]] = set()
    sources: list[str] = []
    page = 0
    for piece in _pieces(seed, packet, vendors=vendors):
        reader = pypdf.PdfReader(io.BytesIO(piece.pdf))
        first = page + 1
        for pdf_page in reader.pages:
            writer.add_page(pdf_page)
            page += 1
            truth["pages"][str(page)] = piece.doc_type
        sources.append(f"{piece.source} p{first}-{page}")
        record = piece.record
        if record is None:
            continue
        truth["parts"].append({"doc_type": piece.doc_type, "pages": [first, page]})
        for borrower in record["borrowers"]:
            # one person printed "CALEB NOVAK" on one document and "Caleb Novak" on another
            key = (normalize_name(borrower["name"]), borrower["ssn_last4"])
            if key not in seen:
                seen.add(key)
                truth["borrowers"].append(borrower)
        for name in ("income_records", "account_numbers"):
            for item in record[name]:
                truth[name].append({**item, "page": first - 1 + int(item["page"])})
    truth["notes"] = "; ".join(sources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), truth


def generate_packet_corpus(
    out_dir: Path, *, seed: int, count: int, scanned_share: float = 0.33, vendors: bool = False
) -> Path:
    """Write ``count`` packets (``scanned_share`` of them scanned) and their ``truth.json`` into
    ``out_dir``; returns the truth file's path. ``vendors``: packets of the wild and bazaar
    generators' documents instead of the classic and randomized ones'."""
    if count < 1:
        raise ValueError("count must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    randomized.clear_previous(out_dir)
    truth: dict[str, dict[str, Any]] = {}
    for packet in range(count):
        pdf, entry = build_packet(seed, packet, vendors=vendors)
        tag = "vendor-packet" if vendors else "packet"
        scanned = randomized.is_scanned(seed, tag, packet, scanned_share)
        if scanned:
            rng = random.Random(f"{tag}:{seed}:{packet}:scan")
            file_format = "pdf" if rng.random() < 0.75 else "tiff"
            # the smallest print in a packet decides the resolution: never below 200 dpi
            data = scan.scan(pdf, rng, file_format, text_size=8.0)
        else:
            file_format, data = "pdf", pdf
        name = f"packet-{packet + 1:03d}{scan.EXTENSIONS[file_format]}"
        (out_dir / name).write_bytes(data)
        entry["scanned"] = scanned
        entry["notes"] = f"format={file_format}; {entry['notes']}"
        truth[name] = entry
    path = out_dir / TRUTH_FILE
    path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
