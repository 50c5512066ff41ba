"""The audit trail: who did what and when in the console, kept in the store.

Written in the same transaction as the change it records (``_audit``), so a change
without its line (or a line without its change) cannot be.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from fasdip.store.base import StoreBase
from fasdip.store.console_records import AuditEntry
from fasdip.store.console_schema import AuditRow


def audit_line(
    s: Session,
    officer: str,
    action: str,
    detail: str,
    now: dt.datetime,
    *,
    case_id: int | None = None,
    mail_id: int | None = None,
) -> None:
    s.add(
        AuditRow(
            case_id=case_id, mail_id=mail_id, officer=officer, action=action, detail=detail, at=now
        )
    )


class AuditMixin(StoreBase):
    def audit(
        self,
        officer: str,
        action: str,
        detail: str,
        now: dt.datetime,
        *,
        case_id: int | None = None,
        mail_id: int | None = None,
    ) -> None:
        """One line of the trail on its own (sign-ins, views of a document): ``audit_line``
        (same parameters, by design) in a transaction of its own."""
        with self._tx() as s:
            audit_line(s, officer, action, detail, now, case_id=case_id, mail_id=mail_id)

    def audit_trail(
        self, case_id: int | None = None, mail_id: int | None = None
    ) -> list[AuditEntry]:
        """The lines of a case (or a mail, or all), oldest first."""
        with self._tx() as s:
            query = select(AuditRow).order_by(AuditRow.id)
            if case_id is not None:
                query = query.where(AuditRow.case_id == case_id)
            if mail_id is not None:
                query = query.where(AuditRow.mail_id == mail_id)
            return [
                AuditEntry(
                    case_id=r.case_id,
                    mail_id=r.mail_id,
                    officer=r.officer,
                    action=r.action,
                    detail=r.detail,
                    at=r.at,
                )
                for r in s.scalars(query)
            ]
