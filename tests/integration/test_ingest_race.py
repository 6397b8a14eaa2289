"""One submission ingested twice at the same moment (a re-sent task racing the original, as the
reconciler and broker redelivery can cause) on real PostgreSQL: one document, and neither run
calls it a duplicate of itself or reports the submission FAILED."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from pipeline.db.engine import Database
from pipeline.domain.model import Submission, SubmissionStatus
from pipeline.service_layer import services
from pipeline.storage import staging_key
from tests.support import docs
from tests.support.deps import Clock, make_deps


async def test_the_same_submission_ingested_twice_at_once(
    pg_database: Database, tmp_path: Path
) -> None:
    deps = make_deps(pg_database, tmp_path, Clock())
    for round_ in range(5):
        path = tmp_path / f"race-{round_}.pdf"
        docs.text_pdf(path, [[f"Race {round_}", str(uuid.uuid4())]])
        submission = Submission(
            id=uuid.uuid4(),
            filename=path.name,
            size_bytes=path.stat().st_size,
            staging_key=staging_key(uuid.uuid4(), path.name),
            submitted_at=deps.clock(),
        )
        deps.blobs.put_file(submission.staging_key, path)
        await services.register_submission(deps, submission)

        def ingest(submission: Submission) -> asyncio.Task[services.IngestOutcome]:
            return asyncio.ensure_future(
                services.ingest(
                    deps,
                    submission_id=submission.id,
                    staging_key=submission.staging_key,
                    filename=submission.filename,
                    size_bytes=submission.size_bytes,
                )
            )

        first, second = await asyncio.gather(ingest(submission), ingest(submission))

        assert first.document_id is not None and first.document_id == second.document_id
        assert (first.duplicate, second.duplicate) == (False, False)
        assert {first.status, second.status} <= {"PENDING"}
        async with deps.uow_factory() as uow:
            stored = await uow.submissions.get(submission.id)
        assert stored is not None and stored.status is SubmissionStatus.RESOLVED
        assert stored.duplicate is False
