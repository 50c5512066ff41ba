"""A francophone mission's note verbale, in French, with every paper: understood and settled
like an English one (the request, the interview date in French words), answered in
Indonesian then English."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import Decision, FindingCode, RequestType
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import photo_jpeg, text_pdf
from samples.passports import make_passport

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)


@pytest.mark.slow
def test_a_complete_request_in_a_french_note_verbale_gets_its_proof(triage: Triage) -> None:
    sample = make_passport(2)
    name = f"{sample.truth.given_names_printed} {sample.truth.surname_printed}"
    note = text_pdf(
        "NOTE VERBALE No. 705/2026",
        [
            "L'Ambassade présente ses compliments au Ministère des Affaires étrangères de la",
            "République d'Indonésie et a l'honneur de solliciter la délivrance d'un",
            f"laissez-passer annuel d'aéroport pour M. {name}, Premier Secrétaire.",
            "Date proposée pour l'entretien : 16 décembre 2026.",
            "L'Ambassade saisit cette occasion pour renouveler au Ministère les assurances de sa",
            "très haute considération.",
        ],
    )
    raw = build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocole",
        subject="Demande de laissez-passer aéroport",
        body="Madame, Monsieur,\nveuillez trouver ci-joint notre demande.\nCordialement",
        attachments=[
            ("Note verbale 705.pdf", "application/pdf", note),
            ("Passeport.pdf", "application/pdf", sample.pdf("jpeg")),
            ("Stay permit.pdf", "application/pdf", text_pdf("IZIN TINGGAL", [f"Nama: {name}"])),
            ("Kemlu ID card.pdf", "application/pdf", text_pdf("KARTU IDENTITAS", [name])),
            ("CV.pdf", "application/pdf", text_pdf("CURRICULUM VITAE", [f"Name: {name}"])),
            ("Photo.jpg", "image/jpeg", photo_jpeg("red")),
        ],
        date=WHEN,
        message_id="<french@norway-embassy.example>",
    )
    verdict = triage.run(raw)
    assert verdict.request_type == RequestType.airport_pass_new
    assert FindingCode.missing_detail not in {f.code for f in verdict.findings}
    assert verdict.decision == Decision.registration_proof
    assert verdict.reply is not None
    text = verdict.reply.text
    assert text.index("Dengan hormat") < text.index("Dear Sir or Madam")
