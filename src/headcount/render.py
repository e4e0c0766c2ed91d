"""Claims and accounts as JSON objects and Rich tables, for the CLI (and later the API)."""
from __future__ import annotations

from typing import Any

import pycountry
from rich.table import Table

from .model import CellFigure, Claim, IncidentAccount

SIDE_ROLE = {"other": "other", "attacker": "attacker", "security": "security"}


def cell_to_dict(cell: CellFigure) -> dict[str, Any]:
    k = cell.key
    return {"group": {"nationality": k.nationality, "foreign": k.foreign, "role": SIDE_ROLE[k.side]},
            "status": k.status, "low": cell.low, "high": cell.high, "best": cell.best,
            "claims": list(cell.claims), "rule": cell.rule}


def account_to_dict(accounts: list[IncidentAccount]) -> dict[str, Any]:
    return {"incidents": [
        {"id": a.id, "title": a.title, "reports": list(a.reports),
         "cells": [cell_to_dict(c) for c in a.cells],
         "conflicts": [{"claims": list(x.claims), "reason": x.reason, "explanation": x.explanation}
                       for x in a.conflicts]}
        for a in accounts]}


def group_label(nationality: str | None, foreign: bool | None, side: str) -> str:
    """"Japan", "foreigners", "attackers", "everyone (unspecified)": a row label a person reads."""
    if nationality:
        country = pycountry.countries.get(alpha_2=nationality)
        name = getattr(country, "common_name", None) or getattr(country, "name", nationality) if country else nationality
    elif foreign is True:
        name = "foreigners"
    elif foreign is False:
        name = "locals"
    else:
        name = "people"
    if side == "attacker":
        return "attackers" if name == "people" else f"{name} attackers"
    if side == "security":
        return "security forces" if name == "people" else f"{name} security forces"
    return name


def figure_text(cell: CellFigure) -> str:
    if cell.low is None and cell.high is None:
        return "?"
    lo = "?" if cell.low is None else str(cell.low)
    hi = "∞" if cell.high is None else str(cell.high)
    span = lo if lo == hi else f"{lo}–{hi}"
    return f"{cell.best} ({span})" if cell.best is not None and str(cell.best) != span else span


def account_tables(accounts: list[IncidentAccount]) -> list[Table]:
    tables = []
    for a in accounts:
        t = Table(title=f"{a.title}  [{len(a.reports)} report(s)]", title_justify="left")
        for col in ("group", "status", "best (range)", "claims"):
            t.add_column(col)
        for cell in a.cells:
            k = cell.key
            t.add_row(group_label(k.nationality, k.foreign, k.side), k.status, figure_text(cell), str(len(cell.claims)))
        tables.append(t)
    return tables


def count_text(claim: Claim) -> str:
    c = claim.count
    if c.qualifier == "vague":
        return f"vague ({c.text})" if c.text else "vague"
    if c.qualifier == "range":
        return f"{c.low}–{c.high}"
    sign = {"at_least": "≥", "at_most": "≤", "about": "~", "exact": ""}[c.qualifier]
    return f"{sign}{c.low if c.low is not None else c.high}"


def claims_table(claims: list[Claim]) -> Table:
    t = Table(show_lines=False)
    for col in ("report", "status", "count", "group", "source", "modality", "evidence"):
        t.add_column(col, overflow="fold")
    for c in claims:
        g = c.group
        who = group_label(g.nationality, g.foreign, g.side) + ("" if g.role in ("attacker", "security") else f" ({g.role})")
        src = c.source.kind + (f": {c.source.text}" if c.source.text else "")
        t.add_row(c.report, c.status, count_text(c), who, src, c.modality, c.text)
    return t
