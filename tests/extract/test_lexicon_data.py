"""The lexicon's data files: every key is read by the code, every comment key names a key, each language's
file has the keys the code reads; and the mechanisms whose words are data, each on sentences written for
these tests (no news text)."""
import json
import re
from pathlib import Path

import pytest

from headcount.extract import extract_report
from headcount.extract.facts import report_facts
from headcount.extract.lexicon import PATTERNS, load, number_value, words_value
from headcount.model import Report

CODE = "\n".join(p.read_text(encoding="utf-8") for p in (PATTERNS.parent).glob("*.py"))
FILES = sorted(PATTERNS.rglob("*.json"))


def _keys(path: Path) -> list[str]:
    return [k for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("_")]


def _read_by_iteration(path: Path) -> set[str]:
    """Keys the code reads by walking the file, not by name: the kinds of sources.json (its ``order``), the
    statuses of statuses.json (each a table of slots)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if path.name == "sources.json":
        return set(data["order"])
    if path.name == "statuses.json":
        return {k for k, v in data.items() if isinstance(v, dict) and "verbs" in v}
    return set()


def _named_in_code(key: str) -> bool:
    return re.search(rf"[\"']{re.escape(key)}[\"']", CODE) is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PATTERNS)))
def test_every_key_of_a_pattern_file_is_read(path):
    unread = [k for k in _keys(path) if k not in _read_by_iteration(path) and not _named_in_code(k)]
    assert unread == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PATTERNS)))
def test_every_comment_key_names_a_key(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    comments = [k for k in data if k.startswith("_") and k not in ("_doc", "_comment")]
    assert [k for k in comments if k[1:] not in data] == []


@pytest.mark.parametrize("path", sorted((PATTERNS / "fr").glob("*.json")), ids=lambda p: p.name)
def test_each_language_has_the_keys_the_code_reads(path):
    """The code reads a key in whichever language it extracts: the French file has every key of the
    English one (an empty list where French has no such words yet) and no other."""
    assert set(_keys(path)) == set(_keys(PATTERNS / path.name))


def test_the_lexicon_files_hold_no_word_twice_in_a_list():
    for path in FILES:
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(value, list):
                assert len(value) == len(set(value)), (path.name, key)


# --- Number words (counts.json: number_words, tens, scales, approximate_groupings, collective, ordinals,
# one_articles, number_joiners) ---

@pytest.mark.parametrize("word, value", [("seventeen", 17), ("forty", 40), ("twenty-five", 25), ("dozen", 12),
                                         ("both", 2), ("2,500", 2500), ("fifth", None), ("twenty-ten", None)])
def test_english_number_words(word, value):
    assert number_value(word) == value


@pytest.mark.parametrize("words, value", [(["two", "hundred", "and", "fifty"], 250), (["a", "dozen"], 12),
                                          (["three", "dozen"], 36), (["an", "hundred"], 100),
                                          (["two", "thousand", "three", "hundred"], 2300), (["and", "two"], None)])
def test_english_number_runs(words, value):
    assert words_value(words) == value


def test_french_number_words_joined_inside_a_compound():
    fr = load("fr")
    assert number_value("vingt-et-un", fr) == 21 and words_value(["trois", "mille"], fr) == 3000
    assert words_value(["un", "cent"], fr) == 100 and number_value("and", fr) is None


def claims(text, language="en"):
    found = extract_report(Report(id="t", text=text, language=language))
    return [(c.status, c.count.low, c.count.high, c.count.qualifier, c.count.text, c.group.role) for c in found]


def counts(text, language="en"):
    return [(c[1], c[2], c[3]) for c in claims(text, language)]


COUNT_CASES = [
    # a grouping noun counts, with its article, and the count is approximate
    ("A dozen guards were freed on Sunday.", [(12, 12, "about")]),
    # a scale joined by "and"
    ("Two hundred and fifty workers were evacuated from the camp.", [(250, 250, "exact")]),
    # an ordinal after "a" counts up to its rank
    ("A fourth Briton has died in hospital.", [(4, 4, "exact")]),
    # ranges: a connector between two numbers; "and" only after "between"
    ("Three or four drivers were wounded in the ambush.", [(3, 4, "range")]),
    ("Between 20 and 30 tourists were killed at the beach.", [(20, 30, "range")]),
    # a lower bound written after the number
    ("Officials said 40 or more villagers were abducted.", [(40, None, "at_least")]),
    # "up to" is a cap before people, a verb's particle after a verb
    ("Up to 16 miners were trapped underground.", [(None, 16, "at_most")]),
]


@pytest.mark.parametrize("text, expected", COUNT_CASES)
def test_count_words(text, expected):
    assert counts(text) == expected


def test_the_count_text_takes_in_the_article_of_a_grouping():
    assert [c[4] for c in claims("A dozen guards were freed on Sunday.")] == ["A dozen"]


NOT_A_COUNT_CASES = [
    # a reference, money, an age, a share, a time: not counts of people (not_count_* and age_words)
    "The page 12 photo shows freed hostages leaving the plant.",
    "The kidnappers demanded $12 for each of the freed hostages.",
    "A man aged 12 was freed by the police.",
    "Police said 12% of the freed hostages needed care.",
    "At 12 pm the freed hostages reached the town.",
    "A 12-year-old boy was freed by the police.",
    "Freed after 12 years, the hostages flew home.",
]


@pytest.mark.parametrize("text", NOT_A_COUNT_CASES)
def test_numbers_that_are_not_counts(text):
    assert all(low != 12 for low, _, _ in counts(text))


def test_a_possessive_counts_one_person_only_before_a_compatriot_word():
    assert counts("Her son was killed in the attack.") == []
    assert counts("The Japanese ministry said their compatriot was killed.") == [(1, 1, "exact")]


def test_the_before_a_people_noun_counts_no_one():
    assert counts("The Kenyan was killed in the attack.") == []


# --- Groups (groups.json: security_by_modifier, hostage_when_foreign, besides_nouns, reference_nouns,
# weak_foreign_modifiers, modified_foreign_words; cues.json: possessive_clitics, copula_lemmas) ---

def groups(text, language="en"):
    found = extract_report(Report(id="t", text=text, language=language))
    return [(c.count.low, c.group.role, c.group.nationality, c.group.foreign) for c in found]


GROUP_CASES = [
    # a security modifier makes these nouns security forces
    ("Two security personnel were killed at the gate.", [(2, "security", None, None)]),
    # in a hostage story, foreign workers are hostages; outside one, civilians
    ("Gunmen took hostages at the plant. Five Japanese workers were freed.",
     [(5, "hostage", "JP", None)]),
    ("Five Japanese workers were killed in the crash.", [(5, "civilian", "JP", None)]),
    # "others" after a side's count are of that side
    ("Three rebels died and five others were wounded.",
     [(3, "attacker", None, None), (5, "attacker", None, None)]),
    # "other" is no foreign modifier on its own; "foreign" is
    ("Four other workers were wounded.", [(4, "civilian", None, None)]),
    ("Four foreign workers were wounded.", [(4, "civilian", None, True)]),
    # "nationals" is foreign only with a foreign modifier
    ("Six foreign nationals were wounded.", [(6, "civilian", None, True)]),
    ("Six nationals were wounded.", [(6, "civilian", None, None)]),
    # a nationality said by a copula
    ("Twelve hostages were killed and 17 of them were British.",
     [(12, "hostage", None, None), (17, "hostage", "GB", None)]),
]


@pytest.mark.parametrize("text, expected", GROUP_CASES)
def test_group_words(text, expected):
    assert groups(text) == expected


# --- Sources (cues.json: via_prepositions, not_speech_verbs, speech_only_governing, telling_verbs,
# listener_prepositions, anaphoric_sources, possessive_clitics, place_articles, subject_clitics) ---

def sources(text, language="en"):
    found = extract_report(Report(id="t", text=text, language=language))
    return [(c.count.low, c.source.kind, c.source.text, c.source.country, c.source.via) for c in found]


SOURCE_CASES = [
    ("The army through its spokesman said 4 soldiers were killed.",
     [(4, "government", "The army", None, "its spokesman")]),
    ("The minister told AFP that 12 workers were freed.",
     [(12, "government", "The minister", None, "AFP")]),
    ("The ministry said to Reuters that 12 hostages were freed.",
     [(12, "government", "The ministry", None, "Reuters")]),
    ("Burkina Faso mourns 29 victims of the attack.", [(29, "reporter", None, None, None)]),
    ("Britain's Foreign Office said 3 Britons were killed.",
     [(3, "government", "Britain's Foreign Office", "GB", None)]),
    ("Police chief Ana Ruiz said the gunmen had fled. The source added that 5 guards were wounded.",
     [(5, "government", "Police chief Ana Ruiz", None, None)]),
]


@pytest.mark.parametrize("text, expected", SOURCE_CASES)
def test_source_words(text, expected):
    assert sources(text) == expected


def test_a_reporting_verb_that_speaks_only_for_what_it_governs():
    # "believe" elsewhere in the sentence speaks for nothing but its own clause
    assert [s[1] for s in sources("Five guards were killed, and the police believe the gunmen fled.")] == ["reporter"]


def test_a_french_subject_clitic_after_the_verb_is_the_speaker_named_before():
    text = "Le ministère a annoncé la fin de l'assaut. Trois otages ont été tués, a-t-il précisé à l'AFP."
    assert [(s[0], s[1], s[2]) for s in sources(text, "fr")] == [(3, "government", "Le ministère")]


def test_a_country_name_is_looked_up_without_its_article():
    assert load().country("the Netherlands") == "NL" and load().country("Netherlands") == "NL"


# --- Statuses (statuses.json: toll_nouns, fate_negators, reporting_verbs_carrying_status,
# governing_status_nouns, take_verbs; cues.json: hedging_reporting_verbs) ---

def statuses(text):
    found = extract_report(Report(id="t", text=text))
    return [(c.status, c.count.low, c.modality) for c in found]


STATUS_CASES = [
    ("The death toll rose to 19 on Friday.", [("killed", 19, "asserted")]),
    ("There was no news of four employees.", [("missing", 4, "denied")]),  # "no" also negates
    ("Four Britons were confirmed among the dead.", [("killed", 4, "asserted")]),
    ("The release of 12 hostages came after talks.", [("freed", 12, "asserted")]),
    ("Gunmen took 12 workers hostage.", [("taken", 12, "asserted")]),
    ("Gunmen took 12 workers to the border.", []),
    ("Officials fear 30 miners were killed.", [("killed", 30, "uncertain")]),
]


@pytest.mark.parametrize("text, expected", STATUS_CASES)
def test_status_words(text, expected):
    assert statuses(text) == expected


# --- Facts (facilities.json: place_articles, site_modifiers) ---

def test_a_place_after_an_article_and_a_site_with_a_modifier():
    facts = report_facts("Gunmen stormed the Westgate shopping mall in the Netherlands.")
    assert facts.facilities == ("westgate mall",) and facts.countries == (("NL", 1),)


HOSTAGE_STORY_CASES = [
    # "took place" takes nobody: people named by nationality alone keep no role
    ("The shooting took place near the beach. Four Germans were killed.", [(4, "unspecified", "DE", None)]),
    ("Gunmen took forty people hostage. Four Germans were freed.", [(40, "unspecified", None, None),
                                                                    (4, "hostage", "DE", None)]),
]


@pytest.mark.parametrize("text,expected", HOSTAGE_STORY_CASES, ids=[c[0][:40] for c in HOSTAGE_STORY_CASES])
def test_a_hostage_story_is_told_by_a_word_that_takes_someone(text, expected):
    assert groups(text) == expected
