"""What the API reads: the store's reports, incidents and claims, and the accounts computed from them.

Reports are only ever added, so everything here is computed once per store revision (the number of
report versions stored) and kept until a write changes it: a dashboard polling an account does not
re-read the store and re-solve the linear programs each time.

No request waits for accounts to be computed again after a write: a new revision's snapshot (the
reports and their incidents) is built at once, and the accounts open dashboards were showing are
computed again in a background thread; until each is ready, a request for it is answered with the
previous revision's account, marked stale. Only what the write touched is read and computed again:
the claims of the new report versions (the others' are kept), and the accounts of the incidents whose
reports changed (an account is a function of its incident's claims, so the others' carry over).

Each new revision noticed (``Snapshots.refresh``, after a POST or the periodic check for other
processes' writes) is told to ``on_new_revision``, with the incidents whose reports changed: the app
hands it to the event stream of open dashboards (events.py).
"""
from __future__ import annotations

import logging
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import Errors, HeadcountError
from ..model import Claim, IncidentAccount, Person
from ..reconcile import (Incident, TimelinePoint, Weights, account_incident, accounts_over_time, claims_by_incident,
                         incident_ids_by_report, timeline)
from ..store import Store
from ..store.store import StoredReport

REWARMED = 8        # accounts computed again for a new revision before it is read
NEW_REPORTS_READ = 64  # past this many new report versions, a new revision reads every claim at once
RESULTS_KEPT = 256  # accounts and timelines kept per revision; an as-of replay asks for one account a stop


logger = logging.getLogger(__name__)


class NotFound(HeadcountError):
    """No such incident or report."""


@dataclass(frozen=True)
class Kept:
    """An account or timeline, and whether it is of an earlier revision than the store's (a newer one is
    being computed in the background)."""

    result: object
    stale: bool = False


# While accounts are computed again in the background, the interpreter hands the GIL on to a waiting
# request thread every REWARM_SWITCH_S rather than every 5 ms (Python's default), so a request answered
# from the previous state does not wait out long slices of the computation (benchmarks/api.py, 10 000
# claims, right after a POST: p50 about 120 ms with 5 ms slices, 37 ms with these).
REWARM_SWITCH_S = 0.0005
_slices_lock = threading.Lock()
_rewarming = 0
_default_switch = sys.getswitchinterval()


@contextmanager
def _short_gil_slices():
    global _rewarming
    with _slices_lock:
        _rewarming += 1
        sys.setswitchinterval(REWARM_SWITCH_S)
    try:
        yield
    finally:
        with _slices_lock:
            _rewarming -= 1
            if not _rewarming:
                sys.setswitchinterval(_default_switch)


