"""Best figures chosen together: the policy's preferred figures, moved as little as possible into the rules.

Chosen cell by cell, best figures can contradict each other (foreigners held
60 but foreigners taken 54, the injured 70 but everyone injured 63) even when
the bounds do not. So one integer program (``solver.solve_integer``)
takes every cell of the last moment at once:

    minimise  sum_i w_i |b_i - p_i|  +  eps * sum_j b_j   (j: cells no claim prefers a figure for)
    such that the nesting, outcome and cover rules of the last moment hold for b
              (a cover with the lowest figures of its counted parts, system.py),
              low_i <= b_i <= high_i

where p_i is the figure the policy prefers for cell i and w_i the weight of the
claims it read (policies.preference). The small pull ``eps`` keeps a cell that
no figure is preferred for (everyone, from its parts) at the least the others allow.
The least solution of the bounds is always feasible without the cover rules
(system.py), so there always is an answer: where the covers cannot hold too,
the figures are chosen without them.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint
from scipy.sparse import coo_matrix

from .solver import solve_integer
from .system import System

# How much a cell without a preferred figure is pulled down, next to the lightest preference: small enough
# that no preferred figure ever gives way to it.
PULL_SHARE = 1e-4


def joint_best(system: System, cols: list[int], lows: dict[int, int], highs: dict[int, int | None],
               preferred: dict[int, tuple[float, float]]) -> dict[int, int]:
    """The best figure of each of ``cols`` (variables of the last moment), within their bounds.

    preferred: col -> (figure, weight) for the cells a policy prefers a figure for.
    """
    index = {col: i for i, col in enumerate(cols)}
    rules = [r for r in system.rules if r.kind != "time" and all(c in index for c, _ in r.terms)]
    rows = [(r.terms, 0.0) for r in rules]
    covers = [(((r.whole, 1.0), (r.home, -1.0)), float(sum(lows[c] for c in r.counted)))
              for r in system.cover_rules if r.whole in index and r.home in index]
    if covers:
        best = _joint_best(cols, index, rows + covers, lows, highs, preferred)
        if best is not None:
            return best
    best = _joint_best(cols, index, rows, lows, highs, preferred)
    if best is None:  # cannot happen (the least solution fits); keep each cell's own figure in its bounds
        return {col: _clamped(preferred.get(col, (lows[col], 0))[0], lows[col], highs[col]) for col in cols}
    return best


def _joint_best(cols, index, rows, lows, highs, preferred) -> dict[int, int] | None:
    """rows: (terms, limit) for each rule sum(coef * x[col]) <= limit."""
    pref = [(index[col], float(int(p + 0.5)), w) for col, (p, w) in preferred.items() if col in index]
    n, k = len(cols), len(pref)
    if not rows and not k:
        return {col: lows[col] for col in cols}
    pull = PULL_SHARE * min((w for _, _, w in pref), default=1.0) / max(1, n)
    cost = np.concatenate([np.full(n, pull), np.array([w for _, _, w in pref] * 2)])
    cost[[i for i, _, _ in pref]] = 0.0
    matrix, lo, hi = _constraints(rows, index, pref, n)
    low = np.array([lows[c] for c in cols] + [0.0] * 2 * k, dtype=float)
    high = np.array([np.inf if highs[c] is None else highs[c] for c in cols] + [np.inf] * 2 * k, dtype=float)
    answer = solve_integer(cost, np.concatenate([np.ones(n), np.zeros(2 * k)]), Bounds(low, np.maximum(low, high)),
                           LinearConstraint(matrix, lo, hi) if matrix is not None else None)
    if answer.x is None:
        return None
    return {col: int(round(answer.x[i])) for col, i in index.items()}


def _constraints(rules, index: dict[int, int], pref, n: int):
    """Rows: each rule (terms <= limit), then b_i - over_i + under_i = p_i for each preference."""
    rows, cs, vals, lo, hi = [], [], [], [], []
    for r, (terms, limit) in enumerate(rules):
        for col, coef in terms:
            rows.append(r); cs.append(index[col]); vals.append(coef)
        lo.append(-np.inf); hi.append(limit)
    base, k = len(rules), len(pref)
    for j, (i, p, _) in enumerate(pref):
        rows += [base + j] * 3
        cs += [i, n + j, n + k + j]
        vals += [1.0, -1.0, 1.0]
        lo.append(p); hi.append(p)
    m = base + k
    if not m:
        return None, lo, hi
    return coo_matrix((vals, (rows, cs)), shape=(m, n + 2 * k)).tocsr(), np.array(lo), np.array(hi)


def _clamped(value: float, low: int, high: int | None) -> int:
    value = max(int(value + 0.5), low)
    return value if high is None else min(value, high)
