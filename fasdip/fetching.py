"""Steps 1-2 of a poll (see ``fasdip.mailroom``): each new mail's raw bytes go to durable
storage first, then its row (key, second key); the cursor advances per batch. A copy of a
mail already finished is acknowledged again; a mail the source could not download is
recorded with its problem, for an officer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from config.settings import Settings
from fasdip import mail_threads
from fasdip.logs import mail_logger
from fasdip.oauth2 import mail_tokens
from fasdip.poll_report import PollReport
from fasdip.store import Store, Vault
from ingest.folder import FolderSource
from ingest.headers import decode_text, message_ids
from ingest.imap import ImapSource
from ingest.source import Cursor, FetchedMail, MailSource, SourceError


@dataclass(frozen=True)
class Fetching:
    source: MailSource
    store: Store
    clock: Callable[[], dt.datetime]
    hook: Callable[[str], None]

    def take_in(self, report: PollReport) -> None:
        """Every new mail of the source into the store; a source that cannot be read is
        counted and logged (the service polls again soon)."""
        account, folder = self.source.account, self.source.folder
        try:
            for batch in self.source.fetch_new(self.store.cursor(account, folder)):
                self.hook("fetched")
                for item in batch:
                    report.fetched += 1
                    self._take_one(item, report)
                self._advance_cursor(batch)
        except SourceError as exc:
            report.fetch_failures += 1
            report.errors.append(f"fetch: {exc}")
            mail_logger(__name__, "-").warning("fetching from %s failed: %s", folder, exc)

    def _take_one(self, item: FetchedMail, report: PollReport) -> None:
        now = self.clock()
        known = self.store.known(item.key)
        if known is not None:
            if known.acked:  # a copy of a finished mail: acknowledge it again
                self.source.acknowledge([item.key])
            return
        if item.raw is None:
            problem = item.problem or "not downloaded"
            self.store.record_mail(
                item.key, raw_sha256=None, message_id=None, size=item.size, now=now, problem=problem
            )
            return
        sha = self.store.save_raw(item.raw, now)
        self.hook("saved_raw")
        head = mail_threads.headers(item.raw)
        ids = message_ids(decode_text(head.get("Message-ID", "")))
        record = self.store.record_mail(
            item.key, raw_sha256=sha, message_id=ids[0] if ids else None, size=item.size, now=now
        )
        report.duplicates += record.status == "duplicate"

    def _advance_cursor(self, batch: list[FetchedMail]) -> None:
        uids = [int(m.key.uid) for m in batch if m.key.uid.isdigit()]
        if batch and uids:
            cursor = Cursor(uidvalidity=batch[-1].key.uidvalidity, last_uid=max(uids))
            self.store.set_cursor(self.source.account, self.source.folder, cursor)


def default_source(settings: Settings) -> MailSource:
    """The mailbox (``imap.host``), or else the local inbox folder."""
    if settings.imap.host:
        return ImapSource(settings.imap, tokens=mail_tokens(settings))
    return FolderSource(
        settings.service.inbox_dir,
        batch_size=settings.imap.batch_size,
        max_bytes=settings.imap.max_message_bytes,
        keeper=Vault.from_settings(settings.protection),
    )