@dataclass
class Snapshot:
    """The store as of one revision."""

    revision: int
    reports: list[StoredReport]
    incidents: list[tuple[Incident, list[Claim]]]
    decisions: int = 0  # the latest decision on merging people it holds (Store.person_decisions_revision)
    # the named people of its reports and the decisions on merging them, as read for its incidents' claims
    stored_people: list[Person] = field(default_factory=list)
    person_decisions: list = field(default_factory=list)
    incident_of_report: dict[str, str] = field(init=False)
    results: OrderedDict = field(default_factory=OrderedDict)  # accounts and timelines
    # Every incident's person records, by policy (a decision on merging them is a new snapshot).
    people: dict = field(default_factory=dict)
    # Results of the previous revision that a background thread is computing again for this one.
    rewarming: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.incident_of_report = incident_ids_by_report(inc for inc, _ in self.incidents)

    def incident(self, incident_id: str) -> tuple[Incident, list[Claim]]:
        for inc, claims in self.incidents:
            if inc.id == incident_id:
                return inc, claims
        raise NotFound(Errors.E013.format(incident=incident_id))

    def claims(self) -> list[Claim]:
        return [c for _, claims in self.incidents for c in claims]

    def report_versions(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Per incident, the (report id, version) of its reports: what changes when a report is added to it."""
        version = {s.report.id: s.report.version for s in self.reports}
        return {inc.id: tuple(sorted((r, version.get(r, 0)) for r in inc.reports)) for inc, _ in self.incidents}


def changed_incidents(old: Snapshot, new: Snapshot) -> list[str]:
    """The ids of the incidents whose reports differ between two snapshots (new, regrouped or gone), sorted."""
    before, after = old.report_versions(), new.report_versions()
    return sorted(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))


class Snapshots:
    """The latest snapshot of a store, rebuilt when the store's revision changes.

    A rebuild also computes again, in a background thread, the accounts last asked of the old snapshot
    (``REWARMED``: what open dashboards are showing), so that after a write they are answered from
    memory, and meanwhile from the old snapshot, marked stale. The app rebuilds after each POST and,
    for writes by other processes (``headcount ingest``), from a background thread every few seconds
    (``watch``).
    """

    def __init__(self, store: Store, weights: Weights,
                 on_new_revision: Callable[[Snapshot, Snapshot], None] | None = None):
        self.store = store
        self.weights = weights
        self.on_new_revision = on_new_revision  # called with the old and the new snapshot, in revision order
        self._lock = threading.Lock()      # guards the results of a snapshot
        self._rebuild = threading.Lock()   # one rebuild at a time; readers of a new revision wait for it
        # One background computation at a time: the threads of two revisions would only halve the share of
        # the interpreter left to requests.
        self._rewarm_one = threading.Lock()
        self._current: Snapshot | None = None

    def current(self) -> Snapshot:
        snap = self._current
        if snap is not None and (snap.revision, snap.decisions) == self._state():
            return snap
        return self.refresh()

    def _state(self) -> tuple[int, int]:
        """What a snapshot is of: the store's revision, and its latest decision on merging people (a split
        or a join changes no report, but the accounts' named people)."""
        return self.store.revision(), self.store.person_decisions_revision()

    def refresh(self) -> Snapshot:
        """The snapshot of the store's revision now, rebuilt (and its watched accounts computed) if needed."""
        with self._rebuild:
            revision, decisions = self._state()
            old = self._current
            if old is not None and (old.revision, old.decisions) == (revision, decisions):
                return old
            reports = self.store.reports()
            people, decided = self.store.people(), self.store.person_decisions()
            new = Snapshot(revision, reports, claims_by_incident(reports, self._claims(old, reports), people, decided),
                           decisions, people, decided)
            if old is not None:
                self._carry_over(old, new)
            self._current = new
            if old is not None and self.on_new_revision is not None:
                self.on_new_revision(old, new)  # under the lock: revisions are told in the order they came
        if new.rewarming:
            threading.Thread(target=self._rewarm, args=(new,), daemon=True, name="headcount-rewarm").start()
        return new

    def _claims(self, old: Snapshot | None, reports: list[StoredReport]) -> list[Claim]:
        """The claims of the newest version of each report: those of the versions ``old`` already held,
        and those of the new ones read from the store."""
        if old is None:
            return self.store.claims()
        known = {(s.report.id, s.report.version) for s in old.reports}
        new = [s.report for s in reports if (s.report.id, s.report.version) not in known]
        if len(new) > NEW_REPORTS_READ:
            return self.store.claims()
        kept = {s.report.id for s in reports if (s.report.id, s.report.version) in known}
        claims = [c for c in old.claims() if c.report in kept and c.person is None]  # people: merged anew
        for r in new:
            claims += self.store.claims(r.id, r.version)
        return claims

    def _carry_over(self, old: Snapshot, new: Snapshot) -> None:
        """Give ``new`` the results of ``old`` its write did not touch, and mark for computing again the
        watched accounts of the incidents it did (and those still being computed for ``old``)."""
        changed = set(changed_incidents(old, new))
        if old.decisions != new.decisions:  # a decision on merging people may change any incident's people
            changed |= {inc.id for inc, _ in old.incidents + new.incidents}
        with self._lock:  # readers may be adding to it meanwhile
            for key, result in old.results.items():
                if key[1] not in changed:
                    new.results[key] = result
            watched = [k for k in old.results if k[0] == "account" and k[1] in changed][-REWARMED:]
            new.rewarming = {k: old.results[k] for k in watched}
            for key, previous in old.rewarming.items():  # not ready for ``old``: answered from before it
                new.rewarming.setdefault(key, previous)

    def _rewarm(self, snap: Snapshot) -> None:
        """Compute again, for ``snap``, the accounts that were watched before it (run in a thread)."""
        with _short_gil_slices():
            self._rewarm_each(snap)

    def _rewarm_each(self, snap: Snapshot) -> None:
        for key in list(snap.rewarming):
            with self._rewarm_one:
                if self._current is not snap:  # a newer revision has taken these over (_carry_over)
                    return
                try:
                    found = self._compute(snap, key)
                except NotFound:
                    found = None
                except Exception:  # the reader asking next computes it and gets the error
                    logger.exception("computing %s again failed", key)
                    found = None
            with self._lock:
                if found is not None:
                    snap.results[key] = found
                snap.rewarming.pop(key, None)

    def watch(self, every_s: float, stop: threading.Event) -> None:
        """Refresh every ``every_s`` seconds until ``stop`` is set (run in a thread)."""
        while not stop.wait(every_s):
            try:
                self.refresh()
            except Exception:  # a store that is down now may be up next time; readers get the error
                logger.exception("refreshing the snapshot failed")

    def people(self, policy: str = "latest") -> dict[str, list]:
        """Every incident's person records (reconcile/people.py: PersonRecord), by incident id, merged once per
        snapshot (a store revision and its decisions on merging people) and policy, from the people its
        accounts count."""
        from ..reconcile.people import merge_incidents
        snap = self.current()
        with self._lock:
            if policy in snap.people:
                return snap.people[policy]
        merged = merge_incidents([inc for inc, _ in snap.incidents], snap.stored_people, policy,
                                 decisions=snap.person_decisions, weights=self.weights,
                                 texts={s.report.id: s.report.text for s in snap.reports})
        with self._lock:
            snap.people[policy] = merged
        return merged

    def account(self, incident_id: str, policy: str = "latest", as_of: str | None = None) -> Kept:
        """The account (``Kept.result``: an IncidentAccount)."""
        return self._kept(("account", incident_id, policy, as_of))

    def timeline(self, incident_id: str, policy: str = "latest") -> Kept:
        """The timeline (``Kept.result``: a list of TimelinePoint)."""
        return self._kept(("timeline", incident_id, policy, None))

    def _kept(self, key: tuple) -> Kept:
        """The result for ``key`` in the current snapshot, computed once per revision; while a background
        thread computes it again after a write, the previous revision's, marked stale."""
        snap = self.current()
        with self._lock:
            if key in snap.results:
                snap.results.move_to_end(key)
                return Kept(snap.results[key])
            if key in snap.rewarming:
                return Kept(snap.rewarming[key], stale=True)
        found = self._compute(snap, key)
        with self._lock:
            snap.results[key] = found
            while len(snap.results) > RESULTS_KEPT:
                snap.results.popitem(last=False)
        return Kept(found)

    def _compute(self, snap: Snapshot, key: tuple):
        kind, incident_id, policy, as_of = key
        inc, claims = snap.incident(incident_id)
        if kind == "account":
            return account_incident(inc.id, inc.title, inc.reports, claims, host=inc.host, policy=policy,
                                    as_of=as_of, weights=self.weights)
        # The timeline is the account as of each moment: keep those accounts too, for the as-of replay
        # that a dashboard asks for next.
        accounts = accounts_over_time(inc.id, inc.title, inc.reports, claims, host=inc.host, policy=policy,
                                      weights=self.weights)
        with self._lock:
            for moment, acc in accounts:
                if moment is not None:
                    snap.results.setdefault(("account", incident_id, policy, moment), acc)
        return timeline(inc.id, inc.title, inc.reports, claims, accounts=accounts)
