"""readers.mrz_faint: a faint MRZ's line ends found on its glyphs, and a name letter whose
ink runs on into its neighbours' left to an officer (issue 14, faint passports).

Unit tests on ink drawn here, then the faint pages of ``samples.passport_kinds`` (dev
seeds) that showed each failure: real band search, real OCR-B templates.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from config.settings import OcrSettings
from fasdip.models import PassportReading
from readers.mrz import parse_mrz
from readers.mrz_band import find_band
from readers.mrz_cells import Strip, faded_ink
from readers.mrz_faint import crossed, glyph_ends, without_waves
from readers.mrz_ink import ink_gray
from readers.mrz_read import grid_text
from readers.mrz_rivals import confirmed
from readers.ocr import OcrEngine
from readers.passport import read_passport, templates
from samples.passport_kinds import TODAY, make_kind

PITCH = 29.0
HEIGHT = 30


def glyphs_at(ink: np.ndarray, strip: Strip, first: int, count: int) -> None:
    """``count`` glyph-like blocks (two stems and a bar) from column ``first``."""
    for k in range(count):
        x = first + round(k * PITCH)
        ink[strip.top : strip.bottom, x : x + 3] = True
        ink[strip.top : strip.bottom, x + 14 : x + 17] = True
        ink[strip.top : strip.top + 3, x : x + 17] = True


def test_the_line_ends_are_moved_to_the_outermost_glyphs_when_the_band_s_lie_outside() -> None:
    # The faint level took paper noise a character and a half before the first glyph
    # into the line: the band's left end lay at 45, its first glyph at 90.
    ink = np.zeros((120, 1400), dtype=bool)
    lines = [Strip(20, 48, 0, 1400), Strip(68, 98, 0, 1400)]
    for strip in lines:
        glyphs_at(ink, strip, 90, 44)
    ink[30:32, 40:60] = True  # a wave's stroke before the line: no glyph
    right = 90 + round(43 * PITCH) + 17
    assert glyph_ends(ink, lines, (45.0, float(right)), PITCH) == (90.0, float(right))


# Fragments of a guilloche wave in a phone photo's margin, thresholded as faded print,
# stood before line 1 like narrow glyphs (fresh phone_photo 24000020: runs of 13-35 px
# of ink against its glyphs' 220): the grid began two cells early and every field was
# read wrong. Drawn: thin specks of glyph height but little ink before each line.
@pytest.mark.parametrize("specks", [[(40, 5)], [(40, 5), (62, 5)], [(62, 5)]])
def test_weak_runs_at_a_line_s_end_are_no_glyphs(specks: list[tuple[int, int]]) -> None:
    ink = np.zeros((120, 1400), dtype=bool)
    lines = [Strip(20, 48, 0, 1400), Strip(68, 98, 0, 1400)]
    for strip in lines:
        glyphs_at(ink, strip, 90, 44)
    for x, width in specks:
        ink[24:40:3, x : x + width] = True  # every third row: a broken wave, not a stem
    right = 90 + round(43 * PITCH) + 17
    assert glyph_ends(ink, lines, (40.0, float(right)), PITCH) == (90.0, float(right))


def test_line_ends_near_the_glyphs_are_kept() -> None:
    ink = np.zeros((120, 1400), dtype=bool)
    lines = [Strip(20, 48, 0, 1400), Strip(68, 98, 0, 1400)]
    for strip in lines:
        glyphs_at(ink, strip, 50, 44)
    right = 50 + round(43 * PITCH) + 17
    ends = (46.0, right + 3.0)  # a few pixels off: the band's own are as good
    assert glyph_ends(ink, lines, ends, PITCH) == ends


def _reading(doubt: str) -> PassportReading:
    lines = [
        "P<BRAGONCALVES<<ANTONTO<JOAO<<<<<<<<<<<<<<<<",
        "WP88762325BRA0308094M24022626012904047966684",
    ]
    reading = parse_mrz(lines, attachment="a1", today=TODAY)
    return reading.model_copy(update={"accepted": False, "doubts": [doubt]})


def test_a_joined_letter_s_doubt_is_not_settled_by_a_second_reader() -> None:
    # A wave as dark as the washed-out print ran through a faint I and its neighbours:
    # the templates read T in doubt, and Tesseract, seeing the same ink, read T too; the
    # two agreeing accepted ANTONTO for ANTONIO.
    cols = np.zeros(200, dtype=bool)
    cols[60:92] = True  # the cell's ink runs from its left neighbour into its right
    plain = "name character 22 unsure (T or I)"
    faint = (np.full((HEIGHT, 200), 0.3), 0.9)  # washed-out print: a third of the band's
    doubt = crossed(cols, (76.0, PITCH), faint, plain)
    assert doubt != plain and doubt.startswith("name character 22")
    mine = _reading(doubt)
    other = parse_mrz(mine.lines, attachment="a1", today=TODAY)
    assert confirmed(other, mine) is None
    assert confirmed(other, _reading(plain)) is not None  # a plain doubt still may be


def test_a_letter_alone_in_its_columns_keeps_its_plain_doubt() -> None:
    cols = np.zeros(200, dtype=bool)
    cols[68:85] = True
    plain = "name character 22 unsure (T or I)"
    assert crossed(cols, (76.0, PITCH), (np.full((HEIGHT, 200), 0.3), 0.9), plain) == plain


def test_a_dark_letter_joined_to_its_neighbours_keeps_its_plain_doubt() -> None:
    # Print as dark as the band's: the waves stay paper, the joined ink is its own.
    cols = np.zeros(200, dtype=bool)
    cols[60:92] = True
    plain = "name character 22 unsure (T or I)"
    assert crossed(cols, (76.0, PITCH), (np.full((HEIGHT, 200), 0.8), 0.9), plain) == plain


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "faint", "line"),
    [
        # Found only at the faint level by the usual search, the band was cut from the
        # lines' own ends: line 1's washed-out end 16 px short sheared it (GONCALZZS).
        (3, False, "P<BRAGONCALVES<<ANTON"),
        # Paper noise a character and a half before the lines: every cell one early
        # (<P<AUSWILSON<<LIAM..., the last check digit lost).
        (39, False, "P<AUSWILSON<<LIAM<<<"),
        (5, True, "P<UNOPHAM<<THI<MAI<NGUYEN<VAN<<"),
    ],
)
def test_a_faint_page_s_band_is_read_straight_and_from_its_first_glyph(
    seed: int, faint: bool, line: str
) -> None:
    sample = make_kind("faint", seed)
    band = find_band(ink_gray(sample.image), faint=faint)
    assert band is not None
    read = grid_text(band, templates())
    assert read.lines[0].startswith(line)
    assert read.lines[1].startswith(sample.truth.document_number)


@pytest.mark.slow
def test_a_faint_i_crossed_by_a_wave_is_never_accepted_as_t() -> None:
    sample = make_kind("faint", 3)
    engine = OcrEngine(OcrSettings())
    reading = read_passport([sample.image], engine, "a1", "faint-3", TODAY)
    assert reading.given_names.value == "ANTONIO JOAO" or not reading.accepted
    assert reading.surname.value == "GONCALVES"


# Fresh faint seed 5000017: KLAUS, its L washed out to a stem and a foot lighter still,
# read I by the templates (I or Z) and by the MRZ model on the restored band alike; the
# two agreeing accepted KIAUS. The foot runs to the right of the stem only: no I.
@pytest.mark.slow
def test_a_washed_out_l_read_i_by_both_readers_is_not_accepted() -> None:
    sample = make_kind("faint", 5000017)
    assert sample.truth.given_names == "KLAUS PETER JUERGEN"
    engine = OcrEngine(OcrSettings())
    reading = read_passport([sample.image], engine, "a1", "faint-5000017", TODAY)
    assert reading.given_names.value == sample.truth.given_names or not reading.accepted


def _faint_line_with_a_wave() -> tuple[np.ndarray, Strip, list[tuple[float, float]]]:
    """A line of 24 I-like glyphs, the first 8 dark, the rest washed out to the grey of
    a wave (2 px thick) that runs along the washed-out part across the glyphs."""
    values = np.full((70, 30 + round(24 * PITCH)), 240, dtype=np.uint8)
    strip = Strip(20, 20 + HEIGHT, 0, values.shape[1])
    grid = [(30 + k * PITCH + 8.0, PITCH) for k in range(24)]
    for k, (centre, _) in enumerate(grid):
        grey = 90 if k < 8 else 200
        x = round(centre)
        values[strip.top : strip.bottom, x - 2 : x + 2] = grey  # the stem
        values[strip.top : strip.top + 3, x - 7 : x + 8] = grey  # the serifs
        values[strip.bottom - 3 : strip.bottom, x - 7 : x + 8] = grey
    values[38:40, round(grid[8][0]) - 14 :] = 205  # the wave
    return values, strip, grid


def test_a_wave_across_washed_out_glyphs_is_taken_out_of_the_gaps_only() -> None:
    values, strip, grid = _faint_line_with_a_wave()
    level = (float(np.percentile(values, 3)) + float(np.median(values))) / 2
    ink = faded_ink(values, values <= level, strip, HEIGHT)
    gaps = [round((a[0] + b[0]) / 2) for a, b in itertools.pairwise(grid[8:])]
    assert all(ink[38:40, x].any() for x in gaps)  # joined: every span runs on
    cleaned, clean_ink = without_waves(values, ink, strip, grid, HEIGHT)
    assert not any(clean_ink[strip.top : strip.bottom, x].any() for x in gaps)
    for centre, _ in grid:  # every glyph keeps its stem and serifs
        x = round(centre)
        assert clean_ink[strip.top + 1, x - 6 : x + 7].all()
        assert clean_ink[strip.top : strip.bottom, x].all()
    assert (cleaned[strip.top : strip.bottom, gaps] >= 230).all()


def test_a_dark_line_is_left_as_it_is() -> None:
    values, strip, grid = _faint_line_with_a_wave()
    values[values == 200] = 90  # no washed-out stretch: the wave stays paper-light
    ink = values <= 150
    cleaned, clean_ink = without_waves(values, ink, strip, grid, HEIGHT)
    assert (cleaned == values).all() and (clean_ink == ink).all()


# A guilloche's wave as dark as the washed-out print joined faint letters to their
# neighbours: ANTONIO read ANTONTO, EMRE ETRF, DAISUKE IAISUKE (faint dev seeds 3, 13, 43).
@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "names"),
    [(3, "GONCALVES<<ANTONIO<JOAO<"), (13, "OEZTUERK<<EMRE<<"), (43, "SUZUKI<<DAISUKE<<")],
)
def test_a_faint_line_crossed_by_waves_reads_its_names(seed: int, names: str) -> None:
    band = find_band(ink_gray(make_kind("faint", seed).image))
    assert band is not None
    read = grid_text(band, templates())
    assert read.lines[0][5:].startswith(names)
