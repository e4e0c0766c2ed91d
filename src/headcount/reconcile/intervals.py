"""A claim as a constraint: the interval of people it allows, and the moment it speaks of.

The rules are data (``intervals.json``): "about 60" allows 54-66, "a dozen"
11-13; a vague "many" means more than one and "hundreds" at least 200. A
denied claim allows nothing in particular and so constrains nothing.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, time, timezone
from functools import cache
from importlib import resources

from ..labels import END_OF_DAY
from ..model import Claim
from ..moments import ISO_MOMENT, is_moment  # noqa: F401 (where the API and the CLI took them from)

# A claim with no date is evidence of an unknown, earlier moment: it sorts first.
UNDATED = datetime.min


@dataclass(frozen=True)
class Interval:
    low: int
    high: int | None  # None: no upper bound

    def allows(self, value: float) -> bool:
        return value >= self.low - 1e-6 and (self.high is None or value <= self.high + 1e-6)


@cache
def rules() -> dict:
    return json.loads(resources.files(__package__).joinpath("intervals.json").read_text("utf-8"))


def about_tolerance(n: int) -> int:
    r = rules()
    return max(r["about_minimum"], round(r["about_share"] * n))


def claim_interval(claim: Claim) -> Interval | None:
    """RETURNS (Interval | None): the people the claim allows, or None for a denied claim."""
    if claim.modality == "denied":
        return None
    c = claim.count
    if c.qualifier == "vague":
        return Interval(_vague_minimum(c.text), None)
    if c.qualifier == "about" and c.low is not None:
        tol = about_tolerance(c.low)
        return Interval(max(0, c.low - tol), (c.high if c.high is not None else c.low) + tol)
    if c.qualifier == "at_most":
        return Interval(0, c.high)
    low = c.low if c.low is not None else 0
    high = None if c.qualifier == "at_least" else (c.high if c.high is not None else c.low)
    return Interval(low, high)


def point_figure(claim: Claim) -> float | None:
    """The single number a claim gives, for a policy's best figure; None when it gives none."""
    c = claim.count
    if claim.modality == "denied" or c.qualifier == "vague":
        return None
    if c.qualifier == "range" and c.low is not None and c.high is not None:
        return (c.low + c.high) / 2
    return c.low if c.low is not None else c.high


def _vague_minimum(text: str | None) -> int:
    r = rules()
    words = (text or "").lower().replace("-", " ").split()
    for word in reversed(words):
        if word in r["vague_minimum"]:
            return r["vague_minimum"][word]
    return r["vague_default"]


@cache
def parse_moment(value: str | None) -> datetime:
    """An ISO 8601 date or date-time as a naive UTC datetime.

    A bare date means the end of that day: a report dated 18 January tells what
    was known by the end of the 18th, not at midnight before it.
    """
    if not value:
        return UNDATED
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return UNDATED
    if len(value.strip()) <= 10:
        moment = datetime.combine(moment.date(), time(*END_OF_DAY))
    if moment.tzinfo is not None:
        moment = _in_utc(moment)
    return moment


def _in_utc(moment: datetime) -> datetime:
    """A moment with an offset as naive UTC; one whose UTC falls outside years 1-9999
    (0001-01-01T00:00+01:00) as the first or the last moment there is."""
    try:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:
        return datetime.min if moment.year == 1 else datetime.max


def claim_moment(claim: Claim) -> datetime:
    """When the claim's figure held: the time the text gives, else the report's publication."""
    return parse_moment(claim.time or claim.published)


def ceil_int(x: float) -> int:
    return int(math.ceil(x - 1e-6))


def floor_int(x: float) -> int:
    return int(math.floor(x + 1e-6))
