"""OCR quality: how many of a page's numbers and words OCR gets right, with each second look at
the page (``pipeline.text.ocr.OcrPasses``) on and off, side by side in one run.

    uv run python benchmarks/ocr_quality.py [--per-type 4] [--seed 11] [--sources ...]

Pages with known text, read through ``open_document(...).ocr(n)`` exactly as a worker reads them:

- ``classic``: the classic generator's text PDFs (``pipeline samples --corpus --per-type N
  --seed S``), scanned by ``pipeline.samples.scan`` (200-300 DPI, rotation, specks, blur, JPEG
  in a PDF). Truth: each text PDF's own text layer.
- ``randomized``: the randomized generator's text PDFs, scanned by
  ``pipeline.samples.randomized.scan`` (150-300 DPI, gray paper, streaks, JPEG).
- ``bilevel``: the classic text PDFs scanned at 200 DPI and cut to 1 bit at a fixed threshold,
  in a TIFF, as the classic generator writes its TIFF scans.
- ``fax``: the same with error-diffusion dithering instead of a threshold, as a fax or a bilevel
  office scanner makes them (gray and the edges of letters turn into dot patterns).
- ``bars``: statement pages made here, with totals on mid-gray bars and column headers white on
  dark bands (pay stubs and statements print them so), scanned in gray or dithered to 1 bit
  with a clustered-dot screen (the ADP pay stub in the real set is printed so).
- ``real``: the real corpus's scans, with figures transcribed by eye (``REAL_FIGURES``): number
  recall of those figures, and precision only where every number on the page is transcribed.

A token is a word with surrounding punctuation stripped ("$4,491.61," -> "4,491.61"), case
folded; a number is a token with a digit. Recall and precision count tokens as multisets. Times
are seconds of ``ocr(n)`` per page (one process, ``OMP_THREAD_LIMIT=1``); configurations are
run page by page in turn so that machine noise hits them alike.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import ImageFilter

from pipeline.domain.model import FileType
from pipeline.text import TextLimits, open_document
from pipeline.text.ocr import OcrPasses
from tests.support import shaded

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus"
LIMITS = TextLimits(max_pages=20, max_image_pixels=150_000_000, ocr_timeout_seconds=300)
SOURCES = ("classic", "randomized", "bilevel", "fax", "bars", "real")
NONE = OcrPasses.none()
CONFIGS: dict[str, OcrPasses] = {
    "plain": NONE,
    "+ descreen": replace(NONE, descreen=True),
    "+ shaded bands": replace(NONE, shaded_bands=True),
    "+ unread ink": replace(NONE, unread_ink=True),
    "+ numeric re-read": replace(NONE, numeric_reread=True),
    "+ accent re-read": replace(NONE, accent_reread=True),
    "+ rule bars": replace(NONE, rule_bars=True),
    "descreen + bands": replace(NONE, descreen=True, shaded_bands=True),
    "default without unread ink": replace(OcrPasses(), unread_ink=False),
    "default without rule bars": replace(OcrPasses(), rule_bars=False),
    "default without word re-read": replace(OcrPasses(), word_reread=False),
    "default": OcrPasses(),
}
_STRIP = "$\"'\u2018\u2019\u201c\u201d()[]{}<>.,;:!?*~_|\u00a9"
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})

# Figures on the real scans, read by eye off the page images, as printed (a space inside an
# amount, as on the ADP stub's "-647 .82", splits it into two tokens there too). "complete"
# pages list every number printed on them, so precision can be counted there.
REAL_FIGURES: dict[str, tuple[bool, str]] = {
    "real2/sensible_paystub_1.pdf": (
        True,
        """07/19/2020 08/01/2020 08/07/2020 223 84880 0 0
        50.5900 64.00 3,237.76 51,789.23 78.9730 4.08 322.21 2,817.34 50.5900 8.00 404.72
        6,239.04 113.5263 .57 64.71 1,311.94 113.5313 .32 36.33 150.00 600.00 4.0000 68.97
        275.88 4,306.88 90.76 90.00 949.94 607.08 30.06 4,491.61 68,832.27
        -647 .82 9,676.19 -275 .62 4,221.77 -64 .46 987.35 -250 .50 3,703.60 -44 .45 680.93
        -51 .35 815.36 -36 .52 584.32 -1 .65 26.40 -9 .68 154.88 401K -651 .24 10,361.55
        2,458.32 2 -2,458.32 0.00 3,794.17 68.97 7.92 1.85 236.79 102.00 2000
        08/07/2020 2,458.32""",
    ),
    "real2/aws_voe_1.png": (
        False,
        """12/12/2006 5555-5555-5555 06/06/2006 5600 10 520 162 756 452 986 123 645 587 40
        2006 15.00 20.00 30.00 15.00 20.00 30.00 20.00 20.00 15.00 20.00 20.00 15.00 70.00
        80.00 90.00 08/08/2007 5600 09/08/2006 4800 04/04/2004 01/03/2005 9500 1250 4500
        4000 01/05/2007 555-0100""",
    ),
    "real/azure_w2_single.png": (
        False,
        """1545-0008 123-45-6789 37160.56 3894.54 37160.56 2303.95 98-7654321 37160.56
        538.83 123 98765 000086242 4567 12345 302.30 874.20 9873.20 653.21 6939.68 170.85
        5432.00 876.30 123.30 87654321 37160.56 1135.65 12345678 9631.20 1032.30 37160.56
        51.00 37160.56 594.54 2018""",
    ),
    "real/azure_1099_int.png": (
        False,
        """1545-0112 0123456789 1099-INT 2022 6543 98122-4567 1-206-123-4567 123,456.00 23
        54,321.00 12-3456789 987-65-4321 654.00 987.00 963.00 753.00 123 55 852.00 973.00
        98001-4567 753.00 741.00 147.00 369.00 123456789 0516273849 321654987 123.00 321.00
        1-2022""",
    ),
}


@dataclass
class BenchPage:
    source: str
    name: str
    path: Path
    file_type: FileType
    number: int
    truth: list[str]  # tokens
    complete: bool = True  # truth holds every token of the page (else: recall only)
    numbers_only: bool = False  # truth holds numbers only


@dataclass
class Tally:
    hit: int = 0
    truth: int = 0
    found: int = 0

    def add(self, truth: Counter[str], found: Counter[str], *, complete: bool) -> None:
        self.hit += sum((truth & found).values())
        self.truth += sum(truth.values())
        if complete:
            self.found += sum(found.values())
        else:  # precision is not counted on this page: count its hits as its finds
            self.found += sum((truth & found).values())

    @property
    def recall(self) -> float:
        return self.hit / self.truth if self.truth else math.nan

    @property
    def precision(self) -> float:
        return self.hit / self.found if self.found else math.nan


@dataclass
class Score:
    numbers: Tally = field(default_factory=Tally)
    words: Tally = field(default_factory=Tally)
    seconds: list[float] = field(default_factory=list)


def token(text: str) -> str:
    return text.translate(_DASHES).strip(_STRIP).casefold()


def tokens(words: Iterable[str]) -> Counter[str]:
    return Counter(t for t in map(token, words) if t)


def numbers(counter: Counter[str]) -> Counter[str]:
    return Counter({t: n for t, n in counter.items() if any(c.isdigit() for c in t)})


# --- page sources ----------------------------------------------------------------------------


def _file_type(path: Path) -> FileType:
    return {
        ".pdf": FileType.PDF,
        ".png": FileType.PNG,
        ".jpg": FileType.JPEG,
        ".tif": FileType.TIFF,
    }[path.suffix]


def _text_pages(pdf: Path) -> list[list[str]]:
    """The words of each page of a text PDF, by our own text-layer reader."""
    with open_document(pdf, FileType.PDF, LIMITS) as doc:
        pages = []
        for number in range(1, doc.page_count + 1):
            page = doc.text_layer(number)
            pages.append([w.text for w in page.words] if page else [])
        return pages


def _pages_of(source: str, scan: Path, truth_pdf: Path) -> list[BenchPage]:
    return [
        BenchPage(source, scan.name, scan, _file_type(scan), number, words)
        for number, words in enumerate(_text_pages(truth_pdf), start=1)
        if words
    ]


def classic_pages(root: Path, per_type: int, seed: int) -> list[BenchPage]:
    from pipeline.samples import generate_corpus
    from pipeline.samples import scan as classic_scan

    folder = root / "classic"
    generate_corpus(folder, seed=seed, per_type=per_type, scanned=False)
    pages = []
    for index, pdf in enumerate(sorted(folder.glob("*.pdf"))):
        scanned = root / f"classic-{pdf.stem}.pdf"
        rng = random.Random(f"{seed}-{index}")
        scanned.write_bytes(classic_scan.scan(pdf.read_bytes(), rng, "pdf"))
        pages += _pages_of("classic", scanned, pdf)
    return pages


def randomized_pages(root: Path, per_type: int, seed: int) -> list[BenchPage]:
    from pipeline.samples.randomized import generate_randomized_corpus
    from pipeline.samples.randomized import scan as randomized_scan

    folder = root / "randomized"
    generate_randomized_corpus(folder, seed=seed, count_per_kind=per_type, scanned_share=0.0)
    pages = []
    for index, pdf in enumerate(sorted(folder.glob("*.pdf"))):
        scanned = root / f"randomized-{pdf.stem}.pdf"
        rng = random.Random(f"{seed}-{index}")
        scanned.write_bytes(randomized_scan.scan(pdf.read_bytes(), rng, "pdf", text_size=9.0))
        pages += _pages_of("randomized", scanned, pdf)
    return pages


def fax_pages(root: Path, per_type: int, seed: int, *, dither: bool = True) -> list[BenchPage]:
    from pipeline.samples import scan as classic_scan

    folder = root / "classic"
    if not folder.exists():
        from pipeline.samples import generate_corpus

        generate_corpus(folder, seed=seed, per_type=per_type, scanned=False)
    source = "fax" if dither else "bilevel"
    pages = []
    for index, pdf in enumerate(sorted(folder.glob("*.pdf"))):
        rng = random.Random(f"{source}-{seed}-{index}")
        images = [
            # Floyd-Steinberg dithering, or the fixed threshold of the classic scanner's TIFFs
            classic_scan.degrade(page, rng).convert("1")
            if dither
            else classic_scan.degrade(page, rng).point(lambda v: 255 if v > 160 else 0).convert("1")
            for page in classic_scan.rasterise(pdf.read_bytes(), 200)
        ]
        scanned = root / f"{source}-{pdf.stem}.tif"
        images[0].save(
            scanned,
            format="TIFF",
            save_all=True,
            append_images=images[1:],
            compression="group4",
            dpi=(200, 200),
        )
        pages += _pages_of(source, scanned, pdf)
    return pages


def bars_pages(root: Path, count: int, seed: int) -> list[BenchPage]:
    from pipeline.samples import scan as classic_scan

    pages = []
    for index in range(count):
        rng = random.Random(f"bars-{seed}-{index}")
        pdf = root / f"bars-{index + 1:02d}.pdf"
        pdf.write_bytes(shaded.statement_with_bars(rng))
        dpi = rng.choice((200, 240, 300))
        (image,) = classic_scan.rasterise(pdf.read_bytes(), dpi)
        if index % 2:
            scanned = root / f"bars-{index + 1:02d}-gray.pdf"
            image = classic_scan.degrade(image, rng)
            image.save(scanned, format="PDF", resolution=float(dpi), quality=70)
        else:
            scanned = root / f"bars-{index + 1:02d}-dots.tif"
            image = image.filter(ImageFilter.GaussianBlur(0.5 * dpi / 200))
            shaded.clustered_dots(image, period=max(4, round(4 * dpi / 200))).save(
                scanned, format="TIFF", compression="group4", dpi=(dpi, dpi)
            )
        pages += _pages_of("bars", scanned, pdf)
    return pages


def real_pages() -> list[BenchPage]:
    pages = []
    for name, (complete, figures) in REAL_FIGURES.items():
        path = CORPUS / name
        if path.exists():
            pages.append(
                BenchPage(
                    "real",
                    path.name,
                    path,
                    _file_type(path),
                    1,
                    figures.split(),
                    complete=complete,
                    numbers_only=True,
                )
            )
    return pages


# --- the run ---------------------------------------------------------------------------------


def read(page: BenchPage, passes: OcrPasses) -> tuple[list[str], float]:
    started = time.perf_counter()
    with open_document(page.path, page.file_type, LIMITS, passes=passes) as doc:
        words = [w.text for w in doc.ocr(page.number).words]
    return words, time.perf_counter() - started


def score(page: BenchPage, words: list[str], seconds: float, into: Score) -> None:
    truth, found = tokens(page.truth), tokens(words)
    into.numbers.add(numbers(truth), numbers(found), complete=page.complete)
    if not page.numbers_only:
        into.words.add(truth, found, complete=page.complete)
    into.seconds.append(seconds)


def _fmt(value: float) -> str:
    return "   -" if math.isnan(value) else f"{value:.3f}"


def report(title: str, scores: dict[str, Score], baseline: str) -> None:
    base = statistics.fmean(scores[baseline].seconds) if scores[baseline].seconds else math.nan
    print(f"\n{title}")
    print(
        f"  {'configuration':<20} {'num R':>6} {'num P':>6} {'word R':>6} {'word P':>6} "
        f"{'numbers':>11} {'s/page':>7} {'x time':>6}"
    )
    for name, s in scores.items():
        seconds = statistics.fmean(s.seconds) if s.seconds else math.nan
        print(
            f"  {name:<20} {_fmt(s.numbers.recall):>6} {_fmt(s.numbers.precision):>6} "
            f"{_fmt(s.words.recall):>6} {_fmt(s.words.precision):>6} "
            f"{s.numbers.hit:>5}/{s.numbers.truth:<5} {seconds:>7.2f} {seconds / base:>6.2f}"
        )


def main(argv: list[str] | None = None, extra: dict[str, OcrPasses] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=4)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--bars", type=int, default=8, help="synthetic bar pages")
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--configs", help="comma-separated names (default: all)")
    parser.add_argument("--limit", type=int, help="pages per source at most")
    parser.add_argument("--misses", action="store_true", help="list missed numbers per page")
    args = parser.parse_args(argv)
    configs = {**CONFIGS, **(extra or {})}
    if args.configs:
        configs = {name: configs[name] for name in args.configs.split(",")}
    baseline = next(iter(configs))
    sources = [s for s in args.sources.split(",") if s]
    makers: dict[str, Callable[[Path], list[BenchPage]]] = {
        "classic": lambda root: classic_pages(root, args.per_type, args.seed),
        "randomized": lambda root: randomized_pages(root, args.per_type, args.seed),
        "bilevel": lambda root: fax_pages(root, args.per_type, args.seed, dither=False),
        "fax": lambda root: fax_pages(root, args.per_type, args.seed),
        "bars": lambda root: bars_pages(root, args.bars, args.seed),
        "real": lambda root: real_pages(),
    }
    with tempfile.TemporaryDirectory(prefix="ocr-quality-") as tmp:
        root = Path(tmp)
        by_source: dict[str, list[BenchPage]] = {}
        for source in sources:
            by_source[source] = makers[source](root)[: args.limit]
            print(f"{source}: {len(by_source[source])} pages", flush=True)
        scores = {s: {name: Score() for name in configs} for s in [*sources, "all"]}
        for source, pages in by_source.items():
            for page in pages:
                results = {}
                for name, passes in configs.items():
                    words, seconds = read(page, passes)
                    results[name] = words
                    score(page, words, seconds, scores[source][name])
                    score(page, words, seconds, scores["all"][name])
                if args.misses:
                    _print_misses(page, results)
            report(f"{source} ({len(pages)} pages)", scores[source], baseline)
        report(f"all sources ({sum(map(len, by_source.values()))} pages)", scores["all"], baseline)


def _print_misses(page: BenchPage, results: dict[str, list[str]]) -> None:
    truth = numbers(tokens(page.truth))
    print(f"  {page.source} {page.name} p{page.number}:")
    for name, words in results.items():
        found = numbers(tokens(words))
        missed = sorted((truth - found).elements())
        extra = sorted((found - truth).elements()) if page.complete else []
        print(f"    {name}: missed {missed} extra {extra}")


if __name__ == "__main__":
    main()
