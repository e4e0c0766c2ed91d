"""The one place that talks to HiGHS: linear programs through highspy, integer programs through SciPy's ``milp``.

Both answer in the same few outcomes: an answer (``OPTIMAL``), no solution (``INFEASIBLE``), no bound on
the objective (``UNBOUNDED``), or, for an integer program given a time limit, the best answer found in
the time (``TIME_LIMIT``). Any other end (an iteration limit, a numerical failure) raises ``SolverError``:
it must never read as "these claims cannot hold".

HiGHS prints on the C library's stdout (a banner, and now and then a debugging line of its MIP solver),
where it would spoil ``--format json``: every call here silences it.
"""
from __future__ import annotations

import ctypes
import os
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import highspy
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

from ..errors import HeadcountError


class SolverError(HeadcountError):
    """HiGHS ended without an answer (a limit, a numerical failure): not the same as "cannot hold"."""


OPTIMAL, INFEASIBLE, UNBOUNDED, TIME_LIMIT = 0, 1, 2, 3
_LP_OUTCOMES = {highspy.HighsModelStatus.kOptimal: OPTIMAL, highspy.HighsModelStatus.kInfeasible: INFEASIBLE,
                highspy.HighsModelStatus.kUnbounded: UNBOUNDED,
                highspy.HighsModelStatus.kUnboundedOrInfeasible: UNBOUNDED}  # asked only of feasible systems
# scipy.optimize.milp's statuses: 0 optimal, 1 iteration or time limit, 2 infeasible, 3 unbounded, 4 other.
_MILP_OUTCOMES = {0: OPTIMAL, 1: TIME_LIMIT, 2: INFEASIBLE, 3: UNBOUNDED}

_stdout_lock = threading.Lock()
_banner_done = False


@contextmanager
def c_stdout_silenced():
    """Send what C code prints on stdout to /dev/null meanwhile."""
    with _stdout_lock:
        sys.stdout.flush()
        saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            yield
            ctypes.CDLL(None).fflush(None)
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)


def lp_outcome(status) -> int:
    """OPTIMAL, INFEASIBLE or UNBOUNDED for a HiGHS model status; RAISES SolverError for any other."""
    if status not in _LP_OUTCOMES:
        raise SolverError(f"the linear program ended with HiGHS status {status.name}: no answer to give")
    return _LP_OUTCOMES[status]


class LinearProgram:
    """min c @ x subject to A @ x <= 0 and lower <= x <= upper, over x >= 0. The model is built once, then
    only its costs and bounds change between solves, so each solve starts from the last basis."""

    def __init__(self, size: int, rules: csr_matrix | None):
        self.size = size
        self.highs = _new_highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.addCols(size, np.zeros(size), np.zeros(size), np.full(size, highspy.kHighsInf), 0,
                           np.array([], dtype=np.int32), np.array([], dtype=np.int32), np.array([], dtype=float))
        if rules is not None and rules.shape[0]:
            m = rules.shape[0]
            self.highs.addRows(m, np.full(m, -highspy.kHighsInf), np.zeros(m), rules.nnz,
                               rules.indptr[:-1].astype(np.int32), rules.indices.astype(np.int32),
                               rules.data.astype(float))

    def solve(self, objective: np.ndarray, bounds: np.ndarray) -> tuple[int, np.ndarray | None]:
        """(outcome, x): x only when OPTIMAL. ``bounds``: an (n, 2) array of lower and upper bounds (inf: none)."""
        idx = np.arange(self.size, dtype=np.int32)
        upper = np.where(np.isfinite(bounds[:, 1]), bounds[:, 1], highspy.kHighsInf)
        self.highs.changeColsBounds(self.size, idx, bounds[:, 0], upper)
        self.highs.changeColsCost(self.size, idx, objective.astype(float))
        self.highs.run()
        outcome = lp_outcome(self.highs.getModelStatus())
        return outcome, np.asarray(self.highs.getSolution().col_value) if outcome == OPTIMAL else None


def _new_highs() -> highspy.Highs:
    """A HiGHS instance; the first of a process prints a banner, which is silenced."""
    global _banner_done
    if _banner_done:
        return highspy.Highs()
    with c_stdout_silenced():
        h = highspy.Highs()
    _banner_done = True
    return h


@dataclass(frozen=True)
class IntegerAnswer:
    outcome: int              # OPTIMAL, INFEASIBLE, UNBOUNDED or TIME_LIMIT
    x: np.ndarray | None      # the best solution found (None: none, even within the time)


def solve_integer(cost: np.ndarray, integrality: np.ndarray, bounds: Bounds,
                  constraints: LinearConstraint | None, time_limit: float | None = None) -> IntegerAnswer:
    """min cost @ x over the bounds and constraints, the variables marked 1 in ``integrality`` integers.
    RAISES SolverError when HiGHS ends in any other way than the outcomes above."""
    with c_stdout_silenced():
        result = milp(cost, integrality=integrality, bounds=bounds, constraints=constraints,
                      options={} if time_limit is None else {"time_limit": time_limit})
    if result.status not in _MILP_OUTCOMES:
        raise SolverError(f"the integer program ended without an answer ({result.message})")
    return IntegerAnswer(_MILP_OUTCOMES[result.status], result.x)
