"""Hypothesis strategies for image files built field by field: PNG, TIFF and JPEG headers whose
sizes, bit depths, colour types, compressions, strip tables, resolutions, orientations and
frame chains are drawn from the values decoders trip on, around a little pixel data. Checksums
and lengths are written correctly, so every case reaches the decoder instead of its first
sanity check (what byte mutation mostly hits).

Used by the regression tests (a few dozen derandomized cases) and by ``benchmarks/fuzz.py``'s
``headers`` job (as many as its time allows).
"""

from __future__ import annotations

import io
import struct
import zlib

from hypothesis import strategies as st
from PIL import Image

# Sides: degenerate, odd, a page at 300 DPI, tesseract's limit and past it, strips, bombs.
_SIDES = [1, 2, 3, 7, 17, 64, 300, 2550, 32_767, 32_768, 100_000, 1_000_000, 2**31 - 1]


def sides() -> st.SearchStrategy[int]:
    return st.sampled_from(_SIDES) | st.integers(1, 3000)


# (bit depth, colour type): the valid ones, then a few invalid.
_PNG_KINDS = [
    *[(1, 0), (2, 0), (4, 0), (8, 0), (16, 0), (8, 2), (16, 2), (1, 3), (8, 3)],
    *[(8, 4), (16, 4), (8, 6), (16, 6)],
    *[(3, 0), (8, 5), (1, 2)],
]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


@st.composite
def png_files(draw: st.DrawFn) -> bytes:
    width, height = draw(sides()), draw(sides())
    # Valid combinations mostly, some invalid.
    depth, colour = draw(st.sampled_from(_PNG_KINDS))
    interlace = draw(st.sampled_from([0, 0, 1, 2]))
    chunks = [
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace))
    ]
    extras = draw(
        st.lists(
            st.sampled_from(
                [
                    (b"PLTE", b"\x00\x00\x00\xff\xff\xff"),
                    (b"tRNS", b"\x00\x00"),
                    (b"pHYs", struct.pack(">IIB", 0, 0, 1)),
                    (b"pHYs", struct.pack(">IIB", 11811, 11811, 1)),
                    (b"pHYs", struct.pack(">IIB", 2**32 - 1, 1, 1)),
                    (b"acTL", struct.pack(">II", 3, 0)),
                    (b"fcTL", struct.pack(">IIIIIHHBB", 0, 1, 1, 0, 0, 1, 1, 0, 0)),
                    (b"gAMA", b"\x00\x00\x00\x00"),
                ]
            ),
            max_size=3,
        )
    )
    chunks += [_png_chunk(kind, body) for kind, body in extras]
    row = draw(st.binary(max_size=48))
    rows = draw(st.integers(0, 64))
    data = zlib.compress((b"\x00" + row) * rows, 6)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    chunks.append(_png_chunk(b"IDAT", data))
    chunks.append(_png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


_TIFF_SHORT, _TIFF_LONG, _TIFF_RATIONAL = 3, 4, 5


@st.composite
def tiff_files(draw: st.DrawFn) -> bytes:
    """A little-endian TIFF with one to three directories, each with drawn entries, over one
    block of pixel data."""
    pixels = draw(st.binary(min_size=0, max_size=256))
    directories = draw(st.integers(1, 3))
    data_offset = 8
    out = bytearray(b"II*\x00" + struct.pack("<I", 8 + len(pixels)) + pixels)
    starts = []
    for _ in range(directories):
        entries = [
            (256, _TIFF_LONG, draw(sides())),
            (257, _TIFF_LONG, draw(sides())),
            (258, _TIFF_SHORT, draw(st.sampled_from([1, 2, 4, 8, 16, 32, 0, 12]))),
            (259, _TIFF_SHORT, draw(st.sampled_from([1, 2, 3, 4, 5, 7, 8, 32773, 32946, 9]))),
            (262, _TIFF_SHORT, draw(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 8, 9]))),
            (273, _TIFF_LONG, draw(st.sampled_from([data_offset, 0, 2**31]))),
            (277, _TIFF_SHORT, draw(st.sampled_from([1, 3, 4, 0, 2, 5]))),
            (278, _TIFF_LONG, draw(st.sampled_from([1, 8, 2**32 - 1, 0]))),
            (279, _TIFF_LONG, draw(st.sampled_from([len(pixels), 0, 2**31]))),
            (284, _TIFF_SHORT, draw(st.sampled_from([1, 2]))),
        ]
        if draw(st.booleans()):
            entries.append((274, _TIFF_SHORT, draw(st.sampled_from([1, 3, 6, 8, 0, 9]))))
        if draw(st.booleans()):
            entries.append((317, _TIFF_SHORT, draw(st.sampled_from([1, 2, 3]))))
        if draw(st.booleans()):
            entries.append((322, _TIFF_LONG, draw(st.sampled_from([16, 0, 1]))))
        if draw(st.booleans()):
            entries.append((296, _TIFF_SHORT, draw(st.sampled_from([1, 2, 3]))))
        entries.sort()
        starts.append(len(out))
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            if kind == _TIFF_SHORT:
                out += struct.pack("<HHIHH", tag, kind, 1, value & 0xFFFF, 0)
            else:
                out += struct.pack("<HHII", tag, kind, 1, value & 0xFFFFFFFF)
        out += b"\x00\x00\x00\x00"  # next directory: patched below
    for index, start in enumerate(starts):
        count = struct.unpack_from("<H", out, start)[0]
        link = start + 2 + 12 * count
        if index + 1 < len(starts):
            following = starts[index + 1]
        else:
            following = draw(st.sampled_from([0, 0, starts[0], len(out) + 100]))
        struct.pack_into("<I", out, link, following)
    struct.pack_into("<I", out, 4, starts[0])
    return bytes(out)


