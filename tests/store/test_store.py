import pytest

from headcount.errors import StoreError
from headcount.model import Claim, Count, Group, Report, Source, claim_id
from headcount.store import Store


def _claim(report_id, start=0, status="freed", low=3):
    count = Count(low, low, "exact", str(low))
    group = Group("Norwegians", "NO", None, "hostage")
    return Claim(report=report_id, span=(start, start + 10), text="x" * 10, status=status, count=count, group=group,
                 source=Source("Oslo", "government", "NO", None), modality="asserted",
                 id=claim_id(report_id, (start, start + 10), status, count, group), published="2024-01-01")


def test_store_roundtrips_reports_and_claims(store_url):
    report = Report(id="r1", text="Oslo says three Norwegians are free.", published="2024-01-01",
                    outlet="Test Wire", incident="inc-1")
    claims = [_claim("r1"), _claim("r1", start=20, status="missing", low=2)]
    with Store.open(store_url) as store:
        assert store.add(report, claims) is True
        (stored,) = store.reports()
        assert stored.report.incident == "inc-1" and stored.claim_count == 2
        assert store.claims() == claims


def test_store_same_report_twice_changes_nothing(store_url):
    report = Report(id="r1", text="Two Britons are safe.")
    with Store.open(store_url) as store:
        assert store.add(report, [_claim("r1")]) is True
        assert store.add(report, [_claim("r1")]) is False
        assert len(store.reports()) == 1 and len(store.claims()) == 1


def test_store_failed_write_leaves_no_half_report(store_url):
    report = Report(id="r2", text="Four guards were hurt.")
    broken = [_claim("r2"), _claim("r2")]  # the same claim id twice: the claims insert fails
    with Store.open(store_url) as store:
        with pytest.raises(StoreError, match="r2"):
            store.add(report, broken)
        assert store.reports() == [] and store.claims() == []


def test_store_bad_url_is_a_clear_error():
    with pytest.raises(StoreError, match="--db"):
        Store.open("nosuchdialect://x/y")
