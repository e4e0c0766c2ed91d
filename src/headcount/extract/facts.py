"""Facts about the incident a report tells of, read from its plain text: where, and at which site.

They decide which reports are about the same incident (reconcile/incidents.py)
and which country is the host (so that its nationals are not foreigners). They
come from the text with the lexicon's place names and a list of site nouns, not
from the parser, so they cost next to nothing and work on any stored report:

- ``countries``: country -> weight of the places that locate the events: a dateline
  ("Algiers (AsiaNews) -", "NAIROBI, Kenya (AP) —") weighs 3, a place after "in",
  "at", "near" or "outside" weighs 1;
- ``facilities``: the named sites ("Westgate mall", "Splendid Hotel"), lower-cased;
- ``places``: every named place, known or not: a run of capitalised words after "in", "at", "near"...
  ("in Greater Grand Crossing", "at Riverside Park") and the words of a dateline ("SPRINGFIELD, Ill.
  (AP) —"), lower-cased. Local news names towns and neighbourhoods no lexicon holds.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources

from .lexicon import load as load_lexicon

DATELINE_WEIGHT = 3


@dataclass(frozen=True)
class ReportFacts:
    countries: tuple[tuple[str, int], ...]   # (ISO alpha-2, weight), heaviest first
    facilities: tuple[str, ...]
    places: tuple[str, ...] = ()
    # the named venues of the events, for telling incidents apart: the sites above less those that are places
    # ("Ivory Coast beach") or where people were taken and cases handled ("Mercy Hospital", "Dunmore Police
    # Department")
    venues: tuple[str, ...] = ()

    @property
    def country(self) -> str | None:
        """The country the events happen in, when one place outweighs the others."""
        if not self.countries:
            return None
        if len(self.countries) > 1 and self.countries[0][1] == self.countries[1][1]:
            return None
        return self.countries[0][0]


@cache
def _facility_lexicon() -> dict:
    return json.loads(resources.files(__package__).joinpath("patterns/facilities.json").read_text("utf-8"))


@cache
def _patterns():
    data = _facility_lexicon()
    lex = load_lexicon()
    places = {**lex.cities, **lex.places}  # a place that names a government names its country too
    # longest names first so that "Great Britain" wins over "Britain"
    names = sorted((n for n in places if n[:1].isalpha() and len(n) > 2), key=len, reverse=True)
    place = "|".join(re.escape(n) for n in names)
    prepositions = "|".join(re.escape(p) for p in data["place_prepositions"])
    articles = "|".join(re.escape(a) for a in data["place_articles"])
    located = re.compile(rf"\b(?:{prepositions})\s+(?:(?:{articles})\s+)?({place})\b", re.IGNORECASE)
    dateline = re.compile(rf"^\s*(?:[A-Z][A-Za-z'.-]+\s*){{0,3}}?({place})?\s*(?:,\s*({place}))?\s*(?:\(|—|–|-\s)",
                          re.IGNORECASE | re.MULTILINE)
    nouns = "|".join(re.escape(n) for n in data["nouns"])
    cap = r"[A-Z][\w'’.-]*"
    modifiers = "|".join(re.escape(m) for m in data["site_modifiers"])
    before = re.compile(rf"\b((?:{cap}\s+){{1,3}})(?:(?:{modifiers})\s+)?({nouns})\b")
    after = re.compile(rf"\b((?i:{nouns}))\s+((?:{cap}\s?){{1,3}})")
    not_names = set(data["not_names"])
    return located, dateline, before, after, not_names, places


@cache
def _place_patterns():
    data = _facility_lexicon()
    prepositions = "|".join(re.escape(p) for p in data["place_prepositions"])
    articles = "|".join(re.escape(a) for a in data["place_articles"])
    name = r"[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}"
    named = re.compile(rf"\b(?:{prepositions})\s+(?:(?:{articles})\s+)?({name})")
    # a paragraph that opens with a place in capitals or capitalised words, then a comma, "(" or a dash
    opening = re.compile(rf"^\s*({name}|[A-Z]{{3,}}(?:\s+[A-Z]{{3,}}){{0,2}})\s*(?:,[^\n(—–]{{0,20}})?(?:\(|—|–|-\s)",
                         re.MULTILINE)
    return named, opening, set(data["not_places"]) | set(data["not_names"])


def named_places(text: str) -> tuple[str, ...]:
    """The places a text names (``ReportFacts.places``), lower-cased, sorted."""
    named, opening, not_places = _place_patterns()
    found = {m.group(1) for m in named.finditer(text)} | {m.group(1) for m in opening.finditer(text[:4000])}
    found = {re.sub(r"[’']s$", "", f) for f in found}  # "Tuesday's", "Millbrook's"
    return tuple(sorted({f.lower() for f in found if f.split()[0] not in not_places}))


FACTS_KEPT = 8192  # texts whose facts are kept: a server groups every stored report again at each new one


class _KeptByDigest:
    """What a function computes from a text, kept for the last ``FACTS_KEPT`` texts by the text's digest (the
    patterns cost more than hashing, and a digest keeps no text alive); safe across threads."""

    def __init__(self, compute):
        self._compute = compute
        self._kept: OrderedDict[bytes, object] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, text: str, *context: str | None):
        said = "\0".join([*(c or "" for c in context), text])
        key = hashlib.blake2b(said.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        with self._lock:
            found = self._kept.get(key)
        if found is None:
            found = self._compute(text, *context)
            with self._lock:
                self._kept[key] = found
                if len(self._kept) > FACTS_KEPT:
                    self._kept.popitem(last=False)
        return found


def report_facts(text: str) -> ReportFacts:
    """The text's facts, computed once per text."""
    return _report_facts_kept(text)


