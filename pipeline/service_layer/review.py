"""Read models of the review page: the documents to review, one document's records with every
source box on its pages, lowest confidence first, and its pages drawn with the SSNs and account
numbers they print blacked out but for their last four digits. Plain dicts built on the export
(so the page shows what the export shows, corrections included); no full SSN or account number."""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from PIL import Image, ImageDraw

from pipeline.db import tables as t
from pipeline.domain.corrections import CORRECTABLE
from pipeline.domain.model import RecordKind
from pipeline.domain.pages import Word
from pipeline.pii import identifier_spans
from pipeline.service_layer import page_images, views
from pipeline.service_layer.corrections import EXPORT_LISTS, list_corrections
from pipeline.service_layer.deps import Dependencies


def _records(doc: dict[str, Any]) -> list[tuple[RecordKind, dict[str, Any]]]:
    return [(kind, r) for kind, key in EXPORT_LISTS.items() for r in doc.get(key) or []]


async def review_list(
    deps: Dependencies,
    *,
    threshold: float,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Documents newest first (keyset on created_at and id, as ``views.list_documents``), each
    with its borrowers' names, how many records it has, how many are under ``threshold`` and how
    many a reviewer corrected or rejected."""
    listed = await views.list_documents(deps, before=before, limit=limit)
    ids = [uuid.UUID(d["id"]) for d in listed]
    exported = (
        {d["id"]: d for d in await views.export_documents(deps, document_ids=ids)} if ids else {}
    )
    for doc in listed:
        full = exported.get(doc["id"], {})
        records = [r for _, r in _records(full)]
        doc["borrower_names"] = [b["name"] for b in full.get("borrowers", []) if not b["rejected"]]
        doc["records"] = len(records)
        doc["low_confidence"] = sum(r["confidence"] < threshold for r in records)
        doc["reviewed"] = sum(bool(r["corrected"] or r["rejected"]) for r in records)
    return listed


async def review_document(
    deps: Dependencies, document_id: uuid.UUID, *, threshold: float
) -> dict[str, Any] | None:
    """The document as ``views.document_detail`` shows it, plus ``records``: each record with
    its kind, every source reference (page, box, section, snippet), whether it is under
    ``threshold``, and its correctable fields' current values; those under the threshold
    first (lowest confidence first), then the rest in export order. ``corrections``: the
    document's correction history, oldest first."""
    detail = await views.document_detail(deps, document_id)
    if detail is None:
        return None
    sources = await _all_sources(deps, document_id)
    records = []
    for order, (kind, record) in enumerate(_records(detail)):
        low = record["confidence"] < threshold
        records.append(
            {
                "kind": kind.value,
                "record": record,
                "sources": sources.get(record["id"], []),
                "low": low,
                "fields": {name: record.get(name) for name in CORRECTABLE[kind]},
                "_key": (0, record["confidence"], order) if low else (1, 0.0, order),
            }
        )
    records.sort(key=lambda r: r.pop("_key"))
    detail["records"] = records
    detail["corrections"] = [c.as_dict() for c in await list_corrections(deps, document_id)]
    detail["threshold"] = threshold
    return detail


async def _all_sources(deps: Dependencies, document_id: uuid.UUID) -> dict[str, list[Any]]:
    """Every source reference of the document's records (the export keeps only the first)."""
    sr = t.source_references
    rows = await views._rows(
        deps,
        sa.select(sr)
        .where(sr.c.document_id == document_id)
        .order_by(sr.c.page_number, sr.c.created_at, sr.c.id),
    )
    out: dict[str, list[Any]] = {}
    for r in rows:
        out.setdefault(str(r.record_id), []).append(
            {
                "page": r.page_number,
                "section": r.section,
                "snippet": r.snippet,
                "bbox": list(r.bbox) if r.bbox else None,
                "confidence": round(r.confidence, 3),
            }
        )
    return out


# --- page images -------------------------------------------------------------------------------


async def review_page_image(
    deps: Dependencies,
    renderer: page_images.PageRenderer,
    document_id: uuid.UUID,
    number: int,
    width: int,
) -> page_images.PageImage | None:
    """The page as :func:`page_images.page_image` draws it, with every SSN- or account-shaped
    number its words hold (text layer or OCR, as checkpointed) blacked out but its last four
    digits, which the records show. None when there is no such document."""
    image = await page_images.page_image(deps, renderer, document_id, number, width)
    if image is None:
        return None
    etag = image.etag[:-1] + '-masked"'
    boxes = identifier_boxes(await _page_words(deps, document_id, number))
    if not boxes:
        return page_images.PageImage(image.png, etag)
    png = await asyncio.to_thread(_black_out, image.png, boxes)
    return page_images.PageImage(png, etag)


async def _page_words(deps: Dependencies, document_id: uuid.UUID, number: int) -> list[Word]:
    p = t.document_pages
    rows = await views._rows(
        deps,
        sa.select(p.c.words).where(p.c.document_id == document_id, p.c.page_number == number),
    )
    return [Word(*w) for w in (rows[0].words if rows else None) or []]


def _visual_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words in reading order, cut into runs on one line with no column gap between them."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.height / 2, w.left)):
        middle = word.top + word.height / 2
        for line in lines:
            last = line[-1]
            if abs(last.top + last.height / 2 - middle) < max(last.height, word.height) / 2:
                line.append(word)
                break
        else:
            lines.append([word])
    runs: list[list[Word]] = []
    for line in lines:
        line.sort(key=lambda w: w.left)
        run = [line[0]]
        for word in line[1:]:
            gap = word.left - (run[-1].left + run[-1].width)
            if gap > 1.5 * max(word.height, run[-1].height):  # another column
                runs.append(run)
                run = []
            run.append(word)
        runs.append(run)
    return runs


def identifier_boxes(words: Iterable[Word]) -> list[tuple[float, float, float, float]]:
    """Boxes (page fractions) over the SSN- and account-shaped numbers ``words`` print, an
    identifier split over several words included, each leaving its last four digits out; where
    a character sits in its word is estimated from the characters' usual widths."""
    boxes = []
    for run in _visual_lines(words):
        text, starts = "", []
        for word in run:
            starts.append(len(text) + (1 if text else 0))
            text = f"{text} {word.text}" if text else word.text
        for start, end in identifier_spans(text):
            digit_positions = [i for i in range(start, end) if text[i].isdigit()]
            keep = set(digit_positions[-4:])
            for word, first in zip(run, starts, strict=True):
                masked = [
                    i - first
                    for i in range(max(start, first), min(end, first + len(word.text)))
                    if i not in keep
                ]
                if not masked:
                    continue
                offsets = _char_offsets(word.text)
                unit = word.width / offsets[-1]
                after = max(masked) + 1
                # Stop a little short of a kept digit right after the mask.
                slack = 0.15 if after < len(word.text) else 0.0
                boxes.append(
                    (
                        word.left + unit * offsets[min(masked)],
                        word.top,
                        word.left + unit * (offsets[after] - slack),
                        word.top + word.height,
                    )
                )
    return boxes


# Widths of narrow characters against a digit's (a sans-serif face's proportions).
_NARROW = {"-": 0.6, ".": 0.5, ",": 0.5, " ": 0.5, ":": 0.5, "/": 0.5}


def _char_offsets(text: str) -> list[float]:
    """Where each character of a word starts, in digit widths; the last entry is the word's
    width."""
    offsets = [0.0]
    for char in text:
        offsets.append(offsets[-1] + _NARROW.get(char, 1.0))
    return offsets


def _black_out(png: bytes, boxes: list[tuple[float, float, float, float]]) -> bytes:
    image: Image.Image = Image.open(io.BytesIO(png))
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    fill: int | tuple[int, int, int] = 0 if image.mode == "L" else (0, 0, 0)
    for left, top, right, bottom in boxes:
        draw.rectangle(
            (int(left * w) - 1, int(top * h) - 1, int(right * w) + 1, int(bottom * h) + 1),
            fill=fill,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
