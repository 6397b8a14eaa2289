"""OCR throughput: our ``DocumentText.ocr`` path against the plain tesseract CLI.

    uv run python benchmarks/ocr_throughput.py [--pages 6] [--rounds 2]

Both read the same 300 DPI page images in the same run, one process at a time (so pages/s is
per core), with OMP_THREAD_LIMIT=1 and the same options (--psm 3 --dpi 300, TSV output). Runs
alternate between the two so that machine noise hits both alike. Target: ours >= 0.9 x CLI.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.domain.model import FileType
from pipeline.text import TextLimits, open_document
from tests.support import docs


def _pages(count: int) -> list[list[str]]:
    rng = random.Random(11)
    return [docs.filler_lines(rng, 26) for _ in range(count)]


def _ours(path: Path, limits: TextLimits) -> int:
    with open_document(path, FileType.PNG, limits) as doc:
        return len(doc.ocr(1).words)


def _cli(path: Path, env: dict[str, str]) -> int:
    out = subprocess.run(
        ["tesseract", str(path), "stdout", "--psm", "3", "--dpi", "300", "tsv"],
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
    ).stdout.decode()
    return sum(1 for row in out.splitlines()[1:] if row.startswith("5\t") and row.split("\t")[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("tesseract is not installed")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    limits = TextLimits(max_pages=10, max_image_pixels=150_000_000, ocr_timeout_seconds=300)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [
            docs.png(Path(tmp) / f"page{i}.png", lines, dpi=300)
            for i, lines in enumerate(_pages(args.pages))
        ]
        _ours(paths[0], limits), _cli(paths[0], env)  # warm caches and the language data
        seconds = {"ours": 0.0, "cli": 0.0}
        words = {"ours": 0, "cli": 0}
        for _ in range(args.rounds):
            for path in paths:
                start = time.perf_counter()
                words["ours"] += _ours(path, limits)
                seconds["ours"] += time.perf_counter() - start
                start = time.perf_counter()
                words["cli"] += _cli(path, env)
                seconds["cli"] += time.perf_counter() - start
    n = args.pages * args.rounds
    rate = {k: n / v for k, v in seconds.items()}
    print(f"{n} page reads each, 300 DPI letter pages, 1 process, OMP_THREAD_LIMIT=1")
    print(f"{'path':<26}{'s/page':>8}{'pages/s/core':>14}{'words':>8}")
    for key, label in (("ours", "DocumentText.ocr"), ("cli", "tesseract CLI (tsv)")):
        print(f"{label:<26}{seconds[key] / n:>8.2f}{rate[key]:>14.3f}{words[key]:>8}")
    ratio = rate["ours"] / rate["cli"]
    print(f"ratio ours/CLI: {ratio:.2f} ({'meets' if ratio >= 0.9 else 'misses'} the 0.9 target)")


if __name__ == "__main__":
    main()
