"""Schemathesis against the app's own OpenAPI schema, in all its phases (the schema's examples, its coverage
cases, fuzzing, and stateful sequences that follow an answer's ids into the next request), on SQLite and,
with HEADCOUNT_TEST_POSTGRES, on PostgreSQL: requests generated valid and not, and hostile reports written
here (ids shaped like versions, counts past any column), never get a server error, and answers match the
schema (status codes, content types, bodies)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from schemathesis.core.failures import FailureGroup
from conftest import empty_postgres
from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import FlakyStrategyDefinition
from typer.testing import CliRunner

from headcount.api import create_app
from headcount.cli import app as cli

TOKEN = "schema-test-token"
# Sent with every case: the Host a loopback server answers to (api/access.py). The token goes by the
# schema's security scheme (CONFIG's auth), so that a case generated without it is sent without it.
SENT = {"base_url": "http://127.0.0.1"}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
_folder = tempfile.TemporaryDirectory(prefix="headcount-schema-")
SQLITE = f"sqlite:///{Path(_folder.name) / 'store.db'}"
CONFIG = schemathesis.Config.from_dict({
    "auth": {"openapi": {"HTTPBearer": {"bearer": TOKEN}}},
    "phases": {phase: {"enabled": True} for phase in ("examples", "coverage", "fuzzing", "stateful")},
    # A body over the size limit is refused with 413, which is a rejection too.
    "checks": {"negative_data_rejection": {
        "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]}},
    # An alert rule's cell words, its webhook's secret and what it watches are checked together by the
    # CLI's own check (alerts.make_rule), which no schema states: a schema-valid rule may still be a 422.
    "operations": [{"include-name": "POST /api/alerts", "checks": {
        "positive_data_acceptance": {"expected-statuses": [201, 401, 404, 422]}}}]})
# Loaded at import, as schemathesis's pytest integration wants (its lazy, fixture-based loader fails
# under pytest 9), from the SQLite store's app; every case is sent to the app of the store under test.
SQLITE_APP = create_app(SQLITE, token=TOKEN, refresh_every=0)
full_schema = schemathesis.openapi.from_asgi("/openapi.json", SQLITE_APP, config=CONFIG, headers={"Host": "127.0.0.1"})
# The event stream stays open until its client goes, and the test client reads an answer to its end: it
# is left to the cases written for it (test_the_event_stream_matches_the_schema), which end it with once.
schema = full_schema.exclude(path="/api/events")

# Written for these tests: ids that look like versions of one another, and figures no column holds.
HOSTILE = [
    {"id": "kiln-7@v2", "text": "Police said 3 guards were killed at the Orvel kiln."},
    {"id": "kiln-7", "text": "Police said 4 guards were killed at the Orvel kiln."},
    {"id": "kiln-7", "text": "Police said 5 guards were killed at the Orvel kiln."},
    {"id": "kiln-7@v2", "text": "Police said 6 guards were killed at the Orvel kiln."},
    {"id": "kiln-7@v1", "text": "Police said 7 guards were killed at the Orvel kiln."},
    {"id": "huge-1", "published": "2024-01-01", "text": "99999999999999999999 people were killed"},
    {"id": "huge-2", "published": "2024-01-01", "text": "10^400 hostages"},
    {"id": "huge-3", "text": "Officials said 9223372036854775808 people were killed and 2147483648 were injured."},
    {"id": "edge-of-time", "published": "0001-01-01T00:00+01:00", "text": "Police said 2 guards were injured."},
]


def _stores() -> list:
    stores = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get("HEADCOUNT_TEST_POSTGRES"):
        stores.append(pytest.param("postgres", id="postgres"))
    return stores


@pytest.fixture(scope="module", params=_stores())
def app(request, shared, examples):
    """The app over a store holding the seed and the bundled examples, so that ids and filters find something."""
    if request.param == "sqlite":
        url, served = SQLITE, SQLITE_APP
    else:
        url = os.environ["HEADCOUNT_TEST_POSTGRES"]
        empty_postgres(url)
        served = create_app(url, token=TOKEN, refresh_every=0)
    for path in (shared / "data/seed/reports.jsonl", examples):
        done = CliRunner().invoke(cli, ["ingest", str(path), "--db", url, "--silent"])
        assert done.exit_code == 0, done.output
    yield served
    if served is not SQLITE_APP:
        served.state.store.close()  # its connections would keep the next test from dropping the tables


@schema.parametrize()
@SETTINGS
def test_no_server_errors_and_answers_match_the_schema(case, app):
    case.call_and_validate(app=app, **SENT)


def test_stateful_sequences_get_no_server_errors(app):
    """POST a report, then GET it, its claims and its incident by the ids the answer gives, and so on."""
    failures = []

    class Sequences(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"app": app, **SENT}

        def validate_response(self, response, case, **kwargs):
            try:
                super().validate_response(response, case, **kwargs)
            except FailureGroup as found:
                failures.append(f"{case.method} {case.formatted_path}: {found}")

    # A sequence Hypothesis runs again meets a store that has changed (its POST now answers 200, not
    # 201), which it takes for a flaky strategy; so failures are kept rather than raised and shrunk (they
    # name their request), and a run cut short that way is followed by another, as schemathesis's own
    # runner does.
    for _ in range(3):
        try:
            Sequences.run(settings=settings(SETTINGS, max_examples=20, stateful_step_count=6, database=None,
                                            phases=[Phase.generate]))
            break
        except FlakyStrategyDefinition:
            continue
    assert not failures, "\n".join(failures)


def _call(app, method: str, path: str, headers: dict | None = None, **parts):
    """A request written here (with the token), checked by schemathesis as it checks the generated ones."""
    headers = {"Authorization": f"Bearer {TOKEN}", **(headers or {})}
    return full_schema[path][method].Case(headers=headers, **parts).call_and_validate(app=app, **SENT)


def test_the_event_stream_matches_the_schema(app):
    for headers in ({}, {"Last-Event-ID": "0"}, {"Last-Event-ID": "9" * 40}, {"Last-Event-ID": "é\x7f"}):
        answer = _call(app, "GET", "/api/events", query={"once": True}, headers=headers)
        assert answer.headers["content-type"][0].startswith("text/event-stream") and "\nid: " in answer.text


def test_hostile_reports_are_stored_and_read_back(app):
    for body in HOSTILE:
        assert _call(app, "POST", "/api/reports", body=body).json()["report"]["id"] == body["id"]
    stored = _call(app, "GET", "/api/reports", query={"all_versions": True}).json()
    # Two reports of two versions each, and a third: an id shaped like a version is an id like any other.
    assert {(r["id"], r["version"]) for r in stored} >= {
        ("kiln-7@v2", 1), ("kiln-7@v2", 2), ("kiln-7", 1), ("kiln-7", 2), ("kiln-7@v1", 1)}
    # Only these: the fuzzing before may have stored ids such as ".." that no URL path carries as given.
    posted = {body["id"] for body in HOSTILE}
    incidents = set()
    for report in (r for r in stored if r["id"] in posted):
        answer = _call(app, "GET", "/api/reports/{report_id}", path_parameters={"report_id": report["id"]},
                       query={"version": report["version"]})
        assert answer.status_code == 200, answer.text
        incidents.add(answer.json()["incident"])
    for incident in incidents - {None}:
        for view in ("account", "timeline"):
            _call(app, "GET", f"/api/incidents/{{incident_id}}/{view}", path_parameters={"incident_id": incident})
    _call(app, "GET", "/api/claims")
