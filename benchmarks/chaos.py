"""The chaos run (issue 13): a sustained stream of mixed documents through the distributed stack
while a seeded schedule of overlapping faults hits workers, Redis, PostgreSQL and the blob store;
then an oracle checks that nothing was lost, duplicated or changed.

    uv run python benchmarks/chaos.py [--minutes 20] [--faults 60] [--rate 0.5] [--seed 13]
                                      [--spaced] [--scans 0.04] [--keep DIR]

The fault-free reference (the embedded pipeline on the same files) runs first, so the stack has
the machine to itself, less what others run on it. ``--spaced`` puts the faults evenly apart
(one kind at a time, if they are far enough apart) to time each kind's recovery alone.

The stack: a per-run PostgreSQL database (behind a fault proxy), a private redis-server when
the binary exists (else Redis db 5 of the shared server, flushed: nothing else may use it),
the GCS emulator (behind a fault proxy), ``celery worker -Q ingest,extract,maintenance`` and
``-Q ocr``, and ``celery beat``. Fault kinds, shortened timings and the oracle's checks:
``tests/support/chaos/``. Exit status 1 when anything was lost, duplicated, wrong or leaked.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REDIS_DB = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0, help="how long the stream runs")
    parser.add_argument("--rate", type=float, default=0.5, help="hand-ins per second")
    parser.add_argument("--faults", type=int, default=60)
    parser.add_argument(
        "--spaced", action="store_true", help="faults evenly apart, to time each kind alone"
    )
    parser.add_argument("--scans", type=float, default=0.04, help="share of scanned documents")
    parser.add_argument(
        "--default-recovery",
        action="store_true",
        help="sweeper, visibility timeout, time limits and retries at their defaults",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--ocr-concurrency", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (logs, files)")
    parser.add_argument(
        "--shared-redis",
        action="store_true",
        help=f"use db {REDIS_DB} of the shared Redis even if redis-server is installed",
    )
    args = parser.parse_args()
    os.environ["PIPELINE_TEST_REDIS_DB"] = str(REDIS_DB)
    from tests.support.chaos.corpus import StreamMix
    from tests.support.chaos.run import AT_DEFAULTS, SHORTENED, ChaosConfig, fault_lines, run_chaos
    from tests.support.worker import stack_unavailable

    if missing := stack_unavailable():
        raise SystemExit(missing)
    config = ChaosConfig(
        seed=args.seed,
        hand_ins=round(args.minutes * 60 * args.rate),
        rate=args.rate,
        faults=args.faults,
        spaced_faults=args.spaced,
        mix=StreamMix(scans=args.scans),
        redis_db=REDIS_DB,
        private_redis=False if args.shared_redis else None,
        ocr_concurrency=args.ocr_concurrency,
        drain_timeout=1800,
        reference_first=True,
        settings=dict(AT_DEFAULTS if args.default_recovery else SHORTENED),
    )
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with tempfile.TemporaryDirectory(prefix="chaos-") as scratch:
        workdir = Path(args.keep) if args.keep else Path(scratch)
        started = time.monotonic()
        report = run_chaos(
            config,
            workdir,
            say=lambda line: print(f"[{time.monotonic() - started:6.0f} s] {line}", flush=True),
        )
        print("\nfaults:")
        print("\n".join(fault_lines(report.faults)))
        print()
        print("\n".join(report.lines()))
    if report.lost or report.duplicated or report.wrong or report.leaked:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
