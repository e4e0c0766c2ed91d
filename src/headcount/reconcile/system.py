"""The linear system of one incident: a variable per (group, status, moment), and the rules between them.

Variables are numbers of people, never negative. Three kinds of rule hold
whatever the claims say (``Rule.kind``):

- ``nesting``: a whole is at least the sum of its disjoint parts (groups.py);
- ``outcome``: of those taken hostage, the freed, escaped, still held and
  missing cannot outnumber the taken. The killed are left out of this sum on
  purpose: a death toll counts people who were never taken too. So are the
  statuses no claim says of hostages or of people held or trapped: shoppers
  missing at a mall were never taken (``captive_statuses``);
- ``time``: the taken, freed, escaped, killed, injured and captured never
  decrease from one moment to the next, and the held never increase (the
  taking is over by the time it is reported). The missing may go either way.

A fourth kind, the cover (the host's nationals are its victims but for the
security forces the reports count, groups.py), is kept apart in
``System.cover_rules``: it is not of the one form the bounds rely on, and binds
the best figures only (best.py).

Claims add interval constraints on single variables (``ClaimConstraint``);
identical ones are merged so that ten reports of the same figure weigh ten
times as much but cost one constraint. Claims of named people (``Claim.person``)
bound their cells together: each person counts once, in the status the account's
policy gives them (people.final_claim, as their record shows), so ten named Japanese
dead are at least ten Japanese killed, at the last moment (a person's latest
status is what is known of them now); a count below that then is a conflict
with the names, which weigh as their weakest claim.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime

from ..model import Claim
from .groups import Cover, GroupKey, Partition, display_order, group_of, nesting
from .intervals import Interval, claim_interval, claim_moment
from .people import final_claim

OUTCOMES = ("freed", "escaped", "held", "missing")
GROWING = ("taken", "freed", "escaped", "killed", "injured", "captured")
SHRINKING = ("held",)
RULE_KINDS = ("nesting", "outcome", "time")


@dataclass(frozen=True)
class Rule:
    """sum(coef * x[col]) <= 0: the parts (coefficient 1) add up to no more than the whole (-1)."""

    kind: str
    terms: tuple[tuple[int, float], ...]

    @property
    def whole(self) -> int:
        return next(col for col, coef in self.terms if coef < 0)

    @property
    def parts(self) -> list[int]:
        return [col for col, coef in self.terms if coef > 0]


@dataclass(frozen=True)
class CoverRule:
    """x[whole] - x[home] <= the sum of the lowest values of ``counted`` (groups.Cover, at one status)."""

    whole: int
    home: int
    counted: tuple[int, ...]


@dataclass(frozen=True)
class ClaimConstraint:
    """The claims that put one variable in one interval."""

    col: int
    interval: Interval
    weight: float
    claims: tuple[Claim, ...]


@dataclass
class System:
    groups: list[GroupKey]
    statuses: list[str]
    moments: list[datetime]
    partitions: list[Partition]
    host: str | None = None
    covers: list[Cover] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)  # the statuses in the hostage identity
    cols: dict[tuple[GroupKey, str, int], int] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    cover_rules: list[CoverRule] = field(default_factory=list)  # for the best figures only
    named: dict[tuple[GroupKey, str], int] = field(default_factory=dict)  # named people per (group, status)
    constraints: list[ClaimConstraint] = field(default_factory=list)
    # the solver's matrices and HiGHS models, built once per system (bounds.py)
    solver_cache: dict = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.cols)

    def col(self, group: GroupKey, status: str, moment: int | None = None) -> int:
        return self.cols[(group, status, len(self.moments) - 1 if moment is None else moment)]

    def key_of(self, col: int) -> tuple[GroupKey, str, int]:
        return self._keys[col]

    @cached_property
    def _keys(self) -> dict[int, tuple[GroupKey, str, int]]:
        return {v: k for k, v in self.cols.items()}

    @cached_property
    def parts_of_group(self) -> dict[GroupKey, list[GroupKey]]:
        out: dict[GroupKey, list[GroupKey]] = defaultdict(list)
        for p in self.partitions:
            out[p.whole].extend(p.parts)
        return out

    @cached_property
    def rules_of_whole(self) -> dict[int, list[Rule]]:
        out: dict[int, list[Rule]] = defaultdict(list)
        for rule in self.rules:
            out[rule.whole].append(rule)
        return out


def hostage_taking(claims: list[Claim]) -> bool:
    """Whether the outcome rule applies: someone is said to be taken, held or a hostage."""
    return any(c.status in ("taken", "held") or c.group.role == "hostage" for c in claims)


def captive_statuses(claims: list[Claim]) -> list[str]:
    """The outcomes the hostage identity covers: those some claim says of hostages, or of people held
    (trapped); the victims' side only, since attackers holding security forces at bay took no hostages."""
    said = {c.status for c in claims if c.group.side == "other" and c.status in OUTCOMES
            and (c.group.role == "hostage" or c.status == "held")}
    return [s for s in OUTCOMES if s in said]


