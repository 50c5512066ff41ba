"""The officers' console's tables (SQLAlchemy 2 typed ORM), on the store's ``Base``.

Officers and their sign-in state, the corrections officers make to the machine's reading
of a case, the audit trail, internal notes, and where an officer put a case (entered into
the system, closed). Changed only by an Alembic revision (``0005_console``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fasdip.store.schema import Base, UtcDateTime


class Officer(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, "" for SSO-only
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    failed_signins: Mapped[int] = mapped_column(Integer, default=0)  # in a row
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class CorrectionRow(Base):
    """What an officer says of a document of a case; the latest per target wins."""

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_case", "case_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(30))  # document_type, applicant, field, confirm
    sha256: Mapped[str] = mapped_column(String(64))  # the document, by its content
    field: Mapped[str] = mapped_column(String(40), default="")  # "passport.surname"
    value: Mapped[str] = mapped_column(Text)  # sealed when protection.encryption_key is set
    officer: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class AuditRow(Base):
    """Who did what and when (never the personal numbers themselves)."""

    __tablename__ = "audit_trail"
    __table_args__ = (Index("ix_audit_case", "case_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("mails.id"))
    officer: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class NoteRow(Base):
    __tablename__ = "case_notes"
    __table_args__ = (Index("ix_case_notes_case", "case_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    officer: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class CaseMark(Base):
    """Where an officer put a case: ``entered`` into the system, or ``closed``."""

    __tablename__ = "case_marks"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    officer: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
