"""The events of a report (extract/events.py, issue 17), on sentences written for these tests: invented
names and places, English and French. One test per mechanism."""
import pytest

from headcount.extract import events, load_pipeline, read_report
from headcount.model import Event, Report


def parsed(text, language="en"):
    return load_pipeline(language)(text)


def roles_by_rule(text, language="en"):
    """Each phrase's bare cut and the role the rule gives it."""
    doc = parsed(text, language)
    words = events.load_words(language)
    acts = events.find_acts(doc, words)
    found = {}
    for c in events.candidates(doc, acts, words):
        if c.rule is not None:
            found[doc[c.start:c.end].text] = c.rule
    return found


@pytest.mark.parametrize("text, language, kinds", [
    ("Rebels kidnapped two engineers near Valdora on Monday.", "en", ["kidnapping"]),
    ("A bomb exploded outside the Karsten bank.", "en", ["bombing", "bombing"]),
    ("Des assaillants ont enlevé deux ingénieurs près de Valdora.", "fr", ["kidnapping"]),
])
def test_events_acts_by_their_words(text, language, kinds):
    doc = parsed(text, language)
    words = events.load_words(language)
    assert [words.kinds[t.lemma_.lower()] for t in events.find_acts(doc, words)] == kinds


def test_events_kinds_are_scored_as_muc_types():
    words = events.load_words("en")
    assert words.muc["shooting"] == "ATTACK" and words.muc["hostage-taking"] == "KIDNAPPING"


@pytest.mark.parametrize("text, language, expected", [
    # the doer of an act, and "by": perpetrators; an organisation by its head word
    ("Guerrillas of the Tormenta Liberation Front killed three peasants.", "en",
     {"Guerrillas": "perp_individuals", "peasants": "victims"}),
    ("The bridge was destroyed by the Tormenta Liberation Front.", "en",
     {"bridge": "physical_targets", "Tormenta Liberation Front": "perp_organizations"}),
    # "with": a weapon
    ("Unidentified men attacked the mayor with grenades.", "en",
     {"Unidentified men": "perp_individuals", "mayor": "victims", "grenades": "weapons"}),
    ("Des assaillants ont attaqué le bus avec des grenades.", "fr",
     {"assaillants": "perp_individuals", "bus": "physical_targets", "grenades": "weapons"}),
])
def test_events_rule_roles_by_relation_to_the_act(text, language, expected):
    found = roles_by_rule(text, language)
    for phrase, role in expected.items():
        assert found.get(phrase) == role, (phrase, found)


def test_events_phrase_cuts_drop_determiners_and_numbers():
    doc = parsed("About 50 peasants were kidnapped by the Salvadoran army.")
    sent = next(doc.sents)
    cuts = {doc[s:e].text for ph in events._phrases(sent) for s, e, _ in ph.cuts}
    assert {"About 50 peasants", "peasants", "Salvadoran army", "army"} <= cuts


def test_events_phrase_cuts_keep_a_noun_modifier():
    doc = parsed("Dynamite sticks were hurled at the police station.")
    cuts = {doc[s:e].text for ph in events._phrases(next(doc.sents)) for s, e, how in ph.cuts if how == "mod"}
    assert "Dynamite" in cuts


@pytest.mark.parametrize("text, place, date", [
    ("SAN TELMO, 3 JAN 90 -- [TEXT] GUNMEN KIDNAPPED A JUDGE.", "SAN TELMO", "3 JAN 90"),
    ("Porto Velho, 12 March 2015 -- Gunmen kidnapped a judge.", "Porto Velho", "12 March 2015"),
])
def test_events_dateline_gives_place_and_date(text, place, date):
    p, d = events.dateline(parsed(text), events.load_words("en"))
    assert (p.text, d.text) == (place, date)


def test_events_without_a_model_the_rules_give_type_and_fillers():
    doc = parsed("Des assaillants ont enlevé deux ingénieurs près de Valdora avec des fusils.", "fr")
    found = events.find_events(doc, events.load_words("fr"), None)
    assert [e.muc_type for e in found] == ["KIDNAPPING"]
    assert [f.text for f in found[0].roles["perp_individuals"]] == ["assaillants"]
    assert [f.text for f in found[0].roles["weapons"]] == ["fusils"]


def test_events_a_report_of_no_act_has_no_event():
    reading = read_report(Report(id="t", text="The council approved the budget for the new library on Tuesday."),
                          events=True)
    assert reading.events == []


def test_events_read_with_the_report_in_its_words():
    text = "SAN TELMO, 3 JAN 90 -- URBAN GUERRILLAS DYNAMITED THE TELEPHONE EXCHANGE IN SAN TELMO."
    reading = read_report(Report(id="t", text=text), events=True)
    assert reading.events
    for e in reading.events:
        assert isinstance(e, Event)
        for what, start, end in e.spans:
            assert text[start:end].strip()
        for role in ("perp_individuals", "physical_targets", "victims", "weapons"):
            assert all(x in text for x in getattr(e, role))
    assert set(events.ROLES) <= set(reading.events[0].to_dict())


def test_events_are_read_only_when_asked_for():
    """Claims and people do not pay for the events component (extraction's time budget, issue 15)."""
    report = Report(id="t", text="Gunmen attacked the Orvel bank with rifles; police said 3 guards were killed.")
    plain, asked = read_report(report), read_report(report, events=True)
    assert plain.events == [] and asked.events
    assert plain.claims == asked.claims and plain.people == asked.people


def test_events_model_is_deterministic_and_from_muc4_dev():
    model = events.load_model("en")
    assert model is not None and model.meta["trained_on"] == "muc4/dev"
    assert events.load_model("fr") is None
