"""Alerts on a named person's status (issue 19, with the people records of issue 18): a rule with a name
watches the final status of each person record whose name or variants match it; a sequence of reports
(Jane Colter missing, then killed, then killed again in other words) fires one alert per change and none
for the repeat, over the terminal, a webhook that verifies the signature, the CLI and the API; a restart
repeats nothing; a state stored before people were watched still loads, and a store of revision 0006 is
upgraded with its rules. On SQLite and, with HEADCOUNT_TEST_POSTGRES, on PostgreSQL."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from alerts.reports import FAST, MARLOW, brannick, channels, marlow, store_and_fire
from typer.testing import CliRunner

from headcount import alerts
from headcount.alerts.changes import Watched
from headcount.alerts.fire import record
from headcount.api.schemas import Alert
from headcount.cli import app
from headcount.pipeline import ingest
from headcount.reconcile import load_weights
from headcount.reconcile.people import matches_name, people_in_store
from headcount.store import Store

HEADCOUNT = [sys.executable, "-c", "from headcount.cli import main; main()"]


def statuses_of(store, name: str) -> dict[str, str | None]:
    """The oracle: the final status of each record of that name, as `headcount people` gives it."""
    return {r.id: r.final_status for _, records in people_in_store(store) for r in records if matches_name(r, name)}


def test_alerts_a_person_rule_fires_once_per_change_of_their_status(store_url):
    said: list[str] = []
    via = channels(terminal=said.append)
    with Store.open(store_url) as store:
        rule = alerts.add_rule(store, alerts.make_rule(person="jane COLTER", channel="terminal"))
        other = alerts.add_rule(store, alerts.make_rule(person="Tom Brill", channel="terminal"))
        seen: dict = {}
        fired_by_step = []
        for n in (1, 2, 3):
            fired = store_and_fire(store, marlow(n), via)
            now = statuses_of(store, "Jane Colter")
            moved = {k for k in now.keys() | seen.keys() if now.get(k) != seen.get(k)}
            assert len(fired) == len(moved), (n, fired, moved)
            seen = now
            fired_by_step.append(fired)
        first, second, third = fired_by_step
        assert third == []  # killed again, in other words: no change
        (missing,) = first
        assert (missing["change"], missing["rule"], missing["incident"]) == ("person", rule.id, "marlow")
        assert {k: missing["person"][k] for k in ("name", "before", "after")} == {
            "name": "Jane Colter", "before": None, "after": "missing"}
        assert missing["message"] == ('marlow: status of Jane Colter: none -> missing (police (government), '
                                      'marlow-1: "Jane Colter is missing")')
        (killed,) = second
        assert (killed["person"]["before"], killed["person"]["after"]) == ("missing", "killed")
        assert killed["person"]["id"] == missing["person"]["id"]  # the same record
        assert [(c["report"], c["speaker"], c["text"]) for c in killed["claims"]] == [
            ("marlow-2", "Police", "a British teacher, Jane Colter, was killed")]  # the claim that moved it
        assert "missing -> killed" in killed["message"] and '"a British teacher, Jane Colter, was killed"' in \
            killed["message"]
        assert alerts.fire(store, via).recorded == 0  # nothing new stored: nothing again
        records = alerts.deliveries(store)
        assert {d.rule for d in records} == {rule.id} and other.id not in {d.rule for d in records}
        assert [d.status for d in records] == ["delivered"] * 2
        assert said == [alerts.terminal_line(d.alert) for d in records]
        for d in records:
            Alert.model_validate(d.alert)


def test_alerts_a_person_rule_added_late_fires_only_on_what_changes_after(store_url):
    via = channels(terminal=lambda _line: None)
    with Store.open(store_url) as store:
        ingest([marlow(1)], store)
        alerts.add_rule(store, alerts.make_rule(person="Colter", incident="marlow", channel="terminal"))
        assert alerts.fire(store, via).recorded == 0  # she was missing when the rule was added: no change
        assert [(a["person"]["before"], a["person"]["after"]) for a in store_and_fire(store, marlow(2), via)] == [
            ("missing", "killed")]


def test_alerts_a_person_whose_record_id_changes_is_the_same_person(store_url):
    """An earlier report that names her, stored later, becomes her record's first mention, so its id
    changes: she is followed by the claims the two records share, and her status did not change."""
    via = channels(terminal=lambda _line: None)
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(person="Jane Colter", channel="terminal"))
        (killed,) = store_and_fire(store, marlow(2), via)
        assert (killed["person"]["before"], killed["person"]["after"]) == (None, "killed")
        assert store_and_fire(store, marlow(1), via) == []  # missing, said earlier: she is still killed
        (now,) = statuses_of(store, "Jane Colter").items()
        assert now[0] != killed["person"]["id"] and now[1] == "killed"  # a new id, the same person


def test_alerts_a_person_and_a_cell_in_one_rule(store_url):
    via = channels(terminal=lambda _line: None)
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(person="Jane Colter", cell="GB killed", channel="terminal"))
        assert [a["change"] for a in store_and_fire(store, marlow(1), via)] == ["person"]
        both = store_and_fire(store, marlow(2), via)
        assert [a["change"] for a in both] == ["figure", "person"]  # cells first, then people
        assert (both[0]["before"], both[0]["after"]["best"]) == (None, 1)
        assert store_and_fire(store, marlow(3), via) == []  # the same person, counted once, killed again


def test_alerts_a_person_by_webhook_signed_and_once_across_a_restart(store_url, receiver):
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(person="Jane Colter", channel="webhook", target=receiver.url,
                                                secret=receiver.secret))
        ingest([marlow(1)], store)
        assert record(store, alerts.rules(store), load_weights()) == 1  # then the process stops
        assert receiver.arrivals == []
    with Store.open(store_url) as store:  # started again
        assert alerts.fire(store, channels()).recorded == 0  # recorded once, before
        for n in (2, 3):
            store_and_fire(store, marlow(n), channels())
        records = alerts.deliveries(store)
    assert [(d.alert["person"]["before"], d.alert["person"]["after"]) for d in records] == [
        (None, "missing"), ("missing", "killed")]
    assert [(d.status, d.attempts) for d in records] == [("delivered", 1)] * 2
    assert receiver.bad == 0 and receiver.repeats == 0
    assert receiver.taken == {d.alert["id"]: d.alert for d in records}


def test_alerts_a_state_stored_before_people_were_watched_still_loads():
    old = '{"cells": [[["JP", true, "all", "killed"], 2, 2, 2, ["c1"]]], "conflicts": [[["c1", "c2"], "revision"]]}'
    state = Watched.from_json(old)
    assert state.people == {} and list(state.cells.values())[0].best == 2
    assert state.conflicts == {("c1", "c2"): "revision"}
    again = Watched.from_json(state.to_json())
    assert again == state and json.loads(state.to_json())["people"] == []


def test_alerts_a_store_of_revision_0006_keeps_its_rules_and_their_states(store_url):
    """A rule and what it saw, as revision 0006 kept them (no person column, a state with no people): the
    upgraded store reads the rule as watching no one, and fires on from the state it had."""
    from alembic import command
    from sqlalchemy import create_engine, text
    from headcount.settings import database_url
    from headcount.store import migrate
    engine = create_engine(database_url(store_url))
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0006")
        conn.execute(text("INSERT INTO alert_rules (incident, watches_cells, nationality, side, status, conflicts, "
                          "new_incidents, policy, channel, created_at) VALUES (NULL, :t, 'JP', NULL, 'killed', :f, "
                          ":f, 'latest', 'terminal', '2031-03-04T09:00:00.000000+00:00')"), {"t": True, "f": False})
        conn.execute(text("INSERT INTO alert_seen (rule_id, incident, revision, reports, state) VALUES (1, "
                          "'brannick', 0, '[]', :state)"),
                     {"state": '{"cells": [[["JP", null, "other", "killed"], 2, 2, 2, []]], "conflicts": []}'})
    engine.dispose()
    via = channels(terminal=lambda _line: None)
    with Store.open(store_url) as store:  # upgraded to the newest revision
        (rule,) = alerts.rules(store)
        assert rule.person is None and str(rule.cell) == "JP killed"
        assert store_and_fire(store, brannick(1), via) == []  # 2, as the old state says: no change
        moved = store_and_fire(store, brannick(2), via)
    assert [(a["change"], a["before"]["best"], a["after"]["best"]) for a in moved] == [("figure", 2, 5)]


def test_alerts_add_a_person_over_the_cli(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'p.db'}"
    added = runner.invoke(app, ["alerts", "add", "--person", "Jane  Colter", "--terminal", "--db", db, "-f", "json"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["rules"][0]["person"] == "Jane Colter"
    for n in (1, 2, 3):
        rid, published, words = MARLOW[n - 1]
        (tmp_path / f"{rid}.jsonl").write_text(json.dumps({"id": rid, "published": published, "text": words,
                                                           "incident": "marlow"}) + "\n")
        done = runner.invoke(app, ["ingest", str(tmp_path / f"{rid}.jsonl"), "--db", db, "--silent"])
        assert done.exit_code == 0, done.output
    log = json.loads(runner.invoke(app, ["alerts", "log", "--db", db, "-f", "json"]).stdout)["alerts"]
    assert [a["alert"]["message"].split(" (")[0] for a in log] == [
        "marlow: status of Jane Colter: none -> missing", "marlow: status of Jane Colter: missing -> killed"]
    listed = runner.invoke(app, ["alerts", "list", "--db", db])
    assert "person: Jane Colter" in listed.stdout


def test_alerts_add_a_blank_person_is_one_coded_line(tmp_path):
    for blank in ("", "   ", "--"):
        proc = subprocess.run(HEADCOUNT + ["alerts", "add", f"--person={blank}", "--terminal", "--db",
                                           f"sqlite:///{tmp_path / 'a.db'}"], capture_output=True, text=True)
        assert proc.returncode == 1 and proc.stderr.startswith("error: [E051]"), proc.stderr
        assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def test_alerts_a_person_rule_over_the_api(tmp_path, receiver):
    import httpx
    from conftest import served_on_loopback
    from headcount.api import create_app
    served_app = create_app(f"sqlite:///{tmp_path / 'api.db'}", token="desk-token", refresh_every=0,
                            channels=alerts.Channels(backoff=alerts.Backoff(first_s=0.01), timeout_s=5))
    auth = {"Authorization": "Bearer desk-token"}
    with served_on_loopback(served_app) as served, httpx.Client(base_url=served.url, headers=auth) as api:
        made = api.post("/api/alerts", json={"person": "Jane Colter", "channel": "webhook", "to": receiver.url,
                                             "secret": receiver.secret})
        assert made.status_code == 201, made.text
        assert (made.json()["person"], made.json()["cell"]) == ("Jane Colter", None)
        for body in ({"person": "  ", "channel": "terminal"}, {"person": "", "channel": "terminal"}):
            bad = api.post("/api/alerts", json=body)
            assert bad.status_code == 422 and "[E051]" in bad.json()["detail"][0]["msg"], bad.text
        nothing = api.post("/api/alerts", json={"channel": "terminal"})
        assert nothing.status_code == 422 and "--person" in nothing.json()["detail"][0]["msg"]
        for n in (1, 2, 3):
            assert api.post("/api/reports", json=marlow(n).to_dict()).status_code == 201
            deadline = time.monotonic() + 30
            while len(receiver.taken) < min(n, 2) and time.monotonic() < deadline:
                time.sleep(0.05)
        time.sleep(0.5)  # the third report changes nothing: no third alert comes
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the receiver takes an alert before its sender marks it delivered
            log = api.get("/api/alerts/log").json()
            if all(a["status"] == "delivered" for a in log):
                break
            time.sleep(0.05)
        assert [(a["alert"]["person"]["before"], a["alert"]["person"]["after"], a["status"]) for a in log] == [
            (None, "missing", "delivered"), ("missing", "killed", "delivered")]
        assert sorted(receiver.taken) == sorted(a["alert"]["id"] for a in log) and receiver.bad == 0
        assert api.get("/api/alerts").json()[0]["person"] == "Jane Colter"
