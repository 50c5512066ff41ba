"""Text folding and cue matching shared by the classifiers.

Cues and texts are folded the same way (``fasdip.folding.fold``: accents removed, lower
case, every run of non-alphanumerics a single space) so that "Izin_Tinggal", "izin-tinggal" and
"IZIN TINGGAL" all match the cue "izin tinggal", on word boundaries only. A ``*`` in a
cue stands for one or two words of any kind, so "issuance of * identity card" is found in
"issuance of diplomatic identity cards" and "issuance of an identity card".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fasdip.folding import fold

_GAP = "*"  # in a cue: one or two words of any kind


@dataclass(frozen=True)
class Cue:
    phrase: str  # as written in config
    folded: str  # a gap cue: its folded parts joined by " * "
    weight: float

    def found_in(self, folded_text: str) -> bool:
        return _find(f" {folded_text} ", self.folded) >= 0


def fold_cue(phrase: str) -> str:
    """A cue as it is matched: folded, each ``*`` kept as a gap between folded parts."""
    return f" {_GAP} ".join(part for part in (fold(p) for p in phrase.split(_GAP)) if part)


class CueSet:
    """Weighted phrases; ``matches`` returns each cue found in a folded text once."""

    def __init__(self, weighted: Mapping[float, Iterable[str]]) -> None:
        cues: dict[str, Cue] = {}
        for weight, phrases in weighted.items():
            for phrase in phrases:
                folded = fold_cue(phrase)
                if folded and (folded not in cues or cues[folded].weight < weight):
                    cues[folded] = Cue(phrase=phrase, folded=folded, weight=float(weight))
        self._cues = list(cues.values())

    @classmethod
    def flat(cls, phrases: Iterable[str], weight: float = 1.0) -> CueSet:
        return cls({weight: list(phrases)})

    def matches(self, folded_text: str) -> list[Cue]:
        padded = f" {folded_text} "
        return [cue for cue in self._cues if _find(padded, cue.folded) >= 0]

    def first_index(self, folded_text: str) -> int | None:
        """Position of the earliest cue in ``folded_text`` (None when none matches)."""
        padded = f" {folded_text} "
        found = [_find(padded, cue.folded) for cue in self._cues]
        hits = [index for index in found if index >= 0]
        return min(hits) if hits else None


_PLURAL_ENDINGS = ("", "s", "es")  # "airport pass" is found in "new airport passes"


def _find(padded: str, folded_cue: str) -> int:
    """Where the cue stands as whole words in ``padded``, its last word maybe an English
    plural; -1 when it does not."""
    if f" {_GAP} " in folded_cue:
        found = _gap_pattern(folded_cue).search(padded)
        return found.start() if found else -1
    hits = [i for end in _PLURAL_ENDINGS if (i := padded.find(f" {folded_cue}{end} ")) >= 0]
    return min(hits) if hits else -1


@functools.lru_cache(maxsize=1024)
def _gap_pattern(folded_cue: str) -> re.Pattern[str]:
    """The words of a gap cue with one or two words between its parts, on word bounds."""
    parts = [re.escape(part) for part in folded_cue.split(f" {_GAP} ")]
    between = r"(?: [a-z0-9]+){1,2} "
    return re.compile(" " + between.join(parts) + "(?:s|es)? ")
