"""Document types from file names and content: content outweighs a misleading name."""

from __future__ import annotations

import pytest

from classifiers import Classifiers
from fasdip.models import DocumentType, FileFormat
from tests.classifiers.conftest import NOTE_EN, attachment, email, mrz


def kind(classifiers: Classifiers, filename: str, text: str = "", **kw: object) -> DocumentType:
    scored = classifiers.documents.score(attachment(filename, text, **kw))  # type: ignore[arg-type]
    return classifiers.documents.decide(scored, []).document_type


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("Nota Diplomatik 123-2026.pdf", DocumentType.diplomatic_note),
        ("NV 194-ADM-2026.pdf", DocumentType.diplomatic_note),
        ("Passport_John_Smith.pdf", DocumentType.passport),
        ("PASPOR - Budi.pdf", DocumentType.passport),
        ("KITAS John Smith.pdf", DocumentType.stay_permit),
        ("Izin-Tinggal.pdf", DocumentType.stay_permit),
        ("ID Card Kemlu.pdf", DocumentType.kemlu_id_card),
        ("CV_Maria_Garcia.pdf", DocumentType.cv),
        ("Curriculum Vitae.pdf", DocumentType.cv),
        ("KTP Budi Santoso.pdf", DocumentType.ktp),
        ("Kontrak Kerja.pdf", DocumentType.employment_proof),
        ("Pas Bandara expired.pdf", DocumentType.expired_airport_pass),
        ("Laporan Kehilangan Polisi.pdf", DocumentType.police_loss_report),
        ("Surat Pernyataan Pemohon.pdf", DocumentType.applicant_statement),
        ("Surat Pernyataan Pendamping.pdf", DocumentType.companion_statement),
        ("Tentative Agenda Surabaya.pdf", DocumentType.tentative_agenda),
    ],
)
def test_an_informative_file_name_is_enough(
    classifiers: Classifiers, filename: str, expected: DocumentType
) -> None:
    assert kind(classifiers, filename) == expected


def test_a_note_is_recognised_by_its_diplomatic_formula_whatever_its_name(
    classifiers: Classifiers,
) -> None:
    text = NOTE_EN.format(what="issuance of the annual airport pass")
    assert kind(classifiers, "scan001.pdf", text) == DocumentType.diplomatic_note


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        (
            "Note 221.pdf",
            "NOTE No. VAL/PRT/221/2026\nThe Embassy has the honour to request the renewal of the "
            "annual airport pass of Mr. Joao ARAUJO, Counsellor, whose pass expired on 16 "
            "October 2026.",
        ),
        (
            "scan0042.pdf",
            "NOTA No. 12/KB/2026\nKedutaan Besar Republik Valdoria dengan hormat mengajukan "
            "permohonan perpanjangan pas bandara tahunan bagi Sdr. Budi SANTOSO.",
        ),
        (
            "Note 224.pdf",
            "The Embassy has the honour to inform that the annual airport pass of Ms. Cecile "
            "KACKAR was lost and to request a replacement. The police report is enclosed.",
        ),
    ],
    ids=["short English note on a renewal", "Indonesian note, scanner name", "lost pass"],
)
def test_a_short_note_without_the_complimentary_formula_is_still_a_note(
    classifiers: Classifiers, filename: str, text: str
) -> None:
    """A note that opens with "has the honour to" (no "presents its compliments") and talks
    of an airport pass or a police report is the note, not the pass or the report: taking
    it for them told missions their note was missing."""
    assert kind(classifiers, filename, text) == DocumentType.diplomatic_note


def test_the_mrz_makes_a_passport_of_an_uninformative_scan_name(classifiers: Classifiers) -> None:
    text = "Surname SMITH Given names JOHN\n" + mrz("SMITH", "JOHN")
    assert kind(classifiers, "document(3).pdf", text) == DocumentType.passport


def test_a_cv_named_passport_is_a_cv(classifiers: Classifiers) -> None:
    text = "CURRICULUM VITAE\nName: John SMITH\nEducation: ...\nWork experience: ..."
    assert kind(classifiers, "passport.pdf", text) == DocumentType.cv


