"""headcount: sourced, reconciled counts of the people affected by an incident, from news reports.

The Python API the CLI itself uses::

    import headcount
    claims = headcount.extract_text("Officials said 12 workers were freed.")
    with headcount.open_store("sqlite:///example.db") as store:
        headcount.ingest_reports([report], store)  # extracted, stored with its version, once
        accounts = headcount.account(store)
"""
from .model import Claim, Count, Group, Report, Source

__version__ = "0.1.0"

__all__ = ["Claim", "Count", "Group", "Report", "Source", "extract_text", "extract_report", "find_sources", "open_store",
           "ingest_reports",
           "account"]


def extract_text(text: str, report_id: str = "text", outlet: str | None = None) -> list[Claim]:
    """The claims of a text. See ``headcount.extract``."""
    from .extract import extract_text as _extract
    return _extract(text, report_id=report_id, outlet=outlet)


def extract_report(report: Report) -> list[Claim]:
    """The claims of a report."""
    from .extract import extract_report as _extract
    return _extract(report)


def find_sources(text: str, spans: list[list[tuple[int, int]]], language: str = "en"):
    """For each span of a text (its [start, end) pieces), the pieces of the words that say who it comes
    from ("he", "the ministry"), or None where the text names no one. See ``headcount.extract.sources``."""
    from .extract.sources import find_sources as _find
    return _find(text, spans, language=language)


def open_store(url: str | None = None):
    """Open (creating if needed) the store at an SQLAlchemy URL; default ``$HEADCOUNT_DB`` or ``headcount.db``."""
    from .store import Store
    return Store.open(url)


# Not "ingest": that name is the headcount.ingest package, which replaces the attribute once imported.
def ingest_reports(reports, store, incident: str | None = None):
    """Extract and store reports (``Report``s, or what ``headcount.ingest.read_paths`` yields): each report
    once per text, in one transaction with its claims. RETURNS an ``IngestResult`` (stored ids, known, errors,
    warnings)."""
    from .pipeline import ingest as _ingest
    return _ingest(reports, store, incident=incident)


def account(store, policy: str = "latest", as_of: str | None = None):
    """The account of every incident in a store (see ``headcount.reconcile``)."""
    from .reconcile import account_incidents
    return account_incidents(store.reports(), store.claims(), policy=policy, as_of=as_of)
