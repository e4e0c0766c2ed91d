"""What the API reads: the store's reports, incidents and claims, and the accounts computed from them.

Reports are only ever added, so everything here is computed once per store revision (the number of
report versions stored) and kept until a write changes it: a dashboard polling an account does not
re-read the store and re-solve the linear programs each time.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from ..errors import Errors, HeadcountError
from ..model import Claim, IncidentAccount
from ..reconcile import Incident, TimelinePoint, Weights, account_incident, claims_by_incident, timeline
from ..store import Store
from ..store.store import StoredReport

RESULTS_KEPT = 256  # accounts and timelines kept per revision; an as-of replay asks for one account a stop


class NotFound(HeadcountError):
    """No such incident or report."""


@dataclass
class Snapshot:
    """The store as of one revision."""

    revision: int
    reports: list[StoredReport]
    incidents: list[tuple[Incident, list[Claim]]]
    incident_of_report: dict[str, str] = field(init=False)
    results: OrderedDict = field(default_factory=OrderedDict)  # accounts and timelines

    def __post_init__(self) -> None:
        self.incident_of_report = {rid: inc.id for inc, _ in self.incidents for rid in inc.reports}

    def incident(self, incident_id: str) -> tuple[Incident, list[Claim]]:
        for inc, claims in self.incidents:
            if inc.id == incident_id:
                return inc, claims
        raise NotFound(Errors.E013.format(incident=incident_id))

    def claims(self) -> list[Claim]:
        return [c for _, claims in self.incidents for c in claims]


class Snapshots:
    """The latest snapshot of a store, rebuilt when the store's revision changes."""

    def __init__(self, store: Store, weights: Weights):
        self.store = store
        self.weights = weights
        self._lock = threading.Lock()
        self._current: Snapshot | None = None

    def current(self) -> Snapshot:
        revision = self.store.revision()
        with self._lock:  # one reader rebuilds; the others wait for its result
            if self._current is None or self._current.revision != revision:
                reports = self.store.reports()
                self._current = Snapshot(revision, reports, claims_by_incident(reports, self.store.claims()))
            return self._current

    def account(self, incident_id: str, policy: str = "latest", as_of: str | None = None) -> IncidentAccount:
        def compute(inc: Incident, claims: list[Claim]) -> IncidentAccount:
            return account_incident(inc.id, inc.title, inc.reports, claims, host=inc.host, policy=policy,
                                    as_of=as_of, weights=self.weights)
        return self._kept(("account", incident_id, policy, as_of), incident_id, compute)

    def timeline(self, incident_id: str, policy: str = "latest") -> list[TimelinePoint]:
        def compute(inc: Incident, claims: list[Claim]) -> list[TimelinePoint]:
            return timeline(inc.id, inc.title, inc.reports, claims, host=inc.host, policy=policy,
                            weights=self.weights)
        return self._kept(("timeline", incident_id, policy), incident_id, compute)

    def _kept(self, key: tuple, incident_id: str, compute):
        """What ``compute`` gives for the incident in the current snapshot, computed once per revision."""
        snap = self.current()
        with self._lock:
            if key in snap.results:
                snap.results.move_to_end(key)
                return snap.results[key]
        found = compute(*snap.incident(incident_id))
        with self._lock:
            snap.results[key] = found
            while len(snap.results) > RESULTS_KEPT:
                snap.results.popitem(last=False)
        return found
