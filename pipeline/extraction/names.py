"""A scanned document's names checked against the other places it prints them.

A W-2 prints the employee on every copy, a statement prints its holder in the address block
and again in the account summary, a letter names its subject in the "RE:" line and in its
text. OCR misreads each printing on its own ("Nergaard" in one, "Norgaard" in another; "N
Pacheco" where a cell lost its first word). Each name an extractor read is looked for among the
document's words, word by word with a letter or two of slack; where it is found more than once,
each word takes the spelling its printings agree on (by OCR confidence summed over the
printings), and a name whose first word is a lone initial takes the given name that another
printing has in front of it. Names of a text layer are as printed and left alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence

from pipeline.domain.extracted import ExtractionResult
from pipeline.domain.model import edit_distance, normalize_name
from pipeline.extraction.layout import Layout, Token
from pipeline.extraction.values import ORG_WORDS, ocr_letters, person_name

_WORD = re.compile(r"[^\W\d_][\w'\u2019\-.]*")


def _key(word: str) -> str:
    return normalize_name(word).replace(" ", "")


def _alike(a: str, b: str) -> bool:
    """Two readings of one printed word: initials equal, longer words a letter or two apart
    (one in words up to six letters), never a different first letter and a different length."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if len(ka) == 1 or len(kb) == 1:
        return ka == kb
    slack = 1 if max(len(ka), len(kb)) <= 6 else 2
    return abs(len(ka) - len(kb)) <= slack and edit_distance(ka, kb) <= slack


def _initial_alike(a: str, b: str) -> bool:
    """A middle initial and the same letter with a speck read after it ("L" and "LE"): alike
    between a name's first and last words, where a name prints an initial."""
    ka, kb = sorted((_key(_clean(a)), _key(b)), key=len)
    return len(ka) == 1 and len(kb) == 2 and kb.startswith(ka)


def _clean(text: str) -> str:
    """A word as read, its OCR letter confusions undone, without the marks around it."""
    return ocr_letters(text).strip(".,;:'\"|()[]{}")


# a run of words that reads as a name, the name-like word before it on its line, and the
# word printed right after it (any word: a legal form "L.L.C.", a comma'd "Inc.,")
Printing = tuple[list[Token], Token | None, Token | None]


def _printings(name: list[str], layouts: Sequence[Layout]) -> list[Printing]:
    """Each run of the document's words that reads as ``name`` (word for word, alike), with the
    name-like word right before it on its line and the word right after it, if any."""
    found: list[Printing] = []
    n = len(name)
    for layout in layouts:
        for line in layout.lines:
            tokens = [t for t in line.tokens if _WORD.fullmatch(_clean(t.text))]
            for i in range(len(tokens) - n + 1):
                run = tokens[i : i + n]
                if all(
                    _alike(_clean(t.text), w) or (0 < k < n - 1 and _initial_alike(t.text, w))
                    for k, (t, w) in enumerate(zip(run, name, strict=True))
                ):
                    before = tokens[i - 1] if i > 0 else None
                    end = next(k for k, t in enumerate(line.tokens) if t is run[-1])
                    after = line.tokens[end + 1] if end + 1 < len(line.tokens) else None
                    found.append((run, before, after))
    return found


def _in_case_of(word: str, reading: str) -> str:
    """``reading`` in the letter case ``word`` was printed in where it was read."""
    if word.isupper():
        return reading.upper()
    if word[:1].isupper():
        rest = reading[1:].lower() if reading.isupper() else reading[1:]
        return reading[:1].upper() + rest
    return reading


def _vote(words: list[str], printings: list[Printing]) -> list[str]:
    """Each word as the printings spell it, by OCR confidence summed over them; the word as
    read stays unless another spelling has more."""
    chosen: list[str] = []
    for position, word in enumerate(words):
        votes: dict[str, float] = defaultdict(float)
        spelling: dict[str, str] = {}
        for run, _before, _after in printings:
            reading = _clean(run[position].text)
            key = _key(reading)
            votes[key] += run[position].confidence
            spelling.setdefault(key, reading)
        best = max(votes, key=lambda k: votes[k])
        own = _key(word)
        agreed = votes.get(own, 0.0) >= votes[best]
        chosen.append(word if agreed else _in_case_of(word, spelling[best]))
    return chosen


# A word OCR doubted, and one it read surely elsewhere in the document
_DOUBTED = 0.6
_SURE = 0.85


