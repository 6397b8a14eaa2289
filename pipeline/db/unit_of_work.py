"""SQLAlchemy implementation of the unit of work, and translation of driver errors."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline.db import repositories as repos
from pipeline.db.engine import Database
from pipeline.domain.errors import ConcurrentUpdate, DatabaseUnavailable
from pipeline.domain.model import Document
from pipeline.service_layer.unit_of_work import AbstractUnitOfWork

_TRANSIENT = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError, OSError)


def translate_database_error(error: BaseException) -> BaseException:
    """Connection trouble and serialization failures become DatabaseUnavailable (retryable);
    anything else (constraint violations, programming errors) is left as it is."""
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return DatabaseUnavailable(f"database connection lost: {type(error.orig).__name__}")
    if isinstance(error, _TRANSIENT):
        return DatabaseUnavailable(f"database unavailable: {type(error).__name__}")
    message = str(getattr(error, "orig", error))
    if isinstance(error, sa_exc.IntegrityError) and (
        "uq_borrowers_ssn_hash" in message or "borrowers.ssn_hash" in message  # PG / SQLite
    ):
        # Two documents of the same new person processed at once: the loser retries and then
        # finds the winner's borrower by its SSN hash.
        return ConcurrentUpdate("another task created the same borrower at the same time")
    sqlstate = getattr(getattr(error, "orig", None), "sqlstate", None)
    if sqlstate in {"40001", "40P01"}:  # serialization failure, deadlock detected
        return DatabaseUnavailable(f"database transaction conflict (SQLSTATE {sqlstate})")
    return error


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    session: AsyncSession

    def __init__(self, database: Database) -> None:
        self.database = database

    async def __aenter__(self) -> Self:
        self.session = self.database.session()
        self.documents = repos.DocumentRepository(self.session)
        self.borrowers = repos.BorrowerRepository(self.session)
        self.incomes = repos.IncomeRecordRepository(self.session)
        self.accounts = repos.AccountNumberRepository(self.session)
        self.sources = repos.SourceReferenceRepository(self.session)
        self.parts = repos.DocumentPartRepository(self.session)
        self.pages = repos.PageRepository(self.session)
        self.submissions = repos.SubmissionRepository(self.session)
        self.idempotency = repos.IdempotencyKeyRepository(self.session)
        self.outbox = repos.OutboxRepository(self.session)
        self.reconciliation_reports = repos.ReconciliationReportRepository(self.session)
        return await super().__aenter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc, tb)
        except Exception:
            # A failed rollback on a dead connection must not hide the original error.
            if exc is None:
                raise
        finally:
            await self.session.close()
        if exc is not None:
            translated = translate_database_error(exc)
            if translated is not exc:
                raise translated from exc

    def _seen_documents(self) -> list[Document]:
        seen: list[Document] = self.documents.seen
        return seen

    async def _commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        # Rolling back expires every loaded instance; detach them first so that objects read
        # in a unit that never commits (a read-only use case) stay usable after it closes.
        self.session.expunge_all()
        await self.session.rollback()
