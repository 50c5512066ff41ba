"""The case store: raw mails, claims, attempts, cases, messages, verdicts and the outbox.

``Store`` is the only interface: typed methods that take and return pydantic models, never
ORM objects. Every method is one transaction.

Claims: a mail (and an outbox row) is claimed by writing ``claimed_by`` and an expiry in a
transaction of its own before any work on it. On PostgreSQL the candidate rows are read with
``SELECT … FOR UPDATE SKIP LOCKED``, so two workers never take the same row; on SQLite every
transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time), which gives the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, create_engine, event, func, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from config.settings import ProtectionSettings, StoreSettings
from fasdip.errors import ConfigError
from fasdip.models import AttachmentVerdict
from fasdip.store.schema import (
    AttachmentRow,
    Attempt,
    Case,
    CaseIdentity,
    CaseSequence,
    Mail,
    Message,
    Outbox,
    RawMail,
    SourceCursor,
    VerdictRow,
)
from fasdip.store.vault import Vault, fsync_dir
from ingest.source import Cursor, MailKey

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CASE_NUMBER = re.compile(r"\bFASDIP-(\d{4})-(\d{6})\b")

# Mail states.
NEW, CLAIMED, RETRY, DONE, DUPLICATE, QUARANTINED = (
    "new",
    "claimed",
    "retry",
    "done",
    "duplicate",
    "quarantined",
)
# Outbox states.
PENDING, SENDING, SENT = "pending", "sending", "sent"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MailRecord(_Out):
    id: int
    key: MailKey
    message_id: str | None
    raw_sha256: str | None
    status: str
    attempts: int
    case_id: int | None
    duplicate_of: int | None
    last_error: str | None
    acked: bool


class CaseInfo(_Out):
    id: int
    number: str
    sender: str
    opened_at: dt.datetime
    decision: str | None
    new: bool = False  # opened by this call


class ThreadHints(_Out):
    """What threading looks at, read from the headers before any work."""

    sender: str
    subject_key: str  # the subject without Re:/Fwd: and case numbers, folded
    case_numbers: list[str] = Field(default_factory=list)  # from the subject
    message_ids: list[str] = Field(default_factory=list)  # In-Reply-To, then References
    message_id: str | None = None  # of this mail
    subject: str = ""
    identities: list[str] = Field(default_factory=list)  # passport/NIK digests (identity_digest)
    year: int  # for a new case number (Jakarta date)
    window_days: int = 30


class OutboxItem(_Out):
    id: int
    case_id: int
    mail_id: int
    message_id: str
    kind: str
    sender: str
    recipients: list[str]
    content: bytes = Field(repr=False)
    status: str
    tries: int
    next_try_at: dt.datetime
    last_error: str | None
    sent_at: dt.datetime | None


class StoredVerdict(_Out):
    mail_id: int
    case_id: int
    decision: str
    reply_withheld: str | None
    verdict_json: str


class StoredAttachment(_Out):
    mail_id: int
    key: str
    filename: str
    document_type: str
    detected_format: str
    size: int
    sha256: str


class CommitResult(_Out):
    outbox_message_id: str | None


class PurgeReport(_Out):
    """What one retention run deleted (the case records stay)."""

    cases: list[str] = Field(default_factory=list)  # case numbers purged this time
    raw_files: int = 0
    document_files: int = 0


class LostClaimError(Exception):
    """The mail's claim was taken over (expired): this worker must not commit it."""


def identity_digest(kind: str, value: str) -> str:
    """``passport``/``nik`` + number -> sha256: the store never keeps the number itself."""
    normal = "".join(value.split()).upper()
    return hashlib.sha256(f"{kind}:{normal}".encode()).hexdigest()


def database_url(settings: StoreSettings) -> str:
    if not settings.url:
        return f"sqlite:///{settings.var_dir / 'fasdip.sqlite3'}"
    url = make_url(settings.url)
    if settings.password.get_secret_value():
        url = url.set(password=settings.password.get_secret_value())
    return url.render_as_string(hide_password=False)


def masked_url(settings: StoreSettings) -> str:
    return make_url(database_url(settings)).render_as_string(hide_password=True)


def backoff(tries: int, base: float, cap: float) -> dt.timedelta:
    """60 s, 120 s, 240 s … up to ``cap``: the wait after the ``tries``-th failure."""
    return dt.timedelta(seconds=min(base * (2 ** max(tries - 1, 0)), cap))


