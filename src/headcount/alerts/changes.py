"""What an alert says: the changes between what a rule last saw of an incident's account and the account
now. Plain data in and out; the store and the channels are elsewhere (fire.py, deliver.py).

A watched cell's change is a move of its best, low or high figure (a bound that narrows or widens too); a
claim added behind a figure that moves nothing is no change. A conflict is known by its claims: one that
appears is new, one that goes is resolved. An incident the rule never saw is new to it. A watched person
(each person record whose name or variants match the rule's name) changes when their final status does:
they appear with a status, it changes (missing -> killed), or it goes (their record, or its status). A
record is the same person as before by its id, or, when its id changed (an earlier report named them, a
decision joined two records), by the status claims it shares with the one seen before.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..labels import group_label
from ..model import CellKey, Claim, Conflict, IncidentAccount, PersonRecord
from ..reconcile.people import matches_name
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
class Seen:
    """A watched person as a rule saw them: their record's name, its final status (None: none), the ids of
    the status claims of its mentions (sorted), and the one its final status comes from."""

    name: str
    status: str | None
    claims: tuple[str, ...] = ()
    final: str | None = None


@dataclass(frozen=True)
class Watched:
    """What a rule watches of one incident's account: its cells' figures, in the account's order, its
    conflicts (their claims, sorted, with the reason), and its watched people, by record id in the
    records' order."""

    cells: dict[CellKey, Figure] = field(default_factory=dict)
    conflicts: dict[tuple[str, ...], str] = field(default_factory=dict)
    people: dict[str, Seen] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"cells": [[[k.nationality, k.foreign, k.side, k.status], f.low, f.high, f.best,
                                      list(f.claims)] for k, f in self.cells.items()],
                           "conflicts": [[list(claims), reason] for claims, reason in self.conflicts.items()],
                           "people": [[rid, p.name, p.status, list(p.claims), p.final]
                                      for rid, p in self.people.items()]},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Watched:
        """A state as ``to_json`` wrote it; one stored before people were watched has none (no "people")."""
        data = json.loads(text)
        return cls({CellKey(*key): Figure(low, high, best, tuple(claims))
                    for key, low, high, best, claims in data["cells"]},
                   {tuple(claims): reason for claims, reason in data["conflicts"]},
                   {rid: Seen(name, status, tuple(claims), final)
                    for rid, name, status, claims, final in data.get("people", ())})


def watched(rule: Rule, account: IncidentAccount, records: Iterable[PersonRecord] = ()) -> Watched:
    """What the rule watches of the account and of the incident's person ``records`` (merged under the
    rule's policy)."""
    cells = {} if rule.cell is None else {
        c.key: Figure(c.low, c.high, c.best, tuple(sorted(set(c.claims) | set(c.derived_from))))
        for c in account.cells if rule.cell.matches(c.key)}
    conflicts = {tuple(sorted(x.claims)): x.reason for x in account.conflicts} if rule.conflicts else {}
    people = {} if rule.person is None else {r.id: seen(r) for r in records if matches_name(r, rule.person)}
    return Watched(cells, conflicts, people)


def seen(record: PersonRecord) -> Seen:
    final = None
    claims: list[str] = []
    for m in record.mentions:
        for c, s in zip(m.claims(), m.statuses):
            claims.append(c.id)
            if final is None and m.report == record.final_report and s == record.final_statement:
                final = c.id
    return Seen(record.name, record.final_status, tuple(sorted(set(claims))), final)


def person_claims(records: Iterable[PersonRecord], texts: Mapping[str, str] | None = None) -> dict[str, Claim]:
    """The status claims of the records' mentions, by id, each with its words in its report (``texts``, by
    report id) as its text, so that an alert quotes what the report says, not only the name."""
    found: dict[str, Claim] = {}
    for r in records:
        for m in r.mentions:
            text = (texts or {}).get(m.report)
            for c in m.claims():
                start, end = c.span
                if text is not None and 0 <= start < end <= len(text):
                    c = replace(c, text=" ".join(text[start:end].split()))
                found[c.id] = c
    return found


@dataclass(frozen=True)
class Change:
    """One thing an alert says. ``kind``: "incident" (a new incident formed), "figure" (a watched cell's
    figures moved, from ``before`` to ``after``; None: the cell was not there), "conflict" (``conflict``
    appeared), "resolved" (the conflict of the claims ``resolved`` is gone) or "person" (a watched person's
    final status went from ``status_before`` to ``status_after``). ``claims``: those behind it (for a
    figure, the claims added behind it, else all behind it now; for a person, likewise, the claim their
    status now comes from first)."""

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
    person: str | None = None         # a "person" change: the record's id (the one seen before, if gone)
    name: str | None = None           # the person's name, as their record gives it
    status_before: str | None = None  # their final status the rule saw last (None: none, or not seen)
    status_after: str | None = None   # their final status now (None: none, or their record is gone)


def changes(rule: Rule, before: Watched | None, after: Watched, account: IncidentAccount,
            claims: list[Claim], said: Mapping[str, Claim] | None = None) -> list[Change]:
    """The changes from what the rule last saw of the incident (None: never saw it) to the account now, in
    a fixed order: the new incident, then cells in the account's order, then conflicts, then people in
    the records' order (then those gone). ``said``: the watched people's status claims, by id, in their
    reports' words (``person_claims``)."""
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
    said = said or {}
    for was_id, now_id in _same_people(old.people, after.people):
        was, now = old.people.get(was_id), after.people.get(now_id)
        status_before, status_after = was and was.status, now and now.status
        if status_before == status_after:
            continue
        ids = list(now.claims if now else ())
        added = [i for i in ids if was is None or i not in was.claims] or ids or list(was.claims)
        final = now.final if now else None
        order = [final] * (final in added) + [i for i in added if i != final]
        found.append(Change("person", **common, person=now_id or was_id, name=(now or was).name,
                            status_before=status_before, status_after=status_after,
                            claims=tuple(said[i] for i in order if i in said)))
    return found


def _same_people(old: Mapping[str, Seen], new: Mapping[str, Seen]) -> list[tuple[str | None, str | None]]:
    """Pairs (id seen before, id now) of the same person, in the new records' order, then the people gone
    (id now None); a person new to the rule is (None, id). A record is the one of the same id, else the one
    left that shares most status claims with it."""
    left = [rid for rid in old if rid not in new]
    pairs: list[tuple[str | None, str | None]] = []
    for rid, now in new.items():
        if rid in old:
            pairs.append((rid, rid))
            continue
        shared = [(len(set(old[o].claims) & set(now.claims)), o) for o in left]
        n, match = max(((n, o) for n, o in shared if n), key=lambda p: p[0], default=(0, None))
        if match is not None:
            left.remove(match)
        pairs.append((match, rid))
    return pairs + [(rid, None) for rid in left]


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
    elif change.kind == "person":
        said = (f"{where}: status of {change.name}: {change.status_before or 'none'} -> "
                f"{change.status_after or 'none'}")
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
