"""All benchmarks, one command: extraction (against bare spaCy, and --jobs 2 against --jobs 1),
reconciliation at 10 000, 100 000 and 1 000 000 claims, and the API's account latency at 10 000 claims.

Each benchmark runs in its own process (benchmarks/extract.py, reconcile.py, api.py, which can also be
run alone); this prints one table of the figures against their targets and writes every figure as JSON.
Run from the project's folder:

    .venv/bin/python benchmarks/run.py [--out benchmarks.json] [--quick]

--quick uses small sizes, to check that the benchmarks run (its figures are not the targets' sizes).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
FULL = {"extract": ["--reports", "1000", "--repeat", "2", "--jobs", "2"],
        "reconcile": ["--sizes", "10000", "100000", "1000000", "--jobs", "1", "2"],
        "api": ["--claims", "10000", "--requests", "200", "--writes", "10"]}
QUICK = {"extract": ["--reports", "40", "--repeat", "1", "--jobs", "2"],
         "reconcile": ["--sizes", "2000", "--jobs", "1", "2"],
         "api": ["--claims", "1000", "--requests", "20", "--writes", "2"]}


def run(name: str, args: list[str], folder: Path) -> dict:
    out = folder / f"{name}.json"
    print(f"running benchmarks/{name}.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(HERE / f"{name}.py"), *args, "--out", str(out)], check=True)
    return json.loads(out.read_text())


def rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(what, measured, target, met) for the table."""
    ex, rec, api = results["extract"], results["reconcile"], results["api"]
    table = [("extraction time / bare spaCy's", f"{ex['ratio']:.2f}x ({ex['headcount_s']:.1f} s / "
              f"{ex['bare_spacy_s']:.1f} s, {ex['headcount_words_per_s']:.0f} words/s)", "<= 1.25x",
              ex["ratio"] <= 1.25)]
    for n, j in ex["jobs"].items():
        table.append((f"extraction --jobs {n} speed-up over --jobs 1", f"{j['speedup_over_jobs_1']:.2f}x",
                      ">= 1.6x" if n == "2" else "", j["speedup_over_jobs_1"] >= 1.6 if n == "2" else None))
    for r in rec["runs"]:
        target = "< 60 s" if r["claims"] >= 1_000_000 else ""
        table.append((f"reconcile {r['claims']:,} claims, {r['jobs']} process(es)", f"{r['seconds']} s",
                       target, r["seconds"] < 60 if target else None))
    for name in ("warm", "after_post", "after_outside_write", "as_of_replay"):
        s = api[name]
        table.append((f"account of {api['claims']:,} claims, {name.replace('_', ' ')}",
                      f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms", "p95 < 200 ms", s["p95_ms"] < 200))
    return [(what, got, target, "" if met is None else ("yes" if met else "NO")) for what, got, target, met in table]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="benchmarks.json", help="where to write all figures as JSON")
    ap.add_argument("--quick", action="store_true", help="small sizes: check that the benchmarks run")
    args = ap.parse_args()
    sizes = QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory() as folder:
        results = {name: run(name, sizes[name], Path(folder)) for name in ("extract", "reconcile", "api")}
    results["cores"] = os.cpu_count()
    results["quick"] = args.quick
    table = rows(results)
    widths = [max(len(r[i]) for r in table + [("what", "measured", "target", "met")]) for i in range(4)]
    print()
    for r in [("what", "measured", "target", "met")] + table:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)))
    print(f"({results['cores']} cores{'; quick sizes' if args.quick else ''})")
    Path(args.out).write_text(json.dumps(results, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
