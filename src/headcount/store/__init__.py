"""Store: reports and claims, in SQLite by default or PostgreSQL, through SQLAlchemy."""
from .store import PersonDecision, Store, StoredReport, VersionTaken

__all__ = ["PersonDecision", "Store", "StoredReport", "VersionTaken"]
