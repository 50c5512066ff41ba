"""One MRZ line's cells turned into characters (``readers.mrz_read`` cuts and matches them).

Each cell's character is its best glyph of the cell's class. A name letter, which no
check digit guards, is matched again with its box nudged when unsure, told by its shape
from a look-alike when the shape can tell, read whole when its box cut part of it away,
and otherwise reported as a doubt; a checked cell whose second choice comes close leaves
that second choice for the reader to try swapped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from readers.mrz_boxes import BoxReads, retry
from readers.mrz_cells import cell_span, cut_part
from readers.mrz_choices import (
    ALT_MARGIN,
    CLASSES,
    NAME_MARGIN,
    NAME_SCORE,
    close_thirds,
    name_doubt,
    ranked_letters,
    tied,
)
from readers.mrz_faint import crossed
from readers.mrz_lost import smoothed, washed_letter
from readers.mrz_shape import LOST_STROKE, STROKE_LOST, by_shape, i_foot_shown, ink_box
from readers.numeric import percentile
from readers.ocrb import MRZ_CHARS, GlyphRead

NAME_MARGIN_SURE = 0.12  # a name letter less sure than this is matched again, nudged
THIRD_MARGIN = 0.1  # a name letter told by shape: the third letter this far behind
MERGED = 0.85  # pitches: a span wider than any OCR-B glyph ran into its neighbours
FAINT_REACH = 0.33  # a glyph's faint ink is looked for this share of its height past its cell
FAINT_LEVEL = 0.25  # and is ink from this share of the window's peak
FAINT_SCORE = 0.55  # the whole faint glyph must read a letter this well to be one
FAINT_MARGIN = 0.04  # and fit it this much better than the letter read
FAINT_PEAK = 0.6  # a glyph whose darkest is below this share of the band's is faded
FAINT_SLACK = 1  # px: its box past the cell by more than this cut it (a serif is 2-3 px)
FOOT_MARGIN = 2  # px: a faint I's foot is looked for this far below the line's rows
SPAN_HELD = 0.5  # a span narrower than this share of its glyph's ink box reads no letter
SEX_UNSURE = "sex unsure"  # the doubt on a sex no check digit guards: "sex unsure (M or X)"


@dataclass(frozen=True)
class LineCells:
    """One MRZ line's cells on the page: where they are and how to match them again."""

    boxes: BoxReads
    cols: NDArray[np.bool_]
    rows: tuple[int, int]
    grid: list[tuple[float, float]]
    index: int
    names_line: bool  # TD3/TD2 line 1 (names from position 5), TD1 line 3
    source_height: float = 0.0  # the glyphs' height on the page as received (0: not known)

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
            char, margin = glyph.best_of(CLASSES[kind])
            in_names = self.names_line and (self.index == 2 or position >= 5)
            first, first_margin = plain[position].best_of(CLASSES[kind])
            unsure = name_doubt(plain[position], first, first_margin, position)
            if in_names and self.grid and (margin < NAME_MARGIN_SURE or glyph.score < NAME_SCORE):
                centre, pitch = self.grid[position]
                glyph = retry(self.boxes, self.cols, centre, pitch, self.rows, glyph, CLASSES[kind])
                char, margin = glyph.best_of(CLASSES[kind])
            chars.append(char)
            if in_names:
                chars[-1], doubt = self._name_letter(
                    position, (glyph, char, margin), plain[position], unsure, CLASSES[kind]
                )
                if doubt:
                    doubts.append(doubt)
            elif kind == "S" and (min(margin, first_margin) < NAME_MARGIN or first != char):
                # No check digit: M or F by the glyph alone, sure in its own box as nudged.
                # A box nudged until another letter matches is no evidence (own M by 0.017,
                # nudged X by 0.21; fieldmail's heavy M a sure X nudged on an evened band,
                # seed 10000096): a second reader reading the whole MRZ alike settles it.
                other = (
                    first if first != char else glyph.best_of(CLASSES[kind].replace(char, ""))[0]
                )
                doubts.append(f"{SEX_UNSURE} ({char} or {other})")
            elif kind in "ADd" and margin < ALT_MARGIN:
                second = glyph.best_of(CLASSES[kind].replace(char, ""))[0]
                shown = self._shape(position, char, second)
                if shown is None:
                    alternatives.append((margin, self.index, position, second))
                else:
                    chars[-1] = shown
                alternatives += close_thirds(
                    glyph, CLASSES[kind], (char, second), self.index, position
                )
        return chars

    def _name_letter(
        self,
        position: int,
        read: tuple[GlyphRead, str, float],
        plain: GlyphRead,
        unsure: str | None,
        allowed: str,
    ) -> tuple[str, str | None]:
        """A name letter and its doubt: ``read`` (the cell's glyph, its letter and margin,
        nudged when unsure), ``plain`` its own box's glyph, ``unsure`` that one's doubt."""
        glyph, char, margin = read
        first = plain.best_of(allowed)[0]
        doubt = name_doubt(glyph, char, margin, position)
        told = self._told_letter(position, glyph, char) if doubt else None
        shaped = told is not None
        if told is not None:
            char, doubt = told, None
        # A box nudged until another letter matches well is no evidence for it
        # (ILSE read IISE: an L whose own box read T or I, a nudged one I).
        if doubt is None and unsure and char != first:
            doubt = f"name character {position + 1} unsure ({char} or {first})"
            # Unless the own box's shape tells its two best letters apart and they are
            # these two (a third far behind): the shape is evidence, and the nudged box
            # read its letter well.
            shown = self._told_pair(position, plain, first, char, 0.0)
            if shown is not None:
                char, doubt, shaped = shown, None, True
        if doubt is None and unsure and plain.char not in allowed:
            # The own box reads a digit best (an I cut off its serif, 1): nudged to a
            # letter read well settles nothing (phone_photo dev 18, DIJK read DJJK).
            doubt = f"name character {position + 1} unsure ({char} or {plain.char})"
        tie = tied(plain, allowed)
        if doubt is None and tie is not None and not shaped and self._shape(position, *tie) != char:
            # Two letters a hundredth or two apart in the own box and no shape to tell
            # them: a nudged box does not settle that (the best of 45 boxes fits one
            # well by chance: CHARLOTTE read CHAALOTTE, its R's box A 0.636, R 0.629).
            doubt = f"name character {position + 1} unsure ({char} or {tie[tie[0] == char]})"
        doubt = self._stroke_lost(position, (char, unsure is not None), allowed, doubt)
        whole = self._whole_glyph(position, allowed)
        if whole is None and doubt is None:
            whole = self._faint_glyph(position, allowed, char)
        if whole is not None and whole[0] != char and (whole[1] or whole[2]):
            # The glyph's own columns read well (in doubt or not: a faint U cut to one stem
            # read J or 1) are the likelier letter, yet a doubt for a second reader to settle
            # (Tesseract reading alike). Read poorly beside a cut glyph they are a speck, no
            # part of it; but where the span ran into its neighbours, no surer than theirs.
            likelier, other = (whole[0], char) if whole[1] else (char, whole[0])
            doubt = f"name character {position + 1} unsure ({likelier} or {other})"
            char = likelier
        if char == "I" and self._foot_lost(position):
            # A washed-out L, E or J reads I to both readers (KLAUS read KIAUS by the
            # templates and the MRZ model alike): only the foot's own ink tells.
            other = glyph.second if glyph.second != "I" else plain.second
            return char, f"name character {position + 1} has no foot seen (I or {other})"
        if doubt and self.grid:
            line = (self.boxes.soft[self.rows[0] : self.rows[1]], self.boxes.peak)
            doubt = crossed(self.cols, self.grid[position], line, doubt)
        return char, doubt

    def _stroke_lost(
        self, position: int, read: tuple[str, bool], allowed: str, doubt: str | None
    ) -> str | None:
        """``doubt``, or the doubt on a letter that may be its rival with a stroke lost
        (``STROKE_LOST``), which only the glyph's own ink settles: a sure X (or one torn
        with a filler, K close behind) whose shape shows no K's stem gone (AKIKO read
        AKIXO), or a letter whose whole ink in its pitch window reads its rival (the
        cell cut a stroke off: CONCEICAO's O, its right arc dimmed by glare, read C) or
        another letter when the span held under ``SPAN_HELD`` of it (SOLVEIG's V, found
        over 5 px of 24 on a phone photo, read W), or a faded letter where its fuller
        rival's stroke shows (``readers.mrz_lost``). ``read`` is the letter and whether its
        own box read it unsure: then a whole ink box reading another letter well is a
        doubt too (a pale J's hook outside the span: its stem read I, nudged sure)."""
        char, own_unsure = read
        fuller = LOST_STROKE.get(char)
        if fuller and self._shape(position, char, fuller) != char:
            return f"name character {position + 1} unsure ({char} or {fuller})"
        wider = None if doubt else self._wider_letter(position, allowed)
        if (
            wider is not None
            and wider[0] != char
            and ((char, wider[0]) in STROKE_LOST or wider[1] or (own_unsure and wider[2]))
        ):
            return f"name character {position + 1} unsure ({char} or {wider[0]})"
        cell = None if doubt else self._cell(position)
        fuller = cell and washed_letter(self.boxes.soft, self.rows, cell, self.boxes.peak, char)
        if fuller:
            # Its stroke pale or below the line's rows: KEMAL's E read F sure (KFMAL).
            return f"name character {position + 1} unsure ({char} or {fuller})"
        return doubt

    def _foot_lost(self, position: int) -> bool:
        """Whether the cell's glyph, read I, is faded and shows no I's foot on both sides
        of its stem (``readers.mrz_shape.i_foot_shown``)."""
        if not self.grid:
            return False
        centre, pitch = self.grid[position]
        top, bottom = self.rows
        x0, x1 = max(0, round(centre - 0.5 * pitch)), round(centre + 0.5 * pitch)
        own = self.boxes.soft[top:bottom, x0:x1]
        if own.size == 0 or percentile(own, 99) >= FAINT_PEAK * self.boxes.peak:
            return False  # print as dark as the band's: its strokes are all there
        window = self.boxes.soft[max(0, top - FOOT_MARGIN) : bottom + FOOT_MARGIN, x0:x1]
        return i_foot_shown(window, pitch) is False

    def _whole_glyph(self, position: int, allowed: str) -> tuple[str, bool, bool] | None:
        """What the cell reads as the glyph's own columns when its column span misjudged
        them, whether it reads it well, and whether the span had run into the glyph's
        neighbours (rather than cut it); None when the span is the glyph's.

        The span may cut part of the glyph away (a faint U's left stem: the right one
        alone reads J), or run into its neighbours where faint print's noise inks every
        column (wider than any glyph: an E's faded arms lost in it read I): the glyph's
        ink box in its pitch window is its own columns then.
        """
        if not self.grid:
            return None
        centre, pitch = self.grid[position]
        cut = cut_part(self.cols, centre, pitch)
        whole = cut or self._boxed(centre, pitch)
        if whole is None:
            return None
        glyph = self.boxes.read(self.rows, whole)
        char, margin = glyph.best_of(allowed)
        return char, name_doubt(glyph, char, margin, position) is None, cut is None

    def _faint_glyph(self, position: int, allowed: str, read: str) -> tuple[str, bool, bool] | None:
        """What the glyph reads as its whole ink box at the faint level, when that box
        reaches past the cell's rows or columns; None when the cell holds the glyph.

        Faint print loses strokes twice: a washed-out line's rows, found on its darker
        part, cut an I's foot serif or an E's lower bar away (read T, F), and a stroke
        fainter than the rest (a K's stem) falls below the ink level (read X). Either way
        the letter read has fewer strokes than the glyph printed: its ink box at a
        quarter of its peak, in a window a third of its height higher and lower than
        the cell, holds them, and the box read with its faint ink brought up to full
        strength says whether they were there (the same third element as in
        ``_whole_glyph``: its letter is no surer than the cell's)."""
        found = self._faint_box(position)
        if found is None:
            return None
        rows, cols, peak = found
        raised = np.clip(self.boxes.soft[rows[0] : rows[1], cols[0] : cols[1]] / peak, 0.0, 1.0)
        glyph = self.boxes.reader.classify(raised)
        char, margin = glyph.best_of(allowed)
        score = glyph.scores[MRZ_CHARS.index(char)]
        if score < FAINT_SCORE or score - glyph.scores[MRZ_CHARS.index(read)] < FAINT_MARGIN:
            # No letter (specks and blur joined), or the whole glyph fits the letter
            # read nearly as well (an O's faint edge below it is no Q's tail).
            return None
        return char, name_doubt(glyph, char, margin, position) is None, True

    def _faint_box(self, position: int) -> tuple[tuple[int, int], tuple[int, int], float] | None:
        """A faded glyph's ink box (rows, columns) at the faint level and its own peak,
        when the box reaches past its cell; None when the print is not faded or the cell
        holds the whole glyph. Only ink joined to the glyph's own columns counts."""
        cell = self._cell(position)
        if cell is None:
            return None
        centre, pitch, span = cell
        top, bottom = self.rows
        own = self.boxes.soft[top:bottom, span[0] : span[1]]
        peak = percentile(own, 99) if own.size else 0.0
        if not 0.05 < peak < FAINT_PEAK * self.boxes.peak:
            return None  # print as dark as the band's: nothing faded
        reach = round(FAINT_REACH * (bottom - top))
        y0, y1 = max(0, top - reach), min(self.boxes.soft.shape[0], bottom + reach)
        x0 = max(0, min(span[0], round(centre - 0.5 * pitch)))
        x1 = min(self.boxes.soft.shape[1], max(span[1], round(centre + 0.5 * pitch)))
        raised = np.clip(self.boxes.soft[y0:y1, x0:x1] / peak, 0.0, 1.0)
        ink: NDArray[np.bool_] = smoothed(raised) >= FAINT_LEVEL
        inked = np.asarray(ink.any(axis=0), dtype=bool)
        a, b = span[0] - x0, span[1] - x0
        while a > 0 and inked[a - 1]:
            a -= 1
        while b < inked.size and inked[b]:
            b += 1
        rows = np.flatnonzero(ink[:, a:b].any(axis=1))
        if rows.size == 0 or b - a > MERGED * pitch or rows[0] == 0 or rows[-1] == ink.shape[0] - 1:
            return None  # joined to a neighbour or the other line: no glyph of its own
        box_rows, box_cols = (y0 + int(rows[0]), y0 + int(rows[-1]) + 1), (x0 + a, x0 + b)
        past = max(top - box_rows[0], box_rows[1] - bottom, span[0] - box_cols[0])
        return (box_rows, box_cols, peak) if max(past, b - span[1] + x0) > FAINT_SLACK else None

    def _cell(self, position: int) -> tuple[float, float, tuple[int, int]] | None:
        """The cell's centre, pitch and ink span; None when no grid or no span."""
        if not self.grid:
            return None
        centre, pitch = self.grid[position]
        span = cell_span(self.cols, centre, pitch)
        return None if span is None else (centre, pitch, span)

    def _boxed(self, centre: float, pitch: float) -> tuple[int, int] | None:
        """The ink box's columns in the pitch window when the span is wider than a glyph."""
        span = cell_span(self.cols, centre, pitch)
        if span is None or span[1] - span[0] <= MERGED * pitch:
            return None
        return self._window_box(centre, pitch)

    def _wider_letter(self, position: int, allowed: str) -> tuple[str, bool, bool] | None:
        """What the glyph's ink box in its pitch window reads when that box reaches past
        the cell's span by more than ``FAINT_SLACK``: the span, cut where the ink level
        lost part of a stroke (an O's right arc under glare, read C), holds less than
        the glyph; whether the span holds under ``SPAN_HELD`` of the box's width; and
        whether the box reads its letter well. None when the span holds the box."""
        cell = self._cell(position)
        if cell is None:
            return None
        centre, pitch, span = cell
        box = self._window_box(centre, pitch)
        if box is None or max(span[0] - box[0], box[1] - span[1]) <= FAINT_SLACK:
            return None
        cut_short = span[1] - span[0] < SPAN_HELD * (box[1] - box[0])
        glyph = self.boxes.read(self.rows, box)
        letter, margin = glyph.best_of(allowed)
        return letter, cut_short, name_doubt(glyph, letter, margin, position) is None

    def _window_box(self, centre: float, pitch: float) -> tuple[int, int] | None:
        """The columns of the glyph's ink box in its pitch window."""
        start = max(0, round(centre - 0.5 * pitch))
        window = self.boxes.soft[self.rows[0] : self.rows[1], start : round(centre + 0.5 * pitch)]
        box = ink_box(window)
        return None if box is None else (start + box[2], start + box[3])

    def _told_letter(self, position: int, glyph: GlyphRead, char: str) -> str | None:
        """An unsure name letter told by its shape, when the glyph matches it well and
        only one other letter comes close (the shape says which of two, never a third)."""
        if not glyph.scores:
            return None
        ranked = ranked_letters(glyph)
        return self._told_pair(position, glyph, char, ranked[1][1])

    def _told_pair(
        self, position: int, glyph: GlyphRead, first: str, other: str, floor: float = NAME_SCORE
    ) -> str | None:
        """``first`` or ``other`` by the cell's shape, when they are the glyph's two best
        letters, ``first`` matching at least ``floor`` and the third far behind."""
        if not glyph.scores:
            return None
        ranked = ranked_letters(glyph)
        if len(ranked) < 3 or ranked[0][1] != first or ranked[1][1] != other:
            return None
        if ranked[0][0] < floor or ranked[2][0] > ranked[0][0] - THIRD_MARGIN:
            return None
        return self._shape(position, first, other)

    def _shape(self, position: int, char: str, second: str) -> str | None:
        """``char`` or ``second`` when the cell's shape tells them apart (0 or U...)."""
        cell = self._cell(position)
        if cell is None:
            return None
        span = cell[2]
        return by_shape(
            self.boxes.soft[self.rows[0] : self.rows[1], span[0] : span[1]],
            char,
            second,
            self.source_height,
        )
