"""The account of one incident: per group x status, the tightest figures the kept claims allow.

Steps (each its own module):
1. system.py  — the claims as interval constraints on (group, status, moment)
   variables, with the nesting, outcome and time rules;
2. conflicts.py — if the claims cannot all hold, set the weakest aside and
   explain each conflict;
3. bounds.py  — low and high of every cell at the last moment, by LP;
4. policies.py — the best figure under the chosen policy.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import CellFigure, Claim, IncidentAccount
from .bounds import highest
from .conflicts import resolve
from .groups import GroupKey, group_of
from .intervals import ceil_int, claim_moment, floor_int, parse_moment
from .policies import Weights, best_figure, load_weights
from .system import OUTCOMES, System, build


def account_incident(incident: str, title: str, reports: Iterable[str], claims: list[Claim], *,
                     host: str | None = None, policy: str = "latest", as_of: str | None = None,
                     weights: Weights | None = None) -> IncidentAccount:
    """The account of one incident from its claims (those after ``as_of`` are left out)."""
    weights = weights or load_weights()
    if as_of is not None:
        cutoff = parse_moment(as_of)
        claims = [c for c in claims if claim_moment(c) <= cutoff]
    empty = IncidentAccount(id=incident, title=title, reports=tuple(reports), policy=policy, as_of=as_of)
    if not claims:
        return empty
    system = build(claims, host, weights.of)
    resolution = resolve(system)
    lows = resolution.least
    final = {(g, s): system.col(g, s) for g in system.groups for s in system.statuses}
    highs = highest(system, resolution.kept, final.values(), least=lows)
    kept = _kept_claims_by_cell(system, resolution.kept)
    said = _claims_by_cell(claims)
    cells = []
    for (group, status), col in final.items():
        low = ceil_int(lows[col])
        high = None if highs[col] is None else floor_int(highs[col])
        direct = said.get((group, status), [])
        if not direct and low == 0:
            continue  # nothing said and nothing implied but a share of a whole's bound
        best = best_figure(policy, kept.get((group, status), []), low, high, weights)
        derived = _derived_from(system, group, status, low, kept)
        cells.append(CellFigure(key=group.cell(status), low=low, high=high, best=best,
                                claims=tuple(c.id for c in direct), rule=f"lp/{policy}",
                                derived_from=tuple(c.id for c in derived)))
    return IncidentAccount(id=incident, title=title, reports=empty.reports, cells=tuple(cells),
                           conflicts=tuple(resolution.conflicts), policy=policy, as_of=as_of)


def _claims_by_cell(claims: list[Claim]) -> dict[tuple[GroupKey, str], list[Claim]]:
    out: dict[tuple[GroupKey, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (claim_moment(c), c.report, c.span, c.id)):
        out[(group_of(c), c.status)].append(c)
    return out


def _kept_claims_by_cell(system: System, kept) -> dict[tuple[GroupKey, str], list[Claim]]:
    out: dict[tuple[GroupKey, str], list[Claim]] = defaultdict(list)
    for c in kept:
        group, status, _ = system.key_of(c.col)
        out[(group, status)].extend(c.claims)
    return out


def _derived_from(system: System, group: GroupKey, status: str, low: int, kept) -> list[Claim]:
    """The kept claims on the cell's parts (and, for the taken, its outcomes) when they raise its low."""
    own_low = max((c.count.low or 0 for c in kept.get((group, status), [])), default=0)
    if low <= own_low:
        return []
    cells = _below(system, group, status)
    # Keyed by id: hashing a whole frozen Claim (its nested dataclasses) cost a tenth of an account.
    found = {c.id: c for cell in cells for c in kept.get(cell, [])}
    return sorted(found.values(), key=lambda c: (c.report, c.span, c.id))


def _below(system: System, group: GroupKey, status: str) -> set[tuple[GroupKey, str]]:
    parts_of = system.parts_of_group
    statuses = [status] + ([s for s in OUTCOMES if s in system.statuses] if status == "taken" else [])
    found, stack = set(), [group]
    while stack:
        g = stack.pop()
        for s in statuses:
            if (g, s) != (group, status):
                found.add((g, s))
        stack.extend(parts_of.get(g, []))
    return found
