"""Building blocks of the mailbox-service tests: mails, settings, a crash switch."""

from __future__ import annotations

import email.utils
from email.message import EmailMessage
from pathlib import Path

from config.mail_settings import ImapSettings, SmtpSettings
from config.settings import MissionsSettings, ServiceSettings, Settings, StoreSettings

MISSION = "consular@embassy.example"
OFFICE = "fasdip.dafis.kundak@kemlu.go.id"

MISSIONS_YAML = """\
missions:
  - key: example-embassy
    name: Embassy of Example
    domains: [embassy.example]
  - key: other-embassy
    name: Embassy of Other
    addresses: [desk@other.example]
"""


def mission_mail(
    n: int,
    *,
    sender: str = MISSION,
    subject: str | None = None,
    in_reply_to: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Embassy <{sender}>" if sender else "<>"
    msg["To"] = OFFICE
    msg["Subject"] = subject or f"Permohonan Pas Bandara Tahunan Baru a.n. Applicant {n}"
    msg["Message-ID"] = f"<req{n}@embassy.example>"
    msg["Date"] = email.utils.format_datetime(email.utils.localtime())
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(
        f"Dengan hormat, kami mengajukan permohonan pas bandara tahunan baru untuk "
        f"Applicant {n}. Terlampir nota diplomatik."
    )
    msg.add_attachment(
        b"%PDF-1.4 not really",
        maintype="application",
        subtype="pdf",
        filename="nota_diplomatik.pdf",
    )
    return bytes(msg)


def make_settings(
    tmp: Path,
    *,
    worker: str = "test-worker",
    imap: ImapSettings | None = None,
    smtp: SmtpSettings | None = None,
    store_url: str = "",
    **service: object,
) -> Settings:
    tmp.mkdir(parents=True, exist_ok=True)
    missions = tmp / "missions.yaml"
    missions.write_text(MISSIONS_YAML)
    return Settings(
        store=StoreSettings(
            var_dir=tmp / "var",
            url=store_url,
            retry_base_seconds=0.01,
            retry_max_seconds=0.05,
            send_retry_base_seconds=0.01,
            send_retry_max_seconds=0.05,
        ),
        service=ServiceSettings.model_validate(
            {
                "inbox_dir": tmp / "inbox",
                "outbox_dir": tmp / "outbox",
                "lock_file": tmp / "var" / "fasdip.lock",
                "worker_name": worker,
                **service,
            }
        ),
        missions=MissionsSettings(file=missions),
        imap=imap or ImapSettings(),
        smtp=smtp or SmtpSettings(),
    )


class InjectedCrash(BaseException):
    """Stands for the process dying: not an ``Exception``, so nothing handles it."""


class CrashAt:
    """A mailroom hook that crashes the first time ``step`` is reached."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.fired = False

    def __call__(self, step: str) -> None:
        if step == self.step and not self.fired:
            self.fired = True
            raise InjectedCrash(step)
