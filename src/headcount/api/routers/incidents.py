"""/api/incidents: the incidents, and each one's account and timeline."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator

from ...errors import Errors
from ...reconcile.intervals import ISO_MOMENT, is_moment
from ... import views
from ..deps import get_snapshots
from ...model import Policy
from ..schemas import AccountOut, IncidentOut, Problem, TimelineOut
from ..snapshot import Snapshots

router = APIRouter(prefix="/api/incidents", tags=["incidents"])
NOT_FOUND = {404: {"model": Problem, "description": "No such incident."}}
PolicyQuery = Annotated[Policy, Query(description="How each cell's best figure is chosen.")]


@router.get("", response_model=list[IncidentOut])
def list_incidents(snapshots: Snapshots = Depends(get_snapshots)):
    """The incidents, in order of their first report, each with everyone's latest figures."""
    snap = snapshots.current()
    published = {s.report.id: s.report.published for s in snap.reports}
    return [{**views.incident(inc, claims, published), "headline": views.headline(snapshots.account(inc.id).result)}
            for inc, claims in snap.incidents]



def _moment(value: str | None) -> str | None:
    if value is not None and not is_moment(value):
        raise ValueError(Errors.E012.format(value=value))
    return value


# The pattern documents what _moment enforces, with a clearer message than a pattern's.
AsOfQuery = Annotated[str | None, Query(description="Replay what was known then: an ISO 8601 date or date-time "
                                        "that exists, such as 2013-01-19, 2013-01-19T12:00 or "
                                        "2013-01-19 12:00:30.5+01:00.", json_schema_extra={"pattern": ISO_MOMENT}),
                      AfterValidator(_moment)]


@router.get("/{incident_id}/account", response_model=AccountOut, responses=NOT_FOUND)
def get_account(incident_id: str, policy: PolicyQuery = "latest", as_of: AsOfQuery = None,
                snapshots: Snapshots = Depends(get_snapshots)):
    """The account of one incident: per group and status, low, high and best, the claims behind each
    figure, and the conflicts (the JSON of `headcount account` for this incident)."""
    kept = snapshots.account(incident_id, policy, as_of)
    return {**views.account(kept.result), "stale": kept.stale}


@router.get("/{incident_id}/timeline", response_model=TimelineOut, responses=NOT_FOUND)
def get_timeline(incident_id: str, policy: PolicyQuery = "latest", snapshots: Snapshots = Depends(get_snapshots)):
    """Each cell's figures as of every moment a claim speaks of (`headcount timeline`)."""
    kept = snapshots.timeline(incident_id, policy)
    return {**views.timeline(incident_id, policy, kept.result), "stale": kept.stale}
