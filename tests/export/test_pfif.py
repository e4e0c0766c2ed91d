"""PFIF 1.4 export and import of person records (issue 18), on records built by hand with invented people.

The export is parsed back with xml.etree: its namespace, each person's required fields, the notes'
status values; then imported, and the people it gives are the records' people again.
"""
import xml.etree.ElementTree as ET

import pytest

from headcount.errors import InputError
from headcount.export import people_table
from headcount.export.columns import PEOPLE_COLUMNS
from headcount.export.pfif import (DOMAIN, NOTE_STATUSES, PFIF_NS, PFIF_STATUS, REQUIRED_NOTE_FIELDS,
                                   REQUIRED_PERSON_FIELDS, file_digest, people_from_pfif, read_pfif, to_pfif)
from headcount.model import STATUSES, Person, PersonRecord, PersonStatus, Report, Source

NS = {"pfif": PFIF_NS}
# Invented reports of an invented incident.
TEXT_1 = ("The interior ministry said Mira Talvik, a 34-year-old Estonian nurse from Pärnu, was freed on Tuesday. "
          "Witnesses said Oren Haskel was killed in the first hour.")
TEXT_2 = "Ms Talvik was injured, her employer Lumo Clinics said. Haskel was not among the injured, police said."
REPORTS = {
    "r1": Report(id="r1", text=TEXT_1, published="2031-03-04T09:30:00Z", outlet="Harbour Courier",
                 url="https://news.example/r1"),
    "r2": Report(id="r2", text=TEXT_2, published="2031-03-05", outlet="Vesta Wire"),
}


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def records() -> list[PersonRecord]:
    gov = Source("The interior ministry", "government")
    talvik_1 = Person(report="r1", name="Mira Talvik", mentions=(span(TEXT_1, "Mira Talvik"),), nationality="EE",
                      age=34, sex="female", home_town="Pärnu", role="hostage",
                      statuses=(PersonStatus("freed", span(TEXT_1, TEXT_1.split(". ")[0]), gov),),
                      published="2031-03-04T09:30:00Z")
    talvik_2 = Person(report="r2", name="Ms Talvik", mentions=(span(TEXT_2, "Ms Talvik"),), employer="Lumo Clinics",
                      statuses=(PersonStatus("injured", span(TEXT_2, "Ms Talvik was injured"),
                                             Source("Lumo Clinics", "company"), "uncertain"),),
                      published="2031-03-05")
    haskel_1 = Person(report="r1", name="Oren Haskel", mentions=(span(TEXT_1, "Oren Haskel"),),
                      statuses=(PersonStatus("killed", span(TEXT_1, "Witnesses said Oren Haskel was killed"),
                                             Source("Witnesses", "witness")),), published="2031-03-04T09:30:00Z")
    haskel_2 = Person(report="r2", name="Haskel", mentions=(span(TEXT_2, "Haskel"),),
                      statuses=(PersonStatus("injured", span(TEXT_2, "Haskel was not among the injured"),
                                             Source(None, "reporter"), "denied"),), published="2031-03-05")
    return [PersonRecord("vessa-2031/mira-talvik", "vessa-2031", "Mira Talvik", ("Mira Talvik", "Ms Talvik"),
                         (talvik_1, talvik_2), "EE", 34, "female", "injured", ("surname and title agree",)),
            PersonRecord("vessa-2031/oren-haskel", "vessa-2031", "Oren Haskel", ("Oren Haskel", "Haskel"),
                         (haskel_1, haskel_2), final_status="killed")]


@pytest.fixture
def exported() -> bytes:
    return to_pfif(records(), reports=REPORTS, entry_date="2031-04-01T00:00:00Z")


def test_pfif_export_is_pfif_1_4_with_the_required_person_fields(exported):
    root = ET.fromstring(exported)
    assert exported.startswith(b"<?xml")
    assert root.tag == f"{{{PFIF_NS}}}pfif"
    persons = root.findall("pfif:person", NS)
    assert len(persons) == 2
    for person in persons:
        for name in REQUIRED_PERSON_FIELDS + ("entry_date", "author_name", "source_name"):
            assert (person.findtext(f"pfif:{name}", namespaces=NS) or "").strip(), name
        domain, local = person.findtext("pfif:person_record_id", namespaces=NS).split("/", 1)
        assert domain == DOMAIN and local
    talvik = persons[0]
    fields = {child.tag.split("}")[1]: child.text for child in talvik if not child.tag.endswith("}note")}
    assert fields["full_name"] == "Mira Talvik"
    assert (fields["given_name"], fields["family_name"]) == ("Mira", "Talvik")
    assert (fields["sex"], fields["age"], fields["home_city"], fields["home_country"]) == ("female", "34", "Pärnu", "EE")
    assert fields["source_date"] == "2031-03-04T09:30:00Z"
    assert fields["author_name"] == "Harbour Courier; Vesta Wire"
    assert fields["alternate_names"] == "Ms Talvik"


