"""Merging named people into one record per person (reconcile/people.py, issue 18): names that agree and
nothing that contradicts; two people of one surname stay two; decisions split and join; stable ids; the
final status by the policy. Every Person here is built by hand."""
from __future__ import annotations

import pytest

from headcount.model import Person, PersonStatus, Source
from headcount.reconcile.people import (final_status, matches_name, merge_people, name_agreement, parse_name,
                                        EXACT, GIVEN, INITIAL, MIDDLE, SURNAME)
from headcount.store import PersonDecision

REPORTER = Source("Test Wire", "reporter")
GOVERNMENT = Source("the Foreign Office", "government", "GB")


def person(name: str, report: str = "r1", published: str = "2015-06-27", status: str | None = "killed",
           source: Source = REPORTER, start: int = 0, **kw) -> Person:
    statuses = (PersonStatus(status, (start, start + 30), source),) if status else ()
    return Person(report=report, name=name, mentions=((start, start + len(name)),), statuses=statuses,
                  published=published, **kw)


def names(records) -> list[list[str]]:
    return [[p.name for p in r.mentions] for r in records]


@pytest.mark.parametrize("a, b, agreement", [
    ("Adrian Evans", "adrian EVANS", EXACT),
    ("Zoë Lefèvre", "Zoe Lefevre", EXACT),
    ("Mr Stephen Doyle", "Stephen Doyle", EXACT),
    ("Dr. Seán O'Brien", "Sean OBrien", EXACT),
    ("Michael Riddering", "Michael James Riddering", MIDDLE),
    ("Michael J. Riddering", "Michael James Riddering", INITIAL),
    ("A. Evans", "Adrian Evans", INITIAL),
    ("Mohammed Hassan", "Muhammad Hassan", EXACT),
    ("Doyle", "Stephen Doyle", SURNAME),
    ("Mr Doyle", "Stephen Doyle", SURNAME),
    ("Adrian", "Adrian Evans", GIVEN),
    ("Adrian Evans", "Patrick Evans", None),
    ("A. Evans", "P. Evans", None),
    ("Michael John Riddering", "Michael James Riddering", None),
    ("John Smith Jr", "John Smith Sr", None),
    ("Adrian Evans", "Adrian Evan", None),
])
def test_people_names_agree_or_not(a, b, agreement):
    assert name_agreement(parse_name(a), parse_name(b)) == agreement
    assert name_agreement(parse_name(b), parse_name(a)) == agreement


def test_people_title_implies_sex():
    assert parse_name("Mrs Evans").title_sex == "female" and parse_name("Rabbi Gavriel").title_sex is None


def test_people_the_same_person_in_two_reports_is_one_record_with_every_mention():
    records = merge_people("sousse", [person("Adrian Evans", "bbc"), person("A. Evans", "c4", "2015-06-29"),
                                      person("Evans", "reuters", "2015-07-01", nationality="GB")])
    (r,) = records
    assert r.reports == ("bbc", "c4", "reuters") and r.name == "Adrian Evans"
    assert r.variants == ("Adrian Evans", "A. Evans", "Evans") and r.nationality == "GB"
    assert len(r.merged_because) == 2 and "initial" in r.merged_because[0] and "surname" in r.merged_because[1]


def test_people_two_of_one_surname_stay_two_and_a_surname_alone_joins_neither():
    records = merge_people("sousse", [person("Adrian Evans", "bbc"), person("Patrick Evans", "c4", "2015-06-29"),
                                      person("Evans", "reuters", "2015-07-01")])
    assert names(records) == [["Adrian Evans"], ["Patrick Evans"], ["Evans"]]
    assert "could be Adrian Evans" in records[2].notes[0] and records[1].id in records[2].notes[0]


def test_people_a_surname_alone_joins_the_one_its_report_names():
    records = merge_people("sousse", [person("Adrian Evans", "bbc"), person("Patrick Evans", "c4", "2015-06-29"),
                                      person("Evans", "c4", "2015-06-29", start=200)])
    assert names(records) == [["Adrian Evans"], ["Patrick Evans", "Evans"]]


def test_people_a_given_name_alone_joins_only_beside_the_full_name():
    same = merge_people("i", [person("Adrian Evans", "bbc"), person("Adrian", "bbc", start=100)])
    other = merge_people("i", [person("Adrian Evans", "bbc"), person("Adrian", "c4", "2015-06-29")])
    assert names(same) == [["Adrian Evans", "Adrian"]] and len(other) == 2


@pytest.mark.parametrize("a, b, together", [
    (dict(nationality="GB"), dict(nationality="IE"), False),
    (dict(age=22), dict(age=23), True),
    (dict(age=22), dict(age=25), False),
    (dict(sex="male"), dict(sex="female"), False),
    (dict(role="attacker"), dict(role="civilian"), False),
    (dict(role="hostage"), dict(role="civilian"), True),
])
def test_people_what_contradicts_a_weaker_name(a, b, together):
    records = merge_people("i", [person("Joel Richards", "bbc", **a), person("J. Richards", "c4", "2015-06-29", **b)])
    assert (len(records) == 1) is together


