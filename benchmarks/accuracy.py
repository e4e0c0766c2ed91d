"""Accuracy on every evaluation set, one command: claims, casualty figures, incidents, sources, accounts, people.

Each set is run the way a user would run it: `headcount extract` for claims and casualty figures,
`headcount ingest` (reports without their `incident` field) then `headcount account` for SemEval-18,
`headcount.find_sources` for PolNeAR, `headcount extract --people` and, over a store the reports were
ingested into (in their incidents), `headcount people` for named people; the figures come from the scorers
of ../shared/eval, imported as they are (score.py, muc4.py, semeval18.py, attribution.py, account.py,
people.py). Run from the project's folder:

    .venv/bin/python benchmarks/accuracy.py [--out accuracy.json] [--quick]

With no set named, every set below is scored; naming sets (--claims, --muc4, --semeval, --polnear,
--account, --people, --muc4-events, each as often as wanted) scores those alone, so that the same command scores any other
split in the same format. --quick scores a fixed sample of each set (the first reports of each file), to check
that everything runs; its figures are not the sets' figures.

  claims  REPORTS GOLD    claims F1, attribution and full F1 (score.py)       seed, dev, tests/data/written
  muc4    DIR             casualty figures F1 (muc4.py)                         muc4/dev, muc4/tst1, muc4/tst2
  muc4_events DIR         `headcount events`: role fillers P, R, F1 (exact) and   muc4/dev, muc4/tst1, muc4/tst2
                          incident type F1 (muc4.py --events)
  semeval DIR             killed/injured exact and grouping B-cubed (semeval18.py)           semeval18
  polnear FILE            source overlap and exact accuracy (attribution.py)                  polnear/dev
  account REPORTS EXPECTED  analysts' checks and parts above wholes (account.py)              seed, dev
  people  REPORTS DIR     per report people F1, statuses (people.py); merged     dev, tests/data/written/people
                          F1, final status, splits (people.py --merged); DIR holds gold.jsonl and people.json
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PUBLIC = SHARED / "data" / "public"
POLICIES = ("latest", "conservative", "range", "weighted")

DEFAULTS = {
    "claims": [(SHARED / "data" / "seed" / "reports.jsonl", SHARED / "data" / "seed" / "gold.jsonl"),
               (SHARED / "data" / "dev" / "reports.jsonl", SHARED / "data" / "dev" / "gold.jsonl"),
               (ROOT / "tests" / "data" / "written" / "reports.jsonl", ROOT / "tests" / "data" / "written" / "gold.jsonl")],
    "muc4": [PUBLIC / "muc4" / "dev", PUBLIC / "muc4" / "tst1", PUBLIC / "muc4" / "tst2"],
    "muc4_events": [PUBLIC / "muc4" / "dev", PUBLIC / "muc4" / "tst1", PUBLIC / "muc4" / "tst2"],
    "semeval": [PUBLIC / "semeval18"],
    "polnear": [PUBLIC / "polnear" / "dev.jsonl"],
    "account": [(SHARED / "data" / "seed" / "reports.jsonl", SHARED / "data" / "seed" / "expected-account.json"),
                (SHARED / "data" / "dev" / "reports.jsonl", SHARED / "data" / "dev" / "expected-accounts.json")],
    "people": [(SHARED / "data" / "dev" / "reports.jsonl", SHARED / "data" / "dev" / "people"),
               (ROOT / "tests" / "data" / "written" / "people" / "reports.jsonl",
                ROOT / "tests" / "data" / "written" / "people")],
}

# The bar each measure is held to, and the issue that sets it: (set prefix, measure) -> (target, issue).
# A target is a floor, except for counts of faults (consistency), where it is a ceiling.
TARGETS = {
    ("seed", "f1"): (0.95, 15), ("seed", "attribution"): (0.95, 14), ("seed", "full_f1"): (0.90, 3),
    ("dev", "f1"): (0.89, 15), ("dev", "attribution"): (0.95, 14), ("dev", "full_f1"): (0.85, 3),
    ("written", "f1"): (0.90, 3), ("written", "full_f1"): (0.90, 3),
    ("muc4/tst1", "f1"): (0.40, 13), ("muc4/tst2", "f1"): (0.40, 13),
    ("muc4/tst1", "event_roles_f1"): (0.45, 17), ("muc4/tst2", "event_roles_f1"): (0.45, 17),
    ("muc4/tst1", "event_type_f1"): (0.70, 17), ("muc4/tst2", "event_type_f1"): (0.70, 17),
    ("semeval18", "killed_exact"): (0.75, 17), ("semeval18", "injured_exact"): (0.75, 17),
    ("semeval18", "bcubed_f1"): (0.95, 17),
    ("polnear/dev", "overlap_accuracy"): (0.85, 14), ("polnear/dev", "exact_accuracy"): (0.70, 14),
    ("seed", "account_checks_hold"): (1.0, 16), ("dev", "account_checks_hold"): (1.0, 16),
    ("dev", "people_f1"): (0.85, 18), ("dev", "people_status_accuracy"): (0.85, 18),
    ("dev", "merged_f1"): (0.90, 18), ("dev", "merged_splits"): (0, 18),
    ("written/people", "people_f1"): (0.85, 18), ("written/people", "people_status_accuracy"): (0.85, 18),
    ("written/people", "merged_f1"): (0.90, 18), ("written/people", "merged_splits"): (0, 18),
}
CEILINGS = ("consistency_faults", "merged_splits")

# --quick: how many reports (incidents for SemEval, articles for PolNeAR) of each file are scored.
QUICK = {"claims": 4, "muc4": 25, "muc4_events": 25, "semeval": 12, "polnear": 6, "account": None, "people": None}


def scorer(name: str, folder: Path):
    """A scorer of ../shared/eval (or --scorers), imported as a module."""
    path = folder / f"{name}.py"
    if not path.exists():
        sys.exit(f"error: {path} is missing: the scorers of ../shared/eval are needed (--scorers DIR)")
    spec = importlib.util.spec_from_file_location(f"scorer_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def headcount(*args: str, out: Path | None = None) -> None:
    """Run the `headcount` command of this Python environment, as a user would."""
    exe = Path(sys.executable).with_name("headcount")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from headcount.cli import main; main()"]
    with open(out, "w", encoding="utf-8") if out else contextlib.nullcontext() as sink:
        done = subprocess.run(cmd + list(args), stdout=sink or subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):  # 1: some input was bad and named; the rest went through
        sys.exit(f"error: headcount {' '.join(args)} failed:\n{done.stderr[-2000:]}")


def jsonl(path: Path, limit: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return rows[:limit] if limit else rows


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def set_name(path: Path) -> str:
    """A set is named by its folder ("muc4/tst1", "semeval18", "dev"), a PolNeAR file by its split."""
    path = path.resolve()
    if path.is_file() and path.suffix == ".jsonl" and path.stem not in ("reports", "gold"):
        return f"{path.parent.name}/{path.stem}"
    folder = path if path.is_dir() else path.parent
    if folder.name == "people":  # tests/data/written/people: the people written for headcount
        return f"{folder.parent.name}/people"
    return f"{folder.parent.name}/{folder.name}" if folder.parent.name == "muc4" else folder.name


def score_claims(reports: Path, gold: Path, work: Path, sample: int | None, scorers: Path) -> dict:
    score = scorer("score", scorers)
    picked = jsonl(reports, sample)
    ids = {r["id"] for r in picked}
    pred = work / "claims.jsonl"
    headcount("extract", str(write_jsonl(work / "reports.jsonl", picked)), "--format", "jsonl", out=pred)
    gold_claims = [g for g in score.load(gold) if g["report"] in ids]
    s = score.score(gold_claims, score.load(pred))
    return {k: s[k] for k in ("precision", "recall", "f1", "attribution", "full_f1")}


def score_muc4(folder: Path, work: Path, sample: int | None, scorers: Path) -> dict:
    muc4 = scorer("muc4", scorers)
    picked = jsonl(folder / "reports.jsonl", sample)
    ids = {r["id"] for r in picked}
    templates = write_jsonl(work / "templates.jsonl", [t for t in jsonl(folder / "templates.jsonl") if t["id"] in ids])
    pred = work / "claims.jsonl"
    headcount("extract", str(write_jsonl(work / "reports.jsonl", picked)), "--format", "jsonl", out=pred)
    s = muc4.score(str(templates), str(pred))
    return {k: s[k] for k in ("precision", "recall", "f1")}


def score_muc4_events(folder: Path, work: Path, sample: int | None, scorers: Path) -> dict:
    """`headcount events` of a MUC-4 split, scored by muc4.py --events (exact role fillers; incident types).
    muc4/dev is what the event model was trained on (train_events.py): its figures are not held out."""
    muc4 = scorer("muc4", scorers)
    picked = jsonl(folder / "reports.jsonl", sample)
    ids = {r["id"] for r in picked}
    templates = write_jsonl(work / "templates.jsonl", [t for t in jsonl(folder / "templates.jsonl") if t["id"] in ids])
    pred = work / "events.jsonl"
    headcount("events", str(write_jsonl(work / "reports.jsonl", picked)), "--format", "jsonl", "--silent", out=pred)
    s = muc4.score_events(str(templates), str(pred))
    roles = s["roles"]
    return {"event_roles_precision": roles["precision"], "event_roles_recall": roles["recall"],
            "event_roles_f1": roles["f1"], "event_type_f1": s["type"]["f1"]}


def account_json(reports: Path, work: Path, policy: str = "latest", fresh: bool = True) -> dict:
    """`headcount account --format json` over a store that holds ``reports``."""
    db = f"sqlite:///{work / 'store.db'}"
    if fresh:
        headcount("ingest", str(reports), "--db", db)
    out = work / f"account-{policy}.json"
    headcount("account", "--db", db, "--format", "json", "--policy", policy, out=out)
    return json.loads(out.read_text(encoding="utf-8"))


def consistency_faults(account_py, reports: Path, work: Path, policies) -> dict:
    """How many parts stand above their whole, per policy (account.py --consistency)."""
    return {f"consistency_faults_{p}": len(account_py.consistency(account_json(reports, work, p, fresh=i == 0)
                                                                  .get("incidents", [])))
            for i, p in enumerate(policies)}


def score_semeval(folder: Path, work: Path, sample: int | None, scorers: Path, policies) -> dict:
    semeval, account_py = scorer("semeval18", scorers), scorer("account", scorers)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    if sample:
        gold = dict(sorted(gold.items())[:sample])
    docs = {d for g in gold.values() for d in g["docs"]}
    # the reports go in without their incident: headcount groups them itself
    reports = write_jsonl(work / "reports.jsonl", ({k: v for k, v in r.items() if k != "incident"}
                                                   for r in jsonl(folder / "reports.jsonl") if r["id"] in docs))
    (work / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    account = account_json(reports, work)
    (work / "account.json").write_text(json.dumps(account), encoding="utf-8")
    s = semeval.score(str(work / "gold.json"), str(work / "account.json"))
    figures = {k: s[k] for k in ("killed_exact", "injured_exact", "both_exact", "bcubed_precision", "bcubed_recall",
                                 "bcubed_f1")}
    figures.update(consistency_faults(account_py, reports, work, policies))
    return figures


def score_polnear(path: Path, work: Path, sample: int | None, scorers: Path) -> dict:
    attribution = scorer("attribution", scorers)
    gold = write_jsonl(work / "gold.jsonl", jsonl(path, sample))
    pred = work / "sources.jsonl"
    from headcount.extract.sources import answer_polnear, unattributed_none_share
    answer_polnear(gold, pred)
    s = attribution.score(str(gold), str(pred))
    # and the other side: the sentences no attribution touches, which should get no source
    return {**{k: s[k] for k in ("overlap_accuracy", "exact_accuracy", "null_share")},
            "unattributed_none": unattributed_none_share(str(gold))}


def score_account(reports: Path, expected: Path, work: Path, sample: int | None, scorers: Path, policies) -> dict:
    """The analysts' checks of EXPECTED on the account of REPORTS (kept in their incidents), and how many
    parts stand above their whole under each policy."""
    account_py = scorer("account", scorers)
    picked = write_jsonl(work / "reports.jsonl", jsonl(reports, sample))
    account = account_json(picked, work)
    (work / "account.json").write_text(json.dumps(account), encoding="utf-8")
    # the claims with their ids, for the checks that a conflict names a claim
    claims = work / "claims.jsonl"
    headcount("extract", str(picked), "--format", "jsonl", out=claims)
    with contextlib.redirect_stdout(io.StringIO()) as said:
        account_py.main([str(work / "account.json"), str(expected), "--claims", str(claims)])
    held, total = said.getvalue().strip().splitlines()[-1].split()[0].split("/")
    figures = {"account_checks_hold": int(held) / int(total) if int(total) else 0.0, "account_checks": int(total)}
    figures.update(consistency_faults(account_py, picked, work, policies))
    return figures


def score_people(reports: Path, gold: Path, work: Path, sample: int | None, scorers: Path) -> dict:
    """Named people per report (`headcount extract --people`, people.py), and merged across an incident's
    reports (`headcount ingest`, reports kept in their incidents, then `headcount people`, people.py
    --merged). ``gold``: a folder of gold.jsonl (per report) and people.json (merged)."""
    people_py = scorer("people", scorers)
    picked = write_jsonl(work / "reports.jsonl", jsonl(reports, sample))
    found = work / "people.jsonl"
    headcount("extract", str(picked), "--people", "--format", "jsonl", out=found)
    each = people_py.per_report(str(gold / "gold.jsonl"), str(found))
    db = f"sqlite:///{work / 'store.db'}"
    headcount("ingest", str(picked), "--db", db)
    merged_out = work / "people.json"
    headcount("people", "--db", db, "--format", "json", out=merged_out)
    merged = people_py.merged(str(gold / "people.json"), str(merged_out))
    return {"people_precision": each["precision"], "people_recall": each["recall"], "people_f1": each["f1"],
            "people_status_accuracy": each["status_accuracy"],
            "people_nationality_accuracy": each["nationality_accuracy"],
            "merged_precision": merged["precision"], "merged_recall": merged["recall"], "merged_f1": merged["f1"],
            "merged_final_status": merged["final_status_accuracy"], "merged_splits": merged["split"]}


def plan(args) -> list[tuple[str, str, tuple]]:
    """(kind, set name, arguments) of every set to score."""
    named = {k: getattr(args, k) for k in DEFAULTS if getattr(args, k)}
    chosen = named or DEFAULTS
    out = []
    for kind, items in chosen.items():
        for item in items:
            paths = tuple(Path(p) for p in (item if isinstance(item, (tuple, list)) else (item,)))
            out.append((kind, set_name(paths[0]), paths))
    return out


def measure(kind: str, paths: tuple, work: Path, args) -> dict:
    sample = QUICK[kind] if args.quick else None
    policies = POLICIES[:1] if args.quick else POLICIES
    if kind == "claims":
        return score_claims(*paths, work, sample, args.scorers)
    if kind == "muc4":
        return score_muc4(*paths, work, sample, args.scorers)
    if kind == "muc4_events":
        return score_muc4_events(*paths, work, sample, args.scorers)
    if kind == "semeval":
        return score_semeval(*paths, work, sample, args.scorers, policies)
    if kind == "polnear":
        return score_polnear(*paths, work, sample, args.scorers)
    if kind == "people":
        return score_people(*paths, work, sample, args.scorers)
    return score_account(*paths, work, sample, args.scorers, policies)


def target_of(name: str, measure_: str) -> tuple[float | None, int | None]:
    if measure_.startswith(CEILINGS):
        return TARGETS.get((name, measure_), (0, 16))
    return TARGETS.get((name, measure_), (None, None))


def met(measure_: str, value: float, target: float | None) -> str:
    if target is None:
        return ""
    ok = value <= target if measure_.startswith(CEILINGS) else value >= target - 1e-9
    return "yes" if ok else "NO"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="write every figure as JSON: a list of {set, measure, value, target, issue}")
    ap.add_argument("--quick", action="store_true", help="a fixed small sample of each set")
    ap.add_argument("--claims", nargs=2, action="append", metavar=("REPORTS", "GOLD"), help="claims set")
    ap.add_argument("--muc4", action="append", metavar="DIR", help="MUC-4 split (reports.jsonl, templates.jsonl)")
    ap.add_argument("--muc4-events", action="append", metavar="DIR", help="MUC-4 split scored for its events "
                    "(reports.jsonl, templates.jsonl)")
    ap.add_argument("--semeval", action="append", metavar="DIR", help="SemEval-18 folder (reports.jsonl, gold.json)")
    ap.add_argument("--polnear", action="append", metavar="FILE", help="PolNeAR split (.jsonl)")
    ap.add_argument("--account", nargs=2, action="append", metavar=("REPORTS", "EXPECTED"), help="account oracle")
    ap.add_argument("--people", nargs=2, action="append", metavar=("REPORTS", "DIR"), help="named people set (DIR: "
                    "gold.jsonl per report, people.json merged)")
    ap.add_argument("--scorers", type=Path, default=SHARED / "eval", help="the scorers' folder (../shared/eval)")
    args = ap.parse_args(argv)
    rows, started = [], time.monotonic()
    for kind, name, paths in plan(args):
        missing = [p for p in paths if not p.exists()]
        if missing:
            sys.exit(f"error: {missing[0]} is missing (the public sets live in ../shared/data/public)")
        t0 = time.monotonic()
        with tempfile.TemporaryDirectory() as folder:
            figures = measure(kind, paths, Path(folder), args)
        print(f"{kind} {name}: {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
        for measure_, value in figures.items():
            target, issue = target_of(name, measure_)
            rows.append({"set": name, "measure": measure_, "value": round(value, 4), "target": target, "issue": issue})
    print_table(rows)
    print(f"({time.monotonic() - started:.0f} s{'; quick sample, not the sets’ figures' if args.quick else ''})")
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


def print_table(rows: list[dict]) -> None:
    header = ("set", "measure", "figure", "target", "met")
    table = [(r["set"], r["measure"], f"{r['value']:.3f}" if isinstance(r["value"], float) else str(r["value"]),
              "" if r["target"] is None else f"{'≤' if r['measure'].startswith(CEILINGS) else '≥'} {r['target']} "
              f"(#{r['issue']})", met(r["measure"], r["value"], r["target"])) for r in rows]
    widths = [max(len(x[i]) for x in table + [header]) for i in range(5)]
    for line in [header] + table:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
