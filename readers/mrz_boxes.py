"""A band's glyph boxes read by the OCR-B templates: each box read once, and an unsure
cell matched again with its box nudged a pixel or two every way."""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray

from readers.mrz_cells import cell_span
from readers.numeric import percentile
from readers.ocrb import MRZ_CHARS, GlyphRead, OcrbTemplateReader


class BoxReads:
    """One band's boxes read by the templates, each box once: a nudged name letter's boxes
    are those its nudged cell already read, a nudged pass reads the plain pass's again."""

    def __init__(self, soft: NDArray[np.float64], reader: OcrbTemplateReader) -> None:
        self.soft = soft
        self.reader = reader
        self._seen: dict[tuple[int, int, int, int], GlyphRead] = {}
        self._peak: float | None = None

    @property
    def peak(self) -> float:
        """The band's print at its darkest (its 99.5th percentile of ink)."""
        if self._peak is None:
            self._peak = percentile(self.soft, 99.5)
        return self._peak

    def read(self, rows: tuple[int, int], cols: tuple[int, int]) -> GlyphRead:
        """The templates' reading of the box at ``rows``, ``cols`` of the soft image."""
        key = (*rows, *cols)
        glyph = self._seen.get(key)
        if glyph is None:
            glyph = self.reader.classify(self.soft[rows[0] : rows[1], cols[0] : cols[1]])
            self._seen[key] = glyph
        return glyph

    def read_many(self, boxes: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
        """Read every box of ``boxes`` (``rows``, ``cols``) not read yet, in one product."""
        keys = [(*rows, *cols) for rows, cols in boxes]
        new = [
            (key, box)
            for key, box in dict(zip(keys, boxes, strict=True)).items()
            if key not in self._seen
        ]
        if not new:
            return
        cells = [self.soft[r[0] : r[1], c[0] : c[1]] for _, (r, c) in new]
        for (key, _), glyph in zip(new, self.reader.classify_many(cells), strict=True):
            self._seen[key] = glyph


def retry(
    boxes: BoxReads,
    cols: NDArray[np.bool_],
    centre: float,
    pitch: float,
    rows: tuple[int, int],
    best: GlyphRead,
    allowed: str = MRZ_CHARS,
) -> GlyphRead:
    """An unsure cell matched again with its box a pixel or two off every way; the box
    whose best ``allowed`` character matches best wins (a name's O is no digit 0)."""
    span = cell_span(cols, centre, pitch)
    if span is None:
        return best
    top, bottom = rows
    best_score = best.best_score(allowed)
    nudged = []
    sides = ((0, 0), (-1, 1), (1, -1), (-1, 0), (0, 1))
    for dt_, db, (dl, dr) in itertools.product((-2, 0, 2), (-1, 0, 1), sides):
        y0, y1 = max(0, top + dt_), min(boxes.soft.shape[0], bottom + db)
        x0, x1 = max(0, span[0] + dl), min(boxes.soft.shape[1], span[1] + dr)
        if y1 - y0 >= 6 and x1 - x0 >= 2:
            nudged.append(((y0, y1), (x0, x1)))
    boxes.read_many(nudged)
    for box in nudged:
        read = boxes.read(*box)
        score = read.best_score(allowed)
        if score > best_score:
            best, best_score = read, score
    return best
