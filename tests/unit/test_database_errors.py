"""Driver errors translated at the unit of work's boundary: every shape of a lost, refused or
restarting connection is DatabaseUnavailable (retryable); bugs and bad data are left as they
are. The driver errors are real asyncpg exceptions, wrapped the way SQLAlchemy's asyncpg dialect
wraps them (its own translation, then ``DBAPIError.instance``)."""

from __future__ import annotations

import errno

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql.asyncpg import (
    AsyncAdapt_asyncpg_connection,
    AsyncAdapt_asyncpg_dbapi,
)

from pipeline.db.unit_of_work import translate_database_error
from pipeline.domain.errors import (
    BlobMissing,
    ConcurrentUpdate,
    DatabaseUnavailable,
)

DBAPI = AsyncAdapt_asyncpg_dbapi(asyncpg)
CLOSED = "cannot call PreparedStatement.fetch(): the underlying connection is closed"


def through_sqlalchemy(driver_error: Exception, *, invalidated: bool = False) -> BaseException:
    """``driver_error`` as SQLAlchemy hands it to our code when a statement raises it."""
    try:
        AsyncAdapt_asyncpg_connection._handle_exception_no_connection(DBAPI, driver_error)
    except DBAPI.Error as adapted:
        return sa_exc.DBAPIError.instance(
            "SELECT 1", None, adapted, DBAPI.Error, connection_invalidated=invalidated
        )
    except Exception as raw:  # not a driver error: SQLAlchemy lets it through as it is
        return raw
    raise AssertionError("the dialect always raises")


SERVER_GONE = {
    "57P01 admin shutdown": asyncpg.exceptions.AdminShutdownError(
        "terminating connection due to administrator command"
    ),
    "57P02 crash shutdown": asyncpg.exceptions.CrashShutdownError(
        "terminating connection because of crash of another server process"
    ),
    "57P03 cannot connect now": asyncpg.exceptions.CannotConnectNowError(
        "the database system is starting up"
    ),
    "08000 connection exception": asyncpg.exceptions.PostgresConnectionError("connection"),
    "08001 cannot connect": asyncpg.exceptions.ClientCannotConnectError("cannot connect"),
    "08003 connection does not exist": asyncpg.exceptions.ConnectionDoesNotExistError(
        "connection was closed in the middle of operation"
    ),
    "08006 connection failure": asyncpg.exceptions.ConnectionFailureError("connection failure"),
    "08P01 protocol violation": asyncpg.exceptions.ProtocolViolationError("protocol violation"),
    "53300 too many connections": asyncpg.exceptions.TooManyConnectionsError(
        "sorry, too many clients already"
    ),
}


@pytest.mark.parametrize("name", sorted(SERVER_GONE))
def test_server_going_away_is_retryable_as_a_plain_dbapi_error(name: str) -> None:
    """The dialect hands these on as a plain DBAPIError, mostly before it has noticed that the
    connection is gone (``connection_invalidated`` false)."""
    driver_error = SERVER_GONE[name]
    wrapped = through_sqlalchemy(driver_error)
    assert type(wrapped) is sa_exc.DBAPIError and not wrapped.connection_invalidated

    translated = translate_database_error(wrapped)

    assert isinstance(translated, DatabaseUnavailable)
    assert f"SQLSTATE {name.split()[0]}" in str(translated)


@pytest.mark.parametrize("name", sorted(SERVER_GONE))
def test_server_going_away_is_retryable_unwrapped(name: str) -> None:
    assert isinstance(translate_database_error(SERVER_GONE[name]), DatabaseUnavailable)


def test_closed_connection_interface_error_is_retryable() -> None:
    driver_error = asyncpg.InterfaceError(CLOSED)
    wrapped = through_sqlalchemy(driver_error)
    assert isinstance(wrapped, sa_exc.InterfaceError)

    assert isinstance(translate_database_error(wrapped), DatabaseUnavailable)
    assert isinstance(translate_database_error(driver_error), DatabaseUnavailable)