def _respelled(words: list[str], printings: list[Printing], layouts: Sequence[Layout]) -> list[str]:
    """A name word OCR doubted in every printing of the whole name takes the spelling of a
    word alike to it that OCR read surely elsewhere in the document, where all such readings
    agree: a joint holder's surname printed again in the other holder's name ("Reginald J
    Mufoz" at 0.48 under "Anne-Marie P Muñoz" at 0.95)."""
    chosen = list(words)
    for position, word in enumerate(words):
        own = _key(word)
        if len(own) < 3 or max(run[position].confidence for run, _b, _a in printings) >= _DOUBTED:
            continue
        mine = {id(run[position]) for run, _b, _a in printings}
        sure = {
            _key(reading): reading
            for layout in layouts
            for line in layout.lines
            for tok in line.tokens
            if tok.confidence >= _SURE
            and id(tok) not in mine
            and _WORD.fullmatch(reading := _clean(tok.text))
            and reading[:1].isupper()
            and _alike(reading, word)
        }
        if len(sure) == 1 and own not in sure:
            chosen[position] = _in_case_of(word, next(iter(sure.values())))
    return chosen


def _unglued(words: list[str], layouts: Sequence[Layout]) -> list[str]:
    """A name word that is an initial glued to a name word ("ANDRES NCASTELLANOS", "LEAK
    CASTELLANOS" for "LEA K") where another printing of the name sets the two apart, next to
    the name's other words: the two words, as that printing has them."""
    out = list(words)
    for i in range(len(words) - 1, -1, -1):
        glued = _key(words[i])
        if len(glued) < 4:
            continue
        for layout in layouts:
            split = _split_printed(words, i, glued, layout)
            if split:
                out[i : i + 1] = split
                break
    return out


def _split_printed(words: list[str], i: int, glued: str, layout: Layout) -> list[str] | None:
    for line in layout.lines:
        tokens = [t for t in line.tokens if _WORD.fullmatch(_clean(t.text))]
        # the two apart as two words, or within one word by a speck OCR read as a quote
        # ("KIM, PATRICK'K")
        pairs: list[tuple[str, str, int, int]] = [
            (_clean(tokens[j].text), _clean(tokens[j + 1].text), j, j + 1)
            for j in range(len(tokens) - 1)
        ]
        pairs += [
            (m.group(1), m.group(2), j, j)
            for j, t in enumerate(tokens)
            if (m := _QUOTE_SPLIT.fullmatch(_clean(t.text)))
        ]
        for a, b, first, last in pairs:
            ka, kb = _key(a), _key(b)
            if min(len(ka), len(kb)) != 1 or max(len(ka), len(kb)) < 3 or ka + kb != glued:
                continue
            # beside the name's other words, as this printing has them (or after its surname
            # and comma: "KIM, PATRICK'K")
            before = i > 0 and first > 0 and _alike(_clean(tokens[first - 1].text), words[i - 1])
            after = (
                i + 1 < len(words)
                and last + 1 < len(tokens)
                and _alike(_clean(tokens[last + 1].text), words[i + 1])
            )
            reversed_before = (
                first > 0
                and tokens[first - 1].text.endswith(",")
                and _alike(_clean(tokens[first - 1].text), words[-1])
                and i < len(words) - 1
            )
            if before or after or reversed_before:
                return [_in_case_of(words[i], a), _in_case_of(words[i], b)]
    return None


_QUOTE_SPLIT = re.compile(r"([^\W\d_]{3,})['\u2018\u2019`]([^\W\d_])")


def agree(result: ExtractionResult, layouts: Sequence[Layout]) -> None:
    """Each borrower's name and each employer of an OCR-read document as their printings
    agree (in place)."""
    if not any(layout.ocr for layout in layouts):
        return
    for index, borrower in enumerate(result.borrowers):
        words = _unglued(borrower.name.split(), layouts)
        printings = _printings(words, layouts)
        if not printings:
            # (a printing set the glued initial apart in another order, "KIM, PATRICK'K")
            if words != borrower.name.split() and (name := person_name(" ".join(words))):
                result.borrowers[index] = dataclasses.replace(borrower, name=name)
            continue
        chosen = _respelled(_vote(words, printings), printings, layouts)
        # "N Pacheco": a cell that lost its given name; another printing has it
        if len(_key(words[0])) == 1:
            given = [
                _clean(before.text)
                for _run, before, _after in printings
                if before is not None and before.confidence >= 0.6
            ]
            given = [g for g in given if len(_key(g)) >= 2 and g[0].isupper()]
            if given and all(_key(g) == _key(given[0]) for g in given):
                chosen.insert(0, _in_case_of(words[-1], given[0]))
        name = person_name(" ".join(chosen))
        if name is not None and name != borrower.name:
            result.borrowers[index] = dataclasses.replace(borrower, name=name)
    employers = {i.employer for i in result.incomes if i.employer}
    # (split words are joined first: "H EALTH" is not matched word for word against a printing
    # "HEALTH", which would leave the "H")
    agreed = {e: spelled(_agreed_org(" ".join(_rejoined(e.split())), layouts)) for e in employers}
    for index, income in enumerate(result.incomes):
        if income.employer and agreed[income.employer] != income.employer:
            result.incomes[index] = dataclasses.replace(income, employer=agreed[income.employer])
    for index, borrower in enumerate(result.borrowers):
        if borrower.employer in agreed and agreed[borrower.employer] != borrower.employer:
            result.borrowers[index] = dataclasses.replace(
                borrower, employer=agreed[borrower.employer]
            )


