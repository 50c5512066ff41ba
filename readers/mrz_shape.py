"""Look-alikes that a check digit cannot tell apart, told by the glyph's shape.

Some OCR-B look-alikes weigh the same modulo 10 in a check digit (digit 0 and letter
U: 0 and 30; P and F: 25 and 15), so when the templates barely prefer one, swapping it
for the other passes every check digit as well and the reading is refused. The shape
tells them apart whatever the print's weight: a 0 (or O) is closed at the top where a
U is open; a P's bowl inks the right edge of its upper part, an F's top bar only a
few rows of it; an N's diagonal leans where an H is mirror-symmetric.
Only a clear shape decides; a blurred or cut cell decides nothing. A glyph 5 to 8 px
high on the page is blurred over its gaps: there a stroke must be darker to show, and a
gap may hold more grey and still be one.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from readers.numeric import percentile

INK = 0.5  # a pixel this share of the cell's darkest is ink (the glyph's box)
SHOWN = 0.55  # a stroke this share of the darkest is there
ABSENT = 0.25  # and one below this share is not


def ink_box(cell: NDArray[np.float64], level: float = INK) -> tuple[int, int, int, int] | None:
    """The glyph's ink box (top, bottom, left, right) in ``cell`` (ink = 1.0): pixels
    ``level`` of its darkest and more."""
    peak = float(cell.max(initial=0.0))
    if peak <= 0.1:
        return None
    ink = cell >= level * peak
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    top, bottom, left, right = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    if bottom - top < 6 or right - left < 4:
        return None
    return top, bottom, left, right


def _region(
    cell: NDArray[np.float64], rows: tuple[float, float], cols: tuple[float, float]
) -> NDArray[np.float64] | None:
    """The part of the glyph's ink box at ``rows``, ``cols`` (shares of its height and
    width), or None when the cell holds no clear glyph."""
    box = ink_box(cell)
    if box is None:
        return None
    top, bottom, left, right = box
    height, width = bottom - top, right - left
    y0, y1 = top + round(rows[0] * height), top + max(1, round(rows[1] * height))
    x0, x1 = left + round(cols[0] * width), left + max(1, round(cols[1] * width))
    region = cell[y0:y1, x0:x1]
    return region if region.size else None


def _stroke(
    cell: NDArray[np.float64],
    rows: tuple[float, float],
    cols: tuple[float, float],
    levels: tuple[float, float] = (SHOWN, ABSENT),
) -> bool | None:
    """Whether the box's region (``rows``, ``cols`` as shares of its height and width)
    holds a stroke: True, False, or None when the shape is not clear (``levels``: the
    shares of the darkest from which a stroke is shown, and up to which it is absent)."""
    region = _region(cell, rows, cols)
    if region is None:
        return None
    share = float(region.max()) / float(cell.max())
    if share >= levels[0]:
        return True
    if share <= levels[1]:
        return False
    return None


def _bar(
    cell: NDArray[np.float64],
    rows: tuple[float, float],
    cols: tuple[float, float],
    level: float = SHOWN,
) -> bool:
    """Whether a bar crosses the box's region: every column of it holds a stroke (a
    bar's ends or a leg's foot alone do not: an R's leg, an A's feet, an N's stems)."""
    region = _region(cell, rows, cols)
    return region is not None and float(region.max(axis=0).min()) >= level * float(cell.max())


def _lean(cell: NDArray[np.float64]) -> float | None:
    """How much the glyph's inner ink leans like an N's diagonal (upper left to lower
    right) rather than the other way, as a share of its darkest: about 0 for a
    mirror-symmetric glyph (H), from about 0.6 up for an N even 5 px high."""
    box = ink_box(cell)
    if box is None:
        return None
    top, bottom, left, right = box
    glyph = cell[top:bottom, left:right]
    height, width = glyph.shape
    upper, lower = (
        slice(round(0.15 * height), round(0.4 * height)),
        slice(round(0.6 * height), round(0.85 * height)),
    )
    inner_left, inner_right = (
        slice(round(0.25 * width), round(0.5 * width)),
        slice(round(0.5 * width), round(0.75 * width)),
    )
    leaning = glyph[upper, inner_left].mean() + glyph[lower, inner_right].mean()
    against = glyph[upper, inner_right].mean() + glyph[lower, inner_left].mean()
    return float(leaning - against) / float(cell.max())


