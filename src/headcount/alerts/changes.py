"""What an alert says: the changes between what a rule last saw of an incident's account and the account
now. Plain data in and out; the store and the channels are elsewhere (fire.py, deliver.py).

A watched cell's change is a move of its best, low or high figure (a bound that narrows or widens too); a
claim added behind a figure that moves nothing is no change. A conflict is known by its claims: one that
appears is new, one that goes is resolved. An incident the rule never saw is new to it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..labels import group_label
from ..model import CellKey, Claim, Conflict, IncidentAccount
from ..render import conflict_explanation, figure_text
from .rules import Rule

# How many of the claims behind a change its one-line message quotes (the alert's JSON lists them all).
QUOTED = 3


@dataclass(frozen=True)
class Figure:
    """A cell's figures as a rule saw them, and the claims behind them (its own and those it derives from)."""

    low: int | None
    high: int | None
    best: int | None
    claims: tuple[str, ...] = ()

    def same_numbers(self, other: Figure) -> bool:
        return (self.low, self.high, self.best) == (other.low, other.high, other.best)


@dataclass(frozen=True)
class Watched:
    """What a rule watches of one incident's account: its cells' figures, in the account's order, and its
    conflicts (their claims, sorted, with the reason)."""

    cells: dict[CellKey, Figure] = field(default_factory=dict)
    conflicts: dict[tuple[str, ...], str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"cells": [[[k.nationality, k.foreign, k.side, k.status], f.low, f.high, f.best,
                                      list(f.claims)] for k, f in self.cells.items()],
                           "conflicts": [[list(claims), reason] for claims, reason in self.conflicts.items()]},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Watched:
        data = json.loads(text)
        return cls({CellKey(*key): Figure(low, high, best, tuple(claims))
                    for key, low, high, best, claims in data["cells"]},
                   {tuple(claims): reason for claims, reason in data["conflicts"]})


def watched(rule: Rule, account: IncidentAccount) -> Watched:
    cells = {} if rule.cell is None else {
        c.key: Figure(c.low, c.high, c.best, tuple(sorted(set(c.claims) | set(c.derived_from))))
        for c in account.cells if rule.cell.matches(c.key)}
    conflicts = {tuple(sorted(x.claims)): x.reason for x in account.conflicts} if rule.conflicts else {}
    return Watched(cells, conflicts)


@dataclass(frozen=True)
class Change:
    """One thing an alert says. ``kind``: "incident" (a new incident formed), "figure" (a watched cell's
    figures moved, from ``before`` to ``after``; None: the cell was not there), "conflict" (``conflict``
    appeared) or "resolved" (the conflict of the claims ``resolved`` is gone). ``claims``: those behind it
    (for a figure, the claims added behind it, else all behind it now)."""

    kind: str
    incident: str
    title: str
    cell: CellKey | None = None
    before: Figure | None = None
    after: Figure | None = None
    conflict: Conflict | None = None
    resolved: tuple[str, ...] = ()
    reason: str | None = None
    claims: tuple[Claim, ...] = ()


def changes(rule: Rule, before: Watched | None, after: Watched, account: IncidentAccount,
            claims: list[Claim]) -> list[Change]:
    """The changes from what the rule last saw of the incident (None: never saw it) to the account now, in
    a fixed order: the new incident, then cells in the account's order, then conflicts."""
    by_id = {c.id: c for c in claims}

    def quoted(ids) -> tuple[Claim, ...]:  # a claim of a report's older version may be gone
        return tuple(by_id[i] for i in ids if i in by_id)

    common = {"incident": account.id, "title": account.title}
    found: list[Change] = []
    if before is None and rule.new_incidents:
        found.append(Change("incident", **common, claims=tuple(claims)))
    old = before or Watched()
    for key in [*after.cells, *(k for k in old.cells if k not in after.cells)]:
        was, now = old.cells.get(key), after.cells.get(key)
        if was is not None and now is not None and was.same_numbers(now):
            continue
        added = [i for i in (now.claims if now else ()) if was is None or i not in was.claims]
        found.append(Change("figure", **common, cell=key, before=was, after=now,
                            claims=quoted(added or (now.claims if now else ()))))
    for x in account.conflicts:
        key = tuple(sorted(x.claims))
        if key in after.conflicts and key not in old.conflicts:
            found.append(Change("conflict", **common, conflict=x, reason=x.reason, claims=quoted(key)))
    for key, reason in old.conflicts.items():
        if key not in after.conflicts:
            found.append(Change("resolved", **common, resolved=key, reason=reason, claims=quoted(key)))
    return found


def message(change: Change) -> str:
    """The change in one line a person reads: what changed, from what to what, and the claims behind it."""
    where = change.title if change.title == change.incident else f"{change.title} [{change.incident}]"
    if change.kind == "incident":
        said = f"new incident: {where}"
    elif change.kind == "figure":
        k = change.cell
        said = (f"{where}: {group_label(k.nationality, k.foreign, k.side)} {k.status} "
                f"{_figure(change.before)} -> {_figure(change.after)}")
    elif change.kind == "conflict":
        said = f"{where}: new conflict ({change.reason}). {conflict_explanation(change.conflict)}"
        return said  # the explanation names the claims already
    else:
        said = f"{where}: conflict resolved ({change.reason}): its claims hold together now"
    quoted = [_claim_words(c) for c in change.claims[:QUOTED]]
    more = len(change.claims) - QUOTED
    if more > 0:
        quoted.append(f"and {more} more")
    return said + (f" ({'; '.join(quoted)})" if quoted else "")


def _figure(f: Figure | None) -> str:
    return "nothing" if f is None else figure_text(f)


def _claim_words(c: Claim) -> str:
    return f'{c.source.text or c.source.kind} ({c.source.kind}), {c.report}: "{c.text}"'
