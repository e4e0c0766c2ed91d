"""Claims, accounts, incidents and reports as Rich tables and in words, for the CLI (and the words of a
conflict for the API too). Their JSON is shaped in views.py."""
from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text

from .labels import count_text, group_label, moment_label, place_label
from .model import CellFigure, CellKey, Claim, Conflict, ConflictFigure, IncidentAccount


# Why claims disagree, by the reason reconcile/conflicts.py finds, in the words of an explanation.
CONFLICT_REASONS = {
    "revision": "A later figure from a source at least as authoritative lowers the count (or raises the "
                "number still held): it corrects the earlier one, which is set aside.",
    "rounding": "The figures differ by no more than rounding (\"about\" or round numbers).",
    "time": "They are figures of different moments: the taken, freed, escaped, killed, injured and captured "
            "only grow over time and the held only fall, so an earlier or later figure is out of date.",
    "scope": "A whole cannot be smaller than the sum of its parts, and the freed, escaped, held and missing "
             "cannot outnumber those taken.",
    "speaker": "Different sources give figures that cannot both be right.",
    "contradiction": "The same source gives figures that cannot both be right.",
}


def conflict_explanation(x: Conflict) -> str:
    """What a person reads of a conflict: the figures that cannot all hold, why, and which were set aside."""
    said = "; ".join(_conflict_figure(f) for f in x.figures)
    aside = [_conflict_figure(f) for f in x.figures if f.set_aside]
    text = f"These claims cannot all hold: {said}. {CONFLICT_REASONS[x.reason]}"
    if aside:
        text += " Set aside to compute the figures, as the weaker word: " + "; ".join(aside) + "."
    return text


def _conflict_figure(f: ConflictFigure) -> str:
    source = f.claim.source
    who = source.text or source.kind
    more = f" (and {f.claims - 1} more)" if f.claims > 1 else ""
    label = group_label(f.cell.nationality, f.cell.foreign, f.cell.side)
    return f"{who} ({source.kind}): {count_text(f.claim)} {f.cell.status}, {label} [{', '.join(f.reports)}]{more}"


def figure_text(cell: CellFigure) -> str:
    """The best figure and what its range adds, as the dashboard writes it (web/static/app.js, rangeOf):
    "3" (exact), "41+" (at least the best figure, no upper bound), "687 (654+)", "6 (6–11)", "3 (0+)" (no
    bound at all). Also takes a timeline point (same fields)."""
    if cell.low is None and cell.high is None and cell.best is None:
        return "?"
    low, high, best = cell.low or 0, cell.high, cell.best
    if high is None:
        shown = "?" if best is None else str(best)
        return f"{shown}+" if low and low == best else f"{shown} ({low}+)"
    if best is None:
        return str(low) if low == high else f"{low}–{high}"
    if low == high:
        return str(best) if best == low else f"{best} ({low})"
    return f"{best} ({low}–{high})"


def incident_heading(incident: str, title: str) -> str:
    """An incident's title, with its id after it when the two differ."""
    return title if title == incident else f"{title}  [{incident}]"


def account_tables(accounts: list[IncidentAccount]) -> list[Table]:
    """Per incident, a table of its cells and, under it, one of its conflicts."""
    tables = []
    for a in accounts:
        when = f", as of {date_label(a.as_of)}" if a.as_of else ""
        heading = f"{incident_heading(a.id, a.title)}: {len(a.reports)} report(s), policy {a.policy}{when}"
        t = Table(title=Text(heading),
                  title_justify="left")
        for col in ("group", "status", "best (range)", "claims", "derived from", "rule"):
            t.add_column(col)
        for cell in a.cells:
            k = cell.key
            t.add_row(group_label(k.nationality, k.foreign, k.side), k.status, figure_text(cell),
                      str(len(cell.claims)), str(len(cell.derived_from)) if cell.derived_from else "",
                      cell.rule.replace("-", " "))
        tables.append(t)
        if a.conflicts:
            c = Table(title="conflicts", title_justify="left", show_lines=True)
            c.add_column("reason")
            c.add_column("explanation", overflow="fold")
            for x in a.conflicts:
                c.add_row(x.reason, Text(conflict_explanation(x)))
            tables.append(c)
    return tables


