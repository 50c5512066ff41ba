"""XOAUTH2 sending through a real aiosmtpd whose ``AUTH XOAUTH2`` checks each token at a
real token server on loopback: a valid token sends; a refused one is one clear
``SendError`` (after Gmail's 334 JSON challenge and 535); an early-expired one is renewed."""

from __future__ import annotations

import pytest

from config.mail_settings import OAuth2Settings, SmtpSettings
from fasdip.errors import ConfigError
from fasdip.oauth2 import OAuth2Tokens
from responders.smtp import SendError, SmtpMailer
from tests.oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    MAILBOX,
    OAuthSmtpServer,
    TokenServer,
    oauth_smtp,
    token_server,
)

__all__ = ["oauth_smtp", "token_server"]
MESSAGE = b"From: a@x\r\nTo: b@y\r\nSubject: t\r\nMessage-ID: <r1@f.example>\r\n\r\nhi\r\n"


def mailer_for(server: OAuthSmtpServer, **kw: object) -> SmtpMailer:
    settings = SmtpSettings(
        host="127.0.0.1",
        port=server.port,
        security="plain",
        username=MAILBOX,
        auth="xoauth2",
        timeout_seconds=5,
    )
    values: dict[str, object] = {
        "token_url": f"{server.tokens.url}/token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": "https://outlook.office365.com/.default",
    }
    return SmtpMailer(settings, tokens=OAuth2Tokens(OAuth2Settings.model_validate(values | kw)))


def test_valid_token_sends(oauth_smtp: OAuthSmtpServer, token_server: TokenServer) -> None:
    mailer_for(oauth_smtp).send(MAILBOX, ["b@y"], MESSAGE)
    [got] = oauth_smtp.messages
    assert got.recipients == ["b@y"]
    assert token_server.introspected == ["tok-1"]


def test_refused_token_is_one_clear_error(
    oauth_smtp: OAuthSmtpServer, token_server: TokenServer
) -> None:
    token_server.lifetime = -1  # every token it issues is inactive at once
    with pytest.raises(SendError, match=r"refused the OAuth2 token for smtp.username") as caught:
        mailer_for(oauth_smtp).send(MAILBOX, ["b@y"], MESSAGE)
    assert "535" in str(caught.value)
    assert oauth_smtp.messages == []
    assert token_server.introspected == ["tok-1", "tok-2"]  # one fresh token tried, no more


def test_token_that_expired_early_is_renewed(
    oauth_smtp: OAuthSmtpServer, token_server: TokenServer
) -> None:
    mailer = mailer_for(oauth_smtp)
    mailer.send(MAILBOX, ["b@y"], MESSAGE)
    token_server.revoked.add("tok-1")
    mailer.send(MAILBOX, ["c@y"], MESSAGE)
    assert [m.recipients for m in oauth_smtp.messages] == [["b@y"], ["c@y"]]
    assert token_server.introspected == ["tok-1", "tok-1", "tok-2"]


def test_wrong_client_secret_says_which_setting(oauth_smtp: OAuthSmtpServer) -> None:
    with pytest.raises(SendError, match=r"no OAuth2 token: .*oauth2.client_secret"):
        mailer_for(oauth_smtp, client_secret="old-secret").send(MAILBOX, ["b@y"], MESSAGE)


def test_xoauth2_without_a_token_source_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"oauth2"):
        SmtpMailer(SmtpSettings(host="smtp.example", auth="xoauth2"))
