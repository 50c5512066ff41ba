"""The case store (SQLAlchemy 2; SQLite by default, PostgreSQL by URL; Alembic migrations)."""

from fasdip.store.store import (
    CASE_NUMBER,
    CaseInfo,
    CommitResult,
    LostClaimError,
    MailRecord,
    OutboxItem,
    PurgeReport,
    Store,
    StoredAttachment,
    StoredVerdict,
    ThreadHints,
    database_url,
    identity_digest,
    masked_url,
)
from fasdip.store.vault import Vault, VaultError

__all__ = [
    "CASE_NUMBER",
    "CaseInfo",
    "CommitResult",
    "LostClaimError",
    "MailRecord",
    "OutboxItem",
    "PurgeReport",
    "Store",
    "StoredAttachment",
    "StoredVerdict",
    "ThreadHints",
    "Vault",
    "VaultError",
    "database_url",
    "identity_digest",
    "masked_url",
]
