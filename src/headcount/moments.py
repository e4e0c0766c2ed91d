"""The moments a report's date or an as-of may name, as one exact pattern.

Here, not in reconcile, so that readers can check a report's date without loading the solvers.
"""
from __future__ import annotations

import re

# The moments a date may name, exactly: a date of the calendar (years 0001-9999, Feb 29 in leap years
# only), optionally a time (hours 00-23, minutes and seconds 00-59, any fraction) and a UTC offset.
# Each one reconcile.intervals.parse_moment reads; its own reading is wider (datetime.fromisoformat's),
# and a pattern in the API's schema must promise no more than the API takes.
_YEAR = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_TIME = r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?"
ISO_MOMENT = rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)(?:{_TIME})?$"


def is_moment(value: str) -> bool:
    """Whether ``value`` fits ISO_MOMENT, as JSON Schema reads a pattern (a search, by Python's rules)."""
    return re.search(ISO_MOMENT, value) is not None
