"""Structure-aware mutations: byte flips alone rarely get past a PDF's compressed streams and
cross-reference offsets or a PNG's checksums, so most mutations work on the format's own units
and repair what a careless writer would not.

* PDF: a content or font stream is inflated, mutated (libFuzzer's mutator, or PDF operators
  spliced in) and deflated again with its ``/Length`` set; numbers, names and object references
  in dictionaries are swapped for values that break readers (0, negatives, 2**31, huge
  MediaBoxes, references to the wrong or the same object); objects are dropped or duplicated;
  then, half the time, the cross-reference table is rebuilt so the reader parses the objects
  instead of its recovery path.
* PNG: IHDR fields, inflated IDAT rows, chunks dropped, repeated or added (an APNG animation
  control makes frames pages, pHYs a resolution, zTXt a compressed bomb); CRCs repaired.
* TIFF: directory entries (size, compression, strips, bits, resolution), directories chained
  into many pages or into a loop.
* JPEG: frame header sizes and components, JFIF density, EXIF orientation, segments cut.

Every function takes the input and libFuzzer's ``max_size`` and returns new bytes; a mutation
that cannot apply falls back to libFuzzer's own (``atheris.Mutate``).
"""

from __future__ import annotations

import random
import re
import struct
import zlib
from collections.abc import Callable

import atheris

Mutator = Callable[[bytes, int, random.Random], bytes]

# --- PDF -----------------------------------------------------------------------------------------

_INTERESTING_NUMBERS = [
    b"0",
    b"-1",
    b"1",
    b"2",
    b"255",
    b"256",
    b"65535",
    b"65536",
    b"14400",
    b"100000",
    b"2147483647",
    b"2147483648",
    b"-2147483648",
    b"4294967296",
    b"9223372036854775808",
    b"1e38",
    b"-1e38",
    b"0.00001",
    b"3.4e39",
    b"99999999999999999999",
    b"1.5",
    b"-0",
    b"0.0",
    b"nan",
]
_NAMES = [
    b"/Type",
    b"/Page",
    b"/Pages",
    b"/Kids",
    b"/Count",
    b"/Parent",
    b"/Resources",
    b"/Font",
    b"/XObject",
    b"/Subtype",
    b"/Image",
    b"/Form",
    b"/Width",
    b"/Height",
    b"/BitsPerComponent",
    b"/ColorSpace",
    b"/Filter",
    b"/DecodeParms",
    b"/Length",
    b"/MediaBox",
    b"/CropBox",
    b"/Rotate",
    b"/UserUnit",
    b"/Contents",
    b"/ToUnicode",
    b"/Encoding",
    b"/Differences",
    b"/Widths",
    b"/FirstChar",
    b"/LastChar",
    b"/DescendantFonts",
    b"/W",
    b"/DW",
    b"/CIDToGIDMap",
    b"/FontMatrix",
    b"/FontDescriptor",
    b"/FontFile2",
    b"/CharProcs",
    b"/Type3",
    b"/Type0",
    b"/TrueType",
    b"/Identity-H",
    b"/Annots",
    b"/AcroForm",
    b"/AP",
    b"/Encrypt",
    b"/ObjStm",
    b"/XRef",
    b"/Prev",
    b"/Size",
    b"/Root",
    b"/Matrix",
    b"/BBox",
    b"/FlateDecode",
    b"/LZWDecode",
    b"/ASCII85Decode",
    b"/ASCIIHexDecode",
    b"/RunLengthDecode",
    b"/CCITTFaxDecode",
    b"/DCTDecode",
    b"/JBIG2Decode",
    b"/JPXDecode",
    b"/Predictor",
    b"/Columns",
    b"/Colors",
    b"/K",
    b"/Decode",
    b"/SMask",
    b"/Mask",
    b"/ImageMask",
    b"/Indexed",
    b"/ICCBased",
    b"/DeviceGray",
    b"/DeviceRGB",
    b"/DeviceCMYK",
    b"/Pattern",
    b"/Shading",
    b"/ExtGState",
    b"/Interpolate",
]
# Content-stream snippets spliced into a page's or a form's operators.
_OPERATORS = [
    b" q ",
    b" Q ",
    b" Q Q Q Q ",
    b" q q q q q q q q q q q q q q q q ",
    b" BT ",
    b" ET ",
    b" BT /F1 12 Tf 72 720 Td (Fuzz 123-45-6789) Tj ET ",
    b" /F1 0 Tf ",
    b" /F1 1e30 Tf ",
    b" /F1\x00 9 Tf ",
    b" 1e30 0 0 1e30 0 0 cm ",
    b" 0 0 0 0 0 0 cm ",
    b" 1 0 0 -1 0 792 cm ",
    b" 0 1 -1 0 612 0 cm ",
    b" 1 0 0 1 nan 0 Tm ",
    b" 1e308 1e308 Td ",
    b" 0 Tz ",
    b" -100 Tz ",
    b" 1e38 Tc 1e38 Tw ",
    b" 1e38 Ts ",
    b" [(A) -1e30 (B) 99999999999 (C)] TJ ",
    b" [] TJ ",
    b" (\x00\xff\xfe) Tj ",
    b" <d800dc00ffff> Tj ",
    b" (x) ' ",
    b' 1 2 (y) " ',
    b" T* ",
    b" /Im1 Do ",
    b" /Fm1 Do ",
    b" /Nope Do ",
    b" BI /W 100000 /H 100000 /BPC 8 /CS /G ID \x00\x00 EI ",
    b" BI /W 2 /H 2 /BPC 1 /IM true ID \xff EI ",
    b" 612 792 re f ",
    b" 0 0 612 792 re W n ",
    b" /GS1 gs ",
    b" /Sh1 sh ",
    b" 12 0 0 12 0 0 d0 ",
]


