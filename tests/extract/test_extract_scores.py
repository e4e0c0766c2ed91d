"""Extraction measured with ../shared/eval/score.py on the seed and dev sets.

The floors are what issue 2 requires on the seed, and a guard against
regressions on dev (the targets of issue 3 are higher).
"""
import json

import pytest

from headcount.extract import extract_reports
from headcount.ingest import read_paths


def _score(shared, scorer, name):
    reports = list(read_paths([shared / "data" / name / "reports.jsonl"]))
    pred = [json.loads(json.dumps(c.to_dict())) for _, cs in extract_reports(reports) for c in cs]
    gold = scorer.load(shared / "data" / name / "gold.jsonl")
    return scorer.score(gold, pred)


def test_extract_scores_on_seed(shared, scorer):
    s = _score(shared, scorer, "seed")
    assert s["f1"] >= 0.80, s
    assert s["full_f1"] >= 0.60, s


def test_extract_scores_on_dev_do_not_regress(shared, scorer):
    s = _score(shared, scorer, "dev")
    assert s["f1"] >= 0.70, {k: v for k, v in s.items() if not isinstance(v, list)}
    assert s["full_f1"] >= 0.42, {k: v for k, v in s.items() if not isinstance(v, list)}
