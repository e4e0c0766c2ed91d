"""Alert rules: what to watch (an incident or every one; cells, conflicts, new incidents, a named person's
status) and where to say it (a webhook, an e-mail address, the terminal of ``headcount watch``), kept in the store.

A rule is checked when it is made (``make_rule``), so a bad URL, address or cell is refused with a coded
message before anything is stored. Adding a rule takes the accounts it watches as they stand
(``fire.baseline``): it fires on what changes after it was added, not on everything already known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parseaddr
from urllib.parse import urlsplit

import pycountry
from sqlalchemy import delete, func, insert, select

from ..errors import Errors, HeadcountError
from ..model import POLICIES, STATUSES, CellKey
from ..store import schema

CHANNELS = ("webhook", "email", "terminal")
# The words of a side in a cell spec, and the side of the account (model.CellKey.side) each names.
SIDE_WORDS = {"everyone": "all", "all": "all", "other": "other", "victims": "other", "attacker": "attacker",
              "attackers": "attacker", "security": "security"}
_SPEC_WORD = re.compile(r"[\s,]+")
_PLURAL = {"nationality": "nationalities", "side": "sides", "status": "statuses"}


@dataclass(frozen=True)
class CellSpec:
    """Which cells of an account a rule watches: each part given must match, a part left out matches any.
    ``CellSpec(nationality="JP", status="killed")`` is "JP killed"; ``CellSpec()`` every cell."""

    nationality: str | None = None
    side: str | None = None
    status: str | None = None

    def matches(self, key: CellKey) -> bool:
        return all(want is None or want == got for want, got in
                   ((self.nationality, key.nationality), (self.side, key.side), (self.status, key.status)))

    def __str__(self) -> str:
        side = next((w for w, s in SIDE_WORDS.items() if s == self.side), None)  # the first word of each side
        return " ".join(p for p in (self.nationality, side, self.status) if p) or "any"


@dataclass(frozen=True)
class Rule:
    """An alert rule. ``incident``: None for every incident; ``cell``: None when no cell is watched;
    ``target``: the webhook's URL or the e-mail address (None for the terminal); ``id`` and ``created_at``
    are the store's; ``person``: the name of the person whose status is watched (each person record of a
    watched incident whose name or variants match it, reconcile.people.matches_name), None for none."""

    incident: str | None
    cell: CellSpec | None
    conflicts: bool
    new_incidents: bool
    policy: str
    channel: str
    target: str | None
    secret: str | None = field(default=None, repr=False)  # never printed
    id: int | None = None
    created_at: str | None = None
    person: str | None = None

    def watches(self, incident: str) -> bool:
        return self.incident is None or self.incident == incident


def parse_cell(value: str) -> CellSpec:
    """ "JP killed", "attackers", "killed", "any" -> a CellSpec. RAISES HeadcountError: E040 (a word that is
    no ISO code, side or status), E041 (two of one part)."""
    parts: dict[str, tuple[str, str]] = {}  # part -> (its word, its value)
    for word in (w for w in _SPEC_WORD.split(value.strip()) if w and w.lower() != "any"):
        part, meant = _cell_part(value, word)
        if part in parts:
            raise HeadcountError(Errors.E041.format(value=value, parts=_PLURAL[part], first=parts[part][0],
                                                    second=word))
        parts[part] = (word, meant)
    return CellSpec(**{part: meant for part, (_, meant) in parts.items()})


def _cell_part(value: str, word: str) -> tuple[str, str]:
    lower = word.lower()
    if lower in STATUSES:
        return "status", lower
    if lower in SIDE_WORDS:
        return "side", SIDE_WORDS[lower]
    if len(word) == 2 and pycountry.countries.get(alpha_2=word.upper()) is not None:
        return "nationality", word.upper()
    raise HeadcountError(Errors.E040.format(value=value, word=word, sides=", ".join(SIDE_WORDS),
                                            statuses=", ".join(STATUSES)))


def channel_of(webhook: str | None, email: str | None, terminal: bool) -> tuple[str, str | None]:
    """The one destination the CLI's options name, as (channel, target). RAISES HeadcountError: E045."""
    given = [(c, t) for c, t, on in (("webhook", webhook, webhook is not None), ("email", email, email is not None),
                                     ("terminal", None, terminal)) if on]
    if len(given) != 1:
        raise HeadcountError(Errors.E045)
    return given[0]


