"""/api/incidents/{id}/people and /api/people: the named people, one record per person across an incident's
reports (reconcile/people.py), the JSON of `headcount people` (views.person_record)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ... import views
from ...model import Policy
from ...reconcile.people import matches_name
from ..deps import get_snapshots
from ..schemas import PersonRecord, Problem
from ..snapshot import Snapshots

router = APIRouter(tags=["people"])
NOT_FOUND = {404: {"model": Problem, "description": "No such incident."}}
PolicyQuery = Annotated[Policy, Query(description="How each person's final status is chosen (as an account's "
                                      "best figure): latest, the latest word of the most authoritative source.")]


@router.get("/api/incidents/{incident_id}/people", response_model=list[PersonRecord], responses=NOT_FOUND)
def incident_people(incident_id: str, policy: PolicyQuery = "latest", snapshots: Snapshots = Depends(get_snapshots)):
    """The named people of one incident, in order of their first mention: names, status, reports, every
    mention with its spans, and why the mentions were merged (`headcount people --incident ID`)."""
    snapshots.current().incident(incident_id)  # 404 for an unknown incident
    return [views.person_record(r) for r in snapshots.people(policy).get(incident_id, [])]


@router.get("/api/people", response_model=list[PersonRecord])
def search_people(name: Annotated[str | None, Query(max_length=500, description="Words that begin words of the "
                                                    "person's name or of a name a report gives them, case and "
                                                    "accents aside: 'evans', 'adri', 'Sato Kenji'. Default: "
                                                    "everyone.")] = None,
                  incident: Annotated[str | None, Query(description="Only this incident's people.")] = None,
                  policy: PolicyQuery = "latest", snapshots: Snapshots = Depends(get_snapshots)):
    """Named people of every incident (or one), by name: each a record of one person across an incident's
    reports, incidents in order, then people in order of their first mention."""
    wanted = name if name and name.strip() else None
    found = snapshots.people(policy)
    return [views.person_record(r) for inc, records in found.items() if incident in (None, inc)
            for r in records if wanted is None or matches_name(r, wanted)]
