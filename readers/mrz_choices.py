"""A cell's choices: the characters its class allows, and how close its best comes to the
next (``readers.mrz_line`` reads a line's cells with them)."""

from __future__ import annotations

from readers.ocrb import MRZ_CHARS, GlyphRead

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
_DIGITS = "0123456789"
CLASSES = {
    "A": _LETTERS + _DIGITS,
    "L": _LETTERS,
    "N": _LETTERS[:-1],  # the surname's first letter: the primary identifier is never empty
    "D": _DIGITS,
    "d": _DIGITS + "<",
    "S": "MFX<",
}
NAME_MARGIN = 0.08  # a name letter must beat the next by this much (correlation)
NAME_SCORE = 0.7  # and match its template at least this well
NAME_TIE = 0.02  # a name letter's own box this close to its next letter is a tie
ALT_MARGIN = 0.12  # a checked character closer than this to the next is tried swapped


def tied(glyph: GlyphRead, allowed: str) -> tuple[str, str] | None:
    """The glyph's two best ``allowed`` letters when they tie (``NAME_TIE``)."""
    if not glyph.scores:
        return None
    ranked = sorted(((glyph.scores[MRZ_CHARS.index(c)], c) for c in allowed), reverse=True)
    if len(ranked) < 2 or ranked[0][0] - ranked[1][0] >= NAME_TIE:
        return None
    return ranked[0][1], ranked[1][1]


def close_thirds(
    glyph: GlyphRead, allowed: str, first_two: tuple[str, str], line: int, position: int
) -> list[tuple[float, int, int, str]]:
    """A checked cell's choices after its first two that come as close to its best: rival
    readings as well. Only the second was tried, yet at 5 or 6 px a U reads O, V and U
    a few hundredths apart, and U weighs in a check digit as 0 does (O read, repaired
    to 0, passed every check digit: the passport number's U went unseen)."""
    if not glyph.scores:
        return []
    best = max(glyph.scores[MRZ_CHARS.index(c)] for c in allowed)
    return [
        (best - score, line, position, c)
        for c in allowed
        if c not in first_two and (score := glyph.scores[MRZ_CHARS.index(c)]) > best - ALT_MARGIN
    ]


def ranked_letters(glyph: GlyphRead) -> list[tuple[float, str]]:
    """The glyph's fit with every letter, best first."""
    return sorted(((glyph.scores[MRZ_CHARS.index(c)], c) for c in _LETTERS), reverse=True)


def name_doubt(glyph: GlyphRead, char: str, margin: float, position: int) -> str | None:
    """The doubt on a name letter read ``char`` by ``margin``, when it is not sure enough
    (``NAME_MARGIN``, ``NAME_SCORE``): no check digit guards a name."""
    score = glyph.scores[MRZ_CHARS.index(char)] if glyph.scores else glyph.score
    if margin < NAME_MARGIN or score < NAME_SCORE:
        return f"name character {position + 1} unsure ({char} or {glyph.second})"
    return None
