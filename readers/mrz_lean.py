"""How much a cut MRZ band's glyphs lean, at each end of its lines (``readers.mrz_band``).

The band is cut through a homography given by its outer lines' four ends. When one of
those ends is found off (a line's fit ran on into the booklet's edge beside it), the
band is cut sheared: its lines lie horizontal but its glyphs lean, more at the end that
is off, and the fixed-pitch cells cut across two glyphs each (phone_photo dev seeds 8,
45, 48: every field read wrong). Upright glyphs leave empty columns between them; the
lean is the shear that leaves the most.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from readers.numeric import median, percentile

# A line's inked pixels: their columns, their rows' distance from the line's centre.
_LineInk = tuple[NDArray[np.intp], NDArray[np.floating[Any]]]

LEAN_SHARE = 0.3  # of the lines' length: the stretch at each end the lean is measured on
SEARCH = 50  # degrees either way the shears are tried, in steps of COARSE then 1 about the best
COARSE = 2
MAX_LEAN = (
    40.0  # degrees: a lean further is no lean (a filler's one dark arm stands upright near 50)
)
# The lean's peak: this many degrees either side, the empty columns fall to this share
# of the peak's (a filler's lone arm gives a slope to the range's end, no peak).
PEAK_SIDE = 10.0
PEAK_FALL = 0.9
# A lean is taken only when this far from upright, with this many more empty columns
# than upright and than the mirror lean (a share of theirs, and at least MIN_GAIN columns).
MIN_LEAN = 4.0
GAIN_SHARE = 0.2
MIN_GAIN = 6


def _line_ink(
    ink: NDArray[np.bool_], line_ys: list[float], cols: tuple[int, int], height: float
) -> list[_LineInk]:
    """Each line's inked pixels within ``cols``: their columns, and their rows' distance
    from the line's centre (the same for every shear tried)."""
    found: list[_LineInk] = []
    for y in line_ys:
        r0, r1 = max(0, round(y - 0.5 * height)), min(ink.shape[0], round(y + 0.5 * height))
        ys, xs = np.nonzero(ink[r0:r1, cols[0] : cols[1]])
        if xs.size:
            found.append((xs, ys + r0 - y))
    return found


def _empty_columns(lines: list[_LineInk], t: float) -> int:
    """Columns free of ink between the first and last inked one, each line's rows sheared
    by ``t`` (columns per row) about its centre, summed over the lines (``_line_ink``)."""
    total = 0
    for xs, rows in lines:
        moved = np.round(xs + t * rows).astype(np.intp)
        profile = np.bincount(moved - moved.min())
        total += int((profile == 0).sum())
    return total


def _lean_at(
    ink: NDArray[np.bool_], line_ys: list[float], cols: tuple[int, int], height: float
) -> float:
    """The shear that stands the glyphs of ``cols`` upright, 0.0 when they stand so or
    their lean shows no clear peak."""
    seen: dict[float, int] = {}
    lines = _line_ink(ink, line_ys, cols, height)

    def count(degrees: float) -> int:
        if degrees not in seen:
            shear = math.tan(math.radians(degrees))
            seen[degrees] = _empty_columns(lines, shear)
        return seen[degrees]

    coarse = max(range(-SEARCH, SEARCH + 1, COARSE), key=lambda d: (count(float(d)), -abs(d)))
    best = max(
        (float(d) for d in range(coarse - COARSE + 1, coarse + COARSE)),
        key=lambda d: (count(d), -abs(d)),
    )
    peak = count(best)
    if abs(best) < MIN_LEAN or abs(best) > MAX_LEAN:
        return 0.0
    if max(count(best - PEAK_SIDE), count(best + PEAK_SIDE)) > PEAK_FALL * peak:
        return 0.0
    # Against upright and against the mirror lean.
    for other in (0.0, -best):
        if peak < count(other) + max(MIN_GAIN, GAIN_SHARE * count(other)):
            return 0.0
    return math.tan(math.radians(best))


def band_lean(
    band: Image.Image, line_ys: list[float], ends: tuple[float, float], height: float
) -> tuple[float, float]:
    """The lean of the glyphs at the lines' left and right ends, as the shear (columns
    per row, positive when their tops lean right) that stands them upright; 0.0 at an
    end whose glyphs stand upright or whose lean is not clear."""
    values = np.asarray(band, dtype=np.uint8)
    level = (percentile(values, 3) + median(values)) / 2
    ink = values <= level
    a, b = max(0, round(ends[0])), min(values.shape[1], round(ends[1]))
    reach = round(LEAN_SHARE * (b - a))
    if reach < 4 * height:
        return 0.0, 0.0
    return (
        _lean_at(ink, line_ys, (a, a + reach), height),
        _lean_at(ink, line_ys, (b - reach, b), height),
    )