def make_rule(*, incident: str | None = None, cell: str | None = None, conflicts: bool = False,
              new_incidents: bool = False, policy: str = "latest", channel: str, target: str | None = None,
              secret: str | None = None, person: str | None = None) -> Rule:
    """A checked rule, not yet stored. RAISES HeadcountError with the code of the first thing wrong."""
    spec = parse_cell(cell) if cell is not None else None
    if person is not None:
        if not any(ch.isalnum() for ch in person):  # blank, or no word matches_name could look for
            raise HeadcountError(Errors.E051.format(value=person))
        person = " ".join(person.split())
    if spec is None and not conflicts and not new_incidents and person is None:
        raise HeadcountError(Errors.E046)
    if new_incidents and incident is not None:
        raise HeadcountError(Errors.E047)
    if policy not in POLICIES:
        raise HeadcountError(f"policy '{policy}' is not one of {', '.join(POLICIES)}")
    if channel == "webhook":
        _check_url(target)
        if not secret:
            raise HeadcountError(Errors.E043)
    elif channel == "email":
        _check_address(target)
    elif channel != "terminal" or target is not None:
        raise HeadcountError(Errors.E045)
    if secret and channel != "webhook":
        raise HeadcountError(Errors.E050)
    return Rule(incident, spec, conflicts, new_incidents, policy, channel, target, secret or None, person=person)


def _check_url(url: str | None) -> None:
    try:
        parts = urlsplit(url or "")
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is no number
        ok = False
    if not ok or any(c.isspace() for c in url):
        raise HeadcountError(Errors.E042.format(url=url))


def _check_address(address: str | None) -> None:
    _, parsed = parseaddr(address or "")
    local, _, domain = parsed.rpartition("@")
    if parsed != address or not local or "." not in domain.strip(".") or any(c.isspace() for c in parsed):
        raise HeadcountError(Errors.E044.format(address=address))


# -- in the store ------------------------------------------------------------------------------------------

def utc_now() -> str:
    """Now, as the alert tables keep moments: ISO 8601 in UTC, to the microsecond, so they compare as strings."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def insert_rule(conn, rule: Rule) -> Rule:
    """Store a rule (in the caller's transaction). RETURNS (Rule): it, with its id and creation time."""
    created = utc_now()
    spec = rule.cell or CellSpec()
    row = {"incident": rule.incident, "watches_cells": rule.cell is not None, "nationality": spec.nationality,
           "side": spec.side, "status": spec.status, "conflicts": rule.conflicts,
           "new_incidents": rule.new_incidents, "policy": rule.policy, "channel": rule.channel,
           "target": rule.target, "secret": rule.secret, "created_at": created, "person": rule.person}
    new_id = conn.execute(insert(schema.alert_rules).values(**row)).inserted_primary_key[0]
    return Rule(**{**rule.__dict__, "id": new_id, "created_at": created})


def rules(store) -> list[Rule]:
    """The store's rules, oldest first."""
    r = schema.alert_rules
    with store.engine.connect() as conn:
        return [_rule_from_row(row) for row in conn.execute(select(r).order_by(r.c.id))]


def _rule_from_row(row) -> Rule:
    cell = CellSpec(row.nationality, row.side, row.status) if row.watches_cells else None
    return Rule(row.incident, cell, row.conflicts, row.new_incidents, row.policy, row.channel, row.target,
                row.secret, row.id, row.created_at, row.person)


def remove_rule(store, rule_id: int) -> None:
    """Remove a rule, what it saw and its alerts, delivered or not. RAISES HeadcountError: E048."""
    with store.writing() as conn:
        # Its rows first: SQLite cascades them, but only where foreign keys are on.
        for table in (schema.alert_deliveries, schema.alert_seen):
            conn.execute(delete(table).where(table.c.rule_id == rule_id))
        if not conn.execute(delete(schema.alert_rules).where(schema.alert_rules.c.id == rule_id)).rowcount:
            raise HeadcountError(Errors.E048.format(rule=rule_id))


def delivery_counts(store) -> dict[int, dict[str, int]]:
    """Per rule id, how many of its alerts are pending, delivered and failed."""
    d = schema.alert_deliveries
    counts: dict[int, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for rule_id, status, n in conn.execute(select(d.c.rule_id, d.c.status, func.count())
                                               .group_by(d.c.rule_id, d.c.status)):
            counts.setdefault(rule_id, {"pending": 0, "delivered": 0, "failed": 0})[status] = n
    return counts
