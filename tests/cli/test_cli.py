import json

import pytest
from typer.testing import CliRunner

from headcount.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("command", ["extract", "ingest", "account"])
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


def test_cli_account_on_empty_store_says_what_to_do(tmp_path):
    result = invoke("account", "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert result.exit_code == 0 and "headcount ingest" in result.stderr


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
    stored = json.loads(invoke("account", "--db", db, "--format", "json").stdout)["incidents"][0]["reports"]
    assert "good" in stored


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
    assert '"report": "open"' in result.stdout


def test_cli_bad_db_url_is_one_line_and_exit_1(tmp_path, examples):
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-c", "from headcount.cli import main; main()", "account",
                           "--db", "nosuchdialect://x"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: [E008]") and "Traceback" not in proc.stderr
