"""Alert rules, what each last saw of each incident, and the alerts to deliver (issue 19).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INCIDENT = sa.String(512)
MOMENT = sa.String(40)


def upgrade() -> None:
    # The tables as this revision defines them: a migration must not change when schema.py does.
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident", INCIDENT), sa.Column("watches_cells", sa.Boolean, nullable=False),
        sa.Column("nationality", sa.String(2)), sa.Column("side", sa.String(16)), sa.Column("status", sa.String(16)),
        sa.Column("conflicts", sa.Boolean, nullable=False), sa.Column("new_incidents", sa.Boolean, nullable=False),
        sa.Column("policy", sa.String(16), nullable=False), sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.Text), sa.Column("secret", sa.Text), sa.Column("created_at", MOMENT, nullable=False))
    op.create_table(
        "alert_seen",
        sa.Column("rule_id", sa.Integer, nullable=False), sa.Column("incident", INCIDENT, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False), sa.Column("reports", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("rule_id", "incident", name="pk_alert_seen"),
        sa.ForeignKeyConstraint(["rule_id"], ["alert_rules.id"], ondelete="CASCADE", name="fk_alert_seen_rule"))
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(36), nullable=False), sa.Column("rule_id", sa.Integer, nullable=False),
        sa.Column("incident", INCIDENT, nullable=False), sa.Column("alert", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False), sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text), sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("delivered_at", MOMENT), sa.Column("next_attempt_at", MOMENT), sa.Column("lease_until", MOMENT),
        sa.UniqueConstraint("key", name="uq_alert_deliveries_key"),
        sa.ForeignKeyConstraint(["rule_id"], ["alert_rules.id"], ondelete="CASCADE",
                                name="fk_alert_deliveries_rule"))
    op.create_index("ix_alert_deliveries_status", "alert_deliveries", ["status"])
