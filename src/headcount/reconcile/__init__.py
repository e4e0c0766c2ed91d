"""Reconcile: claims -> incidents -> an account per incident (bounds, conflicts, best figures, timeline)."""
from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from ..errors import Errors, HeadcountError
from ..model import Claim, IncidentAccount, Person, PersonRecord, Report
from .account import account_incident
from .incidents import Incident, cluster
from .intervals import UNDATED, claim_moment
from .policies import POLICIES, Weights, load_weights
from .timeline import TimelinePoint, accounts_over_time, timeline

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["POLICIES", "Incident", "TimelinePoint", "Weights", "account_each", "account_incident", "account_incidents",
           "accounts_over_time", "claims_by_incident", "cluster", "first_claim_moment", "incident_ids_by_report", "incident_of_report",
           "incidents_in_store", "named_claims",
           "load_weights", "timeline"]


def claims_by_incident(reports: Iterable, claims: Iterable[Claim], people: Iterable[Person] = (),
                       decisions: Iterable = ()) -> list[tuple[Incident, list[Claim]]]:
    """The incidents of the reports (StoredReport or Report), each with its claims and the claims of the
    named people its reports give, merged into one record per person across them (people.py, with a
    user's ``decisions``), each carrying its record (``Claim.person``): the account counts each once."""
    incidents = cluster(_plain(reports))
    incident_of = incident_ids_by_report(incidents)
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.report in incident_of and c.person is None:
            grouped[incident_of[c.report]].append(c)
    people = list(people)
    if people:
        from .people import merge_incidents
        for incident_id, records in merge_incidents(incidents, people, decisions=decisions).items():
            grouped[incident_id].extend(named_claims(records))
    return [(inc, grouped[inc.id]) for inc in incidents]


def named_claims(records: Iterable[PersonRecord]) -> list[Claim]:
    """The status claims of every mention of each record, as claims of the record's person."""
    return [replace(c, person=r.id) for r in records for m in r.mentions for c in m.claims()]


def incident_of_report(reports: Iterable) -> dict[str, str]:
    """The id of the incident each report (StoredReport or Report, the newest versions) is grouped into,
    by report id."""
    return incident_ids_by_report(cluster(_plain(reports)))


def _plain(reports: Iterable) -> list[Report]:
    return [getattr(r, "report", r) for r in reports]


def incident_ids_by_report(incidents: Iterable[Incident]) -> dict[str, str]:
    """The id of each report's incident, by report id, from incidents already formed."""
    return {rid: inc.id for inc in incidents for rid in inc.reports}


def incidents_in_store(store: Store, incident: str | None = None) -> tuple[list, list[tuple[Incident, list[Claim]]]]:
    """The store's reports (``StoredReport``s, the newest versions) and its incidents, each with its claims;
    only ``incident`` if given. RAISES HeadcountError: E030, the store holds no reports (an empty account
    would read as one that counts no one); E013, no incident of that id."""
    reports = store.reports()
    found = claims_by_incident(reports, store.claims(), store.people(), store.person_decisions())
    if not reports:
        raise HeadcountError(Errors.E030.format(db=store.engine.url))
    if incident is not None:
        found = [(inc, cs) for inc, cs in found if inc.id == incident]
        if not found:
            raise HeadcountError(Errors.E013.format(incident=incident))
    return reports, found


def first_claim_moment(claims: Iterable[Claim]):
    """The earliest moment a claim speaks of (a datetime), or None if no claim is dated."""
    return min((m for c in claims if (m := claim_moment(c)) != UNDATED), default=None)


# Work handed to forked worker processes by reference: they inherit it, instead of unpickling every claim
# (pickling 100 000 claims there and back cost a third of the time saved).
_FORKED_WORK: dict[int, list] = {}


def account_each(found: list[tuple[Incident, list[Claim]]], *, policy: str = "latest", as_of: str | None = None,
                 weights: Weights | None = None, jobs: int = 1) -> list[IncidentAccount]:
    """The account of each (incident, claims) pair, in order; incidents are independent, so ``jobs`` > 1
    computes them in that many processes."""
    one = partial(_account_of, policy=policy, as_of=as_of, weights=weights or load_weights())
    if jobs <= 1 or len(found) < 2:
        return [one(pair) for pair in found]
    chunk = max(1, len(found) // (jobs * 8))
    if "fork" not in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(one, found, chunksize=chunk))
    key = id(found)
    _FORKED_WORK[key] = found
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(partial(_forked_account, key, one), range(len(found)), chunksize=chunk))
    finally:
        del _FORKED_WORK[key]


def _forked_account(key: int, one, index: int) -> IncidentAccount:
    return one(_FORKED_WORK[key][index])


def _account_of(pair: tuple[Incident, list[Claim]], *, policy: str, as_of: str | None,
                weights: Weights) -> IncidentAccount:
    inc, claims = pair
    return account_incident(inc.id, inc.title, inc.reports, claims, host=inc.host, policy=policy, as_of=as_of,
                            weights=weights)


def account_incidents(reports: Iterable, claims: Iterable[Claim], *, policy: str = "latest",
                      as_of: str | None = None, weights: Weights | None = None,
                      incident: str | None = None) -> list[IncidentAccount]:
    """One account per incident (or only ``incident``'s)."""
    found = [(inc, cs) for inc, cs in claims_by_incident(reports, claims) if incident in (None, inc.id)]
    return account_each(found, policy=policy, as_of=as_of, weights=weights)
