"""The HTTP API through FastAPI's test client: what it answers, and that bad requests get 4xx, not 500."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from headcount.api import create_app
from headcount.api.access import check_bind, is_loopback
from headcount.cli import app as cli
from headcount.errors import HeadcountError

SEED_INCIDENT = "tigantourine-plants-2013-01-18"
# The address the test client gives as Host: a loopback server answers to none other (api/access.py), and
# so not to the client's default, "testserver".
LOOPBACK = "http://127.0.0.1"

# Written for these tests: an invented incident with a figure, and markup that must never run.
HARBOUR_TEXT = ("PORT ALDER, 3 March 2021 - The coastguard said 7 sailors were rescued on Wednesday. "
                "A union official said two sailors were still missing.")
SCRIPT_TEXT = ("<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> "
               "Police said 4 people were injured in the blast at the Vessa depot.")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, shared) -> str:
    """A store holding the seed report, written once for the module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'seed.db'}"
    done = CliRunner().invoke(cli, ["ingest", str(shared / "data/seed/reports.jsonl"), "--db", url, "--silent"])
    assert done.exit_code == 0, done.output
    return url


@pytest.fixture
def client(seed_db) -> TestClient:
    with TestClient(create_app(seed_db), base_url=LOOPBACK) as c:
        yield c


@pytest.fixture
def fresh(store_url) -> TestClient:
    """A client over an empty store (SQLite, and PostgreSQL when configured)."""
    with TestClient(create_app(store_url), base_url=LOOPBACK) as c:
        yield c


def cli_json(*args: str) -> dict:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_incidents_list_the_seed_with_headline_figures(client):
    incidents = client.get("/api/incidents").json()
    assert [i["id"] for i in incidents] == [SEED_INCIDENT]
    seed = incidents[0]
    assert seed["host"] == "DZ" and seed["place"] == "Tigantourine Plants, Algeria" and seed["reports"] == ["asianews-2013-01-18"] and seed["claims"] == 20
    assert {"status": "killed", "low": 30, "high": None, "best": 30} in seed["headline"]


@pytest.mark.parametrize("policy", ["latest", "conservative"])
def test_account_is_the_cli_account_of_the_incident(client, seed_db, policy):
    """GET .../account gives exactly the JSON of `headcount account` for that incident."""
    got = client.get(f"/api/incidents/{SEED_INCIDENT}/account", params={"policy": policy}).json()
    want = cli_json("account", "--db", seed_db, "--format", "json", "--policy", policy)["incidents"][0]
    assert got.pop("stale") is False and got == want
    japan = {c["status"]: c["best"] for c in got["cells"] if c["group"]["label"] == "Japan"}
    assert japan["freed"] == 3 and japan["missing"] == 14


def test_account_as_of_leaves_later_claims_out(client):
    early = client.get(f"/api/incidents/{SEED_INCIDENT}/account", params={"as_of": "2013-01-18T16:00"}).json()
    assert early["as_of"] == "2013-01-18T16:00"
    assert {(c["group"]["label"], c["status"]) for c in early["cells"] if c["claims"]} == {("foreigners", "held")}


def test_timeline_lists_the_moments_of_a_replay(client, seed_db):
    got = client.get(f"/api/incidents/{SEED_INCIDENT}/timeline").json()
    assert got["moments"] == ["2013-01-18T15:00:00", "2013-01-18T23:59:59"]
    cli = cli_json("timeline", "--db", seed_db, "--format", "json")["timelines"][0]
    assert got["points"] == cli["points"]


@pytest.mark.parametrize("params, expected", [
    ({"nationality": "jp"}, 4),
    ({"status": "missing"}, 3),
    ({"source_kind": "state_media"}, 6),
    ({"incident": SEED_INCIDENT, "status": "freed", "nationality": "JP"}, 2),
    ({"incident": "no-such-incident"}, 0),
])
def test_claims_filter(client, params, expected):
    found = client.get("/api/claims", params=params).json()
    assert len(found) == expected
    for c in found:
        assert c["incident"] == SEED_INCIDENT
        assert params.get("status", c["status"]) == c["status"]


def test_claims_page_with_offset_and_limit(client):
    everything = client.get("/api/claims").json()
    page = client.get("/api/claims", params={"offset": 5, "limit": 3}).json()
    assert page == everything[5:8]


def test_report_gives_text_and_claim_spans(client):
    report = client.get("/api/reports/asianews-2013-01-18").json()
    assert report["incident"] == SEED_INCIDENT and report["claim_count"] == len(report["claims"]) == 20
    for c in report["claims"]:
        start, end = c["span"]
        assert report["text"][start:end] == c["text"]
    listed = client.get("/api/reports").json()
    assert [r["id"] for r in listed] == ["asianews-2013-01-18"] and "text" not in listed[0]


