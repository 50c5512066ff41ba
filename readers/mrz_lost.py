"""A faint name letter read sure that may be a fuller letter with a stroke washed out.

In OCR-B some letters are others with a stroke fewer: an F is an E without its lower
bar, a P a B or an R without its lower half's right side, an L an E without its upper
bars, a T an I without its foot, a C an O without its right side, a J a U without its
left stem. On a washed-out page the templates may read the fuller letter's glyph as
the letter with the stroke fewer, sure of it: the stroke is paler than the rest, or
the line's rows, found on the glyph's darker part, cut it away (faint report seed
13000034: KEMAL's E, its lower bar below the rows, read F sure and KFMAL accepted).
Where the missing stroke would lie, the letter read has clean paper; a stroke there,
however pale, is ink the letter read does not have. The same wash makes an O whose left
side is darker than its right read D: where a D's stem meets its bars in square
corners, the O is round.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from readers.mrz_shape import ink_box, runs_bridged
from readers.numeric import percentile

# (letter read, the fuller letter) -> where the fuller letter's extra stroke lies in the
# glyph's ink box (rows, columns as shares of its height and width), where the letter
# read is paper, and from what share of the glyph's darkest ink there is that stroke:
# E's lower bar right of an F's stem foot; B's lower bowl or R's leg at a P's lower
# right. On faint dev seeds 0-99 a sure F's region holds at most 0.2 of its darkest (a
# wave's edge), a P's 0.25; an E read F 0.29 to 0.82, an R read P 0.29 to 0.5.
# Other pairs of ``readers.mrz_shape.STROKE_LOST`` are not told so: a sure T's foot
# corners hold up to 0.62 (waves), an I read T 0.33 (T and I are told by the top bar's
# width and the foot's shape: ``i_shown``); an L's top right 0.41, an E read L 0.06; a
# C's open side 0.49, an O read C 0.18.
GHOST_REGIONS: dict[tuple[str, str], tuple[tuple[float, float], tuple[float, float], float]] = {
    ("F", "E"): ((0.85, 1.0), (0.45, 0.9), 0.25),
    ("P", "B"): ((0.7, 0.9), (0.8, 1.0), 0.28),
    ("P", "R"): ((0.7, 0.9), (0.8, 1.0), 0.28),
}
BOX_LEVEL = 0.25  # of the glyph's darkest: the faint level its stem's ends are found at
STROKE_LEVEL = 0.5  # and its strokes' columns (paper and waves beside it stay below)
FAINT_PEAK = 0.6  # a glyph whose darkest is below this share of the band's is faded
REACH = 0.33  # of the line's height: the window reaches this far above and below its rows


def _runs_around(flags: NDArray[np.bool_], start: int, stop: int) -> tuple[int, int] | None:
    """The run of True in ``flags`` that overlaps ``start:stop`` widest, grown outward."""
    inside = np.flatnonzero(flags[start:stop])
    if inside.size == 0:
        return None
    a, b = start + int(inside[0]), start + int(inside[-1]) + 1
    while a > 0 and flags[a - 1]:
        a -= 1
    while b < flags.size and flags[b]:
        b += 1
    return a, b


def _stem(glyph: NDArray[np.float64]) -> tuple[int, int]:
    """The columns of the glyph's darkest upright stroke (half its darkest column's mean
    and more, around it) through the middle of the line's rows."""
    height = glyph.shape[0]
    profile = glyph[round(0.25 * height) : round(0.75 * height)].mean(axis=0)
    centre = int(np.argmax(profile))
    found = _runs_around(profile >= 0.5 * profile[centre], centre, centre + 1)
    return found if found is not None else (centre, centre + 1)


