"""Helpers for the sample-generator tests: parse an email, list its attachments, read a PDF."""

from __future__ import annotations

import io
from email import message_from_bytes, policy
from email.message import EmailMessage

from pypdf import PdfReader


def parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def attachments(raw: bytes) -> list[tuple[str, str, bytes]]:
    """(filename, content type, decoded bytes) of each attachment, in MIME order."""
    out = []
    for part in parse(raw).iter_attachments():
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):  # message/* parts of a delivery report
            data = part.as_bytes()
        out.append((part.get_filename() or "", part.get_content_type(), data))
    return out


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
