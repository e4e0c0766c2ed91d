"""Settings shared by the CLI and the library: where the store is, how much a request may send, and how
alerts are sent."""
from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///headcount.db"
DB_ENV = "HEADCOUNT_DB"
MAX_BODY_BYTES = 4 * 1024 * 1024  # the API's request limit: a 1 000 000-character report is at most 4 MB of UTF-8
# More people than live on Earth: a figure above this is not a count of people ("99999999999999999999 people"),
# and the store's count columns (64-bit) hold any count below it.
MAX_PEOPLE = 10_000_000_000
# Alerts by e-mail go through this SMTP server, from this address (alerts/deliver.py).
SMTP_ENV, DEFAULT_SMTP = "HEADCOUNT_SMTP", "localhost:25"
MAIL_FROM_ENV, DEFAULT_MAIL_FROM = "HEADCOUNT_MAIL_FROM", "headcount@localhost"
# How long one try to deliver an alert may take, and the wait before the first retry (doubled each time).
ALERT_TIMEOUT_ENV, DEFAULT_ALERT_TIMEOUT_S = "HEADCOUNT_ALERT_TIMEOUT", 10.0
ALERT_BACKOFF_ENV, DEFAULT_ALERT_BACKOFF_S = "HEADCOUNT_ALERT_BACKOFF", 1.0


def database_url(given: str | None = None) -> str:
    """The store URL: the one given, else ``$HEADCOUNT_DB``, else ``headcount.db`` here.

    A bare file path is taken as an SQLite file, so ``--db my.db`` works too, and a
    PostgreSQL URL without a driver (``postgresql://user@host/db``) uses psycopg 3,
    the driver headcount installs.
    """
    url = given or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url
