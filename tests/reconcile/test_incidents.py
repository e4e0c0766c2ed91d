"""Which reports tell of the same incident (reconcile/incidents.py), on reports written for these tests."""
from datetime import date

from headcount.extract.facts import named_places
from headcount.model import Report
from headcount.reconcile.incidents import cluster


def test_named_places_are_names_after_place_prepositions_and_datelines():
    text = ("MILLBROOK, Ore. (AP) — Two men were shot in Upper Fenwick on Monday night near Larch Street.\n\n"
            "In March a man was hurt at the Harbor Diner.")
    assert named_places(text) == ("harbor diner", "larch street", "millbrook", "upper fenwick")


def test_month_and_day_names_are_not_places():
    assert named_places("Police said in January that the case was open, and again on Friday in Tuesday's report.") == ()


def _report(rid, text, published):
    return Report(id=rid, text=text, published=published)


def test_reports_days_apart_that_name_the_same_place_are_one_incident():
    a = _report("a", "Three people were wounded in a shooting in Upper Fenwick late on Saturday.", "2023-05-06")
    b = _report("b", "A fourth victim of the shooting in Upper Fenwick died, police said.", "2023-05-07")
    c = _report("c", "Two teenagers were shot in Millbrook on Sunday.", "2023-05-07")
    assert sorted(sorted(i.reports) for i in cluster([a, b, c])) == [["a", "b"], ["c"]]


def test_the_same_place_weeks_apart_is_another_incident():
    a = _report("a", "Three people were wounded in a shooting in Upper Fenwick late on Saturday.", "2023-05-06")
    b = _report("b", "Two men were shot in Upper Fenwick on Friday night.", "2023-05-26")
    assert len(cluster([a, b])) == 2


def test_reports_that_name_two_different_sites_stay_apart_even_in_one_place():
    a = _report("a", "Gunmen attacked the Lakeview mall in Upper Fenwick, killing four.", "2023-05-06")
    b = _report("b", "A bomb at the Corso hotel in Upper Fenwick wounded nine.", "2023-05-06")
    assert len(cluster([a, b])) == 2


def test_a_report_that_names_no_incident_joins_the_named_incident_it_links_with():
    a = Report(id="a", text="Three people were wounded in a shooting in Upper Fenwick.", published="2023-05-06",
               incident="fenwick-shooting")
    b = _report("b", "A fourth victim of the shooting in Upper Fenwick died.", "2023-05-07")
    c = Report(id="c", text="Two men were shot in Upper Fenwick on Sunday.", published="2023-05-07",
               incident="fenwick-second")
    got = {i.id: sorted(i.reports) for i in cluster([a, b, c])}
    assert got == {"fenwick-shooting": ["a", "b"], "fenwick-second": ["c"]}  # named incidents never merge


def test_event_facts_read_the_day_figures_names_and_dateline_of_a_report():
    from headcount.extract.facts import event_facts
    text = ("DUNMORE, Ore. (AP) — Three people were killed and two wounded in a shooting at the Orvel mall on "
            "Sunday night, police said. The gunman, identified as Rowan Tesk, 31, of Fenwick, was arrested.")
    got = event_facts(text, "2031-03-04T08:00:00Z")  # a Tuesday
    assert got.days == ("2031-03-02",) and got.town == "dunmore" and got.kind == "Shooting"
    assert (got.killed, got.injured, got.names) == ((3,), (2,), ("rowan tesk",))
    dated = event_facts("Gunmen attacked a bus station in Kessa on March 3, killing four.", "2031-03-05")
    assert dated.days == ("2031-03-03",) and dated.killed == (4,)
    assert event_facts("A man died.", "2031-03-05").event_days() == {date(2031, 3, 5), date(2031, 3, 4)}


def test_reports_published_days_apart_of_an_event_on_the_same_day_are_one_incident():
    # the second is published four days after the first, but both tell of Sunday night in Orvel
    a = _report("a", "Two men were shot in Orvel late on Sunday, police said.", "2031-03-03")
    b = _report("b", "A second man shot in Orvel on Sunday night has died, his family said on Thursday.", "2031-03-06")
    c = _report("c", "A woman was shot in Orvel on Wednesday afternoon.", "2031-03-06")
    assert sorted(sorted(i.reports) for i in cluster([a, b, c])) == [["a", "b"], ["c"]]


def test_a_hospital_the_wounded_were_taken_to_is_not_the_venue():
    a = _report("a", "Three people were shot at the Orvel mall in Dunmore on Sunday and taken to Mercy Hospital.",
                "2031-03-03")
    b = _report("b", "Police said the victims of the shooting in Dunmore on Sunday were at St Clare Hospital.",
                "2031-03-03")
    assert len(cluster([a, b])) == 1


def test_reports_that_name_the_same_victim_are_one_incident_whatever_their_places():
    a = _report("a", "Dara Quill, 24, was killed in a shooting near Larch Street on Friday.", "2031-05-10")
    b = _report("b", "Friends gathered in Upper Fenwick to remember Dara Quill, who was shot last week.",
                "2031-05-14")
    assert len(cluster([a, b])) == 1


def test_a_venue_named_in_other_words_is_the_same_venue():
    a = _report("a", "Gunmen seized the Orvel gas terminal before dawn on Thursday.", "2031-05-01")
    b = _report("b", "Troops ended the siege of the Orvel terminal on Friday; six hostages died.", "2031-05-02")
    c = _report("c", "The death toll from the siege at the Orvel terminal rose to 11 on Monday.", "2031-05-05")
    assert len(cluster([a, b, c])) == 1  # an incident that goes on for days stays one


