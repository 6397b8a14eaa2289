"""Use cases of the HTTP API's keys: create (the secret is returned once, never stored), list,
revoke, and authenticate a request's key."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import timedelta

from pipeline.domain.api_keys import ApiKey, hash_secret, new_secret, parse_scopes, shown_prefix
from pipeline.service_layer.deps import Dependencies

# ``last_used_at`` is written at most this often per key: a request is not a write.
_TOUCH_EVERY = timedelta(minutes=1)


async def create_api_key(
    deps: Dependencies, *, name: str, scopes: Iterable[str]
) -> tuple[ApiKey, str]:
    """A new key with ``scopes``; returns it and its secret (shown to the caller once)."""
    name = name.strip()
    if not name:
        raise ValueError("an API key needs a name (who or what uses it)")
    granted = parse_scopes(tuple(scopes))
    if not granted:
        raise ValueError("an API key needs at least one scope")
    secret = new_secret()
    key = ApiKey(
        id=uuid.uuid4(),
        name=name,
        prefix=shown_prefix(secret),
        key_hash=hash_secret(secret),
        scopes=granted,
        created_at=deps.clock(),
    )
    async with deps.uow_factory() as uow:
        await uow.api_keys.add(key)
        await uow.commit()
    return key, secret


async def list_api_keys(deps: Dependencies) -> list[ApiKey]:
    async with deps.uow_factory() as uow:
        keys: list[ApiKey] = await uow.api_keys.list()
    return keys


async def revoke_api_key(deps: Dependencies, key_id: uuid.UUID) -> bool:
    """Revoke the key; False when there is no active key with that id."""
    async with deps.uow_factory() as uow:
        revoked: bool = await uow.api_keys.revoke(key_id, now=deps.clock())
        await uow.commit()
    return revoked


async def authenticate(deps: Dependencies, secret: str) -> ApiKey | None:
    """The active key whose secret this is, or None (unknown or revoked)."""
    now = deps.clock()
    async with deps.uow_factory() as uow:
        key: ApiKey | None = await uow.api_keys.get_by_hash(hash_secret(secret))
        if key is None or not key.active:
            return None
        if key.last_used_at is None or now - key.last_used_at >= _TOUCH_EVERY:
            await uow.api_keys.touch(key.id, now=now)
            await uow.commit()
    return key
