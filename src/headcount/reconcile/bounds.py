"""The lowest and highest value of each variable that the kept claims allow, by linear programming (solver.py).

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

from collections import deque
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import csr_matrix

from .solver import OPTIMAL, LinearProgram
from .system import RULE_KINDS, ClaimConstraint, System


def rule_matrix(system: System, kinds: Sequence[str] = RULE_KINDS) -> csr_matrix | None:
    """The rules of the given kinds as a sparse matrix A (A @ x <= 0), or None when there are none."""
    cache = system.solver_cache.setdefault("rule_matrices", {})
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
    constraints = list(constraints)
    bounds = np.zeros((system.size, 2))
    bounds[:, 1] = np.inf
    if constraints:
        cols = np.fromiter((c.col for c in constraints), dtype=int, count=len(constraints))
        lows = np.fromiter((c.interval.low for c in constraints), dtype=float, count=len(constraints))
        highs = np.fromiter((np.inf if c.interval.high is None else c.interval.high for c in constraints),
                            dtype=float, count=len(constraints))
        np.maximum.at(bounds[:, 0], cols, lows)
        np.minimum.at(bounds[:, 1], cols, highs)
        if np.any(bounds[:, 0] > bounds[:, 1] + 1e-9):
            return None
    return bounds


def _solve(system: System, objective: np.ndarray, bounds: np.ndarray,
           kinds: Sequence[str]) -> tuple[int, np.ndarray | None]:
    """One LP over the system's rules of ``kinds``; its model is kept per system and kinds (solver.py)."""
    models = system.solver_cache.setdefault("highs_models", {})
    key = tuple(sorted(kinds))
    if key not in models:
        models[key] = LinearProgram(system.size, rule_matrix(system, kinds))
    return models[key].solve(objective, bounds)


def lowest(system: System, constraints: Iterable[ClaimConstraint],
           kinds: Sequence[str] = RULE_KINDS) -> np.ndarray | None:
    """RETURNS: every variable's lowest value, or None when the constraints cannot all hold."""
    bounds = variable_bounds(system, constraints)
    if bounds is None:
        return None
    outcome, x = _solve(system, np.ones(system.size), bounds, kinds)
    return x if outcome == OPTIMAL else None


def feasible(system: System, constraints: Iterable[ClaimConstraint], kinds: Sequence[str] = RULE_KINDS) -> bool:
    return lowest(system, constraints, kinds) is not None


def highest(system: System, constraints: Sequence[ClaimConstraint], cols: Iterable[int],
            least: np.ndarray | None = None) -> dict[int, float | None]:
    """RETURNS: for each of ``cols``, its highest value (None: unbounded). The constraints must hold together.

    least: the least solution (``lowest``), if known: a variable whose own upper
        bound can be reached from it by raising wholes needs no LP.
    """
    bounds = variable_bounds(system, constraints)
    bounded = bounded_above(system, constraints)
    out: dict[int, float | None] = {}
    for col in cols:
        if col not in bounded:
            out[col] = None
            continue
        if least is not None and np.isfinite(bounds[col, 1]) and _reachable(system, bounds, least, col):
            out[col] = float(bounds[col, 1])
            continue
        objective = np.zeros(system.size)
        objective[col] = -1.0
        outcome, x = _solve(system, objective, bounds, RULE_KINDS)
        out[col] = float(x[col]) if outcome == OPTIMAL else None
    return out


def bounded_above(system: System, constraints: Iterable[ClaimConstraint]) -> set[int]:
    """The variables some upper bound reaches: a claim's own, or a whole's passed on to its parts."""
    seen = {c.col for c in constraints if c.interval.high is not None}
    queue = deque(seen)
    while queue:
        for rule in system.rules_of_whole.get(queue.popleft(), ()):
            for part in rule.parts:
                if part not in seen:
                    seen.add(part)
                    queue.append(part)
    return seen


def _reachable(system: System, bounds: np.ndarray, least: np.ndarray, col: int) -> bool:
    """Whether the variable can take its own upper bound: start from the least solution, set it
    there, and raise every whole that falls short of its parts; true if no bound is broken."""
    a = rule_matrix(system)
    x = least.copy()
    x[col] = bounds[col, 1]
    if a is None:
        return True
    wholes = system.solver_cache.get("wholes")
    if wholes is None:
        wholes = system.solver_cache["wholes"] = np.array([rule.whole for rule in system.rules], dtype=int)
    for _ in range(len(system.rules) + 1):
        excess = a @ x
        short = np.flatnonzero(excess > 1e-7)
        if short.size == 0:
            return bool(np.all(x <= bounds[:, 1] + 1e-7))
        np.add.at(x, wholes[short], excess[short])
        if np.any(x > bounds[:, 1] + 1e-7):
            return False
    return False

