"""The store's tables: reports and their claims. One schema for SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("id", String(512), primary_key=True),
    Column("text", Text, nullable=False),
    Column("text_sha1", String(40), nullable=False),
    Column("published", String(64)),
    Column("outlet", String(512)),
    Column("url", Text),
    Column("language", String(16), nullable=False, default="en"),
    Column("incident", String(512)),
    Column("origin", Text),
)

claims = Table(
    "claims", metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", String(512), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
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
