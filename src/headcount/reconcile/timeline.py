"""Each cell's figures over time: the account replayed as of every moment a claim speaks of."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import CellKey, Claim, IncidentAccount
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


def accounts_over_time(incident: str, title: str, reports, claims: list[Claim], *, host: str | None = None,
                       policy: str = "latest", weights: Weights | None = None) -> list[tuple[str | None, IncidentAccount]]:
    """The account as of each moment a claim speaks of, in order: each is the account ``--as-of`` that
    moment gives (None first, for the undated claims alone, if there are any)."""
    found = []
    for moment in sorted({claim_moment(c) for c in claims}):
        if moment == UNDATED:
            undated = [c for c in claims if claim_moment(c) == UNDATED]
            found.append((None, account_incident(incident, title, reports, undated, host=host, policy=policy,
                                                 weights=weights)))
        else:
            as_of = moment.isoformat()
            found.append((as_of, account_incident(incident, title, reports, claims, host=host, policy=policy,
                                                  as_of=as_of, weights=weights)))
    return found


def timeline(incident: str, title: str, reports, claims: list[Claim], *, host: str | None = None,
             policy: str = "latest", weights: Weights | None = None,
             accounts: list[tuple[str | None, IncidentAccount]] | None = None) -> list[TimelinePoint]:
    """For each moment, in order, the cells of the account as of that moment. ``accounts``: those of
    ``accounts_over_time``, when the caller has them already."""
    if accounts is None:
        accounts = accounts_over_time(incident, title, reports, claims, host=host, policy=policy, weights=weights)
    said_at: dict[str | None, set[str]] = {}
    for c in claims:
        moment = claim_moment(c)
        said_at.setdefault(None if moment == UNDATED else moment.isoformat(), set()).add(c.id)
    points = []
    for as_of, acc in accounts:
        said_now = said_at.get(as_of, set())
        for cell in acc.cells:
            now = tuple(cid for cid in cell.claims if cid in said_now)
            points.append(TimelinePoint(as_of, cell.key, cell.low, cell.high, cell.best, now))
    return points
