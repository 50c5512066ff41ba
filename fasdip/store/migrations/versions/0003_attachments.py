"""attachments: each document of a mail as the triage saw it

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 03:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("document_type", sa.String(length=40), nullable=False),
        sa.Column("detected_format", sa.String(length=20), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["mail_id"], ["mails.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mail_id", "key", name="uq_attachment"),
    )
    with op.batch_alter_table("attachments") as batch:
        batch.create_index("ix_attachments_mail_id", ["mail_id"])
        batch.create_index("ix_attachments_case_id", ["case_id"])
        batch.create_index("ix_attachments_sha256", ["sha256"])


def downgrade() -> None:
    op.drop_table("attachments")
