"""Extraction measured on three sets: the seed and dev sets (../shared, with the guidelines' scorer),
and reports written for headcount with their gold (tests/data/written, with `headcount eval`'s scorer).

The floors are issue 3's targets on the seed and dev sets, a little under what extraction gives today,
so that a change that loses claims fails here.
"""
import json
from pathlib import Path

from headcount.evaluate import load_claims, score
from headcount.extract import extract_reports
from headcount.ingest import read_paths

WRITTEN = Path(__file__).resolve().parents[1] / "data" / "written"


def _predicted(path: Path) -> list[dict]:
    reports = list(read_paths([path]))
    return [json.loads(json.dumps(c.to_dict())) for _, cs in extract_reports(reports) for c in cs]


def _score(shared, scorer, name):
    gold = scorer.load(shared / "data" / name / "gold.jsonl")
    s = scorer.score(gold, _predicted(shared / "data" / name / "reports.jsonl"))
    return {k: v for k, v in s.items() if not isinstance(v, list)}


def test_extract_scores_on_seed(shared, scorer):
    s = _score(shared, scorer, "seed")
    assert s["f1"] >= 0.95 and s["full_f1"] >= 0.90, s


def test_extract_scores_on_dev(shared, scorer):
    s = _score(shared, scorer, "dev")
    assert s["f1"] >= 0.85 and s["full_f1"] >= 0.78, s


def test_extract_scores_on_reports_written_for_headcount():
    s = score(load_claims(WRITTEN / "gold.jsonl"), _predicted(WRITTEN / "reports.jsonl")).figures()
    assert s["f1"] >= 0.9 and s["full_f1"] >= 0.9, s


def test_written_gold_is_built_from_its_specs():
    """gold.jsonl and reports.jsonl are what build.py writes: the spans point at the evidence."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("build", WRITTEN / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert load_claims(WRITTEN / "gold.jsonl") == build.gold_claims()
    texts = {r["id"]: r["text"] for r in build.REPORTS}
    for c in build.gold_claims():
        assert texts[c["report"]][slice(*c["span"])] == c["text"]
