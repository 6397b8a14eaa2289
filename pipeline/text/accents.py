"""Letters English OCR cannot read, read again with tesseract's Latin-script model.

Tesseract's ``eng`` model knows few accented letters, and a name printed with one comes out
misread: "Quiñones" as "Quifiones", "Peña" as "Pefia", "López" as "Lépez". Tesseract's
``Latin`` script model (Debian's ``tesseract-ocr-script-latn``) reads every Latin-script
letter, but read over a whole page it is 1.7x slower and puts marks on plain capitals
("JOĽENE"). So only the words the first reading shows to be in doubt this way are cut out and
read again with it: a capitalised word with a letter outside ASCII, with the "fi" / "ii" / "ji"
between vowels that an ñ becomes, with the "ii" a ü becomes, or opening on three consonants no
name opens with (a vowel misread or lost: "Grtinewald", "NRGAARD"). The new reading replaces the
word when it is the same word give or take the letters in doubt, and tesseract is about as
sure of it.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.domain.model import edit_distance, normalize_name
from pipeline.text.layout import Piece

LANGUAGE = "Latin"
# At most this many words per page are read again (each costs a strip of one run).
MAX_WORDS = 40
_II = re.compile(r"(?<=[a-z])ii|(?<=[A-Z])II(?=[A-Z])")
# (not English's "-ified", "-ifies", "-ifier")
_NN = re.compile(r"(?<=[aeiou])(?:fi|ii|fl|ji)(?=[aeiou])(?!e[dsr]\b)", re.IGNORECASE)


# Three consonants opening a name are a letter misread ("Grtinewald" for Grünewald, "NRGAARD"
# for NØRGAARD) unless they are a cluster names open with ("Schmidt", "Strand", "Christensen").
_CLUSTERS = frozenset(
    {"sch", "str", "spr", "scr", "spl", "shr", "thr", "chr", "phr", "squ", "skr", "szc", "tsch"}
)


def _clustered(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text).lower()
    head = letters[:3]
    return (
        len(letters) >= 5
        and len(head) == 3
        and not any(ch in "aeiouy" for ch in head)
        and head not in _CLUSTERS
    )


def _capitalised(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and letters[0].isupper()


def in_doubt(piece: Piece) -> bool:
    """A capitalised word whose reading shows a letter English OCR does not know."""
    text = piece.text
    if not _capitalised(text):
        return False
    foreign = any(ord(ch) > 127 and unicodedata.category(ch).startswith("L") for ch in text)
    # (an ü or a ñ read as "ii" inside a word: "Griinewald", "Nuiiez")
    return (
        foreign or _NN.search(text) is not None or _II.search(text) is not None or _clustered(text)
    )


def _folded(text: str) -> str:
    return normalize_name(text).replace(" ", "")


def choose(old: Piece, words: list[Piece]) -> Piece | None:
    """The Latin model's reading of ``old``'s crop, when it is one word that differs from the
    first reading by the letters in doubt only (two edits at most, once folded), and is read
    at least as confidently or with 0.8 confidence; else None."""
    found = [w for w in words if any(ch.isalnum() for ch in w.text)]
    if len(found) != 1:
        return None
    new = found[0]
    text = new.text.strip(".,;:'\"|")
    core = old.text.strip(".,;:'\"|")
    if not text or text == core or not _capitalised(text):
        return None
    # (as sure as the English reading, or sure enough: the English model is often confident of
    # a letter it does not have, "Griinewald" at 0.92)
    if edit_distance(_folded(text), _folded(core)) > 2 or new.confidence < min(old.confidence, 0.8):
        return None
    # the marks around the word as first read stay ("QUIÑONES," keeps its comma)
    return Piece(
        old.text.replace(core, text), old.left, old.top, old.right, old.bottom, new.confidence
    )
