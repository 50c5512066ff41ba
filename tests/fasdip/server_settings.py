"""The settings that point the service at the test servers (``tests.servers``): a fresh
Dovecot user with its client, its IMAP settings, and the SMTP settings of aiosmtpd."""

from __future__ import annotations

import time

from imapclient import IMAPClient

from config.mail_settings import ImapSettings, SmtpSettings
from tests.servers import Dovecot, SmtpServer


def new_imap_user(dovecot: Dovecot, prefix: str) -> tuple[IMAPClient, str]:
    """A user never seen before (so an empty maildir), signed in; the test appends mail."""
    user = f"{prefix}-{time.monotonic_ns()}@test.example"
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    client.login(user, dovecot.password)
    return client, user


def imap_settings(
    dovecot: Dovecot, user: str, *, timeout_seconds: float = 10, batch_size: int | None = None
) -> ImapSettings:
    settings = ImapSettings(
        host="127.0.0.1",
        port=dovecot.port,
        security="plain",
        username=user,
        password=dovecot.password,
        timeout_seconds=timeout_seconds,
    )
    if batch_size is not None:
        settings = settings.model_copy(update={"batch_size": batch_size})
    return settings


def smtp_settings(server: SmtpServer, *, timeout_seconds: float | None = 5) -> SmtpSettings:
    """``timeout_seconds=None``: the setting's default."""
    settings = SmtpSettings(
        host="127.0.0.1",
        port=server.port,
        security="plain",
        username=server.username,
        password=server.password,
    )
    if timeout_seconds is not None:
        settings = settings.model_copy(update={"timeout_seconds": timeout_seconds})
    return settings
