"""case identities: passport numbers and NIKs (as digests) for threading

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_identities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "digest", name="uq_case_identity"),
    )
    with op.batch_alter_table("case_identities") as batch:
        batch.create_index("ix_case_identities_case_id", ["case_id"])
        batch.create_index("ix_case_identities_digest", ["digest"])


def downgrade() -> None:
    op.drop_table("case_identities")
