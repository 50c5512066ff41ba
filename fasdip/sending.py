"""Sending one queued reply: rebuilt from its row with its stored registration proofs
attached, handed to the mailer, then marked sent, or failed (retried after a back-off).
Used by the mailroom (step 6) and by the officers' console."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from config.settings import Settings
from fasdip.logs import mail_logger
from fasdip.oauth2 import mail_tokens
from fasdip.store import OutboxItem, Store, Vault
from responders.outgoing import Mailer, with_pdfs
from responders.smtp import FolderMailer, SmtpMailer


def send_one(
    store: Store, mailer: Mailer, item: OutboxItem, clock: Callable[[], dt.datetime]
) -> bool:
    """``True`` when the server took the reply (and the store says so)."""
    log = mail_logger(__name__, item.case_number)
    try:
        proofs = store.proofs_of_reply(item.id)
        content = with_pdfs(item.content, [(p.filename, p.content) for p in proofs])
        mailer.send(item.sender, item.recipients, content)
    except Exception as exc:  # every failure is kept in the outbox and retried, none hidden
        after = store.mark_send_failed(item.id, str(exc), clock())
        log.warning(
            "reply %s not sent (try %d, again at %s): %s",
            item.message_id,
            after.tries,
            after.next_try_at.isoformat(),
            exc,
        )
        return False
    store.mark_sent(item.id, clock())
    log.info("reply %s sent to %s", item.message_id, ", ".join(item.recipients))
    return True


def default_mailer(settings: Settings) -> Mailer:
    """The SMTP server (``smtp.host``), or else ``.eml`` files in the outbox folder."""
    if settings.smtp.host:
        return SmtpMailer(settings.smtp, tokens=mail_tokens(settings))
    return FolderMailer(settings.service.outbox_dir, Vault.from_settings(settings.protection))
