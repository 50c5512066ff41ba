"""The daily digest job: written from the store, mailed to officers as auto-generated mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config.settings import Settings, load_settings
from fasdip.cli_demo import demo_settings
from fasdip.mailroom import Mailroom
from fasdip.service import write_digest
from samples.emails import build_email
from samples.files import photo_jpeg
from samples.missions import registry_yaml
from tests.fasdip.corpus import scenario

pytestmark = pytest.mark.slow  # the service on a corpus, then the digest job


def poll_then_digest(settings: Settings, mails: dict[str, bytes]) -> None:
    """The generator's missions registered, ``mails`` polled from the inbox folder, then
    the digest job."""
    Path(settings.missions.file).write_text(registry_yaml(), encoding="utf-8")
    inbox = Path(settings.service.inbox_dir)
    inbox.mkdir()
    for name, raw in mails.items():
        (inbox / f"{name}.eml").write_bytes(raw)
    room = Mailroom.open(settings)
    try:
        room.poll_once()
        write_digest(settings, room)
    finally:
        room.close()


def test_the_digest_job_saves_and_mails_the_digest(tmp_path: Path) -> None:
    settings = demo_settings(load_settings(), tmp_path)
    settings = settings.model_copy(
        update={
            "digest": settings.digest.model_copy(update={"recipients": ["officer@kemlu.go.id"]})
        }
    )
    poll_then_digest(
        settings, {n: scenario(n).eml for n in ("new_en_foreign_complete", "defect_photo_blue")}
    )

    [html] = (tmp_path / "digest").glob("*.html")
    assert "FASDIP-2026-000001" in html.read_text(encoding="utf-8")
    assert "FASDIP-2026-000002" in html.read_text(encoding="utf-8")
    mailed = [
        p
        for p in (tmp_path / "outbox").glob("*.eml")
        if "officer@kemlu.go.id" in p.read_text("utf-8")
    ]
    assert len(mailed) == 1
    text = mailed[0].read_text(encoding="utf-8")
    assert "Auto-Submitted: auto-generated" in text
    assert "text/html" in text and "text/plain" in text
    # The complete case's registration proof was written for the officers' record.
    assert len(list((tmp_path / "proofs").glob("Bukti-Pendaftaran-FASDIP-2026-*.pdf"))) == 1


def test_the_store_keeps_each_mail_s_documents(tmp_path: Path) -> None:
    settings = demo_settings(load_settings(), tmp_path)
    (tmp_path / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    first = scenario("renewal_id_foreign_missing_photo")
    (tmp_path / "inbox" / "first.eml").write_bytes(first.eml)
    room = Mailroom.open(settings)
    try:
        room.poll_once()
        [case] = room.store.cases()
        stored = room.store.attachments(case.id)
    finally:
        room.close()
    verdict_files = {a.filename for a in first.truth.attachments}
    assert {a.filename for a in stored} == verdict_files
    assert len(stored) == len(verdict_files)
    assert {a.document_type for a in stored} >= {
        "diplomatic_note",
        "passport",
        "expired_airport_pass",
    }
    assert all(len(a.sha256) == 64 and a.size > 0 for a in stored)


def test_a_follow_up_adds_only_its_own_documents_to_the_store(tmp_path: Path) -> None:
    """The follow-up is judged with the first mail's documents, but those stay stored
    once, with the first mail."""
    settings = demo_settings(load_settings(), tmp_path)
    (tmp_path / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    first = scenario("renewal_id_foreign_missing_photo")
    (tmp_path / "inbox" / "first.eml").write_bytes(first.eml)
    room = Mailroom.open(settings)
    try:
        room.poll_once()
        [case] = room.store.cases()
        before = room.store.attachments(case.id)
        photo = f"Pas Foto a.n. {first.truth.applicants[0].name}.jpg"
        follow_up = build_email(
            sender=first.truth.sender,
            sender_name="Protocol",
            subject=f"Re: [{case.number}] {first.truth.subject}",
            body="Dear Sir or Madam,\nPlease find attached the requested photo.\n",
            attachments=[(photo, "image/jpeg", photo_jpeg("red"))],
            date=dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC),
            message_id="<answer-1@embassy.example>",
        )
        (tmp_path / "inbox" / "second.eml").write_bytes(follow_up)
        room.poll_once()
        [same] = room.store.cases()
        after = room.store.attachments(case.id)
        [verdict, again] = room.store.verdicts(case.id)
    finally:
        room.close()
    assert same.id == case.id and verdict.mail_id != again.mail_id
    assert after[: len(before)] == before
    [added] = after[len(before) :]
    assert (added.filename, added.mail_id) == (photo, again.mail_id)


def test_a_missions_answer_to_our_reply_is_listed_under_its_own_subject(tmp_path: Path) -> None:
    """Officers read "New airport pass", not our label nested in the mission's "RE:"."""
    settings = demo_settings(load_settings(), tmp_path)
    raw = scenario("renewal_id_foreign_missing_photo").eml
    head, _, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    lines = [line for line in head.splitlines() if not line.lower().startswith(b"subject:")]
    lines.append(b"Subject: RE: Kelengkapan dokumen / Missing documents - Re: New airport pass")
    poll_then_digest(settings, {"answer": b"\r\n".join(lines) + b"\r\n\r\n" + body})

    [text] = (tmp_path / "digest").glob("*.txt")
    digest = text.read_text(encoding="utf-8")
    assert "New airport pass" in digest
    assert "Missing documents - Re" not in digest and "Kelengkapan dokumen /" not in digest
