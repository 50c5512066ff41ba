"""Readings of identity documents kept by the document's sha256, so none is read twice.

The newest ``entries`` readings are kept in memory. With a ``path`` they are also kept in
a small SQLite file that every worker process of the service shares and that outlives a
restart: a follow-up mail judged by another worker, or after the service restarted, does
not OCR again a passport or KTP the case already sent. The file holds identity numbers:
it is created with mode 0600 and readings older than ``max_age_days`` are deleted when
it is opened. The offline ``fasdip triage`` keeps readings in memory only (it writes no
file). With a ``sealer`` that encrypts (``protection.encryption_key``), each reading is
written sealed (a BLOB; plain readings written before stay readable as TEXT), and a sealed
reading that this process cannot open is read again instead. ``forget`` deletes the
readings of given documents (retention).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fasdip.errors import ConfigError

if TYPE_CHECKING:
    import sqlite3  # imported when a file is opened: `fasdip triage` keeps none


class Sealer(Protocol):
    """Encryption at rest (``fasdip.store.vault.Vault``)."""

    @property
    def encrypting(self) -> bool: ...

    def seal(self, data: bytes) -> bytes: ...

    def unseal(self, blob: bytes, where: str) -> bytes: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS readings (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID
"""


class ReadingCache:
    """``get``/``put`` JSON text by (kind, key); memory first, then the shared file."""

    def __init__(
        self,
        entries: int = 2048,
        path: Path | None = None,
        max_age_days: int = 90,
        sealer: Sealer | None = None,
    ) -> None:
        self._sealer = sealer if sealer is not None and sealer.encrypting else None
        self._entries = entries
        self._memory: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._path = path
        self._max_age_days = max_age_days
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def get(self, kind: str, key: str) -> str | None:
        found = self._memory.get((kind, key))
        if found is None and self._path is not None:
            row = (
                self._connection()
                .execute("SELECT value FROM readings WHERE kind = ? AND key = ?", (kind, key))
                .fetchone()
            )
            found = self._plain(row[0], kind, key) if row else None
        if found is not None:
            self._keep(kind, key, found)
        return found

    def put(self, kind: str, key: str, value: str, *, persist: bool = True) -> None:
        """Keep ``value``; ``persist=False``: in this process's memory only (free text of a
        document, which the file, unsealed, must not hold)."""
        self._keep(kind, key, value)
        if self._path is not None and persist:
            stored: str | bytes = value
            if self._sealer is not None:
                stored = self._sealer.seal(value.encode())
            self._connection().execute(
                "INSERT OR REPLACE INTO readings VALUES (?, ?, ?, ?)", (kind, key, stored, _now())
            )

    def clear_memory(self) -> None:
        """Drop every reading kept in memory (the file keeps its own): a bench costing
        each mail as if it were the first."""
        self._memory.clear()

    def forget(self, documents: Iterable[str]) -> int:
        """Delete the readings of these documents (sha256; a key may add ``:…`` after it,
        as a passport's reading date), in memory and in the file."""
        wanted = set(documents)
        for entry in [e for e in self._memory if e[1].split(":")[0] in wanted]:
            del self._memory[entry]
        if self._path is None or not wanted or not self._path.exists():
            return 0
        db = self._connection()
        deleted = 0
        for sha in sorted(wanted):
            cursor = db.execute(
                "DELETE FROM readings WHERE key = ? OR key LIKE ?", (sha, f"{sha}:%")
            )
            deleted += cursor.rowcount
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no old row left in the log
        return deleted

    def forget_unsealed(self) -> int:
        """Delete the readings the file holds in clear (written before a key was set:
        ``fasdip protect``); they are read again from their documents when needed."""
        if self._path is None or not self._path.exists():
            return 0
        db = self._connection()
        deleted = db.execute("DELETE FROM readings WHERE typeof(value) = 'text'").rowcount
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no old row left in the log
        return int(deleted)

    def _plain(self, stored: object, kind: str, key: str) -> str | None:
        """The reading's JSON text; a sealed one without a key to open it: ``None``."""
        if isinstance(stored, bytes):
            if self._sealer is None:
                return None  # sealed by a process with the key: read the document again
            return self._sealer.unseal(stored, f"{self._path}: {kind} reading {key}").decode()
        return str(stored)

    def _keep(self, kind: str, key: str, value: str) -> None:
        self._memory[(kind, key)] = value
        self._memory.move_to_end((kind, key))
        while len(self._memory) > self._entries:
            self._memory.popitem(last=False)

    def _connection(self) -> sqlite3.Connection:
        """This process's connection (a worker opens its own after it starts)."""
        assert self._path is not None
        if self._db is None or self._pid != os.getpid():
            self._db = self._open(self._path)
            self._pid = os.getpid()
        return self._db

    def _open(self, path: Path) -> sqlite3.Connection:
        import sqlite3

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA secure_delete=ON")  # deleted readings are zeroed in the file
            db.execute(_SCHEMA)
            oldest = (dt.datetime.now(dt.UTC) - dt.timedelta(days=self._max_age_days)).isoformat()
            db.execute("DELETE FROM readings WHERE read_at < ?", (oldest,))
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"{path}: cannot open the readings cache ({exc}); check that the store "
                "folder (store.var_dir) is writable"
            ) from exc
        return db


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
