"""A solver that gives no answer is the server's failure: 503 with the reason, never a 4xx that blames the
request, nor a 500. The reports are written for this test."""
from __future__ import annotations

from types import SimpleNamespace

from fastapi.testclient import TestClient

from headcount.api import create_app
from headcount.reconcile import solver

FIRST = {"id": "kiln-a", "published": "2022-06-01T08:00Z", "text": "Police said 3 workers were freed at the Orvel kiln."}
SECOND = {"id": "kiln-b", "published": "2022-06-01T08:00Z",
          "text": "A witness said 5 workers were freed at the Orvel kiln."}


def test_an_account_the_solver_cannot_give_is_a_503_with_the_reason(tmp_path, monkeypatch):
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", refresh_every=0), base_url="http://127.0.0.1") as c:
        incident = c.post("/api/reports", json=FIRST).json()["report"]["incident"]
        c.post("/api/reports", json=SECOND)
        monkeypatch.setattr(solver, "milp", lambda *a, **k: SimpleNamespace(x=None, status=4, message="failed"))
        answer = c.get(f"/api/incidents/{incident}/account", params={"policy": "conservative"})
    assert answer.status_code == 503, answer.text
    assert "without an answer" in answer.json()["detail"]
