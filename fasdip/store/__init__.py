"""The case store (SQLAlchemy 2; SQLite by default, PostgreSQL by URL; Alembic migrations)."""

from fasdip.store.attention import ATTENTION_KINDS, AttentionItem
from fasdip.store.cases import CASE_NUMBER, identity_digest
from fasdip.store.engine import database_url, masked_url
from fasdip.store.records import (
    CaseInfo,
    CommitResult,
    LostClaimError,
    MailRecord,
    OutboxItem,
    PollRecord,
    ProofFile,
    PurgeReport,
    QueueFigures,
    StoredAttachment,
    StoredVerdict,
    ThreadHints,
)
from fasdip.store.store import Store
from fasdip.store.vault import Vault, VaultError

__all__ = [
    "ATTENTION_KINDS",
    "CASE_NUMBER",
    "AttentionItem",
    "CaseInfo",
    "CommitResult",
    "LostClaimError",
    "MailRecord",
    "OutboxItem",
    "PollRecord",
    "ProofFile",
    "PurgeReport",
    "QueueFigures",
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
