"""The word lists of extraction, loaded once from ``patterns/``, and number words.

Everything that is language knowledge lives in the data files next to this
module; this module only reads them and answers small questions about words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pycountry

PATTERNS = Path(__file__).parent / "patterns"


_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def number_value(word: str, lex: Lexicon | None = None) -> int | None:
    """The value of one token that is a number: "600", "2,500", "three", "twenty-five", "dozen"; with a
    lexicon of another language, its number words ("trois", "vingt-cinq", "dizaine").

    RETURNS (int | None): the value, or None when the word is not a number of this kind.
    """
    lex = lex or load()
    w = word.lower().strip()
    if _DIGITS.match(w) or (lex.language == "fr" and re.match(r"^\d{1,3}( \d{3})+$|^\d{1,3}(\.\d{3})+$", w)):
        return int(re.sub(r"[ ,.]", "", w))
    if lex.language != "en":
        return _words_number(w, lex)
    counts = lex.counts
    for table in (counts["number_words"], counts["tens"], counts["approximate_groupings"], counts["collective"]):
        if w in table:
            return table[w]
    if "-" in w:  # "twenty-five"
        a, _, b = w.partition("-")
        units, tens = counts["number_words"], counts["tens"]
        if a in tens and b in units and 0 < units[b] < 10:
            return tens[a] + units[b]
    return None


def _words_number(w: str, lex: Lexicon) -> int | None:
    """One number word of the lexicon's language: "trois", "vingt-cinq", "soixante-dix-huit", "dizaine"."""
    numbers = lex.counts["number_words"]
    if w in numbers:
        return numbers[w]
    if w in lex.counts["approximate_groupings"]:
        return lex.counts["approximate_groupings"][w]
    for joiner in lex.counts["number_joiners"]:  # "vingt-et-un"
        w = w.replace(f"-{joiner}-", "-")
    parts = w.split("-")
    for k in range(len(parts) - 1, 0, -1):  # "soixante-dix-huit": the longest known tens, then units
        tens, units = "-".join(parts[:k]), "-".join(parts[k:])
        if tens in lex.counts["tens"] and units in numbers and numbers[units] < 20:
            return lex.counts["tens"][tens] + numbers[units]
    return None


def words_value(words: list[str], lex: Lexicon | None = None) -> int | None:
    """The value of a run of number words: "two hundred", "three dozen", "1,300", "a dozen"."""
    lex = lex or load()
    if lex.language != "en":
        return _words_value_other(words, lex)
    counts = lex.counts
    scales, groupings = counts["scales"], counts["approximate_groupings"]
    total, current, seen = 0, 0, False
    for w in (x.lower() for x in words):
        if w in counts["one_articles"] and not seen:
            current, seen = 1, True
            continue
        if w in counts["number_joiners"] and seen:
            continue
        if w in scales or w in groupings:
            factor = scales.get(w) or groupings[w]
            current = (current or 1) * factor
            if factor >= 1000:
                total, current = total + current, 0
            seen = True
            continue
        v = number_value(w, lex)
        if v is None:
            return None
        current += v
        seen = True
    return total + current if seen else None


def _words_value_other(words: list[str], lex: Lexicon) -> int | None:
    """A run of number words in another language: "deux cents", "trois mille", "une dizaine"."""
    counts = lex.counts
    total, current, seen = 0, 0, False
    for w in (x.lower() for x in words):
        if w in counts["one_articles"] and not seen:
            current, seen = 1, True
            continue
        if w in counts["scales"] and seen:
            current = (current or 1) * counts["scales"][w]
            continue
        if w in lex.counts["approximate_groupings"] and seen:
            current = current * lex.counts["approximate_groupings"][w]
            continue
        v = number_value(w, lex)
        if v is None:
            return None
        current += v
        seen = True
    return total + current if seen else None


def _pattern_file(name: str, language: str) -> Path:
    """The language's own file of that name, else the English one."""
    own = PATTERNS / language / name
    return own if language != "en" and own.exists() else PATTERNS / name


def _load_json(name: str, as_sets: bool = False, language: str = "en") -> dict:
    """A lexicon file; with ``as_sets`` its word lists become frozensets, for fast membership tests."""
    with open(_pattern_file(name, language), encoding="utf-8") as f:
        data = {k: v for k, v in json.load(f).items() if not k.startswith("_")}
    if not as_sets:
        return data

    def freeze(v):
        if isinstance(v, dict):
            return {k: freeze(x) for k, x in v.items()}
        return frozenset(v) if isinstance(v, list) else v

    return freeze(data)


