"""Who said it (issue 14): the channel that quotes a speaker, and the lines of a fact box.

Sentences written for these tests (no news text). Each case: a text, and the claims expected as
(status, low, source kind, source words, via).
"""
import pytest

from headcount.extract import extract_report
from headcount.model import Report


def said(text, language="en"):
    claims = extract_report(Report(id="t", text=text, language=language))
    return [(c.status, c.count.low, c.source.kind, c.source.text, c.source.via) for c in claims]


# --- 1. The channel is not the speaker: "X quoted Y as saying", "X said, quoting Y", "X a cité Y qui a dit" ---

QUOTATION_CASES = [
    ("The agency quoted hospital staff as saying that 12 were killed.",
     [("killed", 12, "organisation", "hospital staff", "The agency")]),
    # another reporting verb in the frame, and the speaker is unnamed sources
    ("Local radio cited hospital sources as stating that 14 pilgrims had died.",
     [("killed", 14, "unnamed", "hospital sources", "Local radio")]),
    # passive: the one quoted is the subject, the channel the agent
    ("A local official was quoted by state television as saying nine villagers were wounded.",
     [("injured", 9, "government", "A local official", "state television")]),
    # a quoting participle beside the verb the channel speaks with
    ("Fifteen miners were rescued, the news agency said, quoting a company spokesman.",
     [("freed", 15, "company", "a company spokesman", "the news agency")]),
    ("Nine guards were wounded, the agency said, citing a police spokesman.",
     [("injured", 9, "government", "a police spokesman", "the agency")]),
    # ... or beside the channel named by "according to"
    ("Nine guards were wounded, according to state radio citing a police spokesman.",
     [("injured", 9, "government", "a police spokesman", "state radio")]),
    # the object of the quoting verb speaks through its relative clause
    ("The newspaper cited a military spokesman who said 20 militants were captured.",
     [("captured", 20, "government", "a military spokesman", "The newspaper")]),
    # no quotation: the subject speaks, and a news outlet told is still the channel
    ("The agency said 12 workers were killed.",
     [("killed", 12, "media", "The agency", None)]),
    ("A police officer told AFP that six guards were wounded.",
     [("injured", 6, "government", "A police officer", "AFP")]),
]


@pytest.mark.parametrize("text,expected", QUOTATION_CASES)
def test_the_one_quoted_speaks_through_the_one_who_quotes(nlp, text, expected):
    assert said(text) == expected


def test_the_quoted_officer_speaks_and_state_radio_is_the_channel(nlp):
    got = said("State radio quoted a police officer as saying four soldiers died.")
    assert ("killed", 4, "government", "a police officer", "State radio") in got
    assert all(via == "State radio" for *_, via in got)


FRENCH_QUOTATION_CASES = [
    ("L'agence a cité un responsable qui a déclaré que 12 personnes avaient été tuées.",
     [("killed", 12, "government", "un responsable", "L'agence")]),
    ("Le journal a cité un témoin qui a affirmé que trois Belges étaient morts.",
     [("killed", 3, "witness", "un témoin", "Le journal")]),
    # "citant": the participle beside the channel, after the verb or before it
    ("Huit soldats ont été blessés, a rapporté la radio d'État citant un responsable militaire.",
     [("injured", 8, "government", "un responsable militaire", "la radio d'État")]),
    ("Citant un porte-parole, la télévision publique a indiqué que cinq otages avaient été libérés.",
     [("freed", 5, "government", "un porte-parole", "la télévision publique")]),
    # a quoted word that tells nothing of who speaks leaves the channel the speaker
    ("Huit soldats ont été blessés, a rapporté la radio d'État citant un officier.",
     [("injured", 8, "media", "la radio d'État", None)]),
]


@pytest.mark.parametrize("text,expected", FRENCH_QUOTATION_CASES)
def test_french_the_one_quoted_speaks_through_the_one_who_quotes(nlp, text, expected):
    assert said(text, "fr") == expected


