"""Bring a store to the newest schema, in place, with Alembic.

Called by ``Store.open``; safe when several processes open the same store at
once: the whole upgrade runs in one transaction that holds the store's write
lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-level advisory
lock), so the second process waits and then finds nothing to do.

A store written by headcount 0.1, before migrations existed, has tables but no
``alembic_version``: it is stamped with the revision its columns match, then
upgraded like any other.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed number: the key of the advisory lock taken while migrating a PostgreSQL store.
_PG_LOCK = 0x68656164


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _unversioned_revision(conn: Connection) -> str | None:
    """The revision an unversioned store's tables match, or None for an empty database."""
    found = inspect(conn)
    if not found.has_table("reports"):
        return None
    columns = {c["name"] for c in found.get_columns("claims")}
    return "0002" if "time" in columns else "0001"


def upgrade(url: str) -> None:
    """Migrate the store at ``url`` to the newest revision (nothing to do: a quick check only)."""
    engine = create_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        # Foreign keys stay off here: SQLite migrations copy tables, and a cascading drop would delete claims.
        event.listen(engine, "connect", _sqlite_manual_transactions)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            if current_revision(conn) == head():
                return
            config = _config(conn)
            if not inspect(conn).has_table("alembic_version"):
                legacy = _unversioned_revision(conn)
                if legacy:
                    command.stamp(config, legacy)
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def _sqlite_manual_transactions(dbapi_conn, _record) -> None:
    # pysqlite would otherwise commit before DDL; we issue BEGIN ourselves (SQLAlchemy's documented recipe).
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA busy_timeout=60000")