def test_the_same_country_on_different_days_is_another_incident():
    a = _report("a", "A bomb exploded in a market in Kenya on Monday, killing three.", "2031-05-06")
    b = _report("b", "Gunmen killed two guards in Kenya on Friday, police said.", "2031-05-10")
    c = _report("c", "The toll of Monday's bombing in Kenya rose to five.", "2031-05-08")
    assert sorted(sorted(i.reports) for i in cluster([a, b, c])) == [["a", "c"], ["b"]]


def test_an_incident_title_says_what_where_and_when():
    a = _report("a", "DUNMORE, Ore. (AP) — Three people were killed in a shooting at the Orvel mall on Sunday.",
                "2031-03-04")
    b = _report("b", "DUNMORE, Ore. (AP) — Police named the gunman in Sunday's shooting at the Orvel mall.",
                "2031-03-05")
    (incident,) = cluster([a, b])
    assert incident.title == "Shooting at the Orvel Mall, Dunmore, 2 Mar 2031"


def test_a_site_named_after_a_place_is_no_venue():
    # "the Ivory Coast beach" names the country, not a venue: it does not keep apart the reports of that day
    a = _report("a", "Gunmen attacked an Ivory Coast beach in Kessa on Sunday, killing nine.", "2031-06-01")
    b = _report("b", "The toll of Sunday's attack on the Palm Grove hotel in Kessa rose to 12.", "2031-06-03")
    from headcount.extract.facts import report_facts
    assert report_facts(a.text).facilities and not report_facts(a.text).venues
    assert len(cluster([a, b])) == 1



def test_a_siege_of_days_is_one_incident_with_the_reports_of_its_first_day():
    # the later report gives its own day, but says the siege lasted three days
    a = _report("a", "Gunmen took shoppers hostage in Kessa on Saturday, police said.", "2031-06-08")
    b = _report("b", "Troops ended the three-day siege in Kessa on Monday.", "2031-06-09")
    c = _report("c", "A man was stabbed in Kessa on Wednesday.", "2031-06-11")
    assert sorted(sorted(i.reports) for i in cluster([a, b, c])) == [["a", "b"], ["c"]]


def test_streets_counties_and_towns_without_a_preposition_are_places():
    from headcount.extract.facts import event_facts
    text = ("Dunmore police said a man was shot in the 1200 block of West Larch Street. A woman from Fenwick, Ore., "
            "was hurt, Orvel County deputies said.")
    assert event_facts(text, "2031-01-05").streets == ("dunmore", "fenwick", "orvel county", "west larch street")


def test_reports_of_one_day_that_name_the_same_street_are_one_incident():
    a = _report("a", "Two men were shot Saturday night outside a bar in the 400 block of Larch Avenue.", "2031-01-05")
    b = _report("b", "Dunmore police are looking for the gunman who wounded two men on Larch Avenue late Saturday.",
                "2031-01-06")
    c = _report("c", "A teenager was shot Saturday on Fenwick Road, Orvel police said.", "2031-01-05")
    assert sorted(sorted(i.reports) for i in cluster([a, b, c])) == [["a", "b"], ["c"]]


def test_a_person_named_weeks_later_is_the_same_incident():
    a = _report("a", "Dara Quill, 24, was killed in a shooting near Larch Street on Friday.", "2031-05-10")
    b = _report("b", "A jury was chosen on Monday in the trial of the man accused of killing Dara Quill.",
                "2031-06-02")
    assert len(cluster([a, b])) == 1


def test_a_day_something_was_said_on_is_not_the_event_day():
    from headcount.extract.facts import event_facts
    got = event_facts("Police said Thursday that a man was shot in Kessa on Tuesday night and died Wednesday.",
                      "2031-06-13")  # a Friday
    assert got.days == ("2031-06-10", "2031-06-11")
    assert got.event_days() == {date(2031, 6, 10), date(2031, 6, 11)}


def test_a_person_named_by_given_name_and_surname_in_both_reports_joins_them_but_not_a_speaker():
    from headcount.extract.facts import event_facts
    text = "Andrew Vell was shot near Larch Street on Friday, said Amina Sorel, a police spokeswoman."
    assert event_facts(text, "2031-05-10").names == ("andrew vell",)
    a = _report("a", "Andrew Vell was shot in Kessa on Friday.", "2031-05-10")
    b = _report("b", "Friends of Andrew Vell gathered in Upper Fenwick on Sunday.", "2031-05-12")
    assert len(cluster([a, b])) == 1


def test_the_place_before_an_event_noun_is_a_place():
    from headcount.extract.facts import event_facts
    assert "dunmore" in event_facts("Two men died after the Dunmore shooting on Sunday.", "2031-05-12").streets


def test_a_venue_told_by_its_kind_or_its_name_alone_is_the_same_venue():
    a = _report("a", "Gunmen stormed the Lakeview mall in Orvel on Saturday, killing 3 and wounding 2.", "2031-07-05")
    b = _report("b", "Survivors of the attack on the shopping centre in Orvel on Saturday described the gunmen.",
                "2031-07-07")
    c = _report("c", "ORVEL, Ore. (AP) — Lakeview reopened on Monday, nine days after the attack.", "2031-07-14")
    assert len(cluster([a, b, c])) == 1
