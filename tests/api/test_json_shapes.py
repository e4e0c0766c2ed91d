"""One JSON shape per object (issue 20): the CLI's JSON of each command is exactly what the Pydantic model of
api/schemas.py describes, the model the API answers with, and the API gives the same objects; where the API
gives more, its model adds only those fields."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from headcount.api import create_app
from headcount.api import schemas
from headcount.cli import app as cli

LOOPBACK = "http://127.0.0.1"  # a Host the server answers to (api/access.py)


def run(*args) -> str:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, examples) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('shapes') / 'ex.db'}"
    run("ingest", examples, "--db", url, "--silent")
    return url


@pytest.fixture(scope="module")
def api(example_db):
    with TestClient(create_app(example_db), base_url=LOOPBACK) as client:
        yield client


def cli_json(example_db, command: str, *args) -> dict:
    return json.loads(run(command, "--db", example_db, "--format", "json", *args))


def exactly(model, obj: dict) -> dict:
    """``obj`` is what ``model`` describes, field for field: none outside it, none missing, no value it would
    change."""
    assert model.model_validate(obj).model_dump(mode="json") == obj
    return obj


def without(obj: dict, *fields: str) -> dict:
    return {k: v for k, v in obj.items() if k not in fields}


@pytest.mark.parametrize("api_model, shared_model, added", [
    (schemas.ClaimOut, schemas.GuidelinesClaim, {"moment", "group_label", "incident"}),
    (schemas.IncidentOut, schemas.IncidentSummary, {"headline"}),
    (schemas.AccountOut, schemas.Account, {"stale"}),
    (schemas.TimelineOut, schemas.Timeline, {"stale"}),
])
def test_the_api_s_models_add_only_what_a_server_has(api_model, shared_model, added):
    assert issubclass(api_model, shared_model)
    assert set(api_model.model_fields) - set(shared_model.model_fields) == added


def test_a_claim_of_extract_is_the_claim_the_api_gives_without_what_the_board_adds(examples, example_db, api):
    printed = [exactly(schemas.GuidelinesClaim, json.loads(line)) for line in run("extract", examples).splitlines()]
    served = {c["id"]: exactly(schemas.ClaimOut, c) for c in api.get("/api/claims").json()}
    assert printed and {c["id"] for c in printed} == set(served)
    for c in printed:
        assert without(served[c["id"]], "moment", "group_label", "incident") == c


def test_reports_are_the_api_s_reports(example_db, api):
    printed = [exactly(schemas.ReportOut, r) for r in cli_json(example_db, "reports")["reports"]]
    assert printed == api.get("/api/reports").json() and len(printed) == 5
    assert all(r["incident"] for r in printed)  # the incident each was grouped into, as the API says


def test_incidents_are_the_api_s_incidents_without_the_headline(example_db, api):
    printed = {i["id"]: exactly(schemas.IncidentSummary, i) for i in cli_json(example_db, "incidents")["incidents"]}
    served = {i["id"]: without(exactly(schemas.IncidentOut, i), "headline") for i in api.get("/api/incidents").json()}
    assert printed and printed == served


def test_accounts_and_timelines_are_the_api_s_without_stale(example_db, api):
    for incident in cli_json(example_db, "account")["incidents"]:
        served = api.get(f"/api/incidents/{incident['id']}/account", params={"policy": "latest"}).json()
        assert exactly(schemas.Account, incident) == without(exactly(schemas.AccountOut, served), "stale")
    for timeline in cli_json(example_db, "timeline", "--policy", "range")["timelines"]:
        served = api.get(f"/api/incidents/{timeline['incident']}/timeline", params={"policy": "range"}).json()
        assert exactly(schemas.Timeline, timeline) == without(exactly(schemas.TimelineOut, served), "stale")
