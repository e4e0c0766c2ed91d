"""/api/alerts: the alert rules (list, add, remove) and the alerts recorded, as `headcount alerts` gives them.

Every route here needs the server's token when it has one, reads included: a rule's webhook URL or e-mail
address is the desk's own, not the store's public data.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from ...alerts import UnknownIncident, add_rule, deliveries, delivery_counts, remove_rule, rules
from ...errors import Errors
from ...store import Store
from ... import views
from ..access import require_token
from ..deps import get_store
from ..schemas import AlertDelivery, AlertRuleIn, AlertRuleOut, Problem
from ..snapshot import NotFound

router = APIRouter(prefix="/api/alerts", tags=["alerts"], dependencies=[Depends(require_token)],
                   responses={401: {"model": Problem, "description": "The server's token is needed."}})
# ":int": so that /api/alerts/log is never taken for a rule (nor its Allow header given DELETE).
RuleId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The rule's number.")]


@router.get("", response_model=list[AlertRuleOut])
def list_rules(store: Store = Depends(get_store)):
    """The alert rules, oldest first, with how many of each one's alerts are pending, delivered and failed."""
    counts = delivery_counts(store)
    return [views.alert_rule(r, counts.get(r.id)) for r in rules(store)]


@router.post("", response_model=AlertRuleOut, status_code=status.HTTP_201_CREATED,
             responses={404: {"model": Problem, "description": "No such incident."}})
def post_rule(body: AlertRuleIn, store: Store = Depends(get_store)):
    """Add an alert rule. It fires on what changes after it is added. A bad cell, URL or address, or a rule
    that watches nothing, is a 422 naming it."""
    try:
        return views.alert_rule(add_rule(store, body.rule()))
    except UnknownIncident as e:
        raise NotFound(str(e)) from e


@router.delete("/{rule_id:int}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response,
               responses={404: {"model": Problem, "description": "No such rule."}})
def delete_rule(rule_id: RuleId, store: Store = Depends(get_store)):
    """Remove an alert rule, with its alerts: those not yet delivered are not sent."""
    if all(r.id != rule_id for r in rules(store)):
        raise NotFound(Errors.E048.format(rule=rule_id))
    remove_rule(store, rule_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/log", response_model=list[AlertDelivery])
def list_alerts(rule: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="Only this rule's alerts.")]
                = None, store: Store = Depends(get_store)):
    """The alerts recorded, oldest first: what each said and how its delivery went."""
    return [views.alert_delivery(d) for d in deliveries(store, rule)]
