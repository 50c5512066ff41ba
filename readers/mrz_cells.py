"""Where an MRZ band's lines and cells are: the ink rows of each line, and each
character cell's centre and pitch along it, tracked glyph by glyph (a photographed page
keeps some perspective, so cells are not cut on one straight grid).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from readers.mrz_band import MrzBand
from readers.numeric import median, median_along, percentile


@dataclass(frozen=True)
class Strip:
    """One line of the band: its ink rows and first/last ink columns."""

    top: int
    bottom: int
    left: int
    right: int


def _runs(flags: NDArray[np.bool_]) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def strips(ink: NDArray[np.bool_], band: MrzBand) -> list[Strip]:
    """Each line's ink rows near where the band's geometry puts it, and its ink ends."""
    h = band.char_height
    ys = band.line_ys
    gaps = [ys[k + 1] - ys[k] for k in range(len(ys) - 1)]
    half = min([0.95 * h, *[0.5 * g for g in gaps]])
    x0 = max(0, round(band.left - 0.6 * h))
    x1 = min(ink.shape[1], round(band.right + 0.6 * h))
    out: list[Strip] = []
    for y in ys:
        y0, y1 = max(0, round(y - half)), min(ink.shape[0], round(y + half))
        counts = ink[y0:y1, x0:x1].sum(axis=1)
        # Rows of the line hold ink all along it; a stamp's stroke across them does not.
        rows = counts > max(2, (x1 - x0) // 300, 0.12 * float(counts.max(initial=0)))
        runs = _runs(rows)
        if not runs:
            return []
        centre = y - y0
        top, bottom = min(runs, key=lambda r: 0 if r[0] <= centre < r[1] else abs(r[0] - centre))
        # Merge runs split by a faint row (a thin stroke across the line's middle).
        for r_top, r_bottom in runs:
            if r_top >= bottom and r_top - bottom <= 2:
                bottom = r_bottom
            if r_bottom <= top and top - r_bottom <= 2:
                top = r_top
        if bottom - top < 0.45 * h:
            return []
        out.append(Strip(y0 + top, y0 + bottom, x0, x1))
    return out


def line_pitch(cols: NDArray[np.float64], height: float) -> float:
    """The character pitch of a line: the strongest period of its column ink profile."""
    profile = cols - cols.mean()
    low, high = max(2, round(0.6 * height)), round(1.7 * height)
    if high >= profile.size // 2:
        return height
    scores = [float(np.dot(profile[:-lag], profile[lag:])) for lag in range(low, high + 1)]
    return float(low + int(np.argmax(scores)))


def _glyph_span(cols: NDArray[np.bool_], start: int, stop: int) -> tuple[int, int] | None:
    """The widest run of ink columns in ``[start, stop)`` (one-pixel gaps bridged)."""
    window = cols[max(0, start) : max(0, stop)].copy()
    if window.size == 0 or not window.any():
        return None
    gaps = ~window
    inner = gaps[1:-1] & window[:-2] & window[2:]
    window[1:-1] |= inner
    runs = _runs(window)
    a, b = max(runs, key=lambda r: r[1] - r[0])
    return max(0, start) + a, max(0, start) + b


def cell_span(cols: NDArray[np.bool_], centre: float, pitch: float) -> tuple[int, int] | None:
    """The glyph's ink columns near ``centre``: its run, grown to its own edges if the
    pitch window cut it, but never further than 0.8 pitch from the centre."""
    span = _glyph_span(cols, round(centre - 0.5 * pitch), round(centre + 0.5 * pitch))
    if span is None:
        return None
    a, b = span
    low, high = max(0, round(centre - 0.8 * pitch)), min(cols.size, round(centre + 0.8 * pitch))
    while a > low and cols[a - 1]:
        a -= 1
    while b < high and cols[b]:
        b += 1
    if (a == low and low > 0) or (b == high and high < cols.size):
        return span  # merged with a neighbour: keep the pitch window
    return a, b


def cut_part(cols: NDArray[np.bool_], centre: float, pitch: float) -> tuple[int, int] | None:
    """The glyph's whole ink columns when ``cell_span`` cut part of it away, else None.

    A faint glyph's two stems may be separate runs of ink columns (a U whose foot faded
    is two stems): ``cell_span`` keeps the wider, and the half left reads as another
    letter (U as J). A run wholly inside the pitch window beside the span is part of
    the same glyph (a neighbour's reaches the window's edge); the span grown over it
    is returned when it stays within a glyph's width.
    """
    span = cell_span(cols, centre, pitch)
    start, stop = max(0, round(centre - 0.5 * pitch)), min(cols.size, round(centre + 0.5 * pitch))
    if span is None or stop - start < 4:
        return None
    a, b = span
    for r_start, r_stop in _runs(cols[start:stop]):
        r_start, r_stop = r_start + start, r_stop + start
        inside = r_start > start and r_stop < stop
        if inside and (r_stop <= span[0] or r_start >= span[1]) and r_stop - r_start >= 2:
            a, b = min(a, r_start), max(b, r_stop)
    if (a, b) == span or b - a > 0.8 * pitch:
        return None
    return a, b


def cell_grid(
    cols: NDArray[np.bool_], left: float, right: float, width: int
) -> list[tuple[float, float]] | None:
    """Each cell's centre and pitch along a line, tracked glyph by glyph.

    A photographed page keeps some perspective after rectification (the pitch may
    shrink by a tenth from one end to the other), so the cells are not cut on one
    straight grid: from the first glyph, each next separate glyph (a run of ink columns
    of a glyph's width) is looked for one local pitch further, the local pitch updated
    from what is found; a smooth curve through the glyphs found places every cell.
    """
    pitch = (right - left) / (width - 0.35)
    if pitch <= 2:
        return None
    bridged = cols.copy()
    bridged[1:-1] |= cols[:-2] & cols[2:]
    centres = np.array(
        [(a + b) / 2 for a, b in _runs(bridged) if 0.3 * pitch <= b - a <= 0.95 * pitch],
        dtype=np.float64,
    )
    start = left + 0.33 * pitch
    near = centres[np.abs(centres - start) < 0.7 * pitch] if centres.size else centres
    if near.size:
        start = float(near[np.argmin(np.abs(near - start))])
    ks, found = [0], [start]
    local = pitch
    for k in range(1, width):
        guess = found[-1] + local * (k - ks[-1])
        if centres.size == 0:
            break
        nearest = int(np.argmin(np.abs(centres - guess)))
        if abs(centres[nearest] - guess) < 0.3 * local:
            step = (centres[nearest] - found[-1]) / (k - ks[-1])
            local = 0.6 * local + 0.4 * float(step)
            ks.append(k)
            found.append(float(centres[nearest]))
    k_all = np.arange(width, dtype=np.float64)
    if len(ks) >= max(6, width // 3):
        degree = 2 if len(ks) >= width // 2 else 1
        coeffs = np.polyfit(np.array(ks, dtype=np.float64), np.array(found), degree)
        where = np.polyval(coeffs, k_all)
        steps = np.polyval(np.polyder(coeffs), k_all)
    else:
        where = start + k_all * pitch
        steps = np.full(width, pitch)
    return [(float(c), float(p)) for c, p in zip(where, steps, strict=True)]


THIN = 0.11  # strokes narrower than this share of the glyph's height are thin print


def _stroke_width(ink: NDArray[np.bool_], strip: Strip) -> float:
    """The median width of the line's ink runs along its rows (a stroke's width)."""
    rows = ink[strip.top : strip.bottom, strip.left : strip.right].astype(np.int8)
    edges = np.diff(np.pad(rows, ((0, 0), (1, 1))), axis=1)
    starts, ends = np.nonzero(edges == 1)[1], np.nonzero(edges == -1)[1]
    return median(ends - starts) if starts.size else 0.0


def thickened(
    soft: NDArray[np.float64], ink: NDArray[np.bool_], strip: Strip, height: float
) -> NDArray[np.float64]:
    """The band's ink grown a pixel every way when its print is thin.

    Print thinner than the templates' thinnest variant (a printer's -1 px a side: a
    stroke a tenth of the glyph's height) matches every letter poorly, so clear names
    read as unsure (N at 0.59 with the next letter 0.2 behind); grown a pixel, each
    glyph keeps its shape and matches its own template as well as ordinary print.
    """
    if _stroke_width(ink, strip) > THIN * height:
        return soft
    padded = np.pad(soft, 1, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3))
    grown: NDArray[np.float64] = windows.max(axis=(2, 3))
    return grown


def _sliding(values: NDArray[np.float64], half: int, how: str) -> NDArray[np.float64]:
    """Each column's ``how`` (min or median) over the columns ``half`` either side."""
    padded = np.pad(values, half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1)
    out: NDArray[np.float64] = windows.min(axis=1) if how == "min" else median_along(windows, 1)
    return out


