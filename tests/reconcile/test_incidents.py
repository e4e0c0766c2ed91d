"""Which reports tell of the same incident (reconcile/incidents.py), on reports written for these tests."""
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
