"""One check of a report's fields before extraction, the same for every reader, the API and both stores
(issue 21, points 5 and 8): a field longer than its column is an error naming the file, line and field,
and the rest goes on; a 'published' that is no real moment is dropped with a warning and the report is kept.
The reports are written for these tests."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from headcount import ingest_reports
from headcount.api import create_app
from headcount.cli import app as cli
from headcount.ingest.readers import checked, read_file
from headcount.model import REPORT_FIELD_CHARS, Report
from headcount.store import Store

TEXT = "Police said 3 guards were injured at the Orvel kiln."
LIMITS = sorted(REPORT_FIELD_CHARS.items())


def _line(**fields) -> str:
    return json.dumps({"text": TEXT, **fields})


@pytest.mark.parametrize("name,limit", LIMITS)
def test_a_field_longer_than_its_column_is_named_and_the_rest_is_stored(tmp_path, store_url, name, limit):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([_line(id="first"), _line(**{"id": "long", name: "x" * (limit + 1)}),
                                _line(id="last")]) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["ingest", str(batch), "--db", store_url, "--silent"])
    assert done.exit_code == 1
    assert f"[E024] {batch}:2: field '{name}' holds {limit + 1:,} characters" in done.output
    with Store.open(store_url) as store:
        assert sorted(r.report.id for r in store.reports()) == ["first", "last"]


@pytest.mark.parametrize("name,limit", [(n, m) for n, m in LIMITS if n != "published"])
def test_a_field_as_long_as_its_column_is_kept_by_both_stores(store_url, name, limit):
    fields = {"id": "edge", "url": None, "outlet": None, "language": "en", "incident": None, name: "k" * limit}
    result = ingest_reports([Report(text=TEXT, **fields)], Store.open(store_url))
    assert result.errors == [] and len(result.stored) == 1
    with Store.open(store_url) as store:
        stored = store.reports()[0].report
    assert getattr(stored, name) == "k" * limit


@pytest.mark.parametrize("published", ["2024-13-45", "-0500-01-01", "2023-02-29", "tomorrow", "2024-05-02T25:00"])
def test_a_date_that_is_no_date_is_reported_and_the_report_kept_undated(tmp_path, store_url, published):
    batch = tmp_path / "dates.jsonl"
    batch.write_text(_line(id="odd-date", published=published) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["ingest", str(batch), "--db", store_url, "--silent"])
    assert done.exit_code == 0, done.output
    assert f"warning: [E025] {batch}:1: 'published' {json.dumps(published)} is not a real date" in done.output
    with Store.open(store_url) as store:
        assert [(r.report.id, r.report.published) for r in store.reports()] == [("odd-date", None)]


def test_real_dates_are_kept_as_given(tmp_path):
    batch = tmp_path / "dates.jsonl"
    given = ["2024-02-29", "2024-05-02T09:30:00Z", "2024-05-02 09:30:00.25+05:30", "0001-01-01T00:00+01:00"]
    batch.write_text("\n".join(_line(id=f"r{i}", published=p) for i, p in enumerate(given)) + "\n")
    read = list(read_file(batch))
    assert [r.published for r in read] == given and all(r.warnings == () for r in read)


def test_extract_and_batch_print_the_warning_too(tmp_path):
    batch = tmp_path / "dates.jsonl"
    batch.write_text(_line(id="odd-date", published="2024-13-45") + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["extract", str(batch), "--silent"])
    assert done.exit_code == 0 and "warning: [E025]" in done.output


def test_a_program_s_own_reports_get_the_same_check():
    assert "[E024]" in str(checked(Report(id="p", text=TEXT, outlet="o" * 513)))
    kept = checked(Report(id="p", text=TEXT, published="2024-13-45"))
    assert kept.published is None and "[E025]" in kept.warnings[0]
    assert kept == Report(id="p", text=TEXT)  # a warning is not part of the report


@pytest.fixture
def client(store_url):
    with TestClient(create_app(store_url, refresh_every=0), base_url="http://127.0.0.1") as c:
        yield c


@pytest.mark.parametrize("name,limit", [(n, m) for n, m in LIMITS if n != "published"])
def test_the_api_takes_exactly_what_the_readers_take(client, name, limit):
    edge = client.post("/api/reports", json={"text": TEXT, "id": f"api-{name}", name: "k" * limit})
    assert edge.status_code == 201, edge.text
    over = client.post("/api/reports", json={"text": TEXT, "id": f"api-{name}-2", name: "k" * (limit + 1)})
    assert over.status_code == 422 and name in over.text


def test_the_api_keeps_a_report_with_no_real_date_and_says_so(client):
    answer = client.post("/api/reports", json={"text": TEXT, "id": "api-date", "published": "2024-13-45"})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["report"]["published"] is None
    assert len(body["warnings"]) == 1 and "[E025] POST /api/reports: 'published' \"2024-13-45\"" in body["warnings"][0]
