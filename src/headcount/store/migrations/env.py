"""Alembic's entry point: migrate the connection that ``headcount.store.migrate`` hands over."""
from alembic import context

from headcount.store.schema import metadata

connection = context.config.attributes["connection"]
# Batch mode: SQLite can only change a table's constraints by copying it.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
