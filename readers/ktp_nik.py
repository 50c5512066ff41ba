"""The NIK of a KTP, read with glyph templates of its fixed-pitch OCR-A digits.

Tesseract's ``eng`` model reads OCR-A digits badly (right on 1 card in 8), so the NIK
band is cut into 16 equal cells and each is matched, by normalised correlation, against
the ten digits rendered from Debian's OCR-A font, at its own stroke and a bolder one
(a photocopy's toner spreads). A weak best match, or a runner-up too
close to it, is a doubt: the NIK is then not accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from readers.template_cache import TemplateSet, kept

OCR_A_FONT = "/usr/share/fonts/truetype/ocr-a/OCRA.ttf"
INK_THRESHOLD = 125  # max(R, G, B) below this is ink
NIK_MIN_CORRELATION = 0.55
NIK_MIN_MARGIN = 0.06


def ink_mask(rgb: np.ndarray, threshold: int = INK_THRESHOLD) -> np.ndarray:
    """Colour-aware binarisation: ink is dark in every channel."""
    return np.asarray(rgb.max(axis=2) < threshold)


GLYPH_SIZE = (24, 36)


def _glyph(ink: np.ndarray) -> np.ndarray | None:
    """A glyph cut to its ink box and resized to ``GLYPH_SIZE`` (values 0..1)."""
    cols = np.nonzero(ink.sum(axis=0) > 0)[0]
    rows = np.nonzero(ink.sum(axis=1) > 0)[0]
    if len(cols) == 0 or len(rows) == 0:
        return None
    cut = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    image = Image.fromarray((cut * 255).astype(np.uint8), "L")
    return np.asarray(image.resize(GLYPH_SIZE, Image.Resampling.BILINEAR), dtype=np.float32) / 255


# Stroke widths (px, at the 80 px rendering) the digits are drawn at: the font's own and
# the bolder print of a photocopy's spread toner (its strokes about half as thick again).
# A thin sans digit gains nothing from a bolder OCR-A one: the mock-up stays unmatched.
TEMPLATE_STROKES = (0, 2)


@lru_cache(maxsize=1)
def _nik_templates() -> tuple[np.ndarray, float]:
    """The ten OCR-A digits as glyphs at each of ``TEMPLATE_STROKES`` (weights x 10 x
    glyph), and the font's pitch / digit height: rendered once, kept in the OCR cache
    folder (``readers.template_cache``)."""
    recipe = TemplateSet("ocra-nik", Path(OCR_A_FONT), Path(__file__), repr(TEMPLATE_STROKES))
    templates = kept(recipe, _rendered_nik_templates)
    return templates["digits"], float(templates["pitch_ratio"])


def _rendered_nik_templates() -> dict[str, np.ndarray]:
    font = ImageFont.truetype(OCR_A_FONT, 80)
    weights = []
    for stroke in TEMPLATE_STROKES:
        glyphs = []
        for digit in "0123456789":
            canvas = Image.new("L", (140, 160), 0)
            ImageDraw.Draw(canvas).text(
                (20, 20), digit, fill=255, font=font, stroke_width=stroke, stroke_fill=255
            )
            glyph = _glyph(np.asarray(canvas) > 127)
            assert glyph is not None
            glyphs.append(glyph)
        weights.append(np.stack(glyphs))
    bbox = font.getbbox("0")
    pitch_ratio = font.getlength("0") / (bbox[3] - bbox[1])
    return {"digits": np.stack(weights), "pitch_ratio": np.array(pitch_ratio)}


def _segments(ink: np.ndarray, count: int, pitch: float) -> list[np.ndarray]:
    """The ``count`` glyphs of a fixed-pitch line: by the gaps, else by the pitch."""
    runs = ink_runs(ink.sum(axis=0) > 0, 1)
    runs = [r for r in runs if r[1] - r[0] > 1]
    if len(runs) == count:
        return [ink[:, a:b] for a, b in runs]
    x0, x1 = runs[0][0], runs[-1][1]
    step = (x1 - x0 + pitch * 0.25) / count
    return [ink[:, round(x0 + i * step) : round(x0 + (i + 1) * step)] for i in range(count)]


def _correlate(cell: np.ndarray, template: np.ndarray) -> float:
    a = cell - cell.mean()
    b = template - template.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / denominator if denominator else 0.0


def ink_runs(on: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """Runs of True in ``on`` ([start, end)), joining gaps up to ``max_gap``."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for i, value in enumerate(on.tolist()):
        if value:
            if start is None:
                start = i
            end = i + 1
        elif start is not None and i - end >= max_gap:
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