def test_post_stores_extracts_and_groups_a_report(fresh):
    body = {"id": "harbour-1", "text": HARBOUR_TEXT, "published": "2021-03-03", "outlet": "Alder Post"}
    created = fresh.post("/api/reports", json=body)
    assert created.status_code == 201
    got = created.json()
    assert got["stored"] is True and got["report"]["id"] == "harbour-1"
    assert {(c["status"], c["count"]["low"]) for c in got["claims"]} >= {("freed", 7), ("missing", 2)}
    incident = got["report"]["incident"]
    assert incident and fresh.get("/api/incidents").json()[0]["id"] == incident
    again = fresh.post("/api/reports", json=body)
    assert again.status_code == 200 and again.json()["stored"] is False
    assert again.json()["claims"] == got["claims"]
    changed = fresh.post("/api/reports", json={**body, "text": HARBOUR_TEXT + " Three were injured."})
    assert changed.status_code == 201 and changed.json()["report"]["version"] == 2
    assert [(r["id"], r["version"]) for r in fresh.get("/api/reports").json()] == [("harbour-1", 2)]
    assert len(fresh.get("/api/reports", params={"all_versions": True}).json()) == 2
    first = fresh.get("/api/reports/harbour-1", params={"version": 1}).json()
    assert first["text"] == HARBOUR_TEXT and first["claims"] == got["claims"]
    assert fresh.get("/api/reports/harbour-1", params={"version": 3}).status_code == 404


def test_post_of_an_id_that_looks_like_a_version_stores_both_reports(fresh):
    """'harbour-2@v2' is an id like any other: the second version of 'harbour-2' is another report."""
    posted = [fresh.post("/api/reports", json={"id": rid, "text": text}) for rid, text in (
        ("harbour-2@v2", HARBOUR_TEXT), ("harbour-2", "Four guards were injured."),
        ("harbour-2", "Five guards were injured."))]
    assert [p.status_code for p in posted] == [201, 201, 201]
    assert [(p.json()["report"]["id"], p.json()["report"]["version"]) for p in posted] == [
        ("harbour-2@v2", 1), ("harbour-2", 1), ("harbour-2", 2)]


def test_a_report_with_markup_comes_back_as_text(fresh):
    got = fresh.post("/api/reports", json={"text": SCRIPT_TEXT}).json()
    stored = fresh.get(f"/api/reports/{got['report']['id']}")
    assert stored.json()["text"] == SCRIPT_TEXT
    assert stored.headers["content-type"] == "application/json"


@pytest.mark.parametrize("body, headers, field", [
    (b"{not json", {"content-type": "application/json"}, "body"),
    (b"\xff\xfe\x00garbage", {"content-type": "application/json"}, "body"),
    (b"\xff\xfe\x00garbage", {}, "body"),
    (b"[1, 2]", {"content-type": "application/json"}, "body"),
    (b'{"id": "x"}', {"content-type": "application/json"}, "text"),
    (b'{"text": 5}', {"content-type": "application/json"}, "text"),
    (b'{"text": "   "}', {"content-type": "application/json"}, "text"),
    (b'{"text": "a\\u0000b"}', {"content-type": "application/json"}, "text"),
    (b'{"text": "a\\ud800b"}', {"content-type": "application/json"}, "text"),
    (b'{"text": "ok", "published": 2013}', {"content-type": "application/json"}, "published"),
])
def test_bad_bodies_get_422_naming_the_field(client, body, headers, field):
    answer = client.post("/api/reports", content=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert any(field in e["loc"] for e in answer.json()["detail"])


def test_oversized_bodies_get_413(seed_db):
    with TestClient(create_app(seed_db, max_body=10_000), base_url=LOOPBACK) as small:
        declared = small.post("/api/reports", json={"text": "word " * 5_000})
        assert declared.status_code == 413

        def chunks():  # no Content-Length: the limit counts what arrives
            for _ in range(20):
                yield b"x" * 1_000

        streamed = small.post("/api/reports", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert small.post("/api/reports", json={"text": "Two guards were hurt."}).status_code == 201


@pytest.mark.parametrize("path, code", [
    ("/api/incidents/no-such-incident/account", 404),
    ("/api/incidents/no-such-incident/timeline", 404),
    ("/api/reports/no-such-report", 404),
    (f"/api/incidents/{SEED_INCIDENT}/account?as_of=yesterday", 422),
    (f"/api/incidents/{SEED_INCIDENT}/account?policy=loudest", 422),
    ("/api/claims?status=dead", 422),
    ("/api/claims?nationality=Japan", 422),
    ("/api/claims?limit=0", 422),
])
def test_bad_reads_get_4xx_with_a_message(client, path, code):
    answer = client.get(path)
    assert answer.status_code == code
    assert answer.json()["detail"]


def test_writes_need_the_token_when_the_server_has_one(seed_db):
    with TestClient(create_app(seed_db, token="s3cret"), base_url=LOOPBACK) as guarded:
        body = {"text": "Officials said 2 guards were injured."}
        assert guarded.post("/api/reports", json=body).status_code == 401
        wrong = guarded.post("/api/reports", json=body, headers={"Authorization": "Bearer guess"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        assert guarded.post("/api/reports", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 201
        assert guarded.get("/api/incidents").status_code == 200  # reading stays open


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                            ("[::1]", True), ("0.0.0.0", False), ("192.168.1.20", False),
                                            ("example.org", False)])
def test_only_loopback_is_served_without_a_token(host, loopback):
    assert is_loopback(host) is loopback
    if loopback:
        check_bind(host, None)
    else:
        with pytest.raises(HeadcountError, match="E019"):
            check_bind(host, None)
        check_bind(host, "a-token")


def test_dashboard_and_its_assets_are_served_by_the_app(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200
        assert asset in page.text
    for text in (page.text, client.get("/static/app.js").text, client.get("/static/style.css").text):
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) >= {"/api/incidents", "/api/incidents/{incident_id}/account",
                          "/api/incidents/{incident_id}/timeline", "/api/claims", "/api/reports",
                          "/api/reports/{report_id}"}
    assert "post" in paths["/api/reports"] and "get" in paths["/api/reports"]
