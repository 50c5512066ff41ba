"""Retention: the raw mails and documents of closed cases go after N days; the case
record (verdicts, findings, decisions, documents' metadata) stays, the digest still
shows the case, and a late follow-up is still judged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config.catalog import FindingCatalog
from config.mail_settings import SmtpSettings
from config.settings import ProtectionSettings, Settings
from fasdip import cli
from fasdip.casefiles import CaseFiles
from fasdip.mailroom import Mailroom
from fasdip.models import Verdict
from fasdip.pipeline import Triage
from fasdip.service import purge
from tests.fasdip.mailbox_helpers import make_settings, mission_mail
from tests.servers import free_port

T0 = dt.datetime(2026, 10, 1, 2, 0, tzinfo=dt.UTC)
KEY = "retention test key, long enough"


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def drop(settings: Settings, name: str, raw: bytes) -> None:
    settings.service.inbox_dir.mkdir(parents=True, exist_ok=True)
    (settings.service.inbox_dir / name).write_bytes(raw)


def protected(settings: Settings, days: int) -> Settings:
    return settings.model_copy(
        update={
            "protection": ProtectionSettings.model_validate(
                {"retention_days": days, "encryption_key": KEY}
            )
        }
    )


def files_of(room: Mailroom, settings: Settings, triage: Triage) -> CaseFiles:
    catalog = FindingCatalog(triage.office.messages, triage.office.requirements)
    return CaseFiles(settings, room.store, triage.office.requirements, catalog)


def test_closed_cases_lose_their_files_and_keep_their_record(
    tmp_path: Path, triage: Triage
) -> None:
    settings = protected(make_settings(tmp_path), 30)
    clock = Clock(T0)
    room = Mailroom.open(settings, triage=triage, clock=clock)
    try:
        drop(settings, "1.eml", mission_mail(1, subject="Permohonan pas bandara satu"))
        drop(settings, "2.eml", mission_mail(2, subject="Permohonan ID card dua"))
        room.poll_once()
        first, second = room.store.cases()
        clock.now = T0 + dt.timedelta(days=20)  # the second case goes on
        drop(settings, "3.eml", mission_mail(3, subject=f"Tambahan [{second.number}]"))
        room.poll_once()
        files = files_of(room, settings, triage)
        files.digest(clock.now)  # writes the documents the digest links to
        docs = settings.store.var_dir / "documents"
        assert (docs / first.number).is_dir() and (docs / second.number).is_dir()
        raws = {m.id: m.raw_sha256 for m in room.store.mails()}
        verdicts_before = room.store.verdicts()
        attachments_before = room.store.attachments(first.id)

        now = T0 + dt.timedelta(days=31)
        assert [c.number for c in room.store.closed_cases(now - dt.timedelta(days=30))] == [
            first.number
        ]
        report = room.store.purge_closed(now - dt.timedelta(days=30), now)
        assert report.cases == [first.number] and report.raw_files == 1
        assert report.document_files >= 1
        assert not (docs / first.number).exists() and (docs / second.number).is_dir()
        first_raw = room.store.raw_path(raws[1] or "")
        assert not first_raw.exists() and not first_raw.with_name(first_raw.name + ".enc").exists()
        assert room.store.read_raw(raws[2] or "")  # the open case keeps its mail
        # the record stays, without personal data: decisions, finding codes, document types
        after = room.store.verdicts()
        assert [v.decision for v in after] == [v.decision for v in verdicts_before]
        for old, new in zip(verdicts_before, after, strict=True):
            if old.case_id != first.id:
                assert new == old
                continue
            was, now_is = (Verdict.model_validate_json(v.verdict_json) for v in (old, new))
            assert [f.code for f in now_is.findings] == [f.code for f in was.findings]
            assert now_is.decision == was.decision and now_is.subject == ""
            assert all(a.name is None for a in now_is.applicants)
            assert all(not f.params and not f.text_en for f in now_is.findings)
        kept = room.store.attachments(first.id)
        assert [(a.key, a.document_type, a.sha256) for a in kept] == [
            (a.key, a.document_type, a.sha256) for a in attachments_before
        ]
        assert all(a.filename == "" for a in kept)
        assert room.store.case(first.id).decision == first.decision
        # a second run finds nothing more; the digest still lists the purged case
        again = room.store.purge_closed(now - dt.timedelta(days=30), now)
        assert again.cases == [] and again.raw_files == 0
        rendered, _ = files.digest(now)
        assert first.number in rendered.html
        assert not (docs / first.number).exists()  # not written again from nothing

        # a late follow-up quoting the case number is judged with what is left
        clock.now = now + dt.timedelta(minutes=1)
        drop(settings, "4.eml", mission_mail(4, subject=f"Re: [{first.number}] dokumen"))
        report4 = room.poll_once()
        assert report4.processed == 1 and report4.failed == 0
        assert len(room.store.verdicts(first.id)) == 2
        # reopened: not closed for 30 days from its new mail, then purged again
        assert first.number not in [c.number for c in room.store.closed_cases(now)]
        later = clock.now + dt.timedelta(minutes=1)
        assert first.number in [c.number for c in room.store.closed_cases(later)]
    finally:
        room.close()


def test_a_case_with_an_unsent_reply_is_not_closed(tmp_path: Path, triage: Triage) -> None:
    dead = SmtpSettings(host="127.0.0.1", port=free_port(), security="plain", timeout_seconds=2)
    settings = protected(make_settings(tmp_path, smtp=dead), 1)
    clock = Clock(T0)
    room = Mailroom.open(settings, triage=triage, clock=clock)
    try:
        drop(settings, "1.eml", mission_mail(1))
        report = room.poll_once()
        assert report.send_failed == 1 and report.acknowledged == 0
        later = T0 + dt.timedelta(days=10)
        assert room.store.closed_cases(later) == []
        assert room.store.purge_closed(later, later).cases == []
        [mail] = room.store.mails()
        assert room.store.read_raw(mail.raw_sha256 or "")
    finally:
        room.close()


def test_the_daily_job_and_the_purge_command(
    tmp_path: Path,
    triage: Triage,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = make_settings(tmp_path)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    room = Mailroom.open(settings, triage=triage, clock=Clock(long_ago))
    try:
        drop(settings, "1.eml", mission_mail(1))
        drop(settings, "2.eml", mission_mail(2, subject="Permohonan ID card"))
        room.poll_once()
        [one, _] = room.store.cases()
        # the job of ``fasdip run``: nothing with retention off, nor with 90 days (40 old)
        purge(settings, room)
        purge(protected(settings, 90), room)
        assert len(room.store.purged_raws()) == 0
    finally:
        room.close()

    config = tmp_path / "settings.yaml"
    config.write_text(
        f"store: {{var_dir: {settings.store.var_dir}}}\n"
        f"service: {{lock_file: {settings.service.lock_file}}}\n"
        f"missions: {{file: {settings.missions.file}}}\n"
    )
    assert cli.main(["--config", str(config), "purge"]) == 2  # retention is off
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "protection.retention_days" in line and "FASDIP_PROTECTION__RETENTION_DAYS" in line
    monkeypatch.setenv("FASDIP_PROTECTION__RETENTION_DAYS", "30")
    assert cli.main(["--config", str(config), "purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert one.number in out and "2 closed case(s)" in out
    assert cli.main(["--config", str(config), "purge"]) == 0
    assert "purged 2 case(s): 2 raw mail file(s)" in capsys.readouterr().out
    assert list((settings.store.var_dir / "raw").rglob("*.eml*")) == []
