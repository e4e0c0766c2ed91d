"""/api/claims: the claims of the newest report versions, filtered."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ...model import Claim, SourceKind, Status
from ... import views
from ..deps import get_snapshots
from ..schemas import ClaimOut
from ..snapshot import Snapshots

router = APIRouter(prefix="/api/claims", tags=["claims"])


@router.get("", response_model=list[ClaimOut])
def list_claims(incident: Annotated[str | None, Query(description="An incident id.")] = None,
                status: Status | None = None,
                nationality: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$",
                                                         description="ISO 3166 alpha-2 code, as in claims.")] = None,
                source_kind: SourceKind | None = None,
                report: Annotated[str | None, Query(description="A report id.")] = None,
                offset: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int | None, Query(ge=1, description="At most this many (default: all).")] = None,
                snapshots: Snapshots = Depends(get_snapshots)):
    """Claims by incident, then in report and text order, each with the incident its report was grouped into."""
    snap = snapshots.current()

    def wanted(c: Claim, incident_id: str) -> bool:
        return ((incident is None or incident_id == incident) and (status is None or c.status == status)
                and (nationality is None or (c.group.nationality or "").upper() == nationality.upper())
                and (source_kind is None or c.source.kind == source_kind) and (report is None or c.report == report))

    found = [views.claim(c, inc.id) for inc, claims in snap.incidents for c in claims if wanted(c, inc.id)]
    return found[offset:None if limit is None else offset + limit]
