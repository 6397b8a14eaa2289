"""Borrowers' normalized names fold the letters Unicode does not decompose ("Nørgaard" ->
"norgaard", "Łukasz" -> "lukasz"); before, such a letter became a space ("n rgaard"), so a name
printed with it never matched the same name printed or read without it. Data only: the rows
whose name has such a letter get their ``normalized_name`` recomputed.

The fold is copied here as it was at this revision: a migration must not change when the
application's code does.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FOLDED = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "\u0131": "i", "ħ": "h", "Ħ": "H",
}  # fmt: skip


def _normalized(name: str, fold: bool) -> str:
    if fold:
        name = name.translate(str.maketrans(_FOLDED))
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


def _recompute(fold: bool) -> None:
    borrowers = sa.table(
        "borrowers",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("normalized_name", sa.String()),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(borrowers.c.id, borrowers.c.name)).all()
    for row_id, name in rows:
        if not any(ch in _FOLDED for ch in name):
            continue
        bind.execute(
            borrowers.update()
            .where(borrowers.c.id == row_id)
            .values(normalized_name=_normalized(name, fold))
        )


def upgrade() -> None:
    _recompute(fold=True)


def downgrade() -> None:
    _recompute(fold=False)
