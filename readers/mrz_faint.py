"""Where a faint MRZ's lines really begin and end (``readers.mrz_read``).

The band of a faint page is found at the faint print's level, where the paper's noise
and the guilloche at a line's ends pass for ink too: the band's line ends may lie a
character or two outside the first and last glyphs, and a grid of cells laid from them
starts a cell early (the whole line read shifted: ``<P<UTO...``). In the cut band, at
the band's own ink level, the glyphs stand alone: the lines' outermost glyphs are their
ends.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from readers.mrz_cells import Strip, cell_span

END_SLACK = 0.4  # pitches: band ends this far from the glyphs' are moved to them
GLYPH_WIDTH = (0.15, 1.0)  # pitches: a run of ink columns this wide may be a glyph
GLYPH_RISE = 0.4  # and its ink spans this share of the line's height at least
MERGED = 0.85  # pitches: a span wider than any OCR-B glyph ran into its neighbours
FADED_PEAK = 0.6  # a glyph whose darkest is below this share of the band's is faded


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


def glyph_ends(
    ink: NDArray[np.bool_], lines: list[Strip], ends: tuple[float, float], pitch: float
) -> tuple[float, float]:
    """The band's line ends (``ends``), each moved to the outermost glyph of the lines
    when it lies more than ``END_SLACK`` pitch away from it."""
    firsts: list[int] = []
    lasts: list[int] = []
    for strip in lines:
        runs = _glyph_runs(ink[strip.top : strip.bottom], pitch)
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
    letter, so its reading settles no such doubt (``readers.mrz_rivals.confirms`` takes
    only the plain ``unsure``). Print as dark as the band's keeps the plain doubt."""
    span = cell_span(cols, *cell)
    if span is None or span[1] - span[0] <= MERGED * cell[1]:
        return doubt
    soft, peak = line
    own = soft[:, span[0] : span[1]]
    if own.size == 0 or float(np.percentile(own, 99)) >= FADED_PEAK * peak:
        return doubt
    return doubt.replace(" unsure ", " joined to its neighbours' ink ", 1)
