"""Ingest: files, folders, feeds, URLs and stdin -> ``model.Report`` (or an error naming the file and line),
and the batch loop that extracts and stores them (``ingest``)."""
from .readers import SUFFIXES, FeedOptions, ReadResult, read_file, read_paths, report_from_object
from .run import IngestResult, ingest

__all__ = ["SUFFIXES", "FeedOptions", "ReadResult", "read_file", "read_paths", "report_from_object", "IngestResult", "ingest"]
