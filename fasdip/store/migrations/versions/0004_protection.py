"""protection: raw mails sealed at rest, and what retention purged

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 04:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("raw_mails") as batch:
        # The database copy of the bytes (PostgreSQL) is sealed with protection.encryption_key.
        batch.add_column(
            sa.Column("encrypted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        # Retention deleted the bytes (file and database copy); the row stays.
        batch.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("purged_at")
    with op.batch_alter_table("raw_mails") as batch:
        batch.drop_column("purged_at")
        batch.drop_column("encrypted")
