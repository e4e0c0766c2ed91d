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


def group_of(claim: Claim) -> GroupKey:
    g = claim.group
    if g.role == "unspecified" and not g.nationality and g.foreign is None and not _names_victims(g.text):
        return PEOPLE
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


def nesting(claimed: set[GroupKey], host: str | None) -> tuple[list[GroupKey], list[Partition]]:
    """The account's groups (the claimed ones and the wholes above them) and their partitions.

    host (str | None): ISO code of the country the incident happened in.
    RETURNS: the groups in display order and the partitions between them.
    """
    groups = set(claimed) | {EVERYONE}
    sides = sorted({"other" if k == PEOPLE else k.side for k in claimed if k.side != "all"}, key=SIDES.index)
    groups |= {side_total(s) for s in sides}
    partitions = [Partition(EVERYONE, tuple(side_total(s) for s in sides))] if sides else []
    if sides == ["other"]:  # no report speaks of attackers or security forces: everyone is the victims
        partitions.append(Partition(side_total("other"), (EVERYONE,)))
    if PEOPLE in claimed:
        partitions += [Partition(PEOPLE, (side_total("other"),)), Partition(EVERYONE, (PEOPLE,))]
    for side in sides:
        new_groups, side_partitions = _side_nesting(side, claimed - {PEOPLE}, host)
        groups |= new_groups
        partitions += side_partitions
    partitions = [p for p in partitions if p.parts]
    return sorted(groups, key=display_order), partitions


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
