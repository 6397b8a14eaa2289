"""Where task messages that broke the task contract are kept when there is no submission to
record them under: a bounded Redis list, or a JSON-lines file when the pipeline runs embedded.

An entry says what arrived and why it was refused, never what it carried: the task name, the
task id, the reason (argument names and the rule broken), when it was received, and the shape of
the arguments (each one's name and JSON type). Values are left out because a producer's
arguments may hold a file name, metadata or worse (an SSN typed into the wrong field).

    {"task": "pipeline.ingest_document", "task_id": "...", "received_at": "2026-...+00:00",
     "reason": "submission_id: not a UUID", "args": ["string"],
     "kwargs": {"staging_key": "string", "size_bytes": "integer"}}
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pipeline.config import Settings
from pipeline.domain.errors import RetryableError
from pipeline.jsonlines import append_json_line


class DeadLetterUnavailable(RetryableError):
    """The dead-letter store did not take the entry (Redis down, disk full)."""


@dataclass(frozen=True)
class DeadLetter:
    task: str
    task_id: str | None
    received_at: str  # ISO 8601, UTC
    reason: str
    args: list[str] = field(default_factory=list)  # JSON type of each positional argument
    kwargs: dict[str, str] = field(default_factory=dict)  # name -> JSON type

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class DeadLetterStore(Protocol):
    destination: str

    def add(self, letter: DeadLetter) -> None:
        """Keep ``letter`` (dropping the oldest beyond the bound), or raise
        :class:`DeadLetterUnavailable`."""
        ...

    def count(self) -> int: ...

    def newest(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` entries, newest first."""
        ...

    def close(self) -> None: ...


class RedisDeadLetterList:
    """``LPUSH`` then ``LTRIM`` to the newest ``maxlen`` entries, in one transaction."""

    def __init__(self, url: str, key: str, *, maxlen: int) -> None:
        import redis  # here: embedded mode (a JSON-lines file) never loads the client

        self._errors = redis.RedisError
        self.key = key
        self.maxlen = maxlen
        self.destination = f"redis list {key!r}"
        self._redis = redis.Redis.from_url(
            url, socket_timeout=5, socket_connect_timeout=5, decode_responses=True
        )

    def add(self, letter: DeadLetter) -> None:
        try:
            with self._redis.pipeline(transaction=True) as pipe:
                pipe.lpush(self.key, json.dumps(letter.as_dict(), sort_keys=True))
                pipe.ltrim(self.key, 0, self.maxlen - 1)
                pipe.execute()
        except self._errors as exc:
            raise DeadLetterUnavailable(f"could not add to {self.destination}: {exc}") from exc

    def count(self) -> int:
        return int(self._redis.llen(self.key))

    def newest(self, limit: int) -> list[dict[str, Any]]:
        if limit <= 0:
            return []
        return [json.loads(item) for item in self._redis.lrange(self.key, 0, limit - 1)]

    def close(self) -> None:
        self._redis.close()


class JsonLinesDeadLetters:
    """One JSON line per entry (embedded mode), rewritten to the newest ``maxlen`` lines when it
    grows past twice that (rejections are rare: the rewrite is cheap)."""

    def __init__(self, path: Path, *, maxlen: int) -> None:
        self.path = path
        self.maxlen = maxlen
        self.destination = f"file {path}"

    def add(self, letter: DeadLetter) -> None:
        try:
            append_json_line(self.path, letter.as_dict())
            lines = self._lines()
            if len(lines) > 2 * self.maxlen:
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text("".join(f"{x}\n" for x in lines[-self.maxlen :]), encoding="utf-8")
                tmp.replace(self.path)
        except OSError as exc:
            raise DeadLetterUnavailable(f"could not append to {self.destination}: {exc}") from exc

    def _lines(self) -> list[str]:
        if not self.path.exists():
            return []
        return [x for x in self.path.read_text(encoding="utf-8").splitlines() if x.strip()]

    def count(self) -> int:
        return min(len(self._lines()), self.maxlen)

    def newest(self, limit: int) -> list[dict[str, Any]]:
        lines = self._lines()[-self.maxlen :]
        return [json.loads(x) for x in reversed(lines[-limit:])] if limit > 0 else []

    def close(self) -> None:
        pass


def build_dead_letters(settings: Settings) -> DeadLetterStore:
    if settings.broker_url:
        return RedisDeadLetterList(
            settings.broker_url, settings.dead_letters_key, maxlen=settings.dead_letters_max
        )
    return JsonLinesDeadLetters(settings.dead_letters_file, maxlen=settings.dead_letters_max)
