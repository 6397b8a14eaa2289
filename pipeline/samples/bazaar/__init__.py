"""A fourth document generator, written by other authors than the third (``wild``) and apart
from the extraction code: other payroll providers, banks, lenders' and government forms, tax
transcripts, verification services and small employers' own paperwork.

Like ``wild`` it exists to measure how extraction generalises, so its first figures are taken
before any extraction change looks at it. Seeds 1-999 tune, 9000-9999 are held out.

Each kind module exposes ``LAYOUTS`` (its layout families) and ``build(rng, layout)`` returning
a ``WildDocument``; ``pipeline.samples.wild.generate_wild_corpus(..., generator="bazaar")``
writes the corpus.
"""

from __future__ import annotations

GENERATOR = "bazaar"
KINDS = ("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe")
