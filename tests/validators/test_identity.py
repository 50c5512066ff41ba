"""Findings from identity reads: NIK, names across documents, age for ID cards."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import (
    Attachment,
    FieldRead,
    FileFormat,
    FindingCode,
    KtpReading,
    RequestType,
    Severity,
)
from tests.validators.factories import Office
from validators.identity import (
    age_findings,
    applicant_name_findings,
    ktp_findings,
    name_mismatch_findings,
    roster_name_findings,
)

KTP = Attachment(
    id="a3",
    filename="ktp.pdf",
    declared_type="application/pdf",
    detected_format=FileFormat.pdf,
    size=1000,
    sha256="0" * 64,
)


def reading(nik: str, *, doubt: str | None = None, sex: str = "LAKI-LAKI") -> KtpReading:
    return KtpReading(
        attachment="a3",
        nik=FieldRead(value=nik, confidence=0.9, doubt=doubt),
        birth_date=FieldRead(value="1990-08-15", confidence=0.9),
        sex=FieldRead(value=sex, confidence=0.9),
    )


def test_a_good_nik_gives_no_finding(office: Office) -> None:
    assert ktp_findings(reading("3174071508900001"), KTP, office.catalog, "p1") == []


def test_an_impossible_nik_read_with_confidence_is_invalid(office: Office) -> None:
    [finding] = ktp_findings(reading("3174073002900001"), KTP, office.catalog, "p1")
    assert finding.code is FindingCode.nik_invalid
    assert "impossible birth date" in finding.text_en and finding.attachment == "a3"


def test_a_doubtful_read_gives_no_finding(office: Office) -> None:
    doubtful = reading("3174073002900001", doubt="NIK digit 7 could be 1")
    assert ktp_findings(doubtful, KTP, office.catalog, "p1") == []


def test_a_nik_of_the_other_sex_is_a_mismatch(office: Office) -> None:
    [finding] = ktp_findings(
        reading("3174071508900001", sex="PEREMPUAN"), KTP, office.catalog, "p1"
    )
    assert finding.code is FindingCode.nik_mismatch


def test_names_agree_across_accents_order_icao_and_ocr_noise(office: Office) -> None:
    names = [
        ("passport", "MUELLER<<JUERGEN<OEYVIND"),
        ("CV", "Jürgen Øyvind Müller"),
        ("note", "Müller, Jürgen"),
        ("KTP", "JURGEN 0YVIND MULLER"),  # OCR read Ø as 0
    ]
    assert name_mismatch_findings(names, office.catalog, "p1", 85) == []
    assert (
        name_mismatch_findings(
            [("passport", "GARCIA<LOPEZ<<MARIA"), ("note", "María García López")],
            office.catalog,
            "p1",
            85,
        )
        == []
    )
    assert (
        name_mismatch_findings(
            [("KTP", "RINIEUIS FIRMANSYAH"), ("CV", "Rini Euis Firmansyah")],
            office.catalog,
            "p1",
            85,
        )
        == []
    )


def test_clearly_different_names_are_a_mismatch(office: Office) -> None:
    [finding] = name_mismatch_findings(
        [("passport", "SMITH<<JOHN"), ("KTP", "BUDI SANTOSO")], office.catalog, "p1", 85
    )
    assert finding.code is FindingCode.name_mismatch
    assert finding.params["reason"] == "passport: SMITH<<JOHN / KTP: BUDI SANTOSO"


def test_under_17_only_for_id_cards(office: Office) -> None:
    today = dt.date(2026, 3, 1)
    child = dt.date(2010, 3, 2)  # 15 years old
    [finding] = age_findings(child, RequestType.id_card, today, 17, office.catalog, "p1")
    assert finding.code is FindingCode.applicant_under_17
    assert age_findings(child, RequestType.airport_pass_new, today, 17, office.catalog, "p1") == []
    assert (
        age_findings(dt.date(2009, 3, 1), RequestType.id_card, today, 17, office.catalog, "p1")
        == []
    )
    assert age_findings(None, RequestType.id_card, today, 17, office.catalog, "p1") == []


# (the documents' names, most trusted first; the name the request gives; the finding or None)
_ROSTER_NAMES = [
    # a title read before the surname: the request's name is misread, an officer looks
    ([("CV", "José Luis PEÑA")], "Pertahanan PEÑA", FindingCode.identity_doubt),
    ([("passport", "TANAKA<<HIROSHI")], "Kenji TANAKA", FindingCode.identity_doubt),
    # no word in common: two people, the mission is asked to check its papers
    ([("passport", "SMITH<<JOHN")], "Budi SANTOSO", FindingCode.name_mismatch),
    # the same person, spelled or ordered otherwise: nothing to say
    ([("passport", "GARCIA<LOPEZ<<MARIA")], "María García López", None),
    ([("KTP", "MUHAMMAD RAHMAT HIDAYAT")], "Rahmat HIDAYAT", None),
    ([], "Budi SANTOSO", None),
]


def test_the_request_s_name_against_the_documents(office: Office) -> None:
    for names, roster_name, code in _ROSTER_NAMES:
        found = roster_name_findings(names, roster_name, office.catalog, "p1", 85)
        assert [f.code for f in found] == ([code] if code else []), roster_name
        # a doubt is for officers: nothing in it is asked of the mission
        assert all(
            f.severity is Severity.info for f in found if f.code is not FindingCode.name_mismatch
        )


# Names a PDF's font could not give whole: "?" or U+FFFD where an accented letter was.
# (the documents' names, most trusted first; the finding or None)
_LOST_LETTERS = [
    # every word fits, a mark standing for the letters lost: the same name
    ([("passport", "PHAM<<MAI"), ("CV", "Mai Ph?m")], None),
    ([("passport", "MUELLER<<JUERGEN"), ("note", "J?rgen M?ller")], None),
    ([("passport", "MUELLER<<JUERGEN"), ("CV", "J\ufffdrgen M\ufffdLLER")], None),
    ([("passport", "NGUYEN<<VAN<AN"), ("CV", "Nguy?n V?n An")], None),
    ([("KTP", "LE THI HOA"), ("CV", "L? Th? Hoa")], None),
    # a word that does not fit may be the lost letters': an officer looks, nothing is asked
    ([("passport", "SCHMIDT<<HANS"), ("CV", "J?rgen M?ller")], FindingCode.identity_doubt),
    ([("passport", "PHAM<<MAI"), ("CV", "Lan Ph?m")], FindingCode.identity_doubt),
    # without a mark, two names with nothing in common are two people
    ([("passport", "SCHMIDT<<HANS"), ("CV", "Jurgen Muller")], FindingCode.name_mismatch),
]


@pytest.mark.parametrize(("names", "code"), _LOST_LETTERS, ids=[n[1][1] for n, _ in _LOST_LETTERS])
def test_a_name_with_letters_lost_in_the_pdf_is_no_mismatch(
    office: Office, names: list[tuple[str, str]], code: FindingCode | None
) -> None:
    found = name_mismatch_findings(names, office.catalog, "p1", 85)
    assert [f.code for f in found] == ([code] if code else [])
    marked = names[1][1]
    by_request = roster_name_findings([names[0]], marked, office.catalog, "p1", 85)
    assert [f.code for f in by_request] == ([code] if code else [])


def test_someone_else_s_passport_is_one_line_naming_every_paper_that_disagrees(
    office: Office,
) -> None:
    names = [("passport", "INGRID BJOERNSTAD JOHANSEN"), ("CV", "Aoife Kavanagh")]

    [finding] = applicant_name_findings(names, "Aoife KAVANAGH", office.catalog, "p1", 85)

    assert finding.code is FindingCode.name_mismatch
    assert finding.params["reason"] == (
        "passport: INGRID BJOERNSTAD JOHANSEN / CV, note: Aoife Kavanagh"
    )


def test_a_request_name_sharing_a_word_stays_an_officer_s_doubt_beside_a_mismatch(
    office: Office,
) -> None:
    names = [("passport", "SMITH<<JOHN"), ("CV", "Budi Santoso")]

    found = applicant_name_findings(names, "Attache SMITH", office.catalog, "p1", 85)

    assert sorted(f.code for f in found) == [FindingCode.identity_doubt, FindingCode.name_mismatch]
