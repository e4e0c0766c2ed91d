"""Merging the gold people of each report gives the gold's merged people (issue 18): on the dev reports
(../shared/data/dev/people) and on those written for headcount (tests/data/written/people), scored by
../shared/eval/people.py --merged. Extraction plays no part: the benchmark measures it (benchmarks/accuracy.py)."""
from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT
from headcount import views
from headcount.model import Person, Report
from headcount.reconcile import cluster
from headcount.reconcile.people import merge_incidents

WRITTEN = ROOT / "tests" / "data" / "written" / "people"


def _merged_from_gold(reports_path: Path, gold_dir: Path, out: Path) -> Path:
    reports = [Report(id=r["id"], text=r["text"], published=r.get("published"), incident=r.get("incident"))
               for r in map(json.loads, reports_path.read_text(encoding="utf-8").splitlines())]
    published = {r.id: r.published for r in reports}
    people = [replace(Person.from_dict(g), published=published[g["report"]])
              for g in map(json.loads, (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines())]
    merged = merge_incidents(cluster(reports), people, texts={r.id: r.text for r in reports})
    out.write_text(json.dumps({inc: [views.person_record(r) for r in rs] for inc, rs in merged.items()}),
                   encoding="utf-8")
    return out


@pytest.mark.parametrize("which", ["dev", "written"])
def test_people_gold_mentions_merge_into_the_gold_people(which, shared, tmp_path):
    spec = importlib.util.spec_from_file_location("people_scorer", shared / "eval" / "people.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    reports, gold = ((shared / "data" / "dev" / "reports.jsonl", shared / "data" / "dev" / "people") if which == "dev"
                     else (WRITTEN / "reports.jsonl", WRITTEN))
    found = _merged_from_gold(reports, gold, tmp_path / "found.json")
    s = scorer.merged(str(gold / "people.json"), str(found))
    assert (s["f1"], s["final_status_accuracy"], s["split"]) == (1.0, 1.0, 0)
    expected = json.loads((gold / "people.json").read_text(encoding="utf-8"))
    got = json.loads(found.read_text(encoding="utf-8"))
    for inc, people in expected.items():
        assert [(r["name"], set(r["variants"]), r["nationality"], r["final_status"], r["reports"]) for r in got[inc]] \
            == [(p["name"], set(p["variants"]), p["nationality"], p["final_status"], p["reports"]) for p in people]
