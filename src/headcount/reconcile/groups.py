"""Which groups an incident's account has, and how they nest.

Everyone at the site is the sum of three sides: attackers, security forces and
everyone else ("other": hostages, staff, bystanders, people of no stated
role). Within a side, foreigners and locals are disjoint parts, and each
nationality is a part of the foreigners, except the host country's, which is a
part of the locals. When the host country is not known, nationalities are
parts of their side only. A whole is at least the sum of its parts.

"People" of no stated side ("72 people died, including six soldiers and five
gunmen") are not a fourth side: they are a bound, at least the victims (the
side "other") and at most everyone, so the parts a report lists inside its
figure stay inside it. Their figure is a hidden group (``PEOPLE``) that the
account does not show as a row; it shows in everyone's figure it implies.
When the reports speak of no side but the victims', everyone is that side.

The host country's nationals named by their country alone ("eleven Ivorians
were killed", no role said) are of no stated side either: a country's own
security forces are its nationals, and a list of the dead by country counts
them among the victims, but not the attackers. Their figure is a row of its
own (``nationals``: side "all", the host's nationality) that holds the
victims of the host country; and those of them whom the security forces, as
the reports count them, do not account for are victims (``Cover``):
victims <= nationals <= victims + the security forces' lowest figure. The
cover is not of the "parts <= whole" form the bounds need (bounds.py), so it
binds the best figures only (best.py); the bounds stay sound, a little wider.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import CellKey, Claim

SIDES = ("other", "attacker", "security")


@dataclass(frozen=True, order=True)
class GroupKey:
    side: str                # "all" or one of SIDES
    foreign: bool | None     # None for a side's total and for a nationality
    nationality: str | None

    def cell(self, status: str) -> CellKey:
        return CellKey(nationality=self.nationality, foreign=self.foreign, side=self.side, status=status)


EVERYONE = GroupKey("all", None, None)
PEOPLE = GroupKey("people", None, None)  # of no stated side: between the victims and everyone


def side_total(side: str) -> GroupKey:
    return GroupKey(side, None, None)


def nationals(host: str) -> GroupKey:
    """The host country's nationals of no stated side: its victims and its security forces."""
    return GroupKey("all", None, host)


def group_of(claim: Claim, host: str | None = None) -> GroupKey:
    g = claim.group
    if g.role == "unspecified" and not g.nationality and g.foreign is None and not _names_victims(g.text):
        return PEOPLE
    if g.role == "unspecified" and g.nationality and g.nationality == host:
        return nationals(host)
    if g.nationality:
        return GroupKey(g.side, None, g.nationality)
    return GroupKey(g.side, g.foreign, None)


@cache
def _victim_nouns() -> frozenset[str]:
    return frozenset(json.loads(resources.files(__package__).joinpath("sides.json").read_text("utf-8"))["victims"])


def _names_victims(words: str | None) -> bool:
    """Whether a claim's group words name the victims ("29 victims"): a toll of the victims' side."""
    last = (words or "").lower().split()[-1:]
    return bool(last) and last[0] in _victim_nouns()


@dataclass(frozen=True)
class Partition:
    """``whole`` holds at least the sum of ``parts`` (the parts are disjoint)."""

    whole: GroupKey
    parts: tuple[GroupKey, ...]


@dataclass(frozen=True)
class Cover:
    """Everyone in ``whole`` is in ``home`` but for as many as the lowest figures of ``counted`` allow."""

    whole: GroupKey
    home: GroupKey
    counted: tuple[GroupKey, ...]

    @property
    def parts(self) -> tuple[GroupKey, ...]:
        return (self.home, *self.counted)


@dataclass
class Nesting:
    """The account's groups in display order, and the rules between them."""

    groups: list[GroupKey]
    partitions: list[Partition]
    covers: list[Cover]


def nesting(claimed: set[GroupKey], host: str | None) -> Nesting:
    """The account's groups (the claimed ones and the wholes above them) and the rules between them.

    host (str | None): ISO code of the country the incident happened in.
    """
    home = nationals(host) if host else None
    attacked = home is not None and home in claimed
    if attacked:  # the host's victims are a part of the nationals, whether or not a claim names them
        claimed = claimed | {GroupKey("other", None, host)}
    groups = set(claimed) | {EVERYONE}
    sides = sorted({"other" if k == PEOPLE else k.side for k in claimed if k.side != "all"}, key=SIDES.index)
    groups |= {side_total(s) for s in sides}
    partitions = [Partition(EVERYONE, tuple(side_total(s) for s in sides))] if sides else []
    if sides == ["other"]:  # no report speaks of attackers or security forces: everyone is the victims
        partitions.append(Partition(side_total("other"), (EVERYONE,)))
    if PEOPLE in claimed:
        partitions += [Partition(PEOPLE, (side_total("other"),)), Partition(EVERYONE, (PEOPLE,))]
    covers = []
    for side in sides:
        new_groups, side_partitions = _side_nesting(side, claimed - {PEOPLE}, host)
        groups |= new_groups
        partitions += side_partitions
    if attacked:
        partitions += _nationals_partitions(home, groups, sides)
        security = side_total("security")
        covers.append(Cover(home, GroupKey("other", None, host), (security,) if security in groups else ()))
    partitions = [p for p in partitions if p.parts]
    return Nesting(sorted(groups, key=display_order), partitions, covers)


def _nationals_partitions(home: GroupKey, groups: set[GroupKey], sides: list[str]) -> list[Partition]:
    """The host's victims are among its nationals; and everyone holds the nationals, the foreign
    victims and the attackers, three disjoint groups."""
    victims = GroupKey("other", None, home.nationality)
    foreign = GroupKey("other", True, None)
    abroad = [foreign] if foreign in groups else \
        [g for g in groups if g.side == "other" and g.nationality not in (None, home.nationality)]
    attackers = [side_total("attacker")] if "attacker" in sides else []
    return [Partition(home, (victims,)), Partition(EVERYONE, (home, *sorted(abroad), *attackers))]


def _side_nesting(side: str, claimed: set[GroupKey], host: str | None):
    total = side_total(side)
    nations = sorted(k.nationality for k in claimed if k.side == side and k.nationality)
    foreign, local = GroupKey(side, True, None), GroupKey(side, False, None)
    has_foreign, has_local = foreign in claimed, local in claimed
    if host is None:
        parts = [p for p, present in ((foreign, has_foreign), (local, has_local)) if present]
        by_nation = [GroupKey(side, None, n) for n in nations]
        return set(), [Partition(total, tuple(parts)), Partition(total, tuple(by_nation))]
    abroad = [GroupKey(side, None, n) for n in nations if n != host]
    at_home = [GroupKey(side, None, n) for n in nations if n == host]
    # With the host known, foreign nationals make a "foreigners" row even when no claim names one.
    has_foreign = has_foreign or (side == "other" and bool(abroad))
    top = ([foreign] if has_foreign else abroad) + ([local] if has_local else at_home)
    partitions = [Partition(total, tuple(top))]
    if has_foreign:
        partitions.append(Partition(foreign, tuple(abroad)))
    if has_local:
        partitions.append(Partition(local, tuple(at_home)))
    return ({foreign} if has_foreign else set()), partitions


def shown(k: GroupKey) -> bool:
    """Whether the group is a row of the account (people of no stated side are a bound, not a row)."""
    return k != PEOPLE


def display_order(k: GroupKey):
    side = ("all", "people") + SIDES
    return (side.index(k.side), k.nationality is not None, {None: 0, True: 1, False: 2}[k.foreign],
            k.nationality or "")
