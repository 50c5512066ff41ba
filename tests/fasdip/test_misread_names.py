"""An accepted reading whose name is a letter or two off how the note or the CV spells it is
not trusted (issue 14: "a reading is accepted only when it is right"): the registration proof
would print the reader's spelling. Seen on cards another generator drew: Liberation Serif's
I read twice ("RINII" for RINI), and a passport's faded E read as I ("OBRIIN").

Each row: the name the reader accepted, how the papers spell it, and whether an officer
must look. Transliteration and an MRZ name cut at its field's end are no misreading."""

from __future__ import annotations

import pytest

from fasdip.doubts import NameWitness, doubt_a_misread_name
from fasdip.models import FieldRead, KtpReading, PassportReading


def _note(name: str) -> NameWitness:
    return NameWitness("note", name, whole=True)


KTP_ROWS = [
    ("a phantom I after a final I", "RINII WULANDARI", [_note("Rini WULANDARI")], True),
    ("a letter doubled mid-word", "SIITI NURHALIZA", [_note("Siti NURHALIZA")], True),
    ("the same spelling", "RINI WULANDARI", [_note("Rini Wulandari")], False),
    ("the note names the surname only", "RINI WULANDARI", [_note("Ibu WULANDARI")], False),
    (
        "a wholly different name is the mismatch rule's, not a misreading",
        "AGUS SETIAWAN",
        [_note("Budi SANTOSO")],
        False,
    ),
    (
        "a file name alone (not a whole name) is too weak a witness",
        "RINII WULANDARI",
        [NameWitness("file name", "rini", whole=False)],
        False,
    ),
    (
        "a CV spelling it otherwise is a witness too",
        "KARTIKA SARII",
        [NameWitness("CV", "Kartika Sari", whole=True)],
        True,
    ),
]


@pytest.mark.parametrize(
    ("read", "witnesses", "doubted"),
    [row[1:] for row in KTP_ROWS],
    ids=[row[0] for row in KTP_ROWS],
)
def test_an_accepted_ktp_name_a_letter_off_the_papers_is_doubted(
    read: str, witnesses: list[NameWitness], doubted: bool
) -> None:
    ktp = KtpReading(attachment="a2", name=FieldRead(value=read, confidence=0.9), accepted=True)
    result = doubt_a_misread_name(ktp, read, witnesses)
    assert result.accepted is not doubted
    assert any(d.startswith("name:") for d in result.doubts) is doubted


PASSPORT_ROWS = [
    ("a faded E read as I", "OBRIIN", "LIAM", "Liam O'Brien", False, True),
    ("O'Brien is OBRIEN in an MRZ", "OBRIEN", "LIAM", "Liam O'Brien", False, False),
    ("Ø written OE", "SOERENSEN", "SOEREN", "Søren Sørensen", False, False),
    ("Å written AA", "AAKESSON", "BJOERN", "Björn Åkesson", False, False),
    ("Ü written UE", "MUELLER", "JUERGEN", "Jürgen MÜLLER", False, False),
    ("accents dropped", "GONCALVES", "JOAO", "João Gonçalves", False, False),
    (
        "a long name cut at the field's end",
        "GONCALVES ARAUJO",
        "SEBASTIAO LI",
        "Sebastião Lima GONÇALVES ARAÚJO",
        True,
        False,
    ),
    ("a given name a letter off", "SMITH", "JOHN", "Jon SMITH", False, True),
]


@pytest.mark.parametrize(
    ("surname", "given", "spelled", "cut", "doubted"),
    [row[1:] for row in PASSPORT_ROWS],
    ids=[row[0] for row in PASSPORT_ROWS],
)
def test_an_accepted_mrz_name_a_letter_off_the_note_is_doubted(
    surname: str, given: str, spelled: str, cut: bool, doubted: bool
) -> None:
    passport = PassportReading(
        attachment="a1",
        surname=FieldRead(value=surname, confidence=0.99),
        given_names=FieldRead(value=given, confidence=0.99),
        accepted=True,
    )
    result = doubt_a_misread_name(passport, f"{surname} {given}", [_note(spelled)], cut=cut)
    assert result.accepted is not doubted


def test_a_reading_in_doubt_already_is_left_as_it_is() -> None:
    ktp = KtpReading(attachment="a2", name=FieldRead(value="RINII"), doubts=["name: x"])
    assert doubt_a_misread_name(ktp, "RINII", [_note("Rini")]) == ktp


def test_a_spelling_ocr_read_on_a_scanned_note_contradicts_nothing() -> None:
    """A scanned note read "Jiirgen": the passport's JURGEN is not doubted for it."""
    passport = PassportReading(
        attachment="a1",
        surname=FieldRead(value="MUELLER", confidence=0.99),
        given_names=FieldRead(value="JUERGEN", confidence=0.99),
        accepted=True,
    )
    scanned = NameWitness("note", "Jiirgen MULLER", whole=True, typed=False)
    assert doubt_a_misread_name(passport, "MUELLER JUERGEN", [scanned]).accepted
    typed = NameWitness("note", "Jiirgen MULLER", whole=True)
    assert not doubt_a_misread_name(passport, "MUELLER JUERGEN", [typed]).accepted
