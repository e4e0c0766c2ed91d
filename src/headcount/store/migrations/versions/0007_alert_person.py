"""Alert rules on a named person's status (issue 19, with the people of issue 18): the name a rule watches.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null for every rule made before: they watch no one. What a rule saw of people is kept in its
    # alert_seen state (JSON), which needs no new column: a state without people reads as having seen none.
    op.add_column("alert_rules", sa.Column("person", sa.Text))
