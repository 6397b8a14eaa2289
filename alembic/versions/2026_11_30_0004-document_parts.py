"""Document parts: the documents found inside one file (a loan packet), and which part each
record's source reference was read from.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_parts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("part_number", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("first_page", sa.Integer(), nullable=False),
        sa.Column("last_page", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "first_page >= 1 AND last_page >= first_page",
            name=op.f("ck_document_parts_page_range"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_parts_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_parts")),
        sa.UniqueConstraint(
            "document_id", "part_number", name=op.f("uq_document_parts_document_id_part_number")
        ),
    )
    op.create_index(
        op.f("ix_document_parts_document_id"), "document_parts", ["document_id"], unique=False
    )
    with op.batch_alter_table("source_references") as batch:
        batch.add_column(sa.Column("part_number", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source_references") as batch:
        batch.drop_column("part_number")
    op.drop_index(op.f("ix_document_parts_document_id"), table_name="document_parts")
    op.drop_table("document_parts")
