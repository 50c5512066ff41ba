"""Retention: the raw mails and documents of closed cases are deleted; every row is kept,
without its personal data (``fasdip.store.redaction``)."""

from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from fasdip.store.raw_mail import RawMailMixin
from fasdip.store.records import DONE, DUPLICATE, SENT, CaseInfo, PurgeReport, case_info
from fasdip.store.redaction import redact_cases
from fasdip.store.schema import Case, Mail, Outbox, RawMail
from fasdip.store.vault import fsync_dir


def _raws_only_of(s: Session, case_ids: list[int]) -> set[str]:
    """The raw mails of these cases that no other case (nor a mail without a case) uses."""
    shas = set(
        s.scalars(
            select(Mail.raw_sha256).where(Mail.case_id.in_(case_ids), Mail.raw_sha256.is_not(None))
        )
    )
    shared = set(
        s.scalars(
            select(Mail.raw_sha256).where(
                Mail.raw_sha256.in_(shas),
                or_(Mail.case_id.is_(None), Mail.case_id.not_in(case_ids)),
            )
        )
    )
    return {sha for sha in shas - shared if sha is not None}


class RetentionMixin(RawMailMixin):
    def closed_cases(self, before: dt.datetime) -> list[CaseInfo]:
        """Cases closed with no activity since ``before``, not purged since.

        Closed: every mail of the case is done (or a duplicate of one) and acknowledged at
        the source, and every reply of the case was sent. Nothing is left for the machine
        to do; a follow-up later (case number, In-Reply-To) reopens it and is judged with
        what is kept.
        """
        busy_mail = select(Mail.case_id).where(
            Mail.case_id.is_not(None),
            or_(Mail.status.not_in([DONE, DUPLICATE]), Mail.acked_at.is_(None)),
        )
        unsent = select(Outbox.case_id).where(Outbox.status != SENT)
        with self._tx() as s:
            rows = s.scalars(
                select(Case)
                .where(
                    Case.updated_at < before,
                    Case.id.not_in(busy_mail),
                    Case.id.not_in(unsent),
                    or_(Case.purged_at.is_(None), Case.purged_at < Case.updated_at),
                )
                .order_by(Case.id)
            ).all()
            return [case_info(c) for c in rows]

    def purge_closed(self, before: dt.datetime, now: dt.datetime) -> PurgeReport:
        """Retention: delete the raw mails and documents of the cases closed before
        ``before`` (``closed_cases``), keeping every row (cases, verdicts with findings and
        decisions, attachments' metadata, messages, outbox).

        The rows are marked first (one transaction), the files deleted after: a crash in
        between leaves files that the next run deletes; never a row that points to nothing
        without saying so. A raw mail that another case (or a mail without a case) also
        refers to is kept."""
        cases = self.closed_cases(before)
        ids = [c.id for c in cases]
        purged_shas: set[str] = set()
        document_shas: list[str] = []
        if ids:
            with self._tx() as s:
                purged_shas = _raws_only_of(s, ids)
                s.execute(
                    update(RawMail)
                    .where(RawMail.sha256.in_(purged_shas), RawMail.purged_at.is_(None))
                    .values(purged_at=now, content=None, encrypted=False)
                )
                s.execute(update(Case).where(Case.id.in_(ids)).values(purged_at=now))
                document_shas = redact_cases(s, ids, self.vault)
        raw_files, document_files = self._delete_raw_files(), self._delete_document_folders()
        if raw_files or document_files:
            fsync_dir(self.raw_dir)
        if ids:
            self._checkpoint()
        return PurgeReport(
            cases=[c.number for c in cases],
            raw_files=raw_files,
            document_files=document_files,
            raw_sha256s=sorted(purged_shas),
            document_sha256s=document_shas,
        )

    def _delete_raw_files(self) -> int:
        """The files of the purged raw mails: this run's and any a crash left behind."""
        deleted = 0
        for sha in self.purged_raws():
            path = self.raw_path(sha)
            for candidate in (path.with_name(path.name + ".enc"), path):
                if candidate.exists():
                    candidate.unlink()
                    deleted += 1
        return deleted

    def _delete_document_folders(self) -> int:
        """The document folders of the purged cases; how many files they held."""
        deleted = 0
        for number in self._purged_case_numbers():
            folder = self.documents_dir / number
            if folder.is_dir():
                deleted += sum(1 for p in folder.rglob("*") if p.is_file())
                shutil.rmtree(folder)
        return deleted

    def _checkpoint(self) -> None:
        """SQLite: the write-ahead log folded into the file and emptied, so the rows as
        they were before retention are not left in it."""
        if self.is_postgres:
            return
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()

    def _purged_case_numbers(self) -> list[str]:
        """Cases purged with no mail since (their documents folder must not exist)."""
        with self._tx() as s:
            return list(
                s.scalars(
                    select(Case.number).where(
                        Case.purged_at.is_not(None), Case.purged_at >= Case.updated_at
                    )
                )
            )
