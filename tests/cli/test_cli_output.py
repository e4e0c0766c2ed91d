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
    from headcount.render import date_label
    assert date_label("2030-05-04") == "2030-05-04"
    assert date_label("2030-05-04T10:30:00+02:00") == "2030-05-04 08:30"
    assert date_label("2030-05-04T08:30Z") == "2030-05-04 08:30" and date_label(None) == "undated"


def _ingested(tmp_path, lines: list[dict]) -> str:
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert runner.invoke(app, ["ingest", str(tmp_path / "r.jsonl"), "--db", db, "--silent"]).exit_code == 0
    return db


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in table.splitlines() if line.startswith("│")]


def test_incidents_are_listed_oldest_first_by_title_and_place_with_dates_as_elsewhere(tmp_path):
    db = _ingested(tmp_path, [
        {"id": "pier-late", "incident": "north-pier", "published": "2030-05-03T10:30:00+02:00",
         "text": "Officials said 4 dockers were injured."},
        {"id": "pier-undated", "incident": "north-pier", "text": "Officials said 2 dockers were injured."},
        {"id": "yard-undated", "incident": "east-yard", "text": "Officials said 6 porters were missing."},
        {"id": "gate-1", "incident": "south-gate", "published": "2030-05-01", "text": "Officials said 3 guards died."},
        {"id": "ferry-1", "published": "2029-01-01", "text": "Ferry capsizes\nOfficials said 5 passengers were missing."},
    ])
    shown = runner.invoke(app, ["incidents", "--db", db])
    assert shown.exit_code == 0, shown.stderr
    rows = _rows(shown.stdout)
    # an undated report is not the first: the pier's incident dates from its dated one; the yard's has none
    assert [row[0] for row in rows] == ["2029-01-01", "2030-05-01", "2030-05-03 08:30", "undated"]
    assert [row[1] for row in rows[1:]] == ["south-gate", "north-pier", "east-yard"]  # a named one: its id once
    assert rows[0][1].startswith("Ferry capsizes (2029-01-01)") and rows[0][1].endswith("]")  # title [id]
    listed = json.loads(runner.invoke(app, ["incidents", "--db", db, "--format", "json"]).stdout)["incidents"]
    assert [i["id"] for i in listed][1:] == ["south-gate", "north-pier", "east-yard"]
    assert [i["first"] for i in listed][1:] == ["2030-05-01", "2030-05-03T10:30:00+02:00", None]


def test_an_incident_s_place_is_its_site_and_host_country():
    from headcount.labels import place_label
    assert place_label("Quay Street Market", "GB") == "Quay Street Market, United Kingdom"
    assert place_label(None, "KE") == "Kenya" and place_label(None, None) == ""


def test_every_date_of_the_reports_table_is_in_one_format(tmp_path):
    db = _ingested(tmp_path, [
        {"id": "d-1", "published": "2030-05-04", "text": "Officials said 3 guards died."},
        {"id": "d-2", "published": "2030-05-04T10:30:00+02:00", "text": "Officials said 4 guards died."},
        {"id": "d-3", "published": "2030-05-04 08:31Z", "text": "Officials said 5 guards died."},
        {"id": "d-4", "text": "Officials said 6 guards died."},
    ])
    shown = {row[0]: row[3] for row in _rows(runner.invoke(app, ["reports", "--db", db]).stdout)}
    assert shown == {"d-1": "2030-05-04", "d-2": "2030-05-04 08:30", "d-3": "2030-05-04 08:31", "d-4": "undated"}


def test_the_account_heading_names_an_incident_once_with_its_id_only_when_it_differs(tmp_path):
    db = _ingested(tmp_path, [
        {"id": "ferry-1", "published": "2029-01-01", "text": "Ferry capsizes\nOfficials said 5 passengers were missing."},
        {"id": "gate-1", "incident": "south-gate", "published": "2029-03-01", "text": "Officials said 3 guards died."},
    ])
    unnamed, named = json.loads(runner.invoke(app, ["incidents", "--db", db, "--format", "json"]).stdout)["incidents"]
    assert unnamed["title"] != unnamed["id"] and named["title"] == named["id"] == "south-gate"
    shown = runner.invoke(app, ["account", "--db", db, "--as-of", "2029-06-01T12:00"]).stdout
    headings = [line for line in shown.splitlines() if "report(s)" in line]
    assert headings == [f"{unnamed['title']}  [{unnamed['id']}]: 1 report(s), policy latest, as of 2029-06-01 12:00",
                        "south-gate: 1 report(s), policy latest, as of 2029-06-01 12:00"]


def test_figures_read_as_the_dashboard_writes_them():
    """One rule for the CLI's tables and the dashboard (app.js rangeOf): a range only where there is one."""
    from types import SimpleNamespace as Cell
    from headcount.render import figure_text
    cases = {(3, 3, 3): "3", (41, None, 41): "41+", (654, None, 687): "687 (654+)", (6, 11, 6): "6 (6–11)",
             (0, None, 3): "3 (0+)", (5, 5, 4): "4 (5)", (None, None, None): "?"}
    for (low, high, best), shown in cases.items():
        assert figure_text(Cell(low=low, high=high, best=best)) == shown
