"""Submissions (every hand-in by a producer) and checkpointed page text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("metadata", JSON, nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("staging_key", sa.String(1024), nullable=False),
        sa.Column("idempotency_key", sa.String(256), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("duplicate", sa.Boolean(), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_submissions_document_id_documents",
            ondelete="SET NULL",
        ),
        sa.CheckConstraint(
            "status IN ('received', 'resolved', 'failed')", name="ck_submissions_status"
        ),
    )
    op.create_index("ix_submissions_document_id", "submissions", ["document_id"])
    op.create_index("ix_submissions_status_submitted_at", "submissions", ["status", "submitted_at"])

    op.create_table(
        "document_pages",
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("words", JSON, nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "page_number", name="pk_document_pages"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_document_pages_document_id_documents",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("document_pages")
    op.drop_table("submissions")
