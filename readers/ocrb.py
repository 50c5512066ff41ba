"""Reads OCR-B glyph cells by correlation with templates rendered from Debian's OCR-B font.

The passport's machine-readable zone is printed in OCR-B at a fixed pitch: each glyph cell
(``readers.mrz_read`` cuts them) is normalised and compared with every character's
templates at once. Tesseract is not involved (its adapter is ``readers.ocr``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from readers.template_cache import TemplateSet, kept

OCRB_FONT = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
MRZ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_CELL = (20, 28)  # width, height of a normalised glyph


@dataclass(frozen=True)
class GlyphRead:
    char: str
    score: float  # correlation with the best template, -1..1
    margin: float  # best minus second best
    second: str
    scores: tuple[float, ...] = ()  # per character of MRZ_CHARS

    def best_of(self, allowed: str) -> tuple[str, float]:
        """The best character among ``allowed`` and its margin over the next allowed one."""
        if not self.scores:
            return self.char, self.margin
        ranked = sorted(
            ((self.scores[i], c) for i, c in zip(char_indices(allowed), allowed, strict=True)),
            reverse=True,
        )
        return ranked[0][1], ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else -1.0)

    def best_score(self, allowed: str) -> float:
        """How well the best of the ``allowed`` characters matches the glyph."""
        if not self.scores:
            return self.score
        return max(self.scores[i] for i in char_indices(allowed))


@lru_cache(maxsize=64)
def char_indices(allowed: str) -> tuple[int, ...]:
    """Where each of ``allowed``'s characters stands in ``MRZ_CHARS`` (and in a
    ``GlyphRead``'s scores)."""
    return tuple(MRZ_CHARS.index(c) for c in allowed)


@lru_cache(maxsize=512)
def _resampler(size: int, out: int) -> np.ndarray:
    """The ``out x size`` matrix of a linear (triangle) resampling, widened when shrinking."""
    scale = size / out
    support = max(1.0, scale)
    centres = (np.arange(out) + 0.5) * scale - 0.5
    weights = np.maximum(0.0, 1.0 - np.abs(np.arange(size)[None, :] - centres[:, None]) / support)
    weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    return weights


def _normalise(cell: np.ndarray) -> np.ndarray:
    """A glyph (ink = 1.0) resized to ``_CELL``, zero mean, unit norm."""
    if cell.size == 0:
        return np.zeros(_CELL[0] * _CELL[1])
    rows = _resampler(cell.shape[0], _CELL[1])
    cols = _resampler(cell.shape[1], _CELL[0])
    vec = (rows @ cell @ cols.T).ravel()
    # As vec.mean() and np.linalg.norm compute them, without their overhead (half the
    # time of a cell read 2 000 times on a faint page).
    vec = vec - vec.sum() / vec.size
    norm = math.sqrt(float(vec @ vec))
    out: np.ndarray = vec / norm if norm > 0 else vec
    return out


def _ink_columns(ink: np.ndarray) -> tuple[int, int] | None:
    cols = np.flatnonzero(ink.sum(axis=0) > 0)
    if cols.size == 0:
        return None
    return int(cols[0]), int(cols[-1]) + 1


class OcrbTemplateReader:
    """Reads MRZ lines printed in OCR-B by matching fixed-pitch glyph cells to templates.

    The 37 templates are rendered from Debian's OCR-B font (``fonts-ocr-b``), each in
    nine variants (ink spread, normal or thin; sharp or blurred), once: they are kept in
    the OCR cache folder (``readers.template_cache``). No trained-data file is needed. A glyph cell (``readers.mrz_read`` cuts them at the fixed pitch),
    normalised to its ink columns and the line's height, is compared with every template
    by correlation.
    """

    def __init__(self, font_path: str = OCRB_FONT) -> None:
        recipe = TemplateSet("ocrb", Path(font_path), Path(__file__), repr((MRZ_CHARS, _CELL)))
        templates = kept(recipe, lambda: _ocrb_templates(font_path))
        # A line of capitals only is this much shorter than the templates' cell.
        self.caps_ratio = float(templates["caps_ratio"])
        # Single precision halves the product's time (a passport's cells are classified
        # 100 to 2 000 times); scores move by 1e-7, far below any margin the readers weigh.
        self._matrix = templates["matrix"].astype(np.float32)

    def classify(self, cell: np.ndarray) -> GlyphRead:
        return self.classify_many([cell])[0]

    def classify_many(self, cells: Sequence[np.ndarray]) -> list[GlyphRead]:
        """Each cell's ``classify``, the correlations taken in one product (a retry's 45
        nudged boxes at once: one product costs little more than one box's)."""
        vectors = np.stack([_normalise(cell) for cell in cells]).astype(np.float32)
        products = self._matrix @ vectors.T
        # Templates are stored character by character, the variants of each together.
        per_char = products.reshape(len(MRZ_CHARS), -1, len(cells)).max(axis=1)
        return [_glyph_read(per_char[:, j]) for j in range(len(cells))]


def _glyph_read(per_char: np.ndarray) -> GlyphRead:
    """A cell's reading from its best correlation with each character's templates."""
    scores = tuple(per_char.astype(np.float64).tolist())
    order = np.argsort(-per_char)
    first, second = int(order[0]), int(order[1])
    return GlyphRead(
        char=MRZ_CHARS[first],
        score=scores[first],
        margin=scores[first] - scores[second],
        second=MRZ_CHARS[second],
        scores=scores,
    )


def _ocrb_templates(font_path: str) -> dict[str, np.ndarray]:
    """The templates' matrix (each character's nine variants together) and the ratio of
    the templates' cell to a line of capitals' height."""
    font = ImageFont.truetype(font_path, 120)
    top = min(font.getbbox(ch)[1] for ch in MRZ_CHARS)
    bottom = max(font.getbbox(ch)[3] for ch in MRZ_CHARS)
    caps_top = min(font.getbbox(ch)[1] for ch in MRZ_CHARS[:26])
    names: list[str] = []
    vectors: list[np.ndarray] = []
    for char in MRZ_CHARS:
        canvas = Image.new("L", (200, 200), 0)
        ImageDraw.Draw(canvas).text((20, 10), char, fill=255, font=font)
        ink = np.asarray(canvas, dtype=np.float64)[10 + top : 10 + bottom] / 255.0
        cols = _ink_columns(ink > 0.5)
        assert cols is not None
        glyph = Image.fromarray((ink[:, cols[0] : cols[1]] * 255).astype(np.uint8))
        # Print and scans vary: ink spread or thin, sharp or blurred.
        for weight in (None, ImageFilter.MaxFilter(7), ImageFilter.MinFilter(5)):
            shaped = glyph.filter(weight) if weight is not None else glyph
            for blur in (0.0, 3.0, 6.0):
                img = shaped.filter(ImageFilter.GaussianBlur(blur)) if blur else shaped
                names.append(char)
                vectors.append(_normalise(np.asarray(img, dtype=np.float64) / 255))
    assert names == [c for c in MRZ_CHARS for _ in range(len(names) // len(MRZ_CHARS))]
    caps_ratio = (bottom - top) / max(1, bottom - caps_top)
    return {"matrix": np.stack(vectors), "caps_ratio": np.array(caps_ratio)}
