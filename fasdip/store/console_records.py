"""What the store hands the officers' console: frozen records, never ORM objects."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

# A quarantined mail an officer dealt with by hand: never claimed again.
HANDLED = "handled"
# Where an officer put a case.
ENTERED, CLOSED = "entered", "closed"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OfficerRecord(_Out):
    id: int
    name: str
    password_hash: str
    failed_signins: int
    last_failed_at: dt.datetime | None


class CorrectionRecord(_Out):
    id: int
    case_id: int
    kind: str  # document_type, applicant, field, confirm
    sha256: str
    field: str
    value: str  # plain (unsealed)
    officer: str
    at: dt.datetime


class AuditEntry(_Out):
    case_id: int | None
    mail_id: int | None
    officer: str
    action: str
    detail: str
    at: dt.datetime


class NoteRecord(_Out):
    officer: str
    text: str
    at: dt.datetime


class CaseMarkRecord(_Out):
    case_id: int
    state: str
    officer: str
    at: dt.datetime


class QuarantinedMail(_Out):
    id: int
    case_id: int | None
    message_id: str | None
    raw_sha256: str | None
    attempts: int
    last_error: str | None
    received_at: dt.datetime
