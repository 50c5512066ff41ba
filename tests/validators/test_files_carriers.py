"""check_file on odd carriers and on files that broke an ingest limit (hostile-input issue).

The attachments are read by the real ingest (``sniff`` and ``read_content``) from bytes
the hostile-input generator makes: a ZIP, a winmail.dat, a pixel bomb, a DOCX.
"""

from __future__ import annotations

import hashlib

from config.settings import IngestSettings, LimitsSettings
from fasdip.models import Attachment, DocumentType, FindingCode, Severity
from ingest import sniff
from ingest.inspect import read_content
from samples import hostile_files
from tests.validators.factories import Office
from validators import check_file


def attachment(filename: str, data: bytes, limits: LimitsSettings | None = None) -> Attachment:
    detected = sniff(data)
    return Attachment(
        id="a2",
        filename=filename,
        declared_type="application/octet-stream",
        detected_format=detected,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=read_content(data, detected, IngestSettings(), limits or LimitsSettings()),
        data=data,
    )


def codes(office: Office, att: Attachment, document: DocumentType = DocumentType.passport):
    checks, findings = check_file(att, document, office.config.requirements, office.catalog)
    return checks, findings, [f.code for f in findings]


def test_zip_names_the_files_inside_and_says_what_to_send(office: Office) -> None:
    data = hostile_files.zip_of(
        [("Passport Ana.pdf", b"%PDF-1.4"), ("scans/Photo.jpg", b"\xff\xd8")]
    )
    checks, findings, found = codes(office, attachment("Dokumen.zip", data))
    assert found == [FindingCode.archive_attachment]
    assert checks["format"] is False
    finding = findings[0]
    assert finding.severity is Severity.blocking
    assert '"Passport Ana.pdf", "Photo.jpg"' in finding.text_en
    assert "attach each of these documents on its own as a PDF or JPG" in finding.text_en
    assert finding.text_id.startswith('Berkas "Dokumen.zip" adalah arsip terkompresi (ZIP)')
    assert "lampiran tersendiri dalam format PDF atau JPG" in finding.text_id


def test_zip_bomb_is_an_archive_for_the_mission_and_a_limit_for_the_officers(
    office: Office,
) -> None:
    _, findings, found = codes(office, attachment("Passport.zip", hostile_files.zip_bomb(0)))
    assert found == [FindingCode.limit_exceeded, FindingCode.archive_attachment]
    assert findings[0].params["limit_name"] == "max_archive_ratio"
    assert "Passport.zip" in findings[0].params["reason"]


def test_long_archive_listing_is_cut_with_a_count(office: Office) -> None:
    data = hostile_files.zip_of([(f"scan-{i}.pdf", b"%PDF") for i in range(25)])
    _, findings, _ = codes(office, attachment("scans.zip", data))
    assert "and 15 more files" in findings[0].text_en
    assert "dan 15 berkas lainnya" in findings[0].text_id


def test_winmail_dat_names_its_files_and_asks_for_plain_or_html_mail(office: Office) -> None:
    data = hostile_files.winmail([("Paspor Budi.pdf", b"%PDF-1.4"), ("Foto.jpg", b"\xff\xd8\xff")])
    _, findings, found = codes(office, attachment("winmail.dat", data))
    assert found == [FindingCode.winmail_attachment]
    assert '"Paspor Budi.pdf", "Foto.jpg"' in findings[0].text_id
    assert "not Rich Text" in findings[0].text_en
    assert "bukan Rich Text" in findings[0].text_id


def test_an_empty_winmail_dat_says_no_file_could_be_read(office: Office) -> None:
    _, findings, _ = codes(office, attachment("winmail.dat", hostile_files.winmail([])))
    assert "no file we could read" in findings[0].text_en
    assert "tidak ada berkas yang dapat dibaca" in findings[0].text_id


def test_pixel_bomb_is_a_limit_not_an_unreadable_file(office: Office) -> None:
    att = attachment("Photo.png", hostile_files.png_bomb_header())
    checks, findings, found = codes(office, att, DocumentType.photo)
    assert found == [FindingCode.limit_exceeded, FindingCode.wrong_format]
    assert checks["readable"] is False
    assert findings[0].params["limit_name"] == "max_image_pixels"
    assert findings[0].severity is Severity.info


def test_pdf_over_the_page_limit_is_a_limit(office: Office) -> None:
    data = hostile_files.text_pdf("PASSPORT")
    att = attachment("Passport.pdf", data, LimitsSettings(max_pdf_objects=2))
    _, findings, found = codes(office, att)
    assert found == [FindingCode.limit_exceeded]
    assert findings[0].params["limit_name"] == "max_pdf_objects"


def test_docx_where_a_pdf_was_asked_says_send_a_pdf(office: Office) -> None:
    _, findings, found = codes(office, attachment("Passport.docx", hostile_files.docx_bytes()))
    assert found == [FindingCode.wrong_format]
    assert "is a Word document" in findings[0].text_en
    assert "Please save it as PDF and send it again." in findings[0].text_en
    assert (
        "Mohon simpan dokumen tersebut dalam format PDF dan kirimkan kembali."
        in findings[0].text_id
    )
