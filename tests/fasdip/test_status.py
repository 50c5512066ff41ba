"""``fasdip status``: each state caused for real (no service yet, a silent service, the
store down, the mailbox down, a mail in quarantine, a reply stuck in the outbox)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from config.settings import HealthSettings, Settings
from fasdip import cli
from fasdip.mailroom import Mailroom, PollReport
from fasdip.pipeline import Triage
from fasdip.service import poll_and_record
from fasdip.store import PollRecord
from tests.fasdip.mailbox_helpers import make_settings, mission_mail
from tests.fasdip.server_settings import imap_settings, new_imap_user, smtp_settings
from tests.fasdip.status_helpers import status, write_settings
from tests.servers import (
    Dovecot,
    SmtpServer,
    dovecot,
    free_port,
    postgres_cluster,
    postgres_url,
    smtp_server,
)

pytestmark = pytest.mark.slow  # real Dovecot, PostgreSQL and aiosmtpd

__all__ = ["dovecot", "postgres_cluster", "smtp_server"]


def with_health(settings: Settings, **health: float) -> Settings:
    return settings.model_copy(update={"health": HealthSettings(**health)})


def drop(settings: Settings, name: str, raw: bytes) -> None:
    settings.service.inbox_dir.mkdir(parents=True, exist_ok=True)
    (settings.service.inbox_dir / name).write_bytes(raw)


def poll(settings: Settings, triage: Triage) -> None:
    room = Mailroom.open(settings, triage=triage)
    try:
        poll_and_record(room, room.clock())
    finally:
        room.close()


def test_down_before_any_service_healthy_after_a_poll_down_when_it_falls_silent(
    tmp_path: Path, triage: Triage, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(tmp_path)
    code, shown = status(settings, tmp_path, capsys)
    assert code == 2 and shown["state"] == "down"
    assert not shown["store"]["reachable"] and "store.var_dir" in shown["store"]["error"]

    drop(settings, "1.eml", mission_mail(1))
    poll(settings, triage)
    code, shown = status(settings, tmp_path, capsys)
    assert (code, shown["state"], shown["problems"]) == (0, "healthy", [])
    assert shown["workers_alive"] == 1 and shown["last_poll_ok"] is True
    [service] = shown["services"]
    assert service["worker"] == "test-worker" and "processed 1" in service["last_poll"]
    assert shown["mails_quarantined"] == shown["outbox_waiting"] == 0
    assert shown["oldest_unanswered_seconds"] is None

    silent = with_health(settings, alive_minutes=0.002)  # 0.12 s
    time.sleep(0.3)
    code, shown = status(silent, tmp_path, capsys)
    assert code == 2 and shown["workers_alive"] == 0
    assert any("no service polled" in p for p in shown["problems"])


def test_a_mail_in_quarantine_is_degraded(
    tmp_path: Path, triage: Triage, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(tmp_path)
    settings = settings.model_copy(
        update={"store": settings.store.model_copy(update={"max_attempts": 1})}
    )
    drop(settings, "1.eml", mission_mail(1))
    room = Mailroom.open(settings, triage=triage)
    try:
        room.intake(PollReport())  # steps 1-2 only: the raw mail is saved
        for raw in (tmp_path / "var" / "raw").rglob("*.eml"):
            raw.unlink()  # the disk lost the saved mail: judging it fails, once is the limit
        poll_and_record(room, room.clock())
    finally:
        room.close()
    code, shown = status(settings, tmp_path, capsys)
    assert (code, shown["state"]) == (1, "degraded")
    assert shown["mails_quarantined"] == 1
    assert shown["problems"] == ["1 mail(s) in quarantine wait for an officer"]


def test_a_reply_stuck_in_the_outbox_is_degraded_until_it_leaves(
    tmp_path: Path, triage: Triage, smtp_server: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp = smtp_settings(smtp_server)
    settings = with_health(make_settings(tmp_path, smtp=smtp), outbox_stuck_minutes=0.005)
    drop(settings, "1.eml", mission_mail(1))
    smtp_server.stop()
    poll(settings, triage)
    time.sleep(0.5)  # longer than outbox_stuck_minutes
    code, shown = status(settings, tmp_path, capsys)
    assert (code, shown["state"]) == (1, "degraded")
    assert shown["outbox_waiting"] == shown["outbox_stuck"] == 1
    assert any("unsent" in p and "smtp" in p for p in shown["problems"])

    smtp_server.start()
    poll(settings, triage)
    code, shown = status(settings, tmp_path, capsys)
    assert (code, shown["outbox_waiting"]) == (0, 0) and len(smtp_server.messages) == 1


def test_the_store_down_is_down(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    triage: Triage,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres_url(request, "status")
    settings = make_settings(tmp_path, store_url=url)
    (tmp_path / "inbox").mkdir()
    poll(settings, triage)
    code, shown = status(settings, tmp_path, capsys)
    assert code == 0 and shown["store"]["reachable"]

    gone = url.replace(url.split("@")[1].split("/")[0], f"127.0.0.1:{free_port()}")
    down = settings.model_copy(
        update={"store": settings.store.model_copy(update={"url": gone, "password": "s3cret-pw"})}
    )
    code, shown = status(down, tmp_path, capsys)
    assert (code, shown["state"]) == (2, "down")
    assert not shown["store"]["reachable"] and "connection" in shown["store"]["error"].lower()
    assert "s3cret-pw" not in str(shown)
    assert shown["mailbox"]["reachable"]  # only the store is down


def test_the_human_form_names_the_state_and_each_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(tmp_path)
    config = write_settings(settings, tmp_path / "s.yaml")
    assert cli.main(["--config", str(config), "status"]) == 2
    out = capsys.readouterr().out
    assert out.startswith("fasdip: down\n") and "problem: store unreachable" in out
    assert "oldest unanswered mail: none" in out


def test_poll_record_is_one_row_per_service(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    (tmp_path / "inbox").mkdir()
    room = Mailroom.open(settings, triage=triage)
    try:
        start = room.clock()
        for _ in range(3):
            poll_and_record(room, start)
        figures = room.store.health(room.clock())
    finally:
        room.close()
    [record] = figures.polls
    assert isinstance(record, PollRecord) and record.started_at == start and record.ok


def test_the_mailbox_down_is_down(
    tmp_path: Path, triage: Triage, dovecot: Dovecot, capsys: pytest.CaptureFixture[str]
) -> None:
    client, user = new_imap_user(dovecot, "status")
    client.append("INBOX", mission_mail(1))
    client.logout()
    imap = imap_settings(dovecot, user, timeout_seconds=5)
    settings = make_settings(tmp_path, imap=imap)
    poll(settings, triage)
    code, shown = status(settings, tmp_path, capsys)
    assert code == 0 and shown["mailbox"]["reachable"]
    assert shown["mailbox"]["target"].startswith(f"{user}@127.0.0.1")
    dovecot.stop()
    try:
        code, shown = status(settings, tmp_path, capsys)
    finally:
        dovecot.start()
    assert (code, shown["state"]) == (2, "down")
    assert not shown["mailbox"]["reachable"] and "IMAP 127.0.0.1" in shown["mailbox"]["error"]
    assert shown["problems"][0].startswith("mailbox unreachable: IMAP")
    assert dovecot.password not in str(shown)
