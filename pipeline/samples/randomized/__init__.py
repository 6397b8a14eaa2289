"""A second, independent generator of labelled sample documents, with randomized layouts.

The first generator (``pipeline.samples``) has layouts the extraction code was tuned on, so a
perfect score on it proves little. This one was written separately, from the shapes real
documents take: for every document it draws a layout *family* (see each kind module's
``FAMILIES``) and, within it, the label wording, where values sit relative to labels, fonts and
sizes, how names, amounts and dates are printed, page arrangement and distractor figures. Each
document's truth records its ``"layout"`` family and ``"generator": "randomized"`` besides the
standard keys of ``shared/corpus/README.md``.

A document is fully determined by (seed, kind, index); see ``corpus``. About a third (by
default) are rasterised and degraded like scans (``scan``).

Seed bands (a convention, not enforced):

* seeds 1-999 are the TUNING band: look at them, debug extraction against them;
* seeds 9000-9999 are HELD OUT: nobody tuning extraction may look at their documents or
  truth. Generate them only to measure, and report only the aggregate scores.

``generate_randomized_corpus(out_dir, seed=..., count_per_kind=..., scanned_share=...)`` writes
``doc-0001.pdf`` ... and ``truth.json``; the CLI is
``pipeline samples DIR --corpus --generator randomized --seed N --per-type K``.
"""

from pipeline.samples.randomized.corpus import (
    EXTRA_KINDS,
    FAMILIES,
    GENERATOR,
    KINDS,
    TRUTH_FILE,
    LayoutError,
    build_document,
    family_for,
    generate_randomized_corpus,
    is_scanned,
)

TUNING_SEEDS = range(1, 1000)
HELD_OUT_SEEDS = range(9000, 10000)

__all__ = [
    "EXTRA_KINDS",
    "FAMILIES",
    "GENERATOR",
    "HELD_OUT_SEEDS",
    "KINDS",
    "TRUTH_FILE",
    "TUNING_SEEDS",
    "LayoutError",
    "build_document",
    "family_for",
    "generate_randomized_corpus",
    "is_scanned",
]
