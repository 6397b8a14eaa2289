"""API-key authentication and scopes.

A key is accepted from ``Authorization: Bearer <key>``, from ``X-API-Key``, or from the cookie
``pipeline_api_key`` (how the review page keeps a person logged in). No key, an unknown or a
revoked key is 401; a key without the scope a route needs is 403. Keys are created with
``pipeline apikey create``; only their SHA-256 is stored."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from pipeline.api.deps import get_deps
from pipeline.domain.api_keys import Scope
from pipeline.service_layer import api_keys
from pipeline.service_layer.deps import Dependencies

COOKIE_NAME = "pipeline_api_key"
HEADER_NAME = "X-API-Key"

# auto_error=False: a missing credential is ours to answer (401 with WWW-Authenticate), and the
# three schemes are alternatives. They also document the schemes in the OpenAPI document.
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_header = APIKeyHeader(name=HEADER_NAME, auto_error=False, description="The API key")
_cookie = APIKeyCookie(
    name=COOKIE_NAME, auto_error=False, description="The API key (set by the review page)"
)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the API key's id, name and scopes."""

    key_id: uuid.UUID
    name: str
    scopes: frozenset[str]

    def has(self, scope: str) -> bool:
        return scope in self.scopes


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def principal_from_secret(deps: Dependencies, secret: str | None) -> Principal | None:
    """The principal of an API key's secret; None when it is missing, unknown or revoked."""
    if not secret:
        return None
    key = await api_keys.authenticate(deps, secret.strip())
    if key is None:
        return None
    return Principal(key_id=key.id, name=key.name, scopes=frozenset(s.value for s in key.scopes))


async def optional_principal(
    request: Request,
    deps: Annotated[Dependencies, Depends(get_deps)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header_key: Annotated[str | None, Depends(_header)],
    cookie_key: Annotated[str | None, Depends(_cookie)],
) -> Principal | None:
    """The caller, or None when the request carries no valid key (for pages that send a person
    to a log-in form instead of answering 401)."""
    secret = (bearer.credentials if bearer else None) or header_key or cookie_key
    return await principal_from_secret(deps, secret)


async def current_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header_key: Annotated[str | None, Depends(_header)],
    cookie_key: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    """The caller; 401 without a valid key."""
    if principal is not None:
        return principal
    if bearer is None and not header_key and not cookie_key:
        raise _unauthorized(
            f"an API key is required (Authorization: Bearer <key>, {HEADER_NAME} or the "
            f"{COOKIE_NAME} cookie); create one with `pipeline apikey create`"
        )
    raise _unauthorized("the API key is unknown or revoked")


def require_scope(scope: str) -> Callable[..., Awaitable[Principal]]:
    """A FastAPI dependency: the caller, who must hold ``scope`` (401 without a valid key, 403
    without the scope). ``Depends(require_scope("read"))``."""
    wanted = Scope(scope).value

    async def dependency(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.has(wanted):
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail=f"this API key lacks the {wanted!r} scope",
            )
        return principal

    dependency.__name__ = f"require_{wanted}_scope"
    return dependency
