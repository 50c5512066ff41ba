"""Which doubt blocks which answer (issue 13, kind 5), and doubts settled by evidence.

A doubt that could change the missing list blocks every reply; a doubt about a value read
(a name letter, an MRZ field) blocks the registration proof only, unless what is to be
said rests on that value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from config.catalog import FindingCatalog
from config.office import load_office
from config.settings import load_settings
from fasdip.decide import decide, left_to_officers
from fasdip.doubts import NameWitness, confirm_ktp_name, confirm_ktp_nik
from fasdip.models import (
    Attachment,
    Decision,
    DocumentType,
    FieldRead,
    FileFormat,
    Finding,
    FindingCode,
    KtpReading,
    RequestClassification,
    RequestType,
    Severity,
)

_OFFICE = load_office(load_settings())
_CATALOG = FindingCatalog(_OFFICE.messages, _OFFICE.requirements)
_KTP = Attachment(
    id="a3",
    filename="KTP Budi.pdf",
    declared_type="application/pdf",
    detected_format=FileFormat.pdf,
    size=100,
    sha256="0" * 64,
)
_CV = _KTP.model_copy(update={"id": "a4", "filename": "CV Budi.docx"})


def _missing_passport() -> Finding:
    return _CATALOG.make(
        FindingCode.missing_document, applicant="p1", document=DocumentType.passport
    )


def _ktp_doubt() -> Finding:
    return _CATALOG.make(
        FindingCode.identity_doubt, attachment=_KTP, applicant="p1", reason="name letter"
    )


def _nik_invalid_on_the_doubted_card() -> Finding:
    return _CATALOG.make(FindingCode.nik_invalid, attachment=_KTP, applicant="p1", reason="x")


def _outside_the_district() -> Finding:
    """A consul's KTP province (printed, and the NIK's code) outside the jurisdiction."""
    return _CATALOG.make(
        FindingCode.ktp_outside_jurisdiction, ktp_province="Jawa Timur", jurisdiction="Bali"
    )


def _unassigned() -> Finding:
    return _CATALOG.make(FindingCode.unassigned_document, attachment=_CV)


def _wrong_format() -> Finding:
    return _CATALOG.make(
        FindingCode.wrong_format,
        attachment=_CV,
        applicant="p1",
        document=DocumentType.cv,
        detected="Word",
    )


@dataclass
class Row:
    kind: str
    findings: list[Finding]
    decision: Decision


ROWS = [
    Row(
        "a name letter in doubt and a document missing: ask for it",
        [_missing_passport(), _ktp_doubt()],
        Decision.missing_items,
    ),
    Row(
        "a name letter in doubt, nothing else wrong: no proof, an officer",
        [_ktp_doubt()],
        Decision.officer_review,
    ),
    Row(
        "what would be said rests on the doubted card: an officer",
        [_nik_invalid_on_the_doubted_card(), _ktp_doubt()],
        Decision.officer_review,
    ),
    Row(
        "a document nobody can be given: the list could change",
        [_missing_passport(), _unassigned()],
        Decision.officer_review,
    ),
    Row(
        "a Word CV and a name letter in doubt: ask for the PDF",
        [_wrong_format(), _ktp_doubt()],
        Decision.missing_items,
    ),
    Row(
        "a card's name letter in doubt, its province read twice outside the district: told",
        [_outside_the_district(), _ktp_doubt()],
        Decision.missing_items,
    ),
    Row("nothing in doubt, nothing missing: the proof", [], Decision.registration_proof),
    Row(
        "a NIK read off a doubted card and a passport missing: ask for the passport only",
        [_nik_invalid_on_the_doubted_card(), _ktp_doubt(), _missing_passport()],
        Decision.missing_items,
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.kind for r in ROWS])
def test_a_doubt_blocks_only_the_answers_it_could_change(row: Row) -> None:
    findings = left_to_officers(row.findings)
    decision, _ = decide(
        RequestClassification(request_type=RequestType.airport_pass_new, confidence=1.0),
        _OFFICE.requirements.request_types[RequestType.airport_pass_new],
        findings,
        has_documents=True,
        confidence_threshold=0.6,
    )
    assert decision == row.decision
    if decision == Decision.missing_items:  # nothing resting on a doubt is asked of the mission
        asked = {f.code for f in findings if f.severity == Severity.blocking}
        assert FindingCode.nik_invalid not in asked


def _ktp_read(name: str, *, nik_doubt: str | None = None) -> KtpReading:
    return KtpReading(
        attachment="a3",
        nik=FieldRead(value="3171011708850001", confidence=0.9, doubt=nik_doubt),
        name=FieldRead(value=name, confidence=0.6, doubt="name word read as 'SANT0SO'"),
        nik_valid=True,
        doubts=[f"name: name word read as {name!r}"],
    )


NOTE = NameWitness("note", "Budi SANTOSO", whole=True)
CV = NameWitness("CV", "Budi Santoso", whole=True)
FILE = NameWitness("file name", "santoso jakarta", whole=False)

WITNESS_ROWS = [
    (
        "note, CV and file name agree; one letter off",
        "BUDI SANTDSO",
        [NOTE, CV, FILE],
        "BUDI SANTOSO",
    ),
    ("note and file name agree", "BUDI SANTOSQ", [NOTE, FILE], "BUDI SANTOSO"),
    ("only the note says it: still a doubt", "BUDI SANTDSO", [NOTE], None),
    (
        "the CV spells it otherwise: still a doubt",
        "BUDI SANTDSO",
        [NOTE, NameWitness("CV", "Budi SANTOSA", whole=True)],
        None,
    ),
    (
        "a file name spells it otherwise: still a doubt",
        "BUDI SANTDSO",
        [NOTE, CV, NameWitness("file name", "santosa", whole=False)],
        None,
    ),
    ("two letters off: still a doubt", "BUOI SANTDSO", [NOTE, CV, FILE], None),
    (
        "a particle the note leaves out (I Gusti): the fullest spelling",
        "I GUSTI NGURAH PUTRA",
        [
            NameWitness("note", "Gusti Ngurah PUTRA", whole=True),
            NameWitness("CV", "I Gusti Ngurah Putra", whole=True),
        ],
        "I GUSTI NGURAH PUTRA",
    ),
]


@pytest.mark.parametrize(
    ("kind", "read", "witnesses", "settled"), WITNESS_ROWS, ids=[r[0] for r in WITNESS_ROWS]
)
def test_an_unsure_name_letter_is_settled_by_agreeing_witnesses(
    kind: str, read: str, witnesses: list[NameWitness], settled: str | None
) -> None:
    result = confirm_ktp_name(_ktp_read(read), witnesses)
    if settled is None:
        assert not result.accepted and result.name.value == read
    else:
        assert result.accepted and result.name.value == settled and result.name.doubt is None


def test_a_nik_in_doubt_is_not_settled_by_the_name_s_witnesses() -> None:
    result = confirm_ktp_name(_ktp_read("BUDI SANTDSO", nik_doubt="digit 7 unsure"), [NOTE, CV])
    assert not result.accepted


# ---------------------------------------------------------------- a NIK settled by a second read

_MAN = "3171011708850001"  # Jakarta Pusat, Gambir; born 17-08-1985; a man
_WOMAN = "3171015708850002"  # the same date, day + 40: a woman
_TODAY = dt.date(2026, 11, 16)


def _card(*, nik: str = "8178082188447875", birth: str | None = "1985-08-17") -> KtpReading:
    """A KTP scan whose NIK the card reader got wrong and knows it."""
    return KtpReading(
        attachment="a3",
        nik=FieldRead(value=nik, confidence=0.01, doubt="NIK digit unclear (match 0.06)"),
        name=FieldRead(value="BUDI SANTOSO", confidence=0.9),
        birth_date=FieldRead(value=birth, confidence=0.9 if birth else 0.0),
        sex=FieldRead(value="LAKI-LAKI", confidence=0.9),
        nik_valid=False,
        nik_problems=["unknown regency/city code 81.78"],
        doubts=["NIK digit unclear (match 0.06)"],
    )


def _card_text(nik: str, born: str = "JAKARTA, 17-08-1985") -> str:
    """The card read whole by Tesseract, as it reads it (a colon read as 1)."""
    return (
        f"PROVINSI DKI JAKARTA\nKOTA JAKARTA PUSAT\nNIK 1 {nik}\nNama : BUDI SANTOSO\n"
        f"Tempat/Tgl Lahir: {born}\nJenis Kelamin : LAKI-LAKI\nJAKARTA PUSAT\n14-01-2025\n"
    )


NIK_ROWS = [
    ("a valid NIK agreeing with the printed date and sex", _card(), _card_text(_MAN), _MAN),
    (
        "the printed date not read by the card reader: the date written on the card",
        _card(birth=None),
        _card_text(_MAN),
        _MAN,
    ),
    (
        "the printed date not read and not written anywhere: still a doubt",
        _card(birth=None),
        _card_text(_MAN, born="JAKARTA"),
        None,
    ),
    (
        "a NIK whose date is not the printed one: still a doubt",
        _card(birth="1985-08-18"),
        _card_text(_MAN),
        None,
    ),
    ("a woman's NIK on a man's card: still a doubt", _card(), _card_text(_WOMAN), None),
    (
        "a NIK of an unknown region: still a doubt",
        _card(),
        _card_text("9999011708850001"),
        None,
    ),
    (
        "the card reader's NIK is valid too and differs: still a doubt",
        _card(nik="3171011708850009").model_copy(update={"nik_valid": True, "nik_problems": []}),
        _card_text(_MAN),
        None,
    ),
    ("nothing read on the page: still a doubt", _card(), "", None),
]


@pytest.mark.parametrize(
    ("kind", "card", "text", "settled"), NIK_ROWS, ids=[r[0] for r in NIK_ROWS]
)
def test_a_nik_in_doubt_is_settled_by_a_second_reading_that_agrees_with_the_card(
    kind: str, card: KtpReading, text: str, settled: str | None
) -> None:
    result = confirm_ktp_nik(card, text, _TODAY)
    if settled is None:
        assert not result.accepted and result.nik.value == card.nik.value
    else:
        assert result.accepted and result.nik.value == settled and result.nik.doubt is None
        assert result.doubts == [] and result.birth_date.value == "1985-08-17"


def test_a_name_two_letters_off_is_settled_when_the_card_prints_the_witnesses_spelling() -> None:
    read = _ktp_read("IIUDI SANTOSO")
    assert not confirm_ktp_name(read, [NOTE, CV]).accepted
    text = _card_text(_MAN)
    result = confirm_ktp_name(read, [NOTE, CV], text)
    assert result.accepted and result.name.value == "BUDI SANTOSO"
    other = text.replace("BUDI SANTOSO", "BUDI SANTOSA")
    assert not confirm_ktp_name(read, [NOTE, CV], other).accepted
