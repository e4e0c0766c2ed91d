"""Firing: after reports are stored, compare each rule's watched accounts with what it last saw, record an
alert per change, then deliver (deliver.py).

Exactly once per change: a rule's new last-seen state of an incident and the alerts of the changes are
written in one transaction, under the store's write lock, after reading the last-seen state again inside
it. So a change is recorded once however many processes fire at once, and a crash before the commit
records nothing (the next run finds the same changes), after it every alert is kept until delivered.
Each state carries the store's revision it was computed at, and an older one never replaces a newer.

Which incidents to look at needs no help from the caller: a rule keeps, per incident, the reports (and
their versions) its state was computed from, and only an incident whose reports differ is accounted
again, so a run killed after storing and before firing is made up for by the next one.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid
from dataclasses import dataclass

from sqlalchemy import insert, select, text, update

from .. import views
from ..errors import Errors, HeadcountError
from ..model import Claim, IncidentAccount, PersonRecord
from ..reconcile import Incident, Weights, account_incident, claims_by_incident, load_weights
from ..reconcile.people import merge_incidents
from ..store import schema
from .changes import Watched, changes, person_claims, watched
from .deliver import Channels, Delivered, deliver_pending
from .rules import Rule, insert_rule, rules, utc_now

# Any fixed number: the key of the transaction-level advisory lock a PostgreSQL store takes to record
# alerts (SQLite's write lock is taken by the transaction itself).
_PG_LOCK = 0x616C6572

logger = logging.getLogger(__name__)


class UnknownIncident(HeadcountError):
    """A rule names an incident the store does not hold (E013)."""


@dataclass
class Fired:
    """What one run of ``fire`` did: alerts recorded, and how their delivery (and earlier ones') went."""

    recorded: int = 0
    delivery: Delivered | None = None


class _StoreNow:
    """The store's incidents as of one read, and their accounts and person records under each policy, each
    computed once."""

    def __init__(self, store, weights: Weights):
        self.revision = store.revision()  # read first: the claims read next are at least this new
        reports = store.reports()
        self._people, self._decisions = store.people(), store.person_decisions()
        self.incidents = claims_by_incident(reports, store.claims(), self._people, self._decisions)
        version = {s.report.id: s.report.version for s in reports}
        self.reports = {inc.id: sorted([r, version.get(r, 0)] for r in inc.reports) for inc, _ in self.incidents}
        self.texts = {s.report.id: s.report.text for s in reports}
        self._weights = weights
        self._accounts: dict[tuple[str, str], IncidentAccount] = {}
        self._records: dict[str, dict[str, list[PersonRecord]]] = {}

    def account(self, inc: Incident, claims: list[Claim], rule: Rule) -> IncidentAccount:
        """The incident's account under the rule's policy; only its id and title for a rule that watches
        no cell and no conflict (new incidents, people), which need no reconciling."""
        policy = rule.policy
        if rule.cell is None and not rule.conflicts:
            return IncidentAccount(inc.id, inc.title, tuple(inc.reports), policy=policy)
        key = (inc.id, policy)
        if key not in self._accounts:
            self._accounts[key] = account_incident(inc.id, inc.title, inc.reports, claims, host=inc.host,
                                                   policy=policy, weights=self._weights)
        return self._accounts[key]

    def records(self, rule: Rule, inc: Incident) -> list[PersonRecord]:
        """The incident's person records under the rule's policy; none for a rule that watches no one (so
        that cell rules cost no merging)."""
        if rule.person is None:
            return []
        if rule.policy not in self._records:
            self._records[rule.policy] = merge_incidents(
                [i for i, _ in self.incidents], self._people, rule.policy, decisions=self._decisions,
                texts=self.texts, weights=self._weights)
        return self._records[rule.policy].get(inc.id, [])


def add_rule(store, rule: Rule, weights: Weights | None = None) -> Rule:
    """Store a checked rule (rules.make_rule) with what it watches as it stands now, so that it fires on
    what changes after. RAISES UnknownIncident: E013, its incident is not in the store."""
    now = _StoreNow(store, weights or load_weights())
    watched_now = [(inc, cs) for inc, cs in now.incidents if rule.watches(inc.id)]
    if rule.incident is not None and not watched_now:
        raise UnknownIncident(Errors.E013.format(incident=rule.incident))
    states = [(inc.id, watched(rule, now.account(inc, cs, rule), now.records(rule, inc)))
              for inc, cs in watched_now]
    with store.writing() as conn:
        stored = insert_rule(conn, rule)
        for incident, state in states:
            conn.execute(insert(schema.alert_seen), [_seen_row(stored.id, incident, now, state)])
    return stored


def fire(store, channels: Channels, weights: Weights | None = None) -> Fired:
    """Record the alerts of what changed since each rule last looked, then deliver every pending alert
    (this run's and any left from before). Nothing to do, and nothing read, when the store has no rules."""
    found = rules(store)
    if not found:
        return Fired()
    return Fired(record(store, found, weights or load_weights()), deliver_pending(store, channels))


def record(store, found: list[Rule], weights: Weights) -> int:
    """Record an alert per change for each rule and incident whose reports changed. RETURNS (int): how many."""
    now = _StoreNow(store, weights)
    seen = _seen_reports(store)
    recorded = 0
    for rule in found:
        for inc, claims in now.incidents:
            if rule.watches(inc.id) and seen.get((rule.id, inc.id)) != now.reports[inc.id]:
                recorded += _record_one(store, rule, inc, claims, now)
    return recorded


def _record_one(store, rule: Rule, inc: Incident, claims: list[Claim], now: _StoreNow) -> int:
    account = now.account(inc, claims, rule)
    records = now.records(rule, inc)
    state = watched(rule, account, records)
    s = schema.alert_seen
    mine = (s.c.rule_id == rule.id) & (s.c.incident == inc.id)
    with store.writing() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        last = conn.execute(select(s.c.revision, s.c.state).where(mine)).first()
        if last is not None and last.revision >= now.revision:
            return 0  # another run recorded this state, or a newer one, first
        before = Watched.from_json(last.state) if last is not None else None
        alerts = [views.alert(str(uuid.uuid4()), rule.id, rule.policy, change)
                  for change in changes(rule, before, state, account, claims,
                                        person_claims([r for r in records if r.id in state.people], now.texts))]
        row = _seen_row(rule.id, inc.id, now, state)
        if last is None:
            conn.execute(insert(s), [row])
        else:
            conn.execute(update(s).where(mine).values(**row))
        if alerts:
            conn.execute(insert(schema.alert_deliveries), [_delivery_row(rule.id, inc.id, a) for a in alerts])
    return len(alerts)


def _seen_reports(store) -> dict[tuple[int, str], list]:
    s = schema.alert_seen
    with store.engine.connect() as conn:
        return {(row.rule_id, row.incident): json.loads(row.reports)
                for row in conn.execute(select(s.c.rule_id, s.c.incident, s.c.reports))}


def _seen_row(rule_id: int, incident: str, now: _StoreNow, state: Watched) -> dict:
    return {"rule_id": rule_id, "incident": incident, "revision": now.revision,
            "reports": json.dumps(now.reports[incident]), "state": state.to_json()}


def _delivery_row(rule_id: int, incident: str, alert: dict) -> dict:
    return {"key": alert["id"], "rule_id": rule_id, "incident": incident,
            "alert": json.dumps(alert, ensure_ascii=False), "status": "pending", "attempts": 0,
            "created_at": utc_now()}


class FiringThread:
    """``fire`` in a thread of its own, for the server: a POST asks for a run (``kick``) and does not wait for
    accounts or deliveries. Asks that come during a run make one more run after it."""

    def __init__(self, store, channels: Channels, weights: Weights | None = None):
        self._store, self._channels, self._weights = store, channels, weights
        self._wanted = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def kick(self) -> None:
        with self._start:
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(target=self._run, daemon=True, name="headcount-alerts")
                self._thread.start()
        self._wanted.set()

    def close(self) -> None:
        self._stopped = True
        self._wanted.set()
        if self._thread is not None:
            self._thread.join(5)  # a delivery under way ends within its time-out; a pending one waits

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopped:
                return
            self._wanted.clear()
            try:
                fire(self._store, self._channels, self._weights)
            except Exception:  # the store may be back next time; what was not recorded is found again then
                logger.exception("firing alerts failed")
