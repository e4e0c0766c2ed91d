"""The exported tables: their columns (name, type) and rows built from the model's types.

Types are "str", "int", "bool" (null allowed in each), so Parquet gets a real
schema and CSV a fixed column order. Lists of ids are joined by spaces.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..labels import country_name, group_label
from ..model import CLAIM_ROW, Claim, IncidentAccount, PersonRecord

Column = tuple[str, str]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: list[dict]


CLAIM_COLUMNS: tuple[Column, ...] = CLAIM_ROW

REPORT_COLUMNS: tuple[Column, ...] = (
    ("id", "str"), ("version", "int"), ("published", "str"), ("outlet", "str"),
    ("url", "str"), ("language", "str"), ("incident", "str"), ("origin", "str"), ("claims", "int"),
    ("stored_at", "str"), ("text", "str"),
)

ACCOUNT_COLUMNS: tuple[Column, ...] = (
    ("incident", "str"), ("incident_title", "str"), ("policy", "str"), ("as_of", "str"),
    ("group", "str"), ("nationality", "str"), ("foreign", "bool"), ("side", "str"), ("status", "str"),
    ("low", "int"), ("best", "int"), ("high", "int"), ("claims", "str"), ("derived_from", "str"),
    ("rule", "str"), ("conflicts", "int"),
)

# One row per incident, in the spirit of ACLED's and UCDP GED's event tables: a date, a place, an actor,
# and fatalities as low / best / high, with the deaths split by side as UCDP does.
ACLED_COLUMNS: tuple[Column, ...] = (
    ("event_id", "str"), ("event_date", "str"), ("country", "str"), ("location", "str"), ("actor1", "str"),
    ("fatalities_low", "int"), ("fatalities_best", "int"), ("fatalities_high", "int"),
    ("deaths_civilians", "int"), ("deaths_attackers", "int"), ("deaths_security", "int"),
    ("source", "str"), ("source_reports", "int"), ("notes", "str"),
)

# One row per person record (``PersonRecord``): who, what the reports say of them, and where from. Lists
# of ids (reports, claims) are joined by spaces; of names and words (variants, sources) by " | ".
PEOPLE_COLUMNS: tuple[Column, ...] = (
    ("id", "str"), ("incident", "str"), ("name", "str"), ("variants", "str"), ("nationality", "str"),
    ("age", "int"), ("sex", "str"), ("home_town", "str"), ("employer", "str"), ("role", "str"),
    ("final_status", "str"), ("statuses", "str"), ("sources", "str"), ("reports", "str"), ("claims", "str"),
    ("merged_because", "str"),
)

TABLES = ("claims", "account", "reports", "people")


def claims_table(claims: Iterable[Claim]) -> Table:
    return Table("claims", CLAIM_COLUMNS, [c.to_row() for c in claims])


def claim_from_row(row: dict) -> Claim:
    """A row of ``claims_table`` (read back from a CSV, JSON Lines or Parquet export) as the claim."""
    return Claim.from_row(row)


def people_table(records: Iterable[PersonRecord]) -> Table:
    """From merged person records: a row each. ``statuses``: each status claim in the order of the
    mentions, ``killed (denied)`` for a denied one; ``sources``: who said them, each once."""
    rows = []
    for r in records:
        said = [(p, s) for p in r.mentions for s in p.statuses]
        rows.append({
            "id": r.id, "incident": r.incident, "name": r.name, "variants": " | ".join(r.variants),
            "nationality": r.nationality, "age": r.age, "sex": r.sex,
            "home_town": _first(p.home_town for p in r.mentions), "employer": _first(p.employer for p in r.mentions),
            "role": _first(p.role for p in r.mentions if p.role != "unspecified") or "unspecified",
            "final_status": r.final_status,
            "statuses": " ".join(s.status + ("(denied)" if s.modality == "denied" else "") for _, s in said),
            "sources": " | ".join(dict.fromkeys(_speaker(s.source) for _, s in said)),
            "reports": " ".join(r.reports), "claims": " ".join(c.id for p in r.mentions for c in p.claims()),
            "merged_because": " | ".join(r.merged_because),
        })
    return Table("people", PEOPLE_COLUMNS, rows)


def _first(values):
    return next((v for v in values if v), None)


def _speaker(source) -> str:
    return f"{source.text} ({source.kind})" if source.text else source.kind


def reports_table(stored) -> Table:
    """From ``Store.reports()``: StoredReport items."""
    rows = [{"id": s.report.id, "version": s.report.version,
             "published": s.report.published, "outlet": s.report.outlet, "url": s.report.url,
             "language": s.report.language, "incident": s.report.incident, "origin": s.report.origin,
             "claims": s.claim_count, "stored_at": s.stored_at, "text": s.report.text} for s in stored]
    return Table("reports", REPORT_COLUMNS, rows)


def account_table(accounts: Iterable[IncidentAccount]) -> Table:
    rows = []
    for a in accounts:
        for cell in a.cells:
            k = cell.key
            rows.append({"incident": a.id, "incident_title": a.title, "policy": a.policy, "as_of": a.as_of,
                         "group": group_label(k.nationality, k.foreign, k.side), "nationality": k.nationality,
                         "foreign": k.foreign, "side": k.side, "status": k.status, "low": cell.low,
                         "best": cell.best, "high": cell.high, "claims": " ".join(cell.claims),
                         "derived_from": " ".join(cell.derived_from), "rule": cell.rule,
                         "conflicts": sum(1 for x in a.conflicts if not set(x.claims).isdisjoint(cell.claims))})
    return Table("account", ACCOUNT_COLUMNS, rows)


def acled_table(found: list[tuple], accounts: list[IncidentAccount], reports: Iterable) -> Table:
    """One event row per incident. ``found``: (Incident, claims) pairs; ``accounts``: the account of each,
    in the same order; ``reports``: the reports they are of (StoredReport or Report), for dates and outlets."""
    reports_by_id = {r.id: r for r in (getattr(s, "report", s) for s in reports)}
    claims_by_id = {c.id: c for _, claims in found for c in claims}
    rows = []
    for (inc, _), a in zip(found, accounts, strict=True):
        killed = {c.key.side: c for c in a.cells
                  if c.key.status == "killed" and c.key.nationality is None and c.key.foreign is None}
        total = killed.get("all")
        reports = [reports_by_id[r] for r in a.reports if r in reports_by_id]
        dates = sorted(r.published[:10] for r in reports if r.published)
        outlets = sorted({r.outlet for r in reports if r.outlet})
        rows.append({
            "event_id": a.id, "event_date": dates[0] if dates else None,
            "country": country_name(inc.host) if inc.host else None, "location": inc.site,
            "actor1": _actor(a, claims_by_id),
            "fatalities_low": total.low if total else None, "fatalities_best": total.best if total else None,
            "fatalities_high": total.high if total else None,
            "deaths_civilians": _best(killed.get("other")), "deaths_attackers": _best(killed.get("attacker")),
            "deaths_security": _best(killed.get("security")),
            "source": "; ".join(outlets), "source_reports": len(reports), "notes": _notes(a),
        })
    return Table("acled", ACLED_COLUMNS, rows)


def _best(cell) -> int | None:
    return cell.best if cell else None


# "a spokesman for the Coastal Brigade" names the Coastal Brigade.
_SPEAKER_FOR = re.compile(r"^(?:an?|the)\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|statement|leader|member|"
                          r"commander|representative)\s+(?:for|of|from)\s+", re.IGNORECASE)


def _actor(a: IncidentAccount, claims_by_id: dict[str, Claim]) -> str | None:
    """The attackers as they named themselves: the most frequent wording of the perpetrator sources."""
    names: dict[str, int] = {}
    for cell in a.cells:
        for cid in cell.claims:
            c = claims_by_id.get(cid)
            if c and c.source.kind == "perpetrator" and c.source.text:
                name = _SPEAKER_FOR.sub("", c.source.text.strip())
                names[name] = names.get(name, 0) + 1
    return min(names, key=lambda n: (-names[n], n)) if names else None


def _notes(a: IncidentAccount) -> str:
    """The headline figures by status and the conflicts, as a reader of an event table wants them."""
    parts = []
    for cell in a.cells:
        k = cell.key
        if k.side == "all" and cell.best is not None:
            parts.append(f"{k.status} {cell.best} ({_range(cell)})")
    if a.conflicts:
        parts.append(f"{len(a.conflicts)} conflict(s) between reports")
    return "; ".join(parts)


def _range(cell) -> str:
    lo = "?" if cell.low is None else str(cell.low)
    hi = "?" if cell.high is None else str(cell.high)
    return f"{lo}-{hi}"
