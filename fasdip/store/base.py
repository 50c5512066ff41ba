"""What every part of ``Store`` shares: the engine, the settings, the worker, the vault,
and the one-transaction-per-method session (``_tx``).

The parts (``raw_mail``, ``intake``, ``claims``, ``cases``, ``commit``, ``outbox``,
``retention``) are mixins on ``StoreBase``; ``fasdip.store.store.Store`` puts them together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from config.settings import StoreSettings
from fasdip.store.vault import Vault


class StoreBase:
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

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def _locked(self, stmt: Any) -> Any:
        """PostgreSQL: ``FOR UPDATE SKIP LOCKED`` on the candidate rows of a claim (see
        ``fasdip.store.claims``); SQLite needs nothing, its transactions begin IMMEDIATE."""
        return stmt.with_for_update(skip_locked=True) if self.is_postgres else stmt
