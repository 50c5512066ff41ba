"""Issue 11: the registration proof reaches the mission (attached to the reply, read back
from the written .eml, checked by ``fasdip verify-proof``), also after a crash between
commit and send; and a mail the machine gave up on is the first thing officers see."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import sqlite3
import time
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from config.catalog import FindingCatalog
from config.settings import ProtectionSettings, Settings
from fasdip.casefiles import CaseFiles
from fasdip.cli import main
from fasdip.mailroom import Mailroom, PollReport
from fasdip.pipeline import Triage
from fasdip.store import Vault
from fasdip.store.vault import MAGIC
from fasdip.workers import Judged
from samples.missions import registry_yaml
from tests import browser
from tests.fasdip.corpus import scenario
from tests.fasdip.mailbox_helpers import CrashAt, InjectedCrash, make_settings, mission_mail
from tests.fasdip.server_settings import smtp_settings
from tests.servers import SmtpServer, smtp_server

__all__ = ["smtp_server"]

KEY = "a passphrase long enough for the vault"


def settings_for_samples(tmp_path: Path, **protection: object) -> Settings:
    """The test settings with the generator's missions registered (its senders known)."""
    settings = make_settings(tmp_path)
    settings.missions.file.write_text(registry_yaml(), encoding="utf-8")
    if protection:
        return settings.model_copy(
            update={"protection": ProtectionSettings.model_validate(protection)}
        )
    return settings


def attached_pdfs(eml: Path, vault: Vault | None = None) -> list[tuple[str, bytes]]:
    """The PDFs attached to a reply in the outbox folder (sealed with a key: ``vault``)."""
    message = email.message_from_bytes(
        (vault or Vault()).read_file(eml), policy=email.policy.default
    )
    found = []
    for part in message.walk():
        if part.get_content_type() == "application/pdf":
            data = part.get_payload(decode=True)
            assert isinstance(data, bytes)
            found.append((str(part.get_filename()), data))
    return found


