"""The IMAP source: the only module that imports imapclient.

- Login with a password or XOAUTH2 (a ``TokenProvider`` gives the access token; the
  refresh-token provider writes a rotated refresh token back to its file).
- TLS by default (``security: tls``; ``starttls``; ``plain`` only for loopback tests).
- Incremental: UIDs above the stored cursor, in batches; a new UIDVALIDITY starts again
  from UID 1 (the store skips mails it has by their second key). Mails that already carry
  our keyword are never fetched again.
- RFC822.SIZE is read before a body is downloaded; too large: not downloaded.
- Bodies are fetched with ``BODY.PEEK[]``: ``\\Seen`` is a person's flag, not our state.
- Every operation has the socket timeout of ``timeout_seconds``.
- ``acknowledge`` sets our keyword and optionally moves the mail.
- ``wait_for_mail`` uses IDLE where the server has it (re-issued before 29 minutes).
"""

from __future__ import annotations

import contextlib
import imaplib
import json
import os
import socket
import ssl
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from imapclient import IMAPClient

from config.settings import ImapSettings
from fasdip.errors import ConfigError
from ingest.source import Cursor, FetchedMail, MailKey, SourceError

IDLE_MAX_SECONDS = 29 * 60  # RFC 2177: servers may drop an IDLE after 30 minutes
_ERRORS = (imaplib.IMAP4.error, OSError, socket.timeout, ssl.SSLError, EOFError)


class TokenProvider(Protocol):
    """Gives an OAuth2 access token for XOAUTH2 (Microsoft 365, Google)."""

    def access_token(self) -> str: ...


class RefreshTokenProvider:
    """Exchanges the refresh token in ``refresh_token_file`` at the token endpoint.

    Providers rotate refresh tokens: a new one in the answer replaces the file's (written
    atomically, mode 0600). The access token is cached until a minute before it expires.
    """

    def __init__(self, settings: ImapSettings) -> None:
        if not settings.oauth2_token_url or settings.oauth2_refresh_token_file is None:
            raise ConfigError(
                "imap.auth xoauth2 needs imap.oauth2_token_url and imap.oauth2_refresh_token_file"
            )
        self.settings = settings
        self.file: Path = settings.oauth2_refresh_token_file
        self._token = ""
        self._expires = 0.0

    def access_token(self) -> str:
        if self._token and time.monotonic() < self._expires:
            return self._token
        s = self.settings
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self.file.read_text(encoding="utf-8").strip(),
            "client_id": s.oauth2_client_id,
        }
        if s.oauth2_client_secret.get_secret_value():
            form["client_secret"] = s.oauth2_client_secret.get_secret_value()
        if s.oauth2_scope:
            form["scope"] = s.oauth2_scope
        request = urllib.request.Request(
            s.oauth2_token_url, data=urllib.parse.urlencode(form).encode(), method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=s.timeout_seconds) as answer:
                body: dict[str, Any] = json.loads(answer.read())
        except (OSError, ValueError) as exc:
            raise SourceError(f"OAuth2 token endpoint {s.oauth2_token_url}: {exc}") from exc
        if "access_token" not in body:
            raise SourceError(f"OAuth2 token endpoint gave no access_token ({body.get('error')})")
        rotated = body.get("refresh_token")
        if rotated:
            tmp = self.file.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(str(rotated))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.file)
        self._token = str(body["access_token"])
        self._expires = time.monotonic() + float(body.get("expires_in", 3600)) - 60
        return self._token


