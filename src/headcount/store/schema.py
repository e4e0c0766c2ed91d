"""The store's tables at the newest migration: reports (every version) and their claims.

A report's identity (its id) and its version are two columns, and the pair is the key: no id is made
by writing a version into a string, so no id a user gives can collide with another report's version.

One schema for SQLite and PostgreSQL. Changes go through a new Alembic migration
in ``migrations/versions/`` as well as here; ``tests/store`` checks the two agree.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, ForeignKeyConstraint, Index, Integer, MetaData,
                        PrimaryKeyConstraint, String, Table, Text, UniqueConstraint)

from ..model import REPORT_FIELD_CHARS

metadata = MetaData()

# As wide as the readers and the API let a field be (model.REPORT_FIELD_CHARS); ids are URLs as often as not.
WIDTH = REPORT_FIELD_CHARS
ID = String(WIDTH["id"])

reports = Table(
    "reports", metadata,
    Column("id", ID, nullable=False),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_sha1", String(40), nullable=False),
    Column("published", String(WIDTH["published"])),
    Column("outlet", String(WIDTH["outlet"])),
    Column("url", Text),
    Column("language", String(WIDTH["language"]), nullable=False),
    Column("incident", String(WIDTH["incident"])),
    Column("origin", Text),
    Column("stored_at", String(32)),
    # Versions are numbered without gaps or twins, so two processes storing at once cannot both win;
    # the same text under the same identity is stored once.
    PrimaryKeyConstraint("id", "version", name="pk_reports"),
    UniqueConstraint("id", "text_sha1", name="uq_reports_id_text"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(64), nullable=False),
    Column("report_id", ID, nullable=False),
    Column("report_version", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    # 64-bit: any count extraction accepts (settings.MAX_PEOPLE) fits, on SQLite and PostgreSQL alike.
    Column("count_low", BigInteger),
    Column("count_high", BigInteger),
    Column("qualifier", String(16), nullable=False),
    Column("count_text", Text),
    Column("group_text", Text),
    Column("nationality", String(2)),
    Column("foreign", Boolean),
    Column("role", String(16), nullable=False),
    Column("source_text", Text),
    Column("source_kind", String(16), nullable=False),
    Column("source_country", String(2)),
    Column("source_via", Text),
    Column("modality", String(16), nullable=False),
    Column("published", String(64)),
    Column("time", String(64)),
    PrimaryKeyConstraint("id", name="pk_claims"),
    ForeignKeyConstraint(["report_id", "report_version"], ["reports.id", "reports.version"],
                         ondelete="CASCADE", name="fk_claims_report"),
    Index("ix_claims_report_version", "report_id", "report_version"),
)
