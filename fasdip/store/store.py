"""The case store: raw mails, claims, attempts, cases, messages, verdicts and the outbox.

``Store`` is the only interface: typed methods that take and return pydantic models
(``fasdip.store.records``), never ORM objects. Every method is one transaction.

``Store`` is put together from one mixin per part, each in its own module:

- ``raw_mail``: raw mails on disk (and in PostgreSQL), the vault's file protection;
- ``intake``: the source's cursor, one row per mail, duplicates;
- ``claims``: claims (``SKIP LOCKED`` / ``BEGIN IMMEDIATE``), attempts, retries;
- ``cases``: cases, threading, case numbers;
- ``commit``: verdict, reply and ``done`` in one transaction;
- ``outbox``: sending the replies, acknowledging the source mails;
- ``retention``: purging closed cases' files;
- ``attention``: what the digest lists first (quarantined, failed, unsent, withheld);
- ``health``: each service's last poll, the queues' figures, leases of once-per-office jobs;
- the officers' console: ``officers``, ``corrections`` (with notes and case marks),
  ``quarantine``, ``console_replies``, ``audit`` (tables in ``console_schema``);
- ``sealing``: ``fasdip protect`` seals what was written before the key was set;

on ``StoreBase`` (``base``: the session), with the engine and migrations in ``engine``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from config.settings import ProtectionSettings, StoreSettings
from fasdip.errors import ConfigError, StoreError
from fasdip.store.attention import AttentionMixin
from fasdip.store.audit import AuditMixin
from fasdip.store.case_views import CaseViewsMixin
from fasdip.store.cases import CasesMixin
from fasdip.store.claims import ClaimsMixin
from fasdip.store.commit import CommitMixin
from fasdip.store.console_replies import ConsoleRepliesMixin
from fasdip.store.corrections import CorrectionsMixin
from fasdip.store.engine import connect, database_url, masked_url, migrate
from fasdip.store.health import HealthMixin
from fasdip.store.intake import IntakeMixin
from fasdip.store.officers import OfficersMixin
from fasdip.store.outbox import OutboxMixin
from fasdip.store.quarantine import QuarantineMixin
from fasdip.store.raw_mail import RawMailMixin
from fasdip.store.records import QueueFigures
from fasdip.store.retention import RetentionMixin
from fasdip.store.sealing import SealingMixin
from fasdip.store.vault import Vault


class Store(
    IntakeMixin,
    ClaimsMixin,
    CasesMixin,
    ConsoleRepliesMixin,
    CommitMixin,
    OutboxMixin,
    RetentionMixin,
    HealthMixin,
    CaseViewsMixin,
    RawMailMixin,
    OfficersMixin,
    CorrectionsMixin,
    QuarantineMixin,
    AuditMixin,
    AttentionMixin,
    SealingMixin,
):
    @classmethod
    def open(
        cls,
        settings: StoreSettings,
        *,
        worker: str,
        protection: ProtectionSettings | None = None,
    ) -> Store:
        """Connect, apply the migrations up to the newest, make the raw-mail folder.

        ``protection`` (file mode, encryption key) applies to the files the store writes
        and reads; without it, mode 0600 and no encryption (see ``protect``). With it, a
        key that cannot read the sealed raw mails stops here (``VaultError``, one line)."""
        url = database_url(settings)
        raw_dir = settings.var_dir / "raw"
        vault = Vault.from_settings(protection) if protection is not None else Vault()
        try:
            settings.var_dir.mkdir(parents=True, exist_ok=True)
            vault.make_dirs(raw_dir)
            vault.tighten(raw_dir)
            vault.tighten(settings.var_dir / "documents")
        except OSError as exc:
            raise ConfigError(f"store.var_dir: cannot create {raw_dir} ({exc.strerror})") from exc
        if protection is not None:
            vault.check_key(raw_dir)
        engine = connect(url)
        try:
            migrate(engine)
        except Exception as exc:
            raise ConfigError(
                f"store.url: cannot open the store {masked_url(settings)} ({exc})".replace(
                    "\n", " "
                )
            ) from exc
        store = cls(engine, settings, worker=worker, raw_dir=raw_dir, vault=vault)
        if protection is not None:
            store._protect_database()
        return store

    @classmethod
    def attach(cls, settings: StoreSettings, *, worker: str) -> Store:
        """The store as it stands, to read (``fasdip status``): no migration, no folder
        made, no SQLite file created where there is none (``StoreError`` instead)."""
        if not settings.url:
            path = settings.var_dir / "fasdip.sqlite3"
            if not path.is_file():
                raise StoreError(
                    f"store.var_dir: no store at {path}; start `fasdip run` once (it creates "
                    "it) or set store.var_dir to the service's folder"
                )
        engine = connect(database_url(settings))
        return cls(engine, settings, worker=worker, raw_dir=settings.var_dir / "raw")

    def health(self, stuck_before: dt.datetime) -> QueueFigures:
        """``queue_figures``, a database failure said as ``StoreError`` (one line)."""
        try:
            return self.queue_figures(stuck_before)
        except SQLAlchemyError as exc:
            first = str(exc.orig if isinstance(exc, DBAPIError) else exc).strip().splitlines()
            raise StoreError(
                f"store.url: cannot read the store {masked_url(self.settings)} "
                f"({first[0] if first else type(exc).__name__})"
            ) from exc

    def close(self) -> None:
        self.engine.dispose()
