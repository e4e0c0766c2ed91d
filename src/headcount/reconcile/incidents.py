"""Which reports are about the same incident.

A report that names its incident (the ``incident`` field of a Reports line, or
``headcount ingest --incident``) belongs to it. The others are grouped, and
join a named incident one of whose reports they link with: two
reports published within ``WINDOW`` of each other are about the same incident
when they name the same site ("Westgate mall" and "the Westgate centre"), or,
unless both name sites and not the same, when they are published within
``PLACE_WINDOW`` of each other and name the same place ("in Greater Grand
Crossing", a dateline), or when one of them names no site and they locate the
events in the same country. Groups are closed under this link (single linkage).

An incident's host country is the heaviest country of its reports' places
(extract/facts.py); it decides which nationals are foreigners.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..extract.facts import ReportFacts, facility_words, report_facts
from ..labels import country_name
from ..model import Report
from .intervals import UNDATED, parse_moment

WINDOW = timedelta(days=10)
# reports of one incident that name the same town or street are published within days of each other;
# the same place named weeks apart is more often another incident there
PLACE_WINDOW = timedelta(days=2)


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    reports: tuple[str, ...]
    host: str | None
    site: str | None = None   # the facility most of its reports name ("In Amenas Gas Plant"), if any


def cluster(reports: Iterable[Report]) -> list[Incident]:
    """The incidents of these reports, in order of their first report."""
    reports = sorted(reports, key=lambda r: (parse_moment(r.published), r.id))
    facts = {r.id: report_facts(r.text) for r in reports}
    incidents = [_incident(name, members, facts) for name, members in _link(reports, facts)]
    when = {r.id: parse_moment(r.published) for r in reports}
    return sorted(_unique_ids(incidents), key=lambda i: (min(when[r] for r in i.reports), i.id))


def _link(reports: list[Report], facts: dict[str, ReportFacts]) -> list[tuple[str | None, list[Report]]]:
    """The groups of linked reports, each with the incident its reports name (or None). The reports that
    name one incident are one group; a report that names none joins the group of a report it links with;
    two groups that name different incidents are never joined."""
    parent = list(range(len(reports)))
    name: dict[int, str | None] = {i: r.incident for i, r in enumerate(reports)}
    first_of: dict[str, int] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri == rj or (name[ri] and name[rj] and name[ri] != name[rj]):
            return
        parent[rj] = ri
        name[ri] = name[ri] or name[rj]

    for i, r in enumerate(reports):
        if r.incident:
            join(first_of.setdefault(r.incident, i), i)

    # what each pair is compared on, read once a report
    moments = [parse_moment(r.published) for r in reports]
    sites = [facility_words(facts[r.id].facilities) for r in reports]
    places = [set(facts[r.id].places) for r in reports]
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            if not _within(moments[i], moments[j], WINDOW):
                break  # sorted by time: the rest are later still
            shared_place = _within(moments[i], moments[j], PLACE_WINDOW) and bool(places[i] & places[j])
            if _same_incident(facts[a.id], facts[reports[j].id], sites[i], sites[j], shared_place):
                join(i, j)
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(reports):
        groups[root(i)].append(r)
    return [(name[k], members) for k, members in groups.items()]


def _within(ta: datetime, tb: datetime, window: timedelta) -> bool:
    """Whether two publication moments are at most ``window`` apart (an undated report is near any)."""
    return UNDATED in (ta, tb) or abs(tb - ta) <= window


def _same_incident(fa: ReportFacts, fb: ReportFacts, sites_a: set[str], sites_b: set[str],
                   shared_place: bool) -> bool:
    """shared_place: whether the reports name a place in common within PLACE_WINDOW of each other."""
    if sites_a & sites_b:
        return True
    if sites_a and sites_b:
        return False  # both name a site, and not the same one
    if shared_place:
        return True
    return fa.country is not None and fa.country == fb.country


def _incident(name: str | None, members: list[Report], facts: dict[str, ReportFacts]) -> Incident:
    weights: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    for r in members:
        weights.update(dict(facts[r.id].countries))
        sites.update(facts[r.id].facilities)
    ranked = tuple(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])))
    host = ReportFacts(countries=ranked, facilities=()).country  # the same rule as for one report
    dates = sorted(r.published[:10] for r in members if r.published)
    site = sorted(sites.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if sites else None
    site_name = site.title() if site else None
    if name:
        return Incident(name, name, tuple(r.id for r in members), host, site_name)
    where = ", ".join(x for x in (site_name, country_name(host) if host else None) if x)
    when = dates[0] if dates else "undated"
    title = f"{where or members[0].text.strip().splitlines()[0][:80]} ({when})"
    slug = re.sub(r"[^a-z0-9]+", "-", (site or (country_name(host) if host else members[0].id)).lower()).strip("-")
    return Incident(f"{slug}-{when}", title, tuple(r.id for r in members), host, site_name)


def _unique_ids(incidents: list[Incident]) -> list[Incident]:
    seen: Counter[str] = Counter()
    out = []
    for inc in incidents:
        seen[inc.id] += 1
        out.append(inc if seen[inc.id] == 1 else Incident(f"{inc.id}-{seen[inc.id]}", inc.title, inc.reports,
                                                          inc.host))
    return out
