"""The pipeline: what ``ingest`` reads, extracted and stored, one report at a time (``ingest``), and
feeds polled round after round (``watch_feeds``). The CLI, the API, ``watch`` and ``batch`` all store
reports through here; ``headcount.ingest`` only reads."""
from .run import IngestResult, ingest, store_report

__all__ = ["IngestResult", "ingest", "store_report"]
