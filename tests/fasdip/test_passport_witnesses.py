"""A passport reading in doubt only on its names is settled when the mission's own typing
(the note, the CV, the file names) spells the names the reader read, word for word."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.doubts import NameWitness, confirm_passport_name
from fasdip.models import PassportReading
from readers.mrz import parse_mrz
from readers.mrz_rivals import NAMES_UNCONFIRMED

TODAY = dt.date(2026, 11, 30)
MUELLER = [
    "P<D<<MUELLER<<STEFAN<<<<<<<<<<<<<<<<<<<<<<<<",
    "AMN9074395D<<9107267M271224000080636083<<<68",
]
UNSURE = "name character 14 unsure (< or K)"
NOTE = NameWitness("note", "Stefan Müller", whole=True)
CV = NameWitness("CV", "MUELLER, Stefan", whole=True)
FILE = NameWitness("file name", "Mueller", whole=False)


def doubted(lines: list[str], *doubts: str) -> PassportReading:
    """The reader's reading of ``lines``, kept back by ``doubts``."""
    reading = parse_mrz(lines, attachment="a2", today=TODAY)
    assert reading.accepted
    return reading.model_copy(update={"accepted": False, "doubts": list(doubts)})


ROWS = [
    ("an unsure letter, the note and the CV spell the name read", [UNSURE], [NOTE, CV], True),
    (
        "names the MRZ model read alone, note and file name agree",
        [NAMES_UNCONFIRMED],
        [NOTE, FILE],
        True,
    ),
    ("the note alone: one witness is not enough", [UNSURE], [NOTE], False),
    (
        "a CV spelling it otherwise",
        [UNSURE],
        [NOTE, NameWitness("CV", "Stefan MULLER-LANG", whole=True)],
        False,
    ),
    (
        "a note read by OCR from a scan is not the mission's typing",
        [UNSURE],
        [NameWitness("note", "Stefan Müller", whole=True, typed=False), CV],
        False,
    ),
    ("a check digit in doubt too", [UNSURE, "check digit fails: birth_date"], [NOTE, CV], False),
    (
        "a glyph settled by its second choice",
        ["an unsure glyph's second choice passes the check digits: unconfirmed"],
        [NOTE, CV],
        False,
    ),
]


@pytest.mark.parametrize(("kind", "doubts", "witnesses", "settled"), ROWS, ids=[r[0] for r in ROWS])
def test_names_in_doubt_settled_by_the_missions_spelling(
    kind: str, doubts: list[str], witnesses: list[NameWitness], settled: bool
) -> None:
    reading = confirm_passport_name(doubted(MUELLER, *doubts), witnesses)
    assert reading.accepted is settled
    assert (reading.surname.value, reading.given_names.value) == ("MUELLER", "STEFAN")
    if settled:
        assert reading.doubts == [] and any("confirmed by" in n for n in reading.notes)


def test_codes_one_reader_read_alone_must_agree() -> None:
    """The nationality is covered by no check digit: read by the MRZ model alone, it must
    be the issuing state's code too."""
    other = [MUELLER[0], MUELLER[1].replace("D<<", "AUT", 1)]
    assert parse_mrz(other, today=TODAY).nationality.value == "AUT"
    assert not confirm_passport_name(doubted(other, NAMES_UNCONFIRMED), [NOTE, CV]).accepted
    assert confirm_passport_name(doubted(other, UNSURE), [NOTE, CV]).accepted


def test_a_letter_read_wrong_is_not_settled_by_the_right_spelling() -> None:
    misread = [MUELLER[0].replace("STEFAN", "STEEAN"), MUELLER[1]]
    reading = confirm_passport_name(doubted(misread, UNSURE), [NOTE, CV])
    assert not reading.accepted and reading.given_names.value == "STEEAN"
