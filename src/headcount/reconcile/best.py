"""Best figures chosen together: the policy's preferred figures, moved as little as possible into the rules.

Chosen cell by cell, best figures can contradict each other (foreigners held
60 but foreigners taken 54, the injured 70 but everyone injured 63) even when
the bounds do not. So one integer program (``solver.solve_integer``)
takes every cell of the last moment at once:

    minimise  sum_i w_i |b_i - p_i|  +  eps * sum_j b_j   (j: cells no claim prefers a figure for)
    such that the nesting and outcome rules of the last moment hold for b,
              low_i <= b_i <= high_i

where p_i is the figure the policy prefers for cell i and w_i the weight of the
claims it read (policies.preference). The small pull ``eps`` keeps a cell that
no figure is preferred for (everyone, from its parts) at the least the others allow.
The least solution of the bounds is always feasible, so there always is an answer.
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
    pref = [(index[col], float(int(p + 0.5)), w) for col, (p, w) in preferred.items() if col in index]
    n, k = len(cols), len(pref)
    if not rules and not k:
        return {col: lows[col] for col in cols}
    pull = PULL_SHARE * min((w for _, _, w in pref), default=1.0) / max(1, n)
    cost = np.concatenate([np.full(n, pull), np.array([w for _, _, w in pref] * 2)])
    cost[[i for i, _, _ in pref]] = 0.0
    matrix, lo, hi = _constraints(rules, index, pref, n)
    low = np.array([lows[c] for c in cols] + [0.0] * 2 * k, dtype=float)
    high = np.array([np.inf if highs[c] is None else highs[c] for c in cols] + [np.inf] * 2 * k, dtype=float)
    answer = solve_integer(cost, np.concatenate([np.ones(n), np.zeros(2 * k)]), Bounds(low, np.maximum(low, high)),
                           LinearConstraint(matrix, lo, hi) if matrix is not None else None)
    if answer.x is None:  # cannot happen (the least solution fits); keep each cell's own figure in its bounds
        return {col: _clamped(preferred.get(col, (lows[col], 0))[0], lows[col], highs[col]) for col in cols}
    return {col: int(round(answer.x[i])) for col, i in index.items()}


def _constraints(rules, index: dict[int, int], pref, n: int):
    """Rows: each rule (parts - whole <= 0), then b_i - over_i + under_i = p_i for each preference."""
    rows, cs, vals, lo, hi = [], [], [], [], []
    for r, rule in enumerate(rules):
        for col, coef in rule.terms:
            rows.append(r); cs.append(index[col]); vals.append(coef)
        lo.append(-np.inf); hi.append(0.0)
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
