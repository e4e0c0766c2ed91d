"""Ingest: files, folders, feeds, URLs and stdin -> ``model.Report`` (or an error naming the file and line).
Extracting and storing them is ``headcount.pipeline``'s."""
from .readers import SUFFIXES, FeedOptions, ReadResult, read_file, read_paths, report_from_object

__all__ = ["SUFFIXES", "FeedOptions", "ReadResult", "read_file", "read_paths", "report_from_object"]
