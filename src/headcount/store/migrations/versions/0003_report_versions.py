"""Reports get an identity and numbered versions: a changed text under the same id or URL is kept beside the old.

Existing reports become version 1 of themselves, and their text hash is
recomputed over the normalised text, as new reports' are.

Revision ID: 0003
Revises: 0002
"""
import hashlib
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(2000)


def _text_hash(text: str) -> str:
    # A copy of model.text_hash as it was at this revision: a migration must not change when the model does.
    return hashlib.sha1(" ".join(unicodedata.normalize("NFC", text).split()).encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("identity", ID))
        batch.add_column(sa.Column("version", sa.Integer))
        batch.add_column(sa.Column("stored_at", sa.String(32)))
        batch.alter_column("id", type_=ID, existing_nullable=False)
    reports = sa.table("reports", sa.column("id", ID), sa.column("text", sa.Text), sa.column("text_sha1", sa.String),
                       sa.column("identity", ID), sa.column("version", sa.Integer))
    conn = op.get_bind()
    for row in conn.execute(sa.select(reports.c.id, reports.c.text)).all():
        conn.execute(reports.update().where(reports.c.id == row.id)
                     .values(identity=row.id, version=1, text_sha1=_text_hash(row.text)))
    with op.batch_alter_table("reports") as batch:
        batch.alter_column("identity", existing_type=ID, nullable=False)
        batch.alter_column("version", existing_type=sa.Integer, nullable=False)
        batch.create_unique_constraint("uq_reports_identity_text", ["identity", "text_sha1"])
        batch.create_unique_constraint("uq_reports_identity_version", ["identity", "version"])
    with op.batch_alter_table("claims") as batch:
        batch.alter_column("report_id", type_=ID, existing_nullable=False)
