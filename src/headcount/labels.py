"""Words a person reads for groups and counts: "Japan", "foreigners", "≥30". Shared by tables, explanations and the web."""
from __future__ import annotations

from datetime import datetime
from functools import cache

import pycountry

from .model import Claim

END_OF_DAY = (23, 59, 59)  # the time a bare date stands for (reconcile.intervals.parse_moment)


@cache
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def place_label(site: str | None, host: str | None) -> str:
    """Where an incident took place, as a person reads it: "Tigantourine Plants, Algeria", "Kenya", or ""."""
    return ", ".join(x for x in (site, country_name(host) if host else None) if x)


def group_label(nationality: str | None, foreign: bool | None, side: str) -> str:
    """"Japan", "foreigners", "attackers", "everyone": a row label a person reads. The side "other"
    (hostages, staff, bystanders, victims) is "everyone else": everyone but attackers and security."""
    if side == "all":  # a country's nationals of no stated side are its victims and its security forces
        return f"{country_name(nationality)}, victims and security forces" if nationality else "everyone"
    if nationality:
        name = country_name(nationality)
    elif foreign is True:
        name = "foreigners"
    elif foreign is False:
        name = "locals"
    else:
        return {"attacker": "attackers", "security": "security forces"}.get(side, "everyone else")
    if side == "attacker":
        return f"{name} attackers"
    if side == "security":
        return f"{name} security forces"
    return name


def count_text(claim: Claim) -> str:
    c = claim.count
    if c.qualifier == "vague":
        return f"vague ({c.text})" if c.text else "vague"
    if c.qualifier == "range":
        return f"{c.low}–{c.high}"
    sign = {"at_least": "≥", "at_most": "≤", "about": "~", "exact": ""}[c.qualifier]
    return f"{sign}{c.low if c.low is not None else c.high}"


def moment_label(moment: datetime) -> str:
    """A moment as a person reads it: "2013-01-18" for a bare date (which reconciliation takes as the end
    of that day, 23:59:59), else "2013-01-18 16:00"."""
    if (moment.hour, moment.minute, moment.second) == END_OF_DAY:
        return moment.date().isoformat()
    return moment.isoformat(sep=" ", timespec="minutes")
