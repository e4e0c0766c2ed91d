"""Alerts fire once per change (issue 19): a sequence of reports is stored, and after each the alerts of a
rule are exactly the changes of what it watches, compared here with the accounts themselves; delivered by
a webhook whose receiver verifies the signature, by SMTP to a local server, and on the terminal; and after
a stop between storing and delivering, the next run delivers what was left and repeats nothing. On SQLite
and, with HEADCOUNT_TEST_POSTGRES, on PostgreSQL."""
from __future__ import annotations

import json
import time

import pytest
from alerts.reports import ELSEWHERE, FAST, brannick, channels, store_and_fire

from headcount import alerts
from headcount.alerts.fire import record
from headcount.api.schemas import Alert
from headcount.pipeline import ingest
from headcount.reconcile import account_incidents, load_weights
from headcount.store import Store



def japanese_killed(store) -> dict:
    """The oracle: every Japanese killed cell's figures, from the accounts as `headcount account` gives them."""
    return {(a.id, c.key): (c.low, c.high, c.best) for a in account_incidents(store.reports(), store.claims())
            for c in a.cells if c.key.nationality == "JP" and c.key.status == "killed"}


def test_alerts_a_cell_rule_fires_once_per_change_of_its_figures(store_url):
    said: list[str] = []
    via = channels(terminal=said.append)
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", channel="terminal"))
        seen: dict = {}
        for n in range(1, 5):
            fired = store_and_fire(store, brannick(n), via)
            now = japanese_killed(store)
            moved = {k for k in now.keys() | seen.keys() if now.get(k) != seen.get(k)}
            assert len(fired) == len(moved), (n, fired, moved)
            seen = now
            if n == 1:
                (first,) = fired
                assert (first["change"], first["before"], first["after"]["best"]) == ("figure", None, 2)
                assert first["cell"]["group"]["nationality"] == "JP" and first["cell"]["status"] == "killed"
                assert "Japan killed nothing -> 2" in first["message"]
            if n == 2:
                (second,) = fired
                assert (second["before"]["best"], second["after"]["best"]) == (2, 5)
                assert [c["report"] for c in second["claims"]] == ["brannick-2"]  # the claim that moved it
                assert 'five Japanese workers were killed' in second["message"]
                assert second["claims"][0]["speaker"] == "The Japanese government"
        assert alerts.fire(store, via).recorded == 0  # nothing new stored: nothing again
        records = alerts.deliveries(store)
        assert [d.status for d in records] == ["delivered"] * len(records)
        assert said == [alerts.terminal_line(d.alert) for d in records]
        for d in records:
            Alert.model_validate(d.alert)


def test_alerts_conflicts_and_new_incidents_fire_once_each(store_url):
    via = channels(terminal=lambda _line: None)
    with Store.open(store_url) as store:
        ingest([brannick(3)], store)
        rule = alerts.add_rule(store, alerts.make_rule(conflicts=True, new_incidents=True, channel="terminal"))
        assert alerts.fire(store, via).recorded == 0  # what was known when the rule was added is no change
        fired = store_and_fire(store, brannick(4), via)
        (account,) = account_incidents(store.reports(), store.claims())
        assert [(a["change"], a["conflict"]["reason"]) for a in fired] == [
            ("conflict", x.reason) for x in account.conflicts]
        assert any(a["conflict"]["reason"] == "revision" for a in fired)
        assert all(set(a["conflict"]["claims"]) == {c["id"] for c in a["claims"]} for a in fired)
        new = store_and_fire(store, ELSEWHERE, via)
        assert [(a["change"], a["incident"]) for a in new] == [("incident", "orvel-kiln")]
        assert new[0]["message"].startswith("new incident: orvel-kiln")
        assert alerts.fire(store, via).recorded == 0
        assert {d.rule for d in alerts.deliveries(store)} == {rule.id}


def test_alerts_webhook_is_signed_and_each_alert_taken_once(store_url, receiver):
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", channel="webhook", target=receiver.url,
                                                secret=receiver.secret))
        for n in (1, 2, 3):
            store_and_fire(store, brannick(n), channels())
        records = alerts.deliveries(store)
        assert len(records) >= 2
        assert receiver.bad == 0 and receiver.repeats == 0
        assert receiver.taken == {d.alert["id"]: d.alert for d in records}  # the body is the alert as kept
        assert [(d.status, d.attempts, d.last_error) for d in records] == [("delivered", 1, None)] * len(records)


def test_alerts_a_wrong_secret_is_refused_by_the_receiver_and_retried_later(store_url, receiver):
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", channel="webhook", target=receiver.url,
                                                secret="not the desk's secret"))
        ingest([brannick(1)], store)
        done = alerts.fire(store, channels()).delivery
        (record_,) = alerts.deliveries(store)
    assert receiver.bad == FAST.tries_per_run and receiver.taken == {}
    assert (done.delivered, done.retrying) == (0, 1)
    assert (record_.status, record_.attempts) == ("pending", FAST.tries_per_run)
    assert record_.last_error.startswith("HTTP 401")


