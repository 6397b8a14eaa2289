"""Labelled sample documents for demos and for measuring extraction.

``generate_corpus`` writes W-2s, pay stubs, bank statements, Forms 1040 and 1099 and
verification-of-employment letters in several layouts, as text PDFs and as scans, together with a
``truth.json`` in the format of ``shared/corpus/real/truth.json``. ``generate_samples`` writes a
small demo set. All content is fictional and deterministic for a given seed.
"""

from pipeline.samples.corpus import DOC_TYPES, TRUTH_FILE, generate_corpus, generate_samples

__all__ = ["DOC_TYPES", "TRUTH_FILE", "generate_corpus", "generate_samples"]
