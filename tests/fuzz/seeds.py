"""The fuzzer's seeds, built under a work directory outside the repository.

* ``real``: links to ``../shared/corpus/real`` and ``real2`` (read in place, never copied);
* ``samples``: ``pipeline samples`` output, classic and randomized generators (all kinds,
  a third scans);
* ``hostile``: the suite's hostile and edge-case files (``tests.support.docs``): encrypted,
  truncated, too many pages, a pixel bomb, a decompression bomb, multi-page TIFF, JPEG;
* ``derived``: the real PDFs cut into one-page files with their streams inflated (so that
  mutations hit operators, fonts and character maps rather than compressed bytes) and their
  large images scaled down (a scanned page stays a scan, at a size libFuzzer can mutate), and
  the real images re-encoded small in the encodings Pillow reads (PNG of every colour type and
  bit depth, interlaced; baseline, progressive and CMYK JPEG, with EXIF orientation; TIFF
  uncompressed, LZW, PackBits, Deflate, JPEG and Group 4, striped, tiled and multi-page).

Which job reads which folders is :data:`JOB_SEEDS`.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject, StreamObject

from tests.support import docs

REPO = Path(__file__).resolve().parents[2]
CORPORA = [REPO.parent / "shared" / "corpus" / "real", REPO.parent / "shared" / "corpus" / "real2"]
PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bin")
# Seeds above this are scaled down (derived) or left to libFuzzer's -max_len cut (real).
DERIVED_IMAGE_BYTES = 60_000
DERIVED_IMAGE_WIDTH = 300

JOB_SEEDS = {
    # The real PDFs as they are (1-3 s each under instrumentation) feed the renderer, whose
    # work is in C; the text layer's job reads their pages one at a time (derived).
    "pdf": ["pdf/derived", "pdf/samples", "pdf/hostile"],
    "image": ["image/derived", "image/samples", "image/hostile", "image/real"],
    "ocr": ["pdf/samples", "image/derived", "pdf/hostile"],
    "render": ["pdf/real", "pdf/derived", "image/derived", "pdf/hostile", "image/hostile"],
    "detect": ["pdf/hostile", "image/hostile", "image/derived"],
}


def build(root: Path) -> dict[str, list[Path]]:
    """Build every seed folder under ``root`` (once: an existing folder is kept) and return the
    folders of each job."""
    for kind in ("pdf", "image"):
        for source in ("real", "samples", "hostile", "derived"):
            (root / kind / source).mkdir(parents=True, exist_ok=True)
    done = root / ".built"
    if not done.exists():
        logging.disable(logging.WARNING)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _link_real(root)
            _samples(root)
            _hostile(root)
            _derive(root)
        logging.disable(logging.NOTSET)
        done.touch()
    return {job: [root / folder for folder in folders] for job, folders in JOB_SEEDS.items()}


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    return None


def _real_files() -> list[Path]:
    return sorted(p for corpus in CORPORA if corpus.is_dir() for p in corpus.iterdir() if _kind(p))


def _link_real(root: Path) -> None:
    for path in _real_files():
        link = root / str(_kind(path)) / "real" / f"{path.parent.name}-{path.name}"
        if not link.exists():
            link.symlink_to(path.resolve())


def _samples(root: Path) -> None:
    command = Path(sys.executable).parent / "pipeline"
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            ("classic", []),
            (
                "randomized",
                ["--generator", "randomized", "--corpus", "--per-type", "2", "--seed", "11"],
            ),
        ]
        for name, extra in runs:
            out = Path(tmp) / name
            subprocess.run(
                [str(command), "samples", str(out), *extra], check=True, capture_output=True
            )
            for path in sorted(out.rglob("*")):
                kind = _kind(path)
                if kind:
                    shutil.copyfile(path, root / kind / "samples" / f"{name}-{path.name}")


def _hostile(root: Path) -> None:
    pdf, image = root / "pdf" / "hostile", root / "image" / "hostile"
    lines = [["Borrower: Jane Example", "Gross pay 4,321.09"], ["Page two"]]
    docs.encrypted_pdf(pdf / "encrypted.pdf")
    docs.encrypted_pdf_empty_password(pdf / "encrypted-empty-password.pdf")
    docs.truncated_pdf(pdf / "truncated.pdf")
    docs.many_pages_pdf(pdf / "many-pages.pdf", 12)
    docs.pdf_decompression_bomb(pdf / "decompression-bomb.pdf")
    docs.text_pdf(pdf / "text.pdf", lines)
    docs.mixed_pdf(pdf / "mixed.pdf", [lines[0]], [lines[1]], dpi=100)
    docs.scanned_pdf(pdf / "scanned.pdf", lines, dpi=100)
    docs.pixel_bomb_png(image / "pixel-bomb.png")
    docs.png(image / "scan.png", lines[0], dpi=100)
    docs.jpeg(image / "scan.jpg", lines[0], dpi=100)
    docs.tiff(image / "pages.tiff", lines, dpi=100)
    (image / "empty.bin").write_bytes(b"")


def _derive(root: Path) -> None:
    for path in _real_files():
        if _kind(path) == "pdf":
            _derive_pdf(path, root / "pdf" / "derived")
        else:
            _derive_images(path, root / "image" / "derived")


def _derive_pdf(path: Path, out: Path) -> None:
    try:
        reader = PdfReader(path)
        for number, page in enumerate(reader.pages, start=1):
            writer = PdfWriter()
            writer.add_page(page)
            for image in writer.pages[0].images:
                if len(image.data) > DERIVED_IMAGE_BYTES and image.image is not None:
                    small = _scaled(image.image)
                    image.replace(small, quality=40)
            _inflate_streams(writer)
            buffer = io.BytesIO()
            writer.write(buffer)
            (out / f"{path.stem}-p{number}.pdf").write_bytes(buffer.getvalue())
    except Exception as exc:  # a seed we cannot derive is left out, not a reason to stop
        print(f"seed {path.name}: not derived ({exc})", file=sys.stderr)


def _inflate_streams(writer: PdfWriter) -> None:
    """Every Flate stream but images written uncompressed. pypdf has no public API for this:
    ``_objects`` is the writer's object table, whose entries are replaced in place so that
    references to them stay valid."""
    for index, obj in enumerate(writer._objects):
        if not isinstance(obj, StreamObject) or obj.get("/Filter") != "/FlateDecode":
            continue
        # Images and font programs are binary either way (the mutator inflates them when it
        # picks them).
        binary = obj.get("/Subtype") in ("/Image", "/Type1C", "/CIDFontType0C", "/OpenType")
        if binary or "/DecodeParms" in obj or "/Length1" in obj or "/Length2" in obj:
            continue
        plain = DecodedStreamObject()
        for key, value in obj.items():
            if key not in ("/Filter", "/Length"):
                plain[NameObject(key)] = value
        plain.set_data(obj.get_data())
        writer._objects[index] = plain


def _scaled(image: Image.Image) -> Image.Image:
    if image.width <= DERIVED_IMAGE_WIDTH:
        return image
    height = max(1, round(image.height * DERIVED_IMAGE_WIDTH / image.width))
    return image.resize((DERIVED_IMAGE_WIDTH, height))


def _derive_images(path: Path, out: Path) -> None:
    with Image.open(path) as opened:
        base = _scaled(opened.convert("RGB"))
    stem = path.stem
    gray = base.convert("L")
    variants: list[tuple[str, Image.Image, dict[str, object]]] = [
        ("rgb.png", base, {}),
        ("gray.png", gray, {}),
        ("bilevel.png", gray.convert("1"), {}),
        ("palette.png", base.convert("P", palette=Image.Palette.ADAPTIVE, colors=16), {}),
        ("rgba.png", base.convert("RGBA"), {}),
        ("gray16.png", gray.convert("I;16"), {}),
        ("interlaced.png", gray, {"interlace": 1}),
        ("dpi.png", gray, {"dpi": (300, 300)}),
        ("baseline.jpg", base, {"quality": 40}),
        ("progressive.jpg", gray, {"quality": 40, "progressive": True}),
        ("cmyk.jpg", base.convert("CMYK"), {"quality": 40}),
        ("raw.tiff", gray, {}),
        ("lzw.tiff", base, {"compression": "tiff_lzw"}),
        ("packbits.tiff", gray, {"compression": "packbits"}),
        ("deflate.tiff", gray, {"compression": "tiff_adobe_deflate"}),
        ("jpeg.tiff", base, {"compression": "jpeg"}),
        ("g4.tiff", gray.convert("1"), {"compression": "group4"}),
        ("tiled.tiff", gray, {"tile": (64, 64)}),
        ("pages.tiff", gray, {"save_all": True, "append_images": [gray.rotate(90, expand=True)]}),
    ]
    for name, image, options in variants:
        try:
            buffer = io.BytesIO()
            format_ = {"png": "PNG", "jpg": "JPEG", "tiff": "TIFF"}[name.rsplit(".", 1)[1]]
            image.save(buffer, format=format_, **options)
            (out / f"{stem}-{name}").write_bytes(buffer.getvalue())
        except (OSError, ValueError, TypeError) as exc:
            print(f"seed {stem}-{name}: not written ({exc})", file=sys.stderr)
    rotated = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    gray.save(rotated, format="JPEG", quality=40, exif=exif.tobytes())
    (out / f"{stem}-exif-rotated.jpg").write_bytes(rotated.getvalue())
