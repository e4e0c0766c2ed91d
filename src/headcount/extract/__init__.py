"""Extract: report text -> claims and named people, with a spaCy pipeline plus rules and lexicons in ``patterns/``.

The pipeline is imported on first use, so that ``extract.facts`` (plain text,
no spaCy) costs the reconciler no spaCy import.
"""
__all__ = ["extract_report", "extract_reports", "extract_text", "load_pipeline", "read_report", "read_reports",
           "ReportReading"]


def __getattr__(name: str):
    if name in __all__:
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(name)