def _h_or_n(cell: NDArray[np.float64]) -> str | None:
    """H or N: an N's diagonal leans (``N_LEAN``); an H stands mirror-symmetric with its
    bar across the middle (a glyph whose middle is empty may be an N whose diagonal
    faded, and is not told)."""
    lean = _lean(cell)
    if lean is None:
        return None
    if lean >= N_LEAN:
        return "N"
    if lean <= H_LEAN and _bar(cell, (0.35, 0.65), (0.2, 0.8)):
        return "H"
    return None


def by_shape(
    cell: NDArray[np.float64], first: str, second: str, source_height: float = 0.0
) -> str | None:
    """Which of two look-alikes the cell's shape shows (None: the shape cannot tell).

    ``source_height`` is the glyphs' height on the page as received (0: not known): a
    P's bowl and an F's bar are a pixel apart in a glyph 5 or 6 px high, blurred into
    one grey edge that may show either, so a glyph that small is not told by it.
    """
    pair = {first, second}
    small = 0 < source_height < BOWL_MIN_HEIGHT
    if pair == {"P", "F"} and small:
        return None
    if pair == {"H", "N"}:
        return _h_or_n(cell)
    if pair == {"E", "F"}:
        # Only E's lower bar tells: its absence may be an E whose bar faded or fell
        # below the cell (faint print), never evidence of an F.
        level = SMALL_BAR if small else SHOWN
        return "E" if _bar(cell, (0.8, 1.0), (0.3, 0.8), level) else None
    if pair in ({"0", "U"}, {"O", "U"}):
        closed = _stroke(cell, (0.0, 0.18), (0.38, 0.62), SMALL_LEVELS if small else LEVELS)
        if closed is None:
            return None
        return (pair - {"U"}).pop() if closed else "U"
    for (shown, absent), region in _MARKS.items():
        if pair == {shown, absent}:
            mark = _stroke(cell, *region)
            return None if mark is None else (shown if mark else absent)
    if pair == {"P", "F"}:
        # The right edge of the top 38%: a P's bowl inks most of its rows, an F's
        # top bar only its own (however heavy the print).
        inked = _rows_inked(cell, 0.38, (0.8, 1.0))
        if inked is None:
            return None
        if inked >= BOWL:
            return "P"
        return "F" if inked <= BAR else None
    return None


# Pairs of letters told by one mark: (with it, without it) -> where it lies in the box
# (rows, columns as shares): R's leg at the lower right, where P has nothing; E's middle
# bar in the middle, where C is open; D's square top-left corner, where O is round;
# I's foot serif at the lower left, where T's stem stands alone; a 1's stem at the
# lower right (its flag points left), where T's stands in the middle; K's stem at the
# upper left, where a filler's chevron has nothing; and at its middle left, where an X's
# arms have left the edge.
_MARKS: dict[tuple[str, str], tuple[tuple[float, float], tuple[float, float]]] = {
    ("R", "P"): ((0.7, 0.95), (0.75, 1.0)),
    ("E", "C"): ((0.4, 0.6), (0.45, 0.75)),
    ("D", "O"): ((0.0, 0.1), (0.0, 0.12)),
    ("I", "T"): ((0.88, 1.0), (0.0, 0.2)),
    ("1", "T"): ((0.8, 1.0), (0.8, 1.0)),
    ("K", "<"): ((0.0, 0.25), (0.0, 0.15)),
    ("K", "X"): ((0.35, 0.65), (0.0, 0.15)),
}
# A letter read sure that is another with a stroke lost (faded, or blurred at 5-6 px): a K
# whose stem is gone fits X. It stands only when its shape shows the stroke is not there.
LOST_STROKE = {"X": "K"}
# (letter read, its rival): in OCR-B the letter read is its rival with a stroke lost. A
# wash takes ink, never adds it: a U whose left stem is washed out is a J, an E without its
# lower bar an F, a K without its stem an X, an I without its foot a T (its top serif
# is narrower than a T's bar: ``readers.mrz_lost``). A second reader looking at the
# same washed pixels sees the same stroke missing and settles nothing between the two;
# the other way (an E read where the rival is F) the stroke read is there to be seen.
# Ink a wave adds is the templates' "joined to its neighbours' ink" doubt.
STROKE_LOST = frozenset(
    (pair[0], pair[1])
    for pair in ("JU", "FE", "LE", "CG", "CO", "PR", "PB", "IT", "IL", "XK", "VW", "VY",
                 "NM", "OQ", "DB", "EB", "RB", "UW", "FP", "TI")
)  # fmt: skip
# (letter read, its rival) a faded glyph's shape tells only on the print as washed
# (``readers.mrz_lost``): an E's pale lower bar, a B's or R's pale lower right, an I's
# top serif and foot, an O's round corner. A band evened (``readers.mrz_light``) makes the
# pale strokes as dark as the rest and the glyph no longer faded: its letter read sure
# does not settle the doubt the band as cut raised.
WASHED_PAIRS = frozenset((("F", "E"), ("P", "B"), ("P", "R"), ("T", "I"), ("D", "O")))
BOWL_MIN_HEIGHT = 9.0  # px on the page: a glyph smaller than this shows no P or F by shape
LEVELS = (SHOWN, ABSENT)
# A glyph smaller than BOWL_MIN_HEIGHT: blur greys a gap (a U's open top at 5-6 px up to
# 0.4 of its darkest, an O's closed top from 0.8).
SMALL_LEVELS = (0.7, 0.45)
SMALL_BAR = 0.45  # an E's lower bar 5-6 px high: 0.5 and more of its darkest (an F's 0.2)
N_LEAN = 0.5  # an N's diagonal: 0.56 and up at 5-6 px, 1.4 on a clean page
H_LEAN = 0.35  # an H: at most 0.32 at 5-6 px
BOWL = 0.65  # share of the upper half's rows a P's bowl inks at the right edge
BAR = 0.45  # an F's top bar, heavy print and blur included