def incidents_table(incidents, published: dict[str, str | None]) -> Table:
    """`headcount incidents`: an incident a row, as ``by_first_report`` orders them. ``published``: each
    report's publication, by id."""
    t = Table()
    for col in ("first report", "incident", "place", "reports"):
        t.add_column(col, overflow="fold")
    for inc in incidents:
        first = first_published(inc, published)
        t.add_row(date_label(first), Text(incident_heading(inc.id, inc.title)),
                  Text(place_label(inc.site, inc.host)), str(len(inc.reports)))
    return t


def by_first_report(incidents, published: dict[str, str | None]) -> list:
    """Incidents in order of their first dated report, oldest first, then those of no dated report."""
    from .reconcile.intervals import parse_moment

    def order(inc) -> tuple:
        first = first_published(inc, published)
        return (first is None, parse_moment(first) if first else datetime.min, inc.id)
    return sorted(incidents, key=order)


def first_published(incident, published: dict[str, str | None]) -> str | None:
    """The publication of an incident's first dated report, as the report gave it; None if none is dated
    (an undated report is not the first)."""
    dated = _dated_publications(incident, published)
    return dated[0] if dated else None


def latest_published(incident, published: dict[str, str | None]) -> str | None:
    """The publication of an incident's latest dated report, as the report gave it; None if none is dated."""
    dated = _dated_publications(incident, published)
    return dated[-1] if dated else None


def _dated_publications(incident, published: dict[str, str | None]) -> list[str]:
    """In time order, not string order: a bare date stands for the end of its day."""
    from .reconcile.intervals import UNDATED, parse_moment
    dated = [p for r in incident.reports if (p := published.get(r)) and parse_moment(p) != UNDATED]
    return sorted(dated, key=parse_moment)


def timeline_table(points) -> Table:
    """A row where a cell's figure changes or new claims speak of it: a figure that stays as it was
    is not repeated at every later moment."""
    t = Table()
    for col in ("as of", "group", "status", "best (range)", "new claims"):
        t.add_column(col)
    last: dict[CellKey, str] = {}
    for p in points:
        k, figure = p.key, figure_text(p)
        if last.get(k) == figure and not p.claims:
            continue
        last[k] = figure
        when = moment_label(datetime.fromisoformat(p.moment)) if p.moment else "undated"
        t.add_row(when, group_label(k.nationality, k.foreign, k.side), k.status, figure,
                  str(len(p.claims)) if p.claims else "")
    return t


def claims_table(claims: list[Claim]) -> Table:
    t = Table(show_lines=False)
    for col in ("report", "status", "count", "group", "source", "modality", "evidence"):
        t.add_column(col, overflow="fold")
    for c in claims:
        g = c.group
        who = group_label(g.nationality, g.foreign, g.side) + ("" if g.role in ("attacker", "security") else f" ({g.role})")
        src = c.source.kind + (f": {c.source.text}" if c.source.text else "")
        t.add_row(Text(c.report), c.status, count_text(c), Text(who), Text(src), c.modality, Text(c.text))
    return t


def extracted_people_table(people) -> Table:
    """`headcount extract --people --format table`: one row per named person of a report (``model.Person``)."""
    t = Table(show_lines=False)
    for col in ("report", "name", "statuses", "nationality", "age", "role", "sources"):
        t.add_column(col, overflow="fold")
    for p in people:
        t.add_row(Text(p.report), Text(p.name), ", ".join(s.status for s in p.statuses), p.nationality or "",
                  "" if p.age is None else str(p.age), p.role,
                  Text("; ".join(dict.fromkeys(s.source.text or s.source.kind for s in p.statuses))))
    return t


