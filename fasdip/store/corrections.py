"""What officers add to a case: corrections of the machine's reading, internal notes, and
where the case stands for them (entered into the system, closed). Each change is written
with its line of the audit trail in one transaction.

A correction's value (a name, a passport number) is sealed with
``protection.encryption_key`` when one is set: personal data is not kept in clear.
"""

from __future__ import annotations

import base64
import datetime as dt

from sqlalchemy import delete, select

from fasdip.store.audit import audit_line
from fasdip.store.base import StoreBase
from fasdip.store.console_records import CaseMarkRecord, CorrectionRecord, NoteRecord
from fasdip.store.console_schema import CaseMark, CorrectionRow, NoteRow
from fasdip.store.vault import Vault

SEALED_TEXT = "sealed:"  # before a sealed value (base64); a plain one has none


def seal_text(vault: Vault, value: str) -> str:
    """A text as a text column keeps it: sealed (base64 after ``SEALED_TEXT``) with a key."""
    if not vault.encrypting:
        return value
    return SEALED_TEXT + base64.b64encode(vault.seal(value.encode("utf-8"))).decode()


class CorrectionsMixin(StoreBase):
    def _seal_text(self, value: str) -> str:
        return seal_text(self.vault, value)

    def _open_text(self, stored: str, where: str) -> str:
        if not stored.startswith(SEALED_TEXT):
            return stored
        blob = base64.b64decode(stored[len(SEALED_TEXT) :])
        return self.vault.unseal(blob, where).decode("utf-8")

    def add_correction(
        self,
        case_id: int,
        *,
        kind: str,
        sha256: str,
        value: str,
        officer: str,
        now: dt.datetime,
        field: str = "",
        detail: str,
    ) -> None:
        """Keep what the officer said of a document (``detail`` is the audit line, written
        without personal numbers)."""
        with self._tx() as s:
            s.add(
                CorrectionRow(
                    case_id=case_id,
                    kind=kind,
                    sha256=sha256,
                    field=field,
                    value=self._seal_text(value),
                    officer=officer,
                    at=now,
                )
            )
            audit_line(s, officer, f"correct_{kind}", detail, now, case_id=case_id)

    def corrections(self, case_id: int) -> list[CorrectionRecord]:
        """The case's corrections in the order they were made (a later one wins)."""
        with self._tx() as s:
            rows = s.scalars(
                select(CorrectionRow)
                .where(CorrectionRow.case_id == case_id)
                .order_by(CorrectionRow.id)
            ).all()
            return [
                CorrectionRecord(
                    id=r.id,
                    case_id=r.case_id,
                    kind=r.kind,
                    sha256=r.sha256,
                    field=r.field,
                    value=self._open_text(r.value, f"correction {r.id}"),
                    officer=r.officer,
                    at=r.at,
                )
                for r in rows
            ]

    def add_note(self, case_id: int, officer: str, text: str, now: dt.datetime) -> None:
        with self._tx() as s:
            s.add(NoteRow(case_id=case_id, officer=officer, text=self._seal_text(text), at=now))
            audit_line(s, officer, "note", f"{len(text)} characters", now, case_id=case_id)

    def notes(self, case_id: int) -> list[NoteRecord]:
        with self._tx() as s:
            rows = s.scalars(
                select(NoteRow).where(NoteRow.case_id == case_id).order_by(NoteRow.id)
            ).all()
            return [
                NoteRecord(officer=r.officer, text=self._open_text(r.text, f"note {r.id}"), at=r.at)
                for r in rows
            ]

    def mark_case(self, case_id: int, state: str, officer: str, now: dt.datetime) -> None:
        """Put the case ``entered`` (into the system) or ``closed``; ``""`` reopens it."""
        with self._tx() as s:
            s.execute(delete(CaseMark).where(CaseMark.case_id == case_id))
            if state:
                s.add(CaseMark(case_id=case_id, state=state, officer=officer, at=now))
            audit_line(s, officer, "mark", state or "reopened", now, case_id=case_id)

    def case_marks(self) -> dict[int, CaseMarkRecord]:
        with self._tx() as s:
            return {
                r.case_id: CaseMarkRecord(
                    case_id=r.case_id, state=r.state, officer=r.officer, at=r.at
                )
                for r in s.scalars(select(CaseMark))
            }