def mutate_pdf(data: bytes, max_size: int, rng: random.Random) -> bytes:
    operation = rng.choice(_PDF_OPERATIONS)
    try:
        out = operation(data, rng)
    except (ValueError, IndexError, zlib.error, OverflowError):
        out = None
    if out is None:
        return atheris.Mutate(data, max_size)
    if rng.random() < 0.5:
        out = rebuild_xref(out)
    return out[:max_size]


def _streams(data: bytes) -> list[tuple[int, int, int]]:
    """(dictionary start, data start, data end) of every stream."""
    found = []
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        if data[max(0, match.start() - 3) : match.start()] == b"end":
            continue
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        head = data.rfind(b"<<", max(0, match.start() - 2000), match.start())
        if head < 0:
            continue
        while end > start and data[end - 1 : end] in (b"\n", b"\r"):
            end -= 1
        found.append((head, start, end))
    return found


def _mutate_stream(data: bytes, rng: random.Random) -> bytes | None:
    streams = _streams(data)
    if not streams:
        return None
    head, start, end = rng.choice(streams)
    dictionary = data[head:start]
    body = data[start:end]
    flate = b"/FlateDecode" in dictionary and b"/DecodeParms" not in dictionary
    if flate:
        inflater = zlib.decompressobj()
        body = inflater.decompress(body, 1 << 20)
    if rng.random() < 0.5:
        at = rng.randrange(len(body) + 1)
        body = body[:at] + rng.choice(_OPERATORS) + body[at:]
    else:
        body = atheris.Mutate(body, max(len(body) * 2, 64))
    if flate:
        body = zlib.compress(body, 6)
    length = b"/Length %d" % len(body)
    dictionary = re.sub(rb"/Length\s+\d+(\s+\d+\s+R)?", length, dictionary, count=1)
    return data[:head] + dictionary + body + data[end:]


# Tokens outside streams: numbers, names and references.
_NUMBER = re.compile(rb"(?<![\w.#/+-])[+-]?(\d+\.?\d*|\.\d+)(?![\w.#])")
_NAME = re.compile(rb"/[A-Za-z0-9_.+-]+")
_REFERENCE = re.compile(rb"(?<!\d)(\d+) (\d+) R")
_OBJECT = re.compile(rb"(?<!\d)(\d+) (\d+) obj\b")


def _outside_streams(data: bytes, pattern: re.Pattern[bytes]) -> list[re.Match[bytes]]:
    spans = [(start, end) for _, start, end in _streams(data)]
    return [m for m in pattern.finditer(data) if not any(s <= m.start() < e for s, e in spans)]


def _replace(data: bytes, match: re.Match[bytes], new: bytes, group: int = 0) -> bytes:
    return data[: match.start(group)] + new + data[match.end(group) :]


def _mutate_number(data: bytes, rng: random.Random) -> bytes | None:
    found = _outside_streams(data, _NUMBER)
    if not found:
        return None
    match = rng.choice(found)
    if rng.random() < 0.8:
        new = rng.choice(_INTERESTING_NUMBERS)
    else:
        new = str(rng.randint(-(2**33), 2**33)).encode()
    return _replace(data, match, new)


