"""The OAuth2 token adapter against a real token endpoint on loopback: both grants, the
cache until shortly before expiry, a rotated refresh token, and each failure as one
``TokenError`` naming the setting to fix."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

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


@pytest.fixture(scope="module")
def any_answer() -> Iterator[tuple[str, dict[str, Any]]]:
    """A token endpoint that answers whatever the test puts in its ``answer``."""
    answer: dict[str, Any] = {"status": 200, "body": b"{}", "asked": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            answer["asked"] += 1
            self.send_response(answer["status"])
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/token", answer
    server.shutdown()
    server.server_close()


ANSWERS = st.one_of(
    st.binary(max_size=300),
    st.dictionaries(
        st.sampled_from(["access_token", "expires_in", "error", "error_description", "x"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=40), st.floats()),
    ).map(lambda d: json.dumps(d).encode()),
    st.builds(  # a token with any expires_in (none, text, negative, NaN, infinity)
        lambda token, expires: json.dumps({"access_token": token, "expires_in": expires}).encode(),
        st.text(min_size=1, max_size=20),
        st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=10)),
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(status=st.sampled_from([200, 400, 401, 500]), body=ANSWERS)
@example(status=200, body=b'{"access_token": "t", "expires_in": Infinity}')
@example(status=200, body=b'{"access_token": "t", "expires_in": NaN}')
@example(status=400, body=b'{"error":"\\n"}')  # a line break in the error code (found by CI)
@example(status=200, body=b'{"access_token": "t", "expires_in": 864201}')  # ten days and more
def test_any_answer_of_the_token_endpoint_is_a_token_or_one_token_error(
    any_answer: tuple[str, dict[str, Any]], status: int, body: bytes
) -> None:
    url, answer = any_answer
    answer.update(status=status, body=body, asked=0)
    clock = Clock()
    settings = OAuth2Settings(token_url=url, client_id="c", client_secret="s")
    tokens = OAuth2Tokens(settings, clock=clock)
    try:
        token = tokens.access_token()
    except TokenError as exc:
        assert "oauth2." in str(exc) and "\n" not in str(exc)
        return
    assert status == 200 and token == json.loads(body)["access_token"]
    clock.now += 10 * 24 * 3600  # whatever its expires_in said, never kept for days
    tokens.access_token()
    assert answer["asked"] == 2