def test_a_nik_makes_a_ktp(classifiers: Classifiers) -> None:
    text = "PROVINSI DKI JAKARTA\nKOTA JAKARTA SELATAN\nNIK : 3171011708850001\nNama : BUDI SANTOSO"
    assert kind(classifiers, "scan002.pdf", text) == DocumentType.ktp


def test_a_portrait_image_with_no_other_cue_is_taken_for_the_photo(
    classifiers: Classifiers,
) -> None:
    assert (
        kind(classifiers, "IMG_2034.jpg", fmt=FileFormat.jpeg, width=400, height=600)
        == DocumentType.photo
    )


def test_an_uninformative_scan_is_other_with_no_confidence(classifiers: Classifiers) -> None:
    scored = classifiers.documents.score(attachment("scan001.pdf", ""))
    decided = classifiers.documents.decide(scored, [])
    assert decided.document_type == DocumentType.other
    assert decided.confidence == 0.0


def test_a_combined_pdf_covers_each_document_it_holds_when_the_request_allows_it(
    classifiers: Classifiers,
) -> None:
    text = (
        "PASSPORT\nPassport No. X1234567\n" + mrz("SMITH", "JOHN") + "\n"
        "IZIN TINGGAL DINAS / DIPLOMATIC STAY PERMIT\nName: John SMITH\n"
        "KARTU IDENTITAS DIPLOMATIK\nKementerian Luar Negeri Republik Indonesia\n"
    )
    scored = classifiers.documents.score(attachment("John Smith documents.pdf", text))
    group = [[DocumentType.passport, DocumentType.stay_permit, DocumentType.kemlu_id_card]]
    assert set(classifiers.documents.decide(scored, group).covers) == set(group[0])
    alone = classifiers.documents.decide(scored, [])
    assert alone.covers == [alone.document_type]  # other requests: one file, one document


def test_a_pdf_with_a_page_that_says_nothing_is_typed_by_its_other_pages(
    classifiers: Classifiers,
) -> None:
    """A blank or unreadable page in a PDF of several is no document, and no error."""
    text = "CURRICULUM VITAE\nName: Ola NORDMANN\nEducation: Oslo\n" + "\n" + "12345 ...\n"
    cv = attachment("Scan 2026-11-02.pdf", text)
    cv = cv.model_copy(
        update={"content": cv.content.model_copy(update={"page_starts": [0, 50]})}  # type: ignore[union-attr]
    )
    [document] = classifiers.classify(email("Airport pass", "", cv)).documents
    assert document.document_type == DocumentType.cv


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the permit quotes the holder's passport number in a field
            "KARTU IZIN TINGGAL TERBATAS DIPLOMATIK\nNama / Name : Ipek OZTURK\n"
            "Kewarganegaraan / Nationality : TUR\nNo. Paspor / Passport No. : DA6209232\n"
            "Berlaku s.d. / Valid until : 31-12-2027",
            DocumentType.stay_permit,
        ),
        (  # a CV's fields name the passport and the stay permit
            "CURRICULUM VITAE\nPassport number: P1234567\nStay permit: KITAS 2C11\n"
            "Education: University of Oslo",
            DocumentType.cv,
        ),
        (  # a passport page read by OCR: the field labels are its own
            "REPUBLIC OF NORDLAND PASSPORT\nType/Jenis : P\nPassport No. : N1234567\n"
            "Date of expiry : 12 JAN 2030",
            DocumentType.passport,
        ),
    ],
    ids=["stay permit quoting a passport number", "cv naming documents", "passport page"],
)
def test_a_document_is_what_its_title_says_not_what_its_fields_name(
    classifiers: Classifiers, text: str, expected: DocumentType
) -> None:
    """A scan named `permit.pdf` typed by its words: field labels ("Passport No. :") are
    no title, so a stay permit quoting the holder's passport is a stay permit."""
    assert kind(classifiers, "permit.pdf", text) == expected