@dataclass(frozen=True)
class NikRead:
    digits: str
    confidence: float  # 0..1
    weakest: list[tuple[int, str, float]]  # (position, runner-up digit, margin) by margin
    doubts: list[str]


def _despeckled(ink: np.ndarray) -> np.ndarray:
    """``ink`` without isolated specks (a photocopy's toner dots): a 3 px median, which
    keeps OCR-A's strokes (4 px and more on a normalised card)."""
    image = Image.fromarray(ink.astype(np.uint8) * 255, "L").filter(ImageFilter.MedianFilter(3))
    return np.asarray(image) > 127


def _digit_block(ink: np.ndarray) -> tuple[np.ndarray, int, int] | None:
    """The NIK's digits in the band: the tallest run of inked rows and the widest cluster of
    ink columns in it, the rows found again within those columns (the top of the photo or
    a neighbour line beside the digits is not part of them). Returns the block and its
    columns in the band."""
    rows_ink = ink
    cols = (0, ink.shape[1])
    for _ in range(2):
        row_runs = ink_runs(rows_ink[:, cols[0] : cols[1]].sum(axis=1) > 1, 1)
        if not row_runs:
            return None
        r0, r1 = max(row_runs, key=lambda r: r[1] - r[0])
        runs = ink_runs(ink[r0:r1].sum(axis=0) > 0, max(4, (r1 - r0) // 2))
        if not runs:
            return None
        cols = max(runs, key=lambda r: r[1] - r[0])
    return ink[r0:r1, cols[0] : cols[1]], cols[0], cols[1]


def _glyph_height(ink: np.ndarray) -> int:
    """The digits' height: the median of each glyph's own ink height when the gaps part
    them, so a line a degree askew (a photocopy's card, straightened by its corners) is
    not as tall as its rows together; else the block's height."""
    runs = [r for r in ink_runs(ink.sum(axis=0) > 0, 1) if r[1] - r[0] > 1]
    if len(runs) < 8:
        return int(ink.shape[0])
    heights = []
    for a, b in runs:
        rows = np.nonzero(ink[:, a:b].sum(axis=1))[0]
        heights.append(int(rows[-1] - rows[0] + 1))
    return int(np.median(heights))


def read_nik(band: Image.Image) -> NikRead | None:
    """The 16 OCR-A digits of the NIK band (the value part of the NIK line)."""
    rgb = np.asarray(band.convert("RGB"))
    block = _digit_block(_despeckled(ink_mask(rgb)))
    if block is None:
        return None
    ink, a, b = block
    templates, pitch_ratio = _nik_templates()
    doubts: list[str] = []
    height = _glyph_height(ink)
    expected = pitch_ratio * height * 16
    if abs((b - a) / expected - 1) > 0.2:
        doubts.append("NIK band is not 16 characters wide")
    cells = [_glyph(segment) for segment in _segments(ink, 16, pitch_ratio * height)]
    digits = []
    worst_corr = 1.0
    margins: list[tuple[int, str, float]] = []
    for i, cell in enumerate(cells):
        if cell is None:
            return None
        scores = sorted(
            ((max(_correlate(cell, weight[d]) for weight in templates), str(d)) for d in range(10)),
            reverse=True,
        )
        (s1, d1), (s2, d2) = scores[0], scores[1]
        digits.append(d1)
        worst_corr = min(worst_corr, s1)
        margins.append((i, d2, s1 - s2))
    margins.sort(key=lambda m: m[2])
    worst_margin = margins[0][2]
    if worst_corr < NIK_MIN_CORRELATION:
        doubts.append(f"NIK digit unclear (match {worst_corr:.2f})")
    if worst_margin < NIK_MIN_MARGIN:
        pos, alt, _ = margins[0]
        doubts.append(f"NIK digit {pos + 1} could be {alt}")
    confidence = max(0.0, min(1.0, worst_corr)) * min(1.0, worst_margin / 0.2)
    return NikRead("".join(digits), confidence, margins[:3], doubts)
