"""Benchmark: reconciling many claims over many incidents.

Generates incidents in the shape real coverage has (a host country, several
nationalities, daily reports whose figures grow, a few contradictory claims)
and times ``account_incident`` over all of them. Run:

    .venv/bin/python benchmarks/reconcile.py [--claims 100000] [--incidents 200] [--out results.json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import date, timedelta

from headcount.model import Claim, Count, Group, Source
from headcount.reconcile import account_incident, load_weights

NATIONS = ["JP", "GB", "US", "FR", "NO", "IE", "KE", "PH", "MY", "DE", "IT", "CA"]
KINDS = ["government", "state_media", "media", "media", "unnamed", "witness", "perpetrator", "company"]


def incident_claims(rng: random.Random, n_claims: int, index: int) -> list[Claim]:
    """Claims about one invented incident: true figures growing over ``days`` days, mostly reported truly."""
    host = "DZ"
    nations = rng.sample(NATIONS, rng.randint(3, 8)) + [host]
    days = rng.randint(3, 8)
    start = date(2020, 1, 1) + timedelta(days=index)
    truth = {}
    for x in nations:
        taken = rng.randint(2, 40)
        freed = sorted(rng.randint(0, taken // 2) for _ in range(days))
        missing = [rng.randint(0, taken - f) for f in freed]
        killed = sorted(rng.randint(0, 5) for _ in range(days))
        truth[x] = {"taken": [taken] * days, "freed": freed, "missing": missing, "killed": killed}
    claims = []
    for i in range(n_claims):
        x = rng.choice(nations + [None])
        day = rng.randrange(days)
        status = rng.choice(["taken", "freed", "missing", "killed"])
        if x is None:
            value, group = sum(truth[n][status][day] for n in nations), Group(None, None, None, "hostage")
        else:
            value, group = truth[x][status][day], Group(None, x, None, "hostage")
        qualifier = rng.choice(["exact", "exact", "at_least", "about"])
        if rng.random() < 0.004:
            value += rng.randint(3, 9)  # a wrong figure
        count = Count(value, None if qualifier == "at_least" else value, qualifier, None)
        published = (start + timedelta(days=day)).isoformat()
        kind = rng.choice(KINDS)
        claims.append(Claim(report=f"i{index}-d{day}-r{i % 7}", span=(i, i + 1), text="", status=status,
                            count=count, group=group, source=Source(kind, kind), id=f"i{index}-c{i}",
                            published=published))
    return claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--incidents", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    per = args.claims // args.incidents
    incidents = [incident_claims(rng, per, i) for i in range(args.incidents)]
    weights = load_weights()
    t0 = time.perf_counter()
    conflicts = cells = 0
    for i, claims in enumerate(incidents):
        acc = account_incident(f"i{i}", f"incident {i}", [], claims, host="DZ", weights=weights)
        conflicts += len(acc.conflicts)
        cells += len(acc.cells)
    elapsed = time.perf_counter() - t0
    result = {"claims": per * args.incidents, "incidents": args.incidents, "seconds": round(elapsed, 2),
              "cells": cells, "conflicts": conflicts, "cores": os.cpu_count()}
    print(json.dumps(result))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
