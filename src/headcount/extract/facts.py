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
from functools import cache
from importlib import resources

from .lexicon import load as load_lexicon

DATELINE_WEIGHT = 3


@dataclass(frozen=True)
class ReportFacts:
    countries: tuple[tuple[str, int], ...]   # (ISO alpha-2, weight), heaviest first
    facilities: tuple[str, ...]
    places: tuple[str, ...] = ()

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
_facts_kept: OrderedDict[bytes, ReportFacts] = OrderedDict()
_facts_lock = threading.Lock()


def report_facts(text: str) -> ReportFacts:
    """The text's facts, computed once per text (kept by its digest: the patterns cost more than hashing)."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _facts_lock:
        found = _facts_kept.get(key)
    if found is None:
        found = _report_facts(text)
        with _facts_lock:
            _facts_kept[key] = found
            if len(_facts_kept) > FACTS_KEPT:
                _facts_kept.popitem(last=False)
    return found


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
    return ReportFacts(countries=countries, facilities=tuple(sorted(facilities)), places=named_places(text))


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