def _report_facts(text: str) -> ReportFacts:
    located, dateline, before, after, not_names, places = _patterns()
    weights: Counter[str] = Counter()
    for paragraph_start in dateline.finditer(text[:4000]):
        for name in paragraph_start.groups():
            if name:
                weights[places[name.lower()]] += DATELINE_WEIGHT
    for m in located.finditer(text):
        weights[places[m.group(1).lower()]] += 1
    facilities = set()
    for m in before.finditer(text):
        words = _name_words(m.group(1), not_names, places)
        if words:
            facilities.add(" ".join(words + [m.group(2).lower()]))
    for m in after.finditer(text):
        words = _name_words(m.group(2), not_names, places)
        if m.group(1)[0].isupper() and words:
            facilities.add(" ".join([m.group(1).lower()] + words))
    countries = tuple(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])))
    not_sites = set(_event_words()["not_event_sites"])
    nouns = set(_facility_lexicon()["nouns"])
    venues = {v for v in facilities if not set(v.split()) & not_sites
              and " ".join(w for w in v.split() if w not in nouns) not in places}
    return ReportFacts(countries=countries, facilities=tuple(sorted(facilities)), places=named_places(text),
                       venues=tuple(sorted(venues)))


def _name_words(words: str, not_names: set[str], places: dict[str, str]) -> list[str]:
    """The words that name a site: not articles, places ("Nairobi's") or demonyms ("Tunisian")."""
    demonyms = load_lexicon().demonyms
    kept = []
    for w in words.split():
        bare = re.sub(r"[’']s$", "", w).strip(".").lower()
        if w in not_names or bare in places or bare in demonyms:
            continue
        kept.append(bare)
    return kept


def facility_words(facilities: tuple[str, ...]) -> set[str]:
    """The distinctive words of the named sites: "westgate", "splendid", not "hotel"."""
    nouns = _facility_lexicon()["nouns"]
    return {w for f in facilities for w in f.split() if w not in nouns and len(w) > 2}


