"""Where mail comes from: the interface every mail source shares (IMAP, a local folder).

A source only lists and fetches mail and, when the mail is safely processed, marks it
(``acknowledge``). It keeps no state of its own: where reading stands (the ``Cursor``) and
which mails are done live in the store, so a source is reopened freely after a crash.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field


class MailKey(BaseModel):
    """The first key of a mail: (account, folder, UIDVALIDITY, UID).

    For IMAP ``uid`` is the UID as text; a local folder uses UIDVALIDITY 0 and the
    sha256 of the file as ``uid``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    account: str
    folder: str
    uidvalidity: int
    uid: str


class Cursor(BaseModel):
    """How far incremental reading got: mails with a UID above ``last_uid`` are new."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    uidvalidity: int = 0
    last_uid: int = 0


class FetchedMail(BaseModel):
    """One new mail: its raw bytes, or ``None`` with ``problem`` when it was not downloaded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: MailKey
    size: int
    raw: bytes | None = Field(default=None, repr=False)
    problem: str | None = None  # "too_large: 52000000 bytes (limit 40000000)"


class SourceError(Exception):
    """The source could not be read (server down, timeout, login refused)."""


class MailSource(Protocol):
    account: str
    folder: str

    def fetch_new(self, cursor: Cursor | None) -> Iterator[list[FetchedMail]]:
        """New mails in batches, oldest first; the store advances the cursor per batch."""
        ...

    def acknowledge(self, keys: Sequence[MailKey]) -> list[MailKey]:
        """Mark mails as processed (keyword / move); returns the keys it could mark."""
        ...

    def check(self) -> None:
        """Reach the mailbox now (sign in, open the folder); ``SourceError`` says why not."""
        ...

    def close(self) -> None: ...
