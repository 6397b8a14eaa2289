"""``python -m pipeline.samples OUT_DIR [--seed N] [--per-type N] [--no-scanned]``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pipeline.samples.corpus import generate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.samples",
        description="Write a labelled corpus of synthetic loan documents and its truth.json.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-type", type=int, default=4, help="text PDFs per document type")
    parser.add_argument("--no-scanned", action="store_true", help="text PDFs only")
    args = parser.parse_args(argv)
    if args.per_type < 1:
        parser.error("--per-type must be at least 1")
    started = time.perf_counter()
    truth = generate_corpus(
        args.out_dir, seed=args.seed, per_type=args.per_type, scanned=not args.no_scanned
    )
    count = len(json.loads(truth.read_text(encoding="utf-8")))
    print(f"wrote {count} documents and {truth} in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
