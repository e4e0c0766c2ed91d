"""Named people a report says were affected (extract/people.py), on sentences written for these tests:
invented names and places, English and French."""
import pytest

from headcount.extract import read_report, read_reports
from headcount.model import Person, Report


def people(text, language="en"):
    return read_report(Report(id="t", text=text, outlet="Test Wire", language=language)).people


def brief(p):
    return (p.name, tuple(s.status for s in p.statuses), p.nationality)


@pytest.mark.parametrize("text, expected", [
    # a speaker is no person affected; the named victim is, with the demonym of the noun beside the name
    ("Police spokesman Tomas Brandt said Ilse Varga, a Hungarian engineer, was killed in the blast.",
     [("Ilse Varga", ("killed",), "HU")]),
    # a name in apposition to a counted noun takes that claim's status and group
    ("An injured Dutch tourist, Pieter Aalbers, 41, from Zwolle, described the attack.",
     [("Pieter Aalbers", ("injured",), "NL")]),
    # a name after a part preposition is in the status of the people before it
    ("\"We grieve for those killed in the attack, including Farid Massoud, a Canadian citizen,\" the minister said.",
     [("Farid Massoud", ("killed",), "CA")]),
    # a person described before and then named: the description's status
    ("The first victim known to have died has been named locally as Helga Brun from Tromso.",
     [("Helga Brun", ("killed",), None)]),
    # "one has been named as": one of the group counted before, in its status and of its nationality
    ("Three Norwegians were killed in the attack, the ministry said. None has been identified officially, "
     "although one has been named in reports as Sven Dahl.", [("Sven Dahl", ("killed",), "NO")]),
    # a companion shares the status of the person they are with
    ("Adam Kell, a teacher at Brookfield Academy, along with his nephew Tom Rusk, 19, is among the dead.",
     [("Adam Kell", ("killed",), None), ("Tom Rusk", ("killed",), None)]),
    # an attacker killed, named in apposition to "the gunman", through the pronoun of his clause
    ("The gunman, Jalil Omar, fired at the guests before he was shot dead by police.",
     [("Jalil Omar", ("killed",), None)]),
    # a surname alone later in the report is the same person, with its own status
    ("Gunmen kidnapped Paul Mbeki, a South African aid worker, on Monday. Mbeki was released two days later.",
     [("Paul Mbeki", ("taken", "freed"), "ZA")]),
    # a name the tagger missed, described by a people noun in apposition
    ("Ana Ruiz, an employee of Norvex Energy, was taken hostage at the plant.", [("Ana Ruiz", ("taken",), None)]),
    # the nationality of the report's counted victims, for a victim of no stated nationality
    ("Five Britons were killed and two Britons were injured in the attack. Gail Pennick from Leeds was also "
     "among the dead.", [("Gail Pennick", ("killed",), "GB")]),
    # French
    ("Le touriste belge Marc Dufresne, 52 ans, a été tué dans l'attaque.", [("Marc Dufresne", ("killed",), "BE")]),
    ("Marie Lefort a été blessée, a indiqué le ministre Paul Girard.", [("Marie Lefort", ("injured",), None)]),
    ("Le preneur d'otages, Karim Benali, a été abattu par les gendarmes.", [("Karim Benali", ("killed",), None)]),
])
def test_people_named_and_affected(text, expected):
    language = "fr" if any(w in text for w in (" été ", "Parmi")) else "en"
    assert [brief(p) for p in people(text, language)] == expected


def test_people_a_speaker_with_no_status_is_left_out():
    assert people("Mayor Olga Petrov said the rescue went well. \"It was a long night,\" Petrov added.") == []


def test_people_relatives_take_the_surname_and_are_mentions_later():
    found = people("Among those killed were Marta Quell, her husband Oskar and their neighbour Ruth Brandis. "
                   "Oskar's brother said the family was devastated.")
    assert [brief(p) for p in found] == [("Marta Quell", ("killed",), None), ("Oskar Quell", ("killed",), None),
                                         ("Ruth Brandis", ("killed",), None)]
    assert len(found[1].mentions) == 2 and found[1].sex == "male"


def test_people_coordinated_given_name_shares_the_surname_and_title_stays_in_the_mention():
    text = "Dr Lena and Karl Osterholt were killed in the hotel."
    found = people(text)
    assert [p.name for p in found] == ["Lena Osterholt", "Karl Osterholt"]
    assert text[slice(*found[0].mentions[0])] == "Dr Lena"


def test_people_attributes_age_sex_home_town_employer_role():
    [p] = people("An injured Dutch tourist, Pieter Aalbers, 41, from Zwolle, described the attack. "
                 "Mr Aalbers said the gunmen fired at random.")
    assert (p.age, p.sex, p.home_town, len(p.mentions)) == (41, "male", "Zwolle", 2)
    [p] = people("Stephen Doyle, a 36-year-old Irish electrician, was freed on Thursday, his family said.")
    assert (p.age, p.nationality, p.role, p.statuses[0].source.text) == (36, "IE", "hostage", "his family")
    [p] = people("Ana Ruiz, an employee of Norvex Energy, was taken hostage at the plant.")
    assert (p.employer, p.role) == ("Norvex Energy", "hostage")
    [p] = people("The explosion hurt dozens. Petra Lind's husband, Anton, 61, remains in intensive care.")
    assert (p.name, p.age, [s.status for s in p.statuses]) == ("Anton Lind", 61, ["injured"])
    [p] = people("The gunman, Jalil Omar, fired at the guests before he was shot dead by police.")
    assert p.role == "attacker"


