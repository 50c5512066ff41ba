"""The mail sections of the settings: the mailbox (IMAP) and outgoing mail (SMTP).

``Settings`` (config/settings.py) holds them as ``imap`` and ``smtp``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr

from config.sections import Section


class ImapSettings(Section):
    """The mailbox. An empty ``host`` means the local folder ``service.inbox_dir``."""

    host: str = ""
    port: int = Field(default=993, ge=1, le=65535)
    security: Literal["tls", "starttls", "plain"] = "tls"  # plain: loopback tests only
    username: str = ""
    password: SecretStr = SecretStr("")
    auth: Literal["password", "xoauth2"] = "password"
    # XOAUTH2: a refresh token is exchanged at ``oauth2_token_url``; a rotated refresh
    # token is written back to ``oauth2_refresh_token_file`` (mode 0600).
    oauth2_token_url: str = ""
    oauth2_client_id: str = ""
    oauth2_client_secret: SecretStr = SecretStr("")
    oauth2_scope: str = ""
    oauth2_refresh_token_file: Path | None = None
    folder: str = "INBOX"
    processed_keyword: str = "$FasdipProcessed"
    move_to: str = ""  # after processing, move the mail here ("" keeps it in ``folder``)
    batch_size: int = Field(default=25, ge=1, le=1000)
    timeout_seconds: float = Field(default=30.0, gt=0.0)
    max_message_bytes: int = Field(default=40_000_000, ge=1)
    # After a lost connection: a new one after 0.5 s, 1 s, 2 s … at most this often, and a
    # poll at once when it is back (mail that arrived meanwhile is answered in seconds).
    reconnect_base_seconds: float = Field(default=0.5, gt=0.0)
    reconnect_max_seconds: float = Field(default=5.0, gt=0.0)


class SmtpSettings(Section):
    """Outgoing mail. An empty ``host`` writes each reply as .eml into ``service.outbox_dir``."""

    host: str = ""
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "plain"] = "starttls"  # plain: loopback tests only
    username: str = ""
    password: SecretStr = SecretStr("")
    timeout_seconds: float = Field(default=30.0, gt=0.0)
