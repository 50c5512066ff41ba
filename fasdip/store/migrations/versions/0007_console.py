"""console: officers, corrections, audit trail, notes, case marks

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 20:35:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _at(name: str = "at", nullable: bool = False) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        _at("created_at"),
        sa.Column("failed_signins", sa.Integer(), nullable=False, server_default="0"),
        _at("last_failed_at", nullable=True),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("field", sa.String(40), nullable=False, server_default=""),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(100), nullable=False),
        _at(),
    )
    op.create_index("ix_corrections_case", "corrections", ["case_id"])
    op.create_table(
        "audit_trail",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=True),
        sa.Column("mail_id", sa.Integer(), sa.ForeignKey("mails.id"), nullable=True),
        sa.Column("officer", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        _at(),
    )
    op.create_index("ix_audit_case", "audit_trail", ["case_id"])
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("officer", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _at(),
    )
    op.create_index("ix_case_notes_case", "case_notes", ["case_id"])
    op.create_table(
        "case_marks",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("officer", sa.String(100), nullable=False),
        _at(),
    )


def downgrade() -> None:
    for table in ("case_marks", "case_notes", "audit_trail", "corrections", "officers"):
        op.drop_table(table)
