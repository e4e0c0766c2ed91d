"""Each cell's figures over time: the account replayed as of every moment a claim speaks of."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import CellKey, Claim
from .account import account_incident
from .intervals import UNDATED, claim_moment
from .policies import Weights


@dataclass(frozen=True)
class TimelinePoint:
    moment: str | None          # ISO date-time; None for undated claims
    key: CellKey
    low: int | None
    high: int | None
    best: int | None
    claims: tuple[str, ...]     # the claims said at this moment about this cell


def timeline(incident: str, title: str, reports, claims: list[Claim], *, host: str | None = None,
             policy: str = "latest", weights: Weights | None = None) -> list[TimelinePoint]:
    """For each moment, in order, the cells of the account as of that moment."""
    points = []
    for moment in sorted({claim_moment(c) for c in claims}):
        as_of = None if moment == UNDATED else moment.isoformat()
        known = [c for c in claims if claim_moment(c) <= moment]
        said_now = {c.id for c in known if claim_moment(c) == moment}
        acc = account_incident(incident, title, reports, known, host=host, policy=policy, weights=weights)
        for cell in acc.cells:
            now = tuple(cid for cid in cell.claims if cid in said_now)
            points.append(TimelinePoint(as_of, cell.key, cell.low, cell.high, cell.best, now))
    return points
