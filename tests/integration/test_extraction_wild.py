"""The wild generator's vendor layouts (written apart from the extraction) through the whole
embedded pipeline, gated by aggregate figures: a layout the extraction stops understanding
shows here before it shows on documents nobody here has seen.

Seed 6 is a tuning-band seed no extraction change was tuned on; its text documents scored
overall F1 0.965 (precision 1.000) when this gate was set. The gate sits below that, so one
hard document does not block the suite, and precision is held where a wrong figure would show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.samples.wild import generate_wild_corpus
from tests.integration.test_extraction_real_corpus import _eval, _figures

pytestmark = pytest.mark.integration

SEED = 6
OVERALL_F1 = 0.90
PRECISION = 0.97


def test_wild_text_layouts_meet_the_aggregate_targets(tmp_path: Path) -> None:
    corpus = tmp_path / "wild"
    generate_wild_corpus(corpus, seed=SEED, count_per_kind=3, scanned_share=0)
    report = _eval(corpus, cwd=tmp_path)
    overall = report["overall"]["all"]
    failures = []
    if overall["f1"] is None or overall["f1"] < OVERALL_F1:
        failures.append(f"overall F1 {overall['f1']} < {OVERALL_F1}")
    for kind in ("borrower", "income", "account"):
        precision = report["metrics"]["all"][kind]["precision"]
        if precision is not None and precision < PRECISION:
            failures.append(f"{kind} precision {precision:.3f} < {PRECISION}")
    assert not failures, (
        "wild layouts below target: " + "; ".join(failures) + "\n" + _figures(report)
    )
