import json

import pytest
from typer.testing import CliRunner

from headcount.cli import app
from headcount.model import report_identity

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("command", ["extract", "ingest", "account", "timeline", "incidents", "reports",
                                     "export", "watch"])
def test_cli_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"headcount {command}" in result.output


def test_cli_extract_jsonl_is_the_claim_format_with_stable_ids(examples):
    first = invoke("extract", examples, "--format", "jsonl")
    second = invoke("extract", examples, "--format", "jsonl")
    assert first.exit_code == 0, first.output
    claims = [json.loads(line) for line in first.stdout.splitlines()]
    assert claims and first.stdout == second.stdout
    for c in claims:
        assert set(c) >= {"id", "report", "span", "text", "status", "count", "group", "source", "modality"}
        assert set(c["count"]) == {"low", "high", "qualifier", "text"}
        assert set(c["group"]) == {"text", "nationality", "foreign", "role"}
        assert set(c["source"]) == {"text", "kind", "country", "via"}


def test_cli_extract_table(examples):
    result = invoke("extract", examples / "velmora.jsonl", "--format", "table")
    assert result.exit_code == 0
    assert "freed" in result.stdout and "Norway" in result.stdout


def test_cli_extract_does_not_touch_the_store(examples, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("extract", examples / "velmora.jsonl").exit_code == 0
    assert not (tmp_path / "headcount.db").exists()


def test_cli_ingest_twice_stores_once(examples, tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    first = invoke("ingest", examples, "--db", db)
    assert first.exit_code == 0, first.output
    assert "stored 5 report(s)" in first.stderr
    second = invoke("ingest", examples, "--db", db)
    assert second.exit_code == 0 and "stored 0 report(s); 5 already" in second.stderr


def test_cli_ingest_uses_headcount_db_env(examples, tmp_path, monkeypatch):
    monkeypatch.setenv("HEADCOUNT_DB", str(tmp_path / "env.db"))
    assert invoke("ingest", examples / "velmora.jsonl").exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_cli_account_json_and_table(examples, tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    invoke("ingest", examples, "--db", db, "--incident", "velmora-terminal-2024")
    result = invoke("account", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    (incident,) = json.loads(result.stdout)["incidents"]
    assert incident["id"] == "velmora-terminal-2024" and len(incident["reports"]) == 5
    cells = {(c["group"]["nationality"], c["status"]): c for c in incident["cells"]}
    assert cells[("NO", "freed")]["best"] == 3
    extracted = {json.loads(x)["id"] for x in invoke("extract", examples).stdout.splitlines()}
    assert {cid for c in incident["cells"] for cid in c["claims"]} == extracted
    table = invoke("account", "--db", db)
    assert table.exit_code == 0 and "Norway" in table.stdout




@pytest.mark.parametrize("name,content,needle", [
    ("bad.jsonl", b'{"id": "ok", "text": "Two workers were freed."}\n{oops\n', "bad.jsonl:2"),
    ("empty.txt", b"", "empty.txt"),
    ("junk.txt", b"\x00\x01\x02\xff" * 64, "junk.txt"),
])
def test_cli_bad_input_is_named_and_the_rest_goes_through(tmp_path, name, content, needle):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(content)
    (tmp_path / "in" / "good.txt").write_text("Three guards were injured.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = invoke("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    assert needle in result.stderr and "error:" in result.stderr
    stored = [r["id"] for r in json.loads(invoke("reports", "--db", db, "--format", "json").stdout)["reports"]]
    assert report_identity(None, None, "Three guards were injured.") in stored


def test_cli_missing_file_is_named_and_exit_is_nonzero(tmp_path, examples):
    result = invoke("extract", tmp_path / "nope.txt", examples / "velmora.jsonl")
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert result.stdout.strip()  # the good file's claims were still printed


def test_cli_unreadable_file_is_named(tmp_path, monkeypatch):
    import pathlib
    locked = tmp_path / "locked.txt"
    locked.write_text("Two men died.", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Four men fled.", encoding="utf-8")
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    result = invoke("extract", tmp_path)
    assert result.exit_code == 1
    assert "locked.txt" in result.stderr and "Permission denied" in result.stderr
    assert f'"report": "{report_identity(None, None, "Four men fled.")}"' in result.stdout


def test_cli_bad_db_url_is_one_line_and_exit_1(tmp_path, examples):
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-c", "from headcount.cli import main; main()", "account",
                           "--db", "nosuchdialect://x"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: [E008]") and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, shared):
    db = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    assert invoke("ingest", shared / "data" / "seed" / "reports.jsonl", "--db", db).exit_code == 0
    return db


def _seed_cells(db, *args):
    result = invoke("account", "--db", db, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    (incident,) = json.loads(result.stdout)["incidents"]
    return incident, {(c["group"]["nationality"], c["group"]["foreign"], c["group"]["role"], c["status"]): c
                      for c in incident["cells"]}


def test_cli_seed_account_meets_the_expected_figures(seed_db, shared):
    """The figures of ../shared/data/seed/expected-account.json, from the seed report ingested alone."""
    incident, cells = _seed_cells(seed_db)
    assert (cells[("JP", None, "other", "freed")]["low"], cells[("JP", None, "other", "freed")]["high"]) == (3, 3)
    assert (cells[("JP", None, "other", "missing")]["low"], cells[("JP", None, "other", "missing")]["high"]) == (14, 14)
    assert cells[("JP", None, "other", "taken")]["low"] >= 17
    assert cells[("JP", None, "other", "taken")]["derived_from"]
    assert cells[(None, True, "other", "freed")]["low"] >= 13
    assert cells[("DZ", None, "other", "freed")]["low"] == 600
    assert cells[(None, None, "other", "killed")]["low"] >= 30
    assert cells[(None, None, "all", "killed")]["low"] >= 30
    claims = {json.loads(x)["id"]: json.loads(x) for x in
              invoke("extract", shared / "data" / "seed" / "reports.jsonl").stdout.splitlines()}
    four = {cid for cid, c in claims.items() if c["status"] == "freed" and c["count"]["low"] == 4
            and c["group"]["foreign"] is True}
    assert len(four) == 2
    conflict = next(c for c in incident["conflicts"] if four <= set(c["claims"]))
    assert conflict["reason"] == "scope" and set(conflict["dropped"]) == four
    assert "cannot all hold" in conflict["explanation"]


def test_cli_seed_as_of_before_the_afternoon_leaves_out_the_held_figure(seed_db):
    _, cells = _seed_cells(seed_db)
    held = cells[(None, True, "other", "held")]
    # "about 60 held" in the afternoon; by the end of the day the held can only have fallen
    assert (held["low"], held["high"], held["best"]) == (0, 66, 60)
    _, afternoon = _seed_cells(seed_db, "--as-of", "2013-01-18T16:00")
    assert (afternoon[(None, True, "other", "held")]["low"], afternoon[(None, True, "other", "held")]["high"]) == (54, 66)
    _, before = _seed_cells(seed_db, "--as-of", "2013-01-18T12:00")
    assert (None, True, "other", "held") not in before
    _, none = _seed_cells(seed_db, "--as-of", "2013-01-17")
    assert none == {}


@pytest.mark.parametrize("policy", ["conservative", "range", "latest", "weighted"])
def test_cli_every_policy_keeps_best_within_the_bounds(seed_db, policy):
    incident, cells = _seed_cells(seed_db, "--policy", policy)
    assert incident["policy"] == policy
    for c in cells.values():
        assert c["low"] <= c["best"] and (c["high"] is None or c["best"] <= c["high"])


def test_cli_weights_file_changes_which_claims_give_way(seed_db, tmp_path):
    weights = tmp_path / "w.toml"
    weights.write_text("[source_kind]\nmedia = 50.0\nstate_media = 50.0\n")
    incident, cells = _seed_cells(seed_db, "--weights", weights)
    # trusting the news agencies above all, "four foreigners freed" stands and the governments give way
    assert cells[(None, True, "other", "freed")]["high"] == 4
    dropped = {d for c in incident["conflicts"] for d in c["dropped"]}
    assert dropped and dropped.isdisjoint(cells[(None, True, "other", "freed")]["claims"])


def test_cli_bad_as_of_and_unknown_incident_are_one_line_errors(seed_db):
    import subprocess
    import sys
    for args, code in ((["--as-of", "next tuesday"], "E012"), (["--incident", "nowhere"], "E013")):
        proc = subprocess.run([sys.executable, "-c", "from headcount.cli import main; main()", "account",
                               "--db", seed_db, *args], capture_output=True, text=True)
        assert proc.returncode == 1 and proc.stderr.startswith(f"error: [{code}]"), proc.stderr
        assert "Traceback" not in proc.stderr


def test_cli_incidents_and_timeline(seed_db):
    result = invoke("incidents", "--db", seed_db, "--format", "json")
    assert result.exit_code == 0
    (incident,) = json.loads(result.stdout)["incidents"]
    assert incident["host"] == "DZ" and incident["reports"] == ["asianews-2013-01-18"]
    result = invoke("timeline", "--db", seed_db, "--format", "json", "--incident", incident["id"])
    assert result.exit_code == 0
    points = json.loads(result.stdout)["timelines"][0]["points"]
    moments = sorted({p["as_of"] for p in points})
    assert moments == ["2013-01-18T15:00:00", "2013-01-18T23:59:59"]
    first = [p for p in points if p["as_of"] == moments[0]]
    assert {(p["group"]["foreign"], p["status"]) for p in first} >= {(True, "held")}
    assert "Tigantourine" in invoke("timeline", "--db", seed_db).stdout


def test_account_in_two_processes_is_the_account_in_one(tmp_path, examples, shared):
    db = tmp_path / "two.db"
    assert invoke("ingest", examples, "--db", db, "--silent").exit_code == 0
    assert invoke("ingest", shared / "data/seed/reports.jsonl", "--db", db, "--silent").exit_code == 0
    one = invoke("account", "--db", db, "--format", "json")
    two = invoke("account", "--db", db, "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert json.loads(one.stdout) == json.loads(two.stdout) and len(json.loads(one.stdout)["incidents"]) >= 2
