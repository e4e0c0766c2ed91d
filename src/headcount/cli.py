"""The ``headcount`` command: a thin layer over ingest, extract, store and reconcile.

Each command parses its arguments, calls the library and prints. Bad input is
reported one line per item on stderr, naming the file and line; the rest of
the batch goes on and the exit status is 1 when anything failed.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from .errors import Errors, HeadcountError, InputError
from .model import POLICIES, Report
from .settings import MAX_BODY_BYTES

app = typer.Typer(help="Sourced, reconciled counts of the people affected by an incident, from news reports.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)  # one line per error, whatever the width: grep-able
# Tables piped to a file or a program are as wide as their content, not wrapped at 80 columns.
PIPED_WIDTH = 1000


@app.callback()
def _console_width() -> None:
    if not out.is_terminal:
        out.width = PIPED_WIDTH


class Format(str, Enum):
    """Every format a command writes; each command takes some of them, through ``format_option``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    pfif = "pfif"


def format_option(meanings: dict[Format, str]):
    """The ``--format`` (``-f``) option of a command that writes the formats of ``meanings``, each with
    what it gives there; the command's default is its parameter's. Another format is refused with a
    message naming these."""
    help = "; ".join(f"{f.value}: {meaning}" for f, meaning in meanings.items()) + "."
    return Annotated[Literal[tuple(meanings)], typer.Option("--format", "-f", help=help)]


TableOrJsonOption = format_option({Format.table: "for reading", Format.json: "the same objects as the JSON API"})


PathsArg = Annotated[list[str], typer.Argument(help="Report files (.txt, .html, .htm, .jsonl, .rss, .atom, .xml), "
                                               "folders of them, feed or page URLs, or - for stdin.",
                                               show_default=False)]
DbOption = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL of the store, or an SQLite file path. "
                                              "Default: $HEADCOUNT_DB, else sqlite:///headcount.db.")]
SilentOption = Annotated[bool, typer.Option("--silent", help="No progress bar.")]
NoFetchOption = Annotated[bool, typer.Option("--no-fetch", help="Take a feed item's summary as its text instead "
                                             "of fetching its article page.")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in this many processes "
                                         "(up to the number of cores helps).")]
IncidentForOption = Annotated[str | None, typer.Option("--incident", help="The incident of reports that do not "
                                                       "name one (a .jsonl line may carry an 'incident' field).")]
SmtpOption = Annotated[str | None, typer.Option("--smtp", envvar="HEADCOUNT_SMTP", show_envvar=True,
                                                help="HOST:PORT of the SMTP server that sends alerts by e-mail "
                                                "(`headcount alerts`). Default: localhost:25.")]


@contextmanager
def _progress(description: str, total: int | None, silent: bool) -> Iterator[Callable[[], None]]:
    """A bar of the items done, on a terminal: with the time left where their number (``total``) is known,
    else one that shows only that work goes on. None with --silent or when stderr is not a terminal (a log,
    a pipe): the command's summary line says at the end what was done. Yields what counts one item done."""
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if total is not None:
        columns += [TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left")]
    with Progress(*columns, console=err, transient=True, disable=silent or not err.is_terminal) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)


class Failures:
    """Errors met on the way, printed as they come and counted for the exit status. ``on_failed``: told of
    each, so that a progress bar counts a failed item as done."""

    def __init__(self, on_failed: Callable[[], None] = lambda: None) -> None:
        self.count = 0
        self.on_failed = on_failed

    def __call__(self, message: str) -> None:
        self.count += 1
        err.print(f"error: {message}", markup=False, highlight=False)
        self.on_failed()

    def warn(self, message: str) -> None:
        """Something set right and kept (``Report.warnings``): said, but not a failure."""
        err.print(f"warning: {message}", markup=False, highlight=False)

    def readable(self, items: Iterator) -> Iterator[Report]:
        """The reports of what ``read_paths`` yields; errors counted and said, skipped files said."""
        from .ingest.readers import SkippedFile
        for item in items:
            if isinstance(item, InputError):
                self(str(item))
            elif isinstance(item, SkippedFile):
                self.warn(item.warning)
            else:
                for warning in item.warnings:
                    self.warn(warning)
                yield item

    def exit(self, went_through: int | None = None) -> None:
        """Exit with status 1 if anything failed, saying so. ``went_through``: how many items did not fail
        (None: not counted)."""
        if not self.count:
            return
        if went_through is None:
            rest = ""
        elif went_through:
            rest = f"; the other {went_through} went through"
        else:
            rest = "; there was nothing else"
        err.print(f"{self.count} item(s) failed{rest}.", highlight=False)
        raise typer.Exit(1)


