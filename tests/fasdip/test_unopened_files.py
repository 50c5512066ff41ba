"""A file that cannot be opened (a note under a password) is typed by its file name, all that
says what it is. The mission is asked to send it again without the password when that reply
is true whatever the file is: the name names one document, and nothing else is missing (so no
paper is said "not yet received" that may be that very file). Otherwise an officer looks."""

from __future__ import annotations

import datetime as dt

from fasdip.models import Decision, FindingCode, Severity, Verdict
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import encrypted_pdf, photo_jpeg, text_pdf

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)
NAME = "Mr. Ola NORDMANN"
NOTE = text_pdf(
    "NOTE VERBALE",
    [
        "The Embassy of the Kingdom of Norway presents its compliments to the Ministry of",
        f"Foreign Affairs and has the honour to request a new annual airport pass for {NAME},",
        "First Secretary. Screening test on 15 December 2026.",
    ],
)
PAPERS = {
    "Passport Nordmann.pdf": text_pdf("PASSPORT", [f"Name: {NAME}"]),
    "Stay permit Nordmann.pdf": text_pdf("IZIN TINGGAL", [f"Nama: {NAME}"]),
    "Kemlu ID card Nordmann.pdf": text_pdf("KARTU IDENTITAS", [f"Nama: {NAME}"]),
    "CV Nordmann.pdf": text_pdf("CURRICULUM VITAE", [f"Name: {NAME}"]),
    "Photo Nordmann.jpg": photo_jpeg("red"),
}


def triage_mail(triage: Triage, note_name: str, leave_out: str = "") -> Verdict:
    files = [(note_name, encrypted_pdf(NOTE))] + [
        (name, data) for name, data in PAPERS.items() if name != leave_out
    ]
    raw = build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="New airport pass",
        body=f"Dear Sir or Madam, please find attached our request for {NAME}.",
        attachments=[
            (name, "image/jpeg" if name.endswith(".jpg") else "application/pdf", data)
            for name, data in files
        ],
        date=WHEN,
        message_id="<password@norway-embassy.example>",
    )
    return triage.run(raw)


def test_a_note_under_a_password_is_asked_again_without_it(triage: Triage) -> None:
    verdict = triage_mail(triage, "Note 703.pdf")

    assert verdict.decision == Decision.missing_items
    [asked] = [f for f in verdict.findings if f.severity == Severity.blocking]
    assert (asked.code, asked.filename) == (FindingCode.unreadable_file, "Note 703.pdf")
    # What the note says is unknown: the screening date it may state is not asked for.
    assert FindingCode.missing_detail not in {f.code for f in verdict.findings}
    assert verdict.reply is not None
    text = verdict.reply.text
    assert 'Berkas "Note 703.pdf" tidak dapat dibuka (dilindungi kata sandi)' in text
    assert "tanpa kata sandi" in text
    assert '"Note 703.pdf" cannot be opened (protected by a password)' in text
    assert "without a password" in text
    assert "belum kami terima" not in text and "not yet received" not in text


def test_a_file_under_a_password_that_no_name_types_goes_to_an_officer(triage: Triage) -> None:
    verdict = triage_mail(triage, "scan0042.pdf")

    assert verdict.decision == Decision.officer_review
    assert FindingCode.uncertain_document_type in {f.code for f in verdict.findings}


def test_a_note_under_a_password_while_a_paper_is_missing_goes_to_an_officer(
    triage: Triage,
) -> None:
    """The locked file may be the CV the list would say was not received."""
    verdict = triage_mail(triage, "Note 703.pdf", leave_out="CV Nordmann.pdf")

    assert verdict.decision == Decision.officer_review
    assert FindingCode.uncertain_document_type in {f.code for f in verdict.findings}