@cache
def _event_words() -> dict:
    return json.loads(resources.files(__package__).joinpath("patterns/incident_facts.json").read_text("utf-8"))


@dataclass(frozen=True)
class EventFacts:
    """What a report says of its event, read cheaply from its text and publication date (``event_facts``).

    ``days``: the ISO days its opening's time words name ("on Sunday night" in a report of Tuesday is Sunday;
    "March 3"; "yesterday"; not "police said Thursday"), resolved against the publication day; ``published``:
    that day (ISO) or None;
    ``town``: the place its dateline names ("dunmore"), lower-cased; ``killed``, ``injured``: the figures its
    opening gives ("three people were killed", "wounding two"); ``names``: people's full names it gives with
    an age ("Dara Quill, 24,"), after "identified as", or a known given name and a surname, lower-cased
    (another report that merely names them tells of them too); ``kind``: what happened ("Shooting"),
    by the words it uses most, or None."""
    days: tuple[str, ...] = ()
    published: str | None = None
    town: str | None = None
    killed: tuple[int, ...] = ()
    injured: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    kind: str | None = None
    lasted: int = 1   # days the event went on, when the text says so ("the three-day siege")
    # the streets and counties it names ("the 1200 block of Larch Street", "Fenwick County"), the towns whose
    # police speak ("Dunmore police said") or that a state follows ("Dunmore, Ore."), lower-cased: finer
    # places than a country that no preposition introduces
    streets: tuple[str, ...] = ()

    def event_days(self) -> frozenset[date] | None:
        """The days the event may be on: the first ``EVENT_DAYS_NAMED`` the text names (a day something was said
        on is none of them) and, for an event that went on for days, the days before them; else the publication
        day and the day before (news of yesterday); None when neither is known (the event may be on any day)."""
        if self.days:
            named = self.days[:EVENT_DAYS_NAMED]
            return frozenset(date.fromisoformat(d) - timedelta(days=k) for d in named
                             for k in range(max(1, min(self.lasted, MAX_LASTED)))
                             if date.fromisoformat(d).toordinal() > k)  # no day before 0001-01-01
        if self.published:
            day = date.fromisoformat(self.published)
            return frozenset({day, day - timedelta(days=1)} if day > date.min else {day})  # 0001-01-01 has no eve
        return None


def event_facts(text: str, published: str | None) -> EventFacts:
    """The event facts of a text published then, computed once per text and date (kept like ``report_facts``)."""
    return _event_facts_kept(text, published)


