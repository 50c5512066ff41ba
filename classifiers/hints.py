"""Weak hints of whose a document is: a name written elsewhere (a file name, a document's
text) matched to a roster name by surname or given name, initials, transliteration and
accents, in any order (``Passport Muller.pdf``, ``KTP M Santoso.pdf``, ``Foto_AS.jpg``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fasdip.marks import fold_marked, word_fits

_DIGRAPHS = re.compile(r"([aou])e")  # ü written ue, ö oe, ä ae (Müller, Mueller, Muller)


def _canonical(word: str) -> str:
    return _DIGRAPHS.sub(r"\1", word).replace("ss", "s")


def name_tokens(name: str) -> list[str]:
    """Folded words of a name, spelled one way whether written with ü, ue or u, ß or ss."""
    return [_canonical(w) for w in fold_marked(name).split()]


_ONE_SLIP_LETTERS = 5  # Muhammed / Muhammad
_TWO_SLIPS_LETTERS = 8  # a scan's "GroBmamn" (OCR: ß as B, n as m) for Großmann


def _same_word(a: str, b: str) -> bool:
    """Equal, or one slip apart in a long word (``Muhammed``/``Muhammad``), two in a word of
    eight letters or more, or equal but for letters a replacement mark stands for
    (``ph?m``/``pham``)."""
    if "?" in a or "?" in b:
        return word_fits(a, b)
    shorter = min(len(a), len(b))
    slips = 2 if shorter >= _TWO_SLIPS_LETTERS else 1 if shorter >= _ONE_SLIP_LETTERS else 0
    if a == b:
        return True
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b) <= slips


_DROPPED_MIN_LETTERS = 3  # "Phm" (a PDF's text without its "ạ") for "Pham"


def _letter_dropped(a: str, b: str) -> bool:
    """One word is the other without one of its letters (a letter a PDF's text dropped
    where an accented letter was: "Phm" for Phạm), the shorter of three letters or more."""
    short, long_ = sorted((a, b), key=len)
    return (
        len(short) >= _DROPPED_MIN_LETTERS
        and len(long_) == len(short) + 1
        and any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
    )


@dataclass(frozen=True)
class HintMatch:
    words: int  # words of the hint found in the name
    initials: int  # initials that agree with a word of the name not already found
    conflicts: int  # initials that agree with none
    unmatched: int  # words of the hint found nowhere in the name
    dropped: int = 0  # of ``words``, those found only with a letter dropped ("phm"/"pham")

    @property
    def score(self) -> float:
        if not self.words:
            return 0.0
        return self.words - 0.25 * self.dropped + 0.5 * self.initials - self.conflicts


def hint_match(hint: str, name: str) -> HintMatch:
    """How a name written somewhere else (a file name, a document) fits a roster name: by
    surname or given name, initials, transliteration and accents, in any order."""
    words = [t for t in name_tokens(hint) if len(t) >= 2]
    initials = [t for t in name_tokens(hint) if len(t) == 1]
    entry = name_tokens(name)
    used: set[int] = set()
    unmatched = dropped = 0
    for word in words:
        index = next(
            (i for i, e in enumerate(entry) if i not in used and _same_word(word, e)), None
        )
        if index is None:
            index = next(
                (i for i, e in enumerate(entry) if i not in used and _letter_dropped(word, e)),
                None,
            )
            dropped += index is not None
        if index is None:
            unmatched += 1
        else:
            used.add(index)
    agreeing = conflicts = 0
    for initial in initials:
        index = next(
            (i for i, e in enumerate(entry) if i not in used and e.startswith(initial)), None
        )
        if index is None:
            conflicts += 1
        else:
            used.add(index)
            agreeing += 1
    return HintMatch(len(used) - agreeing, agreeing, conflicts, unmatched, dropped)


def match_hint(hint: str, roster: Sequence[str], *, strict: bool) -> int | None:
    """Index of the one roster name ``hint`` fits best; None when it fits none or several
    equally. ``strict`` (a name read in a document's text): most of its words must fit;
    otherwise (a file name) words that fit nobody are taken for noise ("scan", a city)."""
    scores: list[float] = []
    for entry in roster:
        found = hint_match(hint, entry)
        ok = found.words > 0 and (not strict or found.words >= found.unmatched)
        scores.append(found.score if ok else 0.0)
    if not scores or max(scores) <= 0:
        return None
    top = max(scores)
    return scores.index(top) if scores.count(top) == 1 else None


_RUN_OF_INITIALS = range(2, 5)  # "AS" (Agus SETIAWAN), "MMS" (Maria Magdalena SIMANJUNTAK)


def initials_of(name: str) -> set[str]:
    """The runs of initials a file name may give for a name of two words or more: of every
    word in order, of the first and the last, and of every word with the last put first (a
    surname written first)."""
    words = name_tokens(name)
    if len(words) < 2:
        return set()
    every = "".join(w[0] for w in words)
    return {every, words[0][0] + words[-1][0], every[-1] + every[:-1]}


def initials_owner(hint: str, roster: Sequence[str]) -> int | None:
    """Index of the one roster name whose initials a file name gives, and gives nothing
    else ("Foto_AS.jpg", "pasfoto M S.jpg"); None when the hint holds another word, or is a
    word of a name, or when no name or several have those initials."""
    tokens = fold_marked(hint).split()  # not canonical: "ae" is two initials, not "ä"
    letters = [t for t in tokens if len(t) == 1]
    if len(letters) == len(tokens) >= 2:
        run = "".join(letters)
    elif len(tokens) == 1 and len(tokens[0]) in _RUN_OF_INITIALS:
        run = tokens[0]
    else:
        return None
    if any(run in fold_marked(entry).split() for entry in roster):
        return None
    owners = [i for i, entry in enumerate(roster) if run in initials_of(entry)]
    return owners[0] if len(owners) == 1 else None
