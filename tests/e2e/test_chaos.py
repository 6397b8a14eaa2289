"""The chaos run, short (issue 13 §1; ``benchmarks/chaos.py`` is the long one): about 45 s of
mixed hand-ins (text PDFs, scans, hostile files, repeats) through the distributed stack while
every fault kind of ``tests/support/chaos/faults.py`` strikes once, overlapping, on a fixed
seed, with recovery at its default settings; then nothing may be lost, duplicated, wrong or
leaked. About 2-2.5 minutes.

It starts its own workers, beat and Redis (a private redis-server; on a machine without one,
the database after the tests' own on the shared server, paused workers and all), so it does
not share queues with the session's worker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.chaos.corpus import StreamMix
from tests.support.chaos.faults import KINDS
from tests.support.chaos.run import AT_DEFAULTS, ChaosConfig, fault_lines, run_chaos
from tests.support.chaos.stack import PrivateRedis
from tests.support.services import require
from tests.support.worker import REDIS_DB, other_workers_paused, stack_unavailable

pytestmark = pytest.mark.e2e

SEED = 20261201


def test_overlapping_faults_lose_duplicate_and_change_nothing(tmp_path: Path) -> None:
    require(stack_unavailable() is None, f"the distributed stack ({stack_unavailable()})")
    require(shutil.which("tesseract") is not None, "tesseract")
    config = ChaosConfig(
        seed=SEED,
        hand_ins=45,
        rate=1.0,
        faults=len(KINDS),
        fault_window=(0.1, 0.6),
        mix=StreamMix(scans=0.12, hostile=0.12, repeats=0.1),
        redis_db=REDIS_DB + 1,
        # Recovery (heartbeats, the sweeper, the broker epoch) at its defaults: what is proven.
        settings=dict(AT_DEFAULTS),
        drain_timeout=300,
    )
    lines: list[str] = []
    if PrivateRedis.available():
        report = run_chaos(config, tmp_path, say=lines.append)
    else:
        # FLUSHDB and CLIENT KILL on a database of the shared server: nothing else may use it.
        with other_workers_paused():
            report = run_chaos(config, tmp_path, say=lines.append)
    summary = "\n".join([*lines, *fault_lines(report.faults), *report.lines()])
    print(summary)
    assert [f for f in report.faults if f.error] == [], summary
    assert {f.kind for f in report.faults} == set(KINDS), summary
    assert (report.lost, report.duplicated, report.wrong, report.leaked) == (0, 0, 0, 0), summary
    assert report.drained_after_last_fault is not None, summary
