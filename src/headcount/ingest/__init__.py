"""Ingest: files and folders of reports -> ``model.Report`` (or an error naming the file and line)."""
from .readers import SUFFIXES, ReadResult, read_file, read_paths, report_from_object

__all__ = ["SUFFIXES", "ReadResult", "read_file", "read_paths", "report_from_object"]
