"""`headcount people` (issue 18): ingest stores each report's named people with its claims, and the command
lists one record per person, as a table or as {incident: [records]}; --split and --join keep a decision and
say how to undo it; bad input is one coded line. Extraction is replaced by hand-built people here."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

import headcount.extract
from headcount.cli import app as cli
from headcount.model import Person, PersonStatus, Source

runner = CliRunner()
INCIDENT = "orvel-kiln-2024"
# Written for these tests: an invented incident in two reports.
REPORTS = [
    {"id": "kiln-1", "published": "2024-03-01", "incident": INCIDENT,
     "text": "Police said Adrian Evans and Patrick Evans were killed at the Orvel kiln."},
    {"id": "kiln-2", "published": "2024-03-02", "incident": INCIDENT,
     "text": "A. Evans, 41, died at the Orvel kiln, his employer said."},
]
POLICE = Source("Police", "government")


def _people_of(report) -> list[Person]:
    said = {"kiln-1": [("Adrian Evans", (12, 24)), ("Patrick Evans", (29, 42))], "kiln-2": [("A. Evans", (0, 8))]}
    return [Person(report.id, name, (span,), statuses=(PersonStatus("killed", (0, 40), POLICE),),
                   published=report.published) for name, span in said[report.id]]


@dataclass
class Reading:
    report: object
    claims: list
    people: list


@pytest.fixture
def db(store_url, tmp_path, monkeypatch) -> str:
    def read_reports(reports, batch_size=16, jobs=1):
        for r in reports:
            yield Reading(r, [], _people_of(r))
    monkeypatch.setattr(headcount.extract, "read_reports", read_reports, raising=False)
    path = tmp_path / "kiln.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    done = runner.invoke(cli, ["ingest", str(path), "--db", store_url, "--silent"])
    assert done.exit_code == 0, done.output
    return store_url


def people_json(db, *args) -> dict:
    done = runner.invoke(cli, ["people", "--db", db, "--format", "json", *args])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_ingest_stores_the_people_and_people_merges_them(db):
    found = people_json(db)
    assert list(found) == [INCIDENT]
    assert [(r["name"], r["variants"], r["reports"], r["final_status"]) for r in found[INCIDENT]] == [
        ("Adrian Evans", ["Adrian Evans", "A. Evans"], ["kiln-1", "kiln-2"], "killed"),
        ("Patrick Evans", ["Patrick Evans"], ["kiln-1"], "killed")]
    assert people_json(db, "--incident", INCIDENT) == found


def test_people_table_shows_why_mentions_were_merged(db):
    done = runner.invoke(cli, ["people", "--db", db], terminal_width=300)
    assert done.exit_code == 0 and "Adrian Evans" in done.stdout and "initial" in done.stdout


def test_people_split_and_join_say_how_to_undo_them(db):
    adrian = people_json(db)[INCIDENT][0]
    split = runner.invoke(cli, ["people", "--db", db, "--split", adrian["id"], "--format", "json"])
    assert split.exit_code == 0 and "decision 1: kept apart 2 mention(s)" in split.stderr and "--join" in split.stderr
    after = json.loads(split.stdout)[INCIDENT]
    assert [r["name"] for r in after] == ["Adrian Evans", "Patrick Evans", "A. Evans"]
    joined = runner.invoke(cli, ["people", "--db", db, "--join", after[0]["id"], after[2]["id"]])
    assert joined.exit_code == 0 and "decision 2: joined" in joined.stderr
    assert people_json(db)[INCIDENT][0]["variants"] == ["Adrian Evans", "A. Evans"]


@pytest.mark.parametrize("args, code", [
    (["--split", "p000000000000"], "E060"),
    (["--join", "p000000000000", "p000000000000"], "E062"),
    (["--split", "x", "--join", "a", "b"], "E064"),
    (["--incident", "nowhere"], "E013"),
])
def test_people_bad_input_is_one_coded_line(db, args, code):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", "from headcount.cli import main; main()", "people", "--db", db,
                           *args], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"error: [{code}]") and len(done.stderr.strip().splitlines()) == 1


def test_people_of_a_single_mention_cannot_be_split(db):
    patrick = people_json(db)[INCIDENT][1]
    done = runner.invoke(cli, ["people", "--db", db, "--split", patrick["id"]])
    assert "E063" in str(done.exception)


def test_people_of_an_empty_store_says_to_ingest(tmp_path):
    done = runner.invoke(cli, ["people", "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert "E030" in str(done.exception)
