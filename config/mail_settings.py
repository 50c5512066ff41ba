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
    auth: Literal["password", "xoauth2"] = "password"  # xoauth2: a token of ``oauth2``
    folder: str = "INBOX"
    processed_keyword: str = "$FasdipProcessed"
    move_to: str = ""  # after processing, move the mail here ("" keeps it in ``folder``)
    # Where processed mail goes when the server keeps no keywords in ``folder`` (its
    # PERMANENTFLAGS lacks the keyword and ``\*``) and ``move_to`` is empty; created if missing.
    processed_folder: str = "FasdipProcessed"
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
    auth: Literal["password", "xoauth2"] = "password"  # xoauth2: a token of ``oauth2``
    timeout_seconds: float = Field(default=30.0, gt=0.0)


class OAuth2Settings(Section):
    """The token both IMAP and SMTP sign in with when their ``auth`` is ``xoauth2``.

    - Microsoft 365 service mailbox: ``grant`` ``client_credentials``, ``token_url``
      ``https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token``, the app's
      ``client_id`` and ``client_secret``, ``scope`` ``https://outlook.office365.com/.default``.
    - Google: ``grant`` ``refresh_token``, ``token_url`` ``https://oauth2.googleapis.com/token``,
      the client's id and secret, and ``refresh_token_file`` holding the refresh token (a
      rotated one is written back, mode 0600).

    A token is kept until ``renew_before_seconds`` before it expires; one the server
    refuses earlier is replaced once at once.
    """

    grant: Literal["client_credentials", "refresh_token"] = "client_credentials"
    token_url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    scope: str = ""
    refresh_token_file: Path | None = None
    timeout_seconds: float = Field(default=30.0, gt=0.0)
    renew_before_seconds: float = Field(default=120.0, ge=0.0)


def oauth2_problem(imap: ImapSettings, smtp: SmtpSettings, oauth2: OAuth2Settings) -> str:
    """What is missing for XOAUTH2 (``""``: nothing, or no server signs in with it)."""
    users = [
        f"{name}.auth"
        for name, section in (("imap", imap), ("smtp", smtp))
        if section.host and section.auth == "xoauth2"
    ]
    if not users:
        return ""
    needed = {"oauth2.token_url": oauth2.token_url, "oauth2.client_id": oauth2.client_id}
    if oauth2.grant == "client_credentials":
        needed["oauth2.client_secret"] = oauth2.client_secret.get_secret_value()
    else:
        needed["oauth2.refresh_token_file"] = str(oauth2.refresh_token_file or "")
    missing = [name for name, value in needed.items() if not value]
    if not missing:
        return ""
    return (
        f"{' and '.join(users)} {'are' if len(users) > 1 else 'is'} xoauth2 with "
        f"oauth2.grant {oauth2.grant}: set "
        f"{', '.join(missing)} (README, Deploying: mail sign-in for Microsoft 365 and Google)"
    )