def test_pfif_export_has_a_note_per_status_claim_with_pfif_status_values(exported):
    root = ET.fromstring(exported)
    for person in root.findall("pfif:person", NS):
        pid = person.findtext("pfif:person_record_id", namespaces=NS)
        for note in person.findall("pfif:note", NS):
            for name in REQUIRED_NOTE_FIELDS + ("text", "entry_date"):
                assert (note.findtext(f"pfif:{name}", namespaces=NS) or "").strip(), name
            assert note.findtext("pfif:person_record_id", namespaces=NS) == pid
            status = note.findtext("pfif:status", namespaces=NS)
            assert status is None or status in NOTE_STATUSES
    notes = [(n.findtext("pfif:author_name", namespaces=NS), n.findtext("pfif:status", namespaces=NS),
              n.findtext("pfif:source_date", namespaces=NS), n.findtext("pfif:text", namespaces=NS))
             for n in root.iter(f"{{{PFIF_NS}}}note")]
    assert notes == [
        ("The interior ministry", "believed_alive", "2031-03-04T09:30:00Z",
         "The interior ministry said Mira Talvik, a 34-year-old Estonian nurse from Pärnu, was freed on Tuesday"),
        ("Lumo Clinics", "believed_alive", "2031-03-05T23:59:59Z", "Ms Talvik was injured"),
        ("Witnesses", "believed_dead", "2031-03-04T09:30:00Z", "Witnesses said Oren Haskel was killed"),
        # denied: no status; its words say what was denied
        ("reporter", None, "2031-03-05T23:59:59Z", "Haskel was not among the injured"),
    ]


@pytest.mark.parametrize("status", STATUSES)
def test_pfif_status_of_each_headcount_status(status):
    expected = {"killed": "believed_dead", "taken": "believed_missing", "held": "believed_missing",
                "missing": "believed_missing"}.get(status, "believed_alive")
    assert PFIF_STATUS[status] == expected


def carried(name, nationality, age, sex, home_town, said) -> tuple:
    """What PFIF carries of a person: who they are, and each status claim with its source and date."""
    from headcount.reconcile.intervals import parse_moment
    return (name, nationality, age, sex, home_town,
            [(s.status, s.source.text, s.source.kind, s.modality, parse_moment(s.time or published))
             for s, published in said])


def test_pfif_export_then_import_gives_the_same_records(exported):
    imported = people_from_pfif(read_pfif(exported), digest=file_digest(exported), incident="vessa-2031")
    assert len(imported) == 1  # one source: headcount's export
    report, people = imported[0]
    assert report.incident == "vessa-2031" and report.outlet == "headcount"
    originals = records()
    assert [carried(p.name, p.nationality, p.age, p.sex, p.home_town, [(s, p.published) for s in p.statuses])
            for p in people] == \
        [carried(r.name, r.nationality, r.age, r.sex, next((m.home_town for m in r.mentions if m.home_town), None),
                 [(s, m.published) for m in r.mentions for s in m.statuses]) for r in originals]
    talvik = people[0]
    assert (talvik.role, talvik.employer) == ("hostage", "Lumo Clinics")
    # each name and each status's words are words of the import's report
    assert [report.text[a:b] for a, b in talvik.mentions] == ["Mira Talvik", "Ms Talvik"]
    assert report.text[slice(*talvik.statuses[1].span)] == "Ms Talvik was injured"
    # exported again, what was imported gives the same document but for its dates of entry
    again = [PersonRecord(r.id, r.incident, r.name, r.variants, (p,), r.nationality, r.age, r.sex, r.final_status)
             for r, p in zip(originals, people, strict=True)]
    second = to_pfif(again, reports={report.id: report}, entry_date="2031-04-01T00:00:00Z")
    assert _without_ids(second) == _without_ids(exported)


def _without_ids(document: bytes) -> list[list[tuple[str, str]]]:
    """Each person's and note's fields, but for what names the report the words are in: record ids (a note
    id's claim part; its status, kind and modality stay), and of a person their sources (the outlets of
    the news reports, then the PFIF report) and source date (a person named in two reports: the first's)."""
    skip = {"person": ("person_record_id", "author_name", "source_url", "source_date"), "note": ("person_record_id",)}
    out = []
    for record in ET.fromstring(document).iter():
        kind = record.tag.split("}")[1]
        if kind in skip:
            fields = [(e.tag.split("}")[1], e.text) for e in record if len(e) == 0]
            out.append([(name, text.split("/note.", 1)[1].split(".", 1)[1] if name == "note_record_id" else text)
                        for name, text in fields if name not in skip[kind]])
    return out


