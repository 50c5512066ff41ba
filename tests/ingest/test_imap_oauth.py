"""XOAUTH2 sign-in to a real Dovecot whose ``oauth2`` passdb checks each token at a real
token server on loopback (RFC 7662 introspection): a Microsoft 365 client-credentials
token and a Google refresh-token one sign in; a refused token is one clear
``SourceError`` naming the setting; a token that expired early is replaced once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from config.mail_settings import ImapSettings, OAuth2Settings
from fasdip.errors import ConfigError
from fasdip.oauth2 import OAuth2Tokens
from ingest.imap import ImapSource
from ingest.source import SourceError
from tests.oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    MAILBOX,
    REFRESH_TOKEN,
    TokenServer,
    oauth_dovecot,
    token_server,
)
from tests.servers import Dovecot

pytestmark = pytest.mark.slow  # a real Dovecot server
__all__ = ["oauth_dovecot", "token_server"]
MAIL = b"From: a@embassy.example\r\nTo: fasdip@test.example\r\nSubject: t\r\n\r\nhi\r\n"


def imap_settings(dovecot: Dovecot) -> ImapSettings:
    return ImapSettings(
        host="127.0.0.1",
        port=dovecot.port,
        security="plain",
        username=MAILBOX,
        auth="xoauth2",
        timeout_seconds=5,
    )


def tokens_for(server: TokenServer, **kw: object) -> OAuth2Tokens:
    values: dict[str, object] = {
        "token_url": f"{server.url}/token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": "https://outlook.office365.com/.default",
    }
    return OAuth2Tokens(OAuth2Settings.model_validate(values | kw))


def test_client_credentials_token_signs_in_and_reads_mail(
    oauth_dovecot: Dovecot, token_server: TokenServer
) -> None:
    oauth_dovecot.deliver(MAILBOX, MAIL)
    source = ImapSource(imap_settings(oauth_dovecot), tokens=tokens_for(token_server))
    try:
        [batch] = list(source.fetch_new(None))
        assert [m.raw for m in batch] == [MAIL]
        source.acknowledge([m.key for m in batch])
    finally:
        source.close()
    assert token_server.introspected == ["tok-1"]  # Dovecot checked our token


def test_refresh_token_signs_in(
    tmp_path: Path, oauth_dovecot: Dovecot, token_server: TokenServer
) -> None:
    token_file = tmp_path / "google-refresh-token"
    token_file.write_text(REFRESH_TOKEN)
    tokens = tokens_for(
        token_server, grant="refresh_token", scope="", refresh_token_file=token_file
    )
    source = ImapSource(imap_settings(oauth_dovecot), tokens=tokens)
    source.check()
    source.close()
    assert [i.grant for i in token_server.issued] == ["refresh_token"]


def test_refused_token_is_one_clear_error(
    oauth_dovecot: Dovecot, token_server: TokenServer
) -> None:
    token_server.lifetime = -1  # every token it issues is inactive at once
    source = ImapSource(imap_settings(oauth_dovecot), tokens=tokens_for(token_server))
    with pytest.raises(SourceError, match=r"refused the OAuth2 token for imap.username") as caught:
        source.check()
    assert "oauth2.scope" in str(caught.value)
    assert token_server.introspected == ["tok-1", "tok-2"]  # one fresh token tried, no more


def test_token_that_expired_early_is_renewed(
    oauth_dovecot: Dovecot, token_server: TokenServer
) -> None:
    source = ImapSource(imap_settings(oauth_dovecot), tokens=tokens_for(token_server))
    source.check()
    source.close()
    token_server.revoked.add("tok-1")  # the provider ended it before its expiry
    source.check()  # a new connection: tok-1 refused, tok-2 taken
    source.close()
    assert token_server.introspected == ["tok-1", "tok-1", "tok-2"]


def test_token_near_expiry_is_renewed_before_sign_in(
    oauth_dovecot: Dovecot, token_server: TokenServer
) -> None:
    token_server.lifetime = 2  # kept for half its life: 1 s
    source = ImapSource(imap_settings(oauth_dovecot), tokens=tokens_for(token_server))
    source.check()
    source.close()
    time.sleep(1.2)
    source.check()
    source.close()
    assert token_server.introspected == ["tok-1", "tok-2"]  # no refused try


def test_xoauth2_without_a_token_source_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"oauth2"):
        ImapSource(ImapSettings(host="imap.example", auth="xoauth2"))
