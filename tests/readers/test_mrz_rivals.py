"""A check-digit repair is taken only with glyph evidence (readers.mrz_rivals).

Check digits alone can pass a wrong repair (two look-alike swaps keep a digit), so a
repaired checked field is trusted only when the templates doubted the glyphs repaired.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import PassportReading
from readers.mrz import check_digit, parse_mrz
from readers.mrz_rivals import (
    another_reading_passes,
    confirmed,
    digit_twins,
    reads_names_line_alike,
    repair_without_evidence,
    settled_by_seconds,
    stroke_pair_doubt,
    strokes_lost,
)

TODAY = dt.date(2025, 6, 1)


def lines(number: str) -> list[str]:
    line1 = "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE".ljust(44, "<")
    body = number + check_digit(number) + "NLD" + "650310" + check_digit("650310")
    body += "F" + "330101" + check_digit("330101") + "<" * 14 + "<"
    return [line1, body + check_digit(body[0:10] + body[13:20] + body[21:43])]


def test_a_repair_of_a_glyph_read_clearly_is_without_evidence() -> None:
    read = lines("NX7043917")
    read[1] = read[1][:3] + "O" + read[1][4:]  # the templates read O, sure of it
    reading = parse_mrz(read, today=TODAY)
    assert reading.accepted and "document_number" in reading.repaired_fields
    assert repair_without_evidence(read, [], reading, TODAY)


def test_a_repair_of_a_glyph_the_templates_doubted_has_evidence() -> None:
    read = lines("NX7043917")
    read[1] = read[1][:3] + "O" + read[1][4:]
    reading = parse_mrz(read, today=TODAY)
    assert not repair_without_evidence(read, [(1, 3, "0")], reading, TODAY)


def test_a_reading_without_repair_needs_no_evidence() -> None:
    read = lines("NX7043917")
    reading = parse_mrz(read, today=TODAY)
    assert reading.accepted and not reading.repaired_fields
    assert not repair_without_evidence(read, [], reading, TODAY)


def test_a_swap_that_passes_only_with_a_repair_is_no_rival_reading() -> None:
    # An unsure E tried as F fails the number's check digit until a 0 is repaired to O:
    # two changes, one without any glyph evidence, against a reading that passes as read.
    read = lines("JEC809679")
    reading = parse_mrz(read, today=TODAY)
    assert reading.accepted and not reading.repaired_fields
    rival = parse_mrz([read[0], read[1][:1] + "F" + read[1][2:]], today=TODAY)
    assert "document_number" in rival.repaired_fields  # passes only repaired (or not at all)
    assert not another_reading_passes(read, [(1, 1, "F")], reading, TODAY)


def test_a_swap_that_passes_as_read_is_a_rival_reading() -> None:
    # P (25) and F (15) at weight 7 give the same check digit: the glyphs must decide.
    read = lines("P5C35062T")
    reading = parse_mrz(read, today=TODAY)
    assert reading.accepted
    assert another_reading_passes(read, [(1, 0, "F")], reading, TODAY)


def test_an_unsure_glyph_tried_as_its_second_settles_a_failing_reading() -> None:
    read = lines("421430443")
    read[1] = read[1][:2] + "T" + read[1][3:]  # the templates' T, unsure, second choice 1
    blind = parse_mrz(read, today=TODAY)  # the check digits alone repair 2 and 0 instead
    assert blind.document_number.value != "421430443"
    assert repair_without_evidence(read, [], blind, TODAY)
    settled = settled_by_seconds(read, [(1, 2, "1")], "a1", TODAY)
    assert settled is not None and settled.accepted and not settled.repaired_fields
    assert settled.document_number.value == "421430443"


def test_two_seconds_that_each_settle_a_reading_settle_nothing() -> None:
    read = lines("P5C35062T")
    read[1] = "X" + read[1][1:]  # an unsure first letter: P and F give the same digit
    assert settled_by_seconds(read, [(1, 0, "P")], "a1", TODAY) is not None
    assert settled_by_seconds(read, [(1, 0, "P"), (1, 0, "F")], "a1", TODAY) is None


@pytest.mark.parametrize(
    ("number", "twins"),
    [
        ("TL7336117", []),  # letters only before the digits: the usual prefix
        ("TL7336TT7", [(1, 0, "1"), (1, 6, "1"), (1, 7, "1")]),
        ("T697T4799", [(1, 0, "1"), (1, 4, "1")]),
        ("C01X00T47", [(1, 6, "1")]),
        ("G4A62904E", []),  # no T: only a small 1 reads as a sure T
    ],
)
def test_letters_after_a_digit_in_the_number_bring_their_digit_twins(
    number: str, twins: list[tuple[int, int, str]]
) -> None:
    line2 = f"{number}0DEU8501011M3201010".ljust(44, "<")
    assert digit_twins(["P<DEU" + "<" * 39, line2]) == twins


# ... and on glyphs under 8 px a prefix's T is tried as a 1 too: 11623200 read TT623200
# (low_res_270 fresh seed 9000053, 6.6 px), every check digit kept.
@pytest.mark.parametrize(
    ("height", "twins"),
    [(6.6, [(1, 0, "1"), (1, 1, "1")]), (0.0, []), (12.0, [])],
)
def test_a_small_page_has_its_prefix_tried_for_digit_twins(
    height: float, twins: list[tuple[int, int, str]]
) -> None:
    line2 = "TT623200<1POL7202191M3504277".ljust(43, "<") + "8"
    assert digit_twins(["P<POL" + "<" * 39, line2], height) == twins


def _unsure(reading_lines: list[str], doubts: list[str]) -> PassportReading:
    reading = parse_mrz(reading_lines, today=TODAY)
    assert reading.accepted
    return reading.model_copy(update={"accepted": False, "doubts": doubts})


THREE_DOUBTS = [
    "name character 14 unsure (< or X)",
    "name character 18 unsure (R or P)",
    "name character 21 unsure (< or K)",
]


# Three kept doubts may be a list cut short, but a second reader that read the whole
# names line alike leaves no letter to one reader (faint seed 13).
def test_a_second_reader_reading_the_whole_names_line_alike_settles_three_doubts() -> None:
    read = lines("NX7043917")
    mine = _unsure(read, THREE_DOUBTS)
    assert reads_names_line_alike(["CT" + read[0], read[1]], mine)  # a stray mark first


@pytest.mark.parametrize(
    "other",
    [
        # one letter read otherwise (WILLEKE's last E as F)
        "P<NLDDE<BRUIJN<<WILLEKF<LISELOTTE".ljust(44, "<"),
        # the line ended early: a dropped last letter is no agreement, and no filler is
        # added to make it one
        "P<NLDDE<BRUIJN<<WILLEKE<LISELOTT",
    ],
)
def test_a_second_reader_differing_anywhere_in_the_names_line_settles_nothing(
    other: str,
) -> None:
    read = lines("NX7043917")
    assert not reads_names_line_alike([other, read[1]], _unsure(read, THREE_DOUBTS))


def test_a_reading_with_a_doubt_beyond_the_names_is_not_settled_by_the_names() -> None:
    read = lines("NX7043917")
    mine = _unsure(read, ["check digit fails: birth_date"])
    assert not reads_names_line_alike(read, mine)


# A wave as dark as the washed print across a letter stays in the restored band: the
# templates (their U joined to its neighbours' ink) and the model both read HARUKA's U
# as O. Agreement on such a letter is no evidence.
def test_a_letter_joined_to_its_neighbours_ink_is_not_settled_by_agreement() -> None:
    read = lines("NX7043917")
    mine = _unsure(read, ["name character 20 joined to its neighbours' ink (E or Z)"])
    assert not reads_names_line_alike(read, mine)


# (the unsure letter's doubt, whether only the glyph's own ink can settle it)
_STROKE_DOUBTS = [
    # a U whose left stem is washed out is a J: a second reader of the same pixels reads J
    ("name character 17 unsure (J or U)", True),
    ("name character 8 unsure (F or E)", True),  # an E without its lower bar
    ("name character 9 unsure (X or K)", True),  # a K without its stem
    # the letter read has the stroke its rival lacks: a second reader sees it there
    ("name character 18 unsure (E or F)", False),
    ("name character 18 unsure (O or C)", False),
    # letters no lost stroke turns into each other: a second reader can tell them
    ("name character 16 unsure (R or F)", False),
    ("name character 9 unsure (K or <)", False),
    ("check digit fails: birth_date", False),
]


@pytest.mark.parametrize(("doubt", "stroke"), _STROKE_DOUBTS, ids=[d for d, _ in _STROKE_DOUBTS])
def test_a_letter_torn_between_two_a_stroke_apart_is_a_stroke_pair_doubt(
    doubt: str, stroke: bool
) -> None:
    assert stroke_pair_doubt(_unsure(lines("NX7043917"), [doubt])) is stroke


TWO_FILLER_DOUBTS = ["name character 23 unsure (< or 4)", "name character 24 unsure (< or T)"]


# A second reader passing every check digit and reading the unsure places alike settles
# them, whatever filler it reads as a letter elsewhere (its usual error); a place it reads
# as another letter than the templates' sure one is a disagreement (faint fresh seed
# 14000002: TNGRID accepted for INGRID; ocrb_thin dev 63: OEYVINO for OEYVIND).
@pytest.mark.parametrize(
    ("names", "settled"),
    [
        ("P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE".ljust(44, "<"), True),
        ("P<NLDDE<BRUIJN<<WILLEKE<LISELOTTEK".ljust(44, "<"), True),
        ("P<NLDDE<BRUIJN<<WILLEKE<LISELOTTF".ljust(44, "<"), False),
        ("P<NLDDE<BRUIJN<<VILLEKE<LISELOTTE".ljust(44, "<"), False),
    ],
)
def test_a_second_reader_settles_unsure_places_only_if_it_reads_no_letter_otherwise(
    names: str, settled: bool
) -> None:
    read = lines("NX7043917")
    mine = _unsure(read, TWO_FILLER_DOUBTS)
    other = parse_mrz([names, read[1]], today=TODAY)
    assert (confirmed(other, mine) is not None) == settled


# The sex is covered by no check digit and lies outside the names' line: a second reader
# reading the names alike but the sex as another letter settles nothing (low_res_270
# fresh seed 15000017: an M at 6 px read X sure; the MRZ model read M).
@pytest.mark.parametrize(("sex", "settled"), [("F", True), ("M", False), ("<", False)])
def test_a_second_reader_reading_the_sex_otherwise_settles_no_name_doubt(
    sex: str, settled: bool
) -> None:
    read = lines("NX7043917")
    mine = _unsure(read, THREE_DOUBTS)
    theirs = read[1][:20] + sex + read[1][21:]
    assert reads_names_line_alike([read[0], theirs], mine) == settled


# A doubt the band as cut raised on a faded glyph's shape (readers.mrz_lost) stands when
# the band evened reads the glyph's letter sure: evened, the washed print looks whole
# (faint fresh seed 17000027: OCONNOR's O, round at its lower left, read D sure evened and
# DCONNOR accepted). Any other doubt the evened band may settle, as before.
@pytest.mark.parametrize(
    ("doubt", "kept"),
    [
        ("name character 6 unsure (D or O)", True),
        ("name character 17 unsure (W or V)", False),
    ],
)
def test_a_washed_glyph_s_doubt_stands_when_the_band_evened_reads_it_sure(
    doubt: str, kept: bool
) -> None:
    read = lines("NX7043917")
    as_cut = _unsure(read, [doubt])
    evened = parse_mrz(read, today=TODAY)
    assert (doubt in strokes_lost(evened, as_cut)) == kept


# A letter a wave's ink joined to its neighbours as cut (two rivals named), read evened as
# a third letter sure: evening makes the wave's ink as black as the glyph's, and the
# evened reading is no better evidence (faint dev 291: CHUL's H, joined H or X as cut,
# read R evened, and CRUL accepted). A doubt a second reader must settle, naming the
# evened letter and the letter as cut. An evened letter that is one of the two rivals,
# or a letter only unsure as cut (no wave across it), raises none, as before (phone_photo
# dev 22: SABINE's A read M unsure as cut, A evened, right).
@pytest.mark.parametrize(
    ("kind", "letter", "doubt"),
    [
        ("joined to its neighbours' ink", "R", "name character 19 unsure (R or H)"),
        ("joined to its neighbours' ink", "X", None),
        ("unsure", "R", None),
    ],
)
def test_a_wave_joined_letter_read_evened_as_neither_rival_stays_in_doubt(
    kind: str, letter: str, doubt: str | None
) -> None:
    read = lines("NX7043917")
    as_cut = _unsure(read, [f"name character 19 {kind} (H or X)"])
    evened_lines = [read[0][:18] + letter + read[0][19:], read[1]]
    as_cut = as_cut.model_copy(update={"lines": [read[0][:18] + "H" + read[0][19:], read[1]]})
    evened = parse_mrz(evened_lines, today=TODAY)
    found = [d for d in strokes_lost(evened, as_cut) if d.startswith("name character 19 ")]
    assert found == ([] if doubt is None else [doubt])
