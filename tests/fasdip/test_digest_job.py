"""The daily digest job: written from the store, mailed to officers as auto-generated mail."""

from __future__ import annotations

from pathlib import Path

from config.settings import load_settings
from fasdip.cli_demo import demo_settings
from fasdip.mailroom import Mailroom
from fasdip.service import write_digest
from samples.missions import registry_yaml
from tests.fasdip.corpus import scenario


def test_the_digest_job_saves_and_mails_the_digest(tmp_path: Path) -> None:
    settings = demo_settings(load_settings(), tmp_path)
    settings = settings.model_copy(
        update={
            "digest": settings.digest.model_copy(update={"recipients": ["officer@kemlu.go.id"]})
        }
    )
    (tmp_path / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    for name in ("new_en_foreign_complete", "defect_photo_blue"):
        (tmp_path / "inbox" / f"{name}.eml").write_bytes(scenario(name).eml)
    room = Mailroom.open(settings)
    try:
        room.poll_once()
        write_digest(settings, room)
    finally:
        room.close()

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
    assert {a.document_type for a in stored} >= {
        "diplomatic_note",
        "passport",
        "expired_airport_pass",
    }
    assert all(len(a.sha256) == 64 and a.size > 0 for a in stored)
