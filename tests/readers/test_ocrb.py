"""The OCR-B templates' reading of glyph cells: one cell at a time or a retry's many at
once, the same readings."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from readers.ocrb import MRZ_CHARS, OCRB_FONT, OcrbTemplateReader


def glyph_cell(char: str, size: int, blur: float) -> np.ndarray:
    """``char`` printed in OCR-B at ``size`` px, blurred like a scan: ink 1.0, cut to its
    columns and to the line's height, as the MRZ reader cuts a cell."""
    canvas = Image.new("L", (size * 2, size * 2), 0)
    font = ImageFont.truetype(OCRB_FONT, size)
    ImageDraw.Draw(canvas).text((size // 2, size // 2), char, fill=255, font=font)
    ink = np.asarray(canvas.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float64) / 255
    top = size // 2 + min(font.getbbox(c)[1] for c in MRZ_CHARS)
    bottom = size // 2 + max(font.getbbox(c)[3] for c in MRZ_CHARS)
    cols = np.flatnonzero(ink.max(axis=0) > 0.3)
    return ink[top:bottom, cols[0] : cols[-1] + 1]


@pytest.fixture(scope="module")
def reader() -> OcrbTemplateReader:
    return OcrbTemplateReader()


@pytest.mark.parametrize(("size", "blur"), [(40, 0.0), (24, 1.0), (14, 0.8)])
def test_cells_read_together_read_as_each_alone(
    reader: OcrbTemplateReader, size: int, blur: float
) -> None:
    cells = [glyph_cell(char, size, blur) for char in MRZ_CHARS]
    together = reader.classify_many(cells)
    alone = [reader.classify(cell) for cell in cells]
    assert [g.char for g in together] == [g.char for g in alone]
    for a, b in zip(together, alone, strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-5)
    # Printed large and sharp, each character reads as itself.
    if size >= 40:
        assert "".join(g.char for g in together) == MRZ_CHARS


def test_the_best_of_some_characters_only(reader: OcrbTemplateReader) -> None:
    """A name's O is no digit 0: asked for letters only, a 0 reads as the closest letter."""
    zero = reader.classify(glyph_cell("0", 40, 0.0))
    letter, margin = zero.best_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert zero.char == "0" and letter == "O" and margin > 0
    assert zero.best_score("O") == pytest.approx(zero.scores[MRZ_CHARS.index("O")])
    assert zero.best_score(MRZ_CHARS) == zero.score
