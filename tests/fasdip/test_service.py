"""The commands as a user runs them: ``fasdip run`` (SIGTERM, one instance),
``fasdip poll --once``, ``fasdip config`` (secrets masked), a bad setting."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from fasdip import cli, cli_mailbox
from tests.fasdip.mailbox_helpers import MISSIONS_YAML, mission_mail

pytestmark = pytest.mark.slow  # the scheduled service running, signals, an inbox watched

ROOT = Path(__file__).resolve().parents[2]
# ``fasdip`` with the mailbox commands (registered here too until cli.py lists them).
RUNNER = (
    "import sys; from fasdip import cli, cli_mailbox\n"
    "if cli_mailbox not in cli.COMMAND_MODULES: cli.COMMAND_MODULES.append(cli_mailbox)\n"
    "sys.exit(cli.main(sys.argv[1:]))"
)


def write_config(tmp: Path, **service: object) -> Path:
    (tmp / "missions.yaml").write_text(MISSIONS_YAML)
    config = {
        "store": {"var_dir": str(tmp / "var")},
        "service": {
            "inbox_dir": str(tmp / "inbox"),
            "outbox_dir": str(tmp / "outbox"),
            "lock_file": str(tmp / "var" / "fasdip.lock"),
            "worker_name": "service-test",
            **service,
        },
        "missions": {"file": str(tmp / "missions.yaml")},
        "proof": {"hmac_key": "service-test-proof-key-0123456789"},
    }
    path = tmp / "settings.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def fasdip(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """``fasdip …`` in this process (only ``run`` needs a process of its own)."""
    if cli_mailbox not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, cli_mailbox])
    return cli.main(list(args))


def test_poll_once_with_no_server_at_all(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = write_config(tmp_path)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "1.eml").write_bytes(mission_mail(1))
    with caplog.at_level(logging.INFO, logger="fasdip.mailroom"):
        assert main(monkeypatch, "--config", str(config), "poll", "--once") == 0
    out = capsys.readouterr().out
    assert "processed 1" in out and "sent 1" in out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    lines = [r.getMessage() for r in caplog.records if "decision" in r.getMessage()]
    assert len(lines) == 1 and "decision missing_items" in lines[0] and "FASDIP-" in lines[0]
    assert (tmp_path / "inbox" / "done" / "1.eml").exists()


def test_run_polls_holds_the_lock_and_stops_on_sigterm(tmp_path: Path) -> None:
    config = write_config(tmp_path, poll_minutes=0.01)
    (tmp_path / "inbox").mkdir()
    service = fasdip("--config", str(config), "run")
    try:
        (tmp_path / "inbox" / "1.eml").write_bytes(mission_mail(1))
        deadline = time.monotonic() + 30
        while not list((tmp_path / "outbox").glob("*.eml")):
            assert time.monotonic() < deadline, "no reply written"
            assert service.poll() is None, service.communicate()[1]
            time.sleep(0.1)
        second = fasdip("--config", str(config), "run")
        _, err = second.communicate(timeout=60)
        assert second.returncode == 2 and "another fasdip instance" in err
        assert len(err.strip().splitlines()) == 1
        service.send_signal(signal.SIGTERM)
        _, err = service.communicate(timeout=30)
        assert service.returncode == 0, err
    finally:
        if service.poll() is None:
            service.kill()
            service.communicate()


def test_a_mail_dropped_in_the_inbox_is_answered_in_seconds_not_at_the_next_poll(
    tmp_path: Path,
) -> None:
    config = write_config(tmp_path, poll_minutes=60)
    (tmp_path / "inbox").mkdir()
    service = fasdip("--config", str(config), "run")
    try:
        time.sleep(8)  # the service is up and its first poll found nothing
        (tmp_path / "inbox" / "1.eml").write_bytes(mission_mail(1))
        dropped = time.monotonic()
        while not list((tmp_path / "outbox").glob("*.eml")):
            assert time.monotonic() - dropped < 20, "no reply within 20 s of the mail's arrival"
            assert service.poll() is None, service.communicate()[1]
            time.sleep(0.1)
    finally:
        service.send_signal(signal.SIGTERM)
        service.communicate(timeout=60)


def test_config_masks_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    monkeypatch.setenv("FASDIP_SMTP__PASSWORD", "hunter2-smtp")
    monkeypatch.setenv("FASDIP_IMAP__PASSWORD", "hunter2-imap")
    monkeypatch.setenv(
        "FASDIP_STORE__URL", "postgresql+psycopg://fasdip:pw-in-url@db.internal/fasdip"
    )
    assert main(monkeypatch, "--config", str(config), "config") == 0
    out = capsys.readouterr().out
    assert "hunter2" not in out and "pw-in-url" not in out
    shown = yaml.safe_load(out)
    assert shown["smtp"]["password"] == "**********"
    assert shown["store"]["url"] == "postgresql+psycopg://fasdip:***@db.internal/fasdip"
    assert shown["service"]["poll_minutes"] == 2.0


def test_a_bad_setting_stops_start_up_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    monkeypatch.setenv("FASDIP_IMAP__PORT", "0")
    assert main(monkeypatch, "--config", str(config), "poll", "--once") == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "imap.port" in err
    monkeypatch.delenv("FASDIP_IMAP__PORT")
    (tmp_path / "missions.yaml").write_text("missions:\n  - key: X Y\n    name: n\n")
    assert main(monkeypatch, "--config", str(config), "poll", "--once") == 2
    err = capsys.readouterr().err
    assert "missions.yaml" in err and "key" in err and len(err.strip().splitlines()) == 1
