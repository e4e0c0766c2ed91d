"""`headcount alerts` and `headcount watch` (issue 19): the terminal line of watch, once per change; a watch
killed (-9) while delivering loses nothing when started again and records nothing twice; bad input is one
coded line, never a traceback; and the same rules over /api/alerts, fired by POST /api/reports."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from alerts.reports import BRANNICK, brannick
from typer.testing import CliRunner

from headcount import alerts
from headcount.cli import app
from headcount.store import Store

runner = CliRunner()
HEADCOUNT = [sys.executable, "-c", "from headcount.cli import main; main()"]
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Plant Wire</title>{items}</channel></rss>"""
ITEM = "<item><guid>{id}</guid><title>Update</title><pubDate>{date}</pubDate><description>{text}</description></item>"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def feed_of(site, n: int) -> str:
    """The feed at /plant.rss with the first n Brannick reports as its items."""
    from email.utils import format_datetime
    from datetime import datetime
    items = "".join(ITEM.format(id=rid, text=text,
                                date=format_datetime(datetime.fromisoformat(published.replace("Z", "+00:00"))))
                    for rid, published, text in BRANNICK[:n])
    site.pages["/plant.rss"] = ("application/rss+xml", FEED.format(items=items).encode())
    return site.url("/plant.rss")


def watch_once(feed: str, db: str):
    return invoke("watch", feed, "--times", "1", "--no-fetch", "--incident", "brannick", "--db", db)


