"""Submissions may be 'rejected': their ingest message broke the task contract (a missing or
malformed argument) and nothing was run. Widens the status check constraint.

Downgrade turns rejected submissions into failed ones (their reason is kept): the older
constraint has no place for them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ck_submissions_status"


def _replace_check(statuses: str) -> None:
    # batch mode: SQLite (embedded) can only change a constraint by rebuilding the table.
    with op.batch_alter_table("submissions") as batch:
        # The naming convention is applied to this name as it was by 0002 (which created
        # ck_submissions_ck_submissions_status), so the constraint dropped is the one there.
        batch.drop_constraint(_NAME, type_="check")
        batch.create_check_constraint(_NAME, sa.text(f"status IN ({statuses})"))


def upgrade() -> None:
    _replace_check("'received', 'resolved', 'failed', 'rejected'")


def downgrade() -> None:
    op.execute(sa.text("UPDATE submissions SET status = 'failed' WHERE status = 'rejected'"))
    _replace_check("'received', 'resolved', 'failed'")
