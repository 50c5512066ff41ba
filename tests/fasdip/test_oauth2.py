"""The OAuth2 token adapter against a real token endpoint on loopback: both grants, the
cache until shortly before expiry, a rotated refresh token, and each failure as one
``TokenError`` naming the setting to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.mail_settings import OAuth2Settings
from config.settings import Settings
from fasdip.errors import TokenError
from fasdip.oauth2 import OAuth2Tokens, mail_tokens
from tests.oauth_servers import CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, TokenServer, token_server
from tests.servers import free_port

__all__ = ["token_server"]
SCOPE = "https://outlook.office365.com/.default"


def m365(server: TokenServer, **kw: object) -> OAuth2Settings:
    values: dict[str, object] = {
        "grant": "client_credentials",
        "token_url": f"{server.url}/token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": SCOPE,
        "timeout_seconds": 5,
    }
    return OAuth2Settings.model_validate(values | kw)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_client_credentials_token_is_kept_until_shortly_before_expiry(
    token_server: TokenServer,
) -> None:
    clock = Clock()
    tokens = OAuth2Tokens(m365(token_server, renew_before_seconds=120), clock=clock)
    assert tokens.access_token() == "tok-1"
    clock.now += 3000
    assert tokens.access_token() == "tok-1"  # 600 s left: kept
    clock.now += 500
    assert tokens.access_token() == "tok-2"  # 100 s left: renewed
    assert tokens.access_token(fresh=True) == "tok-3"  # the server refused it: a new one
    assert token_server.requests[0] == {
        "grant_type": "client_credentials",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": SCOPE,
    }


def test_refresh_token_is_exchanged_and_the_rotated_one_kept(
    tmp_path: Path, token_server: TokenServer
) -> None:
    token_file = tmp_path / "refresh-token"
    token_file.write_text(REFRESH_TOKEN + "\n")
    tokens = OAuth2Tokens(
        m365(token_server, grant="refresh_token", scope="", refresh_token_file=token_file)
    )
    assert tokens.access_token() == "tok-1"
    assert token_server.requests[0]["refresh_token"] == REFRESH_TOKEN
    assert token_file.read_text() == "refresh-1"
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert tokens.access_token(fresh=True) == "tok-2"  # with the rotated refresh token
    assert token_server.requests[1]["refresh_token"] == "refresh-1"


def test_wrong_secret_names_the_setting(token_server: TokenServer) -> None:
    tokens = OAuth2Tokens(m365(token_server, client_secret="expired-secret"))
    with pytest.raises(TokenError, match=r"oauth2.client_secret") as caught:
        tokens.access_token()
    assert "invalid_client" in str(caught.value) and "expired-secret" not in str(caught.value)


def test_revoked_refresh_token_names_the_file(tmp_path: Path, token_server: TokenServer) -> None:
    token_file = tmp_path / "refresh-token"
    token_file.write_text("revoked-long-ago")
    tokens = OAuth2Tokens(m365(token_server, grant="refresh_token", refresh_token_file=token_file))
    with pytest.raises(TokenError, match=r"invalid_grant.*oauth2.refresh_token_file"):
        tokens.access_token()


def test_unreachable_token_url_names_the_setting() -> None:
    url = f"http://127.0.0.1:{free_port()}/token"
    tokens = OAuth2Tokens(
        OAuth2Settings(token_url=url, client_id="a", client_secret="b", timeout_seconds=2)
    )
    with pytest.raises(TokenError, match=r"oauth2.token_url .* cannot be reached"):
        tokens.access_token()


def test_xoauth2_settings_are_checked_at_start() -> None:
    with pytest.raises(
        ValueError, match=r"oauth2.token_url, oauth2.client_id, oauth2.client_secret"
    ):
        Settings(imap={"host": "imap.example", "auth": "xoauth2"})
    with pytest.raises(ValueError, match=r"oauth2.refresh_token_file"):
        Settings(
            smtp={"host": "smtp.example", "auth": "xoauth2"},
            oauth2={"grant": "refresh_token", "token_url": "https://t.example", "client_id": "c"},
        )
    settings = Settings(
        imap={"host": "imap.example", "auth": "xoauth2"},
        smtp={"host": "smtp.example", "auth": "xoauth2"},
        oauth2={"token_url": "https://t.example", "client_id": "c", "client_secret": "s"},
    )
    assert mail_tokens(settings) is mail_tokens(settings)  # IMAP and SMTP share one token
    assert mail_tokens(Settings()) is None
