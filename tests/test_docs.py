"""The README keeps its two set-up commands, CI runs the test one, and every command is documented."""
import re
import subprocess

from conftest import ROOT
from headcount.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_after(marker: str) -> str:
    m = re.search(rf"<!-- {marker} -->\s*```sh\n(.+?)\n```", README, re.S)
    assert m, f"README has no command after <!-- {marker} -->"
    return m.group(1)


def test_docs_readme_has_the_two_setup_commands():
    demo, test = _command_after("demo-command"), _command_after("test-command")
    for cmd in (demo, test):
        assert cmd.startswith("python3.11 -m venv .venv") and "--require-hashes -r requirements/lock.txt" in cmd
    assert "headcount ingest examples/reports" in demo and "headcount account" in demo
    assert "pytest" in test


def test_docs_ci_runs_the_readme_test_command():
    script = ROOT / ".ci" / "run"
    extracted = subprocess.run(
        ["awk", '/<!-- test-command -->/{f=1; next} f && /^```sh/{g=1; next} g && /^```/{exit} g{print}',
         str(ROOT / "README.md")], capture_output=True, text=True, check=True).stdout.strip()
    assert extracted == _command_after("test-command")
    assert "test-command" in script.read_text(encoding="utf-8")


def test_docs_every_command_is_in_the_readme():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for name in names:
        assert f"headcount {name}" in README, name


def test_docs_python_example_runs(tmp_path, monkeypatch):
    m = re.search(r"From Python.*?```python\n(.+?)\n```", README, re.S)
    assert m, "README has no Python example"
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(m.group(1), "README.md", "exec"), scope)
    assert scope["claims"] and scope["result"].stored == ["r1"] and scope["accounts"]
