"""Headers, body text, and what is not an email at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from fasdip.models import FindingCode, InboundEmail
from ingest import headers as hdr
from tests.ingest.ingest_builders import as_bytes, make_email, make_pdf, mime_text

Parse = Callable[[bytes], InboundEmail]
WIB = dt.timezone(dt.timedelta(hours=7))


def test_addresses_and_ids(parse_raw: Parse) -> None:
    msg = make_email(
        sender='"Embajada de España" <Consular@EMB-Spain.example>',
        headers={
            "Cc": "Kepala Subdit <kasubdit@kemlu.go.id>, b@kemlu.go.id",
            "Reply-To": "Visa@EMB-Spain.example",
            "In-Reply-To": "<reply-1@kemlu.go.id>",
            "References": "<first@emb.example> <reply-1@kemlu.go.id>",
            "Return-Path": "<bounce@emb.example>",
        },
    )

    email = parse_raw(as_bytes(msg))

    assert email.from_address == "consular@emb-spain.example"
    assert email.from_name == "Embajada de España"
    assert email.to == ["fasdip.dafis.kundak@kemlu.go.id"]
    assert email.cc == ["kasubdit@kemlu.go.id", "b@kemlu.go.id"]
    assert email.reply_to == ["visa@emb-spain.example"]
    assert email.message_id == "<note-123@emb-spain.example>"
    assert email.in_reply_to == "<reply-1@kemlu.go.id>"
    assert email.references == ["<first@emb.example>", "<reply-1@kemlu.go.id>"]
    assert email.return_path == "<bounce@emb.example>"
    assert email.date == dt.datetime(2025, 3, 3, 9, 15, tzinfo=WIB)
    assert email.content_type == "text/plain"


def test_a_display_name_cut_by_an_unquoted_comma_is_not_the_sender(parse_raw: Parse) -> None:
    """Some mail programs leave a comma in the sender's name unquoted; the address is the
    one in angle brackets, not the name's first words (the case would name no mission)."""
    msg = make_email(sender="Protocol Office, Embassy of Valdoria <Protocol@embassy.example>")

    email = parse_raw(as_bytes(msg))

    assert email.from_address == "protocol@embassy.example"
    assert hdr.addresses([msg["From"]]) == [("Embassy of Valdoria", "protocol@embassy.example")]


def test_automatic_mail_headers(parse_raw: Parse) -> None:
    msg = make_email(
        sender="<>",
        headers={
            "Auto-Submitted": "auto-replied",
            "Precedence": "bulk",
            "List-Id": "Diplomatic news <news.emb.example>",
            "X-Autoreply": "yes",
            "X-Auto-Response-Suppress": "All",
        },
    )

    email = parse_raw(as_bytes(msg))

    assert email.from_address == ""  # null sender
    assert email.auto_submitted == "auto-replied"
    assert email.precedence == "bulk"
    assert email.list_id == "Diplomatic news <news.emb.example>"
    assert email.auto_reply_headers == ["X-Autoreply", "X-Auto-Response-Suppress"]


def test_received_at_is_the_topmost_received_date(parse_raw: Parse) -> None:
    received = [
        "from mx.kemlu.go.id by mail.kemlu.go.id; Tue, 4 Mar 2025 08:00:05 +0700",
        "from emb.example by mx.kemlu.go.id; Tue, 4 Mar 2025 00:59:58 +0000",
    ]
    # Each server puts its Received: on top: the first one is our own server's.
    top = b"".join(b"Received: " + value.encode() + b"\r\n" for value in received)
    raw = top + as_bytes(make_email())

    email = parse_raw(raw)

    assert email.received_at == dt.datetime(2025, 3, 4, 8, 0, 5, tzinfo=WIB)
    assert email.date == dt.datetime(2025, 3, 3, 9, 15, tzinfo=WIB)


def test_missing_or_broken_dates_are_none(parse_raw: Parse) -> None:
    msg = make_email()
    msg.replace_header("Date", "yesterday, around noon")

    email = parse_raw(as_bytes(msg))

    assert email.date is None
    assert email.received_at is None


def test_html_only_body_becomes_text(parse_raw: Parse) -> None:
    raw = mime_text(
        """
From: embassy@emb.example
Subject: Pas Bandara
Content-Type: text/html; charset=utf-8

<html><head><style>p {color: red}</style><script>alert(1)</script></head>
<body><p>Dengan&nbsp;hormat,</p><p>Kedutaan Besar Spanyol <b>memohon</b> pas bandara.</p></body></html>
"""
    )

    email = parse_raw(raw)

    assert email.body_text == "Dengan hormat,\n\nKedutaan Besar Spanyol memohon pas bandara."
    assert email.attachments == []


@pytest.mark.parametrize(
    "raw",
    [b"", make_pdf("Nota Diplomatik"), bytes(range(256)) * 3, b"just a line of text\n"],
    ids=["empty", "pdf", "random", "text"],
)
def test_bytes_that_are_not_an_email(parse_raw: Parse, raw: bytes) -> None:
    email = parse_raw(raw)

    assert email.looks_like_email is False
    assert [f.code for f in email.findings] == [FindingCode.not_an_email]
    assert email.attachments == []
    assert email.raw_size == len(raw)