def _read_tsv(name: str, language: str = "en") -> list[tuple[str, list[str]]]:
    rows = []
    with open(_pattern_file(name, language), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, _, names = line.rstrip("\n").partition("\t")
            rows.append((code, [n.strip() for n in names.split(",") if n.strip()]))
    return rows


@dataclass(frozen=True)
class Lexicon:
    statuses: dict
    groups: dict
    sources: dict
    counts: dict
    cues: dict
    demonyms: dict[str, str]     # lower-cased demonym -> ISO alpha-2
    places: dict[str, str]       # lower-cased country name, capital or institution -> ISO alpha-2
    vague_phrases: tuple[str, ...]  # counts["vague_words"], longest first, so "a number of" wins over "a"
    cities: dict[str, str] = field(default_factory=dict)  # lower-cased large city or region -> ISO alpha-2
    language: str = "en"

    @cached_property
    def vague_by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The vague phrases as word tuples, by their first word, in the same longest-first order: the
        count finder looks up a token's candidates instead of trying every phrase at every token."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.vague_phrases:
            words = tuple(phrase.split())
            index.setdefault(words[0], []).append(words)
        return {first: tuple(found) for first, found in index.items()}

    def status_of_participle(self, word: str) -> str | None:
        """The status of a past participle the tagger took for a noun ("126 freed" in a headline)."""
        word = word.lower()
        if not word.endswith("ed"):
            return None
        for form in (word, word[:-1], word[:-2]):
            if (status := self.status_of_lemma(form, "VERB")) is not None:
                return status
        return None

    def status_of_lemma(self, lemma: str, pos: str) -> str | None:
        """The status a verb/adjective/noun lemma puts people in, if any."""
        slot = {"VERB": "verbs", "AUX": "verbs", "ADJ": "adjectives", "NOUN": "nouns", "PROPN": "nouns"}.get(pos)
        if slot is None:
            return None
        found = self._status_index.get((slot, lemma))
        if found is None and pos == "VERB":  # participles tagged VERB often stand as adjectives: "dead"
            found = self._status_index.get(("adjectives", lemma))
        return found

    @cached_property
    def _status_index(self) -> dict[tuple[str, str], str]:
        """(slot, lemma) -> status, the first status of the file that lists the lemma in that slot."""
        index: dict[tuple[str, str], str] = {}
        for status, words in self.statuses.items():
            if isinstance(words, dict):
                for slot, lemmas in words.items():
                    for lemma in lemmas:
                        index.setdefault((slot, lemma), status)
        return index

    def status_of_group_noun(self, lemma: str) -> str | None:
        """The status a group noun itself implies: "30 deaths", "24 bodies", "survivors"."""
        for status, words in self.statuses.items():
            if isinstance(words, dict) and lemma in words.get("group_nouns", ()):
                return status
        return None

    def role_of(self, lemma: str) -> str | None:
        for role in ("attacker", "security", "hostage", "civilian", "unspecified"):
            if lemma in self.groups[role]:
                return role
        return None

    def nationality(self, text: str) -> str | None:
        """ISO alpha-2 of a demonym ("Britons", "Kenyan")."""
        return self.demonyms.get(text.lower())

    def country(self, text: str) -> str | None:
        """ISO alpha-2 of a country name, capital or national institution ("Tokyo", "Japan")."""
        t = text.lower().strip().replace("' ", "'").replace("’ ", "'").replace("’", "'")  # "Quai d' Orsay"
        for article in self.cues["place_articles"]:
            if t.startswith(article + " "):
                t = t[len(article) + 1:]
                break
        return self.places.get(t)

    def source_kind(self, words: str) -> str | None:
        """The source kind whose cues occur in these lower-cased words, in the lexicon's order."""
        padded = f" {words} "
        for kind in self.sources["order"]:  # the order decides: "state news agency" before "agency"
            for cue in self.sources[kind]:
                if f" {cue} " in padded:
                    return kind
        return None


def _places(language: str = "en") -> dict[str, str]:
    places: dict[str, str] = {}
    translate = _country_names(language)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                places.setdefault(name.lower(), country.alpha_2)
                places.setdefault(translate(name).lower(), country.alpha_2)
    for code, names in _read_tsv("places.tsv"):
        for name in names:
            places[name.lower()] = code
    return places


def _country_names(language: str):
    """Country names in the language (pycountry's translations), as a function of the English name."""
    if language == "en":
        return lambda name: name
    import gettext
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
    except OSError:
        return lambda name: name


@cache
def function_words(language: str) -> frozenset[str]:
    """The language's frequent words that other languages rarely use (cues.json's function_words), for
    telling which language a text is in, read without the rest of the lexicon."""
    return _load_json("cues.json", as_sets=True, language=language)["function_words"]


@cache
def load(language: str = "en") -> Lexicon:
    """RETURNS (Lexicon): the lexicon of a language ("en", "fr"), read from ``patterns/`` (and
    ``patterns/<language>/``, whose files replace the English ones) once per process."""
    demonyms = {name.lower(): code for code, names in _read_tsv("demonyms.tsv", language) for name in names}
    counts = _load_json("counts.json", language=language)
    vague = tuple(sorted(counts["vague_words"], key=lambda p: -len(p.split())))
    return Lexicon(
        # word lists tested for membership are sets; phrase lists scanned in order stay lists
        statuses=_load_json("statuses.json", as_sets=True, language=language),
        groups=_load_json("groups.json", as_sets=True, language=language),
        sources=_load_json("sources.json", language=language), counts=counts, vague_phrases=vague,
        cues=_load_json("cues.json", as_sets=True, language=language), demonyms=demonyms, places=_places(language),
        cities={name.lower(): code for code, names in _read_tsv("cities.tsv") for name in names},
        language=language,
    )
