"""Who speaks, of what kind and for which country: the speaker phrase, capitals, kinds of source, a
speaker named in another sentence, and words that are not speakers.

Sentences written for these tests (no news text). Each case: a text, a language, and the claims
expected as (status, low, source kind, source words, source country).
"""
import pytest

from headcount.extract import extract_report
from headcount.model import Report


def said(text, language="en"):
    claims = extract_report(Report(id="t", text=text, language=language))
    return [(c.status, c.count.low, c.source.kind, c.source.text, c.source.country) for c in claims]


# --- 1. The country of the source from the speaker phrase, and later short mentions ---

COUNTRY_CASES = [
    ("The Chadian interior minister said 12 villagers were killed.", "en",
     [("killed", 12, "government", "The Chadian interior minister", "TD")]),
    ("Canadian Foreign Minister Jane Roe said two Canadians were freed.", "en",
     [("freed", 2, "government", "Canadian Foreign Minister Jane Roe", "CA")]),
    # a French adjective of nationality is written in lower case and follows its noun
    ("Le ministre tchadien de l'Intérieur a déclaré que 12 soldats avaient été tués.", "fr",
     [("killed", 12, "government", "Le ministre tchadien de l'Intérieur", "TD")]),
    ("Selon le ministère canadien des Affaires étrangères, deux Canadiens ont été libérés.", "fr",
     [("freed", 2, "government", "le ministère canadien des Affaires étrangères", "CA")]),
]


@pytest.mark.parametrize("text,language,expected", COUNTRY_CASES)
def test_the_speaker_phrase_names_the_country(nlp, text, language, expected):
    assert said(text, language) == expected


def test_a_surname_inherits_kind_and_country_of_its_full_mention(nlp):
    text = "Canadian Foreign Minister Jane Roe said two Canadians were freed. Roe said three soldiers were killed."
    assert said(text)[-1] == ("killed", 3, "government", "Roe", "CA")


def test_a_title_inherits_the_named_speaker_it_describes(nlp):
    text = ("Canadian Foreign Minister Jane Roe said two Canadians were freed. "
            "The minister said three soldiers were killed.")
    assert said(text)[-1] == ("killed", 3, "government", "Canadian Foreign Minister Jane Roe", "CA")


def test_a_short_description_inherits_the_national_speaker_it_describes(nlp):
    text = "The Chadian interior minister said 12 villagers were killed. The minister said four soldiers were wounded."
    assert said(text)[-1] == ("injured", 4, "government", "The Chadian interior minister", "TD")


def test_french_a_short_description_inherits_the_national_speaker_it_describes(nlp):
    text = ("Le ministre tchadien de l'Intérieur a déclaré que 12 soldats avaient été tués. "
            "Le ministre a précisé que quatre policiers avaient été blessés.")
    assert said(text, "fr")[-1] == ("injured", 4, "government", "Le ministre tchadien de l'Intérieur", "TD")


# --- 2. A capital or a country speaks for its government ---

CAPITAL_CASES = [
    ("Ottawa announced that two Canadians were freed.", "en", [("freed", 2, "government", "Ottawa", "CA")]),
    ("Canada said two of its citizens were killed.", "en", [("killed", 2, "government", "Canada", "CA")]),
    ("Ottawa a annoncé que deux Canadiens avaient été libérés.", "fr", [("freed", 2, "government", "Ottawa", "CA")]),
]


@pytest.mark.parametrize("text,language,expected", CAPITAL_CASES)
def test_a_capital_or_a_country_speaks_for_its_government(nlp, text, language, expected):
    assert said(text, language) == expected


# --- 3. Kinds: organisation, state media, company, government ---

KIND_CASES = [
    # the UN and its officials are an organisation, not a government
    ("A UN spokesman said 40 people were killed.", "en", "organisation", "A UN spokesman"),
    ("A spokesman for the United Nations said 40 people were killed.", "en",
     "organisation", "A spokesman for the United Nations"),
    ("Un porte-parole de l'ONU a indiqué que 40 civils avaient été tués.", "fr",
     "organisation", "Un porte-parole de l'ONU"),
    # state television and radio, and state-run media
    ("State television said 15 soldiers were killed.", "en", "state_media", "State television"),
    ("State radio said 15 soldiers were killed.", "en", "state_media", "State radio"),
    ("The state-run newspaper said 15 soldiers were killed.", "en", "state_media", "The state-run newspaper"),
    ("La télévision d'État a annoncé que 15 soldats avaient été tués.", "fr", "state_media", "La télévision d'État"),
    # the operator of a plant and a hotel chain are companies
    ("The operator of the plant said 30 workers were freed.", "en", "company", "The operator of the plant"),
    ("The hotel chain said three guests were injured.", "en", "company", "The hotel chain"),
    ("L'exploitant de l'usine a indiqué que 30 employés avaient été libérés.", "fr",
     "company", "L'exploitant de l'usine"),
    # a head of government named by title
    ("The prime minister said 20 hostages were freed.", "en", "government", "The prime minister"),
    ("Le Premier ministre a déclaré que 20 otages avaient été libérés.", "fr", "government", "Le Premier ministre"),
]