class ImapSource:
    def __init__(
        self,
        settings: ImapSettings,
        *,
        tokens: TokenProvider | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self.account = f"{settings.username}@{settings.host}:{settings.port}"
        self.folder = settings.folder
        self.ssl_context = ssl_context or ssl.create_default_context()
        if tokens is None and settings.auth == "xoauth2":
            tokens = RefreshTokenProvider(settings)
        self.tokens = tokens
        self._client: Any = None
        self.uidvalidity = 0

    # ------------------------------------------------------------------ connection

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        s = self.settings
        try:
            client = IMAPClient(
                s.host,
                port=s.port,
                ssl=s.security == "tls",
                ssl_context=self.ssl_context,
                timeout=s.timeout_seconds,
            )
            if s.security == "starttls":
                client.starttls(self.ssl_context)
            if s.auth == "xoauth2":
                assert self.tokens is not None
                client.oauth2_login(s.username, self.tokens.access_token())
            else:
                client.login(s.username, s.password.get_secret_value())
            info = client.select_folder(s.folder)
        except _ERRORS as exc:
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
        self.uidvalidity = int(info[b"UIDVALIDITY"])
        self._client = client
        return client

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(*_ERRORS):
                client.shutdown()

    def check(self) -> None:
        """Sign in and open the folder (``fasdip status``); ``SourceError`` says why not."""
        self._connect()

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(*_ERRORS):
                self._client.logout()
        self._drop()

    # ------------------------------------------------------------------ reading

    def fetch_new(self, cursor: Cursor | None) -> Iterator[list[FetchedMail]]:
        s = self.settings
        try:
            client = self._connect()
            # Re-select: a fresh view (new mail, a changed UIDVALIDITY) on a kept connection.
            self.uidvalidity = int(client.select_folder(s.folder)[b"UIDVALIDITY"])
            last = cursor.last_uid if cursor and cursor.uidvalidity == self.uidvalidity else 0
            found = client.search(["UID", f"{last + 1}:*", "NOT", "KEYWORD", s.processed_keyword])
            uids = sorted(int(u) for u in found if int(u) > last)
        except _ERRORS as exc:
            self._drop()
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
        for start in range(0, len(uids), s.batch_size):
            chunk = uids[start : start + s.batch_size]
            try:
                batch = self._fetch_batch(client, chunk)
            except _ERRORS as exc:
                self._drop()
                raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
            yield batch

    def _fetch_batch(self, client: Any, chunk: list[int]) -> list[FetchedMail]:
        s = self.settings
        sizes = client.fetch(chunk, ["RFC822.SIZE"])
        small = [u for u in chunk if u in sizes and sizes[u][b"RFC822.SIZE"] <= s.max_message_bytes]
        bodies = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
        out: list[FetchedMail] = []
        for uid in chunk:
            if uid not in sizes:
                continue  # expunged meanwhile
            size = int(sizes[uid][b"RFC822.SIZE"])
            key = MailKey(
                account=self.account, folder=s.folder, uidvalidity=self.uidvalidity, uid=str(uid)
            )
            if size > s.max_message_bytes:
                problem = f"too_large: {size} bytes (limit {s.max_message_bytes})"
                out.append(FetchedMail(key=key, size=size, problem=problem))
            elif uid in bodies and b"BODY[]" in bodies[uid]:
                out.append(FetchedMail(key=key, size=size, raw=bytes(bodies[uid][b"BODY[]"])))
        return out

    # ------------------------------------------------------------------ acknowledging

    def acknowledge(self, keys: Sequence[MailKey]) -> list[MailKey]:
        """Our keyword on each mail (then the move, if set). Keys of an old UIDVALIDITY
        cannot be marked any more: they count as done (their rescanned copies get marked)."""
        s = self.settings
        mine = [k for k in keys if k.account == self.account and k.folder == s.folder]
        try:
            client = self._connect()
            current = [k for k in mine if k.uidvalidity == self.uidvalidity]
            uids = [int(k.uid) for k in current]
            if uids:
                client.add_flags(uids, [s.processed_keyword], silent=True)
                if s.move_to:
                    if client.has_capability("MOVE"):
                        client.move(uids, s.move_to)
                    else:
                        client.copy(uids, s.move_to)
                        client.delete_messages(uids, silent=True)
                        client.uid_expunge(uids)
        except _ERRORS as exc:
            self._drop()
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
        return mine

    # ------------------------------------------------------------------ waiting

    def wait_for_mail(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for new mail: IDLE if the server has it, else just sleep."""
        try:
            client = self._connect()
            if not client.has_capability("IDLE"):
                time.sleep(seconds)
                return False
            client.idle()
            try:
                responses = client.idle_check(timeout=min(seconds, IDLE_MAX_SECONDS))
            finally:
                client.idle_done()
        except _ERRORS as exc:
            self._drop()
            raise SourceError(f"IMAP IDLE on {self.settings.host}: {exc}") from exc
        return any(
            len(r) > 1 and isinstance(r[1], bytes) and r[1].upper() in (b"EXISTS", b"RECENT")
            for r in responses
        )