# The legal forms a name ends with, as OCR's one-letter slips of them are caught ("LLG",
# "LL!", "Ine.")
_LEGAL_FORMS = {"llc": "LLC", "inc": "Inc", "corp": "Corp", "ltd": "Ltd", "co": "Co"}


def spelled(org: str) -> str:
    """A scanned employer's name with OCR's letter slips in its common business words undone:
    a word one letter (two in a long word) from exactly one word of the business lexicon
    ("Manifacturihg", "Mariagement") takes that word; a legal form fused to the word before it
    is set apart ("CENTERLLC"), and a last word a letter from a legal form is that form."""
    words = _rejoined(org.split())
    out: list[str] = []
    for k, word in enumerate(words):
        core = word.rstrip(".,;:!")
        tail = word[len(core) :].replace("!", "")
        low = core.lower()
        glued = next(
            (f for f in ("llc", "inc") if low.endswith(f) and low[: -len(f)] in ORG_WORDS), None
        )
        if glued and len(low) > len(glued) + 3:
            head = core[: -len(glued)]
            out += [head, core[-len(glued) :] + tail]
            continue
        if low in ORG_WORDS or (not core.isalpha() and not word.endswith("!")):
            out.append(word)
            continue
        if k == len(words) - 1 and len(low) <= 4:
            read = re.sub(r"[^a-z]", "?", word.lower().rstrip(".,"))
            forms = [f for f in _LEGAL_FORMS if edit_distance(read, f) == 1]
            if len(forms) == 1 and low[:1] == forms[0][:1]:
                out.append(
                    _in_case_of(core, _LEGAL_FORMS[forms[0]]) + ("." if word.endswith(".") else "")
                )
                continue
        # (a short word is too near too many: "Plains" is a letter from "plans")
        if len(low) >= 7:
            slack = 1 if len(low) <= 8 else 2
            near = [
                w
                for w in ORG_WORDS
                if len(w) >= 5 and w[0] == low[0] and edit_distance(low, w) <= slack
            ]
            if len(near) == 1:
                out.append(_in_case_of(core, near[0]) + tail)
                continue
        out.append(word)
    return " ".join(out)


def _rejoined(words: list[str]) -> list[str]:
    """Words with a business word OCR split in two put back together ("HE. ALTH P, ARTNERS" ->
    "HEALTH PARTNERS"): two neighbours, neither a business word alone, that are one joined."""
    out = list(words)
    k = 0
    while k < len(out) - 1:
        first, second = out[k].rstrip(".,;:"), out[k + 1]
        core = second.rstrip(".,;:")
        joined = (first + core).lower()
        if (
            first.isalpha()
            and core.isalpha()
            and len(joined) >= 5
            and joined in ORG_WORDS
            and first.lower() not in ORG_WORDS
            and core.lower() not in ORG_WORDS
        ):
            out[k : k + 2] = [first + second]
            continue
        k += 1
    return out


def _agreed_org(org: str, layouts: Sequence[Layout]) -> str:
    """An employer's name with its words as the document's printings of it spell them (two
    words of four letters or more are needed to find a printing; the rest stays as read)."""
    words = org.split()
    # (short words are legal forms and particles, "LLC", "of": clean_org's business)
    spots = [i for i, w in enumerate(words) if _WORD.fullmatch(_clean(w)) and len(_key(w)) >= 4]
    if len(spots) < 2:
        return org
    core = [_clean(words[i]) for i in spots]
    printings = _printings(core, layouts)
    if not printings:
        return org
    out = list(words)
    for k, voted in enumerate(_vote(core, printings)):
        if voted != core[k]:
            i = spots[k]
            out[i] = voted + words[i][len(words[i].rstrip(",.")) :]
    # a legal form OCR garbled where the name ran on ("Systems Ls L.G" in a sentence) takes
    # the one the other printings agree on ("Blue Heron Data Systems L.L.C." on letterhead)
    tail = out[spots[-1] + 1 :]
    if tail and not any(_LEGAL_FORM.fullmatch(w.strip(",")) for w in tail):
        forms = {
            w
            for _run, _before, after in printings
            if after is not None and _LEGAL_FORM.fullmatch(w := after.text.strip(","))
        }
        if len(forms) == 1:
            out[spots[-1] + 1 :] = [forms.pop()]
    return " ".join(out)


_LEGAL_FORM = re.compile(
    r"(?i)(?:l\.?l\.?c\.?|l\.?l\.?p\.?|l\.?p\.?|inc\.?|incorporated|corp\.?|corporation|ltd\.?|"
    r"limited|co\.?|company|p\.?c\.?|pllc|plc)"
)