# Written for this test: a record as another person-finder repository might publish it, PFIF 1.4, with one
# note inside its person and one at the top level.
OTHERS = """<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>finder.example.org/person.4711</pfif:person_record_id>
    <pfif:entry_date>2031-03-06T10:00:00Z</pfif:entry_date>
    <pfif:author_name>Ilse Varga</pfif:author_name>
    <pfif:source_name>Vessa Red Cross</pfif:source_name>
    <pfif:source_date>2031-03-06T09:00:00Z</pfif:source_date>
    <pfif:full_name>Tomas Ruel</pfif:full_name>
    <pfif:sex>male</pfif:sex>
    <pfif:age>40-45</pfif:age>
    <pfif:home_country>fr</pfif:home_country>
    <pfif:note>
      <pfif:note_record_id>finder.example.org/note.1</pfif:note_record_id>
      <pfif:author_name>Vessa Red Cross</pfif:author_name>
      <pfif:source_date>2031-03-06T09:00:00Z</pfif:source_date>
      <pfif:status>believed_missing</pfif:status>
      <pfif:text>Not seen since the blast at the depot.</pfif:text>
    </pfif:note>
  </pfif:person>
  <pfif:note>
    <pfif:note_record_id>finder.example.org/note.2</pfif:note_record_id>
    <pfif:person_record_id>finder.example.org/person.4711</pfif:person_record_id>
    <pfif:author_name>Ilse Varga</pfif:author_name>
    <pfif:source_date>2031-03-07T08:00:00Z</pfif:source_date>
    <pfif:status>information_sought</pfif:status>
    <pfif:text>His sister is looking for him.</pfif:text>
  </pfif:note>
</pfif:pfif>
""".encode()


def test_pfif_import_of_others_records_gives_claims_of_their_source():
    [(report, [person])] = people_from_pfif(read_pfif(OTHERS), digest=file_digest(OTHERS), incident="vessa-2031")
    assert report.outlet == "Vessa Red Cross" and report.id.startswith("pfif:Vessa Red Cross:")
    assert (person.name, person.nationality, person.age, person.sex) == ("Tomas Ruel", "FR", None, "male")
    # information_sought is about the author, not the person: no status claim
    [status] = person.statuses
    assert (status.status, status.source.text, status.source.kind) == ("missing", "Vessa Red Cross", "organisation")
    assert report.text[slice(*status.span)] == "Not seen since the blast at the depot."
    assert report.text[slice(*person.mentions[0])] == "Tomas Ruel"
    [claim] = person.claims()
    assert (claim.status, claim.count.low, claim.source.kind) == ("missing", 1, "organisation")


def test_pfif_import_reads_pfif_1_2_names():
    old = (OTHERS.replace(b"pfif/1.4", b"pfif/1.2")
           .replace(b"<pfif:full_name>Tomas Ruel</pfif:full_name>",
                    b"<pfif:first_name>Tomas</pfif:first_name><pfif:last_name>Ruel</pfif:last_name>"))
    [person] = read_pfif(old)
    assert person.name == "Tomas Ruel" and person.fields["given_name"] == "Tomas"


@pytest.mark.parametrize("data, code", [
    (b"<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'><pfif:person>", "E070"),
    (b"<rss version='2.0'><channel/></rss>", "E071"),
    (b"<pfif xmlns='http://zesty.ca/pfif/1.4'><note><note_record_id>x/1</note_record_id>"
     b"<person_record_id>x/nobody</person_record_id></note></pfif>", "E072"),
])
def test_pfif_import_refuses_what_is_not_pfif(data, code):
    with pytest.raises(InputError, match=code):
        read_pfif(data, "bad.xml")


def test_pfif_import_refuses_a_person_without_a_name():
    data = b"<pfif xmlns='http://zesty.ca/pfif/1.4'><person><person_record_id>x/1</person_record_id></person></pfif>"
    with pytest.raises(InputError, match="E073"):
        people_from_pfif(read_pfif(data), digest="d")


def test_pfif_export_drops_characters_xml_cannot_hold():
    [record] = records()[:1]
    odd = PersonRecord(record.id, record.incident, "Mira\x07 Talvik", record.variants, record.mentions)
    root = ET.fromstring(to_pfif([odd]))
    assert root.find("pfif:person/pfif:full_name", NS).text == "Mira Talvik"


def test_pfif_people_table_has_a_row_per_record_in_its_columns():
    table = people_table(records())
    assert [list(row) for row in table.rows] == [[name for name, _ in PEOPLE_COLUMNS]] * 2
    talvik = table.rows[0]
    assert talvik["variants"] == "Mira Talvik | Ms Talvik"
    assert talvik["statuses"] == "freed injured"
    assert talvik["sources"] == "The interior ministry (government) | Lumo Clinics (company)"
    assert talvik["reports"] == "r1 r2" and talvik["final_status"] == "injured"
    assert table.rows[1]["statuses"] == "killed injured(denied)"
