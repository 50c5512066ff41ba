"""The case store (SQLAlchemy 2; SQLite by default, PostgreSQL by URL; Alembic migrations)."""

from fasdip.store.store import (
    CASE_NUMBER,
    CaseInfo,
    CommitResult,
    LostClaimError,
    MailRecord,
    OutboxItem,
    Store,
    StoredAttachment,
    StoredVerdict,
    ThreadHints,
    database_url,
    identity_digest,
    masked_url,
)

__all__ = [
    "CASE_NUMBER",
    "CaseInfo",
    "CommitResult",
    "LostClaimError",
    "MailRecord",
    "OutboxItem",
    "Store",
    "StoredAttachment",
    "StoredVerdict",
    "ThreadHints",
    "database_url",
    "identity_digest",
    "masked_url",
]
