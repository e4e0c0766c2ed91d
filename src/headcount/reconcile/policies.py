"""Policies: which single figure of a cell to show as ``best``, over the same kept claims.

The bounds (low, high) never depend on the policy; ``best`` always lies within them.

- ``conservative``: the lowest figure given at the cell's latest moment (ACLED codes
  the most conservative estimate);
- ``range``: the middle of the lowest and highest figure given at the cell's latest
  moment (Iraq Body Count publishes the min-max range);
- ``latest``: the latest figure of the most authoritative source kind that gives one
  (authority: the source-kind weights, highest first);
- ``weighted``: the mean of each source's latest figure, weighted by source kind and
  modality (weights.toml, or the file given with ``--weights``).

A figure given only as a ceiling ("as many as six") yields to the figures stated
in the cell ("one had been arrested"). ``preference`` gives the figure a policy
prefers for a cell and how much it weighs (the weights of the claims the policy
reads); best.py then moves the preferred figures of all cells together, as
little as those weights allow, until parts fit in their wholes. A cell whose
figure no claim states (Japanese taken, from the freed and missing) shows its
lowest value.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import HeadcountError
from ..model import POLICIES, Claim
from .intervals import claim_moment, point_figure



@dataclass(frozen=True)
class Weights:
    source_kind: dict[str, float]
    modality: dict[str, float]

    def of(self, claim: Claim) -> float:
        return self.source_kind.get(claim.source.kind, 1.0) * self.modality.get(claim.modality, 1.0)

    def authority(self, kind: str) -> tuple[float, str]:
        return (-self.source_kind.get(kind, 1.0), kind)


def load_weights(path: str | Path | None = None) -> Weights:
    """The weights of ``path`` (TOML, as weights.toml), over the defaults for whatever it leaves out."""
    data = tomllib.loads(resources.files(__package__).joinpath("weights.toml").read_text("utf-8"))
    if path is not None:
        try:
            own = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise HeadcountError(f"{path}: cannot read the weights file ({e}).") from e
        for table in ("source_kind", "modality"):
            data[table].update({k: float(v) for k, v in own.get(table, {}).items()})
    return Weights(source_kind=data["source_kind"], modality=data["modality"])


def check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise HeadcountError(f"unknown policy '{policy}': use one of {', '.join(POLICIES)}.")


def preference(policy: str, claims: list[Claim], weights: Weights) -> tuple[float, float] | None:
    """(figure, weight): the figure ``policy`` prefers for a cell from its kept claims, and the weight of
    the claims it read; None when no claim gives a figure."""
    check_policy(policy)
    points = [(c, p) for c in claims if (p := point_figure(c)) is not None]
    stated = [(c, p) for c, p in points if c.count.qualifier != "at_most"]
    points = stated or points
    if not points:
        return None
    value, used = _CHOOSE[policy](points, weights)
    return value, max(sum(weights.of(c) for c in used), 1e-3)


def best_figure(policy: str, claims: list[Claim], low: int, high: int | None, weights: Weights) -> int:
    """The best figure of a cell alone under ``policy``, from its kept claims, within [low, high]."""
    preferred = preference(policy, claims, weights)
    if preferred is None:
        return low
    value = int(preferred[0] + 0.5)
    if high is not None:
        value = min(value, high)
    return max(value, low)


def _at_latest_moment(points):
    last = max(claim_moment(c) for c, _ in points)
    return [(c, p) for c, p in points if claim_moment(c) == last]


def _recency(claim: Claim) -> tuple:
    """Orders claims from the oldest statement to the latest (ties by report and place in it)."""
    return (claim_moment(claim), claim.report, claim.span)


# Each policy returns (figure, the claims it read for it).
def _conservative(points, weights):
    now = _at_latest_moment(points)
    return min(p for _, p in now), [c for c, _ in now]


def _range(points, weights):
    now = _at_latest_moment(points)
    figures = [p for _, p in now]
    return (min(figures) + max(figures)) / 2, [c for c, _ in now]


def _latest(points, weights):
    top = min(weights.authority(c.source.kind) for c, _ in points)
    theirs = [(c, p) for c, p in points if weights.authority(c.source.kind) == top]
    claim, figure = max(theirs, key=lambda cp: _recency(cp[0]))
    return figure, [claim]


def _weighted(points, weights):
    latest: dict[tuple, tuple[Claim, float]] = {}
    for c, p in points:
        who = c.source.speaker
        if who not in latest or _recency(c) > _recency(latest[who][0]):
            latest[who] = (c, p)
    total = sum(weights.of(c) for c, _ in latest.values())
    if total <= 0:
        return _latest(points, weights)
    return sum(weights.of(c) * p for c, p in latest.values()) / total, [c for c, _ in latest.values()]


_CHOOSE = {"conservative": _conservative, "range": _range, "latest": _latest, "weighted": _weighted}
