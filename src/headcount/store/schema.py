"""The store's tables at the newest migration: reports (every version), their claims and named people, alert
rules, and decisions on merging people.

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

# -- alerts (issue 19) ---------------------------------------------------------------------------------
# A rule says what to watch and where to say it; what it last saw of each incident is kept beside it, and
# each change it saw is a delivery row, written in the same transaction as the new last-seen state, so an
# alert is recorded once and kept until it is delivered (alerts/).
INCIDENT = String(WIDTH["incident"])
MOMENT = String(40)  # an ISO 8601 UTC moment; stored so, moments compare as strings

alert_rules = Table(
    "alert_rules", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident", INCIDENT),  # null: every incident
    Column("watches_cells", Boolean, nullable=False),
    # Of the watched cells, each part given must match (null: any): "JP killed" names two.
    Column("nationality", String(2)),
    Column("side", String(16)),
    Column("status", String(16)),
    Column("conflicts", Boolean, nullable=False),
    Column("new_incidents", Boolean, nullable=False),
    Column("policy", String(16), nullable=False),
    Column("channel", String(16), nullable=False),  # webhook | email | terminal
    Column("target", Text),  # the webhook's URL or the e-mail address
    Column("secret", Text),  # the webhook's HMAC key
    Column("created_at", MOMENT, nullable=False),
    Column("person", Text),  # the name of the person whose status is watched (null: none)
)

alert_seen = Table(
    "alert_seen", metadata,
    Column("rule_id", Integer, nullable=False),
    Column("incident", INCIDENT, nullable=False),
    # The store's revision the state was computed at: an older state never replaces a newer one.
    Column("revision", Integer, nullable=False),
    Column("reports", Text, nullable=False),  # JSON: the incident's (report, version) pairs then
    Column("state", Text, nullable=False),    # JSON: the watched cells' figures, the conflicts and people
    PrimaryKeyConstraint("rule_id", "incident", name="pk_alert_seen"),
    ForeignKeyConstraint(["rule_id"], ["alert_rules.id"], ondelete="CASCADE", name="fk_alert_seen_rule"),
)

alert_deliveries = Table(
    "alert_deliveries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(36), nullable=False),  # the alert's id, sent with it: receivers drop repeats by it
    Column("rule_id", Integer, nullable=False),
    Column("incident", INCIDENT, nullable=False),
    Column("alert", Text, nullable=False),  # the alert's JSON (views.alert), sent as it is
    Column("status", String(16), nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("created_at", MOMENT, nullable=False),
    Column("delivered_at", MOMENT),
    Column("next_attempt_at", MOMENT),  # null: as soon as a deliverer runs
    Column("lease_until", MOMENT),      # a deliverer is sending it until then; past it, another may
    UniqueConstraint("key", name="uq_alert_deliveries_key"),
    ForeignKeyConstraint(["rule_id"], ["alert_rules.id"], ondelete="CASCADE", name="fk_alert_deliveries_rule"),
    Index("ix_alert_deliveries_status", "status"),
)

# -- people (issue 18) ---------------------------------------------------------------------------------
# The named people of a report version, stored with its claims in one transaction; a row per person, in
# the order extraction gave them. Mentions and statuses are JSON text: they are read and written whole.
people = Table(
    "people", metadata,
    Column("report_id", ID, nullable=False),
    Column("report_version", Integer, nullable=False),
    Column("position", Integer, nullable=False),  # the person's place among the report's people
    Column("name", Text, nullable=False),
    Column("mentions", Text, nullable=False),  # JSON: [[start, end], ...]
    Column("nationality", String(2)),
    Column("age", Integer),
    Column("sex", String(16)),
    Column("home_town", Text),
    Column("employer", Text),
    Column("role", String(16), nullable=False),
    Column("statuses", Text, nullable=False),  # JSON: Person.to_dict's statuses
    Column("published", String(64)),
    PrimaryKeyConstraint("report_id", "report_version", "position", name="pk_people"),
    ForeignKeyConstraint(["report_id", "report_version"], ["reports.id", "reports.version"],
                         ondelete="CASCADE", name="fk_people_report"),
)

# A user's decisions on merging people (`headcount people --split/--join`): the mentions (report id and
# name, reconcile.people.mention_key) to keep apart or together, in the order they were made; a later
# decision on the same two mentions overrules an earlier one.
person_decisions = Table(
    "person_decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident", INCIDENT, nullable=False),
    Column("kind", String(16), nullable=False),  # apart | together
    Column("mentions", Text, nullable=False),    # JSON: the mention keys, each pair of which the kind binds
    Column("record", String(64)),                # the record it was asked of (--split), for the output
    Column("made_at", MOMENT, nullable=False),
)
