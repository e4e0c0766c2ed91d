"""A report is keyed by its identity and its version, two columns; claims name both. Counts are 64-bit.

Until now a later version's id was its identity with "@vN" written after it, so a report whose own id
was "a@v2" took the id of the second version of "a", and that version could never be stored. Here
every report keeps its identity as its id, the pair (id, version) becomes the key, and each claim
gets the version of its report beside the report's id.

The tables are rebuilt the same way on SQLite and PostgreSQL: the old ones are renamed, the new ones
created and filled from them in SQL (nothing is read into memory), and the old ones dropped.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(2000)
# The columns both versions of the tables share, copied as they are.
REPORT_COLUMNS = ("version", "text", "text_sha1", "published", "outlet", "url", "language", "incident",
                  "origin", "stored_at")
CLAIM_COLUMNS = ("span_start", "span_end", "text", "status", "count_low", "count_high", "qualifier",
                 "count_text", "group_text", "nationality", "foreign", "role", "source_text", "source_kind",
                 "source_country", "source_via", "modality", "published", "time")


def _new_tables(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    # The tables as this revision defines them: a migration must not change when schema.py does.
    reports = sa.Table(
        "reports", metadata,
        sa.Column("id", ID, nullable=False), sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False), sa.Column("text_sha1", sa.String(40), nullable=False),
        sa.Column("published", sa.String(64)), sa.Column("outlet", sa.String(512)), sa.Column("url", sa.Text),
        sa.Column("language", sa.String(16), nullable=False), sa.Column("incident", sa.String(512)),
        sa.Column("origin", sa.Text), sa.Column("stored_at", sa.String(32)),
        sa.PrimaryKeyConstraint("id", "version", name="pk_reports"),
        sa.UniqueConstraint("id", "text_sha1", name="uq_reports_id_text"))
    claims = sa.Table(
        "claims", metadata,
        sa.Column("id", sa.String(64), nullable=False), sa.Column("report_id", ID, nullable=False),
        sa.Column("report_version", sa.Integer, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False), sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False), sa.Column("status", sa.String(16), nullable=False),
        sa.Column("count_low", sa.BigInteger), sa.Column("count_high", sa.BigInteger),
        sa.Column("qualifier", sa.String(16), nullable=False), sa.Column("count_text", sa.Text),
        sa.Column("group_text", sa.Text), sa.Column("nationality", sa.String(2)), sa.Column("foreign", sa.Boolean),
        sa.Column("role", sa.String(16), nullable=False), sa.Column("source_text", sa.Text),
        sa.Column("source_kind", sa.String(16), nullable=False), sa.Column("source_country", sa.String(2)),
        sa.Column("source_via", sa.Text), sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("published", sa.String(64)), sa.Column("time", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["report_id", "report_version"], ["reports.id", "reports.version"],
                                ondelete="CASCADE", name="fk_claims_report"),
        sa.Index("ix_claims_report_version", "report_id", "report_version"))
    return reports, claims


def upgrade() -> None:
    op.rename_table("claims", "claims_0003")
    op.rename_table("reports", "reports_0003")
    conn = op.get_bind()
    reports, claims = _new_tables(sa.MetaData())
    reports.create(conn)
    claims.create(conn)
    old_reports = sa.table("reports_0003", *(sa.column(n) for n in ("id", "identity") + REPORT_COLUMNS))
    old_claims = sa.table("claims_0003", *(sa.column(n) for n in ("id", "report_id") + CLAIM_COLUMNS))
    conn.execute(reports.insert().from_select(
        ("id",) + REPORT_COLUMNS,
        sa.select(old_reports.c.identity, *(old_reports.c[n] for n in REPORT_COLUMNS))))
    conn.execute(claims.insert().from_select(
        ("id", "report_id", "report_version") + CLAIM_COLUMNS,
        sa.select(old_claims.c.id, old_reports.c.identity, old_reports.c.version,
                  *(old_claims.c[n] for n in CLAIM_COLUMNS))
        .select_from(old_claims.join(old_reports, old_claims.c.report_id == old_reports.c.id))))
    op.drop_table("claims_0003")
    op.drop_table("reports_0003")
