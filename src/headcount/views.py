"""The library's objects as JSON: each object is shaped here once, for the CLI's ``--format json`` and the
API alike, and each shape is described by one Pydantic model of ``api/schemas.py`` (named in its function).

The API adds to some what only a server has: ``stale`` (an answer kept from before the latest write) and
an incident's ``headline`` (everyone's figures, an account per incident, which the CLI's list does not
compute). A claim of ``headcount extract`` is the claim format of GUIDELINES.md (``Claim.to_dict``); the
API's claim adds its moment, its group's label and its incident. An alert is shaped once here too: the body
a webhook gets, what the store keeps and what `headcount alerts log` and GET /api/alerts/log show. A person
record (one person across an incident's reports) is shaped once here too, for `headcount people`, the API's
people, the dashboard's list and the exports.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .alerts.changes import message as alert_message
from .labels import group_label, place_label
from .model import CellFigure, CellKey, Claim, Conflict, IncidentAccount, PersonRecord, Report
from .reconcile import Incident, TimelinePoint
from .reconcile.intervals import UNDATED, claim_moment
from .render import conflict_explanation, first_published, latest_published

if TYPE_CHECKING:
    from .alerts.changes import Change, Figure
    from .alerts.deliver import DeliveryRecord
    from .alerts.rules import Rule


def claim(c: Claim, incident: str | None = None) -> dict[str, Any]:
    """A claim as the API gives it (schemas.ClaimOut): the claim format, and what the board reads."""
    moment = claim_moment(c)
    return {**c.to_dict(), "moment": None if moment == UNDATED else moment.isoformat(),
            "group_label": group_label(c.group.nationality, c.group.foreign, c.group.side), "incident": incident}


def report(r: Report, claim_count: int, incident: str | None, stored_at: str | None = None) -> dict[str, Any]:
    """A stored report without its text (schemas.ReportOut). ``incident``: the one it was grouped into."""
    return {"id": r.id, "version": r.version, "published": r.published, "outlet": r.outlet,
            "url": r.url, "language": r.language, "incident": incident, "claim_count": claim_count,
            "stored_at": stored_at}


def incident(inc: Incident, claims: list[Claim], published: dict[str, str | None]) -> dict[str, Any]:
    """An incident with its place and its first and latest publication (schemas.IncidentSummary).
    ``published``: each report's publication, by id."""
    return {"id": inc.id, "title": inc.title, "host": inc.host, "site": inc.site,
            "place": place_label(inc.site, inc.host) or None, "reports": list(inc.reports), "claims": len(claims),
            "first": first_published(inc, published), "latest": latest_published(inc, published)}


def headline(everyone: IncidentAccount) -> list[dict[str, Any]]:
    """Everyone's figures by status (schemas.HeadlineFigure), as GET /api/incidents gives them beside each
    incident."""
    return [{"status": c.key.status, "low": c.low, "high": c.high, "best": c.best}
            for c in everyone.cells if c.key.side == "all"]


def account(a: IncidentAccount) -> dict[str, Any]:
    """One incident of ``headcount account --format json`` (schemas.Account), the shape
    ../shared/eval/account.py reads."""
    return {"id": a.id, "title": a.title, "reports": list(a.reports), "policy": a.policy, "as_of": a.as_of,
            "cells": [cell(c) for c in a.cells], "conflicts": [conflict(x) for x in a.conflicts],
            # False only where work was bounded: the claims set aside are a good set, not the lightest
            "exact": a.exact}


def cell(c: CellFigure) -> dict[str, Any]:
    """A cell of the account (schemas.Cell)."""
    return {"group": cell_group(c.key), "status": c.key.status, "low": c.low, "high": c.high,
            "best": c.best, "claims": list(c.claims), "derived_from": list(c.derived_from), "rule": c.rule,
            "named": c.named}


def cell_group(k: CellKey) -> dict[str, Any]:
    """A cell's group (schemas.CellGroup). ``role`` is the side: "all" (everyone), "other", "attacker",
    "security"."""
    return {"nationality": k.nationality, "foreign": k.foreign, "role": k.side,
            "label": group_label(k.nationality, k.foreign, k.side)}


def conflict(x: Conflict) -> dict[str, Any]:
    """A conflict of the account (schemas.ConflictOut), with its explanation in words."""
    return {"claims": list(x.claims), "reason": x.reason, "explanation": conflict_explanation(x),
            "dropped": list(x.dropped)}


