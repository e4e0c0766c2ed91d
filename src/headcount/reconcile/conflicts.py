"""When claims cannot all hold: which to set aside, which cannot hold together, and why.

0. ``revisions``: a later figure for a cell, from a source at least as
   authoritative, that goes against the time rules (a toll lowered, more
   people held) corrects the earlier one: the earlier is set aside, as a
   conflict of reason ``revision``, before anything is weighed.
1. ``fewest_to_drop``: a mixed-integer program (``solver.solve_integer``)
   chooses the claims to set aside so that the rest can hold, with the least
   total weight (source kind x modality, weights.toml; claims said by several
   reports weigh as many times). Its work is bounded (``MILP_BUDGET_S``): a
   hostile feed of random figures must not stall an account, so past the
   budget the best set found so far is used (or, if none, the weakest claims
   are set aside one by one until the rest hold) and the account is marked
   not exact.
2. ``irreducible``: for each claim set aside, a smallest set of kept claims
   that cannot hold together with it (a deletion filter, chunked so that a
   long list costs few LPs). This work is bounded too (``EXPLAIN_BUDGET_S``):
   past the budget a claim set aside is explained by a set of claims that
   cannot hold with it, found with at most two LPs (the same cell's rival
   figure, the claims that raise its cell, its linked statuses), not proven
   the smallest, and the account is marked not exact.
3. ``reason``: why they disagree. The test order matters: a disagreement
   that rounding explains is ``rounding`` even across moments; one that
   vanishes without the time rules is ``time``; without the nesting and
   outcome rules, ``scope``; else ``speaker`` when sources differ and
   ``contradiction`` when one source contradicts itself.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import Bounds, LinearConstraint
from scipy.sparse import csr_matrix, vstack

from ..model import Conflict, ConflictFigure
from .bounds import feasible, lowest, rule_matrix
from .solver import OPTIMAL, TIME_LIMIT, SolverError, solve_integer
from .intervals import Interval, claim_moment
from .system import GROWING, OUTCOMES, SHRINKING, ClaimConstraint, System

ROUNDING_SHARE = 0.15  # how far a rounded figure ("about 60", "200") may be from the truth
MILP_BUDGET_S = 2.0    # seconds the search for the lightest claims to set aside may take in one account
EXPLAIN_BUDGET_S = 3.0  # seconds the search for the smallest conflicts may take in one account


@dataclass(frozen=True)
class Resolution:
    kept: list[ClaimConstraint]
    dropped: list[ClaimConstraint]
    conflicts: list[Conflict]
    least: np.ndarray  # the least solution of the kept constraints (bounds.lowest)
    exact: bool = True  # False: the claims set aside (or a conflict's claims) are a good set, not proven best


def resolve(system: System, authority=None) -> Resolution:
    """Keep the most weight of claims that can hold together; explain each claim set aside.

    authority (Callable[[Claim], float] | None): how authoritative a claim's source is, for revisions
        (None: no figure revises another).
    """
    revised = revisions(system, authority) if authority else {}
    constraints = [c for c in system.constraints if id(c) not in revised]
    least = lowest(system, constraints)
    conflicts: dict[tuple[str, ...], Conflict] = {}
    for earlier, later in revised.values():
        _add_conflict(conflicts, system, [earlier, later], "revision", {id(earlier)})
    if least is not None:
        return Resolution(constraints, [e for e, _ in revised.values()], _sorted(conflicts), least)
    dropped, exact = fewest_to_drop(system, constraints)
    aside = {id(c) for c in dropped}
    kept = [c for c in constraints if id(c) not in aside]
    least = lowest(system, kept)
    deadline = time.monotonic() + EXPLAIN_BUDGET_S
    for d in dropped:
        core = irreducible(system, kept, d, least, deadline)
        exact = exact and time.monotonic() < deadline
        if _ids(core) not in conflicts:
            _add_conflict(conflicts, system, core, reason(system, core), aside)
    return Resolution(kept, [e for e, _ in revised.values()] + dropped, _sorted(conflicts), least, exact)


def _ids(core: list[ClaimConstraint]) -> tuple[str, ...]:
    return tuple(sorted(cl.id for c in core for cl in c.claims))


def _add_conflict(conflicts: dict, system: System, core: list[ClaimConstraint], why: str, aside: set[int]) -> None:
    """aside: the ``id`` of each constraint set aside."""
    conflicts[_ids(core)] = Conflict(claims=_ids(core), reason=why, figures=tuple(_figure(system, c, aside) for c in core),
                                     dropped=tuple(sorted(cl.id for c in core if id(c) in aside for cl in c.claims)))


def _figure(system: System, c: ClaimConstraint, aside: set[int]) -> ConflictFigure:
    group, status, _ = system.key_of(c.col)
    return ConflictFigure(cell=group.cell(status), claim=c.claims[0], claims=len(c.claims),
                          reports=tuple(sorted({cl.report for cl in c.claims})), set_aside=id(c) in aside)


def _sorted(conflicts: dict) -> list[Conflict]:
    return sorted(conflicts.values(), key=lambda c: c.claims)


def revisions(system: System, authority) -> dict[int, tuple[ClaimConstraint, ClaimConstraint]]:
    """The constraints a later one corrects, by ``id``, each with the latest that corrects it: same cell,
    a later moment, a source at least as authoritative, and a figure the time rules forbid after it."""
    by_cell: dict[tuple, list[tuple[int, float, ClaimConstraint]]] = {}
    for c in system.constraints:
        group, status, moment = system.key_of(c.col)
        if status in GROWING or status in SHRINKING:
            by_cell.setdefault((group, status), []).append((moment, max(map(authority, c.claims)), c))
    out = {}
    for (_, status), said in by_cell.items():
        for t0, a0, earlier in said:
            later = [(t1, c) for t1, a1, c in said if t1 > t0 and a1 >= a0 and _goes_back(status, earlier, c)]
            if later:
                out[id(earlier)] = (earlier, max(later, key=lambda tc: tc[0])[1])
    return out


def _goes_back(status: str, earlier: ClaimConstraint, later: ClaimConstraint) -> bool:
    """Whether ``later`` breaks the time rule against ``earlier``: fewer of a count that only grows,
    more of one that only falls."""
    if status in GROWING:
        return later.interval.high is not None and later.interval.high < earlier.interval.low
    return earlier.interval.high is not None and later.interval.low > earlier.interval.high


def fewest_to_drop(system: System, cons: list[ClaimConstraint]) -> tuple[list[ClaimConstraint], bool]:
    """The constraints of least total weight among ``cons`` whose removal lets the others hold, and whether
    that is proven (False: the budget ran out first)."""
    n, k = system.size, len(cons)
    big = sum(c.interval.low for c in cons) + max((c.interval.high or 0) for c in cons) + 1.0
    rows = []
    lows, highs = [], []
    a = rule_matrix(system)
    if a is not None:
        rows.append(csr_matrix((a.data, a.indices, a.indptr), shape=(a.shape[0], n + k)))
        lows += [-np.inf] * a.shape[0]
        highs += [0.0] * a.shape[0]
    r, c_, v = [], [], []
    m = 0
    for j, c in enumerate(cons):
        if c.interval.low > 0:          # x + low * z >= low
            r += [m, m]; c_ += [c.col, n + j]; v += [1.0, float(c.interval.low)]
            lows.append(float(c.interval.low)); highs.append(np.inf)
            m += 1
        if c.interval.high is not None:  # x - big * z <= high
            r += [m, m]; c_ += [c.col, n + j]; v += [1.0, -big]
            lows.append(-np.inf); highs.append(float(c.interval.high))
            m += 1
    rows.append(csr_matrix((v, (r, c_)), shape=(m, n + k)))
    objective = np.concatenate([np.zeros(n), [c.weight for c in cons]])
    integrality = np.concatenate([np.zeros(n), np.ones(k)])
    bounds = Bounds(np.zeros(n + k), np.concatenate([np.full(n, big), np.ones(k)]))
    answer = solve_integer(objective, integrality, bounds, LinearConstraint(vstack(rows).tocsr(), lows, highs),
                           time_limit=MILP_BUDGET_S)
    if answer.x is None:
        if answer.outcome != TIME_LIMIT:  # setting every claim aside always holds: there must be an answer
            raise SolverError("the search for claims to set aside ended without an answer")
        return _weakest_first(system, cons), False  # the budget ran out before any set was found
    return [c for j, c in enumerate(cons) if answer.x[n + j] > 0.5], answer.outcome == OPTIMAL


def _weakest_first(system: System, cons: list[ClaimConstraint]) -> list[ClaimConstraint]:
    """A set to set aside found greedily: the weakest claims, halving the step, until the rest hold."""
    order = sorted(cons, key=lambda c: (c.weight, -c.interval.low))
    lo, hi = 0, len(order)  # setting aside order[:hi] works (all of them always does)
    while lo < hi:
        mid = (lo + hi) // 2
        if feasible(system, order[mid:]):
            hi = mid
        else:
            lo = mid + 1
    return order[:hi]


def irreducible(system: System, kept: list[ClaimConstraint], culprit: ClaimConstraint,
                least: np.ndarray | None = None, deadline: float | None = None) -> list[ClaimConstraint]:
    """A smallest set of kept constraints that cannot hold together with ``culprit``, culprit first.

    least: the least solution of the kept constraints. When the culprit sets a
        variable below it, the claims that raise it there are traced back
        through the rules first, so the filter starts from a handful.
    deadline: a ``time.monotonic()`` past which the filter stops: the set found so far still cannot
        hold with the culprit, but may not be the smallest.
    """
    rival = _same_cell_rival(kept, culprit)
    if rival is not None:
        return [culprit, rival]
    core = _first_core(system, kept, culprit, least)
    chunk = max(1, len(core) // 2)
    while True:
        i = 0
        while i < len(core):
            if deadline is not None and time.monotonic() >= deadline:
                return [culprit] + core
            trial = core[:i] + core[i + chunk:]
            if not feasible(system, trial + [culprit]):
                core = trial
            else:
                i += chunk
        if chunk == 1:
            return [culprit] + core
        chunk //= 2


def _first_core(system: System, kept: list[ClaimConstraint], culprit: ClaimConstraint,
                least: np.ndarray | None) -> list[ClaimConstraint]:
    """Kept constraints that cannot hold with the culprit, for the filter to shrink, found with at most two
    LPs: those that raise the culprit's cell above it, else those of its linked statuses, else all."""
    if least is not None and culprit.interval.high is not None and culprit.interval.high < least[culprit.col]:
        support = _support_of_low(system, kept, least, culprit.col)
        if support and not feasible(system, support + [culprit]):
            return support
    family = _family(system, culprit)
    linked = [c for c in kept if system.key_of(c.col)[1] in family]
    if not feasible(system, linked + [culprit]):
        return linked
    return list(kept)  # the statuses are linked some other way: search them all


