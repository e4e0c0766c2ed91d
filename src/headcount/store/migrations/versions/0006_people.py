"""The named people of each report version, and a user's decisions on merging them (issue 18).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.String(2000)
INCIDENT = sa.String(512)
MOMENT = sa.String(40)


def upgrade() -> None:
    # The tables as this revision defines them: a migration must not change when schema.py does.
    op.create_table(
        "people",
        sa.Column("report_id", ID, nullable=False), sa.Column("report_version", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("name", sa.Text, nullable=False),
        sa.Column("mentions", sa.Text, nullable=False), sa.Column("nationality", sa.String(2)),
        sa.Column("age", sa.Integer), sa.Column("sex", sa.String(16)), sa.Column("home_town", sa.Text),
        sa.Column("employer", sa.Text), sa.Column("role", sa.String(16), nullable=False),
        sa.Column("statuses", sa.Text, nullable=False), sa.Column("published", sa.String(64)),
        sa.PrimaryKeyConstraint("report_id", "report_version", "position", name="pk_people"),
        sa.ForeignKeyConstraint(["report_id", "report_version"], ["reports.id", "reports.version"],
                                ondelete="CASCADE", name="fk_people_report"))
    op.create_table(
        "person_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident", INCIDENT, nullable=False), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("mentions", sa.Text, nullable=False), sa.Column("record", sa.String(64)),
        sa.Column("made_at", MOMENT, nullable=False))
