"""The service signed in by XOAUTH2 end to end, as an administrator runs it: `fasdip poll
--once` reads a mission's mail from a real Dovecot (oauth2 passdb) and sends the reply
through a real aiosmtpd (AUTH XOAUTH2), both with one client-credentials token of the
loopback token server; a token the server refuses is one line naming the settings, no
traceback, in `fasdip poll` and in `fasdip status --json`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import ImapSettings, OAuth2Settings, Settings, SmtpSettings
from fasdip import cli
from tests.fasdip.mailbox_helpers import MISSION, make_settings, mission_mail
from tests.fasdip.status_helpers import status, write_settings
from tests.oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    MAILBOX,
    OAuthSmtpServer,
    TokenServer,
    oauth_dovecot,
    oauth_smtp,
    token_server,
)
from tests.servers import Dovecot

pytestmark = pytest.mark.slow  # real Dovecot, the mailroom
__all__ = ["oauth_dovecot", "oauth_smtp", "token_server"]
ROOT = Path(__file__).resolve().parents[2]


def signin_settings(
    tmp_path: Path, dovecot: Dovecot, smtp: OAuthSmtpServer, tokens: TokenServer
) -> Settings:
    oauth2 = OAuth2Settings(
        grant="client_credentials",
        token_url=f"{tokens.url}/token",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        scope="https://outlook.office365.com/.default",
        timeout_seconds=5,
    )
    imap = ImapSettings(
        host="127.0.0.1",
        port=dovecot.port,
        security="plain",
        username=MAILBOX,
        auth="xoauth2",
        timeout_seconds=5,
    )
    smtp_settings = SmtpSettings(
        host="127.0.0.1",
        port=smtp.port,
        security="plain",
        username=MAILBOX,
        auth="xoauth2",
        timeout_seconds=5,
    )
    base = make_settings(tmp_path).model_dump()
    return Settings.model_validate(base | {"imap": imap, "smtp": smtp_settings, "oauth2": oauth2})


def test_poll_reads_and_answers_with_one_token_for_imap_and_smtp(
    tmp_path: Path,
    oauth_dovecot: Dovecot,
    oauth_smtp: OAuthSmtpServer,
    token_server: TokenServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = signin_settings(tmp_path, oauth_dovecot, oauth_smtp, token_server)
    oauth_dovecot.deliver(MAILBOX, mission_mail(1))
    config = write_settings(settings, tmp_path / "settings.yaml")
    assert cli.main(["--config", str(config), "poll", "--once"]) == 0
    [reply] = oauth_smtp.messages
    assert reply.recipients == [MISSION]
    assert reply.headers["In-Reply-To"] == "<req1@embassy.example>"
    assert len(token_server.issued) == 1  # IMAP and SMTP shared the token
    assert set(token_server.introspected) == {"tok-1"}


def test_a_refused_token_is_one_line_in_poll_and_status(
    tmp_path: Path,
    oauth_dovecot: Dovecot,
    oauth_smtp: OAuthSmtpServer,
    token_server: TokenServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    token_server.lifetime = -1  # every token it issues is inactive at once
    settings = signin_settings(tmp_path, oauth_dovecot, oauth_smtp, token_server)
    config = write_settings(settings, tmp_path / "settings.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "fasdip.cli", "--config", str(config), "poll", "--once"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert "refused the OAuth2 token for imap.username" in said and "Traceback" not in said
    code, report = status(settings, tmp_path, capsys)
    assert code == 2  # down: the mailbox cannot be signed in to
    assert not report["mailbox"]["reachable"]
    assert "refused the OAuth2 token" in report["mailbox"]["error"]
