"""Intake: the source's cursor and one row per mail seen, duplicates told apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from fasdip.store.base import StoreBase
from fasdip.store.records import DUPLICATE, NEW, QUARANTINED, MailRecord, mail_record
from fasdip.store.schema import Mail, SourceCursor
from ingest.source import Cursor, MailKey


class IntakeMixin(StoreBase):
    def cursor(self, account: str, folder: str) -> Cursor | None:
        with self._tx() as s:
            row = s.get(SourceCursor, (account, folder))
            return Cursor(uidvalidity=row.uidvalidity, last_uid=row.last_uid) if row else None

    def set_cursor(self, account: str, folder: str, cursor: Cursor) -> None:
        for _ in range(3):
            try:
                with self._tx() as s:
                    row = s.get(SourceCursor, (account, folder), with_for_update=self.is_postgres)
                    if row is None:
                        s.add(SourceCursor(account=account, folder=folder, **cursor.model_dump()))
                    elif cursor.uidvalidity != row.uidvalidity or cursor.last_uid > row.last_uid:
                        row.uidvalidity, row.last_uid = cursor.uidvalidity, cursor.last_uid
                return
            except IntegrityError:  # another worker wrote the first cursor just now
                continue

    def known(self, key: MailKey) -> MailRecord | None:
        with self._tx() as s:
            row = s.scalar(_by_key(key))
            return mail_record(row) if row else None

    def record_mail(
        self,
        key: MailKey,
        *,
        raw_sha256: str | None,
        message_id: str | None,
        size: int,
        now: dt.datetime,
        problem: str | None = None,
    ) -> MailRecord:
        """The mail's row (status ``new``), or the existing one for this key.

        Same Message-ID and same content as a mail already stored (a rescan after a
        UIDVALIDITY change, a copy in two folders): recorded as ``duplicate`` of it. A
        reused Message-ID with other content is a new mail. ``problem`` (not downloaded)
        quarantines the mail for an officer at once.
        """
        for _ in range(3):
            try:
                with self._tx() as s:
                    row = s.scalar(_by_key(key))
                    if row is not None:
                        return mail_record(row)
                    original = None
                    if raw_sha256 is not None:
                        query = select(Mail).where(
                            Mail.raw_sha256 == raw_sha256,
                            Mail.status != DUPLICATE,
                            Mail.message_id == message_id
                            if message_id
                            else Mail.message_id.is_(None),
                        )
                        original = s.scalars(query.order_by(Mail.id).limit(1)).first()
                    row = Mail(
                        account=key.account,
                        folder=key.folder,
                        uidvalidity=key.uidvalidity,
                        uid=key.uid,
                        message_id=message_id,
                        raw_sha256=raw_sha256,
                        size=size,
                        status=QUARANTINED if problem else DUPLICATE if original else NEW,
                        duplicate_of=original.id if original else None,
                        case_id=original.case_id if original else None,
                        attempts=0,
                        next_try_at=now,
                        last_error=problem,
                        received_at=now,
                        done_at=now if original else None,
                    )
                    s.add(row)
                    s.flush()
                    return mail_record(row)
            except IntegrityError:  # another worker recorded the same key just now
                continue
        raise RuntimeError(f"cannot record mail {key}")

    def mail(self, mail_id: int) -> MailRecord:
        with self._tx() as s:
            return mail_record(s.get_one(Mail, mail_id))

    def mails(self) -> list[MailRecord]:
        with self._tx() as s:
            return [mail_record(r) for r in s.scalars(select(Mail).order_by(Mail.id))]


def _by_key(key: MailKey) -> Any:
    return select(Mail).where(
        Mail.account == key.account,
        Mail.folder == key.folder,
        Mail.uidvalidity == key.uidvalidity,
        Mail.uid == key.uid,
    )
