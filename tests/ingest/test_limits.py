"""Each limit of ``LimitsSettings`` in ingest: a ``limit_exceeded`` finding naming it, and
the mail still read as far as is safe (small limits keep the inputs small)."""

from __future__ import annotations

import logging

import pytest
from PIL import Image, ImageFile

from config.settings import IngestSettings, LimitsSettings
from fasdip.models import FindingCode, InboundEmail
from ingest import inspect, parse
from ingest.images import read_image
from ingest.pdf import pdf_log_budget, read_pdf
from samples import hostile_files, hostile_mail
from tests.ingest.conftest import CATALOG, INGEST
from tests.ingest.ingest_builders import as_bytes, make_email, make_image, make_pdf, mime_text


def limits_hit(email: InboundEmail) -> list[str]:
    return [f.params["limit_name"] for f in email.findings if f.code is FindingCode.limit_exceeded]


def read(raw: bytes, **limits: int) -> InboundEmail:
    settings = LimitsSettings(**limits)
    return inspect(parse(raw, INGEST, CATALOG, limits=settings), INGEST, limits=settings)


def test_an_email_over_the_size_limit_keeps_its_headers_only() -> None:
    raw = as_bytes(make_email(attachments=[(make_pdf("x"), "application/pdf", "a.pdf")]))
    email = read(raw, max_email_bytes=1_000)
    assert limits_hit(email) == ["max_email_bytes"]
    assert email.subject == "Permohonan Pas Bandara"
    assert email.from_address == "consular@emb-spain.example"
    assert email.attachments == []
    assert email.raw_size == len(raw)


def test_attachments_over_the_count_are_left_for_the_officer() -> None:
    files = [(make_pdf(f"page {i}"), "application/pdf", f"doc{i}.pdf") for i in range(5)]
    email = read(as_bytes(make_email(attachments=files)), max_attachments=3)
    assert limits_hit(email) == ["max_attachments"]
    assert [a.filename for a in email.attachments] == ["doc0.pdf", "doc1.pdf", "doc2.pdf"]
    assert "only the first 3 were read" in email.findings[0].params["reason"]


def test_a_file_over_the_size_limit_is_never_parsed() -> None:
    raw = as_bytes(make_email(attachments=[(make_pdf("x"), "application/pdf", "a.pdf")]))
    email = read(raw, max_attachment_bytes=100)
    content = email.attachments[0].content
    assert content is not None
    assert content.problem == "limit:max_attachment_bytes"
    assert content.page_count is None


def test_headers_over_the_limits_skip_mail_parser_but_read_the_parts() -> None:
    extra = {f"X-Noise-{i}": "v" * 30 for i in range(50)}
    raw = as_bytes(
        make_email(headers=extra, attachments=[(make_pdf("x"), "application/pdf", "a.pdf")])
    )
    email = read(raw, max_header_fields=20, max_header_bytes=500)
    assert limits_hit(email) == ["max_header_bytes", "max_header_fields"]
    assert [a.found_by for a in email.attachments] == ["email"]  # the stdlib walk only
    assert email.subject == "Permohonan Pas Bandara"


def test_a_line_over_the_limit_is_a_finding() -> None:
    raw = mime_text("From: a@b.example\nSubject: x\n\n") + b"A" * 5_000 + b"\r\n"
    assert limits_hit(read(raw, max_line_bytes=4_096)) == ["max_line_bytes"]
    assert limits_hit(read(raw, max_line_bytes=5_000)) == []


def test_mime_parts_over_the_limit_are_not_read() -> None:
    email = read(hostile_mail.many_parts(0).raw, max_mime_parts=50, max_attachments=100)
    assert "max_mime_parts" in limits_hit(email)
    assert len(email.attachments) < 50


def test_nesting_over_the_depth_limit_is_a_finding_and_the_rest_is_read() -> None:
    inner = make_email(attachments=[(make_pdf("x"), "application/pdf", "deep.pdf")])
    for _ in range(4):
        outer = make_email()
        outer.add_attachment(inner)
        inner = outer
    raw = as_bytes(inner)
    assert "deep.pdf" in [a.filename for a in read(raw).attachments]
    shallow = read(raw, max_mime_depth=3)
    assert limits_hit(shallow) == ["max_mime_depth"]
    assert "deep.pdf" not in [a.filename for a in shallow.attachments]


