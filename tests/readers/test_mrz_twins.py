"""What the check digits cannot guard in a document number (readers.mrz_twins): like
pairs at weights 7 and 3, and cells whose templates' clear reading a rule overruled.
From the templates' scores of each cell, no image; then the pages that were accepted
wrong."""

from __future__ import annotations

import pytest

from config.settings import OcrSettings
from readers.mrz_twins import overruled_rivals, twin_doubts
from readers.ocr import OcrEngine
from readers.ocrb import MRZ_CHARS, GlyphRead
from readers.passport import read_passport
from samples.passport_kinds import TODAY, make_kind

TD3_LINE_2 = "R7X418SSP7POL6602082M2806125<<<<<<<<<<<<<<<0"
TD1_LINE_1 = "I<UTOSS8390647".ljust(30, "<")


def glyph(char: str, **others: float) -> GlyphRead:
    """A cell read ``char`` at 0.80, ``others`` (character: score) close behind it, every
    other character far (0.30)."""
    scores = dict.fromkeys(MRZ_CHARS, 0.3)
    scores.update(others)
    scores[char] = 0.80
    ranked = sorted(scores, key=lambda c: -scores[c])
    return GlyphRead(
        char=char,
        score=0.80,
        margin=0.80 - scores[ranked[1]],
        second=ranked[1],
        scores=tuple(scores[c] for c in MRZ_CHARS),
    )


def cells(line: str, close: dict[int, dict[str, float]]) -> list[GlyphRead]:
    return [glyph(c, **close.get(i, {})) for i, c in enumerate(line)]


# (line, line index, cells close to another character, the doubt expected or None)
CASES = [
    # Both S of SS at the 7th and 8th come within 0.2 of a 5: SS and 55 both pass.
    (
        TD3_LINE_2,
        1,
        {6: {"5": 0.64}, 7: {"5": 0.62}},
        "document number characters 7 and 8 read SS may be 55: the check digits cannot tell",
    ),
    # One of the two is a clear S: both would have to be misread alike.
    (TD3_LINE_2, 1, {6: {"5": 0.64}, 7: {"5": 0.40}}, None),
    # A like pair at weights 1 and 7 (the 6th and 7th) changes the check digit: no twin.
    ("R7X41SSSP7POL6602082M2806125<<<<<<<<<<<<<<<0", 1, {5: {"5": 0.7}, 6: {"5": 0.4}}, None),
    # O and 0 are told by their height (readers.mrz_zero), not here.
    ("R7X400SSP7POL6602082M2806125<<<<<<<<<<<<<<<0", 1, {3: {"O": 0.75}, 4: {"O": 0.75}}, None),
    # Every close twin is named, closest first.
    (
        "TT595645<2XXA5801257F28091045T9647T<<<<<<<58",
        1,
        {0: {"1": 0.62, "Y": 0.70}, 1: {"1": 0.64, "Y": 0.72}},
        "document number characters 1 and 2 read TT may be YY or 11: the check digits cannot tell",
    ),
    # A TD1's number starts at the 6th character of its first line.
    (
        TD1_LINE_1,
        0,
        {5: {"5": 0.7}, 6: {"5": 0.7}},
        "document number characters 1 and 2 read SS may be 55: the check digits cannot tell",
    ),
    # Names' lines hold no number.
    ("P<POLWOJCIK<<WOJCIECH<<<<<<<<<<<<<<<<<<<<<<<", 0, {6: {"5": 0.7}, 7: {"5": 0.7}}, None),
]


@pytest.mark.parametrize(("line", "index", "close", "expected"), CASES)
def test_a_like_pair_the_check_digits_cannot_guard_is_doubted_when_its_glyphs_are_close(
    line: str, index: int, close: dict[int, dict[str, float]], expected: str | None
) -> None:
    doubts = twin_doubts(cells(line, close), list(line), index)
    assert doubts == ([] if expected is None else [expected])


def kept(glyphs: list[GlyphRead], position: int, char: str) -> list[str]:
    """The line as read by the templates, but ``char`` kept at ``position`` (as a rule on
    shape or height keeps it)."""
    chars = [g.char for g in glyphs]
    chars[position] = char
    return chars


# (line as the templates read it, cells close to another character, the position and
# character a rule kept instead, the rivals expected)
OVERRULED = [
    # The templates read U clearly (0.80); a closed top kept O: U is a rival.
    ("UH281883<5NLD9903090M3112102206364226329<<52", {0: {"O": 0.68}}, (0, "O"), [(0, "U")]),
    # Height kept 0 where the templates read O by 0.3: O is a rival.
    ("OI145330<0AUS5809183F3009277<<<<<<<<<<<<<<<0", {0: {"0": 0.47}}, (0, "0"), [(0, "O")]),
    # Height kept 0 where the templates barely preferred O (as they do on zeros: the two
    # differ in height only): the height decides, no rival.
    ("OI145330<0AUS5809183F3009277<<<<<<<<<<<<<<<0", {0: {"0": 0.75}}, (0, "0"), []),
    # Nothing overruled: no rival.
    ("UH281883<5NLD9903090M3112102206364226329<<52", {}, (0, "U"), []),
    # Outside the number (the nationality) the check digits do not weigh the cell.
    ("UH281883<5NLD9903090M3112102206364226329<<52", {10: {"M": 0.5}}, (10, "M"), []),
]


@pytest.mark.parametrize(("line", "close", "kept_at", "expected"), OVERRULED)
def test_a_number_cell_whose_templates_were_overruled_keeps_their_reading_as_a_rival(
    line: str,
    close: dict[int, dict[str, float]],
    kept_at: tuple[int, str],
    expected: list[tuple[int, str]],
) -> None:
    glyphs = cells(line, close)
    assert overruled_rivals(glyphs, kept(glyphs, *kept_at), 1) == expected


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    from readers.ocr_tesserocr import ocr_engine

    return ocr_engine(OcrSettings.model_validate({"engine": "tesserocr"}))


# Pages once accepted with a wrong document number: a rule overruled the templates, and
# the check digits then passed the wrong number (phone photo 18000019: UH281883's U read
# O by shape and repaired to 0; low_res_270 18000029: OI145330's O read 0 by height and
# its 1 read T, the two errors cancelling).
@pytest.mark.slow
@pytest.mark.parametrize(("kind", "seed"), [("phone_photo", 18000019), ("low_res_270", 18000029)])
def test_a_number_read_against_its_templates_is_right_or_not_accepted(
    engine: OcrEngine, kind: str, seed: int
) -> None:
    sample = make_kind(kind, seed)
    reading = read_passport([sample.image], engine, "a1", f"overruled-{seed}", TODAY)
    number = reading.document_number.value
    assert number == sample.truth.document_number or not reading.accepted, reading.lines