def build(claims: list[Claim], host: str | None, weigh, final_of=final_claim) -> System:
    """The system of one incident's claims (denied claims give no constraint).

    weigh (Callable[[Claim], float]): how much a claim counts when claims conflict.
    final_of (Callable[[list[Claim]], Claim | None]): of one named person's claims, the one whose status
        they are counted in (the account's policy).
    """
    moments = sorted({claim_moment(c) for c in claims})
    nested = nesting({group_of(c, host) for c in claims}, host)
    statuses = sorted({c.status for c in claims}, key=_STATUS_ORDER.index)
    outcomes = captive_statuses(claims) if hostage_taking(claims) else []
    if outcomes and "taken" not in statuses:
        statuses.insert(0, "taken")
    system = System(groups=nested.groups, statuses=statuses, moments=moments, partitions=nested.partitions,
                    host=host, covers=nested.covers, outcomes=outcomes)
    for g in system.groups:
        for s in statuses:
            for t in range(len(moments)):
                system.cols[(g, s, t)] = len(system.cols)
    _add_nesting(system)
    _add_covers(system)
    if outcomes:
        _add_outcomes(system)
    _add_time(system)
    counts = [c for c in claims if c.person is None]
    system.constraints = (_claim_constraints(system, counts, weigh)
                          + _named_constraints(system, claims, weigh, final_of))
    return system


_STATUS_ORDER = ("taken", "held", "freed", "escaped", "killed", "injured", "missing", "captured")


def _add_nesting(system: System) -> None:
    for p in system.partitions:
        for s in system.statuses:
            for t in range(len(system.moments)):
                terms = [(system.cols[(part, s, t)], 1.0) for part in p.parts]
                system.rules.append(Rule("nesting", tuple(terms) + ((system.cols[(p.whole, s, t)], -1.0),)))


def _add_covers(system: System) -> None:
    """At the last moment only: the best figures are those of the last moment (best.py)."""
    t = len(system.moments) - 1
    for cover in system.covers:
        for s in system.statuses:
            system.cover_rules.append(CoverRule(system.cols[(cover.whole, s, t)], system.cols[(cover.home, s, t)],
                                                tuple(system.cols[(g, s, t)] for g in cover.counted)))


def _add_outcomes(system: System) -> None:
    outcomes = system.outcomes
    for g in system.groups:
        if g.side != "other":
            continue
        for t in range(len(system.moments)):
            terms = tuple((system.cols[(g, s, t)], 1.0) for s in outcomes)
            system.rules.append(Rule("outcome", terms + ((system.cols[(g, "taken", t)], -1.0),)))


def _add_time(system: System) -> None:
    for g in system.groups:
        for s in system.statuses:
            for t in range(1, len(system.moments)):
                before, after = system.cols[(g, s, t - 1)], system.cols[(g, s, t)]
                if s in GROWING:
                    system.rules.append(Rule("time", ((before, 1.0), (after, -1.0))))
                elif s in SHRINKING:
                    system.rules.append(Rule("time", ((after, 1.0), (before, -1.0))))


def _named_constraints(system: System, claims: list[Claim], weigh, final_of) -> list[ClaimConstraint]:
    """[n, unbounded) on each (group, status) at the last moment, for the n named people whose final claim
    (``final_of``) puts them there; the constraint holds every claim of those people."""
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.person is not None and c.modality != "denied":
            by_person[c.person].append(c)
    people: dict[tuple[GroupKey, str], list[list[Claim]]] = defaultdict(list)
    for said in by_person.values():
        last = final_of(said)
        people[(group_of(last, system.host), last.status)].append(said)
    out = []
    for (group, status), persons in sorted(people.items(), key=lambda kv: (display_order(kv[0][0]), kv[0][1])):
        system.named[(group, status)] = len(persons)
        held = tuple(c for said in persons for c in sorted(said, key=lambda c: (c.report, c.span, c.id)))
        col = system.col(group, status)
        # n distinct people so placed holds only if every one of its people does: it is as strong as its
        # weakest claim, so that a count of the cell by a source at least as good wins a conflict with the names.
        out.append(ClaimConstraint(col, Interval(len(persons), None), min(weigh(c) for c in held), held))
    return out


def _claim_constraints(system: System, claims: list[Claim], weigh) -> list[ClaimConstraint]:
    moment_index = {m: i for i, m in enumerate(system.moments)}
    merged: dict[tuple[int, Interval], list[Claim]] = defaultdict(list)
    for c in claims:
        interval = claim_interval(c)
        if interval is None:
            continue
        col = system.cols[(group_of(c, system.host), c.status, moment_index[claim_moment(c)])]
        merged[(col, interval)].append(c)
    return [ClaimConstraint(col, interval, sum(weigh(c) for c in cs), tuple(cs))
            for (col, interval), cs in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1].low,
                                                                           kv[0][1].high or -1))]
