"""O or 0 in an MRZ position that may hold both, told by the glyph's height.

In OCR-B the digit 0 stands as tall as every digit, while the letter O is a capital:
its top is lower, about two thirds of the way from the digits' top to the flat
capitals' top (font units: digits 30, O 36, flat capitals 39 from the ascent). The
correlation with the templates, which scale a cell to the template's height, barely
sees that; the height of the cell's ink against the line's sure digits and capitals
does. When the line gives no clear measure (too few pixels between digits and
capitals), the glyph cannot decide and the reader keeps both readings in play.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

# Digits other than 0 and capitals with a flat top: the line's two reference heights.
_SURE_DIGITS = "123456789"
_FLAT_CAPITALS = "BDEFHIKLMNPRTXZ"
_CAPS_GAP = 9 / 95  # the capitals' top below the digits', as a share of digit height
MIN_GAP_PX = 1.5  # a smaller gap cannot tell O from 0
# O's top sits two thirds of the way from the digits' top (0) to the capitals' (1).
ZERO_BELOW = 0.3  # a top this near the digits' is a 0
LETTER_ABOVE = 0.5  # and one this near the capitals' an O


def ink_top(ink: NDArray[np.bool_], rows: tuple[int, int], span: tuple[int, int]) -> int | None:
    """The first ink row of a cell (``rows`` searched, ``span`` its ink columns)."""
    hits = np.flatnonzero(ink[rows[0] : rows[1], span[0] : span[1]].any(axis=1))
    return rows[0] + int(hits[0]) if hits.size else None


def decide(chars: Sequence[str], tops: Sequence[int | None], height: float) -> list[str | None]:
    """For each position read ``O`` or ``0``: which one its height says (None: undecided).

    ``tops`` is each cell's first ink row, ``height`` the line's digit height in pixels.
    Other positions get None.
    """
    digits = [t for c, t in zip(chars, tops, strict=True) if c in _SURE_DIGITS and t is not None]
    capitals = [
        t for c, t in zip(chars, tops, strict=True) if c in _FLAT_CAPITALS and t is not None
    ]
    out: list[str | None] = [None] * len(chars)
    if len(digits) < 3:
        return out
    digit_top = statistics.median(digits)
    gap = _CAPS_GAP * height
    if len(capitals) >= 2 and statistics.median(capitals) - digit_top >= MIN_GAP_PX:
        gap = statistics.median(capitals) - digit_top
    if gap < MIN_GAP_PX:
        return out
    for position, (char, top) in enumerate(zip(chars, tops, strict=True)):
        if char not in "O0" or top is None:
            continue
        where = (top - digit_top) / gap
        if where < ZERO_BELOW:
            out[position] = "0"
        elif LETTER_ABOVE < where < 1.3:
            out[position] = "O"
    return out