def _fire_alerts(store, failures: Failures, smtp: str | None, terminal: Callable[[str], None] | None = None) -> None:
    """After reports were stored: the alerts of what changed, recorded and delivered (`headcount alerts`).
    A destination that fails is retried later and never fails the command; a store that cannot record
    them is an error, and the reports stay stored."""
    from .alerts import Channels, fire
    try:
        fired = fire(store, Channels.from_settings(smtp, terminal))
    except HeadcountError as e:
        failures(f"alerts: {e}")
        return
    sent = fired.delivery
    if sent is not None and (fired.recorded or sent.delivered or sent.retrying or sent.failed):
        err.print(f"alerts: {fired.recorded} new, {sent.delivered} delivered, {sent.retrying} to retry, "
                  f"{sent.failed} failed (`headcount alerts log`)", highlight=False)


@app.command()
def extract(paths: PathsArg,
            format: format_option({Format.jsonl: "one claim a line (the claim format of the guidelines)",
                                   Format.table: "for reading"}) = Format.jsonl,
            no_fetch: NoFetchOption = False,
            jobs: JobsOption = 1,
            people: Annotated[bool, typer.Option("--people", help="Print the named people each report says were "
                                                 "affected instead of the claims: with --format jsonl one person "
                                                 "a line, as in ../shared/data/dev/people/gold.jsonl.")] = False,
            silent: SilentOption = False) -> None:
    """Print the claims of reports (or, with --people, their named people), without touching the store.

    Example:

        headcount extract examples/reports --format table
        headcount extract examples/reports --people --format jsonl
    """
    from .render import claims_table, extracted_people_table
    if people:
        _print_readings(paths, format, no_fetch, jobs, silent, what="named person(s)",
                        count=lambda r: len(r.people), lines=lambda r: [p.to_dict() for p in r.people],
                        table=lambda rs: extracted_people_table([p for r in rs for p in r.people]))
        return
    _print_readings(paths, format, no_fetch, jobs, silent, what="claim(s)",
                    count=lambda r: len(r.claims), lines=lambda r: [c.to_dict() for c in r.claims],
                    table=lambda rs: claims_table([c for r in rs for c in r.claims]))


def _print_readings(paths: list[str], format: Format, no_fetch: bool, jobs: int, silent: bool, *, what: str,
                    count, lines, table, events: bool = False) -> None:
    """Read each report once (``read_reports``) and print, a JSON line each, what ``lines`` makes of each
    reading, or for --format table ``table`` of them all; ``count`` says how many of ``what`` a reading holds."""
    from .extract import read_reports
    from .ingest import FeedOptions, read_paths
    from .ingest.readers import items_to_read
    readings: list = []
    extracted = found = 0
    with _progress("extracting", items_to_read(paths), silent) as advance:
        failures = Failures(on_failed=advance)
        readable = failures.readable(read_paths(paths, FeedOptions(not no_fetch)))
        for reading in read_reports(readable, jobs=jobs, events=events):
            extracted, found = extracted + 1, found + count(reading)
            advance()
            if format is Format.jsonl:
                for line in lines(reading):
                    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            else:
                readings.append(reading)
    if format is Format.table:
        out.print(table(readings))
    err.print(f"extracted {found} {what} from {extracted} report(s).", highlight=False)
    failures.exit(extracted)


@app.command()
def events(paths: PathsArg,
           format: format_option({Format.jsonl: "one report a line, {\"id\", \"templates\": [...]}, the answer "
                                                "format of ../shared/eval/muc4.py --events",
                                  Format.table: "for reading"}) = Format.jsonl,
           no_fetch: NoFetchOption = False,
           jobs: JobsOption = 1,
           silent: SilentOption = False) -> None:
    """Print the events of reports: each one's type, date, place, perpetrators, targets, victims and weapons,
    in the report's words, without touching the store.

    Example:

        headcount events examples/reports --format table
        headcount events ../shared/data/public/muc4/dev/reports.jsonl > events.jsonl
    """
    from .render import events_table
    _print_readings(paths, format, no_fetch, jobs, silent, what="event(s)", events=True,
                    count=lambda r: len(r.events), table=events_table,
                    lines=lambda r: [{"id": r.report.id, "templates": [e.to_dict() for e in r.events]}])