@cache
def _event_patterns():
    w = _event_words()
    numbers = load_counts_numbers()
    number = r"\d{1,4}|" + "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    weekday = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
    months = "|".join(sorted(map(re.escape, w["months"]), key=len, reverse=True))
    month_day = re.compile(rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
    day_month = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months})\b\.?(?:,?\s+(\d{{4}}))?",
                           re.IGNORECASE)
    relative = re.compile(r"\b(yesterday|today|tonight|" + "|".join(map(re.escape, w["last_night"])) + r")\b",
                          re.IGNORECASE)
    gap = w["figure_gap"]
    status = {**{x: "killed" for x in w["killed_words"]}, **{x: "injured" for x in w["injured_words"]}}
    words = "|".join(sorted(map(re.escape, status), key=len, reverse=True))
    after = re.compile(rf"\b({number})\b(?!\s*-?\s*years?)((?:\s+[a-z][\w'’-]*){{0,{gap}}}?)\s+({words})\b",
                       re.IGNORECASE)
    before = re.compile(rf"\b({words})\s+(?:(?:at least|to|of|about|some)\s+)?({number})\b(?!\s*-?\s*years?)",
                        re.IGNORECASE)
    cap = r"[A-Z][a-z][\w'’-]*"
    full = rf"({cap}(?:\s+[A-Z]\.)?(?:\s+{cap}){{1,2}})"
    aged = re.compile(rf"{full},\s+(\d{{1,3}}),")
    named = re.compile(r"\b(?:" + "|".join(map(re.escape, w["name_after"])) + rf")\s+{full}")
    lasted = re.compile(rf"\b({number})[- ]days?[- ](?:long\s+)?(?:" + "|".join(map(re.escape, w["lasting_nouns"]))
                        + r")\b", re.IGNORECASE)
    cap_word = r"[A-Z][a-z][\w'’-]*"
    suffixes = "|".join(map(re.escape, w["street_words"]))
    street = re.compile(rf"\b((?:{cap_word}\s+){{1,3}}(?:{suffixes}))(?![\w])")
    police = re.compile(rf"\b((?:{cap_word}\s+){{0,2}}{cap_word})\s+(?:[Pp]olice|County [Ss]heriff)\b")
    regions = "|".join(sorted(map(re.escape, w["region_words"]), key=len, reverse=True))
    town = re.compile(rf"\b((?:{cap_word}\s+){{0,2}}{cap_word}),\s+(?:{regions})(?![\w])")
    told_at = re.compile(rf"\b((?:{cap_word}\s+){{0,1}}{cap_word})\s+(?:" + "|".join(map(re.escape, w["event_nouns"]))
                         + r")\b")
    kinds = [(kind, re.compile(r"\b(?:" + "|".join(map(re.escape, ws)) + r")\b", re.IGNORECASE))
             for kind, ws in w["kinds"].items()]
    return (weekday, month_day, day_month, relative, after, before, aged, named, kinds, status, numbers, lasted,
            street, police, town, told_at)


def load_counts_numbers() -> dict[str, int]:
    data = json.loads(resources.files(__package__).joinpath("patterns/counts.json").read_text("utf-8"))
    return data["number_words"]


# how many of the days a report's opening names may be its event's (the first two: "a man shot on Saturday died
# on Monday"); the days it says something was said on are not among them ("police said Thursday")
EVENT_DAYS_NAMED = 2
# the longest an event is taken to go on for ("a 40-day siege" is rarer than a figure misread)
MAX_LASTED = 14
# how far before its report a day the text names may be and still be the day of its event
EVENT_DAYS_BACK = 45


