"""Text folding and cue matching shared by the classifiers.

Cues and texts are folded the same way (``fasdip.folding.fold``: accents removed, lower
case, every run of non-alphanumerics a single space) so that "Izin_Tinggal", "izin-tinggal" and
"IZIN TINGGAL" all match the cue "izin tinggal", on word boundaries only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fasdip.folding import fold


@dataclass(frozen=True)
class Cue:
    phrase: str  # as written in config
    folded: str
    weight: float


class CueSet:
    """Weighted phrases; ``matches`` returns each cue found in a folded text once."""

    def __init__(self, weighted: Mapping[float, Iterable[str]]) -> None:
        cues: dict[str, Cue] = {}
        for weight, phrases in weighted.items():
            for phrase in phrases:
                folded = fold(phrase)
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
    found = [padded.find(f" {folded_cue}{end} ") for end in _PLURAL_ENDINGS]
    hits = [index for index in found if index >= 0]
    return min(hits) if hits else -1
