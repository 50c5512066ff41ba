"""The only module that talks SMTP (smtplib): STARTTLS or implicit TLS, with AUTH.

AUTH by password, or by XOAUTH2 (``smtp.auth``) with the ``AccessTokens`` the application
hands in: a token the server refuses is replaced once by a fresh one before the send fails.

``FolderMailer`` is the embedded default (no server): each message is written to the
outbox folder as ``<Message-ID>.eml``, atomically, so writing it twice changes nothing;
with a ``keeper`` (the store's ``Vault``) through it: the office's file mode and, with a
key, sealed (``….eml.enc``).
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Sequence
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Protocol

from config.mail_settings import SmtpSettings
from fasdip.errors import AdapterError, ConfigError, TokenError
from fasdip.tokens import AccessTokens


class SendError(AdapterError):
    """The message could not be handed over; it stays in the outbox and is retried."""

    reason = "send_failed"


class SmtpMailer:
    def __init__(
        self,
        settings: SmtpSettings,
        context: ssl.SSLContext | None = None,
        *,
        tokens: AccessTokens | None = None,
    ) -> None:
        if tokens is None and settings.auth == "xoauth2":
            raise ConfigError(
                "smtp.auth is xoauth2 but no token source was given: set the oauth2.* "
                "settings (README, Deploying: mail sign-in)"
            )
        self.settings = settings
        self.context = context or ssl.create_default_context()
        self.tokens = tokens

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout_seconds, context=self.context
            )
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
            if s.security == "starttls":
                client.starttls(context=self.context)
        if s.auth == "xoauth2":
            self._xoauth2(client)
        elif s.username:
            client.login(s.username, s.password.get_secret_value())
        return client

    def _xoauth2(self, client: smtplib.SMTP) -> None:
        s = self.settings
        assert self.tokens is not None  # __init__ refuses xoauth2 without them
        client.ehlo_or_helo_if_needed()
        try:
            try:
                client.auth("XOAUTH2", _XOAuth2Answer(s.username, self.tokens.access_token()))
            except smtplib.SMTPAuthenticationError:  # expired or revoked early: once more
                token = self.tokens.access_token(fresh=True)
                client.auth("XOAUTH2", _XOAuth2Answer(s.username, token))
        except TokenError as exc:
            client.close()
            raise SendError(f"SMTP {s.host}: no OAuth2 token: {exc}") from exc
        except smtplib.SMTPAuthenticationError as exc:
            client.close()
            said = (
                exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else ""
            )
            raise SendError(
                f"SMTP {s.host}:{s.port} refused the OAuth2 token for smtp.username "
                f"{s.username} ({exc.smtp_code} {said}): check that the app may send as this "
                "mailbox (Microsoft 365: SMTP.SendAsApp and SMTP AUTH on for the mailbox; "
                "Google: scope https://mail.google.com/) and oauth2.scope",
                reason="send_refused_token",
            ) from exc

    def send(self, sender: str, recipients: Sequence[str], message: bytes) -> None:
        try:
            client = self._connect()
            try:
                refused = client.sendmail(sender, list(recipients), message)
            finally:
                try:
                    client.quit()
                except (smtplib.SMTPException, OSError):
                    client.close()
        except (smtplib.SMTPException, OSError) as exc:
            raise SendError(f"SMTP {self.settings.host}:{self.settings.port}: {exc}") from exc
        if refused:
            raise SendError(f"SMTP refused recipients: {', '.join(refused)}")

    def close(self) -> None:
        return None


class _XOAuth2Answer:  # smtplib's AUTH object, called like a function
    """The XOAUTH2 string first; an empty line to the server's error challenge (334 with
    its JSON), after which the server says 535."""

    def __init__(self, username: str, token: str) -> None:
        self.text = f"user={username}\x01auth=Bearer {token}\x01\x01"

    def __call__(self, challenge: bytes | None = None, /) -> str:
        return "" if challenge is not None else self.text


class FileKeeper(Protocol):
    """Writes a file with the office's protection (``fasdip.store.vault.Vault``)."""

    def write(self, path: Path, data: bytes) -> Path: ...


class FolderMailer:
    """Writes each message to ``folder/<message-id>.eml`` (fsynced, atomic rename)."""

    def __init__(self, folder: Path, keeper: FileKeeper | None = None) -> None:
        self.folder = folder
        self.keeper = keeper

    def send(self, sender: str, recipients: Sequence[str], message: bytes) -> None:
        headers = BytesHeaderParser().parsebytes(message)
        name = re.sub(r"[^A-Za-z0-9._@-]", "_", str(headers.get("Message-ID", "")).strip("<> "))
        try:
            path = self.folder / f"{name or 'reply'}.eml"
            if self.keeper is not None:
                self.keeper.write(path, message)
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                fh.write(message)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise SendError(f"outbox folder {self.folder}: {exc.strerror}") from exc

    def close(self) -> None:
        return None
