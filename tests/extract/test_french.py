"""French extraction on sentences written for these tests, and telling the language of a report."""
import pytest

from headcount.extract import extract_report
from headcount.extract.language import detect, language_of
from headcount.extract.lexicon import load, number_value, words_value
from headcount.model import Report


def brief(c):
    g, n, s = c.group, c.count, c.source
    return (c.status, n.low, n.high, n.qualifier, g.nationality, g.foreign, g.side, s.kind, s.country, c.modality)


CASES = [
    # an inverted speech tag after the claim: "a annoncé le ministère"
    ("Au moins 30 otages étrangers ont été libérés, a annoncé le ministère de l'Intérieur.",
     [("freed", 30, None, "at_least", None, True, "other", "government", None, "asserted")]),
    # "selon" names the source; a demonym stands for its people
    ("Selon l'agence APS, 14 Japonais sont toujours portés disparus.",
     [("missing", 14, 14, "exact", "JP", None, "other", "state_media", None, "asserted")]),
    ("Trois soldats ont été tués et deux assaillants ont été abattus, a indiqué l'armée.",
     [("killed", 3, 3, "exact", None, None, "security", "government", None, "asserted"),
      ("killed", 2, 2, "exact", None, None, "attacker", "government", None, "asserted")]),
    ("Le bilan s'élève à 22 morts, selon les autorités.",
     [("killed", 22, 22, "exact", None, None, "other", "government", None, "asserted")]),
    # "une dizaine" is about ten; the adjective of nationality follows the noun
    ("Une dizaine de touristes français ont été blessés.",
     [("injured", 10, 10, "about", "FR", None, "other", "reporter", None, "asserted")]),
    ("Les ravisseurs affirment détenir 41 otages.",
     [("held", 41, 41, "exact", None, None, "other", "perpetrator", None, "asserted")]),
    ("Quatre Britanniques figurent parmi les victimes, a confirmé le Foreign Office.",
     [("killed", 4, 4, "exact", "GB", None, "other", "government", "GB", "asserted")]),
    # the conditional reports what is not confirmed
    ("Plusieurs policiers auraient été tués lors de l'assaut.",
     [("killed", None, None, "vague", None, None, "security", "reporter", None, "uncertain")]),
    # "dont" lists a part, with the status of the whole
    ("« Nous avons dénombré 19 morts, dont deux policiers », a-t-il déclaré.",
     [("killed", 19, 19, "exact", None, None, "other", "reporter", None, "asserted"),
      ("killed", 2, 2, "exact", None, None, "security", "reporter", None, "asserted")]),
    ("Selon un nouveau bilan, 21 personnes, dont 14 étrangers, ont péri.",
     [("killed", 21, 21, "exact", None, None, "other", "reporter", None, "asserted"),
      ("killed", 14, 14, "exact", None, True, "other", "reporter", None, "asserted")]),
    ("Deux ressortissants français figurent parmi les victimes, a indiqué le Quai d'Orsay.",
     [("killed", 2, 2, "exact", "FR", None, "other", "government", "FR", "asserted")]),
    ("Une source sécuritaire a indiqué à l'AFP que 80 otages avaient pu être libérés.",
     [("freed", 80, 80, "exact", None, None, "other", "unnamed", None, "asserted")]),
    ("Le sort de quatre employés de l'entreprise reste inconnu.",
     [("missing", 4, 4, "exact", None, None, "other", "reporter", None, "asserted")]),
    ("De source hospitalière, on dénombre une cinquantaine de blessés.",
     [("injured", 50, 50, "about", None, None, "other", "unnamed", None, "asserted")]),
    # a noun of state says the status of its own count
    ("Le ministre de l'Intérieur a fait état de 12 morts et de 45 blessés.",
     [("killed", 12, 12, "exact", None, None, "other", "government", None, "asserted"),
      ("injured", 45, 45, "exact", None, None, "other", "government", None, "asserted")]),
    # each government speaks for its own nationals
    ("Un Belge et deux Canadiens sont morts, selon leurs gouvernements respectifs.",
     [("killed", 1, 1, "exact", "BE", None, "other", "government", "BE", "asserted"),
      ("killed", 2, 2, "exact", "CA", None, "other", "government", "CA", "asserted")]),
    ("Parmi les victimes figurent trois Chinois, six Russes et un Américain.",
     [("killed", 3, 3, "exact", "CN", None, "other", "reporter", None, "asserted"),
      ("killed", 6, 6, "exact", "RU", None, "other", "reporter", None, "asserted"),
      ("killed", 1, 1, "exact", "US", None, "other", "reporter", None, "asserted")]),
    ("Trois ressortissants sénégalais sont toujours portés disparus, selon Dakar.",
     [("missing", 3, 3, "exact", "SN", None, "other", "government", "SN", "asserted")]),
    ("L'attaque a fait 22 morts et une trentaine de blessés, selon un bilan du gouvernement.",
     [("killed", 22, 22, "exact", None, None, "other", "government", None, "asserted"),
      ("injured", 30, 30, "about", None, None, "other", "government", None, "asserted")]),
    # "prendre en otage" is taking hostages; a group that claims the attack speaks as its perpetrator
    ("Les terroristes ont pris en otage 170 clients et employés.",
     [("taken", 170, 170, "exact", None, None, "other", "reporter", None, "asserted")]),
    ("Le groupe a revendiqué la prise d'otages et affirmé détenir encore 30 personnes.",
     [("held", 30, 30, "exact", None, None, "other", "perpetrator", None, "asserted")]),
    ("Les ravisseurs retiennent encore une quarantaine d'otages, dont sept Occidentaux.",
     [("held", 40, 40, "about", None, None, "other", "reporter", None, "asserted"),
      ("held", 7, 7, "exact", None, True, "other", "reporter", None, "asserted")]),
]


