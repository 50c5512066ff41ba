"""XOAUTH2's token provider against a token endpoint on loopback: the refresh token is
exchanged, a rotated one replaces the file (mode 0600), the access token is cached."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from config.settings import ImapSettings
from fasdip.errors import ConfigError
from ingest.imap import ImapSource, RefreshTokenProvider


@pytest.fixture
def token_endpoint() -> Iterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            seen.append(form)
            body = json.dumps(
                {
                    "access_token": f"access-{len(seen)}",
                    "expires_in": 3600,
                    "refresh_token": f"refresh-{len(seen)}",
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/token", seen
    server.shutdown()


def test_refresh_token_is_exchanged_and_rotated(
    tmp_path: Path, token_endpoint: tuple[str, list[dict[str, str]]]
) -> None:
    url, seen = token_endpoint
    token_file = tmp_path / "refresh-token"
    token_file.write_text("refresh-0\n")
    settings = ImapSettings(
        host="imap.example",
        username="fasdip@kemlu.go.id",
        auth="xoauth2",
        oauth2_token_url=url,
        oauth2_client_id="client",
        oauth2_client_secret="s3cret",
        oauth2_refresh_token_file=token_file,
    )
    provider = RefreshTokenProvider(settings)
    assert provider.access_token() == "access-1"
    assert provider.access_token() == "access-1"  # cached until near expiry
    assert seen == [
        {
            "grant_type": "refresh_token",
            "refresh_token": "refresh-0",
            "client_id": "client",
            "client_secret": "s3cret",
        }
    ]
    assert token_file.read_text() == "refresh-1"
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert isinstance(ImapSource(settings).tokens, RefreshTokenProvider)


def test_xoauth2_without_its_settings_is_refused() -> None:
    with pytest.raises(ConfigError, match="oauth2_token_url"):
        ImapSource(ImapSettings(host="imap.example", auth="xoauth2"))
