"""A Reply becomes the message we send, with the headers that stop loops and thread it."""

from __future__ import annotations

import datetime as dt
import re
from email import message_from_bytes
from email.policy import default

import pytest

from fasdip.models import Decision, Reply
from responders.outgoing import build_message, with_pdfs


def test_headers_threading_and_text() -> None:
    reply = Reply(
        subject="[FASDIP-2026-000123] Kelengkapan dokumen – Re: Permohonan",
        text="Dengan hormat,\nDokumen berikut belum kami terima: paspor.\n",
        to=["consular@embassy.example"],
        in_reply_to="<req2@embassy.example>",
        references=["<req2@embassy.example>"],
        kind=Decision.missing_items,
    )
    raw = build_message(
        reply,
        message_id="<FASDIP-2026-000123.r2@fasdip.kemlu.go.id>",
        sender="fasdip.dafis.kundak@kemlu.go.id",
        sender_name="Direktorat Fasilitas Diplomatik",
        references=["<req1@embassy.example>", "<FASDIP-2026-000123.r1@fasdip.kemlu.go.id>"],
        date=dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC),
    )
    assert b"\r\n" in raw and all(ord(c) < 128 for c in raw.decode("ascii"))
    msg = message_from_bytes(raw, policy=default)
    assert msg["Message-ID"] == "<FASDIP-2026-000123.r2@fasdip.kemlu.go.id>"
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["In-Reply-To"] == "<req2@embassy.example>"
    assert msg["References"].split() == [
        "<req1@embassy.example>",
        "<FASDIP-2026-000123.r1@fasdip.kemlu.go.id>",
        "<req2@embassy.example>",
    ]
    assert msg["Subject"] == reply.subject  # encoded words decode back
    assert msg["To"] == "consular@embassy.example"
    assert msg["From"] == "Direktorat Fasilitas Diplomatik <fasdip.dafis.kundak@kemlu.go.id>"
    assert msg.get_content().replace("\r\n", "\n") == reply.text


LONG_SUBJECTS = [
    # (what the mission wrote, why it is here)
    ("Airport pass - H.E. the Ambassador and the Second Secretary of the Embassy", "ASCII, folded"),
    ("Demande de laissez-passer aéroport pour M. François Lefèvre, Premier Secrétaire", "French"),
    ("Solicitud pase aeropuerto / airport pass", "a fold falls before the en dash"),
    (
        "Permohonan Perpanjangan Pas Bandara Tahunan a.n. Sdr. Budi Santoso (Staf Lokal)",
        "Indonesian",
    ),
    ("Заявка на пропуск в аэропорт для советника посольства господина Иванова", "Cyrillic"),
]


@pytest.mark.parametrize(("theirs", "why"), LONG_SUBJECTS)
def test_a_long_subject_reads_back_exactly_as_written(theirs: str, why: str) -> None:
    """Folding must not add a space a mission would see ("proof  – Re:")."""
    subject = f"[FASDIP-2026-000007] Bukti pendaftaran / Registration proof – Re: {theirs}"
    reply = Reply(
        subject=subject,
        text="Dengan hormat,\n",
        to=["a@embassy.example"],
        kind=Decision.registration_proof,
    )
    raw = with_pdfs(
        build_message(reply, message_id="<x@fasdip.kemlu.go.id>", sender="f@kemlu.go.id"),
        [("Bukti-Pendaftaran.pdf", b"%PDF-1.4\n")],
    )
    assert message_from_bytes(raw, policy=default)["Subject"] == subject, why
    assert b"Subject: [FASDIP-2026-000007] Bukti pendaftaran" in raw  # any program reads the tag
    header = raw.split(b"\r\n\r\n")[0].decode("ascii")
    assert all(len(line) <= 78 for line in header.splitlines()), why
    assert all(len(word) <= 75 for word in re.findall(r"=\?[^?]+\?[bqBQ]\?[^?]*\?=", header))