@app.command()
def ingest(paths: PathsArg, db: DbOption = None, incident: IncidentForOption = None,
           no_fetch: NoFetchOption = False, jobs: JobsOption = 1, silent: SilentOption = False,
           smtp: SmtpOption = None) -> None:
    """Store reports and their claims, each report in one transaction.

    The same text under the same identity (id, else URL, else text) is stored once; a changed text under
    a known id or URL is stored as its next version. Bad files and lines are named and skipped.

    Example:

        headcount ingest examples/reports --incident velmora-terminal-2024 --db sqlite:///crisis.db
    """
    from .ingest import FeedOptions, read_paths
    from .pipeline import ingest as ingest_items
    from .ingest.readers import items_to_read
    from .store import Store
    with Store.open(db) as store:
        with _progress("ingesting", items_to_read(paths), silent) as advance:
            failures = Failures(on_failed=advance)
            items = read_paths(paths, FeedOptions(not no_fetch, store.knows))
            result = ingest_items(items, store, incident=incident, on_error=failures, on_warning=failures.warn,
                                  on_stored=lambda _: advance(), on_known=advance, jobs=jobs)
        err.print(f"stored {len(result.stored)} report(s); {result.known} already in the store.", highlight=False)
        _fire_alerts(store, failures, smtp)
    failures.exit(len(result.stored) + result.known)


# The policies' names are those of model.POLICIES, defined there once.
Policy = Enum("Policy", {name: name for name in POLICIES}, type=str)


PolicyOption = Annotated[Policy, typer.Option("--policy", help="How a cell's best figure is chosen: conservative "
                                              "(lowest), range (middle of min-max), latest (latest word of the most "
                                              "authoritative source kind), weighted (by source kind).")]
WeightsOption = Annotated[Path | None, typer.Option("--weights", help="A TOML file of source-kind weights "
                                                    "(see reconcile/weights.toml) for the weighted policy and "
                                                    "for which claims give way in a conflict.")]
IncidentOption = Annotated[str | None, typer.Option("--incident", help="Only this incident "
                                                    "(`headcount incidents` lists them).")]


def _checked_as_of(value: str | None) -> str | None:
    from .reconcile.intervals import is_moment
    if value is not None and not is_moment(value):
        raise HeadcountError(Errors.E012.format(value=value))
    return value


def _incidents_in_store(db: str | None, incident: str | None = None) -> tuple[list, list]:
    """The store's reports and its (Incident, claims) pairs, or one incident's (reconcile.incidents_in_store)."""
    from .reconcile import incidents_in_store
    from .store import Store
    with Store.open(db) as store:
        return incidents_in_store(store, incident)


def _print_json(name: str, objects: list[dict[str, Any]]) -> None:
    """A command's JSON: ``{name: [objects]}``, each object shaped by views.py."""
    sys.stdout.write(json.dumps({name: objects}, indent=1, ensure_ascii=False) + "\n")


@app.command()
def watch(feeds: Annotated[list[str], typer.Argument(help="Feed URLs (RSS or Atom) to poll.", show_default=False)],
          every: Annotated[str, typer.Option("--every", help="How often to poll: 90s, 5m, 1h.")] = "5m",
          db: DbOption = None, incident: IncidentForOption = None, no_fetch: NoFetchOption = False,
          times: Annotated[int | None, typer.Option("--times", help="Stop after this many rounds "
                                                    "(default: until interrupted).")] = None,
          smtp: SmtpOption = None) -> None:
    """Poll feeds and ingest their new items, round after round, until stopped (Ctrl-C).

    A feed that cannot be read in one round is named and tried again in the next; the exit status is 1 if
    any round met an error. After each round the alerts of what changed are sent (`headcount alerts`);
    those for the terminal are printed here, a line each.

    Example:

        headcount watch https://example.org/world.rss --every 5m --db postgresql://crisis@db/headcount
    """
    from .pipeline.watch import parse_every, watch_feeds
    from .store import Store
    failures = Failures()
    seconds = parse_every(every)

    def say(line: str) -> None:
        out.print(line, markup=False, highlight=False)

    def report_round(n: int, result) -> None:
        err.print(f"round {n}: stored {len(result.stored)} new report(s), {result.known} already stored, "
                  f"{len(result.errors)} error(s)", highlight=False)
        _fire_alerts(store, failures, smtp, terminal=say)

    with Store.open(db) as store:
        try:
            watch_feeds(feeds, store, seconds, times=times, incident=incident, fetch_articles=not no_fetch,
                        on_error=failures, on_warning=failures.warn, on_round=report_round)
        except KeyboardInterrupt:
            err.print("stopped.")
    failures.exit()


def _accounts(found, policy: Policy, as_of: str | None, weights: Path | None, jobs: int = 1) -> list:
    """The IncidentAccount of each (Incident, claims) pair found, in order, under the options of `account`."""
    from .reconcile import account_each, load_weights
    return account_each(found, policy=policy.value, as_of=_checked_as_of(as_of), weights=load_weights(weights),
                        jobs=jobs)


ReconcileJobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Reconcile incidents in this "
                                                  "many processes.")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="Replay what was known then (ISO 8601 date or "
                                                "date-time); claims of later moments are left out.")]


@app.command()
def account(db: DbOption = None,
            format: TableOrJsonOption = Format.table,
            policy: PolicyOption = Policy.latest,
            as_of: AsOfOption = None,
            weights: WeightsOption = None,
            incident: IncidentOption = None,
            jobs: ReconcileJobsOption = 1) -> None:
    """Print the account of each incident: per group and status, the figures, the claims behind them and the conflicts.

    Example:

        headcount account --policy conservative --as-of 2013-01-19T12:00 --format json
    """
    from . import views
    from .render import account_tables
    _, found = _incidents_in_store(db, incident)
    accounts = _accounts(found, policy, as_of, weights, jobs)
    if format is Format.json:
        _print_json("incidents", [views.account(a) for a in accounts])
        return
    if as_of is not None and not any(a.cells for a in accounts):
        from .render import date_label
        err.print(f"nothing was known as of {date_label(as_of)}: {_first_moment(found)}.", highlight=False)
        return
    for table in account_tables([a for a in accounts if a.cells or as_of is None]):
        out.print(table)


def _first_moment(found) -> str:
    from .labels import moment_label
    from .reconcile import first_claim_moment
    first = first_claim_moment(c for _, claims in found for c in claims)
    return "no claim in the store is dated" if first is None else f"the first claim speaks of {moment_label(first)}"


@app.command()
def timeline(db: DbOption = None,
             format: TableOrJsonOption = Format.table,
             policy: PolicyOption = Policy.latest,
             weights: WeightsOption = None,
             incident: IncidentOption = None) -> None:
    """Print each cell's figures over time: the account as of every moment a claim speaks of.

    Example:

        headcount timeline --incident velmora-terminal-2024
    """
    from .reconcile import load_weights
    from .reconcile import timeline as build_timeline
    from . import views
    from .render import incident_heading, timeline_table
    w = load_weights(weights)
    _, found = _incidents_in_store(db, incident)
    series = [(inc, build_timeline(inc.id, inc.title, inc.reports, cs, host=inc.host, policy=policy.value,
                                   weights=w)) for inc, cs in found]
    if format is Format.json:
        _print_json("timelines", [views.timeline(inc.id, policy.value, points) for inc, points in series])
        return
    for inc, points in series:
        out.print(incident_heading(inc.id, inc.title), markup=False, highlight=False)
        out.print(timeline_table(points))


@app.command()
def incidents(db: DbOption = None,
              format: TableOrJsonOption = Format.table) -> None:
    """List the incidents, oldest first (by their first dated report; incidents of undated reports last):
    reports grouped by the incident they name, or by site, country and time. Each is shown by its title,
    with its id in brackets where the two differ: the id is what --incident takes.

    Example:

        headcount incidents --format json
    """
    from . import views
    from .render import by_first_report, incidents_table
    stored, found = _incidents_in_store(db)
    published = {s.report.id: s.report.published for s in stored}
    claims_of = {inc.id: claims for inc, claims in found}
    ordered = by_first_report([inc for inc, _ in found], published)
    if format is Format.json:
        _print_json("incidents", [views.incident(inc, claims_of[inc.id], published) for inc in ordered])
        return
    out.print(incidents_table(ordered, published))


@app.command()
def reports(db: DbOption = None,
            format: TableOrJsonOption = Format.table,
            all_versions: Annotated[bool, typer.Option("--all-versions", help="Every stored version of each "
                                                       "report, not only the newest.")] = False) -> None:
    """List the stored reports: id, version, outlet, publication date, language and number of claims.

    Example:

        headcount reports --format json
    """
    from .store import Store
    with Store.open(db) as store:
        stored = store.reports(all_versions=all_versions)
        newest = store.reports() if all_versions else stored
        if not stored:  # an empty list would look like a store that was read and found nothing new
            raise HeadcountError(Errors.E030.format(db=store.engine.url))
    if format is Format.json:
        from . import views
        from .reconcile import incident_of_report
        incident_of = incident_of_report(newest)
        _print_json("reports", [views.report(s.report, s.claim_count, incident_of.get(s.report.id), s.stored_at)
                                for s in stored])
        return
    from .render import reports_table as reports_rich_table
    out.print(reports_rich_table(stored))


