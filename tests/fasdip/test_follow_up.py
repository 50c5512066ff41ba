"""A mission's answer to our reply is judged with everything the case received so far."""

from __future__ import annotations

import datetime as dt

from fasdip.models import Decision, FindingCode
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import photo_jpeg
from tests.fasdip.corpus import scenario


def answer(first: bytes, sender: str, subject: str, *files: tuple[str, str, bytes]) -> bytes:
    return build_email(
        sender=sender,
        sender_name="Protocol",
        subject=f"Re: [FASDIP-2026-000042] {subject}",
        body="Dear Sir or Madam,\nPlease find attached the requested document.\n",
        attachments=list(files),
        date=dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC),
        message_id="<answer-1@embassy.example>",
        in_reply_to="<FASDIP-2026-000042.r1@fasdip.kemlu.go.id>",
    )


def test_the_missing_photo_sent_later_completes_the_case(triage: Triage) -> None:
    first = scenario("renewal_id_foreign_missing_photo")
    assert triage.run(first.eml, today=first.truth.today).decision == Decision.missing_items
    name = first.truth.applicants[0].name
    follow_up = answer(
        first.eml,
        first.truth.sender,
        first.truth.subject,
        (f"Pas Foto a.n. {name}.jpg", "image/jpeg", photo_jpeg("red")),
    )

    alone = triage.run(follow_up, today=first.truth.today)
    together = triage.run(follow_up, today=first.truth.today, earlier=[first.eml])

    assert alone.decision != Decision.registration_proof  # a photo alone is no application
    assert together.decision == Decision.registration_proof
    [applicant] = together.applicants
    assert applicant.missing == []
    assert together.reply is not None and together.reply.in_reply_to == "<answer-1@embassy.example>"


def test_a_corrected_photo_replaces_the_blue_one(triage: Triage) -> None:
    first = scenario("defect_photo_blue")
    name = first.truth.applicants[0].name
    follow_up = answer(
        first.eml,
        first.truth.sender,
        first.truth.subject,
        (f"Photo - {name}.jpg", "image/jpeg", photo_jpeg("red", seed=5)),
    )
    verdict = triage.run(follow_up, today=first.truth.today, earlier=[first.eml])
    assert verdict.decision == Decision.registration_proof
    superseded = [f for f in verdict.findings if f.code == FindingCode.superseded_document]
    assert len(superseded) == 1 and superseded[0].attachment is not None
    assert superseded[0].attachment.startswith("m1-")
    assert FindingCode.photo_background_not_red not in {f.code for f in verdict.findings}
