"""The Alembic migrations on a real, empty PostgreSQL database."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from pipeline.db import migrations
from pipeline.db.tables import metadata
from pipeline.domain.model import normalize_name
from tests.support.postgres import temporary_database

_ADDED_BY_0007 = {"api_keys", "corrections"}
_ADDED_BY_0008 = {"worker_heartbeats", "broker_epochs"}


@pytest.fixture
def empty_database() -> Iterator[str]:
    with temporary_database("pipeline_migrations") as url:
        yield url


def _inspect(url: str, fn: Any) -> Any:
    async def run() -> Any:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return await conn.run_sync(fn)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _tables(url: str) -> set[str]:
    return set(_inspect(url, lambda c: sa.inspect(c).get_table_names()))


def _enum_types(url: str) -> set[str]:
    return {
        e["name"]
        for e in _inspect(url, lambda c: sa.inspect(c).get_enums())  # type: ignore[attr-defined]
    }


def _diff(url: str) -> list[Any]:
    def compare(conn: sa.Connection) -> list[Any]:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, metadata))

    return list(_inspect(url, compare))


def test_upgrade_downgrade_upgrade_and_no_autogenerate_diff(empty_database: str) -> None:
    url = empty_database
    migrations.upgrade(url)
    expected = {t.name for t in metadata.sorted_tables} | {"alembic_version"}
    assert _tables(url) == expected
    assert _enum_types(url) == {"document_status"}
    assert migrations.current_revision(url) == "0008"
    assert _diff(url) == []  # models and migrations agree

    migrations.downgrade(url, "base")
    assert _tables(url) == {"alembic_version"}
    assert _enum_types(url) == set()

    migrations.upgrade(url)
    assert _tables(url) == expected
    assert _diff(url) == []


def test_stepwise_downgrade_removes_only_the_second_revision(empty_database: str) -> None:
    migrations.upgrade(empty_database)
    migrations.downgrade(empty_database, "0001")
    tables = _tables(empty_database)
    assert "documents" in tables and "submissions" not in tables
    assert "document_pages" not in tables
    # ...and the comparison really notices the tables the database now lacks.
    added = {op[1].name for op in _diff(empty_database) if op[0] == "add_table"}
    assert added == {"submissions", "document_pages", "document_parts"} | _ADDED_BY_0007 | (
        _ADDED_BY_0008
    )


def test_downgrade_of_0004_removes_document_parts_only(empty_database: str) -> None:
    migrations.upgrade(empty_database)
    migrations.downgrade(empty_database, "0003")
    assert "document_parts" not in _tables(empty_database)
    diff = _diff(empty_database)
    added = {op[1].name for op in diff if op[0] == "add_table"}
    assert added == {"document_parts"} | _ADDED_BY_0007 | _ADDED_BY_0008
    assert sorted(op[3].name for op in diff if op[0] == "add_column") == [
        "part_number",
        "resent_at",
    ]


def test_downgrade_of_0007_removes_keys_and_corrections_only(empty_database: str) -> None:
    migrations.upgrade(empty_database)
    migrations.downgrade(empty_database, "0006")
    assert not _ADDED_BY_0007 & _tables(empty_database)
    added = {op[1].name for op in _diff(empty_database) if op[0] == "add_table"}
    assert added == _ADDED_BY_0007 | _ADDED_BY_0008
    migrations.upgrade(empty_database)
    assert _diff(empty_database) == []


def test_downgrade_of_0008_removes_liveness_only(empty_database: str) -> None:
    migrations.upgrade(empty_database)
    migrations.downgrade(empty_database, "0007")
    assert not _ADDED_BY_0008 & _tables(empty_database)
    assert _tables(empty_database) >= _ADDED_BY_0007
    diff = _diff(empty_database)
    assert {op[1].name for op in diff if op[0] == "add_table"} == _ADDED_BY_0008
    assert [(op[2], op[3].name) for op in diff if op[0] == "add_column"] == [
        ("submissions", "resent_at")
    ]
    migrations.upgrade(empty_database)
    assert _diff(empty_database) == []


def test_embedded_sqlite_is_built_by_the_same_migrations(tmp_path: Any) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'embedded.db'}"
    migrations.upgrade(url)
    assert _tables(url) == {t.name for t in metadata.sorted_tables} | {"alembic_version"}
    assert _diff(url) == []


def test_0005_refolds_stored_names_with_undecomposed_letters(empty_database: str) -> None:
    url = empty_database
    migrations.upgrade(url, "0004")
    insert = sa.text(
        "INSERT INTO borrowers (id, name, normalized_name, confidence, created_at, updated_at) "
        "VALUES (:id, :name, :norm, 1.0, now(), now())"
    )

    def seed(conn: sa.Connection) -> None:
        # as the application wrote them before 0005: the undecomposed letter became a space
        conn.execute(
            insert, {"id": uuid.uuid4(), "name": "Eleanor Nørgaard", "norm": "eleanor n rgaard"}
        )
        conn.execute(insert, {"id": uuid.uuid4(), "name": "José Peña", "norm": "jose pena"})
        conn.commit()

    def names(conn: sa.Connection) -> dict[str, str]:
        rows = conn.execute(sa.text("SELECT name, normalized_name FROM borrowers"))
        return {name: norm for name, norm in rows}

    _inspect(url, seed)
    migrations.upgrade(url)
    after = _inspect(url, names)
    assert after == {
        "Eleanor Nørgaard": normalize_name("Eleanor Norgaard"),
        "José Peña": "jose pena",
    }
    assert after["Eleanor Nørgaard"] == "eleanor norgaard"

    migrations.downgrade(url, "0004")
    assert _inspect(url, names)["Eleanor Nørgaard"] == "eleanor n rgaard"
