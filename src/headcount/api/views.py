"""The store's and the reconciler's objects as the API's JSON (the shapes of schemas.py)."""
from __future__ import annotations

from typing import Any

from ..labels import group_label, place_label
from ..model import Claim, IncidentAccount, Report
from ..reconcile import Incident, TimelinePoint
from ..reconcile.intervals import UNDATED, claim_moment, parse_moment
from ..render import incident_to_dict, timeline_to_dict


def claim(c: Claim, incident: str | None = None) -> dict[str, Any]:
    moment = claim_moment(c)
    return {**c.to_dict(), "moment": None if moment == UNDATED else moment.isoformat(),
            "group_label": group_label(c.group.nationality, c.group.foreign, c.group.side), "incident": incident}


def report(r: Report, claim_count: int, incident: str | None, stored_at: str | None = None) -> dict[str, Any]:
    return {"id": r.id, "version": r.version, "published": r.published, "outlet": r.outlet,
            "url": r.url, "language": r.language, "incident": incident, "claim_count": claim_count,
            "stored_at": stored_at}


def account(a: IncidentAccount) -> dict[str, Any]:
    """Exactly one incident of ``headcount account --format json``."""
    return incident_to_dict(a)


def incident(inc: Incident, claims: list[Claim], published: dict[str, str | None],
             everyone: IncidentAccount) -> dict[str, Any]:
    """An incident with its first and latest publication and everyone's figures by status."""
    # in time order, not string order: a bare date stands for the end of its day
    dates = sorted((d for d in (published.get(r) for r in inc.reports) if d), key=parse_moment)
    headline = [{"status": c.key.status, "low": c.low, "high": c.high, "best": c.best}
                for c in everyone.cells if c.key.side == "all"]
    return {"id": inc.id, "title": inc.title, "host": inc.host, "site": inc.site,
            "place": place_label(inc.site, inc.host) or None,
            "reports": list(inc.reports), "claims": len(claims),
            "first": dates[0] if dates else None, "latest": dates[-1] if dates else None, "headline": headline}


def timeline(incident_id: str, policy: str, points: list[TimelinePoint]) -> dict[str, Any]:
    """``headcount timeline --format json`` for one incident, with the policy and the dated moments."""
    moments = sorted({p.moment for p in points if p.moment is not None})
    return {**timeline_to_dict(incident_id, points), "policy": policy, "moments": moments}
