"""Write a randomized labelled corpus: documents plus ``truth.json``.

A document is fully determined by (seed, kind, index): its layout family comes from a shuffled
cycle of the kind's families (so ``count_per_kind`` >= the number of families shows each one),
its content and drawn layout from ``random.Random(f"randomized:{seed}:{kind}:{index}:{attempt}")``,
and whether it is scanned from a low-discrepancy sequence over the index. None of it depends on
how many other documents are generated.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Imported as modules (not ``from package import``) so the package's own __init__, which
# imports this module, does not leave type checkers with a half-initialised package.
import pipeline.samples.randomized.bank_statement as bank_statement
import pipeline.samples.randomized.form_1003 as form_1003
import pipeline.samples.randomized.form_1040 as form_1040
import pipeline.samples.randomized.form_1099 as form_1099
import pipeline.samples.randomized.form_1099_family as form_1099_family
import pipeline.samples.randomized.paystub as paystub
import pipeline.samples.randomized.scan as scan
import pipeline.samples.randomized.voe as voe
import pipeline.samples.randomized.w2 as w2
from pipeline.samples.randomized.blocks import Drawn

TRUTH_FILE = "truth.json"
GENERATOR = "randomized"
KINDS = ("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe")
# Kinds added later, written only when asked for (``kinds=``), so that the corpus of a seed
# with the default kinds stays the one earlier figures were measured on: the URLA, the rest of
# the 1099 family (DIV, MISC, R, G, SSA-1099, B, composite statements) and returns with
# Schedules C and E attached. Their truth uses the standard doc types (``form_1099``,
# ``form_1040``); the kind name only picks the builder.
EXTRA_KINDS = ("form_1003", "form_1099_family", "form_1040_schedules")
Builder = Callable[[random.Random, str], Drawn]
_BUILDERS: dict[str, Builder] = {
    "w2": w2.build,
    "paystub": paystub.build,
    "bank_statement": bank_statement.build,
    "form_1040": form_1040.build,
    "form_1099": form_1099.build,
    "voe": voe.build,
    "form_1003": form_1003.build,
    "form_1099_family": form_1099_family.build,
    "form_1040_schedules": form_1040.build_with_schedules,
}
FAMILIES: dict[str, tuple[str, ...]] = {
    "w2": w2.FAMILIES,
    "paystub": paystub.FAMILIES,
    "bank_statement": bank_statement.FAMILIES,
    "form_1040": form_1040.FAMILIES,
    "form_1099": form_1099.FAMILIES,
    "voe": voe.FAMILIES,
    "form_1003": form_1003.FAMILIES,
    "form_1099_family": form_1099_family.FAMILIES,
    "form_1040_schedules": form_1040.SCHEDULE_FAMILIES,
}
# A drawn layout that collides (text overlapping or off the page) is redrawn with the next
# attempt's random stream; a few attempts are plenty, needing more means a layout bug.
MAX_ATTEMPTS = 8


class LayoutError(RuntimeError):
    """No attempt drew the document without overlapping or clipped text."""


def family_for(seed: int, kind: str, index: int) -> str:
    """The layout family of document ``index``: each run of len(families) indices shows every
    family once, in an order shuffled per run."""
    families = list(FAMILIES[kind])
    cycle, position = divmod(index, len(families))
    random.Random(f"randomized:{seed}:{kind}:families:{cycle}").shuffle(families)
    return families[position]


def build_document(seed: int, kind: str, index: int) -> tuple[Drawn, int]:
    """The text PDF of one document and its truth, with the attempt that drew it cleanly."""
    family = family_for(seed, kind, index)
    build = _BUILDERS[kind]
    problems: list[str] = []
    for attempt in range(MAX_ATTEMPTS):
        drawn = build(random.Random(f"randomized:{seed}:{kind}:{index}:{attempt}"), family)
        if not drawn.defects:
            return drawn, attempt
        problems = drawn.defects
    raise LayoutError(f"{kind} #{index} ({family}) seed {seed}: {problems[:3]}")


def is_scanned(seed: int, kind: str, index: int, share: float) -> bool:
    """Whether document ``index`` is scanned: exactly ``share`` of any run of indices (to within
    one), starting at an offset drawn from (seed, kind)."""
    if share <= 0:
        return False
    offset = random.Random(f"randomized:{seed}:{kind}:scan-offset").random()
    return math.floor((index + 1) * share + offset) > math.floor(index * share + offset)


def clear_previous(out_dir: Path) -> None:
    """Remove the documents an earlier run listed in its truth file (and nothing else)."""
    path = out_dir / TRUTH_FILE
    if not path.exists():
        return
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for name in previous if isinstance(previous, dict) else ():
        candidate = out_dir / Path(str(name)).name
        if candidate.is_file():
            candidate.unlink()


def generate_randomized_corpus(
    out_dir: Path,
    *,
    seed: int,
    count_per_kind: int,
    scanned_share: float = 0.33,
    kinds: Sequence[str] = KINDS,
) -> Path:
    """Write ``count_per_kind`` documents of each of ``kinds`` into ``out_dir``
    (``scanned_share`` of them as scans) and their ``truth.json``; returns the truth file's
    path.

    Files are named ``doc-0001.pdf`` (or ``.png``/``.jpg``/``.tif`` for scans) in a shuffled
    order, so a name says nothing about the kind.
    """
    if count_per_kind < 1:
        raise ValueError("count_per_kind must be at least 1")
    if not 0 <= scanned_share <= 1:
        raise ValueError("scanned_share must be between 0 and 1")
    unknown = sorted(set(kinds) - set(_BUILDERS))
    if unknown or not kinds:
        raise ValueError(f"kinds must be among {KINDS + EXTRA_KINDS}, not {unknown or 'none'}")
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous(out_dir)
    jobs = [(kind, index) for kind in kinds for index in range(count_per_kind)]
    random.Random(f"randomized:{seed}:order").shuffle(jobs)
    truth: dict[str, dict[str, Any]] = {}
    for number, (kind, index) in enumerate(jobs, start=1):
        drawn, _ = build_document(seed, kind, index)
        scanned = is_scanned(seed, kind, index, scanned_share)
        if scanned:
            rng = random.Random(f"randomized:{seed}:{kind}:{index}:scan")
            file_format = scan.choose_format(rng, drawn.pages)
            data = scan.scan(drawn.pdf, rng, file_format, text_size=drawn.text_size)
        else:
            file_format, data = "pdf", drawn.pdf
        name = f"doc-{number:04d}{scan.EXTENSIONS[file_format]}"
        (out_dir / name).write_bytes(data)
        truth[name] = {
            **drawn.truth.as_dict(scanned=scanned, file_format=file_format),
            "layout": drawn.truth.layout,
            "generator": GENERATOR,
        }
    path = out_dir / TRUTH_FILE
    path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
