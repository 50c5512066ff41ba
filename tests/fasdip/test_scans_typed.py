"""Scans typed by what they say, and combined PDFs (issue 13, kinds 2 and 3).

Every mail here is built as another mission sends it: a scanned note under a scanner's
file name, a scan of a stay permit or a CV named by nobody, one PDF holding every document
of an applicant. The pages are drawn and read by the real Tesseract."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import Decision, DocumentType, FindingCode, Verdict
from fasdip.pipeline import Triage
from samples.files import page_scan_jpeg, photo_jpeg
from tests.fasdip.scan_builders import (
    cv_page,
    id_card_page,
    mail,
    mixed_pages_pdf,
    passport_page,
    pdf,
    scanned_pages_pdf,
    stay_permit_page,
    text_pages_pdf,
)

NOTE_VISIT = (
    "NOTE VERBALE",
    [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of",
        "Foreign Affairs, Directorate of Diplomatic Facilities, and has the honour",
        "to notify the regional visit of Mr. Ola NORDMANN, First Secretary,",
        "to Surabaya, East Java, on 21 December 2026.",
        "The Embassy avails itself of this opportunity to renew the assurances",
        "of its highest consideration.",
    ],
)
NOTE_PASS = (
    "NOTE VERBALE",
    [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of",
        "Foreign Affairs, Directorate of Diplomatic Facilities, and has the honour",
        "to request a new annual airport pass for Mr. Ola NORDMANN, First Secretary.",
        "The Embassy avails itself of this opportunity to renew the assurances",
        "of its highest consideration.",
    ],
)
PHOTO = ("Foto.jpg", "image/jpeg", photo_jpeg("red"))


def _types(verdict: Verdict, filename: str) -> set[DocumentType]:
    [att] = [a for a in verdict.attachments if a.filename == filename]
    return set(att.covers)


SCANS = [
    (
        "a scanned note under a scanner's name: read as the note, its visit date found",
        "scan0001.pdf",
        NOTE_VISIT,
        {DocumentType.diplomatic_note},
    ),
    (
        "a stay permit scanned under a camera's name",
        "IMG_20261101_0932.pdf",
        stay_permit_page("Ola NORDMANN"),
        {DocumentType.stay_permit},
    ),
    (
        "a scanned CV with an MRZ-like line of ordinary text is no passport",
        "scan0002.pdf",
        (
            "CURRICULUM VITAE",
            [*cv_page("Ola NORDMANN")[1], "P<<NORDMANN<<OLA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"],
        ),
        {DocumentType.cv},
    ),
]


@pytest.mark.parametrize(("kind", "filename", "page", "covers"), SCANS, ids=[s[0] for s in SCANS])
def test_a_scan_is_typed_by_what_it_says(
    triage: Triage, kind: str, filename: str, page, covers: set[DocumentType]
) -> None:
    note = NOTE_PASS if page is not NOTE_VISIT else NOTE_VISIT
    attachments = [pdf(filename, scanned_pages_pdf([page]))]
    if page is not NOTE_VISIT:
        attachments.insert(0, pdf("Note.pdf", text_pages_pdf([note])))
    subject = "Regional visit" if page is NOTE_VISIT else "Airport pass"
    verdict = triage.run(mail(subject, "Please find attached.", *attachments))
    assert _types(verdict, filename) == covers
    assert FindingCode.uncertain_document_type not in {f.code for f in verdict.findings}


def test_the_visit_date_of_a_scanned_note_is_read(triage: Triage) -> None:
    raw = mail(
        "Regional visit",
        "Please find attached our note.",
        pdf("scan0001.pdf", scanned_pages_pdf([NOTE_VISIT])),
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))
    assert verdict.request_type.value == "regional_visit"
    details = [f for f in verdict.findings if f.code == FindingCode.missing_detail]
    assert not [f for f in details if f.params.get("detail") == "visit_date"]
    assert [a.name for a in verdict.applicants] == ["Ola NORDMANN"]


COMBINED = [
    ("a text PDF of every document, named for the person", "Documents - Nordmann.pdf", "text"),
    (
        "a scan of every document, named for each",
        "Passport_IzinTinggal_IDCard_Nordmann.pdf",
        "scan",
    ),
    ("identity pages scanned, the CV typed, in one file", "Berkas lengkap Nordmann.pdf", "mixed"),
]


@pytest.mark.parametrize(("kind", "filename", "layout"), COMBINED, ids=[c[0] for c in COMBINED])
def test_a_combined_pdf_covers_every_document_on_its_pages(
    triage: Triage, kind: str, filename: str, layout: str
) -> None:
    pages = [
        passport_page("NORDMANN", "OLA", "FK4829163"),
        stay_permit_page("Ola NORDMANN"),
        id_card_page("Ola NORDMANN"),
        cv_page("Ola NORDMANN"),
    ]
    combined = {
        "text": lambda: text_pages_pdf(pages),
        "scan": lambda: scanned_pages_pdf(pages),
        "mixed": lambda: mixed_pages_pdf(pages[:3], pages[3:]),
    }[layout]()
    raw = mail(
        "New airport pass",
        "Screening test on 15 December 2026.",
        pdf("Note.pdf", text_pages_pdf([NOTE_PASS])),
        pdf(filename, combined),
        PHOTO,
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))
    assert _types(verdict, filename) == {
        DocumentType.passport,
        DocumentType.stay_permit,
        DocumentType.kemlu_id_card,
        DocumentType.cv,
    }
    [applicant] = verdict.applicants
    assert applicant.missing == []
    assert verdict.decision != Decision.missing_items
    [reading] = verdict.passports  # the MRZ is read on the page that has it
    assert reading.mrz_format == "TD3"


def test_a_phone_picture_of_a_document_is_read_not_taken_for_the_portrait(
    triage: Triage,
) -> None:
    """A JPG taller than wide is a portrait by its shape alone; a large light one is a page."""
    picture = page_scan_jpeg(*stay_permit_page("Ola NORDMANN"), seed=3)
    raw = mail(
        "Airport pass",
        "Please find attached.",
        pdf("Note.pdf", text_pages_pdf([NOTE_PASS])),
        ("IMG_4021.jpg", "image/jpeg", picture),
        PHOTO,
    )
    verdict = triage.run(raw)
    assert _types(verdict, "IMG_4021.jpg") == {DocumentType.stay_permit}
    assert _types(verdict, "Foto.jpg") == {DocumentType.photo}
    wrong = [f for f in verdict.findings if f.code == FindingCode.wrong_format]
    assert [f.filename for f in wrong] == ["IMG_4021.jpg"]  # a stay permit is sent as PDF
