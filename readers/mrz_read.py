"""Read a rectified MRZ band with the OCR-B templates, one fixed-pitch cell at a time.

MRZ print is monospaced (ICAO 9303: 10 characters per inch) and every position holds a
character (fillers ``<`` included), so once the band is rectified a line of ``n``
characters is ``n`` equal cells between the line's first and last ink. Each cell is
matched to the templates at its place and a little either side (the best match wins),
restricted to what its position can hold (digits in dates and check digits, letters in
names and codes). Name characters carry no check digit: an unsure one is matched
again with its box nudged, and one whose best letter still matches poorly or barely
beats the next is reported as a doubt. Checked characters whose second choice comes
close are returned, for the reader to try swapped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from readers.images import otsu
from readers.mrz_band import MrzBand
from readers.mrz_boxes import BoxReads, retry
from readers.mrz_cells import (
    Strip,
    cell_grid,
    cell_span,
    faded_columns,
    line_pitch,
    strips,
    thickened,
    with_faded_ink,
)
from readers.mrz_faint import glyph_ends, waves_out
from readers.mrz_level import levelled
from readers.mrz_line import LineCells
from readers.mrz_twins import overruled_rivals, twin_doubts
from readers.mrz_zero import decide, ink_top
from readers.numeric import median, percentile
from readers.ocrb import GlyphRead, OcrbTemplateReader

# Position classes per format and line (TD3 and TD2 upper lines: letters and fillers).
_LAYOUT: dict[tuple[int, int], tuple[str, ...]] = {
    (2, 44): (
        "L" * 5 + "N" + "L" * 38,
        "A" * 9 + "D" + "L" * 3 + "D" * 7 + "S" + "D" * 7 + "A" * 14 + "dD",
    ),
    (2, 36): (
        "L" * 5 + "N" + "L" * 30,
        "A" * 9 + "D" + "L" * 3 + "D" * 7 + "S" + "D" * 7 + "A" * 7 + "D",
    ),
    (3, 30): (
        "L" * 5 + "A" * 25,
        "D" * 7 + "S" + "D" * 7 + "L" * 3 + "A" * 11 + "D",
        "N" + "L" * 29,
    ),
}
_WIDTHS = {2: (44, 36), 3: (30,)}
RETRY_SCORE = 0.7  # a cell matched worse than this is matched again, box nudged
RETRY_MARGIN = 0.08
MAX_ALTERNATIVES = 8


def read_strip(
    boxes: BoxReads,
    cols: NDArray[np.bool_],
    strip: Strip,
    ends: tuple[float, float],
    width: int,
    stretch: float = 1.0,
    nudge: bool = False,
) -> list[GlyphRead]:
    """``width`` fixed-pitch cells between the strip's first and last ink, each classified.

    The cell's rows run from the strip's foot up ``stretch`` times its height: a line of
    capitals only is shorter than the templates (digits stand taller), so both are tried.
    """
    left, right = ends
    grid = cell_grid(cols, left, right, width)
    if grid is None:
        return []
    top = max(0, round(strip.bottom - stretch * (strip.bottom - strip.top)))
    out: list[GlyphRead] = []
    for centre, pitch in grid:
        best: GlyphRead | None = None
        for shift in (0.0, -0.12, 0.12):
            span = cell_span(cols, centre + shift * pitch, pitch)
            if span is None:
                continue
            read = boxes.read((top, strip.bottom), span)
            if best is None or read.score > best.score:
                best = read
            if shift == 0.0 and read.score > 0.8 and read.margin > 0.1:
                break
        if best is None:
            best = GlyphRead(char="<", score=-1.0, margin=0.0, second="<")
        elif nudge and (best.score < RETRY_SCORE or best.margin < RETRY_MARGIN):
            best = retry(boxes, cols, centre, pitch, (top, strip.bottom), best)
        out.append(best)
    return out


def _width(
    cols: NDArray[np.bool_], band: MrzBand, ink: NDArray[np.bool_], found: list[Strip]
) -> tuple[int, tuple[float, float]] | None:
    """How many characters the band's lines hold, from their length and pitch, and
    where they begin and end (``readers.mrz_faint.glyph_ends``, but an end the band knows
    to be its glyphs' stays: ``MrzBand.ends_known``; the last glyphs of a band stood
    upright may stand close, their runs of ink joined, and no glyph's)."""
    allowed = _WIDTHS.get(band.count, ())
    if not allowed:
        return None
    pitch = line_pitch(cols.astype(np.float64), band.char_height)
    left, right = glyph_ends(ink, found, (band.left, band.right), pitch)
    left = band.left if band.ends_known[0] else left
    right = band.right if band.ends_known[1] else right
    estimate = (right - left) / pitch + 0.35
    return min(allowed, key=lambda n: abs(n - estimate)), (left, right)


def _zeros_by_height(
    chars: list[str],
    layout: str,
    line: tuple[NDArray[np.bool_], NDArray[np.bool_], Strip, list[tuple[float, float]]],
    index: int,
    alternatives: list[tuple[float, int, int, str]],
) -> None:
    """O or 0 where a position may hold both, by the glyph's height (``readers.mrz_zero``).

    A decided glyph is set and its O/0 swap no longer offered; an undecided one keeps
    the other as an alternative (first in line), so the check digits are not alone.
    """
    ink, cols, strip, grid = line
    if not grid or "A" not in layout:
        return
    rows = (max(0, strip.top - 3), strip.bottom)
    tops: list[int | None] = []
    for centre, pitch in grid:
        span = cell_span(cols, centre, pitch)
        tops.append(None if span is None else ink_top(ink, rows, span))
    decided = decide(chars, tops, strip.bottom - strip.top)
    for position, kind in enumerate(layout):
        if kind != "A" or chars[position] not in "O0":
            continue
        alternatives[:] = [
            a for a in alternatives if not (a[1] == index and a[2] == position and a[3] in "O0")
        ]
        choice = decided[position]
        if choice is None:
            other = "0" if chars[position] == "O" else "O"
            alternatives.append((-1.0, index, position, other))
        else:
            chars[position] = choice


@dataclass(frozen=True)
class TemplateRead:
    """What the templates read: the lines, doubts on name letters, and close seconds.

    ``alternatives`` are (line, position, character) for positions covered by a check
    digit whose best character barely beats the next: the reader checks that no
    such swap also passes the check digits before it trusts the reading.
    """

    lines: list[str]
    doubts: list[str]
    alternatives: list[tuple[int, int, str]]


def grid_text(band: MrzBand, reader: OcrbTemplateReader, *, nudge: bool = False) -> TemplateRead:
    """The band read cell by cell at the fixed pitch (``nudge``: unsure cells twice)."""
    nothing = TemplateRead([], [], [])
    values = np.asarray(band.image.convert("L"), dtype=np.uint8)
    # Half way from ink to paper: a faded stamp (mid-grey) stays paper, unlike with Otsu.
    level = (percentile(values, 3) + median(values)) / 2
    threshold = min(level, otsu(values, empty=0) + 10)
    ink = values <= threshold
    level_band = levelled(band, ink)
    if level_band is not band:
        # The ink level as the band was cut: the other lines' ink stays as it was.
        band = level_band
        values = np.asarray(band.image.convert("L"), dtype=np.uint8)
        ink = values <= threshold
    found = strips(ink, band)
    if len(found) != band.count:
        return nothing
    # Each line's washed-out stretch, found once: the waves are taken out of the same.
    fades = [faded_columns(values, strip, band.char_height) for strip in found]
    for fade in fades:
        ink = with_faded_ink(ink, fade)
    line_cols = [ink[s.top : s.bottom].sum(axis=0) > 0 for s in found]
    sized = _width(line_cols[-1], band, ink, found)
    if sized is None:
        return nothing
    width, ends = sized
    as_read = values
    for index, strip in enumerate(found):
        grid = cell_grid(line_cols[index], *ends, width) or []
        # Found again only where a line's waves taken out before changed the values.
        fade = fades[index] if values is as_read else faded_columns(values, strip, band.char_height)
        values, ink = waves_out(values, ink, fade, grid, band.char_height)
    line_cols = [ink[s.top : s.bottom].sum(axis=0) > 0 for s in found]
    layout = _LAYOUT[(band.count, width)]
    soft = thickened(1.0 - values.astype(np.float64) / 255.0, ink, found[-1], band.char_height)
    boxes = BoxReads(soft, reader)
    lines: list[str] = []
    doubts: list[str] = []
    alternatives: list[tuple[float, int, int, str]] = []
    for index, (strip, cols) in enumerate(zip(found, line_cols, strict=True)):
        short = read_strip(boxes, cols, strip, ends, width, reader.caps_ratio)
        # A line of letters and fillers only is capitals high: read at the capitals'
        # height (thin print read at the digits' height turns O into U).
        letters_only = not set(layout[index]) & set("ADd")
        tall = short if letters_only else read_strip(boxes, cols, strip, ends, width)
        if len(tall) != width or len(short) != width:
            return nothing
        # One height for the whole line: per cell it would blur O and 0 (which differ
        # in height only).
        sums = (sum(g.score for g in tall), sum(g.score for g in short))
        stretch = 0.0 if letters_only or sums[1] > sums[0] else 1.0
        glyphs = tall if stretch else short
        stretch = stretch or reader.caps_ratio
        plain = glyphs
        if nudge:
            glyphs = read_strip(boxes, cols, strip, ends, width, stretch, nudge=True)
        grid = cell_grid(cols, *ends, width) or []
        rows = (max(0, round(strip.bottom - stretch * (strip.bottom - strip.top))), strip.bottom)
        names_line = (band.count == 2 and index == 0) or (band.count == 3 and index == 2)
        cells = LineCells(boxes, cols, rows, grid, index, names_line, band.source_height)
        chars = cells.read(glyphs, layout[index], doubts, alternatives, plain)
        _zeros_by_height(chars, layout[index], (ink, cols, strip, grid), index, alternatives)
        doubts += twin_doubts(glyphs, chars, index)
        alternatives += [(-1.0, index, p, c) for p, c in overruled_rivals(glyphs, chars, index)]
        lines.append("".join(chars))
    alternatives.sort()
    return TemplateRead(
        lines, doubts[:3], [(i, p, c) for _, i, p, c in alternatives[:MAX_ALTERNATIVES]]
    )
