"""A ``Reply`` becomes the RFC 5322 message we send, with the headers that stop mail loops.

Every message we send carries ``Auto-Submitted: auto-replied`` (RFC 3834) and
``X-Auto-Response-Suppress: All`` (Exchange: no out-of-office answers to us), a
deterministic ``Message-ID`` chosen by the store (``<FASDIP-2026-000123.r1@…>``: a retry
after a crash is recognisable) and ``In-Reply-To``/``References`` so the mission's mail
client threads it under their own mail.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from collections.abc import Sequence
from email.header import Header
from email.message import EmailMessage
from typing import Protocol

from fasdip.models import Reply


class Mailer(Protocol):
    """Something that delivers a finished message (SMTP, or a folder of .eml files)."""

    def send(self, sender: str, recipients: Sequence[str], message: bytes) -> None: ...

    def close(self) -> None: ...


def build_message(
    reply: Reply,
    *,
    message_id: str,
    sender: str,
    sender_name: str = "",
    references: Sequence[str] = (),
    date: dt.datetime | None = None,
) -> bytes:
    """The whole message as bytes (CRLF line ends, UTF-8 body, encoded headers)."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = email.utils.formataddr((sender_name, sender)) if sender_name else sender
    msg["To"] = ", ".join(reply.to)
    set_subject(msg, reply.subject)
    msg["Date"] = email.utils.format_datetime(date or dt.datetime.now(dt.UTC))
    msg["Message-ID"] = message_id
    chain = _unique(
        [*references, *reply.references, *([reply.in_reply_to] if reply.in_reply_to else [])]
    )
    if reply.in_reply_to:
        msg["In-Reply-To"] = reply.in_reply_to
    if chain:
        msg["References"] = " ".join(chain[-20:])  # the thread's root and latest are enough
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Fasdip-Kind"] = reply.kind.value
    msg.set_content(reply.text, charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()


def with_pdfs(message: bytes, files: Sequence[tuple[str, bytes]]) -> bytes:
    """The stored reply with PDF files attached (``multipart/mixed``: the text first).

    The reply is rebuilt this way each time it is sent, from the outbox row and the
    proofs stored with it, so a retry sends the same message with the same files."""
    if not files:
        return message
    msg = email.message_from_bytes(message, _class=EmailMessage, policy=email.policy.SMTP)
    for filename, data in files:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    return msg.as_bytes()


def set_subject(msg: EmailMessage, subject: str) -> None:
    """``subject`` as the message's Subject, folded so that it reads back unchanged.

    The standard library folds a long header by putting a line break before an encoded
    word while keeping the space in front of it, so the reader sees two spaces ("proof  –
    Re: …" in four of ten French subjects). A subject with non-ASCII letters is therefore
    encoded here: its ASCII words up to the first other letter as they are (the case tag
    stays readable to any program), the rest as encoded words of at most 75 characters
    on lines of at most 78, between which a reader adds nothing (RFC 2047 §6.2)."""
    if subject.isascii():
        msg["Subject"] = subject
        return
    first = next(i for i, char in enumerate(subject) if not char.isascii())
    cut = subject.rfind(" ", 0, first)
    header = Header(header_name="Subject")
    if cut > 0:  # the header puts the one space back between the two parts
        header.append(subject[:cut], "us-ascii")
        header.append(subject[cut + 1 :], "utf-8")
    else:
        header.append(subject, "utf-8")
    msg.set_raw("Subject", header.encode(maxlinelen=76))


def _unique(ids: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in ids:
        item = item.strip()
        if item and item not in seen:
            seen[item] = None
    return list(seen)
