"""Settings shared by the CLI and the library: where the store is."""
from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///headcount.db"
DB_ENV = "HEADCOUNT_DB"


def database_url(given: str | None = None) -> str:
    """The store URL: the one given, else ``$HEADCOUNT_DB``, else ``headcount.db`` here.

    A bare file path is taken as an SQLite file, so ``--db my.db`` works too.
    """
    url = given or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url
