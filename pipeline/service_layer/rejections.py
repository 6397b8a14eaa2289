"""Messages that broke the task contract (``workers.contracts``): recorded where the producer
will look, never run.

An ingest message whose ``submission_id`` is a UUID is recorded under that id: the submission
is ``rejected`` with the reason, and a ``SubmissionRejected`` event goes to the outbox in the
same unit of work, so the producer sees it in the submission's status and in the event stream.
Everything else (no usable id, another task's message, an id whose submission was already
ingested or failed) goes to the dead-letter store for an operator (``pipeline deadletters``).
Neither place holds an argument's value: reasons name arguments and rules, the dead letter
the arguments' names and JSON types.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field

from pipeline.dead_letters import DeadLetter, DeadLetterStore
from pipeline.domain.model import Submission, SubmissionStatus
from pipeline.service_layer.deps import Dependencies

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RejectedMessage:
    """A refused message, described without its values (but for the ingest fields that
    passed, which the submission row records as any hand-in's are)."""

    task_name: str
    task_id: str | None
    reason: str
    arg_types: list[str] = field(default_factory=list)
    kwarg_types: dict[str, str] = field(default_factory=dict)
    submission_id: uuid.UUID | None = None
    filename: str = ""
    staging_key: str = ""
    size_bytes: int = 0


@dataclass(frozen=True)
class Rejection:
    recorded_on: str  # "submission" | "dead_letters"
    reason: str


async def reject_message(
    deps: Dependencies, dead_letters: DeadLetterStore, message: RejectedMessage
) -> Rejection:
    """Record ``message`` as rejected: on its submission when it names one that can take it,
    else as a dead letter. Idempotent for a redelivered message on a submission."""
    reason = message.reason
    if message.submission_id is not None:
        standing = await _reject_submission(deps, message)
        if standing is None:
            log.warning(
                "rejected %s message for submission %s: %s",
                message.task_name,
                message.submission_id,
                reason,
            )
            return Rejection("submission", reason)
        reason = f"{reason} (submission {message.submission_id} is already {standing})"
    letter = DeadLetter(
        task=message.task_name,
        task_id=message.task_id,
        received_at=deps.clock().isoformat(),
        reason=reason,
        args=list(message.arg_types),
        kwargs=dict(message.kwarg_types),
    )
    await asyncio.to_thread(dead_letters.add, letter)
    log.warning(
        "rejected %s message %s: %s; kept in %s",
        message.task_name,
        message.task_id,
        reason,
        dead_letters.destination,
    )
    return Rejection("dead_letters", reason)


async def _reject_submission(deps: Dependencies, message: RejectedMessage) -> str | None:
    """None once the submission is rejected (now or by an earlier delivery); else the status of
    a submission that already has another outcome, which a stray message must not overwrite."""
    assert message.submission_id is not None
    now = deps.clock()
    async with deps.uow_factory() as uow:
        submission: Submission | None = await uow.submissions.get(message.submission_id)
        if submission is None:
            submission = Submission(
                id=message.submission_id,
                filename=message.filename,
                size_bytes=message.size_bytes,
                staging_key=message.staging_key,
                submitted_at=now,
            )
            submission.reject(message.reason, task_name=message.task_name, now=now)
            await uow.submissions.add(submission)
        elif submission.status is SubmissionStatus.RECEIVED:
            submission.reject(message.reason, task_name=message.task_name, now=now)
            if not await uow.submissions.reject(submission):
                return "ingested or failed"  # an ingest got there first
        elif submission.status is SubmissionStatus.REJECTED:
            return None
        else:
            return str(submission.status)
        await uow.commit()
    return None
