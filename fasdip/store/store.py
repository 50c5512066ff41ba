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

on ``StoreBase`` (``base``: the session), with the engine and migrations in ``engine``.
"""

from __future__ import annotations

from config.settings import ProtectionSettings, StoreSettings
from fasdip.errors import ConfigError
from fasdip.store.attention import AttentionMixin
from fasdip.store.cases import CasesMixin
from fasdip.store.claims import ClaimsMixin
from fasdip.store.commit import CommitMixin
from fasdip.store.engine import connect, database_url, masked_url, migrate
from fasdip.store.intake import IntakeMixin
from fasdip.store.outbox import OutboxMixin
from fasdip.store.raw_mail import RawMailMixin
from fasdip.store.retention import RetentionMixin
from fasdip.store.vault import Vault


class Store(
    IntakeMixin,
    ClaimsMixin,
    CasesMixin,
    CommitMixin,
    OutboxMixin,
    RetentionMixin,
    RawMailMixin,
    AttentionMixin,
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

    def close(self) -> None:
        self.engine.dispose()
