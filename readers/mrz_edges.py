"""The open booklet's edges beside a cut MRZ band, made paper (``readers.mrz_band``).

A photographed or scanned open booklet shows, beside the MRZ, the data page's edge, the
cover's rim and the table or the scanner's lid beyond. Read as glyphs, an edge made a
line a character too long (a document code read ``JP`` for ``P<``, a name gaining a
letter) or moved its end (the whole line read a cell off). Glyphs leave paper above,
between and below the lines; an edge is a dark vertical run through all of them.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from readers.numeric import median, percentile

EDGE_ROWS = 0.5  # share of the rows off the lines dark in a column that is an edge
EDGE_SLACK = 0.4  # character heights beyond the lines' ends before an edge is looked for
# Inside the lines' ends (a line found running on into the edge beside it): an edge is
# looked for this many character heights in from each end, greyer than the paper (half
# way from the ink's level) on this share of the rows above, between and below the lines
# each, with paper this far further in (a shadow's soft border has none so near).
INSIDE_REACH = 4.0
INSIDE_ROWS = 0.6
PAPER_AFTER = 0.5
PAPER_SHARE = 0.9  # the paper there: this share of the rows off the lines light


def _zones(rows: int, line_ys: list[float], height: float) -> list[NDArray[np.bool_]]:
    """The rows off the lines: above the first, between them, below the last."""
    index = np.arange(rows)
    off = np.all([np.abs(index - y) > 0.6 * height for y in line_ys], axis=0)
    return [
        off & (index < line_ys[0]),
        off & (index > line_ys[0]) & (index < line_ys[-1]),
        off & (index > line_ys[-1]),
    ]


def _inner_edge(
    grey: NDArray[np.bool_], light: NDArray[np.bool_], ends: tuple[float, float], height: float
) -> tuple[int | None, int | None]:
    """The innermost edge columns inside the lines' ends, from the left and the right
    (None: none): a column grey through every zone off the lines with paper just
    further in."""
    width = grey.size
    step = max(2, round(PAPER_AFTER * height))
    reach = round(INSIDE_REACH * height)
    left: int | None = None
    for col in range(max(0, round(ends[0])), min(width - step, round(ends[0]) + reach)):
        if grey[col] and light[col + step]:
            left = col
    right: int | None = None
    for col in range(min(width - 1, round(ends[1])), max(step - 1, round(ends[1]) - reach), -1):
        if grey[col] and light[col - step]:
            right = col
    return left, right


def without_edges(
    band: Image.Image, line_ys: list[float], ends: tuple[float, float], height: float
) -> Image.Image:
    """The band with an edge beside the lines and all beyond it made paper.

    Beyond the lines' ends, an edge is a column dark on half the rows off the lines.
    Inside them, within ``INSIDE_REACH`` of an end, a column grey through every zone
    off the lines with paper half a character height further in: the band's line was
    fitted running on into the edge (phone_photo fresh seed 10000071: ``IICP<NOR``).
    Elsewhere between the lines' ends nothing is changed (a stamp across the MRZ stays)."""
    values = np.asarray(band, dtype=np.uint8)
    level = (percentile(values, 3) + median(values)) / 2
    zones = _zones(values.shape[0], line_ys, height)
    off = zones[0] | zones[1] | zones[2]
    if off.sum() < height or not all(zone.any() for zone in zones):
        return band
    paper_level = median(values)
    soft = (level + paper_level) / 2
    dark = (values[off] <= level).mean(axis=0) >= EDGE_ROWS
    grey = np.all([(values[zone] <= soft).mean(axis=0) >= INSIDE_ROWS for zone in zones], axis=0)
    light = (values[off] > soft).mean(axis=0) >= PAPER_SHARE
    cols = np.arange(values.shape[1])
    left, right = ends[0] - EDGE_SLACK * height, ends[1] + EDGE_SLACK * height
    before = np.flatnonzero((dark | grey) & (cols < left))
    after = np.flatnonzero((dark | grey) & (cols > right))
    inner = _inner_edge(grey, light, ends, height)
    first = max([*before[-1:], *([inner[0]] if inner[0] is not None else [])], default=None)
    last = min([*after[:1], *([inner[1]] if inner[1] is not None else [])], default=None)
    if first is None and last is None:
        return band
    out = values.copy()
    paper = np.uint8(min(255.0, percentile(values, 75)))
    if first is not None:
        out[:, : first + 3] = paper
    if last is not None:
        out[:, max(0, last - 2) :] = paper
    return Image.fromarray(out, "L")


def beyond_ends(
    band: Image.Image, ends: tuple[float, float], height: float, sides: tuple[bool, bool]
) -> Image.Image:
    """The band made paper beyond the lines' ends (``EDGE_SLACK`` character heights out)
    on the ``sides`` (left, right) where the ends are known to be the glyphs' own: where
    a leaning band was stood upright, one line's end found there lay in the booklet's
    edge and the other's on its first glyph (``readers.mrz_band``). The edge, a thin
    leaning line that may stop short of the band's foot, is no column dark through the
    rows off the lines, as ``without_edges`` looks for."""
    values = np.asarray(band, dtype=np.uint8)
    out = values.copy()
    paper = np.uint8(min(255.0, percentile(values, 75)))
    if sides[0]:
        out[:, : max(0, round(ends[0] - EDGE_SLACK * height))] = paper
    if sides[1]:
        out[:, round(ends[1] + EDGE_SLACK * height) :] = paper
    return Image.fromarray(out, "L")


SOLID_SHARE = 0.4  # of a line's length: a run of ink columns this long is a bar, not glyphs


def solid_line(
    band: Image.Image, line_ys: list[float], ends: tuple[float, float], height: float
) -> int | None:
    """The outer line of three that is a bar, not print (None: none is): the booklet's
    edge or the page's shadow under the MRZ, as long as its lines, taken as a TD1's third
    line (phone_photo dev seeds 18, 29). Glyphs leave paper between them; along a bar
    the ink runs on unbroken for much of the line."""
    if len(line_ys) != 3:
        return None
    values = np.asarray(band, dtype=np.uint8)
    level = (percentile(values, 3) + median(values)) / 2
    a, b = max(0, round(ends[0])), min(values.shape[1], round(ends[1]))
    for index in (0, len(line_ys) - 1):
        y = line_ys[index]
        rows = values[max(0, round(y - 0.3 * height)) : round(y + 0.3 * height) + 1, a:b]
        if rows.size == 0:
            continue
        cols = np.concatenate(([False], (rows <= level).any(axis=0), [False])).astype(np.int8)
        edges = np.flatnonzero(np.diff(cols))
        longest = int((edges[1::2] - edges[::2]).max(initial=0))
        if longest >= SOLID_SHARE * (b - a):
            return index
    return None
