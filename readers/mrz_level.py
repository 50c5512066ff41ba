"""A cut MRZ band's lines made level when they still sink or rise along it
(``readers.mrz_read``).

The band is cut through a homography given by its lines' ends; on a photographed page
that curls, the lines between the ends can sag a few pixels from one end to the other.
Each line's cells are read between fixed rows, so at the far end the glyphs sit lower
(or higher) in their boxes than the templates' glyphs: a filler, top-aligned in OCR-B,
then sits at the box's foot and matches every letter poorly (phone_photo dev 249: a
line of clear fillers read ``< or W`` from position 37 on, its top 6 px lower at the
right end than at the left). The names line's top (capitals and fillers share it)
is followed along the band, and the band's columns are moved up or down to level it.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from readers.mrz_band import MrzBand
from readers.mrz_cells import strips
from readers.numeric import median

CHUNK = 2.0  # characters' heights: the stretch of the line whose top is measured at once
MIN_DRIFT = 2.0  # px between the line's ends: a drift smaller is left as it is
MAX_DRIFT = 0.5  # characters' heights: a drift larger is no sag (a wrong line's top)
STRAIGHT = 0.8  # share of the tops' spread a straight sag must explain (faint dev 35: 0.53)
TOP_INK = 2  # a row is the chunk's top when it holds this many ink pixels


def _tops(
    ink: NDArray[np.bool_], rows: tuple[int, int], cols: tuple[int, int], size: int
) -> list[tuple[float, float]]:
    """Each chunk's (centre column, top row) of the line's ink between ``rows``."""
    out: list[tuple[float, float]] = []
    for x0 in range(cols[0], cols[1] - size // 2, size):
        x1 = min(cols[1], x0 + size)
        counts = ink[rows[0] : rows[1], x0:x1].sum(axis=1)
        found = np.flatnonzero(counts >= TOP_INK)
        if found.size:
            out.append(((x0 + x1) / 2, float(rows[0] + found[0])))
    return out


def _names_zone(band: MrzBand, height: int) -> tuple[int, int]:
    """The band's rows about its names line, to half way to the next line."""
    ys = band.line_ys
    if band.count == 2:
        return 0, round((ys[0] + ys[1]) / 2)
    return round((ys[-2] + ys[-1]) / 2), height


def levelled(band: MrzBand, ink: NDArray[np.bool_]) -> MrzBand:
    """``band`` (``ink``: its ink) with its names line's top made level (its columns moved up or down by
    the top's straight fit), or ``band`` itself when the line drifts under
    ``MIN_DRIFT`` px from end to end."""
    values = np.asarray(band.image.convert("L"), dtype=np.uint8)
    found = strips(ink, band)
    if (
        len(found) != band.count
        or len(band.line_ys) != band.count
        or band.right - band.left < 4 * band.char_height
    ):
        return band
    strip = found[0] if band.count == 2 else found[-1]
    margin = round(0.3 * band.char_height)
    rows = (max(0, strip.top - margin), strip.bottom)
    size = max(4, round(CHUNK * band.char_height))
    tops = _tops(ink, rows, (round(band.left), round(band.right)), size)
    if len(tops) < 5:
        return band
    xs, ys = np.array(tops).T
    deviation = np.abs(ys - median(ys))
    keep = deviation <= max(2.0, 2.0 * median(deviation) + 1.0)
    if keep.sum() < 5:
        return band
    slope, offset = np.polyfit(xs[keep], ys[keep], 1)
    drift = float(slope) * (band.right - band.left)
    if abs(drift) < MIN_DRIFT or abs(drift) > MAX_DRIFT * band.char_height:
        return band
    residual = ys[keep] - (slope * xs[keep] + offset)
    if float(residual.var()) > (1.0 - STRAIGHT) * float(ys[keep].var()):
        return band  # no steady sag: a step or a wave (a faint line's last glyphs)
    centre = (band.left + band.right) / 2
    shift = float(slope) * (np.arange(values.shape[1]) - centre)
    source = np.clip(np.arange(values.shape[0])[:, None] + shift[None, :], 0, values.shape[0] - 1)
    low = np.floor(source).astype(np.intp)
    high = np.minimum(low + 1, values.shape[0] - 1)
    cols = np.arange(values.shape[1])[None, :]
    moved = values[low, cols] * (1 - (source - low)) + values[high, cols] * (source - low)
    out = values.copy()
    zone = _names_zone(band, values.shape[0])
    out[zone[0] : zone[1]] = np.round(moved[zone[0] : zone[1]]).astype(np.uint8)
    image = Image.fromarray(out, "L")
    return dataclasses.replace(band, image=image)
