"""Benchmark: reconciling many claims over many incidents.

Generates incidents in the shape real coverage has (a host country, several
nationalities, daily reports whose figures grow, a few contradictory claims)
and times the accounts of all of them (``account_each``), in one process and in several. Run:

    .venv/bin/python benchmarks/reconcile.py [--sizes 10000 100000 1000000] [--jobs 1 2] [--out results.json]

``--adversarial`` times instead what a hostile feed can send (issue 21): reports a day apart, each of
sentences of random figures for a handful of groups, all about one incident. The bar: 20 reports x 100
sentences in under 10 s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import date, timedelta

from headcount.model import Claim, Count, Group, Source
from headcount.reconcile import Incident, account_each, load_weights

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


ADVERSARIAL_BUDGET_S = 10.0


def adversarial_claims(rng: random.Random, reports: int, sentences: int) -> list[Claim]:
    """Random, mutually contradictory figures: every sentence a figure for one of a handful of groups."""
    groups = [Group(None, None, None, "hostage"), Group(None, "GB", None, "hostage"), Group(None, "US", None, "hostage"),
              Group(None, None, True, "hostage"), Group(None, None, None, "unspecified"),
              Group(None, None, None, "attacker")]
    statuses = ["taken", "held", "freed", "killed", "injured", "missing"]
    claims = []
    for r in range(reports):
        published = (date(2020, 1, 1) + timedelta(days=r)).isoformat()
        for s in range(sentences):
            value = rng.randint(0, 300)
            qualifier = rng.choice(["exact", "exact", "at_least", "about", "at_most"])
            count = Count(None if qualifier == "at_most" else value, None if qualifier == "at_least" else value,
                          qualifier, None)
            kind = rng.choice(KINDS)
            claims.append(Claim(report=f"hostile-{r}", span=(s, s + 1), text="", status=rng.choice(statuses),
                                count=count, group=rng.choice(groups), source=Source(f"{kind} {s % 5}", kind),
                                id=f"h{r}-{s}", published=published))
    return claims


def adversarial(reports: int, sentences: int, seed: int) -> dict:
    found = [(Incident("hostile", "hostile feed", (), "DZ"), adversarial_claims(random.Random(seed), reports, sentences))]
    t0 = time.perf_counter()
    (account,) = account_each(found)
    seconds = time.perf_counter() - t0
    row = {"reports": reports, "sentences": sentences, "seconds": round(seconds, 2),
           "within_budget": seconds < ADVERSARIAL_BUDGET_S, "conflicts": len(account.conflicts),
           "exact": account.exact}
    print(json.dumps(row))
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                    help="numbers of claims to reconcile")
    ap.add_argument("--per-incident", type=int, default=500, help="claims an incident")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="processes to time each size with")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=None)
    ap.add_argument("--adversarial", type=int, nargs=2, metavar=("REPORTS", "SENTENCES"), default=None,
                    help="time one incident of REPORTS reports a day apart x SENTENCES random figures (20 100)")
    args = ap.parse_args()
    if args.adversarial:
        row = adversarial(*args.adversarial, args.seed)
        if args.out:
            with open(args.out, "w") as f:
                json.dump(row, f, indent=1)
        return
    weights = load_weights()
    rows = []
    print(f"{'claims':>10}{'incidents':>11}{'jobs':>6}{'seconds':>10}{'claims/s':>11}{'conflicts':>11}")
    for size in args.sizes:
        rng = random.Random(args.seed)
        n_incidents = max(1, size // args.per_incident)
        found = [(Incident(f"i{i}", f"incident {i}", (), "DZ"), incident_claims(rng, args.per_incident, i))
                 for i in range(n_incidents)]
        for jobs in args.jobs:
            t0 = time.perf_counter()
            accounts = account_each(found, weights=weights, jobs=jobs)
            seconds = time.perf_counter() - t0
            row = {"claims": n_incidents * args.per_incident, "incidents": n_incidents, "jobs": jobs,
                   "seconds": round(seconds, 2), "claims_per_s": round(n_incidents * args.per_incident / seconds),
                   "cells": sum(len(a.cells) for a in accounts),
                   "conflicts": sum(len(a.conflicts) for a in accounts)}
            rows.append(row)
            print(f"{row['claims']:>10}{row['incidents']:>11}{jobs:>6}{row['seconds']:>10}{row['claims_per_s']:>11}"
                  f"{row['conflicts']:>11}", flush=True)
    result = {"cores": os.cpu_count(), "runs": rows}
    print(f"({result['cores']} cores)")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
