"""A document number's like pairs at weights 7 and 3, which no check digit guards
(readers.mrz_twins): from the templates' scores of each cell, no image."""

from __future__ import annotations

import pytest

from readers.mrz_twins import twin_doubts
from readers.ocrb import MRZ_CHARS, GlyphRead

TD3_LINE_2 = "R7X418SSP7POL6602082M2806125<<<<<<<<<<<<<<<0"
TD1_LINE_1 = "I<UTOSS8390647".ljust(30, "<")


def glyph(char: str, **others: float) -> GlyphRead:
    """A cell read ``char`` at 0.80, ``others`` (character: score) close behind it, every
    other character far (0.30)."""
    scores = dict.fromkeys(MRZ_CHARS, 0.3)
    scores.update(others)
    scores[char] = 0.80
    ranked = sorted(scores, key=lambda c: -scores[c])
    return GlyphRead(
        char=char,
        score=0.80,
        margin=0.80 - scores[ranked[1]],
        second=ranked[1],
        scores=tuple(scores[c] for c in MRZ_CHARS),
    )


def cells(line: str, close: dict[int, dict[str, float]]) -> list[GlyphRead]:
    return [glyph(c, **close.get(i, {})) for i, c in enumerate(line)]


# (line, line index, cells close to another character, the doubt expected or None)
CASES = [
    # Both S of SS at the 7th and 8th come within 0.2 of a 5: SS and 55 both pass.
    (
        TD3_LINE_2,
        1,
        {6: {"5": 0.64}, 7: {"5": 0.62}},
        "document number characters 7 and 8 read SS may be 55: the check digits cannot tell",
    ),
    # One of the two is a clear S: both would have to be misread alike.
    (TD3_LINE_2, 1, {6: {"5": 0.64}, 7: {"5": 0.40}}, None),
    # A like pair at weights 1 and 7 (the 6th and 7th) changes the check digit: no twin.
    ("R7X41SSSP7POL6602082M2806125<<<<<<<<<<<<<<<0", 1, {5: {"5": 0.7}, 6: {"5": 0.4}}, None),
    # O and 0 are told by their height (readers.mrz_zero), not here.
    ("R7X400SSP7POL6602082M2806125<<<<<<<<<<<<<<<0", 1, {3: {"O": 0.75}, 4: {"O": 0.75}}, None),
    # Every close twin is named, closest first.
    (
        "TT595645<2XXA5801257F28091045T9647T<<<<<<<58",
        1,
        {0: {"1": 0.62, "Y": 0.70}, 1: {"1": 0.64, "Y": 0.72}},
        "document number characters 1 and 2 read TT may be YY or 11: the check digits cannot tell",
    ),
    # A TD1's number starts at the 6th character of its first line.
    (
        TD1_LINE_1,
        0,
        {5: {"5": 0.7}, 6: {"5": 0.7}},
        "document number characters 1 and 2 read SS may be 55: the check digits cannot tell",
    ),
    # Names' lines hold no number.
    ("P<POLWOJCIK<<WOJCIECH<<<<<<<<<<<<<<<<<<<<<<<", 0, {6: {"5": 0.7}, 7: {"5": 0.7}}, None),
]


@pytest.mark.parametrize(("line", "index", "close", "expected"), CASES)
def test_a_like_pair_the_check_digits_cannot_guard_is_doubted_when_its_glyphs_are_close(
    line: str, index: int, close: dict[int, dict[str, float]], expected: str | None
) -> None:
    doubts = twin_doubts(cells(line, close), list(line), index)
    assert doubts == ([] if expected is None else [expected])
