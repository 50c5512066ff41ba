"""case_identities: whether a digest is keyed (HMAC with the identity key) or plain sha256

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_identities") as batch:
        # False for the digests written before: `fasdip protect` keys them once a key is set.
        batch.add_column(
            sa.Column("keyed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("case_identities") as batch:
        batch.drop_column("keyed")