def _event_facts(text: str, published: str | None) -> EventFacts:
    (weekday, month_day, day_month, relative, after, before, aged, named, kinds, status, numbers,
     lasted_pattern, street, police, town_pattern, told_at) = _event_patterns()
    w = _event_words()
    lead = text[:w["lead_chars"]]
    pub = None
    if published:
        try:
            pub = datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pub = None
    days: list[date] = []
    if pub:
        found: list[tuple[int, date]] = []
        for m in weekday.finditer(lead):
            back = (pub.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7
            found.append((m.start(), pub - timedelta(days=back)))
        for m in relative.finditer(lead):
            word = m.group(1).lower()
            found.append((m.start(), pub - timedelta(days=0 if word in ("today", "tonight") or "this" in word
                                                      else 1)))
            if word == "overnight":
                found.append((m.start(), pub))
        for pattern, mi, di in ((month_day, 1, 2), (day_month, 2, 1)):
            for m in pattern.finditer(lead):
                month_word = m.group(mi)
                if month_word.lower() == "may" and not month_word[0].isupper():
                    continue
                year = int(m.group(3)) if m.group(3) else pub.year
                try:
                    day = date(year, w["months"][month_word.lower()], int(m.group(di)))
                except ValueError:
                    continue
                if not m.group(3) and day > pub + timedelta(days=1):
                    try:
                        day = day.replace(year=year - 1)
                    except ValueError:
                        continue
                found.append((m.start(), day))
        said = re.compile(r"\b(?:" + "|".join(map(re.escape, w["saying_words"])) + r")\s+(?:\w+\s+)?$", re.IGNORECASE)
        days = [d for at, d in sorted(found, key=lambda x: x[0])
                if pub - timedelta(days=EVENT_DAYS_BACK) <= d <= pub + timedelta(days=1)
                and not said.search(lead[max(0, at - 30):at])]
    figures: dict[str, set[int]] = {"killed": set(), "injured": set()}

    def value(word: str) -> int | None:
        word = word.lower()
        return int(word) if word.isdigit() else numbers.get(word)

    for m in after.finditer(lead):
        gap_words = m.group(2).lower().split()
        if any(g in status or g.isdigit() or g in numbers for g in gap_words):
            continue
        n = value(m.group(1))
        if n is not None and n < 1000:
            figures[status[m.group(3).lower()]].add(n)
    for m in before.finditer(lead):
        n = value(m.group(2))
        if n is not None and n < 1000:
            figures[status[m.group(1).lower()]].add(n)
    places = _patterns()[5]
    names = set()
    for m in aged.finditer(text):
        if 1 <= int(m.group(2)) <= 110:
            names.add(m.group(1))
    names.update(m.group(1) for m in named.finditer(text))
    given = _given_names()
    saying = set(w["saying_words"])
    for m in re.finditer(r"\b([A-Z][a-z]+)\s+([A-Z][a-z][\w'’-]+)\b", text):
        around = text[max(0, m.start() - 30):m.start()].lower().split()[-3:] + text[m.end():m.end() + 30].lower(
            ).replace(",", " ").split()[:2]
        if m.group(1).lower() in given and not saying & set(around):
            names.add(m.group(0))  # a given name and a surname, not a speaker's ("said Sgt. Ana Ruiz")
    not_names = set(_facility_lexicon()["not_names"]) | set(_facility_lexicon()["not_places"])
    names = {n.lower() for n in names
             if n.split()[0] not in not_names and not any(x.lower() in places for x in n.split())}
    told = [(len(p.findall(text)), kind) for kind, p in kinds]
    order = w["kind_order"]
    told = sorted((t for t in told if t[0]), key=lambda t: (-t[0], order.index(t[1]) if t[1] in order else 99))
    specific = [t for t in told if t[1] != w["generic_kind"]]
    if told and told[0][1] == w["generic_kind"] and specific and 2 * specific[0][0] >= told[0][0]:
        told = specific  # an attack told as a hostage-taking half as often is a hostage-taking
    opening = _place_patterns()[1].search(text[:300])
    town = opening.group(1).lower() if opening and opening.group(1).split()[0] not in not_names else None
    return EventFacts(days=tuple(dict.fromkeys(d.isoformat() for d in days)),
                      published=pub.isoformat() if pub else None, town=town,
                      killed=tuple(sorted(figures["killed"])), injured=tuple(sorted(figures["injured"])),
                      names=tuple(sorted(names)), kind=told[0][1] if told else None,
                      lasted=max((value(m.group(1)) or 1 for m in lasted_pattern.finditer(text)), default=1),
                      streets=tuple(sorted(_streets(text, (street, police, town_pattern, told_at), not_names))))


def _streets(text: str, patterns: tuple[re.Pattern, ...], not_names: set[str]) -> set[str]:
    found = {m.group(1) for p in patterns for m in p.finditer(text)}
    kept = set()
    for f in found:
        words = [x for x in f.split() if x not in not_names]
        if words:
            kept.add(" ".join(words).lower())
    return kept


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def event_site_words(venues: tuple[str, ...]) -> set[str]:
    """The distinctive words of the venues (``ReportFacts.venues``): "westgate", not "mall"."""
    return facility_words(venues)


@cache
def _given_names() -> frozenset[str]:
    """The given names people.py knows (patterns/people.json)."""
    data = json.loads(resources.files(__package__).joinpath("patterns/people.json").read_text("utf-8"))
    return frozenset(data["female_given_names"]) | frozenset(data["male_given_names"])


# here, once the functions they keep are defined
_report_facts_kept = _KeptByDigest(_report_facts)
_event_facts_kept = _KeptByDigest(_event_facts)
