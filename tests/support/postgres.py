"""Per-run PostgreSQL databases: created on 127.0.0.1:5432, migrated with the real Alembic
migrations, dropped afterwards."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg

from tests.support.services import port_open, require

ADMIN_DSN = os.environ.get("PIPELINE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def postgres_available() -> bool:
    host_port = ADMIN_DSN.split("@", 1)[1].split("/", 1)[0]
    host, _, port = host_port.partition(":")
    return port_open(host, int(port or 5432))


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def temporary_database(prefix: str = "pipeline_test") -> Iterator[str]:
    """Create an empty database and yield its SQLAlchemy (asyncpg) URL; drop it afterwards."""
    require(postgres_available(), f"PostgreSQL at {ADMIN_DSN}")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    base = ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
