"""Where the outbox relay publishes domain events: a Redis stream, or a JSON-lines file when
the pipeline runs embedded (no Redis).

The message contract (documented in the README; other systems read it, keep it stable):

    outbox_id       the outbox row id: unique per event, increasing; consumers deduplicate on it
                    (delivery is at least once: a relay that dies after publishing but before
                    marking the row sends it again)
    event_type      DocumentStored, DocumentProcessingStarted, DocumentCompleted, DocumentFailed,
                    DocumentReprocessRequested, DocumentRequeued, RecordCorrected;
                    SubmissionRejected
    aggregate_type  "document" ("submission" for SubmissionRejected)
    aggregate_id    the document id (the submission id)
    occurred_at     ISO 8601, UTC
    payload         JSON object: ids, hashes, statuses, counts and error messages, never PII

In the stream every field is a string (``payload`` is JSON text); in the file each line is one
JSON object with the same keys (``payload`` as an object). The relay and ``pipeline outbox
replay`` publish through the same :class:`EventPublisher`, so a replayed event is the same message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import redis

from pipeline.config import Settings
from pipeline.domain.errors import RetryableError
from pipeline.domain.events import OutboxMessage
from pipeline.jsonlines import append_json_line


class PublishFailed(RetryableError):
    """The destination did not take the event; the relay tries again later."""


class EventPublisher(Protocol):
    destination: str

    def publish(self, message: OutboxMessage) -> None:
        """Hand the event to the destination durably, or raise :class:`PublishFailed`."""
        ...

    def close(self) -> None: ...


class RedisStreamPublisher:
    """``XADD`` to a stream, trimmed approximately to ``maxlen`` entries. Consumers read it with
    consumer groups (``XREADGROUP``), each group receiving every event."""

    def __init__(self, url: str, stream: str, *, maxlen: int) -> None:
        self.stream = stream
        self.maxlen = maxlen
        self.destination = f"redis stream {stream!r}"
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)

    def publish(self, message: OutboxMessage) -> None:
        fields = {
            key: value if isinstance(value, str) else json.dumps(value)
            for key, value in message.as_dict().items()
        }
        try:
            self._redis.xadd(self.stream, fields, maxlen=self.maxlen, approximate=True)  # type: ignore[arg-type]
        except redis.RedisError as exc:
            raise PublishFailed(f"could not publish to {self.destination}: {exc}") from exc

    def close(self) -> None:
        self._redis.close()


class JsonLinesPublisher:
    """Append one JSON line per event to a file and fsync it (embedded mode)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.destination = f"file {path}"

    def publish(self, message: OutboxMessage) -> None:
        try:
            append_json_line(self.path, message.as_dict())
        except OSError as exc:
            raise PublishFailed(f"could not append to {self.destination}: {exc}") from exc

    def close(self) -> None:
        pass


def build_publisher(settings: Settings) -> EventPublisher:
    if settings.broker_url:
        return RedisStreamPublisher(
            settings.broker_url, settings.events_stream, maxlen=settings.events_stream_maxlen
        )
    return JsonLinesPublisher(settings.events_file)
