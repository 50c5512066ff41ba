"""OAuth2 access tokens for XOAUTH2 (IMAP and SMTP): the only module that asks a token URL.

Two grants (``config.mail_settings.OAuth2Settings``):

- ``client_credentials``: the app's id and secret for a token of ``scope`` (Microsoft 365
  service mailbox: ``https://outlook.office365.com/.default``, for IMAP and SMTP alike);
- ``refresh_token``: the refresh token in ``refresh_token_file`` (Google); a rotated one in
  the answer replaces the file's (atomically, mode 0600).

One ``OAuth2Tokens`` serves the poll, the IDLE watcher and the sender (a lock): the token
is kept until ``renew_before_seconds`` before it expires; ``fresh=True`` (the server
refused it) asks for a new one at once. Every failure is a ``TokenError`` whose message
names the setting to fix; the secret and the tokens are never logged.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from config.mail_settings import OAuth2Settings
from config.settings import Settings
from fasdip.errors import TokenError

log = logging.getLogger(__name__)

# What the token endpoint's ``error`` code means for the office, and the setting to fix.
_FIXES = {
    "invalid_client": "check oauth2.client_id and oauth2.client_secret (a client secret "
    "expires: make a new one in the app registration)",
    "unauthorized_client": "check oauth2.client_id and that the app may use oauth2.grant",
    "invalid_grant": "the refresh token in oauth2.refresh_token_file was refused (revoked "
    "or expired): sign in again and write the new refresh token there",
    "invalid_scope": "check oauth2.scope (Microsoft 365: https://outlook.office365.com/.default)",
    "invalid_request": "check oauth2.grant, oauth2.scope and oauth2.client_id",
}


class OAuth2Tokens:
    """Access tokens from ``settings.token_url`` by ``settings.grant``, cached until near expiry."""

    def __init__(
        self, settings: OAuth2Settings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self.clock = clock
        self._lock = threading.Lock()
        self._token = ""
        self._renew_at = 0.0

    def access_token(self, *, fresh: bool = False) -> str:
        with self._lock:
            if fresh or not self._token or self.clock() >= self._renew_at:
                answer = self._ask()
                lifetime = _lifetime(answer)
                self._token = str(answer["access_token"])
                self._renew_at = self.clock() + max(
                    lifetime - self.settings.renew_before_seconds, lifetime / 2
                )
                log.info(
                    "OAuth2: new access token from %s (%s grant, valid %.0f s)",
                    self.settings.token_url,
                    self.settings.grant,
                    lifetime,
                )
            return self._token

    def _form(self) -> dict[str, str]:
        s = self.settings
        form = {"grant_type": s.grant, "client_id": s.client_id}
        if s.client_secret.get_secret_value():
            form["client_secret"] = s.client_secret.get_secret_value()
        if s.scope:
            form["scope"] = s.scope
        if s.grant == "refresh_token":
            form["refresh_token"] = self._refresh_token()
        return form

    def _refresh_token(self) -> str:
        path = self.settings.refresh_token_file
        try:
            token = path.read_text(encoding="utf-8").strip() if path else ""
        except OSError as exc:
            raise TokenError(
                f"oauth2.refresh_token_file {path}: cannot be read ({exc.strerror}); "
                "write the mailbox's refresh token there (mode 0600)"
            ) from exc
        if not token:
            raise TokenError(
                f"oauth2.refresh_token_file {path} is empty: write the mailbox's refresh token there"
            )
        return token

    def _ask(self) -> dict[str, Any]:
        s = self.settings
        data = urllib.parse.urlencode(self._form()).encode()
        request = urllib.request.Request(s.token_url, data=data, method="POST")
        request.add_header("Accept", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=s.timeout_seconds) as response:
                answer = _json(response.read())
        except urllib.error.HTTPError as exc:
            raise TokenError(_refusal(s.token_url, exc.code, _json(exc.read()))) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TokenError(
                f"oauth2.token_url {s.token_url} cannot be reached ({reason}): check the "
                "address and that this machine may reach it (proxy, firewall)"
            ) from exc
        if not isinstance(answer.get("access_token"), str) or not answer["access_token"]:
            raise TokenError(_refusal(s.token_url, 200, answer))
        rotated = answer.get("refresh_token")
        if s.grant == "refresh_token" and isinstance(rotated, str) and rotated:
            self._keep_refresh_token(rotated)
        return answer

    def _keep_refresh_token(self, token: str) -> None:
        path = self.settings.refresh_token_file
        assert path is not None  # settings: the refresh_token grant needs the file
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(token)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise TokenError(
                f"oauth2.refresh_token_file {path}: the new refresh token cannot be written "
                f"({exc.strerror}); let the service's user write that folder"
            ) from exc


def _json(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# Microsoft and Google give tokens of an hour; a token server that claims days is not
# believed past one day (a revoked grant is then noticed the next day at the latest).
_LONGEST_KEPT = 24 * 3600.0


def _lifetime(answer: dict[str, Any]) -> float:
    """Seconds the token is kept: ``expires_in`` (at most a day), or an hour when it says
    nothing usable."""
    try:
        seconds = float(answer.get("expires_in", 3600))
    except (TypeError, ValueError):
        return 3600.0
    if not math.isfinite(seconds):
        return 3600.0
    return min(max(seconds, 1.0), _LONGEST_KEPT)


def _refusal(url: str, status: int, answer: dict[str, Any]) -> str:
    # What the server says is quoted on one line: an error code may hold a line break.
    code = " ".join(str(answer.get("error") or "").split())[:100] or "no access_token"
    said = str(answer.get("error_description") or "").splitlines()[0:1]
    fix = _FIXES.get(code, "check oauth2.token_url, oauth2.grant and oauth2.client_id")
    detail = f": {said[0][:200]}" if said else ""
    return (
        f"oauth2.token_url {url} refused the token request (HTTP {status}, {code}{detail}); {fix}"
    )


def mail_tokens(settings: Settings) -> OAuth2Tokens | None:
    """The token source of the mailbox when IMAP or SMTP signs in by XOAUTH2: one per
    process and ``oauth2`` settings, so the poll, the watcher and the sender share it."""
    if any(s.host and s.auth == "xoauth2" for s in (settings.imap, settings.smtp)):
        return _shared_tokens(settings.oauth2)
    return None


@functools.cache
def _shared_tokens(settings: OAuth2Settings) -> OAuth2Tokens:
    return OAuth2Tokens(settings)
