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

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from readers.images import otsu
from readers.mrz_band import MrzBand
from readers.mrz_cells import (
    Strip,
    cell_grid,
    cell_span,
    cut_part,
    faded_ink,
    line_pitch,
    strips,
    thickened,
)
from readers.mrz_shape import by_shape
from readers.mrz_zero import decide, ink_top
from readers.ocr import MRZ_CHARS, GlyphRead, OcrbTemplateReader

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
_DIGITS = "0123456789"
_CLASSES = {
    "A": _LETTERS + _DIGITS,
    "L": _LETTERS,
    "N": _LETTERS[:-1],  # the surname's first letter: the primary identifier is never empty
    "D": _DIGITS,
    "d": _DIGITS + "<",
    "S": "MFX<",
}
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
NAME_MARGIN = 0.08  # a name letter must beat the next by this much (correlation)
NAME_SCORE = 0.7  # and match its template at least this well
NAME_MARGIN_SURE = 0.12  # a name letter less sure than this is matched again, nudged
ALT_MARGIN = 0.12  # a checked character closer than this to the next is tried swapped
MAX_ALTERNATIVES = 8
THIRD_MARGIN = 0.1  # a name letter told by shape: the third letter this far behind


def read_strip(
    soft: NDArray[np.float64],
    cols: NDArray[np.bool_],
    strip: Strip,
    ends: tuple[float, float],
    width: int,
    reader: OcrbTemplateReader,
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
    band = soft[top : strip.bottom]
    out: list[GlyphRead] = []
    for centre, pitch in grid:
        best: GlyphRead | None = None
        for shift in (0.0, -0.12, 0.12):
            span = cell_span(cols, centre + shift * pitch, pitch)
            if span is None:
                continue
            read = reader.classify(band[:, span[0] : span[1]])
            if best is None or read.score > best.score:
                best = read
            if shift == 0.0 and read.score > 0.8 and read.margin > 0.1:
                break
        if best is None:
            best = GlyphRead(char="<", score=-1.0, margin=0.0, second="<")
        elif nudge and (best.score < RETRY_SCORE or best.margin < RETRY_MARGIN):
            best = _retry(soft, cols, centre, pitch, (top, strip.bottom), reader, best)
        out.append(best)
    return out


def _width(cols: NDArray[np.bool_], band: MrzBand) -> int | None:
    """How many characters the band's lines hold, from their length and pitch."""
    allowed = _WIDTHS.get(band.count, ())
    if not allowed:
        return None
    pitch = line_pitch(cols.astype(np.float64), band.char_height)
    estimate = (band.right - band.left) / pitch + 0.35
    return min(allowed, key=lambda n: abs(n - estimate))


def _retry(
    soft: NDArray[np.float64],
    cols: NDArray[np.bool_],
    centre: float,
    pitch: float,
    rows: tuple[int, int],
    reader: OcrbTemplateReader,
    best: GlyphRead,
    allowed: str = MRZ_CHARS,
) -> GlyphRead:
    """An unsure cell matched again with its box a pixel or two off every way; the box
    whose best ``allowed`` character matches best wins (a name's O is no digit 0)."""
    span = cell_span(cols, centre, pitch)
    if span is None:
        return best
    top, bottom = rows
    best_score = _allowed_score(best, allowed)
    sides = ((0, 0), (-1, 1), (1, -1), (-1, 0), (0, 1))
    for dt_, db, (dl, dr) in itertools.product((-2, 0, 2), (-1, 0, 1), sides):
        y0, y1 = max(0, top + dt_), min(soft.shape[0], bottom + db)
        x0, x1 = max(0, span[0] + dl), min(soft.shape[1], span[1] + dr)
        if y1 - y0 < 6 or x1 - x0 < 2:
            continue
        read = reader.classify(soft[y0:y1, x0:x1])
        score = _allowed_score(read, allowed)
        if score > best_score:
            best, best_score = read, score
    return best


def _allowed_score(glyph: GlyphRead, allowed: str) -> float:
    """How well the best of the ``allowed`` characters matches the glyph."""
    if not glyph.scores:
        return glyph.score
    return max(glyph.scores[MRZ_CHARS.index(c)] for c in allowed)


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


def _ranked_letters(glyph: GlyphRead) -> list[tuple[float, str]]:
    """The glyph's fit with every letter, best first."""
    return sorted(((glyph.scores[MRZ_CHARS.index(c)], c) for c in _LETTERS), reverse=True)


def _name_doubt(glyph: GlyphRead, char: str, margin: float, position: int) -> str | None:
    score = glyph.scores[MRZ_CHARS.index(char)] if glyph.scores else glyph.score
    if margin < NAME_MARGIN or score < NAME_SCORE:
        return f"name character {position + 1} unsure ({char} or {glyph.second})"
    return None


def grid_text(band: MrzBand, reader: OcrbTemplateReader, *, nudge: bool = False) -> TemplateRead:
    """The band read cell by cell at the fixed pitch (``nudge``: unsure cells twice)."""
    nothing = TemplateRead([], [], [])
    values = np.asarray(band.image.convert("L"), dtype=np.uint8)
    # Half way from ink to paper: a faded stamp (mid-grey) stays paper, unlike with Otsu.
    level = (float(np.percentile(values, 3)) + float(np.median(values))) / 2
    ink = values <= min(level, otsu(values, empty=0) + 10)
    found = strips(ink, band)
    if len(found) != band.count:
        return nothing
    for strip in found:
        ink = faded_ink(values, ink, strip, band.char_height)
    line_cols = [ink[s.top : s.bottom].sum(axis=0) > 0 for s in found]
    width = _width(line_cols[-1], band)
    if width is None:
        return nothing
    layout = _LAYOUT[(band.count, width)]
    soft = thickened(1.0 - values.astype(np.float64) / 255.0, ink, found[-1], band.char_height)
    lines: list[str] = []
    doubts: list[str] = []
    alternatives: list[tuple[float, int, int, str]] = []
    ends = (band.left, band.right)
    for index, (strip, cols) in enumerate(zip(found, line_cols, strict=True)):
        short = read_strip(soft, cols, strip, ends, width, reader, reader.caps_ratio)
        # A line of letters and fillers only is capitals high: read at the capitals'
        # height (thin print read at the digits' height turns O into U).
        letters_only = not set(layout[index]) & set("ADd")
        tall = short if letters_only else read_strip(soft, cols, strip, ends, width, reader)
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
            glyphs = read_strip(soft, cols, strip, ends, width, reader, stretch, nudge=True)
        grid = cell_grid(cols, *ends, width) or []
        rows = (max(0, round(strip.bottom - stretch * (strip.bottom - strip.top))), strip.bottom)
        names_line = (band.count == 2 and index == 0) or (band.count == 3 and index == 2)
        cells = _Cells(soft, cols, rows, grid, reader, index, names_line)
        chars = cells.read(glyphs, layout[index], doubts, alternatives, plain)
        _zeros_by_height(chars, layout[index], (ink, cols, strip, grid), index, alternatives)
        lines.append("".join(chars))
    alternatives.sort()
    return TemplateRead(
        lines, doubts[:3], [(i, p, c) for _, i, p, c in alternatives[:MAX_ALTERNATIVES]]
    )


@dataclass(frozen=True)
class _Cells:
    """One MRZ line's cells on the page: where they are and how to match them again."""

    soft: NDArray[np.float64]
    cols: NDArray[np.bool_]
    rows: tuple[int, int]
    grid: list[tuple[float, float]]
    reader: OcrbTemplateReader
    index: int
    names_line: bool  # TD3/TD2 line 1 (names from position 5), TD1 line 3

    def read(
        self,
        glyphs: list[GlyphRead],
        kinds: str,
        doubts: list[str],
        alternatives: list[tuple[float, int, int, str]],
        plain: list[GlyphRead],
    ) -> list[str]:
        """The line's characters, each its cell's best glyph of the cell's class. A name
        letter, which no check digit guards, is matched again nudged when unsure, and
        doubted, as when a nudged box reads another letter than its own box (``plain``,
        the glyphs before any nudge, read unsure); an unsure checked cell leaves its
        second choice in ``alternatives``."""
        chars: list[str] = []
        for position, glyph in enumerate(glyphs):
            kind = kinds[position]
            char, margin = glyph.best_of(_CLASSES[kind])
            in_names = self.names_line and (self.index == 2 or position >= 5)
            first, first_margin = plain[position].best_of(_CLASSES[kind])
            unsure = _name_doubt(plain[position], first, first_margin, position)
            if in_names and self.grid and (margin < NAME_MARGIN_SURE or glyph.score < NAME_SCORE):
                centre, pitch = self.grid[position]
                glyph = _retry(
                    self.soft,
                    self.cols,
                    centre,
                    pitch,
                    self.rows,
                    self.reader,
                    glyph,
                    _CLASSES[kind],
                )
                char, margin = glyph.best_of(_CLASSES[kind])
            chars.append(char)
            if in_names:
                doubt = _name_doubt(glyph, char, margin, position)
                told = self._told_letter(position, glyph, char) if doubt else None
                if told is not None:
                    chars[-1], char, doubt = told, told, None
                # A box nudged until another letter matches well is no evidence for it
                # (ILSE read IISE: an L whose own box read T or I, a nudged one I).
                if doubt is None and unsure and char != first:
                    doubt = f"name character {position + 1} unsure ({char} or {first})"
                    # Unless the own box's shape tells its two best letters apart and
                    # they are these two (a third far behind): the shape is evidence,
                    # and the nudged box read its letter well.
                    shown = self._told_pair(position, plain[position], first, char, 0.0)
                    if shown is not None:
                        chars[-1], char, doubt = shown, shown, None
                whole = self._whole_glyph(position, _CLASSES[kind]) if doubt is None else None
                if whole is not None and whole[1] and whole[0] != char:
                    # The whole glyph read well is the likelier letter, yet a doubt for
                    # a second reader to settle (Tesseract reading the line alike); one
                    # that reads poorly is a speck beside the glyph, no part of it.
                    doubt = f"name character {position + 1} unsure ({whole[0]} or {char})"
                    chars[-1], char = whole[0], whole[0]
                if doubt:
                    doubts.append(doubt)
            elif kind in "ADd" and margin < ALT_MARGIN:
                second = glyph.best_of(_CLASSES[kind].replace(char, ""))[0]
                shown = self._shape(position, char, second)
                if shown is None:
                    alternatives.append((margin, self.index, position, second))
                else:
                    chars[-1] = shown
        return chars

    def _whole_glyph(self, position: int, allowed: str) -> tuple[str, bool] | None:
        """What the cell reads as a whole when its box cut part of the glyph away (a
        faint U's left stem: the right one alone reads J), and whether it reads it well;
        None when nothing was cut."""
        if not self.grid:
            return None
        centre, pitch = self.grid[position]
        whole = cut_part(self.cols, centre, pitch)
        if whole is None:
            return None
        glyph = self.reader.classify(self.soft[self.rows[0] : self.rows[1], whole[0] : whole[1]])
        char, margin = glyph.best_of(allowed)
        return char, _name_doubt(glyph, char, margin, position) is None

    def _told_letter(self, position: int, glyph: GlyphRead, char: str) -> str | None:
        """An unsure name letter told by its shape, when the glyph matches it well and
        only one other letter comes close (the shape says which of two, never a third)."""
        if not glyph.scores:
            return None
        ranked = _ranked_letters(glyph)
        return self._told_pair(position, glyph, char, ranked[1][1])

    def _told_pair(
        self, position: int, glyph: GlyphRead, first: str, other: str, floor: float = NAME_SCORE
    ) -> str | None:
        """``first`` or ``other`` by the cell's shape, when they are the glyph's two best
        letters, ``first`` matching at least ``floor`` and the third far behind."""
        if not glyph.scores:
            return None
        ranked = _ranked_letters(glyph)
        if len(ranked) < 3 or ranked[0][1] != first or ranked[1][1] != other:
            return None
        if ranked[0][0] < floor or ranked[2][0] > ranked[0][0] - THIRD_MARGIN:
            return None
        return self._shape(position, first, other)

    def _shape(self, position: int, char: str, second: str) -> str | None:
        """``char`` or ``second`` when the cell's shape tells them apart (0 or U...)."""
        if not self.grid:
            return None
        centre, pitch = self.grid[position]
        span = cell_span(self.cols, centre, pitch)
        if span is None:
            return None
        return by_shape(self.soft[self.rows[0] : self.rows[1], span[0] : span[1]], char, second)
