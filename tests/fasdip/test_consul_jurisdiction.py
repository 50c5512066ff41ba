"""A whole consul request: the candidate's KTP from outside the note's jurisdiction."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import Decision, FindingCode
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import text_pdf
from samples.ktps import make_ktp, scanned_pdf

pytestmark = pytest.mark.slow  # a KTP read by OCR


def consul_mail(province: str, *, ktp_as_jpeg: bool = False) -> tuple[bytes, str]:
    ktp = make_ktp(616)  # a card of Jawa Timur (Kabupaten Bangkalan)
    card = ("KTP.jpg", "image/jpeg", ktp.jpeg)
    if not ktp_as_jpeg:
        card = ("KTP.pdf", "application/pdf", scanned_pdf(ktp))
    name = ktp.truth.name.title()
    note = text_pdf(
        "NOTE VERBALE",
        [
            "The Embassy presents its compliments to the Ministry of Foreign Affairs and has the",
            f"honour to seek its consent to the appointment of {name} as Honorary Consul,",
            f"with a consular district comprising the Province of {province}.",
        ],
    )
    cv = text_pdf("CURRICULUM VITAE", [f"Name: {name}", "Nationality: Indonesian"])
    raw = build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol",
        subject="Honorary Consul - consent",
        body="Please find the note, the candidate's KTP and CV.",
        attachments=[
            ("Note.pdf", "application/pdf", note),
            card,
            ("CV.pdf", "application/pdf", cv),
        ],
        date=dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC),
        message_id=f"<consul-{province}-{ktp_as_jpeg}@embassy.example>",
    )
    return raw, ktp.truth.province


def test_a_candidate_living_outside_the_jurisdiction_is_told_to_the_mission(
    triage: Triage,
) -> None:
    raw, _ = consul_mail("Papua")
    verdict = triage.run(raw)
    assert FindingCode.ktp_outside_jurisdiction in {f.code for f in verdict.findings}
    assert verdict.decision == Decision.missing_items
    assert verdict.reply is not None
    assert "Jawa Timur" in verdict.reply.text and "Papua" in verdict.reply.text


def test_a_candidate_living_in_the_jurisdiction_is_not(triage: Triage) -> None:
    raw, province = consul_mail("East Java")
    assert province == "JAWA TIMUR"
    verdict = triage.run(raw)
    assert FindingCode.ktp_outside_jurisdiction not in {f.code for f in verdict.findings}
    assert verdict.decision != Decision.missing_items


def test_a_card_sent_as_jpg_is_asked_again_and_read_all_the_same(triage: Triage) -> None:
    """The KTP must be a PDF: the mission is asked to send it again, and told in the same
    reply that the candidate lives outside the district, not only after the PDF."""
    raw, _ = consul_mail("Papua", ktp_as_jpeg=True)
    verdict = triage.run(raw)
    codes = {f.code for f in verdict.findings}
    assert {FindingCode.wrong_format, FindingCode.ktp_outside_jurisdiction} <= codes
    assert verdict.decision == Decision.missing_items
    assert verdict.reply is not None
    assert "KTP.jpg" in verdict.reply.text
    assert "Jawa Timur" in verdict.reply.text and "Papua" in verdict.reply.text
