"""The benchmark command runs (at small sizes) and writes every figure it prints; the figures themselves
are measured by `benchmarks/run.py`, never asserted here."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_command_runs_and_writes_its_figures(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert set(results) >= {"extract", "reconcile", "api", "cores"}
    assert results["extract"]["ratio"] > 0 and "2" in results["extract"]["jobs"]
    assert [r["jobs"] for r in results["reconcile"]["runs"]] == [1, 2]
    assert results["api"]["warm"]["n"] == 20
    assert "extraction time / bare spaCy's" in done.stdout