def timeline(incident_id: str, policy: str, points: list[TimelinePoint]) -> dict[str, Any]:
    """One incident of ``headcount timeline --format json`` (schemas.Timeline): its points, and the dated
    moments claims speak of, the stops of an as-of replay."""
    moments = sorted({p.moment for p in points if p.moment is not None})
    return {"incident": incident_id, "policy": policy, "moments": moments,
            "points": [timeline_point(p) for p in points]}


def timeline_point(p: TimelinePoint) -> dict[str, Any]:
    """A cell's figures as of one moment (schemas.TimelinePoint)."""
    return {"as_of": p.moment, "group": cell_group(p.key), "status": p.key.status, "low": p.low, "high": p.high,
            "best": p.best, "claims": list(p.claims)}


def alert_rule(rule: Rule, alerts: dict[str, int] | None = None) -> dict[str, Any]:
    """An alert rule (schemas.AlertRuleOut), its secret left out; ``alerts``: how many of its alerts are
    pending, delivered and failed."""
    return {"id": rule.id, "incident": rule.incident, "cell": None if rule.cell is None else str(rule.cell),
            "conflicts": rule.conflicts, "new_incidents": rule.new_incidents, "person": rule.person,
            "policy": rule.policy,
            "channel": rule.channel, "to": rule.target, "signed": rule.secret is not None,
            "created_at": rule.created_at, "alerts": alerts or {"pending": 0, "delivered": 0, "failed": 0}}


def alert(key: str, rule_id: int, policy: str, change: Change) -> dict[str, Any]:
    """An alert (schemas.Alert): the body of a webhook's POST, kept in the store as it was sent. ``key``:
    its id, also sent as X-Headcount-Delivery."""
    return {"id": key, "rule": rule_id, "incident": change.incident, "title": change.title, "policy": policy,
            "change": change.kind,
            "cell": None if change.cell is None else {"group": cell_group(change.cell), "status": change.cell.status},
            "before": _alert_figure(change.before), "after": _alert_figure(change.after),
            "conflict": (None if change.kind not in ("conflict", "resolved") else
                         {"claims": list(change.conflict.claims if change.conflict else change.resolved),
                          "reason": change.reason}),
            "person": (None if change.kind != "person" else
                       {"id": change.person, "name": change.name, "before": change.status_before,
                        "after": change.status_after}),
            "claims": [{"id": c.id, "report": c.report, "speaker": c.source.text or c.source.kind,
                        "source_kind": c.source.kind, "text": c.text} for c in change.claims],
            "message": alert_message(change)}


def _alert_figure(f: Figure | None) -> dict[str, Any] | None:
    return None if f is None else {"low": f.low, "high": f.high, "best": f.best}


def alert_delivery(d: DeliveryRecord) -> dict[str, Any]:
    """An alert recorded and how its delivery went (schemas.AlertDelivery)."""
    return {"id": d.id, "rule": d.rule, "channel": d.channel, "to": d.target, "status": d.status,
            "attempts": d.attempts, "last_error": d.last_error, "created_at": d.created_at,
            "delivered_at": d.delivered_at, "alert": d.alert}


def person_record(r: PersonRecord) -> dict[str, Any]:
    """One person across an incident's reports (schemas.PersonRecord): a person of
    ../shared/data/dev/people/people.json (name, variants, nationality, final_status, reports), with its id,
    where its final status comes from, every mention (a line of the people gold each, Person.to_dict), why
    they were merged and what else a reader should know (a user's decisions, an ambiguous mention)."""
    final = None
    if r.final_statement is not None:
        s = r.final_statement
        final = {"report": r.final_report, "status": s.status, "span": list(s.span), "source_kind": s.source.kind,
                 "source_text": s.source.text, "modality": s.modality, "time": s.time}
    return {"id": r.id, "incident": r.incident, "name": r.name, "variants": list(r.variants),
            "nationality": r.nationality, "age": r.age, "sex": r.sex, "role": r.role,
            "final_status": r.final_status, "final": final, "reports": list(r.reports),
            "mentions": [p.to_dict() for p in r.mentions], "merged_because": list(r.merged_because),
            "notes": list(r.notes)}
