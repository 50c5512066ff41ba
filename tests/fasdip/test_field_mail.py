"""A whole request as another mission writes it (issue 13): a forwarded chain with a vague
covering line, surnames without accents in the file names, a spouse and the signing
ambassador in the note. The missing list must be exact: each item asked for is missing."""

from __future__ import annotations

from fasdip.models import Decision, DocumentType
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

BODY = """Dear colleagues,

Please see below and attached, many thanks.

Best regards,
Kari

-----Original Message-----
From: Consular Section <consular@norway-embassy.example>
Sent: Monday, November 16, 2026 8:02 AM
To: Protocol <protocol@norway-embassy.example>
Subject: airport passes

Could you send the applications for new annual airport passes for our two colleagues to
Kemlu? Screening test preferably on 15 December 2026.
"""

NOTE = (
    "NOTE VERBALE",
    [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of Foreign",
        "Affairs, Directorate of Diplomatic Facilities, and has the honour to request new",
        "annual airport passes for Mr. Hans MÜLLER, First Secretary, accompanied by his",
        "spouse Mrs. Greta MÜLLER, and for Ms. Ingrid LØKEN, Attaché.",
        "The Embassy avails itself of this opportunity to renew to the Ministry the",
        "assurances of its highest consideration.",
        "Jakarta, 16 November 2026",
        "H.E. Mr. Per EGGEN, Ambassador",
    ],
)


def test_a_forwarded_request_with_plain_file_names_gets_an_exact_missing_list(
    triage: Triage,
) -> None:
    raw = mail(
        "FW: airport passes",
        BODY,
        pdf("NV 123-2026.pdf", text_pages_pdf([NOTE])),
        pdf("Passport Muller.pdf", text_pages_pdf([passport_page("MUELLER", "HANS", "FK4829163")])),
        pdf("ID card Mueller.pdf", text_pages_pdf([id_card_page("Hans MULLER")])),
        pdf("Izin Tinggal MULLER Jakarta.pdf", text_pages_pdf([stay_permit_page("Hans Muller")])),
        pdf("CV H. Muller.pdf", text_pages_pdf([cv_page("Hans MÜLLER")])),
        ("Photo Muller.jpg", "image/jpeg", photo_jpeg("red")),
        pdf("CV_Loken.pdf", text_pages_pdf([cv_page("Ingrid LØKEN")])),
        pdf(
            "Passport LOEKEN scan.pdf",
            text_pages_pdf([passport_page("LOEKEN", "INGRID", "FK7712044")]),
        ),
    )
    verdict = triage.run(raw)
    missing = {a.name: a.missing for a in verdict.applicants}
    assert missing == {
        "Hans MÜLLER": [],
        "Ingrid LØKEN": [DocumentType.stay_permit, DocumentType.kemlu_id_card, DocumentType.photo],
    }
    assert verdict.decision == Decision.missing_items
    assert verdict.request_type.value == "airport_pass_new"
    assert verdict.reply is not None
    assert "Greta" not in verdict.reply.text and "EGGEN" not in verdict.reply.text
