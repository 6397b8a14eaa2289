"""The wild and bazaar generators' vendor layouts (written apart from the extraction, by
different authors) through the whole embedded pipeline, gated by aggregate figures: a layout
the extraction stops understanding shows here before it shows on documents nobody here has
seen.

Seed 6 of each is a tuning-band seed no extraction change was tuned on. When the gates were
set their text documents scored overall F1 0.965 (wild, precision 1.000) and 1.000 (bazaar;
0.734 with precision 0.76 on the code before the bazaar's tuning seeds were looked at). The
gate sits below that, so one hard document does not block the suite, and precision is held
where a wrong figure would show.
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


@pytest.mark.parametrize("generator", ["wild", "bazaar"])
def test_vendor_text_layouts_meet_the_aggregate_targets(tmp_path: Path, generator: str) -> None:
    corpus = tmp_path / generator
    generate_wild_corpus(corpus, seed=SEED, count_per_kind=3, scanned_share=0, generator=generator)
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
        f"{generator} layouts below target: " + "; ".join(failures) + "\n" + _figures(report)
    )
