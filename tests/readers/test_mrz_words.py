"""readers.mrz_words: the words of a faint MRZ's names line holding unsure letters, read
alone by the MRZ model, settle the templates' doubts (issue 14, faint passports).

Unit tests on the segments and the matching, then faint pages of
``samples.passport_kinds`` (dev seeds) read whole.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from config.settings import OcrSettings
from fasdip.models import PassportReading
from readers.mrz import parse_mrz
from readers.mrz_band import MrzBand
from readers.mrz_words import (
    doubted_segments,
    reads_segment,
    unsure_places,
    without_thin_rows,
    words_name_rival,
    words_settled,
)
from readers.ocr import OcrEngine
from readers.ocr_tesserocr import ocr_engine
from readers.passport import read_passport
from samples.passport_kinds import TODAY, make_kind
from samples.passports import PassportTruth

LINE = "P<D<<MUELLER<<STEFAN".ljust(44, "<")
_ENGINE = ocr_engine(OcrSettings())  # as the application builds it (tesserocr)


@pytest.mark.parametrize(
    ("places", "segments"),
    [
        ([8], [(5, 12)]),  # MUELLER's second L: the word around it
        ([8, 16], [(5, 12), (14, 20)]),  # one word each
        ([8, 10], [(5, 12)]),  # two doubts in one word: read once
        ([13], [(5, 14)]),  # a filler after the word: the word and the fillers
        ([21], [(14, 22)]),  # the filler after STEFAN's first filler, with STEFAN
        ([30], [(28, 31)]),  # fillers far from any word: the fillers alone
    ],
)
def test_a_doubt_is_read_with_its_word(places: list[int], segments: list[tuple[int, int]]) -> None:
    assert doubted_segments(LINE, places) == segments


@pytest.mark.parametrize(
    ("text", "expected", "read"),
    [
        ("<MUELLER\n", "MUELLER", True),
        ("CMAXIMILIANZ<", "MAXIMILIAN", True),  # a neighbour's edge either side
        ("CCONCEICA0<", "CONCEICAO", True),  # a name's 0 is an O
        ("<MUEL LER<<", "MUELLER<<", True),  # a space Tesseract puts in
        ("<MUELIER", "MUELLER", False),
        ("<KORCHOTI<", "KORCHOI", False),  # a letter read otherwise: no agreement
        ("", "SEO", False),
    ],
)
def test_a_segment_is_read_only_letter_for_letter(text: str, expected: str, read: bool) -> None:
    assert reads_segment(text, expected) == read


def test_only_unsure_name_letters_are_settled_word_by_word() -> None:
    assert unsure_places(["name character 9 unsure (L or E)"]) == [(8, "L", "E")]
    # A letter joined to its neighbours' ink: the ink across it is in the word's crop too.
    assert unsure_places(["name character 10 joined to its neighbours' ink (K or X)"]) is None
    assert unsure_places(["name character 9 unsure (L or E)", "sex unsure (M or X)"]) is None


# A word's crop: paper 240, a glyph's stem (4 columns) and bar (3 rows) at 120, a wave
# one row tall at 190 across it all. Its thin rows taken out, the wave is paper between
# the strokes; the stem and the bar are as they were.
def test_a_wave_one_row_tall_is_taken_out_of_a_word_s_crop() -> None:
    a = np.full((30, 40), 240, dtype=np.uint8)
    a[5:25, 10:14] = 120  # stem
    a[5:8, 10:30] = 120  # bar
    a[15, :] = np.minimum(a[15, :], 190)  # wave
    out = np.asarray(without_thin_rows(Image.fromarray(a, "L")))
    assert (out[15, 20:] == 240).all() and (out[15, :10] == 240).all()
    assert (out[5:25, 10:14] == 120).all()
    assert (out[5:8, 10:30] == 120).all()


# Faint pages the word reader now accepts right, each with why it was refused or wrong:
ACCEPTED_RIGHT = [
    # Read right by the templates but left to an officer: one or two name letters unsure,
    # and the second readers garbled the washed-out line 1 as a whole. Each word holding
    # a doubt, read alone, reads as the templates read it.
    (1, "read right, refused"),
    (62, "read right, refused"),
    (211, "read right, refused"),
    # The templates read a name letter wrong, its rival right, and the word read alone on
    # both views names the rival.
    (22000023, "LOPEZ's L read C: COPEZ accepted"),
    (106, "CECILE's I read T: refused"),
    # A wave through every washed-out letter of CONCEICAO: its restored crop read blank,
    # the dates' crop as found garbled (931BD07T4F for 9310014F); both read with their
    # thin dark rows taken out.
    (59, "read right, refused"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "before"), ACCEPTED_RIGHT)
def test_a_faint_page_s_doubted_words_read_alone_give_its_names(seed: int, before: str) -> None:
    sample = make_kind("faint", seed)
    reading = read_passport([sample.image], _ENGINE, "a1", f"w-{seed}", TODAY)
    assert reading.accepted, before
    assert reading.surname.value == sample.truth.surname
    assert reading.given_names.value == sample.truth.given_names


# Faint dev seeds whose templates read a name wrong (NGUYEN's Y as T, AOIFE's F as T), an
# unsure I its rival: the word cut from the band as found reads the same wrong letter,
# the restored band's does not. Not accepted.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "given_names"), [(74, "NGUYEN VAN NGUYEN VAN"), (122, "AOIFE CIARAN")]
)
def test_a_word_read_wrong_alike_on_the_band_as_found_only_settles_nothing(
    seed: int, given_names: str
) -> None:
    sample = make_kind("faint", seed)
    assert sample.truth.given_names == given_names
    reading = read_passport([sample.image], _ENGINE, "a1", f"w-{seed}", TODAY)
    assert reading.given_names.value == given_names or not reading.accepted


# The band as cut and evened read a letter two ways, each reading as good as the other:
# the word read alone picks one when it reads it letter for letter (dev 166: DE VRIES
# read VRIIS as cut, VRIES evened; the word alone reads VRIES). Dev 291: CHUL's H,
# doubted H or X as cut, read R evened and CRUL was accepted; now a doubt (R or H) the
# word read alone does not settle (it reads nothing there).
@pytest.mark.slow
@pytest.mark.parametrize(("seed", "accepted"), [(166, True), (291, False)])
def test_a_letter_read_two_ways_is_settled_only_by_its_word_read_alone(
    seed: int, accepted: bool
) -> None:
    sample = make_kind("faint", seed)
    reading = read_passport([sample.image], _ENGINE, "a1", f"w-{seed}", TODAY)
    assert reading.accepted == accepted
    if reading.accepted:
        assert reading.surname.value == sample.truth.surname
        assert reading.given_names.value == sample.truth.given_names


class _Reads(OcrEngine):
    """An engine that reads every crop as ``text``."""

    def __init__(self, text: str) -> None:
        super().__init__(OcrSettings())
        self._text = text

    def text(self, image: Image.Image, **_: object) -> str:
        return self._text


def _doubted(truth: PassportTruth, doubt: str) -> PassportReading:
    reading = parse_mrz(list(truth.mrz), today=TODAY)
    return reading.model_copy(update={"accepted": False, "doubts": [doubt]})


# The templates' word with the unsure letter's rival in its place, read alone: a doubt no
# second reader settles (faint fresh seed 22000023: LOPEZ's L read C, unsure C or L, by
# the templates and the MRZ model on the whole restored line alike; its word alone reads
# LOPEZ). A word read as the templates read it, or garbled, raises none.
@pytest.mark.parametrize(("text", "raised"), [("LOPEZ<", True), ("<COPEZ<", False), ("L0P", False)])
def test_a_word_read_alone_with_the_rival_letter_is_a_doubt(text: str, raised: bool) -> None:
    sample = make_kind("faint", 22000023)
    truth_line = sample.truth.mrz[0]
    assert truth_line[12:17] == "LOPEZ"
    reading = _doubted(sample.truth, "name character 13 unsure (C or L)")
    reading = reading.model_copy(
        update={"lines": [truth_line[:12] + "C" + truth_line[13:], reading.lines[1]]}
    )
    band = MrzBand(Image.new("L", (900, 120), 255), 2, 30.0, True, (35.0, 85.0), 20.0, 880.0)
    doubts = words_name_rival(reading, band, _Reads(text), "k")
    assert doubts == (["name character 13 read alone as its rival (L)"] if raised else [])


# Read alone on both views (the stub reads every crop alike), the word names the letter
# the templates read, or its rival, or neither (garbled): the names line settled so, or
# None.
@pytest.mark.parametrize(
    ("text", "letter"), [("LOPEZ<", "L"), ("<COPEZ<", "C"), ("L0PEZ", "L"), ("IOPEZ", None)]
)
def test_the_word_read_alone_names_one_of_the_two_rivals(text: str, letter: str | None) -> None:
    sample = make_kind("faint", 22000023)
    truth_line = sample.truth.mrz[0]
    reading = _doubted(sample.truth, "name character 13 unsure (C or L)")
    line = truth_line[:12] + "C" + truth_line[13:]
    reading = reading.model_copy(update={"lines": [line, reading.lines[1]]})
    band = MrzBand(Image.new("L", (900, 120), 255), 2, 30.0, True, (35.0, 85.0), 20.0, 880.0)
    settled = words_settled(reading, band, _Reads(f"{text} {reading.lines[1]}"), "k")
    assert settled == (None if letter is None else line[:12] + letter + line[13:])


# A reading lists three doubts at most (readers.mrz_read): three may be a list cut short,
# so every word of the names line is then read alone, and none may read otherwise (dev
# 264: VNM TRAN THI MAI, three doubts, every word read alike on both views). Two doubts
# need only their own word.
@pytest.mark.parametrize(
    ("doubts", "text", "settled"),
    [
        (2, "<MUELLER<<", True),
        (3, "<MUELLER<<", False),  # STEFAN not read
        (3, "P<D<<MUELLER<<STEFAN<<", True),
    ],
)
def test_three_doubts_need_every_word_read_alone(doubts: int, text: str, settled: bool) -> None:
    listed = [
        "name character 9 unsure (L or E)",
        "name character 10 unsure (L or E)",
        "name character 14 unsure (< or K)",
    ][-doubts:]
    reading = parse_mrz([LINE, _line_2()], today=TODAY)
    reading = reading.model_copy(update={"accepted": False, "doubts": listed})
    band = MrzBand(Image.new("L", (900, 120), 255), 2, 30.0, True, (35.0, 85.0), 20.0, 880.0)
    engine = _Reads(f"{text} {reading.lines[1]}")  # line 2 read too: its sex
    assert (words_settled(reading, band, engine, "k") == LINE) == settled


def _line_2() -> str:
    sample = make_kind("faint", 1)
    return sample.truth.mrz[1]


@pytest.mark.slow
def test_a_faint_page_with_three_doubts_is_settled_by_all_its_words() -> None:
    sample = make_kind("faint", 264)
    reading = read_passport([sample.image], _ENGINE, "a1", "w-264", TODAY)
    assert reading.accepted
    assert reading.lines == list(sample.truth.mrz)


# The sex, which no check digit covers, is read alone too (between the two dates): a
# reading whose names' words are read alike but whose sex is read otherwise is not
# settled (low_res_270 fresh 15000017: an M at 6 px read X sure).
@pytest.mark.parametrize(("sex", "settled"), [("M", True), ("F", False), ("X", False)])
def test_the_sex_read_alone_must_be_the_templates(sex: str, settled: bool) -> None:
    reading = parse_mrz([LINE, _line_2()], today=TODAY)
    reading = reading.model_copy(
        update={"accepted": False, "doubts": ["name character 9 unsure (L or E)"]}
    )
    line_2 = reading.lines[1]
    assert line_2[20] == "M"
    band = MrzBand(Image.new("L", (900, 120), 255), 2, 30.0, True, (35.0, 85.0), 20.0, 880.0)
    engine = _Reads(f"<MUELLER< {line_2[:20]}{sex}{line_2[21:]}")
    assert (words_settled(reading, band, engine, "k") == LINE) == settled
