"""A name only OCR read on a scanned note is never told to a mission as another name
(issue 13, kinds 2 and 5): OCR may misread every letter the note prints, so a name on the
scanned note that does not fit the passport's is a doubt for an officer, while the same
name typed in a text PDF is the mission's own and a ``name_mismatch`` to be fixed. The
note is drawn as a scan and read by the real Tesseract."""

from __future__ import annotations

import pytest

from fasdip.models import FindingCode
from fasdip.pipeline import Triage
from tests.fasdip.scan_builders import (
    cv_page,
    mail,
    passport_page,
    pdf,
    scanned_pages_pdf,
    text_pages_pdf,
)

pytestmark = pytest.mark.slow  # Tesseract reads the scanned note

_NOTE = (
    "NOTE VERBALE",
    [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of",
        "Foreign Affairs, Directorate of Diplomatic Facilities, and has the honour to",
        "request a new annual airport pass for Mr. Jonas MEIER, Attache.",
        "The Embassy avails itself of this opportunity to renew the assurances",
        "of its highest consideration.",
    ],
)


@pytest.mark.parametrize(
    ("scanned", "code"),
    [(True, FindingCode.identity_doubt), (False, FindingCode.name_mismatch)],
    ids=["the note a scan: an officer looks", "the note a text PDF: the mission is told"],
)
def test_a_name_on_the_note_unlike_the_passport_s(
    triage: Triage, scanned: bool, code: FindingCode
) -> None:
    note = scanned_pages_pdf([_NOTE]) if scanned else text_pages_pdf([_NOTE])
    raw = mail(
        "Airport pass",
        "Dear Sir or Madam, please find attached our note and the documents.",
        pdf("Nota.pdf", note),
        pdf("Passport Meier.pdf", text_pages_pdf([passport_page("SCHMIDT", "Hans", "AB1234567")])),
        pdf("CV Meier.pdf", text_pages_pdf([cv_page("Hans SCHMIDT")])),
    )
    verdict = triage.run(raw)
    codes = {f.code for f in verdict.findings}
    assert code in codes
    if scanned:
        assert FindingCode.name_mismatch not in codes
