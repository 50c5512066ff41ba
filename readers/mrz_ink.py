"""Ink on a page and its text lines: steps 1-3 of finding the MRZ (``readers.mrz_band``).

1. Ink, colour-aware: a pixel is as dark as its brightest channel plus its chroma, so
   black print stays black and a red, blue, violet or green stamp fades to paper.
2. Ink against its surroundings (a black top-hat: grey-level closing minus the image),
   so a dark table around a photographed booklet, a photo or a shadow is not ink.
3. Letters joined along rows (and, for a page turned a quarter, along columns); each
   connected stretch long and thin enough is a text line, fitted with a straight centre
   line (its own angle: perspective tilts the two MRZ lines differently).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from readers.images import otsu
from readers.numeric import distinct, median, percentile

BoolArray = NDArray[np.bool_]


def ink_gray(image: Image.Image) -> Image.Image:
    """Grey where only black print is dark: brightest channel plus chroma (coloured fades)."""
    if image.mode in ("1", "L", "I;16", "I", "F", "P", "LA"):
        values = np.asarray(image.convert("L"), dtype=np.int16)
    else:
        # Channel by channel: numpy's max over a last axis of 3 is five times slower.
        rgb = np.asarray(image.convert("RGB"))
        red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
        high = np.maximum(np.maximum(red, green), blue).astype(np.int16)
        low = np.minimum(np.minimum(red, green), blue).astype(np.int16)
        values = high + 2 * (high - low)
    values = np.clip(values, 0, 255)
    if median(values[::7, ::7]) < 100 and not _shows_light_paper(values):
        values = 255 - values  # a page decoded negative: paper is light
    return Image.fromarray(values.astype(np.uint8))


NEGATIVE_SIDE = 600  # px: the copy on which a light page is looked for
PAGE_CORE = 9  # px of that copy: a light region this thick is paper, never print
PAGE_SHARE = 0.03  # of that copy: the least light paper a dark picture holds to be a photo


def _shows_light_paper(values: NDArray[np.int16]) -> bool:
    """Whether a mostly dark picture holds a light page (a booklet photographed on a dark
    desk, a page shown on a dark screen) rather than being a negative, where only the thin
    print is light. Inverted, the photographed booklet's MRZ lines ran together over the
    paper between them (phone photos on a dark desk, dev seeds: no band found)."""
    scale = NEGATIVE_SIDE / max(values.shape)
    picture = Image.fromarray(values.astype(np.uint8))
    if scale < 1.0:
        size = (max(1, round(values.shape[1] * scale)), max(1, round(values.shape[0] * scale)))
        picture = picture.resize(size, Image.Resampling.BOX)
    light = np.where(np.asarray(picture) > 128, 255, 0).astype(np.int16)
    for axis in (0, 1):
        light = slide(light, PAGE_CORE, axis, take_max=False)  # eroded: print thins away
    return float((light > 0).mean()) >= PAGE_SHARE


def slide(values: NDArray[np.int16], size: int, axis: int, take_max: bool) -> NDArray[np.int16]:
    """Running max (or min) over ``size`` neighbours along ``axis`` (edges padded).

    By doubling: after each step an entry holds the max of ``width`` neighbours from it on
    (1, 2, 4 …), the last step joins two overlapping spans to ``2 * (size // 2) + 1``: a
    few passes over slices instead of one per neighbour, the same values."""
    half = size // 2
    pad = [(0, 0), (0, 0)]
    pad[axis] = (half, half)
    out = np.pad(values, pad, mode="edge")
    pick = np.maximum if take_max else np.minimum
    window = 2 * half + 1
    width = 1
    while width < window:
        step = min(width, window - width)
        out = pick(_span(out, 0, step, axis), _span(out, step, 0, axis))
        width += step
    return out


def _span(values: NDArray[np.int16], start: int, cut: int, axis: int) -> NDArray[np.int16]:
    """``values`` along ``axis`` from ``start``, ``cut`` entries short of its end."""
    end = values.shape[axis] - cut
    return values[start:end] if axis == 0 else values[:, start:end]


def top_hat(gray: Image.Image, size: int = 7) -> NDArray[np.uint8]:
    """How much darker each pixel is than its surroundings (black top-hat)."""
    values = np.asarray(gray, dtype=np.int16)
    closed = values
    for axis in (0, 1):
        closed = slide(closed, size, axis, take_max=True)
    for axis in (0, 1):
        closed = slide(closed, size, axis, take_max=False)
    hat: NDArray[np.uint8] = np.clip(closed - values, 0, 255).astype(np.uint8)
    return hat


def ink_mask(gray: Image.Image, size: int = 7, level: int | None = None) -> BoolArray:
    """Pixels darker than their surroundings by a clear margin (black top-hat, Otsu),
    or by ``level`` when given (faint print: a dark photo lifts Otsu above it)."""
    return mask_of(top_hat(gray, size), level)


def mask_of(hat: NDArray[np.uint8], level: int | None = None) -> BoolArray:
    """``ink_mask`` of a top-hat already computed (one top-hat serves both levels)."""
    if level is None:
        level = max(40, otsu(hat[hat > 15]))
    mask: BoolArray = hat > level
    return mask


def _smear(mask: BoolArray, reach: int) -> BoolArray:
    """Each ink pixel spread ``reach`` pixels along the rows (joins a line's letters)."""
    csum = np.cumsum(np.pad(mask.astype(np.int32), ((0, 0), (reach + 1, reach))), axis=1)
    out: BoolArray = (csum[:, 2 * reach + 1 :] - csum[:, : -2 * reach - 1]) > 0
    return out


# --------------------------------------------------------------------------- components


def _components(mask: BoolArray, min_width: int) -> list[list[tuple[int, int, int]]]:
    """Connected stretches of ``mask`` as lists of row runs (row, start, end).

    Only runs at least ``min_width`` long take part: a text line's runs are long once
    smeared, so short marks never join it.
    """
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    rows_s, cols_s = np.nonzero(edges == 1)
    _rows_e, cols_e = np.nonzero(edges == -1)
    keep = (cols_e - cols_s) >= min_width
    runs = list(
        zip(rows_s[keep].tolist(), cols_s[keep].tolist(), cols_e[keep].tolist(), strict=True)
    )
    parent = list(range(len(runs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[int] = []
    current: list[int] = []
    row = -2
    for index, (y, start, end) in enumerate(runs):
        if y != row:
            previous = current if y == row + 1 else []
            current = []
            row = y
        for other in previous:
            _, o_start, o_end = runs[other]
            if o_start < end and start < o_end:
                a, b = find(index), find(other)
                if a != b:
                    parent[a] = b
        current.append(index)
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for index, run in enumerate(runs):
        groups.setdefault(find(index), []).append(run)
    return list(groups.values())


@dataclass(frozen=True)
class LineFit:
    """A text line in mask coordinates: centre ``y = slope * x + offset`` from x0 to x1."""

    slope: float
    offset: float
    x0: float
    x1: float
    height: float

    def y(self, x: float) -> float:
        return self.slope * x + self.offset

    @property
    def length(self) -> float:
        return (self.x1 - self.x0) * math.hypot(1.0, self.slope)

    @property
    def middle(self) -> float:
        return self.y((self.x0 + self.x1) / 2)


def _fit(runs: list[tuple[int, int, int]], ink: BoolArray) -> LineFit | None:
    xs_parts: list[NDArray[np.intp]] = []
    ys_parts: list[NDArray[np.intp]] = []
    for y, start, end in runs:
        cols = np.flatnonzero(ink[y, start:end]) + start
        xs_parts.append(cols)
        ys_parts.append(np.full(cols.size, y))
    xs = np.concatenate(xs_parts).astype(np.float64)
    ys = np.concatenate(ys_parts).astype(np.float64)
    if xs.size < 50:
        return None
    slope, offset = np.polyfit(xs, ys, 1)
    residual = ys - (slope * xs + offset)
    spread = percentile(np.abs(residual), 90)
    close = np.abs(residual) <= max(2.0, 1.5 * spread)
    if close.sum() >= 50:
        slope, offset = np.polyfit(xs[close], ys[close], 1)
        residual = ys[close] - (slope * xs[close] + offset)
        xs = xs[close]
    height = percentile(residual, 99) - percentile(residual, 1) + 1.0
    xs = _without_crossings(xs, float(slope), float(offset), height, ink)
    if xs.size < 2:
        return None
    cols = np.bincount((xs - xs.min()).astype(np.intp))
    solid = np.flatnonzero(cols >= 2) + xs.min()
    if solid.size < 2:
        return None
    return LineFit(float(slope), float(offset), float(solid[0]), float(solid[-1] + 1), height)


CROSSING_REACH = 4.5  # line heights above or below a line a crossing's ink runs on
CROSSING_INK = 0.9  # share of those rows in ink: a rule or an edge, never a letter
CROSSING_LEAN = 0.07  # columns per row an edge may lean off the line's normal (4 degrees)


def _crossing(ink: BoolArray, x: int, y: float, slope: float, height: float) -> bool:
    """Whether column ``x`` of a line at row ``y`` is crossed by ink that runs on well
    above or below the line, across its neighbours' rows: a booklet's cover edge, the
    page's edge or a rule, never a letter (the gaps between text lines are paper). The
    edge may lean against the line's normal (perspective): a few degrees are allowed."""
    reach, gap = round(CROSSING_REACH * height), round(height)
    for offsets in (np.arange(-reach, -gap), np.arange(gap + 1, reach + 1)):
        rows = np.round(y + offsets).astype(np.intp)
        inside = (rows >= 0) & (rows < ink.shape[0])
        if inside.sum() < 0.8 * offsets.size:
            continue
        rows, offsets = rows[inside], offsets[inside]
        centre = x - slope * offsets  # across the line, not down the page
        lean = 1 + CROSSING_LEAN * np.abs(offsets)
        low = np.clip(np.round(centre - lean), 0, ink.shape[1]).astype(np.intp)
        high = np.clip(np.round(centre + lean) + 1, 0, ink.shape[1]).astype(np.intp)
        sums = np.cumsum(np.pad(ink[rows], ((0, 0), (1, 0))), axis=1)
        index = np.arange(rows.size)
        hit = sums[index, high] - sums[index, low] > 0
        if float(hit.mean()) >= CROSSING_INK:
            return True
    return False


def _without_crossings(
    xs: NDArray[np.float64], slope: float, offset: float, height: float, ink: BoolArray
) -> NDArray[np.float64]:
    """A line's ink columns without the crossings at its ends: an MRZ that runs up to the
    booklet's dark cover edge was cut with the edge in it, read as a first letter 'I'
    (phone photos and A4 scans of the open booklet, 100 dev seeds each: accepted
    36 -> 46 and 68 -> 81, with the band's margin cleared in ``mrz_edges.without_edges``)."""
    columns = distinct(xs.astype(np.intp))
    first, last = 0, columns.size
    while first < last and _crossing(
        ink, int(columns[first]), slope * columns[first] + offset, slope, height
    ):
        first += 1
    while last > first and _crossing(
        ink, int(columns[last - 1]), slope * columns[last - 1] + offset, slope, height
    ):
        last -= 1
    if first == 0 and last == columns.size:
        return xs
    low, high = columns[first] if first < last else 0, columns[last - 1] if first < last else -1
    kept: NDArray[np.float64] = xs[(xs >= low) & (xs <= high)]
    return kept


def text_line_fits(ink: BoolArray, *, split: bool = False) -> list[LineFit]:
    """The long thin text lines of an ink mask, each with its own fitted centre line
    (``split``: a stretch of two lines joined by ink between them split in two)."""
    reach = max(3, round(max(ink.shape) / 75))
    smeared = _smear(ink, reach)
    fits: list[LineFit] = []
    for joined in _components(smeared, min_width=4 * reach):
        for runs in _split_rows(joined, ink) if split else [joined]:
            fit = _line_fit(runs, ink)
            if fit is not None:
                fits.append(fit)
    return sorted(fits, key=lambda f: f.middle)


def _line_fit(runs: list[tuple[int, int, int]], ink: BoolArray) -> LineFit | None:
    """The fitted line of a connected stretch, when it is long and thin as a text line."""
    ys = [r[0] for r in runs]
    width = max(r[2] for r in runs) - min(r[1] for r in runs)
    height = max(ys) - min(ys) + 1
    if width < 0.2 * ink.shape[1] or width < 2 * height or height < 3:
        return None
    fit = _fit(runs, ink)
    if fit is not None and fit.height >= 3 and fit.length >= 14 * fit.height:
        return fit
    return None


SPLIT_VALLEY = 0.45  # a row this share of the lighter line's peak ink lies between lines


def _split_rows(
    runs: list[tuple[int, int, int]], ink: BoolArray
) -> list[list[tuple[int, int, int]]]:
    """A stretch of two text lines joined by ink between them (a small page's close MRZ
    lines, their background's waves) split at the rows between them: two bands of rows
    of much ink, of like heights, with a valley of little ink between."""
    top = min(r[0] for r in runs)
    counts = np.zeros(max(r[0] for r in runs) - top + 1)
    for y, start, end in runs:
        counts[y - top] += int(ink[y, start:end].sum())
    dense = counts >= 0.5 * float(counts.max(initial=0.0))
    bands = _row_runs(dense)
    if len(bands) != 2:
        return [runs]
    (a0, a1), (b0, b1) = bands
    heights = (a1 - a0, b1 - b0)
    valley = float(counts[a1:b0].min(initial=0.0)) if b0 > a1 else float("inf")
    peak = min(float(counts[a0:a1].max()), float(counts[b0:b1].max()))
    if min(heights) < 3 or max(heights) > 1.6 * min(heights) or valley > SPLIT_VALLEY * peak:
        return [runs]
    # The rows between the two bands belong to neither line.
    return [[r for r in runs if r[0] < top + a1], [r for r in runs if r[0] >= top + b0]]


def _row_runs(flags: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Runs of True in ``flags`` as (start, end)."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
