"""Which reports are about the same incident.

A report that names its incident (the ``incident`` field of a Reports line, or
``headcount ingest --incident``) belongs to it. The others are grouped: two
reports published within ``WINDOW`` of each other are about the same incident
when they name the same site ("Westgate mall" and "the Westgate centre"), or,
when one of them names no site, when they locate the events in the same
country. Groups are closed under this link (single linkage).

An incident's host country is the heaviest country of its reports' places
(extract/facts.py); it decides which nationals are foreigners.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from ..extract.facts import ReportFacts, facility_words, report_facts
from ..labels import country_name
from ..model import Report
from .intervals import UNDATED, parse_moment

WINDOW = timedelta(days=10)


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
    named: dict[str, list[Report]] = defaultdict(list)
    loose = []
    for r in reports:
        (named[r.incident] if r.incident else loose).append(r)
    groups = list(named.items()) + [(None, g) for g in _link(loose, facts)]
    incidents = [_incident(name, members, facts) for name, members in groups]
    when = {r.id: parse_moment(r.published) for r in reports}
    return sorted(_unique_ids(incidents), key=lambda i: (min(when[r] for r in i.reports), i.id))


def _link(reports: list[Report], facts: dict[str, ReportFacts]) -> list[list[Report]]:
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sites = [facility_words(facts[r.id].facilities) for r in reports]
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            b = reports[j]
            if not _close_in_time(a, b):
                break  # sorted by time: the rest are later still
            if _same_incident(facts[a.id], facts[b.id], sites[i], sites[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(reports):
        groups[root(i)].append(r)
    return list(groups.values())


def _close_in_time(a: Report, b: Report) -> bool:
    ta, tb = parse_moment(a.published), parse_moment(b.published)
    if UNDATED in (ta, tb):
        return True
    return abs(tb - ta) <= WINDOW


def _same_incident(fa: ReportFacts, fb: ReportFacts, sites_a: set[str], sites_b: set[str]) -> bool:
    if sites_a & sites_b:
        return True
    if sites_a and sites_b:
        return False  # both name a site, and not the same one
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
