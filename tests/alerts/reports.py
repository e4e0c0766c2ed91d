"""Reports written for the alert tests: an invented incident at an invented gas plant, told in steps."""
from __future__ import annotations

from headcount import alerts
from headcount.model import Report
from headcount.pipeline import ingest

# Retries that take no time, for the tests.
FAST = alerts.Backoff(first_s=0.01, tries_per_run=3, max_tries=5)


def channels(**given) -> alerts.Channels:
    return alerts.Channels(backoff=FAST, timeout_s=5, **given)


def store_and_fire(store, report, via: alerts.Channels) -> list[dict]:
    """Store a report, fire, and give the alerts this run recorded."""
    before = len(alerts.deliveries(store))
    assert ingest([report], store).stored == [report.id]
    alerts.fire(store, via)
    return [d.alert for d in alerts.deliveries(store)[before:]]

BRANNICK = [
    ("brannick-1", "2031-03-04T08:00Z",
     "The Japanese government said two Japanese workers were killed at the Brannick gas plant."),
    ("brannick-2", "2031-03-04T15:00Z",
     "The Japanese government said five Japanese workers were killed at the Brannick gas plant."),
    ("brannick-3", "2031-03-05T09:00Z",
     "The Japanese government said five Japanese workers were killed at the Brannick gas plant. "
     "Police said 40 workers were freed."),
    # A lower figure from the same police: a revision, which the account shows as a conflict.
    ("brannick-4", "2031-03-05T12:00Z", "Police said 25 workers were freed at the Brannick gas plant."),
]
ELSEWHERE = Report(id="orvel-1", published="2031-04-01", incident="orvel-kiln",
                   text="Police said three guards were injured at the Orvel kiln.")


def brannick(n: int) -> Report:
    """The n-th report (1-based) of the Brannick incident."""
    rid, published, text = BRANNICK[n - 1]
    return Report(id=rid, published=published, text=text, incident="brannick")

# A named person (invented) at an invented hotel: missing, then killed, then killed again in other words.
MARLOW = [
    ("marlow-1", "2031-06-10T08:00Z", "Jane Colter is missing after the attack on the Marlow hotel in Tarsay, police said."),
    ("marlow-2", "2031-06-11T09:00Z",
     "Police said a British teacher, Jane Colter, was killed at the Marlow hotel in Tarsay."),
    ("marlow-3", "2031-06-11T16:00Z",
     "Police said Jane Colter, a British teacher, was killed in the attack on the Marlow hotel in Tarsay."),
]


def marlow(n: int) -> Report:
    """The n-th report (1-based) of the Marlow incident."""
    rid, published, text = MARLOW[n - 1]
    return Report(id=rid, published=published, text=text, incident="marlow")
