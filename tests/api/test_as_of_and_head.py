"""An as-of the schema allows is taken, and one it does not is refused (issue 21, point 8); HEAD is answered
wherever GET is. The report is written for these tests."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headcount.api import create_app

REPORT = {"id": "kiln-asof", "published": "2022-06-01T08:00:00Z",
          "text": "Police said 3 workers were killed at the Orvel kiln."}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('asof') / 's.db'}"
    with TestClient(create_app(url, refresh_every=0), base_url="http://127.0.0.1") as c:
        assert c.post("/api/reports", json=REPORT).status_code == 201
        yield c


@pytest.fixture(scope="module")
def account_url(client) -> str:
    return f"/api/incidents/{client.get('/api/incidents').json()[0]['id']}/account"


@pytest.fixture(scope="module")
def as_of_pattern(client) -> str:
    operation = client.get("/openapi.json").json()["paths"]["/api/incidents/{incident_id}/account"]["get"]
    schema = next(p["schema"] for p in operation["parameters"] if p["name"] == "as_of")
    return next(s["pattern"] for s in (schema, *schema.get("anyOf", ())) if "pattern" in s)


def test_every_as_of_the_schema_allows_is_taken(client, account_url, as_of_pattern):
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(as_of_pattern, fullmatch=True))
    def taken(as_of):
        answer = client.get(account_url, params={"as_of": as_of})
        assert answer.status_code == 200, (as_of, answer.text)
    taken()


@pytest.mark.parametrize("as_of", ["0001-01-01T00:00", "0001-01-01T00:00+01:00", "9999-12-31T23:59:59.5-01:00",
                                   "2024-02-29", "2000-02-29T12:00", "2022-06-01 08:00Z", "2022-06-01T09:00+0100"])
def test_moments_at_the_edges_are_taken(client, account_url, as_of_pattern, as_of):
    assert re.search(as_of_pattern, as_of)
    answer = client.get(account_url, params={"as_of": as_of})
    assert answer.status_code == 200, answer.text
    assert answer.json()["as_of"] == as_of


@pytest.mark.parametrize("as_of", ["0000-00-00", "0000-01-01", "2013-00-10", "2013-13-01", "2013-01-00",
                                   "2013-01-32", "2013-04-31", "2013-02-29", "1900-02-29", "2013-01-01T24:00",
                                   "2013-01-01T00:60", "2013-01-01T00:00:60", "2013-01-01T00:00+24:00",
                                   "2013-01-01T00:00:00.", "٢٠١٣-٠١-٠١", "yesterday"])
def test_an_as_of_that_is_no_moment_fits_no_pattern_and_is_refused(client, account_url, as_of_pattern, as_of):
    assert not re.search(as_of_pattern, as_of)
    answer = client.get(account_url, params={"as_of": as_of})
    assert answer.status_code == 422
    assert "E012" in answer.json()["detail"][0]["msg"]


@pytest.mark.parametrize("published", ["0001-01-01T00:00+01:00", "9999-12-31T23:59-01:00"])
def test_a_report_published_at_the_edge_of_time_can_be_read(tmp_path, published):
    """Its moment in UTC falls outside the years datetime holds: that was a 500 on every read of it."""
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", refresh_every=0),
                    base_url="http://127.0.0.1") as c:
        posted = c.post("/api/reports", json={**REPORT, "published": published})
        assert posted.status_code == 201, posted.text
        incident = posted.json()["report"]["incident"]
        for path in ("/api/reports/kiln-asof", "/api/claims", "/api/incidents", f"/api/incidents/{incident}/account",
                     f"/api/incidents/{incident}/timeline"):
            assert c.get(path).status_code == 200, path


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/openapi.json", "/api/incidents", "/api/claims",
                                  "/api/reports", "/api/reports/kiln-asof", "/api/reports/no-such-report"])
def test_head_is_get_without_the_body(client, path):
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) == len(got.content)


def test_head_of_an_account_and_its_timeline(client, account_url):
    for path in (account_url, account_url.replace("/account", "/timeline")):
        assert client.head(path).status_code == 200


def test_a_method_a_path_lacks_is_405_listing_head(client):
    answer = client.put("/api/reports")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, HEAD, POST"


def test_a_static_file_is_read_only(client):
    answer = client.put("/static/app.js")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, HEAD"
