"""``fasdip protect``: seal what the store wrote before ``protection.encryption_key`` was set.

A store started without a key keeps raw mails, documents, verdicts, proofs and officers'
corrections in clear, and the case identities as plain sha256 digests. Once the office
sets a key, everything new is sealed, but the old items would stay in clear, readable by
anyone with a copy of the folder, and the plain digests would no longer match the keyed
ones a follow-up brings (threading by passport number or NIK would miss the old cases).

``SealingMixin.seal_plain`` seals each of them in place, idempotently:

- files under ``var/raw`` and ``var/documents`` (and the folder mode's ``inbox/done`` and
  outbox) without ``.enc``: written sealed
  (``<name>.enc``, atomic), then the plain file removed; a crash in between leaves both,
  and the next run removes the plain one;
- raw mails' bytes in the database (PostgreSQL), verdict JSON, proofs, corrections: sealed
  in their rows, in one transaction per kind;
- plain identity digests: keyed with ``HMAC(identity key, plain digest)``, exactly the digest
  ``identity_digest`` makes from the number with the key (no number is needed for it).

``plain_left`` counts what is still in clear without changing anything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fasdip.errors import ConfigError
from fasdip.store.base import StoreBase
from fasdip.store.cases import key_digest
from fasdip.store.console_schema import CorrectionRow
from fasdip.store.corrections import SEALED_TEXT, seal_text
from fasdip.store.schema import Base, CaseIdentity, ProofRow, RawMail, VerdictRow
from fasdip.store.vault import SEALED_SUFFIX


class SealReport(BaseModel):
    """How many items of each kind were (or are still) in clear."""

    files: int = 0
    raw_mails: int = 0
    verdicts: int = 0
    proofs: int = 0
    corrections: int = 0
    identities: int = 0

    @property
    def total(self) -> int:
        return sum(self.model_dump().values())

    def line(self) -> str:
        parts = [f"{n} {kind.replace('_', ' ')}" for kind, n in self.model_dump().items() if n]
        return ", ".join(parts) if parts else "nothing"


class SealingMixin(StoreBase):
    def plain_left(self, folders: Sequence[Path] = ()) -> SealReport:
        """What is still in clear (nothing is changed)."""
        with self._tx() as s:
            return SealReport(
                files=len(self._plain_files(folders)),
                raw_mails=_count(
                    s, RawMail, RawMail.content.is_not(None) & RawMail.encrypted.is_(False)
                ),
                verdicts=_count(
                    s,
                    VerdictRow,
                    VerdictRow.verdict_sealed.is_(None) & (VerdictRow.verdict_json != ""),
                ),
                proofs=_count(s, ProofRow, ProofRow.encrypted.is_(False)),
                corrections=_count(s, CorrectionRow, ~CorrectionRow.value.startswith(SEALED_TEXT)),
                identities=_count(s, CaseIdentity, CaseIdentity.keyed.is_(False)),
            )

    def seal_plain(self, folders: Sequence[Path] = ()) -> SealReport:
        """Seal everything written in clear, and the files under ``folders`` (the folder
        mode's ``inbox/done`` and outbox); what was sealed (``ConfigError`` without a key)."""
        key = self.vault.identity_key
        if key is None:
            raise ConfigError(
                "protection.encryption_key is not set: set it (FASDIP_PROTECTION__ENCRYPTION_KEY, "
                "16 characters or more), then run `fasdip protect` again"
            )
        report = SealReport(files=self._seal_files(folders))
        with self._tx() as s:
            for raw in s.scalars(
                select(RawMail).where(RawMail.content.is_not(None), RawMail.encrypted.is_(False))
            ):
                raw.content, raw.encrypted = self.vault.seal(raw.content or b""), True
                report.raw_mails += 1
            for row in s.scalars(select(RawMail).where(~RawMail.path.endswith(SEALED_SUFFIX))):
                if Path(row.path + SEALED_SUFFIX).exists():
                    row.path += SEALED_SUFFIX
        with self._tx() as s:
            for verdict in s.scalars(
                select(VerdictRow).where(
                    VerdictRow.verdict_sealed.is_(None), VerdictRow.verdict_json != ""
                )
            ):
                verdict.verdict_sealed = self.vault.seal(verdict.verdict_json.encode())
                verdict.verdict_json = ""
                report.verdicts += 1
            for proof in s.scalars(select(ProofRow).where(ProofRow.encrypted.is_(False))):
                proof.content, proof.encrypted = self.vault.seal(proof.content), True
                report.proofs += 1
        with self._tx() as s:
            for correction in s.scalars(
                select(CorrectionRow).where(~CorrectionRow.value.startswith(SEALED_TEXT))
            ):
                correction.value = seal_text(self.vault, correction.value)
                report.corrections += 1
            for identity in s.scalars(select(CaseIdentity).where(CaseIdentity.keyed.is_(False))):
                identity.digest, identity.keyed = key_digest(identity.digest, key), True
                report.identities += 1
        return report

    def _plain_files(self, folders: Sequence[Path]) -> list[Path]:
        """Files in clear under ``var/raw``, ``var/documents`` and ``folders`` (not
        temporary ones)."""
        found: list[Path] = []
        for folder in (self.raw_dir, self.documents_dir, *folders):
            if folder.is_dir():
                found += sorted(
                    p
                    for p in folder.rglob("*")
                    if p.is_file()
                    and not p.name.endswith(SEALED_SUFFIX)
                    and not p.name.startswith(".")
                )
        return found

    def _seal_files(self, folders: Sequence[Path]) -> int:
        sealed = 0
        for path in self._plain_files(folders):
            if not path.with_name(path.name + SEALED_SUFFIX).exists():
                self.vault.write(path, path.read_bytes())
            os.unlink(path)
            sealed += 1
        return sealed


def _count(s: Session, table: type[Base], where: ColumnElement[bool]) -> int:
    """Rows of ``table`` that match ``where``."""
    return int(s.scalar(select(func.count()).select_from(table).where(where)) or 0)
