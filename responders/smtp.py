"""The only module that talks SMTP (smtplib): STARTTLS or implicit TLS, with AUTH.

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

from config.settings import SmtpSettings
from fasdip.errors import AdapterError


class SendError(AdapterError):
    """The message could not be handed over; it stays in the outbox and is retried."""

    reason = "send_failed"


class SmtpMailer:
    def __init__(self, settings: SmtpSettings, context: ssl.SSLContext | None = None) -> None:
        self.settings = settings
        self.context = context or ssl.create_default_context()

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
        if s.username:
            client.login(s.username, s.password.get_secret_value())
        return client

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
