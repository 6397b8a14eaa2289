"""The ``/v1`` routes: thin handlers over the service layer and its read models."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from pipeline.api.auth import Principal, require_scope
from pipeline.api.deps import get_deps
from pipeline.service_layer import views
from pipeline.service_layer.deps import Dependencies

router = APIRouter(prefix="/v1")

Deps = Annotated[Dependencies, Depends(get_deps)]
Reader = Annotated[Principal, Depends(require_scope("read"))]


@router.get("/submissions/{submission_id}", tags=["submissions"])
async def get_submission(submission_id: uuid.UUID, deps: Deps, _: Reader) -> dict[str, Any]:
    """Where a submission stands: QUEUED until ingested, then its document's status."""
    (view,) = await views.submission_results(deps, [submission_id])
    if view["status"] == "unknown":
        raise HTTPException(status_code=404, detail=f"no submission {submission_id}")
    return view
