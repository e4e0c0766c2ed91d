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

from .errors import HeadcountError, InputError
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


@app.command()
def account(db: DbOption = None,
            format: Annotated[AccountFormat, typer.Option("--format", "-f", help="table: for reading; "
                                                           "json: the account's JSON.")] = AccountFormat.table) -> None:
    """Print the account of each incident: per group and status, the figures and the claims behind them.

    Example:

        headcount account --format json
    """
    from . import account as build_account
    from .render import account_tables, account_to_dict
    from .store import Store
    with Store.open(db) as store:
        accounts = build_account(store)
    if format is AccountFormat.json:
        sys.stdout.write(json.dumps(account_to_dict(accounts), indent=1, ensure_ascii=False) + "\n")
        return
    if not accounts:
        err.print("the store holds no reports yet: run `headcount ingest PATH` first.")
        return
    for table in account_tables(accounts):
        out.print(table)


def main() -> None:
    try:
        app()
    except HeadcountError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(1)