def test_pixel_limit_is_set_explicitly_on_pillow_and_truncated_images_stay_refused() -> None:
    info = read_image(make_image("PNG", (100, 100)), LimitsSettings(max_image_pixels=4_000))
    assert Image.MAX_IMAGE_PIXELS == 4_000
    assert info.problem == "limit:max_image_pixels"
    assert "DecompressionBomb" in (info.problem_detail or "")
    read_image(make_image("PNG", (10, 10)), LimitsSettings())
    assert LimitsSettings().max_image_pixels == Image.MAX_IMAGE_PIXELS
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_an_image_between_once_and_twice_the_pixel_limit_is_refused_too() -> None:
    # Pillow only warns (DecompressionBombWarning) up to twice its limit: taken as the bomb.
    info = read_image(make_image("PNG", (100, 100)), LimitsSettings(max_image_pixels=6_000))
    assert info.problem == "limit:max_image_pixels"
    assert "DecompressionBombWarning" in (info.problem_detail or "")


@pytest.mark.parametrize("builder", [hostile_files.png_bomb_header, hostile_files.jpeg_bomb_header])
def test_a_50000_pixel_square_header_is_a_bomb_judged_from_its_header(builder) -> None:
    data = builder()
    assert len(data) < 20_000
    assert read_image(data).problem == "limit:max_image_pixels"


def test_pdf_page_and_object_limits() -> None:
    three = make_pdf("a", "b", "c")
    assert read_pdf(three, IngestSettings(), LimitsSettings(max_pdf_pages=2)).problem == (
        "limit:max_pdf_pages"
    )
    assert read_pdf(three, IngestSettings(), LimitsSettings(max_pdf_objects=5)).problem == (
        "limit:max_pdf_objects"
    )
    assert read_pdf(three, IngestSettings()).readable


def test_object_flood_is_refused_before_pypdf_reads_it() -> None:
    info = read_pdf(hostile_files.object_flood_pdf(100_000), IngestSettings())
    assert info.problem == "limit:max_pdf_objects"
    assert "100000 objects" in (info.problem_detail or "")


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_looping_pdfs_are_problems_not_crashes(variant: int) -> None:
    info = read_pdf(hostile_files.looping_pdf(variant), IngestSettings())
    assert not info.readable
    assert info.problem in {"corrupt", "limit:pdf_parser_limit", "no_pages"}


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128", "RC4-40"])
def test_pdfs_encrypted_with_a_password_are_encrypted(algorithm: str) -> None:
    info = read_pdf(hostile_files.encrypted_pdf(algorithm), IngestSettings())
    assert info.problem == "encrypted"


def test_pypdf_warnings_are_rate_limited_per_file(caplog: pytest.LogCaptureFixture) -> None:
    pypdf_log = logging.getLogger("pypdf._reader")
    with caplog.at_level(logging.INFO, logger="ingest.pdf"), pdf_log_budget(b"x", 3):
        for i in range(10_000):
            pypdf_log.warning("Ignoring wrong pointing object %d 0 (offset 0)", i)
    lines = [r.getMessage() for r in caplog.records if r.name == "ingest.pdf"]
    assert len(lines) == 4
    assert lines[-1].endswith("9997 more warning(s) not logged (limit pdf_warnings_per_file=3)")
    assert all("sha256:" in line for line in lines)  # the file by hash, never by name


def test_a_truncated_pdf_logs_a_bounded_number_of_lines(caplog: pytest.LogCaptureFixture) -> None:
    data = hostile_files.text_pdf("PASSPORT " * 200)
    with caplog.at_level(logging.INFO, logger="ingest.pdf"):
        read_pdf(data[: len(data) // 2], IngestSettings(), LimitsSettings(pdf_warnings_per_file=1))
    assert len([r for r in caplog.records if r.name == "ingest.pdf"]) <= 2
