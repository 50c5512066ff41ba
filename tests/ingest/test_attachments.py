"""``parse`` finds every document of an email, with its real bytes and format."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from email.message import EmailMessage

import mailparser

from fasdip.models import FileFormat, FindingCode, InboundEmail
from tests.ingest.ingest_builders import (
    as_bytes,
    make_email,
    make_image,
    make_jpeg,
    make_pdf,
    mime_text,
)

Parse = Callable[[bytes], InboundEmail]


def test_attachments_carry_bytes_size_hash_and_both_types(parse_raw: Parse) -> None:
    note = make_pdf("Nota Diplomatik No. 12/2025")
    photo = make_jpeg()
    raw = as_bytes(
        make_email(
            attachments=[
                (note, "application/pdf", "Nota Diplomatik.pdf"),
                (photo, "image/jpeg", "photo.jpg"),
            ]
        )
    )

    email = parse_raw(raw)

    assert [a.id for a in email.attachments] == ["a1", "a2"]
    first, second = email.attachments
    assert first.filename == "Nota Diplomatik.pdf"
    assert first.data == note
    assert first.size == len(note)
    assert first.sha256 == hashlib.sha256(note).hexdigest()
    assert first.declared_type == "application/pdf"
    assert first.detected_format is FileFormat.pdf
    assert first.found_by == "both"
    assert first.inline is False
    assert second.detected_format is FileFormat.jpeg
    assert email.findings == []
    assert email.raw_size == len(raw)
    assert email.raw_sha256 == hashlib.sha256(raw).hexdigest()


def test_a_pdf_name_on_a_jpeg_is_detected_as_jpeg(parse_raw: Parse) -> None:
    raw = as_bytes(make_email(attachments=[(make_jpeg(), "application/pdf", "passport.pdf")]))

    (attachment,) = parse_raw(raw).attachments

    assert attachment.declared_type == "application/pdf"
    assert attachment.detected_format is FileFormat.jpeg


def test_non_ascii_file_names_decode_rfc2231(parse_raw: Parse) -> None:
    names = ["Nota Diplomatik – Embajada de España.pdf", "Паспорт.pdf", "パスポート.pdf"]
    files = [(make_pdf(f"Document {i}"), "application/pdf", n) for i, n in enumerate(names)]
    raw = as_bytes(make_email(attachments=files))
    assert b"filename*" in raw  # the stdlib writes RFC 2231 parameters

    email = parse_raw(raw)

    assert [a.filename for a in email.attachments] == names


def test_rfc2047_file_name_and_rfc2231_continuations(parse_raw: Parse) -> None:
    raw = mime_text(
        """
From: consul@emb.example
To: fasdip.dafis.kundak@kemlu.go.id
Subject: =?UTF-8?Q?Paspor_=E2=80=93_Jepang?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Terlampir.
--XX
Content-Type: application/pdf; name="=?UTF-8?B?44OR44K544Od44O844OILnBkZg==?="
Content-Disposition: attachment; filename="=?UTF-8?B?44OR44K544Od44O844OILnBkZg==?="
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--XX
Content-Type: application/pdf
Content-Disposition: attachment;
 filename*0*=utf-8''Nota%20Diplomatik%20%E2%80%93%20Embajada%20de;
 filename*1*=%20Espa%C3%B1a.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjUK
