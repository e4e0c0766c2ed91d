"""`headcount export`: every table in every format, with the documented columns, on the bundled examples."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from headcount.cli import app
from headcount.export.columns import ACCOUNT_COLUMNS, ACLED_COLUMNS, CLAIM_COLUMNS, REPORT_COLUMNS

runner = CliRunner()
COLUMNS = {"claims": CLAIM_COLUMNS, "reports": REPORT_COLUMNS, "account": ACCOUNT_COLUMNS}


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, examples):
    db = f"sqlite:///{tmp_path_factory.mktemp('export') / 'ex.db'}"
    assert invoke("ingest", examples, "--db", db, "--incident", "velmora-terminal-2024").exit_code == 0
    return db


@pytest.mark.parametrize("what", ["claims", "reports", "account"])
@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "parquet"])
def test_export_each_table_in_each_format_has_the_documented_columns(tmp_path, example_db, what, fmt):
    out = tmp_path / f"out.{fmt}"
    result = invoke("export", "--db", example_db, "--what", what, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    names = [name for name, _ in COLUMNS[what]]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert list(rows[0]) == names
    elif fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        import pyarrow.parquet as pq
        table = pq.read_table(out)
        assert table.column_names == names
        assert str(table.schema.field(names[2]).type) in ("int64", "string")
        rows = table.to_pylist()
    assert rows and all(list(r) == names for r in rows if fmt != "csv")


def test_export_claims_match_the_store_and_stdout_is_the_default(example_db):
    from headcount.store import Store
    result = invoke("export", "--db", example_db, "--what", "claims", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    with Store.open(example_db) as store:
        claims = store.claims()
    assert [r["id"] for r in rows] == [c.id for c in claims]
    assert rows[0]["count_low"] == claims[0].count.low and rows[0]["span_start"] == claims[0].span[0]


def test_export_account_rows_are_the_account_cells(example_db):
    account = json.loads(invoke("account", "--db", example_db, "--format", "json").stdout)["incidents"][0]
    rows = json.loads(invoke("export", "--db", example_db, "--what", "account", "--format", "json").stdout)
    assert len(rows) == len(account["cells"])
    for row, cell in zip(rows, account["cells"]):
        assert (row["status"], row["low"], row["best"], row["high"]) == (cell["status"], cell["low"], cell["best"],
                                                                        cell["high"])
        assert row["group"] == cell["group"]["label"] and row["claims"].split() == cell["claims"]


def test_export_acled_style_is_one_event_per_incident_with_fatalities(example_db):
    account = json.loads(invoke("account", "--db", example_db, "--format", "json").stdout)["incidents"][0]
    killed = {c["group"]["role"]: c for c in account["cells"]
              if c["status"] == "killed" and c["group"]["nationality"] is None and c["group"]["foreign"] is None}
    result = invoke("export", "--db", example_db, "--what", "account", "--style", "acled", "--format", "json",
                    "--policy", "conservative")
    (event,) = json.loads(result.stdout)
    assert [name for name, _ in ACLED_COLUMNS] == list(event)
    assert event["event_id"] == "velmora-terminal-2024" and event["event_date"] == "2024-05-02"
    assert event["fatalities_low"] == killed["all"]["low"]
    assert event["deaths_civilians"] is not None and event["source_reports"] == len(account["reports"])
    assert "Harbour Wire" in event["source"] and "killed" in event["notes"]
    assert event["actor1"] == "the Coastal Brigade"  # "a spokesman for the Coastal Brigade" names the group


def test_the_acled_table_joins_each_account_to_its_reports_and_claims_in_the_library(example_db):
    """What `export --style acled` calls: the reports give dates and outlets, the claims the actor."""
    from headcount import export
    from headcount.reconcile import account_each, incidents_in_store
    from headcount.store import Store
    with Store.open(example_db) as store:
        reports, found = incidents_in_store(store)
    (event,) = export.acled_table(found, account_each(found), reports).rows
    assert event["event_date"] == "2024-05-02" and event["source_reports"] == 5
    assert event["source"] == "Harbour Wire; Meridian Post; The Daily Ledger"
    assert event["actor1"] == "the Coastal Brigade"
    with pytest.raises(ValueError):  # an account for each incident, in order, or no table
        export.acled_table(found, [], reports)