@pytest.mark.parametrize("text,language,kind,words", KIND_CASES)
def test_the_kind_of_the_source(nlp, text, language, kind, words):
    got = said(text, language)
    assert len(got) == 1
    assert got[0][2:4] == (kind, words)


# --- 4. The speaker named in another sentence ---

def test_a_pronoun_tag_finds_the_person_named_in_the_sentence_before(nlp):
    text = 'Police Chief Mary Smith visited the site on Sunday. "Eight workers are still missing," she stressed.'
    assert said(text)[-1][:4] == ("missing", 8, "government", "Police Chief Mary Smith")


def test_french_a_pronoun_tag_finds_the_speaker_of_the_sentence_before(nlp):
    text = ("Le gouverneur a déclaré que six gardes avaient été tués. "
            "« Huit employés sont toujours portés disparus », a-t-il souligné.")
    assert said(text, "fr")[-1][:4] == ("missing", 8, "government", "Le gouverneur")


def test_a_quotation_over_two_sentences_with_its_tag_after(nlp):
    text = '"We found the bodies of six guards. Eight workers are still missing," the governor said.'
    assert [c[:4] for c in said(text)] == [("killed", 6, "government", "the governor"),
                                          ("missing", 8, "government", "the governor")]


def test_a_quotation_over_two_sentences_with_its_tag_before(nlp):
    text = 'The governor said: "We found the bodies of six guards. Eight workers are still missing."'
    assert [c[:4] for c in said(text)] == [("killed", 6, "government", "The governor"),
                                          ("missing", 8, "government", "The governor")]


def test_french_a_quotation_over_two_sentences_with_its_tag_after(nlp):
    text = ("« Nous avons retrouvé les corps de six gardes. Huit employés sont toujours portés disparus », "
            "a déclaré le gouverneur.")
    assert [c[:4] for c in said(text, "fr")] == [("killed", 6, "government", "le gouverneur"),
                                                ("missing", 8, "government", "le gouverneur")]


# --- 5. Not a speaker ---

AGENT_CASES = [
    ("Two guards were wounded by the gunmen.", "en"),
    ("Two guards were shot dead by the gunmen.", "en"),
    ("Deux gardes ont été abattus par les assaillants.", "fr"),
]


@pytest.mark.parametrize("text,language", AGENT_CASES)
def test_the_agent_of_violence_is_no_speaker(nlp, text, language):
    got = said(text, language)
    assert len(got) == 1
    assert got[0][2:4] == ("reporter", None)


def test_an_agent_of_the_state_still_speaks_for_its_act(nlp):
    # the annotated sets take the police who shot an attacker as the source of that death
    assert said("One gunman was shot dead by police.")[0][2:4] == ("government", "police")


def test_the_agent_of_violence_leaves_the_speaker_of_the_sentence(nlp):
    got = said("Two guards were wounded by the gunmen, the police said.")
    assert got[0][2:4] == ("government", "the police")


def test_a_relative_pronoun_is_no_speaker(nlp):
    got = said("Residents, who said they had fled, reported that nine people were killed.")
    assert got[0][2:4] == ("witness", "Residents")


def test_a_relative_pronoun_speaks_for_its_noun(nlp):
    got = said("The minister, who visited the site, said nine people were killed.")
    assert got[0][2:4] == ("government", "The minister")


DATELINE_CASES = [
    ("NDJAMENA, March 3 (Reuters) - Twelve villagers were killed in an attack.", "en"),
    ("NDJAMENA, Chad — Twelve villagers were killed in an attack.", "en"),
    ("NDJAMENA, 3 mars (AFP) - Douze villageois ont été tués dans une attaque.", "fr"),
]


@pytest.mark.parametrize("text,language", DATELINE_CASES)
def test_a_dateline_is_no_speaker(nlp, text, language):
    got = said(text, language)
    assert [c[2:4] for c in got] == [("reporter", None)]



RELATIVE_CASES = [
    ("The villagers, who said they had fled, reported that nine people were killed.", ("witness", "The villagers")),
    # a speaker of no known kind leaves the report's voice: "who" is not the World Health Organization
    ("The drivers, who said they had fled, reported that nine people were killed.", ("reporter", None)),
]


@pytest.mark.parametrize("text,expected", RELATIVE_CASES)
def test_a_relative_pronoun_between_commas_is_no_speaker(nlp, text, expected):
    assert said(text)[0][2:4] == expected
