"""A Word document sent as the CV or the note (issue 13, kind 6): the mission is told it is
a Word document and to send it as PDF, in both languages; never that it is an archive."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from fasdip.models import Decision, FindingCode, RequestType, Verdict
from fasdip.pipeline import Triage
from fieldmail import render
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


def broken_docx() -> bytes:
    """A Word package whose main part is not well-formed (saved half-way)."""
    whole = docx("NOTE VERBALE")
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(whole)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for name in source.namelist():
            data = source.read(name)
            package.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
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
    assert f'"{word_file}" (' in text and ") adalah dokumen" in text and "format PDF" in text
    assert ") is a" in text and "Please save it as PDF" in text
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
            "a Word note we cannot read: its dates are not asked, the note is asked again as PDF",
            ("Nota Diplomatik.docx", WORD, broken_docx()),
            False,
        ),
        (
            "a Word note, read, that states no date: the dates are asked",
            ("Nota Diplomatik.docx", WORD, docx(" ".join(VISIT_NOTE_LINES))),
            True,
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


# A note whose only wording is in a Word file: the mail says nothing but "attached". The
# note is read as the same note sent as PDF would be (request, dates, who it is for), and
# the Word file is still asked again as PDF.
ATTACHED_ONLY = "Dear Sir or Madam, please find our note attached."
OPENING = (
    "The Embassy of the Kingdom of Norway presents its compliments to the Ministry of Foreign "
    "Affairs, Directorate of Diplomatic Facilities, and has the honour to "
)
DOCX_ONLY = [
    (
        "a regional visit with its dates",
        [
            OPENING + "notify the regional visit of Mr. Ola NORDMANN, First Secretary, to "
            "Yogyakarta from 14 to 16 December 2026.",
            "The purpose of the visit is to meet the Governor of the Special Region of Yogyakarta.",
        ],
        RequestType.regional_visit,
        ["Ola NORDMANN"],
        set(),
    ),
    (
        "new airport passes for two",
        [
            OPENING + "request the issuance of new annual airport passes for Mr. Ola NORDMANN, "
            "First Secretary, and Ms. Kari NORDMANN, Attaché."
        ],
        RequestType.airport_pass_new,
        ["Ola NORDMANN", "Kari NORDMANN"],
        {"screening_date"},
    ),
    (
        "identity cards",
        [
            OPENING + "request the issuance of diplomatic identity cards for Mr. Ola NORDMANN, "
            "First Secretary, and Ms. Kari NORDMANN, Attaché."
        ],
        RequestType.id_card,
        ["Ola NORDMANN", "Kari NORDMANN"],
        set(),
    ),
]


def _note_mail(note: tuple[str, str, bytes], key: str) -> bytes:
    return build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="Nota Diplomatik",
        body=ATTACHED_ONLY,
        attachments=[note, PASSPORT],
        date=WHEN,
        message_id=f"<{key}@norway-embassy.example>",
    )


def _judged(verdict: Verdict) -> tuple[object, ...]:
    details = {
        f.params.get("detail") for f in verdict.findings if f.code == FindingCode.missing_detail
    }
    return (
        verdict.request_type,
        [(a.name, a.documents, a.missing) for a in verdict.applicants],
        details,
    )


@pytest.mark.parametrize(
    ("kind", "lines", "request_type", "names", "details"), DOCX_ONLY, ids=[c[0] for c in DOCX_ONLY]
)
def test_a_note_sent_only_as_word_is_read_as_its_pdf_would_be(
    triage: Triage,
    kind: str,
    lines: list[str],
    request_type: RequestType,
    names: list[str],
    details: set[str],
) -> None:
    word = triage.run(_note_mail(("Nota Diplomatik.docx", WORD, render.docx(lines)), "w"))
    pdf = triage.run(
        _note_mail(("Nota Diplomatik.pdf", "application/pdf", text_pdf(lines[0], lines[1:])), "p")
    )
    assert word.request_type == request_type
    assert [a.name for a in word.applicants] == names
    asked = {f.params.get("detail") for f in word.findings if f.code == FindingCode.missing_detail}
    assert asked == details
    assert _judged(word) == _judged(pdf)
    [finding] = [f for f in word.findings if f.filename == "Nota Diplomatik.docx"]
    assert finding.code == FindingCode.wrong_format
    assert word.decision == Decision.missing_items


@pytest.mark.parametrize(
    ("kind", "data", "codes", "decision"),
    [
        (
            "damaged: said to be damaged, asked again as PDF; what it asks is unknown",
            broken_docx(),
            {FindingCode.unreadable_file, FindingCode.wrong_format},
            Decision.officer_review,
        ),
        (
            "a zip bomb: an officer looks (nothing is guessed to the mission)",
            docx("NOTE VERBALE " + " " * 6_000_000),
            {FindingCode.limit_exceeded, FindingCode.wrong_format},
            Decision.officer_review,
        ),
    ],
)
def test_a_word_note_we_cannot_read_is_a_clear_finding(
    triage: Triage, kind: str, data: bytes, codes: set[FindingCode], decision: Decision
) -> None:
    verdict = triage.run(_note_mail(("Nota Diplomatik.docx", WORD, data), "b"))
    found = {f.code for f in verdict.findings if f.filename == "Nota Diplomatik.docx"}
    assert found == codes
    assert verdict.decision == decision
