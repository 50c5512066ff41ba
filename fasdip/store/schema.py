"""The store's tables (SQLAlchemy 2 typed ORM). Only ``fasdip.store`` sees these classes.

Changing a table means a new Alembic revision in ``migrations/versions``: the schema of a
running office is only ever changed by a migration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class RawMail(Base):
    """A raw email as received: the bytes are in ``var/raw/`` under their sha256 (of the
    plain bytes; ``<sha256>.eml.enc`` when sealed, see ``fasdip.store.vault``)."""

    __tablename__ = "raw_mails"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    path: Mapped[str] = mapped_column(String(500))
    # On PostgreSQL the bytes are also kept here: several workers on several machines
    # must read each other's mails (SQLite has one machine: the file is enough).
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    stored_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # ``content`` is sealed with protection.encryption_key (the file says so by its name).
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Retention deleted the bytes (file and ``content``) of a closed case; the row stays.
    purged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class Mail(Base):
    """One mail of a source: the unit of work, its claim and its state."""

    __tablename__ = "mails"
    __table_args__ = (
        UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mails_key"),
        Index("ix_mails_second_key", "message_id", "raw_sha256"),
        Index("ix_mails_due", "status", "next_try_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account: Mapped[str] = mapped_column(String(320))
    folder: Mapped[str] = mapped_column(String(500))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[str] = mapped_column(String(200))
    message_id: Mapped[str | None] = mapped_column(String(998))
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("raw_mails.sha256"))
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    # new, claimed, retry, done, duplicate, quarantined
    status: Mapped[str] = mapped_column(String(20))
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("mails.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claim_expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    done_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    acked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class Attempt(Base):
    """One try at a mail: written when the claim is taken, closed with its outcome."""

    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("mails.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    outcome: Mapped[str | None] = mapped_column(String(20))  # done, retry, quarantined, abandoned
    error: Mapped[str | None] = mapped_column(Text)


class CaseSequence(Base):
    """The last case number given in a year."""

    __tablename__ = "case_sequences"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    sender: Mapped[str] = mapped_column(String(320), index=True)
    subject_key: Mapped[str] = mapped_column(String(500))
    # The mission it belongs to (registry key; ``address:<sender>`` for an unknown sender;
    # "" for cases opened before threading knew missions), and its request type once judged.
    mission: Mapped[str] = mapped_column(String(340), default="", index=True)
    request_type: Mapped[str] = mapped_column(String(40), default="")
    # Why this mail was kept out of the case it named (spoofed, another mission's): the
    # case holds that one mail, for the officers; ``None`` for an ordinary case.
    suspicious: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    decision: Mapped[str | None] = mapped_column(String(40))
    # When retention last deleted the case's raw mails and documents (its record stays).
    purged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class Message(Base):
    """A message of a case, in or out: what threading looks up by Message-ID."""

    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("mails.id"))
    direction: Mapped[str] = mapped_column(String(3))  # in, out
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    sender: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class VerdictRow(Base):
    __tablename__ = "verdicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("mails.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    decision: Mapped[str] = mapped_column(String(40))
    reply_withheld: Mapped[str | None] = mapped_column(Text)  # why no reply was queued
    verdict_json: Mapped[str] = mapped_column(Text)  # "" when sealed or redacted
    # With protection.encryption_key: the verdict JSON sealed (it names applicants and
    # holds their passport numbers and NIKs); ``verdict_json`` is then empty.
    verdict_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Outbox(Base):
    """One reply to send: sent, or retried with back-off; never dropped."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_try_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("mails.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    sender: Mapped[str] = mapped_column(String(320))
    recipients: Mapped[str] = mapped_column(Text)  # comma-separated addresses
    content: Mapped[bytes] = mapped_column(LargeBinary)  # the whole RFC 5322 message
    status: Mapped[str] = mapped_column(String(20))  # pending, sending, sent
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claim_expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class SourceCursor(Base):
    """Where incremental reading of a source folder stands (IMAP: UIDVALIDITY + last UID)."""

    __tablename__ = "source_cursors"
    account: Mapped[str] = mapped_column(String(320), primary_key=True)
    folder: Mapped[str] = mapped_column(String(500), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)


class CaseIdentity(Base):
    """A passport number or NIK seen in a case, as a sha256 digest (never the number):
    threading's fallback finds the case of the same applicant from the same sender."""

    __tablename__ = "case_identities"
    __table_args__ = (UniqueConstraint("case_id", "digest", name="uq_case_identity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), index=True)
    # An HMAC with the identity key (``protection.encryption_key`` set), or a plain sha256
    # written before a key was set (``fasdip protect`` keys those).
    keyed: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class AttachmentRow(Base):
    """One document of a mail as the triage saw it (its bytes stay in the raw mail)."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("mail_id", "key", name="uq_attachment"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("mails.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    key: Mapped[str] = mapped_column(String(32))  # "a2" (the verdict's attachment id)
    filename: Mapped[str] = mapped_column(String(255))  # display text, never a path
    document_type: Mapped[str] = mapped_column(String(40))
    detected_format: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)


class ProofRow(Base):
    """A registration proof PDF, made with the verdict and attached to the reply that
    carries it (``outbox_id``); ``content`` is sealed with protection.encryption_key."""

    __tablename__ = "proofs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("mails.id"))
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))  # Bukti-Pendaftaran-<case>[-n].pdf
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    sha256: Mapped[str] = mapped_column(String(64))  # of the plain PDF
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ServicePoll(Base):
    """The last poll of each running service (``worker``): what ``fasdip status`` reads
    to tell whether a service is alive and how its last poll went."""

    __tablename__ = "service_polls"
    worker: Mapped[str] = mapped_column(String(200), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())  # the service's start
    polled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    ok: Mapped[bool] = mapped_column(Boolean)
    summary: Mapped[str] = mapped_column(Text)  # the poll's one log line (figures, errors)


class Lease(Base):
    """A job that runs once per office however many services share the store (digest,
    purge): the service that takes the lease for a slot (a day) runs it; the others skip."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    done_slot: Mapped[str] = mapped_column(String(40), default="")  # the last slot run
    done_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
