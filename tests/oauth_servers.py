"""Real XOAUTH2 sign-in on loopback: a token server, Dovecot and aiosmtpd that check tokens.

- ``TokenServer``: an OAuth2 token endpoint (``/token``: the client-credentials grant of a
  Microsoft 365 app and the refresh-token grant of Google, rotating refresh tokens) and an
  RFC 7662 introspection endpoint (``/introspect``: is this token active, for whom).
- ``oauth_dovecot``: Dovecot whose ``oauth2`` passdb asks that introspection endpoint
  (``introspection_mode = post``), as Dovecot does against a real identity provider.
- ``OAuthSmtpServer``: aiosmtpd with an ``AUTH XOAUTH2`` that asks the same endpoint and,
  on a refused token, answers as Gmail does (334 with a JSON status, then 535).

What each server saw is kept for the tests (tokens issued, requests, refusals).
"""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult

from tests.servers import Dovecot, Received, _Handler, free_port, new_dovecot, remove_dovecot

MAILBOX = "fasdip@test.example"
CLIENT_ID = "fasdip-app"
CLIENT_SECRET = "app-secret-123"
REFRESH_TOKEN = "refresh-0"

OAUTH2_AUTH = """\
auth_mechanisms = xoauth2 oauthbearer
auth_failure_delay = 0
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf.ext
}}"""


@dataclass
class Issued:
    token: str
    grant: str
    expires: float  # time.time() after which introspection says inactive


@dataclass
class TokenServer:
    """Issues ``tok-1``, ``tok-2`` … valid ``lifetime`` seconds; ``revoke`` ends them early."""

    lifetime: float = 3600.0
    issued: list[Issued] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)
    introspected: list[str] = field(default_factory=list)
    refresh_tokens: set[str] = field(default_factory=lambda: {REFRESH_TOKEN})
    revoked: set[str] = field(default_factory=set)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def active(self, token: str) -> bool:
        self.introspected.append(token)
        return any(
            i.token == token and i.expires > time.time() and token not in self.revoked
            for i in self.issued
        )

    def grant(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.requests.append(form)
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided.",
            }
        answer: dict[str, Any] = {"token_type": "Bearer", "expires_in": int(self.lifetime)}
        if form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") not in self.refresh_tokens:
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                }
            rotated = f"refresh-{len(self.issued) + 1}"
            self.refresh_tokens = {rotated}
            answer["refresh_token"] = rotated
        elif form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        token = f"tok-{len(self.issued) + 1}"
        self.issued.append(Issued(token, form["grant_type"], time.time() + self.lifetime))
        answer["access_token"] = token
        return 200, answer

    def introspect(self, token: str) -> bool:
        """As Dovecot and the SMTP server ask: POST ``token=…`` to ``/introspect``."""
        data = urllib.parse.urlencode({"token": token}).encode()
        with urllib.request.urlopen(f"{self.url}/introspect", data=data, timeout=5) as answer:
            return bool(json.loads(answer.read()).get("active"))


def _handler_for(tokens: TokenServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            if self.path == "/token":
                status, body = tokens.grant(form)
            elif self.path == "/introspect":
                active = tokens.active(form.get("token", ""))
                status, body = 200, {"active": active, "username": MAILBOX}
            else:
                status, body = 404, {"error": "not_found"}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@pytest.fixture
def token_server() -> Iterator[TokenServer]:
    server = TokenServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def oauth_dovecot(token_server: TokenServer) -> Iterator[Dovecot]:
    """Dovecot signing in by XOAUTH2 only, each token checked at ``token_server``."""
    server = new_dovecot(auth=OAUTH2_AUTH)
    server.user = MAILBOX
    (server.root / "oauth2.conf.ext").write_text(
        "introspection_mode = post\n"
        f"introspection_url = {token_server.url}/introspect\n"
        "username_attribute = username\n"
        "active_attribute = active\n"
        "active_value = true\n"
        "force_introspection = yes\n"
    )
    server.start()
    yield server
    remove_dovecot(server)


@dataclass
class _XOAuth2Handler(_Handler):
    tokens: TokenServer = field(default_factory=TokenServer)
    refused: list[str] = field(default_factory=list)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        blob = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        text = blob.decode() if isinstance(blob, bytes) else ""
        fields: dict[str, str] = {}
        for part in text.split("\x01"):
            name, _, value = part.partition("=")
            fields[name] = value
        token = fields.get("auth", "").removeprefix("Bearer ")
        if fields.get("user") == MAILBOX and self.tokens.introspect(token):
            return AuthResult(success=True, auth_data=fields["user"])
        self.refused.append(token)
        status = {"status": "400", "schemes": "Bearer", "scope": "https://mail.google.com/"}
        await server.challenge_auth(json.dumps(status))  # the client answers an empty line
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and Password not accepted"
        )


@dataclass
class OAuthSmtpServer:
    port: int
    tokens: TokenServer
    messages: list[Received] = field(default_factory=list)
    handler: _XOAuth2Handler | None = None
    _controller: Controller | None = None

    def start(self) -> None:
        self.handler = _XOAuth2Handler(self.messages, tokens=self.tokens)
        self._controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            auth_require_tls=False,
            auth_exclude_mechanism=["LOGIN", "PLAIN"],
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()


@pytest.fixture
def oauth_smtp(token_server: TokenServer) -> Iterator[OAuthSmtpServer]:
    server = OAuthSmtpServer(port=free_port(), tokens=token_server)
    server.start()
    yield server
    server.stop()
