"""Alembic environment: run by ``fasdip.store.migrate`` with a connection in ``attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from fasdip.store.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # the ``alembic`` command line: sqlalchemy.url from the ini file
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///var/fasdip.sqlite3"
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