def test_watch_prints_a_terminal_alert_once_per_change(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    added = invoke("alerts", "add", "--cell", "JP killed", "--terminal", "--db", db, "--format", "json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["rules"][0]["cell"] == "JP killed"
    first = watch_once(feed_of(site, 1), db)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == ["alert (rule 1): brannick: Japan killed nothing -> 2 (The Japanese "
                                         "government (government), brannick-1: \"two Japanese workers were killed\")"]
    second = watch_once(feed_of(site, 2), db)
    assert [line.split(": ", 2)[2].split(" (")[0] for line in second.stdout.splitlines()] == [
        "Japan killed 2 -> 5"]
    assert watch_once(feed_of(site, 2), db).stdout == ""  # nothing new: nothing said again
    log = json.loads(invoke("alerts", "log", "--db", db, "--format", "json").stdout)["alerts"]
    assert [(a["status"], a["attempts"]) for a in log] == [("delivered", 1)] * 2
    listed = invoke("alerts", "list", "--db", db)
    assert "JP killed" in listed.stdout and "terminal" in listed.stdout


def test_ingest_leaves_terminal_alerts_for_watch(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert invoke("alerts", "add", "--cell", "JP killed", "--terminal", "--db", db).exit_code == 0
    (tmp_path / "one.jsonl").write_text(json.dumps({**brannick(1).to_dict(), "incident": "brannick"}) + "\n")
    done = invoke("ingest", tmp_path / "one.jsonl", "--db", db, "--silent")
    assert done.exit_code == 0 and "alerts: 1 new, 0 delivered" in done.stderr
    later = watch_once(feed_of(site, 1), db)
    assert "Japan killed nothing -> 2" in later.stdout


def test_watch_killed_while_delivering_loses_nothing_and_records_nothing_twice(tmp_path, site, receiver):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert invoke("alerts", "add", "--cell", "JP killed", "--webhook", receiver.url, "--secret", receiver.secret,
                  "--db", db).exit_code == 0
    env = {**os.environ, "HEADCOUNT_ALERT_TIMEOUT": "0.5", "HEADCOUNT_ALERT_BACKOFF": "0.05"}
    command = HEADCOUNT + ["watch", feed_of(site, 2), "--times", "1", "--no-fetch", "--incident", "brannick",
                           "--db", db]
    receiver.release.clear()  # the receiver holds the first alert's request open...
    watch = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert receiver.arrived.wait(60), watch.communicate()
    watch.send_signal(signal.SIGKILL)  # ...and watch is killed while it waits for the answer
    watch.wait()
    receiver.release.set()
    with Store.open(db) as store:
        (kept,) = alerts.deliveries(store)
        assert kept.status == "pending"
    # The killed watch's lease on the alert runs out, as its settings (env) made it.
    time.sleep(alerts.Channels(backoff=alerts.Backoff(first_s=0.05), timeout_s=0.5).lease_s + 0.5)
    again = subprocess.run(command, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    with Store.open(db) as store:
        records = alerts.deliveries(store)
    assert [d.alert["id"] for d in records] == [kept.alert["id"]]  # nothing recorded twice
    assert records[0].status == "delivered"
    # The receiver had taken the request the killed watch sent; the one sent again has the same id.
    assert list(receiver.taken) == [kept.alert["id"]] and receiver.repeats == 1 and receiver.bad == 0


@pytest.mark.parametrize("args, code", [
    (["--cell", "JP kild", "--terminal"], "E040"),
    (["--cell", "JP GB", "--terminal"], "E041"),
    (["--cell", "killed", "--webhook", "ftp://desk", "--secret", "s"], "E042"),
    (["--cell", "killed", "--webhook", "https://desk.example.org/h"], "E043"),
    (["--cell", "killed", "--email", "desk"], "E044"),
    (["--cell", "killed"], "E045"),
    (["--cell", "killed", "--terminal", "--email", "a@b.org"], "E045"),
    (["--terminal"], "E046"),
    (["--incident", "brannick", "--new-incidents", "--terminal"], "E047"),
    (["--incident", "no-such-incident", "--cell", "killed", "--terminal"], "E013"),
    (["--cell", "killed", "--email", "a@b.org", "--secret", "s"], "E050"),
    (["--person", " ", "--terminal"], "E051"),
])
def test_alerts_add_refuses_bad_input_in_one_coded_line(tmp_path, args, code):
    proc = subprocess.run(HEADCOUNT + ["alerts", "add", *args, "--db", f"sqlite:///{tmp_path / 'a.db'}"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stderr.startswith(f"error: [{code}]"), proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def test_alerts_remove_of_an_unknown_rule_and_a_bad_smtp(tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    gone = subprocess.run(HEADCOUNT + ["alerts", "remove", "7", "--db", db], capture_output=True, text=True)
    assert gone.returncode == 1 and gone.stderr.startswith("error: [E048]") and "Traceback" not in gone.stderr
    assert invoke("alerts", "add", "--cell", "killed", "--terminal", "--db", db).exit_code == 0
    assert invoke("alerts", "remove", "1", "--db", db).exit_code == 0
    assert invoke("alerts", "list", "--db", db, "-f", "json").stdout.strip() == '{\n "rules": []\n}'
    with pytest.raises(Exception, match="E049"):
        alerts.parse_smtp("localhost")


def test_alerts_over_the_api_fire_after_a_post(tmp_path, receiver):
    import httpx
    from conftest import served_on_loopback
    from headcount.api import create_app
    fast = alerts.Channels(backoff=alerts.Backoff(first_s=0.01), timeout_s=5)
    served_app = create_app(f"sqlite:///{tmp_path / 'api.db'}", token="desk-token", refresh_every=0,
                            channels=fast)
    auth = {"Authorization": "Bearer desk-token"}
    with served_on_loopback(served_app) as served, httpx.Client(base_url=served.url, headers=auth) as api:
        assert httpx.get(served.url + "/api/alerts").status_code == 401  # the rules are the desk's own
        made = api.post("/api/alerts", json={"cell": "JP killed", "channel": "webhook", "to": receiver.url,
                                             "secret": receiver.secret})
        assert made.status_code == 201 and made.json()["signed"] is True and "secret" not in made.json()
        bad = api.post("/api/alerts", json={"cell": "JP kild", "channel": "terminal"})
        assert bad.status_code == 422 and "[E040]" in bad.json()["detail"][0]["msg"]
        unknown = api.post("/api/alerts", json={"incident": "nowhere", "cell": "killed", "channel": "terminal"})
        assert unknown.status_code == 404 and "[E013]" in unknown.json()["detail"]
        posted = api.post("/api/reports", json={**brannick(1).to_dict(), "incident": "brannick"})
        assert posted.status_code == 201
        deadline = time.monotonic() + 30
        while not receiver.taken and time.monotonic() < deadline:
            time.sleep(0.05)
        (alert,) = receiver.taken.values()
        assert alert["after"]["best"] == 2 and alert["rule"] == made.json()["id"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the receiver takes the alert before its sender marks it delivered
            log = api.get("/api/alerts/log").json()
            if [a["status"] for a in log] == ["delivered"]:
                break
            time.sleep(0.05)
        assert [(a["alert"]["id"], a["status"]) for a in log] == [(alert["id"], "delivered")]
        assert api.get("/api/alerts").json()[0]["alerts"] == {"pending": 0, "delivered": 1, "failed": 0}
        assert api.delete(f"/api/alerts/{alert['rule']}").status_code == 204
        assert api.delete(f"/api/alerts/{alert['rule']}").status_code == 404
        assert api.get("/api/alerts").json() == []
