"""Memory of a long scanned loan packet: peak RSS of the pipeline process ingesting a scanned
packet of 20 pages against one of 200, side by side in one run.

    uv run python benchmarks/packet_memory.py [--small 20] [--large 200] [--seed 4]

Each packet is made of the packet generator's documents and filler pages
(``pipeline.samples.packets``), every page rasterised and degraded like a scan on its own and
the single-page image PDFs joined with pypdf (so not even the benchmark holds all page images
at once). Each is ingested by ``pipeline ingest FILE --wait`` in the embedded mode (SQLite,
local blobs, eager Celery: every stage in one process) in a child process that reports its own
peak resident set size; tesseract runs in its own processes and is not counted.

Target: the 200-page packet completes, and its peak RSS is within 1.5x of the 20-page one
(the pipeline renders, OCRs and drops one page at a time; memory must not grow with pages).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdf

from pipeline.samples.packets import build_packet
from pipeline.samples.randomized import scan

TARGET_RATIO = 1.5
# The child runs the CLI in-process and prints its own peak RSS (kB on Linux) last.
_CHILD = """
import resource, sys
from pipeline.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def scanned_packet(pages: int, seed: int) -> bytes:
    """At least ``pages`` pages of generated packets, each page scanned on its own; cut to
    exactly ``pages``."""
    writer = pypdf.PdfWriter()
    index = 0
    while len(writer.pages) < pages:
        pdf, _ = build_packet(seed, index)
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        for number, page in enumerate(reader.pages):
            if len(writer.pages) >= pages:
                break
            single = pypdf.PdfWriter()
            single.add_page(page)
            buffer = io.BytesIO()
            single.write(buffer)
            rng = random.Random(f"memory:{seed}:{index}:{number}")
            image_pdf = scan.scan(buffer.getvalue(), rng, "pdf", text_size=8.0)
            writer.add_page(pypdf.PdfReader(io.BytesIO(image_pdf)).pages[0])
        index += 1
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ingest(path: Path, workdir: Path) -> tuple[float, int, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env["OMP_THREAD_LIMIT"] = "1"
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, "ingest", str(path), "--wait", "--json"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    (result,) = json.loads(proc.stdout)
    return elapsed, peak_kb, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=200)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for pages in (args.small, args.large):
            workdir = Path(tmp) / f"run-{pages}"
            workdir.mkdir()
            path = workdir / f"packet-{pages}.pdf"
            path.write_bytes(scanned_packet(pages, args.seed))
            elapsed, peak_kb, result = ingest(path, workdir)
            if result.get("status") != "COMPLETED" or result.get("page_count") != pages:
                raise SystemExit(f"{pages}-page packet did not complete: {result}")
            rows.append((pages, elapsed, peak_kb, path.stat().st_size))
            print(
                f"{pages:>4} pages  {path.stat().st_size / 2**20:6.1f} MiB file  "
                f"{elapsed:7.1f} s  ({elapsed / pages:4.2f} s/page)  "
                f"peak RSS {peak_kb / 1024:6.1f} MiB  doc_type {result.get('doc_type')}"
            )
        ratio = rows[1][2] / rows[0][2]
        verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(
            f"peak RSS {args.large} pages / {args.small} pages = {ratio:.2f} "
            f"(target <= {TARGET_RATIO}): {verdict}"
        )


if __name__ == "__main__":
    main()
