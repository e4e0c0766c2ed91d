"""The moment a statement speaks of, from the time words of its sentence and the report's date.

"In the afternoon" in a report of 18 January is 18 January, 15:00; "on Saturday"
is the last Saturday on or before the publication day; "yesterday morning" is the
day before, 09:00. Words it does not know, or a report with no date, give None,
and the claim keeps its report's publication time. The words are data
(``patterns/times.json``).
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources


@cache
def _words() -> dict:
    return json.loads(resources.files(__package__).joinpath("patterns/times.json").read_text("utf-8"))


def resolve(phrase: str | None, published: str | None) -> str | None:
    """RETURNS (str | None): ISO date ("2013-01-17") or date-time ("2013-01-18T15:00"), or None."""
    if not phrase or not published:
        return None
    try:
        base = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    words = phrase.lower().replace("-", " ").split()
    w = _words()
    day = _day(words, base.date(), w)
    hour = next((w["parts_of_day"][x] for x in words if x in w["parts_of_day"]), None)
    if day is None and hour is None:
        return None
    day = day or base.date()
    if hour is None:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, hour)
    if len(published.strip()) > 10 and moment > base.replace(tzinfo=None):
        return None  # a time later than the report itself: not this day's
    return moment.isoformat(timespec="minutes")


def _day(words: list[str], published: date, w: dict) -> date | None:
    for x in words:
        if x in w["days_back"]:
            return published - timedelta(days=w["days_back"][x])
        if x in w["weekdays"]:
            back = (published.weekday() - w["weekdays"].index(x)) % 7
            return published - timedelta(days=back)
    return None
