"""cases: their mission and request type (threading), and why a mail was kept apart

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        # "" for the cases opened before: their follow-ups are matched by the sender.
        batch.add_column(sa.Column("mission", sa.String(340), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("request_type", sa.String(40), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("suspicious", sa.Text(), nullable=True))
        batch.create_index("ix_cases_mission", ["mission"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_mission")
        batch.drop_column("suspicious")
        batch.drop_column("request_type")
        batch.drop_column("mission")
