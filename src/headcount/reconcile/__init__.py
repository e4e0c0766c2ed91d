"""Reconcile: claims -> incidents -> an account per incident (bounds, conflicts, best figures, timeline)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import Claim, IncidentAccount, Report
from .account import account_incident
from .incidents import Incident, cluster
from .policies import POLICIES, Weights, load_weights
from .timeline import TimelinePoint, timeline

__all__ = ["POLICIES", "Incident", "TimelinePoint", "Weights", "account_incident", "account_incidents",
           "claims_by_incident", "cluster", "load_weights", "timeline"]


def claims_by_incident(reports: Iterable, claims: Iterable[Claim]) -> list[tuple[Incident, list[Claim]]]:
    """The incidents of the reports (StoredReport or Report), each with its claims."""
    plain: list[Report] = [getattr(r, "report", r) for r in reports]
    incidents = cluster(plain)
    incident_of = {rid: inc.id for inc in incidents for rid in inc.reports}
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.report in incident_of:
            grouped[incident_of[c.report]].append(c)
    return [(inc, grouped[inc.id]) for inc in incidents]


def account_incidents(reports: Iterable, claims: Iterable[Claim], *, policy: str = "latest",
                      as_of: str | None = None, weights: Weights | None = None,
                      incident: str | None = None) -> list[IncidentAccount]:
    """One account per incident (or only ``incident``'s)."""
    weights = weights or load_weights()
    return [account_incident(inc.id, inc.title, inc.reports, cs, host=inc.host, policy=policy, as_of=as_of,
                             weights=weights)
            for inc, cs in claims_by_incident(reports, claims) if incident in (None, inc.id)]