def _mutate_name(data: bytes, rng: random.Random) -> bytes | None:
    found = _outside_streams(data, _NAME)
    if not found:
        return None
    return _replace(data, rng.choice(found), rng.choice(_NAMES))


def _mutate_reference(data: bytes, rng: random.Random) -> bytes | None:
    references = _outside_streams(data, _REFERENCE)
    numbers = [m.group(1) for m in _OBJECT.finditer(data)]
    if not references or not numbers:
        return None
    match = rng.choice(references)
    new = rng.choice([*numbers, b"0", b"99999", b"2147483648"])
    return _replace(data, match, new, group=1)


def _self_reference(data: bytes, rng: random.Random) -> bytes | None:
    """An object that contains a reference to itself (or its parent's): cycles in the page tree,
    resources and forms."""
    objects = list(_OBJECT.finditer(data))
    if not objects:
        return None
    obj = rng.choice(objects)
    inside = [m for m in _REFERENCE.finditer(data, obj.end()) if m.start() < obj.end() + 2000]
    if not inside:
        return None
    return _replace(data, rng.choice(inside), obj.group(1), group=1)


def _object_span(data: bytes, match: re.Match[bytes]) -> tuple[int, int]:
    end = data.find(b"endobj", match.end())
    return match.start(), (len(data) if end < 0 else end + len(b"endobj"))


def _drop_object(data: bytes, rng: random.Random) -> bytes | None:
    objects = list(_OBJECT.finditer(data))
    if not objects:
        return None
    start, end = _object_span(data, rng.choice(objects))
    return data[:start] + data[end:]


def _duplicate_object(data: bytes, rng: random.Random) -> bytes | None:
    """A second definition of an object (readers differ on which wins), or an object renumbered
    over another."""
    objects = list(_OBJECT.finditer(data))
    if len(objects) < 2:
        return None
    source, target = rng.sample(objects, 2)
    start, end = _object_span(data, source)
    copy = data[start:end]
    if rng.random() < 0.5:
        copy = target.group(1) + copy[len(source.group(1)) :]
    at = data.rfind(b"xref")
    at = at if at > 0 else len(data)
    return data[:at] + copy + b"\n" + data[at:]


def _splice_dictionary_entry(data: bytes, rng: random.Random) -> bytes | None:
    """A key given a value that does not belong to it."""
    found = _outside_streams(data, _NAME)
    if not found:
        return None
    match = rng.choice(found)
    value = rng.choice(
        [
            b" [0 0 0 0]",
            b" [0 0 1e38 1e38]",
            b" [0 0 14400 14400]",
            b" [612 792 0 0]",
            b" [-1e9 -1e9 1e9 1e9]",
            b" 90",
            b" 45",
            b" -270",
            b" null",
            b" <<>>",
            b" []",
            b" (string)",
            b" /Name",
            b" 1 0 R",
            b" [1 0 R 1 0 R]",
            b" 500",
        ]
    )
    return data[: match.end()] + value + data[match.end() :]


def _byte_mutation(data: bytes, rng: random.Random) -> bytes | None:
    return atheris.Mutate(data, len(data) + 64)


_PDF_OPERATIONS: list[Callable[[bytes, random.Random], bytes | None]] = [
    _mutate_stream,
    _mutate_stream,
    _mutate_stream,
    _mutate_number,
    _mutate_number,
    _mutate_name,
    _mutate_reference,
    _self_reference,
    _drop_object,
    _duplicate_object,
    _splice_dictionary_entry,
    _byte_mutation,
]


