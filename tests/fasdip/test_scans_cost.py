"""What a scan nothing names costs: its words are read before its MRZ is looked for
(issue 13's speed target). Looking for an MRZ on a page that has none costs seconds of
template matching; a stay permit or a CV whose words say what it is is never read as a
passport. Pages drawn and read by the real Tesseract."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

import pytest

from config.settings import load_settings
from fasdip.models import DocumentType, FindingCode
from fasdip.pipeline import Triage
from readers.identity import IdentityReader
from tests.fasdip.scan_builders import (
    cv_page,
    mail,
    passport_page,
    pdf,
    scanned_pages_pdf,
    stay_permit_page,
    text_pages_pdf,
)

NOTE = (
    "NOTE VERBALE",
    [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of",
        "Foreign Affairs, Directorate of Diplomatic Facilities, and has the honour",
        "to request a new annual airport pass for Mr. Ola NORDMANN, First Secretary.",
    ],
)


@pytest.fixture
def mrz_looked_for() -> Iterator[list[str]]:
    """The file names of the attachments whose MRZ the triage looked for."""
    looked: list[str] = []
    original = IdentityReader.passport

    def passport(reader: IdentityReader, att: Any, *args: Any, **kwargs: Any) -> Any:
        looked.append(att.filename)
        return original(reader, att, *args, **kwargs)

    with patch.object(IdentityReader, "passport", passport):
        yield looked


def test_an_unnamed_scan_typed_by_its_words_is_not_read_as_a_passport(
    mrz_looked_for: list[str],
) -> None:
    triage = Triage.load(load_settings())  # its own caches: every scan is read here
    raw = mail(
        "Airport pass",
        "Please find attached.",
        pdf("Note.pdf", text_pages_pdf([NOTE])),
        pdf("scan0001.pdf", scanned_pages_pdf([passport_page("NORDMANN", "OLA", "KP1234567")])),
        pdf("scan0002.pdf", scanned_pages_pdf([stay_permit_page("Ola NORDMANN")], seed=1)),
        pdf("IMG_0003.pdf", scanned_pages_pdf([cv_page("Ola NORDMANN")], seed=2)),
    )
    verdict = triage.run(raw)

    types = {a.filename: a.document_type for a in verdict.attachments}
    assert types["scan0001.pdf"] == DocumentType.passport
    assert types["scan0002.pdf"] == DocumentType.stay_permit
    assert types["IMG_0003.pdf"] == DocumentType.cv
    assert FindingCode.uncertain_document_type not in {f.code for f in verdict.findings}
    # The passport's MRZ is read (to type it, then to judge it: once, kept by its sha256);
    # the stay permit's and the CV's are never looked for.
    assert set(mrz_looked_for) == {"scan0001.pdf"}
    [reading] = verdict.passports
    assert reading.document_number.value == "KP1234567"
