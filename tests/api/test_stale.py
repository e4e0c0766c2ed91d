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
