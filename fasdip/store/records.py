"""What the store hands out: frozen pydantic records, never ORM objects.

Also the states a mail and an outbox row go through, ``LostClaimError``, and the small
functions that turn a row into its record.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from fasdip.store.schema import Case, Mail, Outbox
from ingest.source import MailKey

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
    mission: str = ""
    request_type: str = ""
    suspicious: str | None = None  # why its mail was kept out of the case it named
    new: bool = False  # opened by this call


class ThreadHints(_Out):
    """What threading looks at: the headers, the sender's standing and what the mail's
    first reading found (its applicants' identities and its request type)."""

    sender: str
    mission: str = ""  # registry key, or ``address:<sender>`` for a sender it does not know
    distrust: str | None = None  # why the sender is not believed (failed authentication)
    subject_key: str  # the subject without Re:/Fwd: and case numbers, folded
    case_numbers: list[str] = Field(default_factory=list)  # from the subject
    message_ids: list[str] = Field(default_factory=list)  # In-Reply-To, then References
    message_id: str | None = None  # of this mail
    subject: str = ""
    # Per applicant of the mail, the digests of its passport number, NIK and name
    # (``identity_digest``); threading joins a case only when they all belong to it.
    applicants: list[list[str]] = Field(default_factory=list)
    request_type: str = ""  # "" when the mail brings no recognised request of its own
    year: int  # for a new case number (Jakarta date)
    window_days: int = 30


class OutboxItem(_Out):
    id: int
    case_id: int
    case_number: str  # the case the reply belongs to (never read back from its Message-ID)
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


class ProofFile(_Out):
    """A registration proof PDF as the mission gets it: its attachment name and bytes."""

    filename: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,250}\.pdf$")
    content: bytes = Field(repr=False)


class CommitResult(_Out):
    outbox_message_id: str | None


class PurgeReport(_Out):
    """What one retention run deleted (the case records stay)."""

    cases: list[str] = Field(default_factory=list)  # case numbers purged this time
    raw_files: int = 0
    document_files: int = 0
    raw_sha256s: list[str] = Field(default_factory=list)  # the raw mails deleted this time
    document_sha256s: list[str] = Field(default_factory=list)  # their readings go too


class LostClaimError(Exception):
    """The mail's claim was taken over (expired): this worker must not commit it."""


def mail_record(row: Mail) -> MailRecord:
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


def case_info(row: Case, *, new: bool = False) -> CaseInfo:
    return CaseInfo(
        id=row.id,
        number=row.number,
        sender=row.sender,
        opened_at=row.opened_at,
        decision=row.decision,
        mission=row.mission,
        request_type=row.request_type,
        suspicious=row.suspicious,
        new=new,
    )


def outbox_item(row: Outbox, case_number: str) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        case_id=row.case_id,
        case_number=case_number,
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


class PollRecord(_Out):
    """A service's last poll as the store keeps it (``fasdip status``)."""

    worker: str
    started_at: dt.datetime
    polled_at: dt.datetime
    ok: bool
    summary: str


class QueueFigures(_Out):
    """The work queues at one moment (``fasdip status``, ``/healthz``)."""

    claimed: int = 0
    retrying: int = 0
    quarantined: int = 0
    outbox_waiting: int = 0  # replies not sent yet
    outbox_stuck: int = 0  # of those, waiting since before the stuck limit
    oldest_unanswered_at: dt.datetime | None = None  # received, not judged and committed yet
    polls: list[PollRecord] = Field(default_factory=list)  # one per service, newest first
