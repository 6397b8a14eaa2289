"""Table definitions. One naming convention for every constraint and index, so migrations and
autogenerate agree and names can be referred to in code and in operator queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from pipeline.domain.model import Address, DocumentStatus

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# JSONB on PostgreSQL, JSON text on SQLite (embedded mode).
# none_as_null: a Python None is SQL NULL, not the JSON value null.
Json = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
# SQLite only autoincrements an INTEGER PRIMARY KEY.
BigIntPk = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _owning_document() -> sa.Column[Any]:
    """The document a record belongs to; deleting the document deletes its records."""
    return sa.Column(
        "document_id",
        sa.Uuid,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


class UtcDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass timezone-aware UTC datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(name: str, **kwargs: Any) -> sa.Column[Any]:
    return sa.Column(name, UtcDateTime, **kwargs)


class AddressType(sa.types.TypeDecorator[Address]):
    """An Address value object stored as a JSON object."""

    impl = Json
    cache_ok = True

    def process_bind_param(self, value: Address | None, dialect: sa.Dialect) -> Any:
        return None if value is None else value.as_dict()

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Address | None:
        return None if value is None else Address(**value)


class BBoxType(sa.types.TypeDecorator[tuple[float, float, float, float]]):
    """A (left, top, right, bottom) box in page fractions, stored as a JSON array."""

    impl = Json
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        return None if value is None else [round(float(v), 5) for v in value]

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        return None if value is None else tuple(float(v) for v in value)


document_status = sa.Enum(
    DocumentStatus,
    name="document_status",
    values_callable=lambda enum: [member.value for member in enum],
    validate_strings=True,
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("filename", sa.String(512), nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False),
    sa.Column("file_type", sa.String(16), nullable=False),
    sa.Column("file_size_bytes", sa.BigInteger, nullable=False),
    sa.Column("blob_uri", sa.String(1024), nullable=False),
    sa.Column("status", document_status, nullable=False),
    sa.Column("error_message", sa.Text),
    sa.Column("page_count", sa.Integer),
    sa.Column("doc_type", sa.String(32)),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    # Times the stuck-work sweeper sent this document's work again (added by migration 0003).
    sa.Column("requeues", sa.Integer, nullable=False, server_default="0"),
    sa.Column("processing_token", sa.String(64)),
    _ts("created_at", nullable=False),
    _ts("updated_at", nullable=False),
    _ts("processed_at"),
    sa.UniqueConstraint("file_hash"),
    sa.CheckConstraint("length(file_hash) = 64", name="file_hash_sha256"),
    sa.CheckConstraint("attempts >= 0", name="attempts_non_negative"),
)
# Finding stuck work: WHERE status IN (...) AND updated_at < :cutoff.
sa.Index(None, documents.c.status, documents.c.updated_at)
sa.Index(None, documents.c.created_at)

borrowers = sa.Table(
    "borrowers",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(256), nullable=False),
    sa.Column("normalized_name", sa.String(256), nullable=False, index=True),
    # HMAC-SHA256 under PIPELINE_PII_KEY; never a plain hash, never the SSN.
    sa.Column("ssn_hash", sa.String(64)),
    sa.Column("ssn_last4", sa.String(4)),
    sa.Column("address", AddressType),
    sa.Column("employer", sa.String(256)),
    sa.Column("confidence", sa.Float, nullable=False),
    _ts("created_at", nullable=False),
    _ts("updated_at", nullable=False),
    sa.UniqueConstraint("ssn_hash"),
)

income_records = sa.Table(
    "income_records",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    _owning_document(),
    sa.Column(
        "borrower_id", sa.Uuid, sa.ForeignKey("borrowers.id", ondelete="SET NULL"), index=True
    ),
    sa.Column("amount", sa.Numeric(14, 2), nullable=False),
    sa.Column("period", sa.String(16), nullable=False),
    sa.Column("year", sa.Integer),
    sa.Column("source_type", sa.String(32), nullable=False),
    sa.Column("employer", sa.String(256)),
    sa.Column("confidence", sa.Float, nullable=False),
    _ts("created_at", nullable=False),
)

account_numbers = sa.Table(
    "account_numbers",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    _owning_document(),
    sa.Column(
        "borrower_id", sa.Uuid, sa.ForeignKey("borrowers.id", ondelete="SET NULL"), index=True
    ),
    sa.Column("last4", sa.String(4), nullable=False),
    sa.Column("masked", sa.String(64), nullable=False),
    sa.Column("account_hash", sa.String(64), index=True),
    sa.Column("account_type", sa.String(32)),
    sa.Column("institution", sa.String(256)),
    sa.Column("confidence", sa.Float, nullable=False),
    _ts("created_at", nullable=False),
)

source_references = sa.Table(
    "source_references",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    _owning_document(),
    sa.Column("record_type", sa.String(16), nullable=False),
    sa.Column("record_id", sa.Uuid, nullable=False),
    sa.Column("page_number", sa.Integer, nullable=False),
    sa.Column("section", sa.String(128), nullable=False),
    sa.Column("snippet", sa.Text, nullable=False),
    sa.Column("bbox", BBoxType),
    sa.Column("extractor", sa.String(64), nullable=False),
    sa.Column("extractor_version", sa.String(32), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    # Which of the document's parts the record was read from (added by migration 0004).
    sa.Column("part_number", sa.Integer),
    _ts("created_at", nullable=False),
    sa.CheckConstraint(
        "record_type IN ('borrower', 'income_record', 'account_number')", name="record_type"
    ),
    sa.CheckConstraint("page_number >= 1", name="page_number_positive"),
)
sa.Index(None, source_references.c.record_type, source_references.c.record_id)

# The documents found inside a file (a loan packet's parts), replaced with its records.
document_parts = sa.Table(
    "document_parts",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    _owning_document(),
    sa.Column("part_number", sa.Integer, nullable=False),
    sa.Column("doc_type", sa.String(32), nullable=False),
    sa.Column("first_page", sa.Integer, nullable=False),
    sa.Column("last_page", sa.Integer, nullable=False),
    _ts("created_at", nullable=False),
    sa.UniqueConstraint("document_id", "part_number"),
    sa.CheckConstraint("first_page >= 1 AND last_page >= first_page", name="page_range"),
)

# --- infrastructure ---------------------------------------------------------------------------

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", BigIntPk, primary_key=True, autoincrement=True),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("aggregate_type", sa.String(32), nullable=False),
    sa.Column("aggregate_id", sa.Uuid, nullable=False),
    sa.Column("payload", Json, nullable=False),
    _ts("created_at", nullable=False),
    _ts("processed_at"),
    sa.Column("retry_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.Text),
    # When a failed publish may be tried again (added by migration 0003).
    _ts("next_attempt_at"),
)
# The relay scans unprocessed rows in order; a partial index keeps that scan small forever.
sa.Index(
    "ix_outbox_unprocessed",
    outbox.c.id,
    postgresql_where=outbox.c.processed_at.is_(None),
    sqlite_where=outbox.c.processed_at.is_(None),
)
sa.Index(None, outbox.c.aggregate_id)

idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("id", BigIntPk, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(256), nullable=False),
    sa.Column("result", Json, nullable=False),
    _ts("created_at", nullable=False),
    _ts("expires_at", nullable=False, index=True),
    sa.UniqueConstraint("key"),
)

reconciliation_reports = sa.Table(
    "reconciliation_reports",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    _ts("run_at", nullable=False, index=True),
    _ts("completed_at"),
    sa.Column("records_checked", sa.Integer, nullable=False, server_default="0"),
    sa.Column("mismatches_found", sa.Integer, nullable=False, server_default="0"),
    sa.Column("auto_repaired", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_repairs", sa.Integer, nullable=False, server_default="0"),
    sa.Column("details", Json, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
)

# --- producers and page text (added by the second migration) -----------------------------------

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("filename", sa.String(512), nullable=False),
    sa.Column("metadata", Json),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("staging_key", sa.String(1024), nullable=False),
    sa.Column("idempotency_key", sa.String(256)),
    # received -> resolved (document_id set) | failed (error_message set)
    #          -> rejected (its message broke the task contract; error_message set; migration 0006)
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column(
        "document_id", sa.Uuid, sa.ForeignKey("documents.id", ondelete="SET NULL"), index=True
    ),
    sa.Column("duplicate", sa.Boolean),
    sa.Column("error_message", sa.Text),
    _ts("submitted_at", nullable=False),
    _ts("resolved_at"),
    # When the sweeper last sent its ingest message again (added by migration 0008).
    _ts("resent_at"),
    sa.CheckConstraint("status IN ('received', 'resolved', 'failed', 'rejected')", name="status"),
)
sa.Index(None, submissions.c.status, submissions.c.submitted_at)

# One row per finished page: the checkpoint that lets a retry or a reprocess skip pages already
# read, and the text the extractors run on (page text never travels through the broker).
document_pages = sa.Table(
    "document_pages",
    metadata,
    sa.Column(
        "document_id",
        sa.Uuid,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("page_number", sa.Integer, primary_key=True),
    sa.Column("method", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("words", Json),
    sa.Column("confidence", sa.Float),
    _ts("created_at", nullable=False),
)

# --- the HTTP API and the review page (added by migration 0007) --------------------------------

# Keys producers and reviewers call the API with. Only a SHA-256 of the key is kept (the key is
# 256 random bits, so a plain digest is enough: there is nothing to guess); ``prefix`` is the key's
# first characters, shown in listings so an operator can tell keys apart.
api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False),
    # any of "submit", "read", "review"
    sa.Column("scopes", Json, nullable=False),
    _ts("created_at", nullable=False),
    _ts("revoked_at"),
    _ts("last_used_at"),
    sa.UniqueConstraint("key_hash"),
)

# A person's correction of an extracted value, kept beside the extraction (never over it): who,
# when, the value read and the value meant. ``action`` 'correct' sets ``new_value``; 'reject'
# marks the record wrong. ``record_id`` has no foreign key: a reprocess replaces a document's
# records, and the corrections made on the earlier ones stay as history.
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    _owning_document(),
    sa.Column("record_type", sa.String(16), nullable=False),
    sa.Column("record_id", sa.Uuid, nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("old_value", Json),
    sa.Column("new_value", Json),
    sa.Column("reviewer", sa.String(128), nullable=False),
    _ts("created_at", nullable=False),
    sa.CheckConstraint(
        "record_type IN ('borrower', 'income_record', 'account_number')", name="record_type"
    ),
    sa.CheckConstraint("action IN ('correct', 'reject')", name="action"),
)
sa.Index(None, corrections.c.record_type, corrections.c.record_id)

# --- worker liveness and the broker's data (added by migration 0008) ---------------------------

# One row per worker main process (``hostname:pid:nonce``), rewritten every few seconds with the
# task messages it holds (JSON [[task id, task name, document or submission id], ...]). The
# sweeper reads them all (one row per worker process, not per task).
worker_heartbeats = sa.Table(
    "worker_heartbeats",
    metadata,
    sa.Column("worker_id", sa.String(512), primary_key=True),
    sa.Column("hostname", sa.String(255), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    _ts("started_at", nullable=False),
    _ts("alive_since", nullable=False),
    _ts("last_seen_at", nullable=False, index=True),
    sa.Column("tasks", Json, nullable=False),
)

# Each value the sweeper found in the broker's epoch key, newest last: a new one means the broker
# lost its data, and what was sent before ``first_seen_at`` is sent again.
broker_epochs = sa.Table(
    "broker_epochs",
    metadata,
    sa.Column("epoch", sa.String(64), primary_key=True),
    _ts("first_seen_at", nullable=False, index=True),
    _ts("recovered_at"),
)
