"""Bounded work (issue 21, point 1): however many conflicting figures arrive, an account is computed within
a budget, exact when cheap and marked otherwise. Claims written for the tests."""
from __future__ import annotations

import random

from headcount.reconcile import account_incident
from headcount.reconcile import conflicts
from headcount.reconcile.bounds import feasible
from headcount.reconcile.system import build
from headcount.reconcile.policies import load_weights

from claim_factory import claim


def hostile(n: int, seed: int = 3):
    rng = random.Random(seed)
    return [claim(rng.choice(["taken", "freed", "held", "killed"]), rng.randint(0, 200),
                  nationality=rng.choice([None, "GB", "US"]), published=f"2024-03-{rng.randint(1, 9):02d}",
                  kind=rng.choice(["government", "media", "witness"]), source=f"s{rng.randint(0, 4)}")
            for _ in range(n)]


def test_a_cheap_account_is_exact():
    assert account_incident("i", "t", ["r1"], [claim("freed", 3), claim("freed", 5, kind="witness")]).exact


def test_past_the_budget_the_claims_set_aside_still_let_the_rest_hold(monkeypatch):
    monkeypatch.setattr(conflicts, "MILP_BUDGET_S", 0.0)
    claims = hostile(300)
    acc = account_incident("i", "t", ["r1"], claims)
    assert not acc.exact
    system = build(claims, None, load_weights().of)
    dropped, exact = conflicts.fewest_to_drop(system, system.constraints)
    assert not exact and feasible(system, [c for c in system.constraints if c not in dropped])
    assert all(c.low is not None and (c.best is None or c.low <= c.best) for c in acc.cells)


def test_past_the_explanation_budget_each_conflict_still_cannot_hold_and_the_account_says_so(monkeypatch):
    """With no time to find smallest conflicts, each claim set aside is still shown with claims it cannot
    hold with (a good set, not proven the smallest), and the account is marked not exact."""
    claims = hostile(120, seed=5)
    assert account_incident("i", "t", ["r1"], claims).exact  # given the time, the work is exact
    monkeypatch.setattr(conflicts, "EXPLAIN_BUDGET_S", 0.0)
    acc = account_incident("i", "t", ["r1"], claims)
    assert not acc.exact and acc.conflicts
    by_id = {c.id: c for c in claims}
    system = build(claims, None, load_weights().of)
    for conflict in acc.conflicts:
        core = [c for c in system.constraints if any(cl.id in conflict.claims for cl in c.claims)]
        assert not feasible(system, core), conflict.claims
        assert all(cid in by_id for cid in conflict.claims)


def test_two_figures_for_one_cell_are_told_apart_without_a_linear_program(monkeypatch):
    """One cell at one moment: rounding when the widened figures meet, else who said them."""
    def no_lp(*args, **kwargs):
        raise AssertionError("an LP was solved")
    monkeypatch.setattr(conflicts, "feasible", no_lp)
    system = build([claim("freed", 60), claim("freed", 64, kind="media", source="a paper"),
                    claim("freed", 7), claim("freed", 9)], None, load_weights().of)
    by_figure = {c.claims[0].count.low: c for c in system.constraints}
    round_, odd, seven, nine = (by_figure[n] for n in (60, 64, 7, 9))
    assert conflicts.reason(system, [round_, odd]) == "rounding"
    assert conflicts.reason(system, [odd, seven]) == "speaker"
    assert conflicts.reason(system, [seven, nine]) == "contradiction"


def test_a_solver_that_gives_no_answer_is_an_error_not_a_conflict(monkeypatch):
    """Only 'optimal', 'infeasible' and 'unbounded' are answers; a limit or a numerical failure of HiGHS
    must not read as 'these claims cannot hold'."""
    import highspy
    import pytest
    from types import SimpleNamespace
    from headcount.reconcile import solver
    assert solver.lp_outcome(highspy.HighsModelStatus.kInfeasible) == solver.INFEASIBLE
    with pytest.raises(solver.SolverError, match="kTimeLimit"):
        solver.lp_outcome(highspy.HighsModelStatus.kTimeLimit)
    monkeypatch.setattr(solver, "milp", lambda *a, **k: SimpleNamespace(x=None, status=4, message="failed"))
    with pytest.raises(solver.SolverError, match="failed"):
        account_incident("i", "t", ["r1"], [claim("freed", 3), claim("freed", 5, kind="witness")])
