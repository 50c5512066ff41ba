"""Odd carriers: ZIP archives and winmail.dat listed (never unpacked), forwarded mails
and ``.eml`` files inside a mail opened with their attachments kept."""

from __future__ import annotations

from email.message import EmailMessage

from config.settings import IngestSettings, LimitsSettings
from fasdip.models import FileFormat
from ingest import inspect, parse, sniff
from ingest.archives import list_zip
from ingest.inspect import read_content
from ingest.tnef import list_tnef
from samples import hostile_files
from tests.ingest.conftest import CATALOG, INGEST
from tests.ingest.ingest_builders import as_bytes, make_email, make_jpeg, make_pdf


def test_zip_listing_reads_names_and_declared_sizes_only() -> None:
    data = hostile_files.zip_of([("a/Passport.pdf", b"%PDF" * 10), ("dir/", b""), ("b.jpg", b"x")])
    listing = list_zip(data, 100)
    assert listing.names == ["Passport.pdf", "b.jpg"]
    assert listing.paths == ["a/Passport.pdf", "dir/", "b.jpg"]
    assert listing.total_uncompressed == 41
    assert listing.complete


def test_zip_listing_stops_at_the_entry_limit() -> None:
    listing = list_zip(hostile_files.zip_bomb(2), 100)
    assert len(listing.names) == 100
    assert listing.declared_entries == 5_000
    assert not listing.complete


def test_zip_file_names_are_display_safe() -> None:
    data = hostile_files.zip_of([("../../etc/passwd", b"x"), ("evil\u202egpj.exe", b"y")])
    assert list_zip(data, 10).names == ["passwd", "evilgpj.exe"]


def test_a_damaged_zip_is_listed_as_far_as_it_goes() -> None:
    data = hostile_files.zip_of([("a.pdf", b"x")])
    assert not list_zip(data[:30], 10).complete
    assert list_zip(b"PK\x03\x04", 10).names == []


def test_zip_guards() -> None:
    limits = LimitsSettings()
    ratio = read_content(hostile_files.zip_bomb(0), FileFormat.zip, IngestSettings(), limits)
    assert ratio.problem == "limit:max_archive_ratio"
    size = read_content(hostile_files.zip_bomb(1), FileFormat.zip, IngestSettings(), limits)
    assert size.problem == "limit:max_archive_bytes"
    count = read_content(hostile_files.zip_bomb(2), FileFormat.zip, IngestSettings(), limits)
    assert count.problem == "limit:max_archive_entries"
    plain = hostile_files.zip_of([("Passport.pdf", make_pdf("x")), ("Photo.jpg", make_jpeg())])
    info = read_content(plain, FileFormat.zip, IngestSettings(), limits)
    assert info.problem == "archive"
    assert info.text.splitlines() == ["Passport.pdf", "Photo.jpg"]


def test_docx_is_still_told_from_zip() -> None:
    assert sniff(hostile_files.docx_bytes()) is FileFormat.docx
    assert sniff(hostile_files.zip_of([("a.pdf", b"x")])) is FileFormat.zip


def test_winmail_dat_names_are_read_long_form_first() -> None:
    long_name = "Paspor dan Izin Tinggal - Budi Santoso (halaman data).pdf"
    data = hostile_files.winmail([(long_name, b"%PDF-1.4"), ("Foto.jpg", b"\xff\xd8\xff")])
    assert sniff(data) is FileFormat.tnef
    listing = list_tnef(data, 10)
    assert listing.names == [long_name, "Foto.jpg"]
    assert listing.complete


def test_a_cut_winmail_dat_keeps_what_was_read() -> None:
    data = hostile_files.winmail([("a.pdf", b"%PDF" * 100), ("b.pdf", b"%PDF" * 100)])
    listing = list_tnef(data[: len(data) // 2], 10)
    assert listing.names == ["a.pdf"]
    assert not listing.complete


def test_a_forwarded_message_keeps_its_attachments() -> None:
    inner = make_email(attachments=[(make_pdf("Passport"), "application/pdf", "Paspor.pdf")])
    outer = make_email(subject="Fwd: Permohonan")
    outer.add_attachment(inner)
    email = parse(as_bytes(outer), INGEST, CATALOG)
    names = [(a.filename, a.detected_format, a.nested_in) for a in email.attachments]
    assert ("Paspor.pdf", FileFormat.pdf, "a1") in names
    assert email.attachments[0].detected_format is FileFormat.rfc822


def test_an_eml_file_inside_an_eml_is_opened_too() -> None:
    innermost = make_email(attachments=[(make_pdf("KTP"), "application/pdf", "KTP.pdf")])
    inner = make_email(attachments=[(make_pdf("Passport"), "application/pdf", "Paspor.pdf")])
    inner.add_attachment(
        as_bytes(innermost), maintype="application", subtype="octet-stream", filename="ktp.eml"
    )
    outer = make_email(subject="Fwd: Permohonan")
    outer.add_attachment(
        as_bytes(inner), maintype="application", subtype="octet-stream", filename="Permohonan.eml"
    )
    email = inspect(parse(as_bytes(outer), INGEST, CATALOG), INGEST)
    by_name = {a.filename: a for a in email.attachments}
    assert by_name["Permohonan.eml"].detected_format is FileFormat.rfc822
    assert by_name["Paspor.pdf"].nested_in == by_name["Permohonan.eml"].id
    assert by_name["KTP.pdf"].nested_in == by_name["ktp.eml"].id
    assert by_name["KTP.pdf"].content is not None and by_name["KTP.pdf"].content.readable
    assert len(email.attachments) == 4  # nothing found twice (mail-parser and the walk agree)


def test_a_file_named_eml_that_is_no_email_stays_a_file() -> None:
    msg = make_email()
    msg.add_attachment(
        b"%PDF-1.4 not a mail", maintype="application", subtype="octet-stream", filename="scan.eml"
    )
    email = parse(as_bytes(msg), INGEST, CATALOG)
    assert [(a.filename, a.detected_format) for a in email.attachments] == [
        ("scan.eml", FileFormat.pdf)
    ]


def test_message_rfc822_without_a_body_is_no_crash() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.example"
    msg["Subject"] = "x"
    msg.set_content("see attached")
    msg.add_attachment(EmailMessage())
    assert parse(as_bytes(msg), INGEST, CATALOG).looks_like_email