class Store:
    def __init__(
        self,
        engine: Engine,
        settings: StoreSettings,
        *,
        worker: str,
        raw_dir: Path,
        vault: Vault | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.worker = worker
        self.raw_dir = raw_dir
        self.documents_dir = settings.var_dir / "documents"
        self.vault = vault or Vault()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.is_postgres = engine.dialect.name == "postgresql"

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        settings: StoreSettings,
        *,
        worker: str,
        protection: ProtectionSettings | None = None,
    ) -> Store:
        """Connect, apply the migrations up to the newest, make the raw-mail folder.

        ``protection`` (file mode, encryption key) applies to the files the store writes
        and reads; without it, mode 0600 and no encryption (see ``protect``). With it, a
        key that cannot read the sealed raw mails stops here (``VaultError``, one line)."""
        url = database_url(settings)
        raw_dir = settings.var_dir / "raw"
        vault = Vault.from_settings(protection) if protection is not None else Vault()
        try:
            settings.var_dir.mkdir(parents=True, exist_ok=True)
            vault.make_dirs(raw_dir)
            vault.tighten(raw_dir)
            vault.tighten(settings.var_dir / "documents")
        except OSError as exc:
            raise ConfigError(f"store.var_dir: cannot create {raw_dir} ({exc.strerror})") from exc
        if protection is not None:
            vault.check_key(raw_dir)
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 60})
            _sqlite_immediate(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        try:
            migrate(engine)
        except Exception as exc:
            raise ConfigError(
                f"store.url: cannot open the store {masked_url(settings)} ({exc})".replace(
                    "\n", " "
                )
            ) from exc
        store = cls(engine, settings, worker=worker, raw_dir=raw_dir, vault=vault)
        if protection is not None:
            store._protect_database()
        return store

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

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def _locked(self, stmt: Any) -> Any:
        return stmt.with_for_update(skip_locked=True) if self.is_postgres else stmt

    # ------------------------------------------------------------------ raw mail

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

    # ------------------------------------------------------------------ intake

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
            return _mail(row) if row else None

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
                        return _mail(row)
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
                    return _mail(row)
            except IntegrityError:  # another worker recorded the same key just now
                continue
        raise RuntimeError(f"cannot record mail {key}")

    # ------------------------------------------------------------------ claims

    def release_own_claims(self, now: dt.datetime) -> int:
        """At start-up: claims this worker held when it stopped are free again."""
        with self._tx() as s:
            held = s.scalars(
                select(Mail.id).where(Mail.status == CLAIMED, Mail.claimed_by == self.worker)
            ).all()
            s.execute(
                update(Mail)
                .where(Mail.id.in_(held))
                .values(status=RETRY, next_try_at=now, claimed_by=None, claim_expires_at=None)
            )
            s.execute(
                update(Attempt)
                .where(Attempt.worker == self.worker, Attempt.finished_at.is_(None))
                .values(finished_at=now, outcome="abandoned", error="worker stopped")
            )
            s.execute(
                update(Outbox)
                .where(Outbox.status == SENDING, Outbox.claimed_by == self.worker)
                .values(status=PENDING, claimed_by=None, claim_expires_at=None)
            )
            return len(held)

    def claim_next(self, now: dt.datetime) -> MailRecord | None:
        """Take the oldest due mail (a row written before any work), or ``None``.

        A mail whose tries ran out without an answer (the worker died on it each time,
        e.g. a file that crashes the process) is quarantined here instead of taken again.
        """
        timeout = dt.timedelta(seconds=self.settings.claim_timeout_seconds)
        due = or_(
            Mail.status.in_([NEW, RETRY]) & (Mail.next_try_at <= now),
            (Mail.status == CLAIMED) & (Mail.claim_expires_at < now),
        )
        with self._tx() as s:
            while True:
                row = s.scalars(
                    self._locked(select(Mail).where(due).order_by(Mail.id).limit(1))
                ).first()
                if row is None:
                    return None
                if row.status == CLAIMED:  # a worker died holding it: its try counts
                    s.execute(
                        update(Attempt)
                        .where(Attempt.mail_id == row.id, Attempt.finished_at.is_(None))
                        .values(finished_at=now, outcome="abandoned", error="claim expired")
                    )
                if row.attempts >= self.settings.max_attempts:
                    row.status, row.claimed_by, row.claim_expires_at = QUARANTINED, None, None
                    row.last_error = row.last_error or f"{row.attempts} tries ended unfinished"
                    s.flush()
                    continue
                row.status = CLAIMED
                row.claimed_by = self.worker
                row.claim_expires_at = now + timeout
                row.attempts += 1
                s.add(
                    Attempt(mail_id=row.id, number=row.attempts, worker=self.worker, started_at=now)
                )
                s.flush()
                return _mail(row)

    def fail(self, mail_id: int, error: str, now: dt.datetime) -> MailRecord:
        """A try failed: retry after a back-off, or quarantine after ``max_attempts``."""
        with self._tx() as s:
            row = s.get_one(Mail, mail_id)
            quarantine = row.attempts >= self.settings.max_attempts
            row.status = QUARANTINED if quarantine else RETRY
            row.last_error = error[:2000]
            row.claimed_by, row.claim_expires_at = None, None
            row.next_try_at = now + backoff(
                row.attempts, self.settings.retry_base_seconds, self.settings.retry_max_seconds
            )
            _finish_attempt(s, mail_id, now, row.status, error)
            s.flush()
            return _mail(row)

    # ------------------------------------------------------------------ cases and threading

    def assign_case(self, mail_id: int, hints: ThreadHints, now: dt.datetime) -> CaseInfo:
        """The mail's case: the one it already has, the one it threads to, or a new one."""
        with self._tx() as s:
            mail = s.get_one(Mail, mail_id)
            if mail.case_id is not None:
                return _case(s.get_one(Case, mail.case_id))
            case = self._thread(s, hints, now)
            new = case is None
            if case is None:
                case = Case(
                    number=self._next_number(s, hints.year),
                    sender=hints.sender,
                    subject_key=hints.subject_key[:500],
                    opened_at=now,
                    updated_at=now,
                )
                s.add(case)
                s.flush()
            mail.case_id = case.id
            s.add(
                Message(
                    case_id=case.id,
                    mail_id=mail_id,
                    direction="in",
                    message_id=hints.message_id,
                    sender=hints.sender,
                    subject=hints.subject,
                    at=now,
                )
            )
            s.flush()
            return _case(case, new=new)

    def _thread(self, s: Session, hints: ThreadHints, now: dt.datetime) -> Case | None:
        for number in hints.case_numbers:
            case = s.scalar(select(Case).where(Case.number == number))
            if case is not None:
                return case
        if hints.message_ids:
            found = s.execute(
                select(Message.message_id, Message.case_id).where(
                    Message.message_id.in_(hints.message_ids)
                )
            ).all()
            by_id: dict[str | None, int] = {row[0]: row[1] for row in found}
            for mid in hints.message_ids:  # In-Reply-To first, then References
                if mid in by_id:
                    return s.get(Case, by_id[mid])
        since = now - dt.timedelta(days=hints.window_days)
        if hints.sender and hints.identities and hints.window_days > 0:
            case = s.scalars(
                select(Case)
                .join(CaseIdentity, CaseIdentity.case_id == Case.id)
                .where(
                    CaseIdentity.digest.in_(hints.identities),
                    Case.sender == hints.sender,
                    Case.updated_at >= since,
                )
                .order_by(Case.updated_at.desc())
                .limit(1)
            ).first()
            if case is not None:
                return case
        if hints.sender and hints.subject_key and hints.window_days > 0:
            return s.scalars(
                select(Case)
                .where(
                    Case.sender == hints.sender,
                    Case.subject_key == hints.subject_key[:500],
                    Case.updated_at >= since,
                )
                .order_by(Case.updated_at.desc())
                .limit(1)
            ).first()
        return None

    def _next_number(self, s: Session, year: int) -> str:
        seq = s.scalars(
            select(CaseSequence).where(CaseSequence.year == year).with_for_update()
            if self.is_postgres
            else select(CaseSequence).where(CaseSequence.year == year)
        ).first()
        if seq is None:
            try:
                with s.begin_nested():
                    seq = CaseSequence(year=year, last=0)
                    s.add(seq)
            except IntegrityError:  # another worker opened the year's sequence
                seq = s.scalars(
                    select(CaseSequence).where(CaseSequence.year == year).with_for_update()
                ).one()
        seq.last += 1
        s.flush()
        return f"FASDIP-{year}-{seq.last:06d}"

    def case(self, case_id: int) -> CaseInfo:
        with self._tx() as s:
            return _case(s.get_one(Case, case_id))

    def cases(self) -> list[CaseInfo]:
        with self._tx() as s:
            return [_case(c) for c in s.scalars(select(Case).order_by(Case.id))]

    def earlier_raws(self, case_id: int, before_mail_id: int) -> list[bytes]:
        """Raw bytes of the case's earlier mails (done ones), oldest first."""
        with self._tx() as s:
            shas = s.scalars(
                select(Mail.raw_sha256)
                .join(RawMail, RawMail.sha256 == Mail.raw_sha256)
                .where(
                    Mail.case_id == case_id,
                    Mail.id < before_mail_id,
                    Mail.status == DONE,
                    RawMail.purged_at.is_(None),  # retention deleted it: judged without
                )
                .order_by(Mail.id)
            ).all()
        return [self.read_raw(sha) for sha in shas if sha]

    # ------------------------------------------------------------------ commit

    def replies_since(
        self,
        since: dt.datetime,
        *,
        sender: str | None = None,
        case_id: int | None = None,
        kind: str | None = None,
    ) -> int:
        """Replies queued since ``since`` to ``sender`` / in ``case_id`` / of ``kind``."""
        with self._tx() as s:
            query = select(func.count(Outbox.id)).where(Outbox.created_at >= since)
            if sender is not None:
                query = query.where(Outbox.recipients == sender)
            if case_id is not None:
                query = query.where(Outbox.case_id == case_id)
            if kind is not None:
                query = query.where(Outbox.kind == kind)
            return int(s.scalar(query) or 0)

    def commit(
        self,
        mail_id: int,
        *,
        decision: str,
        verdict_json: str,
        now: dt.datetime,
        reply: Callable[[str], tuple[str, list[str], bytes]] | None = None,
        reply_kind: str = "",
        withheld: str | None = None,
        message_id_domain: str = "fasdip.kemlu.go.id",
        identities: Sequence[str] = (),
        attachments: Sequence[AttachmentVerdict] = (),
    ) -> CommitResult:
        """Verdict, outbox row and the mail's ``done`` in one transaction.

        ``reply(message_id) -> (sender, recipients, message bytes)`` builds the reply with
        its deterministic Message-ID ``<FASDIP-2026-000123.r1@domain>``.
        """
        with self._tx() as s:
            mail = s.get_one(Mail, mail_id)
            if mail.status != CLAIMED or mail.claimed_by != self.worker or mail.case_id is None:
                raise LostClaimError(f"mail {mail_id} is no longer claimed by {self.worker}")
            case = s.get_one(Case, mail.case_id)
            s.add(
                VerdictRow(
                    mail_id=mail_id,
                    case_id=case.id,
                    decision=decision,
                    reply_withheld=withheld,
                    verdict_json=verdict_json,
                    created_at=now,
                )
            )
            message_id = None
            if reply is not None:
                count = s.scalar(select(func.count(Outbox.id)).where(Outbox.case_id == case.id))
                message_id = f"<{case.number}.r{int(count or 0) + 1}@{message_id_domain}>"
                sender, recipients, content = reply(message_id)
                s.add(
                    Outbox(
                        case_id=case.id,
                        mail_id=mail_id,
                        message_id=message_id,
                        kind=reply_kind,
                        sender=sender,
                        recipients=",".join(recipients),
                        content=content,
                        status=PENDING,
                        tries=0,
                        next_try_at=now,
                        created_at=now,
                    )
                )
                s.add(
                    Message(
                        case_id=case.id,
                        mail_id=mail_id,
                        direction="out",
                        message_id=message_id,
                        sender=sender,
                        subject="",
                        at=now,
                    )
                )
            known = set(
                s.scalars(select(CaseIdentity.digest).where(CaseIdentity.case_id == case.id))
            )
            for digest in dict.fromkeys(identities):
                if digest not in known:
                    s.add(CaseIdentity(case_id=case.id, digest=digest, at=now))
            for att in attachments:
                if "-" in att.id:  # an earlier mail's document, already stored with it
                    continue
                s.add(
                    AttachmentRow(
                        mail_id=mail_id,
                        case_id=case.id,
                        key=att.id,
                        filename=att.filename[:255],
                        document_type=att.document_type.value,
                        detected_format=att.detected_format.value,
                        size=att.size,
                        sha256=att.sha256,
                    )
                )
            case.decision, case.updated_at = decision, now
            mail.status, mail.done_at = DONE, now
            mail.claimed_by, mail.claim_expires_at, mail.last_error = None, None, None
            _finish_attempt(s, mail_id, now, DONE, None)
            return CommitResult(outbox_message_id=message_id)

    # ------------------------------------------------------------------ outbox

    def claim_outbox(self, now: dt.datetime, limit: int = 50) -> list[OutboxItem]:
        timeout = dt.timedelta(seconds=self.settings.claim_timeout_seconds)
        with self._tx() as s:
            due = or_(
                (Outbox.status == PENDING) & (Outbox.next_try_at <= now),
                (Outbox.status == SENDING) & (Outbox.claim_expires_at < now),
            )
            rows = s.scalars(
                self._locked(select(Outbox).where(due).order_by(Outbox.id).limit(limit))
            ).all()
            for row in rows:
                row.status, row.claimed_by = SENDING, self.worker
                row.claim_expires_at = now + timeout
            s.flush()
            return [_outbox(r) for r in rows]

    def mark_sent(self, outbox_id: int, now: dt.datetime) -> None:
        with self._tx() as s:
            row = s.get_one(Outbox, outbox_id)
            row.status, row.sent_at, row.tries = SENT, now, row.tries + 1
            row.claimed_by, row.claim_expires_at, row.last_error = None, None, None

    def mark_send_failed(self, outbox_id: int, error: str, now: dt.datetime) -> OutboxItem:
        """A failed send stays in the outbox, due again after a back-off: never lost."""
        with self._tx() as s:
            row = s.get_one(Outbox, outbox_id)
            row.tries += 1
            row.status, row.last_error = PENDING, error[:2000]
            row.claimed_by, row.claim_expires_at = None, None
            row.next_try_at = now + backoff(
                row.tries, self.settings.retry_base_seconds, self.settings.retry_max_seconds
            )
            s.flush()
            return _outbox(row)

    def outbox(self, case_id: int | None = None) -> list[OutboxItem]:
        with self._tx() as s:
            query = select(Outbox).order_by(Outbox.id)
            if case_id is not None:
                query = query.where(Outbox.case_id == case_id)
            return [_outbox(r) for r in s.scalars(query)]

    # ------------------------------------------------------------------ acknowledging

    def to_acknowledge(self, account: str, folder: str) -> list[MailRecord]:
        """Done (or duplicate) mails not yet acknowledged whose replies are all sent."""
        with self._tx() as s:
            unsent = select(Outbox.mail_id).where(Outbox.status != SENT)
            rows = s.scalars(
                select(Mail)
                .where(
                    Mail.account == account,
                    Mail.folder == folder,
                    Mail.status.in_([DONE, DUPLICATE]),
                    Mail.acked_at.is_(None),
                    Mail.id.not_in(unsent),
                )
                .order_by(Mail.id)
            ).all()
            return [_mail(r) for r in rows]

    def mark_acked(self, mail_ids: Sequence[int], now: dt.datetime) -> None:
        if not mail_ids:
            return
        with self._tx() as s:
            s.execute(update(Mail).where(Mail.id.in_(mail_ids)).values(acked_at=now))

    # ------------------------------------------------------------------ reading

    def mail(self, mail_id: int) -> MailRecord:
        with self._tx() as s:
            return _mail(s.get_one(Mail, mail_id))

    def mails(self) -> list[MailRecord]:
        with self._tx() as s:
            return [_mail(r) for r in s.scalars(select(Mail).order_by(Mail.id))]

    def attachments(self, case_id: int) -> list[StoredAttachment]:
        """The documents the case received, mail by mail, as the triage saw them."""
        with self._tx() as s:
            rows = s.scalars(
                select(AttachmentRow)
                .where(AttachmentRow.case_id == case_id)
                .order_by(AttachmentRow.id)
            )
            return [
                StoredAttachment(
                    mail_id=r.mail_id,
                    key=r.key,
                    filename=r.filename,
                    document_type=r.document_type,
                    detected_format=r.detected_format,
                    size=r.size,
                    sha256=r.sha256,
                )
                for r in rows
            ]

    def verdicts(self, case_id: int | None = None) -> list[StoredVerdict]:
        with self._tx() as s:
            query = select(VerdictRow).order_by(VerdictRow.id)
            if case_id is not None:
                query = query.where(VerdictRow.case_id == case_id)
            return [
                StoredVerdict(
                    mail_id=v.mail_id,
                    case_id=v.case_id,
                    decision=v.decision,
                    reply_withheld=v.reply_withheld,
                    verdict_json=v.verdict_json,
                )
                for v in s.scalars(query)
            ]

    def purged_raws(self) -> set[str]:
        """The sha256 of raw mails whose bytes retention deleted (their rows stay)."""
        with self._tx() as s:
            return set(s.scalars(select(RawMail.sha256).where(RawMail.purged_at.is_not(None))))

    # ------------------------------------------------------------------ retention

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
            return [_case(c) for c in rows]

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
        if ids:
            with self._tx() as s:
                shas = set(
                    s.scalars(
                        select(Mail.raw_sha256).where(
                            Mail.case_id.in_(ids), Mail.raw_sha256.is_not(None)
                        )
                    )
                )
                shared = set(
                    s.scalars(
                        select(Mail.raw_sha256).where(
                            Mail.raw_sha256.in_(shas),
                            or_(Mail.case_id.is_(None), Mail.case_id.not_in(ids)),
                        )
                    )
                )
                s.execute(
                    update(RawMail)
                    .where(RawMail.sha256.in_(shas - shared), RawMail.purged_at.is_(None))
                    .values(purged_at=now, content=None, encrypted=False)
                )
                s.execute(update(Case).where(Case.id.in_(ids)).values(purged_at=now))
        raw_files = 0
        for sha in self.purged_raws():  # this run's and any a crash left behind
            path = self.raw_path(sha)
            for candidate in (path.with_name(path.name + ".enc"), path):
                if candidate.exists():
                    candidate.unlink()
                    raw_files += 1
        document_files = 0
        for number in self._purged_case_numbers():
            folder = self.documents_dir / number
            if folder.is_dir():
                document_files += sum(1 for p in folder.rglob("*") if p.is_file())
                shutil.rmtree(folder)
        if raw_files or document_files:
            fsync_dir(self.raw_dir)
        return PurgeReport(
            cases=[c.number for c in cases], raw_files=raw_files, document_files=document_files
        )

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


# ---------------------------------------------------------------------- helpers


def migrate(engine: Engine) -> None:
    """Apply the Alembic migrations up to ``head`` (at every start; a no-op when current)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _sqlite_immediate(engine: Engine) -> None:
    """SQLite: one writer; every transaction takes the write lock when it begins."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below decide
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=FULL")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _by_key(key: MailKey) -> Any:
    return select(Mail).where(
        Mail.account == key.account,
        Mail.folder == key.folder,
        Mail.uidvalidity == key.uidvalidity,
        Mail.uid == key.uid,
    )


def _finish_attempt(
    s: Session, mail_id: int, now: dt.datetime, outcome: str, error: str | None
) -> None:
    s.execute(
        update(Attempt)
        .where(Attempt.mail_id == mail_id, Attempt.finished_at.is_(None))
        .values(finished_at=now, outcome=outcome, error=error[:2000] if error else None)
    )


def _mail(row: Mail) -> MailRecord:
    return MailRecord(
        id=row.id,
        key=MailKey(
            account=row.account, folder=row.folder, uidvalidity=row.uidvalidity, uid=row.uid
        ),
        message_id=row.message_id,
        raw_sha256=row.raw_sha256,
        status=row.status,
        attempts=row.attempts,
        case_id=row.case_id,
        duplicate_of=row.duplicate_of,
        last_error=row.last_error,
        acked=row.acked_at is not None,
    )


def _case(row: Case, *, new: bool = False) -> CaseInfo:
    return CaseInfo(
        id=row.id,
        number=row.number,
        sender=row.sender,
        opened_at=row.opened_at,
        decision=row.decision,
        new=new,
    )


def _outbox(row: Outbox) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        case_id=row.case_id,
        mail_id=row.mail_id,
        message_id=row.message_id,
        kind=row.kind,
        sender=row.sender,
        recipients=[r for r in row.recipients.split(",") if r],
        content=row.content,
        status=row.status,
        tries=row.tries,
        next_try_at=row.next_try_at,
        last_error=row.last_error,
        sent_at=row.sent_at,
    )