def faint_box(
    window: NDArray[np.float64], rows: tuple[int, int], cols: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """The glyph's ink box (top, bottom, left, right) in ``window`` (its pitch-wide window
    reaching above and below the line's rows, ink 1.0 at the glyph's darkest) at the
    faint level: its columns those of its strokes joined to the cell's span ``cols``, its
    rows those of its stem (its darkest upright stroke) joined to the line's ``rows``
    at the faint level (a washed foot or one below the rows is the stem's still): a
    wave crossing the window below or beside the glyph stretches no box. None when no
    glyph."""
    strokes = window[rows[0] : rows[1]] >= STROKE_LEVEL
    across = _runs_around(np.asarray(strokes.any(axis=0), dtype=bool), *cols)
    if across is None:
        return None
    stem = _stem(window[rows[0] : rows[1], across[0] : across[1]])
    columns = window[:, across[0] + stem[0] : across[0] + stem[1]] >= BOX_LEVEL
    down = _runs_around(np.asarray(columns.any(axis=1), dtype=bool), *rows)
    if down is None:
        return None
    top, bottom = down
    if bottom - top < 6 or across[1] - across[0] < 4:
        return None
    return top, bottom, across[0], across[1]


def ghost_level(
    window: NDArray[np.float64], rows: tuple[int, int], cols: tuple[int, int], pair: tuple[str, str]
) -> float | None:
    """How dark the fuller letter's extra stroke (``GHOST_REGIONS[pair]``) is in the
    glyph's faint ink box, as a share of the glyph's darkest (``window`` as in
    ``faint_box``); None when the pair has no region or the window holds no glyph."""
    region = GHOST_REGIONS.get(pair)
    box = faint_box(window, rows, cols)
    if region is None or box is None:
        return None
    top, bottom, left, right = box
    height, width = bottom - top, right - left
    (r0, r1), (c0, c1), _ = region
    y0, y1 = top + round(r0 * height), top + max(1, round(r1 * height))
    x0, x1 = left + round(c0 * width), left + max(1, round(c1 * width))
    part = window[y0:y1, x0:x1]
    return float(part.max()) if part.size else None


def washed_stroke(
    window: NDArray[np.float64], rows: tuple[int, int], cols: tuple[int, int], read: str
) -> str | None:
    """The fuller letter whose extra stroke shows, pale or cut by the line's rows, where
    the letter ``read`` has paper (``GHOST_REGIONS``); None when none does."""
    for (letter, fuller), (_, _, shown) in GHOST_REGIONS.items():
        if letter != read:
            continue
        level = ghost_level(window, rows, cols, (letter, fuller))
        if level is not None and level >= shown:
            return fuller
    return None


def smoothed(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each pixel the mean of its 3 x 3 neighbours: a stroke keeps its level, a speck of
    scanner noise does not."""
    padded = np.pad(values, 1, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3))
    mean: NDArray[np.float64] = windows.mean(axis=(2, 3))
    return mean


def glyph_window(
    soft: NDArray[np.float64],
    rows: tuple[int, int],
    cell: tuple[float, float, tuple[int, int]],
    band_peak: float,
    half: float = 0.5,
) -> tuple[NDArray[np.float64], tuple[int, int], tuple[int, int]] | None:
    """A faded glyph's pitch-wide window of the soft image (ink 1.0; ``half`` a pitch
    each side of the cell's centre), reaching ``REACH`` of the line's height above and
    below its ``rows``, smoothed and raised to the glyph's own darkest, with the line's
    rows and the cell's span within it; None when the print is as dark as the band's
    (``FAINT_PEAK``: nothing washed out)."""
    centre, pitch, span = cell
    top, bottom = rows
    own = soft[top:bottom, span[0] : span[1]]
    peak = percentile(own, 99) if own.size else 0.0
    if not 0.05 < peak < FAINT_PEAK * band_peak:
        return None
    reach = round(REACH * (bottom - top))
    y0, y1 = max(0, top - reach), min(soft.shape[0], bottom + reach)
    x0 = max(0, min(span[0], round(centre - half * pitch)))
    x1 = min(soft.shape[1], max(span[1], round(centre + half * pitch)))
    window = smoothed(np.clip(soft[y0:y1, x0:x1] / peak, 0.0, 1.0))
    return window, (top - y0, bottom - y0), (span[0] - x0, span[1] - x0)


def washed_letter(
    soft: NDArray[np.float64],
    rows: tuple[int, int],
    cell: tuple[float, float, tuple[int, int]],
    band_peak: float,
    read: str,
) -> str | None:
    """The fuller letter a faded glyph read ``read`` may be (``washed_stroke``) in its
    window (``glyph_window``), the I a faded T may be (``i_shown``), or the O a faded D
    with a round corner may be (``left_corners``); None when its print is not faded or
    shows no such stroke."""
    if read == "T":
        return "I" if i_shown(soft, rows, cell, band_peak) else None
    found = glyph_window(soft, rows, cell, band_peak)
    if found is None:
        return None
    if read == "D":
        span = cell[2]
        corners = left_corners(soft[rows[0] : rows[1], span[0] : span[1]])
        return "O" if corners is not None and corners < D_CORNERS else None
    return washed_stroke(*found, read)


# A T read sure that may be an I. In OCR-B a T's top bar is a quarter wider than an I's
# top serif, and an I has a foot, a bar as wide as its top serif centred on the stem's
# foot, that a T has not. A washed I whose foot is pale or cut by the line's rows reads
# T (faint fresh seed 17000028: KOFI read KOFT). A guilloche wave under a T is a line
# across the whole cell and on into the gaps beside it; an I's foot stops short of them.
TOP_ROWS = 0.2  # of the glyph's height: a T's bar or an I's serif lies in its top rows
TOP_LEVEL = 0.5  # of those rows' own darkest: the bar's ends (half-darkness width)
T_BAR = 0.49  # pitches: a T's top bar is this wide and more (faint dev 0-199, sure T in
# faded cells: 0.51 and more but one 0.48), an I's top serif narrower (I read T: 0.31 to
# 0.38; fresh seed 17000028's 0.47; 143 I read I: 0.47 and less but three, 0.49-0.53)
FOOT_HALF = 0.2  # pitches: an I's foot reaches this far each side of its stem's centre
GAP = (0.42, 0.55)  # pitches from the stem's centre: the gap between two glyphs
FOOT_ROWS = (0.2, REACH)  # of the line's height: an I's foot is looked for from this far
# above the line's lowest row to this far below it (a washed foot cut off by the rows)
I_FOOT = 0.15  # a row's ink across the foot this much darker than in the gaps beside it
# is an I's foot (faint dev 0-199: a sure T at most 0.04, waves included; an I read T
# 0.04 to 0.39, fresh seed 17000028's 0.51; I read I: 0.15 and more but three)
WIDE = 0.7  # pitches each side of the cell's centre: its window with the gaps beside it


def _stem_in(
    window: NDArray[np.float64], rows: tuple[int, int], cols: tuple[int, int], pitch: float
) -> tuple[int, int, int] | None:
    """The glyph's top row and its stem's columns (left, right) in ``window`` (wide, as
    ``glyph_window``), found in the cell's pitch-wide part; None when no glyph."""
    centre = 0.5 * (cols[0] + cols[1])
    x0 = max(0, min(cols[0], round(centre - 0.5 * pitch)))
    x1 = min(window.shape[1], max(cols[1], round(centre + 0.5 * pitch)))
    box = faint_box(window[:, x0:x1], rows, (cols[0] - x0, cols[1] - x0))
    if box is None:
        return None
    top, _, left, right = box
    stem = _stem(window[rows[0] : rows[1], x0 + left : x0 + right])
    return top, x0 + left + stem[0], x0 + left + stem[1]


def top_width(
    window: NDArray[np.float64], rows: tuple[int, int], cols: tuple[int, int], pitch: float
) -> float | None:
    """The width of the glyph's top bar or serif in pitches: the run around its stem, in
    its top rows, half as dark as those rows' darkest and more (``window`` as in
    ``glyph_window``, wide); None when no glyph."""
    found = _stem_in(window, rows, cols, pitch)
    if found is None:
        return None
    top, left, right = found
    height = rows[1] - top
    profile = window[top : top + max(2, round(TOP_ROWS * height))].max(axis=0)
    centre = 0.5 * (left + right)
    near = profile[max(0, round(centre - 0.6 * pitch)) : round(centre + 0.6 * pitch)]
    a, b = runs_bridged(profile >= TOP_LEVEL * float(near.max(initial=0.0)), left, right)
    return (b - a) / pitch


def foot_bar(
    window: NDArray[np.float64], rows: tuple[int, int], cols: tuple[int, int], pitch: float
) -> float | None:
    """How much darker than the gaps beside the glyph an I's foot is (``window`` as in
    ``glyph_window``, wide): over the rows about the line's lowest, the most any row's
    faintest ink across ``FOOT_HALF`` each side of the stem's centre exceeds its darkest
    in the gaps (``GAP``). A wave crosses the gaps as well: about 0. None when no glyph."""
    found = _stem_in(window, rows, cols, pitch)
    if found is None:
        return None
    _, left, right = found
    centre, height = 0.5 * (left + right), rows[1] - rows[0]
    a, b = round(centre - FOOT_HALF * pitch), round(centre + FOOT_HALF * pitch) + 1
    gaps = [
        (round(centre - GAP[1] * pitch), round(centre - GAP[0] * pitch) + 1),
        (round(centre + GAP[0] * pitch), round(centre + GAP[1] * pitch) + 1),
    ]
    if a < 0 or b > window.shape[1]:
        return None
    y0 = max(0, rows[1] - round(FOOT_ROWS[0] * height))
    y1 = min(window.shape[0], rows[1] + round(FOOT_ROWS[1] * height))
    part = window[y0:y1]
    across = part[:, a:b].min(axis=1)
    beside = np.max(
        [part[:, max(0, g0) : max(0, g1)].max(axis=1, initial=0.0) for g0, g1 in gaps], axis=0
    )
    return float((across - beside).max(initial=0.0))


def i_shown(
    soft: NDArray[np.float64],
    rows: tuple[int, int],
    cell: tuple[float, float, tuple[int, int]],
    band_peak: float,
) -> bool:
    """Whether a faded glyph read T shows an I: its top narrower than a T's bar
    (``T_BAR``) or an I's foot below its stem (``I_FOOT``)."""
    found = glyph_window(soft, rows, cell, band_peak, WIDE)
    if found is None:
        return False
    window, inside, cols = found
    pitch = cell[1]
    width = top_width(window, inside, cols, pitch)
    foot = foot_bar(window, inside, cols, pitch)
    return (width is not None and width < T_BAR) or (foot is not None and foot >= I_FOOT)


# A D read sure that may be an O. In OCR-B a D's stem meets its top and its foot in square
# corners at the left; an O is round there, paper at its box's corners. A washed O whose
# left side is darker than its right reads D (faint fresh seed 17000027: OCONNOR read
# DCONNOR, a wave across its top making one corner, the other round).
CORNER = (0.1, 0.12)  # of the glyph's box height and width: its top and bottom left corners
D_CORNERS = 0.3  # a D's two corners both hold this share of the glyph's darkest and more
# (faint dev 0-199, sure D in faded cells: 0.44 and more, but one 0.0, its foot's corner
# washed round; an O read D 0.1; an O read O 0.33 at most)


def left_corners(cell: NDArray[np.float64]) -> float | None:
    """The ink of the glyph's paler left corner, top or bottom, as a share of its darkest,
    in its ink box (``readers.mrz_shape.ink_box``) in ``cell`` (the line's rows and the
    cell's span); None when no glyph."""
    box = ink_box(cell)
    if box is None:
        return None
    top, bottom, left, right = box
    deep = max(1, round(CORNER[0] * (bottom - top)))
    wide = left + max(1, round(CORNER[1] * (right - left)))
    upper = cell[top : top + deep, left:wide]
    lower = cell[bottom - deep : bottom, left:wide]
    return float(min(upper.max(), lower.max())) / float(cell.max())