--XX--
"""
    )

    email = parse_raw(raw)

    assert email.subject == "Paspor – Jepang"
    assert [a.filename for a in email.attachments] == [
        "パスポート.pdf",
        "Nota Diplomatik – Embajada de España.pdf",
    ]


def test_file_names_lose_paths_and_control_characters(parse_raw: Parse) -> None:
    raw = as_bytes(
        make_email(
            attachments=[
                (b"%PDF-1.4 a", "application/pdf", "../../etc/passwd"),
                (b"%PDF-1.4 b", "application/pdf", "C:\\x\\y.pdf"),
                (b"%PDF-1.4 c", "application/pdf", "scan\x07\u202egpj.pdf"),
                (b"%PDF-1.4 d", "application/pdf", "Cafe\u0301.pdf"),  # decomposed é
            ]
        )
    )

    names = [a.filename for a in parse_raw(raw).attachments]

    assert names == ["passwd", "y.pdf", "scangpj.pdf", "Café.pdf"]


def _related(html: str, image: bytes, cid: str, subtype: str = "png") -> EmailMessage:
    """An HTML email showing ``image`` inline through ``cid:`` (a signature logo or a photo)."""
    msg = make_email(html=html)
    html_part = msg.get_payload(1)
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(image, maintype="image", subtype=subtype, cid=f"<{cid}>")
    return msg


def test_small_inline_logo_is_not_an_attachment(parse_raw: Parse) -> None:
    logo = make_image("PNG", (120, 40))
    msg = _related('<p>Hormat kami</p><img src="cid:logo@emb.example">', logo, "logo@emb.example")

    email = parse_raw(as_bytes(msg))

    assert email.attachments == []
    assert email.body_text.startswith("Dengan hormat")


def test_large_inline_photo_is_an_attachment(parse_raw: Parse) -> None:
    photo = make_jpeg((600, 800))
    msg = _related('<img src="cid:photo@emb.example">', photo, "photo@emb.example", "jpeg")

    (attachment,) = parse_raw(as_bytes(msg)).attachments

    assert attachment.detected_format is FileFormat.jpeg
    assert attachment.inline is True
    assert attachment.content_id == "photo@emb.example"


def test_inline_pdf_counts_as_a_document(parse_raw: Parse) -> None:
    msg = make_email()
    msg.add_attachment(
        make_pdf("Nota"), maintype="application", subtype="pdf", filename="nota.pdf",
        disposition="inline",
    )  # fmt: skip

    (attachment,) = parse_raw(as_bytes(msg)).attachments

    assert attachment.filename == "nota.pdf"
    assert attachment.inline is True
    assert attachment.detected_format is FileFormat.pdf


def test_attached_message_is_opened(parse_raw: Parse) -> None:
    inner = make_email(
        subject="Fwd: paspor",
        body="Isi email yang diteruskan.",
        attachments=[(make_pdf("Passport"), "application/pdf", "passport.pdf")],
    )
    outer = make_email(body="Email asli terlampir.")
    outer.add_attachment(inner)
    raw = as_bytes(outer)

    email = parse_raw(raw)

    message, passport = email.attachments
    assert message.detected_format is FileFormat.rfc822
    assert message.declared_type == "message/rfc822"
    assert passport.filename == "passport.pdf"
    assert passport.nested_in == message.id == "a1"
    # mail-parser merges the forwarded email's text into the body; we do not.
    assert "Isi email yang diteruskan" in mailparser.parse_from_bytes(raw).body
    assert "Isi email yang diteruskan" not in email.body_text


def test_image_without_a_file_name_is_kept(parse_raw: Parse) -> None:
    photo = make_jpeg()
    msg = make_email()
    msg.add_attachment(photo, maintype="image", subtype="jpeg")  # no filename, no Content-ID
    photo_part = msg.get_payload(1)
    assert isinstance(photo_part, EmailMessage)
    photo_part.replace_header("Content-Disposition", "inline")
    raw = as_bytes(msg)
    assert mailparser.parse_from_bytes(raw).attachments == []  # mail-parser drops it

    (attachment,) = parse_raw(raw).attachments

    assert attachment.found_by == "email"
    assert attachment.filename == "unnamed-1.jpg"
    assert attachment.data == photo


_WRONG_BOUNDARY = """
From: embassy@emb.example
To: fasdip.dafis.kundak@kemlu.go.id
Subject: Nota
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="declared"

--used
Content-Type: text/plain

