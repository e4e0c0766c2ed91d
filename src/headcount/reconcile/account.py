"""The account of one incident: per group x status, the tightest figures the kept claims allow.

Steps (each its own module):
1. system.py  — the claims as interval constraints on (group, status, moment)
   variables, with the nesting, outcome and time rules;
2. conflicts.py — if the claims cannot all hold, set the weakest aside and
   explain each conflict;
3. bounds.py  — low and high of every cell at the last moment, by LP;
4. policies.py — the figure the chosen policy prefers for each cell;
5. best.py    — the best figures of all cells together, as near those as the rules allow.

A cell's ``rule`` says where its figure comes from: ``lp/<policy>`` (its own
claims), ``implied/<rules>`` (only rules give it a figure, from claims on other
cells: ``nesting``, ``people`` — people of no stated side are at most everyone
—, ``nationals`` — the host's nationals are its victims or security forces —,
``outcome``), or ``set-aside`` (all its claims were set aside and its parts
give it no figure: it has its bounds, and no best figure).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from ..model import CellFigure, Claim, IncidentAccount
from .best import joint_best
from .bounds import highest
from .conflicts import resolve
from .groups import EVERYONE, PEOPLE, GroupKey, group_of, nationals, shown
from .intervals import ceil_int, claim_moment, floor_int, parse_moment
from .people import final_claim
from .policies import Weights, check_policy, load_weights, preference
from .system import System, build

SET_ASIDE = "set-aside"


def own_rule(policy: str) -> str:
    return f"lp/{policy}"


def implied_rule(rules: Iterable[str]) -> str:
    return "implied/" + "+".join(sorted(set(rules)))


def account_incident(incident: str, title: str, reports: Iterable[str], claims: list[Claim], *,
                     host: str | None = None, policy: str = "latest", as_of: str | None = None,
                     weights: Weights | None = None) -> IncidentAccount:
    """The account of one incident from its claims (those after ``as_of`` are left out, and so are the
    reports none of whose claims is left)."""
    weights = weights or load_weights()
    if as_of is not None:
        cutoff = parse_moment(as_of)
        claims = [c for c in claims if claim_moment(c) <= cutoff]
        known = {c.report for c in claims}
        reports = [r for r in reports if r in known]
    empty = IncidentAccount(id=incident, title=title, reports=tuple(reports), policy=policy, as_of=as_of)
    if not claims:
        return empty
    check_policy(policy)
    system = build(claims, host, weights.of, partial(final_claim, policy=policy, weights=weights))
    resolution = resolve(system, authority=lambda c: weights.source_kind.get(c.source.kind, 1.0))
    lows = resolution.least
    final = {(g, s): system.col(g, s) for g in system.groups for s in system.statuses}
    highs = highest(system, resolution.kept, final.values(), least=lows)
    kept = _kept_claims_by_cell(system, resolution.kept)
    low = {col: ceil_int(lows[col]) for col in final.values()}
    high = {col: None if highs[col] is None else floor_int(highs[col]) for col in final.values()}
    preferred = {col: p for cell, col in final.items() if (p := preference(policy, kept.get(cell, []), weights))}
    best = joint_best(system, list(final.values()), low, high, preferred)
    said = _claims_by_cell(claims, host)
    cells = []
    for (group, status), col in final.items():
        direct = _shown_claims(said, group, status)
        if not shown(group) or (not direct and low[col] == 0 and not best[col]):
            continue  # a bound, not a row; or nothing said and nothing implied but a share of a whole's bound
        derived = _derived_from(system, group, status, low[col], kept)
        rule, figure = _rule(policy, system, group, status, kept, direct, derived), best[col]
        if rule == SET_ASIDE and figure:  # set aside, but its parts' best figures give the whole one
            derived = _claims_below(system, group, status, kept)
            rule = _rule(policy, system, group, status, kept, direct, derived)
        cells.append(CellFigure(key=group.cell(status), low=low[col], high=high[col],
                                best=None if rule == SET_ASIDE else figure, claims=tuple(c.id for c in direct),
                                rule=rule, derived_from=tuple(c.id for c in derived),
                                named=system.named.get((group, status), 0)))
    return IncidentAccount(id=incident, title=title, reports=empty.reports, cells=tuple(cells),
                           conflicts=tuple(resolution.conflicts), policy=policy, as_of=as_of,
                           exact=resolution.exact)


def _shown_claims(said, group: GroupKey, status: str) -> list[Claim]:
    """The claims a row lists: its own; everyone's also lists those about people of no stated side,
    which are not a row and bound everyone from below."""
    own = said.get((group, status), [])
    return own + said.get((PEOPLE, status), []) if group == EVERYONE else own


def _rule(policy: str, system: System, group: GroupKey, status: str, kept, direct: list[Claim],
          derived: list[Claim]) -> str:
    """Where the cell's figure comes from (see the module's docstring)."""
    if kept.get((group, status)) or not (direct or derived):
        return own_rule(policy)
    if not derived:
        return SET_ASIDE
    return implied_rule(_rule_name(system, c, status) for c in derived)


def _rule_name(system: System, claim: Claim, status: str) -> str:
    """The rule by which a claim on another cell gives this one its figure."""
    if claim.status != status:
        return "outcome"
    group = group_of(claim, system.host)
    if group == PEOPLE:
        return "people"
    return "nationals" if system.host and group == nationals(system.host) else "nesting"


def _claims_by_cell(claims: list[Claim], host: str | None) -> dict[tuple[GroupKey, str], list[Claim]]:
    out: dict[tuple[GroupKey, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (claim_moment(c), c.report, c.span, c.id)):
        out[(group_of(c, host), c.status)].append(c)
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
    return _claims_below(system, group, status, kept)


def _claims_below(system: System, group: GroupKey, status: str, kept) -> list[Claim]:
    """The kept claims on the cell's parts (and, for the taken, its outcomes)."""
    cells = _below(system, group, status)
    # Keyed by id: hashing a whole frozen Claim (its nested dataclasses) cost a tenth of an account.
    found = {c.id: c for cell in cells for c in kept.get(cell, [])}
    return sorted(found.values(), key=lambda c: (c.report, c.span, c.id))


def _below(system: System, group: GroupKey, status: str) -> set[tuple[GroupKey, str]]:
    parts_of = system.parts_of_group
    statuses = [status] + (system.outcomes if status == "taken" else [])
    found, seen, stack = set(), set(), [group]
    while stack:
        g = stack.pop()
        if g in seen:  # everyone and the victims are each other's part when no other side is spoken of
            continue
        seen.add(g)
        for s in statuses:
            if (g, s) != (group, status):
                found.add((g, s))
            # a group its cover needs (the host's victims, for its nationals) takes its figure from there too
            found.update((c.whole, s) for c in system.covers if g in c.parts and c.whole != group)
        stack.extend(parts_of.get(g, []))
    return found
