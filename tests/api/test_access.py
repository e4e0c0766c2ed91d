"""Host and Origin checks (issue 21, point 7): a web page of another site, its name pointed at the loopback
address by DNS rebinding, can neither read from nor write to a server on this machine."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from headcount.api import create_app
from headcount.api.access import serves

BODY = {"text": "Officials said 2 guards were injured at the Orvel kiln."}  # written for these tests
TOKEN = "s3cret"


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'access.db'}"


def _client(db: str, base_url: str, **options) -> TestClient:
    return TestClient(create_app(db, refresh_every=0, **options), base_url=base_url)


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/openapi.json", "/api/incidents", "/api/reports"])
def test_a_loopback_server_answers_no_read_for_another_host(db, path):
    with _client(db, "http://rebound.example:8000") as rebound:
        refused = rebound.get(path)
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/json"
    detail = refused.json()["detail"]
    assert "E032" in detail and "rebound.example:8000" in detail and "127.0.0.1" in detail
    assert "script-src 'self'" in refused.headers["content-security-policy"]


@pytest.mark.parametrize("token", [None, TOKEN])
def test_a_loopback_server_takes_no_write_for_another_host_even_with_its_token(db, token):
    with _client(db, "http://rebound.example:8000", token=token) as rebound:
        refused = rebound.post("/api/reports", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 400 and "E032" in refused.json()["detail"]
    with _client(db, "http://127.0.0.1:8000") as local:
        assert local.get("/api/reports").json() == []


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000",
                                      "http://LOCALHOST.", "http://127.0.0.2:9"])
def test_loopback_names_are_answered(db, base_url):
    with _client(db, base_url) as local:
        assert local.get("/api/incidents").status_code == 200


def test_a_server_bound_to_an_address_answers_to_it_and_to_loopback_names(db):
    for base_url, code in (("http://192.0.2.10:8000", 200), ("http://127.0.0.1:8000", 200),
                           ("http://rebound.example:8000", 400), ("http://192.0.2.11:8000", 400)):
        with _client(db, base_url, token=TOKEN, host="192.0.2.10") as client:
            assert client.get("/api/incidents").status_code == code, base_url


def test_a_server_bound_to_every_interface_answers_any_host(db):
    with _client(db, "http://headcount.intranet.example:8000", token=TOKEN, host="0.0.0.0") as client:
        assert client.get("/api/incidents").status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://rebound.example:8000"},
    {"Origin": "null"},  # a sandboxed frame, a file:// page
    {"Origin": "http://127.0.0.1:3000"},  # another server of this machine is another site
    {"Origin": "http://localhost:8000"},  # another name of this one, too
    {"Origin": "https://127.0.0.1:8000"},
    {"Referer": "http://rebound.example:8000/page.html"},
])
def test_a_write_from_another_sites_page_is_refused(db, headers):
    with _client(db, "http://127.0.0.1:8000") as local:
        refused = local.post("/api/reports", json=BODY, headers=headers)
        assert refused.status_code == 403
        detail = refused.json()["detail"]
        assert "E033" in detail and next(iter(headers.values())) in detail and "http://127.0.0.1:8000" in detail
        assert local.get("/api/reports", headers=headers).status_code == 200  # reading is not a write
        assert local.get("/api/reports").json() == []


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://127.0.0.1:8000"},
                                     {"Referer": "http://127.0.0.1:8000/"}])
def test_a_write_from_the_servers_own_page_or_from_no_page_is_taken(db, headers):
    with _client(db, "http://127.0.0.1:8000") as local:
        assert local.post("/api/reports", json=BODY, headers=headers).status_code == 201


def test_the_token_is_still_needed_from_the_servers_own_page(db):
    with _client(db, "http://127.0.0.1:8000", token=TOKEN) as local:
        own = {"Origin": "http://127.0.0.1:8000"}
        assert local.post("/api/reports", json=BODY, headers=own).status_code == 401
        signed = {**own, "Authorization": f"Bearer {TOKEN}"}
        assert local.post("/api/reports", json=BODY, headers=signed).status_code == 201


@pytest.mark.parametrize("host, bind, served", [
    ("127.0.0.1", "127.0.0.1", True), ("localhost", "127.0.0.1", True), ("::1", "127.0.0.1", True),
    ("LocalHost.", "::1", True), ("rebound.example", "127.0.0.1", False), ("rebound.example", "localhost", False),
    ("192.0.2.10", "192.0.2.10", True), ("box.example", "Box.Example", True), ("192.0.2.10", "127.0.0.1", False),
    ("anything.example", "0.0.0.0", True), ("anything.example", "::", True), (None, "0.0.0.0", False),
])
def test_serves_names_the_hosts_of_a_bind_address(host, bind, served):
    assert serves(host, bind) is served


@pytest.mark.parametrize("host", ["127.0.0.1@rebound.example", "rebound.example/x", "[::1", "", "a b"])
def test_a_host_header_that_is_not_a_host_is_refused(db, host):
    with _client(db, "http://127.0.0.1:8000") as local:
        assert local.get("/api/incidents", headers={"Host": host}).status_code == 400
