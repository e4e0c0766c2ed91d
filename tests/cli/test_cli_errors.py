"""Each command's errors and empty cases (issue 20): one line naming what to fix, an exit status that
says whether anything was done, and no traceback. Texts written for these tests."""
from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from headcount import cli
from headcount.cli import app

runner = CliRunner()
HEADCOUNT = [sys.executable, "-c", "from headcount.cli import main; main()"]
DATED = '{"id": "dock-1", "published": "2030-05-04", "text": "Port police said 3 workers were injured."}\n'


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(HEADCOUNT + [str(a) for a in args], capture_output=True, text=True)


@pytest.fixture
def dated_db(tmp_path) -> str:
    (tmp_path / "dock.jsonl").write_text(DATED, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'dock.db'}"
    assert invoke("ingest", tmp_path / "dock.jsonl", "--db", db, "--silent").exit_code == 0
    return db


def test_eval_of_a_missing_file_is_one_line_naming_it(tmp_path):
    (tmp_path / "pred.jsonl").write_text("", encoding="utf-8")
    proc = run("eval", tmp_path / "nofile.jsonl", tmp_path / "pred.jsonl")
    assert proc.returncode == 1 and proc.stderr.startswith("error: [E001]") and "nofile.jsonl" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_eval_of_a_bad_line_names_the_file_and_line(tmp_path):
    (tmp_path / "gold.jsonl").write_text('{"report": "a"}\n' + "[" * 50_000 + "\n", encoding="utf-8")
    proc = run("eval", tmp_path / "gold.jsonl", tmp_path / "gold.jsonl")
    assert proc.returncode == 1 and "gold.jsonl:2" in proc.stderr and "Traceback" not in proc.stderr


def test_ingest_of_only_a_missing_file_does_not_speak_of_others(tmp_path):
    result = invoke("ingest", tmp_path / "nofile.txt", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "nofile.txt" in result.stderr
    assert "the others went through" not in result.stderr and "nothing else" in result.stderr


def test_ingest_with_one_bad_line_counts_what_went_through(tmp_path):
    (tmp_path / "two.jsonl").write_text(DATED + "{not json\n", encoding="utf-8")
    result = invoke("ingest", tmp_path / "two.jsonl", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "two.jsonl:2" in result.stderr and "the other 1 went through" in result.stderr


@pytest.mark.parametrize("command", [["account"], ["account", "--format", "json"], ["incidents"], ["timeline"]])
def test_reading_an_empty_store_says_what_to_do_and_exits_1(tmp_path, command):
    proc = run(*command, "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("error: [E030]") and "headcount ingest" in proc.stderr


def test_account_as_of_before_the_first_claim_says_when_the_first_is(dated_db):
    result = invoke("account", "--db", dated_db, "--as-of", "2030-01-01")
    assert result.exit_code == 0 and result.stdout == ""
    assert "nothing was known as of 2030-01-01" in result.stderr and "2030-05-04" in result.stderr
    assert "23:59" not in result.stderr  # a bare date is shown as a date


def test_account_heading_counts_the_reports_known_as_of_then(tmp_path):
    later = DATED.replace("dock-1", "dock-2").replace("05-04", "05-09").replace("3 workers", "5 workers")
    (tmp_path / "dock.jsonl").write_text(DATED + later, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'dock.db'}"
    assert invoke("ingest", tmp_path / "dock.jsonl", "--db", db, "--silent", "--incident", "dock").exit_code == 0
    early = invoke("account", "--db", db, "--as-of", "2030-05-05").stdout
    assert "dock: 1 report(s)" in early and "[dock" not in early  # the id is not repeated after its title
    assert "dock: 2 report(s)" in invoke("account", "--db", db).stdout


def test_timeline_names_each_incident_once_and_shows_bare_dates_as_dates(dated_db):
    shown = invoke("timeline", "--db", dated_db).stdout
    assert "2030-05-04" in shown and "23:59" not in shown


def test_export_parquet_to_a_terminal_is_refused(dated_db, monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "_stdout_is_terminal", lambda: True)
    result = invoke("export", "--db", dated_db, "--format", "parquet")
    assert result.exit_code == 1 and "E031" in str(result.exception)
    written = invoke("export", "--db", dated_db, "--format", "parquet", "--out", tmp_path / "c.parquet")
    assert written.exit_code == 0 and (tmp_path / "c.parquet").stat().st_size > 0


def test_ingest_of_hostile_lines_stores_the_good_ones_without_a_traceback(tmp_path):
    """issue 21, point 2: a line nested too deeply and a lone surrogate each lost the whole batch."""
    good = '{"id": "ok-%d", "text": "Officials said %d workers were freed."}\n'
    (tmp_path / "hostile.jsonl").write_text(good % (1, 2) + "[" * 100_000 + "\n" + '{"text": "Bad \\ud800 text."}\n'
                                            + good % (2, 3), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    proc = run("ingest", tmp_path / "hostile.jsonl", "--db", db, "--silent")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "hostile.jsonl:2" in proc.stderr and "hostile.jsonl:3" in proc.stderr
    assert "stored 2 report(s)" in proc.stderr


def test_reports_of_an_empty_store_says_what_to_do_and_exits_1(tmp_path):
    proc = run("reports", "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert proc.returncode == 1 and proc.stderr.startswith("error: [E030]") and proc.stdout == ""


def test_extract_of_a_missing_file_names_it_and_exits_1(tmp_path):
    result = invoke("extract", tmp_path / "nowhere.txt", "--silent")
    assert result.exit_code == 1 and "[E011]" in result.stderr and "nowhere.txt" in result.stderr
    assert "Traceback" not in result.output


def test_batch_of_a_missing_shard_names_it_and_exits_1(tmp_path):
    proc = run("batch", tmp_path / "nowhere.jsonl", "--output", tmp_path / "out", "--silent")
    assert proc.returncode == 1 and proc.stderr.startswith("error: [E011]") and "Traceback" not in proc.stderr


def test_watch_of_a_feed_it_cannot_reach_names_it_and_exits_1(tmp_path):
    result = invoke("watch", "http://127.0.0.1:9/dock.rss", "--times", "1", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "[E015] http://127.0.0.1:9/dock.rss" in result.stderr
    assert "round 1: stored 0 new report(s)" in result.stderr


def test_serve_on_every_interface_without_a_token_refuses_to_start(tmp_path):
    proc = run("serve", "--host", "0.0.0.0", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert proc.returncode == 1 and proc.stderr.startswith("error: [E019]")
