"""SQLAlchemy implementation of the unit of work, and translation of driver errors."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Self

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline.db import repositories as repos
from pipeline.db.engine import Database
from pipeline.domain.errors import ConcurrentUpdate, DatabaseUnavailable, PipelineError
from pipeline.domain.model import Document, Submission
from pipeline.service_layer.unit_of_work import AbstractUnitOfWork

# Errors that only ever mean the connection or the pool is in trouble. OSError covers the socket
# (ConnectionResetError, ConnectionRefusedError, TimeoutError), which asyncpg raises unwrapped.
_CONNECTION_ERRORS = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
    OSError,
)
# A server shutting down (57P01 admin shutdown, e.g. a restart; 57P02 crash shutdown), not
# accepting connections yet (57P03, starting up or in recovery) or out of connection slots
# (53300, common right after a restart). SQLSTATE class 08 (connection exception) is matched by
# its prefix. asyncpg raises these as PostgresError subclasses, which SQLAlchemy hands on as a
# plain DBAPIError; ``connection_invalidated`` is only set when the driver has already seen the
# socket close, which races with the server's error message.
_CONNECTION_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})
_CONFLICT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
# asyncpg's InterfaceError is also raised for misuse (two operations at once), which a retry
# would not fix; only these messages say the connection went away.
_CLOSED_MESSAGES = ("connection is closed", "connection was closed")


def _driver_chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what it wraps: SQLAlchemy's ``orig`` (the DBAPI adapter's error), whose
    cause is the driver's own exception. Only SQLAlchemy and driver errors are unwrapped, so a
    bug raised ``from`` an OSError is not mistaken for a lost connection."""
    current: BaseException | None = error
    for _ in range(8):  # a bound, in case a chain ever loops
        if current is None:
            return
        yield current
        if isinstance(current, sa_exc.StatementError):
            current = current.orig
        elif type(current).__module__.startswith(("sqlalchemy.", "asyncpg.")):
            current = current.__cause__
        else:
            return


def _is_asyncpg_interface_error(error: BaseException) -> bool:
    # By name: asyncpg ships no type information, and this module need not import the driver.
    return type(error).__module__.startswith("asyncpg.") and any(
        cls.__name__ == "InterfaceError" for cls in type(error).__mro__
    )


def _connection_problem(error: BaseException) -> str | None:
    """What says ``error`` is a lost or refused connection (for the message), else None."""
    for link in _driver_chain(error):
        sqlstate = getattr(link, "sqlstate", None)
        if isinstance(sqlstate, str) and (
            sqlstate.startswith("08") or sqlstate in _CONNECTION_SQLSTATES
        ):
            return f"{type(link).__name__} (SQLSTATE {sqlstate})"
        if isinstance(link, sa_exc.DBAPIError) and link.connection_invalidated:
            continue  # the driver's error below names the cause better
        if _is_asyncpg_interface_error(link) and any(m in str(link) for m in _CLOSED_MESSAGES):
            return f"{type(link).__name__} (connection closed)"
        if isinstance(link, _CONNECTION_ERRORS):
            return type(link).__name__
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return f"{type(error.orig).__name__} (connection invalidated)"
    return None


def translate_database_error(error: BaseException) -> BaseException:
    """Connection trouble and serialization failures become DatabaseUnavailable (retryable);
    anything else (constraint violations, programming errors) is left as it is.

    Connection trouble is any shape of it: SQLSTATE class 08, 57P01/57P02/57P03 (a server
    restarting), 53300, a DBAPIError whose connection SQLAlchemy invalidated, asyncpg's
    "connection is closed", and socket errors (OSError), wrapped by SQLAlchemy or not."""
    if isinstance(error, PipelineError):
        return error
    problem = _connection_problem(error)
    if problem is not None:
        return DatabaseUnavailable(f"database unavailable: {problem}")
    message = str(getattr(error, "orig", error))
    if isinstance(error, sa_exc.IntegrityError) and (
        "uq_borrowers_ssn_hash" in message or "borrowers.ssn_hash" in message  # PG / SQLite
    ):
        # Two documents of the same new person processed at once: the loser retries and then
        # finds the winner's borrower by its SSN hash.
        return ConcurrentUpdate("another task created the same borrower at the same time")
    sqlstate = getattr(getattr(error, "orig", None), "sqlstate", None)
    if sqlstate in _CONFLICT_SQLSTATES:
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
        self.api_keys = repos.ApiKeyRepository(self.session)
        self.corrections = repos.CorrectionRepository(self.session)
        self.heartbeats = repos.WorkerHeartbeatRepository(self.session)
        self.broker_epochs = repos.BrokerEpochRepository(self.session)
        return await super().__aenter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        cleanup_error: Exception | None = None
        try:
            await super().__aexit__(exc_type, exc, tb)
        except Exception as error:
            cleanup_error = error
        try:
            await self.session.close()
        except Exception as error:
            cleanup_error = cleanup_error or error
        # A failed rollback or close on a dead connection must not hide the original error, and
        # when it is the only error (a read-only unit) it is translated like any other.
        failure = exc if exc is not None else cleanup_error
        if failure is None:
            return
        translated = translate_database_error(failure)
        if translated is not failure:
            raise translated from failure
        if failure is cleanup_error:
            raise cleanup_error

    def _seen_documents(self) -> list[Document]:
        seen: list[Document] = self.documents.seen
        return seen

    def _seen_submissions(self) -> list[Submission]:
        seen: list[Submission] = self.submissions.seen
        return seen

    async def _commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        # Rolling back expires every loaded instance; detach them first so that objects read
        # in a unit that never commits (a read-only use case) stay usable after it closes.
        self.session.expunge_all()
        await self.session.rollback()
