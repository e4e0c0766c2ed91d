"""`--format` is one option (cli.format_option) over one set of formats (cli.Format): each command takes its own
few, with its default, and refuses another naming those it takes (issue 20)."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headcount import cli

runner = CliRunner()

# command (with the arguments it needs), the formats it takes, its default
COMMANDS = [
    (["extract", "missing.txt"], ["jsonl", "table"], "jsonl"),
    (["account"], ["table", "json"], "table"),
    (["timeline"], ["table", "json"], "table"),
    (["incidents"], ["table", "json"], "table"),
    (["reports"], ["table", "json"], "table"),
    (["people"], ["table", "json"], "table"),
    (["export"], ["csv", "json", "jsonl", "parquet", "pfif"], "csv"),
    (["eval", "gold.jsonl", "pred.jsonl"], ["table", "json"], "table"),
    (["batch", "shards", "--output", "claims"], ["parquet", "jsonl"], "parquet"),
]


@pytest.mark.parametrize("command, formats, default", COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_each_command_s_help_names_its_formats_and_default(command, formats, default):
    help = _option_help(runner.invoke(cli.app, [command[0], "--help"], terminal_width=200).stdout, "-f, --format")
    assert help.startswith(f"-f, --format <{'|'.join(formats)}> ") and help.endswith(f"[default: {default}]")
    for f in formats:
        assert f" {f}: " in help  # what each gives there


def _option_help(shown: str, option: str) -> str:
    """An option's lines of a command's help, as one line."""
    lines = shown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(option))
    rest = lines[start + 1:]
    end = next((i for i, line in enumerate(rest) if line.strip().startswith("-")), len(rest))
    return " ".join(line.strip() for line in [lines[start], *rest[:end]])


@pytest.mark.parametrize("command, formats, default", COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_a_format_the_command_does_not_write_is_refused_naming_those_it_does(command, formats, default):
    other = next(f.value for f in cli.Format if f.value not in formats)
    refused = runner.invoke(cli.app, [command[0], "-f", other, *command[1:]])
    assert refused.exit_code == 2 and isinstance(refused.exception, SystemExit)  # a usage error, no traceback
    wanted = ", ".join(repr(f) for f in formats)
    assert f"'{other}' is not one of {wanted}." in refused.stderr


def test_the_option_is_declared_once():
    assert Path(cli.__file__).read_text(encoding="utf-8").count('"--format"') == 1
