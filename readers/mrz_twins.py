"""Twin pairs in a document number: two like characters the check digits cannot guard.

An MRZ check digit weighs a field's characters 7, 3, 1, 7, 3, 1...; the composite check
weighs the document number from its start alike. Two like characters at weights 7 and 3
(a number's 1st and 2nd, 4th and 5th, 7th and 8th) both misread as one same other
character change the sum by ten times that difference: every check digit still passes.
Like glyphs in one print are misread alike, so this is the usual error, not a rare one:
phone photos of fresh seeds 14000008 (``R7X41855P`` read ``R7X418SSP``, each S ahead of
its 5 by 0.14 to 0.16) and 14000017 (``11595645`` read ``TT595645``) were accepted
wrong. The glyphs alone must tell such a pair from its twin: a pair whose two cells both
come within ``TWIN_MARGIN`` of one same other character is a doubt. O and 0 are left
to their heights (``readers.mrz_zero``), which keep an undecided pair's swaps in play.
A second reader (the MRZ model) reading the number alike and passing every check digit
settles it (``readers.mrz_rivals.confirmed``); the note's names never do.

A number's cell whose templates' clear reading a rule overruled (``overruled_rivals``)
keeps that reading in play as a rival for the check digits to test.

Pure: no image is read here, only the templates' scores of each cell.
"""

from __future__ import annotations

from readers.ocrb import MRZ_CHARS, GlyphRead

TWIN_MARGIN = 0.2  # correlation: each cell of the pair must beat the twin's by this much
# correlation: a number's cell whose templates' best beats the character kept (by shape
# or height) by this much keeps the templates' best in play as a rival
OVERRULED_MARGIN = 0.1
TWIN_DOUBT = "document number characters"  # how each doubt begins
NUMBER_LENGTH = 9
# Where the document number starts: (line length, line index) -> position (TD3, TD2, TD1).
NUMBER_AT = {(44, 1): 0, (36, 1): 0, (30, 0): 5}


def twin_doubts(glyphs: list[GlyphRead], chars: list[str], index: int) -> list[str]:
    """The doubts on the document number's like pairs at weights 7 and 3 that the cells'
    scores do not tell from a twin pair (``chars``: line ``index`` as read, ``glyphs``:
    its cells' templates readings)."""
    start = NUMBER_AT.get((len(chars), index))
    if start is None or len(glyphs) != len(chars):
        return []
    doubts = []
    for first in range(start, start + NUMBER_LENGTH - 1, 3):
        pair = (glyphs[first], glyphs[first + 1])
        char = chars[first]
        if chars[first + 1] != char or not all(g.scores for g in pair):
            continue
        twins = _close_twins(pair, char)
        if twins:
            at = first - start + 1
            others = " or ".join(twin * 2 for twin in twins)
            doubts.append(
                f"{TWIN_DOUBT} {at} and {at + 1} read {char}{char} may be "
                f"{others}: the check digits cannot tell"
            )
    return doubts


def _close_twins(pair: tuple[GlyphRead, GlyphRead], char: str) -> list[str]:
    """The characters both cells of ``pair`` come within ``TWIN_MARGIN`` of, closest
    first (by their worse margin)."""
    mine = MRZ_CHARS.index(char)
    close = []
    for other, twin in enumerate(MRZ_CHARS):
        if other == mine or {char, twin} == {"O", "0"}:
            continue
        margin = max(g.scores[mine] - g.scores[other] for g in pair)
        if margin < TWIN_MARGIN:
            close.append((margin, twin))
    return [twin for _, twin in sorted(close)]


def overruled_rivals(
    glyphs: list[GlyphRead], chars: list[str], index: int
) -> list[tuple[int, str]]:
    """(position, character) of each document number cell where the character kept
    differs from the templates' clear best: the best is a rival for the check digits to
    test (``readers.mrz_rivals.another_reading_passes``).

    A rule that overrules the templates (O or 0 by height, a closed top by shape) may be
    wrong, and the check digits then repair its character into one they cannot tell from
    the templates' best: phone photo 18000019's U, read O by shape, was repaired to 0
    (U and 0 weigh alike), and low_res_270 18000029's O, read 0 by height, with a 1 read
    T kept every check digit (``OI145330`` accepted as ``0IT45330``). With the best in
    play, such a page's true reading passes too, and the doubt stands."""
    start = NUMBER_AT.get((len(chars), index))
    if start is None or len(glyphs) != len(chars):
        return []
    rivals = []
    for position in range(start, start + NUMBER_LENGTH):
        glyph, char = glyphs[position], chars[position]
        if not glyph.scores or glyph.char in (char, "<"):
            continue
        if glyph.score - glyph.scores[MRZ_CHARS.index(char)] > OVERRULED_MARGIN:
            rivals.append((position, glyph.char))
    return rivals
