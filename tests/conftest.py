from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.db import migrations
from pipeline.db.engine import Database
from pipeline.db.tables import metadata
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from tests.support.postgres import temporary_database

pytest_plugins = ["tests.support.gcs_emulator"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database for this test run, migrated to head."""
    with temporary_database() as url:
        migrations.upgrade(url)
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "pipeline.db"
    url = f"sqlite+aiosqlite:///{path}"
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session", params=["postgres", "sqlite"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Both backends the product supports: PostgreSQL (distributed) and SQLite (embedded)."""
    return str(request.getfixturevalue(f"{request.param}_url"))


async def _truncate(database: Database) -> None:
    try:
        await _truncate_once(database)
    except sa.exc.DBAPIError as error:
        # A test that terminated the server's connections (test_database_restart) leaves dead
        # ones in this session-wide pool; the engine does not ping them at check-out, so, as
        # the pipeline's own retries do, find one at its first use and go again on a fresh one.
        if not error.connection_invalidated:
            raise
        await _truncate_once(database)


async def _truncate_once(database: Database) -> None:
    async with database.engine.begin() as conn:
        if database.is_sqlite:
            for table in reversed(metadata.sorted_tables):
                await conn.execute(table.delete())
        else:
            names = ", ".join(t.name for t in metadata.sorted_tables)
            await conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
async def _databases() -> AsyncIterator[dict[str, Database]]:
    opened: dict[str, Database] = {}
    yield opened
    for db in opened.values():
        await db.dispose()


@pytest.fixture
async def database(database_url: str, _databases: dict[str, Database]) -> Database:
    """A clean migrated database (PostgreSQL and SQLite), one engine per URL for the session."""
    if database_url not in _databases:
        _databases[database_url] = Database(database_url)
    db = _databases[database_url]
    await _truncate(db)
    return db


@pytest.fixture
async def pg_database(postgres_url: str, _databases: dict[str, Database]) -> Database:
    if postgres_url not in _databases:
        _databases[postgres_url] = Database(postgres_url)
    db = _databases[postgres_url]
    await _truncate(db)
    return db


@pytest.fixture
def uow_factory(database: Database) -> Callable[[], SqlAlchemyUnitOfWork]:
    return lambda: SqlAlchemyUnitOfWork(database)
