"""Reconciling prints nothing on stdout: HiGHS's C code prints a banner and, for some conflict problems,
a debugging line, which would spoil `headcount account --format json`."""
from __future__ import annotations

import random
import sys
from pathlib import Path

from headcount.reconcile import account_incident, load_weights

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from reconcile import incident_claims  # noqa: E402  (the benchmark's generator of incidents)


def test_the_conflict_solver_prints_nothing(capfd):
    rng = random.Random(7)
    for index in range(588):  # the 588th incident of the benchmark's sequence made HiGHS print
        claims = incident_claims(rng, 500, index)
    account = account_incident("i587", "generated", [], claims, host="DZ", weights=load_weights())
    assert account.conflicts
    assert capfd.readouterr().out == ""