@app.command()
def people(db: DbOption = None,
           format: TableOrJsonOption = Format.table,
           incident: IncidentOption = None,
           policy: PolicyOption = Policy.latest,
           weights: WeightsOption = None,
           split: Annotated[str | None, typer.Option("--split", metavar="RECORD", help="Keep the mentions of this "
                                                     "record apart from now on: each becomes a record of its own. "
                                                     "Kept in the store; --join undoes it.")] = None,
           join: Annotated[tuple[str, str] | None, typer.Option("--join", metavar="RECORD RECORD", help="Make these "
                                                                "two records of an incident one from now on. Kept "
                                                                "in the store; --split undoes it.")] = None) -> None:
    """List the named people of each incident, one record per person across its reports: their names, status
    (by --policy, over what each report says of them), reports, and why their mentions were merged.

    Mentions merge when their names agree (titles, initials, missing middle names, a surname alone) and
    nothing contradicts (sex; nationality, age or side unless the full name is the same). --split and
    --join record a decision that overrules the names, then list the people as they now are.

    Example:

        headcount people --incident sousse-2015 --format json
    """
    from . import views
    from .reconcile import load_weights
    from .reconcile.people import join_records, people_in_store, split_record
    from .render import people_tables
    from .store import Store
    if split and join:
        raise HeadcountError(Errors.E064)
    with Store.open(db) as store:
        if split or join:
            made = split_record(store, split, incident) if split else join_records(store, *join, incident)
            undo = "--join" if made.kind == "apart" else "--split"
            err.print(f"decision {made.id}: {'kept apart' if made.kind == 'apart' else 'joined'} "
                      f"{len(made.mentions)} mention(s) of {made.incident} (`headcount people {undo}` "
                      "undoes it).", highlight=False)
        found = people_in_store(store, incident, policy.value, load_weights(weights))
    shown = {inc.id: [views.person_record(r) for r in rs] for inc, rs in found}
    if format is Format.json:  # {incident id: [records]}, as ../shared/data/dev/people/people.json
        sys.stdout.write(json.dumps(shown, indent=1, ensure_ascii=False) + "\n")
        return
    for table in people_tables(shown, {inc.id: inc.title for inc, _ in found}):
        out.print(table)


class ExportWhat(str, Enum):
    claims = "claims"
    account = "account"
    reports = "reports"
    people = "people"


class ExportStyle(str, Enum):
    headcount = "headcount"
    acled = "acled"


@app.command()
def export(db: DbOption = None,
           what: Annotated[ExportWhat, typer.Option("--what", help="claims, account (a row per cell), reports "
                                                    "(with their text) or people (a row per person record).")]
           = ExportWhat.claims,
           format: format_option({Format.csv: "comma-separated, a header line first", Format.json: "one array of "
                                  "rows", Format.jsonl: "a row a line", Format.parquet: "typed columns (binary)",
                                  Format.pfif: "PFIF 1.4 XML, for --what people: a person per record, a note per "
                                  "status claim"})
           = Format.csv,
           out_file: Annotated[Path | None, typer.Option("--out", "-o", help="File to write; default stdout.")]
           = None,
           style: Annotated[ExportStyle, typer.Option("--style", help="For --what account: headcount (a row per "
                                                      "group and status) or acled (a row per incident: date, "
                                                      "place, actor, fatalities low/best/high, sources).")]
           = ExportStyle.headcount,
           policy: PolicyOption = Policy.latest,
           as_of: AsOfOption = None,
           weights: WeightsOption = None,
           incident: IncidentOption = None,
           jobs: ReconcileJobsOption = 1) -> None:
    """Export stored claims, reports, accounts or people as a flat table (columns: see the README), or the
    people as PFIF 1.4 XML.

    Example:

        headcount export --what account --style acled --format csv --out events.csv
        headcount export --what people --format pfif --out people.xml
    """
    from . import export as exporting
    from .store import Store
    if format is Format.parquet and out_file is None and _stdout_is_terminal():
        raise HeadcountError(Errors.E031)
    if format is Format.pfif and what is not ExportWhat.people:
        raise HeadcountError(Errors.E074.format(format=format.value, what=what.value,
                                                allowed="PFIF is for --what people"))
    if what is ExportWhat.people:
        _export_people(db, format, out_file, incident, policy, weights)
        return
    if what is ExportWhat.account:
        stored, found = _incidents_in_store(db, incident)
        accounts = _accounts(found, policy, as_of, weights, jobs)
        table = (exporting.acled_table(found, accounts, stored) if style is ExportStyle.acled
                 else exporting.account_table(accounts))
    else:
        with Store.open(db) as store:
            table = (exporting.claims_table(store.claims()) if what is ExportWhat.claims
                     else exporting.reports_table(store.reports()))
    exporting.write_table(table, format.value, out_file)
    if out_file is not None:
        err.print(f"wrote {len(table.rows)} row(s) of {table.name} to {out_file}", highlight=False)


