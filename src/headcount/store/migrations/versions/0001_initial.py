"""The store of headcount 0.1: reports and claims.

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(512), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_sha1", sa.String(40), nullable=False),
        sa.Column("published", sa.String(64)),
        sa.Column("outlet", sa.String(512)),
        sa.Column("url", sa.Text),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("incident", sa.String(512)),
        sa.Column("origin", sa.Text),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("report_id", sa.String(512), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("count_low", sa.Integer),
        sa.Column("count_high", sa.Integer),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("count_text", sa.Text),
        sa.Column("group_text", sa.Text),
        sa.Column("nationality", sa.String(2)),
        sa.Column("foreign", sa.Boolean),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("source_text", sa.Text),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("source_country", sa.String(2)),
        sa.Column("source_via", sa.Text),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("published", sa.String(64)),
    )
    op.create_index("ix_claims_report", "claims", ["report_id"])
