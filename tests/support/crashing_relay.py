"""Run one outbox relay batch against a real database and Redis stream, and die (``os._exit``,
no cleanup, no commit) right after the first event is published: the crash between "published"
and "marked processed" that at-least-once delivery must survive.

    python -m tests.support.crashing_relay DATABASE_URL REDIS_URL STREAM
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.db.unit_of_work import SqlAlchemyUnitOfWork
from pipeline.domain.events import OutboxMessage
from pipeline.pii import PiiProtector
from pipeline.publishing import RedisStreamPublisher
from pipeline.service_layer.deps import Dependencies
from pipeline.service_layer.operations import relay_outbox
from pipeline.storage import LocalBlobStore

CRASH_EXIT_CODE = 37


class DieAfterFirstPublish:
    def __init__(self, inner: RedisStreamPublisher) -> None:
        self.inner = inner
        self.destination = inner.destination

    def publish(self, message: OutboxMessage) -> None:
        self.inner.publish(message)
        os._exit(CRASH_EXIT_CODE)

    def close(self) -> None:
        self.inner.close()


async def main(database_url: str, redis_url: str, stream: str) -> None:
    database = Database(database_url)
    scratch = Path(tempfile.mkdtemp())
    deps = Dependencies(
        settings=Settings(var_dir=scratch),
        uow_factory=lambda: SqlAlchemyUnitOfWork(database),
        blobs=LocalBlobStore(scratch / "blobs"),
        pii=PiiProtector(b"unused-in-this-process-0123456789"),
    )
    publisher = DieAfterFirstPublish(RedisStreamPublisher(redis_url, stream, maxlen=10_000))
    await relay_outbox(deps, publisher)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
    sys.exit(0)  # not reached when there was an event to publish