@app.command("import-pfif")
def import_pfif(files: Annotated[list[Path], typer.Argument(help="PFIF documents (XML, PFIF 1.2 to 1.4), such as "
                                                           "a person finder publishes.", show_default=False)],
                incident: Annotated[str, typer.Option("--incident", help="The incident the records are of (PFIF "
                                                      "has no field for it; `headcount incidents` lists them).",
                                                      show_default=False)],
                db: DbOption = None) -> None:
    """Store the person records others published in PFIF as people of the incident: a report per file and
    source (its source_name), whose notes' statuses join the account as claims of their authors
    (believed_dead: killed, believed_missing: missing, believed_alive: freed). A file read again is
    stored once; headcount's own PFIF export reads back as the records it was written from.

    Example:

        headcount import-pfif finder-export.xml --incident vessa-depot-2031
    """
    from .export import pfif
    from .store import Store
    failures = Failures()
    stored = known = named = 0
    with Store.open(db) as store:
        for path in files:
            try:
                data = path.read_bytes()
                found = pfif.people_from_pfif(pfif.read_pfif(data, str(path)), digest=pfif.file_digest(data),
                                              incident=incident, origin=str(path))
            except OSError as e:
                failures(Errors.E001.format(path=path, reason=e.strerror or e))
                continue
            except InputError as e:
                failures(str(e))
                continue
            for report, people in found:
                prepared = store.prepare(report)
                # no count claims: the account reads the people themselves (reconcile.claims_by_incident)
                if prepared is None or not store.add(prepared, [], people):
                    known += 1
                    continue
                stored, named = stored + 1, named + len(people)
    err.print(f"stored {named} person record(s) in {stored} report(s) of {incident}"
              + (f"; {known} already stored" if known else "") + ".", highlight=False)
    failures.exit(stored + known)


def _export_people(db: str | None, format: Format, out_file: Path | None, incident: str | None, policy: Policy,
                   weights: Path | None) -> None:
    """`export --what people`: the person records of the store (reconcile.people.people_in_store) as a table, or
    as PFIF (export/pfif.py) with the words of each status claim from its report."""
    from . import export as exporting
    from .export import pfif
    from .reconcile import load_weights
    from .reconcile.people import people_in_store
    from .store import Store
    with Store.open(db) as store:
        records = [r for _, rs in people_in_store(store, incident, policy.value, load_weights(weights)) for r in rs]
        reports = {s.report.id: s.report for s in store.reports()} if format is Format.pfif else {}
    if format is Format.pfif:
        document = pfif.to_pfif(records, reports=reports)
        if out_file is None:
            sys.stdout.buffer.write(document)
            sys.stdout.flush()
        else:
            out_file.write_bytes(document)
            err.print(f"wrote {len(records)} person record(s) as PFIF 1.4 to {out_file}", highlight=False)
        return
    table = exporting.people_table(records)
    exporting.write_table(table, format.value, out_file)
    if out_file is not None:
        err.print(f"wrote {len(table.rows)} row(s) of {table.name} to {out_file}", highlight=False)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command("eval")
def evaluate(gold: Annotated[Path, typer.Argument(help="Gold claims, JSON Lines (GUIDELINES.md).", show_default=False)],
             pred: Annotated[Path, typer.Argument(help="Claims to score, JSON Lines: what `headcount extract` "
                                                  "prints.", show_default=False)],
             lenient: Annotated[bool, typer.Option("--lenient", help="Count freed and escaped as one status.")]
             = False,
             format: format_option({Format.table: "for reading", Format.json: "the figures as one JSON object"})
             = Format.table,
             verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list the gold claims missed, the "
                                                   "claims found that gold lacks, and wrong sources.")] = False) -> None:
    """Score claims against gold claims: precision, recall and F1 of claims, and with their sources.

    Example:

        headcount extract ../shared/data/dev/reports.jsonl > pred.jsonl
        headcount eval ../shared/data/dev/gold.jsonl pred.jsonl -v
    """
    from .evaluate import brief, load_claims, score, source_difference
    result = score(load_claims(gold), load_claims(pred), lenient)
    if format is Format.json:
        sys.stdout.write(json.dumps(result.figures()) + "\n")
        return
    if verbose:
        for c in result.missed:
            out.print("missed    " + brief(c), markup=False, highlight=False)
        for c in result.spurious:
            out.print("spurious  " + brief(c), markup=False, highlight=False)
        for g, p in result.misattributed:
            out.print(f"source    {brief(g)}  | {source_difference(g, p)}", markup=False, highlight=False)
    r = result
    out.print(f"claims      P {r.precision:.3f}  R {r.recall:.3f}  F1 {r.f1:.3f}  "
              f"(gold {r.gold}, predicted {r.predicted}, matched {r.matched})", highlight=False)
    out.print(f"attribution {r.attribution:.3f} of matched claims; qualifier {r.qualifier:.3f}; "
              f"modality {r.modality:.3f}", highlight=False)
    out.print(f"full        P {r.full_precision:.3f}  R {r.full_recall:.3f}  F1 {r.full_f1:.3f}", highlight=False)


