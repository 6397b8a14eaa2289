"""The chaos run's stream of hand-ins: generated loan documents (text PDFs and scans), hostile
files and repeats of earlier files, all determined by a seed.

Every file's name is unique to its bytes (a repeat is the same file handed in again), so a
document's name and any reason quoting it do not depend on which of its hand-ins was ingested
first: the chaos run and the fault-free reference name every document alike."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from pipeline.samples import scan
from pipeline.samples.cast import build_cast
from pipeline.samples.corpus import build_classic_document
from tests.support import docs

# One-page kinds only are scanned, so a scan is one OCR task of one page (OCR is the run's
# costliest work by far; a page is enough to cross the ocr queue and the chord).
_TEXT_KINDS = ("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe")
_SCAN_KINDS = ("w2", "paystub", "form_1099", "voe")
_SCAN_FORMATS = ("png", "jpeg", "pdf", "tiff")


@dataclass(frozen=True)
class HandIn:
    """One submission of the stream."""

    number: int
    path: Path
    kind: str  # text | scan | encrypted | truncated | corrupt | empty | mislabelled
    repeat: bool  # the same file was handed in before
    expect: str  # the document's final status: COMPLETED or FAILED
    reason: str | None  # words the FAILED reason must hold

    @property
    def hostile(self) -> bool:
        return self.kind not in ("text", "scan")


# What each hostile kind must end with (README "Page text and OCR": hostile input).
HOSTILE_REASONS = {
    "encrypted": "encrypted PDF, password required",
    "truncated": "truncated",
    "corrupt": "PDF",
    "empty": "empty file (0 bytes)",
    "mislabelled": "unsupported file type",
}


@dataclass(frozen=True)
class StreamMix:
    """Shares of the stream; the rest is text PDFs."""

    scans: float = 0.06
    hostile: float = 0.10
    repeats: float = 0.10


class Stream:
    """``count`` hand-ins written under ``folder`` (files are made as the stream reaches them
    only once: :meth:`prepare` writes them all up front, a few per second of the run)."""

    def __init__(self, folder: Path, *, seed: int, count: int, mix: StreamMix) -> None:
        self.folder = folder
        self.rng = random.Random(f"chaos:{seed}")
        self.seed = seed
        self.count = count
        self.mix = mix
        self.hand_ins: list[HandIn] = []
        self.identifiers: set[str] = set()  # full SSNs and account numbers the files print
        self._next_index: Counter[str] = Counter()

    def prepare(self) -> list[HandIn]:
        self.folder.mkdir(parents=True, exist_ok=True)
        originals: list[HandIn] = []
        by_content: dict[str, HandIn] = {}
        for number in range(self.count):
            roll = self.rng.random()
            if originals and roll < self.mix.repeats:
                earlier = self.rng.choice(originals)
                hand_in = HandIn(
                    number, earlier.path, earlier.kind, True, earlier.expect, earlier.reason
                )
            elif roll < self.mix.repeats + self.mix.hostile:
                hand_in = self._hostile(number)
            elif roll < self.mix.repeats + self.mix.hostile + self.mix.scans:
                hand_in = self._document(number, scanned=True)
            else:
                hand_in = self._document(number, scanned=False)
            if not hand_in.repeat:
                # Two generated files can come out the same bytes (a truncation that cut off
                # what told them apart): the second is a repeat of the first, under its name.
                digest = hashlib.sha256(hand_in.path.read_bytes()).hexdigest()
                same = by_content.get(digest)
                if same is not None:
                    if hand_in.path != same.path:
                        hand_in.path.unlink()
                    hand_in = dataclasses.replace(same, number=number, repeat=True)
                else:
                    by_content[digest] = hand_in
                    originals.append(hand_in)
            self.hand_ins.append(hand_in)
        return self.hand_ins

    def _document(self, number: int, *, scanned: bool) -> HandIn:
        kind = self.rng.choice(_SCAN_KINDS if scanned else _TEXT_KINDS)
        # A new cast every 30 documents of a kind: names and figures keep changing.
        index = self._next_index[kind]
        self._next_index[kind] += 1
        cast_seed = self.seed * 1000 + index // 30
        pdf, _truth = build_classic_document(cast_seed, kind, index % 30)
        self.identifiers |= cast_identifiers(cast_seed)
        if scanned:
            fmt = self.rng.choice(_SCAN_FORMATS)
            data = scan.scan(pdf, random.Random(f"{self.seed}:scan:{number}"), fmt)
            path = self.folder / f"{number:05d}-{kind}-scan{scan.EXTENSIONS[fmt]}"
        else:
            data = pdf
            path = self.folder / f"{number:05d}-{kind}.pdf"
        path.write_bytes(data)
        return HandIn(number, path, "scan" if scanned else "text", False, "COMPLETED", None)

    def _hostile(self, number: int) -> HandIn:
        kind = self.rng.choice(sorted(HOSTILE_REASONS))
        token = f"{self.seed}-{number}-{self.rng.getrandbits(48):012x}"
        repeat = False
        if kind == "empty":
            # Empty files are all the same bytes, so they are one document: one name too.
            path = docs.zero_byte(self.folder / "empty.pdf")
            repeat = any(h.kind == "empty" for h in self.hand_ins)
        else:
            path = self.folder / f"{number:05d}-{kind}.pdf"
            path.write_bytes(_hostile_bytes(kind, token, path))
        return HandIn(number, path, kind, repeat, "FAILED", HOSTILE_REASONS[kind])


def _hostile_bytes(kind: str, token: str, scratch: Path) -> bytes:
    lines = [f"Statement for the lender, reference {token}"] * 8
    if kind == "encrypted":
        writer = PdfWriter(clone_from=PdfReader(docs.text_pdf(scratch, [lines])))
        writer.encrypt(user_password=token, owner_password="owner-" + token, algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    if kind == "truncated":
        data = docs.text_pdf(scratch, [lines] * 3).read_bytes()
        return data[: len(data) * 2 // 5]
    if kind == "corrupt":
        # A PDF header over bytes that are no PDF at all.
        rng = random.Random(token)
        return b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(4096))
    if kind == "mislabelled":
        return f"Dear lender,\nplease find my pay stubs attached ({token}).\n".encode()
    raise ValueError(kind)


def cast_identifiers(seed: int) -> set[str]:
    """Every SSN and account number of the people the classic generator draws documents of
    for ``seed`` (those its documents print, and more)."""
    cast = build_cast(random.Random(f"{seed}:cast"), 6)
    members = [*cast.members, cast.namesake]
    members += [m.spouse for m in cast.members if m.spouse is not None]
    return {m.person.ssn for m in members} | {m.account_number for m in members if m.account_number}


def leaks(text: str, identifiers: set[str]) -> list[str]:
    """The identifiers ``text`` prints in full, with or without separators between digits;
    each given by its last four digits only."""
    if not identifiers:
        return []
    pattern = re.compile(
        "|".join(
            r"(?<!\d)" + r"[-\s]?".join(ident) + r"(?!\d)"
            for ident in sorted(identifiers, key=len, reverse=True)
        )
    )
    found = {re.sub(r"\D", "", m.group(0)) for m in pattern.finditer(text)}
    return sorted(f"...{ident[-4:]}" for ident in found)