def rebuild_xref(data: bytes) -> bytes:
    """The file with a fresh classic cross-reference table for the objects it holds, keeping
    the last trailer's /Root (and /Encrypt): offsets shifted by a mutation point at the objects
    again."""
    offsets: dict[int, int] = {}
    for match in _OBJECT.finditer(data):
        offsets[int(match.group(1))] = match.start()
    root = re.findall(rb"/Root\s+(\d+\s+\d+\s+R)", data)
    if not offsets or not root:
        return data
    end = data.rfind(b"xref")
    body = data[:end] if end > 0 else data
    size = max(offsets) + 1
    if size > 100_000:
        return data
    lines = [b"0000000000 65535 f \n"]
    for number in range(1, size):
        if number in offsets and offsets[number] < len(body):
            lines.append(b"%010d 00000 n \n" % offsets[number])
        else:
            lines.append(b"0000000000 65535 f \n")
    trailer = b"/Size %d /Root %s" % (size, root[-1])
    encrypt = re.findall(rb"/Encrypt\s+(\d+\s+\d+\s+R)", data)
    if encrypt:
        trailer += b" /Encrypt " + encrypt[-1]
    ids = re.findall(rb"/ID\s*(\[[^\]]*\])", data)
    if ids:
        trailer += b" /ID " + ids[-1]
    xref = len(body) + 1
    return (
        body
        + b"\nxref\n0 %d\n" % size
        + b"".join(lines)
        + b"trailer\n<< "
        + trailer
        + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )


# --- PNG -----------------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    if not data.startswith(_PNG_SIGNATURE):
        return None
    chunks = []
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _png_bytes(chunks: list[tuple[bytes, bytes]]) -> bytes:
    return _PNG_SIGNATURE + b"".join(_png_chunk(kind, body) for kind, body in chunks)


_SIZES = [
    0,
    1,
    2,
    3,
    7,
    8,
    17,
    100,
    255,
    256,
    1000,
    4096,
    12_000,
    65_535,
    65_536,
    100_000,
    1_000_000,
    2**31 - 1,
    2**31,
    2**32 - 1,
]


def _png_ihdr(chunks: list[tuple[bytes, bytes]], rng: random.Random) -> None:
    for i, (kind, body) in enumerate(chunks):
        if kind == b"IHDR" and len(body) == 13:
            fields = list(struct.unpack(">IIBBBBB", body))
            which = rng.randrange(7)
            if which < 2:
                fields[which] = rng.choice(_SIZES)
            elif which == 2:
                fields[2] = rng.choice([0, 1, 2, 4, 8, 16, 3, 32])
            elif which == 3:
                fields[3] = rng.choice([0, 2, 3, 4, 6, 1, 5, 7])
            else:
                fields[which] = rng.choice([0, 1, 2, 255])
            chunks[i] = (kind, struct.pack(">IIBBBBB", *fields))
            return


def _png_idat(chunks: list[tuple[bytes, bytes]], rng: random.Random) -> None:
    idat = [i for i, (kind, _) in enumerate(chunks) if kind == b"IDAT"]
    if not idat:
        return
    raw = b"".join(chunks[i][1] for i in idat)
    try:
        rows = zlib.decompressobj().decompress(raw, 4 << 20)
    except zlib.error:
        rows = raw
    rows = atheris.Mutate(rows, max(len(rows) * 2, 64))
    first = idat[0]
    for i in reversed(idat[1:]):
        del chunks[i]
    chunks[first] = (b"IDAT", zlib.compress(rows, 6))


_PNG_EXTRAS = [
    (b"pHYs", struct.pack(">IIB", 0, 0, 1)),
    (b"pHYs", struct.pack(">IIB", 2**32 - 1, 1, 1)),
    (b"pHYs", struct.pack(">IIB", 11811, 11811, 1)),
    (b"acTL", struct.pack(">II", 600, 0)),
    (b"acTL", struct.pack(">II", 2, 0)),
    (b"fcTL", struct.pack(">IIIIIHHBB", 0, 100_000, 100_000, 0, 0, 1, 1, 0, 0)),
    (b"fcTL", struct.pack(">IIIIIHHBB", 1, 10, 10, 5, 5, 1, 1, 1, 2)),
    (b"zTXt", b"k\x00\x00" + zlib.compress(b"A" * (64 << 20), 9)),
    (b"iCCP", b"p\x00\x00" + zlib.compress(b"\x00" * 1000)),
    (b"tRNS", b"\x00\x00"),
    (b"PLTE", b"\x00" * 3),
    (b"eXIf", b"MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00"),
    (b"gAMA", b"\x00\x00\x00\x00"),
    (b"sBIT", b"\x08"),
    (b"IEND", b""),
]


