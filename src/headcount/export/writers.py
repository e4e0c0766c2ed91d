"""Write an exported table as CSV, JSON (one array), JSON Lines or Parquet, to a file or stdout."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from .columns import Table

FORMATS = ("csv", "json", "jsonl", "parquet")
_ARROW_TYPES = {"str": "string", "int": "int64", "bool": "bool_"}


def write_table(table: Table, format: str, out: Path | None = None) -> None:
    """Write ``table`` in ``format`` to ``out`` (a path), else to stdout. Parquet to stdout is binary."""
    if format == "parquet":
        _write_parquet(table, out)
        return
    text = {"csv": _csv, "json": _json, "jsonl": _jsonl}[format](table)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8", newline="")


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[name for name, _ in table.columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.rows)
    return buffer.getvalue()


def _json(table: Table) -> str:
    return json.dumps(table.rows, ensure_ascii=False, indent=1) + "\n"


def _jsonl(table: Table) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in table.rows)


def _write_parquet(table: Table, out: Path | None) -> None:
    import pyarrow as pa  # imported here: large, and only Parquet needs it
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, _ARROW_TYPES[kind])()) for name, kind in table.columns])
    arrow = pa.Table.from_pylist(table.rows, schema=schema)
    if out is None:
        sink = pa.BufferOutputStream()
        pq.write_table(arrow, sink)
        sys.stdout.buffer.write(sink.getvalue().to_pybytes())
    else:
        pq.write_table(arrow, out)
