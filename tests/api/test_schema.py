"""Schemathesis against the app's own OpenAPI schema: generated requests, valid and not, never get a
server error, and answers match the schema (status codes, content types, bodies)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from headcount.api import create_app
from headcount.cli import app as cli

TOKEN = "schema-test-token"
# Loaded at import, as schemathesis's pytest integration wants (its lazy, fixture-based loader fails
# under pytest 9); the store is filled by the fixture below before any case runs.
_folder = tempfile.TemporaryDirectory(prefix="headcount-schema-")
STORE = f"sqlite:///{Path(_folder.name) / 'store.db'}"
# A body over the size limit is refused with 413, which is a rejection too.
CONFIG = schemathesis.Config.from_dict({"checks": {"negative_data_rejection": {
    "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(STORE, token=TOKEN), config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def filled_store(shared, examples):
    """The seed and the bundled examples, so that ids and filters find something."""
    for path in (shared / "data/seed/reports.jsonl", examples):
        done = CliRunner().invoke(cli, ["ingest", str(path), "--db", STORE, "--silent"])
        assert done.exit_code == 0, done.output
    yield
    _folder.cleanup()


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_answers_match_the_schema(case):
    # A pattern cannot say which dates exist: as_of=2013-02-31 fits it and is rightly refused (422).
    calendar = [schemathesis.checks.positive_data_acceptance] if case.operation.path.endswith("/account") else []
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=calendar)