def mutate_png(data: bytes, max_size: int, rng: random.Random) -> bytes:
    chunks = _png_chunks(data)
    if not chunks or rng.random() < 0.15:
        out = atheris.Mutate(data, max_size)
        return _fix_png_crcs(out) if rng.random() < 0.7 else out
    roll = rng.random()
    if roll < 0.3:
        _png_ihdr(chunks, rng)
    elif roll < 0.6:
        _png_idat(chunks, rng)
    elif roll < 0.75:
        at = rng.randrange(1, len(chunks) + 1) if len(chunks) > 1 else 1
        chunks.insert(at, rng.choice(_PNG_EXTRAS))
    elif roll < 0.85 and len(chunks) > 1:
        del chunks[rng.randrange(1, len(chunks))]
    else:
        i = rng.randrange(len(chunks))
        chunks.insert(i, chunks[i])
    return _png_bytes(chunks)[:max_size]


def _fix_png_crcs(data: bytes) -> bytes:
    chunks = _png_chunks(data)
    return data if chunks is None else _png_bytes(chunks)


# --- TIFF ----------------------------------------------------------------------------------------

_TIFF_TAGS = {
    256: _SIZES,  # ImageWidth
    257: _SIZES,  # ImageLength
    258: [1, 2, 4, 8, 12, 16, 24, 32, 64, 0],  # BitsPerSample
    259: [1, 2, 3, 4, 5, 6, 7, 8, 32773, 34712, 32946, 99],  # Compression
    262: [0, 1, 2, 3, 4, 5, 6, 8, 32844, 99],  # Photometric
    266: [1, 2, 3],  # FillOrder
    273: [0, 8, 2**31, 2**32 - 1],  # StripOffsets
    274: [0, 1, 3, 6, 8, 9, 65535],  # Orientation
    277: [0, 1, 2, 3, 4, 5, 255],  # SamplesPerPixel
    278: [0, 1, 2, 2**32 - 1],  # RowsPerStrip
    279: [0, 1, 2**31, 2**32 - 1],  # StripByteCounts
    282: [0, 1, 72, 300, 2**32 - 1],  # XResolution (rational: numerator)
    283: [0, 1, 72, 300, 2**32 - 1],
    284: [1, 2, 0, 3],  # PlanarConfiguration
    292: [0, 1, 4],  # T4Options
    296: [1, 2, 3, 0],  # ResolutionUnit
    317: [1, 2, 3, 0],  # Predictor
    320: [0, 8],  # ColorMap
    322: [0, 16, 1, 65536],  # TileWidth
    323: [0, 16, 1, 65536],  # TileLength
    338: [0, 1, 2],  # ExtraSamples
    339: [1, 2, 3, 4, 0],  # SampleFormat
    530: [1, 2, 4],  # YCbCrSubSampling
}
_TIFF_TYPES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8}


def _tiff_ifds(data: bytes) -> tuple[str, list[int]] | None:
    if data[:4] == b"II*\x00":
        order = "<"
    elif data[:4] == b"MM\x00*":
        order = ">"
    else:
        return None
    (offset,) = struct.unpack(order + "I", data[4:8])
    ifds: list[int] = []
    while 8 <= offset < len(data) - 2 and offset not in ifds and len(ifds) < 64:
        ifds.append(offset)
        (count,) = struct.unpack(order + "H", data[offset : offset + 2])
        end = offset + 2 + 12 * count
        if end + 4 > len(data):
            break
        (offset,) = struct.unpack(order + "I", data[end : end + 4])
    return order, ifds


