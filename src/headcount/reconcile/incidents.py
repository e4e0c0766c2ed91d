"""Which reports are about the same incident.

A report that names its incident (the ``incident`` field of a Reports line, or
``headcount ingest --incident``) belongs to it. The others are grouped, and
join a named incident one of whose reports they link with: two
reports published within ``WINDOW`` of each other are about the same incident
when they tell of the same event (extract/facts.py ``event_facts``): they name the
same venue ("Westgate mall" and "the Westgate centre", "the Velmora gas terminal"
and "the Velmora terminal"; not a hospital the wounded were taken to, nor a site
named after a place; in a town they share, the venue's name alone: "Lakeview
reopened"), or the same person ("Dara Quill, 24,", within
``NAME_WINDOW``: a trial, a funeral); or, unless both name venues and not the same,
their events are on the same day, give or take ``DAY_SLACK`` (the first two days
the report's opening names, "on Sunday night" in a report of Tuesday, not "police
said Thursday", and the days before them of an event that went on for days; else
its publication day or the day before) and they name a place in common ("in
Greater Grand Crossing", a dateline, "the 1200 block of Larch Street", "Dunmore
police said") or the same country. Groups are closed under this link (single
linkage), so that an incident that goes on for days stays one.

An incident's title says what happened, where and when, as its reports tell it most
often ("Hostage-taking at the Velmora Terminal, 2 May 2024").

An incident's host country is the heaviest country of its reports' places
(extract/facts.py); it decides which nationals are foreigners.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..extract.facts import EventFacts, ReportFacts, event_facts, event_site_words, report_facts
from ..labels import country_name
from ..model import Report
from .intervals import UNDATED, parse_moment

WINDOW = timedelta(days=10)
# the days two reports give their event may differ by this much and be one day's event (a night across midnight)
DAY_SLACK = 1
NAME_WINDOW = timedelta(days=30)


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
    sites = [event_site_words(facts[r.id].venues) for r in reports]
    events = [event_facts(r.text, r.published) for r in reports]
    places = [set(facts[r.id].places) | set(e.streets) for r, e in zip(reports, events)]
    days = [e.event_days() for e in events]
    lowered = [" ".join(r.text.lower().split()) for r in reports]
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            if not _within(moments[i], moments[j], NAME_WINDOW):
                break  # sorted by time: the rest are later still
            b = reports[j]
            if not _within(moments[i], moments[j], WINDOW):
                if _named_in(events[i], lowered[j]) or _named_in(events[j], lowered[i]):
                    join(i, j)
                continue
            if _same_incident(facts[a.id], facts[b.id], sites[i], sites[j], events[i], events[j],
                              _near(days[i], days[j]), places[i] & places[j], lowered[i], lowered[j],
                              a.text, b.text):
                join(i, j)
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(reports):
        groups[root(i)].append(r)
    return [(name[k], members) for k, members in groups.items()]


def _within(ta: datetime, tb: datetime, window: timedelta) -> bool:
    """Whether two publication moments are at most ``window`` apart (an undated report is near any)."""
    return UNDATED in (ta, tb) or abs(tb - ta) <= window


def _near(a: frozenset[date] | None, b: frozenset[date] | None) -> bool:
    """Whether two reports' events may be on the same day (or the next: "late on Saturday", "early Sunday")."""
    if a is None or b is None:
        return True
    return any(abs((x - y).days) <= DAY_SLACK for x in a for y in b)


def _same_incident(fa: ReportFacts, fb: ReportFacts, sites_a: set[str], sites_b: set[str],
                   ea: EventFacts, eb: EventFacts, near: bool, shared_places: set[str], text_a: str,
                   text_b: str, raw_a: str = "", raw_b: str = "") -> bool:
    """Whether two reports published within WINDOW of each other tell of one event: the same venue, or one's
    venue in the other's words ("the Velmora gas terminal", "the Velmora terminal"); the same person named
    ("Dara Quill, 24,"); else, unless they name different venues, a place in common (town, street, a
    dateline's) with events on the same day, or with no finer place in common, the same country on the same
    day."""
    if sites_a & sites_b or _venue_told(fa, text_b) or _venue_told(fb, text_a):
        return True
    if any(n in text_b for n in ea.names) or any(n in text_a for n in eb.names):
        return True
    if shared_places and (_name_told(sites_a, raw_b) or _name_told(sites_b, raw_a)):
        return True  # "Lakeview reopened", of the Lakeview mall in the same town
    if sites_a and sites_b:
        return False  # both name a venue, and not the same one
    if not near:
        return False
    return bool(shared_places) or (fa.country is not None and fa.country == fb.country)


def _name_told(site_words: set[str], text: str) -> bool:
    """Whether a text names one of these venue words capitalised, without its noun ("Lakeview")."""
    return any(re.search(rf"\b{re.escape(w.capitalize())}\b", text) for w in site_words)


def _named_in(event: EventFacts, text: str) -> bool:
    """Whether a text (lower-cased) names one of the people an event's report names with their age."""
    return any(n in text for n in event.names)


def _venue_told(facts: ReportFacts, text: str) -> bool:
    """Whether a text (lower-cased) names one of these venues in other words: its distinctive words and its
    noun within a few words of them ("velmora gas terminal" for "velmora terminal")."""
    for site in facts.venues:
        distinct = event_site_words((site,))
        noun = next((w for w in site.split() if w not in distinct), None)
        if not distinct or noun is None:
            continue
        words = "|".join(re.escape(w) for w in sorted(distinct))
        if re.search(rf"\b(?:{words})\b(?:\s+[\w'’-]+){{0,2}}?\s+{re.escape(noun)}\b", text) and all(
                re.search(rf"\b{re.escape(w)}\b", text) for w in distinct):
            return True
    return False


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
    when = dates[0] if dates else "undated"
    title = _title(members, site_name, host) or f"{members[0].text.strip().splitlines()[0][:80]} ({when})"
    slug = re.sub(r"[^a-z0-9]+", "-", (site or (country_name(host) if host else members[0].id)).lower()).strip("-")
    return Incident(f"{slug}-{when}", title, tuple(r.id for r in members), host, site_name)


def _title(members: list[Report], site: str | None, host: str | None) -> str | None:
    """What happened, where and when, as its reports tell it most often ("Shooting at the Orvel Mall, Dunmore,
    3 Mar 2031"); None when they tell neither what nor where."""
    events = [event_facts(r.text, r.published) for r in members]
    kinds = Counter(e.kind for e in events if e.kind)
    towns = Counter(e.town for e in events if e.town and not (site and e.town in site.lower()))
    days = Counter(e.days[0] for e in events if e.days)
    kind = _most(kinds)
    town = _most(towns)
    where = ", ".join(x for x in (f"the {site}" if site else None, town.title() if town else None,
                                  country_name(host) if host else None) if x)
    if not kind and not where:
        return None
    day = _most(days) or min((r.published[:10] for r in members if r.published), default=None)
    when = date.fromisoformat(day).strftime("%-d %b %Y") if day else "undated"
    if kind and where:
        what = f"{kind} at {where}" if site else f"{kind} in {where}"
    else:
        what = kind or where[0].upper() + where[1:]
    return f"{what}, {when}"


def _most(counts: Counter[str]) -> str | None:
    """The most frequent, the first in order among equals."""
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def _unique_ids(incidents: list[Incident]) -> list[Incident]:
    seen: Counter[str] = Counter()
    out = []
    for inc in incidents:
        seen[inc.id] += 1
        out.append(inc if seen[inc.id] == 1 else Incident(f"{inc.id}-{seen[inc.id]}", inc.title, inc.reports,
                                                          inc.host))
    return out