def _small_jpeg(mode: str, progressive: bool) -> bytes:
    out = io.BytesIO()
    fill = {"L": 128, "RGB": (128, 64, 32), "CMYK": (0, 64, 128, 32)}[mode]
    Image.new(mode, (16, 16), fill).save(out, format="JPEG", quality=50, progressive=progressive)
    return out.getvalue()


_JPEGS = {(mode, p): _small_jpeg(mode, p) for mode in ("L", "RGB", "CMYK") for p in (False, True)}


@st.composite
def jpeg_files(draw: st.DrawFn) -> bytes:
    """A small real JPEG whose frame header (size, components), JFIF density and EXIF
    orientation are redrawn, and whose data may be cut short."""
    data = bytearray(_JPEGS[draw(st.sampled_from(sorted(_JPEGS)))])
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        length = struct.unpack_from(">H", data, at + 2)[0]
        if marker in (0xC0, 0xC2):
            struct.pack_into(
                ">H", data, at + 5, draw(st.sampled_from([0, 1, 16, 65_535]) | st.integers(1, 3000))
            )
            struct.pack_into(
                ">H", data, at + 7, draw(st.sampled_from([0, 1, 16, 65_535]) | st.integers(1, 3000))
            )
        if marker == 0xE0 and length >= 16:
            data[at + 11] = draw(st.sampled_from([0, 1, 2]))
            struct.pack_into(
                ">HH",
                data,
                at + 12,
                draw(st.sampled_from([0, 1, 72, 300, 65_535])),
                draw(st.sampled_from([0, 1, 72, 300, 65_535])),
            )
        if marker == 0xDA:
            break
        at += 2 + length
    if draw(st.booleans()):
        orientation = draw(st.sampled_from([0, 1, 2, 3, 5, 6, 7, 8, 9, 65_535]))
        exif = (
            b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01"
            + struct.pack(">H", orientation)
            + b"\x00\x00\x00\x00\x00\x00"
        )
        data[2:2] = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    if draw(st.booleans()):
        data = data[: draw(st.integers(2, len(data)))]
    return bytes(data)


def image_files() -> st.SearchStrategy[bytes]:
    return png_files() | tiff_files() | jpeg_files()