def mutate_tiff(data: bytes, max_size: int, rng: random.Random) -> bytes:
    found = _tiff_ifds(data)
    if not found or not found[1] or rng.random() < 0.2:
        return atheris.Mutate(data, max_size)
    order, ifds = found
    out = bytearray(data)
    ifd = rng.choice(ifds)
    (count,) = struct.unpack(order + "H", out[ifd : ifd + 2])
    count = min(count, (len(out) - ifd - 2) // 12)
    roll = rng.random()
    if roll < 0.55 and count:
        entry = ifd + 2 + 12 * rng.randrange(count)
        tag, kind, _n = struct.unpack(order + "HHI", out[entry : entry + 8])
        if rng.random() < 0.7:
            value = rng.choice(_TIFF_TAGS.get(tag, _SIZES))
            if _TIFF_TYPES.get(kind) == 2:
                struct.pack_into(order + "HH", out, entry + 8, value & 0xFFFF, 0)
            else:
                struct.pack_into(order + "I", out, entry + 8, value & 0xFFFFFFFF)
        elif rng.random() < 0.5:
            struct.pack_into(order + "H", out, entry + 2, rng.choice([*_TIFF_TYPES, 0, 13, 99]))
        else:
            struct.pack_into(order + "I", out, entry + 4, rng.choice(_SIZES) & 0xFFFFFFFF)
    elif roll < 0.7 and count:
        # The same entry twice, or a tag the directory lacks.
        entry = ifd + 2 + 12 * rng.randrange(count)
        tag = rng.choice(list(_TIFF_TAGS))
        struct.pack_into(order + "H", out, entry, tag)
    elif roll < 0.85:
        # Directories chained: the last points at the first (a loop) or at a random one.
        last = ifds[-1]
        (n,) = struct.unpack(order + "H", out[last : last + 2])
        at = last + 2 + 12 * n
        if at + 4 <= len(out):
            struct.pack_into(order + "I", out, at, rng.choice([*ifds, 0, len(out) - 1]))
    else:
        # Many pages: the file's directory copied N times, each pointing at the next.
        size = 2 + 12 * count + 4
        copies = rng.choice([2, 10, 501, 1000])
        block = bytes(out[ifd : ifd + size])
        base = len(out)
        if base + copies * size > max_size:
            copies = max(1, (max_size - base) // size)
        struct.pack_into(order + "I", out, ifd + 2 + 12 * count, base)
        for i in range(copies):
            copy = bytearray(block)
            following = base + (i + 1) * size if i + 1 < copies else 0
            struct.pack_into(order + "I", copy, 2 + 12 * count, following)
            out += copy
    return bytes(out[:max_size])


# --- JPEG ----------------------------------------------------------------------------------------


def _jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """(marker offset, segment end) up to the start of scan."""
    found = []
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        found.append((at, at + 2 + length))
        if marker == 0xDA:
            break
        at += 2 + length
    return found


_EXIF_ORIENTATION = (
    b"\xff\xe1\x00\x22Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00"
    b"\x00\x01\x00%c\x00\x00\x00\x00\x00\x00"
)


def mutate_jpeg(data: bytes, max_size: int, rng: random.Random) -> bytes:
    if not data.startswith(b"\xff\xd8") or rng.random() < 0.2:
        return atheris.Mutate(data, max_size)
    segments = _jpeg_segments(data)
    out = bytearray(data)
    roll = rng.random()
    frames = [s for s in segments if out[s[0] + 1] in (0xC0, 0xC1, 0xC2, 0xC3, 0xC9, 0xCA)]
    if roll < 0.35 and frames:
        start, _ = rng.choice(frames)
        which = rng.randrange(4)
        if which == 0:
            struct.pack_into(">H", out, start + 5, rng.choice([0, 1, 8, 65535, 12000]))
        elif which == 1:
            struct.pack_into(">H", out, start + 7, rng.choice([0, 1, 8, 65535, 12000]))
        elif which == 2:
            out[start + 9] = rng.choice([0, 1, 2, 3, 4, 5, 255])
        else:
            out[start + 4] = rng.choice([8, 12, 16, 0, 255])  # precision
    elif roll < 0.5:
        orientation = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255])
        out[2:2] = _EXIF_ORIENTATION % orientation
    elif roll < 0.6:
        jfif = [s for s in segments if out[s[0] + 1] == 0xE0]
        if jfif and jfif[0][1] - jfif[0][0] >= 16:
            start = jfif[0][0]
            out[start + 11] = rng.choice([0, 1, 2, 3])
            struct.pack_into(
                ">HH", out, start + 12, rng.choice([0, 1, 72, 65535]), rng.choice([0, 1, 72, 65535])
            )
    elif roll < 0.8 and segments:
        start, end = rng.choice(segments)
        segment = atheris.Mutate(bytes(out[start + 4 : end]), max(end - start, 16))
        out[start:end] = out[start : start + 2] + struct.pack(">H", len(segment) + 2) + segment
    else:
        return atheris.Mutate(data, max_size)
    return bytes(out[:max_size])


def mutate_image(data: bytes, max_size: int, rng: random.Random) -> bytes:
    if data.startswith(_PNG_SIGNATURE):
        return mutate_png(data, max_size, rng)
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return mutate_tiff(data, max_size, rng)
    if data.startswith(b"\xff\xd8"):
        return mutate_jpeg(data, max_size, rng)
    return atheris.Mutate(data, max_size)


def mutate_any(data: bytes, max_size: int, rng: random.Random) -> bytes:
    if data.startswith(b"%PDF"):
        return mutate_pdf(data, max_size, rng)
    return mutate_image(data, max_size, rng)
