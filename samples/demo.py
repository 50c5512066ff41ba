"""The demo's sample mailbox: the fixed catalogue, an unknown sender, and a follow-up.

``python -m samples demo DIR`` writes it for ``fasdip demo --mailbox DIR``: the missions
registry (``missions.yaml``) and one numbered folder per wave (``1/001-name.eml``…).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

from samples.emails import build_email
from samples.files import photo_jpeg
from samples.missions import registry_yaml
from samples.scenarios import FIXED_COUNT, build_corpus

Mail = tuple[str, bytes]


def _from_elsewhere(raw: bytes) -> bytes:
    """The same request sent from an address no mission registered."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    del message["From"]
    del message["Message-ID"]
    message["From"] = "Protocol Desk <protocol.desk@freemail.example>"
    message["Message-ID"] = "<demo-unknown-sender@freemail.example>"
    return message.as_bytes()


def demo_mailbox(seed: int = 7) -> list[list[Mail]]:
    """Waves of mail: the requests first, then a mission's answer that completes its case."""
    corpus = build_corpus(FIXED_COUNT, seed)
    first: list[Mail] = [(s.name, s.eml) for s in corpus]
    by_name = {s.name: s for s in corpus}
    first.append(("unknown_sender", _from_elsewhere(by_name["new_en_foreign_complete"].eml)))

    missing = by_name["renewal_id_foreign_missing_photo"]
    original = email.message_from_bytes(missing.eml, policy=email.policy.default)
    original_id = str(original["Message-ID"])
    name = missing.truth.applicants[0].name
    follow_up = build_email(
        sender=missing.truth.sender,
        sender_name="Consular Section",
        subject=f"Re: {missing.truth.subject}",
        body="Dengan hormat,\nBersama ini kami sampaikan pas foto yang belum terlampir.\n",
        attachments=[(f"Pas Foto a.n. {name}.jpg", "image/jpeg", photo_jpeg("red", seed=11))],
        date=dt.datetime.combine(missing.truth.today, dt.time(3, 0), dt.UTC) + dt.timedelta(days=1),
        message_id="<demo-follow-up@embassy-japan.example>",
        in_reply_to=original_id,
        extra_headers={"References": original_id},
    )
    return [first, [("renewal_follow_up_with_photo", follow_up)]]


def write_demo_mailbox(outdir: Path, seed: int = 7) -> int:
    """The mailbox as ``fasdip demo`` reads it; returns the number of mails written."""
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    written = 0
    for number, wave in enumerate(demo_mailbox(seed), start=1):
        folder = outdir / str(number)
        folder.mkdir(exist_ok=True)
        for index, (name, raw) in enumerate(wave, start=1):
            (folder / f"{index:03d}-{name}.eml").write_bytes(raw)
            written += 1
    return written
