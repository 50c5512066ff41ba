"""Where a faint MRZ's lines really begin and end (``readers.mrz_read``).

The band of a faint page is found at the faint print's level, where the paper's noise
and the guilloche at a line's ends pass for ink too: the band's line ends may lie a
character or two outside the first and last glyphs, and a grid of cells laid from them
starts a cell early (the whole line read shifted: ``<P<UTO...``). In the cut band, at
the band's own ink level, the glyphs stand alone: the lines' outermost glyphs are their
ends.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray

from readers.mrz_cells import Faded, Strip, cell_span, faded_columns
from readers.numeric import median_along, percentile

END_SLACK = 0.4  # pitches: band ends this far from the glyphs' are moved to them
GLYPH_WIDTH = (0.15, 1.0)  # pitches: a run of ink columns this wide may be a glyph
GLYPH_RISE = 0.4  # and its ink spans this share of the line's height at least
MERGED = 0.85  # pitches: a span wider than any OCR-B glyph ran into its neighbours
FADED_PEAK = 0.6  # a glyph whose darkest is below this share of the band's is faded
# Share of a line's median glyph-like run's ink below which a run at the line's end is
# no glyph: a guilloche wave's fragments, thresholded as faded print in a phone photo's
# margin, held 0.06-0.16 (fresh 24000020). Real end glyphs held 0.35 or more (phone_photo,
# faint, low_res_270, clean, ocrb_thin dev 0-19: 194 lines), 0.62 or more on ten other
# kinds (dev 0-11: 240 lines).
WEAK_END = 0.25


def _runs(flags: NDArray[np.bool_]) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _glyph_runs(line: NDArray[np.bool_], pitch: float) -> list[tuple[int, int]]:
    """The runs of ink columns of a line's rows that are glyph-like: a glyph's width,
    their ink rising through much of the line (a speck or a wave's stroke does not)."""
    cols: NDArray[np.bool_] = np.asarray(line.any(axis=0), dtype=bool)
    cols[1:-1] |= cols[:-2] & cols[2:]
    out: list[tuple[int, int]] = []
    for a, b in _runs(cols):
        if not GLYPH_WIDTH[0] * pitch <= b - a <= GLYPH_WIDTH[1] * pitch:
            continue
        rows = np.flatnonzero(line[:, a:b].any(axis=1))
        if rows[-1] - rows[0] + 1 >= GLYPH_RISE * line.shape[0]:
            out.append((a, b))
    return out


EDGE_ROWS = 0.6  # share of the rows above, between and below the lines an edge inks each
EDGE_REACH = 2  # px either side of a run's columns an edge's ink is looked for (a slant)


def _is_edge(ink: NDArray[np.bool_], lines: list[Strip], run: tuple[int, int]) -> bool:
    """Whether a run of ink columns is an edge, not a glyph: its ink goes on above the
    first line, between the lines and below the last (a glyph's columns are paper there).
    The open booklet's page edge or cover rim beside a line, read as a letter, made a
    document code ``JP`` or a name's last letter (phone_photo dev seed 44, fresh
    10000071)."""
    a, b = max(0, run[0] - EDGE_REACH), run[1] + EDGE_REACH
    rows = np.asarray(ink[:, a:b].any(axis=1))
    zones = [rows[: lines[0].top], rows[lines[0].bottom : lines[-1].top]]
    zones.append(rows[lines[-1].bottom :])
    zones = [zone for zone in zones if zone.size >= 3]
    return len(zones) == 3 and all(float(zone.mean()) >= EDGE_ROWS for zone in zones)


def _strong_ends(line: NDArray[np.bool_], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``runs`` without the weak ones at either end (``WEAK_END``)."""
    if not runs:
        return runs
    mass = [int(line[:, a:b].sum()) for a, b in runs]
    floor = WEAK_END * float(np.median(mass))
    first = next((k for k, m in enumerate(mass) if m >= floor), len(runs))
    last = next((k for k in range(len(runs) - 1, -1, -1) if mass[k] >= floor), -1)
    return runs[first : last + 1]


def glyph_ends(
    ink: NDArray[np.bool_], lines: list[Strip], ends: tuple[float, float], pitch: float
) -> tuple[float, float]:
    """The band's line ends (``ends``), each moved to the outermost glyph of the lines
    when it lies more than ``END_SLACK`` pitch away from it (an edge is no glyph)."""
    firsts: list[int] = []
    lasts: list[int] = []
    for strip in lines:
        line = ink[strip.top : strip.bottom]
        runs = _strong_ends(
            line, [run for run in _glyph_runs(line, pitch) if not _is_edge(ink, lines, run)]
        )
        if runs:
            firsts.append(runs[0][0])
            lasts.append(runs[-1][1])
    if not firsts:
        return ends
    left, right = ends
    if abs(min(firsts) - left) > END_SLACK * pitch:
        left = float(min(firsts))
    if abs(max(lasts) - right) > END_SLACK * pitch:
        right = float(max(lasts))
    return left, right


WAVE_THICK = 0.15  # glyph heights: ink this thin across the gap between glyphs is a wave
WAVE_GAP = 0.2  # pitches either side of the gap's middle: no glyph's ink reaches there


def _wave_from(
    ink: NDArray[np.bool_], x: int, rows: tuple[int, int], step: int, reach: int
) -> list[tuple[int, int, int]]:
    """The wave crossing the gap at column ``x`` (its ``rows``), followed column by
    column ``step`` way up to the glyph's first stroke (a run of ink longer than the
    wave's across): each column's (x, top, bottom) of wave ink."""
    a, b = rows
    out: list[tuple[int, int, int]] = []
    misses = 0
    limit = ink.shape[1]
    xx = x
    while misses < 2 and 0 <= xx + step < limit and abs(xx + step - x) <= reach:
        xx += step
        runs = [r for r in _runs(ink[:, xx]) if r[0] <= b and r[1] >= a]
        if not runs:
            misses += 1
            continue
        misses = 0
        r0, r1 = min(runs, key=lambda r: abs(r[0] + r[1] - a - b))
        if r1 - r0 > b - a + 2:
            break  # a stroke of the glyph: the wave's ink beyond it is the glyph's business
        out.append((xx, r0, r1))
        a, b = r0, r1
    return out


def without_waves(
    values: NDArray[np.uint8],
    ink: NDArray[np.bool_],
    strip: Strip,
    grid: list[tuple[float, float]],
    height: float,
) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """``values`` and ``ink`` with the background's waves taken out between the glyphs
    of the line's washed-out stretch (``readers.mrz_cells.faded_columns``).

    There a guilloche's wave is as dark as the glyphs' strokes, and its ink in the gaps
    joins each glyph to its neighbours: the cell's span runs over them (an I between
    its neighbours read T). Glyphs stand apart, so thin ink across the gap between two
    is a wave: it is followed either way to the first stroke and painted over with the
    line's paper; a glyph's own strokes are left as they are."""
    return waves_out(values, ink, faded_columns(values, strip, height), grid, height)


def waves_out(
    values: NDArray[np.uint8],
    ink: NDArray[np.bool_],
    found: Faded | None,
    grid: list[tuple[float, float]],
    height: float,
) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """``without_waves`` of the line's washed-out stretch ``found`` (``faded_columns``)."""
    if found is None or len(grid) < 2:
        return values, ink
    y0, rows, _, faded = found
    y1 = y0 + rows.shape[0]
    band = ink[y0:y1]
    thick = max(2, round(WAVE_THICK * height))
    paper = median_along(rows, 0)
    out_values, out_ink = values.copy(), ink.copy()
    for left, right in itertools.pairwise(grid):
        x = round((left[0] + right[0]) / 2)
        if not 0 <= x < band.shape[1] or not faded[x]:
            continue
        for a, b in _runs(band[:, x]):
            if b - a > thick:
                continue
            reach = round(WAVE_GAP * (right[0] - left[0]))
            ahead = _wave_from(band, x, (a, b), 1, reach)
            wave = [(x, a, b), *_wave_from(band, x, (a, b), -1, reach), *ahead]
            for xx, r0, r1 in wave:
                out_ink[y0 + r0 : y0 + r1, xx] = False
                level = round(paper[xx])
                out_values[y0 + r0 : y0 + r1, xx] = np.maximum(
                    out_values[y0 + r0 : y0 + r1, xx], level
                )
    return out_values, out_ink


def crossed(
    cols: NDArray[np.bool_],
    cell: tuple[float, float],
    line: tuple[NDArray[np.float64], float],
    doubt: str,
) -> str:
    """A name letter's doubt, told apart when the cell (``cell``: its centre and pitch) is
    faded and its ink runs on into its neighbours' (``line``: the line's rows of the soft
    image, ink 1.0, and the band's darkest print).

    Washed-out print is no darker than the guilloche's waves: one ran through a faint I
    and its neighbours, read T. Tesseract sees the same ink and reads the same wrong
    letter, so its reading settles no such doubt (``readers.mrz_rivals.confirmed`` takes
    only the plain ``unsure``). Print as dark as the band's keeps the plain doubt."""
    span = cell_span(cols, *cell)
    if span is None or span[1] - span[0] <= MERGED * cell[1]:
        return doubt
    soft, peak = line
    own = soft[:, span[0] : span[1]]
    if own.size == 0 or percentile(own, 99) >= FADED_PEAK * peak:
        return doubt
    return doubt.replace(" unsure ", " joined to its neighbours' ink ", 1)
