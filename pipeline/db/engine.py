"""Async engine and session factory.

An AsyncEngine's pooled connections belong to the event loop that opened them, so a
:class:`Database` is created inside the loop that will use it (one per worker process, one per
CLI invocation) and refuses to be used from another loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from pipeline.db.mappers import start_mappers


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        # One writer at a time; wait for the lock instead of failing at once.
        kwargs["connect_args"] = {"timeout": 30}
    else:
        # No pre-ping (a round trip at every check-out): a connection that died in the pool (a
        # server restart) is found at its first statement instead. SQLAlchemy takes that error
        # for a disconnect and renews the pool's older connections with it; the unit of work
        # raises it as DatabaseUnavailable, which every caller retries (the retry runs on a
        # fresh connection). Recycling bounds how long an idle connection is trusted.
        kwargs.update(pool_size=5, max_overflow=5, pool_recycle=1800)
    engine = create_async_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    return engine


class Database:
    """An engine plus its session factory, bound to one event loop."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        start_mappers()
        self.url = url
        self.engine = create_engine(url, echo=echo)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def session(self) -> AsyncSession:
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise RuntimeError(
                "this Database was opened on another event loop; create one per loop/process"
            )
        return self.sessions()

    async def dispose(self) -> None:
        await self.engine.dispose()
