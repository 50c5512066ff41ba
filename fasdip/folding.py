"""The one way text is folded before words are compared (ground floor: every stage uses it).

Accents removed, transliterated letters spelled plainly (ø -> o, ß -> ss), lower case, and
every run of what is not a letter or a digit a single space, trimmed: "Surat-Keterangan",
"surat_keterangan" and "SURAT  KETERANGAN" all fold to "surat keterangan", so a cue matches
however a mission punctuates it. ``fold_with_origins`` also tells, for each folded
character, where it stood in the original text (the validators cut the original text at a
cue found in the folded one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_TRANSLITERATE = {
    "ø": "o",
    "æ": "ae",
    "å": "a",
    "ß": "ss",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ı": "i",
    "þ": "th",
    "ð": "d",
}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character folded: a letter or digit (or a few, ``ß`` -> ``ss``), else a space."""
    if char.isascii():
        lowered = char.lower()
        return lowered if lowered.isalnum() else " "
    lowered = "".join(_TRANSLITERATE.get(c, c) for c in char.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub(" ", plain)


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation as single spaces, trimmed."""
    return " ".join("".join(map(_fold_char, text)).split())


@dataclass(frozen=True)
class FoldedText:
    """A folded text and, for each of its characters, its index in the original text."""

    text: str
    origins: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded to ``text[start:end]``."""
        if start >= end:
            at = self.origins[start] if start < len(self.origins) else self.original_length
            return at, at
        return self.origins[start], self.origins[end - 1] + 1


def fold_with_origins(text: str) -> FoldedText:
    """``fold(text)`` with where each of its characters came from."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            if piece == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(piece)
            origins.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    return FoldedText("".join(chars), tuple(origins), len(text))
