"""Alembic migrations of the store, run by ``Store.open`` (no alembic.ini needed).

``env.py`` runs them on the connection ``Store.open`` passes in, inside its
transaction, so that two processes opening a new store cannot both create it.
"""
