"""GET /api/incidents/{id}/people and GET /api/people (issue 18): the records of `headcount people`, shaped
once (views.person_record, schemas.PersonRecord), found by name case and accents aside; a split or join
made meanwhile shows at once. The people are built by hand and stored as ingest stores them."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from headcount.api import create_app, schemas
from headcount.cli import app as cli
from headcount.model import Person, PersonStatus, Report, Source
from headcount.store import Store

LOOPBACK = "http://127.0.0.1"
INCIDENT = "orvel-kiln-2024"
# Written for these tests: an invented incident, two reports, three named people (two of one surname).
FIRST = "Police said Adrian Évans, 41, and Patrick Evans were killed at the Orvel kiln."
SECOND = "A. Evans, a British engineer, died at the Orvel kiln, his employer said. Mr Evans was 41."
POLICE = Source("Police", "government")
EMPLOYER = Source("his employer", "company")


def _people() -> dict[str, list[Person]]:
    return {
        "kiln-1": [Person("kiln-1", "Adrian Évans", ((12, 24),), age=41,
                          statuses=(PersonStatus("killed", (0, 78), POLICE),), published="2024-03-01"),
                   Person("kiln-1", "Patrick Evans", ((34, 47),),
                          statuses=(PersonStatus("killed", (0, 78), POLICE),), published="2024-03-01")],
        "kiln-2": [Person("kiln-2", "A. Evans", ((0, 8), (73, 81)), nationality="GB", age=41, sex="male",
                          statuses=(PersonStatus("killed", (0, 45), EMPLOYER),), published="2024-03-02")],
    }


@pytest.fixture
def db(store_url) -> str:
    with Store.open(store_url) as store:
        for rid, text, published in (("kiln-1", FIRST, "2024-03-01"), ("kiln-2", SECOND, "2024-03-02")):
            ready = store.prepare(Report(id=rid, text=text, published=published, incident=INCIDENT))
            assert store.add(ready, [], people=_people()[rid])
    return store_url


@pytest.fixture
def api(db):
    with TestClient(create_app(db, refresh_every=0), base_url=LOOPBACK) as client:
        yield client


def run(*args) -> str:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    assert done.exit_code == 0, done.output
    return done.stdout


def test_incident_people_are_the_records_of_headcount_people(db, api):
    served = api.get(f"/api/incidents/{INCIDENT}/people").json()
    printed = json.loads(run("people", "--db", db, "--format", "json"))
    assert printed == {INCIDENT: served}
    for r in served:
        assert schemas.PersonRecord.model_validate(r).model_dump(mode="json") == r
    adrian, patrick = served
    assert adrian["name"] == "Adrian Évans" and adrian["reports"] == ["kiln-1", "kiln-2"]
    assert adrian["variants"] == ["Adrian Évans", "A. Evans", "Mr Evans"] and adrian["nationality"] == "GB"
    assert adrian["final_status"] == "killed" and adrian["final"]["report"] == "kiln-1"  # the police's word
    assert patrick["reports"] == ["kiln-1"] and len(adrian["merged_because"]) == 1


def test_incident_people_of_an_unknown_incident_is_404(api):
    answer = api.get("/api/incidents/nowhere/people")
    assert answer.status_code == 404 and "E013" in answer.json()["detail"]


@pytest.mark.parametrize("name, found", [("evans", ["Adrian Évans", "Patrick Evans"]), ("ADRIAN", ["Adrian Évans"]),
                                         ("évans pat", ["Patrick Evans"]), ("mr evans", ["Adrian Évans"]), ("nobody", []),
                                         ("", ["Adrian Évans", "Patrick Evans"])])
def test_people_found_by_name_case_and_accents_aside(api, name, found):
    answer = api.get("/api/people", params={"name": name})
    assert answer.status_code == 200 and [r["name"] for r in answer.json()] == found


def test_a_split_made_by_the_cli_shows_in_the_api_at_once(db, api):
    adrian = api.get(f"/api/incidents/{INCIDENT}/people").json()[0]
    said = CliRunner().invoke(cli, ["people", "--db", db, "--split", adrian["id"], "--format", "json"])
    assert said.exit_code == 0 and "decision 1" in said.stderr
    after = api.get(f"/api/incidents/{INCIDENT}/people").json()
    assert [r["name"] for r in after] == ["Adrian Évans", "Patrick Evans", "A. Evans"]
    assert after[0]["id"] == adrian["id"] and "decision 1" in after[0]["notes"][0]
    joined = CliRunner().invoke(cli, ["people", "--db", db, "--join", after[0]["id"], after[2]["id"]])
    assert joined.exit_code == 0, joined.output
    assert [r["name"] for r in api.get(f"/api/incidents/{INCIDENT}/people").json()] == ["Adrian Évans",
                                                                                         "Patrick Evans"]
