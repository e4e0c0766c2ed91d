"""Extract: report text -> claims, with a spaCy pipeline plus rules and lexicons in ``patterns/``."""
from .pipeline import extract_report, extract_reports, extract_text, load_pipeline

__all__ = ["extract_report", "extract_reports", "extract_text", "load_pipeline"]
