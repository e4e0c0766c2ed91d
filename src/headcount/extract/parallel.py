"""Extraction in several processes (``--jobs N``): each process loads the pipeline once and extracts
batches of reports; results come back in input order.

Reports are drawn from the input lazily and at most two batches per process are in flight, so a
stream of any length holds a bounded number of reports in memory, as the one-process path does.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from ..model import Claim, Report

IN_FLIGHT_PER_PROCESS = 2


def _extract_batch(reports: list[Report]) -> list[tuple[Report, list[Claim]]]:
    from .pipeline import extract_reports
    return list(extract_reports(reports))


def _warm_up() -> None:
    from .pipeline import load_pipeline
    load_pipeline("en")


def extract_in_processes(reports: Iterable[Report], jobs: int,
                         batch_size: int = 16) -> Iterator[tuple[Report, list[Claim]]]:
    """What ``extract_reports`` gives, computed by ``jobs`` worker processes."""
    source = iter(reports)
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        while True:
            while len(pending) < jobs * IN_FLIGHT_PER_PROCESS:
                batch = list(islice(source, batch_size))
                if not batch:
                    break
                pending.append(pool.submit(_extract_batch, batch))
            if not pending:
                return
            yield from pending.popleft().result()
