"""`headcount export --what people` (CSV, PFIF 1.4) and `headcount import-pfif` (issue 18), on a store
filled by hand with an invented report and its people."""
import csv
import io
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from headcount.cli import app
from headcount.export.columns import PEOPLE_COLUMNS
from headcount.export.pfif import PFIF_NS
from headcount.model import Person, PersonStatus, Report, Source
from headcount.reconcile import incidents_in_store
from headcount.store import Store

runner = CliRunner()
NS = {"pfif": PFIF_NS}
INCIDENT = "vessa-depot-2031"
# Written for this test.
TEXT = ("The interior ministry said Zoé Lefèvre, a 29-year-old French engineer, was freed on Tuesday. "
        "Witnesses said Oren Haskel was killed at the depot gate.")


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def people(report: str) -> list[Person]:
    return [Person(report=report, name="Zoé Lefèvre", mentions=(at("Zoé Lefèvre"),), nationality="FR", age=29,
                   role="hostage", published="2031-03-04",
                   statuses=(PersonStatus("freed", at("The interior ministry said Zoé Lefèvre, a 29-year-old "
                                                      "French engineer, was freed"),
                                          Source("The interior ministry", "government")),)),
            Person(report=report, name="Oren Haskel", mentions=(at("Oren Haskel"),), published="2031-03-04",
                   statuses=(PersonStatus("killed", at("Witnesses said Oren Haskel was killed"),
                                          Source("Witnesses", "witness")),))]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'people.db'}"
    with Store.open(url) as store:
        report = store.prepare(Report(id="vessa-1", text=TEXT, published="2031-03-04", outlet="Harbour Courier",
                                      incident=INCIDENT))
        named = people("vessa-1")
        assert store.add(report, [c for p in named for c in p.claims()], named)
    return url


def test_export_people_csv_has_the_documented_columns_and_a_row_per_person(db):
    done = invoke("export", "--db", db, "--what", "people", "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == [name for name, _ in PEOPLE_COLUMNS]
    assert sorted((r["name"], r["final_status"], r["nationality"], r["incident"]) for r in rows) == [
        ("Oren Haskel", "killed", "", INCIDENT), ("Zoé Lefèvre", "freed", "FR", INCIDENT)]


def test_export_people_pfif_then_import_pfif_gives_the_same_people(db, tmp_path):
    out = tmp_path / "people.xml"
    done = invoke("export", "--db", db, "--what", "people", "--format", "pfif", "--out", out)
    assert done.exit_code == 0, done.output
    root = ET.parse(out).getroot()
    assert root.tag == f"{{{PFIF_NS}}}pfif"
    statuses = {p.findtext("pfif:full_name", namespaces=NS): p.findtext("pfif:note/pfif:status", namespaces=NS)
                for p in root.findall("pfif:person", NS)}
    assert statuses == {"Zoé Lefèvre": "believed_alive", "Oren Haskel": "believed_dead"}
    texts = [n.text for n in root.iter(f"{{{PFIF_NS}}}text")]
    assert "Witnesses said Oren Haskel was killed" in texts  # the claim's words, from its report

    other = f"sqlite:///{tmp_path / 'other.db'}"
    done = invoke("import-pfif", out, "--incident", INCIDENT, "--db", other)
    assert done.exit_code == 0, done.output
    assert "stored 2 person record(s) in 1 report(s)" in done.stderr
    again = invoke("import-pfif", out, "--incident", INCIDENT, "--db", other)
    assert again.exit_code == 0 and "already stored" in again.stderr
    with Store.open(other) as store:
        imported = store.people()
        assert store.claims() == []  # no count claims: the account reads the people themselves
        claims = [c for _, cs in incidents_in_store(store)[1] for c in cs]
    by_name = {p.name: p for p in imported}
    original = {p.name: p for p in people("vessa-1")}
    assert set(by_name) == set(original)
    for name, p in by_name.items():
        o = original[name]
        assert (p.nationality, p.age, p.role) == (o.nationality, o.age, o.role)
        assert [(s.status, s.source.text, s.source.kind) for s in p.statuses] == \
            [(s.status, s.source.text, s.source.kind) for s in o.statuses]
    # their statuses join the account as claims of their sources, of one person each
    assert sorted((c.status, c.count.low, c.source.kind) for c in claims) == [("freed", 1, "government"),
                                                                              ("killed", 1, "witness")]
    assert all(c.person is not None for c in claims)
    # and the records they make export as the first store's did
    first = invoke("export", "--db", db, "--what", "people", "--format", "csv")
    second = invoke("export", "--db", other, "--what", "people", "--format", "csv")
    columns = ("name", "nationality", "age", "role", "final_status", "statuses", "sources")
    rows = lambda done: sorted(tuple(r[c] for c in columns) for r in csv.DictReader(io.StringIO(done.stdout)))
    assert rows(first) == rows(second)


def test_import_pfif_refuses_a_file_that_is_not_pfif(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss version='2.0'><channel/></rss>", encoding="utf-8")
    done = invoke("import-pfif", feed, "--incident", INCIDENT, "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert done.exit_code == 1
    assert "E071" in done.stderr and "feed.xml" in done.stderr


def test_export_pfif_is_only_for_people(db):
    done = invoke("export", "--db", db, "--what", "claims", "--format", "pfif")
    assert done.exit_code == 1 and "E074" in str(done.exception)
