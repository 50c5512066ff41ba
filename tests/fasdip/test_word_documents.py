"""A Word document sent as the CV or the note (issue 13, kind 6): the mission is told it is
a Word document and to send it as PDF, in both languages; never that it is an archive."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from fasdip.models import Decision, FindingCode
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import photo_jpeg, text_pdf

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)
NOTE_LINES = [
    "The Embassy of the Kingdom of Norway presents its compliments to the Ministry of Foreign",
    "Affairs, Directorate of Diplomatic Facilities, and has the honour to request the issuance",
    "of the annual airport pass for Mr. Ola NORDMANN, First Secretary.",
    "The Embassy avails itself of this opportunity to renew the assurances of its highest consideration.",
]
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx(text: str) -> bytes:
    """A minimal Word (OOXML) package, as Word writes its parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        package.writestr("docProps/core.xml", '<?xml version="1.0"?><coreProperties/>')
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def legacy_doc() -> bytes:
    """The start of a Word 97-2003 file: an OLE compound document."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 2040


NOTE_PDF = ("Note Verbale.pdf", "application/pdf", text_pdf("NOTE VERBALE", NOTE_LINES))
PASSPORT = (
    "Passport Nordmann.pdf",
    "application/pdf",
    text_pdf("PASSPORT", ["Name: Ola NORDMANN"]),
)
PHOTO = ("Photo Nordmann.jpg", "image/jpeg", photo_jpeg("red"))

CASES = [
    (
        "the CV as a Word document",
        [NOTE_PDF, PASSPORT, PHOTO, ("CV Nordmann.docx", WORD, docx("Curriculum Vitae"))],
        "CV Nordmann.docx",
    ),
    (
        "the note as a Word document (the mail says who it is for)",
        [("Nota Diplomatik.docx", WORD, docx("Note")), PASSPORT, PHOTO],
        "Nota Diplomatik.docx",
    ),
    (
        "the CV as an old Word 97-2003 file",
        [NOTE_PDF, PASSPORT, PHOTO, ("CV Nordmann.doc", "application/msword", legacy_doc())],
        "CV Nordmann.doc",
    ),
]


@pytest.mark.parametrize(("kind", "files", "word_file"), CASES, ids=[c[0] for c in CASES])
def test_a_word_document_is_asked_again_as_pdf(
    triage: Triage, kind: str, files: list[tuple[str, str, bytes]], word_file: str
) -> None:
    raw = build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="Request for a new annual airport pass",
        body="Dear Sir or Madam, we request a new annual airport pass for Mr. Ola NORDMANN. "
        "Screening test on 15 December 2026.",
        attachments=files,
        date=WHEN,
        message_id="<word@norway-embassy.example>",
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.missing_items
    codes = {f.code for f in verdict.findings}
    assert FindingCode.archive_attachment not in codes
    [finding] = [f for f in verdict.findings if f.filename == word_file]
    assert finding.code == FindingCode.wrong_format
    assert verdict.reply is not None
    text = verdict.reply.text
    assert f'"{word_file}" adalah dokumen' in text and "format PDF" in text
    assert f'"{word_file}" is a' in text and "Please save it as PDF" in text
    assert "archive" not in text and "arsip" not in text


VISIT_BODY = (
    "Dear Sir or Madam, please find attached our note on the regional visit of Mr. Ola NORDMANN."
)
VISIT_NOTE_LINES = [
    "The Embassy of the Kingdom of Norway presents its compliments to the Ministry of Foreign",
    "Affairs, Directorate of Diplomatic Facilities, and has the honour to notify the regional",
    "visit of Mr. Ola NORDMANN, First Secretary.",
]


@pytest.mark.parametrize(
    ("kind", "note", "date_asked"),
    [
        (
            "a Word note, unread: its dates are not asked, the note is asked again as PDF",
            ("Nota Diplomatik.docx", WORD, docx("Note")),
            False,
        ),
        (
            "a PDF note that states no date: the dates are asked",
            ("Note Verbale.pdf", "application/pdf", text_pdf("NOTE VERBALE", VISIT_NOTE_LINES)),
            True,
        ),
    ],
)
def test_details_a_note_we_could_not_read_may_state_are_not_asked(
    triage: Triage, kind: str, note: tuple[str, str, bytes], date_asked: bool
) -> None:
    raw = build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="Kunjungan ke Yogyakarta",
        body=VISIT_BODY,
        attachments=[note, PASSPORT],
        date=WHEN,
        message_id="<visit@norway-embassy.example>",
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.missing_items
    asked = {
        f.params.get("detail") for f in verdict.findings if f.code == FindingCode.missing_detail
    }
    assert ("visit_date" in asked) == date_asked
