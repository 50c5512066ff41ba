"""Raw mails on disk and the protection of the store's files (``Vault``).

A raw mail is kept as ``var/raw/<sha256>.eml`` (sealed: ``….eml.enc``); on PostgreSQL its
bytes are also in the ``raw_mails`` row so any worker can read any mail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from config.settings import ProtectionSettings
from fasdip.store.base import StoreBase
from fasdip.store.schema import RawMail
from fasdip.store.vault import Vault


class RawMailMixin(StoreBase):
    def _protect_database(self) -> None:
        """SQLite: the database file (verdicts name applicants) gets the file mode too."""
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            return
        for suffix in ("", "-wal", "-shm"):
            path = Path(database + suffix)
            if path.exists() and path.stat().st_mode & 0o777 != self.vault.file_mode:
                path.chmod(self.vault.file_mode)

    def protect(self, protection: ProtectionSettings) -> None:
        """Use the office's file mode and encryption key from now on (for a store opened
        without them): files written after this are protected, sealed ones readable."""
        vault = Vault.from_settings(protection)
        vault.check_key(self.raw_dir)
        self.vault = vault
        self.vault.tighten(self.raw_dir)
        self.vault.tighten(self.documents_dir)
        self._protect_database()

    def raw_path(self, sha: str) -> Path:
        """Where the raw mail of ``sha`` is kept (``.enc`` after it when sealed)."""
        return self.raw_dir / sha[:2] / f"{sha}.eml"

    def save_raw(self, raw: bytes, now: dt.datetime) -> str:
        """Write the bytes to ``raw/<sha256>.eml`` (fsynced; sealed as ``….eml.enc`` with
        an encryption key; mode ``protection.file_mode``), then the row; returns the sha256.
        The name is the hash of the plain bytes either way."""
        sha = hashlib.sha256(raw).hexdigest()
        path = self.raw_path(sha)
        written = self.vault.stored_path(path) or self.vault.write(path, raw)
        sealed = self.vault.encrypting
        try:
            with self._tx() as s:
                row = s.get(RawMail, sha)
                if row is None:
                    s.add(
                        RawMail(
                            sha256=sha,
                            size=len(raw),
                            path=str(written),
                            stored_at=now,
                            content=self.vault.seal(raw) if self.is_postgres else None,
                            encrypted=sealed and self.is_postgres,
                        )
                    )
                elif row.purged_at is not None:  # the same bytes again after retention
                    row.purged_at, row.path = None, str(written)
                    if self.is_postgres:
                        row.content, row.encrypted = self.vault.seal(raw), sealed
        except IntegrityError:  # another worker stored the same bytes just now
            pass
        return sha

    def read_raw(self, sha: str) -> bytes:
        """The raw mail from ``var/raw``, or (another worker's mail) from the database;
        decrypted when it was sealed (a wrong or missing key: ``VaultError``, a
        ``ConfigError`` naming ``protection.encryption_key``)."""
        path = self.raw_path(sha)
        if not self.is_postgres or self.vault.stored_path(path) is not None:
            return self.vault.read(path)
        with self._tx() as s:
            row = s.execute(
                select(RawMail.content, RawMail.encrypted).where(RawMail.sha256 == sha)
            ).first()
        if row is None or row[0] is None:
            raise FileNotFoundError(f"raw mail {sha} is neither in {self.raw_dir} nor stored")
        content = bytes(row[0])
        return self.vault.unseal(content, f"raw mail {sha} (database)") if row[1] else content

    def purged_raws(self) -> set[str]:
        """The sha256 of raw mails whose bytes retention deleted (their rows stay)."""
        with self._tx() as s:
            return set(s.scalars(select(RawMail.sha256).where(RawMail.purged_at.is_not(None))))
