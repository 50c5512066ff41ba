"""Settings of the polling service: the case store, the schedule and threading, health.

The IMAP and SMTP sections live in ``config/mail_settings.py``; ``config.settings``
re-exports every section, so ``from config.settings import StoreSettings`` works.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from config.sections import Section


class StoreSettings(Section):
    """The case store: SQLite under ``var_dir`` unless ``url`` names another database."""

    url: str = ""  # e.g. postgresql+psycopg://fasdip@db.internal/fasdip
    password: SecretStr = SecretStr("")  # put into ``url`` when set (keeps it out of the URL)
    var_dir: Path = Path("var")  # raw mails in var_dir/raw, SQLite in var_dir/fasdip.sqlite3
    max_attempts: int = Field(default=5, ge=1)  # tries that failed (error, timeout, limit)
    # Tries cut by the service's own death (killed, restarted) use no try; a mail on which
    # the service died this many times goes to an officer all the same.
    max_interrupted: int = Field(default=20, ge=1)
    retry_base_seconds: float = Field(default=60.0, gt=0.0)
    retry_max_seconds: float = Field(default=3600.0, gt=0.0)
    # A reply the SMTP server did not take is tried again after 2 s, 4 s … at most 60 s.
    send_retry_base_seconds: float = Field(default=2.0, gt=0.0)
    send_retry_max_seconds: float = Field(default=60.0, gt=0.0)
    claim_timeout_seconds: float = Field(default=900.0, gt=0.0)


class ServiceSettings(Section):
    """The polling service: folders of the embedded defaults, schedule, threading, limits."""

    inbox_dir: Path = Path("var/inbox")
    outbox_dir: Path = Path("var/outbox")
    lock_file: Path = Path("var/fasdip.lock")
    poll_minutes: float = Field(default=2.0, gt=0.0)
    worker_name: str = ""  # "" = host name; claims of this name are released at start-up
    message_id_domain: str = "fasdip.kemlu.go.id"
    thread_window_days: int = Field(default=30, ge=0)
    # Safety caps against mail loops, high enough never to hold back a mission's real
    # requests: a reply over one goes to an officer instead (digest and log).
    replies_per_case_per_day: int = Field(default=10, ge=0)
    replies_per_sender_per_day: int = Field(default=100, ge=0)
    # How often the outbox is looked at for replies due again (besides each poll).
    outbox_check_seconds: float = Field(default=1.0, gt=0.0)


class HealthSettings(Section):
    """When ``fasdip status`` (and ``/healthz``) says degraded or down (exit 1 or 2).

    Down: the store or the mailbox cannot be reached, or no service polled within
    ``alive_minutes`` (0: three poll intervals plus a minute). Degraded: a mail in
    quarantine, the last poll with an error, a reply unsent for ``outbox_stuck_minutes``, or
    a mail unanswered for ``unanswered_minutes``.
    """

    alive_minutes: float = Field(default=0.0, ge=0.0)
    outbox_stuck_minutes: float = Field(default=30.0, gt=0.0)
    unanswered_minutes: float = Field(default=240.0, gt=0.0)
