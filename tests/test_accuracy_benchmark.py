"""The accuracy benchmark runs on a sample of every set and writes its table; its figures are measured by
`benchmarks/accuracy.py` without --quick, never asserted here (they are the issues' targets, not floors)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {"seed", "dev", "written", "written/people", "muc4/dev", "muc4/tst1", "muc4/tst2", "semeval18", "polnear/dev"}


def test_quick_accuracy_run_scores_every_set(shared, tmp_path):
    out = tmp_path / "accuracy.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert {r["set"] for r in rows} == SETS
    assert all(set(r) >= {"set", "measure", "value", "target"} for r in rows)
    measures = {(r["set"], r["measure"]) for r in rows}
    for wanted in [("seed", "f1"), ("dev", "full_f1"), ("muc4/tst1", "f1"), ("semeval18", "killed_exact"),
                   ("semeval18", "bcubed_f1"), ("polnear/dev", "overlap_accuracy"), ("dev", "account_checks_hold"),
                   ("semeval18", "consistency_faults_latest")]:
        assert wanted in measures, wanted
    assert all(0 <= r["value"] <= 1 for r in rows if r["measure"] in ("f1", "overlap_accuracy", "bcubed_f1"))
    header = done.stdout.splitlines()[0].split()
    assert header == ["set", "measure", "figure", "target", "met"]


def test_one_named_set_is_scored_alone(shared, tmp_path):
    out = tmp_path / "accuracy.json"
    seed = shared / "data" / "seed"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--claims",
                           str(seed / "reports.jsonl"), str(seed / "gold.jsonl"), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert {r["set"] for r in rows} == {"seed"}
    assert {r["measure"] for r in rows} == {"precision", "recall", "f1", "attribution", "full_f1"}


def test_a_missing_set_is_named(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--muc4",
                           str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "nowhere" in done.stderr and "Traceback" not in done.stderr
