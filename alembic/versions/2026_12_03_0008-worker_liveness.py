"""Worker heartbeats (what each worker process holds, for recovery after a worker death), the
broker's epochs (for recovery after the broker loses its data), and when a submission's ingest
message was last sent again.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Json = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def upgrade() -> None:
    op.create_table(
        "worker_heartbeats",
        sa.Column("worker_id", sa.String(512), nullable=False),
        sa.Column("hostname", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alive_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tasks", Json, nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_worker_heartbeats")),
    )
    op.create_index(
        op.f("ix_worker_heartbeats_last_seen_at"), "worker_heartbeats", ["last_seen_at"]
    )
    op.create_table(
        "broker_epochs",
        sa.Column("epoch", sa.String(64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recovered_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("epoch", name=op.f("pk_broker_epochs")),
    )
    op.create_index(op.f("ix_broker_epochs_first_seen_at"), "broker_epochs", ["first_seen_at"])
    op.add_column("submissions", sa.Column("resent_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("submissions", "resent_at")
    op.drop_index(op.f("ix_broker_epochs_first_seen_at"), table_name="broker_epochs")
    op.drop_table("broker_epochs")
    op.drop_index(op.f("ix_worker_heartbeats_last_seen_at"), table_name="worker_heartbeats")
    op.drop_table("worker_heartbeats")
