"""After a write, no request waits for accounts to be computed again (issue 21, point 1): the accounts
dashboards were showing are recomputed in the background, and meanwhile answered from the previous
revision, marked stale. Reports written for this test."""
from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from headcount.api import create_app
from headcount.api.snapshot import Snapshots

FIRST = {"id": "kiln-1", "published": "2022-06-01", "text": "Police said 3 workers were killed at the Orvel kiln."}
LATER = {"id": "kiln-2", "published": "2022-06-02",
         "text": "Police said 5 workers were killed at the Orvel kiln."}


def _killed(account: dict) -> int:
    return next(c["best"] for c in account["cells"] if c["group"]["role"] == "all" and c["status"] == "killed")


def test_a_watched_account_is_answered_stale_while_it_is_computed_again(tmp_path, monkeypatch):
    release = threading.Event()
    compute = Snapshots._compute

    def slow_in_background(self, snap, key):
        if threading.current_thread().name == "headcount-rewarm":
            release.wait(30)  # the recomputation takes as long as the test wants
        return compute(self, snap, key)

    monkeypatch.setattr(Snapshots, "_compute", slow_in_background)
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", refresh_every=0),
                    base_url="http://127.0.0.1") as client:
        incident = client.post("/api/reports", json=FIRST).json()["report"]["incident"]
        url = f"/api/incidents/{incident}/account"
        before = client.get(url).json()
        assert _killed(before) == 3 and before["stale"] is False
        assert client.post("/api/reports", json=LATER).json()["report"]["incident"] == incident
        started = time.monotonic()
        during = client.get(url).json()
        assert time.monotonic() - started < 5  # answered at once, not after the recomputation
        assert during["stale"] is True and _killed(during) == 3
        release.set()
        for _ in range(100):
            after = client.get(url).json()
            if not after["stale"]:
                break
            time.sleep(0.05)
        assert after["stale"] is False and _killed(after) == 5


def test_background_recomputation_hands_the_gil_on_in_short_slices_and_restores_the_default():
    import sys
    from headcount.api import snapshot
    default = sys.getswitchinterval()
    with snapshot._short_gil_slices():
        with snapshot._short_gil_slices():  # two recomputations at once
            assert sys.getswitchinterval() == snapshot.REWARM_SWITCH_S
        assert sys.getswitchinterval() == snapshot.REWARM_SWITCH_S  # the other one still runs
    assert sys.getswitchinterval() == default


OTHER_PLACE = {"id": "quay-1", "published": "2022-06-02",
               "text": "Police said 4 dockers were injured at the Sallow quay in Brenmark."}


def _snapshots(tmp_path):
    from headcount.reconcile import load_weights
    from headcount.store import Store
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    return store, Snapshots(store, load_weights())


def _store(store, body):
    from headcount.extract import extract_report
    from headcount.model import Report
    report = store.prepare(Report(**body))
    store.add(report, extract_report(report))


def test_a_write_to_another_incident_leaves_an_account_fresh_and_uncomputed(tmp_path, monkeypatch):
    store, snapshots = _snapshots(tmp_path)
    _store(store, FIRST)
    incident = snapshots.current().incidents[0][0].id
    before = snapshots.account(incident).result
    _store(store, OTHER_PLACE)
    computed = []
    compute = Snapshots._compute
    monkeypatch.setattr(Snapshots, "_compute", lambda self, snap, key: computed.append(key) or compute(self, snap, key))
    snap = snapshots.refresh()
    assert len(snap.incidents) == 2
    after = snapshots.account(incident)
    assert after.stale is False and after.result is before and computed == []


def test_a_new_revision_reads_only_the_new_reports_claims(tmp_path, monkeypatch):
    store, snapshots = _snapshots(tmp_path)
    _store(store, FIRST)
    snapshots.current()
    _store(store, LATER)
    asked = []
    claims = type(store).claims
    monkeypatch.setattr(type(store), "claims", lambda self, *a, **kw: asked.append(a) or claims(self, *a, **kw))
    snap = snapshots.refresh()
    assert asked == [("kiln-2", 1)]
    assert sorted({c.report for c in snap.claims()}) == ["kiln-1", "kiln-2"]
    assert sorted(c.id for c in snap.claims()) == sorted(c.id for c in store.claims())


def test_an_account_still_computed_again_when_another_write_lands_is_answered_stale(tmp_path, monkeypatch):
    release = threading.Event()
    compute = Snapshots._compute

    def slow_in_background(self, snap, key):
        if threading.current_thread().name == "headcount-rewarm":
            release.wait(30)
        return compute(self, snap, key)

    monkeypatch.setattr(Snapshots, "_compute", slow_in_background)
    store, snapshots = _snapshots(tmp_path)
    _store(store, FIRST)
    incident = snapshots.current().incidents[0][0].id
    assert _killed_of(snapshots.account(incident).result) == 3
    _store(store, LATER)
    snapshots.refresh()                   # its recomputation waits in the background
    _store(store, {**LATER, "id": "kiln-3", "text": LATER["text"].replace("5", "6")})
    started = time.monotonic()
    during = snapshots.account(incident)  # a third revision while the second's is not ready
    assert time.monotonic() - started < 5 and during.stale is True and _killed_of(during.result) == 3
    release.set()
    for _ in range(100):
        after = snapshots.account(incident)
        if not after.stale:
            break
        time.sleep(0.05)
    assert after.stale is False and _killed_of(after.result) == 6


def _killed_of(account) -> int:
    return next(c.best for c in account.cells if c.key.side == "all" and c.key.status == "killed")
