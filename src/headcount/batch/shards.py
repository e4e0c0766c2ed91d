"""Shards: the input files of a batch, one partition each, and the claims file each partition gives.

A shard is a JSON Lines file (the Reports format, one report a line) or a Parquet file with the same
fields as columns. What runs on a worker is ``extract_shard``: read the shard, extract, write the
partition's claims next to the others, and its named people beside them (``people-NNNNN.jsonl``, the
lines of `headcount extract --people`, for `batch --ingest`), and say what it did. Each file is written
under a temporary name and renamed when whole, so a partition that fails and is retried never leaves half
a file behind.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Claim, Person, Report

SHARD_SUFFIXES = (".jsonl", ".parquet")
OUTPUT_FORMATS = ("parquet", "jsonl")


@dataclass
class PartitionResult:
    """What one partition did: its shard, its claims file, the lines it could not read (errors) and what it
    set right in the lines it read (warnings, ``Report.warnings``)."""

    index: int
    shard: str
    output: str
    reports: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    people_output: str | None = None  # the file of its named people (None: none written)
    warnings: list[str] = field(default_factory=list)


def list_shards(inputs: Iterable[str | Path]) -> list[Path]:
    """The shard files of the inputs: files as given, folders searched for .jsonl and .parquet files
    in name order. A missing path or another kind of file is an error naming it."""
    shards: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            shards.extend(sorted(p for p in path.rglob("*") if p.suffix in SHARD_SUFFIXES and p.is_file()))
        elif not path.exists():
            raise InputError(Errors.E011.format(path=path))
        elif path.suffix not in SHARD_SUFFIXES:
            raise InputError(Errors.E021.format(path=path, suffix=path.suffix or "(none)"))
        else:
            shards.append(path)
    return shards


def read_shard(path: Path) -> Iterator[Report | InputError]:
    """The reports of one shard, or errors naming the file and line (row) that could not be read."""
    if path.suffix == ".parquet":
        yield from _read_parquet(path)
    else:
        from ..ingest import read_paths
        yield from read_paths([path])


def _read_parquet(path: Path) -> Iterator[Report | InputError]:
    import pyarrow.parquet as pq

    from ..ingest.readers import checked, report_from_object
    try:
        rows = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several kinds for a file that is not Parquet
        yield InputError(Errors.E001.format(path=path, reason=f"not Parquet: {e}"), origin=str(path))
        return
    line = 0
    for batch in rows.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            line += 1
            try:
                yield checked(report_from_object(row, path, line))
            except InputError as e:
                yield e


def output_name(index: int, fmt: str) -> str:
    return f"claims-{index:05d}.{fmt}"


def people_name(index: int) -> str:
    return f"people-{index:05d}.jsonl"


def extract_shard(index: int, shard: str, output_dir: str, fmt: str) -> PartitionResult:
    """Run on a worker: the claims of one shard, written to ``output_dir/claims-NNNNN.FMT``."""
    from ..extract import read_reports

    out = Path(output_dir) / output_name(index, fmt)
    people_out = Path(output_dir) / people_name(index)
    result = PartitionResult(index, shard, str(out), people_output=str(people_out))
    reports = []
    for item in read_shard(Path(shard)):
        if isinstance(item, InputError):
            result.errors.append(str(item))
        else:
            result.warnings.extend(item.warnings)
            reports.append(item)
    readings = list(read_reports(reports))
    claims = [c for r in readings for c in r.claims]
    result.reports, result.claims = len(reports), len(claims)
    for path, write in ((out, lambda to: write_claims(claims, to, fmt)),
                        (people_out, lambda to: write_people([p for r in readings for p in r.people], to))):
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        write(partial)
        os.replace(partial, path)
    return result


def write_people(people: list[Person], path: Path) -> None:
    """The lines of `headcount extract --people`: a person a line."""
    with open(path, "w", encoding="utf-8") as fh:
        for p in people:
            fh.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")


def read_people(path: str | Path | None) -> list[Person]:
    """The people of a partition's file; none when it wrote none."""
    if path is None or not Path(path).exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [Person.from_dict(json.loads(line)) for line in fh if line.strip()]


def write_claims(claims: list[Claim], path: Path, fmt: str) -> None:
    """JSON Lines: the lines of `headcount extract`; Parquet: the typed columns of `headcount export`."""
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for c in claims:
                fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        return
    from ..export import claims_table, write_table
    write_table(claims_table(claims), "parquet", path)


def read_claims(path: Path) -> list[Claim]:
    """The claims of a partition's file, either format."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            return [Claim.from_dict(json.loads(line)) for line in fh if line.strip()]
    import pyarrow.parquet as pq

    from ..export import claim_from_row
    return [claim_from_row(row) for row in pq.read_table(path).to_pylist()]
