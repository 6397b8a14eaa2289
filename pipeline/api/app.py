"""The FastAPI application.

``create_app(settings)`` builds it; its lifespan opens one database engine and the service
layer's Dependencies in the server's own event loop and disposes of them at shutdown (an
AsyncEngine must not be shared across loops). The Celery app and the process runtime are put on
the same settings, so a submission is enqueued exactly as ``pipeline ingest`` enqueues it.

Errors: the service layer's transient trouble (database, blob store) is 503 with Retry-After;
a request that does not fit the OpenAPI document is 422 without echoing the input (it may carry
an SSN); anything unexpected is a bare 500 and a log line (redacted like every log line)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from pipeline.api import review, routes
from pipeline.api.deps import ApiState
from pipeline.bootstrap import close_runtime, get_runtime
from pipeline.config import Settings
from pipeline.domain.errors import PipelineError, RetryableError
from pipeline.logging import redact_log_text

log = logging.getLogger(__name__)

API_TITLE = "Loan document pipeline"
API_VERSION = "1"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API on ``settings`` (from the environment when None)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from workers.app import app as celery_app  # the producer side of the task contract
        from workers.app import configure

        # Enqueueing uses the Celery app, and the eager chain (embedded mode) runs in worker
        # threads on the process runtime (with its own loop, never this one): both on these
        # settings for the server's lifetime. The runtime is closed in a thread, since closing
        # runs its loop.
        before: Settings = celery_app.conf.pipeline_settings
        await anyio.to_thread.run_sync(close_runtime)
        configure(settings)
        await anyio.to_thread.run_sync(get_runtime, settings)
        state = await anyio.to_thread.run_sync(ApiState.open, settings)
        app.state.api = state
        try:
            yield
        finally:
            await state.close()
            await anyio.to_thread.run_sync(close_runtime)
            configure(before)

    app = FastAPI(
        title=API_TITLE,
        version=API_VERSION,
        description=(
            "Hand in mortgage and loan documents and read what was extracted from them. "
            "Every route needs an API key (`pipeline apikey create`) with the route's scope."
        ),
        lifespan=lifespan,
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: a reviewer's browser
        # would call out of the app. The OpenAPI document itself is served.
        docs_url=None,
        redoc_url=None,
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(PipelineError, _pipeline_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.include_router(routes.router)
    app.include_router(review.router)
    return app


def create_app_from_environment() -> FastAPI:
    """The app on the environment's settings, its logging set up as ``pipeline`` sets it up:
    the factory each process of ``pipeline api --workers N`` calls (spawned processes inherit
    no logging configuration)."""
    from pipeline.logging import configure_logging

    settings = Settings()
    level = logging.getLevelName(settings.log_level.upper())
    configure_logging(
        level=level if isinstance(level, int) else logging.INFO, json_format=settings.log_json
    )
    return create_app(settings)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Pydantic's errors carry the rejected input; it is not echoed back.
    errors: list[dict[str, Any]] = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": redact_log_text(str(error.get("msg", ""))),
            "type": error.get("type"),
        }
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": errors})


async def _pipeline_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, RetryableError):
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse(
            status_code=503,
            content={"detail": f"temporarily unavailable: {redact_log_text(str(exc))}"},
            headers={"Retry-After": "5"},
        )
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error(
        "%s %s failed: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc
    )
    return JSONResponse(status_code=500, content={"detail": "internal error"})
