"""Letters a PDF could not give (ground floor: the classifiers and validators use it).

A PDF whose font has no glyph for an accented letter gives, in its text layer, a "?" or
U+FFFD where that letter was ("Mai Ph?m" for Phạm, "J?rgen M?ller" for Jürgen Müller). A
name holding such a mark is one name with unknown letters, not words cut at the mark: its
words keep the mark, and a mark stands for up to two letters (an accented letter
transliterated, ü -> ue) or none. Two names of which one holds marks are the same name
when every word of one fits a word of the other; when they do not fit, the difference may
be the lost letters: a doubt for an officer, never a different name told to a mission.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from fasdip.folding import fold

MARKS = frozenset("?\ufffd")
_LETTERS_PER_MARK = "{0,2}"


def has_marks(text: str | None) -> bool:
    """Whether ``text`` holds a replacement mark in a word: a letter or another mark beside
    it ("Ph?m", "??" for a word whose every letter was lost, "Đỗ")."""
    if not text:
        return False

    def in_word(neighbour: str) -> bool:
        return neighbour.isalpha() or neighbour in MARKS

    return any(
        c in MARKS
        and ((i > 0 and in_word(text[i - 1])) or (i + 1 < len(text) and in_word(text[i + 1])))
        for i, c in enumerate(text)
    )


def fold_marked(text: str) -> str:
    """``fold(text)`` with each replacement mark kept as "?" in the word it stands in."""
    if not has_marks(text):
        return fold(text)
    plain = unicodedata.normalize("NFC", text)
    return " ".join("".join("?" if c in MARKS else (fold(c) or " ") for c in plain).split())


@functools.lru_cache(maxsize=1024)
def _pattern(word: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in word.split("?")]
    return re.compile(f"[a-z]{_LETTERS_PER_MARK}".join(parts))


def word_fits(a: str, b: str) -> bool:
    """Whether two folded words are one word, a "?" in either standing for 0-2 letters."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    return ("?" in a and bool(_pattern(a).fullmatch(b))) or (
        "?" in b and bool(_pattern(b).fullmatch(a))
    )


def words_fit(marked: Sequence[str], other: Sequence[str]) -> bool:
    """Whether every word of ``marked`` fits a word of ``other`` (each word once; the other
    name may hold more: a middle name left out)."""
    free = list(other)
    for word in marked:
        index = next((i for i, o in enumerate(free) if word_fits(word, o)), None)
        if index is None:
            return False
        free.pop(index)
    return bool(marked)
