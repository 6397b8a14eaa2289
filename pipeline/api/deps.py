"""What a request handler gets from the application: the service layer's Dependencies, built
once per server process in the server's own event loop (``create_app``'s lifespan)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import anyio
from fastapi import Request

from pipeline.bootstrap import build_dependencies, ensure_schema
from pipeline.config import Settings
from pipeline.db.engine import Database
from pipeline.fairness import HandInLedger, build_hand_in_ledger
from pipeline.service_layer.deps import Dependencies
from pipeline.service_layer.page_images import PageRenderer


@dataclass
class ApiState:
    """The server process's database engine and the Dependencies built on it."""

    settings: Settings
    database: Database
    deps: Dependencies
    renderer: PageRenderer
    # Hand-ins counted per API key, for fairness between producers (pipeline.fairness).
    hand_ins: HandInLedger
    # Uploads being copied to the staging area at once: each GCS upload holds one 8 MiB chunk,
    # so this bounds the memory concurrent uploads take, and the blob store's connections.
    staging_slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(4))

    @classmethod
    def open(cls, settings: Settings) -> ApiState:
        """Build the state; call inside the event loop that serves requests (the engine's
        pooled connections belong to that loop)."""
        if settings.sqlalchemy_url.startswith("sqlite"):
            # Embedded: the database is created and kept current by the migrations.
            ensure_schema(settings.sqlalchemy_url)
        database = Database(settings.sqlalchemy_url)
        return cls(
            settings=settings,
            database=database,
            deps=build_dependencies(settings, database),
            renderer=PageRenderer(settings.var_dir / "page-images"),
            hand_ins=build_hand_in_ledger(settings),
        )

    async def close(self) -> None:
        await anyio.to_thread.run_sync(self.renderer.close)
        self.hand_ins.close()
        await self.database.dispose()


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


def get_deps(request: Request) -> Dependencies:
    """The service layer's Dependencies (a FastAPI dependency: ``Depends(get_deps)``)."""
    return get_state(request).deps


def get_settings(request: Request) -> Settings:
    return get_state(request).settings
