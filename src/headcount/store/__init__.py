"""Store: reports and claims, in SQLite by default or PostgreSQL, through SQLAlchemy."""
from .store import Store, StoredReport, VersionTaken, version_id

__all__ = ["Store", "StoredReport", "VersionTaken", "version_id"]