@app.command()
def batch(inputs: Annotated[list[str], typer.Argument(help="Shards: .jsonl or .parquet files (the Reports format), "
                                                      "or folders of them.", show_default=False)],
          output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the claims files, one per "
                                               "partition (claims-00000.parquet...), and the named people "
                                               "beside them (people-00000.jsonl...).")],
          scheduler: Annotated[str, typer.Option("--scheduler", help="local (a LocalCluster sized to this machine) "
                                                 "or the address of a Dask scheduler, tcp://HOST:PORT.")] = "local",
          format: format_option({Format.parquet: "the columns of `headcount export --what claims`",
                                 Format.jsonl: "the lines of `headcount extract`"}) = Format.parquet,
          workers: Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes of the local "
                                                      "cluster (default: one a core).")] = None,
          retries: Annotated[int, typer.Option("--retries", min=0, help="Tries more for a partition that "
                                               "fails.")] = 2,
          ingest_results: Annotated[bool, typer.Option("--ingest", help="Also load the reports, their claims and "
                                                       "named people into the store (--db).")] = False,
          db: DbOption = None, incident: IncidentForOption = None, silent: SilentOption = False,
          smtp: SmtpOption = None) -> None:
    """Extract sharded archives on a Dask cluster: one partition a shard, claims written one file a partition.

    The claims and their ids are those `headcount extract` gives for the same reports. A partition that
    fails is retried, then named; the others go on and the exit status is 1.

    Example:

        headcount batch archive/ --output claims/ --scheduler tcp://10.0.0.5:8786 --ingest --db crisis.db
    """
    from .batch import dask_client, ingest_partitions, list_shards, run_batch
    failures = Failures()
    shards = list_shards(inputs)
    with _progress("partitions", len(shards), silent) as advance, dask_client(scheduler, workers) as client:
        result = run_batch(shards, output, client, format.value, retries, on_done=lambda _: advance())
    for message in result.warnings:
        failures.warn(message)
    for message in result.errors:
        failures(message)
    claims = sum(p.claims for p in result.partitions)
    err.print(f"{len(result.partitions)} of {len(shards)} partition(s) done: "
              f"{sum(p.reports for p in result.partitions)} report(s), {claims} claim(s) in {output}",
              highlight=False)
    if ingest_results:
        from .store import Store
        with Store.open(db) as store:
            stored, known = ingest_partitions(result.partitions, store, incident, on_error=failures)
            err.print(f"stored {stored} report(s); {known} already in the store.", highlight=False)
            _fire_alerts(store, failures, smtp)
    failures.exit()