def _mean3(values: NDArray[np.uint8]) -> NDArray[np.float64]:
    """Each pixel the mean of its 3 x 3 neighbours (the edge repeated): the nine grey
    levels summed as integers, then divided by 9. The same floats as ``np.mean`` over a
    ``sliding_window_view`` (a sum of nine integers is exact in any order), at a
    twentieth of its time."""
    padded = np.pad(values.astype(np.int32), 1, mode="edge")
    height, width = values.shape
    total = np.zeros((height, width), dtype=np.int32)
    for dy in range(3):
        for dx in range(3):
            total += padded[dy : dy + height, dx : dx + width]
    mean: NDArray[np.float64] = total / 9
    return mean


Faded = tuple[int, NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]


FADED = 0.65  # print this much fainter than the line's own is thresholded locally
MIN_CONTRAST = 12.0  # grey levels between local ink and paper below which there is no ink
FADED_SPAN = 3.0  # characters' heights: the shortest washed-out stretch
LOCAL_SHARE = 0.3  # a faded pixel is ink this share of the way from paper to local ink


def faded_columns(values: NDArray[np.uint8], strip: Strip, height: float) -> Faded | None:
    """A line's washed-out stretch: its rows' first row, their 3x3 means, the level of
    ink in each column (``LOCAL_SHARE`` of the way from local paper to local ink) and
    which columns are faded; None when none is.

    Only columns whose local contrast falls below ``FADED`` of the line's change, over
    a stretch of characters (one fainter glyph is no stretch).
    """
    margin = max(1, round(0.25 * height))
    y0, y1 = max(0, strip.top - margin), min(values.shape[0], strip.bottom + margin)
    if y1 - y0 < 3:
        return None
    # A 3x3 mean first: noise and JPEG blocks would pass a low threshold pixel by pixel.
    rows = _mean3(values[y0:y1])
    half = max(2, round(0.5 * height))
    dark = _sliding(rows.min(axis=0), half, "min")
    paper = _sliding(median_along(rows, 0), half, "median")
    contrast = paper - dark
    line = percentile(contrast[strip.left : strip.right], 90) if strip.right > strip.left else 0.0
    low = contrast < FADED * line
    # A washed-out stretch spans characters; one fainter glyph (a thin 1 on a small
    # page) is no stretch, and thresholding it apart turns its neighbours' letters.
    faded = np.zeros_like(low)
    for a, b in _runs(low):
        if b - a >= FADED_SPAN * height:
            faded[a:b] = True
    faded &= contrast >= MIN_CONTRAST
    if not faded.any():
        return None
    return y0, rows, paper - LOCAL_SHARE * contrast, faded


def faded_ink(
    values: NDArray[np.uint8], ink: NDArray[np.bool_], strip: Strip, height: float
) -> NDArray[np.bool_]:
    """``ink`` with a line's washed-out stretch found again, half way from its local ink
    to its local paper (one threshold for the band loses print faded to a third); the
    rest of the line keeps ``ink`` as it was (``faded_columns``)."""
    return with_faded_ink(ink, faded_columns(values, strip, height))


def with_faded_ink(ink: NDArray[np.bool_], found: Faded | None) -> NDArray[np.bool_]:
    """``faded_ink`` of the washed-out stretch ``found`` (``faded_columns``)."""
    if found is None:
        return ink
    y0, rows, level, faded = found
    out = ink.copy()
    # Nearer paper than half way: a faded glyph's thin strokes (an N's diagonal) fade
    # more than its stems, and a glyph cut into its stems reads as another (N as J).
    local = rows <= level[None, :]
    out[y0 : y0 + rows.shape[0], faded] = local[:, faded]
    return out