def events_table(readings) -> Table:
    """`headcount events --format table`: one row per event of a report (``ReportReading.events``)."""
    t = Table(show_lines=False)
    for col in ("report", "type", "date", "place", "perpetrators", "targets", "victims", "weapons"):
        t.add_column(col, overflow="fold")
    for r in readings:
        for e in r.events:
            place = ", ".join(x for x in (e.location, e.country) if x)
            t.add_row(Text(r.report.id), f"{e.kind} ({e.type})", Text(e.date or ""), Text(place),
                      Text("; ".join(e.perp_individuals + e.perp_organizations)), Text("; ".join(e.physical_targets)),
                      Text("; ".join(e.victims)), Text("; ".join(e.weapons)))
    return t


def reports_table(stored) -> Table:
    """`headcount reports`: one row per stored report (``Store.reports()`` items)."""
    table = Table("report", "version", "outlet", "published", "language", "claims", "from")
    for s in stored:
        r = s.report
        table.add_row(Text(r.id), str(r.version), Text(r.outlet or ""), date_label(r.published), r.language,
                      str(s.claim_count), Text(r.origin or ""))
    return table


def date_label(given: str | None) -> str:
    """A date or date-time given as ISO 8601 text (a report's publication, an --as-of) in the CLI's one
    format, whatever its form: "2013-01-18", or "2013-01-18 10:00" (UTC) with a time; "undated" for none,
    as the timeline says it, and text that is no moment as given."""
    from .reconcile.intervals import UNDATED, parse_moment
    moment = parse_moment(given)
    if moment == UNDATED:
        return given or "undated"
    return moment_label(moment)


def alert_rules_table(rules: list[dict]) -> Table:
    """`headcount alerts list`: a row per rule (views.alert_rule), with how its alerts went."""
    table = Table("rule", "incident", "watches", "policy", "to", "pending", "delivered", "failed")
    for r in rules:
        watches = [f"cells: {r['cell']}"] * (r["cell"] is not None) + ["conflicts"] * r["conflicts"] \
            + ["new incidents"] * r["new_incidents"] + [f"person: {r['person']}"] * (r.get("person") is not None)
        to = r["channel"] + (f" {r['to']}" if r["to"] else "")
        table.add_row(str(r["id"]), Text(r["incident"] or "every incident"), Text(", ".join(watches)), r["policy"],
                      Text(to), *(str(r["alerts"][s]) for s in ("pending", "delivered", "failed")))
    return table


def alerts_log_table(deliveries: list[dict]) -> Table:
    """`headcount alerts log`: a row per alert recorded (views.alert_delivery), oldest first."""
    table = Table("rule", "recorded", "alert", "status", "tries", "last error")
    for d in deliveries:
        table.add_row(str(d["rule"]), date_label(d["created_at"]), Text(d["alert"]["message"]), d["status"],
                      str(d["attempts"]), Text(d["last_error"] or ""))
    return table


def people_tables(records: dict[str, list], titles: dict[str, str] | None = None) -> list[Table]:
    """`headcount people`: per incident, a person a row (``records``: each incident's views.person_record
    dicts, by incident id), with why their mentions were merged and what else to know."""
    tables = []
    for incident, rows in records.items():
        title = (titles or {}).get(incident, incident)
        t = Table(title=Text(f"{incident_heading(incident, title)}: {len(rows)} named person(s)"),
                  title_justify="left", show_lines=True)
        for col in ("id", "name", "also named", "nationality", "age", "role", "final status", "reports",
                    "merged because"):
            t.add_column(col, overflow="fold")
        for r in rows:
            final = r["final_status"] or "(no status)"
            if r["final"]:
                final += f"\n{r['final']['source_text'] or r['final']['source_kind']}, {r['final']['report']}"
            why = "\n".join([*r["merged_because"], *(f"note: {n}" for n in r["notes"])])
            t.add_row(r["id"], Text(r["name"]), Text(", ".join(v for v in r["variants"] if v != r["name"])),
                      r["nationality"] or "", "" if r["age"] is None else str(r["age"]), r["role"], Text(final),
                      Text("\n".join(r["reports"])), Text(why))
        tables.append(t)
    return tables