def _same_cell_rival(kept: list[ClaimConstraint], culprit: ClaimConstraint) -> ClaimConstraint | None:
    """The weightiest kept constraint on the culprit's own variable whose interval does not meet the
    culprit's: the two alone cannot hold, and each alone can, so they are a smallest conflict. Most
    conflicts are this (two figures for one cell and moment), and need no linear program to find."""
    def apart(a, b) -> bool:
        return (a.high is not None and a.high < b.low) or (b.high is not None and b.high < a.low)
    rivals = [c for c in kept if c.col == culprit.col and apart(c.interval, culprit.interval)]
    return max(rivals, key=lambda c: (c.weight, -c.interval.low), default=None)


def _support_of_low(system: System, kept: list[ClaimConstraint], least: np.ndarray, col: int):
    """The kept constraints that push ``col`` up to its least value, traced through tight rules."""
    by_col: dict[int, list[ClaimConstraint]] = {}
    for c in kept:
        by_col.setdefault(c.col, []).append(c)
    found, seen, stack = [], set(), [col]
    while stack:
        v = stack.pop()
        if v in seen or least[v] <= 1e-7:
            continue
        seen.add(v)
        own = [c for c in by_col.get(v, []) if c.interval.low >= least[v] - 1e-6]
        if own:
            found.append(max(own, key=lambda c: c.weight))
            continue
        for rule in system.rules_of_whole.get(v, []):
            if abs(sum(least[i] for i in rule.parts) - least[v]) <= 1e-6:
                stack.extend(rule.parts)
                break
    return found


def _family(system: System, c: ClaimConstraint) -> set[str]:
    status = system.key_of(c.col)[1]
    linked = set(OUTCOMES) | {"taken"}
    return linked if status in linked else {status}


def reason(system: System, core: list[ClaimConstraint]) -> str:
    if len({c.col for c in core}) == 1:
        return _reason_in_one_cell(core)
    if _feasible_when_rounded(system, core):
        return "rounding"
    moments = {claim_moment(cl) for c in core for cl in c.claims}
    if len(moments) > 1 and feasible(system, core, kinds=("nesting", "outcome")):
        return "time"
    cells = {system.key_of(c.col)[:2] for c in core}
    if len(cells) > 1 and feasible(system, core, kinds=("time",)):
        return "scope"
    sources = {cl.source.speaker for c in core for cl in c.claims}
    return "speaker" if len(sources) > 1 else "contradiction"


def _reason_in_one_cell(core: list[ClaimConstraint]) -> str:
    """The reason when every figure is of one cell at one moment, without an LP: they hold together when
    their intervals meet, so rounding explains them when the widened intervals meet."""
    widened, changed = _widened(core)
    low = max(c.interval.low for c in widened)
    highs = [c.interval.high for c in widened if c.interval.high is not None]
    if changed and (not highs or low <= min(highs)):
        return "rounding"
    return "speaker" if len({cl.source.speaker for c in core for cl in c.claims}) > 1 else "contradiction"


def _widened(core: list[ClaimConstraint]) -> tuple[list[ClaimConstraint], bool]:
    """The constraints with each rounded figure widened by ``ROUNDING_SHARE``, and whether any was."""
    widened, changed = [], False
    for c in core:
        if all(_rounded(cl) for cl in c.claims):
            slack = max(1, int(ROUNDING_SHARE * (c.interval.high or c.interval.low)))
            high = None if c.interval.high is None else c.interval.high + slack
            c = replace(c, interval=Interval(max(0, c.interval.low - slack), high))
            changed = True
        widened.append(c)
    return widened, changed


def _feasible_when_rounded(system: System, core: list[ClaimConstraint]) -> bool:
    widened, changed = _widened(core)
    return changed and feasible(system, widened)


def _rounded(claim) -> bool:
    c = claim.count
    if c.qualifier == "about":
        return True
    figure = c.low if c.low is not None else c.high
    return c.qualifier in ("exact", "at_least", "at_most") and figure is not None and figure >= 20 and figure % 10 == 0
