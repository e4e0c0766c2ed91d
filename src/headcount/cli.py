"""The ``headcount`` command: a thin layer over ingest, extract, store and reconcile.

Each command parses its arguments, calls the library and prints. Bad input is
reported one line per item on stderr, naming the file and line; the rest of
the batch goes on and the exit status is 1 when anything failed.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import Errors, HeadcountError, InputError
from .model import Claim, Report

app = typer.Typer(help="Sourced, reconciled counts of the people affected by an incident, from news reports.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class ClaimFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class AccountFormat(str, Enum):
    table = "table"
    json = "json"


PathsArg = Annotated[list[Path], typer.Argument(help="Report files (.txt, .html, .htm, .jsonl) or folders of them.",
                                                show_default=False)]
DbOption = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL of the store, or an SQLite file path. "
                                              "Default: $HEADCOUNT_DB, else sqlite:///headcount.db.")]
SilentOption = Annotated[bool, typer.Option("--silent", help="No progress bar.")]


def _progress(silent: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=silent or not err.is_terminal)


class Batch:
    """Reports read from paths, with the errors met on the way (printed as they come)."""

    def __init__(self, paths: list[Path]):
        from .ingest import read_paths
        self.reports: list[Report] = []
        self.failed = 0
        for item in read_paths(paths):
            if isinstance(item, InputError):
                self.fail(str(item))
            else:
                self.reports.append(item)

    def fail(self, message: str) -> None:
        self.failed += 1
        err.print(f"error: {message}", markup=False, highlight=False)

    def extracted(self, progress: Progress) -> Iterator[tuple[Report, list[Claim]]]:
        from .extract import extract_reports
        task = progress.add_task("extracting", total=len(self.reports))
        for report, claims in extract_reports(self.reports):
            progress.advance(task)
            yield report, claims


def _exit(batch: Batch) -> None:
    if batch.failed:
        err.print(f"{batch.failed} item(s) failed; the others went through.", highlight=False)
        raise typer.Exit(1)


@app.command()
def extract(paths: PathsArg,
            format: Annotated[ClaimFormat, typer.Option("--format", "-f", help="jsonl: one claim a line "
                                                         "(the claim format of the guidelines); table: for reading.")]
            = ClaimFormat.jsonl,
            silent: SilentOption = False) -> None:
    """Print the claims of reports, without touching the store.

    Example:

        headcount extract examples/reports --format table
    """
    batch = Batch(paths)
    claims: list[Claim] = []
    with _progress(silent) as progress:
        for _, found in batch.extracted(progress):
            if format is ClaimFormat.jsonl:
                for c in found:
                    sys.stdout.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
            else:
                claims.extend(found)
    if format is ClaimFormat.table:
        from .render import claims_table
        out.print(claims_table(claims))
    _exit(batch)


@app.command()
def ingest(paths: PathsArg, db: DbOption = None,
           incident: Annotated[str | None, typer.Option("--incident", help="The incident of reports that do not "
                                                         "name one (a .jsonl line may carry an 'incident' field).")]
           = None,
           silent: SilentOption = False) -> None:
    """Store reports and their claims. Storing the same report again changes nothing.

    Example:

        headcount ingest examples/reports --incident velmora-terminal-2024 --db sqlite:///crisis.db
    """
    from dataclasses import replace

    from .store import Store
    batch = Batch(paths)
    if incident:
        batch.reports = [r if r.incident else replace(r, incident=incident) for r in batch.reports]
    stored = 0
    with Store.open(db) as store, _progress(silent) as progress:
        fresh = [r for r in batch.reports if not store.has_report(r.id)]
        skipped = len(batch.reports) - len(fresh)
        batch.reports = fresh
        for report, claims in batch.extracted(progress):
            try:
                stored += store.add(report, claims)
            except HeadcountError as e:
                batch.fail(str(e))
    err.print(f"stored {stored} report(s); {skipped} already in the store.", highlight=False)
    _exit(batch)


class Policy(str, Enum):
    conservative = "conservative"
    range = "range"
    latest = "latest"
    weighted = "weighted"


PolicyOption = Annotated[Policy, typer.Option("--policy", help="How a cell's best figure is chosen: conservative "
                                              "(lowest), range (middle of min-max), latest (latest word of the most "
                                              "authoritative source kind), weighted (by source kind).")]
WeightsOption = Annotated[Path | None, typer.Option("--weights", help="A TOML file of source-kind weights "
                                                    "(see reconcile/weights.toml) for the weighted policy and "
                                                    "for which claims give way in a conflict.")]
IncidentOption = Annotated[str | None, typer.Option("--incident", help="Only this incident "
                                                    "(`headcount incidents` lists them).")]


def _checked_as_of(value: str | None) -> str | None:
    from .reconcile.intervals import UNDATED, parse_moment
    if value is not None and parse_moment(value) == UNDATED:
        raise HeadcountError(Errors.E012.format(value=value))
    return value


def _incidents_with_claims(db: str | None, incident: str | None):
    from .reconcile import claims_by_incident
    from .store import Store
    with Store.open(db) as store:
        found = claims_by_incident(store.reports(), store.claims())
    if incident is not None:
        found = [(inc, cs) for inc, cs in found if inc.id == incident]
        if not found:
            raise HeadcountError(Errors.E013.format(incident=incident))
    return found


@app.command()
def account(db: DbOption = None,
            format: Annotated[AccountFormat, typer.Option("--format", "-f", help="table: for reading; "
                                                           "json: the account's JSON.")] = AccountFormat.table,
            policy: PolicyOption = Policy.latest,
            as_of: Annotated[str | None, typer.Option("--as-of", help="Replay what was known then (ISO 8601 date "
                                                      "or date-time); claims of later moments are left out.")]
            = None,
            weights: WeightsOption = None,
            incident: IncidentOption = None) -> None:
    """Print the account of each incident: per group and status, the figures, the claims behind them and the conflicts.

    Example:

        headcount account --policy conservative --as-of 2013-01-19T12:00 --format json
    """
    from .reconcile import account_incident, load_weights
    from .render import account_tables, account_to_dict
    as_of = _checked_as_of(as_of)
    w = load_weights(weights)
    accounts = [account_incident(inc.id, inc.title, inc.reports, cs, host=inc.host, policy=policy.value,
                                 as_of=as_of, weights=w)
                for inc, cs in _incidents_with_claims(db, incident)]
    if format is AccountFormat.json:
        sys.stdout.write(json.dumps(account_to_dict(accounts), indent=1, ensure_ascii=False) + "\n")
        return
    if not accounts:
        err.print("the store holds no reports yet: run `headcount ingest PATH` first.")
        return
    for table in account_tables(accounts):
        out.print(table)


@app.command()
def timeline(db: DbOption = None,
             format: Annotated[AccountFormat, typer.Option("--format", "-f", help="table or json.")]
             = AccountFormat.table,
             policy: PolicyOption = Policy.latest,
             weights: WeightsOption = None,
             incident: IncidentOption = None) -> None:
    """Print each cell's figures over time: the account as of every moment a claim speaks of.

    Example:

        headcount timeline --incident velmora-terminal-2024
    """
    from .reconcile import load_weights
    from .reconcile import timeline as build_timeline
    from .render import timeline_table, timeline_to_dict
    w = load_weights(weights)
    found = _incidents_with_claims(db, incident)
    series = [(inc, build_timeline(inc.id, inc.title, inc.reports, cs, host=inc.host, policy=policy.value,
                                   weights=w)) for inc, cs in found]
    if format is AccountFormat.json:
        payload = [timeline_to_dict(inc.id, points) for inc, points in series]
        sys.stdout.write(json.dumps({"timelines": payload}, indent=1, ensure_ascii=False) + "\n")
        return
    for inc, points in series:
        out.print(f"{inc.title}  [{inc.id}]")
        out.print(timeline_table(points))


@app.command()
def incidents(db: DbOption = None,
              format: Annotated[AccountFormat, typer.Option("--format", "-f", help="table or json.")]
              = AccountFormat.table) -> None:
    """List the incidents: reports grouped by the incident they name, or by site, country and time.

    Example:

        headcount incidents --format json
    """
    from .render import incidents_table
    found = [inc for inc, _ in _incidents_with_claims(db, None)]
    if format is AccountFormat.json:
        payload = [{"id": i.id, "title": i.title, "host": i.host, "reports": list(i.reports)} for i in found]
        sys.stdout.write(json.dumps({"incidents": payload}, indent=1, ensure_ascii=False) + "\n")
        return
    out.print(incidents_table(found))


def main() -> None:
    try:
        app()
    except HeadcountError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(1)
