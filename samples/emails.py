"""RFC 5322 messages built with the stdlib ``email`` package, reproducible to the byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Mapping
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

MAILBOX = "fasdip.dafis.kundak@kemlu.go.id"
MAILBOX_NAME = "Fasdip Pendaftaran"

# (filename, content type, bytes) — optionally a 4th item: "inline" or "attachment"
Attachment = tuple[str, str, bytes]


def _boundary(message_id: str, index: int) -> str:
    digest = hashlib.sha256(f"{message_id}/{index}".encode()).hexdigest()[:24]
    return f"----=_Part_{index}_{digest}"


def _html(body: str) -> str:
    paragraphs = "".join(
        f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in body.split("\n\n")
    )
    return (
        f'<html><head><meta charset="utf-8"></head><body style="font-family:Calibri,'
        f'sans-serif;font-size:11pt">{paragraphs}</body></html>'
    )


def received_header(sender: str, date: dt.datetime, message_id: str) -> str:
    domain = sender.rpartition("@")[2] or "unknown.example"
    queue = hashlib.sha256(message_id.encode()).hexdigest()[:12].upper()
    octet = int(queue[:2], 16) % 250 + 2
    return (
        f"from mail.{domain} (mail.{domain} [192.0.2.{octet}]) by mx.kemlu.go.id (Postfix) "
        f"with ESMTPS id {queue} for <{MAILBOX}>; {format_datetime(date)}"
    )


def build_email(
    sender: str,
    sender_name: str,
    subject: str,
    body: str,
    attachments: list[Attachment],
    date: dt.datetime,
    message_id: str,
    in_reply_to: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
    *,
    html_alternative: bool = False,
    inline: bool = False,
    mailer: str = "Microsoft Outlook 16.0",
    to: str = MAILBOX,
    cc: str | None = None,
) -> bytes:
    """One email as CRLF bytes.

    ``inline`` sends every attachment with ``Content-Disposition: inline`` (Apple Mail
    style); ``html_alternative`` adds a text/html twin of the body. Non-ASCII file names
    are RFC 2231-encoded by the stdlib. Boundaries derive from ``message_id``.
    """
    msg = EmailMessage(policy=policy.SMTP)
    msg["Received"] = received_header(sender, date, message_id)
    msg["Return-Path"] = f"<{sender}>" if sender else "<>"
    msg["From"] = formataddr((sender_name, sender)) if sender_name else sender
    msg["To"] = formataddr((MAILBOX_NAME, to)) if to == MAILBOX else to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["MIME-Version"] = "1.0"
    if mailer:
        msg["X-Mailer"] = mailer
    for name, value in (extra_headers or {}).items():
        msg[name] = value
    msg.set_content(body, cte="quoted-printable")
    if html_alternative:
        msg.add_alternative(_html(body), subtype="html", cte="quoted-printable")
    for filename, content_type, data in attachments:
        maintype, _, subtype = content_type.partition("/")
        msg.add_attachment(
            data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=filename,
            disposition="inline" if inline else "attachment",
        )
    for index, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(_boundary(message_id, index))
    return msg.as_bytes()


def build_bounce(
    original_to: str, original_subject: str, date: dt.datetime, message_id: str
) -> bytes:
    """A delivery-status notification from MAILER-DAEMON (null Return-Path, multipart/report)."""
    boundary = _boundary(message_id, 0)
    when = format_datetime(date)
    domain = original_to.rpartition("@")[2]
    lines = [
        f"Received: {received_header('MAILER-DAEMON@mx.kemlu.go.id', date, message_id)}",
        "Return-Path: <>",
        "From: MAILER-DAEMON@mx.kemlu.go.id (Mail Delivery System)",
        f"To: {MAILBOX}",
        "Subject: Undelivered Mail Returned to Sender",
        f"Date: {when}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        "This is a MIME-encapsulated message.",
        "",
        f"--{boundary}",
        "Content-Description: Notification",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "This is the mail system at host mx.kemlu.go.id.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients.",
        "",
        f"<{original_to}>: host mail.{domain} said: 550 5.1.1 User unknown (in reply",
        "    to RCPT TO command)",
        "",
        f"--{boundary}",
        "Content-Description: Delivery report",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.kemlu.go.id",
        f"Arrival-Date: {when}",
        "",
        f"Final-Recipient: rfc822; {original_to}",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
        "",
        f"--{boundary}",
        "Content-Description: Undelivered Message Headers",
        "Content-Type: text/rfc822-headers",
        "",
        f"From: {MAILBOX_NAME} <{MAILBOX}>",
        f"To: {original_to}",
        f"Subject: {original_subject}",
        f"Date: {format_datetime(date - dt.timedelta(minutes=2))}",
        "",
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("ascii")
