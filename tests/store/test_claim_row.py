"""A claim's flat row is defined once (model.CLAIM_ROW, Claim.to_row / from_row) and the export, batch files
and the store's columns all follow it. The claim is written for this test."""
from __future__ import annotations

from headcount.export.columns import CLAIM_COLUMNS
from headcount.model import CLAIM_ROW, Claim, Count, Group, Source
from headcount.store import schema

CLAIM = Claim(report="kiln-row", span=(4, 31), text="3 Orvel guards were injured", status="injured",
              count=Count(3, 3, "exact", "3"), group=Group("Orvel guards", "XK", False, "security"),
              source=Source("the police", "government", "XK", "a radio"), modality="uncertain", id="c0123",
              published="2024-05-02", time="2024-05-02T10:00")


def test_a_claim_is_its_flat_row_and_back():
    row = CLAIM.to_row()
    assert list(row) == [name for name, _ in CLAIM_ROW]
    assert Claim.from_row(row) == CLAIM


def test_the_export_and_the_store_have_the_flat_row_s_columns():
    assert CLAIM_COLUMNS == CLAIM_ROW
    stored = [c.name for c in schema.claims.columns]
    assert sorted(stored) == sorted(["report_id" if n == "report" else n for n, _ in CLAIM_ROW] + ["report_version"])