Terlampir Nota Diplomatik.
--used
Content-Type: application/pdf; name="nota.pdf"
Content-Disposition: attachment; filename="nota.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--used--
"""


def test_part_behind_a_mismatched_boundary_is_kept(parse_raw: Parse) -> None:
    raw = mime_text(_WRONG_BOUNDARY)
    assert mailparser.parse_from_bytes(raw).attachments == []  # mail-parser loses it

    email = parse_raw(raw)

    (attachment,) = email.attachments
    assert attachment.filename == "nota.pdf"
    assert attachment.data == b"%PDF-1.4\n"
    assert attachment.found_by == "email"
    assert email.body_text == "Terlampir Nota Diplomatik."


def test_part_of_a_multipart_without_boundary_is_kept(parse_raw: Parse) -> None:
    raw = mime_text(_WRONG_BOUNDARY.replace('; boundary="declared"', ""))
    assert mailparser.parse_from_bytes(raw).attachments == []

    (attachment,) = parse_raw(raw).attachments

    assert attachment.filename == "nota.pdf"


def test_mail_parser_crash_on_a_broken_boundary_is_a_finding(parse_raw: Parse) -> None:
    # A nested multipart whose boundary never appears, in a message without its closing
    # boundary: mail-parser 4.8 raises AttributeError; we keep the PDF.
    raw = mime_text(
        """
From: embassy@emb.example
Subject: x
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

no inner boundary line here
--outer
Content-Type: application/pdf; name="n.pdf"
Content-Disposition: attachment; filename="n.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
"""
    )

    email = parse_raw(raw)

    assert [a.filename for a in email.attachments] == ["n.pdf"]
    assert email.attachments[0].found_by == "email"
    assert [f.code for f in email.findings] == [FindingCode.undecodable_part]
    assert "mail-parser" in email.findings[0].params["reason"]
    assert email.subject == "x"  # headers then come from the standard library


def test_broken_base64_is_kept_and_reported(parse_raw: Parse) -> None:
    raw = mime_text(
        """
From: embassy@emb.example
Subject: scan
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: application/pdf; name="scan.pdf"
Content-Disposition: attachment; filename="scan.pdf"
Content-Transfer-Encoding: base64

JVBERi0x!!LjQK$$JVBE
--XX
Content-Type: image/jpeg; name="cut.jpg"
Content-Disposition: attachment; filename="cut.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRgABAQ
--XX--
"""
    )

    email = parse_raw(raw)

    scan, cut = email.attachments
    assert scan.data.startswith(b"%PDF-1.4")
    assert cut.data.startswith(b"\xff\xd8\xff")
    findings = {f.attachment: f for f in email.findings}
    assert set(findings) == {"a1", "a2"}
    assert findings["a1"].code is FindingCode.undecodable_part
    assert "invalid base64 characters" in findings["a1"].params["reason"]
    assert findings["a1"].filename == "scan.pdf"
    assert "scan.pdf" in findings["a1"].text_en


def test_body_parts_are_not_attachments(parse_raw: Parse) -> None:
    raw = as_bytes(make_email(html="<p>Dengan hormat</p>"))

    email = parse_raw(raw)

    assert email.attachments == []
    assert email.body_text == "Dengan hormat, terlampir dokumen permohonan."


def test_rfc2231_name_with_a_broken_charset_is_salvaged(parse_raw: Parse) -> None:
    # The stdlib raises "embedded null character" on this charset, through mail-parser too.
    raw = mime_text(
        """
From: embassy@emb.example
Subject: x
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: application/pdf
Content-Disposition: attachment; filename*=utf-8\x00''Nota%20Espa%C3%B1a.pdf

%PDF-1.4
--b--
"""
    )

    email = parse_raw(raw)

    assert [a.filename for a in email.attachments] == ["Nota España.pdf"]
    assert "mail-parser" in email.findings[0].params["reason"]


def test_multipart_bomb_is_a_finding_not_a_crash(parse_raw: Parse) -> None:
    head = (
        b"From: a@b.example\r\nSubject: bomb\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
    )
    nested = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (i, i + 1)
        for i in range(3000)
    )

    email = parse_raw(head + nested)

    assert email.subject == "bomb"
    assert email.attachments == []
    assert [f.code for f in email.findings] == [FindingCode.limit_exceeded]
    assert email.findings[0].params["limit_name"] == "max_mime_depth"
