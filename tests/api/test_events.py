"""GET /api/events (issue 19, part): a POST, or a write by another process, is an event naming its
incident; a reconnecting client gets what it missed; a slow client's backlog stays bounded; a client that
goes is forgotten; and an open stream does not keep `headcount serve` from stopping. Reports written for
these tests: an invented incident."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import free_port, served_on_loopback
from headcount.api import create_app
from headcount.api.events import Changes, StoreChange, Subscription
from headcount.model import Report
from headcount.pipeline import ingest
from headcount.store import Store

LOOPBACK = "http://127.0.0.1"
FIRST = {"id": "orvel-kiln-1", "published": "2022-06-01",
         "text": "Police said 3 workers were killed at the Orvel kiln on Wednesday."}
LATER = {"id": "orvel-kiln-2", "published": "2022-06-02",
         "text": "Police said 5 workers were killed at the Orvel kiln on Wednesday."}


@pytest.fixture
def served(tmp_path):
    """The app over a fresh SQLite store, served by uvicorn on a loopback port; its store's URL and app."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    app = create_app(url, refresh_every=0.2)
    with served_on_loopback(app) as served:
        yield served.url, url, app
    assert not served.thread.is_alive(), "the server did not stop"


def _events(response):
    """(event, id, data) of each event of a stream, as they come."""
    event = {}
    for line in response.iter_lines():
        if not line:
            if "event" in event:
                yield event["event"], event.get("id"), json.loads(event["data"])
            event = {}
        elif not line.startswith(":"):
            field, _, value = line.partition(": ")
            event[field] = value


def _next_event(events, within: float = 5.0):
    """The next event of a stream read in another thread, waited for at most ``within`` seconds."""
    found = []
    reader = threading.Thread(target=lambda: found.append(next(events)), daemon=True)
    reader.start()
    reader.join(within)
    assert found, f"no event within {within} s"
    return found[0]


def test_a_post_is_an_event_naming_its_incident(served):
    server, _, _ = served
    with httpx.stream("GET", f"{server}/api/events", timeout=10) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = _events(stream)
        assert _next_event(events) == ("revision", "0", {"revision": 0, "incidents": []})
        started = time.monotonic()
        incident = httpx.post(f"{server}/api/reports", json=FIRST, timeout=60).json()["report"]["incident"]
        assert _next_event(events) == ("store", "1", {"revision": 1, "incidents": [incident]})
        assert time.monotonic() - started < 60


def test_a_write_by_another_process_is_an_event_after_the_refresh(served):
    """A second Store on the same SQLite file, as `headcount ingest` would be: the app's periodic check
    (every 0.2 s here) notices the new revision and tells the stream."""
    server, url, _ = served
    with httpx.stream("GET", f"{server}/api/events", timeout=10) as stream:
        events = _events(stream)
        assert _next_event(events)[0] == "revision"
        with Store.open(url) as other:
            result = ingest([Report(id=FIRST["id"], text=FIRST["text"], published=FIRST["published"])], other)
            assert result.stored
        name, event_id, data = _next_event(events)
        incident = httpx.get(f"{server}/api/reports/{FIRST['id']}").json()["incident"]
        assert (name, event_id, data) == ("store", "1", {"revision": 1, "incidents": [incident]})


def test_a_client_that_goes_is_forgotten(served):
    server, _, app = served
    with httpx.stream("GET", f"{server}/api/events", timeout=10) as stream:
        assert _next_event(_events(stream))[0] == "revision"
        assert app.state.changes.streams() == 1
    deadline = time.monotonic() + 5
    while app.state.changes.streams():
        assert time.monotonic() < deadline, "the stream of a client that went is still open"
        time.sleep(0.05)


def test_once_answers_what_was_missed_since_the_last_event_id(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", refresh_every=0), base_url=LOOPBACK) as client:
        def once(last: str | None = None):
            answer = client.get("/api/events", params={"once": True},
                                headers={"Last-Event-ID": last} if last is not None else {})
            assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/event-stream")
            return list(_events(answer))

        assert once() == [("revision", "0", {"revision": 0, "incidents": []})]
        first = client.post("/api/reports", json=FIRST).json()["report"]["incident"]
        later = client.post("/api/reports", json=LATER).json()["report"]["incident"]
        assert once("0") == [("store", "1", {"revision": 1, "incidents": [first]}),
                             ("store", "2", {"revision": 2, "incidents": [later]})]
        assert once("1") == [("store", "2", {"revision": 2, "incidents": [later]})]
        assert once("2") == [("revision", "2", {"revision": 2, "incidents": []})]
        # an id of another store, or of a server since restarted: which changed is not known
        assert once("7") == [("store", "2", {"revision": 2, "incidents": None})]
        assert once("not-a-revision") == once("") == [("revision", "2", {"revision": 2, "incidents": []})]
        head = client.head("/api/events")  # answered, not held open
        assert head.status_code == 200 and head.content == b""


def test_a_slow_clients_backlog_becomes_one_change_naming_no_incidents():
    async def run() -> list[StoreChange]:
        changes = Changes(queue_size=3)
        with changes.subscribe() as subscription:
            for revision in range(1, 6):
                changes.publish(StoreChange(revision, revision - 1, (f"incident-{revision}",)))
            await asyncio.sleep(0.05)  # the hand-offs run in the loop
            assert subscription.queue.qsize() <= 3
            changes.close()
            return [change async for change in subscription]

    assert asyncio.run(run()) == [StoreChange(4, None, None), StoreChange(5, 4, ("incident-5",))]


def test_the_end_of_a_stream_gets_into_a_full_queue():
    async def run() -> list[StoreChange]:
        subscription = Subscription(2)
        for revision in range(1, 5):
            subscription.offer(StoreChange(revision, revision - 1, ("x",)))
        subscription.offer(None)
        return [change async for change in subscription]

    assert asyncio.run(run()) == [StoreChange(3, None, None), StoreChange(4, 3, ("x",))]  # and then it ends


def test_serve_stops_on_ctrl_c_with_a_stream_open(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = Path(sys.executable).with_name("headcount")  # the venv's console script
    serve = subprocess.Popen([str(command), "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)],
                             env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                stream = httpx.stream("GET", f"http://127.0.0.1:{port}/api/events", timeout=10)
                response = stream.__enter__()
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and serve.poll() is None, "serve did not start"
                time.sleep(0.2)
        events = _events(response)  # kept: a closed generator would close the stream
        assert _next_event(events)[0] == "revision"
        started = time.monotonic()
        serve.send_signal(signal.SIGINT)
        serve.wait(15)
        assert time.monotonic() - started < 10 and not response.is_closed
        stream.__exit__(None, None, None)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()


def test_a_quiet_stream_gets_a_comment_that_keeps_proxies_from_closing_it(served, monkeypatch):
    import fastapi.routing
    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.2)  # FastAPI's 15 s, shortened for the test
    server, _, _ = served
    with httpx.stream("GET", f"{server}/api/events", timeout=10) as stream:
        lines = stream.iter_lines()
        assert next(lines) == "event: revision"
        assert next(line for line in lines if line.startswith(":")) == ": ping"


def test_the_stream_takes_the_host_checks_of_every_request(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", refresh_every=0), base_url=LOOPBACK) as client:
        refused = client.get("/api/events", params={"once": True}, headers={"Host": "rebound.example"})
        assert refused.status_code == 400 and "detail" in refused.json()
        # A read: only writes check Origin, and no CORS header lets another site's page see the answer.
        assert client.get("/api/events", params={"once": True},
                          headers={"Origin": "http://rebound.example"}).status_code == 200
