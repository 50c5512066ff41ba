"""readers.mrz_line: a faint name letter that lost a stroke is never read as the letter
without it, on OCR-B glyphs drawn by the repo's own font (samples).

The kind (faint dev seeds 84 and 130): a washed-out line 1 has its rows set on its
darker part, so an I's foot serif or an E's lower bar lies below the cell and the
templates read T or F, sure of it. No check digit covers a name.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from config.settings import OcrSettings
from readers.mrz_boxes import BoxReads
from readers.mrz_cells import cell_span
from readers.mrz_line import LineCells
from readers.ocr import OcrEngine
from readers.passport import read_passport, templates
from samples.passport_kinds import TODAY, make_kind
from samples.passports import OCRB_FONT, _font

PITCH = 24
SIZE = 40  # OCR-B at 40 px: capitals about 29 px high, as on the 300 dpi page


def line(text: str, inks: list[float]) -> tuple[np.ndarray, tuple[int, int]]:
    """``text`` drawn in OCR-B one character a pitch, each at its own ink (1.0 black),
    and the capitals' rows."""
    image = Image.new("L", (PITCH * (len(text) + 2), 70), 0)
    draw = ImageDraw.Draw(image)
    font = _font(OCRB_FONT, SIZE)
    soft = np.zeros((image.height, image.width))
    for i, (char, ink) in enumerate(zip(text, inks, strict=True)):
        one = Image.new("L", image.size, 0)
        ImageDraw.Draw(one).text((PITCH * (i + 1), 50), char, fill=255, font=font, anchor="ls")
        soft = np.maximum(soft, np.asarray(one, dtype=np.float64) / 255.0 * ink)
    del draw
    rows = np.flatnonzero(soft.max(axis=1) > 0.05)
    return soft, (int(rows[0]), int(rows[-1]) + 1)


def read_line(
    soft: np.ndarray, rows: tuple[int, int], count: int, kept: tuple[int, int] | None = None
) -> tuple[list[str], list[str]]:
    """The line read as a names line (a letter from position 5), its doubts; the last
    glyph's columns found as ink only within ``kept`` when given (a span cut short)."""
    cols = soft[rows[0] : rows[1]].max(axis=0) > 0.3 * soft[rows[0] : rows[1]].max(axis=0).max()
    # A faint glyph's columns at its own level (``faded_ink`` does that on a band).
    cols |= soft[rows[0] : rows[1]].max(axis=0) > 0.03
    if kept is not None:
        last = np.zeros_like(cols)
        last[PITCH * count - 8 : PITCH * (count + 1) + 4] = True
        cols &= ~last | (np.arange(cols.size) >= kept[0]) & (np.arange(cols.size) < kept[1])
    grid = [(PITCH * (i + 1) + PITCH / 2 - 2, float(PITCH)) for i in range(count)]
    boxes = BoxReads(soft, templates())
    glyphs = []
    for centre, pitch in grid:
        span = cell_span(cols, centre, pitch)
        assert span is not None
        glyphs.append(boxes.read(rows, span))
    cells = LineCells(boxes, cols, rows, grid, 0, True)
    doubts: list[str] = []
    chars = cells.read(glyphs, "L" * count, doubts, [], glyphs)
    return chars, doubts


@pytest.mark.parametrize(("letter", "without"), [("I", "T"), ("E", "F")])
def test_a_faint_letter_whose_foot_lies_below_its_cell_is_never_the_letter_without_it(
    letter: str, without: str
) -> None:
    soft, rows = line("<<<<<K" + letter, [1.0] * 6 + [0.2])
    cut = (rows[0], rows[1] - 4)  # the foot below the cell, as on the washed-out line
    chars, doubts = read_line(soft, cut, 7)
    doubted = any(d.startswith("name character 7 unsure") for d in doubts)
    assert chars[6] == letter or doubted, (chars, doubts)
    assert not (chars[6] == without and not doubted)


@pytest.mark.parametrize("letter", ["I", "E", "K"])
def test_a_faint_letter_held_whole_by_its_cell_is_read_without_doubt(letter: str) -> None:
    soft, rows = line("<<<<<K" + letter, [1.0] * 6 + [0.2])
    chars, doubts = read_line(soft, rows, 7)
    assert chars[6] == letter
    assert not any(d.startswith("name character 7") for d in doubts), doubts


# Phone photo fresh seed 19000003 (SOLVEIG): the V's columns, under uneven light, were
# found as ink over 5 px of its 24; the letter read on them, W, was sure, and SOLWEIG
# accepted. A span holding under half its glyph's ink box reads no letter: whatever the
# glyph's whole box reads instead, the letter is a doubt.
@pytest.mark.parametrize("letter", ["M", "O"])
def test_a_letter_read_on_a_span_holding_under_half_its_glyph_is_a_doubt(letter: str) -> None:
    soft, rows = line("<<<<<K" + letter, [1.0] * 7)
    chars, doubts = read_line(soft, rows, 7, kept=(176, 181))  # the glyph's 164-192
    doubted = any(d.startswith("name character 7 unsure") for d in doubts)
    assert chars[6] == letter or doubted, (chars, doubts)


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    from readers.ocr_tesserocr import ocr_engine

    return ocr_engine(OcrSettings.model_validate({"engine": "tesserocr"}))


# Phone photos (fresh seeds) once accepted with a wrong name letter read on part of its
# glyph: the page is read right, or not accepted.
WRONG_ONCE = [
    # SOLVEIG's V, its columns found over 5 px of 24, read W sure: SOLWEIG accepted.
    (19000003, "SOLVEIG"),
    # JI HO's pale J: its hook outside the span, the stem read I 0.62 in its own box and
    # 0.77 nudged, though the whole ink box reads J 0.82: II HO accepted.
    (21000024, "JI HO"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "given_names"), WRONG_ONCE)
def test_a_letter_read_on_part_of_its_glyph_is_never_accepted_wrong(
    engine: OcrEngine, seed: int, given_names: str
) -> None:
    sample = make_kind("phone_photo", seed)
    reading = read_passport([sample.image], engine, "a1", f"line-{seed}", TODAY)
    assert sample.truth.given_names == given_names
    assert reading.given_names.value == given_names or not reading.accepted, reading.lines
