"""Initial schema: documents, extracted records, outbox, idempotency keys, reconciliation.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
STATUSES = ("PENDING", "PROCESSING", "COMPLETED", "FAILED")


def ts(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False),
        sa.Column("file_type", sa.String(16), nullable=False),
        sa.Column("file_size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("blob_uri", sa.String(1024), nullable=False),
        sa.Column("status", sa.Enum(*STATUSES, name="document_status"), nullable=False),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("doc_type", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("processing_token", sa.String(64), nullable=True),
        ts("created_at"),
        ts("updated_at"),
        ts("processed_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("file_hash", name="uq_documents_file_hash"),
        sa.CheckConstraint("length(file_hash) = 64", name="ck_documents_file_hash_sha256"),
        sa.CheckConstraint("attempts >= 0", name="ck_documents_attempts_non_negative"),
    )
    op.create_index("ix_documents_status_updated_at", "documents", ["status", "updated_at"])
    op.create_index("ix_documents_created_at", "documents", ["created_at"])

    op.create_table(
        "borrowers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("normalized_name", sa.String(256), nullable=False),
        sa.Column("ssn_hash", sa.String(64), nullable=True),
        sa.Column("ssn_last4", sa.String(4), nullable=True),
        sa.Column("address", JSON, nullable=True),
        sa.Column("employer", sa.String(256), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        ts("created_at"),
        ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_borrowers"),
        sa.UniqueConstraint("ssn_hash", name="uq_borrowers_ssn_hash"),
    )
    op.create_index("ix_borrowers_normalized_name", "borrowers", ["normalized_name"])

    op.create_table(
        "income_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("borrower_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("source_type", sa.String(32), nullable=False),
        sa.Column("employer", sa.String(256), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_income_records"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_income_records_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["borrower_id"],
            ["borrowers.id"],
            name="fk_income_records_borrower_id_borrowers",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_income_records_document_id", "income_records", ["document_id"])
    op.create_index("ix_income_records_borrower_id", "income_records", ["borrower_id"])

    op.create_table(
        "account_numbers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("borrower_id", sa.Uuid(), nullable=True),
        sa.Column("last4", sa.String(4), nullable=False),
        sa.Column("masked", sa.String(64), nullable=False),
        sa.Column("account_hash", sa.String(64), nullable=True),
        sa.Column("account_type", sa.String(32), nullable=True),
        sa.Column("institution", sa.String(256), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_account_numbers"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_account_numbers_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["borrower_id"],
            ["borrowers.id"],
            name="fk_account_numbers_borrower_id_borrowers",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_account_numbers_document_id", "account_numbers", ["document_id"])
    op.create_index("ix_account_numbers_borrower_id", "account_numbers", ["borrower_id"])
    op.create_index("ix_account_numbers_account_hash", "account_numbers", ["account_hash"])

    op.create_table(
        "source_references",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(16), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(128), nullable=False),
        sa.Column("snippet", sa.Text(), nullable=False),
        sa.Column("bbox", JSON, nullable=True),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_source_references"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_source_references_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "record_type IN ('borrower', 'income_record', 'account_number')",
            name="ck_source_references_record_type",
        ),
        sa.CheckConstraint("page_number >= 1", name="ck_source_references_page_number_positive"),
    )
    op.create_index("ix_source_references_document_id", "source_references", ["document_id"])
    op.create_index(
        "ix_source_references_record_type_record_id",
        "source_references",
        ["record_type", "record_id"],
    )

    op.create_table(
        "outbox",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("aggregate_type", sa.String(32), nullable=False),
        sa.Column("aggregate_id", sa.Uuid(), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        ts("created_at"),
        ts("processed_at", nullable=True),
        sa.Column("retry_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
    )
    op.create_index(
        "ix_outbox_unprocessed",
        "outbox",
        ["id"],
        postgresql_where=sa.text("processed_at IS NULL"),
        sqlite_where=sa.text("processed_at IS NULL"),
    )
    op.create_index("ix_outbox_aggregate_id", "outbox", ["aggregate_id"])

    op.create_table(
        "idempotency_keys",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("key", sa.String(256), nullable=False),
        sa.Column("result", JSON, nullable=False),
        ts("created_at"),
        ts("expires_at"),
        sa.PrimaryKeyConstraint("id", name="pk_idempotency_keys"),
        sa.UniqueConstraint("key", name="uq_idempotency_keys_key"),
    )
    op.create_index("ix_idempotency_keys_expires_at", "idempotency_keys", ["expires_at"])

    op.create_table(
        "reconciliation_reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        ts("run_at"),
        ts("completed_at", nullable=True),
        sa.Column("records_checked", sa.Integer(), server_default="0", nullable=False),
        sa.Column("mismatches_found", sa.Integer(), server_default="0", nullable=False),
        sa.Column("auto_repaired", sa.Integer(), server_default="0", nullable=False),
        sa.Column("failed_repairs", sa.Integer(), server_default="0", nullable=False),
        sa.Column("details", JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reconciliation_reports"),
    )
    op.create_index("ix_reconciliation_reports_run_at", "reconciliation_reports", ["run_at"])


def downgrade() -> None:
    for table in (
        "reconciliation_reports",
        "idempotency_keys",
        "outbox",
        "source_references",
        "account_numbers",
        "income_records",
        "borrowers",
        "documents",
    ):
        op.drop_table(table)
    sa.Enum(name="document_status").drop(op.get_bind(), checkfirst=True)