def test_an_invalidated_connection_is_retryable_whatever_the_driver_said() -> None:
    wrapped = through_sqlalchemy(
        asyncpg.PostgresError("server closed the connection"), invalidated=True
    )
    assert type(wrapped) is sa_exc.DBAPIError and wrapped.connection_invalidated

    translated = translate_database_error(wrapped)

    assert isinstance(translated, DatabaseUnavailable)
    assert "connection invalidated" in str(translated)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"),
        ConnectionRefusedError(errno.ECONNREFUSED, "Connect call failed ('127.0.0.1', 5432)"),
        OSError(errno.ENETUNREACH, "Network is unreachable"),
        TimeoutError(),
        BrokenPipeError(errno.EPIPE, "Broken pipe"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_socket_errors_are_retryable_raw_or_wrapped(error: OSError) -> None:
    assert through_sqlalchemy(error) is error  # asyncpg raises them; the dialect lets them by
    assert isinstance(translate_database_error(error), DatabaseUnavailable)
    statement_error = sa_exc.StatementError("while sending", "SELECT 1", None, error)
    assert isinstance(translate_database_error(statement_error), DatabaseUnavailable)


def test_pool_timeout_and_operational_errors_stay_retryable() -> None:
    assert isinstance(
        translate_database_error(sa_exc.TimeoutError("QueuePool limit reached")),
        DatabaseUnavailable,
    )
    locked = sa_exc.OperationalError("INSERT", None, Exception("database is locked"))
    assert isinstance(translate_database_error(locked), DatabaseUnavailable)


@pytest.mark.parametrize(
    "driver_error",
    [
        asyncpg.exceptions.SerializationError("could not serialize access"),
        asyncpg.exceptions.DeadlockDetectedError("deadlock detected"),
    ],
    ids=lambda e: e.sqlstate,
)
def test_transaction_conflicts_are_retryable(driver_error: Exception) -> None:
    translated = translate_database_error(through_sqlalchemy(driver_error))
    assert isinstance(translated, DatabaseUnavailable)
    assert "conflict" in str(translated)


def test_two_tasks_creating_one_borrower_is_a_concurrent_update() -> None:
    wrapped = through_sqlalchemy(
        asyncpg.exceptions.UniqueViolationError(
            'duplicate key value violates unique constraint "uq_borrowers_ssn_hash"'
        )
    )
    assert isinstance(wrapped, sa_exc.IntegrityError)
    assert isinstance(translate_database_error(wrapped), ConcurrentUpdate)


@pytest.mark.parametrize(
    "driver_error",
    [
        asyncpg.exceptions.UniqueViolationError(
            'duplicate key value violates unique constraint "uq_documents_file_hash"'
        ),
        asyncpg.exceptions.PostgresSyntaxError('syntax error at or near "SELEC"'),
        asyncpg.exceptions.UndefinedColumnError('column "nope" does not exist'),
        asyncpg.exceptions.QueryCanceledError("canceling statement due to statement timeout"),
    ],
    ids=lambda e: e.sqlstate,
)
def test_bugs_and_bad_data_are_left_as_they_are(driver_error: Exception) -> None:
    wrapped = through_sqlalchemy(driver_error)
    assert translate_database_error(wrapped) is wrapped


def test_misuse_of_an_open_connection_is_not_a_lost_connection() -> None:
    busy = asyncpg.InterfaceError("cannot perform operation: another operation is in progress")
    assert translate_database_error(busy) is busy


def test_only_driver_errors_are_unwrapped() -> None:
    """A bug or a bad file raised ``from`` an OSError is not the database going away."""
    try:
        try:
            raise FileNotFoundError(errno.ENOENT, "No such file", "documents/ab/x")
        except FileNotFoundError as cause:
            raise BlobMissing("the stored object vanished") from cause
    except BlobMissing as exc:
        missing = exc
    assert translate_database_error(missing) is missing
    bug = ValueError("bad value")
    bug.__cause__ = ConnectionResetError()
    assert translate_database_error(bug) is bug
