"""The store's tables at the newest migration: reports (every version) and their claims.

One schema for SQLite and PostgreSQL. Changes go through a new Alembic migration
in ``migrations/versions/`` as well as here; ``tests/store`` checks the two agree.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

# Report ids are URLs as often as not: room for long ones.
ID = String(2000)

reports = Table(
    "reports", metadata,
    Column("id", ID, primary_key=True),
    Column("identity", ID, nullable=False),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_sha1", String(40), nullable=False),
    Column("published", String(64)),
    Column("outlet", String(512)),
    Column("url", Text),
    Column("language", String(16), nullable=False),
    Column("incident", String(512)),
    Column("origin", Text),
    Column("stored_at", String(32)),
    # The same text under the same identity is stored once; versions are numbered without gaps or twins,
    # so two processes storing at once cannot both win.
    UniqueConstraint("identity", "text_sha1", name="uq_reports_identity_text"),
    UniqueConstraint("identity", "version", name="uq_reports_identity_version"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", ID, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("count_low", Integer),
    Column("count_high", Integer),
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
    Index("ix_claims_report", "report_id"),
)
