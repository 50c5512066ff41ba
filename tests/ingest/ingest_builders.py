"""Build the files and emails the ingest tests read: PDFs with fpdf2, images with Pillow,
emails with the standard library. No hand-made binaries.

Copy these when you need a fixture: ``make_pdf("Nota Diplomatik")``, ``make_jpeg()``,
``make_email(attachments=[...])``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP

from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

OFFICE = "fasdip.dafis.kundak@kemlu.go.id"


def make_pdf(*pages: str) -> bytes:
    """A PDF with one page per text, each with a real text layer."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages or ("Nota Diplomatik",):
        pdf.add_page()
        pdf.multi_cell(0, 10, text=text)
    return bytes(pdf.output())


def make_encrypted_pdf(user_password: str, text: str = "Rahasia") -> bytes:
    """``make_pdf(text)`` encrypted with RC4-128 (AES needs the ``cryptography`` package)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(text))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_image(
    fmt: str = "JPEG", size: tuple[int, int] = (600, 800), color: tuple[int, int, int] = (200, 0, 0)
) -> bytes:
    """A plain image in Pillow format ``fmt`` ("JPEG", "PNG", "GIF"…)."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def make_jpeg(size: tuple[int, int] = (600, 800)) -> bytes:
    """A JPEG with noise so that it is not tiny (a photo, not a logo)."""
    image = Image.effect_noise(size, 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def make_email(
    *,
    subject: str = "Permohonan Pas Bandara",
    sender: str = '"Embassy of Spain" <Consular@EMB-Spain.example>',
    body: str = "Dengan hormat, terlampir dokumen permohonan.",
    html: str | None = None,
    attachments: Sequence[tuple[bytes, str, str]] = (),
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """A covering email with ``(data, "type/subtype", filename)`` attachments."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = OFFICE
    msg["Subject"] = subject
    msg["Date"] = "Mon, 03 Mar 2025 09:15:00 +0700"
    msg["Message-ID"] = "<note-123@emb-spain.example>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for data, content_type, filename in attachments:
        maintype, subtype = content_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    """The email as it arrives over SMTP (CRLF line ends)."""
    return msg.as_bytes(policy=SMTP)


def mime_text(text: str) -> bytes:
    """Hand-written MIME (for malformed cases): LF in the source, CRLF on the wire."""
    return text.lstrip("\n").replace("\n", "\r\n").encode("utf-8")