def test_a_crash_between_commit_and_send_sends_one_reply_with_its_proof(
    tmp_path: Path, triage: Triage, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for_samples(tmp_path, encryption_key=KEY)
    complete = scenario("new_en_foreign_complete")
    settings.service.inbox_dir.mkdir(parents=True)
    (settings.service.inbox_dir / "1.eml").write_bytes(complete.eml)
    room = Mailroom.open(settings, triage=triage, hook=CrashAt("committed"))
    with pytest.raises(InjectedCrash):
        room.poll_once()
    room.store.close()  # the process died after the commit, before sending
    assert list(settings.service.outbox_dir.glob("*.eml*")) == []

    restarted = Mailroom.open(settings, triage=triage)
    restarted.poll_once()
    restarted.poll_once()
    restarted.close()

    # With a key the folder outbox holds the reply sealed, like every file at rest.
    [reply] = sorted(settings.service.outbox_dir.glob("*.eml.enc"))
    vault = Vault.from_settings(settings.protection)
    [(name, pdf)] = attached_pdfs(reply, vault)
    [case] = restarted.store.cases()
    assert name == f"Bukti-Pendaftaran-{case.number}.pdf"
    body = email.message_from_bytes(vault.read_file(reply), policy=email.policy.default)
    text = body.get_body(("plain",))
    assert text is not None
    wording = text.get_content()
    assert "terlampir pada email ini" in wording and "attached to this email" in wording
    assert name in wording and "separate PDF" not in wording
    saved = tmp_path / name
    saved.write_bytes(pdf)
    capsys.readouterr()
    assert main(["verify-proof", str(saved)]) == 0
    assert f"valid: {case.number}" in capsys.readouterr().out

    # Kept with the case, sealed with the office's key: no readable PDF in the database.
    with sqlite3.connect(settings.store.var_dir / "fasdip.sqlite3") as db:
        [(content, encrypted)] = db.execute("SELECT content, encrypted FROM proofs").fetchall()
    assert encrypted and bytes(content).startswith(MAGIC) and b"%PDF" not in bytes(content)


class Broken:
    """A judge with a bug: every mail it is given raises."""

    slots = 1

    def run(self, raw: bytes, **_: object) -> Judged:
        raise RuntimeError("stage exploded")

    def close(self) -> None:
        return None


def test_a_mail_that_fails_every_try_is_first_in_the_digest(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    settings.service.inbox_dir.mkdir(parents=True)
    subject = "Permohonan Pas Bandara Tahunan Baru a.n. Quarantined Applicant"
    (settings.service.inbox_dir / "1.eml").write_bytes(mission_mail(1, subject=subject))
    room = Mailroom.open(settings, triage=triage, judge=Broken())
    for _ in range(settings.store.max_attempts + 2):
        room.poll_once()
        time.sleep(0.06)  # the back-off
    [mail] = room.store.mails()
    assert mail.status == "quarantined"

    catalog = FindingCatalog(triage.office.messages, triage.office.requirements)
    files = CaseFiles(settings, room.store, triage.office.requirements, catalog)
    rendered, page = files.digest(dt.datetime.now(dt.UTC))
    room.close()

    assert "1 PERHATIAN" in rendered.subject
    first_other = {rendered.text: "== 1. PERLU PETUGAS", rendered.html: "1. Perlu petugas"}
    for part, next_section in first_other.items():
        top = part[: part.index(next_section)]  # everything before the other sections
        assert "Dikarantina" in top and "stage exploded" in top
        assert "consular@embassy.example" in top and "Quarantined Applicant" in top
    assert page.read_text(encoding="utf-8") == rendered.html


@pytest.mark.skipif(browser.chromium() is None, reason="chromium is not installed")
def test_the_quarantined_mail_is_on_the_first_screen_in_chromium(
    tmp_path: Path, triage: Triage
) -> None:
    settings = make_settings(tmp_path)
    settings.service.inbox_dir.mkdir(parents=True)
    subject = "Permohonan Pas Bandara a.n. Zebulon QUARANTINE"
    (settings.service.inbox_dir / "1.eml").write_bytes(mission_mail(1, subject=subject))
    room = Mailroom.open(settings, triage=triage, judge=Broken())
    for _ in range(settings.store.max_attempts + 2):
        room.poll_once()
        time.sleep(0.06)
    catalog = FindingCatalog(triage.office.messages, triage.office.requirements)
    _, page = CaseFiles(settings, room.store, triage.office.requirements, catalog).digest(
        dt.datetime.now(dt.UTC)
    )
    room.close()
    png = browser.screenshot(page, tmp_path / "digest.png", width=1280, height=900)
    seen = pytesseract.image_to_string(Image.open(png))
    # Read by Tesseract off the rendered page: the first screen names the mail.
    assert "Dikarantina" in seen and "QUARANTINE" in seen and "stage exploded" in seen


def test_a_stuck_reply_and_a_mail_without_verdict_head_the_digest(
    tmp_path: Path, triage: Triage, smtp_server: SmtpServer
) -> None:
    settings = make_settings(
        tmp_path,
        smtp=smtp_settings(smtp_server),
    )
    settings.service.inbox_dir.mkdir(parents=True)
    (settings.service.inbox_dir / "1.eml").write_bytes(mission_mail(1, subject="Pas satu"))
    room = Mailroom.open(settings, triage=triage)
    smtp_server.stop()
    try:
        assert room.poll_once().send_failed == 1
    finally:
        smtp_server.start()
    # A second mail is taken in but not judged (the service stopped after intake) ...
    (settings.service.inbox_dir / "2.eml").write_bytes(mission_mail(2, subject="Pas dua"))
    room.intake(PollReport())
    catalog = FindingCatalog(triage.office.messages, triage.office.requirements)
    files = CaseFiles(settings, room.store, triage.office.requirements, catalog)
    now = dt.datetime.now(dt.UTC)
    assert "Belum diputuskan" not in files.digest(now)[0].text  # ... not yet too long
    later = now + dt.timedelta(minutes=settings.digest.attention_after_minutes + 1)
    rendered, _ = files.digest(later)
    room.close()

    top = rendered.text[: rendered.text.index("== 1. PERLU PETUGAS")]
    assert "Reply stuck in the outbox" in top and "Pas satu" in top
    assert "No verdict, waiting too long" in top and "Pas dua" in top
    assert "mail 2" in top  # never reached a case: named by its mail id
    assert "Reply not sent yet: 1 failed tries" in rendered.text