def test_people_french_attributes():
    [p] = people("Mme Claire Bonnard a été libérée samedi. Bonnard était retenue depuis trois mois.", "fr")
    assert (p.name, p.sex, p.role, len(p.mentions)) == ("Claire Bonnard", "female", "hostage", 2)
    assert {s.status for s in p.statuses} == {"freed", "held"}
    [p] = people("Parmi les victimes figure Jeanne Morel, originaire de Lyon.", "fr")
    assert (p.home_town, [s.status for s in p.statuses]) == ("Lyon", ["killed"])
    [p] = people("Le touriste belge Marc Dufresne, 52 ans, a été tué dans l'attaque.", "fr")
    assert p.age == 52


def test_people_to_dict_round_trips_and_claims_are_of_one():
    [p] = people("Ilse Varga, a Hungarian engineer, was killed in the blast.")
    assert Person.from_dict(p.to_dict()) == p
    [claim] = p.claims()
    assert (claim.count.low, claim.status, claim.group.nationality) == (1, "killed", "HU")


def test_people_read_reports_gives_claims_and_people_in_one_reading():
    reports = [Report(id="a", text="Ilse Varga, a Hungarian engineer, was killed in the blast."),
               Report(id="b", text="Officials said 12 workers were freed.")]
    readings = list(read_reports(reports))
    assert [(r.report.id, len(r.people)) for r in readings] == [("a", 1), ("b", 0)]
    assert readings[1].claims and readings[1].claims[0].status == "freed"


@pytest.mark.parametrize("text, expected", [
    # a dateline's words are places, whatever the tagger makes of them
    ("KESTREL BAY, Ostrana (Harbour Post) - Two Chilean climbers, Rosa Ibarra and Diego Ibarra, were rescued "
     "from the ridge overnight, police said.", ["Rosa Ibarra", "Diego Ibarra"]),
    # a place of the report (after "in") or a known city is no person, even in apposition to a people noun
    ("Three tourists were killed in Dunmore Falls on Sunday. Dunmore Falls, a resort popular with hikers, was "
     "closed.", []),
    # a father who only speaks of his injured son has no record; the son has
    ("Their father, Mr Idris Kamara, said Musa Kamara, 12, was in a serious condition after the blast.",
     ["Musa Kamara"]),
    ("Colonel Ada Brenner told reporters that the hostages were freed unharmed.", []),
])
def test_people_places_and_speakers_are_no_people_affected(text, expected):
    assert [p.name for p in people(text)] == expected


def test_people_a_speaker_whose_own_phrase_gives_a_status_is_kept():
    [p] = people("Nadia Perrin, a nurse who was injured in the blast, said the gunmen fired at random.")
    assert (p.name, [s.status for s in p.statuses]) == ("Nadia Perrin", ["injured"])


def test_people_a_title_sex_picks_between_people_of_one_surname():
    found = people("Two Polish hikers, Anna Nowak and Tomasz Nowak, were rescued on Friday. "
                   "Mrs Nowak, 41, said they had run out of food. Mr Nowak, 44, was treated for frostbite.")
    by_name = {p.name: p for p in found}
    assert set(by_name) == {"Anna Nowak", "Tomasz Nowak"}
    assert (by_name["Anna Nowak"].age, by_name["Anna Nowak"].sex) == (41, "female")
    assert (by_name["Tomasz Nowak"].age, by_name["Tomasz Nowak"].sex) == (44, "male")
    assert by_name["Anna Nowak"].nationality == by_name["Tomasz Nowak"].nationality == "PL"


def test_people_a_given_name_alone_is_the_one_person_of_that_name():
    text = "Two brothers, Kofi Mensah and Yaw Mensah, were injured in the crash, police said. Kofi, 23, is in hospital."
    found = {p.name: p for p in people(text)}
    assert len(found["Kofi Mensah"].mentions) == 2 and found["Kofi Mensah"].age == 23


@pytest.mark.parametrize("text, expected", [
    # a demonym read in the words before the name, whatever the parse; the clause the parser left subjectless
    ("Le ressortissant suédois Anders Lund, 61 ans, a été retrouvé mort près du port.",
     [("Anders Lund", ("killed",), "SE")]),
    ("Le journaliste suédois Anders Lund, âgé de 61 ans, a été blessé par balle.",
     [("Anders Lund", ("injured",), "SE")]),
    # a passive reporting verb says the status of its complement
    ("La touriste italienne Giulia Ferri a été portée disparue dimanche, a indiqué la police.",
     [("Giulia Ferri", ("missing",), "IT")]),
    # the father who speaks has no record; the son he names, after a possessive, takes his surname
    ("Le père de la victime, Ahmed Ziani, a déclaré que son fils Karim avait été blessé.",
     [("Karim Ziani", ("injured",), None)]),
    # a dateline's words are places
    ("SAINT-AUBIN, Valdorre (AFP) - Le préfet Alain Roux a annoncé que les otages avaient été libérés.", []),
])
def test_people_french_steps(text, expected):
    assert [brief(p) for p in people(text, "fr")] == expected


def test_people_french_ages_and_title_sex():
    found = people("Deux randonneurs belges, Julie Martens et Luc Martens, ont été secourus samedi. "
                   "Mme Martens, 38 ans, a été blessée à la jambe.", "fr")
    by_name = {p.name: p for p in found}
    assert set(by_name) == {"Julie Martens", "Luc Martens"}
    assert (by_name["Julie Martens"].age, by_name["Julie Martens"].sex) == (38, "female")
