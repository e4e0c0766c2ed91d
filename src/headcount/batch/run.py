"""Running a batch on Dask: one task a shard, on a LocalCluster or an existing scheduler.

A task that raises is retried (``retries``); a worker that dies has its tasks rescheduled by Dask. A
partition that still fails is reported with its shard and the error, and the batch goes on with the
others: nothing is dropped without a word. ``ingest_partitions`` then loads what the partitions wrote
into the store, each report in one transaction with its claims, as ``headcount ingest`` does.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Errors, HeadcountError, InputError
from .shards import PartitionResult, extract_shard, read_claims, read_people, read_shard


@dataclass
class BatchResult:
    partitions: list[PartitionResult] = field(default_factory=list)   # the ones that finished, by index
    failed: list[str] = field(default_factory=list)                   # one message per failed partition

    @property
    def errors(self) -> list[str]:
        return [e for p in self.partitions for e in p.errors] + self.failed

    @property
    def warnings(self) -> list[str]:
        return [w for p in self.partitions for w in p.warnings]


@contextmanager
def dask_client(scheduler: str, workers: int | None = None):
    """A dask.distributed Client: on a new LocalCluster sized to the machine (one single-threaded worker
    process a core: extraction holds the GIL) for "local", else on the scheduler at that address."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise HeadcountError(Errors.E023.format(address=scheduler, reason=e)) from e
    with client:
        yield client


def run_batch(shards: list[Path], output: Path, client, fmt: str = "parquet", retries: int = 2,
              on_done: Callable[[PartitionResult | None], None] | None = None,
              task: Callable[..., PartitionResult] = extract_shard) -> BatchResult:
    """Extract every shard as one partition; ``on_done`` is called as each finishes (None: it failed).
    ``task(index, shard, output_dir, fmt)`` runs on the workers (tests give another)."""
    from distributed import as_completed

    output.mkdir(parents=True, exist_ok=True)
    futures = {client.submit(task, i, str(shard), str(output), fmt, retries=retries, pure=False): i
               for i, shard in enumerate(shards)}
    result = BatchResult()
    for future in as_completed(futures):
        i = futures[future]
        if future.status == "finished":
            result.partitions.append(future.result())
        else:
            reason = repr(future.exception()) if future.status == "error" else future.status
            result.failed.append(Errors.E022.format(index=i, shard=shards[i], tries=retries + 1, reason=reason))
        if on_done:
            on_done(result.partitions[-1] if future.status == "finished" else None)
    result.partitions.sort(key=lambda p: p.index)
    return result


def ingest_partitions(partitions: list[PartitionResult], store, incident: str | None = None,
                      on_error: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Store each partition's reports with the claims and people its files hold. A report whose text is
    stored under its identity already is skipped; one that becomes a later version is read again here,
    since its claims' ids carry the version. RETURNS (stored, already known)."""
    from ..extract import read_report
    from ..pipeline import store_report

    stored = known = 0
    for part in partitions:
        claims_of: dict[str, list] = {}
        for c in read_claims(Path(part.output)):
            claims_of.setdefault(c.report, []).append(c)
        people_of: dict[str, list] = {}
        for p in read_people(part.people_output):
            people_of.setdefault(p.report, []).append(p)
        for report in read_shard(Path(part.shard)):
            if isinstance(report, InputError):
                continue  # named already, when the partition ran
            if incident and not report.incident:
                report = replace(report, incident=incident)
            try:
                ready = store.prepare(report)
                if ready is None:
                    known += 1
                    continue
                if ready.version == 1:
                    claims, people = claims_of.get(report.id, []), people_of.get(report.id, [])
                else:
                    reading = read_report(ready)
                    claims, people = reading.claims, reading.people
                if store_report(store, ready, claims, people) is None:
                    known += 1
                else:
                    stored += 1
            except HeadcountError as e:
                if on_error:
                    on_error(str(e))
    return stored, known
