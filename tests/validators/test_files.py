"""check_file on real files: readable, format by content, size."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fasdip.models import (
    Attachment,
    ContentInfo,
    DocumentType,
    FileFormat,
    Finding,
    FindingCode,
    Severity,
)
from tests.validators.factories import (
    RED,
    Office,
    build_attachment,
    make_pdf,
    make_pdf_without_pages,
    make_photo,
    make_png,
)
from validators import check_file
from validators.files import extension


def run(
    office: Office,
    att: Attachment,
    document: DocumentType = DocumentType.passport,
    applicant: str | None = None,
) -> tuple[dict[str, bool], list[Finding]]:
    return check_file(att, document, office.config.requirements, office.catalog, applicant)


def test_good_pdf_passes_every_check(office: Office) -> None:
    att = build_attachment("Paspor John Smith.pdf", make_pdf("PASSPORT / PASPOR"))
    checks, findings = run(office, att)
    assert checks == {"readable": True, "format": True, "size": True}
    assert findings == []


def test_good_photo_passes(office: Office) -> None:
    att = build_attachment("foto.jpg", make_photo(RED))
    checks, findings = run(office, att, DocumentType.photo)
    assert checks == {"readable": True, "format": True, "size": True}
    assert findings == []


def test_empty_file_is_unreadable_only(office: Office) -> None:
    att = build_attachment("CV.pdf", b"")
    checks, findings = run(office, att, DocumentType.cv)
    assert checks == {"readable": False, "size": True}
    assert [f.code for f in findings] == [FindingCode.unreadable_file]
    finding = findings[0]
    assert finding.severity is Severity.blocking
    assert "empty file, 0 bytes" in finding.text_en
    assert "berkas kosong" in finding.text_id
    assert "empty" not in finding.text_id
    assert finding.params["reason"] == "empty file, 0 bytes"
    assert finding.params["reason_id"] == "berkas kosong, 0 byte"


@pytest.mark.parametrize(
    ("data_factory", "reason_en", "reason_id"),
    [
        (lambda: make_pdf("secret", password="s3cret"), "protected by a password", "kata sandi"),
        (lambda: make_pdf("cut short " * 50)[:400], "damaged or incomplete", "rusak"),
        (make_pdf_without_pages, "no pages", "tidak memuat halaman"),
    ],
    ids=["encrypted", "corrupt", "no_pages"],
)
def test_unreadable_pdf_reasons(
    office: Office, data_factory: Callable[[], bytes], reason_en: str, reason_id: str
) -> None:
    att = build_attachment("Nota Diplomatik.pdf", data_factory())
    assert att.content is not None and not att.content.readable
    checks, findings = run(office, att, DocumentType.diplomatic_note, "p1")
    assert checks == {"readable": False, "format": True, "size": True}
    assert [f.code for f in findings] == [FindingCode.unreadable_file]
    finding = findings[0]
    assert f"({reason_en})" in finding.text_en
    assert reason_id in finding.text_id
    assert finding.attachment == "a1"
    assert finding.applicant == "p1"
    assert finding.document is DocumentType.diplomatic_note


def test_unknown_problem_gets_a_generic_reason(office: Office) -> None:
    att = build_attachment(
        "x.pdf", make_pdf("x"), content=ContentInfo(readable=False, problem="weird")
    )
    _, findings = run(office, att)
    assert "its content cannot be read" in findings[0].text_en


def test_no_content_info_means_readability_not_judged(office: Office) -> None:
    att = build_attachment("x.pdf", make_pdf("x")).model_copy(update={"content": None})
    checks, findings = run(office, att)
    assert checks == {"format": True, "size": True}
    assert findings == []


def test_jpeg_named_pdf_is_wrong_format_and_says_so(office: Office) -> None:
    att = build_attachment("Paspor.pdf", make_photo(RED))
    checks, findings = run(office, att)
    assert checks["format"] is False
    assert [f.code for f in findings] == [FindingCode.wrong_format]
    finding = findings[0]
    assert finding.params["detected"] == "JPG (named .pdf)"
    assert "is in JPG (named .pdf) format" in finding.text_en
    assert "berformat JPG (berekstensi .pdf)" in finding.text_id
    assert "must be PDF" in finding.text_en


def test_wrong_format_with_honest_name(office: Office) -> None:
    att = build_attachment("passport.png", make_png(RED))
    _, findings = run(office, att)
    assert findings[0].params["detected"] == "PNG"
    assert "is in PNG format" in findings[0].text_en


def test_photo_as_pdf_is_wrong_format(office: Office) -> None:
    att = build_attachment("photo.pdf", make_pdf("not a photo"))
    checks, findings = run(office, att, DocumentType.photo)
    assert checks["format"] is False
    assert "must be JPG" in findings[0].text_en
    assert findings[0].params["detected"] == "PDF"


def test_docx_detected_from_content(office: Office) -> None:
    att = build_attachment(
        "CV.docx", b"PK\x03\x04rest", detected_format=FileFormat.docx, content=None
    )
    _, findings = run(office, att, DocumentType.cv)
    assert findings[0].params["detected"] == "Word (DOCX)"


def test_other_document_accepts_pdf_and_jpeg(office: Office) -> None:
    for name, data in (("a.pdf", make_pdf("x")), ("a.jpg", make_photo(RED))):
        checks, _ = run(office, build_attachment(name, data), DocumentType.other)
        assert checks["format"] is True


def test_too_large(office: Office) -> None:
    data = make_pdf("big")
    att = build_attachment("Izin Tinggal.pdf", data, size=1_468_006)
    checks, findings = run(office, att, DocumentType.stay_permit)
    assert checks == {"readable": True, "format": True, "size": False}
    assert [f.code for f in findings] == [FindingCode.too_large]
    assert "is 1.4 MB, above the limit of 1 MB" in findings[0].text_en
    assert "berukuran 1,4 MB, melebihi batas 1 MB" in findings[0].text_id


def test_size_exactly_at_limit_passes_one_byte_more_fails(office: Office) -> None:
    limit = office.config.requirements.rules.max_file_bytes
    at_limit = build_attachment("cv.pdf", make_pdf("x"), size=limit)
    checks, _ = run(office, at_limit, DocumentType.cv)
    assert checks["size"] is True
    over = build_attachment("cv.pdf", make_pdf("x"), size=limit + 1)
    checks, findings = run(office, over, DocumentType.cv)
    assert checks["size"] is False
    assert "is 1048577 bytes, above the limit of 1 MB" in findings[0].text_en
    assert "berukuran 1048577 byte" in findings[0].text_id


def test_real_large_jpeg_is_too_large(office: Office) -> None:
    data = make_photo(RED, size=(2400, 3200), noise=40, quality=98)
    assert len(data) > 1_048_576
    att = build_attachment("pasfoto.jpg", data)
    checks, findings = run(office, att, DocumentType.photo)
    assert checks == {"readable": True, "format": True, "size": False}
    assert findings[0].code is FindingCode.too_large


def test_several_problems_at_once(office: Office) -> None:
    att = build_attachment("ktp.pdf", make_photo(RED)[:500], size=2 * 1_048_576)
    checks, findings = run(office, att, DocumentType.ktp)
    assert checks == {"readable": False, "format": False, "size": False}
    assert {f.code for f in findings} == {
        FindingCode.unreadable_file,
        FindingCode.wrong_format,
        FindingCode.too_large,
    }


@pytest.mark.parametrize(
    "code_and_att",
    ["empty", "format", "size"],
)
def test_texts_are_bilingual_and_quote_the_filename(office: Office, code_and_att: str) -> None:
    filename = "Nota Diplomatik No. 12-2027 (Kedutaan).pdf"
    data = {"empty": b"", "format": make_photo(RED), "size": make_pdf("x")}[code_and_att]
    size = 5_000_000 if code_and_att == "size" else None
    att = build_attachment(filename, data, size=size)
    _, findings = run(office, att, DocumentType.diplomatic_note)
    assert findings
    for finding in findings:
        assert f'"{filename}"' in finding.text_id
        assert f'"{filename}"' in finding.text_en
        assert finding.filename == filename
        assert "{" not in finding.text_id + finding.text_en
        assert finding.text_id != finding.text_en
        # Indonesian first words of the templates, English ones
        assert finding.text_id.startswith("Berkas")
        assert finding.text_en.startswith("The file")


@pytest.mark.parametrize(
    ("name", "ext"),
    [
        ("a.pdf", "pdf"),
        ("Scan Paspor.PDF", "pdf"),
        ("noext", None),
        ("foto.jpeg.", "jpeg"),
        ("weird.p d f", None),
    ],
)
def test_extension(name: str, ext: str | None) -> None:
    assert extension(name) == ext
