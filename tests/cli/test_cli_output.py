"""Output a person reads (issue 20): piped tables keep their words whole, rows are named as the README
names them. Texts written for these tests."""
from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from headcount.cli import app
from headcount.labels import group_label

runner = CliRunner()
REPORT = ('{"id": "quay-1", "published": "2030-05-04", "text": "The Foreign Office said 3 British nationals and '
          '2 Russian citizens were killed at the Quay Street market, and officials said 9 people were killed."}\n')


def test_a_piped_table_is_as_wide_as_its_content(tmp_path):
    (tmp_path / "quay.jsonl").write_text(REPORT, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'q.db'}"
    assert runner.invoke(app, ["ingest", str(tmp_path / "quay.jsonl"), "--db", db, "--silent"]).exit_code == 0
    shown = runner.invoke(app, ["account", "--db", db]).stdout  # not a terminal: piped
    assert "Russian Federation" in shown and "United Kingdom" in shown  # not broken over two lines
    assert "implied/" in shown and "…" not in shown


def test_the_side_other_is_everyone_else_on_screen():
    assert group_label(None, None, "other") == "everyone else"
    assert group_label(None, None, "attacker") == "attackers" and group_label("FR", None, "attacker") == "France attackers"



def test_the_timeline_shows_a_figure_when_it_changes_not_at_every_moment(tmp_path):
    said = ((1, "9 people were killed."), (2, "4 people were injured."), (3, "5 people were injured."))
    lines = [json.dumps({"id": f"quay-{n}", "published": f"2030-05-0{n}", "incident": "quay",
                         "text": f"Officials said {words}"}) for n, words in said]
    (tmp_path / "quay.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'q.db'}"
    assert runner.invoke(app, ["ingest", str(tmp_path / "quay.jsonl"), "--db", db, "--silent"]).exit_code == 0
    rows = [line for line in runner.invoke(app, ["timeline", "--db", db]).stdout.splitlines()
            if re.match(r"│ \S+ +│ everyone +│ killed ", line)]
    # said on the 1st; its range opens once later moments exist (the 2nd); nothing changes on the 3rd
    assert [row.split("│")[1].strip() for row in rows] == ["2030-05-01", "2030-05-02"]


def test_reports_show_their_dates_in_one_format():
    from headcount.render import published_label
    assert published_label("2030-05-04") == "2030-05-04"
    assert published_label("2030-05-04T10:30:00+02:00") == "2030-05-04 08:30"
    assert published_label("2030-05-04T08:30Z") == "2030-05-04 08:30" and published_label(None) == ""
