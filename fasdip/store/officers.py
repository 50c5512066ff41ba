"""Officer accounts of the console: name, argon2 hash, failed sign-ins in a row.

The store keeps the hash it is given (``fasdip.web.auth`` hashes and verifies); it never
sees a password.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from fasdip.store.base import StoreBase
from fasdip.store.console_records import OfficerRecord
from fasdip.store.console_schema import Officer


def _record(row: Officer) -> OfficerRecord:
    return OfficerRecord(
        id=row.id,
        name=row.name,
        password_hash=row.password_hash,
        failed_signins=row.failed_signins,
        last_failed_at=row.last_failed_at,
    )


class OfficersMixin(StoreBase):
    def set_officer(self, name: str, password_hash: str, now: dt.datetime) -> OfficerRecord:
        """Add the officer ``name``, or give an existing one a new password hash."""
        with self._tx() as s:
            row = s.scalar(select(Officer).where(Officer.name == name))
            if row is None:
                row = Officer(name=name, password_hash=password_hash, created_at=now)
                s.add(row)
            row.password_hash = password_hash
            row.failed_signins, row.last_failed_at = 0, None
            s.flush()
            return _record(row)

    def officer(self, name: str) -> OfficerRecord | None:
        with self._tx() as s:
            row = s.scalar(select(Officer).where(Officer.name == name))
            return _record(row) if row is not None else None

    def officers(self) -> list[OfficerRecord]:
        with self._tx() as s:
            return [_record(r) for r in s.scalars(select(Officer).order_by(Officer.name))]

    def signin_failed(self, name: str, now: dt.datetime) -> None:
        with self._tx() as s:
            row = s.scalar(select(Officer).where(Officer.name == name))
            if row is not None:
                row.failed_signins += 1
                row.last_failed_at = now

    def signin_succeeded(self, name: str) -> None:
        with self._tx() as s:
            row = s.scalar(select(Officer).where(Officer.name == name))
            if row is not None:
                row.failed_signins, row.last_failed_at = 0, None
