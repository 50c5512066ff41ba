"""The IMAP source: the only module that imports imapclient.

- Login with a password or XOAUTH2 (the application hands in the ``AccessTokens``; a
  token the server refuses is replaced once by a fresh one before the login fails).
- TLS by default (``security: tls``; ``starttls``; ``plain`` only for loopback tests).
- Incremental: UIDs above the stored cursor, in batches; a new UIDVALIDITY starts again
  from UID 1 (the store skips mails it has by their second key). Mails that already carry
  our keyword are never fetched again.
- RFC822.SIZE is read before a body is downloaded; too large: not downloaded.
- Bodies are fetched with ``BODY.PEEK[]``: ``\\Seen`` is a person's flag, not our state.
- Every operation has the socket timeout of ``timeout_seconds``.
- ``acknowledge`` sets our keyword and optionally moves the mail. A folder whose
  PERMANENTFLAGS allow neither our keyword nor ``\\*`` keeps no keywords: processed mail is
  then moved to ``move_to`` or ``processed_folder`` (created if missing); which way is
  logged once, at the first connection.
- ``wait_for_mail`` uses IDLE where the server has it (re-issued before 29 minutes); on
  a new connection it first searches for mail not yet processed (mail that arrived while
  the server or the connection was down), and says so at once.
- A kept connection that the server dropped (restarted, timed out) is replaced at once,
  once, before an operation gives up with ``SourceError``.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from imapclient import IMAPClient

from config.mail_settings import ImapSettings
from fasdip.errors import ConfigError, TokenError
from fasdip.tokens import AccessTokens
from ingest.source import Cursor, FetchedMail, MailKey, SourceError

log = logging.getLogger(__name__)
T = TypeVar("T")
IDLE_MAX_SECONDS = 29 * 60  # RFC 2177: servers may drop an IDLE after 30 minutes
_ERRORS = (imaplib.IMAP4.error, OSError, socket.timeout, ssl.SSLError, EOFError)


class ImapSource:
    def __init__(
        self,
        settings: ImapSettings,
        *,
        tokens: AccessTokens | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self.account = f"{settings.username}@{settings.host}:{settings.port}"
        self.folder = settings.folder
        self.ssl_context = ssl_context or ssl.create_default_context()
        if tokens is None and settings.auth == "xoauth2":
            raise ConfigError(
                "imap.auth is xoauth2 but no token source was given: set the oauth2.* "
                "settings (README, Deploying: mail sign-in)"
            )
        self.tokens = tokens
        self._client: Any = None
        self.uidvalidity = 0
        self.keeps_keywords: bool | None = None  # known at the first connection

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
        except _ERRORS as exc:
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
        try:
            if s.security == "starttls":
                client.starttls(self.ssl_context)
            self._login(client)
            info = client.select_folder(s.folder)
        except SourceError:
            _shut(client)  # not left open after a refused sign-in
            raise
        except _ERRORS as exc:
            _shut(client)
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
        self.uidvalidity = int(info[b"UIDVALIDITY"])
        self._note_keywords(info)
        self._client = client
        return client

    def _login(self, client: Any) -> None:
        s = self.settings
        if s.auth != "xoauth2":
            client.login(s.username, s.password.get_secret_value())
            return
        assert self.tokens is not None  # __init__ refuses xoauth2 without them
        try:
            try:
                client.oauth2_login(s.username, self.tokens.access_token())
            except imaplib.IMAP4.error:  # expired or revoked early: one fresh token
                client.oauth2_login(s.username, self.tokens.access_token(fresh=True))
        except TokenError as exc:
            raise SourceError(f"IMAP {s.host}: no OAuth2 token: {exc}") from exc
        except imaplib.IMAP4.error as exc:
            raise SourceError(
                f"IMAP {s.host}:{s.port} refused the OAuth2 token for imap.username "
                f"{s.username} ({exc}): check that the app may open this mailbox "
                "(Microsoft 365: IMAP.AccessAsApp and a mailbox permission for its service "
                "principal; Google: scope https://mail.google.com/) and oauth2.scope"
            ) from exc

    def _note_keywords(self, info: dict[bytes, Any]) -> None:
        """Whether the folder keeps our keyword (PERMANENTFLAGS); said once, at first."""
        allowed = {
            bytes(f).decode(errors="replace").lower() for f in info.get(b"PERMANENTFLAGS", ())
        }
        keeps = "\\*" in allowed or self.settings.processed_keyword.lower() in allowed
        if self.keeps_keywords is None:
            s = self.settings
            if keeps:
                how = f"marked with the keyword {s.processed_keyword}"
            else:
                how = (
                    f"moved to the folder {self.processed_folder} (the server keeps no "
                    f"keywords there: PERMANENTFLAGS {' '.join(sorted(allowed)) or 'empty'})"
                )
            log.info("IMAP %s %s: processed mail is %s", self.account, s.folder, how)
        self.keeps_keywords = keeps

    @property
    def processed_folder(self) -> str:
        return self.settings.move_to or self.settings.processed_folder

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _shut(client)

    def check(self) -> None:
        """Sign in and open the folder (``fasdip status``); ``SourceError`` says why not."""
        self._connect()

    def _on_connection(self, what: str, work: Callable[[Any], T]) -> T:
        """``work(client)`` on the kept connection; if that one broke (the server restarted
        since), on a new one at once; ``SourceError`` when that fails too."""
        if self._client is not None:
            try:
                return work(self._client)
            except _ERRORS:
                self._drop()  # a stale connection: one fresh try before giving up
        try:
            return work(self._connect())
        except _ERRORS as exc:
            self._drop()
            s = self.settings
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder} ({what}): {exc}") from exc

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(*_ERRORS):
                self._client.logout()
        self._drop()

    # ------------------------------------------------------------------ reading

    def fetch_new(self, cursor: Cursor | None) -> Iterator[list[FetchedMail]]:
        s = self.settings

        def new_uids(client: Any) -> tuple[Any, list[int]]:
            # Re-select: a fresh view (new mail, a changed UIDVALIDITY) on a kept connection.
            self.uidvalidity = int(client.select_folder(s.folder)[b"UIDVALIDITY"])
            last = cursor.last_uid if cursor and cursor.uidvalidity == self.uidvalidity else 0
            found = client.search(["UID", f"{last + 1}:*", "NOT", "KEYWORD", s.processed_keyword])
            return client, sorted(int(u) for u in found if int(u) > last)

        client, uids = self._on_connection("search", new_uids)
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

        def mark(client: Any) -> None:
            current = [k for k in mine if k.uidvalidity == self.uidvalidity]
            uids = [int(k.uid) for k in current]
            if not uids:
                return
            if self.keeps_keywords:
                client.add_flags(uids, [s.processed_keyword], silent=True)
                if not s.move_to:
                    return
            elif not self._has_folder(client):
                client.create_folder(self.processed_folder)
            _move(client, uids, self.processed_folder)

        self._on_connection("acknowledge", mark)
        return mine

    def _has_folder(self, client: Any) -> bool:
        if client.folder_exists(self.processed_folder):
            return True
        log.info("IMAP %s: creating the folder %s", self.account, self.processed_folder)
        return False

    # ------------------------------------------------------------------ waiting

    def wait_for_mail(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for new mail: IDLE if the server has it, else just sleep.

        ``True`` when there may be new mail: an EXISTS or RECENT during IDLE, or, on a new
        connection, unprocessed mail already there (a fresh IDLE starts with a search)."""
        fresh = self._client is None
        try:
            client = self._connect()
            if fresh:
                waiting = client.search(["NOT", "KEYWORD", self.settings.processed_keyword])
                if waiting:
                    return True
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
        if any(r and r[0] == b"BYE" for r in responses):  # the server is going away
            self._drop()
            raise SourceError(f"IMAP IDLE on {self.settings.host}: the server closed it")
        return any(
            len(r) > 1 and isinstance(r[1], bytes) and r[1].upper() in (b"EXISTS", b"RECENT")
            for r in responses
        )


def _shut(client: Any) -> None:
    with contextlib.suppress(*_ERRORS):
        client.shutdown()


def _move(client: Any, uids: list[int], folder: str) -> None:
    if client.has_capability("MOVE"):
        client.move(uids, folder)
    else:
        client.copy(uids, folder)
        client.delete_messages(uids, silent=True)
        client.uid_expunge(uids)
