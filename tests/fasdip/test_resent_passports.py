"""A passport sent in the wrong form (a JPG, not the PDF asked for) must be sent again; it is
read all the same, so that an expiry it shows is told in the same reply, not only after the
mission has taken the trouble to send the same expired passport as a PDF."""

from __future__ import annotations

import datetime as dt
import random

from fasdip.models import Decision, FindingCode, Severity, Verdict
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import photo_jpeg, text_pdf
from samples.passport_truth import make_truth, with_mrz
from samples.passports import render_page
from samples.scan_files import to_jpeg

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)


def passport_jpeg(expiry: dt.date, seed: int = 7) -> tuple[bytes, str]:
    """A clean passport data page as a JPG, expiring on ``expiry``, and its holder's name."""
    truth = make_truth(seed, WHEN.date())
    truth = with_mrz(truth.model_copy(update={"expiry_date": expiry}))
    page = render_page(truth, random.Random(seed))
    return to_jpeg(page, 90), f"{truth.given_names_printed} {truth.surname_printed}"


def triage_with_passport(triage: Triage, passport: bytes, name: str) -> Verdict:
    note = text_pdf(
        "NOTE VERBALE",
        [
            "The Embassy presents its compliments to the Ministry of Foreign Affairs and",
            f"has the honour to request a new annual airport pass for {name}, Attache.",
            "Screening test on 15 December 2026.",
        ],
    )
    files = [
        ("Note 88.pdf", note),
        ("passport.jpg", passport),
        ("Stay permit.pdf", text_pdf("IZIN TINGGAL", [f"Nama: {name}"])),
        ("Kemlu ID card.pdf", text_pdf("KARTU IDENTITAS", [f"Nama: {name}"])),
        ("CV.pdf", text_pdf("CURRICULUM VITAE", [f"Name: {name}"])),
        ("Photo.jpg", photo_jpeg("red")),
    ]
    raw = build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol",
        subject="New airport pass",
        body="Dear Sir or Madam, please find attached our request.",
        attachments=[
            (fname, "image/jpeg" if fname.endswith(".jpg") else "application/pdf", data)
            for fname, data in files
        ],
        date=WHEN,
        message_id="<resent-passport@embassy.example>",
    )
    return triage.run(raw)


def asked(verdict: Verdict) -> list[tuple[FindingCode, str | None]]:
    """What the mission is told to do or to know, file by file (not the officers' notes)."""
    return sorted((f.code, f.filename) for f in verdict.findings if f.severity != Severity.info)


def test_an_expired_passport_sent_as_jpg_is_told_expired_in_the_same_reply(
    triage: Triage,
) -> None:
    passport, name = passport_jpeg(dt.date(2026, 9, 30))

    verdict = triage_with_passport(triage, passport, name)

    assert verdict.decision == Decision.missing_items
    assert asked(verdict) == [
        (FindingCode.passport_expired, "passport.jpg"),
        (FindingCode.wrong_format, "passport.jpg"),
    ]
    assert verdict.reply is not None
    text = verdict.reply.text
    assert "harus dalam format PDF" in text and "telah habis masa berlakunya" in text
    assert "expired on 30 September 2026" in text and "this document must be PDF" in text


def test_a_valid_passport_sent_as_jpg_is_only_asked_again_as_pdf(triage: Triage) -> None:
    passport, name = passport_jpeg(dt.date(2031, 5, 20))

    verdict = triage_with_passport(triage, passport, name)

    assert verdict.decision == Decision.missing_items
    assert asked(verdict) == [(FindingCode.wrong_format, "passport.jpg")]


def test_a_jpg_with_no_readable_mrz_raises_no_doubt_on_a_file_sent_again(
    triage: Triage,
) -> None:
    """The copy sent again will be read; its reading now would only ask an officer or
    the mission about a file already asked again."""
    verdict = triage_with_passport(triage, photo_jpeg("white"), "Ola NORDMANN")

    assert asked(verdict) == [(FindingCode.wrong_format, "passport.jpg")]
    assert verdict.decision == Decision.missing_items
