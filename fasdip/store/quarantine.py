"""Quarantined mails for the console: list them, release one into the pipeline (its tries
start again, due now), or mark it handled by hand (never claimed again)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from fasdip.errors import UsageError
from fasdip.store.audit import audit_line
from fasdip.store.base import StoreBase
from fasdip.store.console_records import HANDLED, QuarantinedMail
from fasdip.store.records import QUARANTINED, RETRY
from fasdip.store.schema import Mail


def _record(row: Mail) -> QuarantinedMail:
    return QuarantinedMail(
        id=row.id,
        case_id=row.case_id,
        message_id=row.message_id,
        raw_sha256=row.raw_sha256,
        attempts=row.attempts,
        last_error=row.last_error,
        received_at=row.received_at,
    )


class QuarantineMixin(StoreBase):
    def quarantined(self) -> list[QuarantinedMail]:
        with self._tx() as s:
            rows = s.scalars(select(Mail).where(Mail.status == QUARANTINED).order_by(Mail.id))
            return [_record(r) for r in rows]

    def quarantined_mail(self, mail_id: int) -> QuarantinedMail | None:
        with self._tx() as s:
            row = s.get(Mail, mail_id)
            return _record(row) if row is not None and row.status == QUARANTINED else None

    def release_quarantined(self, mail_id: int, officer: str, now: dt.datetime) -> None:
        """Back into the pipeline: due now, with its tries counted from zero again."""
        with self._tx() as s:
            row = self._quarantined_row(s.get(Mail, mail_id), mail_id)
            row.status, row.attempts, row.next_try_at = RETRY, 0, now
            audit_line(s, officer, "release", "", now, case_id=row.case_id, mail_id=mail_id)

    def mark_handled(self, mail_id: int, officer: str, now: dt.datetime) -> None:
        """Dealt with by hand: out of the quarantine list, never judged by the machine."""
        with self._tx() as s:
            row = self._quarantined_row(s.get(Mail, mail_id), mail_id)
            row.status, row.done_at = HANDLED, now
            audit_line(s, officer, "handled", "", now, case_id=row.case_id, mail_id=mail_id)

    @staticmethod
    def _quarantined_row(row: Mail | None, mail_id: int) -> Mail:
        if row is None or row.status != QUARANTINED:
            raise UsageError(f"mail {mail_id} is not in quarantine (reload the list)")
        return row
