"""Benchmark: latency of GET /api/incidents/{id}/account for an incident of 10 000 claims.

Fills an SQLite store with one generated incident (reports a day, several nationalities, a few wrong
figures: the generator of benchmarks/reconcile.py), serves the app with Uvicorn on a loopback port and
times real HTTP requests from httpx:

- warm: the same account asked again and again (what a dashboard polling the board does);
- after_post: the account asked right after a report is POSTed (answered from the previous state,
  marked stale, while the server computes the watched accounts again in the background);
- after_outside_write: the account asked right after another process stored a report (the reader
  waits while the new reports' claims are read and the incidents formed again, then is answered
  from the previous state, marked stale, as after a POST);
- fresh_after_outside_write: from that write until the account answered is no longer stale (it
  holds the new report's claims): how soon a redraw can follow another process's report;
- as_of_replay: the account as of each moment a claim speaks of (the as-of slider), each asked once,
  after the timeline, as the dashboard asks (the timeline computes those accounts and keeps them).

Run:

    .venv/bin/python benchmarks/api.py [--claims 10000] [--requests 200] [--out api.json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).parent))
from reconcile import incident_claims  # noqa: E402  (the claim generator, shared with that benchmark)

from headcount.api import create_app  # noqa: E402
from headcount.model import Report  # noqa: E402
from headcount.store import Store  # noqa: E402

INCIDENT = "bench-incident"


def fill_store(url: str, n_claims: int, seed: int) -> None:
    """One incident: its generated claims, grouped into the reports they name, each report stored with its claims."""
    claims = incident_claims(random.Random(seed), n_claims, 0)
    by_report: dict[str, list] = {}
    for c in claims:
        by_report.setdefault(c.report, []).append(c)
    with Store.open(url) as store:
        for report_id, cs in sorted(by_report.items()):
            text = f"Report {report_id}: figures on the hostages at the Bench plant."
            report = Report(id=report_id, text=text, published=cs[0].published, incident=INCIDENT)
            store.add(store.prepare(report), [replace(c, report=report_id) for c in cs])


def outside_write(url: str, i: int) -> None:
    """A report stored by another writer (as `headcount ingest` would), which the server has not seen."""
    with Store.open(url) as store:
        report = Report(id=f"bench-outside-{i}", text=f"Outside report {i} on the Bench plant.",
                        published="2020-01-09", incident=INCIDENT)
        store.add(store.prepare(report), [])


def serve(url: str) -> tuple[uvicorn.Server, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def timed(client: httpx.Client, path: str, **params) -> float:
    t0 = time.perf_counter()
    answer = client.get(path, params=params)
    elapsed = time.perf_counter() - t0
    answer.raise_for_status()
    return elapsed * 1000


def until_fresh(client: httpx.Client, path: str, since: float) -> float:
    """Milliseconds from ``since`` until the account is answered without being stale (polled every 5 ms)."""
    while client.get(path).json()["stale"]:
        time.sleep(0.005)
    return (time.perf_counter() - since) * 1000


def summary(ms: list[float]) -> dict:
    ordered = sorted(ms)
    return {"n": len(ms), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
            "max_ms": round(ordered[-1], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200, help="warm requests")
    ap.add_argument("--writes", type=int, default=10, help="reports posted, each followed by a cold request")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        fill_store(url, args.claims, args.seed)
        server, base = serve(url)
        path = f"/api/incidents/{INCIDENT}/account"
        with httpx.Client(base_url=base, timeout=120) as client:
            first = timed(client, path)
            warm = [timed(client, path) for _ in range(args.requests)]
            after_post, after_outside, fresh = [], [], []
            for i in range(args.writes):
                body = {"id": f"bench-extra-{i}", "incident": INCIDENT, "published": "2020-01-09",
                        "text": f"Officials said {i + 2} hostages were freed at the Bench plant."}
                client.post("/api/reports", json=body).raise_for_status()
                after_post.append(timed(client, path))
                written = time.perf_counter()
                outside_write(url, i)
                after_outside.append(timed(client, path))
                fresh.append(until_fresh(client, path, written))
            t0 = time.perf_counter()
            moments = client.get(f"/api/incidents/{INCIDENT}/timeline").json()["moments"]
            timeline_ms = (time.perf_counter() - t0) * 1000
            replay = [timed(client, path, as_of=m) for m in moments]
            claims = len(client.get("/api/claims", params={"incident": INCIDENT}).json())
        server.should_exit = True
    result = {"claims": claims, "cores": os.cpu_count(), "first_ms": round(first, 1), "warm": summary(warm),
              "after_post": summary(after_post), "after_outside_write": summary(after_outside),
              "fresh_after_outside_write": summary(fresh),
              "timeline_first_ms": round(timeline_ms, 1), "as_of_replay": summary(replay)}
    print(f"{'requests':<28}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name in ("warm", "after_post", "after_outside_write", "fresh_after_outside_write", "as_of_replay"):
        s = result[name]
        print(f"{name:<28}{s['n']:>5}{s['p50_ms']:>10}{s['p95_ms']:>10}{s['max_ms']:>10}")
    print(f"account of {claims} claims; first request {result['first_ms']} ms; first timeline "
          f"{result['timeline_first_ms']} ms; {result['cores']} cores")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
