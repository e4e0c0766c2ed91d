"""Settings shared by the CLI and the library: where the store is, and how much a request may send."""
from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///headcount.db"
DB_ENV = "HEADCOUNT_DB"
MAX_BODY_BYTES = 4 * 1024 * 1024  # the API's request limit: a 1 000 000-character report is at most 4 MB of UTF-8
# More people than live on Earth: a figure above this is not a count of people ("99999999999999999999 people"),
# and the store's count columns (64-bit) hold any count below it.
MAX_PEOPLE = 10_000_000_000


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
