"""Identity scans nobody names (issue 13, kinds 1 and 2): a KTP or passport scanned under a
scanner's file name (``scan0042.pdf``) belongs to the applicant whose name is read on it,
never to the one a mail's order would give; a photocopied card in a corner of a grey A4
page is read and typed all the same. The cards are drawn by ``samples.ktps`` with their
truth and read by the real Tesseract."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from PIL import Image

from fasdip.models import DocumentType, FindingCode, Verdict
from fasdip.pipeline import Triage
from samples.ktps import KtpSample, make_ktp, scanned_pdf
from tests.fasdip.scan_builders import mail, pdf, text_pages_pdf

pytestmark = pytest.mark.slow  # Tesseract on generated KTP cards

FIRST, SECOND = make_ktp(1), make_ktp(3)  # two men of Yogyakarta and Jakarta


def _note(*names: str) -> tuple[str, list[str]]:
    return "NOTE VERBALE", [
        "The Royal Norwegian Embassy presents its compliments to the Ministry of",
        "Foreign Affairs, Directorate of Diplomatic Facilities, and has the honour to",
        "request new annual airport passes for "
        + " and ".join(f"Mr. {n.split()[0].title()} {n.split()[-1]}" for n in names)
        + ", drivers (local staff).",
        "The Embassy avails itself of this opportunity to renew the assurances",
        "of its highest consideration.",
    ]


def _employment(name: str) -> tuple[str, str, bytes]:
    page = ("SURAT KETERANGAN KERJA", [f"Nama: {name.title()}", "Bekerja pada Kedutaan Besar."])
    return pdf(f"Employment letter {name.split()[-1].title()}.pdf", text_pages_pdf([page]))


def _owner(verdict: Verdict, filename: str) -> str | None:
    [att] = [a for a in verdict.attachments if a.filename == filename]
    by_key = {a.key: a.name for a in verdict.applicants}
    return by_key.get(att.applicant) if att.applicant else None


def _grey_photocopy(sample: KtpSample) -> bytes:
    """The card photocopied in grey (its white a mid grey) in a corner of an A4 page of
    light grey paper, scanned at 100 dpi: Tesseract reads nothing on the whole page."""
    card = sample.image().convert("L").point(lambda v: int(v * 0.65 + 25))
    page = Image.new("L", (827, 1170), 232)
    page.paste(card.resize((650, card.height * 650 // card.width)), (80, 70))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=80, dpi=(100, 100))
    document = FPDF(unit="mm", format="A4")
    document.add_page()
    document.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(document.output())


def test_ktp_scans_under_scanner_names_go_to_the_holders_named_on_them(triage: Triage) -> None:
    """Mail order would pair them the wrong way round: the names read decide."""
    first, second = FIRST.truth.name, SECOND.truth.name
    raw = mail(
        "Airport passes",
        "Please find attached our note and the documents.",
        pdf("Note.pdf", text_pages_pdf([_note(first, second)])),
        _employment(first),
        _employment(second),
        pdf("scan0042.pdf", scanned_pdf(SECOND)),
        pdf("scan0043.pdf", scanned_pdf(FIRST)),
    )
    verdict = triage.run(raw)
    assert _owner(verdict, "scan0042.pdf") is not None
    assert _owner(verdict, "scan0042.pdf").upper().endswith(second.split()[-1])  # type: ignore[union-attr]
    assert _owner(verdict, "scan0043.pdf").upper().endswith(first.split()[-1])  # type: ignore[union-attr]
    codes = {f.code for f in verdict.findings}
    assert FindingCode.assigned_by_order not in codes
    assert FindingCode.unassigned_document not in codes
    assert all(DocumentType.ktp not in a.missing for a in verdict.applicants)


def test_a_grey_photocopied_card_on_an_a4_page_is_read_as_a_ktp(triage: Triage) -> None:
    name = FIRST.truth.name
    raw = mail(
        "Airport pass",
        "Please find attached our note and the documents.",
        pdf("Note.pdf", text_pages_pdf([_note(name)])),
        _employment(name),
        pdf("scan0041.pdf", _grey_photocopy(FIRST)),
    )
    verdict = triage.run(raw)
    [att] = [a for a in verdict.attachments if a.filename == "scan0041.pdf"]
    assert att.document_type == DocumentType.ktp
    assert FindingCode.uncertain_document_type not in {f.code for f in verdict.findings}