def test_alerts_webhook_retries_with_backoff_then_delivers(store_url, receiver):
    waits: list[float] = []
    receiver.fail_next = 2
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", channel="webhook", target=receiver.url,
                                                secret=receiver.secret))
        ingest([brannick(1)], store)
        alerts.fire(store, channels(sleep=waits.append))
        (record_,) = alerts.deliveries(store)
    assert waits == [FAST.first_s, FAST.first_s * FAST.factor]  # exponential
    assert (record_.status, record_.attempts, record_.last_error) == ("delivered", 3, None)
    assert len(receiver.taken) == 1 and len(receiver.arrivals) == 3


def test_alerts_a_destination_that_is_down_never_stops_ingest_and_fails_after_its_tries(store_url):
    from conftest import free_port
    down = f"http://127.0.0.1:{free_port()}/hook"
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="killed", channel="webhook", target=down, secret="s"))
        ingest([brannick(1)], store)
        first = alerts.fire(store, channels(sleep=lambda _s: None)).delivery
        pending = alerts.deliveries(store)
        # One failing destination costs one alert's tries a run: its other alerts wait, untried.
        assert first.retrying == 1 and len(pending) > 1
        assert [d.attempts for d in pending] == [FAST.tries_per_run] + [0] * (len(pending) - 1)
        assert "ConnectError" in pending[0].last_error
        time.sleep(FAST.delay(FAST.tries_per_run) * 2)  # its next try is due
        alerts.fire(store, channels(sleep=lambda _s: None))
        assert alerts.deliveries(store)[0].status == "failed"  # max_tries reached
        assert ingest([brannick(2)], store).stored == ["brannick-2"]


def test_alerts_by_email_through_a_local_smtp_server(store_url, smtp_server):
    via = channels(smtp=alerts.parse_smtp(smtp_server.address), mail_from="headcount@desk.test")
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", channel="email", target="crisis@desk.test"))
        fired = store_and_fire(store, brannick(1), via) + store_and_fire(store, brannick(2), via)
    assert len(smtp_server.messages) == len(fired) == 2
    for mail, alert in zip(smtp_server.messages, fired):
        assert (mail["To"], mail["From"]) == ("crisis@desk.test", "headcount@desk.test")
        assert mail["Subject"] == f"headcount: {alert['message']}"
        assert mail["Message-ID"] == f"<{alert['id']}@headcount>" and mail["X-Headcount-Delivery"] == alert["id"]
        body = mail.get_content()
        assert alert["message"] in body and all(c["text"] in body for c in alert["claims"])
    assert "2 -> 5" in smtp_server.messages[1]["Subject"]


def test_alerts_stopped_between_storing_and_delivering_are_delivered_once_on_restart(store_url, receiver):
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", conflicts=True, channel="webhook",
                                                target=receiver.url, secret=receiver.secret))
        ingest([brannick(1)], store)
        recorded = record(store, alerts.rules(store), load_weights())  # then the process stops
        assert recorded and receiver.arrivals == []
    with Store.open(store_url) as store:  # started again
        assert alerts.fire(store, channels()).recorded == 0  # the changes were recorded once, before
        assert alerts.fire(store, channels()).delivery.delivered == 0
        records = alerts.deliveries(store)
    assert len(records) == recorded and [d.status for d in records] == ["delivered"] * recorded
    assert sorted(receiver.arrivals) == sorted(receiver.taken) == sorted(d.alert["id"] for d in records)


def test_alerts_two_deliverers_at_once_send_each_alert_once(store_url, receiver):
    """A server and an ingest delivering the same pending alerts: each is claimed by one of them."""
    import threading
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="any", channel="webhook", target=receiver.url,
                                                secret=receiver.secret))
        ingest([brannick(3)], store)
        ingest([brannick(4)], store)
        record(store, alerts.rules(store), load_weights())
        runs = [threading.Thread(target=alerts.deliver_pending, args=(store, channels())) for _ in range(2)]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        records = alerts.deliveries(store)
    assert len(records) > 1 and receiver.repeats == 0 and len(receiver.arrivals) == len(records)


def test_alerts_the_alert_json_is_kept_as_it_was_sent(store_url, receiver):
    from headcount.store import schema
    from sqlalchemy import select
    with Store.open(store_url) as store:
        alerts.add_rule(store, alerts.make_rule(cell="JP killed", channel="webhook", target=receiver.url,
                                                secret=receiver.secret))
        store_and_fire(store, brannick(1), channels())
        with store.engine.connect() as conn:
            kept = conn.execute(select(schema.alert_deliveries.c.alert)).scalar_one()
    (taken,) = receiver.taken.values()
    assert json.loads(kept) == taken


@pytest.mark.parametrize("spec, expected", [
    ("JP killed", alerts.CellSpec("JP", None, "killed")), ("jp, Killed", alerts.CellSpec("JP", None, "killed")),
    ("attackers", alerts.CellSpec(None, "attacker", None)), ("any", alerts.CellSpec()),
    ("everyone freed", alerts.CellSpec(None, "all", "freed"))])
def test_alerts_cell_specs(spec, expected):
    assert alerts.parse_cell(spec) == expected
    assert alerts.parse_cell(str(expected)) == expected  # as `alerts list` shows it
