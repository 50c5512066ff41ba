"""A request forwarded as an attached email (message/rfc822), as a secretary forwards the
consular section's mail: the files inside it are the request's documents, and the attached
email itself is their envelope, not a document (hand-made set 9, h92: the envelope was
asked again "as PDF / JPG" and sent the case to an officer as a file of unknown type)."""

from __future__ import annotations

import email
from email import policy

from fasdip.models import Decision, FindingCode
from fasdip.pipeline import Triage
from samples.files import photo_jpeg
from tests.fasdip.scan_builders import (
    cv_page,
    id_card_page,
    mail,
    passport_page,
    pdf,
    stay_permit_page,
    text_pages_pdf,
)

NOTE = (
    "NOTE VERBALE",
    [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of Foreign",
        "Affairs, Directorate of Diplomatic Facilities, and has the honour to request a new",
        "annual airport pass for Mr. Hans MÜLLER, First Secretary. Screening test preferably",
        "on 15 December 2026.",
        "Jakarta, 16 November 2026",
    ],
)


def forwarded(*inner_files: tuple[str, str, bytes]) -> bytes:
    inner = mail("airport pass Mr Muller", "Documents attached.", *inner_files)
    outer = email.message_from_bytes(
        mail("Fwd: airport pass Mr Muller", "Dear colleagues, please see the attached mail."),
        policy=policy.SMTP,
    )
    outer.add_attachment(email.message_from_bytes(inner, policy=policy.SMTP))
    return outer.as_bytes()


def test_the_files_of_a_forwarded_email_are_judged_and_its_envelope_is_not(
    triage: Triage,
) -> None:
    raw = forwarded(
        pdf("NV 123-2026.pdf", text_pages_pdf([NOTE])),
        pdf("passport.pdf", text_pages_pdf([passport_page("MUELLER", "HANS", "FK4829163")])),
        pdf("id card.pdf", text_pages_pdf([id_card_page("Hans MULLER")])),
        pdf("stay permit.pdf", text_pages_pdf([stay_permit_page("Hans Muller")])),
        pdf("cv.pdf", text_pages_pdf([cv_page("Hans MÜLLER")])),
        ("photo.jpg", "image/jpeg", photo_jpeg("red")),
    )
    verdict = triage.run(raw)
    envelope = verdict.attachments[0]
    assert envelope.detected_format.value == "rfc822"
    assert not envelope.findings
    assert [a.missing for a in verdict.applicants] == [[]]
    assert verdict.decision == Decision.registration_proof, verdict.decision_reason
    assert FindingCode.uncertain_document_type not in {f.code for f in verdict.findings}


def test_an_envelope_with_a_file_missing_asks_only_for_that_file(triage: Triage) -> None:
    raw = forwarded(
        pdf("NV 123-2026.pdf", text_pages_pdf([NOTE])),
        pdf("passport.pdf", text_pages_pdf([passport_page("MUELLER", "HANS", "FK4829163")])),
        pdf("id card.pdf", text_pages_pdf([id_card_page("Hans MULLER")])),
        pdf("cv.pdf", text_pages_pdf([cv_page("Hans MÜLLER")])),
        ("photo.jpg", "image/jpeg", photo_jpeg("red")),
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.missing_items, verdict.decision_reason
    assert verdict.reply is not None
    assert "unnamed" not in verdict.reply.text and ".eml" not in verdict.reply.text
    assert [[m.value for m in a.missing] for a in verdict.applicants] == [["stay_permit"]]
