"""--jobs N: extraction in worker processes gives the same claims, in the same order, as one process."""
from __future__ import annotations

from headcount.extract import extract_reports
from headcount.ingest import read_paths
from headcount.model import Report


def test_two_processes_give_the_claims_of_one(examples, shared):
    reports = [r for r in read_paths([examples, shared / "data/seed/reports.jsonl"]) if isinstance(r, Report)]
    # Invented filler, so that the reports span several batches and both workers get some.
    reports += [Report(id=f"filler-{i}", text=f"Officials said {i + 2} guards were injured at depot {i}.")
                for i in range(40)]
    one = [(r.id, claims) for r, claims in extract_reports(reports)]
    two = [(r.id, claims) for r, claims in extract_reports(iter(reports), batch_size=4, jobs=2)]
    assert two == one
    assert sum(len(c) for _, c in one) > 60
