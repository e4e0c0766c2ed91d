"""Named people in the store (issue 18): stored with their report version's claims in one transaction, every
field read back, the newest versions only; decisions on merging them kept in order."""
import pytest

from headcount.errors import StoreError
from headcount.model import Person, PersonStatus, Report, Source
from headcount.store import Store

from test_store import _claim

TEXT = "Police said Kari Nordmann, 34, a Norwegian engineer from Bergen, was freed on Monday."


def _person(report_id="r1", name="Kari Nordmann", **kw) -> Person:
    status = PersonStatus("freed", (0, 86), Source("Police", "government", "NO", None), "asserted", "2024-01-01")
    fields = dict(report=report_id, name=name, mentions=((12, 25),), nationality="NO", age=34, sex="female",
                  home_town="Bergen", employer="Statoil", role="hostage", statuses=(status,), published="2024-01-02")
    fields.update(kw)
    return Person(**fields)


def test_store_people_roundtrip_every_field(store_url):
    report = Report(id="r1", text=TEXT, published="2024-01-02")
    people = [_person(), _person(name="Ola Nordmann", mentions=((40, 52), (60, 69)), sex="male", age=None,
                                 statuses=())]
    with Store.open(store_url) as store:
        assert store.add(report, [_claim("r1")], people=people)
        assert store.people() == people
        assert store.people(report_id="r1") == people and store.people(report_id="other") == []
        assert store.claims() == [_claim("r1")]


def test_store_people_are_those_of_the_newest_version(store_url):
    with Store.open(store_url) as store:
        v1 = store.prepare(Report(id="r1", text=TEXT))
        assert store.add(v1, [], people=[_person(name="Kari Nordman")])
        v2 = store.prepare(Report(id="r1", text=TEXT + " She is well."))
        assert store.add(v2, [], people=[_person()])
        assert [p.name for p in store.people()] == ["Kari Nordmann"]


def test_store_failed_write_stores_no_people(store_url):
    broken = [_claim("r2"), _claim("r2")]  # the same claim id twice: the transaction fails
    with Store.open(store_url) as store:
        with pytest.raises(StoreError):
            store.add(Report(id="r2", text=TEXT), broken, people=[_person("r2")])
        assert store.people() == [] and store.reports() == []


def test_store_keeps_person_decisions_in_order(store_url):
    with Store.open(store_url) as store:
        assert store.person_decisions() == [] and store.person_decisions_revision() == 0
        first = store.add_person_decision("inc-1", "apart", ["r1|Adrian Evans", "r2|A. Evans"], record="p1")
        second = store.add_person_decision("inc-2", "together", ["r3|Doyle", "r4|Stephen Doyle"])
        assert (first.id, second.id) == (1, 2) and store.person_decisions_revision() == 2
        assert [(d.incident, d.kind, d.mentions, d.record) for d in store.person_decisions()] == [
            ("inc-1", "apart", ("r1|Adrian Evans", "r2|A. Evans"), "p1"),
            ("inc-2", "together", ("r3|Doyle", "r4|Stephen Doyle"), None)]
        assert [d.id for d in store.person_decisions("inc-2")] == [2]