@pytest.mark.parametrize("a, b, together", [
    (dict(age=22), dict(age=19), True),       # the gold's Joel Richards: one person
    (dict(age=40), dict(age=12), False),      # a father and a son of one name
    (dict(nationality="GB"), dict(nationality="AU"), True),  # a dual national
    (dict(sex="male"), dict(sex="female"), False),
])
def test_people_the_same_full_name_tolerates_what_reports_get_wrong(a, b, together):
    records = merge_people("i", [person("Joel Richards", "bbc", **a), person("Joel Richards", "c4", "2015-06-29", **b)])
    assert (len(records) == 1) is together
    if together:
        assert "differ" in records[0].merged_because[0]


def test_people_mrs_is_not_mr():
    records = merge_people("i", [person("Stephen Doyle", "a", sex="male"), person("Mrs Doyle", "b", "2015-06-29")])
    assert len(records) == 2


def test_people_merging_does_not_depend_on_the_input_order():
    ps = [person("Adrian Evans", "bbc"), person("A. Evans", "c4", "2015-06-29"), person("Patrick Evans", "c4", "2015-06-29", start=90),
          person("Evans", "reuters", "2015-07-01"), person("Doyle", "x", "2015-07-02"), person("Stephen Doyle", "y", "2015-07-03")]
    first = merge_people("i", ps)
    assert merge_people("i", list(reversed(ps))) == first
    assert [r.id for r in merge_people("i", ps)] == [r.id for r in first]


def test_people_record_ids_are_stable_when_reports_are_added():
    before = merge_people("i", [person("Adrian Evans", "bbc")])
    after = merge_people("i", [person("Adrian Evans", "bbc"), person("Adrian Evans", "c4", "2015-06-29"),
                               person("Trudy Jones", "c4", "2015-06-29", start=90)])
    assert before[0].id == after[0].id and after[0].id != after[1].id
    assert merge_people("other", [person("Adrian Evans", "bbc")])[0].id != before[0].id


def _decision(n, kind, *keys):
    return PersonDecision(n, "i", kind, keys)


def test_people_a_split_keeps_mentions_apart_and_a_later_join_undoes_it():
    ps = [person("Adrian Evans", "bbc"), person("A. Evans", "c4", "2015-06-29")]
    (merged,) = merge_people("i", ps)
    split = [_decision(1, "apart", "bbc|Adrian Evans", "c4|A. Evans")]
    apart = merge_people("i", ps, decisions=split)
    assert names(apart) == [["Adrian Evans"], ["A. Evans"]] and apart[0].id == merged.id
    assert "decision 1" in apart[0].notes[0] and apart[1].id in apart[0].notes[0]
    again = merge_people("i", ps, decisions=split + [_decision(2, "together", "bbc|Adrian Evans", "c4|A. Evans")])
    assert names(again) == [["Adrian Evans", "A. Evans"]] and "decision 2" in again[0].merged_because[0]


def test_people_a_join_overrules_the_names():
    ps = [person("Diane Murphy", "g", sex="female"), person("Michael", "g", start=200, sex="male")]
    joined = merge_people("i", ps, decisions=[_decision(1, "together", "g|Diane Murphy", "g|Michael")])
    assert names(joined) == [["Diane Murphy", "Michael"]]


def test_people_final_status_latest_is_the_latest_word_of_the_most_authoritative_source():
    ps = [person("Kenji Sato", "a", "2013-01-18", "missing", GOVERNMENT),
          person("Kenji Sato", "b", "2013-01-19", "freed", REPORTER),
          person("Kenji Sato", "c", "2013-01-20", "killed", GOVERNMENT)]
    (r,) = merge_people("i", ps)
    assert (r.final_status, r.final_report) == ("killed", "c")
    (r,) = merge_people("i", ps[:2])
    assert (r.final_status, r.final_report) == ("missing", "a")  # the government's word, though older


def test_people_final_status_other_policies_and_denied():
    same_day = [person("Kenji Sato", "a", "2013-01-20", "killed"), person("Kenji Sato", "b", "2013-01-20", "missing")]
    assert final_status(same_day, "conservative")[1].status == "missing"
    assert final_status(same_day, "latest")[1].status == "missing"  # report b, after a
    denied = Person("a", "Kenji Sato", ((0, 10),), statuses=(PersonStatus("killed", (0, 30), REPORTER, "denied"),))
    assert final_status([denied]) is None
    assert merge_people("i", [denied])[0].final_status is None


def test_people_variants_are_the_words_of_the_mentions_when_texts_are_given():
    text = "Rabbi Gavriel and his wife were killed. Gavriel Holtzberg was 29."
    p = Person("kpbs", "Gavriel Holtzberg", ((0, 13), (40, 57)))
    (r,) = merge_people("i", [p], texts={"kpbs": text})
    assert r.variants == ("Rabbi Gavriel", "Gavriel Holtzberg")


@pytest.mark.parametrize("query, found", [("evans", True), ("ADRI", True), ("Évans Adrian", True),
                                          ("patrick", False), ("", False)])
def test_people_search_by_name_is_case_and_accent_insensitive(query, found):
    (r,) = merge_people("i", [person("Adrian Évans", "bbc")])
    assert matches_name(r, query) is found
