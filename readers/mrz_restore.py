"""An MRZ band with its washed-out print restored, for the MRZ model to read.

Faint print washes out part of a line (most often line 1's names): those glyphs are
a pale grey, lighter than the rest of the line by far, and a guilloche wave crosses
them lighter still. One global threshold either drops the washed glyphs or keeps the
waves, and the MRZ model (``readers.mrz_model``) then skips the washed letters.
Locally the order holds: paper, then waves, then the washed glyphs, then the
unwashed ones. So each line is thresholded against its own ink nearby: a pixel is ink
when it is darker than seven tenths of the way from the darkest ink within about two
characters to the paper (on a faint page's band the washed glyphs lie near 195, paper at
255, the waves at 240-250: threshold 237; half-way cut the washed strokes into specks
the model misread, four fifths let it read a C for a washed O as the templates did).
Where that ink is barely darker than the paper (a wave or a smudge between lines and no
glyph) nothing is kept. The result is black glyphs on white, the image the
model reads best.

Pure image work (numpy); nothing here calls Tesseract.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray
from PIL import Image

from readers.mrz_band import MrzBand
from readers.numeric import percentile

INK_SHARE = 0.7  # a pixel is ink when darker than this share of the way from local ink to paper
# Ink nearby that is lighter than the paper by less than this share of the band's full
# contrast is no glyph (a wave, a smudge): the washed glyphs measured at 0.3 of it and up.
GLYPH_CONTRAST = 0.15
WINDOW = 2.0  # the local ink is looked for this many character heights wide


def _sliding(values: NDArray[np.float64], width: int, how: str) -> NDArray[np.float64]:
    half = width // 2
    padded = np.pad(values, (half, half), mode="edge")
    windows = sliding_window_view(padded, 2 * half + 1)
    out: NDArray[np.float64] = windows.min(axis=1) if how == "min" else windows.mean(axis=1)
    return out


def _line_ink(
    line: NDArray[np.float64], paper: float, contrast: float, width: int
) -> NDArray[np.bool_]:
    """One line's ink against its local ink level (see the module's docstring)."""
    local = _sliding(_sliding(line.min(axis=0), width, "min"), width, "mean")
    depth = paper - local
    threshold = local + INK_SHARE * depth
    glyph = depth > GLYPH_CONTRAST * contrast
    ink: NDArray[np.bool_] = (line < threshold[None, :]) & glyph[None, :]
    return ink


def restored(band: MrzBand) -> Image.Image:
    """The band as black glyphs on white, each line's washed-out print restored."""
    gray = np.asarray(band.image.convert("L"), dtype=np.float64)
    height, width = gray.shape
    paper = percentile(gray, 90)
    contrast = paper - percentile(gray, 0.5)
    ink = np.zeros(gray.shape, dtype=bool)
    if contrast <= 0 or not band.line_ys:
        return band.image
    h = band.char_height
    gaps = [b - a for a, b in zip(band.line_ys, band.line_ys[1:], strict=False)]
    half = min([0.8 * h, *[0.5 * g for g in gaps]])
    x0 = max(0, round(band.left - 0.5 * h))
    x1 = min(width, round(band.right + 0.5 * h)) if band.right > band.left else width
    window = max(3, round(WINDOW * h))
    for y in band.line_ys:
        y0, y1 = max(0, round(y - half)), min(height, round(y + half))
        if y1 - y0 < 2 or x1 - x0 < window:
            continue
        ink[y0:y1, x0:x1] = _line_ink(gray[y0:y1, x0:x1], paper, contrast, window)
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))
