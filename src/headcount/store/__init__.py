"""Store: reports and claims, in SQLite by default or PostgreSQL, through SQLAlchemy."""
from .store import Store, StoredReport, VersionTaken

__all__ = ["Store", "StoredReport", "VersionTaken"]