def test_a_relative_clause_speaks_for_its_noun(nlp):
    assert said("An official who spoke to reporters said 12 people were killed.") == \
        [("killed", 12, "government", "An official", None)]


def test_the_quoted_speaker_is_remembered_for_a_later_pronoun(nlp):
    text = "State radio quoted a police spokesman as saying the road was closed. He said 30 pilgrims died."
    assert said(text)[-1] == ("killed", 30, "government", "a police spokesman", "State radio")


# --- 2. Fact-box lines speak for themselves ---

BOX = ("Blast at the border post kills 30\n\n"
       "Officials gave this breakdown of the victims:\n"
       "— 12 police officers killed, according to the ministry.\n"
       "- CANADA: two citizens killed, the foreign ministry says.\n"
       "• 3 Dutch nationals injured (Dutch foreign ministry)\n"
       "- FRANCE: four French citizens killed.\n")


def test_each_fact_box_line_is_a_sentence_and_its_marker_is_not_one(nlp):
    sents = [s.text.strip() for s in nlp(BOX).sents]
    assert sents[-4:] == ["— 12 police officers killed, according to the ministry.",
                          "- CANADA: two citizens killed, the foreign ministry says.",
                          "• 3 Dutch nationals injured (Dutch foreign ministry)",
                          "- FRANCE: four French citizens killed."]


def test_a_fact_box_line_names_its_own_source_or_none(nlp):
    got = [(s, n, kind, words) for s, n, kind, words, _ in said(BOX)]
    assert got[-4:] == [("killed", 12, "government", "the ministry"),
                        ("killed", 2, "government", "the foreign ministry"),
                        ("injured", 3, "government", "Dutch foreign ministry"),
                        ("killed", 4, "reporter", None)]


def test_a_fact_box_line_inherits_no_speaker(nlp):
    text = ("The interior minister said 30 people were killed.\n"
            "- Two Britons were injured, he said.\n"
            '- The minister added: "Three Danes are missing."\n'
            "- Four Swedes were freed, the source said.")
    got = said(text)
    # "he" and "the source" find no speaker of the paragraph before or of an earlier line
    assert got[1] == ("injured", 2, "reporter", None, None)
    assert got[2][:3] == ("missing", 3, "government")
    assert got[3] == ("freed", 4, "unnamed", "the source", None)


def test_a_quotation_does_not_run_into_a_fact_box(nlp):
    text = '"Ten guards died.\n- Two Britons were hurt," the minister said.'
    got = said(text)
    assert got[0] == ("killed", 10, "reporter", None, None)
    assert got[1][:3] == ("injured", 2, "government")


def test_prose_after_the_box_still_knows_its_speakers(nlp):
    text = ("The interior minister said 30 people were killed.\n"
            "- Two Britons were injured.\n"
            "He said 5 Danes were missing.")
    got = said(text)
    assert got[1] == ("injured", 2, "reporter", None, None)
    assert got[2][2:4] == ("government", "The interior minister")


def test_french_fact_box_lines(nlp):
    text = ("Le ministère a annoncé 20 morts.\n"
            "- Belgique : deux ressortissants tués, selon le ministère des Affaires étrangères.\n"
            "- Trois Suisses blessés.\n"
            "• Deux Canadiens disparus (ambassade du Canada)")
    got = [(s, n, kind, words) for s, n, kind, words, _ in said(text, "fr")]
    assert got == [("killed", 20, "government", "Le ministère"),
                   ("killed", 2, "government", "le ministère des Affaires étrangères"),
                   ("injured", 3, "reporter", None),
                   ("missing", 2, "government", "ambassade du Canada")]


def test_a_bracket_tag_outside_a_fact_box_is_no_source(nlp):
    assert said("Three Dutch nationals were injured (Dutch foreign ministry).")[0][2] == "reporter"
