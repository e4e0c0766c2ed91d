"""The incidents of a store, each with its claims: what `account`, `timeline`, `incidents` and `export` read
(reconcile.incidents_in_store), and the library calls the CLI makes around it (issue 20). Reports and claims
written for the tests."""
from __future__ import annotations

from datetime import datetime

import pytest

from headcount.errors import HeadcountError
from headcount.model import Report
from headcount.reconcile import first_claim_moment, incident_of_report, incidents_in_store
from headcount.store import Store

from claim_factory import claim

DOCK = Report(id="dock-1", text="Officials said 3 workers were hurt at the dock.", published="2030-05-04",
              incident="dock")
DOCK_LATER = Report(id="dock-2", text="Officials said 5 workers were hurt at the dock.", published="2030-05-09",
                    incident="dock")
FERRY = Report(id="ferry-1", text="Ferry capsizes\nOfficials said 5 passengers were missing.",
               published="2029-01-01")


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as opened:
        yield opened


def _stored(store, *reports_and_claims) -> None:
    for report, claims in reports_and_claims:
        assert store.add(report, claims)


def test_an_empty_store_is_an_error_not_an_empty_answer(store):
    with pytest.raises(HeadcountError, match=r"^\[E030\]") as raised:
        incidents_in_store(store)
    assert "headcount ingest" in str(raised.value)


def test_the_store_s_incidents_come_with_their_claims_and_one_can_be_asked_for(store):
    _stored(store, (DOCK, [claim("injured", 3, report="dock-1", cid="d1")]),
            (DOCK_LATER, [claim("injured", 5, report="dock-2", cid="d2")]),
            (FERRY, [claim("missing", 5, report="ferry-1", cid="f1")]))
    reports, found = incidents_in_store(store)
    assert sorted(s.report.id for s in reports) == ["dock-1", "dock-2", "ferry-1"]
    claims_of = {inc.id: sorted(c.id for c in cs) for inc, cs in found}
    assert claims_of["dock"] == ["d1", "d2"] and sorted(claims_of.values()) == [["d1", "d2"], ["f1"]]
    _, (only,) = incidents_in_store(store, "dock")
    assert only[0].id == "dock" and only[0].reports == ("dock-1", "dock-2")
    with pytest.raises(HeadcountError, match=r"^\[E013\] no incident 'nowhere'"):
        incidents_in_store(store, "nowhere")


def test_each_report_s_incident_is_the_one_it_is_grouped_into(store):
    _stored(store, (DOCK, []), (FERRY, []))
    incident_of = incident_of_report(store.reports())
    assert incident_of["dock-1"] == "dock" and incident_of["ferry-1"] not in (None, "dock")


def test_the_first_moment_is_the_earliest_dated_claim_s():
    assert first_claim_moment([claim("killed", 2, published="2030-05-09"), claim("killed", 1, published=None),
                               claim("killed", 3, published="2030-05-04", time="2030-05-04T10:00")]) \
        == datetime(2030, 5, 4, 10, 0)
    assert first_claim_moment([claim("killed", 1, published=None)]) is None