alerts_app = typer.Typer(help="Alert rules: what to watch (an incident or every one; cells, conflicts, new "
                         "incidents, a named person's status) and where to say it (a webhook, an e-mail "
                         "address, the terminal of `headcount watch`). They fire after reports are stored, once "
                         "per change.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("add")
def alerts_add(incident: Annotated[str | None, typer.Option("--incident", help="The incident to watch "
                                                            "(`headcount incidents` lists them). Default: every "
                                                            "incident.")] = None,
               cell: Annotated[str | None, typer.Option("--cell", help="The cells to watch: a country's ISO code, a "
                                                        "side (everyone, other, attackers, security) and a status, "
                                                        "each optional: 'JP killed', 'attackers', 'any'.")] = None,
               conflicts: Annotated[bool, typer.Option("--conflicts", help="Alert when a conflict appears or is "
                                                       "resolved.")] = False,
               new_incidents: Annotated[bool, typer.Option("--new-incidents", help="Alert when a new incident "
                                                           "forms.")] = False,
               person: Annotated[str | None, typer.Option("--person", help="Alert when the final status of a "
                                                          "named person changes: each person record whose name "
                                                          "or another name its reports give matches, case and "
                                                          "accents aside (as GET /api/people?name= finds them): "
                                                          "'Jane Colter'.")] = None,
               policy: PolicyOption = Policy.latest,
               webhook: Annotated[str | None, typer.Option("--webhook", help="POST each alert as JSON to this "
                                                           "URL, signed (X-Headcount-Signature).")] = None,
               secret: Annotated[str | None, typer.Option("--secret", envvar="HEADCOUNT_ALERT_SECRET",
                                                          help="The webhook's HMAC key.")] = None,
               email: Annotated[str | None, typer.Option("--email", help="Mail each alert to this address (through "
                                                         "--smtp of the command that fires it).")] = None,
               terminal: Annotated[bool, typer.Option("--terminal", help="Print each alert on the terminal of "
                                                      "`headcount watch`.")] = False,
               db: DbOption = None,
               format: TableOrJsonOption = Format.table) -> None:
    """Add an alert rule. It fires on what changes after it is added: the accounts it watches are taken as
    they stand now.

    Example:

        headcount alerts add --incident velmora-terminal-2024 --cell "GB killed" --conflicts \\
            --webhook https://desk.example.org/hook --secret "$SECRET"

        headcount alerts add --person "Jane Colter" --terminal
    """
    from .alerts import add_rule, channel_of, make_rule
    from .store import Store
    channel, target = channel_of(webhook, email, terminal)
    rule = make_rule(incident=incident, cell=cell, conflicts=conflicts, new_incidents=new_incidents,
                     policy=policy.value, channel=channel, target=target, secret=secret, person=person)
    with Store.open(db) as store:
        added = add_rule(store, rule)
    _print_alert_rules([added], {}, format)


@alerts_app.command("list")
def alerts_list(db: DbOption = None, format: TableOrJsonOption = Format.table) -> None:
    """List the alert rules, with how many of each one's alerts are pending, delivered and failed.

    Example:

        headcount alerts list --format json
    """
    from .alerts import delivery_counts, rules
    from .store import Store
    with Store.open(db) as store:
        _print_alert_rules(rules(store), delivery_counts(store), format)


def _print_alert_rules(found: list, counts: dict, format: Format) -> None:
    from . import views
    shown = [views.alert_rule(r, counts.get(r.id)) for r in found]
    if format is Format.json:
        _print_json("rules", shown)
    elif not shown:
        err.print("no alert rules. `headcount alerts add` adds one.", highlight=False)
    else:
        from .render import alert_rules_table
        out.print(alert_rules_table(shown))


@alerts_app.command("remove")
def alerts_remove(rule: Annotated[int, typer.Argument(help="The rule's number (`headcount alerts list`).",
                                                      show_default=False)],
                  db: DbOption = None) -> None:
    """Remove an alert rule, with its alerts: those not yet delivered are not sent.

    Example:

        headcount alerts remove 2
    """
    from .alerts import remove_rule
    from .store import Store
    with Store.open(db) as store:
        remove_rule(store, rule)
    err.print(f"removed alert rule {rule}.", highlight=False)


@alerts_app.command("log")
def alerts_log(rule: Annotated[int | None, typer.Option("--rule", help="Only this rule's alerts.")] = None,
               db: DbOption = None, format: TableOrJsonOption = Format.table) -> None:
    """List the alerts recorded, oldest first: what each said and how its delivery went (pending, delivered,
    failed; tries; the last error).

    Example:

        headcount alerts log --rule 2 --format json
    """
    from . import views
    from .alerts import deliveries
    from .render import alerts_log_table
    from .store import Store
    with Store.open(db) as store:
        shown = [views.alert_delivery(d) for d in deliveries(store, rule)]
    if format is Format.json:
        _print_json("alerts", shown)
    else:
        out.print(alerts_log_table(shown))


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on. Any but the loopback "
                                            "needs --token. Requests must name it, or a loopback name, in "
                                            "their Host header (0.0.0.0 and :: take any).")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          token: Annotated[str | None, typer.Option("--token", envvar="HEADCOUNT_TOKEN", show_envvar=True,
                                                    help="Bearer token that POST /api/reports needs. Without "
                                                    "one, only the loopback address may be served.")] = None,
          max_body: Annotated[int, typer.Option("--max-body", help="Largest request body accepted, in bytes.")]
          = MAX_BODY_BYTES,
          weights: WeightsOption = None,
          smtp: SmtpOption = None) -> None:
    """Serve the JSON API (/api, schema at /openapi.json) and the dashboard (/) over the store.

    Example:

        headcount serve --db crisis.db --port 8000   # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .alerts import Channels
    from .api import create_app
    from .api.access import check_bind
    check_bind(host, token)
    app_ = create_app(db, token=token, max_body=max_body, weights=weights, host=host,
                      channels=Channels.from_settings(smtp))
    err.print(f"serving the dashboard at http://{host}:{port}/ (writes "
              f"{'need the token' if token else 'open to this machine only'}); Ctrl-C stops.", highlight=False)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def main() -> None:
    try:
        app()
    except HeadcountError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(1)
