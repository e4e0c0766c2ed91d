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
