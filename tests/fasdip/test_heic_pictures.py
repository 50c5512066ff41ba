"""An iPhone picture sent as HEIC (what iPhones save by default): typed by what it shows like
any picture (a portrait on red is the photo, a passport page is the passport by its MRZ), and
refused by the format rule with the exact words: the photo must be JPG, the passport PDF.
The HEIC files are real ones, encoded here by pillow-heif (libheif with x265)."""

from __future__ import annotations

import datetime as dt
import io

import pillow_heif
import pytest
from PIL import Image

from fasdip.models import Decision, DocumentType, FindingCode, Severity, Verdict
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import photo_jpeg, text_pdf
from samples.passports import make_passport

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)
HEIC = "image/heic"


def heic(image: Image.Image) -> bytes:
    """``image`` as an iPhone writes it: HEIF, HEVC-coded."""
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image.convert("RGB")).save(buffer, quality=80)
    data = buffer.getvalue()
    assert data[4:12] == b"ftypheic"
    return data


def applicant(given: str, surname: str) -> str:
    return f"Mr. {given.title()} {surname}"


def note_pdf(name: str) -> bytes:
    return text_pdf(
        "NOTE VERBALE",
        [
            "The Embassy of the Kingdom of Norway presents its compliments to the Ministry of",
            "Foreign Affairs, Directorate of Diplomatic Facilities, and has the honour to request",
            f"the issuance of the annual airport pass for {name}, First Secretary.",
            "Screening test on 15 December 2026.",
        ],
    )


def papers(name: str) -> list[tuple[str, str, bytes]]:
    """The note and the papers of a new pass besides the passport and the photo."""
    return [
        ("Note Verbale.pdf", "application/pdf", note_pdf(name)),
        ("Stay permit.pdf", "application/pdf", text_pdf("IZIN TINGGAL", [f"Nama: {name}"])),
        ("Kemlu ID card.pdf", "application/pdf", text_pdf("KARTU IDENTITAS", [f"Nama: {name}"])),
        ("CV.pdf", "application/pdf", text_pdf("CURRICULUM VITAE", [f"Name: {name}"])),
    ]


def triage_mail(triage: Triage, attachments: list[tuple[str, str, bytes]], name: str) -> Verdict:
    raw = build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="Request for a new annual airport pass",
        body=f"Dear Sir or Madam, please find attached our request for {name}.",
        attachments=attachments,
        date=WHEN,
        message_id="<heic@norway-embassy.example>",
    )
    return triage.run(raw)


def document_of(verdict: Verdict, filename: str) -> DocumentType:
    [attachment] = [a for a in verdict.attachments if a.filename == filename]
    assert attachment.document_type is not None
    return attachment.document_type


@pytest.mark.slow
def test_an_iphone_photo_in_heic_is_the_photo_asked_again_as_jpg(triage: Triage) -> None:
    sample = make_passport(2)
    name = applicant(sample.truth.given_names_printed, sample.truth.surname_printed)
    portrait = Image.open(io.BytesIO(photo_jpeg("red", width=900, height=1200, seed=4)))
    passport = ("Passport.pdf", "application/pdf", sample.pdf("jpeg"))
    verdict = triage_mail(
        triage,
        [
            *papers(name),
            passport,
            ("IMG_4471.HEIC", HEIC, heic(portrait)),
        ],
        name,
    )
    assert document_of(verdict, "IMG_4471.HEIC") == DocumentType.photo
    assert verdict.decision == Decision.missing_items
    [finding] = [f for f in verdict.findings if f.severity == Severity.blocking]
    assert finding.code == FindingCode.wrong_format
    assert verdict.reply is not None
    text = verdict.reply.text
    assert '"IMG_4471.HEIC" (Foto berlatar belakang merah) berformat HEIC' in text
    assert "Mohon kirimkan kembali dalam format JPG" in text
    assert '"IMG_4471.HEIC" (Photograph with a red background) is in HEIC format' in text
    assert "Please send it again as JPG" in text
    assert "Other document" not in text and "Dokumen lain" not in text


@pytest.mark.slow
def test_a_passport_page_photographed_in_heic_is_the_passport_asked_again_as_pdf(
    triage: Triage,
) -> None:
    sample = make_passport(2)
    name = applicant(sample.truth.given_names_printed, sample.truth.surname_printed)
    verdict = triage_mail(
        triage,
        [
            *papers(name),
            ("IMG_5012.HEIC", HEIC, heic(sample.image)),
            ("Photo.jpg", "image/jpeg", photo_jpeg("red")),
        ],
        name,
    )
    assert document_of(verdict, "IMG_5012.HEIC") == DocumentType.passport
    assert verdict.decision == Decision.missing_items
    [finding] = [f for f in verdict.findings if f.severity == Severity.blocking]
    assert finding.code == FindingCode.wrong_format
    assert verdict.reply is not None
    assert '"IMG_5012.HEIC" (Copy of the passport (data page)) is in HEIC' in verdict.reply.text
    assert "Please send it again as PDF" in verdict.reply.text
