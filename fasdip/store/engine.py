"""Connecting to the database: its URL, SQLite's one writer at a time, the migrations.

SQLite by default (``var/fasdip.sqlite3``), PostgreSQL by ``store.url``; the schema is
brought up to the newest Alembic migration at every start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from config.settings import StoreSettings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x46A5D1B0  # the advisory lock key of the migrations ("fasdip")


def database_url(settings: StoreSettings) -> str:
    if not settings.url:
        return f"sqlite:///{settings.var_dir / 'fasdip.sqlite3'}"
    url = make_url(settings.url)
    if settings.password.get_secret_value():
        url = url.set(password=settings.password.get_secret_value())
    return url.render_as_string(hide_password=False)


def masked_url(settings: StoreSettings) -> str:
    return make_url(database_url(settings)).render_as_string(hide_password=True)


def migrate(engine: Engine) -> None:
    """Apply the Alembic migrations up to ``head`` (at every start; a no-op when current)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Services started together after an upgrade: one migrates, the others wait
            # for its transaction and then find the schema current (SQLite: BEGIN IMMEDIATE).
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def sqlite_immediate(engine: Engine) -> None:
    """SQLite: one writer; every transaction takes the write lock when it begins.

    ``BEGIN IMMEDIATE`` is what makes a claim (``fasdip.store.claims``) safe on SQLite: no
    other worker writes between a claim's read of the candidate rows and its write."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below decide
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=FULL")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        # Deleted and overwritten rows are zeroed, so retention leaves no personal data in
        # the file's free pages.
        dbapi_connection.execute("PRAGMA secure_delete=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def connect(url: str) -> Engine:
    """The engine for ``url``: on SQLite every transaction begins ``IMMEDIATE``."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        sqlite_immediate(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine
