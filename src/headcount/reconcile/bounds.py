"""The lowest and highest value of each variable that the kept claims allow, by linear programming (HiGHS).

Every rule of the system has the form "parts <= whole" (one negative term), and
so do claim bounds; such a set of solutions is closed under taking the smaller
of two solutions coordinate by coordinate. So it has a least solution, and one
LP that minimises the sum of all variables finds every variable's lowest value
at once. Highest values need one LP each, and only for variables with some
upper bound: which ones have one is a reachability question (an upper bound
reaches a part from its whole, or an earlier moment from a later one for
counts that only grow), answered without the solver.
"""
from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from .system import RULE_KINDS, ClaimConstraint, System

_cache_key = "_rule_matrices"


def rule_matrix(system: System, kinds: Sequence[str] = RULE_KINDS) -> csr_matrix | None:
    """The rules of the given kinds as a sparse matrix A (A @ x <= 0), or None when there are none."""
    cache = system.__dict__.setdefault(_cache_key, {})
    key = tuple(sorted(kinds))
    if key not in cache:
        rows, cols, vals = [], [], []
        n = 0
        for rule in system.rules:
            if rule.kind in kinds:
                for col, coef in rule.terms:
                    rows.append(n)
                    cols.append(col)
                    vals.append(coef)
                n += 1
        cache[key] = csr_matrix((vals, (rows, cols)), shape=(n, system.size)) if n else None
    return cache[key]


def variable_bounds(system: System, constraints: Iterable[ClaimConstraint]) -> np.ndarray | None:
    """Each variable's interval from the claims on it, as an (n, 2) array; None if two claims leave it empty."""
    bounds = np.zeros((system.size, 2))
    bounds[:, 1] = np.inf
    for c in constraints:
        lo, hi = bounds[c.col]
        lo = max(lo, c.interval.low)
        hi = min(hi, np.inf if c.interval.high is None else c.interval.high)
        if lo > hi + 1e-9:
            return None
        bounds[c.col] = (lo, hi)
    return bounds


def _solve(system: System, objective: np.ndarray, bounds: np.ndarray, kinds: Sequence[str]):
    a = rule_matrix(system, kinds)
    b = None if a is None else np.zeros(a.shape[0])
    return linprog(objective, A_ub=a, b_ub=b, bounds=bounds, method="highs")


def lowest(system: System, constraints: Iterable[ClaimConstraint],
           kinds: Sequence[str] = RULE_KINDS) -> np.ndarray | None:
    """RETURNS: every variable's lowest value, or None when the constraints cannot all hold."""
    bounds = variable_bounds(system, constraints)
    if bounds is None:
        return None
    if rule_matrix(system, kinds) is None:
        return bounds[:, 0].copy()
    result = _solve(system, np.ones(system.size), bounds, kinds)
    return result.x if result.status == 0 else None


def feasible(system: System, constraints: Iterable[ClaimConstraint], kinds: Sequence[str] = RULE_KINDS) -> bool:
    return lowest(system, constraints, kinds) is not None


def highest(system: System, constraints: Sequence[ClaimConstraint], cols: Iterable[int]) -> dict[int, float | None]:
    """RETURNS: for each of ``cols``, its highest value (None: unbounded). The constraints must hold together."""
    bounds = variable_bounds(system, constraints)
    bounded = bounded_above(system, constraints)
    out: dict[int, float | None] = {}
    for col in cols:
        if col not in bounded:
            out[col] = None
            continue
        objective = np.zeros(system.size)
        objective[col] = -1.0
        result = _solve(system, objective, bounds, RULE_KINDS)
        out[col] = float(result.x[col]) if result.status == 0 else None
    return out


def bounded_above(system: System, constraints: Iterable[ClaimConstraint]) -> set[int]:
    """The variables some upper bound reaches: a claim's own, or a whole's passed on to its parts."""
    parts_of: dict[int, list[int]] = defaultdict(list)
    for rule in system.rules:
        whole = next(col for col, coef in rule.terms if coef < 0)
        parts_of[whole] += [col for col, coef in rule.terms if coef > 0]
    seen = {c.col for c in constraints if c.interval.high is not None}
    queue = deque(seen)
    while queue:
        for part in parts_of.get(queue.popleft(), ()):
            if part not in seen:
                seen.add(part)
                queue.append(part)
    return seen