def test_a_speech_tag_to_a_news_agency_is_the_channel():
    text = "Une source sécuritaire a indiqué à l'AFP que 80 otages avaient pu être libérés."
    (claim,) = extract_report(Report(id="fr", text=text, language="fr"))
    assert (claim.source.text, claim.source.via) == ("Une source sécuritaire", "l'AFP")


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_french_sentence_claims(text, expected):
    assert [brief(c) for c in extract_report(Report(id="fr", text=text, language="fr"))] == expected


@pytest.mark.parametrize("word,value", [("trois", 3), ("vingt-cinq", 25), ("soixante-dix-huit", 78),
                                         ("quatre-vingt-dix", 90), ("dizaine", 10), ("cent", 100)])
def test_french_number_words(word, value):
    assert number_value(word, load("fr")) == value


def test_french_number_runs():
    fr = load("fr")
    assert words_value(["deux", "cents"], fr) == 200 and words_value(["une", "dizaine"], fr) == 10
    assert number_value("cent") is None  # in English text "per cent" is no number


def test_language_is_the_reports_unless_its_text_plainly_is_french():
    french = "Les otages ont été libérés dans la nuit, selon le ministère, qui a confirmé que des étrangers sont parmi eux."
    english = "The hostages were freed overnight, the ministry said, and it confirmed that foreigners were among them."
    assert detect(french) == "fr" and detect(english) == "en" and detect("Tokyo.") is None
    assert language_of(Report(id="a", text=french)) == "fr"            # a .txt file says "en" by default
    assert language_of(Report(id="b", text=english, language="fr")) == "fr"  # what the report says wins
    assert language_of(Report(id="c", text=english)) == "en"


def test_a_batch_of_mixed_languages_keeps_its_order():
    from headcount.extract import extract_reports
    reports = [Report(id="en1", text="Police said 4 guards were wounded."),
               Report(id="fr1", text="Deux soldats ont été tués, a indiqué l'armée.", language="fr"),
               Report(id="en2", text="Officials said 9 workers were freed.")]
    got = [(r.id, [(c.status, c.count.low) for c in cs]) for r, cs in extract_reports(reports)]
    assert got == [("en1", [("injured", 4)]), ("fr1", [("killed", 2)]), ("en2", [("freed", 9)])]