def _rows_inked(cell: NDArray[np.float64], depth: float, cols: tuple[float, float]) -> float | None:
    """The share of the box's top ``depth`` rows that hold a stroke within ``cols``."""
    region = _region(cell, (0.0, depth), cols)
    if region is None:
        return None
    return float((region.max(axis=1) >= SHOWN * float(cell.max())).mean())


FOOT_DEPTH = 0.15  # of the stem's height: an I's foot serif lies in its lowest rows
FOOT_LEVEL = 0.3  # a foot's pixel is ink from this share of the stem's darkest
FOOT_REACH = 0.08  # pitches: each side of the stem, an I's foot reaches this far at least


def _stem(window: NDArray[np.float64]) -> tuple[int, int] | None:
    """The columns of the window's darkest upright stroke, through its middle rows."""
    height = window.shape[0]
    middle = window[round(0.3 * height) : round(0.7 * height)]
    if middle.size == 0:
        return None
    profile = middle.mean(axis=0)
    centre = int(np.argmax(profile))
    if profile[centre] <= 0.0:
        return None
    stem = profile >= 0.5 * profile[centre]
    left, right = centre, centre + 1
    while left > 0 and stem[left - 1]:
        left -= 1
    while right < stem.size and stem[right]:
        right += 1
    return left, right


def runs_bridged(flags: NDArray[np.bool_], start: int, stop: int) -> tuple[int, int]:
    """The columns ink runs over from ``start:stop`` either way, one-pixel gaps bridged."""
    a, b = start, stop
    while a > 0 and (flags[a - 1] or (a > 1 and flags[a - 2])):
        a -= 1
    while b < flags.size and (flags[b] or (b + 1 < flags.size and flags[b + 1])):
        b += 1
    return a, b


def i_foot_shown(window: NDArray[np.float64], pitch: float) -> bool | None:
    """Whether the glyph in ``window`` (a cell's pitch-wide window, ink 1.0) has an I's
    foot: a serif on either side of its stem's foot. A washed-out L (its foot to the
    right only), E or J (its hook to the left) reads I, and the stem alone says nothing:
    the foot's ink, lighter than the stem's, is looked for at a low level. None when the
    window shows no stem."""
    found = _stem(window)
    if found is None:
        return None
    left, right = found
    peak = percentile(window[:, left:right], 95)
    rows = np.flatnonzero(window[:, left:right].max(axis=1) >= FOOT_LEVEL * peak)
    if peak <= 0.0 or rows.size == 0:
        return None
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    depth = max(2, round(FOOT_DEPTH * (bottom - top)))
    profile = np.convolve(window[bottom - depth : bottom].max(axis=0), np.ones(3) / 3, "same")
    a, b = runs_bridged(profile >= FOOT_LEVEL * peak, left, right)
    before, after = left - a, b - right
    return min(before, after) >= FOOT_REACH * pitch
