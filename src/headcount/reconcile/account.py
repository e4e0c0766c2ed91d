"""A first account: per incident, per group x status cell, the claims and one figure.

This is the simple rule the foundation needs, not the reconciliation engine:
- ``low`` is the highest lower bound any asserted claim gives (counts quoted
  with "at least" or exactly; a vague "many" means at least 2);
- ``high`` is the highest upper bound, or None (unbounded) when any claim has none;
- ``best`` is the point figure of the most authoritative, most recent claim
  (authority by source kind, below), or ``low`` when no claim gives a point.
Denied claims are listed but give no figure.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import CellFigure, CellKey, Claim, IncidentAccount, Report

# Whose word is taken first for the best figure, most authoritative first.
AUTHORITY = ("government", "organisation", "company", "state_media", "media", "reporter", "witness",
             "unnamed", "perpetrator")
VAGUE_LOW = 2  # "many", "some", "dozens": more than one
UNASSIGNED = "all-reports"


def cell_key(claim: Claim) -> CellKey:
    g = claim.group
    return CellKey(nationality=g.nationality, foreign=None if g.nationality else g.foreign,
                   side=g.side, status=claim.status)


def _low(claim: Claim) -> int | None:
    c = claim.count
    if c.qualifier == "vague":
        return VAGUE_LOW
    return c.low


def figure(key: CellKey, claims: list[Claim]) -> CellFigure:
    """The figure of one cell from its claims (see the module's rule)."""
    counted = [c for c in claims if c.modality != "denied"]
    lows = [v for v in (_low(c) for c in counted) if v is not None]
    highs = [c.count.high for c in counted]
    low = max(lows) if lows else None
    high = None if (not highs or any(h is None for h in highs)) else max(highs)
    if high is not None and low is not None and high < low:
        high = low
    points = [c for c in counted if c.count.qualifier in ("exact", "about") and c.count.low is not None]
    best = low
    if points:
        chosen = max(points, key=lambda c: (-AUTHORITY.index(c.source.kind), c.published or "", c.count.low))
        best = chosen.count.low
    ids = tuple(c.id for c in sorted(claims, key=lambda c: (c.published or "", c.report, c.span)))
    return CellFigure(key=key, low=low, high=high, best=best, claims=ids, rule="simple-range")


def account_incidents(reports: Iterable, claims: Iterable[Claim]) -> list[IncidentAccount]:
    """One account per incident. Reports name their incident, or all go into one."""
    incident_of: dict[str, str] = {}
    titles: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for item in reports:
        report: Report = getattr(item, "report", item)
        inc = report.incident or UNASSIGNED
        incident_of[report.id] = inc
        members[inc].append(report.id)
        titles.setdefault(inc, _title(inc, report))
    cells: dict[str, dict[CellKey, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        inc = incident_of.get(claim.report, UNASSIGNED)
        cells[inc][cell_key(claim)].append(claim)
    out = []
    for inc in sorted(members):
        figures = tuple(figure(k, v) for k, v in sorted(cells[inc].items(), key=lambda kv: _order(kv[0])))
        out.append(IncidentAccount(id=inc, title=titles[inc], reports=tuple(members[inc]), cells=figures))
    return out


def _title(incident: str, first: Report) -> str:
    if incident != UNASSIGNED:
        return incident
    headline = first.text.strip().splitlines()[0] if first.text.strip() else first.id
    return headline[:120]


STATUS_ORDER = ("taken", "held", "freed", "escaped", "killed", "injured", "missing", "captured")
SIDE_ORDER = ("other", "security", "attacker")


def _order(key: CellKey):
    return (SIDE_ORDER.index(key.side), key.nationality is not None, key.nationality or "",
            {True: 0, None: 1, False: 2}[key.foreign], STATUS_ORDER.index(key.status))
